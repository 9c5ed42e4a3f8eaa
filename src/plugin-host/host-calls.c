// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd's calls into the plugin (IPC_CALL): decode the arguments, check the
 * frame was exactly what the call needs, run the handler, encode what it
 * gave back. Ids and payloads: ipc/ipc-ids.h and src/core/isolate-call.c,
 * the other side of each case.
 */
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc-auth.h"
#include "ipc/ipc-discovery.h"
#include "ipc/ipc-dot11.h"
#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

static bool phost_calls_exports(uint16_t id, struct ipc_rd *r, struct ipc_wr *w)
{
	DOT11_IHV_VERSION_INFO vi = { 0 };
	DOT11EXT_APIS apis;
	DOT11EXT_LINUX_APIS lx;
	DOT11EXT_VIRTUAL_STATION_APIS vs;
	uint32_t ver, mask = 0, code, size;
	char text[512];
	void **t;
	DWORD rc;
	int i;

	switch (id) {
	case IPC_H_GET_VERSION:
		if (!ipc_rd_done(r))
			return false;
		rc = phost.get_version(&vi);
		ipc_wr_u32(w, rc);
		ipc_wr_u32(w, vi.dwVerMin);
		ipc_wr_u32(w, vi.dwVerMax);
		return true;
	case IPC_H_INIT_SERVICE:
		ver = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		apis = phost_apis;
		lx = phost_linux_apis;
		memset(&phost.hd, 0, sizeof(phost.hd));
		memset(&phost.auth_hd, 0, sizeof(phost.auth_hd));
		phost.auth_set = false;
		phost.service_up = true;
		rc = phost.init_service(ver, &apis, &lx, &phost.hd);
		if (rc != ERROR_SUCCESS)
			phost.service_up = false;
		t = (void **)&phost.hd;
		for (i = 0; i < 19; i++)
			if (t[i])
				mask |= 1u << i;
		ipc_wr_u32(w, rc);
		ipc_wr_u32(w, mask);
		return true;
	case IPC_H_INIT_VS:
		if (!ipc_rd_done(r) || !phost.init_vs)
			return false;
		vs = phost_vs_apis;
		ipc_wr_u32(w, phost.init_vs(&vs, NULL));
		return true;
	case IPC_H_REASON_TEXT:
		code = ipc_rd_u32(r);
		size = ipc_rd_u32(r);
		if (!ipc_rd_done(r) || !phost.reason_text)
			return false;
		if (size > sizeof(text))
			size = sizeof(text);
		text[0] = 0;
		rc = phost.reason_text(code, text, size);
		text[sizeof(text) - 1] = 0;
		ipc_wr_u32(w, rc);
		ipc_wr_str(w, text);
		return true;
	case IPC_H_TIMER:
		t = ipc_rd_ptr(r);
		if (!ipc_rd_done(r))
			return false;
		phost_timer_fire((HANDLE)t);
		return true;
	default: /* a u16 off the wire */
		return false;
	}
}

static void phost_calls_fragment_free(void *ctx, void *p)
{
	(void)ctx;
	phost_apis.Dot11ExtFreeBuffer(p);
}

/* Contract rule 65: what is read and freed lies inside the host's own blocks. */
static const struct ipc_blocks phost_calls_blocks = {
	.size = phost_buffer_size,
	.holds_utf16 = phost_buffer_holds_utf16,
	.free_fragment = phost_calls_fragment_free,
};

/* Free the fragments of the list's first n entries, each once, then the list. */
static void phost_calls_discovery_free(DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *dl, uint32_t n)
{
	ipc_discovery_free_fragments(dl, n, &phost_calls_blocks);
	phost_apis.Dot11ExtFreeBuffer(dl->pIhvDiscoveryProfiles);
}

/*
 * An answer larger than one channel frame (IPC_MAX_PAYLOAD), or one the host had no memory to
 * encode: the writer is emptied for a refusal, and the line says which. Inline, ihvd would have
 * taken it; isolated, the plugin's data cannot cross, so the call is refused rather than the
 * host ended without a word.
 */
