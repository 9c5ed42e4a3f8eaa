// SPDX-License-Identifier: BSD-3-Clause
/*
 * SAE (IEEE 802.11-2020 12.4) and PMKSA caching (12.6.10.3) over the host's authentication
 * exchange (ihvlinux.h version 2). The engine is sae.h; this file drives it: the group
 * order of sae_groups and the fallback on a rejected group (12.4.5.3), hash-to-element with
 * a PT cached per (group, SSID, password), retransmission on a timer (12.4.8.6.4/5), and the
 * PMK handed to the 4-way handshake (AKM 8). Password, PT and PMK never leave the plugin.
 */
#include "rsn/plugin-state.h"

#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "rsn/pmksa.h"
#include "rsn/reason.h"
#include "rsn/sae.h"

#define SAE_ALGO 3          /* 9.4.1.1 Authentication Algorithm Number: SAE */
#define SAE_SEQ_COMMIT 1
#define SAE_SEQ_CONFIRM 2

/* ---- the PT cache (H2E) ------------------------------------------------------------ */

static void rsn_plugin_pt_entry_free(struct rsn_plugin_pt *e)
{
	sae_pt_free(e->pt);
	OPENSSL_cleanse(e, sizeof(*e));
}

void rsn_plugin_sae_pts_free(void)
{
	for (size_t i = 0; i < SAE_PT_CACHE_SIZE; i++)
		rsn_plugin_pt_entry_free(&rsn_plugin_g.pts[i]);
}

static const struct sae_pt *rsn_plugin_pt_get(const struct rsn_plugin_sae *x, uint16_t group)
{
	struct rsn_plugin_pt *e = NULL;
	size_t i;

	for (i = 0; i < SAE_PT_CACHE_SIZE; i++) {
		struct rsn_plugin_pt *c = &rsn_plugin_g.pts[i];

		if (c->pt && c->group == group && c->ssid_len == x->ssid_len &&
		    !memcmp(c->ssid, x->ssid, x->ssid_len) &&
		    CRYPTO_memcmp(c->password, x->password, sizeof(c->password)) == 0)
			return c->pt;
		if (!e && !c->pt)
			e = c;
	}
	if (!e) { /* full: the last one goes, the rest move down */
		rsn_plugin_pt_entry_free(&rsn_plugin_g.pts[SAE_PT_CACHE_SIZE - 1]);
		memmove(&rsn_plugin_g.pts[1], &rsn_plugin_g.pts[0],
			(SAE_PT_CACHE_SIZE - 1) * sizeof(rsn_plugin_g.pts[0]));
		e = &rsn_plugin_g.pts[0];
		memset(e, 0, sizeof(*e));
	}
	e->pt = sae_pt_new(group, (const uint8_t *)x->password, x->password_len, x->ssid,
			   x->ssid_len, NULL, 0);
	if (!e->pt)
		return NULL;
	e->group = group;
	memcpy(e->ssid, x->ssid, x->ssid_len);
	e->ssid_len = x->ssid_len;
	memcpy(e->password, x->password, sizeof(e->password));
	return e->pt;
}

/* ---- the password behind a cached PMKSA --------------------------------------------- */

static int rsn_plugin_sae_cred_tag(const struct rsn_plugin_sae *x, uint8_t tag[32])
{
	return EVP_Digest(x->password, x->password_len, tag, NULL, EVP_sha256(), NULL) ? 0 : -1;
}

static struct rsn_plugin_sae_cred *rsn_plugin_sae_cred_find(const uint8_t *ssid, size_t ssid_len,
							    bool make)
{
	struct rsn_plugin_sae_cred *free_c = NULL;
	size_t i;

	for (i = 0; i < RSN_SAE_CREDS; i++) {
		struct rsn_plugin_sae_cred *c = &rsn_plugin_g.sae_creds[i];

		if (c->used && c->ssid_len == ssid_len && !memcmp(c->ssid, ssid, ssid_len))
			return c;
		if (!free_c && !c->used)
			free_c = c;
	}
	if (!make)
		return NULL;
	if (!free_c) { /* full: the oldest goes with its SSID's PMKSAs */
		free_c = &rsn_plugin_g.sae_creds[0];
		rsn_pmksa_flush_ssid(rsn_plugin_g.pmksa, free_c->ssid, free_c->ssid_len);
	}
	memset(free_c, 0, sizeof(*free_c));
	memcpy(free_c->ssid, ssid, ssid_len);
	free_c->ssid_len = ssid_len;
	free_c->used = true;
	return free_c;
}

