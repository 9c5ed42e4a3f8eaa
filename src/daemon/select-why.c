// SPDX-License-Identifier: BSD-3-Clause
/*
 * Why no configured network could be joined (select-why.h): for each usable
 * network, what the BSSes carrying its SSID lacked, said at info level once
 * per cause (not once per retry) until the network connects again.
 */
#include "daemon/select-why.h"

#include <string.h>

#include "common/log.h"
#include "common/suite.h"
#include "daemon/config-compat.h"

/* IEEE 802.11-2020 9.4.1.4 Capability Information. */
#define SELECT_WHY_CAP_PRIVACY 0x0010

const char *select_why_text(enum select_why w)
{
	switch (w) {
	case SELECT_WHY_NOT_SEEN:
		return "no BSS with this SSID was seen (out of range, or hidden: try scan_ssid=1)";
	case SELECT_WHY_WPA1_ONLY:
		return "the AP offers only WPA1 (the WPA vendor element, TKIP era): WPA1 is not "
		       "supported";
	case SELECT_WHY_TKIP_PAIRWISE:
		return "the AP offers only TKIP as pairwise cipher: TKIP pairwise is not supported";
	case SELECT_WHY_GROUP_CIPHER:
		return "the AP's group cipher is not in group= (a TKIP group is a WPA/WPA2 "
		       "mixed-mode AP's: add TKIP to group=)";
	case SELECT_WHY_PAIRWISE:
		return "no pairwise cipher in common with pairwise=";
	case SELECT_WHY_AKM:
		return "no key management in common with key_mgmt= (the AP may be SAE-only "
		       "(WPA3) or 802.1X)";
	case SELECT_WHY_PMF_REQUIRED:
		return "the AP requires PMF (MFPR) but ieee80211w=0: set ieee80211w=1 or 2";
	case SELECT_WHY_PMF_MISSING:
		return "ieee80211w=2 requires PMF but the AP does not offer it (no MFPC)";
	case SELECT_WHY_SECURED:
		return "key_mgmt=NONE but the AP is secured";
	case SELECT_WHY_WEP:
		return "the AP uses WEP: not supported";
	case SELECT_WHY_OPEN:
		return "the network has a psk but the AP is open";
	case SELECT_WHY_FREQ:
		return "its BSSes are on frequencies freq_list= leaves out";
	case SELECT_WHY_IGNORED:
		return "its BSSes are on the BSSID_IGNORE list";
	case SELECT_WHY_BSSID:
		return "no BSS with the configured bssid=";
	}
	return "?";
}

static bool select_why_only_tkip(const uint32_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != RSN_CIPHER_TKIP)
			return false;
	return n > 0;
}

/* What this BSS, carrying the network's SSID, lacks for it (0: nothing). */
static unsigned int select_why_bss(const struct config *c, const struct config_network *n,
				   const struct scan_bss *b)
{
	if (!config_freq_allowed(c, n, b->bss.freq))
		return SELECT_WHY_FREQ;
	if (config_bssid_ignored(c, b->bss.bssid))
		return SELECT_WHY_IGNORED;
	if (n->bssid_set && memcmp(n->bssid, b->bss.bssid, DRV_ETH_ALEN) != 0)
		return SELECT_WHY_BSSID;
	if (n->key_mgmt == CONFIG_AKM_NONE) {
		if (b->rsn || b->wpa)
			return SELECT_WHY_SECURED;
		return (b->bss.capability & SELECT_WHY_CAP_PRIVACY) ? SELECT_WHY_WEP : 0;
	}
	if (!b->rsn) {
		if (b->wpa)
			return SELECT_WHY_WPA1_ONLY;
		return (b->bss.capability & SELECT_WHY_CAP_PRIVACY) ? SELECT_WHY_WEP
								      : SELECT_WHY_OPEN;
	}
	if (!(n->key_mgmt & b->akm))
		return SELECT_WHY_AKM;
	if (!(n->pairwise & b->pairwise & ~(unsigned int)CONFIG_CIPHER_TKIP))
		return select_why_only_tkip(b->pairwise_suites, b->n_pairwise_suites)
			       ? SELECT_WHY_TKIP_PAIRWISE : SELECT_WHY_PAIRWISE;
	if (!(n->group & config_cipher_bit(b->group_suite)))
		return SELECT_WHY_GROUP_CIPHER;
	if (n->ieee80211w == 0 && b->mfpr)
		return SELECT_WHY_PMF_REQUIRED;
	if (n->ieee80211w == 2 && !b->mfpc)
		return SELECT_WHY_PMF_MISSING;
	return 0;
}

unsigned int select_why(const struct config *c, const struct config_network *n,
			const struct scan_bss *list, size_t n_list)
{
	unsigned int why = 0;
	bool seen = false;
	size_t i;

	for (i = 0; i < n_list; i++) {
		const struct scan_bss *b = &list[i];

		if (!b->ies_ok)
			continue;
		if (n->ssid_set ? (b->ssid_len != n->ssid_len ||
				   memcmp(b->ssid, n->ssid, n->ssid_len) != 0)
				: !b->ssid_len)
			continue;
		seen = true;
		why |= select_why_bss(c, n, b);
	}
	return seen ? why : SELECT_WHY_NOT_SEEN;
}

void select_why_log(struct config *c, const struct scan_bss *list, size_t n_list,
		    const char *ifname)
{
	struct config_network *n;
	char ssid[DRV_SSID_MAX * 4 + 1];
	unsigned int why, bit;

	for (n = c->networks; n; n = n->next) {
		if (n->disabled || n->temp_disabled || config_network_check(n, NULL, 0) < 0)
			continue;
		why = select_why(c, n, list, n_list) & ~n->why_logged;
		if (n->ssid_set)
			config_ssid_txt(n->ssid, n->ssid_len, ssid, sizeof(ssid));
		else
			strcpy(ssid, "(any open network)");
		for (bit = 1; why && bit <= SELECT_WHY_LAST; bit <<= 1) {
			if (!(why & bit))
				continue;
			log_info("%s: network id=%d \"%s\" cannot be joined: %s", ifname, n->id, ssid,
				 select_why_text((enum select_why)bit));
			why &= ~bit;
			n->why_logged |= bit;
		}
	}
}
