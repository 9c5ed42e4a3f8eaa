// SPDX-License-Identifier: BSD-3-Clause
/*
 * The contract's invariants (docs/contract.md §10), rules 57-68: the 802.1X
 * module, UI requests and sessions, the rest: one test per applicable rule,
 * named with its number: the real host core over the simulated driver
 * against purpose-built plugins (tests/plugins).
 */
#include "tests/unit/core/conformance.h"

/* ---- 802.1X module ---------------------------------------------------------------------- */

START_TEST(test_rule_57_start_onex_only_with_a_port)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_INVALID_STATE);
	ck_assert(hx_log_has("contract rule 57"));
	hx_to_port(&X);
	/* within the window, but this connection has no 802.1X configuration */
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_NOT_SUPPORTED);
	ck_assert(hx_log_has("no 802.1X configuration"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_59_onex_packet_without_onex_rejected)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtProcessSecurityPacket(X.tp->svc, 4, "\x01\x00\x00\x00"),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(API.Dot11ExtStopOneX(X.tp->svc), ERROR_INVALID_STATE);
	hx_stop(&X);
}
END_TEST

/* ---- UI / session ------------------------------------------------------------------------ */

START_TEST(test_rule_61_several_ui_requests_outstanding)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->query_ui = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 2);
	{
		/* several, but each GUID once: the same one again while it is open is refused */
		DOT11EXT_IHV_UI_REQUEST r;

		memset(&r, 0, sizeof(r));
		memcpy(&r.guidUIRequest, X.ui_guid[0], sizeof(r.guidUIRequest));
		ck_assert_uint_eq(API.Dot11ExtSendUIRequest(X.tp->svc, &r), ERROR_INVALID_PARAMETER);
		hx_run(&X, 5);
		ck_assert_int_eq(X.n_ui, 2);
	}
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"1", 1), 0);
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[1], (const uint8_t *)"2", 1), 0);
	ck_assert_int_eq(X.tp->n_ui_responses, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_62_ui_response_at_most_once)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_str_eq(X.ui_text[0], "Enter the passphrase");
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"pw1", 3), 0);
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"pw2", 3),
			 -ENOENT);
	ck_assert_int_eq(X.tp->n_ui_responses, 1);
	ck_assert_mem_eq(X.tp->ui_response, "pw1", 3);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_63_unknown_guid_not_pending)
{
	uint8_t g[16] = { 9, 9, 9 };

	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, g, (const uint8_t *)"x", 1), -ENOENT);
	/* the host asks the plugin before it answers */
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"x", 1), 0);
	ck_assert_msg(strstr(X.tp->log, "IsUIRequestPending ProcessUIResponse"), "%s", X.tp->log);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_63_not_pending_gets_no_response)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 1);
	/* the plugin no longer waits for it: FALSE means no ProcessUIResponse */
	X.tp->ui_not_pending = 1;
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"x", 1),
			 -ESTALE);
	ck_assert_int_eq(hx_count(X.tp->log, "IsUIRequestPending"), 1);
	ck_assert_int_eq(X.tp->n_ui_responses, 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_64_logoff_cancels_ui_requests)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ihv_host_session_change(X.h, WTS_SESSION_LOGOFF, 1);
	ck_assert(strstr(X.tp->log, "ProcessSessionChange"));
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"x", 1),
			 -ENOENT);
	ck_assert_int_eq(X.tp->n_ui_responses, 0);
	hx_stop(&X);
}
END_TEST

/* A connection whose pre-association asks the plugin's QueryUIRequest (tp-good mode). */
static void ui_query_run(int mode)
{
	hx_open(&X, "tp-good");
	X.tp->query_ui = mode;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
}

