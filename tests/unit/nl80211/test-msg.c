/* src/nl80211/msg.c: the commands as the kernel will read them. */
#include "nl80211/msg.h"
#include "tests/unit/nl80211/test-nl.h"

#define MAXA NL80211_ATTR_MAX
static const uint8_t ap[6] = { 0x02, 0, 0, 0, 0, 0 };
static const uint8_t tk[16] = { 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8,
				0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf, 0xc0 };
static const uint8_t rsc[6] = { 5, 0, 0, 0, 0, 0 };

static uint8_t cmd_of(struct nl_msg *m)
{
	return ((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(m)))->cmd;
}

static void key_attrs(struct nl_msg *m, struct nlattr **tb, struct nlattr **k)
{
	test_attrs(m, tb, MAXA);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_KEY]);
	ck_assert_int_eq(nla_parse_nested(k, NL80211_KEY_MAX, tb[NL80211_ATTR_KEY],
					  NULL), 0);
}

START_TEST(test_key_new_pairwise)
{
	struct drv_key key = { .type = DRV_KEY_PAIRWISE, .cipher_suite = 0x000fac04,
			       .idx = 0, .key = tk, .key_len = 16, .addr = ap };
	struct nlattr *tb[MAXA + 1], *k[NL80211_KEY_MAX + 1];
	struct nl_msg *m = nl80211_msg_key_new(TEST_FAMILY, 7, &key);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_NEW_KEY);
	key_attrs(m, tb, k);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_IFINDEX]), 7);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_int_eq(nla_len(k[NL80211_KEY_DATA]), 16);
	ck_assert_mem_eq(nla_data(k[NL80211_KEY_DATA]), tk, 16);
	ck_assert_uint_eq(nla_get_u32(k[NL80211_KEY_CIPHER]), 0x000fac04);
	ck_assert_uint_eq(nla_get_u8(k[NL80211_KEY_IDX]), 0);
	ck_assert_uint_eq(nla_get_u32(k[NL80211_KEY_TYPE]), NL80211_KEYTYPE_PAIRWISE);
	ck_assert_ptr_null(k[NL80211_KEY_SEQ]);
	ck_assert_ptr_null(k[NL80211_KEY_DEFAULT_TYPES]);
	/* Only the nested form: no legacy top-level key attributes. */
	ck_assert_ptr_null(tb[NL80211_ATTR_KEY_DATA]);
	nl80211_msg_free_secret(m);
}
END_TEST

START_TEST(test_key_new_group_default)
{
	struct drv_key key = { .type = DRV_KEY_GROUP, .cipher_suite = 0x000fac04,
			       .idx = 2, .key = tk, .key_len = 16, .seq = rsc,
			       .seq_len = 6, .set_default = true };
	struct nlattr *tb[MAXA + 1], *k[NL80211_KEY_MAX + 1];
	struct nlattr *dt[NUM_NL80211_KEY_DEFAULT_TYPES];
	struct nl_msg *m = nl80211_msg_key_new(TEST_FAMILY, 7, &key);

	ck_assert_ptr_nonnull(m);
	key_attrs(m, tb, k);
	ck_assert_ptr_null(tb[NL80211_ATTR_MAC]);
	ck_assert_uint_eq(nla_get_u8(k[NL80211_KEY_IDX]), 2);
	ck_assert_uint_eq(nla_get_u32(k[NL80211_KEY_TYPE]), NL80211_KEYTYPE_GROUP);
	ck_assert_int_eq(nla_len(k[NL80211_KEY_SEQ]), 6);
	ck_assert_mem_eq(nla_data(k[NL80211_KEY_SEQ]), rsc, 6);
	ck_assert_ptr_nonnull(k[NL80211_KEY_DEFAULT_TYPES]);
	ck_assert_int_eq(nla_parse_nested(dt, NUM_NL80211_KEY_DEFAULT_TYPES - 1,
					  k[NL80211_KEY_DEFAULT_TYPES], NULL), 0);
	ck_assert_ptr_nonnull(dt[NL80211_KEY_DEFAULT_TYPE_MULTICAST]);
	ck_assert_ptr_null(dt[NL80211_KEY_DEFAULT_TYPE_UNICAST]);
	nl80211_msg_free_secret(m);
}
END_TEST

