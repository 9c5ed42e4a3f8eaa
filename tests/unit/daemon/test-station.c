// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/station.c and station-ctrl.c: scan reuse, selection in action,
 * backoff, the wrong-passphrase give-up, the commands, events and the
 * timeline, over a fake backend standing in for the host core and the
 * driver. (IE parsing: test-scan.c; the match rules: test-select.c.)
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/config.h"
#include "common/log.h"
#include "common/loop.h"
#include "daemon/station.h"
#include "wlanihv.h"
#include "tests/unit/daemon/check-run.h"
#include "tests/unit/daemon/test-station-fake.h"

static const uint8_t rsne_psk[] = { RSNE_PSK_CCMP };
static const uint8_t rsne_sha256_mfpr[] = { RSNE_PSK_SHA256_MFPR };
static const uint32_t fast_backoff[] = { 30, 60, 120 };

static struct loop *loop;
static struct config *config;
static struct fake fake;
static struct station_backend backend;
static struct station *st;
static char events[64][512];
static size_t n_events;
static char logs[16384];

static void on_event(void *ctx, int level, const char *text)
{
	(void)ctx;
	ck_assert_int_eq(level, 3);
	if (n_events < 64)
		snprintf(events[n_events++], sizeof(events[0]), "%s", text);
}

static void on_log(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	(void)level;
	if (strlen(logs) + strlen(line) + 2 < sizeof(logs)) {
		strcat(logs, line);
		strcat(logs, "\n");
	}
}

static bool event_seen(const char *text)
{
	size_t i;

	for (i = 0; i < n_events; i++)
		if (!strcmp(events[i], text))
			return true;
	return false;
}

static struct config_network *network(const char *ssid, const char *psk)
{
	return fake_network(config, ssid, psk);
}

static void station_up(void)
{
	struct station_params sp = {
		.loop = loop, .config = config, .ifname = "wlan1", .plugin_name = "fake",
		.backend = &backend, .backoff_ms = fast_backoff,
		.n_backoff = sizeof(fast_backoff) / sizeof(fast_backoff[0]),
	};

	st = station_new(&sp);
	ck_assert_ptr_nonnull(st);
	fake.st = st;
	station_event_cb_set(st, on_event, NULL);
}

/*
 * A station whose own results count for max_age_ms only (10 s by default)
 * and that rejoins a BSS known for known_ms without a scan.
 */
static void station_up_aged(uint32_t max_age_ms, uint32_t known_ms)
{
	struct station_params sp = {
		.loop = loop, .config = config, .ifname = "wlan1", .plugin_name = "fake",
		.backend = &backend, .backoff_ms = fast_backoff,
		.n_backoff = sizeof(fast_backoff) / sizeof(fast_backoff[0]),
		.scan_max_age_ms = max_age_ms, .known_max_age_ms = known_ms,
	};

	st = station_new(&sp);
	ck_assert_ptr_nonnull(st);
	fake.st = st;
	station_event_cb_set(st, on_event, NULL);
}

static void setup(void)
{
	loop = loop_new();
	config = config_new();
	memset(&fake, 0, sizeof(fake));
	backend = fake_backend(&fake);
	n_events = 0;
	logs[0] = 0;
	log_hook_set(on_log, NULL);
	st = NULL;
}

static void teardown(void)
{
	log_hook_set(NULL, NULL);
	station_free(st);
	config_free(config);
	loop_run_once(loop, 0);
	loop_free(loop);
}

/*
 * Run the loop up to ms, finishing every scan the station triggers (as the
 * driver would); stop early once fake.n_connect reaches want.
 */
static void run_until_connects(int want, int ms)
{
	uint64_t end = loop_now_us() + (uint64_t)ms * 1000;
	int scans_done = fake.n_scan;

	while (fake.n_connect < want && loop_now_us() < end) {
		if (fake.n_scan > scans_done) {
			scans_done = fake.n_scan;
			station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
			continue;
		}
		loop_run_once(loop, 2);
	}
}

static void run_for(int ms)
{
	run_until_connects(1 << 30, ms);
}

static void authorize(void)
{
	const struct ihv_adapter_events *ev = station_adapter_events();

	ev->milestone(st, IHV_PHASE_PRE_ASSOCIATE, loop_now_us());
	ev->milestone(st, IHV_PHASE_ASSOCIATING, loop_now_us());
	ev->milestone(st, IHV_PHASE_POST_ASSOCIATE, loop_now_us());
	ev->milestone(st, IHV_PHASE_AUTHORIZED, loop_now_us());
	ev->authorized(st);
}

static void end(enum ihv_phase phase, uint32_t reason, uint16_t ieee)
{
	station_adapter_events()->ended(st, phase, reason, reason ? 1359 : 0, ieee);
}

/*
 * One network with one BSS on freq; a station whose own results count for 40 ms and
 * that rejoins a BSS known for 50 ms; connected and authorized.
 */
static void linked(uint32_t freq)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, freq, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up_aged(40, 50);
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	authorize();
}

/* ... then the user's DISCONNECT, and long enough for every threshold to pass. */
static void linked_then_down(uint32_t freq)
{
	linked(freq);
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
}

/* A link, then down; its BSS last seen 3 s ago, too old to join on: RECONNECT probes. */
static void reconnect_after_stale_sighting(uint32_t freq)
{
	linked_then_down(freq);
	fake.bss[0].seen_ms_ago = 3000;
	ck_assert_int_eq(station_reconnect(st), 0);
}

/* The kernel no longer holds the link's BSS: RECONNECT scans the link's channel only. */
static void reconnect_scans_link_channel(uint32_t freq)
{
	fake.n_bss = 0;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 1); /* not all channels */
	ck_assert_uint_eq(fake.scan_freqs[0], freq);
}

