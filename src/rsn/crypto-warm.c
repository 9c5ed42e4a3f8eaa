// SPDX-License-Identifier: BSD-3-Clause
/* The plugin's algorithms fetched ahead of the first handshake (see crypto-warm.h). */
#include "rsn/crypto-warm.h"

#include <pthread.h>
#include <stdbool.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "rsn/crypto.h"

/* A few fetches need little stack; glibc would reserve 8 MB. */
#define CRYPTO_WARM_STACK (256u * 1024u)

static pthread_mutex_t crypto_warm_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t crypto_warm_thread;
static bool crypto_warm_started, crypto_warm_running;
static bool crypto_warm_rand; /* written by the thread, read after the join */

static void *crypto_warm_run(void *arg)
{
	unsigned char scratch[2];

	(void)arg;
	(void)rsn_crypto_ready();
	/*
	 * OpenSSL sets up its DRBGs at the first draw: the public one gives the SNonce
	 * (handshake.c, between message 1 and message 2), the private one SAE's secrets.
	 */
	crypto_warm_rand = RAND_bytes(scratch, 1) == 1 && RAND_priv_bytes(scratch + 1, 1) == 1;
	OPENSSL_cleanse(scratch, sizeof(scratch));
	return NULL;
}

void rsn_crypto_warm_start(void)
{
	pthread_attr_t attr;

	pthread_mutex_lock(&crypto_warm_lock);
	if (!crypto_warm_started) {
		crypto_warm_started = true;
		crypto_warm_rand = false;
		if (pthread_attr_init(&attr) == 0) {
			(void)pthread_attr_setstacksize(&attr, CRYPTO_WARM_STACK);
			/* no thread: the first primitive fetches, as before */
			crypto_warm_running = pthread_create(&crypto_warm_thread, &attr,
							     crypto_warm_run, NULL) == 0;
			pthread_attr_destroy(&attr);
		}
	}
	pthread_mutex_unlock(&crypto_warm_lock);
}

void rsn_crypto_warm_join(void)
{
	pthread_mutex_lock(&crypto_warm_lock);
	if (crypto_warm_running)
		pthread_join(crypto_warm_thread, NULL);
	crypto_warm_running = false;
	crypto_warm_started = false;
	pthread_mutex_unlock(&crypto_warm_lock);
}

bool rsn_crypto_warm_rand_ready(void)
{
	bool r;

	pthread_mutex_lock(&crypto_warm_lock);
	r = !crypto_warm_running && crypto_warm_rand; /* not read while the thread may write it */
	pthread_mutex_unlock(&crypto_warm_lock);
	return r;
}
