/*
 * The connection policy for one interface: scan (or reuse fresh results),
 * choose the best BSS for the enabled networks, run the connection through
 * the host core, reconnect with backoff, give up on a wrong passphrase.
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
#include "daemon/profile.h"
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
	/* What the plugin says its reason code means; may be NULL. 0 or -ENOENT. */
	int (*reason_text)(void *ctx, uint32_t reason_code, char *buf, size_t len);
};

/* An event line for the control socket, without the "<3>" level prefix. */
typedef void (*station_event_cb)(void *ctx, int level, const char *text);

#define STATION_MSG_INFO 3 /* wpa_supplicant's MSG_INFO, the level of every CTRL-EVENT */

struct station_params {
	struct loop *loop;
	struct config *config;         /* networks; the station reads and flags them */
	const char *ifname;
	uint32_t ifindex;
	const uint8_t *mac;            /* own address, may be NULL */
	const char *plugin_name;       /* for STATUS */
	const struct station_backend *backend;
	/* Tunables; 0/NULL means the default. */
	uint32_t scan_max_age_ms;      /* reuse results younger than this: 10000 */
	uint32_t scan_timeout_ms;      /* a scan that never ends: 15000 */
	const uint32_t *backoff_ms;    /* retry delays, the last repeats: 100,1000,2000,5000 */
	size_t n_backoff;
	unsigned int wrong_key_max;    /* failed 4-way handshakes before giving up: 3 */
};

struct station *station_new(const struct station_params *p);
void station_free(struct station *st);
void station_event_cb_set(struct station *st, station_event_cb cb, void *ctx);

/* What the host core calls back (ctx = the station). */
const struct ihv_adapter_events *station_adapter_events(void);
/* Driver events for this interface: scans, connect results, disconnects. */
void station_drv_event(struct station *st, const struct drv_event *ev);

/* Start connecting (the cold start). */
void station_start(struct station *st);
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
/* A field of network id was changed (SET_NETWORK). */
void station_network_changed(struct station *st, int id, const char *field);
/* CTRL-RSP-<field>-<id>-<value>: answer the oldest UI request of network id. */
int station_ui_respond(struct station *st, int id, const char *value);

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
};
void station_info_get(struct station *st, struct station_info *info);
const char *station_state_name(enum station_state s);

/* One cached scan result, with the station's parse of its IEs. */
struct station_bss {
	struct drv_bss bss;            /* ies/beacon_ies point into owned copies */
	bool ies_ok;                   /* false: malformed IEs, never chosen */
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	bool rsn;                      /* an RSNE is present and parsed */
	bool wpa;                      /* a WPA (vendor) IE is present */
	uint32_t wpa_akm_suites[4];    /* its AKMs and pairwise ciphers (flags only) */
	size_t n_wpa_akm_suites;
	uint32_t wpa_pairwise_suites[4];
	size_t n_wpa_pairwise_suites;
	unsigned int akm;              /* enum config_akm bits (PSK ones) */
	uint32_t akm_suites[8];        /* every AKM suite listed (for flags) */
	size_t n_akm_suites;
	unsigned int pairwise;         /* enum config_cipher bits */
	uint32_t pairwise_suites[8];
	size_t n_pairwise_suites;
	uint32_t group_suite;
	bool mfpc, mfpr;
	uint64_t fetched_us;           /* when the station read it */
};
size_t station_bss_count(const struct station *st);
const struct station_bss *station_bss_at(const struct station *st, size_t i);
/* Age of a result now, in ms (seen_ms_ago + time since it was read). */
uint32_t station_bss_age_ms(const struct station_bss *b);

/*
 * Parse a BSS's IEs (SSID, RSNE per IEEE 802.11-2020 9.4.2.24, WPA vendor IE).
 * -1 if the IEs are malformed (the BSS is then never chosen).
 */
int station_bss_parse(const struct drv_bss *bss, struct station_bss *out);
/*
 * Does network n accept this BSS? If so fill choice (the AKM, pairwise and
 * group to use: SHA256 AKM preferred, then the strongest cipher).
 */
bool station_bss_match(const struct config_network *n, const struct station_bss *b,
		       struct profile_choice *choice);
/* wpa_supplicant's scan flags: "[WPA2-PSK-CCMP][ESS]". */
void station_bss_flags(const struct station_bss *b, char *buf, size_t len);

/* Meanings, for logs: the L2/WLAN/IHV reason code, the 802.11 reason code. */
const char *station_l2_reason_str(uint32_t reason);
const char *station_ieee80211_reason_str(uint16_t reason);

#endif
