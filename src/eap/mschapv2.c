// SPDX-License-Identifier: BSD-3-Clause
/*
 * MS-CHAPv2 (RFC 2759) and its MPPE keys (RFC 3079). MD4 and DES come from OpenSSL 3's
 * legacy provider, loaded into a private library context so the default context is untouched.
 * That context holds the legacy provider alone: both algorithms are its own, and a default
 * provider beside it doubled the first fetch (1.1 against 0.5 ms on the build host; SHA-1
 * comes from the default context).
 */
#include "eap/mschapv2.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

static OSSL_LIB_CTX *mschapv2_libctx;
static EVP_MD *mschapv2_md4;
static EVP_CIPHER *mschapv2_des;
static CRYPTO_ONCE mschapv2_once = CRYPTO_ONCE_STATIC_INIT;

static void mschapv2_crypto_load(void)
{
	mschapv2_libctx = OSSL_LIB_CTX_new();
	if (!mschapv2_libctx)
		return;
	if (!OSSL_PROVIDER_load(mschapv2_libctx, "legacy"))
		return;
	mschapv2_md4 = EVP_MD_fetch(mschapv2_libctx, "MD4", NULL);
	mschapv2_des = EVP_CIPHER_fetch(mschapv2_libctx, "DES-ECB", NULL);
}

int mschapv2_crypto_available(void)
{
	if (!CRYPTO_THREAD_run_once(&mschapv2_once, mschapv2_crypto_load))
		return 0;
	return mschapv2_md4 && mschapv2_des;
}

static int mschapv2_sha1(const void *a, size_t al, const void *b, size_t bl, const void *c,
			 size_t cl, uint8_t out[20])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
		 EVP_DigestUpdate(ctx, a, al) && EVP_DigestUpdate(ctx, b, bl) &&
		 (!cl || EVP_DigestUpdate(ctx, c, cl)) && EVP_DigestFinal_ex(ctx, out, NULL);

	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

