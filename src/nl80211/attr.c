// SPDX-License-Identifier: BSD-3-Clause
/*
 * Tolerant attribute parsing over libnl's nla_parse/nla_validate: the stream
 * is split without a policy, then each attribute is validated on its own so
 * one bad attribute costs only itself.
 */
#include "nl80211/attr.h"

#include <string.h>
#include <netlink/genl/genl.h>

int nl80211_attr_parse(struct nlattr *tb[], int max, struct nlattr *head,
		       int len, const struct nla_policy *policy,
		       const char *where, nl80211_attr_bad_cb bad, void *ctx)
{
	int dropped = 0;

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	if (!head || len <= 0)
		return 0;
	if (nla_parse(tb, max, head, len, NULL) < 0)
		return 0;
	/* A trailing fragment too short for an attribute header is junk. */
	{
		struct nlattr *nla;
		int rem;

		nla_for_each_attr(nla, head, len, rem)
			;
		if (rem > 0) {
			if (bad)
				bad(ctx, where, -1, rem);
			dropped++;
		}
	}
	if (!policy)
		return dropped;
	for (int i = 0; i <= max; i++) {
		if (!tb[i])
			continue;
		/* Validate just this attribute against the policy. */
		if (nla_validate(tb[i], nla_total_size(nla_len(tb[i])), max,
				 policy) < 0) {
			if (bad)
				bad(ctx, where, i, nla_len(tb[i]));
			tb[i] = NULL;
			dropped++;
		}
	}
	return dropped;
}

int nl80211_attr_parse_nested(struct nlattr *tb[], int max,
			      const struct nlattr *nest,
			      const struct nla_policy *policy,
			      const char *where, nl80211_attr_bad_cb bad,
			      void *ctx)
{
	if (!nest) {
		memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
		return 0;
	}
	return nl80211_attr_parse(tb, max, nla_data(nest), nla_len(nest),
				  policy, where, bad, ctx);
}

int nl80211_attr_parse_genl(struct nlattr *tb[], int max,
			    const struct nlmsghdr *nlh, int hdrlen,
			    const struct nla_policy *policy, const char *where,
			    nl80211_attr_bad_cb bad, void *ctx)
{
	int off = NLMSG_ALIGN(GENL_HDRLEN) + NLMSG_ALIGN(hdrlen);
	int len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - off;

	if (len < 0) {
		memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
		if (bad)
			bad(ctx, where, -1, (int)nlh->nlmsg_len);
		return 1;
	}
	return nl80211_attr_parse(tb, max,
				  (struct nlattr *)((char *)nlmsg_data(nlh) + off),
				  len, policy, where, bad, ctx);
}
