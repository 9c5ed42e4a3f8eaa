// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/rsn/handshake.c under attack and on bad input: MIC, replay counter and ANonce checks,
 * message 3's Key Data (RSNE/RSNXE downgrade, GTK, IGTK), retransmitted message 3 and the
 * same GTK again (no key reinstalled), truncated and malformed frames, timeouts, host
 * failures.
 */

#include "tests/unit/rsn/test-hs-env.h"

/* KRACK: a bad MIC does not advance the replay counter; the genuine frame still works. */
START_TEST(test_bad_mic)
{
	struct pair s;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	s.f[EAPOL_KEY_OFF_MIC + 3] ^= 0x40;
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_MIC], 1);
	ck_assert_int_eq(s.e.n_inst, 0);
	ck_assert_int_eq(s.e.n_tx, 1);
	s.f[EAPOL_KEY_OFF_MIC + 3] ^= 0x40;
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_OK);
	ck_assert_int_eq(s.e.established, 1);
	/* a forged group msg 1 (bad MIC) with a huge counter does not block the real one */
	test_auth_new_group_keys(&s.a);
	s.a.replay += 1000;
	s.n = test_auth_group1(&s.a, s.f, sizeof(s.f));
	s.f[s.n - 1] ^= 1;
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_MIC], 2);
	s.a.replay -= 1000;
	pair_group(&s);
	pair_free(&s);
}
END_TEST

START_TEST(test_replayed_counter)
{
	struct pair s;
	uint8_t g1[1024];
	size_t g1_len;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	pair_msg34(&s);
	/* msg 3 again with the same counter */
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_REPLAY], 1);
	test_auth_new_group_keys(&s.a);
	pair_group(&s);
	memcpy(g1, s.f, s.n);
	g1_len = s.n;
	/* the same group msg 1 again, and one with a lower counter */
	ck_assert_int_eq(rsn_hs_rx(s.hs, g1, g1_len), RSN_RX_DROPPED);
	s.a.replay -= 2;
	s.n = test_auth_group1(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_REPLAY], 3);
	ck_assert_int_eq(s.e.n_inst, 3);
	pair_free(&s);
}
END_TEST

START_TEST(test_anonce_change_in_msg3)
{
	struct pair s;
	uint8_t anonce[32];

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	memcpy(anonce, s.a.anonce, 32);
	s.a.anonce[0] ^= 1;
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_ANONCE], 1);
	ck_assert_int_eq(s.e.n_inst, 0);
	memcpy(s.a.anonce, anonce, 32);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.established, 1);
	pair_free(&s);
}
END_TEST

/* Message 3 key data variants with a valid MIC: each fails with its own reason. */
static void msg3_with_kd(struct pair *s, const uint8_t *kd, size_t kd_len)
{
	s->a.replay++;
	s->n = test_auth_build(&s->a,
			       test_auth_info(&s->a, EAPOL_KEY_INFO_PAIRWISE |
							     EAPOL_KEY_INFO_INSTALL |
							     EAPOL_KEY_INFO_MIC |
							     EAPOL_KEY_INFO_SECURE |
							     EAPOL_KEY_INFO_ENCR_DATA),
			       16, s->a.anonce, NULL, kd, kd_len, s->f, sizeof(s->f));
	ck_assert_uint_gt(s->n, 0);
}

static void expect_msg3_fail(uint32_t akm, bool mfp, void (*edit)(struct pair *, uint8_t *, size_t *),
			     enum rsn_fail want)
{
	struct pair s;
	uint8_t kd[512];
	size_t n;

