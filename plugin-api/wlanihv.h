/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * wlanihv.h - Microsoft's Native 802.11 IHV Extensibility contract, for
 * ihvd plugins on Linux.
 *
 * Names, layouts and semantics follow the Windows SDK headers (wlanihv.h,
 * wlanihvtypes.h, wlantypes.h, windot11.h, wlclient.h, l2cmn.h, dot1x.h,
 * eaptypes.h, winerror.h subsets) one to one, so an IHV extension ports by
 * recompiling. Reference: docs/contract.md (cited as "contract §n" / "rule n").
 * This is an independent declaration of the same ABI, not a copy of the SDK.
 *
 * Linux-specific additions (timers, logging, RSN parameters) live apart, in
 * ihvlinux.h, and reach the plugin through InitService's pvReserved.
 *
 * Deviations from the Windows headers (all deliberate, all ABI-neutral on
 * x86-64/arm64 unless noted):
 *  D1. Fixed-width types per contract §0.1: DWORD/ULONG = uint32_t (not
 *      unsigned long), BOOL = int32_t, BOOLEAN = uint8_t, WCHAR = uint16_t
 *      (UTF-16LE; not wchar_t), HANDLE = void *.
 *  D2. WINAPI is empty: the Linux ABI uses the platform's default C calling
 *      convention (contract §0.1 leaves the choice to us).
 *  D3. DOT11_AUTH_ALGORITHM, DOT11_CIPHER_ALGORITHM and DOT11_PHY_TYPE are
 *      uint32_t typedefs with the values as enum constants, and their
 *      _IHV_START and _IHV_END values as macros: ISO C cannot hold 0x80000000+
 *      in an enum constant. Size and values are those of the [v1_enum].
 *  D4. SAL annotations (_In_, _Out_ ...) are dropped; the comments say which
 *      way data flows where it matters.
 *  D5. DOT11_ASSOCIATION_COMPLETION_PARAMETERS always has the revision-2
 *      fields (MulticastMgmtCipher, uAssocComebackTime): ihvd fills Header
 *      with revision 2 and size 96.
 *  D6. Only the subset of the SDK headers that the contract uses is here;
 *      types the contract names only in passing (EAP_ATTRIBUTE values, the
 *      UI-extension COM interfaces) are declared minimally or not at all.
 *  D7. DOT11_MAC_ADDRESS is the C form (UCHAR[6]); PDOT11_MAC_ADDRESS points
 *      to such an array, as in windot11.h for C.
 *  D8. GUID is a plain struct passed by value where the SDK passes it by
 *      value (IsUIRequestPending, ProcessUIResponse).
 * Deviations in behaviour (not layout; docs/contract.md §8.1):
 *  D9. A key call (SetKeyMappingKey, SetDefaultKey, SetDefaultKeyId) or a
 *      SendPacket from a thread other than ihvd's loop thread returns the
 *      verdict of its validation (handle, window, parameters, the radio's
 *      ciphers), not the driver's: the work is queued to the loop, a key
 *      the driver refuses is logged, a frame that cannot be sent still gets
 *      its SendPacketCompletion. From a handler or a Linux timer the call is
 *      synchronous and returns the driver's result.
 *  D10. InitVirtualStation is called; its four functions answer
 *      ERROR_NOT_SUPPORTED (no virtual stations on Linux here).
 *  D11. Per-station default keys (IBSS), one-way pairwise keys and
 *      IHV-range ciphers/algorithms answer ERROR_NOT_SUPPORTED (nl80211).
 *  D12. The 802.1X module takes its EAP configuration from the connection,
 *      not from pEapAttributes; StartOneX answers ERROR_NOT_SUPPORTED for a
 *      connection without one; OnexIndicateResult's MPPE keys are in the
 *      clear (receive key = MSK[0..31]; no DPAPI).
 *  D13. With plugin_isolation=inline a handler that never returns (rule 9)
 *      cannot be stopped, and "DeinitService returns once the plugin's
 *      threads ended" is not enforced; isolated mode (the default) enforces
 *      a deadline and ends the plugin's process after DeinitService.
 *  D14. The daemon asks CreateDiscoveryProfiles once per visible SSID without
 *      a network block (bInsecure FALSE; the first profile is kept), passes no
 *      NIC-specific notifications to ReceiveIndication, and
 *      ProcessSessionChange sees only logind's logons and logoffs (nothing
 *      where logind is absent). NicSpecificExtension is NL80211_CMD_VENDOR: the
 *      request is { ULONG OUI; ULONG subcommand; (little-endian) data },
 *      the reply the kernel's vendor data (docs/contract.md §4 [17]).
 *  D15. Custom user data lives in memory and is lost when ihvd restarts.
 *  D16. ihvd does not roam: the roam cases of the contract do not arise.
 * Everything else - table order, field order, sizes, offsets - is checked by
 * the _Static_asserts of wlanihv-layout.h (included at the end of this file)
 * against contract §6.
 */
