// SPDX-License-Identifier: BSD-3-Clause
/* SAE groups, hashes and constant-time field helpers (IEEE 802.11-2020 12.4.2, 12.4.4). */
#include "rsn/sae-curve.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/obj_mac.h>
#include <openssl/params.h>

static const char *sae_curve_hash_name(enum sae_hash hash)
{
	switch (hash) {
	case SAE_HASH_SHA256:
		return "SHA256";
	case SAE_HASH_SHA384:
		return "SHA384";
	case SAE_HASH_SHA512:
		return "SHA512";
	}
	return NULL;
}

size_t sae_curve_hash_len(enum sae_hash hash)
{
	switch (hash) {
	case SAE_HASH_SHA256:
		return 32;
	case SAE_HASH_SHA384:
		return 48;
	case SAE_HASH_SHA512:
		return 64;
	}
	return 0;
}

struct sae_curve *sae_curve_ref(struct sae_curve *c)
{
	c->refs++;
	return c;
}

void sae_curve_free(struct sae_curve *c)
{
	if (!c || --c->refs)
		return;
	EC_GROUP_free(c->ec);
	BN_free(c->p);
	BN_free(c->a);
	BN_free(c->b);
	BN_free(c->r);
	BN_free(c->p_minus_1_half);
	BN_free(c->p_plus_1_quarter);
	BN_free(c->p_minus_2);
	BN_CTX_free(c->bn);
	OPENSSL_free(c);
}

struct sae_curve *sae_curve_new(uint16_t group)
{
	struct sae_curve *c;
	int nid;

	/* IEEE 802.11-2020 12.4.4.2.1 and the IANA group numbers; Z from RFC 9380 8.2-8.4 */
	switch (group) {
	case 19:
		nid = NID_X9_62_prime256v1;
		break;
	case 20:
		nid = NID_secp384r1;
		break;
	case 21:
		nid = NID_secp521r1;
		break;
	default:
		return NULL;
	}
	c = OPENSSL_zalloc(sizeof(*c));
	if (!c)
		return NULL;
	c->group = group;
	c->refs = 1;
	c->bn = BN_CTX_secure_new();
	c->ec = EC_GROUP_new_by_curve_name(nid);
	c->p = BN_new();
	c->a = BN_new();
	c->b = BN_new();
	c->r = BN_new();
	c->p_minus_1_half = BN_new();
	c->p_plus_1_quarter = BN_new();
	c->p_minus_2 = BN_new();
	if (!c->bn || !c->ec || !c->p || !c->a || !c->b || !c->r || !c->p_minus_1_half ||
	    !c->p_plus_1_quarter || !c->p_minus_2 ||
	    !EC_GROUP_get_curve(c->ec, c->p, c->a, c->b, c->bn) || !BN_copy(c->r, EC_GROUP_get0_order(c->ec)) ||
	    !BN_sub(c->p_minus_1_half, c->p, BN_value_one()) ||
	    !BN_rshift1(c->p_minus_1_half, c->p_minus_1_half) ||
	    !BN_add(c->p_plus_1_quarter, c->p, BN_value_one()) ||
	    !BN_rshift(c->p_plus_1_quarter, c->p_plus_1_quarter, 2) ||
	    !BN_sub(c->p_minus_2, c->p, BN_value_one()) ||
	    !BN_sub(c->p_minus_2, c->p_minus_2, BN_value_one())) {
		sae_curve_free(c);
		return NULL;
	}
	c->prime_bits = (size_t)BN_num_bits(c->p);
	c->prime_len = (size_t)BN_num_bytes(c->p);
	c->order_len = (size_t)BN_num_bytes(c->r);
	/* Table 12-1: SHA-256 for len(p) <= 256, SHA-384 for <= 384, SHA-512 above */
	c->hash = c->prime_bits <= 256 ? SAE_HASH_SHA256
		: c->prime_bits <= 384 ? SAE_HASH_SHA384 : SAE_HASH_SHA512;
	c->z = group == 19 ? -10 : group == 20 ? -12 : -4;
	return c;
}

