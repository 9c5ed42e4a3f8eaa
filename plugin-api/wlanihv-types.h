/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Windows SDK types the contract's structures are made of: the subsets of
 * wlantypes.h, windot11.h, wlclient.h, eaptypes.h/dot1x.h, winuser.h and
 * wlanihvtypes.h that wlanihv.h's handlers and services use (deviation D6).
 * Included by wlanihv.h after the basic types; not meant to be included on
 * its own.
 */
#ifndef IHVD_WLANIHV_TYPES_H
#define IHVD_WLANIHV_TYPES_H

#ifndef IHVD_WLANIHV_H
#error "include wlanihv.h, which includes wlanihv-types.h"
#endif

/* ---- wlantypes.h subset --------------------------------------------------- */

/* D3: a DWORD with enum constants (contract §7.1). */
typedef uint32_t DOT11_AUTH_ALGORITHM, *PDOT11_AUTH_ALGORITHM;
enum {
	DOT11_AUTH_ALGO_80211_OPEN = 1,
	DOT11_AUTH_ALGO_80211_SHARED_KEY = 2,
	DOT11_AUTH_ALGO_WPA = 3,
	DOT11_AUTH_ALGO_WPA_PSK = 4,
	DOT11_AUTH_ALGO_WPA_NONE = 5,
	DOT11_AUTH_ALGO_RSNA = 6,
	DOT11_AUTH_ALGO_RSNA_PSK = 7,
	DOT11_AUTH_ALGO_WPA3 = 8,
	DOT11_AUTH_ALGO_WPA3_ENT_192 = 8,
	DOT11_AUTH_ALGO_WPA3_SAE = 9,
	DOT11_AUTH_ALGO_OWE = 10,
	DOT11_AUTH_ALGO_WPA3_ENT = 11,
};
#define DOT11_AUTH_ALGO_IHV_START 0x80000000u
#define DOT11_AUTH_ALGO_IHV_END   0xffffffffu
#define DOT11_AUTH_ALGORITHM_OPEN_SYSTEM DOT11_AUTH_ALGO_80211_OPEN
#define DOT11_AUTH_ALGORITHM_SHARED_KEY  DOT11_AUTH_ALGO_80211_SHARED_KEY
#define DOT11_AUTH_ALGORITHM_WPA         DOT11_AUTH_ALGO_WPA
#define DOT11_AUTH_ALGORITHM_WPA_PSK     DOT11_AUTH_ALGO_WPA_PSK
#define DOT11_AUTH_ALGORITHM_WPA_NONE    DOT11_AUTH_ALGO_WPA_NONE
#define DOT11_AUTH_ALGORITHM_RSNA        DOT11_AUTH_ALGO_RSNA
#define DOT11_AUTH_ALGORITHM_RSNA_PSK    DOT11_AUTH_ALGO_RSNA_PSK

/* D3 (contract §7.2). */
typedef uint32_t DOT11_CIPHER_ALGORITHM, *PDOT11_CIPHER_ALGORITHM;
enum {
	DOT11_CIPHER_ALGO_NONE = 0x00,
	DOT11_CIPHER_ALGO_WEP40 = 0x01,
	DOT11_CIPHER_ALGO_TKIP = 0x02,
	DOT11_CIPHER_ALGO_CCMP = 0x04,
	DOT11_CIPHER_ALGO_WEP104 = 0x05,
	DOT11_CIPHER_ALGO_BIP = 0x06,
	DOT11_CIPHER_ALGO_GCMP = 0x08,
	DOT11_CIPHER_ALGO_GCMP_256 = 0x09,
	DOT11_CIPHER_ALGO_CCMP_256 = 0x0a,
	DOT11_CIPHER_ALGO_BIP_GMAC_128 = 0x0b,
	DOT11_CIPHER_ALGO_BIP_GMAC_256 = 0x0c,
	DOT11_CIPHER_ALGO_BIP_CMAC_256 = 0x0d,
	DOT11_CIPHER_ALGO_WPA_USE_GROUP = 0x100,
	DOT11_CIPHER_ALGO_RSN_USE_GROUP = 0x100,
	DOT11_CIPHER_ALGO_WEP = 0x101,
};
#define DOT11_CIPHER_ALGO_IHV_START 0x80000000u
#define DOT11_CIPHER_ALGO_IHV_END   0xffffffffu

