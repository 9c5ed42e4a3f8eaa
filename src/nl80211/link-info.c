// SPDX-License-Identifier: BSD-3-Clause
/*
 * What wpa_supplicant's control verbs ask of the kernel beyond a
 * connection: the regulatory hint (REQ_SET_REG) and the domain in force
 * (GET_REG), the link's signal and rate (GET_STATION) with the channel's
 * noise (GET_SURVEY), and ABORT_SCAN.
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>
#include <netlink/genl/genl.h>

#include "nl80211/attr.h"
#include "nl80211/link-parse.h"

static struct nl_msg *nl80211_link_msg(int family, uint8_t cmd, int flags, uint32_t ifindex)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd, 0) ||
	    (ifindex && nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

static bool nl80211_link_alpha2_ok(const char *a)
{
	return (a[0] >= 'A' && a[0] <= 'Z' && a[1] >= 'A' && a[1] <= 'Z' && !a[2]) ||
	       !strcmp(a, "00");
}

int nl80211_link_reg_set(struct drv *drv, const char alpha2[3])
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl_msg *msg;

	if (!nl80211_link_alpha2_ok(alpha2))
		return -EINVAL;
	msg = nl80211_link_msg(d->family, NL80211_CMD_REQ_SET_REG, 0, 0);
	if (msg && nla_put_string(msg, NL80211_ATTR_REG_ALPHA2, alpha2) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	if (!msg)
		return -ENOMEM;
	return nl80211_cmd_run(d, NULL, msg, NULL, "REQ_SET_REG", "", false);
}

int nl80211_link_reg_get(struct drv *drv, char alpha2[3])
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_reply r = { 0 };
	int err;

	err = nl80211_cmd_run(d, NULL, nl80211_link_msg(d->family, NL80211_CMD_GET_REG, 0, 0),
			      &r, "GET_REG", "", false);
	if (err < 0)
		return err;
	err = -ENOENT;
	for (size_t k = 0; k < r.n && err; k++)
		err = nl80211_link_parse_reg(r.msgs[k], alpha2, nl80211_attr_bad, d);
	nl80211_reply_clear(&r);
	return err;
}

struct nl80211_link_survey_arg {
	int family;
	uint32_t ifindex;
};

static struct nl_msg *nl80211_link_survey_build(void *arg)
{
	struct nl80211_link_survey_arg *a = arg;

	return nl80211_link_msg(a->family, NL80211_CMD_GET_SURVEY, NLM_F_DUMP, a->ifindex);
}

int nl80211_link_poll(struct drv *drv, uint32_t ifindex, const uint8_t bssid[DRV_ETH_ALEN],
		      struct drv_link_info *out)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "GET_STATION");
	struct nl80211_link_survey_arg sa = { d->family, ifindex };
	struct nl80211_reply r = { 0 };
	struct nl_msg *msg;
	int err;

	memset(out, 0, sizeof(*out));
	if (!i)
		return -ENODEV;
	msg = nl80211_link_msg(d->family, NL80211_CMD_GET_STATION, 0, ifindex);
	if (msg && nla_put(msg, NL80211_ATTR_MAC, DRV_ETH_ALEN, bssid) < 0) {
		nlmsg_free(msg);
		msg = NULL;
	}
	if (!msg)
		return -ENOMEM;
	err = nl80211_cmd_run(d, NULL, msg, &r, "GET_STATION", i->ifname, false);
	if (err < 0)
		return err;
	for (size_t k = 0; k < r.n; k++)
		nl80211_link_parse_station(r.msgs[k], out, nl80211_attr_bad, d);
	nl80211_reply_clear(&r);
	/* The noise is a nicety: a driver without a survey still answers. */
	if (nl80211_dump_run(d, nl80211_link_survey_build, &sa, &r, "GET_SURVEY", i->ifname) == 0)
		for (size_t k = 0; k < r.n; k++)
			nl80211_link_parse_survey(r.msgs[k], out, nl80211_attr_bad, d);
	nl80211_reply_clear(&r);
	return out->signal_valid ? 0 : -ENODATA;
}

int nl80211_link_scan_abort(struct drv *drv, uint32_t ifindex)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "ABORT_SCAN");
	bool ended;

	if (!i)
		return -ENODEV;
	/*
	 * NL80211_CMD_ABORT_SCAN names no scan: it ends whichever runs on the
	 * interface. The scan the caller means may have ended already, its end
	 * unread on the event socket, and another process may have started one
	 * since, which the abort would end instead. So take in what the kernel
	 * has said first (dispatched from the loop, as ever): with this
	 * interface's scan end among it, nothing is aborted.
	 */
	nl80211_dispatch_sock_drain(d, d->ev, "event");
	/* an overrun may have lost that end: abort nothing either; the scan ends by itself */
	ended = d->ev_overrun || nl80211_dispatch_scan_end_queued(d, ifindex);
	if (d->q_head)
		nl80211_wake(d);
	if (ended)
		return -EALREADY;
	return nl80211_cmd_run(d, NULL,
			       nl80211_link_msg(d->family, NL80211_CMD_ABORT_SCAN, 0, ifindex),
			       NULL, "ABORT_SCAN", i->ifname, false);
}
