// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/crypto-direct.c: HMAC, PBKDF2 and AES Key Wrap without a provider, against vectors
 * and EVP. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "common/suite.h"
#include "rsn/crypto-direct.h"
#include "rsn/crypto.h"
#include "rsn/pmk-cache.h"
#include "tests/unit/rsn/test-util.h"

static int hmac256(const uint8_t *key, size_t key_len, const void *data, size_t len,
		   uint8_t out[32])
{
	const struct rsn_direct_piece v = { data, len };

	return rsn_direct_hmac(RSN_DIRECT_SHA256, key, key_len, &v, 1, out);
}

/* The digest functions are there on this platform: the fast path is the one tested here. */
START_TEST(test_direct_available)
{
	ck_assert_int_eq(rsn_direct_available(), 1);
}
END_TEST

/* RFC 6070's vector with NULs in both inputs, 16 octets (the others are in test-crypto.c). */
START_TEST(test_direct_pbkdf2_rfc6070_nul)
{
	uint8_t out[16];

	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("pass\0word", 9, "sa\0lt", 5, 4096, out, 16), 0);
	test_check_hex(out, 16, "56fa6aa75548099dcc37d7f03425e0c3");
}
END_TEST

/*
 * Against EVP's PBKDF2 for keys up to 100 octets (over one 64-octet block: RFC 2104 hashes
 * such a key first), empty and long salts, and outputs across block boundaries.
 */
START_TEST(test_direct_pbkdf2_matches_evp)
{
	uint8_t pass[100], salt[40], a[70], b[70];

	srand(7);
	for (size_t i = 0; i < sizeof(pass); i++)
		pass[i] = (uint8_t)rand();
	for (size_t i = 0; i < sizeof(salt); i++)
		salt[i] = (uint8_t)rand();
	for (size_t pl = 0; pl <= sizeof(pass); pl += 7) {
		size_t sl = pl % (sizeof(salt) + 1), ol = 1 + pl % sizeof(a);
		unsigned int it = 1 + (unsigned int)(pl % 3);

		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		ck_assert_int_eq(rsn_direct_pbkdf2_sha1(pass, pl, salt, sl, it, a, ol), 0);
		ck_assert_int_eq(PKCS5_PBKDF2_HMAC((const char *)pass, (int)pl, salt, (int)sl,
						   (int)it, EVP_sha1(), (int)ol, b),
				 1);
		ck_assert_mem_eq(a, b, sizeof(a));
	}
}
END_TEST

/*
 * Against EVP again where the last block runs on a thread of its own (from 256 iterations and
 * two blocks on): iterations on both sides of that line, outputs of one block, of two (a WPA
 * PMK's 32 octets), of exactly two and of three and a bit.
 */
START_TEST(test_direct_pbkdf2_threaded_matches_evp)
{
	static const unsigned int its[] = { 255, 256, 300, 4096 };
	static const size_t lens[] = { 1, 20, 21, 32, 40, 61 };
	uint8_t a[61], b[61];

	for (size_t i = 0; i < sizeof(its) / sizeof(its[0]); i++)
		for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
			memset(a, 0, sizeof(a));
			memset(b, 0, sizeof(b));
			ck_assert_int_eq(rsn_direct_pbkdf2_sha1("correct horse battery", 21,
								"ihvd-test", 9, its[i], a,
								lens[l]),
					 0);
			ck_assert_int_eq(PKCS5_PBKDF2_HMAC("correct horse battery", 21,
							   (const unsigned char *)"ihvd-test", 9,
							   (int)its[i], EVP_sha1(), (int)lens[l],
							   b),
					 1);
			ck_assert_mem_eq(a, b, sizeof(a));
		}
}
END_TEST

