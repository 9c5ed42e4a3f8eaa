// SPDX-License-Identifier: BSD-3-Clause
/* The plugin's IHV reason codes (contract §7.7): names, meanings, Win32 errors. */
#include "rsn/reason.h"

struct reason_desc {
	uint32_t code;
	const char *name;
	const char *meaning;
	DWORD win32;
};

#define R(c, w, m) { RSN_REASON_##c, #c, m, w }

static const struct reason_desc reasons[] = {
	R(PROFILE_MISSING, ERROR_BAD_PROFILE,
	  "the IHV connectivity or security fragment is missing"),
	R(PROFILE_ENCODING, ERROR_BAD_PROFILE,
	  "a profile fragment is not valid NUL-terminated UTF-16"),
	R(PROFILE_SYNTAX, ERROR_BAD_PROFILE,
	  "a profile fragment does not follow the urn:ihvd:conn:1 / urn:ihvd:rsn:1 schema "
	  "(syntax, element order, missing or extra element)"),
	R(PROFILE_VALUE, ERROR_BAD_PROFILE,
	  "a profile element has an invalid value (SSID, AuthMode, cipher, Pmf)"),
	R(PROFILE_SECRET, ERROR_BAD_PROFILE,
	  "the passphrase is not 8..63 printable ASCII characters or the PSK not 64 hex digits"),
	R(PROFILE_SSID_MISMATCH, ERROR_BAD_PROFILE,
	  "the connectivity and security fragments name different SSIDs"),
	R(PROFILE_ONEX, ERROR_NOT_SUPPORTED,
	  "bUseMSOnex does not fit the AuthMode (WPA-EAP needs the host's 802.1X module, "
	  "PSK and NONE must not ask for it)"),
	R(NO_BSS, ERROR_NO_MATCH,
	  "the connectable BSS list is empty or malformed"),
	R(BSS_NO_RSNE, ERROR_NO_MATCH,
	  "the BSS advertises no RSN element but the profile requires WPA2/WPA3"),
	R(BSS_RSNE_INVALID, ERROR_INVALID_DATA,
	  "the BSS's RSN element is malformed"),
	R(BSS_NOT_OPEN, ERROR_NO_MATCH,
	  "the profile is for an open network but the BSS advertises RSN"),
	R(NO_MATCHING_AKM, ERROR_NO_MATCH,
	  "the BSS does not offer the profile's AKM (WPA-PSK, WPA-PSK-SHA256, WPA-EAP, "
	  "WPA-EAP-SHA256, SAE, SAE-EXT-KEY)"),
	R(NO_MATCHING_PAIRWISE, ERROR_NO_MATCH,
	  "the BSS does not offer the profile's pairwise cipher"),
	R(NO_MATCHING_GROUP, ERROR_NO_MATCH,
	  "the BSS's group cipher is not the profile's"),
	R(NO_MATCHING_MGMT, ERROR_NO_MATCH,
	  "management frame protection needs a group management cipher the plugin lacks"),
	R(PMF_REQUIRED_BY_PROFILE, ERROR_NO_MATCH,
	  "the profile requires PMF but the BSS is not MFP capable"),
	R(PMF_REQUIRED_BY_AP, ERROR_NO_MATCH,
	  "the BSS requires PMF (MFPR) but the profile disables it"),
	R(RADIO_UNSUPPORTED, ERROR_NOT_SUPPORTED,
	  "the radio does not support the chosen AKM or cipher"),
	R(HOST_REFUSED, ERROR_INVALID_STATE,
	  "the host refused an algorithm, RSN parameter or EtherType setting"),
	R(ASSOC_PARAMS, ERROR_INVALID_DATA,
	  "the association completion parameters are malformed"),
	R(ASSOC_NO_RSNE, ERROR_INVALID_DATA,
	  "the association request or the BSS's beacon/probe response carries no RSN element"),
	R(ASSOC_RSNE_MISMATCH, ERROR_INVALID_DATA,
	  "the association's RSN elements do not select what pre-association chose"),
	R(EAP_FAILED, ERROR_ACCESS_DENIED,
	  "802.1X: EAP authentication failed (the log and CTRL-EVENT-EAP-FAILURE say which "
	  "method and why)"),
	R(EAP_NO_AUTHENTICATOR, ERROR_TIMEOUT,
	  "802.1X: no EAP server answered (three EAPOL-Starts unanswered)"),
	R(EAP_CREDENTIALS, ERROR_CANCELLED,
	  "802.1X: the identity or password was asked for and not given in time"),
	R(EAP_CONFIG, ERROR_BAD_PROFILE,
	  "802.1X: the EAP configuration is not usable (files, method, ca_cert)"),
	R(EAP_START, ERROR_INVALID_STATE,
	  "802.1X: the host refused Dot11ExtStartOneX (no EAP configuration?)"),
	R(EAP_NO_KEYS, ERROR_INVALID_DATA,
	  "802.1X: EAP succeeded but the host gave no 256-bit MPPE receive key (the PMK)"),
	R(PASSPHRASE_NOT_GIVEN, ERROR_CANCELLED,
	  "the passphrase was asked of the user (CTRL-REQ-PSK_PASSPHRASE) and not given in time"),
	R(PSK_MISMATCH, ERROR_ACCESS_DENIED,
	  "PSK mismatch: the AP rejected message 2 (wrong passphrase?)"),
	R(TKIP_COUNTERMEASURES, ERROR_ACCESS_DENIED,
	  "TKIP countermeasures: two Michael MIC failures within 60 s; the BSS is avoided for "
	  "60 s (IEEE 802.11-2020 12.5.2.4)"),
	R(SAE_CONFIRM_MISMATCH, ERROR_ACCESS_DENIED,
	  "SAE: the AP's Confirm does not verify: the SAE password is probably wrong"),
	R(SAE_REJECTED, ERROR_ACCESS_DENIED,
	  "SAE: the AP rejected our Confirm: the SAE password (sae_password/psk) is probably wrong"),
	R(SAE_NO_ANSWER, ERROR_TIMEOUT,
	  "SAE: no answer from the AP to our Authentication frames (H2E vs "
	  "hunting-and-pecking mismatch, sae_pwe, or out of range)"),
	R(SAE_NO_GROUP, ERROR_NO_MATCH,
	  "SAE: the AP rejected every group in sae_groups"),
	R(SAE_H2E_MISMATCH, ERROR_NO_MATCH,
	  "SAE: sae_pwe and the AP disagree on hash-to-element (H2E)"),
	R(SAE_NEEDS_PMF, ERROR_NO_MATCH,
	  "SAE needs management frame protection but the BSS is not MFP capable"),
	R(SAE_FAILED, ERROR_INVALID_DATA,
	  "SAE failed: an invalid frame from the AP or a crypto failure"),
	R(SAE_PASSWORD_ID, ERROR_ACCESS_DENIED,
	  "SAE: the AP does not know our password identifier"),
	R(PMKSA_REJECTED, ERROR_ACCESS_DENIED,
	  "the AP no longer holds the cached PMKSA (PMKID refused); SAE runs again next time"),
	R(HS_TIMEOUT_MSG1, ERROR_TIMEOUT,
	  "4-way handshake timed out waiting for message 1"),
	R(HS_TIMEOUT_MSG3, ERROR_TIMEOUT,
	  "4-way handshake timed out waiting for message 3"),
	R(HS_TIMEOUT_REKEY, ERROR_TIMEOUT,
	  "PTK rekey handshake timed out"),
	R(HS_NO_RSNE, ERROR_INVALID_DATA,
	  "message 3 carries no RSN element"),
	R(HS_RSNE_MISMATCH, ERROR_INVALID_DATA,
	  "the RSN element in message 3 differs from the AP's beacon/probe RSNE (possible downgrade)"),
	R(HS_RSNXE_MISMATCH, ERROR_INVALID_DATA,
	  "the RSNXE in message 3 differs from the AP's beacon/probe RSNXE"),
	R(HS_KEY_DATA, ERROR_INVALID_DATA,
	  "message 3 key data failed to decrypt or parse"),
	R(HS_NO_GTK, ERROR_INVALID_DATA,
	  "message 3 carries no GTK"),
	R(HS_GTK_LEN, ERROR_INVALID_DATA,
	  "the GTK length does not match the group cipher"),
	R(HS_NO_IGTK, ERROR_INVALID_DATA,
	  "PMF negotiated but message 3 carries no IGTK"),
	R(HS_IGTK_LEN, ERROR_INVALID_DATA,
	  "the IGTK length does not match the group management cipher"),
	R(HS_TX, ERROR_INVALID_FUNCTION,
	  "the host could not send an EAPOL-Key frame"),
	R(HS_INSTALL_PTK, ERROR_INVALID_FUNCTION,
	  "the host could not install the pairwise key"),
	R(HS_INSTALL_GTK, ERROR_INVALID_FUNCTION,
	  "the host could not install the group key"),
	R(HS_INSTALL_IGTK, ERROR_INVALID_FUNCTION,
	  "the host could not install the integrity group key"),
	R(HS_CRYPTO, ERROR_INVALID_FUNCTION,
	  "a cryptographic primitive failed during the handshake"),
	R(CANCELLED, ERROR_CANCELLED,
	  "the operation was cancelled by an adapter reset"),
	R(OUT_OF_MEMORY, ERROR_OUTOFMEMORY,
	  "the plugin ran out of memory"),
	R(PMK_DERIVATION, ERROR_INVALID_FUNCTION,
	  "the PMK could not be derived from the passphrase"),
	R(INVALID_STATE, ERROR_INVALID_STATE,
	  "the adapter is not in a state that allows this operation"),
};

#undef R

static const struct reason_desc *find(uint32_t code)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].code == code)
			return &reasons[i];
	return NULL;
}

const char *rsn_reason_str(uint32_t code)
{
	const struct reason_desc *d = find(code);

	return d ? d->meaning : "unknown reason code";
}

const char *rsn_reason_name(uint32_t code)
{
	const struct reason_desc *d = find(code);

	return d ? d->name : NULL;
}

uint32_t rsn_reason_from_fail(enum rsn_fail fail)
{
	return RSN_REASON(RSN_REASON_HS_BASE + (uint32_t)fail);
}

DWORD rsn_reason_win32(uint32_t code)
{
	const struct reason_desc *d = find(code);

	return d ? d->win32 : ERROR_INVALID_FUNCTION;
}

size_t rsn_reason_count(void)
{
	return sizeof(reasons) / sizeof(reasons[0]);
}

uint32_t rsn_reason_at(size_t i)
{
	return i < rsn_reason_count() ? reasons[i].code : 0;
}
