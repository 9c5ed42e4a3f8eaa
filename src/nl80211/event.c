/*
 * Parsing of nl80211 notifications. Pointers in the record point into the
 * message; they live as long as it does.
 */
#include "nl80211/event.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>

static const struct nla_policy event_policy[NL80211_ATTR_MAX + 1] = {
	[NL80211_ATTR_IFINDEX] = { .type = NLA_U32 },
	[NL80211_ATTR_WIPHY] = { .type = NLA_U32 },
	[NL80211_ATTR_IFTYPE] = { .type = NLA_U32 },
	[NL80211_ATTR_IFNAME] = { .type = NLA_STRING, .maxlen = DRV_IFNAME_MAX },
	[NL80211_ATTR_MAC] = { .minlen = DRV_ETH_ALEN, .maxlen = DRV_ETH_ALEN },
	[NL80211_ATTR_STATUS_CODE] = { .type = NLA_U16 },
	[NL80211_ATTR_TIMED_OUT] = { .type = NLA_FLAG },
	[NL80211_ATTR_REASON_CODE] = { .type = NLA_U16 },
	[NL80211_ATTR_DISCONNECTED_BY_AP] = { .type = NLA_FLAG },
	[NL80211_ATTR_WIPHY_FREQ] = { .type = NLA_U32 },
	[NL80211_ATTR_CONTROL_PORT_ETHERTYPE] = { .type = NLA_U16 },
	[NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT] = { .type = NLA_FLAG },
	[NL80211_ATTR_COOKIE] = { .type = NLA_U64 },
	[NL80211_ATTR_ACK] = { .type = NLA_FLAG },
	[NL80211_ATTR_KEY_TYPE] = { .type = NLA_U32 },
	[NL80211_ATTR_KEY_IDX] = { .type = NLA_U8 },
	[NL80211_ATTR_PMKSA_CANDIDATE] = { .type = NLA_NESTED },
	[NL80211_ATTR_CQM] = { .type = NLA_NESTED },
};

static const struct nla_policy event_pmksa_policy[NUM_NL80211_PMKSA_CANDIDATE] = {
	[NL80211_PMKSA_CANDIDATE_INDEX] = { .type = NLA_U32 },
	[NL80211_PMKSA_CANDIDATE_BSSID] = { .minlen = DRV_ETH_ALEN, .maxlen = DRV_ETH_ALEN },
	[NL80211_PMKSA_CANDIDATE_PREAUTH] = { .type = NLA_FLAG },
};

static const struct nla_policy event_cqm_policy[NL80211_ATTR_CQM_MAX + 1] = {
	[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT] = { .type = NLA_U32 },
	[NL80211_ATTR_CQM_BEACON_LOSS_EVENT] = { .type = NLA_FLAG },
	[NL80211_ATTR_CQM_RSSI_LEVEL] = { .type = NLA_U32 },
};

/* NL80211_ATTR_PMKSA_CANDIDATE: index and BSSID are both needed. */
static void event_parse_pmksa(struct nl80211_event *ev, const struct nlattr *nest,
			      nl80211_attr_bad_cb bad, void *ctx)
{
	struct nlattr *tb[NUM_NL80211_PMKSA_CANDIDATE];

	nl80211_attr_parse_nested(tb, MAX_NL80211_PMKSA_CANDIDATE, nest, event_pmksa_policy,
				  "PMKSA_CANDIDATE", bad, ctx);
	if (!tb[NL80211_PMKSA_CANDIDATE_INDEX] || !tb[NL80211_PMKSA_CANDIDATE_BSSID])
		return;
	ev->has_pmksa = true;
	ev->pmksa_index = nla_get_u32(tb[NL80211_PMKSA_CANDIDATE_INDEX]);
	memcpy(ev->pmksa_bssid, nla_data(tb[NL80211_PMKSA_CANDIDATE_BSSID]), DRV_ETH_ALEN);
	ev->pmksa_preauth = tb[NL80211_PMKSA_CANDIDATE_PREAUTH] != NULL;
}

