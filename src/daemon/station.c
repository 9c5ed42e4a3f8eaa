/* The connection policy for one interface (see station.h). */
#include "daemon/station.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "wlanihv.h"

#define STATION_BSS_MAX 256
#define STATION_UI_MAX 8
#define STATION_CANDIDATES_MAX 8
#define STATION_SCAN_SSIDS_MAX 4

/* IEEE 802.11-2020 Table 9-49: deauthenticated because the sending STA is leaving. */
#define REASON_DEAUTH_LEAVING 3

static const uint32_t default_backoff_ms[] = { 100, 1000, 2000, 5000 };

struct station_ui_req {
	int id;
	uint8_t guid[16];
};

struct station {
	struct loop *loop;
	struct config *config;
	char ifname[DRV_IFNAME_MAX];
	uint32_t ifindex;
	uint8_t mac[DRV_ETH_ALEN];
	char *plugin_name;
	struct station_backend be;
	uint32_t scan_max_age_ms;
	uint32_t scan_timeout_ms;
	uint32_t *backoff;
	size_t n_backoff;
	size_t backoff_idx;
	unsigned int wrong_key_max;
	station_event_cb ev_cb;
	void *ev_ctx;

	enum station_state state;
	struct loop_timer *retry_timer;
	struct loop_timer *scan_timer;
	bool stopping;
	bool user_disconnected;  /* DISCONNECT: stay down until RECONNECT */
	bool reassoc_now;        /* connect again as soon as this attempt ended */

	/* The attempt (and then the link) in progress. */
	bool attempt_active;
	unsigned int attempt_gen;
	bool associated;
	bool local_disconnect;   /* we asked the core to tear it down */
	bool drv_disc_seen;
	bool drv_disc_by_ap;
	uint16_t drv_disc_reason;
	int cur_id;
	uint8_t cur_ssid[DRV_SSID_MAX];
	size_t cur_ssid_len;
	uint8_t cur_bssid[DRV_ETH_ALEN];
	uint32_t cur_freq;
	struct profile_choice cur_choice;
	uint32_t last_reason;

	/* Scans and their results. */
	bool scan_running;
	bool scan_narrow;        /* the running scan covers only known channels */
	bool want_connect;       /* a scan runs on behalf of a connection */
	bool results_read;       /* the driver's results were read at least once */
	bool cache_stale;        /* an attempt failed: scan before trusting the cache */
	struct station_bss *bss;
	size_t n_bss;

	/* Timeline of the current request (loop_now_us; 0: not reached). */
	uint64_t t_request, t_scan, t_preassoc, t_assoc, t_4way, t_auth;
	bool scan_reused;
	uint32_t reused_age_ms;

	struct station_ui_req ui[STATION_UI_MAX];
	size_t n_ui;
};

static void station_try(struct station *st);

/* --- names ------------------------------------------------------------------- */

const char *station_state_name(enum station_state s)
{
	switch (s) {
	case STATION_DISCONNECTED:
		return "DISCONNECTED";
	case STATION_INACTIVE:
		return "INACTIVE";
	case STATION_SCANNING:
		return "SCANNING";
	case STATION_ASSOCIATING:
		return "ASSOCIATING";
	case STATION_ASSOCIATED:
		return "ASSOCIATED";
	case STATION_4WAY_HANDSHAKE:
		return "4WAY_HANDSHAKE";
	case STATION_COMPLETED:
		return "COMPLETED";
	}
	return "UNKNOWN";
}

const char *station_l2_reason_str(uint32_t r)
{
	/* Contract §7.7-7.9 (l2cmn.h, wlanapi.h, dot1x.h). */
	switch (r) {
	case L2_REASON_CODE_SUCCESS:
		return "success";
	case L2_REASON_CODE_UNKNOWN:
		return "unknown reason (L2_REASON_CODE_UNKNOWN)";
	case WLAN_REASON_CODE_USER_CANCELLED:
		return "cancelled: ihvd disconnected (user request or shutdown)";
	case WLAN_REASON_CODE_ASSOCIATION_FAILURE:
		return "association failed or the link was lost";
	case WLAN_REASON_CODE_ASSOCIATION_TIMEOUT:
		return "association timed out";
	case WLAN_REASON_CODE_PRE_SECURITY_FAILURE:
		return "pre-association security completed with failure";
	case WLAN_REASON_CODE_START_SECURITY_FAILURE:
		return "failed to start post-association security";
	case WLAN_REASON_CODE_SECURITY_FAILURE:
		return "post-association security completed with failure";
	case WLAN_REASON_CODE_SECURITY_TIMEOUT:
		return "security watchdog timeout";
	case WLAN_REASON_CODE_IHV_NOT_AVAILABLE:
		return "IHV service is not available";
	case WLAN_REASON_CODE_IHV_NOT_RESPONDING:
		return "response from the IHV plugin timed out";
	case WLAN_REASON_CODE_UI_REQUEST_TIMEOUT:
		return "UI request timed out";
	case WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED:
		return "IHV security not supported";
	case WLAN_REASON_CODE_IHV_CONNECTIVITY_NOT_SUPPORTED:
		return "IHV connectivity not supported";
	}
	if (r >= L2_REASON_CODE_IHV_BASE &&
	    r < L2_REASON_CODE_IHV_BASE + L2_REASON_CODE_GROUP_SIZE)
		return "plugin-specific (IHV range 0x90000..0x9ffff)";
	if (r >= L2_REASON_CODE_ONEX_BASE &&
	    r < L2_REASON_CODE_ONEX_BASE + L2_REASON_CODE_GROUP_SIZE)
		return "802.1X (ONEX) failure";
	return "unlisted reason code";
}

