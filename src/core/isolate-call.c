// SPDX-License-Identifier: BSD-3-Clause
/*
 * The calls into an isolated plugin (issue 11): the exports and the 19
 * handlers, each encoded into an IPC_CALL on channel A and answered by an
 * IPC_RETURN; src/plugin-host/host-calls.c decodes the other side of each.
 * While ihvd waits, the plugin's service calls from inside the handler
 * arrive on the same channel and run here, on the loop thread, inside the
 * handler's context, as they would inline (rules 27, 36, 48 see the same
 * thing). Every call has a deadline (plugin_handler_timeout_ms): a handler
 * that does not return in time has its process killed (contract rule 9).
 * Once the process is gone every handler returns at once with
 * ERROR_INVALID_STATE (or nothing) and the crash path runs (isolate-proc.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "core/ihv-core.h"
#include "core/isolate.h"
#include "ipc/ipc-auth.h"
#include "ipc/ipc-dot11.h"
#include "ipc/ipc-ids.h"

static struct ihv_isolate *iso_call_cur(void)
{
	struct ihv_host *h = ihv_current_host();

	return h ? h->iso : NULL;
}

/*
 * A note that armed or cancelled a timer: the host told the plugin ERROR_SUCCESS (ipc.h),
 * which is what the service answers for a timer it minted, called on this thread. Anything
 * else means the two sides disagree about that timer: said in the log, never silent.
 */
static void iso_call_note_check(uint16_t id, const struct ipc_wr *reply)
{
	struct ipc_rd r;
	uint32_t rc;

	if (id != IPC_S_LX_TIMER_ARM && id != IPC_S_LX_TIMER_CANCEL)
		return;
	ipc_rd_init(&r, reply->buf, reply->len);
	rc = ipc_rd_u32(&r);
	if (rc != ERROR_SUCCESS)
		log_warn("%s: %s, sent as a note, failed here (error %u); the plugin was told "
			 "it succeeded", ihv_plugin_label(), ipc_svc_name(id), rc);
}

/* A send to the host failed: it is gone, or it stopped reading (isolate-proc.c's bound). */
static void iso_call_send_fault(struct ihv_isolate *iso, int rc, const char *gone)
{
	if (rc == -EAGAIN || rc == -EWOULDBLOCK)
		ihv_isolate_fault(iso, "it stopped reading: an answer waited %u ms to be sent "
				  "(contract rule 9)", iso->timeout_ms);
	else
		ihv_isolate_fault(iso, "%s (%s)", gone, strerror(-rc));
}

int ihv_isolate_call(struct ihv_isolate *iso, uint16_t id, struct ipc_wr *w,
		     struct ipc_msg *ret)
{
	/* one deadline for the whole call, service calls included (contract rule 9) */
	uint64_t deadline = ipc_clock_ms() + iso->timeout_ms;
	int prev = iso->cur_call, rc, result = -1;
	struct ipc_wr reply;
	struct ipc_msg m;