START_TEST(test_key_new_igtk)
{
	static const uint8_t ipn[6] = { 1, 2, 3, 4, 5, 6 };
	struct drv_key key = { .type = DRV_KEY_IGTK, .cipher_suite = 0x000fac06,
			       .idx = 4, .key = tk, .key_len = 16, .seq = ipn,
			       .seq_len = 6 };
	struct nlattr *tb[MAXA + 1], *k[NL80211_KEY_MAX + 1];
	struct nl_msg *m = nl80211_msg_key_new(TEST_FAMILY, 7, &key);

	ck_assert_ptr_nonnull(m);
	key_attrs(m, tb, k);
	ck_assert_uint_eq(nla_get_u8(k[NL80211_KEY_IDX]), 4);
	ck_assert_uint_eq(nla_get_u32(k[NL80211_KEY_CIPHER]), 0x000fac06);
	ck_assert_uint_eq(nla_get_u32(k[NL80211_KEY_TYPE]), NL80211_KEYTYPE_GROUP);
	ck_assert_mem_eq(nla_data(k[NL80211_KEY_SEQ]), ipn, 6);
	nl80211_msg_free_secret(m);
}
END_TEST

START_TEST(test_key_invalid)
{
	struct drv_key key = { .type = DRV_KEY_GROUP, .cipher_suite = 0x000fac04,
			       .idx = 0, .key = tk, .key_len = 16 };

	ck_assert_ptr_null(nl80211_msg_key_new(TEST_FAMILY, 7, &key)); /* GTK idx 0 */
	key.idx = 4;
	ck_assert_ptr_null(nl80211_msg_key_new(TEST_FAMILY, 7, &key)); /* GTK idx 4 */
	key.type = DRV_KEY_IGTK;
	key.idx = 3;
	ck_assert_ptr_null(nl80211_msg_key_new(TEST_FAMILY, 7, &key));
	key.type = DRV_KEY_PAIRWISE;
	key.idx = 0;
	ck_assert_ptr_null(nl80211_msg_key_new(TEST_FAMILY, 7, &key)); /* no addr */
	key.addr = ap;
	key.key_len = 0;
	ck_assert_ptr_null(nl80211_msg_key_new(TEST_FAMILY, 7, &key));
	key.key_len = 16;
	key.seq_len = 6; /* seq_len without seq */
	ck_assert_ptr_null(nl80211_msg_key_new(TEST_FAMILY, 7, &key));
}
END_TEST

START_TEST(test_key_del_and_default)
{
	struct nlattr *tb[MAXA + 1], *k[NL80211_KEY_MAX + 1];
	struct nlattr *dt[NUM_NL80211_KEY_DEFAULT_TYPES];
	struct nl_msg *m = nl80211_msg_key_del(TEST_FAMILY, 7, DRV_KEY_PAIRWISE, 0, ap);

	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_DEL_KEY);
	key_attrs(m, tb, k);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_uint_eq(nla_get_u8(k[NL80211_KEY_IDX]), 0);
	ck_assert_ptr_null(k[NL80211_KEY_DATA]);
	nlmsg_free(m);

	m = nl80211_msg_key_default(TEST_FAMILY, 7, 1, false, true, false);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_SET_KEY);
	key_attrs(m, tb, k);
	ck_assert_ptr_nonnull(k[NL80211_KEY_DEFAULT]);
	ck_assert_ptr_null(k[NL80211_KEY_DEFAULT_MGMT]);
	nla_parse_nested(dt, NUM_NL80211_KEY_DEFAULT_TYPES - 1,
			 k[NL80211_KEY_DEFAULT_TYPES], NULL);
	ck_assert_ptr_nonnull(dt[NL80211_KEY_DEFAULT_TYPE_MULTICAST]);
	ck_assert_ptr_null(dt[NL80211_KEY_DEFAULT_TYPE_UNICAST]);
	nlmsg_free(m);

	m = nl80211_msg_key_default(TEST_FAMILY, 7, 4, false, false, true);
	key_attrs(m, tb, k);
	ck_assert_ptr_nonnull(k[NL80211_KEY_DEFAULT_MGMT]);
	ck_assert_ptr_null(k[NL80211_KEY_DEFAULT]);
	ck_assert_uint_eq(nla_get_u8(k[NL80211_KEY_IDX]), 4);
	nlmsg_free(m);

	/* What the kernel would refuse is refused here. */
	ck_assert_ptr_null(nl80211_msg_key_default(TEST_FAMILY, 7, 4, false, true, true));
	ck_assert_ptr_null(nl80211_msg_key_default(TEST_FAMILY, 7, 1, false, false, false));
	ck_assert_ptr_null(nl80211_msg_key_default(TEST_FAMILY, 7, 2, false, false, true));
}
END_TEST

