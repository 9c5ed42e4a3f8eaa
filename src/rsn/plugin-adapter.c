// SPDX-License-Identifier: BSD-3-Clause
/* Adapter lifetime: InitAdapter, DeinitAdapter, AdapterReset, and the timer callbacks. */
#include "rsn/plugin-state.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/reason.h"
#include "rsn/tkip-cm.h"

struct adapter *rsn_plugin_adapter_find(HANDLE h)
{
	for (struct adapter *a = rsn_plugin_g.adapters; a; a = a->next)
		if ((HANDLE)a == h)
			return a;
	return NULL;
}

bool rsn_plugin_pkt_unlink(struct pkt *p)
{
	for (struct pkt **pp = &rsn_plugin_g.pkts; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			return true;
		}
	return false;
}

static void WINAPI rsn_plugin_hs_timer_cb(HANDLE t, LPVOID ctx)
{
	struct adapter *a = ctx;

	uint32_t abandoned;

	(void)t;
	if (!a->hs)
		return;
	abandoned = rsn_hs_stats(a->hs)->rekeys_abandoned;
	rsn_hs_timeout(a->hs);
	if (rsn_hs_stats(a->hs)->rekeys_abandoned != abandoned)
		LOG(INFO, "a 4-way handshake on the live link got no valid message 3 (a forged "
		    "message 1 or a stalled rekey): abandoned, the keys in use stay");
	rsn_plugin_post_deliver(a);
}

static void WINAPI rsn_plugin_post_timer_cb(HANDLE t, LPVOID ctx)
{
	(void)t;
	rsn_plugin_post_deliver(ctx);
}

static void rsn_plugin_adapter_timers_destroy(struct adapter *a)
{
	if (a->pre_timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerDestroy(a->pre_timer);
	if (a->post_timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerDestroy(a->post_timer);
	if (a->hs_timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerDestroy(a->hs_timer);
	if (a->sae.timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerDestroy(a->sae.timer);
	if (a->ui_timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerDestroy(a->ui_timer);
	a->pre_timer = a->post_timer = a->hs_timer = a->sae.timer = a->ui_timer = NULL;
}

/* Back to the state after InitAdapter (contract rule 24), without any completion. */
void rsn_plugin_adapter_clear(struct adapter *a)
{
	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->pre_timer);
	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->post_timer);
	rsn_plugin_hs_stop(a);
	rsn_plugin_onex_stop(a);
	rsn_plugin_ui_cancel(a);
	rsn_plugin_bss_ies_free(a);
	rsn_sec_profile_clear(&a->prof);
	rsn_plugin_sae_clear(a);
	OPENSSL_cleanse(a->pmk, sizeof(a->pmk));
	a->pmk_set = false;
	a->pmk_len = 0;
	memset(&a->sel, 0, sizeof(a->sel));
	a->state = ST_IDLE;
	a->connect_session = NULL;
	a->security_session = NULL;
	a->post_ready = false;
	a->post_completed = false;
}

DWORD WINAPI rsn_plugin_init_adapter(PDOT11_ADAPTER pDot11Adapter, HANDLE hDot11SvcHandle,
				     PHANDLE phIhvExtAdapter)
{
	DOT11EXT_LINUX_ADAPTER_INFO info = { .dwSize = sizeof(info) };
	struct adapter *a;

	(void)pDot11Adapter;
	if (!phIhvExtAdapter)
		return ERROR_INVALID_PARAMETER;
	a = calloc(1, sizeof(*a));
	if (!a)
		return ERROR_OUTOFMEMORY;
	a->svc = hDot11SvcHandle;
	if (rsn_plugin_g.lx.Dot11ExtLinuxTimerCreate(rsn_plugin_pre_timer_cb, a, &a->pre_timer) ||
	    rsn_plugin_g.lx.Dot11ExtLinuxTimerCreate(rsn_plugin_post_timer_cb, a, &a->post_timer) ||
	    rsn_plugin_g.lx.Dot11ExtLinuxTimerCreate(rsn_plugin_hs_timer_cb, a, &a->hs_timer) ||
	    rsn_plugin_g.lx.Dot11ExtLinuxTimerCreate(rsn_plugin_sae_timer_cb, a, &a->sae.timer) ||
	    rsn_plugin_g.lx.Dot11ExtLinuxTimerCreate(rsn_plugin_ui_timer_cb, a, &a->ui_timer)) {
		rsn_plugin_adapter_timers_destroy(a);
		free(a);
		return ERROR_OUTOFMEMORY;
	}
	if (rsn_plugin_g.lx.Dot11ExtLinuxGetAdapterInfo(hDot11SvcHandle, &info) == ERROR_SUCCESS)
		memcpy(a->mac, info.MacAddress, 6);
	else
		LOG(WARN, "adapter address unknown yet; asking again at post-association");
	a->next = rsn_plugin_g.adapters;
	rsn_plugin_g.adapters = a;
	*phIhvExtAdapter = a;
	return ERROR_SUCCESS;
}

/*
 * Contract rules 15-16: DeinitAdapter with a pre- or post-association pending cancels it
 * internally, calls no completion, and frees everything.
 */
void rsn_plugin_adapter_free(struct adapter *a)
{
	for (struct adapter **pp = &rsn_plugin_g.adapters; *pp; pp = &(*pp)->next)
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	rsn_plugin_adapter_clear(a);
	rsn_plugin_adapter_timers_destroy(a);
	rsn_tkip_cm_free(a->tkip_cm);
	/* packets still with the host stay valid until their completion or DeinitService */
	for (struct pkt *p = rsn_plugin_g.pkts; p; p = p->next)
		if (p->a == a)
			p->a = NULL;
	OPENSSL_cleanse(a, sizeof(*a));
	free(a);
}

VOID WINAPI rsn_plugin_deinit_adapter(HANDLE hIhvExtAdapter)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);

	if (a)
		rsn_plugin_adapter_free(a);
}

/*
 * Contract rule 20: pending operations complete with ERROR_CANCELLED; rule 24: the adapter
 * is then as after InitAdapter (the PMK is forgotten too), ready for a new PerformPreAssociate.
 */
DWORD WINAPI rsn_plugin_adapter_reset(HANDLE hIhvExtAdapter)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	HANDLE svc, session;
	bool pre, post;

	if (!a)
		return ERROR_INVALID_HANDLE;
	pre = a->state == ST_PRE_PENDING;
	post = a->state == ST_POST && !a->post_completed;
	svc = a->svc;
	session = pre ? a->connect_session : a->security_session;
	rsn_plugin_adapter_clear(a);
	if (pre)
		rsn_plugin_g.api.Dot11ExtPreAssociateCompletion(svc, session, RSN_REASON_CANCELLED,
								ERROR_CANCELLED);
	else if (post)
		rsn_plugin_g.api.Dot11ExtPostAssociateCompletion(svc, session, NULL,
								 RSN_REASON_CANCELLED,
								 ERROR_CANCELLED);
	return ERROR_SUCCESS;
}
