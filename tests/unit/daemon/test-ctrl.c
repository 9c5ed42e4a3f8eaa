/*
 * src/daemon/ctrl.c: a real datagram client drives the control socket (every
 * command, malformed and oversized input, ATTACH and events), and Debian's
 * own /usr/sbin/wpa_cli talks to it unchanged.
 */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/config.h"
#include "daemon/ctrl.h"
#include "common/log.h"
#include "common/loop.h"
#include "daemon/station.h"
#include "tests/unit/daemon/test-station-fake.h"

#define IFNAME "wlan9"
#define WPA_CLI "/usr/sbin/wpa_cli"

extern char **environ;

static const uint8_t own_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t rsne_psk[] = { RSNE_PSK_CCMP };

static char dir[64];
static char client_path[96];
static struct loop *loop;
static struct config *config;
static struct fake fake;
static struct station_backend backend;
static struct station *st;
static struct ctrl *ctrl;
static int cli = -1;
static int terminated;
static char events[16][1024]; /* see recv_msg */
static size_t n_events;

static void on_terminate(void *ctx)
{
	(void)ctx;
	terminated++;
}

static void ctrl_up(void)
{
	struct ctrl_params cp = {
		.loop = loop, .dir = dir, .ifname = IFNAME, .station = st,
		.config = config, .terminate = on_terminate,
	};
	char err[256];

	ctrl = ctrl_new(&cp, err, sizeof(err));
	ck_assert_msg(ctrl != NULL, "ctrl_new: %s", err);
	station_event_cb_set(st, ctrl_event, ctrl);
}

