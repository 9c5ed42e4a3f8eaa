/*
 * The 22 service functions handed to the plugin (contract §4). Each one
 * checks its handle and the state it may be called in (§4.1, §10), logs a
 * refusal with the rule it breaks, and hands anything that must happen on
 * the loop thread to the adapter's work queue. Callable from any thread.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/handle.h"
#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

#define BUF_MAGIC 0x4948564275666665ull /* "IHVBuffe" */

struct buf_hdr {
	uint64_t magic;
	uint64_t size;
};

/* ---- reason codes (rules 28, 29) ------------------------------------------ */

bool ihv_reason_is_ihv(uint32_t r)
{
	return r >= L2_REASON_CODE_IHV_BASE && r <= L2_REASON_CODE_IHV_END;
}

bool ihv_reason_valid(uint32_t r)
{
	return r == L2_REASON_CODE_SUCCESS || r == L2_REASON_CODE_PROFILE_MISSING ||
	       (r >= L2_REASON_CODE_GEN_BASE && r < L2_REASON_CODE_RESERVED_BASE);
}

const char *ihv_completion_check(uint32_t reason, uint32_t win32)
{
	if (win32 == ERROR_SUCCESS) {
		if (reason == L2_REASON_CODE_SUCCESS || ihv_reason_is_ihv(reason))
			return NULL;
		return "contract rule 29: success (ERROR_SUCCESS) must carry "
		       "L2_REASON_CODE_SUCCESS or an IHV reason (0x90000-0x9ffff)";
	}
	if (reason == L2_REASON_CODE_SUCCESS)
		return "contract rule 29: a failure must not carry L2_REASON_CODE_SUCCESS";
	if (!ihv_reason_valid(reason))
		return "contract rule 28: reason code is not an L2_REASON_CODE value";
	return NULL;
}

uint32_t ihv_win32_from_errno(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case 0:
		return ERROR_SUCCESS;
	case ENOMEM:
		return ERROR_NOT_ENOUGH_MEMORY;
	case EINVAL:
	case ERANGE:
		return ERROR_INVALID_PARAMETER;
	case EOPNOTSUPP:
	case ENOSYS:
		return ERROR_NOT_SUPPORTED;
	case ENOENT:
	case ENODEV:
	case ENOLINK:
		return ERROR_NOT_FOUND;
	case EBUSY:
	case EALREADY:
	case EINPROGRESS:
		return ERROR_INVALID_STATE;
	case ETIMEDOUT:
		return ERROR_TIMEOUT;
	case EPERM:
	case EACCES:
		return ERROR_ACCESS_DENIED;
	case ENOBUFS:
	case EMSGSIZE:
		return ERROR_INSUFFICIENT_BUFFER;
	}
	return ERROR_INVALID_FUNCTION;
}

/* ---- handles --------------------------------------------------------------- */

struct ihv_adapter *ihv_adapter_from_svc(HANDLE svc, const char *fn)
{
	const char *why;
	struct ihv_adapter *a = ihv_handle_get(svc, IHV_HANDLE_SVC, &why);

	if (!a)
		log_warn("%s: %s with an invalid hDot11SvcHandle %#llx (%s; contract rule 12)",
			 ihv_plugin_label(), fn, ihv_handle_id(svc), why);
	return a;
}

/* A live hConnectSession of a (rules 21, 31, 32). Under the lock. */
static bool connect_live(struct ihv_adapter *a, HANDLE cs, const char *fn)
{
	const char *why;
	struct ihv_adapter *o = ihv_handle_get(cs, IHV_HANDLE_CONNECT, &why);

	if (o == a && !a->pre_cancel_only)
		return true;
	if (o == a)
		why = "AdapterReset ended the pre-association (contract rule 21)";
	else if (o)
		why = "it belongs to another adapter";
	log_warn("%s: %s with an invalid hConnectSession %#llx: %s (contract rule 32)",
		 ihv_plugin_label(), fn, ihv_handle_id(cs), why);
	return false;
}

/* rule 8: nothing after DeinitService; rule 10: buffers from InitService on */
static bool service_live(const char *fn)
{
	bool up;

	ihv_lock();
	up = ihv_host_any() != NULL;
	ihv_unlock();
	if (!up)
		log_warn("plugin: %s called outside InitService..DeinitService (contract rule 8)",
			 fn);
	return up;
}

/* ---- 0, 1: buffers (contract §4.2) ---------------------------------------- */

