/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The plugin tests' fake host (test-plugin*.c): an in-test DOT11EXT_APIS and Linux table
 * that record every call and run timers by hand, the README fixtures, and helpers that
 * drive a pre- and post-association through the plugin's handlers.
 */
#ifndef TEST_PLUGIN_ENV_H
#define TEST_PLUGIN_ENV_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ihvlinux.h"
#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "common/ie.h"
#include "rsn/kde.h"
#include "rsn/plugin.h"
#include "rsn/reason.h"
#include "tests/unit/rsn/test-auth.h"
#include "tests/unit/rsn/test-util.h"

#define SVC ((HANDLE)0x5151)
#define SSID_HEX "696876642d74657374"
#define PASS "correct horse battery"
#define PMK_HEX "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698"

/* README fixtures: bodies of the probe responses and association requests */
#define WPA2_PROBE "c3ac8515c3600600640011040009696876642d74657374010882848b960c1218240301012a010432043048606c30140100000fac040100000fac040100000fac0200003b0251007f080400400200000040"
#define WPA2_ASSOC "310405000009696876642d74657374010802040b160c12182432043048606c30140100000fac040100000fac040100000fac0200007f0b04004a02014040400001203b155151525354737475767778797a7b7c7d7e7f808182"
#define PMF_PROBE "7a2a7616c3600600640011040009696876642d74657374010882848b960c1218240301012a010432043048606c30140100000fac040100000fac040100000fac06c0003b0251007f080400400200000040"
#define PMF_ASSOC "310405000009696876642d74657374010802040b160c12182432043048606c301a0100000fac040100000fac040100000fac06c0000000000fac067f0b04004a02014040400001203b155151525354737475767778797a7b7c7d7e7f808182"

static const uint8_t AA[6] __attribute__((unused)) = { 2, 0, 0, 0, 0, 0 };
static const uint8_t SPA[6] __attribute__((unused)) = { 2, 0, 0, 0, 1, 0 };

/* ---- the fake host ---------------------------------------------------------------------- */

struct ftimer {
	bool used, armed;
	uint32_t ms;
	DOT11EXT_LINUX_TIMER_CALLBACK cb;
	void *ctx;
};

struct rec_key {
	uint8_t mac[6];
	ULONG idx;
	DWORD algo, dir;
	uint8_t key[32];
	size_t key_len;
	uint8_t ctr[6];
	int seq;
};

static struct {
	int seq;
	bool in_handler;
	bool completed_in_handler;
	DWORD auth, ucast, mcast;
	DOT11EXT_LINUX_RSN_PARAMS rsn;
	int rsn_calls;
	ULONG backlog, nex, nreg;
	DOT11_PRIVACY_EXEMPTION ex;
	USHORT reg;
	int pre_calls;
	HANDLE pre_session;
	DWORD pre_reason, pre_err;
	int post_calls;
	HANDLE post_session;
	DWORD post_reason, post_err;
	int post_seq;
	struct {
		uint8_t data[1024];
		size_t len;
		HANDLE h;
		int seq;
	} tx[16];
	int ntx;
	struct rec_key ptk[4];
	int nptk;
	struct rec_key dk[8];
	int ndk;
	DWORD send_result;
	bool have_mac;
} rec;

static struct ftimer timers[16];
static int live_timers;

static inline DWORD WINAPI f_timer_create(DOT11EXT_LINUX_TIMER_CALLBACK cb, LPVOID ctx, PHANDLE ph)
{
	for (int i = 0; i < 16; i++)
		if (!timers[i].used) {
			timers[i] = (struct ftimer){ .used = true, .cb = cb, .ctx = ctx };
			live_timers++;
			*ph = &timers[i];
			return ERROR_SUCCESS;
		}
	return ERROR_OUTOFMEMORY;
}

