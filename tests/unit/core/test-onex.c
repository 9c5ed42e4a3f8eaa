// SPDX-License-Identifier: BSD-3-Clause
/*
 * The host's 802.1X module (src/core/onex.c) over the simulated driver, driven by a plugin
 * that uses it as a Windows extension would (tests/plugins/tp-onex.c), against the
 * in-process EAP server of the EAP room's tests (tests/unit/eap/test-server.h): contract
 * rules 58-60, the MSK in the MPPE keys, credentials asked through ui_request.
 */
#include "tests/unit/core/conformance.h"

#include "eap/eap-peer.h"
#include "tests/unit/eap/test-certs.h"
#include "tests/unit/eap/test-server.h"

#define PASSWORD "correct horse"

static struct test_pki pki;
static struct test_server srv;
static SSL_CTX *srv_ctx;
static size_t srv_seen;
static struct ihv_onex_config cfg;
static uint8_t srv_type, srv_offer_first; /* the server's method, and one it proposes first */

static void onex_setup(void)
{
	test_pki_make(&pki);
	srv_ctx = ts_ctx_new(pki.server, pki.server_key, NULL, TLS1_3_VERSION);
	ck_assert_ptr_nonnull(srv_ctx);
	memset(&cfg, 0, sizeof(cfg));
	cfg.methods[0] = IHV_ONEX_EAP_PEAP;
	cfg.identity = "alice";
	cfg.anonymous_identity = "anonymous";
	cfg.password = PASSWORD;
	cfg.ca_cert = pki.ca;
	cfg.domain_suffix_match = "example.com";
	cfg.network = "SSID ihvd-test";
	cfg.start_period_ms = 5000; /* rule 58's test shortens it */
	srv_seen = 0;
	srv_type = 25;
	srv_offer_first = 0;
}

static void onex_teardown(void)
{
	ts_end(&srv);
	SSL_CTX_free(srv_ctx);
	test_pki_remove(&pki);
}

static size_t eapol_tx_count(uint8_t type)
{
	size_t i, n = 0;

	for (i = 0; i < sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX); i++)
		if (sim_drv_call(X.sim, SIM_OP_EAPOL_TX, i)->frame[1] == type)
			n++;
	return n;
}

/* The AP's side: each EAP packet the host sent goes to the server, its answer comes back. */
static void pump(void)
{
	int i;

	for (i = 0; i < 600; i++) {
		size_t n;

		hx_run(&X, 5);
		n = sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX);
		if (srv_seen == n)
			return;
		while (srv_seen < n) {
			const struct sim_call *c = sim_drv_call(X.sim, SIM_OP_EAPOL_TX, srv_seen++);

			ck_assert_mem_eq(c->dst, hx_ap_mac, 6);
			ck_assert_uint_eq(c->ethertype, 0x888e);
			if (c->frame[1] == 1)
				continue; /* EAPOL-Start: the server already sent its Identity request */
			ck_assert_msg(!srv.done, "the host answered after the server finished");
			ck_assert_msg(ts_rx(&srv, c->frame, c->frame_len), "server refused a packet");
			sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e, srv.tx, srv.tx_len,
					     true);
		}
	}
	ck_abort_msg("no end to the EAP conversation");
}

/* Through association with StartOneX in PerformPostAssociate; the server opens (Identity). */
static void onex_begin(const char *user, const char *server_pw)
{
	hx_open(&X, "tp-onex");
	X.onex = &cfg;
	hx_start(&X, "tp-onex");
	hx_to_port(&X);
	ck_assert_uint_eq(X.tp->rc_onex_start, ERROR_SUCCESS);
	/* the AP speaks first, as hostapd does: the held EAPOL-Start is never sent */
	ts_begin(&srv, srv_type, srv_ctx);
	srv.offer_first = srv_offer_first;
	srv.user = user;
	srv.password = server_pw;
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e, srv.tx, srv.tx_len, true);
}

