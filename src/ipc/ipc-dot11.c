// SPDX-License-Identifier: BSD-3-Clause
/*
 * The contract's structures on the wire (ipc-dot11.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc-dot11.h"

#define IPC_EAP_MAX_ATTRS 64
#define IPC_DISCOVERY_MAX 64

void ipc_wr_guid(struct ipc_wr *w, const GUID *g)
{
	ipc_wr_bytes(w, g, sizeof(*g));
}

void ipc_rd_guid(struct ipc_rd *r, GUID *g)
{
	ipc_rd_fixed(r, g, sizeof(*g));
}

uint16_t *ipc_rd_wstr(struct ipc_rd *r)
{
	uint32_t present = ipc_rd_u32(r);
	size_t len;
	uint16_t *s = ipc_rd_dup(r, 0, &len);

	/* a refused fragment may still be security XML, with its passphrase: wiped */
	if (!present || !r->ok) {
		ipc_key_free(s, len);
		return NULL;
	}
	if (len % 2) {
		r->ok = false;
		ipc_key_free(s, len);
		return NULL;
	}
	return s ? s : calloc(1, 2); /* present but empty: "" */
}

static void ipc_dot11_wstr(struct ipc_wr *w, const uint16_t *s)
{
	ipc_wr_u32(w, s != NULL);
	ipc_wr_wstr(w, s);
}

static void ipc_wstr_free(uint16_t *s)
{
	size_t n = 0;

	if (!s)
		return;
	while (s[n])
		n++;
	explicit_bzero(s, n * 2); /* profile fragments may hold secrets */
	free(s);
}

void ipc_wr_conn_sec(struct ipc_wr *w, const DOT11EXT_IHV_CONNECTIVITY_PROFILE *c,
		     const DOT11EXT_IHV_SECURITY_PROFILE *s)
{
	ipc_wr_u32(w, c != NULL);
	ipc_dot11_wstr(w, c ? c->pszXmlFragmentIhvConnectivity : NULL);
	ipc_wr_u32(w, s != NULL);
	ipc_dot11_wstr(w, s ? s->pszXmlFragmentIhvSecurity : NULL);
	ipc_wr_u32(w, s ? (uint32_t)s->bUseMSOnex : 0);
}

void ipc_rd_conn_sec(struct ipc_rd *r, struct ipc_profiles *out)
{
	uint32_t has_c, has_s;

	has_c = ipc_rd_u32(r);
	out->conn.pszXmlFragmentIhvConnectivity = ipc_rd_wstr(r);
	out->pconn = has_c ? &out->conn : NULL;
	has_s = ipc_rd_u32(r);
	out->sec.pszXmlFragmentIhvSecurity = ipc_rd_wstr(r);
	out->sec.bUseMSOnex = (BOOL)ipc_rd_u32(r);
	out->psec = has_s ? &out->sec : NULL;
}

void ipc_wr_profiles(struct ipc_wr *w, const DOT11EXT_IHV_PROFILE_PARAMS *p,
		     const DOT11EXT_IHV_CONNECTIVITY_PROFILE *c,
		     const DOT11EXT_IHV_SECURITY_PROFILE *s)
{
	const DOT11EXT_IHV_SSID_LIST *l = p ? p->pSsidList : NULL;
	uint32_t n = l ? (l->ulCount > 64 ? 64 : l->ulCount) : 0;

	ipc_wr_u32(w, p != NULL);
	ipc_wr_u32(w, l != NULL);
	ipc_wr_u32(w, n);
	ipc_wr_bytes(w, l ? (const void *)l->SSIDs : NULL, (size_t)n * sizeof(DOT11_SSID));
	ipc_wr_u32(w, p ? (uint32_t)p->BssType : 0);
	/* pMSSecuritySettings: ihvd always passes NULL (wlanihv.h) */
	ipc_wr_conn_sec(w, c, s);
}

