/*
 * Adapters and their connection session (contract §3.5-3.10, §8.3, §8.7,
 * §8.8, §8.12):
 *
 *   IDLE --connect--> PRE_ASSOCIATE (PerformPreAssociate)
 *        --PreAssociateCompletion(ok)--> ASSOCIATING (drv connect, RSNE)
 *        --CONNECT_RESULT ok--> POST_ASSOCIATE (port, PerformPostAssociate)
 *        --PostAssociateCompletion(ok)--> AUTHORIZED (station authorized)
 *   any failure, disconnect or timeout: StopPostAssociate (if a port exists),
 *   lists cleared, AdapterReset, ended() (contract rules 18, 19, 39).
 *
 * Events to the connection policy are always delivered from the adapter's
 * work queue, never from inside an ihv_* call or a plugin handler.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assoc-params.h"
#include "core/bss-list.h"
#include "core/handle.h"
#include "core/ihv-core.h"
#include "common/log.h"
#include "core/rsne.h"
#include "common/utf16.h"

bool ihv_buffer_ours(const void *p);
void ihv_buffer_free(void *p);
uint32_t ihv_send_now(struct ihv_adapter *a, const uint8_t *pkt, size_t len);

static const char *const phase_names[] = {
	[IHV_PHASE_IDLE] = "idle",
	[IHV_PHASE_PRE_ASSOCIATE] = "pre-association",
	[IHV_PHASE_ASSOCIATING] = "associating",
	[IHV_PHASE_POST_ASSOCIATE] = "post-association",
	[IHV_PHASE_AUTHORIZED] = "authorized",
};

const char *ihv_phase_str(enum ihv_phase phase)
{
	if ((unsigned)phase < sizeof(phase_names) / sizeof(phase_names[0]))
		return phase_names[phase];
	return "?";
}

/* ---- the work queue ------------------------------------------------------------ */

struct ihv_work *ihv_work_new(enum ihv_work_kind kind)
{
	struct ihv_work *w = calloc(1, sizeof(*w));

	if (w)
		w->kind = kind;
	return w;
}

void ihv_work_free(struct ihv_work *w)
{
	if (!w)
		return;
	if (w->data) {
		explicit_bzero(w->data, w->len);
		free(w->data);
	}
	free(w);
}

static void adapter_kick(void *arg);

/* Under the lock. */
void ihv_work_queue(struct ihv_adapter *a, struct ihv_work *w)
{
	w->next = NULL;
	if (a->work_tail)
		a->work_tail->next = w;
	else
		a->work_head = w;
	a->work_tail = w;
	if (!a->kick_posted && !a->kick_running) {
		a->kick_posted = true;
		/* the argument is the adapter's id, never a pointer (it may be freed) */
		loop_call_post(a->h->loop, adapter_kick, (void *)(uintptr_t)a->id);
	}
}

static void queue_event(struct ihv_adapter *a, enum ihv_work_kind kind,
			enum ihv_phase phase, uint32_t reason, uint32_t win32,
			uint16_t ieee)
{
	struct ihv_work *w = ihv_work_new(kind);

	if (!w) {
		log_err("%s: out of memory: event lost", a->ifname);
		return;
	}
	w->phase = phase;
	w->reason = reason;
	w->win32 = win32;
	w->ieee = ieee;
	ihv_lock();
	ihv_work_queue(a, w);
	ihv_unlock();
}

static void set_phase(struct ihv_adapter *a, enum ihv_phase phase)
{
	ihv_lock();
	a->phase = phase;
	ihv_unlock();
	queue_event(a, IHV_WORK_EV_MILESTONE, phase, 0, 0, 0);
}

/* ---- handler calls ------------------------------------------------------------- */

static void call_adapter_reset(struct ihv_adapter *a)
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

static void stop_post_associate(struct ihv_adapter *a, DOT11_ASSOC_STATUS status)
{
	struct ihv_call save;
	DWORD rc;

	if (!a->port)
		return;
	ihv_lock();
	/* rule 40: completions after this are refused */
	ihv_handle_kill(a->security, "StopPostAssociate ended the port");
	a->port = false;
	ihv_unlock();
	ihv_call_enter(a->h, a, IHV_IN_STOP_POST_ASSOCIATE, &save);
	rc = a->h->hd.Dot11ExtIhvStopPostAssociate(a->ext, &a->bssid, status);
	ihv_call_leave(a->h, a, &save);
	if (rc != ERROR_SUCCESS)
		log_debug("%s: StopPostAssociate returned error %u", a->h->name, rc);
	ihv_keys_forget(a, true); /* rule 53 */
	a->authorized = false;
	a->post_completed = false;
}