typedef struct DOT11_AUTH_CIPHER_PAIR {
	DOT11_AUTH_ALGORITHM AuthAlgoId;
	DOT11_CIPHER_ALGORITHM CipherAlgoId;
} DOT11_AUTH_CIPHER_PAIR, *PDOT11_AUTH_CIPHER_PAIR;

typedef enum _DOT11_BSS_TYPE {
	dot11_BSS_type_infrastructure = 1,
	dot11_BSS_type_independent = 2,
	dot11_BSS_type_any = 3,
} DOT11_BSS_TYPE, *PDOT11_BSS_TYPE;

#define DOT11_SSID_MAX_LENGTH 32
typedef struct _DOT11_SSID {
	ULONG uSSIDLength;
	UCHAR ucSSID[DOT11_SSID_MAX_LENGTH];
} DOT11_SSID, *PDOT11_SSID;

/* ---- windot11.h subset ---------------------------------------------------- */

typedef UCHAR DOT11_MAC_ADDRESS[6]; /* D7 */
typedef DOT11_MAC_ADDRESS *PDOT11_MAC_ADDRESS;

#define NDIS_OBJECT_TYPE_DEFAULT 0x80
typedef struct _NDIS_OBJECT_HEADER {
	UCHAR Type;
	UCHAR Revision;
	USHORT Size;
} NDIS_OBJECT_HEADER, *PNDIS_OBJECT_HEADER;

/* D3 (contract §7.5). */
typedef uint32_t DOT11_PHY_TYPE, *PDOT11_PHY_TYPE;
enum {
	dot11_phy_type_unknown = 0,
	dot11_phy_type_any = 0,
	dot11_phy_type_fhss = 1,
	dot11_phy_type_dsss = 2,
	dot11_phy_type_irbaseband = 3,
	dot11_phy_type_ofdm = 4,
	dot11_phy_type_hrdsss = 5,
	dot11_phy_type_erp = 6,
	dot11_phy_type_ht = 7,
	dot11_phy_type_vht = 8,
	dot11_phy_type_dmg = 9,
	dot11_phy_type_he = 10,
	dot11_phy_type_eht = 11,
};
#define dot11_phy_type_IHV_start 0x80000000u
#define dot11_phy_type_IHV_end   0xffffffffu

#define DOT11_OPERATION_MODE_UNKNOWN             0x00000000u
#define DOT11_OPERATION_MODE_STATION             0x00000001u
#define DOT11_OPERATION_MODE_AP                  0x00000002u
#define DOT11_OPERATION_MODE_EXTENSIBLE_STATION  0x00000004u
#define DOT11_OPERATION_MODE_EXTENSIBLE_AP       0x00000008u
#define DOT11_OPERATION_MODE_WFD_DEVICE          0x00000010u
#define DOT11_OPERATION_MODE_WFD_GROUP_OWNER     0x00000020u
#define DOT11_OPERATION_MODE_WFD_CLIENT          0x00000040u
#define DOT11_OPERATION_MODE_MANUFACTURING       0x40000000u
#define DOT11_OPERATION_MODE_NETWORK_MONITOR     0x80000000u

typedef struct _DOT11_CURRENT_OPERATION_MODE {
	ULONG uReserved;
	ULONG uCurrentOpMode;
} DOT11_CURRENT_OPERATION_MODE, *PDOT11_CURRENT_OPERATION_MODE;

typedef enum DOT11_DIRECTION {
	DOT11_DIR_INBOUND = 1,
	DOT11_DIR_OUTBOUND = 2, /* not allowed for Dot11ExtSetDefaultKey (rule 51) */
	DOT11_DIR_BOTH = 3,
} DOT11_DIRECTION, *PDOT11_DIRECTION;

