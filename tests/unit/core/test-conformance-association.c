/*
 * The contract's invariants (docs/contract.md §10), rules 25-41: pre-
 * association, post-association and the port: one test per applicable rule,
 * named with its number: the real host core over the simulated driver
 * against purpose-built plugins (tests/plugins).
 */
#include "tests/unit/core/conformance.h"

/* ---- pre-association ------------------------------------------------------------ */

START_TEST(test_rule_25_second_pre_completion_rejected)
{
	hx_open(&X, "tp-double-complete");
	hx_start(&X, "tp-double-complete");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_pre, ERROR_SUCCESS);
	ck_assert_uint_eq(X.tp->rc_pre2, ERROR_INVALID_HANDLE);
	ck_assert(hx_log_has("contract rule 25"));
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_26_refused_pre_associate_no_completion)
{
	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_REFUSE;
	X.tp->pre_error = ERROR_BAD_PROFILE;
	X.tp->pre_return_reason = L2_REASON_CODE_IHV_BASE + 5;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.win32, ERROR_BAD_PROFILE);
	ck_assert_uint_eq(X.ended.reason, L2_REASON_CODE_IHV_BASE + 5);
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect, 0, 0),
			  ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_27_sync_pre_associate_completion_rejected)
{
	hx_open(&X, "tp-sync-complete");
	hx_start_t(&X, "tp-sync-complete", 100, 0);
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_pre, ERROR_INVALID_STATE);
	ck_assert(hx_log_has("contract rule 27: PreAssociateCompletion called synchronously "
			     "from PerformPreAssociate"));
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	/* the plugin never completes properly: timed out, with a clear reason */
	hx_run_ms(&X, 200);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.ended.phase, IHV_PHASE_PRE_ASSOCIATE);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_IHV_NOT_RESPONDING);
	ck_assert_uint_eq(X.ended.win32, ERROR_TIMEOUT);
	ck_assert(hx_log_has("plugin tp-sync-complete did not complete the pre-association"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_28_reason_outside_l2_ranges_flagged)
{
	hx_open(&X, "tp-bad-reason");
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-bad-reason");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert(hx_log_has("contract rule 28: PerformPreAssociate reason 0xdead0000"));
	/* a failure with a reason that is no L2_REASON_CODE */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect,
							    0xdead0000u, ERROR_BAD_PROFILE),
			  ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 28: reason code is not an L2_REASON_CODE value"));
	/* a valid failure afterwards is still accepted: nothing was consumed */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect,
							    L2_REASON_CODE_PROFILE_BASE + 1,
							    ERROR_BAD_PROFILE),
			  ERROR_SUCCESS);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_28_query_reasons_checked)
{
	static const uint8_t ssid[] = "ihvd-test";
	const struct drv_bss *list[1];
	struct ihv_connect_request req;
	uint32_t reason = 0;

	hx_open(&X, "tp-bad-reason");
	hx_start(&X, "tp-bad-reason");
	ck_assert_int_eq(ihv_adapter_profile_validate(X.a, ssid, 9, "<c/>", "<s/>", &reason), 0);
	ck_assert_uint_eq(reason, 0xdead0001u);
	ck_assert(hx_log_has("contract rule 28: ValidateProfile reason 0xdead0001"));
	hx_connect(&X); /* fills the harness's BSS storage */
	list[0] = &hx_bss_storage[0];
	memset(&req, 0, sizeof(req));
	req.ssid = ssid;
	req.ssid_len = 9;
	req.bss = list;
	req.n_bss = 1;
	ck_assert_int_eq(ihv_adapter_capability_match(X.a, &req, &reason), 0);
	ck_assert_uint_eq(reason, 0xdead0002u);
	ck_assert(hx_log_has("contract rule 28: PerformCapabilityMatch reason 0xdead0002"));
	hx_stop(&X);

	/* reasons in the ranges are not flagged */
	hx_open(&X, "tp-good");
	X.tp->validate_reason = L2_REASON_CODE_IHV_BASE;
	X.tp->match_reason = L2_REASON_CODE_PROFILE_MISSING;
	hx_start(&X, "tp-good");
	ck_assert_int_eq(ihv_adapter_profile_validate(X.a, ssid, 9, "<c/>", "<s/>", &reason), 0);
	ck_assert_uint_eq(reason, L2_REASON_CODE_IHV_BASE);
	hx_connect(&X);
	list[0] = &hx_bss_storage[0];
	ck_assert_int_eq(ihv_adapter_capability_match(X.a, &req, &reason), 0);
	ck_assert_uint_eq(reason, L2_REASON_CODE_PROFILE_MISSING);
	ck_assert(!hx_log_has("contract rule 28"));
	hx_stop(&X);
}
END_TEST

