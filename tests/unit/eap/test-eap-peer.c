// SPDX-License-Identifier: BSD-3-Clause
/* The peer state machine: PAE timers (EAPOL-Start retries, authPeriod), identity/password
 * prompts, Nak, Success/Failure acceptance, malformed input, logoff, bad configuration. */
#include "test-e2e.h"

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
	check_same_keys(eap_peer_result(p), &s);
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

/* eap=PEAP TTLS: the Nak names both, ours first (RFC 3748 5.3.1), and so does the failure. */
START_TEST(test_nak_lists_every_method)
{
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	static const uint8_t ident[] = { 2, 0, 0, 5, 1, 7, 0, 5, 1 };
	static const uint8_t tls[] = { 2, 0, 0, 6, 1, 8, 0, 6, 13, 0x20 };
	static const uint8_t fail[] = { 2, 0, 0, 4, 4, 8, 0, 4 };
	struct eap_peer *p;
	const uint8_t *tx;
	size_t len;

	c.more_methods[0] = EAP_PEER_METHOD_TTLS;
	p = eap_peer_new(&c, NULL);
	eap_peer_start(p);
	peer_feed(p, ident, sizeof(ident), EAP_PEER_CONTINUE, &len);
	tx = peer_feed(p, tls, sizeof(tls), EAP_PEER_CONTINUE, &len);
	ck_assert_uint_eq(len, 4 + 7);
	ck_assert_mem_eq(tx, "\x02\x00\x00\x07\x02\x08\x00\x07\x03\x19\x15", 11);
	tx = peer_feed(p, fail, sizeof(fail), EAP_PEER_FAILURE, &len);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_METHOD_REFUSED);
	ck_assert_str_eq(eap_peer_result(p)->text,
			 "no common EAP method: the server offered TLS, we want PEAP or TTLS");
	ck_assert_uint_eq(eap_peer_result(p)->method, 0);
	eap_peer_free(p);
}
END_TEST

/*
 * A peer for method then more against a server running type, which proposes offer_first
 * before it (0: none), as hostapd's user list does: the outer method that authenticated.
 */
static uint8_t run_method_list(enum eap_peer_method method, uint8_t more, uint8_t type,
			       uint8_t offer_first, struct test_server *s)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	struct eap_peer *p;
	uint8_t ran;

	c.method = method;
	c.more_methods[0] = more;
	/* what TLS needs to stay in the list; the tunnelled methods send no certificate */
	c.client_cert = pki.client;
	c.private_key = pki.client_key;
	c.private_key_passwd = TEST_KEY_PASS;
	p = eap_peer_new(&c, NULL);
	ts_begin(s, type, ctx);
	s->offer_first = offer_first;
	s->user = "alice";
	s->password = PASSWORD;
	ck_assert_int_eq(run(p, s, NULL), EAP_PEER_SUCCESS);
	check_same_keys(eap_peer_result(p), s);
	ran = eap_peer_result(p)->method;
	ts_end(s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
	return ran;
}

/* eap=TTLS PEAP against a server that proposes PEAP: its choice among ours runs, no Nak. */
START_TEST(test_server_chooses_among_our_methods)
{
	static struct test_server s;

	ck_assert_uint_eq(run_method_list(EAP_PEER_METHOD_TTLS, EAP_PEER_METHOD_PEAP, 25, 0, &s),
			  25);
	ck_assert_uint_eq(s.nak_len, 0);
}
END_TEST

/*
 * eap=TLS TTLS against a server whose list is PEAP, then TTLS (hostapd's "PEAP,TTLS" user):
 * the Nak names TLS and TTLS, and the server goes on with TTLS, which authenticates.
 */
START_TEST(test_nak_then_the_servers_next_method)
{
	static struct test_server s;

	ck_assert_uint_eq(run_method_list(EAP_PEER_METHOD_TLS, EAP_PEER_METHOD_TTLS, 21, 25, &s),
			  21);
	ck_assert_uint_eq(s.nak_len, 2);
	ck_assert_mem_eq(s.nak, "\x0d\x15", 2);
}
END_TEST

/*
 * eap=PEAP TLS without a client certificate: TLS is left out, so a server that wants TLS
 * gets a Nak naming PEAP alone and no handshake authenticates us as no one; eap=TLS alone
 * without one fails before any handshake.
 */
