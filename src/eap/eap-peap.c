// SPDX-License-Identifier: BSD-3-Clause
/*
 * PEAPv0 (draft-kamath-pppext-peapv0-00, [MS-PEAP]) with EAP-MSCHAPv2 inside. Phase 2 EAP
 * packets travel without their 4-octet header, except EAP-TLV (type 33) which keeps it.
 * Cryptobinding ([MS-PEAP] 3.1.5.5) is done when the server sends a Crypto-Binding TLV: its
 * Compound MAC is checked, ours is sent, and the MSK is the compound one. A server that sends
 * none gets the TLS "client EAP encryption" MSK (hostapd's default, "OPTIONAL_BINDING").
 * phase1 "crypto_binding=2" requires the binding, "crypto_binding=0" never answers it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "eap/eap-method.h"
#include "eap/eap-packet.h"
#include "eap/eap-peap-binding.h"
#include "eap/eap-tls-common.h"
#include "eap/eap-tls-keys.h"
#include "eap/eap-tlv.h"

struct eap_peap {
	struct eap_tls_conn *conn;
	void *inner;                   /* eap_method_mschapv2 */
	struct eap_method_env inner_env;
	bool inner_ok, bound;
	/* phase1 crypto_binding= (as wpa_supplicant): 0 never, 1 when the server binds, 2
	 * required */
	int binding_mode;
	struct eap_peap_binding binding;
};

static void eap_peap_free(void *priv)
{
	struct eap_peap *p = priv;

	if (!p)
		return;
	eap_method_mschapv2.free(p->inner);
	eap_tls_conn_free(p->conn);
	OPENSSL_cleanse(p, sizeof(*p));
	free(p);
}

static bool eap_peap_phase2_is_mschapv2(const char *phase2)
{
	return !phase2 || !*phase2 || strcasecmp(phase2, "auth=MSCHAPV2") == 0 ||
	       strcasecmp(phase2, "autheap=MSCHAPV2") == 0;
}

/*
 * PEAPv0 with EAP-MSCHAPv2 inside is all we run: "The PEAP peer MUST set the PEAP version to
 * 0 in PEAP responses" ([MS-PEAP] 3.2.5.2).
 */
static bool eap_peap_usable(const struct eap_peer_config *cfg, char *why, size_t len)
{
	const char *ph1 = cfg->phase1;

	if (!eap_peap_phase2_is_mschapv2(cfg->phase2))
		snprintf(why, len, "PEAP: phase2 %s is not supported (auth=MSCHAPV2 only)",
			 cfg->phase2);
	else if (ph1 && strstr(ph1, "peapver=") && !strstr(ph1, "peapver=0"))
		snprintf(why, len, "PEAP: only peapver=0 is supported");
	else
		return true;
	return false;
}

static void *eap_peap_init(struct eap_method_env *env)
{
	const char *ph1 = env->cfg->phase1;
	char why[EAP_PEER_TEXT_MAX];
	struct eap_peap *p;

	if (!eap_peap_usable(env->cfg, why, sizeof(why))) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "%s", why);
		return NULL;
	}
	if (ph1 && strstr(ph1, "crypto_binding=") &&
	    !eap_tls_phase1_has(ph1, "crypto_binding=0") &&
	    !eap_tls_phase1_has(ph1, "crypto_binding=1") &&
	    !eap_tls_phase1_has(ph1, "crypto_binding=2")) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "PEAP: crypto_binding takes 0 "
				"(never), 1 (when offered) or 2 (required)");
		return NULL;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "PEAP: out of memory");
		return NULL;
	}
	p->binding_mode = eap_tls_phase1_has(ph1, "crypto_binding=0") ? 0 :
			  eap_tls_phase1_has(ph1, "crypto_binding=2") ? 2 : 1;
	p->conn = eap_tls_conn_new(env, EAP_TYPE_PEAP, false, false);
	if (!p->conn) {
		free(p);
		return NULL;
	}
	env->inner = "MSCHAPv2";
	return p;
}

