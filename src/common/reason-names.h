/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What IEEE 802.11 reason codes (IEEE 802.11-2020 9.4.1.7, Table 9-49) and
 * status codes (9.4.1.9, Table 9-50) mean, for logs. Knows no contract: the
 * L2/WLAN reason codes of the IHV contract are named by the daemon.
 */
#ifndef IHVD_COMMON_REASON_NAMES_H
#define IHVD_COMMON_REASON_NAMES_H

#include <stdint.h>

/* The meaning of a Reason code; "other reason" when not in the table. */
const char *reason_names_reason(uint16_t reason);
/* The meaning of a Status code; "other status" when not in the table. */
const char *reason_names_status(uint16_t status);

#endif