static void phost_calls_too_big(struct ipc_wr *w, uint16_t id)
{
	bool no_memory = w->no_memory;

	ipc_wr_reset(w);
	if (no_memory)
		phost_log(DOT11EXT_LINUX_LOG_ERROR, "no memory to encode the plugin's answer to "
			  "%s: refused", ipc_call_name(id));
	else
		phost_log(DOT11EXT_LINUX_LOG_ERROR, "the plugin's answer to %s is larger than one "
			  "channel frame carries (%u octets): refused", ipc_call_name(id),
			  (unsigned)IPC_MAX_PAYLOAD);
}

static bool phost_calls_queries(uint16_t id, struct ipc_rd *r, struct ipc_wr *w)
{
	struct ipc_profiles pr;
	struct ipc_bss_list bl;
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl = { 0 };
	HANDLE ext = ipc_rd_ptr(r);
	DWORD rc, reason = 0;
	uint32_t insecure = 0, n = 0;

	if (id == IPC_H_CREATE_DISCOVERY_PROFILES)
		insecure = ipc_rd_u32(r);
	ipc_rd_profiles(r, &pr);
	memset(&bl, 0, sizeof(bl));
	if (id != IPC_H_VALIDATE_PROFILE)
		ipc_rd_bss_list(r, &bl);
	if (!ipc_rd_done(r)) {
		ipc_profiles_free(&pr);
		ipc_bss_list_free(&bl);
		return false;
	}
	if (id == IPC_H_VALIDATE_PROFILE)
		rc = phost.hd.Dot11ExtIhvValidateProfile(ext, pr.pparams, pr.pconn, pr.psec, &reason);
	else if (id == IPC_H_CAPABILITY_MATCH)
		rc = phost.hd.Dot11ExtIhvPerformCapabilityMatch(ext, pr.pparams, pr.pconn, pr.psec,
							       bl.plist, &reason);
	else
		rc = phost.hd.Dot11ExtIhvCreateDiscoveryProfiles(ext, (BOOL)insecure, pr.pparams,
								bl.plist, &dl, &reason);
	ipc_profiles_free(&pr);
	ipc_bss_list_free(&bl);
	if (id == IPC_H_CREATE_DISCOVERY_PROFILES && dl.pIhvDiscoveryProfiles) {
		bool ok = false;

		if (!phost_buffer_ours(dl.pIhvDiscoveryProfiles)) {
			phost_log(DOT11EXT_LINUX_LOG_ERROR, "contract rule 65: "
				  "CreateDiscoveryProfiles returned memory not from "
				  "Dot11ExtAllocateBuffer (refused, not freed)");
		} else {
			n = ipc_discovery_check(&dl, &phost_calls_blocks, &ok);
			if (!ok)
				phost_log(DOT11EXT_LINUX_LOG_ERROR,
					  "contract rule 65: CreateDiscoveryProfiles returned a "
					  "list or fragment larger than its "
					  "Dot11ExtAllocateBuffer block (refused)");
		}
		if (!ok && rc == ERROR_SUCCESS)
			rc = ERROR_INVALID_PARAMETER;
		ipc_wr_u32(w, rc);
		ipc_wr_u32(w, reason);
		ipc_wr_discovery(w, rc == ERROR_SUCCESS ? &dl : NULL);
		if (!w->ok) { /* more than one frame carries: refused, the host goes on */
			phost_calls_too_big(w, id);
			ipc_wr_u32(w, ERROR_INVALID_PARAMETER);
			ipc_wr_u32(w, reason);
			ipc_wr_discovery(w, NULL);
		}
		/* the list's buffers came from AllocateBuffer and are ihvd's now: a copy went */
		if (phost_buffer_ours(dl.pIhvDiscoveryProfiles))
			phost_calls_discovery_free(&dl, n);
		return true;
	}
	ipc_wr_u32(w, rc);
	ipc_wr_u32(w, reason);
	if (id == IPC_H_CREATE_DISCOVERY_PROFILES)
		ipc_wr_discovery(w, NULL);
	return true;
}