static void setup(void)
{
	struct station_params sp = { 0 };
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	snprintf(dir, sizeof(dir), "/tmp/ihvd-test-ctrl.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(rmdir(dir), 0); /* ctrl_new creates it */
	loop = loop_new();
	config = config_new();
	memset(&fake, 0, sizeof(fake));
	backend = fake_backend(&fake);
	sp.loop = loop;
	sp.config = config;
	sp.ifname = IFNAME;
	sp.mac = own_mac;
	sp.plugin_name = "test-plugin";
	sp.backend = &backend;
	st = station_new(&sp);
	fake.st = st;
	terminated = 0;
	ctrl_up();

	n_events = 0;
	cli = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	snprintf(client_path, sizeof(client_path), "/tmp/ihvd-test-cli-%d", getpid());
	unlink(client_path);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", client_path);
	ck_assert_int_eq(bind(cli, (struct sockaddr *)&a, sizeof(a)), 0);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/%s", dir, IFNAME);
	ck_assert_int_eq(connect(cli, (struct sockaddr *)&a, sizeof(a)), 0);
}

static void teardown(void)
{
	close(cli);
	unlink(client_path);
	ctrl_free(ctrl);
	station_free(st);
	config_free(config);
	loop_run_once(loop, 0); /* run the deferred frees loop_fd_del posted */
	loop_free(loop);
	rmdir(dir);
}

/*
 * Events ("<3>...") and replies share the socket here (wpa_cli uses two);
 * like wpa_ctrl_request, a command's reply skips events, which are queued
 * for recv_msg.
 */

static const char *recv_any(int timeout_ms)
{
	static char buf[8192];
	uint64_t end = loop_now_us() + (uint64_t)timeout_ms * 1000;

	bool ran = false;

	for (;;) {
		ssize_t n = recv(cli, buf, sizeof(buf) - 1, MSG_DONTWAIT);

		if (n >= 0) {
			buf[n] = 0;
			return buf;
		}
		if (ran && loop_now_us() >= end)
			break;
		loop_run_once(loop, 5); /* at least once, however late we are */
		ran = true;
	}
	buf[0] = 0;
	return buf;
}

/* The next event (queued or arriving within timeout_ms); "" if none. */
static const char *recv_msg(int timeout_ms)
{
	static char ev[1024];

	if (n_events) {
		snprintf(ev, sizeof(ev), "%s", events[0]);
		memmove(events[0], events[1], sizeof(events[0]) * --n_events);
		return ev;
	}
	return recv_any(timeout_ms);
}

static const char *cmd_len(const char *c, size_t len)
{
	const char *r;

	ck_assert_int_eq(send(cli, c, len, 0), (ssize_t)len);
	while ((r = recv_any(1000))[0] == '<') {
		ck_assert_uint_lt(n_events, 16);
		snprintf(events[n_events++], sizeof(events[0]), "%s", r);
	}
	return r;
}

static const char *cmd(const char *c)
{
	return cmd_len(c, strlen(c));
}

static void ensure_no_msg(void)
{
	ck_assert_str_eq(recv_msg(50), "");
}

static void add_psk_network(void)
{
	ck_assert_str_eq(cmd("ADD_NETWORK"), "0\n");
	ck_assert_str_eq(cmd("SET_NETWORK 0 ssid \"ihvd-test\""), "OK\n");
	ck_assert_str_eq(cmd("SET_NETWORK 0 psk \"correct horse battery\""), "OK\n");
}

START_TEST(test_socket_mode_and_path)
{
	struct stat sb;
	char p[200];

	snprintf(p, sizeof(p), "%s/%s", dir, IFNAME);
	ck_assert_str_eq(ctrl_path(ctrl), p);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert(S_ISSOCK(sb.st_mode));
	ck_assert_uint_eq(sb.st_mode & 07777, 0770);
	ck_assert_int_eq(stat(dir, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 07777, 0770);
}
END_TEST

START_TEST(test_socket_in_use_and_stale)
{
	struct ctrl_params cp = { .loop = loop, .dir = dir, .ifname = IFNAME,
				  .station = st, .config = config };
	char err[256], want[256];
	struct ctrl *second = ctrl_new(&cp, err, sizeof(err));
	int fd;
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	ck_assert_ptr_null(second);
	snprintf(want, sizeof(want), "control socket %s/%s is in use by another process", dir, IFNAME);
	ck_assert_str_eq(err, want);

	/* A socket file nobody listens on (a crashed daemon's) is replaced. */
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/stale0", dir);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	close(fd);
	cp.ifname = "stale0";
	second = ctrl_new(&cp, err, sizeof(err));
	ck_assert_msg(second != NULL, "%s", err);
	ctrl_free(second);
	ck_assert_int_ne(access(a.sun_path, F_OK), 0);
}
END_TEST

START_TEST(test_group_owner)
{
	struct group *g = getgrnam("daemon");
	struct ctrl_params cp = { .loop = loop, .dir = dir, .ifname = "grp0", .station = st,
				  .config = config, .group_set = true };
	struct ctrl *c;
	struct stat sb;
	char err[256], p[200];

	if (!g || geteuid() != 0)
		return; /* needs root and a group to hand the socket to */
	cp.gid = g->gr_gid;
	c = ctrl_new(&cp, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	snprintf(p, sizeof(p), "%s/grp0", dir);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_uint_eq(sb.st_gid, g->gr_gid);
	ck_assert_uint_eq(sb.st_mode & 07777, 0770);
	ck_assert_int_eq(stat(dir, &sb), 0);
	ck_assert_uint_eq(sb.st_gid, g->gr_gid);
	ctrl_free(c);
}
END_TEST

START_TEST(test_ping_status_idle)
{
	ck_assert_str_eq(cmd("PING"), "PONG\n");
	ck_assert_str_eq(cmd("PING\n"), "PONG\n"); /* socat/nc add a newline */
	ck_assert_str_eq(cmd("STATUS"),
			 "wpa_state=DISCONNECTED\naddress=02:00:00:00:01:00\n"
			 "ihv_plugin=test-plugin\nihv_last_reason=0x00000\nihv_plugin_crashes=0\n");
	station_start(st); /* no network: nothing to do */
	ck_assert_str_eq(cmd("STATUS"),
			 "wpa_state=INACTIVE\naddress=02:00:00:00:01:00\n"
			 "ihv_plugin=test-plugin\nihv_last_reason=0x00000\nihv_plugin_crashes=0\n");
	ck_assert_str_eq(cmd("IFNAME=" IFNAME " PING"), "PONG\n");
	ck_assert_str_eq(cmd("IFNAME=wlan0 PING"), "FAIL\n");
	ck_assert_str_eq(cmd("INTERFACES"), IFNAME "\n");
}
END_TEST

START_TEST(test_network_commands)
{
	ck_assert_str_eq(cmd("LIST_NETWORKS"), "network id / ssid / bssid / flags\n");
	add_psk_network();
	ck_assert_str_eq(cmd("ADD_NETWORK"), "1\n");
	ck_assert_str_eq(cmd("SET_NETWORK 1 ssid 6100ff62"), "OK\n");
	ck_assert_str_eq(cmd("SET_NETWORK 1 key_mgmt NONE"), "OK\n");
	ck_assert_str_eq(cmd("SET_NETWORK 1 bssid 02:00:00:00:00:07"), "OK\n");
	ck_assert_str_eq(cmd("SET_NETWORK 1 priority 5"), "OK\n");
	ck_assert_str_eq(cmd("LIST_NETWORKS"),
			 "network id / ssid / bssid / flags\n"
			 "0\tihvd-test\tany\t[DISABLED]\n"
			 "1\ta\\x00\\xffb\t02:00:00:00:00:07\t[DISABLED]\n");
	ck_assert_str_eq(cmd("GET_NETWORK 0 ssid"), "\"ihvd-test\"");
	ck_assert_str_eq(cmd("GET_NETWORK 1 ssid"), "6100ff62");
	ck_assert_str_eq(cmd("GET_NETWORK 0 psk"), "FAIL\n");
	ck_assert_str_eq(cmd("GET_NETWORK 0 key_mgmt"), "WPA-PSK");
	ck_assert_str_eq(cmd("GET_NETWORK 1 priority"), "5");
	ck_assert_str_eq(cmd("GET_NETWORK 0 nonsense"), "FAIL\n");
	ck_assert_str_eq(cmd("GET_NETWORK 7 ssid"), "FAIL\n");

	ck_assert_str_eq(cmd("ENABLE_NETWORK 0"), "OK\n");
	ck_assert_str_eq(cmd("DISABLE_NETWORK 0"), "OK\n");
	ck_assert_str_eq(cmd("DISABLE_NETWORK all"), "OK\n");
	ck_assert_str_eq(cmd("ENABLE_NETWORK 5"), "FAIL\n");
	ck_assert_str_eq(cmd("REMOVE_NETWORK 1"), "OK\n");
	ck_assert_str_eq(cmd("REMOVE_NETWORK 1"), "FAIL\n");
	ck_assert_str_eq(cmd("LIST_NETWORKS"),
			 "network id / ssid / bssid / flags\n0\tihvd-test\tany\t[DISABLED]\n");
	ck_assert_str_eq(cmd("REMOVE_NETWORK all"), "OK\n");
	ck_assert_ptr_null(config->networks);
	ck_assert_str_eq(cmd("ADD_NETWORK"), "2\n");

	/* An incomplete network cannot be enabled or selected. */
	ck_assert_str_eq(cmd("ENABLE_NETWORK 2"), "FAIL\n");
	ck_assert_str_eq(cmd("SELECT_NETWORK 2"), "FAIL\n");
	ck_assert_str_eq(cmd("GET_CAPABILITY key_mgmt"),
			 "NONE WPA-PSK WPA-PSK-SHA256 WPA-EAP WPA-EAP-SHA256");
	ck_assert_str_eq(cmd("GET_CAPABILITY pairwise"), "CCMP GCMP GCMP-256 CCMP-256");
	ck_assert_str_eq(cmd("GET_CAPABILITY channels"), "FAIL\n");
}
END_TEST

START_TEST(test_malformed_changes_nothing)
{
	static const char *const bad[] = {
		"SET_NETWORK", "SET_NETWORK 0", "SET_NETWORK 0 ssid", "SET_NETWORK x ssid \"a\"",
		"SET_NETWORK 0 psk \"short\"", "SET_NETWORK 0 ssid \"\"", "SET_NETWORK 9 ssid \"a\"",
		"SET_NETWORK -1 ssid \"a\"", "SET_NETWORK 0 key_mgmt SAE", "SET_NETWORK 0 bogus 1",
		"GET_NETWORK", "GET_NETWORK 0", "REMOVE_NETWORK", "REMOVE_NETWORK x",
		"REMOVE_NETWORK 99999999999999", "ENABLE_NETWORK", "SELECT_NETWORK all",
		"PING extra", "STATUS now", "ADD_NETWORK 3", "LEVEL 3", "DETACH", "LEVEL",
		"CTRL-RSP-", "CTRL-RSP-IHV-x-1", "CTRL-RSP-IHV-0-nothing pending",
		"IFNAME=", "IFNAME=wlan9", "SCAN_RESULTS x", "DISCONNECT now",
	};
	size_t i;

	add_psk_network();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!strcmp(cmd(bad[i]), "FAIL\n"), "'%s' did not FAIL", bad[i]);
	/* Control bytes and empty datagrams. */
	ck_assert_str_eq(cmd_len("PI\x01NG", 5), "FAIL\n");
	ck_assert_str_eq(cmd_len("PING\0junk", 9), "FAIL\n");
	ck_assert_str_eq(cmd_len("", 0), "FAIL\n");
	ck_assert_str_eq(cmd("NOT_A_COMMAND"), "UNKNOWN COMMAND\n");

	/* Nothing changed. */
	ck_assert_uint_eq(config->networks->ssid_len, 9);
	ck_assert_str_eq(config->networks->passphrase, "correct horse battery");
	ck_assert_uint_eq(config->networks->key_mgmt, CONFIG_AKM_PSK);
	ck_assert_ptr_null(config->networks->next);
	ck_assert_int_eq(fake.n_connect, 0);
	ck_assert_int_eq(fake.n_disconnect, 0);
	ck_assert_int_eq(terminated, 0);
	ck_assert_str_eq(cmd("PING"), "PONG\n");
}
END_TEST

START_TEST(test_oversized_command)
{
	size_t n = CTRL_CMD_MAX + 100;
	char *big = malloc(n);

	memcpy(big, "SET_NETWORK 0 id_str \"", 22);
	memset(big + 22, 'a', n - 23);
	big[n - 1] = '"';
	add_psk_network();
	ck_assert_str_eq(cmd_len(big, n), "FAIL\n");
	ck_assert_ptr_null(config->networks->id_str);
	/* Exactly at the limit still fails (no room), just below works. */
	ck_assert_str_eq(cmd_len(big, CTRL_CMD_MAX), "FAIL\n");
	memcpy(big + 200, "\"", 1);
	ck_assert_str_eq(cmd_len(big, 201), "OK\n");
	ck_assert_uint_eq(strlen(config->networks->id_str), 178);
	free(big);
	ck_assert_str_eq(cmd("PING"), "PONG\n");
}
END_TEST

static void connect_via_fake(void)
{
	fake_bss_add(&fake, 0x00, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 100);
	add_psk_network();
	ck_assert_str_eq(cmd("ENABLE_NETWORK 0"), "OK\n");
	/* The results the kernel holds are fresh: no scan, straight to connect. */
	while (fake.n_connect == 0 && loop_run_once(loop, 50) >= 0 && fake.n_results < 5)
		;
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_int_eq(fake.n_scan, 0);
}

static void authorize(void)
{
	const struct ihv_adapter_events *ev = station_adapter_events();

	ev->milestone(st, IHV_PHASE_PRE_ASSOCIATE);
	ev->milestone(st, IHV_PHASE_ASSOCIATING);
	ev->milestone(st, IHV_PHASE_POST_ASSOCIATE);
	ev->milestone(st, IHV_PHASE_AUTHORIZED);
	ev->authorized(st);
}

START_TEST(test_attach_events_and_status)
{
	ck_assert_str_eq(cmd("DETACH"), "FAIL\n");
	ck_assert_str_eq(cmd("ATTACH"), "OK\n");
	connect_via_fake();
	ck_assert_str_eq(recv_msg(500),
			 "<3>Trying to associate with 02:00:00:00:00:00 (SSID='ihvd-test' freq=2412 MHz)");
	ck_assert_str_eq(cmd("STATUS"),
			 "wpa_state=ASSOCIATING\naddress=02:00:00:00:01:00\n"
			 "ihv_plugin=test-plugin\nihv_last_reason=0x00000\nihv_plugin_crashes=0\n");
	authorize();
	ck_assert_str_eq(recv_msg(500),
			 "<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:00:00 completed [id=0 id_str=]");
	ck_assert_str_eq(cmd("STATUS"),
			 "bssid=02:00:00:00:00:00\nfreq=2412\nssid=ihvd-test\nid=0\nmode=station\n"
			 "pairwise_cipher=CCMP\ngroup_cipher=CCMP\nkey_mgmt=WPA2-PSK\n"
			 "wpa_state=COMPLETED\naddress=02:00:00:00:01:00\n"
			 "ihv_plugin=test-plugin\nihv_last_reason=0x00000\nihv_plugin_crashes=0\n");
	ck_assert_str_eq(cmd("LIST_NETWORKS"),
			 "network id / ssid / bssid / flags\n0\tihvd-test\tany\t[CURRENT]\n");

	/* DISCONNECT: the core tears down and reports; no reconnect until RECONNECT. */
	fake.end_on_disconnect = true;
	fake.end_phase = IHV_PHASE_AUTHORIZED;
	ck_assert_str_eq(cmd("DISCONNECT"), "OK\n");
	ck_assert_int_eq(fake.n_disconnect, 1);
	ck_assert_uint_eq(fake.disc_reason, 3);
	ck_assert_str_eq(recv_msg(500),
			 "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:00:00 reason=3 locally_generated=1");
	ck_assert_str_eq(cmd("STATUS"),
			 "wpa_state=DISCONNECTED\naddress=02:00:00:00:01:00\n"
			 "ihv_plugin=test-plugin\nihv_last_reason=0x00000\nihv_plugin_crashes=0\n");
	recv_msg(300);
	ck_assert_int_eq(fake.n_connect, 1);
	ck_assert_str_eq(cmd("RECONNECT"), "OK\n");
	ck_assert_int_eq(fake.n_connect, 2);
	ck_assert_str_eq(recv_msg(500),
			 "<3>Trying to associate with 02:00:00:00:00:00 (SSID='ihvd-test' freq=2412 MHz)");

	/* LEVEL 4: MSG_INFO events no longer come; DETACH: none at all. */
	ck_assert_str_eq(cmd("LEVEL 4"), "OK\n");
	authorize();
	ensure_no_msg();
	ck_assert_str_eq(cmd("LEVEL 3"), "OK\n");
	ck_assert_str_eq(cmd("DETACH"), "OK\n");
	ck_assert_str_eq(cmd("REASSOCIATE"), "OK\n");
	ck_assert_int_eq(fake.n_disconnect, 2);
	ensure_no_msg();
	ck_assert_int_eq(fake.n_connect, 3);
}
END_TEST

START_TEST(test_scan_results_format)
{
	static const uint8_t bad_rsne[] = { 0x01, 0x00, 0x00 };
	struct drv_bss *b;

	fake_bss_add(&fake, 0x00, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 100);
	fake_bss_add(&fake, 0x01, 5180, -67, "open\x01\xff\"", 7, NULL, 0, 100);
	b = fake_bss_add(&fake, 0x02, 2437, -80, "0123456789abcdef0123456789abcdef!!", 34, NULL, 0, 100);
	b->capability = 0x0011; /* privacy without RSNE: WEP */
	fake_bss_add(&fake, 0x03, 2462, -50, "broken", 6, bad_rsne, sizeof(bad_rsne), 100);
	ck_assert_str_eq(cmd("ATTACH"), "OK\n");
	ck_assert_str_eq(cmd("SCAN"), "OK\n");
	ck_assert_int_eq(fake.n_scan, 1);
	ck_assert_uint_eq(fake.scan_n_freqs, 0);
	ck_assert_str_eq(cmd("SCAN"), "FAIL-BUSY\n");
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_STARTED });
	ck_assert_str_eq(recv_msg(500), "<3>CTRL-EVENT-SCAN-STARTED ");
	station_drv_event(st, &(struct drv_event){ .type = DRV_EVENT_SCAN_DONE });
	ck_assert_str_eq(recv_msg(500), "<3>CTRL-EVENT-SCAN-RESULTS ");
	ck_assert_str_eq(cmd("SCAN_RESULTS"),
			 "bssid / frequency / signal level / flags / ssid\n"
			 "02:00:00:00:00:00\t2412\t-30\t[WPA2-PSK-CCMP][ESS]\tihvd-test\n"
			 "02:00:00:00:00:01\t5180\t-67\t[ESS]\topen\\x01\\xff\\\"\n"
			 "02:00:00:00:00:02\t2437\t-80\t[WEP][ESS]\t0123456789abcdef0123456789abcdef\n"
			 "02:00:00:00:00:03\t2462\t-50\t[WEP][ESS]\tbroken\n");
}
END_TEST

