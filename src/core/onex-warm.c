// SPDX-License-Identifier: BSD-3-Clause
/*
 * The 802.1X module's EAP peer, readied ahead of the first conversation (ihv-host.h,
 * ihv_onex_warm_start): one thread that calls eap_peer_warm, or eap_peer_warm_network with
 * the first network's TLS settings (the client context built: the CA file parsed), and ends.
 * The loop thread never waits for it; a conversation that starts before it is done finds the
 * same once-guards (eap-load.c's pthread_once, eap-warm.c's CRYPTO_THREAD_run_once) and
 * shares their result; one that finds no prepared context yet builds its own.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "core/ihv-core.h"
#include "core/ihv-host.h"
#include "eap/eap-peer.h"

static pthread_mutex_t onex_warm_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t onex_warm_thread;
static bool onex_warm_tried, onex_warm_running;
/* The thread's own copies of what the first network's TLS context depends on (no secret). */
static struct {
	bool set;
	struct eap_peer_config pc;
	char *ca_cert, *client_cert, *phase1, *network;
} onex_warm_net;

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
	if (onex_warm_net.set && eap_peer_warm_network(&onex_warm_net.pc)) {
		log_info("802.1X: EAP peer readied ahead of the first conversation in %.1f ms "
			 "(module, TLS library, MS-CHAPv2 provider, the TLS client context for %s)",
			 onex_warm_ms() - t0, onex_warm_net.network);
		return NULL;
	}
	eap_peer_warm();
	log_info("802.1X: EAP peer readied ahead of the first conversation in %.1f ms "
		 "(module, TLS library, MS-CHAPv2 provider)", onex_warm_ms() - t0);
	return NULL;
}

static void onex_warm_net_free(void)
{
	free(onex_warm_net.ca_cert);
	free(onex_warm_net.client_cert);
	free(onex_warm_net.phase1);
	free(onex_warm_net.network);
	memset(&onex_warm_net, 0, sizeof(onex_warm_net));
}

static const char *onex_warm_dup(const char *v, char **slot, bool *oom)
{
	if (v && !(*slot = strdup(v)))
		*oom = true;
	return *slot;
}

/* Copies of cfg's method, CA, client certificate, phase1 and name; false if none. */
static bool onex_warm_net_copy(const struct ihv_onex_config *cfg)
{
	bool oom = false;

	if (!cfg || ihv_onex_methods_take(cfg->methods, &onex_warm_net.pc))
		return false;
	/* a list's TLS keeps no context to warm (its client certificate) or is left out (none):
	 * warm for the next method, whose context a conversation can take */
	if (onex_warm_net.pc.method == EAP_PEER_METHOD_TLS && onex_warm_net.pc.more_methods[0])
		onex_warm_net.pc.method = (enum eap_peer_method)onex_warm_net.pc.more_methods[0];
	onex_warm_net.pc.ca_cert = onex_warm_dup(cfg->ca_cert, &onex_warm_net.ca_cert, &oom);
	onex_warm_net.pc.client_cert = onex_warm_dup(cfg->client_cert, &onex_warm_net.client_cert,
						     &oom);
	onex_warm_net.pc.phase1 = onex_warm_dup(cfg->phase1, &onex_warm_net.phase1, &oom);
	onex_warm_net.network = strdup(cfg->network ? cfg->network : "the first network");
	if (oom || !onex_warm_net.network) {
		onex_warm_net_free();
		return false;
	}
	onex_warm_net.set = true;
	return true;
}

void ihv_onex_warm_start(const struct ihv_onex_config *first)
{
	pthread_mutex_lock(&onex_warm_lock);
	if (!onex_warm_tried) {
		onex_warm_tried = true;
		(void)onex_warm_net_copy(first);
		onex_warm_running = pthread_create(&onex_warm_thread, NULL, onex_warm_run, NULL) == 0;
		if (!onex_warm_running) {
			onex_warm_net_free();
			log_debug("802.1X: no thread to ready the EAP peer; the first conversation will");
		}
	}
	pthread_mutex_unlock(&onex_warm_lock);
}

void ihv_onex_warm_join(void)
{
	pthread_mutex_lock(&onex_warm_lock);
	if (onex_warm_running) {
		pthread_join(onex_warm_thread, NULL);
		onex_warm_running = false;
		onex_warm_net_free();
		eap_peer_warm_release(); /* a context no conversation took */
	}
	pthread_mutex_unlock(&onex_warm_lock);
}