static bool phost_calls_adapter(uint16_t id, struct ipc_rd *r, struct ipc_wr *w)
{
	DOT11_ADAPTER da;
	struct ipc_profiles pr;
	struct ipc_bss_list bl;
	DOT11_PORT_STATE ps;
	HANDLE ext, svc, h2;
	DWORD rc, reason = 0;
	uint8_t *assoc, peer[6];
	size_t len;
	uint32_t st, has_peer;

	switch (id) {
	case IPC_H_INIT_ADAPTER:
		memset(&da, 0, sizeof(da));
		ipc_rd_guid(r, &da.gAdapterId);
		da.pszDescription = ipc_rd_wstr(r);
		da.Dot11CurrentOpMode.uReserved = ipc_rd_u32(r);
		da.Dot11CurrentOpMode.uCurrentOpMode = ipc_rd_u32(r);
		svc = ipc_rd_ptr(r);
		ext = NULL;
		if (!ipc_rd_done(r)) {
			free(da.pszDescription);
			return false;
		}
		rc = phost.hd.Dot11ExtIhvInitAdapter(&da, svc, &ext);
		free(da.pszDescription);
		ipc_wr_u32(w, rc);
		ipc_wr_ptr(w, ext);
		return true;
	case IPC_H_DEINIT_ADAPTER:
		ext = ipc_rd_ptr(r);
		if (!ipc_rd_done(r))
			return false;
		phost.hd.Dot11ExtIhvDeinitAdapter(ext);
		return true;
	case IPC_H_PRE_ASSOCIATE:
		ext = ipc_rd_ptr(r);
		h2 = ipc_rd_ptr(r);
		ipc_rd_profiles(r, &pr);
		ipc_rd_bss_list(r, &bl);
		if (!ipc_rd_done(r)) {
			ipc_profiles_free(&pr);
			ipc_bss_list_free(&bl);
			return false;
		}
		rc = phost.hd.Dot11ExtIhvPerformPreAssociate(ext, h2, pr.pparams, pr.pconn,
							     pr.psec, bl.plist, &reason);
		ipc_profiles_free(&pr);
		ipc_bss_list_free(&bl);
		ipc_wr_u32(w, rc);
		ipc_wr_u32(w, reason);
		return true;
	case IPC_H_ADAPTER_RESET:
		ext = ipc_rd_ptr(r);
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, phost.hd.Dot11ExtIhvAdapterReset(ext));
		return true;
	case IPC_H_POST_ASSOCIATE:
		ext = ipc_rd_ptr(r);
		h2 = ipc_rd_ptr(r);
		ipc_rd_fixed(r, &ps, sizeof(ps));
		assoc = ipc_rd_dup(r, 0, &len);
		if (!ipc_rd_done(r)) {
			free(assoc);
			return false;
		}
		rc = phost.hd.Dot11ExtIhvPerformPostAssociate(ext, h2, &ps, (ULONG)len,
				(PDOT11_ASSOCIATION_COMPLETION_PARAMETERS)assoc);
		free(assoc);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_H_STOP_POST_ASSOCIATE:
		ext = ipc_rd_ptr(r);
		has_peer = ipc_rd_u32(r);
		ipc_rd_fixed(r, peer, 6);
		st = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, phost.hd.Dot11ExtIhvStopPostAssociate(ext,
				has_peer ? (PDOT11_MAC_ADDRESS)peer : NULL, (DOT11_ASSOC_STATUS)st));
		return true;
	default:
		return phost_calls_queries(id, r, w);
	}
}

