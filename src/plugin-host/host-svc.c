/*
 * The 22 services as the plugin sees them in the plugin host (contract §4):
 * each one encodes its arguments, ihvd runs the real service and sends back
 * the result and any outputs (src/core/isolate-svc.c is the other side of
 * each function). Buffers are local (host-buffer.c).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipc/ipc-dot11.h"
#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

#define PHOST_SVC_MAX_LIST 64 /* more entries than ihvd accepts (32): sent as a count */

/* Send w (freed here), take the reply's result; outputs stay in r/m. */
static DWORD phost_svc_call(uint16_t id, struct ipc_wr *w, struct ipc_msg *m,
			    struct ipc_rd *r)
{
	int rc;

	if (!w->ok) {
		ipc_wr_free(w);
		return ERROR_INVALID_PARAMETER; /* larger than a frame */
	}
	rc = phost_svc(id, w, m);
	ipc_wr_free(w);
	if (rc < 0) {
		memset(m, 0, sizeof(*m));
		ipc_rd_init(r, NULL, 0);
		return ERROR_INVALID_STATE;
	}
	ipc_rd_init(r, m->data, m->len);
	return ipc_rd_u32(r);
}

/* The reply must have been exactly what we read. */
static DWORD phost_svc_end(struct ipc_msg *m, struct ipc_rd *r, DWORD rc)
{
	bool ok = !m->data || ipc_rd_done(r);

	ipc_msg_free(m);
	if (!ok)
		_exit(3); /* ihvd broke the protocol */
	return rc;
}

static DWORD phost_svc_simple(uint16_t id, struct ipc_wr *w)
{
	struct ipc_msg m;
	struct ipc_rd r;

	return phost_svc_end(&m, &r, phost_svc_call(id, w, &m, &r));
}

static DWORD WINAPI phost_svc_set_udata(HANDLE svc, HANDLE cs, DWORD session, DWORD size,
					LPVOID data)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_ptr(&w, cs);
	ipc_wr_u32(&w, session);
	ipc_wr_u32(&w, size);
	ipc_wr_bytes(&w, data, data ? size : 0);
	return phost_svc_simple(IPC_S_SET_USER_DATA, &w);
}

static DWORD WINAPI phost_svc_get_udata(HANDLE svc, HANDLE cs, DWORD session, DWORD *psize,
					LPVOID *pdata)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	const uint8_t *b;
	size_t len;
	DWORD rc;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_ptr(&w, cs);
	ipc_wr_u32(&w, session);
	ipc_wr_u32(&w, psize != NULL);
	ipc_wr_u32(&w, pdata != NULL);
	rc = phost_svc_call(IPC_S_GET_USER_DATA, &w, &m, &r);
	b = ipc_rd_bytes(&r, &len);
	if (rc == ERROR_SUCCESS && psize && pdata) {
		*psize = (DWORD)len;
		*pdata = NULL;
		if (len && phost_buffer_alloc((DWORD)len, pdata) == ERROR_SUCCESS)
			memcpy(*pdata, b, len);
		else if (len)
			rc = ERROR_OUTOFMEMORY;
	}
	return phost_svc_end(&m, &r, rc);
}

static DWORD WINAPI phost_svc_set_current_profile(HANDLE svc, HANDLE cs,
		PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn, PDOT11EXT_IHV_SECURITY_PROFILE sec)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_ptr(&w, cs);
	ipc_wr_conn_sec(&w, conn, sec);
	return phost_svc_simple(IPC_S_SET_CURRENT_PROFILE, &w);
}

static DWORD WINAPI phost_svc_send_ui_request(HANDLE svc, PDOT11EXT_IHV_UI_REQUEST req)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_ui_request(&w, req);
	return phost_svc_simple(IPC_S_SEND_UI_REQUEST, &w);
}

static DWORD WINAPI phost_svc_pre_completion(HANDLE svc, HANDLE cs, DWORD reason, DWORD win32)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_ptr(&w, cs);
	ipc_wr_u32(&w, reason);
	ipc_wr_u32(&w, win32);
	return phost_svc_simple(IPC_S_PRE_COMPLETION, &w);
}

static DWORD WINAPI phost_svc_post_completion(HANDLE svc, HANDLE ss, PDOT11_MAC_ADDRESS peer,
					      DWORD reason, DWORD win32)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_ptr(&w, ss);
	ipc_wr_bytes(&w, peer, peer ? 6 : 0);
	ipc_wr_u32(&w, reason);
	ipc_wr_u32(&w, win32);
	return phost_svc_simple(IPC_S_POST_COMPLETION, &w);
}