START_TEST(test_rule_65_query_ui_buffers_freed_by_host)
{
	ui_query_run(1);
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_str_eq(X.ui_text[0], "pin?");
	/* both blocks the plugin allocated were freed, once */
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	hx_stop(&X);

	/* a request not from Dot11ExtAllocateBuffer is refused, not used, not freed */
	ui_query_run(2);
	ck_assert(hx_log_has("QueryUIRequest returned memory not from Dot11ExtAllocateBuffer"));
	ck_assert_int_eq(X.n_ui, 0);
	ck_assert(!hx_log_has("Dot11ExtAllocateBuffer did not return"));
	hx_stop(&X);

	/* data said to be longer than its block: refused, never read past it, both freed */
	ui_query_run(3);
	ck_assert_int_eq(X.n_ui, 0);
	if (hx_isolated())
		ck_assert(hx_log_has("QueryUIRequest's data is not a Dot11ExtAllocateBuffer"));
	else
		ck_assert(hx_log_has("QueryUIRequest gave an invalid request (error 87)"));
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	ck_assert(!hx_log_has("Dot11ExtAllocateBuffer did not return"));
	hx_stop(&X);

	/* a block smaller than the request's struct: refused, freed, not read */
	ui_query_run(4);
	ck_assert_int_eq(X.n_ui, 0);
	ck_assert(hx_log_has("QueryUIRequest returned a block smaller than DOT11EXT_IHV_UI"));
	ck_assert(!hx_log_has("Dot11ExtAllocateBuffer did not return"));
	hx_stop(&X);

	/* 300,000 octets of data: past the core's 64 KiB for UI data inline; isolated, past one
	 * channel frame, so the plugin host refuses the answer with a line and goes on */
	ui_query_run(5);
	ck_assert_int_eq(X.n_ui, 0);
	if (hx_isolated()) {
		ck_assert(hx_log_has("QueryUIRequest is larger than one channel frame carries"));
		ck_assert(!hx_log_has("crashed"));
	} else {
		ck_assert(hx_log_has("QueryUIRequest gave an invalid request (error 87)"));
	}
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	hx_stop(&X);
}
END_TEST

static char ui_discovered[64];

static void ui_on_discovered(void *ctx, const char *conn, const char *sec)
{
	(void)ctx;
	snprintf(ui_discovered, sizeof(ui_discovered), "%s %s", conn, sec);
}

START_TEST(test_rule_65_discovery_profiles_freed_by_host)
{
	struct ihv_connect_request req;
	uint32_t reason = 1;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	memset(&req, 0, sizeof(req));
	req.ssid = (const uint8_t *)"open";
	req.ssid_len = 4;
	/* none: the plugin's reason */
	ck_assert_int_eq(ihv_adapter_discovery_profiles(X.a, &req, false, ui_on_discovered, NULL,
							&reason), -ENOENT);
	ck_assert_uint_eq(reason, L2_REASON_CODE_IHV_BASE);
	/* one: handed over as UTF-8, then the list and both fragments freed by the host */
	X.tp->discovery = 1;
	ui_discovered[0] = 0;
	ck_assert_int_eq(ihv_adapter_discovery_profiles(X.a, &req, false, ui_on_discovered, NULL,
							&reason), 1);
	ck_assert_str_eq(ui_discovered, "<c/> <s/>");
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	/* memory not from AllocateBuffer: refused, not freed (isolated: by the plugin host) */
	X.tp->discovery = 2;
	ck_assert_int_lt(ihv_adapter_discovery_profiles(X.a, &req, false, ui_on_discovered, NULL,
							&reason), 0);
	ck_assert(hx_log_has("contract rule 65: CreateDiscoveryProfiles returned memory not"));
	ck_assert(!hx_log_has("Dot11ExtAllocateBuffer did not return"));
	/*
	 * A count beyond the list's block, a fragment unterminated in its block: the answer is
	 * refused in both modes, nothing is read past a block (unit-san would report it),
	 * nothing is handed over, and what lies inside the blocks is freed, once.
	 */
	for (int mode = 3; mode <= 4; mode++) {
		X.tp->discovery = mode;
		ui_discovered[0] = 0;
		hx_logbuf[0] = 0;
		ck_assert_int_lt(ihv_adapter_discovery_profiles(X.a, &req, false,
								ui_on_discovered, NULL, &reason),
				 0);
		ck_assert(hx_log_has("returned a list or fragment larger than its"));
		ck_assert_str_eq(ui_discovered, "");
		ck_assert_uint_eq(X.h->outstanding_buffers, 0);
		ck_assert(!hx_log_has("Dot11ExtAllocateBuffer did not return"));
	}
	/*
	 * An answer larger than one channel frame carries (IPC_MAX_PAYLOAD): inline it is
	 * handed over; isolated, the plugin host refuses it with a line and goes on (before,
	 * it ended without a word, and five such calls gave the plugin up).
	 */
	X.tp->discovery = 5;
	ui_discovered[0] = 0;
	hx_logbuf[0] = 0;
	if (hx_isolated()) {
		ck_assert_int_lt(ihv_adapter_discovery_profiles(X.a, &req, false,
								ui_on_discovered, NULL, &reason),
				 0);
		ck_assert(hx_log_has("is larger than one channel frame carries"));
		ck_assert_str_eq(ui_discovered, "");
	} else {
		ck_assert_int_eq(ihv_adapter_discovery_profiles(X.a, &req, false,
								ui_on_discovered, NULL, &reason),
				 3);
		ck_assert(!strncmp(ui_discovered, "AAAA", 4));
	}
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	/* the plugin is still there: the next answer is taken */
	X.tp->discovery = 1;
	ck_assert_int_eq(ihv_adapter_discovery_profiles(X.a, &req, false, ui_on_discovered, NULL,
							&reason), 1);
	ck_assert_str_eq(ui_discovered, "<c/> <s/>");
	hx_stop(&X);
}
END_TEST

