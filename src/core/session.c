// SPDX-License-Identifier: BSD-3-Clause
/*
 * The connection session (contract §3.5-3.8, §8.3): PerformPreAssociate
 * with the candidates, then, after a successful PreAssociateCompletion, the
 * RSNE and the driver's CONNECT (contract rule 30).
 *
 *   IDLE --connect--> PRE_ASSOCIATE (PerformPreAssociate)
 *        --PreAssociateCompletion(ok)--> ASSOCIATING (drv connect, RSNE)
 *        --CONNECT_RESULT ok--> POST_ASSOCIATE (port.c)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bss-list.h"
#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

static int session_build(struct ihv_adapter *a, const struct ihv_connect_request *req)
{
	size_t i, units;

	memcpy(a->ssid, req->ssid, req->ssid_len);
	a->ssid_len = req->ssid_len;
	if (req->n_bss) {
		a->cands = calloc(req->n_bss, sizeof(*a->cands));
		if (!a->cands)
			return -ENOMEM;
	}
	for (i = 0; i < req->n_bss; i++) {
		const struct drv_bss *b = req->bss[i];

		memcpy(a->cands[i].bssid, b->bssid, 6);
		a->cands[i].freq = b->freq;
		if (b->ies_len) {
			a->cands[i].ies = malloc(b->ies_len);
			if (!a->cands[i].ies)
				return -ENOMEM;
			memcpy(a->cands[i].ies, b->ies, b->ies_len);
		}
		a->cands[i].ies_len = b->ies_len;
		a->n_cands = i + 1;
	}
	a->bss_list = ihv_bss_list_build(req->bss, req->n_bss, &a->bss_list_len);
	if (!a->bss_list)
		return -ENOMEM;
	memset(&a->ssid_list, 0, sizeof(a->ssid_list));
	a->ssid_list.ulCount = 1;
	a->ssid_list.SSIDs[0].uSSIDLength = (ULONG)req->ssid_len;
	memcpy(a->ssid_list.SSIDs[0].ucSSID, req->ssid, req->ssid_len);
	a->prof.pSsidList = &a->ssid_list;
	a->prof.BssType = dot11_BSS_type_infrastructure;
	a->prof.pMSSecuritySettings = NULL;
	a->conn_prof.pszXmlFragmentIhvConnectivity =
		utf16_from_utf8(req->connectivity_xml ? req->connectivity_xml : "",
				req->connectivity_xml ? strlen(req->connectivity_xml) : 0,
				&units);
	a->sec_prof.pszXmlFragmentIhvSecurity =
		utf16_from_utf8(req->security_xml ? req->security_xml : "",
				req->security_xml ? strlen(req->security_xml) : 0, &units);
	a->sec_prof.bUseMSOnex = req->onex != NULL; /* the host's 802.1X module serves it */
	if (!a->conn_prof.pszXmlFragmentIhvConnectivity ||
	    !a->sec_prof.pszXmlFragmentIhvSecurity)
		return -EINVAL; /* not UTF-8 */
	return 0;
}

/* QueryUIRequest before a connection (contract §3.19); contract rule 65 on the buffer. */
static void session_query_ui(struct ihv_adapter *a, DOT11EXT_IHV_CONNECTION_PHASE phase)
{
	PDOT11EXT_IHV_UI_REQUEST r = NULL;
	struct ihv_call save;
	DWORD rc;

	ihv_call_enter(a->h, a, IHV_IN_UI, &save);
	rc = a->h->hd.Dot11ExtIhvQueryUIRequest(a->ext, phase, &r);
	ihv_call_leave(a->h, a, &save);
	if (rc != ERROR_SUCCESS || !r)
		return;
	if (!ihv_buffer_ours(r)) {
		log_err("%s: QueryUIRequest returned memory not from Dot11ExtAllocateBuffer (ignored, not freed)",
			a->h->name);
		return;
	}
	if (!ihv_buffer_holds(r, sizeof(*r))) {
		log_err("%s: QueryUIRequest returned a block smaller than DOT11EXT_IHV_UI_REQUEST "
			"(refused, freed)", a->h->name);
		ihv_buffer_free(r);
		return;
	}
	/* its data too comes from AllocateBuffer, and is read only inside that block */
	if (r->dwByteCount && (r->pvUIRequest == (PVOID)r ||
			       !ihv_buffer_holds(r->pvUIRequest, r->dwByteCount))) {
		rc = ERROR_INVALID_PARAMETER;
	} else {
		ihv_lock();
		rc = ihv_ui_request_add(a, r);
		ihv_unlock();
	}
	if (rc)
		log_warn("%s: QueryUIRequest gave an invalid request (error %u)", a->h->name, rc);
	if (r->pvUIRequest && r->pvUIRequest != (PVOID)r && ihv_buffer_ours(r->pvUIRequest))
		ihv_buffer_free(r->pvUIRequest);
	ihv_buffer_free(r);
}

