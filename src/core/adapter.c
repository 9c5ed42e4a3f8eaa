// SPDX-License-Identifier: BSD-3-Clause
/*
 * Adapters (contract §3.3, §3.4, §8.12): InitAdapter / DeinitAdapter, the
 * runner of the adapter's work queue, driver events routed to the session
 * (session.c), the port (port.c) or the end of the connection (ihv_teardown.c),
 * and the adapter's status.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

static void adapter_work_kick(void *arg);

static void adapter_guid_from_mac(const uint8_t mac[6], GUID *g)
{
	/* stable per MAC: "ihvd" + a fixed version/variant + the MAC */
	g->Data1 = 0x69687664;
	g->Data2 = 0x6164;
	g->Data3 = 0x4000;
	g->Data4[0] = 0x80;
	g->Data4[1] = 0x00;
	memcpy(g->Data4 + 2, mac, 6);
}

struct ihv_adapter *ihv_adapter_new(struct ihv_host *h, uint32_t ifindex,
				    const char *ifname,
				    const struct ihv_adapter_events *ev, void *ctx)
{
	struct ihv_adapter *a;
	DOT11_ADAPTER da;
	struct ihv_call save;
	char desc[96];
	HANDLE ext = NULL;
	DWORD rc;
	int r;

	if (!h || !ifname)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->h = h;
	a->ifindex = ifindex;
	snprintf(a->ifname, sizeof(a->ifname), "%s", ifname);
	if (ev)
		a->ev = *ev;
	a->ctx = ctx;
	a->work_kick = adapter_work_kick;
	ihv_et_init(&a->et); /* contract rule 13: empty lists at InitAdapter */
	r = h->drv->ops->capa_get(h->drv, ifindex, &a->capa);
	if (r) {
		log_err("%s: cannot read the radio's capabilities: %s", ifname, strerror(-r));
		free(a);
		return NULL;
	}
	adapter_guid_from_mac(a->capa.mac, &a->guid);
	snprintf(desc, sizeof(desc), "ihvd %s %02x:%02x:%02x:%02x:%02x:%02x", a->ifname,
		 a->capa.mac[0], a->capa.mac[1], a->capa.mac[2], a->capa.mac[3],
		 a->capa.mac[4], a->capa.mac[5]);
	a->desc = utf16_from_utf8(desc, strlen(desc), NULL);
	a->phase_timer = loop_timer_new(h->loop, ihv_teardown_timeout, a);
	if (!a->desc || !a->phase_timer)
		goto fail;
	ihv_lock();
	a->id = ihv_next_id();
	a->svc = ihv_handle_new(IHV_HANDLE_SVC, a);
	if (a->svc) {
		a->next = h->adapters;
		h->adapters = a;
	}
	ihv_unlock();
	if (!a->svc)
		goto fail;

	memset(&da, 0, sizeof(da));
	da.gAdapterId = a->guid;
	da.pszDescription = a->desc;
	da.Dot11CurrentOpMode.uCurrentOpMode = DOT11_OPERATION_MODE_EXTENSIBLE_STATION;
	ihv_call_enter(h, a, IHV_IN_INIT_ADAPTER, &save);
	rc = h->hd.Dot11ExtIhvInitAdapter(&da, a->svc, &ext);
	ihv_call_leave(h, a, &save);
	if (rc != ERROR_SUCCESS) {
		struct ihv_adapter **pp;

		/* contract rule 11: no DeinitAdapter for a failed InitAdapter */
		log_err("plugin %s: InitAdapter for %s failed: error %u", h->name, ifname, rc);
		ihv_lock();
		ihv_handle_kill(a->svc, "InitAdapter failed");
		for (pp = &h->adapters; *pp; pp = &(*pp)->next)
			if (*pp == a) {
				*pp = a->next;
				break;
			}
		ihv_et_clear(&a->et);
		while (a->work_head) {
			struct ihv_work *w = a->work_head;

			a->work_head = w->next;
			ihv_work_free(w);
		}
		ihv_unlock();
		ihv_et_listen_sync(a);
		ihv_ui_cancel_all(a, "InitAdapter failed");
		goto fail;
	}
	a->ext = ext;
	log_info("plugin %s: adapter %s (ifindex %u) initialized", h->name, ifname, ifindex);
	return a;
fail:
	loop_timer_free(a->phase_timer);
	free(a->desc);
	free(a);
	return NULL;
}

