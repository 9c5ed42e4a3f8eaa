// SPDX-License-Identifier: BSD-3-Clause
/*
 * The adapter and its connection session (src/core/adapter.c): what the
 * host hands the driver and the plugin along one connection, timeouts,
 * threads, re-entrancy and bad input.
 */
#include "tests/unit/core/harness.h"

#define API ihv_service_apis

static struct hx X;

START_TEST(test_connect_params_rsne_and_milestones)
{
	static const uint8_t psk_rsne[] = {
		0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
		0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
	};
	const struct sim_call *c;
	struct ihv_adapter_status st;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	c = sim_drv_last(X.sim, SIM_OP_CONNECT);
	ck_assert_uint_eq(c->ssid_len, 9);
	ck_assert_mem_eq(c->ssid, "ihvd-test", 9);
	ck_assert(c->has_bssid);
	ck_assert_mem_eq(c->bssid, hx_ap_mac, 6); /* the best candidate */
	ck_assert_uint_eq(c->freq, 2412);
	ck_assert_uint_eq(c->ies_len, sizeof(psk_rsne));
	ck_assert_mem_eq(c->ies, psk_rsne, sizeof(psk_rsne));
	ck_assert_uint_eq(c->akm, 0x000fac02);
	ck_assert_uint_eq(c->pairwise, 0x000fac04);
	ck_assert_uint_eq(c->group, 0x000fac04);
	ck_assert_uint_eq(c->wpa_versions, 2);
	ck_assert_int_eq(c->mfp, DRV_MFP_NO);
	ck_assert_str_eq(X.milestones, "pre-association,associating,post-association,authorized");
	ihv_adapter_status_get(X.a, &st);
	ck_assert_int_eq(st.phase, IHV_PHASE_AUTHORIZED);
	ck_assert_mem_eq(st.bssid, hx_ap_mac, 6);
	ck_assert_uint_eq(st.freq, 2412);
	ck_assert_uint_eq(st.akm_suite, 0x000fac02);
	ck_assert_uint_eq(st.pairwise_cipher, 0x000fac04);
	ck_assert_uint_eq(st.group_mgmt_cipher, 0);
	/* the keys went to the driver as the plugin gave them */
	c = sim_drv_call(X.sim, SIM_OP_KEY_NEW, 0);
	ck_assert_int_eq(c->key_type, DRV_KEY_PAIRWISE);
	ck_assert_uint_eq(c->cipher, 0x000fac04);
	ck_assert_uint_eq(c->key_len, 16);
	ck_assert_uint_eq(c->key[0], 0x11);
	ck_assert(c->has_addr);
	ck_assert_mem_eq(c->addr, hx_ap_mac, 6);
	hx_stop(&X);
}
END_TEST

/*
 * The timeline's milestones carry the moment the phase began, not the moment the
 * event reached the policy: a pre-association that takes 60 ms inside the plugin's
 * PerformPreAssociate call shows as 60 ms of pre-association, not as 60 ms before it.
 */
START_TEST(test_milestones_time_the_phase_not_its_delivery)
{
	uint64_t t0, pre, assoc;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	X.tp->pre_delay_ms = 60;
	t0 = loop_now_us();
	hx_authorize(&X);
	ck_assert_str_eq(X.milestones, "pre-association,associating,post-association,authorized");
	pre = X.milestone_us[IHV_PHASE_PRE_ASSOCIATE];
	assoc = X.milestone_us[IHV_PHASE_ASSOCIATING];
	ck_assert_uint_ge(pre, t0);
	ck_assert_uint_ge(assoc, pre + 60000); /* the plugin's 60 ms are pre-association */
	ck_assert_uint_lt(pre, t0 + 60000);    /* and the phase began before them */
	ck_assert_uint_ge(X.milestone_us[IHV_PHASE_POST_ASSOCIATE], assoc);
	ck_assert_uint_ge(X.milestone_us[IHV_PHASE_AUTHORIZED],
			  X.milestone_us[IHV_PHASE_POST_ASSOCIATE]);
	hx_stop(&X);
}
END_TEST