/* Free what a pre-association session owns (loop thread). */
static void session_free(struct ihv_adapter *a)
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
	ihv_lock();
	utf16_free_secure(a->conn_prof.pszXmlFragmentIhvConnectivity);
	utf16_free_secure(a->sec_prof.pszXmlFragmentIhvSecurity);
	a->conn_prof.pszXmlFragmentIhvConnectivity = NULL;
	a->sec_prof.pszXmlFragmentIhvSecurity = NULL;
	ihv_unlock();
}

/*
 * End the connection: disconnect, StopPostAssociate, clear the lists,
 * AdapterReset, tell the policy. Rules 18, 19, 20, 21, 23, 39 (our order:
 * StopPostAssociate first, then AdapterReset; contract §12).
 */
static void teardown(struct ihv_adapter *a, enum ihv_phase phase, uint32_t reason,
		     uint32_t win32, uint16_t ieee, bool disconnect,
		     DOT11_ASSOC_STATUS status)
{
	const struct drv_ops *ops = a->h->drv->ops;
	bool on_air = a->phase == IHV_PHASE_ASSOCIATING ||
		      a->phase == IHV_PHASE_POST_ASSOCIATE ||
		      a->phase == IHV_PHASE_AUTHORIZED;

	loop_timer_cancel(a->phase_timer);
	if (disconnect && on_air) {
		int r = ops->disconnect(a->h->drv, a->ifindex, ieee ? ieee : 3);

		if (r && r != -ENOTCONN && r != -ENOLINK)
			log_warn("%s: disconnect failed: %s", a->ifname, strerror(-r));
	}
	stop_post_associate(a, status);
	ihv_lock();
	/* rule 19: the lists are cleared before AdapterReset */
	ihv_et_clear(&a->et);
	a->et_locked = false;
	if (a->connect && ihv_handle_get(a->connect, IHV_HANDLE_CONNECT, NULL) == a &&
	    !a->pre_completed)
		a->pre_cancel_only = true; /* rule 20: the plugin cancels it */
	else
		ihv_handle_kill(a->connect, "AdapterReset ended the connection");
	a->exclude_unencrypted = false;
	a->auth_algo = a->ucast_algo = a->mcast_algo = 0;
	a->rsn_set = false;
	a->phase = IHV_PHASE_IDLE;
	a->last_reason = reason;
	ihv_unlock();
	ihv_ui_cancel_all(a, "AdapterReset (contract rule 23)");
	ihv_keys_forget(a, false);
	session_free(a);
	call_adapter_reset(a); /* rule 18 */
	log_debug("%s: connection ended in %s: reason 0x%x, error %u, 802.11 %u",
		 a->ifname, ihv_phase_str(phase), reason, win32, ieee);
	queue_event(a, IHV_WORK_EV_ENDED, phase, reason, win32, ieee);
	queue_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_IDLE, 0, 0, 0);
}

/* ---- timeouts ------------------------------------------------------------------- */

static void phase_timeout(void *arg)
{
	struct ihv_adapter *a = arg;

	switch (a->phase) {
	case IHV_PHASE_PRE_ASSOCIATE:
		log_err("plugin %s did not complete the pre-association on %s within %u ms",
			a->h->name, a->ifname, a->h->pre_timeout_ms);
		teardown(a, IHV_PHASE_PRE_ASSOCIATE, WLAN_REASON_CODE_IHV_NOT_RESPONDING,
			 ERROR_TIMEOUT, 0, false, DOT11_ASSOC_STATUS_CANCELLED);
		break;
	case IHV_PHASE_ASSOCIATING:
		log_err("%s: no association result within %u ms", a->ifname,
			a->h->assoc_timeout_ms);
		teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_ASSOCIATION_TIMEOUT,
			 ERROR_TIMEOUT, 0, true, DOT11_ASSOC_STATUS_CANCELLED);
		break;
	case IHV_PHASE_POST_ASSOCIATE:
		log_err("plugin %s did not complete the post-association on %s within %u ms",
			a->h->name, a->ifname, a->h->post_timeout_ms);
		teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_SECURITY_TIMEOUT,
			 ERROR_TIMEOUT, 0, true, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
		break;
	case IHV_PHASE_IDLE:
	case IHV_PHASE_AUTHORIZED:
		break;
	}
}

