// SPDX-License-Identifier: BSD-3-Clause
/* wpa_supplicant's further control verbs (ctrl-verbs-compat.h). */
#include "daemon/ctrl-verbs-compat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"
#include "common/log.h"
#include "common/suite.h"
#include "daemon/config-compat.h"
#include "daemon/config-save.h"
#include "daemon/ctrl-reply.h"

static int ctrl_verbs_ok(struct ctrl_reply *o)
{
	ctrl_rp(o, "OK\n");
	return (int)o->len;
}

/* --- BSS ------------------------------------------------------------------------------ */

/* wpa_supplicant's WPA_BSS_MASK_* bits (ctrl_iface.h), the ones ihvd fills. */
enum ctrl_verbs_bss_mask {
	CTRL_BSS_ID = 1u << 0,
	CTRL_BSS_BSSID = 1u << 1,
	CTRL_BSS_FREQ = 1u << 2,
	CTRL_BSS_BEACON_INT = 1u << 3,
	CTRL_BSS_CAPABILITIES = 1u << 4,
	CTRL_BSS_QUAL = 1u << 5,
	CTRL_BSS_NOISE = 1u << 6,
	CTRL_BSS_LEVEL = 1u << 7,
	CTRL_BSS_TSF = 1u << 8,
	CTRL_BSS_AGE = 1u << 9,
	CTRL_BSS_IE = 1u << 10,
	CTRL_BSS_FLAGS = 1u << 11,
	CTRL_BSS_SSID = 1u << 12,
	CTRL_BSS_DELIM = 1u << 17,
};
#define CTRL_BSS_ALL 0xfffdffffu /* every field, no delimiter */

static void ctrl_verbs_bss_one(struct ctrl_reply *o, size_t id, const struct scan_bss *b,
			       unsigned int mask)
{
	char mac[HEX_MAC_TXT_LEN], txt[DRV_SSID_MAX * 4 + 1], flags[256];
	size_t start = o->len;

	if (mask & CTRL_BSS_ID)
		ctrl_rp(o, "id=%zu\n", id);
	if (mask & CTRL_BSS_BSSID) {
		hex_mac_txt(b->bss.bssid, mac);
		ctrl_rp(o, "bssid=%s\n", mac);
	}
	if (mask & CTRL_BSS_FREQ)
		ctrl_rp(o, "freq=%u\n", b->bss.freq);
	if (mask & CTRL_BSS_BEACON_INT)
		ctrl_rp(o, "beacon_int=%u\n", b->bss.beacon_interval);
	if (mask & CTRL_BSS_CAPABILITIES)
		ctrl_rp(o, "capabilities=0x%04x\n", b->bss.capability);
	if (mask & CTRL_BSS_QUAL)
		ctrl_rp(o, "qual=0\n");
	if (mask & CTRL_BSS_NOISE)
		ctrl_rp(o, "noise=0\n");
	if (mask & CTRL_BSS_LEVEL)
		ctrl_rp(o, "level=%d\n", b->bss.signal_mbm / 100);
	if (mask & CTRL_BSS_TSF)
		ctrl_rp(o, "tsf=%016llu\n", (unsigned long long)b->bss.tsf);
	if (mask & CTRL_BSS_AGE)
		ctrl_rp(o, "age=%u\n", scan_bss_age_ms(b) / 1000);
	if ((mask & CTRL_BSS_IE) && !o->full) {
		/* Hex in place: two characters per octet, then the newline. */
		if (o->len + 4 + 2 * b->bss.ies_len + 2 > o->cap) {
			o->full = true;
		} else {
			memcpy(o->buf + o->len, "ie=", 3);
			hex_encode(b->bss.ies, b->bss.ies_len, o->buf + o->len + 3);
			o->len += 3 + 2 * b->bss.ies_len;
			ctrl_rp(o, "\n");
		}
	}
	if (mask & CTRL_BSS_FLAGS) {
		scan_bss_flags(b, flags, sizeof(flags));
		ctrl_rp(o, "flags=%s\n", flags);
	}
	if (mask & CTRL_BSS_SSID) {
		config_ssid_txt(b->ssid, b->ssid_len, txt, sizeof(txt));
		ctrl_rp(o, "ssid=%s\n", txt);
	}
	if (mask & CTRL_BSS_DELIM)
		ctrl_rp(o, "====\n");
	/* An entry that did not fit goes whole (wpa_supplicant stops there too). */
	if (o->full)
		o->len = start;
}