#ifndef IHVD_WLANIHV_H
#define IHVD_WLANIHV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Basic Windows types (contract §0.1) --------------------------------- */

#ifndef WINAPI
#define WINAPI
#endif
#ifndef VOID
#define VOID void
#endif

typedef uint32_t DWORD, *PDWORD, *LPDWORD;
typedef uint32_t ULONG, *PULONG;
typedef uint32_t UINT32;
typedef int32_t LONG;
typedef uint16_t USHORT, *PUSHORT;
typedef uint16_t WORD;
typedef uint8_t UCHAR, *PUCHAR;
typedef uint8_t BYTE, *PBYTE;
typedef uint8_t BOOLEAN;
typedef int32_t BOOL, *PBOOL;
typedef uint64_t ULONGLONG;
typedef uint16_t WCHAR, *LPWSTR;
typedef const uint16_t *LPCWSTR;
typedef char CHAR;
typedef const char *LPCSTR;
typedef void *HANDLE, **PHANDLE;
typedef void *LPVOID, *PVOID;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

typedef struct _GUID {
	uint32_t Data1;
	uint16_t Data2;
	uint16_t Data3;
	uint8_t Data4[8];
} GUID, CLSID, *PGUID;

/* ---- Win32 error codes used by the contract (contract §7.10) ------------- */

#define ERROR_SUCCESS              0u
#define ERROR_INVALID_FUNCTION     1u
#define ERROR_ACCESS_DENIED        5u
#define ERROR_INVALID_HANDLE       6u
#define ERROR_NOT_ENOUGH_MEMORY    8u
#define ERROR_INVALID_DATA         13u
#define ERROR_OUTOFMEMORY          14u
#define ERROR_NOT_SUPPORTED        50u
#define ERROR_INVALID_PARAMETER    87u
#define ERROR_CALL_NOT_IMPLEMENTED 120u
#define ERROR_INSUFFICIENT_BUFFER  122u
#define ERROR_MORE_DATA            234u
#define ERROR_IO_PENDING           997u
#define ERROR_NOT_FOUND            1168u
#define ERROR_NO_MATCH             1169u
#define ERROR_BAD_PROFILE          1206u
#define ERROR_CANCELLED            1223u
#define ERROR_TIMEOUT              1460u
#define ERROR_INVALID_STATE        5023u

/* ---- L2 reason codes (l2cmn.h, contract §7.7) ----------------------------- */

#define L2_REASON_CODE_GROUP_SIZE          0x10000u
#define L2_REASON_CODE_GEN_BASE            0x10000u
#define L2_REASON_CODE_DOT11_AC_BASE       (L2_REASON_CODE_GEN_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT11_MSM_BASE      (L2_REASON_CODE_DOT11_AC_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT11_SECURITY_BASE (L2_REASON_CODE_DOT11_MSM_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_ONEX_BASE           (L2_REASON_CODE_DOT11_SECURITY_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT3_AC_BASE        (L2_REASON_CODE_ONEX_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_DOT3_MSM_BASE       (L2_REASON_CODE_DOT3_AC_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_PROFILE_BASE        (L2_REASON_CODE_DOT3_MSM_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_IHV_BASE            (L2_REASON_CODE_PROFILE_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_WIMAX_BASE          (L2_REASON_CODE_IHV_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_RESERVED_BASE       (L2_REASON_CODE_WIMAX_BASE + L2_REASON_CODE_GROUP_SIZE)
#define L2_REASON_CODE_SUCCESS             0u
#define L2_REASON_CODE_UNKNOWN             (L2_REASON_CODE_GEN_BASE + 1)
#define L2_REASON_CODE_PROFILE_MISSING     0x00000001u
#define L2_PROFILE_MAX_NAME_LENGTH         256

/* The IHV range: [L2_REASON_CODE_IHV_BASE, IHV_BASE + GROUP_SIZE - 1]. */
#define L2_REASON_CODE_IHV_END (L2_REASON_CODE_IHV_BASE + L2_REASON_CODE_GROUP_SIZE - 1)

