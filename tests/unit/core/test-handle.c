/* Host-minted handles (src/core/handle.c; contract §9). */
#include <check.h>
#include <stdint.h>

#include "core/handle.h"

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

START_TEST(test_lock_is_recursive)
{
	ihv_lock();
	ihv_lock();
	ihv_unlock();
	ihv_unlock();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("handle");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_live_dead_and_never_reused);
	tcase_add_test(t, test_lock_is_recursive);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
