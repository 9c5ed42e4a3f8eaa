// SPDX-License-Identifier: BSD-3-Clause
/*
 * The supplicant PAE (IEEE 802.1X-2010 8.5.9: CONNECTING with startWhen/startCount/maxStart,
 * AUTHENTICATING, AUTHENTICATED, HELD) around an RFC 4137 EAP peer: duplicate detection by
 * Identifier (4.4 RETRANSMIT), one method per conversation, Success/Failure accepted per the
 * method's decision (4.1.1).
 */
#include "eap/eap-peer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "eap/eap-buf.h"
#include "eap/eap-method.h"
#include "eap/eap-packet.h"
#include "eap/eap-tls-common.h"

enum eap_peer_pae {
	EAP_PEER_PAE_DISCONNECTED,
	EAP_PEER_PAE_CONNECTING,
	EAP_PEER_PAE_AUTHENTICATING,
	EAP_PEER_PAE_AUTHENTICATED,
	EAP_PEER_PAE_HELD,
	EAP_PEER_PAE_PAUSED,  /* waiting for the host to supply identity or password */
};

struct eap_peer {
	struct eap_peer_config cfg; /* strings below are our own copies */
	struct eap_session_cache *cache;
	enum eap_peer_pae pae;
	enum eap_peer_status paused_for;
	unsigned int start_count, timer_ms;
	uint8_t eapol_version;
	int last_id;                /* -1: none (RFC 4137 lastId) */
	struct eap_buf last_resp;   /* the whole EAPOL PDU, for retransmission */
	struct eap_buf tx;
	bool tx_ready;
	struct eap_buf paused_req;  /* the request to process again once answered */
	const struct eap_method_ops *m;
	void *mpriv;
	struct eap_method_env env;
	uint8_t offered;            /* a method the server proposed and we Nak'ed */
	uint8_t methods[1 + EAP_PEER_MORE_METHODS]; /* ours, in order of preference; 0 ends */
	char left_out[EAP_PEER_TEXT_MAX]; /* the list's methods cfg cannot run, and why */
	struct eap_peer_result res;
};

static char *eap_peer_strdup(const char *s, bool *oom)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

static void eap_peer_strfree(const char *s)
{
	if (!s)
		return;
	OPENSSL_cleanse((char *)s, strlen(s));
	free((char *)s);
}

static void eap_peer_config_free(struct eap_peer_config *c)
{
	eap_peer_strfree(c->identity);
	eap_peer_strfree(c->anonymous_identity);
	eap_peer_strfree(c->password);
	eap_peer_strfree(c->ca_cert);
	eap_peer_strfree(c->client_cert);
	eap_peer_strfree(c->private_key);
	eap_peer_strfree(c->private_key_passwd);
	eap_peer_strfree(c->phase1);
	eap_peer_strfree(c->phase2);
	eap_peer_strfree(c->domain_suffix_match);
	eap_peer_strfree(c->domain_match);
	memset(c, 0, sizeof(*c));
}

static const struct eap_method_ops *eap_peer_method_ops(enum eap_peer_method m)
{
	switch (m) {
	case EAP_PEER_METHOD_TLS:
		return &eap_method_tls;
	case EAP_PEER_METHOD_TTLS:
		return &eap_method_ttls;
	case EAP_PEER_METHOD_PEAP:
		return &eap_method_peap;
	}
	return NULL;
}

static size_t eap_peer_methods_count(const struct eap_peer *p)
{
	size_t n = 0;

	while (n < sizeof(p->methods) && p->methods[n])
		n++;
	return n;
}

static bool eap_peer_method_is_ours(const struct eap_peer *p, uint8_t type)
{
	size_t i;

	for (i = 0; i < eap_peer_methods_count(p); i++)
		if (p->methods[i] == type)
			return true;
	return false;
}

/* "PEAP", "PEAP or TTLS", "TLS, PEAP or TTLS" */
static void eap_peer_methods_format(const struct eap_peer *p, char *buf, size_t len)
{
	size_t i, n = eap_peer_methods_count(p), at = 0;

	buf[0] = 0;
	for (i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s",
				       !i ? "" : i + 1 == n ? " or " : ", ",
				       eap_type_name(p->methods[i]));
}

