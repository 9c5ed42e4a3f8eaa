// SPDX-License-Identifier: BSD-3-Clause
/*
 * The nl80211 driver instance (nl80211.h): logging, the pending queue,
 * commands and dumps, the wiphy cache, the ops table, creation and free.
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl80211/msg.h"

void nl80211_log(struct nl80211 *d, enum drv_log_level level, const char *fmt,
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

void nl80211_attr_bad(void *ctx, const char *where, int type, int len)
{
	struct nl80211 *d = ctx;

	if (type < 0)
		nl80211_log(d, DRV_LOG_WARN,
		     "nl80211: %s: %d trailing bytes are not an attribute, ignored",
			    where, len);
	else
		nl80211_log(d, DRV_LOG_WARN,
		     "nl80211: %s: attribute %d malformed (%d bytes), ignored",
			    where, type, len);
}

static struct nl80211_wiphy *nl80211_drv_wiphy_find(struct nl80211 *d,
						    uint32_t idx)
{
	for (struct nl80211_wiphy *w = d->wiphys; w; w = w->next)
		if (w->info.idx == idx)
			return w;
	return NULL;
}

void nl80211_drv_wiphy_forget(struct nl80211 *d, uint32_t idx)
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

void nl80211_emit(struct nl80211 *d, const struct drv_event *ev)
{
	if (d->cb)
		d->cb(d->cb_ctx, ev);
}

void nl80211_wake(struct nl80211 *d)
{
	uint64_t one = 1;

	if (write(d->efd, &one, sizeof(one)) < 0)
		nl80211_log(d, DRV_LOG_WARN, "nl80211: eventfd write: %s",
			    strerror(errno));
}

void nl80211_queue_push(struct nl80211 *d, struct nl80211_pending *p, bool wake)
{
	p->next = NULL;
	if (d->q_tail)
		d->q_tail->next = p;
	else
		d->q_head = p;
	d->q_tail = p;
	if (wake)
		nl80211_wake(d);
}

struct nl80211_pending *nl80211_queue_pop(struct nl80211 *d)
{
	struct nl80211_pending *p = d->q_head;

	if (p) {
		d->q_head = p->next;
		if (!d->q_head)
			d->q_tail = NULL;
	}
	return p;
}

static void nl80211_queue_nl(struct nl80211 *d, const struct nlmsghdr *nlh,
			     bool wake)
{
	struct nl80211_pending *p;

	if (nlh->nlmsg_type != d->family)
		return;
	p = malloc(sizeof(*p) + nlh->nlmsg_len);
	if (!p) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "nl80211: out of memory, event lost");
		return;
	}
	memset(p, 0, sizeof(*p));
	p->kind = PENDING_NL;
	p->len = nlh->nlmsg_len;
	memcpy(p->data, nlh, nlh->nlmsg_len);
	nl80211_queue_push(d, p, wake);
}

/* Notifications met while a command waits: dispatched later, via efd. */
static void nl80211_notify_deferred(void *ctx, const struct nlmsghdr *nlh)
{
	nl80211_queue_nl(ctx, nlh, true);
}

/* Notifications read from an fd callback: dispatched right after. */
void nl80211_notify_now(void *ctx, const struct nlmsghdr *nlh)
{
	nl80211_queue_nl(ctx, nlh, false);
}

/*
 * Send msg (freed here; wiped first when it carries key material), wait for
 * the ack, log a failure as "<what> on <ifname>: <error> (<-errno>)".
 */
int nl80211_cmd_run(struct nl80211 *d, struct nl_sock *sk, struct nl_msg *msg,
		    struct nl80211_reply *reply, const char *what,
		    const char *ifname, bool secret)
{
	char kmsg[160];
	int err;

	if (!msg) {
		nl80211_log(d, DRV_LOG_ERROR,
		     "%s on %s: invalid parameters or out of memory (-22)",
			    what, ifname);
		return -EINVAL;
	}
	err = nl80211_sock_request(sk ? sk : d->cmd, msg, reply,
				   nl80211_notify_deferred, d, kmsg,
				   sizeof(kmsg), NL80211_CMD_TIMEOUT_MS);
	if (secret)
		nl80211_msg_free_secret(msg);
	else
		nlmsg_free(msg);
	if (err < 0 && err != -EAGAIN)
		nl80211_log(d, DRV_LOG_ERROR, "%s on %s: %s (%d)%s%s", what,
			    ifname,
		     strerror(-err), err, kmsg[0] ? ": kernel says: " : "", kmsg);
	return err;
}

