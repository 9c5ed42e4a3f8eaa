// SPDX-License-Identifier: BSD-3-Clause
/*
 * SAE protocol instance (IEEE 802.11-2020 12.4.5 Commit/Confirm, 12.4.6 anti-clogging,
 * 12.4.7 frame bodies, 12.4.8.6 state machine) on the password element of sae-hnp.c or
 * sae-pt.c.
 */
#include "rsn/sae.h"

#include <string.h>

#include <openssl/crypto.h>

#include "rsn/sae-curve.h"
#include "rsn/sae-pwe.h"

#define SAE_EID_EXTENSION 255
#define SAE_EXT_PASSWORD_IDENTIFIER 33
#define SAE_EXT_REJECTED_GROUPS 92
#define SAE_EXT_TOKEN_CONTAINER 93
#define SAE_EXT_AKM_SUITE_SELECTOR 114 /* AKM Suite Selector element (REVme) */
#define SAE_SC_MAX 0xffff /* "2^16 - 1" */
/* 00-0F-AC:8 and 00-0F-AC:24 as they go into an element (OUI, then the suite type) */
static const uint8_t sae_akm_sae[4] = { 0x00, 0x0f, 0xac, 8 };
static const uint8_t sae_akm_ext_key[4] = { 0x00, 0x0f, 0xac, 24 };

struct sae_session {
	struct sae_curve *c;
	enum sae_state state;
	bool h2e;
	bool ext_key;              /* AKM 00-0F-AC:24 */
	enum sae_hash hash;        /* keyseed, KDF and Confirm hash */
	size_t kck_len, pmk_len;
	uint8_t own_addr[6], peer_addr[6];
	EC_POINT *pwe;
	BIGNUM *rand;
	BIGNUM *test_rand, *test_mask;
	uint8_t own_scalar[SAE_MAX_PRIME_LEN], own_element[2 * SAE_MAX_PRIME_LEN];
	uint8_t peer_scalar[SAE_MAX_PRIME_LEN], peer_element[2 * SAE_MAX_PRIME_LEN];
	uint8_t kck[SAE_MAX_HASH_LEN], pmk[SAE_PMK_MAX_LEN], pmkid[SAE_PMKID_LEN];
	uint16_t sc, rc;
	unsigned int sync, sync_max;
	uint8_t token[SAE_TOKEN_MAX];
	size_t token_len;
	uint8_t identifier[SAE_IDENTIFIER_MAX];
	size_t identifier_len;
	uint8_t rejected[2 * SAE_REJECTED_GROUPS_MAX];
	size_t rejected_len;
	uint8_t peer_rejected[2 * SAE_REJECTED_GROUPS_MAX];
	size_t peer_rejected_len;
};

/* What the optional elements after a peer's Element carried. */
struct sae_commit_extras {
	const uint8_t *rejected, *token, *akm;
	size_t rejected_len, token_len;
};

bool sae_group_supported(uint16_t group)
{
	return group == 19 || group == 20 || group == 21;
}

void sae_session_free(struct sae_session *s)
{
	if (!s)
		return;
	EC_POINT_clear_free(s->pwe);
	BN_clear_free(s->rand);
	BN_clear_free(s->test_rand);
	BN_clear_free(s->test_mask);
	sae_curve_free(s->c);
	OPENSSL_secure_clear_free(s, sizeof(*s));
}

struct sae_session *sae_session_new(const struct sae_session_config *cfg)
{
	struct sae_session *s;