/* Association status (contract §7.6). */
typedef ULONG DOT11_ASSOC_STATUS;
#define DOT11_ASSOC_STATUS_SUCCESS                     0x00000000u
#define DOT11_ASSOC_STATUS_FAILURE                     0x00000001u
#define DOT11_ASSOC_STATUS_UNREACHABLE                 0x00000002u
#define DOT11_ASSOC_STATUS_RADIO_OFF                   0x00000003u
#define DOT11_ASSOC_STATUS_PHY_DISABLED                0x00000004u
#define DOT11_ASSOC_STATUS_CANCELLED                   0x00000005u
#define DOT11_ASSOC_STATUS_CANDIDATE_LIST_EXHAUSTED    0x00000006u
#define DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS         0x00000007u
#define DOT11_ASSOC_STATUS_DISASSOCIATED_BY_ROAMING    0x00000008u
#define DOT11_ASSOC_STATUS_DISASSOCIATED_BY_RESET      0x00000009u
#define DOT11_ASSOC_STATUS_SYSTEM_ERROR                0x0000000au
#define DOT11_ASSOC_STATUS_ROAMING_BETTER_AP_FOUND     0x0000000bu
#define DOT11_ASSOC_STATUS_ROAMING_ASSOCIATION_LOST    0x0000000cu
#define DOT11_ASSOC_STATUS_ROAMING_ADHOC               0x0000000du
#define DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED        0x00010000u
#define DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_START  DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED
#define DOT11_ASSOC_STATUS_PEER_DEAUTHENTICATED_END    0x0001ffffu
#define DOT11_ASSOC_STATUS_PEER_DISASSOCIATED          0x00020000u
#define DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_START    DOT11_ASSOC_STATUS_PEER_DISASSOCIATED
#define DOT11_ASSOC_STATUS_PEER_DISASSOCIATED_END      0x0002ffffu
#define DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE        0x00030000u
#define DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_START  DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE
#define DOT11_ASSOC_STATUS_ASSOCIATION_RESPONSE_END    0x0003ffffu
#define DOT11_ASSOC_STATUS_REASON_CODE_MASK            0x0000ffffu
#define DOT11_ASSOC_STATUS_IHV_START                   0x80000000u
#define DOT11_ASSOC_STATUS_IHV_END                     0xffffffffu

typedef enum DOT11_DS_INFO {
	DOT11_DS_CHANGED,
	DOT11_DS_UNCHANGED,
	DOT11_DS_UNKNOWN,
} DOT11_DS_INFO, *PDOT11_DS_INFO;

#define DOT11_QOS_PROTOCOL_FLAG_WMM 0x01
#define DOT11_QOS_PROTOCOL_FLAG_11E 0x02

#define DOT11_ENCAP_RFC_1042 1
#define DOT11_ENCAP_802_1H   2
typedef struct DOT11_ENCAP_ENTRY {
	USHORT usEtherType;
	USHORT usEncapType;
} DOT11_ENCAP_ENTRY, *PDOT11_ENCAP_ENTRY;

/*
 * The buffer PerformPostAssociate receives: this header, then the IEs it
 * points at. Every *Offset is relative to the start of this structure
 * (contract §6.5). ihvd fills: MacAddr = BSSID; uAssocReq* = the
 * (Re)Association Request's IEs as sent (so they include the RSNE ihvd
 * built); uAssocResp* = the Response's IEs; uBeacon* = the chosen BSS's
 * probe-response IEs (else beacon IEs), byte-exact from the scan.
 */
