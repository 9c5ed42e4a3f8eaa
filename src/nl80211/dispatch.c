// SPDX-License-Identifier: BSD-3-Clause
/*
 * Notifications and received EAPOL frames, dispatched from the pending
 * queue in arrival order (nl80211.h), and the fd callbacks that fill it.
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/nl80211.h>

#include "common/hex.h"

static void nl80211_dispatch_eapol(struct nl80211 *d, struct nl80211_iface *i,
				   const uint8_t *src, uint16_t ethertype,
		       const uint8_t *frame, size_t len, bool unencrypted)
{
	struct drv_event ev;

	if (i->state == IFACE_IDLE || i->state == IFACE_AUTHENTICATING) {
		nl80211_log(d, DRV_LOG_DEBUG,
		     "nl80211: %s: EAPOL frame while not connected, dropped",
			    i->ifname);
		return;
	}
	if (i->state == IFACE_CONNECTING) {
		/* Hold it until the CONNECT result has been reported. */
		struct nl80211_held_eapol *h, **pp;

		if (i->n_held == NL80211_HELD_EAPOL_MAX) {
			nl80211_log(d, DRV_LOG_WARN,
			     "nl80211: %s: too many EAPOL frames before the connect result, dropped one",
				    i->ifname);
			return;
		}
		h = malloc(sizeof(*h) + len);
		if (!h)
			return;
		h->next = NULL;
		memcpy(h->src, src, DRV_ETH_ALEN);
		h->ethertype = ethertype;
		h->unencrypted = unencrypted;
		h->len = len;
		memcpy(h->frame, frame, len);
		for (pp = &i->held; *pp; pp = &(*pp)->next)
			;
		*pp = h;
		i->n_held++;
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_EAPOL_RX;
	ev.ifindex = i->ifindex;
	memcpy(ev.eapol.src, src, DRV_ETH_ALEN);
	ev.eapol.ethertype = ethertype;
	ev.eapol.frame = frame;
	ev.eapol.len = len;
	ev.eapol.unencrypted = unencrypted;
	nl80211_emit(d, &ev);
}

/* After a successful CONNECT result: frames held so far, in order. */
static void nl80211_dispatch_held_release(struct nl80211 *d, uint32_t ifindex)
{
	struct nl80211_iface *i = nl80211_iface_find(d, ifindex);

	while (i && i->held && i->state == IFACE_CONNECTED) {
		struct nl80211_held_eapol *h = i->held;

		i->held = h->next;
		i->n_held--;
		nl80211_dispatch_eapol(d, i, h->src, h->ethertype, h->frame,
				       h->len,
				       h->unencrypted);
		free(h);
		/* the callback may have acted */
		i = nl80211_iface_find(d, ifindex);
	}
	if (i && i->state != IFACE_CONNECTED)
		nl80211_iface_held_drop(i);
}

