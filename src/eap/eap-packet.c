// SPDX-License-Identifier: BSD-3-Clause
/* EAPOL and EAP codec. Every length is checked against the bytes actually present. */
#include "eap/eap-packet.h"

#include <stdio.h>

int eapol_frame_parse(const uint8_t *p, size_t len, struct eapol_frame *f, const char **err)
{
	size_t body;

	if (!p || len < EAPOL_HDR_LEN) {
		*err = "EAPOL frame shorter than its header";
		return -1;
	}
	if (p[0] == 0) {
		*err = "EAPOL protocol version 0";
		return -1;
	}
	body = eap_get_be16(p + 2);
	/* IEEE 802.1X-2010 11.3.4: "Packet Body Length" counts the body only; link padding may follow. */
	if (body > len - EAPOL_HDR_LEN) {
		*err = "EAPOL body length exceeds the frame";
		return -1;
	}
	f->version = p[0];
	f->type = p[1];
	f->body = p + EAPOL_HDR_LEN;
	f->body_len = body;
	return 0;
}

int eap_msg_parse(const uint8_t *p, size_t len, struct eap_msg *m, const char **err)
{
	size_t l;

	if (!p || len < EAP_HDR_LEN) {
		*err = "EAP packet shorter than its header";
		return -1;
	}
	l = eap_get_be16(p + 2);
	if (l < EAP_HDR_LEN) {
		*err = "EAP length below the header size";
		return -1;
	}
	/* RFC 3748 4.1: "A message with the Length field set to a value larger than the number of
	 * received octets MUST be silently discarded." */
	if (l > len) {
		*err = "EAP length exceeds the received octets";
		return -1;
	}
	m->code = p[0];
	m->id = p[1];
	m->length = (uint16_t)l;
	m->type = 0;
	m->data = NULL;
	m->data_len = 0;
	switch (m->code) {
	case EAP_CODE_REQUEST:
	case EAP_CODE_RESPONSE:
		if (l < EAP_HDR_LEN + 1) {
			*err = "EAP Request/Response without a Type";
			return -1;
		}
		m->type = p[4];
		m->data = p + 5;
		m->data_len = l - 5;
		return 0;
	case EAP_CODE_SUCCESS:
	case EAP_CODE_FAILURE:
		/* RFC 3748 4.2: Success/Failure are 4 octets; extra octets are ignored. */
		return 0;
	default:
		*err = "unknown EAP code";
		return -1;
	}
}

int eap_msg_build_bare(struct eap_buf *out, uint8_t code, uint8_t id, int type,
		       const uint8_t *data, size_t data_len)
{
	size_t total = EAP_HDR_LEN + (type >= 0 ? 1 : 0) + data_len;

	if (total > 0xffff)
		return -1;
	if (eap_buf_put_u8(out, code) || eap_buf_put_u8(out, id) ||
	    eap_buf_put_be16(out, (uint16_t)total))
		return -1;
	if (type >= 0 && eap_buf_put_u8(out, (uint8_t)type))
		return -1;
	if (data_len && !eap_buf_put(out, data, data_len))
		return -1;
	return 0;
}

int eap_msg_build_response(struct eap_buf *out, uint8_t eapol_version, uint8_t id, uint8_t type,
			   const uint8_t *data, size_t data_len)
{
	size_t total = EAP_HDR_LEN + 1 + data_len;

	if (total > 0xffff)
		return -1;
	if (eap_buf_put_u8(out, eapol_version) || eap_buf_put_u8(out, EAPOL_TYPE_EAP) ||
	    eap_buf_put_be16(out, (uint16_t)total))
		return -1;
	return eap_msg_build_bare(out, EAP_CODE_RESPONSE, id, type, data, data_len);
}

int eapol_start_build(struct eap_buf *out, uint8_t eapol_version)
{
	if (eap_buf_put_u8(out, eapol_version) || eap_buf_put_u8(out, EAPOL_TYPE_START))
		return -1;
	return eap_buf_put_be16(out, 0);
}

const char *eap_type_name(uint8_t type)
{
	static char unknown[16];

	switch (type) {
	case EAP_TYPE_IDENTITY: return "Identity";
	case EAP_TYPE_NOTIFICATION: return "Notification";
	case EAP_TYPE_NAK: return "Nak";
	case EAP_TYPE_MD5: return "MD5";
	case EAP_TYPE_TLS: return "TLS";
	case EAP_TYPE_TTLS: return "TTLS";
	case EAP_TYPE_PEAP: return "PEAP";
	case EAP_TYPE_MSCHAPV2: return "MSCHAPv2";
	case EAP_TYPE_TLV: return "TLV";
	case EAP_TYPE_EXPANDED: return "Expanded";
	default:
		snprintf(unknown, sizeof(unknown), "type %u", type);
		return unknown;
	}
}
