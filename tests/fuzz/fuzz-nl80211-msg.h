/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by the nl80211 fuzz targets: the input becomes one generic netlink
 * message as the kernel would deliver it (nlmsghdr, genlmsghdr with the
 * command from the first octet, then the rest as the attribute stream).
 */
#ifndef IHVD_TESTS_FUZZ_NL80211_MSG_H
#define IHVD_TESTS_FUZZ_NL80211_MSG_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

static void fuzz_nl_bad(void *ctx, const char *where, int type, int len)
{
	(void)where, (void)type, (void)len;
	(*(unsigned *)ctx)++;
}

/* NULL when the input is empty; free() the result. */
static struct nlmsghdr *fuzz_nl_msg(const uint8_t *data, size_t size)
{
	size_t attrs = size ? size - 1 : 0;
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN + attrs;
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	if (!size || len > UINT32_MAX)
		return NULL;
	nlh = calloc(1, NLMSG_ALIGN(len));
	if (!nlh)
		return NULL;
	nlh->nlmsg_len = (uint32_t)len;
	nlh->nlmsg_type = 0x1c; /* any family id: the parser does not check it */
	g = NLMSG_DATA(nlh);
	g->cmd = data[0];
	g->version = 1;
	memcpy((uint8_t *)g + GENL_HDRLEN, data + 1, attrs);
	return nlh;
}

#endif