	if (!cfg || !sae_group_supported(cfg->group) || !cfg->pt == !cfg->password ||
	    (cfg->password && !cfg->password_len) ||
	    (cfg->pt && (sae_pt_group(cfg->pt) != cfg->group || cfg->identifier_len)) ||
	    cfg->identifier_len > SAE_IDENTIFIER_MAX || (cfg->identifier_len && !cfg->identifier) ||
	    cfg->n_rejected_groups > SAE_REJECTED_GROUPS_MAX ||
	    (cfg->n_rejected_groups && (!cfg->pt || !cfg->rejected_groups)) ||
	    (cfg->ext_key && !cfg->pt))
		return NULL; /* SAE-EXT-KEY runs with hash-to-element only (REVme; hostapd too) */
	s = OPENSSL_secure_zalloc(sizeof(*s));
	if (!s)
		return NULL;
	s->c = sae_curve_new(cfg->group);
	if (!s->c) {
		sae_session_free(s);
		return NULL;
	}
	s->h2e = cfg->pt != NULL;
	/* 12.4.2: H2E hashes with the group's Table 12-1 hash; H&P with SHA-256 (see sae.h) */
	s->hash = s->h2e ? s->c->hash : SAE_HASH_SHA256;
	s->kck_len = sae_curve_hash_len(s->hash);
	/*
	 * IEEE 802.11-2024 12.4.5.4: KCK || PMK = KDF-Hash-Length(keyseed, "SAE KCK and PMK",
	 * ...), the PMK 256 bits for AKM 00-0F-AC:8 and, for 00-0F-AC:24, as long as the hash.
	 */
	s->ext_key = cfg->ext_key;
	s->pmk_len = s->ext_key ? s->kck_len : SAE_PMK_LEN;
	s->sync_max = cfg->sync_max ? cfg->sync_max : SAE_DEFAULT_SYNC;
	memcpy(s->own_addr, cfg->own_addr, 6);
	memcpy(s->peer_addr, cfg->peer_addr, 6);
	for (size_t i = 0; i < cfg->n_rejected_groups; i++) {
		s->rejected[2 * i] = (uint8_t)cfg->rejected_groups[i];
		s->rejected[2 * i + 1] = (uint8_t)(cfg->rejected_groups[i] >> 8);
	}
	s->rejected_len = 2 * cfg->n_rejected_groups;
	if (s->h2e) {
		const uint8_t *id = sae_pt_identifier(cfg->pt, &s->identifier_len);

		if (s->identifier_len)
			memcpy(s->identifier, id, s->identifier_len);
		s->pwe = sae_pt_pwe(s->c, cfg->pt, s->own_addr, s->peer_addr);
	} else {
		if (cfg->identifier_len)
			memcpy(s->identifier, cfg->identifier, cfg->identifier_len);
		s->identifier_len = cfg->identifier_len;
		s->pwe = sae_hnp_pwe(s->c, cfg->password, cfg->password_len, s->own_addr,
				     s->peer_addr, cfg->hnp_k);
	}
	if (!s->pwe) {
		sae_session_free(s);
		return NULL;
	}
	return s;
}

enum sae_state sae_session_state(const struct sae_session *s)
{
	return s->state;
}

bool sae_session_h2e(const struct sae_session *s)
{
	return s->h2e;
}

uint16_t sae_session_group(const struct sae_session *s)
{
	return s->c->group;
}

uint16_t sae_session_commit_status(const struct sae_session *s)
{
	return s->h2e ? SAE_STATUS_HASH_TO_ELEMENT : SAE_STATUS_SUCCESS;
}

void sae_session_counters_get(const struct sae_session *s, struct sae_session_counters *out)
{
	out->sync = s->sync;
	out->send_confirm = s->sc;
	out->recv_confirm = s->rc;
	out->have_token = s->token_len > 0;
}

/*
 * 12.4.5.3: "rand and mask ... 1 < x < r"; commit-scalar = (rand + mask) modulo r, chosen
 * again when not greater than 1; COMMIT-ELEMENT = inverse(scalar-op(mask, PWE)).
 */
static enum sae_result sae_session_commit_generate(struct sae_session *s)
{
	BIGNUM *mask = NULL, *scalar = BN_secure_new();
	EC_POINT *element = EC_POINT_new(s->c->ec);
	bool ok = scalar && element;

	for (int tries = 0; ok && tries < 16; tries++) {
		BN_clear_free(s->rand);
		BN_clear_free(mask);
		s->rand = s->test_rand ? BN_dup(s->test_rand) : sae_curve_rand_scalar(s->c, 2);
		mask = s->test_mask ? BN_dup(s->test_mask) : sae_curve_rand_scalar(s->c, 2);
		ok = s->rand && mask && BN_mod_add(scalar, s->rand, mask, s->c->r, s->c->bn);
		if (ok && BN_cmp(scalar, BN_value_one()) > 0)
			break;
		ok = ok && !s->test_rand;
	}
	if (ok) {
		BN_set_flags(s->rand, BN_FLG_CONSTTIME);
		BN_set_flags(mask, BN_FLG_CONSTTIME);
	}
	ok = ok && BN_cmp(scalar, BN_value_one()) > 0 &&
	     EC_POINT_mul(s->c->ec, element, NULL, s->pwe, mask, s->c->bn) &&
	     EC_POINT_invert(s->c->ec, element, s->c->bn) &&
	     sae_curve_bn_to_bin(scalar, s->own_scalar, s->c->order_len) == 0 &&
	     sae_curve_point_to_bin(s->c, element, s->own_element) == 0;
	BN_clear_free(mask);
	BN_clear_free(scalar);
	EC_POINT_clear_free(element);
	return ok ? SAE_OK : SAE_CRYPTO_ERROR;
}