/* Deliver SendPacketCompletion for every accepted packet (contract rule 46). */
static void adapter_sends_flush(struct ihv_adapter *a)
{
	struct ihv_work **pp, *w;

	for (;;) {
		ihv_lock();
		for (pp = &a->work_head; (w = *pp); pp = &w->next)
			if (w->kind == IHV_WORK_SEND || w->kind == IHV_WORK_SEND_DONE)
				break;
		if (w) {
			*pp = w->next;
			if (a->work_tail == w) {
				struct ihv_work *t = a->work_head;

				while (t && t->next)
					t = t->next;
				a->work_tail = t;
			}
		}
		ihv_unlock();
		if (!w)
			return;
		{
			struct ihv_call save;

			ihv_call_enter(a->h, a, IHV_IN_SEND_COMPLETION, &save);
			a->h->hd.Dot11ExtIhvSendPacketCompletion(w->handle);
			ihv_call_leave(a->h, a, &save);
		}
		ihv_work_free(w);
	}
}

void ihv_adapter_free(struct ihv_adapter *a)
{
	struct ihv_host *h;
	struct ihv_adapter **pp;
	struct ihv_call save;
	bool on_air;

	if (!a)
		return;
	h = a->h;
	loop_timer_cancel(a->phase_timer);
	on_air = a->phase == IHV_PHASE_ASSOCIATING || a->phase == IHV_PHASE_POST_ASSOCIATE ||
		 a->phase == IHV_PHASE_AUTHORIZED;
	if (on_air)
		h->drv->ops->disconnect(h->drv, a->ifindex, 3);
	ihv_auth_stop(a, WLAN_REASON_CODE_ASSOCIATION_FAILURE);
	/* contract rule 14: StopPostAssociate before DeinitAdapter */
	ihv_port_stop(a, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
	ihv_lock();
	/* contract rule 12: hDot11SvcHandle is invalid within and after DeinitAdapter */
	ihv_handle_kill(a->svc, "DeinitAdapter was called for its adapter");
	/* contract rule 15: a pending pre-association counts as cancelled */
	ihv_handle_kill(a->connect, "DeinitAdapter cancelled the pre-association");
	a->phase = IHV_PHASE_IDLE;
	ihv_unlock();
	adapter_sends_flush(a);
	ihv_ui_cancel_all(a, "DeinitAdapter (contract rule 17)");
	ihv_call_enter(h, a, IHV_IN_DEINIT_ADAPTER, &save);
	h->hd.Dot11ExtIhvDeinitAdapter(a->ext);
	ihv_call_leave(h, a, &save);

	ihv_lock();
	for (pp = &h->adapters; *pp; pp = &(*pp)->next)
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	while (a->work_head) {
		struct ihv_work *w = a->work_head;

		a->work_head = w->next;
		ihv_work_free(w);
	}
	ihv_et_clear(&a->et);
	ihv_unlock();
	ihv_et_listen_sync(a);
	ihv_session_free(a);
	ihv_onex_cache_drop(a);
	loop_timer_free(a->phase_timer);
	free(a->desc);
	log_info("plugin %s: adapter %s removed", h->name, a->ifname);
	free(a);
}

static struct ihv_adapter *adapter_by_ifindex(struct ihv_host *h, uint32_t ifindex)
{
	struct ihv_adapter *a;

	for (a = h->adapters; a; a = a->next)
		if (a->ifindex == ifindex)
			return a;
	return NULL;
}

static void adapter_drv_event(struct ihv_host *h, const struct drv_event *ev)
{
	struct ihv_adapter *a = adapter_by_ifindex(h, ev->ifindex);

	if (!a)
		return;
	switch (ev->type) {
	case DRV_EVENT_CONNECT_RESULT:
		ihv_port_connect_result(a, ev);
		break;
	case DRV_EVENT_DISCONNECTED:
		ihv_teardown_disconnected(a, ev);
		break;
	case DRV_EVENT_EAPOL_RX:
		ihv_port_eapol_rx(a, ev);
		break;
	case DRV_EVENT_AUTH_RX:
		ihv_auth_rx(a, ev);
		break;
	case DRV_EVENT_IFACE_REMOVED:
		/* the policy frees the adapter; the link is gone */
		if (a->phase != IHV_PHASE_IDLE)
			ihv_teardown(a, a->phase, WLAN_REASON_CODE_ASSOCIATION_FAILURE,
				 ERROR_SUCCESS, 0, false,
				 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_RESET);
		break;
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_SCAN_STARTED:
	case DRV_EVENT_SCAN_DONE:
	case DRV_EVENT_SCAN_ABORTED:
	case DRV_EVENT_EAPOL_TX_STATUS:
		break;
	case DRV_EVENT_MIC_FAILURE:
	case DRV_EVENT_PMKSA_CANDIDATE:
	case DRV_EVENT_CQM:
		ihv_indication_deliver(a, ev);
		break;
	}
}

static void adapter_deferred_run(void *arg)
{
	uint64_t id = (uintptr_t)arg;
	struct ihv_deferred_event *d;
	struct ihv_host *h;

	for (;;) {
		ihv_lock();
		h = ihv_host_by_id(id);
		d = h ? h->deferred_head : NULL;
		if (d) {
			h->deferred_head = d->next;
			if (!h->deferred_head)
				h->deferred_tail = NULL;
		} else if (h) {
			h->deferred_posted = false;
		}
		ihv_unlock();
		if (!d)
			return;
		adapter_drv_event(h, &d->ev);
		free(d->a);
		free(d->b);
		free(d);
	}
}

static uint8_t *adapter_dup_bytes(const uint8_t *p, size_t n)
{
	uint8_t *d;

	if (!p || !n)
		return NULL;
	d = malloc(n);
	if (d)
		memcpy(d, p, n);
	return d;
}

void ihv_host_drv_event(struct ihv_host *h, const struct drv_event *ev)
{
	struct ihv_deferred_event *d;

	if (!h || !ev)
		return;
	if (h->handler_depth == 0 || ev->type == DRV_EVENT_EAPOL_RX) {
		adapter_drv_event(h, ev);
		return;
	}
	/* A driver call made inside a handler reported an event: run it after. */
	d = calloc(1, sizeof(*d));
	if (!d)
		return;
	d->ev = *ev;
	if (ev->type == DRV_EVENT_CONNECT_RESULT) {
		d->a = adapter_dup_bytes(ev->connect.req_ies, ev->connect.req_ies_len);
		d->b = adapter_dup_bytes(ev->connect.resp_ies, ev->connect.resp_ies_len);
		d->ev.connect.req_ies = d->a;
		d->ev.connect.req_ies_len = d->a ? ev->connect.req_ies_len : 0;
		d->ev.connect.resp_ies = d->b;
		d->ev.connect.resp_ies_len = d->b ? ev->connect.resp_ies_len : 0;
	} else if (ev->type == DRV_EVENT_AUTH_RX) {
		d->a = adapter_dup_bytes(ev->auth.body, ev->auth.body_len);
		d->ev.auth.body = d->a;
		d->ev.auth.body_len = d->a ? ev->auth.body_len : 0;
	}
	ihv_lock();
	if (h->deferred_tail)
		h->deferred_tail->next = d;
	else
		h->deferred_head = d;
	h->deferred_tail = d;
	if (!h->deferred_posted) {
		h->deferred_posted = true;
		loop_call_post(h->loop, adapter_deferred_run, (void *)(uintptr_t)h->id);
	}
	ihv_unlock();
}

static void adapter_work_run(struct ihv_adapter *a, struct ihv_work *w)
{
	struct ihv_call save;
	uint32_t rc = ERROR_SUCCESS;

	switch (w->kind) {
	case IHV_WORK_PRE_DONE:
		ihv_session_pre_done(a, w);
		break;
	case IHV_WORK_POST_DONE:
		ihv_port_post_done(a, w);
		break;
	case IHV_WORK_SEND:
		if (a->port)
			ihv_port_send_now(a, w->data, w->len);
		/* fall through: the completion follows the attempt (contract rule 46) */
		/* FALLTHROUGH */
	case IHV_WORK_SEND_DONE:
		ihv_call_enter(a->h, a, IHV_IN_SEND_COMPLETION, &save);
		a->h->hd.Dot11ExtIhvSendPacketCompletion(w->handle);
		ihv_call_leave(a->h, a, &save);
		break;
	case IHV_WORK_KEY:
		if (!ihv_keys_call_allowed(a, w->keyop))
			break;
		switch (w->keyop) {
		case IHV_KEYOP_MAPPING:
			rc = ihv_keys_set_mapping(a, (void *)w->data, w->len);
			break;
		case IHV_KEYOP_DEFAULT:
			rc = ihv_keys_set_default(a, (void *)w->data, w->len, w->arg);
			break;
		case IHV_KEYOP_DEFAULT_ID:
			rc = ihv_keys_set_default_id(a, w->arg);
			break;
		}
		if (rc)
			log_warn("%s: a key call from a plugin thread failed: error %u",
				 a->h->name, rc);
		break;
	case IHV_WORK_UI_REQUEST:
		ihv_ui_request_deliver(a, w);
		break;
	case IHV_WORK_NOTIFICATION:
		log_info("%s: notification 0x%x (%zu bytes) on %s", a->h->name, w->reason,
			 w->len, a->ifname);
		if (a->ev.notification)
			a->ev.notification(a->ctx, w->reason, w->data, w->len);
		break;
	case IHV_WORK_RX_DRAIN:
		ihv_adapter_rx_deliver(a);
		break;
	case IHV_WORK_EV_AUTHORIZED:
		if (a->ev.authorized)
			a->ev.authorized(a->ctx);
		break;
	case IHV_WORK_EV_ENDED:
		if (a->ev.ended)
			a->ev.ended(a->ctx, w->phase, w->reason, w->win32, w->ieee);
		break;
	case IHV_WORK_EV_MILESTONE:
		if (a->ev.milestone)
			a->ev.milestone(a->ctx, w->phase, w->t_us);
		break;
	case IHV_WORK_AUTH_DONE:
		ihv_auth_done(a, w);
		break;
	case IHV_WORK_ONEX_START:
		ihv_onex_start_run(a);
		break;
	case IHV_WORK_ONEX_PACKET:
		ihv_onex_packet_run(a, w->data, w->len);
		break;
	case IHV_WORK_ONEX_STOP:
		ihv_onex_stop_run(a);
		break;
	case IHV_WORK_ET_LISTEN:
		ihv_et_listen_sync(a);
		break;
	}
}

/*
 * Whether w may run before the SendPacketCompletions queued ahead of it: a successful
 * PostAssociateCompletion (the port opens, contract rule 37) and the events it queues to
 * the policy. Those completions are for frames already handed to the driver; isolated,
 * each is a round trip to the plugin host, and message 4's stood between the plugin's
 * completion and the open port (issue 16). Rule 46 asks for each completion once, not for
 * an order; a failing completion (teardown) and everything else keep their places.
 */
static bool adapter_work_overtakes_send_done(const struct ihv_work *w)
{
	switch (w->kind) {
	case IHV_WORK_POST_DONE:
		return w->win32 == ERROR_SUCCESS;
	case IHV_WORK_EV_AUTHORIZED:
	case IHV_WORK_EV_MILESTONE:
		return true;
	case IHV_WORK_PRE_DONE:
	case IHV_WORK_SEND:
	case IHV_WORK_SEND_DONE:
	case IHV_WORK_KEY:
	case IHV_WORK_UI_REQUEST:
	case IHV_WORK_NOTIFICATION:
	case IHV_WORK_RX_DRAIN:
	case IHV_WORK_EV_ENDED:
	case IHV_WORK_AUTH_DONE:
	case IHV_WORK_ONEX_START:
	case IHV_WORK_ONEX_PACKET:
	case IHV_WORK_ONEX_STOP:
	case IHV_WORK_ET_LISTEN:
		return false;
	}
	return false;
}

/* Under the lock: the next work item off the queue (FIFO but for the above), or NULL. */
static struct ihv_work *adapter_work_take(struct ihv_adapter *a)
{
	struct ihv_work **pp = &a->work_head, *w, *prev = NULL;

	while ((w = *pp) && w->kind == IHV_WORK_SEND_DONE) {
		prev = w;
		pp = &w->next;
	}
	if (!w || !prev || !adapter_work_overtakes_send_done(w)) {
		pp = &a->work_head;
		prev = NULL;
		w = *pp;
	}
	if (w) {
		*pp = w->next;
		if (a->work_tail == w)
			a->work_tail = prev;
	}
	return w;
}

static void adapter_work_kick(void *arg)
{
	uint64_t id = (uintptr_t)arg;
	struct ihv_adapter *a;
	struct ihv_work *w;
	bool first = true;

	for (;;) {
		ihv_lock();
		a = ihv_adapter_by_id(id);
		if (!a) {
			ihv_unlock();
			return; /* freed meanwhile, perhaps by a callback */
		}
		if (first) {
			a->kick_posted = false;
			first = false;
		}
		w = adapter_work_take(a);
		a->kick_running = w != NULL;
		ihv_unlock();
		if (!w)
			return;
		adapter_work_run(a, w);
		ihv_work_free(w);
		ihv_lock();
		a = ihv_adapter_by_id(id);
		if (a)
			a->kick_running = false;
		ihv_unlock();
	}
}

void ihv_adapter_status_get(const struct ihv_adapter *a, struct ihv_adapter_status *st)
{
	memset(st, 0, sizeof(*st));
	if (!a)
		return;
	st->phase = a->phase;
	if (a->phase != IHV_PHASE_IDLE && a->phase != IHV_PHASE_PRE_ASSOCIATE) {
		memcpy(st->bssid, a->bssid, 6);
		st->freq = a->freq;
		if (!a->choice.open) {
			st->akm_suite = a->choice.akm;
			st->pairwise_cipher = a->choice.pairwise;
			st->group_cipher = a->choice.group;
			st->group_mgmt_cipher = a->choice.group_mgmt;
		}
	}
	st->last_reason_code = a->last_reason;
	st->counters.ptk_installs = a->keys.ptk_installs;
	st->counters.gtk_installs = a->keys.gtk_installs;
	st->counters.igtk_installs = a->keys.igtk_installs;
	st->counters.rx_dropped_filter = a->et.dropped_filter;
	st->counters.rx_dropped_backlog = a->et.dropped_backlog;
	st->counters.rx_dropped_oversized = a->et.dropped_oversized;
}