static void event_parse_cqm(struct nl80211_event *ev, const struct nlattr *nest,
			    nl80211_attr_bad_cb bad, void *ctx)
{
	struct nlattr *tb[NL80211_ATTR_CQM_MAX + 1];

	nl80211_attr_parse_nested(tb, NL80211_ATTR_CQM_MAX, nest, event_cqm_policy, "CQM",
				  bad, ctx);
	if (tb[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT])
		ev->cqm_rssi_event = (int)nla_get_u32(tb[NL80211_ATTR_CQM_RSSI_THRESHOLD_EVENT]);
	if (tb[NL80211_ATTR_CQM_RSSI_LEVEL]) {
		ev->has_cqm_rssi_level = true;
		ev->cqm_rssi_level = (int32_t)nla_get_u32(tb[NL80211_ATTR_CQM_RSSI_LEVEL]);
	}
	ev->cqm_beacon_loss = tb[NL80211_ATTR_CQM_BEACON_LOSS_EVENT] != NULL;
}

int nl80211_event_parse(const struct nlmsghdr *nlh, struct nl80211_event *ev,
			nl80211_attr_bad_cb bad, void *ctx)
{
	struct nlattr *tb[NL80211_ATTR_MAX + 1];
	const struct genlmsghdr *gnlh;
	char where[40];

	memset(ev, 0, sizeof(*ev));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EINVAL;
	gnlh = nlmsg_data(nlh);
	ev->cmd = gnlh->cmd;
	snprintf(where, sizeof(where), "%s", nl80211_cmd_name(ev->cmd));
	nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, nlh, 0, event_policy,
				where, bad, ctx);

	if (tb[NL80211_ATTR_IFINDEX]) {
		ev->has_ifindex = true;
		ev->ifindex = nla_get_u32(tb[NL80211_ATTR_IFINDEX]);
	}
	if (tb[NL80211_ATTR_WIPHY]) {
		ev->has_wiphy = true;
		ev->wiphy = nla_get_u32(tb[NL80211_ATTR_WIPHY]);
	}
	if (tb[NL80211_ATTR_IFTYPE]) {
		ev->has_iftype = true;
		ev->iftype = nla_get_u32(tb[NL80211_ATTR_IFTYPE]);
	}
	if (tb[NL80211_ATTR_IFNAME])
		snprintf(ev->ifname, sizeof(ev->ifname), "%s",
			 nla_get_string(tb[NL80211_ATTR_IFNAME]));
	if (tb[NL80211_ATTR_MAC]) {
		ev->has_mac = true;
		memcpy(ev->mac, nla_data(tb[NL80211_ATTR_MAC]), DRV_ETH_ALEN);
	}
	if (tb[NL80211_ATTR_STATUS_CODE]) {
		ev->has_status = true;
		ev->status = nla_get_u16(tb[NL80211_ATTR_STATUS_CODE]);
	}
	ev->timed_out = tb[NL80211_ATTR_TIMED_OUT] != NULL;
	if (tb[NL80211_ATTR_REASON_CODE]) {
		ev->has_reason = true;
		ev->reason = nla_get_u16(tb[NL80211_ATTR_REASON_CODE]);
	}
	ev->by_ap = tb[NL80211_ATTR_DISCONNECTED_BY_AP] != NULL;
	if (tb[NL80211_ATTR_WIPHY_FREQ])
		ev->freq = nla_get_u32(tb[NL80211_ATTR_WIPHY_FREQ]);
	if (tb[NL80211_ATTR_REQ_IE]) {
		ev->req_ies = nla_data(tb[NL80211_ATTR_REQ_IE]);
		ev->req_ies_len = (size_t)nla_len(tb[NL80211_ATTR_REQ_IE]);
	}
	if (tb[NL80211_ATTR_RESP_IE]) {
		ev->resp_ies = nla_data(tb[NL80211_ATTR_RESP_IE]);
		ev->resp_ies_len = (size_t)nla_len(tb[NL80211_ATTR_RESP_IE]);
	}
	if (tb[NL80211_ATTR_FRAME]) {
		ev->frame = nla_data(tb[NL80211_ATTR_FRAME]);
		ev->frame_len = (size_t)nla_len(tb[NL80211_ATTR_FRAME]);
	}
	if (tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]) {
		ev->has_ethertype = true;
		ev->ethertype =
			nla_get_u16(tb[NL80211_ATTR_CONTROL_PORT_ETHERTYPE]);
	}
	ev->no_encrypt = tb[NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT] != NULL;
	if (tb[NL80211_ATTR_COOKIE]) {
		ev->has_cookie = true;
		ev->cookie = nla_get_u64(tb[NL80211_ATTR_COOKIE]);
	}
	ev->ack = tb[NL80211_ATTR_ACK] != NULL;
	if (tb[NL80211_ATTR_KEY_TYPE]) {
		ev->has_key_type = true;
		ev->key_type = nla_get_u32(tb[NL80211_ATTR_KEY_TYPE]);
	}
	ev->key_idx = tb[NL80211_ATTR_KEY_IDX] ? nla_get_u8(tb[NL80211_ATTR_KEY_IDX]) : -1;
	if (tb[NL80211_ATTR_PMKSA_CANDIDATE])
		event_parse_pmksa(ev, tb[NL80211_ATTR_PMKSA_CANDIDATE], bad, ctx);
	ev->cqm_rssi_event = -1;
	if (tb[NL80211_ATTR_CQM])
		event_parse_cqm(ev, tb[NL80211_ATTR_CQM], bad, ctx);
	return 0;
}