static uint8_t *sae_session_put_ext(uint8_t *pos, uint8_t ext_id, const uint8_t *data,
				    size_t len)
{
	*pos++ = SAE_EID_EXTENSION;
	*pos++ = (uint8_t)(1 + len);
	*pos++ = ext_id;
	memcpy(pos, data, len);
	return pos + len;
}

enum sae_result sae_session_commit_build(struct sae_session *s, uint8_t *buf, size_t cap,
					 size_t *len)
{
	size_t need, plen, olen;
	uint8_t *pos;

	if (!s || !buf || !len)
		return SAE_INVALID_ARGUMENT;
	plen = s->c->prime_len;
	olen = s->c->order_len;
	need = 2 + olen + 2 * plen + (s->identifier_len ? 3 + s->identifier_len : 0) +
	       (s->h2e && s->rejected_len ? 3 + s->rejected_len : 0) +
	       (s->token_len ? (s->h2e ? 3 : 0) + s->token_len : 0) +
	       (s->ext_key ? 3 + sizeof(sae_akm_ext_key) : 0);
	if (s->state == SAE_STATE_FAILED)
		return SAE_BAD_STATE;
	if (cap < need)
		return SAE_BUFFER_TOO_SMALL;
	if (s->state == SAE_STATE_NOTHING) {
		enum sae_result r = sae_session_commit_generate(s);

		if (r != SAE_OK)
			return r;
		s->state = SAE_STATE_COMMITTED;
	}
	/* 12.4.7.4 (Table 9-40 order): Group, [token], Scalar, Element, then the elements */
	pos = buf;
	*pos++ = (uint8_t)s->c->group;
	*pos++ = (uint8_t)(s->c->group >> 8);
	if (!s->h2e && s->token_len) {
		memcpy(pos, s->token, s->token_len);
		pos += s->token_len;
	}
	memcpy(pos, s->own_scalar, olen);
	pos += olen;
	memcpy(pos, s->own_element, 2 * plen);
	pos += 2 * plen;
	if (s->identifier_len)
		pos = sae_session_put_ext(pos, SAE_EXT_PASSWORD_IDENTIFIER, s->identifier,
					  s->identifier_len);
	if (s->h2e && s->rejected_len)
		pos = sae_session_put_ext(pos, SAE_EXT_REJECTED_GROUPS, s->rejected,
					  s->rejected_len);
	if (s->h2e && s->token_len)
		pos = sae_session_put_ext(pos, SAE_EXT_TOKEN_CONTAINER, s->token, s->token_len);
	/* IEEE 802.11-2024 12.4.7.4 (Table 9-41, SAE Commit): the AKM Suite Selector element
	 * is there when the AKM is 00-0F-AC:24 (or FT's 25); paraphrased, not quoted */
	if (s->ext_key)
		pos = sae_session_put_ext(pos, SAE_EXT_AKM_SUITE_SELECTOR, sae_akm_ext_key,
					  sizeof(sae_akm_ext_key));
	*len = (size_t)(pos - buf);
	return SAE_OK;
}

