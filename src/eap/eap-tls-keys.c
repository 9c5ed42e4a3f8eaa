// SPDX-License-Identifier: BSD-3-Clause
/* TLS 1.2 PRF and TLS 1.3 exporter over OpenSSL's KDFs (see eap-tls-keys.h). */
#include "eap/eap-tls-keys.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>

static int eap_tls_keys_kdf(const char *alg, OSSL_PARAM *params, uint8_t *out, size_t len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, alg, NULL);
	EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	int rc = kctx && EVP_KDF_derive(kctx, out, len, params) == 1 ? 0 : -1;

	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return rc;
}

int eap_tls_keys_prf12(const EVP_MD *md, const uint8_t *master, size_t master_len,
		       const char *label, const uint8_t client_random[EAP_TLS_RANDOM_LEN],
		       const uint8_t server_random[EAP_TLS_RANDOM_LEN], uint8_t *out, size_t len)
{
	/* RFC 5246 5: PRF(secret, label, seed) = P_<hash>(secret, label + seed); OpenSSL's
	 * TLS1-PRF takes label + seed as its one seed. */
	uint8_t seed[64 + 2 * EAP_TLS_RANDOM_LEN];
	size_t ll = label ? strlen(label) : 0;
	OSSL_PARAM params[4];
	int rc;

	if (!md || !master || !client_random || !server_random || !out || len == 0 ||
	    ll == 0 || ll > 64)
		return -1;
	memcpy(seed, label, ll);
	memcpy(seed + ll, client_random, EAP_TLS_RANDOM_LEN);
	memcpy(seed + ll + EAP_TLS_RANDOM_LEN, server_random, EAP_TLS_RANDOM_LEN);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						     (char *)EVP_MD_get0_name(md), 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, (void *)master,
						      master_len);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, seed,
						      ll + 2 * EAP_TLS_RANDOM_LEN);
	params[3] = OSSL_PARAM_construct_end();
	rc = eap_tls_keys_kdf(OSSL_KDF_NAME_TLS1_PRF, params, out, len);
	OPENSSL_cleanse(seed, sizeof(seed));
	return rc;
}

/* RFC 8446 7.1: HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret,
 * HkdfLabel, Length), HkdfLabel = uint16 length | opaque label<7..255> ("tls13 " + Label) |
 * opaque context<0..255>. */
static int eap_tls_keys_expand_label(const EVP_MD *md, const uint8_t *secret, size_t secret_len,
				     const char *label, const uint8_t *context, size_t context_len,
				     uint8_t *out, size_t len)
{
	static const char prefix[] = "tls13 ";
	uint8_t info[2 + 1 + 255 + 1 + 255];
	size_t ll = strlen(label), pl = sizeof(prefix) - 1, n = 0;
	int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
	OSSL_PARAM params[5];

	if (len > 0xffff || pl + ll > 255 || context_len > 255)
		return -1;
	info[n++] = (uint8_t)(len >> 8);
	info[n++] = (uint8_t)len;
	info[n++] = (uint8_t)(pl + ll);
	memcpy(info + n, prefix, pl);
	n += pl;
	memcpy(info + n, label, ll);
	n += ll;
	info[n++] = (uint8_t)context_len;
	if (context_len)
		memcpy(info + n, context, context_len);
	n += context_len;
	params[0] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	params[1] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						     (char *)EVP_MD_get0_name(md), 0);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)secret,
						      secret_len);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info, n);
	params[4] = OSSL_PARAM_construct_end();
	return eap_tls_keys_kdf(OSSL_KDF_NAME_HKDF, params, out, len);
}

int eap_tls_keys_exporter13(const EVP_MD *md, const uint8_t *secret, size_t secret_len,
			    const char *label, const uint8_t *context, size_t context_len,
			    uint8_t *out, size_t len)
{
	uint8_t empty_hash[EVP_MAX_MD_SIZE], ctx_hash[EVP_MAX_MD_SIZE], derived[EVP_MAX_MD_SIZE];
	unsigned int hl = 0, cl = 0;
	int hash_len = md ? EVP_MD_get_size(md) : -1;
	int rc;

	if (hash_len <= 0 || !secret || !label || !out || len == 0 || (context_len && !context))
		return -1;
	/* Derive-Secret(Secret, Label, "") = HKDF-Expand-Label(Secret, Label, Hash(""), Hash.length) */
	if (EVP_Digest("", 0, empty_hash, &hl, md, NULL) != 1 ||
	    EVP_Digest(context_len ? context : (const uint8_t *)"", context_len, ctx_hash, &cl, md,
		       NULL) != 1)
		return -1;
	rc = eap_tls_keys_expand_label(md, secret, secret_len, label, empty_hash, hl, derived,
				       (size_t)hash_len) ||
	     eap_tls_keys_expand_label(md, derived, (size_t)hash_len, "exporter", ctx_hash, cl, out,
				       len) ? -1 : 0;
	OPENSSL_cleanse(derived, sizeof(derived));
	return rc;
}
