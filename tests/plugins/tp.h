/*
 * Test plugins for the contract host: one configurable implementation,
 * compiled into several purpose-built .so files (tests/plugins/tp-*.c), each
 * selecting a behaviour (or a misbehaviour) with TP_* macros before
 * including this file with TP_IMPLEMENTATION defined.
 *
 * The plugin exports `tp_state`: knobs the test sets (after dlopen of the
 * same .so, before the host loads it) and what the plugin saw and got back.
 * Tests include this header without TP_IMPLEMENTATION for the types.
 */
#ifndef IHVD_TESTS_TP_H
#define IHVD_TESTS_TP_H

#include <stdint.h>

#include "ihvlinux.h"
#include "wlanihv.h"

enum tp_pre_mode {
	TP_PRE_ASYNC,        /* complete from a 0 ms timer: well-behaved */
	TP_PRE_SYNC,         /* complete inside PerformPreAssociate (rule 27) */
	TP_PRE_NEVER,        /* never complete (timeout) */
	TP_PRE_FAIL,         /* complete asynchronously with pre_error/pre_reason */
	TP_PRE_REFUSE,       /* PerformPreAssociate returns pre_error */
	TP_PRE_TWICE,        /* complete twice (rule 25) */
	TP_PRE_THREAD,       /* complete from a pthread */
	TP_PRE_CUSTOM,       /* complete with pre_error/pre_reason, any pair */
};

enum tp_post_mode {
	TP_POST_EAPOL,       /* reply to frames, keys, complete after N frames */
	TP_POST_ASYNC,       /* complete from a 0 ms timer */
	TP_POST_SYNC,        /* complete inside PerformPostAssociate (rule 36) */
	TP_POST_NEVER,
	TP_POST_FAIL,        /* complete asynchronously with post_error/post_reason */
	TP_POST_REFUSE,      /* PerformPostAssociate returns post_error */
	TP_POST_THREAD,      /* keys, a packet and the completion from a pthread */
};

#define TP_LOG_MAX 4096
#define TP_MAX_FRAMES 32
#define TP_MAX_SENDS 64

struct tp_frame {
	uint32_t len;
	uint8_t data[256];
};

struct tp_state {
	/* knobs */
	int pre_mode;
	int post_mode;
	uint32_t pre_error, pre_reason;
	uint32_t post_error, post_reason;
	uint32_t pre_return_reason;    /* *pdwReasonCode of PerformPreAssociate */
	int register_eapol;            /* SetEtherTypeHandling at InitAdapter */
	int register_in_pre;           /* ... and again in PerformPreAssociate */
	uint32_t backlog;
	uint32_t n_exemptions;
	DOT11_PRIVACY_EXEMPTION exemptions[4];
	uint32_t auth, ucast, mcast;   /* 0: not set */
	int set_rsn;
	DOT11EXT_LINUX_RSN_PARAMS rsn;
	int reply;                     /* SendPacket a reply to each frame */
	int frames_to_complete;        /* TP_POST_EAPOL: complete after this many */
	int install_keys;
	int install_igtk;
	int same_send_handle;          /* reuse one hSendCompletion (rule 46) */
	int et_late;                   /* SetEtherTypeHandling in PerformPostAssociate */
	int calls_after_deinit;        /* call services inside / after DeinitAdapter */
	int complete_after_stop;       /* PostAssociateCompletion after StopPostAssociate */
	int reset_cancels;             /* complete pending pre with ERROR_CANCELLED in AdapterReset */
	int ui_request;                /* SendUIRequest in PerformPreAssociate */
	int query_ui;                  /* return a request from QueryUIRequest */
	int notify;                    /* SendNotification in PerformPostAssociate */
	int udata_in_pre;              /* custom user data inside PerformPreAssociate */
	DWORD init_adapter_error;      /* InitAdapter fails with this */
	/* observations */
	char log[TP_LOG_MAX];
	HANDLE svc, svc2;
	HANDLE connect, security;
	HANDLE old_connect, old_security;
	uint32_t version_used;
	int linux_apis;
	DWORD rc_pre, rc_pre2, rc_post, rc_et_late, rc_rsn, rc_keys[4];
	DWORD rc_send[TP_MAX_SENDS];
	int n_send_calls;
	DWORD rc_in_deinit[4], rc_after_deinit[4];
	DWORD rc_after_stop, rc_cancel, rc_ui, rc_notify, rc_info, rc_udata_in_pre;
	int api_nulls;
	DOT11EXT_LINUX_ADAPTER_INFO info;
	GUID adapter_guid;
	char adapter_desc[128];
	uint32_t bss_list_len;
	uint8_t bss_list[2048];
	uint32_t ssid_len;
	uint8_t ssid[32];
	char conn_xml[256], sec_xml[256];
	DOT11_PORT_STATE port;
	uint32_t assoc_len;
	uint8_t assoc[2048];
	int n_frames;
	struct tp_frame frames[TP_MAX_FRAMES];
	int n_completions;
	HANDLE completions[TP_MAX_SENDS];
	int n_ui_responses;
	uint8_t ui_response[64];
	uint32_t ui_response_len;
	DOT11_ASSOC_STATUS stop_status;
	int max_recv_depth, recv_depth;
	int in_handler;                /* >0 while a handler runs */
	int overlap;                   /* a handler entered while another ran */
};

