// SPDX-License-Identifier: BSD-3-Clause
/* The event loop: fd watches, timer order, cross-thread calls, quit. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/loop.h"

static int order[8];
static int n_order;

static void timer_record(void *arg)
{
	order[n_order++] = (int)(intptr_t)arg;
}

START_TEST(test_timers_fire_in_deadline_order)
{
	struct loop *l = loop_new();
	struct loop_timer *a = loop_timer_new(l, timer_record, (void *)1);
	struct loop_timer *b = loop_timer_new(l, timer_record, (void *)2);
	struct loop_timer *c = loop_timer_new(l, timer_record, (void *)3);
	uint64_t t0 = loop_now_us();

	n_order = 0;
	loop_timer_arm(a, 30);
	loop_timer_arm(b, 10);
	loop_timer_arm(c, 20);
	loop_timer_cancel(c);
	ck_assert(!loop_timer_armed(c));
	while (n_order < 2 && loop_now_us() - t0 < 2000000)
		loop_run_once(l, 100);
	ck_assert_int_eq(n_order, 2);
	ck_assert_int_eq(order[0], 2);
	ck_assert_int_eq(order[1], 1);
	ck_assert_uint_ge(loop_now_us() - t0, 30000); /* never early */
	loop_timer_free(a);
	loop_timer_free(b);
	loop_timer_free(c);
	loop_free(l);
}
END_TEST

START_TEST(test_rearm_replaces)
{
	struct loop *l = loop_new();
	struct loop_timer *a = loop_timer_new(l, timer_record, (void *)7);

	n_order = 0;
	loop_timer_arm(a, 5000);
	loop_timer_arm(a, 1);
	for (int i = 0; i < 50 && n_order == 0; i++)
		loop_run_once(l, 20);
	ck_assert_int_eq(n_order, 1); /* fired once, at the second deadline */
	for (int i = 0; i < 3; i++)
		loop_run_once(l, 10);
	ck_assert_int_eq(n_order, 1);
	loop_timer_free(a);
	loop_free(l);
}
END_TEST

static int fd_hits;

static void fd_read(void *arg, int fd)
{
	char buf[16];

	(void)arg;
	if (read(fd, buf, sizeof(buf)) > 0)
		fd_hits++;
}

START_TEST(test_fd_watch_and_delete)
{
	struct loop *l = loop_new();
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	fd_hits = 0;
	ck_assert_int_eq(loop_fd_add(l, p[0], fd_read, NULL), 0);
	ck_assert_int_lt(loop_fd_add(l, -1, fd_read, NULL), 0); /* a bad fd is an error, not a crash */
	ck_assert_int_eq(write(p[1], "x", 1), 1);
	loop_run_once(l, 1000);
	ck_assert_int_eq(fd_hits, 1);
	loop_fd_del(l, p[0]);
	ck_assert_int_eq(write(p[1], "y", 1), 1);
	loop_run_once(l, 50);
	loop_run_once(l, 50);
	ck_assert_int_eq(fd_hits, 1);
	close(p[0]);
	close(p[1]);
	loop_free(l); /* the deleted watch is freed here (valgrind) */
}
END_TEST

static int calls;

static void call_count(void *arg)
{
	(void)arg;
	calls++;
}

static void *post_from_thread(void *arg)
{
	struct loop *l = arg;

	for (int i = 0; i < 100; i++)
		loop_call_post(l, call_count, NULL);
	return NULL;
}

START_TEST(test_calls_posted_from_another_thread_run_on_the_loop)
{
	struct loop *l = loop_new();
	pthread_t t;
	uint64_t t0 = loop_now_us();

	calls = 0;
	ck_assert_int_eq(pthread_create(&t, NULL, post_from_thread, l), 0);
	pthread_join(t, NULL);
	while (calls < 100 && loop_now_us() - t0 < 2000000)
		loop_run_once(l, 100);
	ck_assert_int_eq(calls, 100);
	ck_assert(loop_on_thread(l));
	loop_free(l);
}
END_TEST

START_TEST(test_call_cancel_drops_pending_calls)
{
	struct loop *l = loop_new();
	int token;

	calls = 0;
	loop_call_post(l, call_count, &token);
	loop_call_post(l, call_count, NULL);
	loop_call_cancel(l, &token);
	loop_run_once(l, 100);
	ck_assert_int_eq(calls, 1);
	loop_free(l);
}
END_TEST

static void quit_now(void *arg)
{
	loop_quit(arg, 42);
}

START_TEST(test_run_returns_quit_code)
{
	struct loop *l = loop_new();
	struct loop_timer *t = loop_timer_new(l, quit_now, l);

	loop_timer_arm(t, 5);
	ck_assert_int_eq(loop_run(l), 42);
	loop_timer_free(t);
	loop_free(l);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("loop");
	TCase *tc = tcase_create("loop");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_timers_fire_in_deadline_order);
	tcase_add_test(tc, test_rearm_replaces);
	tcase_add_test(tc, test_fd_watch_and_delete);
	tcase_add_test(tc, test_calls_posted_from_another_thread_run_on_the_loop);
	tcase_add_test(tc, test_call_cancel_drops_pending_calls);
	tcase_add_test(tc, test_run_returns_quit_code);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
