/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The plugin's accepted capability matches, kept so that a reconnect with the
 * same inputs does not ask again (issue 16). The OS "might" call
 * Dot11ExtIhvPerformCapabilityMatch after a scan (contract §3 [8]); it is a
 * filter, and PerformPreAssociate validates the profile against the BSS again
 * with the full list. A memo answers only for exactly what the plugin saw:
 * the SSID, both profile fragments, and the BSS entry it was handed (BSSID,
 * channel, capability, beacon interval, IEs). Signal and TSF are left out:
 * they change with every frame. Refusals are not kept, so a refused BSS is
 * asked about again. The fragments may hold a passphrase: the memo's copies
 * are wiped when it is cleared or freed.
 */
#ifndef IHVD_DAEMON_CAP_MEMO_H
#define IHVD_DAEMON_CAP_MEMO_H

#include <stdbool.h>

#include "core/ihv-host.h"

struct cap_memo;

struct cap_memo *cap_memo_new(void);
void cap_memo_free(struct cap_memo *m);
/* Forget every answer: a plugin restarted, or the profile changed. */
void cap_memo_clear(struct cap_memo *m);
/* true when the plugin accepted exactly this one-BSS request before */
bool cap_memo_find(const struct cap_memo *m, const struct ihv_connect_request *one);
/* The plugin accepted this one-BSS request; a request for another profile clears the rest. */
void cap_memo_remember(struct cap_memo *m, const struct ihv_connect_request *one);

#endif