const char *station_ieee80211_reason_str(uint16_t r)
{
	/* IEEE 802.11-2020 Table 9-49. */
	switch (r) {
	case 0:
		return "none";
	case 1:
		return "unspecified reason";
	case 2:
		return "previous authentication no longer valid";
	case 3:
		return "deauthenticated because the sending STA is leaving";
	case 4:
		return "disassociated due to inactivity";
	case 5:
		return "AP unable to handle all associated STAs";
	case 6:
		return "class 2 frame from a nonauthenticated STA";
	case 7:
		return "class 3 frame from a nonassociated STA";
	case 8:
		return "disassociated because the sending STA is leaving";
	case 9:
		return "STA not authenticated";
	case 13:
		return "invalid element";
	case 14:
		return "message integrity code (MIC) failure";
	case 15:
		return "4-way handshake timeout";
	case 16:
		return "group key handshake timeout";
	case 17:
		return "element in 4-way handshake differs from (Re)Association frame";
	case 18:
		return "invalid group cipher";
	case 19:
		return "invalid pairwise cipher";
	case 20:
		return "invalid AKMP";
	case 21:
		return "unsupported RSNE version";
	case 22:
		return "invalid RSNE capabilities";
	case 23:
		return "IEEE 802.1X authentication failed";
	case 24:
		return "cipher suite rejected because of the security policy";
	}
	return "other reason";
}

static const char *phase_name(enum ihv_phase p)
{
	switch (p) {
	case IHV_PHASE_IDLE:
		return "idle";
	case IHV_PHASE_PRE_ASSOCIATE:
		return "pre-association";
	case IHV_PHASE_ASSOCIATING:
		return "association";
	case IHV_PHASE_POST_ASSOCIATE:
		return "post-association (4-way handshake)";
	case IHV_PHASE_AUTHORIZED:
		return "the authorized link";
	}
	return "?";
}

static const char *akm_flag_name(uint32_t suite)
{
	switch (suite & 0xff) {
	case 1: return "EAP";
	case 2: return "PSK";
	case 3: return "FT/EAP";
	case 4: return "FT/PSK";
	case 5: return "EAP-SHA256";
	case 6: return "PSK-SHA256";
	case 8: return "SAE";
	case 9: return "FT/SAE";
	case 18: return "OWE";
	case 24: return "SAE-EXT-KEY";
	}
	return "?";
}

static const char *cipher_flag_name(uint32_t suite)
{
	switch (suite & 0xff) {
	case 1: return "WEP40";
	case 2: return "TKIP";
	case 4: return "CCMP";
	case 5: return "WEP104";
	case 8: return "GCMP";
	case 9: return "GCMP-256";
	case 10: return "CCMP-256";
	}
	return "?";
}

static unsigned int cipher_bit(uint32_t suite)
{
	switch (suite) {
	case 0x000fac04: return CONFIG_CIPHER_CCMP;
	case 0x000fac08: return CONFIG_CIPHER_GCMP;
	case 0x000fac09: return CONFIG_CIPHER_GCMP_256;
	case 0x000fac0a: return CONFIG_CIPHER_CCMP_256;
	}
	return 0;
}

static unsigned int akm_bit(uint32_t suite)
{
	switch (suite) {
	case 0x000fac02: return CONFIG_AKM_PSK;
	case 0x000fac06: return CONFIG_AKM_PSK_SHA256;
	}
	return 0;
}

/* --- events and logs ----------------------------------------------------------- */

static void station_event(struct station *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void station_event(struct station *st, const char *fmt, ...)
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

static void mac_txt(const uint8_t *m, char out[18])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
		 m[4], m[5]);
}

static void station_state_set(struct station *st, enum station_state s)
{
	if (st->state == s)
		return;
	log_debug("%s: state %s -> %s", st->ifname, station_state_name(st->state),
		  station_state_name(s));
	st->state = s;
}

/* --- IEs ------------------------------------------------------------------------ */

