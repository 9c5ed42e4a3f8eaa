// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/ipc/ipc-discovery.c: CreateDiscoveryProfiles' answer read only inside its blocks
 * (contract rule 65), over a toy block table the test controls. Entries past the list's
 * block are neither counted nor read; a fragment outside a block, without its terminator in
 * it, or equal to the list, makes the answer bad; at most 64 entries are read; a fragment
 * shared by several entries is freed once, and the list itself is left to the caller.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc-discovery.h"

/* The toy blocks: address and size, and which were freed (in order). */
static struct {
	const void *p[8];
	size_t len[8];
	int n;
	void *freed[256];
	int n_freed;
} blk;

static void blk_add(const void *p, size_t len)
{
	blk.p[blk.n] = p;
	blk.len[blk.n++] = len;
}

static size_t blk_size(const void *p)
{
	for (int i = 0; i < blk.n; i++)
		if (blk.p[i] == p)
			return blk.len[i];
	return 0;
}

static bool blk_holds_utf16(const uint16_t *p)
{
	size_t n = blk_size(p) / 2;

	for (size_t i = 0; i < n; i++)
		if (!p[i])
			return true;
	return false;
}

static void blk_free(void *ctx, void *p)
{
	ck_assert_ptr_eq(ctx, &blk);
	blk.freed[blk.n_freed++] = p;
}

static const struct ipc_blocks B = { .size = blk_size, .holds_utf16 = blk_holds_utf16,
				     .free_fragment = blk_free, .ctx = &blk };

static DOT11EXT_IHV_DISCOVERY_PROFILE prof[80];
static uint16_t conn[4] = { 'c', 0, 0, 0 }, sec[2] = { 's', 0 }, unterminated[2] = { 'u', 'u' };

static void setup(void)
{
	memset(&blk, 0, sizeof(blk));
	memset(prof, 0, sizeof(prof));
	blk_add(conn, sizeof(conn));
	blk_add(sec, sizeof(sec));
	blk_add(unterminated, sizeof(unterminated));
}

static DOT11EXT_IHV_DISCOVERY_PROFILE_LIST list(DWORD count, size_t in_block)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST l = { count, prof };

	blk_add(prof, in_block * sizeof(prof[0]));
	return l;
}

static void entry(int i, uint16_t *c, uint16_t *s)
{
	prof[i].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity = c;
	prof[i].IhvSecurityProfile.pszXmlFragmentIhvSecurity = s;
}

START_TEST(test_whole_list_in_its_blocks)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST l = list(3, 3);
	bool ok = false;

	entry(0, conn, sec);
	entry(1, conn, sec); /* the same fragments again: freed once */
	entry(2, NULL, sec);
	ck_assert_uint_eq(ipc_discovery_check(&l, &B, &ok), 3);
	ck_assert(ok);
	ipc_discovery_free_fragments(&l, 3, &B);
	ck_assert_int_eq(blk.n_freed, 2);
	ck_assert_ptr_eq(blk.freed[0], conn);
	ck_assert_ptr_eq(blk.freed[1], sec);
}
END_TEST

START_TEST(test_count_beyond_the_block)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST l = list(5, 2);
	bool ok = true;

	entry(0, conn, NULL);
	entry(1, NULL, sec);
	entry(2, unterminated, unterminated); /* past the block: never looked at */
	ck_assert_uint_eq(ipc_discovery_check(&l, &B, &ok), 2);
	ck_assert(!ok);
	ipc_discovery_free_fragments(&l, 2, &B);
	ck_assert_int_eq(blk.n_freed, 2);
}
END_TEST

START_TEST(test_bad_fragments)
{
	static uint16_t stray[2] = { 'x', 0 }; /* not a block */
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST l = list(1, 1);
	bool ok = true;

	entry(0, conn, unterminated);
	ck_assert_uint_eq(ipc_discovery_check(&l, &B, &ok), 1);
	ck_assert(!ok);
	entry(0, stray, sec);
	ok = true;
	ipc_discovery_check(&l, &B, &ok);
	ck_assert(!ok);
	entry(0, (uint16_t *)(void *)prof, sec); /* the list itself as a fragment */
	ok = true;
	ipc_discovery_check(&l, &B, &ok);
	ck_assert(!ok);
	/* and it is not freed as a fragment: the caller frees the list once */
	ipc_discovery_free_fragments(&l, 1, &B);
	ck_assert_int_eq(blk.n_freed, 1);
	ck_assert_ptr_eq(blk.freed[0], sec);
}
END_TEST

START_TEST(test_at_most_64_entries)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST l = list(80, 80);
	bool ok = false;

	ck_assert_uint_eq(ipc_discovery_check(&l, &B, &ok), 64);
	ck_assert(ok); /* 64 read, all inside */
	entry(70, conn, sec);
	ipc_discovery_free_fragments(&l, 80, &B); /* capped: entry 70 is never read */
	ck_assert_int_eq(blk.n_freed, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ipc-discovery");
	TCase *tc = tcase_create("discovery");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_whole_list_in_its_blocks);
	tcase_add_test(tc, test_count_beyond_the_block);
	tcase_add_test(tc, test_bad_fragments);
	tcase_add_test(tc, test_at_most_64_entries);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
