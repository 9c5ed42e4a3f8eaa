/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket's verbs for people coming from wpa_supplicant, in its
 * syntax and reply formats: SAVE_CONFIG, RECONFIGURE, BSS, SIGNAL_POLL,
 * SET/GET country, LOG_LEVEL, BSSID_IGNORE (BLACKLIST), ABORT_SCAN, MIB.
 * ctrl.c hands them over; what reaches outside the configuration and the
 * station (the kernel, a reload) goes through struct ctrl_host.
 */
#ifndef IHVD_DAEMON_CTRL_VERBS_COMPAT_H
#define IHVD_DAEMON_CTRL_VERBS_COMPAT_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/config.h"
#include "daemon/station.h"
#include "nl80211/driver.h"

/* What main.c does for these verbs; any member may be NULL (the verb then FAILs). */
struct ctrl_host {
	void *ctx;
	/* RECONFIGURE: read the file again. 0, or -1 with the reason in err. */
	int (*reconfigure)(void *ctx, char *err, size_t err_len);
	int (*country_set)(void *ctx, const char alpha2[3]);
	int (*country_get)(void *ctx, char alpha2[3]);
	int (*link_poll)(void *ctx, const uint8_t bssid[DRV_ETH_ALEN], struct drv_link_info *out);
	int (*scan_abort)(void *ctx);
};

struct ctrl_compat {
	struct station *station;
	struct config *config;
	const char *ifname;
	const struct ctrl_host *host;   /* may be NULL */
};

#define CTRL_VERB_FAIL (-1)
#define CTRL_VERB_NOT_MINE (-2)

/* Is verb (the command's first word) one of these? */
bool ctrl_verbs_compat_known(const char *verb);
/*
 * Run verb with its argument (NULL: none). The reply's length written into
 * out, CTRL_VERB_FAIL, or CTRL_VERB_NOT_MINE.
 */
int ctrl_verbs_compat_run(const struct ctrl_compat *cx, const char *verb, char *arg, char *out,
			  size_t len);

#endif
