/* SPDX-License-Identifier: BSD-3-Clause */
/* EAPOL (IEEE 802.1X-2010 11.3) and EAP (RFC 3748 4) framing. */
#ifndef EAP_PACKET_H
#define EAP_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "eap/eap-buf.h"

#define EAPOL_HDR_LEN 4
#define EAP_HDR_LEN 4

/* IEEE 802.1X-2010 11.3.2 Packet Type */
#define EAPOL_TYPE_EAP    0
#define EAPOL_TYPE_START  1
#define EAPOL_TYPE_LOGOFF 2
#define EAPOL_TYPE_KEY    3

/* RFC 3748 4 Code */
#define EAP_CODE_REQUEST  1
#define EAP_CODE_RESPONSE 2
#define EAP_CODE_SUCCESS  3
#define EAP_CODE_FAILURE  4

/* RFC 3748 5, IANA EAP method types */
#define EAP_TYPE_IDENTITY     1
#define EAP_TYPE_NOTIFICATION 2
#define EAP_TYPE_NAK          3
#define EAP_TYPE_MD5          4
#define EAP_TYPE_TLS          13
#define EAP_TYPE_TTLS         21
#define EAP_TYPE_PEAP         25
#define EAP_TYPE_MSCHAPV2     26
#define EAP_TYPE_TLV          33
#define EAP_TYPE_EXPANDED     254

struct eapol_frame {
	uint8_t version, type;
	const uint8_t *body; /* Packet Body Length octets (trailing link padding excluded) */
	size_t body_len;
};

struct eap_msg {
	uint8_t code, id;
	uint16_t length;      /* the EAP Length field */
	uint8_t type;         /* Request/Response only, else 0 */
	const uint8_t *data;  /* type-data (after the type octet) */
	size_t data_len;
};

/* Parse an EAPOL PDU; 0 or -1 with *err set to a static reason. */
int eapol_frame_parse(const uint8_t *p, size_t len, struct eapol_frame *f, const char **err);
/* Parse an EAP packet; bytes after Length are ignored (RFC 3748 4.1: treated as padding). */
int eap_msg_parse(const uint8_t *p, size_t len, struct eap_msg *m, const char **err);
/* Append an EAPOL-wrapped EAP Response (type + data) to out. */
int eap_msg_build_response(struct eap_buf *out, uint8_t eapol_version, uint8_t id, uint8_t type,
			   const uint8_t *data, size_t data_len);
/* Append a bare EAP packet (no EAPOL header): code/id/len/[type]/data; type < 0 means none. */
int eap_msg_build_bare(struct eap_buf *out, uint8_t code, uint8_t id, int type,
		       const uint8_t *data, size_t data_len);
/* Append an EAPOL-Start (IEEE 802.1X-2010 11.3: empty body). */
int eapol_start_build(struct eap_buf *out, uint8_t eapol_version);
/* "TLS", "PEAP", ... or "type N" (static buffer only for unknown types). */
const char *eap_type_name(uint8_t type);

#endif
