// SPDX-License-Identifier: BSD-3-Clause
/*
 * The userspace SME's messages: AUTHENTICATE (Open System, or SAE with its
 * frame body in NL80211_ATTR_AUTH_DATA), ASSOCIATE, and the Authentication
 * frames the kernel reports back (NL80211_CMD_AUTHENTICATE notifications
 * carry the whole frame in NL80211_ATTR_FRAME).
 */
#include "nl80211/msg.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>

/* IEEE 802.11-2020 9.3.3.1: the management frame MAC header. */
#define SME_MGMT_HDR_LEN 24
/* 9.2.4.1.3: type 0 (management), subtype 11 (Authentication) */
#define SME_FC_AUTH 0x00b0u
#define SME_FC_TYPE_SUBTYPE_MASK 0x00fcu

static uint16_t nl80211_msg_sme_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

struct nl_msg *nl80211_msg_authenticate(int family, uint32_t ifindex,
					const struct drv_auth_params *p)
{
	struct nl_msg *msg;
	uint32_t type;

	if (!p || !p->ssid || !p->ssid_len || p->ssid_len > DRV_SSID_MAX || !p->bssid ||
	    !p->freq || (p->data_len && !p->data))
		return NULL;
	switch (p->algorithm) {
	case 0:
		type = NL80211_AUTHTYPE_OPEN_SYSTEM;
		break;
	case 3:
		/* nl80211.h: AUTH_DATA is the body after the algorithm number */
		if (p->data_len < 4)
			return NULL;
		type = NL80211_AUTHTYPE_SAE;
		break;
	default:
		return NULL;
	}
	msg = nl80211_msg_start_size(family, NL80211_CMD_AUTHENTICATE, 0, ifindex,
				     p->data_len + 256);
	if (!msg)
		return NULL;
	if (nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, p->bssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq) < 0 ||
	    nla_put(msg, NL80211_ATTR_SSID, (int)p->ssid_len, p->ssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_AUTH_TYPE, type) < 0 ||
	    (type == NL80211_AUTHTYPE_SAE &&
	     nla_put(msg, NL80211_ATTR_AUTH_DATA, (int)p->data_len, p->data) < 0))
		return nl80211_msg_fail(msg);
	return msg;
}

struct nl_msg *nl80211_msg_associate(int family, uint32_t ifindex,
				     const struct drv_connect_params *p,
				     bool over_nl80211, bool wiphy_mfp_optional)
{
	struct nl_msg *msg;

	if (!p || !p->ssid || !p->ssid_len || p->ssid_len > DRV_SSID_MAX || !p->bssid ||
	    !p->freq || (p->ies_len && !p->ies))
		return NULL;
	msg = nl80211_msg_start_size(family, NL80211_CMD_ASSOCIATE, 0, ifindex,
				     p->ies_len + 1024);
	if (!msg)
		return NULL;
	if (nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, p->bssid) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq) < 0 ||
	    nla_put(msg, NL80211_ATTR_SSID, (int)p->ssid_len, p->ssid) < 0 ||
	    (p->ies_len && nla_put(msg, NL80211_ATTR_IE, (int)p->ies_len, p->ies) < 0) ||
	    nl80211_msg_crypto_put(msg, p, over_nl80211, wiphy_mfp_optional) < 0)
		return nl80211_msg_fail(msg);
	return msg;
}

int nl80211_msg_auth_frame_parse(const uint8_t *f, size_t len, struct drv_event *ev)
{
	/* 9.3.3.12: Algorithm, Transaction Sequence, Status Code, then elements */
	if (!f || len < SME_MGMT_HDR_LEN + 6 ||
	    (nl80211_msg_sme_le16(f) & SME_FC_TYPE_SUBTYPE_MASK) != SME_FC_AUTH)
		return -EINVAL;
	memcpy(ev->auth.bssid, f + 16, DRV_ETH_ALEN); /* Address 3: the BSSID */
	ev->auth.algorithm = nl80211_msg_sme_le16(f + SME_MGMT_HDR_LEN);
	ev->auth.transaction = nl80211_msg_sme_le16(f + SME_MGMT_HDR_LEN + 2);
	ev->auth.status = nl80211_msg_sme_le16(f + SME_MGMT_HDR_LEN + 4);
	ev->auth.body = f + SME_MGMT_HDR_LEN + 6;
	ev->auth.body_len = len - SME_MGMT_HDR_LEN - 6;
	ev->auth.timed_out = false;
	return 0;
}

struct nl_msg *nl80211_msg_deauthenticate(int family, uint32_t ifindex,
					  const uint8_t bssid[DRV_ETH_ALEN], uint16_t reason)
{
	struct nl_msg *msg = nl80211_msg_start_size(family, NL80211_CMD_DEAUTHENTICATE, 0,
						    ifindex, 0);

	if (msg && (nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, bssid) < 0 ||
		    nla_put_u16(msg, NL80211_ATTR_REASON_CODE, reason) < 0))
		return nl80211_msg_fail(msg);
	return msg;
}