int sae_curve_hmac(enum sae_hash hash, const uint8_t *key, size_t key_len,
		   const struct sae_curve_buf *parts, size_t n, uint8_t *out)
{
	static const uint8_t nokey[1];
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM prm[2];
	size_t got = 0, hlen = sae_curve_hash_len(hash);
	int ok;

	prm[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						  (char *)sae_curve_hash_name(hash), 0);
	prm[1] = OSSL_PARAM_construct_end();
	/* an empty key is a valid HMAC key (RFC 2104 pads it with zeros) */
	ok = ctx && EVP_MAC_init(ctx, key_len ? key : nokey, key_len, prm);
	for (size_t i = 0; ok && i < n; i++)
		ok = !parts[i].len || EVP_MAC_update(ctx, parts[i].p, parts[i].len);
	ok = ok && EVP_MAC_final(ctx, out, &got, hlen) && got == hlen;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? 0 : -1;
}

int sae_curve_kdf(enum sae_hash hash, const uint8_t *key, size_t key_len, const char *label,
		  const uint8_t *ctx, size_t ctx_len, uint8_t *out, size_t bits)
{
	uint8_t block[SAE_MAX_HASH_LEN], i_le[2], l_le[2];
	size_t hlen = sae_curve_hash_len(hash), out_len = (bits + 7) / 8, pos = 0;
	int ok = bits > 0 && bits <= 0xffff;

	/* 12.7.1.6.2: result = HMAC-Hash(K, i || Label || Context || Length), i and Length LE16 */
	l_le[0] = (uint8_t)bits;
	l_le[1] = (uint8_t)(bits >> 8);
	for (unsigned int i = 1; ok && pos < out_len; i++) {
		struct sae_curve_buf parts[] = {
			{ i_le, 2 },
			{ (const uint8_t *)label, strlen(label) },
			{ ctx, ctx_len },
			{ l_le, 2 },
		};
		size_t take = out_len - pos < hlen ? out_len - pos : hlen;

		i_le[0] = (uint8_t)i;
		i_le[1] = (uint8_t)(i >> 8);
		ok = sae_curve_hmac(hash, key, key_len, parts, 4, block) == 0;
		if (ok)
			memcpy(out + pos, block, take);
		pos += take;
	}
	OPENSSL_cleanse(block, sizeof(block));
	if (ok && bits % 8)
		out[out_len - 1] &= (uint8_t)(0xff << (8 - bits % 8));
	if (!ok)
		OPENSSL_cleanse(out, out_len);
	return ok ? 0 : -1;
}

int sae_curve_hkdf_expand(enum sae_hash hash, const uint8_t *prk, size_t prk_len,
			  const char *info, uint8_t *out, size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
	OSSL_PARAM prm[5];
	int ok;

	prm[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						  (char *)sae_curve_hash_name(hash), 0);
	prm[1] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	prm[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)prk, prk_len);
	prm[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info,
						   strlen(info));
	prm[4] = OSSL_PARAM_construct_end();
	ok = ctx && EVP_KDF_derive(ctx, out, out_len, prm) > 0;
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -1;
}

uint8_t sae_curve_ct_eq_mask(unsigned int a, unsigned int b)
{
	unsigned int d = a ^ b;

	/* 0 -> 0xff, anything else -> 0x00, without a branch */
	return (uint8_t)(((d | (0u - d)) >> (sizeof(unsigned int) * 8 - 1)) - 1u);
}

void sae_curve_ct_select(uint8_t mask, uint8_t *dst, const uint8_t *if_set,
			 const uint8_t *if_clear, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = (uint8_t)((if_set[i] & mask) | (if_clear[i] & (uint8_t)~mask));
}

uint8_t sae_curve_ct_lt_mask(const uint8_t *a, const uint8_t *b, size_t len)
{
	unsigned int lt = 0, decided = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned int x = a[i], y = b[i];
		unsigned int is_lt = ((x - y) >> 8) & 1;        /* x < y */
		unsigned int is_ne = (((x ^ y) - 1) >> 8) & 1; /* 1 if equal */

		is_ne ^= 1;
		lt |= is_lt & (decided ^ 1);
		decided |= is_ne;
	}
	return (uint8_t)(0u - lt);
}

