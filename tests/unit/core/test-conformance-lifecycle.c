// SPDX-License-Identifier: BSD-3-Clause
/*
 * The contract's invariants (docs/contract.md §10), rules 1-24: loading and
 * the service, adapters, AdapterReset: one test per applicable rule, named
 * with its number: the real host core over the simulated driver against
 * purpose-built plugins (tests/plugins).
 */
#include <sys/mman.h>
#include <unistd.h>

#include "tests/unit/core/conformance.h"

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
	const char *after;

	/* nothing but the exports before InitService succeeded */
	hx_open(&X, "tp-init-fail");
	ck_assert_ptr_null(hx_host(&X, "tp-init-fail", 0, 0));
	hx_run(&X, 5);
	ck_assert_str_eq(X.tp->log, "GetVersionInfo InitService");
	hx_stop(&X);

	/*
	 * Work still pending when the service goes: a frame whose reply's
	 * SendPacketCompletion is queued, a UI request not yet delivered, and a
	 * plugin timer armed inside DeinitService and left behind.
	 */
	hx_open(&X, "tp-good");
	X.tp->timer_at_deinit = 1;
	X.tp->frames_to_complete = 99;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	ck_assert_int_eq(X.tp->n_send_calls, 1);
	ihv_host_free(X.h);
	X.h = NULL;
	hx_run_ms(&X, 30);
	after = strstr(X.tp->log, "DeinitService");
	ck_assert_ptr_nonnull(after);
	ck_assert_msg(!strcmp(after, "DeinitService"), "after DeinitService: %s", after);
	/* the host destroyed the leftover, and said so */
	ck_assert(hx_log_has("timer(s) left at DeinitService destroyed"));
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
	uint64_t foreign[4] = { 0 };
	void *p = NULL;

	hx_open(&X, "tp-good");
	X.tp->alloc_in_init = 1;
	hx_start(&X, "tp-good");
	/* from inside InitService on */
	ck_assert_uint_eq(X.tp->rc_alloc_init, ERROR_SUCCESS);
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(0, &p), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(X.h->outstanding_buffers, 1);
	/* FreeBuffer(NULL) does nothing: no complaint, nothing counted */
	API.Dot11ExtFreeBuffer(NULL);
	ck_assert_uint_eq(X.h->outstanding_buffers, 1);
	ck_assert(!hx_log_has("did not return"));
	API.Dot11ExtFreeBuffer(p);
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
	/* memory the host never handed out is refused, not freed */
	API.Dot11ExtFreeBuffer(&foreign[2]);
	ck_assert(hx_log_has("Dot11ExtAllocateBuffer did not return"));
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(16, NULL), ERROR_INVALID_PARAMETER);
	/* ... and never read through: a pointer right after an unmapped page */
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *m = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(m, MAP_FAILED);
	ck_assert_int_eq(munmap(m, (size_t)pg), 0);
	API.Dot11ExtFreeBuffer(m + pg);
	munmap(m + pg, (size_t)pg);
	/* a second free of a block is refused too, and not counted twice */
	void *q = NULL;

	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(8, &p), ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtAllocateBuffer(8, &q), ERROR_SUCCESS);
	API.Dot11ExtFreeBuffer(p);
	API.Dot11ExtFreeBuffer(p);
	ck_assert_uint_eq(X.h->outstanding_buffers, 1);
	API.Dot11ExtFreeBuffer(q);
	ck_assert_uint_eq(X.h->outstanding_buffers, 0);
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

static int lifecycle_init_lists; /* entries the host had at InitAdapter, or -1 */

static void lifecycle_hook_init_lists(const char *handler)
{
	struct ihv_adapter *a;

	if (strcmp(handler, "InitAdapter") || !X.h)
		return;
	/* the adapter is on the host's list before InitAdapter is called */
	for (a = X.h->adapters; a; a = a->next)
		if (a->ifindex == HX_IFINDEX)
			lifecycle_init_lists = (int)(a->et.n_reg + a->et.n_ex + a->et.max_backlog);
}

