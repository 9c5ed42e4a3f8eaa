// SPDX-License-Identifier: BSD-3-Clause
/* The association RSNE from the plugin's choices (src/core/rsne.c). */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "core/rsne.h"
#include "wlanihv.h"

static size_t build(uint32_t auth, uint32_t uc, uint32_t mc,
		    const DOT11EXT_LINUX_RSN_PARAMS *lx, uint8_t *out,
		    struct ihv_rsn_choice *c)
{
	ck_assert_int_eq(ihv_rsn_choose(auth, uc, mc, lx, c), 0);
	return ihv_rsne_build(c, out, 96);
}

START_TEST(test_psk_ccmp_default)
{
	static const uint8_t want[] = {
		0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
		0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
	};
	struct ihv_rsn_choice c;
	uint8_t ie[96];
	size_t n = build(DOT11_AUTH_ALGO_RSNA_PSK, 0, 0, NULL, ie, &c);

	ck_assert_uint_eq(n, sizeof(want));
	ck_assert_mem_eq(ie, want, sizeof(want));
	ck_assert_int_eq(c.mfp, DRV_MFP_NO);
	ck_assert_uint_eq(c.group_mgmt, 0);
}
END_TEST

START_TEST(test_psk_sha256_mfp_capable_via_linux_params)
{
	DOT11EXT_LINUX_RSN_PARAMS lx = { sizeof(lx), DOT11EXT_LINUX_AKM_PSK_SHA256,
					 DOT11EXT_LINUX_MFP_CAPABLE, 0, 0, { 0 } };
	struct ihv_rsn_choice c;
	uint8_t ie[96];
	size_t n = build(DOT11_AUTH_ALGO_RSNA_PSK, DOT11_CIPHER_ALGO_CCMP,
			 DOT11_CIPHER_ALGO_CCMP, &lx, ie, &c);

	ck_assert_uint_eq(n, 22);
	ck_assert_mem_eq(ie + 14, "\x01\x00\x00\x0f\xac\x06", 6);
	ck_assert_mem_eq(ie + 20, "\x80\x00", 2); /* MFPC */
	ck_assert_int_eq(c.mfp, DRV_MFP_OPTIONAL);
	ck_assert_uint_eq(c.group_mgmt, 0x000fac06); /* BIP-CMAC-128, implied */
}
END_TEST

START_TEST(test_sae_defaults_mfp_required)
{
	struct ihv_rsn_choice c;
	uint8_t ie[96];
	size_t n = build(DOT11_AUTH_ALGO_WPA3_SAE, 0, 0, NULL, ie, &c);

	ck_assert_uint_eq(n, 22);
	ck_assert_uint_eq(ie[19], 0x08);
	ck_assert_mem_eq(ie + 20, "\xc0\x00", 2); /* MFPC | MFPR */
	ck_assert_int_eq(c.mfp, DRV_MFP_REQUIRED);
}
END_TEST

START_TEST(test_non_default_mgmt_cipher_and_pmkid)
{
	DOT11EXT_LINUX_RSN_PARAMS lx = { sizeof(lx), 0, DOT11EXT_LINUX_MFP_REQUIRED,
					 DOT11EXT_LINUX_CIPHER_SUITE_BIP_GMAC_256, 1,
					 { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 } };
	struct ihv_rsn_choice c;
	uint8_t ie[96];
	size_t n = build(DOT11_AUTH_ALGO_RSNA_PSK, DOT11_CIPHER_ALGO_GCMP_256,
			 DOT11_CIPHER_ALGO_GCMP_256, &lx, ie, &c);

	/* 22 + PMKID count (2) + PMKID (16) + group management cipher (4) */
	ck_assert_uint_eq(n, 44);
	ck_assert_uint_eq(ie[1], 42);
	ck_assert_mem_eq(ie + 2 + 2, "\x00\x0f\xac\x09", 4);
	ck_assert_mem_eq(ie + 22, "\x01\x00", 2);
	ck_assert_uint_eq(ie[24], 1);
	ck_assert_uint_eq(ie[39], 16);
	ck_assert_mem_eq(ie + 40, "\x00\x0f\xac\x0c", 4);
}
END_TEST

START_TEST(test_open_has_no_rsne)
{
	struct ihv_rsn_choice c;
	uint8_t ie[96];

	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_80211_OPEN, 0, 0, NULL, &c), 0);
	ck_assert(c.open);
	ck_assert_uint_eq(ihv_rsne_build(&c, ie, sizeof(ie)), 0);
}
END_TEST

