/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A passphrase network's PMK, derived ahead of its first connection on a thread of its own.
 *
 * The PBKDF2 of IEEE 802.11-2020 J.4.1 (4096 iterations of HMAC-SHA-1) is the costliest
 * step of a first WPA2-Personal connection. ihvd hands every network block to
 * ValidateProfile when it starts, before its first scan; the plugin starts the derivation
 * there, and the pre-association collects it instead of deriving again. One derivation at
 * a time: a validation while one runs starts nothing.
 */
#ifndef RSN_PMK_PREFETCH_H
#define RSN_PMK_PREFETCH_H

#include <stddef.h>
#include <stdint.h>

#include "rsn/pmk-cache.h"

struct rsn_pmk_prefetch;

struct rsn_pmk_prefetch_stats {
	uint64_t started;   /* derivations begun on the thread */
	uint64_t collected; /* finished ones stored into the cache */
	uint64_t waited;    /* collections that had to wait for the thread */
};

/* The results go into c, which must outlive the prefetcher. NULL on allocation failure. */
struct rsn_pmk_prefetch *rsn_pmk_prefetch_new(struct rsn_pmk_cache *c);
/* Waits for a running derivation, wipes its copies and frees. NULL is allowed. */
void rsn_pmk_prefetch_free(struct rsn_pmk_prefetch *p);

/*
 * Begin deriving the PMK of (ssid, passphrase). Returns 0 when a derivation started, 1 when
 * nothing needed to (the cache has it, or another derivation runs), -1 on invalid
 * arguments (a passphrase the derivation would refuse) or when no thread could be made.
 */
int rsn_pmk_prefetch_start(struct rsn_pmk_prefetch *p, const uint8_t *ssid, size_t ssid_len,
			   const char *passphrase);

/*
 * Before the cache is asked for (ssid, passphrase): a derivation of that key still running
 * is waited for, and a finished one (of any key) is stored into the cache. A running
 * derivation of another key is left alone. NULL p does nothing.
 */
void rsn_pmk_prefetch_collect(struct rsn_pmk_prefetch *p, const uint8_t *ssid,
			      size_t ssid_len, const char *passphrase);

const struct rsn_pmk_prefetch_stats *rsn_pmk_prefetch_stats(const struct rsn_pmk_prefetch *p);

#endif
