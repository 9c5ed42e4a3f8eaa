/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The test plugin's 19 handlers and its exports. Part of tp.h's
 * implementation: included by tp.h alone, under TP_IMPLEMENTATION, after
 * the state, the timers, the keys and the threads it uses.
 */
#ifndef IHVD_TESTS_TP_HANDLERS_H
#define IHVD_TESTS_TP_HANDLERS_H

/* ---- handlers --------------------------------------------------------------------- */

static VOID WINAPI h_deinit_service(VOID)
{
	enter("DeinitService");
	if (tp_state.timer_at_deinit && g_pre_timer) {
		/* a sloppy plugin: a timer armed and left for the host (contract rule 6) */
		g_lx.Dot11ExtLinuxTimerArm(g_pre_timer, 0);
		leave();
		return;
	}
	if (g_lx.Dot11ExtLinuxTimerDestroy) {
		if (g_pre_timer)
			g_lx.Dot11ExtLinuxTimerDestroy(g_pre_timer);
		if (g_post_timer)
			g_lx.Dot11ExtLinuxTimerDestroy(g_post_timer);
		if (g_late_timer)
			g_lx.Dot11ExtLinuxTimerDestroy(g_late_timer);
	}
	g_pre_timer = g_post_timer = g_late_timer = NULL;
	leave();
}

static DWORD WINAPI h_init_adapter(PDOT11_ADAPTER ad, HANDLE svc, PHANDLE out)
{
	USHORT reg[2];

	enter("InitAdapter");
	TP_HOSTILE_AT("InitAdapter");
	if (!ad || !out) {
		leave();
		return ERROR_INVALID_PARAMETER;
	}
	if (tp_state.init_adapter_error) {
		leave();
		return tp_state.init_adapter_error;
	}
	if (tp_state.svc)
		tp_state.svc2 = svc;
	else
		tp_state.svc = svc;
	tp_state.adapter_guid = ad->gAdapterId;
	utf16_to_ascii(ad->pszDescription, tp_state.adapter_desc,
		       sizeof(tp_state.adapter_desc));
	if (g_lx.Dot11ExtLinuxGetAdapterInfo) {
		tp_state.info.dwSize = sizeof(tp_state.info);
		tp_state.rc_info = g_lx.Dot11ExtLinuxGetAdapterInfo(svc, &tp_state.info);
	}
	if (tp_state.register_eapol) {
		uint8_t be[4] = { 0x88, 0x8e, (uint8_t)(tp_state.extra_ethertype >> 8),
				  (uint8_t)tp_state.extra_ethertype };

		/* big-endian 0x888e (contract §4.5), then the extra one if any */
		memcpy(reg, be, 4);
		g_api.Dot11ExtSetEtherTypeHandling(svc, tp_state.backlog,
						   tp_state.n_exemptions,
						   tp_state.n_exemptions ? tp_state.exemptions : NULL,
						   tp_state.extra_ethertype ? 2 : 1, reg);
	}
	*out = &g_adapter_token;
	leave();
	return ERROR_SUCCESS;
}

static VOID WINAPI h_deinit_adapter(HANDLE a)
{
	(void)a;
	enter("DeinitAdapter");
	if (tp_state.calls_after_deinit) {
		tp_state.rc_in_deinit[0] = g_api.Dot11ExtSetExcludeUnencrypted(tp_state.svc, TRUE);
		tp_state.rc_in_deinit[1] = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		tp_state.old_connect = tp_state.connect;
		if (g_late_timer)
			g_lx.Dot11ExtLinuxTimerArm(g_late_timer, 0);
	}
	leave();
}

