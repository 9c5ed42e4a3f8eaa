// SPDX-License-Identifier: BSD-3-Clause
/* src/common/ie.c: RSNE/RSNXE parse and build. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/ie.h"
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
static Suite *suite(void)
{
	Suite *s = suite_create("common-ie");
	TCase *tc = tcase_create("ie");

	tcase_add_test(tc, test_rsne_parse_recorded);
	tcase_add_test(tc, test_rsne_build_roundtrip);
	tcase_add_test(tc, test_rsne_pmkid_list);
	tcase_add_test(tc, test_rsne_truncations);
	tcase_add_test(tc, test_rsne_bad_fields);
	tcase_add_test(tc, test_rsnxe);
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
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
