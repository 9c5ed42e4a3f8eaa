// SPDX-License-Identifier: BSD-3-Clause
/*
 * The plugin's service calls in isolated mode (issue 11): one IPC_SVC frame
 * decoded, checked to be exactly what the call needs, run against the real
 * tables (service.c, linux-api.c: the same checks and windows as inline),
 * and answered. src/plugin-host/host-svc.c and host-linux.c encode the
 * other side of each case. Floods are bounded here: sends in flight, live
 * timers, UI requests and notifications per second; the excess is refused
 * with ERROR_NOT_ENOUGH_MEMORY (sends, timers) or ERROR_INVALID_STATE
 * (bursts), and logged.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "core/isolate.h"
#include "core/registry.h"
#include "ipc/ipc-auth.h"
#include "ipc/ipc-dot11.h"
#include "ipc/ipc-ids.h"

#define ISO_SVC_MAX_LIST 64

void ihv_isolate_tables_init(struct ihv_isolate_tables *t)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
}

void ihv_isolate_send_done(struct ihv_isolate_tables *t)
{
	pthread_mutex_lock(&t->lock);
	if (t->sends)
		t->sends--;
	pthread_mutex_unlock(&t->lock);
}

/* UI requests and notifications: at most IHV_ISOLATE_BURST per second. */
static bool iso_svc_burst_ok(struct ihv_isolate_tables *t)
{
	struct timespec ts;
	uint64_t now;
	bool ok;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
	pthread_mutex_lock(&t->lock);
	if (now - t->burst_window_ms >= 1000) {
		t->burst_window_ms = now;
		t->burst = 0;
	}
	ok = t->burst < IHV_ISOLATE_BURST;
	if (ok)
		t->burst++;
	pthread_mutex_unlock(&t->lock);
	return ok;
}

static bool iso_svc_profiles(struct ihv_isolate_tables *t, uint16_t id, struct ipc_rd *r,
			     struct ipc_wr *w)
{
	HANDLE svc = ipc_rd_ptr(r), cs = ipc_rd_ptr(r);
	uint32_t session = ipc_rd_u32(r), size, has_size, has_data;
	uint8_t *data;
	size_t len;
	DWORD rc, got = 0;
	LPVOID out = NULL;

	switch (id) {
	case IPC_S_SET_USER_DATA:
		size = ipc_rd_u32(r);
		data = ipc_rd_dup(r, 0, &len);
		if (!ipc_rd_done(r) || (data && len != size)) {
			ipc_key_free(data, len);
			return false;
		}
		rc = t->apis.Dot11ExtSetProfileCustomUserData(svc, cs, session, size, data);
		ipc_key_free(data, len);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_GET_USER_DATA:
		has_size = ipc_rd_u32(r);
		has_data = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		rc = t->apis.Dot11ExtGetProfileCustomUserData(svc, cs, session,
				has_size ? &got : NULL, has_data ? &out : NULL);
		ipc_wr_u32(w, rc);
		ipc_wr_bytes(w, rc == ERROR_SUCCESS ? out : NULL,
			     rc == ERROR_SUCCESS && out ? got : 0);
		if (out) /* the plugin gets a copy in its own buffer (host-svc.c) */
			t->apis.Dot11ExtFreeBuffer(out);
		return true;
	default:
		return false;
	}
}

static bool iso_svc_current_profile(struct ihv_isolate_tables *t, struct ipc_rd *r,
				    struct ipc_wr *w)
{
	struct ipc_profiles pr;
	HANDLE svc = ipc_rd_ptr(r), cs = ipc_rd_ptr(r);

	memset(&pr, 0, sizeof(pr));
	ipc_rd_conn_sec(r, &pr);
	if (!ipc_rd_done(r)) {
		ipc_profiles_free(&pr);
		return false;
	}
	ipc_wr_u32(w, t->apis.Dot11ExtSetCurrentProfile(svc, cs, pr.pconn, pr.psec));
	ipc_profiles_free(&pr);
	return true;
}

static bool iso_svc_session(struct ihv_isolate_tables *t, uint16_t id, struct ipc_rd *r,
			    struct ipc_wr *w)
{
	DOT11EXT_IHV_UI_REQUEST ui, *pui;
	L2_NOTIFICATION_DATA nd, *pnd;
	HANDLE svc = ipc_rd_ptr(r), h2;
	uint8_t peer[6];
	const uint8_t *pp;
	uint32_t reason, win32;
	size_t len;
	DWORD rc;

