/* src/nl80211/event.c: notifications into records; malformed parts dropped. */
#include "nl80211/event.h"
#include "tests/unit/nl80211/test-nl.h"

static const uint8_t ap[6] = { 0x02, 0, 0, 0, 0, 0 };
static const uint8_t sta[6] = { 0x02, 0, 0, 0, 1, 0 };

START_TEST(test_connect_result)
{
	struct nl_msg *m = test_msg(NL80211_CMD_CONNECT);
	static const uint8_t req[] = { 0x00, 0x01, 'x' }, resp[] = { 0x01, 0x01, 0x82 };
	struct nl80211_event e;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put(m, NL80211_ATTR_MAC, 6, ap);
	nla_put_u16(m, NL80211_ATTR_STATUS_CODE, 0);
	nla_put(m, NL80211_ATTR_REQ_IE, sizeof(req), req);
	nla_put(m, NL80211_ATTR_RESP_IE, sizeof(resp), resp);
	nla_put_u32(m, NL80211_ATTR_WIPHY_FREQ, 2412);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert_uint_eq(e.cmd, NL80211_CMD_CONNECT);
	ck_assert(e.has_ifindex && e.ifindex == 3);
	ck_assert(e.has_mac);
	ck_assert_mem_eq(e.mac, ap, 6);
	ck_assert(e.has_status && e.status == 0);
	ck_assert(!e.timed_out);
	ck_assert_uint_eq(e.freq, 2412);
	ck_assert_uint_eq(e.req_ies_len, 3);
	ck_assert_mem_eq(e.req_ies, req, 3);
	ck_assert_mem_eq(e.resp_ies, resp, 3);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_connect_timeout)
{
	struct nl_msg *m = test_msg(NL80211_CMD_CONNECT);
	struct nl80211_event e;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put_u16(m, NL80211_ATTR_STATUS_CODE, 1);
	nla_put_flag(m, NL80211_ATTR_TIMED_OUT);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.timed_out);
	ck_assert_uint_eq(e.status, 1);
	ck_assert(!e.has_mac);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_disconnect)
{
	struct nl_msg *m = test_msg(NL80211_CMD_DISCONNECT);
	struct nl80211_event e;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put_u16(m, NL80211_ATTR_REASON_CODE, 15);
	nla_put_flag(m, NL80211_ATTR_DISCONNECTED_BY_AP);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.has_reason && e.reason == 15);
	ck_assert(e.by_ap);
	nlmsg_free(m);

	m = test_msg(NL80211_CMD_DISCONNECT);
	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put_u16(m, NL80211_ATTR_REASON_CODE, 3);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(!e.by_ap);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_control_port_frame)
{
	struct nl_msg *m = test_msg(NL80211_CMD_CONTROL_PORT_FRAME);
	static const uint8_t eapol[] = { 0x02, 0x03, 0x00, 0x5f, 0x02 };
	struct nl80211_event e;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put(m, NL80211_ATTR_MAC, 6, ap);
	nla_put_u16(m, NL80211_ATTR_CONTROL_PORT_ETHERTYPE, 0x888e);
	nla_put(m, NL80211_ATTR_FRAME, sizeof(eapol), eapol);
	nla_put_flag(m, NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.has_ethertype && e.ethertype == 0x888e);
	ck_assert_uint_eq(e.frame_len, sizeof(eapol));
	ck_assert_mem_eq(e.frame, eapol, sizeof(eapol));
	ck_assert(e.no_encrypt);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_tx_status)
{
	struct nl_msg *m = test_msg(NL80211_CMD_CONTROL_PORT_FRAME_TX_STATUS);
	struct nl80211_event e;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put_u64(m, NL80211_ATTR_COOKIE, 0x1122334455667788ull);
	nla_put_flag(m, NL80211_ATTR_ACK);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.has_cookie && e.cookie == 0x1122334455667788ull);
	ck_assert(e.ack);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_interface_and_bad_attributes)
{
	struct nl_msg *m = test_msg(NL80211_CMD_NEW_INTERFACE);
	struct test_bad b = { 0 };
	struct nl80211_event e;
	uint16_t half = 3;

	nla_put(m, NL80211_ATTR_IFINDEX, 2, &half);           /* truncated */
	nla_put(m, NL80211_ATTR_IFNAME, 20, "wlan1wlan1wlan1wlan1"); /* no NUL */
	nla_put_u32(m, NL80211_ATTR_WIPHY, 1);
	nla_put_u32(m, NL80211_ATTR_IFTYPE, NL80211_IFTYPE_STATION);
	nla_put(m, NL80211_ATTR_MAC, 5, sta);                 /* short MAC */
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, test_bad_cb, &b), 0);
	ck_assert_int_eq(b.n, 3);
	ck_assert(!e.has_ifindex);
	ck_assert_str_eq(e.ifname, "");
	ck_assert(!e.has_mac);
	ck_assert(e.has_wiphy && e.wiphy == 1);
	ck_assert(e.has_iftype && e.iftype == NL80211_IFTYPE_STATION);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_truncated_message)
{
	struct nlmsghdr h = { .nlmsg_len = NLMSG_HDRLEN + 1, .nlmsg_type = TEST_FAMILY };
	struct nl80211_event e;

	ck_assert_int_eq(nl80211_event_parse(&h, &e, NULL, NULL), -EINVAL);
}
END_TEST