/* ---- adapters -------------------------------------------------------------------- */

static void guid_from_mac(const uint8_t mac[6], GUID *g)
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
	ihv_et_init(&a->et); /* rule 13: empty lists at InitAdapter */
	r = h->drv->ops->capa_get(h->drv, ifindex, &a->capa);
	if (r) {
		log_err("%s: cannot read the radio's capabilities: %s", ifname, strerror(-r));
		free(a);
		return NULL;
	}
	guid_from_mac(a->capa.mac, &a->guid);
	snprintf(desc, sizeof(desc), "ihvd %s %02x:%02x:%02x:%02x:%02x:%02x", a->ifname,
		 a->capa.mac[0], a->capa.mac[1], a->capa.mac[2], a->capa.mac[3],
		 a->capa.mac[4], a->capa.mac[5]);
	a->desc = utf16_from_utf8(desc, strlen(desc), NULL);
	a->phase_timer = loop_timer_new(h->loop, phase_timeout, a);
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

		/* rule 11: no DeinitAdapter for a failed InitAdapter */
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

/* Deliver SendPacketCompletion for every accepted packet (rule 46). */
static void sends_flush(struct ihv_adapter *a)
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
	/* rule 14: StopPostAssociate before DeinitAdapter */
	stop_post_associate(a, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
	ihv_lock();
	/* rule 12: hDot11SvcHandle is invalid within and after DeinitAdapter */
	ihv_handle_kill(a->svc, "DeinitAdapter was called for its adapter");
	/* rule 15: a pending pre-association counts as cancelled */
	ihv_handle_kill(a->connect, "DeinitAdapter cancelled the pre-association");
	a->phase = IHV_PHASE_IDLE;
	ihv_unlock();
	sends_flush(a);
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
	session_free(a);
	loop_timer_free(a->phase_timer);
	free(a->desc);
	log_info("plugin %s: adapter %s removed", h->name, a->ifname);
	free(a);
}

/* ---- pre-association --------------------------------------------------------------- */

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
	a->sec_prof.bUseMSOnex = FALSE;
	if (!a->conn_prof.pszXmlFragmentIhvConnectivity ||
	    !a->sec_prof.pszXmlFragmentIhvSecurity)
		return -EINVAL; /* not UTF-8 */
	return 0;
}

/* QueryUIRequest before a connection (contract §3.19); rule 65 on the buffer. */
static void query_ui(struct ihv_adapter *a, DOT11EXT_IHV_CONNECTION_PHASE phase)
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
	ihv_lock();
	rc = ihv_ui_request_add(a, r);
	ihv_unlock();
	if (rc)
		log_warn("%s: QueryUIRequest gave an invalid request (error %u)", a->h->name, rc);
	if (r->pvUIRequest && ihv_buffer_ours(r->pvUIRequest))
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
	ihv_unlock();
	session_free(a);
	r = session_build(a, req);
	if (r) {
		session_free(a);
		return r;
	}
	query_ui(a, connection_phase_initial_connection);

	ihv_lock();
	a->connect = ihv_handle_new(IHV_HANDLE_CONNECT, a);
	a->pre_completed = false;
	a->et_locked = false;
	a->rsn_set = false;
	a->phase = IHV_PHASE_PRE_ASSOCIATE;
	ihv_unlock();
	if (!a->connect) {
		set_phase(a, IHV_PHASE_IDLE);
		session_free(a);
		return -ENOMEM;
	}
	queue_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_PRE_ASSOCIATE, 0, 0, 0);
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
	/* rule 26: refused; no completion may follow */
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
	session_free(a);
	log_info("%s: plugin %s refused the profile: error %u, reason 0x%x", a->ifname,
		 a->h->name, rc, reason);
	queue_event(a, IHV_WORK_EV_ENDED, IHV_PHASE_PRE_ASSOCIATE, a->last_reason, rc, 0);
	queue_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_IDLE, 0, 0, 0);
	return 0;
}

