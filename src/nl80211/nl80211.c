/*
 * The nl80211 driver: struct drv_ops over libnl-genl (driver.h).
 *
 * Sockets: "cmd" for commands and dumps; "ev" joined to the config, scan,
 * mlme (and vendor) multicast groups; per interface a connection socket
 * that sends CONNECT with SOCKET_OWNER and so receives the unicast control
 * port frames; a PF_PACKET socket when EAPOL does not go over nl80211; an
 * eventfd that wakes us for notifications met while waiting for an ack.
 *
 * Every notification, and every PF_PACKET frame, goes through one queue in
 * arrival order, and is dispatched from the loop, never from inside a
 * command: the host's callback may call us back safely (but not ->free).
 * Commands wait for the kernel's ack; errors are logged with the command's
 * name and returned as -errno.
 */
#include "nl80211/driver.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <linux/if_ether.h>
#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl80211/bss.h"
#include "nl80211/event.h"
#include "nl80211/link.h"
#include "nl80211/msg.h"
#include "nl80211/netlink.h"
#include "nl80211/pae.h"
#include "nl80211/wiphy.h"

#define CMD_TIMEOUT_MS 5000
#define HELD_EAPOL_MAX 8
#define DUMP_RETRIES 3
#define PAE_FRAME_MAX 4096

enum iface_state {
	IFACE_IDLE,
	IFACE_CONNECTING,      /* CONNECT acked, no result yet */
	IFACE_CONNECTED,
};

/* An EAPOL frame that arrived before the CONNECT result (two sockets race). */
struct held_eapol {
	struct held_eapol *next;
	uint8_t src[DRV_ETH_ALEN];
	uint16_t ethertype;
	bool unencrypted;
	size_t len;
	uint8_t frame[];
};

struct nl80211;

struct nl80211_iface {
	struct nl80211_iface *next;
	struct nl80211 *d;
	uint32_t ifindex;
	uint32_t wiphy;
	char ifname[DRV_IFNAME_MAX];
	uint8_t mac[DRV_ETH_ALEN];
	enum drv_eapol_path path;     /* as set by the host */
	bool over_nl80211;            /* of the current connection */
	struct nl_sock *conn;
	int pae_fd;
	enum iface_state state;
	uint32_t connect_freq;
	struct held_eapol *held;
	size_t n_held;
};

struct nl80211_wiphy {
	struct nl80211_wiphy *next;
	struct nl80211_wiphy_info info;
};

enum pending_kind {
	PENDING_NL,     /* an nl80211 notification (data = nlmsghdr) */
	PENDING_PAE,    /* a PF_PACKET frame (data = 802.1X PDU) */
};

struct pending {
	struct pending *next;
	enum pending_kind kind;
	uint32_t ifindex;               /* PENDING_PAE */
	uint8_t src[DRV_ETH_ALEN];      /* PENDING_PAE */
	uint16_t ethertype;             /* PENDING_PAE */
	size_t len;
	uint8_t data[];
};

struct nl80211 {
	struct drv base;
	struct drv_io io;
	drv_event_cb cb;
	void *cb_ctx;
	int family;
	struct nl_sock *cmd;
	struct nl_sock *ev;
	int efd;
	bool ev_watched, efd_watched;
	struct nl80211_iface *ifaces;
	struct nl80211_wiphy *wiphys;
	struct pending *q_head, *q_tail;
	bool dispatching;
};

/* --- logging -------------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void dlog(struct nl80211 *d, enum drv_log_level level, const char *fmt,
		 ...)
{
	char line[512];
	va_list ap;

	if (!d->io.log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	d->io.log(d->io.ctx, level, "%s", line);
}

static void attr_bad(void *ctx, const char *where, int type, int len)
{
	struct nl80211 *d = ctx;

	if (type < 0)
		dlog(d, DRV_LOG_WARN,
		     "nl80211: %s: %d trailing bytes are not an attribute, ignored",
		     where, len);
	else
		dlog(d, DRV_LOG_WARN,
		     "nl80211: %s: attribute %d malformed (%d bytes), ignored",
		     where, type, len);
}

static void ssid_txt(const uint8_t *ssid, size_t len, char *out, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 5 < size; i++) {
		if (ssid[i] >= 0x20 && ssid[i] < 0x7f && ssid[i] != '\\')
			out[o++] = (char)ssid[i];
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", ssid[i]);
	}
	out[o] = '\0';
}

/* --- lookups -------------------------------------------------------------- */

static struct nl80211_iface *iface_find(struct nl80211 *d, uint32_t ifindex)
{
	for (struct nl80211_iface *i = d->ifaces; i; i = i->next)
		if (i->ifindex == ifindex)
			return i;
	return NULL;
}

static struct nl80211_wiphy *wiphy_find(struct nl80211 *d, uint32_t idx)
{
	for (struct nl80211_wiphy *w = d->wiphys; w; w = w->next)
		if (w->info.idx == idx)
			return w;
	return NULL;
}

static void wiphy_forget(struct nl80211 *d, uint32_t idx)
{
	for (struct nl80211_wiphy **pp = &d->wiphys; *pp; pp = &(*pp)->next) {
		if ((*pp)->info.idx == idx) {
			struct nl80211_wiphy *w = *pp;

			*pp = w->next;
			free(w);
			return;
		}
	}
}

static void emit(struct nl80211 *d, const struct drv_event *ev)
{
	if (d->cb)
		d->cb(d->cb_ctx, ev);
}

/* --- the pending queue ---------------------------------------------------- */

static void queue_push(struct nl80211 *d, struct pending *p, bool wake)
{
	p->next = NULL;
	if (d->q_tail)
		d->q_tail->next = p;
	else
		d->q_head = p;
	d->q_tail = p;
	if (wake) {
		uint64_t one = 1;

		if (write(d->efd, &one, sizeof(one)) < 0)
			dlog(d, DRV_LOG_WARN, "nl80211: eventfd write: %s",
			     strerror(errno));
	}
}

