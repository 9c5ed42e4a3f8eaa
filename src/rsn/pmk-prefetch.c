// SPDX-License-Identifier: BSD-3-Clause
/* A passphrase network's PMK, derived ahead of its first connection (see pmk-prefetch.h). */
#include "rsn/pmk-prefetch.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto.h"

/* PBKDF2 and a first OpenSSL initialisation need far less; glibc would reserve 8 MB. */
#define PMK_PREFETCH_STACK (1024u * 1024u)

struct rsn_pmk_prefetch {
	struct rsn_pmk_cache *cache;
	pthread_mutex_t lock;
	pthread_t thread;
	bool running; /* a thread was made and not yet joined */
	bool done;    /* under lock: the thread has finished */
	int rc;       /* the derivation's result, once done */
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t tag[32];                         /* the cache's key for the passphrase */
	char passphrase[RSN_PASSPHRASE_MAX + 1]; /* secret: the thread wipes it when done */
	uint8_t pmk[RSN_PMK_LEN];                /* secret: wiped when joined */
	struct rsn_pmk_prefetch_stats stats;
};

struct rsn_pmk_prefetch *rsn_pmk_prefetch_new(struct rsn_pmk_cache *c)
{
	struct rsn_pmk_prefetch *p;

	if (!c)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (pthread_mutex_init(&p->lock, NULL)) {
		free(p);
		return NULL;
	}
	p->cache = c;
	return p;
}

static void *pmk_prefetch_thread(void *arg)
{
	struct rsn_pmk_prefetch *p = arg;
	int rc = rsn_crypto_psk_from_passphrase(p->passphrase, p->ssid, p->ssid_len, p->pmk);

	/* the PMK is all the plugin keeps of a profile, as after a pre-association */
	OPENSSL_cleanse(p->passphrase, sizeof(p->passphrase));
	pthread_mutex_lock(&p->lock);
	p->rc = rc;
	p->done = true;
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Join the thread; store a good result into the cache; wipe the copies. */
static void pmk_prefetch_join(struct rsn_pmk_prefetch *p)
{
	pthread_join(p->thread, NULL);
	p->running = false;
	if (p->rc == 0 &&
	    rsn_pmk_cache_put_tagged(p->cache, p->ssid, p->ssid_len, p->tag, p->pmk) == 0)
		p->stats.collected++;
	OPENSSL_cleanse(p->tag, sizeof(p->tag));
	OPENSSL_cleanse(p->pmk, sizeof(p->pmk));
	p->done = false;
}

void rsn_pmk_prefetch_free(struct rsn_pmk_prefetch *p)
{
	if (!p)
		return;
	if (p->running)
		pmk_prefetch_join(p);
	pthread_mutex_destroy(&p->lock);
	OPENSSL_cleanse(p, sizeof(*p));
	free(p);
}

/* Is the derivation under way the one of (ssid, passphrase)? */
static bool pmk_prefetch_is(const struct rsn_pmk_prefetch *p, const uint8_t *ssid,
			    size_t ssid_len, const char *passphrase)
{
	uint8_t tag[32];
	bool same;

	if (rsn_pmk_cache_tag(p->cache, passphrase, tag))
		return false;
	same = p->ssid_len == ssid_len && !memcmp(p->ssid, ssid, ssid_len) &&
	       !CRYPTO_memcmp(p->tag, tag, sizeof(tag));
	OPENSSL_cleanse(tag, sizeof(tag));
	return same;
}

int rsn_pmk_prefetch_start(struct rsn_pmk_prefetch *p, const uint8_t *ssid, size_t ssid_len,
			   const char *passphrase)
{
	pthread_attr_t attr;
	bool done;
	size_t n;
	int err;

	if (!p || !ssid || ssid_len < 1 || ssid_len > 32 || !passphrase)
		return -1;
	/* IEEE 802.11-2020 J.4.1: "a sequence of between 8 and 63 ASCII-encoded characters" */
	n = strnlen(passphrase, RSN_PASSPHRASE_MAX + 1);
	if (n < RSN_PASSPHRASE_MIN || n > RSN_PASSPHRASE_MAX)
		return -1;
	if (p->running) {
		pthread_mutex_lock(&p->lock);
		done = p->done;
		pthread_mutex_unlock(&p->lock);
		if (!done)
			return 1;
		pmk_prefetch_join(p);
	}
	if (rsn_pmk_cache_has(p->cache, ssid, ssid_len, passphrase))
		return 1;
	if (rsn_pmk_cache_tag(p->cache, passphrase, p->tag))
		return -1;
	memcpy(p->ssid, ssid, ssid_len);
	p->ssid_len = ssid_len;
	memcpy(p->passphrase, passphrase, n);
	p->passphrase[n] = 0;
	p->done = false;
	p->rc = -1;
	if (pthread_attr_init(&attr))
		goto fail;
	pthread_attr_setstacksize(&attr, PMK_PREFETCH_STACK);
	err = pthread_create(&p->thread, &attr, pmk_prefetch_thread, p);
	pthread_attr_destroy(&attr);
	if (err)
		goto fail;
	p->running = true;
	p->stats.started++;
	return 0;
fail:
	OPENSSL_cleanse(p->passphrase, sizeof(p->passphrase));
	OPENSSL_cleanse(p->tag, sizeof(p->tag));
	return -1;
}

void rsn_pmk_prefetch_collect(struct rsn_pmk_prefetch *p, const uint8_t *ssid,
			      size_t ssid_len, const char *passphrase)
{
	bool done;

	if (!p || !p->running || !ssid || !passphrase)
		return;
	pthread_mutex_lock(&p->lock);
	done = p->done;
	pthread_mutex_unlock(&p->lock);
	if (!done) {
		if (!pmk_prefetch_is(p, ssid, ssid_len, passphrase))
			return; /* another network's: the caller derives its own meanwhile */
		p->stats.waited++;
	}
	pmk_prefetch_join(p);
}

const struct rsn_pmk_prefetch_stats *rsn_pmk_prefetch_stats(const struct rsn_pmk_prefetch *p)
{
	return &p->stats;
}
