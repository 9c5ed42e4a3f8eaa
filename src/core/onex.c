// SPDX-License-Identifier: BSD-3-Clause
/*
 * The host's 802.1X module (contract §4.17, §3.18; rules 57-60): Dot11ExtStartOneX starts an
 * EAP peer (src/eap) on the port with the connection's EAP configuration, which the daemon
 * handed over with the connect request (struct ihv_onex_config, docs/contract.md §5.5); the
 * plugin feeds it the received EAPOL PDUs other than EAPOL-Key (ProcessSecurityPacket) and
 * hears the outcome through Dot11ExtIhvOnexIndicateResult:
 *
 *   StartOneX --> EAPOL-Start (x3, rule 58) --> EAP conversation --> SUCCESS (MPPE keys)
 *                      |                              |          \-> FAILURE (reason)
 *                      \-> FAILURE (no authenticator)  \-> NEED_IDENTITY/PASSWORD: ui_request
 *   after a result, a new EAP-Request/Identity (reauthentication): IN_PROGRESS, then a result
 *
 * Everything here runs on the loop thread; the services (svc-packet.c) only check the window
 * under the lock and queue work. Secrets (password, MSK, the user's answers) are never
 * logged and are cleansed after use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>


#include "core/ihv-core.h"
#include "common/wipe.h"
#include "common/log.h"
#include "eap/eap-peer.h"

#define ONEX_START_PERIOD_MS 4000u  /* 3 EAPOL-Starts then failure: 12 s < post timeout */
#define ONEX_UI_TIMEOUT_MS   60000u
/*
 * The first EAPOL-Start waits this long: an authenticator such as hostapd sends its
 * EAP-Request/Identity on association already (held until PerformPostAssociate and
 * delivered right after it), and an EAPOL-Start on top of a running conversation makes it
 * start over (IEEE 802.1X-2010 8.2.4.1.3, eapolStart). Any EAP packet first: no Start.
 */
#define ONEX_START_HOLD_MS   300u
#define ONEX_MPPE_KEY_LEN    32

enum onex_str {
	ONEX_S_IDENTITY,
	ONEX_S_ANON,
	ONEX_S_PASSWORD,
	ONEX_S_CA,
	ONEX_S_CLIENT_CERT,
	ONEX_S_KEY,
	ONEX_S_KEY_PASSWD,
	ONEX_S_PHASE1,
	ONEX_S_PHASE2,
	ONEX_S_SUFFIX,
	ONEX_S_MATCH,
	ONEX_S_NETWORK,
	ONEX_S_COUNT,
};

struct ihv_onex {
	char *s[ONEX_S_COUNT];       /* owned copies; cleansed on free */
	char methods_text[sizeof("TLS PEAP TTLS")];
	bool unverified_ok;
	uint32_t start_period_ms, ui_timeout_ms;
	struct eap_peer_config pc;   /* points into s[] */
	struct eap_session_cache *cache; /* the adapter's (onex_cache), borrowed */

	struct eap_peer *peer;       /* the running exchange, NULL if none */
	struct loop_timer *timer;    /* the peer's timer */
	struct loop_timer *ui_timer; /* an unanswered credential request */
	struct loop_timer *hold_timer; /* the first EAPOL-Start, held back */
	uint8_t start_pdu[16];       /* that EAPOL-Start */
	size_t start_len;
	bool result_given;           /* SUCCESS/FAILURE indicated for this conversation */
	uint8_t method_told;
	bool ui_pending;
	GUID ui_guid;
	enum eap_peer_status ui_need;
};

static char *onex_strdup(const char *s, bool *fail)
{
	char *d;

	if (!s)
		return NULL;
	d = strdup(s);
	if (!d)
		*fail = true;
	return d;
}

/* The conversation's result is given: an open credential request has nothing left to serve,
 * and its timer must not give a second result (contract rule 60: one result per conversation).
 * A late answer gets -ENOENT. */
