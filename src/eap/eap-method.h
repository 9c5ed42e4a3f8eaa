/* SPDX-License-Identifier: BSD-3-Clause */
/* The interface between the peer state machine and its methods (RFC 4137 4.1: methodState and
 * decision are set by the method; the peer uses them to accept EAP-Success / EAP-Failure). */
#ifndef EAP_METHOD_H
#define EAP_METHOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eap/eap-buf.h"
#include "eap/eap-peer.h"

enum eap_method_state {
	EAP_METHOD_STATE_CONT,
	EAP_METHOD_STATE_MAY_CONT,
	EAP_METHOD_STATE_DONE,
};

/* RFC 4137 4.1.1 decision */
enum eap_decision {
	EAP_DECISION_FAIL,
	EAP_DECISION_COND_SUCC,
	EAP_DECISION_UNCOND_SUCC,
};

struct eap_method_env {
	const struct eap_peer_config *cfg; /* identity and password resolved by the peer */
	struct eap_session_cache *cache;
	uint8_t id;                        /* Identifier of the request being processed */
	enum eap_method_state state;
	enum eap_decision decision;
	/* Set by a method on failure, or ahead of an expected EAP-Failure (E=691). */
	enum eap_peer_reason reason;
	char text[EAP_PEER_TEXT_MAX];
	bool unverified, resumed;
	const char *inner;                 /* phase 2 name for the result text, or NULL */
};

struct eap_method_ops {
	uint8_t type;
	const char *name;
	/* NULL with env->reason/text set on failure. */
	void *(*init)(struct eap_method_env *env);
	void (*free)(void *priv);
	/*
	 * Type-data of a Request in, type-data of the Response out. Returns 0, or -1 for a fatal
	 * local failure (env->reason/text set; resp may still hold e.g. a TLS alert to send).
	 */
	int (*process)(void *priv, struct eap_method_env *env, const uint8_t *data, size_t len,
		       struct eap_buf *resp);
	/* After EAP-Success was accepted: MSK (64) and EMSK (*emsk_len, 0 or 64). */
	int (*keys)(void *priv, uint8_t msk[EAP_PEER_MSK_LEN], uint8_t emsk[EAP_PEER_EMSK_LEN],
		    size_t *emsk_len);
	/* EAP-Success accepted (e.g. keep the TLS session); may be NULL. */
	void (*success)(void *priv, struct eap_method_env *env);
	/*
	 * Can cfg's settings run this method? false with why ("TLS: no client_cert configured")
	 * when they cannot; the op may be NULL (always). A list leaves such a method out, so that
	 * our Nak names only methods we would run (RFC 3748 5.3.1), and init refuses by this same
	 * test. Init can still fail for what the settings do not tell: a file that does not
	 * load, MD4/DES missing from the TLS library (MS-CHAPv2).
	 */
	bool (*usable)(const struct eap_peer_config *cfg, char *why, size_t len);
};

extern const struct eap_method_ops eap_method_tls;
extern const struct eap_method_ops eap_method_peap;
extern const struct eap_method_ops eap_method_ttls;
extern const struct eap_method_ops eap_method_mschapv2; /* inner only (PEAP phase 2) */

/* printf into env->text with reason. */
void eap_method_fail(struct eap_method_env *env, enum eap_peer_reason reason, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