START_TEST(test_rule_58_three_eapol_starts_then_failure)
{
	cfg.start_period_ms = 40;
	hx_open(&X, "tp-onex");
	X.onex = &cfg;
	hx_start(&X, "tp-onex");
	hx_to_port(&X);
	ck_assert_uint_eq(X.tp->rc_onex_start, ERROR_SUCCESS);
	hx_run_ms(&X, 400); /* 3 x 40 ms start period, nobody answers */
	ck_assert_uint_eq(eapol_tx_count(1), 3);
	ck_assert_int_eq(X.tp->n_onex, 1);
	ck_assert_int_eq(X.tp->onex_result, DOT11_MSONEX_FAILURE);
	ck_assert_uint_eq(X.tp->onex_status, OneXAuthNoAuthenticatorFound);
	ck_assert_uint_eq(X.tp->mppe_recv_len, 0);
	ck_assert(strstr(X.onex_ev, "failure:") != NULL);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_60_success_carries_the_msk)
{
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert(srv.success);
	ck_assert_int_eq(X.tp->n_onex, 1);
	ck_assert_str_eq(X.tp->onex_log, "S");
	ck_assert_uint_eq(X.tp->onex_status, OneXAuthSuccess);
	ck_assert_uint_eq(X.tp->onex_reason, ONEX_REASON_CODE_SUCCESS);
	/* IEEE 802.11-2020 12.7.1.3: the PMK is the first 256 bits of the MSK */
	ck_assert_uint_eq(X.tp->mppe_recv_len, 32);
	ck_assert_mem_eq(X.tp->mppe_recv, srv.msk, 32);
	ck_assert_uint_eq(X.tp->mppe_send_len, 32);
	ck_assert_mem_eq(X.tp->mppe_send, srv.msk + 32, 32);
	ck_assert_str_eq(srv.identity, "anonymous");
	ck_assert(strstr(X.onex_ev, "started:PEAP method:PEAP success:PEAP/MSCHAPv2") != NULL);
	/* no EAPOL-Start on top of the AP's conversation (it would restart it) */
	hx_run_ms(&X, 400);
	ck_assert_uint_eq(eapol_tx_count(1), 0);
	ck_assert(!hx_log_has(PASSWORD));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_60_failure_names_method_and_outcome)
{
	onex_begin("alice", "another password");
	pump();
	ck_assert(!srv.success);
	ck_assert_str_eq(X.tp->onex_log, "F");
	ck_assert_uint_eq(X.tp->onex_status, OneXAuthFailure);
	ck_assert_uint_eq(X.tp->onex_reason, ONEX_EAP_FAILURE_RECEIVED);
	ck_assert_uint_ne(X.tp->onex_eap_reason, 0);
	ck_assert_uint_eq(X.tp->mppe_recv_len, 0);
	ck_assert(hx_log_has("PEAP/MSCHAPv2: authentication failed (E=691)"));
	ck_assert(strstr(X.onex_ev, "failure:PEAP/MSCHAPv2: authentication failed") != NULL);
	/* one conversation, no retry of its own */
	hx_run_ms(&X, 200);
	ck_assert_int_eq(X.tp->n_onex, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_59_key_frames_and_stop)
{
	onex_begin("alice", PASSWORD);
	hx_run(&X, 5);
	/* EAPOL-Key (type 3) is the plugin's own */
	ck_assert_uint_eq(API.Dot11ExtProcessSecurityPacket(X.tp->svc, 8,
							    "\x02\x03\x00\x04\x00\x00\x00\x00"),
			  ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 59"));
	ck_assert_uint_eq(API.Dot11ExtProcessSecurityPacket(X.tp->svc, 3, "\x02\x00\x00"),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_INVALID_STATE);
	ck_assert_uint_eq(API.Dot11ExtStopOneX(X.tp->svc), ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtStopOneX(X.tp->svc), ERROR_INVALID_STATE);
	ck_assert_uint_eq(API.Dot11ExtProcessSecurityPacket(X.tp->svc, 4, "\x02\x01\x00\x00"),
			  ERROR_INVALID_STATE);
	hx_run_ms(&X, 200);
	ck_assert_int_eq(X.tp->n_onex, 0); /* StopOneX ends it without a result */
	/* and it may start again on the same port */
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_SUCCESS);
	hx_run(&X, 5);
	hx_stop(&X);
}
END_TEST

START_TEST(test_onex_password_asked_and_answered)
{
	cfg.password = NULL;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_str_eq(X.ui_text[0], "PASSWORD:Password needed for SSID ihvd-test");
	ck_assert_int_eq(X.tp->n_onex, 0);
	/* a wrong GUID is not ours (nor the plugin's) */
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, (const uint8_t *)"0123456789abcdef",
						(const uint8_t *)"x", 1), -ENOENT);
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)PASSWORD,
						strlen(PASSWORD)), 0);
	pump();
	ck_assert_str_eq(X.tp->onex_log, "S");
	ck_assert_mem_eq(X.tp->mppe_recv, srv.msk, 32);
	/* answered once only */
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)PASSWORD,
						strlen(PASSWORD)), -ENOENT);
	ck_assert(!hx_log_has(PASSWORD));
	hx_stop(&X);
}
END_TEST

