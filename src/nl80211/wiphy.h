/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a radio can do, merged from the messages of a split GET_WIPHY dump
 * (NL80211_ATTR_SPLIT_WIPHY_DUMP spreads one wiphy over many messages).
 */
#ifndef IHVD_NL80211_WIPHY_H
#define IHVD_NL80211_WIPHY_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#include "nl80211/attr.h"
#include "nl80211/driver.h"

struct nl80211_wiphy_info {
	uint32_t idx;
	char name[32];
	uint32_t ciphers[32];
	size_t n_ciphers;
	uint32_t akms[32];
	size_t n_akms;
	uint8_t ext_features[64];    /* NL80211_ATTR_EXT_FEATURES bitmap */
	bool supports_connect;
	bool supports_auth;
	bool supports_assoc;
	uint32_t feature_flags;      /* NL80211_ATTR_FEATURE_FLAGS */
	uint32_t max_scan_ssids;
};

/*
 * Merge one message into info. Returns the message's wiphy index (>= 0),
 * or -ENOENT when the message names no wiphy.
 */
int64_t nl80211_wiphy_parse(const struct nlmsghdr *nlh,
			    struct nl80211_wiphy_info *info,
			    nl80211_attr_bad_cb bad, void *ctx);

/* The wiphy index a message names, or -ENOENT. */
int64_t nl80211_wiphy_idx(const struct nlmsghdr *nlh);

bool nl80211_wiphy_ext_feature(const struct nl80211_wiphy_info *info,
			       unsigned int feature);

/* The radio's part of struct drv_capa (not wiphy/mac/ifname). */
void nl80211_wiphy_capa_fill(const struct nl80211_wiphy_info *info,
			     struct drv_capa *capa);

#endif