static struct pending *queue_pop(struct nl80211 *d)
{
	struct pending *p = d->q_head;

	if (p) {
		d->q_head = p->next;
		if (!d->q_head)
			d->q_tail = NULL;
	}
	return p;
}

static void queue_nl(struct nl80211 *d, const struct nlmsghdr *nlh, bool wake)
{
	struct pending *p;

	if (nlh->nlmsg_type != d->family)
		return;
	p = malloc(sizeof(*p) + nlh->nlmsg_len);
	if (!p) {
		dlog(d, DRV_LOG_ERROR, "nl80211: out of memory, event lost");
		return;
	}
	memset(p, 0, sizeof(*p));
	p->kind = PENDING_NL;
	p->len = nlh->nlmsg_len;
	memcpy(p->data, nlh, nlh->nlmsg_len);
	queue_push(d, p, wake);
}

/* Notifications met while a command waits: dispatched later, via efd. */
static void notify_deferred(void *ctx, const struct nlmsghdr *nlh)
{
	queue_nl(ctx, nlh, true);
}

/* Notifications read from an fd callback: dispatched right after. */
static void notify_now(void *ctx, const struct nlmsghdr *nlh)
{
	queue_nl(ctx, nlh, false);
}

/* --- commands ------------------------------------------------------------- */

/*
 * Send msg (freed here; wiped first when it carries key material), wait for
 * the ack, log a failure as "<what> on <ifname>: <error> (<-errno>)".
 */
static int cmd_run(struct nl80211 *d, struct nl_sock *sk, struct nl_msg *msg,
		   struct nl80211_reply *reply, const char *what,
		   const char *ifname, bool secret)
{
	char kmsg[160];
	int err;

	if (!msg) {
		dlog(d, DRV_LOG_ERROR,
		     "%s on %s: invalid parameters or out of memory (-22)",
		     what, ifname);
		return -EINVAL;
	}
	err = nl80211_sock_request(sk ? sk : d->cmd, msg, reply,
				   notify_deferred, d, kmsg, sizeof(kmsg),
				   CMD_TIMEOUT_MS);
	if (secret)
		nl80211_msg_free_secret(msg);
	else
		nlmsg_free(msg);
	if (err < 0 && err != -EAGAIN)
		dlog(d, DRV_LOG_ERROR, "%s on %s: %s (%d)%s%s", what, ifname,
		     strerror(-err), err, kmsg[0] ? ": kernel says: " : "", kmsg);
	return err;
}

/* A dump, retried when the kernel reports it was interrupted. */
static int dump_run(struct nl80211 *d, struct nl_msg *(*build)(void *arg),
		    void *arg, struct nl80211_reply *reply, const char *what,
		    const char *ifname)
{
	int err = -EAGAIN;

	for (int i = 0; i < DUMP_RETRIES && err == -EAGAIN; i++) {
		nl80211_reply_clear(reply);
		err = cmd_run(d, NULL, build(arg), reply, what, ifname, false);
	}
	if (err == -EAGAIN)
		dlog(d, DRV_LOG_ERROR, "%s on %s: dump kept changing, gave up",
		     what, ifname);
	return err;
}

/* --- wiphys --------------------------------------------------------------- */

struct wiphy_dump_arg {
	struct nl80211 *d;
	int64_t idx;     /* -1: all */
};

static struct nl_msg *wiphy_dump_build(void *arg)
{
	struct wiphy_dump_arg *a = arg;
	struct nl_msg *msg = nl80211_msg_simple(a->d->family,
						NL80211_CMD_GET_WIPHY,
						NLM_F_DUMP, 0, 0);