	memset(ret, 0, sizeof(*ret));
	if (iso->dead || !w->ok) {
		ipc_wr_free(w);
		return -1;
	}
	if (!iso->depth)
		iso_cpu_call_begin(iso->cpu, iso->pid, id);
	iso->cur_call = id;
	iso->depth++;
	rc = ipc_send(iso->fd_a, IPC_CALL, id, w);
	ipc_wr_free(w);
	if (rc < 0) {
		iso_call_send_fault(iso, rc, "its process is gone");
		goto out;
	}
	ipc_wr_init(&reply);
	for (;;) {
		rc = ipc_recv_until(iso->fd_a, &iso->rx_a, &m, deadline);
		if (rc == -ETIMEDOUT) {
			ihv_isolate_fault(iso, "%s did not return within %u ms (contract rule 9): "
					  "killed", ipc_call_name(id), iso->timeout_ms);
			break;
		}
		if (rc < 0) {
			ihv_isolate_fault(iso, "%s", rc == -EPROTO ? "it sent a malformed frame" :
					  "its process ended");
			break;
		}
		if (m.type == IPC_RETURN && m.id == id) {
			*ret = m;
			result = 0;
			break;
		}
		if (m.type != IPC_SVC && m.type != IPC_NOTE) {
			ihv_isolate_fault(iso, "it sent %s %u during %s", ipc_type_str(m.type), m.id,
					  ipc_call_name(id));
			ipc_msg_free(&m);
			break;
		}
		ipc_wr_reset(&reply);
		if (m.type == IPC_NOTE) {
			/* served like the service it is; no reply is awaited (ipc.h) */
			if (!ipc_svc_is_note(m.id) ||
			    !ihv_isolate_svc_serve(&iso->t, m.id, m.data, m.len, &reply)) {
				ihv_isolate_fault(iso, "it sent a malformed %s note", ipc_svc_name(m.id));
				ipc_msg_free(&m);
				break;
			}
			iso_call_note_check(m.id, &reply);
			ipc_msg_free(&m);
			continue;
		}
		if (!ihv_isolate_svc_serve(&iso->t, m.id, m.data, m.len, &reply)) {
			ihv_isolate_fault(iso, "it sent a malformed %s call", ipc_svc_name(m.id));
			ipc_msg_free(&m);
			break;
		}
		rc = ipc_send(iso->fd_a, IPC_SVC_RETURN, m.id, &reply);
		ipc_msg_free(&m);
		if (rc < 0) {
			iso_call_send_fault(iso, rc, "its process ended");
			break;
		}
		/* a service call may have ended the process (a nested call that failed) */
		if (iso->dead)
			break;
	}
	ipc_wr_free(&reply);
out:
	iso->depth--;
	iso->cur_call = prev;
	/*
	 * Octets read past the outermost RETURN: the host sent a frame outside any call
	 * (iso_proc_readable's case, which the loop's poll cannot see once they are held).
	 */
	if (!iso->depth && !iso->dead && ipc_rx_pending(&iso->rx_a))
		ihv_isolate_fault(iso, "it sent a frame after its return from %s",
				  ipc_call_name(id));
	return result;
}

/*
 * The reply's fields were read: they must have been exactly the reply.
 * false (and the process is stopped) when not.
 */
static bool iso_call_done(struct ihv_isolate *iso, uint16_t id, struct ipc_msg *m,
			  struct ipc_rd *r)
{
	bool ok = ipc_rd_done(r);

	ipc_msg_free(m);
	if (!ok)
		ihv_isolate_fault(iso, "its reply to %s was malformed", ipc_call_name(id));
	return ok;
}

/* A handler with no output beyond its DWORD result (or none: void handlers). */
static DWORD iso_call_simple(struct ihv_isolate *iso, uint16_t id, struct ipc_wr *w,
			     bool has_rc)
{
	struct ipc_msg m;
	struct ipc_rd r;
	DWORD rc = ERROR_SUCCESS;

	if (!iso) {
		ipc_wr_free(w);
		return ERROR_INVALID_STATE;
	}
	if (ihv_isolate_call(iso, id, w, &m) < 0)
		return ERROR_INVALID_STATE;
	ipc_rd_init(&r, m.data, m.len);
	if (has_rc)
		rc = ipc_rd_u32(&r);
	return iso_call_done(iso, id, &m, &r) ? rc : ERROR_INVALID_STATE;
}

static HANDLE iso_call_remote(HANDLE ext)
{
	const struct ihv_isolate_adapter *ia = ext;

	return ia ? ia->remote : NULL;
}

/* ---- the exports ------------------------------------------------------------------ */