static void onex_ui_close(struct ihv_adapter *a, struct ihv_onex *o)
{
	if (!o->ui_pending)
		return;
	o->ui_pending = false;
	loop_timer_cancel(o->ui_timer);
	/* the user's time was added to the post-association deadline (onex_ask): taken back */
	if (a->phase == IHV_PHASE_POST_ASSOCIATE)
		loop_timer_arm(a->phase_timer, a->h->post_timeout_ms);
	log_info("%s: 802.1X: the %s request is withdrawn: the conversation has its result",
		 a->ifname, o->ui_need == EAP_PEER_NEED_IDENTITY ? "identity" : "password");
}

static void onex_peer_end(struct ihv_onex *o)
{
	if (o->timer)
		loop_timer_cancel(o->timer);
	if (o->ui_timer)
		loop_timer_cancel(o->ui_timer);
	if (o->hold_timer)
		loop_timer_cancel(o->hold_timer);
	o->start_len = 0;
	eap_peer_free(o->peer); /* cleanses its copies of the secrets */
	o->peer = NULL;
	o->ui_pending = false;
	o->result_given = false;
	o->method_told = 0;
}

void ihv_onex_free(struct ihv_adapter *a)
{
	struct ihv_onex *o;
	size_t i;

	ihv_lock();
	o = a->onex;
	a->onex = NULL;
	a->onex_running = false;
	ihv_unlock();
	if (!o)
		return;
	onex_peer_end(o);
	loop_timer_free(o->timer);
	loop_timer_free(o->ui_timer);
	loop_timer_free(o->hold_timer);
	for (i = 0; i < ONEX_S_COUNT; i++) {
		if (o->s[i]) {
			secret_wipe(o->s[i], strlen(o->s[i]));
			free(o->s[i]);
		}
	}
	secret_wipe(o, sizeof(*o));
	free(o);
}

/* The outer methods, by EAP Type (RFC 3748 5), with wpa_supplicant's names for them. */
static const struct {
	enum ihv_onex_eap_type type;
	const char *name;
} onex_methods[] = {
	{ IHV_ONEX_EAP_TLS, "TLS" },
	{ IHV_ONEX_EAP_PEAP, "PEAP" },
	{ IHV_ONEX_EAP_TTLS, "TTLS" },
};
#define ONEX_METHODS_N (sizeof(onex_methods) / sizeof(onex_methods[0]))

_Static_assert((int)IHV_ONEX_EAP_TLS == (int)EAP_PEER_METHOD_TLS &&
	       (int)IHV_ONEX_EAP_PEAP == (int)EAP_PEER_METHOD_PEAP &&
	       (int)IHV_ONEX_EAP_TTLS == (int)EAP_PEER_METHOD_TTLS,
	       "the daemon's method types are the peer's (both the EAP Type)");
_Static_assert(IHV_ONEX_METHODS_MAX == 1 + EAP_PEER_MORE_METHODS &&
	       IHV_ONEX_METHODS_MAX == ONEX_METHODS_N, "a list holds each method once");

uint8_t ihv_onex_method_parse(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < ONEX_METHODS_N; i++)
		if (strlen(onex_methods[i].name) == len && !memcmp(word, onex_methods[i].name, len))
			return (uint8_t)onex_methods[i].type;
	return 0;
}

/* The name of one of our methods' type, NULL for any other type. */
static const char *onex_method_name_find(uint8_t type)
{
	size_t i;

	for (i = 0; i < ONEX_METHODS_N; i++)
		if (onex_methods[i].type == type)
			return onex_methods[i].name;
	return NULL;
}

const char *ihv_onex_method_name(uint8_t type)
{
	const char *name = onex_method_name_find(type);

	return name ? name : "?";
}

int ihv_onex_methods_take(const uint8_t methods[IHV_ONEX_METHODS_MAX],
			  struct eap_peer_config *pc)
{
	size_t k;