START_TEST(test_onex_identity_asked)
{
	cfg.identity = NULL;
	cfg.anonymous_identity = NULL;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_str_eq(X.ui_text[0], "IDENTITY:Identity needed for SSID ihvd-test");
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"alice", 5), 0);
	pump();
	ck_assert_str_eq(X.tp->onex_log, "S");
	hx_stop(&X);
}
END_TEST

START_TEST(test_onex_unanswered_request_times_out)
{
	cfg.password = NULL;
	cfg.ui_timeout_ms = 60;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_int_eq(X.n_ui, 1);
	hx_run_ms(&X, 200);
	ck_assert_str_eq(X.tp->onex_log, "F");
	ck_assert_uint_eq(X.tp->onex_reason, ONEX_UI_FAILURE);
	ck_assert(hx_log_has("no answer to the password request within"));
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"late", 4),
			 -ENOENT);
	hx_stop(&X);
}
END_TEST

/* Contract rule 60, one result per conversation: a failure while a credential request is open
 * withdraws the request, and its timer gives no second FAILURE. */
START_TEST(test_rule_60_failure_while_asking_is_the_only_result)
{
	static const uint8_t eap_failure[] = { 2, 0, 0, 4, 4, 0, 0, 4 };
	uint8_t pdu[sizeof(eap_failure)];

	cfg.password = NULL;
	cfg.ui_timeout_ms = 60;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_int_eq(X.tp->n_onex, 0);
	/* the authenticator gives up first (its own timeout): EAP-Failure with its last Id */
	memcpy(pdu, eap_failure, sizeof(pdu));
	pdu[5] = srv.id;
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e, pdu, sizeof(pdu), true);
	hx_run(&X, 5);
	ck_assert_str_eq(X.tp->onex_log, "F");
	ck_assert_uint_eq(X.tp->onex_reason, ONEX_EAP_FAILURE_RECEIVED);
	/* past the request's own deadline: still that one result */
	hx_run_ms(&X, 200);
	ck_assert_str_eq(X.tp->onex_log, "F");
	ck_assert_int_eq(X.tp->n_onex, 1);
	ck_assert(!hx_log_has("no answer to the password request within"));
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"late", 4),
			 -ENOENT);
	ck_assert(hx_log_has("the password request is withdrawn"));
	hx_stop(&X);
}
END_TEST

/* Contract rule 60: a reauthentication that begins by asking the user reports IN_PROGRESS
 * first; its own result (here the unanswered request's FAILURE) follows, once. */
START_TEST(test_rule_60_reauthentication_asking_reports_in_progress)
{
	static const uint8_t eap_failure[] = { 2, 0, 0, 4, 4, 0, 0, 4 };
	static const uint8_t identity_req[] = { 2, 0, 0, 5, 1, 0x77, 0, 5, 1 };
	uint8_t pdu[sizeof(eap_failure)];

	cfg.identity = NULL;
	cfg.anonymous_identity = NULL;
	cfg.ui_timeout_ms = 60;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_int_eq(X.n_ui, 1);
	memcpy(pdu, eap_failure, sizeof(pdu));
	pdu[5] = srv.id;
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e, pdu, sizeof(pdu), true);
	hx_run(&X, 5);
	ck_assert_str_eq(X.tp->onex_log, "F");
	/* the authenticator starts over: its Identity request asks the user again */
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e, identity_req,
			     sizeof(identity_req), true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 2);
	ck_assert_str_eq(X.tp->onex_log, "F P");
	hx_run_ms(&X, 200);
	ck_assert_str_eq(X.tp->onex_log, "F P F");
	ck_assert(hx_log_has("reauthentication started by the authenticator"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_onex_no_ca_refused_unless_opted_out)
{
	cfg.ca_cert = NULL;
	hx_open(&X, "tp-onex");
	X.onex = &cfg;
	hx_start(&X, "tp-onex");
	hx_to_port(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(eapol_tx_count(1), 0); /* refused before anything goes out */
	ck_assert_str_eq(X.tp->onex_log, "F");
	ck_assert_uint_eq(X.tp->onex_reason, ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES);
	ck_assert(hx_log_has("no ca_cert"));
	hx_stop(&X);

	cfg.unverified_ok = true;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_str_eq(X.tp->onex_log, "S");
	ck_assert(hx_log_has("will NOT be verified"));
	ck_assert(hx_log_has("WITHOUT verifying the server's certificate"));
	ck_assert(strstr(X.onex_ev, "unverified:") != NULL);
	hx_stop(&X);
}
END_TEST

START_TEST(test_onex_wrong_server_ca_refused)
{
	cfg.ca_cert = pki.ca2;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_str_eq(X.tp->onex_log, "F");
	ck_assert_uint_eq(X.tp->onex_reason, ONEX_EAP_FAILURE_RECEIVED);
	ck_assert_uint_eq(X.tp->onex_eap_reason, EAP_PEER_REASON_SERVER_UNTRUSTED);
	hx_stop(&X);
}
END_TEST

START_TEST(test_onex_ends_with_the_port)
{
	onex_begin("alice", PASSWORD);
	hx_run(&X, 5);
	ck_assert_int_eq(ihv_adapter_disconnect(X.a, 3), 0);
	hx_run(&X, 5);
	ck_assert_uint_eq(API.Dot11ExtProcessSecurityPacket(X.tp->svc, 4, "\x02\x01\x00\x00"),
			  ERROR_INVALID_STATE);
	hx_run_ms(&X, 200);
	ck_assert_int_eq(X.tp->n_onex, 0);
	hx_stop(&X);
}
END_TEST

/* One more full conversation on the same adapter, after a disconnect: true if it resumed. */
static bool onex_again(void)
{
	ck_assert_int_eq(ihv_adapter_disconnect(X.a, 3), 0);
	hx_run(&X, 5);
	ts_end(&srv);
	srv_seen = sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX);
	hx_to_port(&X);
	ck_assert_uint_eq(X.tp->rc_onex_start, ERROR_SUCCESS);
	ts_begin(&srv, 25, srv_ctx);
	srv.user = "alice";
	srv.password = PASSWORD;
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e, srv.tx, srv.tx_len, true);
	pump();
	ck_assert(srv.success);
	return srv.resumed;
}

