// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/crypto.c against published vectors (anchors.md §3.4) and the recorded handshakes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "tests/unit/rsn/test-util.h"

/* V1-V3: IEEE 802.11 Annex J pass-phrase -> PSK */
START_TEST(test_psk_annex_j)
{
	static const struct {
		const char *pass, *ssid, *psk;
	} v[] = {
		{ "password", "IEEE",
		  "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e" },
		{ "ThisIsAPassword", "ThisIsASSID",
		  "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
		  "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62" },
		/* the recorded test bed handshakes */
		{ "correct horse battery", "ihvd-test",
		  "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698" },
	};
	uint8_t pmk[32];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_int_eq(rsn_crypto_psk_from_passphrase(v[i].pass, (const uint8_t *)v[i].ssid,
								strlen(v[i].ssid), pmk),
				 0);
		test_check_hex(pmk, 32, v[i].psk);
	}
}
END_TEST

START_TEST(test_psk_passphrase_rules)
{
	uint8_t pmk[32];
	const uint8_t *ssid = (const uint8_t *)"net";
	char long64[65];

	memset(long64, 'x', 64);
	long64[64] = 0;
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase("1234567", ssid, 3, pmk), -1);
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase("12345678", ssid, 3, pmk), 0);
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase(long64, ssid, 3, pmk), -1);
	long64[63] = 0;
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase(long64, ssid, 3, pmk), 0);
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase("pass\tword", ssid, 3, pmk), -1);
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase("pass\xc3\xa9word", ssid, 3, pmk), -1);
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase("password", ssid, 0, pmk), -1);
	ck_assert_int_eq(rsn_crypto_psk_from_passphrase("password", ssid, 33, pmk), -1);
}
END_TEST

START_TEST(test_psk_hex)
{
	uint8_t pmk[32];
	const char *hex = "602e323e077bc63bd80307ef4745b754b0ae0a925c2638ecd13a794b9527b9e6";

	ck_assert_int_eq(rsn_crypto_psk_from_hex(hex, pmk), 0);
	test_check_hex(pmk, 32, hex);
	ck_assert_int_eq(rsn_crypto_psk_from_hex(
				 "602E323E077BC63BD80307EF4745B754B0AE0A925C2638ECD13A794B9527B9E6",
				 pmk),
			 0);
	test_check_hex(pmk, 32, hex);
	ck_assert_int_eq(rsn_crypto_psk_from_hex(
				 "602e323e077bc63bd80307ef4745b754b0ae0a925c2638ecd13a794b9527b9e", pmk),
			 -1);
	ck_assert_int_eq(rsn_crypto_psk_from_hex(
				 "602e323e077bc63bd80307ef4745b754b0ae0a925c2638ecd13a794b9527b9e60",
				 pmk),
			 -1);
	ck_assert_int_eq(rsn_crypto_psk_from_hex(
				 "g02e323e077bc63bd80307ef4745b754b0ae0a925c2638ecd13a794b9527b9e6", pmk),
			 -1);
}
END_TEST

