// SPDX-License-Identifier: BSD-3-Clause
/*
 * WPA-EAP and WPA-EAP-SHA256 as a Windows extension does it (contract §4.17, §3.18): the
 * plugin borrows the host's 802.1X module. In PerformPostAssociate it calls StartOneX; every
 * received EAPOL frame other than EAPOL-Key goes to ProcessSecurityPacket (contract rule 59);
 * EAPOL-Key stays here. OnexIndicateResult SUCCESS carries the MSK as MPPE keys: the PMK is
 * the receive key, MSK[0..31] (IEEE 802.11-2020 12.7.1.3), and the 4-way handshake runs with
 * it; FAILURE ends the post-association with the reason.
 *
 * PMKSA caching (IEEE 802.11-2020 12.6.10.2): after EAP the PMK is kept by (AP, SSID, AKM)
 * with its PMKID; a reconnect to the same AP offers the PMKID and starts the 4-way at once.
 * An AP that does not know the PMKID starts EAP instead (an EAP-Request arrives rather than
 * message 1): then the cached entry goes and StartOneX runs after all.
 */
#include "rsn/plugin-state.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "rsn/pmksa.h"
#include "rsn/reason.h"

#define EAPOL_TYPE_KEY 3 /* IEEE 802.1X-2010 11.3.2 */

static void rsn_plugin_onex_key_frame_drop(struct adapter *a)
{
	if (a->key_frame) {
		OPENSSL_cleanse(a->key_frame, a->key_frame_len);
		free(a->key_frame);
	}
	a->key_frame = NULL;
	a->key_frame_len = 0;
}

void rsn_plugin_onex_stop(struct adapter *a)
{
	/* contract §3.10 (the sample): StopOneX before the port goes; the host would anyway */
	if (a->onex_running && a->state == ST_POST)
		rsn_plugin_g.api.Dot11ExtStopOneX(a->svc);
	a->onex_running = false;
	free(a->assoc_copy);
	a->assoc_copy = NULL;
	a->assoc_copy_len = 0;
	rsn_plugin_onex_key_frame_drop(a);
}

bool rsn_plugin_onex_pmksa_lookup(struct adapter *a, uint8_t pmkid[16])
{
	if (!a->eap || !rsn_plugin_g.pmksa)
		return false;
	if (rsn_pmksa_get(rsn_plugin_g.pmksa, a->bss_bssid, a->ssid, a->ssid_len, a->sel.akm,
			  rsn_pmksa_now_s(), a->pmk, pmkid))
		return false;
	a->pmk_set = true;
	return true;
}

static uint32_t rsn_plugin_onex_start(struct adapter *a)
{
	DWORD err = rsn_plugin_g.api.Dot11ExtStartOneX(a->svc, NULL);

	if (err != ERROR_SUCCESS) {
		LOG(WARN, "Dot11ExtStartOneX refused: error %u", err);
		return RSN_REASON_EAP_START;
	}
	a->onex_running = true;
	LOG(INFO, "802.1X started through the host");
	return L2_REASON_CODE_SUCCESS;
}

/* PerformPostAssociate for WPA-EAP: keep the parameters for the 4-way, start 802.1X. */
uint32_t rsn_plugin_onex_post_start(struct adapter *a,
				    const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *ap, size_t total)
{
	DOT11EXT_LINUX_ADAPTER_INFO info = { .dwSize = sizeof(info) };

	if (total < offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, AuthAlgo) ||
	    (ap->MacAddr[0] & 1) || !memcmp(ap->MacAddr, "\0\0\0\0\0\0", 6))
		return RSN_REASON_ASSOC_PARAMS;
	memcpy(a->aa, ap->MacAddr, 6); /* the authenticator: EAP frames come from it */
	if (rsn_plugin_g.lx.Dot11ExtLinuxGetAdapterInfo(a->svc, &info) == ERROR_SUCCESS)
		memcpy(a->mac, info.MacAddress, 6);
	a->assoc_copy = malloc(total);
	if (!a->assoc_copy)
		return RSN_REASON_OUT_OF_MEMORY;
	memcpy(a->assoc_copy, ap, total);
	a->assoc_copy_len = total;
	if (a->pmksa_offered) {
		/* the PMKID went out: the AP answers with message 1, or with EAP if it forgot */
		LOG(INFO, "PMKSA cached: offering the PMKID, no EAP unless the AP asks for it");
		return rsn_plugin_hs_start(a, ap, total);
	}
	return rsn_plugin_onex_start(a);
}

