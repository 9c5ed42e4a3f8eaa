// SPDX-License-Identifier: BSD-3-Clause
/*
 * SAE through the contract: ihv-rsn.so in the real host core over the simulated driver,
 * against an in-test AP built from the same SAE engine (sae.h) on the other side. What the
 * driver saw is checked: AUTHENTICATE with the Commit/Confirm bodies (NL80211_ATTR_AUTH_DATA
 * layout), ASSOCIATE with AKM 00-0F-AC:8, PMF required and the RSNE (with the PMKID on a
 * PMKSA-cached reconnect, after Open System authentication), then the 4-way handshake on
 * the SAE PMK; a wrong password, a rejected group, an anti-clogging token, a disconnect in
 * the middle of the exchange.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-host.h"
#include "core/registry.h"
#include "common/loop.h"
#include "common/ie.h"
#include "rsn/crypto.h"
#include "rsn/reason.h"
#include "rsn/sae.h"
#include "tests/sim/sim-drv.h"
#include "tests/unit/rsn/test-auth.h"

#define IFINDEX 3
#define PASS "correct horse battery"
#define SSID "ihvd-test"
#define SSID_HEX "696876642d74657374"

static const uint8_t AA[6] = { 2, 0, 0, 0, 0, 0 };
static const uint8_t SPA[6] = { 2, 0, 0, 0, 1, 0 };

static struct loop *loop;
static struct sim_drv *sim;
static struct ihv_host *host;
static struct ihv_adapter *ad;
static struct {
	int authorized, ended;
	uint32_t reason, win32;
	uint16_t ieee;
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
		     uint16_t ieee)
{
	(void)ctx;
	(void)phase;
	evs.ended++;
	evs.reason = reason;
	evs.win32 = win32;
	evs.ieee = ieee;
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
	ihv_registry_lock_checked();
	snprintf(path, sizeof(path), "%s/ihv-rsn.so", b ? b : "build");
	loop = loop_new();
	sim = sim_drv_new();
	sim_drv_iface_add(sim, IFINDEX, "wlan0", SPA);
	hp.loop = loop;
	hp.drv = sim_drv_base(sim);
	hp.plugin_path = path;
	/* run-unit runs this program inline and isolated: the exchange over the protocol */
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

static const struct sim_call *run_until(enum sim_op op, size_t n)
{
	uint64_t end = loop_now_us() + 3000000;

	while (sim_drv_call_count(sim, op) < n && loop_now_us() < end)
		loop_run_once(loop, 2);
	ck_assert_uint_ge(sim_drv_call_count(sim, op), n);
	return sim_drv_call(sim, op, n - 1);
}

/* Beacon IEs: SSID, the RSNE (AKM 8, MFPC, BIP-CMAC-128) [, RSNXE with H2E]. */
static size_t beacon(const struct test_auth *a, uint8_t *bcn, bool h2e)
{
	size_t n = 0;

	bcn[n++] = 0;
	bcn[n++] = 9;
	memcpy(bcn + n, SSID, 9);
	n += 9;
	memcpy(bcn + n, a->ap_rsne, a->ap_rsne_len);
	n += a->ap_rsne_len;
	if (h2e) {
		bcn[n++] = IE_ID_RSNX;
		bcn[n++] = 1;
		bcn[n++] = 0x20;
	}
	return n;
}

