// SPDX-License-Identifier: BSD-3-Clause
/* -i with a shell pattern (src/daemon/iface-pattern.c). */
#include <check.h>
#include <string.h>

#include "daemon/iface-pattern.h"
#include "tests/unit/daemon/check-run.h"

static void setup(void)
{
}

static void teardown(void)
{
}

START_TEST(test_is_pattern)
{
	ck_assert(iface_pattern_is("wlan*"));
	ck_assert(iface_pattern_is("wlan?"));
	ck_assert(iface_pattern_is("wl[ax]*"));
	ck_assert(!iface_pattern_is("wlan0"));
	ck_assert(!iface_pattern_is("wlx00c0ca123456"));
	ck_assert(!iface_pattern_is(NULL));
}
END_TEST

START_TEST(test_match)
{
	ck_assert(iface_pattern_match("wlan*", "wlan0"));
	ck_assert(iface_pattern_match("wlan*", "wlan12"));
	ck_assert(!iface_pattern_match("wlan*", "eth0"));
	ck_assert(!iface_pattern_match("wlan?", "wlan12"));
	ck_assert(iface_pattern_match("wlx*", "wlx00c0ca123456"));
	ck_assert(!iface_pattern_match("wl[ab]0", "wlc0"));
}
END_TEST

static bool taken_lo(void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "lo");
}

/* The loopback interface is in every network namespace: lo matches l?, unless taken. */
START_TEST(test_first_present)
{
	char name[IF_NAMESIZE] = "";

	ck_assert_uint_eq(iface_pattern_first("l?", NULL, NULL, name), if_nametoindex("lo"));
	ck_assert_str_eq(name, "lo");
	name[0] = 0;
	ck_assert_uint_eq(iface_pattern_first("l?", taken_lo, NULL, name), 0);
	ck_assert_uint_eq(iface_pattern_first("no-such-iface-*", NULL, NULL, name), 0);
	ck_assert_str_eq(name, "");
}
END_TEST

int main(void)
{
	return CHECK_RUN("iface-pattern", setup, teardown, test_is_pattern, test_match,
			 test_first_present);
}
