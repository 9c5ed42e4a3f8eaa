// SPDX-License-Identifier: BSD-3-Clause
/* The plugin's reason codes: all in the IHV range, unique, explained, handshake failures 1:1. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ihvlinux.h"
#include "rsn/reason.h"

START_TEST(test_codes_in_ihv_range_and_unique)
{
	size_t n = rsn_reason_count();

	ck_assert_uint_gt(n, 30);
	for (size_t i = 0; i < n; i++) {
		uint32_t c = rsn_reason_at(i);

		ck_assert_uint_ge(c, L2_REASON_CODE_IHV_BASE);
		ck_assert_uint_le(c, L2_REASON_CODE_IHV_END);
		for (size_t j = i + 1; j < n; j++)
			ck_assert_uint_ne(c, rsn_reason_at(j));
	}
	ck_assert_uint_eq(rsn_reason_at(n), 0);
}
END_TEST

START_TEST(test_every_code_has_name_meaning_and_error)
{
	for (size_t i = 0; i < rsn_reason_count(); i++) {
		uint32_t c = rsn_reason_at(i);

		ck_assert_ptr_nonnull(rsn_reason_name(c));
		ck_assert_str_ne(rsn_reason_str(c), "unknown reason code");
		ck_assert_uint_gt(strlen(rsn_reason_str(c)), 10);
		/* contract rule 29: a failure reason travels with a non-zero Win32 error */
		ck_assert_uint_ne(rsn_reason_win32(c), ERROR_SUCCESS);
		for (size_t j = i + 1; j < rsn_reason_count(); j++) {
			ck_assert_str_ne(rsn_reason_name(c), rsn_reason_name(rsn_reason_at(j)));
			ck_assert_str_ne(rsn_reason_str(c), rsn_reason_str(rsn_reason_at(j)));
		}
	}
}
END_TEST

START_TEST(test_handshake_failures_map_one_to_one)
{
	for (int f = 1; f <= RSN_FAIL_MAX; f++) {
		uint32_t c = rsn_reason_from_fail((enum rsn_fail)f);

		ck_assert_ptr_nonnull(rsn_reason_name(c));
		for (int h = f + 1; h <= RSN_FAIL_MAX; h++)
			ck_assert_uint_ne(c, rsn_reason_from_fail((enum rsn_fail)h));
	}
	ck_assert_uint_eq(rsn_reason_from_fail(RSN_FAIL_TIMEOUT_MSG3), RSN_REASON_HS_TIMEOUT_MSG3);
	ck_assert_uint_eq(rsn_reason_win32(RSN_REASON_HS_TIMEOUT_MSG3), ERROR_TIMEOUT);
}
END_TEST

START_TEST(test_psk_mismatch_and_unknown)
{
	ck_assert_str_eq(rsn_reason_str(RSN_REASON_PSK_MISMATCH),
			 "PSK mismatch: the AP rejected message 2 (wrong passphrase?)");
	ck_assert_uint_eq(rsn_reason_win32(RSN_REASON_CANCELLED), ERROR_CANCELLED);
	ck_assert_str_eq(rsn_reason_str(L2_REASON_CODE_IHV_END), "unknown reason code");
	ck_assert_ptr_null(rsn_reason_name(0));
}
END_TEST

/* ihvlinux.h's optional export, as ihvd calls it for its give-up message. */
START_TEST(test_reason_text_export)
{
	char buf[128];
	char tiny[4];

	ck_assert_uint_eq(Dot11ExtIhvLinuxReasonText(RSN_REASON_PSK_MISMATCH, buf, sizeof(buf)),
			  ERROR_SUCCESS);
	ck_assert_str_eq(buf, rsn_reason_str(RSN_REASON_PSK_MISMATCH));
	ck_assert_ptr_nonnull(strstr(buf, "wrong passphrase"));
	ck_assert_uint_eq(Dot11ExtIhvLinuxReasonText(0x38001, buf, sizeof(buf)), ERROR_NOT_FOUND);
	ck_assert_uint_eq(Dot11ExtIhvLinuxReasonText(RSN_REASON_PSK_MISMATCH, tiny, sizeof(tiny)),
			  ERROR_INSUFFICIENT_BUFFER);
	ck_assert_uint_lt(strlen(tiny), sizeof(tiny)); /* still terminated */
	ck_assert_uint_eq(Dot11ExtIhvLinuxReasonText(RSN_REASON_PSK_MISMATCH, NULL, 0),
			  ERROR_INSUFFICIENT_BUFFER);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("reason");
	TCase *tc = tcase_create("codes");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_codes_in_ihv_range_and_unique);
	tcase_add_test(tc, test_every_code_has_name_meaning_and_error);
	tcase_add_test(tc, test_handshake_failures_map_one_to_one);
	tcase_add_test(tc, test_psk_mismatch_and_unknown);
	tcase_add_test(tc, test_reason_text_export);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