/* --- selection and scans ----------------------------------------------------------- */

START_TEST(test_cold_start_reuses_fresh_results)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 2000);
	station_up();
	station_start(st);
	/* The kernel's 2 s old result is used at once: no scan. */
	ck_assert_int_eq(fake.n_results, 1);
	ck_assert_int_eq(fake.n_scan, 0);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_uint_eq(fake.ssid_len, 9);
	ck_assert_mem_eq(fake.ssid, "ihvd-test", 9);
	ck_assert_str_eq(fake.conn_xml, "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\">"
			 "<Ssid>696876642d74657374</Ssid></IhvConnectivity>");
	ck_assert_str_eq(fake.sec_xml, "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\">"
			 "<Ssid>696876642d74657374</Ssid><AuthMode>WPA-PSK</AuthMode>"
			 "<Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>0</Pmf>"
			 "<Passphrase>correct horse battery</Passphrase></IhvSecurity>");
	ck_assert(event_seen("Trying to associate with 02:00:00:00:00:00 (SSID='ihvd-test' freq=2412 MHz)"));
	authorize();
	ck_assert(event_seen("CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed [id=0 id_str=]"));
	ck_assert_msg(strstr(logs, "timeline to \"ihvd-test\" (ms since the request): scan ") &&
		      strstr(logs, "(reused results 2") && strstr(logs, "pre-association ") &&
		      strstr(logs, "connect ") && strstr(logs, "4-way handshake ") &&
		      strstr(logs, "authorized "), "logs: %s", logs);
}
END_TEST

START_TEST(test_stale_results_scan_known_channel_then_all)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 5180, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 60000);
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 0);
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 1); /* only where it was seen */
	ck_assert_uint_eq(fake.scan_freqs[0], 5180);
	{
		struct station_info in;

		station_info_get(st, &in);
		ck_assert_str_eq(station_state_name(in.state), "SCANNING");
	}
	/*
	 * The narrow scan finds nothing fresh: the known channel again, STATION_NARROW_TRIES
	 * narrow scans in all (a probe response may be lost), then all channels at once.
	 */
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 2);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	ck_assert_uint_eq(fake.scan_freqs[0], 5180);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 3);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 4);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	ck_assert(event_seen("CTRL-EVENT-SCAN-RESULTS "));
	/* The full scan finds it. */
	fake.bss[0].seen_ms_ago = 10;
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 1);
	authorize();
	ck_assert_msg(strstr(logs, "(fresh scan)") != NULL, "logs: %s", logs);
}
END_TEST

/* A request that follows the misses of an earlier, abandoned one gets all its narrow tries. */
START_TEST(test_new_request_gets_its_own_narrow_tries)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 5180, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 60000);
	station_up();
	station_start(st);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 3); /* the third narrow scan runs */
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	ck_assert_int_eq(station_disconnect(st), 0);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 3); /* abandoned: no scan after it */
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_scan, 4);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 5);
	ck_assert_uint_eq(fake.scan_n_freqs, 1); /* the new request's second narrow try */
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 6);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 7);
	ck_assert_uint_eq(fake.scan_n_freqs, 0); /* then all channels */
}
END_TEST

START_TEST(test_scan_freq_scanned_first)
{
	struct config_network *n = network("ihvd-test", "correct horse battery");

	config_network_set(n, "scan_freq", "2437", NULL, 0);
	station_up();
	station_start(st);
	/* Nothing cached: the configured channel alone, then everything. */
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	ck_assert_uint_eq(fake.scan_freqs[0], 2437);
	fake_bss_add(&fake, 0, 2437, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 5);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_int_eq(fake.n_connect, 1);
}
END_TEST

/* main's start-up scan (scan_request_early), adopted: no join from its partial results. */
START_TEST(test_adopted_scan_is_waited_for)
{
	network("ihvd-test", "correct horse battery");
	station_up();
	station_scan_adopt(st, true);
	/* what the running scan found so far, a weak BSS on its first channel */
	fake_bss_add(&fake, 0, 2412, -80, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 5);
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 0);
	ck_assert_int_eq(fake.n_scan, 0); /* nor a second scan beside it */
	/* the scan ends with a better BSS: that one is joined */
	fake_bss_add(&fake, 1, 5180, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 5);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert(event_seen("Trying to associate with 02:00:00:00:00:01 (SSID='ihvd-test' freq=5180 MHz)"));
	ck_assert_int_eq(fake.n_scan, 0);
	authorize();
	ck_assert_msg(strstr(logs, "(fresh scan)") != NULL, "logs: %s", logs);
}
END_TEST

/* The adopted scan was on known channels and found nothing: all channels next. */
START_TEST(test_adopted_narrow_scan_then_all)
{
	network("ihvd-test", "correct horse battery");
	station_up();
	station_scan_adopt(st, true);
	station_start(st);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 0);
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	/* aborted (the kernel's, or the interface went down): the station backs off */
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_ABORTED });
	{
		struct station_info in;

		station_info_get(st, &in);
		ck_assert_str_eq(station_state_name(in.state), "DISCONNECTED");
	}
}
END_TEST

START_TEST(test_not_found_backs_off)
{
	uint64_t t0;

	network("ihvd-test", "correct horse battery");
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert(event_seen("CTRL-EVENT-NETWORK-NOT-FOUND"));
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_msg(strstr(logs, "next attempt in 30 ms") != NULL, "%s", logs);
	t0 = loop_now_us();
	while (fake.n_scan == 1 && loop_now_us() - t0 < 1000000)
		loop_run_once(loop, 5);
	ck_assert_int_eq(fake.n_scan, 2);
	ck_assert_uint_ge(loop_now_us() - t0, 29000); /* timers never fire early */
}
END_TEST