/* V4, V5: RFC 6070 */
START_TEST(test_pbkdf2_rfc6070)
{
	uint8_t out[25];

	ck_assert_int_eq(rsn_crypto_pbkdf2_sha1("password", 8, "salt", 4, 1, out, 20), 0);
	test_check_hex(out, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6");
	ck_assert_int_eq(rsn_crypto_pbkdf2_sha1("password", 8, "salt", 4, 2, out, 20), 0);
	test_check_hex(out, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
	ck_assert_int_eq(rsn_crypto_pbkdf2_sha1("password", 8, "salt", 4, 4096, out, 20), 0);
	test_check_hex(out, 20, "4b007901b765489abead49d926f721d065a429c1");
	ck_assert_int_eq(rsn_crypto_pbkdf2_sha1("passwordPASSWORDpassword", 24,
						"saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096,
						out, 25),
			 0);
	test_check_hex(out, 25, "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
}
END_TEST

/* V6-V8: PRF-512 */
START_TEST(test_prf_sha1)
{
	uint8_t k1[20], k3[20], b3[50], out[64];

	memset(k1, 0x0b, sizeof(k1));
	memset(k3, 0xaa, sizeof(k3));
	memset(b3, 0xdd, sizeof(b3));
	ck_assert_int_eq(rsn_crypto_prf_sha1(k1, 20, "prefix", (const uint8_t *)"Hi There", 8, out,
					     64),
			 0);
	test_check_hex(out, 64,
		  "bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee75df78c3d31e0f88"
		  "9f012120c0862beb67753e7439ae242edb8373698356cf5a");
	ck_assert_int_eq(rsn_crypto_prf_sha1((const uint8_t *)"Jefe", 4, "prefix",
					     (const uint8_t *)"what do ya want for nothing?", 28,
					     out, 64),
			 0);
	test_check_hex(out, 64,
		  "51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009a99abf4eac2ca5fa"
		  "87e692c440eb40023e7babb206d61de7b92f41529092b8fc");
	ck_assert_int_eq(rsn_crypto_prf_sha1(k3, 20, "prefix", b3, 50, out, 64), 0);
	test_check_hex(out, 64,
		  "e1ac546ec4cb636f9976487be5c86be17a0252ca5d8d8df12cfb0473525249ce9dd8d177ead710bc"
		  "9b590547239107aef7b4abd43d87f0a68f1cbd9e2b6f7607");
	/* a shorter output is a prefix of the longer one */
	ck_assert_int_eq(rsn_crypto_prf_sha1(k3, 20, "prefix", b3, 50, out, 48), 0);
	test_check_hex(out, 48,
		  "e1ac546ec4cb636f9976487be5c86be17a0252ca5d8d8df12cfb0473525249ce9dd8d177ead710bc"
		  "9b590547239107ae");
}
END_TEST

/* V10: KDF-SHA256 */
START_TEST(test_kdf_sha256)
{
	uint8_t out[32];

	ck_assert_int_eq(rsn_crypto_kdf(RSN_PRF_KDF_SHA256, (const uint8_t *)"abc", 3, "KDF test",
					(const uint8_t *)"data", 4, out, 256),
			 0);
	test_check_hex(out, 32, "9efd6eb02758cb7370a86f8a305375d41f8f21c2e47447f584f7d2291143d4d4");
	ck_assert_int_eq(rsn_crypto_kdf(RSN_PRF_KDF_SHA256, (const uint8_t *)"abc", 3, "KDF test",
					(const uint8_t *)"data", 4, out, 255),
			 -1);
	ck_assert_int_eq(rsn_crypto_kdf(RSN_PRF_SHA1, (const uint8_t *)"abc", 3, "KDF test",
					(const uint8_t *)"data", 4, out, 256),
			 -1);
}
END_TEST

/* RFC 2202 / RFC 4231 test case 2 */
START_TEST(test_hmac)
{
	const uint8_t *k = (const uint8_t *)"Jefe";
	const uint8_t *d = (const uint8_t *)"what do ya want for nothing?";
	uint8_t out[48];

	ck_assert_int_eq(rsn_crypto_hmac_sha1(k, 4, d, 28, out), 0);
	test_check_hex(out, 20, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	ck_assert_int_eq(rsn_crypto_hmac_sha256(k, 4, d, 28, out), 0);
	test_check_hex(out, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	ck_assert_int_eq(rsn_crypto_hmac_sha384(k, 4, d, 28, out), 0);
	test_check_hex(out, 48,
		  "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c7"
		  "8b3239ecfab21649");
}
END_TEST

/* V12: RFC 4493 */
START_TEST(test_cmac_rfc4493)
{
	uint8_t key[16], msg[64], out[16];
	static const struct {
		size_t len;
		const char *mac;
	} v[] = {
		{ 0, "bb1d6929e95937287fa37d129b756746" },
		{ 16, "070a16b46b4d4144f79bdd9dd04a287c" },
		{ 40, "dfa66747de9ae63030ca32611497c827" },
		{ 64, "51f0bebf7e3b9d92fc49741779363cfe" },
	};

	test_unhex("2b7e151628aed2a6abf7158809cf4f3c", key);
	test_unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
		   "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		   msg);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(rsn_crypto_cmac_aes128(key, msg, v[i].len, out), 0);
		test_check_hex(out, 16, v[i].mac);
	}
}
END_TEST

/* V11 and RFC 3394 4.3 / 4.6 (256-bit KEK) */
START_TEST(test_aes_wrap_rfc3394)
{
	uint8_t kek[32], data[32], out[40], back[32];

	test_unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", kek);
	test_unhex("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f", data);
	ck_assert_int_eq(rsn_crypto_aes_wrap(kek, 16, data, 16, out), 0);
	test_check_hex(out, 24, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 16, out, 24, back), 0);
	test_check_hex(back, 16, "00112233445566778899aabbccddeeff");
	ck_assert_int_eq(rsn_crypto_aes_wrap(kek, 32, data, 16, out), 0);
	test_check_hex(out, 24, "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7");
	ck_assert_int_eq(rsn_crypto_aes_wrap(kek, 32, data, 32, out), 0);
	test_check_hex(out, 40,
		  "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21");
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 32, out, 40, back), 0);
	test_check_hex(back, 32, "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f");
	/* integrity check failure, bad lengths, bad KEK length */
	out[5] ^= 1;
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 32, out, 40, back), -1);
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 16, out, 16, back), -1);
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 16, out, 30, back), -1);
	ck_assert_int_eq(rsn_crypto_aes_wrap(kek, 24, data, 16, out), -1);
	ck_assert_int_eq(rsn_crypto_aes_wrap(kek, 16, data, 12, out), -1);
}
END_TEST