	switch (id) {
	case IPC_S_SEND_UI_REQUEST:
		pui = ipc_rd_ui_request(r, &ui);
		if (!ipc_rd_done(r)) {
			ipc_ui_request_free(pui);
			return false;
		}
		if (!iso_svc_burst_ok(t)) {
			log_warn("%s: Dot11ExtSendUIRequest refused: more than %u UI requests and "
				 "notifications in a second", ihv_plugin_label(), IHV_ISOLATE_BURST);
			rc = ERROR_INVALID_STATE;
		} else {
			rc = t->apis.Dot11ExtSendUIRequest(svc, pui);
		}
		ipc_ui_request_free(pui);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_SEND_NOTIFICATION:
		pnd = ipc_rd_notification(r, &nd);
		if (!ipc_rd_done(r)) {
			ipc_notification_free(pnd);
			return false;
		}
		if (!iso_svc_burst_ok(t)) {
			log_warn("%s: Dot11ExtSendNotification refused: more than %u UI requests and "
				 "notifications in a second", ihv_plugin_label(), IHV_ISOLATE_BURST);
			rc = ERROR_INVALID_STATE;
		} else {
			rc = t->apis.Dot11ExtSendNotification(svc, pnd);
		}
		ipc_notification_free(pnd);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_PRE_COMPLETION:
		h2 = ipc_rd_ptr(r);
		reason = ipc_rd_u32(r);
		win32 = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, t->apis.Dot11ExtPreAssociateCompletion(svc, h2, reason, win32));
		return true;
	case IPC_S_POST_COMPLETION:
		h2 = ipc_rd_ptr(r);
		pp = ipc_rd_bytes(r, &len);
		reason = ipc_rd_u32(r);
		win32 = ipc_rd_u32(r);
		if (!ipc_rd_done(r) || (len && len != 6))
			return false;
		if (len)
			memcpy(peer, pp, 6);
		rc = t->apis.Dot11ExtPostAssociateCompletion(svc, h2,
				len ? (PDOT11_MAC_ADDRESS)peer : NULL, reason, win32);
		if (rc == ERROR_SUCCESS && win32 == ERROR_SUCCESS) {
			pthread_mutex_lock(&t->lock);
			t->post_success = true;
			pthread_mutex_unlock(&t->lock);
		}
		ipc_wr_u32(w, rc);
		return true;
	default:
		return false;
	}
}

static bool iso_svc_packet(struct ihv_isolate_tables *t, uint16_t id, struct ipc_rd *r,
			   struct ipc_wr *w)
{
	HANDLE svc = ipc_rd_ptr(r), hc;
	uint32_t n1, has1, n2, has2, backlog, cnt;
	uint8_t *b1 = NULL, *b2 = NULL;
	size_t l1 = 0, l2 = 0;
	DWORD rc;
	bool ok;

