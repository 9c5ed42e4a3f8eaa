/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The station interface's administrative state: nl80211 scans and connects
 * only on an interface that is up, so the driver brings it up on first use.
 */
#ifndef IHVD_NL80211_LINK_H
#define IHVD_NL80211_LINK_H

#include <stdbool.h>
#include <stdint.h>

/* 0 when the interface is (now) up, *was_up telling which; or -errno. */
int nl80211_link_up(uint32_t ifindex, bool *was_up);

#endif