static void connect_sae(const struct test_auth *a, const char *extra, bool h2e)
{
	static uint8_t bcn[256];
	struct drv_bss bss = { 0 };
	const struct drv_bss *list[1] = { &bss };
	struct ihv_connect_request req = { 0 };
	char sec[768];

	memcpy(bss.bssid, AA, 6);
	bss.freq = 2412;
	bss.signal_mbm = -4000;
	bss.ies = bcn;
	bss.ies_len = beacon(a, bcn, h2e);
	bss.ies_from_probe = true;
	snprintf(sec, sizeof(sec),
		 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid><AuthMode>SAE"
		 "</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>2</Pmf>"
		 "<Passphrase>" PASS "</Passphrase>%s</IhvSecurity>", extra ? extra : "");
	req.ssid = (const uint8_t *)SSID;
	req.ssid_len = 9;
	req.bss = list;
	req.n_bss = 1;
	req.connectivity_xml = "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>" SSID_HEX
			       "</Ssid></IhvConnectivity>";
	req.security_xml = sec;
	ck_assert_int_eq(ihv_adapter_connect(ad, &req), 0);
}

/* The AP side of SAE (the same engine, roles swapped). */
static struct sae_session *ap_sae_new(const char *pw, uint16_t group)
{
	struct sae_session_config cfg = { 0 };
	struct sae_session *s;