	switch (id) {
	case IPC_S_SEND_PACKET:
	case IPC_S_PROCESS_SECURITY_PACKET:
		n1 = ipc_rd_u32(r);
		b1 = ipc_rd_dup(r, 0, &l1);
		hc = id == IPC_S_SEND_PACKET ? ipc_rd_ptr(r) : NULL;
		if (!ipc_rd_done(r) || (b1 && l1 != n1)) {
			ipc_key_free(b1, l1);
			return false;
		}
		if (id == IPC_S_PROCESS_SECURITY_PACKET) {
			rc = t->apis.Dot11ExtProcessSecurityPacket(svc, n1, b1);
		} else {
			pthread_mutex_lock(&t->lock);
			ok = t->sends < IHV_ISOLATE_MAX_SENDS;
			pthread_mutex_unlock(&t->lock);
			if (!ok) {
				log_warn("%s: Dot11ExtSendPacket refused: %u frames already wait for "
					 "their completion", ihv_plugin_label(), IHV_ISOLATE_MAX_SENDS);
				rc = ERROR_NOT_ENOUGH_MEMORY;
			} else {
				rc = t->apis.Dot11ExtSendPacket(svc, n1, b1, hc);
			}
			if (rc == ERROR_SUCCESS) {
				pthread_mutex_lock(&t->lock);
				t->sends++;
				pthread_mutex_unlock(&t->lock);
			}
		}
		ipc_key_free(b1, l1);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_SET_ETHERTYPE:
		backlog = ipc_rd_u32(r);
		n1 = ipc_rd_u32(r);
		has1 = ipc_rd_u32(r);
		b1 = ipc_rd_dup(r, 0, &l1);
		n2 = ipc_rd_u32(r);
		has2 = ipc_rd_u32(r);
		b2 = ipc_rd_dup(r, 0, &l2);
		cnt = n1 > ISO_SVC_MAX_LIST ? ISO_SVC_MAX_LIST : n1;
		ok = ipc_rd_done(r) && (!has1 || l1 == cnt * sizeof(DOT11_PRIVACY_EXEMPTION));
		cnt = n2 > ISO_SVC_MAX_LIST ? ISO_SVC_MAX_LIST : n2;
		ok = ok && (!has2 || l2 == cnt * sizeof(USHORT));
		if (ok) {
			/* an empty list that was present stays present: a valid pointer, 0 entries */
			static DOT11_PRIVACY_EXEMPTION no_ex[1];
			static USHORT no_reg[1];

			rc = t->apis.Dot11ExtSetEtherTypeHandling(svc, backlog, n1,
				has1 ? (b1 ? (PDOT11_PRIVACY_EXEMPTION)b1 : no_ex) : NULL, n2,
				has2 ? (b2 ? (USHORT *)b2 : no_reg) : NULL);
			ipc_wr_u32(w, rc);
		}
		free(b1);
		free(b2);
		return ok;
	default:
		return false;
	}
}

static bool iso_svc_keys(struct ihv_isolate_tables *t, uint16_t id, struct ipc_rd *r,
			 struct ipc_wr *w)
{
	DOT11_CIPHER_DEFAULT_KEY_VALUE *dk;
	DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *mk;
	EAP_ATTRIBUTES *ea;
	HANDLE svc = ipc_rd_ptr(r);
	uint32_t v;
	size_t len;
	DWORD rc;

	switch (id) {
	case IPC_S_SET_AUTH:
	case IPC_S_SET_UCAST:
	case IPC_S_SET_MCAST:
	case IPC_S_SET_DEFAULT_KEY_ID:
	case IPC_S_SET_EXCLUDE_UNENCRYPTED:
		v = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		if (id == IPC_S_SET_AUTH)
			rc = t->apis.Dot11ExtSetAuthAlgorithm(svc, v);
		else if (id == IPC_S_SET_UCAST)
			rc = t->apis.Dot11ExtSetUnicastCipherAlgorithm(svc, v);
		else if (id == IPC_S_SET_MCAST)
			rc = t->apis.Dot11ExtSetMulticastCipherAlgorithm(svc, v);
		else if (id == IPC_S_SET_DEFAULT_KEY_ID)
			rc = t->apis.Dot11ExtSetDefaultKeyId(svc, v);
		else
			rc = t->apis.Dot11ExtSetExcludeUnencrypted(svc, (BOOL)v);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_SET_DEFAULT_KEY:
		dk = ipc_rd_default_key(r, &len);
		v = ipc_rd_u32(r);
		if (!ipc_rd_done(r)) {
			ipc_key_free(dk, len);
			return false;
		}
		rc = t->apis.Dot11ExtSetDefaultKey(svc, dk, (DOT11_DIRECTION)v);
		ipc_key_free(dk, len);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_SET_MAPPING_KEY:
		mk = ipc_rd_mapping_key(r, &len);
		if (!ipc_rd_done(r)) {
			ipc_key_free(mk, len);
			return false;
		}
		rc = t->apis.Dot11ExtSetKeyMappingKey(svc, mk);
		ipc_key_free(mk, len);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_START_ONEX:
		ea = ipc_rd_eap_attrs(r);
		if (!ipc_rd_done(r)) {
			ipc_eap_attrs_free(ea);
			return false;
		}
		rc = t->apis.Dot11ExtStartOneX(svc, ea);
		ipc_eap_attrs_free(ea);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_STOP_ONEX:
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, t->apis.Dot11ExtStopOneX(svc));
		return true;
	default:
		return false;
	}
}