/* RFC 4231 test cases 1, 2 and 6 (a 131-octet key, hashed first). */
START_TEST(test_direct_hmac_sha256_rfc4231)
{
	static const char big[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	uint8_t key[131], out[32];

	memset(key, 0x0b, 20);
	ck_assert_int_eq(hmac256(key, 20, (const uint8_t *)"Hi There", 8, out), 0);
	test_check_hex(out, 32, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	ck_assert_int_eq(hmac256((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28, out),
			 0);
	test_check_hex(out, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, sizeof(key));
	ck_assert_int_eq(hmac256(key, sizeof(key), big, 54, out), 0);
	test_check_hex(out, 32, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}
END_TEST

START_TEST(test_direct_hmac_sha256_matches_evp)
{
	uint8_t key[150], data[200], a[32], b[32];
	unsigned int n = 0;

	srand(11);
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)rand();
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)rand();
	for (size_t kl = 0; kl <= sizeof(key); kl += 5) {
		size_t dl = (kl * 3) % (sizeof(data) + 1);

		ck_assert_int_eq(hmac256(key, kl, data, dl, a), 0);
		ck_assert_ptr_nonnull(HMAC(EVP_sha256(), key, (int)kl, data, dl, b, &n));
		ck_assert_uint_eq(n, 32);
		ck_assert_mem_eq(a, b, 32);
	}
}
END_TEST

/* A message in pieces is the message whole (HMAC-SHA-1, empty pieces included). */
START_TEST(test_direct_hmac_pieces)
{
	const uint8_t key[] = "Jefe", msg[] = "what do ya want for nothing?";
	struct rsn_direct_piece v[4] = {
		{ msg, 4 }, { msg + 4, 0 }, { msg + 4, 10 }, { msg + 14, 14 },
	};
	struct rsn_direct_piece whole = { msg, 28 };
	uint8_t a[20], b[20];

	ck_assert_int_eq(rsn_direct_hmac(RSN_DIRECT_SHA1, key, 4, v, 4, a), 0);
	ck_assert_int_eq(rsn_direct_hmac(RSN_DIRECT_SHA1, key, 4, &whole, 1, b), 0);
	ck_assert_mem_eq(a, b, 20);
	/* RFC 2202 test case 2 */
	test_check_hex(a, 20, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}
END_TEST

/*
 * RFC 3394 2.2.3: an unwrap whose integrity check fails gives nothing; out is cleared, not
 * left half-unwrapped (the vectors themselves: test-crypto.c).
 */
START_TEST(test_direct_aes_unwrap_integrity)
{
	uint8_t kek[16] = { 1 }, data[16] = { 2 }, wrapped[24], back[16];

	ck_assert_int_eq(rsn_direct_aes_wrap(kek, 16, data, 16, wrapped), 0);
	for (size_t bit = 0; bit < 8 * sizeof(wrapped); bit += 37) {
		wrapped[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(back, 0x55, sizeof(back));
		ck_assert_int_eq(rsn_direct_aes_unwrap(kek, 16, wrapped, 24, back), -1);
		for (size_t i = 0; i < sizeof(back); i++)
			ck_assert_uint_eq(back[i], 0);
		wrapped[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	ck_assert_int_eq(rsn_direct_aes_unwrap(kek, 16, wrapped, 24, back), 0);
	ck_assert_mem_eq(back, data, 16);
}
END_TEST

START_TEST(test_direct_bad_arguments)
{
	uint8_t out[40];

	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, "salt", 4, 0, out, 20), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, "salt", 4, 1, out, 0), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, "salt", 4, 1, NULL, 20), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1(NULL, 8, "salt", 4, 1, out, 20), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, NULL, 4, 1, out, 20), -1);
	struct rsn_direct_piece v[2] = { { out, 1 }, { NULL, 1 } };

	ck_assert_int_eq(hmac256(NULL, 3, out, 1, out), -1);
	ck_assert_int_eq(hmac256(out, 3, NULL, 1, out), -1);
	ck_assert_int_eq(hmac256(out, 3, out, 1, NULL), -1);
	ck_assert_int_eq(rsn_direct_hmac(RSN_DIRECT_SHA1, out, 3, v, 2, out), -1);
	ck_assert_int_eq(rsn_direct_hmac(RSN_DIRECT_SHA1, out, 3, NULL, 1, out), -1);
	ck_assert_int_eq(rsn_direct_hmac((enum rsn_direct_hash)7, out, 3, v, 1, out), -1);
	ck_assert_int_eq(rsn_direct_aes_wrap(out, 24, out, 16, out), -1); /* KEK 16 or 32 */
	ck_assert_int_eq(rsn_direct_aes_wrap(out, 16, out, 12, out), -1); /* 8n, n >= 2 */
	ck_assert_int_eq(rsn_direct_aes_unwrap(out, 16, out, 16, out), -1); /* at least 24 */
	ck_assert_int_eq(rsn_direct_random(NULL, 1), -1);
}
END_TEST

/*
 * What the construction is for: a passphrase's PMK, with the PMK cache's tag, costs the
 * process no provider fetch, so a first connection's PBKDF2 runs beside OpenSSL's
 * initialisation (crypto-warm.h) instead of after it. Check forks each test: this process has
 * fetched nothing before.
 */
START_TEST(test_direct_psk_needs_no_fetch)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	uint8_t pmk[RSN_PMK_LEN];

	ck_assert_ptr_nonnull(c);
	ck_assert(!rsn_crypto_fetched());
	ck_assert_int_eq(rsn_pmk_cache_get(c, (const uint8_t *)"IEEE", 4, "password", pmk), 0);
	/* IEEE 802.11-2020 J.4.2, the first pass-phrase vector */
	test_check_hex(pmk, RSN_PMK_LEN,
		  "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e");
	ck_assert_int_eq(rsn_pmk_cache_get(c, (const uint8_t *)"IEEE", 4, "password", pmk), 0);
	ck_assert_uint_eq(rsn_pmk_cache_stats(c)->derivations, 1);
	ck_assert(!rsn_crypto_fetched());
	rsn_pmk_cache_free(c);
}
END_TEST

