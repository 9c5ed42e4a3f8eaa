// SPDX-License-Identifier: BSD-3-Clause
/*
 * The plugin in a process of its own (issue 11): what the plugin host
 * refuses (sockets, netlink, ptrace, files it may not read), and how faults
 * become events (a crash in a handler or in a thread of its own, a handler
 * past its deadline, a malformed frame, floods): ihvd survives, names the
 * plugin, the signal or system call and the handler, ends the connection,
 * restarts the plugin and connects again; it gives up after five crashes in
 * a row. Always isolated, with tp-hostile (tests/plugins/tp-hostile.h).
 */
#include "tests/unit/core/harness.h"

#include <dirent.h>
#include <signal.h>
#include <sys/syscall.h>

static struct hx X;

/* Load tp-hostile with a misbehaviour set before its process starts. */
static struct ihv_host *iso_load(int hostile, int once)
{
	hx_open(&X, "tp-hostile");
	X.tp->hostile = hostile;
	X.tp->hostile_once = once;
	return hx_host(&X, "tp-hostile", 0, 0);
}

/* This process's one child (the pre-spawned host), from /proc; -1 if there is not exactly one. */
static pid_t iso_only_child(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t found = -1;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		char path[288], buf[512], *rp;
		int ppid = 0;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		/* pid (comm) state ppid ...; comm may hold spaces: after the last ')' */
		if (fgets(buf, sizeof(buf), f) && (rp = strrchr(buf, ')')) &&
		    sscanf(rp + 1, " %*c %d", &ppid) == 1 && ppid == getpid()) {
			found = atoi(e->d_name);
			n++;
		}
		fclose(f);
	}
	closedir(d);
	return n == 1 ? found : -1;
}

/*
 * Issue 16, cold start: the host ihvd starts ahead of its nl80211 set-up (ihv_host_prespawn)
 * is the process ihv_host_new adopts; it loads the plugin and runs it as a spawned one would.
 */
/*
 * tp-good's host started ahead with (no_seccomp), then ihv_host_new with seccomp on, as
 * ihvd's default; returns the pid of the one started ahead.
 */
static pid_t iso_prespawn_then_new(bool no_seccomp)
{
	struct ihv_host_params p;
	char path[512], host[512];
	pid_t pre;

	hx_open(&X, "tp-good");
	hx_params(&X, "tp-good", 0, 0, &p, path, host);
	p.plugin_no_seccomp = no_seccomp;
	ck_assert_int_eq(ihv_host_prespawn(&p), 0);
	pre = iso_only_child();
	ck_assert_int_gt(pre, 0);
	p.plugin_no_seccomp = false;
	X.h = ihv_host_new(&p, X.err, sizeof(X.err));
	ck_assert_msg(X.h != NULL, "%s", X.err);
	sim_drv_event_cb_set(X.sim, hx_drv_event, &X);
	ck_assert_int_gt(ihv_host_plugin_pid(X.h), 0);
	return pre;
}

START_TEST(test_prespawned_host_is_adopted)
{
	pid_t pre = iso_prespawn_then_new(false);

	ck_assert_int_eq(ihv_host_plugin_pid(X.h), pre);
	X.a = hx_adapter(&X, HX_IFINDEX);
	ck_assert_ptr_nonnull(X.a);
	hx_authorize(&X);
	hx_stop(&X);
}
END_TEST

/* One started for other parameters (here: without seccomp) is not adopted; drop ends it. */
START_TEST(test_prespawned_host_for_other_params_is_not_adopted)
{
	pid_t pre = iso_prespawn_then_new(true);

	ck_assert_int_ne(ihv_host_plugin_pid(X.h), pre);
	ck_assert_int_eq(kill(pre, 0), 0);
	ihv_host_prespawn_drop();
	ck_assert_int_eq(kill(pre, 0), -1); /* ended and reaped */
	hx_stop(&X);
}
END_TEST

