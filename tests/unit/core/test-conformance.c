/*
 * The contract's invariants (docs/contract.md §10), one test per applicable
 * rule, named with its number: the real host core over the simulated driver
 * against purpose-built plugins (tests/plugins).
 */
#include "tests/unit/core/harness.h"

#include <arpa/inet.h>

#define API ihv_service_apis

static struct hx X;

/* ---- loading / service -------------------------------------------------- */

START_TEST(test_rule_01_missing_export_refused)
{
	char path[512];
	void *still;

	hx_open(&X, "tp-no-init-export");
	ck_assert_ptr_null(hx_host(&X, "tp-no-init-export", 0, 0));
	ck_assert_msg(strstr(X.err, "Dot11ExtIhvInitService not exported"), "%s", X.err);
	ck_assert_str_eq(X.tp->log, ""); /* not even GetVersionInfo was called */
	hx_stop(&X);

	/* a shared object that is no plugin: refused, and unloaded again */
	hx_open(&X, "tp-good");
	hx_plugin_path("tp-not-plugin", path, sizeof(path));
	{
		struct ihv_host_params p = { X.loop, sim_drv_base(X.sim), path, 0, 0 };

		ck_assert_ptr_null(ihv_host_new(&p, X.err, sizeof(X.err)));
	}
	ck_assert_msg(strstr(X.err, "Dot11ExtIhvGetVersionInfo not exported"), "%s", X.err);
	still = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
	ck_assert_msg(still == NULL, "refused plugin still loaded");
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_02_version_then_init_service_version_0)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_str_eq(X.tp->log, "GetVersionInfo InitService InitAdapter");
	ck_assert_uint_eq(X.tp->version_used, 0);
	hx_stop(&X);

	hx_open(&X, "tp-bad-version");
	ck_assert_ptr_null(hx_host(&X, "tp-bad-version", 0, 0));
	ck_assert_msg(strstr(X.err, "[1, 2] does not include interface version 0"), "%s", X.err);
	ck_assert_str_eq(X.tp->log, "GetVersionInfo");
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_03_service_table_fully_populated)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_int_eq(X.tp->api_nulls, 0);
	ck_assert_int_eq(X.tp->linux_apis, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_04_null_handler_refused)
{
	hx_open(&X, "tp-null-handler");
	ck_assert_ptr_null(hx_host(&X, "tp-null-handler", 0, 0));
	ck_assert_msg(strstr(X.err, "handler 12 (Dot11ExtIhvReceivePacket) is NULL"), "%s", X.err);
	/* told to clean up, never given an adapter */
	ck_assert_str_eq(X.tp->log, "GetVersionInfo InitService DeinitService");
	hx_stop(&X);

	hx_open(&X, "tp-init-fail");
	ck_assert_ptr_null(hx_host(&X, "tp-init-fail", 0, 0));
	ck_assert_msg(strstr(X.err, "Dot11ExtIhvInitService failed: error 50"), "%s", X.err);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_05_init_virtual_station_before_init_adapter)
{
	hx_open(&X, "tp-vs");
	hx_start(&X, "tp-vs");
	ck_assert_str_eq(X.tp->log, "GetVersionInfo InitService InitVirtualStation InitAdapter");
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_06_no_handler_after_deinit_service)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ihv_host_free(X.h);
	X.h = NULL;
	hx_run(&X, 5);
	{
		const char *tail = strrchr(X.tp->log, ' ');

		ck_assert_str_eq(tail, " DeinitService");
	}
	/* events for a host that is gone go nowhere */
	hx_eapol(&X, "late", true);
	ck_assert_int_eq(hx_count(X.tp->log, "DeinitService"), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_07_deinit_service_after_every_deinit_adapter)
{
	struct ihv_adapter *b;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	b = hx_adapter(&X, HX_IFINDEX2);
	ck_assert_ptr_nonnull(b);
	ihv_host_free(X.h);
	X.h = NULL;
	ck_assert_msg(strstr(X.tp->log, "DeinitAdapter DeinitAdapter DeinitService"), "%s",
		      X.tp->log);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_08_calls_after_deinit_service_rejected)
{
	void *p = NULL;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(16, &p), ERROR_SUCCESS); /* rule 10 */
	API.Dot11ExtFreeBuffer(p);
	ihv_host_free(X.h);
	X.h = NULL;
	p = (void *)1;
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(16, &p), ERROR_INVALID_STATE);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(API.Dot11ExtSetExcludeUnencrypted(X.tp->svc, TRUE),
			  ERROR_INVALID_HANDLE);
	ck_assert(hx_log_has("contract rule 8"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_10_buffers_between_init_and_deinit_service)
{
	void *p = NULL;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(0, &p), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(p);
	API.Dot11ExtFreeBuffer(p);
	API.Dot11ExtFreeBuffer(NULL); /* returns at once */
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(16, NULL), ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

/* ---- adapter --------------------------------------------------------------- */

START_TEST(test_rule_11_one_init_one_deinit_per_adapter)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ihv_adapter_free(X.a);
	X.a = NULL;
	ck_assert_int_eq(hx_count(X.tp->log, "InitAdapter"), 1);
	ck_assert_int_eq(hx_count(X.tp->log, "DeinitAdapter"), 1);
	/* a failed InitAdapter gets no DeinitAdapter */
	X.tp->init_adapter_error = ERROR_NOT_SUPPORTED;
	ck_assert_ptr_null(hx_adapter(&X, HX_IFINDEX2));
	ck_assert_int_eq(hx_count(X.tp->log, "InitAdapter"), 2);
	ck_assert_int_eq(hx_count(X.tp->log, "DeinitAdapter"), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_12_stale_svc_handle_rejected)
{
	hx_open(&X, "tp-after-deinit");
	hx_start(&X, "tp-after-deinit");
	ck_assert_uint_eq(API.Dot11ExtSetExcludeUnencrypted((HANDLE)0x1234, TRUE),
			  ERROR_INVALID_HANDLE);
	ihv_adapter_free(X.a);
	X.a = NULL;
	hx_run(&X, 5); /* the plugin's late timer fires */
	ck_assert_uint_eq(X.tp->rc_in_deinit[0], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(X.tp->rc_after_deinit[0], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(X.tp->rc_after_deinit[2], ERROR_INVALID_PARAMETER); /* NULL-ish key first */
	ck_assert_uint_eq(X.tp->rc_after_deinit[3], ERROR_INVALID_HANDLE);
	ck_assert(hx_log_has("contract rule 12"));
	ck_assert(hx_log_has("DeinitAdapter was called for its adapter"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_13_lists_empty_at_init_adapter)
{
	hx_open(&X, "tp-good");
	X.tp->register_eapol = 0;
	X.tp->register_in_pre = 0;
	X.tp->post_mode = TP_POST_ASYNC;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_14_stop_post_associate_before_deinit_adapter)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ihv_adapter_free(X.a);
	X.a = NULL;
	ck_assert_msg(strstr(X.tp->log, "StopPostAssociate DeinitAdapter"), "%s", X.tp->log);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_15_pending_pre_association_cancelled_by_deinit)
{
	hx_open(&X, "tp-after-deinit");
	hx_start(&X, "tp-after-deinit");
	hx_connect(&X);
	hx_run(&X, 5);
	ihv_adapter_free(X.a);
	X.a = NULL;
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_in_deinit[1], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(X.tp->rc_after_deinit[1], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	ck_assert(hx_log_has("DeinitAdapter was called for its adapter"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_16_pending_post_association_at_deinit)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	X.tp->complete_after_stop = 1;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	ihv_adapter_free(X.a);
	X.a = NULL;
	hx_run(&X, 5);
	ck_assert_msg(strstr(X.tp->log, "StopPostAssociate DeinitAdapter"), "%s", X.tp->log);
	ck_assert_uint_eq(X.tp->rc_after_stop, ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_17_ui_requests_cancelled_by_deinit)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 1);
	ihv_adapter_free(X.a);
	X.a = NULL;
	hx_run(&X, 5);
	ck_assert(hx_log_has("cancelled: DeinitAdapter (contract rule 17)"));
	ck_assert_int_eq(X.tp->n_ui_responses, 0);
	hx_stop(&X);
}
END_TEST

/* ---- reset -------------------------------------------------------------------- */

START_TEST(test_rule_18_adapter_reset_on_every_disconnection)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 15, true);
	hx_run(&X, 5);
	ck_assert_int_eq(hx_count(X.tp->log, "AdapterReset"), 1);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.ended.phase, IHV_PHASE_AUTHORIZED);
	ck_assert_uint_eq(X.ended.ieee, 15);
	/* a rejected association is a disconnection too */
	hx_connect(&X);
	hx_run(&X, 5);
	sim_drv_inject_connect(X.sim, HX_IFINDEX, 17, hx_ap_mac, 2412, NULL, 0, NULL, 0);
	hx_run(&X, 5);
	ck_assert_int_eq(hx_count(X.tp->log, "AdapterReset"), 2);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_ASSOCIATION_FAILURE);
	ck_assert_uint_eq(X.ended.ieee, 17);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_19_lists_cleared_before_reset)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_int_eq(X.tp->n_frames, 2);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	/* the plugin registers only at InitAdapter now: after the reset nothing is */
	X.tp->register_in_pre = 0;
	X.tp->post_mode = TP_POST_NEVER;
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_20_reset_cancels_pending_pre_association)
{
	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_NEVER;
	X.tp->reset_cancels = 1;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(ihv_adapter_disconnect(X.a, 3), 0);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_cancel, ERROR_SUCCESS);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.ended.phase, IHV_PHASE_PRE_ASSOCIATE);
	ck_assert_uint_eq(X.ended.win32, ERROR_CANCELLED);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_21_handles_invalid_after_reset)
{
	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	/* only the cancellation is still accepted for the old session */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect, 0, 0),
			  ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(API.Dot11ExtSetCurrentProfile(X.tp->svc, X.tp->connect, NULL, NULL),
			  ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect,
							    L2_REASON_CODE_IHV_BASE,
							    ERROR_CANCELLED),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect,
							    L2_REASON_CODE_IHV_BASE,
							    ERROR_CANCELLED),
			  ERROR_INVALID_HANDLE);
	/* and the port's session after a reset */
	X.tp->pre_mode = TP_PRE_ASYNC;
	hx_authorize(&X);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     0, 0),
			  ERROR_INVALID_HANDLE);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_22_start_onex_after_reset_rejected)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_INVALID_STATE);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_23_ui_requests_cancelled_by_reset)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 1);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_int_eq(ihv_adapter_ui_respond(X.a, X.ui_guid[0], (const uint8_t *)"pw", 2),
			 -ENOENT);
	ck_assert_int_eq(X.tp->n_ui_responses, 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_24_new_pre_association_after_reset)
{
	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_FAIL;
	X.tp->pre_error = ERROR_BAD_PROFILE;
	X.tp->pre_reason = L2_REASON_CODE_IHV_BASE + 2;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.reason, L2_REASON_CODE_IHV_BASE + 2);
	ck_assert_uint_eq(X.ended.win32, ERROR_BAD_PROFILE);
	X.tp->pre_mode = TP_PRE_ASYNC;
	hx_authorize(&X);
	ck_assert_int_eq(hx_count(X.tp->log, "PerformPreAssociate"), 2);
	hx_stop(&X);
}
END_TEST

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
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
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
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
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
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
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
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     0, 0),
			  ERROR_SUCCESS);
	hx_run(&X, 5);
	ck_assert(sim_drv_last(X.sim, SIM_OP_STATION_AUTHORIZE)->authorized);
	ck_assert_int_eq(X.n_authorized, 2);
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
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
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
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
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
	X.tp->post_mode = TP_POST_NEVER;
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
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX), 0);
	hx_stop(&X);
}
END_TEST

