// SPDX-License-Identifier: BSD-3-Clause
/*
 * Post-association: PerformPostAssociate starts the 4-way handshake, StopPostAssociate ends
 * the port, ReceivePacket feeds EAPOL frames to the engine, SendPacketCompletion frees ours.
 */
#include "rsn/plugin-state.h"

#include <stdlib.h>
#include <string.h>

#include "common/ie.h"
#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "rsn/reason.h"

/* IEs at (off, size) inside the association parameters, or NULL if out of bounds. */
static const uint8_t *rsn_plugin_assoc_ies(const uint8_t *base, size_t total, ULONG off, ULONG size,
					   size_t *len)
{
	if ((size_t)off > total || (size_t)size > total - off)
		return NULL;
	*len = size;
	return base + off;
}

uint32_t rsn_plugin_hs_start(struct adapter *a, const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *ap,
			     size_t total)
{
	const uint8_t *base = (const uint8_t *)ap, *req, *bcn;
	DOT11EXT_LINUX_ADAPTER_INFO info = { .dwSize = sizeof(info) };
	struct rsn_hs_params p = { 0 };
	size_t req_len = 0, bcn_len = 0;
	const char *why;

	if (total < offsetof(DOT11_ASSOCIATION_COMPLETION_PARAMETERS, AuthAlgo))
		return RSN_REASON_ASSOC_PARAMS;
	req = rsn_plugin_assoc_ies(base, total, ap->uAssocReqOffset, ap->uAssocReqSize, &req_len);
	bcn = rsn_plugin_assoc_ies(base, total, ap->uBeaconOffset, ap->uBeaconSize, &bcn_len);
	if (!req || !bcn || (ap->MacAddr[0] & 1) || !memcmp(ap->MacAddr, "\0\0\0\0\0\0", 6))
		return RSN_REASON_ASSOC_PARAMS;
	memcpy(a->aa, ap->MacAddr, 6);
	if (rsn_plugin_g.lx.Dot11ExtLinuxGetAdapterInfo(a->svc, &info) == ERROR_SUCCESS)
		memcpy(a->mac, info.MacAddress, 6);
	if (a->sel.open)
		return L2_REASON_CODE_SUCCESS;
	p.akm = a->sel.akm;
	p.pairwise_cipher = a->sel.pairwise;
	p.group_cipher = a->sel.group;
	p.group_mgmt_cipher = a->sel.group_mgmt;
	p.mfp = a->sel.mfp;
	p.pmk = a->pmk;
	p.pmk_len = a->pmk_len ? a->pmk_len : RSN_PMK_LEN; /* SAE-EXT-KEY: 32, 48 or 64 */
	memcpy(p.aa, a->aa, 6);
	memcpy(p.spa, a->mac, 6);
	p.sta_rsne = rsn_ie_find(req, req_len, IE_ID_RSN, &p.sta_rsne_len);
	p.ap_rsne = rsn_ie_find(bcn, bcn_len, IE_ID_RSN, &p.ap_rsne_len);
	p.sta_rsnxe = rsn_ie_find(req, req_len, IE_ID_RSNX, &p.sta_rsnxe_len);
	p.ap_rsnxe = rsn_ie_find(bcn, bcn_len, IE_ID_RSNX, &p.ap_rsnxe_len);
	if (!p.sta_rsne || !p.ap_rsne)
		return RSN_REASON_ASSOC_NO_RSNE;
	why = rsn_hs_params_check(&p);
	if (why) {
		LOG(WARN, "association does not fit the pre-association: %s", why);
		return RSN_REASON_ASSOC_RSNE_MISMATCH;
	}
	a->m1_seen = false;
	a->m1_repeats = 0;
	a->hs = rsn_hs_new(&p, &rsn_plugin_hs_ops, a);
	return a->hs ? L2_REASON_CODE_SUCCESS : RSN_REASON_OUT_OF_MEMORY;
}

DWORD WINAPI rsn_plugin_perform_post_associate(HANDLE hIhvExtAdapter, HANDLE hSecuritySessionID,
					       PDOT11_PORT_STATE pPortState,
					       ULONG uDot11AssocParamsBytes,
					       PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	uint32_t r;
	DWORD err;

	if (!a)
		return ERROR_INVALID_HANDLE;
	if (!pPortState || !pDot11AssocParams)
		return ERROR_INVALID_PARAMETER;
	if (a->state != ST_PRE_DONE)
		return ERROR_INVALID_STATE;
	a->state = ST_POST;
	a->security_session = hSecuritySessionID;
	a->post_completed = false;
	a->post_ready = false;
	if (a->eap)
		r = rsn_plugin_onex_post_start(a, pDot11AssocParams, uDot11AssocParamsBytes);
	else
		r = rsn_plugin_hs_start(a, pDot11AssocParams, uDot11AssocParamsBytes);
	if (r != L2_REASON_CODE_SUCCESS) {
		/* a content problem: reported asynchronously, with its reason (rule 36) */
		rsn_plugin_post_result(a, r, rsn_reason_win32(r));
	} else if (a->sel.open) {
		rsn_plugin_post_result(a, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
	}
	if (a->post_ready) {
		err = rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->post_timer, 0);
		if (err != ERROR_SUCCESS) {
			a->state = ST_PRE_DONE;
			a->post_ready = false;
			return err;
		}
	}
	/* frames may already wait in the host: it delivers them after this returns */
	return ERROR_SUCCESS;
}