	memset(pc->more_methods, 0, sizeof(pc->more_methods));
	for (k = 0; k < IHV_ONEX_METHODS_MAX && methods[k]; k++)
		if (!onex_method_name_find(methods[k]) || memchr(methods, methods[k], k))
			return -1;
	if (!k)
		return -1;
	for (; k < IHV_ONEX_METHODS_MAX; k++) /* nothing after the end */
		if (methods[k])
			return -1;
	pc->method = (enum eap_peer_method)methods[0];
	memcpy(pc->more_methods, methods + 1, sizeof(pc->more_methods));
	return 0;
}

/* "PEAP TTLS": the list for log lines and the STARTED event. */
static void onex_methods_text(const struct eap_peer_config *pc, char *buf, size_t len)
{
	size_t k;

	snprintf(buf, len, "%s", ihv_onex_method_name((uint8_t)pc->method));
	for (k = 0; k < EAP_PEER_MORE_METHODS && pc->more_methods[k]; k++)
		snprintf(buf + strlen(buf), len - strlen(buf), " %s",
			 ihv_onex_method_name(pc->more_methods[k]));
}

void ihv_onex_cache_drop(struct ihv_adapter *a)
{
	eap_session_cache_free(a->onex_cache);
	a->onex_cache = NULL;
	free(a->onex_cache_net);
	a->onex_cache_net = NULL;
}

/*
 * The EAP session cache for a connection to network: the one kept from the last connection
 * when it was to the same network, so that a full authentication there (a reconnect the AP
 * answered without our PMKSA, a restarted AP) resumes the TLS session (RFC 5216 2.1.2,
 * RFC 5246 7.3) and finds its client context built. eap_peer_new ties the cache to the
 * conversation's configuration and empties it first if that changed (eap-tls-common.h).
 */
static struct eap_session_cache *onex_cache_for(struct ihv_adapter *a, const char *network)
{
	if (a->onex_cache && a->onex_cache_net && !strcmp(a->onex_cache_net, network))
		return a->onex_cache;
	ihv_onex_cache_drop(a);
	a->onex_cache_net = strdup(network);
	a->onex_cache = a->onex_cache_net ? eap_session_cache_new() : NULL;
	return a->onex_cache;
}

