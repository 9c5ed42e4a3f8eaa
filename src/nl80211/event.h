/*
 * nl80211 notifications (and interface dump entries, which carry the same
 * attributes) parsed into one flat record. No state: the driver decides
 * what a record means for its interfaces.
 */
#ifndef IHVD_NL80211_EVENT_H
#define IHVD_NL80211_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netlink/msg.h>

#include "nl80211/attr.h"
#include "nl80211/driver.h"

struct nl80211_event {
	uint8_t cmd;                 /* NL80211_CMD_* */
	bool has_ifindex, has_wiphy, has_iftype, has_mac, has_status;
	bool has_reason, has_ethertype, has_cookie;
	uint32_t ifindex;
	uint32_t wiphy;
	uint32_t iftype;             /* NL80211_IFTYPE_* */
	char ifname[DRV_IFNAME_MAX]; /* "" when absent */
	uint8_t mac[DRV_ETH_ALEN];
	uint16_t status;
	bool timed_out;
	uint16_t reason;
	bool by_ap;
	uint32_t freq;
	const uint8_t *req_ies, *resp_ies, *frame;
	size_t req_ies_len, resp_ies_len, frame_len;
	uint16_t ethertype;
	bool no_encrypt;
	uint64_t cookie;
	bool ack;
	/* MICHAEL_MIC_FAILURE: the key (NL80211_KEYTYPE_*), its index (-1: none) */
	bool has_key_type;
	uint32_t key_type;
	int key_idx;
	/* PMKSA_CANDIDATE */
	bool has_pmksa;
	uint32_t pmksa_index;
	uint8_t pmksa_bssid[DRV_ETH_ALEN];
	bool pmksa_preauth;
	/* NOTIFY_CQM: an RSSI threshold event (NL80211_CQM_RSSI_*, -1: none), beacon loss */
	int cqm_rssi_event;
	bool has_cqm_rssi_level;
	int32_t cqm_rssi_level;      /* dBm */
	bool cqm_beacon_loss;
};

/* 0, or -EINVAL when nlh is not a generic netlink message at all. */
int nl80211_event_parse(const struct nlmsghdr *nlh, struct nl80211_event *ev,
			nl80211_attr_bad_cb bad, void *ctx);

/*
 * Reason code and sender of a Deauthentication/Disassociation frame
 * (IEEE 802.11-2020 9.3.3.12/9.3.3.5: reason at body offset 0).
 * -EINVAL when the frame is too short.
 */
int nl80211_event_mgmt_reason(const uint8_t *frame, size_t len,
			      uint16_t *reason, uint8_t sa[DRV_ETH_ALEN]);

/* "CONNECT", "NEW_KEY", ...: for log lines. */
const char *nl80211_cmd_name(uint8_t cmd);

#endif
