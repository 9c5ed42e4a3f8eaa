// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd's Linux additions (ihvlinux.h) as the plugin sees them in the plugin
 * host. Timers: ihvd owns the timer (its loop fires it and checks the
 * thread rule); the callback and its context stay here, keyed by the timer
 * handle ihvd minted, and run when ihvd sends IPC_H_TIMER. The
 * authentication exchange (version 2): the plugin's handler table stays
 * here (host-calls.c calls it); ihvd learns which handlers exist, checks
 * them as inline and gives the core its proxies.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipc/ipc-auth.h"
#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

struct phost_timer {
	struct phost_timer *next;
	HANDLE h;
	DOT11EXT_LINUX_TIMER_CALLBACK cb;
	void *ctx;
	/* ihvd's loop holds it armed: our arm went through; neither a cancel nor its firing since */
	bool armed;
};

static struct phost_timer *phost_timers;
static pthread_mutex_t phost_timers_lock = PTHREAD_MUTEX_INITIALIZER;

static DWORD phost_linux_reply(uint16_t id, struct ipc_wr *w, uint64_t *out)
{
	struct ipc_msg m;
	struct ipc_rd r;
	DWORD rc;
	bool ok;

	if (!w->ok) {
		ipc_wr_free(w);
		return ERROR_INVALID_PARAMETER;
	}
	if (phost_svc(id, w, &m) < 0) {
		ipc_wr_free(w);
		return ERROR_INVALID_STATE;
	}
	ipc_wr_free(w);
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	if (out)
		*out = ipc_rd_u64(&r);
	ok = ipc_rd_done(&r);
	ipc_msg_free(&m);
	if (!ok)
		_exit(3);
	return rc;
}

/*
 * Dot11ExtLinuxLog is VOID. From the main thread, inside a call, the line goes as a note
 * (IPC_NOTE): ihvd logs it in that call's loop, in order with the call's other frames and
 * before its return, and the plugin does not wait a round trip for it. The plugin's own
 * threads keep the round trip on channel B, so a line is logged before its thread goes on.
 */
static void phost_vlog(DWORD level, const char *fmt, va_list ap)
{
	char line[1024];
	struct ipc_wr w;

	vsnprintf(line, sizeof(line), fmt, ap);
	ipc_wr_init(&w);
	ipc_wr_u32(&w, level);
	ipc_wr_str(&w, line);
	if (w.ok && phost_note(IPC_S_LX_LOG, &w) == 0) {
		ipc_wr_free(&w);
		return;
	}
	(void)phost_linux_reply(IPC_S_LX_LOG, &w, NULL);
}

void phost_log(DWORD level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	phost_vlog(level, fmt, ap);
	va_end(ap);
}

static VOID WINAPI phost_linux_log(DWORD level, LPCSTR fmt, ...)
{
	va_list ap;

	if (!fmt)
		return;
	va_start(ap, fmt);
	phost_vlog(level, fmt, ap);
	va_end(ap);
}

static DWORD WINAPI phost_linux_timer_create(DOT11EXT_LINUX_TIMER_CALLBACK cb, LPVOID ctx,
					     PHANDLE ph)
{
	struct phost_timer *t;
	struct ipc_wr w;
	uint64_t h = 0;
	DWORD rc;

	if (!cb || !ph)
		return ERROR_INVALID_PARAMETER;
	*ph = NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return ERROR_NOT_ENOUGH_MEMORY;
	ipc_wr_init(&w);
	rc = phost_linux_reply(IPC_S_LX_TIMER_CREATE, &w, &h);
	if (rc != ERROR_SUCCESS) {
		free(t);
		return rc;
	}
	t->h = (HANDLE)(uintptr_t)h;
	t->cb = cb;
	t->ctx = ctx;
	pthread_mutex_lock(&phost_timers_lock);
	t->next = phost_timers;
	phost_timers = t;
	pthread_mutex_unlock(&phost_timers_lock);
	*ph = t->h;
	return ERROR_SUCCESS;
}

static DWORD phost_linux_timer_op(uint16_t id, HANDLE ht, uint32_t ms)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, ht);
	if (id == IPC_S_LX_TIMER_ARM)
		ipc_wr_u32(&w, ms);
	return phost_linux_reply(id, &w, NULL);
}

/* The timer ihvd minted as ht, or NULL; under phost_timers_lock. */
static struct phost_timer *phost_timer_find(HANDLE ht)
{
	struct phost_timer *t;

	for (t = phost_timers; t; t = t->next) {
		if (t->h == ht)
			return t;
	}
	return NULL;
}

/* Records what ihvd's loop now holds for ht, after ihvd accepted an arm or a cancel. */
static void phost_timer_mark(HANDLE ht, bool armed)
{
	struct phost_timer *t;

	pthread_mutex_lock(&phost_timers_lock);
	t = phost_timer_find(ht);
	if (t)
		t->armed = armed;
	pthread_mutex_unlock(&phost_timers_lock);
}

