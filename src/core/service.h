/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The service functions behind the table in service.c (contract §4), by
 * group: buffer.c, svc-profile.c, svc-session.c, svc-packet.c, svc-keys.c,
 * svc-vendor.c. Only service.c takes their addresses.
 */
#ifndef IHVD_CORE_SERVICE_H
#define IHVD_CORE_SERVICE_H

#include "wlanihv.h"

/* svc-keys.c */
DWORD WINAPI ihv_svc_set_auth_algorithm(HANDLE svc, DWORD algo);
DWORD WINAPI ihv_svc_set_unicast_cipher_algorithm(HANDLE svc, DWORD algo);
DWORD WINAPI ihv_svc_set_multicast_cipher_algorithm(HANDLE svc, DWORD algo);
DWORD WINAPI ihv_svc_set_default_key(HANDLE svc, PDOT11_CIPHER_DEFAULT_KEY_VALUE k,
		DOT11_DIRECTION dir);
DWORD WINAPI ihv_svc_set_key_mapping_key(HANDLE svc,
		PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k);
DWORD WINAPI ihv_svc_set_default_key_id(HANDLE svc, ULONG id);

/* svc-packet.c */
DWORD WINAPI ihv_svc_send_packet(HANDLE svc, ULONG len, LPVOID pv, HANDLE hc);
DWORD WINAPI ihv_svc_set_ethertype_handling(HANDLE svc, ULONG backlog, ULONG n_ex,
		PDOT11_PRIVACY_EXEMPTION ex, ULONG n_reg, USHORT *reg);
DWORD WINAPI ihv_svc_set_exclude_unencrypted(HANDLE svc, BOOL b);
DWORD WINAPI ihv_svc_start_onex(HANDLE svc, EAP_ATTRIBUTES *attrs);
DWORD WINAPI ihv_svc_stop_onex(HANDLE svc);
DWORD WINAPI ihv_svc_process_security_packet(HANDLE svc, DWORD len, LPVOID pkt);

/* svc-profile.c */
DWORD WINAPI ihv_svc_set_profile_custom_user_data(HANDLE svc, HANDLE cs, DWORD session,
		DWORD size, LPVOID data);
DWORD WINAPI ihv_svc_get_profile_custom_user_data(HANDLE svc, HANDLE cs, DWORD session,
		DWORD *psize, LPVOID *pdata);
DWORD WINAPI ihv_svc_set_current_profile(HANDLE svc, HANDLE cs,
		PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn, PDOT11EXT_IHV_SECURITY_PROFILE sec);

/* svc-session.c */
DWORD WINAPI ihv_svc_send_ui_request(HANDLE svc, PDOT11EXT_IHV_UI_REQUEST req);
DWORD WINAPI ihv_svc_pre_associate_completion(HANDLE svc, HANDLE cs, DWORD reason,
		DWORD win32);
DWORD WINAPI ihv_svc_post_associate_completion(HANDLE svc, HANDLE ss,
		PDOT11_MAC_ADDRESS peer, DWORD reason, DWORD win32);
DWORD WINAPI ihv_svc_send_notification(HANDLE svc, PL2_NOTIFICATION_DATA nd);

/* svc-vendor.c */
DWORD WINAPI ihv_svc_nic_specific_extension(HANDLE svc, DWORD in_len, LPVOID in,
		DWORD *out_len, LPVOID out);

#endif
