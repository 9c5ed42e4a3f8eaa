/*
 * nl80211 command builders. Attribute choice follows the kernel UAPI
 * (linux/nl80211.h) and the anchors (reference/anchors.md §1.2, §1.4, §1.5).
 */
#include "nl80211/msg.h"

#include <string.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>

static struct nl_msg *nl80211_msg_start_size(int family, uint8_t cmd, int flags,
					     uint32_t ifindex, size_t size)
{
	struct nl_msg *msg = size ? nlmsg_alloc_size(size) : nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
			 0) ||
	    (ifindex && nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static struct nl_msg *nl80211_msg_start(int family, uint8_t cmd, int flags,
					uint32_t ifindex)
{
	return nl80211_msg_start_size(family, cmd, flags, ifindex, 0);
}

static struct nl_msg *nl80211_msg_fail(struct nl_msg *msg)
{
	nlmsg_free(msg);
	return NULL;
}

struct nl_msg *nl80211_msg_simple(int family, uint8_t cmd, int flags,
				  int attr, uint32_t value)
{
	struct nl_msg *msg = nl80211_msg_start(family, cmd, flags, 0);

	if (msg && attr && nla_put_u32(msg, attr, value) < 0)
		return nl80211_msg_fail(msg);
	return msg;
}

struct nl_msg *nl80211_msg_scan_trigger(int family, uint32_t ifindex,
					const struct drv_scan_params *p)
{
	struct nl_msg *msg = nl80211_msg_start(family, NL80211_CMD_TRIGGER_SCAN, 0,
					       ifindex);
	struct nlattr *nest;

	if (!msg)
		return NULL;
	/* Active scan always: the listed SSIDs, or one wildcard SSID. */
	nest = nla_nest_start(msg, NL80211_ATTR_SCAN_SSIDS);
	if (!nest)
		return nl80211_msg_fail(msg);
	if (p && p->n_ssids) {
		for (size_t i = 0; i < p->n_ssids; i++) {
			if (p->ssid_lens[i] > DRV_SSID_MAX ||
			    nla_put(msg, (int)i + 1, (int)p->ssid_lens[i],
				    p->ssids[i]) < 0)
				return nl80211_msg_fail(msg);
		}
	} else if (nla_put(msg, 1, 0, "") < 0) {
		return nl80211_msg_fail(msg);
	}
	nla_nest_end(msg, nest);

	if (p && p->n_freqs && p->freqs) {
		nest = nla_nest_start(msg, NL80211_ATTR_SCAN_FREQUENCIES);
		if (!nest)
			return nl80211_msg_fail(msg);
		for (size_t i = 0; i < p->n_freqs; i++)
			if (nla_put_u32(msg, (int)i + 1, p->freqs[i]) < 0)
				return nl80211_msg_fail(msg);
		nla_nest_end(msg, nest);
	}
	return msg;
}

/*
 * mac80211 knows only "MFP on this association" or not: cfg80211's SME
 * turns any USE_MFP other than NO into use_mfp, and NL80211_MFP_OPTIONAL is
 * refused (-EOPNOTSUPP) unless the wiphy has EXT_FEATURE_MFP_OPTIONAL. So
 * "optional" is sent as REQUIRED there: the host passes DRV_MFP_NO when the
 * chosen AP does not advertise MFPC (IEEE 802.11-2020 12.6.3).
 */
uint32_t nl80211_msg_mfp(enum drv_mfp mfp, bool wiphy_mfp_optional)
{
	switch (mfp) {
	case DRV_MFP_NO:
		return NL80211_MFP_NO;
	case DRV_MFP_OPTIONAL:
		return wiphy_mfp_optional ? NL80211_MFP_OPTIONAL
					  : NL80211_MFP_REQUIRED;
	case DRV_MFP_REQUIRED:
		return NL80211_MFP_REQUIRED;
	}
	return NL80211_MFP_NO;
}

struct nl_msg *nl80211_msg_connect(int family, uint32_t ifindex,
				   const struct drv_connect_params *p,
				   bool over_nl80211, bool wiphy_mfp_optional)
{
	struct nl_msg *msg;

	if (!p->ssid || p->ssid_len == 0 || p->ssid_len > DRV_SSID_MAX)
		return NULL;
	msg = nl80211_msg_start_size(family, NL80211_CMD_CONNECT, 0, ifindex,
				     p->ies_len + 1024);
	if (!msg)
		return NULL;
	if (nla_put(msg, NL80211_ATTR_SSID, (int)p->ssid_len, p->ssid) < 0 ||
	    (p->bssid &&
	     nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, p->bssid) < 0) ||
	    (p->freq && nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, p->freq) < 0) ||
	    (p->ies_len &&
	     nla_put(msg, NL80211_ATTR_IE, (int)p->ies_len, p->ies) < 0) ||
	    nla_put_u32(msg, NL80211_ATTR_AUTH_TYPE,
			NL80211_AUTHTYPE_OPEN_SYSTEM) < 0)
		return nl80211_msg_fail(msg);

	if (p->wpa_versions &&
	    nla_put_u32(msg, NL80211_ATTR_WPA_VERSIONS, p->wpa_versions) < 0)
		return nl80211_msg_fail(msg);
	if (p->akm_suite &&
	    nla_put_u32(msg, NL80211_ATTR_AKM_SUITES, p->akm_suite) < 0)
		return nl80211_msg_fail(msg);
	if (p->pairwise_cipher &&
	    nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITES_PAIRWISE,
			p->pairwise_cipher) < 0)
		return nl80211_msg_fail(msg);
	if (p->group_cipher &&
	    nla_put_u32(msg, NL80211_ATTR_CIPHER_SUITE_GROUP,
			p->group_cipher) < 0)
		return nl80211_msg_fail(msg);
	if (p->mfp != DRV_MFP_NO &&
	    nla_put_u32(msg, NL80211_ATTR_USE_MFP,
			nl80211_msg_mfp(p->mfp, wiphy_mfp_optional)) < 0)
		return nl80211_msg_fail(msg);
	/* Privacy bit (IEEE 802.11-2020 9.4.1.4) for any RSN connection. */
	if ((p->wpa_versions || p->pairwise_cipher) &&
	    nla_put_flag(msg, NL80211_ATTR_PRIVACY) < 0)
		return nl80211_msg_fail(msg);
	if (p->control_port && nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT) < 0)
		return nl80211_msg_fail(msg);
	if (p->control_port_ethertype &&
	    nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE,
			p->control_port_ethertype) < 0)
		return nl80211_msg_fail(msg);
	if (over_nl80211 &&
	    nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_OVER_NL80211) < 0)
		return nl80211_msg_fail(msg);
	/* The connection dies with our socket; required for over_nl80211. */
	if (nla_put_flag(msg, NL80211_ATTR_SOCKET_OWNER) < 0)
		return nl80211_msg_fail(msg);
	return msg;
}