START_TEST(test_ui_request_response)
{
	static const uint8_t guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

	ck_assert_str_eq(cmd("ATTACH"), "OK\n");
	connect_via_fake();
	recv_msg(200); /* Trying to associate */
	station_adapter_events()->ui_request(st, guid, "Enter the token\n(6 digits)");
	ck_assert_str_eq(recv_msg(500), "<3>CTRL-REQ-IHV-0-Enter the token\\n(6 digits)");
	ck_assert_str_eq(cmd("CTRL-RSP-IHV-1-123456"), "FAIL\n");
	ck_assert_str_eq(cmd("CTRL-RSP-IHV-0-123 456"), "OK\n");
	ck_assert_int_eq(fake.n_ui, 1);
	ck_assert_mem_eq(fake.ui_guid, guid, 16);
	ck_assert_str_eq(fake.ui_data, "123 456");
	ck_assert_str_eq(cmd("CTRL-RSP-IHV-0-again"), "FAIL\n");
	ck_assert_int_eq(fake.n_ui, 1);
}
END_TEST

START_TEST(test_ihv_control_and_notification)
{
	char big[16 + 2 * 1100];

	ck_assert_str_eq(cmd("IHV_CONTROL 0a0B0c"), "0c0b0a\n");
	ck_assert_int_eq(fake.n_control, 1);
	/* not hex, odd, empty, or beyond CTRL_IHV_CONTROL_MAX bytes: FAIL, the plugin not asked */
	ck_assert_str_eq(cmd("IHV_CONTROL 0g"), "FAIL\n");
	ck_assert_str_eq(cmd("IHV_CONTROL 012"), "FAIL\n");
	ck_assert_str_eq(cmd("IHV_CONTROL"), "FAIL\n");
	snprintf(big, sizeof(big), "IHV_CONTROL ");
	memset(big + 12, 'a', 2 * 1100);
	big[12 + 2 * 1100] = 0;
	ck_assert_str_eq(cmd(big), "FAIL\n");
	ck_assert_int_eq(fake.n_control, 1);
	/* the plugin's failure is a FAIL */
	fake.control_ret = -EIO;
	ck_assert_str_eq(cmd("IHV_CONTROL 00"), "FAIL\n");
	/* what the plugin notifies is an event for every attached client */
	ck_assert_str_eq(cmd("ATTACH"), "OK\n");
	station_adapter_events()->notification(st, 0x90001, (const uint8_t *)"\xde\xad", 2);
	ck_assert_str_eq(recv_msg(500), "<3>CTRL-EVENT-IHV-NOTIFICATION dead code=0x90001 len=2");
	station_adapter_events()->notification(st, 5, NULL, 0);
	ck_assert_str_eq(recv_msg(500), "<3>CTRL-EVENT-IHV-NOTIFICATION - code=0x5 len=0");
}
END_TEST

