// SPDX-License-Identifier: BSD-3-Clause
/*
 * eap_peer_warm (eap-peer.h): a process's first 802.1X conversation paid, on the air, for the
 * TLS library's first context (OpenSSL 3 fetches every algorithm it may negotiate then) and
 * for MS-CHAPv2's legacy provider. Measured in the bench's wpa2-eap-peap captures under TCG
 * (issue 16): from the server's PEAP Start to our ClientHello 62-97 ms against iwd's 4 ms,
 * and from the phase-2 challenge to our MS-CHAPv2 response 28-43 ms against iwd's 4 ms.
 * Done beforehand (ihvd: a thread at start-up, beside the scan), both leave the air.
 * eap_peer_warm_network also builds the client context of the network the daemon will join
 * first (the CA file parsed): 20-35 ms of the first conversation's air under TCG.
 */
#include "eap/eap-peer.h"

#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include "eap/eap-tls-common.h"
#include "eap/mschapv2.h"

static CRYPTO_ONCE eap_warm_tls_once = CRYPTO_ONCE_STATIC_INIT;

/* The TLS library's first context (every algorithm it may negotiate) and first connection */
static void eap_warm_tls_run(void)
{
	SSL_CTX *ctx;

	if (OPENSSL_init_ssl(0, NULL) != 1)
		return;
	ctx = SSL_CTX_new(TLS_client_method());
	if (ctx) {
		SSL_free(SSL_new(ctx)); /* the connection's own fetches (its cipher list) */
		SSL_CTX_free(ctx);
	}
}

void eap_peer_warm(void)
{
	(void)CRYPTO_THREAD_run_once(&eap_warm_tls_once, eap_warm_tls_run);
	(void)mschapv2_crypto_available();
}

/*
 * The ClientHello waits for the client context, and MS-CHAPv2 comes only in phase 2, after
 * the TLS handshake: the context is built before its provider is loaded.
 */
bool eap_peer_warm_network(const struct eap_peer_config *cfg)
{
	bool built;

	(void)CRYPTO_THREAD_run_once(&eap_warm_tls_once, eap_warm_tls_run);
	built = cfg && eap_tls_ctx_prepare(cfg);
	(void)mschapv2_crypto_available();
	return built;
}

void eap_peer_warm_release(void)
{
	eap_tls_ctx_prepared_drop();
}