/*
 * A plugin that sends message 4 and completes the post-association inside the same
 * ReceivePacket (as ihv-rsn does): the port is authorized, and the policy told, before
 * message 4's SendPacketCompletion is delivered; that completion still comes, once
 * (contract rule 46). Isolated, it is a round trip that held up the open port (issue 16).
 */
START_TEST(test_port_opens_before_message_4s_send_completion)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	X.tp->complete_in_receive = 1;
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	hx_eapol(&X, "msg3", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_authorized, 1);
	c = sim_drv_last(X.sim, SIM_OP_STATION_AUTHORIZE);
	ck_assert(c && c->authorized);
	ck_assert_int_eq(X.completions_at_authorized, 1); /* message 2's only */
	ck_assert_int_eq(X.tp->n_completions, 2); /* then message 4's, once */
	hx_stop(&X);
}
END_TEST

START_TEST(test_linux_rsn_params_psk_sha256_pmf)
{
	const struct sim_call *c;

	hx_open(&X, "tp-good");
	X.tp->set_rsn = 1;
	X.tp->rsn.dwSize = sizeof(X.tp->rsn);
	X.tp->rsn.dwAkmSuite = DOT11EXT_LINUX_AKM_PSK_SHA256;
	X.tp->rsn.dwMfp = DOT11EXT_LINUX_MFP_REQUIRED;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	ck_assert_uint_eq(X.tp->rc_rsn, ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_CONNECT);
	ck_assert_uint_eq(c->akm, 0x000fac06);
	ck_assert_int_eq(c->mfp, DRV_MFP_REQUIRED);
	ck_assert_mem_eq(c->ies + 16, "\x00\x0f\xac\x06\xc0\x00", 6);
	/* outside a pre-association it is refused */
	ck_assert_uint_eq(ihv_linux_apis.Dot11ExtLinuxSetRsnParams(X.tp->svc, &X.tp->rsn),
			  ERROR_INVALID_STATE);
	hx_stop(&X);
}
END_TEST

