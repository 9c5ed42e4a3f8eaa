/*
 * Driver indications to the plugin's Dot11ExtIhvReceiveIndication (contract
 * §3 [11]), in the indication formats of wlanihv.h (contract §6.9):
 *
 *   Michael MIC failure  -> IndicationTypeTkipMicFailure,
 *                           DOT11_TKIPMIC_FAILURE_PARAMETERS
 *   PMKSA candidate      -> IndicationTypePmkidCandidateList,
 *                           DOT11_PMKID_CANDIDATE_LIST_PARAMETERS, then one
 *                           DOT11_BSSID_CANDIDATE at uCandidateListOffset
 *   CQM RSSI / beacon loss -> IndicationTypeLinkQuality,
 *                           DOT11_LINK_QUALITY_PARAMETERS, then one
 *                           DOT11_LINK_QUALITY_ENTRY (the associated BSS;
 *                           0 on beacon loss, else 2 * (dBm + 100) in 0..100)
 *
 * Each buffer starts with an NDIS_OBJECT_HEADER (type DEFAULT, revision 1,
 * the structure's size) and is the host's: valid for the call only.
 */
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

static void indication_header(NDIS_OBJECT_HEADER *h, size_t size)
{
	h->Type = NDIS_OBJECT_TYPE_DEFAULT;
	h->Revision = 1;
	h->Size = (USHORT)size;
}

static void indication_call(struct ihv_adapter *a, DOT11EXT_IHV_INDICATION_TYPE type,
			    void *buf, size_t len)
{
	struct ihv_call save;
	DWORD rc;

	ihv_call_enter(a->h, a, IHV_IN_OTHER, &save);
	rc = a->h->hd.Dot11ExtIhvReceiveIndication(a->ext, type, (ULONG)len, buf);
	ihv_call_leave(a->h, a, &save);
	if (rc != ERROR_SUCCESS)
		log_debug("%s: ReceiveIndication(%d) returned error %u", a->h->name, (int)type, rc);
}

static uint8_t indication_quality(const struct drv_event *ev)
{
	int q;

	if (ev->cqm.beacon_loss)
		return 0;
	q = 2 * (ev->cqm.rssi_dbm + 100); /* -100 dBm: 0, -50 dBm and above: 100 */
	return (uint8_t)(q < 0 ? 0 : q > 100 ? 100 : q);
}

void ihv_indication_deliver(struct ihv_adapter *a, const struct drv_event *ev)
{
	union {
		DOT11_TKIPMIC_FAILURE_PARAMETERS mic;
		struct {
			DOT11_PMKID_CANDIDATE_LIST_PARAMETERS p;
			DOT11_BSSID_CANDIDATE c;
		} pmkid;
		struct {
			DOT11_LINK_QUALITY_PARAMETERS p;
			DOT11_LINK_QUALITY_ENTRY e;
		} lq;
	} b;

	memset(&b, 0, sizeof(b));
	switch (ev->type) {
	case DRV_EVENT_MIC_FAILURE:
		indication_header(&b.mic.Header, sizeof(b.mic));
		b.mic.bDefaultKeyFailure = ev->mic_failure.group;
		b.mic.uKeyIndex = ev->mic_failure.key_idx < 0 ? 0 : (ULONG)ev->mic_failure.key_idx;
		memcpy(b.mic.PeerMac, ev->mic_failure.addr, 6);
		log_info("%s: Michael MIC failure reported (%s key)", a->ifname,
			 ev->mic_failure.group ? "group" : "pairwise");
		indication_call(a, IndicationTypeTkipMicFailure, &b.mic, sizeof(b.mic));
		break;
	case DRV_EVENT_PMKSA_CANDIDATE:
		indication_header(&b.pmkid.p.Header, sizeof(b.pmkid.p));
		b.pmkid.p.uCandidateListSize = 1;
		b.pmkid.p.uCandidateListOffset = (ULONG)offsetof(__typeof__(b.pmkid), c);
		memcpy(b.pmkid.c.BSSID, ev->pmksa.bssid, 6);
		b.pmkid.c.uFlags = ev->pmksa.preauth ? DOT11_PMKID_CANDIDATE_PREAUTH_ENABLED : 0;
		indication_call(a, IndicationTypePmkidCandidateList, &b.pmkid, sizeof(b.pmkid));
		break;
	case DRV_EVENT_CQM:
		if (a->phase == IHV_PHASE_IDLE || a->phase == IHV_PHASE_PRE_ASSOCIATE)
			return; /* no link to report on */
		if (!ev->cqm.beacon_loss && !ev->cqm.has_rssi) {
			log_debug("%s: CQM RSSI event without a level: not indicated", a->ifname);
			return;
		}
		indication_header(&b.lq.p.Header, sizeof(b.lq.p));
		b.lq.p.uLinkQualityListSize = 1;
		b.lq.p.uLinkQualityListOffset = (ULONG)offsetof(__typeof__(b.lq), e);
		memcpy(b.lq.e.PeerMacAddr, a->bssid, 6);
		b.lq.e.ucLinkQuality = indication_quality(ev);
		indication_call(a, IndicationTypeLinkQuality, &b.lq, sizeof(b.lq));
		break;
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_IFACE_REMOVED:
	case DRV_EVENT_SCAN_STARTED:
	case DRV_EVENT_SCAN_DONE:
	case DRV_EVENT_SCAN_ABORTED:
	case DRV_EVENT_CONNECT_RESULT:
	case DRV_EVENT_DISCONNECTED:
	case DRV_EVENT_EAPOL_RX:
	case DRV_EVENT_EAPOL_TX_STATUS:
		break;
	}
}