/* "N", "ID-N", "FIRST", "LAST", "NEXT-N", "PREV-N", a BSSID; -1 if none. */
static long ctrl_verbs_bss_pick(const struct station *st, const char *sel)
{
	size_t n = station_bss_count(st), i;
	uint8_t mac[DRV_ETH_ALEN];
	char *end;
	long v;

	if (!n)
		return -1;
	if (!strcmp(sel, "FIRST"))
		return 0;
	if (!strcmp(sel, "LAST"))
		return (long)n - 1;
	if (hex_mac_parse(sel, mac)) {
		for (i = 0; i < n; i++)
			if (!memcmp(station_bss_at(st, i)->bss.bssid, mac, DRV_ETH_ALEN))
				return (long)i;
		return -1;
	}
	if (!strncmp(sel, "ID-", 3))
		sel += 3;
	else if (!strncmp(sel, "NEXT-", 5) || !strncmp(sel, "PREV-", 5)) {
		bool next = sel[0] == 'N';

		v = strtol(sel + 5, &end, 10);
		if (*end || end == sel + 5)
			return -1;
		v += next ? 1 : -1;
		return v >= 0 && (size_t)v < n ? v : -1;
	}
	if (*sel < '0' || *sel > '9')
		return -1;
	v = strtol(sel, &end, 10);
	return !*end && (size_t)v < n ? v : -1;
}

/* BSS <sel> [MASK=0xH]  |  BSS RANGE=A-B|ALL [MASK=0xH] */
static int ctrl_verbs_bss(const struct ctrl_compat *cx, char *arg, struct ctrl_reply *o)
{
	char *mask_s = arg ? strstr(arg, " MASK=") : NULL;
	unsigned int mask = CTRL_BSS_ALL;
	size_t n = station_bss_count(cx->station);
	long i, lo, hi;
	char *end;

	if (!arg)
		return CTRL_VERB_FAIL;
	if (mask_s) {
		*mask_s = 0;
		mask = (unsigned int)strtoul(mask_s + 6, &end, 16);
		if (*end)
			return CTRL_VERB_FAIL;
	}
	if (!strncmp(arg, "RANGE=", 6)) {
		if (!strcmp(arg + 6, "ALL")) {
			lo = 0;
			hi = (long)n - 1;
		} else {
			lo = strtol(arg + 6, &end, 10);
			if (*end != '-')
				return CTRL_VERB_FAIL;
			hi = strtol(end + 1, &end, 10);
			if (*end || lo < 0)
				return CTRL_VERB_FAIL;
		}
		if (hi >= (long)n)
			hi = (long)n - 1;
		for (i = lo; i <= hi && !o->full; i++)
			ctrl_verbs_bss_one(o, (size_t)i, station_bss_at(cx->station, (size_t)i), mask);
		return (int)o->len;
	}
	i = ctrl_verbs_bss_pick(cx->station, arg);
	if (i >= 0)
		ctrl_verbs_bss_one(o, (size_t)i, station_bss_at(cx->station, (size_t)i), mask);
	return (int)o->len; /* nothing for an unknown BSS, as wpa_supplicant */
}

/* --- the others --------------------------------------------------------------------------- */

static int ctrl_verbs_signal_poll(const struct ctrl_compat *cx, struct ctrl_reply *o)
{
	struct station_info in;
	struct drv_link_info li;

	station_info_get(cx->station, &in);
	if (in.state < STATION_ASSOCIATED || !cx->host || !cx->host->link_poll ||
	    cx->host->link_poll(cx->host->ctx, in.bssid, &li) < 0)
		return CTRL_VERB_FAIL;
	ctrl_rp(o, "RSSI=%d\nLINKSPEED=%u\nNOISE=%d\nFREQUENCY=%u\n", li.signal_dbm,
		       li.tx_bitrate_100kbps / 10, li.noise_valid ? li.noise_dbm : 9999,
		       li.freq ? li.freq : in.freq);
	return (int)o->len;
}

static const struct {
	const char *name;
	enum log_level level;
} ctrl_verbs_levels[] = {
	{ "EXCESSIVE", LOG_LEVEL_MSGDUMP }, { "MSGDUMP", LOG_LEVEL_MSGDUMP },
	{ "DEBUG", LOG_LEVEL_DEBUG }, { "INFO", LOG_LEVEL_INFO },
	{ "WARNING", LOG_LEVEL_WARN }, { "ERROR", LOG_LEVEL_ERROR },
};
#define CTRL_VERBS_N_LEVELS (sizeof(ctrl_verbs_levels) / sizeof(ctrl_verbs_levels[0]))

