// SPDX-License-Identifier: BSD-3-Clause
/*
 * The station's names, for STATUS and the logs: wpa_supplicant's wpa_state
 * names, the contract's L2/WLAN reason codes, the connection phases. (IEEE
 * 802.11 reason and status codes: common/reason-names.c.)
 */
#include "daemon/station.h"

#include "daemon/station-int.h"
#include "wlanihv.h"

const char *station_state_name(enum station_state s)
{
	switch (s) {
	case STATION_DISCONNECTED:
		return "DISCONNECTED";
	case STATION_INACTIVE:
		return "INACTIVE";
	case STATION_SCANNING:
		return "SCANNING";
	case STATION_ASSOCIATING:
		return "ASSOCIATING";
	case STATION_ASSOCIATED:
		return "ASSOCIATED";
	case STATION_4WAY_HANDSHAKE:
		return "4WAY_HANDSHAKE";
	case STATION_COMPLETED:
		return "COMPLETED";
	}
	return "UNKNOWN";
}

const char *station_l2_reason_str(uint32_t r)
{
	/* Contract §7.7-7.9 (l2cmn.h, wlanapi.h, dot1x.h). */
	switch (r) {
	case L2_REASON_CODE_SUCCESS:
		return "success";
	case L2_REASON_CODE_UNKNOWN:
		return "unknown reason (L2_REASON_CODE_UNKNOWN)";
	case WLAN_REASON_CODE_USER_CANCELLED:
		return "cancelled: ihvd disconnected (user request or shutdown)";
	case WLAN_REASON_CODE_ASSOCIATION_FAILURE:
		return "association failed or the link was lost";
	case WLAN_REASON_CODE_ASSOCIATION_TIMEOUT:
		return "association timed out";
	case WLAN_REASON_CODE_PRE_SECURITY_FAILURE:
		return "pre-association security completed with failure";
	case WLAN_REASON_CODE_START_SECURITY_FAILURE:
		return "failed to start post-association security";
	case WLAN_REASON_CODE_SECURITY_FAILURE:
		return "post-association security completed with failure";
	case WLAN_REASON_CODE_SECURITY_TIMEOUT:
		return "security watchdog timeout";
	case WLAN_REASON_CODE_IHV_NOT_AVAILABLE:
		return "IHV service is not available";
	case WLAN_REASON_CODE_IHV_NOT_RESPONDING:
		return "response from the IHV plugin timed out";
	case WLAN_REASON_CODE_UI_REQUEST_TIMEOUT:
		return "UI request timed out";
	case WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED:
		return "IHV security not supported";
	case WLAN_REASON_CODE_IHV_CONNECTIVITY_NOT_SUPPORTED:
		return "IHV connectivity not supported";
	}
	if (r >= L2_REASON_CODE_IHV_BASE &&
	    r < L2_REASON_CODE_IHV_BASE + L2_REASON_CODE_GROUP_SIZE)
		return "plugin-specific (IHV range 0x90000..0x9ffff)";
	if (r >= L2_REASON_CODE_ONEX_BASE &&
	    r < L2_REASON_CODE_ONEX_BASE + L2_REASON_CODE_GROUP_SIZE)
		return "802.1X (ONEX) failure";
	return "unlisted reason code";
}

const char *station_phase_name(enum ihv_phase p)
{
	switch (p) {
	case IHV_PHASE_IDLE:
		return "idle";
	case IHV_PHASE_PRE_ASSOCIATE:
		return "pre-association";
	case IHV_PHASE_ASSOCIATING:
		return "association";
	case IHV_PHASE_POST_ASSOCIATE:
		return "post-association (4-way handshake)";
	case IHV_PHASE_AUTHORIZED:
		return "the authorized link";
	}
	return "?";
}

/* --- events and logs ----------------------------------------------------------- */