static DWORD WINAPI h_perform_pre_associate(HANDLE a, HANDLE cs,
					    PDOT11EXT_IHV_PROFILE_PARAMS pp,
					    PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
					    PDOT11EXT_IHV_SECURITY_PROFILE sec,
					    PDOT11_BSS_LIST bl, PDWORD reason)
{
	(void)a;
	enter("PerformPreAssociate");
	TP_HOSTILE_AT("PerformPreAssociate");
	tp_state.connect = cs;
	*reason = tp_state.pre_return_reason;
	if (tp_state.pre_delay_ms)
		usleep(tp_state.pre_delay_ms * 1000u);
	if (bl && bl->uNumOfBytes <= sizeof(tp_state.bss_list)) {
		tp_state.bss_list_len = bl->uNumOfBytes;
		memcpy(tp_state.bss_list, bl->pucBuffer, bl->uNumOfBytes);
	}
	if (pp && pp->pSsidList && pp->pSsidList->ulCount) {
		tp_state.ssid_len = pp->pSsidList->SSIDs[0].uSSIDLength;
		memcpy(tp_state.ssid, pp->pSsidList->SSIDs[0].ucSSID, 32);
	}
	utf16_to_ascii(conn ? conn->pszXmlFragmentIhvConnectivity : NULL, tp_state.conn_xml,
		       sizeof(tp_state.conn_xml));
	utf16_to_ascii(sec ? sec->pszXmlFragmentIhvSecurity : NULL, tp_state.sec_xml,
		       sizeof(tp_state.sec_xml));
	if (tp_state.udata_in_pre) {
		uint8_t d[2] = { 1, 2 };

		tp_state.rc_udata_in_pre = g_api.Dot11ExtSetProfileCustomUserData(
			tp_state.svc, cs, 1, sizeof(d), d);
	}
	if (tp_state.pre_mode == TP_PRE_REFUSE) {
		leave();
		return tp_state.pre_error;
	}
	if (tp_state.register_in_pre) {
		USHORT reg[2];
		uint8_t be[4] = { 0x88, 0x8e, (uint8_t)(tp_state.extra_ethertype >> 8),
				  (uint8_t)tp_state.extra_ethertype };

		memcpy(reg, be, 4);
		g_api.Dot11ExtSetEtherTypeHandling(tp_state.svc, tp_state.backlog,
						   tp_state.n_exemptions,
						   tp_state.n_exemptions ? tp_state.exemptions : NULL,
						   tp_state.extra_ethertype ? 2 : 1, reg);
	}
	if (tp_state.auth)
		g_api.Dot11ExtSetAuthAlgorithm(tp_state.svc, tp_state.auth);
	if (tp_state.ucast)
		g_api.Dot11ExtSetUnicastCipherAlgorithm(tp_state.svc, tp_state.ucast);
	if (tp_state.mcast)
		g_api.Dot11ExtSetMulticastCipherAlgorithm(tp_state.svc, tp_state.mcast);
	if (tp_state.set_rsn)
		tp_state.rc_rsn = g_lx.Dot11ExtLinuxSetRsnParams(tp_state.svc, &tp_state.rsn);
	if (tp_state.ui_request) {
		DOT11EXT_IHV_UI_REQUEST r;
		static uint8_t text[] = "Enter the passphrase";

		memset(&r, 0, sizeof(r));
		r.guidUIRequest.Data1 = 0x1234;
		r.guidUIRequest.Data4[7] = 1;
		r.dwByteCount = sizeof(text) - 1;
		r.pvUIRequest = text;
		tp_state.rc_ui = g_api.Dot11ExtSendUIRequest(tp_state.svc, &r);
	}
	switch (tp_state.pre_mode) {
	case TP_PRE_SYNC:
		tp_state.rc_pre = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, cs, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		break;
	case TP_PRE_THREAD:
		run_thread(pre_thread);
		break;
	case TP_PRE_NEVER:
		break;
	default:
		g_lx.Dot11ExtLinuxTimerArm(g_pre_timer, 0);
		break;
	}
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_adapter_reset(HANDLE a)
{
	(void)a;
	enter("AdapterReset");
	if (tp_state.reset_cancels)
		tp_state.rc_cancel = g_api.Dot11ExtPreAssociateCompletion(
			tp_state.svc, tp_state.connect, L2_REASON_CODE_IHV_BASE + 1,
			ERROR_CANCELLED);
	if (tp_state.reset_cancels_post)
		tp_state.rc_cancel_post = g_api.Dot11ExtPostAssociateCompletion(
			tp_state.svc, tp_state.security, NULL, L2_REASON_CODE_IHV_BASE + 1,
			ERROR_CANCELLED);
	if (tp_state.register_in_reset) {
		USHORT reg;
		uint8_t be[2] = { 0x88, 0x8e };

		memcpy(&reg, be, 2);
		g_api.Dot11ExtSetEtherTypeHandling(tp_state.svc, tp_state.backlog, 0, NULL, 1,
						   &reg);
	}
	tp_state.old_connect = tp_state.connect;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_perform_post_associate(HANDLE a, HANDLE ss, PDOT11_PORT_STATE ps,
					     ULONG len, PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p)
{
	(void)a;
	enter("PerformPostAssociate");
	TP_HOSTILE_AT("PerformPostAssociate");
	tp_state.security = ss;
	if (ps)
		tp_state.port = *ps;
	if (p && len <= sizeof(tp_state.assoc)) {
		tp_state.assoc_len = len;
		memcpy(tp_state.assoc, p, len);
	}
	if (tp_state.et_late) {
		USHORT reg;
		uint8_t be[2] = { 0x88, 0x8e };

		memcpy(&reg, be, 2);

		tp_state.rc_et_late = g_api.Dot11ExtSetEtherTypeHandling(tp_state.svc, 4, 0,
									 NULL, 1, &reg);
	}
	if (tp_state.onex)
		tp_state.rc_onex_start = g_api.Dot11ExtStartOneX(tp_state.svc, NULL);
	if (tp_state.notify) {
		L2_NOTIFICATION_DATA nd;
		uint8_t data[4] = { 1, 2, 3, 4 };

		memset(&nd, 0, sizeof(nd));
		nd.NotificationSource = L2_NOTIFICATION_SOURCE_WLAN_IHV;
		nd.NotificationCode = 7;
		nd.dwDataSize = sizeof(data);
		nd.pData = data;
		tp_state.rc_notify = g_api.Dot11ExtSendNotification(tp_state.svc, &nd);
		memset(data, 0xee, sizeof(data)); /* the host must have copied */
	}
	switch (tp_state.post_mode) {
	case TP_POST_REFUSE:
		leave();
		return tp_state.post_error;
	case TP_POST_SYNC:
		tp_state.rc_post = g_api.Dot11ExtPostAssociateCompletion(
			tp_state.svc, ss, NULL, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
		break;
	case TP_POST_ASYNC:
	case TP_POST_FAIL:
		g_lx.Dot11ExtLinuxTimerArm(g_post_timer, 0);
		break;
	case TP_POST_THREAD:
		run_thread(post_thread);
		break;
	case TP_POST_EAPOL:
	case TP_POST_NEVER:
		break;
	}
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_stop_post_associate(HANDLE a, PDOT11_MAC_ADDRESS peer,
					  DOT11_ASSOC_STATUS st)
{
	(void)a;
	(void)peer;
	enter("StopPostAssociate");
	tp_state.stop_status = st;
	tp_state.old_security = tp_state.security;
	if (tp_state.complete_after_stop)
		g_lx.Dot11ExtLinuxTimerArm(g_late_timer, 0);
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_validate_profile(HANDLE a, PDOT11EXT_IHV_PROFILE_PARAMS pp,
				       PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
				       PDOT11EXT_IHV_SECURITY_PROFILE s, PDWORD reason)
{
	(void)a;
	(void)pp;
	(void)c;
	(void)s;
	enter("ValidateProfile");
	*reason = tp_state.validate_reason;
	leave();
	return tp_state.validate_error;
}

static DWORD WINAPI h_capability_match(HANDLE a, PDOT11EXT_IHV_PROFILE_PARAMS pp,
				       PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
				       PDOT11EXT_IHV_SECURITY_PROFILE s, PDOT11_BSS_LIST bl,
				       PDWORD reason)
{
	(void)a;
	(void)pp;
	(void)c;
	(void)s;
	(void)bl;
	enter("PerformCapabilityMatch");
	*reason = tp_state.match_reason;
	leave();
	return tp_state.match_error;
}

static DWORD WINAPI h_create_discovery_profiles(HANDLE a, BOOL insecure,
						PDOT11EXT_IHV_PROFILE_PARAMS pp,
						PDOT11_BSS_LIST bl,
						PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST out,
						PDWORD reason)
{
	(void)a;
	(void)insecure;
	(void)pp;
	(void)bl;
	enter("CreateDiscoveryProfiles");
	out->dwCount = 0;
	out->pIhvDiscoveryProfiles = NULL;
	if (tp_state.discovery == 2) {
		static DOT11EXT_IHV_DISCOVERY_PROFILE foreign; /* not from AllocateBuffer */

		out->dwCount = 1;
		out->pIhvDiscoveryProfiles = &foreign;
		*reason = L2_REASON_CODE_SUCCESS;
		leave();
		return ERROR_SUCCESS; /* a success the host must still refuse */
	} else if (tp_state.discovery == 5) { /* 5: 3 profiles, 360,000 octets in all */
		enum { N = 30000 };
		PDOT11EXT_IHV_DISCOVERY_PROFILE p = NULL;
		WCHAR *cc = NULL, *ss = NULL;

		if (g_api.Dot11ExtAllocateBuffer(3 * sizeof(*p), (LPVOID *)&p) ||
		    g_api.Dot11ExtAllocateBuffer((N + 1) * sizeof(WCHAR), (LPVOID *)&cc) ||
		    g_api.Dot11ExtAllocateBuffer((N + 1) * sizeof(WCHAR), (LPVOID *)&ss)) {
			leave();
			return ERROR_OUTOFMEMORY;
		}
		for (int i = 0; i < N; i++) {
			cc[i] = 'A';
			ss[i] = 'B';
		}
		cc[N] = ss[N] = 0;
		memset(p, 0, 3 * sizeof(*p));
		for (int i = 0; i < 3; i++) { /* one pair of fragments shared by all three */
			p[i].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity = cc;
			p[i].IhvSecurityProfile.pszXmlFragmentIhvSecurity = ss;
		}
		out->dwCount = 3;
		out->pIhvDiscoveryProfiles = p;
		*reason = L2_REASON_CODE_SUCCESS;
		leave();
		return ERROR_SUCCESS;
	} else if (tp_state.discovery == 1 || tp_state.discovery == 3 ||
		   tp_state.discovery == 4) {
		static const WCHAR c[] = { '<', 'c', '/', '>', 0 }, s[] = { '<', 's', '/', '>', 0 };
		PDOT11EXT_IHV_DISCOVERY_PROFILE p = NULL;
		LPVOID cc = NULL, ss = NULL;

		if (g_api.Dot11ExtAllocateBuffer(sizeof(*p), (LPVOID *)&p) ||
		    g_api.Dot11ExtAllocateBuffer(sizeof(c), &cc) ||
		    g_api.Dot11ExtAllocateBuffer(sizeof(s), &ss)) {
			leave();
			return ERROR_OUTOFMEMORY;
		}
		memcpy(cc, c, sizeof(c));
		memcpy(ss, s, sizeof(s));
		if (tp_state.discovery == 4) /* 4: a fragment with no terminator in its block */
			memset(cc, 'A', sizeof(c));
		memset(p, 0, sizeof(*p));
		p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity = cc;
		p->IhvSecurityProfile.pszXmlFragmentIhvSecurity = ss;
		out->dwCount = tp_state.discovery == 3 ? 5 : 1; /* 3: more entries than the block */
		out->pIhvDiscoveryProfiles = p;
		*reason = L2_REASON_CODE_SUCCESS;
		leave();
		return ERROR_SUCCESS;
	}
	*reason = L2_REASON_CODE_IHV_BASE;
	leave();
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI h_process_session_change(ULONG ev, PWTSSESSION_NOTIFICATION n)
{
	(void)ev;
	(void)n;
	enter("ProcessSessionChange");
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_receive_indication(HANDLE a, DOT11EXT_IHV_INDICATION_TYPE t,
					 ULONG len, LPVOID buf)
{
	(void)a;
	enter("ReceiveIndication");
	tp_state.n_indications++;
	tp_state.ind_type = (int)t;
	tp_state.ind_len = len;
	if (buf && len <= sizeof(tp_state.ind))
		memcpy(tp_state.ind, buf, len);
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_receive_packet(HANDLE a, DWORD len, LPVOID buf)
{
	const uint8_t *p = buf;
	struct tp_frame *f;
	int n;

	(void)a;
	enter("ReceivePacket");
	TP_HOSTILE_AT("ReceivePacket");
	tp_state.recv_depth++;
	if (tp_state.recv_depth > tp_state.max_recv_depth)
		tp_state.max_recv_depth = tp_state.recv_depth;
	n = tp_state.n_frames++;
	if (n < TP_MAX_FRAMES) {
		f = &tp_state.frames[n];
		f->len = len;
		memcpy(f->data, p, len < sizeof(f->data) ? len : sizeof(f->data));
	}
	if (tp_state.notify_on_extra && len >= 8 && tp_state.extra_ethertype &&
	    (uint16_t)(p[6] << 8 | p[7]) == tp_state.extra_ethertype) {
		/* DOT11_SECURITY_PACKET_HEADER: peer MAC, big-endian EtherType, data */
		L2_NOTIFICATION_DATA nd;

		memset(&nd, 0, sizeof(nd));
		nd.NotificationSource = L2_NOTIFICATION_SOURCE_WLAN_IHV;
		nd.NotificationCode = 8;
		nd.dwDataSize = len - 8;
		nd.pData = (LPVOID)(p + 8);
		tp_state.rc_notify = g_api.Dot11ExtSendNotification(tp_state.svc, &nd);
	} else if (tp_state.onex && len >= 12) {
		/* contract rule 59: EAPOL-Key is ours, the rest goes to the host's 802.1X module */
		if (p[9] != 3)
			tp_state.rc_onex_pkt = g_api.Dot11ExtProcessSecurityPacket(tp_state.svc,
										   len - 8,
										   (LPVOID)(p + 8));
		else
			tp_state.rc_onex_key = g_api.Dot11ExtProcessSecurityPacket(tp_state.svc,
										   len - 8,
										   (LPVOID)(p + 8));
	} else if (tp_state.post_mode == TP_POST_EAPOL && len >= 8) {
		if (tp_state.reply)
			send_reply(p, n + 1 == tp_state.frames_to_complete ? "msg4" : "msg2");
		if (n + 1 == tp_state.frames_to_complete) {
			if (tp_state.install_keys)
				install_keys();
			if (tp_state.complete_in_receive)
				post_timer_cb(NULL, NULL); /* as ihv-rsn does at message 3 */
			else
				g_lx.Dot11ExtLinuxTimerArm(g_post_timer, 0);
		}
	}
	tp_state.recv_depth--;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_send_packet_completion(HANDLE hc)
{
	enter("SendPacketCompletion");
	if (tp_state.n_completions < TP_MAX_SENDS)
		tp_state.completions[tp_state.n_completions] = hc;
	tp_state.n_completions++;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_is_ui_request_pending(GUID g, PBOOL pending)
{
	enter("IsUIRequestPending");
	*pending = !tp_state.ui_not_pending && (g.Data1 == 0x1234 || g.Data1 == 0x5678);
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_process_ui_response(GUID g, DWORD n, LPVOID buf)
{
	(void)g;
	enter("ProcessUIResponse");
	tp_state.n_ui_responses++;
	tp_state.ui_response_len = n;
	if (buf && n <= sizeof(tp_state.ui_response))
		memcpy(tp_state.ui_response, buf, n);
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_query_ui_request(HANDLE a, DOT11EXT_IHV_CONNECTION_PHASE ph,
				       PDOT11EXT_IHV_UI_REQUEST *out)
{
	PDOT11EXT_IHV_UI_REQUEST r = NULL;
	void *data = NULL;

	(void)a;
	(void)ph;
	enter("QueryUIRequest");
	*out = NULL;
	if (!tp_state.query_ui) {
		leave();
		return ERROR_CALL_NOT_IMPLEMENTED;
	}
	if (tp_state.query_ui == 2) {
		static DOT11EXT_IHV_UI_REQUEST foreign;

		memset(&foreign, 0, sizeof(foreign));
		foreign.guidUIRequest.Data1 = 0x5678;
		*out = &foreign;
		leave();
		return ERROR_SUCCESS;
	}
	if (tp_state.query_ui == 4) { /* a block smaller than the request's struct */
		if (g_api.Dot11ExtAllocateBuffer(4, (LPVOID *)&r)) {
			leave();
			return ERROR_OUTOFMEMORY;
		}
		*out = r;
		leave();
		return ERROR_SUCCESS;
	}
	/* 5: 300,000 octets of data, more than one channel frame carries isolated */
	DWORD size = tp_state.query_ui == 5 ? 300000 : 4;

	if (g_api.Dot11ExtAllocateBuffer(sizeof(*r), (LPVOID *)&r) ||
	    g_api.Dot11ExtAllocateBuffer(size, &data)) {
		g_api.Dot11ExtFreeBuffer(r);
		leave();
		return ERROR_OUTOFMEMORY;
	}
	memset(r, 0, sizeof(*r));
	r->guidUIRequest.Data1 = 0x5678;
	r->dwByteCount = tp_state.query_ui == 3 ? 400 : size; /* 3: more than its block holds */
	memset(data, 'x', size);
	memcpy(data, "pin?", 4);
	r->pvUIRequest = data;
	*out = r;
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_onex_indicate_result(HANDLE a, DOT11_MSONEX_RESULT r,
					   PDOT11_MSONEX_RESULT_PARAMS p)
{
	size_t n = strlen(tp_state.onex_log);

	(void)a;
	enter("OnexIndicateResult");
	tp_state.n_onex++;
	tp_state.onex_result = r;
	snprintf(tp_state.onex_log + n, sizeof(tp_state.onex_log) - n, "%s%c", n ? " " : "",
		 r == DOT11_MSONEX_SUCCESS ? 'S' : r == DOT11_MSONEX_FAILURE ? 'F' : 'P');
	if (p) {
		tp_state.onex_status = p->Dot11OnexAuthStatus;
		tp_state.onex_reason = p->Dot11OneXReasonCode;
		tp_state.onex_eap_reason = p->pDot11EapResult ?
					   p->pDot11EapResult->dwFailureReasonCode : 0;
		tp_state.mppe_recv_len = p->dwMPPERecvKeyLen;
		tp_state.mppe_send_len = p->dwMPPESendKeyLen;
		if (p->pbMPPERecvKey && p->dwMPPERecvKeyLen <= 32)
			memcpy(tp_state.mppe_recv, p->pbMPPERecvKey, p->dwMPPERecvKeyLen);
		if (p->pbMPPESendKey && p->dwMPPESendKeyLen <= 32)
			memcpy(tp_state.mppe_send, p->pbMPPESendKey, p->dwMPPESendKeyLen);
	}
	leave();
	return ERROR_SUCCESS;
}

static DWORD WINAPI h_control(HANDLE a, DWORD in_len, PBYTE in, DWORD out_len, PBYTE out,
			      PDWORD ret)
{
	(void)a;
	enter("Control");
	/* echo, reversed; report the full size even if it does not fit */
	*ret = in_len;
	if (out && in_len <= out_len) {
		DWORD i;

		for (i = 0; i < in_len; i++)
			out[i] = in[in_len - 1 - i];
	}
	leave();
	return ERROR_SUCCESS;
}

/* ---- exports ---------------------------------------------------------------------- */

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO vi)
{
	enter("GetVersionInfo");
	vi->dwVerMin = TP_VERSION_MIN;
	vi->dwVerMax = TP_VERSION_MAX;
	leave();
	return ERROR_SUCCESS;
}

#ifdef TP_NO_INIT_EXPORT
/* present, but not under the contract's name */
DWORD WINAPI tp_init_service_unexported(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved,
					PDOT11EXT_IHV_HANDLERS h);
__attribute__((visibility("hidden"))) DWORD WINAPI
tp_init_service_unexported(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved,
			   PDOT11EXT_IHV_HANDLERS h)
#else
__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitService(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved,
		       PDOT11EXT_IHV_HANDLERS h)
#endif
{
	const DOT11EXT_LINUX_APIS *lx = reserved;

	enter("InitService");
	tp_state.version_used = ver;
	TP_HOSTILE_AT("InitService");
	g_api = *api;
	{
		void **t = (void **)api;
		int i;

		for (i = 0; i < 22; i++)
			tp_state.api_nulls += !t[i];
	}
	if (tp_state.alloc_in_init) {
		LPVOID p = NULL;

		/* contract rule 10: buffers work from InitService on */
		tp_state.rc_alloc_init = g_api.Dot11ExtAllocateBuffer(8, &p);
		g_api.Dot11ExtFreeBuffer(p);
	}
	if (lx && lx->dwVersion >= 1 && lx->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE) {
		g_lx = *lx;
		tp_state.linux_apis = 1;
		g_lx.Dot11ExtLinuxTimerCreate(pre_timer_cb, NULL, &g_pre_timer);
		g_lx.Dot11ExtLinuxTimerCreate(post_timer_cb, NULL, &g_post_timer);
		g_lx.Dot11ExtLinuxTimerCreate(late_timer_cb, NULL, &g_late_timer);
	}
#ifdef TP_INIT_FAIL
	leave();
	return ERROR_NOT_SUPPORTED;
#endif
	h->Dot11ExtIhvDeinitService = h_deinit_service;
	h->Dot11ExtIhvInitAdapter = h_init_adapter;
	h->Dot11ExtIhvDeinitAdapter = h_deinit_adapter;
	h->Dot11ExtIhvPerformPreAssociate = h_perform_pre_associate;
	h->Dot11ExtIhvAdapterReset = h_adapter_reset;
	h->Dot11ExtIhvPerformPostAssociate = h_perform_post_associate;
	h->Dot11ExtIhvStopPostAssociate = h_stop_post_associate;
	h->Dot11ExtIhvValidateProfile = h_validate_profile;
	h->Dot11ExtIhvPerformCapabilityMatch = h_capability_match;
	h->Dot11ExtIhvCreateDiscoveryProfiles = h_create_discovery_profiles;
	h->Dot11ExtIhvProcessSessionChange = h_process_session_change;
	h->Dot11ExtIhvReceiveIndication = h_receive_indication;
	h->Dot11ExtIhvReceivePacket = h_receive_packet;
	h->Dot11ExtIhvSendPacketCompletion = h_send_packet_completion;
	h->Dot11ExtIhvIsUIRequestPending = h_is_ui_request_pending;
	h->Dot11ExtIhvProcessUIResponse = h_process_ui_response;
	h->Dot11ExtIhvQueryUIRequest = h_query_ui_request;
	h->Dot11ExtIhvOnexIndicateResult = h_onex_indicate_result;
	h->Dot11ExtIhvControl = h_control;
#ifdef TP_NULL_HANDLER
	((void **)h)[TP_NULL_HANDLER] = NULL;
#endif
	leave();
	return ERROR_SUCCESS;
}

#ifdef TP_EXPORT_VS
__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitVirtualStation(PDOT11EXT_VIRTUAL_STATION_APIS vs, LPVOID reserved)
{
	(void)reserved;
	enter(vs && vs->Dot11ExtRequestVirtualStation ? "InitVirtualStation" :
						       "InitVirtualStation(null)");
	leave();
	return ERROR_SUCCESS;
}
#endif

#endif
