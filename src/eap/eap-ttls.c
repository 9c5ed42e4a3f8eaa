// SPDX-License-Identifier: BSD-3-Clause
/* EAP-TTLSv0 (RFC 5281) with PAP (11.2.5) or MS-CHAP-V2 (11.2.4) in phase 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "eap/eap-avp.h"
#include "eap/eap-method.h"
#include "eap/eap-mschapv2.h"
#include "eap/eap-packet.h"
#include "eap/eap-tls-common.h"
#include "eap/eap-tls-keys.h"

struct eap_ttls {
	struct eap_tls_conn *conn;
	bool pap, phase2_sent, server_ok;
	uint8_t ident;
	char auth_resp[MSCHAPV2_AUTH_RESP_LEN + 1];
};

static void eap_ttls_free(void *priv)
{
	struct eap_ttls *t = priv;

	if (!t)
		return;
	eap_tls_conn_free(t->conn);
	OPENSSL_cleanse(t, sizeof(*t));
	free(t);
}

/* phase2: *pap for auth=PAP, else MS-CHAPv2 (the default); false for any other. */
static bool eap_ttls_phase2_parse(const char *ph2, bool *pap)
{
	*pap = ph2 && strcasecmp(ph2, "auth=PAP") == 0;
	return *pap || !ph2 || !*ph2 || strcasecmp(ph2, "auth=MSCHAPV2") == 0;
}

static bool eap_ttls_usable(const struct eap_peer_config *cfg, char *why, size_t len)
{
	bool pap;

	if (!eap_ttls_phase2_parse(cfg->phase2, &pap))
		snprintf(why, len, "TTLS: phase2 %s is not supported (auth=PAP or auth=MSCHAPV2)",
			 cfg->phase2);
	else if (pap && cfg->password && cfg->password_is_hash)
		snprintf(why, len, "TTLS/PAP: needs the password, not a hash:");
	else
		return true;
	return false;
}

static void *eap_ttls_init(struct eap_method_env *env)
{
	char why[EAP_PEER_TEXT_MAX];
	struct eap_ttls *t;
	bool pap;

	if (!eap_ttls_usable(env->cfg, why, sizeof(why))) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "%s", why);
		return NULL;
	}
	(void)eap_ttls_phase2_parse(env->cfg->phase2, &pap); /* usable: a phase 2 we run */
	if (!pap && !mschapv2_crypto_available()) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG,
				"TTLS/MSCHAPv2: MD4/DES unavailable (OpenSSL legacy provider not loaded)");
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "TTLS: out of memory");
		return NULL;
	}
	t->pap = pap;
	t->conn = eap_tls_conn_new(env, EAP_TYPE_TTLS, false, false);
	if (!t->conn) {
		free(t);
		return NULL;
	}
	env->inner = pap ? "PAP" : "MSCHAPv2";
	return t;
}

/* RFC 5281 11.2.5: User-Name, User-Password padded with NULs to a multiple of 16. */
static int eap_ttls_pap(struct eap_method_env *env, struct eap_buf *avps)
{
	const char *id = env->cfg->identity, *pw = env->cfg->password;
	size_t pl = strlen(pw), padded = (pl + 15) / 16 * 16;
	uint8_t *tmp;
	int rc;

	if (padded == 0)
		padded = 16;
	if (padded > 256)
		return -1;
	tmp = calloc(1, padded);
	if (!tmp)
		return -1;
	memcpy(tmp, pw, pl);
	rc = eap_avp_put(avps, EAP_AVP_USER_NAME, 0, true, (const uint8_t *)id, strlen(id)) ||
	     eap_avp_put(avps, EAP_AVP_USER_PASSWORD, 0, true, tmp, padded);
	OPENSSL_cleanse(tmp, padded);
	free(tmp);
	if (rc == 0) {
		/* only EAP-Success or EAP-Failure can follow (11.2.5) */
		env->decision = EAP_DECISION_COND_SUCC;
		eap_method_fail(env, EAP_PEER_REASON_AUTH_REJECTED, "TTLS/PAP: authentication failed");
	}
	return rc ? -1 : 0;
}

