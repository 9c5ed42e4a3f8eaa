/* src/rsn/ie.c: RSNE/RSNXE parse+build and Key Data KDE parsing. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/ie.h"
#include "tests/unit/rsn/test-frames.h"
#include "tests/unit/rsn/test-util.h"

/* RSNEs of the recorded handshakes (README) */
#define STA_RSNE_WPA2 "30140100000fac040100000fac040100000fac020000"
#define STA_RSNE_PMF "301a0100000fac040100000fac040100000fac06c0000000000fac06"
#define AP_RSNE_PMF "30140100000fac040100000fac040100000fac06c000"

START_TEST(test_rsne_parse_recorded)
{
	uint8_t ie[64];
	struct rsn_ie r;
	size_t n = test_unhex(STA_RSNE_WPA2, ie);

	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_OK);
	ck_assert_uint_eq(r.group_cipher, RSN_CIPHER_CCMP_128);
	ck_assert_uint_eq(r.n_pairwise, 1);
	ck_assert_uint_eq(r.pairwise[0], RSN_CIPHER_CCMP_128);
	ck_assert_uint_eq(r.n_akm, 1);
	ck_assert_uint_eq(r.akm[0], RSN_AKM_PSK);
	ck_assert(r.has_caps);
	ck_assert_uint_eq(r.caps, 0);
	ck_assert(!r.has_group_mgmt);

	n = test_unhex(STA_RSNE_PMF, ie);
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_OK);
	ck_assert_uint_eq(r.akm[0], RSN_AKM_PSK_SHA256);
	ck_assert_uint_eq(r.caps, RSN_CAP_MFPR | RSN_CAP_MFPC);
	ck_assert_uint_eq(r.n_pmkid, 0);
	ck_assert(r.has_group_mgmt);
	ck_assert_uint_eq(r.group_mgmt_cipher, RSN_CIPHER_BIP_CMAC_128);

	n = test_unhex(AP_RSNE_PMF, ie);
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_OK);
	ck_assert_uint_eq(r.caps, 0x00c0);
	ck_assert(!r.has_group_mgmt);
	ck_assert_uint_eq(r.group_mgmt_cipher, RSN_CIPHER_BIP_CMAC_128); /* default */
}
END_TEST

/* Building the parsed RSNEs gives them back byte for byte. */
START_TEST(test_rsne_build_roundtrip)
{
	const char *v[] = { STA_RSNE_WPA2, STA_RSNE_PMF, AP_RSNE_PMF,
			    "30120100000fac040100000fac040100000fac02" };

	for (size_t i = 0; i < 4; i++) {
		uint8_t ie[64], out[64];
		size_t n = test_unhex(v[i], ie), m = 0;
		struct rsn_ie r;

		ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_OK);
		ck_assert_int_eq(rsn_ie_build(&r, out, sizeof(out), &m), RSN_IE_OK);
		ck_assert_uint_eq(m, n);
		ck_assert_mem_eq(out, ie, n);
		ck_assert_int_eq(rsn_ie_build(&r, out, n - 1, &m), RSN_IE_ERR_BUILD_SPACE);
	}
}
END_TEST

START_TEST(test_rsne_pmkid_list)
{
	struct rsn_ie r = { .version = 1, .group_cipher = RSN_CIPHER_CCMP_128,
			    .pairwise = { RSN_CIPHER_CCMP_128, RSN_CIPHER_GCMP_256 }, .n_pairwise = 2,
			    .akm = { RSN_AKM_SAE }, .n_akm = 1, .n_pmkid = 2,
			    .group_mgmt_cipher = RSN_CIPHER_BIP_GMAC_256, .has_group_mgmt = true };
	uint8_t out[128];
	struct rsn_ie back;
	size_t m;

	memset(r.pmkid[0], 0x11, 16);
	memset(r.pmkid[1], 0x22, 16);
	ck_assert_int_eq(rsn_ie_build(&r, out, sizeof(out), &m), RSN_IE_OK);
	ck_assert_uint_eq(m, 2 + 2 + 4 + 2 + 8 + 2 + 4 + 2 + 2 + 32 + 4);
	ck_assert_int_eq(rsn_ie_parse(out, m, &back), RSN_IE_OK);
	ck_assert_uint_eq(back.n_pairwise, 2);
	ck_assert_uint_eq(back.pairwise[1], RSN_CIPHER_GCMP_256);
	ck_assert_uint_eq(back.n_pmkid, 2);
	ck_assert_mem_eq(back.pmkid[1], r.pmkid[1], 16);
	ck_assert_uint_eq(back.group_mgmt_cipher, RSN_CIPHER_BIP_GMAC_256);
}
END_TEST