void ipc_rd_profiles(struct ipc_rd *r, struct ipc_profiles *out)
{
	uint32_t has_p, has_l, n, i;
	const uint8_t *b;
	size_t len;

	memset(out, 0, sizeof(*out));
	has_p = ipc_rd_u32(r);
	has_l = ipc_rd_u32(r);
	n = ipc_rd_u32(r);
	b = ipc_rd_bytes(r, &len);
	if (n > 64 || len != (size_t)n * sizeof(DOT11_SSID))
		r->ok = false;
	out->params.BssType = (DOT11_BSS_TYPE)ipc_rd_u32(r);
	if (r->ok && has_l) {
		out->params.pSsidList = calloc(1, sizeof(DOT11EXT_IHV_SSID_LIST) +
						  (size_t)n * sizeof(DOT11_SSID));
		if (!out->params.pSsidList) {
			r->ok = false;
		} else {
			out->params.pSsidList->ulCount = n;
			if (len)
				memcpy(out->params.pSsidList->SSIDs, b, len);
			for (i = 0; i < n; i++) /* never trust a length from the wire */
				if (out->params.pSsidList->SSIDs[i].uSSIDLength > DOT11_SSID_MAX_LENGTH)
					r->ok = false;
		}
	}
	out->pparams = has_p ? &out->params : NULL;
	ipc_rd_conn_sec(r, out);
}

void ipc_profiles_free(struct ipc_profiles *p)
{
	free(p->params.pSsidList);
	ipc_wstr_free(p->conn.pszXmlFragmentIhvConnectivity);
	ipc_wstr_free(p->sec.pszXmlFragmentIhvSecurity);
	memset(p, 0, sizeof(*p));
}

void ipc_wr_bss_list(struct ipc_wr *w, const DOT11_BSS_LIST *l)
{
	ipc_wr_u32(w, l != NULL);
	ipc_wr_bytes(w, l ? l->pucBuffer : NULL, l && l->pucBuffer ? l->uNumOfBytes : 0);
}

void ipc_rd_bss_list(struct ipc_rd *r, struct ipc_bss_list *out)
{
	uint32_t present = ipc_rd_u32(r);
	size_t len;

	memset(out, 0, sizeof(*out));
	out->list.pucBuffer = ipc_rd_dup(r, 0, &len);
	out->list.uNumOfBytes = (ULONG)len;
	out->plist = present ? &out->list : NULL;
}

void ipc_bss_list_free(struct ipc_bss_list *l)
{
	free(l->list.pucBuffer);
	memset(l, 0, sizeof(*l));
}

void ipc_wr_ui_request(struct ipc_wr *w, const DOT11EXT_IHV_UI_REQUEST *u)
{
	ipc_wr_u32(w, u != NULL);
	ipc_wr_u32(w, u ? u->dwSessionId : 0);
	if (u) {
		ipc_wr_guid(w, &u->guidUIRequest);
		ipc_wr_guid(w, &u->UIPageClsid);
	} else {
		GUID z = { 0 };

		ipc_wr_guid(w, &z);
		ipc_wr_guid(w, &z);
	}
	/* dwByteCount travels apart from the bytes: a NULL pvUIRequest with a count is the
	 * receiver's to refuse */
	ipc_wr_u32(w, u ? u->dwByteCount : 0);
	ipc_wr_bytes(w, u && u->pvUIRequest ? u->pvUIRequest : NULL,
		     u && u->pvUIRequest ? u->dwByteCount : 0);
}

DOT11EXT_IHV_UI_REQUEST *ipc_rd_ui_request(struct ipc_rd *r, DOT11EXT_IHV_UI_REQUEST *out)
{
	uint32_t present = ipc_rd_u32(r);
	size_t len;

	memset(out, 0, sizeof(*out));
	out->dwSessionId = ipc_rd_u32(r);
	ipc_rd_guid(r, &out->guidUIRequest);
	ipc_rd_guid(r, &out->UIPageClsid);
	out->dwByteCount = ipc_rd_u32(r);
	out->pvUIRequest = ipc_rd_dup(r, 0, &len);
	if (out->pvUIRequest && len != out->dwByteCount) {
		/* the count is the sender's word, the copy is len bytes: wipe what was copied
		 * (fuzz-ipc found the count used here, a write past the copy) */
		explicit_bzero(out->pvUIRequest, len);
		free(out->pvUIRequest);
		out->pvUIRequest = NULL;
		r->ok = false;
	}
	if (!present || !r->ok) {
		ipc_ui_request_free(out);
		return NULL;
	}
	return out;
}

