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
#include "tests/unit/rsn/test-util.h"

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

/* One BSS against one profile: the reason, and the AKM chosen when it fits. */
static const struct select_case {
	const char *what, *xml;
	const uint8_t *akms;
	size_t n_akm;
	bool h2e;
	uint32_t reason, akm;
} select_cases[] = {
	{ "24 before 8 when both are offered and allowed", SEC("SAE SAE-EXT-KEY", "2"), akm_both,
	  2, true, L2_REASON_CODE_SUCCESS, RSN_AKM_SAE_EXT_KEY },
	{ "SAE-EXT-KEY alone against an AP with both", SEC("SAE-EXT-KEY", "1"), akm_both, 2, true,
	  L2_REASON_CODE_SUCCESS, RSN_AKM_SAE_EXT_KEY },
	{ "SAE alone never picks 24", SEC("SAE", "2"), akm_both, 2, true, L2_REASON_CODE_SUCCESS,
	  RSN_AKM_SAE },
	{ "8 when 24 is not offered", SEC("SAE SAE-EXT-KEY", "2"), akm_8, 1, true,
	  L2_REASON_CODE_SUCCESS, RSN_AKM_SAE },
	{ "8 when the AP does not do H2E (24 needs it)", SEC("SAE SAE-EXT-KEY", "2"), akm_both, 2,
	  false, L2_REASON_CODE_SUCCESS, RSN_AKM_SAE },
	{ "8 with sae_pwe=0", SEC("SAE SAE-EXT-KEY", "0"), akm_both, 2, false,
	  L2_REASON_CODE_SUCCESS, RSN_AKM_SAE },
	{ "SAE-EXT-KEY only, the AP offers only 8", SEC("SAE-EXT-KEY", "2"), akm_8, 1, true,
	  RSN_REASON_NO_MATCHING_AKM, 0 },
	{ "SAE-EXT-KEY only, offered, but no H2E at the AP", SEC("SAE-EXT-KEY", "2"), akm_24, 1,
	  false, RSN_REASON_SAE_H2E_MISMATCH, 0 },
	{ "SAE only, the AP offers only 24", SEC("SAE", "2"), akm_24, 1, true,
	  RSN_REASON_NO_MATCHING_AKM, 0 },
};

START_TEST(test_select_sae_akm_24_before_8_h2e_only)
{
	const struct select_case *t = &select_cases[_i];
	struct rsn_selection sel;
	uint32_t r = select_test_run(t->xml, t->akms, t->n_akm, t->h2e, &sel);

	ck_assert_msg(r == t->reason, "%s: reason 0x%x (%s), want 0x%x", t->what, r,
		      rsn_reason_str(r), t->reason);
	ck_assert_msg(sel.akm == t->akm, "%s: AKM %08x, want %08x", t->what, sel.akm, t->akm);
	if (r == L2_REASON_CODE_SUCCESS) {
		/* WPA3-Personal: PMF required, the AP's BIP; H2E whenever 24 was chosen */
		ck_assert_int_eq(sel.mfp, RSN_MFP_REQUIRED);
		ck_assert_uint_eq(sel.group_mgmt, RSN_CIPHER_BIP_CMAC_128);
		ck_assert(sel.akm != RSN_AKM_SAE_EXT_KEY || sel.sae_h2e);
	}
}
END_TEST

/* The user reads why: the reason for an AP without the profile's AKM names SAE-EXT-KEY. */
START_TEST(test_select_refusal_names_sae_ext_key)
{
	ck_assert_ptr_nonnull(strstr(rsn_reason_str(RSN_REASON_NO_MATCHING_AKM), "SAE-EXT-KEY"));
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

	tcase_add_loop_test(tc, test_select_sae_akm_24_before_8_h2e_only, 0,
			    (int)(sizeof(select_cases) / sizeof(select_cases[0])));
	tcase_add_test(tc, test_select_refusal_names_sae_ext_key);
	tcase_add_test(tc, test_select_profile_auth_mode_forms);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
