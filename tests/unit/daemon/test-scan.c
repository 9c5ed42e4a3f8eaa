// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/scan.c: a BSS's IEs (SSID, the RSNE through common/ie.h, the
 * WPA vendor element), wpa_supplicant's scan flags, and the scan at start-up.
 */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/config.h"
#include "common/log.h"
#include "common/loop.h"
#include "daemon/scan.h"
#include "daemon/select.h"
#include "tests/unit/daemon/check-run.h"
#include "tests/unit/daemon/test-station-fake.h"

static const uint8_t rsne_both_mfpc[] = { RSNE_PSK_BOTH_MFPC };
static const uint8_t rsne_sae[] = { RSNE_SAE_CCMP };

static struct config *config;
static struct fake fake;

static void setup(void)
{
	config = config_new();
	memset(&fake, 0, sizeof(fake));
}

static void teardown(void)
{
	config_free(config);
}

/* dd 1a 00-50-f2 01, version 1, group TKIP, 2 pairwise (TKIP, CCMP), 1 AKM (PSK) */
#define IE_WPA_PSK_TKIP_CCMP 0xdd, 0x1a, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00, 0x50, 0xf2, \
	0x02, 0x02, 0x00, 0x00, 0x50, 0xf2, 0x02, 0x00, 0x50, 0xf2, 0x04, 0x01, 0x00, 0x00, \
	0x50, 0xf2, 0x02

START_TEST(test_bss_parse_and_flags)
{
	struct scan_bss b;
	char flags[128];
	static const uint8_t truncated[] = { 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04 };

	fake_bss_add(&fake, 1, 2412, -40, "net", 3, rsne_both_mfpc, sizeof(rsne_both_mfpc), 0);
	ck_assert_int_eq(scan_bss_parse(&fake.bss[0], &b), 0);
	ck_assert(b.ies_ok && b.rsn && !b.wpa);
	ck_assert_uint_eq(b.ssid_len, 3);
	ck_assert_uint_eq(b.akm, CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256);
	ck_assert_uint_eq(b.pairwise, CONFIG_CIPHER_CCMP);
	ck_assert_uint_eq(b.group_suite, 0x000fac04);
	ck_assert(b.mfpc && !b.mfpr);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[WPA2-PSK+PSK-SHA256-CCMP][ESS]");

	fake_bss_add(&fake, 2, 2412, -40, "sae", 3, rsne_sae, sizeof(rsne_sae), 0);
	ck_assert_int_eq(scan_bss_parse(&fake.bss[1], &b), 0);
	ck_assert_uint_eq(b.akm, CONFIG_AKM_SAE);
	ck_assert(b.mfpc && b.mfpr);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[WPA2-SAE-CCMP][ESS]");

	/* IEEE 802.11-2020 9.4.2.24.1: missing trailing fields take defaults (AKM 802.1X). */
	fake_bss_add(&fake, 3, 2412, -40, "trunc", 5, truncated, sizeof(truncated), 0);
	ck_assert_int_eq(scan_bss_parse(&fake.bss[2], &b), 0);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[WPA2-EAP-CCMP][ESS]");

	fake_bss_add(&fake, 4, 2412, -40, "open", 4, NULL, 0, 0);
	ck_assert_int_eq(scan_bss_parse(&fake.bss[3], &b), 0);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[ESS]");

	/* Element running past the end; a pairwise count beyond the body; no SSID. */
	fake.bss[3].ies_len -= 1;
	ck_assert_int_eq(scan_bss_parse(&fake.bss[3], &b), -1);
	ck_assert(!b.ies_ok);
	{
		static const uint8_t bad_count[] = { 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x05,
						     0x00, 0x00, 0x0f, 0xac, 0x04 };
		fake_bss_add(&fake, 5, 2412, -40, "bad", 3, bad_count, sizeof(bad_count), 0);
		ck_assert_int_eq(scan_bss_parse(&fake.bss[4], &b), -1);
	}
	fake.bss[0].ies = fake.ies[0] + 5; /* skip the SSID element */
	fake.bss[0].ies_len -= 5;
	ck_assert_int_eq(scan_bss_parse(&fake.bss[0], &b), -1);
}
END_TEST