/*
 * And the 4-way handshake of AKM 00-0F-AC:2 with CCMP: PTK (PRF-384), the EAPOL-Key MIC
 * (HMAC-SHA-1-128) and the Key Data's unwrap fetch nothing either (the SNonce's draw:
 * test-handshake.c).
 */
START_TEST(test_direct_psk_handshake_needs_no_fetch)
{
	const struct rsn_akm_info *akm = rsn_akm_info_find(RSN_AKM_PSK);
	uint8_t pmk[32] = { 1 }, aa[6] = { 2 }, spa[6] = { 3 }, an[32] = { 4 }, sn[32] = { 7 };
	uint8_t frame[99] = { 5 }, mic[16], kd[24], plain[16] = { 6 }, back[16];
	struct rsn_ptk ptk;

	ck_assert_ptr_nonnull(akm);
	ck_assert(!rsn_crypto_fetched());
	ck_assert_int_eq(
		rsn_crypto_ptk_derive(akm, RSN_CIPHER_CCMP_128, pmk, 32, aa, spa, an, sn, &ptk), 0);
	ck_assert_int_eq(rsn_crypto_eapol_mic(akm, ptk.kck, frame, sizeof(frame), mic), 0);
	ck_assert_int_eq(rsn_crypto_aes_wrap(ptk.kek, ptk.kek_len, plain, 16, kd), 0);
	ck_assert_int_eq(rsn_crypto_aes_unwrap(ptk.kek, ptk.kek_len, kd, 24, back), 0);
	ck_assert_mem_eq(back, plain, 16);
	ck_assert(!rsn_crypto_fetched());
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsn-crypto-direct");
	TCase *tc = tcase_create("direct");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_direct_available);
	tcase_add_test(tc, test_direct_pbkdf2_rfc6070_nul);
	tcase_add_test(tc, test_direct_pbkdf2_matches_evp);
	tcase_add_test(tc, test_direct_pbkdf2_threaded_matches_evp);
	tcase_add_test(tc, test_direct_hmac_sha256_rfc4231);
	tcase_add_test(tc, test_direct_hmac_sha256_matches_evp);
	tcase_add_test(tc, test_direct_hmac_pieces);
	tcase_add_test(tc, test_direct_aes_unwrap_integrity);
	tcase_add_test(tc, test_direct_bad_arguments);
	tcase_add_test(tc, test_direct_psk_needs_no_fetch);
	tcase_add_test(tc, test_direct_psk_handshake_needs_no_fetch);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
