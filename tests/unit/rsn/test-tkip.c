// SPDX-License-Identifier: BSD-3-Clause
/*
 * TKIP as a WPA/WPA2 mixed-mode AP's group cipher: the 4-way and group handshakes with a
 * 32-octet TKIP GTK, the DOT11_KEY_ALGO_TKIP_MIC blob the plugin hands to SetDefaultKey (the
 * Michael keys in a station's Tx/Rx order), the EAPOL-Key MIC failure report, and the
 * countermeasure timing of IEEE 802.11-2020 12.5.2.4.
 */

#include <linux/nl80211.h>

#include "tests/unit/rsn/test-hs-env.h"

#include "rsn/plugin-state.h"
#include "rsn/tkip-cm.h"

/* The in-test authenticator as a mixed-mode AP: pairwise CCMP, group TKIP. */
static void mixed_init(struct pair *s)
{
	struct rsn_ie r = { .version = 1, .group_cipher = RSN_CIPHER_TKIP,
			    .pairwise = { RSN_CIPHER_CCMP_128 }, .n_pairwise = 1,
			    .akm = { RSN_AKM_PSK }, .n_akm = 1, .has_caps = true };
	uint8_t pmk[32];

	memset(s, 0, sizeof(*s));
	for (int i = 0; i < 32; i++)
		pmk[i] = (uint8_t)(0x30 + i);
	test_auth_init(&s->a, RSN_AKM_PSK, false, pmk, 11);
	s->a.group = RSN_CIPHER_TKIP;
	ck_assert_int_eq(rsn_ie_build(&r, s->a.ap_rsne, sizeof(s->a.ap_rsne), &s->a.ap_rsne_len),
			 RSN_IE_OK);
	ck_assert_int_eq(rsn_ie_build(&r, s->a.sta_rsne, sizeof(s->a.sta_rsne), &s->a.sta_rsne_len),
			 RSN_IE_OK);
	s->p.akm = RSN_AKM_PSK;
	s->p.pairwise_cipher = RSN_CIPHER_CCMP_128;
	s->p.group_cipher = RSN_CIPHER_TKIP;
	s->p.mfp = RSN_MFP_NONE;
	s->p.pmk = s->a.pmk;
	s->p.pmk_len = s->a.pmk_len;
	memcpy(s->p.aa, s->a.aa, 6);
	memcpy(s->p.spa, s->a.spa, 6);
	s->p.sta_rsne = s->a.sta_rsne;
	s->p.sta_rsne_len = s->a.sta_rsne_len;
	s->p.ap_rsne = s->a.ap_rsne;
	s->p.ap_rsne_len = s->a.ap_rsne_len;
	s->hs = rsn_hs_new(&s->p, &ops, &s->e);
	ck_assert_ptr_nonnull(s->hs);
}

START_TEST(test_key_lengths)
{
	/* IEEE 802.11-2020 Table 12-8: TKIP 32 octets; never a pairwise cipher here */
	ck_assert_uint_eq(rsn_group_cipher_key_len(RSN_CIPHER_TKIP), 32);
	ck_assert_uint_eq(rsn_cipher_key_len(RSN_CIPHER_TKIP), 0);
	ck_assert_uint_eq(rsn_group_cipher_key_len(RSN_CIPHER_CCMP_128), 16);
	ck_assert_uint_eq(rsn_group_cipher_key_len(RSN_CIPHER_WEP40), 0);
}
END_TEST

START_TEST(test_mixed_mode_handshake_installs_tkip_gtk)
{
	struct pair s;
	const struct inst *g;

	mixed_init(&s);
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.established, 1);
	ck_assert_int_eq(s.e.n_inst, 2);
	ck_assert_int_eq(find_inst(&s.e, 0)->kind, 'P');
	ck_assert_uint_eq(find_inst(&s.e, 0)->cipher, RSN_CIPHER_CCMP_128);
	ck_assert_uint_eq(find_inst(&s.e, 0)->len, 16);
	g = find_inst(&s.e, 1);
	ck_assert_int_eq(g->kind, 'G');
	ck_assert_uint_eq(g->cipher, RSN_CIPHER_TKIP);
	ck_assert_uint_eq(g->len, 32);
	ck_assert_mem_eq(g->key, s.a.gtk, 32); /* as the KDE carries it */
	ck_assert_uint_eq(g->idx, s.a.gtk_idx);

	/* group rekey with TKIP: the new 32-octet GTK under the other index */
	test_auth_new_group_keys(&s.a);
	pair_group(&s);
	g = find_inst(&s.e, 2);
	ck_assert_uint_eq(g->cipher, RSN_CIPHER_TKIP);
	ck_assert_uint_eq(g->len, 32);
	ck_assert_mem_eq(g->key, s.a.gtk, 32);
	ck_assert_uint_eq(g->idx, s.a.gtk_idx);
	ck_assert_int_eq(s.e.failed, 0);
	pair_free(&s);
}
END_TEST

