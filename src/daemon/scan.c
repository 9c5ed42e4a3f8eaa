// SPDX-License-Identifier: BSD-3-Clause
/* Scan results, their cache and the scan request (see scan.h). */
#include "daemon/scan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ie.h"
#include "common/log.h"
#include "common/loop.h"
#include "common/suite.h"
#include "daemon/config.h"
#include "daemon/config-compat.h"
#include "daemon/select.h"
#include "daemon/station-int.h"

#define SCAN_BSS_MAX 256
#define SCAN_SSIDS_MAX 4
#define SCAN_FREQS_MAX 64

/* IEEE 802.11-2020 9.4.1.4: the Capability Information bits the flags show. */
#define SCAN_CAP_ESS     0x0001
#define SCAN_CAP_IBSS    0x0002
#define SCAN_CAP_PRIVACY 0x0010

#define IE_ID_SSID 0

/* --- IEs ------------------------------------------------------------------------ */

/* The RSNE (e points at the element ID, elen is its Length field). -1 if malformed. */
static int scan_rsne(const uint8_t *e, uint8_t elen, struct scan_bss *out)
{
	struct rsn_ie r;
	size_t i;

	if (rsn_ie_parse(e, 2u + elen, &r) != RSN_IE_OK)
		return -1;
	out->rsn = true;
	out->group_suite = r.group_cipher;
	for (i = 0; i < r.n_pairwise; i++) {
		out->pairwise |= config_cipher_bit(r.pairwise[i]);
		out->pairwise_suites[out->n_pairwise_suites++] = r.pairwise[i];
	}
	for (i = 0; i < r.n_akm; i++) {
		out->akm |= config_akm_bit(r.akm[i]);
		out->akm_suites[out->n_akm_suites++] = r.akm[i];
	}
	out->mfpr = r.caps & RSN_CAP_MFPR; /* 9.4.2.24.4 */
	out->mfpc = r.caps & RSN_CAP_MFPC;
	return 0;
}

/*
 * The WPA vendor element (00-50-F2 type 1): shown in the flags, never used.
 * Its body after the OUI and type (version, group, pairwise list, AKM list)
 * has the RSNE's layout, so it is read by the one RSNE parser under an RSNE
 * header; where the body stops early the WPA default is TKIP, not CCMP.
 */
static void scan_wpa_ie(const uint8_t *body, size_t blen, struct scan_bss *out)
{
	uint8_t as_rsne[2 + 255];
	struct rsn_ie r;
	size_t i;

	as_rsne[0] = IE_ID_RSN;
	as_rsne[1] = (uint8_t)blen;
	memcpy(as_rsne + 2, body, blen);
	if (rsn_ie_parse(as_rsne, 2 + blen, &r) != RSN_IE_OK)
		return;
	if (blen < 2 + 4 + 2) /* version and group only: no pairwise list */
		r.pairwise[0] = WPA_SUITE(2);
	out->wpa = true;
	for (i = 0; i < r.n_akm && i < 4; i++)
		out->wpa_akm_suites[out->n_wpa_akm_suites++] = r.akm[i];
	for (i = 0; i < r.n_pairwise && i < 4; i++)
		out->wpa_pairwise_suites[out->n_wpa_pairwise_suites++] = r.pairwise[i];
}

int scan_bss_parse(const struct drv_bss *bss, struct scan_bss *out)
{
	const uint8_t *p = bss->ies;
	size_t len = bss->ies_len, off = 0;
	bool have_ssid = false, bad = false;

	memset(out, 0, sizeof(*out));
	out->bss = *bss;
	while (p && off + 2 <= len) {
		uint8_t id = p[off], elen = p[off + 1];
		const uint8_t *e = p + off + 2;

		if (off + 2 + elen > len)
			return -1;
		if (id == IE_ID_SSID && !have_ssid) {
			/* An oversized SSID is kept (cut) for SCAN_RESULTS, never matched. */
			out->ssid_len = elen > DRV_SSID_MAX ? DRV_SSID_MAX : elen;
			memcpy(out->ssid, e, out->ssid_len);
			have_ssid = true;
			bad |= elen > DRV_SSID_MAX;
		} else if (id == IE_ID_RSN && !out->rsn) {
			/* A broken RSNE makes the BSS never chosen: it is not "open". */
			bad |= scan_rsne(p + off, elen, out) < 0;
		} else if (id == IE_ID_VENDOR && elen >= 4 && e[0] == 0x00 && e[1] == 0x50 &&
			   e[2] == 0xf2 && e[3] == 1 && !out->wpa) {
			scan_wpa_ie(e + 4, elen - 4u, out);
		}
		off += 2u + elen;
	}
	if (bad || off != len || !have_ssid)
		return -1;
	out->ies_ok = true;
	return 0;
}

