// SPDX-License-Identifier: BSD-3-Clause
/*
 * A reconnect's scan that ends once it has found what it was for (issue 16).
 *
 * When an authorized link has ended and the kernel no longer holds its BSS
 * (cfg80211 drops an entry last seen more than 30 s ago once no link holds it,
 * and mac80211 does not refresh the associated BSS's entry from its beacons:
 * README, "Reconnect without a scan"), the reconnect scans the link's channel
 * right after any configured scan_freq (scan.c). The AP answers the probe
 * within milliseconds, but mac80211 stays on the channel for its whole dwell
 * (IEEE80211_CHANNEL_TIME, HZ/33) and the scan's end is the first the station
 * hears of it. Measured in the hwsim VM: the Probe Response was on the air 2
 * ms after the scan started, and the scan ended 38-43 ms after it started.
 *
 * So while such a scan runs, the station reads the kernel's BSS table a few
 * milliseconds apart (mac80211 hands a Probe Response to cfg80211 as it
 * arrives), looking at the link's BSSID only and copying nothing. Once the
 * link's BSS is there, seen since the scan began, at STATION_PROBE_MIN_MBM or
 * stronger, and still a match for a network, the scan is aborted and, when the
 * kernel says so (SCAN_ABORTED), its results are taken as a finished scan's
 * (station.c); if the scan finished first, its end is an ordinary one. A
 * driver that cannot abort ends its scan as before; a BSS that has not
 * answered within STATION_PROBE_MAX_MS is no longer looked for, and the scan
 * ends as before.
 *
 * Only the link's own BSS ends a scan early: the station would have rejoined
 * it unscanned had the kernel kept its entry. Any other answer waits for the
 * whole scan, so a choice among several BSSes is made on all of them.
 *
 * Measured in the VM (6 reconnects with the entry flushed): the BSS was found
 * 3-13 ms after the trigger, the abort took 14-23 ms to return, and the scan's
 * share of the reconnect went from about 54 ms to 21-42 ms.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/hex.h"
#include "common/log.h"
#include "common/loop.h"
#include "daemon/station-int.h"

/* One read of the kernel's table, looking only at the link's BSSID. */
struct station_probe_look {
	const struct station *st;
	uint64_t now;
	uint64_t since_ms;
	bool found;
};

/*
 * An entry of the link's BSS, seen since the scan began, strong enough and still joinable.
 * The kernel may hold several for one BSSID (a hidden SSID's beacon beside its Probe
 * Response, a channel it left): each is looked at. Nothing is copied: the entry is parsed
 * where the dump holds it, for as long as the callback runs.
 */
static void station_probe_look_cb(void *ctx, const struct drv_bss *bss)
{
	struct station_probe_look *l = ctx;
	struct select_result sel;
	struct scan_bss b;

	if (l->found || memcmp(bss->bssid, l->st->link_bssid, DRV_ETH_ALEN))
		return;
	/* an entry older than the scan is what the kernel knew before it: not an answer */
	if (bss->seen_ms_ago > l->since_ms)
		return;
	if (bss->signal_mbm && bss->signal_mbm < STATION_PROBE_MIN_MBM)
		return;
	scan_bss_parse(bss, &b); /* malformed IEs leave ies_ok false: never chosen */
	b.fetched_us = l->now;
	l->found = select_best(l->st->config, &b, 1, l->st->scan_max_age_ms, &sel);
}

static void station_probe_tick(void *arg)
{
	struct station *st = arg;
	struct station_probe_look look = { .st = st };
	char bssid_txt[HEX_MAC_TXT_LEN];
	int err;

	if (!st->probe_t0 || !st->scan_running || !st->want_connect || st->user_disconnected ||
	    st->attempt_active || st->stopping)
		return;
	look.now = loop_now_us();
	look.since_ms = (look.now - st->probe_t0) / 1000u + STATION_PROBE_SLACK_MS;
	err = st->be.scan_results(st->be.ctx, station_probe_look_cb, &look);
	if (err < 0) {
		/* the scan ends as before */
		log_warn("%s: reading scan results failed: %s", st->ifname, strerror(-err));
		st->probe_t0 = 0;
		return;
	}
	if (!look.found) {
		if (look.now - st->probe_t0 < STATION_PROBE_MAX_MS * 1000u)
			loop_timer_arm(st->probe_timer, STATION_PROBE_EVERY_MS);
		return;
	}
	st->probe_ms = (uint32_t)((look.now - st->probe_t0) / 1000u);
	st->probe_t0 = 0;
	hex_mac_txt(st->link_bssid, bssid_txt);
	err = st->be.scan_abort(st->be.ctx);
	if (err == -EALREADY) {
		/* it ended by itself, its end not yet delivered (nl80211: nothing aborted) */
		log_debug("%s: %s found %u ms into the scan, which has ended", st->ifname,
			  bssid_txt, st->probe_ms);
		return;
	}
	if (err < 0) {
		/* it cannot be ended: its end is awaited */
		log_debug("%s: %s found %u ms into the scan; the scan could not be aborted: %s",
			  st->ifname, bssid_txt, st->probe_ms, strerror(-err));
		return;
	}
	st->probe_abort = true;
	log_debug("%s: %s found %u ms into the scan; abort requested", st->ifname, bssid_txt,
		  st->probe_ms);
}

void station_probe_start(struct station *st, uint64_t t_trigger)
{
	st->probe_t0 = 0;
	st->probe_abort = false;
	if (!st->be.scan_abort || !st->known_ok || !st->t_link_end)
		return;
	if (!st->probe_timer)
		st->probe_timer = loop_timer_new(st->loop, station_probe_tick, st);
	if (!st->probe_timer)
		return;
	st->probe_t0 = t_trigger;
	loop_timer_arm(st->probe_timer, STATION_PROBE_FIRST_MS);
}

void station_probe_stop(struct station *st)
{
	st->probe_t0 = 0;
	if (st->probe_timer)
		loop_timer_cancel(st->probe_timer);
}

bool station_probe_take(struct station *st)
{
	bool ours = st->probe_abort;

	st->probe_abort = false;
	station_probe_stop(st);
	return ours;
}
