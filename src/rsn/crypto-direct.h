/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * HMAC, PBKDF2 and AES Key Wrap on libcrypto's digest and block functions themselves, with no
 * provider behind them: all that a WPA2-Personal connection (AKM 00-0F-AC:2) computes.
 *
 * Why not EVP. A passphrase network's PMK is PBKDF2-HMAC-SHA-1 with 4096 iterations (IEEE
 * 802.11-2020 J.4.1), on the path of every first connection. EVP's PBKDF2 duplicates a
 * provider digest context twice per iteration (an allocation each) and needs OpenSSL's
 * initialisation and default provider first. Measured under TCG in the hwsim VM (2026-11-27,
 * a one-off program timing one PBKDF2 of "password"/"IEEE" each way, 4 runs):
 *   EVP_KDF / PKCS5_PBKDF2_HMAC              44-68 ms
 *   EVP_MD_CTX_copy_ex per iteration         32-46 ms
 *   SHA1_* with the pads' states kept        18-24 ms   (here)
 * and on this machine's host CPU 1.75, 1.25 and 0.85 ms. OpenSSL's initialisation, default
 * provider and DRBGs took 57-73 ms there (crypto-warm.h); the PBKDF2 no longer waits for them,
 * so the two run side by side instead of one after the other.
 *
 * Since then each iteration is two SHA1_Transform calls on one padded block, and the PMK's two
 * blocks (RFC 8018 5.2: independent of each other) run on two threads. The same one-off program
 * in the hwsim VM (two vCPUs, 3 x 10 PBKDF2s of "correct horse battery"/"ihvd-test", 2026-11-27):
 *   SHA1_* with the pads' states kept        22-24 ms, a process's first 27-34 ms
 *   SHA1_Transform, two threads              10.5-12 ms (one run 16-20), first 19-25 ms
 *   SHA1_Transform, pinned to one vCPU       20-21 ms
 * and on the host 1.07 against 0.56 ms.
 *
 * The 4-way handshake's own primitives (PRF-384 and the EAPOL-Key MIC on HMAC-SHA-1, the Key
 * Data's AES Key Wrap) go the same way: with them, a first WPA2-Personal connection never
 * waits for OpenSSL's initialisation, which the warm-up thread does in the background for the
 * AKMs that need it (CMAC, the KDFs, elliptic curves, TLS), and each call saves the context
 * duplication and its allocations.
 *
 * The functions below are the textbook constructions: HMAC of RFC 2104 with the inner and outer
 * pads hashed once per key, PBKDF2 of RFC 8018 5.2, and OpenSSL's RFC 3394 routine. They use
 * SHA1_Init, SHA256_Init and AES_set_encrypt_key, which OpenSSL 3 marks deprecated but ships; a
 * libcrypto built without them (no-deprecated) gets EVP instead, with the same results.
 *
 * All return 0, or -1 on a bad argument or a libcrypto failure. Every keyed state is cleansed
 * before return.
 */
#ifndef RSN_CRYPTO_DIRECT_H
#define RSN_CRYPTO_DIRECT_H

#include <stddef.h>
#include <stdint.h>

enum rsn_direct_hash {
	RSN_DIRECT_SHA1,   /* 20-octet output */
	RSN_DIRECT_SHA256, /* 32-octet output */
};

/* One piece of a message given in parts. */
struct rsn_direct_piece {
	const void *data;
	size_t len;
};

/* PBKDF2 with HMAC-SHA-1 as the PRF; out_len >= 1, iterations >= 1. */
int rsn_direct_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len);
/* HMAC over the concatenation of n pieces (n may be 0). */
int rsn_direct_hmac(enum rsn_direct_hash hash, const uint8_t *key, size_t key_len,
		    const struct rsn_direct_piece *v, size_t n, uint8_t *out);
/*
 * AES Key Wrap (RFC 3394, the default IV) with a 16- or 32-octet KEK. wrap: in_len octets
 * (a multiple of 8, at least 16) to in_len + 8; unwrap: in_len (at least 24) to in_len - 8,
 * -1 when the integrity check fails (out is then cleared).
 */
int rsn_direct_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			uint8_t *out);
int rsn_direct_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			  uint8_t *out);
/*
 * len octets from the kernel's generator (getrandom(2), blocking only until it is seeded at
 * boot), not OpenSSL's DRBG: a process's first RAND_bytes initialises OpenSSL and sets up its
 * DRBGs, 57-73 ms under TCG in the hwsim VM (2026-11-27). The SNonce and the PMK cache's tag
 * key come from here.
 */
int rsn_direct_random(void *buf, size_t len);
/* Did this process's libcrypto offer the digest functions (false: the EVP fallback runs)? */
int rsn_direct_available(void);

#endif
