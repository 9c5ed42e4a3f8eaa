// SPDX-License-Identifier: BSD-3-Clause
/*
 * Services 9, 10, 18-21: packets, EtherType handling, exclude-unencrypted
 * and the 802.1X module (contract §4.5, §4.10, §4.11, §4.17).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/service.h"
#include "common/log.h"

static bool svc_packet_outstanding(struct ihv_adapter *a, HANDLE hc)
{
	struct ihv_work *w;

	for (w = a->work_head; w; w = w->next)
		if ((w->kind == IHV_WORK_SEND || w->kind == IHV_WORK_SEND_DONE) &&
		    w->handle == hc)
			return true;
	return false;
}

DWORD WINAPI ihv_svc_send_packet(HANDLE svc, ULONG len, LPVOID pv, HANDLE hc)
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
	a = ihv_adapter_lock_svc(svc, fn);
	if (!a) {
		ihv_work_free(w);
		return ERROR_INVALID_HANDLE;
	}
	if (!a->port) {
		log_warn("%s: %s with no port (before PerformPostAssociate or after StopPostAssociate)",
			 a->h->name, fn);
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	}
	if (svc_packet_outstanding(a, hc)) {
		log_warn("%s: contract rule 46: %s with hSendCompletion %p that is still outstanding",
			 a->h->name, fn, hc);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	h = a->h;
	if (!ihv_on_loop_thread(h)) {
		/* a plugin thread: copy, send on the loop, then complete */
		w->kind = IHV_WORK_SEND;
		w->data = malloc(len);
		if (!w->data) {
			return ihv_work_refuse(w, ERROR_NOT_ENOUGH_MEMORY);
		}
		memcpy(w->data, pv, len);
		w->len = len;
		return ihv_work_accept(a, w);
	}
	ihv_unlock();
	/* The loop thread (a handler, e.g. ReceivePacket, contract rule 48): send now. */
	rc = ihv_port_send_now(a, pkt, len);
	if (rc != ERROR_SUCCESS) {
		ihv_work_free(w); /* not accepted: no completion */
		return rc;
	}
	ihv_lock();
	ihv_work_queue(a, w); /* contract rule 46: exactly one completion, later */
	ihv_unlock();
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_svc_set_ethertype_handling(HANDLE svc, ULONG backlog,
						ULONG n_ex, PDOT11_PRIVACY_EXEMPTION ex,
						ULONG n_reg, USHORT *reg)
{
	const char *fn = "Dot11ExtSetEtherTypeHandling";
	struct ihv_adapter *a;
	bool on_loop;
	DWORD rc;

	a = ihv_adapter_lock_svc(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->et_locked) {
		log_warn("%s: contract rule 33: %s after a successful PreAssociateCompletion "
			 "(lists are fixed until AdapterReset)", a->h->name, fn);
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	rc = ihv_et_set(&a->et, backlog, n_ex, ex, n_reg, reg);
	on_loop = ihv_on_loop_thread(a->h);
	if (rc == ERROR_SUCCESS && !on_loop) {
		/* a plugin thread: the driver learns the list on the loop */
		struct ihv_work *w = ihv_work_new(IHV_WORK_ET_LISTEN);

		if (w)
			ihv_work_queue(a, w);
	}
	ihv_unlock();
	if (rc)
		log_warn("%s: %s: invalid lists (error %u)", ihv_plugin_label(), fn, rc);
	else if (on_loop)
		ihv_et_listen_sync(a); /* the loop thread: the adapter cannot go meanwhile */
	return rc;
}

DWORD WINAPI ihv_svc_set_exclude_unencrypted(HANDLE svc, BOOL b)
{
	struct ihv_adapter *a;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtSetExcludeUnencrypted");
	if (a)
		a->exclude_unencrypted = b != FALSE;
	ihv_unlock();
	return a ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
}

/*
 * Contract §4.17, rules 57-60: the window is checked here under the lock; the 802.1X module
 * (onex.c) runs on the loop thread from the adapter's work queue, so OnexIndicateResult is
 * never called inside the service call. pEapAttributes is accepted and not used: the EAP
 * configuration comes with the connection (docs/contract.md §5.5).
 */
DWORD WINAPI ihv_svc_start_onex(HANDLE svc, EAP_ATTRIBUTES *attrs)
{
	struct ihv_adapter *a;
	struct ihv_work *w;
	DWORD rc;

	(void)attrs;
	w = ihv_work_new(IHV_WORK_ONEX_START);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	a = ihv_adapter_lock_svc(svc, "Dot11ExtStartOneX");
	if (!a) {
		ihv_work_free(w);
		return ERROR_INVALID_HANDLE;
	}
	rc = ihv_onex_start_check(a);
	if (rc != ERROR_SUCCESS)
		return ihv_work_refuse(w, rc);
	return ihv_work_accept(a, w);
}

DWORD WINAPI ihv_svc_stop_onex(HANDLE svc)
{
	struct ihv_adapter *a;
	struct ihv_work *w;

	w = ihv_work_new(IHV_WORK_ONEX_STOP);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	a = ihv_adapter_lock_svc(svc, "Dot11ExtStopOneX");
	if (!a) {
		ihv_work_free(w);
		return ERROR_INVALID_HANDLE;
	}
	/* contract rule 59: only while an 802.1X operation is pending */
	if (!a->onex_running)
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	a->onex_running = false;
	return ihv_work_accept(a, w);
}

/*
 * The buffer is the complete EAPOL PDU from the Protocol Version byte on (contract §11.5,
 * as the sample passes DOT11_SECURITY_PACKET_HEADER.Data). EAPOL-Key stays with the plugin
 * (contract rule 59).
 */
DWORD WINAPI ihv_svc_process_security_packet(HANDLE svc, DWORD len, LPVOID pkt)
{
	const char *fn = "Dot11ExtProcessSecurityPacket";
	const uint8_t *p = pkt;
	struct ihv_adapter *a;
	struct ihv_work *w;

	if (!pkt || len < 4 || len > IHV_MAX_PACKET) {
		log_warn("%s: %s: bad packet (%u bytes; an EAPOL PDU of 4..%u)", ihv_plugin_label(),
			 fn, len, IHV_MAX_PACKET);
		return ERROR_INVALID_PARAMETER;
	}
	w = ihv_work_new(IHV_WORK_ONEX_PACKET);
	if (!w)
		return ERROR_NOT_ENOUGH_MEMORY;
	w->data = malloc(len);
	if (!w->data) {
		ihv_work_free(w);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	memcpy(w->data, pkt, len);
	w->len = len;
	a = ihv_adapter_lock_svc(svc, fn);
	if (!a) {
		ihv_work_free(w);
		return ERROR_INVALID_HANDLE;
	}
	if (!a->onex_running) {
		log_warn("%s: contract rule 59: %s with no 802.1X exchange running (StartOneX first)",
			 a->h->name, fn);
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	}
	if (p[1] == 3) { /* IEEE 802.1X-2010 11.3.2: EAPOL-Key */
		log_warn("%s: contract rule 59: %s with an EAPOL-Key frame (the plugin's own)",
			 a->h->name, fn);
		return ihv_work_refuse(w, ERROR_INVALID_PARAMETER);
	}
	return ihv_work_accept(a, w);
}
