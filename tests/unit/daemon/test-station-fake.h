/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A fake station backend for the host unit tests (test-station, test-ctrl):
 * it records what the connection policy asks of the core and the driver and
 * serves a scan result list the test builds. Header-only: one copy per test.
 */
#ifndef IHVD_TEST_STATION_FAKE_H
#define IHVD_TEST_STATION_FAKE_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "daemon/station.h"

#define FAKE_BSS_MAX 16

struct fake {
	struct station *st;
	/* connect */
	int n_connect;
	int connect_ret;
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	size_t n_cand;
	uint8_t cand[8][DRV_ETH_ALEN];
	char conn_xml[4096];
	char sec_xml[4096];
	/* disconnect */
	int n_disconnect;
	uint16_t disc_reason;
	bool end_on_disconnect;       /* call ended() from inside disconnect, as a core may */
	enum ihv_phase end_phase;
	/* scans */
	int n_scan;
	int scan_ret;
	int scan_freqs_ret;           /* < 0: a scan naming channels is refused with it */
	size_t scan_n_freqs;
	uint32_t scan_freqs[16];
	size_t scan_n_ssids;
	int n_results;
	int results_ret;              /* < 0: the dump fails, with no entry given */
	int n_scan_abort;
	int scan_abort_ret;
	struct drv_bss bss[FAKE_BSS_MAX];
	uint8_t ies[FAKE_BSS_MAX][300];
	size_t n_bss;
	/* UI */
	int n_ui;
	uint8_t ui_guid[16];
	char ui_data[256];
	/* status */
	struct ihv_adapter_status status;
	/* Control: answers its input reversed, or fails with control_ret */
	int n_control;
	int control_ret;
	/* ValidateProfile: refuse with validate_reason when validate_ret < 0 */
	int n_validate;
	int validate_ret;
	uint32_t validate_reason;
	/* CreateDiscoveryProfiles: one profile (these fragments) when discovery_offer */
	int n_discovery;
	bool discovery_offer;
	size_t discovery_n_bss;
	/* PerformCapabilityMatch: refuse the BSS 02:00:00:00:00:<match_refuse> (0: none) */
	int n_match;
	uint8_t match_refuse;
};

static int fake_connect(void *ctx, const struct ihv_connect_request *req)
{
	struct fake *f = ctx;
	size_t i;

	f->n_connect++;
	memcpy(f->ssid, req->ssid, req->ssid_len);
	f->ssid_len = req->ssid_len;
	f->n_cand = req->n_bss;
	for (i = 0; i < req->n_bss && i < 8; i++)
		memcpy(f->cand[i], req->bss[i]->bssid, DRV_ETH_ALEN);
	snprintf(f->conn_xml, sizeof(f->conn_xml), "%s", req->connectivity_xml);
	snprintf(f->sec_xml, sizeof(f->sec_xml), "%s", req->security_xml);
	return f->connect_ret;
}

static int fake_disconnect(void *ctx, uint16_t reason)
{
	struct fake *f = ctx;

	f->n_disconnect++;
	f->disc_reason = reason;
	if (f->end_on_disconnect)
		station_adapter_events()->ended(f->st, f->end_phase, 0, 0, reason);
	return 0;
}

static void fake_status(void *ctx, struct ihv_adapter_status *st)
{
	struct fake *f = ctx;

	*st = f->status;
}

static int fake_ui_respond(void *ctx, const uint8_t guid[16], const uint8_t *data, size_t len)
{
	struct fake *f = ctx;

	f->n_ui++;
	memcpy(f->ui_guid, guid, 16);
	snprintf(f->ui_data, sizeof(f->ui_data), "%.*s", (int)len, (const char *)data);
	return 0;
}

static int fake_scan_trigger(void *ctx, const struct drv_scan_params *p)
{
	struct fake *f = ctx;

	f->n_scan++;
	f->scan_n_freqs = p->n_freqs;
	if (p->n_freqs && p->n_freqs <= 16)
		memcpy(f->scan_freqs, p->freqs, p->n_freqs * sizeof(uint32_t));
	f->scan_n_ssids = p->n_ssids;
	return p->n_freqs && f->scan_freqs_ret < 0 ? f->scan_freqs_ret : f->scan_ret;
}

static int fake_scan_results(void *ctx, drv_bss_cb cb, void *cb_ctx)
{
	struct fake *f = ctx;
	size_t i;

	f->n_results++;
	if (f->results_ret < 0)
		return f->results_ret;
	for (i = 0; i < f->n_bss; i++)
		cb(cb_ctx, &f->bss[i]);
	return 0;
}

static int fake_scan_abort(void *ctx)
{
	struct fake *f = ctx;

	f->n_scan_abort++;
	return f->scan_abort_ret;
}

static int fake_control(void *ctx, const uint8_t *in, size_t in_len, uint8_t *out,
			size_t out_len, size_t *returned)
{
	struct fake *f = ctx;
	size_t i;

	f->n_control++;
	if (f->control_ret)
		return f->control_ret;
	*returned = in_len;
	if (in_len > out_len)
		return -ENOBUFS;
	for (i = 0; i < in_len; i++)
		out[i] = in[in_len - 1 - i];
	return 0;
}

