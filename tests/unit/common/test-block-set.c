// SPDX-License-Identifier: BSD-3-Clause
/* src/common/block-set.c: Dot11ExtAllocateBuffer's blocks, known by address. */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/block-set.h"

START_TEST(test_block_set_alloc_owns_free)
{
	struct block_set s = BLOCK_SET_INIT;
	uint8_t *a = block_set_alloc(&s, 40), *b = block_set_alloc(&s, 0);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq((uintptr_t)a % 16, 0);
	for (int i = 0; i < 40; i++)
		ck_assert_uint_eq(a[i], 0); /* zero-filled: no old heap octets reach anyone */
	memset(a, 0xa5, 40);
	size_t size = 99;

	ck_assert(block_set_owns(&s, a, &size));
	ck_assert_uint_eq(size, 40);
	ck_assert(block_set_owns(&s, b, &size));
	ck_assert_uint_eq(size, 0);
	ck_assert(!block_set_owns(&s, a + 1, NULL)); /* inside a block is not a block */
	ck_assert(!block_set_owns(&s, NULL, NULL));
	ck_assert_uint_eq(block_set_count(&s), 2);
	ck_assert(block_set_free(&s, a));
	ck_assert(!block_set_owns(&s, a, NULL));
	ck_assert_uint_eq(block_set_count(&s), 1);
	ck_assert(block_set_free(&s, b));
	ck_assert_uint_eq(block_set_count(&s), 0);
	ck_assert(!block_set_free(&s, NULL));
	ck_assert_ptr_null(block_set_alloc(&s, SIZE_MAX - 4)); /* its header would not fit */
	ck_assert_uint_eq(block_set_count(&s), 0);
}
END_TEST

/* A second free of the same block is refused: the set no longer knows it. */
START_TEST(test_block_set_double_free_refused)
{
	struct block_set s = BLOCK_SET_INIT;
	void *a = block_set_alloc(&s, 100), *keep = block_set_alloc(&s, 100);

	ck_assert(block_set_free(&s, a));
	ck_assert(!block_set_free(&s, a));
	ck_assert(block_set_owns(&s, keep, NULL));
	ck_assert_uint_eq(block_set_count(&s), 1);
	ck_assert(block_set_free(&s, keep));
}
END_TEST

/*
 * A made-up pointer is refused without being read through: one at the start
 * of a page whose preceding page is unmapped. A check that looked for a header
 * in front of the pointer would fault here.
 */
START_TEST(test_block_set_foreign_pointer_not_read)
{
	struct block_set s = BLOCK_SET_INIT;
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t stack_bytes[32] = { 0 };

	ck_assert_ptr_ne(m, MAP_FAILED);
	ck_assert_int_eq(munmap(m, (size_t)pg), 0);
	ck_assert(!block_set_owns(&s, m + pg, NULL));
	ck_assert(!block_set_free(&s, m + pg));
	ck_assert(!block_set_free(&s, stack_bytes + 16));
	ck_assert_uint_eq(stack_bytes[15], 0);
	munmap(m + pg, (size_t)pg);
}
END_TEST

static struct block_set block_set_shared = BLOCK_SET_INIT;

static void *block_set_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2000; i++) {
		void *p = block_set_alloc(&block_set_shared, (size_t)(i % 64));

		if (!p || !block_set_owns(&block_set_shared, p, NULL) ||
		    !block_set_free(&block_set_shared, p))
			return (void *)1;
	}
	return NULL;
}

/* Room and a terminator inside the block: its edges, odd sizes and the cap. */
START_TEST(test_block_set_holds_edges)
{
	struct block_set s = BLOCK_SET_INIT;
	uint16_t *w3 = block_set_alloc(&s, 6), *w1 = block_set_alloc(&s, 3);
	void *empty = block_set_alloc(&s, 0);
	uint16_t on_stack[2] = { 0, 0 };

	ck_assert(block_set_holds(&s, w3, 6));
	ck_assert(!block_set_holds(&s, w3, 7));
	ck_assert(block_set_holds(&s, empty, 0));
	ck_assert(!block_set_holds(&s, empty, 1));
	ck_assert(!block_set_holds(&s, on_stack, 0));
	/* three units: the terminator in the last one counts, none at all does not */
	w3[0] = 'a';
	w3[1] = 'b';
	w3[2] = 0;
	ck_assert(block_set_holds_utf16(&s, w3, 100));
	ck_assert(!block_set_holds_utf16(&s, w3, 2)); /* the cap reached before it */
	w3[2] = 'c';
	ck_assert(!block_set_holds_utf16(&s, w3, 100));
	/* 3 octets hold one unit and half of another: only that one is looked at */
	w1[0] = 0;
	ck_assert(block_set_holds_utf16(&s, w1, 100));
	w1[0] = 'x';
	ck_assert(!block_set_holds_utf16(&s, w1, 100));
	ck_assert(!block_set_holds_utf16(&s, empty, 100));
	ck_assert(!block_set_holds_utf16(&s, on_stack, 100));
	ck_assert(block_set_free(&s, w3));
	ck_assert(block_set_free(&s, w1));
	ck_assert(block_set_free(&s, empty));
}
END_TEST

/* A plugin may allocate and free from its own threads. */
START_TEST(test_block_set_threads)
{
	pthread_t t[4];
	void *rc;

	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, block_set_worker, NULL), 0);
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], &rc), 0);
		ck_assert_ptr_null(rc);
	}
	ck_assert_uint_eq(block_set_count(&block_set_shared), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common-block-set");
	TCase *tc = tcase_create("block-set");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_block_set_alloc_owns_free);
	tcase_add_test(tc, test_block_set_double_free_refused);
	tcase_add_test(tc, test_block_set_foreign_pointer_not_read);
	tcase_add_test(tc, test_block_set_holds_edges);
	tcase_add_test(tc, test_block_set_threads);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
