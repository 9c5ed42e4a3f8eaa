/* SPDX-License-Identifier: BSD-3-Clause */
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
	uint32_t pre_delay_ms;         /* PerformPreAssociate takes this long to return */
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
	int complete_in_receive;       /* ... from inside that ReceivePacket, not a timer */
	int install_keys;
	int install_igtk;
	int same_send_handle;          /* reuse one hSendCompletion (rule 46) */
	int et_late;                   /* SetEtherTypeHandling in PerformPostAssociate */
	int calls_after_deinit;        /* call services inside / after DeinitAdapter */
	int complete_after_stop;       /* PostAssociateCompletion after StopPostAssociate */
	int reset_cancels;             /* complete pending pre with ERROR_CANCELLED in AdapterReset */
	int ui_request;                /* SendUIRequest in PerformPreAssociate */
	int query_ui;                  /* return a request from QueryUIRequest
					* (2: one not from AllocateBuffer, 3: its data
					* longer than its block, 4: a block smaller than
					* the struct; rule 65) */
	int notify;                    /* SendNotification in PerformPostAssociate */
	int udata_in_pre;              /* custom user data inside PerformPreAssociate */
	DWORD init_adapter_error;      /* InitAdapter fails with this */
	/* called by every handler on entry, with its name (the test's code) */
	void (*hook)(const char *handler);
	int alloc_in_init;             /* AllocateBuffer + FreeBuffer inside InitService */
	int register_in_reset;         /* SetEtherTypeHandling (EAPOL) inside AdapterReset */
	int reset_cancels_post;        /* PostAssociateCompletion(ERROR_CANCELLED) in AdapterReset */
	int timer_at_deinit;           /* DeinitService arms a timer and leaves it */
	int static_keys;               /* install_keys with bStatic TRUE */
	int ui_not_pending;            /* IsUIRequestPending answers FALSE */
	uint32_t validate_reason;      /* *pdwReasonCode of ValidateProfile */
	uint32_t match_reason;         /* *pdwReasonCode of PerformCapabilityMatch */
	DWORD validate_error;          /* ValidateProfile returns this */
	int discovery;                 /* CreateDiscoveryProfiles: 1 one profile, 2 foreign memory,
					* 3 a count beyond the list's block, 4 a fragment with
					* no terminator in its block, 5 three profiles of
					* 360,000 octets (more than one IPC frame carries) */
	DWORD match_error;             /* PerformCapabilityMatch returns this */
	uint16_t extra_ethertype;      /* also registered with 0x888E (host order); 0: none */
	int notify_on_extra;           /* SendNotification (code 8) of each extra_ethertype payload */
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
	DWORD rc_alloc_init, rc_cancel_post;
	int n_indications;
	int ind_type;                  /* the last ReceiveIndication */
	uint32_t ind_len;
	uint8_t ind[64];
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
	/* tp-hostile (issue 11: isolated mode): what it does wrong, once or always */
	int hostile;                   /* enum tp_hostile */
	int hostile_once;              /* clear hostile when it fires (restart behaves) */
	int hostile_inits;             /* InitService calls seen */
	int hostile_errno;             /* TP_HOSTILE_READ_FILE: errno of open() */
	int hostile_read;              /* ... bytes it could read */
	char hostile_path[128];
	int hostile_ok;                /* the floods: calls accepted */
	DWORD hostile_rc;              /* ... the first refusal */
	/* the host's 802.1X module (tp-onex): StartOneX in PerformPostAssociate, non-Key
	 * EAPOL to ProcessSecurityPacket, OnexIndicateResult recorded */
	int onex;
	DWORD rc_onex_start, rc_onex_pkt, rc_onex_key;
	int n_onex;
	int onex_result;               /* DOT11_MSONEX_RESULT of the last call */
	uint32_t onex_status, onex_reason, onex_eap_reason;
	uint8_t mppe_recv[32], mppe_send[32];
	uint32_t mppe_recv_len, mppe_send_len;
	char onex_log[128];            /* "F S" ...: each result in order */
};

enum tp_hostile {
	TP_HOSTILE_NONE,
	TP_HOSTILE_NETLINK,            /* socket(AF_NETLINK) in InitService */
	TP_HOSTILE_PTRACE,             /* ptrace(PTRACE_ATTACH, 1) in InitService */
	TP_HOSTILE_READ_FILE,          /* open hostile_path in InitService */
	TP_HOSTILE_ABORT_POST,         /* abort() in PerformPostAssociate */
	TP_HOSTILE_SEGV_RECV,          /* a write to page 0 in ReceivePacket */
	TP_HOSTILE_HANG_POST,          /* never return from PerformPostAssociate */
	TP_HOSTILE_THREAD_ABORT,       /* a thread of its own aborts (PerformPreAssociate) */
	TP_HOSTILE_GARBAGE,            /* junk on channel B (PerformPreAssociate) */
	TP_HOSTILE_TIMER_FLOOD,        /* 100 timers in InitAdapter */
	TP_HOSTILE_ABORT_RESTART,      /* ABORT_POST, and every later InitService aborts */
	TP_HOSTILE_SEND_FLOOD,         /* 300 SendPacket in the first ReceivePacket */
	TP_HOSTILE_UI_FLOOD,           /* 100 SendUIRequest in PerformPreAssociate */
	TP_HOSTILE_BAD_NOTE,           /* notes: a log line, a bogus TimerArm, TimerCreate
					* (PerformPreAssociate) */
	TP_HOSTILE_AFTER_RETURN,       /* a RETURN and a frame after it, in one write on
					* channel A (PerformPreAssociate) */
	TP_HOSTILE_NO_READ,            /* service calls on channel A without reading their
					* replies (PerformPreAssociate) */
	TP_HOSTILE_GARBAGE_IDLE,       /* junk on channel A from a thread, 100 ms after
					* PerformPreAssociate returned: outside any call */
};

/*
 * The state sits alone in whole pages, so that in isolated mode (the plugin
 * in ihvd-plugin-host, issue 11) the test and the plugin's process can map
 * one shared file over it: the harness maps $IHVD_TP_SHM over its copy, the
 * plugin's constructor over the host's. Tests find it as "tp_state_page".
 */
#define TP_STATE_SIZE (((sizeof(struct tp_state) + 4095) / 4096) * 4096)
union tp_state_page {
	struct tp_state s;
	char pad[TP_STATE_SIZE];
};

#ifdef TP_IMPLEMENTATION

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
__attribute__((visibility("default"), aligned(4096))) union tp_state_page tp_state_page = { .s = {
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
} };
#pragma GCC diagnostic pop
#define tp_state (tp_state_page.s)

/* Isolated mode: share the state with the test through the file it named. */
__attribute__((constructor)) static void tp_state_attach(void)
{
	const char *path = getenv("IHVD_TP_SHM");
	int fd;

	if (!path || !*path)
		return;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return;
	if (mmap(&tp_state_page, sizeof(tp_state_page), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
		tp_state.api_nulls = -1; /* visible to nobody: the test sees defaults */
	close(fd);
}

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
	if (tp_state.hook)
		tp_state.hook(what);
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
	mk->bStatic = tp_state.static_keys ? TRUE : FALSE;
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
	dk->bStatic = tp_state.static_keys ? TRUE : FALSE;
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

#ifdef TP_HOSTILE
#include "tests/plugins/tp-hostile.h"
#define TP_HOSTILE_AT(w) tp_hostile_at(w)
#else
#define TP_HOSTILE_AT(w) do { } while (0)
#endif
#include "tests/plugins/tp-handlers.h"

#endif /* TP_IMPLEMENTATION */
#endif
