// SPDX-License-Identifier: BSD-3-Clause
/* HMAC, PBKDF2 and AES Key Wrap without a provider (see crypto-direct.h). */
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA1_Init, SHA256_Init, AES_*: why, in crypto-direct.h */
#include "rsn/crypto-direct.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/random.h>

#include <openssl/aes.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/sha.h>

int rsn_direct_random(void *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	if (!buf && len)
		return -1;
	while (got < len) {
		n = getrandom((uint8_t *)buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

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

/* HMAC(K, v[0] || ... || v[n-1]) from the keyed pads, which stay as they were. */
static void direct_hmac_run(const struct direct_hmac *h, const struct rsn_direct_piece *v,
			    size_t n, uint8_t *out)
{
	union direct_ctx c = h->in;

	for (size_t i = 0; i < n; i++)
		if (v[i].len)
			h->md->update(&c, v[i].data, v[i].len);
	h->md->final(out, &c);
	c = h->out;
	h->md->update(&c, out, h->md->len);
	h->md->final(out, &c);
	OPENSSL_cleanse(&c, sizeof(c));
}

static void direct_put_be32(uint8_t p[4], uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* The SHA-1 state's five words, big-endian: the digest of a message whose padding is done. */
static void direct_sha1_words(const SHA_CTX *c, uint8_t out[SHA_DIGEST_LENGTH])
{
	const SHA_LONG w[5] = { c->h0, c->h1, c->h2, c->h3, c->h4 };

	for (size_t i = 0; i < 5; i++)
		direct_put_be32(out + 4 * i, w[i]);
}

/*
 * RFC 8018 5.2, one block: T_i = U_1 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)), U_j = PRF(P,
 * U_{j-1}). From U_2 on, both of HMAC's hashes take a 20-octet message after their 64-octet pad
 * block, so each is one compression of the same padded block (FIPS 180-4 5.1.1: 0x80, zeros,
 * the length 84 * 8 = 672 bits): SHA1_Transform on the pads' states, no Update or Final.
 */
static void direct_pbkdf2_block(const struct direct_hmac *h, const void *salt, size_t salt_len,
				unsigned int iterations, uint32_t i, uint8_t t[SHA_DIGEST_LENGTH])
{
	uint8_t be[4], blk[SHA_CBLOCK] = { 0 };
	const struct rsn_direct_piece first[2] = { { salt, salt_len }, { be, sizeof(be) } };
	SHA_CTX c;

	direct_put_be32(be, i);
	direct_hmac_run(h, first, 2, blk);
	memcpy(t, blk, SHA_DIGEST_LENGTH);
	blk[SHA_DIGEST_LENGTH] = 0x80;
	blk[SHA_CBLOCK - 2] = (uint8_t)((SHA_CBLOCK + SHA_DIGEST_LENGTH) * 8 >> 8);
	blk[SHA_CBLOCK - 1] = (uint8_t)((SHA_CBLOCK + SHA_DIGEST_LENGTH) * 8);
	for (unsigned int j = 1; j < iterations; j++) {
		c = h->in.sha1;
		SHA1_Transform(&c, blk);
		direct_sha1_words(&c, blk);
		c = h->out.sha1;
		SHA1_Transform(&c, blk);
		direct_sha1_words(&c, blk);
		for (size_t k = 0; k < SHA_DIGEST_LENGTH; k++)
			t[k] ^= blk[k];
	}
	OPENSSL_cleanse(&c, sizeof(c));
	OPENSSL_cleanse(blk, sizeof(blk));
}

/* The last block of a PBKDF2, on a thread of its own beside the caller's blocks. */
struct direct_pbkdf2_job {
	const struct direct_hmac *h;
	const void *salt;
	size_t salt_len;
	unsigned int iterations;
	uint32_t i;
	uint8_t t[SHA_DIGEST_LENGTH]; /* secret: wiped by the caller once copied */
};

static void *direct_pbkdf2_job_run(void *arg)
{
	struct direct_pbkdf2_job *j = arg;

	direct_pbkdf2_block(j->h, j->salt, j->salt_len, j->iterations, j->i, j->t);
	return NULL;
}

/*
 * Below this many iterations a thread costs more than the block it would take (a WPA
 * passphrase's 4096, IEEE 802.11-2020 J.4.1, is far above it).
 */
#define DIRECT_PBKDF2_THREAD_MIN 256u
#define DIRECT_PBKDF2_THREAD_STACK (64u * 1024u)

/* A thread for the last block, or false (too little work, or no thread): all on the caller. */
static bool direct_pbkdf2_job_start(pthread_t *th, struct direct_pbkdf2_job *j)
{
	pthread_attr_t a;
	bool ok;

	if (j->iterations < DIRECT_PBKDF2_THREAD_MIN || j->i < 2 || pthread_attr_init(&a))
		return false;
	ok = pthread_attr_setstacksize(&a, DIRECT_PBKDF2_THREAD_STACK) == 0 &&
	     pthread_create(th, &a, direct_pbkdf2_job_run, j) == 0;
	pthread_attr_destroy(&a);
	return ok;
}

/*
 * The blocks of RFC 8018 5.2 are independent of each other: a WPA PMK's two (256 bits of
 * HMAC-SHA-1's 160) run side by side, the second on a thread, which halves a first
 * connection's wait for its PMK on a machine with two cores.
 */
int rsn_direct_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len)
{
	struct direct_hmac h;
	struct direct_pbkdf2_job last;
	uint8_t t[SHA_DIGEST_LENGTH];
	size_t blocks, tail;
	pthread_t th;
	bool threaded;

	if ((!pass && pass_len) || (!salt && salt_len) || !iterations || !out || !out_len ||
	    out_len / SHA_DIGEST_LENGTH >= UINT32_MAX) /* RFC 8018 5.2: dkLen <= (2^32 - 1) hLen */
		return -1;
	blocks = (out_len + SHA_DIGEST_LENGTH - 1) / SHA_DIGEST_LENGTH;
	tail = out_len - (blocks - 1) * SHA_DIGEST_LENGTH;
	direct_hmac_key(&h, &direct_sha1, pass, pass_len);
	last = (struct direct_pbkdf2_job){ &h, salt, salt_len, iterations, (uint32_t)blocks, { 0 } };
	threaded = direct_pbkdf2_job_start(&th, &last);
	for (uint32_t i = 1; i < (uint32_t)blocks; i++) {
		direct_pbkdf2_block(&h, salt, salt_len, iterations, i, t);
		memcpy(out + (size_t)(i - 1) * SHA_DIGEST_LENGTH, t, sizeof(t));
	}
	if (threaded)
		pthread_join(th, NULL);
	else
		direct_pbkdf2_job_run(&last);
	memcpy(out + (blocks - 1) * SHA_DIGEST_LENGTH, last.t, tail);
	OPENSSL_cleanse(&h, sizeof(h));
	OPENSSL_cleanse(&last, sizeof(last));
	OPENSSL_cleanse(t, sizeof(t));
	return 0;
}

int rsn_direct_hmac(enum rsn_direct_hash hash, const uint8_t *key, size_t key_len,
		    const struct rsn_direct_piece *v, size_t n, uint8_t *out)
{
	const struct direct_md *md = NULL;
	struct direct_hmac h;

	switch (hash) {
	case RSN_DIRECT_SHA1:
		md = &direct_sha1;
		break;
	case RSN_DIRECT_SHA256:
		md = &direct_sha256;
		break;
	}
	if (!md || (!key && key_len) || (!v && n) || !out)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!v[i].data && v[i].len)
			return -1;
	direct_hmac_key(&h, md, key, key_len);
	direct_hmac_run(&h, v, n, out);
	OPENSSL_cleanse(&h, sizeof(h));
	return 0;
}

/* RFC 3394 2.2.1/2.2.2 with the default IV A6A6A6A6A6A6A6A6 (OpenSSL checks it on unwrap). */
static int direct_aes_wrap_op(bool wrap, const uint8_t *kek, size_t kek_len, const uint8_t *in,
			      size_t in_len, uint8_t *out)
{
	size_t want = wrap ? in_len + 8 : in_len - 8;
	AES_KEY k;
	int got;

	if (!kek || !in || !out || (kek_len != 16 && kek_len != 32) || in_len % 8 ||
	    in_len < (wrap ? 16u : 24u) || in_len > 4096)
		return -1;
	if ((wrap ? AES_set_encrypt_key(kek, (int)kek_len * 8, &k)
		  : AES_set_decrypt_key(kek, (int)kek_len * 8, &k)) != 0)
		return -1;
	got = wrap ? AES_wrap_key(&k, NULL, out, in, (unsigned int)in_len)
		   : AES_unwrap_key(&k, NULL, out, in, (unsigned int)in_len);
	OPENSSL_cleanse(&k, sizeof(k));
	if (got <= 0 || (size_t)got != want) {
		OPENSSL_cleanse(out, want);
		return -1;
	}
	return 0;
}

int rsn_direct_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			uint8_t *out)
{
	return direct_aes_wrap_op(true, kek, kek_len, in, in_len, out);
}

int rsn_direct_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			  uint8_t *out)
{
	return direct_aes_wrap_op(false, kek, kek_len, in, in_len, out);
}