START_TEST(test_priority_then_signal)
{
	struct config_network *low = network("low", "correct horse");
	struct config_network *high = network("high", "correct horse");

	low->priority = 1;
	high->priority = 5;
	fake_bss_add(&fake, 1, 2412, -20, "low", 3, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2437, -70, "high", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 3, 2462, -50, "high", 4, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 4, 2412, -60, "high", 4, rsne_sha256_mfpr, sizeof(rsne_sha256_mfpr), 0);
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_mem_eq(fake.ssid, "high", 4);
	/* Both matching BSSes of "high", best signal first; the MFPR one does not match. */
	ck_assert_uint_eq(fake.n_cand, 2);
	ck_assert_uint_eq(fake.cand[0][5], 3);
	ck_assert_uint_eq(fake.cand[1][5], 2);
}
END_TEST

START_TEST(test_disabled_networks_skipped)
{
	struct config_network *a = network("a", "correct horse");
	struct config_network *b = network("b", "correct horse");
	struct station_info in;

	a->priority = 9;
	a->disabled = true;
	b->temp_disabled = true;
	fake_bss_add(&fake, 1, 2412, -20, "a", 1, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2412, -20, "b", 1, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 0);
	ck_assert_int_eq(fake.n_scan, 0);
	station_info_get(st, &in);
	ck_assert_str_eq(station_state_name(in.state), "INACTIVE");
	ck_assert_int_eq(station_enable_network(st, b->id), 0);
	ck_assert(event_seen("CTRL-EVENT-SSID-REENABLED id=1 ssid=\"b\""));
	run_until_connects(1, 200);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_mem_eq(fake.ssid, "b", 1);
	/* SELECT_NETWORK a: the others are disabled, the link moves. */
	fake.end_on_disconnect = true;
	fake.end_phase = IHV_PHASE_ASSOCIATING;
	ck_assert_int_eq(station_select_network(st, a->id), 0);
	ck_assert_int_eq(fake.n_disconnect, 1);
	run_until_connects(2, 200);
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_mem_eq(fake.ssid, "a", 1);
	ck_assert(b->disabled && !a->disabled);
	ck_assert_int_eq(station_select_network(st, 42), -ENOENT);
}
END_TEST

/* --- failures ----------------------------------------------------------------------- */

START_TEST(test_backoff_grows_and_resets)
{
	uint64_t t0;
	int i;

	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	/* Association failures: 30, 60, 120, 120 ms (the last repeats). */
	for (i = 0; i < 4; i++) {
		static const int want[] = { 30, 60, 120, 120 };
		char line[64];

		logs[0] = 0;
		end(IHV_PHASE_ASSOCIATING, 0x38002, 1);
		snprintf(line, sizeof(line), "next attempt in %d ms", want[i]);
		ck_assert_msg(strstr(logs, line) != NULL, "want '%s' in %s", line, logs);
		t0 = loop_now_us();
		run_until_connects(2 + i, 1000);
		ck_assert_int_eq(fake.n_connect, 2 + i);
		ck_assert_msg(loop_now_us() - t0 >= (uint64_t)want[i] * 1000,
			      "retry %d after %llu us, want >= %d ms", i,
			      (unsigned long long)(loop_now_us() - t0), want[i]);
		/* After a failure the cache is not trusted: a scan came first. */
		ck_assert_int_eq(fake.n_scan, 1 + i);
	}
	ck_assert(event_seen("CTRL-EVENT-ASSOC-REJECT bssid=02:00:00:00:00:00 status_code=1"));
	/* Success resets the backoff; an AP deauth then retries after the first step. */
	authorize();
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_DISCONNECTED,
			  .disconnect = { .reason = 3, .by_ap = true } });
	logs[0] = 0;
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	ck_assert(event_seen("CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:00 reason=3"));
	ck_assert_msg(strstr(logs, "next attempt in 30 ms") != NULL, "%s", logs);
	run_until_connects(6, 1000);
	ck_assert_int_eq(fake.n_connect, 6);
}
END_TEST

START_TEST(test_connect_refused_backs_off)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	fake.connect_ret = -EBUSY;
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_msg(strstr(logs, "the host core refused the connection") != NULL, "%s", logs);
	fake.connect_ret = 0;
	run_until_connects(2, 500);
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

/*
 * A link that was authorized and then lost in a later 4-way handshake (a rekey, or a
 * forged message 1 followed by a bad message 3) is not a wrong passphrase: no strike
 * toward giving up, however often it happens.
 */
START_TEST(test_failed_rekey_is_not_a_wrong_key)
{
	struct config_network *n = network("ihvd-test", "correct horse battery");
	int i;

	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	for (i = 1; i <= 4; i++) {
		ck_assert_int_eq(fake.n_connect, i);
		station_adapter_events()->milestone(st, IHV_PHASE_POST_ASSOCIATE, loop_now_us());
		station_adapter_events()->authorized(st);
		station_adapter_events()->milestone(st, IHV_PHASE_AUTHORIZED, loop_now_us());
		/* the port is unauthorized again and the link ends in post-association */
		station_adapter_events()->milestone(st, IHV_PHASE_POST_ASSOCIATE, loop_now_us());
		end(IHV_PHASE_POST_ASSOCIATE, 0x90105, 0);
		ck_assert_uint_eq(n->auth_failures, 0);
		run_until_connects(i + 1, 400);
	}
	ck_assert(!n->temp_disabled);
	ck_assert_int_eq(fake.n_connect, 5);
}
END_TEST

