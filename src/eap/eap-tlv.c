// SPDX-License-Identifier: BSD-3-Clause
/* PEAP TLV walk: M(1) R(1) TLV Type(14) Length(16) Value. */
#include "eap/eap-tlv.h"

int eap_tlv_parse(const uint8_t *p, size_t n, struct eap_tlv_summary *s, const char **err)
{
	s->result = 0;
	s->crypto_binding = false;
	s->binding = NULL;
	while (n) {
		uint16_t t, len;

		if (n < 4) {
			*err = "TLV header truncated";
			return -1;
		}
		t = eap_get_be16(p);
		len = eap_get_be16(p + 2);
		if (len > n - 4) {
			*err = "TLV length exceeds the packet";
			return -1;
		}
		switch (t & EAP_TLV_TYPE_MASK) {
		case EAP_TLV_RESULT:
			if (len != 2) {
				*err = "Result TLV length is not 2";
				return -1;
			}
			if (s->result) {
				*err = "more than one Result TLV";
				return -1;
			}
			s->result = eap_get_be16(p + 4);
			if (s->result != EAP_TLV_RESULT_SUCCESS && s->result != EAP_TLV_RESULT_FAILURE) {
				*err = "Result TLV value is neither Success nor Failure";
				return -1;
			}
			break;
		case EAP_TLV_CRYPTO_BINDING:
			/* Reserved(1) Version(1) RecvVersion(1) SubType(1) Nonce(32) Compound_MAC(20) */
			if (len != 56 || s->binding) {
				*err = "bad Crypto-Binding TLV";
				return -1;
			}
			s->crypto_binding = true;
			s->binding = p;
			break;
		default:
			/* draft-josefsson-pppext-eap-tls-eap-10 3.2: an unknown TLV with the M bit set
			 * cannot be ignored */
			if (t & EAP_TLV_FLAG_MANDATORY) {
				*err = "unsupported mandatory TLV";
				return -1;
			}
			break;
		}
		p += 4 + len;
		n -= 4u + len;
	}
	return 0;
}

int eap_tlv_put_result(struct eap_buf *b, uint16_t result)
{
	if (eap_buf_put_be16(b, EAP_TLV_FLAG_MANDATORY | EAP_TLV_RESULT) || eap_buf_put_be16(b, 2))
		return -1;
	return eap_buf_put_be16(b, result);
}
