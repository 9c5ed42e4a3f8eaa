// SPDX-License-Identifier: BSD-3-Clause
/* RSN crypto primitives (IEEE 802.11-2020 12.7.1): OpenSSL 3 EVP, and crypto-direct.h. */
#include "rsn/crypto.h"

#include <pthread.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "common/hex.h"
#include "rsn/crypto-direct.h"

/*
 * Algorithms are fetched once; per-operation contexts are dup'ed from keyless templates
 * (a dup copies the fetched digest/cipher, an implicit fetch would take the provider lock)
 * and freed right after use, which also cleanses their keyed state.
 */
static struct {
	EVP_MAC_CTX *hmac_sha256, *hmac_sha384, *hmac_sha512, *cmac_aes128;
	EVP_MAC *hmac, *cmac;
	int ok;
	int ready;      /* algs_init has run; read without the lock on the fast path */
} algs;
static pthread_mutex_t algs_lock = PTHREAD_MUTEX_INITIALIZER;

static EVP_MAC_CTX *rsn_crypto_template_new(EVP_MAC *mac, const char *param, const char *name)
{
	EVP_MAC_CTX *c;
	OSSL_PARAM p[2];

	if (!mac)
		return NULL;
	c = EVP_MAC_CTX_new(mac);
	if (!c)
		return NULL;
	p[0] = OSSL_PARAM_construct_utf8_string(param, (char *)name, 0);
	p[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_CTX_set_params(c, p)) {
		EVP_MAC_CTX_free(c);
		return NULL;
	}
	return c;
}

static void rsn_crypto_algs_init(void)
{
	algs.hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	algs.cmac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	algs.hmac_sha256 = rsn_crypto_template_new(algs.hmac, OSSL_MAC_PARAM_DIGEST, "SHA256");
	algs.hmac_sha384 = rsn_crypto_template_new(algs.hmac, OSSL_MAC_PARAM_DIGEST, "SHA384");
	algs.hmac_sha512 = rsn_crypto_template_new(algs.hmac, OSSL_MAC_PARAM_DIGEST, "SHA512");
	algs.cmac_aes128 = rsn_crypto_template_new(algs.cmac, OSSL_MAC_PARAM_CIPHER, "AES-128-CBC");
	/* CMAC cannot dup a keyless context: key the template with a public all-zero key */
	if (algs.cmac_aes128) {
		static const uint8_t zero[16];

		if (!EVP_MAC_init(algs.cmac_aes128, zero, sizeof(zero), NULL)) {
			EVP_MAC_CTX_free(algs.cmac_aes128);
			algs.cmac_aes128 = NULL;
		}
	}
	algs.ok = algs.hmac_sha256 && algs.hmac_sha384 && algs.hmac_sha512 && algs.cmac_aes128;
}

