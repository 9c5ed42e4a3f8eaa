/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SAE internals: the two password element derivations of IEEE 802.11-2020 12.4.4.2
 * (sae-hnp.c: hunting-and-pecking, sae-pt.c: hash-to-element) as sae.c uses them.
 */
#ifndef RSN_SAE_PWE_H
#define RSN_SAE_PWE_H

#include "rsn/sae-curve.h"
#include "rsn/sae.h"

/* 12.4.4.2.2, always SHA-256; k >= 40 iterations; NULL on failure. */
EC_POINT *sae_hnp_pwe(struct sae_curve *c, const uint8_t *password, size_t password_len,
		      const uint8_t addr1[6], const uint8_t addr2[6], unsigned int k);

/* 12.4.4.2.3: PWE = [val]PT; NULL on failure or a PT of another group. */
EC_POINT *sae_pt_pwe(struct sae_curve *c, const struct sae_pt *pt, const uint8_t addr1[6],
		     const uint8_t addr2[6]);
/*
 * map_to_curve_simple_swu of RFC 9380 6.6.2 with the Z of RFC 9380 8.2-8.4 (-10, -12, -4),
 * u < p; also what the RFC 9380 J.1.1/J.2.1/J.3.1 vectors give as Q0 = map(u[0]).
 */
EC_POINT *sae_pt_sswu(struct sae_curve *c, const BIGNUM *u);
/* The password identifier the PT was derived with (NULL, 0 if none). */
const uint8_t *sae_pt_identifier(const struct sae_pt *pt, size_t *len);

/* MAX(addr1, addr2) || MIN(addr1, addr2) (12.4.4.2.2 and 12.4.4.2.3). */
void sae_pwe_addr_key(const uint8_t addr1[6], const uint8_t addr2[6], uint8_t out[12]);

#endif
