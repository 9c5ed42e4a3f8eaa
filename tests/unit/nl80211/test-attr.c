// SPDX-License-Identifier: BSD-3-Clause
/* src/nl80211/attr.c: one bad attribute costs only itself. */
#include "nl80211/attr.h"
#include "tests/unit/nl80211/test-nl.h"

enum { A_U32 = 1, A_MAC = 2, A_STR = 3, A_FLAG = 4, A_MAX = 4 };

static const struct nla_policy pol[A_MAX + 1] = {
	[A_U32] = { .type = NLA_U32 },
	[A_MAC] = { .minlen = 6, .maxlen = 6 },
	[A_STR] = { .type = NLA_STRING, .maxlen = 16 },
	[A_FLAG] = { .type = NLA_FLAG },
};

static int parse(struct nl_msg *m, struct nlattr **tb, struct test_bad *b)
{
	return nl80211_attr_parse_genl(tb, A_MAX, nlmsg_hdr(m), 0, pol, "test",
				       test_bad_cb, b);
}

START_TEST(test_all_valid)
{
	struct nl_msg *m = test_msg(1);
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };
	static const uint8_t mac[6] = { 2, 0, 0, 0, 1, 0 };

	nla_put_u32(m, A_U32, 7);
	nla_put(m, A_MAC, 6, mac);
	nla_put_string(m, A_STR, "wlan1");
	nla_put_flag(m, A_FLAG);
	ck_assert_int_eq(parse(m, tb, &b), 0);
	ck_assert_int_eq(b.n, 0);
	ck_assert_uint_eq(nla_get_u32(tb[A_U32]), 7);
	ck_assert_mem_eq(nla_data(tb[A_MAC]), mac, 6);
	ck_assert_str_eq(nla_get_string(tb[A_STR]), "wlan1");
	ck_assert_ptr_nonnull(tb[A_FLAG]);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_short_u32_dropped_rest_kept)
{
	struct nl_msg *m = test_msg(1);
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };
	uint16_t two = 5;

	nla_put(m, A_U32, 2, &two); /* a u32 of two bytes */
	nla_put_string(m, A_STR, "wlan1");
	ck_assert_int_eq(parse(m, tb, &b), 1);
	ck_assert_int_eq(b.n, 1);
	ck_assert_int_eq(b.last_type, A_U32);
	ck_assert_int_eq(b.last_len, 2);
	ck_assert_ptr_null(tb[A_U32]);
	ck_assert_str_eq(nla_get_string(tb[A_STR]), "wlan1");
	nlmsg_free(m);
}
END_TEST

START_TEST(test_long_mac_and_unterminated_string)
{
	struct nl_msg *m = test_msg(1);
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };
	static const uint8_t seven[7] = { 1, 2, 3, 4, 5, 6, 7 };

	nla_put(m, A_MAC, 7, seven);
	nla_put(m, A_STR, 4, "abcd"); /* no NUL */
	nla_put_u32(m, A_U32, 9);
	ck_assert_int_eq(parse(m, tb, &b), 2);
	ck_assert_ptr_null(tb[A_MAC]);
	ck_assert_ptr_null(tb[A_STR]);
	ck_assert_uint_eq(nla_get_u32(tb[A_U32]), 9);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_truncated_tail)
{
	struct nl_msg *m = test_msg(1);
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };
	uint32_t v = 3;

	nla_put_u32(m, A_U32, 1);
	/* An attribute whose header claims 8 bytes of payload, 4 present. */
	test_put_raw(m, A_FLAG, 8, &v, sizeof(v));
	ck_assert_int_eq(parse(m, tb, &b), 1);
	ck_assert_int_eq(b.last_type, -1);
	ck_assert_uint_eq(nla_get_u32(tb[A_U32]), 1);
	ck_assert_ptr_null(tb[A_FLAG]);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_unknown_types_ignored_silently)
{
	struct nl_msg *m = test_msg(1);
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };

	nla_put_u32(m, 40, 1); /* beyond max: not ours to judge */
	nla_put_u32(m, A_U32, 2);
	ck_assert_int_eq(parse(m, tb, &b), 0);
	ck_assert_int_eq(b.n, 0);
	ck_assert_uint_eq(nla_get_u32(tb[A_U32]), 2);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_message_shorter_than_genl_header)
{
	struct nlmsghdr h = { .nlmsg_len = NLMSG_HDRLEN + 2, .nlmsg_type = TEST_FAMILY };
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };

	ck_assert_int_eq(nl80211_attr_parse_genl(tb, A_MAX, &h, 0, pol, "t",
						 test_bad_cb, &b), 1);
	for (int i = 0; i <= A_MAX; i++)
		ck_assert_ptr_null(tb[i]);
}
END_TEST

/*
 * A repeated attribute: the last one counts (as nla_parse has it), and only it is judged.
 * A bad one before a good one costs nothing; a bad last one drops the attribute, once.
 */
START_TEST(test_repeated_attribute_last_counts)
{
	struct nl_msg *m = test_msg(1);
	struct nlattr *tb[A_MAX + 1];
	struct test_bad b = { 0 };
	uint16_t two = 5;

	nla_put(m, A_U32, 2, &two);
	nla_put_u32(m, A_U32, 9);
	nla_put_u32(m, A_FLAG + 1, 3); /* past max, between them */
	ck_assert_int_eq(parse(m, tb, &b), 0);
	ck_assert_int_eq(b.n, 0);
	ck_assert_uint_eq(nla_get_u32(tb[A_U32]), 9);
	nlmsg_free(m);

	m = test_msg(1);
	nla_put_u32(m, A_U32, 9);
	nla_put_string(m, A_STR, "wlan1");
	nla_put(m, A_U32, 2, &two);
	ck_assert_int_eq(parse(m, tb, &b), 1);
	ck_assert_int_eq(b.n, 1);
	ck_assert_int_eq(b.last_type, A_U32);
	ck_assert_ptr_null(tb[A_U32]);
	ck_assert_str_eq(nla_get_string(tb[A_STR]), "wlan1");
	ck_assert_ptr_null(tb[A_MAC]);
	nlmsg_free(m);
}
END_TEST

TEST_MAIN("nl80211-attr", test_all_valid, test_short_u32_dropped_rest_kept,
	  test_long_mac_and_unterminated_string, test_truncated_tail,
	  test_unknown_types_ignored_silently,
	  test_message_shorter_than_genl_header, test_repeated_attribute_last_counts)