	cfg.group = group;
	cfg.password = (const uint8_t *)pw;
	cfg.password_len = strlen(pw);
	memcpy(cfg.own_addr, AA, 6);
	memcpy(cfg.peer_addr, SPA, 6);
	s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(s);
	return s;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The n-th AUTHENTICATE: SAE, to the AP, with transaction seq; body out. */
static const struct sim_call *sta_auth(size_t n, uint16_t seq)
{
	const struct sim_call *c = run_until(SIM_OP_AUTHENTICATE, n);

	ck_assert_uint_eq(c->auth_algorithm, 3);
	ck_assert_mem_eq(c->bssid, AA, 6);
	ck_assert_uint_eq(c->freq, 2412);
	ck_assert_uint_ge(c->frame_len, 4);
	ck_assert_uint_eq(le16(c->frame), seq);
	return c;
}

static void ap_send(uint16_t seq, uint16_t status, const uint8_t *body, size_t len)
{
	sim_drv_inject_auth(sim, IFINDEX, AA, 3, seq, status, body, len);
	run(2);
}

/*
 * A full SAE exchange; pmk/pmkid: the AP's. token: the length of an anti-clogging token
 * the AP asked for, which its (station-side) engine does not expect in a Commit: the AP
 * checks the token itself and hands the engine the Commit without it.
 */
static void sae_exchange_tok(struct sae_session *ap, size_t first, size_t token,
			     uint8_t pmk[32], uint8_t pmkid[16])
{
	uint8_t buf[SAE_COMMIT_MAX_LEN], body[SAE_COMMIT_MAX_LEN];
	const struct sim_call *c;
	size_t n;

	c = sta_auth(first, 1);
	ck_assert_uint_eq(le16(c->frame + 2), 0); /* hunting-and-pecking commit */
	ck_assert_uint_le(c->frame_len - 4 - token, sizeof(body));
	memcpy(body, c->frame + 4, 2);
	memcpy(body + 2, c->frame + 6 + token, c->frame_len - 6 - token);
	ck_assert_int_eq(sae_session_commit_build(ap, buf, sizeof(buf), &n), SAE_OK);
	ck_assert_int_eq(sae_session_rx_commit(ap, le16(c->frame + 2), body,
					       c->frame_len - 4 - token), SAE_TX_CONFIRM);
	ap_send(1, 0, buf, n);
	c = sta_auth(first + 1, 2);
	ck_assert_int_eq(sae_session_rx_confirm(ap, 0, c->frame + 4, c->frame_len - 4),
			 SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_confirm_build(ap, buf, sizeof(buf), &n), SAE_OK);
	ap_send(2, 0, buf, n);
	ck_assert_int_eq(sae_session_pmk_get(ap, pmk, pmkid), SAE_OK);
}

static void sae_exchange(struct sae_session *ap, size_t first, uint8_t pmk[32],
			 uint8_t pmkid[16])
{
	sae_exchange_tok(ap, first, 0, pmk, pmkid);
}

static const uint8_t *rsne_of(const struct sim_call *c, size_t *len)
{
	for (size_t off = 0; off + 2 <= c->ies_len; off += 2u + c->ies[off + 1])
		if (c->ies[off] == IE_ID_RSN) {
			*len = 2u + c->ies[off + 1];
			return c->ies + off;
		}
	return NULL;
}

/* ASSOCIATE seen; the association result and the 4-way handshake on pmk. */
static void assoc_and_4way(const uint8_t pmk[32], size_t assoc_n, uint32_t seed)
{
	struct test_auth a;
	const struct sim_call *c;
	const uint8_t *rsne;
	uint8_t f[1024];
	size_t rl = 0, n, tx0 = sim_drv_call_count(sim, SIM_OP_EAPOL_TX);

	test_auth_init(&a, RSN_AKM_SAE, true, pmk, seed);
	memcpy(a.spa, SPA, 6);
	c = run_until(SIM_OP_ASSOCIATE, assoc_n);
	ck_assert_uint_eq(c->akm, RSN_AKM_SAE);
	ck_assert_int_eq(c->mfp, DRV_MFP_REQUIRED);
	ck_assert_mem_eq(c->bssid, AA, 6);
	ck_assert(c->control_port);
	rsne = rsne_of(c, &rl);
	ck_assert_ptr_nonnull(rsne);
	memcpy(a.sta_rsne, rsne, rl);
	a.sta_rsne_len = rl;
	sim_drv_inject_connect(sim, IFINDEX, 0, AA, 2412, c->ies, c->ies_len, NULL, 0);
	run(5);
	n = test_auth_msg1(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	c = run_until(SIM_OP_EAPOL_TX, tx0 + 1);
	ck_assert_int_eq(test_auth_rx(&a, c->frame, c->frame_len, true), 0);
	n = test_auth_msg3(&a, f, sizeof(f));
	sim_drv_inject_eapol(sim, IFINDEX, AA, 0x888e, f, n, true);
	c = run_until(SIM_OP_EAPOL_TX, tx0 + 2);
	ck_assert_int_eq(test_auth_rx(&a, c->frame, c->frame_len, false), 0);
	run_until(SIM_OP_STATION_AUTHORIZE, 1);
	run(5);
	c = sim_drv_last(sim, SIM_OP_KEY_NEW);
	ck_assert_ptr_nonnull(c);
	for (size_t i = 0; i < sim_drv_call_count(sim, SIM_OP_KEY_NEW); i++) {
		c = sim_drv_call(sim, SIM_OP_KEY_NEW, i);
		if (c->key_type == DRV_KEY_PAIRWISE)
			ck_assert_mem_eq(c->key, a.ptk.tk, 16);
	}
}

START_TEST(test_sae_connect_then_pmksa_reconnect)
{
	struct test_auth a0;
	struct sae_session *ap = ap_sae_new(PASS, 19);
	uint8_t pmk[32], pmkid[16], zero[32] = { 0 };
	const struct sim_call *c;
	const uint8_t *rsne;
	size_t rl = 0;

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	sae_exchange(ap, 1, pmk, pmkid);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_CONNECT), 0); /* SME path only */
	assoc_and_4way(pmk, 1, 7);
	ck_assert_int_eq(evs.authorized, 1);
	/*
	 * After a full SAE the association request names no PMKID (hostapd adds its own):
	 * version, group, 1 pairwise, 1 AKM, capabilities; BIP-CMAC-128 is the default
	 * group management cipher and is not listed (9.4.2.24).
	 */
	rsne = rsne_of(sim_drv_call(sim, SIM_OP_ASSOCIATE, 0), &rl);
	ck_assert_uint_eq(rl, 2 + 20);
	sae_session_free(ap);

