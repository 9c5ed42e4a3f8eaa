// SPDX-License-Identifier: BSD-3-Clause
/*
 * Michael MIC failures (IndicationTypeTkipMicFailure, contract §3 [11]) on a TKIP group key:
 * the report to the AP and the countermeasures of IEEE 802.11-2020 12.5.2.4 (tkip-cm.h).
 * The plugin cannot disconnect by itself: countermeasures fail the post-association again
 * (contract rule 38), which closes the port at once, so no TKIP data flows, and ihvd
 * disconnects when the grace period ends (docs/contract.md §12.11); until 60 s after the
 * second failure the pre-association refuses the BSS.
 */
#include "rsn/plugin-state.h"

#include <string.h>
#include <time.h>

#include "rsn/reason.h"
#include "rsn/tkip-cm.h"

uint64_t rsn_plugin_tkip_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

bool rsn_plugin_tkip_blocked(const struct adapter *a, const uint8_t bssid[6])
{
	return rsn_tkip_cm_blocked(a->tkip_cm, rsn_plugin_tkip_now_ms(), bssid);
}

DWORD rsn_plugin_tkip_mic_failure(struct adapter *a, const void *buf, size_t len)
{
	DOT11_TKIPMIC_FAILURE_PARAMETERS p;
	enum rsn_tkip_cm_action act;
	bool pairwise;

	if (!buf || len < sizeof(p))
		return ERROR_INVALID_PARAMETER;
	memcpy(&p, buf, sizeof(p));
	if (p.Header.Type != NDIS_OBJECT_TYPE_DEFAULT || p.Header.Size < sizeof(p))
		return ERROR_INVALID_PARAMETER;
	if (a->state != ST_POST || !a->hs || !rsn_hs_is_established(a->hs)) {
		LOG(INFO, "Michael MIC failure outside an established association: ignored");
		return ERROR_SUCCESS;
	}
	/* bDefaultKeyFailure: the group key; otherwise the pairwise key (never TKIP here) */
	pairwise = !p.bDefaultKeyFailure;
	if (!a->tkip_cm) {
		a->tkip_cm = rsn_tkip_cm_new();
		if (!a->tkip_cm)
			return ERROR_OUTOFMEMORY;
	}
	act = rsn_tkip_cm_failure(a->tkip_cm, rsn_plugin_tkip_now_ms(), a->aa);
	/* 12.5.2.4: the failure is reported first, in either case */
	if (rsn_hs_mic_failure_report(a->hs, pairwise) < 0)
		LOG(WARN, "the Michael MIC failure report could not be sent");
	else
		LOG(WARN, "Michael MIC failure (%s key): reported to the AP",
		    pairwise ? "pairwise" : "group");
	switch (act) {
	case RSN_TKIP_CM_REPORT:
		break;
	case RSN_TKIP_CM_REPORT_DISCONNECT:
		LOG(WARN, "second Michael MIC failure within 60 s: TKIP countermeasures, the port "
			  "closes and the BSS is avoided for 60 s (IEEE 802.11-2020 12.5.2.4)");
		rsn_plugin_post_result(a, RSN_REASON_TKIP_COUNTERMEASURES,
				       rsn_reason_win32(RSN_REASON_TKIP_COUNTERMEASURES));
		/* delivered from the post timer, not inside this handler */
		if (rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->post_timer, 0) != ERROR_SUCCESS)
			rsn_plugin_post_deliver(a);
		break;
	}
	return ERROR_SUCCESS;
}
