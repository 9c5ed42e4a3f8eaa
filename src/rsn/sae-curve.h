/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SAE internals (not part of the plugin API): the ECC groups of IEEE 802.11-2020 12.4.4.2.1,
 * the hash functions of 12.4.2 and the constant-time field helpers both password-element
 * derivations (sae-hnp.c, sae-pt.c) and the protocol (sae.c) share.
 */
#ifndef RSN_SAE_CURVE_H
#define RSN_SAE_CURVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#define SAE_MAX_PRIME_LEN 66   /* P-521 */
#define SAE_MAX_HASH_LEN 64    /* SHA-512 */

/* A hash of IEEE 802.11-2020 Table 12-1 (by the length of p). */
enum sae_hash {
	SAE_HASH_SHA256,
	SAE_HASH_SHA384,
	SAE_HASH_SHA512,
};

struct sae_curve {
	uint16_t group;
	EC_GROUP *ec;
	BIGNUM *p, *a, *b, *r;
	BIGNUM *p_minus_1_half;  /* (p-1)/2: Legendre exponent */
	BIGNUM *p_plus_1_quarter;/* (p+1)/4: square root (all three primes are 3 mod 4) */
	BIGNUM *p_minus_2;       /* inverse exponent */
	size_t prime_len, order_len, prime_bits;
	enum sae_hash hash;      /* Table 12-1 hash of the group (used by H2E) */
	int z;                   /* SSWU Z of RFC 9380 8.2-8.4 */
	BN_CTX *bn;
	unsigned int refs;       /* sae_curve_ref(); freed when the last holder lets go */
};

/* NULL if the group is not 19, 20 or 21 or OpenSSL fails. */
struct sae_curve *sae_curve_new(uint16_t group);
/* Another holder of c (single-threaded: the BN_CTX inside is shared too); returns c. */
struct sae_curve *sae_curve_ref(struct sae_curve *c);
/* Lets go of c; frees it when no holder is left. */
void sae_curve_free(struct sae_curve *c);

size_t sae_curve_hash_len(enum sae_hash hash);

/* HMAC-Hash(key, part[0] || part[1] || ...); out gets sae_curve_hash_len(hash) octets. */
struct sae_curve_buf {
	const uint8_t *p;
	size_t len;
};
int sae_curve_hmac(enum sae_hash hash, const uint8_t *key, size_t key_len,
		   const struct sae_curve_buf *parts, size_t n, uint8_t *out);
/*
 * KDF-Hash-Length of IEEE 802.11-2020 12.7.1.6.2 with any bit length: out gets
 * ceil(bits/8) octets, the bits past `bits` cleared.
 */
int sae_curve_kdf(enum sae_hash hash, const uint8_t *key, size_t key_len, const char *label,
		  const uint8_t *ctx, size_t ctx_len, uint8_t *out, size_t bits);
/* RFC 5869 HKDF-Expand. (Extract is sae_curve_hmac with the salt as key.) */
int sae_curve_hkdf_expand(enum sae_hash hash, const uint8_t *prk, size_t prk_len,
			  const char *info, uint8_t *out, size_t out_len);

/* Constant-time byte helpers: masks are 0x00 or 0xff. */
uint8_t sae_curve_ct_eq_mask(unsigned int a, unsigned int b);
void sae_curve_ct_select(uint8_t mask, uint8_t *dst, const uint8_t *if_set,
			 const uint8_t *if_clear, size_t len);
/* 0xff if the big-endian a < b (same length), in constant time. */
uint8_t sae_curve_ct_lt_mask(const uint8_t *a, const uint8_t *b, size_t len);

/* BN <-> fixed length big-endian (prime_len octets); bn flagged constant-time. */
int sae_curve_bn_to_bin(const BIGNUM *v, uint8_t *out, size_t len);
BIGNUM *sae_curve_bn_from_bin(const uint8_t *in, size_t len);

/* out = x^3 + a*x + b mod p (out must not be x). */
int sae_curve_rhs(struct sae_curve *c, BIGNUM *out, const BIGNUM *x);
/*
 * Legendre symbol of v as masks (constant-time exponentiation): *qr = 0xff when it is 1
 * (non-zero square), *qnr = 0xff when it is -1 (non-square); both 0 for v = 0 mod p.
 */
int sae_curve_legendre(struct sae_curve *c, const BIGNUM *v, uint8_t *qr, uint8_t *qnr);
/* out = sqrt(v) = v^((p+1)/4) mod p; only meaningful for squares. */
int sae_curve_sqrt(struct sae_curve *c, BIGNUM *out, const BIGNUM *v);
/* out = v^(p-2) mod p (0 for v = 0, the inv0 of RFC 9380). */
int sae_curve_inv0(struct sae_curve *c, BIGNUM *out, const BIGNUM *v);
/* Random in [lo, r-1] (lo = 1 or 2), constant-time flagged. */
BIGNUM *sae_curve_rand_scalar(struct sae_curve *c, unsigned int lo);
/*
 * A point from x and the parity wanted for y: y = sqrt(x^3+ax+b), negated in constant time
 * unless LSB(y) == parity. NULL if the result is not on the curve.
 */
EC_POINT *sae_curve_point_from_x(struct sae_curve *c, const BIGNUM *x, unsigned int parity);
/* x || y, prime_len octets each; fails for the point at infinity. */
int sae_curve_point_to_bin(struct sae_curve *c, const EC_POINT *pt, uint8_t *out);
/* NULL unless x, y < p, on the curve and not the point at infinity (12.4.5.4). */
EC_POINT *sae_curve_point_from_bin(struct sae_curve *c, const uint8_t *in);

#endif