DWORD WINAPI ihv_isolate_get_version(PDOT11_IHV_VERSION_INFO vi)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc;

	ipc_wr_init(&w);
	if (!iso || !vi || ihv_isolate_call(iso, IPC_H_GET_VERSION, &w, &m) < 0)
		return ERROR_INVALID_STATE;
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	vi->dwVerMin = ipc_rd_u32(&r);
	vi->dwVerMax = ipc_rd_u32(&r);
	return iso_call_done(iso, IPC_H_GET_VERSION, &m, &r) ? rc : ERROR_INVALID_STATE;
}

/* InitService in the current process; the mask of the handlers the plugin set. */
static DWORD iso_call_init_service(struct ihv_isolate *iso, uint32_t *mask)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, iso->version);
	if (ihv_isolate_call(iso, IPC_H_INIT_SERVICE, &w, &m) < 0)
		return ERROR_INVALID_STATE;
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	*mask = ipc_rd_u32(&r);
	return iso_call_done(iso, IPC_H_INIT_SERVICE, &m, &r) ? rc : ERROR_INVALID_STATE;
}

DWORD WINAPI ihv_isolate_init_service(DWORD ver, PDOT11EXT_APIS apis, LPVOID reserved,
				      PDOT11EXT_IHV_HANDLERS hd)
{
	struct ihv_isolate *iso = iso_call_cur();
	const DOT11EXT_LINUX_APIS *lx = reserved;
	const void *const *src = (const void *const *)&ihv_isolate_handlers;
	void **dst = (void **)hd;
	uint32_t mask = 0;
	DWORD rc;
	int i;

	if (!iso || !apis || !hd)
		return ERROR_INVALID_PARAMETER;
	/* the tables are copies the core made for this call (contract §3.2): keep ours */
	iso->t.apis = *apis;
	iso->t.have_lx = lx && lx->dwVersion >= 1 && lx->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE;
	iso->t.have_lx2 = iso->t.have_lx && lx->dwVersion >= DOT11EXT_LINUX_APIS_VERSION_2 &&
			  lx->dwSize >= DOT11EXT_LINUX_APIS_V2_SIZE;
	if (iso->t.have_lx)
		memcpy(&iso->t.lx, lx, iso->t.have_lx2 ? sizeof(iso->t.lx) :
		       DOT11EXT_LINUX_APIS_V1_SIZE);
	iso->version = ver;
	rc = iso_call_init_service(iso, &mask);
	iso->handler_mask = mask;
	/* the plugin's own NULLs stay NULL: the core's rule 4 check sees them */
	for (i = 0; i < 19; i++)
		dst[i] = mask & (1u << i) ? (void *)src[i] : NULL;
	return rc;
}

DWORD WINAPI ihv_isolate_init_vs(PDOT11EXT_VIRTUAL_STATION_APIS vs, LPVOID reserved)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_wr w;

	(void)reserved;
	if (!iso || !vs)
		return ERROR_INVALID_PARAMETER;
	iso->t.vs = *vs;
	iso->t.have_vs = true;
	ipc_wr_init(&w);
	return iso_call_simple(iso, IPC_H_INIT_VS, &w, true);
}

int ihv_isolate_reason_text(struct ihv_isolate *iso, uint32_t code, char *buf, size_t len)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	const uint8_t *t;
	size_t tl;
	DWORD rc;

	if (!(iso->hello_flags & IPC_HELLO_HAS_REASON_TEXT) || iso->dead)
		return -ENOENT;
	ipc_wr_init(&w);
	ipc_wr_u32(&w, code);
	ipc_wr_u32(&w, len > 512 ? 512 : (uint32_t)len);
	if (ihv_isolate_call(iso, IPC_H_REASON_TEXT, &w, &m) < 0)
		return -ENOENT;
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	t = ipc_rd_bytes(&r, &tl);
	if (t && tl && rc == ERROR_SUCCESS) {
		tl = tl < len - 1 ? tl : len - 1;
		memcpy(buf, t, tl);
		buf[tl] = 0;
	}
	if (!iso_call_done(iso, IPC_H_REASON_TEXT, &m, &r) || rc != ERROR_SUCCESS || !buf[0])
		return -ENOENT;
	return 0;
}