int rsn_direct_available(void)
{
	return 1;
}

#else /* a libcrypto without the digest functions: EVP, same results */

int rsn_direct_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len)
{
	if ((!pass && pass_len) || (!salt && salt_len) || !iterations || !out || !out_len ||
	    pass_len > INT_MAX || salt_len > INT_MAX || iterations > INT_MAX || out_len > INT_MAX)
		return -1;
	return PKCS5_PBKDF2_HMAC(pass, (int)pass_len, salt, (int)salt_len, (int)iterations,
				 EVP_sha1(), (int)out_len, out) ? 0 : -1;
}

int rsn_direct_hmac(enum rsn_direct_hash hash, const uint8_t *key, size_t key_len,
		    const struct rsn_direct_piece *v, size_t n, uint8_t *out)
{
	const char *name = NULL;
	size_t want = 0, got = 0;
	EVP_MAC_CTX *c = NULL;
	EVP_MAC *mac;
	OSSL_PARAM p[2];
	int ok;

	switch (hash) {
	case RSN_DIRECT_SHA1:
		name = "SHA1";
		want = 20;
		break;
	case RSN_DIRECT_SHA256:
		name = "SHA256";
		want = 32;
		break;
	}
	if (!name || (!key && key_len) || (!v && n) || !out)
		return -1;
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac)
		c = EVP_MAC_CTX_new(mac);
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)name, 0);
	p[1] = OSSL_PARAM_construct_end();
	ok = c && EVP_MAC_init(c, key, key_len, p);
	for (size_t i = 0; ok && i < n; i++)
		ok = (v[i].data || !v[i].len) && EVP_MAC_update(c, v[i].data, v[i].len);
	ok = ok && EVP_MAC_final(c, out, &got, want) && got == want;
	EVP_MAC_CTX_free(c);
	EVP_MAC_free(mac);
	return ok ? 0 : -1;
}