/* Extension elements after the Element (12.4.7.4); anything else makes the body malformed. */
static enum sae_result sae_session_parse_extras(const uint8_t *p, size_t len,
						struct sae_commit_extras *ex)
{
	memset(ex, 0, sizeof(*ex));
	while (len) {
		size_t elen;

		if (len < 3 || p[0] != SAE_EID_EXTENSION || p[1] < 1 || (size_t)p[1] + 2 > len)
			return SAE_MALFORMED;
		elen = p[1] - 1u;
		switch (p[2]) {
		case SAE_EXT_PASSWORD_IDENTIFIER:
			break;
		case SAE_EXT_REJECTED_GROUPS:
			if (elen % 2 || elen > 2 * SAE_REJECTED_GROUPS_MAX || ex->rejected)
				return SAE_MALFORMED;
			ex->rejected = p + 3;
			ex->rejected_len = elen;
			break;
		case SAE_EXT_TOKEN_CONTAINER:
			if (!elen || ex->token)
				return SAE_MALFORMED;
			ex->token = p + 3;
			ex->token_len = elen;
			break;
		case SAE_EXT_AKM_SUITE_SELECTOR:
			if (elen != 4 || ex->akm)
				return SAE_MALFORMED;
			ex->akm = p + 3;
			break;
		default:
			return SAE_MALFORMED;
		}
		len -= 2 + (size_t)p[1];
		p += 2 + (size_t)p[1];
	}
	return SAE_OK;
}

/* 12.4.5.4 checks of a peer Commit; on success the scalar/element are in peer_*. */
static enum sae_result sae_session_parse_commit(struct sae_session *s, const uint8_t *body,
						size_t len, struct sae_commit_extras *ex)
{
	size_t plen = s->c->prime_len, olen = s->c->order_len, fixed = 2 + olen + 2 * plen;
	uint8_t zero[SAE_MAX_PRIME_LEN] = { 0 };
	enum sae_result r;
	EC_POINT *element;
	BIGNUM *scalar;
	bool scalar_ok;

	if (len < 2)
		return SAE_MALFORMED;
	if ((uint16_t)(body[0] | body[1] << 8) != s->c->group)
		return SAE_GROUP_UNSUPPORTED;
	if (len < fixed)
		return SAE_MALFORMED;
	r = sae_session_parse_extras(body + fixed, len - fixed, ex);
	if (r != SAE_OK)
		return r;
	/* "the peer-commit-scalar ... shall be greater than 1 and less than the order r" */
	scalar = BN_bin2bn(body + 2, (int)olen, NULL);
	if (!scalar)
		return SAE_CRYPTO_ERROR;
	scalar_ok = BN_cmp(scalar, BN_value_one()) > 0 && BN_cmp(scalar, s->c->r) < 0;
	BN_free(scalar);
	if (!scalar_ok)
		return SAE_INVALID_SCALAR;
	if (CRYPTO_memcmp(body + 2 + olen, zero, plen) == 0 &&
	    CRYPTO_memcmp(body + 2 + olen + plen, zero, plen) == 0)
		return SAE_INVALID_ELEMENT;
	element = sae_curve_point_from_bin(s->c, body + 2 + olen);
	if (!element)
		return SAE_INVALID_ELEMENT;
	EC_POINT_free(element);
	/*
	 * 12.4.5.4: "If the peer-commit-scalar and PEER-COMMIT-ELEMENT are equal to the
	 * commit-scalar and COMMIT-ELEMENT ... the frame shall be silently discarded" (a
	 * reflection); either one equal can only be a reflection or an attack.
	 */
	if (CRYPTO_memcmp(body + 2, s->own_scalar, olen) == 0 ||
	    CRYPTO_memcmp(body + 2 + olen, s->own_element, 2 * plen) == 0)
		return SAE_REFLECTED;
	return SAE_OK;
}

/*
 * 12.4.5.4: K = scalar-op(rand, (elem-op(scalar-op(peer-commit-scalar, PWE),
 * PEER-COMMIT-ELEMENT))); k = F(K); keyseed = H(salt, k);
 * KCK || PMK = KDF-Hash-Length(keyseed, "SAE KCK and PMK",
 *   (commit-scalar + peer-commit-scalar) modulo r, len(KCK) + len(PMK));
 * PMKID = L((commit-scalar + peer-commit-scalar) modulo r, 0, 128).
 */
