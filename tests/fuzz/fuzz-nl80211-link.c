// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the link queries' replies (src/nl80211/link-parse.c), the
 * same message read as GET_STATION, GET_SURVEY and GET_REG.
 */
#include <stddef.h>
#include <stdint.h>

#include "nl80211/link-parse.h"
#include "tests/fuzz/fuzz-main.h"
#include "tests/fuzz/fuzz-nl80211-msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nl_msg(data, size);
	struct drv_link_info li;
	char alpha2[3];
	unsigned bad = 0;

	if (!nlh)
		return 0;
	memset(&li, 0, sizeof(li));
	nl80211_link_parse_station(nlh, &li, fuzz_nl_bad, &bad);
	nl80211_link_parse_survey(nlh, &li, fuzz_nl_bad, &bad);
	(void)nl80211_link_parse_reg(nlh, alpha2, fuzz_nl_bad, &bad);
	free(nlh);
	return 0;
}
