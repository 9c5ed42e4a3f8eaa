/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's answers to the link queries of link-info.c, parsed on their
 * own so that they can be tested and fuzzed without a netlink socket:
 * GET_REG's regulatory domain, GET_STATION's signal and bitrate, one
 * GET_SURVEY dump entry's noise floor. Attributes that fail their policy are
 * reported through bad and dropped; nothing is read past a checked length.
 */
#ifndef IHVD_NL80211_LINK_PARSE_H
#define IHVD_NL80211_LINK_PARSE_H

#include <netlink/msg.h>

#include "nl80211/attr.h"
#include "nl80211/driver.h"

/* 0 and alpha2 (NUL-terminated) filled, or -ENOENT without a usable domain. */
int nl80211_link_parse_reg(const struct nlmsghdr *nlh, char alpha2[3], nl80211_attr_bad_cb bad,
			   void *ctx);

/* Signal and TX bitrate from a GET_STATION reply into out (fields it lacks stay). */
void nl80211_link_parse_station(const struct nlmsghdr *nlh, struct drv_link_info *out,
				nl80211_attr_bad_cb bad, void *ctx);

/* The frequency and noise of a GET_SURVEY entry, if it is the one in use. */
void nl80211_link_parse_survey(const struct nlmsghdr *nlh, struct drv_link_info *out,
			       nl80211_attr_bad_cb bad, void *ctx);

#endif