struct nl_msg *nl80211_msg_vendor(int family, uint32_t ifindex, uint32_t vendor_id,
				  uint32_t subcmd, const uint8_t *data, size_t len)
{
	struct nl_msg *msg = nl80211_msg_start(family, NL80211_CMD_VENDOR, 0, ifindex);

	if (!msg)
		return NULL;
	if (nla_put_u32(msg, NL80211_ATTR_VENDOR_ID, vendor_id) < 0 ||
	    nla_put_u32(msg, NL80211_ATTR_VENDOR_SUBCMD, subcmd) < 0 ||
	    (len && nla_put(msg, NL80211_ATTR_VENDOR_DATA, (int)len, data) < 0))
		return nl80211_msg_fail(msg);
	return msg;
}

struct nl_msg *nl80211_msg_disconnect(int family, uint32_t ifindex,
				      uint16_t reason)
{
	struct nl_msg *msg = nl80211_msg_start(family, NL80211_CMD_DISCONNECT, 0,
					       ifindex);

	if (msg && nla_put_u16(msg, NL80211_ATTR_REASON_CODE, reason) < 0)
		return nl80211_msg_fail(msg);
	return msg;
}

struct nl_msg *nl80211_msg_control_port_tx(int family, uint32_t ifindex,
					   const uint8_t dst[DRV_ETH_ALEN],
					   uint16_t ethertype,
					   const uint8_t *frame, size_t len,
					   bool no_encrypt)
{
	struct nl_msg *msg;

	if (!frame || !len || len > 65535)
		return NULL;
	msg = nl80211_msg_start_size(family, NL80211_CMD_CONTROL_PORT_FRAME, 0, ifindex,
				     len + 256);
	if (!msg)
		return NULL;
	if (nla_put_u16(msg, NL80211_ATTR_CONTROL_PORT_ETHERTYPE, ethertype) < 0 ||
	    nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, dst) < 0 ||
	    nla_put(msg, NL80211_ATTR_FRAME, (int)len, frame) < 0 ||
	    (no_encrypt &&
	     nla_put_flag(msg, NL80211_ATTR_CONTROL_PORT_NO_ENCRYPT) < 0))
		return nl80211_msg_fail(msg);
	return msg;
}