/* Before offering a cached PMKSA: drop the SSID's PMKSAs if they came from another password. */
static void rsn_plugin_sae_cred_check(const struct rsn_plugin_sae *x)
{
	struct rsn_plugin_sae_cred *c = rsn_plugin_sae_cred_find(x->ssid, x->ssid_len, false);
	uint8_t tag[32];

	if (!c)
		return;
	if (rsn_plugin_sae_cred_tag(x, tag) < 0 || CRYPTO_memcmp(c->tag, tag, sizeof(tag))) {
		rsn_pmksa_flush_ssid(rsn_plugin_g.pmksa, x->ssid, x->ssid_len);
		OPENSSL_cleanse(c, sizeof(*c));
		LOG(INFO, "SAE: the password is not the one of the cached PMKSA: PMKSA flushed");
	}
	OPENSSL_cleanse(tag, sizeof(tag));
}

static void rsn_plugin_sae_cred_note(const struct rsn_plugin_sae *x)
{
	struct rsn_plugin_sae_cred *c = rsn_plugin_sae_cred_find(x->ssid, x->ssid_len, true);

	if (rsn_plugin_sae_cred_tag(x, c->tag) < 0)
		OPENSSL_cleanse(c, sizeof(*c)); /* no record: the next connect cannot check */
}

/* ---- the exchange ------------------------------------------------------------------ */

