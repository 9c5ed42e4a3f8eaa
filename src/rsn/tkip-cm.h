/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TKIP countermeasures for a station (IEEE 802.11-2020 12.5.2.4): each Michael MIC failure
 * is reported to the AP with an EAPOL-Key MIC failure report (handshake.h,
 * rsn_hs_mic_failure_report); the second failure within 60 s also ends the association and
 * keeps this station from the BSS for 60 s. I/O-free: the caller passes the time (a
 * monotonic clock, in milliseconds).
 */
#ifndef RSN_TKIP_CM_H
#define RSN_TKIP_CM_H

#include <stdbool.h>
#include <stdint.h>

#define RSN_TKIP_CM_WINDOW_MS 60000u /* two failures this close start countermeasures */
#define RSN_TKIP_CM_BLOCK_MS 60000u  /* then the BSS is avoided this long */

enum rsn_tkip_cm_action {
	RSN_TKIP_CM_REPORT,            /* send the MIC failure report */
	RSN_TKIP_CM_REPORT_DISCONNECT, /* send it, then disconnect: countermeasures */
};

struct rsn_tkip_cm;

struct rsn_tkip_cm *rsn_tkip_cm_new(void);
void rsn_tkip_cm_free(struct rsn_tkip_cm *cm);

/* A Michael MIC failure on the association with bssid, at now_ms. */
enum rsn_tkip_cm_action rsn_tkip_cm_failure(struct rsn_tkip_cm *cm, uint64_t now_ms,
					    const uint8_t bssid[6]);
/* Is bssid still avoided at now_ms (countermeasures started less than 60 s ago)? */
bool rsn_tkip_cm_blocked(const struct rsn_tkip_cm *cm, uint64_t now_ms, const uint8_t bssid[6]);

#endif