/*
 * cfg's method, then its more_methods, in order: each one we have, none twice. In a list, a
 * method cfg cannot run (its usable op: TLS without a client certificate, PEAP with
 * phase2="auth=PAP") is left out and named in p->left_out, so our Nak never offers what we
 * would refuse (RFC 3748 5.3.1: the Nak holds "the desired authentication Type(s)"). When
 * none is left, eap_peer_start fails at once saying why. False on a bad list.
 */
static bool eap_peer_methods_set(struct eap_peer *p, const struct eap_peer_config *cfg)
{
	uint8_t all[1 + EAP_PEER_MORE_METHODS];
	const struct eap_method_ops *ops;
	size_t i, n = 0, at = 0;
	char why[EAP_PEER_TEXT_MAX];

	all[0] = (uint8_t)cfg->method;
	memcpy(all + 1, cfg->more_methods, EAP_PEER_MORE_METHODS);
	for (i = 0; i < sizeof(all) && all[i]; i++) {
		ops = eap_peer_method_ops((enum eap_peer_method)all[i]);
		if (!ops || memchr(all, all[i], i))
			return false;
		if (all[1] && ops->usable && !ops->usable(cfg, why, sizeof(why))) {
			if (at < sizeof(p->left_out))
				at += (size_t)snprintf(p->left_out + at, sizeof(p->left_out) - at,
						       "%s%s", at ? "; " : "", why);
			continue;
		}
		p->methods[n++] = all[i];
	}
	return i > 0;
}

const char *eap_peer_left_out(const struct eap_peer *p)
{
	return p->left_out;
}

struct eap_peer *eap_peer_new(const struct eap_peer_config *cfg, struct eap_session_cache *cache)
{
	struct eap_peer *p;
	bool oom = false;

	if (!cfg)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	if (!eap_peer_methods_set(p, cfg)) {
		free(p);
		return NULL;
	}
	p->cfg = *cfg;
	p->cfg.identity = eap_peer_strdup(cfg->identity, &oom);
	p->cfg.anonymous_identity = eap_peer_strdup(cfg->anonymous_identity, &oom);
	p->cfg.password = eap_peer_strdup(cfg->password, &oom);
	p->cfg.ca_cert = eap_peer_strdup(cfg->ca_cert, &oom);
	p->cfg.client_cert = eap_peer_strdup(cfg->client_cert, &oom);
	p->cfg.private_key = eap_peer_strdup(cfg->private_key, &oom);
	p->cfg.private_key_passwd = eap_peer_strdup(cfg->private_key_passwd, &oom);
	p->cfg.phase1 = eap_peer_strdup(cfg->phase1, &oom);
	p->cfg.phase2 = eap_peer_strdup(cfg->phase2, &oom);
	p->cfg.domain_suffix_match = eap_peer_strdup(cfg->domain_suffix_match, &oom);
	p->cfg.domain_match = eap_peer_strdup(cfg->domain_match, &oom);
	if (!p->cfg.start_period_ms)
		p->cfg.start_period_ms = 30000;
	if (!p->cfg.max_start)
		p->cfg.max_start = 3;
	if (!p->cfg.auth_period_ms)
		p->cfg.auth_period_ms = 30000;
	p->cache = cache;
	p->eapol_version = 2;
	p->last_id = -1;
	eap_buf_init(&p->last_resp);
	eap_buf_init(&p->tx);
	eap_buf_init(&p->paused_req);
	if (oom) {
		eap_peer_free(p);
		return NULL;
	}
	return p;
}

static void eap_peer_method_drop(struct eap_peer *p)
{
	if (p->m)
		p->m->free(p->mpriv);
	p->m = NULL;
	p->mpriv = NULL;
	memset(&p->env, 0, sizeof(p->env));
}

void eap_peer_free(struct eap_peer *p)
{
	if (!p)
		return;
	eap_peer_method_drop(p);
	eap_peer_config_free(&p->cfg);
	eap_buf_free(&p->last_resp);
	eap_buf_free(&p->tx);
	eap_buf_free(&p->paused_req);
	OPENSSL_cleanse(&p->res, sizeof(p->res));
	free(p);
}

static enum eap_peer_status eap_peer_status_now(const struct eap_peer *p)
{
	switch (p->pae) {
	case EAP_PEER_PAE_AUTHENTICATED:
		return EAP_PEER_SUCCESS;
	case EAP_PEER_PAE_HELD:
		return EAP_PEER_FAILURE;
	case EAP_PEER_PAE_PAUSED:
		return p->paused_for;
	case EAP_PEER_PAE_DISCONNECTED:
	case EAP_PEER_PAE_CONNECTING:
	case EAP_PEER_PAE_AUTHENTICATING:
		return EAP_PEER_CONTINUE;
	}
	return EAP_PEER_CONTINUE;
}

