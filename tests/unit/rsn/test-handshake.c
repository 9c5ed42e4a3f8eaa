// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/rsn/handshake.c against the in-test authenticator: full handshakes with GTK and PTK
 * rekeys, message 1 retransmitted, MFP optional, parameter checks, the reason strings.
 * (Recorded replays: test-handshake-replay.c; KRACK and malformed frames:
 * test-handshake-krack.c.)
 */

#include <dlfcn.h>

#include "tests/unit/rsn/test-hs-env.h"

/*
 * OpenSSL's DRBGs, counted: these definitions come before libcrypto's for every call made
 * from this executable, which has the engine linked in.
 */
static int rand_calls;

typedef int (*rand_fn)(unsigned char *buf, int num);

int RAND_bytes(unsigned char *buf, int num)
{
	rand_fn real = (rand_fn)dlsym(RTLD_NEXT, "RAND_bytes");

	rand_calls++;
	return real ? real(buf, num) : 0;
}

int RAND_priv_bytes(unsigned char *buf, int num)
{
	rand_fn real = (rand_fn)dlsym(RTLD_NEXT, "RAND_priv_bytes");

	rand_calls++;
	return real ? real(buf, num) : 0;
}

/*
 * A WPA2-Personal handshake (AKM 00-0F-AC:2, CCMP) sets up nothing of OpenSSL's: no provider
 * fetch (rsn_crypto_fetched) and no DRBG (the SNonce comes from the kernel). A first connection
 * therefore never waits for the warm-up thread (rsn/crypto-direct.h). Check forks each test,
 * so this process has done neither before.
 */
START_TEST(test_psk_handshake_needs_no_openssl_setup)
{
	struct pair s;
	uint8_t first[32];

	ck_assert(!rsn_crypto_fetched());
	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	memcpy(first, s.a.snonce, 32); /* as the authenticator read it in message 2 */
	pair_msg34(&s);
	ck_assert_int_eq(s.e.established, 1);
	ck_assert_int_eq(rand_calls, 0);
	ck_assert(!rsn_crypto_fetched());
	/* a PTK rekey draws a new SNonce (IEEE 802.11-2020 12.7.6.2), from the kernel too */
	pair_msg12(&s);
	ck_assert(memcmp(first, s.a.snonce, 32) != 0);
	ck_assert_int_eq(rand_calls, 0);
	pair_free(&s);
}
END_TEST

