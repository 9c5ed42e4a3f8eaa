/*
 * src/daemon/backend.c: the station over the real host core (the simulated
 * driver, a purpose-built plugin), as ihvd wires it: the handlers the
 * daemon calls for a management tool (Control) and what the plugin tells
 * it (SendNotification) arrive where wpa_cli sees them.
 */
#include "tests/unit/core/harness.h"

#include "daemon/backend.h"
#include "daemon/config.h"
#include "daemon/station.h"

static struct hx X;
static struct config *config;
static struct backend_core bc;
static struct station_backend be;
static struct station *st;
static char events[16][512];
static size_t n_events;

static void on_event(void *ctx, int level, const char *text)
{
	(void)ctx;
	(void)level;
	if (n_events < 16)
		snprintf(events[n_events++], sizeof(events[0]), "%s", text);
}

static bool event_seen(const char *text)
{
	size_t i;

	for (i = 0; i < n_events; i++)
		if (!strcmp(events[i], text))
			return true;
	return false;
}

/* The daemon's wiring (main.c): host, station, adapter with the station's events. */
static void daemon_up(const char *plugin)
{
	struct station_params sp;

	(void)hx_adapter; /* the harness's own adapter is not used here */
	hx_open(&X, plugin);
	X.tp->notify = 1;
	X.tp->post_mode = TP_POST_NEVER;
	ck_assert_msg(hx_host(&X, plugin, 0, 0) != NULL, "host: %s", X.err);
	config = config_new();
	bc = (struct backend_core){ .host = X.h, .drv = sim_drv_base(X.sim),
				    .ifindex = HX_IFINDEX };
	backend_core_fill(&be, &bc);
	memset(&sp, 0, sizeof(sp));
	sp.loop = X.loop;
	sp.config = config;
	sp.ifname = "wlan0";
	sp.ifindex = HX_IFINDEX;
	sp.plugin_name = plugin;
	sp.backend = &be;
	st = station_new(&sp);
	ck_assert_ptr_nonnull(st);
	n_events = 0;
	station_event_cb_set(st, on_event, NULL);
	bc.adapter = ihv_adapter_new(X.h, HX_IFINDEX, "wlan0", station_adapter_events(), st);
	ck_assert_ptr_nonnull(bc.adapter);
	X.a = bc.adapter;
}

static void daemon_down(void)
{
	station_free(st);
	st = NULL;
	hx_stop(&X);
	config_free(config);
}

START_TEST(test_ihv_control_reaches_the_plugin)
{
	uint8_t out[8];
	size_t ret = 0;

	daemon_up("tp-good");
	/* tp-good's Control answers its input reversed */
	ck_assert_int_eq(station_ihv_control(st, (const uint8_t *)"\x01\x02\x03", 3, out,
					     sizeof(out), &ret), 0);
	ck_assert_uint_eq(ret, 3);
	ck_assert_mem_eq(out, "\x03\x02\x01", 3);
	ck_assert(strstr(X.tp->log, "Control"));
	/* a reply that does not fit: its size, nothing copied (contract rule 68) */
	memset(out, 0xee, sizeof(out));
	ck_assert_int_eq(station_ihv_control(st, (const uint8_t *)"abcdefghij", 10, out,
					     sizeof(out), &ret), -ENOBUFS);
	ck_assert_uint_eq(ret, 10);
	ck_assert_uint_eq(out[0], 0xee);
	daemon_down();
}
END_TEST

START_TEST(test_notification_becomes_a_ctrl_event)
{
	daemon_up("tp-good");
	hx_connect(&X); /* the adapter the station's backend drives */
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5); /* PerformPostAssociate sends notification 7, data 01020304 */
	ck_assert_uint_eq(X.tp->rc_notify, ERROR_SUCCESS);
	ck_assert_msg(event_seen("CTRL-EVENT-IHV-NOTIFICATION 01020304 code=0x7 len=4"),
		      "events: %zu, first %s", n_events, events[0]);
	daemon_down();
}
END_TEST