#ifdef TP_IMPLEMENTATION

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef TP_VERSION_MIN
#define TP_VERSION_MIN 0
#endif
#ifndef TP_VERSION_MAX
#define TP_VERSION_MAX 0
#endif
#ifndef TP_DEFAULT_PRE_MODE
#define TP_DEFAULT_PRE_MODE TP_PRE_ASYNC
#endif
#ifndef TP_DEFAULT_POST_MODE
#define TP_DEFAULT_POST_MODE TP_POST_EAPOL
#endif

/* TP_DEFAULT_INIT may override the defaults below */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
__attribute__((visibility("default"))) struct tp_state tp_state = {
	.pre_mode = TP_DEFAULT_PRE_MODE,
	.post_mode = TP_DEFAULT_POST_MODE,
	.register_eapol = 1,
	.register_in_pre = 1,
	.backlog = 8,
	.auth = DOT11_AUTH_ALGO_RSNA_PSK,
	.ucast = DOT11_CIPHER_ALGO_CCMP,
	.mcast = DOT11_CIPHER_ALGO_CCMP,
	.reply = 1,
	.frames_to_complete = 2,
	.install_keys = 1,
#ifdef TP_DEFAULT_INIT
	TP_DEFAULT_INIT
#endif
};
#pragma GCC diagnostic pop

static DOT11EXT_APIS g_api;
static DOT11EXT_LINUX_APIS g_lx;
static HANDLE g_pre_timer, g_post_timer, g_late_timer;
static uint8_t g_send_bufs[TP_MAX_SENDS][64];
static int g_adapter_token = 0x5a;

static void tp_log(const char *what)
{
	size_t n = strlen(tp_state.log);

	snprintf(tp_state.log + n, sizeof(tp_state.log) - n, "%s%s", n ? " " : "", what);
}

static void enter(const char *what)
{
	if (tp_state.in_handler)
		tp_state.overlap++;
	tp_state.in_handler++;
	tp_log(what);
}

static void leave(void)
{
	tp_state.in_handler--;
}

static void utf16_to_ascii(const WCHAR *s, char *out, size_t len)
{
	size_t i = 0;

	if (!s) {
		out[0] = 0;
		return;
	}
	while (s[i] && i + 1 < len) {
		out[i] = s[i] < 0x80 ? (char)s[i] : '?';
		i++;
	}
	out[i] = 0;
}

/* ---- timers ------------------------------------------------------------------ */

static VOID WINAPI pre_timer_cb(HANDLE t, LPVOID ctx)
{
	(void)t;
	(void)ctx;
	tp_log("pre-timer");
	if (tp_state.pre_mode == TP_PRE_FAIL || tp_state.pre_mode == TP_PRE_CUSTOM)
		tp_state.rc_pre = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, tp_state.pre_reason, tp_state.pre_error);
	else
		tp_state.rc_pre = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	if (tp_state.pre_mode == TP_PRE_TWICE)
		tp_state.rc_pre2 = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
}

