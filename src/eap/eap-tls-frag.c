// SPDX-License-Identifier: BSD-3-Clause
/* EAP-TLS fragment reassembly and emission. Lengths are bounded; no fragment can grow a message
 * past its declared length or EAP_TLS_MSG_MAX. */
#include "eap/eap-tls-frag.h"

#include "eap/eap-packet.h"

int eap_tls_hdr_parse(const uint8_t *p, size_t len, struct eap_tls_hdr *h, const char **err)
{
	if (!p || len < 1) {
		*err = "EAP-TLS packet without Flags";
		return -1;
	}
	h->flags = p[0];
	h->has_len = (p[0] & EAP_TLS_FLAG_LENGTH) != 0;
	h->tls_len = 0;
	p++;
	len--;
	if (h->has_len) {
		if (len < 4) {
			*err = "EAP-TLS L flag set but TLS Message Length truncated";
			return -1;
		}
		h->tls_len = eap_get_be32(p);
		p += 4;
		len -= 4;
	}
	h->data = p;
	h->data_len = len;
	return 0;
}

void eap_tls_reasm_init(struct eap_tls_reasm *r)
{
	eap_buf_init(&r->buf);
	r->total = 0;
	r->have_total = r->active = false;
}

void eap_tls_reasm_reset(struct eap_tls_reasm *r)
{
	eap_buf_reset(&r->buf);
	r->total = 0;
	r->have_total = r->active = false;
}

void eap_tls_reasm_free(struct eap_tls_reasm *r)
{
	eap_buf_free(&r->buf);
	eap_tls_reasm_init(r);
}

static enum eap_tls_reasm_status eap_tls_reasm_fail(struct eap_tls_reasm *r, const char **err,
						     const char *why)
{
	eap_tls_reasm_reset(r);
	*err = why;
	return EAP_TLS_REASM_ERROR;
}

enum eap_tls_reasm_status eap_tls_reasm_add(struct eap_tls_reasm *r, const struct eap_tls_hdr *h,
					    const char **err)
{
	bool more = (h->flags & EAP_TLS_FLAG_MORE) != 0;

	if (!r->active) {
		/* A new message: whatever a previous one left is gone. */
		eap_buf_reset(&r->buf);
		r->have_total = false;
		r->total = 0;
	}
	if (h->has_len) {
		if (h->tls_len > EAP_TLS_MSG_MAX)
			return eap_tls_reasm_fail(r, err, "TLS Message Length exceeds 64 KiB");
		if (r->active && r->have_total && h->tls_len != r->total)
			return eap_tls_reasm_fail(r, err,
				"fragment declares a different TLS Message Length (out of order)");
		if (!r->active) {
			r->total = h->tls_len;
			r->have_total = true;
		}
	}
	if (more && h->data_len == 0)
		return eap_tls_reasm_fail(r, err, "empty fragment with the M flag");
	if (r->have_total && h->data_len > r->total - r->buf.len)
		return eap_tls_reasm_fail(r, err, "fragments exceed the declared TLS Message Length");
	if (h->data_len > EAP_TLS_MSG_MAX - r->buf.len)
		return eap_tls_reasm_fail(r, err, "reassembled TLS message exceeds 64 KiB");
	if (h->data_len && !eap_buf_put(&r->buf, h->data, h->data_len))
		return eap_tls_reasm_fail(r, err, "out of memory reassembling a TLS message");
	if (more) {
		r->active = true;
		return EAP_TLS_REASM_MORE;
	}
	r->active = false;
	if (r->have_total && r->buf.len != r->total)
		return eap_tls_reasm_fail(r, err,
			"last fragment ends short of the declared TLS Message Length");
	return EAP_TLS_REASM_DONE;
}

int eap_tls_frag_next(const struct eap_buf *msg, size_t *pos, size_t max_data, uint8_t version,
		      struct eap_buf *resp)
{
	size_t left, chunk;
	uint8_t flags = version & EAP_TLS_VERSION_MASK;
	bool first = *pos == 0;

	if (*pos > msg->len || max_data == 0)
		return -1;
	left = msg->len - *pos;
	chunk = left > max_data ? max_data : left;
	if (chunk < left)
		flags |= EAP_TLS_FLAG_MORE;
	if (first && chunk < left)
		flags |= EAP_TLS_FLAG_LENGTH;
	if (eap_buf_put_u8(resp, flags))
		return -1;
	if ((flags & EAP_TLS_FLAG_LENGTH) && eap_buf_put_be32(resp, (uint32_t)msg->len))
		return -1;
	if (chunk && !eap_buf_put(resp, msg->data + *pos, chunk))
		return -1;
	*pos += chunk;
	return 0;
}

int eap_tls_frag_ack(uint8_t version, struct eap_buf *resp)
{
	return eap_buf_put_u8(resp, version & EAP_TLS_VERSION_MASK);
}
