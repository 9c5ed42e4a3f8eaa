/* SPDX-License-Identifier: BSD-3-Clause */
/* Key Data KDEs of EAPOL-Key frames (IEEE 802.11-2020 12.7.2, Table 12-9). */
#ifndef RSN_KDE_H
#define RSN_KDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Key Data (12.7.2, Table 12-9 KDE selectors 00-0F-AC:n). */
#define KDE_GTK  1
#define KDE_MAC  3
#define KDE_PMKID 4
#define KDE_IGTK 9

enum kde_err {
	KDE_OK = 0,
	KDE_ERR_TRUNCATED = 1,      /* element length runs past the key data */
	KDE_ERR_PADDING = 2,        /* 0xdd 0x00 followed by non-zero octets */
	KDE_ERR_GTK_LEN = 3,        /* GTK KDE shorter/longer than possible */
	KDE_ERR_IGTK_LEN = 4,
	KDE_ERR_MAC_LEN = 5,
	KDE_ERR_PMKID_LEN = 6,
	KDE_ERR_DUPLICATE = 7,      /* same KDE twice */
	KDE_ERR_TOO_MANY_RSNE = 8,  /* more than two RSNEs */
	KDE_ERR_IGTK_KEYID = 9,     /* IGTK KeyID not 4 or 5 */
};

const char *kde_err_str(enum kde_err err);

struct kde_info {
	const uint8_t *rsne[2];   /* whole elements, up to two (12.7.6.4) */
	size_t rsne_len[2];
	size_t n_rsne;
	const uint8_t *rsnxe;
	size_t rsnxe_len;
	/* GTK KDE */
	const uint8_t *gtk;
	size_t gtk_len;
	uint8_t gtk_idx;
	bool gtk_tx;
	/* IGTK KDE */
	const uint8_t *igtk;
	size_t igtk_len;
	uint16_t igtk_idx;
	const uint8_t *igtk_ipn; /* 6 */
	const uint8_t *mac;      /* 6 */
	const uint8_t *pmkid;    /* 16 */
};

enum kde_err kde_parse(const uint8_t *data, size_t len, struct kde_info *out);

#endif
