// SPDX-License-Identifier: BSD-3-Clause
/*
 * How a connection ends (contract §3.6, §3.9, §12): any failure, disconnect
 * or timeout runs StopPostAssociate (if a port exists), clears the lists,
 * AdapterReset, ended() (contract rules 18, 19, 39). The session files call
 * down into here; nothing here calls them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

static void teardown_adapter_reset(struct ihv_adapter *a)
{
	struct ihv_call save;
	DWORD rc;

	ihv_call_enter(a->h, a, IHV_IN_ADAPTER_RESET, &save);
	rc = a->h->hd.Dot11ExtIhvAdapterReset(a->ext);
	ihv_call_leave(a->h, a, &save);
	if (rc != ERROR_SUCCESS)
		log_warn("%s: AdapterReset on %s returned error %u", a->h->name,
			 a->ifname, rc);
}

void ihv_port_stop(struct ihv_adapter *a, DOT11_ASSOC_STATUS status)
{
	struct ihv_call save;
	DWORD rc;

	if (!a->port)
		return;
	ihv_lock();
	/* contract rule 40: completions after this are refused */
	ihv_handle_kill(a->security, "StopPostAssociate ended the port");
	a->port = false;
	ihv_unlock();
	ihv_onex_port_end(a); /* the 802.1X exchange ends with the port, silently */
	ihv_call_enter(a->h, a, IHV_IN_STOP_POST_ASSOCIATE, &save);
	rc = a->h->hd.Dot11ExtIhvStopPostAssociate(a->ext, &a->bssid, status);
	ihv_call_leave(a->h, a, &save);
	if (rc != ERROR_SUCCESS)
		log_debug("%s: StopPostAssociate returned error %u", a->h->name, rc);
	ihv_keys_forget(a, true); /* contract rule 53 */
	a->authorized = false;
	a->post_completed = false;
}

/* Free what a pre-association session owns (loop thread). */
void ihv_session_free(struct ihv_adapter *a)
{
	size_t i;

	for (i = 0; i < a->n_cands; i++)
		free(a->cands[i].ies);
	free(a->cands);
	a->cands = NULL;
	a->n_cands = 0;
	free(a->bss_list);
	a->bss_list = NULL;
	a->bss_list_len = 0;
	ihv_onex_free(a); /* the EAP configuration and its secrets */
	ihv_lock();
	utf16_free_secure(a->conn_prof.pszXmlFragmentIhvConnectivity);
	utf16_free_secure(a->sec_prof.pszXmlFragmentIhvSecurity);
	a->conn_prof.pszXmlFragmentIhvConnectivity = NULL;
	a->sec_prof.pszXmlFragmentIhvSecurity = NULL;
	ihv_unlock();
}

/*
 * End the connection: disconnect, StopPostAssociate, clear the lists,
 * AdapterReset, tell the policy. Contract rules 18, 19, 20, 21, 23, 39 (our order:
 * StopPostAssociate first, then AdapterReset; contract §12).
 */