int ihv_onex_config_set(struct ihv_adapter *a, const struct ihv_onex_config *cfg)
{
	struct eap_peer_config methods;
	struct ihv_onex *o;
	bool fail = false;

	ihv_onex_free(a);
	if (!cfg)
		return 0;
	if (ihv_onex_methods_take(cfg->methods, &methods)) {
		log_warn("%s: 802.1X: invalid EAP method list (types %u %u %u; TLS, PEAP or "
			 "TTLS, each once)", a->ifname, cfg->methods[0], cfg->methods[1],
			 cfg->methods[2]);
		return -EINVAL;
	}
	o = calloc(1, sizeof(*o));
	if (!o)
		return -ENOMEM;
	o->s[ONEX_S_IDENTITY] = onex_strdup(cfg->identity, &fail);
	o->s[ONEX_S_ANON] = onex_strdup(cfg->anonymous_identity, &fail);
	o->s[ONEX_S_PASSWORD] = onex_strdup(cfg->password, &fail);
	o->s[ONEX_S_CA] = onex_strdup(cfg->ca_cert, &fail);
	o->s[ONEX_S_CLIENT_CERT] = onex_strdup(cfg->client_cert, &fail);
	o->s[ONEX_S_KEY] = onex_strdup(cfg->private_key, &fail);
	o->s[ONEX_S_KEY_PASSWD] = onex_strdup(cfg->private_key_passwd, &fail);
	o->s[ONEX_S_PHASE1] = onex_strdup(cfg->phase1, &fail);
	o->s[ONEX_S_PHASE2] = onex_strdup(cfg->phase2, &fail);
	o->s[ONEX_S_SUFFIX] = onex_strdup(cfg->domain_suffix_match, &fail);
	o->s[ONEX_S_MATCH] = onex_strdup(cfg->domain_match, &fail);
	o->s[ONEX_S_NETWORK] = onex_strdup(cfg->network ? cfg->network : "this network", &fail);
	o->unverified_ok = cfg->unverified_ok;
	o->start_period_ms = cfg->start_period_ms ? cfg->start_period_ms : ONEX_START_PERIOD_MS;
	o->ui_timeout_ms = cfg->ui_timeout_ms ? cfg->ui_timeout_ms : ONEX_UI_TIMEOUT_MS;
	o->cache = onex_cache_for(a, o->s[ONEX_S_NETWORK] ? o->s[ONEX_S_NETWORK] : "");
	o->pc.method = methods.method;
	memcpy(o->pc.more_methods, methods.more_methods, sizeof(o->pc.more_methods));
	onex_methods_text(&o->pc, o->methods_text, sizeof(o->methods_text));
	o->pc.identity = o->s[ONEX_S_IDENTITY];
	o->pc.anonymous_identity = o->s[ONEX_S_ANON];
	o->pc.password = o->s[ONEX_S_PASSWORD];
	o->pc.password_is_hash = cfg->password_is_hash;
	o->pc.ca_cert = o->s[ONEX_S_CA];
	o->pc.client_cert = o->s[ONEX_S_CLIENT_CERT];
	o->pc.private_key = o->s[ONEX_S_KEY];
	o->pc.private_key_passwd = o->s[ONEX_S_KEY_PASSWD];
	o->pc.phase1 = o->s[ONEX_S_PHASE1];
	o->pc.phase2 = o->s[ONEX_S_PHASE2];
	o->pc.domain_suffix_match = o->s[ONEX_S_SUFFIX];
	o->pc.domain_match = o->s[ONEX_S_MATCH];
	o->pc.start_period_ms = o->start_period_ms;
	o->pc.max_start = 3; /* contract rule 58: three EAPOL-Starts */
	ihv_lock();
	a->onex = o;
	ihv_unlock();
	if (fail || !o->cache) {
		ihv_onex_free(a);
		return -ENOMEM;
	}
	return 0;
}

uint32_t ihv_onex_start_check(struct ihv_adapter *a)
{
	if (!a->port) {
		log_warn("%s: contract rule 57: StartOneX outside PerformPostAssociate..StopPostAssociate",
			 a->h->name);
		return ERROR_INVALID_STATE; /* contract rules 22, 57 */
	}
	if (!a->onex) {
		log_warn("%s: StartOneX on %s: the network has no 802.1X configuration (eap=...)",
			 a->h->name, a->ifname);
		return ERROR_NOT_SUPPORTED;
	}
	if (a->onex_running) {
		log_warn("%s: StartOneX on %s: an 802.1X exchange is already running (StopOneX first)",
			 a->h->name, a->ifname);
		return ERROR_INVALID_STATE;
	}
	a->onex_running = true;
	return ERROR_SUCCESS;
}

/* ---- results to the plugin ------------------------------------------------------------- */

static void onex_event(struct ihv_adapter *a, enum ihv_onex_event what, const char *text)
{
	if (a->ev.onex)
		a->ev.onex(a->ctx, what, text);
}

/*
 * Dot11ExtIhvOnexIndicateResult (contract §3.18). On success the MPPE keys carry the MSK,
 * in the clear (Linux has no DPAPI; contract.md §5.5): pbMPPERecvKey = MSK[0..31], the PMK
 * of IEEE 802.11-2020 12.7.1.3 ("the PMK is the first 256 bits of the MSK"), and
 * pbMPPESendKey = MSK[32..63] (RFC 2716 3.5 / RFC 5216 2.3 order). The buffers are ours and
 * cleansed when the handler returns: the plugin copies what it keeps.
 */