static enum sae_result sae_session_derive(struct sae_session *s, const uint8_t *peer_scalar,
					  const uint8_t *peer_element)
{
	struct sae_curve *c = s->c;
	uint8_t k[2 * SAE_MAX_PRIME_LEN], salt[4 * SAE_REJECTED_GROUPS_MAX + SAE_MAX_HASH_LEN];
	uint8_t keyseed[SAE_MAX_HASH_LEN], ctx[SAE_MAX_PRIME_LEN];
	uint8_t keys[SAE_MAX_HASH_LEN + SAE_PMK_MAX_LEN];
	size_t salt_len = 0;
	EC_POINT *elem = sae_curve_point_from_bin(c, peer_element), *kp = EC_POINT_new(c->ec);
	BIGNUM *ps = sae_curve_bn_from_bin(peer_scalar, c->order_len);
	BIGNUM *os = sae_curve_bn_from_bin(s->own_scalar, c->order_len);
	struct sae_curve_buf kb = { k, c->prime_len };
	bool ok;

	/* salt: zeros, or in H2E the Rejected Groups lists (ours, then the peer's) */
	memset(salt, 0, sizeof(salt));
	if (s->h2e && (s->rejected_len || s->peer_rejected_len)) {
		memcpy(salt, s->rejected, s->rejected_len);
		memcpy(salt + s->rejected_len, s->peer_rejected, s->peer_rejected_len);
		salt_len = s->rejected_len + s->peer_rejected_len;
	} else {
		salt_len = s->kck_len;
	}
	ok = elem && kp && ps && os && EC_POINT_mul(c->ec, kp, NULL, s->pwe, ps, c->bn) &&
	     EC_POINT_add(c->ec, kp, kp, elem, c->bn) &&
	     EC_POINT_mul(c->ec, kp, NULL, kp, s->rand, c->bn) &&
	     /* "If K is the point-at-infinity, reject" (point_to_bin fails on it) */
	     sae_curve_point_to_bin(c, kp, k) == 0 &&
	     sae_curve_hmac(s->hash, salt, salt_len, &kb, 1, keyseed) == 0 &&
	     BN_mod_add(os, os, ps, c->r, c->bn) && sae_curve_bn_to_bin(os, ctx, c->order_len) == 0 &&
	     sae_curve_kdf(s->hash, keyseed, s->kck_len, "SAE KCK and PMK", ctx, c->order_len, keys,
			   (s->kck_len + s->pmk_len) * 8) == 0;
	if (ok) {
		memcpy(s->kck, keys, s->kck_len);
		memcpy(s->pmk, keys + s->kck_len, s->pmk_len);
		memcpy(s->pmkid, ctx, SAE_PMKID_LEN);
		memcpy(s->peer_scalar, peer_scalar, c->order_len);
		memcpy(s->peer_element, peer_element, 2 * c->prime_len);
	}
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(keyseed, sizeof(keyseed));
	OPENSSL_cleanse(keys, sizeof(keys));
	OPENSSL_cleanse(ctx, sizeof(ctx));
	EC_POINT_free(elem);
	EC_POINT_clear_free(kp);
	BN_clear_free(ps);
	BN_clear_free(os);
	return ok ? SAE_OK : SAE_CRYPTO_ERROR;
}

/*
 * 12.4.5.5: confirm = CN(KCK, send-confirm, commit-scalar, COMMIT-ELEMENT,
 * peer-commit-scalar, PEER-COMMIT-ELEMENT); the verifier swaps the two sides.
 */
static int sae_session_cn(const struct sae_session *s, uint16_t sc, bool ours, uint8_t *out)
{
	uint8_t le[2] = { (uint8_t)sc, (uint8_t)(sc >> 8) };
	size_t olen = s->c->order_len, elen = 2 * s->c->prime_len;
	const uint8_t *s1 = ours ? s->own_scalar : s->peer_scalar;
	const uint8_t *e1 = ours ? s->own_element : s->peer_element;
	const uint8_t *s2 = ours ? s->peer_scalar : s->own_scalar;
	const uint8_t *e2 = ours ? s->peer_element : s->own_element;
	struct sae_curve_buf parts[] = { { le, 2 }, { s1, olen }, { e1, elen }, { s2, olen },
					 { e2, elen } };

	return sae_curve_hmac(s->hash, s->kck, s->kck_len, parts, 5, out);
}

/* 12.4.8.6: "If Sync is greater than dot11RSNASAESync ... Del"; otherwise count one more. */
static bool sae_session_sync_step(struct sae_session *s)
{
	if (s->sync > s->sync_max) {
		s->state = SAE_STATE_FAILED;
		return false;
	}
	s->sync++;
	return true;
}

