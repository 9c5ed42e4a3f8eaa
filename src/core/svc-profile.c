// SPDX-License-Identifier: BSD-3-Clause
/*
 * Services 2-4: custom user data and the current profile (contract §4.15,
 * §4.16; contract rules 31, 32, 67).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/service.h"
#include "common/log.h"
#include "common/utf16.h"

/* A live hConnectSession of a (contract rules 21, 31, 32). Under the lock. */
static bool svc_profile_connect_live(struct ihv_adapter *a, HANDLE cs, const char *fn)
{
	const char *why;
	struct ihv_adapter *o = ihv_handle_get(cs, IHV_HANDLE_CONNECT, &why);

	if (o == a && !a->pre_cancel_only)
		return true;
	if (o == a)
		why = "AdapterReset ended the pre-association (contract rule 21)";
	else if (o)
		why = "it belongs to another adapter";
	log_warn("%s: %s with an invalid hConnectSession %#llx: %s (contract rule 32)",
		 ihv_plugin_label(), fn, ihv_handle_id(cs), why);
	return false;
}

static struct ihv_udata **svc_profile_udata_find(struct ihv_host *h, uint32_t session,
				     const uint8_t *ssid, size_t ssid_len)
{
	struct ihv_udata **pp;

	for (pp = &h->udata; *pp; pp = &(*pp)->next)
		if ((*pp)->session == session && (*pp)->ssid_len == ssid_len &&
		    !memcmp((*pp)->ssid, ssid, ssid_len))
			return pp;
	return NULL;
}

static bool svc_profile_thread_ok(struct ihv_adapter *a, const char *fn)
{
	/* contract rule 31: never on the thread running PerformPreAssociate */
	if (!ihv_in_handler(a, IHV_IN_PRE_ASSOCIATE))
		return true;
	log_warn("%s: contract rule 31: %s called from inside PerformPreAssociate",
		 ihv_plugin_label(), fn);
	return false;
}

DWORD WINAPI ihv_svc_set_profile_custom_user_data(HANDLE svc, HANDLE cs,
						      DWORD session, DWORD size,
						      LPVOID data)
{
	const char *fn = "Dot11ExtSetProfileCustomUserData";
	struct ihv_adapter *a;
	struct ihv_udata **pp, *u;
	uint8_t *copy = NULL;

	if ((size && !data) || size > IHV_MAX_BLOB)
		return ERROR_INVALID_PARAMETER;
	if (size) {
		copy = malloc(size);
		if (!copy)
			return ERROR_NOT_ENOUGH_MEMORY;
		memcpy(copy, data, size);
	}
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a || !svc_profile_connect_live(a, cs, fn)) {
		ihv_unlock();
		free(copy);
		return ERROR_INVALID_HANDLE;
	}
	if (!svc_profile_thread_ok(a, fn)) {
		ihv_unlock();
		free(copy);
		return ERROR_INVALID_STATE;
	}
	pp = svc_profile_udata_find(a->h, session, a->ssid, a->ssid_len);
	if (pp) {
		u = *pp;
		if (u->data)
			explicit_bzero(u->data, u->len);
		free(u->data);
	} else {
		u = calloc(1, sizeof(*u));
		if (!u) {
			ihv_unlock();
			free(copy);
			return ERROR_NOT_ENOUGH_MEMORY;
		}
		u->session = session;
		memcpy(u->ssid, a->ssid, a->ssid_len);
		u->ssid_len = a->ssid_len;
		u->next = a->h->udata;
		a->h->udata = u;
	}
	u->data = copy;
	u->len = size;
	ihv_unlock();
	return ERROR_SUCCESS;
}

