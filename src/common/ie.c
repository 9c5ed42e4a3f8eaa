// SPDX-License-Identifier: BSD-3-Clause
/* RSNE, RSNXE and Key Data KDEs (IEEE 802.11-2020 9.4.2.24, 9.4.2.241, 12.7.2). */
#include "common/ie.h"

#include <string.h>


const char *rsn_ie_err_str(enum rsn_ie_err err)
{
	switch (err) {
	case RSN_IE_OK:
		return "ok";
	case RSN_IE_ERR_SHORT:
		return "element shorter than its length field";
	case RSN_IE_ERR_ID:
		return "unexpected element ID";
	case RSN_IE_ERR_VERSION:
		return "RSN version is not 1";
	case RSN_IE_ERR_GROUP_TRUNC:
		return "group data cipher suite truncated";
	case RSN_IE_ERR_PAIRWISE_TRUNC:
		return "pairwise cipher suite list truncated";
	case RSN_IE_ERR_PAIRWISE_COUNT:
		return "pairwise cipher suite count zero or too large";
	case RSN_IE_ERR_AKM_TRUNC:
		return "AKM suite list truncated";
	case RSN_IE_ERR_AKM_COUNT:
		return "AKM suite count zero or too large";
	case RSN_IE_ERR_CAPS_TRUNC:
		return "RSN capabilities truncated";
	case RSN_IE_ERR_PMKID_TRUNC:
		return "PMKID list truncated";
	case RSN_IE_ERR_PMKID_COUNT:
		return "PMKID count too large";
	case RSN_IE_ERR_MGMT_TRUNC:
		return "group management cipher suite truncated";
	case RSN_IE_ERR_RSNX_EMPTY:
		return "RSNXE without capabilities";
	case RSN_IE_ERR_BUILD_SPACE:
		return "output buffer too small";
	}
	return "unknown";
}