/* ---- receive / send ---------------------------------------------------------------- */

START_TEST(test_rule_42_only_registered_ethertypes_delivered)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x8e88, (const uint8_t *)"sw", 2, true);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x88c7, (const uint8_t *)"pa", 2, true);
	hx_eapol(&X, "ok", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "ok", 2);
	hx_stop(&X);
}
END_TEST

static int hook_frames;

static void reentrant_hook(void *ctx, struct sim_drv *s, const struct sim_call *c)
{
	static const char *const more[] = { "A", "B", "C", "D" };
	int i;

	(void)ctx;
	(void)c;
	/* the driver reports frames while the plugin is inside ReceivePacket */
	for (i = 0; i < hook_frames; i++)
		sim_drv_inject_eapol(s, HX_IFINDEX, hx_ap_mac, 0x888e, (const uint8_t *)more[i],
				     1, true);
	hook_frames = 0;
}

START_TEST(test_rule_43_receive_serialized_in_order)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	hook_frames = 3;
	sim_drv_tx_hook_set(X.sim, reentrant_hook, NULL);
	hx_eapol(&X, "first", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 4);
	ck_assert_int_eq(X.tp->max_recv_depth, 1);
	ck_assert_int_eq(X.tp->overlap, 0);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "A", 1);
	ck_assert_mem_eq(X.tp->frames[2].data + 8, "B", 1);
	ck_assert_mem_eq(X.tp->frames[3].data + 8, "C", 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_44_backlog_drops_oldest)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	X.tp->backlog = 2;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	hook_frames = 4;
	sim_drv_tx_hook_set(X.sim, reentrant_hook, NULL);
	hx_eapol(&X, "first", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 3);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "C", 1);
	ck_assert_mem_eq(X.tp->frames[2].data + 8, "D", 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_45_receive_buffer_is_security_packet_header)
{
	const uint8_t *f;

	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	sim_drv_inject_eapol(X.sim, HX_IFINDEX, hx_ap_mac, 0x888e,
			     (const uint8_t *)"\x02\x03\x00\x05hello", 9, true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	f = X.tp->frames[0].data;
	ck_assert_uint_eq(X.tp->frames[0].len, 8 + 9);
	ck_assert_mem_eq(f, hx_ap_mac, 6);
	ck_assert_uint_eq(f[6], 0x88);
	ck_assert_uint_eq(f[7], 0x8e);
	ck_assert_mem_eq(f + 8, "\x02\x03\x00\x05hello", 9);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_46_one_completion_per_accepted_send)
{
	int i;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_int_eq(X.tp->n_send_calls, 2);
	ck_assert_int_eq(X.tp->n_completions, 2);
	for (i = 0; i < 2; i++)
		ck_assert_ptr_nonnull(X.tp->completions[i]);
	ck_assert_ptr_ne(X.tp->completions[0], X.tp->completions[1]);
	ck_assert_int_eq(X.tp->overlap, 0); /* never inside SendPacket/ReceivePacket */
	/* a failed transmit is not accepted: no completion for it */
	sim_drv_fail(X.sim, SIM_OP_EAPOL_TX, EIO, 1);
	hx_eapol(&X, "rekey", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_send_calls, 3);
	ck_assert_uint_ne(X.tp->rc_send[2], ERROR_SUCCESS);
	ck_assert_int_eq(X.tp->n_completions, 2);
	hx_stop(&X);

	/* the same hSendCompletion twice while outstanding */
	hx_open(&X, "tp-double-send");
	hx_start(&X, "tp-double-send");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	hx_eapol(&X, "a", true);
	hx_eapol(&X, "b", true); /* its reply reuses the handle before completion */
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_send_calls, 2);
	ck_assert_uint_eq(X.tp->rc_send[0], ERROR_SUCCESS);
	ck_assert_uint_eq(X.tp->rc_send[1], ERROR_INVALID_PARAMETER);
	ck_assert_int_eq(X.tp->n_completions, 1);
	ck_assert(hx_log_has("contract rule 46"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_46_completion_delivered_across_reset)
{
	hx_open(&X, "tp-good");
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	/* the reply is sent inside ReceivePacket; the link drops in the same turn */
	hx_eapol(&X, "msg1", true);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 1, true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_send_calls, 1);
	ck_assert_int_eq(X.tp->n_completions, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_47_group_address_send_rejected)
{
	uint8_t pkt[10] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x88, 0x8e, 1, 2 };

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, sizeof(pkt), pkt, pkt),
			  ERROR_INVALID_PARAMETER);
	pkt[0] = 0x01; /* multicast */
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, sizeof(pkt), pkt, pkt),
			  ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 47"));
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_EAPOL_TX), 2);
	/* too short for the header */
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, 7, pkt, pkt), ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_48_send_from_inside_receive_packet)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	c = sim_drv_call(X.sim, SIM_OP_EAPOL_TX, 0);
	ck_assert_ptr_nonnull(c);
	ck_assert_mem_eq(c->dst, hx_ap_mac, 6);
	ck_assert_uint_eq(c->ethertype, 0x888e);
	ck_assert_uint_eq(c->frame_len, 4);
	ck_assert_mem_eq(c->frame, "msg2", 4);
	ck_assert(c->no_encrypt);
	/* msg 4 goes out before the keys are installed: in the clear */
	c = sim_drv_call(X.sim, SIM_OP_EAPOL_TX, 1);
	ck_assert_mem_eq(c->frame, "msg4", 4);
	ck_assert(c->no_encrypt);
	/* once the PTK is in, a rekey reply is encrypted */
	X.tp->frames_to_complete = 99;
	hx_eapol(&X, "rekey", false);
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert(!c->no_encrypt);
	hx_stop(&X);
}
END_TEST

