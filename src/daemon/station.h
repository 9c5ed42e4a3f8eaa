/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The connection policy for one interface: scan (or reuse fresh results),
 * choose the best BSS for the enabled networks, run the connection through
 * the host core, reconnect with backoff, give up on a wrong passphrase.
 *
 * (station.c: the connection machine; scan.c: scans and the result cache;
 * select.c: the candidates; station-ctrl.c: the control socket's commands.)
 *
 * The station reaches the core and the driver only through struct
 * station_backend (main.c wires it to ihv_adapter_* and drv ops; the unit
 * tests to fakes), and reports wpa_supplicant-style events ("CTRL-EVENT-...")
 * through an event callback (the control socket).
 */
#ifndef IHVD_DAEMON_STATION_H
#define IHVD_DAEMON_STATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/config.h"
#include "core/ihv-host.h"
#include "common/loop.h"
#include "daemon/known-freqs.h"
#include "daemon/profile.h"
#include "daemon/scan.h"
#include "nl80211/driver.h"

struct station;

/* wpa_supplicant's wpa_state values, with its names (station_state_name). */
enum station_state {
	STATION_DISCONNECTED,
	STATION_INACTIVE,
	STATION_SCANNING,
	STATION_ASSOCIATING,
	STATION_ASSOCIATED,
	STATION_4WAY_HANDSHAKE,
	STATION_COMPLETED,
};

struct station_backend {
	void *ctx;
	int (*connect)(void *ctx, const struct ihv_connect_request *req);
	int (*disconnect)(void *ctx, uint16_t ieee80211_reason);
	void (*status)(void *ctx, struct ihv_adapter_status *st);
	int (*ui_respond)(void *ctx, const uint8_t guid[16], const uint8_t *data,
			  size_t len);
	int (*scan_trigger)(void *ctx, const struct drv_scan_params *params);
	/* Calls cb for every BSS the driver holds now (synchronously). */
	int (*scan_results)(void *ctx, drv_bss_cb cb, void *cb_ctx);
	/* End the running scan (NL80211_CMD_ABORT_SCAN): 0 or -errno. May be NULL. */
	int (*scan_abort)(void *ctx);
	/* What the plugin says its reason code means; may be NULL. 0 or -ENOENT. */
	int (*reason_text)(void *ctx, uint32_t reason_code, char *buf, size_t len);
	/*
	 * Dot11ExtIhvControl: in -> out (*returned: the reply's full size). 0,
	 * -ENOBUFS (did not fit), -EIO (the plugin failed); may be NULL.
	 */
	int (*control)(void *ctx, const uint8_t *in, size_t in_len, uint8_t *out,
		       size_t out_len, size_t *returned);
	/*
	 * Dot11ExtIhvValidateProfile / PerformCapabilityMatch: 0 when the plugin
	 * takes the profile (for the BSSes of req), else < 0 with its reason in
	 * *reason. May be NULL (everything is taken).
	 */
	int (*validate)(void *ctx, const uint8_t *ssid, size_t ssid_len, const char *conn_xml,
			const char *sec_xml, uint32_t *reason);
	int (*capability_match)(void *ctx, const struct ihv_connect_request *req,
				uint32_t *reason);
	/*
	 * Dot11ExtIhvCreateDiscoveryProfiles for req's SSID and BSSes: cb per
	 * profile; the number of profiles, or < 0. May be NULL (none asked).
	 */
	int (*discovery)(void *ctx, const struct ihv_connect_request *req, bool insecure,
			 ihv_discovery_cb cb, void *cb_ctx, uint32_t *reason);
};

/* An event line for the control socket, without the "<3>" level prefix. */
typedef void (*station_event_cb)(void *ctx, int level, const char *text);

#define STATION_MSG_INFO 3 /* wpa_supplicant's MSG_INFO, the level of every CTRL-EVENT */

/*
 * A reconnect (RECONNECT/REASSOCIATE after DISCONNECT, or the retry after a
 * lost link that was authorized) re-reads the kernel's BSS cache and joins,
 * without scanning, a BSS the kernel saw within this many ms, or the BSS of
 * that link if the kernel still holds its entry and the link ended within
 * this many ms: the link was the evidence that the AP was there. (mac80211
 * refreshes the entry of the associated BSS only when its beacon's content
 * changes: measured on Linux 6.1, its "last seen" stayed put over 12 s of
 * idle association.) 1000 ms is ten beacon intervals of 102.4 ms, more than
 * mac80211's beacon-loss window (7 beacons) and than the gap between a
 * DISCONNECT and a RECONNECT in make bench; a BSS quiet for longer is
 * scanned for. A direct attempt that fails scans next (README, "Reconnect
 * without a scan").
 */
#define STATION_KNOWN_MAX_AGE_MS 1000
/* Results younger than this are joined without a scan (station_params.scan_max_age_ms). */
#define STATION_SCAN_MAX_AGE_MS 10000

struct station_params {
	struct loop *loop;
	struct config *config;         /* networks; the station reads and flags them */
	const char *ifname;
	uint32_t ifindex;
	const uint8_t *mac;            /* own address, may be NULL */
	const char *plugin_name;       /* for STATUS */
	const struct station_backend *backend;
	/* Tunables; 0/NULL means the default. */
	uint32_t scan_max_age_ms;      /* reuse results younger than this: STATION_SCAN_MAX_AGE_MS */
	uint32_t known_max_age_ms;     /* reconnect without a scan: STATION_KNOWN_MAX_AGE_MS */
	uint32_t scan_timeout_ms;      /* a scan that never ends: 15000 */
	const uint32_t *backoff_ms;    /* retry delays, the last repeats: 100,1000,2000,5000 */
	size_t n_backoff;
	unsigned int wrong_key_max;    /* failed 4-way handshakes before giving up: 3 */
	/*
	 * The last links' channels as the state directory held them (known-freqs.h), newest
	 * first, and the file they are written back to when a new link changes them; NULL
	 * and 0: kept in memory only.
	 */
	const char *freqs_path;
	const struct known_freq *link_freqs;
	size_t n_link_freqs;
	bool freqs_stale;              /* the file had skipped lines or was unreadable: rewrite */
};

struct station *station_new(const struct station_params *p);
void station_free(struct station *st);
void station_event_cb_set(struct station *st, station_event_cb cb, void *ctx);
/*
 * -u (src/dbus): told after every state change and when a scan ends without
 * results (aborted, timed out), so a bus client sees each step, 4-way
 * handshake included. NULL: nobody listens.
 */
typedef void (*station_watch_cb)(void *ctx);
void station_watch_set(struct station *st, station_watch_cb cb, void *ctx);
/* Is a scan of ours running now? */
bool station_scanning(const struct station *st);

/* What the host core calls back (ctx = the station). */
const struct ihv_adapter_events *station_adapter_events(void);
/* Driver events for this interface: scans, connect results, disconnects. */
void station_drv_event(struct station *st, const struct drv_event *ev);

/*
 * A scan begun for this interface before the station existed (scan_request_early,
 * narrow: on known channels only) runs: the first connection waits for its
 * results, as for a scan of its own, instead of joining from what it found so far.
 */
void station_scan_adopt(struct station *st, bool narrow);

/* Start connecting (the cold start). */
void station_start(struct station *st);
/*
 * When some usable network of c joins through 802.1X, ready the EAP peer ahead of the first
 * conversation (ihv_onex_warm_start), with the TLS client context of the first such network
 * (as station_eap_onex readies the peer, without a context, at a connect). True if it did.
 */
bool station_eap_warm_start(const struct config *c);
/* Shutdown: disconnect, no reconnect, timers stopped. */
void station_stop(struct station *st);

/* Control socket commands. 0, or -errno (-EBUSY, -ENOENT, -EINVAL). */
int station_scan(struct station *st);
int station_disconnect(struct station *st);
int station_reconnect(struct station *st);    /* only if DISCONNECT'ed */
int station_reassociate(struct station *st);  /* always */
int station_select_network(struct station *st, int id);  /* -1: any */
int station_enable_network(struct station *st, int id);  /* -1: all */
int station_disable_network(struct station *st, int id); /* -1: all */
int station_remove_network(struct station *st, int id);  /* -1: all */
/*
 * Networks the plugin proposed (station-discovery.c, CreateDiscoveryProfiles):
 * the i-th (false past the end); whether this SSID has one; and
 * IHV_DISCOVERY_SELECT: add its block and select it, the new id or -errno.
 */
struct station_discovered {
	const uint8_t *ssid;
	size_t ssid_len;
	int net_id;   /* the block made from it, or -1 */
};
bool station_discovery_get(const struct station *st, size_t i, struct station_discovered *out);
bool station_discovery_has(const struct station *st, const uint8_t *ssid, size_t len);
int station_discovery_select(struct station *st, size_t i);
/* A field of network id was changed (SET_NETWORK). */
void station_network_changed(struct station *st, int id, const char *field);
/*
 * RECONFIGURE / SIGHUP (station-reload.c): fresh (a newly loaded file) takes
 * the place of the station's configuration, in the same struct config;
 * fresh is left holding the old contents, for config_free. A connection to
 * a network that is unchanged in fresh stays; else the station reconnects.
 */
int station_reconfigure(struct station *st, struct config *fresh);
/* CTRL-RSP-<field>-<id>-<value>: answer the oldest UI request of network id. */
int station_ui_respond(struct station *st, int id, const char *value);
/*
 * ValidateProfile for a network block (its own choice of AKM and ciphers):
 * 0 when the plugin takes it or the block is not complete yet; -EACCES when
 * refused, with the plugin's reason and its text (or the contract's name).
 */
int station_network_validate(struct station *st, const struct config_network *n,
			     uint32_t *reason, char *text, size_t text_len);
/* IHV_CONTROL: the plugin's Control handler; as station_backend.control. */
int station_ihv_control(struct station *st, const uint8_t *in, size_t in_len, uint8_t *out,
			size_t out_len, size_t *returned);

struct station_info {
	enum station_state state;
	int network_id;                /* -1: none */
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	uint8_t bssid[DRV_ETH_ALEN];
	uint32_t freq;
	uint32_t akm_suite;            /* 0 if none */
	uint32_t pairwise_cipher;
	uint32_t group_cipher;
	uint32_t last_reason;          /* last L2 reason from ended() or the core */
	uint8_t mac[DRV_ETH_ALEN];
	const char *plugin_name;
	const char *id_str;            /* NULL if none */
	struct ihv_adapter_counters counters; /* the core's, in every state */
	unsigned plugin_crashes;       /* isolated mode: crashes of the plugin's process */
};
void station_info_get(struct station *st, struct station_info *info);
/*
 * The plugin's process crashed (isolated mode, issue 11): count it for
 * STATUS and send CTRL-EVENT-IHV-PLUGIN-CRASHED. The core already ended the
 * connection; the station reconnects as after any failure.
 */
void station_plugin_crashed(struct station *st, unsigned crashes, const char *what,
			    bool gave_up);
const char *station_state_name(enum station_state s);

/* The scan cache, for SCAN_RESULTS (scan.h). */
size_t station_bss_count(const struct station *st);
const struct scan_bss *station_bss_at(const struct station *st, size_t i);

/* The plugin's counters as text (the backend's plugin_stats); 0 or -errno. */
int station_plugin_stats(struct station *st, char *buf, size_t len);

/* What an L2/WLAN/IHV reason code of the contract means, for logs. */
const char *station_l2_reason_str(uint32_t reason);

#endif
