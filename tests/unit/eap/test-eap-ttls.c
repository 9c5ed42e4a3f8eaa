// SPDX-License-Identifier: BSD-3-Clause
/* EAP-TTLS end to end: PAP and MSCHAPv2 (RFC 5281), good and wrong passwords; PEAP and TTLS
 * over TLS 1.3 when phase1 allows it. */
#include "test-e2e.h"

START_TEST(test_ttls_pap_good_and_wrong)
{
	static struct test_server s;
	struct eap_peer *p;
	const struct eap_peer_result *r;

	r = tunnel(EAP_PEER_METHOD_TTLS, "auth=PAP", PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	ck_assert_str_eq(r->text, "TTLS/PAP: success");
	eap_peer_free(p);
	r = tunnel(EAP_PEER_METHOD_TTLS, "auth=PAP", "nope", PASSWORD, EAP_PEER_FAILURE, &s, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_AUTH_REJECTED);
	ck_assert_str_eq(r->text, "TTLS/PAP: authentication failed");
	eap_peer_free(p);
}
END_TEST

START_TEST(test_ttls_mschapv2_good_and_wrong)
{
	static struct test_server s;
	struct eap_peer *p;
	const struct eap_peer_result *r;

	r = tunnel(EAP_PEER_METHOD_TTLS, "auth=MSCHAPV2", PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	ck_assert_str_eq(r->text, "TTLS/MSCHAPv2: success");
	eap_peer_free(p);
	r = tunnel(EAP_PEER_METHOD_TTLS, NULL, "nope", PASSWORD, EAP_PEER_FAILURE, &s, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_AUTH_REJECTED);
	ck_assert_str_eq(r->text, "TTLS/MSCHAPv2: authentication failed");
	eap_peer_free(p);
}
END_TEST

/* PEAP and TTLS over TLS 1.3 when phase1 allows it (keys with the type as exporter context). */
START_TEST(test_tunnels_over_tls13)
{
	static struct test_server s;
	struct eap_peer *p;

	tunnel_phase1 = "tls_disable_tlsv1_3=0";
	ck_assert_str_eq(tunnel(EAP_PEER_METHOD_PEAP, NULL, PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s,
				&p)->text, "PEAP/MSCHAPv2: success");
	eap_peer_free(p);
	tunnel(EAP_PEER_METHOD_TTLS, "auth=PAP", PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	eap_peer_free(p);
	tunnel(EAP_PEER_METHOD_TTLS, "auth=MSCHAPV2", PASSWORD, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	eap_peer_free(p);
	tunnel(EAP_PEER_METHOD_PEAP, NULL, "bad", PASSWORD, EAP_PEER_FAILURE, &s, &p);
	ck_assert_str_eq(eap_peer_result(p)->text, "PEAP/MSCHAPv2: authentication failed (E=691)");
	eap_peer_free(p);
	tunnel_phase1 = NULL;
}
END_TEST

#define TEST_LIST(X) X(test_ttls_pap_good_and_wrong) X(test_ttls_mschapv2_good_and_wrong) X(test_tunnels_over_tls13)
E2E_MAIN("eap-ttls")