	/* reconnect: Open System and the cached PMKID, no SAE frame */
	ck_assert_int_eq(ihv_adapter_disconnect(ad, 3), 0);
	run(5);
	connect_sae(&a0, NULL, false);
	c = run_until(SIM_OP_AUTHENTICATE, 3);
	ck_assert_uint_eq(c->auth_algorithm, 0);
	ck_assert_uint_eq(c->frame_len, 0);
	/* unanswered (a slow AP): Open System again after the retransmission period */
	c = run_until(SIM_OP_AUTHENTICATE, 4);
	ck_assert_uint_eq(c->auth_algorithm, 0);
	sim_drv_inject_auth(sim, IFINDEX, AA, 0, 2, 0, NULL, 0);
	c = run_until(SIM_OP_ASSOCIATE, 2);
	rsne = rsne_of(c, &rl);
	ck_assert_ptr_nonnull(rsne);
	/* 9.4.2.24: PMKID Count 1, then the PMKID */
	ck_assert_uint_eq(rl, 2 + 20 + 2 + 16);
	ck_assert_uint_eq(le16(rsne + 22), 1);
	ck_assert_mem_eq(rsne + 24, pmkid, 16);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_AUTHENTICATE), 4);

	/* the AP lost it: status 53; the next attempt runs SAE again */
	sim_drv_inject_connect(sim, IFINDEX, 53, AA, 2412, NULL, 0, NULL, 0);
	run(5);
	ck_assert_int_eq(evs.ended, 2);
	ck_assert_uint_eq(evs.ieee, 53);
	connect_sae(&a0, NULL, false);
	sta_auth(5, 1);
}
END_TEST

START_TEST(test_sae_wrong_password_gives_up)
{
	struct test_auth a0;
	struct sae_session *ap = ap_sae_new("not the password", 19);
	uint8_t buf[SAE_COMMIT_MAX_LEN], zero[32] = { 0 };
	const struct sim_call *c;
	size_t n;

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	c = sta_auth(1, 1);
	ck_assert_int_eq(sae_session_commit_build(ap, buf, sizeof(buf), &n), SAE_OK);
	ck_assert_int_eq(sae_session_rx_commit(ap, 0, c->frame + 4, c->frame_len - 4),
			 SAE_TX_CONFIRM);
	ap_send(1, 0, buf, n);
	c = sta_auth(2, 2);
	ck_assert_int_eq(sae_session_rx_confirm(ap, 0, c->frame + 4, c->frame_len - 4),
			 SAE_CONFIRM_MISMATCH);
	/* hostapd 2.10: Confirm, status 1, no body */
	ap_send(2, 1, NULL, 0);
	run(10);
	ck_assert_int_eq(evs.ended, 1);
	ck_assert_uint_eq(evs.reason, RSN_REASON_SAE_REJECTED);
	ck_assert_uint_ne(evs.win32, 0);
	ck_assert_uint_eq(evs.ieee, 1);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_ASSOCIATE), 0);
	ck_assert_uint_ge(sim_drv_call_count(sim, SIM_OP_DISCONNECT), 1);
	{
		char why[160];

		ck_assert_int_eq(ihv_host_reason_text(host, evs.reason, why, sizeof(why)), 0);
		ck_assert_ptr_nonnull(strstr(why, "SAE"));
		ck_assert_ptr_nonnull(strstr(why, "password"));
	}
	sae_session_free(ap);
}
END_TEST

START_TEST(test_sae_group_rejected_then_next)
{
	struct test_auth a0;
	struct sae_session *ap = ap_sae_new(PASS, 20);
	uint8_t pmk[32], pmkid[16], zero[32] = { 0 }, rej[2] = { 19, 0 };
	const struct sim_call *c;

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, "<SaeGroups>19 20</SaeGroups>", false);
	c = sta_auth(1, 1);
	ck_assert_uint_eq(le16(c->frame + 4), 19);
	/* 12.4.8.6.3: status 77 with the rejected group */
	ap_send(1, SAE_STATUS_GROUP_NOT_SUPPORTED, rej, sizeof(rej));
	c = sta_auth(2, 1);
	ck_assert_uint_eq(le16(c->frame + 4), 20);
	ck_assert_uint_eq(c->frame_len, 4 + 2 + 48 + 96);
	sae_exchange(ap, 2, pmk, pmkid);
	assoc_and_4way(pmk, 1, 9);
	ck_assert_int_eq(evs.authorized, 1);
	sae_session_free(ap);
}
END_TEST

