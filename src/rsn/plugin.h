/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihv-rsn.so's contract glue (plugin*.c; plugin-state.h is private). The .so exports only
 * Dot11ExtIhvGetVersionInfo, Dot11ExtIhvInitService and Dot11ExtIhvLinuxReasonText
 * (exports.map); what is declared here is for unit tests that link librsn.a.
 */
#ifndef RSN_PLUGIN_H
#define RSN_PLUGIN_H

#include <stdint.h>

#include "wlanihv.h"

#define RSN_PLUGIN_RX_BACKLOG 8
/* A passphrase asked of the user (SendUIRequest) waits this long for the answer. */
#define RSN_PLUGIN_UI_TIMEOUT_MS 60000u
/*
 * Message 1 resent this often after our message 2 (same ANonce, higher replay counter) means
 * a wrong passphrase. Three, not two: a slow or busy link sees a resend or two cross our
 * message 2 in flight (hostapd resends after 100 ms, then every second), and a false "wrong
 * passphrase" makes the user type it again. hostapd sends message 1 four times in all
 * (wpa_pairwise_update_count 4), so the third resend is its last, a second before it gives up.
 */
#define RSN_PLUGIN_PSK_MISMATCH_REPEATS 3

/* Test hook: the next SNonce of the adapter's handshake (after PerformPostAssociate). */
DWORD rsn_plugin_test_set_snonce(HANDLE hIhvExtAdapter, const uint8_t snonce[32]);

#endif
