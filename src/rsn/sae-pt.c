// SPDX-License-Identifier: BSD-3-Clause
/*
 * SAE hash-to-element (IEEE 802.11-2020 12.4.4.2.3): PT from the password, SSID and
 * password identifier through the simplified SWU map of RFC 9380 6.6.2, and PWE = [val]PT.
 */
#include "rsn/sae-pwe.h"

#include <string.h>

#include <openssl/crypto.h>

struct sae_pt {
	uint16_t group;
	size_t prime_len;
	uint8_t xy[2 * SAE_MAX_PRIME_LEN];
	uint8_t identifier[SAE_IDENTIFIER_MAX];
	size_t identifier_len;
};

/* t = CSEL(mask, a, b) for field elements, through fixed-length octets. */
static int sae_pt_bn_select(struct sae_curve *c, uint8_t mask, BIGNUM *t, const BIGNUM *a,
			    const BIGNUM *b)
{
	uint8_t ab[SAE_MAX_PRIME_LEN], bb[SAE_MAX_PRIME_LEN];
	int ok = sae_curve_bn_to_bin(a, ab, c->prime_len) == 0 &&
		 sae_curve_bn_to_bin(b, bb, c->prime_len) == 0;

	sae_curve_ct_select(mask, ab, ab, bb, c->prime_len);
	ok = ok && BN_bin2bn(ab, (int)c->prime_len, t);
	OPENSSL_cleanse(ab, sizeof(ab));
	OPENSSL_cleanse(bb, sizeof(bb));
	return ok ? 0 : -1;
}

/*
 * RFC 9380 6.6.2 simplified SWU for A != 0, B != 0, written as IEEE 802.11-2020 12.4.4.2.3:
 *   m = (z^2 * u^4 + z * u^2) mod p; l = CEQ(m, 0); t = inverse(m)
 *   x1 = CSEL(l, b / (z * a), (-b/a) * (1 + t)); gx1 = x1^3 + a*x1 + b
 *   x2 = z * u^2 * x1; gx2 = x2^3 + a*x2 + b
 *   l = gx1 is a square; x = CSEL(l, x1, x2); y = sqrt(CSEL(l, gx1, gx2))
 *   P = (x, y) if LSB(u) == LSB(y), else (x, p - y)
 */
EC_POINT *sae_pt_sswu(struct sae_curve *c, const BIGNUM *u)
{
	uint8_t m_bin[SAE_MAX_PRIME_LEN], zero[SAE_MAX_PRIME_LEN] = { 0 }, u_bin[SAE_MAX_PRIME_LEN];
	uint8_t l, qr = 0, qnr = 0;
	BIGNUM *z, *u2, *m, *t, *x1, *x1b, *x2, *gx1, *num;
	EC_POINT *pt = NULL;
	int ok;

	BN_CTX_start(c->bn);
	z = BN_CTX_get(c->bn);
	u2 = BN_CTX_get(c->bn);
	m = BN_CTX_get(c->bn);
	t = BN_CTX_get(c->bn);
	x1 = BN_CTX_get(c->bn);
	x1b = BN_CTX_get(c->bn);
	x2 = BN_CTX_get(c->bn);
	gx1 = BN_CTX_get(c->bn);
	num = BN_CTX_get(c->bn);
	ok = num && BN_set_word(z, (BN_ULONG)-c->z) && BN_sub(z, c->p, z) && /* z mod p */
	     BN_mod_sqr(u2, u, c->p, c->bn) &&
	     /* m = (z*u^2)^2 + z*u^2 */
	     BN_mod_mul(t, z, u2, c->p, c->bn) && BN_mod_sqr(m, t, c->p, c->bn) &&
	     BN_mod_add(m, m, t, c->p, c->bn) && sae_curve_bn_to_bin(m, m_bin, c->prime_len) == 0 &&
	     sae_curve_inv0(c, t, m) == 0 &&
	     /* exceptional case x1 = b / (z*a) */
	     BN_mod_mul(num, z, c->a, c->p, c->bn) && sae_curve_inv0(c, num, num) == 0 &&
	     BN_mod_mul(x1, c->b, num, c->p, c->bn) &&
	     /* x1b = (-b / a) * (1 + t) */
	     sae_curve_inv0(c, num, c->a) == 0 && BN_mod_mul(num, num, c->b, c->p, c->bn) &&
	     BN_mod_sub(num, c->p, num, c->p, c->bn) && BN_add_word(t, 1) &&
	     BN_mod_mul(x1b, num, t, c->p, c->bn);
	l = sae_curve_ct_eq_mask(CRYPTO_memcmp(m_bin, zero, c->prime_len) == 0, 1);
	ok = ok && sae_pt_bn_select(c, l, x1, x1, x1b) == 0 &&
	     sae_curve_rhs(c, gx1, x1) == 0 &&
	     /* x2 = z * u^2 * x1 */
	     BN_mod_mul(x2, z, u2, c->p, c->bn) && BN_mod_mul(x2, x2, x1, c->p, c->bn) &&
	     sae_curve_legendre(c, gx1, &qr, &qnr) == 0 &&
	     /* gx1 == 0 counts as a square (RFC 9380 is_square) */
	     sae_pt_bn_select(c, (uint8_t)~qnr, x1, x1, x2) == 0 &&
	     sae_curve_bn_to_bin(u, u_bin, c->prime_len) == 0;
	if (ok)
		pt = sae_curve_point_from_x(c, x1, u_bin[c->prime_len - 1] & 1u);
	BN_CTX_end(c->bn);
	OPENSSL_cleanse(m_bin, sizeof(m_bin));
	OPENSSL_cleanse(u_bin, sizeof(u_bin));
	return pt;
}