START_TEST(test_netlink_socket_refused_and_reported)
{
	char want[96];

	ck_assert_ptr_null(iso_load(TP_HOSTILE_NETLINK, 0));
	snprintf(want, sizeof(want), "forbidden system call %d (socket)", SYS_socket);
	ck_assert_msg(strstr(X.err, want), "err: %s", X.err);
	ck_assert_msg(strstr(X.err, "Dot11ExtIhvInitService"), "err: %s", X.err);
	ck_assert(hx_log_has("plugin tp-hostile crashed in Dot11ExtIhvInitService"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_ptrace_refused_and_reported)
{
	char want[96];

	ck_assert_ptr_null(iso_load(TP_HOSTILE_PTRACE, 0));
	snprintf(want, sizeof(want), "forbidden system call %d (ptrace)", SYS_ptrace);
	ck_assert_msg(strstr(X.err, want), "err: %s", X.err);
	hx_stop(&X);
}
END_TEST

/*
 * ihvd resolves plugin_user while the host starts and sends it over (IPC_CREDS): a user the
 * database does not have is the host's HELLO error, and no plugin is loaded.
 */
START_TEST(test_unknown_plugin_user_refused)
{
	struct ihv_host_params p;
	char path[512], host[512];

	if (geteuid() != 0)
		return; /* not root: ihvd sends no ids and the host drops nothing */
	hx_open(&X, "tp-good");
	hx_params(&X, "tp-good", 0, 0, &p, path, host);
	p.plugin_user = "ihvd-no-such-user";
	X.h = ihv_host_new(&p, X.err, sizeof(X.err));
	ck_assert_ptr_null(X.h);
	ck_assert_msg(strstr(X.err, "plugin_user ihvd-no-such-user: no such user"), "err: %s",
		      X.err);
	hx_stop(&X);
}
END_TEST

/* The configuration (0600 root) stays out of reach of plugin_user. */
START_TEST(test_config_file_unreadable)
{
	const char *path = "/tmp/ihvd-test-isolation.conf";
	FILE *f;

	if (geteuid() != 0)
		return; /* not root: nobody to drop to; nothing to show */
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "network={\n\tssid=\"x\"\n\tpsk=\"secret passphrase\"\n}\n");
	fclose(f);
	ck_assert_int_eq(chmod(path, 0600), 0);
	hx_open(&X, "tp-hostile");
	X.tp->hostile = TP_HOSTILE_READ_FILE;
	snprintf(X.tp->hostile_path, sizeof(X.tp->hostile_path), "%s", path);
	ck_assert_msg(hx_host(&X, "tp-hostile", 0, 0) != NULL, "%s", X.err);
	ck_assert_int_eq(X.tp->hostile_errno, EACCES);
	ck_assert_int_eq(X.tp->hostile_read, 0);
	hx_stop(&X);
	unlink(path);
}
END_TEST

/* A crash mid-connection: reported, the connection ends, the plugin is back, it connects. */
START_TEST(test_crash_in_post_associate_restarts_and_reconnects)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_ABORT_POST, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	ck_assert_ptr_nonnull(X.a);
	hx_to_port(&X);
	hx_run(&X, 50);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.n_authorized, 0);
	ck_assert(hx_log_has("plugin tp-hostile crashed in Dot11ExtIhvPerformPostAssociate"));
	ck_assert(hx_log_has("signal 6 (Aborted)"));
	ck_assert_uint_eq(X.n_crashed, 1);
	ck_assert_msg(strstr(X.crashed_what, "Dot11ExtIhvPerformPostAssociate"), "%s",
		      X.crashed_what);
	ck_assert_ptr_nonnull(sim_drv_last(X.sim, SIM_OP_DISCONNECT));
	hx_run_ms(&X, 400); /* the first restart comes after 200 ms */
	ck_assert(hx_log_has("plugin tp-hostile restarted"));
	ck_assert_int_eq(X.tp->hostile_inits, 2);
	ck_assert_int_gt(ihv_host_plugin_pid(X.h), 0);
	hx_authorize(&X); /* the same adapter, a new process: connected */
	ck_assert_uint_eq(ihv_host_plugin_crashes(X.h), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_segv_in_receive_packet_reported)
{
	/*
	 * In a sanitizer build the host's own SIGSEGV handler would report the
	 * fault and exit(1): let the signal through, as in a plain build, so
	 * ihvd sees the host die of it.
	 */
	const char *asan = getenv("ASAN_OPTIONS");
	char opts[512];

	snprintf(opts, sizeof(opts), "%s%shandle_segv=0", asan ? asan : "", asan ? ":" : "");
	setenv("ASAN_OPTIONS", opts, 1);
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_SEGV_RECV, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 50);
	ck_assert(hx_log_has("plugin tp-hostile crashed in Dot11ExtIhvReceivePacket"));
	ck_assert(hx_log_has("signal 11 (Segmentation fault)"));
	ck_assert_int_eq(X.n_ended, 1);
	hx_stop(&X);
}
END_TEST

