// SPDX-License-Identifier: BSD-3-Clause
/*
 * The station interfaces the driver manages: tracked from the interface
 * dump and the config notifications; each with its connection socket and,
 * when EAPOL does not go over nl80211, its PF_PACKET socket.
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/nl80211.h>

#include "nl80211/link.h"
#include "nl80211/msg.h"
#include "nl80211/pae.h"

struct nl80211_iface *nl80211_iface_find(struct nl80211 *d, uint32_t ifindex)
{
	for (struct nl80211_iface *i = d->ifaces; i; i = i->next)
		if (i->ifindex == ifindex)
			return i;
	return NULL;
}

void nl80211_iface_held_drop(struct nl80211_iface *i)
{
	while (i->held) {
		struct nl80211_held_eapol *h = i->held;

		i->held = h->next;
		free(h);
	}
	i->n_held = 0;
}

static void nl80211_iface_conn_readable(void *arg, int fd)
{
	struct nl80211_iface *i = arg;
	struct nl80211 *d = i->d;

	(void)fd;
	nl80211_dispatch_sock_drain(d, i->conn, "connection");
	nl80211_dispatch_run(d); /* i may be gone after this */
}

void nl80211_iface_packet_drain(struct nl80211_iface *i, int fd, uint16_t proto)
{
	struct nl80211 *d = i->d;
	uint8_t buf[NL80211_PAE_FRAME_MAX];

	for (;;) {
		uint8_t src[DRV_ETH_ALEN];
		uint16_t got;
		ssize_t n = nl80211_pae_rx(fd, i->ifindex, proto, buf, sizeof(buf),
					   src, &got);
		struct nl80211_pending *p;

		if (n == -EAGAIN)
			break;
		if (n == -EMSGSIZE) {
			nl80211_log(d, DRV_LOG_WARN,
			     "nl80211: %s: oversized frame (EtherType 0x%04x) dropped",
				    i->ifname, proto);
			continue;
		}
		if (n < 0) {
			nl80211_log(d, DRV_LOG_ERROR,
				    "nl80211: %s: PF_PACKET receive: %s",
				    i->ifname, strerror((int)-n));
			break;
		}
		if (n == 0)
			continue; /* not ours */
		p = malloc(sizeof(*p) + (size_t)n);
		if (!p)
			break;
		memset(p, 0, sizeof(*p));
		p->kind = PENDING_PAE;
		p->ifindex = i->ifindex;
		memcpy(p->src, src, DRV_ETH_ALEN);
		p->ethertype = got;
		p->len = (size_t)n;
		memcpy(p->data, buf, (size_t)n);
		nl80211_queue_push(d, p, false);
	}
	nl80211_dispatch_run(d); /* i may be gone after this */
}

static void nl80211_iface_pae_readable(void *arg, int fd)
{
	nl80211_iface_packet_drain(arg, fd, ETH_P_PAE);
}

void nl80211_iface_conn_close(struct nl80211_iface *i)
{
	if (!i->conn)
		return;
	i->d->io.unwatch_fd(i->d->io.ctx, nl_socket_get_fd(i->conn));
	nl80211_sock_close(i->conn);
	i->conn = NULL;
}

void nl80211_iface_pae_close(struct nl80211_iface *i)
{
	if (i->pae_fd < 0)
		return;
	i->d->io.unwatch_fd(i->d->io.ctx, i->pae_fd);
	close(i->pae_fd);
	i->pae_fd = -1;
}

int nl80211_iface_conn_open(struct nl80211_iface *i)
{
	struct nl80211 *d = i->d;
	int err;

	if (i->conn)
		return 0;
	i->conn = nl80211_sock_open(&err);
	if (!i->conn) {
		nl80211_log(d, DRV_LOG_ERROR,
		     "nl80211: connection socket for %s: %s (%d)", i->ifname,
			    strerror(-err), err);
		return err;
	}
	err = d->io.watch_fd(d->io.ctx, nl_socket_get_fd(i->conn),
			     nl80211_iface_conn_readable, i);
	if (err < 0) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "nl80211: cannot watch %s's socket (%d)",
			    i->ifname, err);
		nl80211_sock_close(i->conn);
		i->conn = NULL;
	}
	return err;
}