static void rsn_plugin_onex_forward(struct adapter *a, const uint8_t *frame, size_t len)
{
	DWORD err = rsn_plugin_g.api.Dot11ExtProcessSecurityPacket(a->svc, (DWORD)len,
								    (LPVOID)frame);

	if (err != ERROR_SUCCESS)
		LOG(DEBUG, "ProcessSecurityPacket: error %u", err);
}

bool rsn_plugin_onex_rx(struct adapter *a, const uint8_t *frame, size_t len)
{
	if (!a->eap || len < 4)
		return false;
	if (frame[1] != EAPOL_TYPE_KEY) {
		if (!a->onex_running) {
			if (!a->pmksa_offered)
				return false;
			/* the AP did not take our PMKID: full EAP after all */
			LOG(INFO, "the AP answered the cached PMKID with EAP: authenticating again");
			rsn_pmksa_remove(rsn_plugin_g.pmksa, a->aa, a->ssid, a->ssid_len,
					 a->sel.akm);
			a->pmksa_offered = false;
			rsn_plugin_hs_stop(a);
			if (rsn_plugin_onex_start(a) != L2_REASON_CODE_SUCCESS) {
				rsn_plugin_post_result(a, RSN_REASON_EAP_START,
						       rsn_reason_win32(RSN_REASON_EAP_START));
				return true;
			}
		}
		rsn_plugin_onex_forward(a, frame, len);
		return true;
	}
	if (a->hs)
		return false; /* the engine's */
	/* EAPOL-Key before the EAP result (it is queued behind the EAP-Success): keep one */
	rsn_plugin_onex_key_frame_drop(a);
	a->key_frame = malloc(len);
	if (a->key_frame) {
		memcpy(a->key_frame, frame, len);
		a->key_frame_len = len;
	}
	return true;
}

static void rsn_plugin_onex_success(struct adapter *a, const DOT11_MSONEX_RESULT_PARAMS *p)
{
	uint8_t pmkid[RSN_PMKSA_PMKID_LEN];
	uint32_t r;

	if (!p || !p->pbMPPERecvKey || p->dwMPPERecvKeyLen < RSN_PMK_LEN) {
		rsn_plugin_post_result(a, RSN_REASON_EAP_NO_KEYS,
				       rsn_reason_win32(RSN_REASON_EAP_NO_KEYS));
		return;
	}
	/* IEEE 802.11-2020 12.7.1.3: "the PMK is the first 256 bits of the MSK" */
	memcpy(a->pmk, p->pbMPPERecvKey, RSN_PMK_LEN);
	a->pmk_set = true;
	if (!rsn_pmksa_pmkid(a->sel.akm, a->pmk, a->aa, a->mac, pmkid))
		rsn_pmksa_add(rsn_plugin_g.pmksa, a->aa, a->ssid, a->ssid_len, a->sel.akm, a->pmk,
			      pmkid, rsn_pmksa_now_s(), RSN_PMKSA_LIFETIME_S);
	if (a->hs && rsn_hs_is_established(a->hs)) {
		/*
		 * A reauthentication on an established link: the new PMK is cached for the next
		 * association; the PTK stays until the authenticator starts a 4-way (hostapd
		 * does not after EAP reauthentication; IEEE 802.11-2020 12.7.6.1).
		 */
		LOG(INFO, "802.1X reauthentication succeeded; the keys in use stay");
		return;
	}
	rsn_plugin_hs_stop(a);
	if (!a->assoc_copy) {
		rsn_plugin_post_result(a, RSN_REASON_ASSOC_PARAMS,
				       rsn_reason_win32(RSN_REASON_ASSOC_PARAMS));
		return;
	}
	r = rsn_plugin_hs_start(a, (const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *)a->assoc_copy,
				a->assoc_copy_len);
	if (r != L2_REASON_CODE_SUCCESS) {
		rsn_plugin_post_result(a, r, rsn_reason_win32(r));
		return;
	}
	LOG(INFO, "802.1X succeeded: PMK from the MSK, 4-way handshake next");
	if (a->key_frame) {
		uint8_t *f = a->key_frame;
		size_t n = a->key_frame_len;

		a->key_frame = NULL;
		a->key_frame_len = 0;
		rsn_hs_rx(a->hs, f, n);
		OPENSSL_cleanse(f, n);
		free(f);
	}
}