START_TEST(test_set_network_refused_by_validate_profile)
{
	/* the block goes to ValidateProfile once it is complete (with its psk) */
	add_psk_network();
	ck_assert_int_eq(fake.n_validate, 1);
	ck_assert_str_eq(cmd("SET_NETWORK 0 priority 3"), "OK\n");
	ck_assert_int_eq(fake.n_validate, 2);
	/* refused: FAIL, and the block is as it was */
	fake.validate_ret = -EINVAL;
	fake.validate_reason = 0x90042;
	ck_assert_str_eq(cmd("SET_NETWORK 0 ssid \"other\""), "FAIL\n");
	ck_assert_int_eq(fake.n_validate, 3);
	ck_assert_str_eq(cmd("GET_NETWORK 0 ssid"), "\"ihvd-test\"");
	ck_assert_str_eq(cmd("GET_NETWORK 0 priority"), "3");
	/* an incomplete block is not asked about yet */
	ck_assert_str_eq(cmd("ADD_NETWORK"), "1\n");
	ck_assert_str_eq(cmd("SET_NETWORK 1 ssid \"x\""), "OK\n");
	ck_assert_int_eq(fake.n_validate, 3);
}
END_TEST

START_TEST(test_terminate)
{
	ck_assert_str_eq(cmd("TERMINATE"), "OK\n");
	ck_assert_int_eq(terminated, 1);
}
END_TEST