int ihv_adapter_connect(struct ihv_adapter *a, const struct ihv_connect_request *req)
{
	DOT11_BSS_LIST bl;
	struct ihv_call save;
	DWORD rc, reason = L2_REASON_CODE_SUCCESS;
	bool completed;
	size_t i;
	int r;

	if (!a || !req || !req->ssid || !req->ssid_len || req->ssid_len > DRV_SSID_MAX ||
	    (req->n_bss && !req->bss) || req->n_bss > 64)
		return -EINVAL;
	for (i = 0; i < req->n_bss; i++)
		if (!req->bss[i] || (req->bss[i]->ies_len && !req->bss[i]->ies))
			return -EINVAL;
	if (a->phase != IHV_PHASE_IDLE)
		return -EBUSY;
	ihv_lock();
	/* a cancelled session the plugin never cancelled is dropped now */
	ihv_handle_kill(a->connect, "a new pre-association replaced it");
	a->pre_cancel_only = false;
	a->post_cancel = NULL;
	ihv_unlock();
	ihv_session_free(a);
	r = session_build(a, req);
	if (!r)
		r = ihv_onex_config_set(a, req->onex);
	if (r) {
		ihv_session_free(a);
		return r;
	}
	session_query_ui(a, connection_phase_initial_connection);

	ihv_lock();
	a->connect = ihv_handle_new(IHV_HANDLE_CONNECT, a);
	a->pre_completed = false;
	a->et_locked = false;
	a->rsn_set = false;
	a->phase = IHV_PHASE_PRE_ASSOCIATE;
	ihv_unlock();
	if (!a->connect) {
		ihv_phase_set(a, IHV_PHASE_IDLE);
		ihv_session_free(a);
		return -ENOMEM;
	}
	ihv_work_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_PRE_ASSOCIATE, 0, 0, 0);
	loop_timer_arm(a->phase_timer, a->h->pre_timeout_ms);
	bl.uNumOfBytes = (ULONG)a->bss_list_len;
	bl.pucBuffer = a->bss_list;
	ihv_call_enter(a->h, a, IHV_IN_PRE_ASSOCIATE, &save);
	rc = a->h->hd.Dot11ExtIhvPerformPreAssociate(a->ext, a->connect, &a->prof,
						     &a->conn_prof, &a->sec_prof, &bl,
						     &reason);
	ihv_call_leave(a->h, a, &save);
	if (!ihv_reason_valid(reason))
		log_warn("%s: contract rule 28: PerformPreAssociate reason 0x%x is not an L2_REASON_CODE value",
			 a->h->name, reason);
	if (rc == ERROR_SUCCESS)
		return 0;
	/* contract rule 26: refused; no completion may follow */
	ihv_lock();
	completed = a->pre_completed;
	ihv_handle_kill(a->connect, "PerformPreAssociate failed for it");
	a->phase = IHV_PHASE_IDLE;
	a->last_reason = reason ? reason : WLAN_REASON_CODE_PRE_SECURITY_FAILURE;
	ihv_unlock();
	if (completed)
		log_warn("%s: contract rule 26: PreAssociateCompletion for a PerformPreAssociate "
			 "that failed (ignored)", a->h->name);
	loop_timer_cancel(a->phase_timer);
	ihv_session_free(a);
	log_info("%s: plugin %s refused the profile: error %u, reason 0x%x", a->ifname,
		 a->h->name, rc, reason);
	ihv_work_event(a, IHV_WORK_EV_ENDED, IHV_PHASE_PRE_ASSOCIATE, a->last_reason, rc, 0);
	ihv_work_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_IDLE, 0, 0, 0);
	return 0;
}

