// SPDX-License-Identifier: BSD-3-Clause
/* RFC 2759 9.2 example and the RFC 3079 keys derived from it (wave2.md 3.5). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "eap/mschapv2.h"
#include "test-util.h"

#define USER "User"
#define PASS "clientPass"

static uint8_t auth_chal[16], peer_chal[16];

static void setup(void)
{
	test_unhex("5b5d7c7d7b3f2f3e3c2c602132262628", auth_chal);
	test_unhex("21402324255e262a28295f2b3a337c7e", peer_chal);
}

START_TEST(test_legacy_provider_loads)
{
	ck_assert_msg(mschapv2_crypto_available(), "OpenSSL legacy provider (MD4/DES) not available");
}
END_TEST

START_TEST(test_challenge_hash)
{
	uint8_t c[8];

	ck_assert_int_eq(mschapv2_challenge_hash(peer_chal, auth_chal, USER, c), 0);
	ck_assert_str_eq(test_hex(c, 8), "d02e4386bce91226");
}
END_TEST

START_TEST(test_password_hashes)
{
	uint8_t h[16], hh[16];

	ck_assert_int_eq(mschapv2_nt_password_hash(PASS, h), 0);
	ck_assert_str_eq(test_hex(h, 16), "44ebba8d5312b8d611474411f56989ae");
	ck_assert_int_eq(mschapv2_hash_nt_password_hash(h, hh), 0);
	ck_assert_str_eq(test_hex(hh, 16), "41c00c584bd2d91c4017a2a12fa59f3f");
}
END_TEST

START_TEST(test_nt_response_and_authenticator_response)
{
	uint8_t h[16], r[24];
	char s[MSCHAPV2_AUTH_RESP_LEN + 1];

	ck_assert_int_eq(mschapv2_nt_password_hash(PASS, h), 0);
	ck_assert_int_eq(mschapv2_generate_nt_response(auth_chal, peer_chal, USER, h, r), 0);
	ck_assert_str_eq(test_hex(r, 24), "82309ecd8d708b5ea08faa3981cd83544233114a3d85d6df");
	ck_assert_int_eq(mschapv2_authenticator_response(h, r, peer_chal, auth_chal, USER, s), 0);
	ck_assert_str_eq(s, "S=407A5589115FD0D6209F510FE9C04566932CDA56");
}
END_TEST

START_TEST(test_rfc3079_keys)
{
	uint8_t h[16], hh[16], r[24], mk[16], send[16], recv[16], srv_send[16], srv_recv[16];

	ck_assert_int_eq(mschapv2_nt_password_hash(PASS, h), 0);
	ck_assert_int_eq(mschapv2_hash_nt_password_hash(h, hh), 0);
	ck_assert_int_eq(mschapv2_generate_nt_response(auth_chal, peer_chal, USER, h, r), 0);
	ck_assert_int_eq(mschapv2_master_key(hh, r, mk), 0);
	ck_assert_str_eq(test_hex(mk, 16), "fdece3717a8c838cb388e527ae3cdd31");
	ck_assert_int_eq(mschapv2_asymmetric_start_key(mk, 1, 0, send), 0);
	ck_assert_int_eq(mschapv2_asymmetric_start_key(mk, 0, 0, recv), 0);
	ck_assert_str_eq(test_hex(send, 16), "d5f0e9521e3ea9589645e86051c82226");
	ck_assert_str_eq(test_hex(recv, 16), "8b7cdc149b993a1ba118cb153f56dccb");
	/* The server's receive key is the client's send key and vice versa. */
	ck_assert_int_eq(mschapv2_asymmetric_start_key(mk, 0, 1, srv_recv), 0);
	ck_assert_int_eq(mschapv2_asymmetric_start_key(mk, 1, 1, srv_send), 0);
	ck_assert_mem_eq(srv_recv, send, 16);
	ck_assert_mem_eq(srv_send, recv, 16);
}
END_TEST

START_TEST(test_hash_secret_equals_password)
{
	static const char hash[] = "hash:44EBBA8D5312B8D611474411F56989AE";
	uint8_t a[16], b[16], c[16];

	ck_assert_int_eq(mschapv2_password_hash_from_secret(PASS, false, a), 0);
	ck_assert_int_eq(mschapv2_password_hash_from_secret(hash, true, b), 0);
	ck_assert_mem_eq(a, b, 16);
	ck_assert_int_eq(mschapv2_password_hash_from_secret("hash:44eb", true, b), -1);
	ck_assert_int_eq(mschapv2_password_hash_from_secret("hash:zzebba8d5312b8d611474411f56989ae",
							    true, b), -1);
	ck_assert_int_eq(mschapv2_password_hash_from_secret(PASS, true, b), -1);
	ck_assert_int_eq(mschapv2_password_hash_from_secret(NULL, false, b), -1);
	/* not marked as a hash: a password that starts with "hash:", hashed as it is */
	ck_assert_int_eq(mschapv2_password_hash_from_secret(hash, false, c), 0);
	ck_assert_int_eq(mschapv2_nt_password_hash(hash, b), 0);
	ck_assert_mem_eq(c, b, 16);
	ck_assert_int_eq(mschapv2_password_hash_from_secret("hash:44eb", false, c), 0);
}
END_TEST

START_TEST(test_utf8_password_and_limits)
{
	uint8_t a[16], b[16];
	char longpw[300];

	/* U+00E9 as UTF-8 hashes differently from its Latin-1 byte read as one character. */
	ck_assert_int_eq(mschapv2_nt_password_hash("caf\xc3\xa9", a), 0);
	ck_assert_int_eq(mschapv2_nt_password_hash("cafe", b), 0);
	ck_assert_int_ne(memcmp(a, b, 16), 0);
	ck_assert_int_eq(mschapv2_nt_password_hash("caf\xc3", a), -1);  /* truncated sequence */
	ck_assert_int_eq(mschapv2_nt_password_hash("\xff", a), -1);
	memset(longpw, 'a', 257);
	longpw[257] = 0;
	ck_assert_int_eq(mschapv2_nt_password_hash(longpw, a), -1);  /* RFC 2759: 0-to-256 chars */
	longpw[256] = 0;
	ck_assert_int_eq(mschapv2_nt_password_hash(longpw, a), 0);
}
END_TEST

START_TEST(test_username_strip)
{
	ck_assert_str_eq(mschapv2_username_strip("DOMAIN\\alice"), "alice");
	ck_assert_str_eq(mschapv2_username_strip("alice@example.com"), "alice@example.com");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mschapv2");
	TCase *tc = tcase_create("rfc2759");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_legacy_provider_loads);
	tcase_add_test(tc, test_challenge_hash);
	tcase_add_test(tc, test_password_hashes);
	tcase_add_test(tc, test_nt_response_and_authenticator_response);
	tcase_add_test(tc, test_rfc3079_keys);
	tcase_add_test(tc, test_hash_secret_equals_password);
	tcase_add_test(tc, test_utf8_password_and_limits);
	tcase_add_test(tc, test_username_strip);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
