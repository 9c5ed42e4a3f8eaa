// SPDX-License-Identifier: BSD-3-Clause
/*
 * The security session and its port (contract §3.9, §3.10, §8.7, §8.8):
 * the association result starts PerformPostAssociate on an unauthorized
 * port (contract rule 35); PostAssociateCompletion authorizes it (contract rules 37,
 * 38); frames go in (ReceivePacket, contract rules 42-45) and out (SendPacket).
 *
 *   ASSOCIATING --CONNECT_RESULT ok--> POST_ASSOCIATE (PerformPostAssociate)
 *        --PostAssociateCompletion(ok)--> AUTHORIZED (station authorized)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assoc-params.h"
#include "core/ihv-core.h"
#include "common/log.h"

static const struct ihv_bss_copy *port_cand_find(struct ihv_adapter *a, const uint8_t *bssid)
{
	size_t i;

	for (i = 0; i < a->n_cands; i++)
		if (!memcmp(a->cands[i].bssid, bssid, 6))
			return &a->cands[i];
	return NULL;
}

void ihv_port_connect_result(struct ihv_adapter *a, const struct drv_event *ev)
{
	const struct ihv_bss_copy *c;
	struct ihv_assoc_info ai;
	DOT11_PORT_STATE ps;
	struct ihv_call save;
	uint8_t *params;
	size_t params_len;
	DWORD rc;

	if (a->phase != IHV_PHASE_ASSOCIATING) {
		log_debug("%s: connect result ignored in %s", a->ifname, ihv_phase_str(a->phase));
		return;
	}
	loop_timer_cancel(a->phase_timer);
	ihv_auth_assoc_status(a, ev);
	if (ev->connect.status || ev->connect.timed_out) {
		log_info("%s: association failed: status %u%s", a->ifname,
			 ev->connect.status, ev->connect.timed_out ? " (timed out)" : "");
		ihv_teardown(a, IHV_PHASE_ASSOCIATING,
			 ev->connect.timed_out ? WLAN_REASON_CODE_ASSOCIATION_TIMEOUT :
						 WLAN_REASON_CODE_ASSOCIATION_FAILURE,
			 ERROR_SUCCESS, ev->connect.status, false, DOT11_ASSOC_STATUS_FAILURE);
		return;
	}
	memcpy(a->bssid, ev->connect.bssid, 6);
	a->freq = ev->connect.freq;
	c = port_cand_find(a, a->bssid);
	if (!c)
		log_warn("%s: associated with a BSS not among the candidates: no beacon IEs",
			 a->ifname);
	memset(&ai, 0, sizeof(ai));
	ai.bssid = a->bssid;
	ai.req_ies = ev->connect.req_ies;
	ai.req_ies_len = ev->connect.req_ies ? ev->connect.req_ies_len : 0;
	if (!ai.req_ies_len && a->assoc_ies_len) {
		/* a driver that does not echo the request: what we asked for */
		ai.req_ies = a->assoc_ies;
		ai.req_ies_len = a->assoc_ies_len;
	}
	ai.resp_ies = ev->connect.resp_ies;
	ai.resp_ies_len = ev->connect.resp_ies ? ev->connect.resp_ies_len : 0;
	ai.beacon_ies = c ? c->ies : NULL;
	ai.beacon_ies_len = c ? c->ies_len : 0;
	ai.auth_algo = a->auth_algo ? a->auth_algo : DOT11_AUTH_ALGO_80211_OPEN;
	ai.unicast_cipher = ihv_cipher_from_suite(a->choice.pairwise);
	ai.multicast_cipher = ihv_cipher_from_suite(a->choice.group);
	ai.multicast_mgmt_cipher = ihv_cipher_from_suite(a->choice.group_mgmt);
	params = ihv_assoc_params_build(&ai, &params_len);
	if (!params) {
		ihv_teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_START_SECURITY_FAILURE,
			 ERROR_NOT_ENOUGH_MEMORY, 0, true, DOT11_ASSOC_STATUS_SYSTEM_ERROR);
		return;
	}
	/* contract rule 35: the port exists, unauthorized */
	ihv_lock();
	a->security = ihv_handle_new(IHV_HANDLE_SECURITY, a);
	a->port = a->security != NULL;
	a->post_completed = false;
	a->authorized = false;
	a->phase = IHV_PHASE_POST_ASSOCIATE;
	ihv_unlock();
	ihv_work_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_POST_ASSOCIATE, 0, 0, 0);
	if (!a->port) {
		free(params);
		ihv_teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_START_SECURITY_FAILURE,
			 ERROR_NOT_ENOUGH_MEMORY, 0, true, DOT11_ASSOC_STATUS_SYSTEM_ERROR);
		return;
	}
	memset(&ps, 0, sizeof(ps));
	memcpy(ps.PeerMacAddress, a->bssid, 6);
	ps.uSessionId = (ULONG)ihv_handle_id(a->security);
	ps.bPortControlled = TRUE;
	ps.bPortAuthorized = FALSE;
	loop_timer_arm(a->phase_timer, a->h->post_timeout_ms);
	ihv_call_enter(a->h, a, IHV_IN_POST_ASSOCIATE, &save);
	rc = a->h->hd.Dot11ExtIhvPerformPostAssociate(a->ext, a->security, &ps,
						      (ULONG)params_len,
						      (PDOT11_ASSOCIATION_COMPLETION_PARAMETERS)params);
	ihv_call_leave(a->h, a, &save);
	free(params);
	if (rc != ERROR_SUCCESS) {
		log_info("%s: plugin %s could not start the post-association: error %u",
			 a->ifname, a->h->name, rc);
		ihv_teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_START_SECURITY_FAILURE,
			 rc, 0, true, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
		return;
	}
	/* EAPOL that arrived before PerformPostAssociate, in order */
	ihv_lock();
	ihv_et_hold_release(&a->et);
	ihv_unlock();
	ihv_adapter_rx_deliver(a);
}

