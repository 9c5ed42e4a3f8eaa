/* SPDX-License-Identifier: BSD-3-Clause */
/* DOT11_BSS_LIST building: scan results -> the contract's BSS entries (contract §6.4). */
#ifndef IHVD_CORE_BSS_LIST_H
#define IHVD_CORE_BSS_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "nl80211/driver.h"
#include "wlanihv.h"

/*
 * The pucBuffer of a DOT11_BSS_LIST for these BSSes: one DOT11_BSS_ENTRY per
 * BSS, back to back without padding, ucBuffer = the BSS's IEs (probe
 * response, else beacon) byte-exact. malloc'd; *len gets its size. NULL on
 * no memory or when the total would not fit a ULONG. n == 0 gives a valid
 * empty buffer (non-NULL, *len == 0).
 */
uint8_t *ihv_bss_list_build(const struct drv_bss *const *bss, size_t n,
			    size_t *len);

/*
 * Walk a BSS list: at *off, copy the fixed part into *entry, point *ies at
 * the IEs and advance *off. 1 for an entry, 0 at the end, -1 when the entry
 * does not fit the buffer.
 */
int ihv_bss_list_next(const uint8_t *buf, size_t len, size_t *off,
		      DOT11_BSS_ENTRY *entry, const uint8_t **ies);

/* 0..100 from a signal in mBm (-100 dBm and below: 0; -50 dBm and above: 100). */
uint32_t ihv_bss_link_quality(int32_t signal_mbm);

#endif