static int mschapv2_md4_digest(const uint8_t *p, size_t n, uint8_t out[16])
{
	EVP_MD_CTX *ctx;
	int ok;

	if (!mschapv2_crypto_available())
		return -1;
	ctx = EVP_MD_CTX_new();
	ok = ctx && EVP_DigestInit_ex(ctx, mschapv2_md4, NULL) && EVP_DigestUpdate(ctx, p, n) &&
	     EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

const char *mschapv2_username_strip(const char *identity)
{
	const char *bs = strrchr(identity, '\\');

	return bs ? bs + 1 : identity;
}

int mschapv2_challenge_hash(const uint8_t peer_chal[16], const uint8_t auth_chal[16],
			    const char *username, uint8_t out[8])
{
	uint8_t md[20];

	if (mschapv2_sha1(peer_chal, 16, auth_chal, 16, username, strlen(username), md))
		return -1;
	memcpy(out, md, 8);
	return 0;
}

/* UTF-8 to UTF-16LE; RFC 2759 8.3 "Password is an 0-to-256-unicode-char string". */
static int mschapv2_utf16le(const char *pw, uint8_t *out, size_t cap, size_t *outlen)
{
	const uint8_t *s = (const uint8_t *)pw;
	size_t n = 0, chars = 0;

	while (*s) {
		uint32_t cp;
		int extra;

		if (*s < 0x80) {
			cp = *s;
			extra = 0;
		} else if ((*s & 0xe0) == 0xc0) {
			cp = *s & 0x1f;
			extra = 1;
		} else if ((*s & 0xf0) == 0xe0) {
			cp = *s & 0x0f;
			extra = 2;
		} else if ((*s & 0xf8) == 0xf0) {
			cp = *s & 0x07;
			extra = 3;
		} else {
			return -1;
		}
		s++;
		for (int i = 0; i < extra; i++, s++) {
			if ((*s & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (*s & 0x3f);
		}
		if (cp >= 0x10000) {
			if (cp > 0x10ffff || n + 4 > cap)
				return -1;
			cp -= 0x10000;
			uint16_t hi = (uint16_t)(0xd800 | (cp >> 10)), lo = (uint16_t)(0xdc00 | (cp & 0x3ff));
			out[n++] = (uint8_t)hi;
			out[n++] = (uint8_t)(hi >> 8);
			out[n++] = (uint8_t)lo;
			out[n++] = (uint8_t)(lo >> 8);
		} else {
			if (n + 2 > cap)
				return -1;
			out[n++] = (uint8_t)cp;
			out[n++] = (uint8_t)(cp >> 8);
		}
		if (++chars > 256)
			return -1;
	}
	*outlen = n;
	return 0;
}

int mschapv2_nt_password_hash(const char *password, uint8_t out[16])
{
	uint8_t u[256 * 4];
	size_t n = 0;
	int rc;

	if (mschapv2_utf16le(password, u, sizeof(u), &n)) {
		OPENSSL_cleanse(u, sizeof(u));
		return -1;
	}
	rc = mschapv2_md4_digest(u, n, out);
	OPENSSL_cleanse(u, sizeof(u));
	return rc;
}

int mschapv2_hash_nt_password_hash(const uint8_t hash[16], uint8_t out[16])
{
	return mschapv2_md4_digest(hash, 16, out);
}

/* RFC 2759 8.6 DesEncrypt: a 7-octet key spread over 8 octets, low bit as (odd) parity. */
static int mschapv2_des_encrypt(const uint8_t clear[8], const uint8_t key7[7], uint8_t out[8])
{
	uint8_t key[8];
	EVP_CIPHER_CTX *ctx;
	int len = 0, ok;

	key[0] = key7[0];
	for (int i = 1; i < 7; i++)
		key[i] = (uint8_t)((key7[i - 1] << (8 - i)) | (key7[i] >> i));
	key[7] = (uint8_t)(key7[6] << 1);
	for (int i = 0; i < 8; i++) {
		uint8_t b = key[i] & 0xfe;
		int bits = __builtin_popcount(b);

		key[i] = (uint8_t)(b | (bits % 2 ? 0 : 1));
	}
	ctx = EVP_CIPHER_CTX_new();
	ok = ctx && EVP_EncryptInit_ex(ctx, mschapv2_des, NULL, key, NULL) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) && EVP_EncryptUpdate(ctx, out, &len, clear, 8) &&
	     len == 8;
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(key, sizeof(key));
	return ok ? 0 : -1;
}

int mschapv2_challenge_response(const uint8_t chal[8], const uint8_t hash[16], uint8_t out[24])
{
	uint8_t z[21] = { 0 };
	int rc;

	if (!mschapv2_crypto_available())
		return -1;
	memcpy(z, hash, 16);
	rc = mschapv2_des_encrypt(chal, z, out) || mschapv2_des_encrypt(chal, z + 7, out + 8) ||
	     mschapv2_des_encrypt(chal, z + 14, out + 16);
	OPENSSL_cleanse(z, sizeof(z));
	return rc ? -1 : 0;
}

int mschapv2_generate_nt_response(const uint8_t auth_chal[16], const uint8_t peer_chal[16],
				  const char *username, const uint8_t hash[16], uint8_t out[24])
{
	uint8_t c[8];

	if (mschapv2_challenge_hash(peer_chal, auth_chal, username, c))
		return -1;
	return mschapv2_challenge_response(c, hash, out);
}

/* RFC 2759 8.7 */
static const char mschapv2_magic1[] = "Magic server to client signing constant";
static const char mschapv2_magic2[] = "Pad to make it do more than one iteration";

int mschapv2_authenticator_response(const uint8_t hash[16], const uint8_t nt_resp[24],
				    const uint8_t peer_chal[16], const uint8_t auth_chal[16],
				    const char *username, char out[MSCHAPV2_AUTH_RESP_LEN + 1])
{
	uint8_t hh[16], d[20], c[8];
	int rc = -1;

	if (mschapv2_hash_nt_password_hash(hash, hh) ||
	    mschapv2_sha1(hh, 16, nt_resp, 24, mschapv2_magic1, sizeof(mschapv2_magic1) - 1, d) ||
	    mschapv2_challenge_hash(peer_chal, auth_chal, username, c) ||
	    mschapv2_sha1(d, 20, c, 8, mschapv2_magic2, sizeof(mschapv2_magic2) - 1, d))
		goto out;
	out[0] = 'S';
	out[1] = '=';
	for (int i = 0; i < 20; i++)
		snprintf(out + 2 + 2 * i, 3, "%02X", d[i]);
	rc = 0;
out:
	OPENSSL_cleanse(hh, sizeof(hh));
	OPENSSL_cleanse(d, sizeof(d));
	return rc;
}

/* RFC 3079 3.4 */
static const char mschapv2_mk_magic[] = "This is the MPPE Master Key";
static const char mschapv2_key_magic2[] =
	"On the client side, this is the send key; on the server side, it is the receive key.";
static const char mschapv2_key_magic3[] =
	"On the client side, this is the receive key; on the server side, it is the send key.";

int mschapv2_master_key(const uint8_t hash_hash[16], const uint8_t nt_resp[24], uint8_t out[16])
{
	uint8_t d[20];

	if (mschapv2_sha1(hash_hash, 16, nt_resp, 24, mschapv2_mk_magic,
			  sizeof(mschapv2_mk_magic) - 1, d))
		return -1;
	memcpy(out, d, 16);
	OPENSSL_cleanse(d, sizeof(d));
	return 0;
}

int mschapv2_asymmetric_start_key(const uint8_t master_key[16], int is_send, int is_server,
				  uint8_t out[16])
{
	/* RFC 3079 3.4: SHSpad1 is 40 x 0x00, SHSpad2 is 40 x 0xF2. */
	static const uint8_t pad1[40];
	uint8_t pad2[40], d[20];
	const char *s = (is_send == is_server) ? mschapv2_key_magic3 : mschapv2_key_magic2;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok;

	memset(pad2, 0xf2, sizeof(pad2));
	ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL) &&
	     EVP_DigestUpdate(ctx, master_key, 16) && EVP_DigestUpdate(ctx, pad1, 40) &&
	     EVP_DigestUpdate(ctx, s, strlen(s)) && EVP_DigestUpdate(ctx, pad2, 40) &&
	     EVP_DigestFinal_ex(ctx, d, NULL);
	EVP_MD_CTX_free(ctx);
	if (ok)
		memcpy(out, d, 16);
	OPENSSL_cleanse(d, sizeof(d));
	return ok ? 0 : -1;
}

int mschapv2_peer_session_key(const uint8_t hash[16], const uint8_t nt_resp[24],
			      uint8_t out[MSCHAPV2_MSK_LEN])
{
	uint8_t hh[16], mk[MSCHAPV2_MASTER_KEY_LEN];
	int rc;

	/* RFC 3079 3.4: MasterKey from PasswordHashHash and the NT-Response; the peer's send
	 * key first, then its receive key. */
	rc = mschapv2_hash_nt_password_hash(hash, hh) || mschapv2_master_key(hh, nt_resp, mk) ||
	     mschapv2_asymmetric_start_key(mk, 1, 0, out) ||
	     mschapv2_asymmetric_start_key(mk, 0, 0, out + 16);
	OPENSSL_cleanse(hh, sizeof(hh));
	OPENSSL_cleanse(mk, sizeof(mk));
	return rc ? -1 : 0;
}

int mschapv2_password_hash_from_secret(const char *secret, bool is_hash, uint8_t out[16])
{
	if (!secret)
		return -1;
	if (is_hash) {
		if (strncmp(secret, "hash:", 5) != 0)
			return -1;
		const char *h = secret + 5;

		if (strlen(h) != 32)
			return -1;
		for (int i = 0; i < 16; i++) {
			unsigned int v = 0;

			for (int j = 0; j < 2; j++) {
				char ch = h[2 * i + j];
				unsigned int nib;

				if (ch >= '0' && ch <= '9')
					nib = (unsigned int)(ch - '0');
				else if (ch >= 'a' && ch <= 'f')
					nib = (unsigned int)(ch - 'a' + 10);
				else if (ch >= 'A' && ch <= 'F')
					nib = (unsigned int)(ch - 'A' + 10);
				else
					return -1;
				v = (v << 4) | nib;
			}
			out[i] = (uint8_t)v;
		}
		return 0;
	}
	return mschapv2_nt_password_hash(secret, out);
}
