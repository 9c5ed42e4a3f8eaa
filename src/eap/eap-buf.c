// SPDX-License-Identifier: BSD-3-Clause
/* Bounded byte buffer with cleansing (secrets pass through these buffers). */
#include "eap/eap-buf.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

void eap_buf_init(struct eap_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

static int eap_buf_reserve(struct eap_buf *b, size_t n)
{
	size_t want, cap;
	uint8_t *p;

	if (n > EAP_BUF_MAX || b->len > EAP_BUF_MAX - n)
		return -1;
	want = b->len + n;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap *= 2;
	/* Never realloc: the old block may hold secrets and must be cleansed first. */
	p = malloc(cap);
	if (!p)
		return -1;
	if (b->len)
		memcpy(p, b->data, b->len);
	if (b->data) {
		OPENSSL_cleanse(b->data, b->cap);
		free(b->data);
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

uint8_t *eap_buf_put(struct eap_buf *b, const void *p, size_t n)
{
	uint8_t *dst;

	if (eap_buf_reserve(b, n ? n : 1) < 0)
		return NULL;
	dst = b->data + b->len;
	if (n) {
		if (p)
			memcpy(dst, p, n);
		else
			memset(dst, 0, n);
	}
	b->len += n;
	return dst;
}

int eap_buf_put_u8(struct eap_buf *b, uint8_t v)
{
	return eap_buf_put(b, &v, 1) ? 0 : -1;
}

int eap_buf_put_be16(struct eap_buf *b, uint16_t v)
{
	uint8_t t[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	return eap_buf_put(b, t, 2) ? 0 : -1;
}

int eap_buf_put_be24(struct eap_buf *b, uint32_t v)
{
	uint8_t t[3] = { (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	return eap_buf_put(b, t, 3) ? 0 : -1;
}

int eap_buf_put_be32(struct eap_buf *b, uint32_t v)
{
	uint8_t t[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	return eap_buf_put(b, t, 4) ? 0 : -1;
}

void eap_buf_reset(struct eap_buf *b)
{
	if (b->data)
		OPENSSL_cleanse(b->data, b->cap);
	b->len = 0;
}

void eap_buf_free(struct eap_buf *b)
{
	eap_buf_reset(b);
	free(b->data);
	eap_buf_init(b);
}
