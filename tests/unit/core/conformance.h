/*
 * What the conformance programs (test-conformance-*.c, one per group of
 * docs/contract.md §10) share: the harness, the service table, one hx, a
 * test case per rule with its own timeout, and the runner.
 */
#ifndef IHVD_TESTS_UNIT_CORE_CONFORMANCE_H
#define IHVD_TESTS_UNIT_CORE_CONFORMANCE_H

#include "tests/unit/core/harness.h"

#include <arpa/inet.h>

#define API ihv_service_apis

static struct hx X;

/* One test case per rule test, so a hang in one names it. */
#define CONFORMANCE_TEST(suite, name)                      \
	do {                                               \
		TCase *t_ = tcase_create(#name);           \
		tcase_set_timeout(t_, 10);                 \
		tcase_add_test(t_, name);                  \
		suite_add_tcase(suite, t_);                \
	} while (0)

static inline int conformance_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

#endif