int nl80211_iface_pae_open(struct nl80211_iface *i)
{
	struct nl80211 *d = i->d;
	int fd, err;

	if (i->pae_fd >= 0)
		return 0;
	fd = nl80211_pae_open(i->ifindex, ETH_P_PAE);
	if (fd < 0) {
		nl80211_log(d, DRV_LOG_ERROR,
		     "nl80211: PF_PACKET socket for %s: %s (%d)", i->ifname,
			    strerror(-fd), fd);
		return fd;
	}
	err = d->io.watch_fd(d->io.ctx, fd, nl80211_iface_pae_readable, i);
	if (err < 0) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "nl80211: cannot watch %s's PAE socket (%d)",
			    i->ifname, err);
		close(fd);
		return err;
	}
	i->pae_fd = fd;
	return 0;
}

void nl80211_iface_free(struct nl80211_iface *i)
{
	nl80211_iface_conn_close(i);
	nl80211_iface_pae_close(i);
	nl80211_ethertype_close_all(i);
	nl80211_iface_held_drop(i);
	free(i);
}

struct nl80211_iface *nl80211_iface_add(struct nl80211 *d,
					const struct nl80211_event *e)
{
	struct nl80211_iface *i = calloc(1, sizeof(*i));

	if (!i)
		return NULL;
	i->d = d;
	i->ifindex = e->ifindex;
	i->wiphy = e->wiphy;
	snprintf(i->ifname, sizeof(i->ifname), "%s", e->ifname);
	memcpy(i->mac, e->mac, DRV_ETH_ALEN);
	i->pae_fd = -1;
	for (size_t k = 0; k < DRV_ETHERTYPE_LISTEN_MAX; k++)
		i->et[k].fd = -1;
	i->path = DRV_EAPOL_AUTO;
	i->next = d->ifaces;
	d->ifaces = i;
	nl80211_log(d, DRV_LOG_INFO,
		    "nl80211: interface %s (ifindex %u, wiphy %u) managed",
		    i->ifname, i->ifindex, i->wiphy);
	return i;
}

void nl80211_iface_event_fill(const struct nl80211_iface *i,
			      enum drv_event_type type, struct drv_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->ifindex = i->ifindex;
	ev->iface.wiphy = i->wiphy;
	memcpy(ev->iface.ifname, i->ifname, sizeof(ev->iface.ifname));
	memcpy(ev->iface.mac, i->mac, DRV_ETH_ALEN);
}

/* Unlink, report IFACE_REMOVED, free. */
void nl80211_iface_remove(struct nl80211 *d, struct nl80211_iface *i)
{
	struct drv_event ev;

	for (struct nl80211_iface **pp = &d->ifaces; *pp; pp = &(*pp)->next) {
		if (*pp == i) {
			*pp = i->next;
			break;
		}
	}
	nl80211_log(d, DRV_LOG_INFO,
		    "nl80211: interface %s (ifindex %u) removed",
		    i->ifname, i->ifindex);
	nl80211_iface_event_fill(i, DRV_EVENT_IFACE_REMOVED, &ev);
	nl80211_iface_free(i);
	nl80211_emit(d, &ev);
}

/* Station interfaces only (NL80211_IFTYPE_STATION). */
bool nl80211_iface_wanted(const struct nl80211_event *e)
{
	return e->has_ifindex && e->has_iftype &&
	       e->iftype == NL80211_IFTYPE_STATION;
}

static struct nl_msg *nl80211_iface_dump_build(void *arg)
{
	struct nl80211 *d = arg;

	return nl80211_msg_simple(d->family, NL80211_CMD_GET_INTERFACE,
				  NLM_F_DUMP, 0, 0);
}

static bool nl80211_iface_dump_has(struct nl80211 *d,
				   const struct nl80211_reply *r,
				   uint32_t ifindex)
{
	for (size_t k = 0; k < r->n; k++) {
		struct nl80211_event e;

		if (nl80211_event_parse(r->msgs[k], &e, NULL, NULL) == 0 &&
		    nl80211_iface_wanted(&e) && e.ifindex == ifindex)
			return true;
	}
	(void)d;
	return false;
}

/*
 * Dump interfaces and track new station ones; report them as added when
 * announce is set. With prune (after lost notifications), tracked ones the
 * dump no longer shows are reported removed; otherwise their DEL events do.
 */
