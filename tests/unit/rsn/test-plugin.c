/*
 * ihv-rsn's contract glue driven directly: GetVersionInfo/InitService with an in-test
 * DOT11EXT_APIS and Linux table that record every call and run timers by hand. The 4-way
 * handshakes are the recorded fixtures of /work/shared/data/handshakes/README.md (byte-exact
 * messages 2 and 4) and an in-test authenticator (test-auth.h).
 */
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
#include "test-auth.h"
#include "test-util.h"

#define SVC ((HANDLE)0x5151)
#define SSID_HEX "696876642d74657374"
#define PASS "correct horse battery"
#define PMK_HEX "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698"

/* README fixtures: bodies of the probe responses and association requests */
#define WPA2_PROBE "c3ac8515c3600600640011040009696876642d74657374010882848b960c1218240301012a010432043048606c30140100000fac040100000fac040100000fac0200003b0251007f080400400200000040"
#define WPA2_ASSOC "310405000009696876642d74657374010802040b160c12182432043048606c30140100000fac040100000fac040100000fac0200007f0b04004a02014040400001203b155151525354737475767778797a7b7c7d7e7f808182"
#define PMF_PROBE "7a2a7616c3600600640011040009696876642d74657374010882848b960c1218240301012a010432043048606c30140100000fac040100000fac040100000fac06c0003b0251007f080400400200000040"
#define PMF_ASSOC "310405000009696876642d74657374010802040b160c12182432043048606c301a0100000fac040100000fac040100000fac06c0000000000fac067f0b04004a02014040400001203b155151525354737475767778797a7b7c7d7e7f808182"

static const uint8_t AA[6] = { 2, 0, 0, 0, 0, 0 };
static const uint8_t SPA[6] = { 2, 0, 0, 0, 1, 0 };

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

static DWORD WINAPI f_timer_create(DOT11EXT_LINUX_TIMER_CALLBACK cb, LPVOID ctx, PHANDLE ph)
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

static DWORD WINAPI f_timer_arm(HANDLE h, DWORD ms)
{
	struct ftimer *t = h;

	ck_assert(t && t->used);
	t->armed = true;
	t->ms = ms;
	return ERROR_SUCCESS;
}

static DWORD WINAPI f_timer_cancel(HANDLE h)
{
	struct ftimer *t = h;

	ck_assert(t && t->used);
	t->armed = false;
	return ERROR_SUCCESS;
}

static DWORD WINAPI f_timer_destroy(HANDLE h)
{
	struct ftimer *t = h;

	ck_assert(t && t->used);
	memset(t, 0, sizeof(*t));
	live_timers--;
	return ERROR_SUCCESS;
}

/* Run every armed timer due within max_ms (and those they arm), like the host's loop. */
static int run_timers(uint32_t max_ms)
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

static VOID WINAPI f_log(DWORD lvl, LPCSTR fmt, ...)
{
	(void)lvl;
	/* the plugin must never log a secret: the passphrase must not reach us */
	ck_assert_ptr_null(strstr(fmt, PASS));
}

static DWORD WINAPI f_set_rsn(HANDLE svc, const DOT11EXT_LINUX_RSN_PARAMS *p)
{
	ck_assert_ptr_eq(svc, SVC);
	rec.rsn = *p;
	rec.rsn_calls++;
	return ERROR_SUCCESS;
}

static DWORD WINAPI f_adapter_info(HANDLE svc, PDOT11EXT_LINUX_ADAPTER_INFO info)
{
	ck_assert_ptr_eq(svc, SVC);
	ck_assert_uint_ge(info->dwSize, sizeof(*info));
	memcpy(info->MacAddress, SPA, 6);
	return ERROR_SUCCESS;
}