const char *nl80211_key_type_name(enum drv_key_type type)
{
	switch (type) {
	case DRV_KEY_PAIRWISE:
		return "pairwise";
	case DRV_KEY_GROUP:
		return "group";
	case DRV_KEY_IGTK:
		return "igtk";
	}
	return "?";
}

static int nl80211_msg_key_type_valid(enum drv_key_type type, uint16_t idx,
				      const uint8_t *addr)
{
	switch (type) {
	case DRV_KEY_PAIRWISE:
		return addr && idx <= 1; /* 1 only with Extended Key ID */
	case DRV_KEY_GROUP:
		return idx >= 1 && idx <= 3;
	case DRV_KEY_IGTK:
		return idx == 4 || idx == 5;
	}
	return 0;
}

/*
 * NEW_KEY: nested NL80211_ATTR_KEY {DATA, CIPHER, IDX, SEQ, TYPE
 * [, DEFAULT_TYPES]} plus top-level MAC for a pairwise key (anchors §1.4).
 */
struct nl_msg *nl80211_msg_key_new(int family, uint32_t ifindex,
				   const struct drv_key *k)
{
	struct nl_msg *msg;
	struct nlattr *key, *types;

	if (!nl80211_msg_key_type_valid(k->type, k->idx, k->addr) || !k->key ||
	    !k->key_len || k->key_len > 64 || k->seq_len > 16 ||
	    (k->seq_len && !k->seq))
		return NULL;
	msg = nl80211_msg_start(family, NL80211_CMD_NEW_KEY, 0, ifindex);
	if (!msg)
		return NULL;
	if (k->type == DRV_KEY_PAIRWISE &&
	    nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, k->addr) < 0)
		goto fail;
	key = nla_nest_start(msg, NL80211_ATTR_KEY);
	if (!key ||
	    nla_put(msg, NL80211_KEY_DATA, (int)k->key_len, k->key) < 0 ||
	    nla_put_u32(msg, NL80211_KEY_CIPHER, k->cipher_suite) < 0 ||
	    nla_put_u8(msg, NL80211_KEY_IDX, (uint8_t)k->idx) < 0 ||
	    (k->seq_len &&
	     nla_put(msg, NL80211_KEY_SEQ, (int)k->seq_len, k->seq) < 0) ||
	    nla_put_u32(msg, NL80211_KEY_TYPE,
			k->type == DRV_KEY_PAIRWISE ? NL80211_KEYTYPE_PAIRWISE
						    : NL80211_KEYTYPE_GROUP) < 0)
		goto fail;
	if (k->set_default && k->type == DRV_KEY_GROUP) {
		types = nla_nest_start(msg, NL80211_KEY_DEFAULT_TYPES);
		if (!types ||
		    nla_put_flag(msg, NL80211_KEY_DEFAULT_TYPE_MULTICAST) < 0)
			goto fail;
		nla_nest_end(msg, types);
	}
	nla_nest_end(msg, key);
	return msg;