static DWORD WINAPI svc_allocate_buffer(DWORD count, LPVOID *pp)
{
	struct buf_hdr *b;
	struct ihv_host *h;

	if (!pp)
		return ERROR_INVALID_PARAMETER;
	*pp = NULL;
	if (!service_live("Dot11ExtAllocateBuffer"))
		return ERROR_INVALID_STATE;
	if (count > 64u * 1024 * 1024)
		return ERROR_OUTOFMEMORY;
	b = malloc(sizeof(*b) + (count ? count : 1));
	if (!b)
		return ERROR_OUTOFMEMORY;
	b->magic = BUF_MAGIC;
	b->size = count;
	ihv_lock();
	h = ihv_current_host() ? ihv_current_host() : ihv_host_any();
	if (h)
		h->outstanding_buffers++;
	ihv_unlock();
	*pp = b + 1;
	return ERROR_SUCCESS;
}

static VOID WINAPI svc_free_buffer(LPVOID p)
{
	struct buf_hdr *b;
	struct ihv_host *h;

	if (!p)
		return;
	b = (struct buf_hdr *)p - 1;
	if (b->magic != BUF_MAGIC) {
		log_err("%s: Dot11ExtFreeBuffer of memory that Dot11ExtAllocateBuffer did not return (ignored)",
			ihv_plugin_label());
		return;
	}
	b->magic = 0;
	ihv_lock();
	h = ihv_current_host() ? ihv_current_host() : ihv_host_any();
	if (h && h->outstanding_buffers)
		h->outstanding_buffers--;
	ihv_unlock();
	explicit_bzero(b + 1, b->size);
	free(b);
}

/* For the host itself (rule 65): is p an AllocateBuffer block? */
bool ihv_buffer_ours(const void *p);
bool ihv_buffer_ours(const void *p)
{
	return p && ((const struct buf_hdr *)p - 1)->magic == BUF_MAGIC;
}

void ihv_buffer_free(void *p);
void ihv_buffer_free(void *p)
{
	svc_free_buffer(p);
}

/* ---- 2, 3: custom user data (contract §4.15; rules 31, 67) ---------------- */

static struct ihv_udata **udata_find(struct ihv_host *h, uint32_t session,
				     const uint8_t *ssid, size_t ssid_len)
{
	struct ihv_udata **pp;

	for (pp = &h->udata; *pp; pp = &(*pp)->next)
		if ((*pp)->session == session && (*pp)->ssid_len == ssid_len &&
		    !memcmp((*pp)->ssid, ssid, ssid_len))
			return pp;
	return NULL;
}

static bool udata_thread_ok(struct ihv_adapter *a, const char *fn)
{
	/* rule 31: never on the thread running PerformPreAssociate */
	if (!ihv_in_handler(a, IHV_IN_PRE_ASSOCIATE))
		return true;
	log_warn("%s: contract rule 31: %s called from inside PerformPreAssociate",
		 ihv_plugin_label(), fn);
	return false;
}

static DWORD WINAPI svc_set_profile_custom_user_data(HANDLE svc, HANDLE cs,
						      DWORD session, DWORD size,
						      LPVOID data)
{
	const char *fn = "Dot11ExtSetProfileCustomUserData";
	struct ihv_adapter *a;
	struct ihv_udata **pp, *u;
	uint8_t *copy = NULL;

	if ((size && !data) || size > IHV_MAX_BLOB)
		return ERROR_INVALID_PARAMETER;
	if (size) {
		copy = malloc(size);
		if (!copy)
			return ERROR_NOT_ENOUGH_MEMORY;
		memcpy(copy, data, size);
	}
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a || !connect_live(a, cs, fn)) {
		ihv_unlock();
		free(copy);
		return ERROR_INVALID_HANDLE;
	}
	if (!udata_thread_ok(a, fn)) {
		ihv_unlock();
		free(copy);
		return ERROR_INVALID_STATE;
	}
	pp = udata_find(a->h, session, a->ssid, a->ssid_len);
	if (pp) {
		u = *pp;
		if (u->data)
			explicit_bzero(u->data, u->len);
		free(u->data);
	} else {
		u = calloc(1, sizeof(*u));
		if (!u) {
			ihv_unlock();
			free(copy);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
		u->session = session;
		memcpy(u->ssid, a->ssid, a->ssid_len);
		u->ssid_len = a->ssid_len;
		u->next = a->h->udata;
		a->h->udata = u;
	}
	u->data = copy;
	u->len = size;
	ihv_unlock();
	return ERROR_SUCCESS;
}

