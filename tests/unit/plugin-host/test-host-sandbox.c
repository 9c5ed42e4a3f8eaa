// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/plugin-host/host-sandbox.c, the plugin host's seccomp policy, applied in a
 * child process: a timed sleep that a stop interrupts (SIGSTOP, SIGCONT: a
 * shell's ^Z and fg, or a debugger attaching) resumes through restart_syscall
 * and the child lives on; a call outside the policy (socket) still ends it
 * with SIGSYS. And its user: taken from ihvd's IPC_CREDS on channel A and dropped to, an
 * error ihvd sent or a missing frame reported, root refused.
 */
#include <check.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipc/ipc.h"
#include "plugin-host/host.h"

struct phost phost = { .cur_call = -1 }; /* main.c's, not linked here */

static void sandbox_child_enter(void)
{
	char err[128];

	if (phost_sandbox_seccomp(err, sizeof(err)) < 0)
		_exit(90);
}

/* Stops the child for 100 ms, 100 ms into its sleep, and returns its status. */
static int sandbox_stop_cont_status(pid_t pid)
{
	struct timespec d = { 0, 100 * 1000 * 1000 };
	int st = 0;

	nanosleep(&d, NULL);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	ck_assert_msg(WIFSTOPPED(st), "the child did not stop (status 0x%x)", st);
	nanosleep(&d, NULL);
	kill(pid, SIGCONT);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	return st;
}

START_TEST(test_stopped_sleep_resumes)
{
	pid_t pid = fork();
	int st;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct timespec d = { 0, 400 * 1000 * 1000 };

		sandbox_child_enter();
		/* interrupted by the stop, resumed by restart_syscall, which the policy must admit */
		clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL);
		_exit(0);
	}
	st = sandbox_stop_cont_status(pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "the sandboxed sleeper did not survive ^Z and fg: %s %d",
		      WIFSIGNALED(st) ? "signal" : "status",
		      WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}
END_TEST

START_TEST(test_socket_still_refused)
{
	pid_t pid = fork();
	int st = 0;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sandbox_child_enter();
		socket(AF_UNIX, SOCK_DGRAM, 0);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS,
		      "socket() in the sandbox was not refused with SIGSYS (status 0x%x)", st);
}
END_TEST

/*
 * phost_sandbox_user in a child whose channel A (fd 3) is one end of a socketpair: the
 * parent sends creds (NULL: closes its end instead). The child exits 0 when the call's
 * result and error text are as expected and, after a success as root, it runs as uid/gid.
 */
static void sandbox_user_expect(const struct ipc_creds *send, int want_rc, const char *want_err)
{
	int sv[2], st = 0;
	pid_t pid;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		bool was_root = geteuid() == 0;
		char err[256] = "";
		int rc;

		close(sv[0]);
		if (dup2(sv[1], PHOST_FD_A) < 0)
			_exit(90);
		rc = phost_sandbox_user("wifi-plugin", err, sizeof(err));
		if (rc != want_rc || strcmp(err, want_err) != 0) {
			fprintf(stderr, "rc %d, err \"%s\"\n", rc, err);
			_exit(91);
		}
		if (rc == 0 && was_root && (getuid() != send->uid || geteuid() != send->uid ||
					    getgid() != send->gid || getegid() != send->gid))
			_exit(92);
		_exit(0);
	}
	close(sv[1]);
	if (send)
		ck_assert_int_eq(ipc_creds_send(sv[0], send), 0);
	close(sv[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status 0x%x", st);
}

/* The host takes its user from ihvd's IPC_CREDS and drops to it (as root: to those ids). */
START_TEST(test_user_from_ihvd)
{
	struct ipc_creds c = { .uid = 65534, .gid = 65534 };

	sandbox_user_expect(&c, 0, "");
}
END_TEST

START_TEST(test_user_errors_reported)
{
	struct ipc_creds c = { .uid = 0, .gid = 0 };

	snprintf(c.error, sizeof(c.error), "plugin_user wifi-plugin: no such user");
	sandbox_user_expect(&c, -1, "plugin_user wifi-plugin: no such user");
	sandbox_user_expect(NULL, -1, "no user from ihvd (IPC_CREDS): Broken pipe");
	if (geteuid() == 0) { /* root in the ids is refused again here, whatever ihvd said */
		c.error[0] = 0;
		sandbox_user_expect(&c, -1, "plugin_user wifi-plugin is root");
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("host-sandbox");
	TCase *tc = tcase_create("seccomp");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_stopped_sleep_resumes);
	tcase_add_test(tc, test_socket_still_refused);
	tcase_add_test(tc, test_user_from_ihvd);
	tcase_add_test(tc, test_user_errors_reported);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
