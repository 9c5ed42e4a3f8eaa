/*
 * ihv-rsn.so: the IHV extensibility contract's DLL side (contract §3) around the RSN engine.
 *
 * Threading: ihvd calls every handler and every Linux timer callback on its one loop thread
 * (ihvlinux.h), so this file keeps plain global state without locks. Asynchronous work
 * (PreAssociateCompletion, PostAssociateCompletion outside ReceivePacket) runs from 0 ms
 * Linux timers, never inside the handler that started it (contract rules 27, 36).
 *
 * Without ihvd's Linux table (a Windows-like host passing pvReserved = NULL) InitService
 * refuses with ERROR_NOT_SUPPORTED: the plugin needs timers for its asynchronous completions
 * and handshake timeouts, and GetAdapterInfo for the station address (the SPA).
 */
#include "rsn/plugin.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ihvlinux.h"
#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "rsn/handshake.h"
#include "common/ie.h"
#include "rsn/pmk-cache.h"
#include "rsn/profile-xml.h"
#include "rsn/reason.h"
#include "rsn/select.h"

#define ETHERTYPE_EAPOL 0x888e
#define PMK_CACHE_SIZE 8

enum adapter_state {
	ST_IDLE,        /* as after InitAdapter */
	ST_PRE_PENDING, /* PerformPreAssociate returned, completion not yet called */
	ST_PRE_DONE,    /* pre-association succeeded; PerformPostAssociate may come */
	ST_POST,        /* a port exists (PerformPostAssociate .. StopPostAssociate) */
};

struct adapter;

/* One Dot11ExtSendPacket buffer; hSendCompletion is its address (contract §3.17). */
struct pkt {
	struct pkt *next;
	struct adapter *a; /* NULL once the adapter is gone */
	size_t len;
	uint8_t buf[];
};

struct adapter {
	struct adapter *next;
	HANDLE svc;
	uint8_t mac[6];
	enum adapter_state state;
	HANDLE pre_timer, post_timer, hs_timer;

	/* pre-association */
	HANDLE connect_session;
	struct rsn_sec_profile prof; /* secrets cleared once the PMK is known */
	uint8_t *bss_ies;            /* the chosen BSS's IEs, copied */
	size_t bss_ies_len;
	uint32_t bss_reason;         /* non-zero: the BSS list was unusable */
	struct rsn_selection sel;
	uint8_t pmk[RSN_PMK_LEN];    /* kept for reassociations until AdapterReset */
	bool pmk_set;

	/* post-association */
	HANDLE security_session;
	DOT11_MAC_ADDRESS aa;
	struct rsn_hs *hs;
	bool post_completed;         /* PostAssociateCompletion called for this port */
	bool post_ready;             /* a result waits to be delivered */
	DWORD post_reason, post_error;

	/* wrong-passphrase detection: message 1 repeated after our message 2 */
	uint8_t m1_anonce[32];
	bool m1_seen;
	uint64_t m1_replay;
	unsigned int m1_repeats;

	/* diagnostics (Control "stats") */
	struct rsn_hs_stats last;
	uint32_t rx_short, rx_peer, rx_ethertype, rx_no_hs, psk_mismatches;
};

static struct {
	bool up;
	DOT11EXT_APIS api;
	DOT11EXT_LINUX_APIS lx;
	struct rsn_pmk_cache *pmk_cache;
	struct adapter *adapters;
	struct pkt *pkts;
} g;

#define LOG(lvl, ...)                                                                         \
	do {                                                                                  \
		if (g.lx.Dot11ExtLinuxLog)                                                    \
			g.lx.Dot11ExtLinuxLog(DOT11EXT_LINUX_LOG_##lvl, __VA_ARGS__);         \
	} while (0)

static struct adapter *adapter_find(HANDLE h)
{
	for (struct adapter *a = g.adapters; a; a = a->next)
		if ((HANDLE)a == h)
			return a;
	return NULL;
}

/* ---- packets --------------------------------------------------------------------------- */

static bool pkt_unlink(struct pkt *p)
{
	for (struct pkt **pp = &g.pkts; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			return true;
		}
	return false;
}

/* ---- algorithm values ------------------------------------------------------------------ */

static DOT11_CIPHER_ALGORITHM cipher_algo(uint32_t suite)
{
	switch (suite) {
	case RSN_CIPHER_CCMP_128:
		return DOT11_CIPHER_ALGO_CCMP;
	case RSN_CIPHER_GCMP_128:
		return DOT11_CIPHER_ALGO_GCMP;
	case RSN_CIPHER_GCMP_256:
		return DOT11_CIPHER_ALGO_GCMP_256;
	case RSN_CIPHER_CCMP_256:
		return DOT11_CIPHER_ALGO_CCMP_256;
	case RSN_CIPHER_BIP_CMAC_128:
		return DOT11_CIPHER_ALGO_BIP;
	case RSN_CIPHER_BIP_GMAC_128:
		return DOT11_CIPHER_ALGO_BIP_GMAC_128;
	case RSN_CIPHER_BIP_GMAC_256:
		return DOT11_CIPHER_ALGO_BIP_GMAC_256;
	case RSN_CIPHER_BIP_CMAC_256:
		return DOT11_CIPHER_ALGO_BIP_CMAC_256;
	default:
		return DOT11_CIPHER_ALGO_NONE;
	}
}

static DWORD mfp_linux(enum rsn_mfp mfp)
{
	switch (mfp) {
	case RSN_MFP_NONE:
		return DOT11EXT_LINUX_MFP_NONE;
	case RSN_MFP_OPTIONAL:
		return DOT11EXT_LINUX_MFP_CAPABLE;
	case RSN_MFP_REQUIRED:
		return DOT11EXT_LINUX_MFP_REQUIRED;
	}
	return DOT11EXT_LINUX_MFP_NONE;
}

/*
 * The key blob of DOT11_KEY_ALGO_CCMP / _GCMP / _GCMP_256 / _BIP (all the same layout):
 * 6-octet counter (PN0 first, as in the EAPOL-Key RSC field), ULONG key length at offset 8,
 * the key at offset 12 (contract §6.7). Written with memcpy: ucKey is not aligned.
 */
#define KEY_BLOB_HDR offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey)
#define KEY_BLOB_MAX (KEY_BLOB_HDR + 32)

static size_t key_blob(uint8_t *out, const uint8_t *ctr6, const uint8_t *key, size_t len)
{
	ULONG l = (ULONG)len;

	memset(out, 0, KEY_BLOB_HDR);
	if (ctr6)
		memcpy(out, ctr6, 6);
	memcpy(out + offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength), &l, sizeof(l));
	memcpy(out + KEY_BLOB_HDR, key, len);
	return KEY_BLOB_HDR + len;
}

/* ---- post-association results ---------------------------------------------------------- */

