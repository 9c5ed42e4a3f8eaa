/*
 * End-to-end: the peer against the in-process test server (test-server.h) with certificates
 * made at run time: EAP-TLS 1.2/1.3, PEAP/MSCHAPv2, TTLS/PAP, TTLS/MSCHAPv2, both sides derive
 * the same MSK; wrong CA / wrong name refused with their reason; resumption; the PAE timers;
 * identity/password prompts; Nak; malformed and out-of-place packets.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "eap/eap-peer.h"
#include "test-certs.h"
#include "test-server.h"

static struct test_pki pki;

#define PASSWORD "correct horse"

static struct eap_peer_config cfg_base(enum eap_peer_method m)
{
	struct eap_peer_config c = { 0 };

	c.method = m;
	c.ca_cert = pki.ca;
	c.domain_suffix_match = "example.com";
	if (m == EAP_PEER_METHOD_TLS) {
		c.identity = "client@example.com";
		c.client_cert = pki.client;
		c.private_key = pki.client_key;
		c.private_key_passwd = TEST_KEY_PASS;
	} else {
		c.identity = "alice";
		c.anonymous_identity = "anonymous";
		c.password = PASSWORD;
	}
	return c;
}

struct prompts {
	int identity, password;
	const char *give_identity, *give_password;
};

/* Shuttle PDUs until the peer ends; returns the peer's final status. */
static enum eap_peer_status run(struct eap_peer *p, struct test_server *s, struct prompts *pr)
{
	const uint8_t *tx;
	size_t len;
	enum eap_peer_status st = eap_peer_start(p);

	tx = eap_peer_tx(p, &len);
	ck_assert_ptr_nonnull(tx);
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_eq(tx[1], 1); /* EAPOL-Start */
	ck_assert(ts_rx(s, tx, len));
	for (int i = 0; i < 500; i++) {
		st = eap_peer_rx(p, s->tx, s->tx_len);
		while (pr && (st == EAP_PEER_NEED_IDENTITY || st == EAP_PEER_NEED_PASSWORD)) {
			ck_assert_ptr_null(eap_peer_tx(p, &len));
			if (st == EAP_PEER_NEED_IDENTITY) {
				pr->identity++;
				st = eap_peer_set_identity(p, pr->give_identity);
			} else {
				pr->password++;
				st = eap_peer_set_password(p, pr->give_password);
			}
		}
		tx = eap_peer_tx(p, &len);
		if (st == EAP_PEER_SUCCESS || st == EAP_PEER_FAILURE)
			return st;
		ck_assert_int_eq(st, EAP_PEER_CONTINUE);
		ck_assert_msg(tx != NULL, "peer did not answer a request");
		ck_assert_msg(!s->done, "peer answered after the server finished");
		ck_assert_msg(ts_rx(s, tx, len), "server refused the peer's packet");
	}
	ck_abort_msg("no end after 500 rounds");
	return st;
}

static void check_same_keys(const struct eap_peer_result *r, const struct test_server *s,
			    bool emsk)
{
	ck_assert(s->success);
	ck_assert_uint_eq(r->msk_len, 64);
	ck_assert_mem_eq(r->msk, s->msk, 64);
	if (emsk) {
		ck_assert_uint_eq(r->emsk_len, 64);
		ck_assert_mem_eq(r->emsk, s->emsk, 64);
	} else {
		ck_assert_uint_eq(r->emsk_len, 0);
	}
}

static void run_tls(int max_version, struct eap_peer_config *c, struct eap_session_cache *cache,
		    SSL_CTX *ctx, struct test_server *s, enum eap_peer_status want)
{
	struct eap_peer *p = eap_peer_new(c, cache);

	(void)max_version;
	ck_assert_ptr_nonnull(p);
	ts_begin(s, (uint8_t)c->method, ctx);
	ck_assert_int_eq(run(p, s, NULL), want);
	if (want == EAP_PEER_SUCCESS)
		check_same_keys(eap_peer_result(p), s, c->method != EAP_PEER_METHOD_PEAP);
	ts_end(s);
	eap_peer_free(p);
}

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
	check_same_keys(r, &s, true);
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

	run_tls(TLS1_3_VERSION, &c, NULL, ctx, &s, EAP_PEER_SUCCESS);
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
	run_tls(TLS1_3_VERSION, &c, NULL, ctx, &s, EAP_PEER_SUCCESS);
	SSL_CTX_free(ctx);
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
	check_same_keys(eap_peer_result(p), &s, m != EAP_PEER_METHOD_PEAP);
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

