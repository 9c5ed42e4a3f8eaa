// SPDX-License-Identifier: BSD-3-Clause
/*
 * Profiles and pre-association: ValidateProfile, PerformCapabilityMatch,
 * PerformPreAssociate and its worker (the BSS choice, the PMK,
 * the algorithms told to the host).
 */
#include "rsn/plugin-state.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto-warm.h"
#include "rsn/pmk-cache.h"
#include "rsn/reason.h"

static uint32_t rsn_plugin_profile_reason(enum rsn_profile_err e)
{
	switch (e) {
	case RSN_PROFILE_OK:
		return L2_REASON_CODE_SUCCESS;
	case RSN_PROFILE_ERR_MISSING:
		return RSN_REASON_PROFILE_MISSING;
	case RSN_PROFILE_ERR_ENCODING:
		return RSN_REASON_PROFILE_ENCODING;
	case RSN_PROFILE_ERR_SYNTAX:
		return RSN_REASON_PROFILE_SYNTAX;
	case RSN_PROFILE_ERR_VALUE:
		return RSN_REASON_PROFILE_VALUE;
	case RSN_PROFILE_ERR_SECRET:
		return RSN_REASON_PROFILE_SECRET;
	case RSN_PROFILE_ERR_NOMEM:
		return RSN_REASON_OUT_OF_MEMORY;
	}
	return RSN_REASON_PROFILE_SYNTAX;
}

/* Both fragments, consistent. On failure *sec is cleared. */
static uint32_t rsn_plugin_profiles_parse(PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
			       PDOT11EXT_IHV_SECURITY_PROFILE sec, struct rsn_sec_profile *out)
{
	struct rsn_conn_profile c;
	uint32_t r;

	memset(out, 0, sizeof(*out));
	if (!conn || !sec)
		return RSN_REASON_PROFILE_MISSING;
	r = rsn_plugin_profile_reason(rsn_profile_conn_parse16(conn->pszXmlFragmentIhvConnectivity,
							       &c));
	if (r)
		return r;
	r = rsn_plugin_profile_reason(rsn_profile_sec_parse16(sec->pszXmlFragmentIhvSecurity, out));
	if (r)
		return r;
	/* the host's 802.1X module serves WPA-EAP only; a PSK or open profile never asks for it */
	if (sec->bUseMSOnex && !rsn_profile_auth_is_eap(out->auth)) {
		rsn_sec_profile_clear(out);
		return RSN_REASON_PROFILE_ONEX;
	}
	if (c.ssid_len != out->ssid_len || memcmp(c.ssid, out->ssid, c.ssid_len)) {
		rsn_sec_profile_clear(out);
		return RSN_REASON_PROFILE_SSID_MISMATCH;
	}
	return L2_REASON_CODE_SUCCESS;
}

/*
 * Does a network's first connection use OpenSSL's provider (crypto-warm.h)? Open networks
 * compute nothing. WPA2-Personal (00-0F-AC:2) needs HMAC-SHA-1, PBKDF2 and AES Key Wrap only,
 * which crypto-direct.h computes without one: fetching beside its first connection would only
 * take the CPU from it (measured in the cold-start probe under TCG, 2026-11-27: port authorized
 * 286.5 ms after the exec isolated and 206.5 inline with the fetch begun at InitService, 250
 * and 185.5 without it; medians of 6). The others need CMAC, KDF-SHA-256/384, elliptic curves
 * or TLS.
 */
static bool rsn_plugin_auth_needs_openssl(enum rsn_profile_auth auth)
{
	switch (auth) {
	case RSN_PROFILE_AUTH_NONE:
	case RSN_PROFILE_AUTH_PSK:
		return false;
	case RSN_PROFILE_AUTH_PSK_SHA256:
	case RSN_PROFILE_AUTH_SAE:
	case RSN_PROFILE_AUTH_EAP:
	case RSN_PROFILE_AUTH_EAP_SHA256:
		return true;
	}
	return true;
}