static bool phost_calls_data(uint16_t id, struct ipc_rd *r, struct ipc_wr *w)
{
	DOT11EXT_IHV_UI_REQUEST *ui = NULL;
	DOT11_MSONEX_RESULT_PARAMS *op;
	WTSSESSION_NOTIFICATION sn;
	HANDLE ext;
	GUID g;
	BOOL pending = FALSE;
	uint8_t *buf, *out;
	size_t len;
	uint32_t a1, a2, out_size;
	DWORD rc, ret = 0;

	switch (id) {
	case IPC_H_SESSION_CHANGE:
		a1 = ipc_rd_u32(r);
		a2 = ipc_rd_u32(r);
		sn.cbSize = ipc_rd_u32(r);
		sn.dwSessionId = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, phost.hd.Dot11ExtIhvProcessSessionChange(a1, a2 ? &sn : NULL));
		return true;
	case IPC_H_RECEIVE_INDICATION:
	case IPC_H_RECEIVE_PACKET:
		ext = ipc_rd_ptr(r);
		a1 = id == IPC_H_RECEIVE_INDICATION ? ipc_rd_u32(r) : 0;
		buf = ipc_rd_dup(r, 0, &len);
		if (!ipc_rd_done(r)) {
			free(buf);
			return false;
		}
		if (id == IPC_H_RECEIVE_PACKET)
			rc = phost.hd.Dot11ExtIhvReceivePacket(ext, (DWORD)len, buf);
		else
			rc = phost.hd.Dot11ExtIhvReceiveIndication(ext,
					(DOT11EXT_IHV_INDICATION_TYPE)a1, (ULONG)len, buf);
		ipc_key_free(buf, len);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_H_SEND_COMPLETION:
		ext = ipc_rd_ptr(r);
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, phost.hd.Dot11ExtIhvSendPacketCompletion(ext));
		return true;
	case IPC_H_IS_UI_PENDING:
		ipc_rd_guid(r, &g);
		if (!ipc_rd_done(r))
			return false;
		rc = phost.hd.Dot11ExtIhvIsUIRequestPending(g, &pending);
		ipc_wr_u32(w, rc);
		ipc_wr_u32(w, (uint32_t)pending);
		return true;
	case IPC_H_UI_RESPONSE:
		ipc_rd_guid(r, &g);
		buf = ipc_rd_dup(r, 0, &len);
		if (!ipc_rd_done(r)) {
			free(buf);
			return false;
		}
		rc = phost.hd.Dot11ExtIhvProcessUIResponse(g, (DWORD)len, buf);
		ipc_key_free(buf, len);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_H_QUERY_UI:
		ext = ipc_rd_ptr(r);
		a1 = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		rc = phost.hd.Dot11ExtIhvQueryUIRequest(ext, (DOT11EXT_IHV_CONNECTION_PHASE)a1, &ui);
		/* read only inside its own block, whatever rc says (contract rule 65) */
		if (ui && !phost_buffer_ours(ui)) {
			phost_log(DOT11EXT_LINUX_LOG_ERROR, "QueryUIRequest returned memory not from "
				  "Dot11ExtAllocateBuffer (ignored, not freed)");
			ui = NULL;
		} else if (ui && !phost_buffer_holds(ui, sizeof(*ui))) {
			phost_log(DOT11EXT_LINUX_LOG_ERROR, "QueryUIRequest returned a block "
				  "smaller than DOT11EXT_IHV_UI_REQUEST (refused, freed)");
			phost_apis.Dot11ExtFreeBuffer(ui);
			ui = NULL;
		}
		if (ui && ui->dwByteCount && (ui->pvUIRequest == (PVOID)ui ||
			   !phost_buffer_holds(ui->pvUIRequest, ui->dwByteCount))) {
			phost_log(DOT11EXT_LINUX_LOG_ERROR, "QueryUIRequest's data is not a "
				  "Dot11ExtAllocateBuffer block of its dwByteCount (refused)");
			if (rc == ERROR_SUCCESS)
				rc = ERROR_INVALID_PARAMETER;
		}
		ipc_wr_u32(w, rc);
		ipc_wr_ui_request(w, rc == ERROR_SUCCESS ? ui : NULL);
		if (!w->ok) { /* more than one frame carries: refused, the host goes on */
			phost_calls_too_big(w, id);
			ipc_wr_u32(w, ERROR_INVALID_PARAMETER);
			ipc_wr_ui_request(w, NULL);
		}
		if (ui) { /* ihvd frees its copy (contract rule 65); ours goes here */
			if (ui->pvUIRequest && ui->pvUIRequest != (PVOID)ui &&
			    phost_buffer_ours(ui->pvUIRequest))
				phost_apis.Dot11ExtFreeBuffer(ui->pvUIRequest);
			phost_apis.Dot11ExtFreeBuffer(ui);
		}
		return true;
	case IPC_H_ONEX_RESULT:
		ext = ipc_rd_ptr(r);
		a1 = ipc_rd_u32(r);
		op = ipc_rd_onex_params(r);
		if (!ipc_rd_done(r)) {
			ipc_onex_params_free(op);
			return false;
		}
		rc = phost.hd.Dot11ExtIhvOnexIndicateResult(ext, (DOT11_MSONEX_RESULT)a1, op);
		ipc_onex_params_free(op);
		ipc_wr_u32(w, rc);
		return true;
	case IPC_H_CONTROL:
		ext = ipc_rd_ptr(r);
		buf = ipc_rd_dup(r, 0, &len);
		out_size = ipc_rd_u32(r);
		if (!ipc_rd_done(r) || out_size > IPC_MAX_PAYLOAD / 2) {
			free(buf);
			return false;
		}
		out = calloc(1, out_size ? out_size : 1);
		if (!out) {
			free(buf);
			return false;
		}
		rc = phost.hd.Dot11ExtIhvControl(ext, (DWORD)len, buf, out_size, out, &ret);
		free(buf);
		ipc_wr_u32(w, rc);
		ipc_wr_u32(w, ret);
		ipc_wr_bytes(w, out, ret <= out_size ? ret : out_size);
		free(out);
		return true;
	default:
		return phost_calls_adapter(id, r, w);
	}
}