void ihv_port_post_done(struct ihv_adapter *a, struct ihv_work *w)
{
	int r;

	if (!a->port || a->security != w->handle)
		return;
	a->last_reason = w->reason;
	if (w->win32 == ERROR_SUCCESS) {
		loop_timer_cancel(a->phase_timer);
		a->post_completed = true;
		if (a->authorized)
			return;
		/* contract rule 37: the port is authorized */
		r = a->h->drv->ops->station_authorize(a->h->drv, a->ifindex, a->bssid, true);
		if (r) {
			log_err("%s: authorizing the port failed: %s", a->ifname, strerror(-r));
			ihv_teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_SECURITY_FAILURE,
				 ihv_win32_from_errno(r), 0, true,
				 DOT11_ASSOC_STATUS_SYSTEM_ERROR);
			return;
		}
		a->authorized = true;
		ihv_phase_set(a, IHV_PHASE_AUTHORIZED);
		log_info("%s: port authorized by plugin %s", a->ifname, a->h->name);
		ihv_work_event(a, IHV_WORK_EV_AUTHORIZED, IHV_PHASE_AUTHORIZED, 0, 0, 0);
		return;
	}
	if (!a->post_completed) {
		log_info("%s: plugin %s failed the post-association: error %u, reason 0x%x",
			 a->ifname, a->h->name, w->win32, w->reason);
		ihv_teardown(a, IHV_PHASE_POST_ASSOCIATE, w->reason, w->win32, 0, true,
			 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
		return;
	}
	/* contract rule 38: a later completion changes the port's state */
	if (a->authorized) {
		a->h->drv->ops->station_authorize(a->h->drv, a->ifindex, a->bssid, false);
		a->authorized = false;
		ihv_phase_set(a, IHV_PHASE_POST_ASSOCIATE);
		log_info("%s: port unauthorized by plugin %s (reason 0x%x)", a->ifname,
			 a->h->name, w->reason);
		loop_timer_arm(a->phase_timer, a->h->post_timeout_ms);
	}
}

void ihv_adapter_rx_deliver(struct ihv_adapter *a)
{
	struct ihv_frame *f;
	struct ihv_work *w;

	if (a->et.delivering)
		return; /* the loop below picks it up */
	if (a->h->handler_depth > 0) {
		/* never re-enter the plugin: drain after the handler (contract rule 43) */
		w = ihv_work_new(IHV_WORK_RX_DRAIN);
		if (w) {
			ihv_lock();
			ihv_work_queue(a, w);
			ihv_unlock();
		}
		return;
	}
	a->et.delivering = true;
	for (;;) {
		struct ihv_call save;
		DWORD rc;

		ihv_lock();
		f = a->port ? ihv_et_backlog_pop(&a->et) : NULL;
		ihv_unlock();
		if (!f)
			break;
		a->et.delivered++;
		ihv_call_enter(a->h, a, IHV_IN_RECEIVE_PACKET, &save);
		rc = a->h->hd.Dot11ExtIhvReceivePacket(a->ext, (DWORD)f->len, f->buf);
		ihv_call_leave(a->h, a, &save);
		if (rc != ERROR_SUCCESS)
			log_debug("%s: ReceivePacket returned error %u", a->h->name, rc);
		explicit_bzero(f->buf, f->len);
		free(f);
	}
	a->et.delivering = false;
}

void ihv_port_eapol_rx(struct ihv_adapter *a, const struct drv_event *ev)
{
	struct ihv_frame *f;
	bool accept, hold;

	if (ev->eapol.len > IHV_MAX_PACKET - 8 || (ev->eapol.len && !ev->eapol.frame)) {
		a->et.dropped_oversized++;
		log_debug("%s: oversized frame dropped", a->ifname);
		return;
	}
	ihv_lock();
	/* contract rule 42: only registered EtherTypes reach the plugin */
	accept = ihv_et_registered(&a->et, ev->eapol.ethertype) &&
		 ihv_et_accept(&a->et, ev->eapol.ethertype, ev->eapol.unencrypted,
			       a->exclude_unencrypted,
			       ihv_keys_have_ptk(a, ev->eapol.src));
	hold = a->phase == IHV_PHASE_ASSOCIATING ||
	       (a->phase == IHV_PHASE_POST_ASSOCIATE && !a->port);
	if (!hold && !a->port)
		accept = false;
	ihv_unlock();
	if (!accept) {
		a->et.dropped_filter++;
		log_debug("%s: frame with EtherType 0x%04x not delivered (not registered, "
			  "exemption rules or no port)", a->ifname, ev->eapol.ethertype);
		return;
	}
	f = ihv_frame_new(ev->eapol.src, ev->eapol.ethertype, ev->eapol.frame,
			  ev->eapol.len);
	if (!f)
		return;
	ihv_lock();
	if (hold)
		ihv_et_hold_push(&a->et, f);
	else
		ihv_et_backlog_push(&a->et, f);
	ihv_unlock();
	if (!hold)
		ihv_adapter_rx_deliver(a);
}

uint32_t ihv_port_send_now(struct ihv_adapter *a, const uint8_t *pkt, size_t len)
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