/* Full 4-way, GTK rekey and PTK rekey for each supported PSK-style AKM. */
START_TEST(test_full_handshake_and_rekeys)
{
	static const struct {
		uint32_t akm;
		bool mfp;
	} v[] = {
		{ RSN_AKM_PSK, false },       { RSN_AKM_PSK, true },
		{ RSN_AKM_PSK_SHA256, true }, { RSN_AKM_SAE, true },
		{ RSN_AKM_PSK_SHA384, false }, { RSN_AKM_8021X_SUITE_B_192, true },
	};
	struct pair s;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const struct inst *in;
		int base;

		pair_init(&s, v[i].akm, v[i].mfp);
		ck_assert(s.e.timer_armed);
		ck_assert_uint_eq(s.e.timer_ms, RSN_HS_DEFAULT_TIMEOUT_MS);
		pair_msg12(&s);
		pair_msg34(&s);
		ck_assert_int_eq(s.e.established, 1);
		ck_assert(!s.e.timer_armed);
		ck_assert_int_eq(s.e.n_inst, v[i].mfp ? 3 : 2);
		in = find_inst(&s.e, 0);
		ck_assert_uint_eq(in->kind, 'P');
		ck_assert_mem_eq(in->key, s.a.ptk.tk, 16);
		in = find_inst(&s.e, 1);
		ck_assert_uint_eq(in->kind, 'G');
		ck_assert_uint_eq(in->idx, s.a.gtk_idx);
		ck_assert_mem_eq(in->key, s.a.gtk, 16);
		if (v[i].mfp) {
			in = find_inst(&s.e, 2);
			ck_assert_uint_eq(in->kind, 'I');
			ck_assert_uint_eq(in->idx, s.a.igtk_idx);
			ck_assert_mem_eq(in->key, s.a.igtk, 16);
		}
		/* GTK rekey */
		test_auth_new_group_keys(&s.a);
		base = s.e.n_inst;
		pair_group(&s);
		ck_assert_int_eq(s.e.n_inst, base + (v[i].mfp ? 2 : 1));
		in = find_inst(&s.e, base);
		ck_assert_uint_eq(in->idx, s.a.gtk_idx);
		ck_assert_mem_eq(in->key, s.a.gtk, 16);
		/* PTK rekey: a new 4-way on the established association */
		{
			uint8_t old_tk[16];

			memcpy(old_tk, s.a.ptk.tk, 16);
			base = s.e.n_inst;
			pair_msg12(&s);
			ck_assert(s.e.timer_armed);
			ck_assert(memcmp(old_tk, s.a.ptk.tk, 16) != 0);
			pair_msg34(&s);
			ck_assert(!s.e.timer_armed);
			/* only the new TK: the group keys did not change */
			ck_assert_int_eq(s.e.n_inst, base + 1);
			in = find_inst(&s.e, base);
			ck_assert_uint_eq(in->kind, 'P');
			ck_assert_mem_eq(in->key, s.a.ptk.tk, 16);
			ck_assert_uint_eq(rsn_hs_stats(s.hs)->gtk_reinstall_skipped, 1);
			ck_assert_int_eq(s.e.established, 1);
		}
		/* and a GTK rekey under the new PTK */
		test_auth_new_group_keys(&s.a);
		pair_group(&s);
		ck_assert_int_eq(s.e.failed, 0);
		pair_free(&s);
	}
}
END_TEST

/* Retransmitted message 1: same ANonce -> same SNonce; new ANonce -> new SNonce. */
START_TEST(test_msg1_retransmit)
{
	struct pair s;
	struct eapol_key k;
	uint8_t sn1[32], m2[RSN_HS_MAX_FRAME];
	const uint8_t *f;
	size_t len;

	pair_init(&s, RSN_AKM_PSK, false);
	pair_msg12(&s);
	memcpy(sn1, s.a.snonce, 32);
	/* the AP resends msg 1 with a higher counter and the same ANonce */
	s.a.replay++;
	s.n = test_auth_build(&s.a, test_auth_info(&s.a, EAPOL_KEY_INFO_PAIRWISE), 16, s.a.anonce,
			      NULL, NULL, 0, s.f, sizeof(s.f));
	ck_assert_int_eq(rsn_hs_rx(s.hs, s.f, s.n), RSN_RX_OK);
	f = pair_last(&s, &len);
	memcpy(m2, f, len);
	ck_assert_int_eq(eapol_key_parse(m2, len, 16, &k), EAPOL_KEY_OK);
	ck_assert_mem_eq(k.nonce, sn1, 32);
	ck_assert_int_eq(test_auth_rx(&s.a, m2, len, true), 0);
	/* a new ANonce makes a new SNonce */
	pair_msg12(&s);
	ck_assert(memcmp(s.a.snonce, sn1, 32) != 0);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.established, 1);
	pair_free(&s);
}
END_TEST

/* MFP optional: IGTK only when both sides are MFP capable. */
START_TEST(test_mfp_optional)
{
	struct pair s;

	/* AP not MFP capable: no IGTK needed or installed */
	pair_init_ext(&s, RSN_AKM_PSK, RSN_MFP_OPTIONAL, false);
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.n_inst, 2);
	pair_free(&s);
	/* both capable (authenticator sends IGTK): installed */
	pair_init_ext(&s, RSN_AKM_PSK, RSN_MFP_OPTIONAL, true);
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.n_inst, 3);
	ck_assert_uint_eq(find_inst(&s.e, 2)->kind, 'I');
	pair_free(&s);
	/* MFP off on our side: an IGTK KDE is ignored */
	pair_init_ext(&s, RSN_AKM_PSK, RSN_MFP_NONE, true);
	pair_msg12(&s);
	pair_msg34(&s);
	ck_assert_int_eq(s.e.n_inst, 2);
	pair_free(&s);
}
END_TEST