static void onex_indicate(struct ihv_adapter *a, DOT11_MSONEX_RESULT r, ONEX_AUTH_STATUS st,
			  ONEX_REASON_CODE why, uint32_t eap_reason, const uint8_t *msk,
			  size_t msk_len)
{
	DOT11_MSONEX_RESULT_PARAMS p;
	DOT11_EAP_RESULT er;
	uint8_t keys[2 * ONEX_MPPE_KEY_LEN];
	struct ihv_call save;
	DWORD rc;

	memset(&p, 0, sizeof(p));
	memset(&er, 0, sizeof(er));
	p.Dot11OnexAuthStatus = st;
	p.Dot11OneXReasonCode = why;
	er.dwFailureReasonCode = eap_reason;
	p.pDot11EapResult = &er;
	if (msk && msk_len >= sizeof(keys)) {
		memcpy(keys, msk, sizeof(keys));
		p.pbMPPERecvKey = keys;
		p.dwMPPERecvKeyLen = ONEX_MPPE_KEY_LEN;
		p.pbMPPESendKey = keys + ONEX_MPPE_KEY_LEN;
		p.dwMPPESendKeyLen = ONEX_MPPE_KEY_LEN;
	}
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->hd.Dot11ExtIhvOnexIndicateResult(a->ext, r, &p);
	ihv_call_leave(a->h, a, &save);
	secret_wipe(keys, sizeof(keys));
	if (rc != ERROR_SUCCESS)
		log_debug("%s: OnexIndicateResult returned error %u", a->h->name, rc);
}

static ONEX_REASON_CODE onex_reason(enum eap_peer_reason r, ONEX_AUTH_STATUS *st)
{
	*st = OneXAuthFailure;
	switch (r) {
	case EAP_PEER_REASON_NO_AUTHENTICATOR:
		*st = OneXAuthNoAuthenticatorFound;
		return ONEX_AUTHENTICATOR_NO_LONGER_PRESENT;
	case EAP_PEER_REASON_TIMEOUT:
		return ONEX_NO_RESPONSE_TO_IDENTITY;
	case EAP_PEER_REASON_METHOD_REFUSED:
		return ONEX_PROFILE_DISALLOWED_EAP_TYPE;
	case EAP_PEER_REASON_CONFIG:
		return ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES;
	case EAP_PEER_REASON_LOGOFF:
		return ONEX_UI_CANCELLED;
	case EAP_PEER_REASON_NONE:
	case EAP_PEER_REASON_SERVER_UNTRUSTED:
	case EAP_PEER_REASON_SERVER_NAME:
	case EAP_PEER_REASON_TLS:
	case EAP_PEER_REASON_AUTH_REJECTED:
	case EAP_PEER_REASON_SERVER_AUTH:
	case EAP_PEER_REASON_EAP_FAILURE:
	case EAP_PEER_REASON_PROTOCOL:
		break;
	}
	return ONEX_EAP_FAILURE_RECEIVED;
}

/* A failure the module decides itself (configuration, the user): no EAP result. */
static void onex_fail_local(struct ihv_adapter *a, ONEX_REASON_CODE why, const char *text)
{
	struct ihv_onex *o = a->onex;

	log_warn("%s: 802.1X failed: %s", a->ifname, text);
	if (o) {
		onex_peer_end(o);
		o->result_given = true;
	}
	onex_event(a, IHV_ONEX_FAILURE, text);
	onex_indicate(a, DOT11_MSONEX_FAILURE, OneXAuthFailure, why, 0, NULL, 0);
}

/* ---- the exchange ----------------------------------------------------------------------- */

static void onex_send_pdu(struct ihv_adapter *a, const uint8_t *pdu, size_t len)
{
	uint8_t *buf;

	if (!a->port || len > IHV_MAX_PACKET - 8)
		return;
	buf = malloc(len + 8);
	if (!buf)
		return;
	memcpy(buf, a->bssid, 6);
	buf[6] = 0x88; /* IEEE 802.1X-2010 11.3: EtherType 88-8E */
	buf[7] = 0x8e;
	memcpy(buf + 8, pdu, len);
	ihv_port_send_now(a, buf, len + 8);
	secret_wipe(buf, len + 8);
	free(buf);
}