START_TEST(test_inexpressible_choices_refused)
{
	DOT11EXT_LINUX_RSN_PARAMS lx = { sizeof(lx), 0, 3, 0, 0, { 0 } };
	struct ihv_rsn_choice c;
	uint8_t small[10];

	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_WPA_PSK, 0, 0, NULL, &c), -EOPNOTSUPP);
	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_80211_OPEN, DOT11_CIPHER_ALGO_WEP40, 0,
					NULL, &c), -EOPNOTSUPP);
	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_IHV_START, 0, 0, NULL, &c), -EOPNOTSUPP);
	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_RSNA_PSK, DOT11_CIPHER_ALGO_BIP, 0,
					NULL, &c), -EOPNOTSUPP);
	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_RSNA_PSK, 0, 0, &lx, &c), -EINVAL);
	ck_assert_uint_eq(ihv_rsn_params_check(&lx), ERROR_INVALID_PARAMETER);
	lx.dwMfp = 0;
	lx.dwGroupMgmtCipherSuite = 0x000fac06; /* a mgmt cipher without MFP */
	ck_assert_uint_eq(ihv_rsn_params_check(&lx), ERROR_INVALID_PARAMETER);
	lx.dwSize = 4;
	ck_assert_uint_eq(ihv_rsn_params_check(&lx), ERROR_INVALID_PARAMETER);
	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_RSNA_PSK, 0, 0, NULL, &c), 0);
	ck_assert_uint_eq(ihv_rsne_build(&c, small, sizeof(small)), 0);
}
END_TEST

START_TEST(test_capa_check)
{
	struct drv_capa capa;
	struct ihv_rsn_choice c;

	memset(&capa, 0, sizeof(capa));
	ck_assert_int_eq(ihv_rsn_choose(DOT11_AUTH_ALGO_RSNA_PSK, 0, 0, NULL, &c), 0);
	ck_assert_int_eq(ihv_rsn_capa_check(&c, &capa), 0); /* nothing listed */
	capa.ciphers[0] = 0x000fac02;
	capa.n_ciphers = 1;
	ck_assert_int_eq(ihv_rsn_capa_check(&c, &capa), -EOPNOTSUPP);
	capa.ciphers[1] = 0x000fac04;
	capa.n_ciphers = 2;
	capa.akms[0] = 0x000fac08;
	capa.n_akms = 1;
	ck_assert_int_eq(ihv_rsn_capa_check(&c, &capa), -EOPNOTSUPP);
	capa.akms[1] = 0x000fac02;
	capa.n_akms = 2;
	ck_assert_int_eq(ihv_rsn_capa_check(&c, &capa), 0);
}
END_TEST

START_TEST(test_cipher_suite_mapping)
{
	ck_assert_uint_eq(ihv_cipher_suite(DOT11_CIPHER_ALGO_CCMP), 0x000fac04);
	ck_assert_uint_eq(ihv_cipher_suite(DOT11_CIPHER_ALGO_BIP), 0x000fac06);
	ck_assert_uint_eq(ihv_cipher_suite(DOT11_CIPHER_ALGO_GCMP_256), 0x000fac09);
	ck_assert_uint_eq(ihv_cipher_suite(DOT11_CIPHER_ALGO_NONE), 0);
	ck_assert_uint_eq(ihv_cipher_suite(DOT11_CIPHER_ALGO_WEP), 0);
	ck_assert_uint_eq(ihv_cipher_from_suite(0x000fac0d), DOT11_CIPHER_ALGO_BIP_CMAC_256);
	ck_assert(ihv_cipher_is_bip(DOT11_CIPHER_ALGO_BIP_GMAC_128));
	ck_assert(!ihv_cipher_is_bip(DOT11_CIPHER_ALGO_CCMP));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsne");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_psk_ccmp_default);
	tcase_add_test(t, test_psk_sha256_mfp_capable_via_linux_params);
	tcase_add_test(t, test_sae_defaults_mfp_required);
	tcase_add_test(t, test_non_default_mgmt_cipher_and_pmkid);
	tcase_add_test(t, test_open_has_no_rsne);
	tcase_add_test(t, test_inexpressible_choices_refused);
	tcase_add_test(t, test_capa_check);
	tcase_add_test(t, test_cipher_suite_mapping);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
