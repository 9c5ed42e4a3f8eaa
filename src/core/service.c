// SPDX-License-Identifier: BSD-3-Clause
/*
 * The 22 service functions handed to the plugin (contract §4), and the
 * virtual-station table (§5). Each service checks its handle and the state
 * it may be called in (§4.1, §10), logs a refusal with the rule it breaks,
 * and hands anything that must happen on the loop thread to the adapter's
 * work queue. Callable from any thread. The services live in buffer.c and
 * svc-*.c, by group.
 */
#include "core/ihv-core.h"
#include "core/service.h"

const DOT11EXT_APIS ihv_service_apis = {
	.Dot11ExtAllocateBuffer = ihv_buffer_alloc,
	.Dot11ExtFreeBuffer = ihv_buffer_free,
	.Dot11ExtSetProfileCustomUserData = ihv_svc_set_profile_custom_user_data,
	.Dot11ExtGetProfileCustomUserData = ihv_svc_get_profile_custom_user_data,
	.Dot11ExtSetCurrentProfile = ihv_svc_set_current_profile,
	.Dot11ExtSendUIRequest = ihv_svc_send_ui_request,
	.Dot11ExtPreAssociateCompletion = ihv_svc_pre_associate_completion,
	.Dot11ExtPostAssociateCompletion = ihv_svc_post_associate_completion,
	.Dot11ExtSendNotification = ihv_svc_send_notification,
	.Dot11ExtSendPacket = ihv_svc_send_packet,
	.Dot11ExtSetEtherTypeHandling = ihv_svc_set_ethertype_handling,
	.Dot11ExtSetAuthAlgorithm = ihv_svc_set_auth_algorithm,
	.Dot11ExtSetUnicastCipherAlgorithm = ihv_svc_set_unicast_cipher_algorithm,
	.Dot11ExtSetMulticastCipherAlgorithm = ihv_svc_set_multicast_cipher_algorithm,
	.Dot11ExtSetDefaultKey = ihv_svc_set_default_key,
	.Dot11ExtSetKeyMappingKey = ihv_svc_set_key_mapping_key,
	.Dot11ExtSetDefaultKeyId = ihv_svc_set_default_key_id,
	.Dot11ExtNicSpecificExtension = ihv_svc_nic_specific_extension,
	.Dot11ExtSetExcludeUnencrypted = ihv_svc_set_exclude_unencrypted,
	.Dot11ExtStartOneX = ihv_svc_start_onex,
	.Dot11ExtStopOneX = ihv_svc_stop_onex,
	.Dot11ExtProcessSecurityPacket = ihv_svc_process_security_packet,
};

static DWORD WINAPI service_vs_request(HANDLE primary, LPVOID reserved)
{
	(void)primary;
	(void)reserved;
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI service_vs_query(HANDLE svc, BOOL *is_vs, GUID *primary, LPVOID reserved)
{
	struct ihv_adapter *a;

	(void)reserved;
	if (!is_vs || !primary)
		return ERROR_INVALID_PARAMETER;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, "Dot11ExtQueryVirtualStationProperties");
	ihv_unlock();
	if (!a)
		return ERROR_INVALID_HANDLE;
	*is_vs = FALSE;
	return ERROR_SUCCESS;
}

static DWORD WINAPI service_vs_set_ap(HANDLE svc, HANDLE cs, DWORD n,
			      PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY p, LPVOID reserved)
{
	(void)svc;
	(void)cs;
	(void)n;
	(void)p;
	(void)reserved;
	return ERROR_NOT_SUPPORTED;
}

const DOT11EXT_VIRTUAL_STATION_APIS ihv_vs_apis = {
	.Dot11ExtRequestVirtualStation = service_vs_request,
	.Dot11ExtReleaseVirtualStation = service_vs_request,
	.Dot11ExtQueryVirtualStationProperties = service_vs_query,
	.Dot11ExtSetVirtualStationAPProperties = service_vs_set_ap,
};