int nl80211_iface_scan(struct nl80211 *d, bool announce, bool prune)
{
	struct nl80211_reply r = { 0 };
	int err;

	err = nl80211_dump_run(d, nl80211_iface_dump_build, d, &r,
			       "GET_INTERFACE", "all");
	for (struct nl80211_iface *i = d->ifaces, *next; err == 0 && prune && i;
	     i = next) {
		next = i->next;
		if (!nl80211_iface_dump_has(d, &r, i->ifindex))
			nl80211_iface_remove(d, i);
	}
	for (size_t k = 0; err == 0 && k < r.n; k++) {
		struct nl80211_event e;
		struct nl80211_iface *i;
		struct drv_event ev;

		if (nl80211_event_parse(r.msgs[k], &e, nl80211_attr_bad, d) < 0 ||
		    !nl80211_iface_wanted(&e) ||
		    nl80211_iface_find(d, e.ifindex))
			continue;
		i = nl80211_iface_add(d, &e);
		if (i && announce) {
			nl80211_iface_event_fill(i, DRV_EVENT_IFACE_ADDED, &ev);
			nl80211_emit(d, &ev);
		}
	}
	nl80211_reply_clear(&r);
	return err;
}

struct nl80211_iface *nl80211_iface_get(struct nl80211 *d, uint32_t ifindex,
					const char *what)
{
	struct nl80211_iface *i = nl80211_iface_find(d, ifindex);

	if (!i)
		nl80211_log(d, DRV_LOG_ERROR,
		     "%s on ifindex %u: not a managed station interface (-19)",
			    what, ifindex);
	return i;
}

int nl80211_iface_list(struct drv *drv, drv_iface_cb cb, void *ctx)
{
	struct nl80211 *d = nl80211_of(drv);
	int err = nl80211_iface_scan(d, false, false);

	if (err < 0)
		return err;
	for (struct nl80211_iface *i = d->ifaces; i; i = i->next)
		cb(ctx, i->ifindex, i->ifname);
	return 0;
}

int nl80211_iface_capa_get(struct drv *drv, uint32_t ifindex,
			   struct drv_capa *capa)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "capa_get");
	struct nl80211_wiphy *w;

	if (!i)
		return -ENODEV;
	w = nl80211_drv_wiphy_get(d, i->wiphy);
	if (!w)
		return -ENODEV;
	memset(capa, 0, sizeof(*capa));
	nl80211_wiphy_capa_fill(&w->info, capa);
	memcpy(capa->mac, i->mac, DRV_ETH_ALEN);
	memcpy(capa->ifname, i->ifname, sizeof(capa->ifname));
	return 0;
}

int nl80211_iface_eapol_path_set(struct drv *drv, uint32_t ifindex,
				 enum drv_eapol_path path)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex,
						    "eapol_path_set");
	struct nl80211_wiphy *w;

	if (!i)
		return -ENODEV;
	switch (path) {
	case DRV_EAPOL_AUTO:
	case DRV_EAPOL_PACKET:
		break;
	case DRV_EAPOL_NL80211:
		w = nl80211_drv_wiphy_get(d, i->wiphy);
		if (!w || !nl80211_wiphy_ext_feature(&w->info,
				NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211)) {
			nl80211_log(d, DRV_LOG_ERROR,
			     "eapol_path_set on %s: the radio has no control port over nl80211 (-95)",
				    i->ifname);
			return -EOPNOTSUPP;
		}
		break;
	}
	/* Takes effect at the next connect. */
	i->path = path;
	return 0;
}

/* nl80211 scans and connects only on an interface that is up. */
int nl80211_iface_up(struct nl80211 *d, struct nl80211_iface *i,
		     const char *what)
{
	bool was_up = true;
	int err = nl80211_link_up(i->ifindex, &was_up);

	if (err < 0)
		nl80211_log(d, DRV_LOG_ERROR,
			    "%s on %s: cannot bring the interface up: %s (%d)",
			    what, i->ifname, strerror(-err), err);
	else if (!was_up)
		nl80211_log(d, DRV_LOG_INFO,
			    "nl80211: %s was down, brought it up", i->ifname);
	return err;
}
