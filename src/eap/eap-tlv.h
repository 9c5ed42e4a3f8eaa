/* SPDX-License-Identifier: BSD-3-Clause */
/* PEAP TLVs in EAP-TLV (type 33) packets ([MS-PEAP] 2.2.8, draft-josefsson-pppext-eap-tls-eap-10 3). */
#ifndef EAP_TLV_H
#define EAP_TLV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eap/eap-buf.h"

#define EAP_TLV_FLAG_MANDATORY 0x8000
#define EAP_TLV_TYPE_MASK      0x3fff
#define EAP_TLV_RESULT         3
#define EAP_TLV_NAK            4
#define EAP_TLV_CRYPTO_BINDING 12

#define EAP_TLV_RESULT_SUCCESS 1
#define EAP_TLV_RESULT_FAILURE 2

struct eap_tlv_summary {
	int result;           /* 0 none, else EAP_TLV_RESULT_* */
	bool crypto_binding;  /* a Crypto-Binding TLV was present */
	const uint8_t *binding; /* it, header included (60 octets), else NULL */
};

/* Walk the TLVs; -1 (err) on truncation, a bad Result TLV or an unknown mandatory TLV. */
int eap_tlv_parse(const uint8_t *p, size_t n, struct eap_tlv_summary *s, const char **err);
/* Append a Result TLV (mandatory). */
int eap_tlv_put_result(struct eap_buf *b, uint16_t result);

#endif