static bool iso_svc_vendor(struct ihv_isolate_tables *t, struct ipc_rd *r, struct ipc_wr *w)
{
	HANDLE svc = ipc_rd_ptr(r);
	uint32_t in_len = ipc_rd_u32(r), has_olen, olen, has_out;
	uint8_t *in, *out = NULL;
	size_t len;
	DWORD rc, got;

	in = ipc_rd_dup(r, 0, &len);
	has_olen = ipc_rd_u32(r);
	olen = ipc_rd_u32(r);
	has_out = ipc_rd_u32(r);
	if (!ipc_rd_done(r) || (in && len != in_len) || olen > IPC_MAX_PAYLOAD / 2) {
		free(in);
		return false;
	}
	if (has_out && !(out = calloc(1, olen ? olen : 1))) {
		free(in);
		return false;
	}
	got = olen;
	rc = t->apis.Dot11ExtNicSpecificExtension(svc, in_len, in, has_olen ? &got : NULL, out);
	ipc_wr_u32(w, rc);
	ipc_wr_u32(w, got);
	ipc_wr_bytes(w, out && rc == ERROR_SUCCESS ? out : NULL,
		     out && rc == ERROR_SUCCESS && got <= olen ? got : 0);
	free(in);
	free(out);
	return true;
}

static bool iso_svc_linux(struct ihv_isolate_tables *t, uint16_t id, struct ipc_rd *r,
			  struct ipc_wr *w)
{
	DOT11EXT_LINUX_RSN_PARAMS rsn;
	DOT11EXT_LINUX_ADAPTER_INFO info;
	const uint8_t *b;
	HANDLE svc, ht = NULL;
	uint32_t level, present, size, ms;
	unsigned cap;
	size_t len;
	DWORD rc;
	bool ok;

	if (!t->have_lx)
		return false; /* the plugin was never given the table */
	switch (id) {
	case IPC_S_LX_LOG:
		level = ipc_rd_u32(r);
		b = ipc_rd_bytes(r, &len);
		if (!ipc_rd_done(r))
			return false;
		t->lx.Dot11ExtLinuxLog(level, "%.*s", (int)(len > 1024 ? 1024 : len),
				       b ? (const char *)b : "");
		ipc_wr_u32(w, ERROR_SUCCESS); /* every reply starts with a result */
		return true;
	case IPC_S_LX_TIMER_CREATE:
		if (!ipc_rd_done(r))
			return false;
		pthread_mutex_lock(&t->lock);
		cap = t->adapters * IHV_ISOLATE_TIMERS_PER_ADAPTER;
		if (cap < IHV_ISOLATE_MAX_TIMERS)
			cap = IHV_ISOLATE_MAX_TIMERS;
		ok = t->timers < cap;
		pthread_mutex_unlock(&t->lock);
		if (!ok) {
			log_warn("%s: Dot11ExtLinuxTimerCreate refused: %u timers exist already",
				 ihv_plugin_label(), cap);
			rc = ERROR_NOT_ENOUGH_MEMORY;
		} else {
			rc = t->lx.Dot11ExtLinuxTimerCreate(t->timer_cb, NULL, &ht);
		}
		if (rc == ERROR_SUCCESS) {
			pthread_mutex_lock(&t->lock);
			t->timers++;
			pthread_mutex_unlock(&t->lock);
		}
		ipc_wr_u32(w, rc);
		ipc_wr_ptr(w, ht);
		return true;
	case IPC_S_LX_TIMER_ARM:
	case IPC_S_LX_TIMER_CANCEL:
	case IPC_S_LX_TIMER_DESTROY:
		ht = ipc_rd_ptr(r);
		ms = id == IPC_S_LX_TIMER_ARM ? ipc_rd_u32(r) : 0;
		if (!ipc_rd_done(r))
			return false;
		if (id == IPC_S_LX_TIMER_ARM)
			rc = t->lx.Dot11ExtLinuxTimerArm(ht, ms);
		else if (id == IPC_S_LX_TIMER_CANCEL)
			rc = t->lx.Dot11ExtLinuxTimerCancel(ht);
		else
			rc = t->lx.Dot11ExtLinuxTimerDestroy(ht);
		if (id == IPC_S_LX_TIMER_DESTROY && rc == ERROR_SUCCESS) {
			pthread_mutex_lock(&t->lock);
			if (t->timers)
				t->timers--;
			pthread_mutex_unlock(&t->lock);
		}
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_LX_SET_RSN:
		svc = ipc_rd_ptr(r);
		present = ipc_rd_u32(r);
		size = ipc_rd_u32(r);
		b = ipc_rd_bytes(r, &len);
		if (!ipc_rd_done(r) || len > sizeof(rsn) ||
		    len != (size < sizeof(rsn) ? size : sizeof(rsn)) || (!present && len))
			return false;
		memset(&rsn, 0, sizeof(rsn));
		if (len)
			memcpy(&rsn, b, len);
		rsn.dwSize = size; /* the plugin's own claim: checked by the real service */
		ipc_wr_u32(w, t->lx.Dot11ExtLinuxSetRsnParams(svc, present ? &rsn : NULL));
		return true;
	case IPC_S_LX_ADAPTER_INFO:
		svc = ipc_rd_ptr(r);
		present = ipc_rd_u32(r);
		size = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		memset(&info, 0, sizeof(info));
		/* the plugin's buffer was its own: only its dwSize crosses */
		info.dwSize = size < sizeof(info) ? size : (DWORD)sizeof(info);
		rc = t->lx.Dot11ExtLinuxGetAdapterInfo(svc, present ? &info : NULL);
		ipc_wr_u32(w, rc);
		ipc_wr_bytes(w, &info, sizeof(info));
		return true;
	default:
		return false;
	}
}

