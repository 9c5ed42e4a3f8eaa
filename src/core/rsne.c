// SPDX-License-Identifier: BSD-3-Clause
/*
 * The RSN choice from what the plugin set, and the association RSNE
 * (IEEE 802.11-2020 9.4.2.24), written by the one codec (common/ie.h).
 */
#include "core/rsne.h"

#include <errno.h>
#include <string.h>

#include "common/ie.h"
#include "wlanihv.h"

static const struct {
	uint32_t dot11;
	uint32_t suite;
} rsne_cipher_map[] = {
	{ DOT11_CIPHER_ALGO_WEP40, 0x000fac01 },
	{ DOT11_CIPHER_ALGO_TKIP, 0x000fac02 },
	{ DOT11_CIPHER_ALGO_CCMP, 0x000fac04 },
	{ DOT11_CIPHER_ALGO_WEP104, 0x000fac05 },
	{ DOT11_CIPHER_ALGO_BIP, 0x000fac06 },
	{ DOT11_CIPHER_ALGO_GCMP, 0x000fac08 },
	{ DOT11_CIPHER_ALGO_GCMP_256, 0x000fac09 },
	{ DOT11_CIPHER_ALGO_CCMP_256, 0x000fac0a },
	{ DOT11_CIPHER_ALGO_BIP_GMAC_128, 0x000fac0b },
	{ DOT11_CIPHER_ALGO_BIP_GMAC_256, 0x000fac0c },
	{ DOT11_CIPHER_ALGO_BIP_CMAC_256, 0x000fac0d },
};

uint32_t ihv_cipher_suite(uint32_t dot11_cipher)
{
	size_t i;

	for (i = 0; i < sizeof(rsne_cipher_map) / sizeof(rsne_cipher_map[0]); i++)
		if (rsne_cipher_map[i].dot11 == dot11_cipher)
			return rsne_cipher_map[i].suite;
	return 0;
}

uint32_t ihv_cipher_from_suite(uint32_t suite)
{
	size_t i;

	for (i = 0; i < sizeof(rsne_cipher_map) / sizeof(rsne_cipher_map[0]); i++)
		if (rsne_cipher_map[i].suite == suite)
			return rsne_cipher_map[i].dot11;
	return DOT11_CIPHER_ALGO_NONE;
}

bool ihv_cipher_is_bip(uint32_t c)
{
	return c == DOT11_CIPHER_ALGO_BIP || c == DOT11_CIPHER_ALGO_BIP_GMAC_128 ||
	       c == DOT11_CIPHER_ALGO_BIP_GMAC_256 || c == DOT11_CIPHER_ALGO_BIP_CMAC_256;
}

static bool rsne_suite_is_bip(uint32_t s)
{
	return s == 0x000fac06 || s == 0x000fac0b || s == 0x000fac0c || s == 0x000fac0d;
}

uint32_t ihv_rsn_params_check(const DOT11EXT_LINUX_RSN_PARAMS *lx)
{
	if (!lx || lx->dwSize < DOT11EXT_LINUX_RSN_PARAMS_V1_SIZE)
		return ERROR_INVALID_PARAMETER;
	if (lx->dwMfp > DOT11EXT_LINUX_MFP_REQUIRED)
		return ERROR_INVALID_PARAMETER;
	if (lx->dwNumPmkids > 1)
		return ERROR_INVALID_PARAMETER;
	if (lx->dwGroupMgmtCipherSuite && !rsne_suite_is_bip(lx->dwGroupMgmtCipherSuite))
		return ERROR_INVALID_PARAMETER;
	if (lx->dwGroupMgmtCipherSuite && lx->dwMfp == DOT11EXT_LINUX_MFP_NONE)
		return ERROR_INVALID_PARAMETER;
	/* An AKM is a suite selector: an OUI and a type; 0 means derive. */
	if (lx->dwAkmSuite && (lx->dwAkmSuite >> 8) == 0)
		return ERROR_INVALID_PARAMETER;
	return ERROR_SUCCESS;
}

