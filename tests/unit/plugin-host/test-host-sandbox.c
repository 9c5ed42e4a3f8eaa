// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/plugin-host/host-sandbox.c, the plugin host's seccomp policy, applied in a
 * child process: a timed sleep that a stop interrupts (SIGSTOP, SIGCONT: a
 * shell's ^Z and fg, or a debugger attaching) resumes through restart_syscall
 * and the child lives on; a call outside the policy (socket) still ends it
 * with SIGSYS.
 */
#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

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

int main(void)
{
	Suite *s = suite_create("host-sandbox");
	TCase *tc = tcase_create("seccomp");
	SRunner *sr;
	int nf;

	tcase_add_test(tc, test_stopped_sleep_resumes);
	tcase_add_test(tc, test_socket_still_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf ? EXIT_FAILURE : EXIT_SUCCESS;
}