/* --- flags ---------------------------------------------------------------------- */

static void scan_flags_put(char *buf, size_t len, size_t *o, const char *s)
{
	*o += (size_t)snprintf(buf + *o, *o < len ? len - *o : 0, "%s", s);
}

static void scan_flags_one(char *buf, size_t len, size_t *o, const char *proto,
			   const uint32_t *akm, size_t n_akm, const uint32_t *pw, size_t n_pw)
{
	size_t i;

	scan_flags_put(buf, len, o, "[");
	scan_flags_put(buf, len, o, proto);
	scan_flags_put(buf, len, o, "-");
	for (i = 0; i < n_akm; i++) {
		const char *name = suite_akm_flag_name(akm[i]);

		if (i)
			scan_flags_put(buf, len, o, "+");
		scan_flags_put(buf, len, o, name ? name : "?");
	}
	for (i = 0; i < n_pw; i++) {
		const char *name = suite_cipher_name(pw[i]);

		scan_flags_put(buf, len, o, i ? "+" : "-");
		scan_flags_put(buf, len, o, name ? name : "?");
	}
	scan_flags_put(buf, len, o, "]");
}

void scan_bss_flags(const struct scan_bss *b, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return;
	buf[0] = 0;
	if (b->wpa)
		scan_flags_one(buf, len, &o, "WPA", b->wpa_akm_suites, b->n_wpa_akm_suites,
			       b->wpa_pairwise_suites, b->n_wpa_pairwise_suites);
	if (b->rsn)
		scan_flags_one(buf, len, &o, "WPA2", b->akm_suites, b->n_akm_suites,
			       b->pairwise_suites, b->n_pairwise_suites);
	if (!b->rsn && !b->wpa && (b->bss.capability & SCAN_CAP_PRIVACY))
		scan_flags_put(buf, len, &o, "[WEP]");
	if (b->bss.capability & SCAN_CAP_ESS)
		scan_flags_put(buf, len, &o, "[ESS]");
	if (b->bss.capability & SCAN_CAP_IBSS)
		scan_flags_put(buf, len, &o, "[IBSS]");
}

uint32_t scan_bss_age_ms(const struct scan_bss *b)
{
	uint64_t since = (loop_now_us() - b->fetched_us) / 1000u;
	uint64_t age = since + b->bss.seen_ms_ago;

	return age > UINT32_MAX ? UINT32_MAX : (uint32_t)age;
}

/* --- the cache ------------------------------------------------------------------ */

static void scan_list_free(struct scan_bss *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((void *)list[i].bss.ies);
		free((void *)list[i].bss.beacon_ies);
	}
	free(list);
}

void scan_cache_clear(struct scan_cache *c)
{
	scan_list_free(c->bss, c->n_bss);
	c->bss = NULL;
	c->n_bss = 0;
}

struct scan_read {
	struct scan_bss *list;
	size_t n;
	size_t cap;
	bool failed;
	uint64_t now;
};

static void scan_read_cb(void *ctx, const struct drv_bss *bss)
{
	struct scan_read *r = ctx;
	struct scan_bss *b;
	uint8_t *ies = NULL, *bies = NULL;

	if (r->failed || r->n >= SCAN_BSS_MAX)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct scan_bss *l = realloc(r->list, cap * sizeof(*l));

		if (!l) {
			r->failed = true;
			return;
		}
		r->list = l;
		r->cap = cap;
	}
	if (bss->ies_len && !(ies = malloc(bss->ies_len)))
		goto oom;
	if (bss->beacon_ies && bss->beacon_ies_len && !(bies = malloc(bss->beacon_ies_len)))
		goto oom;
	if (ies)
		memcpy(ies, bss->ies, bss->ies_len);
	if (bies)
		memcpy(bies, bss->beacon_ies, bss->beacon_ies_len);
	b = &r->list[r->n++];
	scan_bss_parse(bss, b);
	b->bss.ies = ies;
	b->bss.beacon_ies = bies;
	b->bss.beacon_ies_len = bies ? bss->beacon_ies_len : 0;
	b->fetched_us = r->now;
	return;
