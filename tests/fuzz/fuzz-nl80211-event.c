// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: nl80211 notifications (src/nl80211/event.c), the parser every
 * multicast event from the kernel goes through, and the Deauthentication/
 * Disassociation reason reader and the SME's Authentication frame parser
 * applied to whatever frame it yields.
 */
#include <stddef.h>
#include <stdint.h>

#include "nl80211/event.h"
#include "nl80211/msg.h"
#include "tests/fuzz/fuzz-main.h"
#include "tests/fuzz/fuzz-nl80211-msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_nl_msg(data, size);
	struct nl80211_event ev;
	unsigned bad = 0;

	if (!nlh)
		return 0;
	if (nl80211_event_parse(nlh, &ev, fuzz_nl_bad, &bad) == 0 && ev.frame) {
		uint16_t reason;
		uint8_t sa[6];

		struct drv_event de;

		(void)nl80211_event_mgmt_reason(ev.frame, ev.frame_len, &reason, sa);
		/* an Authentication frame from the air (userspace SME, SAE) */
		memset(&de, 0, sizeof(de));
		if (nl80211_msg_auth_frame_parse(ev.frame, ev.frame_len, &de) == 0 &&
		    de.auth.body + de.auth.body_len != ev.frame + ev.frame_len)
			__builtin_trap();
	}
	(void)nl80211_cmd_name(data[0]);
	free(nlh);
	return 0;
}