/* L2 notification sources (l2cmn.h). */
#define L2_NOTIFICATION_SOURCE_NONE                0x00000000u
#define L2_NOTIFICATION_SOURCE_DOT3_AUTO_CONFIG    0x00000001u
#define L2_NOTIFICATION_SOURCE_SECURITY            0x00000002u
#define L2_NOTIFICATION_SOURCE_ONEX                0x00000004u
#define L2_NOTIFICATION_SOURCE_WLAN_ACM            0x00000008u
#define L2_NOTIFICATION_SOURCE_WLAN_MSM            0x00000010u
#define L2_NOTIFICATION_SOURCE_WLAN_SECURITY       0x00000020u
#define L2_NOTIFICATION_SOURCE_WLAN_IHV            0x00000040u
#define L2_NOTIFICATION_SOURCE_WLAN_HNWK           0x00000080u
#define L2_NOTIFICATION_SOURCE_ALL                 0x0000ffffu
#define L2_NOTIFICATION_CODE_PUBLIC_BEGIN          0x00000000u
#define L2_NOTIFICATION_CODE_GROUP_SIZE            0x00001000u
#define L2_NOTIFICATION_CODE_V2_BEGIN              0x00001000u

typedef struct _L2_NOTIFICATION_DATA {
	DWORD NotificationSource;
	DWORD NotificationCode;
	GUID InterfaceGuid; /* filled in by the host */
	DWORD dwDataSize;
	PVOID pData;
} L2_NOTIFICATION_DATA, *PL2_NOTIFICATION_DATA;

/* WLAN_REASON_CODE subset (wlanapi.h, contract §7.8): the host's own codes. */
#define WLAN_REASON_CODE_SUCCESS                 L2_REASON_CODE_SUCCESS
#define WLAN_REASON_CODE_UNKNOWN                 L2_REASON_CODE_UNKNOWN
#define WLAN_REASON_CODE_AC_BASE                 L2_REASON_CODE_DOT11_AC_BASE
#define WLAN_REASON_CODE_AC_CONNECT_BASE         (WLAN_REASON_CODE_AC_BASE + 0x8000u)
#define WLAN_REASON_CODE_MSM_BASE                L2_REASON_CODE_DOT11_MSM_BASE
#define WLAN_REASON_CODE_MSM_CONNECT_BASE        (WLAN_REASON_CODE_MSM_BASE + 0x8000u)
#define WLAN_REASON_CODE_MSMSEC_BASE             L2_REASON_CODE_DOT11_SECURITY_BASE
#define WLAN_REASON_CODE_MSMSEC_CONNECT_BASE     (WLAN_REASON_CODE_MSMSEC_BASE + 0x8000u)
#define WLAN_REASON_CODE_PROFILE_BASE            L2_REASON_CODE_PROFILE_BASE
#define WLAN_REASON_CODE_PROFILE_CONNECT_BASE    (WLAN_REASON_CODE_PROFILE_BASE + 0x8000u)
#define WLAN_REASON_CODE_IHV_SECURITY_NOT_SUPPORTED      (WLAN_REASON_CODE_PROFILE_BASE + 7)
#define WLAN_REASON_CODE_IHV_OUI_MISMATCH                (WLAN_REASON_CODE_PROFILE_BASE + 8)
#define WLAN_REASON_CODE_IHV_OUI_MISSING                 (WLAN_REASON_CODE_PROFILE_BASE + 9)
#define WLAN_REASON_CODE_IHV_SETTINGS_MISSING            (WLAN_REASON_CODE_PROFILE_BASE + 10)
#define WLAN_REASON_CODE_IHV_SECURITY_ONEX_MISSING       (WLAN_REASON_CODE_PROFILE_BASE + 18)
#define WLAN_REASON_CODE_IHV_CONNECTIVITY_NOT_SUPPORTED  (WLAN_REASON_CODE_PROFILE_BASE + 21)
#define WLAN_REASON_CODE_USER_CANCELLED          (WLAN_REASON_CODE_MSM_CONNECT_BASE + 1)
#define WLAN_REASON_CODE_ASSOCIATION_FAILURE     (WLAN_REASON_CODE_MSM_CONNECT_BASE + 2)
#define WLAN_REASON_CODE_ASSOCIATION_TIMEOUT     (WLAN_REASON_CODE_MSM_CONNECT_BASE + 3)
#define WLAN_REASON_CODE_PRE_SECURITY_FAILURE    (WLAN_REASON_CODE_MSM_CONNECT_BASE + 4)
#define WLAN_REASON_CODE_START_SECURITY_FAILURE  (WLAN_REASON_CODE_MSM_CONNECT_BASE + 5)
#define WLAN_REASON_CODE_SECURITY_FAILURE        (WLAN_REASON_CODE_MSM_CONNECT_BASE + 6)
#define WLAN_REASON_CODE_SECURITY_TIMEOUT        (WLAN_REASON_CODE_MSM_CONNECT_BASE + 7)
#define WLAN_REASON_CODE_IHV_NOT_AVAILABLE       (WLAN_REASON_CODE_MSM_CONNECT_BASE + 13)
#define WLAN_REASON_CODE_IHV_NOT_RESPONDING      (WLAN_REASON_CODE_MSM_CONNECT_BASE + 14)
#define WLAN_REASON_CODE_UI_REQUEST_TIMEOUT      (WLAN_REASON_CODE_MSM_CONNECT_BASE + 17)

