// SPDX-License-Identifier: BSD-3-Clause
/*
 * The authentication exchange (ihvlinux.h version 2): the plugin runs the
 * IEEE 802.11 authentication (SAE, IEEE 802.11-2020 12.4; or Open System for
 * PMKSA caching, 12.6.10.3) and the host carries its frames over the driver's
 * userspace SME, then associates.
 *
 *   ASSOCIATING: PreAssociateCompletion(ok) with SAE
 *        --StartAuthentication--> frames: SendAuthFrame / ReceiveAuthFrame
 *        --AuthComplete(ok)--> drv associate --CONNECT_RESULT--> port.c
 *        --AuthComplete(error) / time-out / teardown--> ended
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

bool ihv_auth_wanted(const struct ihv_adapter *a)
{
	if (!a->h->auth_hd_set || a->choice.open)
		return false;
	/* 12.4: SAE is an authentication algorithm of its own (AKM 8 and 24) */
	return a->choice.akm == DOT11EXT_LINUX_AKM_SAE ||
	       a->choice.akm == DOT11EXT_LINUX_AKM_SAE_EXT_KEY;
}

int ihv_auth_start(struct ihv_adapter *a)
{
	DOT11EXT_LINUX_AUTH_TARGET t;
	struct ihv_call save;
	DWORD rc;

	if (!a->n_cands || !a->cands[0].freq) {
		log_err("%s: SAE needs a known BSS and channel; the candidate list has none",
			a->ifname);
		return -EINVAL;
	}
	if (!a->capa.sae) {
		log_err("%s: the driver cannot run SAE in ihvd's SME (%s)", a->ifname,
			!a->capa.supports_auth_assoc ?
			"no NL80211_CMD_AUTHENTICATE: a full-MAC driver with its own SME" :
			"no NL80211_FEATURE_SAE");
		return -EOPNOTSUPP;
	}
	memset(&t, 0, sizeof(t));
	t.dwSize = sizeof(t);
	memcpy(t.Bssid, a->cands[0].bssid, 6);
	memcpy(t.OwnAddress, a->capa.mac, 6);
	t.dwFrequency = a->cands[0].freq;
	t.dwSsidLength = (DWORD)a->ssid_len;
	memcpy(t.ucSsid, a->ssid, a->ssid_len);
	memcpy(a->bssid, t.Bssid, 6);
	a->freq = t.dwFrequency;
	ihv_lock();
	a->authing = true;
	a->auth_completed = false;
	a->auth_serial++;
	ihv_unlock();
	log_info("%s: authentication through plugin %s (%s)", a->ifname, a->h->name,
		 a->choice.has_pmkid ? "PMKSA caching offered" : "SAE");
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->auth_hd.Dot11ExtIhvLinuxStartAuthentication(a->ext, &t);
	ihv_call_leave(a->h, a, &save);
	if (rc != ERROR_SUCCESS) {
		ihv_lock();
		a->authing = false;
		ihv_unlock();
		log_info("%s: plugin %s refused to start the authentication: error %u",
			 a->ifname, a->h->name, rc);
		return -ECANCELED;
	}
	return 0;
}

void ihv_auth_stop(struct ihv_adapter *a, uint32_t reason)
{
	struct ihv_call save;
	bool was;

	ihv_lock();
	was = a->authing;
	a->authing = false;
	ihv_unlock();
	if (!was)
		return;
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	a->h->auth_hd.Dot11ExtIhvLinuxStopAuthentication(a->ext, reason);
	ihv_call_leave(a->h, a, &save);
}