static enum eap_peer_status eap_peer_finish_fail(struct eap_peer *p, enum eap_peer_reason reason,
						 const char *text)
{
	p->res.status = EAP_PEER_FAILURE;
	p->res.reason = reason;
	snprintf(p->res.text, sizeof(p->res.text), "%s", text);
	p->res.method = p->m ? p->m->type : 0;
	p->res.unverified = p->env.unverified;
	p->res.resumed = p->env.resumed;
	OPENSSL_cleanse(p->res.msk, sizeof(p->res.msk));
	OPENSSL_cleanse(p->res.emsk, sizeof(p->res.emsk));
	p->res.msk_len = p->res.emsk_len = 0;
	/* a session that did not end in success is not worth resuming */
	eap_session_cache_clear(p->cache);
	eap_peer_method_drop(p);
	p->pae = EAP_PEER_PAE_HELD;
	p->timer_ms = 0;
	return EAP_PEER_FAILURE;
}

static void eap_peer_queue(struct eap_peer *p, const struct eap_buf *pdu)
{
	eap_buf_reset(&p->tx);
	p->tx_ready = eap_buf_put(&p->tx, pdu->data, pdu->len) != NULL;
}

enum eap_peer_status eap_peer_start(struct eap_peer *p)
{
	struct eap_buf b;

	eap_buf_init(&b);
	eap_peer_method_drop(p);
	memset(&p->res, 0, sizeof(p->res));
	p->last_id = -1;
	p->offered = 0;
	if (!p->methods[0]) {
		char text[EAP_PEER_TEXT_MAX + 64];

		snprintf(text, sizeof(text), "no method of the list can run with this network's "
			 "settings: %s", p->left_out);
		return eap_peer_finish_fail(p, EAP_PEER_REASON_CONFIG, text);
	}
	p->pae = EAP_PEER_PAE_CONNECTING;
	p->start_count = 1;
	if (eapol_start_build(&b, p->eapol_version) == 0)
		eap_peer_queue(p, &b);
	eap_buf_free(&b);
	p->timer_ms = p->cfg.start_period_ms;
	return EAP_PEER_CONTINUE;
}

unsigned int eap_peer_timeout_ms(const struct eap_peer *p)
{
	return p->timer_ms;
}

enum eap_peer_status eap_peer_timeout(struct eap_peer *p)
{
	char text[EAP_PEER_TEXT_MAX];
	struct eap_buf b;

	switch (p->pae) {
	case EAP_PEER_PAE_CONNECTING:
		/* IEEE 802.1X-2010 8.5.9: startWhen expired; retry while startCount < maxStart */
		if (p->start_count >= p->cfg.max_start) {
			snprintf(text, sizeof(text), "no EAP server: %u EAPOL-Start unanswered",
				 p->start_count);
			return eap_peer_finish_fail(p, EAP_PEER_REASON_NO_AUTHENTICATOR, text);
		}
		p->start_count++;
		eap_buf_init(&b);
		if (eapol_start_build(&b, p->eapol_version) == 0)
			eap_peer_queue(p, &b);
		eap_buf_free(&b);
		p->timer_ms = p->cfg.start_period_ms;
		return EAP_PEER_CONTINUE;
	case EAP_PEER_PAE_AUTHENTICATING:
		snprintf(text, sizeof(text), "%s: the EAP server stopped answering",
			 p->m ? p->m->name : "EAP");
		return eap_peer_finish_fail(p, EAP_PEER_REASON_TIMEOUT, text);
	case EAP_PEER_PAE_DISCONNECTED:
	case EAP_PEER_PAE_AUTHENTICATED:
	case EAP_PEER_PAE_HELD:
	case EAP_PEER_PAE_PAUSED:
		p->timer_ms = 0;
		return eap_peer_status_now(p);
	}
	return eap_peer_status_now(p);
}

