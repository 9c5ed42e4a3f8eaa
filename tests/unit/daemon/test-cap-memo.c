// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/cap-memo.c: an accepted capability match answers again only for
 * exactly the inputs the plugin saw (SSID, both fragments, the BSS entry's
 * BSSID, channel, capability, beacon interval and IEs), never across a change
 * of profile, and never after a clear; signal and TSF do not count.
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "daemon/cap-memo.h"
#include "nl80211/driver.h"
#include "tests/unit/daemon/check-run.h"

#define CONN "<IhvConnectivity/>"
#define SEC "<IhvSecurity><Passphrase>correct horse battery</Passphrase></IhvSecurity>"

static struct cap_memo *memo;
static uint8_t ies[2][16] = {
	{ 0, 4, 'h', 'o', 'm', 'e', 48, 2, 1, 0 },
	{ 0, 4, 'h', 'o', 'm', 'e', 48, 2, 1, 0 },
};
static struct drv_bss bss;
static const struct drv_bss *one_bss[1] = { &bss };
static struct ihv_connect_request req;

static void setup(void)
{
	memo = cap_memo_new();
	ck_assert_ptr_nonnull(memo);
	memset(&bss, 0, sizeof(bss));
	bss.bssid[0] = 2;
	bss.bssid[5] = 1;
	bss.freq = 2412;
	bss.capability = 0x0011;
	bss.beacon_interval = 100;
	bss.signal_mbm = -3000;
	bss.ies = ies[0];
	bss.ies_len = 10;
	req = (struct ihv_connect_request){
		.ssid = (const uint8_t *)"home", .ssid_len = 4, .bss = one_bss, .n_bss = 1,
		.connectivity_xml = CONN, .security_xml = SEC,
	};
}

static void teardown(void)
{
	cap_memo_free(memo);
}

START_TEST(test_same_inputs_answer_again)
{
	ck_assert(!cap_memo_find(memo, &req));
	cap_memo_remember(memo, &req);
	ck_assert(cap_memo_find(memo, &req));
	/* the same IEs in another buffer (a fresh scan of an unchanged AP) */
	bss.ies = ies[1];
	ck_assert(cap_memo_find(memo, &req));
	/* signal and TSF change with every frame */
	bss.signal_mbm = -7000;
	bss.tsf = 123456;
	bss.seen_ms_ago = 900;
	ck_assert(cap_memo_find(memo, &req));
}
END_TEST

START_TEST(test_any_seen_input_changed_asks_again)
{
	cap_memo_remember(memo, &req);
	ies[1][8] = 2; /* another RSNE */
	bss.ies = ies[1];
	ck_assert(!cap_memo_find(memo, &req));
	ies[1][8] = 1;
	ck_assert(cap_memo_find(memo, &req));
	bss.ies_len = 6;
	ck_assert(!cap_memo_find(memo, &req));
	bss.ies_len = 10;
	bss.freq = 2437;
	ck_assert(!cap_memo_find(memo, &req));
	bss.freq = 2412;
	bss.capability = 0x0001;
	ck_assert(!cap_memo_find(memo, &req));
	bss.capability = 0x0011;
	bss.beacon_interval = 200;
	ck_assert(!cap_memo_find(memo, &req));
	bss.beacon_interval = 100;
	bss.bssid[5] = 9;
	ck_assert(!cap_memo_find(memo, &req));
	bss.bssid[5] = 1;
	req.ssid_len = 3;
	ck_assert(!cap_memo_find(memo, &req));
	req.ssid_len = 4;
	req.security_xml = "<IhvSecurity><Passphrase>another</Passphrase></IhvSecurity>";
	ck_assert(!cap_memo_find(memo, &req));
	req.security_xml = SEC;
	req.connectivity_xml = NULL;
	ck_assert(!cap_memo_find(memo, &req));
	req.connectivity_xml = CONN;
	ck_assert(cap_memo_find(memo, &req));
}
END_TEST

START_TEST(test_another_profile_forgets_the_rest)
{
	const char *other = "<IhvSecurity><Passphrase>another</Passphrase></IhvSecurity>";

	cap_memo_remember(memo, &req);
	req.security_xml = other;
	cap_memo_remember(memo, &req);
	ck_assert(cap_memo_find(memo, &req));
	req.security_xml = SEC;
	ck_assert(!cap_memo_find(memo, &req));
}
END_TEST

START_TEST(test_clear_and_many_bss)
{
	unsigned i;

	for (i = 1; i <= 8; i++) {
		bss.bssid[5] = (uint8_t)i;
		cap_memo_remember(memo, &req);
	}
	for (i = 1; i <= 8; i++) {
		bss.bssid[5] = (uint8_t)i;
		ck_assert_msg(cap_memo_find(memo, &req), "BSS %u", i);
	}
	bss.bssid[5] = 9; /* a ninth replaces the oldest */
	cap_memo_remember(memo, &req);
	ck_assert(cap_memo_find(memo, &req));
	bss.bssid[5] = 1;
	ck_assert(!cap_memo_find(memo, &req));
	bss.bssid[5] = 2;
	ck_assert(cap_memo_find(memo, &req));
	cap_memo_clear(memo);
	ck_assert(!cap_memo_find(memo, &req));
}
END_TEST

START_TEST(test_only_one_bss_requests)
{
	const struct drv_bss *two[2] = { &bss, &bss };

	req.bss = two;
	req.n_bss = 2;
	cap_memo_remember(memo, &req);
	ck_assert(!cap_memo_find(memo, &req));
	req.n_bss = 1;
	ck_assert(!cap_memo_find(memo, &req));
	ck_assert(!cap_memo_find(NULL, &req));
	ck_assert(!cap_memo_find(memo, NULL));
	cap_memo_remember(NULL, &req);
	cap_memo_clear(NULL);
}
END_TEST

int main(void)
{
	return CHECK_RUN("cap-memo", setup, teardown, test_same_inputs_answer_again,
			 test_any_seen_input_changed_asks_again, test_another_profile_forgets_the_rest,
			 test_clear_and_many_bss, test_only_one_bss_requests);
}