static DWORD WINAPI svc_get_profile_custom_user_data(HANDLE svc, HANDLE cs,
						      DWORD session, DWORD *psize,
						      LPVOID *pdata)
{
	const char *fn = "Dot11ExtGetProfileCustomUserData";
	struct ihv_adapter *a;
	struct ihv_udata **pp;
	size_t len = 0;
	uint8_t *tmp = NULL;
	void *out = NULL;
	DWORD rc;

	if (!psize || !pdata)
		return ERROR_INVALID_PARAMETER;
	*psize = 0;
	*pdata = NULL;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a || !connect_live(a, cs, fn)) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (!udata_thread_ok(a, fn)) {
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	pp = udata_find(a->h, session, a->ssid, a->ssid_len);
	if (pp && (*pp)->len) {
		len = (*pp)->len;
		tmp = malloc(len);
		if (tmp)
			memcpy(tmp, (*pp)->data, len);
	}
	ihv_unlock();
	/* No data: ERROR_SUCCESS with an empty result (contract §12, our choice). */
	if (!len)
		return ERROR_SUCCESS;
	if (!tmp)
		return ERROR_NOT_ENOUGH_MEMORY;
	rc = svc_allocate_buffer((DWORD)len, &out);
	if (rc == ERROR_SUCCESS) {
		memcpy(out, tmp, len);
		*pdata = out;
		*psize = (DWORD)len;
	}
	explicit_bzero(tmp, len);
	free(tmp);
	return rc;
}

/* ---- 4: SetCurrentProfile (contract §4.16; rules 31, 32, 67) -------------- */

static uint16_t *wstr_dup(const uint16_t *s)
{
	size_t n;
	uint16_t *d;

	if (!s)
		return NULL;
	n = utf16_len(s, IHV_MAX_BLOB);
	if (n == IHV_MAX_BLOB)
		return NULL;
	d = malloc((n + 1) * sizeof(*d));
	if (d) {
		memcpy(d, s, n * sizeof(*d));
		d[n] = 0;
	}
	return d;
}

static DWORD WINAPI svc_set_current_profile(HANDLE svc, HANDLE cs,
					     PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
					     PDOT11EXT_IHV_SECURITY_PROFILE sec)
{
	const char *fn = "Dot11ExtSetCurrentProfile";
	uint16_t *c = NULL, *s = NULL;
	struct ihv_adapter *a;
	struct ihv_udata **pp;

	if (conn && conn->pszXmlFragmentIhvConnectivity &&
	    !(c = wstr_dup(conn->pszXmlFragmentIhvConnectivity)))
		return ERROR_INVALID_PARAMETER;
	if (sec && sec->pszXmlFragmentIhvSecurity &&
	    !(s = wstr_dup(sec->pszXmlFragmentIhvSecurity))) {
		utf16_free_secure(c);
		return ERROR_INVALID_PARAMETER;
	}
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a || !connect_live(a, cs, fn) || !udata_thread_ok(a, fn)) {
		DWORD rc = a && connect_live(a, cs, fn) ? ERROR_INVALID_STATE :
			   ERROR_INVALID_HANDLE;

		ihv_unlock();
		utf16_free_secure(c);
		utf16_free_secure(s);
		return rc;
	}
	if (c) {
		utf16_free_secure(a->conn_prof.pszXmlFragmentIhvConnectivity);
		a->conn_prof.pszXmlFragmentIhvConnectivity = c;
	}
	if (s) {
		utf16_free_secure(a->sec_prof.pszXmlFragmentIhvSecurity);
		a->sec_prof.pszXmlFragmentIhvSecurity = s;
	}
	if (sec)
		a->sec_prof.bUseMSOnex = sec->bUseMSOnex;
	/* rule 67: modifying the profile resets its custom user data */
	pp = &a->h->udata;
	while (*pp) {
		struct ihv_udata *u = *pp;

		if (u->ssid_len != a->ssid_len || memcmp(u->ssid, a->ssid, a->ssid_len)) {
			pp = &u->next;
			continue;
		}
		*pp = u->next;
		if (u->data)
			explicit_bzero(u->data, u->len);
		free(u->data);
		free(u);
	}
	ihv_unlock();
	return ERROR_SUCCESS;
}

/* ---- 5: SendUIRequest (contract §4.14) ------------------------------------- */

static DWORD WINAPI svc_send_ui_request(HANDLE svc, PDOT11EXT_IHV_UI_REQUEST req)
{
	struct ihv_adapter *a;
	DWORD rc;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSendUIRequest");
	rc = a ? ihv_ui_request_add(a, req) : ERROR_INVALID_HANDLE;
	ihv_unlock();
	return rc;
}

/* A refused completion: drop the lock and the work item, return the error. */
static DWORD completion_reject(struct ihv_work *w, DWORD rc)
{
	ihv_unlock();
	ihv_work_free(w);
	return rc;
}

/* ---- 6: PreAssociateCompletion (contract §4.3; rules 15, 21, 25-29, 32, 33) */

