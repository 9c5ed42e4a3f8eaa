/* SPDX-License-Identifier: BSD-3-Clause */
/* A bounded, growable byte buffer whose contents are cleansed when reset or freed. */
#ifndef EAP_BUF_H
#define EAP_BUF_H

#include <stddef.h>
#include <stdint.h>

/* No buffer in the peer grows past this (a TLS message is bounded at 64 KiB, plus framing). */
#define EAP_BUF_MAX (128u * 1024u)

struct eap_buf {
	uint8_t *data;
	size_t len, cap;
};

void eap_buf_init(struct eap_buf *b);
/* Append n bytes (p may be NULL: zeros); returns a pointer to them or NULL (too big/no memory). */
uint8_t *eap_buf_put(struct eap_buf *b, const void *p, size_t n);
int eap_buf_put_u8(struct eap_buf *b, uint8_t v);
int eap_buf_put_be16(struct eap_buf *b, uint16_t v);
int eap_buf_put_be24(struct eap_buf *b, uint32_t v);
int eap_buf_put_be32(struct eap_buf *b, uint32_t v);
/* Cleanse and empty (keeps the allocation). */
void eap_buf_reset(struct eap_buf *b);
/* Cleanse and release. */
void eap_buf_free(struct eap_buf *b);

static inline uint16_t eap_get_be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t eap_get_be24(const uint8_t *p)
{
	return ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
}

static inline uint32_t eap_get_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline void eap_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

#endif