/* The authentication exchange (ihvlinux.h version 2). */
static bool phost_calls_auth(uint16_t id, struct ipc_rd *r, struct ipc_wr *w)
{
	DOT11EXT_LINUX_AUTH_TARGET t;
	DOT11EXT_LINUX_AUTH_FRAME fr, *f;
	DOT11_MAC_ADDRESS bssid;
	HANDLE ext;
	uint32_t v;

	/* ihvd calls these only after the plugin's handlers were registered */
	if (!phost.auth_set)
		return false;
	ext = ipc_rd_ptr(r);
	switch (id) {
	case IPC_H_AUTH_START:
		ipc_rd_auth_target(r, &t);
		if (!ipc_rd_done(r))
			return false;
		ipc_wr_u32(w, phost.auth_hd.Dot11ExtIhvLinuxStartAuthentication(ext, &t));
		return true;
	case IPC_H_AUTH_RX:
		f = ipc_rd_auth_frame(r, &fr);
		/* from ihvd a whole frame: its own size, the body it claims, all of it */
		if (!ipc_rd_done(r) || !f || f->dwSize != sizeof(*f) ||
		    (f->dwBodyLength && !f->pucBody)) {
			ipc_auth_frame_free(f);
			return false;
		}
		phost.auth_hd.Dot11ExtIhvLinuxReceiveAuthFrame(ext, f);
		ipc_auth_frame_free(f);
		return true;
	case IPC_H_AUTH_STOP:
		v = ipc_rd_u32(r);
		if (!ipc_rd_done(r))
			return false;
		phost.auth_hd.Dot11ExtIhvLinuxStopAuthentication(ext, v);
		return true;
	case IPC_H_AUTH_ASSOC_STATUS:
		ipc_rd_fixed(r, bssid, sizeof(bssid));
		v = ipc_rd_u32(r);
		if (!ipc_rd_done(r) || v > 0xffff) /* IEEE 802.11-2020 9.4.1.9: two octets */
			return false;
		phost.auth_hd.Dot11ExtIhvLinuxAssociationStatus(ext, bssid, (USHORT)v);
		return true;
	default: /* a u16 off the wire */
		return false;
	}
}

bool phost_call(uint16_t id, struct ipc_rd *r, struct ipc_wr *w)
{
	if (id >= IPC_H_AUTH_START)
		return phost_calls_auth(id, r, w);
	if (id >= IPC_H_GET_VERSION)
		return phost_calls_exports(id, r, w);
	if (id == IPC_H_DEINIT_SERVICE) {
		if (!ipc_rd_done(r))
			return false;
		/* ihvd refuses a plugin without it (contract rule 4); a hostile ihvd could ask */
		if (phost.hd.Dot11ExtIhvDeinitService)
			phost.hd.Dot11ExtIhvDeinitService();
		phost.service_up = false;
		phost_timers_forget();
		return true;
	}
	if (id > IPC_H_CONTROL)
		return false;
	/* a handler the plugin left NULL is never called: ihvd refused the plugin (rule 4) */
	if (!((void **)&phost.hd)[id])
		return false;
	return phost_calls_data(id, r, w);
}
