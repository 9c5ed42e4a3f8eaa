// SPDX-License-Identifier: BSD-3-Clause
/* src/nl80211/link.c: bringing an interface up. */
#include "nl80211/link.h"
#include "tests/unit/nl80211/test-nl.h"

#include <net/if.h>

START_TEST(test_loopback_is_up)
{
	bool was_up = false;

	/* lo is up in any namespace worth running tests in. */
	ck_assert_int_eq(nl80211_link_up(if_nametoindex("lo"), &was_up), 0);
	ck_assert(was_up);
}
END_TEST

START_TEST(test_no_such_interface)
{
	bool was_up = true;

	ck_assert_int_lt(nl80211_link_up(0x7ffffff0, &was_up), 0);
}
END_TEST

TEST_MAIN("nl80211-link", test_loopback_is_up, test_no_such_interface)
