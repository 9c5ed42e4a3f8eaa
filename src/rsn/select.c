// SPDX-License-Identifier: BSD-3-Clause
/* Profile x BSS RSNE -> AKM, ciphers, MFP; BSS list and IE walking. */
#include "rsn/select.h"

#include <string.h>

#include "rsn/crypto.h"
#include "common/ie.h"
#include "rsn/reason.h"
#include "wlanihv.h"

const uint8_t *rsn_ie_find(const uint8_t *ies, size_t len, uint8_t id, size_t *ie_len)
{
	size_t off = 0;

	if (!ies)
		return NULL;
	while (off + 2 <= len) {
		size_t n = 2u + ies[off + 1];

		if (off + n > len)
			return NULL;
		if (ies[off] == id) {
			*ie_len = n;
			return ies + off;
		}
		off += n;
	}
	return NULL;
}

int rsn_bss_next(const uint8_t *buf, size_t len, size_t *off, uint8_t bssid[6],
		 const uint8_t **ies, size_t *ies_len)
{
	const size_t fixed = offsetof(DOT11_BSS_ENTRY, ucBuffer);
	DOT11_BSS_ENTRY e;

	if (!buf || *off >= len)
		return 0;
	if (len - *off < fixed)
		return -1;
	memcpy(&e, buf + *off, fixed);
	if (e.uBufferLength > len - *off - fixed)
		return -1;
	memcpy(bssid, e.dot11BSSID, 6);
	*ies = buf + *off + fixed;
	*ies_len = e.uBufferLength;
	*off += fixed + e.uBufferLength;
	return 1;
}

