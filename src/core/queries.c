// SPDX-License-Identifier: BSD-3-Clause
/*
 * Synchronous handler calls the rest of ihvd may make: profile validation
 * and capability matching (contract §3.11, §3.12), Dot11ExtIhvControl
 * (§3.20, contract rule 68), session changes (§3.14, contract rule 64).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/bss-list.h"
#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

struct query_profile {
	DOT11EXT_IHV_SSID_LIST ssids;
	DOT11EXT_IHV_PROFILE_PARAMS params;
	DOT11EXT_IHV_CONNECTIVITY_PROFILE conn;
	DOT11EXT_IHV_SECURITY_PROFILE sec;
};

static int queries_profile_build(struct query_profile *q, const uint8_t *ssid,
			       size_t ssid_len, const char *conn_xml, const char *sec_xml)
{
	memset(q, 0, sizeof(*q));
	if (ssid_len > DOT11_SSID_MAX_LENGTH)
		return -EINVAL;
	q->ssids.ulCount = 1;
	q->ssids.SSIDs[0].uSSIDLength = (ULONG)ssid_len;
	if (ssid_len)
		memcpy(q->ssids.SSIDs[0].ucSSID, ssid, ssid_len);
	q->params.pSsidList = &q->ssids;
	q->params.BssType = dot11_BSS_type_infrastructure;
	q->conn.pszXmlFragmentIhvConnectivity =
		utf16_from_utf8(conn_xml ? conn_xml : "", conn_xml ? strlen(conn_xml) : 0, NULL);
	q->sec.pszXmlFragmentIhvSecurity =
		utf16_from_utf8(sec_xml ? sec_xml : "", sec_xml ? strlen(sec_xml) : 0, NULL);
	if (!q->conn.pszXmlFragmentIhvConnectivity || !q->sec.pszXmlFragmentIhvSecurity)
		return -EINVAL;
	return 0;
}

static void queries_profile_free(struct query_profile *q)
{
	utf16_free_secure(q->conn.pszXmlFragmentIhvConnectivity);
	utf16_free_secure(q->sec.pszXmlFragmentIhvSecurity);
}

static void queries_reason_check(struct ihv_adapter *a, const char *fn, uint32_t reason)
{
	if (!ihv_reason_valid(reason))
		log_warn("%s: contract rule 28: %s reason 0x%x is not an L2_REASON_CODE value",
			 a->h->name, fn, reason);
}

int ihv_adapter_profile_validate(struct ihv_adapter *a, const uint8_t *ssid,
				 size_t ssid_len, const char *conn_xml,
				 const char *sec_xml, uint32_t *reason)
{
	struct query_profile q;
	struct ihv_call save;
	DWORD rc, r = L2_REASON_CODE_SUCCESS;
	int e;

	if (!a)
		return -EINVAL;
	e = queries_profile_build(&q, ssid, ssid_len, conn_xml, sec_xml);
	if (e) {
		queries_profile_free(&q);
		return e;
	}
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->hd.Dot11ExtIhvValidateProfile(a->ext, &q.params, &q.conn, &q.sec, &r);
	ihv_call_leave(a->h, a, &save);
	queries_profile_free(&q);
	queries_reason_check(a, "ValidateProfile", r);
	if (reason)
		*reason = r;
	return rc == ERROR_SUCCESS ? 0 : -EINVAL;
}

int ihv_adapter_capability_match(struct ihv_adapter *a,
				 const struct ihv_connect_request *req, uint32_t *reason)
{
	struct query_profile q;
	struct ihv_call save;
	DOT11_BSS_LIST bl;
	uint8_t *buf;
	size_t len;
	DWORD rc, r = L2_REASON_CODE_SUCCESS;
	int e;

	if (!a || !req || (req->n_bss && !req->bss))
		return -EINVAL;
	e = queries_profile_build(&q, req->ssid, req->ssid_len, req->connectivity_xml,
				req->security_xml);
	buf = e ? NULL : ihv_bss_list_build(req->bss, req->n_bss, &len);
	if (!buf) {
		queries_profile_free(&q);
		return e ? e : -ENOMEM;
	}
	bl.uNumOfBytes = (ULONG)len;
	bl.pucBuffer = buf;
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->hd.Dot11ExtIhvPerformCapabilityMatch(a->ext, &q.params, &q.conn,
							&q.sec, &bl, &r);
	ihv_call_leave(a->h, a, &save);
	free(buf);
	queries_profile_free(&q);
	queries_reason_check(a, "PerformCapabilityMatch", r);
	if (reason)
		*reason = r;
	return rc == ERROR_SUCCESS ? 0 : -ENOENT;
}

int ihv_adapter_control(struct ihv_adapter *a, const uint8_t *in, size_t in_len,
			uint8_t *out, size_t out_len, size_t *returned)
{
	struct ihv_call save;
	uint8_t *tmp = NULL;
	DWORD rc, ret = 0;

	if (!a || (in_len && !in) || in_len > IHV_MAX_BLOB || out_len > IHV_MAX_BLOB)
		return -EINVAL;
	/* The plugin writes into our buffer; the caller's only if it fits (contract rule 68). */
	if (out && out_len) {
		tmp = calloc(1, out_len);
		if (!tmp)
			return -ENOMEM;
	}
	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->hd.Dot11ExtIhvControl(a->ext, (DWORD)in_len, (PBYTE)in, (DWORD)out_len,
					 tmp, &ret);
	ihv_call_leave(a->h, a, &save);
	if (returned)
		*returned = ret;
	if (rc == ERROR_SUCCESS && tmp && ret <= out_len)
		memcpy(out, tmp, ret);
	free(tmp);
	if (rc != ERROR_SUCCESS)
		return -EIO;
	return ret <= out_len ? 0 : -ENOBUFS;
}

void ihv_host_session_change(struct ihv_host *h, uint32_t wts_event, uint32_t session_id)
{
	WTSSESSION_NOTIFICATION n = { sizeof(n), session_id };
	struct ihv_adapter *a;
	struct ihv_call save;

	if (!h)
		return;
	/* contract rule 64: a logoff cancels every pending UI request, on all adapters */
	if (wts_event == WTS_SESSION_LOGOFF)
		for (a = h->adapters; a; a = a->next)
			ihv_ui_cancel_all(a, "session logoff (contract rule 64)");
	ihv_call_enter(h, NULL, IHV_IN_OTHER, &save);
	h->hd.Dot11ExtIhvProcessSessionChange(wts_event, &n);
	ihv_call_leave(h, NULL, &save);
}
