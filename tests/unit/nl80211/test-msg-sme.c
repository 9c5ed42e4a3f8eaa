// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/nl80211/msg-sme.c: the userspace SME's commands as the kernel will read them
 * (AUTHENTICATE with NL80211_ATTR_AUTH_DATA, ASSOCIATE, DEAUTHENTICATE) and the
 * Authentication frames it reports back.
 */
#include "nl80211/msg.h"
#include "tests/unit/nl80211/test-nl.h"

#define MAXA NL80211_ATTR_MAX
static const uint8_t ap[6] = { 0x02, 0, 0, 0, 0, 0 };
static const uint8_t sta[6] = { 0x02, 0, 0, 0, 1, 0 };

static uint8_t cmd_of(struct nl_msg *m)
{
	return ((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(m)))->cmd;
}

START_TEST(test_authenticate_sae)
{
	/* transaction 1, status 0, then group 19 and 96 octets of scalar/element */
	uint8_t data[4 + 98] = { 1, 0, 0, 0, 19, 0 };
	struct drv_auth_params p = { .ssid = (const uint8_t *)"sae-test", .ssid_len = 8,
				     .bssid = ap, .freq = 2412, .algorithm = 3, .data = data,
				     .data_len = sizeof(data) };
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m;

	for (size_t i = 6; i < sizeof(data); i++)
		data[i] = (uint8_t)i;
	m = nl80211_msg_authenticate(TEST_FAMILY, 7, &p);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_AUTHENTICATE);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_IFINDEX]), 7);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]), 2412);
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_SSID]), 8);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_SSID]), "sae-test", 8);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_AUTH_TYPE]), NL80211_AUTHTYPE_SAE);
	ck_assert_uint_eq(NL80211_AUTHTYPE_SAE, 4); /* wave2 §1.1: the enum order */
	/* nl80211.h: the body after the Authentication Algorithm Number, as given */
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_AUTH_DATA]), (int)sizeof(data));
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_AUTH_DATA]), data, sizeof(data));
	ck_assert_ptr_null(tb[NL80211_ATTR_IE]);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_authenticate_open_and_invalid)
{
	uint8_t data[4] = { 1, 0, 0, 0 };
	struct drv_auth_params p = { .ssid = (const uint8_t *)"x", .ssid_len = 1, .bssid = ap,
				     .freq = 2412, .algorithm = 0 };
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_authenticate(TEST_FAMILY, 7, &p);

	ck_assert_ptr_nonnull(m);
	test_attrs(m, tb, MAXA);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_AUTH_TYPE]), NL80211_AUTHTYPE_OPEN_SYSTEM);
	ck_assert_ptr_null(tb[NL80211_ATTR_AUTH_DATA]);
	nlmsg_free(m);

	p.algorithm = 3; /* SAE without transaction and status */
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, &p));
	p.data = data;
	p.data_len = 3;
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, &p));
	p.data_len = 4;
	p.algorithm = 1; /* Shared Key: not ours */
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, &p));
	p.algorithm = 3;
	p.bssid = NULL;
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, &p));
	p.bssid = ap;
	p.freq = 0;
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, &p));
	p.freq = 2412;
	p.ssid_len = 33;
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, &p));
	ck_assert_ptr_null(nl80211_msg_authenticate(TEST_FAMILY, 7, NULL));
}
END_TEST

START_TEST(test_associate_sae)
{
	static const uint8_t ies[] = { 0x30, 0x14, 1, 0, 0x00, 0x0f, 0xac, 4, 1, 0, 0x00, 0x0f,
				       0xac, 4, 1, 0, 0x00, 0x0f, 0xac, 8, 0xc0, 0, 0xf4, 1, 0x20 };
	struct drv_connect_params p = { .ssid = (const uint8_t *)"sae-test", .ssid_len = 8,
					.bssid = ap, .freq = 2412, .ies = ies,
					.ies_len = sizeof(ies), .wpa_versions = 2,
					.akm_suite = 0x000fac08, .pairwise_cipher = 0x000fac04,
					.group_cipher = 0x000fac04, .mfp = DRV_MFP_REQUIRED,
					.control_port = true, .control_port_ethertype = 0x888e };
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_associate(TEST_FAMILY, 7, &p, true, false);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_ASSOCIATE);
	test_attrs(m, tb, MAXA);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]), 2412);
	ck_assert_int_eq(nla_len(tb[NL80211_ATTR_IE]), (int)sizeof(ies));
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_IE]), ies, sizeof(ies));
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_AKM_SUITES]), 0x000fac08);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_USE_MFP]), NL80211_MFP_REQUIRED);
	ck_assert_uint_eq(nla_get_u32(tb[NL80211_ATTR_WPA_VERSIONS]), 2);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_CONTROL_PORT]);
	ck_assert_uint_eq(nla_get_u16(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]), 0x888e);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_CONTROL_PORT_OVER_NL80211]);
	ck_assert_ptr_nonnull(tb[NL80211_ATTR_SOCKET_OWNER]);
	ck_assert_ptr_null(tb[NL80211_ATTR_AUTH_TYPE]); /* authenticated already */
	nlmsg_free(m);
	p.bssid = NULL; /* ASSOCIATE names its BSS */
	ck_assert_ptr_null(nl80211_msg_associate(TEST_FAMILY, 7, &p, true, false));
}
END_TEST

