// SPDX-License-Identifier: BSD-3-Clause
/*
 * The 802.1X module's EAP peer, readied ahead of the first conversation (ihv-host.h,
 * ihv_onex_warm_start): one thread that calls eap_peer_warm and ends. The loop thread never
 * waits for it; a conversation that starts before it is done finds the same once-guards
 * (eap-load.c's pthread_once, eap-warm.c's CRYPTO_THREAD_run_once) and shares their result.
 */
#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "common/log.h"
#include "core/ihv-host.h"
#include "eap/eap-peer.h"

static pthread_mutex_t onex_warm_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t onex_warm_thread;
static bool onex_warm_tried, onex_warm_running;

static double onex_warm_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void *onex_warm_run(void *arg)
{
	double t0 = onex_warm_ms();

	(void)arg;
	eap_peer_warm();
	log_info("802.1X: EAP peer readied ahead of the first conversation in %.1f ms "
		 "(module, TLS library, MS-CHAPv2 provider)", onex_warm_ms() - t0);
	return NULL;
}

void ihv_onex_warm_start(void)
{
	pthread_mutex_lock(&onex_warm_lock);
	if (!onex_warm_tried) {
		onex_warm_tried = true;
		onex_warm_running = pthread_create(&onex_warm_thread, NULL, onex_warm_run, NULL) == 0;
		if (!onex_warm_running)
			log_debug("802.1X: no thread to ready the EAP peer; the first conversation will");
	}
	pthread_mutex_unlock(&onex_warm_lock);
}

void ihv_onex_warm_join(void)
{
	pthread_mutex_lock(&onex_warm_lock);
	if (onex_warm_running) {
		pthread_join(onex_warm_thread, NULL);
		onex_warm_running = false;
	}
	pthread_mutex_unlock(&onex_warm_lock);
}