static void onex_send(struct ihv_adapter *a)
{
	struct ihv_onex *o = a->onex;
	const uint8_t *pdu;
	size_t len;

	while (o->peer && (pdu = eap_peer_tx(o->peer, &len)) != NULL)
		onex_send_pdu(a, pdu, len);
}

static void onex_hold_timer_cb(void *arg)
{
	struct ihv_adapter *a = arg;
	struct ihv_onex *o = a->onex;

	if (o && o->peer && o->start_len) {
		onex_send_pdu(a, o->start_pdu, o->start_len);
		o->start_len = 0;
	}
}

static void onex_ask(struct ihv_adapter *a, enum eap_peer_status need)
{
	struct ihv_onex *o = a->onex;
	const char *field = need == EAP_PEER_NEED_IDENTITY ? "IDENTITY" : "PASSWORD";
	char text[256], gs[37];

	if (o->ui_pending)
		return;
	if (!a->ev.ui_request) {
		onex_fail_local(a, ONEX_UI_DISABLED, need == EAP_PEER_NEED_IDENTITY ?
				"no identity configured and nobody to ask" :
				"no password configured and nobody to ask");
		return;
	}
	if (getrandom(&o->ui_guid, sizeof(o->ui_guid), 0) != (ssize_t)sizeof(o->ui_guid)) {
		onex_fail_local(a, ONEX_UI_FAILURE, "no random GUID for the credential request");
		return;
	}
	o->ui_pending = true;
	o->ui_need = need;
	/* "FIELD:prompt": the daemon turns it into CTRL-REQ-FIELD-<id>:prompt (contract.md §5.6) */
	snprintf(text, sizeof(text), "%s:%s needed for %s", field,
		 need == EAP_PEER_NEED_IDENTITY ? "Identity" : "Password", o->s[ONEX_S_NETWORK]);
	ihv_guid_str(&o->ui_guid, gs);
	log_info("%s: 802.1X: asking the user for the %s (request %s, %u s to answer)",
		 a->ifname, need == EAP_PEER_NEED_IDENTITY ? "identity" : "password", gs,
		 o->ui_timeout_ms / 1000);
	loop_timer_arm(o->ui_timer, o->ui_timeout_ms);
	/* the user's time does not count against the post-association deadline */
	if (a->phase == IHV_PHASE_POST_ASSOCIATE)
		loop_timer_arm(a->phase_timer, o->ui_timeout_ms + a->h->post_timeout_ms);
	a->ev.ui_request(a->ctx, (const uint8_t *)&o->ui_guid, text);
}