static void post_result(struct adapter *a, DWORD reason, DWORD error)
{
	a->post_ready = true;
	a->post_reason = reason;
	a->post_error = error;
}

/* Deliver a waiting result. Last thing a caller does: the host may re-enter us. */
static void post_deliver(struct adapter *a)
{
	if (!a->post_ready || a->state != ST_POST)
		return;
	a->post_ready = false;
	a->post_completed = true;
	if (a->post_error == ERROR_SUCCESS)
		LOG(INFO, "port authorized");
	else
		LOG(WARN, "post-association failed: 0x%x %s", a->post_reason,
		    rsn_reason_str(a->post_reason));
	g.api.Dot11ExtPostAssociateCompletion(a->svc, a->security_session, &a->aa, a->post_reason,
					      a->post_error);
}

static void hs_stop(struct adapter *a)
{
	if (!a->hs)
		return;
	g.lx.Dot11ExtLinuxTimerCancel(a->hs_timer);
	a->last = *rsn_hs_stats(a->hs);
	rsn_hs_free(a->hs);
	a->hs = NULL;
}

/* ---- engine operations ----------------------------------------------------------------- */

static int op_tx(void *ctx, const uint8_t *eapol, size_t len)
{
	struct adapter *a = ctx;
	struct pkt *p = malloc(sizeof(*p) + offsetof(DOT11_SECURITY_PACKET_HEADER, Data) + len);
	DWORD err;

	if (!p)
		return -1;
	/* DOT11_SECURITY_PACKET_HEADER: destination, big-endian EtherType, EAPOL (§6.6) */
	memcpy(p->buf, a->aa, 6);
	p->buf[6] = ETHERTYPE_EAPOL >> 8;
	p->buf[7] = ETHERTYPE_EAPOL & 0xff;
	memcpy(p->buf + 8, eapol, len);
	p->len = 8 + len;
	p->a = a;
	p->next = g.pkts;
	g.pkts = p;
	err = g.api.Dot11ExtSendPacket(a->svc, (ULONG)p->len, p->buf, p);
	if (err != ERROR_SUCCESS) {
		LOG(WARN, "Dot11ExtSendPacket failed: %u", err);
		if (pkt_unlink(p)) /* not accepted: no completion will come (rule 46) */
			free(p);
		return -1;
	}
	return 0;
}

static int op_install_ptk(void *ctx, uint32_t suite, const uint8_t *tk, size_t len)
{
	struct adapter *a = ctx;
	union {
		DOT11_CIPHER_KEY_MAPPING_KEY_VALUE k;
		uint8_t b[offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) + KEY_BLOB_MAX];
	} u;
	DWORD err;

	if (len > 32 || cipher_algo(suite) == DOT11_CIPHER_ALGO_NONE)
		return -1;
	memset(&u, 0, sizeof(u));
	memcpy(u.k.PeerMacAddr, a->aa, 6);
	u.k.AlgorithmId = cipher_algo(suite);
	u.k.Direction = DOT11_DIR_BOTH;
	u.k.bDelete = FALSE;
	u.k.bStatic = FALSE;
	u.k.usKeyLength = (USHORT)key_blob(u.b + offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey),
					   NULL, tk, len);
	err = g.api.Dot11ExtSetKeyMappingKey(a->svc, &u.k);
	OPENSSL_cleanse(&u, sizeof(u));
	if (err != ERROR_SUCCESS)
		LOG(WARN, "Dot11ExtSetKeyMappingKey failed: %u", err);
	return err == ERROR_SUCCESS ? 0 : -1;
}

/* Group keys: default keys, MacAddr zero, receive only (contract §4.7). */
static int default_key_set(struct adapter *a, uint32_t suite, ULONG index, const uint8_t *key,
			   size_t len, const uint8_t ctr[6])
{
	union {
		DOT11_CIPHER_DEFAULT_KEY_VALUE k;
		uint8_t b[offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) + KEY_BLOB_MAX];
	} u;
	DWORD err;

	if (len > 32 || cipher_algo(suite) == DOT11_CIPHER_ALGO_NONE)
		return -1;
	memset(&u, 0, sizeof(u));
	u.k.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	u.k.Header.Revision = DOT11_CIPHER_DEFAULT_KEY_VALUE_REVISION_1;
	u.k.Header.Size = sizeof(DOT11_CIPHER_DEFAULT_KEY_VALUE);
	u.k.uKeyIndex = index;
	u.k.AlgorithmId = cipher_algo(suite);
	u.k.bDelete = FALSE;
	u.k.bStatic = FALSE;
	u.k.usKeyLength = (USHORT)key_blob(u.b + offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey),
					   ctr, key, len);
	err = g.api.Dot11ExtSetDefaultKey(a->svc, &u.k, DOT11_DIR_INBOUND);
	OPENSSL_cleanse(&u, sizeof(u));
	if (err != ERROR_SUCCESS)
		LOG(WARN, "Dot11ExtSetDefaultKey(index %u) failed: %u", index, err);
	return err == ERROR_SUCCESS ? 0 : -1;
}

/* uKeyIndex is the 802.11 Key ID (0..3; 4/5 for BIP), as the GTK/IGTK KDE carries it. */
static int op_install_gtk(void *ctx, uint32_t suite, uint8_t key_idx, const uint8_t *key,
			  size_t len, const uint8_t rsc[6])
{
	return default_key_set(ctx, suite, key_idx, key, len, rsc);
}

static int op_install_igtk(void *ctx, uint32_t suite, uint16_t key_idx, const uint8_t *key,
			   size_t len, const uint8_t ipn[6])
{
	return default_key_set(ctx, suite, key_idx, key, len, ipn);
}