static VOID WINAPI iso_call_timer(HANDLE ht, LPVOID ctx)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_wr w;

	(void)ctx;
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, ht);
	(void)iso_call_simple(iso, IPC_H_TIMER, &w, false);
}

/* ---- the handlers ------------------------------------------------------------------ */

static VOID WINAPI iso_h_deinit_service(VOID)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	(void)iso_call_simple(iso_call_cur(), IPC_H_DEINIT_SERVICE, &w, false);
}

DWORD ihv_isolate_init_adapter_again(struct ihv_isolate *iso, struct ihv_isolate_adapter *ia)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc;

	ipc_wr_init(&w);
	ipc_wr_guid(&w, &ia->guid);
	ipc_wr_u32(&w, ia->desc != NULL);
	ipc_wr_wstr(&w, ia->desc);
	ipc_wr_u32(&w, ia->mode.uReserved);
	ipc_wr_u32(&w, ia->mode.uCurrentOpMode);
	ipc_wr_ptr(&w, ia->svc);
	if (ihv_isolate_call(iso, IPC_H_INIT_ADAPTER, &w, &m) < 0)
		return ERROR_INVALID_STATE;
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	ia->remote = ipc_rd_ptr(&r);
	return iso_call_done(iso, IPC_H_INIT_ADAPTER, &m, &r) ? rc : ERROR_INVALID_STATE;
}

static void iso_adapter_free(struct ihv_isolate_adapter *ia)
{
	if (ia)
		free(ia->desc);
	free(ia);
}

/* The adapter count behind the timer bound (isolate.h), under the flood lock. */
static void iso_call_adapters_add(struct ihv_isolate *iso, int d)
{
	pthread_mutex_lock(&iso->t.lock);
	if (d > 0)
		iso->t.adapters++;
	else if (iso->t.adapters)
		iso->t.adapters--;
	pthread_mutex_unlock(&iso->t.lock);
}

static DWORD WINAPI iso_h_init_adapter(PDOT11_ADAPTER da, HANDLE svc, PHANDLE pext)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ihv_isolate_adapter *ia;
	size_t n = 0;
	DWORD rc;

	if (!iso || !da || !pext)
		return ERROR_INVALID_PARAMETER;
	ia = calloc(1, sizeof(*ia));
	if (!ia)
		return ERROR_NOT_ENOUGH_MEMORY;
	ia->svc = svc;
	ia->guid = da->gAdapterId;
	ia->mode = da->Dot11CurrentOpMode;
	if (da->pszDescription) {
		while (da->pszDescription[n])
			n++;
		ia->desc = malloc((n + 1) * 2);
		if (ia->desc)
			memcpy(ia->desc, da->pszDescription, (n + 1) * 2);
	}
	/* counted before the plugin's InitAdapter runs: that is where it makes its timers */
	iso_call_adapters_add(iso, 1);
	rc = ihv_isolate_init_adapter_again(iso, ia);
	if (rc != ERROR_SUCCESS) {
		iso_call_adapters_add(iso, -1);
		iso_adapter_free(ia);
		return rc;
	}
	ia->next = iso->adapters;
	iso->adapters = ia;
	*pext = ia;
	return rc;
}

static VOID WINAPI iso_h_deinit_adapter(HANDLE ext)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ihv_isolate_adapter **pp;
	struct ipc_wr w;

	if (!iso)
		return;
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	(void)iso_call_simple(iso, IPC_H_DEINIT_ADAPTER, &w, false);
	for (pp = &iso->adapters; *pp; pp = &(*pp)->next) {
		if (*pp == ext) {
			*pp = (*pp)->next;
			iso_call_adapters_add(iso, -1);
			iso_adapter_free(ext);
			break;
		}
	}
}

