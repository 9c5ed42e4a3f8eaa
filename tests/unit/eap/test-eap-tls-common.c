// SPDX-License-Identifier: BSD-3-Clause
/* The TLS layer: server name policy, CA and name refusal with their reasons, no-CA
 * (unverified), CN fallback, session resumption per method. */
#include "eap/eap-tls-common.h"
#include "test-e2e.h"

START_TEST(test_suffix)
{
	ck_assert(eap_tls_name_matches("radius.example.com", "example.com", true));
	ck_assert(eap_tls_name_matches("example.com", "example.com", true));
	ck_assert(eap_tls_name_matches("RADIUS.Example.COM", "example.com", true));
	ck_assert(!eap_tls_name_matches("badexample.com", "example.com", true));
	ck_assert(!eap_tls_name_matches("example.com.evil", "example.com", true));
	ck_assert(!eap_tls_name_matches("com", "example.com", true));
	ck_assert(eap_tls_name_matches("a.example.org", "example.net;example.org", true));
	ck_assert(!eap_tls_name_matches("a.example.org", ";", true));
	ck_assert(!eap_tls_name_matches("a.example.org", "", true));
}
END_TEST

START_TEST(test_exact)
{
	ck_assert(eap_tls_name_matches("radius.example.com", "radius.example.com", false));
	ck_assert(!eap_tls_name_matches("radius.example.com", "example.com", false));
	ck_assert(eap_tls_name_matches("b.example.com", "a.example.com;B.example.com", false));
}
END_TEST

static void resumption(int max_version, enum eap_peer_method m)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, m == EAP_PEER_METHOD_TLS ? pki.ca : NULL,
				  max_version);
	struct eap_peer_config c = cfg_base(m);
	struct eap_session_cache *cache = eap_session_cache_new();
	static struct test_server s;
	struct eap_peer *p;
	uint8_t first[64];

	if (max_version == TLS1_3_VERSION)
		c.phase1 = "tls_disable_tlsv1_3=0";
	p = eap_peer_new(&c, cache);
	ts_begin(&s, (uint8_t)m, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert(!eap_peer_result(p)->resumed);
	memcpy(first, eap_peer_result(p)->msk, 64);
	ts_end(&s);
	eap_peer_free(p);

	p = eap_peer_new(&c, cache);
	ts_begin(&s, (uint8_t)m, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert(eap_peer_result(p)->resumed);
	ck_assert(s.resumed);
	ck_assert_ptr_nonnull(strstr(eap_peer_result(p)->text, "(resumed)"));
	check_same_keys(eap_peer_result(p), &s);
	ck_assert_int_ne(memcmp(first, eap_peer_result(p)->msk, 64), 0);
	ts_end(&s);
	eap_peer_free(p);

	/* a failure forgets the session: the next run is a full handshake again */
	eap_session_cache_clear(cache);
	p = eap_peer_new(&c, cache);
	ts_begin(&s, (uint8_t)m, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert(!eap_peer_result(p)->resumed);
	ts_end(&s);
	eap_peer_free(p);
	eap_session_cache_free(cache);
	SSL_CTX_free(ctx);
}


START_TEST(test_eap_tls12_resumption)
{
	resumption(TLS1_2_VERSION, EAP_PEER_METHOD_TLS);
}
END_TEST

START_TEST(test_eap_tls13_resumption)
{
	resumption(TLS1_3_VERSION, EAP_PEER_METHOD_TLS);
}
END_TEST

START_TEST(test_peap_resumption)
{
	resumption(TLS1_2_VERSION, EAP_PEER_METHOD_PEAP);
}
END_TEST

START_TEST(test_ttls_resumption)
{
	resumption(TLS1_2_VERSION, EAP_PEER_METHOD_TTLS);
}
END_TEST

static const struct eap_peer_result *refused(const char *cert, const char *key, const char *ca,
					     const char *suffix, const char *exact,
					     enum eap_peer_status want, struct eap_peer **pp)
{
	SSL_CTX *ctx = ts_ctx_new(cert, key, NULL, TLS1_3_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TTLS);
	static struct test_server s;
	struct eap_peer *p;

	c.ca_cert = ca;
	c.domain_suffix_match = suffix;
	c.domain_match = exact;
	c.phase2 = "auth=PAP";
	p = eap_peer_new(&c, NULL);
	ts_begin(&s, 21, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, NULL), want);
	if (want == EAP_PEER_FAILURE)
		ck_assert(!s.success); /* the password never reached the server */
	ts_end(&s);
	SSL_CTX_free(ctx);
	*pp = p;
	return eap_peer_result(p);
}


START_TEST(test_wrong_ca_refused)
{
	struct eap_peer *p;
	const struct eap_peer_result *r = refused(pki.server2, pki.server2_key, pki.ca, "example.com",
						  NULL, EAP_PEER_FAILURE, &p);

	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_UNTRUSTED);
	ck_assert_msg(strstr(r->text, "server certificate not trusted: ") != NULL, "%s", r->text);
	ck_assert_msg(strstr(r->text, X509_verify_cert_error_string(
				      X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)) != NULL, "%s", r->text);
	eap_peer_free(p);
}
END_TEST