static void sae_session_sc_step(struct sae_session *s)
{
	if (s->sc < SAE_SC_MAX - 1)
		s->sc++;
}

/* Status 76 (12.4.6): Group, then the token (H&P: the rest; H2E: a Token Container). */
static enum sae_result sae_session_rx_token(struct sae_session *s, const uint8_t *body,
					    size_t len)
{
	struct sae_commit_extras ex = { 0 };
	const uint8_t *token;
	size_t token_len;

	if (len < 2 || (uint16_t)(body[0] | body[1] << 8) != s->c->group)
		return SAE_MALFORMED;
	token = body + 2;
	token_len = len - 2;
	if (s->h2e) {
		if (sae_session_parse_extras(body + 2, len - 2, &ex) != SAE_OK || !ex.token)
			return SAE_MALFORMED;
		token = ex.token;
		token_len = ex.token_len;
	}
	if (!token_len || token_len > SAE_TOKEN_MAX)
		return SAE_MALFORMED;
	memcpy(s->token, token, token_len);
	s->token_len = token_len;
	return SAE_TX_COMMIT;
}

enum sae_result sae_session_rx_commit(struct sae_session *s, uint16_t status,
				      const uint8_t *body, size_t len)
{
	struct sae_commit_extras ex;
	enum sae_result r;

	if (!s || (!body && len))
		return SAE_INVALID_ARGUMENT;
	switch (s->state) {
	case SAE_STATE_NOTHING:
	case SAE_STATE_FAILED:
		return SAE_BAD_STATE;
	case SAE_STATE_ACCEPTED:
		return SAE_DISCARD;
	case SAE_STATE_COMMITTED:
	case SAE_STATE_CONFIRMED:
		break;
	}
	switch (status) {
	case SAE_STATUS_ANTI_CLOGGING_TOKEN_REQUIRED:
		if (s->state != SAE_STATE_COMMITTED)
			return SAE_DISCARD;
		return sae_session_rx_token(s, body, len);
	case SAE_STATUS_GROUP_NOT_SUPPORTED:
		if (s->state != SAE_STATE_COMMITTED)
			return SAE_DISCARD;
		/* the body names the rejected group: ours, or it answers another Commit */
		if (len < 2 || (uint16_t)(body[0] | body[1] << 8) != s->c->group)
			return SAE_MALFORMED;
		s->state = SAE_STATE_FAILED;
		return SAE_GROUP_UNSUPPORTED;
	case SAE_STATUS_SUCCESS:
	case SAE_STATUS_HASH_TO_ELEMENT:
		if ((status == SAE_STATUS_HASH_TO_ELEMENT) != s->h2e)
			return SAE_STATUS_MISMATCH;
		break;
	default:
		s->state = SAE_STATE_FAILED;
		return SAE_PEER_REJECTED;
	}
	r = sae_session_parse_commit(s, body, len, &ex);
	if (r != SAE_OK)
		return r;
	/*
	 * IEEE 802.11-2024 12.4.5.4: with AKM 00-0F-AC:24 both Commits name it in an AKM Suite
	 * Selector element; a peer that names another AKM (or none) did not run the same
	 * protocol, and one that names 24 when we use 8 neither.
	 */
	if (s->ext_key ? !ex.akm || memcmp(ex.akm, sae_akm_ext_key, 4)
		       : ex.akm && memcmp(ex.akm, sae_akm_sae, 4))
		return SAE_AKM_MISMATCH;
	if (s->state == SAE_STATE_CONFIRMED) {
		/* 12.4.8.6.5: a Commit in Confirmed: resend our Commit and a new Confirm */
		if (!sae_session_sync_step(s))
			return SAE_SYNC_EXCEEDED;
		sae_session_sc_step(s);
		return SAE_TX_COMMIT_CONFIRM;
	}
	if (s->h2e && ex.rejected) {
		memcpy(s->peer_rejected, ex.rejected, ex.rejected_len);
		s->peer_rejected_len = ex.rejected_len;
	}
	r = sae_session_derive(s, body + 2, body + 2 + s->c->order_len);
	if (r != SAE_OK)
		return r;
	/* 12.4.8.6.4: "increment Sc, transmit Confirm ... transition to Confirmed" */
	sae_session_sc_step(s);
	s->state = SAE_STATE_CONFIRMED;
	return SAE_TX_CONFIRM;
}