/* A dump, retried when the kernel reports it was interrupted. */
int nl80211_dump_run(struct nl80211 *d, struct nl_msg *(*build)(void *arg),
		     void *arg, struct nl80211_reply *reply, const char *what,
		     const char *ifname)
{
	int err = -EAGAIN;

	for (int i = 0; i < NL80211_DUMP_RETRIES && err == -EAGAIN; i++) {
		nl80211_reply_clear(reply);
		err = nl80211_cmd_run(d, NULL, build(arg), reply, what, ifname,
				      false);
	}
	if (err == -EAGAIN)
		nl80211_log(d, DRV_LOG_ERROR,
			    "%s on %s: dump kept changing, gave up",
			    what, ifname);
	return err;
}

struct wiphy_dump_arg {
	struct nl80211 *d;
	int64_t idx;     /* -1: all */
};

static struct nl_msg *nl80211_drv_wiphy_dump_build(void *arg)
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
static int nl80211_drv_wiphy_fetch(struct nl80211 *d, int64_t idx)
{
	struct wiphy_dump_arg a = { d, idx };
	struct nl80211_reply r = { 0 };
	struct nl80211_wiphy *fresh = NULL;
	int err;

	err = nl80211_dump_run(d, nl80211_drv_wiphy_dump_build, &a, &r,
			       "GET_WIPHY", "all radios");
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
		nl80211_wiphy_parse(r.msgs[i], &x->info, nl80211_attr_bad, d);
	}
	nl80211_reply_clear(&r);
	while (fresh) {
		struct nl80211_wiphy *x = fresh;

		fresh = x->next;
		nl80211_drv_wiphy_forget(d, x->info.idx);
		x->next = d->wiphys;
		d->wiphys = x;
		nl80211_log(d, DRV_LOG_DEBUG,
		     "nl80211: wiphy %u (%s): %zu ciphers, %zu AKMs, control port over nl80211 %s, connect %s",
			    x->info.idx, x->info.name, x->info.n_ciphers,
			    x->info.n_akms,
			    nl80211_wiphy_ext_feature(&x->info,
			NL80211_EXT_FEATURE_CONTROL_PORT_OVER_NL80211) ? "yes" : "no",
			    x->info.supports_connect ? "yes" : "no");
	}
	if (idx >= 0 && !nl80211_drv_wiphy_find(d, (uint32_t)idx))
		return -ENODEV;
	return 0;
}

struct nl80211_wiphy *nl80211_drv_wiphy_get(struct nl80211 *d, uint32_t idx)
{
	struct nl80211_wiphy *w = nl80211_drv_wiphy_find(d, idx);

	if (!w && nl80211_drv_wiphy_fetch(d, idx) == 0)
		w = nl80211_drv_wiphy_find(d, idx);
	return w;
}

/* Little-endian u32 at p. */
static uint32_t nl80211_drv_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * Dot11ExtNicSpecificExtension as NL80211_CMD_VENDOR. The request buffer is
 * { u32 vendor OUI, u32 subcommand (both little-endian), then the vendor
 * data }; the reply is the NL80211_ATTR_VENDOR_DATA of the kernel's answer
 * (empty when it has none). A radio without that vendor command answers
 * -EOPNOTSUPP (the kernel's own verdict), which the host passes on as
 * ERROR_NOT_SUPPORTED. A reply larger than *out_len: -ENOBUFS, *out_len
 * its size.
 */
static int nl80211_drv_vendor_cmd(struct drv *drv, uint32_t ifindex,
				  const uint8_t *in,
				  size_t in_len, uint8_t *out, size_t *out_len)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "VENDOR");
	struct nl80211_reply r = { 0 };
	size_t cap = out_len ? *out_len : 0, got = 0;
	char what[48];
	int err;

	if (out_len)
		*out_len = 0;
	if (!i)
		return -ENODEV;
	if (!in || in_len < 8)
		return -EINVAL;
	snprintf(what, sizeof(what), "VENDOR (%06x/%u)", nl80211_drv_le32(in),
		 nl80211_drv_le32(in + 4));
	err = nl80211_cmd_run(d, NULL,
			      nl80211_msg_vendor(d->family, ifindex, nl80211_drv_le32(in),
						 nl80211_drv_le32(in + 4), in + 8, in_len - 8),
			      &r, what, i->ifname, true);
	for (size_t k = 0; err == 0 && k < r.n; k++) {
		struct nlattr *tb[NL80211_ATTR_MAX + 1];
		static const struct nla_policy pol[NL80211_ATTR_MAX + 1] = {
			[NL80211_ATTR_VENDOR_DATA] = { .type = NLA_UNSPEC },
		};

		nl80211_attr_parse_genl(tb, NL80211_ATTR_MAX, r.msgs[k], 0, pol, "VENDOR",
					nl80211_attr_bad, d);
		if (!tb[NL80211_ATTR_VENDOR_DATA])
			continue;
		got = (size_t)nla_len(tb[NL80211_ATTR_VENDOR_DATA]);
		if (got > cap || (got && !out)) {
			err = -ENOBUFS;
			break;
		}
		memcpy(out, nla_data(tb[NL80211_ATTR_VENDOR_DATA]), got);
	}
	nl80211_reply_clear(&r);
	if (out_len)
		*out_len = got;
	return err;
}