/* Copy the inner method's failure out, naming both methods ("PEAP/MSCHAPv2: ..."). */
static void eap_peap_inner_failed(struct eap_method_env *env, const struct eap_method_env *in)
{
	eap_method_fail(env, in->reason != EAP_PEER_REASON_NONE ? in->reason : EAP_PEER_REASON_PROTOCOL,
			"PEAP/%s", in->text[0] ? in->text : "MSCHAPv2: failed");
}

/* Check the server's Crypto-Binding TLV (SubType 0 Request) and append ours (SubType 1). */
static int eap_peap_bind(struct eap_peap *p, struct eap_method_env *env, const uint8_t *req,
			 struct eap_buf *body)
{
	uint8_t tk[60], isk[EAP_PEER_MSK_LEN], unused[EAP_PEER_EMSK_LEN], mac[20];
	uint8_t r[EAP_PEAP_BINDING_TLV_LEN];
	size_t el;
	int rc = -1;

	/* [MS-PEAP] 2.2.8.1.1 (Cryptobinding TLV): Version 0, SubType 0 (Binding Request) */
	if (req[5] != 0 || req[7] != 0) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "PEAP: unexpected Crypto-Binding TLV");
		return -1;
	}
	/*
	 * RecvVersion is the PEAP version the server received from us, and "The PEAP peer MUST
	 * set the PEAP version to 0 in PEAP responses, regardless of the version sent in the
	 * initial or subsequent PEAP requests" ([MS-PEAP], the PEAP start packet). A server that
	 * received another one did not see what we sent: the MAC covers the field, so the
	 * server itself says so, and the binding fails.
	 */
	if (req[6] != 0) {
		eap_method_fail(env, EAP_PEER_REASON_SERVER_AUTH,
				"PEAP: the server's Crypto-Binding TLV says it received PEAP "
				"version %u; we sent 0", req[6]);
		return -1;
	}
	/* with no inner method (resumption), IPMK and CMK come from TK alone */
	bool with_isk = p->inner && p->inner_ok;

	if (eap_tls_conn_derive(p->conn, EAP_TLS_LABEL_KEYS, tk, sizeof(tk)) ||
	    (with_isk && eap_method_mschapv2.keys(p->inner, isk, unused, &el)) ||
	    eap_peap_binding_keys(tk, with_isk ? isk : NULL, &p->binding) ||
	    eap_peap_binding_mac(p->binding.cmk, req, mac)) {
		eap_method_fail(env, EAP_PEER_REASON_TLS, "PEAP: cannot derive the cryptobinding keys");
		goto out;
	}
	if (CRYPTO_memcmp(mac, req + 40, 20) != 0) {
		eap_method_fail(env, EAP_PEER_REASON_SERVER_AUTH,
				"PEAP: the server's cryptobinding Compound MAC does not verify");
		goto out;
	}
	memset(r, 0, sizeof(r));
	eap_put_be16(r, EAP_TLV_CRYPTO_BINDING);
	eap_put_be16(r + 2, 56);
	r[7] = 1;                  /* SubType: Binding Response */
	memcpy(r + 8, req + 8, 32); /* the server's Nonce */
	if (eap_peap_binding_mac(p->binding.cmk, r, r + 40) || !eap_buf_put(body, r, sizeof(r)))
		goto out;
	p->bound = true;
	rc = 0;
out:
	OPENSSL_cleanse(tk, sizeof(tk));
	OPENSSL_cleanse(isk, sizeof(isk));
	OPENSSL_cleanse(mac, sizeof(mac));
	return rc;
}