START_TEST(test_validate_profile_and_capability_match)
{
	struct config_network *n;
	const struct drv_bss *one[1];
	struct ihv_connect_request req;
	char err[128], text[128];
	uint32_t reason = 1;

	daemon_up("tp-good");
	n = config_network_add(config);
	ck_assert_int_eq(config_network_set(n, "ssid", "\"ihvd-test\"", err, sizeof(err)), 0);
	/* incomplete: the plugin is not asked */
	ck_assert_int_eq(station_network_validate(st, n, &reason, text, sizeof(text)), 0);
	ck_assert(!strstr(X.tp->log, "ValidateProfile"));
	ck_assert_int_eq(config_network_set(n, "psk", "\"correct horse battery\"", err,
					    sizeof(err)), 0);
	ck_assert_int_eq(station_network_validate(st, n, &reason, text, sizeof(text)), 0);
	ck_assert_int_eq(hx_count(X.tp->log, "ValidateProfile"), 1);
	/* refused, with its reason and what it means */
	X.tp->validate_error = ERROR_BAD_PROFILE;
	X.tp->validate_reason = L2_REASON_CODE_IHV_BASE + 4;
	ck_assert_int_eq(station_network_validate(st, n, &reason, text, sizeof(text)), -EACCES);
	ck_assert_uint_eq(reason, L2_REASON_CODE_IHV_BASE + 4);
	ck_assert_str_eq(text, "plugin-specific (IHV range 0x90000..0x9ffff)");

	/* PerformCapabilityMatch through the same backend, one BSS */
	hx_connect(&X); /* fills the harness's BSS */
	one[0] = &hx_bss_storage[0];
	memset(&req, 0, sizeof(req));
	req.ssid = (const uint8_t *)"ihvd-test";
	req.ssid_len = 9;
	req.bss = one;
	req.n_bss = 1;
	ck_assert_int_eq(be.capability_match(be.ctx, &req, &reason), 0);
	X.tp->match_error = ERROR_NOT_SUPPORTED;
	X.tp->match_reason = L2_REASON_CODE_IHV_BASE + 5;
	ck_assert_int_lt(be.capability_match(be.ctx, &req, &reason), 0);
	ck_assert_uint_eq(reason, L2_REASON_CODE_IHV_BASE + 5);
	ck_assert_int_eq(hx_count(X.tp->log, "PerformCapabilityMatch"), 2);
	daemon_down();
}
END_TEST

/* The reference plugin takes the blocks the daemon builds (else ihvd would not start). */
START_TEST(test_reference_plugin_validates_the_daemons_blocks)
{
	struct ihv_host_params p;
	struct config_network *n;
	char path[512], err[128], text[128];
	uint32_t reason = 1;

	hx_open(&X, "tp-good"); /* loop and simulated driver; the host is ihv-rsn */
	snprintf(path, sizeof(path), "%s/ihv-rsn.so", hx_build_dir());
	memset(&p, 0, sizeof(p));
	p.loop = X.loop;
	p.drv = sim_drv_base(X.sim);
	p.plugin_path = path;
	X.h = ihv_host_new(&p, X.err, sizeof(X.err));
	ck_assert_msg(X.h != NULL, "host: %s", X.err);
	sim_drv_event_cb_set(X.sim, hx_drv_event, &X);
	config = config_new();
	bc = (struct backend_core){ .host = X.h, .drv = sim_drv_base(X.sim),
				    .ifindex = HX_IFINDEX };
	backend_core_fill(&be, &bc);
	{
		struct station_params sp = { .loop = X.loop, .config = config, .ifname = "wlan0",
					     .ifindex = HX_IFINDEX, .plugin_name = "ihv-rsn",
					     .backend = &be };

		st = station_new(&sp);
	}
	bc.adapter = ihv_adapter_new(X.h, HX_IFINDEX, "wlan0", station_adapter_events(), st);
	ck_assert_ptr_nonnull(bc.adapter);
	n = config_network_add(config);
	ck_assert_int_eq(config_network_set(n, "ssid", "\"ihvd-test\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "psk", "\"correct horse battery\"", err,
					    sizeof(err)), 0);
	ck_assert_int_eq(station_network_validate(st, n, &reason, text, sizeof(text)), 0);
	ck_assert_uint_eq(reason, 0);
	{
		/* and matches the BSS the station would choose (harness AP: PSK, CCMP) */
		struct profile_choice ch = { CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP, CONFIG_CIPHER_CCMP };
		struct ihv_connect_request req;
		const struct drv_bss *one[1];
		struct profile_xml x;

		X.a = bc.adapter;
		hx_connect_n(&X, 1); /* fills the harness's BSS storage; ended below */
		ck_assert_int_eq(profile_build(n, &ch, &x), 0);
		one[0] = &hx_bss_storage[0];
		memset(&req, 0, sizeof(req));
		req.ssid = n->ssid;
		req.ssid_len = n->ssid_len;
		req.bss = one;
		req.n_bss = 1;
		req.connectivity_xml = x.connectivity;
		req.security_xml = x.security;
		ck_assert_int_eq(be.capability_match(be.ctx, &req, &reason), 0);
		profile_xml_clear(&x);
		ihv_adapter_disconnect(bc.adapter, 3);
	}
	ck_assert_int_eq(config_network_set(n, "key_mgmt", "WPA-PSK WPA-PSK-SHA256", err,
					    sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "ieee80211w", "2", err, sizeof(err)), 0);
	ck_assert_int_eq(station_network_validate(st, n, &reason, text, sizeof(text)), 0);
	n = config_network_add(config);
	ck_assert_int_eq(config_network_set(n, "ssid", "\"open\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "key_mgmt", "NONE", err, sizeof(err)), 0);
	ck_assert_int_eq(station_network_validate(st, n, &reason, text, sizeof(text)), 0);
	daemon_down();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("daemon backend over the host core");
	TCase *t = tcase_create("handlers");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_ihv_control_reaches_the_plugin);
	tcase_add_test(t, test_notification_becomes_a_ctrl_event);
	tcase_add_test(t, test_validate_profile_and_capability_match);
	tcase_add_test(t, test_reference_plugin_validates_the_daemons_blocks);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
