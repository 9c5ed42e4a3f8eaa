// SPDX-License-Identifier: BSD-3-Clause
/* SAE password element by hunting-and-pecking (IEEE 802.11-2020 12.4.4.2.2), ECC groups. */
#include "rsn/sae-pwe.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#define SAE_HNP_MAX_COUNTER 255 /* the counter is one octet */

void sae_pwe_addr_key(const uint8_t addr1[6], const uint8_t addr2[6], uint8_t out[12])
{
	/* MAC addresses are public: an ordinary comparison is fine */
	bool first = memcmp(addr1, addr2, 6) >= 0;

	memcpy(out, first ? addr1 : addr2, 6);
	memcpy(out + 6, first ? addr2 : addr1, 6);
}

/* A random value in [1, p) whose Legendre symbol is `want` (1 or -1); not secret-dependent. */
static BIGNUM *sae_hnp_random_residue(struct sae_curve *c, int want)
{
	BIGNUM *v = BN_new(), *range = BN_new();
	uint8_t qr, qnr;
	int ok = v && range && BN_copy(range, c->p) && BN_sub_word(range, 1);

	for (int tries = 0; ok && tries < 1000; tries++) {
		ok = BN_priv_rand_range_ex(v, range, 0, c->bn) && BN_add_word(v, 1) &&
		     sae_curve_legendre(c, v, &qr, &qnr) == 0;
		if (ok && ((want == 1 && qr) || (want == -1 && qnr))) {
			BN_free(range);
			return v;
		}
	}
	BN_free(range);
	BN_free(v);
	return NULL;
}

/*
 * 12.4.4.2.2 is_quadratic_residue(): blind val with a random square r^2 and with qr or
 * qnr picked by LSB(r), so the Legendre computation never sees val itself. Mask 0xff if
 * val is a quadratic residue.
 */
static int sae_hnp_is_qr_blind(struct sae_curve *c, const BIGNUM *val, const BIGNUM *qr,
			       const BIGNUM *qnr, uint8_t *mask)
{
	uint8_t with_qr[SAE_MAX_PRIME_LEN], with_qnr[SAE_MAX_PRIME_LEN], r_bin[SAE_MAX_PRIME_LEN];
	uint8_t odd, is_qr = 0, is_qnr = 0;
	BIGNUM *r, *num, *t, *range;
	int ok;

	BN_CTX_start(c->bn);
	r = BN_CTX_get(c->bn);
	num = BN_CTX_get(c->bn);
	t = BN_CTX_get(c->bn);
	range = BN_CTX_get(c->bn);
	ok = range && BN_copy(range, c->p) && BN_sub_word(range, 1) &&
	     BN_priv_rand_range_ex(r, range, 0, c->bn) && BN_add_word(r, 1) &&
	     sae_curve_bn_to_bin(r, r_bin, c->prime_len) == 0 &&
	     /* num = val * r * r */
	     BN_mod_mul(num, val, r, c->p, c->bn) && BN_mod_mul(num, num, r, c->p, c->bn) &&
	     BN_mod_mul(t, num, qr, c->p, c->bn) && sae_curve_bn_to_bin(t, with_qr, c->prime_len) == 0 &&
	     BN_mod_mul(t, num, qnr, c->p, c->bn) &&
	     sae_curve_bn_to_bin(t, with_qnr, c->prime_len) == 0;
	odd = sae_curve_ct_eq_mask(r_bin[c->prime_len - 1] & 1u, 1);
	/* odd r: num * qr is a residue iff val is; even r: num * qnr is a non-residue iff val is */
	sae_curve_ct_select(odd, with_qr, with_qr, with_qnr, c->prime_len);
	ok = ok && BN_bin2bn(with_qr, (int)c->prime_len, t) &&
	     sae_curve_legendre(c, t, &is_qr, &is_qnr) == 0;
	BN_CTX_end(c->bn);
	*mask = (uint8_t)((odd & is_qr) | ((uint8_t)~odd & is_qnr));
	OPENSSL_cleanse(with_qr, sizeof(with_qr));
	OPENSSL_cleanse(with_qnr, sizeof(with_qnr));
	OPENSSL_cleanse(r_bin, sizeof(r_bin));
	return ok ? 0 : -1;
}

