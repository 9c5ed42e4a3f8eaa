// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/rsn/select.c for SAE: which SAE AKM the plugin uses against a BSS. AKM 00-0F-AC:24
 * (SAE-EXT-KEY, IEEE 802.11-2024 Table 9-190) comes first when the profile allows it, the
 * AP's RSNE offers it and hash-to-element will run (the AP's RSNXE bit 5, 9.4.2.241, and
 * sae_pwe); else 00-0F-AC:8 when allowed and offered; else a reason that says why.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "common/suite.h"
#include "rsn/profile-xml.h"
#include "rsn/reason.h"
#include "rsn/select.h"

#define SEC(auth, pwe)                                                                     \
	"<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>696876642d74657374</Ssid><AuthMode>" auth \
	"</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>2</Pmf>"                 \
	"<SaePassword>correct horse battery</SaePassword><SaePwe>" pwe "</SaePwe></IhvSecurity>"

/* The BSS's elements: an RSNE with CCMP, the given AKM types, MFPC+MFPR, BIP-CMAC-128,
 * and an RSNXE saying "SAE hash-to-element" when h2e. */
static size_t select_test_ies(uint8_t *buf, const uint8_t *akms, size_t n_akm, bool h2e)
{
	uint8_t *p = buf + 2;

	buf[0] = 48;
	*p++ = 1, *p++ = 0;
	*p++ = 0x00, *p++ = 0x0f, *p++ = 0xac, *p++ = 4;
	*p++ = 1, *p++ = 0;
	*p++ = 0x00, *p++ = 0x0f, *p++ = 0xac, *p++ = 4;
	*p++ = (uint8_t)n_akm, *p++ = 0;
	for (size_t i = 0; i < n_akm; i++)
		*p++ = 0x00, *p++ = 0x0f, *p++ = 0xac, *p++ = akms[i];
	*p++ = 0xc0, *p++ = 0; /* MFPR | MFPC */
	*p++ = 0, *p++ = 0;    /* no PMKID */
	*p++ = 0x00, *p++ = 0x0f, *p++ = 0xac, *p++ = 6;
	buf[1] = (uint8_t)(p - buf - 2);
	if (h2e)
		*p++ = 244, *p++ = 1, *p++ = 0x20;
	return (size_t)(p - buf);
}

static uint32_t select_test_run(const char *xml, const uint8_t *akms, size_t n_akm, bool h2e,
				struct rsn_selection *sel)
{
	struct rsn_sec_profile p;
	uint8_t ies[64];
	size_t len = select_test_ies(ies, akms, n_akm, h2e);
	uint32_t r;

	ck_assert_int_eq(rsn_profile_sec_parse(xml, strlen(xml), &p), RSN_PROFILE_OK);
	ck_assert_int_eq(p.auth, RSN_PROFILE_AUTH_SAE);
	r = rsn_select(&p, ies, len, sel);
	rsn_sec_profile_clear(&p);
	return r;
}

static const uint8_t akm_both[] = { 8, 24 }, akm_8[] = { 8 }, akm_24[] = { 24 };

START_TEST(test_select_sae_ext_key_preferred_when_offered_and_allowed)
{
	struct rsn_selection sel;

	ck_assert_uint_eq(select_test_run(SEC("SAE SAE-EXT-KEY", "2"), akm_both, 2, true, &sel),
			  L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(sel.akm, RSN_AKM_SAE_EXT_KEY);
	ck_assert(sel.sae_h2e);
	ck_assert_int_eq(sel.mfp, RSN_MFP_REQUIRED);
	ck_assert_uint_eq(sel.group_mgmt, RSN_CIPHER_BIP_CMAC_128);
	/* SAE-EXT-KEY alone, against an AP with both */
	ck_assert_uint_eq(select_test_run(SEC("SAE-EXT-KEY", "1"), akm_both, 2, true, &sel),
			  L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(sel.akm, RSN_AKM_SAE_EXT_KEY);
	/* SAE alone never picks 24 */
	ck_assert_uint_eq(select_test_run(SEC("SAE", "2"), akm_both, 2, true, &sel),
			  L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(sel.akm, RSN_AKM_SAE);
}
END_TEST

START_TEST(test_select_sae_akm8_when_24_not_offered_or_no_h2e)
{
	struct rsn_selection sel;

	ck_assert_uint_eq(select_test_run(SEC("SAE SAE-EXT-KEY", "2"), akm_8, 1, true, &sel),
			  L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(sel.akm, RSN_AKM_SAE);
	/* 24 runs with hash-to-element only: an AP without H2E gets 8 */
	ck_assert_uint_eq(select_test_run(SEC("SAE SAE-EXT-KEY", "2"), akm_both, 2, false, &sel),
			  L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(sel.akm, RSN_AKM_SAE);
	ck_assert(!sel.sae_h2e);
	/* and so does sae_pwe=0 (hunting-and-pecking only) */
	ck_assert_uint_eq(select_test_run(SEC("SAE SAE-EXT-KEY", "0"), akm_both, 2, false, &sel),
			  L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(sel.akm, RSN_AKM_SAE);
}
END_TEST

START_TEST(test_select_sae_ext_key_only_refused_by_akm8_ap)
{
	struct rsn_selection sel;
	uint32_t r = select_test_run(SEC("SAE-EXT-KEY", "2"), akm_8, 1, true, &sel);

	ck_assert_uint_eq(r, RSN_REASON_NO_MATCHING_AKM);
	ck_assert_ptr_nonnull(strstr(rsn_reason_str(r), "SAE-EXT-KEY"));
	ck_assert_uint_eq(sel.akm, 0);
	/* offered and allowed, but the AP does not do H2E: the reason names H2E */
	r = select_test_run(SEC("SAE-EXT-KEY", "2"), akm_24, 1, false, &sel);
	ck_assert_uint_eq(r, RSN_REASON_SAE_H2E_MISMATCH);
	/* an SAE-only profile and an AP with only 24 */
	ck_assert_uint_eq(select_test_run(SEC("SAE", "2"), akm_24, 1, true, &sel),
			  RSN_REASON_NO_MATCHING_AKM);
}
END_TEST

START_TEST(test_select_profile_auth_mode_forms)
{
	struct rsn_sec_profile p;
	const char *bad = SEC("SAE-EXT-KEY SAE", "2");

	ck_assert_int_eq(rsn_profile_sec_parse(SEC("SAE SAE-EXT-KEY", "2"),
					       strlen(SEC("SAE SAE-EXT-KEY", "2")), &p),
			 RSN_PROFILE_OK);
	ck_assert(p.sae_akm8 && p.sae_akm24);
	rsn_sec_profile_clear(&p);
	ck_assert_int_eq(rsn_profile_sec_parse(SEC("SAE-EXT-KEY", "2"),
					       strlen(SEC("SAE-EXT-KEY", "2")), &p),
			 RSN_PROFILE_OK);
	ck_assert(!p.sae_akm8 && p.sae_akm24);
	ck_assert_uint_eq(p.akm, RSN_AKM_SAE_EXT_KEY);
	rsn_sec_profile_clear(&p);
	ck_assert_int_eq(rsn_profile_sec_parse(bad, strlen(bad), &p), RSN_PROFILE_ERR_VALUE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("select");
	TCase *tc = tcase_create("sae-akm");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_select_sae_ext_key_preferred_when_offered_and_allowed);
	tcase_add_test(tc, test_select_sae_akm8_when_24_not_offered_or_no_h2e);
	tcase_add_test(tc, test_select_sae_ext_key_only_refused_by_akm8_ap);
	tcase_add_test(tc, test_select_profile_auth_mode_forms);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
