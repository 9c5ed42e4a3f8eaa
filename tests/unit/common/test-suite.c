// SPDX-License-Identifier: BSD-3-Clause
/* src/common/suite.c: the one table of cipher and AKM suite names. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/suite.h"

START_TEST(test_cipher_names_both_ways)
{
	static const char *const names[] = { "CCMP", "GCMP", "GCMP-256", "CCMP-256",
					     "TKIP", "WEP40", "WEP104" };
	size_t i;

	ck_assert_str_eq(suite_cipher_name(RSN_CIPHER_CCMP_128), "CCMP");
	ck_assert_str_eq(suite_cipher_name(RSN_CIPHER_GCMP_256), "GCMP-256");
	ck_assert_str_eq(suite_cipher_name(RSN_CIPHER_CCMP_256), "CCMP-256");
	ck_assert_str_eq(suite_cipher_name(RSN_CIPHER_TKIP), "TKIP");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_str_eq(suite_cipher_name(suite_cipher_from_name(names[i])), names[i]);
	ck_assert_uint_eq(suite_cipher_from_name("CCMP"), 0x000fac04);
	ck_assert_uint_eq(suite_cipher_from_name("ccmp"), 0);
	ck_assert_uint_eq(suite_cipher_from_name("FOO"), 0);
	ck_assert_uint_eq(suite_cipher_from_name(NULL), 0);
}
END_TEST

START_TEST(test_akm_names_per_audience)
{
	/* The same suite, as a config file, STATUS and SCAN_RESULTS spell it. */
	ck_assert_str_eq(suite_akm_conf_name(RSN_AKM_PSK), "WPA-PSK");
	ck_assert_str_eq(suite_akm_status_name(RSN_AKM_PSK), "WPA2-PSK");
	ck_assert_str_eq(suite_akm_flag_name(RSN_AKM_PSK), "PSK");
	ck_assert_str_eq(suite_akm_conf_name(RSN_AKM_PSK_SHA256), "WPA-PSK-SHA256");
	ck_assert_str_eq(suite_akm_status_name(RSN_AKM_PSK_SHA256), "WPA2-PSK-SHA256");
	ck_assert_str_eq(suite_akm_flag_name(RSN_AKM_PSK_SHA256), "PSK-SHA256");
	ck_assert_str_eq(suite_akm_flag_name(RSN_SUITE(4)), "FT/PSK");
	ck_assert_str_eq(suite_akm_status_name(RSN_AKM_SAE), "SAE");
	ck_assert_uint_eq(suite_akm_from_conf_name("WPA-PSK-SHA256"), 0x000fac06);
	ck_assert_uint_eq(suite_akm_from_conf_name("SAE"), 0x000fac08);
	ck_assert_uint_eq(suite_akm_from_conf_name("WPA2-PSK"), 0);
}
END_TEST

START_TEST(test_wpa_vendor_oui_and_unknown)
{
	/* 00-50-F2:2 is PSK / TKIP in the WPA vendor element. */
	ck_assert_str_eq(suite_akm_flag_name(WPA_SUITE(2)), "PSK");
	ck_assert_str_eq(suite_cipher_name(WPA_SUITE(2)), "TKIP");
	ck_assert_str_eq(suite_cipher_name(WPA_SUITE(4)), "CCMP");
	/* Another OUI, a reserved number: no name. */
	ck_assert_ptr_null(suite_cipher_name(0x00123404));
	ck_assert_ptr_null(suite_akm_flag_name(RSN_SUITE(200)));
	ck_assert_ptr_null(suite_akm_status_name(0));
	ck_assert_ptr_null(suite_cipher_name(RSN_CIPHER_USE_GROUP));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common-suite");
	TCase *tc = tcase_create("suite");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_cipher_names_both_ways);
	tcase_add_test(tc, test_akm_names_per_audience);
	tcase_add_test(tc, test_wpa_vendor_oui_and_unknown);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
