// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/rsn/handshake.c against the recorded hostapd handshakes: byte-exact replay of our
 * messages 2 and 4 and of the installed keys, replays of recorded frames dropped, and a
 * deterministic fuzz loop over mutated real frames.
 */

#include "tests/unit/rsn/test-hs-env.h"

/*
 * Expected group keys: what the recorded key data unwraps to with the README's KEK, computed
 * independently with python3-cryptography (aes_key_unwrap), not with this code.
 */
START_TEST(test_replay_wpa2_psk_ccmp)
{
	uint8_t bufs[256];
	struct env e;
	struct rsn_hs *hs = recording_hs(&rec_wpa2, &e, bufs);

	ck_assert_int_eq(feed_hex(hs, wpa2_m1_hex), RSN_RX_OK);
	assert_tx_is(&e, wpa2_m2_hex);
	ck_assert_int_eq(e.n_inst, 0);
	ck_assert_int_eq(feed_hex(hs, wpa2_m3_hex), RSN_RX_OK);
	assert_tx_is(&e, wpa2_m4_hex);
	/* msg 4 first, then PTK and GTK, then done */
	ck_assert_str_eq(e.log, "ATTPGCE");
	ck_assert_int_eq(e.n_inst, 2);
	ck_assert_uint_eq(e.inst[0].cipher, RSN_CIPHER_CCMP_128);
	ck_assert_str_eq(test_hex(e.inst[0].key, e.inst[0].len), rec_wpa2.tk);
	ck_assert_uint_eq(e.inst[1].idx, 2);
	ck_assert_str_eq(test_hex(e.inst[1].key, e.inst[1].len), "cb8ef352ca8c5f916f45b85406570d3e");
	ck_assert_str_eq(test_hex(e.inst[1].seq, 6), "000000000000");
	ck_assert_int_eq(e.established, 1);
	ck_assert(rsn_hs_is_established(hs));
	/* group rekey */
	ck_assert_int_eq(feed_hex(hs, wpa2_g1_hex), RSN_RX_OK);
	assert_tx_is(&e, wpa2_g2_hex);
	ck_assert_int_eq(e.n_inst, 3);
	ck_assert_uint_eq(e.inst[2].kind, 'G');
	ck_assert_uint_eq(e.inst[2].idx, 1);
	ck_assert_str_eq(test_hex(e.inst[2].key, 16), "756be240e5a08cd5f7ee9cc8be1b1171");
	ck_assert_int_eq(e.failed, 0);
	rsn_hs_free(hs);
}
END_TEST

START_TEST(test_replay_psk_sha256_pmf)
{
	uint8_t bufs[256];
	struct env e;
	struct rsn_hs *hs = recording_hs(&rec_pmf, &e, bufs);

	ck_assert_int_eq(feed_hex(hs, pmf_m1_hex), RSN_RX_OK);
	assert_tx_is(&e, pmf_m2_hex);
	ck_assert_int_eq(feed_hex(hs, pmf_m3_hex), RSN_RX_OK);
	assert_tx_is(&e, pmf_m4_hex);
	ck_assert_str_eq(e.log, "ATTPGICE");
	ck_assert_str_eq(test_hex(e.inst[0].key, 16), rec_pmf.tk);
	ck_assert_uint_eq(e.inst[1].idx, 2);
	ck_assert_str_eq(test_hex(e.inst[1].key, 16), "de9d19d6d8a76537d3ff371e0bc9765b");
	ck_assert_uint_eq(e.inst[2].kind, 'I');
	ck_assert_uint_eq(e.inst[2].cipher, RSN_CIPHER_BIP_CMAC_128);
	ck_assert_uint_eq(e.inst[2].idx, 5);
	ck_assert_str_eq(test_hex(e.inst[2].key, 16), "0e0371321601ed0f543e4fd18d72d645");
	/* two group rekeys: GTK 1 + IGTK 4, then GTK 2 + IGTK 5 */
	ck_assert_int_eq(feed_hex(hs, pmf_g1_hex), RSN_RX_OK);
	assert_tx_is(&e, pmf_g2_hex);
	ck_assert_int_eq(e.n_inst, 5);
	ck_assert_uint_eq(e.inst[3].idx, 1);
	ck_assert_str_eq(test_hex(e.inst[3].key, 16), "97c407abfc7eebd7739c30632e7fc121");
	ck_assert_uint_eq(e.inst[4].idx, 4);
	ck_assert_str_eq(test_hex(e.inst[4].key, 16), "8cf1add7646d5b6792493b8347199614");
	ck_assert_int_eq(feed_hex(hs, pmf_g1b_hex), RSN_RX_OK);
	assert_tx_is(&e, pmf_g2b_hex);
	ck_assert_int_eq(e.n_inst, 7);
	ck_assert_uint_eq(e.inst[5].idx, 2);
	ck_assert_str_eq(test_hex(e.inst[5].key, 16), "ce3afb5cd22a132f09fbf5ec8009ff41");
	ck_assert_uint_eq(e.inst[6].idx, 5);
	ck_assert_str_eq(test_hex(e.inst[6].key, 16), "49b32302a9ef77d17f82090e21b45b52");
	ck_assert_int_eq(e.failed, 0);
	rsn_hs_free(hs);
}
END_TEST