void ihv_auth_rx(struct ihv_adapter *a, const struct drv_event *ev)
{
	DOT11EXT_LINUX_AUTH_FRAME f;
	struct ihv_call save;

	if (!a->authing || a->phase != IHV_PHASE_ASSOCIATING) {
		log_debug("%s: Authentication frame outside an exchange, dropped", a->ifname);
		return;
	}
	if (ev->auth.timed_out) {
		/* the plugin's own retransmission timer decides (ihvlinux.h) */
		log_debug("%s: the driver saw no answer to an Authentication frame", a->ifname);
		return;
	}
	if (ev->auth.body_len > DOT11EXT_LINUX_AUTH_BODY_MAX) {
		log_warn("%s: Authentication frame body of %zu bytes dropped", a->ifname,
			 ev->auth.body_len);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.dwSize = sizeof(f);
	memcpy(f.Peer, ev->auth.bssid, 6);
	f.usAlgorithm = ev->auth.algorithm;
	f.usTransaction = ev->auth.transaction;
	f.usStatus = ev->auth.status;
	f.dwBodyLength = (DWORD)ev->auth.body_len;
	f.pucBody = ev->auth.body;
	log_debug("%s: Authentication from the AP: algorithm %u, transaction %u, status %u, %zu bytes",
		  a->ifname, f.usAlgorithm, f.usTransaction, f.usStatus, ev->auth.body_len);
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	a->h->auth_hd.Dot11ExtIhvLinuxReceiveAuthFrame(a->ext, &f);
	ihv_call_leave(a->h, a, &save);
}

void ihv_auth_assoc_status(struct ihv_adapter *a, const struct drv_event *ev)
{
	struct ihv_call save;
	USHORT status;

	if (!a->auth_associating)
		return;
	a->auth_associating = false;
	status = ev->connect.status ? ev->connect.status : (ev->connect.timed_out ? 1 : 0);
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	a->h->auth_hd.Dot11ExtIhvLinuxAssociationStatus(a->ext, a->bssid, status);
	ihv_call_leave(a->h, a, &save);
}

void ihv_auth_done(struct ihv_adapter *a, struct ihv_work *w)
{
	struct drv_connect_params cp;
	int r;

	if (a->phase != IHV_PHASE_ASSOCIATING || !a->authing || w->arg != a->auth_serial)
		return; /* the exchange ended meanwhile */
	ihv_lock();
	a->authing = false;
	ihv_unlock();
	if (w->win32 != ERROR_SUCCESS) {
		log_info("%s: plugin %s failed the authentication: error %u, reason 0x%x, status %u",
			 a->ifname, a->h->name, w->win32, w->reason, w->ieee);
		ihv_teardown(a, IHV_PHASE_ASSOCIATING, w->reason, w->win32, w->ieee, true,
			     DOT11_ASSOC_STATUS_FAILURE);
		return;
	}
	ihv_session_assoc_params(a, &cp);
	loop_timer_arm(a->phase_timer, a->h->assoc_timeout_ms);
	a->auth_associating = true;
	r = a->h->drv->ops->associate ?
		a->h->drv->ops->associate(a->h->drv, a->ifindex, &cp) : -EOPNOTSUPP;
	if (r) {
		a->auth_associating = false;
		log_err("%s: associate failed: %s", a->ifname, strerror(-r));
		ihv_teardown(a, IHV_PHASE_ASSOCIATING, WLAN_REASON_CODE_ASSOCIATION_FAILURE,
			     ihv_win32_from_errno(r), 0, true, DOT11_ASSOC_STATUS_FAILURE);
	}
}

/* ---- the host functions (ihvlinux.h) ---- */

static struct ihv_adapter *auth_adapter(HANDLE svc, const char *fn)
{
	struct ihv_adapter *a = ihv_adapter_lock_svc(svc, fn);

	if (a && !ihv_on_loop_thread(a->h)) {
		ihv_unlock();
		log_warn("%s: %s must be called on ihvd's loop thread", ihv_plugin_label(), fn);
		return NULL;
	}
	return a;
}

DWORD WINAPI ihv_auth_send_frame(HANDLE svc, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	const char *fn = "Dot11ExtLinuxSendAuthFrame";
	uint8_t data[6 + DOT11EXT_LINUX_AUTH_BODY_MAX];
	struct drv_auth_params p;
	struct ihv_adapter *a;
	int r;

	if (!f || f->dwSize < sizeof(*f) || f->dwBodyLength > DOT11EXT_LINUX_AUTH_BODY_MAX ||
	    (f->dwBodyLength && !f->pucBody) ||
	    (f->usAlgorithm != DOT11EXT_LINUX_AUTH_ALGO_OPEN_SYSTEM &&
	     f->usAlgorithm != DOT11EXT_LINUX_AUTH_ALGO_SAE)) {
		log_warn("%s: %s: invalid frame", ihv_plugin_label(), fn);
		return ERROR_INVALID_PARAMETER;
	}
	a = auth_adapter(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (!a->authing || a->auth_completed) {
		ihv_unlock();
		log_warn("%s: %s outside an authentication exchange", a->h->name, fn);
		return ERROR_INVALID_STATE;
	}
	if (memcmp(f->Peer, a->bssid, 6)) {
		ihv_unlock();
		log_warn("%s: %s to a peer other than the target BSS", a->h->name, fn);
		return ERROR_INVALID_PARAMETER;
	}
	ihv_unlock();
	/* nl80211.h NL80211_ATTR_AUTH_DATA: the body after the algorithm number */
	data[0] = (uint8_t)f->usTransaction;
	data[1] = (uint8_t)(f->usTransaction >> 8);
	data[2] = (uint8_t)f->usStatus;
	data[3] = (uint8_t)(f->usStatus >> 8);
	if (f->dwBodyLength)
		memcpy(data + 4, f->pucBody, f->dwBodyLength);
	memset(&p, 0, sizeof(p));
	p.ssid = a->ssid;
	p.ssid_len = a->ssid_len;
	p.bssid = a->bssid;
	p.freq = a->freq;
	p.algorithm = f->usAlgorithm;
	if (f->usAlgorithm == DOT11EXT_LINUX_AUTH_ALGO_SAE) {
		p.data = data;
		p.data_len = 4 + f->dwBodyLength;
	}
	r = a->h->drv->ops->authenticate ?
		a->h->drv->ops->authenticate(a->h->drv, a->ifindex, &p) : -EOPNOTSUPP;
	if (r) {
		log_warn("%s: sending an Authentication frame failed: %s", a->ifname, strerror(-r));
		return ihv_win32_from_errno(r);
	}
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_auth_complete(HANDLE svc, DWORD win32, DWORD reason, USHORT status)
{
	const char *fn = "Dot11ExtLinuxAuthComplete";
	struct ihv_adapter *a;
	struct ihv_work *w;

	a = auth_adapter(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	w = ihv_work_new(IHV_WORK_AUTH_DONE);
	if (!w) {
		ihv_unlock();
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	if (!a->authing || a->auth_completed) {
		log_warn("%s: %s without an authentication exchange in progress", a->h->name, fn);
		return ihv_work_refuse(w, ERROR_INVALID_STATE);
	}
	if (win32 != ERROR_SUCCESS && !ihv_reason_valid(reason))
		log_warn("%s: contract rule 28: %s reason 0x%x is not an L2_REASON_CODE value",
			 a->h->name, fn, reason);
	a->auth_completed = true;
	w->win32 = win32;
	w->reason = win32 == ERROR_SUCCESS ? L2_REASON_CODE_SUCCESS :
		    (reason ? reason : WLAN_REASON_CODE_ASSOCIATION_FAILURE);
	w->ieee = status;
	w->arg = a->auth_serial;
	return ihv_work_accept(a, w);
}

DWORD WINAPI ihv_auth_register(const DOT11EXT_LINUX_AUTH_HANDLERS *hd)
{
	struct ihv_host *h = ihv_current_host();

	if (!h || h->adapters) {
		log_warn("%s: Dot11ExtLinuxRegisterAuthHandlers outside InitService",
			 ihv_plugin_label());
		return ERROR_INVALID_STATE;
	}
	if (!hd || hd->dwSize < sizeof(*hd) || !hd->Dot11ExtIhvLinuxStartAuthentication ||
	    !hd->Dot11ExtIhvLinuxReceiveAuthFrame || !hd->Dot11ExtIhvLinuxStopAuthentication ||
	    !hd->Dot11ExtIhvLinuxAssociationStatus)
		return ERROR_INVALID_PARAMETER;
	h->auth_hd = *hd;
	h->auth_hd_set = true;
	return ERROR_SUCCESS;
}