static DWORD WINAPI f_alloc(DWORD n, LPVOID *p)
{
	*p = malloc(n ? n : 1);
	return *p ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

static VOID WINAPI f_free(LPVOID p)
{
	free(p);
}

static DWORD WINAPI f_pre_completion(HANDLE svc, HANDLE session, DWORD reason, DWORD err)
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

static DWORD WINAPI f_post_completion(HANDLE svc, HANDLE session, PDOT11_MAC_ADDRESS peer,
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

static DWORD WINAPI f_send(HANDLE svc, ULONG len, LPVOID pkt, HANDLE h)
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

static DWORD WINAPI f_ethertype(HANDLE svc, ULONG backlog, ULONG nex, PDOT11_PRIVACY_EXEMPTION ex,
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

static DWORD WINAPI f_auth(HANDLE svc, DWORD v)
{
	(void)svc;
	rec.auth = v;
	return ERROR_SUCCESS;
}

static DWORD WINAPI f_ucast(HANDLE svc, DWORD v)
{
	(void)svc;
	rec.ucast = v;
	return ERROR_SUCCESS;
}

static DWORD WINAPI f_mcast(HANDLE svc, DWORD v)
{
	(void)svc;
	rec.mcast = v;
	return ERROR_SUCCESS;
}

/* The DOT11_KEY_ALGO_CCMP/BIP blob as the host reads it (src/core/keys.c). */
static void blob_read(const UCHAR *blob, USHORT len, struct rec_key *k)
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

static DWORD WINAPI f_default_key(HANDLE svc, PDOT11_CIPHER_DEFAULT_KEY_VALUE key,
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

static DWORD WINAPI f_mapping_key(HANDLE svc, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE key)
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

static DWORD WINAPI u_set_ud(HANDLE a, HANDLE b, DWORD c, DWORD d, LPVOID e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	UNEXPECTED("SetProfileCustomUserData");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_get_ud(HANDLE a, HANDLE b, DWORD c, DWORD *d, LPVOID *e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	UNEXPECTED("GetProfileCustomUserData");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_cur_prof(HANDLE a, HANDLE b, PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
			       PDOT11EXT_IHV_SECURITY_PROFILE d)
{
	(void)a, (void)b, (void)c, (void)d;
	UNEXPECTED("SetCurrentProfile");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_ui(HANDLE a, PDOT11EXT_IHV_UI_REQUEST b)
{
	(void)a, (void)b;
	UNEXPECTED("SendUIRequest");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_notif(HANDLE a, PL2_NOTIFICATION_DATA b)
{
	(void)a, (void)b;
	UNEXPECTED("SendNotification");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_key_id(HANDLE a, ULONG b)
{
	(void)a, (void)b;
	UNEXPECTED("SetDefaultKeyId");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_nic(HANDLE a, DWORD b, LPVOID c, DWORD *d, LPVOID e)
{
	(void)a, (void)b, (void)c, (void)d, (void)e;
	UNEXPECTED("NicSpecificExtension");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_excl(HANDLE a, BOOL b)
{
	(void)a, (void)b;
	UNEXPECTED("SetExcludeUnencrypted");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_onex_start(HANDLE a, EAP_ATTRIBUTES *b)
{
	(void)a, (void)b;
	UNEXPECTED("StartOneX");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_onex_stop(HANDLE a)
{
	(void)a;
	UNEXPECTED("StopOneX");
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI u_onex_pkt(HANDLE a, DWORD b, LPVOID c)
{
	(void)a, (void)b, (void)c;
	UNEXPECTED("ProcessSecurityPacket");
	return ERROR_NOT_SUPPORTED;
}

static DOT11EXT_APIS api;
static DOT11EXT_LINUX_APIS lx;
static DOT11EXT_IHV_HANDLERS h;
static HANDLE ad;

static void apis_fill(void)
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

static void setup(void)
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

static void teardown(void)
{
	h.Dot11ExtIhvDeinitAdapter(ad);
	h.Dot11ExtIhvDeinitService();
	ck_assert_int_eq(live_timers, 0);
}

/* ---- helpers ---------------------------------------------------------------------------- */

static uint16_t *u16(const char *s)
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

static void prof_make(struct prof *p, const char *auth, int pmf)
{
	char xml[512];

	if (!strcmp(auth, "NONE"))
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

static void prof_free(struct prof *p)
{
	free(p->conn);
	free(p->sec);
}

/* One DOT11_BSS_ENTRY per IE list, back to back (contract §6.4). */
static size_t bss_list(uint8_t *buf, const uint8_t *const *ies, const size_t *lens, int n)
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
static size_t fixture_ies(const char *hex, size_t fixed, uint8_t *out)
{
	uint8_t body[512];
	size_t n = test_unhex(hex, body);

	memcpy(out, body + fixed, n - fixed);
	return n - fixed;
}

static DWORD pre_assoc(struct prof *p, const uint8_t *ies, size_t ies_len, DWORD *reason)
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

static DWORD post_assoc(const uint8_t *req, size_t req_len, const uint8_t *bcn, size_t bcn_len)
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

static DWORD rx(const uint8_t *eapol, size_t len)
{
	uint8_t pkt[2048];

	memcpy(pkt, AA, 6);
	pkt[6] = 0x88;
	pkt[7] = 0x8e;
	memcpy(pkt + 8, eapol, len);
	return h.Dot11ExtIhvReceivePacket(ad, (DWORD)(8 + len), pkt);
}

static DWORD rx_hex(const char *hex)
{
	uint8_t f[1024];

	return rx(f, test_unhex(hex, f));
}

/* The last sent packet's EAPOL part equals hex; header = AA + 0x888E. */
static void tx_is(int i, const char *hex)
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

static void complete_all_sends(void)
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
static void fixture_group_keys(const char *frame_hex, const char *kek_hex, struct kde_info *kde,
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
static void pre_assoc_ok(const char *probe_hex, const char *auth, int pmf)
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

static void post_assoc_fixture(const char *assoc_hex, const char *probe_hex)
{
	uint8_t req[512], bcn[512];
	size_t rl = fixture_ies(assoc_hex, 4, req), bl = fixture_ies(probe_hex, 12, bcn);

	ck_assert_uint_eq(post_assoc(req, rl, bcn, bl), ERROR_SUCCESS);
	run_timers(0);
	ck_assert_int_eq(rec.post_calls, 0);
}

/* ---- tests ------------------------------------------------------------------------------ */

START_TEST(test_init_service_rules)
{
	DOT11EXT_IHV_HANDLERS t;
	DOT11EXT_LINUX_APIS old;

	/* the fixture's service is up: a second InitService is refused */
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_INVALID_STATE);
	h.Dot11ExtIhvDeinitAdapter(ad);
	h.Dot11ExtIhvDeinitService();
	ck_assert_int_eq(live_timers, 0);
	ck_assert_uint_eq(Dot11ExtIhvInitService(1, &api, &lx, &t), ERROR_NOT_SUPPORTED);
	/* a Windows-like host: pvReserved NULL, or a table too short for version 1 */
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, NULL, &t), ERROR_NOT_SUPPORTED);
	old = lx;
	lx.dwSize = DOT11EXT_LINUX_APIS_V1_SIZE - 8;
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_NOT_SUPPORTED);
	lx = old;
	ck_assert_uint_eq(Dot11ExtIhvGetVersionInfo(NULL), ERROR_INVALID_PARAMETER);
	memset(&t, 0, sizeof(t));
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_SUCCESS);
	for (size_t i = 0; i < sizeof(t) / sizeof(void *); i++) {
		void *fn;

		memcpy(&fn, (char *)&t + i * sizeof(void *), sizeof(fn));
		ck_assert_msg(fn != NULL, "handler %zu is NULL", i);
	}
	h = t;
	ck_assert_uint_eq(h.Dot11ExtIhvInitAdapter(NULL, SVC, &ad), ERROR_SUCCESS);
}
END_TEST

START_TEST(test_pre_assoc_psk_no_pmf)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 1);
	ck_assert_uint_eq(rec.auth, DOT11_AUTH_ALGO_RSNA_PSK);
	ck_assert_uint_eq(rec.ucast, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_uint_eq(rec.mcast, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_int_eq(rec.rsn_calls, 1);
	ck_assert_uint_eq(rec.rsn.dwAkmSuite, DOT11EXT_LINUX_AKM_PSK);
	/* Pmf optional but the AP is not MFP capable: no MFP */
	ck_assert_uint_eq(rec.rsn.dwMfp, DOT11EXT_LINUX_MFP_NONE);
	ck_assert_uint_eq(rec.rsn.dwGroupMgmtCipherSuite, 0);
	/* EAPOL registered big-endian; no exemption, so clear retransmits of msg 3 still arrive */
	ck_assert_uint_eq(rec.nreg, 1);
	ck_assert_mem_eq(&rec.reg, "\x88\x8e", 2);
	ck_assert_uint_eq(rec.nex, 0);
	ck_assert_uint_eq(rec.backlog, RSN_PLUGIN_RX_BACKLOG);
	ck_assert_ptr_eq(rec.pre_session, (HANDLE)0x77);
}
END_TEST

START_TEST(test_pre_assoc_psk_sha256_pmf)
{
	pre_assoc_ok(PMF_PROBE, "WPA-PSK-SHA256", 2);
	ck_assert_uint_eq(rec.rsn.dwAkmSuite, DOT11EXT_LINUX_AKM_PSK_SHA256);
	ck_assert_uint_eq(rec.rsn.dwMfp, DOT11EXT_LINUX_MFP_REQUIRED);
	ck_assert_uint_eq(rec.rsn.dwGroupMgmtCipherSuite, DOT11EXT_LINUX_CIPHER_SUITE_BIP_CMAC_128);
	/* optional PMF against an MFPC AP: capable */
	h.Dot11ExtIhvAdapterReset(ad);
	pre_assoc_ok(PMF_PROBE, "WPA-PSK-SHA256", 1);
	ck_assert_uint_eq(rec.rsn.dwMfp, DOT11EXT_LINUX_MFP_CAPABLE);
}
END_TEST

static void pre_assoc_fails(const char *probe_hex, const char *auth, int pmf, DWORD want)
{
	uint8_t ies[512];
	size_t n = fixture_ies(probe_hex, 12, ies);
	struct prof p;
	DWORD reason = 1;

	prof_make(&p, auth, pmf);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	ck_assert_int_eq(rec.pre_calls, 0);
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, 1);
	ck_assert_uint_eq(rec.pre_reason, want);
	ck_assert_uint_ne(rec.pre_err, ERROR_SUCCESS);
	ck_assert_int_eq(rec.rsn_calls, 0);
}

START_TEST(test_pre_assoc_mismatches)
{
	/* the AP offers AKM 2 only */
	pre_assoc_fails(WPA2_PROBE, "WPA-PSK-SHA256", 0, RSN_REASON_NO_MATCHING_AKM);
	rec.pre_calls = 0;
	pre_assoc_fails(WPA2_PROBE, "WPA-PSK", 2, RSN_REASON_PMF_REQUIRED_BY_PROFILE);
	rec.pre_calls = 0;
	/* the AP sets MFPR */
	pre_assoc_fails(PMF_PROBE, "WPA-PSK-SHA256", 0, RSN_REASON_PMF_REQUIRED_BY_AP);
	rec.pre_calls = 0;
	pre_assoc_fails(PMF_PROBE, "NONE", 0, RSN_REASON_BSS_NOT_OPEN);
}
END_TEST

START_TEST(test_pre_assoc_invalid_profile_is_synchronous)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	struct prof p;
	DWORD reason = 0;

	prof_make(&p, "WPA-EAP", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_BAD_PROFILE);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_VALUE);
	prof_free(&p);
	/* rule 26: no completion after a refused PerformPreAssociate */
	run_timers(100000);
	ck_assert_int_eq(rec.pre_calls, 0);
	/* SSIDs that disagree */
	prof_make(&p, "WPA-PSK", 0);
	free(p.conn);
	p.conn = u16("<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>00</Ssid></IhvConnectivity>");
	p.c.pszXmlFragmentIhvConnectivity = p.conn;
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_BAD_PROFILE);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_SSID_MISMATCH);
	/* ValidateProfile agrees */
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_BAD_PROFILE);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_SSID_MISMATCH);
	p.s.bUseMSOnex = TRUE;
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_ONEX);
	prof_free(&p);
	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(reason, L2_REASON_CODE_SUCCESS);
	prof_free(&p);
	run_timers(100000);
	ck_assert_int_eq(rec.pre_calls, 0);
}
END_TEST

START_TEST(test_reset_cancels_pre_assoc)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	struct prof p;
	DWORD reason;

	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	/* a second one while the first is pending */
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_INVALID_STATE);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	ck_assert_int_eq(rec.pre_calls, 1);
	ck_assert_uint_eq(rec.pre_err, ERROR_CANCELLED);
	ck_assert_uint_eq(rec.pre_reason, RSN_REASON_CANCELLED);
	ck_assert_ptr_eq(rec.pre_session, (HANDLE)0x77);
	run_timers(100000);
	ck_assert_int_eq(rec.pre_calls, 1);
	/* back to the post-InitAdapter state: a new pre-association works */
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, 2);
	ck_assert_uint_eq(rec.pre_err, ERROR_SUCCESS);
	/* DeinitAdapter with a pending pre-association: no completion (rule 15) */
	h.Dot11ExtIhvAdapterReset(ad);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	h.Dot11ExtIhvDeinitAdapter(ad);
	ck_assert_int_eq(rec.pre_calls, 2);
	ck_assert_uint_eq(h.Dot11ExtIhvInitAdapter(NULL, SVC, &ad), ERROR_SUCCESS);
}
END_TEST

