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

DWORD WINAPI ihv_svc_pre_associate_completion(HANDLE svc, HANDLE cs,
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
		return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_handle_get(cs, IHV_HANDLE_CONNECT, &why) != a) {
		log_warn("%s: contract rule 25: %s with hConnectSession %#llx that is not pending (%s)",
			 a->h->name, fn, ihv_handle_id(cs), why);
		return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_in_handler(a, IHV_IN_PRE_ASSOCIATE)) {
		log_warn("%s: contract rule 27: PreAssociateCompletion called synchronously "
			 "from PerformPreAssociate (rejected; complete it later, e.g. from a timer)",
			 a->h->name);
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	}
	bad = ihv_completion_check(reason, win32);
	if (bad) {
		log_warn("%s: %s rejected: %s (reason 0x%x, error %u)", a->h->name, fn,
			 bad, reason, win32);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	if (a->pre_cancel_only) {
		/* contract rules 20, 21: after AdapterReset only the cancellation */
		if (win32 != ERROR_CANCELLED) {
			log_warn("%s: contract rule 21: %s after AdapterReset must be ERROR_CANCELLED (got %u)",
				 a->h->name, fn, win32);
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
	w->handle = cs;
	w->reason = reason;
	w->win32 = win32;
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_svc_post_associate_completion(HANDLE svc, HANDLE ss,
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
		return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_handle_get(ss, IHV_HANDLE_SECURITY, &why) != a) {
		log_warn("%s: contract rule 40: %s with hSecuritySessionID %#llx that is not live (%s)",
			 a->h->name, fn, ihv_handle_id(ss), why);
		return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
	}
	if (ihv_in_handler(a, IHV_IN_POST_ASSOCIATE)) {
		log_warn("%s: contract rule 36: PostAssociateCompletion called synchronously "
			 "from PerformPostAssociate (rejected; complete it later)", a->h->name);
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	}
	if (peer && memcmp(*peer, a->bssid, 6)) {
		log_warn("%s: %s for a peer that is not the port's", a->h->name, fn);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	bad = ihv_completion_check(reason, win32);
	if (bad) {
		log_warn("%s: %s rejected: %s (reason 0x%x, error %u)", a->h->name, fn,
			 bad, reason, win32);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	w->handle = ss;
	w->reason = reason;
	w->win32 = win32;
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
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
	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSendNotification");
	if (!a) {
		return ihv_work_refuse(w, ERROR_INVALID_HANDLE);
	}
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
}