static DWORD WINAPI iso_h_pre_associate(HANDLE ext, HANDLE cs, PDOT11EXT_IHV_PROFILE_PARAMS pp,
		PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn, PDOT11EXT_IHV_SECURITY_PROFILE sec,
		PDOT11_BSS_LIST bl, PDWORD preason)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc, reason;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_ptr(&w, cs);
	ipc_wr_profiles(&w, pp, conn, sec);
	ipc_wr_bss_list(&w, bl);
	if (!iso || ihv_isolate_call(iso, IPC_H_PRE_ASSOCIATE, &w, &m) < 0) {
		ipc_wr_free(&w);
		return ERROR_INVALID_STATE;
	}
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	reason = ipc_rd_u32(&r);
	if (!iso_call_done(iso, IPC_H_PRE_ASSOCIATE, &m, &r))
		return ERROR_INVALID_STATE;
	if (preason)
		*preason = reason;
	return rc;
}

static DWORD WINAPI iso_h_adapter_reset(HANDLE ext)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	return iso_call_simple(iso_call_cur(), IPC_H_ADAPTER_RESET, &w, true);
}

static DWORD WINAPI iso_h_post_associate(HANDLE ext, HANDLE ss, PDOT11_PORT_STATE ps,
		ULONG n, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS ap)
{
	DOT11_PORT_STATE zero;
	struct ipc_wr w;

	memset(&zero, 0, sizeof(zero));
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_ptr(&w, ss);
	ipc_wr_bytes(&w, ps ? ps : &zero, sizeof(*ps));
	ipc_wr_bytes(&w, ap, ap ? n : 0);
	return iso_call_simple(iso_call_cur(), IPC_H_POST_ASSOCIATE, &w, true);
}

static DWORD WINAPI iso_h_stop_post_associate(HANDLE ext, PDOT11_MAC_ADDRESS peer,
					      DOT11_ASSOC_STATUS st)
{
	static const uint8_t zero[6];
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_u32(&w, peer != NULL);
	ipc_wr_bytes(&w, peer ? (const void *)*peer : zero, 6);
	ipc_wr_u32(&w, (uint32_t)st);
	return iso_call_simple(iso_call_cur(), IPC_H_STOP_POST_ASSOCIATE, &w, true);
}

/* ValidateProfile, CapabilityMatch, CreateDiscoveryProfiles. */
static DWORD iso_call_query(uint16_t id, HANDLE ext, BOOL insecure,
		PDOT11EXT_IHV_PROFILE_PARAMS pp, PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
		PDOT11EXT_IHV_SECURITY_PROFILE sec, PDOT11_BSS_LIST bl,
		PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl, PDWORD preason)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc, reason;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	if (id == IPC_H_CREATE_DISCOVERY_PROFILES)
		ipc_wr_u32(&w, (uint32_t)insecure);
	ipc_wr_profiles(&w, pp, conn, sec);
	if (id != IPC_H_VALIDATE_PROFILE)
		ipc_wr_bss_list(&w, bl);
	if (!iso || ihv_isolate_call(iso, id, &w, &m) < 0) {
		ipc_wr_free(&w);
		return ERROR_INVALID_STATE;
	}
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	reason = ipc_rd_u32(&r);
	if (id == IPC_H_CREATE_DISCOVERY_PROFILES && dl)
		ipc_rd_discovery(&r, dl, iso->t.apis.Dot11ExtAllocateBuffer);
	if (!iso_call_done(iso, id, &m, &r))
		return ERROR_INVALID_STATE;
	if (preason)
		*preason = reason;
	return rc;
}

static DWORD WINAPI iso_h_validate(HANDLE ext, PDOT11EXT_IHV_PROFILE_PARAMS pp,
		PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn, PDOT11EXT_IHV_SECURITY_PROFILE sec,
		PDWORD preason)
{
	return iso_call_query(IPC_H_VALIDATE_PROFILE, ext, FALSE, pp, conn, sec, NULL, NULL,
			      preason);
}