static void onex_after(struct ihv_adapter *a, enum eap_peer_status st)
{
	struct ihv_onex *o = a->onex;
	const struct eap_peer_result *res;
	unsigned int ms;

	if (!o || !o->peer)
		return;
	onex_send(a);
	ms = eap_peer_timeout_ms(o->peer);
	if (ms)
		loop_timer_arm(o->timer, ms);
	else
		loop_timer_cancel(o->timer);
	res = eap_peer_result(o->peer);
	if (res->method && res->method != o->method_told) {
		o->method_told = res->method;
		onex_event(a, IHV_ONEX_METHOD, ihv_onex_method_name(res->method));
	}
	/* contract rule 60: a reauthentication reports "in progress", also one that begins by
	 * asking the user (its result then follows that one) */
	if (o->result_given && res->status == EAP_PEER_CONTINUE &&
	    (st == EAP_PEER_CONTINUE || st == EAP_PEER_NEED_IDENTITY ||
	     st == EAP_PEER_NEED_PASSWORD)) {
		o->result_given = false;
		log_info("%s: 802.1X: reauthentication started by the authenticator", a->ifname);
		onex_event(a, IHV_ONEX_STARTED, "reauthentication");
		onex_indicate(a, DOT11_MSONEX_IN_PROGRESS, OneXAuthInProgress,
			      ONEX_REASON_CODE_SUCCESS, 0, NULL, 0);
	}
	switch (st) {
	case EAP_PEER_CONTINUE:
		return;
	case EAP_PEER_NEED_IDENTITY:
	case EAP_PEER_NEED_PASSWORD:
		onex_ask(a, st);
		return;
	case EAP_PEER_SUCCESS:
		onex_ui_close(a, o);
		if (o->result_given)
			return;
		o->result_given = true;
		if (res->unverified)
			log_warn("%s: 802.1X: %s succeeded WITHOUT verifying the server's certificate "
				 "(ca_cert=\"none\"): anyone can pose as this network", a->ifname,
				 res->text[0] ? res->text : "EAP");
		log_info("%s: 802.1X: %s%s", a->ifname, res->text[0] ? res->text : "EAP success",
			 res->resumed ? " (TLS session resumed)" : "");
		onex_event(a, IHV_ONEX_SUCCESS, res->text[0] ? res->text : "EAP success");
		onex_indicate(a, DOT11_MSONEX_SUCCESS, OneXAuthSuccess, ONEX_REASON_CODE_SUCCESS,
			      0, res->msk, res->msk_len);
		return;
	case EAP_PEER_FAILURE: {
		ONEX_AUTH_STATUS ast;
		ONEX_REASON_CODE why;

		onex_ui_close(a, o);
		if (o->result_given)
			return;
		o->result_given = true;
		why = onex_reason(res->reason, &ast);
		log_warn("%s: 802.1X failed: %s (%s)", a->ifname,
			 res->text[0] ? res->text : "EAP failure", eap_peer_reason_str(res->reason));
		onex_event(a, IHV_ONEX_FAILURE, res->text[0] ? res->text : "EAP failure");
		onex_indicate(a, DOT11_MSONEX_FAILURE, ast, why, (uint32_t)res->reason, NULL, 0);
		return;
	}
	}
}

static void onex_timer_cb(void *arg)
{
	struct ihv_adapter *a = arg;

	if (a->onex && a->onex->peer)
		onex_after(a, eap_peer_timeout(a->onex->peer));
}

static void onex_ui_timer_cb(void *arg)
{
	struct ihv_adapter *a = arg;
	struct ihv_onex *o = a->onex;
	char text[128];

	if (!o || !o->ui_pending)
		return;
	o->ui_pending = false;
	snprintf(text, sizeof(text), "no answer to the %s request within %u %s",
		 o->ui_need == EAP_PEER_NEED_IDENTITY ? "identity" : "password",
		 o->ui_timeout_ms < 1000 ? o->ui_timeout_ms : o->ui_timeout_ms / 1000,
		 o->ui_timeout_ms < 1000 ? "ms" : "s");
	onex_fail_local(a, ONEX_UI_FAILURE, text);
}

