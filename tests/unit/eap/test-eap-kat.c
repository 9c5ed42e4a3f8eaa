// SPDX-License-Identifier: BSD-3-Clause
/*
 * Known-answer tests of the TLS-tunnelled key derivations against exchanges recorded from
 * Debian's hostapd 2.10 EAP server on this test bed (tests/unit/eap/data/NAME.kat, made by
 * tests/interop/record-eap-kat.sh; see data/README.md): from the recorded TLS secrets and
 * randoms our code must produce the MSK (and inner keys) hostapd derived, byte for byte.
 *   EAP-TLS 1.2   RFC 5216 2.3    PRF(master, "client EAP encryption", cr|sr)[0..63]
 *   EAP-TLS 1.3   RFC 9190 2.3    TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", 0x0D, 128)
 *   TTLS          RFC 5281 8      PRF(master, "ttls keying material", cr|sr)[0..63]
 *                 RFC 5281 11.1   PRF(master, "ttls challenge", cr|sr)[0..16]
 *   PEAPv0        [MS-PEAP] 3.1.5.5-3.1.5.7 TK, ISK, IPMK/CMK, Compound MAC, compound MSK
 * and, on live in-process sessions, that the pure derivations agree with OpenSSL's
 * SSL_export_keying_material (the path TLS 1.3 keys take).
 */
#include <stdio.h>
#include <string.h>

#include <openssl/ssl.h>

#include "eap/eap-peap-binding.h"
#include "eap/eap-tls-keys.h"
#include "eap/mschapv2.h"
#include "test-e2e.h"
#include "tests/unit/kat-file.h"

/* The PRF/exporter hash of the recorded cipher suite ("0xc030"), as OpenSSL maps it. */
static const EVP_MD *kat_suite_md(const struct kat *k)
{
	const uint8_t *id = kat_get(k, "cipher_suite", 2);
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	SSL *ssl = ctx ? SSL_new(ctx) : NULL;
	const SSL_CIPHER *c = ssl ? SSL_CIPHER_find(ssl, id) : NULL;
	const EVP_MD *md = c ? SSL_CIPHER_get_handshake_digest(c) : NULL;

	SSL_free(ssl);
	SSL_CTX_free(ctx);
	ck_assert_msg(md != NULL, "unknown cipher suite %02x%02x", id[0], id[1]);
	return md;
}

/* TLS 1.2 exporter output for label from the recording's master secret and randoms. */
static void kat_prf12(const struct kat *k, const char *label, uint8_t *out, size_t len)
{
	int ms = kat_find(k, "master_secret");

	ck_assert_uint_eq(k->len[ms], 48);
	ck_assert_int_eq(eap_tls_keys_prf12(kat_suite_md(k), k->val[ms], k->len[ms], label,
					    kat_get(k, "client_random", EAP_TLS_RANDOM_LEN),
					    kat_get(k, "server_random", EAP_TLS_RANDOM_LEN), out, len),
			 0);
}

/* A recorded hex string as a C string (username, password). */
static void kat_get_str(const struct kat *k, const char *name, char *out, size_t size)
{
	int i = kat_find(k, name);

	ck_assert_uint_lt(k->len[i], size);
	memcpy(out, k->val[i], k->len[i]);
	out[k->len[i]] = 0;
}

static void kat_expect_text(const struct kat *k, const char *name, const char *want)
{
	ck_assert_str_eq(k->text[kat_find(k, name)], want);
}

/* RFC 5216 2.3: Key_Material = TLS-PRF-128(master_secret, "client EAP encryption",
 * client.random || server.random); MSK = Key_Material(0,63). */
START_TEST(test_kat_eap_tls12_msk)
{
	struct kat k;
	uint8_t km[128];

	kat_load(&k, "eap-tls12.kat");
	kat_expect_text(&k, "version", "TLSv1.2");
	kat_prf12(&k, EAP_TLS_LABEL_KEYS, km, sizeof(km));
	ck_assert_mem_eq(km, kat_get(&k, "msk", 64), 64);
}
END_TEST

