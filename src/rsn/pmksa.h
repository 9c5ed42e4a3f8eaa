/*
 * PMKSA cache for 802.1X (IEEE 802.11-2020 12.6.10.2): PMKs that EAP produced, by (AP, SSID,
 * AKM), with their PMKID and lifetime, so that a reconnect to the same AP can offer the PMKID
 * in its association request and skip EAP. Pure data and crypto: the caller gives the time.
 */
#ifndef RSN_PMKSA_H
#define RSN_PMKSA_H

#include <stddef.h>
#include <stdint.h>

#include "rsn/crypto.h"

#define RSN_PMKID_LEN 16
#define RSN_PMKSA_LIFETIME_S 43200u /* dot11RSNAConfigPMKLifetime default */

struct rsn_pmksa_cache;

struct rsn_pmksa_cache *rsn_pmksa_cache_new(size_t max_entries);
/* Cleanses every PMK and frees; NULL allowed. */
void rsn_pmksa_cache_free(struct rsn_pmksa_cache *c);

/*
 * IEEE 802.11-2020 12.7.1.3: PMKID = Truncate-128(HMAC-Hash(PMK, "PMK Name" || AA || SPA)),
 * Hash SHA-1 for AKM 00-0F-AC:1 and SHA-256 for 00-0F-AC:5. 0, or -1 (unknown AKM, crypto).
 */
int rsn_pmksa_pmkid(uint32_t akm, const uint8_t pmk[RSN_PMK_LEN], const uint8_t aa[6],
		    const uint8_t spa[6], uint8_t pmkid[RSN_PMKID_LEN]);

/* Store (replacing an entry for the same key; the oldest goes when full). 0 or -1. */
int rsn_pmksa_add(struct rsn_pmksa_cache *c, const uint8_t aa[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, const uint8_t pmk[RSN_PMK_LEN],
		  const uint8_t pmkid[RSN_PMKID_LEN], uint64_t now_s);
/* 0 with the PMK and PMKID of a live entry, -1 if none (expired ones are dropped). */
int rsn_pmksa_get(struct rsn_pmksa_cache *c, const uint8_t aa[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, uint64_t now_s, uint8_t pmk[RSN_PMK_LEN],
		  uint8_t pmkid[RSN_PMKID_LEN]);
/* Forget it (the AP refused the PMKID, or EAP failed). 1 if found. */
int rsn_pmksa_remove(struct rsn_pmksa_cache *c, const uint8_t aa[6], const uint8_t *ssid,
		     size_t ssid_len, uint32_t akm);

#endif
