// SPDX-License-Identifier: BSD-3-Clause
/* The TLS layer: server name policy, CA and name refusal with their reasons, no-CA
 * (unverified), CN fallback, session resumption per method, and the client context kept in
 * the session cache (reused while the configuration stays the same). */
#include "eap/eap-tls-common.h"
#include "test-e2e.h"

#include <stdio.h>
#include <sys/stat.h>

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
	/* three conversations, one client context; EAP-TLS (client certificate) never caches one */
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), (m == EAP_PEER_METHOD_TLS ? 0 : 1));
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

/* ---- the client context kept in the session cache ---- */

static struct test_server ctx_srv;
/* the servers (certificate of the trusted CA) keep their contexts, so sessions resume */
static SSL_CTX *ctx_srv_tls, *ctx_srv_tunnel;

/* One authentication of c through cache, the prompts answered from pr; the peer's reason when
 * it ends (NONE on success). */
static enum eap_peer_reason ctx_auth_prompted(const struct eap_peer_config *c,
					      struct eap_session_cache *cache,
					      struct prompts *pr, enum eap_peer_status want)
{
	SSL_CTX **sctx = c->method == EAP_PEER_METHOD_TLS ? &ctx_srv_tls : &ctx_srv_tunnel;
	struct eap_peer *p = eap_peer_new(c, cache);
	enum eap_peer_reason reason;

	ck_assert_ptr_nonnull(p);
	if (!*sctx)
		*sctx = ts_ctx_new(pki.server, pki.server_key,
				   c->method == EAP_PEER_METHOD_TLS ? pki.ca : NULL, TLS1_3_VERSION);
	ts_begin(&ctx_srv, (uint8_t)c->method, *sctx);
	ctx_srv.user = "alice";
	ctx_srv.password = PASSWORD;
	ck_assert_int_eq(run(p, &ctx_srv, pr), want);
	if (want == EAP_PEER_SUCCESS)
		check_same_keys(eap_peer_result(p), &ctx_srv);
	reason = eap_peer_result(p)->reason;
	ts_end(&ctx_srv);
	eap_peer_free(p);
	return reason;
}

static enum eap_peer_reason ctx_auth(const struct eap_peer_config *c,
				     struct eap_session_cache *cache, enum eap_peer_status want)
{
	return ctx_auth_prompted(c, cache, NULL, want);
}

static void ctx_srv_free(void)
{
	SSL_CTX_free(ctx_srv_tls);
	SSL_CTX_free(ctx_srv_tunnel);
	ctx_srv_tls = ctx_srv_tunnel = NULL;
}

/* Write the certificate file from into to: in place (same inode), or as a new file renamed
 * over it (a new inode). */
static void ctx_put_file(const char *from, const char *to, bool in_place)
{
	char tmp[160], buf[8192];
	FILE *in = fopen(from, "rb"), *out;
	size_t n;

	ck_assert_ptr_nonnull(in);
	n = fread(buf, 1, sizeof(buf), in);
	fclose(in);
	ck_assert_uint_gt(n, 0);
	snprintf(tmp, sizeof(tmp), "%s.new", to);
	out = fopen(in_place ? to : tmp, "wb");
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	ck_assert_int_eq(fclose(out), 0);
	if (!in_place)
		ck_assert_int_eq(rename(tmp, to), 0);
}

/* Two PEAP conversations and a TTLS one with the same TLS configuration share one context,
 * also after a failed authentication forgot the resumption session. */
START_TEST(test_ctx_shared)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_session_cache *cache = eap_session_cache_new();

	ck_assert_ptr_nonnull(cache);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 0);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(!ctx_srv.resumed);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(ctx_srv.resumed); /* resumption works through the shared context */
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	/* what ihvd does after a failed authentication: the session goes, the context stays */
	eap_session_cache_clear(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(!ctx_srv.resumed);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	/* TTLS with the same CA and versions: the same context */
	c = cfg_base(EAP_PEER_METHOD_TTLS);
	c.phase2 = "auth=PAP";
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	eap_session_cache_free(cache);
	ctx_srv_free();
}
END_TEST

/* A CA file replaced (new inode) or rewritten in place, or another TLS version limit, builds a
 * new context, and the new CA is the one that decides. */
START_TEST(test_ctx_rebuilt_on_change)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_session_cache *cache = eap_session_cache_new();
	char live[160];

	snprintf(live, sizeof(live), "%s/ca-live.pem", pki.dir);
	ctx_put_file(pki.ca, live, false);
	c.ca_cert = live;
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	eap_session_cache_clear(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);

	/*
	 * the rogue CA renamed over the file: the server is no longer trusted, and the session
	 * of the last success (kept: no clear here) is not resumed past the new CA file
	 */
	ctx_put_file(pki.ca2, live, false);
	ck_assert_int_eq(ctx_auth(&c, cache, EAP_PEER_FAILURE), EAP_PEER_REASON_SERVER_UNTRUSTED);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 2);

	/* the trusted CA written back in place (same inode): trusted again */
	ctx_put_file(pki.ca, live, true);
	eap_session_cache_clear(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 3);

	/* TLS 1.3 allowed for PEAP: another context, and the handshake uses 1.3 */
	c.phase1 = "tls_disable_tlsv1_3=0";
	eap_session_cache_clear(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_int_eq(ctx_srv.tls_version, TLS1_3_VERSION);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 4);
	eap_session_cache_clear(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 4);
	eap_session_cache_free(cache);
	ctx_srv_free();
	unlink(live);
}
END_TEST

