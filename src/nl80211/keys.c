// SPDX-License-Identifier: BSD-3-Clause
/* Keys (NEW_KEY, DEL_KEY, SET_KEY) and the station's authorized flag. */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <stdio.h>
#include <linux/nl80211.h>

#include "nl80211/msg.h"

int nl80211_keys_new(struct drv *drv, uint32_t ifindex,
		     const struct drv_key *key)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "NEW_KEY");
	char what[64];
	int err;

	if (!i)
		return -ENODEV;
	snprintf(what, sizeof(what), "NEW_KEY (%s, idx %u)",
		 nl80211_key_type_name(key->type), key->idx);
	err = nl80211_cmd_run(d, NULL,
			      nl80211_msg_key_new(d->family, ifindex, key),
			      NULL, what, i->ifname, true);
	if (err < 0 || !key->set_default || key->type == DRV_KEY_PAIRWISE)
		return err;
	/* NEW_KEY's DEFAULT_TYPES does not set the default: SET_KEY does. */
	snprintf(what, sizeof(what), "SET_KEY (default %s, idx %u)",
		 key->type == DRV_KEY_IGTK ? "mgmt" : "multicast", key->idx);
	return nl80211_cmd_run(d, NULL,
		       nl80211_msg_key_default(d->family, ifindex, key->idx,
					       false,
					       key->type == DRV_KEY_GROUP,
					       key->type == DRV_KEY_IGTK),
			       NULL, what, i->ifname, false);
}

int nl80211_keys_del(struct drv *drv, uint32_t ifindex,
		     enum drv_key_type type, uint16_t idx, const uint8_t *addr)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "DEL_KEY");
	char what[64];

	if (!i)
		return -ENODEV;
	snprintf(what, sizeof(what), "DEL_KEY (%s, idx %u)",
		 nl80211_key_type_name(type), idx);
	return nl80211_cmd_run(d, NULL,
		       nl80211_msg_key_del(d->family, ifindex, type, idx, addr),
			       NULL, what, i->ifname, false);
}

int nl80211_keys_default_set(struct drv *drv, uint32_t ifindex, uint16_t idx,
			     bool unicast, bool multicast, bool mgmt)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "SET_KEY");
	char what[80];

	if (!i)
		return -ENODEV;
	snprintf(what, sizeof(what), "SET_KEY (default%s%s%s, idx %u)",
		 unicast ? " unicast" : "", multicast ? " multicast" : "",
		 mgmt ? " mgmt" : "", idx);
	return nl80211_cmd_run(d, NULL,
		       nl80211_msg_key_default(d->family, ifindex, idx, unicast,
					       multicast, mgmt),
			       NULL, what, i->ifname, false);
}

int nl80211_keys_station_authorize(struct drv *drv, uint32_t ifindex,
				   const uint8_t addr[DRV_ETH_ALEN],
				   bool authorized)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "SET_STATION");

	if (!i)
		return -ENODEV;
	return nl80211_cmd_run(d, NULL,
		       nl80211_msg_station_authorize(d->family, ifindex, addr,
						     authorized),
			       NULL, authorized ? "SET_STATION (authorize)"
				  : "SET_STATION (unauthorize)",
			       i->ifname, false);
}