/* EAP-TLV request (full header): answer the Result TLV. out gets a whole EAP Response. */
static int eap_peap_tlv(struct eap_peap *p, struct eap_method_env *env, uint8_t id,
			const uint8_t *tlvs, size_t n, struct eap_buf *out)
{
	struct eap_tlv_summary s;
	const char *err = NULL;
	struct eap_buf body;
	uint16_t answer;
	bool unbound = false;
	int rc = -1;

	if (eap_tlv_parse(tlvs, n, &s, &err)) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "PEAP: %s", err);
		return -1;
	}
	if (!s.result) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "PEAP: EAP-TLV without a Result TLV");
		return -1;
	}
	/* A Success Result is only believed after the inner method proved the server (its
	 * authenticator response verified) or on TLS resumption, where phase 2 is skipped. */
	answer = (s.result == EAP_TLV_RESULT_SUCCESS && (p->inner_ok || env->resumed)) ?
			 EAP_TLV_RESULT_SUCCESS : EAP_TLV_RESULT_FAILURE;
	/* crypto_binding=2: without the server's binding, the tunnel and the inner method are not
	 * shown to end at the same server (the man-in-the-middle [MS-PEAP] 3.1.5.5 closes). A
	 * resumed session is bound too (hostapd binds it, with no inner key). */
	if (answer == EAP_TLV_RESULT_SUCCESS && !s.binding && p->binding_mode == 2) {
		answer = EAP_TLV_RESULT_FAILURE;
		unbound = true;
	}
	eap_buf_init(&body);
	if (eap_tlv_put_result(&body, answer))
		goto out;
	if (answer == EAP_TLV_RESULT_SUCCESS && s.binding && p->binding_mode != 0 &&
	    eap_peap_bind(p, env, s.binding, &body))
		goto out;
	if (eap_msg_build_bare(out, EAP_CODE_RESPONSE, id, EAP_TYPE_TLV, body.data, body.len))
		goto out;
	env->state = EAP_METHOD_STATE_DONE;
	if (answer == EAP_TLV_RESULT_SUCCESS) {
		env->decision = EAP_DECISION_COND_SUCC;
	} else {
		env->decision = EAP_DECISION_FAIL;
		if (unbound)
			eap_method_fail(env, EAP_PEER_REASON_SERVER_AUTH,
					"PEAP: crypto_binding=2 and the server sent no "
					"Crypto-Binding TLV");
		else if (s.result == EAP_TLV_RESULT_SUCCESS)
			eap_method_fail(env, EAP_PEER_REASON_SERVER_AUTH,
					"PEAP: server claimed success before phase 2 completed");
		else if (p->inner_env.reason != EAP_PEER_REASON_NONE)
			eap_peap_inner_failed(env, &p->inner_env);
		else
			eap_method_fail(env, EAP_PEER_REASON_AUTH_REJECTED,
					"PEAP: server reported failure (Result TLV)");
	}
	rc = 0;
out:
	eap_buf_free(&body);
	return rc;
}

/* One decrypted phase 2 request; out gets the plaintext answer to encrypt. */
static int eap_peap_phase2(struct eap_peap *p, struct eap_method_env *env, const uint8_t *in,
			   size_t n, struct eap_buf *out)
{
	struct eap_buf r;
	uint8_t type;
	int rc;

	/* A full EAP-TLV Request: code 1, Length equal to what we got, type 33. */
	if (n >= 5 && in[0] == EAP_CODE_REQUEST && eap_get_be16(in + 2) == n && in[4] == EAP_TYPE_TLV)
		return eap_peap_tlv(p, env, in[1], in + 5, n - 5, out);
	if (n < 1) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "PEAP: empty phase 2 request");
		return -1;
	}
	type = in[0];
	switch (type) {
	case EAP_TYPE_IDENTITY:
		if (eap_buf_put_u8(out, EAP_TYPE_IDENTITY) ||
		    !eap_buf_put(out, env->cfg->identity, strlen(env->cfg->identity)))
			return -1;
		return 0;
	case EAP_TYPE_TLV:
		/* header-less TLV (not PEAPv0's usual form): answer with a full header anyway */
		return eap_peap_tlv(p, env, env->id, in + 1, n - 1, out);
	case EAP_TYPE_MSCHAPV2:
		if (!p->inner) {
			p->inner_env = *env;
			p->inner_env.reason = EAP_PEER_REASON_NONE;
			p->inner_env.text[0] = 0;
			p->inner = eap_method_mschapv2.init(&p->inner_env);
			if (!p->inner) {
				eap_peap_inner_failed(env, &p->inner_env);
				return -1;
			}
		}
		eap_buf_init(&r);
		rc = eap_method_mschapv2.process(p->inner, &p->inner_env, in + 1, n - 1, &r);
		if (rc == 0 && (eap_buf_put_u8(out, EAP_TYPE_MSCHAPV2) || !eap_buf_put(out, r.data, r.len)))
			rc = -1;
		eap_buf_free(&r);
		if (rc) {
			eap_peap_inner_failed(env, &p->inner_env);
			return -1;
		}
		p->inner_ok = p->inner_env.state == EAP_METHOD_STATE_DONE &&
			      p->inner_env.decision != EAP_DECISION_FAIL;
		/* a pending inner failure (E=691) becomes ours, ahead of the Result TLV */
		if (p->inner_env.reason != EAP_PEER_REASON_NONE)
			eap_peap_inner_failed(env, &p->inner_env);
		return 0;
	default:
		/* RFC 3748 5.3.1: Nak proposing the only inner method we have */
		if (eap_buf_put_u8(out, EAP_TYPE_NAK) || eap_buf_put_u8(out, EAP_TYPE_MSCHAPV2))
			return -1;
		return 0;
	}
}

