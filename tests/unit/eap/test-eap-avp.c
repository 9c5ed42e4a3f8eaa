// SPDX-License-Identifier: BSD-3-Clause
/* TTLS AVP codec (RFC 5281 10.1). */
#include <check.h>
#include <string.h>

#include "eap/eap-avp.h"
#include "check-main.h"

START_TEST(test_roundtrip)
{
	struct eap_buf b;
	struct eap_avp a;
	const uint8_t *p;
	size_t n;
	const char *err = NULL;

	eap_buf_init(&b);
	ck_assert_int_eq(eap_avp_put(&b, EAP_AVP_USER_NAME, 0, true, (const uint8_t *)"alice", 5), 0);
	ck_assert_int_eq(eap_avp_put(&b, EAP_AVP_MS_CHAP_CHALLENGE, EAP_AVP_VENDOR_MS, true,
				     (const uint8_t *)"0123456789abcdef", 16), 0);
	/* 8 + 5 padded to 16, then 12 + 16 */
	ck_assert_uint_eq(b.len, 16 + 28);
	ck_assert_mem_eq(b.data, "\x00\x00\x00\x01\x40\x00\x00\x0d" "alice\0\0\0", 16);
	ck_assert_mem_eq(b.data + 16, "\x00\x00\x00\x0b\xc0\x00\x00\x1c\x00\x00\x01\x37", 12);
	p = b.data;
	n = b.len;
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), 1);
	ck_assert_uint_eq(a.code, 1);
	ck_assert_uint_eq(a.vendor, 0);
	ck_assert_uint_eq(a.len, 5);
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), 1);
	ck_assert_uint_eq(a.code, 11);
	ck_assert_uint_eq(a.vendor, 311);
	ck_assert_uint_eq(a.len, 16);
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), 0);
	eap_buf_free(&b);
}
END_TEST

START_TEST(test_malformed)
{
	static const uint8_t shortlen[] = { 0, 0, 0, 1, 0x40, 0, 0, 7 };
	static const uint8_t overlen[] = { 0, 0, 0, 1, 0x40, 0, 0, 20, 1, 2 };
	static const uint8_t vshort[] = { 0, 0, 0, 1, 0xc0, 0, 0, 10, 0, 0 };
	static const uint8_t last_unpadded[] = { 0, 0, 0, 1, 0x40, 0, 0, 9, 'x' };
	const uint8_t *p;
	size_t n;
	struct eap_avp a;
	const char *err = NULL;

	p = shortlen, n = sizeof(shortlen);
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), -1);
	ck_assert_str_eq(err, "AVP length below its header");
	p = overlen, n = sizeof(overlen);
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), -1);
	ck_assert_str_eq(err, "AVP length exceeds the data");
	p = vshort, n = sizeof(vshort);
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), -1);
	p = overlen, n = 5;
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), -1);
	ck_assert_str_eq(err, "AVP header truncated");
	p = last_unpadded, n = sizeof(last_unpadded);
	ck_assert_int_eq(eap_avp_next(&p, &n, &a, &err), 1);
	ck_assert_uint_eq(a.len, 1);
	ck_assert_uint_eq(n, 0);
}
END_TEST

#define TEST_LIST(X) X(test_roundtrip) X(test_malformed)
TEST_MAIN("eap-avp")