void ihv_onex_start_run(struct ihv_adapter *a)
{
	struct ihv_onex *o = a->onex;
	enum eap_peer_status st;
	const uint8_t *pdu;
	unsigned int hold;
	size_t len;

	if (!o || !a->onex_running || !a->port)
		return;
	onex_peer_end(o);
	if (!o->timer)
		o->timer = loop_timer_new(a->h->loop, onex_timer_cb, a);
	if (!o->ui_timer)
		o->ui_timer = loop_timer_new(a->h->loop, onex_ui_timer_cb, a);
	if (!o->hold_timer)
		o->hold_timer = loop_timer_new(a->h->loop, onex_hold_timer_cb, a);
	if (!o->timer || !o->ui_timer || !o->hold_timer) {
		onex_fail_local(a, ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES, "out of memory");
		return;
	}
	if (!o->pc.ca_cert && !o->unverified_ok) {
		onex_fail_local(a, ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES,
				"no ca_cert: the server cannot be verified (ca_cert=\"none\" to allow)");
		return;
	}
	o->peer = eap_peer_new(&o->pc, o->cache);
	if (!o->peer) {
		onex_fail_local(a, ONEX_PROFILE_INVALID_EAP_CONNECTION_PROPERTIES,
				"the EAP configuration is not usable");
		return;
	}
	if (!o->pc.ca_cert) {
		log_warn("%s: 802.1X: ca_cert=\"none\": the authentication server's certificate "
			 "will NOT be verified", a->ifname);
		onex_event(a, IHV_ONEX_UNVERIFIED, "server certificate not verified (ca_cert=\"none\")");
	}
	if (*eap_peer_left_out(o->peer))
		log_warn("%s: 802.1X: left out of eap=%s, as this network's settings cannot run "
			 "it: %s", a->ifname, o->methods_text, eap_peer_left_out(o->peer));
	log_info("%s: 802.1X: started (%s)", a->ifname, o->methods_text);
	onex_event(a, IHV_ONEX_STARTED, o->methods_text);
	st = eap_peer_start(o->peer);
	/* the first EAPOL-Start is held back a little (ONEX_START_HOLD_MS) */
	pdu = eap_peer_tx(o->peer, &len);
	if (pdu && len <= sizeof(o->start_pdu)) {
		memcpy(o->start_pdu, pdu, len);
		o->start_len = len;
		hold = o->start_period_ms / 4 < ONEX_START_HOLD_MS ? o->start_period_ms / 4
								  : ONEX_START_HOLD_MS;
		loop_timer_arm(o->hold_timer, hold);
	}
	onex_after(a, st);
}

void ihv_onex_packet_run(struct ihv_adapter *a, const uint8_t *pdu, size_t len)
{
	struct ihv_onex *o = a->onex;

	if (!o || !o->peer || !a->onex_running)
		return;
	/* the authenticator spoke first: the held EAPOL-Start is not needed */
	o->start_len = 0;
	loop_timer_cancel(o->hold_timer);
	onex_after(a, eap_peer_rx(o->peer, pdu, len));
}

void ihv_onex_stop_run(struct ihv_adapter *a)
{
	if (a->onex && !a->onex_running) {
		log_debug("%s: 802.1X stopped by the plugin", a->ifname);
		onex_peer_end(a->onex);
	}
}

void ihv_onex_port_end(struct ihv_adapter *a)
{
	ihv_lock();
	a->onex_running = false;
	ihv_unlock();
	if (a->onex)
		onex_peer_end(a->onex);
}

int ihv_onex_ui_respond(struct ihv_adapter *a, const GUID *g, const uint8_t *data, size_t len)
{
	struct ihv_onex *o = a->onex;
	enum eap_peer_status st;
	char *v;

	if (!o || !o->ui_pending || memcmp(&o->ui_guid, g, sizeof(*g)))
		return -ENOENT;
	if (!o->peer || memchr(data, 0, len))
		return -EINVAL;
	v = malloc(len + 1);
	if (!v)
		return -ENOMEM;
	if (len)
		memcpy(v, data, len);
	v[len] = 0;
	o->ui_pending = false;
	loop_timer_cancel(o->ui_timer);
	if (a->phase == IHV_PHASE_POST_ASSOCIATE)
		loop_timer_arm(a->phase_timer, a->h->post_timeout_ms);
	/* the value is never logged */
	log_info("%s: 802.1X: the user answered the %s request", a->ifname,
		 o->ui_need == EAP_PEER_NEED_IDENTITY ? "identity" : "password");
	st = o->ui_need == EAP_PEER_NEED_IDENTITY ? eap_peer_set_identity(o->peer, v)
						  : eap_peer_set_password(o->peer, v);
	secret_wipe(v, len + 1);
	free(v);
	onex_after(a, st);
	return 0;
}
