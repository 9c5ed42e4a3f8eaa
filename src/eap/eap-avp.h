/* SPDX-License-Identifier: BSD-3-Clause */
/* Diameter-style AVPs carried by EAP-TTLS phase 2 (RFC 5281 10.1). */
#ifndef EAP_AVP_H
#define EAP_AVP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eap/eap-buf.h"

#define EAP_AVP_FLAG_VENDOR    0x80
#define EAP_AVP_FLAG_MANDATORY 0x40

#define EAP_AVP_USER_NAME     1
#define EAP_AVP_USER_PASSWORD 2
#define EAP_AVP_REPLY_MESSAGE 18
#define EAP_AVP_VENDOR_MS     311
#define EAP_AVP_MS_CHAP_ERROR 2     /* RFC 2548 2.1.5 */
#define EAP_AVP_MS_CHAP_CHALLENGE 11
#define EAP_AVP_MS_CHAP2_RESPONSE 25
#define EAP_AVP_MS_CHAP2_SUCCESS  26

struct eap_avp {
	uint32_t code, vendor; /* vendor 0 when the V bit is clear */
	uint8_t flags;
	const uint8_t *data;
	size_t len;
};

/* Next AVP from *p (with *left octets): 1 with *a filled, 0 at the end, -1 (err) if malformed. */
int eap_avp_next(const uint8_t **p, size_t *left, struct eap_avp *a, const char **err);
/* Append one AVP (vendor 0: none), padded to 4 octets. */
int eap_avp_put(struct eap_buf *b, uint32_t code, uint32_t vendor, bool mandatory,
		const uint8_t *data, size_t len);

#endif