START_TEST(test_stop_and_reset_during_post_assoc)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	ck_assert_int_eq(rec.ntx, 1);
	/* StopPostAssociate before completion: no completion, ever (rule 40) */
	ck_assert_uint_eq(h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)AA, 0x10003),
			  ERROR_SUCCESS);
	run_timers(100000);
	ck_assert_int_eq(rec.post_calls, 0);
	ck_assert_uint_eq(rx_hex("0203"), ERROR_INVALID_STATE);
	/* a reassociation with the same pre-association, then AdapterReset cancels it */
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_CANCELLED);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_CANCELLED);
	ck_assert_ptr_eq(rec.post_session, (HANDLE)0x99);
	/* StopPostAssociate after AdapterReset is harmless (contract §12) */
	ck_assert_uint_eq(h.Dot11ExtIhvStopPostAssociate(ad, NULL, 0), ERROR_SUCCESS);
	run_timers(100000);
	ck_assert_int_eq(rec.post_calls, 1);
	complete_all_sends();
}
END_TEST

/* README wpa2-psk-ccmp.pcap, byte-exact. */
START_TEST(test_fixture_wpa2_psk)
{
	uint8_t snonce[32], tk[16], plain[256];
	struct kde_info kde;
	char out[4096];
	DWORD n = 0;

	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	test_unhex("758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a", snonce);
	ck_assert_uint_eq(rsn_plugin_test_set_snonce(ad, snonce), ERROR_SUCCESS);
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	tx_is(0, "0103007502010a00000000000000000001758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a00000000000000000000000000000000000000000000000000000000000000003588715e295ccae68430b99a91d08149001630140100000fac040100000fac040100000fac020000");
	rx_hex("020300970213ca001000000000000000022a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb00000000000000000000000000000000000000000000000000000000000000000e49d54a8483a131f8f789b0b92ccf750038b51180c0c91a387e2cd6b70edded2a446a302f3fe9647736178d1514f620c6e21a37c45b0cd62bdef0717ccd8f46c09f867badc84baac2a3");
	tx_is(1, "0103005f02030a00000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007f258c8c0126fcf164b660e5c3e59b460000");
	/* msg 4 first, then the PTK (SetKeyMappingKey), then the GTK (SetDefaultKey) */
	ck_assert_int_eq(rec.nptk, 1);
	test_unhex("2a965ab9bbdd3819ca657461949d9c82", tk);
	ck_assert_uint_eq(rec.ptk[0].key_len, 16);
	ck_assert_mem_eq(rec.ptk[0].key, tk, 16);
	ck_assert_mem_eq(rec.ptk[0].mac, AA, 6);
	ck_assert_uint_eq(rec.ptk[0].algo, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_uint_eq(rec.ptk[0].dir, DOT11_DIR_BOTH);
	ck_assert_int_gt(rec.ptk[0].seq, rec.tx[1].seq);
	fixture_group_keys("020300970213ca001000000000000000022a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb00000000000000000000000000000000000000000000000000000000000000000e49d54a8483a131f8f789b0b92ccf750038b51180c0c91a387e2cd6b70edded2a446a302f3fe9647736178d1514f620c6e21a37c45b0cd62bdef0717ccd8f46c09f867badc84baac2a3",
			   "ac947c2b14cf63273901de26b65702b8", &kde, plain);
	ck_assert_int_eq(rec.ndk, 1);
	ck_assert_uint_eq(rec.dk[0].idx, kde.gtk_idx);
	ck_assert_uint_eq(rec.dk[0].key_len, 16);
	ck_assert_mem_eq(rec.dk[0].key, kde.gtk, 16);
	ck_assert_mem_eq(rec.dk[0].mac, "\0\0\0\0\0\0", 6);
	ck_assert_uint_eq(rec.dk[0].dir, DOT11_DIR_INBOUND);
	ck_assert_uint_eq(rec.dk[0].algo, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_int_gt(rec.dk[0].seq, rec.ptk[0].seq);
	/* then the port is authorized, from ReceivePacket (not from PerformPostAssociate) */
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	ck_assert_uint_eq(rec.post_reason, L2_REASON_CODE_SUCCESS);
	ck_assert_ptr_eq(rec.post_session, (HANDLE)0x99);
	ck_assert_int_gt(rec.post_seq, rec.dk[0].seq);
	ck_assert(!rec.completed_in_handler);
	complete_all_sends();

	/* the group rekey: group message 2 byte-exact, the new GTK installed */
	rx_hex("0203007f02138200000000000000000003000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004d805a496b854e3a99ebde52551d283c002058391bedfe16987f6363d915ec05016de35c600709d0026a08724251058d1554");
	tx_is(2, "0103005f0203020000000000000000000300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e4d8a91d9224361c3359f64f2e27bcae0000");
	fixture_group_keys("0203007f02138200000000000000000003000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004d805a496b854e3a99ebde52551d283c002058391bedfe16987f6363d915ec05016de35c600709d0026a08724251058d1554",
			   "ac947c2b14cf63273901de26b65702b8", &kde, plain);
	ck_assert_int_eq(rec.ndk, 2);
	ck_assert_uint_eq(rec.dk[1].idx, kde.gtk_idx);
	ck_assert_mem_eq(rec.dk[1].key, kde.gtk, 16);
	ck_assert_int_eq(rec.post_calls, 1);
	complete_all_sends();

	/* Control "stats" (rule 68): size always returned, copied only when it fits */
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", 4, (PBYTE)out, &n),
			  ERROR_MORE_DATA);
	ck_assert_uint_gt(n, 4);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 6, (PBYTE) "stats", sizeof(out), (PBYTE)out,
					       &n), ERROR_SUCCESS);
	ck_assert_uint_eq(strlen(out) + 1, n);
	ck_assert_ptr_nonnull(strstr(out, "msg2_sent=1 msg4_sent=1 group2_sent=1"));
	ck_assert_ptr_nonnull(strstr(out, "handshake=established"));
	ck_assert_ptr_nonnull(strstr(out, "pmk_derivations=1"));
}
END_TEST

