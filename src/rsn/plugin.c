// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihv-rsn.so: the IHV extensibility contract's DLL side (contract §3) around the RSN engine;
 * its exports and the handler table (plugin-state.h lists the other files).
 *
 * Without ihvd's Linux table (a Windows-like host passing pvReserved = NULL) InitService
 * refuses with ERROR_NOT_SUPPORTED: the plugin needs timers for its asynchronous completions
 * and handshake timeouts, and GetAdapterInfo for the station address (the SPA).
 */
#include "rsn/plugin-state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto.h"
#include "rsn/crypto-warm.h"
#include "rsn/pmk-cache.h"
#include "rsn/pmksa.h"
#include "rsn/reason.h"

struct rsn_plugin_global rsn_plugin_g;

DWORD WINAPI rsn_plugin_test_set_snonce(HANDLE hIhvExtAdapter, const uint8_t snonce[32])
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);

	if (!a || !a->hs)
		return ERROR_INVALID_STATE;
	rsn_hs_test_set_snonce(a->hs, snonce);
	return ERROR_SUCCESS;
}

/* ihvlinux.h's optional export: what our reason codes mean. */
__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvLinuxReasonText(DWORD dwReasonCode, CHAR *pszText, DWORD dwTextSize)
{
	const char *name = rsn_reason_name(dwReasonCode);
	int n;

	if (!name)
		return ERROR_NOT_FOUND;
	if (!pszText || !dwTextSize)
		return ERROR_INSUFFICIENT_BUFFER;
	n = snprintf(pszText, dwTextSize, "%s", rsn_reason_str(dwReasonCode));
	return n >= 0 && (DWORD)n < dwTextSize ? ERROR_SUCCESS : ERROR_INSUFFICIENT_BUFFER;
}

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo)
{
	if (!pDot11IHVVersionInfo)
		return ERROR_INVALID_PARAMETER;
	pDot11IHVVersionInfo->dwVerMin = 0;
	pDot11IHVVersionInfo->dwVerMax = 0;
	return ERROR_SUCCESS;
}

static bool rsn_plugin_apis_complete(const DOT11EXT_APIS *api)
{
	return api->Dot11ExtPreAssociateCompletion && api->Dot11ExtPostAssociateCompletion &&
	       api->Dot11ExtSendPacket && api->Dot11ExtSetEtherTypeHandling &&
	       api->Dot11ExtSetAuthAlgorithm && api->Dot11ExtSetUnicastCipherAlgorithm &&
	       api->Dot11ExtSetMulticastCipherAlgorithm && api->Dot11ExtSetDefaultKey &&
	       api->Dot11ExtSetKeyMappingKey;
}

static bool rsn_plugin_linux_complete(const DOT11EXT_LINUX_APIS *lx)
{
	return lx->dwVersion >= DOT11EXT_LINUX_APIS_VERSION_1 &&
	       lx->dwSize >= DOT11EXT_LINUX_APIS_V1_SIZE && lx->Dot11ExtLinuxLog &&
	       lx->Dot11ExtLinuxTimerCreate && lx->Dot11ExtLinuxTimerArm &&
	       lx->Dot11ExtLinuxTimerCancel && lx->Dot11ExtLinuxTimerDestroy &&
	       lx->Dot11ExtLinuxSetRsnParams && lx->Dot11ExtLinuxGetAdapterInfo;
}

static VOID WINAPI rsn_plugin_deinit_service(VOID)
{
	while (rsn_plugin_g.adapters)
		rsn_plugin_adapter_free(rsn_plugin_g.adapters);
	while (rsn_plugin_g.pkts) {
		struct pkt *p = rsn_plugin_g.pkts;

		rsn_plugin_g.pkts = p->next;
		free(p);
	}
	/* joins a derivation or a fetch still running: they use the crypto released below */
	rsn_pmk_prefetch_free(rsn_plugin_g.pmk_prefetch);
	rsn_crypto_warm_join();
	rsn_pmk_cache_free(rsn_plugin_g.pmk_cache);
	rsn_pmksa_cache_free(rsn_plugin_g.pmksa);
	rsn_plugin_sae_pts_free();
	/* the SAE password tags (sae_creds) are secret-derived: wiped, not just zeroed */
	OPENSSL_cleanse(&rsn_plugin_g, sizeof(rsn_plugin_g));
	/* Release OpenSSL's fetched algorithms before dlclose (contract §3.4: free everything). */
	rsn_crypto_cleanup();
}