static void nl80211_drv_free(struct drv *drv)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_pending *p;

	if (!d)
		return;
	while (d->ifaces) {
		struct nl80211_iface *i = d->ifaces;

		d->ifaces = i->next;
		nl80211_iface_free(i);
	}
	while (d->wiphys) {
		struct nl80211_wiphy *w = d->wiphys;

		d->wiphys = w->next;
		free(w);
	}
	while ((p = nl80211_queue_pop(d)))
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
	.free = nl80211_drv_free,
	.iface_list = nl80211_iface_list,
	.capa_get = nl80211_iface_capa_get,
	.eapol_path_set = nl80211_iface_eapol_path_set,
	.scan_trigger = nl80211_scan_trigger,
	.scan_results = nl80211_scan_results,
	.connect = nl80211_connect_start,
	.disconnect = nl80211_connect_stop,
	.authenticate = nl80211_sme_authenticate,
	.associate = nl80211_sme_associate,
	.eapol_tx = nl80211_connect_eapol_tx,
	.key_new = nl80211_keys_new,
	.key_del = nl80211_keys_del,
	.key_default_set = nl80211_keys_default_set,
	.station_authorize = nl80211_keys_station_authorize,
	.ethertype_listen = nl80211_ethertype_listen,
	.vendor_cmd = nl80211_drv_vendor_cmd,
	.reg_set = nl80211_link_reg_set,
	.reg_get = nl80211_link_reg_get,
	.link_poll = nl80211_link_poll,
	.scan_abort = nl80211_link_scan_abort,
};

static int nl80211_drv_groups_join(struct nl80211 *d)
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
		int id = genl_ctrl_resolve_grp(d->cmd, "nl80211",
					       groups[k].name);

		if (id < 0) {
			if (!groups[k].required)
				continue;
			nl80211_log(d, DRV_LOG_ERROR,
			     "nl80211: multicast group \"%s\" not found: %s",
				    groups[k].name, nl_geterror(id));
			return -ENOENT;
		}
		if (nl_socket_add_membership(d->ev, id) < 0) {
			nl80211_log(d, DRV_LOG_ERROR,
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
			io->log(io->ctx, DRV_LOG_ERROR,
				"nl80211: out of memory");
		return NULL;
	}
	d->base.ops = &nl80211_ops;
	d->io = *io;
	d->cb = cb;
	d->cb_ctx = cb_ctx;
	d->efd = -1;

	d->cmd = nl80211_sock_open(&err);
	if (!d->cmd) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "nl80211: generic netlink socket: %s (%d)",
			    strerror(-err), err);
		goto fail;
	}
	d->family = genl_ctrl_resolve(d->cmd, "nl80211");
	if (d->family < 0) {
		nl80211_log(d, DRV_LOG_ERROR,
		     "nl80211: the kernel has no nl80211 (no cfg80211?): %s",
			    nl_geterror(d->family));
		goto fail;
	}
	d->ev = nl80211_sock_open(&err);
	if (!d->ev) {
		nl80211_log(d, DRV_LOG_ERROR, "nl80211: event socket: %s (%d)",
			    strerror(-err), err);
		goto fail;
	}
	if (nl80211_drv_groups_join(d) < 0)
		goto fail;
	d->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (d->efd < 0) {
		nl80211_log(d, DRV_LOG_ERROR, "nl80211: eventfd: %s",
			    strerror(errno));
		goto fail;
	}
	if (io->watch_fd(io->ctx, nl_socket_get_fd(d->ev),
			 nl80211_dispatch_ev_readable, d) < 0)
		goto fail_watch;
	d->ev_watched = true;
	if (io->watch_fd(io->ctx, d->efd, nl80211_dispatch_efd_readable, d) < 0)
		goto fail_watch;
	d->efd_watched = true;

	/* Subscribed first, then listed: no hotplug falls in between. */
	if (nl80211_drv_wiphy_fetch(d, -1) < 0 ||
	    nl80211_iface_scan(d, false, false) < 0)
		goto fail;
	return &d->base;

fail_watch:
	nl80211_log(d, DRV_LOG_ERROR, "nl80211: cannot watch file descriptors");
fail:
	nl80211_drv_free(&d->base);
	return NULL;
}
