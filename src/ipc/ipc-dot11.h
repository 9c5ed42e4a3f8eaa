/*
 * Serialisers for the contract's structures (plugin-api/wlanihv.h), used by
 * both sides of the plugin-host protocol. Each writer has a reader that
 * rebuilds the structure in heap copies it owns (aligned, strings always
 * terminated, every embedded length checked against the bytes that came)
 * and a _free that clears and releases them. NULL pointers travel as a
 * "present" flag and come back as NULL.
 */
#ifndef IHVD_IPC_IPC_DOT11_H
#define IHVD_IPC_IPC_DOT11_H

#include "ipc/ipc.h"
#include "wlanihv.h"

/* GUIDs travel as 16 raw bytes. */
void ipc_wr_guid(struct ipc_wr *w, const GUID *g);
void ipc_rd_guid(struct ipc_rd *r, GUID *g);

/* A NUL-terminated UTF-16 string, NULL kept: heap copy or NULL. */
uint16_t *ipc_rd_wstr(struct ipc_rd *r);

/* The profile triple of PerformPreAssociate / ValidateProfile / ... */
struct ipc_profiles {
	DOT11EXT_IHV_PROFILE_PARAMS params, *pparams;
	DOT11EXT_IHV_CONNECTIVITY_PROFILE conn, *pconn;
	DOT11EXT_IHV_SECURITY_PROFILE sec, *psec;
};
void ipc_wr_profiles(struct ipc_wr *w, const DOT11EXT_IHV_PROFILE_PARAMS *p,
		     const DOT11EXT_IHV_CONNECTIVITY_PROFILE *c,
		     const DOT11EXT_IHV_SECURITY_PROFILE *s);
void ipc_rd_profiles(struct ipc_rd *r, struct ipc_profiles *out);
void ipc_profiles_free(struct ipc_profiles *p);
/* The connectivity and security profiles alone (SetCurrentProfile). */
void ipc_wr_conn_sec(struct ipc_wr *w, const DOT11EXT_IHV_CONNECTIVITY_PROFILE *c,
		     const DOT11EXT_IHV_SECURITY_PROFILE *s);
void ipc_rd_conn_sec(struct ipc_rd *r, struct ipc_profiles *out);

/* DOT11_BSS_LIST: the buffer of DOT11_BSS_ENTRYs as bytes. */
struct ipc_bss_list {
	DOT11_BSS_LIST list, *plist;
};
void ipc_wr_bss_list(struct ipc_wr *w, const DOT11_BSS_LIST *l);
void ipc_rd_bss_list(struct ipc_rd *r, struct ipc_bss_list *out);
void ipc_bss_list_free(struct ipc_bss_list *l);

/* DOT11EXT_IHV_UI_REQUEST; *out gets heap data (ipc_ui_request_free). */
void ipc_wr_ui_request(struct ipc_wr *w, const DOT11EXT_IHV_UI_REQUEST *u);
/* NULL when absent; else out, filled. */
DOT11EXT_IHV_UI_REQUEST *ipc_rd_ui_request(struct ipc_rd *r, DOT11EXT_IHV_UI_REQUEST *out);
void ipc_ui_request_free(DOT11EXT_IHV_UI_REQUEST *u);

/* A structure ending in a counted key (DOT11_CIPHER_*_KEY_VALUE). */
void ipc_wr_default_key(struct ipc_wr *w, const DOT11_CIPHER_DEFAULT_KEY_VALUE *k);
void ipc_wr_mapping_key(struct ipc_wr *w, const DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *k);
DOT11_CIPHER_DEFAULT_KEY_VALUE *ipc_rd_default_key(struct ipc_rd *r, size_t *len);
DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *ipc_rd_mapping_key(struct ipc_rd *r, size_t *len);
/* Clear and free a key copy. */
void ipc_key_free(void *k, size_t len);

/* EAP_ATTRIBUTES (StartOneX, the OneX result). */
void ipc_wr_eap_attrs(struct ipc_wr *w, const EAP_ATTRIBUTES *a);
EAP_ATTRIBUTES *ipc_rd_eap_attrs(struct ipc_rd *r);
void ipc_eap_attrs_free(EAP_ATTRIBUTES *a);

/* L2_NOTIFICATION_DATA. */
void ipc_wr_notification(struct ipc_wr *w, const L2_NOTIFICATION_DATA *n);
L2_NOTIFICATION_DATA *ipc_rd_notification(struct ipc_rd *r, L2_NOTIFICATION_DATA *out);
void ipc_notification_free(L2_NOTIFICATION_DATA *n);

/* DOT11_MSONEX_RESULT_PARAMS (keys inside: cleared when freed). */
void ipc_wr_onex_params(struct ipc_wr *w, const DOT11_MSONEX_RESULT_PARAMS *p);
DOT11_MSONEX_RESULT_PARAMS *ipc_rd_onex_params(struct ipc_rd *r);
void ipc_onex_params_free(DOT11_MSONEX_RESULT_PARAMS *p);

/* DOT11EXT_IHV_DISCOVERY_PROFILE_LIST (CreateDiscoveryProfiles' output). */
void ipc_wr_discovery(struct ipc_wr *w, const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l);
/* Strings and the array are allocated with alloc (the receiver's allocator). */
void ipc_rd_discovery(struct ipc_rd *r, DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l,
		      DWORD (*alloc)(DWORD, LPVOID *));

#endif