/* ---- The SDK types the structures below are made of ----------------------- */

#include "wlanihv-types.h"

/* ---- wlanihv.h proper ----------------------------------------------------- */

#define IHV_VERSION_FUNCTION_NAME "Dot11ExtIhvGetVersionInfo"
#define IHV_INIT_FUNCTION_NAME    "Dot11ExtIhvInitService"
#define IHV_INIT_VS_FUNCTION_NAME "Dot11ExtIhvInitVirtualStation"

typedef struct _DOT11_IHV_VERSION_INFO {
	DWORD dwVerMin;
	DWORD dwVerMax;
} DOT11_IHV_VERSION_INFO, *PDOT11_IHV_VERSION_INFO;

typedef struct _DOT11EXT_IHV_CONNECTIVITY_PROFILE {
	LPWSTR pszXmlFragmentIhvConnectivity;
} DOT11EXT_IHV_CONNECTIVITY_PROFILE, *PDOT11EXT_IHV_CONNECTIVITY_PROFILE;

typedef struct _DOT11EXT_IHV_SECURITY_PROFILE {
	LPWSTR pszXmlFragmentIhvSecurity;
	BOOL bUseMSOnex;
} DOT11EXT_IHV_SECURITY_PROFILE, *PDOT11EXT_IHV_SECURITY_PROFILE;

typedef struct _DOT11EXT_IHV_DISCOVERY_PROFILE {
	DOT11EXT_IHV_CONNECTIVITY_PROFILE IhvConnectivityProfile;
	DOT11EXT_IHV_SECURITY_PROFILE IhvSecurityProfile;
} DOT11EXT_IHV_DISCOVERY_PROFILE, *PDOT11EXT_IHV_DISCOVERY_PROFILE;

typedef struct _DOT11EXT_IHV_DISCOVERY_PROFILE_LIST {
	DWORD dwCount;
	PDOT11EXT_IHV_DISCOVERY_PROFILE pIhvDiscoveryProfiles;
} DOT11EXT_IHV_DISCOVERY_PROFILE_LIST, *PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST;

typedef enum _DOT11EXT_IHV_CONNECTION_PHASE {
	connection_phase_any,
	connection_phase_initial_connection,
	connection_phase_post_l3_connection,
} DOT11EXT_IHV_CONNECTION_PHASE, *PDOT11EXT_IHV_CONNECTION_PHASE;

typedef struct _DOT11EXT_IHV_UI_REQUEST {
	DWORD dwSessionId;
	GUID guidUIRequest;
	CLSID UIPageClsid;
	DWORD dwByteCount;
	BYTE *pvUIRequest;
} DOT11EXT_IHV_UI_REQUEST, *PDOT11EXT_IHV_UI_REQUEST;

typedef enum _DOT11_MSONEX_RESULT {
	DOT11_MSONEX_SUCCESS,
	DOT11_MSONEX_FAILURE,
	DOT11_MSONEX_IN_PROGRESS,
} DOT11_MSONEX_RESULT, *PDOT11_MSONEX_RESULT;

typedef struct _DOT11_EAP_RESULT {
	UINT32 dwFailureReasonCode;
	EAP_ATTRIBUTES *pAttribArray;
} DOT11_EAP_RESULT, *PDOT11_EAP_RESULT;

typedef struct _DOT11_MSONEX_RESULT_PARAMS {
	ONEX_AUTH_STATUS Dot11OnexAuthStatus;
	ONEX_REASON_CODE Dot11OneXReasonCode;
	PBYTE pbMPPESendKey;
	DWORD dwMPPESendKeyLen;
	PBYTE pbMPPERecvKey;
	DWORD dwMPPERecvKeyLen;
	PDOT11_EAP_RESULT pDot11EapResult;
} DOT11_MSONEX_RESULT_PARAMS, *PDOT11_MSONEX_RESULT_PARAMS;

typedef enum _DOT11EXT_IHV_INDICATION_TYPE {
	IndicationTypeNicSpecificNotification,
	IndicationTypePmkidCandidateList,
	IndicationTypeTkipMicFailure,
	IndicationTypePhyStateChange,
	IndicationTypeLinkQuality,
} DOT11EXT_IHV_INDICATION_TYPE, *PDOT11EXT_IHV_INDICATION_TYPE;