	if (!msg)
		return NULL;
	if (nla_put_flag(msg, NL80211_ATTR_SPLIT_WIPHY_DUMP) < 0 ||
	    (a->idx >= 0 &&
	     nla_put_u32(msg, NL80211_ATTR_WIPHY, (uint32_t)a->idx) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Learn (or re-learn) one wiphy, or all with idx -1. */
static int wiphy_fetch(struct nl80211 *d, int64_t idx)
{
	struct wiphy_dump_arg a = { d, idx };
	struct nl80211_reply r = { 0 };
	struct nl80211_wiphy *fresh = NULL;
	int err;

	err = dump_run(d, wiphy_dump_build, &a, &r, "GET_WIPHY", "all radios");
	if (err < 0) {
		nl80211_reply_clear(&r);
		return err;
	}
	for (size_t i = 0; i < r.n; i++) {
		int64_t w = nl80211_wiphy_idx(r.msgs[i]);
		struct nl80211_wiphy *x;

		if (w < 0)
			continue;
		for (x = fresh; x && x->info.idx != (uint32_t)w; x = x->next)
			;
		if (!x) {
			x = calloc(1, sizeof(*x));
			if (!x)
				break;
			x->next = fresh;
			fresh = x;
		}
		nl80211_wiphy_parse(r.msgs[i], &x->info, attr_bad, d);
	}
	nl80211_reply_clear(&r);
	while (fresh) {
		struct nl80211_wiphy *x = fresh;

		fresh = x->next;
		wiphy_forget(d, x->info.idx);
		x->next = d->wiphys;
		d->wiphys = x;
		dlog(d, DRV_LOG_DEBUG,
		     "nl80211: wiphy %u (%s): %zu ciphers, %zu AKMs, control port over nl80211 %s, connect %s",
		     x->info.idx, x->info.name, x->info.n_ciphers,
		     x->info.n_akms,
		     nl80211_wiphy_ext_feature(&x->info,
			NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211) ? "yes" : "no",
		     x->info.supports_connect ? "yes" : "no");
	}
	if (idx >= 0 && !wiphy_find(d, (uint32_t)idx))
		return -ENODEV;
	return 0;
}

static struct nl80211_wiphy *wiphy_get(struct nl80211 *d, uint32_t idx)
{
	struct nl80211_wiphy *w = wiphy_find(d, idx);

	if (!w && wiphy_fetch(d, idx) == 0)
		w = wiphy_find(d, idx);
	return w;
}

/* --- interfaces ----------------------------------------------------------- */

static void held_drop(struct nl80211_iface *i)
{
	while (i->held) {
		struct held_eapol *h = i->held;

		i->held = h->next;
		free(h);
	}
	i->n_held = 0;
}

static void iface_conn_readable(void *arg, int fd);
static void iface_pae_readable(void *arg, int fd);

static void iface_conn_close(struct nl80211_iface *i)
{
	if (!i->conn)
		return;
	i->d->io.unwatch_fd(i->d->io.ctx, nl_socket_get_fd(i->conn));
	nl80211_sock_close(i->conn);
	i->conn = NULL;
}

static void iface_pae_close(struct nl80211_iface *i)
{
	if (i->pae_fd < 0)
		return;
	i->d->io.unwatch_fd(i->d->io.ctx, i->pae_fd);
	close(i->pae_fd);
	i->pae_fd = -1;
}

static int iface_conn_open(struct nl80211_iface *i)
{
	struct nl80211 *d = i->d;
	int err;

	if (i->conn)
		return 0;
	i->conn = nl80211_sock_open(&err);
	if (!i->conn) {
		dlog(d, DRV_LOG_ERROR,
		     "nl80211: connection socket for %s: %s (%d)", i->ifname,
		     strerror(-err), err);
		return err;
	}
	err = d->io.watch_fd(d->io.ctx, nl_socket_get_fd(i->conn),
			     iface_conn_readable, i);
	if (err < 0) {
		dlog(d, DRV_LOG_ERROR, "nl80211: cannot watch %s's socket (%d)",
		     i->ifname, err);
		nl80211_sock_close(i->conn);
		i->conn = NULL;
	}
	return err;
}

static int iface_pae_open(struct nl80211_iface *i)
{
	struct nl80211 *d = i->d;
	int fd, err;

	if (i->pae_fd >= 0)
		return 0;
	fd = nl80211_pae_open(i->ifindex);
	if (fd < 0) {
		dlog(d, DRV_LOG_ERROR,
		     "nl80211: PF_PACKET socket for %s: %s (%d)", i->ifname,
		     strerror(-fd), fd);
		return fd;
	}
	err = d->io.watch_fd(d->io.ctx, fd, iface_pae_readable, i);
	if (err < 0) {
		dlog(d, DRV_LOG_ERROR, "nl80211: cannot watch %s's PAE socket (%d)",
		     i->ifname, err);
		close(fd);
		return err;
	}
	i->pae_fd = fd;
	return 0;
}

static void iface_free(struct nl80211_iface *i)
{
	iface_conn_close(i);
	iface_pae_close(i);
	held_drop(i);
	free(i);
}

static struct nl80211_iface *iface_add(struct nl80211 *d,
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
	i->path = DRV_EAPOL_AUTO;
	i->next = d->ifaces;
	d->ifaces = i;
	dlog(d, DRV_LOG_INFO, "nl80211: interface %s (ifindex %u, wiphy %u) managed",
	     i->ifname, i->ifindex, i->wiphy);
	return i;
}

static void iface_event_fill(const struct nl80211_iface *i,
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
static void iface_remove(struct nl80211 *d, struct nl80211_iface *i)
{
	struct drv_event ev;

	for (struct nl80211_iface **pp = &d->ifaces; *pp; pp = &(*pp)->next) {
		if (*pp == i) {
			*pp = i->next;
			break;
		}
	}
	dlog(d, DRV_LOG_INFO, "nl80211: interface %s (ifindex %u) removed",
	     i->ifname, i->ifindex);
	iface_event_fill(i, DRV_EVENT_IFACE_REMOVED, &ev);
	iface_free(i);
	emit(d, &ev);
}

/* Station interfaces only (NL80211_IFTYPE_STATION). */
static bool iface_wanted(const struct nl80211_event *e)
{
	return e->has_ifindex && e->has_iftype &&
	       e->iftype == NL80211_IFTYPE_STATION;
}

static struct nl_msg *iface_dump_build(void *arg)
{
	struct nl80211 *d = arg;

	return nl80211_msg_simple(d->family, NL80211_CMD_GET_INTERFACE,
				  NLM_F_DUMP, 0, 0);
}

static bool dump_has_iface(struct nl80211 *d, const struct nl80211_reply *r,
			   uint32_t ifindex)
{
	for (size_t k = 0; k < r->n; k++) {
		struct nl80211_event e;

		if (nl80211_event_parse(r->msgs[k], &e, NULL, NULL) == 0 &&
		    iface_wanted(&e) && e.ifindex == ifindex)
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
static int iface_scan(struct nl80211 *d, bool announce, bool prune)
{
	struct nl80211_reply r = { 0 };
	int err;

	err = dump_run(d, iface_dump_build, d, &r, "GET_INTERFACE", "all");
	for (struct nl80211_iface *i = d->ifaces, *next; err == 0 && prune && i;
	     i = next) {
		next = i->next;
		if (!dump_has_iface(d, &r, i->ifindex))
			iface_remove(d, i);
	}
	for (size_t k = 0; err == 0 && k < r.n; k++) {
		struct nl80211_event e;
		struct nl80211_iface *i;
		struct drv_event ev;

		if (nl80211_event_parse(r.msgs[k], &e, attr_bad, d) < 0 ||
		    !iface_wanted(&e) || iface_find(d, e.ifindex))
			continue;
		i = iface_add(d, &e);
		if (i && announce) {
			iface_event_fill(i, DRV_EVENT_IFACE_ADDED, &ev);
			emit(d, &ev);
		}
	}
	nl80211_reply_clear(&r);
	return err;
}

/* --- EAPOL in ------------------------------------------------------------- */

static void eapol_emit(struct nl80211 *d, struct nl80211_iface *i,
		       const uint8_t *src, uint16_t ethertype,
		       const uint8_t *frame, size_t len, bool unencrypted)
{
	struct drv_event ev;

	if (i->state == IFACE_IDLE) {
		dlog(d, DRV_LOG_DEBUG,
		     "nl80211: %s: EAPOL frame while not connected, dropped",
		     i->ifname);
		return;
	}
	if (i->state == IFACE_CONNECTING) {
		/* Hold it until the CONNECT result has been reported. */
		struct held_eapol *h, **pp;

		if (i->n_held == HELD_EAPOL_MAX) {
			dlog(d, DRV_LOG_WARN,
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
	emit(d, &ev);
}

/* After a successful CONNECT result: frames held so far, in order. */
static void held_release(struct nl80211 *d, uint32_t ifindex)
{
	struct nl80211_iface *i = iface_find(d, ifindex);

	while (i && i->held && i->state == IFACE_CONNECTED) {
		struct held_eapol *h = i->held;

		i->held = h->next;
		i->n_held--;
		eapol_emit(d, i, h->src, h->ethertype, h->frame, h->len,
			   h->unencrypted);
		free(h);
		i = iface_find(d, ifindex); /* the callback may have acted */
	}
	if (i && i->state != IFACE_CONNECTED)
		held_drop(i);
}

/* --- notifications -------------------------------------------------------- */

static void ev_connect(struct nl80211 *d, struct nl80211_iface *i,
		       const struct nl80211_event *e)
{
	struct drv_event ev;
	uint32_t ifindex = i->ifindex;

	if (i->state != IFACE_CONNECTING) {
		/* Not a connection we asked for (another program's, or stale). */
		dlog(d, DRV_LOG_DEBUG, "nl80211: %s: CONNECT event not ours, ignored",
		     i->ifname);
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_CONNECT_RESULT;
	ev.ifindex = i->ifindex;
	if (e->has_status) {
		ev.connect.status = e->status;
	} else {
		dlog(d, DRV_LOG_WARN,
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
		i->state = IFACE_CONNECTED;
		dlog(d, DRV_LOG_INFO,
		     "nl80211: %s: connected to %02x:%02x:%02x:%02x:%02x:%02x",
		     i->ifname, e->mac[0], e->mac[1], e->mac[2], e->mac[3],
		     e->mac[4], e->mac[5]);
	} else {
		i->state = IFACE_IDLE;
		held_drop(i);
		dlog(d, DRV_LOG_WARN, "nl80211: %s: connect failed: status %u%s",
		     i->ifname, ev.connect.status,
		     ev.connect.timed_out ? " (timed out)" : "");
	}
	emit(d, &ev);
	held_release(d, ifindex);
}

/*
 * With CONNECT, cfg80211 follows every Deauthentication/Disassociation of
 * the connection with a DISCONNECT notification (reason, by_ap), so that
 * one ends the connection; the frames are only logged. A station that is
 * not connected (or the host tore it down itself) gets no event.
 */
static void ev_mgmt_disconnect(struct nl80211 *d, struct nl80211_iface *i,
			       const struct nl80211_event *e)
{
	uint8_t sa[DRV_ETH_ALEN];
	uint16_t reason;

	if (nl80211_event_mgmt_reason(e->frame, e->frame_len, &reason, sa) < 0) {
		dlog(d, DRV_LOG_WARN, "nl80211: %s: %s without a usable frame",
		     i->ifname, nl80211_cmd_name(e->cmd));
		return;
	}
	dlog(d, DRV_LOG_INFO, "nl80211: %s: %s, reason %u, %s", i->ifname,
	     nl80211_cmd_name(e->cmd), reason,
	     memcmp(sa, i->mac, DRV_ETH_ALEN) ? "from the AP" : "sent by us");
}

static void ev_disconnect(struct nl80211 *d, struct nl80211_iface *i,
			  const struct nl80211_event *e)
{
	struct drv_event ev;

	if (i->state == IFACE_IDLE) {
		dlog(d, DRV_LOG_DEBUG, "nl80211: %s: DISCONNECT while idle, ignored",
		     i->ifname);
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_DISCONNECTED;
	ev.ifindex = i->ifindex;
	ev.disconnect.reason = e->has_reason ? e->reason : 0;
	ev.disconnect.by_ap = e->by_ap;
	i->state = IFACE_IDLE;
	held_drop(i);
	dlog(d, DRV_LOG_INFO, "nl80211: %s: disconnected, reason %u%s",
	     i->ifname, ev.disconnect.reason,
	     e->by_ap ? " (by the AP)" : " (locally generated)");
	emit(d, &ev);
}

static void ev_iface(struct nl80211 *d, const struct nl80211_event *e)
{
	struct nl80211_iface *i;
	struct drv_event ev;

	if (!e->has_ifindex)
		return;
	i = iface_find(d, e->ifindex);
	if (e->cmd == NL80211_CMD_DEL_INTERFACE || !iface_wanted(e)) {
		/* Gone, or no longer a station (SET_INTERFACE). */
		if (i)
			iface_remove(d, i);
		return;
	}
	if (i) {
		if (e->ifname[0])
			snprintf(i->ifname, sizeof(i->ifname), "%s", e->ifname);
		return;
	}
	i = iface_add(d, e);
	if (!i)
		return;
	iface_event_fill(i, DRV_EVENT_IFACE_ADDED, &ev);
	emit(d, &ev);
}

static void ev_wiphy(struct nl80211 *d, const struct nl80211_event *e)
{
	if (!e->has_wiphy)
		return;
	wiphy_forget(d, e->wiphy); /* re-learnt on demand */
	if (e->cmd == NL80211_CMD_NEW_WIPHY) {
		/* A radio moved into our namespace brings its interfaces. */
		iface_scan(d, true, false);
		return;
	}
	for (;;) {
		struct nl80211_iface *i = d->ifaces;

		while (i && i->wiphy != e->wiphy)
			i = i->next;
		if (!i)
			break;
		iface_remove(d, i);
	}
}

static void ev_scan(struct nl80211 *d, struct nl80211_iface *i,
		    enum drv_event_type type)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.ifindex = i->ifindex;
	emit(d, &ev);
}

static void ev_control_port(struct nl80211 *d, struct nl80211_iface *i,
			    const struct nl80211_event *e)
{
	if (!e->frame || !e->frame_len || !e->has_mac) {
		dlog(d, DRV_LOG_WARN,
		     "nl80211: %s: CONTROL_PORT_FRAME without frame or source, dropped",
		     i->ifname);
		return;
	}
	eapol_emit(d, i, e->mac, e->has_ethertype ? e->ethertype : ETH_P_PAE,
		   e->frame, e->frame_len, e->no_encrypt);
}

static void ev_tx_status(struct nl80211 *d, struct nl80211_iface *i,
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
	emit(d, &ev);
}

static void notification_handle(struct nl80211 *d, const struct nlmsghdr *nlh)
{
	struct nl80211_event e;
	struct nl80211_iface *i;

	if (nl80211_event_parse(nlh, &e, attr_bad, d) < 0) {
		dlog(d, DRV_LOG_WARN, "nl80211: truncated notification ignored");
		return;
	}
	switch (e.cmd) {
	case NL80211_CMD_NEW_INTERFACE:
	case NL80211_CMD_SET_INTERFACE:
	case NL80211_CMD_DEL_INTERFACE:
		ev_iface(d, &e);
		return;
	case NL80211_CMD_NEW_WIPHY:
	case NL80211_CMD_DEL_WIPHY:
		ev_wiphy(d, &e);
		return;
	default:
		break;
	}
	/* Everything else concerns an interface we manage, or nobody. */
	if (!e.has_ifindex || !(i = iface_find(d, e.ifindex)))
		return;
	switch (e.cmd) {
	case NL80211_CMD_TRIGGER_SCAN:
		ev_scan(d, i, DRV_EVENT_SCAN_STARTED);
		break;
	case NL80211_CMD_NEW_SCAN_RESULTS:
		ev_scan(d, i, DRV_EVENT_SCAN_DONE);
		break;
	case NL80211_CMD_SCAN_ABORTED:
		ev_scan(d, i, DRV_EVENT_SCAN_ABORTED);
		break;
	case NL80211_CMD_CONNECT:
		ev_connect(d, i, &e);
		break;
	case NL80211_CMD_DEAUTHENTICATE:
	case NL80211_CMD_DISASSOCIATE:
		ev_mgmt_disconnect(d, i, &e);
		break;
	case NL80211_CMD_DISCONNECT:
		ev_disconnect(d, i, &e);
		break;
	case NL80211_CMD_CONTROL_PORT_FRAME:
		ev_control_port(d, i, &e);
		break;
	case NL80211_CMD_CONTROL_PORT_FRAME_TX_STATUS:
		ev_tx_status(d, i, &e);
		break;
	default:
		break;
	}
}

static void pending_handle(struct nl80211 *d, struct pending *p)
{
	struct nl80211_iface *i;

	switch (p->kind) {
	case PENDING_NL:
		notification_handle(d, (const struct nlmsghdr *)p->data);
		break;
	case PENDING_PAE:
		i = iface_find(d, p->ifindex);
		/* Only while the PF_PACKET path is the connection's. */
		if (i && i->pae_fd >= 0 && !i->over_nl80211)
			eapol_emit(d, i, p->src, p->ethertype, p->data, p->len,
				   false);
		break;
	}
}

static void dispatch(struct nl80211 *d)
{
	struct pending *p;

	if (d->dispatching)
		return; /* the outer dispatch will get there */
	d->dispatching = true;
	while ((p = queue_pop(d))) {
		pending_handle(d, p);
		free(p);
	}
	d->dispatching = false;
}

/* --- fd callbacks ---------------------------------------------------------- */

static void sock_drain(struct nl80211 *d, struct nl_sock *sk, const char *name)
{
	int err = nl80211_sock_drain(sk, notify_now, d);

	if (err == -ENOBUFS)
		dlog(d, DRV_LOG_WARN,
		     "nl80211: %s socket overrun: notifications were lost", name);
	else if (err < 0)
		dlog(d, DRV_LOG_ERROR, "nl80211: %s socket: %s (%d)", name,
		     strerror(-err), err);
}

static void ev_readable(void *arg, int fd)
{
	struct nl80211 *d = arg;
	int err;

	(void)fd;
	err = nl80211_sock_drain(d->ev, notify_now, d);
	if (err < 0 && err != -ENOBUFS)
		dlog(d, DRV_LOG_ERROR, "nl80211: event socket: %s (%d)",
		     strerror(-err), err);
	dispatch(d);
	if (err == -ENOBUFS && !d->dispatching) {
		/* Hotplug notifications may be among the lost: re-read. */
		dlog(d, DRV_LOG_WARN,
		     "nl80211: event socket overrun, notifications lost; re-reading interfaces");
		iface_scan(d, true, true);
	}
}

static void efd_readable(void *arg, int fd)
{
	struct nl80211 *d = arg;
	uint64_t v;

	if (read(fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		dlog(d, DRV_LOG_WARN, "nl80211: eventfd read: %s",
		     strerror(errno));
	dispatch(d);
}

static void iface_conn_readable(void *arg, int fd)
{
	struct nl80211_iface *i = arg;
	struct nl80211 *d = i->d;

	(void)fd;
	sock_drain(d, i->conn, "connection");
	dispatch(d); /* i may be gone after this */
}

static void iface_pae_readable(void *arg, int fd)
{
	struct nl80211_iface *i = arg;
	struct nl80211 *d = i->d;
	uint8_t buf[PAE_FRAME_MAX];

	for (;;) {
		uint8_t src[DRV_ETH_ALEN];
		uint16_t proto;
		ssize_t n = nl80211_pae_rx(fd, i->ifindex, buf, sizeof(buf), src,
					   &proto);
		struct pending *p;

		if (n == -EAGAIN)
			break;
		if (n == -EMSGSIZE) {
			dlog(d, DRV_LOG_WARN,
			     "nl80211: %s: oversized EAPOL frame dropped", i->ifname);
			continue;
		}
		if (n < 0) {
			dlog(d, DRV_LOG_ERROR, "nl80211: %s: PF_PACKET receive: %s",
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
		p->ethertype = proto;
		p->len = (size_t)n;
		memcpy(p->data, buf, (size_t)n);
		queue_push(d, p, false);
	}
	dispatch(d);
}

/* --- ops ------------------------------------------------------------------ */

#define D(drv) ((struct nl80211 *)(drv))

static struct nl80211_iface *iface_get(struct nl80211 *d, uint32_t ifindex,
				       const char *what)
{
	struct nl80211_iface *i = iface_find(d, ifindex);

	if (!i)
		dlog(d, DRV_LOG_ERROR,
		     "%s on ifindex %u: not a managed station interface (-19)",
		     what, ifindex);
	return i;
}

static int op_iface_list(struct drv *drv, drv_iface_cb cb, void *ctx)
{
	struct nl80211 *d = D(drv);
	int err = iface_scan(d, false, false);

	if (err < 0)
		return err;
	for (struct nl80211_iface *i = d->ifaces; i; i = i->next)
		cb(ctx, i->ifindex, i->ifname);
	return 0;
}

static int op_capa_get(struct drv *drv, uint32_t ifindex, struct drv_capa *capa)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "capa_get");
	struct nl80211_wiphy *w;

	if (!i)
		return -ENODEV;
	w = wiphy_get(d, i->wiphy);
	if (!w)
		return -ENODEV;
	memset(capa, 0, sizeof(*capa));
	nl80211_wiphy_capa_fill(&w->info, capa);
	memcpy(capa->mac, i->mac, DRV_ETH_ALEN);
	memcpy(capa->ifname, i->ifname, sizeof(capa->ifname));
	return 0;
}

static int op_eapol_path_set(struct drv *drv, uint32_t ifindex,
			     enum drv_eapol_path path)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "eapol_path_set");
	struct nl80211_wiphy *w;

	if (!i)
		return -ENODEV;
	switch (path) {
	case DRV_EAPOL_AUTO:
	case DRV_EAPOL_PACKET:
		break;
	case DRV_EAPOL_NL80211:
		w = wiphy_get(d, i->wiphy);
		if (!w || !nl80211_wiphy_ext_feature(&w->info,
				NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211)) {
			dlog(d, DRV_LOG_ERROR,
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
static int iface_up(struct nl80211 *d, struct nl80211_iface *i, const char *what)
{
	bool was_up = true;
	int err = nl80211_link_up(i->ifindex, &was_up);

	if (err < 0)
		dlog(d, DRV_LOG_ERROR, "%s on %s: cannot bring the interface up: %s (%d)",
		     what, i->ifname, strerror(-err), err);
	else if (!was_up)
		dlog(d, DRV_LOG_INFO, "nl80211: %s was down, brought it up", i->ifname);
	return err;
}

static int op_scan_trigger(struct drv *drv, uint32_t ifindex,
			   const struct drv_scan_params *params)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "TRIGGER_SCAN");

	if (!i)
		return -ENODEV;
	if (iface_up(d, i, "TRIGGER_SCAN") < 0)
		return -ENETDOWN;
	return cmd_run(d, NULL,
		       nl80211_msg_scan_trigger(d->family, ifindex, params),
		       NULL, "TRIGGER_SCAN", i->ifname, false);
}

struct scan_dump_arg {
	struct nl80211 *d;
	uint32_t ifindex;
};

static struct nl_msg *scan_dump_build(void *arg)
{
	struct scan_dump_arg *a = arg;

	return nl80211_msg_simple(a->d->family, NL80211_CMD_GET_SCAN,
				  NLM_F_DUMP, NL80211_ATTR_IFINDEX, a->ifindex);
}

static int op_scan_results(struct drv *drv, uint32_t ifindex, drv_bss_cb cb,
			   void *ctx)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "GET_SCAN");
	struct scan_dump_arg a = { d, ifindex };
	struct nl80211_reply r = { 0 };
	char name[DRV_IFNAME_MAX];
	int err;

	if (!i)
		return -ENODEV;
	memcpy(name, i->ifname, sizeof(name));
	err = dump_run(d, scan_dump_build, &a, &r, "GET_SCAN", name);
	/* The whole dump is in hand: cb may call us back. */
	for (size_t k = 0; err == 0 && k < r.n; k++) {
		struct drv_bss bss;

		if (nl80211_bss_parse(r.msgs[k], &bss, attr_bad, d) == 0)
			cb(ctx, &bss);
	}
	nl80211_reply_clear(&r);
	return err;
}

static int op_connect(struct drv *drv, uint32_t ifindex,
		      const struct drv_connect_params *p)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "CONNECT");
	struct nl80211_wiphy *w;
	bool cp_nl, mfp_opt, over = false;
	char ssid[DRV_SSID_MAX * 4 + 1];
	int err;

	if (!i)
		return -ENODEV;
	if (i->state != IFACE_IDLE) {
		dlog(d, DRV_LOG_ERROR, "CONNECT on %s: already %s (-114)",
		     i->ifname,
		     i->state == IFACE_CONNECTED ? "connected" : "connecting");
		return -EALREADY;
	}
	if (iface_up(d, i, "CONNECT") < 0)
		return -ENETDOWN;
	w = wiphy_get(d, i->wiphy);
	cp_nl = w && nl80211_wiphy_ext_feature(&w->info,
			NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211);
	mfp_opt = w && nl80211_wiphy_ext_feature(&w->info,
			NL80211_EXT_FEATURE_MFP_OPTIONAL);
	switch (i->path) {
	case DRV_EAPOL_AUTO:
		over = cp_nl;
		break;
	case DRV_EAPOL_NL80211:
		if (!cp_nl) {
			dlog(d, DRV_LOG_ERROR,
			     "CONNECT on %s: control port over nl80211 unsupported (-95)",
			     i->ifname);
			return -EOPNOTSUPP;
		}
		over = true;
		break;
	case DRV_EAPOL_PACKET:
		over = false;
		break;
	}
	err = iface_conn_open(i);
	if (err < 0)
		return err;
	if (over) {
		iface_pae_close(i);
	} else {
		/* Open before CONNECT so that message 1 cannot be missed. */
		err = iface_pae_open(i);
		if (err < 0)
			return err;
	}
	ssid_txt(p->ssid, p->ssid_len, ssid, sizeof(ssid));
	dlog(d, DRV_LOG_INFO, "nl80211: %s: CONNECT to \"%s\"%s, EAPOL over %s",
	     i->ifname, ssid, p->bssid ? " (BSSID given)" : "",
	     over ? "nl80211" : "PF_PACKET");
	err = cmd_run(d, i->conn,
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
static void queue_forget_connection(struct nl80211 *d, uint32_t ifindex)
{
	struct pending **pp = &d->q_head, *last = NULL;

	while (*pp) {
		struct pending *p = *pp;
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
static int op_disconnect(struct drv *drv, uint32_t ifindex, uint16_t reason)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "DISCONNECT");
	int err;

	if (!i)
		return -ENODEV;
	err = cmd_run(d, i->conn,
		      nl80211_msg_disconnect(d->family, ifindex, reason), NULL,
		      "DISCONNECT", i->ifname, false);
	if (err < 0 && err != -ENOTCONN)
		return err;
	/* Take in what the kernel said so far; forget this connection's. */
	sock_drain(d, d->ev, "event");
	if (i->conn)
		sock_drain(d, i->conn, "connection");
	queue_forget_connection(d, ifindex);
	i->state = IFACE_IDLE;
	held_drop(i);
	iface_conn_close(i);
	iface_pae_close(i);
	if (d->q_head) {
		uint64_t one = 1;

		if (write(d->efd, &one, sizeof(one)) < 0)
			dlog(d, DRV_LOG_WARN, "nl80211: eventfd write: %s",
			     strerror(errno));
	}
	return err;
}

static int op_eapol_tx(struct drv *drv, uint32_t ifindex,
		       const uint8_t dst[DRV_ETH_ALEN], uint16_t ethertype,
		       const uint8_t *frame, size_t len, bool no_encrypt,
		       uint64_t *cookie)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "EAPOL TX");
	struct nl80211_reply r = { 0 };
	int err;

	if (cookie)
		*cookie = 0;
	if (!i)
		return -ENODEV;
	if (i->state == IFACE_IDLE || (!i->over_nl80211 && i->pae_fd < 0)) {
		dlog(d, DRV_LOG_ERROR, "EAPOL TX on %s: not connected (-107)",
		     i->ifname);
		return -ENOTCONN;
	}
	if (!i->over_nl80211) {
		/* No per-frame no_encrypt here: see pae.c. */
		err = nl80211_pae_tx(i->pae_fd, ifindex, dst, ethertype, frame,
				     len);
		if (err < 0)
			dlog(d, DRV_LOG_ERROR,
			     "EAPOL TX (PF_PACKET, %zu bytes) on %s: %s (%d)", len,
			     i->ifname, strerror(-err), err);
		return err;
	}
	/*
	 * The kernel queues the frame to the driver before it acks, so a key
	 * installed after this call cannot apply to it.
	 */
	err = cmd_run(d, i->conn,
		      nl80211_msg_control_port_tx(d->family, ifindex, dst,
						  ethertype, frame, len,
						  no_encrypt),
		      &r, "CONTROL_PORT_FRAME", i->ifname, false);
	if (err == 0 && cookie) {
		for (size_t k = 0; k < r.n; k++) {
			struct nl80211_event e;

			if (nl80211_event_parse(r.msgs[k], &e, attr_bad, d) == 0 &&
			    e.has_cookie)
				*cookie = e.cookie;
		}
	}
	nl80211_reply_clear(&r);
	return err;
}

static int op_key_new(struct drv *drv, uint32_t ifindex,
		      const struct drv_key *key)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "NEW_KEY");
	char what[64];
	int err;

	if (!i)
		return -ENODEV;
	snprintf(what, sizeof(what), "NEW_KEY (%s, idx %u)",
		 nl80211_key_type_name(key->type), key->idx);
	err = cmd_run(d, NULL, nl80211_msg_key_new(d->family, ifindex, key),
		      NULL, what, i->ifname, true);
	if (err < 0 || !key->set_default || key->type == DRV_KEY_PAIRWISE)
		return err;
	/* NEW_KEY's DEFAULT_TYPES does not set the default: SET_KEY does. */
	snprintf(what, sizeof(what), "SET_KEY (default %s, idx %u)",
		 key->type == DRV_KEY_IGTK ? "mgmt" : "multicast", key->idx);
	return cmd_run(d, NULL,
		       nl80211_msg_key_default(d->family, ifindex, key->idx,
					       false,
					       key->type == DRV_KEY_GROUP,
					       key->type == DRV_KEY_IGTK),
		       NULL, what, i->ifname, false);
}

static int op_key_del(struct drv *drv, uint32_t ifindex,
		      enum drv_key_type type, uint16_t idx, const uint8_t *addr)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "DEL_KEY");
	char what[64];

	if (!i)
		return -ENODEV;
	snprintf(what, sizeof(what), "DEL_KEY (%s, idx %u)",
		 nl80211_key_type_name(type), idx);
	return cmd_run(d, NULL,
		       nl80211_msg_key_del(d->family, ifindex, type, idx, addr),
		       NULL, what, i->ifname, false);
}

static int op_key_default_set(struct drv *drv, uint32_t ifindex, uint16_t idx,
			      bool unicast, bool multicast, bool mgmt)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "SET_KEY");
	char what[80];

	if (!i)
		return -ENODEV;
	snprintf(what, sizeof(what), "SET_KEY (default%s%s%s, idx %u)",
		 unicast ? " unicast" : "", multicast ? " multicast" : "",
		 mgmt ? " mgmt" : "", idx);
	return cmd_run(d, NULL,
		       nl80211_msg_key_default(d->family, ifindex, idx, unicast,
					       multicast, mgmt),
		       NULL, what, i->ifname, false);
}

static int op_station_authorize(struct drv *drv, uint32_t ifindex,
				const uint8_t addr[DRV_ETH_ALEN],
				bool authorized)
{
	struct nl80211 *d = D(drv);
	struct nl80211_iface *i = iface_get(d, ifindex, "SET_STATION");

	if (!i)
		return -ENODEV;
	return cmd_run(d, NULL,
		       nl80211_msg_station_authorize(d->family, ifindex, addr,
						     authorized),
		       NULL,
		       authorized ? "SET_STATION (authorize)"
				  : "SET_STATION (unauthorize)",
		       i->ifname, false);
}

static int op_vendor_cmd(struct drv *drv, uint32_t ifindex, const uint8_t *in,
			 size_t in_len, uint8_t *out, size_t *out_len)
{
	(void)drv;
	(void)ifindex;
	(void)in;
	(void)in_len;
	(void)out;
	if (out_len)
		*out_len = 0;
	return -EOPNOTSUPP;
}

static void op_free(struct drv *drv)
{
	struct nl80211 *d = D(drv);
	struct pending *p;

	if (!d)
		return;
	while (d->ifaces) {
		struct nl80211_iface *i = d->ifaces;

		d->ifaces = i->next;
		iface_free(i);
	}
	while (d->wiphys) {
		struct nl80211_wiphy *w = d->wiphys;

		d->wiphys = w->next;
		free(w);
	}
	while ((p = queue_pop(d)))
		free(p);
	if (d->ev_watched)
		d->io.unwatch_fd(d->io.ctx, nl_socket_get_fd(d->ev));
	if (d->efd_watched)
		d->io.unwatch_fd(d->io.ctx, d->efd);
	if (d->efd >= 0)
		close(d->efd);
	nl80211_sock_close(d->ev);
	nl80211_sock_close(d->cmd);
	free(d);
}

static const struct drv_ops nl80211_ops = {
	.name = "nl80211",
	.free = op_free,
	.iface_list = op_iface_list,
	.capa_get = op_capa_get,
	.eapol_path_set = op_eapol_path_set,
	.scan_trigger = op_scan_trigger,
	.scan_results = op_scan_results,
	.connect = op_connect,
	.disconnect = op_disconnect,
	.eapol_tx = op_eapol_tx,
	.key_new = op_key_new,
	.key_del = op_key_del,
	.key_default_set = op_key_default_set,
	.station_authorize = op_station_authorize,
	.vendor_cmd = op_vendor_cmd,
};

/* --- creation ------------------------------------------------------------- */

static int groups_join(struct nl80211 *d)
{
	static const struct {
		const char *name;
		bool required;
	} groups[] = {
		{ "config", true },
		{ "scan", true },
		{ "mlme", true },
		{ "vendor", false },
	};

	for (size_t k = 0; k < sizeof(groups) / sizeof(groups[0]); k++) {
		int id = genl_ctrl_resolve_grp(d->cmd, "nl80211", groups[k].name);

		if (id < 0) {
			if (!groups[k].required)
				continue;
			dlog(d, DRV_LOG_ERROR,
			     "nl80211: multicast group \"%s\" not found: %s",
			     groups[k].name, nl_geterror(id));
			return -ENOENT;
		}
		if (nl_socket_add_membership(d->ev, id) < 0) {
			dlog(d, DRV_LOG_ERROR,
			     "nl80211: cannot join multicast group \"%s\"",
			     groups[k].name);
			return -EIO;
		}
	}
	return 0;
}

struct drv *nl80211_drv_new(const struct drv_io *io, drv_event_cb cb,
			    void *cb_ctx)
{
	struct nl80211 *d;
	int err;

	if (!io || !io->watch_fd || !io->unwatch_fd)
		return NULL;
	d = calloc(1, sizeof(*d));
	if (!d) {
		if (io->log)
			io->log(io->ctx, DRV_LOG_ERROR, "nl80211: out of memory");
		return NULL;
	}
	d->base.ops = &nl80211_ops;
	d->io = *io;
	d->cb = cb;
	d->cb_ctx = cb_ctx;
	d->efd = -1;

	d->cmd = nl80211_sock_open(&err);
	if (!d->cmd) {
		dlog(d, DRV_LOG_ERROR, "nl80211: generic netlink socket: %s (%d)",
		     strerror(-err), err);
		goto fail;
	}
	d->family = genl_ctrl_resolve(d->cmd, "nl80211");
	if (d->family < 0) {
		dlog(d, DRV_LOG_ERROR,
		     "nl80211: the kernel has no nl80211 (no cfg80211?): %s",
		     nl_geterror(d->family));
		goto fail;
	}
	d->ev = nl80211_sock_open(&err);
	if (!d->ev) {
		dlog(d, DRV_LOG_ERROR, "nl80211: event socket: %s (%d)",
		     strerror(-err), err);
		goto fail;
	}
	if (groups_join(d) < 0)
		goto fail;
	d->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (d->efd < 0) {
		dlog(d, DRV_LOG_ERROR, "nl80211: eventfd: %s", strerror(errno));
		goto fail;
	}
	if (io->watch_fd(io->ctx, nl_socket_get_fd(d->ev), ev_readable, d) < 0)
		goto fail_watch;
	d->ev_watched = true;
	if (io->watch_fd(io->ctx, d->efd, efd_readable, d) < 0)
		goto fail_watch;
	d->efd_watched = true;

	/* Subscribed first, then listed: no hotplug falls in between. */
	if (wiphy_fetch(d, -1) < 0 || iface_scan(d, false, false) < 0)
		goto fail;
	return &d->base;

fail_watch:
	dlog(d, DRV_LOG_ERROR, "nl80211: cannot watch file descriptors");
fail:
	op_free(&d->base);
	return NULL;
}