static void nl80211_dispatch_connect(struct nl80211 *d, struct nl80211_iface *i,
				     const struct nl80211_event *e)
{
	struct drv_event ev;
	uint32_t ifindex = i->ifindex;

	if (i->state != IFACE_CONNECTING) {
		/* Not a connection we asked for (another program's, or stale). */
		nl80211_log(d, DRV_LOG_DEBUG,
			    "nl80211: %s: CONNECT event not ours, ignored",
			    i->ifname);
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_CONNECT_RESULT;
	ev.ifindex = i->ifindex;
	if (e->has_status) {
		ev.connect.status = e->status;
	} else {
		nl80211_log(d, DRV_LOG_WARN,
		     "nl80211: %s: CONNECT event without a status code, taken as failure",
			    i->ifname);
		ev.connect.status = 1; /* unspecified failure */
	}
	ev.connect.timed_out = e->timed_out;
	if (e->has_mac)
		memcpy(ev.connect.bssid, e->mac, DRV_ETH_ALEN);
	ev.connect.freq = e->freq ? e->freq : i->connect_freq;
	ev.connect.req_ies = e->req_ies;
	ev.connect.req_ies_len = e->req_ies_len;
	ev.connect.resp_ies = e->resp_ies;
	ev.connect.resp_ies_len = e->resp_ies_len;

	if (ev.connect.status == 0 && !ev.connect.timed_out) {
		char bssid[HEX_MAC_TXT_LEN];

		i->state = IFACE_CONNECTED;
		hex_mac_txt(e->mac, bssid);
		nl80211_log(d, DRV_LOG_INFO, "nl80211: %s: connected to %s",
			    i->ifname, bssid);
	} else {
		i->state = IFACE_IDLE;
		nl80211_iface_held_drop(i);
		nl80211_log(d, DRV_LOG_WARN,
			    "nl80211: %s: connect failed: status %u%s",
			    i->ifname, ev.connect.status,
			    ev.connect.timed_out ? " (timed out)" : "");
	}
	nl80211_emit(d, &ev);
	nl80211_dispatch_held_release(d, ifindex);
}

/*
 * With CONNECT, cfg80211 follows every Deauthentication/Disassociation of
 * the connection with a DISCONNECT notification (reason, by_ap), so that
 * one ends the connection; the frames are only logged. A station that is
 * not connected (or the host tore it down itself) gets no event.
 */
static void nl80211_dispatch_mgmt_disconnect(struct nl80211 *d,
					     struct nl80211_iface *i,
					     const struct nl80211_event *e)
{
	uint8_t sa[DRV_ETH_ALEN];
	uint16_t reason;

	if (nl80211_event_mgmt_reason(e->frame, e->frame_len, &reason, sa)) {
		nl80211_log(d, DRV_LOG_WARN,
			    "nl80211: %s: %s without a usable frame",
			    i->ifname, nl80211_cmd_name(e->cmd));
		return;
	}
	nl80211_log(d, DRV_LOG_INFO, "nl80211: %s: %s, reason %u, %s",
		    i->ifname, nl80211_cmd_name(e->cmd), reason,
	     memcmp(sa, i->mac, DRV_ETH_ALEN) ? "from the AP" : "sent by us");
}

static void nl80211_dispatch_disconnect(struct nl80211 *d,
					struct nl80211_iface *i,
					const struct nl80211_event *e)
{
	struct drv_event ev;

	if (i->state == IFACE_IDLE) {
		nl80211_log(d, DRV_LOG_DEBUG,
			    "nl80211: %s: DISCONNECT while idle, ignored",
			    i->ifname);
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_DISCONNECTED;
	ev.ifindex = i->ifindex;
	ev.disconnect.reason = e->has_reason ? e->reason : 0;
	ev.disconnect.by_ap = e->by_ap;
	i->state = IFACE_IDLE;
	nl80211_iface_held_drop(i);
	nl80211_log(d, DRV_LOG_INFO, "nl80211: %s: disconnected, reason %u%s",
		    i->ifname, ev.disconnect.reason,
		    e->by_ap ? " (by the AP)" : " (locally generated)");
	nl80211_emit(d, &ev);
}

static void nl80211_dispatch_iface(struct nl80211 *d,
				   const struct nl80211_event *e)
{
	struct nl80211_iface *i;
	struct drv_event ev;

	if (!e->has_ifindex)
		return;
	i = nl80211_iface_find(d, e->ifindex);
	if (e->cmd == NL80211_CMD_DEL_INTERFACE || !nl80211_iface_wanted(e)) {
		/* Gone, or no longer a station (SET_INTERFACE). */
		if (i)
			nl80211_iface_remove(d, i);
		return;
	}
	if (i) {
		if (e->ifname[0])
			snprintf(i->ifname, sizeof(i->ifname), "%s", e->ifname);
		return;
	}
	i = nl80211_iface_add(d, e);
	if (!i)
		return;
	nl80211_iface_event_fill(i, DRV_EVENT_IFACE_ADDED, &ev);
	nl80211_emit(d, &ev);
}

static void nl80211_dispatch_wiphy(struct nl80211 *d,
				   const struct nl80211_event *e)
{
	if (!e->has_wiphy)
		return;
	nl80211_drv_wiphy_forget(d, e->wiphy); /* re-learnt on demand */
	if (e->cmd == NL80211_CMD_NEW_WIPHY) {
		/* A radio moved into our namespace brings its interfaces. */
		nl80211_iface_scan(d, true, false);
		return;
	}
	for (;;) {
		struct nl80211_iface *i = d->ifaces;

		while (i && i->wiphy != e->wiphy)
			i = i->next;
		if (!i)
			break;
		nl80211_iface_remove(d, i);
	}
}

static void nl80211_dispatch_scan(struct nl80211 *d, struct nl80211_iface *i,
				  enum drv_event_type type)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.ifindex = i->ifindex;
	nl80211_emit(d, &ev);
}

static void nl80211_dispatch_control_port(struct nl80211 *d,
					  struct nl80211_iface *i,
					  const struct nl80211_event *e)
{
	if (!e->frame || !e->frame_len || !e->has_mac) {
		nl80211_log(d, DRV_LOG_WARN,
		     "nl80211: %s: CONTROL_PORT_FRAME without frame or source, dropped",
			    i->ifname);
		return;
	}
	nl80211_dispatch_eapol(d, i, e->mac,
			       e->has_ethertype ? e->ethertype : ETH_P_PAE,
			       e->frame, e->frame_len, e->no_encrypt);
}

static void nl80211_dispatch_tx_status(struct nl80211 *d,
				       struct nl80211_iface *i,
				       const struct nl80211_event *e)
{
	struct drv_event ev;

	if (!e->has_cookie)
		return;
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_EAPOL_TX_STATUS;
	ev.ifindex = i->ifindex;
	ev.tx_status.cookie = e->cookie;
	ev.tx_status.acked = e->ack;
	nl80211_emit(d, &ev);
}

/*
 * What the driver tells about the link (for the plugin's ReceiveIndication):
 * MICHAEL_MIC_FAILURE, PMKSA_CANDIDATE, NOTIFY_CQM. Incomplete ones are
 * dropped.
 */
static void nl80211_dispatch_link_event(struct nl80211 *d, struct nl80211_iface *i,
					const struct nl80211_event *e)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ifindex = i->ifindex;
	switch (e->cmd) {
	case NL80211_CMD_MICHAEL_MIC_FAILURE:
		if (!e->has_mac)
			return;
		ev.type = DRV_EVENT_MIC_FAILURE;
		memcpy(ev.mic_failure.addr, e->mac, DRV_ETH_ALEN);
		ev.mic_failure.group = e->has_key_type && e->key_type == NL80211_KEYTYPE_GROUP;
		ev.mic_failure.key_idx = e->key_idx;
		break;
	case NL80211_CMD_PMKSA_CANDIDATE:
		if (!e->has_pmksa)
			return;
		ev.type = DRV_EVENT_PMKSA_CANDIDATE;
		memcpy(ev.pmksa.bssid, e->pmksa_bssid, DRV_ETH_ALEN);
		ev.pmksa.index = e->pmksa_index;
		ev.pmksa.preauth = e->pmksa_preauth;
		break;
	default: /* NL80211_CMD_NOTIFY_CQM */
		if (!e->cqm_beacon_loss && e->cqm_rssi_event < 0)
			return;
		ev.type = DRV_EVENT_CQM;
		ev.cqm.beacon_loss = e->cqm_beacon_loss;
		ev.cqm.rssi_low = e->cqm_rssi_event == NL80211_CQM_RSSI_THRESHOLD_EVENT_LOW;
		ev.cqm.has_rssi = e->has_cqm_rssi_level;
		ev.cqm.rssi_dbm = e->cqm_rssi_level;
		break;
	}
	nl80211_emit(d, &ev);
}

