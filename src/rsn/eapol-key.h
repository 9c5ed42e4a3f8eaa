/* SPDX-License-Identifier: BSD-3-Clause */
/* EAPOL-Key frame codec (IEEE 802.1X-2020 11.3, IEEE 802.11-2020 12.7.2). */
#ifndef RSN_EAPOL_KEY_H
#define RSN_EAPOL_KEY_H

#include <stddef.h>
#include <stdint.h>

#define EAPOL_HDR_LEN          4
#define EAPOL_TYPE_KEY         3
#define EAPOL_KEY_DESC_RSN     2

/* Key Information bits (IEEE 802.11-2020 Figure 12-33). */
#define EAPOL_KEY_INFO_VERSION_MASK 0x0007
#define EAPOL_KEY_INFO_PAIRWISE     0x0008
#define EAPOL_KEY_INFO_RESERVED     0x0030
#define EAPOL_KEY_INFO_INSTALL      0x0040
#define EAPOL_KEY_INFO_ACK          0x0080
#define EAPOL_KEY_INFO_MIC          0x0100
#define EAPOL_KEY_INFO_SECURE       0x0200
#define EAPOL_KEY_INFO_ERROR        0x0400
#define EAPOL_KEY_INFO_REQUEST      0x0800
#define EAPOL_KEY_INFO_ENCR_DATA    0x1000
#define EAPOL_KEY_INFO_SMK          0x2000

/* Offsets from the start of the EAPOL header. */
#define EAPOL_KEY_OFF_INFO     5
#define EAPOL_KEY_OFF_REPLAY   9
#define EAPOL_KEY_OFF_NONCE    17
#define EAPOL_KEY_OFF_IV       49
#define EAPOL_KEY_OFF_RSC      65
#define EAPOL_KEY_OFF_MIC      81
/* Smallest frame: header + fixed fields + MIC + Key Data Length. */
#define EAPOL_KEY_MIN_LEN(mic_len) (EAPOL_KEY_OFF_MIC + (mic_len) + 2)

enum eapol_key_err {
	EAPOL_KEY_OK = 0,
	EAPOL_KEY_ERR_SHORT_HEADER = 1,   /* fewer than 4 octets */
	EAPOL_KEY_ERR_VERSION = 2,        /* 802.1X protocol version not 1..3 */
	EAPOL_KEY_ERR_NOT_KEY = 3,        /* packet type is not EAPOL-Key */
	EAPOL_KEY_ERR_BODY_TRUNCATED = 4, /* body length exceeds the buffer */
	EAPOL_KEY_ERR_BODY_SHORT = 5,     /* body shorter than the fixed fields + MIC */
	EAPOL_KEY_ERR_DESC_TYPE = 6,      /* descriptor type is not RSN (2) */
	EAPOL_KEY_ERR_KEY_DATA_LEN = 7,   /* Key Data Length exceeds the body */
	EAPOL_KEY_ERR_MIC_LEN = 8,        /* unsupported MIC length requested */
};

const char *eapol_key_err_str(enum eapol_key_err err);

/* A parsed frame; pointers point into the caller's buffer. */
struct eapol_key {
	const uint8_t *frame; /* EAPOL header onward */
	size_t frame_len;     /* 4 + body length (trailing padding excluded) */
	uint8_t proto_version;
	uint8_t desc_type;
	uint16_t key_info;
	uint16_t key_len;
	const uint8_t *replay; /* 8 */
	const uint8_t *nonce;  /* 32 */
	const uint8_t *iv;     /* 16 */
	const uint8_t *rsc;    /* 8 */
	const uint8_t *mic;    /* mic_len */
	size_t mic_len;
	uint16_t key_data_len;
	const uint8_t *key_data;
};

/* Parse and check every length; mic_len is the AKM's (16 or 24). */
enum eapol_key_err eapol_key_parse(const uint8_t *buf, size_t len, size_t mic_len,
				   struct eapol_key *out);

static inline uint16_t eapol_key_info_version(uint16_t info)
{
	return info & EAPOL_KEY_INFO_VERSION_MASK;
}

/* Fields of a frame to build; NULL pointers mean all-zero fields. */
struct eapol_key_fields {
	uint8_t proto_version;
	uint16_t key_info;
	uint16_t key_len;
	const uint8_t *replay; /* 8 */
	const uint8_t *nonce;  /* 32 */
	const uint8_t *iv;     /* 16 */
	const uint8_t *rsc;    /* 8 */
	const uint8_t *key_data;
	uint16_t key_data_len;
};

/* Build a frame with a zero MIC field; returns its length or 0 if cap is too small. */
size_t eapol_key_build(uint8_t *buf, size_t cap, size_t mic_len,
		       const struct eapol_key_fields *f);

uint64_t eapol_key_replay_u64(const uint8_t replay[8]);
void eapol_key_replay_put(uint8_t replay[8], uint64_t v);

#endif