/*
 * Arming or cancelling a timer ihvd minted for us, on the main thread inside a call: ihvd
 * answers ERROR_SUCCESS to both for a live handle on its loop thread (src/core/linux-api.c),
 * and here its loop thread is the caller, waiting for this call. So the operation crosses
 * as a note (IPC_NOTE): ihvd applies it in that call's loop, in order with the call's other
 * frames and before our RETURN (so before its loop could fire the timer), and the plugin
 * does not wait a round trip for an answer it knows. The reference plugin arms a timer in
 * PerformPreAssociate and PerformPostAssociate and cancels the handshake's at message 3:
 * three round trips of a reconnect's path to the authorized port (issue 16). A handle we
 * did not see created, a plugin thread or a frame outside a call still asks ihvd.
 * 1 when it went as a note, 0 when the caller must ask.
 */
static int phost_timer_note(uint16_t id, HANDLE ht, uint32_t ms)
{
	struct ipc_wr w;
	bool known;
	int rc;

	if (!phost_in_call())
		return 0;
	pthread_mutex_lock(&phost_timers_lock);
	known = phost_timer_find(ht) != NULL;
	pthread_mutex_unlock(&phost_timers_lock);
	if (!known)
		return 0;
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, ht);
	if (id == IPC_S_LX_TIMER_ARM)
		ipc_wr_u32(&w, ms);
	rc = w.ok && phost_note(id, &w) == 0;
	ipc_wr_free(&w);
	if (rc)
		phost_timer_mark(ht, id == IPC_S_LX_TIMER_ARM);
	return rc;
}

static DWORD WINAPI phost_linux_timer_arm(HANDLE ht, DWORD ms)
{
	DWORD rc;

	if (phost_timer_note(IPC_S_LX_TIMER_ARM, ht, ms))
		return ERROR_SUCCESS;
	rc = phost_linux_timer_op(IPC_S_LX_TIMER_ARM, ht, ms);
	if (rc == ERROR_SUCCESS)
		phost_timer_mark(ht, true);
	return rc;
}

/*
 * Cancelling a timer that is not armed changes nothing in ihvd and returns ERROR_SUCCESS
 * there (src/core/linux-api.c), so on the main thread inside a call (where ihvd's loop
 * thread is the caller, and its loop cannot fire the timer behind our back: it is waiting
 * for this call) a timer we know to be idle is answered here, without a frame. The
 * reference plugin cancels every timer at StopPostAssociate and AdapterReset: six round
 * trips per reconnect. An armed one we know goes as a note (phost_timer_note). Anything
 * else is ihvd's to judge: a handle we did not see created (ERROR_INVALID_HANDLE and its
 * log line), a plugin thread (contract: loop thread only, ERROR_INVALID_STATE), a cancel
 * outside a call.
 */
static DWORD WINAPI phost_linux_timer_cancel(HANDLE ht)
{
	struct phost_timer *t;
	bool idle = false;
	DWORD rc;

	if (phost_in_call()) {
		pthread_mutex_lock(&phost_timers_lock);
		t = phost_timer_find(ht);
		idle = t && !t->armed;
		pthread_mutex_unlock(&phost_timers_lock);
	}
	if (idle || phost_timer_note(IPC_S_LX_TIMER_CANCEL, ht, 0))
		return ERROR_SUCCESS;
	rc = phost_linux_timer_op(IPC_S_LX_TIMER_CANCEL, ht, 0);
	if (rc == ERROR_SUCCESS)
		phost_timer_mark(ht, false);
	return rc;
}

static DWORD WINAPI phost_linux_timer_destroy(HANDLE ht)
{
	struct phost_timer **pp, *t = NULL;
	DWORD rc = phost_linux_timer_op(IPC_S_LX_TIMER_DESTROY, ht, 0);

	if (rc != ERROR_SUCCESS)
		return rc;
	pthread_mutex_lock(&phost_timers_lock);
	for (pp = &phost_timers; *pp; pp = &(*pp)->next) {
		if ((*pp)->h == ht) {
			t = *pp;
			*pp = t->next;
			break;
		}
	}
	pthread_mutex_unlock(&phost_timers_lock);
	free(t);
	return rc;
}

void phost_timers_forget(void)
{
	struct phost_timer *t;

	pthread_mutex_lock(&phost_timers_lock);
	while ((t = phost_timers)) {
		phost_timers = t->next;
		free(t);
	}
	pthread_mutex_unlock(&phost_timers_lock);
}

void phost_timer_fire(HANDLE ht)
{
	DOT11EXT_LINUX_TIMER_CALLBACK cb = NULL;
	struct phost_timer *t;
	void *ctx = NULL;

	pthread_mutex_lock(&phost_timers_lock);
	t = phost_timer_find(ht);
	if (t) {
		t->armed = false; /* one-shot: ihvd's loop fired it */
		cb = t->cb;
		ctx = t->ctx;
	}
	pthread_mutex_unlock(&phost_timers_lock);
	if (cb) /* the callback may destroy its own timer: nothing of t is used after */
		cb(ht, ctx);
}

