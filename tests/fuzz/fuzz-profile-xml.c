// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the reference plugin's two profile fragment parsers
 * (src/rsn/profile-xml.c, urn:ihvd:conn:1 and urn:ihvd:rsn:1), in UTF-8 and
 * through the contract's UTF-16 form. The first byte picks the parser.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/profile-xml.h"
#include "tests/fuzz/fuzz-main.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rsn_conn_profile conn;
	struct rsn_sec_profile sec;
	uint16_t *w;
	size_t n;

	if (size < 1)
		return 0;
	n = size - 1;
	switch (data[0] & 3) {
	case 0:
		(void)rsn_profile_conn_parse((const char *)data + 1, n, &conn);
		break;
	case 1:
		(void)rsn_profile_sec_parse((const char *)data + 1, n, &sec);
		rsn_sec_profile_clear(&sec);
		break;
	default:
		/* the bytes as UTF-16 units, NUL-terminated */
		w = calloc(n / 2 + 1, sizeof(*w));
		if (!w)
			return 0;
		memcpy(w, data + 1, n / 2 * 2);
		if (data[0] & 1) {
			(void)rsn_profile_sec_parse16(w, &sec);
			rsn_sec_profile_clear(&sec);
		} else {
			(void)rsn_profile_conn_parse16(w, &conn);
		}
		free(w);
		break;
	}
	return 0;
}