void ihv_teardown(struct ihv_adapter *a, enum ihv_phase phase, uint32_t reason,
		     uint32_t win32, uint16_t ieee, bool disconnect,
		     DOT11_ASSOC_STATUS status)
{
	const struct drv_ops *ops = a->h->drv->ops;
	void *pending_post = a->port && !a->post_completed ? a->security : NULL;
	bool on_air = a->phase == IHV_PHASE_ASSOCIATING ||
		      a->phase == IHV_PHASE_POST_ASSOCIATE ||
		      a->phase == IHV_PHASE_AUTHORIZED;

	loop_timer_cancel(a->phase_timer);
	if (disconnect && on_air) {
		int r = ops->disconnect(a->h->drv, a->ifindex, ieee ? ieee : 3);

		if (r && r != -ENOTCONN && r != -ENOLINK)
			log_warn("%s: disconnect failed: %s", a->ifname, strerror(-r));
	}
	ihv_auth_stop(a, reason);
	a->auth_associating = false;
	ihv_port_stop(a, status);
	ihv_lock();
	/* contract rule 19: the lists are cleared before AdapterReset */
	ihv_et_clear(&a->et);
	a->et_locked = false;
	if (a->connect && ihv_handle_get(a->connect, IHV_HANDLE_CONNECT, NULL) == a &&
	    !a->pre_completed)
		a->pre_cancel_only = true; /* contract rule 20: the plugin cancels it */
	else
		ihv_handle_kill(a->connect, "AdapterReset ended the connection");
	/* contract rule 20: a pending post-association may still be cancelled, once */
	a->post_cancel = pending_post;
	a->exclude_unencrypted = false;
	a->auth_algo = a->ucast_algo = a->mcast_algo = 0;
	a->rsn_set = false;
	a->phase = IHV_PHASE_IDLE;
	a->last_reason = reason;
	ihv_unlock();
	ihv_et_listen_sync(a); /* contract rule 19: the driver stops them too */
	ihv_ui_cancel_all(a, "AdapterReset (contract rule 23)");
	ihv_keys_forget(a, false);
	ihv_session_free(a);
	teardown_adapter_reset(a); /* contract rule 18 */
	log_debug("%s: connection ended in %s: reason 0x%x, error %u, 802.11 %u",
		 a->ifname, ihv_phase_str(phase), reason, win32, ieee);
	ihv_work_event(a, IHV_WORK_EV_ENDED, phase, reason, win32, ieee);
	ihv_work_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_IDLE, 0, 0, 0);
}

void ihv_teardown_timeout(void *arg)
{
	struct ihv_adapter *a = arg;

	switch (a->phase) {
	case IHV_PHASE_PRE_ASSOCIATE:
		log_err("plugin %s did not complete the pre-association on %s within %u ms",
			a->h->name, a->ifname, a->h->pre_timeout_ms);
		ihv_teardown(a, IHV_PHASE_PRE_ASSOCIATE, WLAN_REASON_CODE_IHV_NOT_RESPONDING,
			 ERROR_TIMEOUT, 0, false, DOT11_ASSOC_STATUS_CANCELLED);
		break;
	case IHV_PHASE_ASSOCIATING:
		log_err("%s: no association result within %u ms", a->ifname,
			a->h->assoc_timeout_ms);
		ihv_teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_ASSOCIATION_TIMEOUT,
			 ERROR_TIMEOUT, 0, true, DOT11_ASSOC_STATUS_CANCELLED);
		break;
	case IHV_PHASE_POST_ASSOCIATE:
		log_err("plugin %s did not complete the post-association on %s within %u ms",
			a->h->name, a->ifname, a->h->post_timeout_ms);
		ihv_teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_SECURITY_TIMEOUT,
			 ERROR_TIMEOUT, 0, true, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
		break;
	case IHV_PHASE_IDLE:
	case IHV_PHASE_AUTHORIZED:
		break;
	}
}

void ihv_teardown_disconnected(struct ihv_adapter *a, const struct drv_event *ev)
{
	uint16_t reason = ev->disconnect.reason;
	DOT11_ASSOC_STATUS st = ev->disconnect.by_ap ?
		DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED | reason :
		DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS;

	switch (a->phase) {
	case IHV_PHASE_ASSOCIATING:
	case IHV_PHASE_POST_ASSOCIATE:
	case IHV_PHASE_AUTHORIZED:
		ihv_teardown(a, a->phase, a->phase == IHV_PHASE_POST_ASSOCIATE ?
			 WLAN_REASON_CODE_SECURITY_FAILURE :
			 WLAN_REASON_CODE_ASSOCIATION_FAILURE,
			 ERROR_SUCCESS, reason, false, st);
		break;
	case IHV_PHASE_IDLE:
	case IHV_PHASE_PRE_ASSOCIATE:
		break;
	}
}

int ihv_adapter_disconnect(struct ihv_adapter *a, uint16_t ieee80211_reason)
{
	if (!a)
		return -EINVAL;
	if (a->phase == IHV_PHASE_IDLE)
		return 0;
	ihv_teardown(a, a->phase, WLAN_REASON_CODE_USER_CANCELLED, ERROR_CANCELLED,
		 ieee80211_reason ? ieee80211_reason : 3, true,
		 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
	return 0;
}