START_TEST(test_terminating_event_on_free)
{
	ck_assert_str_eq(cmd("ATTACH"), "OK\n");
	ctrl_free(ctrl);
	ctrl = NULL;
	ck_assert_str_eq(recv_msg(200), "<3>CTRL-EVENT-TERMINATING");
	ctrl_up(); /* for teardown */
}
END_TEST

/* Run wpa_cli while the loop serves its commands; its stdout. */
static const char *wpa_cli(const char *const args[])
{
	static char out[8192];
	char *argv[16];
	posix_spawn_file_actions_t fa;
	int pipefd[2], status = 0, n = 0;
	size_t len = 0, i;
	pid_t pid;
	uint64_t end = loop_now_us() + 10 * 1000000u;

	argv[n++] = (char *)WPA_CLI;
	argv[n++] = (char *)"-p";
	argv[n++] = dir;
	argv[n++] = (char *)"-i";
	argv[n++] = (char *)IFNAME;
	for (i = 0; args[i]; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	ck_assert_int_eq(pipe2(pipefd, O_CLOEXEC), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	ck_assert_int_eq(posix_spawn(&pid, WPA_CLI, &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	for (;;) {
		ssize_t r = read(pipefd[0], out + len, sizeof(out) - 1 - len);

		if (r > 0) {
			len += (size_t)r;
			continue;
		}
		if (r == 0)
			break;
		if (loop_now_us() > end) {
			kill(pid, SIGKILL);
			break;
		}
		loop_run_once(loop, 5);
	}
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	out[len] = 0;
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "wpa_cli failed: %s", out);
	return out;
}

START_TEST(test_debian_wpa_cli)
{
	const char *out;

	if (access(WPA_CLI, X_OK) != 0) {
		fprintf(stderr, "test_debian_wpa_cli: %s not installed, skipped\n", WPA_CLI);
		return;
	}
	out = wpa_cli((const char *const[]){ "ping", NULL });
	ck_assert_str_eq(out, "PONG\n");
	out = wpa_cli((const char *const[]){ "add_network", NULL });
	ck_assert_str_eq(out, "0\n");
	out = wpa_cli((const char *const[]){ "set_network", "0", "ssid", "\"ihvd-test\"", NULL });
	ck_assert_str_eq(out, "OK\n");
	out = wpa_cli((const char *const[]){ "set_network", "0", "psk", "\"too short\"", NULL });
	ck_assert_str_eq(out, "OK\n"); /* 9 chars: fine */
	out = wpa_cli((const char *const[]){ "set_network", "0", "psk", "\"short\"", NULL });
	ck_assert_str_eq(out, "FAIL\n");
	out = wpa_cli((const char *const[]){ "get_network", "0", "ssid", NULL });
	ck_assert_str_eq(out, "\"ihvd-test\"");
	out = wpa_cli((const char *const[]){ "get_network", "0", "psk", NULL });
	ck_assert_str_eq(out, "FAIL\n");
	out = wpa_cli((const char *const[]){ "list_networks", NULL });
	ck_assert_str_eq(out, "network id / ssid / bssid / flags\n0\tihvd-test\tany\t[DISABLED]\n");
	out = wpa_cli((const char *const[]){ "status", NULL });
	ck_assert_str_eq(out, "wpa_state=INACTIVE\naddress=02:00:00:00:01:00\n"
			 "ihv_plugin=test-plugin\nihv_last_reason=0x00000\nihv_plugin_crashes=0\n");
	fake_bss_add(&fake, 0x00, 2412, -30, "ihvd-test", 9, rsne_psk, sizeof(rsne_psk), 100);
	out = wpa_cli((const char *const[]){ "enable_network", "0", NULL });
	ck_assert_str_eq(out, "OK\n");
	while (fake.n_connect == 0 && fake.n_results < 5)
		loop_run_once(loop, 20);
	authorize();
	out = wpa_cli((const char *const[]){ "status", NULL });
	ck_assert_ptr_nonnull(strstr(out, "\nwpa_state=COMPLETED\n"));
	ck_assert_ptr_nonnull(strstr(out, "bssid=02:00:00:00:00:00\nfreq=2412\nssid=ihvd-test\n"));
	fake.end_on_disconnect = true;
	fake.end_phase = IHV_PHASE_AUTHORIZED;
	out = wpa_cli((const char *const[]){ "disconnect", NULL });
	ck_assert_str_eq(out, "OK\n");
	ck_assert_int_eq(fake.n_disconnect, 1);
	out = wpa_cli((const char *const[]){ "reconnect", NULL });
	ck_assert_str_eq(out, "OK\n");
	ck_assert_int_eq(fake.n_connect, 2);
	out = wpa_cli((const char *const[]){ "remove_network", "0", NULL });
	ck_assert_str_eq(out, "OK\n");
	out = wpa_cli((const char *const[]){ "terminate", NULL });
	ck_assert_str_eq(out, "OK\n");
	ck_assert_int_eq(terminated, 1);
}
END_TEST

/* Every line the daemon logs while a test runs (the log hook sees debug lines too). */
static char logged[32768];

static void on_log(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	(void)level;
	if (strlen(logged) + strlen(line) + 2 < sizeof(logged)) {
		strcat(logged, line);
		strcat(logged, "\n");
	}
}

/*
 * Issue 15: a command's arguments reach the debug log only for verbs known
 * to carry no secret. A mistyped SET_NETWORK, a lower-case one, a CTRL-RSP-
 * (its value is part of the verb) and a refused psk show no secret.
 */
START_TEST(test_commands_never_log_secrets)
{
	logged[0] = 0;
	log_hook_set(on_log, NULL);
	add_psk_network();
	ck_assert_str_eq(cmd("SET_NETWRK 0 psk \"secretpassphrase\""), "UNKNOWN COMMAND\n");
	ck_assert_str_eq(cmd("IFNAME=" IFNAME " SET_NETWRK 0 psk \"secretpassphrase\""),
			 "UNKNOWN COMMAND\n");
	ck_assert_str_eq(cmd("set_network 0 psk \"secretpassphrase\""), "UNKNOWN COMMAND\n");
	ck_assert_str_eq(cmd("SET_NETWORK 0 psk \"secretpassphrase\""), "OK\n");
	ck_assert_str_eq(cmd("SET_NETWORK 0 psk \"secretpassphrase"), "FAIL\n");
	ck_assert_str_eq(cmd("SET_NETWORK 0 ihv_profile \"token=secretpassphrase\""), "OK\n");
	ck_assert_str_eq(cmd("CTRL-RSP-PASSWORD-0-secretpassphrase"), "FAIL\n");
	ck_assert_str_eq(cmd("SETsecretpassphrase"), "UNKNOWN COMMAND\n");
	ck_assert_str_eq(cmd("DISABLE_NETWORK 0"), "OK\n");
	log_hook_set(NULL, NULL);
	ck_assert_msg(!strstr(logged, "secretpassphrase"), "a secret was logged:\n%s", logged);
	/* The log still says what was asked, and secret-free arguments in full. */
	ck_assert_ptr_nonnull(strstr(logged, "ctrl " IFNAME ": SET_NETWORK [...]"));
	ck_assert_ptr_nonnull(strstr(logged, "ctrl " IFNAME ": DISABLE_NETWORK 0"));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("ctrl");
	TCase *tc = tcase_create("ctrl");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_socket_mode_and_path);
	tcase_add_test(tc, test_socket_in_use_and_stale);
	tcase_add_test(tc, test_group_owner);
	tcase_add_test(tc, test_ping_status_idle);
	tcase_add_test(tc, test_network_commands);
	tcase_add_test(tc, test_malformed_changes_nothing);
	tcase_add_test(tc, test_oversized_command);
	tcase_add_test(tc, test_attach_events_and_status);
	tcase_add_test(tc, test_scan_results_format);
	tcase_add_test(tc, test_ui_request_response);
	tcase_add_test(tc, test_ihv_control_and_notification);
	tcase_add_test(tc, test_set_network_refused_by_validate_profile);
	tcase_add_test(tc, test_terminate);
	tcase_add_test(tc, test_terminating_event_on_free);
	tcase_add_test(tc, test_debian_wpa_cli);
	tcase_add_test(tc, test_commands_never_log_secrets);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	log_level_set(LOG_LEVEL_WARN);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