static void op_established(void *ctx)
{
	post_result(ctx, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
}

static void op_failed(void *ctx, enum rsn_fail why)
{
	uint32_t reason = rsn_reason_from_fail(why);

	LOG(WARN, "handshake failed: %s", rsn_fail_str(why));
	post_result(ctx, reason, rsn_reason_win32(reason));
}

static void op_timer_arm(void *ctx, uint32_t ms)
{
	struct adapter *a = ctx;

	g.lx.Dot11ExtLinuxTimerArm(a->hs_timer, ms);
}

static void op_timer_cancel(void *ctx)
{
	struct adapter *a = ctx;

	g.lx.Dot11ExtLinuxTimerCancel(a->hs_timer);
}

static const struct rsn_hs_ops hs_ops = {
	.tx = op_tx,
	.install_ptk = op_install_ptk,
	.install_gtk = op_install_gtk,
	.install_igtk = op_install_igtk,
	.established = op_established,
	.failed = op_failed,
	.timer_arm = op_timer_arm,
	.timer_cancel = op_timer_cancel,
};

/* ---- timers ---------------------------------------------------------------------------- */

static void WINAPI hs_timer_cb(HANDLE t, LPVOID ctx)
{
	struct adapter *a = ctx;

	(void)t;
	if (!a->hs)
		return;
	rsn_hs_timeout(a->hs);
	post_deliver(a);
}

static void WINAPI post_timer_cb(HANDLE t, LPVOID ctx)
{
	(void)t;
	post_deliver(ctx);
}

static uint32_t pmk_get(struct adapter *a)
{
	if (a->prof.has_psk) {
		memcpy(a->pmk, a->prof.psk, RSN_PMK_LEN);
	} else if (rsn_pmk_cache_get(g.pmk_cache, a->prof.ssid, a->prof.ssid_len,
				     a->prof.passphrase, a->pmk)) {
		return RSN_REASON_PMK_DERIVATION;
	}
	a->pmk_set = true;
	return L2_REASON_CODE_SUCCESS;
}

/* Tell the host the algorithms (contract §4.5, §4.6, ihvlinux.h). */
static uint32_t host_setup(struct adapter *a, DWORD *err)
{
	DOT11EXT_LINUX_RSN_PARAMS rp = { 0 };
	/*
	 * No privacy exemption, and exclude-unencrypted stays off: every EAPOL frame reaches
	 * the engine, protected or not. An AP retransmits message 3 in the clear when our
	 * message 4 was lost, after we installed the PTK; ON_KEY_MAPPING_KEY_UNAVAILABLE
	 * would drop it (rule 49) and the AP would give up. The engine's replay counter and
	 * MIC checks are the defence (IEEE 802.11-2020 12.7.6.5), not the frame's protection.
	 */
	USHORT reg = htons(ETHERTYPE_EAPOL);

	if (a->sel.open) {
		if ((*err = g.api.Dot11ExtSetAuthAlgorithm(a->svc, DOT11_AUTH_ALGO_80211_OPEN)) ||
		    (*err = g.api.Dot11ExtSetUnicastCipherAlgorithm(a->svc,
								    DOT11_CIPHER_ALGO_NONE)) ||
		    (*err = g.api.Dot11ExtSetMulticastCipherAlgorithm(a->svc,
								      DOT11_CIPHER_ALGO_NONE)))
			return RSN_REASON_HOST_REFUSED;
		return L2_REASON_CODE_SUCCESS;
	}
	if ((*err = g.api.Dot11ExtSetAuthAlgorithm(a->svc, DOT11_AUTH_ALGO_RSNA_PSK)) ||
	    (*err = g.api.Dot11ExtSetUnicastCipherAlgorithm(a->svc, cipher_algo(a->sel.pairwise))) ||
	    (*err = g.api.Dot11ExtSetMulticastCipherAlgorithm(a->svc, cipher_algo(a->sel.group))))
		return *err == ERROR_NOT_SUPPORTED ? RSN_REASON_RADIO_UNSUPPORTED
						   : RSN_REASON_HOST_REFUSED;
	rp.dwSize = sizeof(rp);
	rp.dwAkmSuite = a->sel.akm;
	rp.dwMfp = mfp_linux(a->sel.mfp);
	rp.dwGroupMgmtCipherSuite = a->sel.group_mgmt;
	*err = g.lx.Dot11ExtLinuxSetRsnParams(a->svc, &rp);
	if (*err)
		return *err == ERROR_NOT_SUPPORTED ? RSN_REASON_RADIO_UNSUPPORTED
						   : RSN_REASON_HOST_REFUSED;
	*err = g.api.Dot11ExtSetEtherTypeHandling(a->svc, RSN_PLUGIN_RX_BACKLOG, 0, NULL, 1, &reg);
	return *err ? RSN_REASON_HOST_REFUSED : L2_REASON_CODE_SUCCESS;
}

static void bss_ies_free(struct adapter *a)
{
	free(a->bss_ies);
	a->bss_ies = NULL;
	a->bss_ies_len = 0;
	a->bss_reason = 0;
}

/* The pre-association worker: runs after PerformPreAssociate has returned (rule 27). */
static void WINAPI pre_timer_cb(HANDLE t, LPVOID ctx)
{
	struct adapter *a = ctx;
	HANDLE session;
	uint32_t reason;
	DWORD err = ERROR_SUCCESS;

	(void)t;
	if (a->state != ST_PRE_PENDING)
		return;
	reason = a->bss_reason ? a->bss_reason
			       : rsn_select(&a->prof, a->bss_ies, a->bss_ies_len, &a->sel);
	bss_ies_free(a);
	if (reason == L2_REASON_CODE_SUCCESS && !a->sel.open)
		reason = pmk_get(a);
	rsn_sec_profile_clear(&a->prof); /* the PMK is all we keep */
	if (reason == L2_REASON_CODE_SUCCESS)
		reason = host_setup(a, &err);
	if (reason != L2_REASON_CODE_SUCCESS) {
		if (err == ERROR_SUCCESS)
			err = rsn_reason_win32(reason);
		OPENSSL_cleanse(a->pmk, sizeof(a->pmk));
		a->pmk_set = false;
		a->state = ST_IDLE;
		LOG(WARN, "pre-association failed: 0x%x %s", reason, rsn_reason_str(reason));
	} else {
		a->state = ST_PRE_DONE;
		LOG(INFO, "pre-association done: AKM %08x pairwise %08x group %08x MFP %d",
		    a->sel.akm, a->sel.pairwise, a->sel.group, (int)a->sel.mfp);
	}
	session = a->connect_session;
	a->connect_session = NULL;
	g.api.Dot11ExtPreAssociateCompletion(a->svc, session, reason, err);
}

/* ---- adapter lifetime ------------------------------------------------------------------ */

static void adapter_timers_destroy(struct adapter *a)
{
	if (a->pre_timer)
		g.lx.Dot11ExtLinuxTimerDestroy(a->pre_timer);
	if (a->post_timer)
		g.lx.Dot11ExtLinuxTimerDestroy(a->post_timer);
	if (a->hs_timer)
		g.lx.Dot11ExtLinuxTimerDestroy(a->hs_timer);
	a->pre_timer = a->post_timer = a->hs_timer = NULL;
}

/* Back to the state after InitAdapter, without any completion. */
static void adapter_clear(struct adapter *a)
{
	g.lx.Dot11ExtLinuxTimerCancel(a->pre_timer);
	g.lx.Dot11ExtLinuxTimerCancel(a->post_timer);
	hs_stop(a);
	bss_ies_free(a);
	rsn_sec_profile_clear(&a->prof);
	OPENSSL_cleanse(a->pmk, sizeof(a->pmk));
	a->pmk_set = false;
	memset(&a->sel, 0, sizeof(a->sel));
	a->state = ST_IDLE;
	a->connect_session = NULL;
	a->security_session = NULL;
	a->post_ready = false;
	a->post_completed = false;
}

static DWORD WINAPI ihv_init_adapter(PDOT11_ADAPTER pDot11Adapter, HANDLE hDot11SvcHandle,
				     PHANDLE phIhvExtAdapter)
{
	DOT11EXT_LINUX_ADAPTER_INFO info = { .dwSize = sizeof(info) };
	struct adapter *a;

	(void)pDot11Adapter;
	if (!phIhvExtAdapter)
		return ERROR_INVALID_PARAMETER;
	a = calloc(1, sizeof(*a));
	if (!a)
		return ERROR_OUTOFMEMORY;
	a->svc = hDot11SvcHandle;
	if (g.lx.Dot11ExtLinuxTimerCreate(pre_timer_cb, a, &a->pre_timer) ||
	    g.lx.Dot11ExtLinuxTimerCreate(post_timer_cb, a, &a->post_timer) ||
	    g.lx.Dot11ExtLinuxTimerCreate(hs_timer_cb, a, &a->hs_timer)) {
		adapter_timers_destroy(a);
		free(a);
		return ERROR_OUTOFMEMORY;
	}
	if (g.lx.Dot11ExtLinuxGetAdapterInfo(hDot11SvcHandle, &info) == ERROR_SUCCESS)
		memcpy(a->mac, info.MacAddress, 6);
	else
		LOG(WARN, "adapter address unknown yet; asking again at post-association");
	a->next = g.adapters;
	g.adapters = a;
	*phIhvExtAdapter = a;
	return ERROR_SUCCESS;
}

/* Contract rules 15-16: cancel internally, call no completion, free everything. */
static void adapter_free(struct adapter *a)
{
	for (struct adapter **pp = &g.adapters; *pp; pp = &(*pp)->next)
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	adapter_clear(a);
	adapter_timers_destroy(a);
	/* packets still with the host stay valid until their completion or DeinitService */
	for (struct pkt *p = g.pkts; p; p = p->next)
		if (p->a == a)
			p->a = NULL;
	OPENSSL_cleanse(a, sizeof(*a));
	free(a);
}

static VOID WINAPI ihv_deinit_adapter(HANDLE hIhvExtAdapter)
{
	struct adapter *a = adapter_find(hIhvExtAdapter);

	if (a)
		adapter_free(a);
}

/* Contract rule 20: pending operations complete with ERROR_CANCELLED. */
static DWORD WINAPI ihv_adapter_reset(HANDLE hIhvExtAdapter)
{
	struct adapter *a = adapter_find(hIhvExtAdapter);
	HANDLE svc, session;
	bool pre, post;

	if (!a)
		return ERROR_INVALID_HANDLE;
	pre = a->state == ST_PRE_PENDING;
	post = a->state == ST_POST && !a->post_completed;
	svc = a->svc;
	session = pre ? a->connect_session : a->security_session;
	adapter_clear(a);
	if (pre)
		g.api.Dot11ExtPreAssociateCompletion(svc, session, RSN_REASON_CANCELLED,
						     ERROR_CANCELLED);
	else if (post)
		g.api.Dot11ExtPostAssociateCompletion(svc, session, NULL, RSN_REASON_CANCELLED,
						      ERROR_CANCELLED);
	return ERROR_SUCCESS;
}

/* ---- profiles -------------------------------------------------------------------------- */

static uint32_t profile_reason(enum rsn_profile_err e)
{
	switch (e) {
	case RSN_PROFILE_OK:
		return L2_REASON_CODE_SUCCESS;
	case RSN_PROFILE_ERR_MISSING:
		return RSN_REASON_PROFILE_MISSING;
	case RSN_PROFILE_ERR_ENCODING:
		return RSN_REASON_PROFILE_ENCODING;
	case RSN_PROFILE_ERR_SYNTAX:
		return RSN_REASON_PROFILE_SYNTAX;
	case RSN_PROFILE_ERR_VALUE:
		return RSN_REASON_PROFILE_VALUE;
	case RSN_PROFILE_ERR_SECRET:
		return RSN_REASON_PROFILE_SECRET;
	case RSN_PROFILE_ERR_NOMEM:
		return RSN_REASON_OUT_OF_MEMORY;
	}
	return RSN_REASON_PROFILE_SYNTAX;
}

/* Both fragments, consistent. On failure *sec is cleared. */
static uint32_t profiles_parse(PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
			       PDOT11EXT_IHV_SECURITY_PROFILE sec, struct rsn_sec_profile *out)
{
	struct rsn_conn_profile c;
	uint32_t r;

	memset(out, 0, sizeof(*out));
	if (!conn || !sec)
		return RSN_REASON_PROFILE_MISSING;
	if (sec->bUseMSOnex)
		return RSN_REASON_PROFILE_ONEX;
	r = profile_reason(rsn_profile_conn_parse16(conn->pszXmlFragmentIhvConnectivity, &c));
	if (r)
		return r;
	r = profile_reason(rsn_profile_sec_parse16(sec->pszXmlFragmentIhvSecurity, out));
	if (r)
		return r;
	if (c.ssid_len != out->ssid_len || memcmp(c.ssid, out->ssid, c.ssid_len)) {
		rsn_sec_profile_clear(out);
		return RSN_REASON_PROFILE_SSID_MISMATCH;
	}
	return L2_REASON_CODE_SUCCESS;
}

static DWORD WINAPI ihv_validate_profile(HANDLE hIhvExtAdapter,
					 PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
					 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
					 PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
					 PDWORD pdwReasonCode)
{
	struct rsn_sec_profile p;
	uint32_t r;

	(void)hIhvExtAdapter;
	(void)pIhvProfileParams;
	if (!pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	r = profiles_parse(pIhvConnProfile, pIhvSecProfile, &p);
	rsn_sec_profile_clear(&p);
	*pdwReasonCode = r;
	return r ? rsn_reason_win32(r) : ERROR_SUCCESS;
}

/* Contract §11.7: success when at least one BSS fits the profile. */
static DWORD WINAPI ihv_perform_capability_match(HANDLE hIhvExtAdapter,
						 PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
						 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
						 PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
						 PDOT11_BSS_LIST pConnectableBssid,
						 PDWORD pdwReasonCode)
{
	struct rsn_sec_profile p;
	struct rsn_selection sel;
	uint32_t r, first = 0;
	const uint8_t *ies;
	size_t off = 0, ies_len;
	uint8_t bssid[6];

	(void)hIhvExtAdapter;
	(void)pIhvProfileParams;
	if (!pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	r = profiles_parse(pIhvConnProfile, pIhvSecProfile, &p);
	if (r) {
		*pdwReasonCode = r;
		return rsn_reason_win32(r);
	}
	if (!pConnectableBssid) { /* nothing to match: a validation (as the sample does) */
		rsn_sec_profile_clear(&p);
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
		return ERROR_SUCCESS;
	}
	while (rsn_bss_next(pConnectableBssid->pucBuffer, pConnectableBssid->uNumOfBytes, &off,
			    bssid, &ies, &ies_len) == 1) {
		r = rsn_select(&p, ies, ies_len, &sel);
		if (r == L2_REASON_CODE_SUCCESS)
			break;
		if (!first)
			first = r;
	}
	rsn_sec_profile_clear(&p);
	if (r == L2_REASON_CODE_SUCCESS && (first || off)) {
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
		return ERROR_SUCCESS;
	}
	*pdwReasonCode = first ? first : RSN_REASON_NO_BSS;
	return ERROR_NO_MATCH;
}

/*
 * No discovery profiles: a PSK network cannot be joined without a passphrase only the user
 * knows, and open networks need no IHV. Empty list, ERROR_NOT_SUPPORTED.
 */
static DWORD WINAPI ihv_create_discovery_profiles(
	HANDLE hIhvExtAdapter, BOOL bInsecure, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11_BSS_LIST pConnectableBssid,
	PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pIhvDiscoveryProfileList, PDWORD pdwReasonCode)
{
	(void)hIhvExtAdapter;
	(void)bInsecure;
	(void)pIhvProfileParams;
	(void)pConnectableBssid;
	if (pIhvDiscoveryProfileList) {
		pIhvDiscoveryProfileList->dwCount = 0;
		pIhvDiscoveryProfileList->pIhvDiscoveryProfiles = NULL;
	}
	if (pdwReasonCode)
		*pdwReasonCode = RSN_REASON_PROFILE_MISSING;
	return ERROR_NOT_SUPPORTED;
}

/* ---- pre-association ------------------------------------------------------------------- */

static DWORD WINAPI ihv_perform_pre_associate(HANDLE hIhvExtAdapter, HANDLE hConnectSession,
					      PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
					      PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
					      PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
					      PDOT11_BSS_LIST pConnectableBssid,
					      PDWORD pdwReasonCode)
{
	struct adapter *a = adapter_find(hIhvExtAdapter);
	const uint8_t *ies = NULL;
	size_t off = 0, ies_len = 0;
	uint8_t bssid[6];
	uint32_t r;
	DWORD err;

	(void)pIhvProfileParams;
	if (!pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	*pdwReasonCode = RSN_REASON_INVALID_STATE;
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->state != ST_IDLE)
		return ERROR_INVALID_STATE;
	r = profiles_parse(pIhvConnProfile, pIhvSecProfile, &a->prof);
	if (r) {
		LOG(WARN, "profile rejected: 0x%x %s", r, rsn_reason_str(r));
		*pdwReasonCode = r;
		return rsn_reason_win32(r);
	}
	/* the first entry is the BSS the host will connect to */
	if (!pConnectableBssid ||
	    rsn_bss_next(pConnectableBssid->pucBuffer, pConnectableBssid->uNumOfBytes, &off,
			 bssid, &ies, &ies_len) != 1) {
		a->bss_reason = RSN_REASON_NO_BSS;
	} else if (ies_len) {
		a->bss_ies = malloc(ies_len);
		if (!a->bss_ies) {
			rsn_sec_profile_clear(&a->prof);
			*pdwReasonCode = RSN_REASON_OUT_OF_MEMORY;
			return ERROR_OUTOFMEMORY;
		}
		memcpy(a->bss_ies, ies, ies_len);
		a->bss_ies_len = ies_len;
	}
	a->connect_session = hConnectSession;
	a->state = ST_PRE_PENDING;
	err = g.lx.Dot11ExtLinuxTimerArm(a->pre_timer, 0);
	if (err != ERROR_SUCCESS) {
		adapter_clear(a);
		*pdwReasonCode = RSN_REASON_INVALID_STATE;
		return err;
	}
	*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}

/* ---- post-association ------------------------------------------------------------------ */

/* IEs at (off, size) inside the association parameters, or NULL if out of bounds. */
static const uint8_t *assoc_ies(const uint8_t *base, size_t total, ULONG off, ULONG size,
				size_t *len)
{
	if ((size_t)off > total || (size_t)size > total - off)
		return NULL;
	*len = size;
	return base + off;
}

static uint32_t hs_start(struct adapter *a, const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *ap,
			 size_t total)
{
	const uint8_t *base = (const uint8_t *)ap, *req, *bcn;
	DOT11EXT_LINUX_ADAPTER_INFO info = { .dwSize = sizeof(info) };
	struct rsn_hs_params p = { 0 };
	size_t req_len = 0, bcn_len = 0;
	const char *why;

	if (total < offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, AuthAlgo))
		return RSN_REASON_ASSOC_PARAMS;
	req = assoc_ies(base, total, ap->uAssocReqOffset, ap->uAssocReqSize, &req_len);
	bcn = assoc_ies(base, total, ap->uBeaconOffset, ap->uBeaconSize, &bcn_len);
	if (!req || !bcn || (ap->MacAddr[0] & 1) || !memcmp(ap->MacAddr, "\0\0\0\0\0\0", 6))
		return RSN_REASON_ASSOC_PARAMS;
	memcpy(a->aa, ap->MacAddr, 6);
	if (g.lx.Dot11ExtLinuxGetAdapterInfo(a->svc, &info) == ERROR_SUCCESS)
		memcpy(a->mac, info.MacAddress, 6);
	if (a->sel.open)
		return L2_REASON_CODE_SUCCESS;
	p.akm = a->sel.akm;
	p.pairwise_cipher = a->sel.pairwise;
	p.group_cipher = a->sel.group;
	p.group_mgmt_cipher = a->sel.group_mgmt;
	p.mfp = a->sel.mfp;
	p.pmk = a->pmk;
	p.pmk_len = RSN_PMK_LEN;
	memcpy(p.aa, a->aa, 6);
	memcpy(p.spa, a->mac, 6);
	p.sta_rsne = rsn_ie_find(req, req_len, IE_ID_RSN, &p.sta_rsne_len);
	p.ap_rsne = rsn_ie_find(bcn, bcn_len, IE_ID_RSN, &p.ap_rsne_len);
	p.sta_rsnxe = rsn_ie_find(req, req_len, IE_ID_RSNX, &p.sta_rsnxe_len);
	p.ap_rsnxe = rsn_ie_find(bcn, bcn_len, IE_ID_RSNX, &p.ap_rsnxe_len);
	if (!p.sta_rsne || !p.ap_rsne)
		return RSN_REASON_ASSOC_NO_RSNE;
	why = rsn_hs_params_check(&p);
	if (why) {
		LOG(WARN, "association does not fit the pre-association: %s", why);
		return RSN_REASON_ASSOC_RSNE_MISMATCH;
	}
	a->m1_seen = false;
	a->m1_repeats = 0;
	a->hs = rsn_hs_new(&p, &hs_ops, a);
	return a->hs ? L2_REASON_CODE_SUCCESS : RSN_REASON_OUT_OF_MEMORY;
}

static DWORD WINAPI ihv_perform_post_associate(HANDLE hIhvExtAdapter, HANDLE hSecuritySessionID,
					       PDOT11_PORT_STATE pPortState,
					       ULONG uDot11AssocParamsBytes,
					       PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams)
{
	struct adapter *a = adapter_find(hIhvExtAdapter);
	uint32_t r;
	DWORD err;

	if (!a)
		return ERROR_INVALID_HANDLE;
	if (!pPortState || !pDot11AssocParams)
		return ERROR_INVALID_PARAMETER;
	if (a->state != ST_PRE_DONE)
		return ERROR_INVALID_STATE;
	a->state = ST_POST;
	a->security_session = hSecuritySessionID;
	a->post_completed = false;
	a->post_ready = false;
	r = hs_start(a, pDot11AssocParams, uDot11AssocParamsBytes);
	if (r != L2_REASON_CODE_SUCCESS) {
		/* a content problem: reported asynchronously, with its reason (rule 36) */
		post_result(a, r, rsn_reason_win32(r));
	} else if (a->sel.open) {
		post_result(a, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	}
	if (a->post_ready) {
		err = g.lx.Dot11ExtLinuxTimerArm(a->post_timer, 0);
		if (err != ERROR_SUCCESS) {
			a->state = ST_PRE_DONE;
			a->post_ready = false;
			return err;
		}
	}
	/* frames may already wait in the host: it delivers them after this returns */
	return ERROR_SUCCESS;
}

static DWORD WINAPI ihv_stop_post_associate(HANDLE hIhvExtAdapter, PDOT11_MAC_ADDRESS pPeer,
					    DOT11_ASSOC_STATUS dot11AssocStatus)
{
	struct adapter *a = adapter_find(hIhvExtAdapter);

	(void)dot11AssocStatus;
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->state != ST_POST) /* e.g. after AdapterReset (contract §12) */
		return ERROR_SUCCESS;
	if (pPeer && memcmp(*pPeer, a->aa, 6))
		LOG(WARN, "StopPostAssociate for another peer than the port's; stopping the port");
	/* rule 40: no PostAssociateCompletion after this, whatever was pending */
	g.lx.Dot11ExtLinuxTimerCancel(a->post_timer);
	hs_stop(a);
	a->post_ready = false;
	a->security_session = NULL;
	a->state = ST_PRE_DONE; /* a reassociation may follow with the same PMK */
	return ERROR_SUCCESS;
}

/* ---- packets in and out ---------------------------------------------------------------- */

static void psk_mismatch(struct adapter *a)
{
	a->psk_mismatches++;
	hs_stop(a);
	post_result(a, RSN_REASON_PSK_MISMATCH, rsn_reason_win32(RSN_REASON_PSK_MISMATCH));
}

static DWORD WINAPI ihv_receive_packet(HANDLE hIhvExtAdapter, DWORD dwInBufferSize,
				       LPVOID pvInBuffer)
{
	struct adapter *a = adapter_find(hIhvExtAdapter);
	const uint8_t *buf = pvInBuffer, *frame;
	const struct rsn_akm_info *akm;
	struct eapol_key k;
	bool m1 = false;
	uint8_t anonce[32];
	uint64_t replay = 0;
	uint32_t msg2_before;
	size_t len;

	if (!a)
		return ERROR_INVALID_HANDLE;
	if (!buf || dwInBufferSize < offsetof(DOT11_SECURITY_PACKET_HEADER, Data)) {
		a->rx_short++;
		return ERROR_INVALID_PARAMETER;
	}
	if (!a->hs) {
		a->rx_no_hs++;
		return ERROR_INVALID_STATE;
	}
	if (memcmp(buf, a->aa, 6)) {
		a->rx_peer++;
		return ERROR_INVALID_PARAMETER;
	}
	if (buf[6] != ETHERTYPE_EAPOL >> 8 || buf[7] != (ETHERTYPE_EAPOL & 0xff)) {
		a->rx_ethertype++;
		return ERROR_INVALID_PARAMETER;
	}
	frame = buf + 8;
	len = dwInBufferSize - 8;
	akm = rsn_akm_info_find(a->sel.akm);
	if (akm && len <= RSN_HS_MAX_FRAME &&
	    eapol_key_parse(frame, len, akm->mic_len, &k) == EAPOL_KEY_OK &&
	    (k.key_info & (EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_MIC)) ==
		    (EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK)) {
		m1 = true;
		memcpy(anonce, k.nonce, 32);
		replay = eapol_key_replay_u64(k.replay);
	}
	msg2_before = rsn_hs_stats(a->hs)->msg2_sent;
	rsn_hs_rx(a->hs, frame, len);
	/*
	 * A wrong passphrase: the AP finds our message 2's MIC bad, drops it and resends
	 * message 1 (same ANonce, higher replay counter) until it gives up and deauthenticates
	 * (hostapd: reason 15). Seeing that twice, fail now with a reason that says why.
	 */
	if (m1 && a->hs && !rsn_hs_is_established(a->hs) &&
	    rsn_hs_stats(a->hs)->msg2_sent > msg2_before) {
		if (a->m1_seen && !memcmp(anonce, a->m1_anonce, 32)) {
			if (replay > a->m1_replay) {
				a->m1_replay = replay;
				if (++a->m1_repeats >= RSN_PLUGIN_PSK_MISMATCH_REPEATS)
					psk_mismatch(a);
			}
		} else {
			memcpy(a->m1_anonce, anonce, 32);
			a->m1_replay = replay;
			a->m1_repeats = 0;
			a->m1_seen = true;
		}
	}
	post_deliver(a);
	return ERROR_SUCCESS;
}

static DWORD WINAPI ihv_send_packet_completion(HANDLE hSendCompletion)
{
	struct pkt *p = hSendCompletion;

	if (!p || !pkt_unlink(p)) /* unknown, or completed before: never freed twice */
		return ERROR_NOT_FOUND;
	free(p);
	return ERROR_SUCCESS;
}

/* ---- the rest of the handlers ---------------------------------------------------------- */

static DWORD WINAPI ihv_process_session_change(ULONG uEventType,
					       PWTSSESSION_NOTIFICATION pSessionNotification)
{
	(void)uEventType;
	/* no UI requests exist, so a logoff has nothing to cancel (contract §3.14) */
	return pSessionNotification ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

static DWORD WINAPI ihv_receive_indication(HANDLE hIhvExtAdapter,
					   DOT11EXT_IHV_INDICATION_TYPE indicationType,
					   ULONG uBufferLength, LPVOID pvBuffer)
{
	(void)uBufferLength;
	(void)pvBuffer;
	if (!adapter_find(hIhvExtAdapter))
		return ERROR_INVALID_HANDLE;
	switch (indicationType) {
	case IndicationTypeNicSpecificNotification:
	case IndicationTypePmkidCandidateList:
	case IndicationTypeTkipMicFailure: /* no TKIP here */
	case IndicationTypePhyStateChange:
	case IndicationTypeLinkQuality:
		return ERROR_SUCCESS; /* nothing this plugin acts on */
	}
	return ERROR_INVALID_PARAMETER;
}

/* The plugin never calls Dot11ExtSendUIRequest: no GUID is ever pending (rule 63). */
static DWORD WINAPI ihv_is_ui_request_pending(GUID guidUIRequest, PBOOL pbIsRequestPending)
{
	(void)guidUIRequest;
	if (!pbIsRequestPending)
		return ERROR_INVALID_PARAMETER;
	*pbIsRequestPending = FALSE;
	return ERROR_SUCCESS;
}

static DWORD WINAPI ihv_process_ui_response(GUID guidUIRequest, DWORD dwByteCount,
					    LPVOID pvResponseBuffer)
{
	(void)guidUIRequest;
	(void)dwByteCount;
	(void)pvResponseBuffer;
	return ERROR_NOT_FOUND;
}

/* Nothing to show in any phase: *ppIhvUIRequest = NULL and ERROR_NOT_FOUND (contract §12). */
static DWORD WINAPI ihv_query_ui_request(HANDLE hIhvExtAdapter,
					 DOT11EXT_IHV_CONNECTION_PHASE connectionPhase,
					 PDOT11EXT_IHV_UI_REQUEST *ppIhvUIRequest)
{
	(void)hIhvExtAdapter;
	(void)connectionPhase;
	if (!ppIhvUIRequest)
		return ERROR_INVALID_PARAMETER;
	*ppIhvUIRequest = NULL;
	return ERROR_NOT_FOUND;
}

/* The plugin never calls Dot11ExtStartOneX. */
static DWORD WINAPI ihv_onex_indicate_result(HANDLE hIhvExtAdapter, DOT11_MSONEX_RESULT msOneXResult,
					     PDOT11_MSONEX_RESULT_PARAMS pDot11MsOneXResultParams)
{
	(void)hIhvExtAdapter;
	(void)msOneXResult;
	(void)pDot11MsOneXResultParams;
	return ERROR_NOT_SUPPORTED;
}

static const char *drop_name(enum rsn_drop d)
{
	switch (d) {
	case RSN_DROP_MALFORMED:
		return "malformed";
	case RSN_DROP_DESC_VERSION:
		return "desc_version";
	case RSN_DROP_KEY_INFO:
		return "key_info";
	case RSN_DROP_KEY_LENGTH:
		return "key_length";
	case RSN_DROP_KEY_DATA_LEN:
		return "key_data_len";
	case RSN_DROP_UNEXPECTED:
		return "unexpected";
	case RSN_DROP_REPLAY:
		return "replay";
	case RSN_DROP_ANONCE:
		return "anonce";
	case RSN_DROP_MIC:
		return "mic";
	case RSN_DROP_AFTER_FAILURE:
		return "after_failure";
	}
	return "unknown";
}

struct text {
	char *s;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3))) text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= t->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = t->len + (size_t)n < t->cap ? t->len + (size_t)n : t->cap;
}