START_TEST(test_sae_anti_clogging_token)
{
	struct test_auth a0;
	struct sae_session *ap = ap_sae_new(PASS, 19);
	uint8_t pmk[32], pmkid[16], zero[32] = { 0 }, tok[2 + 16];
	const struct sim_call *c1, *c2;

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	c1 = sta_auth(1, 1);
	tok[0] = 19;
	tok[1] = 0;
	memset(tok + 2, 0xa5, 16);
	ap_send(1, SAE_STATUS_ANTI_CLOGGING_TOKEN_REQUIRED, tok, sizeof(tok));
	c2 = sta_auth(2, 1);
	/* 12.4.7.4: H&P: Group, the token, then the same Scalar and Element */
	ck_assert_uint_eq(c2->frame_len, c1->frame_len + 16);
	ck_assert_mem_eq(c2->frame + 6, tok + 2, 16);
	ck_assert_mem_eq(c2->frame + 6 + 16, c1->frame + 6, c1->frame_len - 6);
	sae_exchange_tok(ap, 2, 16, pmk, pmkid);
	assoc_and_4way(pmk, 1, 11);
	ck_assert_int_eq(evs.authorized, 1);
	sae_session_free(ap);
}
END_TEST

START_TEST(test_sae_h2e_rsnxe)
{
	struct test_auth a0;
	uint8_t zero[32] = { 0 };
	const struct sim_call *c;

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, "<SaePwe>2</SaePwe>", true);
	c = sta_auth(1, 1);
	ck_assert_uint_eq(le16(c->frame + 2), SAE_STATUS_HASH_TO_ELEMENT);
	/* sae_pwe=1 against an AP without H2E: refused before any frame */
	ck_assert_int_eq(ihv_adapter_disconnect(ad, 3), 0);
	run(5);
	connect_sae(&a0, "<SaePwe>1</SaePwe>", false);
	run(20);
	ck_assert_uint_eq(evs.reason, RSN_REASON_SAE_H2E_MISMATCH);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_AUTHENTICATE), 1);
}
END_TEST

START_TEST(test_sae_disconnect_mid_exchange)
{
	struct test_auth a0;
	struct sae_session *ap = ap_sae_new(PASS, 19);
	uint8_t buf[SAE_COMMIT_MAX_LEN], zero[32] = { 0 };
	const struct sim_call *c;
	size_t n;

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	c = sta_auth(1, 1);
	ck_assert_int_eq(sae_session_commit_build(ap, buf, sizeof(buf), &n), SAE_OK);
	ck_assert_int_eq(sae_session_rx_commit(ap, 0, c->frame + 4, c->frame_len - 4),
			 SAE_TX_CONFIRM);
	/* the interface goes away in the middle of the exchange */
	{
		struct drv_event ev = { .type = DRV_EVENT_IFACE_REMOVED, .ifindex = IFINDEX };

		sim_drv_inject(sim, &ev);
	}
	run(5);
	ck_assert_int_eq(evs.ended, 1);
	ap_send(1, 0, buf, n); /* late: nobody listens */
	run(1200);             /* and no retransmission either */
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_AUTHENTICATE), 1);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_ASSOCIATE), 0);
	sae_session_free(ap);
}
END_TEST

