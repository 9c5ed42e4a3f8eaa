// SPDX-License-Identifier: BSD-3-Clause
/* src/common/reason-names.c: IEEE 802.11 reason and status code meanings. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/reason-names.h"

START_TEST(test_reason_codes)
{
	/* IEEE 802.11-2020 Table 9-49. */
	ck_assert_str_eq(reason_names_reason(3),
			 "deauthenticated because the sending STA is leaving");
	ck_assert_str_eq(reason_names_reason(15), "4-way handshake timeout");
	ck_assert_str_eq(reason_names_reason(24),
			 "cipher suite rejected because of the security policy");
	ck_assert_str_eq(reason_names_reason(200), "other reason");
}
END_TEST

START_TEST(test_status_codes)
{
	/* IEEE 802.11-2020 Table 9-50. */
	ck_assert_str_eq(reason_names_status(0), "success");
	ck_assert_str_eq(reason_names_status(17), "AP unable to handle additional associated STAs");
	ck_assert_str_eq(reason_names_status(43), "invalid AKMP");
	ck_assert_str_eq(reason_names_status(1000), "other status");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common-reason-names");
	TCase *tc = tcase_create("reason-names");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_reason_codes);
	tcase_add_test(tc, test_status_codes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