void ipc_ui_request_free(DOT11EXT_IHV_UI_REQUEST *u)
{
	if (u && u->pvUIRequest) {
		explicit_bzero(u->pvUIRequest, u->dwByteCount);
		free(u->pvUIRequest);
		u->pvUIRequest = NULL;
	}
}

void ipc_wr_default_key(struct ipc_wr *w, const DOT11_CIPHER_DEFAULT_KEY_VALUE *k)
{
	ipc_wr_u32(w, k != NULL);
	ipc_wr_bytes(w, k, k ? offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) + k->usKeyLength : 0);
}

void ipc_wr_mapping_key(struct ipc_wr *w, const DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *k)
{
	ipc_wr_u32(w, k != NULL);
	ipc_wr_bytes(w, k, k ? offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) +
			       k->usKeyLength : 0);
}

/* A key structure: present flag, bytes at least hdr long, usKeyLength inside them. */
static void *ipc_dot11_key(struct ipc_rd *r, size_t hdr, size_t len_off, size_t *len)
{
	uint32_t present = ipc_rd_u32(r);
	uint8_t *k;
	uint16_t kl;

	*len = 0;
	if (!present)
		return NULL;
	k = ipc_rd_dup(r, hdr, len);
	if (!k)
		return NULL;
	/* the copy is at least hdr + 2 bytes (zeros after the data): ucKey[1] exists */
	memcpy(&kl, k + len_off, sizeof(kl));
	if (*len != hdr + kl) {
		r->ok = false;
		ipc_key_free(k, *len);
		*len = 0;
		return NULL;
	}
	return k;
}

DOT11_CIPHER_DEFAULT_KEY_VALUE *ipc_rd_default_key(struct ipc_rd *r, size_t *len)
{
	return ipc_dot11_key(r, offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey),
			     offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, usKeyLength), len);
}

DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *ipc_rd_mapping_key(struct ipc_rd *r, size_t *len)
{
	return ipc_dot11_key(r, offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey),
			     offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, usKeyLength), len);
}

void ipc_key_free(void *k, size_t len)
{
	if (k)
		explicit_bzero(k, len);
	free(k);
}

void ipc_wr_eap_attrs(struct ipc_wr *w, const EAP_ATTRIBUTES *a)
{
	uint32_t i, n = a ? a->dwNumberOfAttributes : 0;

	if (n > IPC_EAP_MAX_ATTRS || (n && !a->pAttribs))
		n = 0;
	ipc_wr_u32(w, a != NULL);
	ipc_wr_u32(w, n);
	for (i = 0; i < n; i++) {
		ipc_wr_u32(w, (uint32_t)a->pAttribs[i].eaType);
		ipc_wr_bytes(w, a->pAttribs[i].pValue,
			     a->pAttribs[i].pValue ? a->pAttribs[i].dwLength : 0);
	}
}

EAP_ATTRIBUTES *ipc_rd_eap_attrs(struct ipc_rd *r)
{
	uint32_t present = ipc_rd_u32(r), n = ipc_rd_u32(r), i;
	EAP_ATTRIBUTES *a;
	size_t len;

	if (!present || n > IPC_EAP_MAX_ATTRS || !r->ok) {
		if (n > IPC_EAP_MAX_ATTRS)
			r->ok = false;
		return NULL;
	}
	a = calloc(1, sizeof(*a));
	if (!a || (n && !(a->pAttribs = calloc(n, sizeof(*a->pAttribs))))) {
		free(a);
		r->ok = false;
		return NULL;
	}
	a->dwNumberOfAttributes = n;
	for (i = 0; i < n; i++) {
		a->pAttribs[i].eaType = (EAP_ATTRIBUTE_TYPE)ipc_rd_u32(r);
		a->pAttribs[i].pValue = ipc_rd_dup(r, 0, &len);
		a->pAttribs[i].dwLength = (DWORD)len;
	}
	return a;
}

