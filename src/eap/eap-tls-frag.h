/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EAP-TLS family header and fragmentation (RFC 5216 2.1.5 and 3.1; RFC 5281 9.2 and the PEAP
 * draft use the same Flags octet with a version in the low bits).
 */
#ifndef EAP_TLS_FRAG_H
#define EAP_TLS_FRAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eap/eap-buf.h"

#define EAP_TLS_FLAG_LENGTH 0x80  /* L: TLS Message Length included */
#define EAP_TLS_FLAG_MORE   0x40  /* M: more fragments */
#define EAP_TLS_FLAG_START  0x20  /* S: start */
#define EAP_TLS_VERSION_MASK 0x07 /* PEAP/TTLS version */

/* Bound on one reassembled TLS message (the server's certificate flight, typically). */
#define EAP_TLS_MSG_MAX 65536u

struct eap_tls_hdr {
	uint8_t flags;
	bool has_len;
	uint32_t tls_len;
	const uint8_t *data;
	size_t data_len;
};

/* Parse the type-data of an EAP-TLS/PEAP/TTLS packet (Flags [Length] Data). */
int eap_tls_hdr_parse(const uint8_t *p, size_t len, struct eap_tls_hdr *h, const char **err);

enum eap_tls_reasm_status {
	EAP_TLS_REASM_MORE,   /* acknowledge and wait for the next fragment */
	EAP_TLS_REASM_DONE,   /* a whole message is in r->buf */
	EAP_TLS_REASM_ERROR,
};

struct eap_tls_reasm {
	struct eap_buf buf;
	uint32_t total;
	bool have_total, active;
};

void eap_tls_reasm_init(struct eap_tls_reasm *r);
/* Forget any partial or completed message. */
void eap_tls_reasm_reset(struct eap_tls_reasm *r);
void eap_tls_reasm_free(struct eap_tls_reasm *r);
enum eap_tls_reasm_status eap_tls_reasm_add(struct eap_tls_reasm *r, const struct eap_tls_hdr *h,
					    const char **err);

/*
 * Append the next fragment of msg (from *pos) as type-data (Flags [Length] Data) to resp: at most
 * max_data octets of data; L on the first fragment of a fragmented message (RFC 5216 2.1.5
 * "The L bit ... MUST be set for the first fragment"), M while more remain. Returns 0 or -1.
 */
int eap_tls_frag_next(const struct eap_buf *msg, size_t *pos, size_t max_data, uint8_t version,
		      struct eap_buf *resp);
/* Append an acknowledgement (Flags = version, no data). */
int eap_tls_frag_ack(uint8_t version, struct eap_buf *resp);

#endif