static enum eap_peer_status eap_peer_pause(struct eap_peer *p, enum eap_peer_status why,
					   const uint8_t *pdu, size_t len)
{
	eap_buf_reset(&p->paused_req);
	if (!eap_buf_put(&p->paused_req, pdu, len))
		return eap_peer_finish_fail(p, EAP_PEER_REASON_CONFIG, "out of memory");
	p->pae = EAP_PEER_PAE_PAUSED;
	p->paused_for = why;
	p->timer_ms = 0;
	return why;
}

/* Wrap type-data as our Response to request id, queue it and remember it (RFC 4137 lastRespData). */
static enum eap_peer_status eap_peer_respond(struct eap_peer *p, uint8_t id, uint8_t type,
					     const struct eap_buf *data)
{
	eap_buf_reset(&p->last_resp);
	if (eap_msg_build_response(&p->last_resp, p->eapol_version, id, type, data->data, data->len))
		return eap_peer_finish_fail(p, EAP_PEER_REASON_CONFIG, "out of memory");
	eap_peer_queue(p, &p->last_resp);
	p->last_id = id;
	p->timer_ms = p->cfg.auth_period_ms;
	return EAP_PEER_CONTINUE;
}

static enum eap_peer_status eap_peer_identity(struct eap_peer *p, const struct eap_msg *m,
					      const uint8_t *pdu, size_t len)
{
	const char *id = p->cfg.anonymous_identity && *p->cfg.anonymous_identity ?
				 p->cfg.anonymous_identity : p->cfg.identity;
	struct eap_buf b;
	enum eap_peer_status st;

	if (!id)
		return eap_peer_pause(p, EAP_PEER_NEED_IDENTITY, pdu, len);
	/* RFC 3748 5.1: a new Identity request starts the conversation over. */
	eap_peer_method_drop(p);
	eap_buf_init(&b);
	if (!eap_buf_put(&b, id, strlen(id))) {
		eap_buf_free(&b);
		return eap_peer_finish_fail(p, EAP_PEER_REASON_CONFIG, "out of memory");
	}
	st = eap_peer_respond(p, m->id, EAP_TYPE_IDENTITY, &b);
	eap_buf_free(&b);
	return st;
}

static enum eap_peer_status eap_peer_method_start(struct eap_peer *p, const uint8_t *pdu,
						  size_t len)
{
	const struct eap_method_ops *ops = eap_peer_method_ops(p->cfg.method);
	char text[EAP_PEER_TEXT_MAX];

	/* The tunnelled methods need the inner identity and a password before the tunnel. */
	if (p->cfg.method != EAP_PEER_METHOD_TLS) {
		if (!p->cfg.identity)
			return eap_peer_pause(p, EAP_PEER_NEED_IDENTITY, pdu, len);
		if (!p->cfg.password)
			return eap_peer_pause(p, EAP_PEER_NEED_PASSWORD, pdu, len);
	}
	/*
	 * The saved session serves only the credentials it was saved under. Bind here, once the
	 * prompts are answered: at eap_peer_new a prompted identity or password is still NULL,
	 * so a session saved under the right typed password would resume for a wrong one (PEAP's
	 * Result TLV and TTLS's phase 2 are skipped on resumption).
	 */
	if (p->cache)
		eap_session_cache_bind(p->cache, &p->cfg);
	memset(&p->env, 0, sizeof(p->env));
	p->env.cfg = &p->cfg;
	p->env.cache = p->cache;
	p->env.state = EAP_METHOD_STATE_CONT;
	p->env.decision = EAP_DECISION_FAIL;
	p->mpriv = ops->init(&p->env);
	if (!p->mpriv) {
		snprintf(text, sizeof(text), "%s", p->env.text);
		return eap_peer_finish_fail(p, p->env.reason, text);
	}
	p->m = ops;
	return EAP_PEER_CONTINUE;
}

static enum eap_peer_status eap_peer_method_request(struct eap_peer *p, const struct eap_msg *m)
{
	struct eap_buf resp;
	enum eap_peer_status st;
	int rc;

	eap_buf_init(&resp);
	p->env.id = m->id;
	rc = p->m->process(p->mpriv, &p->env, m->data, m->data_len, &resp);
	if (rc == 0 || resp.len) {
		st = eap_peer_respond(p, m->id, p->m->type, &resp);
		if (st != EAP_PEER_CONTINUE) {
			eap_buf_free(&resp);
			return st;
		}
	}
	eap_buf_free(&resp);
	if (rc) {
		char text[EAP_PEER_TEXT_MAX];

		snprintf(text, sizeof(text), "%s", p->env.text);
		return eap_peer_finish_fail(p, p->env.reason != EAP_PEER_REASON_NONE ?
						       p->env.reason : EAP_PEER_REASON_PROTOCOL, text);
	}
	return EAP_PEER_CONTINUE;
}

