/* SPDX-License-Identifier: BSD-3-Clause */
/* DOT11_ASSOCIATION_COMPLETION_PARAMETERS building (contract §6.5). */
#ifndef IHVD_CORE_ASSOC_PARAMS_H
#define IHVD_CORE_ASSOC_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wlanihv.h"

struct ihv_assoc_info {
	const uint8_t *bssid;
	const uint8_t *req_ies;      /* (Re)Association Request IEs, as sent */
	size_t req_ies_len;
	const uint8_t *resp_ies;     /* (Re)Association Response IEs */
	size_t resp_ies_len;
	const uint8_t *beacon_ies;   /* the BSS's probe response / beacon IEs */
	size_t beacon_ies_len;
	bool reassoc;
	DOT11_AUTH_ALGORITHM auth_algo;
	DOT11_CIPHER_ALGORITHM unicast_cipher;
	DOT11_CIPHER_ALGORITHM multicast_cipher;
	DOT11_CIPHER_ALGORITHM multicast_mgmt_cipher;
};

/*
 * One malloc'd buffer: the revision-2 header, then request, response and
 * beacon IEs in that order, each located by its Offset/Size fields (offsets from
 * the start of the buffer). NULL on no memory or a total beyond a ULONG.
 */
uint8_t *ihv_assoc_params_build(const struct ihv_assoc_info *info, size_t *len);

/* Does this IE list carry a WMM parameter/information element? */
bool ihv_ies_have_wmm(const uint8_t *ies, size_t len);

#endif
