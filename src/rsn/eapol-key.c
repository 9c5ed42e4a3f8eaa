// SPDX-License-Identifier: BSD-3-Clause
/* EAPOL-Key frame codec (IEEE 802.1X-2020 11.3, IEEE 802.11-2020 12.7.2). */
#include "rsn/eapol-key.h"

#include <string.h>

const char *eapol_key_err_str(enum eapol_key_err err)
{
	switch (err) {
	case EAPOL_KEY_OK:
		return "ok";
	case EAPOL_KEY_ERR_SHORT_HEADER:
		return "shorter than the EAPOL header";
	case EAPOL_KEY_ERR_VERSION:
		return "unknown EAPOL protocol version";
	case EAPOL_KEY_ERR_NOT_KEY:
		return "EAPOL packet type is not Key";
	case EAPOL_KEY_ERR_BODY_TRUNCATED:
		return "EAPOL body length exceeds the frame";
	case EAPOL_KEY_ERR_BODY_SHORT:
		return "EAPOL-Key body shorter than its fixed fields";
	case EAPOL_KEY_ERR_DESC_TYPE:
		return "descriptor type is not RSN";
	case EAPOL_KEY_ERR_KEY_DATA_LEN:
		return "Key Data Length exceeds the frame";
	case EAPOL_KEY_ERR_MIC_LEN:
		return "unsupported MIC length";
	}
	return "unknown";
}

static uint16_t eapol_key_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void eapol_key_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

uint64_t eapol_key_replay_u64(const uint8_t replay[8])
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | replay[i];
	return v;
}

void eapol_key_replay_put(uint8_t replay[8], uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		replay[i] = (uint8_t)v;
}

enum eapol_key_err eapol_key_parse(const uint8_t *buf, size_t len, size_t mic_len,
				   struct eapol_key *k)
{
	size_t body_len, off;

	memset(k, 0, sizeof(*k));
	if (mic_len != 16 && mic_len != 24 && mic_len != 32)
		return EAPOL_KEY_ERR_MIC_LEN;
	if (!buf || len < EAPOL_HDR_LEN)
		return EAPOL_KEY_ERR_SHORT_HEADER;
	/* IEEE 802.1X-2004/-2010/-2020 use versions 1, 2, 3 */
	if (buf[0] < 1 || buf[0] > 3)
		return EAPOL_KEY_ERR_VERSION;
	if (buf[1] != EAPOL_TYPE_KEY)
		return EAPOL_KEY_ERR_NOT_KEY;
	body_len = eapol_key_be16(buf + 2);
	if (body_len > len - EAPOL_HDR_LEN)
		return EAPOL_KEY_ERR_BODY_TRUNCATED;
	/* octets after the body (Ethernet padding) are not part of the frame */
	len = EAPOL_HDR_LEN + body_len;
	if (len < EAPOL_KEY_MIN_LEN(mic_len))
		return EAPOL_KEY_ERR_BODY_SHORT;
	if (buf[4] != EAPOL_KEY_DESC_RSN)
		return EAPOL_KEY_ERR_DESC_TYPE;
	off = EAPOL_KEY_OFF_MIC + mic_len;
	k->key_data_len = eapol_key_be16(buf + off);
	off += 2;
	if (k->key_data_len > len - off)
		return EAPOL_KEY_ERR_KEY_DATA_LEN;
	k->frame = buf;
	k->frame_len = len;
	k->proto_version = buf[0];
	k->desc_type = buf[4];
	k->key_info = eapol_key_be16(buf + EAPOL_KEY_OFF_INFO);
	k->key_len = eapol_key_be16(buf + EAPOL_KEY_OFF_INFO + 2);
	k->replay = buf + EAPOL_KEY_OFF_REPLAY;
	k->nonce = buf + EAPOL_KEY_OFF_NONCE;
	k->iv = buf + EAPOL_KEY_OFF_IV;
	k->rsc = buf + EAPOL_KEY_OFF_RSC;
	k->mic = buf + EAPOL_KEY_OFF_MIC;
	k->mic_len = mic_len;
	k->key_data = buf + off;
	return EAPOL_KEY_OK;
}

static void eapol_key_put_or_zero(uint8_t *dst, const uint8_t *src, size_t n)
{
	if (src)
		memcpy(dst, src, n);
	else
		memset(dst, 0, n);
}

size_t eapol_key_build(uint8_t *buf, size_t cap, size_t mic_len,
		       const struct eapol_key_fields *f)
{
	size_t len = EAPOL_KEY_MIN_LEN(mic_len) + f->key_data_len;
	size_t off;

	if (len > cap || len - EAPOL_HDR_LEN > 0xffff || (f->key_data_len && !f->key_data))
		return 0;
	buf[0] = f->proto_version;
	buf[1] = EAPOL_TYPE_KEY;
	eapol_key_put_be16(buf + 2, (uint16_t)(len - EAPOL_HDR_LEN));
	buf[4] = EAPOL_KEY_DESC_RSN;
	eapol_key_put_be16(buf + EAPOL_KEY_OFF_INFO, f->key_info);
	eapol_key_put_be16(buf + EAPOL_KEY_OFF_INFO + 2, f->key_len);
	eapol_key_put_or_zero(buf + EAPOL_KEY_OFF_REPLAY, f->replay, 8);
	eapol_key_put_or_zero(buf + EAPOL_KEY_OFF_NONCE, f->nonce, 32);
	eapol_key_put_or_zero(buf + EAPOL_KEY_OFF_IV, f->iv, 16);
	eapol_key_put_or_zero(buf + EAPOL_KEY_OFF_RSC, f->rsc, 8);
	memset(buf + EAPOL_KEY_OFF_RSC + 8, 0, 8 + mic_len); /* reserved + MIC */
	off = EAPOL_KEY_OFF_MIC + mic_len;
	eapol_key_put_be16(buf + off, f->key_data_len);
	if (f->key_data_len)
		memcpy(buf + off + 2, f->key_data, f->key_data_len);
	return len;
}