/*
 * RegisterAuthHandlers: the plugin's table stays in its process; the core
 * gets the proxies (isolate-call.c) in a table shaped like the plugin's (its
 * dwSize, its NULLs), so the real service makes the checks it makes inline.
 */
static DWORD iso_svc_auth_register(struct ihv_isolate_tables *t, uint32_t present,
				   uint32_t size, uint32_t mask)
{
	const DOT11EXT_LINUX_AUTH_HANDLERS *px = t->auth_proxies;
	DOT11EXT_LINUX_AUTH_HANDLERS hd;
	bool whole = present && size >= sizeof(hd) && mask == IPC_AUTH_HANDLERS_ALL;
	DWORD rc;

	if (t->rewalking && t->auth_set && ihv_current_host()) {
		/* a restarted process: the core kept the proxies, the plugin only says so again */
		t->auth_again = t->auth_again || whole;
		return whole ? ERROR_SUCCESS : ERROR_INVALID_PARAMETER;
	}
	memset(&hd, 0, sizeof(hd));
	hd.dwSize = size;
	if (px && mask & IPC_AUTH_H_START)
		hd.Dot11ExtIhvLinuxStartAuthentication = px->Dot11ExtIhvLinuxStartAuthentication;
	if (px && mask & IPC_AUTH_H_RX)
		hd.Dot11ExtIhvLinuxReceiveAuthFrame = px->Dot11ExtIhvLinuxReceiveAuthFrame;
	if (px && mask & IPC_AUTH_H_STOP)
		hd.Dot11ExtIhvLinuxStopAuthentication = px->Dot11ExtIhvLinuxStopAuthentication;
	if (px && mask & IPC_AUTH_H_ASSOC_STATUS)
		hd.Dot11ExtIhvLinuxAssociationStatus = px->Dot11ExtIhvLinuxAssociationStatus;
	rc = t->lx.Dot11ExtLinuxRegisterAuthHandlers(present ? &hd : NULL);
	if (rc == ERROR_SUCCESS)
		t->auth_set = true;
	return rc;
}

/* The authentication exchange (ihvlinux.h version 2). */
static bool iso_svc_auth(struct ihv_isolate_tables *t, uint16_t id, struct ipc_rd *r,
			 struct ipc_wr *w)
{
	DOT11EXT_LINUX_AUTH_FRAME fr, *pf;
	uint32_t present, size, mask, win32, reason, status;
	HANDLE svc;
	DWORD rc;

