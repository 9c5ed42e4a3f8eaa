// SPDX-License-Identifier: BSD-3-Clause
/* src/rsn/kde.c: Key Data KDE parsing, on recorded and synthetic key data. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/ie.h"
#include "rsn/crypto.h"
#include "rsn/kde.h"
#include "tests/unit/rsn/test-frames.h"
#include "tests/unit/rsn/test-util.h"

#define STA_RSNE_WPA2 "30140100000fac040100000fac040100000fac020000"
#define AP_RSNE_PMF "30140100000fac040100000fac040100000fac06c000"

START_TEST(test_kde_recorded_msg3)
{
	uint8_t frame[256], kek[16], plain[128], ap[32];
	size_t n = test_unhex(pmf_m3_hex, frame), kd_len, ap_len;
	struct kde_info k;

	test_unhex("1bb4a6d80c6f77b5d5ea94571b753399", kek);
	kd_len = (size_t)(frame[97] << 8 | frame[98]);
	ck_assert_uint_eq(n, 99 + kd_len);
	ck_assert_int_eq(rsn_crypto_aes_unwrap(kek, 16, frame + 99, kd_len, plain), 0);
	ck_assert_int_eq(kde_parse(plain, kd_len - 8, &k), KDE_OK);
	ap_len = test_unhex(AP_RSNE_PMF, ap);
	ck_assert_uint_eq(k.n_rsne, 1);
	ck_assert_uint_eq(k.rsne_len[0], ap_len);
	ck_assert_mem_eq(k.rsne[0], ap, ap_len);
	ck_assert_ptr_nonnull(k.gtk);
	/* expected keys: unwrapped independently with python3-cryptography's aes_key_unwrap */
	ck_assert_uint_eq(k.gtk_len, 16);
	ck_assert_uint_eq(k.gtk_idx, 2);
	ck_assert_str_eq(test_hex(k.gtk, 16), "de9d19d6d8a76537d3ff371e0bc9765b");
	ck_assert_ptr_nonnull(k.igtk);
	ck_assert_uint_eq(k.igtk_len, 16);
	ck_assert_uint_eq(k.igtk_idx, 5);
	ck_assert_str_eq(test_hex(k.igtk, 16), "0e0371321601ed0f543e4fd18d72d645");
	ck_assert_str_eq(test_hex(k.igtk_ipn, 6), "000000000000");
	ck_assert_ptr_null(k.rsnxe);
}
END_TEST

/* Build key data from pieces: GTK KDE, IGTK KDE, MAC KDE, vendor KDE, padding. */
static size_t kd_gtk(uint8_t *p, uint8_t idx, size_t len)
{
	p[0] = 0xdd;
	p[1] = (uint8_t)(6 + len);
	p[2] = 0x00;
	p[3] = 0x0f;
	p[4] = 0xac;
	p[5] = KDE_GTK;
	p[6] = idx;
	p[7] = 0;
	memset(p + 8, 0x40 + idx, len);
	return 8 + len;
}

static size_t kd_igtk(uint8_t *p, uint8_t idx, size_t len)
{
	p[0] = 0xdd;
	p[1] = (uint8_t)(12 + len);
	memcpy(p + 2, "\x00\x0f\xac\x09", 4);
	p[6] = idx;
	p[7] = 0;
	memset(p + 8, 0x01, 6);
	memset(p + 14, 0x60, len);
	return 14 + len;
}