static void ptk_case(uint32_t akm_sel, const char *pmk_hex, const char *aa_hex,
		     const char *spa_hex, const char *anonce_hex, const char *snonce_hex,
		     const char *kck, const char *kek, const char *tk)
{
	const struct rsn_akm_info *akm = rsn_akm_info_find(akm_sel);
	uint8_t pmk[32], aa[6], spa[6], an[32], sn[32];
	struct rsn_ptk ptk;

	ck_assert_ptr_nonnull(akm);
	test_unhex(pmk_hex, pmk);
	test_unhex(aa_hex, aa);
	test_unhex(spa_hex, spa);
	test_unhex(anonce_hex, an);
	test_unhex(snonce_hex, sn);
	ck_assert_int_eq(rsn_crypto_ptk_derive(akm, RSN_CIPHER_CCMP_128, pmk, 32, aa, spa, an, sn,
					       &ptk),
			 0);
	ck_assert_uint_eq(ptk.kck_len, 16);
	ck_assert_uint_eq(ptk.kek_len, 16);
	ck_assert_uint_eq(ptk.tk_len, 16);
	test_check_hex(ptk.kck, 16, kck);
	test_check_hex(ptk.kek, 16, kek);
	test_check_hex(ptk.tk, 16, tk);
	/* min/max ordering: swapping the roles of the addresses and nonces changes nothing */
	{
		struct rsn_ptk again;

		ck_assert_int_eq(rsn_crypto_ptk_derive(akm, RSN_CIPHER_CCMP_128, pmk, 32, spa, aa,
						       sn, an, &again),
				 0);
		ck_assert_mem_eq(again.tk, ptk.tk, 16);
		ck_assert_mem_eq(again.kck, ptk.kck, 16);
	}
}

/* V9: IEEE 802.11 Annex J sample as reproduced by iwd */
START_TEST(test_ptk_annex_j)
{
	ptk_case(RSN_AKM_PSK, "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af",
		 "a0a1a1a3a4a5", "b0b1b2b3b4b5",
		 "e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405",
		 "c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5",
		 "379f9852d0199236b94e407ce4c00ec8", "47c9edc01c2c6e5b4910caddfb3e51a7",
		 "b2360c79e9710fdd58bea93deaf06599");
}
END_TEST

/* The two recorded test bed handshakes (data/handshakes/README.md): PRF-SHA1 and KDF-SHA256. */
START_TEST(test_ptk_recorded)
{
	const char *pmk = "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698";

	ptk_case(RSN_AKM_PSK, pmk, "020000000000", "020000000100",
		 "2a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb",
		 "758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a",
		 "d9f7a2b36409585b3392b4345c6cb2d8", "ac947c2b14cf63273901de26b65702b8",
		 "2a965ab9bbdd3819ca657461949d9c82");
	ptk_case(RSN_AKM_PSK_SHA256, pmk, "020000000000", "020000000100",
		 "e0f0ff4600eb776abfdfdf31db0a1d75e7032c8a639fd34fe5e2825ddb0e2e74",
		 "29952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee",
		 "d80ba6da56345ad4277aba3216d1600b", "1bb4a6d80c6f77b5d5ea94571b753399",
		 "bb81e9e1d6b04e55687732dc8be3bd14");
}
END_TEST