#define DOT11EXT_PSK_MAX_LENGTH 64
typedef struct _DOT11EXT_VIRTUAL_STATION_AP_PROPERTY {
	DOT11_SSID dot11SSID;
	DOT11_AUTH_ALGORITHM dot11AuthAlgo;
	DOT11_CIPHER_ALGORITHM dot11CipherAlgo;
	BOOL bIsPassPhrase;
	DWORD dwKeyLength;
	UCHAR ucKeyData[DOT11EXT_PSK_MAX_LENGTH];
} DOT11EXT_VIRTUAL_STATION_AP_PROPERTY, *PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY;

#define WDIAG_IHV_WLAN_ID_FLAG_SECURITY_ENABLED 0x00000001
typedef struct _WDIAG_IHV_WLAN_ID {
	WCHAR strProfileName[MS_MAX_PROFILE_NAME_LENGTH];
	DOT11_SSID Ssid;
	DOT11_BSS_TYPE BssType;
	DWORD dwFlags;
	DWORD dwReasonCode;
} WDIAG_IHV_WLAN_ID, *PWDIAG_IHV_WLAN_ID;

/* ---- The service functions the host provides (contract §4) ----------------- */

typedef DWORD (WINAPI *DOT11EXT_ALLOCATE_BUFFER)(DWORD dwByteCount,
						  LPVOID *ppvBuffer);
typedef VOID (WINAPI *DOT11EXT_FREE_BUFFER)(LPVOID pvMemory);
typedef DWORD (WINAPI *DOT11EXT_SET_PROFILE_CUSTOM_USER_DATA)(
	HANDLE hDot11SvcHandle, HANDLE hConnectSession, DWORD dwSessionID,
	DWORD dwDataSize, LPVOID pvData);
typedef DWORD (WINAPI *DOT11EXT_GET_PROFILE_CUSTOM_USER_DATA)(
	HANDLE hDot11SvcHandle, HANDLE hConnectSession, DWORD dwSessionID,
	DWORD *pdwDataSize, LPVOID *ppvData);
typedef DWORD (WINAPI *DOT11EXT_SET_CURRENT_PROFILE)(
	HANDLE hDot11SvcHandle, HANDLE hConnectSession,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile);
typedef DWORD (WINAPI *DOT11EXT_SEND_UI_REQUEST)(
	HANDLE hDot11SvcHandle, PDOT11EXT_IHV_UI_REQUEST pIhvUIRequest);
typedef DWORD (WINAPI *DOT11EXT_PRE_ASSOCIATE_COMPLETION)(
	HANDLE hDot11SvcHandle, HANDLE hConnectSession, DWORD dwReasonCode,
	DWORD dwWin32Error);
typedef DWORD (WINAPI *DOT11EXT_POST_ASSOCIATE_COMPLETION)(
	HANDLE hDot11SvcHandle, HANDLE hSecuritySessionID,
	PDOT11_MAC_ADDRESS pPeer, DWORD dwReasonCode, DWORD dwWin32Error);
typedef DWORD (WINAPI *DOT11EXT_SEND_NOTIFICATION)(
	HANDLE hDot11SvcHandle, PL2_NOTIFICATION_DATA pNotificationData);
typedef DWORD (WINAPI *DOT11EXT_SEND_PACKET)(
	HANDLE hDot11SvcHandle, ULONG uPacketLen, LPVOID pvPacket,
	HANDLE hSendCompletion);
typedef DWORD (WINAPI *DOT11EXT_SET_ETHERTYPE_HANDLING)(
	HANDLE hDot11SvcHandle, ULONG uMaxBackLog, ULONG uNumOfExemption,
	PDOT11_PRIVACY_EXEMPTION pExemption, ULONG uNumOfRegistration,
	USHORT *pusRegistration);
typedef DWORD (WINAPI *DOT11EXT_SET_AUTH_ALGORITHM)(
	HANDLE hDot11SvcHandle, DWORD dwAuthAlgo);
typedef DWORD (WINAPI *DOT11EXT_SET_UNICAST_CIPHER_ALGORITHM)(
	HANDLE hDot11SvcHandle, DWORD dwUnicastCipherAlgo);
typedef DWORD (WINAPI *DOT11EXT_SET_MULTICAST_CIPHER_ALGORITHM)(
	HANDLE hDot11SvcHandle, DWORD dwMulticastCipherAlgo);
typedef DWORD (WINAPI *DOT11EXT_SET_DEFAULT_KEY)(
	HANDLE hDot11SvcHandle, PDOT11_CIPHER_DEFAULT_KEY_VALUE pKey,
	DOT11_DIRECTION dot11Direction);
