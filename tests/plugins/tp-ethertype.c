// SPDX-License-Identifier: BSD-3-Clause
/*
 * An open network at once (pre- and post-association complete from a 0 ms
 * timer), with EtherTypes 0x888E and 0x88B5 registered; each 0x88B5 frame's
 * payload comes back as SendNotification code 8 (tests/hwsim/scenarios/
 * ihvd-ethertype.sh: a frame the AP sends reaches ReceivePacket).
 */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_POST_MODE TP_POST_ASYNC
#define TP_DEFAULT_INIT \
	.auth = DOT11_AUTH_ALGO_80211_OPEN, .ucast = DOT11_CIPHER_ALGO_NONE, \
	.mcast = DOT11_CIPHER_ALGO_NONE, .install_keys = 0, .reply = 0, \
	.extra_ethertype = 0x88b5, .notify_on_extra = 1,
#include "tests/plugins/tp.h"