START_TEST(test_wrong_passphrase_gives_up)
{
	struct config_network *n = network("ihvd-test", "wrong horse battery");
	struct station_info in;
	int i;

	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	for (i = 1; i <= 3; i++) {
		ck_assert_int_eq(fake.n_connect, i);
		station_adapter_events()->milestone(st, IHV_PHASE_POST_ASSOCIATE, loop_now_us());
		station_info_get(st, &in);
		ck_assert_str_eq(station_state_name(in.state), "4WAY_HANDSHAKE");
		station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_DISCONNECTED,
				  .disconnect = { .reason = 15, .by_ap = true } });
		end(IHV_PHASE_POST_ASSOCIATE, 0x90002, 15);
		ck_assert_uint_eq(n->auth_failures, (unsigned int)i);
		run_until_connects(i + 1, 400);
	}
	ck_assert_int_eq(fake.n_connect, 3); /* no fourth try */
	ck_assert(n->temp_disabled);
	ck_assert(event_seen("CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid=\"ihvd-test\" auth_failures=3 "
			     "reason=WRONG_KEY"));
	ck_assert(event_seen("CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:00 reason=15"));
	ck_assert_msg(strstr(logs, "plugin reason 0x90002: plugin-specific") &&
		      strstr(logs, "802.11 reason 15: 4-way handshake timeout") &&
		      strstr(logs, "the passphrase may be wrong (attempt 3 of 3)") &&
		      strstr(logs, "giving up on \"ihvd-test\" (network id=0) after 3 failed 4-way handshakes"),
		      "logs: %s", logs);
	station_info_get(st, &in);
	ck_assert_str_eq(station_state_name(in.state), "INACTIVE");
	ck_assert_uint_eq(in.last_reason, 0x90002);

	/* A new psk lifts it. */
	config_network_set(n, "psk", "\"correct horse battery\"", NULL, 0);
	station_network_changed(st, n->id, "psk");
	ck_assert(!n->temp_disabled);
	run_until_connects(4, 400);
	ck_assert_int_eq(fake.n_connect, 4);
	ck_assert_msg(strstr(fake.sec_xml, "<Passphrase>correct horse battery</Passphrase>"), "%s",
		      fake.sec_xml);
}
END_TEST

START_TEST(test_user_disconnect_and_stop)
{
	struct station_info in;

	network("ihvd-test", "correct horse battery")->id_str = strdup("home");
	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_CONNECT_RESULT,
			  .connect = { .status = 0, .bssid = { 2, 0, 0, 0, 0, 0 }, .freq = 2412 } });
	station_info_get(st, &in);
	ck_assert_str_eq(station_state_name(in.state), "ASSOCIATED");
	authorize();
	ck_assert(event_seen("CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed [id=0 id_str=home]"));
	station_info_get(st, &in);
	ck_assert_str_eq(station_state_name(in.state), "COMPLETED");
	ck_assert_int_eq(in.network_id, 0);
	ck_assert_uint_eq(in.akm_suite, 0x000fac02);
	ck_assert_uint_eq(in.pairwise_cipher, 0x000fac04);

	/* The core reports later (asynchronously) here. */
	ck_assert_int_eq(station_disconnect(st), 0);
	ck_assert_int_eq(fake.n_disconnect, 1);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	ck_assert(event_seen("CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:00 reason=3 locally_generated=1"));
	run_for(200);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_int_eq(fake.n_scan, 0);
	station_info_get(st, &in);
	ck_assert_str_eq(station_state_name(in.state), "DISCONNECTED");
	ck_assert_int_eq(in.network_id, -1);

	/* RECONNECT: at once, from the fresh cache. */
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_connect, 2);
	authorize();
	station_stop(st);
	ck_assert_int_eq(fake.n_disconnect, 2);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(200);
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

/*
 * Issue 16: RECONNECT after an idle longer than the station's own results
 * last. The kernel still holds the entry of the BSS it was associated to, with
 * its "last seen" from the time of the association (mac80211 does not refresh
 * it from unchanged beacons), so the link is the evidence: one scan dump, no
 * scan, and the timeline says why. The threshold here: 50 ms.
 */
START_TEST(test_reconnect_after_idle_joins_known_bss)
{
	int results;

	linked(2412);
	run_for(60); /* idle: the station's copy of the results is now too old */

	fake.bss[0].seen_ms_ago = 12000;
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	results = fake.n_results;
	logs[0] = 0;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_results, results + 1); /* the kernel's cache re-read */
	ck_assert_int_eq(fake.n_scan, 0);
	ck_assert_int_eq(fake.n_connect, 2);
	authorize();
	ck_assert_msg(strstr(logs, "(known BSS, no scan: its link ended 0 ms ago)") != NULL,
		      "logs: %s", logs);

	/* Down for longer than the threshold, but the kernel saw the BSS 20 ms ago. */
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	fake.bss[0].seen_ms_ago = 20;
	logs[0] = 0;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_scan, 0);
	ck_assert_int_eq(fake.n_connect, 3);
	authorize();
	ck_assert_msg(strstr(logs, "(known BSS, no scan: seen 20 ms ago)") != NULL, "logs: %s", logs);

	/* Down for longer than the threshold and no recent sighting: scan first. */
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	fake.bss[0].seen_ms_ago = 12000;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_connect, 3);
	ck_assert_int_eq(fake.n_scan, 1);
	fake.bss[0].seen_ms_ago = 5;
	logs[0] = 0;
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 4);
	authorize();
	ck_assert_msg(strstr(logs, "(fresh scan)") != NULL, "logs: %s", logs);
}
END_TEST

/*
 * A link lost after it was authorized (the AP's Deauthentication) retries on
 * its BSS without a scan; when that direct attempt fails (the AP is gone) the
 * next one scans, and a scan that finds nothing backs off. So does a retry
 * after the kernel dropped the entry.
 */
