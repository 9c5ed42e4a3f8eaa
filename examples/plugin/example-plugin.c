// SPDX-License-Identifier: BSD-3-Clause
/*
 * A minimal ihvd plugin: an IHV extension for open networks.
 *
 * It shows the shape every plugin has: the two exports, a copy of the
 * service table, all 19 handlers, asynchronous completions. Where Windows
 * plugins start a thread to complete PerformPreAssociate/PerformPostAssociate
 * (contract rules 27, 36), this one arms a 0 ms timer from ihvd's Linux
 * additions (ihvlinux.h): the completion runs on ihvd's loop thread right
 * after the handler returned, and the plugin needs no threads.
 *
 * Build: make (uses `pkg-config ihvd-plugin`). Check it: ihv-verify
 * example-plugin.so (ihv-verify(1)). Install the .so where ihvd's
 * configuration names it (ihv_plugin=...).
 */
#include <stdlib.h>
#include <string.h>

#include <ihvlinux.h>
#include <wlanihv.h>

#define EXPORT __attribute__((visibility("default")))

static DOT11EXT_APIS api;         /* copied in InitService (contract §3.2) */
static DOT11EXT_LINUX_APIS lx;
static int have_lx;

/*
 * One per adapter: ihvd may run several at once (one per interface), so
 * nothing of an adapter lives in a global. The adapter is the handle the
 * plugin gives back from InitAdapter (hIhvExtAdapter) and the timers' context.
 */
struct example_adapter {
	HANDLE svc;
	HANDLE connect;
	HANDLE security;
	HANDLE pre_timer, post_timer;
};

#define LOG(level, ...) \
	do { if (have_lx) lx.Dot11ExtLinuxLog(level, __VA_ARGS__); } while (0)

static VOID WINAPI example_pre_done(HANDLE t, LPVOID ctx)
{
	struct example_adapter *ad = ctx;
	DWORD rc;

	(void)t;
	rc = api.Dot11ExtPreAssociateCompletion(ad->svc, ad->connect, L2_REASON_CODE_SUCCESS,
						ERROR_SUCCESS);
	ad->connect = NULL; /* the handle dies with its completion (contract rule 32) */
	LOG(DOT11EXT_LINUX_LOG_INFO, "pre-association completed (%u)", rc);
}

