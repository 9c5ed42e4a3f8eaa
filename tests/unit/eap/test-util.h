/* SPDX-License-Identifier: BSD-3-Clause */
/* Hex helpers shared by the eap unit tests (header-only: each test is one program). */
#ifndef EAP_TEST_UTIL_H
#define EAP_TEST_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline size_t test_unhex(const char *hex, uint8_t *out)
{
	size_t n = strlen(hex);

	if (n % 2)
		abort();
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			abort();
		out[i] = (uint8_t)v;
	}
	return n / 2;
}

static inline const char *test_hex(const uint8_t *p, size_t n)
{
	static char s[4096];

	if (n * 2 + 1 > sizeof(s))
		abort();
	for (size_t i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", p[i]);
	s[2 * n] = 0;
	return s;
}

#endif