static enum eap_peer_status eap_peer_request(struct eap_peer *p, const struct eap_msg *m,
					     const uint8_t *pdu, size_t len)
{
	struct eap_buf b;
	enum eap_peer_status st;

	/* RFC 4137 4.4: a request with the last Identifier is a retransmission */
	if (m->id == p->last_id && p->last_resp.len && p->pae == EAP_PEER_PAE_AUTHENTICATING &&
	    m->type != EAP_TYPE_IDENTITY) {
		eap_peer_queue(p, &p->last_resp);
		p->timer_ms = p->cfg.auth_period_ms;
		return EAP_PEER_CONTINUE;
	}
	p->pae = EAP_PEER_PAE_AUTHENTICATING;
	switch (m->type) {
	case EAP_TYPE_IDENTITY:
		return eap_peer_identity(p, m, pdu, len);
	case EAP_TYPE_NOTIFICATION:
		/* RFC 3748 5.2: acknowledged with an empty Notification Response */
		eap_buf_init(&b);
		st = eap_peer_respond(p, m->id, EAP_TYPE_NOTIFICATION, &b);
		eap_buf_free(&b);
		return st;
	case EAP_TYPE_NAK:
		return EAP_PEER_CONTINUE; /* RFC 3748 5.3: Nak is Response-only; discard */
	default:
		break;
	}
	if (p->m) {
		/* RFC 4137 4.4: once a method runs, requests for another type are discarded */
		if (m->type != p->m->type)
			return EAP_PEER_CONTINUE;
		return eap_peer_method_request(p, m);
	}
	if (!eap_peer_method_is_ours(p, m->type)) {
		/*
		 * RFC 3748 5.3.1: "The Response contains one or more authentication Types desired
		 * by the Peer": a legacy Nak with all of ours, in our order of preference.
		 */
		p->offered = m->type;
		eap_buf_init(&b);
		st = !eap_buf_put(&b, p->methods, eap_peer_methods_count(p))
			     ? eap_peer_finish_fail(p, EAP_PEER_REASON_CONFIG, "out of memory")
			     : eap_peer_respond(p, m->id, EAP_TYPE_NAK, &b);
		eap_buf_free(&b);
		return st;
	}
	/* the server's choice among ours (RFC 3748 5.3.1); the conversation runs that one */
	p->cfg.method = (enum eap_peer_method)m->type;
	st = eap_peer_method_start(p, pdu, len);
	if (st != EAP_PEER_CONTINUE || !p->m)
		return st;
	return eap_peer_method_request(p, m);
}

static enum eap_peer_status eap_peer_success(struct eap_peer *p, const struct eap_msg *m)
{
	char text[EAP_PEER_TEXT_MAX];
	struct eap_peer_result *r = &p->res;

	/* RFC 4137 4.4 (reqId == lastId); some servers use lastId + 1 */
	if (p->last_id < 0 || (m->id != p->last_id && m->id != (uint8_t)(p->last_id + 1)))
		return eap_peer_status_now(p);
	if (!p->m)
		return eap_peer_finish_fail(p, EAP_PEER_REASON_PROTOCOL,
					    "EAP-Success before any authentication method");
	/* RFC 4137 4.1.1: Success is accepted unless decision is FAIL */
	if (p->env.decision == EAP_DECISION_FAIL) {
		snprintf(text, sizeof(text), "%s: EAP-Success before the server proved itself",
			 p->m->name);
		return eap_peer_finish_fail(p, EAP_PEER_REASON_SERVER_AUTH, text);
	}
	memset(r, 0, sizeof(*r));
	if (p->m->keys(p->mpriv, r->msk, r->emsk, &r->emsk_len)) {
		snprintf(text, sizeof(text), "%s: cannot derive keys", p->m->name);
		return eap_peer_finish_fail(p, EAP_PEER_REASON_TLS, text);
	}
	r->msk_len = EAP_PEER_MSK_LEN;
	r->status = EAP_PEER_SUCCESS;
	r->reason = EAP_PEER_REASON_NONE;
	r->method = p->m->type;
	r->unverified = p->env.unverified;
	r->resumed = p->env.resumed;
	snprintf(r->text, sizeof(r->text), "%s%s%s: success%s%s", p->m->name,
		 p->env.inner ? "/" : "", p->env.inner ? p->env.inner : "",
		 r->resumed ? " (resumed)" : "", r->unverified ? " (server NOT verified)" : "");
	if (p->m->success)
		p->m->success(p->mpriv, &p->env);
	eap_peer_method_drop(p);
	p->pae = EAP_PEER_PAE_AUTHENTICATED;
	p->timer_ms = 0;
	return EAP_PEER_SUCCESS;
}