#define DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_1 1
#define DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2 2
typedef struct DOT11_ASSOCIATION_COMPLETION_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	DOT11_MAC_ADDRESS MacAddr;
	DOT11_ASSOC_STATUS uStatus;
	BOOLEAN bReAssocReq;
	BOOLEAN bReAssocResp;
	ULONG uAssocReqOffset, uAssocReqSize;
	ULONG uAssocRespOffset, uAssocRespSize;
	ULONG uBeaconOffset, uBeaconSize;
	ULONG uIHVDataOffset, uIHVDataSize;
	DOT11_AUTH_ALGORITHM AuthAlgo;
	DOT11_CIPHER_ALGORITHM UnicastCipher;
	DOT11_CIPHER_ALGORITHM MulticastCipher;
	ULONG uActivePhyListOffset, uActivePhyListSize;
	BOOLEAN bFourAddressSupported;
	BOOLEAN bPortAuthorized;
	UCHAR ucActiveQoSProtocol;
	DOT11_DS_INFO DSInfo;
	ULONG uEncapTableOffset, uEncapTableSize;
	/* revision 2 (D5) */
	DOT11_CIPHER_ALGORITHM MulticastMgmtCipher;
	ULONG uAssocComebackTime;
} DOT11_ASSOCIATION_COMPLETION_PARAMETERS, *PDOT11_ASSOCIATION_COMPLETION_PARAMETERS;

/* Keys (contract §6.7). */
#define DOT11_CIPHER_DEFAULT_KEY_VALUE_REVISION_1 1
typedef struct DOT11_CIPHER_DEFAULT_KEY_VALUE {
	NDIS_OBJECT_HEADER Header; /* ihvd neither requires nor checks it (§11.12) */
	ULONG uKeyIndex;           /* 0..3 standard ciphers, 4..5 BIP */
	DOT11_CIPHER_ALGORITHM AlgorithmId;
	DOT11_MAC_ADDRESS MacAddr; /* all zero: default (group) key */
	BOOLEAN bDelete;
	BOOLEAN bStatic;           /* FALSE: removed on disconnect (rule 53) */
	USHORT usKeyLength;
	UCHAR ucKey[1];            /* allocate FIELD_OFFSET(ucKey) + usKeyLength */
} DOT11_CIPHER_DEFAULT_KEY_VALUE, *PDOT11_CIPHER_DEFAULT_KEY_VALUE;

typedef struct DOT11_CIPHER_KEY_MAPPING_KEY_VALUE {
	DOT11_MAC_ADDRESS PeerMacAddr;
	DOT11_CIPHER_ALGORITHM AlgorithmId;
	DOT11_DIRECTION Direction;
	BOOLEAN bDelete;
	BOOLEAN bStatic;
	USHORT usKeyLength;
	UCHAR ucKey[1];
} DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, *PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE;

/*
 * Key blobs carried in ucKey. ucIV48Counter / ucIPN: the receive sequence
 * counter, PN0 first (the byte order of the EAPOL-Key Key RSC field).
 * TKIP: ucTKIPMICKeys = TK (16) then the two Michael keys (8 + 8) in the
 * order the Linux driver wants for a station: Tx MIC key, then Rx MIC key.
 */
typedef struct DOT11_KEY_ALGO_TKIP_MIC {
	UCHAR ucIV48Counter[6];
	ULONG ulTKIPKeyLength;
	ULONG ulMICKeyLength;
	UCHAR ucTKIPMICKeys[1];
} DOT11_KEY_ALGO_TKIP_MIC, *PDOT11_KEY_ALGO_TKIP_MIC;

typedef struct DOT11_KEY_ALGO_CCMP {
	UCHAR ucIV48Counter[6];
	ULONG ulCCMPKeyLength;
	UCHAR ucCCMPKey[1];
} DOT11_KEY_ALGO_CCMP, *PDOT11_KEY_ALGO_CCMP;

typedef struct DOT11_KEY_ALGO_GCMP {
	UCHAR ucIV48Counter[6];
	ULONG ulGCMPKeyLength;
	UCHAR ucGCMPKey[1];
} DOT11_KEY_ALGO_GCMP, *PDOT11_KEY_ALGO_GCMP;

typedef struct DOT11_KEY_ALGO_GCMP_256 {
	UCHAR ucIV48Counter[6];
	ULONG ulGCMP256KeyLength;
	UCHAR ucGCMP256Key[1];
} DOT11_KEY_ALGO_GCMP_256, *PDOT11_KEY_ALGO_GCMP_256;

