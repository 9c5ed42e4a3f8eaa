// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/pmksa.c: the PMKSA cache SAE and EAP fill and a reconnect reads (12.6.10.3),
 * and the 802.1X PMKID of 12.7.1.3. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/hmac.h>

#include "rsn/crypto.h"
#include "common/suite.h"
#include "rsn/pmksa.h"
#include "tests/unit/rsn/test-util.h"

#define SSID(s) (const uint8_t *)(s), strlen(s)
#define AKM_SAE 0x000fac08u

static const uint8_t B1[6] = { 2, 0, 0, 0, 0, 1 }, B2[6] = { 2, 0, 0, 0, 0, 2 };

static void fill(uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(v + i);
}

START_TEST(test_add_get_expire)
{
	struct rsn_pmksa_cache *c = rsn_pmksa_cache_new(4);
	uint8_t pmk[32], pmkid[16], gp[32], gi[16];

	fill(pmk, 32, 1);
	fill(pmkid, 16, 100);
	ck_assert_int_eq(rsn_pmksa_add(c, B1, SSID("net"), AKM_SAE, pmk, pmkid, 1000, 60), 0);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), AKM_SAE, 1059, gp, gi), 0);
	ck_assert_mem_eq(gp, pmk, 32);
	ck_assert_mem_eq(gi, pmkid, 16);
	/* the key is (BSSID, SSID, AKM) */
	ck_assert_int_eq(rsn_pmksa_get(c, B2, SSID("net"), AKM_SAE, 1000, gp, gi), -1);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("other"), AKM_SAE, 1000, gp, gi), -1);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), 0x000fac02u, 1000, gp, gi), -1);
	/* the lifetime ends it, and it is gone after */
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), AKM_SAE, 1060, gp, gi), -1);
	ck_assert_uint_eq(rsn_pmksa_count(c), 0);
	rsn_pmksa_cache_free(c);
}
END_TEST

/*
 * SAE-EXT-KEY (AKM 00-0F-AC:24): the PMK is as long as the SAE group's hash (IEEE 802.11-2024
 * 12.4.5.4), so entries keep 32, 48 or 64 octets and give back their length; the 32-octet
 * getter does not hand out a truncated longer PMK.
 */
START_TEST(test_sae_ext_key_long_pmk)
{
	struct rsn_pmksa_cache *c = rsn_pmksa_cache_new(4);
	uint8_t pmk[64], pmkid[16], gp[64], gi[16];
	size_t len = 0;

	fill(pmk, 64, 7);
	fill(pmkid, 16, 50);
	ck_assert_int_eq(rsn_pmksa_add_len(c, B1, SSID("net"), 0x000fac18u, pmk, 64, pmkid, 10,
					   60), 0);
	ck_assert_int_eq(rsn_pmksa_add_len(c, B2, SSID("net"), 0x000fac18u, pmk, 48, pmkid, 10,
					   60), 0);
	ck_assert_int_eq(rsn_pmksa_get_len(c, B1, SSID("net"), 0x000fac18u, 20, gp, &len, gi), 0);
	ck_assert_uint_eq(len, 64);
	ck_assert_mem_eq(gp, pmk, 64);
	ck_assert_mem_eq(gi, pmkid, 16);
	ck_assert_int_eq(rsn_pmksa_get_len(c, B2, SSID("net"), 0x000fac18u, 20, gp, &len, gi), 0);
	ck_assert_uint_eq(len, 48);
	/* AKM 8's entry for the same AP is another one */
	ck_assert_int_eq(rsn_pmksa_get_len(c, B1, SSID("net"), AKM_SAE, 20, gp, &len, gi), -1);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), 0x000fac18u, 20, gp, gi), -1);
	ck_assert_int_eq(rsn_pmksa_add_len(c, B1, SSID("net"), 0x000fac18u, pmk, 40, pmkid, 10,
					   60), -1);
	rsn_pmksa_cache_free(c);
}
END_TEST

