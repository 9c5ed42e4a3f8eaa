// SPDX-License-Identifier: BSD-3-Clause
/* TKIP countermeasures (tkip-cm.h), IEEE 802.11-2020 12.5.2.4. */
#include "rsn/tkip-cm.h"

#include <stdlib.h>
#include <string.h>

struct rsn_tkip_cm {
	bool failed;              /* last_ms holds the last failure outside countermeasures */
	uint64_t last_ms;
	bool blocking;            /* countermeasures started at block_ms for block_bssid */
	uint64_t block_ms;
	uint8_t block_bssid[6];
};

struct rsn_tkip_cm *rsn_tkip_cm_new(void)
{
	return calloc(1, sizeof(struct rsn_tkip_cm));
}

void rsn_tkip_cm_free(struct rsn_tkip_cm *cm)
{
	free(cm);
}

/*
 * 12.5.2.4: "If less than 60 s have passed since the most recent previous MIC failure" the
 * STA deauthenticates and stays away 60 s; otherwise the failure is only reported and its
 * time recorded. A clock that went backwards counts as within the window.
 */
enum rsn_tkip_cm_action rsn_tkip_cm_failure(struct rsn_tkip_cm *cm, uint64_t now_ms,
					    const uint8_t bssid[6])
{
	if (cm->failed && (now_ms < cm->last_ms || now_ms - cm->last_ms < RSN_TKIP_CM_WINDOW_MS)) {
		cm->failed = false;
		cm->blocking = true;
		cm->block_ms = now_ms;
		memcpy(cm->block_bssid, bssid, 6);
		return RSN_TKIP_CM_REPORT_DISCONNECT;
	}
	cm->failed = true;
	cm->last_ms = now_ms;
	return RSN_TKIP_CM_REPORT;
}

bool rsn_tkip_cm_blocked(const struct rsn_tkip_cm *cm, uint64_t now_ms, const uint8_t bssid[6])
{
	return cm && cm->blocking && !memcmp(cm->block_bssid, bssid, 6) &&
	       (now_ms < cm->block_ms || now_ms - cm->block_ms < RSN_TKIP_CM_BLOCK_MS);
}