void rsn_plugin_sae_clear(struct adapter *a)
{
	struct rsn_plugin_sae *x = &a->sae;
	HANDLE timer = x->timer;

	if (timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(timer);
	sae_session_free(x->s);
	OPENSSL_cleanse(x, sizeof(*x));
	x->timer = timer;
	OPENSSL_cleanse(a->pmkid, sizeof(a->pmkid));
}

uint32_t rsn_plugin_sae_prepare(struct adapter *a, const uint8_t bssid[6])
{
	struct rsn_plugin_sae *x = &a->sae;
	const struct rsn_sec_profile *p = &a->prof;
	const char *pw = p->has_sae_password ? p->sae_password : p->passphrase;

	rsn_plugin_sae_clear(a);
	if (!rsn_plugin_g.sae_ok)
		return RSN_REASON_RADIO_UNSUPPORTED; /* a host without ihvlinux.h v2 */
	if (!p->has_sae_password && !p->has_passphrase)
		return RSN_REASON_PROFILE_SECRET;
	x->password_len = strlen(pw);
	memcpy(x->password, pw, x->password_len + 1);
	if (p->n_sae_groups) {
		memcpy(x->groups, p->sae_groups, p->n_sae_groups * sizeof(x->groups[0]));
		x->n_groups = p->n_sae_groups;
	} else {
		x->groups[0] = 19; /* 12.4.4.1: group 19 is mandatory to implement */
		x->n_groups = 1;
	}
	memcpy(x->ssid, p->ssid, p->ssid_len);
	x->ssid_len = p->ssid_len;
	x->h2e = a->sel.sae_h2e;
	x->akm = a->sel.akm;
	rsn_plugin_sae_cred_check(x);
	if (rsn_pmksa_get_len(rsn_plugin_g.pmksa, bssid, p->ssid, p->ssid_len, x->akm,
			      rsn_pmksa_now_s(), a->pmk, &a->pmk_len, a->pmkid) == 0) {
		x->pmksa = true;
		a->pmk_set = true;
		LOG(INFO, "SAE: a cached PMKSA for this AP: offering its PMKID, no SAE exchange");
	}
	return L2_REASON_CODE_SUCCESS;
}

static void rsn_plugin_sae_complete(struct adapter *a, uint32_t reason, uint16_t status)
{
	struct rsn_plugin_sae *x = &a->sae;
	DWORD err = reason ? rsn_reason_win32(reason) : ERROR_SUCCESS;
	DWORD rc;

	if (!x->active)
		return;
	x->active = false;
	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(x->timer);
	if (reason)
		LOG(WARN, "SAE failed: 0x%x %s%s", reason, rsn_reason_str(reason),
		    status ? " (the AP's status code is in the host's log)" : "");
	rc = rsn_plugin_g.lx.Dot11ExtLinuxAuthComplete(a->svc, err, reason, status);
	if (rc != ERROR_SUCCESS)
		LOG(WARN, "AuthComplete refused: error %u", rc);
	/* the exchange is over: its secrets go (the PMK lives on in a->pmk and the PMKSA) */
	sae_session_free(x->s);
	x->s = NULL;
	OPENSSL_cleanse(x->password, sizeof(x->password));
	x->password_len = 0;
}

static DWORD rsn_plugin_sae_send(struct adapter *a, uint16_t algo, uint16_t seq,
				 uint16_t status, const uint8_t *body, size_t len)
{
	DOT11EXT_LINUX_AUTH_FRAME f;

	memset(&f, 0, sizeof(f));
	f.dwSize = sizeof(f);
	memcpy(f.Peer, a->sae.bssid, 6);
	f.usAlgorithm = algo;
	f.usTransaction = seq;
	f.usStatus = status;
	f.dwBodyLength = (DWORD)len;
	f.pucBody = body;
	return rsn_plugin_g.lx.Dot11ExtLinuxSendAuthFrame(a->svc, &f);
}

/* Send what the engine asked for; an RSN_REASON_* (0: sent). */
static uint32_t rsn_plugin_sae_tx(struct adapter *a, enum sae_result what)
{
	struct rsn_plugin_sae *x = &a->sae;
	uint8_t buf[SAE_COMMIT_MAX_LEN];
	size_t len = 0;
	bool commit = what == SAE_TX_COMMIT || what == SAE_TX_COMMIT_CONFIRM;
	bool confirm = what == SAE_TX_CONFIRM || what == SAE_TX_COMMIT_CONFIRM;

	if (commit) {
		if (sae_session_commit_build(x->s, buf, sizeof(buf), &len) != SAE_OK ||
		    rsn_plugin_sae_send(a, SAE_ALGO, SAE_SEQ_COMMIT,
					sae_session_commit_status(x->s), buf, len))
			return RSN_REASON_SAE_FAILED;
		x->commits_sent++;
	}
	if (confirm) {
		if (sae_session_confirm_build(x->s, buf, sizeof(buf), &len) != SAE_OK ||
		    rsn_plugin_sae_send(a, SAE_ALGO, SAE_SEQ_CONFIRM, SAE_STATUS_SUCCESS, buf,
					len))
			return RSN_REASON_SAE_FAILED;
		x->confirms_sent++;
	}
	OPENSSL_cleanse(buf, sizeof(buf));
	rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(x->timer, SAE_RETRANS_MS);
	return 0;
}

/* A fresh instance for the current group, and its first Commit. */
static uint32_t rsn_plugin_sae_begin(struct adapter *a)
{
	struct rsn_plugin_sae *x = &a->sae;
	struct sae_session_config cfg;
	uint16_t group = x->groups[x->gi];

	memset(&cfg, 0, sizeof(cfg));
	cfg.group = group;
	cfg.ext_key = x->akm == RSN_AKM_SAE_EXT_KEY; /* rsn_select: only with H2E */
	memcpy(cfg.own_addr, x->own, 6);
	memcpy(cfg.peer_addr, x->bssid, 6);
	if (x->h2e) {
		cfg.pt = rsn_plugin_pt_get(x, group);
		if (!cfg.pt)
			return RSN_REASON_SAE_FAILED;
		cfg.rejected_groups = x->rejected;
		cfg.n_rejected_groups = x->n_rejected;
	} else {
		cfg.password = (const uint8_t *)x->password;
		cfg.password_len = x->password_len;
	}
	sae_session_free(x->s);
	x->s = sae_session_new(&cfg);
	if (!x->s)
		return RSN_REASON_SAE_FAILED;
	LOG(INFO, "SAE: Commit with group %u (%s), AKM %s", group,
	    x->h2e ? "hash-to-element" : "hunting-and-pecking",
	    cfg.ext_key ? "00-0F-AC:24 SAE-EXT-KEY" : "00-0F-AC:8");
	return rsn_plugin_sae_tx(a, SAE_TX_COMMIT);
}

/* 12.4.5.3/12.4.8.6.3: the AP rejected the group; the next one in sae_groups. */
static uint32_t rsn_plugin_sae_next_group(struct adapter *a)
{
	struct rsn_plugin_sae *x = &a->sae;

	LOG(INFO, "SAE: the AP rejected group %u", x->groups[x->gi]);
	if (x->n_rejected < RSN_SAE_GROUPS_MAX)
		x->rejected[x->n_rejected++] = x->groups[x->gi];
	if (++x->gi >= x->n_groups)
		return RSN_REASON_SAE_NO_GROUP;
	return rsn_plugin_sae_begin(a);
}

static void rsn_plugin_sae_accepted(struct adapter *a)
{
	struct rsn_plugin_sae *x = &a->sae;
	uint8_t pmkid[SAE_PMKID_LEN];

	if (sae_session_pmk_len(x->s) > sizeof(a->pmk) ||
	    sae_session_pmk_get(x->s, a->pmk, pmkid) != SAE_OK) {
		rsn_plugin_sae_complete(a, RSN_REASON_SAE_FAILED, 0);
		return;
	}
	a->pmk_len = sae_session_pmk_len(x->s);
	a->pmk_set = true;
	/* 12.6.10.3: the PMKSA for a reconnect within the PMK lifetime */
	rsn_pmksa_add_len(rsn_plugin_g.pmksa, x->bssid, x->ssid, x->ssid_len, x->akm, a->pmk,
			  a->pmk_len, pmkid, rsn_pmksa_now_s(), RSN_PMKSA_LIFETIME_S);
	rsn_plugin_sae_cred_note(x);
	OPENSSL_cleanse(pmkid, sizeof(pmkid));
	LOG(INFO, "SAE accepted (group %u, PMK %zu octets, %u Commit%s, %u Confirm%s sent)",
	    x->groups[x->gi], a->pmk_len,
	    x->commits_sent, x->commits_sent == 1 ? "" : "s", x->confirms_sent,
	    x->confirms_sent == 1 ? "" : "s");
	rsn_plugin_sae_complete(a, 0, 0);
}

/* The engine's verdict on a frame or a timeout. */
static void rsn_plugin_sae_act(struct adapter *a, enum sae_result r, uint16_t seq,
			       uint16_t status)
{
	uint32_t reason = 0;

	switch (r) {
	case SAE_OK:
		return;
	case SAE_TX_COMMIT:
	case SAE_TX_CONFIRM:
	case SAE_TX_COMMIT_CONFIRM:
		if (seq == SAE_SEQ_COMMIT && status == SAE_STATUS_ANTI_CLOGGING_TOKEN_REQUIRED)
			LOG(INFO, "SAE: the AP asked for an anti-clogging token (status 76): "
			    "Commit again with it");
		reason = rsn_plugin_sae_tx(a, r);
		break;
	case SAE_ACCEPTED:
		rsn_plugin_sae_accepted(a);
		return;
	case SAE_DISCARD:
	case SAE_MALFORMED:
	case SAE_INVALID_SCALAR:
	case SAE_INVALID_ELEMENT:
	case SAE_REFLECTED:
	case SAE_STATUS_MISMATCH:
		/* 12.4.8.6: silently discarded; the retransmission timer goes on */
		LOG(DEBUG, "SAE: frame (transaction %u, status %u) discarded: %s", seq, status,
		    sae_result_str(r));
		return;
	case SAE_GROUP_UNSUPPORTED:
		reason = rsn_plugin_sae_next_group(a);
		break;
	case SAE_PEER_REJECTED:
		/*
		 * hostapd 2.10 answers a Confirm that does not verify with status 1,
		 * later versions with 15 (CHALLENGE_FAIL): the password differs.
		 */
		reason = status == SAE_STATUS_UNKNOWN_PASSWORD_IDENTIFIER ?
				 RSN_REASON_SAE_PASSWORD_ID :
			 seq == SAE_SEQ_CONFIRM ? RSN_REASON_SAE_REJECTED : RSN_REASON_SAE_FAILED;
		LOG(WARN, "SAE: the AP answered transaction %u with status %u", seq, status);
		break;
	case SAE_CONFIRM_MISMATCH:
		reason = RSN_REASON_SAE_CONFIRM_MISMATCH;
		break;
	case SAE_AKM_MISMATCH:
		LOG(WARN, "SAE: the AP's Commit names another AKM than our %s",
		    a->sae.akm == RSN_AKM_SAE_EXT_KEY ? "00-0F-AC:24" : "00-0F-AC:8");
		reason = RSN_REASON_SAE_FAILED;
		break;
	case SAE_SYNC_EXCEEDED:
		reason = RSN_REASON_SAE_NO_ANSWER;
		break;
	case SAE_BAD_STATE:
	case SAE_BUFFER_TOO_SMALL:
	case SAE_INVALID_ARGUMENT:
	case SAE_CRYPTO_ERROR:
		reason = RSN_REASON_SAE_FAILED;
		break;
	}
	if (reason)
		rsn_plugin_sae_complete(a, reason, status);
}

void WINAPI rsn_plugin_sae_timer_cb(HANDLE t, LPVOID ctx)
{
	struct adapter *a = ctx;

	(void)t;
	if (!a->sae.active)
		return;
	if (a->sae.pmksa) {
		/* Open System unanswered: again, as many times as SAE would try a Commit */
		if (a->sae.commits_sent < SAE_DEFAULT_SYNC &&
		    rsn_plugin_sae_send(a, 0, 1, 0, NULL, 0) == ERROR_SUCCESS) {
			a->sae.commits_sent++;
			rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->sae.timer, SAE_RETRANS_MS);
			return;
		}
		/* the next attempt runs SAE, which also tells whether the AP is there */
		rsn_pmksa_remove(rsn_plugin_g.pmksa, a->sae.bssid, a->sae.ssid, a->sae.ssid_len,
				 a->sae.akm);
		rsn_plugin_sae_complete(a, RSN_REASON_SAE_NO_ANSWER, 0);
		return;
	}
	LOG(DEBUG, "SAE: retransmission timer (%s)", sae_state_str(sae_session_state(a->sae.s)));
	rsn_plugin_sae_act(a, sae_session_timeout(a->sae.s), 0, 0);
}