static VOID WINAPI post_timer_cb(HANDLE t, LPVOID ctx)
{
	(void)t;
	(void)ctx;
	tp_log("post-timer");
	if (tp_state.post_mode == TP_POST_FAIL)
		tp_state.rc_post = g_api.Dot11ExtPostAssociateCompletion(
			tp_state.svc, tp_state.security, NULL, tp_state.post_reason,
			tp_state.post_error);
	else
		tp_state.rc_post = g_api.Dot11ExtPostAssociateCompletion(
			tp_state.svc, tp_state.security, NULL, L2_REASON_CODE_SUCCESS,
			ERROR_SUCCESS);
}

/* Calls with handles that died: after StopPostAssociate / DeinitAdapter. */
static VOID WINAPI late_timer_cb(HANDLE t, LPVOID ctx)
{
	DOT11_CIPHER_KEY_MAPPING_KEY_VALUE k;

	(void)t;
	(void)ctx;
	tp_log("late-timer");
	if (tp_state.complete_after_stop)
		tp_state.rc_after_stop = g_api.Dot11ExtPostAssociateCompletion(
			tp_state.svc, tp_state.old_security, NULL, L2_REASON_CODE_SUCCESS,
			ERROR_SUCCESS);
	if (tp_state.calls_after_deinit) {
		memset(&k, 0, sizeof(k));
		tp_state.rc_after_deinit[0] = g_api.Dot11ExtSetExcludeUnencrypted(tp_state.svc, TRUE);
		tp_state.rc_after_deinit[1] = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.old_connect, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		tp_state.rc_after_deinit[2] = g_api.Dot11ExtSetKeyMappingKey(tp_state.svc, &k);
		tp_state.rc_after_deinit[3] = g_api.Dot11ExtSetEtherTypeHandling(
			tp_state.svc, 1, 0, NULL, 0, NULL);
	}
}

/* ---- keys ---------------------------------------------------------------------- */

static void install_keys(void)
{
	uint8_t buf[64];
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE mk = (void *)buf;
	PDOT11_CIPHER_DEFAULT_KEY_VALUE dk = (void *)buf;
	DOT11_KEY_ALGO_CCMP ccmp;
	DOT11_KEY_ALGO_BIP bip;
	ULONG l = 16;

	memset(buf, 0, sizeof(buf));
	memcpy(mk->PeerMacAddr, tp_state.port.PeerMacAddress, 6);
	mk->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	mk->Direction = DOT11_DIR_BOTH;
	mk->bStatic = FALSE;
	mk->usKeyLength = 12 + 16;
	memset(&ccmp, 0, sizeof(ccmp));
	memcpy(mk->ucKey, &ccmp, 12);
	memcpy(mk->ucKey + 8, &l, 4);
	memset(mk->ucKey + 12, 0x11, 16);
	tp_state.rc_keys[0] = g_api.Dot11ExtSetKeyMappingKey(tp_state.svc, mk);

	memset(buf, 0, sizeof(buf));
	dk->Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	dk->Header.Revision = DOT11_CIPHER_DEFAULT_KEY_VALUE_REVISION_1;
	dk->Header.Size = sizeof(DOT11_CIPHER_DEFAULT_KEY_VALUE);
	dk->uKeyIndex = 1;
	dk->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	dk->usKeyLength = 12 + 16;
	dk->ucKey[0] = 0x07; /* RSC: PN0 first */
	memcpy(dk->ucKey + 8, &l, 4);
	memset(dk->ucKey + 12, 0x22, 16);
	tp_state.rc_keys[1] = g_api.Dot11ExtSetDefaultKey(tp_state.svc, dk, DOT11_DIR_INBOUND);

	if (tp_state.install_igtk) {
		memset(buf, 0, sizeof(buf));
		dk->uKeyIndex = 4;
		dk->AlgorithmId = DOT11_CIPHER_ALGO_BIP;
		dk->usKeyLength = 12 + 16;
		memset(&bip, 0, sizeof(bip));
		dk->ucKey[0] = 0x09; /* IPN */
		memcpy(dk->ucKey + 8, &l, 4);
		memset(dk->ucKey + 12, 0x33, 16);
		tp_state.rc_keys[2] = g_api.Dot11ExtSetDefaultKey(tp_state.svc, dk, DOT11_DIR_INBOUND);
	}
}