static enum eap_peer_status eap_peer_failure(struct eap_peer *p, const struct eap_msg *m)
{
	char text[EAP_PEER_TEXT_MAX], want[32];
	const char *name = p->m ? p->m->name : "EAP";

	(void)m;
	/* RFC 4137 4.1.1: Failure is accepted unless decision is UNCOND_SUCC */
	if (p->m && p->env.decision == EAP_DECISION_UNCOND_SUCC)
		return eap_peer_status_now(p);
	if (p->m && p->env.reason != EAP_PEER_REASON_NONE) {
		snprintf(text, sizeof(text), "%s", p->env.text);
		return eap_peer_finish_fail(p, p->env.reason, text);
	}
	if (!p->m && p->offered) {
		eap_peer_methods_format(p, want, sizeof(want));
		snprintf(text, sizeof(text), "no common EAP method: the server offered %s, we want %s",
			 eap_type_name(p->offered), want);
		return eap_peer_finish_fail(p, EAP_PEER_REASON_METHOD_REFUSED, text);
	}
	if (!p->m) {
		snprintf(text, sizeof(text), "EAP-Failure before any method (identity rejected?)");
		return eap_peer_finish_fail(p, EAP_PEER_REASON_EAP_FAILURE, text);
	}
	snprintf(text, sizeof(text), "%s: server sent EAP-Failure", name);
	return eap_peer_finish_fail(p, EAP_PEER_REASON_EAP_FAILURE, text);
}

enum eap_peer_status eap_peer_rx(struct eap_peer *p, const uint8_t *pdu, size_t len)
{
	struct eapol_frame f;
	struct eap_msg m;
	const char *err = NULL;

	/* nothing of the list can run (eap_peer_start failed): nothing to answer with */
	if (!p->methods[0] || eapol_frame_parse(pdu, len, &f, &err) || f.type != EAPOL_TYPE_EAP)
		return eap_peer_status_now(p);
	if (eap_msg_parse(f.body, f.body_len, &m, &err))
		return eap_peer_status_now(p); /* RFC 3748 4.1: silently discarded */
	if (p->pae == EAP_PEER_PAE_PAUSED) {
		/* keep the newest copy of what we wait to answer */
		if (m.code == EAP_CODE_REQUEST)
			eap_peer_pause(p, p->paused_for, pdu, len);
		if (m.code == EAP_CODE_FAILURE)
			return eap_peer_finish_fail(p, EAP_PEER_REASON_EAP_FAILURE,
						    "EAP-Failure while waiting for credentials");
		return eap_peer_status_now(p);
	}
	/* IEEE 802.1X-2010 11.3.1: answer with the version the authenticator uses */
	p->eapol_version = f.version >= 1 && f.version <= 3 ? f.version : 2;
	switch (m.code) {
	case EAP_CODE_REQUEST:
		if (p->pae == EAP_PEER_PAE_AUTHENTICATED || p->pae == EAP_PEER_PAE_HELD) {
			/* after the end only a new Identity request starts over (reauthentication) */
			if (m.type != EAP_TYPE_IDENTITY)
				return eap_peer_status_now(p);
			memset(&p->res, 0, sizeof(p->res));
			p->last_id = -1;
			p->offered = 0;
		}
		return eap_peer_request(p, &m, pdu, len);
	case EAP_CODE_SUCCESS:
		if (p->pae != EAP_PEER_PAE_AUTHENTICATING)
			return eap_peer_status_now(p);
		return eap_peer_success(p, &m);
	case EAP_CODE_FAILURE:
		if (p->pae != EAP_PEER_PAE_AUTHENTICATING && p->pae != EAP_PEER_PAE_CONNECTING)
			return eap_peer_status_now(p);
		return eap_peer_failure(p, &m);
	default:
		return eap_peer_status_now(p);
	}
}

