// SPDX-License-Identifier: BSD-3-Clause
/*
 * The connection machine for one interface (see station.h): connect, retry
 * with backoff, give up on a wrong passphrase, and the events from the host
 * core and the driver. Scans: scan.c; candidates: select.c; the control
 * socket's commands: station-ctrl.c.
 */
#include "daemon/station.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"
#include "common/log.h"
#include "common/reason-names.h"
#include "daemon/select-why.h"
#include "daemon/station-int.h"
#include "wlanihv.h"

static const uint32_t station_default_backoff_ms[] = { 100, 1000, 2000, 5000 };

/* --- events and state ---------------------------------------------------------- */

void station_event(struct station *st, const char *fmt, ...)
{
	char buf[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_debug("%s: event %s", st->ifname, buf);
	if (st->ev_cb)
		st->ev_cb(st->ev_ctx, STATION_MSG_INFO, buf);
}

void station_state_set(struct station *st, enum station_state s)
{
	if (st->state == s)
		return;
	log_debug("%s: state %s -> %s", st->ifname, station_state_name(st->state),
		  station_state_name(s));
	st->state = s;
	if (st->watch_cb)
		st->watch_cb(st->watch_ctx);
}

void station_watch_set(struct station *st, station_watch_cb cb, void *ctx)
{
	st->watch_cb = cb;
	st->watch_ctx = ctx;
}

bool station_scanning(const struct station *st)
{
	return st->scan_running;
}

/* --- the scan cache, for SCAN_RESULTS ------------------------------------------- */

size_t station_bss_count(const struct station *st)
{
	return st->cache.n_bss;
}

const struct scan_bss *station_bss_at(const struct station *st, size_t i)
{
	return i < st->cache.n_bss ? &st->cache.bss[i] : NULL;
}

/* --- retries ------------------------------------------------------------------- */

static void station_try_soon(struct station *st, uint32_t ms)
{
	if (!st->stopping)
		loop_timer_arm(st->retry_timer, ms);
}

static void station_backoff(struct station *st)
{
	size_t i = st->backoff_idx < st->n_backoff ? st->backoff_idx : st->n_backoff - 1;
	uint32_t ms = st->backoff[i];

	st->backoff_idx++;
	log_info("%s: next attempt in %u ms", st->ifname, ms);
	st->t_request = 0;
	station_try_soon(st, ms);
}

static void station_retry_cb(void *arg)
{
	station_try(arg);
}

/* --- connecting ------------------------------------------------------------------ */

/*
 * PerformCapabilityMatch for each candidate (contract §3 [8]): a BSS the
 * plugin refuses is skipped, with its reason. False when none is left. A BSS
 * the plugin accepted before with exactly these inputs is not asked about
 * again (cap-memo.h): a reconnect without a new scan saves the call, a round
 * trip to the plugin host (issue 16).
 */
static bool station_capability_filter(struct station *st, struct select_result *sel,
				      const struct profile_xml *x)
{
	struct ihv_connect_request one;
	char bssid_txt[HEX_MAC_TXT_LEN], text[160];
	const struct drv_bss *b;
	uint32_t reason;
	size_t i, kept = 0;

	if (!st->be.capability_match)
		return sel->n_bss > 0;
	for (i = 0; i < sel->n_bss; i++) {
		b = &sel->bss[i]->bss;
		one = (struct ihv_connect_request){
			.ssid = sel->net->ssid, .ssid_len = sel->net->ssid_len,
			.bss = &b, .n_bss = 1,
			.connectivity_xml = x->connectivity, .security_xml = x->security,
		};
		if (cap_memo_find(st->cap_memo, &one)) {
			sel->bss[kept++] = sel->bss[i];
			continue;
		}
		reason = 0;
		if (st->be.capability_match(st->be.ctx, &one, &reason) == 0) {
			cap_memo_remember(st->cap_memo, &one);
			sel->bss[kept++] = sel->bss[i];
			continue;
		}
		if (!st->be.reason_text || st->be.reason_text(st->be.ctx, reason, text,
							      sizeof(text)) < 0)
			snprintf(text, sizeof(text), "%s", station_l2_reason_str(reason));
		hex_mac_txt(b->bssid, bssid_txt);
		log_info("%s: network id=%d: the plugin's capability match refused %s: reason 0x%x (%s)",
			 st->ifname, sel->net->id, bssid_txt, reason, text);
	}
	sel->n_bss = kept;
	return kept > 0;
}

static void station_connect(struct station *st, struct select_result *sel)
{
	const struct drv_bss *list[SELECT_CANDIDATES_MAX];
	struct ihv_connect_request req;
	struct ihv_onex_config onex;
	char onex_net[DRV_SSID_MAX * 4 + 8];
	struct profile_xml x;
	char ssid_txt[DRV_SSID_MAX * 4 + 1], bssid_txt[HEX_MAC_TXT_LEN];
	const struct config_network *net = sel->net;
	struct config_network any;
	unsigned int gen;
	size_t i;
	int err;

	/* A block without ssid (any open network) joins the chosen BSS's SSID. */
	if (!net->ssid_set) {
		any = *net;
		memcpy(any.ssid, sel->bss[0]->ssid, sel->bss[0]->ssid_len);
		any.ssid_len = sel->bss[0]->ssid_len;
		any.ssid_set = true;
		net = &any;
	}
	err = profile_build(net, &sel->choice, &x);
	if (err < 0) {
		log_err("%s: network id=%d: cannot build the IHV profile: %s", st->ifname,
			sel->net->id, strerror(-err));
		station_backoff(st);
		return;
	}
	if (!station_capability_filter(st, sel, &x)) {
		profile_xml_clear(&x);
		st->cache_stale = true;
		station_backoff(st);
		return;
	}
	for (i = 0; i < sel->n_bss; i++)
		list[i] = &sel->bss[i]->bss;
	req = (struct ihv_connect_request){
		.ssid = net->ssid,
		.ssid_len = net->ssid_len,
		.bss = list,
		.n_bss = sel->n_bss,
		.connectivity_xml = x.connectivity,
		.security_xml = x.security,
	};
	if (station_eap_onex(sel->net, sel->choice.akm, &onex, onex_net, sizeof(onex_net)))
		req.onex = &onex;
	st->attempt_active = true;
	gen = ++st->attempt_gen;
	st->associated = false;
	st->local_disconnect = false;
	st->drv_disc_seen = false;
	st->cur_id = sel->net->id;
	memcpy(st->cur_ssid, net->ssid, net->ssid_len);
	st->cur_ssid_len = net->ssid_len;
	memcpy(st->cur_bssid, sel->bss[0]->bss.bssid, DRV_ETH_ALEN);
	st->cur_freq = sel->bss[0]->bss.freq;
	st->cur_choice = sel->choice;
	st->t_preassoc = st->t_assoc = st->t_4way = st->t_auth = 0;
	st->known_ok = false;
	st->narrow_misses = 0;
	station_state_set(st, STATION_ASSOCIATING);
	config_ssid_txt(st->cur_ssid, st->cur_ssid_len, ssid_txt, sizeof(ssid_txt));
	hex_mac_txt(st->cur_bssid, bssid_txt);
	station_event(st, "Trying to associate with %s (SSID='%s' freq=%u MHz)", bssid_txt,
		      ssid_txt, st->cur_freq);
	log_info("%s: connecting to \"%s\" (network id=%d) via %s, %u MHz, %s, %zu candidate%s",
		 st->ifname, ssid_txt, sel->net->id, bssid_txt, st->cur_freq,
		 config_akm_name(sel->choice.akm), sel->n_bss, sel->n_bss == 1 ? "" : "s");

	err = st->be.connect(st->be.ctx, &req);
	/* The core copies what it keeps (ihv-host.h); our copies go now. */
	profile_xml_clear(&x);
	if (err < 0 && st->attempt_active && st->attempt_gen == gen) {
		log_err("%s: the host core refused the connection: %s", st->ifname,
			strerror(-err));
		st->attempt_active = false;
		st->cache_stale = true;
		station_state_set(st, STATION_DISCONNECTED);
		station_backoff(st);
	}
}

static void station_scan_timeout_cb(void *arg)
{
	struct station *st = arg;

	log_warn("%s: scan did not finish within %u ms", st->ifname, st->scan_timeout_ms);
	station_probe_take(st);
	st->scan_running = false;
	st->scan_adopted = false;
	if (st->watch_cb)
		st->watch_cb(st->watch_ctx);
	if (st->want_connect && !st->attempt_active) {
		st->want_connect = false;
		station_state_set(st, STATION_DISCONNECTED);
		station_backoff(st);
	}
}

/* The best candidates among the results younger than the max age. */
static bool station_select(const struct station *st, struct select_result *sel)
{
	return select_best(st->config, st->cache.bss, st->cache.n_bss, st->scan_max_age_ms, sel);
}

/*
 * A reconnect after an authorized link: the kernel's BSS cache as it is now
 * (one scan dump, no scan), then a BSS it saw within known_max_age_ms, else
 * the link's own BSS if that link ended within known_max_age_ms (one is a
 * copy in *link with that age). Not after a failed attempt: that one scans.
 */
static bool station_known_select(struct station *st, struct select_result *sel,
				 struct scan_bss *link)
{
	uint64_t now = loop_now_us();
	uint64_t since_ms = (now - st->t_link_end) / 1000u;
	size_t i;

	if (!st->known_ok || scan_cache_read(&st->cache, &st->be, st->ifname) < 0)
		return false;
	st->known_by_link = false;
	if (select_best(st->config, st->cache.bss, st->cache.n_bss, st->known_max_age_ms, sel))
		return true;
	if (!st->t_link_end)
		return false;
	for (i = 0; i < st->cache.n_bss; i++) {
		if (memcmp(st->cache.bss[i].bss.bssid, st->link_bssid, DRV_ETH_ALEN))
			continue;
		*link = st->cache.bss[i];
		link->bss.seen_ms_ago = since_ms > UINT32_MAX ? UINT32_MAX : (uint32_t)since_ms;
		link->fetched_us = now;
		st->known_by_link = true;
		return select_best(st->config, link, 1, st->known_max_age_ms, sel);
	}
	return false;
}

void station_scan_adopt(struct station *st, bool narrow)
{
	st->scan_running = true;
	st->scan_adopted = true;
	st->scan_narrow = narrow;
	loop_timer_arm(st->scan_timer, st->scan_timeout_ms);
}

/* Connect if the policy wants to and can; else scan; else back off. */
void station_try(struct station *st)
{
	struct select_result sel;
	struct scan_bss link;
	uint64_t now = loop_now_us();

	loop_timer_cancel(st->retry_timer);
	if (st->stopping || st->user_disconnected || st->attempt_active)
		return;
	if (!select_any_usable(st->config)) {
		log_info("%s: no enabled network", st->ifname);
		station_state_set(st, STATION_INACTIVE);
		return;
	}
	if (!st->t_request) {
		st->t_request = now;
		st->t_scan = 0;
		st->scan_reused = false;
		st->scan_known = false;
		st->scan_probed = false;
	}
	/* Cold start: what the kernel already knows may be fresh enough. */
	if (!st->cache.read)
		scan_cache_read(&st->cache, &st->be, st->ifname);
	if (!st->scan_adopted && !st->cache_stale && station_select(st, &sel)) {
		st->t_scan = now;
		st->scan_reused = true;
		st->scan_known = false;
		st->scan_probed = false;
		st->reused_age_ms = scan_bss_age_ms(sel.bss[0]);
		station_connect(st, &sel);
		return;
	}
	if (station_known_select(st, &sel, &link)) {
		st->t_scan = loop_now_us();
		st->scan_reused = false;
		st->scan_known = true;
		st->scan_probed = false;
		st->reused_age_ms = scan_bss_age_ms(sel.bss[0]);
		station_connect(st, &sel);
		return;
	}
	st->want_connect = true;
	st->narrow_misses = 0; /* a request of its own: its own narrow tries (station_scan_done) */
	station_state_set(st, STATION_SCANNING);
	if (st->scan_running)
		return;
	if (scan_request(st, true) < 0) {
		st->want_connect = false;
		station_state_set(st, STATION_DISCONNECTED);
		station_backoff(st);
	}
}

/* aborted: SCAN_ABORTED, not the scan's own end (an early end counts only then) */
static void station_scan_done(struct station *st, bool aborted)
{
	struct select_result sel;
	bool narrow = st->scan_narrow;
	bool early = station_probe_take(st) && aborted;

	st->scan_running = false;
	st->scan_narrow = false;
	st->scan_adopted = false;
	loop_timer_cancel(st->scan_timer);
	if (scan_cache_read(&st->cache, &st->be, st->ifname) == 0)
		st->cache_stale = false;
	station_discovery_refresh(st);
	station_event(st, "CTRL-EVENT-SCAN-RESULTS ");
	if (st->stopping || st->user_disconnected || st->attempt_active)
		return;
	if (!st->want_connect && (loop_timer_armed(st->retry_timer) == 0 ||
				  !select_any_usable(st->config)))
		return;
	if (!st->t_request)
		st->t_request = loop_now_us();
	if (select_any_usable(st->config) && station_select(st, &sel)) {
		st->want_connect = false;
		st->t_scan = loop_now_us();
		st->scan_reused = false;
		st->scan_known = false;
		st->scan_probed = early;
		loop_timer_cancel(st->retry_timer);
		station_connect(st, &sel);
		return;
	}
	if (!st->want_connect)
		return; /* a retry is already scheduled */
	/*
	 * The known channels first, STATION_NARROW_TRIES times, then all of them. One miss is
	 * often a lost probe response, not a BSS that moved: 16 stations scanning one channel
	 * of one hostapd at once (make bench-scale) lost some, and the all-channel scan that
	 * followed took 8 s (the passive 5 GHz channels of the world regulatory domain)
	 * where a second look at the one channel takes tens of milliseconds.
	 */
	if (narrow && ++st->narrow_misses < STATION_NARROW_TRIES && scan_request(st, true) == 0)
		return;
	st->narrow_misses = 0;
	if (narrow && scan_request(st, false) == 0)
		return;
	st->want_connect = false;
	select_why_log(st->config, st->cache.bss, st->cache.n_bss, st->ifname);
	station_event(st, "CTRL-EVENT-NETWORK-NOT-FOUND");
	station_state_set(st, select_any_usable(st->config) ? STATION_DISCONNECTED : STATION_INACTIVE);
	if (select_any_usable(st->config))
		station_backoff(st);
}

/* --- the core's callbacks ----------------------------------------------------------- */

/*
 * The channel and SSID of an authorized link go first in st->link_freqs: a narrow scan for
 * a network of that SSID covers the channel right after the configured scan_freq (scan.c).
 */
static void station_link_freq_remember(struct station *st, uint32_t freq)
{
	struct known_freq *l = st->link_freqs;
	size_t i, n = st->n_link_freqs;

	if (!freq)
		return;
	for (i = 0; i < n && (l[i].freq != freq || l[i].ssid_len != st->cur_ssid_len ||
			      memcmp(l[i].ssid, st->cur_ssid, st->cur_ssid_len)); i++)
		;
	if (i == 0 && n > 0) {
		/* the same as the last link: nothing to write, unless the file is behind */
		if (st->freqs_stale && st->freqs_timer)
			loop_timer_arm(st->freqs_timer, 0);
		return;
	}
	if (i == n && n < STATION_LINK_FREQS)
		st->n_link_freqs = ++n;
	if (i == n)
		i = n - 1;
	memmove(&l[1], &l[0], i * sizeof(l[0]));
	l[0].freq = freq;
	memcpy(l[0].ssid, st->cur_ssid, st->cur_ssid_len);
	l[0].ssid_len = st->cur_ssid_len;
	/* written once the authorized path has run (station_freqs_save_cb) */
	if (st->freqs_timer)
		loop_timer_arm(st->freqs_timer, 0);
}

/* The new list of link channels goes to the state directory, for the next start. */
static void station_freqs_save_cb(void *arg)
{
	struct station *st = arg;
	int err = known_freqs_save(st->freqs_path, st->link_freqs, st->n_link_freqs);

	st->freqs_stale = err < 0; /* tried again at the next link */
	if (err < 0)
		log_warn("%s: cannot write %s: %s (the next start may scan all channels)",
			 st->ifname, st->freqs_path, strerror(-err));
	else
		log_debug("%s: the last links' channels written to %s", st->ifname,
			  st->freqs_path);
}

static double station_ms_since(uint64_t t0, uint64_t t)
{
	return t && t0 && t >= t0 ? (double)(t - t0) / 1000.0 : -1.0;
}

static void station_timeline_log(struct station *st)
{
	char scan[96], pre[32], as[32], fw[32], ssid_txt[DRV_SSID_MAX * 4 + 1];
	double v;

	if (st->scan_known)
		snprintf(scan, sizeof(scan), "%.1f ms (known BSS, no scan: %s %u ms ago)",
			 station_ms_since(st->t_request, st->t_scan),
			 st->known_by_link ? "its link ended" : "seen", st->reused_age_ms);
	else if (st->scan_reused)
		snprintf(scan, sizeof(scan), "%.1f ms (reused results %u ms old)",
			 station_ms_since(st->t_request, st->t_scan), st->reused_age_ms);
	else if (st->scan_probed)
		snprintf(scan, sizeof(scan), "%.1f ms (fresh scan, ended when the link's BSS "
			 "was found %u ms in)", station_ms_since(st->t_request, st->t_scan),
			 st->probe_ms);
	else
		snprintf(scan, sizeof(scan), "%.1f ms (fresh scan)",
			 station_ms_since(st->t_request, st->t_scan));
#define MS(buf, t) \
	(v = station_ms_since(st->t_request, (t)), \
	 v < 0 ? snprintf(buf, sizeof(buf), "-") : snprintf(buf, sizeof(buf), "%.1f ms", v))
	MS(pre, st->t_preassoc);
	MS(as, st->t_assoc);
	MS(fw, st->t_4way);
#undef MS
	config_ssid_txt(st->cur_ssid, st->cur_ssid_len, ssid_txt, sizeof(ssid_txt));
	log_info("%s: timeline to \"%s\" (ms since the request): scan %s, pre-association %s, "
		 "connect %s, 4-way handshake %s, authorized %.1f ms",
		 st->ifname, ssid_txt, scan, pre, as, fw, station_ms_since(st->t_request, st->t_auth));
}

static void station_core_authorized(void *ctx)
{
	struct station *st = ctx;
	struct config_network *n = config_network_get(st->config, st->cur_id);
	struct ihv_adapter_status ast;
	char bssid_txt[HEX_MAC_TXT_LEN];

	if (!st->attempt_active) {
		log_warn("%s: authorized() without a connection attempt; ignored", st->ifname);
		return;
	}
	if (!st->t_auth)
		st->t_auth = loop_now_us();
	if (st->be.status) {
		memset(&ast, 0, sizeof(ast));
		st->be.status(st->be.ctx, &ast);
		if (ast.phase != IHV_PHASE_IDLE && ast.freq) {
			memcpy(st->cur_bssid, ast.bssid, DRV_ETH_ALEN);
			st->cur_freq = ast.freq;
		}
	}
	st->associated = true;
	st->known_ok = true;
	station_link_freq_remember(st, st->cur_freq);
	st->backoff_idx = 0;
	if (n) {
		n->auth_failures = 0;
		n->why_logged = 0; /* connected: say the causes again next time */
	}
	station_state_set(st, STATION_COMPLETED);
	hex_mac_txt(st->cur_bssid, bssid_txt);
	station_event(st, "CTRL-EVENT-CONNECTED - Connection to %s completed [id=%d id_str=%s]",
		      bssid_txt, st->cur_id, n && n->id_str ? n->id_str : "");
	station_timeline_log(st);
	st->t_request = 0;
}

static bool station_network_is_psk(const struct config_network *n)
{
	return n && (n->key_mgmt & (CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256 | CONFIG_AKM_SAE_ANY));
}

/* The plugin's own words for its IHV-range codes, else the contract's names. */
static const char *station_reason_text(const struct station *st, uint32_t reason,
				       char *buf, size_t len)
{
	const struct station_backend *be = &st->be;

	if (be->reason_text && be->reason_text(be->ctx, reason, buf, len) == 0)
		return buf;
	return station_l2_reason_str(reason);
}

/* sae: the failure was SAE's (IEEE 802.11-2020 12.4), not the 4-way handshake's. */
static void station_wrong_key(struct station *st, struct config_network *n,
			      uint32_t reason, uint16_t ieee, bool sae)
{
	char ssid_txt[DRV_SSID_MAX * 4 + 1];
	char why[160];
	const char *meaning = station_reason_text(st, reason, why, sizeof(why));
	const char *what = sae ? "SAE authentication" : "4-way handshake";

	n->auth_failures++;
	config_ssid_txt(n->ssid, n->ssid_len, ssid_txt, sizeof(ssid_txt));
	log_warn("%s: %s with \"%s\" failed (plugin reason 0x%05x: %s; "
		 "802.11 %s %u: %s): the %s may be wrong (attempt %u of %u)",
		 st->ifname, what, ssid_txt, reason, meaning, sae ? "status" : "reason", ieee,
		 sae ? reason_names_status(ieee) : reason_names_reason(ieee),
		 sae ? "SAE password" : "passphrase", n->auth_failures, st->wrong_key_max);
	if (n->auth_failures < st->wrong_key_max)
		return;
	n->temp_disabled = true;
	log_err("%s: giving up on \"%s\" (network id=%d) after %u failed %ss; "
		"last plugin reason 0x%05x (%s). Check the %s, then ENABLE_NETWORK %d or RECONNECT",
		st->ifname, ssid_txt, n->id, n->auth_failures, what, reason, meaning,
		sae ? "sae_password (or psk)" : "psk", n->id);
	station_event(st, "CTRL-EVENT-SSID-TEMP-DISABLED id=%d ssid=\"%s\" auth_failures=%u "
		      "reason=WRONG_KEY", n->id, ssid_txt, n->auth_failures);
}

static void station_core_ended(void *ctx, enum ihv_phase phase, uint32_t reason,
			       uint32_t win32_error, uint16_t ieee)
{
	struct station *st = ctx;
	struct config_network *n = config_network_get(st->config, st->cur_id);
	char bssid_txt[HEX_MAC_TXT_LEN], ssid_txt[DRV_SSID_MAX * 4 + 1];
	bool was_assoc, locally, rejected;
	uint16_t air_reason;

	st->last_reason = reason;
	if (!st->attempt_active) {
		log_debug("%s: ended() with no attempt in progress", st->ifname);
		return;
	}
	st->attempt_active = false;
	was_assoc = st->associated || phase == IHV_PHASE_POST_ASSOCIATE ||
		    phase == IHV_PHASE_AUTHORIZED;
	locally = st->local_disconnect || !st->drv_disc_seen || !st->drv_disc_by_ap;
	air_reason = ieee ? ieee : (st->drv_disc_seen ? st->drv_disc_reason : 0);
	hex_mac_txt(st->cur_bssid, bssid_txt);
	config_ssid_txt(st->cur_ssid, st->cur_ssid_len, ssid_txt, sizeof(ssid_txt));

	if (was_assoc)
		station_event(st, "CTRL-EVENT-DISCONNECTED bssid=%s reason=%u%s", bssid_txt,
			      air_reason, locally ? " locally_generated=1" : "");
	else if (phase == IHV_PHASE_ASSOCIATING && air_reason)
		station_event(st, "CTRL-EVENT-ASSOC-REJECT bssid=%s status_code=%u", bssid_txt,
			      air_reason);
	/* Refused while associating: a Status code (9.4.1.9); else a Reason code (9.4.1.7). */
	rejected = !was_assoc && phase == IHV_PHASE_ASSOCIATING && air_reason;
	log_msg(st->local_disconnect ? LOG_LEVEL_INFO : LOG_LEVEL_WARN,
		"%s: connection to \"%s\" ended in %s: reason 0x%05x (%s), win32 error %u, "
		"802.11 %s %u (%s)%s", st->ifname, ssid_txt, station_phase_name(phase),
		reason, station_l2_reason_str(reason), win32_error,
		rejected ? "status" : "reason", air_reason,
		rejected ? reason_names_status(air_reason) : reason_names_reason(air_reason),
		locally ? ", locally generated" : "");
	st->t_request = 0;
	st->associated = false;
	if (was_assoc && st->known_ok) {
		/* an authorized link: the AP was there until now */
		st->t_link_end = loop_now_us();
		memcpy(st->link_bssid, st->cur_bssid, DRV_ETH_ALEN);
	}

	if (st->stopping || st->user_disconnected) {
		station_state_set(st, STATION_DISCONNECTED);
		return;
	}
	station_state_set(st, STATION_DISCONNECTED);
	if (st->reassoc_now || st->local_disconnect) {
		st->reassoc_now = false;
		st->backoff_idx = 0;
		station_try_soon(st, 0);
		return;
	}
	/*
	 * wpa_supplicant's rule: a PSK link lost during the 4-way handshake may be a wrong key.
	 * Not when this link was authorized before (a later 4-way, e.g. a rekey or a forged
	 * message 1 answered by a bad message 3, failed): the key was right, and counting it
	 * would let anyone who can send frames get the network disabled.
	 */
	if (reason == WLAN_REASON_CODE_IHV_NOT_RESPONDING) {
		/* the plugin crashed or hung (issue 11): its fault, not the passphrase's */
		log_info("%s: the plugin stopped responding; not counted as a wrong passphrase",
			 st->ifname);
	} else if (phase == IHV_PHASE_POST_ASSOCIATE && station_network_is_psk(n) && !st->t_auth) {
		station_wrong_key(st, n, reason, air_reason, false);
	} else if (n && phase == IHV_PHASE_ASSOCIATING && (st->cur_choice.akm & CONFIG_AKM_SAE_ANY) &&
		   reason >= L2_REASON_CODE_IHV_BASE &&
		   reason < L2_REASON_CODE_IHV_BASE + L2_REASON_CODE_GROUP_SIZE) {
		/* SAE ended by the plugin (an IHV reason) before the association */
		station_wrong_key(st, n, reason, air_reason, true);
	}
	st->cache_stale = true;
	if (!select_any_usable(st->config)) {
		station_state_set(st, STATION_INACTIVE);
		return;
	}
	station_backoff(st);
}

static void station_core_ui_request(void *ctx, const uint8_t guid[16], const char *text)
{
	struct station *st = ctx;
	const char *field, *prompt = NULL;
	char txt[512];

	if (st->n_ui == STATION_UI_MAX) {
		memmove(&st->ui[0], &st->ui[1], sizeof(st->ui[0]) * (STATION_UI_MAX - 1));
		st->n_ui--;
	}
	st->ui[st->n_ui].id = st->cur_id;
	memcpy(st->ui[st->n_ui].guid, guid, 16);
	st->n_ui++;
	/* "FIELD:prompt" (the 802.1X module, a plugin asking for a passphrase): wpa_cli's form */
	field = station_eap_ui_field(text, &prompt);
	if (field) {
		config_ssid_txt((const uint8_t *)prompt, strnlen(prompt, 256), txt, sizeof(txt));
		station_event(st, "CTRL-REQ-%s-%d:%s", field, st->cur_id, txt);
		return;
	}
	config_ssid_txt((const uint8_t *)text, text ? strnlen(text, 256) : 0, txt, sizeof(txt));
	station_event(st, "CTRL-REQ-IHV-%d-%s", st->cur_id, txt);
}

static void station_core_milestone(void *ctx, enum ihv_phase phase, uint64_t now)
{
	struct station *st = ctx;

	switch (phase) {
	case IHV_PHASE_IDLE:
		break;
	case IHV_PHASE_PRE_ASSOCIATE:
		st->t_preassoc = now;
		break;
	case IHV_PHASE_ASSOCIATING:
		st->t_assoc = now;
		break;
	case IHV_PHASE_POST_ASSOCIATE:
		st->t_4way = now;
		st->associated = true;
		if (st->attempt_active && !st->user_disconnected)
			station_state_set(st, STATION_4WAY_HANDSHAKE);
		break;
	case IHV_PHASE_AUTHORIZED:
		st->t_auth = now;
		break;
	}
}

/*
 * Dot11ExtSendNotification (contract rule 66) to the control socket:
 * "CTRL-EVENT-IHV-NOTIFICATION <hex of the data> code=0x<code> len=<n>"; "-"
 * for no data; at most the first 256 bytes in hex, len says how many there were.
 */
static void station_core_notification(void *ctx, uint32_t code, const uint8_t *data,
				      size_t len)
{
	struct station *st = ctx;
	char hex[2 * 256 + 1];
	size_t shown = len < 256 ? len : 256;

	if (shown)
		hex_encode(data, shown, hex);
	else
		snprintf(hex, sizeof(hex), "-");
	station_event(st, "CTRL-EVENT-IHV-NOTIFICATION %s code=0x%x len=%zu", hex, code, len);
}

static const struct ihv_adapter_events station_events = {
	.authorized = station_core_authorized,
	.ended = station_core_ended,
	.ui_request = station_core_ui_request,
	.milestone = station_core_milestone,
	.notification = station_core_notification,
	.onex = station_eap_event,
};

const struct ihv_adapter_events *station_adapter_events(void)
{
	return &station_events;
}

/* --- driver events ---------------------------------------------------------------- */

void station_drv_event(struct station *st, const struct drv_event *ev)
{
	switch (ev->type) {
	case DRV_EVENT_SCAN_STARTED:
		station_event(st, "CTRL-EVENT-SCAN-STARTED ");
		break;
	case DRV_EVENT_SCAN_DONE:
		station_scan_done(st, false);
		break;
	case DRV_EVENT_SCAN_ABORTED:
		if (st->probe_abort) {
			/* we ended it: the link's BSS answered (station-probe.c) */
			station_scan_done(st, true);
			break;
		}
		station_probe_stop(st);
		log_warn("%s: scan aborted", st->ifname);
		st->scan_running = false;
		st->scan_adopted = false;
		if (st->watch_cb)
			st->watch_cb(st->watch_ctx);
		loop_timer_cancel(st->scan_timer);
		if (st->want_connect && !st->attempt_active) {
			st->want_connect = false;
			station_state_set(st, STATION_DISCONNECTED);
			station_backoff(st);
		}
		break;
	case DRV_EVENT_CONNECT_RESULT:
		if (!st->attempt_active || ev->connect.status || ev->connect.timed_out)
			break;
		st->associated = true;
		memcpy(st->cur_bssid, ev->connect.bssid, DRV_ETH_ALEN);
		if (ev->connect.freq)
			st->cur_freq = ev->connect.freq;
		if (st->state == STATION_ASSOCIATING)
			station_state_set(st, STATION_ASSOCIATED);
		break;
	case DRV_EVENT_DISCONNECTED:
		st->drv_disc_seen = true;
		st->drv_disc_by_ap = ev->disconnect.by_ap;
		st->drv_disc_reason = ev->disconnect.reason;
		break;
	case DRV_EVENT_IFACE_REMOVED:
		log_err("%s: interface removed; this interface stops", st->ifname);
		st->stopping = true;
		loop_timer_cancel(st->retry_timer);
		loop_timer_cancel(st->scan_timer);
		station_probe_stop(st);
		station_state_set(st, STATION_DISCONNECTED);
		break;
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_EAPOL_RX:
	case DRV_EVENT_EAPOL_TX_STATUS:
	case DRV_EVENT_AUTH_RX:
	case DRV_EVENT_MIC_FAILURE:     /* the plugin's (ReceiveIndication) */
	case DRV_EVENT_PMKSA_CANDIDATE:
	case DRV_EVENT_CQM:
		break;
	}
}

/* --- life cycle --------------------------------------------------------------------- */

struct station *station_new(const struct station_params *p)
{
	struct station *st = calloc(1, sizeof(*st));
	size_t nb = p->backoff_ms && p->n_backoff ? p->n_backoff
		    : sizeof(station_default_backoff_ms) / sizeof(station_default_backoff_ms[0]);

	if (!st)
		return NULL;
	st->loop = p->loop;
	st->config = p->config;
	snprintf(st->ifname, sizeof(st->ifname), "%s", p->ifname ? p->ifname : "?");
	st->ifindex = p->ifindex;
	if (p->mac)
		memcpy(st->mac, p->mac, DRV_ETH_ALEN);
	st->plugin_name = strdup(p->plugin_name ? p->plugin_name : "");
	st->be = *p->backend;
	st->scan_max_age_ms = p->scan_max_age_ms ? p->scan_max_age_ms : STATION_SCAN_MAX_AGE_MS;
	st->known_max_age_ms = p->known_max_age_ms ? p->known_max_age_ms : STATION_KNOWN_MAX_AGE_MS;
	st->scan_timeout_ms = p->scan_timeout_ms ? p->scan_timeout_ms : 15000;
	st->backoff = malloc(nb * sizeof(*st->backoff));
	st->n_backoff = nb;
	st->wrong_key_max = p->wrong_key_max ? p->wrong_key_max : 3;
	st->cur_id = -1;
	st->state = STATION_DISCONNECTED;
	st->retry_timer = loop_timer_new(p->loop, station_retry_cb, st);
	st->scan_timer = loop_timer_new(p->loop, station_scan_timeout_cb, st);
	st->cap_memo = cap_memo_new();
	if (p->freqs_path) {
		st->freqs_path = strdup(p->freqs_path);
		st->freqs_timer = loop_timer_new(p->loop, station_freqs_save_cb, st);
		st->freqs_stale = p->freqs_stale;
	}
	st->n_link_freqs = p->n_link_freqs < STATION_LINK_FREQS ? p->n_link_freqs
			   : STATION_LINK_FREQS;
	if (st->n_link_freqs)
		memcpy(st->link_freqs, p->link_freqs, st->n_link_freqs * sizeof(st->link_freqs[0]));
	if (!st->plugin_name || !st->backoff || !st->retry_timer || !st->scan_timer ||
	    !st->cap_memo || (p->freqs_path && (!st->freqs_path || !st->freqs_timer))) {
		station_free(st);
		return NULL;
	}
	memcpy(st->backoff, p->backoff_ms && p->n_backoff ? p->backoff_ms : station_default_backoff_ms,
	       nb * sizeof(*st->backoff));
	return st;
}

void station_free(struct station *st)
{
	if (!st)
		return;
	loop_timer_free(st->retry_timer);
	loop_timer_free(st->scan_timer);
	loop_timer_free(st->probe_timer);
	if (st->freqs_timer && loop_timer_armed(st->freqs_timer))
		station_freqs_save_cb(st); /* a link's channel not yet written */
	loop_timer_free(st->freqs_timer);
	free(st->freqs_path);
	station_discovery_clear(st);
	scan_cache_clear(&st->cache);
	cap_memo_free(st->cap_memo);
	free(st->backoff);
	free(st->plugin_name);
	memset(st->ui, 0, sizeof(st->ui));
	free(st);
}

void station_event_cb_set(struct station *st, station_event_cb cb, void *ctx)
{
	st->ev_cb = cb;
	st->ev_ctx = ctx;
}

void station_start(struct station *st)
{
	st->stopping = false;
	st->t_request = 0;
	station_try(st);
}

void station_teardown(struct station *st, bool reassoc)
{
	if (!st->attempt_active)
		return;
	st->local_disconnect = true;
	st->reassoc_now = reassoc;
	st->be.disconnect(st->be.ctx, STATION_REASON_DEAUTH_LEAVING);
}

void station_stop(struct station *st)
{
	st->stopping = true;
	st->want_connect = false;
	loop_timer_cancel(st->retry_timer);
	loop_timer_cancel(st->scan_timer);
	station_probe_stop(st);
	station_teardown(st, false);
	station_state_set(st, STATION_DISCONNECTED);
}
