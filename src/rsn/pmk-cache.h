/* SPDX-License-Identifier: BSD-3-Clause */
/* PMK cache keyed by (SSID, passphrase): a reconnect costs no PBKDF2. */
#ifndef RSN_PMK_CACHE_H
#define RSN_PMK_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rsn/crypto.h"

struct rsn_pmk_cache;

struct rsn_pmk_cache_stats {
	uint64_t hits;
	uint64_t derivations; /* PBKDF2 runs */
	uint64_t evictions;
};

/* max_entries >= 1; NULL on allocation failure. */
struct rsn_pmk_cache *rsn_pmk_cache_new(size_t max_entries);
/* Clears every entry (OPENSSL_cleanse) and frees. NULL is allowed. */
void rsn_pmk_cache_free(struct rsn_pmk_cache *c);

/*
 * The PMK for (ssid, passphrase): from the cache, or derived with PBKDF2 (IEEE 802.11-2020
 * J.4.1) and stored, evicting the least recently used entry when full.
 * Returns 0, or -1 on an invalid passphrase/SSID or a crypto failure.
 */
int rsn_pmk_cache_get(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
		      const char *passphrase, uint8_t pmk[RSN_PMK_LEN]);
/*
 * The key under which a passphrase is kept (HMAC-SHA-256 under this cache's random key,
 * never the passphrase). Reads c only: safe beside the thread that owns c. 0, or -1.
 */
int rsn_pmk_cache_tag(const struct rsn_pmk_cache *c, const char *passphrase, uint8_t tag[32]);
/* Store a PMK derived elsewhere (rsn/pmk-prefetch.c) under (ssid, tag). 0, or -1. */
int rsn_pmk_cache_put_tagged(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
			     const uint8_t tag[32], const uint8_t pmk[RSN_PMK_LEN]);
/* Whether (ssid, passphrase) has an entry; derives nothing and counts no hit. */
bool rsn_pmk_cache_has(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
		       const char *passphrase);
/* Forget the entry for (ssid, passphrase), e.g. after a failed handshake. Returns 1 if found. */
int rsn_pmk_cache_remove(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
			 const char *passphrase);
size_t rsn_pmk_cache_count(const struct rsn_pmk_cache *c);
const struct rsn_pmk_cache_stats *rsn_pmk_cache_stats(const struct rsn_pmk_cache *c);

#endif
