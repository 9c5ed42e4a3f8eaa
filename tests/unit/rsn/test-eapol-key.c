// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/eapol-key.c: parse/build against recorded frames, every length and field check. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/eapol-key.h"
#include "tests/unit/rsn/test-frames.h"
#include "tests/unit/rsn/test-util.h"

/* wpa2-psk-ccmp.pcap frames 114 (msg 1), 118 (msg 3) and 120 (msg 4) */
#define m1_hex wpa2_m1_hex
#define m3_hex wpa2_m3_hex
#define m4_hex wpa2_m4_hex

static uint8_t buf[512];
static size_t buf_len;

static void load(const char *hex)
{
	memset(buf, 0, sizeof(buf));
	buf_len = test_unhex(hex, buf);
}

START_TEST(test_parse_msg1)
{
	struct eapol_key k;

	load(m1_hex);
	ck_assert_uint_eq(buf_len, 99);
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_OK);
	ck_assert_uint_eq(k.proto_version, 2);
	ck_assert_uint_eq(k.desc_type, 2);
	ck_assert_uint_eq(k.key_info, 0x008a);
	ck_assert_uint_eq(eapol_key_info_version(k.key_info), 2);
	ck_assert_uint_eq(k.key_len, 16);
	ck_assert_uint_eq(eapol_key_replay_u64(k.replay), 1);
	ck_assert_str_eq(test_hex(k.nonce, 32),
			 "2a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb");
	ck_assert_uint_eq(k.key_data_len, 0);
	ck_assert_uint_eq(k.frame_len, 99);
	ck_assert_ptr_eq(k.mic, buf + EAPOL_KEY_OFF_MIC);
}
END_TEST

START_TEST(test_parse_msg3)
{
	struct eapol_key k;

	load(m3_hex);
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_OK);
	ck_assert_uint_eq(k.key_info, 0x13ca);
	ck_assert_uint_eq(eapol_key_replay_u64(k.replay), 2);
	ck_assert_uint_eq(k.key_data_len, 56);
	ck_assert_ptr_eq(k.key_data, buf + 99);
	ck_assert_str_eq(test_hex(k.mic, 16), "0e49d54a8483a131f8f789b0b92ccf75");
}
END_TEST

/* Every truncation of a real frame is rejected with the reason for its length. */
START_TEST(test_truncated_every_length)
{
	struct eapol_key k;

	load(m3_hex);
	for (size_t len = 0; len < buf_len; len++) {
		enum eapol_key_err want = len < 4 ? EAPOL_KEY_ERR_SHORT_HEADER :
						    EAPOL_KEY_ERR_BODY_TRUNCATED;

		ck_assert_int_eq(eapol_key_parse(buf, len, 16, &k), want);
	}
	/* the body length says "shorter" too: fixed fields or key data missing */
	for (size_t len = 4; len < buf_len; len++) {
		uint8_t copy[512];

		memcpy(copy, buf, len);
		copy[2] = (uint8_t)((len - 4) >> 8);
		copy[3] = (uint8_t)(len - 4);
		ck_assert_int_eq(eapol_key_parse(copy, len, 16, &k),
				 len < EAPOL_KEY_MIN_LEN(16) ? EAPOL_KEY_ERR_BODY_SHORT :
							       EAPOL_KEY_ERR_KEY_DATA_LEN);
	}
}
END_TEST

START_TEST(test_header_fields)
{
	struct eapol_key k;

	load(m1_hex);
	buf[0] = 0;
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_ERR_VERSION);
	buf[0] = 4;
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_ERR_VERSION);
	for (uint8_t v = 1; v <= 3; v++) {
		buf[0] = v;
		ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_OK);
	}
	buf[1] = 0; /* EAP-Packet */
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_ERR_NOT_KEY);
	load(m1_hex);
	buf[4] = 254; /* WPA1 descriptor */
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_ERR_DESC_TYPE);
	load(m1_hex);
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 15, &k), EAPOL_KEY_ERR_MIC_LEN);
	/* a 16-octet-MIC frame parsed as a 24-octet-MIC AKM is too short */
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 24, &k), EAPOL_KEY_ERR_BODY_SHORT);
	ck_assert_int_eq(eapol_key_parse(NULL, 0, 16, &k), EAPOL_KEY_ERR_SHORT_HEADER);
}
END_TEST

