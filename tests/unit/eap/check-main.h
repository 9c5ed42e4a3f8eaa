/* SPDX-License-Identifier: BSD-3-Clause */
/* main() for the small eap test programs: TEST_LIST(X) names the tests (header-only). */
#ifndef EAP_CHECK_MAIN_H
#define EAP_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define TEST_ADD(t) tcase_add_test(tc, t);
#define TEST_MAIN(suite_name)                                      \
	int main(void)                                             \
	{                                                          \
		Suite *s = suite_create(suite_name);               \
		TCase *tc = tcase_create("main");                  \
		SRunner *sr;                                       \
		int failed;                                        \
		TEST_LIST(TEST_ADD)                                \
		suite_add_tcase(s, tc);                            \
		sr = srunner_create(s);                            \
		srunner_run_all(sr, CK_NORMAL);                    \
		failed = srunner_ntests_failed(sr);                \
		srunner_free(sr);                                  \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;       \
	}

#endif