START_TEST(test_station_authorize)
{
	struct nlattr *tb[MAXA + 1];
	struct nl80211_sta_flag_update upd;
	struct nl_msg *m = nl80211_msg_station_authorize(TEST_FAMILY, 7, ap, true);

	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_SET_STATION);
	test_attrs(m, tb, MAXA);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_STA_FLAGS2]), sizeof(upd));
	memcpy(&upd, nla_data(tb[NL80211_ATTR_STA_FLAGS2]), sizeof(upd));
	ck_assert_uint_eq(upd.mask, 1u << NL80211_STA_FLAG_AUTHORIZED);
	ck_assert_uint_eq(upd.set, 1u << NL80211_STA_FLAG_AUTHORIZED);
	nlmsg_free(m);

	m = nl80211_msg_station_authorize(TEST_FAMILY, 7, ap, false);
	test_attrs(m, tb, MAXA);
	memcpy(&upd, nla_data(tb[NL80211_ATTR_STA_FLAGS2]), sizeof(upd));
	ck_assert_uint_eq(upd.mask, 1u << NL80211_STA_FLAG_AUTHORIZED);
	ck_assert_uint_eq(upd.set, 0);
	nlmsg_free(m);
}
END_TEST

static const uint8_t rsne[] = { 0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
				0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
				0x00, 0x0f, 0xac, 0x02, 0x00, 0x00 };

START_TEST(test_connect_rsn)
{
	struct drv_connect_params p = {
		.ssid = (const uint8_t *)"ihvd-test", .ssid_len = 9, .bssid = ap,
		.freq = 2412, .ies = rsne, .ies_len = sizeof(rsne),
		.wpa_versions = NL80211_WPA_VERSION_2, .akm_suite = 0x000fac02,
		.pairwise_cipher = 0x000fac04, .group_cipher = 0x000fac04,
		.mfp = DRV_MFP_NO, .control_port = true,
		.control_port_ethertype = 0x888e,
	};
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_connect(TEST_FAMILY, 7, &p, true, false);

	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_CONNECT);
	test_attrs(m, tb, MAXA);
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_SSID]), 9);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_SSID]), "ihvd-test", 9);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]), 2412);
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_IE]), sizeof(rsne));
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_IE]), rsne, sizeof(rsne));
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_WPA_VERSIONS]), NL80211_WPA_VERSION_2);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_AKM_SUITES]), 0x000fac02);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_CIPHER_SUITES_PAIRWISE]), 0x000fac04);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_CIPHER_SUITE_GROUP]), 0x000fac04);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_AUTH_TYPE]), NL80211_AUTHTYPE_OPEN_SYSTEM);
	ck_assert_ptr_null(tb[NL80211_ATTR_USE_MFP]);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_PRIVACY]);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_CONTROL_PORT]);
	ck_assert_uint_eq(nla_get_u16(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]), 0x888e);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_CONTROL_PORT_OVER_NL80211]);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_SOCKET_OWNER]);
	nlmsg_free(m);

	/* PF_PACKET path: no OVER_NL80211; still the socket owner. */
	m = nl80211_msg_connect(TEST_FAMILY, 7, &p, false, false);
	test_attrs(m, tb, MAXA);
	ck_assert_ptr_null(tb[NL80211_ATTR_CONTROL_PORT_OVER_NL80211]);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_SOCKET_OWNER]);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_connect_mfp)
{
	struct drv_connect_params p = {
		.ssid = (const uint8_t *)"x", .ssid_len = 1,
		.wpa_versions = NL80211_WPA_VERSION_2, .mfp = DRV_MFP_OPTIONAL,
	};
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_connect(TEST_FAMILY, 7, &p, false, false);

	test_attrs(m, tb, MAXA);
	/* mac80211 has no MFP_OPTIONAL: "MFP on this association" = REQUIRED. */
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_USE_MFP]), NL80211_MFP_REQUIRED);
	nlmsg_free(m);
	m = nl80211_msg_connect(TEST_FAMILY, 7, &p, false, true);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_USE_MFP]), NL80211_MFP_OPTIONAL);
	nlmsg_free(m);
	p.mfp = DRV_MFP_REQUIRED;
	m = nl80211_msg_connect(TEST_FAMILY, 7, &p, false, true);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_USE_MFP]), NL80211_MFP_REQUIRED);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_connect_open_and_invalid)
{
	struct drv_connect_params p = { .ssid = (const uint8_t *)"ihvd-test", .ssid_len = 9 };
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_connect(TEST_FAMILY, 7, &p, true, false);

	test_attrs(m, tb, MAXA);
	ck_assert_ptr_null(tb[NL80211_ATTR_PRIVACY]);
	ck_assert_ptr_null(tb[NL80211_ATTR_WPA_VERSIONS]);
	ck_assert_ptr_null(tb[NL80211_ATTR_IE]);
	ck_assert_ptr_null(tb[NL80211_ATTR_MAC]);
	ck_assert_ptr_null(tb[NL80211_ATTR_CONTROL_PORT]);
	nlmsg_free(m);
	p.ssid_len = 33;
	ck_assert_ptr_null(nl80211_msg_connect(TEST_FAMILY, 7, &p, true, false));
	p.ssid_len = 0;
	ck_assert_ptr_null(nl80211_msg_connect(TEST_FAMILY, 7, &p, true, false));
}
END_TEST