START_TEST(test_rule_13_lists_empty_at_init_adapter)
{
	hx_open(&X, "tp-good");
	X.tp->n_exemptions = 1;
	X.tp->exemptions[0].usEtherType = htons(0x888e);
	X.tp->exemptions[0].usExemptionActionType = DOT11_EXEMPT_ALWAYS;
	X.tp->exemptions[0].usExemptionPacketType = DOT11_EXEMPT_BOTH;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* the same interface again, as a new adapter: nothing carried over */
	ihv_adapter_free(X.a);
	lifecycle_init_lists = -1;
	/* the hook is test code called from the plugin: in-process (inline) only */
	X.tp->hook = hx_isolated() ? NULL : lifecycle_hook_init_lists;
	X.tp->register_eapol = 0;
	X.tp->register_in_pre = 0;
	X.tp->frames_to_complete = 99;
	X.tp->n_frames = 0;
	X.a = hx_adapter(&X, HX_IFINDEX);
	ck_assert_ptr_nonnull(X.a);
	X.tp->hook = NULL;
	if (!hx_isolated())
		ck_assert_int_eq(lifecycle_init_lists, 0);
	hx_to_port(&X);
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
	unsigned live;

	hx_open(&X, "tp-after-deinit");
	hx_start(&X, "tp-after-deinit");
	live = ihv_handle_live_count(); /* the plugin's timers and the adapter's svc handle */
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(ihv_handle_live_count(), live + 1); /* + hConnectSession */
	ihv_adapter_free(X.a);
	X.a = NULL;
	/* both died with DeinitAdapter: the session and the adapter's handle */
	ck_assert_uint_eq(ihv_handle_live_count(), live - 1);
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
	hx_to_port(&X);
	ihv_adapter_free(X.a);
	X.a = NULL;
	hx_run(&X, 5);
	ck_assert_msg(strstr(X.tp->log, "StopPostAssociate DeinitAdapter"), "%s", X.tp->log);
	ck_assert_uint_eq(X.tp->rc_after_stop, ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	hx_stop(&X);
}
END_TEST

static int lifecycle_respond_rc = 1;

/* The user answers while DeinitAdapter runs: too late (contract rule 17). */
static void lifecycle_hook_respond_in_deinit(const char *handler)
{
	if (!strcmp(handler, "DeinitAdapter"))
		lifecycle_respond_rc = ihv_adapter_ui_respond(X.a, X.ui_guid[0],
							      (const uint8_t *)"pw", 2);
}

START_TEST(test_rule_17_ui_requests_cancelled_by_deinit)
{
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 1);
	X.tp->hook = hx_isolated() ? NULL : lifecycle_hook_respond_in_deinit;
	ihv_adapter_free(X.a);
	X.tp->hook = NULL;
	X.a = NULL;
	hx_run(&X, 5);
	if (!hx_isolated())
		ck_assert_int_eq(lifecycle_respond_rc, -ENOENT);
	ck_assert(hx_log_has("cancelled: DeinitAdapter (contract rule 17)"));
	ck_assert_int_eq(X.tp->n_ui_responses, 0);
	ck_assert_int_eq(hx_count(X.tp->log, "IsUIRequestPending"), 0);
	hx_stop(&X);

	/* a request not yet handed to the user when the adapter goes: never shown */
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	ihv_adapter_free(X.a);
	X.a = NULL;
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ui, 0);
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

static int lifecycle_lists_at_reset = -1;

/* What the host still holds for the plugin when AdapterReset is entered. */
static void lifecycle_hook_lists_at_reset(const char *handler)
{
	if (!strcmp(handler, "AdapterReset"))
		lifecycle_lists_at_reset = (int)(X.a->et.n_reg + X.a->et.n_ex);
}

START_TEST(test_rule_19_lists_cleared_before_reset)
{
	hx_open(&X, "tp-good");
	X.tp->n_exemptions = 1;
	X.tp->exemptions[0].usEtherType = htons(0x888e);
	X.tp->exemptions[0].usExemptionActionType = DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE;
	X.tp->exemptions[0].usExemptionPacketType = DOT11_EXEMPT_BOTH;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_int_eq(X.tp->n_frames, 2);
	ck_assert_uint_eq(X.a->et.n_reg + X.a->et.n_ex, 2);
	X.tp->hook = hx_isolated() ? NULL : lifecycle_hook_lists_at_reset;
	ihv_adapter_disconnect(X.a, 3);
	X.tp->hook = NULL;
	hx_run(&X, 5);
	if (!hx_isolated())
		ck_assert_int_eq(lifecycle_lists_at_reset, 0); /* both lists, before the call */
	/* the plugin registers only at InitAdapter now: after the reset nothing is */
	X.tp->register_in_pre = 0;
	X.tp->post_mode = TP_POST_NEVER;
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 2);
	hx_stop(&X);
}
END_TEST

START_TEST(test_rule_19_registration_inside_reset_kept)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* the lists are emptied before AdapterReset, so what the plugin sets in it stays */
	X.tp->register_in_reset = 1;
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	X.tp->register_in_reset = 0;
	X.tp->register_in_pre = 0;
	X.tp->frames_to_complete = 99;
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 3);
	hx_stop(&X);
}
END_TEST

