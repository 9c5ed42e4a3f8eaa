// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihv-plugin-check: load a plugin into ihvd's contract host over a stub
 * driver and walk it through the contract: GetVersionInfo, InitService,
 * InitAdapter, a connection (PerformPreAssociate .. PostAssociateCompletion)
 * with the association answered by the stub, then DeinitAdapter,
 * DeinitService. Every contract violation the host detects is logged.
 *
 *   ihv-plugin-check [--load-only] [-v] PLUGIN.so
 *
 * Exit: 0 ok; 1 the plugin was refused or failed; 2 it did not authorize
 * (expected for plugins that need a real AP's EAPOL: use --load-only).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-host.h"
#include "common/log.h"
#include "common/loop.h"
#include "nl80211/driver.h"

#define IFINDEX 1

struct stub {
	struct drv base;
	int connects;
	uint8_t ies[256];
	size_t ies_len;
};

static int stub_capa(struct drv *d, uint32_t ifindex, struct drv_capa *c)
{
	static const uint32_t ciphers[] = { 0x000fac02, 0x000fac04, 0x000fac06, 0x000fac08 };

	(void)d;
	if (ifindex != IFINDEX)
		return -ENODEV;
	memset(c, 0, sizeof(*c));
	memcpy(c->mac, "\x02\x00\x00\x00\x0c\x01", 6);
	snprintf(c->ifname, sizeof(c->ifname), "check0");
	memcpy(c->ciphers, ciphers, sizeof(ciphers));
	c->n_ciphers = 4;
	c->supports_connect = true;
	return 0;
}

static int stub_connect(struct drv *d, uint32_t ifindex, const struct drv_connect_params *p)
{
	struct stub *s = (struct stub *)d;

	(void)ifindex;
	s->connects++;
	s->ies_len = p->ies_len < sizeof(s->ies) ? p->ies_len : 0;
	if (s->ies_len)
		memcpy(s->ies, p->ies, s->ies_len);
	return 0;
}

static int stub_ok(void)
{
	return 0;
}

static int stub_disconnect(struct drv *d, uint32_t i, uint16_t r)
{
	(void)d;
	(void)i;
	(void)r;
	return stub_ok();
}

static int stub_tx(struct drv *d, uint32_t i, const uint8_t dst[6], uint16_t et,
		   const uint8_t *f, size_t l, bool ne, uint64_t *c)
{
	(void)d; (void)i; (void)dst; (void)et; (void)f; (void)l; (void)ne; (void)c;
	return stub_ok();
}

static int stub_key_new(struct drv *d, uint32_t i, const struct drv_key *k)
{
	(void)d; (void)i; (void)k;
	return stub_ok();
}

static int stub_key_del(struct drv *d, uint32_t i, enum drv_key_type t, uint16_t idx,
			const uint8_t *a)
{
	(void)d; (void)i; (void)t; (void)idx; (void)a;
	return stub_ok();
}

static int stub_key_default(struct drv *d, uint32_t i, uint16_t idx, bool u, bool m, bool g)
{
	(void)d; (void)i; (void)idx; (void)u; (void)m; (void)g;
	return stub_ok();
}

static int stub_authorize(struct drv *d, uint32_t i, const uint8_t a[6], bool au)
{
	(void)d; (void)i; (void)a; (void)au;
	return stub_ok();
}

static int stub_vendor(struct drv *d, uint32_t i, const uint8_t *in, size_t il,
		       uint8_t *out, size_t *ol)
{
	(void)d; (void)i; (void)in; (void)il; (void)out; (void)ol;
	return -EOPNOTSUPP;
}

static int stub_ethertype_listen(struct drv *d, uint32_t i, const uint16_t *t, size_t n)
{
	(void)d; (void)i; (void)t; (void)n;
	return stub_ok();
}

static const struct drv_ops stub_ops = {
	.name = "stub",
	.capa_get = stub_capa,
	.connect = stub_connect,
	.disconnect = stub_disconnect,
	.eapol_tx = stub_tx,
	.key_new = stub_key_new,
	.key_del = stub_key_del,
	.key_default_set = stub_key_default,
	.station_authorize = stub_authorize,
	.vendor_cmd = stub_vendor,
	.ethertype_listen = stub_ethertype_listen,
};

static int authorized, ended, disconnecting;
static uint32_t end_reason, end_error;

static void on_authorized(void *ctx)
{
	(void)ctx;
	authorized = 1;
}

static void on_ended(void *ctx, enum ihv_phase ph, uint32_t reason, uint32_t err,
		     uint16_t ieee)
{
	(void)ctx;
	(void)ieee;
	ended = 1;
	end_reason = reason;
	end_error = err;
	if (!disconnecting)
		fprintf(stderr, "connection ended in %s: reason 0x%x, error %u\n",
		ihv_phase_str(ph), reason, err);
}

static void run_until(struct loop *l, int *flag, int *flag2, int ms)
{
	uint64_t end = loop_now_us() + (uint64_t)ms * 1000u;

	while (!*flag && !*flag2 && loop_now_us() < end)
		loop_run_once(l, 10);
}

int main(int argc, char **argv)
{
	static const uint8_t bssid[6] = { 0x02, 0x00, 0x00, 0x00, 0x0c, 0x00 };
	static const uint8_t ap_ies[] = { 0x00, 0x05, 'c', 'h', 'e', 'c', 'k' };
	struct ihv_adapter_events ev = { .authorized = on_authorized, .ended = on_ended };
	struct stub s = { .base = { &stub_ops } };
	struct drv_bss bss;
	const struct drv_bss *list[1] = { &bss };
	struct ihv_connect_request req;
	struct ihv_host_params p;
	struct ihv_adapter *a;
	struct ihv_host *h;
	struct drv_event de;
	struct loop *l;
	char err[256];
	int load_only = 0, i, rc = 0, zero = 0;
	const char *path = NULL;

	log_level_set(LOG_LEVEL_WARN);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--load-only"))
			load_only = 1;
		else if (!strcmp(argv[i], "-v"))
			log_level_set(LOG_LEVEL_DEBUG);
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: %s [--load-only] [-v] PLUGIN.so\n", argv[0]);
		return 1;
	}
	l = loop_new();
	memset(&p, 0, sizeof(p));
	p.loop = l;
	p.drv = &s.base;
	p.plugin_path = path;
	p.preassoc_timeout_ms = 3000;
	p.postassoc_timeout_ms = 3000;
	/* IHVD_PLUGIN_ISOLATION=isolated: in ihvd-plugin-host ($IHVD_PLUGIN_HOST) */
	p.isolated = getenv("IHVD_PLUGIN_ISOLATION") &&
		     !strcmp(getenv("IHVD_PLUGIN_ISOLATION"), "isolated");
	h = ihv_host_new(&p, err, sizeof(err));
	if (!h) {
		fprintf(stderr, "refused: %s\n", err);
		loop_free(l);
		return 1;
	}
	a = ihv_adapter_new(h, IFINDEX, "check0", &ev, NULL);
	if (!a) {
		fprintf(stderr, "InitAdapter failed\n");
		rc = 1;
		goto out;
	}
	if (load_only)
		goto out;
	memset(&bss, 0, sizeof(bss));
	memcpy(bss.bssid, bssid, 6);
	bss.freq = 2412;
	bss.signal_mbm = -4000;
	bss.capability = 0x0001;
	bss.beacon_interval = 100;
	bss.ies = ap_ies;
	bss.ies_len = sizeof(ap_ies);
	memset(&req, 0, sizeof(req));
	req.ssid = (const uint8_t *)"check";
	req.ssid_len = 5;
	req.bss = list;
	req.n_bss = 1;
	req.connectivity_xml = "";
	req.security_xml = "";
	if (ihv_adapter_connect(a, &req)) {
		rc = 1;
		goto out;
	}
	run_until(l, &s.connects, &ended, 4000);
	if (!s.connects) {
		fprintf(stderr, "no association was attempted\n");
		rc = 1;
		goto out;
	}
	memset(&de, 0, sizeof(de));
	de.type = DRV_EVENT_CONNECT_RESULT;
	de.ifindex = IFINDEX;
	memcpy(de.connect.bssid, bssid, 6);
	de.connect.freq = 2412;
	de.connect.req_ies = s.ies;
	de.connect.req_ies_len = s.ies_len;
	ihv_host_drv_event(h, &de);
	run_until(l, &authorized, &ended, 4000);
	if (!authorized)
		rc = ended && end_error != 1460 /* ERROR_TIMEOUT */ ? 1 : 2;
	disconnecting = 1;
	ihv_adapter_disconnect(a, 3);
	run_until(l, &zero, &zero, 20);
out:
	ihv_host_free(h);
	loop_free(l);
	if (!rc)
		printf("%s: %s\n", path, load_only ? "loaded, adapter initialized, unloaded" :
		       "loaded, connected, port authorized, unloaded");
	return rc;
}
