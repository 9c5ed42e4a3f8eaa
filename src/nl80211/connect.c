// SPDX-License-Identifier: BSD-3-Clause
/*
 * CONNECT, DISCONNECT and EAPOL transmit: a connection's life as the host
 * asks for it (its events come through dispatch.c).
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/nl80211.h>

#include "nl80211/msg.h"
#include "nl80211/pae.h"

static void nl80211_connect_ssid_txt(const uint8_t *ssid, size_t len, char *out,
				     size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 5 < size; i++) {
		if (ssid[i] >= 0x20 && ssid[i] < 0x7f && ssid[i] != '\\')
			out[o++] = (char)ssid[i];
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02x",
					      ssid[i]);
	}
	out[o] = '\0';
}

int nl80211_connect_path_open(struct nl80211 *d, struct nl80211_iface *i,
			      const char *what, bool *over)
{
	struct nl80211_wiphy *w = nl80211_drv_wiphy_get(d, i->wiphy);
	bool cp_nl;
	int err;

	cp_nl = w && nl80211_wiphy_ext_feature(&w->info,
			NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211);
	*over = false;
	switch (i->path) {
	case DRV_EAPOL_AUTO:
		*over = cp_nl;
		break;
	case DRV_EAPOL_NL80211:
		if (!cp_nl) {
			nl80211_log(d, DRV_LOG_ERROR,
			     "%s on %s: control port over nl80211 unsupported (-95)",
				    what, i->ifname);
			return -EOPNOTSUPP;
		}
		*over = true;
		break;
	case DRV_EAPOL_PACKET:
		*over = false;
		break;
	}
	err = nl80211_iface_conn_open(i);
	if (err < 0)
		return err;
	if (*over) {
		nl80211_iface_pae_close(i);
	} else {
		/* Open before CONNECT so that message 1 cannot be missed. */
		err = nl80211_iface_pae_open(i);
		if (err < 0)
			return err;
	}
	return 0;
}

int nl80211_connect_start(struct drv *drv, uint32_t ifindex,
			  const struct drv_connect_params *p)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "CONNECT");
	struct nl80211_wiphy *w;
	bool mfp_opt, over = false;
	char ssid[DRV_SSID_MAX * 4 + 1];
	int err;

	if (!i)
		return -ENODEV;
	if (i->state != IFACE_IDLE) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "CONNECT on %s: already %s (-114)",
			    i->ifname,
		     i->state == IFACE_CONNECTED ? "connected" : "connecting");
		return -EALREADY;
	}
	if (nl80211_iface_up(d, i, "CONNECT") < 0)
		return -ENETDOWN;
	w = nl80211_drv_wiphy_get(d, i->wiphy);
	mfp_opt = w && nl80211_wiphy_ext_feature(&w->info,
			NL80211_EXT_FEATURE_MFP_OPTIONAL);
	err = nl80211_connect_path_open(d, i, "CONNECT", &over);
	if (err < 0)
		return err;
	nl80211_connect_ssid_txt(p->ssid, p->ssid_len, ssid, sizeof(ssid));
	nl80211_log(d, DRV_LOG_INFO,
		    "nl80211: %s: CONNECT to \"%s\"%s, EAPOL over %s",
		    i->ifname, ssid, p->bssid ? " (BSSID given)" : "",
		    over ? "nl80211" : "PF_PACKET");
	err = nl80211_cmd_run(d, i->conn,
		      nl80211_msg_connect(d->family, ifindex, p, over, mfp_opt),
			      NULL, "CONNECT", i->ifname, false);
	if (err < 0)
		return err;
	i->over_nl80211 = over;
	i->connect_freq = p->freq;
	i->state = IFACE_CONNECTING;
	return 0;
}

