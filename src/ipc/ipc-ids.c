// SPDX-License-Identifier: BSD-3-Clause
/*
 * Names of the protocol's call and service ids (ipc-ids.h), for log lines.
 */
#include <stddef.h>

#include "ipc/ipc-ids.h"

static const char *const ipc_ids_calls[] = {
	"Dot11ExtIhvDeinitService", "Dot11ExtIhvInitAdapter",
	"Dot11ExtIhvDeinitAdapter", "Dot11ExtIhvPerformPreAssociate",
	"Dot11ExtIhvAdapterReset", "Dot11ExtIhvPerformPostAssociate",
	"Dot11ExtIhvStopPostAssociate", "Dot11ExtIhvValidateProfile",
	"Dot11ExtIhvPerformCapabilityMatch", "Dot11ExtIhvCreateDiscoveryProfiles",
	"Dot11ExtIhvProcessSessionChange", "Dot11ExtIhvReceiveIndication",
	"Dot11ExtIhvReceivePacket", "Dot11ExtIhvSendPacketCompletion",
	"Dot11ExtIhvIsUIRequestPending", "Dot11ExtIhvProcessUIResponse",
	"Dot11ExtIhvQueryUIRequest", "Dot11ExtIhvOnexIndicateResult",
	"Dot11ExtIhvControl",
};

static const char *const ipc_ids_exports[] = {
	"Dot11ExtIhvGetVersionInfo", "Dot11ExtIhvInitService",
	"Dot11ExtIhvInitVirtualStation", "Dot11ExtIhvLinuxReasonText",
	"a Linux timer callback", "Dot11ExtIhvLinuxStartAuthentication",
	"Dot11ExtIhvLinuxReceiveAuthFrame", "Dot11ExtIhvLinuxStopAuthentication",
	"Dot11ExtIhvLinuxAssociationStatus",
};

static const char *const ipc_ids_svcs[] = {
	"Dot11ExtAllocateBuffer", "Dot11ExtFreeBuffer",
	"Dot11ExtSetProfileCustomUserData", "Dot11ExtGetProfileCustomUserData",
	"Dot11ExtSetCurrentProfile", "Dot11ExtSendUIRequest",
	"Dot11ExtPreAssociateCompletion", "Dot11ExtPostAssociateCompletion",
	"Dot11ExtSendNotification", "Dot11ExtSendPacket",
	"Dot11ExtSetEtherTypeHandling", "Dot11ExtSetAuthAlgorithm",
	"Dot11ExtSetUnicastCipherAlgorithm", "Dot11ExtSetMulticastCipherAlgorithm",
	"Dot11ExtSetDefaultKey", "Dot11ExtSetKeyMappingKey",
	"Dot11ExtSetDefaultKeyId", "Dot11ExtNicSpecificExtension",
	"Dot11ExtSetExcludeUnencrypted", "Dot11ExtStartOneX",
	"Dot11ExtStopOneX", "Dot11ExtProcessSecurityPacket",
};

static const char *const ipc_ids_lx[] = {
	"Dot11ExtLinuxLog", "Dot11ExtLinuxTimerCreate", "Dot11ExtLinuxTimerArm",
	"Dot11ExtLinuxTimerCancel", "Dot11ExtLinuxTimerDestroy",
	"Dot11ExtLinuxSetRsnParams", "Dot11ExtLinuxGetAdapterInfo",
	"Dot11ExtQueryVirtualStationProperties", "Dot11ExtLinuxRegisterAuthHandlers",
	"Dot11ExtLinuxSendAuthFrame", "Dot11ExtLinuxAuthComplete",
};

#define IPC_IDS_N(a) (sizeof(a) / sizeof((a)[0]))

const char *ipc_call_name(uint32_t id)
{
	if (id < IPC_IDS_N(ipc_ids_calls))
		return ipc_ids_calls[id];
	if (id >= IPC_H_GET_VERSION && id - IPC_H_GET_VERSION < IPC_IDS_N(ipc_ids_exports))
		return ipc_ids_exports[id - IPC_H_GET_VERSION];
	return "an unknown call";
}

const char *ipc_svc_name(uint32_t id)
{
	if (id < IPC_IDS_N(ipc_ids_svcs))
		return ipc_ids_svcs[id];
	if (id >= IPC_S_LX_LOG && id - IPC_S_LX_LOG < IPC_IDS_N(ipc_ids_lx))
		return ipc_ids_lx[id - IPC_S_LX_LOG];
	return "an unknown service";
}

bool ipc_svc_is_note(uint32_t id)
{
	return id == IPC_S_LX_LOG || id == IPC_S_LX_TIMER_ARM || id == IPC_S_LX_TIMER_CANCEL;
}
