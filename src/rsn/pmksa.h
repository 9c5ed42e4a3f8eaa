/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The station's PMKSA cache (IEEE 802.11-2020 12.6.10.3): PMKs from SAE or from EAP (802.1X)
 * kept per (BSSID, SSID, AKM) with their PMKID, so a reconnect within the PMK lifetime offers
 * the PMKID in its association request instead of running SAE or EAP again. Entries are
 * cleansed when replaced, removed, expired or freed. Pure data and crypto: the caller gives
 * the time.
 */
#ifndef RSN_PMKSA_H
#define RSN_PMKSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RSN_PMKSA_PMK_LEN 32
#define RSN_PMKSA_PMK_MAX_LEN 64 /* SAE-EXT-KEY with group 21 (IEEE 802.11-2024 12.4.5.4) */
#define RSN_PMKSA_PMKID_LEN 16
/* dot11RSNAConfigPMKLifetime default (IEEE 802.11-2020 Annex C): 43200 s */
#define RSN_PMKSA_LIFETIME_S 43200u

struct rsn_pmksa_cache;

/*
 * IEEE 802.11-2020 12.7.1.3: "PMKID = Truncate-128(HMAC-Hash(PMK, "PMK Name" || AA || SPA))",
 * with SHA-1 for AKM 00-0F-AC:1 and SHA-256 for 00-0F-AC:5 (SAE derives its PMKID in the
 * exchange instead, 12.4.5.4). 0, or -1 (another AKM, or a crypto failure).
 */
int rsn_pmksa_pmkid(uint32_t akm, const uint8_t pmk[RSN_PMKSA_PMK_LEN], const uint8_t aa[6],
		    const uint8_t spa[6], uint8_t pmkid[RSN_PMKSA_PMKID_LEN]);

struct rsn_pmksa_cache *rsn_pmksa_cache_new(size_t max_entries);
void rsn_pmksa_cache_free(struct rsn_pmksa_cache *c);

/* Store (replacing the entry of the same BSSID/SSID/AKM); now_s: a monotonic clock. */
int rsn_pmksa_add(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, const uint8_t pmk[RSN_PMKSA_PMK_LEN],
		  const uint8_t pmkid[RSN_PMKSA_PMKID_LEN], uint64_t now_s, uint32_t lifetime_s);
/* The same for a PMK of 32, 48 or 64 octets (SAE-EXT-KEY: as long as the group's hash). */
int rsn_pmksa_add_len(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		      size_t ssid_len, uint32_t akm, const uint8_t *pmk, size_t pmk_len,
		      const uint8_t pmkid[RSN_PMKSA_PMKID_LEN], uint64_t now_s,
		      uint32_t lifetime_s);
/* 0 and the PMK/PMKID of a live entry, -1 if none (expired ones are dropped); rsn_pmksa_get
 * takes only 32-octet PMKs, rsn_pmksa_get_len any, with their length. */
int rsn_pmksa_get(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, uint64_t now_s, uint8_t pmk[RSN_PMKSA_PMK_LEN],
		  uint8_t pmkid[RSN_PMKSA_PMKID_LEN]);
/* Forget the entry; 1 if there was one. */
int rsn_pmksa_get_len(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		      size_t ssid_len, uint32_t akm, uint64_t now_s,
		      uint8_t pmk[RSN_PMKSA_PMK_MAX_LEN], size_t *pmk_len,
		      uint8_t pmkid[RSN_PMKSA_PMKID_LEN]);
int rsn_pmksa_remove(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		     size_t ssid_len, uint32_t akm);
/* Forget every entry of this SSID (its password changed). */
void rsn_pmksa_flush_ssid(struct rsn_pmksa_cache *c, const uint8_t *ssid, size_t ssid_len);
/* every entry (wpa_supplicant's PMKSA_FLUSH; make bench's full-SAE reconnect) */
void rsn_pmksa_flush(struct rsn_pmksa_cache *c);
size_t rsn_pmksa_count(const struct rsn_pmksa_cache *c);
/* The clock the cache is kept in: CLOCK_MONOTONIC seconds. */
uint64_t rsn_pmksa_now_s(void);

#endif