/*
 * The EAP session cache outlives the connection: a full authentication on the next
 * connection to the same network resumes the TLS session (RFC 5246 7.3); a connection under
 * a changed configuration does not.
 */
START_TEST(test_onex_reconnect_resumes_tls_session)
{
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert(srv.success);
	ck_assert(!srv.resumed);
	ck_assert(onex_again());
	ck_assert(hx_log_has("(TLS session resumed)"));
	cfg.domain_suffix_match = "example.com;example.net";
	ck_assert(!onex_again());
	hx_stop(&X);
}
END_TEST

/* AdapterReset ends the exchange: the open password request dies with it. */
START_TEST(test_onex_request_cancelled_by_reset)
{
	cfg.password = NULL;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_int_eq(ihv_adapter_disconnect(X.a, 3), 0);
	hx_run(&X, 5);
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)PASSWORD,
						strlen(PASSWORD)), -ENOENT);
	hx_run_ms(&X, 100);
	ck_assert_int_eq(X.tp->n_onex, 0);
	ck_assert(!hx_log_has(PASSWORD));
	hx_stop(&X);
}
END_TEST

/* wpa_supplicant's eap= list, as the station hands it over: ours in order, each once. */
START_TEST(test_onex_methods_taken)
{
	const uint8_t peap[3] = { 25 }, all[3] = { 13, 25, 21 }, twice[3] = { 25, 21, 25 },
		      same[3] = { 21, 21 }, md5[3] = { 25, 4 }, gap[3] = { 25, 0, 21 },
		      none[3] = { 0 };
	struct eap_peer_config pc;

	ck_assert_int_eq(ihv_onex_methods_take(peap, &pc), 0);
	ck_assert_int_eq(pc.method, EAP_PEER_METHOD_PEAP);
	ck_assert_uint_eq(pc.more_methods[0], 0);
	ck_assert_int_eq(ihv_onex_methods_take(all, &pc), 0);
	ck_assert_int_eq(pc.method, EAP_PEER_METHOD_TLS);
	ck_assert_uint_eq(pc.more_methods[0], EAP_PEER_METHOD_PEAP);
	ck_assert_uint_eq(pc.more_methods[1], EAP_PEER_METHOD_TTLS);
	ck_assert_int_eq(ihv_onex_methods_take(twice, &pc), -1);
	ck_assert_int_eq(ihv_onex_methods_take(same, &pc), -1);
	ck_assert_int_eq(ihv_onex_methods_take(md5, &pc), -1);
	ck_assert_int_eq(ihv_onex_methods_take(gap, &pc), -1);
	ck_assert_int_eq(ihv_onex_methods_take(none, &pc), -1);
	/* the names the daemon parses eap= with, and the ones the events carry */
	ck_assert_uint_eq(ihv_onex_method_parse("TTLS", 4), IHV_ONEX_EAP_TTLS);
	ck_assert_uint_eq(ihv_onex_method_parse("PEAPX", 4), IHV_ONEX_EAP_PEAP);
	ck_assert_uint_eq(ihv_onex_method_parse("PEAPX", 5), 0);
	ck_assert_uint_eq(ihv_onex_method_parse("peap", 4), 0);
	ck_assert_uint_eq(ihv_onex_method_parse("TL", 2), 0);
	ck_assert_str_eq(ihv_onex_method_name(IHV_ONEX_EAP_TLS), "TLS");
	ck_assert_str_eq(ihv_onex_method_name(4), "?");
}
END_TEST