/* LOG_LEVEL [LEVEL [TIMESTAMP]] */
static int ctrl_verbs_log_level(char *arg, struct ctrl_reply *o)
{
	enum log_level now = log_level_get();
	char word[16];
	size_t i;

	if (!arg) {
		for (i = 1; i < CTRL_VERBS_N_LEVELS && ctrl_verbs_levels[i].level != now; i++)
			;
		ctrl_rp(o, "Current level: %s\nTimestamp: 1\n",
			       i < CTRL_VERBS_N_LEVELS ? ctrl_verbs_levels[i].name : "INFO");
		return (int)o->len;
	}
	if (sscanf(arg, "%15s", word) != 1)
		return CTRL_VERB_FAIL;
	for (i = 0; i < CTRL_VERBS_N_LEVELS; i++) {
		if (strcasecmp(word, ctrl_verbs_levels[i].name) != 0)
			continue;
		log_level_set(ctrl_verbs_levels[i].level);
		log_info("log level set to %s from the control socket", ctrl_verbs_levels[i].name);
		return ctrl_verbs_ok(o);
	}
	return CTRL_VERB_FAIL;
}

/* BSSID_IGNORE [BSSID | clear]: the list, one per line. */
static int ctrl_verbs_bssid_ignore(const struct ctrl_compat *cx, char *arg,
				   struct ctrl_reply *o)
{
	struct config *c = cx->config;
	uint8_t mac[DRV_ETH_ALEN];
	char txt[HEX_MAC_TXT_LEN];
	size_t i;

	if (!arg) {
		for (i = 0; i < c->n_bssid_ignore; i++) {
			hex_mac_txt(c->bssid_ignore[i], txt);
			ctrl_rp(o, "%s\n", txt);
		}
		return (int)o->len;
	}
	if (!strcmp(arg, "clear")) {
		c->n_bssid_ignore = 0;
		return ctrl_verbs_ok(o);
	}
	if (!hex_mac_parse(arg, mac))
		return CTRL_VERB_FAIL;
	if (!config_bssid_ignored(c, mac)) {
		if (c->n_bssid_ignore == CONFIG_BSSID_IGNORE_MAX)
			return CTRL_VERB_FAIL;
		memcpy(c->bssid_ignore[c->n_bssid_ignore++], mac, DRV_ETH_ALEN);
		log_info("%s: BSSID_IGNORE %s: not joined until cleared", cx->ifname, arg);
	}
	return ctrl_verbs_ok(o);
}

static void ctrl_verbs_suite_txt(uint32_t suite, char out[16])
{
	snprintf(out, 16, "%02x-%02x-%02x-%u", (suite >> 24) & 0xff, (suite >> 16) & 0xff,
		 (suite >> 8) & 0xff, suite & 0xff);
}

/* MIB: the dot11RSNA variables of IEEE 802.11-2020 Annex C that ihvd knows. */
static int ctrl_verbs_mib(const struct ctrl_compat *cx, struct ctrl_reply *o)
{
	struct station_info in;
	char a[16], p[16], g[16];

	station_info_get(cx->station, &in);
	ctrl_rp(o, "dot11RSNAOptionImplemented=TRUE\n"
		       "dot11RSNAPreauthenticationImplemented=FALSE\n"
		       "dot11RSNAEnabled=%s\n"
		       "dot11RSNAPreauthenticationEnabled=FALSE\n"
		       "dot11RSNAConfigVersion=1\n"
		       "dot11RSNAConfigPairwiseKeysSupported=5\n",
		       in.akm_suite ? "TRUE" : "FALSE");
	if (in.state >= STATION_ASSOCIATED && in.akm_suite) {
		ctrl_verbs_suite_txt(in.akm_suite, a);
		ctrl_verbs_suite_txt(in.pairwise_cipher, p);
		ctrl_verbs_suite_txt(in.group_cipher, g);
		ctrl_rp(o, "dot11RSNAAuthenticationSuiteSelected=%s\n"
			       "dot11RSNAPairwiseCipherSelected=%s\n"
			       "dot11RSNAGroupCipherSelected=%s\n", a, p, g);
	}
	return (int)o->len;
}

static int ctrl_verbs_set(const struct ctrl_compat *cx, char *arg, struct ctrl_reply *o)
{
	char *value = arg ? strchr(arg, ' ') : NULL;
	char alpha2[3];

	if (!value)
		return CTRL_VERB_FAIL;
	*value++ = 0;
	if (strcmp(arg, "country") != 0)
		return CTRL_VERB_FAIL; /* the other SET variables are wpa_supplicant's own */
	if (config_country_parse(value, alpha2) < 0 || !cx->host || !cx->host->country_set ||
	    cx->host->country_set(cx->host->ctx, alpha2) < 0)
		return CTRL_VERB_FAIL;
	memcpy(cx->config->country, alpha2, sizeof(alpha2));
	return ctrl_verbs_ok(o);
}

