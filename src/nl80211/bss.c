// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_SCAN dump entries. IEEE 802.11-2020 9.4.1.4 (capability), 9.4.1.3
 * (beacon interval); the IEs are handed on exactly as the kernel kept them.
 */
#include "nl80211/bss.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>

static const struct nla_policy top_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_BSS] = { .type = NLA_NESTED },
};

static const struct nla_policy bss_policy[NL80211_BSS_MAX + 1] = {
	[NL80211_BSS_BSSID] = { .minlen = DRV_ETH_ALEN, .maxlen = DRV_ETH_ALEN },
	[NL80211_BSS_FREQUENCY] = { .type = NLA_U32 },
	[NL80211_BSS_TSF] = { .type = NLA_U64 },
	[NL80211_BSS_BEACON_INTERVAL] = { .type = NLA_U16 },
	[NL80211_BSS_CAPABILITY] = { .type = NLA_U16 },
	[NL80211_BSS_INFORMATION_ELEMENTS] = { .type = NLA_UNSPEC },
	[NL80211_BSS_SIGNAL_MBM] = { .type = NLA_U32 },
	[NL80211_BSS_SIGNAL_UNSPEC] = { .type = NLA_U8 },
	[NL80211_BSS_SEEN_MS_AGO] = { .type = NLA_U32 },
	[NL80211_BSS_BEACON_IES] = { .type = NLA_UNSPEC },
	[NL80211_BSS_PRESP_DATA] = { .type = NLA_FLAG },
};

int nl80211_bss_parse(const struct nlmsghdr *nlh, struct drv_bss *bss,
		      nl80211_attr_bad_cb bad, void *ctx)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	struct nlattr *b[NL80211_BSS_MAX + 1];

	memset(bss, 0, sizeof(*bss));
	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, top_policy,
				"GET_SCAN", bad, ctx);
	if (!tb[NL80211_ATTR_BSS])
		return -ENOENT;
	nl80211_attr_parse_nested(b, NL80211_BSS_MAX, tb[NL80211_ATTR_BSS],
				  bss_policy, "GET_SCAN BSS", bad, ctx);
	if (!b[NL80211_BSS_BSSID])
		return -ENOENT;

	memcpy(bss->bssid, nla_data(b[NL80211_BSS_BSSID]), DRV_ETH_ALEN);
	if (b[NL80211_BSS_FREQUENCY])
		bss->freq = nla_get_u32(b[NL80211_BSS_FREQUENCY]);
	if (b[NL80211_BSS_SIGNAL_MBM])
		bss->signal_mbm = (int32_t)nla_get_u32(b[NL80211_BSS_SIGNAL_MBM]);
	else if (b[NL80211_BSS_SIGNAL_UNSPEC])
		/* 0..100 "quality": map onto -100..0 dBm, coarse but ordered. */
		bss->signal_mbm = ((int32_t)nla_get_u8(b[NL80211_BSS_SIGNAL_UNSPEC]) - 100) * 100;
	if (b[NL80211_BSS_CAPABILITY])
		bss->capability = nla_get_u16(b[NL80211_BSS_CAPABILITY]);
	if (b[NL80211_BSS_BEACON_INTERVAL])
		bss->beacon_interval = nla_get_u16(b[NL80211_BSS_BEACON_INTERVAL]);
	if (b[NL80211_BSS_TSF])
		bss->tsf = nla_get_u64(b[NL80211_BSS_TSF]);
	if (b[NL80211_BSS_SEEN_MS_AGO])
		bss->seen_ms_ago = nla_get_u32(b[NL80211_BSS_SEEN_MS_AGO]);
	if (b[NL80211_BSS_INFORMATION_ELEMENTS]) {
		bss->ies = nla_data(b[NL80211_BSS_INFORMATION_ELEMENTS]);
		bss->ies_len = (size_t)nla_len(b[NL80211_BSS_INFORMATION_ELEMENTS]);
	}
	/* PRESP_DATA: the IEs above came from a Probe Response. */
	bss->ies_from_probe = b[NL80211_BSS_PRESP_DATA] != NULL;
	if (b[NL80211_BSS_BEACON_IES]) {
		bss->beacon_ies = nla_data(b[NL80211_BSS_BEACON_IES]);
		bss->beacon_ies_len = (size_t)nla_len(b[NL80211_BSS_BEACON_IES]);
	}
	if (bss->ies_len == 0)
		bss->ies = NULL;
	if (bss->beacon_ies_len == 0)
		bss->beacon_ies = NULL;
	return 0;
}