START_TEST(test_tls_without_certificate_never_runs)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	static struct test_server s;
	struct eap_peer *p;

	c.more_methods[0] = EAP_PEER_METHOD_TLS;
	p = eap_peer_new(&c, NULL);
	ck_assert_str_eq(eap_peer_left_out(p), "TLS: no client_cert configured");
	ts_begin(&s, 13, ctx);
	s.offer_first = 13;
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_FAILURE);
	ck_assert_uint_eq(s.nak_len, 1);
	ck_assert_uint_eq(s.nak[0], 25);
	ck_assert_str_eq(eap_peer_result(p)->text,
			 "no common EAP method: the server offered TLS, we want PEAP");
	ts_end(&s);
	eap_peer_free(p);
	c = cfg_base(EAP_PEER_METHOD_PEAP);
	c.method = EAP_PEER_METHOD_TLS;
	p = eap_peer_new(&c, NULL);
	ck_assert_str_eq(eap_peer_left_out(p), ""); /* alone: it stays, and fails */
	ts_begin(&s, 13, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_FAILURE);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_CONFIG);
	ck_assert_str_eq(eap_peer_result(p)->text, "TLS: no client_cert configured");
	ck_assert(!s.hs_done);
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

/*
 * eap=PEAP TTLS with phase2="auth=PAP": PEAP's phase 2 is MS-CHAPv2 only, so PEAP is left out
 * and named with why; a server that proposes PEAP, then TTLS (hostapd's "PEAP,TTLS" user),
 * gets a Nak naming TTLS alone and TTLS/PAP authenticates. When nothing of a list can run
 * (TLS without a certificate, PEAP with PAP), the start fails at once saying why, sends
 * nothing, and answers nothing after (not even a new Identity request).
 */
START_TEST(test_method_the_settings_cannot_run_left_out)
{
	/* EAPOL v2, EAP-Request/Identity, id 1 */
	static const uint8_t identity_req[] = { 2, 0, 0, 5, 1, 1, 0, 5, 1 };
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	static struct test_server s;
	struct eap_peer *p;
	size_t len;

	c.more_methods[0] = EAP_PEER_METHOD_TTLS;
	c.phase2 = "auth=PAP";
	p = eap_peer_new(&c, NULL);
	ck_assert_str_eq(eap_peer_left_out(p),
			 "PEAP: phase2 auth=PAP is not supported (auth=MSCHAPV2 only)");
	ts_begin(&s, 21, ctx);
	s.offer_first = 25;
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert_uint_eq(s.nak_len, 1);
	ck_assert_uint_eq(s.nak[0], 21);
	ck_assert_uint_eq(eap_peer_result(p)->method, 21);
	ck_assert_str_eq(eap_peer_result(p)->text, "TTLS/PAP: success");
	check_same_keys(eap_peer_result(p), &s);
	ts_end(&s);
	eap_peer_free(p);
	c = cfg_base(EAP_PEER_METHOD_PEAP);
	c.method = EAP_PEER_METHOD_TLS;
	c.more_methods[0] = EAP_PEER_METHOD_PEAP;
	c.phase2 = "auth=PAP";
	p = eap_peer_new(&c, NULL);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(eap_peer_left_out(p), "TLS: no client_cert configured; PEAP: phase2 "
			 "auth=PAP is not supported (auth=MSCHAPV2 only)");
	ck_assert_int_eq(eap_peer_start(p), EAP_PEER_FAILURE);
	ck_assert_int_eq(eap_peer_result(p)->reason, EAP_PEER_REASON_CONFIG);
	ck_assert_str_eq(eap_peer_result(p)->text,
			 "no method of the list can run with this network's settings: TLS: no "
			 "client_cert configured; PEAP: phase2 auth=PAP is not supported "
			 "(auth=MSCHAPV2 only)");
	ck_assert_ptr_null(eap_peer_tx(p, &len));
	ck_assert_int_eq(eap_peer_rx(p, identity_req, sizeof(identity_req)), EAP_PEER_FAILURE);
	ck_assert_ptr_null(eap_peer_tx(p, &len));
	eap_peer_free(p);
	/* TTLS's own: a phase 2 it does not run (PEAP's autheap=MSCHAPV2), PAP with a hash */
	c = cfg_base(EAP_PEER_METHOD_TTLS);
	c.more_methods[0] = EAP_PEER_METHOD_PEAP;
	c.phase2 = "autheap=MSCHAPV2";
	p = eap_peer_new(&c, NULL);
	ck_assert_str_eq(eap_peer_left_out(p), "TTLS: phase2 autheap=MSCHAPV2 is not supported "
			 "(auth=PAP or auth=MSCHAPV2)");
	eap_peer_free(p);
	c.phase2 = "auth=PAP";
	c.password = "hash:8846f7eaee8fb117ad06bdd830b7586c";
	c.password_is_hash = true;
	c.more_methods[0] = EAP_PEER_METHOD_TLS;
	c.client_cert = pki.client;
	c.private_key = pki.client_key;
	c.private_key_passwd = TEST_KEY_PASS;
	p = eap_peer_new(&c, NULL);
	ck_assert_str_eq(eap_peer_left_out(p), "TTLS/PAP: needs the password, not a hash:");
	eap_peer_free(p);
	/* phase1 peapver=1 (PEAPv1, which we do not run) leaves PEAP out as well */
	c = cfg_base(EAP_PEER_METHOD_PEAP);
	c.more_methods[0] = EAP_PEER_METHOD_TTLS;
	c.phase1 = "peapver=1";
	p = eap_peer_new(&c, NULL);
	ck_assert_str_eq(eap_peer_left_out(p), "PEAP: only peapver=0 is supported");
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

/*
 * eap=PEAP TTLS: PEAP authenticates, then the authenticator reauthenticates with a new
 * Identity request and TTLS; the list still holds, TTLS runs in full (the PEAP session is not
 * resumed under another method) and both sides agree on its keys.
 */
START_TEST(test_reauthentication_with_another_listed_method)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	struct eap_session_cache *cache = eap_session_cache_new();
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	static struct test_server s, again;
	struct eap_peer *p;

	c.more_methods[0] = EAP_PEER_METHOD_TTLS;
	p = eap_peer_new(&c, cache);
	ts_begin(&s, 25, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_peer_result(p)->method, 25);
	ts_end(&s);
	ts_begin(&again, 21, ctx);
	again.user = "alice";
	again.password = PASSWORD;
	ck_assert_int_eq(run_on(p, &again, NULL), EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_peer_result(p)->method, 21);
	ck_assert(!eap_peer_result(p)->resumed);
	ck_assert(!again.resumed);
	check_same_keys(eap_peer_result(p), &again);
	ts_end(&again);
	eap_peer_free(p);
	eap_session_cache_free(cache);
	SSL_CTX_free(ctx);
}
END_TEST