static int rsn_crypto_algs_ready(void)
{
	if (!__atomic_load_n(&algs.ready, __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&algs_lock);
		if (!algs.ready) {
			rsn_crypto_algs_init();
			__atomic_store_n(&algs.ready, 1, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&algs_lock);
	}
	return algs.ok;
}

bool rsn_crypto_ready(void)
{
	return rsn_crypto_algs_ready() != 0;
}

bool rsn_crypto_fetched(void)
{
	return __atomic_load_n(&algs.ready, __ATOMIC_ACQUIRE) != 0;
}

/*
 * Free the fetched algorithms (before the plugin is unloaded). The next
 * primitive fetches them again. No primitive may run concurrently with it.
 */
void rsn_crypto_cleanup(void)
{
	pthread_mutex_lock(&algs_lock);
	EVP_MAC_CTX_free(algs.hmac_sha256);
	EVP_MAC_CTX_free(algs.hmac_sha384);
	EVP_MAC_CTX_free(algs.hmac_sha512);
	EVP_MAC_CTX_free(algs.cmac_aes128);
	EVP_MAC_free(algs.hmac);
	EVP_MAC_free(algs.cmac);
	memset(&algs, 0, sizeof(algs));
	pthread_mutex_unlock(&algs_lock);
}

/* A keyed MAC context from a template; NULL on error. */
static EVP_MAC_CTX *rsn_crypto_mac_new(EVP_MAC_CTX *const *tmpl, const uint8_t *key, size_t key_len)
{
	EVP_MAC_CTX *c;

	if (!rsn_crypto_algs_ready())
		return NULL;
	c = EVP_MAC_CTX_dup(*tmpl);
	if (!c)
		return NULL;
	if (!EVP_MAC_init(c, key, key_len, NULL)) {
		EVP_MAC_CTX_free(c);
		return NULL;
	}
	return c;
}

static int rsn_crypto_mac_oneshot(EVP_MAC_CTX *const *tmpl, const uint8_t *key, size_t key_len,
				  const uint8_t *data, size_t len, uint8_t *out, size_t out_len)
{
	EVP_MAC_CTX *c;
	size_t got = 0;
	int ok;

	c = rsn_crypto_mac_new(tmpl, key, key_len);
	if (!c)
		return -1;
	ok = EVP_MAC_update(c, data, len) && EVP_MAC_final(c, out, &got, out_len) &&
	     got == out_len;
	EVP_MAC_CTX_free(c);
	return ok ? 0 : -1;
}

/* HMAC-SHA-1 and HMAC-SHA-256 need no provider (crypto-direct.h). */
int rsn_crypto_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			 uint8_t out[20])
{
	const struct rsn_direct_piece v = { data, len };

	return rsn_direct_hmac(RSN_DIRECT_SHA1, key, key_len, &v, 1, out);
}

int rsn_crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[32])
{
	const struct rsn_direct_piece v = { data, len };

	return rsn_direct_hmac(RSN_DIRECT_SHA256, key, key_len, &v, 1, out);
}

int rsn_crypto_hmac_sha384(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[48])
{
	return rsn_crypto_mac_oneshot(&algs.hmac_sha384, key, key_len, data, len, out, 48);
}

int rsn_crypto_hmac_sha512(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[64])
{
	return rsn_crypto_mac_oneshot(&algs.hmac_sha512, key, key_len, data, len, out, 64);
}

int rsn_crypto_cmac_aes128(const uint8_t key[16], const uint8_t *data, size_t len, uint8_t out[16])
{
	return rsn_crypto_mac_oneshot(&algs.cmac_aes128, key, 16, data, len, out, 16);
}

/* On the digest functions, without a provider: the measured reason is in crypto-direct.h. */
int rsn_crypto_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len)
{
	return rsn_direct_pbkdf2_sha1(pass, pass_len, salt, salt_len, iterations, out, out_len);
}

int rsn_crypto_psk_from_passphrase(const char *passphrase, const uint8_t *ssid, size_t ssid_len,
				   uint8_t pmk[RSN_PMK_LEN])
{
	size_t n;

	if (!passphrase || !ssid || ssid_len < 1 || ssid_len > 32)
		return -1;
	n = strnlen(passphrase, RSN_PASSPHRASE_MAX + 1);
	if (n < RSN_PASSPHRASE_MIN || n > RSN_PASSPHRASE_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)passphrase[i] < 32 || (unsigned char)passphrase[i] > 126)
			return -1;
	return rsn_crypto_pbkdf2_sha1(passphrase, n, ssid, ssid_len, 4096, pmk, RSN_PMK_LEN);
}

int rsn_crypto_psk_from_hex(const char *hex, uint8_t pmk[RSN_PMK_LEN])
{
	uint8_t tmp[RSN_PMK_LEN];
	int n;

	if (!hex || strnlen(hex, 65) != 64)
		return -1;
	n = hex_decode(hex, 64, tmp, sizeof(tmp));
	if (n == RSN_PMK_LEN)
		memcpy(pmk, tmp, RSN_PMK_LEN);
	OPENSSL_cleanse(tmp, sizeof(tmp));
	return n == RSN_PMK_LEN ? 0 : -1;
}