static DWORD WINAPI iso_h_capability_match(HANDLE ext, PDOT11EXT_IHV_PROFILE_PARAMS pp,
		PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn, PDOT11EXT_IHV_SECURITY_PROFILE sec,
		PDOT11_BSS_LIST bl, PDWORD preason)
{
	return iso_call_query(IPC_H_CAPABILITY_MATCH, ext, FALSE, pp, conn, sec, bl, NULL,
			      preason);
}

static DWORD WINAPI iso_h_discovery(HANDLE ext, BOOL insecure, PDOT11EXT_IHV_PROFILE_PARAMS pp,
		PDOT11_BSS_LIST bl, PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl, PDWORD preason)
{
	return iso_call_query(IPC_H_CREATE_DISCOVERY_PROFILES, ext, insecure, pp, NULL, NULL,
			      bl, dl, preason);
}

static DWORD WINAPI iso_h_session_change(ULONG ev, PWTSSESSION_NOTIFICATION sn)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, ev);
	ipc_wr_u32(&w, sn != NULL);
	ipc_wr_u32(&w, sn ? sn->cbSize : 0);
	ipc_wr_u32(&w, sn ? sn->dwSessionId : 0);
	return iso_call_simple(iso_call_cur(), IPC_H_SESSION_CHANGE, &w, true);
}

static DWORD WINAPI iso_h_receive_indication(HANDLE ext, DOT11EXT_IHV_INDICATION_TYPE type,
					     ULONG len, LPVOID buf)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_u32(&w, (uint32_t)type);
	ipc_wr_bytes(&w, buf, buf ? len : 0);
	return iso_call_simple(iso_call_cur(), IPC_H_RECEIVE_INDICATION, &w, true);
}

static DWORD WINAPI iso_h_receive_packet(HANDLE ext, DWORD len, LPVOID buf)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_bytes(&w, buf, buf ? len : 0);
	return iso_call_simple(iso_call_cur(), IPC_H_RECEIVE_PACKET, &w, true);
}

static DWORD WINAPI iso_h_send_completion(HANDLE hc)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_wr w;

	if (iso)
		ihv_isolate_send_done(&iso->t);
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, hc);
	return iso_call_simple(iso, IPC_H_SEND_COMPLETION, &w, true);
}

static DWORD WINAPI iso_h_is_ui_pending(GUID g, PBOOL pending)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc;
	uint32_t p;

	ipc_wr_init(&w);
	ipc_wr_guid(&w, &g);
	if (!iso || ihv_isolate_call(iso, IPC_H_IS_UI_PENDING, &w, &m) < 0) {
		ipc_wr_free(&w);
		return ERROR_INVALID_STATE;
	}
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	p = ipc_rd_u32(&r);
	if (!iso_call_done(iso, IPC_H_IS_UI_PENDING, &m, &r))
		return ERROR_INVALID_STATE;
	if (pending)
		*pending = (BOOL)p;
	return rc;
}

static DWORD WINAPI iso_h_ui_response(GUID g, DWORD n, LPVOID buf)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_guid(&w, &g);
	ipc_wr_bytes(&w, buf, buf ? n : 0);
	return iso_call_simple(iso_call_cur(), IPC_H_UI_RESPONSE, &w, true);
}

