/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers for the nl80211 unit tests: crafted generic netlink messages. */
#ifndef IHVD_TEST_NL_H
#define IHVD_TEST_NL_H

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#define TEST_FAMILY 0x1c

/* A fresh message with the genl header for cmd. */
static inline struct nl_msg *test_msg(uint8_t cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(genlmsg_put(m, 0, 0, TEST_FAMILY, 0, 0, cmd, 0));
	return m;
}

/* Append a raw attribute header claiming len bytes, with only have bytes. */
static inline void test_put_raw(struct nl_msg *m, uint16_t type, uint16_t len,
				const void *data, size_t have)
{
	struct nlattr *a = nlmsg_reserve(m, NLA_HDRLEN + have, 1);

	ck_assert_ptr_nonnull(a);
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	memcpy((char *)a + NLA_HDRLEN, data, have);
}

/* Parse msg's top-level attributes (no policy) for inspection. */
static inline void test_attrs(struct nl_msg *m, struct nlattr **tb, int max)
{
	ck_assert_int_eq(genlmsg_parse(nlmsg_hdr(m), 0, tb, max, NULL), 0);
}

/* Bad-attribute recorder. */
struct test_bad {
	int n;
	int last_type;
	int last_len;
};

static inline void test_bad_cb(void *ctx, const char *where, int type, int len)
{
	struct test_bad *b = ctx;

	(void)where;
	b->n++;
	b->last_type = type;
	b->last_len = len;
}

#define TEST_MAIN(name, ...)                                              \
	int main(void)                                                    \
	{                                                                 \
		const TTest *tests[] = { __VA_ARGS__ };                   \
		Suite *s = suite_create(name);                            \
		TCase *tc = tcase_create("core");                         \
		SRunner *sr;                                              \
		int failed;                                               \
		for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) \
			tcase_add_test(tc, tests[i]);                     \
		suite_add_tcase(s, tc);                                   \
		sr = srunner_create(s);                                   \
		srunner_run_all(sr, CK_NORMAL);                           \
		failed = srunner_ntests_failed(sr);                       \
		srunner_free(sr);                                         \
		return failed ? 1 : 0;                                    \
	}

#endif