int nl80211_event_mgmt_reason(const uint8_t *frame, size_t len,
			      uint16_t *reason, uint8_t sa[DRV_ETH_ALEN])
{
	/* 24-byte MAC header (FC, duration, A1, A2, A3, seq) + reason. */
	if (!frame || len < 26)
		return -EINVAL;
	memcpy(sa, frame + 10, DRV_ETH_ALEN);
	*reason = (uint16_t)(frame[24] | frame[25] << 8);
	return 0;
}

const char *nl80211_cmd_name(uint8_t cmd)
{
	switch (cmd) {
	case NL80211_CMD_GET_WIPHY: return "GET_WIPHY";
	case NL80211_CMD_NEW_WIPHY: return "NEW_WIPHY";
	case NL80211_CMD_DEL_WIPHY: return "DEL_WIPHY";
	case NL80211_CMD_GET_INTERFACE: return "GET_INTERFACE";
	case NL80211_CMD_SET_INTERFACE: return "SET_INTERFACE";
	case NL80211_CMD_NEW_INTERFACE: return "NEW_INTERFACE";
	case NL80211_CMD_DEL_INTERFACE: return "DEL_INTERFACE";
	case NL80211_CMD_GET_KEY: return "GET_KEY";
	case NL80211_CMD_SET_KEY: return "SET_KEY";
	case NL80211_CMD_NEW_KEY: return "NEW_KEY";
	case NL80211_CMD_DEL_KEY: return "DEL_KEY";
	case NL80211_CMD_SET_STATION: return "SET_STATION";
	case NL80211_CMD_GET_SCAN: return "GET_SCAN";
	case NL80211_CMD_TRIGGER_SCAN: return "TRIGGER_SCAN";
	case NL80211_CMD_NEW_SCAN_RESULTS: return "NEW_SCAN_RESULTS";
	case NL80211_CMD_SCAN_ABORTED: return "SCAN_ABORTED";
	case NL80211_CMD_AUTHENTICATE: return "AUTHENTICATE";
	case NL80211_CMD_ASSOCIATE: return "ASSOCIATE";
	case NL80211_CMD_DEAUTHENTICATE: return "DEAUTHENTICATE";
	case NL80211_CMD_DISASSOCIATE: return "DISASSOCIATE";
	case NL80211_CMD_CONNECT: return "CONNECT";
	case NL80211_CMD_ROAM: return "ROAM";
	case NL80211_CMD_DISCONNECT: return "DISCONNECT";
	case NL80211_CMD_CONTROL_PORT_FRAME: return "CONTROL_PORT_FRAME";
	case NL80211_CMD_CONTROL_PORT_FRAME_TX_STATUS:
		return "CONTROL_PORT_FRAME_TX_STATUS";
	case NL80211_CMD_VENDOR: return "VENDOR";
	case NL80211_CMD_PORT_AUTHORIZED: return "PORT_AUTHORIZED";
	default: return "command";
	}
}