void ipc_eap_attrs_free(EAP_ATTRIBUTES *a)
{
	uint32_t i;

	if (!a)
		return;
	for (i = 0; i < a->dwNumberOfAttributes && a->pAttribs; i++)
		ipc_key_free(a->pAttribs[i].pValue, a->pAttribs[i].dwLength);
	free(a->pAttribs);
	free(a);
}

void ipc_wr_notification(struct ipc_wr *w, const L2_NOTIFICATION_DATA *n)
{
	ipc_wr_u32(w, n != NULL);
	ipc_wr_u32(w, n ? n->NotificationSource : 0);
	ipc_wr_u32(w, n ? n->NotificationCode : 0);
	ipc_wr_u32(w, n ? n->dwDataSize : 0);
	ipc_wr_bytes(w, n && n->pData ? n->pData : NULL, n && n->pData ? n->dwDataSize : 0);
}

L2_NOTIFICATION_DATA *ipc_rd_notification(struct ipc_rd *r, L2_NOTIFICATION_DATA *out)
{
	uint32_t present = ipc_rd_u32(r);
	size_t len;

	memset(out, 0, sizeof(*out));
	out->NotificationSource = ipc_rd_u32(r);
	out->NotificationCode = ipc_rd_u32(r);
	out->dwDataSize = ipc_rd_u32(r);
	out->pData = ipc_rd_dup(r, 0, &len);
	if (out->pData && len != out->dwDataSize)
		r->ok = false;
	if (!present || !r->ok) {
		ipc_notification_free(out);
		return NULL;
	}
	return out;
}

void ipc_notification_free(L2_NOTIFICATION_DATA *n)
{
	if (n) {
		free(n->pData);
		n->pData = NULL;
	}
}

void ipc_wr_onex_params(struct ipc_wr *w, const DOT11_MSONEX_RESULT_PARAMS *p)
{
	const DOT11_EAP_RESULT *e = p ? p->pDot11EapResult : NULL;

	ipc_wr_u32(w, p != NULL);
	ipc_wr_u32(w, p ? (uint32_t)p->Dot11OnexAuthStatus : 0);
	ipc_wr_u32(w, p ? (uint32_t)p->Dot11OneXReasonCode : 0);
	ipc_wr_bytes(w, p && p->pbMPPESendKey ? p->pbMPPESendKey : NULL,
		     p && p->pbMPPESendKey ? p->dwMPPESendKeyLen : 0);
	ipc_wr_bytes(w, p && p->pbMPPERecvKey ? p->pbMPPERecvKey : NULL,
		     p && p->pbMPPERecvKey ? p->dwMPPERecvKeyLen : 0);
	ipc_wr_u32(w, e != NULL);
	ipc_wr_u32(w, e ? e->dwFailureReasonCode : 0);
	ipc_wr_eap_attrs(w, e ? e->pAttribArray : NULL);
}

DOT11_MSONEX_RESULT_PARAMS *ipc_rd_onex_params(struct ipc_rd *r)
{
	DOT11_MSONEX_RESULT_PARAMS *p;
	uint32_t present = ipc_rd_u32(r), has_e;
	size_t len;

	p = calloc(1, sizeof(*p));
	if (!p) {
		r->ok = false;
		return NULL;
	}
	p->Dot11OnexAuthStatus = (ONEX_AUTH_STATUS)ipc_rd_u32(r);
	p->Dot11OneXReasonCode = (ONEX_REASON_CODE)ipc_rd_u32(r);
	p->pbMPPESendKey = ipc_rd_dup(r, 0, &len);
	p->dwMPPESendKeyLen = (DWORD)len;
	p->pbMPPERecvKey = ipc_rd_dup(r, 0, &len);
	p->dwMPPERecvKeyLen = (DWORD)len;
	has_e = ipc_rd_u32(r);
	if (has_e) {
		p->pDot11EapResult = calloc(1, sizeof(*p->pDot11EapResult));
		if (!p->pDot11EapResult)
			r->ok = false;
	}
	if (p->pDot11EapResult) {
		p->pDot11EapResult->dwFailureReasonCode = ipc_rd_u32(r);
		p->pDot11EapResult->pAttribArray = ipc_rd_eap_attrs(r);
	} else {
		(void)ipc_rd_u32(r);
		ipc_eap_attrs_free(ipc_rd_eap_attrs(r));
	}
	if (!present || !r->ok) {
		ipc_onex_params_free(p);
		return NULL;
	}
	return p;
}