/* pwd-value = KDF-Hash-Length(pwd-seed, "SAE Hunting and Pecking", p) as an integer of len(p) bits. */
static int sae_hnp_pwd_value(struct sae_curve *c, const uint8_t *seed, const uint8_t *p_bin,
			     uint8_t *out)
{
	size_t n = c->prime_len, shift = (8 - c->prime_bits % 8) % 8;

	if (sae_curve_kdf(SAE_HASH_SHA256, seed, 32, "SAE Hunting and Pecking", p_bin, n, out,
			  c->prime_bits) != 0)
		return -1;
	/* the first len(p) bits are the value: P-521 takes 521 of 528 bits */
	if (shift) {
		for (size_t i = n; i-- > 0;)
			out[i] = (uint8_t)((out[i] >> shift) | (i ? out[i - 1] << (8 - shift) : 0));
	}
	return 0;
}

EC_POINT *sae_hnp_pwe(struct sae_curve *c, const uint8_t *password, size_t password_len,
		      const uint8_t addr1[6], const uint8_t addr2[6], unsigned int k)
{
	uint8_t key[12], seed[32], value[SAE_MAX_PRIME_LEN], p_bin[SAE_MAX_PRIME_LEN];
	uint8_t x_bin[SAE_MAX_PRIME_LEN] = { 0 }, counter_octet, found = 0, parity = 0;
	uint8_t *base = NULL, *dummy = NULL;
	BIGNUM *qr = NULL, *qnr = NULL, *x = NULL, *rhs = NULL;
	EC_POINT *pwe = NULL;
	unsigned int counter;
	int ok;

	if (k < SAE_DEFAULT_HNP_K)
		k = SAE_DEFAULT_HNP_K;
	if (!password_len || k >= SAE_HNP_MAX_COUNTER)
		return NULL;
	sae_pwe_addr_key(addr1, addr2, key);
	base = OPENSSL_secure_malloc(password_len);
	dummy = OPENSSL_secure_malloc(password_len);
	qr = sae_hnp_random_residue(c, 1);
	qnr = sae_hnp_random_residue(c, -1);
	x = BN_secure_new();
	rhs = BN_secure_new();
	ok = base && dummy && qr && qnr && x && rhs && RAND_priv_bytes(dummy, (int)password_len) == 1 &&
	     sae_curve_bn_to_bin(c->p, p_bin, c->prime_len) == 0;
	if (ok) {
		BN_set_flags(x, BN_FLG_CONSTTIME);
		memcpy(base, password, password_len);
	}
	/*
	 * "found = 0; counter = 1; base = password; do { ... } while ((counter <= k) ||
	 * (found == 0))": every iteration does the same work; after the hit, base becomes a
	 * random value so later iterations cannot tell anything about the password.
	 */
	for (counter = 1; ok && (counter <= k || !found) && counter <= SAE_HNP_MAX_COUNTER;
	     counter++) {
		struct sae_curve_buf parts[] = { { base, password_len }, { &counter_octet, 1 } };
		uint8_t lt, is_qr = 0, hit;

		counter_octet = (uint8_t)counter;
		/* pwd-seed = H(MAX(STA-A-MAC, STA-B-MAC) || MIN(...), base || counter) */
		ok = sae_curve_hmac(SAE_HASH_SHA256, key, sizeof(key), parts, 2, seed) == 0 &&
		     sae_hnp_pwd_value(c, seed, p_bin, value) == 0;
		/* "if (pwd-value < p)": computed, never branched on */
		lt = sae_curve_ct_lt_mask(value, p_bin, c->prime_len);
		ok = ok && BN_bin2bn(value, (int)c->prime_len, x) && sae_curve_rhs(c, rhs, x) == 0 &&
		     sae_hnp_is_qr_blind(c, rhs, qr, qnr, &is_qr) == 0;
		hit = (uint8_t)(lt & is_qr & (uint8_t)~found);
		sae_curve_ct_select(hit, x_bin, value, x_bin, c->prime_len);
		/* y's parity: "LSB(pwd-seed)" */
		parity = (uint8_t)((hit & seed[31] & 1u) | ((uint8_t)~hit & parity));
		found |= hit;
		sae_curve_ct_select(found, base, dummy, password, password_len);
	}
	ok = ok && found && BN_bin2bn(x_bin, (int)c->prime_len, x);
	if (ok)
		pwe = sae_curve_point_from_x(c, x, parity);
	OPENSSL_cleanse(seed, sizeof(seed));
	OPENSSL_cleanse(value, sizeof(value));
	OPENSSL_cleanse(x_bin, sizeof(x_bin));
	OPENSSL_secure_clear_free(base, password_len);
	OPENSSL_secure_clear_free(dummy, password_len);
	BN_clear_free(qr);
	BN_clear_free(qnr);
	BN_clear_free(x);
	BN_clear_free(rhs);
	return pwe;
}