typedef DWORD (WINAPI *DOT11EXT_SET_KEY_MAPPING_KEY)(
	HANDLE hDot11SvcHandle, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE pKey);
typedef DWORD (WINAPI *DOT11EXT_SET_DEFAULT_KEY_ID)(
	HANDLE hDot11SvcHandle, ULONG uDefaultKeyId);
typedef DWORD (WINAPI *DOT11EXT_NIC_SPECIFIC_EXTENSION)(
	HANDLE hDot11SvcHandle, DWORD dwInBufferSize, LPVOID pvInBuffer,
	DWORD *pdwOutBufferSize, LPVOID pvOutBuffer);
typedef DWORD (WINAPI *DOT11EXT_SET_EXCLUDE_UNENCRYPTED)(
	HANDLE hDot11SvcHandle, BOOL bExcludeUnencrypted);
typedef DWORD (WINAPI *DOT11EXT_ONEX_START)(
	HANDLE hDot11SvcHandle, EAP_ATTRIBUTES *pEapAttributes);
typedef DWORD (WINAPI *DOT11EXT_ONEX_STOP)(HANDLE hDot11SvcHandle);
typedef DWORD (WINAPI *DOT11EXT_PROCESS_ONEX_PACKET)(
	HANDLE hDot11SvcHandle, DWORD dwInPacketSize, LPVOID pvInPacket);

/* 22 pointers, in this order (contract §4.0). */
typedef struct _DOT11EXT_APIS {
	DOT11EXT_ALLOCATE_BUFFER Dot11ExtAllocateBuffer;
	DOT11EXT_FREE_BUFFER Dot11ExtFreeBuffer;
	DOT11EXT_SET_PROFILE_CUSTOM_USER_DATA Dot11ExtSetProfileCustomUserData;
	DOT11EXT_GET_PROFILE_CUSTOM_USER_DATA Dot11ExtGetProfileCustomUserData;
	DOT11EXT_SET_CURRENT_PROFILE Dot11ExtSetCurrentProfile;
	DOT11EXT_SEND_UI_REQUEST Dot11ExtSendUIRequest;
	DOT11EXT_PRE_ASSOCIATE_COMPLETION Dot11ExtPreAssociateCompletion;
	DOT11EXT_POST_ASSOCIATE_COMPLETION Dot11ExtPostAssociateCompletion;
	DOT11EXT_SEND_NOTIFICATION Dot11ExtSendNotification;
	DOT11EXT_SEND_PACKET Dot11ExtSendPacket;
	DOT11EXT_SET_ETHERTYPE_HANDLING Dot11ExtSetEtherTypeHandling;
	DOT11EXT_SET_AUTH_ALGORITHM Dot11ExtSetAuthAlgorithm;
	DOT11EXT_SET_UNICAST_CIPHER_ALGORITHM Dot11ExtSetUnicastCipherAlgorithm;
	DOT11EXT_SET_MULTICAST_CIPHER_ALGORITHM Dot11ExtSetMulticastCipherAlgorithm;
	DOT11EXT_SET_DEFAULT_KEY Dot11ExtSetDefaultKey;
	DOT11EXT_SET_KEY_MAPPING_KEY Dot11ExtSetKeyMappingKey;
	DOT11EXT_SET_DEFAULT_KEY_ID Dot11ExtSetDefaultKeyId;
	DOT11EXT_NIC_SPECIFIC_EXTENSION Dot11ExtNicSpecificExtension;
	DOT11EXT_SET_EXCLUDE_UNENCRYPTED Dot11ExtSetExcludeUnencrypted;
	DOT11EXT_ONEX_START Dot11ExtStartOneX;
	DOT11EXT_ONEX_STOP Dot11ExtStopOneX;
	DOT11EXT_PROCESS_ONEX_PACKET Dot11ExtProcessSecurityPacket;
} DOT11EXT_APIS, *PDOT11EXT_APIS;

/* Virtual station (contract §5); ihvd's implementations return ERROR_NOT_SUPPORTED. */
typedef DWORD (WINAPI *DOT11EXT_REQUEST_VIRTUAL_STATION)(
	HANDLE hDot11PrimaryHandle, LPVOID pvReserved);
typedef DWORD (WINAPI *DOT11EXT_RELEASE_VIRTUAL_STATION)(
	HANDLE hDot11PrimaryHandle, LPVOID pvReserved);
typedef DWORD (WINAPI *DOT11EXT_QUERY_VIRTUAL_STATION_PROPERTIES)(
	HANDLE hDot11SvcHandle, BOOL *pbIsVirtualStation, GUID *pgPrimary,
	LPVOID pvReserved);