static uint32_t rsn_plugin_onex_failure_reason(const DOT11_MSONEX_RESULT_PARAMS *p)
{
	if (!p)
		return RSN_REASON_EAP_FAILED;
	if (p->Dot11OnexAuthStatus == OneXAuthNoAuthenticatorFound)
		return RSN_REASON_EAP_NO_AUTHENTICATOR;
	switch (p->Dot11OneXReasonCode) {
	case ONEX_UI_DISABLED:
	case ONEX_UI_FAILURE:
	case ONEX_UI_CANCELLED:
	case ONEX_UI_NOT_PERMITTED:
	case ONEX_UNABLE_TO_IDENTIFY_USER:
	case ONEX_IDENTITY_NOT_FOUND:
		return RSN_REASON_EAP_CREDENTIALS;
	case ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES:
	case ONEX_PROFILE_DISALLOWED_EAP_TYPE:
		return RSN_REASON_EAP_CONFIG;
	case ONEX_REASON_CODE_SUCCESS:
	case ONEX_REASON_START:
	case ONEX_EAP_FAILURE_RECEIVED:
	case ONEX_AUTHENTICATOR_NO_LONGER_PRESENT:
	case ONEX_NO_RESPONSE_TO_IDENTITY:
	case ONEX_PROFILE_VERSION_NOT_SUPPORTED:
	case ONEX_PROFILE_INVALID_LENGTH:
	case ONEX_PROFILE_INVALID_EAP_TYPE_OR_FLAG:
	case ONEX_PROFILE_INVALID_ONEX_FLAGS:
	case ONEX_PROFILE_INVALID_TIMER_VALUE:
	case ONEX_PROFILE_INVALID_SUPPLICANT_MODE:
	case ONEX_PROFILE_INVALID_AUTH_MODE:
	case ONEX_PROFILE_INVALID_EXPLICIT_CREDENTIALS:
	case ONEX_PROFILE_EXPIRED_EXPLICIT_CREDENTIALS:
		break;
	}
	return RSN_REASON_EAP_FAILED;
}

/*
 * Contract §3.18 and the sample's reading of it: IN_PROGRESS = a (re)authentication began,
 * FAILURE = complete the post-association with a failure, SUCCESS = the MPPE keys (here in
 * the clear: ihvd has no DPAPI; docs/contract.md §5.5), then the 4-way.
 */
DWORD WINAPI rsn_plugin_onex_indicate_result(HANDLE hIhvExtAdapter, DOT11_MSONEX_RESULT r,
					     PDOT11_MSONEX_RESULT_PARAMS p)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	uint32_t reason;

	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->state != ST_POST || !a->eap || !a->onex_running)
		return ERROR_INVALID_STATE;
	switch (r) {
	case DOT11_MSONEX_IN_PROGRESS:
		LOG(INFO, "802.1X reauthentication in progress");
		return ERROR_SUCCESS;
	case DOT11_MSONEX_SUCCESS:
		rsn_plugin_onex_success(a, p);
		break;
	case DOT11_MSONEX_FAILURE:
		reason = rsn_plugin_onex_failure_reason(p);
		rsn_pmksa_remove(rsn_plugin_g.pmksa, a->aa, a->ssid, a->ssid_len, a->sel.akm);
		rsn_plugin_hs_stop(a);
		rsn_plugin_post_result(a, reason, rsn_reason_win32(reason));
		break;
	}
	/* deliver from a timer, not inside the host's call (contract rule 36 spirit) */
	if (a->post_ready)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->post_timer, 0);
	return ERROR_SUCCESS;
}