	pair_init(&s, akm, mfp);
	pair_msg12(&s);
	n = test_auth_kd_msg3(&s.a, kd, true);
	edit(&s, kd, &n);
	msg3_with_kd(&s, kd, n);
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_FAILED);
	ck_assert_int_eq(s.e.failed, 1);
	ck_assert_msg(s.e.reason == want, "got %d (%s), want %d", s.e.reason,
		      rsn_fail_str(s.e.reason), want);
	ck_assert_int_eq(s.e.n_inst, 0);
	ck_assert_int_eq(s.e.n_tx, 1); /* no msg 4 */
	ck_assert(!s.e.timer_armed);
	/* a failed handshake takes nothing more */
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_AFTER_FAILURE], 1);
	ck_assert_int_eq(s.e.n_inst, 0);
	pair_free(&s);
}

static void edit_rsne_caps(struct pair *s, uint8_t *kd, size_t *n)
{
	(void)s;
	(void)n;
	kd[s->a.ap_rsne_len - 2] ^= 0x01; /* preauth bit: a different RSNE */
}

static void edit_rsne_akm(struct pair *s, uint8_t *kd, size_t *n)
{
	(void)n;
	(void)s;
	kd[19] = 1; /* AKM 00-0F-AC:2 -> :1 (a different AKM) */
}

static void edit_no_rsne(struct pair *s, uint8_t *kd, size_t *n)
{
	memmove(kd, kd + s->a.ap_rsne_len, *n - s->a.ap_rsne_len);
	*n -= s->a.ap_rsne_len;
}

static void edit_second_rsne(struct pair *s, uint8_t *kd, size_t *n)
{
	/* a second RSNE naming GCMP-256 as pairwise */
	memmove(kd + 2 * s->a.ap_rsne_len, kd + s->a.ap_rsne_len, *n - s->a.ap_rsne_len);
	memcpy(kd + s->a.ap_rsne_len, s->a.ap_rsne, s->a.ap_rsne_len);
	kd[s->a.ap_rsne_len + 13] = 9;
	*n += s->a.ap_rsne_len;
}

static void edit_rsnxe_added(struct pair *s, uint8_t *kd, size_t *n)
{
	(void)s;
	memcpy(kd + *n, "\xf4\x01\x20", 3);
	*n += 3;
}

static void edit_no_gtk(struct pair *s, uint8_t *kd, size_t *n)
{
	(void)kd;
	*n = s->a.ap_rsne_len; /* RSNE only */
}

static void edit_gtk_len_cipher(struct pair *s, uint8_t *kd, size_t *n)
{
	/* a well-formed 32-octet GTK KDE for a CCMP-128 group cipher */
	size_t o = s->a.ap_rsne_len;

	kd[o + 1] = 6 + 32;
	memset(kd + o + 8, 0x77, 32);
	*n = o + 8 + 32;
}

static void edit_gtk_kde_short(struct pair *s, uint8_t *kd, size_t *n)
{
	size_t o = s->a.ap_rsne_len;

	kd[o + 1] = 6 + 5; /* GTK KDE of 5 octets: malformed */
	*n = o + 2 + 6 + 5;
}

static void edit_kde_overrun(struct pair *s, uint8_t *kd, size_t *n)
{
	size_t o = s->a.ap_rsne_len;

	kd[o + 1] = 200; /* runs past the key data */
	(void)n;
}

static void edit_no_igtk(struct pair *s, uint8_t *kd, size_t *n)
{
	(void)kd;
	*n = s->a.ap_rsne_len + 8 + 16; /* RSNE + GTK KDE */
}

static void edit_igtk_len(struct pair *s, uint8_t *kd, size_t *n)
{
	size_t o = s->a.ap_rsne_len + 8 + 16;

	kd[o + 1] = 12 + 32; /* BIP-CMAC-256-sized IGTK for BIP-CMAC-128 */
	memset(kd + o + 14, 0x33, 32);
	*n = o + 14 + 32;
}

