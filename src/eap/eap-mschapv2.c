// SPDX-License-Identifier: BSD-3-Clause
/* EAP-MSCHAPv2 peer (type 26), used inside PEAPv0. */
#include "eap/eap-mschapv2.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "eap/eap-method.h"

bool eap_mschapv2_auth_resp_ok(const uint8_t *msg, size_t len,
			       const char expected[MSCHAPV2_AUTH_RESP_LEN + 1])
{
	char got[MSCHAPV2_AUTH_RESP_LEN];

	if (len < MSCHAPV2_AUTH_RESP_LEN)
		return false;
	for (size_t i = 0; i < MSCHAPV2_AUTH_RESP_LEN; i++)
		got[i] = (char)toupper(msg[i]);
	/* followed by the end or " M=<message>" */
	if (len > MSCHAPV2_AUTH_RESP_LEN && msg[MSCHAPV2_AUTH_RESP_LEN] != ' ')
		return false;
	return CRYPTO_memcmp(got, expected, MSCHAPV2_AUTH_RESP_LEN) == 0;
}

int eap_mschapv2_error_code(const uint8_t *msg, size_t len)
{
	int e = 0;
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (msg[i] == 'E' && msg[i + 1] == '=' && (i == 0 || msg[i - 1] == ' '))
			break;
	}
	if (i + 1 >= len)
		return -1;
	i += 2;
	if (i >= len || !isdigit(msg[i]))
		return -1;
	for (; i < len && isdigit(msg[i]) && e < 100000; i++)
		e = e * 10 + (msg[i] - '0');
	return e;
}

const char *eap_mschapv2_error_str(int e)
{
	switch (e) {
	case 646: return "restricted logon hours";
	case 647: return "account disabled";
	case 648: return "password expired";
	case 649: return "no dial-in permission";
	case 691: return "authentication failed";
	case 709: return "password change required";
	default: return "failed";
	}
}

struct eap_mschapv2 {
	char *identity;
	uint8_t pw_hash[MSCHAPV2_HASH_LEN];
	char auth_resp[MSCHAPV2_AUTH_RESP_LEN + 1];
	uint8_t isk[32]; /* RFC 3079 client send key | receive key */
	bool responded, succeeded;
};

static void eap_mschapv2_free(void *priv)
{
	struct eap_mschapv2 *m = priv;

	if (!m)
		return;
	free(m->identity);
	OPENSSL_cleanse(m, sizeof(*m));
	free(m);
}

static void *eap_mschapv2_init(struct eap_method_env *env)
{
	struct eap_mschapv2 *m;

	if (!mschapv2_crypto_available()) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG,
				"MSCHAPv2: MD4/DES unavailable (OpenSSL legacy provider not loaded)");
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (!m || !env->cfg->identity || !(m->identity = strdup(env->cfg->identity))) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "MSCHAPv2: no identity or no memory");
		eap_mschapv2_free(m);
		return NULL;
	}
	if (mschapv2_password_hash_from_secret(env->cfg->password, env->cfg->password_is_hash,
					       m->pw_hash)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG,
				"MSCHAPv2: password is not valid UTF-8 of at most 256 characters "
				"(or a bad hash:)");
		eap_mschapv2_free(m);
		return NULL;
	}
	return m;
}

/* The inner key PEAP binds to (mschapv2_peer_session_key). */
static int eap_mschapv2_isk(struct eap_mschapv2 *m, const uint8_t nt[MSCHAPV2_NT_RESP_LEN])
{
	return mschapv2_peer_session_key(m->pw_hash, nt, m->isk);
}

