// SPDX-License-Identifier: BSD-3-Clause
/* src/nl80211/wiphy.c: split GET_WIPHY dumps merged into one capability set. */
#include "nl80211/wiphy.h"
#include "tests/unit/nl80211/test-nl.h"

static void ext_set(uint8_t *bm, unsigned int f)
{
	bm[f / 8] |= (uint8_t)(1u << (f % 8));
}

START_TEST(test_split_merge)
{
	struct nl80211_wiphy_info info = { 0 };
	uint32_t ciphers[3] = { 0x000fac04, 0x000fac02, 0x000fac04 };
	uint32_t more[2] = { 0x000fac06, 0x000fac04 };
	uint8_t ext[8] = { 0 };
	struct nl_msg *m1 = test_msg(NL80211_CMD_NEW_WIPHY);
	struct nl_msg *m2 = test_msg(NL80211_CMD_NEW_WIPHY);
	struct nl_msg *m3 = test_msg(NL80211_CMD_NEW_WIPHY);
	struct nlattr *cmds;
	struct drv_capa capa = { 0 };

	nla_put_u32(m1, NL80211_ATTR_WIPHY, 1);
	nla_put_string(m1, NL80211_ATTR_WIPHY_NAME, "phy1");
	nla_put(m1, NL80211_ATTR_CIPHER_SUITES, sizeof(ciphers), ciphers);
	nla_put_u8(m1, NL80211_ATTR_MAX_NUM_SCAN_SSIDS, 4);

	nla_put_u32(m2, NL80211_ATTR_WIPHY, 1);
	cmds = nla_nest_start(m2, NL80211_ATTR_SUPPORTED_COMMANDS);
	nla_put_u32(m2, 1, NL80211_CMD_AUTHENTICATE);
	nla_put_u32(m2, 2, NL80211_CMD_ASSOCIATE);
	nla_put_u32(m2, 3, NL80211_CMD_CONNECT);
	nla_nest_end(m2, cmds);
	nla_put(m2, NL80211_ATTR_CIPHER_SUITES, sizeof(more), more);

	ext_set(ext, NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211);
	ext_set(ext, NL80211_EXT_FEATURE_CAN_REPLACE_PTK0);
	ext_set(ext, NL80211_EXT_FEATURE_EXT_KEY_ID);
	nla_put_u32(m3, NL80211_ATTR_WIPHY, 1);
	nla_put(m3, NL80211_ATTR_EXT_FEATURES, sizeof(ext), ext);

	ck_assert_int_eq(nl80211_wiphy_parse(nlmsg_hdr(m1), &info, NULL, NULL), 1);
	ck_assert_int_eq(nl80211_wiphy_parse(nlmsg_hdr(m2), &info, NULL, NULL), 1);
	ck_assert_int_eq(nl80211_wiphy_parse(nlmsg_hdr(m3), &info, NULL, NULL), 1);
	nl80211_wiphy_capa_fill(&info, &capa);

	ck_assert_str_eq(info.name, "phy1");
	ck_assert_uint_eq(capa.wiphy, 1);
	ck_assert_uint_eq(capa.n_ciphers, 3); /* CCMP, TKIP, BIP; no duplicates */
	ck_assert_uint_eq(capa.ciphers[0], 0x000fac04);
	ck_assert_uint_eq(capa.ciphers[1], 0x000fac02);
	ck_assert_uint_eq(capa.ciphers[2], 0x000fac06);
	ck_assert_uint_eq(capa.n_akms, 0);
	ck_assert(capa.control_port_over_nl80211);
	ck_assert(!capa.control_port_no_preauth);
	ck_assert(capa.can_replace_ptk0);
	ck_assert(capa.ext_key_id);
	ck_assert(capa.supports_connect);
	ck_assert(capa.supports_auth_assoc);
	ck_assert_uint_eq(capa.max_scan_ssids, 4);
	nlmsg_free(m1);
	nlmsg_free(m2);
	nlmsg_free(m3);
}
END_TEST

START_TEST(test_akms_and_ragged_arrays)
{
	struct nl80211_wiphy_info info = { 0 };
	uint8_t akms[10] = { 0x02, 0xac, 0x0f, 0x00, 0x08, 0xac, 0x0f, 0x00, 0xff, 0xff };
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_WIPHY);
	struct test_bad b = { 0 };
	struct drv_capa capa = { 0 };

	nla_put_u32(m, NL80211_ATTR_WIPHY, 0);
	nla_put(m, NL80211_ATTR_AKM_SUITES, sizeof(akms), akms);
	ck_assert_int_eq(nl80211_wiphy_parse(nlmsg_hdr(m), &info, test_bad_cb, &b), 0);
	ck_assert_int_eq(b.n, 1); /* the 2-byte tail */
	nl80211_wiphy_capa_fill(&info, &capa);
	ck_assert_uint_eq(capa.n_akms, 2);
	ck_assert_uint_eq(capa.akms[0], 0x000fac02);
	ck_assert_uint_eq(capa.akms[1], 0x000fac08);
	ck_assert(!capa.supports_connect);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_no_wiphy_index)
{
	struct nl80211_wiphy_info info = { 0 };
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_WIPHY);
	uint16_t half = 1;

	nla_put(m, NL80211_ATTR_WIPHY, 2, &half); /* truncated index */
	ck_assert_int_eq(nl80211_wiphy_parse(nlmsg_hdr(m), &info, NULL, NULL), -ENOENT);
	ck_assert_int_eq(nl80211_wiphy_idx(nlmsg_hdr(m)), -ENOENT);
	nlmsg_free(m);
}
END_TEST

TEST_MAIN("nl80211-wiphy", test_split_merge, test_akms_and_ragged_arrays,
	  test_no_wiphy_index)