typedef struct DOT11_KEY_ALGO_BIP {
	UCHAR ucIPN[6];
	ULONG ulBIPKeyLength;
	UCHAR ucBIPKey[1];
} DOT11_KEY_ALGO_BIP, *PDOT11_KEY_ALGO_BIP;

typedef struct DOT11_KEY_ALGO_BIP_GMAC_256 {
	UCHAR ucIPN[6];
	ULONG ulBIPGmac256KeyLength;
	UCHAR ucBIPGmac256Key[1];
} DOT11_KEY_ALGO_BIP_GMAC_256, *PDOT11_KEY_ALGO_BIP_GMAC_256;

/* Privacy exemptions (contract §6.7); usEtherType big-endian. */
#define DOT11_EXEMPT_NO_EXEMPTION                    0
#define DOT11_EXEMPT_ALWAYS                          1
#define DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE  2
#define DOT11_EXEMPT_UNICAST                         1
#define DOT11_EXEMPT_MULTICAST                       2
#define DOT11_EXEMPT_BOTH                            3
typedef struct DOT11_PRIVACY_EXEMPTION {
	USHORT usEtherType;
	USHORT usExemptionActionType;
	USHORT usExemptionPacketType;
} DOT11_PRIVACY_EXEMPTION, *PDOT11_PRIVACY_EXEMPTION;

/* Indication payloads (contract §6.9). */
#define DOT11_PMKID_CANDIDATE_PREAUTH_ENABLED 0x00000001u
typedef struct DOT11_PMKID_CANDIDATE_LIST_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG uCandidateListSize;
	ULONG uCandidateListOffset;
} DOT11_PMKID_CANDIDATE_LIST_PARAMETERS, *PDOT11_PMKID_CANDIDATE_LIST_PARAMETERS;

typedef struct DOT11_BSSID_CANDIDATE {
	DOT11_MAC_ADDRESS BSSID;
	ULONG uFlags;
} DOT11_BSSID_CANDIDATE, *PDOT11_BSSID_CANDIDATE;

typedef struct DOT11_TKIPMIC_FAILURE_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	BOOLEAN bDefaultKeyFailure;
	ULONG uKeyIndex;
	DOT11_MAC_ADDRESS PeerMac;
} DOT11_TKIPMIC_FAILURE_PARAMETERS, *PDOT11_TKIPMIC_FAILURE_PARAMETERS;

typedef struct DOT11_PHY_STATE_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG uPhyId;
	BOOLEAN bHardwarePhyState;
	BOOLEAN bSoftwarePhyState;
} DOT11_PHY_STATE_PARAMETERS, *PDOT11_PHY_STATE_PARAMETERS;

typedef struct DOT11_LINK_QUALITY_ENTRY {
	DOT11_MAC_ADDRESS PeerMacAddr;
	UCHAR ucLinkQuality;
} DOT11_LINK_QUALITY_ENTRY, *PDOT11_LINK_QUALITY_ENTRY;

typedef struct DOT11_LINK_QUALITY_PARAMETERS {
	NDIS_OBJECT_HEADER Header;
	ULONG uLinkQualityListSize;
	ULONG uLinkQualityListOffset;
} DOT11_LINK_QUALITY_PARAMETERS, *PDOT11_LINK_QUALITY_PARAMETERS;

/* BSS entries (contract §6.4). */
typedef union DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO {
	ULONG uChCenterFrequency; /* MHz (ihvd fills the centre frequency) */
	struct {
		ULONG uHopPattern;
		ULONG uHopSet;
		ULONG uDwellTime;
	} FHSS;
} DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO, *PDOT11_BSS_ENTRY_PHY_SPECIFIC_INFO;

/*
 * One Beacon/Probe Response. Entries follow each other in
 * DOT11_BSS_LIST.pucBuffer without padding; the length of one entry is
 * FIELD_OFFSET(DOT11_BSS_ENTRY, ucBuffer) + uBufferLength, so the next entry
 * may be unaligned (read it with memcpy). ucBuffer holds the frame body's
 * information elements, byte-exact (no MAC header, no fixed fields: those
 * are in ullTimestamp, usBeaconPeriod, usCapabilityInformation).
 */