static DWORD WINAPI phost_svc_send_notification(HANDLE svc, PL2_NOTIFICATION_DATA nd)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_notification(&w, nd);
	return phost_svc_simple(IPC_S_SEND_NOTIFICATION, &w);
}

static DWORD WINAPI phost_svc_send_packet(HANDLE svc, ULONG len, LPVOID pv, HANDLE hc)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, len);
	/* longer than a frame may be is refused by ihvd from the length alone */
	ipc_wr_bytes(&w, pv, pv && len <= 65536 ? len : 0);
	ipc_wr_ptr(&w, hc);
	return phost_svc_simple(IPC_S_SEND_PACKET, &w);
}

static DWORD WINAPI phost_svc_set_ethertype(HANDLE svc, ULONG backlog, ULONG n_ex,
		PDOT11_PRIVACY_EXEMPTION ex, ULONG n_reg, USHORT *reg)
{
	ULONG ce = n_ex > PHOST_SVC_MAX_LIST ? PHOST_SVC_MAX_LIST : n_ex;
	ULONG cr = n_reg > PHOST_SVC_MAX_LIST ? PHOST_SVC_MAX_LIST : n_reg;
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, backlog);
	ipc_wr_u32(&w, n_ex);
	ipc_wr_u32(&w, ex != NULL);
	ipc_wr_bytes(&w, ex, ex ? ce * sizeof(*ex) : 0);
	ipc_wr_u32(&w, n_reg);
	ipc_wr_u32(&w, reg != NULL);
	ipc_wr_bytes(&w, reg, reg ? cr * sizeof(*reg) : 0);
	return phost_svc_simple(IPC_S_SET_ETHERTYPE, &w);
}

static DWORD phost_svc_u32(uint16_t id, HANDLE svc, uint32_t v)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, v);
	return phost_svc_simple(id, &w);
}

static DWORD WINAPI phost_svc_set_auth(HANDLE svc, DWORD algo)
{
	return phost_svc_u32(IPC_S_SET_AUTH, svc, algo);
}

static DWORD WINAPI phost_svc_set_ucast(HANDLE svc, DWORD algo)
{
	return phost_svc_u32(IPC_S_SET_UCAST, svc, algo);
}

static DWORD WINAPI phost_svc_set_mcast(HANDLE svc, DWORD algo)
{
	return phost_svc_u32(IPC_S_SET_MCAST, svc, algo);
}

static DWORD WINAPI phost_svc_set_default_key_id(HANDLE svc, ULONG id)
{
	return phost_svc_u32(IPC_S_SET_DEFAULT_KEY_ID, svc, id);
}

static DWORD WINAPI phost_svc_set_exclude(HANDLE svc, BOOL b)
{
	return phost_svc_u32(IPC_S_SET_EXCLUDE_UNENCRYPTED, svc, (uint32_t)b);
}

static DWORD WINAPI phost_svc_set_default_key(HANDLE svc, PDOT11_CIPHER_DEFAULT_KEY_VALUE k,
					      DOT11_DIRECTION dir)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_default_key(&w, k);
	ipc_wr_u32(&w, (uint32_t)dir);
	return phost_svc_simple(IPC_S_SET_DEFAULT_KEY, &w);
}

static DWORD WINAPI phost_svc_set_mapping_key(HANDLE svc, PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_mapping_key(&w, k);
	return phost_svc_simple(IPC_S_SET_MAPPING_KEY, &w);
}

static DWORD WINAPI phost_svc_nic_specific(HANDLE svc, DWORD in_len, LPVOID in,
					   DWORD *out_len, LPVOID out)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	const uint8_t *b;
	uint32_t got;
	size_t len;
	DWORD rc;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, in_len);
	ipc_wr_bytes(&w, in, in && in_len <= 65536 ? in_len : 0);
	ipc_wr_u32(&w, out_len != NULL);
	ipc_wr_u32(&w, out_len ? *out_len : 0);
	ipc_wr_u32(&w, out != NULL);
	rc = phost_svc_call(IPC_S_NIC_SPECIFIC, &w, &m, &r);
	got = ipc_rd_u32(&r);
	b = ipc_rd_bytes(&r, &len);
	if (out_len) {
		if (out && len && len <= *out_len)
			memcpy(out, b, len);
		if (m.data)
			*out_len = got;
	}
	return phost_svc_end(&m, &r, rc);
}