START_TEST(test_lost_link_known_bss_then_scan_when_gone)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up_aged(40, 1000);
	station_start(st);
	authorize();
	run_for(60);

	fake.bss[0].seen_ms_ago = 25000;
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_DISCONNECTED,
			  .disconnect = { .reason = 3, .by_ap = true } });
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_until_connects(2, 500);
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_int_eq(fake.n_scan, 0);

	/* No answer from the AP: the attempt fails; the retry scans, and finds nothing. */
	end(IHV_PHASE_ASSOCIATING, 0x38002, 0);
	fake.bss[0].seen_ms_ago = 200;
	logs[0] = 0;
	{
		uint64_t t0 = loop_now_us();

		while (fake.n_scan == 0 && fake.n_connect == 2 && loop_now_us() - t0 < 500000)
			loop_run_once(loop, 2);
	}
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_int_eq(fake.n_scan, 1);
	fake.n_bss = 0;
	/* the link's channel STATION_NARROW_TRIES times, though nothing names it now; then all */
	for (int k = 1; k < 3; k++) {
		ck_assert_uint_eq(fake.scan_n_freqs, 1);
		ck_assert_uint_eq(fake.scan_freqs[0], 2412);
		station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
		ck_assert_int_eq(fake.n_scan, 1 + k);
	}
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan, 4);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert(event_seen("CTRL-EVENT-NETWORK-NOT-FOUND"));
	ck_assert_msg(strstr(logs, "next attempt in") != NULL, "logs: %s", logs);

	/* The AP is back: a scan finds it and the station connects. */
	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 3);
	run_until_connects(3, 1000);
	ck_assert_int_eq(fake.n_connect, 3);

	/* Lost again, and the kernel no longer holds the entry: scan. */
	authorize();
	fake.n_bss = 0;
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	ck_assert_int_eq(fake.n_connect, 3);
	ck_assert_int_ge(fake.n_scan, 2);
}
END_TEST

/*
 * A reconnect after the kernel dropped the link's BSS (cfg80211 expires an entry
 * last seen 30 s ago once no link holds it): the scan covers the link's channel,
 * though nothing the station reads names it any more, and it ends as soon as that
 * BSS answers (station-probe.c); nothing else ends it early.
 */
START_TEST(test_reconnect_after_expiry_probes_link_channel)
{
	int results;

	linked_then_down(2437);
	reconnect_scans_link_channel(2437);

	/* Nothing answered yet: the kernel's table is read while the scan runs. */
	results = fake.n_results;
	run_for(12);
	ck_assert_int_gt(fake.n_results, results);
	ck_assert_int_eq(fake.n_scan_abort, 0);

	/* Its entry from before the scan, a weak answer, another BSS: the scan goes on. */
	fake_bss_add(&fake, 0, 2437, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 5000);
	fake_bss_add(&fake, 7, 2437, -20, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 1);
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 0);
	fake.bss[0].seen_ms_ago = 1;
	fake.bss[0].signal_mbm = -8000;
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 0);
	ck_assert_int_eq(fake.n_connect, 1);

	/*
	 * The link's BSS answers in a second entry of its BSSID (the kernel keeps one per
	 * SSID seen, a hidden network's empty one first): the scan is ended, and its end is
	 * the scan's result.
	 */
	fake.bss[0].seen_ms_ago = 5000;
	fake.bss[0].signal_mbm = -3000;
	fake_bss_add(&fake, 0, 2437, -40, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 1);
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 1);
	ck_assert_int_eq(fake.n_connect, 1);
	logs[0] = 0;
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_ABORTED });
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_uint_eq(fake.n_cand, 2); /* the fresh entries: BSS 7 and the link's */
	ck_assert_msg(strstr(logs, "scan aborted") == NULL, "logs: %s", logs);
	authorize();
	ck_assert_msg(strstr(logs, "(fresh scan, ended when the link's BSS was found ") != NULL,
		      "logs: %s", logs);
}
END_TEST

/* An abort the driver refuses (not -EALREADY): the scan's own end is awaited, logged so. */
START_TEST(test_probe_abort_refused_waits_for_scan_end)
{
	linked_then_down(2412);

	fake.bss[0].seen_ms_ago = 3000;
	fake.scan_abort_ret = -EOPNOTSUPP;
	ck_assert_int_eq(station_reconnect(st), 0);
	fake.bss[0].seen_ms_ago = 1;
	logs[0] = 0;
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 1);
	ck_assert_msg(strstr(logs, "the scan could not be aborted"), "logs: %s", logs);
	ck_assert_int_eq(fake.n_connect, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

/*
 * When the abort fails (the scan ended by itself meanwhile: nl80211 found its end
 * unread and aborted nothing) the scan's own end is awaited; a scan someone else
 * aborted still backs off, and a failed attempt's retry is not probed (its BSS did
 * not answer as it should).
 */
START_TEST(test_probe_abort_failed_waits_for_scan_end)
{
	linked_then_down(2412);

	fake.bss[0].seen_ms_ago = 3000;
	fake.scan_abort_ret = -EALREADY;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_scan, 1);
	fake.bss[0].seen_ms_ago = 1;
	logs[0] = 0;
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 1);
	ck_assert_msg(strstr(logs, "into the scan, which has ended"), "logs: %s", logs);
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 1); /* asked once */
	ck_assert_int_eq(fake.n_connect, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 2);

	/* That attempt fails: the retry scans, unprobed; someone aborts it: back off. */
	end(IHV_PHASE_ASSOCIATING, 0x38002, 0);
	fake.bss[0].seen_ms_ago = 3000;
	fake.scan_abort_ret = 0;
	{
		uint64_t t0 = loop_now_us();

		while (fake.n_scan == 1 && loop_now_us() - t0 < 500000)
			loop_run_once(loop, 2);
	}
	ck_assert_int_eq(fake.n_scan, 2);
	fake.bss[0].seen_ms_ago = 1;
	logs[0] = 0;
	loop_run_once(loop, 12);
	loop_run_once(loop, 12);
	ck_assert_int_eq(fake.n_scan_abort, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_ABORTED });
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_msg(strstr(logs, "scan aborted") && strstr(logs, "next attempt in"),
		      "logs: %s", logs);
}
END_TEST