int sae_curve_bn_to_bin(const BIGNUM *v, uint8_t *out, size_t len)
{
	return BN_bn2binpad(v, out, (int)len) == (int)len ? 0 : -1;
}

BIGNUM *sae_curve_bn_from_bin(const uint8_t *in, size_t len)
{
	BIGNUM *v = BN_secure_new();

	if (v && !BN_bin2bn(in, (int)len, v)) {
		BN_clear_free(v);
		return NULL;
	}
	if (v)
		BN_set_flags(v, BN_FLG_CONSTTIME);
	return v;
}

int sae_curve_rhs(struct sae_curve *c, BIGNUM *out, const BIGNUM *x)
{
	/* ((x^2 + a) * x) + b; out may not alias x */
	if (out == x)
		return -1;
	return BN_mod_sqr(out, x, c->p, c->bn) && BN_mod_add(out, out, c->a, c->p, c->bn) &&
	       BN_mod_mul(out, out, x, c->p, c->bn) && BN_mod_add(out, out, c->b, c->p, c->bn)
		       ? 0 : -1;
}

static int sae_curve_exp(struct sae_curve *c, BIGNUM *out, const BIGNUM *v, const BIGNUM *e)
{
	BIGNUM *base;
	int ok;

	BN_CTX_start(c->bn);
	base = BN_CTX_get(c->bn);
	ok = base && BN_nnmod(base, v, c->p, c->bn);
	if (ok)
		BN_set_flags(base, BN_FLG_CONSTTIME);
	ok = ok && BN_mod_exp_mont_consttime(out, base, e, c->p, c->bn, NULL);
	BN_CTX_end(c->bn);
	return ok ? 0 : -1;
}

int sae_curve_legendre(struct sae_curve *c, const BIGNUM *v, uint8_t *qr, uint8_t *qnr)
{
	uint8_t got[SAE_MAX_PRIME_LEN], one[SAE_MAX_PRIME_LEN] = { 0 }, minus[SAE_MAX_PRIME_LEN];
	BIGNUM *l, *pm1;
	int ok;

	BN_CTX_start(c->bn);
	l = BN_CTX_get(c->bn);
	pm1 = BN_CTX_get(c->bn);
	/* Euler's criterion: v^((p-1)/2) is 1 for squares, p-1 for non-squares, 0 for 0 */
	ok = pm1 && sae_curve_exp(c, l, v, c->p_minus_1_half) == 0 &&
	     sae_curve_bn_to_bin(l, got, c->prime_len) == 0 && BN_sub(pm1, c->p, BN_value_one()) &&
	     sae_curve_bn_to_bin(pm1, minus, c->prime_len) == 0;
	BN_CTX_end(c->bn);
	one[c->prime_len - 1] = 1;
	*qr = sae_curve_ct_eq_mask(CRYPTO_memcmp(got, one, c->prime_len) == 0, 1);
	*qnr = sae_curve_ct_eq_mask(CRYPTO_memcmp(got, minus, c->prime_len) == 0, 1);
	OPENSSL_cleanse(got, sizeof(got));
	return ok ? 0 : -1;
}

int sae_curve_sqrt(struct sae_curve *c, BIGNUM *out, const BIGNUM *v)
{
	return sae_curve_exp(c, out, v, c->p_plus_1_quarter);
}

int sae_curve_inv0(struct sae_curve *c, BIGNUM *out, const BIGNUM *v)
{
	return sae_curve_exp(c, out, v, c->p_minus_2);
}

BIGNUM *sae_curve_rand_scalar(struct sae_curve *c, unsigned int lo)
{
	BIGNUM *range = BN_new(), *v = BN_secure_new();
	int ok = range && v && BN_copy(range, c->r) && BN_sub_word(range, lo) &&
		 BN_priv_rand_range_ex(v, range, 0, c->bn) && BN_add_word(v, lo);

	BN_free(range);
	if (!ok) {
		BN_clear_free(v);
		return NULL;
	}
	BN_set_flags(v, BN_FLG_CONSTTIME);
	return v;
}

