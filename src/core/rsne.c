/* Build the association RSNE (IEEE 802.11-2020 9.4.2.24). */
#include "core/rsne.h"

#include <errno.h>
#include <string.h>

#include "wlanihv.h"

static const struct {
	uint32_t dot11;
	uint32_t suite;
} cipher_map[] = {
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

	for (i = 0; i < sizeof(cipher_map) / sizeof(cipher_map[0]); i++)
		if (cipher_map[i].dot11 == dot11_cipher)
			return cipher_map[i].suite;
	return 0;
}

uint32_t ihv_cipher_from_suite(uint32_t suite)
{
	size_t i;

	for (i = 0; i < sizeof(cipher_map) / sizeof(cipher_map[0]); i++)
		if (cipher_map[i].suite == suite)
			return cipher_map[i].dot11;
	return DOT11_CIPHER_ALGO_NONE;
}

bool ihv_cipher_is_bip(uint32_t c)
{
	return c == DOT11_CIPHER_ALGO_BIP || c == DOT11_CIPHER_ALGO_BIP_GMAC_128 ||
	       c == DOT11_CIPHER_ALGO_BIP_GMAC_256 || c == DOT11_CIPHER_ALGO_BIP_CMAC_256;
}

static bool suite_is_bip(uint32_t s)
{
	return s == 0x000fac06 || s == 0x000fac0b || s == 0x000fac0c || s == 0x000fac0d;
}

uint32_t ihv_rsn_params_check(const DOT11EXT_LINUX_RSN_PARAMS *lx)
{
	if (!lx || lx->dwSize < sizeof(*lx))
		return ERROR_INVALID_PARAMETER;
	if (lx->dwMfp > DOT11EXT_LINUX_MFP_REQUIRED)
		return ERROR_INVALID_PARAMETER;
	if (lx->dwNumPmkids > 1)
		return ERROR_INVALID_PARAMETER;
	if (lx->dwGroupMgmtCipherSuite && !suite_is_bip(lx->dwGroupMgmtCipherSuite))
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
	default:
		/* shared key, WPA1, WPA-None, IHV-range algorithms */
		return -EOPNOTSUPP;
	}
	out->pairwise = ihv_cipher_suite(ucast ? ucast : DOT11_CIPHER_ALGO_CCMP);
	out->group = ihv_cipher_suite(mcast ? mcast : DOT11_CIPHER_ALGO_CCMP);
	if (!out->pairwise || !out->group || suite_is_bip(out->pairwise) ||
	    suite_is_bip(out->group))
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
	}
	if (out->mfp == DRV_MFP_NO)
		mgmt = 0;
	else if (!mgmt)
		mgmt = IHV_SUITE_BIP_CMAC_128;
	out->group_mgmt = mgmt;
	return 0;
}

static bool suite_in(uint32_t s, const uint32_t *list, size_t n)
{
	size_t i;

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
		if (!suite_in(c->pairwise, capa->ciphers, capa->n_ciphers) ||
		    !suite_in(c->group, capa->ciphers, capa->n_ciphers))
			return -EOPNOTSUPP;
		if (c->group_mgmt &&
		    !suite_in(c->group_mgmt, capa->ciphers, capa->n_ciphers))
			return -EOPNOTSUPP;
	}
	if (capa->n_akms && !suite_in(c->akm, capa->akms, capa->n_akms))
		return -EOPNOTSUPP;
	return 0;
}

static uint8_t *put_suite(uint8_t *p, uint32_t s)
{
	p[0] = (uint8_t)(s >> 24);
	p[1] = (uint8_t)(s >> 16);
	p[2] = (uint8_t)(s >> 8);
	p[3] = (uint8_t)s;
	return p + 4;
}

static uint8_t *put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	return p + 2;
}

size_t ihv_rsne_build(const struct ihv_rsn_choice *c, uint8_t *buf, size_t len)
{
	uint8_t tmp[80], *p = tmp + 2;
	uint16_t capab = 0;
	bool mgmt_field;
	size_t total;

	if (c->open)
		return 0;
	p = put_le16(p, 1);                 /* version */
	p = put_suite(p, c->group);
	p = put_le16(p, 1);
	p = put_suite(p, c->pairwise);
	p = put_le16(p, 1);
	p = put_suite(p, c->akm);
	/* RSN Capabilities: bit 7 MFPC, bit 6 MFPR */
	if (c->mfp != DRV_MFP_NO)
		capab |= 0x0080;
	if (c->mfp == DRV_MFP_REQUIRED)
		capab |= 0x0040;
	p = put_le16(p, capab);
	/* The Group Management Cipher field is needed only for a non-default one. */
	mgmt_field = c->group_mgmt && c->group_mgmt != IHV_SUITE_BIP_CMAC_128;
	if (c->has_pmkid || mgmt_field) {
		p = put_le16(p, c->has_pmkid ? 1 : 0);
		if (c->has_pmkid) {
			memcpy(p, c->pmkid, DOT11EXT_LINUX_PMKID_LEN);
			p += DOT11EXT_LINUX_PMKID_LEN;
		}
	}
	if (mgmt_field)
		p = put_suite(p, c->group_mgmt);
	total = (size_t)(p - tmp);
	tmp[0] = 48;
	tmp[1] = (uint8_t)(total - 2);
	if (total > len)
		return 0;
	memcpy(buf, tmp, total);
	return total;
}