/* RFC 5281 11.2.4: challenge and ident from the "ttls challenge" exporter (11.1). */
static int eap_ttls_mschapv2(struct eap_ttls *t, struct eap_method_env *env, struct eap_buf *avps)
{
	const char *id = env->cfg->identity, *user = mschapv2_username_strip(id);
	uint8_t chal[17], hash[16], resp[50];
	int rc = -1;

	if (mschapv2_password_hash_from_secret(env->cfg->password, env->cfg->password_is_hash,
					       hash)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "TTLS/MSCHAPv2: unusable password");
		goto out;
	}
	if (eap_tls_conn_export(t->conn, EAP_TTLS_LABEL_CHALLENGE, chal, sizeof(chal)))
		goto out;
	t->ident = chal[16];
	/* MS-CHAP2-Response: Ident(1) Flags(1) Peer-Challenge(16) Reserved(8) NT-Response(24) */
	resp[0] = t->ident;
	resp[1] = 0;
	memset(resp + 18, 0, 8);
	if (RAND_bytes(resp + 2, 16) != 1 ||
	    mschapv2_generate_nt_response(chal, resp + 2, user, hash, resp + 26) ||
	    mschapv2_authenticator_response(hash, resp + 26, resp + 2, chal, user, t->auth_resp))
		goto out;
	if (eap_avp_put(avps, EAP_AVP_USER_NAME, 0, true, (const uint8_t *)id, strlen(id)) ||
	    eap_avp_put(avps, EAP_AVP_MS_CHAP_CHALLENGE, EAP_AVP_VENDOR_MS, true, chal, 16) ||
	    eap_avp_put(avps, EAP_AVP_MS_CHAP2_RESPONSE, EAP_AVP_VENDOR_MS, true, resp, sizeof(resp)))
		goto out;
	env->decision = EAP_DECISION_FAIL; /* until MS-CHAP2-Success verifies */
	eap_method_fail(env, EAP_PEER_REASON_AUTH_REJECTED, "TTLS/MSCHAPv2: authentication failed");
	rc = 0;
out:
	OPENSSL_cleanse(hash, sizeof(hash));
	OPENSSL_cleanse(chal, sizeof(chal));
	OPENSSL_cleanse(resp, sizeof(resp));
	return rc;
}

/* AVPs from the server after our phase 2 (MS-CHAP2-Success or MS-CHAP-Error). */
static int eap_ttls_phase2_in(struct eap_ttls *t, struct eap_method_env *env, const uint8_t *p,
			      size_t n)
{
	struct eap_avp a;
	const char *err = NULL;
	int r;

	while ((r = eap_avp_next(&p, &n, &a, &err)) == 1) {
		if (a.vendor == EAP_AVP_VENDOR_MS && a.code == EAP_AVP_MS_CHAP2_SUCCESS && !t->pap) {
			/* Ident(1) then "S=<auth_string>" */
			if (a.len < 1 || a.data[0] != t->ident ||
			    !eap_mschapv2_auth_resp_ok(a.data + 1, a.len - 1, t->auth_resp)) {
				eap_method_fail(env, EAP_PEER_REASON_SERVER_AUTH,
						"TTLS/MSCHAPv2: the server's authenticator response does not verify");
				return -1;
			}
			t->server_ok = true;
			env->decision = EAP_DECISION_COND_SUCC;
			env->reason = EAP_PEER_REASON_NONE;
			env->text[0] = 0;
		} else if (a.vendor == EAP_AVP_VENDOR_MS && a.code == EAP_AVP_MS_CHAP_ERROR) {
			int e = a.len > 1 ? eap_mschapv2_error_code(a.data + 1, a.len - 1) : -1;

			env->decision = EAP_DECISION_FAIL;
			if (e >= 0)
				eap_method_fail(env, EAP_PEER_REASON_AUTH_REJECTED, "TTLS/MSCHAPv2: %s (E=%d)",
						eap_mschapv2_error_str(e), e);
		} else if (a.flags & EAP_AVP_FLAG_MANDATORY && a.code != EAP_AVP_REPLY_MESSAGE) {
			/* RFC 5281 10.1: "If the M bit is set and the AVP is not supported ... the
			 * negotiation MUST fail" */
			eap_method_fail(env, EAP_PEER_REASON_PROTOCOL,
					"TTLS: unsupported mandatory AVP %u (vendor %u)", a.code, a.vendor);
			return -1;
		}
	}
	if (r < 0) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "TTLS: %s", err);
		return -1;
	}
	return 0;
}