static uint32_t suite_get(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* An RSNE or WPA IE body: version, group, pairwise list, AKM list, [caps]. */
struct rsn_body {
	uint32_t group;
	uint32_t pairwise[8];
	size_t n_pairwise;
	uint32_t akm[8];
	size_t n_akm;
	uint16_t caps;
};

static int rsn_body_parse(const uint8_t *p, size_t len, uint32_t oui, struct rsn_body *o)
{
	size_t off = 2, i, cnt;

	memset(o, 0, sizeof(*o));
	/* IEEE 802.11-2020 9.4.2.24.1: absent trailing fields take their defaults. */
	o->group = oui << 8 | (oui == 0x000fac ? 4 : 2);
	o->pairwise[0] = o->group;
	o->n_pairwise = 1;
	o->akm[0] = oui << 8 | 1;
	o->n_akm = 1;
	if (len < 2 || (p[0] | p[1] << 8) != 1)
		return -1;
	if (len - off < 4)
		return len == off ? 0 : -1;
	o->group = suite_get(p + off);
	off += 4;
	if (len - off < 2)
		return len == off ? 0 : -1;
	cnt = (size_t)(p[off] | p[off + 1] << 8);
	off += 2;
	if (cnt == 0 || (len - off) / 4 < cnt)
		return -1;
	o->n_pairwise = 0;
	for (i = 0; i < cnt; i++, off += 4)
		if (o->n_pairwise < 8)
			o->pairwise[o->n_pairwise++] = suite_get(p + off);
	if (len - off < 2)
		return len == off ? 0 : -1;
	cnt = (size_t)(p[off] | p[off + 1] << 8);
	off += 2;
	if (cnt == 0 || (len - off) / 4 < cnt)
		return -1;
	o->n_akm = 0;
	for (i = 0; i < cnt; i++, off += 4)
		if (o->n_akm < 8)
			o->akm[o->n_akm++] = suite_get(p + off);
	if (len - off >= 2)
		o->caps = (uint16_t)(p[off] | p[off + 1] << 8);
	return 0;
}

int station_bss_parse(const struct drv_bss *bss, struct station_bss *out)
{
	const uint8_t *p = bss->ies;
	size_t len = bss->ies_len, off = 0, i;
	bool have_ssid = false, bad = false;
	struct rsn_body rb;

	memset(out, 0, sizeof(*out));
	out->bss = *bss;
	while (p && off + 2 <= len) {
		uint8_t id = p[off], elen = p[off + 1];
		const uint8_t *e = p + off + 2;

		if (off + 2 + elen > len)
			return -1;
		if (id == 0 && !have_ssid) {
			/* An oversized SSID is kept (cut) for SCAN_RESULTS, never matched. */
			out->ssid_len = elen > DRV_SSID_MAX ? DRV_SSID_MAX : elen;
			memcpy(out->ssid, e, out->ssid_len);
			have_ssid = true;
			bad |= elen > DRV_SSID_MAX;
		} else if (id == 48 && !out->rsn) {
			if (rsn_body_parse(e, elen, 0x000fac, &rb) < 0) {
				bad = true; /* and never chosen: a broken RSNE is not "open" */
				off += 2u + elen;
				continue;
			}
			out->rsn = true;
			out->group_suite = rb.group;
			for (i = 0; i < rb.n_pairwise; i++) {
				out->pairwise |= cipher_bit(rb.pairwise[i]);
				out->pairwise_suites[out->n_pairwise_suites++] = rb.pairwise[i];
			}
			for (i = 0; i < rb.n_akm; i++) {
				out->akm |= akm_bit(rb.akm[i]);
				out->akm_suites[out->n_akm_suites++] = rb.akm[i];
			}
			out->mfpr = rb.caps & (1u << 6); /* 9.4.2.24.4 */
			out->mfpc = rb.caps & (1u << 7);
		} else if (id == 221 && elen >= 4 && e[0] == 0x00 && e[1] == 0x50 &&
			   e[2] == 0xf2 && e[3] == 1 && !out->wpa) {
			/* WPA (pre-RSN) IE: shown in the flags, never used. */
			if (rsn_body_parse(e + 4, elen - 4u, 0x0050f2, &rb) == 0) {
				out->wpa = true;
				for (i = 0; i < rb.n_akm && i < 4; i++)
					out->wpa_akm_suites[out->n_wpa_akm_suites++] = rb.akm[i];
				for (i = 0; i < rb.n_pairwise && i < 4; i++)
					out->wpa_pairwise_suites[out->n_wpa_pairwise_suites++] =
						rb.pairwise[i];
			}
		}
		off += 2u + elen;
	}
	if (bad || off != len || !have_ssid)
		return -1;
	out->ies_ok = true;
	return 0;
}

static void flags_one(char *buf, size_t len, size_t *o, const char *proto,
		      const uint32_t *akm, size_t n_akm, const uint32_t *pw, size_t n_pw)
{
	size_t i;

	*o += (size_t)snprintf(buf + *o, *o < len ? len - *o : 0, "[%s-", proto);
	for (i = 0; i < n_akm; i++)
		*o += (size_t)snprintf(buf + *o, *o < len ? len - *o : 0, "%s%s",
				       i ? "+" : "", akm_flag_name(akm[i]));
	for (i = 0; i < n_pw; i++)
		*o += (size_t)snprintf(buf + *o, *o < len ? len - *o : 0, "%s%s",
				       i ? "+" : "-", cipher_flag_name(pw[i]));
	*o += (size_t)snprintf(buf + *o, *o < len ? len - *o : 0, "]");
}

void station_bss_flags(const struct station_bss *b, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return;
	buf[0] = 0;
	if (b->wpa)
		flags_one(buf, len, &o, "WPA", b->wpa_akm_suites, b->n_wpa_akm_suites,
			  b->wpa_pairwise_suites, b->n_wpa_pairwise_suites);
	if (b->rsn)
		flags_one(buf, len, &o, "WPA2", b->akm_suites, b->n_akm_suites,
			  b->pairwise_suites, b->n_pairwise_suites);
	if (!b->rsn && !b->wpa && (b->bss.capability & 0x0010))
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "[WEP]");
	if (b->bss.capability & 0x0001)
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "[ESS]");
	if (b->bss.capability & 0x0002)
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "[IBSS]");
}

/* --- matching ------------------------------------------------------------------- */

bool station_bss_match(const struct config_network *n, const struct station_bss *b,
		       struct profile_choice *choice)
{
	unsigned int akm, pairwise, group;

	if (!b->ies_ok || !n->ssid_set || b->ssid_len != n->ssid_len ||
	    memcmp(b->ssid, n->ssid, n->ssid_len) != 0)
		return false;
	if (!(b->bss.capability & 0x0001)) /* ESS only */
		return false;
	if (n->bssid_set && memcmp(b->bss.bssid, n->bssid, DRV_ETH_ALEN) != 0)
		return false;
	if (n->key_mgmt == CONFIG_AKM_NONE) {
		if (b->rsn || b->wpa || (b->bss.capability & 0x0010))
			return false;
		choice->akm = CONFIG_AKM_NONE;
		choice->pairwise = CONFIG_CIPHER_CCMP;
		choice->group = CONFIG_CIPHER_CCMP;
		return true;
	}
	if (!b->rsn)
		return false;
	akm = n->key_mgmt & b->akm;
	pairwise = n->pairwise & b->pairwise;
	group = n->group & cipher_bit(b->group_suite);
	if (!akm || !pairwise || !group)
		return false;
	/* IEEE 802.11-2020 12.6.3: MFPR needs our MFPC; our MFPR needs theirs. */
	if (n->ieee80211w == 0 && b->mfpr)
		return false;
	if (n->ieee80211w == 2 && !b->mfpc)
		return false;
	choice->akm = (akm & CONFIG_AKM_PSK_SHA256) ? CONFIG_AKM_PSK_SHA256 : CONFIG_AKM_PSK;
	if (pairwise & CONFIG_CIPHER_CCMP_256)
		choice->pairwise = CONFIG_CIPHER_CCMP_256;
	else if (pairwise & CONFIG_CIPHER_GCMP_256)
		choice->pairwise = CONFIG_CIPHER_GCMP_256;
	else if (pairwise & CONFIG_CIPHER_CCMP)
		choice->pairwise = CONFIG_CIPHER_CCMP;
	else
		choice->pairwise = CONFIG_CIPHER_GCMP;
	choice->group = (enum config_cipher)group;
	return true;
}