/* README psk-sha256-pmf.pcap: KDF-SHA256, AES-CMAC MIC, IGTK. */
START_TEST(test_fixture_psk_sha256_pmf)
{
	uint8_t snonce[32], tk[16], plain[256];
	struct kde_info kde;
	const char *m3 = "020300b70213cb00100000000000000002e0f0ff4600eb776abfdfdf31db0a1d75e7032c8a639fd34fe5e2825ddb0e2e74000000000000000000000000000000000000000000000000000000000000000001bda3356f78da5022a07b5092b1a042005829c8c2b86be5d65544ba25d07c775f331f18165db6f878d757c3a0343e784a0b5e8d39231e3946861aa5efcabaaa85064019e0f5abb0b961b76b0bd9085b6648048ebdc51ebd164b15e46b20325d194fe8373e761178d6c7";

	pre_assoc_ok(PMF_PROBE, "WPA-PSK-SHA256", 2);
	post_assoc_fixture(PMF_ASSOC, PMF_PROBE);
	test_unhex("29952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee", snonce);
	ck_assert_uint_eq(rsn_plugin_test_set_snonce(ad, snonce), ERROR_SUCCESS);
	rx_hex("0203005f02008b00100000000000000001e0f0ff4600eb776abfdfdf31db0a1d75e7032c8a639fd34fe5e2825ddb0e2e740000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	tx_is(0, "0103007b02010b0000000000000000000129952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee00000000000000000000000000000000000000000000000000000000000000002b76fb6d2f90a6b87f6714e5cad6318b001c301a0100000fac040100000fac040100000fac06c0000000000fac06");
	rx_hex(m3);
	tx_is(1, "0103005f02030b00000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002ff0af854cc5963dcc7e4ea83c3769970000");
	test_unhex("bb81e9e1d6b04e55687732dc8be3bd14", tk);
	ck_assert_int_eq(rec.nptk, 1);
	ck_assert_mem_eq(rec.ptk[0].key, tk, 16);
	fixture_group_keys(m3, "1bb4a6d80c6f77b5d5ea94571b753399", &kde, plain);
	ck_assert_ptr_nonnull(kde.igtk);
	ck_assert_int_eq(rec.ndk, 2);
	ck_assert_uint_eq(rec.dk[0].idx, kde.gtk_idx);
	ck_assert_mem_eq(rec.dk[0].key, kde.gtk, 16);
	/* the IGTK: BIP, key index 4/5, the IPN as the counter */
	ck_assert_uint_eq(rec.dk[1].algo, DOT11_CIPHER_ALGO_BIP);
	ck_assert_uint_eq(rec.dk[1].idx, kde.igtk_idx);
	ck_assert(rec.dk[1].idx == 4 || rec.dk[1].idx == 5);
	ck_assert_mem_eq(rec.dk[1].key, kde.igtk, 16);
	ck_assert_mem_eq(rec.dk[1].ctr, kde.igtk_ipn, 6);
	ck_assert_uint_eq(rec.dk[1].dir, DOT11_DIR_INBOUND);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	rx_hex("0203009f02138300000000000000000003000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001d986a8e4274799f263407926fb245e0004046da5c44ebbdbbdf46346d03a0be7181bba98a233383c131158c68d2895dc48180a9f0a85b10ad9cdb92b7958c28063dfbad2bf78b02e12151059816d55cda69");
	tx_is(2, "0103005f0203030000000000000000000300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000630dd3996d0098029c5f14700b224a200000");
	complete_all_sends();
}
END_TEST

/* An in-test authenticator (test-auth.h) with a fresh handshake, AKM 6 + PMF. */
START_TEST(test_authenticator_psk_sha256_pmf)
{
	struct test_auth a;
	uint8_t pmk[32], req[512], bcn[512], f[1024];
	size_t rl = fixture_ies(PMF_ASSOC, 4, req), bl, n;

	test_unhex(PMK_HEX, pmk);
	test_auth_init(&a, RSN_AKM_PSK_SHA256, true, pmk, 42);
	/* the station RSNE is what the host put into the association request */
	a.sta_rsne_len = test_unhex("301a0100000fac040100000fac040100000fac06c0000000000fac06",
				    a.sta_rsne);
	bcn[0] = 0;
	bcn[1] = 9;
	memcpy(bcn + 2, "ihvd-test", 9);
	memcpy(bcn + 11, a.ap_rsne, a.ap_rsne_len);
	bl = 11 + a.ap_rsne_len;
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0); /* any pre-association... */
	h.Dot11ExtIhvAdapterReset(ad);          /* ...is undone by a reset */
	{
		struct prof p;
		DWORD reason;

		prof_make(&p, "WPA-PSK-SHA256", 2);
		ck_assert_uint_eq(pre_assoc(&p, bcn, bl, &reason), ERROR_SUCCESS);
		prof_free(&p);
		run_timers(0);
		ck_assert_uint_eq(rec.pre_err, ERROR_SUCCESS);
	}
	ck_assert_uint_eq(post_assoc(req, rl, bcn, bl), ERROR_SUCCESS);
	n = test_auth_msg1(&a, f, sizeof(f));
	ck_assert_uint_eq(rx(f, n), ERROR_SUCCESS);
	ck_assert_int_eq(rec.ntx, 1);
	ck_assert_int_eq(test_auth_rx(&a, rec.tx[0].data + 8, rec.tx[0].len - 8, true), 0);
	n = test_auth_msg3(&a, f, sizeof(f));
	ck_assert_uint_eq(rx(f, n), ERROR_SUCCESS);
	ck_assert_int_eq(rec.ntx, 2);
	ck_assert_int_eq(test_auth_rx(&a, rec.tx[1].data + 8, rec.tx[1].len - 8, false), 0);
	ck_assert_mem_eq(rec.ptk[0].key, a.ptk.tk, 16);
	ck_assert_uint_eq(rec.dk[0].idx, a.gtk_idx);
	ck_assert_mem_eq(rec.dk[0].key, a.gtk, 16);
	ck_assert_uint_eq(rec.dk[1].idx, a.igtk_idx);
	ck_assert_mem_eq(rec.dk[1].key, a.igtk, 16);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	/* the PMK came from the cache: the first pre-association derived it already */
	{
		char out[2048];
		DWORD k;

		ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", sizeof(out),
						       (PBYTE)out, &k), ERROR_SUCCESS);
		ck_assert_ptr_nonnull(strstr(out, "pmk_cache_hits=1 pmk_derivations=1"));
	}
	complete_all_sends();
}
END_TEST

