// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/pmk-cache.c: hits cost no PBKDF2, bounded LRU, no passphrase kept. */
#define _GNU_SOURCE
#include <check.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/pmk-cache.h"
#include "tests/unit/rsn/test-util.h"

#define SSID(s) (const uint8_t *)(s), strlen(s)

START_TEST(test_hit_costs_no_pbkdf2)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	const struct rsn_pmk_cache_stats *st = rsn_pmk_cache_stats(c);
	uint8_t pmk[32], again[32];

	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("ThisIsASSID"), "ThisIsAPassword", pmk), 0);
	/* IEEE 802.11 Annex J vector */
	ck_assert_str_eq(test_hex(pmk, 32),
			 "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af");
	ck_assert_uint_eq(st->derivations, 1);
	ck_assert_uint_eq(st->hits, 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("ThisIsASSID"), "ThisIsAPassword", again), 0);
	ck_assert_mem_eq(again, pmk, 32);
	ck_assert_uint_eq(st->derivations, 1);
	ck_assert_uint_eq(st->hits, 1);
	ck_assert_uint_eq(rsn_pmk_cache_count(c), 1);
	rsn_pmk_cache_free(c);
}
END_TEST

START_TEST(test_key_is_ssid_and_passphrase)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	const struct rsn_pmk_cache_stats *st = rsn_pmk_cache_stats(c);
	uint8_t a[32], b[32], d[32];

	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "password1", a), 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "password2", b), 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net2"), "password1", d), 0);
	ck_assert_uint_eq(st->derivations, 3);
	ck_assert(memcmp(a, b, 32) != 0);
	ck_assert(memcmp(a, d, 32) != 0);
	/* a passphrase that is a prefix of another is a different key */
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "password12", b), 0);
	ck_assert_uint_eq(st->derivations, 4);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "password1", b), 0);
	ck_assert_mem_eq(a, b, 32);
	ck_assert_uint_eq(st->hits, 1);
	rsn_pmk_cache_free(c);
}
END_TEST

/* The tag key is drawn per cache (the kernel's generator): one process's tags say nothing
 * about another's, and a key left at zero would tag alike. */
START_TEST(test_tag_key_random_per_cache)
{
	struct rsn_pmk_cache *c1 = rsn_pmk_cache_new(2), *c2 = rsn_pmk_cache_new(2);
	uint8_t t1[32], t2[32], again[32];

	ck_assert_ptr_nonnull(c1);
	ck_assert_ptr_nonnull(c2);
	ck_assert_int_eq(rsn_pmk_cache_tag(c1, "password1", t1), 0);
	ck_assert_int_eq(rsn_pmk_cache_tag(c2, "password1", t2), 0);
	ck_assert(memcmp(t1, t2, 32) != 0);
	ck_assert_int_eq(rsn_pmk_cache_tag(c1, "password1", again), 0);
	ck_assert_mem_eq(t1, again, 32); /* stable within one cache */
	rsn_pmk_cache_free(c1);
	rsn_pmk_cache_free(c2);
}
END_TEST

START_TEST(test_bounded_lru)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(2);
	const struct rsn_pmk_cache_stats *st = rsn_pmk_cache_stats(c);
	uint8_t pmk[32];

	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("a"), "passphrase", pmk), 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("b"), "passphrase", pmk), 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("a"), "passphrase", pmk), 0); /* a is recent */
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("c"), "passphrase", pmk), 0); /* evicts b */
	ck_assert_uint_eq(rsn_pmk_cache_count(c), 2);
	ck_assert_uint_eq(st->evictions, 1);
	ck_assert_uint_eq(st->derivations, 3);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("a"), "passphrase", pmk), 0);
	ck_assert_uint_eq(st->derivations, 3);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("b"), "passphrase", pmk), 0);
	ck_assert_uint_eq(st->derivations, 4);
	rsn_pmk_cache_free(c);
}
END_TEST

START_TEST(test_remove_and_invalid)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(2);
	const struct rsn_pmk_cache_stats *st = rsn_pmk_cache_stats(c);
	uint8_t pmk[32];

	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "passphrase", pmk), 0);
	ck_assert_int_eq(rsn_pmk_cache_remove(c, SSID("net"), "passphrase"), 1);
	ck_assert_int_eq(rsn_pmk_cache_remove(c, SSID("net"), "passphrase"), 0);
	ck_assert_uint_eq(rsn_pmk_cache_count(c), 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "passphrase", pmk), 0);
	ck_assert_uint_eq(st->derivations, 2);
	/* invalid passphrases and SSIDs are rejected and not cached */
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "short", pmk), -1);
	ck_assert_int_eq(rsn_pmk_cache_get(c, (const uint8_t *)"", 0, "passphrase", pmk), -1);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("012345678901234567890123456789012"),
					   "passphrase", pmk),
			 -1);
	ck_assert_uint_eq(rsn_pmk_cache_count(c), 1);
	ck_assert_ptr_null(rsn_pmk_cache_new(0));
	rsn_pmk_cache_free(NULL);
	rsn_pmk_cache_free(c);
}
END_TEST

/* The cache holds a keyed hash of the passphrase, never the passphrase itself. */
START_TEST(test_no_passphrase_in_memory)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	const char *pass = "correct horse battery";
	uint8_t pmk[32];

	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("ihvd-test"), pass, pmk), 0);
	ck_assert_str_eq(test_hex(pmk, 32),
			 "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698");
	ck_assert_ptr_null(memmem(c, malloc_usable_size(c), pass, strlen(pass)));
	ck_assert_ptr_null(memmem(c, malloc_usable_size(c), "correct", 7));
	/* but the PMK is there (the cache would be useless otherwise) */
	ck_assert_ptr_nonnull(memmem(c, malloc_usable_size(c), pmk, 32));
	rsn_pmk_cache_free(c);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-pmk-cache");
	TCase *tc = tcase_create("cache");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hit_costs_no_pbkdf2);
	tcase_add_test(tc, test_key_is_ssid_and_passphrase);
	tcase_add_test(tc, test_tag_key_random_per_cache);
	tcase_add_test(tc, test_bounded_lru);
	tcase_add_test(tc, test_remove_and_invalid);
	tcase_add_test(tc, test_no_passphrase_in_memory);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rsn_crypto_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
