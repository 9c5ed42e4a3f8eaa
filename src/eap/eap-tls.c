// SPDX-License-Identifier: BSD-3-Clause
/* EAP-TLS (RFC 5216 for TLS 1.2, RFC 9190 for TLS 1.3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "eap/eap-method.h"
#include "eap/eap-packet.h"
#include "eap/eap-tls-common.h"
#include "eap/eap-tls-keys.h"

struct eap_tls {
	struct eap_tls_conn *conn;
	bool commitment;
};

static void eap_tls_free(void *priv)
{
	struct eap_tls *t = priv;

	if (!t)
		return;
	eap_tls_conn_free(t->conn);
	free(t);
}

/*
 * RFC 5216, Abstract: EAP-TLS "includes support for certificate-based mutual
 * authentication"; without our certificate the handshake authenticates nobody, and a
 * server that asks for none would let us join as no one (wpa_supplicant refuses too).
 */
static bool eap_tls_usable(const struct eap_peer_config *cfg, char *why, size_t len)
{
	if (cfg->client_cert && *cfg->client_cert)
		return true;
	snprintf(why, len, "TLS: no client_cert configured");
	return false;
}

static void *eap_tls_init(struct eap_method_env *env)
{
	char why[EAP_PEER_TEXT_MAX];
	struct eap_tls *t;

	if (!eap_tls_usable(env->cfg, why, sizeof(why))) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "%s", why);
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "TLS: out of memory");
		return NULL;
	}
	t->conn = eap_tls_conn_new(env, EAP_TYPE_TLS, true, true);
	if (!t->conn) {
		free(t);
		return NULL;
	}
	return t;
}

static int eap_tls_process(void *priv, struct eap_method_env *env, const uint8_t *data,
			   size_t len, struct eap_buf *resp)
{
	struct eap_tls *t = priv;
	struct eap_buf app;
	bool start;
	uint8_t ver;
	int rc = 0;

	eap_buf_init(&app);
	switch (eap_tls_conn_input(t->conn, env, data, len, &start, &ver, &app, resp)) {
	case EAP_TLS_INPUT_REPLIED:
		goto out;
	case EAP_TLS_INPUT_FAILED:
		rc = -1;
		goto out;
	case EAP_TLS_INPUT_MESSAGE:
		break;
	}
	if (eap_tls_conn_established(t->conn)) {
		if (eap_tls_conn_is_tls13(t->conn)) {
			/* RFC 9190 2.5: "the EAP-TLS server commits to not sending any more handshake
			 * messages by sending a Commitment Message (a TLS record with the application
			 * data 0x00)" */
			if (app.len == 1 && app.data[0] == 0x00) {
				t->commitment = true;
			} else if (app.len) {
				eap_method_fail(env, EAP_PEER_REASON_PROTOCOL,
						"TLS: application data other than the commitment message");
				rc = -1;
				goto out;
			}
		} else if (app.len) {
			eap_method_fail(env, EAP_PEER_REASON_PROTOCOL,
					"TLS: application data in EAP-TLS 1.2");
			rc = -1;
			goto out;
		}
		if (!eap_tls_conn_is_tls13(t->conn) || t->commitment) {
			env->state = EAP_METHOD_STATE_MAY_CONT;
			env->decision = EAP_DECISION_COND_SUCC;
		}
	}
	if (eap_tls_conn_send(t->conn, resp)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "TLS: out of memory");
		rc = -1;
	}
out:
	eap_buf_free(&app);
	return rc;
}

static int eap_tls_keys(void *priv, uint8_t msk[EAP_PEER_MSK_LEN], uint8_t emsk[EAP_PEER_EMSK_LEN],
			size_t *emsk_len)
{
	struct eap_tls *t = priv;
	uint8_t km[128];

	/* RFC 5216 2.3: Key_Material = TLS-PRF-128(master_secret, "client EAP encryption",
	 * client.random || server.random); MSK = first 64, EMSK = next 64. */
	if (eap_tls_conn_derive(t->conn, EAP_TLS_LABEL_KEYS, km, sizeof(km)))
		return -1;
	memcpy(msk, km, 64);
	memcpy(emsk, km + 64, 64);
	*emsk_len = 64;
	OPENSSL_cleanse(km, sizeof(km));
	return 0;
}

static void eap_tls_success(void *priv, struct eap_method_env *env)
{
	struct eap_tls *t = priv;

	eap_tls_conn_save_session(t->conn, env);
}

const struct eap_method_ops eap_method_tls = {
	.type = EAP_TYPE_TLS,
	.name = "TLS",
	.init = eap_tls_init,
	.free = eap_tls_free,
	.process = eap_tls_process,
	.keys = eap_tls_keys,
	.success = eap_tls_success,
	.usable = eap_tls_usable,
};