static int ctrl_verbs_get(const struct ctrl_compat *cx, char *arg, struct ctrl_reply *o)
{
	char alpha2[3] = "";

	if (!arg || strcmp(arg, "country") != 0)
		return CTRL_VERB_FAIL;
	/* The domain in force, else what the file asked for. */
	if (!cx->host || !cx->host->country_get ||
	    cx->host->country_get(cx->host->ctx, alpha2) < 0)
		memcpy(alpha2, cx->config->country, sizeof(alpha2));
	if (!alpha2[0])
		return CTRL_VERB_FAIL;
	ctrl_rp(o, "%s", alpha2); /* no newline, as wpa_supplicant */
	return (int)o->len;
}

static int ctrl_verbs_save(const struct ctrl_compat *cx, struct ctrl_reply *o)
{
	char err[512];

	if (!cx->config->update_config) {
		log_info("%s: SAVE_CONFIG refused: %s does not say update_config=1", cx->ifname,
			 cx->config->path ? cx->config->path : "the configuration");
		return CTRL_VERB_FAIL;
	}
	if (config_save(cx->config, err, sizeof(err)) < 0) {
		log_warn("%s: SAVE_CONFIG: %s", cx->ifname, err);
		return CTRL_VERB_FAIL;
	}
	log_info("%s: configuration saved to %s", cx->ifname, cx->config->path);
	return ctrl_verbs_ok(o);
}

static int ctrl_verbs_reconfigure(const struct ctrl_compat *cx, struct ctrl_reply *o)
{
	char err[2048];

	if (!cx->host || !cx->host->reconfigure)
		return CTRL_VERB_FAIL;
	if (cx->host->reconfigure(cx->host->ctx, err, sizeof(err)) < 0)
		return CTRL_VERB_FAIL; /* the host logged why */
	return ctrl_verbs_ok(o);
}

static const char *const ctrl_verbs_compat_names[] = {
	"SAVE_CONFIG", "RECONFIGURE", "BSS", "SIGNAL_POLL", "SET", "GET", "LOG_LEVEL",
	"BSSID_IGNORE", "BLACKLIST", "ABORT_SCAN", "MIB",
};

bool ctrl_verbs_compat_known(const char *verb)
{
	size_t i;

	for (i = 0; i < sizeof(ctrl_verbs_compat_names) / sizeof(ctrl_verbs_compat_names[0]); i++)
		if (!strcmp(verb, ctrl_verbs_compat_names[i]))
			return true;
	return false;
}

int ctrl_verbs_compat_run(const struct ctrl_compat *cx, const char *verb, char *arg, char *out,
			  size_t len)
{
	struct ctrl_reply o = { .buf = out, .cap = len };

	if (!len)
		return CTRL_VERB_FAIL;
	out[0] = 0;
	if (!strcmp(verb, "SAVE_CONFIG") && !arg)
		return ctrl_verbs_save(cx, &o);
	if (!strcmp(verb, "RECONFIGURE") && !arg)
		return ctrl_verbs_reconfigure(cx, &o);
	if (!strcmp(verb, "BSS"))
		return ctrl_verbs_bss(cx, arg, &o);
	if (!strcmp(verb, "SIGNAL_POLL") && !arg)
		return ctrl_verbs_signal_poll(cx, &o);
	if (!strcmp(verb, "SET"))
		return ctrl_verbs_set(cx, arg, &o);
	if (!strcmp(verb, "GET"))
		return ctrl_verbs_get(cx, arg, &o);
	if (!strcmp(verb, "LOG_LEVEL"))
		return ctrl_verbs_log_level(arg, &o);
	if (!strcmp(verb, "BSSID_IGNORE") || !strcmp(verb, "BLACKLIST"))
		return ctrl_verbs_bssid_ignore(cx, arg, &o);
	if (!strcmp(verb, "ABORT_SCAN") && !arg) {
		if (!cx->host || !cx->host->scan_abort || cx->host->scan_abort(cx->host->ctx) < 0)
			return CTRL_VERB_FAIL;
		return ctrl_verbs_ok(&o);
	}
	if (!strcmp(verb, "MIB") && !arg)
		return ctrl_verbs_mib(cx, &o);
	return ctrl_verbs_compat_known(verb) ? CTRL_VERB_FAIL : CTRL_VERB_NOT_MINE;
}
