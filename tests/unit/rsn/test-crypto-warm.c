// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/crypto-warm.c: the plugin's algorithms fetched on a thread, ahead of first use. */
#include <check.h>
#include <stdlib.h>

#include "rsn/crypto-warm.h"
#include "rsn/crypto.h"

START_TEST(test_warm_fetches_on_its_thread)
{
	uint8_t mac[20];

	rsn_crypto_cleanup();
	ck_assert(!rsn_crypto_fetched());
	ck_assert(!rsn_crypto_warm_rand_ready());
	rsn_crypto_warm_start();
	rsn_crypto_warm_join();
	ck_assert(rsn_crypto_fetched()); /* before any primitive ran */
	ck_assert(rsn_crypto_warm_rand_ready()); /* and OpenSSL's DRBGs were set up */
	ck_assert_int_eq(rsn_crypto_hmac_sha1((const uint8_t *)"k", 1, (const uint8_t *)"d", 1, mac),
			 0);
	/* after a cleanup (DeinitService) a new start fetches again */
	rsn_crypto_cleanup();
	ck_assert(!rsn_crypto_fetched());
	rsn_crypto_warm_start();
	rsn_crypto_warm_start(); /* once until joined */
	rsn_crypto_warm_join();
	ck_assert(rsn_crypto_fetched());
	rsn_crypto_warm_join(); /* nothing running: returns */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsn-crypto-warm");
	TCase *tc = tcase_create("warm");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_warm_fetches_on_its_thread);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	rsn_crypto_cleanup();
	return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