static inline DWORD WINAPI f_timer_arm(HANDLE h, DWORD ms)
{
	struct ftimer *t = h;

	ck_assert(t && t->used);
	t->armed = true;
	t->ms = ms;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_timer_cancel(HANDLE h)
{
	struct ftimer *t = h;

	ck_assert(t && t->used);
	t->armed = false;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_timer_destroy(HANDLE h)
{
	struct ftimer *t = h;

	ck_assert(t && t->used);
	memset(t, 0, sizeof(*t));
	live_timers--;
	return ERROR_SUCCESS;
}

/* Run every armed timer due within max_ms (and those they arm), like the host's loop. */
static inline int run_timers(uint32_t max_ms)
{
	int ran = 0;

	for (bool again = true; again;) {
		again = false;
		for (int i = 0; i < 16; i++)
			if (timers[i].used && timers[i].armed && timers[i].ms <= max_ms) {
				timers[i].armed = false;
				timers[i].cb(&timers[i], timers[i].ctx);
				ran++;
				again = true;
			}
	}
	return ran;
}

static inline VOID WINAPI f_log(DWORD lvl, LPCSTR fmt, ...)
{
	(void)lvl;
	/* the plugin must never log a secret: the passphrase must not reach us */
	ck_assert_ptr_null(strstr(fmt, PASS));
}

static inline DWORD WINAPI f_set_rsn(HANDLE svc, const DOT11EXT_LINUX_RSN_PARAMS *p)
{
	ck_assert_ptr_eq(svc, SVC);
	rec.rsn = *p;
	rec.rsn_calls++;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_adapter_info(HANDLE svc, PDOT11EXT_LINUX_ADAPTER_INFO info)
{
	ck_assert_ptr_eq(svc, SVC);
	ck_assert_uint_ge(info->dwSize, sizeof(*info));
	memcpy(info->MacAddress, SPA, 6);
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_alloc(DWORD n, LPVOID *p)
{
	*p = malloc(n ? n : 1);
	return *p ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

static inline VOID WINAPI f_free(LPVOID p)
{
	free(p);
}

static inline DWORD WINAPI f_pre_completion(HANDLE svc, HANDLE session, DWORD reason, DWORD err)
{
	ck_assert_ptr_eq(svc, SVC);
	if (rec.in_handler)
		rec.completed_in_handler = true;
	rec.pre_calls++;
	rec.pre_session = session;
	rec.pre_reason = reason;
	rec.pre_err = err;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_post_completion(HANDLE svc, HANDLE session, PDOT11_MAC_ADDRESS peer,
				      DWORD reason, DWORD err)
{
	ck_assert_ptr_eq(svc, SVC);
	if (rec.in_handler)
		rec.completed_in_handler = true;
	if (peer)
		ck_assert_mem_eq(*peer, AA, 6);
	rec.post_calls++;
	rec.post_session = session;
	rec.post_reason = reason;
	rec.post_err = err;
	rec.post_seq = ++rec.seq;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_send(HANDLE svc, ULONG len, LPVOID pkt, HANDLE h)
{
	ck_assert_ptr_eq(svc, SVC);
	ck_assert_int_lt(rec.ntx, 16);
	ck_assert_uint_le(len, sizeof(rec.tx[0].data));
	if (rec.send_result)
		return rec.send_result;
	memcpy(rec.tx[rec.ntx].data, pkt, len);
	rec.tx[rec.ntx].len = len;
	rec.tx[rec.ntx].h = h;
	rec.tx[rec.ntx].seq = ++rec.seq;
	rec.ntx++;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_ethertype(HANDLE svc, ULONG backlog, ULONG nex, PDOT11_PRIVACY_EXEMPTION ex,
				ULONG nreg, USHORT *reg)
{
	ck_assert_ptr_eq(svc, SVC);
	rec.backlog = backlog;
	rec.nex = nex;
	rec.nreg = nreg;
	if (nex)
		rec.ex = ex[0];
	if (nreg)
		rec.reg = reg[0];
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_auth(HANDLE svc, DWORD v)
{
	(void)svc;
	rec.auth = v;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_ucast(HANDLE svc, DWORD v)
{
	(void)svc;
	rec.ucast = v;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_mcast(HANDLE svc, DWORD v)
{
	(void)svc;
	rec.mcast = v;
	return ERROR_SUCCESS;
}

/* The DOT11_KEY_ALGO_CCMP/BIP blob as the host reads it (src/core/keys.c). */
static inline void blob_read(const UCHAR *blob, USHORT len, struct rec_key *k)
{
	ULONG kl;

	ck_assert_uint_ge(len, 12);
	memcpy(&kl, blob + 8, 4);
	ck_assert_uint_eq(len, 12 + kl);
	ck_assert_uint_le(kl, 32);
	memcpy(k->ctr, blob, 6);
	memcpy(k->key, blob + 12, kl);
	k->key_len = kl;
}

static inline DWORD WINAPI f_default_key(HANDLE svc, PDOT11_CIPHER_DEFAULT_KEY_VALUE key,
				  DOT11_DIRECTION dir)
{
	struct rec_key *k = &rec.dk[rec.ndk++];

	ck_assert_ptr_eq(svc, SVC);
	ck_assert_int_le(rec.ndk, 8);
	ck_assert_uint_eq(key->Header.Type, NDIS_OBJECT_TYPE_DEFAULT);
	ck_assert(!key->bDelete && !key->bStatic);
	memcpy(k->mac, key->MacAddr, 6);
	k->idx = key->uKeyIndex;
	k->algo = key->AlgorithmId;
	k->dir = dir;
	k->seq = ++rec.seq;
	blob_read(key->ucKey, key->usKeyLength, k);
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI f_mapping_key(HANDLE svc, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE key)
{
	struct rec_key *k = &rec.ptk[rec.nptk++];

	ck_assert_ptr_eq(svc, SVC);
	ck_assert_int_le(rec.nptk, 4);
	ck_assert(!key->bDelete && !key->bStatic);
	memcpy(k->mac, key->PeerMacAddr, 6);
	k->algo = key->AlgorithmId;
	k->dir = key->Direction;
	k->seq = ++rec.seq;
	blob_read(key->ucKey, key->usKeyLength, k);
	return ERROR_SUCCESS;
}

/* Services this plugin must never call. */
#define UNEXPECTED(name) ck_abort_msg("unexpected service call: " name)

static inline DWORD WINAPI u_set_ud(HANDLE a, HANDLE b, DWORD c, DWORD d, LPVOID e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	UNEXPECTED("SetProfileCustomUserData");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_get_ud(HANDLE a, HANDLE b, DWORD c, DWORD *d, LPVOID *e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	UNEXPECTED("GetProfileCustomUserData");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_cur_prof(HANDLE a, HANDLE b, PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
			       PDOT11EXT_IHV_SECURITY_PROFILE d)
{
	(void)a, (void)b, (void)c, (void)d;
	UNEXPECTED("SetCurrentProfile");
	return ERROR_NOT_SUPPORTED;
}

/* SendUIRequest: recorded (the plugin asks for a passphrase, plugin-ui.c). */
static struct {
	int n;
	GUID guid;
	char text[128];
} ui_rec;

static inline DWORD WINAPI u_ui(HANDLE a, PDOT11EXT_IHV_UI_REQUEST b)
{
	ck_assert_ptr_eq(a, SVC);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_lt(b->dwByteCount, sizeof(ui_rec.text));
	ui_rec.n++;
	ui_rec.guid = b->guidUIRequest;
	memcpy(ui_rec.text, b->pvUIRequest, b->dwByteCount);
	ui_rec.text[b->dwByteCount] = 0;
	return ERROR_SUCCESS;
}

static inline DWORD WINAPI u_notif(HANDLE a, PL2_NOTIFICATION_DATA b)
{
	(void)a, (void)b;
	UNEXPECTED("SendNotification");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_key_id(HANDLE a, ULONG b)
{
	(void)a, (void)b;
	UNEXPECTED("SetDefaultKeyId");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_nic(HANDLE a, DWORD b, LPVOID c, DWORD *d, LPVOID e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	UNEXPECTED("NicSpecificExtension");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_excl(HANDLE a, BOOL b)
{
	(void)a, (void)b;
	UNEXPECTED("SetExcludeUnencrypted");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_onex_start(HANDLE a, EAP_ATTRIBUTES *b)
{
	(void)a, (void)b;
	UNEXPECTED("StartOneX");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_onex_stop(HANDLE a)
{
	(void)a;
	UNEXPECTED("StopOneX");
	return ERROR_NOT_SUPPORTED;
}

static inline DWORD WINAPI u_onex_pkt(HANDLE a, DWORD b, LPVOID c)
{
	(void)a, (void)b, (void)c;
	UNEXPECTED("ProcessSecurityPacket");
	return ERROR_NOT_SUPPORTED;
}

static DOT11EXT_APIS api;
static DOT11EXT_LINUX_APIS lx;
static DOT11EXT_IHV_HANDLERS h;
static HANDLE ad;

static inline void apis_fill(void)
{
	memset(&api, 0, sizeof(api));
	api.Dot11ExtAllocateBuffer = f_alloc;
	api.Dot11ExtFreeBuffer = f_free;
	api.Dot11ExtSetProfileCustomUserData = u_set_ud;
	api.Dot11ExtGetProfileCustomUserData = u_get_ud;
	api.Dot11ExtSetCurrentProfile = u_cur_prof;
	api.Dot11ExtSendUIRequest = u_ui;
	api.Dot11ExtPreAssociateCompletion = f_pre_completion;
	api.Dot11ExtPostAssociateCompletion = f_post_completion;
	api.Dot11ExtSendNotification = u_notif;
	api.Dot11ExtSendPacket = f_send;
	api.Dot11ExtSetEtherTypeHandling = f_ethertype;
	api.Dot11ExtSetAuthAlgorithm = f_auth;
	api.Dot11ExtSetUnicastCipherAlgorithm = f_ucast;
	api.Dot11ExtSetMulticastCipherAlgorithm = f_mcast;
	api.Dot11ExtSetDefaultKey = f_default_key;
	api.Dot11ExtSetKeyMappingKey = f_mapping_key;
	api.Dot11ExtSetDefaultKeyId = u_key_id;
	api.Dot11ExtNicSpecificExtension = u_nic;
	api.Dot11ExtSetExcludeUnencrypted = u_excl;
	api.Dot11ExtStartOneX = u_onex_start;
	api.Dot11ExtStopOneX = u_onex_stop;
	api.Dot11ExtProcessSecurityPacket = u_onex_pkt;
	memset(&lx, 0, sizeof(lx));
	lx.dwVersion = DOT11EXT_LINUX_APIS_VERSION_1;
	lx.dwSize = sizeof(lx);
	lx.Dot11ExtLinuxLog = f_log;
	lx.Dot11ExtLinuxTimerCreate = f_timer_create;
	lx.Dot11ExtLinuxTimerArm = f_timer_arm;
	lx.Dot11ExtLinuxTimerCancel = f_timer_cancel;
	lx.Dot11ExtLinuxTimerDestroy = f_timer_destroy;
	lx.Dot11ExtLinuxSetRsnParams = f_set_rsn;
	lx.Dot11ExtLinuxGetAdapterInfo = f_adapter_info;
}

static inline void setup(void)
{
	DOT11_IHV_VERSION_INFO v = { 7, 7 };
	DOT11_ADAPTER adapter = { 0 };

	memset(&rec, 0, sizeof(rec));
	memset(timers, 0, sizeof(timers));
	live_timers = 0;
	apis_fill();
	ck_assert_uint_eq(Dot11ExtIhvGetVersionInfo(&v), ERROR_SUCCESS);
	ck_assert_uint_eq(v.dwVerMin, 0);
	ck_assert_uint_eq(v.dwVerMax, 0);
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &h), ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvInitAdapter(&adapter, SVC, &ad), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(ad);
}

static inline void teardown(void)
{
	h.Dot11ExtIhvDeinitAdapter(ad);
	h.Dot11ExtIhvDeinitService();
	ck_assert_int_eq(live_timers, 0);
}

/* ---- helpers ---------------------------------------------------------------------------- */

static inline uint16_t *u16(const char *s)
{
	size_t n = strlen(s);
	uint16_t *w = calloc(n + 1, sizeof(*w));

	for (size_t i = 0; i < n; i++)
		w[i] = (uint8_t)s[i];
	return w;
}

struct prof {
	uint16_t *conn, *sec;
	DOT11EXT_IHV_CONNECTIVITY_PROFILE c;
	DOT11EXT_IHV_SECURITY_PROFILE s;
};

static inline void prof_make(struct prof *p, const char *auth, int pmf)
{
	char xml[512];

	if (!strcmp(auth, "WPA-PSK-ASK")) /* no secret: the plugin asks the user */
		snprintf(xml, sizeof(xml),
			 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid><AuthMode>"
			 "WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>%d"
			 "</Pmf><AskPassphrase>1</AskPassphrase></IhvSecurity>", pmf);
	else if (!strcmp(auth, "WPA-EAP")) /* the host's 802.1X module: no secret here */
		snprintf(xml, sizeof(xml),
			 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid><AuthMode>"
			 "WPA-EAP</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>%d"
			 "</Pmf></IhvSecurity>", pmf);
	else if (!strcmp(auth, "NONE"))
		snprintf(xml, sizeof(xml),
			 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid><AuthMode>"
			 "NONE</AuthMode><Pmf>%d</Pmf></IhvSecurity>", pmf);
	else
		snprintf(xml, sizeof(xml),
		 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid><AuthMode>%s"
		 "</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>%d</Pmf>"
		 "<Passphrase>" PASS "</Passphrase></IhvSecurity>",
		 auth, pmf);
	p->conn = u16("<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>" SSID_HEX
		      "</Ssid></IhvConnectivity>");
	p->sec = u16(xml);
	p->c.pszXmlFragmentIhvConnectivity = p->conn;
	p->s.pszXmlFragmentIhvSecurity = p->sec;
	p->s.bUseMSOnex = FALSE;
}

static inline void prof_free(struct prof *p)
{
	free(p->conn);
	free(p->sec);
}

/* One DOT11_BSS_ENTRY per IE list, back to back (contract §6.4). */
static inline size_t bss_list(uint8_t *buf, const uint8_t *const *ies, const size_t *lens, int n)
{
	size_t off = 0;

	for (int i = 0; i < n; i++) {
		DOT11_BSS_ENTRY e = { 0 };

		e.uPhyId = 0;
		memcpy(e.dot11BSSID, AA, 6);
		e.dot11BSSID[5] = (uint8_t)i;
		e.dot11BSSType = dot11_BSS_type_infrastructure;
		e.uBufferLength = (ULONG)lens[i];
		memcpy(buf + off, &e, offsetof(DOT11_BSS_ENTRY, ucBuffer));
		off += offsetof(DOT11_BSS_ENTRY, ucBuffer);
		memcpy(buf + off, ies[i], lens[i]);
		off += lens[i];
	}
	return off;
}

/* IEs of a README probe response (12 fixed octets) or association request (4). */
static inline size_t fixture_ies(const char *hex, size_t fixed, uint8_t *out)
{
	uint8_t body[512];
	size_t n = test_unhex(hex, body);

	memcpy(out, body + fixed, n - fixed);
	return n - fixed;
}

static inline DWORD pre_assoc(struct prof *p, const uint8_t *ies, size_t ies_len, DWORD *reason)
{
	uint8_t buf[1024];
	const uint8_t *l[1] = { ies };
	size_t lens[1] = { ies_len };
	DOT11_BSS_LIST bl = { (ULONG)bss_list(buf, l, lens, 1), buf };
	DWORD r;

	rec.in_handler = true;
	r = h.Dot11ExtIhvPerformPreAssociate(ad, (HANDLE)0x77, NULL, &p->c, &p->s, &bl, reason);
	rec.in_handler = false;
	return r;
}

static inline DWORD post_assoc(const uint8_t *req, size_t req_len, const uint8_t *bcn, size_t bcn_len)
{
	uint8_t buf[1024];
	DOT11_ASSOCIATION_COMPLETION_PARAMETERS *ap = (void *)buf;
	DOT11_PORT_STATE ps = { 0 };
	size_t off = sizeof(*ap);
	DWORD r;

	memset(buf, 0, sizeof(buf));
	ap->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	ap->Header.Revision = 2;
	ap->Header.Size = sizeof(*ap);
	memcpy(ap->MacAddr, AA, 6);
	ap->uAssocReqOffset = (ULONG)off;
	ap->uAssocReqSize = (ULONG)req_len;
	memcpy(buf + off, req, req_len);
	off += req_len;
	ap->uBeaconOffset = (ULONG)off;
	ap->uBeaconSize = (ULONG)bcn_len;
	memcpy(buf + off, bcn, bcn_len);
	off += bcn_len;
	memcpy(ps.PeerMacAddress, AA, 6);
	rec.in_handler = true;
	r = h.Dot11ExtIhvPerformPostAssociate(ad, (HANDLE)0x99, &ps, (ULONG)off, ap);
	rec.in_handler = false;
	return r;
}

static inline DWORD rx(const uint8_t *eapol, size_t len)
{
	uint8_t pkt[2048];

	memcpy(pkt, AA, 6);
	pkt[6] = 0x88;
	pkt[7] = 0x8e;
	memcpy(pkt + 8, eapol, len);
	return h.Dot11ExtIhvReceivePacket(ad, (DWORD)(8 + len), pkt);
}

static inline DWORD rx_hex(const char *hex)
{
	uint8_t f[1024];

	return rx(f, test_unhex(hex, f));
}

/* The last sent packet's EAPOL part equals hex; header = AA + 0x888E. */
static inline void tx_is(int i, const char *hex)
{
	uint8_t f[1024];
	size_t n = test_unhex(hex, f);

	ck_assert_int_gt(rec.ntx, i);
	ck_assert_uint_eq(rec.tx[i].len, 8 + n);
	ck_assert_mem_eq(rec.tx[i].data, AA, 6);
	ck_assert_uint_eq(rec.tx[i].data[6], 0x88);
	ck_assert_uint_eq(rec.tx[i].data[7], 0x8e);
	ck_assert_str_eq(test_hex(rec.tx[i].data + 8, n), hex);
}

static inline void complete_all_sends(void)
{
	for (int i = 0; i < rec.ntx; i++)
		if (rec.tx[i].h) {
			ck_assert_uint_eq(h.Dot11ExtIhvSendPacketCompletion(rec.tx[i].h),
					  ERROR_SUCCESS);
			/* never twice */
			ck_assert_uint_eq(h.Dot11ExtIhvSendPacketCompletion(rec.tx[i].h),
					  ERROR_NOT_FOUND);
			rec.tx[i].h = NULL;
		}
}

/* GTK (and IGTK) carried in a recorded frame: unwrap its key data with the README's KEK. */
static inline void fixture_group_keys(const char *frame_hex, const char *kek_hex, struct kde_info *kde,
			       uint8_t *plain)
{
	uint8_t f[1024], kek[16];
	struct eapol_key k;

	size_t n = test_unhex(frame_hex, f);

	test_unhex(kek_hex, kek);
	ck_assert_int_eq(eapol_key_parse(f, n, 16, &k), EAPOL_KEY_OK);
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 16, k.key_data, k.key_data_len, plain), 0);
	ck_assert_int_eq(kde_parse(plain, k.key_data_len - 8u, kde), KDE_OK);
	ck_assert_ptr_nonnull(kde->gtk);
}

/* Pre-association to completion with a README fixture BSS. */
static inline void pre_assoc_ok(const char *probe_hex, const char *auth, int pmf)
{
	uint8_t ies[512];
	size_t n = fixture_ies(probe_hex, 12, ies);
	struct prof p;
	DWORD reason = 1;
	int before = rec.pre_calls;

	prof_make(&p, auth, pmf);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	ck_assert_uint_eq(reason, L2_REASON_CODE_SUCCESS);
	prof_free(&p);
	ck_assert_int_eq(rec.pre_calls, before); /* never inside the handler (rule 27) */
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, before + 1);
	ck_assert_uint_eq(rec.pre_err, ERROR_SUCCESS);
	ck_assert_uint_eq(rec.pre_reason, L2_REASON_CODE_SUCCESS);
	ck_assert(!rec.completed_in_handler);
}

static inline void post_assoc_fixture(const char *assoc_hex, const char *probe_hex)
{
	uint8_t req[512], bcn[512];
	size_t rl = fixture_ies(assoc_hex, 4, req), bl = fixture_ies(probe_hex, 12, bcn);

	ck_assert_uint_eq(post_assoc(req, rl, bcn, bl), ERROR_SUCCESS);
	run_timers(0);
	ck_assert_int_eq(rec.post_calls, 0);
}

/* ---- tests ------------------------------------------------------------------------------ */

#endif