/* After a successful PreAssociateCompletion: RSNE, CONNECT (rule 30). */
static void associate(struct ihv_adapter *a)
{
	struct drv_connect_params cp;
	DOT11EXT_LINUX_RSN_PARAMS rsn;
	uint32_t auth, ucast, mcast;
	uint8_t rsne[96];
	size_t rsne_len;
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
		teardown(a, IHV_PHASE_PRE_ASSOCIATE, WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED,
			 ERROR_NOT_SUPPORTED, 0, false, DOT11_ASSOC_STATUS_CANCELLED);
		return;
	}
	rsne_len = ihv_rsne_build(&a->choice, rsne, sizeof(rsne));
	memset(&cp, 0, sizeof(cp));
	cp.ssid = a->ssid;
	cp.ssid_len = a->ssid_len;
	if (a->n_cands) {
		cp.bssid = a->cands[0].bssid;
		cp.freq = a->cands[0].freq;
	}
	cp.ies = rsne_len ? rsne : NULL;
	cp.ies_len = rsne_len;
	if (!a->choice.open) {
		cp.wpa_versions = IHV_NL80211_WPA_VERSION_2;
		cp.akm_suite = a->choice.akm;
		cp.pairwise_cipher = a->choice.pairwise;
		cp.group_cipher = a->choice.group;
		cp.mfp = a->choice.mfp;
	}
	cp.control_port = true;
	cp.control_port_ethertype = 0x888e;
	set_phase(a, IHV_PHASE_ASSOCIATING);
	loop_timer_arm(a->phase_timer, a->h->assoc_timeout_ms);
	r = a->h->drv->ops->connect(a->h->drv, a->ifindex, &cp);
	if (r) {
		log_err("%s: connect failed: %s", a->ifname, strerror(-r));
		teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_ASSOCIATION_FAILURE,
			 ihv_win32_from_errno(r), 0, false, DOT11_ASSOC_STATUS_FAILURE);
	}
}

static void pre_done(struct ihv_adapter *a, struct ihv_work *w)
{
	if (a->phase != IHV_PHASE_PRE_ASSOCIATE || a->connect != w->handle)
		return; /* the session ended meanwhile */
	loop_timer_cancel(a->phase_timer);
	if (w->win32 != ERROR_SUCCESS) {
		log_info("%s: plugin %s failed the pre-association: error %u, reason 0x%x",
			 a->ifname, a->h->name, w->win32, w->reason);
		teardown(a, IHV_PHASE_PRE_ASSOCIATE, w->reason, w->win32, 0, false,
			 DOT11_ASSOC_STATUS_CANCELLED);
		return;
	}
	a->last_reason = w->reason;
	associate(a);
}

/* ---- association and post-association ---------------------------------------------- */

static const struct ihv_bss_copy *cand_find(struct ihv_adapter *a, const uint8_t *bssid)
{
	size_t i;

	for (i = 0; i < a->n_cands; i++)
		if (!memcmp(a->cands[i].bssid, bssid, 6))
			return &a->cands[i];
	return NULL;
}

static void connect_result(struct ihv_adapter *a, const struct drv_event *ev)
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
	if (ev->connect.status || ev->connect.timed_out) {
		log_info("%s: association failed: status %u%s", a->ifname,
			 ev->connect.status, ev->connect.timed_out ? " (timed out)" : "");
		teardown(a, IHV_PHASE_ASSOCIATING,
			 ev->connect.timed_out ? WLAN_REASON_CODE_ASSOCIATION_TIMEOUT :
						 WLAN_REASON_CODE_ASSOCIATION_FAILURE,
			 ERROR_SUCCESS, ev->connect.status, false, DOT11_ASSOC_STATUS_FAILURE);
		return;
	}
	memcpy(a->bssid, ev->connect.bssid, 6);
	a->freq = ev->connect.freq;
	c = cand_find(a, a->bssid);
	if (!c)
		log_warn("%s: associated with a BSS not among the candidates: no beacon IEs",
			 a->ifname);
	memset(&ai, 0, sizeof(ai));
	ai.bssid = a->bssid;
	ai.req_ies = ev->connect.req_ies;
	ai.req_ies_len = ev->connect.req_ies ? ev->connect.req_ies_len : 0;
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
		teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_START_SECURITY_FAILURE,
			 ERROR_NOT_ENOUGH_MEMORY, 0, true, DOT11_ASSOC_STATUS_SYSTEM_ERROR);
		return;
	}
	/* rule 35: the port exists, unauthorized */
	ihv_lock();
	a->security = ihv_handle_new(IHV_HANDLE_SECURITY, a);
	a->port = a->security != NULL;
	a->post_completed = false;
	a->authorized = false;
	a->phase = IHV_PHASE_POST_ASSOCIATE;
	ihv_unlock();
	queue_event(a, IHV_WORK_EV_MILESTONE, IHV_PHASE_POST_ASSOCIATE, 0, 0, 0);
	if (!a->port) {
		free(params);
		teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_START_SECURITY_FAILURE,
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
		teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_START_SECURITY_FAILURE,
			 rc, 0, true, DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
		return;
	}
	/* EAPOL that arrived before PerformPostAssociate, in order */
	ihv_lock();
	ihv_et_hold_release(&a->et);
	ihv_unlock();
	ihv_adapter_rx_deliver(a);
}