static int eap_ttls_process(void *priv, struct eap_method_env *env, const uint8_t *data,
			    size_t len, struct eap_buf *resp)
{
	struct eap_ttls *t = priv;
	struct eap_buf app, avps;
	bool start;
	uint8_t ver;
	int rc = 0;

	eap_buf_init(&app);
	eap_buf_init(&avps);
	switch (eap_tls_conn_input(t->conn, env, data, len, &start, &ver, &app, resp)) {
	case EAP_TLS_INPUT_REPLIED:
		goto done;
	case EAP_TLS_INPUT_FAILED:
		rc = -1;
		goto done;
	case EAP_TLS_INPUT_MESSAGE:
		break;
	}
	if (start)
		eap_tls_conn_set_version(t->conn, 0); /* TTLSv0 (RFC 5281 9.1) */
	if (eap_tls_conn_established(t->conn)) {
		if (app.len) {
			if (!t->phase2_sent || eap_ttls_phase2_in(t, env, app.data, app.len)) {
				if (!t->phase2_sent)
					eap_method_fail(env, EAP_PEER_REASON_PROTOCOL,
							"TTLS: phase 2 data before our request");
				rc = -1;
				goto done;
			}
		} else if (!t->phase2_sent && env->resumed) {
			/* RFC 5281 9.2.3 session resumption: the server may end with EAP-Success */
			t->phase2_sent = true;
			env->decision = EAP_DECISION_COND_SUCC;
		} else if (!t->phase2_sent) {
			/* The tunnel is up: send the credentials right away (11.2). */
			if (t->pap ? eap_ttls_pap(env, &avps) : eap_ttls_mschapv2(t, env, &avps)) {
				if (env->reason == EAP_PEER_REASON_NONE)
					eap_method_fail(env, EAP_PEER_REASON_CONFIG,
							"TTLS: cannot build phase 2");
				rc = -1;
				goto done;
			}
			t->phase2_sent = true;
			if (eap_tls_conn_write(t->conn, avps.data, avps.len)) {
				eap_method_fail(env, EAP_PEER_REASON_TLS, "TTLS: cannot encrypt phase 2");
				rc = -1;
				goto done;
			}
		}
		env->state = EAP_METHOD_STATE_MAY_CONT;
	}
	if (eap_tls_conn_send(t->conn, resp)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "TTLS: out of memory");
		rc = -1;
	}
done:
	eap_buf_free(&app);
	eap_buf_free(&avps);
	return rc;
}

static int eap_ttls_keys(void *priv, uint8_t msk[EAP_PEER_MSK_LEN], uint8_t emsk[EAP_PEER_EMSK_LEN],
			 size_t *emsk_len)
{
	struct eap_ttls *t = priv;
	uint8_t km[128];

	/* RFC 5281 8: keying material = PRF-128(SecurityParameters.master_secret,
	 * "ttls keying material", client_random || server_random); MSK 64, EMSK 64. */
	if (eap_tls_conn_derive(t->conn, EAP_TTLS_LABEL_KEYS, km, sizeof(km)))
		return -1;
	memcpy(msk, km, 64);
	memcpy(emsk, km + 64, 64);
	*emsk_len = 64;
	OPENSSL_cleanse(km, sizeof(km));
	return 0;
}

static void eap_ttls_success(void *priv, struct eap_method_env *env)
{
	struct eap_ttls *t = priv;

	eap_tls_conn_save_session(t->conn, env);
}

const struct eap_method_ops eap_method_ttls = {
	.type = EAP_TYPE_TTLS,
	.name = "TTLS",
	.init = eap_ttls_init,
	.free = eap_ttls_free,
	.process = eap_ttls_process,
	.keys = eap_ttls_keys,
	.success = eap_ttls_success,
	.usable = eap_ttls_usable,
};
