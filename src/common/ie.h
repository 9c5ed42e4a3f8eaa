/* SPDX-License-Identifier: BSD-3-Clause */
/* RSNE, RSNXE and Key Data KDEs (IEEE 802.11-2020 9.4.2.24, 9.4.2.241, 12.7.2). */
#ifndef IHVD_COMMON_IE_H
#define IHVD_COMMON_IE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/suite.h"

#define IE_ID_RSN    48
#define IE_ID_RSNX   244
#define IE_ID_VENDOR 221

#define RSN_CAP_PREAUTH 0x0001
#define RSN_CAP_MFPR    0x0040
#define RSN_CAP_MFPC    0x0080

#define RSN_IE_MAX_SUITES 8
#define RSN_IE_MAX_PMKIDS 4

enum rsn_ie_err {
	RSN_IE_OK = 0,
	RSN_IE_ERR_SHORT = 1,          /* fewer than 2 octets, or length field exceeds buffer */
	RSN_IE_ERR_ID = 2,             /* element ID is not the one expected */
	RSN_IE_ERR_VERSION = 3,        /* RSN version is not 1 (or missing) */
	RSN_IE_ERR_GROUP_TRUNC = 4,    /* partial group data cipher suite */
	RSN_IE_ERR_PAIRWISE_TRUNC = 5, /* pairwise count/list truncated */
	RSN_IE_ERR_PAIRWISE_COUNT = 6, /* zero or more pairwise suites than supported */
	RSN_IE_ERR_AKM_TRUNC = 7,
	RSN_IE_ERR_AKM_COUNT = 8,
	RSN_IE_ERR_CAPS_TRUNC = 9,
	RSN_IE_ERR_PMKID_TRUNC = 10,
	RSN_IE_ERR_PMKID_COUNT = 11,
	RSN_IE_ERR_MGMT_TRUNC = 12,
	RSN_IE_ERR_RSNX_EMPTY = 13,    /* RSNXE with no octet */
	RSN_IE_ERR_BUILD_SPACE = 14,   /* output buffer too small */
};

const char *rsn_ie_err_str(enum rsn_ie_err err);

/* A parsed RSNE. Absent optional fields take the 9.4.2.24.1 defaults. */
struct rsn_ie {
	uint16_t version;
	uint32_t group_cipher;
	uint32_t pairwise[RSN_IE_MAX_SUITES];
	size_t n_pairwise;
	uint32_t akm[RSN_IE_MAX_SUITES];
	size_t n_akm;
	uint16_t caps;
	bool has_caps;
	uint8_t pmkid[RSN_IE_MAX_PMKIDS][16];
	size_t n_pmkid;
	uint32_t group_mgmt_cipher; /* BIP-CMAC-128 when absent */
	bool has_group_mgmt;
};

/* ie points at the element ID; len covers the whole element (2 + length). */
enum rsn_ie_err rsn_ie_parse(const uint8_t *ie, size_t len, struct rsn_ie *out);
/* Writes the element; *out_len receives 2 + length. */
enum rsn_ie_err rsn_ie_build(const struct rsn_ie *rsn, uint8_t *buf, size_t cap, size_t *out_len);

struct rsnx_ie {
	uint8_t caps[8]; /* Extended RSN Capabilities, octet 0 bits 0-3 = field length - 1 */
	size_t caps_len;
};

enum rsn_ie_err rsnx_ie_parse(const uint8_t *ie, size_t len, struct rsnx_ie *out);
enum rsn_ie_err rsnx_ie_build(const struct rsnx_ie *rsnx, uint8_t *buf, size_t cap,
			      size_t *out_len);

#endif
