// SPDX-License-Identifier: BSD-3-Clause
/*
 * Byte-exact replay of SAE + 4-way handshakes recorded on this test bed between ihvd with
 * ihv-rsn.so and hostapd on mac80211_hwsim (tests/unit/rsn/data/sae-*.kat: AKM 00-0F-AC:8
 * against Debian's hostapd 2.10, AKM 00-0F-AC:24 SAE-EXT-KEY against a hostapd built from a
 * recent hostap tree,
 * made by tests/interop/record-sae-kat.sh; see data/README.md). With the station's recorded
 * rand, mask (IEEE 802.11-2020 12.4.5.3) and SNonce injected through the test seams, the AP's
 * recorded frames are fed to src/rsn/sae.c and src/rsn/handshake.c; every frame the station
 * sent, and every key it derives or installs, must equal what was on the air or what hostapd
 * logged (-K), octet for octet. A recording with one octet changed must not pass.
 */

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "rsn/handshake.h"
#include "rsn/kde.h"
#include "rsn/sae.h"
#include "tests/unit/kat-file.h"
#include "tests/unit/rsn/test-hs-env.h"

/* Our output equals the recorded value, shown in hex when it does not. */
static void sae_replay_expect(const struct kat *k, const char *name, const uint8_t *got, size_t len)
{
	size_t want_len;
	const uint8_t *want = kat_val(k, name, &want_len);
	char g[2 * KAT_VAL_MAX + 1];

	ck_assert_msg(len == want_len, "%s: %zu octets, recorded %zu", name, len, want_len);
	snprintf(g, sizeof(g), "%.*s", (int)(sizeof(g) - 1), test_hex(got, len));
	ck_assert_msg(memcmp(got, want, len) == 0, "%s: got %s, recorded %s", name, g,
		      test_hex(want, want_len));
}

/* The recording's AKM suite type: 8, or 24 (SAE-EXT-KEY); files without the field are 8. */
static uint32_t sae_replay_akm(const struct kat *k)
{
	int i = kat_find_opt(k, "akm");

	return RSN_SUITE(i >= 0 ? (uint32_t)atoi(k->text[i]) : 8u);
}

/* ---- SAE (12.4.5, 12.4.7) ---- */

struct sae_replay {
	struct sae_pt *pt;
	struct sae_session *s;
};

/* The session the plugin makes for the recorded case, with the recorded rand and mask. */
static void sae_replay_start(const struct kat *k, struct sae_replay *r)
{
	struct sae_session_config cfg;
	size_t pw_len, ssid_len, rand_len, mask_len;
	const uint8_t *pw = kat_val(k, "password", &pw_len);
	const uint8_t *ssid = kat_val(k, "ssid", &ssid_len);
	const uint8_t *rnd = kat_val(k, "rand", &rand_len);
	const uint8_t *mask = kat_val(k, "mask", &mask_len);
	uint16_t group = (uint16_t)atoi(k->text[kat_find(k, "group")]);
	bool h2e = strcmp(k->text[kat_find(k, "pwe")], "h2e") == 0;

	memset(&cfg, 0, sizeof(cfg));
	memset(r, 0, sizeof(*r));
	cfg.group = group;
	cfg.ext_key = sae_replay_akm(k) == RSN_AKM_SAE_EXT_KEY;
	memcpy(cfg.own_addr, kat_get(k, "sta_addr", 6), 6);
	memcpy(cfg.peer_addr, kat_get(k, "ap_addr", 6), 6);
	if (h2e) {
		r->pt = sae_pt_new(group, pw, pw_len, ssid, ssid_len, NULL, 0);
		ck_assert_ptr_nonnull(r->pt);
		cfg.pt = r->pt;
	} else {
		cfg.password = pw;
		cfg.password_len = pw_len;
	}
	r->s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(r->s);
	ck_assert_int_eq(sae_session_h2e(r->s), h2e);
	ck_assert_int_eq(sae_session_test_set_rand_mask(r->s, rnd, rand_len, mask, mask_len), SAE_OK);
}

static void sae_replay_free(struct sae_replay *r)
{
	sae_session_free(r->s);
	sae_pt_free(r->pt);
}

/*
 * Commit and Confirm: our Commit body equals the one on the air (12.4.7.4), the AP's Commit
 * is taken (12.4.5.4), our Confirm equals the one on the air (12.4.5.5, 12.4.7.5), the
 * AP's Confirm verifies, and PMK, KCK and PMKID equal hostapd's (its -K log, hostapd_cli
 * PMKSA). For AKM 24 the Commits carry the AKM Suite Selector element and the PMK is as long
 * as the group's hash (IEEE 802.11-2024 12.4.5.4): *pmk_len says how long.
 */
