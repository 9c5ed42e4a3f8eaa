// SPDX-License-Identifier: BSD-3-Clause
/* EAPOL / EAP codec: good frames, padding, truncation and lying length fields. */
#include <check.h>
#include <string.h>

#include "eap/eap-packet.h"
#include "check-main.h"

START_TEST(test_eapol_parse)
{
	/* EAPOL v2 EAP-Packet, body 5, then 3 octets of link padding */
	static const uint8_t f[] = { 2, 0, 0, 5, 1, 42, 0, 5, 1, 0, 0, 0 };
	struct eapol_frame e;
	struct eap_msg m;
	const char *err = NULL;

	ck_assert_int_eq(eapol_frame_parse(f, sizeof(f), &e, &err), 0);
	ck_assert_uint_eq(e.version, 2);
	ck_assert_uint_eq(e.type, EAPOL_TYPE_EAP);
	ck_assert_uint_eq(e.body_len, 5);
	ck_assert_int_eq(eap_msg_parse(e.body, e.body_len, &m, &err), 0);
	ck_assert_uint_eq(m.code, EAP_CODE_REQUEST);
	ck_assert_uint_eq(m.id, 42);
	ck_assert_uint_eq(m.type, EAP_TYPE_IDENTITY);
	ck_assert_uint_eq(m.data_len, 0);
}
END_TEST

START_TEST(test_eapol_truncated)
{
	static const uint8_t f[] = { 2, 0, 0, 9, 1, 42, 0, 5, 1 };
	struct eapol_frame e;
	const char *err = NULL;

	ck_assert_int_eq(eapol_frame_parse(f, 3, &e, &err), -1);
	ck_assert_str_eq(err, "EAPOL frame shorter than its header");
	ck_assert_int_eq(eapol_frame_parse(f, sizeof(f), &e, &err), -1);
	ck_assert_str_eq(err, "EAPOL body length exceeds the frame");
	ck_assert_int_eq(eapol_frame_parse(NULL, 0, &e, &err), -1);
}
END_TEST

START_TEST(test_eap_lengths)
{
	struct eap_msg m;
	const char *err = NULL;
	static const uint8_t over[] = { 1, 1, 0, 9, 1 };
	static const uint8_t under[] = { 1, 1, 0, 3, 1 };
	static const uint8_t notype[] = { 1, 1, 0, 4 };
	static const uint8_t succ[] = { 3, 1, 0, 4, 0xee }; /* trailing octet ignored */
	static const uint8_t code0[] = { 0, 1, 0, 4 };
	static const uint8_t tls[] = { 1, 9, 0, 7, 13, 0x20, 0xaa, 0xbb };

	ck_assert_int_eq(eap_msg_parse(over, sizeof(over), &m, &err), -1);
	ck_assert_str_eq(err, "EAP length exceeds the received octets");
	ck_assert_int_eq(eap_msg_parse(under, sizeof(under), &m, &err), -1);
	ck_assert_int_eq(eap_msg_parse(notype, sizeof(notype), &m, &err), -1);
	ck_assert_str_eq(err, "EAP Request/Response without a Type");
	ck_assert_int_eq(eap_msg_parse(succ, sizeof(succ), &m, &err), 0);
	ck_assert_uint_eq(m.code, EAP_CODE_SUCCESS);
	ck_assert_int_eq(eap_msg_parse(code0, sizeof(code0), &m, &err), -1);
	ck_assert_int_eq(eap_msg_parse(tls, sizeof(tls), &m, &err), 0);
	ck_assert_uint_eq(m.type, EAP_TYPE_TLS);
	ck_assert_uint_eq(m.data_len, 2); /* EAP Length 7 bounds the data, not the buffer */
	ck_assert_uint_eq(m.data[0], 0x20);
}
END_TEST

START_TEST(test_build)
{
	struct eap_buf b;

	eap_buf_init(&b);
	ck_assert_int_eq(eap_msg_build_response(&b, 1, 7, EAP_TYPE_IDENTITY, (const uint8_t *)"bob", 3), 0);
	ck_assert_uint_eq(b.len, 12);
	ck_assert_mem_eq(b.data, "\x01\x00\x00\x08\x02\x07\x00\x08\x01" "bob", 12);
	eap_buf_reset(&b);
	ck_assert_int_eq(eapol_start_build(&b, 2), 0);
	ck_assert_mem_eq(b.data, "\x02\x01\x00\x00", 4);
	eap_buf_reset(&b);
	ck_assert_int_eq(eap_msg_build_bare(&b, EAP_CODE_SUCCESS, 3, -1, NULL, 0), 0);
	ck_assert_mem_eq(b.data, "\x03\x03\x00\x04", 4);
	eap_buf_reset(&b);
	/* an EAP packet cannot exceed 65535 octets */
	ck_assert_int_eq(eap_msg_build_response(&b, 2, 1, 13, NULL, 70000), -1);
	eap_buf_free(&b);
	ck_assert_str_eq(eap_type_name(25), "PEAP");
	ck_assert_str_eq(eap_type_name(99), "type 99");
}
END_TEST

START_TEST(test_buf_bound)
{
	struct eap_buf b;

	eap_buf_init(&b);
	ck_assert_ptr_nonnull(eap_buf_put(&b, NULL, EAP_BUF_MAX));
	ck_assert_ptr_null(eap_buf_put(&b, "x", 1));
	ck_assert_uint_eq(b.len, EAP_BUF_MAX);
	eap_buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_ptr_nonnull(eap_buf_put(&b, "x", 1));
	eap_buf_free(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

#define TEST_LIST(X) X(test_eapol_parse) X(test_eapol_truncated) X(test_eap_lengths) \
	X(test_build) X(test_buf_bound)
TEST_MAIN("eap-packet")
