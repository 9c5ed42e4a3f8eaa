/* SPDX-License-Identifier: BSD-3-Clause */
/* TLS over OpenSSL memory BIOs for EAP-TLS, PEAP and TTLS: handshake, server certificate and
 * name checks, fragmentation, application data, key export and session resumption. */
#ifndef EAP_TLS_COMMON_H
#define EAP_TLS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eap/eap-buf.h"
#include "eap/eap-method.h"

struct eap_tls_conn;

/*
 * want_client_cert: load cfg->client_cert/private_key (EAP-TLS). NULL with env reason set.
 * With env->cache, the SSL_CTX of a configuration without a client certificate is kept there
 * and reused while the TLS versions and the CA file (path, inode, size, mtime) stay the same.
 */
struct eap_tls_conn *eap_tls_conn_new(struct eap_method_env *env, uint8_t eap_type,
				      bool want_client_cert, bool allow_tls13);
void eap_tls_conn_free(struct eap_tls_conn *c);
/* The version bits we put in our Flags (PEAP/TTLS; 0 for EAP-TLS). */
void eap_tls_conn_set_version(struct eap_tls_conn *c, uint8_t version);

enum eap_tls_input {
	EAP_TLS_INPUT_REPLIED,  /* resp holds an ack or our next fragment: return it */
	EAP_TLS_INPUT_MESSAGE,  /* a whole message went into TLS; app data (if any) in app_in */
	EAP_TLS_INPUT_FAILED,   /* env reason set; resp may hold a TLS alert */
};

/*
 * Process the type-data of a Request. *start is set when it carried the S flag (the version
 * bits are in *server_version). app_in receives decrypted application data once established.
 */
enum eap_tls_input eap_tls_conn_input(struct eap_tls_conn *c, struct eap_method_env *env,
				      const uint8_t *data, size_t len, bool *start,
				      uint8_t *server_version, struct eap_buf *app_in,
				      struct eap_buf *resp);
/* Encrypt application data (phase 2) into the pending output. */
int eap_tls_conn_write(struct eap_tls_conn *c, const uint8_t *p, size_t n);
/* Move TLS output into resp: the first fragment, or an empty ack if there is none. */
int eap_tls_conn_send(struct eap_tls_conn *c, struct eap_buf *resp);
bool eap_tls_conn_established(const struct eap_tls_conn *c);
bool eap_tls_conn_is_tls13(const struct eap_tls_conn *c);
/* Keys: label12 for TLS <= 1.2 (no context); TLS 1.3 uses RFC 9190 2.3's
 * "EXPORTER_EAP_TLS_Key_Material" with the EAP type as context. */
int eap_tls_conn_derive(const struct eap_tls_conn *c, const char *label12, uint8_t *out,
			size_t len);
/* Raw exporter (e.g. "ttls challenge"), no context. */
int eap_tls_conn_export(const struct eap_tls_conn *c, const char *label, uint8_t *out,
			size_t len);
/* Keep the session in env->cache for the next authentication (after EAP-Success). */
void eap_tls_conn_save_session(struct eap_tls_conn *c, struct eap_method_env *env);

/* For tests: how many client contexts conversations built and stored in the cache (for a new
 * configuration; one prepared at start-up and taken is not counted). Not part of the module's
 * API (exports.map). */
struct eap_session_cache;
unsigned int eap_tls_ctx_builds(const struct eap_session_cache *c);
/*
 * Ties the cache to the configuration of the conversation about to use it, with the identity
 * and password typed at a prompt (eap_peer_method_start, before the method begins): a
 * cache that served another configuration (another identity, password, CA, name match, method,
 * phase1 or phase2, or a client certificate or key file replaced at its path) forgets its
 * TLS session first, since a resumed session would stand for a
 * check or a credential the new configuration no longer has. (The client context stays: it is
 * kept under its own key, the CA file and the TLS versions.) Keeps a salted SHA-256 of the
 * fields, never the fields.
 */
struct eap_peer_config;
/* Does phase1 hold the word opt ("name=value"), whole, between blanks or its ends? */
bool eap_tls_phase1_has(const char *phase1, const char *opt);
void eap_session_cache_bind(struct eap_session_cache *c, const struct eap_peer_config *cfg);
/*
 * Builds, ahead of the first conversation, the client context it would build and keep for cfg
 * (the CA file loaded, the versions set; never one with a client certificate): the first
 * conversation whose session cache has none takes it if it was built for the same key (the
 * same CA file, down to inode, size and time, and the same versions). False when cfg's
 * context is not one that is kept, or the build failed. Thread-safe.
 */
bool eap_tls_ctx_prepare(const struct eap_peer_config *cfg);
/* A context prepared and not taken is waiting. */
bool eap_tls_ctx_prepared(void);
/* Free a context prepared and never taken. */
void eap_tls_ctx_prepared_drop(void);

/* Server name policy (exposed for tests): does any of names[] satisfy the ';'-list want? */
bool eap_tls_name_matches(const char *name, const char *want_list, bool suffix);

#endif