/* ---- the handlers (ihvlinux.h) ------------------------------------------------------ */

static DWORD WINAPI rsn_plugin_sae_start(HANDLE hIhvExtAdapter,
					 const DOT11EXT_LINUX_AUTH_TARGET *t)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	struct rsn_plugin_sae *x;
	uint32_t reason;

	if (!a || !t || t->dwSize < sizeof(*t))
		return ERROR_INVALID_PARAMETER;
	x = &a->sae;
	if (a->state != ST_PRE_DONE || !rsn_akm_is_sae(a->sel.akm) || !x->password_len ||
	    x->active)
		return ERROR_INVALID_STATE;
	if (t->dwSsidLength != x->ssid_len || memcmp(t->ucSsid, x->ssid, x->ssid_len))
		return ERROR_INVALID_PARAMETER;
	memcpy(x->bssid, t->Bssid, 6);
	memcpy(x->own, t->OwnAddress, 6);
	memcpy(a->mac, t->OwnAddress, 6);
	x->active = true;
	x->gi = 0;
	x->n_rejected = 0;
	x->commits_sent = x->confirms_sent = 0;
	if (x->pmksa) {
		/* 12.6.10.3: Open System, then the PMKID in the association request */
		DWORD err = rsn_plugin_sae_send(a, 0, 1, 0, NULL, 0);

		if (err != ERROR_SUCCESS) {
			x->active = false;
			return err;
		}
		x->commits_sent = 1;
		rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(x->timer, SAE_RETRANS_MS);
		return ERROR_SUCCESS;
	}
	reason = rsn_plugin_sae_begin(a);
	if (reason) {
		x->active = false;
		LOG(WARN, "SAE could not start: 0x%x %s", reason, rsn_reason_str(reason));
		return rsn_reason_win32(reason);
	}
	return ERROR_SUCCESS;
}