EC_POINT *sae_curve_point_from_x(struct sae_curve *c, const BIGNUM *x, unsigned int parity)
{
	uint8_t y_bin[SAE_MAX_PRIME_LEN], neg_bin[SAE_MAX_PRIME_LEN], mask;
	EC_POINT *pt = NULL;
	BIGNUM *y, *neg;
	int ok;

	BN_CTX_start(c->bn);
	y = BN_CTX_get(c->bn);
	neg = BN_CTX_get(c->bn);
	ok = neg && sae_curve_rhs(c, y, x) == 0 && sae_curve_sqrt(c, y, y) == 0 &&
	     BN_mod_sub(neg, c->p, y, c->p, c->bn) && sae_curve_bn_to_bin(y, y_bin, c->prime_len) == 0 &&
	     sae_curve_bn_to_bin(neg, neg_bin, c->prime_len) == 0;
	if (ok) {
		mask = sae_curve_ct_eq_mask(y_bin[c->prime_len - 1] & 1u, parity & 1u);
		sae_curve_ct_select(mask, y_bin, y_bin, neg_bin, c->prime_len);
		pt = EC_POINT_new(c->ec);
		ok = pt && BN_bin2bn(y_bin, (int)c->prime_len, y) &&
		     EC_POINT_set_affine_coordinates(c->ec, pt, x, y, c->bn);
	}
	BN_CTX_end(c->bn);
	OPENSSL_cleanse(y_bin, sizeof(y_bin));
	OPENSSL_cleanse(neg_bin, sizeof(neg_bin));
	if (!ok) {
		EC_POINT_clear_free(pt);
		return NULL;
	}
	return pt;
}

int sae_curve_point_to_bin(struct sae_curve *c, const EC_POINT *pt, uint8_t *out)
{
	BIGNUM *x, *y;
	int ok;

	if (EC_POINT_is_at_infinity(c->ec, pt))
		return -1;
	BN_CTX_start(c->bn);
	x = BN_CTX_get(c->bn);
	y = BN_CTX_get(c->bn);
	ok = y && EC_POINT_get_affine_coordinates(c->ec, pt, x, y, c->bn) &&
	     sae_curve_bn_to_bin(x, out, c->prime_len) == 0 &&
	     sae_curve_bn_to_bin(y, out + c->prime_len, c->prime_len) == 0;
	BN_CTX_end(c->bn);
	return ok ? 0 : -1;
}

EC_POINT *sae_curve_point_from_bin(struct sae_curve *c, const uint8_t *in)
{
	EC_POINT *pt = NULL;
	BIGNUM *x, *y;
	int ok;

	BN_CTX_start(c->bn);
	x = BN_CTX_get(c->bn);
	y = BN_CTX_get(c->bn);
	/*
	 * 12.4.5.4: "If the peer-commit-element is not a valid point on the curve, or is the
	 * point at infinity, ... the frame shall be discarded". Coordinates >= p are not field
	 * elements; all-zero is how an encoder would write infinity, and is not on these curves.
	 */
	ok = y && BN_bin2bn(in, (int)c->prime_len, x) &&
	     BN_bin2bn(in + c->prime_len, (int)c->prime_len, y) && BN_cmp(x, c->p) < 0 &&
	     BN_cmp(y, c->p) < 0 && (pt = EC_POINT_new(c->ec)) != NULL &&
	     EC_POINT_set_affine_coordinates(c->ec, pt, x, y, c->bn) &&
	     EC_POINT_is_on_curve(c->ec, pt, c->bn) == 1 && !EC_POINT_is_at_infinity(c->ec, pt);
	BN_CTX_end(c->bn);
	if (!ok) {
		EC_POINT_free(pt);
		return NULL;
	}
	return pt;
}
