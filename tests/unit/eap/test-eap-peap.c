// SPDX-License-Identifier: BSD-3-Clause
/* PEAPv0/EAP-MSCHAPv2 end to end: good, wrong and hash: passwords; same MSK both sides. */
#include "test-e2e.h"

START_TEST(test_peap_mschapv2_good)
{
	static struct test_server s;
	struct eap_peer *p;
	const struct eap_peer_result *r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD,
						 EAP_PEER_SUCCESS, &s, &p);

	ck_assert_int_eq(r->method, 25);
	ck_assert_str_eq(r->text, "PEAP/MSCHAPv2: success");
	eap_peer_free(p);
}
END_TEST

START_TEST(test_peap_mschapv2_wrong_password)
{
	static struct test_server s;
	struct eap_peer *p;
	const struct eap_peer_result *r = tunnel(EAP_PEER_METHOD_PEAP, "auth=MSCHAPV2", "wrong",
						 PASSWORD, EAP_PEER_FAILURE, &s, &p);

	ck_assert(!s.success);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_AUTH_REJECTED);
	ck_assert_str_eq(r->text, "PEAP/MSCHAPv2: authentication failed (E=691)");
	ck_assert_uint_eq(r->msk_len, 0);
	eap_peer_free(p);
}
END_TEST

START_TEST(test_peap_mschapv2_hash_password)
{
	static struct test_server s;
	struct eap_peer *p;
	uint8_t h[16];
	char secret[64] = "hash:";

	ck_assert_int_eq(mschapv2_nt_password_hash(PASSWORD, h), 0);
	for (int i = 0; i < 16; i++)
		snprintf(secret + 5 + 2 * i, 3, "%02x", h[i]);
	tunnel_pw_hash = true;
	tunnel(EAP_PEER_METHOD_PEAP, NULL, secret, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	eap_peer_free(p);
	tunnel_pw_hash = false;
	/* the same text not marked as a hash is a password of its own (a quoted "hash:..."
	 * in the file, or typed at the prompt) */
	tunnel(EAP_PEER_METHOD_PEAP, NULL, secret, PASSWORD, EAP_PEER_FAILURE, &s, &p);
	eap_peer_free(p);
	tunnel(EAP_PEER_METHOD_PEAP, NULL, secret, secret, EAP_PEER_SUCCESS, &s, &p);
	eap_peer_free(p);
}
END_TEST

/* [MS-PEAP] cryptobinding: the server's Compound MAC is checked, ours is accepted by the
 * server, and both use the compound MSK (no EMSK). A tampered MAC is refused, and so is a
 * RecvVersion other than 0. */
START_TEST(test_peap_cryptobinding)
{
	static struct test_server s;
	struct eap_peer *p;
	const struct eap_peer_result *r;

	tunnel_binding = true;
	r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	ck_assert(s.bound);
	ck_assert_uint_eq(r->emsk_len, 0); /* and tunnel() checked both sides' compound MSK */
	eap_peer_free(p);
	tunnel_bad_mac = true;
	r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_FAILURE, &s, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_AUTH);
	ck_assert_str_eq(r->text, "PEAP: the server's cryptobinding Compound MAC does not verify");
	eap_peer_free(p);
	tunnel_bad_mac = false;
	/* a RecvVersion other than the PEAPv0 we sent: the version was changed on the way */
	tunnel_recv_version = 1;
	r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_FAILURE, &s, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_AUTH);
	ck_assert_str_eq(r->text, "PEAP: the server's Crypto-Binding TLV says it received "
				  "PEAP version 1; we sent 0");
	eap_peer_free(p);
	tunnel_binding = false;
	tunnel_recv_version = 0;
}
END_TEST

/* phase1 crypto_binding (as wpa_supplicant): 2 requires the server's binding, 0 never answers
 * it (the plain MSK on both sides), 1 is the default; other values are refused. */
START_TEST(test_peap_crypto_binding_option)
{
	static struct test_server s;
	struct eap_peer *p;
	const struct eap_peer_result *r;

	tunnel_phase1 = "crypto_binding=2";
	r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_FAILURE, &s, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_AUTH);
	ck_assert_str_eq(r->text,
			 "PEAP: crypto_binding=2 and the server sent no Crypto-Binding TLV");
	ck_assert(!s.success);
	eap_peer_free(p);
	tunnel_binding = true;
	r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	ck_assert(s.bound);
	eap_peer_free(p);
	tunnel_phase1 = "crypto_binding=0";
	r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	ck_assert(!s.bound); /* and tunnel() checked both sides' (plain) MSK */
	ck_assert_uint_eq(r->emsk_len, 64);
	eap_peer_free(p);
	tunnel_binding = false;
	/* a value is the whole word: 10 is not 1, 2x is not 2 */
	static const char *const bad[] = { "crypto_binding=3", "crypto_binding=10",
					   "peapver=0 crypto_binding=2x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tunnel_phase1 = bad[i];
		r = tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_FAILURE, &s,
			   &p);
		ck_assert_msg(r->reason == EAP_PEER_REASON_CONFIG, "%s", bad[i]);
		eap_peer_free(p);
	}
	tunnel_phase1 = NULL;
}
END_TEST

#define TEST_LIST(X) X(test_peap_mschapv2_good) X(test_peap_mschapv2_wrong_password) \
	X(test_peap_mschapv2_hash_password) X(test_peap_cryptobinding) \
	X(test_peap_crypto_binding_option)
E2E_MAIN("eap-peap")