/* A CA file that does not load fails the conversation and caches nothing: the context of the
 * good configuration is still there for the next one. */
START_TEST(test_ctx_bad_ca_not_cached)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_session_cache *cache = eap_session_cache_new();
	char bad[160];
	FILE *f;

	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	snprintf(bad, sizeof(bad), "%s/ca-bad.pem", pki.dir);
	f = fopen(bad, "w");
	ck_assert_ptr_nonnull(f);
	fputs("not a certificate\n", f);
	fclose(f);
	c.ca_cert = bad;
	ck_assert_int_eq(ctx_auth(&c, cache, EAP_PEER_FAILURE), EAP_PEER_REASON_CONFIG);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	c.ca_cert = pki.ca;
	eap_session_cache_clear(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	eap_session_cache_free(cache);
	ctx_srv_free();
	unlink(bad);
}
END_TEST

/* EAP-TLS with a client certificate builds its context per conversation (the key must not
 * outlive it) and leaves the cached one of another configuration alone. */
START_TEST(test_ctx_client_cert_not_cached)
{
	struct eap_peer_config tls = cfg_base(EAP_PEER_METHOD_TLS);
	struct eap_peer_config peap = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_session_cache *cache = eap_session_cache_new();

	ctx_auth(&tls, cache, EAP_PEER_SUCCESS);
	ctx_auth(&tls, cache, EAP_PEER_SUCCESS);
	ck_assert(ctx_srv.resumed); /* resumption still works without a cached context */
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 0);
	ctx_auth(&peap, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	ctx_auth(&tls, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	ctx_auth(&peap, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	eap_session_cache_free(cache);
	ctx_srv_free();
}
END_TEST

/*
 * The cache serves one configuration: a conversation under another identity, password or
 * name match does not resume the session saved under the first, and going back to the first
 * does not either (the session went with the change); the client context stays.
 */
START_TEST(test_session_bound_to_configuration)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_peer_config other;
	struct eap_session_cache *cache = eap_session_cache_new();

	ck_assert_ptr_nonnull(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(ctx_srv.resumed); /* the same configuration resumes */
	other = c;
	other.domain_suffix_match = "example.com;example.org";
	ctx_auth(&other, cache, EAP_PEER_SUCCESS);
	ck_assert(!ctx_srv.resumed); /* a name match added: checked again, in full */
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(!ctx_srv.resumed);
	other = c;
	other.password = "another password";
	ck_assert_int_eq(ctx_auth(&other, cache, EAP_PEER_FAILURE), EAP_PEER_REASON_AUTH_REJECTED);
	ck_assert(!ctx_srv.resumed); /* not the session of the right password */
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	eap_session_cache_free(cache);
	ctx_srv_free();
}
END_TEST

/*
 * Credentials typed at a prompt bind the saved session as configured ones do: a session saved
 * after the right typed password does not resume for a wrong one or for another typed identity
 * (the tunnel would otherwise skip the inner method that checks them), and the right one again
 * still resumes. PEAP and TTLS.
 */
static void prompted_session_bound(enum eap_peer_method m)
{
	struct eap_peer_config c = cfg_base(m);
	struct eap_session_cache *cache = eap_session_cache_new();
	struct prompts right = { 0, 0, "alice", PASSWORD };
	struct prompts wrong_pw = { 0, 0, "alice", "not the password" };
	struct prompts wrong_id = { 0, 0, "mallory", PASSWORD };

	ck_assert_ptr_nonnull(cache);
	c.identity = NULL;
	c.password = NULL;
	if (m == EAP_PEER_METHOD_TTLS)
		c.phase2 = "auth=MSCHAPV2";
	ck_assert_int_eq(ctx_auth_prompted(&c, cache, &right, EAP_PEER_SUCCESS),
			 EAP_PEER_REASON_NONE);
	ck_assert(!ctx_srv.resumed);
	ck_assert_int_eq(right.password, 1);
	ck_assert_int_eq(ctx_auth_prompted(&c, cache, &right, EAP_PEER_SUCCESS),
			 EAP_PEER_REASON_NONE);
	ck_assert(ctx_srv.resumed); /* the same typed credentials resume */
	ck_assert_int_eq(ctx_auth_prompted(&c, cache, &wrong_pw, EAP_PEER_FAILURE),
			 EAP_PEER_REASON_AUTH_REJECTED);
	ck_assert(!ctx_srv.resumed); /* not the session of the right password */
	ck_assert_int_eq(wrong_pw.password, 1);
	ck_assert_int_eq(ctx_auth_prompted(&c, cache, &right, EAP_PEER_SUCCESS),
			 EAP_PEER_REASON_NONE);
	ck_assert(!ctx_srv.resumed);
	ck_assert_int_eq(ctx_auth_prompted(&c, cache, &wrong_id, EAP_PEER_FAILURE),
			 EAP_PEER_REASON_AUTH_REJECTED);
	ck_assert(!ctx_srv.resumed); /* nor of another typed identity */
	eap_session_cache_free(cache);
	ctx_srv_free();
}

/* EAP-TLS: the client certificate replaced at the same path (a renewal; here the same bytes
 * under a new inode) is another credential: its first conversation does not resume the
 * session the old one saved. */
START_TEST(test_tls_session_bound_to_the_certificate_file)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	struct eap_session_cache *cache = eap_session_cache_new();

	ck_assert_ptr_nonnull(cache);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(ctx_srv.resumed); /* the same certificate file resumes */
	ctx_put_file(pki.client, pki.client, false);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(!ctx_srv.resumed);
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(ctx_srv.resumed); /* and the new file's session resumes in its turn */
	eap_session_cache_free(cache);
	ctx_srv_free();
}
END_TEST

START_TEST(test_peap_session_bound_to_prompted_credentials)
{
	prompted_session_bound(EAP_PEER_METHOD_PEAP);
}
END_TEST

START_TEST(test_ttls_session_bound_to_prompted_credentials)
{
	prompted_session_bound(EAP_PEER_METHOD_TTLS);
}
END_TEST

/* A context prepared at start-up for the configuration serves its first conversation, which
 * builds none; it is taken once. */
START_TEST(test_prepared_ctx_taken_by_first_conversation)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_session_cache *cache = eap_session_cache_new();

	ck_assert_ptr_nonnull(cache);
	ck_assert(eap_tls_ctx_prepare(&c));
	ck_assert(eap_tls_ctx_prepared());
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert(!eap_tls_ctx_prepared());
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 0); /* the prepared one, kept in the cache */
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 0);
	eap_session_cache_free(cache);
	/* EAP-TLS with a client certificate: such a context is never kept, so none is prepared */
	c = cfg_base(EAP_PEER_METHOD_TLS);
	ck_assert(!eap_tls_ctx_prepare(&c));
	ck_assert(!eap_tls_ctx_prepared());
	ctx_srv_free();
}
END_TEST

