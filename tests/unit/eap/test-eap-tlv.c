// SPDX-License-Identifier: BSD-3-Clause
/* PEAP TLVs. */
#include <check.h>
#include <string.h>

#include "eap/eap-tlv.h"
#include "check-main.h"

START_TEST(test_result)
{
	static const uint8_t ok[] = { 0x80, 0x03, 0, 2, 0, 1 };
	uint8_t fail_and_binding[6 + 60] = { 0x80, 0x03, 0, 2, 0, 2, 0x00, 0x0c, 0, 56 };
	struct eap_tlv_summary s;
	struct eap_buf b;
	const char *err = NULL;

	ck_assert_int_eq(eap_tlv_parse(ok, sizeof(ok), &s, &err), 0);
	ck_assert_int_eq(s.result, EAP_TLV_RESULT_SUCCESS);
	ck_assert(!s.crypto_binding);
	ck_assert_int_eq(eap_tlv_parse(fail_and_binding, sizeof(fail_and_binding), &s, &err), 0);
	ck_assert_int_eq(s.result, EAP_TLV_RESULT_FAILURE);
	ck_assert(s.crypto_binding);
	ck_assert_ptr_eq(s.binding, fail_and_binding + 6);
	/* a Crypto-Binding TLV is 56 octets of value */
	fail_and_binding[9] = 55;
	ck_assert_int_eq(eap_tlv_parse(fail_and_binding, sizeof(fail_and_binding) - 1, &s, &err), -1);
	ck_assert_str_eq(err, "bad Crypto-Binding TLV");
	eap_buf_init(&b);
	ck_assert_int_eq(eap_tlv_put_result(&b, EAP_TLV_RESULT_SUCCESS), 0);
	ck_assert_mem_eq(b.data, ok, sizeof(ok));
	eap_buf_free(&b);
}
END_TEST

START_TEST(test_malformed)
{
	static const uint8_t trunc[] = { 0x80, 0x03, 0 };
	static const uint8_t over[] = { 0x80, 0x03, 0, 9, 0, 1 };
	static const uint8_t badlen[] = { 0x80, 0x03, 0, 3, 0, 1, 0 };
	static const uint8_t badval[] = { 0x80, 0x03, 0, 2, 0, 3 };
	static const uint8_t twice[] = { 0x80, 0x03, 0, 2, 0, 1, 0x80, 0x03, 0, 2, 0, 1 };
	static const uint8_t mand[] = { 0x80, 0x07, 0, 0 };
	static const uint8_t optional[] = { 0x00, 0x07, 0, 1, 9 };
	struct eap_tlv_summary s;
	const char *err = NULL;

	ck_assert_int_eq(eap_tlv_parse(trunc, sizeof(trunc), &s, &err), -1);
	ck_assert_int_eq(eap_tlv_parse(over, sizeof(over), &s, &err), -1);
	ck_assert_str_eq(err, "TLV length exceeds the packet");
	ck_assert_int_eq(eap_tlv_parse(badlen, sizeof(badlen), &s, &err), -1);
	ck_assert_int_eq(eap_tlv_parse(badval, sizeof(badval), &s, &err), -1);
	ck_assert_int_eq(eap_tlv_parse(twice, sizeof(twice), &s, &err), -1);
	ck_assert_int_eq(eap_tlv_parse(mand, sizeof(mand), &s, &err), -1);
	ck_assert_str_eq(err, "unsupported mandatory TLV");
	ck_assert_int_eq(eap_tlv_parse(optional, sizeof(optional), &s, &err), 0);
	ck_assert_int_eq(s.result, 0);
}
END_TEST

#define TEST_LIST(X) X(test_result) X(test_malformed)
TEST_MAIN("eap-tlv")