START_TEST(test_tkip_gtk_of_wrong_length_fails)
{
	struct pair s;

	mixed_init(&s);
	s.a.group = RSN_CIPHER_CCMP_128; /* the AP sends a 16-octet GTK for a TKIP group */
	pair_msg12(&s);
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_FAILED);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_GTK_LEN);
	pair_free(&s);
}
END_TEST

START_TEST(test_tkip_blob_layout)
{
	uint8_t key[32], ctr[6] = { 1, 2, 3, 4, 5, 6 }, blob[64];
	DOT11_KEY_ALGO_TKIP_MIC hdr;
	size_t n;

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x40 + i);
	memset(blob, 0xee, sizeof(blob));
	n = rsn_plugin_tkip_blob(blob, ctr, key);
	ck_assert_uint_eq(n, offsetof(DOT11_KEY_ALGO_TKIP_MIC, ucTKIPMICKeys) + 32);
	memcpy(&hdr, blob, offsetof(DOT11_KEY_ALGO_TKIP_MIC, ucTKIPMICKeys));
	ck_assert_mem_eq(hdr.ucIV48Counter, ctr, 6);
	ck_assert_uint_eq(hdr.ulTKIPKeyLength, 16);
	ck_assert_uint_eq(hdr.ulMICKeyLength, 16);
	/* the temporal key first, unchanged */
	ck_assert_mem_eq(blob + 16, key, 16);
	/*
	 * nl80211 for a station: Tx MIC key at 16, Rx MIC key at 24. 802.11 gives the key for
	 * MSDUs from the Authenticator (our Rx) at 16..23 and from the Supplicant (our Tx) at
	 * 24..31 (IEEE 802.11-2020 12.7.1.3/12.7.1.4): the halves swap.
	 */
	ck_assert_mem_eq(blob + 16 + NL80211_TKIP_DATA_OFFSET_TX_MIC_KEY, key + 24, 8);
	ck_assert_mem_eq(blob + 16 + NL80211_TKIP_DATA_OFFSET_RX_MIC_KEY, key + 16, 8);
	ck_assert_uint_eq(blob[n], 0xee); /* nothing written past it */
	/* no counter: zero */
	n = rsn_plugin_tkip_blob(blob, NULL, key);
	ck_assert_mem_eq(blob, "\0\0\0\0\0\0", 6);
}
END_TEST

/* The frame a report sent: parsed, its MIC checked with the authenticator's KCK. */
static struct eapol_key report_check(struct pair *s, uint8_t *copy)
{
	struct eapol_key k;
	uint8_t mic[32];
	const uint8_t *f;
	size_t len;

	f = pair_last(s, &len);
	memcpy(copy, f, len);
	ck_assert_int_eq(eapol_key_parse(copy, len, s->a.akm->mic_len, &k), EAPOL_KEY_OK);
	ck_assert_uint_eq(k.key_info & (EAPOL_KEY_INFO_REQUEST | EAPOL_KEY_INFO_ERROR |
					EAPOL_KEY_INFO_MIC | EAPOL_KEY_INFO_SECURE),
			  EAPOL_KEY_INFO_REQUEST | EAPOL_KEY_INFO_ERROR | EAPOL_KEY_INFO_MIC |
				  EAPOL_KEY_INFO_SECURE);
	ck_assert_uint_eq(k.key_info & (EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_INSTALL |
					EAPOL_KEY_INFO_ENCR_DATA), 0);
	ck_assert_uint_eq(eapol_key_info_version(k.key_info), s->a.akm->desc_version);
	ck_assert_uint_eq(k.key_data_len, 0);
	{
		uint8_t z[1024];

		memcpy(z, f, len);
		memset(z + EAPOL_KEY_OFF_MIC, 0, k.mic_len);
		ck_assert_int_eq(rsn_crypto_eapol_mic(s->a.akm, s->a.ptk.kck, z, k.frame_len, mic), 0);
		ck_assert_mem_eq(mic, k.mic, k.mic_len);
	}
	return k;
}