/* The MIC of each recorded message 2 verifies (HMAC-SHA1-128 and AES-128-CMAC). */
START_TEST(test_eapol_mic_recorded)
{
	static const struct {
		uint32_t akm;
		const char *kck, *frame, *mic;
	} v[] = {
		{ RSN_AKM_PSK, "d9f7a2b36409585b3392b4345c6cb2d8",
		  "0103007502010a00000000000000000001758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6c"
		  "c4964ffce7fa0b9a0000000000000000000000000000000000000000000000000000000000000000"
		  "3588715e295ccae68430b99a91d08149001630140100000fac040100000fac040100000fac020000",
		  "3588715e295ccae68430b99a91d08149" },
		{ RSN_AKM_PSK_SHA256, "d80ba6da56345ad4277aba3216d1600b",
		  "0103007b02010b0000000000000000000129952ea45356856e4723261769e9c2a107c6bd99960fe2d8"
		  "f4898a7ed786f5ee0000000000000000000000000000000000000000000000000000000000000000"
		  "2b76fb6d2f90a6b87f6714e5cad6318b001c301a0100000fac040100000fac040100000fac06c00000"
		  "00000fac06",
		  "2b76fb6d2f90a6b87f6714e5cad6318b" },
	};

	for (size_t i = 0; i < 2; i++) {
		const struct rsn_akm_info *akm = rsn_akm_info_find(v[i].akm);
		uint8_t kck[16], frame[200], mic[16];
		size_t n = test_unhex(v[i].frame, frame);

		test_unhex(v[i].kck, kck);
		memset(frame + 81, 0, 16);
		ck_assert_int_eq(rsn_crypto_eapol_mic(akm, kck, frame, n, mic), 0);
		test_check_hex(mic, 16, v[i].mic);
	}
}
END_TEST