/* Each truncation point of the PMF STA RSNE yields the error naming the cut field. */
START_TEST(test_rsne_truncations)
{
	uint8_t ie[64], cut[64];
	size_t n = test_unhex(STA_RSNE_PMF, ie);
	struct rsn_ie r;

	for (size_t body = 0; body < n - 2; body++) {
		enum rsn_ie_err want;

		memcpy(cut, ie, 2 + body);
		cut[1] = (uint8_t)body;
		/* field boundaries: 2 ver, 6 group, 12 pairwise, 18 akm, 20 caps, 22 pmkid, 26 mgmt */
		if (body < 2)
			want = RSN_IE_ERR_VERSION;
		else if (body == 2 || body == 6 || body == 12 || body == 18 || body == 20 ||
			 body == 22)
			want = RSN_IE_OK;
		else if (body < 6)
			want = RSN_IE_ERR_GROUP_TRUNC;
		else if (body < 12)
			want = RSN_IE_ERR_PAIRWISE_TRUNC;
		else if (body < 18)
			want = RSN_IE_ERR_AKM_TRUNC;
		else if (body < 20)
			want = RSN_IE_ERR_CAPS_TRUNC;
		else if (body < 22)
			want = RSN_IE_ERR_PMKID_TRUNC;
		else
			want = RSN_IE_ERR_MGMT_TRUNC;
		ck_assert_msg(rsn_ie_parse(cut, 2 + body, &r) == want, "body %zu: got %s", body,
			      rsn_ie_err_str(rsn_ie_parse(cut, 2 + body, &r)));
	}
	/* the length field runs past the buffer */
	ck_assert_int_eq(rsn_ie_parse(ie, n - 1, &r), RSN_IE_ERR_SHORT);
	ck_assert_int_eq(rsn_ie_parse(ie, 1, &r), RSN_IE_ERR_SHORT);
}
END_TEST

START_TEST(test_rsne_bad_fields)
{
	uint8_t ie[64];
	size_t n;
	struct rsn_ie r;

	n = test_unhex(STA_RSNE_WPA2, ie);
	ie[0] = 0xdd;
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_ID);
	n = test_unhex(STA_RSNE_WPA2, ie);
	ie[2] = 2;
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_VERSION);
	n = test_unhex(STA_RSNE_WPA2, ie);
	ie[8] = 0; /* pairwise count 0 */
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_PAIRWISE_COUNT);
	ie[8] = 200; /* pairwise count beyond the element */
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_PAIRWISE_COUNT);
	ie[8] = 4;
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_PAIRWISE_TRUNC);
	n = test_unhex(STA_RSNE_WPA2, ie);
	ie[14] = 0; /* AKM count 0 */
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_AKM_COUNT);
	ie[14] = 2;
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_AKM_TRUNC);
	n = test_unhex(STA_RSNE_PMF, ie);
	ie[22] = 1; /* one PMKID announced, none there */
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_PMKID_TRUNC);
	ie[22] = 9;
	ck_assert_int_eq(rsn_ie_parse(ie, n, &r), RSN_IE_ERR_PMKID_COUNT);
}
END_TEST

START_TEST(test_rsnxe)
{
	uint8_t ie[8] = { IE_ID_RSNX, 1, 0x20 }, out[8];
	struct rsnx_ie x;
	size_t m;

	ck_assert_int_eq(rsnx_ie_parse(ie, 3, &x), RSN_IE_OK);
	ck_assert_uint_eq(x.caps_len, 1);
	ck_assert_uint_eq(x.caps[0], 0x20); /* SAE H2E */
	ck_assert_int_eq(rsnx_ie_build(&x, out, sizeof(out), &m), RSN_IE_OK);
	ck_assert_uint_eq(m, 3);
	ck_assert_mem_eq(out, ie, 3);
	ie[1] = 0;
	ck_assert_int_eq(rsnx_ie_parse(ie, 2, &x), RSN_IE_ERR_RSNX_EMPTY);
	ie[1] = 4;
	ck_assert_int_eq(rsnx_ie_parse(ie, 3, &x), RSN_IE_ERR_SHORT);
	ie[0] = IE_ID_RSN;
	ie[1] = 1;
	ck_assert_int_eq(rsnx_ie_parse(ie, 3, &x), RSN_IE_ERR_ID);
	ck_assert_int_eq(rsnx_ie_build(&x, out, 2, &m), RSN_IE_ERR_RSNX_EMPTY);
}
END_TEST

/* The key data of recorded message 3 (PMF capture): RSNE, GTK KDE, IGTK KDE, padding. */
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
	Suite *s = suite_create("rsn-ie");
	TCase *tc = tcase_create("ie");

	tcase_add_test(tc, test_rsne_parse_recorded);
	tcase_add_test(tc, test_rsne_build_roundtrip);
	tcase_add_test(tc, test_rsne_pmkid_list);
	tcase_add_test(tc, test_rsne_truncations);
	tcase_add_test(tc, test_rsne_bad_fields);
	tcase_add_test(tc, test_rsnxe);
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