START_TEST(test_kde_synthetic)
{
	uint8_t kd[256];
	size_t n = 0;
	struct kde_info k;

	n += kd_gtk(kd + n, 0x06, 16); /* KeyID 2, Tx */
	memcpy(kd + n, "\xdd\x05\x00\x10\x18\x02\x01", 7); /* vendor KDE: skipped */
	n += 7;
	n += kd_igtk(kd + n, 5, 16);
	memcpy(kd + n, "\xdd\x0a\x00\x0f\xac\x03\x02\x00\x00\x00\x00\x00", 12); /* MAC KDE */
	n += 12;
	memcpy(kd + n, "\xdd\x00\x00\x00", 4); /* padding */
	n += 4;
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_OK);
	ck_assert_uint_eq(k.gtk_idx, 2);
	ck_assert(k.gtk_tx);
	ck_assert_uint_eq(k.gtk[0], 0x46);
	ck_assert_uint_eq(k.igtk_idx, 5);
	ck_assert_uint_eq(k.igtk[0], 0x60);
	ck_assert_uint_eq(k.igtk_ipn[0], 0x01);
	ck_assert_ptr_nonnull(k.mac);
	ck_assert_uint_eq(k.mac[0], 0x02);
	/* a lone 0xdd at the end is padding too */
	ck_assert_int_eq(kde_parse(kd, n - 3, &k), KDE_OK);
	ck_assert_int_eq(kde_parse(kd, 0, &k), KDE_OK);
	ck_assert_ptr_null(k.gtk);
}
END_TEST

START_TEST(test_kde_malformed)
{
	uint8_t kd[256];
	size_t n;
	struct kde_info k;

	/* truncated at every length inside the GTK KDE */
	n = kd_gtk(kd, 1, 16);
	for (size_t len = 2; len < n; len++) {
		enum kde_err e = kde_parse(kd, len, &k);

		ck_assert_msg(e == KDE_ERR_TRUNCATED, "len %zu: %s", len, kde_err_str(e));
	}
	/* GTK shorter than 16, longer than 32 */
	n = kd_gtk(kd, 1, 15);
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_ERR_GTK_LEN);
	n = kd_gtk(kd, 1, 33);
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_ERR_GTK_LEN);
	/* IGTK lengths and key IDs */
	n = kd_igtk(kd, 4, 15);
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_ERR_IGTK_LEN);
	n = kd_igtk(kd, 3, 16);
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_ERR_IGTK_KEYID);
	/* MAC KDE of 5 octets */
	memcpy(kd, "\xdd\x09\x00\x0f\xac\x03\x02\x00\x00\x00\x00", 11);
	ck_assert_int_eq(kde_parse(kd, 11, &k), KDE_ERR_MAC_LEN);
	/* PMKID KDE of 15 */
	memset(kd, 0, 32);
	memcpy(kd, "\xdd\x13\x00\x0f\xac\x04", 6);
	ck_assert_int_eq(kde_parse(kd, 21, &k), KDE_ERR_PMKID_LEN);
	/* two GTK KDEs */
	n = kd_gtk(kd, 1, 16);
	n += kd_gtk(kd + n, 2, 16);
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_ERR_DUPLICATE);
	/* padding followed by data */
	n = kd_gtk(kd, 1, 16);
	memcpy(kd + n, "\xdd\x00\x00\x01", 4);
	ck_assert_int_eq(kde_parse(kd, n + 4, &k), KDE_ERR_PADDING);
	/* three RSNEs */
	n = 0;
	for (int i = 0; i < 3; i++)
		n += test_unhex(STA_RSNE_WPA2, kd + n);
	ck_assert_int_eq(kde_parse(kd, n, &k), KDE_ERR_TOO_MANY_RSNE);
	ck_assert_int_eq(kde_parse(kd, n - 22, &k), KDE_OK);
	ck_assert_uint_eq(k.n_rsne, 2);
	/* an element whose length runs past the data */
	memcpy(kd, "\x30\x20\x01\x00", 4);
	ck_assert_int_eq(kde_parse(kd, 4, &k), KDE_ERR_TRUNCATED);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-kde");
	TCase *tc = tcase_create("kde");

	tcase_add_test(tc, test_kde_recorded_msg3);
	tcase_add_test(tc, test_kde_synthetic);
	tcase_add_test(tc, test_kde_malformed);
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