fail:
	nl80211_msg_free_secret(msg);
	return NULL;
}

struct nl_msg *nl80211_msg_key_del(int family, uint32_t ifindex,
				   enum drv_key_type type, uint16_t idx,
				   const uint8_t *addr)
{
	struct nl_msg *msg;
	struct nlattr *key;

	if (!nl80211_msg_key_type_valid(type, idx, addr))
		return NULL;
	msg = nl80211_msg_start(family, NL80211_CMD_DEL_KEY, 0, ifindex);
	if (!msg)
		return NULL;
	if (type == DRV_KEY_PAIRWISE &&
	    nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, addr) < 0)
		return nl80211_msg_fail(msg);
	key = nla_nest_start(msg, NL80211_ATTR_KEY);
	if (!key || nla_put_u8(msg, NL80211_KEY_IDX, (uint8_t)idx) < 0 ||
	    nla_put_u32(msg, NL80211_KEY_TYPE,
			type == DRV_KEY_PAIRWISE ? NL80211_KEYTYPE_PAIRWISE
						 : NL80211_KEYTYPE_GROUP) < 0)
		return nl80211_msg_fail(msg);
	nla_nest_end(msg, key);
	return msg;
}

/* SET_KEY default: KEY_DEFAULT (+types) for idx 0..3, KEY_DEFAULT_MGMT 4..5. */
struct nl_msg *nl80211_msg_key_default(int family, uint32_t ifindex,
				       uint16_t idx, bool unicast,
				       bool multicast, bool mgmt)
{
	struct nl_msg *msg;
	struct nlattr *key, *types;

	if (mgmt ? (unicast || multicast || idx < 4 || idx > 5)
		 : (!(unicast || multicast) || idx > 3))
		return NULL;
	msg = nl80211_msg_start(family, NL80211_CMD_SET_KEY, 0, ifindex);
	if (!msg)
		return NULL;
	key = nla_nest_start(msg, NL80211_ATTR_KEY);
	if (!key || nla_put_u8(msg, NL80211_KEY_IDX, (uint8_t)idx) < 0 ||
	    nla_put_flag(msg, mgmt ? NL80211_KEY_DEFAULT_MGMT
				   : NL80211_KEY_DEFAULT) < 0)
		return nl80211_msg_fail(msg);
	if (!mgmt) {
		types = nla_nest_start(msg, NL80211_KEY_DEFAULT_TYPES);
		if (!types ||
		    (unicast &&
		     nla_put_flag(msg, NL80211_KEY_DEFAULT_TYPE_UNICAST) < 0) ||
		    (multicast &&
		     nla_put_flag(msg, NL80211_KEY_DEFAULT_TYPE_MULTICAST) < 0))
			return nl80211_msg_fail(msg);
		nla_nest_end(msg, types);
	}
	nla_nest_end(msg, key);
	return msg;
}

/* SET_STATION STA_FLAGS2 {mask = set = AUTHORIZED} (anchors §1.5). */
struct nl_msg *nl80211_msg_station_authorize(int family, uint32_t ifindex,
					     const uint8_t addr[DRV_ETH_ALEN],
					     bool authorized)
{
	struct nl80211_sta_flag_update upd = {
		.mask = 1u << NL80211_STA_FLAG_AUTHORIZED,
		.set = authorized ? 1u << NL80211_STA_FLAG_AUTHORIZED : 0,
	};
	struct nl_msg *msg = nl80211_msg_start(family, NL80211_CMD_SET_STATION, 0,
					       ifindex);

	if (!msg)
		return NULL;
	if (nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, addr) < 0 ||
	    nla_put(msg, NL80211_ATTR_STA_FLAGS2, sizeof(upd), &upd) < 0)
		return nl80211_msg_fail(msg);
	return msg;
}

void nl80211_msg_free_secret(struct nl_msg *msg)
{
	struct nlmsghdr *nlh;

	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	/* The whole allocation may be larger than nlmsg_len; wipe what we used. */
	explicit_bzero(nlh, nlh->nlmsg_len);
	nlmsg_free(msg);
}