static VOID WINAPI rsn_plugin_sae_rx(HANDLE hIhvExtAdapter, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	struct rsn_plugin_sae *x;
	enum sae_result r;

	if (!a || !f || f->dwSize < sizeof(*f) || (f->dwBodyLength && !f->pucBody))
		return;
	x = &a->sae;
	if (!x->active || memcmp(f->Peer, x->bssid, 6))
		return;
	if (x->pmksa) {
		if (f->usAlgorithm != 0 || f->usTransaction != 2)
			return;
		if (f->usStatus != 0) {
			rsn_pmksa_remove(rsn_plugin_g.pmksa, x->bssid, x->ssid, x->ssid_len,
					 x->akm);
			rsn_plugin_sae_complete(a, RSN_REASON_PMKSA_REJECTED, f->usStatus);
			return;
		}
		rsn_plugin_sae_complete(a, 0, 0);
		return;
	}
	if (f->usAlgorithm != SAE_ALGO || !x->s)
		return;
	if (f->usTransaction == SAE_SEQ_COMMIT)
		r = sae_session_rx_commit(x->s, f->usStatus, f->pucBody, f->dwBodyLength);
	else if (f->usTransaction == SAE_SEQ_CONFIRM)
		r = sae_session_rx_confirm(x->s, f->usStatus, f->pucBody, f->dwBodyLength);
	else
		return; /* 12.4.8.6: unknown transaction numbers are discarded */
	rsn_plugin_sae_act(a, r, f->usTransaction, f->usStatus);
}

