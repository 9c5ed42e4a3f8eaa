/* SPDX-License-Identifier: BSD-3-Clause */
/* EAP-MSCHAPv2 messages (draft-kamath-pppext-eap-mschapv2-02) and the Success/Failure text
 * formats shared with TTLS (RFC 2759 5 and 6). */
#ifndef EAP_MSCHAPV2_H
#define EAP_MSCHAPV2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eap/mschapv2.h"

#define EAP_MSCHAPV2_OP_CHALLENGE 1
#define EAP_MSCHAPV2_OP_RESPONSE  2
#define EAP_MSCHAPV2_OP_SUCCESS   3
#define EAP_MSCHAPV2_OP_FAILURE   4

/* RFC 2759 5: the message starts "S=<auth_string>"; constant-time, case-insensitive compare. */
bool eap_mschapv2_auth_resp_ok(const uint8_t *msg, size_t len,
			       const char expected[MSCHAPV2_AUTH_RESP_LEN + 1]);
/* RFC 2759 6: "E=eeeeeeeeee ..."; the error code or -1. */
int eap_mschapv2_error_code(const uint8_t *msg, size_t len);
/* RFC 2759 6 error names ("authentication failure" for 691). */
const char *eap_mschapv2_error_str(int e);

#endif
