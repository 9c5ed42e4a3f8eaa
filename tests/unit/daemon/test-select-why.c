// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/select-why.c: why a network cannot be joined, from real IEs
 * (WPA1-only, TKIP pairwise, a mixed-mode TKIP group left out of group=,
 * SAE-only, PMF required), and each cause logged once, not per retry.
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "daemon/config.h"
#include "daemon/scan.h"
#include "daemon/select-why.h"
#include "tests/unit/daemon/check-run.h"
#include "tests/unit/daemon/test-station-fake.h"

/* RSNE bodies: version 1, group, one pairwise, one AKM (PSK), capabilities 0. */
#define RSNE_GROUP_PAIR(g, p) 0x01, 0x00, 0x00, 0x0f, 0xac, (g), 0x01, 0x00, 0x00, 0x0f, 0xac, \
	(p), 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00

static const uint8_t rsne_mixed[] = { RSNE_GROUP_PAIR(2, 4) };      /* TKIP group, CCMP */
static const uint8_t rsne_tkip[] = { RSNE_GROUP_PAIR(2, 2) };       /* TKIP only */
static const uint8_t rsne_sae[] = { RSNE_SAE_CCMP };
static const uint8_t rsne_mfpr[] = { RSNE_PSK_SHA256_MFPR };
static const uint8_t rsne_psk[] = { RSNE_PSK_CCMP };
/* The WPA vendor element (00-50-F2 type 1): TKIP group, TKIP pairwise, PSK. */
static const uint8_t wpa_ie[] = { 0xdd, 0x16, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00,
				  0x00, 0x50, 0xf2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02,
				  0x01, 0x00, 0x00, 0x50, 0xf2, 0x02 };

static struct config *config;
static struct fake fake;
static struct scan_bss list[FAKE_BSS_MAX];
static char logged[8192];

static void on_log(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	if (level == LOG_LEVEL_INFO && strlen(logged) + strlen(line) + 2 < sizeof(logged)) {
		strcat(logged, line);
		strcat(logged, "\n");
	}
}

static void setup(void)
{
	config = config_new();
	memset(&fake, 0, sizeof(fake));
	logged[0] = 0;
	log_hook_set(on_log, NULL);
}

static void teardown(void)
{
	log_hook_set(NULL, NULL);
	config_free(config);
}

static size_t parse_all(void)
{
	size_t i;

	for (i = 0; i < fake.n_bss; i++)
		scan_bss_parse(&fake.bss[i], &list[i]);
	return fake.n_bss;
}

static unsigned int why_of(const struct config_network *n)
{
	return select_why(config, n, list, parse_all());
}

START_TEST(test_causes_from_ies)
{
	struct config_network *mixed = fake_network(config, "mixed", "correct horse");
	struct config_network *mixed_ccmp = fake_network(config, "mixed", "correct horse");
	struct config_network *tkip = fake_network(config, "tkip", "correct horse");
	struct config_network *wpa1 = fake_network(config, "wpa1", "correct horse");
	struct config_network *sae = fake_network(config, "sae", "correct horse");
	struct config_network *pmf = fake_network(config, "pmf", "correct horse");
	struct config_network *gone = fake_network(config, "gone", "correct horse");
	struct config_network *ok = fake_network(config, "ok", "correct horse");
	struct config_network *open = fake_network(config, "ok", NULL);
	char err[64];

	ck_assert_int_eq(config_network_set(pmf, "key_mgmt", "WPA-PSK WPA-PSK-SHA256", err,
					    sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(mixed_ccmp, "group", "CCMP", err, sizeof(err)), 0);
	/* wpa_supplicant's pairwise form: TKIP is accepted but never used */
	ck_assert_int_eq(config_network_set(tkip, "pairwise", "CCMP TKIP", err, sizeof(err)), 0);
	fake_bss_add(&fake, 1, 2412, -40, "mixed", 5, rsne_mixed, sizeof(rsne_mixed), 0);
	fake_bss_add(&fake, 2, 2412, -40, "tkip", 4, rsne_tkip, sizeof(rsne_tkip), 0);
	fake_bss_add(&fake, 3, 2412, -40, "wpa1", 4, NULL, 0, 0);
	fake_bss_ie_append(&fake, 2, wpa_ie, sizeof(wpa_ie));
	fake.bss[2].capability |= 0x0010;
	fake_bss_add(&fake, 4, 2412, -40, "sae", 3, rsne_sae, sizeof(rsne_sae), 0);
	fake_bss_add(&fake, 5, 2412, -40, "pmf", 3, rsne_mfpr, sizeof(rsne_mfpr), 0);
	fake_bss_add(&fake, 6, 2412, -40, "ok", 2, rsne_psk, sizeof(rsne_psk), 0);

	/* the default group= is CCMP TKIP (wpa_supplicant's): a mixed-mode AP can be joined */
	ck_assert_uint_eq(why_of(mixed), 0);
	ck_assert_uint_eq(why_of(mixed_ccmp), SELECT_WHY_GROUP_CIPHER);
	ck_assert_uint_eq(why_of(tkip), SELECT_WHY_TKIP_PAIRWISE);
	ck_assert_uint_eq(why_of(wpa1), SELECT_WHY_WPA1_ONLY);
	ck_assert_uint_eq(why_of(sae), SELECT_WHY_AKM);
	ck_assert_uint_eq(why_of(pmf), SELECT_WHY_PMF_REQUIRED);
	ck_assert_uint_eq(why_of(gone), SELECT_WHY_NOT_SEEN);
	ck_assert_uint_eq(why_of(ok), 0);
	ck_assert_uint_eq(why_of(open), SELECT_WHY_SECURED);
	/* A global freq_list that leaves 2412 out. */
	config->freq_list[0] = 5180;
	config->n_freq_list = 1;
	ck_assert_uint_eq(why_of(ok), SELECT_WHY_FREQ);
}
END_TEST

START_TEST(test_logged_once_per_cause)
{
	struct config_network *mixed = fake_network(config, "mixed", "correct horse");
	char err[64];
	size_t n;

	ck_assert_int_eq(config_network_set(mixed, "group", "CCMP", err, sizeof(err)), 0);
	fake_bss_add(&fake, 1, 2412, -40, "mixed", 5, rsne_mixed, sizeof(rsne_mixed), 0);
	n = parse_all();
	select_why_log(config, list, n, "wlan1");
	select_why_log(config, list, n, "wlan1");
	select_why_log(config, list, n, "wlan1");
	ck_assert_str_eq(logged, "wlan1: network id=0 \"mixed\" cannot be joined: the AP's group "
			 "cipher is not in group= (a TKIP group is a WPA/WPA2 mixed-mode AP's: "
			 "add TKIP to group=)\n");
	/* A new cause (a second BSS outside freq_list) is said; the old one is not repeated. */
	fake_bss_add(&fake, 2, 5180, -40, "mixed", 5, rsne_psk, sizeof(rsne_psk), 0);
	config->freq_list[0] = 2412;
	config->n_freq_list = 1;
	n = parse_all();
	select_why_log(config, list, n, "wlan1");
	select_why_log(config, list, n, "wlan1");
	ck_assert_str_eq(strchr(logged, '\n') + 1, "wlan1: network id=0 \"mixed\" cannot be "
			 "joined: its BSSes are on frequencies freq_list= leaves out\n");
}
END_TEST

int main(void)
{
	return CHECK_RUN("select-why", setup, teardown, test_causes_from_ies,
			 test_logged_once_per_cause);
}