DWORD WINAPI ihv_svc_get_profile_custom_user_data(HANDLE svc, HANDLE cs,
						      DWORD session, DWORD *psize,
						      LPVOID *pdata)
{
	const char *fn = "Dot11ExtGetProfileCustomUserData";
	struct ihv_adapter *a;
	struct ihv_udata **pp;
	size_t len = 0;
	uint8_t *tmp = NULL;
	void *out = NULL;
	DWORD rc;

	if (!psize || !pdata)
		return ERROR_INVALID_PARAMETER;
	*psize = 0;
	*pdata = NULL;
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a || !svc_profile_connect_live(a, cs, fn)) {
		ihv_unlock();
		return ERROR_INVALID_HANDLE;
	}
	if (!svc_profile_thread_ok(a, fn)) {
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	pp = svc_profile_udata_find(a->h, session, a->ssid, a->ssid_len);
	if (pp && (*pp)->len) {
		len = (*pp)->len;
		tmp = malloc(len);
		if (tmp)
			memcpy(tmp, (*pp)->data, len);
	}
	ihv_unlock();
	/* No data: ERROR_SUCCESS with an empty result (contract §12, our choice). */
	if (!len)
		return ERROR_SUCCESS;
	if (!tmp)
		return ERROR_NOT_ENOUGH_MEMORY;
	rc = ihv_buffer_alloc((DWORD)len, &out);
	if (rc == ERROR_SUCCESS) {
		memcpy(out, tmp, len);
		*pdata = out;
		*psize = (DWORD)len;
	}
	explicit_bzero(tmp, len);
	free(tmp);
	return rc;
}

static uint16_t *svc_profile_wstr_dup(const uint16_t *s)
{
	size_t n;
	uint16_t *d;

	if (!s)
		return NULL;
	n = utf16_len(s, IHV_MAX_BLOB);
	if (n == IHV_MAX_BLOB)
		return NULL;
	d = malloc((n + 1) * sizeof(*d));
	if (d) {
		memcpy(d, s, n * sizeof(*d));
		d[n] = 0;
	}
	return d;
}

DWORD WINAPI ihv_svc_set_current_profile(HANDLE svc, HANDLE cs,
					     PDOT11EXT_IHV_CONNECTIVITY_PROFILE conn,
					     PDOT11EXT_IHV_SECURITY_PROFILE sec)
{
	const char *fn = "Dot11ExtSetCurrentProfile";
	uint16_t *c = NULL, *s = NULL;
	struct ihv_adapter *a;
	struct ihv_udata **pp;

	if (conn && conn->pszXmlFragmentIhvConnectivity &&
	    !(c = svc_profile_wstr_dup(conn->pszXmlFragmentIhvConnectivity)))
		return ERROR_INVALID_PARAMETER;
	if (sec && sec->pszXmlFragmentIhvSecurity &&
	    !(s = svc_profile_wstr_dup(sec->pszXmlFragmentIhvSecurity))) {
		utf16_free_secure(c);
		return ERROR_INVALID_PARAMETER;
	}
	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a || !svc_profile_connect_live(a, cs, fn) || !svc_profile_thread_ok(a, fn)) {
		DWORD rc = a && svc_profile_connect_live(a, cs, fn) ? ERROR_INVALID_STATE :
			   ERROR_INVALID_HANDLE;

		ihv_unlock();
		utf16_free_secure(c);
		utf16_free_secure(s);
		return rc;
	}
	if (c) {
		utf16_free_secure(a->conn_prof.pszXmlFragmentIhvConnectivity);
		a->conn_prof.pszXmlFragmentIhvConnectivity = c;
	}
	if (s) {
		utf16_free_secure(a->sec_prof.pszXmlFragmentIhvSecurity);
		a->sec_prof.pszXmlFragmentIhvSecurity = s;
	}
	if (sec)
		a->sec_prof.bUseMSOnex = sec->bUseMSOnex;
	/* contract rule 67: modifying the profile resets its custom user data */
	pp = &a->h->udata;
	while (*pp) {
		struct ihv_udata *u = *pp;

		if (u->ssid_len != a->ssid_len || memcmp(u->ssid, a->ssid, a->ssid_len)) {
			pp = &u->next;
			continue;
		}
		*pp = u->next;
		if (u->data)
			explicit_bzero(u->data, u->len);
		free(u->data);
		free(u);
	}
	ihv_unlock();
	return ERROR_SUCCESS;
}