START_TEST(test_sae_retransmits_then_gives_up)
{
	struct test_auth a0;
	uint8_t zero[32] = { 0 };

	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	sta_auth(1, 1);
	/* no answer: the Commit again after the retransmission period */
	sta_auth(2, 1);
	ck_assert_mem_eq(sim_drv_call(sim, SIM_OP_AUTHENTICATE, 0)->frame,
			 sim_drv_call(sim, SIM_OP_AUTHENTICATE, 1)->frame,
			 sim_drv_call(sim, SIM_OP_AUTHENTICATE, 0)->frame_len);
	while (!evs.ended && sim_drv_call_count(sim, SIM_OP_AUTHENTICATE) < 20)
		run(100);
	ck_assert_int_eq(evs.ended, 1);
	ck_assert_uint_eq(evs.reason, RSN_REASON_SAE_NO_ANSWER);
}
END_TEST

/* A full-MAC radio (no userspace SME for SAE): refused before any frame, with a reason. */
START_TEST(test_sae_refused_without_sme)
{
	struct test_auth a0;
	struct drv_capa capa;
	uint8_t zero[32] = { 0 };

	ihv_adapter_free(ad);
	memset(&capa, 0, sizeof(capa));
	memcpy(capa.mac, SPA, 6);
	snprintf(capa.ifname, sizeof(capa.ifname), "wlan0");
	capa.supports_connect = true;   /* CONNECT only: the SME is the firmware's */
	capa.sae_offload = true;
	sim_drv_capa_set(sim, IFINDEX, &capa);
	ad = ihv_adapter_new(host, IFINDEX, "wlan0", &events, NULL);
	ck_assert_ptr_nonnull(ad);
	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	run(20);
	ck_assert_int_eq(evs.ended, 1);
	ck_assert_uint_eq(evs.reason, WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_AUTHENTICATE), 0);
	ck_assert_uint_eq(sim_drv_call_count(sim, SIM_OP_CONNECT), 0);
}
END_TEST

/*
 * Isolated mode: the plugin's process dies between two connections. ihvd restarts it,
 * InitService registers the authentication handlers again (ihvd keeps its proxies), and
 * the next SAE connection runs through the new process.
 */
START_TEST(test_sae_after_plugin_restart)
{
	struct test_auth a0;
	struct sae_session *ap;
	uint8_t pmk[32], pmkid[16], zero[32] = { 0 };
	uint64_t end;
	int pid = ihv_host_plugin_pid(host), pid2 = 0;

	if (!pid)
		return; /* inline: no process of its own; nothing to show */
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	end = loop_now_us() + 5000000;
	while (loop_now_us() < end) {
		loop_run_once(loop, 10);
		pid2 = ihv_host_plugin_pid(host);
		if (ihv_host_plugin_crashes(host) == 1 && pid2 && pid2 != pid)
			break;
	}
	ck_assert_uint_eq(ihv_host_plugin_crashes(host), 1);
	ck_assert_int_ne(pid2, 0);
	ck_assert_int_ne(pid2, pid);
	run(50);
	ap = ap_sae_new(PASS, 19);
	test_auth_init(&a0, RSN_AKM_SAE, true, zero, 1);
	connect_sae(&a0, NULL, false);
	sae_exchange(ap, 1, pmk, pmkid);
	assoc_and_4way(pmk, 1, 9);
	ck_assert_int_eq(evs.authorized, 1);
	ck_assert_int_eq(ihv_host_plugin_pid(host), pid2); /* the same, restarted process */
	sae_session_free(ap);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsn-sae");
	TCase *tc = tcase_create("host");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sae_connect_then_pmksa_reconnect);
	tcase_add_test(tc, test_sae_wrong_password_gives_up);
	tcase_add_test(tc, test_sae_group_rejected_then_next);
	tcase_add_test(tc, test_sae_anti_clogging_token);
	tcase_add_test(tc, test_sae_h2e_rsnxe);
	tcase_add_test(tc, test_sae_disconnect_mid_exchange);
	tcase_add_test(tc, test_sae_retransmits_then_gives_up);
	tcase_add_test(tc, test_sae_refused_without_sme);
	tcase_add_test(tc, test_sae_after_plugin_restart);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