/* A link's BSS that does not answer is looked for STATION_PROBE_MAX_MS (1 s), not for ever. */
START_TEST(test_probe_gives_up_after_a_second)
{
	int results;

	reconnect_after_stale_sighting(2412);
	ck_assert_int_eq(fake.n_scan, 1);
	run_for(1100);
	results = fake.n_results;
	run_for(60);
	ck_assert_int_eq(fake.n_results, results); /* no more reads */
	fake.bss[0].seen_ms_ago = 1;
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 0);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

/*
 * The abort was asked for but the scan had finished: its end is an ordinary one, and the
 * timeline does not claim an early end. A link's channel is scanned only for a network
 * of its SSID.
 */
START_TEST(test_probe_scan_done_after_abort_and_link_ssid)
{
	struct config_network *n;

	reconnect_after_stale_sighting(2437);
	fake.bss[0].seen_ms_ago = 1;
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 1);
	logs[0] = 0;
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 2);
	authorize();
	ck_assert_msg(strstr(logs, "(fresh scan)") && !strstr(logs, "ended when"), "logs: %s",
		      logs);

	/* Another network only, not seen anywhere: the old link's channel is not its. */
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	n = config_network_get(config, 0);
	ck_assert_ptr_nonnull(n);
	n->disabled = true;
	network("other", "correct horse battery");
	fake.n_bss = 0;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_scan, 2);
	ck_assert_uint_eq(fake.scan_n_freqs, 0); /* all channels, not 2437 */
}
END_TEST

/*
 * A hidden network: the kernel holds the BSS's beacon, with an empty SSID, beside
 * the Probe Response that names it. The empty entry is no answer; the named one
 * ends the scan.
 */
START_TEST(test_probe_hidden_network)
{
	struct config_network *n = network("ihvd-test", "correct horse battery");

	n->scan_ssid = true;
	fake_bss_add(&fake, 0, 2437, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up_aged(40, 50);
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	authorize();
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);

	reconnect_scans_link_channel(2437);
	ck_assert_uint_ge(fake.scan_n_ssids, 2); /* its SSID, directed, and the wildcard */
	fake_bss_add(&fake, 0, 2437, -30, "", 0, rsne_psk, sizeof(rsne_psk), 1);
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 0);
	fake_bss_add(&fake, 0, 2437, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 1);
	run_for(12);
	ck_assert_int_eq(fake.n_scan_abort, 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_ABORTED });
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_uint_eq(fake.ssid_len, 9);
}
END_TEST

/* A dump that fails stops the probe at once (said once); the scan ends as before. */
START_TEST(test_probe_stops_on_failed_read)
{
	int results;

	reconnect_after_stale_sighting(2412);
	ck_assert_int_eq(fake.n_scan, 1);
	fake.results_ret = -EIO;
	logs[0] = 0;
	results = fake.n_results;
	run_for(12);
	ck_assert_int_eq(fake.n_results, results + 1);
	run_for(30);
	ck_assert_int_eq(fake.n_results, results + 1);
	ck_assert_msg(strstr(logs, "reading scan results failed") != NULL, "logs: %s", logs);
	fake.results_ret = 0;
	fake.bss[0].seen_ms_ago = 1;
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_scan_abort, 0);
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

/* A station as linked()'s whose last links' channels are kept at path (known-freqs.h). */
static struct station_params freqs_params(const char *path)
{
	return (struct station_params){
		.loop = loop, .config = config, .ifname = "wlan1", .plugin_name = "fake",
		.backend = &backend, .backoff_ms = fast_backoff,
		.n_backoff = sizeof(fast_backoff) / sizeof(fast_backoff[0]),
		.scan_max_age_ms = 40, .known_max_age_ms = 50, .freqs_path = path,
	};
}

/* ... made, with one network and its BSS on 2437 MHz. */
static void freqs_station_up(const struct station_params *sp)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 0, 2437, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	st = station_new(sp);
	ck_assert_ptr_nonnull(st);
	fake.st = st;
}

/*
 * With a state directory the last links' channels outlive the station (known-freqs.h): an
 * authorized link writes them, the same link again writes nothing, and a station made from
 * what was written scans that channel first though the kernel's cache is empty.
 */
START_TEST(test_link_freqs_kept_in_state_dir)
{
	char dir[] = "/tmp/ihvd-station-freqs.XXXXXX", path[64];
	struct known_freq got[KNOWN_FREQS_MAX];
	struct station_params sp;
	size_t n = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/wlan1.freqs", dir);
	sp = freqs_params(path);
	freqs_station_up(&sp);
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	authorize();
	run_for(5);
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(got[0].freq, 2437);
	ck_assert_uint_eq(got[0].ssid_len, 9);
	ck_assert_mem_eq(got[0].ssid, "ihvd-test", 9);

	/* The same link again: nothing changed, nothing written. */
	ck_assert_int_eq(unlink(path), 0);
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	fake.bss[0].seen_ms_ago = 0;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_connect, 2);
	authorize();
	run_for(5);
	ck_assert_int_ne(access(path, F_OK), 0);

	/* The next start, the kernel's cache empty: the kept channel only. */
	ck_assert_int_eq(known_freqs_save(path, got, n), 0);
	station_free(st);
	fake.n_bss = 0;
	fake.n_scan = 0;
	sp.link_freqs = got;
	sp.n_link_freqs = n;
	st = station_new(&sp);
	ck_assert_ptr_nonnull(st);
	fake.st = st;
	station_start(st);
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 1);
	ck_assert_uint_eq(fake.scan_freqs[0], 2437);
	unlink(path);
	rmdir(dir);
}
END_TEST

