// SPDX-License-Identifier: BSD-3-Clause
/* src/daemon/select.c: which network, on which BSSes, with which AKM and ciphers. */
#define _GNU_SOURCE
#include <check.h>
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

static const uint8_t rsne_psk[] = { RSNE_PSK_CCMP };
static const uint8_t rsne_sha256_mfpr[] = { RSNE_PSK_SHA256_MFPR };
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

static struct config_network *network(const char *ssid, const char *psk)
{
	return fake_network(config, ssid, psk);
}

START_TEST(test_bss_match_rules)
{
	struct config_network *n = network("net", "correct horse");
	struct profile_choice ch;
	struct scan_bss b;
	char err[64];

	fake_bss_add(&fake, 1, 2412, -40, "net", 3, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2412, -40, "other", 5, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 3, 2412, -40, "net", 3, rsne_sha256_mfpr, sizeof(rsne_sha256_mfpr), 0);
	fake_bss_add(&fake, 4, 2412, -40, "net", 3, rsne_both_mfpc, sizeof(rsne_both_mfpc), 0);
	fake_bss_add(&fake, 5, 2412, -40, "net", 3, NULL, 0, 0);
	fake_bss_add(&fake, 6, 2412, -40, "net", 3, rsne_sae, sizeof(rsne_sae), 0);

	scan_bss_parse(&fake.bss[0], &b);
	ck_assert(select_bss_match(n, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_PSK);
	ck_assert_int_eq(ch.pairwise, CONFIG_CIPHER_CCMP);
	ck_assert_int_eq(ch.group, CONFIG_CIPHER_CCMP);
	scan_bss_parse(&fake.bss[1], &b);
	ck_assert(!select_bss_match(n, &b, &ch)); /* SSID */
	scan_bss_parse(&fake.bss[2], &b);
	ck_assert(!select_bss_match(n, &b, &ch)); /* AKM 6 not allowed by key_mgmt */
	config_network_set(n, "key_mgmt", "WPA-PSK WPA-PSK-SHA256", err, sizeof(err));
	ck_assert(!select_bss_match(n, &b, &ch)); /* MFPR, but ieee80211w=0 */
	config_network_set(n, "ieee80211w", "1", err, sizeof(err));
	ck_assert(select_bss_match(n, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_PSK_SHA256);
	scan_bss_parse(&fake.bss[3], &b);
	ck_assert(select_bss_match(n, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_PSK_SHA256); /* SHA256 preferred */
	scan_bss_parse(&fake.bss[0], &b);
	config_network_set(n, "ieee80211w", "2", err, sizeof(err));
	ck_assert(!select_bss_match(n, &b, &ch)); /* PMF required, AP has no MFPC */
	scan_bss_parse(&fake.bss[4], &b);
	ck_assert(!select_bss_match(n, &b, &ch)); /* open BSS for a PSK network */
	scan_bss_parse(&fake.bss[5], &b);
	ck_assert(!select_bss_match(n, &b, &ch)); /* SAE only */
	config_network_set(n, "ieee80211w", "0", err, sizeof(err));
	config_network_set(n, "pairwise", "GCMP", err, sizeof(err));
	scan_bss_parse(&fake.bss[0], &b);
	ck_assert(!select_bss_match(n, &b, &ch)); /* cipher */
	config_network_set(n, "pairwise", "CCMP", err, sizeof(err));
	config_network_set(n, "bssid", "02:00:00:00:00:09", err, sizeof(err));
	ck_assert(!select_bss_match(n, &b, &ch)); /* bssid */
	config_network_set(n, "bssid", "02:00:00:00:00:01", err, sizeof(err));
	ck_assert(select_bss_match(n, &b, &ch));

	n = network("net", NULL);
	scan_bss_parse(&fake.bss[4], &b);
	ck_assert(select_bss_match(n, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_NONE);
	scan_bss_parse(&fake.bss[0], &b);
	ck_assert(!select_bss_match(n, &b, &ch)); /* RSN BSS for an open network */
}
END_TEST


/* Priority first, then signal; the other BSSes of the winner by signal. */
START_TEST(test_select_best_order)
{
	struct config_network *lo = network("lo", "correct horse");
	struct config_network *hi = network("hi", "correct horse");
	struct select_result sel;
	struct scan_bss list[4];
	char err[64];
	size_t i;

	config_network_set(hi, "priority", "5", err, sizeof(err));
	fake_bss_add(&fake, 1, 2412, -30, "lo", 2, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2437, -80, "hi", 2, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 3, 2462, -50, "hi", 2, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 4, 5180, -60, "hi", 2, rsne_psk, sizeof(rsne_psk), 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(scan_bss_parse(&fake.bss[i], &list[i]), 0);
	ck_assert(select_best(config, list, 4, 0, &sel));
	ck_assert_ptr_eq(sel.net, hi);
	ck_assert_uint_eq(sel.n_bss, 3);
	ck_assert_uint_eq(sel.bss[0]->bss.freq, 2462);
	ck_assert_uint_eq(sel.bss[1]->bss.freq, 5180);
	ck_assert_uint_eq(sel.bss[2]->bss.freq, 2437);

	/* Disabled: the other network wins; none usable: nothing. */
	hi->disabled = true;
	ck_assert(select_best(config, list, 4, 0, &sel));
	ck_assert_ptr_eq(sel.net, lo);
	lo->temp_disabled = true;
	ck_assert(!select_any_usable(config));
	ck_assert(!select_best(config, list, 4, 0, &sel));
}
END_TEST

/* WPA3 transition mode: SAE when AP, network and radio can; a PSK-only block joins too. */
START_TEST(test_transition_mode)
{
	static const uint8_t rsne_trans[] = { RSNE_PSK_SAE_MFPC };
	struct config_network *psk = network("net", "correct horse");
	struct config_network *both = network("net", "correct horse");
	struct config_network *sae = network("net", NULL);
	struct profile_choice ch;
	struct scan_bss b;
	char err[64];

	ck_assert_int_eq(config_network_set(both, "key_mgmt", "WPA-PSK SAE", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(sae, "key_mgmt", "SAE", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(sae, "sae_password", "\"secret\"", err, sizeof(err)),
			 0);
	fake_bss_add(&fake, 1, 2412, -40, "net", 3, rsne_trans, sizeof(rsne_trans), 0);
	fake_bss_add(&fake, 2, 2412, -40, "net", 3, rsne_psk, sizeof(rsne_psk), 0);
	scan_bss_parse(&fake.bss[0], &b);
	ck_assert(select_bss_match(psk, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_PSK);
	ck_assert(select_bss_match(both, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_SAE);
	ck_assert(select_bss_match(sae, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_SAE);
	/* a radio without SAE in ihvd's SME: PSK for the transition block, nothing for SAE */
	select_radio_sae_set(false);
	ck_assert(select_bss_match(both, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_PSK);
	ck_assert(!select_bss_match(sae, &b, &ch));
	select_radio_sae_set(true);
	/* a WPA2-only AP: the transition block uses PSK; the SAE-only block with no psk skips it */
	scan_bss_parse(&fake.bss[1], &b);
	ck_assert(select_bss_match(both, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_PSK);
	ck_assert(!select_bss_match(sae, &b, &ch));
}
END_TEST

/* RSNE bodies: version 1, group g, one pairwise p, AKM PSK, capabilities 0. */
#define RSNE_GP(g, p) 0x01, 0x00, 0x00, 0x0f, 0xac, (g), 0x01, 0x00, 0x00, 0x0f, 0xac, (p), \
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00

/* A WPA/WPA2 mixed-mode AP: group TKIP (00-0F-AC:2), pairwise CCMP. */
START_TEST(test_mixed_mode_tkip_group)
{
	static const uint8_t rsne_mixed[] = { RSNE_GP(2, 4) };
	static const uint8_t rsne_tkip[] = { RSNE_GP(2, 2) };
	struct config_network *n = network("mixed", "correct horse");
	struct config_network *ccmp = network("mixed", "correct horse");
	struct config_network *t = network("tkip", "correct horse");
	struct profile_choice ch;
	struct scan_bss b;
	char err[64];

	fake_bss_add(&fake, 1, 2412, -40, "mixed", 5, rsne_mixed, sizeof(rsne_mixed), 0);
	fake_bss_add(&fake, 2, 2412, -40, "tkip", 4, rsne_tkip, sizeof(rsne_tkip), 0);
	scan_bss_parse(&fake.bss[0], &b);
	ck_assert_uint_eq(b.group_suite, 0x000fac02);
	/* the default group= (CCMP TKIP): joined with pairwise CCMP and the AP's TKIP group */
	ck_assert(select_bss_match(n, &b, &ch));
	ck_assert_int_eq(ch.pairwise, CONFIG_CIPHER_CCMP);
	ck_assert_int_eq(ch.group, CONFIG_CIPHER_TKIP);
	/* pairwise=CCMP TKIP changes nothing: TKIP is never the pairwise choice */
	ck_assert_int_eq(config_network_set(n, "pairwise", "CCMP TKIP", err, sizeof(err)), 0);
	ck_assert(select_bss_match(n, &b, &ch));
	ck_assert_int_eq(ch.pairwise, CONFIG_CIPHER_CCMP);
	/* group=CCMP leaves a mixed-mode AP out */
	ck_assert_int_eq(config_network_set(ccmp, "group", "CCMP", err, sizeof(err)), 0);
	ck_assert(!select_bss_match(ccmp, &b, &ch));
	/* an AP with TKIP as the only pairwise cipher is never joined, whatever pairwise= says */
	ck_assert_int_eq(config_network_set(t, "pairwise", "CCMP TKIP", err, sizeof(err)), 0);
	scan_bss_parse(&fake.bss[1], &b);
	ck_assert(!select_bss_match(t, &b, &ch));
}
END_TEST

/* RSNE bodies: CCMP, AKMs 00-0F-AC:8 and 24 (or 24 alone), MFPC. */
#define RSNE_SAE_EXT_BOTH 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, \
	0x04, 0x02, 0x00, 0x00, 0x0f, 0xac, 0x08, 0x00, 0x0f, 0xac, 0x18, 0x80, 0x00
#define RSNE_SAE_EXT_ONLY 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, \
	0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x18, 0x80, 0x00

/*
 * AKM 00-0F-AC:24 (IEEE 802.11-2024 Table 9-190): a network allowing SAE and SAE-EXT-KEY
 * joins an AP offering both as SAE-EXT-KEY, one offering only 8 as SAE; an SAE-EXT-KEY-only
 * network does not pick an AP offering only 8, and an SAE-only one not an AP with only 24.
 */
START_TEST(test_sae_ext_key_choice)
{
	static const uint8_t both_ie[] = { RSNE_SAE_EXT_BOTH }, only24[] = { RSNE_SAE_EXT_ONLY };
	static const uint8_t only8[] = { RSNE_SAE_CCMP };
	struct config_network *both = network("net", NULL);
	struct config_network *ext = network("net", NULL);
	struct config_network *sae = network("net", NULL);
	struct profile_choice ch;
	struct scan_bss b;
	char err[64];

	ck_assert_int_eq(config_network_set(both, "key_mgmt", "SAE SAE-EXT-KEY", err, sizeof(err)),
			 0);
	ck_assert_int_eq(config_network_set(ext, "key_mgmt", "SAE-EXT-KEY", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(sae, "key_mgmt", "SAE", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(both, "sae_password", "\"pw\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(ext, "sae_password", "\"pw\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(sae, "sae_password", "\"pw\"", err, sizeof(err)), 0);
	/* which network joins which AP, and with which AKM (0: not at all) */
	const struct {
		const struct config_network *n;
		int bss;
		unsigned int akm;
	} want[] = {
		{ both, 0, CONFIG_AKM_SAE_EXT_KEY }, { ext, 0, CONFIG_AKM_SAE_EXT_KEY },
		{ sae, 0, CONFIG_AKM_SAE },          { both, 1, CONFIG_AKM_SAE },
		{ ext, 1, 0 },                       { both, 2, CONFIG_AKM_SAE_EXT_KEY },
		{ sae, 2, 0 },
	};

	fake_bss_add(&fake, 1, 2412, -40, "net", 3, both_ie, sizeof(both_ie), 0);
	fake_bss_add(&fake, 2, 2412, -40, "net", 3, only8, sizeof(only8), 0);
	fake_bss_add(&fake, 3, 2412, -40, "net", 3, only24, sizeof(only24), 0);
	scan_bss_parse(&fake.bss[0], &b);
	ck_assert_uint_eq(b.akm, CONFIG_AKM_SAE | CONFIG_AKM_SAE_EXT_KEY);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		scan_bss_parse(&fake.bss[want[i].bss], &b);
		memset(&ch, 0, sizeof(ch));
		ck_assert_msg(select_bss_match(want[i].n, &b, &ch) == (want[i].akm != 0),
			      "case %zu", i);
		if (want[i].akm)
			ck_assert_msg(ch.akm == want[i].akm, "case %zu: akm %u", i, ch.akm);
	}
}
END_TEST

int main(void)
{
	return CHECK_RUN("select", setup, teardown,
			 test_bss_match_rules, test_select_best_order, test_transition_mode,
			 test_mixed_mode_tkip_group, test_sae_ext_key_choice);
}
