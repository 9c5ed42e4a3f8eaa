// SPDX-License-Identifier: BSD-3-Clause
/* RFC 5281 10.1: AVP Code(4) Flags(1) AVP Length(3) [Vendor-ID(4)] Data, padded to 4 octets;
 * "The AVP Length field ... does not include any bytes used for padding." */
#include "eap/eap-avp.h"

int eap_avp_next(const uint8_t **p, size_t *left, struct eap_avp *a, const char **err)
{
	const uint8_t *q = *p;
	size_t n = *left, hdr, len, pad;

	if (n == 0)
		return 0;
	if (n < 8) {
		*err = "AVP header truncated";
		return -1;
	}
	a->code = eap_get_be32(q);
	a->flags = q[4];
	len = eap_get_be24(q + 5);
	hdr = (a->flags & EAP_AVP_FLAG_VENDOR) ? 12 : 8;
	if (len < hdr) {
		*err = "AVP length below its header";
		return -1;
	}
	if (len > n) {
		*err = "AVP length exceeds the data";
		return -1;
	}
	a->vendor = hdr == 12 ? eap_get_be32(q + 8) : 0;
	a->data = q + hdr;
	a->len = len - hdr;
	pad = (4 - (len & 3)) & 3;
	/* the last AVP's padding may be missing; any other must be whole */
	if (pad > n - len)
		pad = n - len;
	*p = q + len + pad;
	*left = n - len - pad;
	return 1;
}

int eap_avp_put(struct eap_buf *b, uint32_t code, uint32_t vendor, bool mandatory,
		const uint8_t *data, size_t len)
{
	size_t hdr = vendor ? 12 : 8, total = hdr + len, pad = (4 - (total & 3)) & 3;
	uint8_t flags = (uint8_t)((vendor ? EAP_AVP_FLAG_VENDOR : 0) |
				  (mandatory ? EAP_AVP_FLAG_MANDATORY : 0));

	if (total > 0xffffff)
		return -1;
	if (eap_buf_put_be32(b, code) || eap_buf_put_u8(b, flags) ||
	    eap_buf_put_be24(b, (uint32_t)total))
		return -1;
	if (vendor && eap_buf_put_be32(b, vendor))
		return -1;
	if (len && !eap_buf_put(b, data, len))
		return -1;
	if (pad && !eap_buf_put(b, NULL, pad))
		return -1;
	return 0;
}