/* u = HKDF-Expand(pwd-seed, info, len(p) + len(p)/2) mod p, then SSWU(u). */
static EC_POINT *sae_pt_map(struct sae_curve *c, const uint8_t *seed, const char *info)
{
	uint8_t buf[SAE_MAX_PRIME_LEN + SAE_MAX_PRIME_LEN / 2 + 1];
	size_t n = c->prime_len + (c->prime_len + 1) / 2;
	BIGNUM *u = NULL;
	EC_POINT *pt = NULL;

	if (sae_curve_hkdf_expand(c->hash, seed, sae_curve_hash_len(c->hash), info, buf, n) == 0)
		u = sae_curve_bn_from_bin(buf, n);
	if (u && BN_nnmod(u, u, c->p, c->bn))
		pt = sae_pt_sswu(c, u);
	BN_clear_free(u);
	OPENSSL_cleanse(buf, sizeof(buf));
	return pt;
}

struct sae_pt *sae_pt_new(uint16_t group, const uint8_t *password, size_t password_len,
			  const uint8_t *ssid, size_t ssid_len, const uint8_t *identifier,
			  size_t identifier_len)
{
	uint8_t seed[SAE_MAX_HASH_LEN];
	struct sae_curve *c;
	struct sae_pt *pt = NULL;
	EC_POINT *p1 = NULL, *p2 = NULL;
	int ok;

	if (!password || !password_len || !ssid || !ssid_len || ssid_len > 32 ||
	    identifier_len > SAE_IDENTIFIER_MAX || (identifier_len && !identifier))
		return NULL;
	c = sae_curve_new(group);
	if (!c)
		return NULL;
	{
		/* pwd-seed = HKDF-Extract(ssid, password [|| identifier]) */
		struct sae_curve_buf ikm[] = { { password, password_len },
					       { identifier, identifier_len } };

		ok = sae_curve_hmac(c->hash, ssid, ssid_len, ikm, 2, seed) == 0;
	}
	ok = ok && (p1 = sae_pt_map(c, seed, "SAE Hash to Element u1 P1")) != NULL &&
	     (p2 = sae_pt_map(c, seed, "SAE Hash to Element u2 P2")) != NULL &&
	     EC_POINT_add(c->ec, p1, p1, p2, c->bn) && (pt = OPENSSL_secure_zalloc(sizeof(*pt))) &&
	     sae_curve_point_to_bin(c, p1, pt->xy) == 0;
	if (ok) {
		pt->group = group;
		pt->prime_len = c->prime_len;
		if (identifier_len)
			memcpy(pt->identifier, identifier, identifier_len);
		pt->identifier_len = identifier_len;
	} else {
		sae_pt_free(pt);
		pt = NULL;
	}
	OPENSSL_cleanse(seed, sizeof(seed));
	EC_POINT_clear_free(p1);
	EC_POINT_clear_free(p2);
	sae_curve_free(c);
	return pt;
}

void sae_pt_free(struct sae_pt *pt)
{
	if (pt)
		OPENSSL_secure_clear_free(pt, sizeof(*pt));
}

uint16_t sae_pt_group(const struct sae_pt *pt)
{
	return pt ? pt->group : 0;
}

const uint8_t *sae_pt_identifier(const struct sae_pt *pt, size_t *len)
{
	*len = pt->identifier_len;
	return pt->identifier_len ? pt->identifier : NULL;
}

int sae_pt_test_point(const struct sae_pt *pt, uint8_t *out, size_t cap, size_t *len)
{
	if (!pt || cap < 2 * pt->prime_len)
		return -1;
	memcpy(out, pt->xy, 2 * pt->prime_len);
	*len = 2 * pt->prime_len;
	return 0;
}

EC_POINT *sae_pt_pwe(struct sae_curve *c, const struct sae_pt *pt, const uint8_t addr1[6],
		     const uint8_t addr2[6])
{
	uint8_t zeros[SAE_MAX_HASH_LEN] = { 0 }, key[12], val_bin[SAE_MAX_HASH_LEN];
	size_t hlen = sae_curve_hash_len(c->hash);
	struct sae_curve_buf ikm = { key, sizeof(key) };
	EC_POINT *ptp = NULL, *pwe = NULL;
	BIGNUM *val = NULL, *rm1 = BN_new();
	int ok;

	if (!rm1 || pt->group != c->group) {
		BN_free(rm1);
		return NULL;
	}
	sae_pwe_addr_key(addr1, addr2, key);
	/* val = H(0^n, MAX(STA-A-MAC, STA-B-MAC) || MIN(...)); val = val modulo (q - 1) + 1 */
	ok = sae_curve_hmac(c->hash, zeros, hlen, &ikm, 1, val_bin) == 0 &&
	     (val = sae_curve_bn_from_bin(val_bin, hlen)) != NULL && BN_copy(rm1, c->r) &&
	     BN_sub_word(rm1, 1) && BN_nnmod(val, val, rm1, c->bn) && BN_add_word(val, 1) &&
	     (ptp = sae_curve_point_from_bin(c, pt->xy)) != NULL &&
	     (pwe = EC_POINT_new(c->ec)) != NULL && EC_POINT_mul(c->ec, pwe, NULL, ptp, val, c->bn);
	if (!ok) {
		EC_POINT_clear_free(pwe);
		pwe = NULL;
	}
	OPENSSL_cleanse(val_bin, sizeof(val_bin));
	BN_clear_free(val);
	BN_free(rm1);
	EC_POINT_clear_free(ptp);
	return pwe;
}