static void sae_replay_exchange(const char *file, uint8_t pmk[SAE_PMK_MAX_LEN],
				size_t *pmk_len, uint8_t pmkid[SAE_PMKID_LEN])
{
	struct kat k;
	struct sae_replay r;
	uint8_t buf[SAE_COMMIT_MAX_LEN], kck[64];
	size_t len, kck_len, n;
	const uint8_t *f;

	kat_load(&k, file);
	sae_replay_start(&k, &r);
	ck_assert_uint_eq(sae_session_commit_status(r.s), (uint16_t)atoi(k.text[kat_find(&k, "commit_status")]));
	ck_assert_int_eq(sae_session_commit_build(r.s, buf, sizeof(buf), &len), SAE_OK);
	sae_replay_expect(&k, "sta_commit", buf, len);
	f = kat_val(&k, "ap_commit", &n);
	ck_assert_int_eq(sae_session_rx_commit(r.s, sae_session_commit_status(r.s), f, n), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_confirm_build(r.s, buf, sizeof(buf), &len), SAE_OK);
	sae_replay_expect(&k, "sta_confirm", buf, len);
	ck_assert_int_eq(sae_session_test_keys(r.s, kck, sizeof(kck), &kck_len, pmk, pmkid), SAE_OK);
	sae_replay_expect(&k, "kck", kck, kck_len);
	f = kat_val(&k, "ap_confirm", &n);
	ck_assert_int_eq(sae_session_rx_confirm(r.s, 0, f, n), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_state(r.s), SAE_STATE_ACCEPTED);
	*pmk_len = sae_session_pmk_len(r.s);
	ck_assert_int_eq(sae_session_pmk_get(r.s, pmk, pmkid), SAE_OK);
	sae_replay_expect(&k, "pmk", pmk, *pmk_len);
	sae_replay_expect(&k, "pmkid", pmkid, SAE_PMKID_LEN);
	sae_replay_free(&r);
}

/*
 * ---- the 4-way handshake with the SAE PMK (12.7.6, PMF required): AKM 00-0F-AC:8, or 24
 * with the KDF, KCK, KEK and MIC the PMK length selects (IEEE 802.11-2024 12.7.3,
 * Table 12-11) ----
 */

static void sae_replay_feed(const struct kat *k, struct rsn_hs *hs, const char *name)
{
	size_t n;
	const uint8_t *f = kat_val(k, name, &n);

	ck_assert_int_eq(rsn_hs_rx(hs, f, n), RSN_RX_OK);
}

