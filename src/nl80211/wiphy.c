// SPDX-License-Identifier: BSD-3-Clause
/*
 * Split GET_WIPHY dump parsing: each message carries the wiphy index and a
 * slice of its attributes; slices are merged, never overwritten with empty.
 */
#include "nl80211/wiphy.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>

static const struct nla_policy wiphy_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY_NAME] = { .type = NLA_STRING, .maxlen = 32 },
	[NL80211_ATTR_CIPHER_SUITES] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_AKM_SUITES] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_EXT_FEATURES] = { .type = NLA_UNSPEC },
	[NL80211_ATTR_SUPPORTED_COMMANDS] = { .type = NLA_NESTED },
	[NL80211_ATTR_MAX_NUM_SCAN_SSIDS] = { .type = NLA_U8 },
	[NL80211_ATTR_FEATURE_FLAGS] = { .type = NLA_U32 },
};

int64_t nl80211_wiphy_idx(const struct nlmsghdr *nlh)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];

	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, wiphy_policy,
				"GET_WIPHY", NULL, NULL);
	if (!tb[NL80211_ATTR_WIPHY])
		return -ENOENT;
	return nla_get_u32(tb[NL80211_ATTR_WIPHY]);
}

/* An array of u32 suite selectors; a ragged tail is reported, not read. */
static void nl80211_wiphy_suites_merge(const struct nlattr *a, uint32_t *out, size_t *n,
			 size_t max, nl80211_attr_bad_cb bad, void *ctx,
				       const char *where, int type)
{
	size_t len = (size_t)nla_len(a);
	const uint8_t *p = nla_data(a);

	if (len % 4 && bad)
		bad(ctx, where, type, (int)len);
	for (size_t i = 0; i + 4 <= len; i += 4) {
		uint32_t s;
		bool dup = false;

		memcpy(&s, p + i, 4);
		for (size_t j = 0; j < *n; j++)
			dup |= out[j] == s;
		if (!dup && *n < max)
			out[(*n)++] = s;
	}
}

int64_t nl80211_wiphy_parse(const struct nlmsghdr *nlh,
			    struct nl80211_wiphy_info *info,
			    nl80211_attr_bad_cb bad, void *ctx)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *c;
	int rem;

	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, wiphy_policy,
				"GET_WIPHY", bad, ctx);
	if (!tb[NL80211_ATTR_WIPHY])
		return -ENOENT;
	info->idx = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	if (tb[NL80211_ATTR_WIPHY_NAME])
		snprintf(info->name, sizeof(info->name), "%s",
			 nla_get_string(tb[NL80211_ATTR_WIPHY_NAME]));
	if (tb[NL80211_ATTR_CIPHER_SUITES])
		nl80211_wiphy_suites_merge(tb[NL80211_ATTR_CIPHER_SUITES], info->ciphers,
			     &info->n_ciphers, 32, bad, ctx, "GET_WIPHY",
					   NL80211_ATTR_CIPHER_SUITES);
	if (tb[NL80211_ATTR_AKM_SUITES])
		nl80211_wiphy_suites_merge(tb[NL80211_ATTR_AKM_SUITES], info->akms,
			     &info->n_akms, 32, bad, ctx, "GET_WIPHY",
					   NL80211_ATTR_AKM_SUITES);
	if (tb[NL80211_ATTR_EXT_FEATURES]) {
		size_t len = (size_t)nla_len(tb[NL80211_ATTR_EXT_FEATURES]);

		if (len > sizeof(info->ext_features))
			len = sizeof(info->ext_features);
		memcpy(info->ext_features,
		       nla_data(tb[NL80211_ATTR_EXT_FEATURES]), len);
	}
	if (tb[NL80211_ATTR_FEATURE_FLAGS])
		info->feature_flags = nla_get_u32(tb[NL80211_ATTR_FEATURE_FLAGS]);
	if (tb[NL80211_ATTR_MAX_NUM_SCAN_SSIDS])
		info->max_scan_ssids =
			nla_get_u8(tb[NL80211_ATTR_MAX_NUM_SCAN_SSIDS]);
	if (tb[NL80211_ATTR_SUPPORTED_COMMANDS]) {
		nla_for_each_nested(c, tb[NL80211_ATTR_SUPPORTED_COMMANDS], rem) {
			if (nla_len(c) < 4) {
				if (bad)
					bad(ctx, "GET_WIPHY commands",
					    nla_type(c), nla_len(c));
				continue;
			}
			switch (nla_get_u32(c)) {
			case NL80211_CMD_CONNECT:
				info->supports_connect = true;
				break;
			case NL80211_CMD_AUTHENTICATE:
				info->supports_auth = true;
				break;
			case NL80211_CMD_ASSOCIATE:
				info->supports_assoc = true;
				break;
			default:
				break;
			}
		}
	}
	return info->idx;
}

bool nl80211_wiphy_ext_feature(const struct nl80211_wiphy_info *info,
			       unsigned int feature)
{
	if (feature / 8 >= sizeof(info->ext_features))
		return false;
	return info->ext_features[feature / 8] & (1u << (feature % 8));
}

void nl80211_wiphy_capa_fill(const struct nl80211_wiphy_info *info,
			     struct drv_capa *capa)
{
	capa->wiphy = info->idx;
	memcpy(capa->ciphers, info->ciphers, sizeof(capa->ciphers));
	capa->n_ciphers = info->n_ciphers;
	memcpy(capa->akms, info->akms, sizeof(capa->akms));
	capa->n_akms = info->n_akms;
	capa->control_port_over_nl80211 = nl80211_wiphy_ext_feature(info,
		NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211);
	capa->control_port_no_preauth = nl80211_wiphy_ext_feature(info,
		NL80211_EXT_FEATURE_CONTROL_PORT_NO_PREAUTH);
	capa->can_replace_ptk0 = nl80211_wiphy_ext_feature(info,
		NL80211_EXT_FEATURE_CAN_REPLACE_PTK0);
	capa->ext_key_id = nl80211_wiphy_ext_feature(info,
		NL80211_EXT_FEATURE_EXT_KEY_ID);
	capa->supports_connect = info->supports_connect;
	capa->supports_auth_assoc = info->supports_auth && info->supports_assoc;
	capa->max_scan_ssids = info->max_scan_ssids;
	/* nl80211.h: NL80211_FEATURE_SAE "for use in the SME of the userspace" */
	capa->sae = (info->feature_flags & NL80211_FEATURE_SAE) && info->supports_auth &&
		    info->supports_assoc;
	capa->sae_offload = nl80211_wiphy_ext_feature(info, NL80211_EXT_FEATURE_SAE_OFFLOAD);
}
