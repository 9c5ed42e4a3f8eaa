// SPDX-License-Identifier: BSD-3-Clause
/* IEEE 802.11 reason and status code meanings (reason-names.h). */
#include "common/reason-names.h"

#include <stddef.h>

struct reason_names_entry {
	uint16_t code;
	const char *name;
};

/* IEEE 802.11-2020 Table 9-49 (Reason codes), the ones a station meets. */
static const struct reason_names_entry reason_names_reasons[] = {
	{ 0, "none" },
	{ 1, "unspecified reason" },
	{ 2, "previous authentication no longer valid" },
	{ 3, "deauthenticated because the sending STA is leaving" },
	{ 4, "disassociated due to inactivity" },
	{ 5, "AP unable to handle all associated STAs" },
	{ 6, "class 2 frame from a nonauthenticated STA" },
	{ 7, "class 3 frame from a nonassociated STA" },
	{ 8, "disassociated because the sending STA is leaving" },
	{ 9, "STA not authenticated" },
	{ 10, "power capability unacceptable" },
	{ 11, "supported channels unacceptable" },
	{ 12, "disassociated due to BSS transition management" },
	{ 13, "invalid element" },
	{ 14, "message integrity code (MIC) failure" },
	{ 15, "4-way handshake timeout" },
	{ 16, "group key handshake timeout" },
	{ 17, "element in 4-way handshake differs from (Re)Association frame" },
	{ 18, "invalid group cipher" },
	{ 19, "invalid pairwise cipher" },
	{ 20, "invalid AKMP" },
	{ 21, "unsupported RSNE version" },
	{ 22, "invalid RSNE capabilities" },
	{ 23, "IEEE 802.1X authentication failed" },
	{ 24, "cipher suite rejected because of the security policy" },
};

/* IEEE 802.11-2020 Table 9-50 (Status codes), the ones a station meets. */
static const struct reason_names_entry reason_names_statuses[] = {
	{ 0, "success" },
	{ 1, "unspecified failure" },
	{ 10, "cannot support all requested capabilities" },
	{ 11, "reassociation denied: no association to confirm" },
	{ 12, "association denied for a reason outside the scope of the standard" },
	{ 13, "authentication algorithm not supported" },
	{ 14, "authentication transaction sequence number out of sequence" },
	{ 15, "authentication rejected: challenge failure" },
	{ 16, "authentication rejected: timeout waiting for the next frame" },
	{ 17, "AP unable to handle additional associated STAs" },
	{ 18, "association denied: basic rates not supported" },
	{ 30, "association rejected temporarily; try again later" },
	{ 31, "robust management frame policy violation" },
	{ 40, "invalid element" },
	{ 41, "invalid group cipher" },
	{ 42, "invalid pairwise cipher" },
	{ 43, "invalid AKMP" },
	{ 44, "unsupported RSNE version" },
	{ 45, "invalid RSNE capabilities" },
	{ 46, "cipher suite rejected because of the security policy" },
	{ 53, "invalid PMKID" },
	{ 72, "invalid RSNE contents" },
	{ 76, "anti-clogging token required" },
	{ 77, "finite cyclic group not supported" },
};

static const char *reason_names_find(const struct reason_names_entry *t, size_t n,
				     uint16_t code, const char *other)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return other;
}

const char *reason_names_reason(uint16_t reason)
{
	return reason_names_find(reason_names_reasons,
				 sizeof(reason_names_reasons) / sizeof(reason_names_reasons[0]),
				 reason, "other reason");
}

const char *reason_names_status(uint16_t status)
{
	return reason_names_find(reason_names_statuses,
				 sizeof(reason_names_statuses) / sizeof(reason_names_statuses[0]),
				 status, "other status");
}