static DWORD WINAPI svc_pre_associate_completion(HANDLE svc, HANDLE cs,
						  DWORD reason, DWORD win32)
{
	const char *fn = "Dot11ExtPreAssociateCompletion";
	struct ihv_adapter *a;
	struct ihv_work *w;
	const char *why, *bad;

	w = ihv_work_new(IHV_WORK_PRE_DONE);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		return completion_reject(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_handle_get(cs, IHV_HANDLE_CONNECT, &why) != a) {
		log_warn("%s: contract rule 25: %s with hConnectSession %#llx that is not pending (%s)",
			 a->h->name, fn, ihv_handle_id(cs), why);
		return completion_reject(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_in_handler(a, IHV_IN_PRE_ASSOCIATE)) {
		log_warn("%s: contract rule 27: PreAssociateCompletion called synchronously "
			 "from PerformPreAssociate (rejected; complete it later, e.g. from a timer)",
			 a->h->name);
		return completion_reject(w, ERROR_INVALID_STATE);
	}
	bad = ihv_completion_check(reason, win32);
	if (bad) {
		log_warn("%s: %s rejected: %s (reason 0x%x, error %u)", a->h->name, fn,
			 bad, reason, win32);
		return completion_reject(w, ERROR_INVALID_PARAMETER);
	}
	if (a->pre_cancel_only) {
		/* rules 20, 21: after AdapterReset only the cancellation */
		if (win32 != ERROR_CANCELLED) {
			log_warn("%s: contract rule 21: %s after AdapterReset must be ERROR_CANCELLED (got %u)",
				 a->h->name, fn, win32);
			return completion_reject(w, ERROR_INVALID_HANDLE);
		}
		ihv_handle_kill(cs, "the pre-association was cancelled (AdapterReset)");
		a->pre_cancel_only = false;
		return completion_reject(w, ERROR_SUCCESS);
	}
	/* rule 25: exactly one; rule 32: the handle dies with it */
	ihv_handle_kill(cs, "PreAssociateCompletion was already called for it");
	a->pre_completed = true;
	if (win32 == ERROR_SUCCESS)
		a->et_locked = true; /* rule 33 */
	w->handle = cs;
	w->reason = reason;
	w->win32 = win32;
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
}

/* ---- 7: PostAssociateCompletion (contract §4.4; rules 21, 29, 36-38, 40) --- */

static DWORD WINAPI svc_post_associate_completion(HANDLE svc, HANDLE ss,
						   PDOT11_MAC_ADDRESS peer,
						   DWORD reason, DWORD win32)
{
	const char *fn = "Dot11ExtPostAssociateCompletion";
	struct ihv_adapter *a;
	struct ihv_work *w;
	const char *why, *bad;

	w = ihv_work_new(IHV_WORK_POST_DONE);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		return completion_reject(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_handle_get(ss, IHV_HANDLE_SECURITY, &why) != a) {
		log_warn("%s: contract rule 40: %s with hSecuritySessionID %#llx that is not live (%s)",
			 a->h->name, fn, ihv_handle_id(ss), why);
		return completion_reject(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_in_handler(a, IHV_IN_POST_ASSOCIATE)) {
		log_warn("%s: contract rule 36: PostAssociateCompletion called synchronously "
			 "from PerformPostAssociate (rejected; complete it later)", a->h->name);
		return completion_reject(w, ERROR_INVALID_STATE);
	}
	if (peer && memcmp(*peer, a->bssid, 6)) {
		log_warn("%s: %s for a peer that is not the port's", a->h->name, fn);
		return completion_reject(w, ERROR_INVALID_PARAMETER);
	}
	bad = ihv_completion_check(reason, win32);
	if (bad) {
		log_warn("%s: %s rejected: %s (reason 0x%x, error %u)", a->h->name, fn,
			 bad, reason, win32);
		return completion_reject(w, ERROR_INVALID_PARAMETER);
	}
	w->handle = ss;
	w->reason = reason;
	w->win32 = win32;
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
}

/* ---- 8: SendNotification (contract §4.13; rule 66) ------------------------- */

static DWORD WINAPI svc_send_notification(HANDLE svc, PL2_NOTIFICATION_DATA nd)
{
	struct ihv_adapter *a;
	struct ihv_work *w;

	if (!nd || nd->dwDataSize > IHV_MAX_BLOB || (nd->dwDataSize && !nd->pData))
		return ERROR_INVALID_PARAMETER;
	/* rule 66: copied before we return */
	w = ihv_work_new(IHV_WORK_NOTIFICATION);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	w->reason = nd->NotificationCode;
	if (nd->dwDataSize) {
		w->data = malloc(nd->dwDataSize);
		if (!w->data) {
			ihv_work_free(w);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
		memcpy(w->data, nd->pData, nd->dwDataSize);
		w->len = nd->dwDataSize;
	}
	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSendNotification");
	if (!a) {
		return completion_reject(w, ERROR_INVALID_HANDLE);
	}
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
}

/* ---- 9: SendPacket (contract §4.11; rules 41, 46-48) ----------------------- */

static bool send_handle_outstanding(struct ihv_adapter *a, HANDLE hc)
{
	struct ihv_work *w;

	for (w = a->work_head; w; w = w->next)
		if ((w->kind == IHV_WORK_SEND || w->kind == IHV_WORK_SEND_DONE) &&
		    w->handle == hc)
			return true;
	return false;
}

/* Transmit a DOT11_SECURITY_PACKET_HEADER frame; loop thread. */
uint32_t ihv_send_now(struct ihv_adapter *a, const uint8_t *pkt, size_t len);
uint32_t ihv_send_now(struct ihv_adapter *a, const uint8_t *pkt, size_t len)
{
	uint16_t ethertype = (uint16_t)(pkt[6] << 8 | pkt[7]);
	bool no_encrypt;
	int r;

	/* no pairwise key for the peer yet: the frame goes out in the clear */
	no_encrypt = !ihv_keys_have_ptk(a, pkt);
	r = a->h->drv->ops->eapol_tx(a->h->drv, a->ifindex, pkt, ethertype, pkt + 8,
				     len - 8, no_encrypt, NULL);
	if (r) {
		log_warn("%s: SendPacket on %s: transmit failed: %s", ihv_plugin_label(),
			 a->ifname, strerror(-r));
		return ihv_win32_from_errno(r);
	}
	return ERROR_SUCCESS;
}

static DWORD WINAPI svc_send_packet(HANDLE svc, ULONG len, LPVOID pv, HANDLE hc)
{
	const char *fn = "Dot11ExtSendPacket";
	const uint8_t *pkt = pv;
	struct ihv_adapter *a;
	struct ihv_work *w;
	struct ihv_host *h;
	DWORD rc;

	if (!pv || len < 8 || len > IHV_MAX_PACKET) {
		log_warn("%s: %s: bad packet (%u bytes; needs a DOT11_SECURITY_PACKET_HEADER, at most %u)",
			 ihv_plugin_label(), fn, len, IHV_MAX_PACKET);
		return ERROR_INVALID_PARAMETER;
	}
	if (pkt[0] & 1) {
		log_warn("%s: contract rule 47: %s to a group address rejected (unicast only)",
			 ihv_plugin_label(), fn);
		return ERROR_INVALID_PARAMETER;
	}
	w = ihv_work_new(IHV_WORK_SEND_DONE);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	w->handle = hc;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		return completion_reject(w, ERROR_INVALID_HANDLE);
	}
	if (!a->port) {
		log_warn("%s: %s with no port (before PerformPostAssociate or after StopPostAssociate)",
			 a->h->name, fn);
		return completion_reject(w, ERROR_INVALID_STATE);
	}
	if (send_handle_outstanding(a, hc)) {
		log_warn("%s: contract rule 46: %s with hSendCompletion %p that is still outstanding",
			 a->h->name, fn, hc);
		return completion_reject(w, ERROR_INVALID_PARAMETER);
	}
	h = a->h;
	if (!ihv_on_loop_thread(h)) {
		/* a plugin thread: copy, send on the loop, then complete */
		w->kind = IHV_WORK_SEND;
		w->data = malloc(len);
		if (!w->data) {
			return completion_reject(w, ERROR_NOT_ENOUGH_MEMORY);
		}
		memcpy(w->data, pv, len);
		w->len = len;
		ihv_work_queue(a, w);
		ihv_unlock();
		return ERROR_SUCCESS;
	}
	ihv_unlock();
	/* The loop thread (a handler, e.g. ReceivePacket, rule 48): send now. */
	rc = ihv_send_now(a, pkt, len);
	if (rc != ERROR_SUCCESS) {
		ihv_work_free(w); /* not accepted: no completion */
		return rc;
	}
	ihv_lock();
	ihv_work_queue(a, w); /* rule 46: exactly one completion, later */
	ihv_unlock();
	return ERROR_SUCCESS;
}

/* ---- 10: SetEtherTypeHandling (contract §4.5; rules 13, 33) ---------------- */

static DWORD WINAPI svc_set_ethertype_handling(HANDLE svc, ULONG backlog,
						ULONG n_ex, PDOT11_PRIVACY_EXEMPTION ex,
						ULONG n_reg, USHORT *reg)
{
	const char *fn = "Dot11ExtSetEtherTypeHandling";
	struct ihv_adapter *a;
	DWORD rc;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (a->et_locked) {
		log_warn("%s: contract rule 33: %s after a successful PreAssociateCompletion "
			 "(lists are fixed until AdapterReset)", a->h->name, fn);
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	rc = ihv_et_set(&a->et, backlog, n_ex, ex, n_reg, reg);
	ihv_unlock();
	if (rc)
		log_warn("%s: %s: invalid lists (error %u)", ihv_plugin_label(), fn, rc);
	return rc;
}

/* ---- 11-13: algorithms (contract §4.6; rule 54) ----------------------------- */

static bool capa_lists(const uint32_t *list, size_t n, uint32_t s)
{
	size_t i;

	if (!n)
		return true; /* the radio does not list them: assume yes */
	for (i = 0; i < n; i++)
		if (list[i] == s)
			return true;
	return false;
}

static DWORD WINAPI svc_set_auth_algorithm(HANDLE svc, DWORD algo)
{
	struct ihv_rsn_choice c;
	struct ihv_adapter *a;
	DWORD rc = ERROR_SUCCESS;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSetAuthAlgorithm");
	if (!a) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (ihv_rsn_choose(algo, 0, 0, NULL, &c) < 0) {
		rc = ERROR_NOT_SUPPORTED;
	} else if (!c.open && !capa_lists(a->capa.akms, a->capa.n_akms, c.akm)) {
		rc = ERROR_NOT_SUPPORTED;
	}
	if (rc)
		log_warn("%s: contract rule 54: auth algorithm %#x not supported on %s",
			 a->h->name, algo, a->ifname);
	else
		a->auth_algo = algo;
	ihv_unlock();
	return rc;
}

static DWORD set_cipher(HANDLE svc, DWORD algo, bool unicast)
{
	const char *fn = unicast ? "Dot11ExtSetUnicastCipherAlgorithm" :
				   "Dot11ExtSetMulticastCipherAlgorithm";
	struct ihv_adapter *a;
	uint32_t suite = ihv_cipher_suite(algo);
	DWORD rc = ERROR_SUCCESS;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (algo == DOT11_CIPHER_ALGO_NONE)
		rc = ERROR_SUCCESS;
	else if (!suite || ihv_cipher_is_bip(algo) ||
		 !capa_lists(a->capa.ciphers, a->capa.n_ciphers, suite))
		rc = ERROR_NOT_SUPPORTED;
	if (rc) {
		log_warn("%s: contract rule 54: %s(%#x) not supported on %s", a->h->name,
			 fn, algo, a->ifname);
	} else if (unicast) {
		a->ucast_algo = algo;
	} else {
		a->mcast_algo = algo;
	}
	ihv_unlock();
	return rc;
}

static DWORD WINAPI svc_set_unicast_cipher_algorithm(HANDLE svc, DWORD algo)
{
	return set_cipher(svc, algo, true);
}

static DWORD WINAPI svc_set_multicast_cipher_algorithm(HANDLE svc, DWORD algo)
{
	return set_cipher(svc, algo, false);
}

/* ---- 14-16: keys (contract §4.7-4.9; rules 51-55) --------------------------- */

/*
 * Common path: check the handle and that a port exists; on the loop thread
 * run op now, elsewhere queue a copy (the result is then logged, and the
 * call returns ERROR_SUCCESS: contract §12, our choice).
 */
static DWORD key_call(HANDLE svc, const char *fn, enum ihv_key_op op,
		      const void *key, size_t key_len, uint32_t arg)
{
	struct ihv_adapter *a;
	struct ihv_work *w;
	DWORD rc;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (!a->port) {
		log_warn("%s: %s with no port (keys are set during post-association)",
			 a->h->name, fn);
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	if (!ihv_on_loop_thread(a->h)) {
		w = ihv_work_new(IHV_WORK_KEY);
		if (!w || (key_len && !(w->data = malloc(key_len)))) {
			return completion_reject(w, ERROR_NOT_ENOUGH_MEMORY);
		}
		if (key_len)
			memcpy(w->data, key, key_len);
		w->len = key_len;
		w->keyop = op;
		w->arg = arg;
		ihv_work_queue(a, w);
		ihv_unlock();
		return ERROR_SUCCESS;
	}
	ihv_unlock();
	switch (op) {
	case IHV_KEYOP_MAPPING:
		rc = ihv_keys_set_mapping(a, key, key_len);
		break;
	case IHV_KEYOP_DEFAULT:
		rc = ihv_keys_set_default(a, key, key_len, arg);
		break;
	case IHV_KEYOP_DEFAULT_ID:
		rc = ihv_keys_set_default_id(a, arg);
		break;
	}
	return rc;
}

static DWORD WINAPI svc_set_default_key(HANDLE svc, PDOT11_CIPHER_DEFAULT_KEY_VALUE k,
					DOT11_DIRECTION dir)
{
	DWORD rc = ihv_keys_check_default(k, dir);

	if (rc) {
		if (k && dir == DOT11_DIR_OUTBOUND)
			log_warn("%s: contract rule 51: SetDefaultKey with DOT11_DIR_OUTBOUND rejected",
				 ihv_plugin_label());
		else
			log_warn("%s: SetDefaultKey rejected (error %u)", ihv_plugin_label(), rc);
		return rc;
	}
	return key_call(svc, "Dot11ExtSetDefaultKey", IHV_KEYOP_DEFAULT, k,
			offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) + k->usKeyLength,
			dir);
}

static DWORD WINAPI svc_set_key_mapping_key(HANDLE svc,
					    PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k)
{
	DWORD rc = ihv_keys_check_mapping(k);

	if (rc) {
		log_warn("%s: SetKeyMappingKey rejected (error %u)", ihv_plugin_label(), rc);
		return rc;
	}
	return key_call(svc, "Dot11ExtSetKeyMappingKey", IHV_KEYOP_MAPPING, k,
			offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) + k->usKeyLength,
			0);
}

static DWORD WINAPI svc_set_default_key_id(HANDLE svc, ULONG id)
{
	if (id > 3) {
		log_warn("%s: contract rule 55: SetDefaultKeyId(%u) outside 0..3",
			 ihv_plugin_label(), id);
		return ERROR_INVALID_PARAMETER;
	}
	return key_call(svc, "Dot11ExtSetDefaultKeyId", IHV_KEYOP_DEFAULT_ID, NULL, 0, id);
}

/* ---- 17: NicSpecificExtension (contract §4.12; rule 56) --------------------- */

struct vendor_call {
	pthread_mutex_t m;
	pthread_cond_t c;
	int refs;
	bool done;
	uint64_t adapter_id;
	uint8_t *in;
	size_t in_len;
	uint8_t *out;
	size_t out_len;
	int result;
};

static void vendor_call_put(struct vendor_call *v)
{
	bool last;

	pthread_mutex_lock(&v->m);
	last = --v->refs == 0;
	pthread_mutex_unlock(&v->m);
	if (!last)
		return;
	pthread_mutex_destroy(&v->m);
	pthread_cond_destroy(&v->c);
	free(v->in);
	free(v->out);
	free(v);
}

static void vendor_call_run(void *arg)
{
	struct vendor_call *v = arg;
	struct ihv_adapter *a;
	int r = -ENODEV;

	ihv_lock();
	a = ihv_adapter_by_id(v->adapter_id);
	ihv_unlock();
	if (a)
		r = a->h->drv->ops->vendor_cmd(a->h->drv, a->ifindex, v->in, v->in_len,
					       v->out, &v->out_len);
	pthread_mutex_lock(&v->m);
	v->result = r;
	v->done = true;
	pthread_cond_signal(&v->c);
	pthread_mutex_unlock(&v->m);
	vendor_call_put(v);
}

static DWORD WINAPI svc_nic_specific_extension(HANDLE svc, DWORD in_len, LPVOID in,
					       DWORD *out_len, LPVOID out)
{
	const char *fn = "Dot11ExtNicSpecificExtension";
	struct vendor_call *v;
	struct ihv_adapter *a;
	struct timespec ts;
	size_t olen;
	int r;

	if ((in_len && !in) || !out_len || in_len > IHV_MAX_BLOB ||
	    *out_len > IHV_MAX_BLOB)
		return ERROR_INVALID_PARAMETER;
	olen = out ? *out_len : 0;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (ihv_on_loop_thread(a->h)) {
		ihv_unlock();
		r = a->h->drv->ops->vendor_cmd(a->h->drv, a->ifindex, in, in_len,
					       out, &olen);
		goto done;
	}
	/* A plugin thread: run it on the loop and wait (bounded). */
	v = calloc(1, sizeof(*v));
	if (!v || (in_len && !(v->in = malloc(in_len))) ||
	    (olen && !(v->out = malloc(olen)))) {
		ihv_unlock();
		if (v) {
			free(v->in);
			free(v);
		}
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	pthread_mutex_init(&v->m, NULL);
	pthread_cond_init(&v->c, NULL);
	v->refs = 2;
	v->adapter_id = a->id;
	if (in_len)
		memcpy(v->in, in, in_len);
	v->in_len = in_len;
	v->out_len = olen;
	if (loop_call_post(a->h->loop, vendor_call_run, v) < 0) {
		ihv_unlock();
		v->refs = 1;
		vendor_call_put(v);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	ihv_unlock();
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	pthread_mutex_lock(&v->m);
	while (!v->done)
		if (pthread_cond_timedwait(&v->c, &v->m, &ts))
			break;
	r = v->done ? v->result : -ETIMEDOUT;
	if (v->done && !r && olen)
		memcpy(out, v->out, v->out_len);
	olen = v->out_len;
	pthread_mutex_unlock(&v->m);
	vendor_call_put(v);
done:
	if (r == -EOPNOTSUPP || r == -ENOSYS)
		return ERROR_NOT_SUPPORTED; /* rule 56 */
	if (r)
		return ihv_win32_from_errno(r);
	*out_len = (DWORD)olen;
	return ERROR_SUCCESS;
}

/* ---- 18: SetExcludeUnencrypted (contract §4.10; rule 50) -------------------- */

static DWORD WINAPI svc_set_exclude_unencrypted(HANDLE svc, BOOL b)
{
	struct ihv_adapter *a;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSetExcludeUnencrypted");
	if (a)
		a->exclude_unencrypted = b != FALSE;
	ihv_unlock();
	return a ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

/* ---- 19-21: the 802.1X module (contract §4.17; rules 22, 57, 59) ------------ */

static DWORD WINAPI svc_start_onex(HANDLE svc, EAP_ATTRIBUTES *attrs)
{
	struct ihv_adapter *a;
	DWORD rc;

	(void)attrs; /* refused: ownership stays with the plugin */
	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtStartOneX");
	if (!a)
		rc = ERROR_INVALID_HANDLE;
	else if (!a->port)
		rc = ERROR_INVALID_STATE; /* rules 22, 57 */
	else
		rc = ERROR_NOT_SUPPORTED; /* ihvd has no 802.1X module */
	if (a && rc == ERROR_INVALID_STATE)
		log_warn("%s: contract rule 57: StartOneX outside PerformPostAssociate..StopPostAssociate",
			 a->h->name);
	ihv_unlock();
	return rc;
}

static DWORD WINAPI svc_stop_onex(HANDLE svc)
{
	struct ihv_adapter *a;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtStopOneX");
	ihv_unlock();
	/* rule 59: only while an 802.1X operation is pending: never here */
	return a ? ERROR_INVALID_STATE : ERROR_INVALID_HANDLE;
}

static DWORD WINAPI svc_process_security_packet(HANDLE svc, DWORD len, LPVOID pkt)
{
	struct ihv_adapter *a;

	(void)len;
	(void)pkt;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtProcessSecurityPacket");
	ihv_unlock();
	return a ? ERROR_INVALID_STATE : ERROR_INVALID_HANDLE;
}

const DOT11EXT_APIS ihv_service_apis = {
	.Dot11ExtAllocateBuffer = svc_allocate_buffer,
	.Dot11ExtFreeBuffer = svc_free_buffer,
	.Dot11ExtSetProfileCustomUserData = svc_set_profile_custom_user_data,
	.Dot11ExtGetProfileCustomUserData = svc_get_profile_custom_user_data,
	.Dot11ExtSetCurrentProfile = svc_set_current_profile,
	.Dot11ExtSendUIRequest = svc_send_ui_request,
	.Dot11ExtPreAssociateCompletion = svc_pre_associate_completion,
	.Dot11ExtPostAssociateCompletion = svc_post_associate_completion,
	.Dot11ExtSendNotification = svc_send_notification,
	.Dot11ExtSendPacket = svc_send_packet,
	.Dot11ExtSetEtherTypeHandling = svc_set_ethertype_handling,
	.Dot11ExtSetAuthAlgorithm = svc_set_auth_algorithm,
	.Dot11ExtSetUnicastCipherAlgorithm = svc_set_unicast_cipher_algorithm,
	.Dot11ExtSetMulticastCipherAlgorithm = svc_set_multicast_cipher_algorithm,
	.Dot11ExtSetDefaultKey = svc_set_default_key,
	.Dot11ExtSetKeyMappingKey = svc_set_key_mapping_key,
	.Dot11ExtSetDefaultKeyId = svc_set_default_key_id,
	.Dot11ExtNicSpecificExtension = svc_nic_specific_extension,
	.Dot11ExtSetExcludeUnencrypted = svc_set_exclude_unencrypted,
	.Dot11ExtStartOneX = svc_start_onex,
	.Dot11ExtStopOneX = svc_stop_onex,
	.Dot11ExtProcessSecurityPacket = svc_process_security_packet,
};

/* ---- virtual station (contract §5): not on Linux ---------------------------- */

static DWORD WINAPI vs_request(HANDLE primary, LPVOID reserved)
{
	(void)primary;
	(void)reserved;
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI vs_query(HANDLE svc, BOOL *is_vs, GUID *primary, LPVOID reserved)
{
	struct ihv_adapter *a;

	(void)reserved;
	if (!is_vs || !primary)
		return ERROR_INVALID_PARAMETER;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtQueryVirtualStationProperties");
	ihv_unlock();
	if (!a)
		return ERROR_INVALID_HANDLE;
	*is_vs = FALSE;
	return ERROR_SUCCESS;
}

static DWORD WINAPI vs_set_ap(HANDLE svc, HANDLE cs, DWORD n,
			      PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY p, LPVOID reserved)
{
	(void)svc;
	(void)cs;
	(void)n;
	(void)p;
	(void)reserved;
	return ERROR_NOT_SUPPORTED;
}

const DOT11EXT_VIRTUAL_STATION_APIS ihv_vs_apis = {
	.Dot11ExtRequestVirtualStation = vs_request,
	.Dot11ExtReleaseVirtualStation = vs_request,
	.Dot11ExtQueryVirtualStationProperties = vs_query,
	.Dot11ExtSetVirtualStationAPProperties = vs_set_ap,
};
