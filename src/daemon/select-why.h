/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Why no configured network can be joined: the causes, per network, from
 * the BSSes that carry its SSID (select.c's rules, explained). The station
 * logs them when a search ends without a candidate, each cause once until
 * the network connects (config_network.why_logged).
 */
#ifndef IHVD_DAEMON_SELECT_WHY_H
#define IHVD_DAEMON_SELECT_WHY_H

#include <stddef.h>

#include "daemon/config.h"
#include "daemon/scan.h"

enum select_why {
	SELECT_WHY_NOT_SEEN = 1u << 0,
	SELECT_WHY_WPA1_ONLY = 1u << 1,
	SELECT_WHY_TKIP_PAIRWISE = 1u << 2,
	SELECT_WHY_GROUP_CIPHER = 1u << 3,
	SELECT_WHY_PAIRWISE = 1u << 4,
	SELECT_WHY_AKM = 1u << 5,
	SELECT_WHY_PMF_REQUIRED = 1u << 6,
	SELECT_WHY_PMF_MISSING = 1u << 7,
	SELECT_WHY_SECURED = 1u << 8,
	SELECT_WHY_WEP = 1u << 9,
	SELECT_WHY_OPEN = 1u << 10,
	SELECT_WHY_FREQ = 1u << 11,
	SELECT_WHY_IGNORED = 1u << 12,
	SELECT_WHY_BSSID = 1u << 13,
};
#define SELECT_WHY_LAST SELECT_WHY_BSSID

const char *select_why_text(enum select_why w);
/* The causes (enum select_why bits) network n cannot be joined on list; 0 if it can. */
unsigned int select_why(const struct config *c, const struct config_network *n,
			const struct scan_bss *list, size_t n_list);
/* Log, at info level, every cause not yet logged for each usable network. */
void select_why_log(struct config *c, const struct scan_bss *list, size_t n_list,
		    const char *ifname);

#endif