oom:
	free(ies);
	r->failed = true;
}

int scan_cache_read(struct scan_cache *c, const struct station_backend *be,
		    const char *ifname)
{
	struct scan_read r = { .now = loop_now_us() };
	int err;

	err = be->scan_results(be->ctx, scan_read_cb, &r);
	if (err < 0 || r.failed) {
		scan_list_free(r.list, r.n);
		log_warn("%s: reading scan results failed: %s", ifname,
			 err < 0 ? strerror(-err) : "out of memory");
		return err < 0 ? err : -ENOMEM;
	}
	scan_cache_clear(c);
	c->bss = r.list;
	c->n_bss = r.n;
	c->read = true;
	log_debug("%s: %zu scan results", ifname, r.n);
	return 0;
}

/* --- the request ---------------------------------------------------------------- */

static void scan_freq_add(uint32_t *freqs, size_t *nf, uint32_t f)
{
	size_t j;

	for (j = 0; j < *nf && freqs[j] != f; j++)
		;
	if (j == *nf && *nf < SCAN_FREQS_MAX)
		freqs[(*nf)++] = f;
}

/* A usable network has the SSID of that link. */
static bool scan_link_usable(const struct config *cfg, const struct known_freq *l)
{
	const struct config_network *n;

	for (n = cfg->networks; n; n = n->next)
		if (select_network_usable(n) && n->ssid_set && n->ssid_len == l->ssid_len &&
		    !memcmp(n->ssid, l->ssid, l->ssid_len))
			return true;
	return false;
}

/* What a scan asks for: the enabled networks' hidden SSIDs, and channels when narrow. */
struct scan_plan {
	uint8_t ssids[SCAN_SSIDS_MAX + 1][DRV_SSID_MAX];
	size_t ssid_lens[SCAN_SSIDS_MAX + 1];
	uint32_t freqs[SCAN_FREQS_MAX];
	struct drv_scan_params p;
};

/*
 * Fill plan for config's networks; returns how many channels it names (0: all). Narrow:
 * the configured channels (scan_freq), then the channels of the last authorized links to
 * these networks (link_freqs, newest first: the kernel may have dropped their entries,
 * README "Reconnect without a scan"), then where the networks were seen.
 */
static size_t scan_plan_build(const struct config *cfg, const struct scan_cache *cache,
			      const struct known_freq *link_freqs, size_t n_link_freqs,
			      bool narrow, struct scan_plan *plan)
{
	struct config_network *n;
	struct profile_choice ch;
	size_t i, nf = 0, ns = 0;

	memset(&plan->p, 0, sizeof(plan->p));
	for (n = cfg->networks; n; n = n->next) {
		if (!select_network_usable(n))
			continue;
		if (n->scan_ssid && n->ssid_set && ns < SCAN_SSIDS_MAX) {
			memcpy(plan->ssids[ns], n->ssid, n->ssid_len);
			plan->ssid_lens[ns++] = n->ssid_len;
		}
		for (i = 0; narrow && i < n->n_scan_freq; i++)
			scan_freq_add(plan->freqs, &nf, n->scan_freq[i]);
	}
	for (i = 0; narrow && i < n_link_freqs; i++)
		if (scan_link_usable(cfg, &link_freqs[i]))
			scan_freq_add(plan->freqs, &nf, link_freqs[i].freq);
	for (n = cfg->networks; narrow && n; n = n->next) {
		if (!select_network_usable(n))
			continue;
		for (i = 0; i < cache->n_bss; i++)
			if (select_bss_match(n, &cache->bss[i], &ch))
				scan_freq_add(plan->freqs, &nf, cache->bss[i].bss.freq);
	}
	/* freq_list= (global): only these channels, whatever else was planned. */
	if (cfg->n_freq_list) {
		size_t k = 0;

		for (i = 0; i < nf; i++)
			if (config_freq_allowed(cfg, NULL, plan->freqs[i]))
				plan->freqs[k++] = plan->freqs[i];
		nf = k;
		for (i = 0; !nf && i < cfg->n_freq_list && i < SCAN_FREQS_MAX; i++)
			scan_freq_add(plan->freqs, &nf, cfg->freq_list[i]);
	}
	if (ns) {
		plan->ssid_lens[ns++] = 0; /* and the wildcard SSID */
		plan->p.ssids = (const uint8_t (*)[DRV_SSID_MAX])plan->ssids;
		plan->p.ssid_lens = plan->ssid_lens;
		plan->p.n_ssids = ns;
	}
	if (nf) {
		plan->p.freqs = plan->freqs;
		plan->p.n_freqs = nf;
	}
	return nf;
}