typedef DWORD (WINAPI *DOT11EXT_SET_VIRTUAL_STATION_AP_PROPERTIES)(
	HANDLE hDot11SvcHandle, HANDLE hConnectSession, DWORD dwNumProperties,
	PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY pProperties, LPVOID pvReserved);

typedef struct _DOT11EXT_VIRTUAL_STATION_APIS {
	DOT11EXT_REQUEST_VIRTUAL_STATION Dot11ExtRequestVirtualStation;
	DOT11EXT_RELEASE_VIRTUAL_STATION Dot11ExtReleaseVirtualStation;
	DOT11EXT_QUERY_VIRTUAL_STATION_PROPERTIES Dot11ExtQueryVirtualStationProperties;
	DOT11EXT_SET_VIRTUAL_STATION_AP_PROPERTIES Dot11ExtSetVirtualStationAPProperties;
} DOT11EXT_VIRTUAL_STATION_APIS, *PDOT11EXT_VIRTUAL_STATION_APIS;

/* ---- The handlers the plugin implements (contract §3) ---------------------- */

typedef struct _DOT11EXT_IHV_HANDLERS DOT11EXT_IHV_HANDLERS, *PDOT11EXT_IHV_HANDLERS;

typedef DWORD (WINAPI *DOT11EXTIHV_GET_VERSION_INFO)(
	PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo);
typedef DWORD (WINAPI *DOT11EXTIHV_INIT_SERVICE)(
	DWORD dwVerNumUsed, PDOT11EXT_APIS pDot11ExtAPI, LPVOID pvReserved,
	PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers);
typedef DWORD (WINAPI *DOT11EXTIHV_INIT_VIRTUAL_STATION)(
	PDOT11EXT_VIRTUAL_STATION_APIS pDot11ExtVSAPI, LPVOID pvReserved);
typedef VOID (WINAPI *DOT11EXTIHV_DEINIT_SERVICE)(VOID);
typedef DWORD (WINAPI *DOT11EXTIHV_INIT_ADAPTER)(
	PDOT11_ADAPTER pDot11Adapter, HANDLE hDot11SvcHandle,
	PHANDLE phIhvExtAdapter);
typedef VOID (WINAPI *DOT11EXTIHV_DEINIT_ADAPTER)(HANDLE hIhvExtAdapter);
typedef DWORD (WINAPI *DOT11EXTIHV_PERFORM_PRE_ASSOCIATE)(
	HANDLE hIhvExtAdapter, HANDLE hConnectSession,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
	PDOT11_BSS_LIST pConnectableBssid, PDWORD pdwReasonCode);
typedef DWORD (WINAPI *DOT11EXTIHV_ADAPTER_RESET)(HANDLE hIhvExtAdapter);
typedef DWORD (WINAPI *DOT11EXTIHV_PERFORM_POST_ASSOCIATE)(
	HANDLE hIhvExtAdapter, HANDLE hSecuritySessionID,
	PDOT11_PORT_STATE pPortState, ULONG uDot11AssocParamsBytes,
	PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams);
typedef DWORD (WINAPI *DOT11EXTIHV_STOP_POST_ASSOCIATE)(
	HANDLE hIhvExtAdapter, PDOT11_MAC_ADDRESS pPeer,
	DOT11_ASSOC_STATUS dot11AssocStatus);
typedef DWORD (WINAPI *DOT11EXTIHV_VALIDATE_PROFILE)(
	HANDLE hIhvExtAdapter, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile, PDWORD pdwReasonCode);
typedef DWORD (WINAPI *DOT11EXTIHV_PERFORM_CAPABILITY_MATCH)(
	HANDLE hIhvExtAdapter, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
	PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
	PDOT11_BSS_LIST pConnectableBssid, PDWORD pdwReasonCode);
typedef DWORD (WINAPI *DOT11EXTIHV_CREATE_DISCOVERY_PROFILES)(
	HANDLE hIhvExtAdapter, BOOL bInsecure,
	PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11_BSS_LIST pConnectableBssid,
	PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pIhvDiscoveryProfileList,
	PDWORD pdwReasonCode);
typedef DWORD (WINAPI *DOT11EXTIHV_PROCESS_SESSION_CHANGE)(
	ULONG uEventType, PWTSSESSION_NOTIFICATION pSessionNotification);
typedef DWORD (WINAPI *DOT11EXTIHV_RECEIVE_INDICATION)(
	HANDLE hIhvExtAdapter, DOT11EXT_IHV_INDICATION_TYPE indicationType,
	ULONG uBufferLength, LPVOID pvBuffer);
typedef DWORD (WINAPI *DOT11EXTIHV_RECEIVE_PACKET)(
	HANDLE hIhvExtAdapter, DWORD dwInBufferSize, LPVOID pvInBuffer);