static void stats_text(struct text *t, const struct adapter *a)
{
	const struct rsn_pmk_cache_stats *pc = rsn_pmk_cache_stats(g.pmk_cache);

	if (a) {
		const struct rsn_hs_stats *s = a->hs ? rsn_hs_stats(a->hs) : &a->last;
		static const char *const st[] = { "idle", "pre-associating", "pre-associated",
						  "post-associated" };

		text_add(t, "state=%s handshake=%s\n", st[a->state],
			 a->hs ? (rsn_hs_is_established(a->hs) ? "established" : "running")
			       : "none");
		text_add(t, "msg2_sent=%u msg4_sent=%u group2_sent=%u msg3_retransmits=%u\n",
			 s->msg2_sent, s->msg4_sent, s->group2_sent, s->msg3_retransmits);
		text_add(t, "ptk_installs=%u gtk_installs=%u igtk_installs=%u "
			    "gtk_reinstall_skipped=%u igtk_reinstall_skipped=%u\n",
			 s->ptk_installs, s->gtk_installs, s->igtk_installs,
			 s->gtk_reinstall_skipped, s->igtk_reinstall_skipped);
		for (int d = 0; d < RSN_DROP_COUNT; d++)
			text_add(t, "drop_%s=%u%c", drop_name((enum rsn_drop)d), s->drops[d],
				 d + 1 == RSN_DROP_COUNT ? '\n' : ' ');
		text_add(t, "rx_short=%u rx_wrong_peer=%u rx_wrong_ethertype=%u "
			    "rx_no_handshake=%u psk_mismatch=%u\n",
			 a->rx_short, a->rx_peer, a->rx_ethertype, a->rx_no_hs,
			 a->psk_mismatches);
	}
	text_add(t, "pmk_cache_entries=%zu pmk_cache_hits=%llu pmk_derivations=%llu\n",
		 rsn_pmk_cache_count(g.pmk_cache), (unsigned long long)pc->hits,
		 (unsigned long long)pc->derivations);
}