/*
 * eap=TLS TTLS against a server that proposes PEAP, then TTLS: the host's peer Naks with both
 * of ours (RFC 3748 5.3.1), TTLS runs, and the result names it.
 */
START_TEST(test_onex_method_list_negotiated)
{
	cfg.methods[0] = IHV_ONEX_EAP_TLS;
	cfg.methods[1] = IHV_ONEX_EAP_TTLS;
	cfg.client_cert = pki.client; /* else TLS is left out of the list, and of the Nak */
	cfg.private_key = pki.client_key;
	cfg.private_key_passwd = TEST_KEY_PASS;
	srv_type = 21;
	srv_offer_first = 25;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert(srv.success);
	ck_assert_uint_eq(srv.nak_len, 2);
	ck_assert_mem_eq(srv.nak, "\x0d\x15", 2);
	ck_assert_str_eq(X.tp->onex_log, "S");
	ck_assert(strstr(X.onex_ev, "started:TLS TTLS method:TTLS success:TTLS/MSCHAPv2") != NULL);
	hx_stop(&X);
}
END_TEST

/*
 * eap=PEAP TTLS with phase2="auth=PAP": the peer leaves PEAP out (its phase 2 is MS-CHAPv2),
 * the module says so in the log, the Nak names TTLS alone and TTLS/PAP runs.
 */
START_TEST(test_onex_unrunnable_method_left_out_and_logged)
{
	cfg.methods[0] = IHV_ONEX_EAP_PEAP;
	cfg.methods[1] = IHV_ONEX_EAP_TTLS;
	cfg.phase2 = "auth=PAP";
	srv_type = 21;
	srv_offer_first = 25;
	onex_begin("alice", PASSWORD);
	pump();
	ck_assert(srv.success);
	ck_assert_uint_eq(srv.nak_len, 1);
	ck_assert_uint_eq(srv.nak[0], 21);
	ck_assert(hx_log_has("802.1X: left out of eap=PEAP TTLS, as this network's settings "
			     "cannot run it: PEAP: phase2 auth=PAP is not supported (auth=MSCHAPV2 "
			     "only)"));
	ck_assert(strstr(X.onex_ev, "started:PEAP TTLS method:TTLS success:TTLS/PAP") != NULL);
	hx_stop(&X);
}
END_TEST

static void add(Suite *s, const char *name, const TTest *t)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, onex_setup, onex_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, t);
	suite_add_tcase(s, tc);
}

int main(void)
{
	Suite *s = suite_create("onex");

	add(s, "rule58", test_rule_58_three_eapol_starts_then_failure);
	add(s, "methods_parsed", test_onex_methods_taken);
	add(s, "method_list", test_onex_method_list_negotiated);
	add(s, "method_left_out", test_onex_unrunnable_method_left_out_and_logged);
	add(s, "rule60_success", test_rule_60_success_carries_the_msk);
	add(s, "rule60_failure", test_rule_60_failure_names_method_and_outcome);
	add(s, "rule59", test_rule_59_key_frames_and_stop);
	add(s, "password", test_onex_password_asked_and_answered);
	add(s, "identity", test_onex_identity_asked);
	add(s, "resume", test_onex_reconnect_resumes_tls_session);
	add(s, "ui_timeout", test_onex_unanswered_request_times_out);
	add(s, "rule60_fail_asking", test_rule_60_failure_while_asking_is_the_only_result);
	add(s, "rule60_reauth_asking", test_rule_60_reauthentication_asking_reports_in_progress);
	add(s, "no_ca", test_onex_no_ca_refused_unless_opted_out);
	add(s, "wrong_ca", test_onex_wrong_server_ca_refused);
	add(s, "port_end", test_onex_ends_with_the_port);
	add(s, "reset_cancels", test_onex_request_cancelled_by_reset);
	return conformance_run(s);
}
