/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One Check suite of one test case, run: the main() the daemon's unit tests
 * share (test-scan, test-select, test-station). Header-only.
 */
#ifndef IHVD_TEST_CHECK_RUN_H
#define IHVD_TEST_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

#include "common/log.h"

static inline int check_run(const char *name, void (*setup)(void), void (*teardown)(void),
			    const TTest *const *tests, size_t n_tests)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create(name);
	SRunner *sr;
	size_t i;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	for (i = 0; i < n_tests; i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	log_level_set(LOG_LEVEL_ERROR);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#define CHECK_RUN(name, setup, teardown, ...)                                            \
	check_run(name, setup, teardown, (const TTest *const[]){ __VA_ARGS__ },           \
		  sizeof((const TTest *const[]){ __VA_ARGS__ }) / sizeof(const TTest *))

#endif
