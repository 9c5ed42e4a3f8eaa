// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/crypto-direct.c: HMAC and PBKDF2 without a provider, against vectors and EVP. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "rsn/crypto-direct.h"
#include "rsn/crypto.h"
#include "rsn/pmk-cache.h"
#include "tests/unit/rsn/test-util.h"

static void check_hex(const uint8_t *got, size_t n, const char *want)
{
	ck_assert_uint_eq(strlen(want), 2 * n);
	ck_assert_str_eq(test_hex(got, n), want);
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
	check_hex(out, 16, "56fa6aa75548099dcc37d7f03425e0c3");
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

/* RFC 4231 test cases 1, 2 and 6 (a 131-octet key, hashed first). */
START_TEST(test_direct_hmac_sha256_rfc4231)
{
	uint8_t key[131], out[32];

	memset(key, 0x0b, 20);
	ck_assert_int_eq(rsn_direct_hmac_sha256(key, 20, (const uint8_t *)"Hi There", 8, out), 0);
	check_hex(out, 32, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	ck_assert_int_eq(rsn_direct_hmac_sha256((const uint8_t *)"Jefe", 4,
						(const uint8_t *)"what do ya want for nothing?",
						28, out),
			 0);
	check_hex(out, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(key, 0xaa, sizeof(key));
	ck_assert_int_eq(rsn_direct_hmac_sha256(
				 key, sizeof(key),
				 (const uint8_t *)"Test Using Larger Than Block-Size Key - Hash Key First",
				 54, out),
			 0);
	check_hex(out, 32, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
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

		ck_assert_int_eq(rsn_direct_hmac_sha256(key, kl, data, dl, a), 0);
		ck_assert_ptr_nonnull(HMAC(EVP_sha256(), key, (int)kl, data, dl, b, &n));
		ck_assert_uint_eq(n, 32);
		ck_assert_mem_eq(a, b, 32);
	}
}
END_TEST

START_TEST(test_direct_bad_arguments)
{
	uint8_t out[32];

	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, "salt", 4, 0, out, 20), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, "salt", 4, 1, out, 0), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, "salt", 4, 1, NULL, 20), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1(NULL, 8, "salt", 4, 1, out, 20), -1);
	ck_assert_int_eq(rsn_direct_pbkdf2_sha1("password", 8, NULL, 4, 1, out, 20), -1);
	ck_assert_int_eq(rsn_direct_hmac_sha256(NULL, 3, out, 1, out), -1);
	ck_assert_int_eq(rsn_direct_hmac_sha256(out, 3, NULL, 1, out), -1);
	ck_assert_int_eq(rsn_direct_hmac_sha256(out, 3, out, 1, NULL), -1);
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
	check_hex(pmk, RSN_PMK_LEN,
		  "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e");
	ck_assert_int_eq(rsn_pmk_cache_get(c, (const uint8_t *)"IEEE", 4, "password", pmk), 0);
	ck_assert_uint_eq(rsn_pmk_cache_stats(c)->derivations, 1);
	ck_assert(!rsn_crypto_fetched());
	rsn_pmk_cache_free(c);
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
	tcase_add_test(tc, test_direct_hmac_sha256_rfc4231);
	tcase_add_test(tc, test_direct_hmac_sha256_matches_evp);
	tcase_add_test(tc, test_direct_bad_arguments);
	tcase_add_test(tc, test_direct_psk_needs_no_fetch);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
