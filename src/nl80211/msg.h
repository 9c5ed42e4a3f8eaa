/*
 * Builders for the nl80211 commands the driver sends. Pure: they only fill
 * an nl_msg (family id and ifindex given), so tests can read them back.
 * Messages carrying key material must be freed with nl80211_msg_free_secret.
 */
#ifndef IHVD_NL80211_MSG_H
#define IHVD_NL80211_MSG_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

#include "nl80211/driver.h"

/* Resolved NL80211_MFP_* for params->mfp (see msg.c for why). */
uint32_t nl80211_msg_mfp(enum drv_mfp mfp, bool wiphy_mfp_optional);

/* Each returns NULL on allocation failure or invalid arguments. */
struct nl_msg *nl80211_msg_scan_trigger(int family, uint32_t ifindex,
					const struct drv_scan_params *p);
struct nl_msg *nl80211_msg_connect(int family, uint32_t ifindex,
				   const struct drv_connect_params *p,
				   bool over_nl80211, bool wiphy_mfp_optional);
/* VENDOR: NL80211_ATTR_VENDOR_ID, _SUBCMD and (len > 0) _DATA. */
struct nl_msg *nl80211_msg_vendor(int family, uint32_t ifindex, uint32_t vendor_id,
				  uint32_t subcmd, const uint8_t *data, size_t len);
struct nl_msg *nl80211_msg_disconnect(int family, uint32_t ifindex,
				      uint16_t reason);
struct nl_msg *nl80211_msg_control_port_tx(int family, uint32_t ifindex,
					   const uint8_t dst[DRV_ETH_ALEN],
					   uint16_t ethertype,
					   const uint8_t *frame, size_t len,
					   bool no_encrypt);
struct nl_msg *nl80211_msg_key_new(int family, uint32_t ifindex,
				   const struct drv_key *key);
struct nl_msg *nl80211_msg_key_del(int family, uint32_t ifindex,
				   enum drv_key_type type, uint16_t idx,
				   const uint8_t *addr);
/* -EINVAL (NULL) when mgmt is combined with unicast/multicast. */
struct nl_msg *nl80211_msg_key_default(int family, uint32_t ifindex,
				       uint16_t idx, bool unicast,
				       bool multicast, bool mgmt);
struct nl_msg *nl80211_msg_station_authorize(int family, uint32_t ifindex,
					     const uint8_t addr[DRV_ETH_ALEN],
					     bool authorized);
/* A plain command with the given selector attribute (IFINDEX or WIPHY). */
struct nl_msg *nl80211_msg_simple(int family, uint8_t cmd, int flags,
				  int attr, uint32_t value);

/* Wipe the whole message buffer, then free it. */
void nl80211_msg_free_secret(struct nl_msg *msg);

const char *nl80211_key_type_name(enum drv_key_type type);

#endif
