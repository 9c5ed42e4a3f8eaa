// SPDX-License-Identifier: BSD-3-Clause
/*
 * Asking the user for a PSK passphrase (contract §4.14, §3.19): a PSK profile with
 * <AskPassphrase>1</AskPassphrase> and no secret (the block's mem_only_psk=1 without psk).
 * The pre-association worker sends Dot11ExtSendUIRequest with "PSK_PASSPHRASE:<prompt>"
 * (ihvd shows it as CTRL-REQ-PSK_PASSPHRASE-<id>), waits, and goes on when
 * ProcessUIResponse brings a passphrase (8..63 printable ASCII) or 64 hex digits. The PMK
 * is kept for the adapter's life (the SSID's key, like wpa_supplicant's mem_only_psk) and
 * forgotten after a PSK mismatch. No answer within RSN_PLUGIN_UI_TIMEOUT_MS: the
 * pre-association fails with PASSPHRASE_NOT_GIVEN. The answer is never logged.
 */
#include "rsn/plugin-state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "rsn/pmk-cache.h"
#include "rsn/reason.h"

static struct adapter *rsn_plugin_ui_find(const GUID *g)
{
	struct adapter *a;

	for (a = rsn_plugin_g.adapters; a; a = a->next)
		if (a->ui_pending && !memcmp(&a->ui_guid, g, sizeof(*g)))
			return a;
	return NULL;
}

bool rsn_plugin_ui_pmk(struct adapter *a)
{
	if (!a->asked_set || a->asked_ssid_len != a->prof.ssid_len ||
	    memcmp(a->asked_ssid, a->prof.ssid, a->prof.ssid_len))
		return false;
	memcpy(a->pmk, a->asked_pmk, RSN_PMK_LEN);
	a->pmk_set = true;
	return true;
}

void rsn_plugin_ui_forget(struct adapter *a)
{
	OPENSSL_cleanse(a->asked_pmk, sizeof(a->asked_pmk));
	a->asked_set = false;
}

void rsn_plugin_ui_cancel(struct adapter *a)
{
	if (a->ui_timer)
		rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->ui_timer);
	a->ui_pending = false;
}

uint32_t rsn_plugin_ui_ask(struct adapter *a)
{
	DOT11EXT_IHV_UI_REQUEST r;
	char text[128], ssid[33];
	size_t i;
	DWORD err;

	if (RAND_bytes((unsigned char *)&a->ui_guid, sizeof(a->ui_guid)) != 1)
		return RSN_REASON_OUT_OF_MEMORY;
	for (i = 0; i < a->prof.ssid_len; i++)
		ssid[i] = a->prof.ssid[i] >= 0x20 && a->prof.ssid[i] < 0x7f ? (char)a->prof.ssid[i]
									     : '?';
	ssid[i] = 0;
	snprintf(text, sizeof(text), "PSK_PASSPHRASE:Passphrase needed for SSID %s", ssid);
	memset(&r, 0, sizeof(r));
	r.guidUIRequest = a->ui_guid;
	r.dwByteCount = (DWORD)strlen(text);
	r.pvUIRequest = (BYTE *)text;
	memcpy(a->asked_ssid, a->prof.ssid, a->prof.ssid_len);
	a->asked_ssid_len = a->prof.ssid_len;
	a->ui_pending = true;
	err = rsn_plugin_g.api.Dot11ExtSendUIRequest(a->svc, &r);
	if (err != ERROR_SUCCESS) {
		a->ui_pending = false;
		LOG(WARN, "Dot11ExtSendUIRequest failed: %u", err);
		return RSN_REASON_PASSPHRASE_NOT_GIVEN;
	}
	rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->ui_timer, RSN_PLUGIN_UI_TIMEOUT_MS);
	LOG(INFO, "asking the user for the passphrase (%u s to answer)",
	    RSN_PLUGIN_UI_TIMEOUT_MS / 1000);
	return L2_REASON_CODE_SUCCESS;
}

/* No answer: the pre-association fails (it is still ours to complete, contract rule 25). */
void WINAPI rsn_plugin_ui_timer_cb(HANDLE t, LPVOID ctx)
{
	struct adapter *a = ctx;
	HANDLE session;

	(void)t;
	if (!a->ui_pending || a->state != ST_PRE_PENDING)
		return;
	a->ui_pending = false;
	LOG(WARN, "no passphrase given within %u s", RSN_PLUGIN_UI_TIMEOUT_MS / 1000);
	rsn_sec_profile_clear(&a->prof);
	rsn_plugin_bss_ies_free(a);
	a->state = ST_IDLE;
	session = a->connect_session;
	a->connect_session = NULL;
	rsn_plugin_g.api.Dot11ExtPreAssociateCompletion(
		a->svc, session, RSN_REASON_PASSPHRASE_NOT_GIVEN,
		rsn_reason_win32(RSN_REASON_PASSPHRASE_NOT_GIVEN));
}

DWORD WINAPI rsn_plugin_is_ui_request_pending(GUID guidUIRequest, PBOOL pbIsRequestPending)
{
	if (!pbIsRequestPending)
		return ERROR_INVALID_PARAMETER;
	*pbIsRequestPending = rsn_plugin_ui_find(&guidUIRequest) ? TRUE : FALSE;
	return ERROR_SUCCESS;
}

DWORD WINAPI rsn_plugin_process_ui_response(GUID guidUIRequest, DWORD dwByteCount,
					    LPVOID pvResponseBuffer)
{
	struct adapter *a = rsn_plugin_ui_find(&guidUIRequest);
	char v[65];
	int bad;

	if (!a)
		return ERROR_NOT_FOUND;
	if (!pvResponseBuffer || dwByteCount >= sizeof(v))
		return ERROR_INVALID_DATA;
	memcpy(v, pvResponseBuffer, dwByteCount);
	v[dwByteCount] = 0;
	if (dwByteCount == 64)
		bad = rsn_crypto_psk_from_hex(v, a->asked_pmk);
	else
		bad = rsn_pmk_cache_get(rsn_plugin_g.pmk_cache, a->prof.ssid, a->prof.ssid_len, v,
					a->asked_pmk);
	OPENSSL_cleanse(v, sizeof(v));
	if (bad) {
		/* IEEE 802.11-2020 J.4.1: 8..63 printable ASCII; ask again is the user's move */
		LOG(WARN, "the passphrase given is not 8..63 printable characters or 64 hex digits");
		return ERROR_INVALID_DATA;
	}
	rsn_plugin_ui_cancel(a);
	a->asked_set = true;
	LOG(INFO, "passphrase given by the user");
	/* the pre-association worker runs again, now with a PMK */
	rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->pre_timer, 0);
	return ERROR_SUCCESS;
}