static bool command_is(const BYTE *in, DWORD n, const char *cmd)
{
	size_t l = strlen(cmd);

	while (n && (in[n - 1] == 0 || in[n - 1] == '\n' || in[n - 1] == '\r' || in[n - 1] == ' '))
		n--;
	return n == l && !memcmp(in, cmd, l);
}

/*
 * Diagnostics through WlanIhvControl: "stats" (handshake counters and drops of this adapter,
 * PMK cache), "reasons" (the reason-code table), "help". The answer is NUL-terminated text;
 * *pdwBytesReturned is its size with the NUL, always set; copied only when it fits (rule 68),
 * else ERROR_MORE_DATA.
 */
static DWORD WINAPI ihv_control(HANDLE hIhvExtAdapter, DWORD dwInBufferSize, PBYTE pInBuffer,
				DWORD dwOutBufferSize, PBYTE pOutBuffer, PDWORD pdwBytesReturned)
{
	struct adapter *a = NULL;
	char buf[8192];
	struct text t = { buf, 0, sizeof(buf) };

	if (!pdwBytesReturned)
		return ERROR_INVALID_PARAMETER;
	*pdwBytesReturned = 0;
	if (hIhvExtAdapter && !(a = adapter_find(hIhvExtAdapter)))
		return ERROR_INVALID_HANDLE;
	if (!pInBuffer || !dwInBufferSize)
		return ERROR_INVALID_PARAMETER;
	buf[0] = 0;
	if (command_is(pInBuffer, dwInBufferSize, "stats")) {
		stats_text(&t, a);
	} else if (command_is(pInBuffer, dwInBufferSize, "reasons")) {
		for (size_t i = 0; i < rsn_reason_count(); i++) {
			uint32_t c = rsn_reason_at(i);

			text_add(&t, "0x%05x %s %s\n", c, rsn_reason_name(c), rsn_reason_str(c));
		}
	} else if (command_is(pInBuffer, dwInBufferSize, "help")) {
		text_add(&t, "commands: stats reasons help\n");
	} else {
		return ERROR_NOT_SUPPORTED;
	}
	*pdwBytesReturned = (DWORD)strlen(buf) + 1;
	if (!pOutBuffer || *pdwBytesReturned > dwOutBufferSize)
		return ERROR_MORE_DATA;
	memcpy(pOutBuffer, buf, *pdwBytesReturned);
	return ERROR_SUCCESS;
}