/* A wrong passphrase: the AP resends message 1 (same ANonce) instead of message 3. */
START_TEST(test_wrong_passphrase)
{
	struct test_auth a;
	uint8_t pmk[32], f[1024];
	size_t n;

	memset(pmk, 0x5a, sizeof(pmk)); /* the AP's PSK, not ours */
	test_auth_init(&a, RSN_AKM_PSK, false, pmk, 7);
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	n = test_auth_msg1(&a, f, sizeof(f));
	rx(f, n);
	ck_assert_int_eq(rec.ntx, 1);
	ck_assert_int_eq(test_auth_rx(&a, rec.tx[0].data + 8, rec.tx[0].len - 8, true), -1);
	/* the same frame again (no new replay counter) is not a retransmission */
	rx(f, n);
	for (int i = 0; i < RSN_PLUGIN_PSK_MISMATCH_REPEATS; i++) {
		ck_assert_int_eq(rec.post_calls, 0);
		a.replay++;
		n = test_auth_build(&a, test_auth_info(&a, EAPOL_KEY_INFO_PAIRWISE), 16, a.anonce,
				    NULL, NULL, 0, f, sizeof(f));
		rx(f, n);
	}
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_PSK_MISMATCH);
	ck_assert_uint_ne(rec.post_err, ERROR_SUCCESS);
	ck_assert_str_eq(rsn_reason_str(rec.post_reason),
			 "PSK mismatch: the AP rejected message 2 (wrong passphrase?)");
	ck_assert_int_eq(rec.nptk, 0);
	/* later frames change nothing */
	a.replay++;
	n = test_auth_build(&a, test_auth_info(&a, EAPOL_KEY_INFO_PAIRWISE), 16, a.anonce, NULL,
			    NULL, 0, f, sizeof(f));
	rx(f, n);
	ck_assert_int_eq(rec.post_calls, 1);
	complete_all_sends();
}
END_TEST

