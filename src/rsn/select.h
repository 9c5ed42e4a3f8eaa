/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What to ask the host for: the profile's single AKM/cipher choice checked against a BSS's
 * RSNE (IEEE 802.11-2020 9.4.2.24), and the MFP setting from the profile's Pmf policy and the
 * AP's MFPC/MFPR bits (IEEE 802.11-2020 12.6.3). Also the contract's BSS-list
 * and IE walking. Pure functions: no I/O.
 */
#ifndef RSN_SELECT_H
#define RSN_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rsn/handshake.h"
#include "rsn/profile-xml.h"

struct rsn_selection {
	bool open;                /* AuthMode NONE: no RSN at all */
	uint32_t akm;
	uint32_t pairwise, group;
	uint32_t group_mgmt;      /* 0 unless MFP is used */
	enum rsn_mfp mfp;         /* what we advertise: NONE, OPTIONAL (MFPC), REQUIRED */
	bool sae_h2e;             /* SAE: hash-to-element (sae_pwe and the AP's RSNXE) */
};

/*
 * ies/len: the BSS's information elements. 0 (L2_REASON_CODE_SUCCESS) and *out filled,
 * or an RSN_REASON_* saying why this BSS does not fit the profile.
 */
uint32_t rsn_select(const struct rsn_sec_profile *p, const uint8_t *ies, size_t len,
		    struct rsn_selection *out);

/* The first element with this ID (whole element: ID, length, body), NULL if none. Stops at
 * a truncated element. */
const uint8_t *rsn_ie_find(const uint8_t *ies, size_t len, uint8_t id, size_t *ie_len);

/*
 * Walk DOT11_BSS_LIST.pucBuffer (contract §6.4): entries back to back, unaligned.
 * 1 and the entry's BSSID and IEs; 0 at the end; -1 if the entry overruns the buffer.
 */
int rsn_bss_next(const uint8_t *buf, size_t len, size_t *off, uint8_t bssid[6],
		 const uint8_t **ies, size_t *ies_len);

#endif
