// SPDX-License-Identifier: BSD-3-Clause
/*
 * CreateDiscoveryProfiles (contract §3 [9]): what the plugin proposes for a visible network
 * the user has no profile for. A WPA2-Personal network (AKM 00-0F-AC:2 or :6) gets one
 * profile that carries no secret and asks the user for the passphrase when it is chosen
 * (<AskPassphrase>1</AskPassphrase>, answered through Dot11ExtSendUIRequest, plugin-ui.c).
 * Everything else gets none: an open network needs no IHV, SAE and 802.1X need credentials
 * a discovery profile cannot carry. The list and both fragments come from
 * Dot11ExtAllocateBuffer, for the host to free (contract rule 65).
 */
#include "rsn/plugin-state.h"

#include <stdio.h>
#include <string.h>

#include "common/hex.h"
#include "common/ie.h"
#include "common/suite.h"
#include "rsn/reason.h"
#include "rsn/select.h"

#define RSN_DISCOVERY_XML_MAX 512

/* What a profile for this BSS says: its AuthMode and ciphers from its RSNE. */
struct rsn_discovery_choice {
	const char *mode;          /* WPA-PSK-SHA256 over WPA-PSK */
	const char *pairwise;      /* CCMP when offered, else the AP's first usable one */
	const char *group;         /* the AP's group cipher */
};

static bool rsn_discovery_choose(const uint8_t *ies, size_t len, struct rsn_discovery_choice *ch)
{
	const uint8_t *e;
	struct rsn_ie ap;
	size_t elen = 0, i;
	bool psk = false, sha256 = false;

	e = rsn_ie_find(ies, len, 48 /* IEEE 802.11-2020 9.4.2.24 RSNE */, &elen);
	if (!e || rsn_ie_parse(e, elen, &ap) != RSN_IE_OK)
		return false;
	for (i = 0; i < ap.n_akm; i++) {
		sha256 |= ap.akm[i] == RSN_AKM_PSK_SHA256;
		psk |= ap.akm[i] == RSN_AKM_PSK;
	}
	if (!psk && !sha256)
		return false;
	ch->mode = sha256 ? "WPA-PSK-SHA256" : "WPA-PSK";
	ch->pairwise = NULL;
	for (i = 0; i < ap.n_pairwise; i++) {
		if (ap.pairwise[i] == RSN_CIPHER_CCMP_128) {
			ch->pairwise = "CCMP";
			break;
		}
		if (!ch->pairwise && ap.pairwise[i] != RSN_CIPHER_TKIP)
			ch->pairwise = suite_cipher_name(ap.pairwise[i]);
	}
	ch->group = suite_cipher_name(ap.group_cipher);
	return ch->pairwise && ch->group;
}

/* An ASCII string as a NUL-terminated UTF-16LE buffer from Dot11ExtAllocateBuffer. */
static LPWSTR rsn_discovery_wstr(const char *s)
{
	size_t i, n = strlen(s);
	uint16_t *w = NULL;

	if (rsn_plugin_g.api.Dot11ExtAllocateBuffer((DWORD)((n + 1) * sizeof(*w)),
						    (LPVOID *)&w) != ERROR_SUCCESS || !w)
		return NULL;
	for (i = 0; i < n; i++)
		w[i] = (uint16_t)(unsigned char)s[i];
	w[n] = 0;
	return (LPWSTR)w;
}