/* Queued notifications of the connection the host just ended are stale. */
static void nl80211_connect_queue_forget(struct nl80211 *d, uint32_t ifindex)
{
	struct nl80211_pending **pp = &d->q_head, *last = NULL;

	while (*pp) {
		struct nl80211_pending *p = *pp;
		bool drop = false;

		if (p->kind == PENDING_PAE) {
			drop = p->ifindex == ifindex;
		} else {
			struct nl80211_event e;

			if (nl80211_event_parse((struct nlmsghdr *)p->data, &e,
						NULL, NULL) == 0 &&
			    e.has_ifindex && e.ifindex == ifindex)
				switch (e.cmd) {
				case NL80211_CMD_CONNECT:
				case NL80211_CMD_AUTHENTICATE:
				case NL80211_CMD_ASSOCIATE:
				case NL80211_CMD_DEAUTHENTICATE:
				case NL80211_CMD_DISASSOCIATE:
				case NL80211_CMD_DISCONNECT:
				case NL80211_CMD_CONTROL_PORT_FRAME:
				case NL80211_CMD_CONTROL_PORT_FRAME_TX_STATUS:
					drop = true;
					break;
				default:
					break;
				}
		}
		if (drop) {
			*pp = p->next;
			free(p);
		} else {
			last = p;
			pp = &p->next;
		}
	}
	d->q_tail = last;
}

/*
 * Done when it returns: cfg80211 tears the connection down (and sends its
 * DISCONNECT notification) before it acks, so no DRV_EVENT_DISCONNECTED
 * follows a host-requested disconnect.
 */
int nl80211_connect_stop(struct drv *drv, uint32_t ifindex, uint16_t reason)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "DISCONNECT");
	int err;

	if (!i)
		return -ENODEV;
	if (i->state == IFACE_AUTHENTICATING)
		nl80211_sme_auth_abort(d, i);
	err = nl80211_cmd_run(d, i->conn,
		      nl80211_msg_disconnect(d->family, ifindex, reason), NULL,
			      "DISCONNECT", i->ifname, false);
	if (err < 0 && err != -ENOTCONN)
		return err;
	/* Take in what the kernel said so far; forget this connection's. */
	nl80211_dispatch_sock_drain(d, d->ev, "event");
	if (i->conn)
		nl80211_dispatch_sock_drain(d, i->conn, "connection");
	nl80211_connect_queue_forget(d, ifindex);
	i->state = IFACE_IDLE;
	nl80211_iface_held_drop(i);
	nl80211_iface_conn_close(i);
	nl80211_iface_pae_close(i);
	if (d->q_head)
		nl80211_wake(d);
	return err;
}

int nl80211_connect_eapol_tx(struct drv *drv, uint32_t ifindex,
		       const uint8_t dst[DRV_ETH_ALEN], uint16_t ethertype,
			     const uint8_t *frame, size_t len, bool no_encrypt,
			     uint64_t *cookie)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "EAPOL TX");
	struct nl80211_reply r = { 0 };
	int err;

	if (cookie)
		*cookie = 0;
	if (!i)
		return -ENODEV;
	if (i->state == IFACE_IDLE || i->state == IFACE_AUTHENTICATING ||
	    (!i->over_nl80211 && i->pae_fd < 0)) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "EAPOL TX on %s: not connected (-107)",
			    i->ifname);
		return -ENOTCONN;
	}
	if (!i->over_nl80211) {
		/* No per-frame no_encrypt here: see pae.c. */
		err = nl80211_pae_tx(i->pae_fd, ifindex, dst, ethertype, frame,
				     len);
		if (err < 0)
			nl80211_log(d, DRV_LOG_ERROR,
			     "EAPOL TX (PF_PACKET, %zu bytes) on %s: %s (%d)", len,
				    i->ifname, strerror(-err), err);
		return err;
	}
	/*
	 * The kernel queues the frame to the driver before it acks, so a key
	 * installed after this call cannot apply to it.
	 */
	err = nl80211_cmd_run(d, i->conn,
		      nl80211_msg_control_port_tx(d->family, ifindex, dst,
						  ethertype, frame, len,
						  no_encrypt),
			      &r, "CONTROL_PORT_FRAME", i->ifname, false);
	if (err == 0 && cookie) {
		for (size_t k = 0; k < r.n; k++) {
			struct nl80211_event e;

			if (nl80211_event_parse(r.msgs[k], &e, nl80211_attr_bad,
						d) == 0 &&
			    e.has_cookie)
				*cookie = e.cookie;
		}
	}
	nl80211_reply_clear(&r);
	return err;
}