static DWORD send_reply(const uint8_t *peer, const char *payload)
{
	int i = tp_state.n_send_calls;
	uint8_t *b;
	size_t n = strlen(payload);
	DWORD rc;

	if (i >= TP_MAX_SENDS)
		return ERROR_NOT_ENOUGH_MEMORY;
	b = g_send_bufs[i];
	memcpy(b, peer, 6);
	b[6] = 0x88;
	b[7] = 0x8e;
	memcpy(b + 8, payload, n);
	rc = g_api.Dot11ExtSendPacket(tp_state.svc, (ULONG)(8 + n), b,
				      tp_state.same_send_handle ? (HANDLE)g_send_bufs[0] : (HANDLE)b);
	tp_state.rc_send[i] = rc;
	tp_state.n_send_calls++;
	return rc;
}

/* ---- threads ---------------------------------------------------------------------- */

static void *pre_thread(void *arg)
{
	(void)arg;
	tp_state.rc_pre = g_api.Dot11ExtPreAssociateCompletion(
		tp_state.svc, tp_state.connect, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	return NULL;
}

static void *post_thread(void *arg)
{
	(void)arg;
	send_reply(tp_state.port.PeerMacAddress, "thread");
	install_keys();
	tp_state.rc_post = g_api.Dot11ExtPostAssociateCompletion(
		tp_state.svc, tp_state.security, NULL, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	return NULL;
}

static void run_thread(void *(*fn)(void *))
{
	pthread_t t;

	if (!pthread_create(&t, NULL, fn, NULL))
		pthread_join(t, NULL); /* joined: the handler returns after it */
}

/* ---- handlers --------------------------------------------------------------------- */

static VOID WINAPI h_deinit_service(VOID)
{
	enter("DeinitService");
	if (g_lx.Dot11ExtLinuxTimerDestroy) {
		if (g_pre_timer)
			g_lx.Dot11ExtLinuxTimerDestroy(g_pre_timer);
		if (g_post_timer)
			g_lx.Dot11ExtLinuxTimerDestroy(g_post_timer);
		if (g_late_timer)
			g_lx.Dot11ExtLinuxTimerDestroy(g_late_timer);
	}
	g_pre_timer = g_post_timer = g_late_timer = NULL;
	leave();
}

static DWORD WINAPI h_init_adapter(PDOT11_ADAPTER ad, HANDLE svc, PHANDLE out)
{
	USHORT reg[1];

	enter("InitAdapter");
	if (!ad || !out) {
		leave();
		return ERROR_INVALID_PARAMETER;
	}
	if (tp_state.init_adapter_error) {
		leave();
		return tp_state.init_adapter_error;
	}
	if (tp_state.svc)
		tp_state.svc2 = svc;
	else
		tp_state.svc = svc;
	tp_state.adapter_guid = ad->gAdapterId;
	utf16_to_ascii(ad->pszDescription, tp_state.adapter_desc,
		       sizeof(tp_state.adapter_desc));
	if (g_lx.Dot11ExtLinuxGetAdapterInfo) {
		tp_state.info.dwSize = sizeof(tp_state.info);
		tp_state.rc_info = g_lx.Dot11ExtLinuxGetAdapterInfo(svc, &tp_state.info);
	}
	if (tp_state.register_eapol) {
		uint8_t be[2] = { 0x88, 0x8e }; /* big-endian 0x888e (contract §4.5) */

		memcpy(&reg[0], be, 2);
		g_api.Dot11ExtSetEtherTypeHandling(svc, tp_state.backlog,
						   tp_state.n_exemptions,
						   tp_state.n_exemptions ? tp_state.exemptions : NULL,
						   1, reg);
	}
	*out = &g_adapter_token;
	leave();
	return ERROR_SUCCESS;
}

static VOID WINAPI h_deinit_adapter(HANDLE a)
{
	(void)a;
	enter("DeinitAdapter");
	if (tp_state.calls_after_deinit) {
		tp_state.rc_in_deinit[0] = g_api.Dot11ExtSetExcludeUnencrypted(tp_state.svc, TRUE);
		tp_state.rc_in_deinit[1] = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		tp_state.old_connect = tp_state.connect;
		if (g_late_timer)
			g_lx.Dot11ExtLinuxTimerArm(g_late_timer, 0);
	}
	leave();
}

static DWORD WINAPI h_perform_pre_associate(HANDLE a, HANDLE cs,
					    PDOT11EXT_IHV_PROFILE_PARAMS pp,
					    PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
					    PDOT11EXT_IHV_SECURITY_PROFILE sec,
					    PDOT11_BSS_LIST bl, PDWORD reason)
{
	(void)a;
	enter("PerformPreAssociate");
	tp_state.connect = cs;
	*reason = tp_state.pre_return_reason;
	if (bl && bl->uNumOfBytes <= sizeof(tp_state.bss_list)) {
		tp_state.bss_list_len = bl->uNumOfBytes;
		memcpy(tp_state.bss_list, bl->pucBuffer, bl->uNumOfBytes);
	}
	if (pp && pp->pSsidList && pp->pSsidList->ulCount) {
		tp_state.ssid_len = pp->pSsidList->SSIDs[0].uSSIDLength;
		memcpy(tp_state.ssid, pp->pSsidList->SSIDs[0].ucSSID, 32);
	}
	utf16_to_ascii(conn ? conn->pszXmlFragmentIhvConnectivity : NULL, tp_state.conn_xml,
		       sizeof(tp_state.conn_xml));
	utf16_to_ascii(sec ? sec->pszXmlFragmentIhvSecurity : NULL, tp_state.sec_xml,
		       sizeof(tp_state.sec_xml));
	if (tp_state.udata_in_pre) {
		uint8_t d[2] = { 1, 2 };

		tp_state.rc_udata_in_pre = g_api.Dot11ExtSetProfileCustomUserData(
			tp_state.svc, cs, 1, sizeof(d), d);
	}
	if (tp_state.pre_mode == TP_PRE_REFUSE) {
		leave();
		return tp_state.pre_error;
	}
	if (tp_state.register_in_pre) {
		USHORT reg;
		uint8_t be[2] = { 0x88, 0x8e };

		memcpy(&reg, be, 2);
		g_api.Dot11ExtSetEtherTypeHandling(tp_state.svc, tp_state.backlog,
						   tp_state.n_exemptions,
						   tp_state.n_exemptions ? tp_state.exemptions : NULL,
						   1, &reg);
	}
	if (tp_state.auth)
		g_api.Dot11ExtSetAuthAlgorithm(tp_state.svc, tp_state.auth);
	if (tp_state.ucast)
		g_api.Dot11ExtSetUnicastCipherAlgorithm(tp_state.svc, tp_state.ucast);
	if (tp_state.mcast)
		g_api.Dot11ExtSetMulticastCipherAlgorithm(tp_state.svc, tp_state.mcast);
	if (tp_state.set_rsn)
		tp_state.rc_rsn = g_lx.Dot11ExtLinuxSetRsnParams(tp_state.svc, &tp_state.rsn);
	if (tp_state.ui_request) {
		DOT11EXT_IHV_UI_REQUEST r;
		static uint8_t text[] = "Enter the passphrase";

		memset(&r, 0, sizeof(r));
		r.guidUIRequest.Data1 = 0x1234;
		r.guidUIRequest.Data4[7] = 1;
		r.dwByteCount = sizeof(text) - 1;
		r.pvUIRequest = text;
		tp_state.rc_ui = g_api.Dot11ExtSendUIRequest(tp_state.svc, &r);
	}
	switch (tp_state.pre_mode) {
	case TP_PRE_SYNC:
		tp_state.rc_pre = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, cs, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		break;
	case TP_PRE_THREAD:
		run_thread(pre_thread);
		break;
	case TP_PRE_NEVER:
		break;
	default:
		g_lx.Dot11ExtLinuxTimerArm(g_pre_timer, 0);
		break;
	}
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_adapter_reset(HANDLE a)
{
	(void)a;
	enter("AdapterReset");
	if (tp_state.reset_cancels)
		tp_state.rc_cancel = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, L2_REASON_CODE_IHV_BASE + 1,
			ERROR_CANCELLED);
	tp_state.old_connect = tp_state.connect;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_perform_post_associate(HANDLE a, HANDLE ss, PDOT11_PORT_STATE ps,
					     ULONG len, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p)
{
	(void)a;
	enter("PerformPostAssociate");
	tp_state.security = ss;
	if (ps)
		tp_state.port = *ps;
	if (p && len <= sizeof(tp_state.assoc)) {
		tp_state.assoc_len = len;
		memcpy(tp_state.assoc, p, len);
	}
	if (tp_state.et_late) {
		USHORT reg;
		uint8_t be[2] = { 0x88, 0x8e };

		memcpy(&reg, be, 2);

		tp_state.rc_et_late = g_api.Dot11ExtSetEtherTypeHandling(tp_state.svc, 4, 0,
									 NULL, 1, &reg);
	}
	if (tp_state.notify) {
		L2_NOTIFICATION_DATA nd;
		uint8_t data[4] = { 1, 2, 3, 4 };

		memset(&nd, 0, sizeof(nd));
		nd.NotificationSource = L2_NOTIFICATION_SOURCE_WLAN_IHV;
		nd.NotificationCode = 7;
		nd.dwDataSize = sizeof(data);
		nd.pData = data;
		tp_state.rc_notify = g_api.Dot11ExtSendNotification(tp_state.svc, &nd);
		memset(data, 0xee, sizeof(data)); /* the host must have copied */
	}
	switch (tp_state.post_mode) {
	case TP_POST_REFUSE:
		leave();
		return tp_state.post_error;
	case TP_POST_SYNC:
		tp_state.rc_post = g_api.Dot11ExtPostAssociateCompletion(
			tp_state.svc, ss, NULL, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		break;
	case TP_POST_ASYNC:
	case TP_POST_FAIL:
		g_lx.Dot11ExtLinuxTimerArm(g_post_timer, 0);
		break;
	case TP_POST_THREAD:
		run_thread(post_thread);
		break;
	case TP_POST_EAPOL:
	case TP_POST_NEVER:
		break;
	}
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_stop_post_associate(HANDLE a, PDOT11_MAC_ADDRESS peer,
					  DOT11_ASSOC_STATUS st)
{
	(void)a;
	(void)peer;
	enter("StopPostAssociate");
	tp_state.stop_status = st;
	tp_state.old_security = tp_state.security;
	if (tp_state.complete_after_stop)
		g_lx.Dot11ExtLinuxTimerArm(g_late_timer, 0);
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_validate_profile(HANDLE a, PDOT11EXT_IHV_PROFILE_PARAMS pp,
				       PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
				       PDOT11EXT_IHV_SECURITY_PROFILE s, PDWORD reason)
{
	(void)a;
	(void)pp;
	(void)c;
	(void)s;
	enter("ValidateProfile");
	*reason = L2_REASON_CODE_SUCCESS;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_capability_match(HANDLE a, PDOT11EXT_IHV_PROFILE_PARAMS pp,
				       PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
				       PDOT11EXT_IHV_SECURITY_PROFILE s, PDOT11_BSS_LIST bl,
				       PDWORD reason)
{
	(void)a;
	(void)pp;
	(void)c;
	(void)s;
	(void)bl;
	enter("PerformCapabilityMatch");
	*reason = L2_REASON_CODE_SUCCESS;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_create_discovery_profiles(HANDLE a, BOOL insecure,
						PDOT11EXT_IHV_PROFILE_PARAMS pp,
						PDOT11_BSS_LIST bl,
						PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST out,
						PDWORD reason)
{
	(void)a;
	(void)insecure;
	(void)pp;
	(void)bl;
	enter("CreateDiscoveryProfiles");
	out->dwCount = 0;
	out->pIhvDiscoveryProfiles = NULL;
	*reason = L2_REASON_CODE_IHV_BASE;
	leave();
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI h_process_session_change(ULONG ev, PWTSSESSION_NOTIFICATION n)
{
	(void)ev;
	(void)n;
	enter("ProcessSessionChange");
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_receive_indication(HANDLE a, DOT11EXT_IHV_INDICATION_TYPE t,
					 ULONG len, LPVOID buf)
{
	(void)a;
	(void)t;
	(void)len;
	(void)buf;
	enter("ReceiveIndication");
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_receive_packet(HANDLE a, DWORD len, LPVOID buf)
{
	const uint8_t *p = buf;
	struct tp_frame *f;
	int n;

	(void)a;
	enter("ReceivePacket");
	tp_state.recv_depth++;
	if (tp_state.recv_depth > tp_state.max_recv_depth)
		tp_state.max_recv_depth = tp_state.recv_depth;
	n = tp_state.n_frames++;
	if (n < TP_MAX_FRAMES) {
		f = &tp_state.frames[n];
		f->len = len;
		memcpy(f->data, p, len < sizeof(f->data) ? len : sizeof(f->data));
	}
	if (tp_state.post_mode == TP_POST_EAPOL && len >= 8) {
		if (tp_state.reply)
			send_reply(p, n + 1 == tp_state.frames_to_complete ? "msg4" : "msg2");
		if (n + 1 == tp_state.frames_to_complete) {
			if (tp_state.install_keys)
				install_keys();
			g_lx.Dot11ExtLinuxTimerArm(g_post_timer, 0);
		}
	}
	tp_state.recv_depth--;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_send_packet_completion(HANDLE hc)
{
	enter("SendPacketCompletion");
	if (tp_state.n_completions < TP_MAX_SENDS)
		tp_state.completions[tp_state.n_completions] = hc;
	tp_state.n_completions++;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_is_ui_request_pending(GUID g, PBOOL pending)
{
	enter("IsUIRequestPending");
	*pending = g.Data1 == 0x1234 || g.Data1 == 0x5678;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_process_ui_response(GUID g, DWORD n, LPVOID buf)
{
	(void)g;
	enter("ProcessUIResponse");
	tp_state.n_ui_responses++;
	tp_state.ui_response_len = n;
	if (buf && n <= sizeof(tp_state.ui_response))
		memcpy(tp_state.ui_response, buf, n);
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_query_ui_request(HANDLE a, DOT11EXT_IHV_CONNECTION_PHASE ph,
				       PDOT11EXT_IHV_UI_REQUEST *out)
{
	PDOT11EXT_IHV_UI_REQUEST r = NULL;
	void *data = NULL;

	(void)a;
	(void)ph;
	enter("QueryUIRequest");
	*out = NULL;
	if (!tp_state.query_ui) {
		leave();
		return ERROR_CALL_NOT_IMPLEMENTED;
	}
	if (g_api.Dot11ExtAllocateBuffer(sizeof(*r), (LPVOID *)&r) ||
	    g_api.Dot11ExtAllocateBuffer(4, &data)) {
		g_api.Dot11ExtFreeBuffer(r);
		leave();
		return ERROR_OUTOFMEMORY;
	}
	memset(r, 0, sizeof(*r));
	r->guidUIRequest.Data1 = 0x5678;
	r->dwByteCount = 4;
	memcpy(data, "pin?", 4);
	r->pvUIRequest = data;
	*out = r;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_onex_indicate_result(HANDLE a, DOT11_MSONEX_RESULT r,
					   PDOT11_MSONEX_RESULT_PARAMS p)
{
	(void)a;
	(void)r;
	(void)p;
	enter("OnexIndicateResult");
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_control(HANDLE a, DWORD in_len, PBYTE in, DWORD out_len, PBYTE out,
			      PDWORD ret)
{
	(void)a;
	enter("Control");
	/* echo, reversed; report the full size even if it does not fit */
	*ret = in_len;
	if (out && in_len <= out_len) {
		DWORD i;

		for (i = 0; i < in_len; i++)
			out[i] = in[in_len - 1 - i];
	}
	leave();
	return ERROR_SUCCESS;
}

/* ---- exports ---------------------------------------------------------------------- */

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO vi)
{
	enter("GetVersionInfo");
	vi->dwVerMin = TP_VERSION_MIN;
	vi->dwVerMax = TP_VERSION_MAX;
	leave();
	return ERROR_SUCCESS;
}

#ifdef TP_NO_INIT_EXPORT
/* present, but not under the contract's name */
DWORD WINAPI tp_init_service_unexported(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved,
					PDOT11EXT_IHV_HANDLERS h);
__attribute__((visibility("hidden"))) DWORD WINAPI
tp_init_service_unexported(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved,
			   PDOT11EXT_IHV_HANDLERS h)
#else
__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitService(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved,
		       PDOT11EXT_IHV_HANDLERS h)
#endif
{
	const DOT11EXT_LINUX_APIS *lx = reserved;

	enter("InitService");
	tp_state.version_used = ver;
	g_api = *api;
	{
		void **t = (void **)api;
		int i;

		for (i = 0; i < 22; i++)
			tp_state.api_nulls += !t[i];
	}
	if (lx && lx->dwVersion >= 1 && lx->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE) {
		g_lx = *lx;
		tp_state.linux_apis = 1;
		g_lx.Dot11ExtLinuxTimerCreate(pre_timer_cb, NULL, &g_pre_timer);
		g_lx.Dot11ExtLinuxTimerCreate(post_timer_cb, NULL, &g_post_timer);
		g_lx.Dot11ExtLinuxTimerCreate(late_timer_cb, NULL, &g_late_timer);
	}
#ifdef TP_INIT_FAIL
	leave();
	return ERROR_NOT_SUPPORTED;
#endif
	h->Dot11ExtIhvDeinitService = h_deinit_service;
	h->Dot11ExtIhvInitAdapter = h_init_adapter;
	h->Dot11ExtIhvDeinitAdapter = h_deinit_adapter;
	h->Dot11ExtIhvPerformPreAssociate = h_perform_pre_associate;
	h->Dot11ExtIhvAdapterReset = h_adapter_reset;
	h->Dot11ExtIhvPerformPostAssociate = h_perform_post_associate;
	h->Dot11ExtIhvStopPostAssociate = h_stop_post_associate;
	h->Dot11ExtIhvValidateProfile = h_validate_profile;
	h->Dot11ExtIhvPerformCapabilityMatch = h_capability_match;
	h->Dot11ExtIhvCreateDiscoveryProfiles = h_create_discovery_profiles;
	h->Dot11ExtIhvProcessSessionChange = h_process_session_change;
	h->Dot11ExtIhvReceiveIndication = h_receive_indication;
	h->Dot11ExtIhvReceivePacket = h_receive_packet;
	h->Dot11ExtIhvSendPacketCompletion = h_send_packet_completion;
	h->Dot11ExtIhvIsUIRequestPending = h_is_ui_request_pending;
	h->Dot11ExtIhvProcessUIResponse = h_process_ui_response;
	h->Dot11ExtIhvQueryUIRequest = h_query_ui_request;
	h->Dot11ExtIhvOnexIndicateResult = h_onex_indicate_result;
	h->Dot11ExtIhvControl = h_control;
#ifdef TP_NULL_HANDLER
	((void **)h)[TP_NULL_HANDLER] = NULL;
#endif
	leave();
	return ERROR_SUCCESS;
}

#ifdef TP_EXPORT_VS
__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitVirtualStation(PDOT11EXT_VIRTUAL_STATION_APIS vs, LPVOID reserved)
{
	(void)reserved;
	enter(vs && vs->Dot11ExtRequestVirtualStation ? "InitVirtualStation" :
						       "InitVirtualStation(null)");
	leave();
	return ERROR_SUCCESS;
}
#endif

#endif /* TP_IMPLEMENTATION */
#endif
