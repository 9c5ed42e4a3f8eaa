// SPDX-License-Identifier: BSD-3-Clause
/* EAP-TLS end to end: TLS 1.2 (RFC 5216) and 1.3 (RFC 9190), both sides derive the same
 * MSK/EMSK; fragmentation both ways; client key passphrase. */
#include "test-e2e.h"

START_TEST(test_eap_tls12)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, pki.ca, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static struct test_server s;
	const struct eap_peer_result *r;

	ts_begin(&s, 13, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	r = eap_peer_result(p);
	ck_assert_int_eq(s.tls_version, TLS1_2_VERSION);
	ck_assert_str_eq(s.identity, "client@example.com");
	check_same_keys(r, &s);
	ck_assert_int_eq(r->method, 13);
	ck_assert(!r->unverified);
	ck_assert(!r->resumed);
	ck_assert_str_eq(r->text, "TLS: success");
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

START_TEST(test_eap_tls13)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, pki.ca, TLS1_3_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	static struct test_server s;

	run_tls(&c, NULL, ctx, &s, EAP_PEER_SUCCESS);
	ck_assert_int_eq(s.tls_version, TLS1_3_VERSION);
	ck_assert(s.commit_sent);
	SSL_CTX_free(ctx);
}
END_TEST

/* Small fragments both ways: the server's flight at 300 octets, ours at 200. */
START_TEST(test_eap_tls_small_fragments)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, pki.ca, TLS1_3_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	static struct test_server s;

	c.fragment_size = 200;
	run_tls(&c, NULL, ctx, &s, EAP_PEER_SUCCESS);
	SSL_CTX_free(ctx);
}
END_TEST

START_TEST(test_client_key_bad_passphrase)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, pki.ca, TLS1_3_VERSION);
	static struct test_server s;
	struct eap_peer *p;

	c.private_key_passwd = "not it";
	p = eap_peer_new(&c, NULL);
	ts_begin(&s, 13, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_FAILURE);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_CONFIG);
	ck_assert_ptr_nonnull(strstr(eap_peer_result(p)->text, "cannot load private_key"));
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

#define TEST_LIST(X) X(test_eap_tls12) X(test_eap_tls13) X(test_eap_tls_small_fragments) X(test_client_key_bad_passphrase)
E2E_MAIN("eap-tls")