int ihv_rsn_choose(uint32_t auth, uint32_t ucast, uint32_t mcast,
		   const DOT11EXT_LINUX_RSN_PARAMS *lx, struct ihv_rsn_choice *out)
{
	uint32_t mgmt = 0;

	memset(out, 0, sizeof(*out));
	/* auth is a Windows DOT11_AUTH_ALGORITHM DWORD from the plugin: default kept */
	switch (auth) {
	case 0:
	case DOT11_AUTH_ALGO_80211_OPEN:
		if (ucast && ucast != DOT11_CIPHER_ALGO_NONE)
			return -EOPNOTSUPP; /* static WEP is not expressible */
		if (lx && lx->dwAkmSuite)
			return -EINVAL;
		out->open = true;
		return 0;
	case DOT11_AUTH_ALGO_RSNA:
		out->akm = DOT11EXT_LINUX_AKM_8021X;
		out->mfp = DRV_MFP_NO;
		break;
	case DOT11_AUTH_ALGO_RSNA_PSK:
		out->akm = DOT11EXT_LINUX_AKM_PSK;
		out->mfp = DRV_MFP_NO;
		break;
	case DOT11_AUTH_ALGO_WPA3_ENT_192:
		out->akm = DOT11EXT_LINUX_AKM_8021X_SUITE_B_192;
		out->mfp = DRV_MFP_REQUIRED;
		mgmt = DOT11EXT_LINUX_CIPHER_SUITE_BIP_GMAC_256;
		break;
	case DOT11_AUTH_ALGO_WPA3_SAE:
		out->akm = DOT11EXT_LINUX_AKM_SAE;
		out->mfp = DRV_MFP_REQUIRED;
		mgmt = IHV_SUITE_BIP_CMAC_128;
		break;
	case DOT11_AUTH_ALGO_OWE:
		out->akm = DOT11EXT_LINUX_AKM_OWE;
		out->mfp = DRV_MFP_REQUIRED;
		mgmt = IHV_SUITE_BIP_CMAC_128;
		break;
	case DOT11_AUTH_ALGO_WPA3_ENT:
		out->akm = DOT11EXT_LINUX_AKM_8021X_SHA256;
		out->mfp = DRV_MFP_REQUIRED;
		mgmt = IHV_SUITE_BIP_CMAC_128;
		break;
	default: /* values from outside; contract rule 54: refused, not guessed */
		/* shared key, WPA1, WPA-None, IHV-range algorithms */
		return -EOPNOTSUPP;
	}
	out->pairwise = ihv_cipher_suite(ucast ? ucast : DOT11_CIPHER_ALGO_CCMP);
	out->group = ihv_cipher_suite(mcast ? mcast : DOT11_CIPHER_ALGO_CCMP);
	if (!out->pairwise || !out->group || rsne_suite_is_bip(out->pairwise) ||
	    rsne_suite_is_bip(out->group))
		return -EOPNOTSUPP;
	if (lx) {
		if (ihv_rsn_params_check(lx) != ERROR_SUCCESS)
			return -EINVAL;
		if (lx->dwAkmSuite)
			out->akm = lx->dwAkmSuite;
		out->mfp = lx->dwMfp == DOT11EXT_LINUX_MFP_REQUIRED ? DRV_MFP_REQUIRED :
			   lx->dwMfp == DOT11EXT_LINUX_MFP_CAPABLE ? DRV_MFP_OPTIONAL :
			   DRV_MFP_NO;
		if (lx->dwGroupMgmtCipherSuite)
			mgmt = lx->dwGroupMgmtCipherSuite;
		if (lx->dwNumPmkids) {
			out->has_pmkid = true;
			memcpy(out->pmkid, lx->ucPmkid, sizeof(out->pmkid));
		}
		if (lx->dwSize >= DOT11EXT_LINUX_RSN_PARAMS_V2_SIZE)
			out->rsnx_caps = (uint8_t)(lx->dwRsnxCapabilities & 0xf0u);
	}
	if (out->mfp == DRV_MFP_NO)
		mgmt = 0;
	else if (!mgmt)
		mgmt = IHV_SUITE_BIP_CMAC_128;
	out->group_mgmt = mgmt;
	return 0;
}

bool ihv_suite_listed(const uint32_t *list, size_t n, uint32_t s)
{
	size_t i;

	if (!n)
		return true; /* the radio does not list them: assume yes */
	for (i = 0; i < n; i++)
		if (list[i] == s)
			return true;
	return false;
}

int ihv_rsn_capa_check(const struct ihv_rsn_choice *c, const struct drv_capa *capa)
{
	if (c->open)
		return 0;
	if (capa->n_ciphers) {
		if (!ihv_suite_listed(capa->ciphers, capa->n_ciphers, c->pairwise) ||
		    !ihv_suite_listed(capa->ciphers, capa->n_ciphers, c->group))
			return -EOPNOTSUPP;
		if (c->group_mgmt &&
		    !ihv_suite_listed(capa->ciphers, capa->n_ciphers, c->group_mgmt))
			return -EOPNOTSUPP;
	}
	if (capa->n_akms && !ihv_suite_listed(capa->akms, capa->n_akms, c->akm))
		return -EOPNOTSUPP;
	return 0;
}

size_t ihv_rsne_build(const struct ihv_rsn_choice *c, uint8_t *buf, size_t len)
{
	struct rsn_ie ie;
	size_t total = 0;

	if (c->open)
		return 0;
	memset(&ie, 0, sizeof(ie));
	ie.version = 1;
	ie.group_cipher = c->group;
	ie.pairwise[0] = c->pairwise;
	ie.n_pairwise = 1;
	ie.akm[0] = c->akm;
	ie.n_akm = 1;
	/* IEEE 802.11-2020 9.4.2.24.4: RSN Capabilities bit 7 MFPC, bit 6 MFPR */
	ie.has_caps = true;
	if (c->mfp != DRV_MFP_NO)
		ie.caps |= RSN_CAP_MFPC;
	if (c->mfp == DRV_MFP_REQUIRED)
		ie.caps |= RSN_CAP_MFPR;
	if (c->has_pmkid) {
		memcpy(ie.pmkid[0], c->pmkid, DOT11EXT_LINUX_PMKID_LEN);
		ie.n_pmkid = 1;
	}
	/*
	 * 9.4.2.24.1: absent, the Group Management Cipher Suite is BIP-CMAC-128;
	 * the field is written only for another one.
	 */
	ie.has_group_mgmt = c->group_mgmt && c->group_mgmt != IHV_SUITE_BIP_CMAC_128;
	ie.group_mgmt_cipher = ie.has_group_mgmt ? c->group_mgmt : 0;
	if (rsn_ie_build(&ie, buf, len, &total) != RSN_IE_OK)
		return 0;
	return total;
}

size_t ihv_rsnxe_build(const struct ihv_rsn_choice *c, uint8_t *buf, size_t len)
{
	/* 9.4.2.241: bits 0-3 are the Field Length "n - 1" for an n-octet field */
	if (c->open || !c->rsnx_caps || len < 3)
		return 0;
	buf[0] = 244;
	buf[1] = 1;
	buf[2] = c->rsnx_caps;
	return 3;
}
