// SPDX-License-Identifier: BSD-3-Clause
/* Candidate selection (see select.h). */
#include "daemon/select.h"

#include <string.h>

#include "daemon/config-compat.h"

/* IEEE 802.11-2020 9.4.1.4 Capability Information. */
#define SELECT_CAP_ESS     0x0001
#define SELECT_CAP_PRIVACY 0x0010

bool select_network_usable(const struct config_network *n)
{
	return !n->disabled && !n->temp_disabled && config_network_check(n, NULL, 0) == 0;
}

bool select_any_usable(const struct config *c)
{
	const struct config_network *n;

	for (n = c->networks; n; n = n->next)
		if (select_network_usable(n))
			return true;
	return false;
}

static bool select_radio_no_sae;

void select_radio_sae_set(bool can)
{
	select_radio_no_sae = !can;
}

/* The strongest cipher of a set (CCMP for an empty one). */
static enum config_cipher select_cipher_best(unsigned int set)
{
	if (set & CONFIG_CIPHER_CCMP_256)
		return CONFIG_CIPHER_CCMP_256;
	if (set & CONFIG_CIPHER_GCMP_256)
		return CONFIG_CIPHER_GCMP_256;
	if (set & CONFIG_CIPHER_CCMP)
		return CONFIG_CIPHER_CCMP;
	if (set & CONFIG_CIPHER_GCMP)
		return CONFIG_CIPHER_GCMP;
	return CONFIG_CIPHER_CCMP;
}

bool select_bss_match(const struct config_network *n, const struct scan_bss *b,
		      struct profile_choice *choice)
{
	unsigned int akm, pairwise, group;

	if (!b->ies_ok)
		return false;
	/* No ssid (a key_mgmt=NONE block): any open network that names itself. */
	if (n->ssid_set ? (b->ssid_len != n->ssid_len || memcmp(b->ssid, n->ssid, n->ssid_len))
			: !b->ssid_len)
		return false;
	if (!config_freq_allowed(NULL, n, b->bss.freq))
		return false;
	if (!(b->bss.capability & SELECT_CAP_ESS)) /* ESS only */
		return false;
	if (n->bssid_set && memcmp(b->bss.bssid, n->bssid, DRV_ETH_ALEN) != 0)
		return false;
	if (n->key_mgmt == CONFIG_AKM_NONE) {
		if (b->rsn || b->wpa || (b->bss.capability & SELECT_CAP_PRIVACY))
			return false;
		choice->akm = CONFIG_AKM_NONE;
		choice->pairwise = CONFIG_CIPHER_CCMP;
		choice->group = CONFIG_CIPHER_CCMP;
		return true;
	}
	if (!b->rsn)
		return false;
	akm = n->key_mgmt & b->akm;
	/* SAE needs a password, PMF (MFPC at the AP) and a radio with SAE in our SME */
	if ((akm & CONFIG_AKM_SAE_ANY) &&
	    (select_radio_no_sae || !config_network_sae_ok(n) || !b->mfpc))
		akm &= ~(unsigned int)CONFIG_AKM_SAE_ANY;
	/* TKIP is never the pairwise cipher; as the group cipher it is a mixed-mode AP's */
	pairwise = n->pairwise & b->pairwise & ~(unsigned int)CONFIG_CIPHER_TKIP;
	group = n->group & config_cipher_bit(b->group_suite);
	if (!akm || !pairwise || !group)
		return false;
	if (akm & CONFIG_AKM_SAE_ANY) {
		/*
		 * WPA3-Personal: PMF whatever ieee80211w says. SAE-EXT-KEY when both sides have
		 * it; the profile still names every SAE AKM the network allows, and the plugin,
		 * which sees the RSNXE, falls back to 8 when hash-to-element cannot run.
		 */
		choice->akm = (akm & CONFIG_AKM_SAE_EXT_KEY) ? CONFIG_AKM_SAE_EXT_KEY
							      : CONFIG_AKM_SAE;
	} else {
		/* IEEE 802.11-2020 12.6.3: MFPR needs our MFPC; our MFPR needs theirs. */
		if (n->ieee80211w == 0 && b->mfpr)
			return false;
		if (n->ieee80211w == 2 && !b->mfpc)
			return false;
		if ((akm & (CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256)) &&
		    !(akm & (CONFIG_AKM_EAP | CONFIG_AKM_EAP_SHA256)) &&
		    !(n->passphrase_set || n->psk_set || n->mem_only_psk))
			return false; /* SAE-only password (sae_password) */
		/* the stronger AKM of those both sides have */
		choice->akm = (akm & CONFIG_AKM_EAP_SHA256) ? CONFIG_AKM_EAP_SHA256 :
			      (akm & CONFIG_AKM_EAP) ? CONFIG_AKM_EAP :
			      (akm & CONFIG_AKM_PSK_SHA256) ? CONFIG_AKM_PSK_SHA256 :
							      CONFIG_AKM_PSK;
	}
	choice->pairwise = select_cipher_best(pairwise);
	choice->group = (enum config_cipher)group;
	return true;
}

