// SPDX-License-Identifier: BSD-3-Clause
/* DOT11_BSS_LIST building (contract §6.4). */
#include "core/bss-list.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BSS_ENTRY_HDR offsetof(DOT11_BSS_ENTRY, ucBuffer)

/* Windows FILETIME: 100 ns since 1601-01-01 (DOT11_BSS_ENTRY.ullHostTimestamp). */
static uint64_t bss_list_filetime_now_minus_ms(uint32_t ms_ago)
{
	struct timespec ts;
	uint64_t t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t = (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
	t += 116444736000000000ull;
	return t - (uint64_t)ms_ago * 10000u;
}

uint32_t ihv_bss_link_quality(int32_t signal_mbm)
{
	int32_t dbm = signal_mbm / 100;

	if (dbm <= -100)
		return 0;
	if (dbm >= -50)
		return 100;
	return (uint32_t)((dbm + 100) * 2);
}

uint8_t *ihv_bss_list_build(const struct drv_bss *const *bss, size_t n,
			    size_t *len)
{
	size_t total = 0, off = 0, i;
	uint8_t *buf;

	for (i = 0; i < n; i++) {
		total += BSS_ENTRY_HDR + bss[i]->ies_len;
		if (total > UINT32_MAX)
			return NULL;
	}
	buf = malloc(total ? total : 1);
	if (!buf)
		return NULL;
	for (i = 0; i < n; i++) {
		const struct drv_bss *b = bss[i];
		DOT11_BSS_ENTRY e;

		memset(&e, 0, sizeof(e));
		e.uPhyId = 0;
		e.PhySpecificInfo.uChCenterFrequency = b->freq;
		memcpy(e.dot11BSSID, b->bssid, 6);
		/* IEEE 802.11-2020 9.4.1.4: bit 1 IBSS, else an infrastructure BSS */
		e.dot11BSSType = (b->capability & 0x0002) ?
			dot11_BSS_type_independent : dot11_BSS_type_infrastructure;
		e.lRSSI = b->signal_mbm / 100;
		e.uLinkQuality = ihv_bss_link_quality(b->signal_mbm);
		e.bInRegDomain = TRUE;
		e.usBeaconPeriod = b->beacon_interval;
		e.ullTimestamp = b->tsf;
		e.ullHostTimestamp = bss_list_filetime_now_minus_ms(b->seen_ms_ago);
		e.usCapabilityInformation = b->capability;
		e.uBufferLength = (ULONG)b->ies_len;
		memcpy(buf + off, &e, BSS_ENTRY_HDR);
		off += BSS_ENTRY_HDR;
		if (b->ies_len)
			memcpy(buf + off, b->ies, b->ies_len);
		off += b->ies_len;
	}
	*len = total;
	return buf;
}

int ihv_bss_list_next(const uint8_t *buf, size_t len, size_t *off,
		      DOT11_BSS_ENTRY *entry, const uint8_t **ies)
{
	if (*off >= len)
		return 0;
	if (len - *off < BSS_ENTRY_HDR)
		return -1;
	memset(entry, 0, sizeof(*entry));
	memcpy(entry, buf + *off, BSS_ENTRY_HDR);
	if (entry->uBufferLength > len - *off - BSS_ENTRY_HDR)
		return -1;
	*ies = buf + *off + BSS_ENTRY_HDR;
	*off += BSS_ENTRY_HDR + entry->uBufferLength;
	return 1;
}