static DWORD WINAPI iso_h_query_ui(HANDLE ext, DOT11EXT_IHV_CONNECTION_PHASE phase,
				   PDOT11EXT_IHV_UI_REQUEST *pui)
{
	struct ihv_isolate *iso = iso_call_cur();
	DOT11EXT_IHV_UI_REQUEST got, *pg, *out = NULL;
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	DWORD rc;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_u32(&w, (uint32_t)phase);
	if (!iso || !pui || ihv_isolate_call(iso, IPC_H_QUERY_UI, &w, &m) < 0) {
		ipc_wr_free(&w);
		return ERROR_INVALID_STATE;
	}
	*pui = NULL;
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	pg = ipc_rd_ui_request(&r, &got);
	if (!iso_call_done(iso, IPC_H_QUERY_UI, &m, &r)) {
		ipc_ui_request_free(pg);
		return ERROR_INVALID_STATE;
	}
	/* the core frees the request with FreeBuffer (contract rule 65): ihvd's buffers */
	if (pg && iso->t.apis.Dot11ExtAllocateBuffer(sizeof(*out), (LPVOID *)&out) ==
		  ERROR_SUCCESS) {
		*out = got;
		out->pvUIRequest = NULL;
		if (got.pvUIRequest &&
		    iso->t.apis.Dot11ExtAllocateBuffer(got.dwByteCount,
						       (LPVOID *)&out->pvUIRequest) == ERROR_SUCCESS)
			memcpy(out->pvUIRequest, got.pvUIRequest, got.dwByteCount);
		*pui = out;
	}
	ipc_ui_request_free(pg);
	return rc;
}

static DWORD WINAPI iso_h_onex_result(HANDLE ext, DOT11_MSONEX_RESULT res,
				      PDOT11_MSONEX_RESULT_PARAMS p)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_u32(&w, (uint32_t)res);
	ipc_wr_onex_params(&w, p);
	return iso_call_simple(iso_call_cur(), IPC_H_ONEX_RESULT, &w, true);
}

static DWORD WINAPI iso_h_control(HANDLE ext, DWORD in_len, PBYTE in, DWORD out_len,
				  PBYTE out, PDWORD ret)
{
	struct ihv_isolate *iso = iso_call_cur();
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	const uint8_t *b;
	size_t bl;
	uint32_t got;
	DWORD rc;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_bytes(&w, in, in ? in_len : 0);
	ipc_wr_u32(&w, out_len > IPC_MAX_PAYLOAD / 2 ? IPC_MAX_PAYLOAD / 2 : out_len);
	if (!iso || ihv_isolate_call(iso, IPC_H_CONTROL, &w, &m) < 0) {
		ipc_wr_free(&w);
		return ERROR_INVALID_STATE;
	}
	ipc_rd_init(&r, m.data, m.len);
	rc = ipc_rd_u32(&r);
	got = ipc_rd_u32(&r);
	b = ipc_rd_bytes(&r, &bl);
	if (out && b && bl <= out_len)
		memcpy(out, b, bl);
	if (!iso_call_done(iso, IPC_H_CONTROL, &m, &r))
		return ERROR_INVALID_STATE;
	if (ret)
		*ret = got;
	return rc;
}

const DOT11EXT_IHV_HANDLERS ihv_isolate_handlers = {
	.Dot11ExtIhvDeinitService = iso_h_deinit_service,
	.Dot11ExtIhvInitAdapter = iso_h_init_adapter,
	.Dot11ExtIhvDeinitAdapter = iso_h_deinit_adapter,
	.Dot11ExtIhvPerformPreAssociate = iso_h_pre_associate,
	.Dot11ExtIhvAdapterReset = iso_h_adapter_reset,
	.Dot11ExtIhvPerformPostAssociate = iso_h_post_associate,
	.Dot11ExtIhvStopPostAssociate = iso_h_stop_post_associate,
	.Dot11ExtIhvValidateProfile = iso_h_validate,
	.Dot11ExtIhvPerformCapabilityMatch = iso_h_capability_match,
	.Dot11ExtIhvCreateDiscoveryProfiles = iso_h_discovery,
	.Dot11ExtIhvProcessSessionChange = iso_h_session_change,
	.Dot11ExtIhvReceiveIndication = iso_h_receive_indication,
	.Dot11ExtIhvReceivePacket = iso_h_receive_packet,
	.Dot11ExtIhvSendPacketCompletion = iso_h_send_completion,
	.Dot11ExtIhvIsUIRequestPending = iso_h_is_ui_pending,
	.Dot11ExtIhvProcessUIResponse = iso_h_ui_response,
	.Dot11ExtIhvQueryUIRequest = iso_h_query_ui,
	.Dot11ExtIhvOnexIndicateResult = iso_h_onex_result,
	.Dot11ExtIhvControl = iso_h_control,
};