static const struct eap_peer_result *tunnel(enum eap_peer_method m, const char *phase2,
					    const char *peer_pw, const char *server_pw,
					    enum eap_peer_status want, struct test_server *s,
					    struct eap_peer **pp)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_3_VERSION);
	struct eap_peer_config c = cfg_base(m);
	struct eap_peer *p;

	c.phase2 = phase2;
	c.password = peer_pw;
	p = eap_peer_new(&c, NULL);
	ck_assert_ptr_nonnull(p);
	ts_begin(s, (uint8_t)m, ctx);
	s->user = "alice";
	s->password = server_pw;
	ck_assert_int_eq(run(p, s, NULL), want);
	/* the outer identity is the anonymous one, the inner one never leaves the tunnel */
	ck_assert_str_eq(s->identity, "anonymous");
	/* PEAP/TTLS keep TLS 1.2 unless phase1 enables 1.3 (wpa_supplicant 2.10 default) */
	if (want == EAP_PEER_SUCCESS) {
		ck_assert_int_eq(s->tls_version, TLS1_2_VERSION);
		check_same_keys(eap_peer_result(p), s, m != EAP_PEER_METHOD_PEAP);
	}
	ts_end(s);
	SSL_CTX_free(ctx);
	*pp = p;
	return eap_peer_result(p);
}

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
	tunnel(EAP_PEER_METHOD_PEAP, NULL, secret, PASSWORD, EAP_PEER_SUCCESS, &s, &p);
	eap_peer_free(p);
}
END_TEST

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

START_TEST(test_prompts_identity_then_password)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct prompts pr = { 0, 0, "alice", PASSWORD };
	static struct test_server s;
	struct eap_peer *p;

	c.identity = NULL;
	c.anonymous_identity = NULL;
	c.password = NULL;
	p = eap_peer_new(&c, NULL);
	ts_begin(&s, 25, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, &pr), EAP_PEER_SUCCESS);
	ck_assert_int_eq(pr.identity, 1);
	ck_assert_int_eq(pr.password, 1);
	ck_assert_str_eq(s.identity, "alice");
	check_same_keys(eap_peer_result(p), &s, false);
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

/* IEEE 802.1X-2010 8.5.9: startWhen expiry re-sends EAPOL-Start up to maxStart, then gives up. */
START_TEST(test_eapol_start_retries_then_failure)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	struct eap_peer *p;
	const uint8_t *tx;
	size_t len;
	int starts = 0;
	enum eap_peer_status st;

	c.start_period_ms = 1500;
	p = eap_peer_new(&c, NULL);
	st = eap_peer_start(p);
	for (;;) {
		tx = eap_peer_tx(p, &len);
		if (st != EAP_PEER_CONTINUE)
			break;
		ck_assert_ptr_nonnull(tx);
		ck_assert_uint_eq(len, 4);
		ck_assert_uint_eq(tx[0], 2);
		ck_assert_uint_eq(tx[1], 1);
		ck_assert_uint_eq(tx[2] | tx[3], 0);
		ck_assert_uint_eq(eap_peer_timeout_ms(p), 1500);
		starts++;
		ck_assert_int_le(starts, 3);
		st = eap_peer_timeout(p);
	}
	ck_assert_int_eq(starts, 3);
	ck_assert_int_eq(st, EAP_PEER_FAILURE);
	ck_assert_ptr_null(tx);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_NO_AUTHENTICATOR);
	ck_assert_uint_eq(eap_peer_timeout_ms(p), 0);
	eap_peer_free(p);
}
END_TEST

static const uint8_t *peer_feed(struct eap_peer *p, const uint8_t *pdu, size_t len,
				enum eap_peer_status want, size_t *out_len)
{
	ck_assert_int_eq(eap_peer_rx(p, pdu, len), want);
	return eap_peer_tx(p, out_len);
}