START_TEST(test_wrong_domain_refused)
{
	struct eap_peer *p;
	const struct eap_peer_result *r = refused(pki.server, pki.server_key, pki.ca, "corp.example.net",
						  NULL, EAP_PEER_FAILURE, &p);

	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_NAME);
	ck_assert_str_eq(r->text,
			 "TTLS: server name mismatch: wanted suffix corp.example.net, got server.example.com");
	eap_peer_free(p);
	/* a suffix matches whole labels only */
	r = refused(pki.server, pki.server_key, pki.ca, "er.example.com", NULL, EAP_PEER_FAILURE, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_NAME);
	eap_peer_free(p);
	r = refused(pki.server, pki.server_key, pki.ca, NULL, "example.com", EAP_PEER_FAILURE, &p);
	ck_assert_str_eq(r->text, "TTLS: server name mismatch: wanted example.com, got server.example.com");
	eap_peer_free(p);
	r = refused(pki.server, pki.server_key, pki.ca, "other.org;Example.COM", "SERVER.example.com",
		    EAP_PEER_SUCCESS, &p);
	eap_peer_free(p);
}
END_TEST

/* No SAN dNSName: the CN is used. */
START_TEST(test_cn_fallback)
{
	struct eap_peer *p;
	const struct eap_peer_result *r;

	refused(pki.server_cn, pki.server_cn_key, pki.ca, "example.org", "radius.corp.example.org",
		EAP_PEER_SUCCESS, &p);
	eap_peer_free(p);
	r = refused(pki.server_cn, pki.server_cn_key, pki.ca, "example.com", NULL, EAP_PEER_FAILURE, &p);
	ck_assert_str_eq(r->text,
			 "TTLS: server name mismatch: wanted suffix example.com, got radius.corp.example.org");
	eap_peer_free(p);
}
END_TEST

START_TEST(test_no_ca_is_unverified)
{
	struct eap_peer *p;
	const struct eap_peer_result *r = refused(pki.server2, pki.server2_key, NULL, NULL, NULL,
						  EAP_PEER_SUCCESS, &p);

	ck_assert(r->unverified);
	ck_assert_ptr_nonnull(strstr(r->text, "NOT verified"));
	eap_peer_free(p);
	/* still, a configured name is enforced */
	r = refused(pki.server2, pki.server2_key, NULL, "corp.example.net", NULL, EAP_PEER_FAILURE, &p);
	ck_assert_int_eq(r->reason, EAP_PEER_REASON_SERVER_NAME);
	eap_peer_free(p);
}
END_TEST

#define TEST_LIST(X) X(test_suffix) X(test_exact) X(test_eap_tls12_resumption) X(test_eap_tls13_resumption) X(test_peap_resumption) X(test_ttls_resumption) X(test_wrong_ca_refused) X(test_wrong_domain_refused) X(test_cn_fallback) X(test_no_ca_is_unverified)
E2E_MAIN("eap-tls-common")