void ipc_onex_params_free(DOT11_MSONEX_RESULT_PARAMS *p)
{
	if (!p)
		return;
	ipc_key_free(p->pbMPPESendKey, p->dwMPPESendKeyLen);
	ipc_key_free(p->pbMPPERecvKey, p->dwMPPERecvKeyLen);
	if (p->pDot11EapResult)
		ipc_eap_attrs_free(p->pDot11EapResult->pAttribArray);
	free(p->pDot11EapResult);
	free(p);
}

void ipc_wr_discovery(struct ipc_wr *w, const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l)
{
	uint32_t i, n = l && l->pIhvDiscoveryProfiles ? l->dwCount : 0;

	if (n > IPC_DISCOVERY_MAX)
		n = IPC_DISCOVERY_MAX;
	ipc_wr_u32(w, n);
	for (i = 0; i < n; i++) {
		const DOT11EXT_IHV_DISCOVERY_PROFILE *d = &l->pIhvDiscoveryProfiles[i];

		ipc_wr_conn_sec(w, &d->IhvConnectivityProfile, &d->IhvSecurityProfile);
	}
}

static uint16_t *ipc_dot11_wstr_to(const uint16_t *s, DWORD (*alloc)(DWORD, LPVOID *))
{
	size_t n = 0;
	LPVOID p = NULL;

	if (!s)
		return NULL;
	while (s[n])
		n++;
	if (alloc((DWORD)((n + 1) * 2), &p) != ERROR_SUCCESS || !p)
		return NULL;
	memcpy(p, s, (n + 1) * 2);
	return p;
}

void ipc_rd_discovery(struct ipc_rd *r, DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l,
		      DWORD (*alloc)(DWORD, LPVOID *))
{
	uint32_t n = ipc_rd_u32(r), i;
	struct ipc_profiles pr;
	LPVOID arr = NULL;

	l->dwCount = 0;
	l->pIhvDiscoveryProfiles = NULL;
	if (n > IPC_DISCOVERY_MAX || !r->ok) {
		r->ok = false;
		return;
	}
	if (n && (alloc((DWORD)(n * sizeof(DOT11EXT_IHV_DISCOVERY_PROFILE)), &arr) !=
		  ERROR_SUCCESS || !arr)) {
		r->ok = false;
		return;
	}
	if (n)
		memset(arr, 0, n * sizeof(DOT11EXT_IHV_DISCOVERY_PROFILE));
	l->pIhvDiscoveryProfiles = arr;
	for (i = 0; i < n && r->ok; i++) {
		DOT11EXT_IHV_DISCOVERY_PROFILE *d = &l->pIhvDiscoveryProfiles[i];

		memset(&pr, 0, sizeof(pr));
		ipc_rd_conn_sec(r, &pr);
		d->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity =
			ipc_dot11_wstr_to(pr.conn.pszXmlFragmentIhvConnectivity, alloc);
		d->IhvSecurityProfile.pszXmlFragmentIhvSecurity =
			ipc_dot11_wstr_to(pr.sec.pszXmlFragmentIhvSecurity, alloc);
		d->IhvSecurityProfile.bUseMSOnex = pr.sec.bUseMSOnex;
		ipc_profiles_free(&pr);
		l->dwCount = i + 1;
	}
}