static int fake_validate(void *ctx, const uint8_t *ssid, size_t ssid_len, const char *conn,
			 const char *sec, uint32_t *reason)
{
	struct fake *f = ctx;

	(void)ssid;
	(void)ssid_len;
	(void)conn;
	(void)sec;
	f->n_validate++;
	*reason = f->validate_ret < 0 ? f->validate_reason : 0;
	return f->validate_ret;
}

static int fake_capability_match(void *ctx, const struct ihv_connect_request *req,
				 uint32_t *reason)
{
	struct fake *f = ctx;

	f->n_match++;
	if (f->match_refuse && req->n_bss == 1 && req->bss[0]->bssid[5] == f->match_refuse) {
		*reason = 0x90000 + f->match_refuse;
		return -ENOENT;
	}
	*reason = 0;
	return 0;
}

#define FAKE_DISCOVERY_CONN "<IhvConnectivity>discovered</IhvConnectivity>"
#define FAKE_DISCOVERY_SEC "<IhvSecurity>ask the user</IhvSecurity>"

static int fake_discovery(void *ctx, const struct ihv_connect_request *req, bool insecure,
			  ihv_discovery_cb cb, void *cb_ctx, uint32_t *reason)
{
	struct fake *f = ctx;

	(void)insecure;
	f->n_discovery++;
	f->discovery_n_bss = req->n_bss;
	if (!f->discovery_offer) {
		*reason = 0x90001;
		return -ENOENT;
	}
	cb(cb_ctx, FAKE_DISCOVERY_CONN, FAKE_DISCOVERY_SEC);
	*reason = 0;
	return 1;
}

static inline struct station_backend fake_backend(struct fake *f)
{
	return (struct station_backend){
		.ctx = f,
		.connect = fake_connect,
		.disconnect = fake_disconnect,
		.status = fake_status,
		.ui_respond = fake_ui_respond,
		.scan_trigger = fake_scan_trigger,
		.scan_results = fake_scan_results,
		.scan_abort = fake_scan_abort,
		.control = fake_control,
		.validate = fake_validate,
		.capability_match = fake_capability_match,
		.discovery = fake_discovery,
	};
}

/* RSNE bodies (IEEE 802.11-2020 9.4.2.24): version 1, group, pairwise list, AKM list, caps. */
#define RSNE_PSK_CCMP 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, \
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00
#define RSNE_PSK_SHA256_MFPR 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, \
	0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x06, 0xc0, 0x00
#define RSNE_PSK_BOTH_MFPC 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, \
	0x04, 0x02, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x0f, 0xac, 0x06, 0x80, 0x00
/* WPA3 transition: AKMs 2 and 8, MFPC (hostapd wpa_key_mgmt=WPA-PSK SAE, ieee80211w=1) */
#define RSNE_PSK_SAE_MFPC 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, \
	0x04, 0x02, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x0f, 0xac, 0x08, 0x80, 0x00
#define RSNE_SAE_CCMP 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, \
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x08, 0xc0, 0x00

/*
 * Add a BSS: bssid 02:00:00:00:00:<last>, an SSID element, then the RSNE body
 * (rsne_len 0: open network). Returns the BSS for further tweaks.
 */
static inline struct drv_bss *fake_bss_add(struct fake *f, uint8_t last, uint32_t freq,
					   int dbm, const char *ssid, size_t ssid_len,
					   const uint8_t *rsne, size_t rsne_len,
					   uint32_t seen_ms_ago)
{
	struct drv_bss *b = &f->bss[f->n_bss];
	uint8_t *ie = f->ies[f->n_bss];
	size_t n = 0;

	memset(b, 0, sizeof(*b));
	b->bssid[0] = 0x02;
	b->bssid[5] = last;
	b->freq = freq;
	b->signal_mbm = dbm * 100;
	b->capability = 0x0001 | (rsne_len ? 0x0010 : 0);
	b->beacon_interval = 100;
	b->seen_ms_ago = seen_ms_ago;
	ie[n++] = 0;
	ie[n++] = (uint8_t)ssid_len;
	memcpy(ie + n, ssid, ssid_len);
	n += ssid_len;
	if (rsne_len) {
		ie[n++] = 48;
		ie[n++] = (uint8_t)rsne_len;
		memcpy(ie + n, rsne, rsne_len);
		n += rsne_len;
	}
	b->ies = ie;
	b->ies_len = n;
	f->n_bss++;
	return b;
}

/* A network in c: ssid, and psk as a passphrase (NULL: key_mgmt NONE). Needs check.h. */
static inline struct config_network *fake_network(struct config *c, const char *ssid,
						  const char *psk)
{
	struct config_network *n = config_network_add(c);
	char v[128], err[128];

	snprintf(v, sizeof(v), "\"%s\"", ssid);
	ck_assert_int_eq(config_network_set(n, "ssid", v, err, sizeof(err)), 0);
	if (psk) {
		snprintf(v, sizeof(v), "\"%s\"", psk);
		ck_assert_int_eq(config_network_set(n, "psk", v, err, sizeof(err)), 0);
	} else {
		ck_assert_int_eq(config_network_set(n, "key_mgmt", "NONE", err, sizeof(err)), 0);
	}
	return n;
}

/* Append a whole element (ID, length, body) to BSS i's IEs. */
static inline void fake_bss_ie_append(struct fake *f, size_t i, const uint8_t *ie, size_t len)
{
	memcpy(f->ies[i] + f->bss[i].ies_len, ie, len);
	f->bss[i].ies_len += len;
}

#endif
