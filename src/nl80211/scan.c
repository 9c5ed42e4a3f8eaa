// SPDX-License-Identifier: BSD-3-Clause
/* TRIGGER_SCAN and the scan dump. */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>

#include "nl80211/bss.h"
#include "nl80211/msg.h"

int nl80211_scan_trigger(struct drv *drv, uint32_t ifindex,
			 const struct drv_scan_params *params)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "TRIGGER_SCAN");

	if (!i)
		return -ENODEV;
	if (nl80211_iface_up(d, i, "TRIGGER_SCAN") < 0)
		return -ENETDOWN;
	return nl80211_cmd_run(d, NULL,
		       nl80211_msg_scan_trigger(d->family, ifindex, params),
			       NULL, "TRIGGER_SCAN", i->ifname, false);
}

struct scan_dump_arg {
	struct nl80211 *d;
	uint32_t ifindex;
};

static struct nl_msg *nl80211_scan_dump_build(void *arg)
{
	struct scan_dump_arg *a = arg;

	return nl80211_msg_simple(a->d->family, NL80211_CMD_GET_SCAN,
				  NLM_F_DUMP, NL80211_ATTR_IFINDEX, a->ifindex);
}

int nl80211_scan_results(struct drv *drv, uint32_t ifindex, drv_bss_cb cb,
			 void *ctx)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "GET_SCAN");
	struct scan_dump_arg a = { d, ifindex };
	struct nl80211_reply r = { 0 };
	char name[DRV_IFNAME_MAX];
	int err;

	if (!i)
		return -ENODEV;
	memcpy(name, i->ifname, sizeof(name));
	err = nl80211_dump_run(d, nl80211_scan_dump_build, &a, &r, "GET_SCAN",
			       name);
	/* The whole dump is in hand: cb may call us back. */
	for (size_t k = 0; err == 0 && k < r.n; k++) {
		struct drv_bss bss;

		if (!nl80211_bss_parse(r.msgs[k], &bss, nl80211_attr_bad, d))
			cb(ctx, &bss);
	}
	nl80211_reply_clear(&r);
	return err;
}