static void nl80211_dispatch_notification(struct nl80211 *d,
					  const struct nlmsghdr *nlh)
{
	struct nl80211_event e;
	struct nl80211_iface *i;

	if (nl80211_event_parse(nlh, &e, nl80211_attr_bad, d) < 0) {
		nl80211_log(d, DRV_LOG_WARN,
			    "nl80211: truncated notification ignored");
		return;
	}
	switch (e.cmd) {
	case NL80211_CMD_NEW_INTERFACE:
	case NL80211_CMD_SET_INTERFACE:
	case NL80211_CMD_DEL_INTERFACE:
		nl80211_dispatch_iface(d, &e);
		return;
	case NL80211_CMD_NEW_WIPHY:
	case NL80211_CMD_DEL_WIPHY:
		nl80211_dispatch_wiphy(d, &e);
		return;
	default:
		break;
	}
	/* Everything else concerns an interface we manage, or nobody. */
	if (!e.has_ifindex || !(i = nl80211_iface_find(d, e.ifindex)))
		return;
	switch (e.cmd) {
	case NL80211_CMD_TRIGGER_SCAN:
		nl80211_dispatch_scan(d, i, DRV_EVENT_SCAN_STARTED);
		break;
	case NL80211_CMD_NEW_SCAN_RESULTS:
		nl80211_dispatch_scan(d, i, DRV_EVENT_SCAN_DONE);
		break;
	case NL80211_CMD_SCAN_ABORTED:
		nl80211_dispatch_scan(d, i, DRV_EVENT_SCAN_ABORTED);
		break;
	case NL80211_CMD_CONNECT:
		nl80211_dispatch_connect(d, i, &e);
		break;
	case NL80211_CMD_AUTHENTICATE:
		nl80211_sme_auth_event(d, i, &e);
		break;
	case NL80211_CMD_DEAUTHENTICATE:
	case NL80211_CMD_DISASSOCIATE:
		nl80211_dispatch_mgmt_disconnect(d, i, &e);
		break;
	case NL80211_CMD_DISCONNECT:
		nl80211_dispatch_disconnect(d, i, &e);
		break;
	case NL80211_CMD_CONTROL_PORT_FRAME:
		nl80211_dispatch_control_port(d, i, &e);
		break;
	case NL80211_CMD_CONTROL_PORT_FRAME_TX_STATUS:
		nl80211_dispatch_tx_status(d, i, &e);
		break;
	case NL80211_CMD_MICHAEL_MIC_FAILURE:
	case NL80211_CMD_PMKSA_CANDIDATE:
	case NL80211_CMD_NOTIFY_CQM:
		nl80211_dispatch_link_event(d, i, &e);
		break;
	default:
		break;
	}
}

