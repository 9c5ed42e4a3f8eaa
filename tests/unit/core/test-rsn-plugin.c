// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihv-rsn.so through the real host core over the simulated driver: dlopen of
 * $IHVD_BUILD/ihv-rsn.so, a full connect through the contract (pre-association, CONNECT,
 * post-association, 4-way over the sim driver's EAPOL with an in-test authenticator), and
 * what the driver saw: the pairwise key = TK, the group key = GTK, the station authorized.
 * WPA-EAP through the contract's 802.1X path: the plugin's StartOneX, EAP between the host's
 * module and the EAP room's in-process server, PMK = MSK[0..31], then the 4-way; and a
 * PMKSA-cached reconnect with no EAP.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-host.h"
#include "core/registry.h"
#include "common/loop.h"
#include "rsn/crypto.h"
#include "rsn/plugin.h"
#include "common/ie.h"
#include "rsn/pmksa.h"
#include "rsn/reason.h"
#include "tests/sim/sim-drv.h"
#include "tests/unit/rsn/test-auth.h"
#include "tests/unit/eap/test-certs.h"
#include "tests/unit/eap/test-server.h"

#define IFINDEX 3
#define PASS "correct horse battery"
#define SSID_HEX "696876642d74657374"
#define PMK_HEX "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698"

static const uint8_t AA[6] = { 2, 0, 0, 0, 0, 0 };
static const uint8_t SPA[6] = { 2, 0, 0, 0, 1, 0 };

static struct loop *loop;
static struct sim_drv *sim;
static struct ihv_host *host;
static struct ihv_adapter *ad;
static struct {
	int authorized, ended;
	uint32_t reason, win32;
} evs;

static void on_drv_event(void *ctx, const struct drv_event *ev)
{
	ihv_host_drv_event(ctx, ev);
}

static void on_authorized(void *ctx)
{
	(void)ctx;
	evs.authorized++;
}

static void on_ended(void *ctx, enum ihv_phase phase, uint32_t reason, uint32_t win32,
		     uint16_t r80211)
{
	(void)ctx;
	(void)phase;
	(void)r80211;
	evs.ended++;
	evs.reason = reason;
	evs.win32 = win32;
}

static const struct ihv_adapter_events events = {
	.authorized = on_authorized,
	.ended = on_ended,
};

static void setup(void)
{
	char path[512], err[256], phost[512];
	const char *b = getenv("IHVD_BUILD");
	const char *mode = getenv("IHVD_PLUGIN_ISOLATION");
	struct ihv_host_params hp = { 0 };

	memset(&evs, 0, sizeof(evs));
	ihv_registry_lock_checked(); /* a nested host lock aborts the test */
	snprintf(path, sizeof(path), "%s/ihv-rsn.so", b ? b : "build");
	loop = loop_new();
	sim = sim_drv_new();
	sim_drv_iface_add(sim, IFINDEX, "wlan0", SPA);
	hp.loop = loop;
	hp.drv = sim_drv_base(sim);
	hp.plugin_path = path;
	/* run-unit runs this program inline and isolated (issue 11) */
	hp.isolated = mode && !strcmp(mode, "isolated");
	snprintf(phost, sizeof(phost), "%s/ihvd-plugin-host", b ? b : "build");
	hp.plugin_host_path = phost;
	host = ihv_host_new(&hp, err, sizeof(err));
	ck_assert_msg(host != NULL, "%s", err);
	sim_drv_event_cb_set(sim, on_drv_event, host);
	ad = ihv_adapter_new(host, IFINDEX, "wlan0", &events, NULL);
	ck_assert_ptr_nonnull(ad);
}

static void teardown(void)
{
	ihv_adapter_free(ad);
	ihv_host_free(host);
	sim_drv_free(sim);
	loop_run_once(loop, 0);
	loop_free(loop);
}

static void run(int ms)
{
	uint64_t end = loop_now_us() + (uint64_t)ms * 1000;

	while (loop_now_us() < end)
		loop_run_once(loop, 1);
}

/* Run until the driver saw n calls of op (or 2 s). */
static void run_until(enum sim_op op, size_t n)
{
	uint64_t end = loop_now_us() + 2000000;

	while (sim_drv_call_count(sim, op) < n && loop_now_us() < end)
		loop_run_once(loop, 2);
	ck_assert_uint_ge(sim_drv_call_count(sim, op), n);
}

static void connect_start_onex(struct test_auth *a, const char *auth_mode, int pmf, uint8_t *bcn,
			       size_t *bl, const struct ihv_onex_config *onex)
{
	struct drv_bss bss = { 0 };
	const struct drv_bss *list[1] = { &bss };
	char sec[512];
	struct ihv_connect_request req = { 0 };
	const struct sim_call *c;
	const uint8_t *rsne;
	size_t rl = 0;

	bcn[0] = 0;
	bcn[1] = 9;
	memcpy(bcn + 2, "ihvd-test", 9);
	memcpy(bcn + 11, a->ap_rsne, a->ap_rsne_len);
	*bl = 11 + a->ap_rsne_len;
	memcpy(bss.bssid, AA, 6);
	bss.freq = 2412;
	bss.signal_mbm = -4000;
	bss.ies = bcn;
	bss.ies_len = *bl;
	bss.ies_from_probe = true;
	snprintf(sec, sizeof(sec),
		 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid><AuthMode>%s"
		 "</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>%d</Pmf>"
		 "%s</IhvSecurity>",
		 auth_mode, pmf, onex ? "" : "<Passphrase>" PASS "</Passphrase>");
	req.onex = onex;
	req.ssid = (const uint8_t *)"ihvd-test";
	req.ssid_len = 9;
	req.bss = list;
	req.n_bss = 1;
	req.connectivity_xml = "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>" SSID_HEX
			       "</Ssid></IhvConnectivity>";
	req.security_xml = sec;
	ck_assert_int_eq(ihv_adapter_connect(ad, &req), 0);
	run_until(SIM_OP_CONNECT, 1);
	c = sim_drv_last(sim, SIM_OP_CONNECT);
	ck_assert_uint_eq(c->akm, a->akm->akm);
	ck_assert_uint_eq(c->pairwise, RSN_CIPHER_CCMP_128);
	ck_assert(c->control_port);
	/* the authenticator expects the RSNE the host built in message 2 */
	rsne = NULL;
	for (size_t off = 0; off + 2 <= c->ies_len; off += 2u + c->ies[off + 1])
		if (c->ies[off] == IE_ID_RSN) {
			rsne = c->ies + off;
			rl = 2u + c->ies[off + 1];
			break;
		}
	ck_assert_ptr_nonnull(rsne);
	memcpy(a->sta_rsne, rsne, rl);
	a->sta_rsne_len = rl;
	sim_drv_inject_connect(sim, IFINDEX, 0, AA, 2412, c->ies, c->ies_len, NULL, 0);
	run(5);
}

static void connect_start(struct test_auth *a, const char *auth_mode, int pmf, uint8_t *bcn,
			  size_t *bl)
{
	connect_start_onex(a, auth_mode, pmf, bcn, bl, NULL);
}

static const struct sim_call *eapol_tx(size_t n)
{
	run_until(SIM_OP_EAPOL_TX, n + 1);
	return sim_drv_call(sim, SIM_OP_EAPOL_TX, n);
}

START_TEST(test_connect_psk_sha256_pmf)
{
	struct test_auth a;
	uint8_t pmk[32], bcn[256], f[1024];
	const struct sim_call *c;
	size_t bl, n;
	bool ptk = false, gtk = false, igtk = false;

	for (size_t i = 0; i < 32; i++) {
		unsigned int v;

		sscanf(PMK_HEX + 2 * i, "%2x", &v);
		pmk[i] = (uint8_t)v;
	}
	test_auth_init(&a, RSN_AKM_PSK_SHA256, true, pmk, 99);
	memcpy(a.spa, SPA, 6);
	connect_start(&a, "WPA-PSK-SHA256", 2, bcn, &bl);

	n = test_auth_msg1(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	c = eapol_tx(0);
	ck_assert_mem_eq(c->dst, AA, 6);
	ck_assert_uint_eq(c->ethertype, 0x888e);
	ck_assert_int_eq(test_auth_rx(&a, c->frame, c->frame_len, true), 0);
	n = test_auth_msg3(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	c = eapol_tx(1);
	ck_assert_int_eq(test_auth_rx(&a, c->frame, c->frame_len, false), 0);
	run_until(SIM_OP_STATION_AUTHORIZE, 1);
	run(5);

	for (size_t i = 0; i < sim_drv_call_count(sim, SIM_OP_KEY_NEW); i++) {
		c = sim_drv_call(sim, SIM_OP_KEY_NEW, i);
		if (c->key_type == DRV_KEY_PAIRWISE) {
			ck_assert_uint_eq(c->key_len, 16);
			ck_assert_mem_eq(c->key, a.ptk.tk, 16);
			ck_assert_mem_eq(c->addr, AA, 6);
			ck_assert_uint_eq(c->cipher, RSN_CIPHER_CCMP_128);
			ptk = true;
		} else if (c->key_type == DRV_KEY_GROUP) {
			ck_assert_uint_eq(c->idx, a.gtk_idx);
			ck_assert_mem_eq(c->key, a.gtk, 16);
			gtk = true;
		} else if (c->key_type == DRV_KEY_IGTK) {
			ck_assert_uint_eq(c->idx, a.igtk_idx);
			ck_assert_mem_eq(c->key, a.igtk, 16);
			ck_assert_uint_eq(c->cipher, RSN_CIPHER_BIP_CMAC_128);
			igtk = true;
		}
	}
	ck_assert(ptk && gtk && igtk);
	c = sim_drv_last(sim, SIM_OP_STATION_AUTHORIZE);
	ck_assert(c->authorized);
	ck_assert_int_eq(evs.authorized, 1);
	ck_assert_int_eq(evs.ended, 0);
}
END_TEST

START_TEST(test_connect_wrong_passphrase)
{
	struct test_auth a;
	uint8_t pmk[32], bcn[256], f[1024];
	const struct sim_call *c;
	size_t bl, n;

	memset(pmk, 0x33, sizeof(pmk)); /* not what the profile's passphrase gives */
	test_auth_init(&a, RSN_AKM_PSK, false, pmk, 5);
	memcpy(a.spa, SPA, 6);
	connect_start(&a, "WPA-PSK", 0, bcn, &bl);
	n = test_auth_msg1(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	c = eapol_tx(0);
	ck_assert_int_eq(test_auth_rx(&a, c->frame, c->frame_len, true), -1);
	for (int i = 0; i < RSN_PLUGIN_PSK_MISMATCH_REPEATS; i++) {
		ck_assert_int_eq(evs.ended, 0); /* resends before the last are not a verdict */
		a.replay++;
		n = test_auth_build(&a, test_auth_info(&a, EAPOL_KEY_INFO_PAIRWISE), 16, a.anonce,
				    NULL, NULL, 0, f, sizeof(f));
		sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
		run(5);
	}
	run(20);
	ck_assert_int_eq(evs.ended, 1);
	ck_assert_uint_eq(evs.reason, RSN_REASON_PSK_MISMATCH);
	ck_assert_uint_ne(evs.win32, 0);
	ck_assert_int_eq(evs.authorized, 0);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_KEY_NEW), 0);
	/* the host can say what the plugin's code means (ihvlinux.h optional export) */
	{
		char why[128];

		ck_assert_int_eq(ihv_host_reason_text(host, evs.reason, why, sizeof(why)), 0);
		ck_assert_ptr_nonnull(strstr(why, "wrong passphrase"));
		ck_assert_int_eq(ihv_host_reason_text(host, 0x12345, why, sizeof(why)), -ENOENT);
	}
}
END_TEST

/* ---- WPA-EAP ---------------------------------------------------------------------------- */

/* The AP's EAP side: every EAP packet the host sent since *seen goes to the server. */
static void eap_pump(struct test_server *s, size_t *seen)
{
	for (int i = 0; i < 400 && !s->done; i++) {
		size_t n = sim_drv_call_count(sim, SIM_OP_EAPOL_TX);

		run(3);
		while (*seen < n && !s->done) {
			const struct sim_call *c = sim_drv_call(sim, SIM_OP_EAPOL_TX, (*seen)++);

			if (c->frame[1] != 0)
				continue; /* EAPOL-Start (held back) or Key */
			ck_assert_msg(ts_rx(s, c->frame, c->frame_len), "server refused a packet");
			if (!s->done) /* the Success goes out with message 1, below */
				sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, s->tx, s->tx_len,
						     true);
		}
	}
	ck_assert(s->done);
}

/* Message 1 .. 4 with the authenticator a, from frame index *seen on. */
static void four_way(struct test_auth *a, size_t *seen)
{
	uint8_t f[1024];
	const struct sim_call *c;
	size_t n;

	c = eapol_tx(*seen);
	(*seen)++;
	ck_assert_uint_eq(c->frame[1], 3);
	ck_assert_int_eq(test_auth_rx(a, c->frame, c->frame_len, true), 0);
	n = test_auth_msg3(a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	c = eapol_tx(*seen);
	(*seen)++;
	ck_assert_int_eq(test_auth_rx(a, c->frame, c->frame_len, false), 0);
	run_until(SIM_OP_STATION_AUTHORIZE, 1);
	run(5);
}

static bool pairwise_key_is(const uint8_t *tk)
{
	for (size_t i = 0; i < sim_drv_call_count(sim, SIM_OP_KEY_NEW); i++) {
		const struct sim_call *c = sim_drv_call(sim, SIM_OP_KEY_NEW, i);

		if (c->key_type == DRV_KEY_PAIRWISE && c->key_len == 16 && !memcmp(c->key, tk, 16))
			return true;
	}
	return false;
}

START_TEST(test_connect_wpa_eap_then_pmksa)
{
	static struct test_server srv;
	struct test_pki pki;
	struct ihv_onex_config oc = { 0 };
	struct test_auth a;
	uint8_t zero[32] = { 0 }, bcn[256], f[1024], pmkid[16];
	const struct sim_call *c;
	SSL_CTX *ctx;
	size_t bl, n, seen = 0;
	const uint8_t *rsne = NULL;

	test_pki_make(&pki);
	ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_3_VERSION);
	oc.methods[0] = IHV_ONEX_EAP_PEAP;
	oc.identity = "alice";
	oc.anonymous_identity = "anonymous";
	oc.password = "correct horse";
	oc.ca_cert = pki.ca;
	oc.domain_suffix_match = "example.com";
	test_auth_init(&a, RSN_AKM_8021X, false, zero, 11);
	memcpy(a.spa, SPA, 6);
	connect_start_onex(&a, "WPA-EAP", 0, bcn, &bl, &oc);
	/* the AP speaks first (Request/Identity), the plugin hands it to the host's module */
	ts_begin(&srv, 25, ctx);
	srv.user = "alice";
	srv.password = "correct horse";
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, srv.tx, srv.tx_len, true);
	eap_pump(&srv, &seen);
	ck_assert(srv.success);
	/* EAP-Success and message 1 back to back: the plugin keeps message 1 for the PMK */
	memcpy(a.pmk, srv.msk, 32); /* IEEE 802.11-2020 12.7.1.3 */
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, srv.tx, srv.tx_len, true);
	n = test_auth_msg1(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	run(10);
	four_way(&a, &seen);
	ck_assert_int_eq(evs.authorized, 1);
	ck_assert(pairwise_key_is(a.ptk.tk));
	ts_end(&srv);

	/* reconnect: the PMKID goes into the association request, no EAP */
	ck_assert_int_eq(ihv_adapter_disconnect(ad, 3), 0);
	run(10);
	sim_drv_calls_clear(sim);
	connect_start_onex(&a, "WPA-EAP", 0, bcn, &bl, &oc);
	c = sim_drv_last(sim, SIM_OP_CONNECT);
	for (size_t off = 0; off + 2 <= c->ies_len; off += 2u + c->ies[off + 1])
		if (c->ies[off] == IE_ID_RSN)
			rsne = c->ies + off;
	ck_assert_ptr_nonnull(rsne);
	ck_assert_int_eq(rsn_pmksa_pmkid(RSN_AKM_8021X, srv.msk, AA, SPA, pmkid), 0);
	/* RSNE: ... RSN Capabilities, PMKID Count 1, the PMKID (IEEE 802.11-2020 9.4.2.24) */
	ck_assert_uint_eq(rsne[1], 20 + 2 + 16);
	ck_assert_uint_eq(rsne[22], 1);
	ck_assert_mem_eq(rsne + 24, pmkid, 16);
	seen = 0;
	n = test_auth_msg1(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	four_way(&a, &seen);
	ck_assert_int_eq(evs.authorized, 2);
	for (size_t i = 0; i < sim_drv_call_count(sim, SIM_OP_EAPOL_TX); i++)
		ck_assert_uint_eq(sim_drv_call(sim, SIM_OP_EAPOL_TX, i)->frame[1], 3);
	SSL_CTX_free(ctx);
	test_pki_remove(&pki);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsn-plugin");
	TCase *tc = tcase_create("host");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_connect_psk_sha256_pmf);
	tcase_add_test(tc, test_connect_wrong_passphrase);
	tcase_add_test(tc, test_connect_wpa_eap_then_pmksa);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
