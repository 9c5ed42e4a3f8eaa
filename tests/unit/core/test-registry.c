// SPDX-License-Identifier: BSD-3-Clause
/*
 * The registry (src/core/registry.c): host-minted handles (contract §9), the
 * plain host lock and its checked mode, the plugin's label read without the
 * lock.
 */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/registry.h"
#include "common/log.h"

START_TEST(test_live_dead_and_never_reused)
{
	int obj = 1, other = 2;
	const char *why;
	void *h1, *h2;

	ihv_lock();
	h1 = ihv_handle_new(IHV_HANDLE_SVC, &obj);
	ck_assert_ptr_nonnull(h1);
	ck_assert_ptr_eq(ihv_handle_get(h1, IHV_HANDLE_SVC, &why), &obj);
	/* not a pointer one could dereference: odd */
	ck_assert_uint_eq((uintptr_t)h1 & 1, 1);
	/* wrong kind */
	ck_assert_ptr_null(ihv_handle_get(h1, IHV_HANDLE_CONNECT, &why));
	ihv_handle_kill(h1, "gone for a reason");
	ck_assert_ptr_null(ihv_handle_get(h1, IHV_HANDLE_SVC, &why));
	ck_assert_str_eq(why, "gone for a reason");
	h2 = ihv_handle_new(IHV_HANDLE_SVC, &other);
	ck_assert_ptr_ne(h1, h2);
	ck_assert_ptr_null(ihv_handle_get(h1, IHV_HANDLE_SVC, NULL));
	ck_assert_ptr_null(ihv_handle_get(NULL, IHV_HANDLE_SVC, &why));
	ck_assert_str_eq(why, "NULL handle");
	ck_assert_ptr_null(ihv_handle_get((void *)0x1234, IHV_HANDLE_SVC, &why));
	ck_assert_str_eq(why, "unknown handle");
	ihv_handle_kill(h2, "x");
	ihv_unlock();
	ck_assert_uint_eq(ihv_handle_live_count(), 0);
}
END_TEST

/* Checked mode: the holder locking again aborts (EDEADLK), not hangs. */
START_TEST(test_lock_nested_aborts_when_checked)
{
	ihv_registry_lock_checked();
	ck_assert(ihv_registry_lock_is_checked());
	ihv_lock();
	ihv_lock(); /* SIGABRT here */
	ihv_unlock();
	ihv_unlock();
}
END_TEST

/* Checked mode: unlocking a lock one does not hold aborts (EPERM). */
START_TEST(test_unlock_unheld_aborts_when_checked)
{
	ihv_registry_lock_checked();
	ihv_unlock(); /* SIGABRT here */
}
END_TEST

static char reg_log[2048];

static void reg_log_hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	(void)level;
	strncat(reg_log, line, sizeof(reg_log) - strlen(reg_log) - 2);
	strcat(reg_log, "\n");
}

/* The label is fixed at load and read without the lock, even under it. */
START_TEST(test_label_read_under_the_lock)
{
	static struct ihv_host h;

	ihv_registry_lock_checked();
	ihv_registry_label_set(&h, "/usr/lib/ihvd/tp-label.so");
	ck_assert_str_eq(h.name, "tp-label");
	ihv_lock();
	/* would abort in checked mode if the label took the lock */
	ck_assert_str_eq(ihv_plugin_label(), "tp-label");
	ihv_unlock();
}
END_TEST

static void *reg_plugin_thread(void *arg)
{
	DWORD *rc = arg;

	/* a plugin thread: no handler running, so no current host */
	rc[0] = ihv_service_apis.Dot11ExtSetExcludeUnencrypted((HANDLE)(uintptr_t)0x12345, TRUE);
	rc[1] = ihv_service_apis.Dot11ExtStopOneX(NULL);
	return NULL;
}

/*
 * A service refusing a bad handle logs under the lock, naming the plugin;
 * from a plugin thread that once took the lock a second time. Checked mode
 * turns any such nesting into an abort.
 */
START_TEST(test_service_refusal_from_plugin_thread_needs_no_recursion)
{
	static struct ihv_host h;
	pthread_t t;
	DWORD rc[2] = { 0, 0 };

	ihv_registry_lock_checked();
	ihv_registry_label_set(&h, "tp-thread.so");
	reg_log[0] = 0;
	log_hook_set(reg_log_hook, NULL);
	ck_assert_int_eq(pthread_create(&t, NULL, reg_plugin_thread, rc), 0);
	pthread_join(t, NULL);
	log_hook_set(NULL, NULL);
	ck_assert_uint_eq(rc[0], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(rc[1], ERROR_INVALID_HANDLE);
	ck_assert_msg(strstr(reg_log, "tp-thread: Dot11ExtSetExcludeUnencrypted with an invalid "
				      "hDot11SvcHandle") != NULL, "%s", reg_log);
	ck_assert_msg(strstr(reg_log, "contract rule 12") != NULL, "%s", reg_log);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("registry");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_live_dead_and_never_reused);
	tcase_add_test_raise_signal(t, test_lock_nested_aborts_when_checked, SIGABRT);
	tcase_add_test_raise_signal(t, test_unlock_unheld_aborts_when_checked, SIGABRT);
	tcase_add_test(t, test_label_read_under_the_lock);
	tcase_add_test(t, test_service_refusal_from_plugin_thread_needs_no_recursion);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	/* the abort tests need their own process */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