DWORD WINAPI rsn_plugin_stop_post_associate(HANDLE hIhvExtAdapter, PDOT11_MAC_ADDRESS pPeer,
					    DOT11_ASSOC_STATUS dot11AssocStatus)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);

	(void)dot11AssocStatus;
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->state != ST_POST) /* e.g. after AdapterReset (contract §12) */
		return ERROR_SUCCESS;
	if (pPeer && memcmp(*pPeer, a->aa, 6))
		LOG(WARN, "StopPostAssociate for another peer than the port's; stopping the port");
	/* rule 40: no PostAssociateCompletion after this, whatever was pending */
	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->post_timer);
	rsn_plugin_hs_stop(a);
	rsn_plugin_onex_stop(a);
	a->post_ready = false;
	a->security_session = NULL;
	a->state = ST_PRE_DONE; /* a reassociation may follow with the same PMK */
	return ERROR_SUCCESS;
}

void rsn_plugin_psk_mismatch(struct adapter *a)
{
	a->psk_mismatches++;
	rsn_plugin_ui_forget(a); /* a passphrase the user gave: ask again next time */
	rsn_plugin_hs_stop(a);
	rsn_plugin_post_result(a, RSN_REASON_PSK_MISMATCH,
			       rsn_reason_win32(RSN_REASON_PSK_MISMATCH));
}

/*
 * One frame of our registered EtherType (contract rule 42), framed as a
 * DOT11_SECURITY_PACKET_HEADER: the peer address, the big-endian EtherType, the EAPOL PDU;
 * shorter than the 8-octet header is refused (rule 45). Calls are serialized and in receive
 * order (rule 43), which the engine's replay counter relies on.
 */
DWORD WINAPI rsn_plugin_receive_packet(HANDLE hIhvExtAdapter, DWORD dwInBufferSize,
				       LPVOID pvInBuffer)
{
	struct adapter *a = rsn_plugin_adapter_find(hIhvExtAdapter);
	const uint8_t *buf = pvInBuffer, *frame;
	const struct rsn_akm_info *akm;
	struct eapol_key k;
	bool m1 = false;
	uint8_t anonce[32];
	uint64_t replay = 0;
	uint32_t msg2_before;
	size_t len;

	if (!a)
		return ERROR_INVALID_HANDLE;
	if (!buf || dwInBufferSize < offsetof(DOT11_SECURITY_PACKET_HEADER, Data)) {
		a->rx_short++;
		return ERROR_INVALID_PARAMETER;
	}
	if (a->state != ST_POST || (!a->hs && !a->eap)) {
		a->rx_no_hs++;
		return ERROR_INVALID_STATE;
	}
	if (memcmp(buf, a->aa, 6)) {
		a->rx_peer++;
		return ERROR_INVALID_PARAMETER;
	}
	if (buf[6] != ETHERTYPE_EAPOL >> 8 || buf[7] != (ETHERTYPE_EAPOL & 0xff)) {
		a->rx_ethertype++;
		return ERROR_INVALID_PARAMETER;
	}
	frame = buf + 8;
	len = dwInBufferSize - 8;
	/* WPA-EAP: EAP goes to the host's 802.1X module, EAPOL-Key stays (contract rule 59) */
	if (rsn_plugin_onex_rx(a, frame, len)) {
		rsn_plugin_post_deliver(a);
		return ERROR_SUCCESS;
	}
	if (!a->hs) {
		a->rx_no_hs++;
		return ERROR_INVALID_STATE;
	}
	akm = rsn_hs_akm(a->hs);
	if (akm && len <= RSN_HS_MAX_FRAME &&
	    eapol_key_parse(frame, len, akm->mic_len, &k) == EAPOL_KEY_OK &&
	    (k.key_info & (EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_MIC)) ==
	    (EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK)) {
		m1 = true;
		memcpy(anonce, k.nonce, 32);
		replay = eapol_key_replay_u64(k.replay);
	}
	msg2_before = rsn_hs_stats(a->hs)->msg2_sent;
	rsn_hs_rx(a->hs, frame, len);
	/*
	 * A wrong passphrase: the AP finds our message 2's MIC bad, drops it and resends
	 * message 1 (same ANonce, higher replay counter) until it gives up and deauthenticates
	 * (hostapd: reason 15). Seeing that RSN_PLUGIN_PSK_MISMATCH_REPEATS times (plugin.h), fail then with a reason that says why.
	 */
	if (m1 && a->hs && !rsn_hs_is_established(a->hs) &&
	    rsn_hs_stats(a->hs)->msg2_sent > msg2_before) {
		if (a->m1_seen && !memcmp(anonce, a->m1_anonce, 32)) {
			if (replay > a->m1_replay) {
				a->m1_replay = replay;
				if (++a->m1_repeats >= RSN_PLUGIN_PSK_MISMATCH_REPEATS)
					rsn_plugin_psk_mismatch(a);
			}
		} else {
			memcpy(a->m1_anonce, anonce, 32);
			a->m1_replay = replay;
			a->m1_repeats = 0;
			a->m1_seen = true;
		}
	}
	rsn_plugin_post_deliver(a);
	return ERROR_SUCCESS;
}

DWORD WINAPI rsn_plugin_send_packet_completion(HANDLE hSendCompletion)
{
	struct pkt *p = hSendCompletion;

	if (!p || !rsn_plugin_pkt_unlink(p)) /* unknown, or completed before: never freed twice */
		return ERROR_NOT_FOUND;
	free(p);
	return ERROR_SUCCESS;
}
