/* SPDX-License-Identifier: BSD-3-Clause */
/* Small helpers shared by the rsn unit tests (header-only: each test is one program). */
#ifndef RSN_TEST_UTIL_H
#define RSN_TEST_UTIL_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"

/* Decode hex into a buffer of at least strlen(hex)/2 octets; returns the length or aborts. */
static inline size_t test_unhex(const char *hex, uint8_t *out)
{
	size_t n = strlen(hex);

	if (n % 2) {
		fprintf(stderr, "odd hex string\n");
		abort();
	}
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1) {
			fprintf(stderr, "bad hex string\n");
			abort();
		}
		out[i] = (uint8_t)v;
	}
	return n / 2;
}

/* Lower-case hex of a buffer into a static string (one use per expression). */
static inline const char *test_hex(const uint8_t *p, size_t n)
{
	static char s[8192];

	if (n * 2 + 1 > sizeof(s))
		abort();
	for (size_t i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", p[i]);
	s[2 * n] = 0;
	return s;
}

/* The n octets at got, in lower-case hex, are want. */
static inline void test_check_hex(const uint8_t *got, size_t n, const char *want)
{
	ck_assert_uint_eq(strlen(want), 2 * n);
	ck_assert_str_eq(test_hex(got, n), want);
}

/* Run a suite to the end, then release OpenSSL's fetched algorithms; main's exit status. */
static inline int test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rsn_crypto_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