/* Contract rule 9 enforced: a handler past plugin_handler_timeout_ms is killed. */
START_TEST(test_hang_killed_at_deadline)
{
	uint64_t t0;

	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_HANG_POST, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run(&X, 5);
	t0 = loop_now_us();
	hx_associate(&X);
	hx_run(&X, 50);
	ck_assert_uint_ge(loop_now_us() - t0, 2000000u); /* the harness's 2000 ms */
	ck_assert(hx_log_has("Dot11ExtIhvPerformPostAssociate did not return within 2000 ms "
			     "(contract rule 9): killed"));
	ck_assert_int_eq(X.n_ended, 1);
	hx_run_ms(&X, 400);
	hx_authorize(&X);
	hx_stop(&X);
}
END_TEST

START_TEST(test_crash_in_own_thread_reported)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_THREAD_ABORT, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run_ms(&X, 300);
	ck_assert(hx_log_has("plugin tp-hostile crashed"));
	ck_assert(hx_log_has("signal 6 (Aborted)"));
	ck_assert_uint_eq(X.n_crashed, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_malformed_frame_stops_the_plugin)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_GARBAGE, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run_ms(&X, 300);
	ck_assert(hx_log_has("one of its threads sent a malformed frame"));
	ck_assert_uint_eq(X.n_crashed, 1);
	hx_run_ms(&X, 400);
	ck_assert(hx_log_has("plugin tp-hostile restarted"));
	hx_stop(&X);
}
END_TEST

/* The same junk on channel A while no call is in progress: named as such (not as "its process
 * ended"), and the plugin is restarted. */
START_TEST(test_malformed_frame_outside_a_call_stops_the_plugin)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_GARBAGE_IDLE, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run_ms(&X, 400);
	ck_assert_int_eq(X.tp->hostile_errno, 0);
	ck_assert(hx_log_has("it sent a malformed frame outside any call"));
	ck_assert(!hx_log_has("its process ended"));
	ck_assert_uint_eq(X.n_crashed, 1);
	hx_run_ms(&X, 400);
	ck_assert(hx_log_has("plugin tp-hostile restarted"));
	hx_stop(&X);
}
END_TEST

/*
 * Dot11ExtLinuxLog crosses as a note (ipc.h IPC_NOTE): the line is in ihvd's log. A
 * timer's arm may too: one for a handle ihvd never minted is served, and the disagreement
 * is logged. A service with a result sent as a note is malformed: the plugin is stopped.
 */
START_TEST(test_note_of_a_service_with_a_result_stops_the_plugin)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_BAD_NOTE, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run_ms(&X, 300);
	ck_assert(hx_log_has("tp-hostile: a line as a note"));
	ck_assert(hx_log_has("Dot11ExtLinuxTimerArm, sent as a note, failed here (error 6)"));
	ck_assert(hx_log_has("it sent a malformed Dot11ExtLinuxTimerCreate note"));
	ck_assert_uint_eq(X.n_crashed, 1);
	hx_stop(&X);
}
END_TEST

