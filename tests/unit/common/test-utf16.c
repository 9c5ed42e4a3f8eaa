// SPDX-License-Identifier: BSD-3-Clause
/* UTF-8 <-> UTF-16 for the contract's LPWSTR fields (src/common/utf16.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf16.h"

START_TEST(test_ascii_round_trip)
{
	size_t n = 0;
	uint16_t *w = utf16_from_utf8("<IHV/>", 6, &n);
	char *s;

	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(n, 6);
	ck_assert_uint_eq(w[0], '<');
	ck_assert_uint_eq(w[6], 0);
	s = utf16_to_utf8(w, 64);
	ck_assert_str_eq(s, "<IHV/>");
	free(s);
	utf16_free_secure(w);
}
END_TEST

START_TEST(test_multibyte_and_surrogates)
{
	/* "é€😀": 2-, 3- and 4-byte sequences; the last needs a surrogate pair */
	const char *in = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	size_t n = 0;
	uint16_t *w = utf16_from_utf8(in, strlen(in), &n);
	char *s;

	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(w[0], 0x00e9);
	ck_assert_uint_eq(w[1], 0x20ac);
	ck_assert_uint_eq(w[2], 0xd83d);
	ck_assert_uint_eq(w[3], 0xde00);
	s = utf16_to_utf8(w, 16);
	ck_assert_str_eq(s, in);
	free(s);
	free(w);
}
END_TEST

START_TEST(test_invalid_utf8_refused)
{
	ck_assert_ptr_null(utf16_from_utf8("\xc0\xaf", 2, NULL));       /* overlong */
	ck_assert_ptr_null(utf16_from_utf8("\xed\xa0\x80", 3, NULL));   /* surrogate */
	ck_assert_ptr_null(utf16_from_utf8("\xf4\x90\x80\x80", 4, NULL)); /* > U+10FFFF */
	ck_assert_ptr_null(utf16_from_utf8("\xe2\x82", 2, NULL));       /* truncated */
	ck_assert_ptr_null(utf16_from_utf8("\xff", 1, NULL));
}
END_TEST

START_TEST(test_unpaired_surrogate_refused_and_len_bounded)
{
	uint16_t bad[] = { 'a', 0xdc00, 0 };
	uint16_t noterm[] = { 'a', 'b', 'c' };

	ck_assert_ptr_null(utf16_to_utf8(bad, 8));
	ck_assert_uint_eq(utf16_len(noterm, 3), 3);
	ck_assert_uint_eq(utf16_len(bad, 8), 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("utf16");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_ascii_round_trip);
	tcase_add_test(t, test_multibyte_and_surrogates);
	tcase_add_test(t, test_invalid_utf8_refused);
	tcase_add_test(t, test_unpaired_surrogate_refused_and_len_bounded);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
