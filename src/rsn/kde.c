// SPDX-License-Identifier: BSD-3-Clause
/* Key Data KDE parsing (IEEE 802.11-2020 12.7.2). */
#include "rsn/kde.h"

#include <string.h>

#include "common/ie.h"

static uint16_t kde_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

const char *kde_err_str(enum kde_err err)
{
	switch (err) {
	case KDE_OK:
		return "ok";
	case KDE_ERR_TRUNCATED:
		return "element runs past the key data";
	case KDE_ERR_PADDING:
		return "bad key data padding";
	case KDE_ERR_GTK_LEN:
		return "bad GTK KDE length";
	case KDE_ERR_IGTK_LEN:
		return "bad IGTK KDE length";
	case KDE_ERR_MAC_LEN:
		return "bad MAC address KDE length";
	case KDE_ERR_PMKID_LEN:
		return "bad PMKID KDE length";
	case KDE_ERR_DUPLICATE:
		return "duplicate KDE";
	case KDE_ERR_TOO_MANY_RSNE:
		return "more than two RSNEs in key data";
	case KDE_ERR_IGTK_KEYID:
		return "IGTK key ID is not 4 or 5";
	}
	return "unknown";
}

static bool kde_all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* One 00-0F-AC KDE: body points after the 4-octet selector, n octets. */
static enum kde_err kde_one(struct kde_info *k, uint8_t type, const uint8_t *body, size_t n)
{
	switch (type) {
	case KDE_GTK: /* KeyID (bits 0-1), Tx (bit 2) | reserved | GTK (12.7.2 Figure 12-35) */
		if (k->gtk)
			return KDE_ERR_DUPLICATE;
		if (n < 2 + 16 || n > 2 + 32)
			return KDE_ERR_GTK_LEN;
		k->gtk_idx = body[0] & 0x03;
		k->gtk_tx = body[0] & 0x04;
		k->gtk = body + 2;
		k->gtk_len = n - 2;
		return KDE_OK;
	case KDE_IGTK: /* KeyID (2, LE) | IPN (6) | IGTK (Figure 12-40) */
		if (k->igtk)
			return KDE_ERR_DUPLICATE;
		if (n < 8 + 16 || n > 8 + 32)
			return KDE_ERR_IGTK_LEN;
		k->igtk_idx = kde_le16(body);
		if (k->igtk_idx != 4 && k->igtk_idx != 5)
			return KDE_ERR_IGTK_KEYID;
		k->igtk_ipn = body + 2;
		k->igtk = body + 8;
		k->igtk_len = n - 8;
		return KDE_OK;
	case KDE_MAC:
		if (k->mac)
			return KDE_ERR_DUPLICATE;
		if (n != 6)
			return KDE_ERR_MAC_LEN;
		k->mac = body;
		return KDE_OK;
	case KDE_PMKID:
		if (k->pmkid)
			return KDE_ERR_DUPLICATE;
		if (n != 16)
			return KDE_ERR_PMKID_LEN;
		k->pmkid = body;
		return KDE_OK;
	}
	return KDE_OK; /* other KDEs are not used by this supplicant */
}

enum kde_err kde_parse(const uint8_t *data, size_t len, struct kde_info *k)
{
	const uint8_t *p = data, *end = data + len;
	enum kde_err err;

	memset(k, 0, sizeof(*k));
	while (p < end) {
		size_t n;

		/* 12.7.2: padding is 0xdd followed by zero or more 0x00 */
		if (p[0] == IE_ID_VENDOR && (end - p == 1 || p[1] == 0)) {
			if (!kde_all_zero(p + 1, (size_t)(end - p - 1)))
				return KDE_ERR_PADDING;
			break;
		}
		if (end - p < 2 || (size_t)(end - p - 2) < p[1])
			return KDE_ERR_TRUNCATED;
		n = p[1];
		if (p[0] == IE_ID_RSN) {
			if (k->n_rsne == 2)
				return KDE_ERR_TOO_MANY_RSNE;
			k->rsne[k->n_rsne] = p;
			k->rsne_len[k->n_rsne++] = n + 2;
		} else if (p[0] == IE_ID_RSNX) {
			if (k->rsnxe)
				return KDE_ERR_DUPLICATE;
			k->rsnxe = p;
			k->rsnxe_len = n + 2;
		} else if (p[0] == IE_ID_VENDOR && n >= 4 && p[2] == 0x00 && p[3] == 0x0f &&
			   p[4] == 0xac) {
			err = kde_one(k, p[5], p + 6, n - 4);
			if (err != KDE_OK)
				return err;
		}
		/* other elements and vendor KDEs are skipped */
		p += 2 + n;
	}
	return KDE_OK;
}