typedef struct DOT11_BSS_ENTRY {
	ULONG uPhyId;
	DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO PhySpecificInfo;
	DOT11_MAC_ADDRESS dot11BSSID;
	DOT11_BSS_TYPE dot11BSSType;
	LONG lRSSI;              /* dBm */
	ULONG uLinkQuality;      /* 0..100 */
	BOOLEAN bInRegDomain;
	USHORT usBeaconPeriod;
	ULONGLONG ullTimestamp;
	ULONGLONG ullHostTimestamp;
	USHORT usCapabilityInformation;
	ULONG uBufferLength;
	UCHAR ucBuffer[1];
} DOT11_BSS_ENTRY, *PDOT11_BSS_ENTRY;

/* ---- wlclient.h subset ---------------------------------------------------- */

typedef struct _DOT11_ADAPTER {
	GUID gAdapterId;            /* stable: derived from the interface's MAC */
	LPWSTR pszDescription;      /* UTF-16LE, NUL-terminated */
	DOT11_CURRENT_OPERATION_MODE Dot11CurrentOpMode;
} DOT11_ADAPTER, *PDOT11_ADAPTER;

typedef struct _DOT11_BSS_LIST {
	ULONG uNumOfBytes;
	PUCHAR pucBuffer;           /* DOT11_BSS_ENTRY, back to back */
} DOT11_BSS_LIST, *PDOT11_BSS_LIST;

typedef struct _DOT11_PORT_STATE {
	DOT11_MAC_ADDRESS PeerMacAddress;
	ULONG uSessionId;
	BOOL bPortControlled;
	BOOL bPortAuthorized;
} DOT11_PORT_STATE, *PDOT11_PORT_STATE;

/*
 * The framing of SendPacket / ReceivePacket / ProcessSecurityPacket
 * (contract §6.6, §11.3): peer MAC (destination on send, source on
 * receive), big-endian EtherType, then the payload (for EAPOL: from the
 * 802.1X header's Protocol Version byte on).
 */
typedef struct __attribute__((packed)) _DOT11_SECURITY_PACKET_HEADER {
	DOT11_MAC_ADDRESS PeerMac;
	USHORT usEtherType;
	UCHAR Data[1];
} DOT11_SECURITY_PACKET_HEADER, *PDOT11_SECURITY_PACKET_HEADER;

/* ---- eaptypes.h / dot1x.h subset (contract §6.3) --------------------------- */

typedef struct _EAP_TYPE {
	BYTE type;
	DWORD dwVendorId;
	DWORD dwVendorType;
} EAP_TYPE;

typedef struct _EAP_METHOD_TYPE {
	EAP_TYPE eapType;
	DWORD dwAuthorId;
} EAP_METHOD_TYPE;

typedef enum _EAP_ATTRIBUTE_TYPE {
	eatMinimum = 0,
	eatReserved = 0x7fffffff, /* D6: values not used by the contract */
} EAP_ATTRIBUTE_TYPE;

typedef struct _EAP_ATTRIBUTE {
	EAP_ATTRIBUTE_TYPE eaType;
	DWORD dwLength;
	BYTE *pValue;
} EAP_ATTRIBUTE, EapAttribute;

typedef struct _EAP_ATTRIBUTES {
	DWORD dwNumberOfAttributes;
	EAP_ATTRIBUTE *pAttribs;
} EAP_ATTRIBUTES, EapAttributes;

typedef enum _ONEX_AUTH_STATUS {
	OneXAuthNotStarted,
	OneXAuthInProgress,
	OneXAuthNoAuthenticatorFound,
	OneXAuthSuccess,
	OneXAuthFailure,
	OneXAuthInvalid,
} ONEX_AUTH_STATUS, *PONEX_AUTH_STATUS;