START_TEST(test_handshake_timeout)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	ck_assert_int_gt(run_timers(RSN_HS_DEFAULT_TIMEOUT_MS), 0);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_HS_TIMEOUT_MSG1);
	ck_assert_uint_eq(rec.post_err, ERROR_TIMEOUT);
}
END_TEST

START_TEST(test_garbage_never_crashes)
{
	uint8_t pkt[600], eapol[512];
	char out[2048];
	DWORD n;
	uint32_t seed = 1;

	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 0, NULL), ERROR_INVALID_PARAMETER);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 7, pkt), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(NULL, 8, pkt), ERROR_INVALID_HANDLE);
	memset(pkt, 0, sizeof(pkt));
	memcpy(pkt, "\x02\x00\x00\x00\x00\x07", 6); /* another peer */
	pkt[6] = 0x88;
	pkt[7] = 0x8e;
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 100, pkt), ERROR_INVALID_PARAMETER);
	memcpy(pkt, AA, 6);
	pkt[7] = 0x8f;
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 100, pkt), ERROR_INVALID_PARAMETER);
	for (int i = 0; i < 2000; i++) {
		size_t len = (size_t)(seed % sizeof(eapol));

		for (size_t j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			eapol[j] = (uint8_t)(seed >> 16);
		}
		if (len > 4) { /* make many of them look like EAPOL-Key */
			eapol[0] = 2;
			eapol[1] = 3;
			eapol[2] = (uint8_t)((len - 4) >> 8);
			eapol[3] = (uint8_t)(len - 4);
		}
		rx(eapol, len);
		seed = seed * 1103515245u + 12345u;
	}
	ck_assert_int_eq(rec.post_calls, 0);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", sizeof(out), (PBYTE)out, &n),
			  ERROR_SUCCESS);
	ck_assert_ptr_nonnull(strstr(out, "rx_wrong_peer=1 rx_wrong_ethertype=1"));
	ck_assert_ptr_nonnull(strstr(out, "handshake=running"));
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 4, (PBYTE) "nope", sizeof(out), (PBYTE)out, &n),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 7, (PBYTE) "reasons", sizeof(out), NULL, &n),
			  ERROR_MORE_DATA);
	ck_assert_uint_gt(n, 100);
	complete_all_sends();
	ck_assert_uint_eq(h.Dot11ExtIhvSendPacketCompletion((HANDLE)pkt), ERROR_NOT_FOUND);
}
END_TEST