typedef DWORD (WINAPI *DOT11EXTIHV_SEND_PACKET_COMPLETION)(
	HANDLE hSendCompletion);
typedef DWORD (WINAPI *DOT11EXTIHV_IS_UI_REQUEST_PENDING)(
	GUID guidUIRequest, PBOOL pbIsRequestPending);
typedef DWORD (WINAPI *DOT11EXTIHV_PROCESS_UI_RESPONSE)(
	GUID guidUIRequest, DWORD dwByteCount, LPVOID pvResponseBuffer);
typedef DWORD (WINAPI *DOT11EXTIHV_QUERY_UI_REQUEST)(
	HANDLE hIhvExtAdapter, DOT11EXT_IHV_CONNECTION_PHASE connectionPhase,
	PDOT11EXT_IHV_UI_REQUEST *ppIhvUIRequest);
typedef DWORD (WINAPI *DOT11EXTIHV_ONEX_INDICATE_RESULT)(
	HANDLE hIhvExtAdapter, DOT11_MSONEX_RESULT msOneXResult,
	PDOT11_MSONEX_RESULT_PARAMS pDot11MsOneXResultParams);
typedef DWORD (WINAPI *DOT11EXTIHV_CONTROL)(
	HANDLE hIhvExtAdapter, DWORD dwInBufferSize, PBYTE pInBuffer,
	DWORD dwOutBufferSize, PBYTE pOutBuffer, PDWORD pdwBytesReturned);

/* 19 pointers, in this order (contract §3.0); none may be NULL (rule 4). */
struct _DOT11EXT_IHV_HANDLERS {
	DOT11EXTIHV_DEINIT_SERVICE Dot11ExtIhvDeinitService;
	DOT11EXTIHV_INIT_ADAPTER Dot11ExtIhvInitAdapter;
	DOT11EXTIHV_DEINIT_ADAPTER Dot11ExtIhvDeinitAdapter;
	DOT11EXTIHV_PERFORM_PRE_ASSOCIATE Dot11ExtIhvPerformPreAssociate;
	DOT11EXTIHV_ADAPTER_RESET Dot11ExtIhvAdapterReset;
	DOT11EXTIHV_PERFORM_POST_ASSOCIATE Dot11ExtIhvPerformPostAssociate;
	DOT11EXTIHV_STOP_POST_ASSOCIATE Dot11ExtIhvStopPostAssociate;
	DOT11EXTIHV_VALIDATE_PROFILE Dot11ExtIhvValidateProfile;
	DOT11EXTIHV_PERFORM_CAPABILITY_MATCH Dot11ExtIhvPerformCapabilityMatch;
	DOT11EXTIHV_CREATE_DISCOVERY_PROFILES Dot11ExtIhvCreateDiscoveryProfiles;
	DOT11EXTIHV_PROCESS_SESSION_CHANGE Dot11ExtIhvProcessSessionChange;
	DOT11EXTIHV_RECEIVE_INDICATION Dot11ExtIhvReceiveIndication;
	DOT11EXTIHV_RECEIVE_PACKET Dot11ExtIhvReceivePacket;
	DOT11EXTIHV_SEND_PACKET_COMPLETION Dot11ExtIhvSendPacketCompletion;
	DOT11EXTIHV_IS_UI_REQUEST_PENDING Dot11ExtIhvIsUIRequestPending;
	DOT11EXTIHV_PROCESS_UI_RESPONSE Dot11ExtIhvProcessUIResponse;
	DOT11EXTIHV_QUERY_UI_REQUEST Dot11ExtIhvQueryUIRequest;
	DOT11EXTIHV_ONEX_INDICATE_RESULT Dot11ExtIhvOnexIndicateResult;
	DOT11EXTIHV_CONTROL Dot11ExtIhvControl;
};

/* The exports, for a plugin's own prototypes. */
DWORD WINAPI Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO pDot11IHVVersionInfo);
DWORD WINAPI Dot11ExtIhvInitService(DWORD dwVerNumUsed, PDOT11EXT_APIS pDot11ExtAPI,
				    LPVOID pvReserved,
				    PDOT11EXT_IHV_HANDLERS pDot11IHVHandlers);
DWORD WINAPI Dot11ExtIhvInitVirtualStation(PDOT11EXT_VIRTUAL_STATION_APIS pDot11ExtVSAPI,
					   LPVOID pvReserved);

#ifndef FIELD_OFFSET
#define FIELD_OFFSET(type, field) ((LONG)offsetof(type, field))
#endif

/* The layout checks (contract §6): kept apart, included here so that every user runs them. */
#include "wlanihv-layout.h"

#ifdef __cplusplus
}
#endif

#endif /* IHVD_WLANIHV_H */