/* RFC 9190 2.3: Key_Material = TLS-Exporter("EXPORTER_EAP_TLS_Key_Material", Type-Code, 128);
 * MSK = Key_Material(0, 63). Type-Code is 0x0D. */
START_TEST(test_kat_eap_tls13_msk)
{
	static const uint8_t type = 13;
	struct kat k;
	uint8_t km[128];
	int es;

	kat_load(&k, "eap-tls13.kat");
	kat_expect_text(&k, "version", "TLSv1.3");
	es = kat_find(&k, "exporter_secret");
	ck_assert_int_eq(eap_tls_keys_exporter13(kat_suite_md(&k), k.val[es], k.len[es],
						 EAP_TLS_LABEL_KEYS13, &type, 1, km,
						 sizeof(km)),
			 0);
	ck_assert_mem_eq(km, kat_get(&k, "msk", 64), 64);
}
END_TEST

/* RFC 5281 8: keying material = PRF-128(master_secret, "ttls keying material",
 * client_random || server_random); MSK = the first 64 octets. */
START_TEST(test_kat_ttls_pap_msk)
{
	struct kat k;
	uint8_t km[128];

	kat_load(&k, "ttls-pap.kat");
	kat_prf12(&k, EAP_TTLS_LABEL_KEYS, km, sizeof(km));
	ck_assert_mem_eq(km, kat_get(&k, "msk", 64), 64);
}
END_TEST

/* RFC 5281 8 (MSK); 11.1 and 11.2.4: the MS-CHAP-Challenge is the first 16 octets of the
 * "ttls challenge" output and the Ident its 17th; the NT-Response hostapd accepted follows
 * from them and the password (RFC 2759 8.1). */
START_TEST(test_kat_ttls_mschapv2)
{
	struct kat k;
	uint8_t km[128], ch[17], hash[16], nt[24];
	char pwz[32], userz[32];

	kat_load(&k, "ttls-mschapv2.kat");
	kat_prf12(&k, EAP_TTLS_LABEL_KEYS, km, sizeof(km));
	ck_assert_mem_eq(km, kat_get(&k, "msk", 64), 64);
	kat_prf12(&k, EAP_TTLS_LABEL_CHALLENGE, ch, sizeof(ch));
	ck_assert_mem_eq(ch, kat_get(&k, "auth_challenge", 16), 16);
	ck_assert_uint_eq(ch[16], kat_get(&k, "ident", 1)[0]);

	kat_get_str(&k, "password", pwz, sizeof(pwz));
	kat_get_str(&k, "username", userz, sizeof(userz));
	ck_assert_int_eq(mschapv2_nt_password_hash(pwz, hash), 0);
	ck_assert_int_eq(mschapv2_generate_nt_response(ch, kat_get(&k, "peer_challenge", 16), userz,
						       hash, nt), 0);
	ck_assert_mem_eq(nt, kat_get(&k, "nt_response", 24), 24);
}
END_TEST

/* PEAPv0 with MSCHAPv2 and hostapd's Crypto-Binding TLV:
 *   TK = PRF(master, "client EAP encryption", randoms)[0..59]   ([MS-PEAP] 3.1.5.5)
 *   ISK = the inner EAP-MSCHAPv2 MSK (RFC 3079 3.4 start keys)      ([MS-PEAP] 3.1.5.5)
 *   IPMK|CMK = PRF+(TK[0..39], "Inner Methods Compound Keys", ISK)  ([MS-PEAP] 3.1.5.5)
 *   Compound_MAC = HMAC-SHA1(CMK, TLV | 0x19)                       ([MS-PEAP] 3.1.5.6)
 *   MSK = PRF+(IPMK, "Session Key Generating Function", 0x00)[0..63] ([MS-PEAP] 3.1.5.7) */
