// SPDX-License-Identifier: BSD-3-Clause
/* src/nl80211/bss.c: GET_SCAN entries, IEs byte-exact, bad attributes dropped. */
#include "nl80211/bss.h"
#include "tests/unit/nl80211/test-nl.h"

static const uint8_t bssid[6] = { 0x02, 0, 0, 0, 0, 0 };
/* SSID "ihvd-test", then the RSNE hostapd-conf/wpa2-psk.conf advertises. */
static const uint8_t ies[] = {
	0x00, 0x09, 'i', 'h', 'v', 'd', '-', 't', 'e', 's', 't',
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
	0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x0c, 0x00,
};
static const uint8_t beacon_ies[] = { 0x00, 0x09, 'i', 'h', 'v', 'd', '-', 't',
				      'e', 's', 't', 0x05, 0x04, 0, 1, 0, 0 };

static struct nl_msg *bss_msg(bool presp, bool with_beacon)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_SCAN_RESULTS);
	struct nlattr *b;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	b = nla_nest_start(m, NL80211_ATTR_BSS);
	nla_put(m, NL80211_BSS_BSSID, 6, bssid);
	nla_put_u32(m, NL80211_BSS_FREQUENCY, 2412);
	nla_put_u64(m, NL80211_BSS_TSF, 0x0102030405060708ull);
	nla_put_u16(m, NL80211_BSS_BEACON_INTERVAL, 100);
	nla_put_u16(m, NL80211_BSS_CAPABILITY, 0x0411);
	nla_put(m, NL80211_BSS_INFORMATION_ELEMENTS, sizeof(ies), ies);
	nla_put_u32(m, NL80211_BSS_SIGNAL_MBM, (uint32_t)-3000);
	nla_put_u32(m, NL80211_BSS_SEEN_MS_AGO, 44);
	if (with_beacon)
		nla_put(m, NL80211_BSS_BEACON_IES, sizeof(beacon_ies), beacon_ies);
	if (presp)
		nla_put_flag(m, NL80211_BSS_PRESP_DATA);
	nla_nest_end(m, b);
	return m;
}

START_TEST(test_full_entry)
{
	struct nl_msg *m = bss_msg(true, true);
	struct drv_bss bss;
	struct test_bad b = { 0 };

	ck_assert_int_eq(nl80211_bss_parse(nlmsg_hdr(m), &bss, test_bad_cb, &b), 0);
	ck_assert_int_eq(b.n, 0);
	ck_assert_mem_eq(bss.bssid, bssid, 6);
	ck_assert_uint_eq(bss.freq, 2412);
	ck_assert_int_eq(bss.signal_mbm, -3000);
	ck_assert_uint_eq(bss.capability, 0x0411);
	ck_assert_uint_eq(bss.beacon_interval, 100);
	ck_assert(bss.tsf == 0x0102030405060708ull);
	ck_assert_uint_eq(bss.seen_ms_ago, 44);
	ck_assert_uint_eq(bss.ies_len, sizeof(ies));
	ck_assert_mem_eq(bss.ies, ies, sizeof(ies));
	ck_assert(bss.ies_from_probe);
	ck_assert_uint_eq(bss.beacon_ies_len, sizeof(beacon_ies));
	ck_assert_mem_eq(bss.beacon_ies, beacon_ies, sizeof(beacon_ies));
	nlmsg_free(m);
}
END_TEST

START_TEST(test_beacon_only)
{
	struct nl_msg *m = bss_msg(false, false);
	struct drv_bss bss;

	ck_assert_int_eq(nl80211_bss_parse(nlmsg_hdr(m), &bss, NULL, NULL), 0);
	ck_assert(!bss.ies_from_probe);
	ck_assert_ptr_null(bss.beacon_ies);
	ck_assert_uint_eq(bss.beacon_ies_len, 0);
	ck_assert_mem_eq(bss.ies, ies, sizeof(ies));
	nlmsg_free(m);
}
END_TEST

START_TEST(test_truncated_bssid_is_no_bss)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_SCAN_RESULTS);
	struct nlattr *n = nla_nest_start(m, NL80211_ATTR_BSS);
	struct test_bad b = { 0 };
	struct drv_bss bss;

	nla_put(m, NL80211_BSS_BSSID, 4, bssid);
	nla_put_u32(m, NL80211_BSS_FREQUENCY, 2412);
	nla_nest_end(m, n);
	ck_assert_int_eq(nl80211_bss_parse(nlmsg_hdr(m), &bss, test_bad_cb, &b),
			 -ENOENT);
	ck_assert_int_eq(b.n, 1);
	ck_assert_int_eq(b.last_type, NL80211_BSS_BSSID);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_bad_field_dropped_entry_kept)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_SCAN_RESULTS);
	struct nlattr *n = nla_nest_start(m, NL80211_ATTR_BSS);
	struct test_bad b = { 0 };
	struct drv_bss bss;
	uint8_t one = 1;

	nla_put(m, NL80211_BSS_BSSID, 6, bssid);
	nla_put(m, NL80211_BSS_FREQUENCY, 1, &one); /* truncated u32 */
	nla_put(m, NL80211_BSS_INFORMATION_ELEMENTS, sizeof(ies), ies);
	nla_nest_end(m, n);
	ck_assert_int_eq(nl80211_bss_parse(nlmsg_hdr(m), &bss, test_bad_cb, &b), 0);
	ck_assert_int_eq(b.n, 1);
	ck_assert_uint_eq(bss.freq, 0);
	ck_assert_mem_eq(bss.ies, ies, sizeof(ies));
	nlmsg_free(m);
}
END_TEST

START_TEST(test_signal_unspec_and_no_bss)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_SCAN_RESULTS);
	struct nlattr *n = nla_nest_start(m, NL80211_ATTR_BSS);
	struct drv_bss bss;

	nla_put(m, NL80211_BSS_BSSID, 6, bssid);
	nla_put_u8(m, NL80211_BSS_SIGNAL_UNSPEC, 60);
	nla_nest_end(m, n);
	ck_assert_int_eq(nl80211_bss_parse(nlmsg_hdr(m), &bss, NULL, NULL), 0);
	ck_assert_int_eq(bss.signal_mbm, -4000);
	ck_assert_ptr_null(bss.ies);
	nlmsg_free(m);

	m = test_msg(NL80211_CMD_NEW_SCAN_RESULTS);
	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	ck_assert_int_eq(nl80211_bss_parse(nlmsg_hdr(m), &bss, NULL, NULL), -ENOENT);
	nlmsg_free(m);
}
END_TEST

TEST_MAIN("nl80211-bss", test_full_entry, test_beacon_only,
	  test_truncated_bssid_is_no_bss, test_bad_field_dropped_entry_kept,
	  test_signal_unspec_and_no_bss)