	if (!t->have_lx2)
		return false; /* the plugin was never given version 2 */
	switch (id) {
	case IPC_S_LX_REGISTER_AUTH:
		present = ipc_rd_u32(r);
		size = ipc_rd_u32(r);
		mask = ipc_rd_u32(r);
		if (!ipc_rd_done(r) || mask & ~IPC_AUTH_HANDLERS_ALL || (!present && (size || mask)))
			return false;
		ipc_wr_u32(w, iso_svc_auth_register(t, present, size, mask));
		return true;
	case IPC_S_LX_SEND_AUTH_FRAME:
		svc = ipc_rd_ptr(r);
		pf = ipc_rd_auth_frame(r, &fr);
		if (!ipc_rd_done(r)) {
			ipc_auth_frame_free(pf);
			return false;
		}
		rc = t->lx.Dot11ExtLinuxSendAuthFrame(svc, pf);
		ipc_auth_frame_free(pf);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_S_LX_AUTH_COMPLETE:
		svc = ipc_rd_ptr(r);
		win32 = ipc_rd_u32(r);
		reason = ipc_rd_u32(r);
		status = ipc_rd_u32(r);
		if (!ipc_rd_done(r) || status > 0xffff) /* a USHORT on the plugin's side */
			return false;
		ipc_wr_u32(w, t->lx.Dot11ExtLinuxAuthComplete(svc, win32, reason, (USHORT)status));
		return true;
	default:
		return false;
	}
}

static bool iso_svc_vs(struct ihv_isolate_tables *t, struct ipc_rd *r, struct ipc_wr *w)
{
	HANDLE svc = ipc_rd_ptr(r);
	uint32_t has_vs = ipc_rd_u32(r), has_g = ipc_rd_u32(r);
	BOOL is_vs = FALSE;
	GUID g;
	DWORD rc;

	if (!ipc_rd_done(r) || !t->have_vs)
		return false;
	memset(&g, 0, sizeof(g));
	rc = t->vs.Dot11ExtQueryVirtualStationProperties(svc, has_vs ? &is_vs : NULL,
							 has_g ? &g : NULL, NULL);
	ipc_wr_u32(w, rc);
	ipc_wr_u32(w, (uint32_t)is_vs);
	ipc_wr_guid(w, &g);
	return true;
}

bool ihv_isolate_svc_serve(struct ihv_isolate_tables *t, uint16_t id, const uint8_t *p,
			   size_t len, struct ipc_wr *reply)
{
	struct ipc_rd r;

	ipc_rd_init(&r, p, len);
	switch (id) {
	case IPC_S_SET_USER_DATA:
	case IPC_S_GET_USER_DATA:
		return iso_svc_profiles(t, id, &r, reply);
	case IPC_S_SET_CURRENT_PROFILE:
		return iso_svc_current_profile(t, &r, reply);
	case IPC_S_SEND_UI_REQUEST:
	case IPC_S_PRE_COMPLETION:
	case IPC_S_POST_COMPLETION:
	case IPC_S_SEND_NOTIFICATION:
		return iso_svc_session(t, id, &r, reply);
	case IPC_S_SEND_PACKET:
	case IPC_S_SET_ETHERTYPE:
	case IPC_S_PROCESS_SECURITY_PACKET:
		return iso_svc_packet(t, id, &r, reply);
	case IPC_S_SET_AUTH:
	case IPC_S_SET_UCAST:
	case IPC_S_SET_MCAST:
	case IPC_S_SET_DEFAULT_KEY:
	case IPC_S_SET_MAPPING_KEY:
	case IPC_S_SET_DEFAULT_KEY_ID:
	case IPC_S_SET_EXCLUDE_UNENCRYPTED:
	case IPC_S_START_ONEX:
	case IPC_S_STOP_ONEX:
		return iso_svc_keys(t, id, &r, reply);
	case IPC_S_NIC_SPECIFIC:
		return iso_svc_vendor(t, &r, reply);
	case IPC_S_VS_QUERY:
		return iso_svc_vs(t, &r, reply);
	case IPC_S_LX_REGISTER_AUTH:
	case IPC_S_LX_SEND_AUTH_FRAME:
	case IPC_S_LX_AUTH_COMPLETE:
		return iso_svc_auth(t, id, &r, reply);
	case IPC_S_ALLOCATE_BUFFER:
	case IPC_S_FREE_BUFFER: /* buffers never cross (host-buffer.c) */
		return false;
	default: /* a u16 off the wire */
		if (id >= IPC_S_LX_LOG && id < IPC_S_VS_QUERY)
			return iso_svc_linux(t, id, &r, reply);
		return false;
	}
}
