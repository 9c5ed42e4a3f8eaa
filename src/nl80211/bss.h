/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One GET_SCAN dump entry (NL80211_ATTR_BSS) into struct drv_bss, IEs kept
 * byte-exact as pointers into the message.
 */
#ifndef IHVD_NL80211_BSS_H
#define IHVD_NL80211_BSS_H

#include <netlink/msg.h>

#include "nl80211/attr.h"
#include "nl80211/driver.h"

/* 0, or -ENOENT when the message has no usable BSS (no BSSID). */
int nl80211_bss_parse(const struct nlmsghdr *nlh, struct drv_bss *bss,
		      nl80211_attr_bad_cb bad, void *ctx);

#endif