/*
 * Channel A is read many octets at a time (struct ipc_rx): a frame the host sent after
 * its RETURN is held by ihvd, where the loop's poll cannot see it. It is a frame outside
 * any call all the same: the plugin is stopped.
 */
START_TEST(test_frame_after_return_stops_the_plugin)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_AFTER_RETURN, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run_ms(&X, 300);
	ck_assert(hx_log_has("it sent a frame after its return from Dot11ExtIhvPerformPreAssociate"));
	ck_assert_uint_eq(X.n_crashed, 1);
	hx_stop(&X);
}
END_TEST

/*
 * A host that keeps calling services and never reads their answers fills channel A: ihvd's
 * send of an answer waits at most the handler's deadline (contract rule 9), then the host is
 * stopped, and ihvd's loop goes on.
 */
START_TEST(test_host_that_reads_no_answer_is_stopped)
{
	uint64_t t0;

	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_NO_READ, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	t0 = loop_now_us();
	hx_connect(&X);
	hx_run_ms(&X, 300);
	ck_assert(hx_log_has("it stopped reading: an answer waited 2000 ms to be sent "
			     "(contract rule 9)"));
	ck_assert_uint_eq(X.n_crashed, 1);
	ck_assert_uint_lt(loop_now_us() - t0, 6000000u);
	hx_stop(&X);
}
END_TEST

START_TEST(test_gives_up_after_five_crashes_in_a_row)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_ABORT_RESTART, 0));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_to_port(&X);
	hx_run_ms(&X, 200 + 400 + 800 + 1600 + 500);
	ck_assert_uint_eq(X.n_crashed, 5);
	ck_assert(hx_log_has("plugin tp-hostile: given up after 5 crashes in a row"));
	ck_assert_int_eq(ihv_host_plugin_pid(X.h), 0);
	/* no plugin: a new attempt ends at once, ihvd carries on */
	hx_connect(&X);
	hx_run(&X, 20);
	ck_assert_int_eq(X.n_ended, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_timer_flood_refused)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_TIMER_FLOOD, 0));
	X.a = hx_adapter(&X, HX_IFINDEX);
	ck_assert_ptr_nonnull(X.a);
	/* tp made 3 in InitService; 64 is the bound */
	ck_assert_int_eq(X.tp->hostile_ok, 61);
	ck_assert_uint_eq(X.tp->hostile_rc, ERROR_NOT_ENOUGH_MEMORY);
	ck_assert(hx_log_has("Dot11ExtLinuxTimerCreate refused: 64 timers exist already"));
	hx_stop(&X);
}
END_TEST

/*
 * The bound grows with the adapters: 16 timers each, never under 64 (so that one
 * plugin host can serve ihvd -N with 16 radios, each with its handshake and SAE timers).
 */
START_TEST(test_timer_bound_grows_with_adapters)
{
	struct ihv_adapter *more[5];
	char name[16];
	uint8_t mac[6] = { 0x02, 0, 0, 0, 0x10, 0 };

	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_TIMER_FLOOD, 0));
	X.a = hx_adapter(&X, HX_IFINDEX);
	ck_assert_int_eq(X.tp->hostile_ok, 61); /* 3 from InitService: 64 */
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "wlan%d", 10 + i);
		mac[5] = (uint8_t)i;
		sim_drv_iface_add(X.sim, 10 + (uint32_t)i, name, mac);
		more[i] = ihv_adapter_new(X.h, 10 + (uint32_t)i, name, &hx_events, &X);
		ck_assert_ptr_nonnull(more[i]);
	}
	/* 2-4 adapters: still 64; the fifth and sixth raise it to 80 and 96 */
	ck_assert_int_eq(X.tp->hostile_ok, 61 + 16 + 16);
	ck_assert(hx_log_has("Dot11ExtLinuxTimerCreate refused: 96 timers exist already"));
	ck_assert_uint_eq(X.n_crashed, 0);
	hx_stop(&X);
}
END_TEST

