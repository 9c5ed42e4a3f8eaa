// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the information-element codec (src/common/ie.c: RSNE, RSNXE)
 * and the Key Data KDE parser (src/rsn/kde.c). A parsed RSNE is rebuilt and
 * parsed again: the round trip must agree.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "common/ie.h"
#include "rsn/kde.h"
#include "tests/fuzz/fuzz-main.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rsn_ie r, r2;
	struct rsnx_ie x;
	struct kde_info k;
	uint8_t buf[512];
	size_t n;

	if (rsn_ie_parse(data, size, &r) == RSN_IE_OK &&
	    rsn_ie_build(&r, buf, sizeof(buf), &n) == RSN_IE_OK) {
		if (rsn_ie_parse(buf, n, &r2) != RSN_IE_OK || r2.n_akm != r.n_akm ||
		    r2.n_pairwise != r.n_pairwise || r2.group_cipher != r.group_cipher)
			__builtin_trap();
	}
	if (rsnx_ie_parse(data, size, &x) == RSN_IE_OK)
		(void)rsnx_ie_build(&x, buf, sizeof(buf), &n);
	memset(&k, 0, sizeof(k));
	(void)kde_parse(data, size, &k);
	return 0;
}
