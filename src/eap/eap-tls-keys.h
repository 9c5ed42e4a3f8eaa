/* SPDX-License-Identifier: BSD-3-Clause */
/* The TLS exporters EAP keys come from, as pure functions of the handshake's secrets, so the
 * derivation can be checked against recorded exchanges (tests/unit/eap/test-eap-kat.c). */
#ifndef EAP_TLS_KEYS_H
#define EAP_TLS_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#define EAP_TLS_RANDOM_LEN 32

/* Exporter labels (the code and the known-answer tests share them). */
#define EAP_TLS_LABEL_KEYS      "client EAP encryption"         /* RFC 5216 2.3; PEAP TK */
#define EAP_TLS_LABEL_KEYS13    "EXPORTER_EAP_TLS_Key_Material" /* RFC 9190 2.3 */
#define EAP_TTLS_LABEL_KEYS     "ttls keying material"          /* RFC 5281 8 */
#define EAP_TTLS_LABEL_CHALLENGE "ttls challenge"               /* RFC 5281 11.1 */

/*
 * TLS 1.2 (RFC 5246 5, RFC 5705 4 with no context):
 *   out = PRF(master_secret, label, client_random + server_random)[0..len-1]
 * with md the cipher suite's PRF hash. Used with the labels above. 0 or -1.
 */
int eap_tls_keys_prf12(const EVP_MD *md, const uint8_t *master, size_t master_len,
		       const char *label, const uint8_t client_random[EAP_TLS_RANDOM_LEN],
		       const uint8_t server_random[EAP_TLS_RANDOM_LEN], uint8_t *out, size_t len);

/*
 * TLS 1.3 (RFC 8446 7.5):
 *   TLS-Exporter(label, context, len) =
 *     HKDF-Expand-Label(Derive-Secret(exporter_master_secret, label, ""),
 *                       "exporter", Hash(context), len)
 * RFC 9190 2.3 uses label "EXPORTER_EAP_TLS_Key_Material" and context the EAP Type-Code.
 */
int eap_tls_keys_exporter13(const EVP_MD *md, const uint8_t *secret, size_t secret_len,
			    const char *label, const uint8_t *context, size_t context_len,
			    uint8_t *out, size_t len);

#endif