static VOID WINAPI ihv_deinit_service(VOID)
{
	while (g.adapters)
		adapter_free(g.adapters);
	while (g.pkts) {
		struct pkt *p = g.pkts;

		g.pkts = p->next;
		free(p);
	}
	rsn_pmk_cache_free(g.pmk_cache);
	memset(&g, 0, sizeof(g));
	/* Release OpenSSL's fetched algorithms before dlclose (contract §3.4: free everything). */
	rsn_crypto_cleanup();
}

/* ---- the exports ----------------------------------------------------------------------- */

DWORD WINAPI rsn_plugin_test_set_snonce(HANDLE hIhvExtAdapter, const uint8_t snonce[32])
{
	struct adapter *a = adapter_find(hIhvExtAdapter);

	if (!a || !a->hs)
		return ERROR_INVALID_STATE;
	rsn_hs_test_set_snonce(a->hs, snonce);
	return ERROR_SUCCESS;
}

/* ihvlinux.h's optional export: what our reason codes mean. */
__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvLinuxReasonText(DWORD dwReasonCode, CHAR *pszText, DWORD dwTextSize)
{
	const char *name = rsn_reason_name(dwReasonCode);
	int n;

	if (!name)
		return ERROR_NOT_FOUND;
	if (!pszText || !dwTextSize)
		return ERROR_INSUFFICIENT_BUFFER;
	n = snprintf(pszText, dwTextSize, "%s", rsn_reason_str(dwReasonCode));
	return n >= 0 && (DWORD)n < dwTextSize ? ERROR_SUCCESS : ERROR_INSUFFICIENT_BUFFER;
}

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo)
{
	if (!pDot11IHVVersionInfo)
		return ERROR_INVALID_PARAMETER;
	pDot11IHVVersionInfo->dwVerMin = 0;
	pDot11IHVVersionInfo->dwVerMax = 0;
	return ERROR_SUCCESS;
}