START_TEST(test_kat_peap_mschapv2)
{
	struct kat k;
	struct eap_peap_binding b;
	uint8_t tk[60], hash[16], hh[16], mk[16], nt[24], isk[32], mac[20], msk[64];
	char pwz[32], userz[32];

	kat_load(&k, "peap-mschapv2.kat");
	kat_prf12(&k, EAP_TLS_LABEL_KEYS, tk, sizeof(tk));
	ck_assert_mem_eq(tk, kat_get(&k, "tk", 60), 60);

	kat_get_str(&k, "password", pwz, sizeof(pwz));
	kat_get_str(&k, "username", userz, sizeof(userz));
	ck_assert_int_eq(mschapv2_nt_password_hash(pwz, hash), 0);
	ck_assert_int_eq(mschapv2_generate_nt_response(kat_get(&k, "auth_challenge", 16),
						       kat_get(&k, "peer_challenge", 16), userz,
						       hash, nt), 0);
	ck_assert_mem_eq(nt, kat_get(&k, "nt_response", 24), 24);
	ck_assert_int_eq(mschapv2_hash_nt_password_hash(hash, hh), 0);
	ck_assert_int_eq(mschapv2_master_key(hh, nt, mk), 0);
	ck_assert_mem_eq(mk, kat_get(&k, "mschapv2_master_key", 16), 16);
	ck_assert_int_eq(mschapv2_peer_session_key(hash, nt, isk), 0);
	ck_assert_mem_eq(isk, kat_get(&k, "isk", 32), 32);

	ck_assert_int_eq(eap_peap_binding_keys(tk, isk, &b), 0);
	ck_assert_mem_eq(b.ipmk, kat_get(&k, "ipmk", 40), 40);
	ck_assert_mem_eq(b.cmk, kat_get(&k, "cmk", 20), 20);
	ck_assert_int_eq(eap_peap_binding_mac(b.cmk, kat_get(&k, "binding_tlv",
							     EAP_PEAP_BINDING_TLV_LEN), mac), 0);
	ck_assert_mem_eq(mac, kat_get(&k, "compound_mac", 20), 20);
	ck_assert_int_eq(eap_peap_binding_msk(b.ipmk, msk), 0);
	ck_assert_mem_eq(msk, kat_get(&k, "msk", 64), 64);
}
END_TEST

/* Live TLS 1.2 sessions: our MSK now comes from eap_tls_keys_prf12; the test server's from
 * SSL_export_keying_material. A SHA-384 suite, a SHA-256 suite, and a suite OpenSSL marks
 * with the MD5+SHA-1 handshake hash (which TLS 1.2 replaces with SHA-256, RFC 5246 5). */
