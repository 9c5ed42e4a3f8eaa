/* src/rsn/pmksa.c: PMKID per IEEE 802.11-2020 12.7.1.3, the cache's keys, expiry, eviction. */
#define _GNU_SOURCE
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/hmac.h>

#include "rsn/pmksa.h"

static const uint8_t aa[6] = { 2, 0, 0, 0, 0, 0 }, spa[6] = { 2, 0, 0, 0, 1, 0 };
static const uint8_t aa2[6] = { 2, 0, 0, 0, 0, 1 };

static void pmk_fill(uint8_t pmk[32], uint8_t seed)
{
	for (int i = 0; i < 32; i++)
		pmk[i] = (uint8_t)(seed + i);
}

/* "PMK Name" || AA || SPA under HMAC with the AKM's hash, truncated to 128 bits */
START_TEST(test_pmkid_is_truncated_hmac_of_pmk_name)
{
	uint8_t pmk[32], id[16], data[20], mac[32];
	unsigned int mac_len = 0;

	pmk_fill(pmk, 7);
	memcpy(data, "PMK Name", 8);
	memcpy(data + 8, aa, 6);
	memcpy(data + 14, spa, 6);
	ck_assert_int_eq(rsn_pmksa_pmkid(RSN_AKM_8021X, pmk, aa, spa, id), 0);
	ck_assert_ptr_nonnull(HMAC(EVP_sha1(), pmk, 32, data, sizeof(data), mac, &mac_len));
	ck_assert_mem_eq(id, mac, 16);
	ck_assert_int_eq(rsn_pmksa_pmkid(RSN_AKM_8021X_SHA256, pmk, aa, spa, id), 0);
	ck_assert_ptr_nonnull(HMAC(EVP_sha256(), pmk, 32, data, sizeof(data), mac, &mac_len));
	ck_assert_mem_eq(id, mac, 16);
	/* the AA/SPA order matters */
	ck_assert_int_eq(rsn_pmksa_pmkid(RSN_AKM_8021X_SHA256, pmk, spa, aa, id), 0);
	ck_assert(memcmp(id, mac, 16) != 0);
	ck_assert_int_eq(rsn_pmksa_pmkid(RSN_AKM_PSK, pmk, aa, spa, id), -1);
}
END_TEST

START_TEST(test_cache_keys_expiry_and_eviction)
{
	struct rsn_pmksa_cache *c = rsn_pmksa_cache_new(2);
	uint8_t pmk[32], id[16], got[32], gid[16];

	ck_assert_ptr_nonnull(c);
	pmk_fill(pmk, 1);
	memset(id, 0xa1, 16);
	ck_assert_int_eq(rsn_pmksa_add(c, aa, (const uint8_t *)"corp", 4, RSN_AKM_8021X, pmk, id,
				       100), 0);
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"corp", 4, RSN_AKM_8021X, 200, got,
				       gid), 0);
	ck_assert_mem_eq(got, pmk, 32);
	ck_assert_mem_eq(gid, id, 16);
	/* another AP, SSID or AKM is another PMKSA */
	ck_assert_int_eq(rsn_pmksa_get(c, aa2, (const uint8_t *)"corp", 4, RSN_AKM_8021X, 200, got,
				       gid), -1);
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"corq", 4, RSN_AKM_8021X, 200, got,
				       gid), -1);
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"corp", 4, RSN_AKM_8021X_SHA256,
				       200, got, gid), -1);
	/* the lifetime ends */
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"corp", 4, RSN_AKM_8021X,
				       100 + RSN_PMKSA_LIFETIME_S, got, gid), -1);
	/* full: the oldest goes */
	ck_assert_int_eq(rsn_pmksa_add(c, aa, (const uint8_t *)"a", 1, RSN_AKM_8021X, pmk, id, 10),
			 0);
	ck_assert_int_eq(rsn_pmksa_add(c, aa, (const uint8_t *)"b", 1, RSN_AKM_8021X, pmk, id, 20),
			 0);
	ck_assert_int_eq(rsn_pmksa_add(c, aa, (const uint8_t *)"c", 1, RSN_AKM_8021X, pmk, id, 30),
			 0);
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"a", 1, RSN_AKM_8021X, 40, got, gid),
			 -1);
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"c", 1, RSN_AKM_8021X, 40, got, gid),
			 0);
	/* the AP refused the PMKID: forget it */
	ck_assert_int_eq(rsn_pmksa_remove(c, aa, (const uint8_t *)"c", 1, RSN_AKM_8021X), 1);
	ck_assert_int_eq(rsn_pmksa_get(c, aa, (const uint8_t *)"c", 1, RSN_AKM_8021X, 40, got, gid),
			 -1);
	ck_assert_int_eq(rsn_pmksa_remove(c, aa, (const uint8_t *)"c", 1, RSN_AKM_8021X), 0);
	rsn_pmksa_cache_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmksa");
	TCase *tc = tcase_create("pmksa");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_pmkid_is_truncated_hmac_of_pmk_name);
	tcase_add_test(tc, test_cache_keys_expiry_and_eviction);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
