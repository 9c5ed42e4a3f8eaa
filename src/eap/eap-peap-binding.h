/* SPDX-License-Identifier: BSD-3-Clause */
/* PEAPv0 cryptobinding ([MS-PEAP] 3.1.5.5-3.1.5.7; draft-josefsson-pppext-eap-tls-eap-10 2.5):
 * compound keys from the TLS tunnel key and the inner method's key, the Compound MAC of the
 * Crypto-Binding TLV, and the compound MSK. */
#ifndef EAP_PEAP_BINDING_H
#define EAP_PEAP_BINDING_H

#include <stddef.h>
#include <stdint.h>

#define EAP_PEAP_BINDING_TLV_LEN 60 /* TLV header 4 + 56 */

struct eap_peap_binding {
	uint8_t ipmk[40], cmk[20];
};

/* PRF+ for PEAPv0: T(i) = HMAC-SHA1(key, T(i-1) | label | seed | i | 0x00 0x00). */
int eap_peap_prfplus(const uint8_t *key, size_t key_len, const char *label, const uint8_t *seed,
		     size_t seed_len, uint8_t *out, size_t out_len);
/* IPMK|CMK = PRF+(TK[0..39], "Inner Methods Compound Keys", ISK(32), 60); with isk NULL
 * (resumption, no inner method) IPMK = TK[0..39] and CMK = TK[40..59]. */
int eap_peap_binding_keys(const uint8_t tk[60], const uint8_t *isk, struct eap_peap_binding *b);
/* Compound_MAC = HMAC-SHA1(CMK, Crypto-Binding TLV with the MAC zeroed | EAP type 25). */
int eap_peap_binding_mac(const uint8_t cmk[20], const uint8_t tlv[EAP_PEAP_BINDING_TLV_LEN],
			 uint8_t mac[20]);
/* MSK = first 64 of PRF+(IPMK, "Session Key Generating Function", 0x00, 128). */
int eap_peap_binding_msk(const uint8_t ipmk[40], uint8_t msk[64]);

#endif
