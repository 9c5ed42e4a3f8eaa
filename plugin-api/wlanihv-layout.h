/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * wlanihv.h's ABI checks: table order, field offsets and sizes against contract §6
 * (LP64). Included by wlanihv.h at its end; not meant to be included on its own.
 */
#ifndef IHVD_WLANIHV_LAYOUT_H
#define IHVD_WLANIHV_LAYOUT_H

#ifndef IHVD_WLANIHV_H
#error "include wlanihv.h, which includes wlanihv-layout.h"
#endif

/* ---- ABI checks (contract §6; LP64) --------------------------------------- */
#if defined(__LP64__) || defined(_LP64)
#ifdef __cplusplus
#define IHV_ABI_ASSERT(e, msg) static_assert(e, msg)
#else
#define IHV_ABI_ASSERT(e, msg) _Static_assert(e, msg)
#endif
IHV_ABI_ASSERT(sizeof(GUID) == 16, "GUID");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_HANDLERS) == 152, "handler table: 19 pointers");
IHV_ABI_ASSERT(sizeof(DOT11EXT_APIS) == 176, "service table: 22 pointers");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvReceivePacket) == 12 * 8, "handler 12");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_HANDLERS, Dot11ExtIhvControl) == 18 * 8, "handler 18");
IHV_ABI_ASSERT(offsetof(DOT11EXT_APIS, Dot11ExtSendPacket) == 9 * 8, "service 9");
IHV_ABI_ASSERT(offsetof(DOT11EXT_APIS, Dot11ExtProcessSecurityPacket) == 21 * 8, "service 21");
IHV_ABI_ASSERT(sizeof(DOT11_AUTH_ALGORITHM) == 4 && sizeof(DOT11_CIPHER_ALGORITHM) == 4, "algorithms");
IHV_ABI_ASSERT(sizeof(DOT11_BSS_TYPE) == 4 && sizeof(DOT11_DIRECTION) == 4, "enums are 4 bytes");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_CONNECTIVITY_PROFILE) == 8, "conn profile");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_SECURITY_PROFILE) == 16, "sec profile");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_SECURITY_PROFILE, bUseMSOnex) == 8, "bUseMSOnex");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_DISCOVERY_PROFILE) == 24, "discovery profile");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_DISCOVERY_PROFILE_LIST) == 16, "discovery list");
IHV_ABI_ASSERT(sizeof(EAP_TYPE) == 12 && sizeof(EAP_METHOD_TYPE) == 16, "EAP types");
IHV_ABI_ASSERT(offsetof(DOT11_MSSECURITY_SETTINGS, eapMethodType) == 12, "eapMethodType");
IHV_ABI_ASSERT(offsetof(DOT11_MSSECURITY_SETTINGS, pEapConnectionData) == 32, "pEapConnectionData");
IHV_ABI_ASSERT(sizeof(DOT11_MSSECURITY_SETTINGS) == 40, "MS security settings");
IHV_ABI_ASSERT(sizeof(DOT11_SSID) == 36, "DOT11_SSID");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_SSID_LIST, SSIDs) == 4 && sizeof(DOT11EXT_IHV_SSID_LIST) == 40, "SSID list");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_PROFILE_PARAMS, BssType) == 8, "BssType");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_PROFILE_PARAMS, pMSSecuritySettings) == 16, "pMSSecuritySettings");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_PROFILE_PARAMS) == 24, "profile params");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_UI_REQUEST, guidUIRequest) == 4, "UI guid");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_UI_REQUEST, UIPageClsid) == 20, "UI clsid");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_UI_REQUEST, dwByteCount) == 36, "UI count");
IHV_ABI_ASSERT(offsetof(DOT11EXT_IHV_UI_REQUEST, pvUIRequest) == 40, "UI data");
IHV_ABI_ASSERT(sizeof(DOT11EXT_IHV_UI_REQUEST) == 48, "UI request");
IHV_ABI_ASSERT(offsetof(DOT11_MSONEX_RESULT_PARAMS, pbMPPESendKey) == 8, "MPPE send");
IHV_ABI_ASSERT(offsetof(DOT11_MSONEX_RESULT_PARAMS, pbMPPERecvKey) == 24, "MPPE recv");
IHV_ABI_ASSERT(offsetof(DOT11_MSONEX_RESULT_PARAMS, pDot11EapResult) == 40, "EAP result");
IHV_ABI_ASSERT(sizeof(DOT11_MSONEX_RESULT_PARAMS) == 48, "MSONEX result");
IHV_ABI_ASSERT(offsetof(DOT11_ADAPTER, pszDescription) == 16, "adapter description");
IHV_ABI_ASSERT(offsetof(DOT11_ADAPTER, Dot11CurrentOpMode) == 24, "adapter op mode");
IHV_ABI_ASSERT(sizeof(DOT11_ADAPTER) == 32, "DOT11_ADAPTER");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_LIST, pucBuffer) == 8 && sizeof(DOT11_BSS_LIST) == 16, "BSS list");
IHV_ABI_ASSERT(offsetof(DOT11_PORT_STATE, uSessionId) == 8, "port session");
IHV_ABI_ASSERT(offsetof(DOT11_PORT_STATE, bPortControlled) == 12, "port controlled");
IHV_ABI_ASSERT(offsetof(DOT11_PORT_STATE, bPortAuthorized) == 16, "port authorized");
IHV_ABI_ASSERT(sizeof(DOT11_PORT_STATE) == 20, "port state");
IHV_ABI_ASSERT(sizeof(DOT11_BSS_ENTRY_PHY_SPECIFIC_INFO) == 12, "PHY info");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, dot11BSSID) == 16, "BSSID");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, dot11BSSType) == 24, "BSS type");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, lRSSI) == 28, "RSSI");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, uLinkQuality) == 32, "link quality");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, bInRegDomain) == 36, "reg domain");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, usBeaconPeriod) == 38, "beacon period");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, ullTimestamp) == 40, "timestamp");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, ullHostTimestamp) == 48, "host timestamp");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, usCapabilityInformation) == 56, "capability");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, uBufferLength) == 60, "buffer length");
IHV_ABI_ASSERT(offsetof(DOT11_BSS_ENTRY, ucBuffer) == 64, "ucBuffer at 64");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, MacAddr) == 4, "assoc MacAddr");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uStatus) == 12, "assoc uStatus");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, bReAssocReq) == 16, "assoc bReAssocReq");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uAssocReqOffset) == 20, "assoc req");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uAssocRespOffset) == 28, "assoc resp");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uBeaconOffset) == 36, "assoc beacon");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uIHVDataOffset) == 44, "assoc IHV data");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, AuthAlgo) == 52, "assoc AuthAlgo");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uActivePhyListOffset) == 64, "assoc phy list");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, bFourAddressSupported) == 72, "assoc 4addr");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, ucActiveQoSProtocol) == 74, "assoc QoS");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, DSInfo) == 76, "assoc DSInfo");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, uEncapTableOffset) == 80, "assoc encap");
IHV_ABI_ASSERT(offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, MulticastMgmtCipher) == 88, "assoc mgmt cipher");
IHV_ABI_ASSERT(sizeof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS) == 96, "assoc params rev 2");
IHV_ABI_ASSERT(sizeof(DOT11_SECURITY_PACKET_HEADER) == 9, "security packet header (packed)");
IHV_ABI_ASSERT(offsetof(DOT11_SECURITY_PACKET_HEADER, usEtherType) == 6, "packet EtherType");
IHV_ABI_ASSERT(offsetof(DOT11_SECURITY_PACKET_HEADER, Data) == 8, "packet data");
IHV_ABI_ASSERT(sizeof(NDIS_OBJECT_HEADER) == 4, "NDIS header");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, uKeyIndex) == 4, "default key index");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, MacAddr) == 12, "default key MacAddr");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, bDelete) == 18, "default key bDelete");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, usKeyLength) == 20, "default key length");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) == 22, "default key ucKey");
IHV_ABI_ASSERT(sizeof(DOT11_CIPHER_DEFAULT_KEY_VALUE) == 24, "default key value");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, AlgorithmId) == 8, "mapping key algo");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, Direction) == 12, "mapping key dir");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, bDelete) == 16, "mapping key bDelete");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, usKeyLength) == 18, "mapping key length");
IHV_ABI_ASSERT(offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) == 20, "mapping key ucKey");
IHV_ABI_ASSERT(sizeof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE) == 24, "mapping key value");
IHV_ABI_ASSERT(offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength) == 8 && offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey) == 12, "CCMP blob");
IHV_ABI_ASSERT(offsetof(DOT11_KEY_ALGO_BIP, ulBIPKeyLength) == 8 && offsetof(DOT11_KEY_ALGO_BIP, ucBIPKey) == 12, "BIP blob");
IHV_ABI_ASSERT(offsetof(DOT11_KEY_ALGO_TKIP_MIC, ucTKIPMICKeys) == 16, "TKIP blob");
IHV_ABI_ASSERT(sizeof(DOT11_PRIVACY_EXEMPTION) == 6, "privacy exemption");
IHV_ABI_ASSERT(sizeof(L2_NOTIFICATION_DATA) == 40 && offsetof(L2_NOTIFICATION_DATA, pData) == 32, "L2 notification");
IHV_ABI_ASSERT(sizeof(DOT11EXT_VIRTUAL_STATION_AP_PROPERTY) == 116, "VS AP property");
IHV_ABI_ASSERT(sizeof(WTSSESSION_NOTIFICATION) == 8, "WTS notification");
#undef IHV_ABI_ASSERT
#endif

#endif /* IHVD_WLANIHV_LAYOUT_H */