/*
 * The file behind the list (damaged at load, or a write that failed) is written at the next
 * link even when that link is the last one again; a link's write still pending when the
 * station goes is done then.
 */
START_TEST(test_link_freqs_stale_file_rewritten)
{
	char dir[] = "/tmp/ihvd-station-freqs.XXXXXX", sub[64], path[80];
	const struct known_freq kept = { .freq = 2437, .ssid = "ihvd-test", .ssid_len = 9 };
	struct known_freq got[KNOWN_FREQS_MAX];
	struct station_params sp;
	size_t n = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/state", dir);
	snprintf(path, sizeof(path), "%s/wlan1.freqs", sub);
	sp = freqs_params(path);
	sp.link_freqs = &kept;
	sp.n_link_freqs = 1;
	sp.freqs_stale = true;
	freqs_station_up(&sp);

	/* the directory is missing: the write fails, said */
	station_start(st);
	ck_assert_int_eq(fake.n_connect, 1);
	authorize();
	run_for(5);
	ck_assert_msg(strstr(logs, "cannot write") != NULL, "logs: %s", logs);

	/* the same link again, the directory there: written now */
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	fake.bss[0].seen_ms_ago = 0;
	ck_assert_int_eq(station_reconnect(st), 0);
	authorize();
	run_for(5);
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(got[0].freq, 2437);

	/* a link on another channel, the station freed at once: its write is not lost */
	station_disconnect(st);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_for(80);
	fake.bss[0].freq = 2462;
	ck_assert_int_eq(station_reconnect(st), 0);
	authorize();
	station_free(st);
	st = NULL;
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(got[0].freq, 2462);
	ck_assert_uint_eq(got[1].freq, 2437);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
}
END_TEST

/*
 * A kept channel the radio does not have: nl80211 refuses the whole scan (-EINVAL), so the
 * station scans all channels at once and forgets the kept ones.
 */
START_TEST(test_refused_known_channels_scan_all)
{
	linked_then_down(2437);
	fake.n_bss = 0;
	fake.scan_freqs_ret = -EINVAL;
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_scan, 2);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	ck_assert_msg(strstr(logs, "refused a scan of the known channels") != NULL, "logs: %s",
		      logs);
	fake_bss_add(&fake, 0, 2437, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 1);
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

START_TEST(test_remove_current_network)
{
	network("one", "correct horse");
	network("two", "correct horse");
	fake_bss_add(&fake, 1, 2412, -20, "one", 3, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2412, -40, "two", 3, rsne_psk, sizeof(rsne_psk), 0);
	fake.end_on_disconnect = true;
	fake.end_phase = IHV_PHASE_AUTHORIZED;
	station_up();
	station_start(st);
	ck_assert_mem_eq(fake.ssid, "one", 3);
	authorize();
	ck_assert_int_eq(station_remove_network(st, 0), 0);
	ck_assert_int_eq(fake.n_disconnect, 1);
	ck_assert_ptr_null(config_network_get(config, 0));
	run_until_connects(2, 300);
	ck_assert_mem_eq(fake.ssid, "two", 3);
	ck_assert_int_eq(station_remove_network(st, 0), -ENOENT);
	ck_assert_int_eq(station_remove_network(st, -1), 0);
	ck_assert_ptr_null(config->networks);
	run_for(100);
	ck_assert_int_eq(fake.n_connect, 2);
}
END_TEST

/* Issue 14: RECONFIGURE keeps an unchanged network's connection, else reconnects. */
START_TEST(test_reconfigure_keeps_unchanged)
{
	struct config *fresh;

	network("one", "correct horse");
	network("two", "correct horse");
	fake_bss_add(&fake, 1, 2412, -20, "one", 3, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2412, -40, "two", 3, rsne_psk, sizeof(rsne_psk), 0);
	fake.end_on_disconnect = true;
	fake.end_phase = IHV_PHASE_AUTHORIZED;
	station_up();
	station_start(st);
	ck_assert_mem_eq(fake.ssid, "one", 3);
	authorize();
	/* The same "one", now second in the file: the link stays, under its new id. */
	fresh = config_new();
	fake_network(fresh, "two", "correct horse");
	fake_network(fresh, "one", "correct horse");
	ck_assert_int_eq(station_reconfigure(st, fresh), 0);
	config_free(fresh);
	run_for(100);
	ck_assert_int_eq(fake.n_disconnect, 0);
	ck_assert_int_eq(fake.n_connect, 1);
	{
		struct station_info in;

		station_info_get(st, &in);
		ck_assert_int_eq(in.network_id, 1);
		ck_assert_int_eq(in.state, STATION_COMPLETED);
	}
	/* "one" gets another passphrase: the station reconnects (to the best: "one"). */
	fresh = config_new();
	fake_network(fresh, "one", "another passphrase");
	ck_assert_int_eq(station_reconfigure(st, fresh), 0);
	config_free(fresh);
	ck_assert_int_eq(fake.n_disconnect, 1);
	run_until_connects(2, 300);
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_ptr_nonnull(strstr(fake.sec_xml, "<Passphrase>another passphrase<"));
}
END_TEST