typedef enum _ONEX_REASON_CODE {
	ONEX_REASON_CODE_SUCCESS = 0,
	ONEX_REASON_START = 0x50000,
	ONEX_UNABLE_TO_IDENTIFY_USER,
	ONEX_IDENTITY_NOT_FOUND,
	ONEX_UI_DISABLED,
	ONEX_UI_FAILURE,
	ONEX_EAP_FAILURE_RECEIVED,
	ONEX_AUTHENTICATOR_NO_LONGER_PRESENT,
	ONEX_NO_RESPONSE_TO_IDENTITY,
	ONEX_PROFILE_VERSION_NOT_SUPPORTED,
	ONEX_PROFILE_INVALID_LENGTH,
	ONEX_PROFILE_DISALLOWED_EAP_TYPE,
	ONEX_PROFILE_INVALID_EAP_TYPE_OR_FLAG,
	ONEX_PROFILE_INVALID_ONEX_FLAGS,
	ONEX_PROFILE_INVALID_TIMER_VALUE,
	ONEX_PROFILE_INVALID_SUPPLICANT_MODE,
	ONEX_PROFILE_INVALID_AUTH_MODE,
	ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES,
	ONEX_UI_CANCELLED,
	ONEX_PROFILE_INVALID_EXPLICIT_CREDENTIALS,
	ONEX_PROFILE_EXPIRED_EXPLICIT_CREDENTIALS,
	ONEX_UI_NOT_PERMITTED,
} ONEX_REASON_CODE, *PONEX_REASON_CODE;

/* ---- winuser.h subset (contract §3.14, §7.11) ----------------------------- */

#define WTS_CONSOLE_CONNECT        0x1
#define WTS_CONSOLE_DISCONNECT     0x2
#define WTS_REMOTE_CONNECT         0x3
#define WTS_REMOTE_DISCONNECT      0x4
#define WTS_SESSION_LOGON          0x5
#define WTS_SESSION_LOGOFF         0x6
#define WTS_SESSION_LOCK           0x7
#define WTS_SESSION_UNLOCK         0x8
#define WTS_SESSION_REMOTE_CONTROL 0x9

typedef struct tagWTSSESSION_NOTIFICATION {
	DWORD cbSize;
	DWORD dwSessionId;
} WTSSESSION_NOTIFICATION, *PWTSSESSION_NOTIFICATION;

/* ---- wlanihvtypes.h (contract §6.1) --------------------------------------- */

typedef struct _DOT11_MSSECURITY_SETTINGS {
	DOT11_AUTH_ALGORITHM dot11AuthAlgorithm;
	DOT11_CIPHER_ALGORITHM dot11CipherAlgorithm;
	BOOL fOneXEnabled;
	EAP_METHOD_TYPE eapMethodType;
	DWORD dwEapConnectionDataLen;
	BYTE *pEapConnectionData;
} DOT11_MSSECURITY_SETTINGS, *PDOT11_MSSECURITY_SETTINGS;

typedef struct _DOT11EXT_IHV_SSID_LIST {
	ULONG ulCount;
	DOT11_SSID SSIDs[1]; /* ulCount entries */
} DOT11EXT_IHV_SSID_LIST, *PDOT11EXT_IHV_SSID_LIST;

typedef struct _DOT11EXT_IHV_PROFILE_PARAMS {
	PDOT11EXT_IHV_SSID_LIST pSsidList;
	DOT11_BSS_TYPE BssType;
	PDOT11_MSSECURITY_SETTINGS pMSSecuritySettings; /* ihvd: always NULL */
} DOT11EXT_IHV_PROFILE_PARAMS, *PDOT11EXT_IHV_PROFILE_PARAMS;

#define MS_MAX_PROFILE_NAME_LENGTH 256
#define MS_PROFILE_GROUP_POLICY    0x00000001
#define MS_PROFILE_USER            0x00000002

typedef struct _DOT11EXT_IHV_PARAMS {
	DOT11EXT_IHV_PROFILE_PARAMS dot11ExtIhvProfileParams;
	WCHAR wstrProfileName[MS_MAX_PROFILE_NAME_LENGTH];
	DWORD dwProfileTypeFlags;
	GUID interfaceGuid;
} DOT11EXT_IHV_PARAMS, *PDOT11EXT_IHV_PARAMS;

#endif