START_TEST(test_buffers_handed_to_the_plugin)
{
	DOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	const struct sim_call *c;
	DOT11_BSS_ENTRY e;
	const uint8_t *ies;
	size_t off = 0;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	/* PerformPreAssociate: the SSID, the UTF-16 fragments, the BSS list */
	ck_assert_uint_eq(X.tp->ssid_len, 9);
	ck_assert_mem_eq(X.tp->ssid, "ihvd-test", 9);
	ck_assert_str_eq(X.tp->conn_xml, "<IHV><conn/></IHV>");
	ck_assert_str_eq(X.tp->sec_xml, "<IHV><psk>secret</psk></IHV>");
	ck_assert_int_eq(ihv_bss_list_next(X.tp->bss_list, X.tp->bss_list_len, &off, &e, &ies), 1);
	ck_assert_mem_eq(e.dot11BSSID, hx_ap_mac, 6);
	ck_assert_uint_eq(e.uBufferLength, sizeof(hx_ap_ies));
	ck_assert_mem_eq(ies, hx_ap_ies, sizeof(hx_ap_ies));
	ck_assert_int_eq(ihv_bss_list_next(X.tp->bss_list, X.tp->bss_list_len, &off, &e, &ies), 1);
	ck_assert_mem_eq(e.dot11BSSID, hx_ap2_mac, 6);
	ck_assert_int_eq(ihv_bss_list_next(X.tp->bss_list, X.tp->bss_list_len, &off, &e, &ies), 0);
	/* PerformPostAssociate: request IEs (with our RSNE), response, beacon */
	memcpy(&p, X.tp->assoc, sizeof(p));
	c = sim_drv_last(X.sim, SIM_OP_CONNECT);
	ck_assert_uint_eq(X.tp->assoc_len, 96 + c->ies_len + sizeof(hx_resp_ies) +
			  sizeof(hx_ap_ies));
	ck_assert_mem_eq(p.MacAddr, hx_ap_mac, 6);
	ck_assert_uint_eq(p.uAssocReqSize, c->ies_len);
	ck_assert_mem_eq(X.tp->assoc + p.uAssocReqOffset, c->ies, c->ies_len);
	ck_assert_mem_eq(X.tp->assoc + p.uAssocRespOffset, hx_resp_ies, sizeof(hx_resp_ies));
	ck_assert_uint_eq(p.uBeaconSize, sizeof(hx_ap_ies));
	ck_assert_mem_eq(X.tp->assoc + p.uBeaconOffset, hx_ap_ies, sizeof(hx_ap_ies));
	ck_assert_uint_eq(p.AuthAlgo, DOT11_AUTH_ALGO_RSNA_PSK);
	ck_assert_uint_eq(p.UnicastCipher, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_uint_eq(p.ucActiveQoSProtocol, DOT11_QOS_PROTOCOL_FLAG_WMM);
	hx_stop(&X);
}
END_TEST

START_TEST(test_adapter_identity)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_mem_eq(X.tp->adapter_guid.Data4 + 2, hx_sta_mac, 6);
	ck_assert_str_eq(X.tp->adapter_desc, "ihvd wlan0 02:00:00:00:01:00");
	ck_assert_uint_eq(X.tp->rc_info, ERROR_SUCCESS);
	ck_assert_mem_eq(X.tp->info.MacAddress, hx_sta_mac, 6);
	ck_assert_uint_eq(X.tp->info.dwIfIndex, HX_IFINDEX);
	ck_assert_str_eq(X.tp->info.szIfName, "wlan0");
	ck_assert_uint_gt(X.tp->info.dwNumCipherSuites, 3);
	hx_stop(&X);
	/* the same MAC gives the same GUID */
	{
		GUID first;

		hx_open(&X, "tp-good");
		hx_start(&X, "tp-good");
		first = X.tp->adapter_guid;
		ihv_adapter_free(X.a);
		X.a = hx_adapter(&X, HX_IFINDEX);
		ck_assert_mem_eq(&X.tp->adapter_guid, &first, sizeof(first));
		hx_stop(&X);
	}
}
END_TEST

START_TEST(test_threaded_plugin)
{
	const struct sim_call *c;

	hx_open(&X, "tp-threaded");
	hx_start(&X, "tp-threaded");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_uint_eq(X.tp->rc_pre, ERROR_SUCCESS);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 1);
	hx_associate(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_authorized, 1);
	/* the thread's packet went out first, in the clear, then the keys */
	c = sim_drv_last(X.sim, SIM_OP_EAPOL_TX);
	ck_assert_ptr_nonnull(c);
	ck_assert_mem_eq(c->frame, "thread", 6);
	ck_assert(c->no_encrypt);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_KEY_NEW), 2);
	ck_assert_int_eq(X.tp->n_completions, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_eapol_before_post_associate_is_held)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	hx_eapol(&X, "early1", true);
	hx_eapol(&X, "early2", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 0);
	hx_associate(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.tp->n_frames, 2);
	ck_assert_mem_eq(X.tp->frames[0].data + 8, "early1", 6);
	ck_assert_mem_eq(X.tp->frames[1].data + 8, "early2", 6);
	hx_stop(&X);
}
END_TEST

START_TEST(test_post_association_timeout)
{
	hx_open(&X, "tp-good");
	X.tp->post_mode = TP_POST_NEVER;
	hx_start_t(&X, "tp-good", 0, 100);
	hx_connect(&X);
	hx_run(&X, 5);
	hx_associate(&X);
	hx_run_ms(&X, 250);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.ended.phase, IHV_PHASE_POST_ASSOCIATE);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_SECURITY_TIMEOUT);
	ck_assert_uint_eq(X.ended.win32, ERROR_TIMEOUT);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_DISCONNECT), 1);
	ck_assert(strstr(X.tp->log, "StopPostAssociate AdapterReset"));
	ck_assert(hx_log_has("plugin tp-good did not complete the post-association on wlan0"));
	hx_stop(&X);
}
END_TEST

