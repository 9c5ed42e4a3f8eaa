/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside the station: its state, shared by the connection machine
 * (station.c), the control commands (station-ctrl.c) and the scan request
 * (scan.c). Nothing outside those files includes this header.
 */
#ifndef IHVD_DAEMON_STATION_INT_H
#define IHVD_DAEMON_STATION_INT_H

#include "daemon/cap-memo.h"
#include "daemon/scan.h"
#include "daemon/select.h"
#include "daemon/station.h"

#define STATION_UI_MAX 8

/* IEEE 802.11-2020 Table 9-49: deauthenticated because the sending STA is leaving. */
#define STATION_REASON_DEAUTH_LEAVING 3

/* A visible SSID without a network block, and what the plugin proposed for it. */
#define STATION_DISCOVERY_MAX 16
/* Scans of the known channels that find nothing before one of all channels (station_scan_done). */
#define STATION_NARROW_TRIES 3
/*
 * The channels of the last authorized links, newest first, with their SSIDs: a narrow scan
 * covers those of the usable networks right after the configured scan_freq (scan.c). With
 * a state directory they outlive the process (known-freqs.h).
 */
#define STATION_LINK_FREQS KNOWN_FREQS_MAX
/*
 * station-probe.c: while a reconnect's scan runs, the kernel's BSS table is read
 * STATION_PROBE_FIRST_MS after the trigger and then every STATION_PROBE_EVERY_MS; the
 * link's BSS ends the scan when it was seen since (within STATION_PROBE_SLACK_MS: cfg80211's
 * "seen" clock counts in jiffies, 4 ms at HZ=250) at STATION_PROBE_MIN_MBM or stronger. After
 * STATION_PROBE_MAX_MS without it, the scan runs to its end.
 */
#define STATION_PROBE_FIRST_MS 2
#define STATION_PROBE_EVERY_MS 3
#define STATION_PROBE_SLACK_MS 10
#define STATION_PROBE_MIN_MBM (-7000)
#define STATION_PROBE_MAX_MS 1000
struct station_discovery {
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	char *conn_xml, *sec_xml; /* NULL: the plugin proposed nothing */
	int net_id;               /* the block IHV_DISCOVERY_SELECT added, or -1 */
};

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
	unsigned plugin_crashes;
	struct cap_memo *cap_memo; /* the plugin's accepted capability matches (cap-memo.h) */
	struct station_backend be;
	uint32_t scan_max_age_ms;
	uint32_t known_max_age_ms;
	uint32_t scan_timeout_ms;
	uint32_t *backoff;
	size_t n_backoff;
	size_t backoff_idx;
	unsigned int wrong_key_max;
	station_event_cb ev_cb;
	void *ev_ctx;
	station_watch_cb watch_cb;
	void *watch_ctx;

	enum station_state state;
	struct loop_timer *retry_timer;
	struct loop_timer *scan_timer;
	struct loop_timer *probe_timer;
	struct loop_timer *freqs_timer; /* writes link_freqs to freqs_path after the link is up */
	char *freqs_path;
	bool freqs_stale;        /* the file differs from link_freqs: written at the next link */
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
	unsigned int narrow_misses; /* narrow scans in a row that found nothing to join */
	bool want_connect;       /* a scan runs on behalf of a connection */
	bool scan_adopted;       /* the start-up scan runs: no join from its partial results */
	bool cache_stale;        /* an attempt failed: scan before trusting the cache */
	bool known_ok;           /* the last link was authorized: its BSS may be rejoined unscanned */
	uint64_t t_link_end;     /* when that authorized link ended (loop_now_us; 0: not yet) */
	uint8_t link_bssid[DRV_ETH_ALEN]; /* and its BSS */
	struct known_freq link_freqs[STATION_LINK_FREQS]; /* where the last links were */
	size_t n_link_freqs;
	uint64_t probe_t0;       /* the reconnect's scan was triggered (loop_now_us; 0: no probe) */
	bool probe_abort;        /* the link's BSS answered: we asked the kernel to abort the scan */
	uint32_t probe_ms;       /* ... having found it this many ms after the trigger */
	struct scan_cache cache;

	/* Timeline of the current request (loop_now_us; 0: not reached). */
	uint64_t t_request, t_scan, t_preassoc, t_assoc, t_4way, t_auth;
	bool scan_reused;
	bool scan_known;         /* reconnected to a BSS the kernel still knows, no scan */
	bool known_by_link;      /* ... because the link to it ended so recently */
	bool scan_probed;        /* the scan ended early: the link's BSS answered (station-probe.c) */
	uint32_t reused_age_ms;

	struct station_ui_req ui[STATION_UI_MAX];
	size_t n_ui;

	struct station_discovery disc[STATION_DISCOVERY_MAX];
	size_t n_disc;
};

/* "pre-association", "post-association (4-way handshake)", ... (station-names.c) */
const char *station_phase_name(enum ihv_phase p);
/* A CTRL-EVENT line for the control socket (and the debug log). */
void station_event(struct station *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void station_state_set(struct station *st, enum station_state s);
/* Connect if the policy wants to and can; else scan; else back off. */
void station_try(struct station *st);
/* Ask the core to end the attempt; reassoc: connect again once it ended. */
void station_teardown(struct station *st, bool reassoc);

/*
 * station-probe.c: after scan_request triggered a narrow scan at t_trigger, end it as
 * soon as the last authorized link's BSS answers; stop watching. station_probe_take:
 * true (once) when the scan that just ended was aborted by the probe.
 */
void station_probe_start(struct station *st, uint64_t t_trigger);
void station_probe_stop(struct station *st);
bool station_probe_take(struct station *st);

/* station-discovery.c: ask the plugin about the SSIDs of the fresh results; forget all */
void station_discovery_refresh(struct station *st);
void station_discovery_clear(struct station *st);

/* station-eap.c: the 802.1X module's config, events and prompts */
bool station_eap_onex(const struct config_network *n, enum config_akm akm,
		      struct ihv_onex_config *oc, char *network, size_t len);
void station_eap_event(void *ctx, enum ihv_onex_event what, const char *text);
const char *station_eap_ui_field(const char *text, const char **prompt);

#endif