/* Legacy Nak naming our method; then the server gives up: "no common method". */
START_TEST(test_nak_proposes_configured_method)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static const uint8_t ident[] = { 2, 0, 0, 5, 1, 7, 0, 5, 1 };
	static const uint8_t md5[] = { 2, 0, 0, 10, 1, 8, 0, 10, 4, 4, 1, 2, 3, 4 };
	static const uint8_t fail[] = { 2, 0, 0, 4, 4, 8, 0, 4 };
	const uint8_t *tx;
	size_t len;

	eap_peer_start(p);
	tx = peer_feed(p, ident, sizeof(ident), EAP_PEER_CONTINUE, &len);
	ck_assert_uint_eq(len, 4 + 5 + 9);
	ck_assert_mem_eq(tx + 4, "\x02\x07\x00\x0e\x01" "anonymous", 14);
	tx = peer_feed(p, md5, sizeof(md5), EAP_PEER_CONTINUE, &len);
	ck_assert_uint_eq(len, 4 + 6);
	ck_assert_mem_eq(tx, "\x02\x00\x00\x06\x02\x08\x00\x06\x03\x19", 10); /* Nak, PEAP (25) */
	/* a retransmitted request gets the same answer (RFC 4137 4.4) */
	tx = peer_feed(p, md5, sizeof(md5), EAP_PEER_CONTINUE, &len);
	ck_assert_mem_eq(tx, "\x02\x00\x00\x06\x02\x08\x00\x06\x03\x19", 10);
	tx = peer_feed(p, fail, sizeof(fail), EAP_PEER_FAILURE, &len);
	ck_assert_ptr_null(tx);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_METHOD_REFUSED);
	ck_assert_str_eq(eap_peer_result(p)->text,
			 "no common EAP method: the server offered MD5, we want PEAP");
	eap_peer_free(p);
}
END_TEST

/* EAP-Success must not short-cut the method (RFC 4137 decision FAIL). */
START_TEST(test_early_success_refused)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TTLS);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static const uint8_t ident[] = { 1, 0, 0, 5, 1, 7, 0, 5, 1 };
	static const uint8_t start[] = { 1, 0, 0, 6, 1, 8, 0, 6, 21, 0x20 };
	static const uint8_t succ[] = { 1, 0, 0, 4, 3, 8, 0, 4 };
	const uint8_t *tx;
	size_t len;

	eap_peer_start(p);
	tx = peer_feed(p, ident, sizeof(ident), EAP_PEER_CONTINUE, &len);
	ck_assert_uint_eq(tx[0], 1); /* we answer with the authenticator's EAPOL version */
	tx = peer_feed(p, start, sizeof(start), EAP_PEER_CONTINUE, &len);
	ck_assert_ptr_nonnull(tx);
	ck_assert_uint_eq(tx[8], 21);      /* TTLS */
	ck_assert_uint_eq(tx[9] & 0x07, 0); /* version 0 */
	ck_assert_int_gt(len, 20);          /* a ClientHello */
	tx = peer_feed(p, succ, sizeof(succ), EAP_PEER_FAILURE, &len);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_SERVER_AUTH);
	ck_assert_uint_eq(eap_peer_result(p)->msk_len, 0);
	eap_peer_free(p);
}
END_TEST

/* Garbage, truncated frames, EAPOL-Key and responses are ignored without a reply. */
START_TEST(test_malformed_input_ignored)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static const uint8_t bad[][12] = {
		{ 2, 0, 0, 9, 1, 7, 0, 5 },        /* EAPOL length beyond the frame */
		{ 2, 0, 0, 4, 1, 7, 0, 9 },        /* EAP length beyond the body */
		{ 2, 0, 0, 4, 1, 7, 0, 3 },        /* EAP length below the header */
		{ 2, 3, 0, 4, 1, 7, 0, 4 },        /* EAPOL-Key */
		{ 2, 0, 0, 5, 2, 7, 0, 5, 1 },     /* a Response */
		{ 2, 0, 0, 4, 9, 7, 0, 4 },        /* unknown code */
		{ 0, 0, 0, 4, 1, 7, 0, 4 },        /* EAPOL version 0 */
	};
	static const size_t lens[] = { 8, 8, 8, 8, 9, 8, 8 };
	size_t len;

	eap_peer_start(p);
	eap_peer_tx(p, &len);
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		ck_assert_int_eq(eap_peer_rx(p, bad[i], lens[i]), EAP_PEER_CONTINUE);
		ck_assert_ptr_null(eap_peer_tx(p, &len));
	}
	ck_assert_int_eq(eap_peer_rx(p, NULL, 0), EAP_PEER_CONTINUE);
	eap_peer_free(p);
}
END_TEST