START_TEST(test_msg3_key_data_failures)
{
	expect_msg3_fail(RSN_AKM_PSK, false, edit_rsne_caps, RSN_FAIL_RSNE_MISMATCH);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_rsne_akm, RSN_FAIL_RSNE_MISMATCH);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_no_rsne, RSN_FAIL_NO_RSNE);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_second_rsne, RSN_FAIL_RSNE_MISMATCH);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_rsnxe_added, RSN_FAIL_RSNXE_MISMATCH);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_no_gtk, RSN_FAIL_NO_GTK);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_gtk_len_cipher, RSN_FAIL_GTK_LEN);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_gtk_kde_short, RSN_FAIL_KEY_DATA);
	expect_msg3_fail(RSN_AKM_PSK, false, edit_kde_overrun, RSN_FAIL_KEY_DATA);
	expect_msg3_fail(RSN_AKM_PSK_SHA256, true, edit_no_igtk, RSN_FAIL_NO_IGTK);
	expect_msg3_fail(RSN_AKM_PSK_SHA256, true, edit_igtk_len, RSN_FAIL_IGTK_LEN);
}
END_TEST

/* A second RSNE that names our pairwise cipher is accepted (12.7.6.4). */
START_TEST(test_second_rsne_ok)
{
	struct pair s;
	uint8_t kd[512];
	size_t n;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	n = test_auth_kd_msg3(&s.a, kd, true);
	memmove(kd + 2 * s.a.ap_rsne_len, kd + s.a.ap_rsne_len, n - s.a.ap_rsne_len);
	memcpy(kd + s.a.ap_rsne_len, s.a.ap_rsne, s.a.ap_rsne_len);
	n += s.a.ap_rsne_len;
	msg3_with_kd(&s, kd, n);
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_OK);
	ck_assert_int_eq(s.e.established, 1);
	pair_free(&s);
}
END_TEST

/* Key data that does not unwrap (valid MIC, garbage ciphertext). */
START_TEST(test_msg3_unwrap_failure)
{
	struct pair s;
	uint8_t junk[32], replay[8], out[256];
	struct eapol_key_fields f = { .proto_version = 2, .key_len = 16, .replay = replay,
				      .key_data = junk, .key_data_len = sizeof(junk) };
	size_t n;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	memset(junk, 0x5a, sizeof(junk));
	eapol_key_replay_put(replay, ++s.a.replay);
	f.nonce = s.a.anonce;
	f.key_info = test_auth_info(&s.a, EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_INSTALL |
						  EAPOL_KEY_INFO_MIC | EAPOL_KEY_INFO_SECURE |
						  EAPOL_KEY_INFO_ENCR_DATA);
	n = eapol_key_build(out, sizeof(out), 16, &f);
	ck_assert_int_eq(rsn_crypto_eapol_mic(s.a.akm, s.a.ptk.kck, out, n,
					      out + EAPOL_KEY_OFF_MIC), 0);
	ck_assert_int_eq(rsn_hs_rx(s.hs, out, n), RSN_RX_FAILED);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_KEY_DATA);
	ck_assert_int_eq(s.e.n_inst, 0);
	pair_free(&s);
}
END_TEST

/* KRACK: a retransmitted msg 3 is answered with msg 4, keys are not reinstalled. */
START_TEST(test_msg3_retransmit)
{
	struct pair s;
	int n_inst;

	pair_init(&s, RSN_AKM_PSK_SHA256, true);
	pair_msg12(&s);
	pair_msg34(&s);
	n_inst = s.e.n_inst;
	ck_assert_int_eq(n_inst, 3);
	/* the AP did not get msg 4 and resends msg 3 (new counter, same ANonce) */
	pair_msg34(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.n_inst, n_inst);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->msg3_retransmits, 2);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->msg4_sent, 3);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->ptk_installs, 1);
	ck_assert_int_eq(s.e.established, 1);
	pair_free(&s);
}
END_TEST