START_TEST(test_params_check)
{
	struct pair s;
	struct rsn_hs_params p;
	uint8_t rsne[64];

	pair_init(&s, RSN_AKM_PSK, false);
	ck_assert_ptr_null(rsn_hs_params_check(&s.p));
	p = s.p;
	p.akm = RSN_SUITE(4);
	ck_assert_ptr_nonnull(rsn_hs_params_check(&p));
	ck_assert_ptr_null(rsn_hs_new(&p, &ops, &s.e));
	p = s.p;
	p.pairwise_cipher = RSN_CIPHER_TKIP;
	ck_assert_ptr_nonnull(rsn_hs_params_check(&p));
	p = s.p;
	p.pmk_len = 16;
	ck_assert_ptr_nonnull(rsn_hs_params_check(&p));
	p = s.p;
	p.mfp = RSN_MFP_REQUIRED; /* the AP RSNE lacks MFPC */
	ck_assert_ptr_nonnull(rsn_hs_params_check(&p));
	p = s.p;
	memcpy(rsne, s.a.sta_rsne, s.a.sta_rsne_len);
	rsne[1] = 40; /* length beyond the buffer */
	p.sta_rsne = rsne;
	ck_assert_ptr_nonnull(rsn_hs_params_check(&p));
	p = s.p;
	p.akm = RSN_AKM_PSK_SHA256; /* the RSNEs say PSK */
	ck_assert_ptr_nonnull(rsn_hs_params_check(&p));
	ck_assert_ptr_nonnull(rsn_hs_params_check(NULL));
	pair_free(&s);
}
END_TEST

START_TEST(test_fail_and_drop_strings)
{
	for (int i = 1; i <= RSN_FAIL_MAX; i++) {
		ck_assert_ptr_nonnull(rsn_fail_str((enum rsn_fail)i));
		ck_assert_str_ne(rsn_fail_str((enum rsn_fail)i), "unknown failure");
		for (int j = 1; j < i; j++)
			ck_assert_str_ne(rsn_fail_str((enum rsn_fail)i),
					 rsn_fail_str((enum rsn_fail)j));
	}
	for (int i = 0; i < RSN_DROP_COUNT; i++)
		ck_assert_str_ne(rsn_drop_str((enum rsn_drop)i), "unknown");
	/* out of range: the fallback, never NULL */
	ck_assert_str_eq(rsn_fail_str((enum rsn_fail)(RSN_FAIL_MAX + 1)), "unknown failure");
}
END_TEST

/*
 * The numbers are part of the interface: they are published as IHV reason
 * codes (RSN_REASON_HS_*, rsn/reason.h). Pinned where a change breaks the
 * build, not in a run-time check that could never fail.
 */
_Static_assert(RSN_FAIL_RSNE_MISMATCH == 5 && RSN_FAIL_NO_IGTK == 10,
	       "handshake failure numbers are published reason codes");

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-handshake");
	TCase *authenticator = tcase_create("authenticator");

	tcase_set_timeout(authenticator, 60);
	tcase_add_test(authenticator, test_full_handshake_and_rekeys);
	tcase_add_test(authenticator, test_psk_handshake_needs_no_openssl_setup);
	tcase_add_test(authenticator, test_msg1_retransmit);
	tcase_add_test(authenticator, test_mfp_optional);
	tcase_add_test(authenticator, test_params_check);
	tcase_add_test(authenticator, test_fail_and_drop_strings);
	suite_add_tcase(s, authenticator);
	return s;
}

int main(void)
{
	return test_run_suite(suite());
}