static void sae_replay_4way(const char *file, const uint8_t *pmk, size_t pmk_len,
			    const uint8_t pmkid[SAE_PMKID_LEN])
{
	struct kat k;
	struct env e;
	struct rsn_hs_params p = { .pairwise_cipher = RSN_CIPHER_CCMP_128,
				   .group_cipher = RSN_CIPHER_CCMP_128,
				   .group_mgmt_cipher = RSN_CIPHER_BIP_CMAC_128,
				   .mfp = RSN_MFP_REQUIRED, .pmk = pmk, .pmk_len = pmk_len };
	const struct rsn_akm_info *akm;
	struct rsn_hs *hs;
	struct eapol_key m1;
	struct kde_info kde;
	const uint8_t *tx, *f;
	size_t len;

	kat_load(&k, file);
	p.akm = sae_replay_akm(&k);
	akm = rsn_akm_info_for(p.akm, pmk_len);
	ck_assert_ptr_nonnull(akm);
	memcpy(p.aa, kat_get(&k, "ap_addr", 6), 6);
	memcpy(p.spa, kat_get(&k, "sta_addr", 6), 6);
	p.sta_rsne = kat_val(&k, "sta_rsne", &p.sta_rsne_len);
	p.ap_rsne = kat_val(&k, "ap_rsne", &p.ap_rsne_len);
	if (kat_find_opt(&k, "sta_rsnxe") >= 0)
		p.sta_rsnxe = kat_val(&k, "sta_rsnxe", &p.sta_rsnxe_len);
	if (kat_find_opt(&k, "ap_rsnxe") >= 0)
		p.ap_rsnxe = kat_val(&k, "ap_rsnxe", &p.ap_rsnxe_len);
	memset(&e, 0, sizeof(e));
	hs = rsn_hs_new(&p, &ops, &e);
	ck_assert_ptr_nonnull(hs);
	rsn_hs_test_set_snonce(hs, kat_get(&k, "snonce", 32));

	/*
	 * 12.7.6.2: message 1's Key Data carries "PMKID KDE (for the PMK used)": hostapd named
	 * the PMKSA our SAE derived.
	 */
	f = kat_val(&k, "eapol_m1", &len);
	ck_assert_int_eq(eapol_key_parse(f, len, akm->mic_len, &m1), EAPOL_KEY_OK);
	/* Key Descriptor Version 0 for both SAE AKMs ("AKM-defined", 12.7.2) */
	ck_assert_uint_eq(eapol_key_info_version(m1.key_info), 0);
	ck_assert_int_eq(kde_parse(m1.key_data, m1.key_data_len, &kde), KDE_OK);
	ck_assert_ptr_nonnull(kde.pmkid);
	ck_assert_mem_eq(kde.pmkid, pmkid, SAE_PMKID_LEN);
	sae_replay_feed(&k, hs, "eapol_m1");
	tx = last_tx(&e, &len);
	sae_replay_expect(&k, "eapol_m2", tx, len); /* SNonce, RSNE, MIC (KCK from the SAE PMK) */
	ck_assert_int_eq(e.n_inst, 0);
	sae_replay_feed(&k, hs, "eapol_m3");
	tx = last_tx(&e, &len);
	sae_replay_expect(&k, "eapol_m4", tx, len);
	ck_assert_int_eq(e.n_tx, 2);
	/* message 4 first, then PTK, GTK and IGTK, then done */
	ck_assert_str_eq(e.log, "ATTPGICE");
	ck_assert_int_eq(e.failed, 0);
	ck_assert_int_eq(e.established, 1);
	ck_assert_uint_eq(e.inst[0].cipher, RSN_CIPHER_CCMP_128);
	sae_replay_expect(&k, "tk", e.inst[0].key, e.inst[0].len);
	ck_assert_uint_eq(e.inst[1].cipher, RSN_CIPHER_CCMP_128);
	sae_replay_expect(&k, "gtk", e.inst[1].key, e.inst[1].len);
	ck_assert_uint_eq(e.inst[2].cipher, RSN_CIPHER_BIP_CMAC_128);
	sae_replay_expect(&k, "igtk", e.inst[2].key, e.inst[2].len);
	rsn_hs_free(hs);
}

static void sae_replay_case(const char *file)
{
	uint8_t pmk[SAE_PMK_MAX_LEN], pmkid[SAE_PMKID_LEN];
	size_t pmk_len = 0;

	sae_replay_exchange(file, pmk, &pmk_len, pmkid);
	sae_replay_4way(file, pmk, pmk_len, pmkid);
	OPENSSL_cleanse(pmk, sizeof(pmk));
}

START_TEST(test_replay_hostapd_sae_hnp_g19_commit_confirm_pmkid_msg2_msg4_gtk_igtk)
{
	sae_replay_case("sae-hnp-19.kat");
}
END_TEST

START_TEST(test_replay_hostapd_sae_h2e_g19_commit_confirm_pmkid_msg2_msg4_gtk_igtk)
{
	sae_replay_case("sae-h2e-19.kat");
}
END_TEST

START_TEST(test_replay_hostapd_sae_h2e_g20_commit_confirm_pmkid_msg2_msg4_gtk_igtk)
{
	sae_replay_case("sae-h2e-20.kat");
}
END_TEST

/*
 * AKM 00-0F-AC:24 (SAE-EXT-KEY) against hostapd v2.12-devel, hash-to-element: IEEE 802.11-2024
 * 12.4.5.4 (PMK as long as the hash: 32, 48, 64 octets), 12.4.7.4 (the AKM Suite Selector
 * element in our Commit), 12.7.3 Table 12-11 (KDF-SHA-256/384/512, KCK 16/24/32, KEK 16/32/32,
 * MIC HMAC-SHA-256/384/512 of 16/24/32 octets), Key Descriptor Version 0.
 */
START_TEST(test_replay_hostapd_sae_ext_key_h2e_g19_pmk32_msg2_msg4_gtk_igtk)
{
	sae_replay_case("sae-ext-h2e-19.kat");
}
END_TEST

START_TEST(test_replay_hostapd_sae_ext_key_h2e_g20_pmk48_kdf_sha384_msg2_msg4_gtk_igtk)
{
	sae_replay_case("sae-ext-h2e-20.kat");
}
END_TEST

START_TEST(test_replay_hostapd_sae_ext_key_h2e_g21_pmk64_kdf_sha512_msg2_msg4_gtk_igtk)
{
	sae_replay_case("sae-ext-h2e-21.kat");
}
END_TEST