static void nl80211_dispatch_pending(struct nl80211 *d,
				     struct nl80211_pending *p)
{
	struct nl80211_iface *i;

	switch (p->kind) {
	case PENDING_NL:
		nl80211_dispatch_notification(d,
					      (const struct nlmsghdr *)p->data);
		break;
	case PENDING_PAE:
		i = nl80211_iface_find(d, p->ifindex);
		/*
		 * 0x888E only while the PF_PACKET path is the connection's;
		 * another EtherType while the host still listens to it.
		 */
		if (i && (p->ethertype == ETH_P_PAE ?
			  i->pae_fd >= 0 && !i->over_nl80211 :
			  nl80211_ethertype_listening(i, p->ethertype)))
			nl80211_dispatch_eapol(d, i, p->src, p->ethertype,
					       p->data, p->len,
					       false);
		break;
	}
}

void nl80211_dispatch_run(struct nl80211 *d)
{
	struct nl80211_pending *p;

	if (d->dispatching)
		return; /* the outer dispatch will get there */
	d->dispatching = true;
	while ((p = nl80211_queue_pop(d))) {
		nl80211_dispatch_pending(d, p);
		free(p);
	}
	d->dispatching = false;
}

void nl80211_dispatch_sock_drain(struct nl80211 *d, struct nl_sock *sk,
				 const char *name)
{
	int err = nl80211_sock_drain(sk, nl80211_notify_now, d);

	if (err == -ENOBUFS && sk == d->ev) {
		/* the re-read comes from the loop, as the dispatch does */
		d->ev_overrun = true;
		nl80211_wake(d);
	} else if (err == -ENOBUFS) {
		nl80211_log(d, DRV_LOG_WARN,
		     "nl80211: %s socket overrun: notifications were lost", name);
	} else if (err < 0) {
		nl80211_log(d, DRV_LOG_ERROR, "nl80211: %s socket: %s (%d)",
			    name,
			    strerror(-err), err);
	}
}

/* Is an end of ifindex's scan (NEW_SCAN_RESULTS or SCAN_ABORTED) queued, not yet dispatched? */
bool nl80211_dispatch_scan_end_queued(struct nl80211 *d, uint32_t ifindex)
{
	for (const struct nl80211_pending *p = d->q_head; p; p = p->next) {
		struct nl80211_event e;

		if (p->kind != PENDING_NL ||
		    nl80211_event_parse((const struct nlmsghdr *)p->data, &e, NULL, NULL) ||
		    !e.has_ifindex || e.ifindex != ifindex)
			continue;
		if (e.cmd == NL80211_CMD_NEW_SCAN_RESULTS || e.cmd == NL80211_CMD_SCAN_ABORTED)
			return true;
	}
	return false;
}

/* After an event socket overrun, once no dispatch runs: hotplug notifications may be lost. */
static void nl80211_dispatch_overrun_reread(struct nl80211 *d)
{
	if (!d->ev_overrun || d->dispatching)
		return;
	d->ev_overrun = false;
	nl80211_log(d, DRV_LOG_WARN,
	     "nl80211: event socket overrun, notifications lost; re-reading interfaces");
	nl80211_iface_scan(d, true, true);
}

void nl80211_dispatch_ev_readable(void *arg, int fd)
{
	struct nl80211 *d = arg;
	int err;

	(void)fd;
	err = nl80211_sock_drain(d->ev, nl80211_notify_now, d);
	if (err == -ENOBUFS) {
		d->ev_overrun = true;
		nl80211_wake(d); /* met inside a dispatch: the eventfd brings the re-read */
	} else if (err < 0) {
		nl80211_log(d, DRV_LOG_ERROR, "nl80211: event socket: %s (%d)",
			    strerror(-err), err);
	}
	nl80211_dispatch_run(d);
	nl80211_dispatch_overrun_reread(d);
}

void nl80211_dispatch_efd_readable(void *arg, int fd)
{
	struct nl80211 *d = arg;
	uint64_t v;

	if (read(fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		nl80211_log(d, DRV_LOG_WARN, "nl80211: eventfd read: %s",
			    strerror(errno));
	nl80211_dispatch_run(d);
	nl80211_dispatch_overrun_reread(d);
}
