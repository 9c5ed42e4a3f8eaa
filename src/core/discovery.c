// SPDX-License-Identifier: BSD-3-Clause
/*
 * Dot11ExtIhvCreateDiscoveryProfiles (contract §3 [9]): profiles the plugin
 * proposes for a visible network that has none. What it hands back belongs
 * to the host, which frees it with its own FreeBuffer, once (contract rule
 * 65): the list, and each fragment. Memory not from AllocateBuffer is
 * refused: not used, not freed. Reasons are checked (contract rule 28).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/bss-list.h"
#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

/* Free a fragment the plugin allocated; false (and logged) when it is not ours. */
static bool discovery_fragment_free(struct ihv_adapter *a, void *p)
{
	if (!p)
		return true;
	if (!ihv_buffer_ours(p)) {
		log_err("%s: contract rule 65: CreateDiscoveryProfiles returned memory not from "
			"Dot11ExtAllocateBuffer (ignored, not freed)", a->h->name);
		return false;
	}
	ihv_buffer_free(p);
	return true;
}

int ihv_adapter_discovery_profiles(struct ihv_adapter *a,
				   const struct ihv_connect_request *req, bool insecure,
				   ihv_discovery_cb cb, void *ctx, uint32_t *reason)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST list = { 0, NULL };
	DOT11EXT_IHV_PROFILE_PARAMS params;
	DOT11EXT_IHV_SSID_LIST ssids;
	struct ihv_call save;
	DOT11_BSS_LIST bl;
	DWORD rc, r = L2_REASON_CODE_SUCCESS, i, count;
	uint8_t *buf;
	size_t len;
	int n = 0;

	if (!a || !req || !cb || req->ssid_len > DOT11_SSID_MAX_LENGTH ||
	    (req->n_bss && !req->bss))
		return -EINVAL;
	buf = ihv_bss_list_build(req->bss, req->n_bss, &len);
	if (!buf)
		return -ENOMEM;
	memset(&ssids, 0, sizeof(ssids));
	ssids.ulCount = 1;
	ssids.SSIDs[0].uSSIDLength = (ULONG)req->ssid_len;
	memcpy(ssids.SSIDs[0].ucSSID, req->ssid, req->ssid_len);
	memset(&params, 0, sizeof(params));
	params.pSsidList = &ssids;
	params.BssType = dot11_BSS_type_infrastructure;
	bl.uNumOfBytes = (ULONG)len;
	bl.pucBuffer = buf;
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->hd.Dot11ExtIhvCreateDiscoveryProfiles(a->ext, insecure ? TRUE : FALSE, &params,
							 &bl, &list, &r);
	ihv_call_leave(a->h, a, &save);
	free(buf);
	if (!ihv_reason_valid(r))
		log_warn("%s: contract rule 28: CreateDiscoveryProfiles reason 0x%x is not an "
			 "L2_REASON_CODE value", a->h->name, r);
	if (reason)
		*reason = r;
	if (!list.pIhvDiscoveryProfiles)
		return rc == ERROR_SUCCESS ? 0 : -ENOENT;
	if (!ihv_buffer_ours(list.pIhvDiscoveryProfiles)) {
		discovery_fragment_free(a, list.pIhvDiscoveryProfiles); /* refused, logged */
		return -EINVAL;
	}
	count = list.dwCount < 64 ? list.dwCount : 64;
	if (!ihv_buffer_holds(list.pIhvDiscoveryProfiles,
			      count * sizeof(DOT11EXT_IHV_DISCOVERY_PROFILE))) {
		log_err("%s: contract rule 65: CreateDiscoveryProfiles' list is smaller than its "
			"%u entries (refused, freed)", a->h->name, (unsigned)list.dwCount);
		ihv_buffer_free(list.pIhvDiscoveryProfiles);
		return -EINVAL;
	}
	for (i = 0; i < count; i++) {
		DOT11EXT_IHV_DISCOVERY_PROFILE *p = &list.pIhvDiscoveryProfiles[i];
		uint16_t *c16 = p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity;
		uint16_t *s16 = p->IhvSecurityProfile.pszXmlFragmentIhvSecurity;
		char *c8 = NULL, *s8 = NULL;

		/* a fragment that is the list itself is not the plugin's to hand over twice */
		if ((void *)c16 == (void *)list.pIhvDiscoveryProfiles)
			c16 = NULL;
		if ((void *)s16 == (void *)list.pIhvDiscoveryProfiles)
			s16 = NULL;
		/* each fragment is read only inside its block, up to its terminator */
		if (rc == ERROR_SUCCESS && (!c16 || ihv_buffer_holds_utf16(c16)) &&
		    (!s16 || ihv_buffer_holds_utf16(s16))) {
			c8 = c16 ? utf16_to_utf8(c16, IHV_MAX_BLOB) : NULL;
			s8 = s16 ? utf16_to_utf8(s16, IHV_MAX_BLOB) : NULL;
			if (c8 && s8) {
				cb(ctx, c8, s8);
				n++;
			}
		}
		if (s8)
			explicit_bzero(s8, strlen(s8)); /* may hold a secret */
		free(c8);
		free(s8);
		discovery_fragment_free(a, c16);
		discovery_fragment_free(a, s16); /* the whole block wiped: it may hold a secret */
	}
	ihv_buffer_free(list.pIhvDiscoveryProfiles);
	if (rc != ERROR_SUCCESS)
		return -ENOENT;
	return n;
}