int rsn_crypto_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
			const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len)
{
	uint8_t block[20], zero = 0, i = 0;
	struct rsn_direct_piece v[4] = {
		{ label, label ? strlen(label) : 0 }, { &zero, 1 }, { data, data_len }, { &i, 1 },
	};
	size_t pos = 0;
	int ok = 1;

	if (!label || out_len > 255 * 20)
		return -1;
	/* R = R || HMAC-SHA-1(K, A || Y || B || X), X = i as one octet, i = 0.. */
	for (; ok && pos < out_len; i++) {
		size_t n = out_len - pos < 20 ? out_len - pos : 20;

		ok = rsn_direct_hmac(RSN_DIRECT_SHA1, key, key_len, v, 4, block) == 0;
		if (ok)
			memcpy(out + pos, block, n);
		pos += n;
	}
	OPENSSL_cleanse(block, sizeof(block));
	if (!ok)
		OPENSSL_cleanse(out, out_len);
	return ok ? 0 : -1;
}

int rsn_crypto_kdf(enum rsn_prf hash, const uint8_t *key, size_t key_len, const char *label,
		   const uint8_t *ctx, size_t ctx_len, uint8_t *out, size_t out_bits)
{
	EVP_MAC_CTX *c, *const *tmpl = NULL;
	uint8_t block[64], le[2];
	size_t hlen = 0, out_len = out_bits / 8, label_len = strlen(label), pos = 0, got;
	int ok = 1;

	switch (hash) {
	case RSN_PRF_KDF_SHA256:
		tmpl = &algs.hmac_sha256;
		hlen = 32;
		break;
	case RSN_PRF_KDF_SHA384:
		tmpl = &algs.hmac_sha384;
		hlen = 48;
		break;
	case RSN_PRF_KDF_SHA512:
		tmpl = &algs.hmac_sha512;
		hlen = 64;
		break;
	case RSN_PRF_SHA1:
		return -1;
	}
	if (!tmpl || out_bits % 8 || out_bits > 0xffff || !out_len)
		return -1;
	c = rsn_crypto_mac_new(tmpl, key, key_len);
	if (!c)
		return -1;
	/* result = HMAC-Hash(K, i || Label || Context || Length), i and Length LE16, i = 1.. */
	for (uint16_t i = 1; ok && pos < out_len; i++) {
		size_t n = out_len - pos < hlen ? out_len - pos : hlen;

		le[0] = (uint8_t)i;
		le[1] = (uint8_t)(i >> 8);
		ok = (i == 1 || EVP_MAC_init(c, NULL, 0, NULL)) && EVP_MAC_update(c, le, 2) &&
		     EVP_MAC_update(c, (const uint8_t *)label, label_len) &&
		     EVP_MAC_update(c, ctx, ctx_len);
		le[0] = (uint8_t)out_bits;
		le[1] = (uint8_t)(out_bits >> 8);
		ok = ok && EVP_MAC_update(c, le, 2) && EVP_MAC_final(c, block, &got, sizeof(block));
		if (ok)
			memcpy(out + pos, block, n);
		pos += n;
	}
	OPENSSL_cleanse(block, sizeof(block));
	EVP_MAC_CTX_free(c);
	if (!ok)
		OPENSSL_cleanse(out, out_len);
	return ok ? 0 : -1;
}

/* AES Key Wrap needs no provider (crypto-direct.h). */
int rsn_crypto_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			uint8_t *out)
{
	return rsn_direct_aes_wrap(kek, kek_len, in, in_len, out);
}

int rsn_crypto_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			  uint8_t *out)
{
	return rsn_direct_aes_unwrap(kek, kek_len, in, in_len, out);
}