static void lifecycle_hook_post_cancel_twice(const char *handler)
{
	if (!strcmp(handler, "AdapterReset"))
		X.tp->rc_cancel = API.Dot11ExtPostAssociateCompletion(
			X.tp->svc, X.tp->security, NULL, L2_REASON_CODE_IHV_BASE + 1,
			ERROR_CANCELLED);
}

START_TEST(test_rule_20_reset_cancel_completions_accepted_once)
{
	/* a pending post-association: one ERROR_CANCELLED, quietly */
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	X.tp->reset_cancels_post = 1;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_cancel_post, ERROR_SUCCESS);
	ck_assert(!hx_log_has("contract rule"));
	/* a second one is refused */
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     L2_REASON_CODE_IHV_BASE + 1,
							     ERROR_CANCELLED),
			  ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	hx_stop(&X);

	/* after AdapterReset, not only during it; anything but the cancel is refused */
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     0, 0),
			  ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(API.Dot11ExtPostAssociateCompletion(X.tp->svc, X.tp->security, NULL,
							     L2_REASON_CODE_IHV_BASE + 1,
							     ERROR_CANCELLED),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_STATION_AUTHORIZE), 0);
	hx_stop(&X);

	/* a completed post-association is not pending: no cancel to accept (in-process hook) */
	if (hx_isolated())
		return;
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	X.tp->hook = lifecycle_hook_post_cancel_twice;
	ihv_adapter_disconnect(X.a, 3);
	X.tp->hook = NULL;
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_cancel, ERROR_INVALID_HANDLE);
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

	/* a request cancelled before it was handed to the user is never shown */
	hx_open(&X, "tp-good");
	X.tp->ui_request = 1;
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	ihv_adapter_disconnect(X.a, 3);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_ui, ERROR_SUCCESS);
	ck_assert_int_eq(X.n_ui, 0);
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

int main(void)
{
	Suite *s = suite_create("contract conformance, lifecycle (rules 1-24)");

	CONFORMANCE_TEST(s, test_rule_01_missing_export_refused);
	CONFORMANCE_TEST(s, test_rule_02_version_then_init_service_version_0);
	CONFORMANCE_TEST(s, test_rule_03_service_table_fully_populated);
	CONFORMANCE_TEST(s, test_rule_04_null_handler_refused);
	CONFORMANCE_TEST(s, test_rule_05_init_virtual_station_before_init_adapter);
	CONFORMANCE_TEST(s, test_rule_06_no_handler_after_deinit_service);
	CONFORMANCE_TEST(s, test_rule_07_deinit_service_after_every_deinit_adapter);
	CONFORMANCE_TEST(s, test_rule_08_calls_after_deinit_service_rejected);
	CONFORMANCE_TEST(s, test_rule_10_buffers_between_init_and_deinit_service);
	CONFORMANCE_TEST(s, test_rule_11_one_init_one_deinit_per_adapter);
	CONFORMANCE_TEST(s, test_rule_12_stale_svc_handle_rejected);
	CONFORMANCE_TEST(s, test_rule_13_lists_empty_at_init_adapter);
	CONFORMANCE_TEST(s, test_rule_14_stop_post_associate_before_deinit_adapter);
	CONFORMANCE_TEST(s, test_rule_15_pending_pre_association_cancelled_by_deinit);
	CONFORMANCE_TEST(s, test_rule_16_pending_post_association_at_deinit);
	CONFORMANCE_TEST(s, test_rule_17_ui_requests_cancelled_by_deinit);
	CONFORMANCE_TEST(s, test_rule_18_adapter_reset_on_every_disconnection);
	CONFORMANCE_TEST(s, test_rule_19_lists_cleared_before_reset);
	CONFORMANCE_TEST(s, test_rule_19_registration_inside_reset_kept);
	CONFORMANCE_TEST(s, test_rule_20_reset_cancels_pending_pre_association);
	CONFORMANCE_TEST(s, test_rule_20_reset_cancel_completions_accepted_once);
	CONFORMANCE_TEST(s, test_rule_21_handles_invalid_after_reset);
	CONFORMANCE_TEST(s, test_rule_22_start_onex_after_reset_rejected);
	CONFORMANCE_TEST(s, test_rule_23_ui_requests_cancelled_by_reset);
	CONFORMANCE_TEST(s, test_rule_24_new_pre_association_after_reset);
	return conformance_run(s);
}
