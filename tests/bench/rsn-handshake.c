// SPDX-License-Identifier: BSD-3-Clause
/*
 * Micro-benchmark of the RSN engine, made for `valgrind --tool=callgrind` instruction counts.
 *
 *   rsn-handshake full N        N full 4-way handshakes against the in-process authenticator
 *                               (PMK from the cache: one PBKDF2 in all)
 *   rsn-handshake replay N      N supplicant-only 4-way handshakes on frames built once
 *                               (fixed SNonce), so the count is the engine's alone
 *   rsn-handshake primitives N  N times the unavoidable crypto of one handshake: PTK
 *                               derivation, MIC of msg 2, MIC check of msg 3, key unwrap, MIC
 *                               of msg 4
 *
 * Per-handshake cost = (Ir at N=101 - Ir at N=1) / 100, for each mode.
 * Exit status 0 only if every handshake completed with the expected keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "rsn/handshake.h"
#include "rsn/pmk-cache.h"
#include "tests/unit/rsn/test-auth.h"

struct host {
	uint8_t tx[RSN_HS_MAX_FRAME];
	size_t tx_len;
	uint8_t tk[32];
	int installs, established, failed;
};

static int h_tx(void *ctx, const uint8_t *f, size_t len)
{
	struct host *h = ctx;

	memcpy(h->tx, f, len);
	h->tx_len = len;
	return 0;
}

static int h_ptk(void *ctx, uint32_t cipher, const uint8_t *tk, size_t len)
{
	struct host *h = ctx;

	(void)cipher;
	memcpy(h->tk, tk, len);
	h->installs++;
	return 0;
}

static int h_gtk(void *ctx, uint32_t cipher, uint8_t idx, const uint8_t *key, size_t len,
		 const uint8_t rsc[6])
{
	(void)cipher, (void)idx, (void)key, (void)len, (void)rsc;
	((struct host *)ctx)->installs++;
	return 0;
}

static int h_igtk(void *ctx, uint32_t cipher, uint16_t idx, const uint8_t *key, size_t len,
		  const uint8_t ipn[6])
{
	(void)cipher, (void)idx, (void)key, (void)len, (void)ipn;
	((struct host *)ctx)->installs++;
	return 0;
}

static void h_established(void *ctx)
{
	((struct host *)ctx)->established++;
}

static void h_failed(void *ctx, enum rsn_fail reason)
{
	fprintf(stderr, "handshake failed: %s\n", rsn_fail_str(reason));
	((struct host *)ctx)->failed++;
}

static void h_arm(void *ctx, uint32_t ms)
{
	(void)ctx, (void)ms;
}

static void h_cancel(void *ctx)
{
	(void)ctx;
}

static const struct rsn_hs_ops ops = {
	.tx = h_tx, .install_ptk = h_ptk, .install_gtk = h_gtk, .install_igtk = h_igtk,
	.established = h_established, .failed = h_failed, .timer_arm = h_arm,
	.timer_cancel = h_cancel,
};

static const uint8_t ssid[] = "ihvd-test";
static const char *pass = "correct horse battery";

static void params_for(struct rsn_hs_params *p, const struct test_auth *a, const uint8_t *pmk)
{
	memset(p, 0, sizeof(*p));
	p->akm = a->akm->akm;
	p->pairwise_cipher = a->pairwise;
	p->group_cipher = a->group;
	p->group_mgmt_cipher = a->group_mgmt;
	p->mfp = RSN_MFP_NONE;
	p->pmk = pmk;
	p->pmk_len = 32;
	memcpy(p->aa, a->aa, 6);
	memcpy(p->spa, a->spa, 6);
	p->sta_rsne = a->sta_rsne;
	p->sta_rsne_len = a->sta_rsne_len;
	p->ap_rsne = a->ap_rsne;
	p->ap_rsne_len = a->ap_rsne_len;
}

/* One handshake against the live authenticator; 0 on success. */
static int run_full(struct rsn_pmk_cache *cache, struct test_auth *a)
{
	uint8_t pmk[32], f[1024];
	struct rsn_hs_params p;
	struct host h = { 0 };
	struct rsn_hs *hs;
	size_t n;
	int ok;

	if (rsn_pmk_cache_get(cache, ssid, sizeof(ssid) - 1, pass, pmk))
		return -1;
	params_for(&p, a, pmk);
	hs = rsn_hs_new(&p, &ops, &h);
	OPENSSL_cleanse(pmk, sizeof(pmk));
	if (!hs)
		return -1;
	n = test_auth_msg1(a, f, sizeof(f));
	ok = rsn_hs_rx(hs, f, n) == RSN_RX_OK && test_auth_rx(a, h.tx, h.tx_len, true) == 0;
	n = ok ? test_auth_msg3(a, f, sizeof(f)) : 0;
	ok = ok && rsn_hs_rx(hs, f, n) == RSN_RX_OK && test_auth_rx(a, h.tx, h.tx_len, false) == 0;
	ok = ok && h.established == 1 && h.installs == 2 && !memcmp(h.tk, a->ptk.tk, 16);
	rsn_hs_free(hs);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct rsn_pmk_cache *cache = rsn_pmk_cache_new(8);
	struct test_auth a;
	uint8_t pmk[32];
	long n;
	int rc = 0;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) < 1 || !cache) {
		fprintf(stderr, "usage: %s full|replay|primitives N\n", argv[0]);
		return 2;
	}
	if (rsn_pmk_cache_get(cache, ssid, sizeof(ssid) - 1, pass, pmk))
		return 1;
	test_auth_init(&a, RSN_AKM_PSK, false, pmk, 1);

	if (!strcmp(argv[1], "full")) {
		for (long i = 0; i < n && !rc; i++)
			rc = run_full(cache, &a);
	} else if (!strcmp(argv[1], "replay")) {
		/* frames built once, by a first handshake with a fixed SNonce */
		static const uint8_t snonce[32] = { 0x5e, 0x11 };
		uint8_t m1[256], m3[512];
		size_t m1n, m3n;
		struct rsn_hs_params p;
		struct host h = { 0 };
		struct rsn_hs *hs;

		params_for(&p, &a, pmk);
		hs = rsn_hs_new(&p, &ops, &h);
		rsn_hs_test_set_snonce(hs, snonce);
		m1n = test_auth_msg1(&a, m1, sizeof(m1));
		rsn_hs_rx(hs, m1, m1n);
		if (test_auth_rx(&a, h.tx, h.tx_len, true))
			rc = 1;
		m3n = test_auth_msg3(&a, m3, sizeof(m3));
		rsn_hs_free(hs);
		for (long i = 0; i < n && !rc; i++) {
			uint8_t k[32];

			memset(&h, 0, sizeof(h));
			rsn_pmk_cache_get(cache, ssid, sizeof(ssid) - 1, pass, k);
			p.pmk = k;
			hs = rsn_hs_new(&p, &ops, &h);
			rsn_hs_test_set_snonce(hs, snonce);
			if (rsn_hs_rx(hs, m1, m1n) != RSN_RX_OK || rsn_hs_rx(hs, m3, m3n) != RSN_RX_OK ||
			    h.established != 1 || memcmp(h.tk, a.ptk.tk, 16))
				rc = 1;
			rsn_hs_free(hs);
			OPENSSL_cleanse(k, sizeof(k));
		}
	} else if (!strcmp(argv[1], "primitives")) {
		/* the crypto no 4-way can avoid, on real-sized inputs */
		uint8_t m2[256], m3[512], m4[128], mic[16], plain[512];
		struct rsn_ptk ptk;
		struct eapol_key k3;
		size_t m2n, m3n, m4n;
		struct eapol_key_fields f2 = { .proto_version = 1, .key_info = 0x010a,
					       .nonce = a.anonce, .key_data = a.sta_rsne,
					       .key_data_len = (uint16_t)a.sta_rsne_len };
		struct eapol_key_fields f4 = { .proto_version = 1, .key_info = 0x030a };

		test_auth_fill(&a, a.anonce, 32);
		test_auth_fill(&a, a.snonce, 32);
		rsn_crypto_ptk_derive(a.akm, a.pairwise, pmk, 32, a.aa, a.spa, a.anonce, a.snonce,
				      &a.ptk);
		m2n = eapol_key_build(m2, sizeof(m2), 16, &f2);
		m4n = eapol_key_build(m4, sizeof(m4), 16, &f4);
		m3n = test_auth_msg3(&a, m3, sizeof(m3));
		if (eapol_key_parse(m3, m3n, 16, &k3) != EAPOL_KEY_OK)
			return 1;
		for (long i = 0; i < n && !rc; i++) {
			rc |= rsn_crypto_ptk_derive(a.akm, a.pairwise, pmk, 32, a.aa, a.spa, a.anonce,
						    a.snonce, &ptk);
			rc |= rsn_crypto_eapol_mic(a.akm, ptk.kck, m2, m2n, mic);
			rc |= rsn_crypto_eapol_mic(a.akm, ptk.kck, m3, m3n, mic);
			rc |= rsn_crypto_aes_unwrap(ptk.kek, 16, k3.key_data, k3.key_data_len, plain);
			rc |= rsn_crypto_eapol_mic(a.akm, ptk.kck, m4, m4n, mic);
		}
		OPENSSL_cleanse(&ptk, sizeof(ptk));
		OPENSSL_cleanse(plain, sizeof(plain));
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		rc = 2;
	}
	printf("%s %ld: %s, PBKDF2 runs %llu, cache hits %llu\n", argv[1], n, rc ? "FAILED" : "ok",
	       (unsigned long long)rsn_pmk_cache_stats(cache)->derivations,
	       (unsigned long long)rsn_pmk_cache_stats(cache)->hits);
	OPENSSL_cleanse(pmk, sizeof(pmk));
	rsn_pmk_cache_free(cache);
	rsn_crypto_cleanup();
	return rc ? 1 : 0;
}
