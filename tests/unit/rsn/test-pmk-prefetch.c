// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/pmk-prefetch.c: the PMK derived ahead on a thread, collected into the cache. */
#define _GNU_SOURCE
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/pmk-cache.h"
#include "rsn/pmk-prefetch.h"
#include "tests/unit/rsn/test-util.h"

#define SSID(s) (const uint8_t *)(s), strlen(s)

/* IEEE 802.11-2020 J.4.2, the first vector: the PMK of "password" on "IEEE" */
#define J4_PMK "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"

START_TEST(test_collected_pmk_is_a_cache_hit)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	struct rsn_pmk_prefetch *p = rsn_pmk_prefetch_new(c);
	const struct rsn_pmk_cache_stats *cs = rsn_pmk_cache_stats(c);
	const struct rsn_pmk_prefetch_stats *ps = rsn_pmk_prefetch_stats(p);
	uint8_t pmk[32];

	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "password"), 0);
	/* the same key again: running, or already done; never a second derivation */
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "password"), 1);
	/* the pre-association's order: collect, then ask the cache */
	rsn_pmk_prefetch_collect(p, SSID("IEEE"), "password");
	ck_assert(rsn_pmk_cache_has(c, SSID("IEEE"), "password"));
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("IEEE"), "password", pmk), 0);
	ck_assert_str_eq(test_hex(pmk, 32), J4_PMK);
	ck_assert_uint_eq(cs->derivations, 0);
	ck_assert_uint_eq(cs->hits, 1);
	ck_assert_uint_eq(ps->started, 1);
	ck_assert_uint_eq(ps->collected, 1);
	/* cached now: nothing to start */
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "password"), 1);
	ck_assert_uint_eq(ps->started, 1);
	rsn_pmk_prefetch_free(p);
	rsn_pmk_cache_free(c);
}
END_TEST

START_TEST(test_another_key_is_not_taken_for_it)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	struct rsn_pmk_prefetch *p = rsn_pmk_prefetch_new(c);
	const struct rsn_pmk_cache_stats *cs = rsn_pmk_cache_stats(c);
	uint8_t a[32], b[32];

	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "password"), 0);
	/* another network connects first: it derives its own; the prefetched one is kept */
	rsn_pmk_prefetch_collect(p, SSID("IEEE"), "password2");
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("IEEE"), "password2", b), 0);
	ck_assert_uint_eq(cs->derivations, 1);
	rsn_pmk_prefetch_collect(p, SSID("IEEE"), "password");
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("IEEE"), "password", a), 0);
	ck_assert_uint_eq(cs->derivations, 1);
	ck_assert_str_eq(test_hex(a, 32), J4_PMK);
	ck_assert(memcmp(a, b, 32) != 0);
	/* a passphrase that extends the prefetched one is another key too */
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "password1"), 0);
	rsn_pmk_prefetch_collect(p, SSID("IEEE"), "password12");
	ck_assert(!rsn_pmk_cache_has(c, SSID("IEEE"), "password12"));
	rsn_pmk_prefetch_free(p);
	rsn_pmk_cache_free(c);
}
END_TEST

START_TEST(test_refused_input_starts_nothing)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	struct rsn_pmk_prefetch *p = rsn_pmk_prefetch_new(c);
	const struct rsn_pmk_prefetch_stats *ps = rsn_pmk_prefetch_stats(p);
	char long_pass[70];

	memset(long_pass, 'a', sizeof(long_pass) - 1);
	long_pass[sizeof(long_pass) - 1] = 0;
	ck_assert_ptr_null(rsn_pmk_prefetch_new(NULL));
	ck_assert_int_eq(rsn_pmk_prefetch_start(NULL, SSID("IEEE"), "password"), -1);
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, NULL, 4, "password"), -1);
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), NULL), -1);
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, (const uint8_t *)"", 0, "password"), -1);
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "short"), -1);
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), long_pass), -1);
	ck_assert_uint_eq(ps->started, 0);
	/* in range but not printable ASCII (J.4.1): the thread refuses, nothing is stored */
	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "pass\x01word"), 0);
	rsn_pmk_prefetch_collect(p, SSID("IEEE"), "pass\x01word");
	ck_assert_uint_eq(ps->collected, 0);
	ck_assert_uint_eq(rsn_pmk_cache_count(c), 0);
	rsn_pmk_prefetch_collect(NULL, SSID("IEEE"), "password");
	rsn_pmk_prefetch_free(NULL);
	rsn_pmk_prefetch_free(p);
	rsn_pmk_cache_free(c);
}
END_TEST

/* Freed while the thread runs (the plugin's DeinitService right after a validation). */
START_TEST(test_free_waits_for_the_thread)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(4);
	struct rsn_pmk_prefetch *p = rsn_pmk_prefetch_new(c);

	ck_assert_int_eq(rsn_pmk_prefetch_start(p, SSID("IEEE"), "password"), 0);
	rsn_pmk_prefetch_free(p);
	/* the result went to the cache the prefetcher served */
	ck_assert(rsn_pmk_cache_has(c, SSID("IEEE"), "password"));
	rsn_pmk_cache_free(c);
}
END_TEST

START_TEST(test_put_replaces_and_has_counts_nothing)
{
	struct rsn_pmk_cache *c = rsn_pmk_cache_new(2);
	const struct rsn_pmk_cache_stats *cs = rsn_pmk_cache_stats(c);
	uint8_t one[32], two[32], out[32], tag[32], tag2[32];

	memset(one, 1, sizeof(one));
	memset(two, 2, sizeof(two));
	ck_assert_int_eq(rsn_pmk_cache_tag(c, "password", tag), 0);
	ck_assert_int_eq(rsn_pmk_cache_tag(c, "password", tag2), 0);
	ck_assert_mem_eq(tag, tag2, 32);
	ck_assert_int_eq(rsn_pmk_cache_put_tagged(c, SSID("net"), tag, one), 0);
	ck_assert_int_eq(rsn_pmk_cache_put_tagged(c, SSID("net"), tag, two), 0);
	ck_assert_uint_eq(rsn_pmk_cache_count(c), 1);
	ck_assert(rsn_pmk_cache_has(c, SSID("net"), "password"));
	ck_assert(!rsn_pmk_cache_has(c, SSID("net"), "password1"));
	ck_assert_uint_eq(cs->hits, 0);
	ck_assert_int_eq(rsn_pmk_cache_get(c, SSID("net"), "password", out), 0);
	ck_assert_mem_eq(out, two, 32);
	ck_assert_uint_eq(cs->derivations, 0);
	ck_assert_int_eq(rsn_pmk_cache_put_tagged(c, NULL, 3, tag, one), -1);
	ck_assert_int_eq(rsn_pmk_cache_put_tagged(c, SSID("net"), tag, NULL), -1);
	ck_assert_int_eq(rsn_pmk_cache_tag(NULL, "password", tag), -1);
	ck_assert(!rsn_pmk_cache_has(NULL, SSID("net"), "password"));
	rsn_pmk_cache_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsn-pmk-prefetch");
	TCase *tc = tcase_create("prefetch");
	SRunner *sr;
	int nf;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_collected_pmk_is_a_cache_hit);
	tcase_add_test(tc, test_another_key_is_not_taken_for_it);
	tcase_add_test(tc, test_refused_input_starts_nothing);
	tcase_add_test(tc, test_free_waits_for_the_thread);
	tcase_add_test(tc, test_put_replaces_and_has_counts_nothing);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	rsn_crypto_cleanup();
	return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
