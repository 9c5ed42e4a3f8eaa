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
#include "ipc/ipc-discovery.h"

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

static void discovery_fragment_free_cb(void *ctx, void *p)
{
	discovery_fragment_free(ctx, p); /* the whole block is wiped: it may hold a secret */
}

/* Contract rule 65: what is read and freed lies inside the blocks of ihvd's block set. */
static struct ipc_blocks discovery_blocks(struct ihv_adapter *a)
{
	return (struct ipc_blocks){ .size = ihv_buffer_size,
				    .holds_utf16 = ihv_buffer_holds_utf16,
				    .free_fragment = discovery_fragment_free_cb,
				    .ctx = a };
}

/* Free the fragments of the list's first n entries, each once, then the list. */
static void discovery_list_free(struct ihv_adapter *a, DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l,
				DWORD n)
{
	struct ipc_blocks b = discovery_blocks(a);

	ipc_discovery_free_fragments(l, n, &b);
	ihv_buffer_free(l->pIhvDiscoveryProfiles);
}

int ihv_adapter_discovery_profiles(struct ihv_adapter *a,
				   const struct ihv_connect_request *req, bool insecure,
				   ihv_discovery_cb cb, void *ctx, uint32_t *reason)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST list = { 0, NULL };
	DOT11EXT_IHV_PROFILE_PARAMS params;
	DOT11EXT_IHV_SSID_LIST ssids;
	struct ihv_call save;
	struct ipc_blocks blocks;
	DOT11_BSS_LIST bl;
	DWORD rc, r = L2_REASON_CODE_SUCCESS, i, count;
	uint8_t *buf;
	size_t len;
	bool ok;
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
	blocks = discovery_blocks(a);
	count = ipc_discovery_check(&list, &blocks, &ok);
	if (!ok) {
		log_err("%s: contract rule 65: CreateDiscoveryProfiles returned a list or fragment "
			"larger than its Dot11ExtAllocateBuffer block (refused)", a->h->name);
		discovery_list_free(a, &list, count);
		return -EINVAL;
	}
	for (i = 0; rc == ERROR_SUCCESS && i < count; i++) {
		DOT11EXT_IHV_DISCOVERY_PROFILE *p = &list.pIhvDiscoveryProfiles[i];
		uint16_t *c16 = p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity;
		uint16_t *s16 = p->IhvSecurityProfile.pszXmlFragmentIhvSecurity;
		char *c8 = c16 ? utf16_to_utf8(c16, IHV_MAX_BLOB) : NULL;
		char *s8 = s16 ? utf16_to_utf8(s16, IHV_MAX_BLOB) : NULL;

		if (c8 && s8) {
			cb(ctx, c8, s8);
			n++;
		}
		if (s8)
			explicit_bzero(s8, strlen(s8)); /* may hold a secret */
		free(c8);
		free(s8);
	}
	discovery_list_free(a, &list, count);
	if (rc != ERROR_SUCCESS)
		return -ENOENT;
	return n;
}