static bool apis_complete(const DOT11EXT_APIS *api)
{
	return api->Dot11ExtPreAssociateCompletion && api->Dot11ExtPostAssociateCompletion &&
	       api->Dot11ExtSendPacket && api->Dot11ExtSetEtherTypeHandling &&
	       api->Dot11ExtSetAuthAlgorithm && api->Dot11ExtSetUnicastCipherAlgorithm &&
	       api->Dot11ExtSetMulticastCipherAlgorithm && api->Dot11ExtSetDefaultKey &&
	       api->Dot11ExtSetKeyMappingKey;
}

static bool linux_complete(const DOT11EXT_LINUX_APIS *lx)
{
	return lx->dwVersion >= DOT11EXT_LINUX_APIS_VERSION_1 &&
	       lx->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE && lx->Dot11ExtLinuxLog &&
	       lx->Dot11ExtLinuxTimerCreate && lx->Dot11ExtLinuxTimerArm &&
	       lx->Dot11ExtLinuxTimerCancel && lx->Dot11ExtLinuxTimerDestroy &&
	       lx->Dot11ExtLinuxSetRsnParams && lx->Dot11ExtLinuxGetAdapterInfo;
}

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitService(DWORD dwVerNumUsed, PDOT11EXT_APIS pDot11ExtAPI, LPVOID pvReserved,
		       PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers)
{
	const DOT11EXT_LINUX_APIS *lx = pvReserved;

	if (dwVerNumUsed != 0)
		return ERROR_NOT_SUPPORTED;
	if (!pDot11ExtAPI || !pDot11IHVHandlers || !apis_complete(pDot11ExtAPI))
		return ERROR_INVALID_PARAMETER;
	if (g.up)
		return ERROR_INVALID_STATE;
	/* a Windows-like host: no timers, no station address; nothing to log with either */
	if (!lx || !linux_complete(lx))
		return ERROR_NOT_SUPPORTED;
	memset(&g, 0, sizeof(g));
	g.pmk_cache = rsn_pmk_cache_new(PMK_CACHE_SIZE);
	if (!g.pmk_cache)
		return ERROR_OUTOFMEMORY;
	g.api = *pDot11ExtAPI; /* copied (contract §3.2) */
	memcpy(&g.lx, lx, sizeof(g.lx));
	g.up = true;

	pDot11IHVHandlers->Dot11ExtIhvDeinitService = ihv_deinit_service;
	pDot11IHVHandlers->Dot11ExtIhvInitAdapter = ihv_init_adapter;
	pDot11IHVHandlers->Dot11ExtIhvDeinitAdapter = ihv_deinit_adapter;
	pDot11IHVHandlers->Dot11ExtIhvPerformPreAssociate = ihv_perform_pre_associate;
	pDot11IHVHandlers->Dot11ExtIhvAdapterReset = ihv_adapter_reset;
	pDot11IHVHandlers->Dot11ExtIhvPerformPostAssociate = ihv_perform_post_associate;
	pDot11IHVHandlers->Dot11ExtIhvStopPostAssociate = ihv_stop_post_associate;
	pDot11IHVHandlers->Dot11ExtIhvValidateProfile = ihv_validate_profile;
	pDot11IHVHandlers->Dot11ExtIhvPerformCapabilityMatch = ihv_perform_capability_match;
	pDot11IHVHandlers->Dot11ExtIhvCreateDiscoveryProfiles = ihv_create_discovery_profiles;
	pDot11IHVHandlers->Dot11ExtIhvProcessSessionChange = ihv_process_session_change;
	pDot11IHVHandlers->Dot11ExtIhvReceiveIndication = ihv_receive_indication;
	pDot11IHVHandlers->Dot11ExtIhvReceivePacket = ihv_receive_packet;
	pDot11IHVHandlers->Dot11ExtIhvSendPacketCompletion = ihv_send_packet_completion;
	pDot11IHVHandlers->Dot11ExtIhvIsUIRequestPending = ihv_is_ui_request_pending;
	pDot11IHVHandlers->Dot11ExtIhvProcessUIResponse = ihv_process_ui_response;
	pDot11IHVHandlers->Dot11ExtIhvQueryUIRequest = ihv_query_ui_request;
	pDot11IHVHandlers->Dot11ExtIhvOnexIndicateResult = ihv_onex_indicate_result;
	pDot11IHVHandlers->Dot11ExtIhvControl = ihv_control;
	LOG(INFO, "WPA2/WPA3-Personal (PSK, PSK-SHA256, PMF) ready");
	return ERROR_SUCCESS;
}