/* A context prepared for another CA or other TLS versions is not used: the conversation builds
 * its own, against its own CA, and the prepared one is gone. */
START_TEST(test_prepared_ctx_of_other_ca_not_used)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_peer_config rogue = c;
	struct eap_session_cache *cache = eap_session_cache_new();

	ck_assert_ptr_nonnull(cache);
	rogue.ca_cert = pki.ca2;
	ck_assert(eap_tls_ctx_prepare(&rogue));
	ctx_auth(&c, cache, EAP_PEER_SUCCESS); /* the server chains to pki.ca, not to ca2 */
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	ck_assert(!eap_tls_ctx_prepared());
	/* and one prepared for the trusted CA, then taken by a conversation under ca2: refused */
	eap_session_cache_free(cache);
	cache = eap_session_cache_new();
	ck_assert(eap_tls_ctx_prepare(&c));
	ck_assert_int_eq(ctx_auth(&rogue, cache, EAP_PEER_FAILURE), EAP_PEER_REASON_SERVER_UNTRUSTED);
	ck_assert(!eap_tls_ctx_prepared());
	eap_session_cache_free(cache);
	/* the same CA file, other TLS versions: not the same context either */
	cache = eap_session_cache_new();
	rogue = c;
	rogue.phase1 = "tls_disable_tlsv1_3=0";
	ck_assert(eap_tls_ctx_prepare(&rogue));
	ctx_auth(&c, cache, EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_tls_ctx_builds(cache), 1);
	ck_assert(!eap_tls_ctx_prepared());
	eap_session_cache_free(cache);
	ctx_srv_free();
}
END_TEST

#define TEST_LIST(X) X(test_suffix) X(test_exact) X(test_eap_tls12_resumption) X(test_eap_tls13_resumption) X(test_peap_resumption) X(test_ttls_resumption) X(test_wrong_ca_refused) X(test_wrong_domain_refused) X(test_cn_fallback) X(test_no_ca_is_unverified) \
	X(test_ctx_shared) X(test_ctx_rebuilt_on_change) X(test_ctx_bad_ca_not_cached) \
	X(test_ctx_client_cert_not_cached) X(test_session_bound_to_configuration) \
	X(test_peap_session_bound_to_prompted_credentials) \
	X(test_tls_session_bound_to_the_certificate_file) \
	X(test_ttls_session_bound_to_prompted_credentials) \
	X(test_prepared_ctx_taken_by_first_conversation) X(test_prepared_ctx_of_other_ca_not_used)
E2E_MAIN("eap-tls-common")