START_TEST(test_logoff_and_silence)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static const uint8_t ident[] = { 2, 0, 0, 5, 1, 7, 0, 5, 1 };
	const uint8_t *tx;
	size_t len;

	eap_peer_start(p);
	peer_feed(p, ident, sizeof(ident), EAP_PEER_CONTINUE, &len);
	ck_assert_uint_eq(eap_peer_timeout_ms(p), 30000); /* authPeriod */
	ck_assert_int_eq(eap_peer_timeout(p), EAP_PEER_FAILURE);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_TIMEOUT);
	/* a new Identity request starts over (reauthentication) */
	peer_feed(p, ident, sizeof(ident), EAP_PEER_CONTINUE, &len);
	ck_assert_int_eq(eap_peer_logoff(p), EAP_PEER_FAILURE);
	tx = eap_peer_tx(p, &len);
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_eq(tx[1], 2);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_LOGOFF);
	eap_peer_free(p);
}
END_TEST

START_TEST(test_bad_config)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	static struct test_server s;
	struct eap_peer *p;

	c.method = (enum eap_peer_method)4;
	ck_assert_ptr_null(eap_peer_new(&c, NULL));
	c = cfg_base(EAP_PEER_METHOD_PEAP);
	c.phase2 = "auth=GTC";
	p = eap_peer_new(&c, NULL);
	ts_begin(&s, 25, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_FAILURE);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_CONFIG);
	ck_assert_ptr_nonnull(strstr(eap_peer_result(p)->text, "auth=GTC"));
	ts_end(&s);
	eap_peer_free(p);
	c = cfg_base(EAP_PEER_METHOD_PEAP);
	c.ca_cert = "/nonexistent/ca.pem";
	p = eap_peer_new(&c, NULL);
	ts_begin(&s, 25, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_FAILURE);
	ck_assert_ptr_nonnull(strstr(eap_peer_result(p)->text, "cannot load ca_cert /nonexistent/ca.pem"));
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("eap-peer");
	TCase *tc = tcase_create("e2e");
	SRunner *sr;
	int failed;

	test_pki_make(&pki);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_eap_tls12);
	tcase_add_test(tc, test_eap_tls13);
	tcase_add_test(tc, test_eap_tls_small_fragments);
	tcase_add_test(tc, test_eap_tls12_resumption);
	tcase_add_test(tc, test_eap_tls13_resumption);
	tcase_add_test(tc, test_peap_resumption);
	tcase_add_test(tc, test_ttls_resumption);
	tcase_add_test(tc, test_peap_mschapv2_good);
	tcase_add_test(tc, test_peap_mschapv2_wrong_password);
	tcase_add_test(tc, test_peap_mschapv2_hash_password);
	tcase_add_test(tc, test_ttls_pap_good_and_wrong);
	tcase_add_test(tc, test_ttls_mschapv2_good_and_wrong);
	tcase_add_test(tc, test_wrong_ca_refused);
	tcase_add_test(tc, test_wrong_domain_refused);
	tcase_add_test(tc, test_cn_fallback);
	tcase_add_test(tc, test_no_ca_is_unverified);
	tcase_add_test(tc, test_client_key_bad_passphrase);
	tcase_add_test(tc, test_prompts_identity_then_password);
	tcase_add_test(tc, test_eapol_start_retries_then_failure);
	tcase_add_test(tc, test_nak_proposes_configured_method);
	tcase_add_test(tc, test_early_success_refused);
	tcase_add_test(tc, test_malformed_input_ignored);
	tcase_add_test(tc, test_logoff_and_silence);
	tcase_add_test(tc, test_bad_config);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	test_pki_remove(&pki);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