DOT11EXT_LINUX_TIMER_CALLBACK ihv_isolate_timer_cb = iso_call_timer;

/* ---- the authentication exchange (ihvlinux.h version 2) ---------------------------- */

static DWORD WINAPI iso_auth_start(HANDLE ext, const DOT11EXT_LINUX_AUTH_TARGET *t)
{
	struct ipc_wr w;

	if (!t)
		return ERROR_INVALID_PARAMETER;
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_auth_target(&w, t);
	return iso_call_simple(iso_call_cur(), IPC_H_AUTH_START, &w, true);
}

static VOID WINAPI iso_auth_rx(HANDLE ext, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	struct ipc_wr w;

	if (!f)
		return;
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_auth_frame(&w, f);
	(void)iso_call_simple(iso_call_cur(), IPC_H_AUTH_RX, &w, false);
}

static VOID WINAPI iso_auth_stop(HANDLE ext, DWORD reason)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_u32(&w, reason);
	(void)iso_call_simple(iso_call_cur(), IPC_H_AUTH_STOP, &w, false);
}

static VOID WINAPI iso_auth_assoc_status(HANDLE ext, const DOT11_MAC_ADDRESS bssid,
					 USHORT status)
{
	static const uint8_t zero[6];
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, iso_call_remote(ext));
	ipc_wr_bytes(&w, bssid ? (const void *)bssid : zero, 6);
	ipc_wr_u32(&w, status);
	(void)iso_call_simple(iso_call_cur(), IPC_H_AUTH_ASSOC_STATUS, &w, false);
}

const DOT11EXT_LINUX_AUTH_HANDLERS ihv_isolate_auth_handlers = {
	.dwSize = sizeof(DOT11EXT_LINUX_AUTH_HANDLERS),
	.Dot11ExtIhvLinuxStartAuthentication = iso_auth_start,
	.Dot11ExtIhvLinuxReceiveAuthFrame = iso_auth_rx,
	.Dot11ExtIhvLinuxStopAuthentication = iso_auth_stop,
	.Dot11ExtIhvLinuxAssociationStatus = iso_auth_assoc_status,
};

int ihv_isolate_rewalk(struct ihv_isolate *iso, char *err, size_t len)
{
	DOT11_IHV_VERSION_INFO vi;
	uint32_t mask = 0;
	struct ipc_wr w;
	DWORD rc;

	memset(&vi, 0, sizeof(vi));
	rc = ihv_isolate_get_version(&vi);
	if (rc != ERROR_SUCCESS || vi.dwVerMin > iso->version || vi.dwVerMax < iso->version) {
		snprintf(err, len, "GetVersionInfo failed (error %u) or changed its range", rc);
		return -1;
	}
	/* the core keeps the authentication proxies: the plugin must register again */
	iso->t.rewalking = true;
	iso->t.auth_again = false;
	rc = iso_call_init_service(iso, &mask);
	iso->t.rewalking = false;
	if (rc != ERROR_SUCCESS || mask != iso->handler_mask) {
		snprintf(err, len, "InitService failed (error %u) or set other handlers", rc);
		return -1;
	}
	if (iso->t.auth_set && !iso->t.auth_again) {
		snprintf(err, len, "InitService did not register its authentication handlers again");
		return -1;
	}
	if (iso->hello_flags & IPC_HELLO_HAS_INIT_VS) {
		ipc_wr_init(&w);
		(void)iso_call_simple(iso, IPC_H_INIT_VS, &w, true);
	}
	return iso->dead ? -1 : 0;
}