/*
 * Trigger the plan (*nf channels). nl80211 refuses a whole scan that names a channel the
 * radio does not have (-EINVAL): a link kept from another card, a scan_freq. A narrow
 * plan so refused is rebuilt for all channels and triggered again; *narrow then turns
 * false and *nf is that plan's count (0 unless freq_list= bounds it).
 */
static int scan_plan_trigger(const struct config *cfg, const struct scan_cache *cache,
			     const struct station_backend *be, const char *ifname,
			     struct scan_plan *plan, size_t *nf, bool *narrow)
{
	int err = be->scan_trigger(be->ctx, &plan->p);

	if (err != -EINVAL || !*narrow || !*nf)
		return err;
	*narrow = false;
	log_warn("%s: the driver refused a scan of the known channels; scanning all channels",
		 ifname);
	*nf = scan_plan_build(cfg, cache, NULL, 0, false, plan);
	return be->scan_trigger(be->ctx, &plan->p);
}

int scan_request(struct station *st, bool narrow)
{
	struct scan_plan plan;
	size_t nf = scan_plan_build(st->config, &st->cache, st->link_freqs, st->n_link_freqs,
				    narrow, &plan);
	uint64_t t0 = loop_now_us();
	bool asked_narrow = narrow;
	int err;

	station_probe_stop(st);
	err = scan_plan_trigger(st->config, &st->cache, &st->be, st->ifname, &plan, &nf,
				&narrow);
	if (asked_narrow && !narrow)
		st->n_link_freqs = 0; /* refused: the kept links' channels are forgotten */
	if (err == -EBUSY) {
		/* Someone else's scan runs: its results will do. */
		log_debug("%s: a scan is already running; waiting for it", st->ifname);
		nf = 0;
	} else if (err < 0) {
		log_warn("%s: scan request failed: %s", st->ifname, strerror(-err));
		return err;
	}
	st->scan_running = true;
	st->scan_narrow = nf > 0;
	loop_timer_arm(st->scan_timer, st->scan_timeout_ms);
	if (narrow && nf)
		station_probe_start(st, t0);
	log_debug("%s: scanning %s", st->ifname, nf ? "known channels" : "all channels");
	return 0;
}

int scan_request_early(const struct config *cfg, const struct station_backend *be,
		       const char *ifname, uint32_t max_age_ms,
		       const struct known_freq *link_freqs, size_t n_link_freqs, bool *narrow)
{
	struct scan_cache cache = { 0 };
	struct select_result sel;
	struct scan_plan plan;
	size_t nf;
	int err;

	*narrow = false;
	if (!select_any_usable(cfg) || scan_cache_read(&cache, be, ifname) < 0)
		return 1;
	if (select_best(cfg, cache.bss, cache.n_bss, max_age_ms, &sel)) {
		scan_cache_clear(&cache); /* fresh enough: the station joins without a scan */
		return 1;
	}
	nf = scan_plan_build(cfg, &cache, link_freqs, n_link_freqs, true, &plan);
	err = scan_plan_trigger(cfg, &cache, be, ifname, &plan, &nf, &(bool){ true });
	scan_cache_clear(&cache);
	if (err < 0) {
		log_debug("%s: no scan at start-up: %s", ifname, strerror(-err));
		return err;
	}
	*narrow = nf > 0;
	log_debug("%s: scanning %s while the plugin loads", ifname,
		  nf ? "known channels" : "all channels");
	return 0;
}