/* Challenge (op 1): Value-Size(1)=16, Challenge(16), Name. */
static int eap_mschapv2_challenge(struct eap_mschapv2 *m, struct eap_method_env *env, uint8_t ms_id,
				  const uint8_t *p, size_t n, struct eap_buf *resp)
{
	uint8_t peer_chal[MSCHAPV2_CHAL_LEN], nt[MSCHAPV2_NT_RESP_LEN];
	const char *user = mschapv2_username_strip(m->identity);
	size_t idlen = strlen(m->identity);
	int rc = -1;

	if (n < 1 + MSCHAPV2_CHAL_LEN || p[0] != MSCHAPV2_CHAL_LEN) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "MSCHAPv2: malformed Challenge");
		return -1;
	}
	if (idlen > 1000 || RAND_bytes(peer_chal, sizeof(peer_chal)) != 1 ||
	    mschapv2_generate_nt_response(p + 1, peer_chal, user, m->pw_hash, nt) ||
	    mschapv2_authenticator_response(m->pw_hash, nt, peer_chal, p + 1, user, m->auth_resp) ||
	    eap_mschapv2_isk(m, nt)) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "MSCHAPv2: cannot compute the response");
		goto out;
	}
	/* Response (op 2): MS-Length counts from OpCode; Value-Size 49: Peer-Challenge(16)
	 * Reserved(8, zero) NT-Response(24) Flags(1, zero), then Name. */
	if (eap_buf_put_u8(resp, EAP_MSCHAPV2_OP_RESPONSE) || eap_buf_put_u8(resp, ms_id) ||
	    eap_buf_put_be16(resp, (uint16_t)(4 + 1 + 49 + idlen)) || eap_buf_put_u8(resp, 49) ||
	    !eap_buf_put(resp, peer_chal, 16) || !eap_buf_put(resp, NULL, 8) ||
	    !eap_buf_put(resp, nt, 24) || eap_buf_put_u8(resp, 0) ||
	    (idlen && !eap_buf_put(resp, m->identity, idlen))) {
		eap_method_fail(env, EAP_PEER_REASON_CONFIG, "MSCHAPv2: out of memory");
		goto out;
	}
	m->responded = true;
	env->state = EAP_METHOD_STATE_CONT;
	env->decision = EAP_DECISION_FAIL;
	rc = 0;
out:
	OPENSSL_cleanse(nt, sizeof(nt));
	return rc;
}

static int eap_mschapv2_process(void *priv, struct eap_method_env *env, const uint8_t *data,
				size_t len, struct eap_buf *resp)
{
	struct eap_mschapv2 *m = priv;
	uint8_t op;
	int e;

	/* OpCode(1) MS-CHAPv2-ID(1) MS-Length(2) */
	if (len < 4) {
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "MSCHAPv2: packet truncated");
		return -1;
	}
	op = data[0];
	switch (op) {
	case EAP_MSCHAPV2_OP_CHALLENGE:
		return eap_mschapv2_challenge(m, env, data[1], data + 4, len - 4, resp);
	case EAP_MSCHAPV2_OP_SUCCESS:
		if (!m->responded || !eap_mschapv2_auth_resp_ok(data + 4, len - 4, m->auth_resp)) {
			eap_method_fail(env, EAP_PEER_REASON_SERVER_AUTH,
					"MSCHAPv2: the server's authenticator response does not verify");
			return -1;
		}
		/* draft-kamath 2.3: the peer answers Success with a lone OpCode */
		m->succeeded = true;
		env->state = EAP_METHOD_STATE_DONE;
		env->decision = EAP_DECISION_COND_SUCC;
		return eap_buf_put_u8(resp, EAP_MSCHAPV2_OP_SUCCESS);
	case EAP_MSCHAPV2_OP_FAILURE:
		e = eap_mschapv2_error_code(data + 4, len - 4);
		if (e >= 0)
			eap_method_fail(env, EAP_PEER_REASON_AUTH_REJECTED, "MSCHAPv2: %s (E=%d)",
					eap_mschapv2_error_str(e), e);
		else
			eap_method_fail(env, EAP_PEER_REASON_AUTH_REJECTED,
					"MSCHAPv2: authentication failed");
		env->state = EAP_METHOD_STATE_DONE;
		env->decision = EAP_DECISION_FAIL;
		return eap_buf_put_u8(resp, EAP_MSCHAPV2_OP_FAILURE);
	default:
		eap_method_fail(env, EAP_PEER_REASON_PROTOCOL, "MSCHAPv2: unexpected OpCode %u", op);
		return -1;
	}
}

/* MSK of EAP-MSCHAPv2: 32 octets (the ISK of PEAP cryptobinding), the rest zero. */
static int eap_mschapv2_keys(void *priv, uint8_t msk[EAP_PEER_MSK_LEN],
			     uint8_t emsk[EAP_PEER_EMSK_LEN], size_t *emsk_len)
{
	struct eap_mschapv2 *m = priv;

	(void)emsk;
	if (!m->succeeded)
		return -1;
	memset(msk, 0, EAP_PEER_MSK_LEN);
	memcpy(msk, m->isk, sizeof(m->isk));
	*emsk_len = 0;
	return 0;
}

const struct eap_method_ops eap_method_mschapv2 = {
	.type = 26,
	.name = "MSCHAPv2",
	.init = eap_mschapv2_init,
	.free = eap_mschapv2_free,
	.process = eap_mschapv2_process,
	.keys = eap_mschapv2_keys,
	.success = NULL,
};
