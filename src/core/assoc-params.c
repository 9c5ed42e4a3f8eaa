// SPDX-License-Identifier: BSD-3-Clause
/* DOT11_ASSOCIATION_COMPLETION_PARAMETERS (contract §6.5). */
#include "core/assoc-params.h"

#include <stdlib.h>
#include <string.h>

bool ihv_ies_have_wmm(const uint8_t *ies, size_t len)
{
	size_t off = 0;

	while (off + 2 <= len) {
		uint8_t id = ies[off], l = ies[off + 1];

		if (off + 2 + l > len)
			return false;
		/* Vendor Specific, Microsoft OUI 00-50-F2, type 2: WMM */
		if (id == 221 && l >= 4 && ies[off + 2] == 0x00 &&
		    ies[off + 3] == 0x50 && ies[off + 4] == 0xf2 &&
		    ies[off + 5] == 0x02)
			return true;
		off += 2 + (size_t)l;
	}
	return false;
}

uint8_t *ihv_assoc_params_build(const struct ihv_assoc_info *info, size_t *len)
{
	DOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	size_t hdr = sizeof(p), total;
	uint8_t *buf;

	total = hdr + info->req_ies_len + info->resp_ies_len + info->beacon_ies_len;
	if (total > UINT32_MAX)
		return NULL;
	buf = calloc(1, total);
	if (!buf)
		return NULL;
	memset(&p, 0, sizeof(p));
	p.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	p.Header.Revision = DOT11_ASSOCIATION_COMPLETION_PARAMETERS_REVISION_2;
	p.Header.Size = (USHORT)sizeof(p);
	memcpy(p.MacAddr, info->bssid, 6);
	p.uStatus = DOT11_ASSOC_STATUS_SUCCESS;
	p.bReAssocReq = info->reassoc;
	p.bReAssocResp = info->reassoc;
	p.uAssocReqOffset = (ULONG)hdr;
	p.uAssocReqSize = (ULONG)info->req_ies_len;
	p.uAssocRespOffset = (ULONG)(hdr + info->req_ies_len);
	p.uAssocRespSize = (ULONG)info->resp_ies_len;
	p.uBeaconOffset = (ULONG)(hdr + info->req_ies_len + info->resp_ies_len);
	p.uBeaconSize = (ULONG)info->beacon_ies_len;
	p.AuthAlgo = info->auth_algo;
	p.UnicastCipher = info->unicast_cipher;
	p.MulticastCipher = info->multicast_cipher;
	p.bFourAddressSupported = FALSE;
	p.bPortAuthorized = FALSE; /* the plugin authorizes (contract §8.12) */
	p.ucActiveQoSProtocol = ihv_ies_have_wmm(info->resp_ies, info->resp_ies_len) ?
		DOT11_QOS_PROTOCOL_FLAG_WMM : 0;
	p.DSInfo = DOT11_DS_UNKNOWN;
	p.MulticastMgmtCipher = info->multicast_mgmt_cipher;
	memcpy(buf, &p, hdr);
	if (info->req_ies_len)
		memcpy(buf + p.uAssocReqOffset, info->req_ies, info->req_ies_len);
	if (info->resp_ies_len)
		memcpy(buf + p.uAssocRespOffset, info->resp_ies, info->resp_ies_len);
	if (info->beacon_ies_len)
		memcpy(buf + p.uBeaconOffset, info->beacon_ies, info->beacon_ies_len);
	*len = total;
	return buf;
}
