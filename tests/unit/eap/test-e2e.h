/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by the end-to-end tests (header-only: each test is one program): the run-time PKI,
 * a base configuration per method, and the loop that shuttles PDUs between the peer and the
 * in-process test server (test-server.h).
 */
#ifndef EAP_TEST_E2E_H
#define EAP_TEST_E2E_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "eap/eap-peer.h"
#include "test-certs.h"
#include "test-server.h"

static struct test_pki pki;

#define PASSWORD "correct horse"

static inline struct eap_peer_config cfg_base(enum eap_peer_method m)
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

/* Shuttle PDUs from the server's pending one (s->tx) until the peer ends. */
static inline enum eap_peer_status run_on(struct eap_peer *p, struct test_server *s,
					  struct prompts *pr)
{
	const uint8_t *tx;
	size_t len;
	enum eap_peer_status st = EAP_PEER_CONTINUE;

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

/* Shuttle PDUs until the peer ends; returns the peer's final status. */
static inline enum eap_peer_status run(struct eap_peer *p, struct test_server *s,
				       struct prompts *pr)
{
	const uint8_t *tx;
	size_t len;

	ck_assert_int_eq(eap_peer_start(p), EAP_PEER_CONTINUE);
	tx = eap_peer_tx(p, &len);
	ck_assert_ptr_nonnull(tx);
	ck_assert_uint_eq(len, 4);
	ck_assert_uint_eq(tx[1], 1); /* EAPOL-Start */
	ck_assert(ts_rx(s, tx, len));
	return run_on(p, s, pr);
}

/* Both sides hold the same MSK and EMSK (the server's from its own SSL_export_keying_material). */
static inline void check_same_keys(const struct eap_peer_result *r, const struct test_server *s)
{
	ck_assert(s->success);
	ck_assert_uint_eq(r->msk_len, 64);
	ck_assert_mem_eq(r->msk, s->msk, 64);
	if (s->bound) {
		ck_assert_uint_eq(r->emsk_len, 0);
		return;
	}
	ck_assert_uint_eq(r->emsk_len, 64);
	ck_assert_mem_eq(r->emsk, s->emsk, 64);
}

/* One run of c against a server context; on success both MSKs (and EMSKs) must agree. */
static inline void run_tls(struct eap_peer_config *c, struct eap_session_cache *cache,
			   SSL_CTX *ctx, struct test_server *s, enum eap_peer_status want)
{
	struct eap_peer *p = eap_peer_new(c, cache);

	ck_assert_ptr_nonnull(p);
	ts_begin(s, (uint8_t)c->method, ctx);
	ck_assert_int_eq(run(p, s, NULL), want);
	if (want == EAP_PEER_SUCCESS)
		check_same_keys(eap_peer_result(p), s);
	ts_end(s);
	eap_peer_free(p);
}

static const char *tunnel_phase1;
static bool tunnel_binding, tunnel_bad_mac; /* PEAP server sends a (tampered) Crypto-Binding TLV */
static uint8_t tunnel_recv_version;         /* ... with this RecvVersion */
static bool tunnel_pw_hash;                 /* the peer's password is the hash: form */

static inline const struct eap_peer_result *tunnel(enum eap_peer_method m, const char *phase2,
					    const char *peer_pw, const char *server_pw,
					    enum eap_peer_status want, struct test_server *s,
					    struct eap_peer **pp)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_3_VERSION);
	struct eap_peer_config c = cfg_base(m);
	struct eap_peer *p;

	c.phase1 = tunnel_phase1;
	c.phase2 = phase2;
	c.password = peer_pw;
	c.password_is_hash = tunnel_pw_hash;
	p = eap_peer_new(&c, NULL);
	ck_assert_ptr_nonnull(p);
	ts_begin(s, (uint8_t)m, ctx);
	s->user = "alice";
	s->password = server_pw;
	s->binding = tunnel_binding;
	s->bad_binding_mac = tunnel_bad_mac;
	s->binding_recv_version = tunnel_recv_version;
	ck_assert_int_eq(run(p, s, NULL), want);
	/* the outer identity is the anonymous one, the inner one never leaves the tunnel */
	ck_assert_str_eq(s->identity, "anonymous");
	/* PEAP/TTLS keep TLS 1.2 unless phase1 enables 1.3 (wpa_supplicant 2.10 default) */
	if (want == EAP_PEER_SUCCESS) {
		ck_assert_int_eq(s->tls_version,
				 tunnel_phase1 && strstr(tunnel_phase1, "tls_disable_tlsv1_3=0") ?
					 TLS1_3_VERSION : TLS1_2_VERSION);
		check_same_keys(eap_peer_result(p), s);
	}
	ts_end(s);
	SSL_CTX_free(ctx);
	*pp = p;
	return eap_peer_result(p);
}

#define E2E_ADD(t) tcase_add_test(tc, t);
#define E2E_MAIN(suite_name)                                       \
	int main(void)                                             \
	{                                                          \
		Suite *s = suite_create(suite_name);               \
		TCase *tc = tcase_create("e2e");                   \
		SRunner *sr;                                       \
		int failed;                                        \
		test_pki_make(&pki);                               \
		tcase_set_timeout(tc, 30);                         \
		TEST_LIST(E2E_ADD)                                 \
		suite_add_tcase(s, tc);                            \
		sr = srunner_create(s);                            \
		srunner_run_all(sr, CK_NORMAL);                    \
		failed = srunner_ntests_failed(sr);                \
		srunner_free(sr);                                  \
		test_pki_remove(&pki);                             \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;       \
	}

#endif
