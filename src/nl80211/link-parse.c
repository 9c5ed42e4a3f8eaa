// SPDX-License-Identifier: BSD-3-Clause
/* The link queries' replies: regulatory domain, station info, survey (link-parse.h). */
#include "nl80211/link-parse.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>

int nl80211_link_parse_reg(const struct nlmsghdr *nlh, char alpha2[3], nl80211_attr_bad_cb bad,
			   void *ctx)
{
	static const struct nla_policy pol[NL80211_ATTR_MAX + 1] = {
		[NL80211_ATTR_REG_ALPHA2] = { .type = NLA_STRING, .maxlen = 3 },
	};
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, pol, "GET_REG", bad, ctx);
	if (!tb[NL80211_ATTR_REG_ALPHA2] || nla_len(tb[NL80211_ATTR_REG_ALPHA2]) < 2)
		return -ENOENT;
	memcpy(alpha2, nla_data(tb[NL80211_ATTR_REG_ALPHA2]), 2);
	alpha2[2] = 0;
	return 0;
}

/* NL80211_RATE_INFO_BITRATE32 (100 kbit/s), else the older 16-bit one. */
static uint32_t nl80211_link_parse_rate(const struct nlattr *nest, nl80211_attr_bad_cb bad,
					void *ctx)
{
	static const struct nla_policy pol[NL80211_RATE_INFO_MAX + 1] = {
		[NL80211_RATE_INFO_BITRATE] = { .type = NLA_U16 },
		[NL80211_RATE_INFO_BITRATE32] = { .type = NLA_U32 },
	};
	struct nlattr *tb[NL80211_RATE_INFO_MAX + 1];

	nl80211_attr_parse_nested(tb, NL80211_RATE_INFO_MAX, nest, pol, "rate info", bad, ctx);
	if (tb[NL80211_RATE_INFO_BITRATE32])
		return nla_get_u32(tb[NL80211_RATE_INFO_BITRATE32]);
	if (tb[NL80211_RATE_INFO_BITRATE])
		return nla_get_u16(tb[NL80211_RATE_INFO_BITRATE]);
	return 0;
}

void nl80211_link_parse_station(const struct nlmsghdr *nlh, struct drv_link_info *out,
				nl80211_attr_bad_cb bad, void *ctx)
{
	static const struct nla_policy pol[NL80211_ATTR_MAX + 1] = {
		[NL80211_ATTR_STA_INFO] = { .type = NLA_NESTED },
	};
	static const struct nla_policy spol[NL80211_STA_INFO_MAX + 1] = {
		[NL80211_STA_INFO_SIGNAL] = { .type = NLA_U8 },
		[NL80211_STA_INFO_TX_BITRATE] = { .type = NLA_NESTED },
	};
	struct nlattr *tb[NL80211_ATTR_MAX + 1], *sta[NL80211_STA_INFO_MAX + 1];

	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, pol, "GET_STATION", bad, ctx);
	if (!tb[NL80211_ATTR_STA_INFO])
		return;
	nl80211_attr_parse_nested(sta, NL80211_STA_INFO_MAX, tb[NL80211_ATTR_STA_INFO], spol,
				  "station info", bad, ctx);
	if (sta[NL80211_STA_INFO_SIGNAL]) {
		/* A signed dBm value in a u8 (nl80211.h). */
		out->signal_dbm = (int8_t)nla_get_u8(sta[NL80211_STA_INFO_SIGNAL]);
		out->signal_valid = true;
	}
	if (sta[NL80211_STA_INFO_TX_BITRATE])
		out->tx_bitrate_100kbps =
			nl80211_link_parse_rate(sta[NL80211_STA_INFO_TX_BITRATE], bad, ctx);
}

void nl80211_link_parse_survey(const struct nlmsghdr *nlh, struct drv_link_info *out,
			       nl80211_attr_bad_cb bad, void *ctx)
{
	static const struct nla_policy pol[NL80211_ATTR_MAX + 1] = {
		[NL80211_ATTR_SURVEY_INFO] = { .type = NLA_NESTED },
	};
	static const struct nla_policy spol[NL80211_SURVEY_INFO_MAX + 1] = {
		[NL80211_SURVEY_INFO_FREQUENCY] = { .type = NLA_U32 },
		[NL80211_SURVEY_INFO_NOISE] = { .type = NLA_U8 },
		[NL80211_SURVEY_INFO_IN_USE] = { .type = NLA_FLAG },
	};
	struct nlattr *tb[NL80211_ATTR_MAX + 1], *sv[NL80211_SURVEY_INFO_MAX + 1];

	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, pol, "GET_SURVEY", bad, ctx);
	if (!tb[NL80211_ATTR_SURVEY_INFO])
		return;
	nl80211_attr_parse_nested(sv, NL80211_SURVEY_INFO_MAX, tb[NL80211_ATTR_SURVEY_INFO], spol,
				  "survey info", bad, ctx);
	if (!sv[NL80211_SURVEY_INFO_IN_USE])
		return;
	if (sv[NL80211_SURVEY_INFO_FREQUENCY])
		out->freq = nla_get_u32(sv[NL80211_SURVEY_INFO_FREQUENCY]);
	if (sv[NL80211_SURVEY_INFO_NOISE]) {
		out->noise_dbm = (int8_t)nla_get_u8(sv[NL80211_SURVEY_INFO_NOISE]);
		out->noise_valid = true;
	}
}