/* --- the scan cache ----------------------------------------------------------- */

static void bss_release(struct station_bss *b)
{
	free((void *)b->bss.ies);
	free((void *)b->bss.beacon_ies);
}

static void cache_free(struct station_bss *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		bss_release(&list[i]);
	free(list);
}

struct cache_read {
	struct station_bss *list;
	size_t n;
	size_t cap;
	bool failed;
	uint64_t now;
};

static void cache_read_cb(void *ctx, const struct drv_bss *bss)
{
	struct cache_read *r = ctx;
	struct station_bss *b;
	uint8_t *ies = NULL, *bies = NULL;

	if (r->failed || r->n >= STATION_BSS_MAX)
		return;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct station_bss *l = realloc(r->list, cap * sizeof(*l));

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
	station_bss_parse(bss, b);
	b->bss.ies = ies;
	b->bss.beacon_ies = bies;
	b->bss.beacon_ies_len = bies ? bss->beacon_ies_len : 0;
	b->fetched_us = r->now;
	return;
oom:
	free(ies);
	r->failed = true;
}

static int station_results_read(struct station *st)
{
	struct cache_read r = { .now = loop_now_us() };
	int err;

	err = st->be.scan_results(st->be.ctx, cache_read_cb, &r);
	if (err < 0 || r.failed) {
		cache_free(r.list, r.n);
		log_warn("%s: reading scan results failed: %s", st->ifname,
			 err < 0 ? strerror(-err) : "out of memory");
		return err < 0 ? err : -ENOMEM;
	}
	cache_free(st->bss, st->n_bss);
	st->bss = r.list;
	st->n_bss = r.n;
	st->results_read = true;
	log_debug("%s: %zu scan results", st->ifname, r.n);
	return 0;
}

size_t station_bss_count(const struct station *st)
{
	return st->n_bss;
}

const struct station_bss *station_bss_at(const struct station *st, size_t i)
{
	return i < st->n_bss ? &st->bss[i] : NULL;
}

uint32_t station_bss_age_ms(const struct station_bss *b)
{
	uint64_t since = (loop_now_us() - b->fetched_us) / 1000u;
	uint64_t age = since + b->bss.seen_ms_ago;

	return age > UINT32_MAX ? UINT32_MAX : (uint32_t)age;
}

/* --- selection -------------------------------------------------------------------- */

static bool network_usable(const struct config_network *n)
{
	return !n->disabled && !n->temp_disabled && config_network_check(n, NULL, 0) == 0;
}

static bool station_any_usable(const struct station *st)
{
	const struct config_network *n;

	for (n = st->config->networks; n; n = n->next)
		if (network_usable(n))
			return true;
	return false;
}

struct selection {
	struct config_network *net;
	struct profile_choice choice;
	const struct station_bss *bss[STATION_CANDIDATES_MAX];
	size_t n_bss;
};

static bool better(const struct config_network *n, const struct station_bss *b,
		   const struct selection *cur)
{
	if (!cur->net)
		return true;
	if (n->priority != cur->net->priority)
		return n->priority > cur->net->priority;
	return b->bss.signal_mbm > cur->bss[0]->bss.signal_mbm;
}

