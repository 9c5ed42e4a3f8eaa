/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tolerant netlink attribute parsing: an attribute that fails its policy
 * (truncated, too long, unterminated string) is reported and dropped; the
 * rest of the message is still used. Never trusts a length it did not check.
 */
#ifndef IHVD_NL80211_ATTR_H
#define IHVD_NL80211_ATTR_H

#include <stddef.h>
#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

/* Called once per dropped attribute: its type and payload length. */
typedef void (*nl80211_attr_bad_cb)(void *ctx, const char *where, int type,
				    int len);

/*
 * Fill tb[0..max] from the attribute stream head/len, checking each present
 * attribute against policy (may be NULL). Returns the number dropped.
 */
int nl80211_attr_parse(struct nlattr *tb[], int max, struct nlattr *head,
		       int len, const struct nla_policy *policy,
		       const char *where, nl80211_attr_bad_cb bad, void *ctx);

/* The same over a nested attribute. */
int nl80211_attr_parse_nested(struct nlattr *tb[], int max,
			      const struct nlattr *nest,
			      const struct nla_policy *policy,
			      const char *where, nl80211_attr_bad_cb bad,
			      void *ctx);

/* The same over a generic netlink message's attributes (after hdrlen). */
int nl80211_attr_parse_genl(struct nlattr *tb[], int max,
			    const struct nlmsghdr *nlh, int hdrlen,
			    const struct nla_policy *policy, const char *where,
			    nl80211_attr_bad_cb bad, void *ctx);

#endif