/* A recorded message 3 replayed after completion is a replay; earlier group msg too. */
START_TEST(test_replay_recorded_frames_dropped)
{
	uint8_t bufs[256];
	struct env e;
	struct rsn_hs *hs = recording_hs(&rec_pmf, &e, bufs);

	feed_hex(hs, pmf_m1_hex);
	feed_hex(hs, pmf_m3_hex);
	feed_hex(hs, pmf_g1_hex);
	feed_hex(hs, pmf_g1b_hex);
	ck_assert_int_eq(e.n_inst, 7);
	ck_assert_int_eq(feed_hex(hs, pmf_m3_hex), RSN_RX_DROPPED);
	ck_assert_int_eq(feed_hex(hs, pmf_g1_hex), RSN_RX_DROPPED);
	ck_assert_int_eq(feed_hex(hs, pmf_m1_hex), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(hs)->drops[RSN_DROP_REPLAY], 3);
	ck_assert_int_eq(e.n_inst, 7);
	rsn_hs_free(hs);
}
END_TEST

/* ---- fuzz: mutated real frames never crash and never install ---- */

static uint32_t rng;

static uint32_t rnd(void)
{
	rng = rng * 1664525u + 1013904223u;
	return rng >> 8;
}

static size_t mutate(const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
	size_t n = len;
	int edits = 1 + (int)(rnd() % 4);
	bool changed = false;

	memcpy(out, in, len);
	while (!changed) {
		for (int i = 0; i < edits; i++) {
			switch (rnd() % 4) {
			case 0: /* flip a bit */
				out[rnd() % n] ^= (uint8_t)(1u << (rnd() % 8));
				break;
			case 1: /* random byte */
				out[rnd() % n] = (uint8_t)rnd();
				break;
			case 2: /* truncate */
				n = 1 + rnd() % n;
				break;
			case 3: /* set a length field to something random */
				if (n > 98) {
					size_t at = (rnd() & 1) ? 2 : 97;

					out[at] = (uint8_t)rnd();
					out[at + 1] = (uint8_t)rnd();
				}
				break;
			}
		}
		changed = n != len || memcmp(in, out, len) != 0;
	}
	(void)cap;
	return n;
}

START_TEST(test_fuzz_recorded)
{
	const struct {
		const struct recording *r;
		const char *m1, *m3, *g1;
	} caps[] = {
		{ &rec_wpa2, wpa2_m1_hex, wpa2_m3_hex, wpa2_g1_hex },
		{ &rec_pmf, pmf_m1_hex, pmf_m3_hex, pmf_g1_hex },
	};

	rng = 0x1ee7;
	for (size_t c = 0; c < 2; c++) {
		uint8_t bufs[256], m1[512], m3[512], g1[512], mut[512];
		size_t m1n = test_unhex(caps[c].m1, m1), m3n = test_unhex(caps[c].m3, m3);
		size_t g1n = test_unhex(caps[c].g1, g1);
		struct env e;
		struct rsn_hs *hs = recording_hs(caps[c].r, &e, bufs);

		ck_assert_int_eq(rsn_hs_rx(hs, m1, m1n), RSN_RX_OK);
		for (int i = 0; i < 3000; i++) {
			const uint8_t *src = (i % 3 == 0) ? m1 : (i % 3 == 1) ? m3 : g1;
			size_t srcn = (i % 3 == 0) ? m1n : (i % 3 == 1) ? m3n : g1n;
			size_t n = mutate(src, srcn, mut, sizeof(mut));

			rsn_hs_rx(hs, mut, n);
			ck_assert_int_eq(e.n_inst, 0);
			ck_assert_int_eq(e.failed, 0);
		}
		/*
		 * The engine is unharmed: the genuine frames still complete the handshake. A forged
		 * msg 1 (it has no MIC) may have replaced the pending ANonce/SNonce, as in any
		 * supplicant, so a msg 1 with another ANonce, then the genuine msg 1 with the
		 * recorded SNonce come first.
		 */
		{
			uint8_t sn[32];

			memcpy(mut, m1, m1n);
			mut[EAPOL_KEY_OFF_NONCE] ^= 0xff;
			ck_assert_int_eq(rsn_hs_rx(hs, mut, m1n), RSN_RX_OK);
			test_unhex(caps[c].r->snonce, sn);
			rsn_hs_test_set_snonce(hs, sn);
		}
		ck_assert_int_eq(rsn_hs_rx(hs, m1, m1n), RSN_RX_OK);
		ck_assert_int_eq(rsn_hs_rx(hs, m3, m3n), RSN_RX_OK);
		ck_assert_int_eq(e.established, 1);
		for (int i = 0; i < 3000; i++) {
			size_t n = mutate(g1, g1n, mut, sizeof(mut));
			int before = e.n_inst;

			rsn_hs_rx(hs, mut, n);
			ck_assert_int_eq(e.n_inst, before);
			ck_assert_int_eq(e.failed, 0);
		}
		ck_assert_int_eq(rsn_hs_rx(hs, g1, g1n), RSN_RX_OK);
		rsn_hs_free(hs);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-handshake-replay");
	TCase *recorded = tcase_create("recorded");
	TCase *fuzz = tcase_create("fuzz");

	tcase_add_test(recorded, test_replay_wpa2_psk_ccmp);
	tcase_add_test(recorded, test_replay_psk_sha256_pmf);
	tcase_add_test(recorded, test_replay_recorded_frames_dropped);
	suite_add_tcase(s, recorded);
	tcase_set_timeout(fuzz, 120);
	tcase_add_test(fuzz, test_fuzz_recorded);
	suite_add_tcase(s, fuzz);
	return s;
}

int main(void)
{
	return test_run_suite(suite());
}