START_TEST(test_mic_failure_report)
{
	struct pair s;
	struct eapol_key k;
	uint8_t copy[1024];
	uint64_t first;
	int ntx;

	mixed_init(&s);
	/* no PTK yet: nothing to report with */
	ck_assert_int_eq(rsn_hs_mic_failure_report(s.hs, false), -1);
	ck_assert_int_eq(s.e.n_tx, 0);
	pair_msg12(&s);
	pair_msg34(&s);
	ntx = s.e.n_tx;
	ck_assert_int_eq(rsn_hs_mic_failure_report(s.hs, false), 0);
	ck_assert_int_eq(s.e.n_tx, ntx + 1);
	k = report_check(&s, copy);
	ck_assert_uint_eq(k.key_info & EAPOL_KEY_INFO_PAIRWISE, 0); /* a group key failed */
	first = eapol_key_replay_u64(k.replay);
	ck_assert_uint_gt(first, s.a.replay);
	/* the next request counts on; a pairwise failure says so in Key Type */
	ck_assert_int_eq(rsn_hs_mic_failure_report(s.hs, true), 0);
	k = report_check(&s, copy);
	ck_assert_uint_eq(k.key_info & EAPOL_KEY_INFO_PAIRWISE, EAPOL_KEY_INFO_PAIRWISE);
	ck_assert_uint_gt(eapol_key_replay_u64(k.replay), first);
	/* after a group rekey with a higher AP counter, still above it */
	test_auth_new_group_keys(&s.a);
	s.a.replay += 10;
	pair_group(&s);
	ck_assert_int_eq(rsn_hs_mic_failure_report(s.hs, false), 0);
	k = report_check(&s, copy);
	ck_assert_uint_gt(eapol_key_replay_u64(k.replay), s.a.replay);
	pair_free(&s);
}
END_TEST

static const uint8_t BSS_A[6] = { 2, 0, 0, 0, 0, 0xa };
static const uint8_t BSS_B[6] = { 2, 0, 0, 0, 0, 0xb };

START_TEST(test_countermeasures_timing)
{
	struct rsn_tkip_cm *cm = rsn_tkip_cm_new();
	uint64_t t0 = 1000000;

	ck_assert_ptr_nonnull(cm);
	ck_assert(!rsn_tkip_cm_blocked(NULL, t0, BSS_A));
	ck_assert(!rsn_tkip_cm_blocked(cm, t0, BSS_A));
	/* one failure: report only */
	ck_assert_int_eq(rsn_tkip_cm_failure(cm, t0, BSS_A), RSN_TKIP_CM_REPORT);
	ck_assert(!rsn_tkip_cm_blocked(cm, t0, BSS_A));
	/* the next one 60 s later or more: report only, and it starts a new window */
	ck_assert_int_eq(rsn_tkip_cm_failure(cm, t0 + RSN_TKIP_CM_WINDOW_MS, BSS_A),
			 RSN_TKIP_CM_REPORT);
	ck_assert(!rsn_tkip_cm_blocked(cm, t0 + RSN_TKIP_CM_WINDOW_MS, BSS_A));
	/* and one within 60 s of that: countermeasures */
	t0 += RSN_TKIP_CM_WINDOW_MS;
	ck_assert_int_eq(rsn_tkip_cm_failure(cm, t0 + RSN_TKIP_CM_WINDOW_MS - 1, BSS_A),
			 RSN_TKIP_CM_REPORT_DISCONNECT);
	t0 += RSN_TKIP_CM_WINDOW_MS - 1;
	/* the BSS is avoided for 60 s from then, another BSS is not */
	ck_assert(rsn_tkip_cm_blocked(cm, t0, BSS_A));
	ck_assert(rsn_tkip_cm_blocked(cm, t0 + RSN_TKIP_CM_BLOCK_MS - 1, BSS_A));
	ck_assert(!rsn_tkip_cm_blocked(cm, t0 + RSN_TKIP_CM_BLOCK_MS, BSS_A));
	ck_assert(!rsn_tkip_cm_blocked(cm, t0, BSS_B));
	/* countermeasures start a fresh count: the next failure is a first one again */
	ck_assert_int_eq(rsn_tkip_cm_failure(cm, t0 + RSN_TKIP_CM_BLOCK_MS + 5, BSS_B),
			 RSN_TKIP_CM_REPORT);
	ck_assert_int_eq(rsn_tkip_cm_failure(cm, t0 + RSN_TKIP_CM_BLOCK_MS + 6, BSS_B),
			 RSN_TKIP_CM_REPORT_DISCONNECT);
	ck_assert(rsn_tkip_cm_blocked(cm, t0 + RSN_TKIP_CM_BLOCK_MS + 6, BSS_B));
	ck_assert(!rsn_tkip_cm_blocked(cm, t0 + RSN_TKIP_CM_BLOCK_MS + 6, BSS_A));
	rsn_tkip_cm_free(cm);
	rsn_tkip_cm_free(NULL);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-tkip");
	TCase *tc = tcase_create("tkip");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_key_lengths);
	tcase_add_test(tc, test_mixed_mode_handshake_installs_tkip_gtk);
	tcase_add_test(tc, test_tkip_gtk_of_wrong_length_fails);
	tcase_add_test(tc, test_tkip_blob_layout);
	tcase_add_test(tc, test_mic_failure_report);
	tcase_add_test(tc, test_countermeasures_timing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return test_run_suite(suite());
}