static DWORD WINAPI rsn_plugin_process_session_change(ULONG uEventType,
						      PWTSSESSION_NOTIFICATION pSessionNotification)
{
	(void)uEventType;
	/* no UI requests exist, so a logoff has nothing to cancel (contract §3.14) */
	return pSessionNotification ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
}

static DWORD WINAPI rsn_plugin_receive_indication(HANDLE hIhvExtAdapter,
						  DOT11EXT_IHV_INDICATION_TYPE indicationType,
						  ULONG uBufferLength, LPVOID pvBuffer)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);

	if (!a)
		return ERROR_INVALID_HANDLE;
	switch (indicationType) {
	case IndicationTypeTkipMicFailure: /* a mixed-mode AP's TKIP group key (plugin-tkip.c) */
		return rsn_plugin_tkip_mic_failure(a, pvBuffer, uBufferLength);
	case IndicationTypeNicSpecificNotification:
	case IndicationTypePmkidCandidateList:
	case IndicationTypePhyStateChange:
	case IndicationTypeLinkQuality:
		return ERROR_SUCCESS; /* nothing this plugin acts on */
	}
	return ERROR_INVALID_PARAMETER;
}

/* Nothing to show in any phase: *ppIhvUIRequest = NULL and ERROR_NOT_FOUND (contract §12). */
static DWORD WINAPI rsn_plugin_query_ui_request(HANDLE hIhvExtAdapter,
						DOT11EXT_IHV_CONNECTION_PHASE connectionPhase,
						PDOT11EXT_IHV_UI_REQUEST *ppIhvUIRequest)
{
	(void)hIhvExtAdapter;
	(void)connectionPhase;
	if (!ppIhvUIRequest)
		return ERROR_INVALID_PARAMETER;
	*ppIhvUIRequest = NULL;
	return ERROR_NOT_FOUND;
}

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitService(DWORD dwVerNumUsed, PDOT11EXT_APIS pDot11ExtAPI, LPVOID pvReserved,
		       PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers)
{
	const DOT11EXT_LINUX_APIS *lx = pvReserved;

	if (dwVerNumUsed != 0)
		return ERROR_NOT_SUPPORTED;
	if (!pDot11ExtAPI || !pDot11IHVHandlers || !rsn_plugin_apis_complete(pDot11ExtAPI))
		return ERROR_INVALID_PARAMETER;
	if (rsn_plugin_g.up)
		return ERROR_INVALID_STATE;
	/* a Windows-like host: no timers, no station address; nothing to log with either */
	if (!lx || !rsn_plugin_linux_complete(lx))
		return ERROR_NOT_SUPPORTED;
	/* the SAE password tags (sae_creds) are secret-derived: wiped, not just zeroed */
	OPENSSL_cleanse(&rsn_plugin_g, sizeof(rsn_plugin_g));
	rsn_plugin_g.pmk_cache = rsn_pmk_cache_new(PMK_CACHE_SIZE);
	rsn_plugin_g.pmksa = rsn_pmksa_cache_new(PMKSA_CACHE_SIZE);
	rsn_plugin_g.pmk_prefetch = rsn_pmk_prefetch_new(rsn_plugin_g.pmk_cache);
	if (!rsn_plugin_g.pmk_cache || !rsn_plugin_g.pmksa || !rsn_plugin_g.pmk_prefetch) {
		rsn_pmk_prefetch_free(rsn_plugin_g.pmk_prefetch);
		rsn_pmk_cache_free(rsn_plugin_g.pmk_cache);
		rsn_pmksa_cache_free(rsn_plugin_g.pmksa);
		/* the SAE password tags (sae_creds) are secret-derived: wiped, not just zeroed */
	OPENSSL_cleanse(&rsn_plugin_g, sizeof(rsn_plugin_g));
		return ERROR_OUTOFMEMORY;
	}
	rsn_plugin_g.api = *pDot11ExtAPI; /* copied (contract §3.2) */
	/* the host's table may be an older, shorter version (ihvlinux.h) */
	memcpy(&rsn_plugin_g.lx, lx,
	       lx->dwSize < sizeof(rsn_plugin_g.lx) ? lx->dwSize : sizeof(rsn_plugin_g.lx));
	rsn_plugin_g.up = true;
	/*
	 * OpenSSL is not set up here: ihvd waits for InitService at start-up, and OpenSSL's
	 * initialisation with its DRBGs took 57-73 ms under TCG. ValidateProfile starts the warm-up
	 * thread for the networks that need it (crypto-warm.h); DeinitService joins it.
	 */
	/* ihvlinux.h version 2: SAE through the host's authentication exchange */
	if (lx->dwVersion >= DOT11EXT_LINUX_APIS_VERSION_2 &&
	    lx->dwSize >= DOT11EXT_LINUX_APIS_V2_SIZE && lx->Dot11ExtLinuxRegisterAuthHandlers &&
	    lx->Dot11ExtLinuxSendAuthFrame && lx->Dot11ExtLinuxAuthComplete &&
	    lx->Dot11ExtLinuxRegisterAuthHandlers(&rsn_plugin_auth_handlers) == ERROR_SUCCESS)
		rsn_plugin_g.sae_ok = true;
	else
		LOG(WARN, "the host has no authentication exchange (ihvlinux.h v2): no SAE");

	/* contract rule 4: all 19 handlers, none NULL */
	pDot11IHVHandlers->Dot11ExtIhvDeinitService = rsn_plugin_deinit_service;
	pDot11IHVHandlers->Dot11ExtIhvInitAdapter = rsn_plugin_init_adapter;
	pDot11IHVHandlers->Dot11ExtIhvDeinitAdapter = rsn_plugin_deinit_adapter;
	pDot11IHVHandlers->Dot11ExtIhvPerformPreAssociate = rsn_plugin_perform_pre_associate;
	pDot11IHVHandlers->Dot11ExtIhvAdapterReset = rsn_plugin_adapter_reset;
	pDot11IHVHandlers->Dot11ExtIhvPerformPostAssociate = rsn_plugin_perform_post_associate;
	pDot11IHVHandlers->Dot11ExtIhvStopPostAssociate = rsn_plugin_stop_post_associate;
	pDot11IHVHandlers->Dot11ExtIhvValidateProfile = rsn_plugin_validate_profile;
	pDot11IHVHandlers->Dot11ExtIhvPerformCapabilityMatch = rsn_plugin_perform_capability_match;
	pDot11IHVHandlers->Dot11ExtIhvCreateDiscoveryProfiles =
		rsn_plugin_create_discovery_profiles;
	pDot11IHVHandlers->Dot11ExtIhvProcessSessionChange = rsn_plugin_process_session_change;
	pDot11IHVHandlers->Dot11ExtIhvReceiveIndication = rsn_plugin_receive_indication;
	pDot11IHVHandlers->Dot11ExtIhvReceivePacket = rsn_plugin_receive_packet;
	pDot11IHVHandlers->Dot11ExtIhvSendPacketCompletion = rsn_plugin_send_packet_completion;
	pDot11IHVHandlers->Dot11ExtIhvIsUIRequestPending = rsn_plugin_is_ui_request_pending;
	pDot11IHVHandlers->Dot11ExtIhvProcessUIResponse = rsn_plugin_process_ui_response;
	pDot11IHVHandlers->Dot11ExtIhvQueryUIRequest = rsn_plugin_query_ui_request;
	pDot11IHVHandlers->Dot11ExtIhvOnexIndicateResult = rsn_plugin_onex_indicate_result;
	pDot11IHVHandlers->Dot11ExtIhvControl = rsn_plugin_control;
	LOG(INFO, "WPA2/WPA3-Personal (PSK, PSK-SHA256, %sPMF) and WPA2/WPA3-Enterprise "
	    "(WPA-EAP, WPA-EAP-SHA256 through the host's 802.1X) ready",
	    rsn_plugin_g.sae_ok ? "SAE with H2E and PMKSA caching, " : "");
	return ERROR_SUCCESS;
}