void select_network_choice(const struct config_network *n, struct profile_choice *choice)
{
	if (n->key_mgmt & CONFIG_AKM_EAP_SHA256)
		choice->akm = CONFIG_AKM_EAP_SHA256;
	else if (n->key_mgmt & CONFIG_AKM_EAP)
		choice->akm = CONFIG_AKM_EAP;
	else if (n->key_mgmt & CONFIG_AKM_PSK_SHA256)
		choice->akm = CONFIG_AKM_PSK_SHA256;
	else if (n->key_mgmt & CONFIG_AKM_PSK)
		choice->akm = CONFIG_AKM_PSK;
	else if (n->key_mgmt & CONFIG_AKM_SAE_EXT_KEY)
		choice->akm = CONFIG_AKM_SAE_EXT_KEY;
	else if (n->key_mgmt & CONFIG_AKM_SAE)
		choice->akm = CONFIG_AKM_SAE;
	else
		choice->akm = CONFIG_AKM_NONE;
	choice->pairwise = select_cipher_best(n->pairwise);
	choice->group = select_cipher_best(n->group);
}

static bool select_better(const struct config_network *n, const struct scan_bss *b,
			  const struct select_result *cur)
{
	if (!cur->net)
		return true;
	if (n->priority != cur->net->priority)
		return n->priority > cur->net->priority;
	return b->bss.signal_mbm > cur->bss[0]->bss.signal_mbm;
}

static bool select_too_old(const struct scan_bss *b, uint32_t max_age_ms)
{
	return max_age_ms && scan_bss_age_ms(b) >= max_age_ms;
}

bool select_best(const struct config *c, const struct scan_bss *list, size_t n_list,
		 uint32_t max_age_ms, struct select_result *sel)
{
	struct config_network *n;
	struct profile_choice ch;
	size_t i, j;

	memset(sel, 0, sizeof(*sel));
	for (i = 0; i < n_list; i++) {
		const struct scan_bss *b = &list[i];

		if (select_too_old(b, max_age_ms) || !config_freq_allowed(c, NULL, b->bss.freq) ||
		    config_bssid_ignored(c, b->bss.bssid))
			continue;
		for (n = c->networks; n; n = n->next) {
			if (!select_network_usable(n) || !select_bss_match(n, b, &ch))
				continue;
			if (select_better(n, b, sel)) {
				sel->net = n;
				sel->choice = ch;
				sel->bss[0] = b;
				sel->n_bss = 1;
			}
		}
	}
	if (!sel->net)
		return false;
	/* The other BSSes of that network with the same choices, by signal. */
	for (i = 0; i < n_list && sel->n_bss < SELECT_CANDIDATES_MAX; i++) {
		const struct scan_bss *b = &list[i];

		if (b == sel->bss[0] || select_too_old(b, max_age_ms) ||
		    !config_freq_allowed(c, NULL, b->bss.freq) || config_bssid_ignored(c, b->bss.bssid) ||
		    b->ssid_len != sel->bss[0]->ssid_len ||
		    memcmp(b->ssid, sel->bss[0]->ssid, b->ssid_len) != 0 ||
		    !select_bss_match(sel->net, b, &ch) ||
		    memcmp(&ch, &sel->choice, sizeof(ch)) != 0)
			continue;
		for (j = sel->n_bss; j > 1 && sel->bss[j - 1]->bss.signal_mbm < b->bss.signal_mbm; j--)
			sel->bss[j] = sel->bss[j - 1];
		sel->bss[j] = b;
		sel->n_bss++;
	}
	return true;
}
