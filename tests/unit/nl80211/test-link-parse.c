// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/nl80211/link-parse.c: what SIGNAL_POLL and GET country read from the
 * kernel (GET_STATION, GET_SURVEY, GET_REG), and bad attributes dropped.
 */
#include "nl80211/link-parse.h"
#include "tests/unit/nl80211/test-nl.h"

static struct nl_msg *station_msg(int8_t signal, bool rate32, uint32_t rate)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_STATION);
	struct nlattr *s, *r;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	s = nla_nest_start(m, NL80211_ATTR_STA_INFO);
	nla_put_u8(m, NL80211_STA_INFO_SIGNAL, (uint8_t)signal);
	r = nla_nest_start(m, NL80211_STA_INFO_TX_BITRATE);
	if (rate32)
		nla_put_u32(m, NL80211_RATE_INFO_BITRATE32, rate);
	else
		nla_put_u16(m, NL80211_RATE_INFO_BITRATE, (uint16_t)rate);
	nla_nest_end(m, r);
	nla_nest_end(m, s);
	return m;
}

START_TEST(test_station_signal_and_rate)
{
	struct nl_msg *m = station_msg(-42, true, 1733);
	struct drv_link_info li = { 0 };
	struct test_bad b = { 0 };

	nl80211_link_parse_station(nlmsg_hdr(m), &li, test_bad_cb, &b);
	ck_assert_int_eq(b.n, 0);
	ck_assert(li.signal_valid);
	/* nl80211.h: "signal strength of last received PPDU (u8, dBm)", a signed value */
	ck_assert_int_eq(li.signal_dbm, -42);
	ck_assert_uint_eq(li.tx_bitrate_100kbps, 1733);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_station_old_16bit_rate)
{
	struct nl_msg *m = station_msg(-70, false, 540);
	struct drv_link_info li = { 0 };
	struct test_bad b = { 0 };

	nl80211_link_parse_station(nlmsg_hdr(m), &li, test_bad_cb, &b);
	ck_assert_int_eq(li.signal_dbm, -70);
	ck_assert_uint_eq(li.tx_bitrate_100kbps, 540);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_station_truncated_signal_dropped)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_STATION);
	struct drv_link_info li = { 0 };
	struct test_bad b = { 0 };
	struct nlattr *s = nla_nest_start(m, NL80211_ATTR_STA_INFO);

	/* a SIGNAL attribute with no payload: fails NLA_U8 and is dropped */
	test_put_raw(m, NL80211_STA_INFO_SIGNAL, 0, "", 0);
	nla_nest_end(m, s);
	nl80211_link_parse_station(nlmsg_hdr(m), &li, test_bad_cb, &b);
	ck_assert_int_eq(b.n, 1);
	ck_assert_int_eq(b.last_type, NL80211_STA_INFO_SIGNAL);
	ck_assert(!li.signal_valid);
	nlmsg_free(m);
}
END_TEST

static struct nl_msg *survey_msg(bool in_use, uint32_t freq, int8_t noise)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_SURVEY_RESULTS);
	struct nlattr *s;

	s = nla_nest_start(m, NL80211_ATTR_SURVEY_INFO);
	nla_put_u32(m, NL80211_SURVEY_INFO_FREQUENCY, freq);
	nla_put_u8(m, NL80211_SURVEY_INFO_NOISE, (uint8_t)noise);
	if (in_use)
		nla_put_flag(m, NL80211_SURVEY_INFO_IN_USE);
	nla_nest_end(m, s);
	return m;
}

START_TEST(test_survey_in_use_gives_noise)
{
	struct nl_msg *idle = survey_msg(false, 2437, -80), *used = survey_msg(true, 2412, -92);
	struct drv_link_info li = { 0 };
	struct test_bad b = { 0 };

	nl80211_link_parse_survey(nlmsg_hdr(idle), &li, test_bad_cb, &b);
	ck_assert(!li.noise_valid);
	ck_assert_uint_eq(li.freq, 0);
	nl80211_link_parse_survey(nlmsg_hdr(used), &li, test_bad_cb, &b);
	ck_assert(li.noise_valid);
	ck_assert_int_eq(li.noise_dbm, -92);
	ck_assert_uint_eq(li.freq, 2412);
	ck_assert_int_eq(b.n, 0);
	nlmsg_free(idle);
	nlmsg_free(used);
}
END_TEST

START_TEST(test_reg_alpha2)
{
	struct nl_msg *m = test_msg(NL80211_CMD_GET_REG), *none = test_msg(NL80211_CMD_GET_REG);
	char a2[3] = "??";
	struct test_bad b = { 0 };

	nla_put_string(m, NL80211_ATTR_REG_ALPHA2, "DE");
	ck_assert_int_eq(nl80211_link_parse_reg(nlmsg_hdr(m), a2, test_bad_cb, &b), 0);
	ck_assert_str_eq(a2, "DE");
	ck_assert_int_eq(nl80211_link_parse_reg(nlmsg_hdr(none), a2, test_bad_cb, &b), -ENOENT);
	nlmsg_free(m);
	nlmsg_free(none);
}
END_TEST

START_TEST(test_reg_overlong_dropped)
{
	struct nl_msg *m = test_msg(NL80211_CMD_GET_REG);
	char a2[3] = "??";
	struct test_bad b = { 0 };

	/* longer than the policy's 3 bytes: dropped, reported, no domain */
	nla_put_string(m, NL80211_ATTR_REG_ALPHA2, "DEUTSCH");
	ck_assert_int_eq(nl80211_link_parse_reg(nlmsg_hdr(m), a2, test_bad_cb, &b), -ENOENT);
	ck_assert_int_eq(b.n, 1);
	ck_assert_str_eq(a2, "??");
	nlmsg_free(m);
}
END_TEST

TEST_MAIN("nl80211-link-parse", test_station_signal_and_rate, test_station_old_16bit_rate,
	  test_station_truncated_signal_dropped, test_survey_in_use_gives_noise, test_reg_alpha2,
	  test_reg_overlong_dropped)