static void post_done(struct ihv_adapter *a, struct ihv_work *w)
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
		/* rule 37: the port is authorized */
		r = a->h->drv->ops->station_authorize(a->h->drv, a->ifindex, a->bssid, true);
		if (r) {
			log_err("%s: authorizing the port failed: %s", a->ifname, strerror(-r));
			teardown(a, IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_SECURITY_FAILURE,
				 ihv_win32_from_errno(r), 0, true,
				 DOT11_ASSOC_STATUS_SYSTEM_ERROR);
			return;
		}
		a->authorized = true;
		set_phase(a, IHV_PHASE_AUTHORIZED);
		log_info("%s: port authorized by plugin %s", a->ifname, a->h->name);
		queue_event(a, IHV_WORK_EV_AUTHORIZED, IHV_PHASE_AUTHORIZED, 0, 0, 0);
		return;
	}
	if (!a->post_completed) {
		log_info("%s: plugin %s failed the post-association: error %u, reason 0x%x",
			 a->ifname, a->h->name, w->win32, w->reason);
		teardown(a, IHV_PHASE_POST_ASSOCIATE, w->reason, w->win32, 0, true,
			 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
		return;
	}
	/* rule 38: a later completion changes the port's state */
	if (a->authorized) {
		a->h->drv->ops->station_authorize(a->h->drv, a->ifindex, a->bssid, false);
		a->authorized = false;
		set_phase(a, IHV_PHASE_POST_ASSOCIATE);
		log_info("%s: port unauthorized by plugin %s (reason 0x%x)", a->ifname,
			 a->h->name, w->reason);
		loop_timer_arm(a->phase_timer, a->h->post_timeout_ms);
	}
}