static VOID WINAPI rsn_plugin_sae_stop(HANDLE hIhvExtAdapter, DWORD dwReason)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);

	if (!a || !a->sae.active)
		return;
	LOG(INFO, "SAE stopped by the host (reason 0x%x)", dwReason);
	a->sae.active = false;
	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->sae.timer);
	sae_session_free(a->sae.s);
	a->sae.s = NULL;
	OPENSSL_cleanse(a->sae.password, sizeof(a->sae.password));
	a->sae.password_len = 0;
}

static VOID WINAPI rsn_plugin_sae_assoc_status(HANDLE hIhvExtAdapter, const DOT11_MAC_ADDRESS bssid,
					       USHORT usStatus)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);

	if (!a || !usStatus || !a->sae.pmksa)
		return;
	/* 9.4.1.9 status 53 INVALID_PMKID: the AP lost the PMKSA; full SAE next time */
	LOG(INFO, "association with the cached PMKSA refused (status %u): forgetting it", usStatus);
	rsn_pmksa_remove(rsn_plugin_g.pmksa, bssid, a->sae.ssid, a->sae.ssid_len, a->sae.akm);
}

const DOT11EXT_LINUX_AUTH_HANDLERS rsn_plugin_auth_handlers = {
	.dwSize = sizeof(DOT11EXT_LINUX_AUTH_HANDLERS),
	.Dot11ExtIhvLinuxStartAuthentication = rsn_plugin_sae_start,
	.Dot11ExtIhvLinuxReceiveAuthFrame = rsn_plugin_sae_rx,
	.Dot11ExtIhvLinuxStopAuthentication = rsn_plugin_sae_stop,
	.Dot11ExtIhvLinuxAssociationStatus = rsn_plugin_sae_assoc_status,
};