START_TEST(test_capability_match_skips_refused_bss)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 1, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	fake_bss_add(&fake, 2, 2437, -60, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	fake.match_refuse = 1; /* the stronger one */
	log_level_set(LOG_LEVEL_INFO);
	station_up();
	station_start(st);
	log_level_set(LOG_LEVEL_ERROR);
	/* PerformCapabilityMatch for each candidate; the refused BSS is not offered */
	ck_assert_int_eq(fake.n_match, 2);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_uint_eq(fake.n_cand, 1);
	ck_assert_uint_eq(fake.cand[0][5], 2);
	ck_assert(event_seen("Trying to associate with 02:00:00:00:00:02 (SSID='ihvd-test' freq=2437 MHz)"));
	ck_assert_msg(strstr(logs, "capability match refused 02:00:00:00:00:01: reason 0x90001"),
		      "logs: %s", logs);
}
END_TEST

/*
 * A reconnect to the BSS the plugin accepted, with the same profile, does not ask
 * PerformCapabilityMatch again (cap-memo.h); a restarted plugin process or a changed
 * profile is asked again.
 */
START_TEST(test_capability_match_not_asked_again_for_a_reconnect)
{
	struct config *fresh = config_new();

	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 1, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_match, 1);
	ck_assert_int_eq(fake.n_connect, 1);
	authorize();
	ck_assert_int_eq(station_disconnect(st), 0);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_int_eq(fake.n_match, 1); /* the same BSS and profile: the memo answered */
	authorize();

	/* a restarted plugin process knows nothing of its earlier answers */
	station_plugin_crashed(st, 1, "a test", false);
	ck_assert_int_eq(station_disconnect(st), 0);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	ck_assert_int_eq(station_reconnect(st), 0);
	ck_assert_int_eq(fake.n_connect, 3);
	ck_assert_int_eq(fake.n_match, 2);
	authorize();

	/* another passphrase is another security profile */
	ck_assert_ptr_nonnull(fresh);
	fake_network(fresh, "ihvd-test", "another passphrase");
	ck_assert_int_eq(station_reconfigure(st, fresh), 0);
	config_free(fresh);
	end(IHV_PHASE_AUTHORIZED, 0, 3);
	run_until_connects(4, 300);
	ck_assert_int_eq(fake.n_match, 3);
	ck_assert_ptr_nonnull(strstr(fake.sec_xml, "<Passphrase>another passphrase<"));
}
END_TEST

START_TEST(test_capability_match_refusing_all_backs_off)
{
	network("ihvd-test", "correct horse battery");
	fake_bss_add(&fake, 1, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	fake.match_refuse = 1;
	station_up();
	station_start(st);
	ck_assert_int_eq(fake.n_match, 1);
	ck_assert_int_eq(fake.n_connect, 0);
	/* and again after the backoff, never connecting */
	run_for(300);
	ck_assert_int_gt(fake.n_match, 1);
	ck_assert_int_eq(fake.n_connect, 0);
}
END_TEST

START_TEST(test_reason_strings)
{
	ck_assert_str_eq(station_l2_reason_str(0x38007), "security watchdog timeout");
	ck_assert_str_eq(station_l2_reason_str(0x9abcd),
			 "plugin-specific (IHV range 0x90000..0x9ffff)");
	ck_assert_str_eq(station_l2_reason_str(0x12345), "unlisted reason code");
}
END_TEST

/* A plugin that crashes or hangs mid-4-way (issue 11) is not a wrong passphrase. */
START_TEST(test_plugin_crash_is_not_a_wrong_key)
{
	struct config_network *n = network("ihvd-test", "correct horse battery");
	int i;

	fake_bss_add(&fake, 0, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 0);
	station_up();
	station_start(st);
	for (i = 1; i <= 4; i++) {
		ck_assert_int_eq(fake.n_connect, i);
		station_adapter_events()->milestone(st, IHV_PHASE_POST_ASSOCIATE, loop_now_us());
		end(IHV_PHASE_POST_ASSOCIATE, WLAN_REASON_CODE_IHV_NOT_RESPONDING, 3);
		ck_assert_uint_eq(n->auth_failures, 0);
		run_until_connects(i + 1, 400);
	}
	ck_assert(!n->temp_disabled);
	ck_assert_int_eq(fake.n_connect, 5); /* it keeps reconnecting */
}
END_TEST

int main(void)
{
	return CHECK_RUN("station", setup, teardown,
			 test_cold_start_reuses_fresh_results,
			 test_stale_results_scan_known_channel_then_all,
			 test_new_request_gets_its_own_narrow_tries, test_scan_freq_scanned_first,
			 test_adopted_scan_is_waited_for, test_adopted_narrow_scan_then_all,
			 test_not_found_backs_off, test_priority_then_signal,
			 test_disabled_networks_skipped, test_backoff_grows_and_resets,
			 test_connect_refused_backs_off, test_wrong_passphrase_gives_up,
			 test_failed_rekey_is_not_a_wrong_key,
			 test_user_disconnect_and_stop, test_reconnect_after_idle_joins_known_bss,
			 test_lost_link_known_bss_then_scan_when_gone,
			 test_reconnect_after_expiry_probes_link_channel,
			 test_probe_abort_failed_waits_for_scan_end,
			 test_probe_abort_refused_waits_for_scan_end,
			 test_probe_gives_up_after_a_second,
			 test_probe_scan_done_after_abort_and_link_ssid, test_probe_hidden_network,
			 test_probe_stops_on_failed_read, test_link_freqs_kept_in_state_dir,
			 test_link_freqs_stale_file_rewritten, test_refused_known_channels_scan_all,
			 test_remove_current_network,
			 test_reconfigure_keeps_unchanged, test_capability_match_skips_refused_bss,
			 test_capability_match_refusing_all_backs_off,
			 test_capability_match_not_asked_again_for_a_reconnect, test_reason_strings,
			 test_plugin_crash_is_not_a_wrong_key);
}