DWORD WINAPI rsn_plugin_validate_profile(HANDLE hIhvExtAdapter,
					 PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
					 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
					 PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
					 PDWORD pdwReasonCode)
{
	struct rsn_sec_profile p;
	uint32_t r;

	(void)hIhvExtAdapter;
	(void)pIhvProfileParams;
	if (!pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	r = rsn_plugin_profiles_parse(pIhvConnProfile, pIhvSecProfile, &p);
	/*
	 * ihvd validates every network before its first scan: a WPA2-Personal passphrase's
	 * PMK (IEEE 802.11-2020 J.4.1) is derived from here on, beside the scan, and the
	 * pre-association collects it (rsn/pmk-prefetch.h). A failure only loses the head start.
	 */
	if (r == L2_REASON_CODE_SUCCESS && p.has_passphrase && !p.has_psk && !p.ask_passphrase &&
	    (p.auth == RSN_PROFILE_AUTH_PSK || p.auth == RSN_PROFILE_AUTH_PSK_SHA256))
		rsn_pmk_prefetch_start(rsn_plugin_g.pmk_prefetch, p.ssid, p.ssid_len, p.passphrase);
	if (r == L2_REASON_CODE_SUCCESS && rsn_plugin_auth_needs_openssl(p.auth))
		rsn_crypto_warm_start();
	rsn_sec_profile_clear(&p);
	*pdwReasonCode = r;
	return r ? rsn_reason_win32(r) : ERROR_SUCCESS;
}

/* Contract §11.7: success when at least one BSS fits the profile. */
DWORD WINAPI rsn_plugin_perform_capability_match(HANDLE hIhvExtAdapter,
						 PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
						 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
						 PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
						 PDOT11_BSS_LIST pConnectableBssid,
						 PDWORD pdwReasonCode)
{
	struct rsn_sec_profile p;
	struct rsn_selection sel;
	uint32_t r, first = 0;
	const uint8_t *ies;
	size_t off = 0, ies_len;
	uint8_t bssid[6];

	(void)hIhvExtAdapter;
	(void)pIhvProfileParams;
	if (!pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	r = rsn_plugin_profiles_parse(pIhvConnProfile, pIhvSecProfile, &p);
	if (r) {
		*pdwReasonCode = r;
		return rsn_reason_win32(r);
	}
	if (!pConnectableBssid) { /* nothing to match: a validation (as the sample does) */
		rsn_sec_profile_clear(&p);
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
		return ERROR_SUCCESS;
	}
	while (rsn_bss_next(pConnectableBssid->pucBuffer, pConnectableBssid->uNumOfBytes, &off,
			    bssid, &ies, &ies_len) == 1) {
		r = rsn_select(&p, ies, ies_len, &sel);
		if (r == L2_REASON_CODE_SUCCESS)
			break;
		if (!first)
			first = r;
	}
	rsn_sec_profile_clear(&p);
	if (r == L2_REASON_CODE_SUCCESS && (first || off)) {
		*pdwReasonCode = L2_REASON_CODE_SUCCESS;
		return ERROR_SUCCESS;
	}
	*pdwReasonCode = first ? first : RSN_REASON_NO_BSS;
	return ERROR_NO_MATCH;
}

static uint32_t rsn_plugin_pmk_get(struct adapter *a)
{
	memcpy(a->ssid, a->prof.ssid, a->prof.ssid_len);
	a->ssid_len = a->prof.ssid_len;
	a->eap = rsn_profile_auth_is_eap(a->prof.auth);
	if (a->eap) {
		/* the PMK comes from EAP after association, or from the PMKSA cache now */
		a->pmksa_offered = rsn_plugin_onex_pmksa_lookup(a, a->pmkid);
		return L2_REASON_CODE_SUCCESS;
	}
	if (a->prof.ask_passphrase) {
		if (!rsn_plugin_ui_pmk(a))
			return RSN_REASON_PASSPHRASE_NOT_GIVEN; /* the caller asks */
		return L2_REASON_CODE_SUCCESS;
	}
	if (a->prof.has_psk) {
		memcpy(a->pmk, a->prof.psk, RSN_PMK_LEN);
	} else {
		rsn_pmk_prefetch_collect(rsn_plugin_g.pmk_prefetch, a->prof.ssid, a->prof.ssid_len,
					 a->prof.passphrase);
		if (rsn_pmk_cache_get(rsn_plugin_g.pmk_cache, a->prof.ssid, a->prof.ssid_len,
				      a->prof.passphrase, a->pmk))
			return RSN_REASON_PMK_DERIVATION;
	}
	a->pmk_set = true;
	return L2_REASON_CODE_SUCCESS;
}

/* Tell the host the algorithms (contract §4.5, §4.6, ihvlinux.h). */
static uint32_t rsn_plugin_host_setup(struct adapter *a, DWORD *err)
{
	DOT11EXT_LINUX_RSN_PARAMS rp = { 0 };
	/*
	 * No privacy exemption, and exclude-unencrypted stays off: every EAPOL frame reaches
	 * the engine, protected or not. An AP retransmits message 3 in the clear when our
	 * message 4 was lost, after we installed the PTK; ON_KEY_MAPPING_KEY_UNAVAILABLE
	 * would drop it (rule 49) and the AP would give up. The engine's replay counter and
	 * MIC checks are the defence (IEEE 802.11-2020 12.7.6.5), not the frame's protection.
	 */
	USHORT reg = htons(ETHERTYPE_EAPOL);
	const DOT11EXT_APIS *api = &rsn_plugin_g.api;

	if (a->sel.open) {
		if ((*err = api->Dot11ExtSetAuthAlgorithm(a->svc, DOT11_AUTH_ALGO_80211_OPEN)) ||
		    (*err = api->Dot11ExtSetUnicastCipherAlgorithm(a->svc, DOT11_CIPHER_ALGO_NONE)) ||
		    (*err = api->Dot11ExtSetMulticastCipherAlgorithm(a->svc, DOT11_CIPHER_ALGO_NONE)))
			return RSN_REASON_HOST_REFUSED;
		return L2_REASON_CODE_SUCCESS;
	}
	if ((*err = api->Dot11ExtSetAuthAlgorithm(a->svc, rsn_akm_is_sae(a->sel.akm) ?
						  DOT11_AUTH_ALGO_WPA3_SAE :
						  a->eap ? DOT11_AUTH_ALGO_RSNA :
						  DOT11_AUTH_ALGO_RSNA_PSK)) ||
	    (*err = api->Dot11ExtSetUnicastCipherAlgorithm(
		     a->svc, rsn_plugin_cipher_algo(a->sel.pairwise))) ||
	    (*err = api->Dot11ExtSetMulticastCipherAlgorithm(
		     a->svc, rsn_plugin_cipher_algo(a->sel.group))))
		return *err == ERROR_NOT_SUPPORTED ? RSN_REASON_RADIO_UNSUPPORTED
						   : RSN_REASON_HOST_REFUSED;
	rp.dwSize = sizeof(rp);
	rp.dwAkmSuite = a->sel.akm;
	rp.dwMfp = rsn_plugin_mfp_linux(a->sel.mfp);
	rp.dwGroupMgmtCipherSuite = a->sel.group_mgmt;
	if (rsn_akm_is_sae(a->sel.akm) ? a->sae.pmksa : a->pmksa_offered) {
		/* IEEE 802.11-2020 12.6.10.3: offer the cached PMKSA in the association request */
		rp.dwNumPmkids = 1;
		memcpy(rp.ucPmkid, a->pmkid, sizeof(rp.ucPmkid));
	}
	if (a->sel.sae_h2e) /* 12.4.4.2.3: tell the AP we used H2E (RSNXE bit 5) */
		rp.dwRsnxCapabilities = DOT11EXT_LINUX_RSNX_SAE_H2E;
	*err = rsn_plugin_g.lx.Dot11ExtLinuxSetRsnParams(a->svc, &rp);
	if (*err)
		return *err == ERROR_NOT_SUPPORTED ? RSN_REASON_RADIO_UNSUPPORTED
						   : RSN_REASON_HOST_REFUSED;
	/* contract rule 33: before PreAssociateCompletion, which the caller calls next */
	*err = api->Dot11ExtSetEtherTypeHandling(a->svc, RSN_PLUGIN_RX_BACKLOG, 0, NULL, 1, &reg);
	return *err ? RSN_REASON_HOST_REFUSED : L2_REASON_CODE_SUCCESS;
}

void rsn_plugin_bss_ies_free(struct adapter *a)
{
	free(a->bss_ies);
	a->bss_ies = NULL;
	a->bss_ies_len = 0;
	a->bss_reason = 0;
}

/* The pre-association worker: runs after PerformPreAssociate has returned (rule 27). */
void WINAPI rsn_plugin_pre_timer_cb(HANDLE t, LPVOID ctx)
{
	struct adapter *a = ctx;
	HANDLE session;
	uint32_t reason;
	DWORD err = ERROR_SUCCESS;

	(void)t;
	if (a->state != ST_PRE_PENDING)
		return;
	reason = a->bss_reason ? a->bss_reason
			       : rsn_select(&a->prof, a->bss_ies, a->bss_ies_len, &a->sel);
	a->eap = false;
	a->pmksa_offered = false;
	a->pmk_len = 0; /* RSN_PMK_LEN unless SAE sets its own */
	/* IEEE 802.11-2020 12.5.2.4: no association with it for 60 s after countermeasures */
	if (reason == L2_REASON_CODE_SUCCESS && rsn_plugin_tkip_blocked(a, a->bss_bssid))
		reason = RSN_REASON_TKIP_COUNTERMEASURES;
	if (reason == L2_REASON_CODE_SUCCESS && rsn_akm_is_sae(a->sel.akm))
		reason = rsn_plugin_sae_prepare(a, a->bss_bssid);
	else if (reason == L2_REASON_CODE_SUCCESS && !a->sel.open)
		reason = rsn_plugin_pmk_get(a);
	if (reason == RSN_REASON_PASSPHRASE_NOT_GIVEN && !a->ui_pending) {
		/* ask, and come back here when the answer is in (plugin-ui.c) */
		reason = rsn_plugin_ui_ask(a);
		if (reason == L2_REASON_CODE_SUCCESS)
			return;
	}
	rsn_plugin_bss_ies_free(a);
	rsn_sec_profile_clear(&a->prof); /* the PMK is all we keep */
	if (reason == L2_REASON_CODE_SUCCESS)
		reason = rsn_plugin_host_setup(a, &err);
	if (reason != L2_REASON_CODE_SUCCESS) {
		if (err == ERROR_SUCCESS)
			err = rsn_reason_win32(reason); /* contract rule 29: never SUCCESS */
		OPENSSL_cleanse(a->pmk, sizeof(a->pmk));
		a->pmk_set = false;
		a->pmk_len = 0;
		rsn_plugin_sae_clear(a);
		a->state = ST_IDLE;
		LOG(WARN, "pre-association failed: 0x%x %s", reason, rsn_reason_str(reason));
	} else {
		a->state = ST_PRE_DONE;
		LOG(INFO, "pre-association done: AKM %08x pairwise %08x group %08x MFP %d",
		    a->sel.akm, a->sel.pairwise, a->sel.group, (int)a->sel.mfp);
	}
	session = a->connect_session;
	a->connect_session = NULL;
	rsn_plugin_g.api.Dot11ExtPreAssociateCompletion(a->svc, session, reason, err);
}

/*
 * Contract rule 25: ERROR_SUCCESS here promises exactly one PreAssociateCompletion (from
 * the worker, or ERROR_CANCELLED from AdapterReset); rule 26: an error return is followed by
 * none. *pdwReasonCode is always an L2 or IHV (0x9xxxx) reason (rule 28).
 */
DWORD WINAPI rsn_plugin_perform_pre_associate(HANDLE hIhvExtAdapter, HANDLE hConnectSession,
					      PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
					      PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
					      PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
					      PDOT11_BSS_LIST pConnectableBssid,
					      PDWORD pdwReasonCode)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	const uint8_t *ies = NULL;
	size_t off = 0, ies_len = 0;
	uint8_t bssid[6];
	uint32_t r;
	DWORD err;

	(void)pIhvProfileParams;
	if (!pdwReasonCode)
		return ERROR_INVALID_PARAMETER;
	*pdwReasonCode = RSN_REASON_INVALID_STATE;
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->state != ST_IDLE)
		return ERROR_INVALID_STATE;
	r = rsn_plugin_profiles_parse(pIhvConnProfile, pIhvSecProfile, &a->prof);
	if (r) {
		LOG(WARN, "profile rejected: 0x%x %s", r, rsn_reason_str(r));
		*pdwReasonCode = r;
		return rsn_reason_win32(r);
	}
	/* the first entry is the BSS the host will connect to */
	if (!pConnectableBssid ||
	    rsn_bss_next(pConnectableBssid->pucBuffer, pConnectableBssid->uNumOfBytes, &off,
			 bssid, &ies, &ies_len) != 1) {
		a->bss_reason = RSN_REASON_NO_BSS;
	} else {
		memcpy(a->bss_bssid, bssid, 6);
	}
	if (!a->bss_reason && ies_len) {
		a->bss_ies = malloc(ies_len);
		if (!a->bss_ies) {
			rsn_sec_profile_clear(&a->prof);
			*pdwReasonCode = RSN_REASON_OUT_OF_MEMORY;
			return ERROR_OUTOFMEMORY;
		}
		memcpy(a->bss_ies, ies, ies_len);
		a->bss_ies_len = ies_len;
	}
	a->connect_session = hConnectSession;
	a->state = ST_PRE_PENDING;
	err = rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->pre_timer, 0);
	if (err != ERROR_SUCCESS) {
		rsn_plugin_adapter_clear(a);
		*pdwReasonCode = RSN_REASON_INVALID_STATE;
		return err;
	}
	*pdwReasonCode = L2_REASON_CODE_SUCCESS;
	return ERROR_SUCCESS;
}