static void exemption_setup(uint16_t action)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	X.tp->n_exemptions = 1;
	X.tp->exemptions[0].usEtherType = htons(0x888e);
	X.tp->exemptions[0].usExemptionActionType = action;
	X.tp->exemptions[0].usExemptionPacketType = DOT11_EXEMPT_UNICAST;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
}

START_TEST(test_rule_49_exemption_always)
{
	exemption_setup(DOT11_EXEMPT_ALWAYS);
	hx_eapol(&X, "clear", true);
	hx_eapol(&X, "protected", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "clear", 5);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_49_exemption_on_key_mapping_key_unavailable)
{
	uint8_t buf[64];
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k = (void *)buf;
	ULONG l = 16;

	exemption_setup(DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE);
	hx_eapol(&X, "clear1", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	memset(buf, 0, sizeof(buf));
	memcpy(k->PeerMacAddr, hx_ap_mac, 6);
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	k->Direction = DOT11_DIR_BOTH;
	k->usKeyLength = 28;
	memcpy(k->ucKey + 8, &l, 4);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_SUCCESS);
	hx_eapol(&X, "clear2", true);     /* a pairwise key exists now: dropped */
	hx_eapol(&X, "protected", false); /* accepted */
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 2);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "protected", 9);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_50_exclude_unencrypted)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(API.Dot11ExtSetExcludeUnencrypted(X.tp->svc, TRUE), ERROR_SUCCESS);
	hx_eapol(&X, "clear", true);
	hx_eapol(&X, "protected", false);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 1);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "protected", 9);
	hx_stop(&X);
}
END_TEST