static DWORD WINAPI phost_linux_set_rsn(HANDLE svc, const DOT11EXT_LINUX_RSN_PARAMS *p)
{
	struct ipc_wr w;
	size_t n = p ? (p->dwSize < sizeof(*p) ? p->dwSize : sizeof(*p)) : 0;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, p != NULL);
	ipc_wr_u32(&w, p ? p->dwSize : 0);
	/* what ihvd reads of it: at most our sizeof, at least what dwSize says */
	ipc_wr_bytes(&w, p, n);
	return phost_linux_reply(IPC_S_LX_SET_RSN, &w, NULL);
}

static DWORD WINAPI phost_linux_adapter_info(HANDLE svc, PDOT11EXT_LINUX_ADAPTER_INFO info)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DOT11EXT_LINUX_ADAPTER_INFO got;
	DWORD rc;
	bool ok;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, info != NULL);
	ipc_wr_u32(&w, info ? info->dwSize : 0);
	if (phost_svc(IPC_S_LX_ADAPTER_INFO, &w, &m) < 0) {
		ipc_wr_free(&w);
		return ERROR_INVALID_STATE;
	}
	ipc_wr_free(&w);
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	ipc_rd_fixed(&r, &got, sizeof(got));
	ok = ipc_rd_done(&r);
	ipc_msg_free(&m);
	if (!ok)
		_exit(3);
	if (rc == ERROR_SUCCESS && info)
		*info = got;
	return rc;
}

static DWORD WINAPI phost_linux_register_auth(const DOT11EXT_LINUX_AUTH_HANDLERS *hd)
{
	/* the handlers are read only when dwSize says the table holds them */
	bool whole = hd && hd->dwSize >= sizeof(*hd);
	uint32_t mask = 0;
	struct ipc_wr w;
	DWORD rc;

	if (whole && hd->Dot11ExtIhvLinuxStartAuthentication)
		mask |= IPC_AUTH_H_START;
	if (whole && hd->Dot11ExtIhvLinuxReceiveAuthFrame)
		mask |= IPC_AUTH_H_RX;
	if (whole && hd->Dot11ExtIhvLinuxStopAuthentication)
		mask |= IPC_AUTH_H_STOP;
	if (whole && hd->Dot11ExtIhvLinuxAssociationStatus)
		mask |= IPC_AUTH_H_ASSOC_STATUS;
	ipc_wr_init(&w);
	ipc_wr_u32(&w, hd != NULL);
	ipc_wr_u32(&w, hd ? hd->dwSize : 0);
	ipc_wr_u32(&w, mask);
	rc = phost_linux_reply(IPC_S_LX_REGISTER_AUTH, &w, NULL);
	if (rc == ERROR_SUCCESS && whole && mask == IPC_AUTH_HANDLERS_ALL) {
		phost.auth_hd = *hd; /* copied, as ihvlinux.h says */
		phost.auth_set = true;
	}
	return rc;
}

static DWORD WINAPI phost_linux_send_auth_frame(HANDLE svc, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_auth_frame(&w, f);
	return phost_linux_reply(IPC_S_LX_SEND_AUTH_FRAME, &w, NULL);
}

static DWORD WINAPI phost_linux_auth_complete(HANDLE svc, DWORD win32, DWORD reason,
					      USHORT status)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, win32);
	ipc_wr_u32(&w, reason);
	ipc_wr_u32(&w, status);
	return phost_linux_reply(IPC_S_LX_AUTH_COMPLETE, &w, NULL);
}

const DOT11EXT_LINUX_APIS phost_linux_apis = {
	.dwVersion = DOT11EXT_LINUX_APIS_VERSION_2,
	.dwSize = sizeof(DOT11EXT_LINUX_APIS),
	.Dot11ExtLinuxLog = phost_linux_log,
	.Dot11ExtLinuxTimerCreate = phost_linux_timer_create,
	.Dot11ExtLinuxTimerArm = phost_linux_timer_arm,
	.Dot11ExtLinuxTimerCancel = phost_linux_timer_cancel,
	.Dot11ExtLinuxTimerDestroy = phost_linux_timer_destroy,
	.Dot11ExtLinuxSetRsnParams = phost_linux_set_rsn,
	.Dot11ExtLinuxGetAdapterInfo = phost_linux_adapter_info,
	.Dot11ExtLinuxRegisterAuthHandlers = phost_linux_register_auth,
	.Dot11ExtLinuxSendAuthFrame = phost_linux_send_auth_frame,
	.Dot11ExtLinuxAuthComplete = phost_linux_auth_complete,
};
