// SPDX-License-Identifier: BSD-3-Clause
/*
 * The EtherTypes the host listens to besides 0x888E (drv_ops.ethertype_listen):
 * one PF_PACKET SOCK_DGRAM socket per type, bound to the interface and that
 * protocol (pae.c), at most DRV_ETHERTYPE_LISTEN_MAX per interface. Frames
 * go through the same pending queue and received-frame event as EAPOL over
 * PF_PACKET (dispatch.c), reported as encrypted: a packet socket cannot tell
 * (pae.c). 0x888E itself is left to the EAPOL path.
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_ether.h>

#include "nl80211/pae.h"

static void nl80211_ethertype_readable(void *arg, int fd)
{
	struct nl80211_et_sock *s = arg;

	nl80211_iface_packet_drain(s->i, fd, s->type);
}

static void nl80211_ethertype_close(struct nl80211_iface *i, struct nl80211_et_sock *s)
{
	if (s->fd < 0)
		return;
	i->d->io.unwatch_fd(i->d->io.ctx, s->fd);
	close(s->fd);
	s->fd = -1;
	nl80211_log(i->d, DRV_LOG_DEBUG, "nl80211: %s: EtherType 0x%04x no longer received",
		    i->ifname, s->type);
}

void nl80211_ethertype_close_all(struct nl80211_iface *i)
{
	for (size_t k = 0; k < DRV_ETHERTYPE_LISTEN_MAX; k++)
		nl80211_ethertype_close(i, &i->et[k]);
}

bool nl80211_ethertype_listening(const struct nl80211_iface *i, uint16_t type)
{
	for (size_t k = 0; k < DRV_ETHERTYPE_LISTEN_MAX; k++)
		if (i->et[k].fd >= 0 && i->et[k].type == type)
			return true;
	return false;
}

static bool nl80211_ethertype_in(const uint16_t *types, size_t n, uint16_t type)
{
	for (size_t k = 0; k < n; k++)
		if (types[k] == type)
			return true;
	return false;
}

static int nl80211_ethertype_open(struct nl80211_iface *i, struct nl80211_et_sock *s,
				  uint16_t type)
{
	struct nl80211 *d = i->d;
	int fd = nl80211_pae_open(i->ifindex, type), err;

	if (fd < 0) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "nl80211: PF_PACKET socket for EtherType 0x%04x on %s: %s (%d)",
			    type, i->ifname, strerror(-fd), fd);
		return fd;
	}
	s->i = i;
	s->type = type;
	err = d->io.watch_fd(d->io.ctx, fd, nl80211_ethertype_readable, s);
	if (err < 0) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "nl80211: cannot watch %s's EtherType 0x%04x socket (%d)",
			    i->ifname, type, err);
		close(fd);
		return err;
	}
	s->fd = fd;
	nl80211_log(d, DRV_LOG_DEBUG, "nl80211: %s: receiving EtherType 0x%04x",
		    i->ifname, type);
	return 0;
}

int nl80211_ethertype_listen(struct drv *drv, uint32_t ifindex,
			     const uint16_t *types, size_t n)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_find(d, ifindex);
	int ret = 0;

	/* An interface that went away took its sockets along: stopping them is done. */
	if (!i && n)
		nl80211_iface_get(d, ifindex, "ethertype_listen"); /* logs it */
	if (!i)
		return -ENODEV;
	if (n && !types)
		return -EINVAL;
	/* Close the ones no longer listed. */
	for (size_t k = 0; k < DRV_ETHERTYPE_LISTEN_MAX; k++)
		if (i->et[k].fd >= 0 && !nl80211_ethertype_in(types, n, i->et[k].type))
			nl80211_ethertype_close(i, &i->et[k]);
	/* Open the new ones, in list order, while slots last. */
	for (size_t k = 0; k < n; k++) {
		struct nl80211_et_sock *free_slot = NULL;
		int err;

		if (types[k] == ETH_P_PAE || nl80211_ethertype_listening(i, types[k]))
			continue; /* the EAPOL path's, or open already (a duplicate) */
		for (size_t s = 0; s < DRV_ETHERTYPE_LISTEN_MAX && !free_slot; s++)
			if (i->et[s].fd < 0)
				free_slot = &i->et[s];
		if (!free_slot) {
			nl80211_log(d, DRV_LOG_WARN,
				    "nl80211: %s: EtherType 0x%04x not received: at most %d "
				    "EtherTypes besides 0x888E", i->ifname, types[k],
				    DRV_ETHERTYPE_LISTEN_MAX);
			ret = -ENOSPC;
			continue;
		}
		err = nl80211_ethertype_open(i, free_slot, types[k]);
		if (err < 0 && ret == 0)
			ret = err;
	}
	return ret;
}