static void disconnected(struct ihv_adapter *a, const struct drv_event *ev)
{
	uint16_t reason = ev->disconnect.reason;
	DOT11_ASSOC_STATUS st = ev->disconnect.by_ap ?
		DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED | reason :
		DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS;

	switch (a->phase) {
	case IHV_PHASE_ASSOCIATING:
	case IHV_PHASE_POST_ASSOCIATE:
	case IHV_PHASE_AUTHORIZED:
		teardown(a, a->phase, a->phase == IHV_PHASE_POST_ASSOCIATE ?
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
	teardown(a, a->phase, WLAN_REASON_CODE_USER_CANCELLED, ERROR_CANCELLED,
		 ieee80211_reason ? ieee80211_reason : 3, true,
		 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS);
	return 0;
}

/* ---- receive path (rules 42-45) ------------------------------------------------------ */

void ihv_adapter_rx_deliver(struct ihv_adapter *a)
{
	struct ihv_frame *f;
	struct ihv_work *w;

	if (a->et.delivering)
		return; /* the loop below picks it up */
	if (a->h->handler_depth > 0) {
		/* never re-enter the plugin: drain after the handler (rule 43) */
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

static void eapol_rx(struct ihv_adapter *a, const struct drv_event *ev)
{
	struct ihv_frame *f;
	bool accept, hold;

	if (ev->eapol.len > IHV_MAX_PACKET - 8 || (ev->eapol.len && !ev->eapol.frame)) {
		a->et.dropped_filter++;
		log_debug("%s: oversized frame dropped", a->ifname);
		return;
	}
	ihv_lock();
	/* rule 42: only registered EtherTypes reach the plugin */
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

/* ---- driver events ------------------------------------------------------------------ */

static struct ihv_adapter *adapter_by_ifindex(struct ihv_host *h, uint32_t ifindex)
{
	struct ihv_adapter *a;

	for (a = h->adapters; a; a = a->next)
		if (a->ifindex == ifindex)
			return a;
	return NULL;
}

static void drv_event_handle(struct ihv_host *h, const struct drv_event *ev)
{
	struct ihv_adapter *a = adapter_by_ifindex(h, ev->ifindex);

	if (!a)
		return;
	switch (ev->type) {
	case DRV_EVENT_CONNECT_RESULT:
		connect_result(a, ev);
		break;
	case DRV_EVENT_DISCONNECTED:
		disconnected(a, ev);
		break;
	case DRV_EVENT_EAPOL_RX:
		eapol_rx(a, ev);
		break;
	case DRV_EVENT_IFACE_REMOVED:
		/* the policy frees the adapter; the link is gone */
		if (a->phase != IHV_PHASE_IDLE)
			teardown(a, a->phase, WLAN_REASON_CODE_ASSOCIATION_FAILURE,
				 ERROR_SUCCESS, 0, false,
				 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_RESET);
		break;
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_SCAN_STARTED:
	case DRV_EVENT_SCAN_DONE:
	case DRV_EVENT_SCAN_ABORTED:
	case DRV_EVENT_EAPOL_TX_STATUS:
		break;
	}
}

static void deferred_run(void *arg)
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
		drv_event_handle(h, &d->ev);
		free(d->a);
		free(d->b);
		free(d);
	}
}

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
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
		drv_event_handle(h, ev);
		return;
	}
	/* A driver call made inside a handler reported an event: run it after. */
	d = calloc(1, sizeof(*d));
	if (!d)
		return;
	d->ev = *ev;
	if (ev->type == DRV_EVENT_CONNECT_RESULT) {
		d->a = dup_bytes(ev->connect.req_ies, ev->connect.req_ies_len);
		d->b = dup_bytes(ev->connect.resp_ies, ev->connect.resp_ies_len);
		d->ev.connect.req_ies = d->a;
		d->ev.connect.req_ies_len = d->a ? ev->connect.req_ies_len : 0;
		d->ev.connect.resp_ies = d->b;
		d->ev.connect.resp_ies_len = d->b ? ev->connect.resp_ies_len : 0;
	}
	ihv_lock();
	if (h->deferred_tail)
		h->deferred_tail->next = d;
	else
		h->deferred_head = d;
	h->deferred_tail = d;
	if (!h->deferred_posted) {
		h->deferred_posted = true;
		loop_call_post(h->loop, deferred_run, (void *)(uintptr_t)h->id);
	}
	ihv_unlock();
}

/* ---- the work queue, run on the loop ------------------------------------------------- */

static void work_run(struct ihv_adapter *a, struct ihv_work *w)
{
	struct ihv_call save;
	uint32_t rc = ERROR_SUCCESS;

	switch (w->kind) {
	case IHV_WORK_PRE_DONE:
		pre_done(a, w);
		break;
	case IHV_WORK_POST_DONE:
		post_done(a, w);
		break;
	case IHV_WORK_SEND:
		if (a->port)
			ihv_send_now(a, w->data, w->len);
		/* fall through: the completion follows the attempt (rule 46) */
		/* FALLTHROUGH */
	case IHV_WORK_SEND_DONE:
		ihv_call_enter(a->h, a, IHV_IN_SEND_COMPLETION, &save);
		a->h->hd.Dot11ExtIhvSendPacketCompletion(w->handle);
		ihv_call_leave(a->h, a, &save);
		break;
	case IHV_WORK_KEY:
		if (!a->port)
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
			a->ev.milestone(a->ctx, w->phase);
		break;
	}
}

static void adapter_kick(void *arg)
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
		w = a->work_head;
		if (w) {
			a->work_head = w->next;
			if (!a->work_head)
				a->work_tail = NULL;
		}
		a->kick_running = w != NULL;
		ihv_unlock();
		if (!w)
			return;
		work_run(a, w);
		ihv_work_free(w);
		ihv_lock();
		a = ihv_adapter_by_id(id);
		if (a)
			a->kick_running = false;
		ihv_unlock();
	}
}

/* ---- status ------------------------------------------------------------------------- */

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
}