/* RFC 4137 4.4: once PEAP runs, a request for TTLS, though listed, is discarded unanswered. */
START_TEST(test_other_listed_method_discarded_while_one_runs)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_PEAP);
	static struct test_server s;
	uint8_t hello[2048], ttls[] = { 2, 0, 0, 6, 1, 0, 0, 6, 21, 0x20 };
	struct eap_peer *p;
	const uint8_t *tx;
	size_t len, hello_len;

	c.more_methods[0] = EAP_PEER_METHOD_TTLS;
	p = eap_peer_new(&c, NULL);
	ts_begin(&s, 25, ctx);
	s.user = "alice";
	s.password = PASSWORD;
	eap_peer_start(p);
	tx = eap_peer_tx(p, &len);
	ck_assert(ts_rx(&s, tx, len));
	ck_assert_int_eq(eap_peer_rx(p, s.tx, s.tx_len), EAP_PEER_CONTINUE); /* Identity */
	tx = eap_peer_tx(p, &len);
	ck_assert(ts_rx(&s, tx, len));
	ck_assert_int_eq(eap_peer_rx(p, s.tx, s.tx_len), EAP_PEER_CONTINUE); /* PEAP start */
	tx = eap_peer_tx(p, &len);
	ck_assert_ptr_nonnull(tx);
	ck_assert_uint_le(len, sizeof(hello));
	memcpy(hello, tx, len);
	hello_len = len;
	ttls[5] = (uint8_t)(s.id + 1);
	ck_assert_int_eq(eap_peer_rx(p, ttls, sizeof(ttls)), EAP_PEER_CONTINUE);
	ck_assert_ptr_null(eap_peer_tx(p, &len));
	ck_assert(ts_rx(&s, hello, hello_len));
	ck_assert_int_eq(run_on(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert_uint_eq(eap_peer_result(p)->method, 25);
	check_same_keys(eap_peer_result(p), &s);
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
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
	c.more_methods[0] = 4; /* MD5: not ours */
	ck_assert_ptr_null(eap_peer_new(&c, NULL));
	c.more_methods[0] = EAP_PEER_METHOD_TTLS;
	c.more_methods[1] = EAP_PEER_METHOD_PEAP; /* twice */
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

#define TEST_LIST(X) X(test_prompts_identity_then_password) \
	X(test_eapol_start_retries_then_failure) X(test_nak_proposes_configured_method) \
	X(test_nak_lists_every_method) X(test_server_chooses_among_our_methods) \
	X(test_nak_then_the_servers_next_method) X(test_tls_without_certificate_never_runs) \
	X(test_method_the_settings_cannot_run_left_out) \
	X(test_reauthentication_with_another_listed_method) \
	X(test_other_listed_method_discarded_while_one_runs) \
	X(test_early_success_refused) \
	X(test_malformed_input_ignored) X(test_logoff_and_silence) X(test_bad_config)
E2E_MAIN("eap-peer")