static const struct rsn_akm_info akm_table[] = {
	{ RSN_AKM_8021X, 0, RSN_PRF_SHA1, RSN_MIC_HMAC_SHA1_128, 16, 16, 16, 2, false },
	{ RSN_AKM_PSK, 0, RSN_PRF_SHA1, RSN_MIC_HMAC_SHA1_128, 16, 16, 16, 2, true },
	{ RSN_AKM_8021X_SHA256, 0, RSN_PRF_KDF_SHA256, RSN_MIC_AES_128_CMAC, 16, 16, 16, 3, false },
	{ RSN_AKM_PSK_SHA256, 0, RSN_PRF_KDF_SHA256, RSN_MIC_AES_128_CMAC, 16, 16, 16, 3, true },
	{ RSN_AKM_SAE, 0, RSN_PRF_KDF_SHA256, RSN_MIC_AES_128_CMAC, 16, 16, 16, 0, false },
	{ RSN_AKM_8021X_SUITE_B, 0, RSN_PRF_KDF_SHA256, RSN_MIC_HMAC_SHA256_128, 16, 16, 16, 0,
	  false },
	{ RSN_AKM_8021X_SUITE_B_192, 0, RSN_PRF_KDF_SHA384, RSN_MIC_HMAC_SHA384_192, 24, 24, 32, 0,
	  false },
	{ RSN_AKM_PSK_SHA384, 0, RSN_PRF_KDF_SHA384, RSN_MIC_HMAC_SHA384_192, 24, 24, 32, 0, true },
	/*
	 * IEEE 802.11-2024 12.7.3 Table 12-11, AKM 00-0F-AC:24: KDF-SHA-256 / KCK 16 / KEK 16 /
	 * MIC 16 for a 256-bit PMK, KDF-SHA-384 / 24 / 32 / 24 for 384 bits, KDF-SHA-512 / 32 /
	 * 32 / 32 for 512 bits; "Key Descriptor Version 0" (AKM-defined, 12.7.2)
	 */
	{ RSN_AKM_SAE_EXT_KEY, 32, RSN_PRF_KDF_SHA256, RSN_MIC_HMAC_SHA256_128, 16, 16, 16, 0,
	  false },
	{ RSN_AKM_SAE_EXT_KEY, 48, RSN_PRF_KDF_SHA384, RSN_MIC_HMAC_SHA384_192, 24, 24, 32, 0,
	  false },
	{ RSN_AKM_SAE_EXT_KEY, 64, RSN_PRF_KDF_SHA512, RSN_MIC_HMAC_SHA512_256, 32, 32, 32, 0,
	  false },
};

const struct rsn_akm_info *rsn_akm_info_find(uint32_t akm)
{
	for (size_t i = 0; i < sizeof(akm_table) / sizeof(akm_table[0]); i++)
		if (akm_table[i].akm == akm)
			return &akm_table[i];
	return NULL;
}

const struct rsn_akm_info *rsn_akm_info_for(uint32_t akm, size_t pmk_len)
{
	for (size_t i = 0; i < sizeof(akm_table) / sizeof(akm_table[0]); i++)
		if (akm_table[i].akm == akm &&
		    (!akm_table[i].pmk_len || akm_table[i].pmk_len == pmk_len))
			return &akm_table[i];
	return NULL;
}

bool rsn_akm_is_sae(uint32_t akm)
{
	return akm == RSN_AKM_SAE || akm == RSN_AKM_SAE_EXT_KEY;
}

size_t rsn_cipher_key_len(uint32_t cipher)
{
	switch (cipher) {
	case RSN_CIPHER_CCMP_128:
	case RSN_CIPHER_GCMP_128:
		return 16;
	case RSN_CIPHER_CCMP_256:
	case RSN_CIPHER_GCMP_256:
		return 32;
	}
	return 0;
}

size_t rsn_group_cipher_key_len(uint32_t cipher)
{
	/* IEEE 802.11-2020 12.7.2 Table 12-8: TKIP's key length is 32 octets */
	return cipher == RSN_CIPHER_TKIP ? 32 : rsn_cipher_key_len(cipher);
}