START_TEST(test_link_events)
{
	struct nl_msg *m = test_msg(NL80211_CMD_MICHAEL_MIC_FAILURE);
	struct nl80211_event e;
	struct nlattr *nest;

	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nla_put(m, NL80211_ATTR_MAC, 6, ap);
	nla_put_u32(m, NL80211_ATTR_KEY_TYPE, NL80211_KEYTYPE_GROUP);
	nla_put_u8(m, NL80211_ATTR_KEY_IDX, 2);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.has_key_type && e.key_type == NL80211_KEYTYPE_GROUP);
	ck_assert_int_eq(e.key_idx, 2);
	ck_assert_mem_eq(e.mac, ap, 6);
	nlmsg_free(m);

	m = test_msg(NL80211_CMD_PMKSA_CANDIDATE);
	nla_put_u32(m, NL80211_ATTR_IFINDEX, 3);
	nest = nla_nest_start(m, NL80211_ATTR_PMKSA_CANDIDATE);
	nla_put_u32(m, NL80211_PMKSA_CANDIDATE_INDEX, 1);
	nla_put(m, NL80211_PMKSA_CANDIDATE_BSSID, 6, sta);
	nla_put_flag(m, NL80211_PMKSA_CANDIDATE_PREAUTH);
	nla_nest_end(m, nest);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.has_pmksa && e.pmksa_preauth);
	ck_assert_uint_eq(e.pmksa_index, 1);
	ck_assert_mem_eq(e.pmksa_bssid, sta, 6);
	ck_assert_int_eq(e.key_idx, -1);
	nlmsg_free(m);

	/* a candidate without its BSSID is none */
	m = test_msg(NL80211_CMD_PMKSA_CANDIDATE);
	nest = nla_nest_start(m, NL80211_ATTR_PMKSA_CANDIDATE);
	nla_put_u32(m, NL80211_PMKSA_CANDIDATE_INDEX, 1);
	nla_nest_end(m, nest);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(!e.has_pmksa);
	nlmsg_free(m);

	m = test_msg(NL80211_CMD_NOTIFY_CQM);
	nest = nla_nest_start(m, NL80211_ATTR_CQM);
	nla_put_u32(m, NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT, NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW);
	nla_put_u32(m, NL80211_ATTR_CQM_RSSI_LEVEL, (uint32_t)-75);
	nla_nest_end(m, nest);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert_int_eq(e.cqm_rssi_event, NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW);
	ck_assert(e.has_cqm_rssi_level);
	ck_assert_int_eq(e.cqm_rssi_level, -75);
	ck_assert(!e.cqm_beacon_loss);
	nlmsg_free(m);

	m = test_msg(NL80211_CMD_NOTIFY_CQM);
	nest = nla_nest_start(m, NL80211_ATTR_CQM);
	nla_put_flag(m, NL80211_ATTR_CQM_BEACON_LOSS_EVENT);
	nla_nest_end(m, nest);
	ck_assert_int_eq(nl80211_event_parse(nlmsg_hdr(m), &e, NULL, NULL), 0);
	ck_assert(e.cqm_beacon_loss);
	ck_assert_int_eq(e.cqm_rssi_event, -1);
	nlmsg_free(m);
}
END_TEST

START_TEST(test_deauth_reason)
{
	/* Deauthentication from the AP, reason 15 (4-way handshake timeout). */
	uint8_t f[26] = { 0xc0, 0x00, 0x3a, 0x01, 0x02, 0, 0, 0, 1, 0,
			  0x02, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0x10, 0x00,
			  0x0f, 0x00 };
	uint8_t sa[6];
	uint16_t reason;

	ck_assert_int_eq(nl80211_event_mgmt_reason(f, sizeof(f), &reason, sa), 0);
	ck_assert_uint_eq(reason, 15);
	ck_assert_mem_eq(sa, ap, 6);
	ck_assert_int_eq(nl80211_event_mgmt_reason(f, 25, &reason, sa), -EINVAL);
	ck_assert_int_eq(nl80211_event_mgmt_reason(NULL, 0, &reason, sa), -EINVAL);
}
END_TEST

TEST_MAIN("nl80211-event", test_connect_result, test_connect_timeout,
	  test_disconnect, test_control_port_frame, test_tx_status,
	  test_interface_and_bad_attributes, test_truncated_message,
	  test_deauth_reason, test_link_events)