START_TEST(test_capability_match_and_the_rest)
{
	uint8_t wpa2[512], pmf[512], buf[2048];
	size_t lw = fixture_ies(WPA2_PROBE, 12, wpa2), lp = fixture_ies(PMF_PROBE, 12, pmf);
	const uint8_t *both[2] = { wpa2, pmf };
	size_t lens[2] = { lw, lp };
	DOT11_BSS_LIST bl = { (ULONG)bss_list(buf, both, lens, 2), buf };
	DOT11_BSS_LIST one = { (ULONG)bss_list(buf + 1024, both, lens, 1), buf + 1024 };
	DOT11_BSS_LIST cut = { bl.uNumOfBytes - 1, buf };
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl = { 5, (void *)1 };
	PDOT11EXT_IHV_UI_REQUEST ui = (void *)1;
	WTSSESSION_NOTIFICATION wts = { sizeof(wts), 1 };
	GUID guid = { 0 };
	BOOL pending = TRUE;
	struct prof p;
	DWORD reason;

	/* at least one BSS matches (contract §11.7) */
	prof_make(&p, "WPA-PSK-SHA256", 2);
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &bl, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(reason, L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &one, &reason),
			  ERROR_NO_MATCH);
	ck_assert_uint_eq(reason, RSN_REASON_NO_MATCHING_AKM);
	/* a truncated list: the complete first entry still counts, the second is not read */
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &cut, &reason),
			  ERROR_NO_MATCH);
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, NULL, &reason),
			  ERROR_SUCCESS);
	bl.uNumOfBytes = 0;
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &bl, &reason),
			  ERROR_NO_MATCH);
	ck_assert_uint_eq(reason, RSN_REASON_NO_BSS);
	prof_free(&p);

	ck_assert_uint_eq(h.Dot11ExtIhvCreateDiscoveryProfiles(ad, FALSE, NULL, NULL, &dl, &reason),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(dl.dwCount, 0);
	ck_assert_ptr_null(dl.pIhvDiscoveryProfiles);
	ck_assert_uint_ge(reason, L2_REASON_CODE_IHV_BASE);
	ck_assert_uint_eq(h.Dot11ExtIhvIsUIRequestPending(guid, &pending), ERROR_SUCCESS);
	ck_assert(!pending);
	ck_assert_uint_eq(h.Dot11ExtIhvProcessUIResponse(guid, 0, NULL), ERROR_NOT_FOUND);
	ck_assert_uint_eq(h.Dot11ExtIhvQueryUIRequest(ad, connection_phase_any, &ui),
			  ERROR_NOT_FOUND);
	ck_assert_ptr_null(ui);
	ck_assert_uint_eq(h.Dot11ExtIhvOnexIndicateResult(ad, DOT11_MSONEX_SUCCESS, NULL),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(h.Dot11ExtIhvProcessSessionChange(WTS_SESSION_LOGOFF, &wts),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, IndicationTypeLinkQuality, 0, NULL),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, (DOT11EXT_IHV_INDICATION_TYPE)9, 0,
							 NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication((HANDLE)buf, IndicationTypeLinkQuality, 0,
							 NULL), ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset((HANDLE)buf), ERROR_INVALID_HANDLE);
	/* PerformPostAssociate without a pre-association */
	ck_assert_uint_eq(post_assoc(wpa2, lw, wpa2, lw), ERROR_INVALID_STATE);
}
END_TEST

