// SPDX-License-Identifier: BSD-3-Clause
/* src/common/hex.c: hex digits and MAC addresses as text. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"

START_TEST(test_hex_decode_accepts_both_cases)
{
	uint8_t out[4] = { 0 };

	ck_assert_int_eq(hex_decode("00aBcDff", 8, out, sizeof(out)), 4);
	ck_assert_mem_eq(out, "\x00\xab\xcd\xff", 4);
}
END_TEST

START_TEST(test_hex_decode_rejects_odd_bad_and_long)
{
	uint8_t out[2];

	ck_assert_int_eq(hex_decode("abc", 3, out, sizeof(out)), -1);
	ck_assert_int_eq(hex_decode("zz", 2, out, sizeof(out)), -1);
	ck_assert_int_eq(hex_decode("a1", 0, out, sizeof(out)), -1);
	ck_assert_int_eq(hex_decode("a1b2c3", 6, out, sizeof(out)), -1);
	ck_assert_int_eq(hex_decode(NULL, 2, out, sizeof(out)), -1);
}
END_TEST

START_TEST(test_hex_encode_roundtrip)
{
	uint8_t in[3] = { 0x01, 0xfe, 0x7a }, back[3];
	char txt[7];

	hex_encode(in, sizeof(in), txt);
	ck_assert_str_eq(txt, "01fe7a");
	ck_assert_int_eq(hex_decode(txt, strlen(txt), back, sizeof(back)), 3);
	ck_assert_mem_eq(in, back, 3);
}
END_TEST

START_TEST(test_hex_mac_text_and_parse)
{
	const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0xAF };
	uint8_t back[6];
	char txt[HEX_MAC_TXT_LEN];

	hex_mac_txt(mac, txt);
	ck_assert_str_eq(txt, "02:00:00:00:01:af");
	hex_mac_txt((const uint8_t[6]){ 0xff, 0x10, 0x0a, 0xb0, 0x7e, 0x99 }, txt);
	ck_assert_str_eq(txt, "ff:10:0a:b0:7e:99");
	ck_assert(hex_mac_parse("02:00:00:00:01:AF", back));
	ck_assert_mem_eq(back, mac, 6);
	ck_assert(!hex_mac_parse("02:00:00:00:01", back));
	ck_assert(!hex_mac_parse("02-00-00-00-01-af", back));
	ck_assert(!hex_mac_parse("02:00:00:00:01:ag", back));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common-hex");
	TCase *tc = tcase_create("hex");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_hex_decode_accepts_both_cases);
	tcase_add_test(tc, test_hex_decode_rejects_odd_bad_and_long);
	tcase_add_test(tc, test_hex_encode_roundtrip);
	tcase_add_test(tc, test_hex_mac_text_and_parse);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