START_TEST(test_driver_failures_end_the_attempt)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	sim_drv_fail(X.sim, SIM_OP_CONNECT, EBUSY, 1);
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_int_eq(X.ended.phase, IHV_PHASE_ASSOCIATING);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_ASSOCIATION_FAILURE);
	ck_assert_uint_eq(X.ended.win32, ERROR_INVALID_STATE);
	ck_assert_int_eq(hx_count(X.tp->log, "AdapterReset"), 1);
	/* authorizing the station fails */
	sim_drv_fail(X.sim, SIM_OP_STATION_AUTHORIZE, EIO, 1);
	hx_to_port(&X);
	hx_eapol(&X, "m1", true);
	hx_eapol(&X, "m3", true);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_authorized, 0);
	ck_assert_int_eq(X.n_ended, 2);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_SECURITY_FAILURE);
	hx_stop(&X);
}
END_TEST

START_TEST(test_inexpressible_algorithms_end_the_pre_association)
{
	hx_open(&X, "tp-good");
	X.tp->auth = DOT11_AUTH_ALGO_WPA_PSK; /* refused: auth stays unset */
	hx_start(&X, "tp-good");
	hx_connect(&X);
	hx_run(&X, 5);
	ck_assert_int_eq(X.n_ended, 1);
	ck_assert_uint_eq(X.ended.reason, WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 0);
	hx_stop(&X);
}
END_TEST

static void disconnect_hook(void *ctx, struct sim_drv *s, const struct sim_call *c)
{
	(void)ctx;
	(void)c;
	sim_drv_inject_disconnect(s, HX_IFINDEX, 4, false);
	sim_drv_tx_hook_set(s, NULL, NULL);
}

START_TEST(test_reentrant_driver_event_deferred)
{
	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	hx_to_port(&X);
	sim_drv_tx_hook_set(X.sim, disconnect_hook, NULL);
	hx_eapol(&X, "msg1", true);
	hx_run(&X, 5);
	/* the disconnect reported inside SendPacket ran after ReceivePacket returned */
	ck_assert_int_eq(X.tp->overlap, 0);
	ck_assert(strstr(X.tp->log, "ReceivePacket StopPostAssociate AdapterReset"));
	ck_assert_int_eq(X.n_ended, 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_bad_input)
{
	struct ihv_connect_request req;
	struct ihv_host_params p;

	hx_open(&X, "tp-good");
	ck_assert_ptr_null(ihv_host_new(NULL, X.err, sizeof(X.err)));
	memset(&p, 0, sizeof(p));
	p.loop = X.loop;
	p.drv = sim_drv_base(X.sim);
	p.plugin_path = "/nonexistent/plugin.so";
	ck_assert_ptr_null(ihv_host_new(&p, X.err, sizeof(X.err)));
	ck_assert(strstr(X.err, "dlopen /nonexistent/plugin.so"));
	hx_start(&X, "tp-good");
	ck_assert_ptr_null(ihv_adapter_new(X.h, 99, "nope", &hx_events, &X));
	memset(&req, 0, sizeof(req));
	ck_assert_int_eq(ihv_adapter_connect(X.a, NULL), -EINVAL);
	ck_assert_int_eq(ihv_adapter_connect(X.a, &req), -EINVAL);
	req.ssid = (const uint8_t *)"0123456789012345678901234567890123";
	req.ssid_len = 33;
	ck_assert_int_eq(ihv_adapter_connect(X.a, &req), -EINVAL);
	req.ssid_len = 4;
	req.security_xml = "\xff\xfe";
	ck_assert_int_eq(ihv_adapter_connect(X.a, &req), -EINVAL);
	ck_assert_int_eq(hx_count(X.tp->log, "PerformPreAssociate"), 0);
	ck_assert_int_eq(ihv_adapter_disconnect(X.a, 3), 0); /* idle: nothing */
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_connect(&X);
	req.security_xml = NULL;
	ck_assert_int_eq(ihv_adapter_connect(X.a, &req), -EBUSY);
	/* service functions with NULL and oversized arguments */
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtSetEtherTypeHandling(X.tp->svc, 1, 3, NULL, 0, NULL),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtSendPacket(X.tp->svc, 100000, "x", NULL),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtSendUIRequest(X.tp->svc, NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(NULL, X.tp->connect, 0, 0),
			  ERROR_INVALID_HANDLE);
	/* a connect session used as an adapter handle */
	ck_assert_uint_eq(API.Dot11ExtSetExcludeUnencrypted(X.tp->connect, TRUE),
			  ERROR_INVALID_HANDLE);
	hx_stop(&X);
}
END_TEST

START_TEST(test_other_adapter_state_untouched)
{
	struct ihv_adapter *b;

	hx_open(&X, "tp-good");
	X.tp->pre_mode = TP_PRE_NEVER;
	hx_start(&X, "tp-good");
	b = hx_adapter(&X, HX_IFINDEX2);
	ck_assert_ptr_nonnull(b);
	hx_connect(&X);
	hx_run(&X, 5);
	/* wlan1's handle with wlan0's session */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc2, X.tp->connect, 0, 0),
			  ERROR_INVALID_HANDLE);
	/* wlan0's session is still pending and completes normally */
	ck_assert_uint_eq(API.Dot11ExtPreAssociateCompletion(X.tp->svc, X.tp->connect, 0, 0),
			  ERROR_SUCCESS);
	hx_run(&X, 5);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_CONNECT), 1);
	ck_assert_uint_eq(sim_drv_last(X.sim, SIM_OP_CONNECT)->ifindex, HX_IFINDEX);
	hx_stop(&X);
}
END_TEST

