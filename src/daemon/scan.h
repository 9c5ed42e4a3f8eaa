/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Scans for the station: each BSS's IEs read once (SSID, the RSNE through
 * common/ie.h, the pre-RSN WPA vendor element for the flags), the cache of
 * the driver's results, wpa_supplicant's scan flags, and the scan request
 * (the channels where the enabled networks were seen first).
 */
#ifndef IHVD_DAEMON_SCAN_H
#define IHVD_DAEMON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl80211/driver.h"

struct station;
struct station_backend;

/* One cached scan result, with the station's parse of its IEs. */
struct scan_bss {
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

/*
 * Parse a BSS's IEs (SSID, RSNE per IEEE 802.11-2020 9.4.2.24, WPA vendor IE).
 * -1 if the IEs are malformed (the BSS is then never chosen).
 */
int scan_bss_parse(const struct drv_bss *bss, struct scan_bss *out);
/* wpa_supplicant's scan flags: "[WPA2-PSK-CCMP][ESS]". */
void scan_bss_flags(const struct scan_bss *b, char *buf, size_t len);
/* Age of a result now, in ms (seen_ms_ago + time since it was read). */
uint32_t scan_bss_age_ms(const struct scan_bss *b);

/* The driver's results as last read. */
struct scan_cache {
	struct scan_bss *bss;
	size_t n_bss;
	bool read;                     /* read at least once */
};

/* Replace the cache with what the driver holds now. 0 or -errno (cache kept). */
int scan_cache_read(struct scan_cache *c, const struct station_backend *be,
		    const char *ifname);
void scan_cache_clear(struct scan_cache *c);

/*
 * Ask the driver for a scan on behalf of the station's enabled networks
 * (their hidden SSIDs too); narrow: only their scan_freq channels and where
 * they were seen. 0 (also when another scan already runs) or -errno.
 */
int scan_request(struct station *st, bool narrow);

struct config;
struct known_freq;
/*
 * At start-up, before the plugin is loaded and the station exists: unless the
 * kernel's results already hold a fresh BSS of config's enabled networks, ask
 * for the scan the station would begin with (their known channels, those of
 * link_freqs, the last links a state directory kept, among them; else all),
 * so that it runs while the plugin loads; station_scan_adopt hands it to the
 * station. 0 when a scan began (*narrow: on known channels only), 1 when none
 * is needed, -errno when the driver refused (the station scans later).
 */
int scan_request_early(const struct config *cfg, const struct station_backend *be,
		       const char *ifname, uint32_t max_age_ms,
		       const struct known_freq *link_freqs, size_t n_link_freqs, bool *narrow);

#endif