/* ---- misc --------------------------------------------------------------------------------- */

START_TEST(test_rule_66_notification_copied_null_rejected)
{
	hx_open(&X, "tp-good");
	X.tp->notify = 1;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(X.tp->rc_notify, ERROR_SUCCESS);
	ck_assert_int_eq(X.n_notify, 1);
	ck_assert_uint_eq(X.notify_code, 7);
	ck_assert_uint_eq(X.notify_len, 4);
	ck_assert_mem_eq(X.notify_data, "\x01\x02\x03\x04", 4);
	ck_assert_uint_eq(API.Dot11ExtSendNotification(X.tp->svc, NULL), ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_67_user_data_reset_by_set_current_profile)
{
	uint16_t frag[] = { '<', 'I', 'H', 'V', '/', '>', 0 };
	DOT11EXT_IHV_CONNECTIVITY_PROFILE conn = { frag };
	DWORD n = 0;
	void *p = NULL;

	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(API.Dot11ExtSetProfileCustomUserData(X.tp->svc, X.tp->connect, 4, 2,
							      "ab"),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtGetProfileCustomUserData(X.tp->svc, X.tp->connect, 5,
							      &n, &p),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(n, 0); /* per user session */
	ck_assert_uint_eq(API.Dot11ExtSetCurrentProfile(X.tp->svc, X.tp->connect, &conn, NULL),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtGetProfileCustomUserData(X.tp->svc, X.tp->connect, 4,
							      &n, &p),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(p);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_68_control_output_copied_only_if_it_fits)
{
	uint8_t out[8];
	size_t ret = 0;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	memset(out, 0xaa, sizeof(out));
	ck_assert_int_eq(ihv_adapter_control(X.a, (const uint8_t *)"abc", 3, out, sizeof(out),
					     &ret), 0);
	ck_assert_uint_eq(ret, 3);
	ck_assert_mem_eq(out, "cba", 3);
	memset(out, 0xaa, sizeof(out));
	ck_assert_int_eq(ihv_adapter_control(X.a, (const uint8_t *)"abcdefghij", 10, out,
					     sizeof(out), &ret), -ENOBUFS);
	ck_assert_uint_eq(ret, 10);
	ck_assert_uint_eq(out[0], 0xaa);
	hx_stop(&X);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("contract conformance, UI and the rest (rules 57-68)");

	CONFORMANCE_TEST(s, test_rule_57_start_onex_only_with_a_port);
	CONFORMANCE_TEST(s, test_rule_59_onex_packet_without_onex_rejected);
	CONFORMANCE_TEST(s, test_rule_61_several_ui_requests_outstanding);
	CONFORMANCE_TEST(s, test_rule_62_ui_response_at_most_once);
	CONFORMANCE_TEST(s, test_rule_63_unknown_guid_not_pending);
	CONFORMANCE_TEST(s, test_rule_63_not_pending_gets_no_response);
	CONFORMANCE_TEST(s, test_rule_64_logoff_cancels_ui_requests);
	CONFORMANCE_TEST(s, test_rule_65_query_ui_buffers_freed_by_host);
	CONFORMANCE_TEST(s, test_rule_65_discovery_profiles_freed_by_host);
	CONFORMANCE_TEST(s, test_rule_66_notification_copied_null_rejected);
	CONFORMANCE_TEST(s, test_rule_67_user_data_reset_by_set_current_profile);
	CONFORMANCE_TEST(s, test_rule_68_control_output_copied_only_if_it_fits);
	return conformance_run(s);
}