static VOID WINAPI example_post_done(HANDLE t, LPVOID ctx)
{
	struct example_adapter *ad = ctx;
	DWORD rc;

	(void)t;
	/* an open network: nothing to negotiate, authorize the port */
	rc = api.Dot11ExtPostAssociateCompletion(ad->svc, ad->security, NULL,
						 L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	LOG(DOT11EXT_LINUX_LOG_INFO, "post-association completed (%u)", rc);
}

static VOID WINAPI example_deinit_service(VOID)
{
	/* every adapter had its DeinitAdapter first (contract rule 7): nothing is left */
}

static VOID WINAPI example_deinit_adapter(HANDLE a)
{
	struct example_adapter *ad = a;

	/* a pending operation is cancelled inside, with no completion (contract rules 15, 16) */
	lx.Dot11ExtLinuxTimerDestroy(ad->pre_timer);
	lx.Dot11ExtLinuxTimerDestroy(ad->post_timer);
	free(ad);
}

static DWORD WINAPI example_init_adapter(PDOT11_ADAPTER a, HANDLE svc, PHANDLE out)
{
	struct example_adapter *ad;

	if (!a || !out)
		return ERROR_INVALID_PARAMETER;
	if (!have_lx)
		return ERROR_NOT_SUPPORTED; /* this example needs the timers */
	ad = calloc(1, sizeof(*ad));
	if (!ad)
		return ERROR_NOT_ENOUGH_MEMORY;
	ad->svc = svc;
	if (lx.Dot11ExtLinuxTimerCreate(example_pre_done, ad, &ad->pre_timer) ||
	    lx.Dot11ExtLinuxTimerCreate(example_post_done, ad, &ad->post_timer)) {
		if (ad->pre_timer)
			lx.Dot11ExtLinuxTimerDestroy(ad->pre_timer);
		free(ad);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*out = ad;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_perform_pre_associate(HANDLE a, HANDLE cs,
						  PDOT11EXT_IHV_PROFILE_PARAMS pp,
						  PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
						  PDOT11EXT_IHV_SECURITY_PROFILE sec,
						  PDOT11_BSS_LIST bss, PDWORD reason)
{
	struct example_adapter *ad = a;

	(void)pp;
	(void)conn;
	(void)sec;
	(void)bss;
	*reason = L2_REASON_CODE_SUCCESS;
	ad->connect = cs;
	api.Dot11ExtSetAuthAlgorithm(ad->svc, DOT11_AUTH_ALGO_80211_OPEN);
	api.Dot11ExtSetUnicastCipherAlgorithm(ad->svc, DOT11_CIPHER_ALGO_NONE);
	api.Dot11ExtSetMulticastCipherAlgorithm(ad->svc, DOT11_CIPHER_ALGO_NONE);
	lx.Dot11ExtLinuxTimerArm(ad->pre_timer, 0); /* complete after returning */
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_adapter_reset(HANDLE a)
{
	struct example_adapter *ad = a;

	lx.Dot11ExtLinuxTimerCancel(ad->post_timer);
	/* a pending pre-association ends with ERROR_CANCELLED, once (contract rule 20) */
	if (ad->connect) {
		lx.Dot11ExtLinuxTimerCancel(ad->pre_timer);
		api.Dot11ExtPreAssociateCompletion(ad->svc, ad->connect, L2_REASON_CODE_IHV_BASE,
						   ERROR_CANCELLED);
	}
	ad->connect = ad->security = NULL;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_perform_post_associate(HANDLE a, HANDLE ss, PDOT11_PORT_STATE ps,
						   ULONG len,
						   PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p)
{
	struct example_adapter *ad = a;

	(void)ps;
	(void)len;
	(void)p;
	ad->security = ss;
	lx.Dot11ExtLinuxTimerArm(ad->post_timer, 0);
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_stop_post_associate(HANDLE a, PDOT11_MAC_ADDRESS peer,
						DOT11_ASSOC_STATUS st)
{
	struct example_adapter *ad = a;

	(void)peer;
	(void)st;
	lx.Dot11ExtLinuxTimerCancel(ad->post_timer); /* no completion after this */
	ad->security = NULL;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_validate_profile(HANDLE a, PDOT11EXT_IHV_PROFILE_PARAMS pp,
					     PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
					     PDOT11EXT_IHV_SECURITY_PROFILE s, PDWORD reason)
{
	(void)a;
	(void)pp;
	(void)c;
	(void)s;
	*reason = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_capability_match(HANDLE a, PDOT11EXT_IHV_PROFILE_PARAMS pp,
					     PDOT11EXT_IHV_CONNECTIVITY_PROFILE c,
					     PDOT11EXT_IHV_SECURITY_PROFILE s, PDOT11_BSS_LIST b,
					     PDWORD reason)
{
	(void)a;
	(void)pp;
	(void)c;
	(void)s;
	(void)b;
	*reason = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_create_discovery_profiles(HANDLE a, BOOL insecure,
						      PDOT11EXT_IHV_PROFILE_PARAMS pp,
						      PDOT11_BSS_LIST b,
						      PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST out,
						      PDWORD reason)
{
	(void)a;
	(void)insecure;
	(void)pp;
	(void)b;
	out->dwCount = 0;
	out->pIhvDiscoveryProfiles = NULL;
	*reason = L2_REASON_CODE_IHV_BASE;
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI example_process_session_change(ULONG ev, PWTSSESSION_NOTIFICATION n)
{
	(void)ev;
	(void)n;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_receive_indication(HANDLE a, DOT11EXT_IHV_INDICATION_TYPE t,
					       ULONG len, LPVOID buf)
{
	(void)a;
	(void)t;
	(void)len;
	(void)buf;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_receive_packet(HANDLE a, DWORD len, LPVOID buf)
{
	(void)a;
	(void)len;
	(void)buf;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_send_packet_completion(HANDLE h)
{
	(void)h;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_is_ui_request_pending(GUID g, PBOOL pending)
{
	(void)g;
	*pending = FALSE;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_process_ui_response(GUID g, DWORD n, LPVOID buf)
{
	(void)g;
	(void)n;
	(void)buf;
	return ERROR_NOT_FOUND;
}

static DWORD WINAPI example_query_ui_request(HANDLE a, DOT11EXT_IHV_CONNECTION_PHASE ph,
					     PDOT11EXT_IHV_UI_REQUEST *out)
{
	(void)a;
	(void)ph;
	*out = NULL;
	return ERROR_CALL_NOT_IMPLEMENTED; /* no UI to show */
}

static DWORD WINAPI example_onex_indicate_result(HANDLE a, DOT11_MSONEX_RESULT r,
						 PDOT11_MSONEX_RESULT_PARAMS p)
{
	(void)a;
	(void)r;
	(void)p;
	return ERROR_SUCCESS;
}

static DWORD WINAPI example_control(HANDLE a, DWORD in_len, PBYTE in, DWORD out_len, PBYTE out,
				    PDWORD ret)
{
	(void)a;
	(void)in_len;
	(void)in;
	(void)out_len;
	(void)out;
	*ret = 0;
	return ERROR_SUCCESS;
}

EXPORT DWORD WINAPI Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO vi)
{
	vi->dwVerMin = 0;
	vi->dwVerMax = 0;
	return ERROR_SUCCESS;
}

EXPORT DWORD WINAPI Dot11ExtIhvInitService(DWORD ver, PDOT11EXT_APIS apis, LPVOID reserved,
					   PDOT11EXT_IHV_HANDLERS h)
{
	const DOT11EXT_LINUX_APIS *l = reserved;

	if (ver != 0 || !apis || !h)
		return ERROR_INVALID_PARAMETER;
	api = *apis;
	if (l && l->dwVersion >= 1 && l->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE) {
		lx = *l;
		have_lx = 1;
		LOG(DOT11EXT_LINUX_LOG_INFO, "example plugin: Linux additions v%u", l->dwVersion);
	}
	h->Dot11ExtIhvDeinitService = example_deinit_service;
	h->Dot11ExtIhvInitAdapter = example_init_adapter;
	h->Dot11ExtIhvDeinitAdapter = example_deinit_adapter;
	h->Dot11ExtIhvPerformPreAssociate = example_perform_pre_associate;
	h->Dot11ExtIhvAdapterReset = example_adapter_reset;
	h->Dot11ExtIhvPerformPostAssociate = example_perform_post_associate;
	h->Dot11ExtIhvStopPostAssociate = example_stop_post_associate;
	h->Dot11ExtIhvValidateProfile = example_validate_profile;
	h->Dot11ExtIhvPerformCapabilityMatch = example_capability_match;
	h->Dot11ExtIhvCreateDiscoveryProfiles = example_create_discovery_profiles;
	h->Dot11ExtIhvProcessSessionChange = example_process_session_change;
	h->Dot11ExtIhvReceiveIndication = example_receive_indication;
	h->Dot11ExtIhvReceivePacket = example_receive_packet;
	h->Dot11ExtIhvSendPacketCompletion = example_send_packet_completion;
	h->Dot11ExtIhvIsUIRequestPending = example_is_ui_request_pending;
	h->Dot11ExtIhvProcessUIResponse = example_process_ui_response;
	h->Dot11ExtIhvQueryUIRequest = example_query_ui_request;
	h->Dot11ExtIhvOnexIndicateResult = example_onex_indicate_result;
	h->Dot11ExtIhvControl = example_control;
	return ERROR_SUCCESS;
}