/* At most 256 frames wait for their SendPacketCompletion; the rest are refused. */
START_TEST(test_send_flood_refused)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_SEND_FLOOD, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 20);
	ck_assert_int_le(X.tp->hostile_ok, 256);
	ck_assert_int_ge(X.tp->hostile_ok, 250); /* the plugin's own replies may hold a few */
	ck_assert_uint_eq(X.tp->hostile_rc, ERROR_NOT_ENOUGH_MEMORY);
	ck_assert(hx_log_has("Dot11ExtSendPacket refused: 256 frames already wait"));
	ck_assert_uint_eq(X.n_crashed, 0); /* refused, not punished */
	hx_stop(&X);
}
END_TEST

/* At most 64 UI requests and notifications a second. */
START_TEST(test_ui_flood_refused)
{
	ck_assert_ptr_nonnull(iso_load(TP_HOSTILE_UI_FLOOD, 1));
	X.a = hx_adapter(&X, HX_IFINDEX);
	hx_connect(&X);
	hx_run(&X, 20);
	ck_assert_int_eq(X.tp->hostile_ok, 64);
	ck_assert_uint_eq(X.tp->hostile_rc, ERROR_INVALID_STATE);
	ck_assert_int_eq(X.n_ui, 64);
	ck_assert(hx_log_has("Dot11ExtSendUIRequest refused: more than 64"));
	hx_stop(&X);
}
END_TEST

static void iso_add(Suite *s, const char *name, const TTest *t, int timeout)
{
	TCase *tc = tcase_create(name);

	tcase_set_timeout(tc, timeout);
	tcase_add_test(tc, t);
	suite_add_tcase(s, tc);
}

int main(void)
{
	Suite *s = suite_create("isolation");
	SRunner *sr;
	int failed;

	setenv("IHVD_PLUGIN_ISOLATION", "isolated", 1);
	iso_add(s, "netlink", test_netlink_socket_refused_and_reported, 10);
	iso_add(s, "ptrace", test_ptrace_refused_and_reported, 10);
	iso_add(s, "config", test_config_file_unreadable, 10);
	iso_add(s, "unknown-user", test_unknown_plugin_user_refused, 10);
	iso_add(s, "crash-post", test_crash_in_post_associate_restarts_and_reconnects, 10);
	iso_add(s, "segv-recv", test_segv_in_receive_packet_reported, 10);
	iso_add(s, "hang", test_hang_killed_at_deadline, 15);
	iso_add(s, "thread", test_crash_in_own_thread_reported, 10);
	iso_add(s, "garbage", test_malformed_frame_stops_the_plugin, 10);
	iso_add(s, "garbage_idle", test_malformed_frame_outside_a_call_stops_the_plugin, 10);
	iso_add(s, "bad-note", test_note_of_a_service_with_a_result_stops_the_plugin, 10);
	iso_add(s, "after-return", test_frame_after_return_stops_the_plugin, 10);
	iso_add(s, "no-read", test_host_that_reads_no_answer_is_stopped, 15);
	iso_add(s, "give-up", test_gives_up_after_five_crashes_in_a_row, 15);
	iso_add(s, "timer-flood", test_timer_flood_refused, 10);
	iso_add(s, "timer-bound", test_timer_bound_grows_with_adapters, 10);
	iso_add(s, "send-flood", test_send_flood_refused, 10);
	iso_add(s, "ui-flood", test_ui_flood_refused, 10);
	iso_add(s, "prespawn", test_prespawned_host_is_adopted, 10);
	iso_add(s, "prespawn-other", test_prespawned_host_for_other_params_is_not_adopted, 10);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
