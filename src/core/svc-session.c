/*
 * Services 5-8: UI requests, the two completions and notifications
 * (contract §4.3, §4.4, §4.13, §4.14).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/service.h"
#include "common/log.h"

DWORD WINAPI ihv_svc_send_ui_request(HANDLE svc, PDOT11EXT_IHV_UI_REQUEST req)
{
	struct ihv_adapter *a;
	DWORD rc;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSendUIRequest");
	rc = a ? ihv_ui_request_add(a, req) : ERROR_INVALID_HANDLE;
	ihv_unlock();
	return rc;
}

/* What differs between the two completions' checks. */
struct svc_session_kind {
	const char *fn;
	enum ihv_work_kind work;
	enum ihv_handle_kind handle;
	enum ihv_handler_id handler;
	int stale_rule;      /* the handle is not this adapter's live one */
	const char *handle_name, *live;
	const char *sync;    /* called from inside the handler it completes */
};

static const struct svc_session_kind svc_session_pre = {
	"Dot11ExtPreAssociateCompletion", IHV_WORK_PRE_DONE, IHV_HANDLE_CONNECT,
	IHV_IN_PRE_ASSOCIATE,
	25, "hConnectSession", "pending",
	"contract rule 27: PreAssociateCompletion called synchronously "
	"from PerformPreAssociate (rejected; complete it later, e.g. from a timer)",
};

static const struct svc_session_kind svc_session_post = {
	"Dot11ExtPostAssociateCompletion", IHV_WORK_POST_DONE, IHV_HANDLE_SECURITY,
	IHV_IN_POST_ASSOCIATE,
	40, "hSecuritySessionID", "live",
	"contract rule 36: PostAssociateCompletion called synchronously "
	"from PerformPostAssociate (rejected; complete it later)",
};

/*
 * The checks both completions make, in order: a live adapter, the session
 * handle live and the adapter's, not from inside the handler it completes,
 * the peer (post only), a consistent (reason, win32) (contract rules 28,
 * 29). On success: the lock is held, *wp a work item carrying the
 * completion, and ERROR_SUCCESS. Otherwise the error, lock dropped.
 */
static DWORD svc_session_check(const struct svc_session_kind *k, HANDLE svc,
			       HANDLE session, const uint8_t *peer, DWORD reason,
			       DWORD win32, struct ihv_adapter **ap, struct ihv_work **wp)
{
	struct ihv_adapter *a;
	struct ihv_work *w;
	const char *why, *bad;

	w = ihv_work_new(k->work);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	a = ihv_adapter_lock_svc(svc, k->fn);
	if (!a) {
		ihv_work_free(w);
		return ERROR_INVALID_HANDLE;
	}
	if (ihv_handle_get(session, k->handle, &why) != a) {
		log_warn("%s: contract rule %d: %s with %s %#llx that is not %s (%s)",
			 a->h->name, k->stale_rule, k->fn, k->handle_name,
			 ihv_handle_id(session), k->live, why);
		return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_in_handler(a, k->handler)) {
		log_warn("%s: %s", a->h->name, k->sync);
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	}
	if (peer && memcmp(peer, a->bssid, 6)) {
		log_warn("%s: %s for a peer that is not the port's", a->h->name, k->fn);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	bad = ihv_completion_check(reason, win32);
	if (bad) {
		log_warn("%s: %s rejected: %s (reason 0x%x, error %u)", a->h->name, k->fn,
			 bad, reason, win32);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	w->handle = session;
	w->reason = reason;
	w->win32 = win32;
	*ap = a;
	*wp = w;
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_svc_pre_associate_completion(HANDLE svc, HANDLE cs,
						  DWORD reason, DWORD win32)
{
	struct ihv_adapter *a;
	struct ihv_work *w;
	DWORD rc;

	rc = svc_session_check(&svc_session_pre, svc, cs, NULL, reason, win32, &a, &w);
	if (rc)
		return rc;
	if (a->pre_cancel_only) {
		/* contract rules 20, 21: after AdapterReset only the cancellation */
		if (win32 != ERROR_CANCELLED) {
			log_warn("%s: contract rule 21: %s after AdapterReset must be ERROR_CANCELLED (got %u)",
				 a->h->name, svc_session_pre.fn, win32);
			return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
		}
		ihv_handle_kill(cs, "the pre-association was cancelled (AdapterReset)");
		a->pre_cancel_only = false;
		return ihv_work_refuse(w, ERROR_SUCCESS);
	}
	/* contract rule 25: exactly one; contract rule 32: the handle dies with it */
	ihv_handle_kill(cs, "PreAssociateCompletion was already called for it");
	a->pre_completed = true;
	if (win32 == ERROR_SUCCESS)
		a->et_locked = true; /* contract rule 33 */
	return ihv_work_accept(a, w);
}

DWORD WINAPI ihv_svc_post_associate_completion(HANDLE svc, HANDLE ss,
						   PDOT11_MAC_ADDRESS peer,
						   DWORD reason, DWORD win32)
{
	struct ihv_adapter *a;
	struct ihv_work *w;
	DWORD rc;

	a = ihv_adapter_lock_svc(svc, svc_session_post.fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (ss && ss == a->post_cancel) {
		/* contract rules 20, 40: after StopPostAssociate and AdapterReset only the
		 * cancellation of a pending post-association, once */
		if (win32 != ERROR_CANCELLED || ihv_completion_check(reason, win32)) {
			log_warn("%s: contract rule 40: %s after StopPostAssociate: only one "
				 "ERROR_CANCELLED is taken (got %u)", a->h->name,
				 svc_session_post.fn, win32);
			ihv_unlock();
			return ERROR_INVALID_HANDLE;
		}
		a->post_cancel = NULL;
		ihv_unlock();
		return ERROR_SUCCESS;
	}
	ihv_unlock();
	/* contract rules 36-38, 40 */
	rc = svc_session_check(&svc_session_post, svc, ss, peer ? *peer : NULL, reason,
			       win32, &a, &w);
	if (rc)
		return rc;
	return ihv_work_accept(a, w);
}

DWORD WINAPI ihv_svc_send_notification(HANDLE svc, PL2_NOTIFICATION_DATA nd)
{
	struct ihv_adapter *a;
	struct ihv_work *w;

	if (!nd || nd->dwDataSize > IHV_MAX_BLOB || (nd->dwDataSize && !nd->pData))
		return ERROR_INVALID_PARAMETER;
	/* contract rule 66: copied before we return */
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
	a = ihv_adapter_lock_svc(svc, "Dot11ExtSendNotification");
	if (!a) {
		ihv_work_free(w);
		return ERROR_INVALID_HANDLE;
	}
	return ihv_work_accept(a, w);
}
