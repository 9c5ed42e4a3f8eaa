// SPDX-License-Identifier: BSD-3-Clause
/* HMAC and PBKDF2 on libcrypto's digest functions, no provider (see crypto-direct.h). */
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA1_Init and SHA256_Init: why, in crypto-direct.h */
#include "rsn/crypto-direct.h"

#include <limits.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#ifndef OPENSSL_NO_DEPRECATED_3_0

/* One hash function as HMAC sees it (RFC 2104: B-octet blocks, L-octet outputs). */
struct direct_md {
	size_t block, len;
	void (*init)(void *ctx);
	void (*update)(void *ctx, const void *data, size_t len);
	void (*final)(uint8_t *out, void *ctx);
};

union direct_ctx {
	SHA_CTX sha1;
	SHA256_CTX sha256;
};

/* The keyed HMAC: the inner and outer pads, each hashed once (RFC 2104 section 4). */
struct direct_hmac {
	const struct direct_md *md;
	union direct_ctx in, out;
};

static void direct_sha1_init(void *c)
{
	SHA1_Init(c);
}

static void direct_sha1_update(void *c, const void *d, size_t n)
{
	SHA1_Update(c, d, n);
}

static void direct_sha1_final(uint8_t *out, void *c)
{
	SHA1_Final(out, c);
}

static void direct_sha256_init(void *c)
{
	SHA256_Init(c);
}

static void direct_sha256_update(void *c, const void *d, size_t n)
{
	SHA256_Update(c, d, n);
}

static void direct_sha256_final(uint8_t *out, void *c)
{
	SHA256_Final(out, c);
}

static const struct direct_md direct_sha1 = {
	SHA_CBLOCK, SHA_DIGEST_LENGTH, direct_sha1_init, direct_sha1_update, direct_sha1_final,
};
static const struct direct_md direct_sha256 = {
	SHA256_CBLOCK, SHA256_DIGEST_LENGTH, direct_sha256_init, direct_sha256_update,
	direct_sha256_final,
};

/* RFC 2104: a key longer than B is hashed first; then K XOR ipad and K XOR opad. */
static void direct_hmac_key(struct direct_hmac *h, const struct direct_md *md, const void *key,
			    size_t key_len)
{
	uint8_t k[SHA256_CBLOCK] = { 0 }, pad[SHA256_CBLOCK];
	union direct_ctx c;

	h->md = md;
	if (key_len > md->block) {
		md->init(&c);
		md->update(&c, key, key_len);
		md->final(k, &c);
		OPENSSL_cleanse(&c, sizeof(c));
	} else if (key_len) {
		memcpy(k, key, key_len);
	}
	for (size_t i = 0; i < md->block; i++)
		pad[i] = k[i] ^ 0x36;
	md->init(&h->in);
	md->update(&h->in, pad, md->block);
	for (size_t i = 0; i < md->block; i++)
		pad[i] = k[i] ^ 0x5c;
	md->init(&h->out);
	md->update(&h->out, pad, md->block);
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(pad, sizeof(pad));
}

/* HMAC(K, a || b) from the keyed pads, which stay as they were; out has md->len octets. */
static void direct_hmac_run(const struct direct_hmac *h, const void *a, size_t a_len,
			    const void *b, size_t b_len, uint8_t *out)
{
	union direct_ctx c = h->in;

	h->md->update(&c, a, a_len);
	if (b_len)
		h->md->update(&c, b, b_len);
	h->md->final(out, &c);
	c = h->out;
	h->md->update(&c, out, h->md->len);
	h->md->final(out, &c);
	OPENSSL_cleanse(&c, sizeof(c));
}

int rsn_direct_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len)
{
	struct direct_hmac h;
	uint8_t u[SHA_DIGEST_LENGTH], t[SHA_DIGEST_LENGTH], be[4];
	uint32_t block = 0;

	if ((!pass && pass_len) || (!salt && salt_len) || !iterations || !out || !out_len ||
	    out_len / SHA_DIGEST_LENGTH >= UINT32_MAX) /* RFC 8018 5.2: dkLen <= (2^32 - 1) hLen */
		return -1;
	direct_hmac_key(&h, &direct_sha1, pass, pass_len);
	/* RFC 8018 5.2: T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P, U_{j-1}) */
	while (out_len) {
		size_t n = out_len < sizeof(t) ? out_len : sizeof(t);

		block++;
		be[0] = (uint8_t)(block >> 24);
		be[1] = (uint8_t)(block >> 16);
		be[2] = (uint8_t)(block >> 8);
		be[3] = (uint8_t)block;
		direct_hmac_run(&h, salt, salt_len, be, sizeof(be), u);
		memcpy(t, u, sizeof(t));
		for (unsigned int j = 1; j < iterations; j++) {
			direct_hmac_run(&h, u, sizeof(u), NULL, 0, u);
			for (size_t k = 0; k < sizeof(t); k++)
				t[k] ^= u[k];
		}
		memcpy(out, t, n);
		out += n;
		out_len -= n;
	}
	OPENSSL_cleanse(&h, sizeof(h));
	OPENSSL_cleanse(u, sizeof(u));
	OPENSSL_cleanse(t, sizeof(t));
	return 0;
}

int rsn_direct_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[32])
{
	struct direct_hmac h;

	if ((!key && key_len) || (!data && len) || !out)
		return -1;
	direct_hmac_key(&h, &direct_sha256, key, key_len);
	direct_hmac_run(&h, data, len, NULL, 0, out);
	OPENSSL_cleanse(&h, sizeof(h));
	return 0;
}

int rsn_direct_available(void)
{
	return 1;
}

#else /* a libcrypto without the digest functions: EVP's one-shots, same results */

int rsn_direct_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len)
{
	if ((!pass && pass_len) || (!salt && salt_len) || !iterations || !out || !out_len ||
	    pass_len > INT_MAX || salt_len > INT_MAX || iterations > INT_MAX || out_len > INT_MAX)
		return -1;
	return PKCS5_PBKDF2_HMAC(pass, (int)pass_len, salt, (int)salt_len, (int)iterations,
				 EVP_sha1(), (int)out_len, out) ? 0 : -1;
}

int rsn_direct_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[32])
{
	if ((!key && key_len) || (!data && len) || !out || key_len > INT_MAX)
		return -1;
	return HMAC(EVP_sha256(), key, (int)key_len, data, len, out, NULL) ? 0 : -1;
}

int rsn_direct_available(void)
{
	return 0;
}

#endif