static bool select_has(const uint32_t *list, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

/* Does an element (Supported Rates 1, Extended Supported Rates 50) carry this octet? */
static bool select_rate_has(const uint8_t *ies, size_t len, uint8_t id, uint8_t v)
{
	size_t n = 0;
	const uint8_t *e = rsn_ie_find(ies, len, id, &n);

	for (size_t i = 2; e && i < n; i++)
		if (e[i] == v)
			return true;
	return false;
}

/*
 * Which SAE AKM (IEEE 802.11-2024 Table 9-190): 00-0F-AC:24 (SAE-EXT-KEY) when the profile
 * allows it, the AP offers it and hash-to-element will run (24 works only with H2E), else
 * 00-0F-AC:8 when allowed and offered; 0 with *why set when neither fits.
 */
static uint32_t select_sae_akm(const struct rsn_sec_profile *p, const struct rsn_ie *ap,
			       bool h2e, uint32_t *why)
{
	bool has24 = select_has(ap->akm, ap->n_akm, RSN_AKM_SAE_EXT_KEY);
	bool has8 = select_has(ap->akm, ap->n_akm, RSN_AKM_SAE);

	if (p->sae_akm24 && has24 && h2e)
		return RSN_AKM_SAE_EXT_KEY;
	if (p->sae_akm8 && has8)
		return RSN_AKM_SAE;
	/* SAE-EXT-KEY offered and allowed, but not with hunting-and-pecking */
	*why = p->sae_akm24 && has24 ? RSN_REASON_SAE_H2E_MISMATCH : RSN_REASON_NO_MATCHING_AKM;
	return 0;
}

/*
 * SAE (AKM 00-0F-AC:8 or 24): PMF is mandatory (WPA3-Personal; hostapd's sae_require_mfp), and
 * hash-to-element is used when the AP's RSNXE says "SAE hash-to-element" (IEEE 802.11-2020
 * 9.4.2.241, bit 5) and sae_pwe allows it. An AP that admits only H2E lists the BSS
 * membership selector 123 ("SAE H2E only", 9.4.2.3) in its rates.
 */
static uint32_t select_sae(const struct rsn_sec_profile *p, const uint8_t *ies, size_t len,
			   const struct rsn_ie *ap, struct rsn_selection *out)
{
	const uint8_t *x;
	size_t xl = 0;
	bool ap_h2e, ap_h2e_only, ap_mfpc = ap->caps & RSN_CAP_MFPC;
	uint32_t ap_mgmt = ap->group_mgmt_cipher, why = 0;

	if (!ap_mfpc)
		return RSN_REASON_SAE_NEEDS_PMF;
	if (!rsn_mgmt_cipher_key_len(ap_mgmt))
		return RSN_REASON_NO_MATCHING_MGMT;
	x = rsn_ie_find(ies, len, IE_ID_RSNX, &xl);
	ap_h2e = x && xl >= 3 && (x[2] & 0x20);
	ap_h2e_only = select_rate_has(ies, len, 1, 0x80 | 123) ||
		      select_rate_has(ies, len, 50, 0x80 | 123);
	if ((p->sae_pwe == 1 && !ap_h2e) || (p->sae_pwe == 0 && ap_h2e_only))
		return RSN_REASON_SAE_H2E_MISMATCH;
	out->sae_h2e = p->sae_pwe != 0 && ap_h2e;
	out->akm = select_sae_akm(p, ap, out->sae_h2e, &why);
	if (!out->akm)
		return why;
	out->mfp = RSN_MFP_REQUIRED;
	out->group_mgmt = ap_mgmt;
	out->pairwise = p->pairwise;
	out->group = p->group;
	return L2_REASON_CODE_SUCCESS;
}

uint32_t rsn_select(const struct rsn_sec_profile *p, const uint8_t *ies, size_t len,
		    struct rsn_selection *out)
{
	const uint8_t *e;
	struct rsn_ie ap;
	size_t elen = 0;
	bool ap_mfpc, ap_mfpr;

	memset(out, 0, sizeof(*out));
	e = rsn_ie_find(ies, len, IE_ID_RSN, &elen);
	if (p->auth == RSN_PROFILE_AUTH_NONE) {
		if (e)
			return RSN_REASON_BSS_NOT_OPEN;
		out->open = true;
		return L2_REASON_CODE_SUCCESS;
	}
	if (!e)
		return RSN_REASON_BSS_NO_RSNE;
	if (rsn_ie_parse(e, elen, &ap) != RSN_IE_OK)
		return RSN_REASON_BSS_RSNE_INVALID;
	if (p->auth != RSN_PROFILE_AUTH_SAE && !select_has(ap.akm, ap.n_akm, p->akm))
		return RSN_REASON_NO_MATCHING_AKM;
	if (p->auth == RSN_PROFILE_AUTH_SAE && !(p->sae_akm8 && select_has(ap.akm, ap.n_akm,
									   RSN_AKM_SAE)) &&
	    !(p->sae_akm24 && select_has(ap.akm, ap.n_akm, RSN_AKM_SAE_EXT_KEY)))
		return RSN_REASON_NO_MATCHING_AKM;
	if (!select_has(ap.pairwise, ap.n_pairwise, p->pairwise))
		return RSN_REASON_NO_MATCHING_PAIRWISE;
	if (ap.group_cipher != p->group)
		return RSN_REASON_NO_MATCHING_GROUP;
	/* 12.6.3: MFPR set requires MFPC; a station with MFPR needs an MFPC AP */
	ap_mfpc = ap.caps & RSN_CAP_MFPC;
	ap_mfpr = ap.caps & RSN_CAP_MFPR;
	if (p->auth == RSN_PROFILE_AUTH_SAE)
		return select_sae(p, ies, len, &ap, out);
	if (p->pmf == 2 && !ap_mfpc)
		return RSN_REASON_PMF_REQUIRED_BY_PROFILE;
	if (p->pmf == 0 && ap_mfpr)
		return RSN_REASON_PMF_REQUIRED_BY_AP;
	if (p->pmf == 2)
		out->mfp = RSN_MFP_REQUIRED;
	else if (p->pmf == 1 && ap_mfpc)
		out->mfp = RSN_MFP_OPTIONAL;
	else
		out->mfp = RSN_MFP_NONE;
	if (out->mfp != RSN_MFP_NONE) {
		if (!rsn_mgmt_cipher_key_len(ap.group_mgmt_cipher))
			return RSN_REASON_NO_MATCHING_MGMT;
		out->group_mgmt = ap.group_mgmt_cipher;
	}
	out->akm = p->akm;
	out->pairwise = p->pairwise;
	out->group = p->group;
	return L2_REASON_CODE_SUCCESS;
}
