/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A minimal in-process RSN authenticator for tests and the benchmark (header-only: each test
 * is one program). It builds messages 1/3 and group message 1 with the crypto module and
 * checks the supplicant's answers (IEEE 802.11-2020 12.7.6, 12.7.7).
 */
#ifndef RSN_TEST_AUTH_H
#define RSN_TEST_AUTH_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "common/ie.h"

struct test_auth {
	const struct rsn_akm_info *akm;
	uint32_t pairwise, group, group_mgmt;
	bool mfp;
	uint8_t pmk[RSN_PMK_MAX_LEN];
	size_t pmk_len;
	uint8_t aa[6], spa[6];
	uint8_t anonce[32], snonce[32];
	struct rsn_ptk ptk;
	bool ptk_set;
	uint64_t replay;
	uint8_t gtk[32], igtk[32], ipn[6];
	uint8_t gtk_idx;
	uint16_t igtk_idx;
	uint8_t ap_rsne[64];
	size_t ap_rsne_len;
	uint8_t sta_rsne[64];
	size_t sta_rsne_len;
	uint32_t seed; /* deterministic nonces and keys */
};

static inline void test_auth_fill(struct test_auth *a, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		a->seed = a->seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(a->seed >> 16);
	}
}

static inline size_t test_auth_keylen(const struct test_auth *a)
{
	return rsn_cipher_key_len(a->pairwise);
}

/* Fresh group keys: GTK index alternates 1/2, IGTK 4/5 (12.7.7.1). */
static inline void test_auth_new_group_keys(struct test_auth *a)
{
	test_auth_fill(a, a->gtk, sizeof(a->gtk));
	test_auth_fill(a, a->igtk, sizeof(a->igtk));
	a->gtk_idx = a->gtk_idx == 1 ? 2 : 1;
	a->igtk_idx = a->igtk_idx == 4 ? 5 : 4;
}

/*
 * A frame with the given fields; plaintext key data is padded and wrapped with the KEK when
 * ENCR_DATA is set, and the MIC computed with the KCK when MIC is set.
 */
static inline size_t test_auth_build(struct test_auth *a, uint16_t info, uint16_t key_len,
				     const uint8_t *nonce, const uint8_t *rsc, const uint8_t *kd,
				     size_t kd_len, uint8_t *out, size_t cap)
{
	uint8_t replay[8], plain[512], wrapped[520];
	struct eapol_key_fields f = { .proto_version = 2, .key_info = info, .key_len = key_len,
				      .replay = replay, .nonce = nonce, .rsc = rsc,
				      .key_data = kd, .key_data_len = (uint16_t)kd_len };
	size_t n;

	eapol_key_replay_put(replay, a->replay);
	if ((info & EAPOL_KEY_INFO_ENCR_DATA) && kd_len <= sizeof(plain) - 16) {
		size_t padded = kd_len;

		memcpy(plain, kd, kd_len);
		/* 12.7.2: pad with 0xdd 00.. to >= 16 octets and a multiple of 8 */
		if (padded < 16 || padded % 8) {
			plain[padded++] = 0xdd;
			while (padded < 16 || padded % 8)
				plain[padded++] = 0;
		}
		if (rsn_crypto_aes_wrap(a->ptk.kek, a->ptk.kek_len, plain, padded, wrapped))
			return 0;
		f.key_data = wrapped;
		f.key_data_len = (uint16_t)(padded + 8);
		OPENSSL_cleanse(plain, sizeof(plain));
	}
	n = eapol_key_build(out, cap, a->akm->mic_len, &f);
	if (n && (info & EAPOL_KEY_INFO_MIC) &&
	    rsn_crypto_eapol_mic(a->akm, a->ptk.kck, out, n, out + EAPOL_KEY_OFF_MIC))
		return 0;
	return n;
}

static inline uint16_t test_auth_info(const struct test_auth *a, uint16_t bits)
{
	return (uint16_t)(bits | a->akm->desc_version | EAPOL_KEY_INFO_ACK);
}

static inline size_t test_auth_msg1(struct test_auth *a, uint8_t *out, size_t cap)
{
	test_auth_fill(a, a->anonce, 32);
	a->replay++;
	return test_auth_build(a, test_auth_info(a, EAPOL_KEY_INFO_PAIRWISE),
			       (uint16_t)test_auth_keylen(a), a->anonce, NULL, NULL, 0, out, cap);
}

/* Key data of message 3: the AP's RSNE, GTK KDE and (MFP) IGTK KDE. */
static inline size_t test_auth_kd_msg3(const struct test_auth *a, uint8_t *kd, bool with_rsne)
{
	size_t n = 0, gl = rsn_group_cipher_key_len(a->group), il = rsn_mgmt_cipher_key_len(a->group_mgmt);

	if (with_rsne) {
		memcpy(kd, a->ap_rsne, a->ap_rsne_len);
		n = a->ap_rsne_len;
	}
	kd[n++] = 0xdd;
	kd[n++] = (uint8_t)(6 + gl);
	memcpy(kd + n, "\x00\x0f\xac\x01", 4);
	n += 4;
	kd[n++] = a->gtk_idx;
	kd[n++] = 0;
	memcpy(kd + n, a->gtk, gl);
	n += gl;
	if (a->mfp) {
		kd[n++] = 0xdd;
		kd[n++] = (uint8_t)(12 + il);
		memcpy(kd + n, "\x00\x0f\xac\x09", 4);
		n += 4;
		kd[n++] = (uint8_t)a->igtk_idx;
		kd[n++] = 0;
		memcpy(kd + n, a->ipn, 6);
		n += 6;
		memcpy(kd + n, a->igtk, il);
		n += il;
	}
	return n;
}