/* RFC 4231 4.2 (test case 1): HMAC-SHA-512, the SAE-EXT-KEY group 21 MIC and KDF hash. */
START_TEST(test_hmac_sha512_rfc4231)
{
	uint8_t key[20], out[64];

	memset(key, 0x0b, sizeof(key));
	ck_assert_int_eq(rsn_crypto_hmac_sha512(key, sizeof(key), (const uint8_t *)"Hi There", 8,
						out), 0);
	ck_assert_str_eq(test_hex(out, 64),
			 "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
			 "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
}
END_TEST

START_TEST(test_akm_table)
{
	const struct rsn_akm_info *a;

	a = rsn_akm_info_find(RSN_AKM_PSK);
	ck_assert_uint_eq(a->mic_len, 16);
	ck_assert_uint_eq(a->desc_version, 2);
	ck_assert_int_eq(a->mic, RSN_MIC_HMAC_SHA1_128);
	a = rsn_akm_info_find(RSN_AKM_PSK_SHA256);
	ck_assert_int_eq(a->mic, RSN_MIC_AES_128_CMAC);
	ck_assert_uint_eq(a->desc_version, 3);
	a = rsn_akm_info_find(RSN_AKM_SAE);
	ck_assert_int_eq(a->mic, RSN_MIC_AES_128_CMAC);
	ck_assert_uint_eq(a->desc_version, 0);
	a = rsn_akm_info_find(RSN_AKM_PSK_SHA384);
	ck_assert_uint_eq(a->mic_len, 24);
	ck_assert_uint_eq(a->kek_len, 32);
	ck_assert_ptr_null(rsn_akm_info_find(RSN_SUITE(4))); /* FT-PSK: not supported */
	/* IEEE 802.11-2024 Table 12-11, AKM 00-0F-AC:24: the PMK length picks the row */
	a = rsn_akm_info_for(RSN_AKM_SAE_EXT_KEY, 32);
	ck_assert(a->prf == RSN_PRF_KDF_SHA256 && a->mic == RSN_MIC_HMAC_SHA256_128);
	ck_assert(a->kck_len == 16 && a->kek_len == 16 && a->mic_len == 16 && !a->desc_version);
	a = rsn_akm_info_for(RSN_AKM_SAE_EXT_KEY, 48);
	ck_assert(a->prf == RSN_PRF_KDF_SHA384 && a->mic == RSN_MIC_HMAC_SHA384_192);
	ck_assert(a->kck_len == 24 && a->kek_len == 32 && a->mic_len == 24);
	a = rsn_akm_info_for(RSN_AKM_SAE_EXT_KEY, 64);
	ck_assert(a->prf == RSN_PRF_KDF_SHA512 && a->mic == RSN_MIC_HMAC_SHA512_256);
	ck_assert(a->kck_len == 32 && a->kek_len == 32 && a->mic_len == 32);
	ck_assert_ptr_null(rsn_akm_info_for(RSN_AKM_SAE_EXT_KEY, 40));
	ck_assert_ptr_eq(rsn_akm_info_for(RSN_AKM_SAE, 32), rsn_akm_info_find(RSN_AKM_SAE));
	ck_assert(rsn_akm_is_sae(RSN_AKM_SAE) && rsn_akm_is_sae(RSN_AKM_SAE_EXT_KEY));
	ck_assert(!rsn_akm_is_sae(RSN_AKM_PSK));
	ck_assert_uint_eq(rsn_cipher_key_len(RSN_CIPHER_TKIP), 0);
	ck_assert_uint_eq(rsn_cipher_key_len(RSN_CIPHER_GCMP_256), 32);
	ck_assert_uint_eq(rsn_mgmt_cipher_key_len(RSN_CIPHER_BIP_CMAC_128), 16);
}
END_TEST

/* SHA-384 AKMs: 24-octet KCK, 32-octet KEK, 24-octet MIC; KEK wraps with AES-256. */
START_TEST(test_ptk_sha384_lengths)
{
	const struct rsn_akm_info *akm = rsn_akm_info_find(RSN_AKM_PSK_SHA384);
	uint8_t pmk[48], aa[6] = { 2 }, spa[6] = { 4 }, an[32] = { 1 }, sn[32] = { 9 };
	uint8_t frame[120] = { 0 }, mic[24], raw[24 + 32 + 16];
	uint8_t data[12 + 64], full[48];
	struct rsn_ptk ptk;

	memset(pmk, 0x42, sizeof(pmk));
	ck_assert_int_eq(rsn_crypto_ptk_derive(akm, RSN_CIPHER_CCMP_128, pmk, 48, aa, spa, an, sn,
					       &ptk),
			 0);
	ck_assert_uint_eq(ptk.kck_len, 24);
	ck_assert_uint_eq(ptk.kek_len, 32);
	/* the split is KCK || KEK || TK of one KDF-SHA384 output of 576 bits */
	memcpy(data, aa, 6);
	memcpy(data + 6, spa, 6);
	memcpy(data + 12, an, 32);
	memcpy(data + 44, sn, 32);
	ck_assert_int_eq(rsn_crypto_kdf(RSN_PRF_KDF_SHA384, pmk, 48, "Pairwise key expansion",
					data, sizeof(data), raw, sizeof(raw) * 8),
			 0);
	ck_assert_mem_eq(ptk.kck, raw, 24);
	ck_assert_mem_eq(ptk.kek, raw + 24, 32);
	ck_assert_mem_eq(ptk.tk, raw + 56, 16);
	ck_assert_int_eq(rsn_crypto_eapol_mic(akm, ptk.kck, frame, sizeof(frame), mic), 0);
	ck_assert_int_eq(rsn_crypto_hmac_sha384(ptk.kck, 24, frame, sizeof(frame), full), 0);
	ck_assert_mem_eq(mic, full, 24);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-crypto");
	TCase *tc = tcase_create("vectors");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_psk_annex_j);
	tcase_add_test(tc, test_psk_passphrase_rules);
	tcase_add_test(tc, test_psk_hex);
	tcase_add_test(tc, test_pbkdf2_rfc6070);
	tcase_add_test(tc, test_prf_sha1);
	tcase_add_test(tc, test_kdf_sha256);
	tcase_add_test(tc, test_hmac);
	tcase_add_test(tc, test_cmac_rfc4493);
	tcase_add_test(tc, test_aes_wrap_rfc3394);
	tcase_add_test(tc, test_ptk_annex_j);
	tcase_add_test(tc, test_ptk_recorded);
	tcase_add_test(tc, test_eapol_mic_recorded);
	tcase_add_test(tc, test_akm_table);
	tcase_add_test(tc, test_hmac_sha512_rfc4231);
	tcase_add_test(tc, test_ptk_sha384_lengths);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rsn_crypto_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
