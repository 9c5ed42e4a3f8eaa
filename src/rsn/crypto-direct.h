/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * HMAC and PBKDF2 on libcrypto's digest functions themselves, with no provider behind them.
 *
 * Why not EVP. A passphrase network's PMK is PBKDF2-HMAC-SHA-1 with 4096 iterations (IEEE
 * 802.11-2020 J.4.1), on the path of every first connection. EVP's PBKDF2 duplicates a
 * provider digest context twice per iteration (an allocation each) and needs OpenSSL's
 * initialisation and default provider first. Measured under TCG in the hwsim VM (2026-11-27,
 * a one-off program timing one PBKDF2 of "password"/"IEEE" each way, 4 runs):
 *   EVP_KDF / PKCS5_PBKDF2_HMAC              44-68 ms
 *   EVP_MD_CTX_copy_ex per iteration         32-46 ms
 *   SHA1_* with the pads' states kept        18-24 ms   (here)
 * and on this machine's host CPU 1.75, 1.25 and 0.85 ms. A process's first provider fetch took
 * 57-73 ms there (crypto-warm.h); the PBKDF2 no longer waits for it, so the two run side by
 * side instead of one after the other.
 *
 * The functions below are the textbook constructions: HMAC of RFC 2104 with the inner and outer
 * pads hashed once per key, PBKDF2 of RFC 8018 5.2. They use SHA1_Init and SHA256_Init, which
 * OpenSSL 3 marks deprecated but ships; a libcrypto built without them (no-deprecated) gets the
 * EVP one-shots instead, with the same results.
 *
 * Both return 0, or -1 on a bad argument or a libcrypto failure. Every keyed state is
 * cleansed before return.
 */
#ifndef RSN_CRYPTO_DIRECT_H
#define RSN_CRYPTO_DIRECT_H

#include <stddef.h>
#include <stdint.h>

/* PBKDF2 with HMAC-SHA-1 as the PRF; out_len >= 1, iterations >= 1. */
int rsn_direct_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len);
/* HMAC-SHA-256. */
int rsn_direct_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[32]);
/* Did this process's libcrypto offer the digest functions (false: the EVP fallback runs)? */
int rsn_direct_available(void);

#endif
