/* RSNE, RSNXE and Key Data KDEs (IEEE 802.11-2020 9.4.2.24, 9.4.2.241, 12.7.2). */
#ifndef RSN_IE_H
#define RSN_IE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
