// SPDX-License-Identifier: BSD-3-Clause
/* PEAPv0 cryptobinding keys and MAC on OpenSSL 3 HMAC-SHA1. */
#include "eap/eap-peap-binding.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

static int eap_peap_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *d, size_t n,
			      uint8_t out[20])
{
	size_t outlen = 0;

	return EVP_Q_mac(NULL, "HMAC", NULL, "SHA1", NULL, key, key_len, d, n, out, 20, &outlen) &&
		       outlen == 20 ? 0 : -1;
}

int eap_peap_prfplus(const uint8_t *key, size_t key_len, const char *label, const uint8_t *seed,
		     size_t seed_len, uint8_t *out, size_t out_len)
{
	uint8_t in[20 + 64 + 64 + 3], t[20];
	size_t ll = strlen(label), tl = 0, pos = 0;
	uint8_t counter = 0;
	int rc = 0;

	if (ll > 64 || seed_len > 64)
		return -1;
	while (pos < out_len) {
		size_t n = 0, take;

		counter++;
		memcpy(in, t, tl);
		n = tl;
		memcpy(in + n, label, ll);
		n += ll;
		memcpy(in + n, seed, seed_len);
		n += seed_len;
		in[n++] = counter;
		in[n++] = 0;
		in[n++] = 0;
		if (eap_peap_hmac_sha1(key, key_len, in, n, t)) {
			rc = -1;
			break;
		}
		tl = 20;
		take = out_len - pos < 20 ? out_len - pos : 20;
		memcpy(out + pos, t, take);
		pos += take;
	}
	OPENSSL_cleanse(in, sizeof(in));
	OPENSSL_cleanse(t, sizeof(t));
	return rc;
}

int eap_peap_binding_keys(const uint8_t tk[60], const uint8_t *isk, struct eap_peap_binding *b)
{
	uint8_t imck[60];

	if (!isk) {
		memcpy(b->ipmk, tk, 40);
		memcpy(b->cmk, tk + 40, 20);
		return 0;
	}
	if (eap_peap_prfplus(tk, 40, "Inner Methods Compound Keys", isk, 32, imck, sizeof(imck)))
		return -1;
	memcpy(b->ipmk, imck, 40);
	memcpy(b->cmk, imck + 40, 20);
	OPENSSL_cleanse(imck, sizeof(imck));
	return 0;
}

int eap_peap_binding_mac(const uint8_t cmk[20], const uint8_t tlv[EAP_PEAP_BINDING_TLV_LEN],
			 uint8_t mac[20])
{
	uint8_t buf[EAP_PEAP_BINDING_TLV_LEN + 1];

	memcpy(buf, tlv, EAP_PEAP_BINDING_TLV_LEN);
	memset(buf + 4 + 4 + 32, 0, 20); /* Compound_MAC field */
	buf[EAP_PEAP_BINDING_TLV_LEN] = 25; /* EAP type PEAP */
	return eap_peap_hmac_sha1(cmk, 20, buf, sizeof(buf), mac);
}

int eap_peap_binding_msk(const uint8_t ipmk[40], uint8_t msk[64])
{
	static const uint8_t zero = 0;
	uint8_t csk[128];
	int rc;

	/* the label's terminating NUL is the seed, as Microsoft's implementation does */
	rc = eap_peap_prfplus(ipmk, 40, "Session Key Generating Function", &zero, 1, csk, sizeof(csk));
	if (rc == 0)
		memcpy(msk, csk, 64);
	OPENSSL_cleanse(csk, sizeof(csk));
	return rc;
}