START_TEST(test_send_failure_fails_the_handshake)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	rec.send_result = ERROR_INVALID_STATE;
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_HS_TX);
	ck_assert_uint_ne(rec.post_err, ERROR_SUCCESS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plugin");
	TCase *tc = tcase_create("contract");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_init_service_rules);
	tcase_add_test(tc, test_pre_assoc_psk_no_pmf);
	tcase_add_test(tc, test_pre_assoc_psk_sha256_pmf);
	tcase_add_test(tc, test_pre_assoc_mismatches);
	tcase_add_test(tc, test_pre_assoc_invalid_profile_is_synchronous);
	tcase_add_test(tc, test_reset_cancels_pre_assoc);
	tcase_add_test(tc, test_stop_and_reset_during_post_assoc);
	tcase_add_test(tc, test_fixture_wpa2_psk);
	tcase_add_test(tc, test_fixture_psk_sha256_pmf);
	tcase_add_test(tc, test_authenticator_psk_sha256_pmf);
	tcase_add_test(tc, test_wrong_passphrase);
	tcase_add_test(tc, test_handshake_timeout);
	tcase_add_test(tc, test_garbage_never_crashes);
	tcase_add_test(tc, test_capability_match_and_the_rest);
	tcase_add_test(tc, test_send_failure_fails_the_handshake);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rsn_crypto_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