START_TEST(test_validate_and_capability_match)
{
	static const struct drv_bss *none[1];
	struct ihv_connect_request req = { (const uint8_t *)"net", 3, none, 0, "<a/>", "<b/>" };
	uint32_t reason = 99;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_int_eq(ihv_adapter_profile_validate(X.a, (const uint8_t *)"net", 3, "<a/>",
						      "<b/>", &reason), 0);
	ck_assert_uint_eq(reason, 0);
	reason = 99;
	ck_assert_int_eq(ihv_adapter_capability_match(X.a, &req, &reason), 0);
	ck_assert_uint_eq(reason, 0);
	ck_assert(strstr(X.tp->log, "ValidateProfile PerformCapabilityMatch"));
	hx_stop(&X);
}
END_TEST

/* A driver indication, as the nl80211 edge reports it. */
static void adapter_indicate(enum drv_event_type type, void (*fill)(struct drv_event *ev))
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.ifindex = HX_IFINDEX;
	fill(&ev);
	sim_drv_inject(X.sim, &ev);
}

static void adapter_fill_mic(struct drv_event *ev)
{
	memcpy(ev->mic_failure.addr, hx_ap_mac, 6);
	ev->mic_failure.group = true;
	ev->mic_failure.key_idx = 1;
}

static void adapter_fill_pmksa(struct drv_event *ev)
{
	memcpy(ev->pmksa.bssid, hx_ap2_mac, 6);
	ev->pmksa.preauth = true;
}

static void adapter_fill_cqm(struct drv_event *ev)
{
	ev->cqm.rssi_low = true;
	ev->cqm.has_rssi = true;
	ev->cqm.rssi_dbm = -80;
}

static void adapter_fill_beacon_loss(struct drv_event *ev)
{
	ev->cqm.beacon_loss = true;
}

