// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/station-discovery.c: CreateDiscoveryProfiles (contract §3 [9]) asked once per
 * visible SSID without a block, the networks it proposes listed, and one of them joined with
 * the plugin's own fragments, over the fake backend of test-station-fake.h.
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/loop.h"
#include "daemon/config-save.h"
#include "daemon/config.h"
#include "daemon/station.h"
#include "tests/unit/daemon/check-run.h"
#include "tests/unit/daemon/test-station-fake.h"

static const uint8_t rsne_psk[] = { RSNE_PSK_CCMP };

static struct loop *loop;
static struct config *config;
static struct fake fake;
static struct station_backend backend;
static struct station *st;

static void setup(void)
{
	struct station_params sp;

	loop = loop_new();
	config = config_new();
	memset(&fake, 0, sizeof(fake));
	backend = fake_backend(&fake);
	sp = (struct station_params){
		.loop = loop, .config = config, .ifname = "wlan1", .plugin_name = "fake",
		.backend = &backend,
	};
	st = station_new(&sp);
	ck_assert_ptr_nonnull(st);
	fake.st = st;
}

static void teardown(void)
{
	station_free(st);
	config_free(config);
	loop_run_once(loop, 0);
	loop_free(loop);
}

static void scan_done(void)
{
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
}

START_TEST(test_asked_once_per_unknown_ssid)
{
	struct station_discovered d;

	fake_network(config, "home", "correct horse battery");
	fake_bss_add(&fake, 1, 2412, -30, "home", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2437, -40, "cafe", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 3, 2462, -50, "cafe", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake.discovery_offer = true;
	scan_done();
	/* "home" has a block: not asked; "cafe" asked once, with both its BSSes */
	ck_assert_int_eq(fake.n_discovery, 1);
	ck_assert_uint_eq(fake.discovery_n_bss, 2);
	ck_assert(station_discovery_get(st, 0, &d));
	ck_assert_uint_eq(d.ssid_len, 4);
	ck_assert_mem_eq(d.ssid, "cafe", 4);
	ck_assert_int_eq(d.net_id, -1);
	ck_assert(!station_discovery_get(st, 1, &d));
	ck_assert(station_discovery_has(st, (const uint8_t *)"cafe", 4));
	ck_assert(!station_discovery_has(st, (const uint8_t *)"home", 4));
	/* the next scan does not ask again */
	scan_done();
	ck_assert_int_eq(fake.n_discovery, 1);
	ck_assert(station_discovery_has(st, (const uint8_t *)"cafe", 4));
}
END_TEST

START_TEST(test_nothing_proposed_nothing_listed)
{
	struct station_discovered d;

	fake_bss_add(&fake, 1, 2412, -30, "cafe", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake.discovery_offer = false;
	scan_done();
	ck_assert_int_eq(fake.n_discovery, 1);
	ck_assert(!station_discovery_get(st, 0, &d));
	ck_assert(!station_discovery_has(st, (const uint8_t *)"cafe", 4));
	ck_assert_int_eq(station_discovery_select(st, 0), -ENOENT);
	/* a plugin that said no is not asked at every scan either */
	scan_done();
	ck_assert_int_eq(fake.n_discovery, 1);
}
END_TEST

START_TEST(test_select_joins_with_the_plugins_fragments)
{
	struct station_discovered d;
	struct config_network *n;
	char *saved;
	size_t len;
	int id;

	fake_bss_add(&fake, 1, 2412, -30, "cafe", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake.discovery_offer = true;
	scan_done();
	id = station_discovery_select(st, 0);
	ck_assert_int_ge(id, 0);
	n = config_network_get(config, id);
	ck_assert_ptr_nonnull(n);
	ck_assert(n->ssid_set);
	ck_assert_mem_eq(n->ssid, "cafe", 4);
	ck_assert(!n->passphrase_set && !n->psk_set);
	/* the connection carries the plugin's fragments, not ones ihvd builds */
	loop_run_once(loop, 5);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_mem_eq(fake.ssid, "cafe", 4);
	ck_assert_str_eq(fake.conn_xml, FAKE_DISCOVERY_CONN);
	ck_assert_str_eq(fake.sec_xml, FAKE_DISCOVERY_SEC);
	/* the list names the block; selecting again reuses it */
	ck_assert(station_discovery_get(st, 0, &d));
	ck_assert_int_eq(d.net_id, id);
	ck_assert_int_eq(station_discovery_select(st, 0), id);
	/* a proposal is for this run: SAVE_CONFIG leaves it out */
	saved = config_save_text(config, &len);
	ck_assert_ptr_nonnull(saved);
	ck_assert_ptr_null(strstr(saved, "cafe"));
	free(saved);
}
END_TEST

START_TEST(test_open_network_cannot_be_selected)
{
	fake_bss_add(&fake, 1, 2412, -30, "open", 4, NULL, 0, 0);
	fake.discovery_offer = true; /* a plugin that proposes anyway */
	scan_done();
	ck_assert(station_discovery_has(st, (const uint8_t *)"open", 4));
	/* no PSK AKM on the air: nothing a block could join */
	ck_assert_int_eq(station_discovery_select(st, 0), -EOPNOTSUPP);
	ck_assert_ptr_null(config->networks);
}
END_TEST

int main(void)
{
	return CHECK_RUN("station-discovery", setup, teardown, test_asked_once_per_unknown_ssid,
			 test_nothing_proposed_nothing_listed,
			 test_select_joins_with_the_plugins_fragments,
			 test_open_network_cannot_be_selected);
}