enum sae_result sae_session_confirm_build(struct sae_session *s, uint8_t *buf, size_t cap,
					  size_t *len)
{
	if (!s || !buf || !len)
		return SAE_INVALID_ARGUMENT;
	if (s->state != SAE_STATE_CONFIRMED && s->state != SAE_STATE_ACCEPTED)
		return SAE_BAD_STATE;
	if (cap < 2 + s->kck_len)
		return SAE_BUFFER_TOO_SMALL;
	buf[0] = (uint8_t)s->sc;
	buf[1] = (uint8_t)(s->sc >> 8);
	if (sae_session_cn(s, s->sc, true, buf + 2) != 0)
		return SAE_CRYPTO_ERROR;
	*len = 2 + s->kck_len;
	return SAE_OK;
}

static bool sae_session_confirm_ok(const struct sae_session *s, uint16_t peer_sc,
				   const uint8_t *confirm)
{
	uint8_t want[SAE_MAX_HASH_LEN];
	bool ok = sae_session_cn(s, peer_sc, false, want) == 0 &&
		  CRYPTO_memcmp(want, confirm, s->kck_len) == 0;

	OPENSSL_cleanse(want, sizeof(want));
	return ok;
}

enum sae_result sae_session_rx_confirm(struct sae_session *s, uint16_t status,
				       const uint8_t *body, size_t len)
{
	uint16_t peer_sc;

	if (!s || (!body && len))
		return SAE_INVALID_ARGUMENT;
	switch (s->state) {
	case SAE_STATE_NOTHING:
	case SAE_STATE_FAILED:
		return SAE_BAD_STATE;
	case SAE_STATE_COMMITTED:
	case SAE_STATE_CONFIRMED:
	case SAE_STATE_ACCEPTED:
		break;
	}
	if (status != SAE_STATUS_SUCCESS) {
		if (s->state == SAE_STATE_ACCEPTED)
			return SAE_DISCARD;
		s->state = SAE_STATE_FAILED;
		return SAE_PEER_REJECTED;
	}
	if (len != 2 + s->kck_len)
		return SAE_MALFORMED;
	peer_sc = (uint16_t)(body[0] | body[1] << 8);
	switch (s->state) {
	case SAE_STATE_COMMITTED:
		/* 12.4.8.6.4: a Confirm before the peer's Commit: resend our Commit */
		return sae_session_sync_step(s) ? SAE_TX_COMMIT : SAE_SYNC_EXCEEDED;
	case SAE_STATE_CONFIRMED:
		if (!sae_session_confirm_ok(s, peer_sc, body + 2))
			return SAE_CONFIRM_MISMATCH;
		/* 12.4.8.6.5: "set Rc to the received send-confirm, set Sc to 2^16 - 1" */
		s->rc = peer_sc;
		s->sc = SAE_SC_MAX;
		s->state = SAE_STATE_ACCEPTED;
		return SAE_ACCEPTED;
	case SAE_STATE_ACCEPTED:
		/*
		 * 12.4.8.6.6: "verify that the value of send-confirm ... is greater than Rc and
		 * is not equal to 2^16 - 1. If not, the frame shall be silently discarded."
		 */
		if (peer_sc <= s->rc || peer_sc == SAE_SC_MAX)
			return SAE_DISCARD;
		if (!sae_session_confirm_ok(s, peer_sc, body + 2))
			return SAE_CONFIRM_MISMATCH;
		s->rc = peer_sc;
		return sae_session_sync_step(s) ? SAE_TX_CONFIRM : SAE_SYNC_EXCEEDED;
	case SAE_STATE_NOTHING:
	case SAE_STATE_FAILED:
		break;
	}
	return SAE_BAD_STATE;
}

enum sae_result sae_session_timeout(struct sae_session *s)
{
	if (!s)
		return SAE_INVALID_ARGUMENT;
	switch (s->state) {
	case SAE_STATE_NOTHING:
	case SAE_STATE_FAILED:
		return SAE_BAD_STATE;
	case SAE_STATE_COMMITTED:
		return sae_session_sync_step(s) ? SAE_TX_COMMIT : SAE_SYNC_EXCEEDED;
	case SAE_STATE_CONFIRMED:
		if (!sae_session_sync_step(s))
			return SAE_SYNC_EXCEEDED;
		sae_session_sc_step(s);
		return SAE_TX_CONFIRM;
	case SAE_STATE_ACCEPTED:
		return SAE_OK;
	}
	return SAE_BAD_STATE;
}