size_t rsn_mgmt_cipher_key_len(uint32_t cipher)
{
	switch (cipher) {
	case RSN_CIPHER_BIP_CMAC_128:
	case RSN_CIPHER_BIP_GMAC_128:
		return 16;
	case RSN_CIPHER_BIP_CMAC_256:
	case RSN_CIPHER_BIP_GMAC_256:
		return 32;
	}
	return 0;
}

int rsn_crypto_ptk_derive(const struct rsn_akm_info *akm, uint32_t pairwise_cipher,
			  const uint8_t *pmk, size_t pmk_len, const uint8_t aa[6],
			  const uint8_t spa[6], const uint8_t anonce[32], const uint8_t snonce[32],
			  struct rsn_ptk *ptk)
{
	uint8_t data[6 + 6 + 32 + 32];
	uint8_t buf[RSN_KCK_MAX_LEN + RSN_KEK_MAX_LEN + RSN_TK_MAX_LEN];
	size_t tk_len = rsn_cipher_key_len(pairwise_cipher), total;
	int a_first, r;

	if (!akm || !tk_len || !pmk || pmk_len < 16 || pmk_len > RSN_PMK_MAX_LEN)
		return -1;
	a_first = memcmp(aa, spa, 6) < 0;
	memcpy(data, a_first ? aa : spa, 6);
	memcpy(data + 6, a_first ? spa : aa, 6);
	a_first = memcmp(anonce, snonce, 32) < 0;
	memcpy(data + 12, a_first ? anonce : snonce, 32);
	memcpy(data + 44, a_first ? snonce : anonce, 32);
	total = akm->kck_len + akm->kek_len + tk_len;
	if (akm->prf == RSN_PRF_SHA1)
		r = rsn_crypto_prf_sha1(pmk, pmk_len, "Pairwise key expansion", data, sizeof(data),
					buf, total);
	else
		r = rsn_crypto_kdf(akm->prf, pmk, pmk_len, "Pairwise key expansion", data,
				   sizeof(data), buf, total * 8);
	if (r == 0) {
		memset(ptk, 0, sizeof(*ptk));
		memcpy(ptk->kck, buf, akm->kck_len);
		memcpy(ptk->kek, buf + akm->kck_len, akm->kek_len);
		memcpy(ptk->tk, buf + akm->kck_len + akm->kek_len, tk_len);
		ptk->kck_len = akm->kck_len;
		ptk->kek_len = akm->kek_len;
		ptk->tk_len = (uint8_t)tk_len;
	}
	OPENSSL_cleanse(buf, sizeof(buf));
	return r;
}

int rsn_crypto_eapol_mic(const struct rsn_akm_info *akm, const uint8_t *kck,
			 const uint8_t *frame, size_t len, uint8_t *mic)
{
	uint8_t full[64];
	int r = -1;

	switch (akm->mic) {
	case RSN_MIC_HMAC_SHA1_128:
		r = rsn_crypto_hmac_sha1(kck, akm->kck_len, frame, len, full);
		break;
	case RSN_MIC_AES_128_CMAC:
		r = rsn_crypto_cmac_aes128(kck, frame, len, full);
		break;
	case RSN_MIC_HMAC_SHA256_128:
		r = rsn_crypto_hmac_sha256(kck, akm->kck_len, frame, len, full);
		break;
	case RSN_MIC_HMAC_SHA384_192:
		r = rsn_crypto_hmac_sha384(kck, akm->kck_len, frame, len, full);
		break;
	case RSN_MIC_HMAC_SHA512_256:
		r = rsn_crypto_hmac_sha512(kck, akm->kck_len, frame, len, full);
		break;
	}
	if (r == 0)
		memcpy(mic, full, akm->mic_len);
	OPENSSL_cleanse(full, sizeof(full));
	return r;
}