/* The recorded case up to our Commit sent: the AP's recorded Commit, its length in *n. */
static const uint8_t *sae_replay_committed(struct kat *k, const char *file, struct sae_replay *r,
					   size_t *n)
{
	uint8_t buf[SAE_COMMIT_MAX_LEN];
	size_t len;

	kat_load(k, file);
	sae_replay_start(k, r);
	ck_assert_int_eq(sae_session_commit_build(r->s, buf, sizeof(buf), &len), SAE_OK);
	return kat_val(k, "ap_commit", n);
}

/*
 * 12.4.5.4 with AKM 24: the AP's recorded Commit with its AKM Suite Selector naming another
 * AKM (00-0F-AC:8) is refused, and the exchange does not go on.
 */
START_TEST(test_replay_hostapd_sae_ext_key_ap_commit_other_akm_refused)
{
	static const uint8_t sel24[] = { 255, 5, 114, 0x00, 0x0f, 0xac, 24 };
	struct kat k;
	struct sae_replay r;
	uint8_t commit[SAE_COMMIT_MAX_LEN];
	size_t n;
	const uint8_t *f = sae_replay_committed(&k, "sae-ext-h2e-20.kat", &r, &n);

	ck_assert_uint_le(n, sizeof(commit));
	ck_assert_uint_ge(n, sizeof(sel24));
	ck_assert_mem_eq(f + n - sizeof(sel24), sel24, sizeof(sel24)); /* hostapd sent it */
	memcpy(commit, f, n);
	commit[n - 1] = 8;
	ck_assert_int_eq(sae_session_rx_commit(r.s, SAE_STATUS_HASH_TO_ELEMENT, commit, n),
			 SAE_AKM_MISMATCH);
	ck_assert_int_eq(sae_session_state(r.s), SAE_STATE_COMMITTED);
	ck_assert_int_eq(sae_session_rx_commit(r.s, SAE_STATUS_HASH_TO_ELEMENT, f, n),
			 SAE_TX_CONFIRM);
	sae_replay_free(&r);
}
END_TEST

/* 12.4.5.5: a Confirm changed in one octet does not verify; the recording is what matters. */
START_TEST(test_replay_hostapd_sae_hnp_g19_ap_confirm_one_octet_changed_rejected)
{
	struct kat k;
	struct sae_replay r;
	uint8_t buf[SAE_COMMIT_MAX_LEN], confirm[SAE_CONFIRM_MAX_LEN];
	size_t len, n;
	const uint8_t *f = sae_replay_committed(&k, "sae-hnp-19.kat", &r, &n);

	ck_assert_int_eq(sae_session_rx_commit(r.s, 0, f, n), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_confirm_build(r.s, buf, sizeof(buf), &len), SAE_OK);
	f = kat_val(&k, "ap_confirm", &n);
	ck_assert_uint_le(n, sizeof(confirm));
	memcpy(confirm, f, n);
	confirm[n - 1] ^= 0x01;
	ck_assert_int_eq(sae_session_rx_confirm(r.s, 0, confirm, n), SAE_CONFIRM_MISMATCH);
	ck_assert_int_ne(sae_session_state(r.s), SAE_STATE_ACCEPTED);
	sae_replay_free(&r);
}
END_TEST

static Suite *sae_replay_suite(void)
{
	Suite *s = suite_create("sae-replay");
	TCase *tc = tcase_create("hostapd-2.10");
	TCase *ext = tcase_create("hostapd-2.12-devel-sae-ext-key");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_replay_hostapd_sae_hnp_g19_commit_confirm_pmkid_msg2_msg4_gtk_igtk);
	tcase_add_test(tc, test_replay_hostapd_sae_h2e_g19_commit_confirm_pmkid_msg2_msg4_gtk_igtk);
	tcase_add_test(tc, test_replay_hostapd_sae_h2e_g20_commit_confirm_pmkid_msg2_msg4_gtk_igtk);
	tcase_add_test(tc, test_replay_hostapd_sae_hnp_g19_ap_confirm_one_octet_changed_rejected);
	suite_add_tcase(s, tc);
	tcase_set_timeout(ext, 60);
	tcase_add_test(ext, test_replay_hostapd_sae_ext_key_h2e_g19_pmk32_msg2_msg4_gtk_igtk);
	tcase_add_test(ext, test_replay_hostapd_sae_ext_key_h2e_g20_pmk48_kdf_sha384_msg2_msg4_gtk_igtk);
	tcase_add_test(ext, test_replay_hostapd_sae_ext_key_h2e_g21_pmk64_kdf_sha512_msg2_msg4_gtk_igtk);
	tcase_add_test(ext, test_replay_hostapd_sae_ext_key_ap_commit_other_akm_refused);
	suite_add_tcase(s, ext);
	return s;
}

int main(void)
{
	return test_run_suite(sae_replay_suite());
}