START_TEST(test_key_data_len_overflow)
{
	struct eapol_key k;

	load(m3_hex);
	/* Key Data Length one past the body, then 0xffff */
	buf[97] = 0;
	buf[98] = 57;
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_ERR_KEY_DATA_LEN);
	buf[97] = 0xff;
	buf[98] = 0xff;
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_ERR_KEY_DATA_LEN);
	/* shorter key data than the body is accepted (trailing octets are not key data) */
	buf[97] = 0;
	buf[98] = 8;
	ck_assert_int_eq(eapol_key_parse(buf, buf_len, 16, &k), EAPOL_KEY_OK);
	ck_assert_uint_eq(k.key_data_len, 8);
}
END_TEST

/* Octets after the 802.1X body (Ethernet padding) are not part of the frame. */
START_TEST(test_trailing_padding)
{
	struct eapol_key k;

	load(m1_hex);
	ck_assert_int_eq(eapol_key_parse(buf, buf_len + 20, 16, &k), EAPOL_KEY_OK);
	ck_assert_uint_eq(k.frame_len, 99);
}
END_TEST

/* Building message 4's fields gives the recorded frame, up to its MIC. */
START_TEST(test_build_msg4)
{
	uint8_t out[256], replay[8];
	struct eapol_key_fields f = { .proto_version = 1, .key_info = 0x030a, .replay = replay };
	size_t n;

	load(m4_hex);
	eapol_key_replay_put(replay, 2);
	n = eapol_key_build(out, sizeof(out), 16, &f);
	ck_assert_uint_eq(n, buf_len);
	memset(buf + EAPOL_KEY_OFF_MIC, 0, 16);
	ck_assert_mem_eq(out, buf, n);
	ck_assert_uint_eq(eapol_key_build(out, 98, 16, &f), 0);
}
END_TEST

START_TEST(test_build_roundtrip)
{
	uint8_t out[256], nonce[32], data[40], replay[8], rsc[8];
	struct eapol_key_fields f = { .proto_version = 2, .key_info = 0x13ca, .key_len = 16,
				      .replay = replay, .nonce = nonce, .rsc = rsc,
				      .key_data = data, .key_data_len = sizeof(data) };
	struct eapol_key k;
	size_t n;

	for (size_t i = 0; i < sizeof(nonce); i++)
		nonce[i] = (uint8_t)i;
	memset(data, 0x5a, sizeof(data));
	memset(rsc, 0x11, sizeof(rsc));
	eapol_key_replay_put(replay, 0x0102030405060708ull);
	n = eapol_key_build(out, sizeof(out), 24, &f);
	ck_assert_uint_eq(n, EAPOL_KEY_MIN_LEN(24) + 40);
	ck_assert_int_eq(eapol_key_parse(out, n, 24, &k), EAPOL_KEY_OK);
	ck_assert_uint_eq(k.key_info, 0x13ca);
	ck_assert_uint_eq(k.key_len, 16);
	ck_assert_uint_eq(eapol_key_replay_u64(k.replay), 0x0102030405060708ull);
	ck_assert_mem_eq(k.nonce, nonce, 32);
	ck_assert_mem_eq(k.rsc, rsc, 8);
	ck_assert_uint_eq(k.key_data_len, 40);
	ck_assert_mem_eq(k.key_data, data, 40);
	ck_assert_uint_eq(k.mic_len, 24);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-eapol-key");
	TCase *tc = tcase_create("codec");

	tcase_add_test(tc, test_parse_msg1);
	tcase_add_test(tc, test_parse_msg3);
	tcase_add_test(tc, test_truncated_every_length);
	tcase_add_test(tc, test_header_fields);
	tcase_add_test(tc, test_key_data_len_overflow);
	tcase_add_test(tc, test_trailing_padding);
	tcase_add_test(tc, test_build_msg4);
	tcase_add_test(tc, test_build_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