static enum eap_peer_status eap_peer_resume(struct eap_peer *p)
{
	struct eap_buf req = p->paused_req;
	enum eap_peer_status st;

	if (p->pae != EAP_PEER_PAE_PAUSED)
		return eap_peer_status_now(p);
	eap_buf_init(&p->paused_req);
	p->pae = EAP_PEER_PAE_AUTHENTICATING;
	st = eap_peer_rx(p, req.data, req.len);
	eap_buf_free(&req);
	return st;
}

/* hash_flag: a flag of the value's form, cleared with the value taken (what a user types is
 * the password itself) */
static enum eap_peer_status eap_peer_set_secret(struct eap_peer *p, const char **slot,
						bool *hash_flag, const char *value)
{
	char *copy;

	if (!value)
		return eap_peer_status_now(p);
	copy = strdup(value);
	if (!copy)
		return eap_peer_finish_fail(p, EAP_PEER_REASON_CONFIG, "out of memory");
	eap_peer_strfree(*slot);
	*slot = copy;
	if (hash_flag)
		*hash_flag = false;
	return eap_peer_resume(p);
}

enum eap_peer_status eap_peer_set_identity(struct eap_peer *p, const char *identity)
{
	return eap_peer_set_secret(p, &p->cfg.identity, NULL, identity);
}

enum eap_peer_status eap_peer_set_password(struct eap_peer *p, const char *password)
{
	return eap_peer_set_secret(p, &p->cfg.password, &p->cfg.password_is_hash, password);
}

unsigned int eap_peer_abi(void)
{
	return EAP_PEER_ABI;
}

enum eap_peer_status eap_peer_logoff(struct eap_peer *p)
{
	struct eap_buf b;

	eap_buf_init(&b);
	/* IEEE 802.1X-2010 11.3.2: EAPOL-Logoff, empty body */
	if (eap_buf_put_u8(&b, p->eapol_version) == 0 && eap_buf_put_u8(&b, EAPOL_TYPE_LOGOFF) == 0 &&
	    eap_buf_put_be16(&b, 0) == 0)
		eap_peer_queue(p, &b);
	eap_buf_free(&b);
	eap_peer_finish_fail(p, EAP_PEER_REASON_LOGOFF, "logged off");
	p->pae = EAP_PEER_PAE_HELD;
	return EAP_PEER_FAILURE;
}

const uint8_t *eap_peer_tx(struct eap_peer *p, size_t *len)
{
	if (!p->tx_ready) {
		*len = 0;
		return NULL;
	}
	p->tx_ready = false;
	*len = p->tx.len;
	return p->tx.data;
}

const struct eap_peer_result *eap_peer_result(const struct eap_peer *p)
{
	return &p->res;
}

const char *eap_peer_status_str(enum eap_peer_status s)
{
	switch (s) {
	case EAP_PEER_CONTINUE: return "continue";
	case EAP_PEER_NEED_IDENTITY: return "need identity";
	case EAP_PEER_NEED_PASSWORD: return "need password";
	case EAP_PEER_SUCCESS: return "success";
	case EAP_PEER_FAILURE: return "failure";
	}
	return "?";
}

const char *eap_peer_reason_str(enum eap_peer_reason r)
{
	switch (r) {
	case EAP_PEER_REASON_NONE: return "none";
	case EAP_PEER_REASON_NO_AUTHENTICATOR: return "no authenticator";
	case EAP_PEER_REASON_TIMEOUT: return "timeout";
	case EAP_PEER_REASON_METHOD_REFUSED: return "no common method";
	case EAP_PEER_REASON_SERVER_UNTRUSTED: return "server certificate not trusted";
	case EAP_PEER_REASON_SERVER_NAME: return "server name mismatch";
	case EAP_PEER_REASON_TLS: return "TLS failure";
	case EAP_PEER_REASON_AUTH_REJECTED: return "credentials rejected";
	case EAP_PEER_REASON_SERVER_AUTH: return "server failed to authenticate";
	case EAP_PEER_REASON_EAP_FAILURE: return "EAP failure";
	case EAP_PEER_REASON_PROTOCOL: return "protocol error";
	case EAP_PEER_REASON_CONFIG: return "configuration error";
	case EAP_PEER_REASON_LOGOFF: return "logoff";
	}
	return "?";
}