static DWORD WINAPI phost_svc_start_onex(HANDLE svc, EAP_ATTRIBUTES *attrs)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_eap_attrs(&w, attrs);
	return phost_svc_simple(IPC_S_START_ONEX, &w);
}

static DWORD WINAPI phost_svc_stop_onex(HANDLE svc)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	return phost_svc_simple(IPC_S_STOP_ONEX, &w);
}

static DWORD WINAPI phost_svc_process_security_packet(HANDLE svc, DWORD len, LPVOID pkt)
{
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, len);
	ipc_wr_bytes(&w, pkt, pkt && len <= 65536 ? len : 0);
	return phost_svc_simple(IPC_S_PROCESS_SECURITY_PACKET, &w);
}

const DOT11EXT_APIS phost_apis = {
	.Dot11ExtAllocateBuffer = phost_buffer_alloc,
	.Dot11ExtFreeBuffer = phost_buffer_free,
	.Dot11ExtSetProfileCustomUserData = phost_svc_set_udata,
	.Dot11ExtGetProfileCustomUserData = phost_svc_get_udata,
	.Dot11ExtSetCurrentProfile = phost_svc_set_current_profile,
	.Dot11ExtSendUIRequest = phost_svc_send_ui_request,
	.Dot11ExtPreAssociateCompletion = phost_svc_pre_completion,
	.Dot11ExtPostAssociateCompletion = phost_svc_post_completion,
	.Dot11ExtSendNotification = phost_svc_send_notification,
	.Dot11ExtSendPacket = phost_svc_send_packet,
	.Dot11ExtSetEtherTypeHandling = phost_svc_set_ethertype,
	.Dot11ExtSetAuthAlgorithm = phost_svc_set_auth,
	.Dot11ExtSetUnicastCipherAlgorithm = phost_svc_set_ucast,
	.Dot11ExtSetMulticastCipherAlgorithm = phost_svc_set_mcast,
	.Dot11ExtSetDefaultKey = phost_svc_set_default_key,
	.Dot11ExtSetKeyMappingKey = phost_svc_set_mapping_key,
	.Dot11ExtSetDefaultKeyId = phost_svc_set_default_key_id,
	.Dot11ExtNicSpecificExtension = phost_svc_nic_specific,
	.Dot11ExtSetExcludeUnencrypted = phost_svc_set_exclude,
	.Dot11ExtStartOneX = phost_svc_start_onex,
	.Dot11ExtStopOneX = phost_svc_stop_onex,
	.Dot11ExtProcessSecurityPacket = phost_svc_process_security_packet,
};

/* ---- the virtual-station table (contract rule 5): ihvd answers NOT_SUPPORTED ---- */

static DWORD WINAPI phost_vs_request(HANDLE primary, LPVOID reserved)
{
	(void)primary;
	(void)reserved;
	return ERROR_NOT_SUPPORTED;
}

static DWORD WINAPI phost_vs_query(HANDLE svc, BOOL *is_vs, GUID *primary, LPVOID reserved)
{
	struct ipc_msg m;
	struct ipc_rd r;
	struct ipc_wr w;
	uint32_t v;
	GUID g;
	DWORD rc;

	(void)reserved;
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, svc);
	ipc_wr_u32(&w, is_vs != NULL);
	ipc_wr_u32(&w, primary != NULL);
	rc = phost_svc_call(IPC_S_VS_QUERY, &w, &m, &r);
	v = ipc_rd_u32(&r);
	ipc_rd_fixed(&r, &g, sizeof(g));
	if (rc == ERROR_SUCCESS && is_vs && primary) {
		*is_vs = (BOOL)v;
		*primary = g;
	}
	return phost_svc_end(&m, &r, rc);
}

static DWORD WINAPI phost_vs_set_ap(HANDLE svc, HANDLE cs, DWORD n,
				    PDOT11EXT_VIRTUAL_STATION_AP_PROPERTY p, LPVOID reserved)
{
	(void)svc;
	(void)cs;
	(void)n;
	(void)p;
	(void)reserved;
	return ERROR_NOT_SUPPORTED;
}

const DOT11EXT_VIRTUAL_STATION_APIS phost_vs_apis = {
	.Dot11ExtRequestVirtualStation = phost_vs_request,
	.Dot11ExtReleaseVirtualStation = phost_vs_request,
	.Dot11ExtQueryVirtualStationProperties = phost_vs_query,
	.Dot11ExtSetVirtualStationAPProperties = phost_vs_set_ap,
};