static int eap_peap_process(void *priv, struct eap_method_env *env, const uint8_t *data,
			    size_t len, struct eap_buf *resp)
{
	struct eap_peap *p = priv;
	struct eap_buf app, out;
	bool start;
	uint8_t ver;
	int rc = 0;

	eap_buf_init(&app);
	eap_buf_init(&out);
	switch (eap_tls_conn_input(p->conn, env, data, len, &start, &ver, &app, resp)) {
	case EAP_TLS_INPUT_REPLIED:
		goto done;
	case EAP_TLS_INPUT_FAILED:
		rc = -1;
		goto done;
	case EAP_TLS_INPUT_MESSAGE:
		break;
	}
	/* PEAP version negotiation: we answer the Start with the lower of the server's version and
	 * ours (0). */
	if (start)
		eap_tls_conn_set_version(p->conn, 0);
	if (eap_tls_conn_established(p->conn) && app.len) {
		if (eap_peap_phase2(p, env, app.data, app.len, &out)) {
			if (env->reason == EAP_PEER_REASON_NONE)
				eap_method_fail(env, EAP_PEER_REASON_CONFIG, "PEAP: out of memory");
			rc = -1;
			goto done;
		}
		if (out.len && eap_tls_conn_write(p->conn, out.data, out.len)) {
			eap_method_fail(env, EAP_PEER_REASON_TLS, "PEAP: cannot encrypt phase 2");
			rc = -1;
			goto done;
		}
	}
	if (eap_tls_conn_send(p->conn, resp)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "PEAP: out of memory");
		rc = -1;
	}
done:
	eap_buf_free(&app);
	eap_buf_free(&out);
	return rc;
}

static int eap_peap_keys(void *priv, uint8_t msk[EAP_PEER_MSK_LEN], uint8_t emsk[EAP_PEER_EMSK_LEN],
			 size_t *emsk_len)
{
	struct eap_peap *p = priv;
	uint8_t km[128];

	if (p->bound) {
		/* [MS-PEAP] defines no EMSK for the compound keys */
		*emsk_len = 0;
		return eap_peap_binding_msk(p->binding.ipmk, msk);
	}
	/* PEAPv0 without cryptobinding: MSK = first 64 octets of PRF(master secret,
	 * "client EAP encryption", client.random || server.random); [MS-PEAP] defines no EMSK,
	 * the next 64 octets are used as one the way hostapd's server does. */
	if (eap_tls_conn_derive(p->conn, EAP_TLS_LABEL_KEYS, km, sizeof(km)))
		return -1;
	memcpy(msk, km, 64);
	memcpy(emsk, km + 64, 64);
	*emsk_len = 64;
	OPENSSL_cleanse(km, sizeof(km));
	return 0;
}

static void eap_peap_success(void *priv, struct eap_method_env *env)
{
	struct eap_peap *p = priv;

	eap_tls_conn_save_session(p->conn, env);
}

const struct eap_method_ops eap_method_peap = {
	.type = EAP_TYPE_PEAP,
	.name = "PEAP",
	.init = eap_peap_init,
	.free = eap_peap_free,
	.process = eap_peap_process,
	.keys = eap_peap_keys,
	.success = eap_peap_success,
	.usable = eap_peap_usable,
};