/* One pre-association completed with (reason, ERROR_SUCCESS): its result. */
static DWORD association_success_with(uint32_t reason)
{
	X.tp->pre_reason = reason;
	X.tp->rc_pre = 0xffffffffu;
	hx_connect(&X);
	hx_run(&X, 5);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	return X.tp->rc_pre;
}

START_TEST(test_rule_29_ihv_range_boundaries)
{
	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_CUSTOM;
	X.tp->pre_error = ERROR_SUCCESS;
	hx_start(&X, "tp-good");
	/* success carries 0 or a reason in [IHV_BASE, IHV_END], both ends included */
	ck_assert_uint_eq(association_success_with(L2_REASON_CODE_IHV_BASE), ERROR_SUCCESS);
	ck_assert_uint_eq(association_success_with(L2_REASON_CODE_IHV_END), ERROR_SUCCESS);
	ck_assert_uint_eq(association_success_with(L2_REASON_CODE_IHV_BASE - 1),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(association_success_with(L2_REASON_CODE_IHV_END + 1),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_29_inconsistent_completion_rejected)
{
	hx_open(&X, "tp-bad-reason");
	hx_start_t(&X, "tp-bad-reason", 100, 0);
	hx_connect(&X);
	hx_run(&X, 5);
	/* success with a reason outside the IHV range */
	ck_assert_uint_eq(X.tp->rc_pre, ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 29"));
	/* failure with L2_REASON_CODE_SUCCESS */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect, 0,
							    ERROR_BAD_PROFILE),
			  ERROR_INVALID_PARAMETER);
	/* success with an IHV reason is fine */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect,
							    L2_REASON_CODE_IHV_BASE + 9, 0),
			  ERROR_SUCCESS);
	hx_run(&X, 5);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_30_connect_only_after_successful_pre_completion)
{
	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect, 0, 0),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0); /* asynchronous */
	hx_run(&X, 5);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 1);
	hx_stop(&X);

	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_FAIL;
	X.tp->pre_error = ERROR_ACCESS_DENIED;
	X.tp->pre_reason = L2_REASON_CODE_IHV_BASE;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	ck_assert_int_eq(X.n_ended, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_31_custom_user_data_inside_pre_associate_rejected)
{
	uint8_t d[3] = { 7, 8, 9 };
	DWORD n = 0;
	void *p = NULL;

	hx_open(&X, "tp-good");
	X.tp->udata_in_pre = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_udata_in_pre, ERROR_INVALID_STATE);
	ck_assert(hx_log_has("contract rule 31"));
	/* outside the handler, with the live session: fine */
	ck_assert_uint_eq(API.Dot11ExtSetProfileCustomUserData(X.tp->svc, X.tp->connect, 1,
							      sizeof(d), d),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtGetProfileCustomUserData(X.tp->svc, X.tp->connect, 1,
							      &n, &p),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(n, 3);
	ck_assert_mem_eq(p, d, 3);
	API.Dot11ExtFreeBuffer(p);
	/* a session handle that is not live */
	ck_assert_uint_eq(API.Dot11ExtSetProfileCustomUserData(X.tp->svc, (HANDLE)0x77, 1,
							      sizeof(d), d),
			  ERROR_INVALID_HANDLE);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_32_connect_session_dead_after_completion)
{
	DWORD n;
	void *p;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_pre, ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtSetCurrentProfile(X.tp->svc, X.tp->connect, NULL, NULL),
			  ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(API.Dot11ExtGetProfileCustomUserData(X.tp->svc, X.tp->connect, 1,
							      &n, &p),
			  ERROR_INVALID_HANDLE);
	ck_assert(hx_log_has("contract rule 32"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_33_ethertype_handling_after_completion_rejected)
{
	hx_open(&X, "tp-late-ethertype");
	hx_start(&X, "tp-late-ethertype");
	hx_to_port(&X);
	ck_assert_uint_eq(X.tp->rc_et_late, ERROR_INVALID_STATE);
	ck_assert(hx_log_has("contract rule 33"));
	/* the connection itself goes on */
	ck_assert_int_eq(X.n_authorized, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_34_lists_apply_to_the_association)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* registered at InitAdapter, fixed at PreAssociateCompletion, in force now */
	hx_eapol(&X, "rekey1", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 3);
	hx_stop(&X);
}
END_TEST

/* ---- post-association / port ---------------------------------------------------- */

START_TEST(test_rule_35_post_associate_after_association_port_unauthorized)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(hx_count(X.tp->log, "PerformPostAssociate"), 0);
	hx_associate(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(hx_count(X.tp->log, "PerformPostAssociate"), 1);
	ck_assert_mem_eq(X.tp->port.PeerMacAddress, hx_ap_mac, 6);
	ck_assert_int_eq(X.tp->port.bPortControlled, TRUE);
	ck_assert_int_eq(X.tp->port.bPortAuthorized, FALSE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_36_sync_post_associate_completion_rejected)
{
	hx_open(&X, "tp-sync-post");
	hx_start_t(&X, "tp-sync-post", 0, 100);
	hx_to_port(&X);
	ck_assert_uint_eq(X.tp->rc_post, ERROR_INVALID_STATE);
	ck_assert(hx_log_has("contract rule 36"));
	ck_assert_int_eq(X.n_authorized, 0);
	hx_run_ms(&X, 200);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_SECURITY_TIMEOUT);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_DISCONNECT), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_37_success_authorizes_the_port)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	c = sim_drv_last(X.sim, SIM_OP_STATION_AUTHORIZE);
	ck_assert_ptr_nonnull(c);
	ck_assert(c->authorized);
	ck_assert_mem_eq(c->addr, hx_ap_mac, 6);
	hx_stop(&X);

	/* a failed first completion: the port never opens, the link goes */
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_FAIL;
	X.tp->post_error = ERROR_ACCESS_DENIED;
	X.tp->post_reason = L2_REASON_CODE_IHV_BASE + 3;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.reason, L2_REASON_CODE_IHV_BASE + 3);
	ck_assert_uint_eq(X.ended.win32, ERROR_ACCESS_DENIED);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_DISCONNECT), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_38_later_completion_changes_port_state)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     L2_REASON_CODE_IHV_BASE,
							     ERROR_ACCESS_DENIED),
			  ERROR_SUCCESS);
	hx_run(&X, 5);
	ck_assert(!sim_drv_last(X.sim, SIM_OP_STATION_AUTHORIZE)->authorized);
	ck_assert_int_eq(X.n_ended, 0); /* still associated */
	{
		/* the completion names the port's peer, or none */
		DOT11_MAC_ADDRESS other = { 0x02, 0, 0, 0, 0, 0x09 };

		ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security,
								     &other, 0, 0),
				  ERROR_INVALID_PARAMETER);
	}
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     0, 0),
			  ERROR_SUCCESS);
	hx_run(&X, 5);
	ck_assert(sim_drv_last(X.sim, SIM_OP_STATION_AUTHORIZE)->authorized);
	ck_assert_int_eq(X.n_authorized, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_38_unauthorized_port_keeps_security_frames)
{
	hx_open(&X, "tp-good");
	hx_start_t(&X, "tp-good", 0, 100);
	hx_authorize(&X);
	X.tp->frames_to_complete = 99;
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     L2_REASON_CODE_IHV_BASE,
							     ERROR_ACCESS_DENIED),
			  ERROR_SUCCESS);
	hx_run(&X, 5);
	/* unauthorized, but security frames still flow both ways */
	ck_assert(!sim_drv_last(X.sim, SIM_OP_STATION_AUTHORIZE)->authorized);
	hx_eapol(&X, "again", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 3);
	ck_assert_mem_eq(sim_drv_last(X.sim, SIM_OP_EAPOL_TX)->frame, "msg2", 4);
	ck_assert_int_eq(X.n_ended, 0);
	/* the grace period is the post-association deadline: then ihvd disconnects */
	hx_run_ms(&X, 200);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_SECURITY_TIMEOUT);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_DISCONNECT), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_39_stop_post_associate_then_reset)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 2, true);
	hx_run(&X, 5);
	ck_assert_msg(strstr(X.tp->log, "StopPostAssociate AdapterReset"), "%s", X.tp->log);
	ck_assert_uint_eq(X.tp->stop_status, DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED | 2);
	/* also when the port was not completed yet */
	X.tp->post_mode = TP_POST_NEVER;
	hx_to_port(&X);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_int_eq(hx_count(X.tp->log, "StopPostAssociate AdapterReset"), 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_40_completion_after_stop_rejected)
{
	hx_open(&X, "tp-double-complete");
	X.tp->pre_mode = TP_PRE_ASYNC;
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-double-complete");
	hx_to_port(&X);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 1, true);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_after_stop, ERROR_INVALID_HANDLE);
	ck_assert(hx_log_has("contract rule 40"));
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_41_unauthorized_port_security_frames_only)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99; /* replies to every frame, never completes */
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_CONNECT);
	/* data frames stay blocked by the kernel until SET_STATION authorized */
	ck_assert(c->control_port);
	ck_assert_uint_eq(c->control_port_ethertype, 0x888e);
	hx_associate(&X);
	hx_run(&X, 5);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x0800, (const uint8_t *)"ip", 2, true);
	hx_eapol(&X, "eapol", true);
	hx_run(&X, 5);
	/* in: only the registered EtherType */
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "eapol", 5);
	/* out: exactly the plugin's own security frame, in the clear, to the AP */
	ck_assert_int_eq(X.tp->n_send_calls, 1);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX), 1);
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert_uint_eq(c->ethertype, 0x888e);
	ck_assert_mem_eq(c->dst, hx_ap_mac, 6);
	ck_assert_mem_eq(c->frame, "msg2", 4);
	ck_assert(c->no_encrypt);
	/* and the port stays closed */
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	ck_assert_int_eq(X.n_authorized, 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_41_frames_without_a_port_dropped)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good"); /* EAPOL registered at InitAdapter */
	/* idle, then pre-associating: no port, nothing to deliver to, nothing kept */
	hx_eapol(&X, "idle", true);
	hx_connect(&X);
	hx_eapol(&X, "pre", true);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 0);
	hx_eapol(&X, "port", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "port", 4);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_37_post_associate_refusal_ends_connection)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_REFUSE;
	X.tp->post_error = ERROR_NOT_SUPPORTED;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	/* an error from PerformPostAssociate: no port is authorized, the connection ends */
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.ended.phase, IHV_PHASE_POST_ASSOCIATE);
	ck_assert_uint_eq(X.ended.win32, ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_DISCONNECT), 1);
	ck_assert_msg(strstr(X.tp->log, "PerformPostAssociate StopPostAssociate AdapterReset"),
		      "%s", X.tp->log);
	hx_stop(&X);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("contract conformance, association (rules 25-41)");

	CONFORMANCE_TEST(s, test_rule_25_second_pre_completion_rejected);
	CONFORMANCE_TEST(s, test_rule_26_refused_pre_associate_no_completion);
	CONFORMANCE_TEST(s, test_rule_27_sync_pre_associate_completion_rejected);
	CONFORMANCE_TEST(s, test_rule_28_reason_outside_l2_ranges_flagged);
	CONFORMANCE_TEST(s, test_rule_28_query_reasons_checked);
	CONFORMANCE_TEST(s, test_rule_29_inconsistent_completion_rejected);
	CONFORMANCE_TEST(s, test_rule_29_ihv_range_boundaries);
	CONFORMANCE_TEST(s, test_rule_30_connect_only_after_successful_pre_completion);
	CONFORMANCE_TEST(s, test_rule_31_custom_user_data_inside_pre_associate_rejected);
	CONFORMANCE_TEST(s, test_rule_32_connect_session_dead_after_completion);
	CONFORMANCE_TEST(s, test_rule_33_ethertype_handling_after_completion_rejected);
	CONFORMANCE_TEST(s, test_rule_34_lists_apply_to_the_association);
	CONFORMANCE_TEST(s, test_rule_35_post_associate_after_association_port_unauthorized);
	CONFORMANCE_TEST(s, test_rule_36_sync_post_associate_completion_rejected);
	CONFORMANCE_TEST(s, test_rule_37_success_authorizes_the_port);
	CONFORMANCE_TEST(s, test_rule_37_post_associate_refusal_ends_connection);
	CONFORMANCE_TEST(s, test_rule_38_later_completion_changes_port_state);
	CONFORMANCE_TEST(s, test_rule_38_unauthorized_port_keeps_security_frames);
	CONFORMANCE_TEST(s, test_rule_39_stop_post_associate_then_reset);
	CONFORMANCE_TEST(s, test_rule_40_completion_after_stop_rejected);
	CONFORMANCE_TEST(s, test_rule_41_unauthorized_port_security_frames_only);
	CONFORMANCE_TEST(s, test_rule_41_frames_without_a_port_dropped);
	return conformance_run(s);
}
