// SPDX-License-Identifier: BSD-3-Clause
/* EAP-MSCHAPv2 Success/Failure message handling (RFC 2759 5, 6). */
#include <check.h>
#include <string.h>

#include "eap/eap-mschapv2.h"
#include "check-main.h"

#define S "S=407A5589115FD0D6209F510FE9C04566932CDA56"

START_TEST(test_auth_resp)
{
	static const char lower[] = "s=407a5589115fd0d6209f510fe9c04566932cda56 M=hi";

	ck_assert(eap_mschapv2_auth_resp_ok((const uint8_t *)S, strlen(S), S));
	ck_assert(eap_mschapv2_auth_resp_ok((const uint8_t *)S " M=welcome", strlen(S) + 10, S));
	ck_assert(eap_mschapv2_auth_resp_ok((const uint8_t *)lower, strlen(lower), S));
	ck_assert(!eap_mschapv2_auth_resp_ok((const uint8_t *)S, strlen(S) - 1, S));
	ck_assert(!eap_mschapv2_auth_resp_ok((const uint8_t *)S "0", strlen(S) + 1, S));
	ck_assert(!eap_mschapv2_auth_resp_ok(
		(const uint8_t *)"S=407A5589115FD0D6209F510FE9C04566932CDA57", strlen(S), S));
}
END_TEST

START_TEST(test_error_code)
{
	static const char f[] = "E=691 R=0 C=00112233445566778899aabbccddeeff V=3 M=bad";

	ck_assert_int_eq(eap_mschapv2_error_code((const uint8_t *)f, strlen(f)), 691);
	ck_assert_int_eq(eap_mschapv2_error_code((const uint8_t *)"R=1 E=648", 9), 648);
	ck_assert_int_eq(eap_mschapv2_error_code((const uint8_t *)"E=", 2), -1);
	ck_assert_int_eq(eap_mschapv2_error_code((const uint8_t *)"XE=691", 6), -1);
	ck_assert_int_eq(eap_mschapv2_error_code((const uint8_t *)"M=hello", 7), -1);
	ck_assert_int_eq(eap_mschapv2_error_code((const uint8_t *)"E=691", 4), 69); /* bounded by len */
	ck_assert_str_eq(eap_mschapv2_error_str(691), "authentication failed");
	ck_assert_str_eq(eap_mschapv2_error_str(648), "password expired");
}
END_TEST

#define TEST_LIST(X) X(test_auth_resp) X(test_error_code)
TEST_MAIN("eap-mschapv2")