/* ---- keys / algorithms --------------------------------------------------------------- */

static PDOT11_CIPHER_DEFAULT_KEY_VALUE group_key(uint8_t *buf, uint32_t idx, uint32_t algo)
{
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k = (void *)buf;
	ULONG l = 16;

	memset(buf, 0, 64);
	k->uKeyIndex = idx;
	k->AlgorithmId = algo;
	k->usKeyLength = 28;
	memcpy(k->ucKey + 8, &l, 4);
	memset(k->ucKey + 12, 0x44, 16);
	return k;
}

START_TEST(test_rule_51_outbound_default_key_rejected)
{
	uint8_t buf[64];

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc,
						    group_key(buf, 2, DOT11_CIPHER_ALGO_CCMP),
						    DOT11_DIR_OUTBOUND),
			  ERROR_INVALID_PARAMETER);
	ck_assert(hx_log_has("contract rule 51"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_52_default_key_group_station_delete)
{
	const struct sim_call *c;
	uint8_t buf[64];
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k;

	hx_open(&X, "tp-good");
	X.tp->install_igtk = 1;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* the plugin's GTK: zero MAC, index 1, RSC passed through */
	c = sim_drv_call(X.sim, SIM_OP_KEY_NEW, 1);
	ck_assert_int_eq(c->key_type, DRV_KEY_GROUP);
	ck_assert_uint_eq(c->idx, 1);
	ck_assert_uint_eq(c->cipher, 0x000fac04);
	ck_assert_uint_eq(c->key_len, 16);
	ck_assert_uint_eq(c->seq[0], 0x07);
	ck_assert(!c->has_addr);
	/* BIP index 4 is the IGTK, IPN as its sequence */
	c = sim_drv_call(X.sim, SIM_OP_KEY_NEW, 2);
	ck_assert_int_eq(c->key_type, DRV_KEY_IGTK);
	ck_assert_uint_eq(c->idx, 4);
	ck_assert_uint_eq(c->cipher, 0x000fac06);
	ck_assert_uint_eq(c->seq[0], 0x09);
	/* a unicast MAC: per-station default key (IBSS), not here */
	k = group_key(buf, 1, DOT11_CIPHER_ALGO_CCMP);
	memcpy(k->MacAddr, hx_ap_mac, 6);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_INBOUND),
			  ERROR_NOT_SUPPORTED);
	/* delete */
	k = group_key(buf, 1, DOT11_CIPHER_ALGO_CCMP);
	k->bDelete = TRUE;
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_INBOUND),
			  ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_DEL);
	ck_assert_int_eq(c->key_type, DRV_KEY_GROUP);
	ck_assert_uint_eq(c->idx, 1);
	/* index 4 for a non-BIP cipher is refused */
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc,
						    group_key(buf, 4, DOT11_CIPHER_ALGO_CCMP),
						    DOT11_DIR_INBOUND),
			  ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_53_dynamic_keys_dropped_on_disconnect)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	sim_drv_inject_disconnect(X.sim, HX_IFINDEX, 1, true);
	hx_run(&X, 5);
	/* reconnect: the first reply must go out in the clear again */
	X.tp->frames_to_complete = 99;
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert_mem_eq(c->frame, "msg2", 4);
	ck_assert(c->no_encrypt);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_54_unsupported_algorithms_rejected)
{
	struct drv_capa capa;
	struct drv *d;

	hx_open(&X, "tp-good");
	d = sim_drv_base(X.sim);
	d->ops->capa_get(d, HX_IFINDEX, &capa);
	capa.n_ciphers = 2; /* WEP40, WEP104 only */
	capa.akms[0] = 0x000fac08; /* SAE only */
	capa.n_akms = 1;
	sim_drv_capa_set(X.sim, HX_IFINDEX, &capa);
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtSetUnicastCipherAlgorithm(X.tp->svc, DOT11_CIPHER_ALGO_CCMP),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(API.Dot11ExtSetMulticastCipherAlgorithm(X.tp->svc,
								  DOT11_CIPHER_ALGO_GCMP_256),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(API.Dot11ExtSetAuthAlgorithm(X.tp->svc, DOT11_AUTH_ALGO_RSNA_PSK),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(API.Dot11ExtSetAuthAlgorithm(X.tp->svc, DOT11_AUTH_ALGO_WPA3_SAE),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtSetAuthAlgorithm(X.tp->svc, DOT11_AUTH_ALGO_IHV_START),
			  ERROR_NOT_SUPPORTED);
	ck_assert(hx_log_has("contract rule 54"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_55_default_key_id_range)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKeyId(X.tp->svc, 4), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKeyId(X.tp->svc, 2), ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_DEFAULT_SET);
	ck_assert_uint_eq(c->idx, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_56_nic_specific_extension)
{
	uint8_t out[8];
	DWORD n = sizeof(out);

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtNicSpecificExtension(X.tp->svc, 2, "hi", &n, out),
			  ERROR_NOT_SUPPORTED);
	sim_drv_vendor_reply_set(X.sim, (const uint8_t *)"pong", 4);
	n = sizeof(out);
	ck_assert_uint_eq(API.Dot11ExtNicSpecificExtension(X.tp->svc, 2, "hi", &n, out),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(n, 4);
	ck_assert_mem_eq(out, "pong", 4);
	ck_assert_mem_eq(sim_drv_last(X.sim, SIM_OP_VENDOR_CMD)->frame, "hi", 2);
	hx_stop(&X);
}
END_TEST

/* ---- 802.1X module ---------------------------------------------------------------------- */

START_TEST(test_rule_57_start_onex_only_with_a_port)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_INVALID_STATE);
	ck_assert(hx_log_has("contract rule 57"));
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run(&X, 5);
	/* within the window: ihvd has no 802.1X module to start */
	ck_assert_uint_eq(API.Dot11ExtStartOneX(X.tp->svc, NULL), ERROR_NOT_SUPPORTED);
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

START_TEST(test_rule_65_query_ui_buffers_freed_by_host)
{
	hx_open(&X, "tp-good");
	X.tp->query_ui = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 1);
	ck_assert_str_eq(X.ui_text[0], "pin?");
	/* both blocks the plugin allocated were freed, once */
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
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

Suite *conformance_suite(void);
Suite *conformance_suite(void)
{
	Suite *s = suite_create("contract conformance (ihv-contract.md §10)");
	TCase *t;

#define T(name)                                    \
	t = tcase_create(#name);                   \
	tcase_set_timeout(t, 10);                  \
	tcase_add_test(t, name);                   \
	suite_add_tcase(s, t)
	T(test_rule_01_missing_export_refused);
	T(test_rule_02_version_then_init_service_version_0);
	T(test_rule_03_service_table_fully_populated);
	T(test_rule_04_null_handler_refused);
	T(test_rule_05_init_virtual_station_before_init_adapter);
	T(test_rule_06_no_handler_after_deinit_service);
	T(test_rule_07_deinit_service_after_every_deinit_adapter);
	T(test_rule_08_calls_after_deinit_service_rejected);
	T(test_rule_10_buffers_between_init_and_deinit_service);
	T(test_rule_11_one_init_one_deinit_per_adapter);
	T(test_rule_12_stale_svc_handle_rejected);
	T(test_rule_13_lists_empty_at_init_adapter);
	T(test_rule_14_stop_post_associate_before_deinit_adapter);
	T(test_rule_15_pending_pre_association_cancelled_by_deinit);
	T(test_rule_16_pending_post_association_at_deinit);
	T(test_rule_17_ui_requests_cancelled_by_deinit);
	T(test_rule_18_adapter_reset_on_every_disconnection);
	T(test_rule_19_lists_cleared_before_reset);
	T(test_rule_20_reset_cancels_pending_pre_association);
	T(test_rule_21_handles_invalid_after_reset);
	T(test_rule_22_start_onex_after_reset_rejected);
	T(test_rule_23_ui_requests_cancelled_by_reset);
	T(test_rule_24_new_pre_association_after_reset);
	T(test_rule_25_second_pre_completion_rejected);
	T(test_rule_26_refused_pre_associate_no_completion);
	T(test_rule_27_sync_pre_associate_completion_rejected);
	T(test_rule_28_reason_outside_l2_ranges_flagged);
	T(test_rule_29_inconsistent_completion_rejected);
	T(test_rule_30_connect_only_after_successful_pre_completion);
	T(test_rule_31_custom_user_data_inside_pre_associate_rejected);
	T(test_rule_32_connect_session_dead_after_completion);
	T(test_rule_33_ethertype_handling_after_completion_rejected);
	T(test_rule_34_lists_apply_to_the_association);
	T(test_rule_35_post_associate_after_association_port_unauthorized);
	T(test_rule_36_sync_post_associate_completion_rejected);
	T(test_rule_37_success_authorizes_the_port);
	T(test_rule_38_later_completion_changes_port_state);
	T(test_rule_39_stop_post_associate_then_reset);
	T(test_rule_40_completion_after_stop_rejected);
	T(test_rule_41_unauthorized_port_security_frames_only);
	T(test_rule_42_only_registered_ethertypes_delivered);
	T(test_rule_43_receive_serialized_in_order);
	T(test_rule_44_backlog_drops_oldest);
	T(test_rule_45_receive_buffer_is_security_packet_header);
	T(test_rule_46_one_completion_per_accepted_send);
	T(test_rule_46_completion_delivered_across_reset);
	T(test_rule_47_group_address_send_rejected);
	T(test_rule_48_send_from_inside_receive_packet);
	T(test_rule_49_exemption_always);
	T(test_rule_49_exemption_on_key_mapping_key_unavailable);
	T(test_rule_50_exclude_unencrypted);
	T(test_rule_51_outbound_default_key_rejected);
	T(test_rule_52_default_key_group_station_delete);
	T(test_rule_53_dynamic_keys_dropped_on_disconnect);
	T(test_rule_54_unsupported_algorithms_rejected);
	T(test_rule_55_default_key_id_range);
	T(test_rule_56_nic_specific_extension);
	T(test_rule_57_start_onex_only_with_a_port);
	T(test_rule_59_onex_packet_without_onex_rejected);
	T(test_rule_61_several_ui_requests_outstanding);
	T(test_rule_62_ui_response_at_most_once);
	T(test_rule_63_unknown_guid_not_pending);
	T(test_rule_64_logoff_cancels_ui_requests);
	T(test_rule_65_query_ui_buffers_freed_by_host);
	T(test_rule_66_notification_copied_null_rejected);
	T(test_rule_67_user_data_reset_by_set_current_profile);
	T(test_rule_68_control_output_copied_only_if_it_fits);
#undef T
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(conformance_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
