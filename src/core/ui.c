// SPDX-License-Identifier: BSD-3-Clause
/*
 * UI requests (contract §4.14, §3.19; contract rules 17, 23, 61-64): the plugin's
 * Dot11ExtSendUIRequest becomes the ui_request event; the user's answer
 * comes back through ihv_adapter_ui_respond -> Dot11ExtIhvProcessUIResponse.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"
#include "common/utf16.h"

void ihv_guid_str(const GUID *g, char out[37])
{
	snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1],
		 g->Data4[2], g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6],
		 g->Data4[7]);
}

static struct ihv_ui_req **ui_find(struct ihv_adapter *a, const GUID *g)
{
	struct ihv_ui_req **pp;

	for (pp = &a->ui; *pp; pp = &(*pp)->next)
		if (!memcmp(&(*pp)->guid, g, sizeof(*g)))
			return pp;
	return NULL;
}

uint32_t ihv_ui_request_add(struct ihv_adapter *a, const DOT11EXT_IHV_UI_REQUEST *r)
{
	static const GUID zero;
	struct ihv_ui_req *u;
	struct ihv_work *w;

	if (!r || r->dwByteCount > IHV_MAX_BLOB || (r->dwByteCount && !r->pvUIRequest))
		return ERROR_INVALID_PARAMETER;
	if (!memcmp(&r->guidUIRequest, &zero, sizeof(zero)))
		return ERROR_INVALID_PARAMETER;
	if (ui_find(a, &r->guidUIRequest)) {
		log_warn("%s: SendUIRequest: GUID already pending", ihv_plugin_label());
		return ERROR_INVALID_PARAMETER;
	}
	u = calloc(1, sizeof(*u));
	w = ihv_work_new(IHV_WORK_UI_REQUEST);
	if (!u || !w)
		goto nomem;
	if (r->dwByteCount) {
		w->data = malloc(r->dwByteCount);
		if (!w->data)
			goto nomem;
		memcpy(w->data, r->pvUIRequest, r->dwByteCount);
		w->len = r->dwByteCount;
	}
	u->guid = r->guidUIRequest;
	u->next = a->ui;
	a->ui = u;
	w->guid = r->guidUIRequest;
	ihv_work_queue(a, w);
	return ERROR_SUCCESS;
nomem:
	free(u);
	ihv_work_free(w);
	return ERROR_NOT_ENOUGH_MEMORY;
}

static bool ui_printable_utf8(const uint8_t *d, size_t n)
{
	uint16_t *u;
	size_t i;

	for (i = 0; i < n; i++) {
		if (d[i] == 0 && i == n - 1)
			break;
		if (d[i] < 0x20 || d[i] == 0x7f)
			return false;
	}
	/* multi-byte sequences: reuse the strict decoder */
	u = utf16_from_utf8((const char *)d, n && !d[n - 1] ? n - 1 : n, NULL);
	if (!u)
		return false;
	free(u);
	return true;
}

void ihv_ui_request_deliver(struct ihv_adapter *a, struct ihv_work *w)
{
	char gs[37], *text;
	bool pending;
	size_t i;

	ihv_lock();
	pending = ui_find(a, &w->guid) != NULL;
	ihv_unlock();
	if (!pending)
		return; /* cancelled before we got to it */
	ihv_guid_str(&w->guid, gs);
	if (ui_printable_utf8(w->data, w->len)) {
		text = malloc(w->len + 1);
		if (!text)
			return;
		if (w->len)
			memcpy(text, w->data, w->len);
		text[w->len] = 0;
	} else {
		text = malloc(w->len * 2 + 1);
		if (!text)
			return;
		for (i = 0; i < w->len; i++)
			sprintf(text + 2 * i, "%02x", w->data[i]);
		text[w->len * 2] = 0;
	}
	log_info("%s: UI request %s on %s", ihv_plugin_label(), gs, a->ifname);
	/* the user's time does not count against the phase deadline (contract.md §5.6) */
	if (a->phase == IHV_PHASE_PRE_ASSOCIATE)
		loop_timer_arm(a->phase_timer, IHV_UI_WAIT_MS + a->h->pre_timeout_ms);
	else if (a->phase == IHV_PHASE_POST_ASSOCIATE)
		loop_timer_arm(a->phase_timer, IHV_UI_WAIT_MS + a->h->post_timeout_ms);
	if (a->ev.ui_request)
		a->ev.ui_request(a->ctx, (const uint8_t *)&w->guid, text);
	free(text);
}

bool ihv_ui_take(struct ihv_adapter *a, const GUID *g)
{
	struct ihv_ui_req **pp = ui_find(a, g), *u;

	if (!pp)
		return false;
	u = *pp;
	*pp = u->next;
	free(u);
	return true;
}

void ihv_ui_cancel_all(struct ihv_adapter *a, const char *why)
{
	struct ihv_ui_req *u;

	ihv_lock();
	while ((u = a->ui)) {
		char gs[37];

		a->ui = u->next;
		ihv_guid_str(&u->guid, gs);
		log_debug("%s: UI request %s cancelled: %s", ihv_plugin_label(), gs, why);
		free(u);
	}
	ihv_unlock();
}

int ihv_adapter_ui_respond(struct ihv_adapter *a, const uint8_t guid[16],
			   const uint8_t *data, size_t len)
{
	struct ihv_call save;
	BOOL pending = FALSE;
	GUID g;
	DWORD rc;
	bool had;
	int r;

	if (!a || !guid || (len && !data) || len > IHV_MAX_BLOB)
		return -EINVAL;
	memcpy(&g, guid, sizeof(g));
	/* the host's 802.1X module asks on its own account (onex.c) */
	r = ihv_onex_ui_respond(a, &g, data, len);
	if (r != -ENOENT)
		return r;
	ihv_lock();
	had = ihv_ui_take(a, &g); /* at most once per GUID (contract rule 62) */
	ihv_unlock();
	if (!had)
		return -ENOENT;
	ihv_call_enter(a->h, a, IHV_IN_UI, &save);
	rc = a->h->hd.Dot11ExtIhvIsUIRequestPending(g, &pending);
	if (rc == ERROR_SUCCESS && pending)
		rc = a->h->hd.Dot11ExtIhvProcessUIResponse(g, (DWORD)len, (LPVOID)data);
	else
		rc = ERROR_NOT_FOUND;
	ihv_call_leave(a->h, a, &save);
	return rc == ERROR_SUCCESS ? 0 : (rc == ERROR_NOT_FOUND ? -ESTALE : -EIO);
}