START_TEST(test_scan_trigger)
{
	uint8_t ssids[2][DRV_SSID_MAX] = { "hidden", "other" };
	size_t lens[2] = { 6, 5 };
	uint32_t freqs[2] = { 2412, 2437 };
	struct drv_scan_params p = { .ssids = (const uint8_t (*)[DRV_SSID_MAX])ssids,
				     .ssid_lens = lens, .n_ssids = 2,
				     .freqs = freqs, .n_freqs = 2 };
	struct nlattr *tb[MAXA + 1], *s[4], *f[4];
	struct nl_msg *m = nl80211_msg_scan_trigger(TEST_FAMILY, 7, &p);

	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_TRIGGER_SCAN);
	test_attrs(m, tb, MAXA);
	nla_parse_nested(s, 3, tb[NL80211_ATTR_SCAN_SSIDS], NULL);
	ck_assert_int_eq(nla_len(s[1]), 6);
	ck_assert_mem_eq(nla_data(s[1]), "hidden", 6);
	ck_assert_mem_eq(nla_data(s[2]), "other", 5);
	ck_assert_ptr_null(s[3]);
	nla_parse_nested(f, 3, tb[NL80211_ATTR_SCAN_FREQUENCIES], NULL);
	ck_assert_uint_eq(nla_get_u32(f[1]), 2412);
	ck_assert_uint_eq(nla_get_u32(f[2]), 2437);
	nlmsg_free(m);

	/* No SSIDs: one wildcard SSID (active scan), no frequency list. */
	m = nl80211_msg_scan_trigger(TEST_FAMILY, 7, NULL);
	test_attrs(m, tb, MAXA);
	nla_parse_nested(s, 3, tb[NL80211_ATTR_SCAN_SSIDS], NULL);
	ck_assert_ptr_nonnull(s[1]);
	ck_assert_int_eq(nla_len(s[1]), 0);
	ck_assert_ptr_null(s[2]);
	ck_assert_ptr_null(tb[NL80211_ATTR_SCAN_FREQUENCIES]);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_control_port_and_disconnect)
{
	static const uint8_t frame[] = { 0x02, 0x03, 0x00, 0x00 };
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_control_port_tx(TEST_FAMILY, 7, ap, 0x888e,
						       frame, sizeof(frame), true);

	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_CONTROL_PORT_FRAME);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u16(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]), 0x888e);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_FRAME]), frame, sizeof(frame));
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT]);
	nlmsg_free(m);
	m = nl80211_msg_control_port_tx(TEST_FAMILY, 7, ap, 0x888e, frame,
					sizeof(frame), false);
	test_attrs(m, tb, MAXA);
	ck_assert_ptr_null(tb[NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT]);
	nlmsg_free(m);
	ck_assert_ptr_null(nl80211_msg_control_port_tx(TEST_FAMILY, 7, ap, 0x888e,
						       frame, 0, false));

	m = nl80211_msg_disconnect(TEST_FAMILY, 7, 3);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_DISCONNECT);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u16(tb[NL80211_ATTR_REASON_CODE]), 3);
	nlmsg_free(m);
}
END_TEST

/* NicSpecificExtension's request as NL80211_CMD_VENDOR (hwsim's test command as the example). */
START_TEST(test_vendor)
{
	static const uint8_t data[] = { 0x08, 0x00, 0x08, 0x00, 0x2a, 0x00, 0x00, 0x00 };
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_vendor(TEST_FAMILY, 7, 0x001374, 1, data, sizeof(data));

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_VENDOR);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_IFINDEX]), 7);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_VENDOR_ID]), 0x001374);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_VENDOR_SUBCMD]), 1);
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_VENDOR_DATA]), (int)sizeof(data));
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_VENDOR_DATA]), data, sizeof(data));
	nlmsg_free(m);
	/* no data: no data attribute */
	m = nl80211_msg_vendor(TEST_FAMILY, 7, 0x001374, 2, NULL, 0);
	test_attrs(m, tb, MAXA);
	ck_assert_ptr_null(tb[NL80211_ATTR_VENDOR_DATA]);
	nlmsg_free(m);
}
END_TEST

TEST_MAIN("nl80211-msg", test_key_new_pairwise, test_key_new_group_default,
	  test_key_new_igtk, test_key_invalid, test_key_del_and_default,
	  test_station_authorize, test_connect_rsn, test_connect_mfp,
	  test_connect_open_and_invalid, test_scan_trigger,
	  test_control_port_and_disconnect, test_vendor)
