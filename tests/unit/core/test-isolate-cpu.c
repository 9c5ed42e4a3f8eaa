// SPDX-License-Identifier: BSD-3-Clause
/*
 * Where the isolated pair runs (src/core/isolate-cpu.c, issue 16): a
 * connection's calls put ihvd's loop thread and the plugin host on one CPU,
 * the CPU the loop thread was on; ISO_CPU_QUIET_MS after the last call every
 * thread of both has its whole mask back. Start-up calls never place them,
 * and plugin_share_cpu=0 (plugin_cpu_unshared) never does. With one CPU there
 * is nothing to place: each test says so on stderr and checks nothing more.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#endif
#include "tests/unit/core/harness.h"

#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include "core/isolate.h"

static struct hx X;
static cpu_set_t cpu_all;

static bool cpu_many(void)
{
	ck_assert_int_eq(sched_getaffinity(0, sizeof(cpu_all), &cpu_all), 0);
	if (CPU_COUNT(&cpu_all) >= 2)
		return true;
	fprintf(stderr, "test-isolate-cpu: one CPU here, nothing to place: not tested\n");
	return false;
}

static void cpu_mask_of(pid_t tid, cpu_set_t *m)
{
	ck_assert_int_eq(sched_getaffinity(tid, sizeof(*m), m), 0);
}

/* Every thread of the host may run on exactly the CPUs in want. */
static bool cpu_host_tasks_are(pid_t host, const cpu_set_t *want)
{
	char path[48];
	struct dirent *e;
	cpu_set_t m;
	bool all = true;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)host);
	d = opendir(path);
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		cpu_mask_of(atoi(e->d_name), &m);
		all = all && CPU_EQUAL(&m, want);
	}
	closedir(d);
	return all;
}

/* tp-good in its own process, one adapter initialised: the start-up calls have run. */
static pid_t cpu_host_up(bool unshared)
{
	struct ihv_host_params p;
	char path[512], host[512];

	hx_open(&X, "tp-good");
	hx_params(&X, "tp-good", 0, 0, &p, path, host);
	p.plugin_cpu_unshared = unshared;
	X.h = ihv_host_new(&p, X.err, sizeof(X.err));
	ck_assert_msg(X.h != NULL, "%s", X.err);
	sim_drv_event_cb_set(X.sim, hx_drv_event, &X);
	X.a = hx_adapter(&X, HX_IFINDEX);
	ck_assert_ptr_nonnull(X.a);
	ck_assert_int_gt(ihv_host_plugin_pid(X.h), 0);
	return ihv_host_plugin_pid(X.h);
}

START_TEST(test_connection_shares_one_cpu_then_spreads)
{
	cpu_set_t ours, theirs;
	pid_t host;

	if (!cpu_many())
		return;
	host = cpu_host_up(false);
	/* InitService, InitAdapter: nothing placed (ihv-rsn starts its threads there) */
	cpu_mask_of(0, &ours);
	ck_assert(CPU_EQUAL(&ours, &cpu_all));
	ck_assert(cpu_host_tasks_are(host, &cpu_all));

	hx_authorize(&X);
	cpu_mask_of(0, &ours);
	cpu_mask_of(host, &theirs);
	ck_assert_int_eq(CPU_COUNT(&ours), 1);
	ck_assert(CPU_EQUAL(&ours, &theirs));

	/* a call within the quiet time keeps them together */
	hx_run_ms(&X, (int)ISO_CPU_QUIET_MS / 2);
	hx_eapol(&X, "msg1", false);
	hx_run_ms(&X, (int)ISO_CPU_QUIET_MS / 2 + 100);
	cpu_mask_of(0, &ours);
	ck_assert_int_eq(CPU_COUNT(&ours), 1);
	ck_assert(cpu_host_tasks_are(host, &ours));

	hx_run_ms(&X, (int)ISO_CPU_QUIET_MS + 200);
	cpu_mask_of(0, &ours);
	ck_assert(CPU_EQUAL(&ours, &cpu_all));
	ck_assert(cpu_host_tasks_are(host, &cpu_all));
	hx_stop(&X);
}
END_TEST

static void *cpu_thread_wait(void *arg)
{
	volatile int *stop = arg;

	while (!*stop)
		usleep(1000);
	return NULL;
}

/* A thread our loop thread starts while shared (the 802.1X warm-up can) gets the mask back too. */
START_TEST(test_thread_started_while_shared_spreads_too)
{
	volatile int stop = 0;
	cpu_set_t m;
	pthread_t t;

	if (!cpu_many())
		return;
	(void)cpu_host_up(false);
	hx_authorize(&X);
	ck_assert_int_eq(pthread_create(&t, NULL, cpu_thread_wait, (void *)&stop), 0);
	ck_assert_int_eq(pthread_getaffinity_np(t, sizeof(m), &m), 0);
	ck_assert_int_eq(CPU_COUNT(&m), 1); /* inherited */
	hx_run_ms(&X, (int)ISO_CPU_QUIET_MS + 200);
	ck_assert_int_eq(pthread_getaffinity_np(t, sizeof(m), &m), 0);
	ck_assert(CPU_EQUAL(&m, &cpu_all));
	stop = 1;
	pthread_join(t, NULL);
	hx_stop(&X);
}
END_TEST

START_TEST(test_unshared_never_places)
{
	cpu_set_t ours;
	pid_t host;

	if (!cpu_many())
		return;
	host = cpu_host_up(true);
	hx_authorize(&X);
	cpu_mask_of(0, &ours);
	ck_assert(CPU_EQUAL(&ours, &cpu_all));
	ck_assert(cpu_host_tasks_are(host, &cpu_all));
	hx_stop(&X);
}
END_TEST

/* ihvd's end: the loop thread has its mask back even when the quiet time has not passed. */
START_TEST(test_host_free_gives_the_mask_back)
{
	cpu_set_t ours;

	if (!cpu_many())
		return;
	(void)cpu_host_up(false);
	hx_authorize(&X);
	cpu_mask_of(0, &ours);
	ck_assert_int_eq(CPU_COUNT(&ours), 1);
	ihv_host_free(X.h);
	X.h = NULL;
	X.a = NULL;
	cpu_mask_of(0, &ours);
	ck_assert(CPU_EQUAL(&ours, &cpu_all));
	hx_stop(&X);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("isolate-cpu");
	TCase *tc = tcase_create("placement");
	SRunner *sr;
	int failed;

	setenv("IHVD_PLUGIN_ISOLATION", "isolated", 1);
	tcase_set_timeout(tc, 15);
	tcase_add_test(tc, test_connection_shares_one_cpu_then_spreads);
	tcase_add_test(tc, test_thread_started_while_shared_spreads_too);
	tcase_add_test(tc, test_unshared_never_places);
	tcase_add_test(tc, test_host_free_gives_the_mask_back);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