/* The WPA vendor element: 00-50-F2 type 1, then the RSNE's body layout. */
START_TEST(test_wpa_vendor_ie_flags)
{
	static const uint8_t both[] = {
		IE_WPA_PSK_TKIP_CCMP,
		0x30, 0x14, RSNE_PSK_CCMP,
	};
	static const uint8_t wpa_short[] = { 0xdd, 0x0a, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00,
					     0x00, 0x50, 0xf2, 0x02 };
	static const uint8_t wpa_bad[] = { 0xdd, 0x0c, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00,
					   0x00, 0x50, 0xf2, 0x02, 0x02, 0x00 };
	struct scan_bss b;
	char flags[128];

	fake_bss_add(&fake, 1, 2412, -40, "mix", 3, NULL, 0, 0);
	fake_bss_ie_append(&fake, 0, both, sizeof(both));
	ck_assert_int_eq(scan_bss_parse(&fake.bss[0], &b), 0);
	ck_assert(b.wpa && b.rsn);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[WPA-PSK-TKIP+CCMP][WPA2-PSK-CCMP][ESS]");

	/* Version and group only: the WPA defaults (TKIP pairwise, 802.1X AKM). */
	fake_bss_add(&fake, 2, 2412, -40, "old", 3, NULL, 0, 0);
	fake_bss_ie_append(&fake, 1, wpa_short, sizeof(wpa_short));
	ck_assert_int_eq(scan_bss_parse(&fake.bss[1], &b), 0);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[WPA-EAP-TKIP][ESS]");

	/* A WPA element cut inside its pairwise list: not shown, the BSS still listed. */
	fake_bss_add(&fake, 3, 2412, -40, "cut", 3, NULL, 0, 0);
	fake_bss_ie_append(&fake, 2, wpa_bad, sizeof(wpa_bad));
	ck_assert_int_eq(scan_bss_parse(&fake.bss[2], &b), 0);
	ck_assert(!b.wpa);
	scan_bss_flags(&b, flags, sizeof(flags));
	ck_assert_str_eq(flags, "[ESS]");
}
END_TEST

/* At start-up, before the plugin loads: the station's first scan, unless the cache is fresh. */
START_TEST(test_early_scan_is_the_first_scan)
{
	static const uint8_t rsne[] = { RSNE_PSK_CCMP };
	struct station_backend be = fake_backend(&fake);
	bool narrow = true;

	/* no network enabled: nothing to look for */
	ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, NULL, 0, &narrow), 1);
	ck_assert_int_eq(fake.n_scan, 0);
	/* a network, the kernel's cache empty: the station's first scan, all channels */
	fake_network(config, "home", "correct horse");
	ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, NULL, 0, &narrow), 0);
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	/* the driver refuses (interface down, radio busy): its error, the station scans later */
	fake.scan_ret = -ENETDOWN;
	ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, NULL, 0, &narrow),
			 -ENETDOWN);
	ck_assert_int_eq(fake.n_scan, 2);
	fake.scan_ret = 0;
	ck_assert(!narrow);
	/* the network seen 60 s ago: its channel only, as the station's own first scan */
	fake_bss_add(&fake, 1, 2437, -40, "home", 4, rsne, sizeof(rsne), 60000);
	ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, NULL, 0, &narrow), 0);
	ck_assert_int_eq(fake.n_scan, 3);
	ck_assert(narrow);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	ck_assert_uint_eq(fake.scan_freqs[0], 2437);
	/* seen just now: joined from the cache, no scan at all */
	fake.bss[0].seen_ms_ago = 100;
	ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, NULL, 0, &narrow), 1);
	ck_assert_int_eq(fake.n_scan, 3);
	ck_assert(!narrow);
	/* another network's BSS only: still nothing known of ours */
	fake.n_bss = 0;
	fake_bss_add(&fake, 2, 2412, -40, "other", 5, rsne, sizeof(rsne), 100);
	ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, NULL, 0, &narrow), 0);
	ck_assert_int_eq(fake.n_scan, 4);
	ck_assert(!narrow);
	/*
	 * The state directory kept the last links (known-freqs.h): the network's channel is
	 * scanned though the kernel's cache knows nothing; another SSID's is not.
	 */
	{
		const struct known_freq links[] = {
			{ .freq = 5180, .ssid = "other", .ssid_len = 5 },
			{ .freq = 2462, .ssid = "home", .ssid_len = 4 },
		};

		ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, links, 2, &narrow),
				 0);
		ck_assert_int_eq(fake.n_scan, 5);
		ck_assert(narrow);
		ck_assert_uint_eq(fake.scan_n_freqs, 1);
		ck_assert_uint_eq(fake.scan_freqs[0], 2462);

		/* a channel the radio does not have: nl80211 refuses the scan; all channels */
		fake.scan_freqs_ret = -EINVAL;
		ck_assert_int_eq(scan_request_early(config, &be, "wlan0", 10000, links, 2, &narrow),
				 0);
		ck_assert_int_eq(fake.n_scan, 7);
		ck_assert(!narrow);
		ck_assert_uint_eq(fake.scan_n_freqs, 0);
	}
}
END_TEST

int main(void)
{
	return CHECK_RUN("scan", setup, teardown,
			 test_bss_parse_and_flags, test_wpa_vendor_ie_flags,
			 test_early_scan_is_the_first_scan);
}