void ihv_session_assoc_params(struct ihv_adapter *a, struct drv_connect_params *cp)
{
	memset(cp, 0, sizeof(*cp));
	cp->ssid = a->ssid;
	cp->ssid_len = a->ssid_len;
	if (a->n_cands) {
		cp->bssid = a->cands[0].bssid;
		cp->freq = a->cands[0].freq;
	}
	cp->ies = a->assoc_ies_len ? a->assoc_ies : NULL;
	cp->ies_len = a->assoc_ies_len;
	if (!a->choice.open) {
		cp->wpa_versions = IHV_NL80211_WPA_VERSION_2;
		cp->akm_suite = a->choice.akm;
		cp->pairwise_cipher = a->choice.pairwise;
		cp->group_cipher = a->choice.group;
		cp->mfp = a->choice.mfp;
	}
	cp->control_port = true;
	cp->control_port_ethertype = 0x888e;
}

/*
 * After a successful PreAssociateCompletion: RSNE, CONNECT (contract rule 30);
 * for SAE the authentication exchange first (auth.c).
 */
static void session_associate(struct ihv_adapter *a)
{
	struct drv_connect_params cp;
	DOT11EXT_LINUX_RSN_PARAMS rsn;
	uint32_t auth, ucast, mcast;
	bool rsn_set;
	int r;

	/* a plugin thread may still be calling the setters: read under the lock */
	ihv_lock();
	rsn = a->rsn;
	rsn_set = a->rsn_set;
	auth = a->auth_algo;
	ucast = a->ucast_algo;
	mcast = a->mcast_algo;
	ihv_unlock();
	r = ihv_rsn_choose(auth, ucast, mcast, rsn_set ? &rsn : NULL, &a->choice);
	if (!r)
		r = ihv_rsn_capa_check(&a->choice, &a->capa);
	if (r) {
		log_err("%s: plugin %s chose algorithms ihvd cannot use on this radio "
			"(auth %#x, unicast %#x, multicast %#x)", a->ifname, a->h->name,
			auth, ucast, mcast);
		ihv_teardown(a, IHV_PHASE_PRE_ASSOCIATE, WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED,
			 ERROR_NOT_SUPPORTED, 0, false, DOT11_ASSOC_STATUS_CANCELLED);
		return;
	}
	a->assoc_ies_len = ihv_rsne_build(&a->choice, a->assoc_ies, sizeof(a->assoc_ies));
	a->assoc_ies_len += ihv_rsnxe_build(&a->choice, a->assoc_ies + a->assoc_ies_len,
					    sizeof(a->assoc_ies) - a->assoc_ies_len);
	ihv_phase_set(a, IHV_PHASE_ASSOCIATING);
	loop_timer_arm(a->phase_timer, a->h->assoc_timeout_ms);
	if (ihv_auth_wanted(a)) {
		r = ihv_auth_start(a);
		if (r)
			ihv_teardown(a, IHV_PHASE_ASSOCIATING,
				     r == -EOPNOTSUPP ? WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED :
							WLAN_REASON_CODE_ASSOCIATION_FAILURE,
				     ihv_win32_from_errno(r), 0, false, DOT11_ASSOC_STATUS_FAILURE);
		return;
	}
	ihv_session_assoc_params(a, &cp);
	r = a->h->drv->ops->connect(a->h->drv, a->ifindex, &cp);
	if (r) {
		log_err("%s: connect failed: %s", a->ifname, strerror(-r));
		ihv_teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_ASSOCIATION_FAILURE,
			 ihv_win32_from_errno(r), 0, false, DOT11_ASSOC_STATUS_FAILURE);
	}
}

void ihv_session_pre_done(struct ihv_adapter *a, struct ihv_work *w)
{
	if (a->phase != IHV_PHASE_PRE_ASSOCIATE || a->connect != w->handle)
		return; /* the session ended meanwhile */
	loop_timer_cancel(a->phase_timer);
	if (w->win32 != ERROR_SUCCESS) {
		log_info("%s: plugin %s failed the pre-association: error %u, reason 0x%x",
			 a->ifname, a->h->name, w->win32, w->reason);
		ihv_teardown(a, IHV_PHASE_PRE_ASSOCIATE, w->reason, w->win32, 0, false,
			 DOT11_ASSOC_STATUS_CANCELLED);
		return;
	}
	a->last_reason = w->reason;
	session_associate(a);
}