static int direct_aes_wrap_op(int enc, const uint8_t *kek, size_t kek_len, const uint8_t *in,
			      size_t in_len, uint8_t *out)
{
	size_t want = enc ? in_len + 8 : in_len - 8;
	EVP_CIPHER_CTX *c;
	int outl = 0, fin = 0, ok;

	if (!kek || !in || !out || (kek_len != 16 && kek_len != 32) || in_len % 8 ||
	    in_len < (enc ? 16u : 24u) || in_len > 4096)
		return -1;
	c = EVP_CIPHER_CTX_new();
	if (!c)
		return -1;
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	ok = EVP_CipherInit_ex(c, kek_len == 16 ? EVP_aes_128_wrap() : EVP_aes_256_wrap(), NULL,
			       kek, NULL, enc) &&
	     EVP_CipherUpdate(c, out, &outl, in, (int)in_len) &&
	     EVP_CipherFinal_ex(c, out + outl, &fin) && (size_t)(outl + fin) == want;
	EVP_CIPHER_CTX_free(c);
	if (!ok)
		OPENSSL_cleanse(out, want);
	return ok ? 0 : -1;
}

int rsn_direct_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			uint8_t *out)
{
	return direct_aes_wrap_op(1, kek, kek_len, in, in_len, out);
}

int rsn_direct_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			  uint8_t *out)
{
	return direct_aes_wrap_op(0, kek, kek_len, in, in_len, out);
}

int rsn_direct_available(void)
{
	return 0;
}

#endif