START_TEST(test_replace_remove_evict_flush)
{
	struct rsn_pmksa_cache *c = rsn_pmksa_cache_new(2);
	uint8_t pmk[32], pmkid[16], gp[32], gi[16];
	const uint8_t b3[6] = { 2, 0, 0, 0, 0, 3 };

	fill(pmk, 32, 1);
	fill(pmkid, 16, 100);
	ck_assert_int_eq(rsn_pmksa_add(c, B1, SSID("net"), AKM_SAE, pmk, pmkid, 10, 100), 0);
	fill(pmk, 32, 50); /* a new SAE with the same AP replaces the entry */
	ck_assert_int_eq(rsn_pmksa_add(c, B1, SSID("net"), AKM_SAE, pmk, pmkid, 20, 100), 0);
	ck_assert_uint_eq(rsn_pmksa_count(c), 1);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), AKM_SAE, 30, gp, gi), 0);
	ck_assert_mem_eq(gp, pmk, 32);
	ck_assert_int_eq(rsn_pmksa_add(c, B2, SSID("net"), AKM_SAE, pmk, pmkid, 25, 100), 0);
	/* full: the oldest (B1, added at 20) goes */
	ck_assert_int_eq(rsn_pmksa_add(c, b3, SSID("net"), AKM_SAE, pmk, pmkid, 30, 100), 0);
	ck_assert_uint_eq(rsn_pmksa_count(c), 2);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), AKM_SAE, 31, gp, gi), -1);
	ck_assert_int_eq(rsn_pmksa_get(c, B2, SSID("net"), AKM_SAE, 31, gp, gi), 0);
	/* the AP refused it (status 53) */
	ck_assert_int_eq(rsn_pmksa_remove(c, B2, SSID("net"), AKM_SAE), 1);
	ck_assert_int_eq(rsn_pmksa_remove(c, B2, SSID("net"), AKM_SAE), 0);
	rsn_pmksa_flush_ssid(c, SSID("net"));
	ck_assert_uint_eq(rsn_pmksa_count(c), 0);
	/* PMKSA_FLUSH: every SSID goes, and a flushed entry is not found again */
	ck_assert_int_eq(rsn_pmksa_add(c, B1, SSID("net"), AKM_SAE, pmk, pmkid, 40, 100), 0);
	ck_assert_int_eq(rsn_pmksa_add(c, B2, SSID("other"), AKM_SAE, pmk, pmkid, 40, 100), 0);
	ck_assert_uint_eq(rsn_pmksa_count(c), 2);
	rsn_pmksa_flush(c);
	ck_assert_uint_eq(rsn_pmksa_count(c), 0);
	ck_assert_int_eq(rsn_pmksa_get(c, B1, SSID("net"), AKM_SAE, 41, gp, gi), -1);
	rsn_pmksa_flush(NULL);
	/* bad input is refused, not a crash */
	ck_assert_int_eq(rsn_pmksa_add(c, B1, NULL, 0, AKM_SAE, pmk, pmkid, 1, 1), -1);
	ck_assert_int_eq(rsn_pmksa_add(NULL, B1, SSID("net"), AKM_SAE, pmk, pmkid, 1, 1), -1);
	ck_assert_int_eq(rsn_pmksa_get(NULL, B1, SSID("net"), AKM_SAE, 1, gp, gi), -1);
	ck_assert_ptr_null(rsn_pmksa_cache_new(0));
	rsn_pmksa_cache_free(c);
}
END_TEST

/* "PMK Name" || AA || SPA under HMAC with the AKM's hash, truncated to 128 bits */
START_TEST(test_pmkid_8021x_is_truncated_hmac_of_pmk_name)
{
	static const uint8_t aa[6] = { 2, 0, 0, 0, 0, 0 }, spa[6] = { 2, 0, 0, 0, 1, 0 };
	uint8_t pmk[32], id[16], data[20], mac[32];
	unsigned int mac_len = 0;

	fill(pmk, sizeof(pmk), 7);
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

int main(void)
{
	Suite *s = suite_create("pmksa");
	TCase *tc = tcase_create("pmksa");

	tcase_add_test(tc, test_add_get_expire);
	tcase_add_test(tc, test_sae_ext_key_long_pmk);
	tcase_add_test(tc, test_replace_remove_evict_flush);
	tcase_add_test(tc, test_pmkid_8021x_is_truncated_hmac_of_pmk_name);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