/* KRACK: an identical GTK/IGTK is never reinstalled; group msg 2 still answered. */
START_TEST(test_same_gtk_again)
{
	struct pair s;

	pair_init(&s, RSN_AKM_PSK_SHA256, true);
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.n_inst, 3);
	pair_group(&s); /* same GTK and IGTK as in msg 3 */
	ck_assert_int_eq(s.e.n_inst, 3);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->gtk_reinstall_skipped, 1);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->igtk_reinstall_skipped, 1);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->group2_sent, 1);
	/* new GTK, same IGTK: only the GTK */
	test_auth_fill(&s.a, s.a.gtk, 16);
	pair_group(&s);
	ck_assert_int_eq(s.e.n_inst, 4);
	ck_assert_uint_eq(find_inst(&s.e, 3)->kind, 'G');
	pair_free(&s);
}
END_TEST

/* Every truncation of msg 3 and group msg 1 is dropped, counted, and changes nothing. */
START_TEST(test_truncated_frames)
{
	struct pair s;
	uint8_t full[1024];
	size_t full_len;
	uint32_t drops = 0;

	pair_init(&s, RSN_AKM_PSK_SHA256, true);
	pair_msg12(&s);
	full_len = test_auth_msg3(&s.a, full, sizeof(full));
	for (size_t len = 0; len < full_len; len++) {
		ck_assert_int_eq(rsn_hs_rx(s.hs, full, len), RSN_RX_DROPPED);
		drops++;
	}
	/* truncations with a matching 802.1X body length */
	for (size_t len = 4; len < full_len; len++) {
		memcpy(s.f, full, len);
		s.f[2] = (uint8_t)((len - 4) >> 8);
		s.f[3] = (uint8_t)(len - 4);
		ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, len), RSN_RX_DROPPED);
		drops++;
	}
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_MALFORMED], drops);
	ck_assert_int_eq(s.e.n_inst, 0);
	ck_assert_int_eq(s.e.n_tx, 1);
	ck_assert_int_eq(rsn_hs_rx(s.hs, full, full_len), RSN_RX_OK);
	ck_assert_int_eq(s.e.n_inst, 3);
	pair_free(&s);
}
END_TEST

START_TEST(test_key_data_length)
{
	struct pair s;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	/* Key Data Length beyond the frame */
	s.f[97] = 0x7f;
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_MALFORMED], 1);
	/* not a multiple of 8 / shorter than 24: not an AES key wrap output */
	s.f[97] = 0;
	s.f[98] = 20;
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	s.f[98] = 16;
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_KEY_DATA_LEN], 2);
	ck_assert_int_eq(s.e.n_inst, 0);
	pair_free(&s);
}
END_TEST

