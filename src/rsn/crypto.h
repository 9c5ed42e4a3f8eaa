/* SPDX-License-Identifier: BSD-3-Clause */
/* RSN crypto primitives on OpenSSL 3 EVP (IEEE 802.11-2020 12.7.1). */
#ifndef RSN_CRYPTO_H
#define RSN_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/suite.h"

#define RSN_PMK_LEN        32
#define RSN_PMK_MAX_LEN    64
#define RSN_NONCE_LEN      32
#define RSN_KCK_MAX_LEN    32
#define RSN_KEK_MAX_LEN    32
#define RSN_TK_MAX_LEN     32
#define RSN_MIC_MAX_LEN    32
#define RSN_PASSPHRASE_MIN 8
#define RSN_PASSPHRASE_MAX 63

enum rsn_prf {
	RSN_PRF_SHA1,        /* IEEE 802.11-2020 12.7.1.2 */
	RSN_PRF_KDF_SHA256,  /* 12.7.1.6.2 */
	RSN_PRF_KDF_SHA384,
	RSN_PRF_KDF_SHA512,
};

enum rsn_mic_alg {
	RSN_MIC_HMAC_SHA1_128,
	RSN_MIC_AES_128_CMAC,
	RSN_MIC_HMAC_SHA256_128,
	RSN_MIC_HMAC_SHA384_192,
	RSN_MIC_HMAC_SHA512_256,
};

/*
 * What an AKM needs (IEEE 802.11-2020 Table 9-151 and 12.7.3). AKM 00-0F-AC:24 (SAE-EXT-KEY,
 * IEEE 802.11-2024 Table 9-190 and 12.7.3 Table 12-11) has one row per PMK length: its SAE
 * PMK is as long as the SAE group's hash (32, 48, 64 octets) and that length picks the KDF
 * hash, KCK (PMK/2), KEK (16 or 32) and MIC (16, 24, 32: HMAC-SHA-256/384/512).
 */
struct rsn_akm_info {
	uint32_t akm;
	uint8_t pmk_len;      /* 0: the AKM's PMK length does not select this row */
	enum rsn_prf prf;
	enum rsn_mic_alg mic;
	uint8_t mic_len;
	uint8_t kck_len;
	uint8_t kek_len;
	uint8_t desc_version; /* Key Descriptor Version; 0 = AKM-defined */
	bool psk;             /* PMK may come from a passphrase */
};

/* The AKM's row; for SAE-EXT-KEY the 32-octet PMK row. */
const struct rsn_akm_info *rsn_akm_info_find(uint32_t akm);
/* The AKM's row for a PMK of pmk_len octets; NULL if the AKM does not take that length. */
const struct rsn_akm_info *rsn_akm_info_for(uint32_t akm, size_t pmk_len);
/* AKM 00-0F-AC:8 or 00-0F-AC:24: authentication by SAE (12.4). */
bool rsn_akm_is_sae(uint32_t akm);

/* Temporal key length of a pairwise/group cipher, 0 if unsupported. */
size_t rsn_cipher_key_len(uint32_t cipher);
/*
 * A group cipher's key length: rsn_cipher_key_len's, and 32 for TKIP (00-0F-AC:2), the group
 * cipher of WPA/WPA2 mixed-mode APs: TK 16 octets, then two Michael MIC keys of 8. TKIP is
 * never a pairwise cipher here.
 */
size_t rsn_group_cipher_key_len(uint32_t cipher);
/* Key length of a group management cipher, 0 if unsupported. */
size_t rsn_mgmt_cipher_key_len(uint32_t cipher);

struct rsn_ptk {
	uint8_t kck[RSN_KCK_MAX_LEN];
	uint8_t kek[RSN_KEK_MAX_LEN];
	uint8_t tk[RSN_TK_MAX_LEN];
	uint8_t kck_len, kek_len, tk_len;
};

/* All functions return 0 on success, -1 on failure (bad argument or OpenSSL error). */

int rsn_crypto_pbkdf2_sha1(const void *pass, size_t pass_len, const void *salt, size_t salt_len,
			   unsigned int iterations, uint8_t *out, size_t out_len);
/* IEEE 802.11-2020 J.4.1: 8..63 printable ASCII characters, SSID 1..32 octets. */
int rsn_crypto_psk_from_passphrase(const char *passphrase, const uint8_t *ssid, size_t ssid_len,
				   uint8_t pmk[RSN_PMK_LEN]);
/* A raw PSK given as exactly 64 hex digits. */
int rsn_crypto_psk_from_hex(const char *hex, uint8_t pmk[RSN_PMK_LEN]);

/* PRF-n of 12.7.1.2: out_len octets of HMAC-SHA1(K, A || 0 || B || i). */
int rsn_crypto_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
			const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len);
/* KDF-Hash-Length of 12.7.1.6.2; out_bits must be a multiple of 8. */
int rsn_crypto_kdf(enum rsn_prf hash, const uint8_t *key, size_t key_len, const char *label,
		   const uint8_t *ctx, size_t ctx_len, uint8_t *out, size_t out_bits);

int rsn_crypto_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			 uint8_t out[20]);
int rsn_crypto_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[32]);
int rsn_crypto_hmac_sha384(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[48]);
int rsn_crypto_hmac_sha512(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
			   uint8_t out[64]);
int rsn_crypto_cmac_aes128(const uint8_t key[16], const uint8_t *data, size_t len, uint8_t out[16]);

/* RFC 3394 with the default IV; kek_len 16 or 32; in_len a multiple of 8, >= 16. */
int rsn_crypto_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			uint8_t *out);
/* out receives in_len - 8 octets; fails on an integrity check error. */
int rsn_crypto_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
			  uint8_t *out);

/* 12.7.1.3: PTK = PRF(PMK, "Pairwise key expansion", Min(AA,SPA)||Max(AA,SPA)||Min(ANonce,SNonce)||Max(ANonce,SNonce)). */
int rsn_crypto_ptk_derive(const struct rsn_akm_info *akm, uint32_t pairwise_cipher,
			  const uint8_t *pmk, size_t pmk_len, const uint8_t aa[6],
			  const uint8_t spa[6], const uint8_t anonce[32], const uint8_t snonce[32],
			  struct rsn_ptk *ptk);

/* EAPOL-Key MIC (12.7.2) over the whole frame with a zeroed MIC field; writes akm->mic_len octets. */
int rsn_crypto_eapol_mic(const struct rsn_akm_info *akm, const uint8_t *kck,
			 const uint8_t *frame, size_t len, uint8_t *mic);

/* Free the fetched algorithms (DeinitService, tests); the next primitive fetches them again. */
void rsn_crypto_cleanup(void);
/* Fetch the algorithms now (otherwise the first primitive does); true when all are there. */
bool rsn_crypto_ready(void);
/* They have been fetched (since the last cleanup). */
bool rsn_crypto_fetched(void);

#endif