START_TEST(test_driver_indications_reach_the_plugin)
{
	const DOT11_TKIPMIC_FAILURE_PARAMETERS *mic;
	const DOT11_PMKID_CANDIDATE_LIST_PARAMETERS *pl;
	const DOT11_BSSID_CANDIDATE *cand;
	const DOT11_LINK_QUALITY_PARAMETERS *lq;
	const DOT11_LINK_QUALITY_ENTRY *ent;

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	/* no link yet: link quality has nothing to report on */
	adapter_indicate(DRV_EVENT_CQM, adapter_fill_cqm);
	ck_assert_int_eq(X.tp->n_indications, 0);
	hx_authorize(&X);

	adapter_indicate(DRV_EVENT_MIC_FAILURE, adapter_fill_mic);
	ck_assert_int_eq(X.tp->n_indications, 1);
	ck_assert_int_eq(X.tp->ind_type, IndicationTypeTkipMicFailure);
	ck_assert_uint_eq(X.tp->ind_len, sizeof(*mic));
	mic = (const void *)X.tp->ind;
	ck_assert_uint_eq(mic->Header.Type, NDIS_OBJECT_TYPE_DEFAULT);
	ck_assert_uint_eq(mic->Header.Size, sizeof(*mic));
	ck_assert(mic->bDefaultKeyFailure);
	ck_assert_uint_eq(mic->uKeyIndex, 1);
	ck_assert_mem_eq(mic->PeerMac, hx_ap_mac, 6);

	adapter_indicate(DRV_EVENT_PMKSA_CANDIDATE, adapter_fill_pmksa);
	ck_assert_int_eq(X.tp->ind_type, IndicationTypePmkidCandidateList);
	pl = (const void *)X.tp->ind;
	ck_assert_uint_eq(pl->uCandidateListSize, 1);
	ck_assert_uint_ge(pl->uCandidateListOffset, sizeof(*pl));
	ck_assert_uint_le(pl->uCandidateListOffset + sizeof(*cand), X.tp->ind_len);
	cand = (const void *)(X.tp->ind + pl->uCandidateListOffset);
	ck_assert_mem_eq(cand->BSSID, hx_ap2_mac, 6);
	ck_assert_uint_eq(cand->uFlags, DOT11_PMKID_CANDIDATE_PREAUTH_ENABLED);

	adapter_indicate(DRV_EVENT_CQM, adapter_fill_cqm);
	ck_assert_int_eq(X.tp->ind_type, IndicationTypeLinkQuality);
	lq = (const void *)X.tp->ind;
	ck_assert_uint_eq(lq->uLinkQualityListSize, 1);
	ent = (const void *)(X.tp->ind + lq->uLinkQualityListOffset);
	ck_assert_mem_eq(ent->PeerMacAddr, hx_ap_mac, 6);
	ck_assert_uint_eq(ent->ucLinkQuality, 40); /* -80 dBm */
	adapter_indicate(DRV_EVENT_CQM, adapter_fill_beacon_loss);
	ent = (const void *)(X.tp->ind + ((const DOT11_LINK_QUALITY_PARAMETERS *)X.tp->ind)
					     ->uLinkQualityListOffset);
	ck_assert_uint_eq(ent->ucLinkQuality, 0);
	ck_assert_int_eq(X.tp->n_indications, 4);
	ck_assert_int_eq(X.tp->overlap, 0);
	hx_stop(&X);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("adapter");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(t, 10);
	tcase_add_test(t, test_connect_params_rsne_and_milestones);
	tcase_add_test(t, test_milestones_time_the_phase_not_its_delivery);
	tcase_add_test(t, test_port_opens_before_message_4s_send_completion);
	tcase_add_test(t, test_linux_rsn_params_psk_sha256_pmf);
	tcase_add_test(t, test_buffers_handed_to_the_plugin);
	tcase_add_test(t, test_adapter_identity);
	tcase_add_test(t, test_threaded_plugin);
	tcase_add_test(t, test_eapol_before_post_associate_is_held);
	tcase_add_test(t, test_post_association_timeout);
	tcase_add_test(t, test_driver_failures_end_the_attempt);
	tcase_add_test(t, test_inexpressible_algorithms_end_the_pre_association);
	tcase_add_test(t, test_reentrant_driver_event_deferred);
	tcase_add_test(t, test_bad_input);
	tcase_add_test(t, test_other_adapter_state_untouched);
	tcase_add_test(t, test_validate_and_capability_match);
	tcase_add_test(t, test_driver_indications_reach_the_plugin);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