/* Key Information / state checks that drop before any crypto. */
START_TEST(test_key_info_drops)
{
	struct pair s;
	const struct rsn_hs_stats *st;
	uint16_t m3bits = EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_INSTALL | EAPOL_KEY_INFO_MIC |
			  EAPOL_KEY_INFO_SECURE | EAPOL_KEY_INFO_ENCR_DATA;

	pair_init(&s, RSN_AKM_PSK, false);
	st = rsn_hs_stats(s.hs);
	/* msg 3 and group msg 1 before msg 1 (the authenticator needs some KCK/KEK for them) */
	s.a.ptk.kck_len = 16;
	s.a.ptk.kek_len = 16;
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	s.n = test_auth_group1(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(st->drops[RSN_DROP_UNEXPECTED], 2);
	/* wrong descriptor version (3 for a PSK AKM) */
	s.n = test_auth_build(&s.a, EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | 3, 16,
			      s.a.anonce, NULL, NULL, 0, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(st->drops[RSN_DROP_DESC_VERSION], 1);
	/* no Ack; Request; Error; SMK; a key index on a pairwise message; Install in msg 1 */
	{
		const uint16_t bad[] = {
			EAPOL_KEY_INFO_PAIRWISE | 2,
			EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_REQUEST | 2,
			EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_ERROR | 2,
			EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_SMK | 2,
			EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | 0x10 | 2,
			EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_ACK | EAPOL_KEY_INFO_INSTALL | 2,
			EAPOL_KEY_INFO_ACK | 2, /* group without MIC */
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			s.n = test_auth_build(&s.a, bad[i], 16, s.a.anonce, NULL, NULL, 0, s.f,
					      sizeof(s.f));
			ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
		}
		ck_assert_uint_eq(st->drops[RSN_DROP_KEY_INFO], 7);
	}
	/* msg 1 with a Key Length that is not CCMP's */
	s.n = test_auth_build(&s.a, test_auth_info(&s.a, EAPOL_KEY_INFO_PAIRWISE), 32, s.a.anonce,
			      NULL, NULL, 0, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(st->drops[RSN_DROP_KEY_LENGTH], 1);
	pair_msg12(&s);
	/* msg 3 without Install, msg 3 with a wrong Key Length */
	s.a.replay++;
	s.n = test_auth_build(&s.a, test_auth_info(&s.a, m3bits & ~EAPOL_KEY_INFO_INSTALL), 16,
			      s.a.anonce, NULL, s.a.gtk, 16, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(st->drops[RSN_DROP_KEY_INFO], 8);
	s.n = test_auth_build(&s.a, test_auth_info(&s.a, m3bits), 5, s.a.anonce, NULL, s.a.gtk, 16,
			      s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(st->drops[RSN_DROP_KEY_LENGTH], 2);
	/* not an EAPOL-Key frame */
	ck_assert_int_eq(rsn_hs_rx(s.hs, (const uint8_t *)"\x02\x00\x00\x05\x01\x01\x00\x05\x01",
				   9),
			 RSN_RX_DROPPED);
	ck_assert_uint_eq(st->drops[RSN_DROP_MALFORMED], 1);
	ck_assert_int_eq(s.e.n_inst, 0);
	ck_assert_int_eq(s.e.failed, 0);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.established, 1);
	pair_free(&s);
}
END_TEST

START_TEST(test_timeouts)
{
	struct pair s;

	pair_init(&s, RSN_AKM_PSK, false);
	ck_assert(s.e.timer_armed);
	rsn_hs_timeout(s.hs);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_TIMEOUT_MSG1);
	ck_assert_int_eq(s.e.failed, 1);
	pair_free(&s);

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	rsn_hs_timeout(s.hs);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_TIMEOUT_MSG3);
	/* a late msg 3 cannot revive it */
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_int_eq(s.e.n_inst, 0);
	pair_free(&s);

	pair_init(&s, RSN_AKM_PSK, false);
	s.p.timeout_ms = 1234;
	rsn_hs_free(s.hs);
	s.hs = rsn_hs_new(&s.p, &ops, &s.e);
	ck_assert_uint_eq(s.e.timer_ms, 1234);
	pair_msg12(&s);
	pair_msg34(&s);
	rsn_hs_timeout(s.hs); /* stale: ignored */
	ck_assert_int_eq(s.e.failed, 0);
	pair_msg12(&s); /* PTK rekey that stalls: abandoned, the old keys stay */
	ck_assert(s.e.timer_armed);
	rsn_hs_timeout(s.hs);
	ck_assert_int_eq(s.e.failed, 0);
	ck_assert(rsn_hs_is_established(s.hs));
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->rekeys_abandoned, 1);
	pair_free(&s);
}
END_TEST

/*
 * A forged message 1 on an established link (IEEE 802.11-2020 12.7.6.2: message 1 has no
 * MIC, anyone can send it). It is answered with a fresh SNonce, but its replay counter is
 * not committed and the 4-way it started, never finished, costs nothing: no failure, no
 * key removed or installed, and the genuine AP's next group and pairwise rekeys still work.
 */
START_TEST(test_forged_msg1_established)
{
	struct pair s;
	struct test_auth forger;
	uint8_t fake_anonce[32], snonce_before[32];
	const uint8_t *f;
	size_t len;
	int inst;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.established, 1);
	inst = s.e.n_inst;
	memcpy(snonce_before, s.a.snonce, 32);

	forger = s.a;
	forger.replay += 1000; /* far ahead of the AP's counter */
	memset(fake_anonce, 0x5a, sizeof(fake_anonce));
	s.n = test_auth_build(&forger, test_auth_info(&forger, EAPOL_KEY_INFO_PAIRWISE),
			      (uint16_t)test_auth_keylen(&forger), fake_anonce, NULL, NULL, 0,
			      s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_OK);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->msg2_sent, 2);
	f = pair_last(&s, &len);
	memcpy(forger.anonce, fake_anonce, 32);
	ck_assert_int_eq(test_auth_rx(&forger, f, len, true), 0); /* the forger knows the PMK */
	ck_assert_mem_ne(forger.snonce, snonce_before, 32);       /* a fresh SNonce */
	ck_assert(s.e.timer_armed);
	ck_assert(rsn_hs_is_established(s.hs));

	/* the genuine AP's group rekey, counter far below the forged one: accepted */
	test_auth_new_group_keys(&s.a);
	pair_group(&s);
	ck_assert_int_eq(s.e.n_inst, inst + 1);

	/* the forged 4-way never completes: abandoned, nothing torn down */
	rsn_hs_timeout(s.hs);
	ck_assert_int_eq(s.e.failed, 0);
	ck_assert(rsn_hs_is_established(s.hs));
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->rekeys_abandoned, 1);
	ck_assert_int_eq(s.e.n_inst, inst + 1);

	/* a MIC-valid message 3 for the abandoned attempt is not taken (its ANonce is gone) */
	s.n = test_auth_msg3(&forger, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_DROPPED);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->drops[RSN_DROP_ANONCE], 1);
	ck_assert_int_eq(s.e.n_inst, inst + 1);

	/* the genuine AP's PTK rekey afterwards: a full 4-way, new PTK installed */
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.failed, 0);
	ck_assert_uint_eq(rsn_hs_stats(s.hs)->ptk_installs, 2);
	ck_assert_int_eq(s.e.established, 1);
	pair_free(&s);
}
END_TEST