DWORD WINAPI rsn_plugin_create_discovery_profiles(
	HANDLE hIhvExtAdapter, BOOL bInsecure, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
	PDOT11_BSS_LIST pConnectableBssid,
	PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pIhvDiscoveryProfileList, PDWORD pdwReasonCode)
{
	char ssid_hex[2 * DOT11_SSID_MAX_LENGTH + 1], conn[RSN_DISCOVERY_XML_MAX],
		sec[RSN_DISCOVERY_XML_MAX];
	const DOT11_SSID *ssid;
	const uint8_t *ies = NULL;
	struct rsn_discovery_choice ch;
	bool found = false;
	PDOT11EXT_IHV_DISCOVERY_PROFILE p = NULL;
	uint8_t bssid[6];
	size_t off = 0, ies_len = 0;

	(void)bInsecure;
	if (!pIhvDiscoveryProfileList || !pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	pIhvDiscoveryProfileList->dwCount = 0;
	pIhvDiscoveryProfileList->pIhvDiscoveryProfiles = NULL;
	*pdwReasonCode = RSN_REASON_PROFILE_MISSING;
	if (!rsn_plugin_adapter_find(hIhvExtAdapter))
		return ERROR_INVALID_HANDLE;
	if (!pIhvProfileParams || !pIhvProfileParams->pSsidList ||
	    !pIhvProfileParams->pSsidList->ulCount)
		return ERROR_INVALID_PARAMETER;
	ssid = &pIhvProfileParams->pSsidList->SSIDs[0];
	if (!ssid->uSSIDLength || ssid->uSSIDLength > DOT11_SSID_MAX_LENGTH)
		return ERROR_INVALID_PARAMETER;
	/* the first BSS of the list whose RSNE offers a PSK AKM decides */
	while (pConnectableBssid && !found &&
	       rsn_bss_next(pConnectableBssid->pucBuffer, pConnectableBssid->uNumOfBytes, &off,
			    bssid, &ies, &ies_len) == 1)
		found = rsn_discovery_choose(ies, ies_len, &ch);
	if (!found)
		return ERROR_NOT_SUPPORTED; /* nothing this plugin can offer without a secret */

	hex_encode(ssid->ucSSID, ssid->uSSIDLength, ssid_hex);
	snprintf(conn, sizeof(conn),
		 "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>%s</Ssid></IhvConnectivity>",
		 ssid_hex);
	/* Pmf 1: MFP capable, used when the AP offers it (IEEE 802.11-2020 12.6.3) */
	snprintf(sec, sizeof(sec),
		 "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>%s</Ssid><AuthMode>%s</AuthMode>"
		 "<Pairwise>%s</Pairwise><Group>%s</Group><Pmf>1</Pmf>"
		 "<AskPassphrase>1</AskPassphrase></IhvSecurity>",
		 ssid_hex, ch.mode, ch.pairwise, ch.group);
	if (rsn_plugin_g.api.Dot11ExtAllocateBuffer(sizeof(*p), (LPVOID *)&p) != ERROR_SUCCESS ||
	    !p) {
		*pdwReasonCode = RSN_REASON_OUT_OF_MEMORY;
		return ERROR_OUTOFMEMORY;
	}
	memset(p, 0, sizeof(*p));
	p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity = rsn_discovery_wstr(conn);
	p->IhvSecurityProfile.pszXmlFragmentIhvSecurity = rsn_discovery_wstr(sec);
	p->IhvSecurityProfile.bUseMSOnex = FALSE;
	if (!p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity ||
	    !p->IhvSecurityProfile.pszXmlFragmentIhvSecurity) {
		if (p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity)
			rsn_plugin_g.api.Dot11ExtFreeBuffer(
				p->IhvConnectivityProfile.pszXmlFragmentIhvConnectivity);
		if (p->IhvSecurityProfile.pszXmlFragmentIhvSecurity)
			rsn_plugin_g.api.Dot11ExtFreeBuffer(
				p->IhvSecurityProfile.pszXmlFragmentIhvSecurity);
		rsn_plugin_g.api.Dot11ExtFreeBuffer(p);
		*pdwReasonCode = RSN_REASON_OUT_OF_MEMORY;
		return ERROR_OUTOFMEMORY;
	}
	pIhvDiscoveryProfileList->dwCount = 1;
	pIhvDiscoveryProfileList->pIhvDiscoveryProfiles = p;
	*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	LOG(INFO, "discovery: a WPA2-Personal profile (%s, %s/%s) that asks for the passphrase",
	    ch.mode, ch.pairwise, ch.group);
	return ERROR_SUCCESS;
}
