// SPDX-License-Identifier: BSD-3-Clause
/* PMK cache keyed by (SSID, passphrase): a reconnect costs no PBKDF2. */
#include "rsn/pmk-cache.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto-direct.h"

struct pmk_entry {
	bool used;
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t pass_tag[32]; /* HMAC-SHA256(cache key, passphrase), never the passphrase */
	uint8_t pmk[RSN_PMK_LEN];
	uint64_t last_use;
};

struct rsn_pmk_cache {
	uint8_t tag_key[32]; /* random per cache: tags are useless outside this process */
	uint64_t clock;
	struct rsn_pmk_cache_stats stats;
	size_t max;
	struct pmk_entry e[];
};

struct rsn_pmk_cache *rsn_pmk_cache_new(size_t max_entries)
{
	struct rsn_pmk_cache *c;

	if (max_entries == 0 || max_entries > 1024)
		return NULL;
	c = calloc(1, sizeof(*c) + max_entries * sizeof(c->e[0]));
	if (!c)
		return NULL;
	c->max = max_entries;
	/* the kernel's generator: OpenSSL's would initialise it here, in InitService */
	if (rsn_direct_random(c->tag_key, sizeof(c->tag_key)) < 0) {
		free(c);
		return NULL;
	}
	return c;
}

void rsn_pmk_cache_free(struct rsn_pmk_cache *c)
{
	if (!c)
		return;
	OPENSSL_cleanse(c, sizeof(*c) + c->max * sizeof(c->e[0]));
	free(c);
}

static int pmk_cache_pass_tag(const struct rsn_pmk_cache *c, const char *passphrase,
			      uint8_t tag[32])
{
	/* no provider needed: a first connection's PBKDF2 need not wait for one (crypto-direct.h) */
	return rsn_crypto_hmac_sha256(c->tag_key, sizeof(c->tag_key), (const uint8_t *)passphrase,
				      strnlen(passphrase, RSN_PASSPHRASE_MAX + 1), tag);
}

static struct pmk_entry *pmk_cache_find(struct rsn_pmk_cache *c, const uint8_t *ssid,
					size_t ssid_len, const uint8_t tag[32])
{
	for (size_t i = 0; i < c->max; i++) {
		struct pmk_entry *e = &c->e[i];

		if (e->used && e->ssid_len == ssid_len && !memcmp(e->ssid, ssid, ssid_len) &&
		    !CRYPTO_memcmp(e->pass_tag, tag, 32))
			return e;
	}
	return NULL;
}

/* The least recently used slot, or a free one; an evicted entry is wiped first. */
static struct pmk_entry *pmk_cache_slot(struct rsn_pmk_cache *c)
{
	struct pmk_entry *victim = NULL;

	for (size_t i = 0; i < c->max; i++) {
		if (!c->e[i].used)
			return &c->e[i];
		if (!victim || c->e[i].last_use < victim->last_use)
			victim = &c->e[i];
	}
	c->stats.evictions++;
	OPENSSL_cleanse(victim, sizeof(*victim));
	return victim;
}

static void pmk_cache_store(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
			    const uint8_t tag[32], const uint8_t pmk[RSN_PMK_LEN])
{
	struct pmk_entry *e = pmk_cache_find(c, ssid, ssid_len, tag);

	if (!e)
		e = pmk_cache_slot(c);
	e->used = true;
	memcpy(e->ssid, ssid, ssid_len);
	e->ssid_len = ssid_len;
	memcpy(e->pass_tag, tag, 32);
	memcpy(e->pmk, pmk, RSN_PMK_LEN);
	e->last_use = ++c->clock;
}

static bool pmk_cache_args_ok(const struct rsn_pmk_cache *c, const uint8_t *ssid,
			      size_t ssid_len, const char *passphrase)
{
	return c && ssid && ssid_len >= 1 && ssid_len <= 32 && passphrase;
}

int rsn_pmk_cache_get(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
		      const char *passphrase, uint8_t pmk[RSN_PMK_LEN])
{
	struct pmk_entry *e;
	uint8_t tag[32];

	if (!pmk_cache_args_ok(c, ssid, ssid_len, passphrase))
		return -1;
	if (pmk_cache_pass_tag(c, passphrase, tag))
		return -1;
	e = pmk_cache_find(c, ssid, ssid_len, tag);
	if (e) {
		e->last_use = ++c->clock;
		c->stats.hits++;
		memcpy(pmk, e->pmk, RSN_PMK_LEN);
		OPENSSL_cleanse(tag, sizeof(tag));
		return 0;
	}
	if (rsn_crypto_psk_from_passphrase(passphrase, ssid, ssid_len, pmk)) {
		OPENSSL_cleanse(tag, sizeof(tag));
		return -1;
	}
	c->stats.derivations++;
	pmk_cache_store(c, ssid, ssid_len, tag, pmk);
	OPENSSL_cleanse(tag, sizeof(tag));
	return 0;
}

int rsn_pmk_cache_tag(const struct rsn_pmk_cache *c, const char *passphrase, uint8_t tag[32])
{
	if (!c || !passphrase || !tag)
		return -1;
	return pmk_cache_pass_tag(c, passphrase, tag) ? -1 : 0;
}

int rsn_pmk_cache_put_tagged(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
			     const uint8_t tag[32], const uint8_t pmk[RSN_PMK_LEN])
{
	if (!c || !ssid || ssid_len < 1 || ssid_len > 32 || !tag || !pmk)
		return -1;
	pmk_cache_store(c, ssid, ssid_len, tag, pmk);
	return 0;
}

bool rsn_pmk_cache_has(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
		       const char *passphrase)
{
	uint8_t tag[32];
	bool found;

	if (!pmk_cache_args_ok(c, ssid, ssid_len, passphrase) ||
	    pmk_cache_pass_tag(c, passphrase, tag))
		return false;
	found = pmk_cache_find(c, ssid, ssid_len, tag) != NULL;
	OPENSSL_cleanse(tag, sizeof(tag));
	return found;
}

int rsn_pmk_cache_remove(struct rsn_pmk_cache *c, const uint8_t *ssid, size_t ssid_len,
			 const char *passphrase)
{
	struct pmk_entry *e;
	uint8_t tag[32];

	if (!c || !ssid || ssid_len > 32 || !passphrase || pmk_cache_pass_tag(c, passphrase, tag))
		return 0;
	e = pmk_cache_find(c, ssid, ssid_len, tag);
	OPENSSL_cleanse(tag, sizeof(tag));
	if (!e)
		return 0;
	OPENSSL_cleanse(e, sizeof(*e));
	return 1;
}

size_t rsn_pmk_cache_count(const struct rsn_pmk_cache *c)
{
	size_t n = 0;

	for (size_t i = 0; c && i < c->max; i++)
		n += c->e[i].used;
	return n;
}

const struct rsn_pmk_cache_stats *rsn_pmk_cache_stats(const struct rsn_pmk_cache *c)
{
	return &c->stats;
}