/* Best network and its BSSes (best first); fresh_only: younger than the max age. */
static bool station_select(struct station *st, bool fresh_only, struct selection *sel)
{
	struct config_network *n;
	struct profile_choice ch;
	size_t i, j;

	memset(sel, 0, sizeof(*sel));
	for (i = 0; i < st->n_bss; i++) {
		const struct station_bss *b = &st->bss[i];

		if (fresh_only && station_bss_age_ms(b) >= st->scan_max_age_ms)
			continue;
		for (n = st->config->networks; n; n = n->next) {
			if (!network_usable(n) || !station_bss_match(n, b, &ch))
				continue;
			if (better(n, b, sel)) {
				sel->net = n;
				sel->choice = ch;
				sel->bss[0] = b;
				sel->n_bss = 1;
			}
		}
	}
	if (!sel->net)
		return false;
	/* The other BSSes of that network with the same choices, by signal. */
	for (i = 0; i < st->n_bss && sel->n_bss < STATION_CANDIDATES_MAX; i++) {
		const struct station_bss *b = &st->bss[i];

		if (b == sel->bss[0] ||
		    (fresh_only && station_bss_age_ms(b) >= st->scan_max_age_ms) ||
		    !station_bss_match(sel->net, b, &ch) ||
		    memcmp(&ch, &sel->choice, sizeof(ch)) != 0)
			continue;
		for (j = sel->n_bss; j > 1 && sel->bss[j - 1]->bss.signal_mbm < b->bss.signal_mbm; j--)
			sel->bss[j] = sel->bss[j - 1];
		sel->bss[j] = b;
		sel->n_bss++;
	}
	return true;
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

static void station_connect(struct station *st, struct selection *sel)
{
	const struct drv_bss *list[STATION_CANDIDATES_MAX];
	struct ihv_connect_request req;
	struct profile_xml x;
	char ssid_txt[DRV_SSID_MAX * 4 + 1], bssid_txt[18];
	unsigned int gen;
	size_t i;
	int err;

	err = profile_build(sel->net, &sel->choice, &x);
	if (err < 0) {
		log_err("%s: network id=%d: cannot build the IHV profile: %s", st->ifname,
			sel->net->id, strerror(-err));
		station_backoff(st);
		return;
	}
	for (i = 0; i < sel->n_bss; i++)
		list[i] = &sel->bss[i]->bss;
	req = (struct ihv_connect_request){
		.ssid = sel->net->ssid,
		.ssid_len = sel->net->ssid_len,
		.bss = list,
		.n_bss = sel->n_bss,
		.connectivity_xml = x.connectivity,
		.security_xml = x.security,
	};
	st->attempt_active = true;
	gen = ++st->attempt_gen;
	st->associated = false;
	st->local_disconnect = false;
	st->drv_disc_seen = false;
	st->cur_id = sel->net->id;
	memcpy(st->cur_ssid, sel->net->ssid, sel->net->ssid_len);
	st->cur_ssid_len = sel->net->ssid_len;
	memcpy(st->cur_bssid, sel->bss[0]->bss.bssid, DRV_ETH_ALEN);
	st->cur_freq = sel->bss[0]->bss.freq;
	st->cur_choice = sel->choice;
	st->t_preassoc = st->t_assoc = st->t_4way = st->t_auth = 0;
	station_state_set(st, STATION_ASSOCIATING);
	config_ssid_txt(st->cur_ssid, st->cur_ssid_len, ssid_txt, sizeof(ssid_txt));
	mac_txt(st->cur_bssid, bssid_txt);
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
	st->scan_running = false;
	if (st->want_connect && !st->attempt_active) {
		st->want_connect = false;
		station_state_set(st, STATION_DISCONNECTED);
		station_backoff(st);
	}
}

/* Trigger a scan; narrow: only the channels where the networks were seen. */
static int station_scan_start(struct station *st, bool narrow)
{
	uint8_t ssids[STATION_SCAN_SSIDS_MAX + 1][DRV_SSID_MAX];
	size_t ssid_lens[STATION_SCAN_SSIDS_MAX + 1];
	uint32_t freqs[16];
	struct drv_scan_params p = { 0 };
	struct config_network *n;
	struct profile_choice ch;
	size_t i, j, nf = 0, ns = 0;
	int err;

	for (n = st->config->networks; n; n = n->next) {
		if (!network_usable(n))
			continue;
		if (n->scan_ssid && ns < STATION_SCAN_SSIDS_MAX) {
			memcpy(ssids[ns], n->ssid, n->ssid_len);
			ssid_lens[ns++] = n->ssid_len;
		}
		/* The configured channels (scan_freq), then where the network was seen. */
		for (i = 0; narrow && i < n->n_scan_freq; i++) {
			for (j = 0; j < nf && freqs[j] != n->scan_freq[i]; j++)
				;
			if (j == nf && nf < sizeof(freqs) / sizeof(freqs[0]))
				freqs[nf++] = n->scan_freq[i];
		}
		for (i = 0; narrow && i < st->n_bss; i++) {
			if (!station_bss_match(n, &st->bss[i], &ch))
				continue;
			for (j = 0; j < nf && freqs[j] != st->bss[i].bss.freq; j++)
				;
			if (j == nf && nf < sizeof(freqs) / sizeof(freqs[0]))
				freqs[nf++] = st->bss[i].bss.freq;
		}
	}
	if (ns) {
		ssid_lens[ns++] = 0; /* and the wildcard SSID */
		p.ssids = (const uint8_t (*)[DRV_SSID_MAX])ssids;
		p.ssid_lens = ssid_lens;
		p.n_ssids = ns;
	}
	if (nf) {
		p.freqs = freqs;
		p.n_freqs = nf;
	}
	err = st->be.scan_trigger(st->be.ctx, &p);
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
	log_debug("%s: scanning %s", st->ifname, nf ? "known channels" : "all channels");
	return 0;
}

/* Connect if the policy wants to and can; else scan; else back off. */
static void station_try(struct station *st)
{
	struct selection sel;
	uint64_t now = loop_now_us();

	loop_timer_cancel(st->retry_timer);
	if (st->stopping || st->user_disconnected || st->attempt_active)
		return;
	if (!station_any_usable(st)) {
		log_info("%s: no enabled network", st->ifname);
		station_state_set(st, STATION_INACTIVE);
		return;
	}
	if (!st->t_request) {
		st->t_request = now;
		st->t_scan = 0;
		st->scan_reused = false;
	}
	/* Cold start: what the kernel already knows may be fresh enough. */
	if (!st->results_read)
		station_results_read(st);
	if (!st->cache_stale && station_select(st, true, &sel)) {
		st->t_scan = now;
		st->scan_reused = true;
		st->reused_age_ms = station_bss_age_ms(sel.bss[0]);
		station_connect(st, &sel);
		return;
	}
	st->want_connect = true;
	station_state_set(st, STATION_SCANNING);
	if (st->scan_running)
		return;
	if (station_scan_start(st, true) < 0) {
		st->want_connect = false;
		station_state_set(st, STATION_DISCONNECTED);
		station_backoff(st);
	}
}

static void station_scan_done(struct station *st)
{
	struct selection sel;
	bool narrow = st->scan_narrow;

	st->scan_running = false;
	st->scan_narrow = false;
	loop_timer_cancel(st->scan_timer);
	if (station_results_read(st) == 0)
		st->cache_stale = false;
	station_event(st, "CTRL-EVENT-SCAN-RESULTS ");
	if (st->stopping || st->user_disconnected || st->attempt_active)
		return;
	if (!st->want_connect && (loop_timer_armed(st->retry_timer) == 0 ||
				  !station_any_usable(st)))
		return;
	if (!st->t_request)
		st->t_request = loop_now_us();
	if (station_any_usable(st) && station_select(st, true, &sel)) {
		st->want_connect = false;
		st->t_scan = loop_now_us();
		st->scan_reused = false;
		loop_timer_cancel(st->retry_timer);
		station_connect(st, &sel);
		return;
	}
	if (!st->want_connect)
		return; /* a retry is already scheduled */
	if (narrow && station_scan_start(st, false) == 0)
		return;
	st->want_connect = false;
	station_event(st, "CTRL-EVENT-NETWORK-NOT-FOUND");
	station_state_set(st, station_any_usable(st) ? STATION_DISCONNECTED : STATION_INACTIVE);
	if (station_any_usable(st))
		station_backoff(st);
}

/* --- the core's callbacks ----------------------------------------------------------- */

static double ms_since(uint64_t t0, uint64_t t)
{
	return t && t0 && t >= t0 ? (double)(t - t0) / 1000.0 : -1.0;
}

static void station_timeline_log(struct station *st)
{
	char scan[96], pre[32], as[32], fw[32], ssid_txt[DRV_SSID_MAX * 4 + 1];
	double v;

	if (st->scan_reused)
		snprintf(scan, sizeof(scan), "%.1f ms (reused results %u ms old)",
			 ms_since(st->t_request, st->t_scan), st->reused_age_ms);
	else
		snprintf(scan, sizeof(scan), "%.1f ms (fresh scan)",
			 ms_since(st->t_request, st->t_scan));
#define MS(buf, t) \
	(v = ms_since(st->t_request, (t)), \
	 v < 0 ? snprintf(buf, sizeof(buf), "-") : snprintf(buf, sizeof(buf), "%.1f ms", v))
	MS(pre, st->t_preassoc);
	MS(as, st->t_assoc);
	MS(fw, st->t_4way);
#undef MS
	config_ssid_txt(st->cur_ssid, st->cur_ssid_len, ssid_txt, sizeof(ssid_txt));
	log_info("%s: timeline to \"%s\" (ms since the request): scan %s, pre-association %s, "
		 "connect %s, 4-way handshake %s, authorized %.1f ms",
		 st->ifname, ssid_txt, scan, pre, as, fw, ms_since(st->t_request, st->t_auth));
}

static void station_core_authorized(void *ctx)
{
	struct station *st = ctx;
	struct config_network *n = config_network_get(st->config, st->cur_id);
	struct ihv_adapter_status ast;
	char bssid_txt[18];

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
	st->backoff_idx = 0;
	if (n)
		n->auth_failures = 0;
	station_state_set(st, STATION_COMPLETED);
	mac_txt(st->cur_bssid, bssid_txt);
	station_event(st, "CTRL-EVENT-CONNECTED - Connection to %s completed [id=%d id_str=%s]",
		      bssid_txt, st->cur_id, n && n->id_str ? n->id_str : "");
	station_timeline_log(st);
	st->t_request = 0;
}

static bool network_is_psk(const struct config_network *n)
{
	return n && (n->key_mgmt & (CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256));
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

static void station_wrong_key(struct station *st, struct config_network *n,
			      uint32_t reason, uint16_t ieee)
{
	char ssid_txt[DRV_SSID_MAX * 4 + 1];
	char why[160];
	const char *meaning = station_reason_text(st, reason, why, sizeof(why));

	n->auth_failures++;
	config_ssid_txt(n->ssid, n->ssid_len, ssid_txt, sizeof(ssid_txt));
	log_warn("%s: 4-way handshake with \"%s\" failed (plugin reason 0x%05x: %s; "
		 "802.11 reason %u: %s): the passphrase may be wrong (attempt %u of %u)",
		 st->ifname, ssid_txt, reason, meaning, ieee,
		 station_ieee80211_reason_str(ieee), n->auth_failures, st->wrong_key_max);
	if (n->auth_failures < st->wrong_key_max)
		return;
	n->temp_disabled = true;
	log_err("%s: giving up on \"%s\" (network id=%d) after %u failed 4-way handshakes; "
		"last plugin reason 0x%05x (%s). Check the psk, then ENABLE_NETWORK %d or RECONNECT",
		st->ifname, ssid_txt, n->id, n->auth_failures, reason, meaning, n->id);
	station_event(st, "CTRL-EVENT-SSID-TEMP-DISABLED id=%d ssid=\"%s\" auth_failures=%u "
		      "reason=WRONG_KEY", n->id, ssid_txt, n->auth_failures);
}

static void station_core_ended(void *ctx, enum ihv_phase phase, uint32_t reason,
			       uint32_t win32_error, uint16_t ieee)
{
	struct station *st = ctx;
	struct config_network *n = config_network_get(st->config, st->cur_id);
	char bssid_txt[18], ssid_txt[DRV_SSID_MAX * 4 + 1];
	bool was_assoc, locally;
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
	mac_txt(st->cur_bssid, bssid_txt);
	config_ssid_txt(st->cur_ssid, st->cur_ssid_len, ssid_txt, sizeof(ssid_txt));

	if (was_assoc)
		station_event(st, "CTRL-EVENT-DISCONNECTED bssid=%s reason=%u%s", bssid_txt,
			      air_reason, locally ? " locally_generated=1" : "");
	else if (phase == IHV_PHASE_ASSOCIATING && air_reason)
		station_event(st, "CTRL-EVENT-ASSOC-REJECT bssid=%s status_code=%u", bssid_txt,
			      air_reason);
	log_msg(st->local_disconnect ? LOG_LEVEL_INFO : LOG_LEVEL_WARN,
		"%s: connection to \"%s\" ended in %s: reason 0x%05x (%s), win32 error %u, "
		"802.11 reason/status %u (%s)%s", st->ifname, ssid_txt, phase_name(phase),
		reason, station_l2_reason_str(reason), win32_error, air_reason,
		station_ieee80211_reason_str(air_reason), locally ? ", locally generated" : "");
	st->t_request = 0;
	st->associated = false;

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
	/* wpa_supplicant's rule: a PSK link lost during the 4-way handshake may be a wrong key. */
	if (phase == IHV_PHASE_POST_ASSOCIATE && network_is_psk(n))
		station_wrong_key(st, n, reason, air_reason);
	st->cache_stale = true;
	if (!station_any_usable(st)) {
		station_state_set(st, STATION_INACTIVE);
		return;
	}
	station_backoff(st);
}

static void station_core_ui_request(void *ctx, const uint8_t guid[16], const char *text)
{
	struct station *st = ctx;
	char txt[512];

	if (st->n_ui == STATION_UI_MAX) {
		memmove(&st->ui[0], &st->ui[1], sizeof(st->ui[0]) * (STATION_UI_MAX - 1));
		st->n_ui--;
	}
	st->ui[st->n_ui].id = st->cur_id;
	memcpy(st->ui[st->n_ui].guid, guid, 16);
	st->n_ui++;
	config_ssid_txt((const uint8_t *)text, text ? strnlen(text, 256) : 0, txt, sizeof(txt));
	station_event(st, "CTRL-REQ-IHV-%d-%s", st->cur_id, txt);
}

static void station_core_milestone(void *ctx, enum ihv_phase phase)
{
	struct station *st = ctx;
	uint64_t now = loop_now_us();

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

static const struct ihv_adapter_events station_events = {
	.authorized = station_core_authorized,
	.ended = station_core_ended,
	.ui_request = station_core_ui_request,
	.milestone = station_core_milestone,
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
		station_scan_done(st);
		break;
	case DRV_EVENT_SCAN_ABORTED:
		log_warn("%s: scan aborted", st->ifname);
		st->scan_running = false;
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
		station_state_set(st, STATION_DISCONNECTED);
		break;
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_EAPOL_RX:
	case DRV_EVENT_EAPOL_TX_STATUS:
		break;
	}
}

/* --- life cycle --------------------------------------------------------------------- */

struct station *station_new(const struct station_params *p)
{
	struct station *st = calloc(1, sizeof(*st));
	size_t nb = p->backoff_ms && p->n_backoff ? p->n_backoff
		    : sizeof(default_backoff_ms) / sizeof(default_backoff_ms[0]);

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
	st->scan_max_age_ms = p->scan_max_age_ms ? p->scan_max_age_ms : 10000;
	st->scan_timeout_ms = p->scan_timeout_ms ? p->scan_timeout_ms : 15000;
	st->backoff = malloc(nb * sizeof(*st->backoff));
	st->n_backoff = nb;
	st->wrong_key_max = p->wrong_key_max ? p->wrong_key_max : 3;
	st->cur_id = -1;
	st->state = STATION_DISCONNECTED;
	st->retry_timer = loop_timer_new(p->loop, station_retry_cb, st);
	st->scan_timer = loop_timer_new(p->loop, station_scan_timeout_cb, st);
	if (!st->plugin_name || !st->backoff || !st->retry_timer || !st->scan_timer) {
		station_free(st);
		return NULL;
	}
	memcpy(st->backoff, p->backoff_ms && p->n_backoff ? p->backoff_ms : default_backoff_ms,
	       nb * sizeof(*st->backoff));
	return st;
}

void station_free(struct station *st)
{
	if (!st)
		return;
	loop_timer_free(st->retry_timer);
	loop_timer_free(st->scan_timer);
	cache_free(st->bss, st->n_bss);
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

static void station_teardown(struct station *st, bool reassoc)
{
	if (!st->attempt_active)
		return;
	st->local_disconnect = true;
	st->reassoc_now = reassoc;
	st->be.disconnect(st->be.ctx, REASON_DEAUTH_LEAVING);
}

void station_stop(struct station *st)
{
	st->stopping = true;
	st->want_connect = false;
	loop_timer_cancel(st->retry_timer);
	loop_timer_cancel(st->scan_timer);
	station_teardown(st, false);
	station_state_set(st, STATION_DISCONNECTED);
}

/* --- commands ---------------------------------------------------------------------- */

int station_scan(struct station *st)
{
	if (st->scan_running)
		return -EBUSY;
	return station_scan_start(st, false);
}

int station_disconnect(struct station *st)
{
	st->user_disconnected = true;
	st->want_connect = false;
	st->reassoc_now = false;
	loop_timer_cancel(st->retry_timer);
	station_teardown(st, false);
	station_state_set(st, STATION_DISCONNECTED);
	return 0;
}

int station_reconnect(struct station *st)
{
	if (!st->user_disconnected)
		return 0;
	st->user_disconnected = false;
	st->backoff_idx = 0;
	st->t_request = loop_now_us();
	st->t_scan = 0;
	station_try(st);
	return 0;
}

int station_reassociate(struct station *st)
{
	st->user_disconnected = false;
	st->backoff_idx = 0;
	if (st->attempt_active) {
		station_teardown(st, true);
		return 0;
	}
	st->t_request = loop_now_us();
	station_try(st);
	return 0;
}

static void network_reenable(struct station *st, struct config_network *n)
{
	char ssid_txt[DRV_SSID_MAX * 4 + 1];

	n->disabled = false;
	n->auth_failures = 0;
	if (!n->temp_disabled)
		return;
	n->temp_disabled = false;
	config_ssid_txt(n->ssid, n->ssid_len, ssid_txt, sizeof(ssid_txt));
	station_event(st, "CTRL-EVENT-SSID-REENABLED id=%d ssid=\"%s\"", n->id, ssid_txt);
}

static void station_kick(struct station *st)
{
	if (!st->attempt_active && !st->user_disconnected && !st->stopping) {
		st->backoff_idx = 0;
		station_try_soon(st, 0);
	}
}

int station_select_network(struct station *st, int id)
{
	struct config_network *n, *sel = NULL;

	if (id >= 0) {
		sel = config_network_get(st->config, id);
		if (!sel || config_network_check(sel, NULL, 0) < 0)
			return sel ? -EINVAL : -ENOENT;
	}
	for (n = st->config->networks; n; n = n->next) {
		if (!sel || n == sel)
			network_reenable(st, n);
		else
			n->disabled = true;
	}
	st->user_disconnected = false;
	if (st->attempt_active && sel && st->cur_id != id) {
		station_teardown(st, true);
		return 0;
	}
	station_kick(st);
	return 0;
}

int station_enable_network(struct station *st, int id)
{
	struct config_network *n;

	if (id >= 0) {
		n = config_network_get(st->config, id);
		if (!n)
			return -ENOENT;
		if (config_network_check(n, NULL, 0) < 0)
			return -EINVAL;
		network_reenable(st, n);
	} else {
		for (n = st->config->networks; n; n = n->next)
			if (config_network_check(n, NULL, 0) == 0)
				network_reenable(st, n);
	}
	station_kick(st);
	return 0;
}

int station_disable_network(struct station *st, int id)
{
	struct config_network *n;
	bool cur = false;

	if (id >= 0 && !config_network_get(st->config, id))
		return -ENOENT;
	for (n = st->config->networks; n; n = n->next) {
		if (id >= 0 && n->id != id)
			continue;
		n->disabled = true;
		cur |= n->id == st->cur_id;
	}
	if (cur && st->attempt_active)
		station_teardown(st, false);
	if (!station_any_usable(st) && !st->attempt_active)
		station_state_set(st, STATION_INACTIVE);
	return 0;
}

static void ui_drop(struct station *st, int id)
{
	size_t i = 0;

	while (i < st->n_ui) {
		if (id >= 0 && st->ui[i].id != id) {
			i++;
			continue;
		}
		memmove(&st->ui[i], &st->ui[i + 1], sizeof(st->ui[0]) * (st->n_ui - i - 1));
		st->n_ui--;
	}
}

int station_remove_network(struct station *st, int id)
{
	bool cur;

	if (id >= 0 && !config_network_get(st->config, id))
		return -ENOENT;
	cur = st->attempt_active && (id < 0 || id == st->cur_id);
	if (cur)
		station_teardown(st, false);
	if (id >= 0) {
		config_network_remove(st->config, id);
	} else {
		while (st->config->networks)
			config_network_remove(st->config, st->config->networks->id);
	}
	ui_drop(st, id);
	if (!station_any_usable(st) && !st->attempt_active)
		station_state_set(st, STATION_INACTIVE);
	return 0;
}

void station_network_changed(struct station *st, int id, const char *field)
{
	struct config_network *n = config_network_get(st->config, id);

	if (!n)
		return;
	/* New credentials or identity: forget the failures (wpa_supplicant does too). */
	if (!strcmp(field, "psk") || !strcmp(field, "ssid") || !strcmp(field, "key_mgmt")) {
		bool was = n->temp_disabled;

		n->auth_failures = 0;
		n->temp_disabled = false;
		if (was)
			log_info("%s: network id=%d re-enabled after its %s changed",
				 st->ifname, id, field);
	}
	if (!strcmp(field, "disabled") && n->disabled && st->attempt_active && st->cur_id == id)
		station_teardown(st, false);
	station_kick(st);
}

int station_ui_respond(struct station *st, int id, const char *value)
{
	size_t i;
	int err;

	for (i = 0; i < st->n_ui && st->ui[i].id != id; i++)
		;
	if (i == st->n_ui)
		return -ENOENT;
	err = st->be.ui_respond(st->be.ctx, st->ui[i].guid, (const uint8_t *)value,
				strlen(value));
	memmove(&st->ui[i], &st->ui[i + 1], sizeof(st->ui[0]) * (st->n_ui - i - 1));
	st->n_ui--;
	return err < 0 ? err : 0;
}

void station_info_get(struct station *st, struct station_info *info)
{
	struct config_network *n = config_network_get(st->config, st->cur_id);
	struct ihv_adapter_status ast;
	bool linked = st->attempt_active;

	memset(info, 0, sizeof(*info));
	info->state = st->state;
	info->network_id = linked ? st->cur_id : -1;
	memcpy(info->mac, st->mac, DRV_ETH_ALEN);
	info->plugin_name = st->plugin_name;
	info->last_reason = st->last_reason;
	if (!linked)
		return;
	memcpy(info->ssid, st->cur_ssid, st->cur_ssid_len);
	info->ssid_len = st->cur_ssid_len;
	memcpy(info->bssid, st->cur_bssid, DRV_ETH_ALEN);
	info->freq = st->cur_freq;
	info->id_str = n ? n->id_str : NULL;
	info->akm_suite = config_akm_suite(st->cur_choice.akm);
	if (st->cur_choice.akm != CONFIG_AKM_NONE) {
		info->pairwise_cipher = config_cipher_suite(st->cur_choice.pairwise);
		info->group_cipher = config_cipher_suite(st->cur_choice.group);
	}
	if (!st->be.status)
		return;
	memset(&ast, 0, sizeof(ast));
	st->be.status(st->be.ctx, &ast);
	if (ast.phase == IHV_PHASE_IDLE)
		return;
	/* What was negotiated beats what was planned. */
	if (ast.freq) {
		memcpy(info->bssid, ast.bssid, DRV_ETH_ALEN);
		info->freq = ast.freq;
	}
	if (ast.akm_suite)
		info->akm_suite = ast.akm_suite;
	if (ast.pairwise_cipher)
		info->pairwise_cipher = ast.pairwise_cipher;
	if (ast.group_cipher)
		info->group_cipher = ast.group_cipher;
	if (ast.last_reason_code && !info->last_reason)
		info->last_reason = ast.last_reason_code;
}