/* Check message 2 (or 4 / group 2): parse, MIC; for message 2 derive the PTK first. */
static inline int test_auth_rx(struct test_auth *a, const uint8_t *frame, size_t len, bool msg2)
{
	struct eapol_key k;
	uint8_t copy[1024], mic[32];

	if (len > sizeof(copy) || eapol_key_parse(frame, len, a->akm->mic_len, &k) != EAPOL_KEY_OK)
		return -1;
	if (eapol_key_replay_u64(k.replay) != a->replay || (k.key_info & EAPOL_KEY_INFO_ACK))
		return -1;
	if (msg2) {
		memcpy(a->snonce, k.nonce, 32);
		if (rsn_crypto_ptk_derive(a->akm, a->pairwise, a->pmk, a->pmk_len, a->aa, a->spa,
					  a->anonce, a->snonce, &a->ptk))
			return -1;
		a->ptk_set = true;
		if (k.key_data_len < a->sta_rsne_len ||
		    memcmp(k.key_data, a->sta_rsne, a->sta_rsne_len) != 0)
			return -1;
	}
	memcpy(copy, frame, len);
	memset(copy + EAPOL_KEY_OFF_MIC, 0, k.mic_len);
	if (rsn_crypto_eapol_mic(a->akm, a->ptk.kck, copy, k.frame_len, mic) ||
	    CRYPTO_memcmp(mic, k.mic, k.mic_len))
		return -1;
	return 0;
}

static inline size_t test_auth_msg3(struct test_auth *a, uint8_t *out, size_t cap)
{
	uint8_t kd[256];
	size_t n = test_auth_kd_msg3(a, kd, true);

	a->replay++;
	n = test_auth_build(a,
			    test_auth_info(a, EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_INSTALL |
						      EAPOL_KEY_INFO_MIC | EAPOL_KEY_INFO_SECURE |
						      EAPOL_KEY_INFO_ENCR_DATA),
			    (uint16_t)test_auth_keylen(a), a->anonce, NULL, kd, n, out, cap);
	OPENSSL_cleanse(kd, sizeof(kd));
	return n;
}

static inline size_t test_auth_group1(struct test_auth *a, uint8_t *out, size_t cap)
{
	uint8_t kd[256];
	size_t n = test_auth_kd_msg3(a, kd, false);

	a->replay++;
	n = test_auth_build(a,
			    test_auth_info(a, EAPOL_KEY_INFO_MIC | EAPOL_KEY_INFO_SECURE |
						      EAPOL_KEY_INFO_ENCR_DATA),
			    0, NULL, NULL, kd, n, out, cap);
	OPENSSL_cleanse(kd, sizeof(kd));
	return n;
}

/* An authenticator for (akm, CCMP-128/CCMP-128[, BIP-CMAC-128]) with RSNEs to match. */
static inline void test_auth_init(struct test_auth *a, uint32_t akm, bool mfp, const uint8_t *pmk,
				  uint32_t seed)
{
	struct rsn_ie r = { .version = 1, .group_cipher = RSN_CIPHER_CCMP_128,
			    .pairwise = { RSN_CIPHER_CCMP_128 }, .n_pairwise = 1,
			    .akm = { akm }, .n_akm = 1, .has_caps = true };

	memset(a, 0, sizeof(*a));
	a->akm = rsn_akm_info_find(akm);
	a->pairwise = RSN_CIPHER_CCMP_128;
	a->group = RSN_CIPHER_CCMP_128;
	a->group_mgmt = RSN_CIPHER_BIP_CMAC_128;
	a->mfp = mfp;
	a->pmk_len = a->akm->prf == RSN_PRF_KDF_SHA384 ? 48 : 32;
	memcpy(a->pmk, pmk, a->pmk_len);
	memcpy(a->aa, "\x02\x00\x00\x00\x00\x00", 6);
	memcpy(a->spa, "\x02\x00\x00\x00\x01\x00", 6);
	a->seed = seed;
	a->gtk_idx = 2; /* the first new_group_keys() picks 1 */
	a->igtk_idx = 5;
	test_auth_new_group_keys(a);
	if (mfp)
		r.caps = RSN_CAP_MFPC;
	rsn_ie_build(&r, a->ap_rsne, sizeof(a->ap_rsne), &a->ap_rsne_len);
	rsn_ie_build(&r, a->sta_rsne, sizeof(a->sta_rsne), &a->sta_rsne_len);
}

#endif