START_TEST(test_deauthenticate)
{
	struct nlattr *tb[MAXA + 1];
	struct nl_msg *m = nl80211_msg_deauthenticate(TEST_FAMILY, 7, ap, 2);

	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(cmd_of(m), NL80211_CMD_DEAUTHENTICATE);
	test_attrs(m, tb, MAXA);
	ck_assert_mem_eq(nla_data(tb[NL80211_ATTR_MAC]), ap, 6);
	ck_assert_uint_eq(nla_get_u16(tb[NL80211_ATTR_REASON_CODE]), 2);
	nlmsg_free(m);
}
END_TEST

/* An AP's SAE Commit as mac80211 hands it up: the whole Authentication frame. */
static size_t auth_frame(uint8_t *f, uint16_t fc, uint16_t alg, uint16_t seq, uint16_t status,
			 size_t body)
{
	memset(f, 0, 24 + 6 + body);
	f[0] = (uint8_t)fc;
	f[1] = (uint8_t)(fc >> 8);
	memcpy(f + 4, sta, 6); /* DA */
	memcpy(f + 10, ap, 6); /* SA */
	memcpy(f + 16, ap, 6); /* BSSID */
	f[24] = (uint8_t)alg;
	f[26] = (uint8_t)seq;
	f[28] = (uint8_t)status;
	f[29] = (uint8_t)(status >> 8);
	for (size_t i = 0; i < body; i++)
		f[30 + i] = (uint8_t)(0x40 + i);
	return 24 + 6 + body;
}

START_TEST(test_auth_frame_parse)
{
	uint8_t f[256];
	struct drv_event ev;
	size_t n = auth_frame(f, 0x00b0, 3, 1, 126, 98);

	memset(&ev, 0, sizeof(ev));
	ck_assert_int_eq(nl80211_msg_auth_frame_parse(f, n, &ev), 0);
	ck_assert_mem_eq(ev.auth.bssid, ap, 6);
	ck_assert_uint_eq(ev.auth.algorithm, 3);
	ck_assert_uint_eq(ev.auth.transaction, 1);
	ck_assert_uint_eq(ev.auth.status, 126);
	ck_assert_uint_eq(ev.auth.body_len, 98);
	ck_assert_ptr_eq(ev.auth.body, f + 30);
	ck_assert(!ev.auth.timed_out);
	/* a Confirm status 1 with no body (hostapd 2.10, wrong password) */
	n = auth_frame(f, 0x00b0, 3, 2, 1, 0);
	ck_assert_int_eq(nl80211_msg_auth_frame_parse(f, n, &ev), 0);
	ck_assert_uint_eq(ev.auth.transaction, 2);
	ck_assert_uint_eq(ev.auth.status, 1);
	ck_assert_uint_eq(ev.auth.body_len, 0);
	/* too short, and a Deauthentication frame (subtype 12) */
	ck_assert_int_eq(nl80211_msg_auth_frame_parse(f, 29, &ev), -EINVAL);
	n = auth_frame(f, 0x00c0, 3, 1, 0, 4);
	ck_assert_int_eq(nl80211_msg_auth_frame_parse(f, n, &ev), -EINVAL);
	ck_assert_int_eq(nl80211_msg_auth_frame_parse(NULL, 40, &ev), -EINVAL);
}
END_TEST

TEST_MAIN("msg-sme", test_authenticate_sae, test_authenticate_open_and_invalid,
	  test_associate_sae, test_deauthenticate, test_auth_frame_parse)