START_TEST(test_host_failures)
{
	struct pair s;

	pair_init(&s, RSN_AKM_PSK, false);
	s.e.fail_tx = true;
	s.n = test_auth_msg1(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_FAILED);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_TX);
	pair_free(&s);

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	s.e.fail_ptk = true;
	s.n = test_auth_msg3(&s.a, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_FAILED);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_INSTALL_PTK);
	ck_assert_int_eq(s.e.n_tx, 2); /* msg 4 went out before the install */
	ck_assert_int_eq(s.e.established, 0);
	pair_free(&s);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-handshake-krack");
	TCase *krack_malformed = tcase_create("krack-malformed");

	tcase_set_timeout(krack_malformed, 60);
	tcase_add_test(krack_malformed, test_bad_mic);
	tcase_add_test(krack_malformed, test_replayed_counter);
	tcase_add_test(krack_malformed, test_anonce_change_in_msg3);
	tcase_add_test(krack_malformed, test_msg3_key_data_failures);
	tcase_add_test(krack_malformed, test_second_rsne_ok);
	tcase_add_test(krack_malformed, test_msg3_unwrap_failure);
	tcase_add_test(krack_malformed, test_msg3_retransmit);
	tcase_add_test(krack_malformed, test_same_gtk_again);
	tcase_add_test(krack_malformed, test_truncated_frames);
	tcase_add_test(krack_malformed, test_key_data_length);
	tcase_add_test(krack_malformed, test_key_info_drops);
	tcase_add_test(krack_malformed, test_timeouts);
	tcase_add_test(krack_malformed, test_forged_msg1_established);
	tcase_add_test(krack_malformed, test_host_failures);
	suite_add_tcase(s, krack_malformed);
	return s;
}

int main(void)
{
	return test_run_suite(suite());
}