static void live12(const char *suite)
{
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, pki.ca, TLS1_2_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static struct test_server s;

	ck_assert_int_eq(SSL_CTX_set_cipher_list(ctx, suite), 1);
	ts_begin(&s, 13, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert_int_eq(s.tls_version, TLS1_2_VERSION);
	ck_assert_str_eq(SSL_CIPHER_get_name(SSL_get_current_cipher(s.ssl)), suite);
	check_same_keys(eap_peer_result(p), &s);
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}

START_TEST(test_kat_live_tls12_sha384_agrees)
{
	live12("ECDHE-ECDSA-AES256-GCM-SHA384");
}
END_TEST

START_TEST(test_kat_live_tls12_sha256_agrees)
{
	live12("ECDHE-ECDSA-AES128-GCM-SHA256");
}
END_TEST

START_TEST(test_kat_live_tls12_cbc_sha1_agrees)
{
	live12("ECDHE-ECDSA-AES128-SHA");
}
END_TEST

/* The test server's exporter secret, from its key log. */
static uint8_t live13_secret[EVP_MAX_MD_SIZE];
static size_t live13_secret_len;

static void live13_keylog(const SSL *ssl, const char *line)
{
	static const char tag[] = "EXPORTER_SECRET ";
	const char *v;

	(void)ssl;
	if (strncmp(line, tag, sizeof(tag) - 1) != 0 || !(v = strchr(line + sizeof(tag) - 1, ' ')))
		return;
	for (v++, live13_secret_len = 0;
	     kat_hex_nibble(v[0]) >= 0 && kat_hex_nibble(v[1]) >= 0 &&
	     live13_secret_len < sizeof(live13_secret);
	     v += 2)
		live13_secret[live13_secret_len++] =
			(uint8_t)(kat_hex_nibble(v[0]) << 4 | kat_hex_nibble(v[1]));
}

/* Live TLS 1.3: the peer's MSK (SSL_export_keying_material) equals eap_tls_keys_exporter13
 * over the exporter secret the server logged (RFC 9190 2.3). */
START_TEST(test_kat_live_tls13_agrees)
{
	static const uint8_t type = 13;
	SSL_CTX *ctx = ts_ctx_new(pki.server, pki.server_key, pki.ca, TLS1_3_VERSION);
	struct eap_peer_config c = cfg_base(EAP_PEER_METHOD_TLS);
	struct eap_peer *p = eap_peer_new(&c, NULL);
	static struct test_server s;
	const EVP_MD *md;
	uint8_t km[128];

	live13_secret_len = 0;
	SSL_CTX_set_keylog_callback(ctx, live13_keylog);
	ts_begin(&s, 13, ctx);
	ck_assert_int_eq(run(p, &s, NULL), EAP_PEER_SUCCESS);
	ck_assert_int_eq(s.tls_version, TLS1_3_VERSION);
	check_same_keys(eap_peer_result(p), &s);
	md = SSL_CIPHER_get_handshake_digest(SSL_get_current_cipher(s.ssl));
	ck_assert_uint_eq(live13_secret_len, (size_t)EVP_MD_get_size(md));
	ck_assert_int_eq(eap_tls_keys_exporter13(md, live13_secret, live13_secret_len,
						 EAP_TLS_LABEL_KEYS13, &type, 1, km,
						 sizeof(km)),
			 0);
	ck_assert_mem_eq(km, eap_peer_result(p)->msk, 64);
	ts_end(&s);
	eap_peer_free(p);
	SSL_CTX_free(ctx);
}
END_TEST

/* Bad input is refused, not crashed on. */
START_TEST(test_kat_keys_bad_input)
{
	uint8_t r[32] = { 0 }, ms[48] = { 0 }, out[16];
	char long_label[300];

	memset(long_label, 'a', sizeof(long_label) - 1);
	long_label[sizeof(long_label) - 1] = 0;
	ck_assert_int_eq(eap_tls_keys_prf12(NULL, ms, 48, "x", r, r, out, 16), -1);
	ck_assert_int_eq(eap_tls_keys_prf12(EVP_sha256(), ms, 48, "", r, r, out, 16), -1);
	ck_assert_int_eq(eap_tls_keys_prf12(EVP_sha256(), ms, 48, long_label, r, r, out, 16), -1);
	ck_assert_int_eq(eap_tls_keys_prf12(EVP_sha256(), ms, 48, "x", r, r, out, 0), -1);
	ck_assert_int_eq(eap_tls_keys_exporter13(NULL, ms, 48, "x", NULL, 0, out, 16), -1);
	ck_assert_int_eq(eap_tls_keys_exporter13(EVP_sha384(), ms, 48, "x", NULL, 1, out, 16), -1);
	ck_assert_int_eq(eap_tls_keys_exporter13(EVP_sha384(), ms, 48, long_label, NULL, 0, out,
						 16), -1);
}
END_TEST

#define TEST_LIST(X) X(test_kat_eap_tls12_msk) X(test_kat_eap_tls13_msk) X(test_kat_ttls_pap_msk) \
	X(test_kat_ttls_mschapv2) X(test_kat_peap_mschapv2) X(test_kat_live_tls12_sha384_agrees) \
	X(test_kat_live_tls12_sha256_agrees) X(test_kat_live_tls12_cbc_sha1_agrees) \
	X(test_kat_live_tls13_agrees) X(test_kat_keys_bad_input)
E2E_MAIN("eap-kat")
