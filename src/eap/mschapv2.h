/* SPDX-License-Identifier: BSD-3-Clause */
/* MS-CHAPv2 crypto (RFC 2759 8) and MPPE key derivation (RFC 3079 3). */
#ifndef EAP_MSCHAPV2_CRYPTO_H
#define EAP_MSCHAPV2_CRYPTO_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#define MSCHAPV2_CHAL_LEN      16
#define MSCHAPV2_NT_RESP_LEN   24
#define MSCHAPV2_HASH_LEN      16
#define MSCHAPV2_AUTH_RESP_LEN 42  /* "S=" + 40 hex digits */
#define MSCHAPV2_MASTER_KEY_LEN 16
#define MSCHAPV2_MSK_LEN       32  /* client send key || client receive key */

/* True if MD4 and DES (OpenSSL's legacy provider) are usable. */
int mschapv2_crypto_available(void);
/* RFC 2759 8.2: SHA1(PeerChallenge || AuthenticatorChallenge || UserName)[0..7]. */
int mschapv2_challenge_hash(const uint8_t peer_chal[16], const uint8_t auth_chal[16],
			    const char *username, uint8_t out[8]);
/* RFC 2759 8.3: MD4 of the password in UTF-16LE (password given in UTF-8, at most 256 chars). */
int mschapv2_nt_password_hash(const char *password, uint8_t out[16]);
/* RFC 2759 8.4: MD4(PasswordHash). */
int mschapv2_hash_nt_password_hash(const uint8_t hash[16], uint8_t out[16]);
/* RFC 2759 8.5: three DES encryptions of Challenge under the zero-padded PasswordHash. */
int mschapv2_challenge_response(const uint8_t chal[8], const uint8_t hash[16], uint8_t out[24]);
/* RFC 2759 8.1 GenerateNTResponse, from the password hash. */
int mschapv2_generate_nt_response(const uint8_t auth_chal[16], const uint8_t peer_chal[16],
				  const char *username, const uint8_t hash[16], uint8_t out[24]);
/* RFC 2759 8.7 GenerateAuthenticatorResponse: "S=" + 40 upper-case hex, NUL-terminated. */
int mschapv2_authenticator_response(const uint8_t hash[16], const uint8_t nt_resp[24],
				    const uint8_t peer_chal[16], const uint8_t auth_chal[16],
				    const char *username, char out[MSCHAPV2_AUTH_RESP_LEN + 1]);
/* RFC 3079 3.4 GetMasterKey. */
int mschapv2_master_key(const uint8_t hash_hash[16], const uint8_t nt_resp[24], uint8_t out[16]);
/* RFC 3079 3.4 GetAsymmetricStartKey, 16-octet keys. */
int mschapv2_asymmetric_start_key(const uint8_t master_key[16], int is_send, int is_server,
				  uint8_t out[16]);
/* The EAP-MSCHAPv2 peer's 32-octet key (PEAP's ISK): RFC 3079 3.4 master key, then the
 * peer's send and receive start keys (the order hostapd's server uses too). */
int mschapv2_peer_session_key(const uint8_t hash[16], const uint8_t nt_resp[24],
			      uint8_t out[MSCHAPV2_MSK_LEN]);
/* The user name as hashed: RFC 2759 4 "the user name ... without any domain" (DOMAIN\user). */
const char *mschapv2_username_strip(const char *identity);
/* Password hash from the configured secret: with is_hash, "hash:<32 hex>"; otherwise the
 * password itself (a password that happens to start with "hash:" included). */
int mschapv2_password_hash_from_secret(const char *secret, bool is_hash, uint8_t out[16]);

#endif