size_t sae_session_pmk_len(const struct sae_session *s)
{
	return s->pmk_len;
}

enum sae_result sae_session_pmk_get(const struct sae_session *s, uint8_t *pmk,
				    uint8_t pmkid[SAE_PMKID_LEN])
{
	if (!s)
		return SAE_INVALID_ARGUMENT;
	if (s->state != SAE_STATE_ACCEPTED)
		return SAE_BAD_STATE;
	if (pmk)
		memcpy(pmk, s->pmk, s->pmk_len);
	if (pmkid)
		memcpy(pmkid, s->pmkid, SAE_PMKID_LEN);
	return SAE_OK;
}

enum sae_result sae_session_test_set_rand_mask(struct sae_session *s, const uint8_t *rand,
					       size_t rand_len, const uint8_t *mask,
					       size_t mask_len)
{
	if (!s || !rand || !mask || rand_len != s->c->order_len || mask_len != s->c->order_len)
		return SAE_INVALID_ARGUMENT;
	if (s->state != SAE_STATE_NOTHING)
		return SAE_BAD_STATE;
	BN_clear_free(s->test_rand);
	BN_clear_free(s->test_mask);
	s->test_rand = sae_curve_bn_from_bin(rand, rand_len);
	s->test_mask = sae_curve_bn_from_bin(mask, mask_len);
	return s->test_rand && s->test_mask ? SAE_OK : SAE_CRYPTO_ERROR;
}

static BIGNUM *sae_session_bn_clone(const BIGNUM *v, bool *ok)
{
	BIGNUM *d;

	if (!v)
		return NULL;
	d = BN_secure_new();
	if (!d || !BN_copy(d, v)) {
		BN_clear_free(d);
		*ok = false;
		return NULL;
	}
	BN_set_flags(d, BN_FLG_CONSTTIME);
	return d;
}

struct sae_session *sae_session_test_clone(const struct sae_session *s)
{
	struct sae_session *d;
	bool ok = true;

	if (!s)
		return NULL;
	d = OPENSSL_secure_zalloc(sizeof(*d));
	if (!d)
		return NULL;
	memcpy(d, s, sizeof(*d));
	/* the copy owns its own OpenSSL objects; the curve (constants only) is shared */
	d->c = sae_curve_ref(s->c);
	d->pwe = EC_POINT_dup(s->pwe, s->c->ec);
	d->rand = sae_session_bn_clone(s->rand, &ok);
	d->test_rand = sae_session_bn_clone(s->test_rand, &ok);
	d->test_mask = sae_session_bn_clone(s->test_mask, &ok);
	if (!ok || !d->pwe) {
		sae_session_free(d);
		return NULL;
	}
	return d;
}

enum sae_result sae_session_test_pwe(const struct sae_session *s, uint8_t *out, size_t cap,
				     size_t *len)
{
	if (!s || !out || !len)
		return SAE_INVALID_ARGUMENT;
	if (cap < 2 * s->c->prime_len)
		return SAE_BUFFER_TOO_SMALL;
	if (sae_curve_point_to_bin(s->c, s->pwe, out) != 0)
		return SAE_CRYPTO_ERROR;
	*len = 2 * s->c->prime_len;
	return SAE_OK;
}

enum sae_result sae_session_test_keys(const struct sae_session *s, uint8_t *kck, size_t cap,
				      size_t *kck_len, uint8_t *pmk,
				      uint8_t pmkid[SAE_PMKID_LEN])
{
	if (!s || !kck || !kck_len || !pmk || !pmkid)
		return SAE_INVALID_ARGUMENT;
	if (s->state != SAE_STATE_CONFIRMED && s->state != SAE_STATE_ACCEPTED)
		return SAE_BAD_STATE;
	if (cap < s->kck_len)
		return SAE_BUFFER_TOO_SMALL;
	memcpy(kck, s->kck, s->kck_len);
	*kck_len = s->kck_len;
	memcpy(pmk, s->pmk, s->pmk_len);
	memcpy(pmkid, s->pmkid, SAE_PMKID_LEN);
	return SAE_OK;
}
