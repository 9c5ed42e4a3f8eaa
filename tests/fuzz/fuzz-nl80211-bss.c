// SPDX-License-Identifier: BSD-3-Clause
/* Fuzz target: GET_SCAN dump entries (src/nl80211/bss.c), IEs kept as views. */
#include <stddef.h>
#include <stdint.h>

#include "nl80211/bss.h"
#include "tests/fuzz/fuzz-main.h"
#include "tests/fuzz/fuzz-nl80211-msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nl_msg(data, size);
	struct drv_bss bss;
	unsigned bad = 0;

	if (!nlh)
		return 0;
	memset(&bss, 0, sizeof(bss));
	(void)nl80211_bss_parse(nlh, &bss, fuzz_nl_bad, &bad);
	free(nlh);
	return 0;
}