static uint32_t ie_suite_get(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void ie_suite_put(uint8_t *p, uint32_t s)
{
	p[0] = (uint8_t)(s >> 24);
	p[1] = (uint8_t)(s >> 16);
	p[2] = (uint8_t)(s >> 8);
	p[3] = (uint8_t)s;
}

static uint16_t ie_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* IEEE 802.11-2020 9.4.2.24.1: the element may end after any complete field. */
enum rsn_ie_err rsn_ie_parse(const uint8_t *ie, size_t len, struct rsn_ie *r)
{
	const uint8_t *p, *end;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->group_cipher = RSN_CIPHER_CCMP_128;
	r->pairwise[0] = RSN_CIPHER_CCMP_128;
	r->n_pairwise = 1;
	r->akm[0] = RSN_AKM_8021X;
	r->n_akm = 1;
	r->group_mgmt_cipher = RSN_CIPHER_BIP_CMAC_128;
	if (!ie || len < 2 || (size_t)ie[1] + 2 > len)
		return RSN_IE_ERR_SHORT;
	if (ie[0] != IE_ID_RSN)
		return RSN_IE_ERR_ID;
	p = ie + 2;
	end = p + ie[1];
	if (end - p < 2 || ie_le16(p) != 1)
		return RSN_IE_ERR_VERSION;
	r->version = 1;
	p += 2;
	if (p == end)
		return RSN_IE_OK;
	if (end - p < 4)
		return RSN_IE_ERR_GROUP_TRUNC;
	r->group_cipher = ie_suite_get(p);
	p += 4;
	if (p == end)
		return RSN_IE_OK;
	if (end - p < 2)
		return RSN_IE_ERR_PAIRWISE_TRUNC;
	n = ie_le16(p);
	p += 2;
	if (n == 0 || n > RSN_IE_MAX_SUITES)
		return RSN_IE_ERR_PAIRWISE_COUNT;
	if ((size_t)(end - p) < 4 * n)
		return RSN_IE_ERR_PAIRWISE_TRUNC;
	for (size_t i = 0; i < n; i++, p += 4)
		r->pairwise[i] = ie_suite_get(p);
	r->n_pairwise = n;
	if (p == end)
		return RSN_IE_OK;
	if (end - p < 2)
		return RSN_IE_ERR_AKM_TRUNC;
	n = ie_le16(p);
	p += 2;
	if (n == 0 || n > RSN_IE_MAX_SUITES)
		return RSN_IE_ERR_AKM_COUNT;
	if ((size_t)(end - p) < 4 * n)
		return RSN_IE_ERR_AKM_TRUNC;
	for (size_t i = 0; i < n; i++, p += 4)
		r->akm[i] = ie_suite_get(p);
	r->n_akm = n;
	if (p == end)
		return RSN_IE_OK;
	if (end - p < 2)
		return RSN_IE_ERR_CAPS_TRUNC;
	r->caps = ie_le16(p);
	r->has_caps = true;
	p += 2;
	if (p == end)
		return RSN_IE_OK;
	if (end - p < 2)
		return RSN_IE_ERR_PMKID_TRUNC;
	n = ie_le16(p);
	p += 2;
	if (n > RSN_IE_MAX_PMKIDS)
		return RSN_IE_ERR_PMKID_COUNT;
	if ((size_t)(end - p) < 16 * n)
		return RSN_IE_ERR_PMKID_TRUNC;
	for (size_t i = 0; i < n; i++, p += 16)
		memcpy(r->pmkid[i], p, 16);
	r->n_pmkid = n;
	if (p == end)
		return RSN_IE_OK;
	if (end - p < 4)
		return RSN_IE_ERR_MGMT_TRUNC;
	r->group_mgmt_cipher = ie_suite_get(p);
	r->has_group_mgmt = true;
	/* octets beyond are reserved for extension and ignored (9.4.2.1) */
	return RSN_IE_OK;
}

enum rsn_ie_err rsn_ie_build(const struct rsn_ie *r, uint8_t *buf, size_t cap, size_t *out_len)
{
	size_t need = 2 + 2 + 4 + 2 + 4 * r->n_pairwise + 2 + 4 * r->n_akm;
	bool pmkid = r->n_pmkid || r->has_group_mgmt;
	uint8_t *p = buf;

	if (r->n_pairwise == 0 || r->n_pairwise > RSN_IE_MAX_SUITES)
		return RSN_IE_ERR_PAIRWISE_COUNT;
	if (r->n_akm == 0 || r->n_akm > RSN_IE_MAX_SUITES)
		return RSN_IE_ERR_AKM_COUNT;
	if (r->n_pmkid > RSN_IE_MAX_PMKIDS)
		return RSN_IE_ERR_PMKID_COUNT;
	if (r->has_caps || pmkid)
		need += 2;
	if (pmkid)
		need += 2 + 16 * r->n_pmkid;
	if (r->has_group_mgmt)
		need += 4;
	if (need > cap || need - 2 > 255)
		return RSN_IE_ERR_BUILD_SPACE;
	*p++ = IE_ID_RSN;
	*p++ = (uint8_t)(need - 2);
	*p++ = 1;
	*p++ = 0;
	ie_suite_put(p, r->group_cipher);
	p += 4;
	*p++ = (uint8_t)r->n_pairwise;
	*p++ = 0;
	for (size_t i = 0; i < r->n_pairwise; i++, p += 4)
		ie_suite_put(p, r->pairwise[i]);
	*p++ = (uint8_t)r->n_akm;
	*p++ = 0;
	for (size_t i = 0; i < r->n_akm; i++, p += 4)
		ie_suite_put(p, r->akm[i]);
	if (r->has_caps || pmkid) {
		*p++ = (uint8_t)r->caps;
		*p++ = (uint8_t)(r->caps >> 8);
	}
	if (pmkid) {
		*p++ = (uint8_t)r->n_pmkid;
		*p++ = 0;
		for (size_t i = 0; i < r->n_pmkid; i++, p += 16)
			memcpy(p, r->pmkid[i], 16);
	}
	if (r->has_group_mgmt) {
		ie_suite_put(p, r->group_mgmt_cipher);
		p += 4;
	}
	*out_len = need;
	return RSN_IE_OK;
}

enum rsn_ie_err rsnx_ie_parse(const uint8_t *ie, size_t len, struct rsnx_ie *x)
{
	memset(x, 0, sizeof(*x));
	if (!ie || len < 2 || (size_t)ie[1] + 2 > len)
		return RSN_IE_ERR_SHORT;
	if (ie[0] != IE_ID_RSNX)
		return RSN_IE_ERR_ID;
	if (ie[1] == 0)
		return RSN_IE_ERR_RSNX_EMPTY;
	x->caps_len = ie[1] > sizeof(x->caps) ? sizeof(x->caps) : ie[1];
	memcpy(x->caps, ie + 2, x->caps_len);
	return RSN_IE_OK;
}

enum rsn_ie_err rsnx_ie_build(const struct rsnx_ie *x, uint8_t *buf, size_t cap, size_t *out_len)
{
	if (x->caps_len == 0 || x->caps_len > sizeof(x->caps))
		return RSN_IE_ERR_RSNX_EMPTY;
	if (cap < 2 + x->caps_len)
		return RSN_IE_ERR_BUILD_SPACE;
	buf[0] = IE_ID_RSNX;
	buf[1] = (uint8_t)x->caps_len;
	memcpy(buf + 2, x->caps, x->caps_len);
	/* 9.4.2.241: field length - 1 in bits 0-3 of the first octet */
	buf[2] = (uint8_t)((buf[2] & 0xf0) | ((x->caps_len - 1) & 0x0f));
	*out_len = 2 + x->caps_len;
	return RSN_IE_OK;
}

