/*
 * src/rsn/handshake.c: byte-exact replay of the recorded hostapd handshakes, full handshakes
 * against an in-test authenticator (GTK and PTK rekeys), KRACK and malformed-frame cases, and
 * a deterministic fuzz loop.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "rsn/handshake.h"
#include "common/ie.h"
#include "tests/unit/rsn/test-auth.h"
#include "tests/unit/rsn/test-frames.h"
#include "tests/unit/rsn/test-util.h"

/* ---- the host side: records everything the engine does ---- */

struct inst {
	char kind; /* 'P', 'G', 'I' */
	uint32_t cipher;
	uint16_t idx;
	uint8_t key[32];
	size_t len;
	uint8_t seq[6];
};

struct env {
	uint8_t tx[4][RSN_HS_MAX_FRAME];
	size_t tx_len[4];
	int n_tx;
	struct inst inst[16];
	int n_inst;
	char log[128]; /* T=tx P/G/I=install E=established F=failed A=arm C=cancel */
	int established;
	int failed;
	enum rsn_fail reason;
	uint32_t timer_ms;
	bool timer_armed;
	bool fail_tx, fail_ptk;
};

static void logc(struct env *e, char c)
{
	size_t n = strlen(e->log);

	if (n + 1 < sizeof(e->log)) {
		e->log[n] = c;
		e->log[n + 1] = 0;
	}
}

static int op_tx(void *ctx, const uint8_t *f, size_t len)
{
	struct env *e = ctx;

	if (e->fail_tx)
		return -1;
	ck_assert_uint_le(len, RSN_HS_MAX_FRAME);
	memcpy(e->tx[e->n_tx % 4], f, len);
	e->tx_len[e->n_tx % 4] = len;
	e->n_tx++;
	logc(e, 'T');
	return 0;
}

static void add_inst(struct env *e, char kind, uint32_t cipher, uint16_t idx, const uint8_t *key,
		     size_t len, const uint8_t *seq)
{
	struct inst *i = &e->inst[e->n_inst++ % 16];

	ck_assert_uint_le(len, 32);
	i->kind = kind;
	i->cipher = cipher;
	i->idx = idx;
	memcpy(i->key, key, len);
	i->len = len;
	if (seq)
		memcpy(i->seq, seq, 6);
	logc(e, kind);
}

static int op_ptk(void *ctx, uint32_t cipher, const uint8_t *tk, size_t len)
{
	struct env *e = ctx;

	if (e->fail_ptk)
		return -1;
	add_inst(e, 'P', cipher, 0, tk, len, NULL);
	return 0;
}

static int op_gtk(void *ctx, uint32_t cipher, uint8_t idx, const uint8_t *key, size_t len,
		  const uint8_t rsc[6])
{
	add_inst(ctx, 'G', cipher, idx, key, len, rsc);
	return 0;
}

static int op_igtk(void *ctx, uint32_t cipher, uint16_t idx, const uint8_t *key, size_t len,
		   const uint8_t ipn[6])
{
	add_inst(ctx, 'I', cipher, idx, key, len, ipn);
	return 0;
}

static void op_established(void *ctx)
{
	struct env *e = ctx;

	e->established++;
	logc(e, 'E');
}

static void op_failed(void *ctx, enum rsn_fail reason)
{
	struct env *e = ctx;

	e->failed++;
	e->reason = reason;
	logc(e, 'F');
}

static void op_arm(void *ctx, uint32_t ms)
{
	struct env *e = ctx;

	e->timer_ms = ms;
	e->timer_armed = true;
	logc(e, 'A');
}

static void op_cancel(void *ctx)
{
	struct env *e = ctx;

	e->timer_armed = false;
	logc(e, 'C');
}

static const struct rsn_hs_ops ops = {
	.tx = op_tx,
	.install_ptk = op_ptk,
	.install_gtk = op_gtk,
	.install_igtk = op_igtk,
	.established = op_established,
	.failed = op_failed,
	.timer_arm = op_arm,
	.timer_cancel = op_cancel,
};

static const uint8_t *last_tx(const struct env *e, size_t *len)
{
	ck_assert_int_gt(e->n_tx, 0);
	*len = e->tx_len[(e->n_tx - 1) % 4];
	return e->tx[(e->n_tx - 1) % 4];
}

static enum rsn_rx feed_hex(struct rsn_hs *hs, const char *hex)
{
	uint8_t f[512];
	size_t n = test_unhex(hex, f);

	return rsn_hs_rx(hs, f, n);
}

/* Our frame equals the recorded wpa_supplicant frame; the version byte checked on its own. */
static void assert_tx_is(const struct env *e, const char *hex)
{
	uint8_t want[512];
	size_t n = test_unhex(hex, want), len;
	const uint8_t *got = last_tx(e, &len);

	ck_assert_uint_eq(len, n);
	ck_assert_uint_eq(got[0], 1); /* we send EAPOL version 1 */
	ck_assert_uint_eq(want[0], 1); /* and so did wpa_supplicant 2.10 */
	{
		char g[8192];

		snprintf(g, sizeof(g), "%s", test_hex(got + 1, n - 1));
		ck_assert_str_eq(g, test_hex(want + 1, n - 1));
	}
}

/* ---- byte-exact replay of the recordings ---- */

struct recording {
	uint32_t akm;
	enum rsn_mfp mfp;
	const char *sta_rsne, *ap_rsne, *snonce, *tk;
};

static const char *pmk_hex = "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698";

static struct rsn_hs *recording_hs(const struct recording *r, struct env *e, uint8_t *bufs)
{
	struct rsn_hs_params p = { .akm = r->akm, .pairwise_cipher = RSN_CIPHER_CCMP_128,
				   .group_cipher = RSN_CIPHER_CCMP_128,
				   .group_mgmt_cipher = RSN_CIPHER_BIP_CMAC_128, .mfp = r->mfp };
	uint8_t snonce[32];
	struct rsn_hs *hs;

	p.pmk = bufs;
	p.pmk_len = test_unhex(pmk_hex, bufs);
	p.sta_rsne = bufs + 64;
	p.sta_rsne_len = test_unhex(r->sta_rsne, bufs + 64);
	p.ap_rsne = bufs + 128;
	p.ap_rsne_len = test_unhex(r->ap_rsne, bufs + 128);
	memcpy(p.aa, "\x02\x00\x00\x00\x00\x00", 6);
	memcpy(p.spa, "\x02\x00\x00\x00\x01\x00", 6);
	memset(e, 0, sizeof(*e));
	hs = rsn_hs_new(&p, &ops, e);
	ck_assert_ptr_nonnull(hs);
	test_unhex(r->snonce, snonce);
	rsn_hs_test_set_snonce(hs, snonce);
	return hs;
}

static const struct recording rec_wpa2 = {
	RSN_AKM_PSK, RSN_MFP_NONE, "30140100000fac040100000fac040100000fac020000",
	"30140100000fac040100000fac040100000fac020000",
	"758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a",
	"2a965ab9bbdd3819ca657461949d9c82"
};

static const struct recording rec_pmf = {
	RSN_AKM_PSK_SHA256, RSN_MFP_REQUIRED,
	"301a0100000fac040100000fac040100000fac06c0000000000fac06",
	"30140100000fac040100000fac040100000fac06c000",
	"29952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee",
	"bb81e9e1d6b04e55687732dc8be3bd14"
};

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

/* ---- against the in-test authenticator ---- */

struct pair {
	struct test_auth a;
	struct env e;
	struct rsn_hs *hs;
	struct rsn_hs_params p;
	uint8_t f[1024];
	size_t n;
};

static void pair_init_ext(struct pair *s, uint32_t akm, enum rsn_mfp mfp, bool ap_mfpc)
{
	uint8_t pmk[48];

	memset(s, 0, sizeof(*s));
	for (int i = 0; i < 48; i++)
		pmk[i] = (uint8_t)(0xa0 + i);
	test_auth_init(&s->a, akm, ap_mfpc, pmk, 7);
	s->p.akm = akm;
	s->p.pairwise_cipher = RSN_CIPHER_CCMP_128;
	s->p.group_cipher = RSN_CIPHER_CCMP_128;
	s->p.group_mgmt_cipher = RSN_CIPHER_BIP_CMAC_128;
	s->p.mfp = mfp;
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

static void pair_init(struct pair *s, uint32_t akm, bool mfp)
{
	pair_init_ext(s, akm, mfp ? RSN_MFP_REQUIRED : RSN_MFP_NONE, mfp);
}

static const uint8_t *pair_last(struct pair *s, size_t *len)
{
	return last_tx(&s->e, len);
}

/* msg 1 -> msg 2 checked by the authenticator */
static void pair_msg12(struct pair *s)
{
	const uint8_t *f;
	size_t len;
	int ntx = s->e.n_tx;

	s->n = test_auth_msg1(&s->a, s->f, sizeof(s->f));
	ck_assert_int_eq(rsn_hs_rx(s->hs, s->f, s->n), RSN_RX_OK);
	ck_assert_int_eq(s->e.n_tx, ntx + 1);
	f = pair_last(s, &len);
	ck_assert_int_eq(test_auth_rx(&s->a, f, len, true), 0);
}

static void pair_msg34(struct pair *s)
{
	const uint8_t *f;
	size_t len;
	int ntx = s->e.n_tx;

	s->n = test_auth_msg3(&s->a, s->f, sizeof(s->f));
	ck_assert_int_eq(rsn_hs_rx(s->hs, s->f, s->n), RSN_RX_OK);
	ck_assert_int_eq(s->e.n_tx, ntx + 1);
	f = pair_last(s, &len);
	ck_assert_int_eq(test_auth_rx(&s->a, f, len, false), 0);
}

static void pair_group(struct pair *s)
{
	const uint8_t *f;
	size_t len;
	int ntx = s->e.n_tx;

	s->n = test_auth_group1(&s->a, s->f, sizeof(s->f));
	ck_assert_int_eq(rsn_hs_rx(s->hs, s->f, s->n), RSN_RX_OK);
	ck_assert_int_eq(s->e.n_tx, ntx + 1);
	f = pair_last(s, &len);
	ck_assert_int_eq(test_auth_rx(&s->a, f, len, false), 0);
}

static void pair_free(struct pair *s)
{
	rsn_hs_free(s->hs);
	s->hs = NULL;
}

static const struct inst *find_inst(const struct env *e, int nth)
{
	ck_assert_int_lt(nth, e->n_inst);
	return &e->inst[nth];
}

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
	pair_msg12(&s); /* PTK rekey that stalls */
	ck_assert(s.e.timer_armed);
	rsn_hs_timeout(s.hs);
	ck_assert_int_eq(s.e.reason, RSN_FAIL_TIMEOUT_REKEY);
	ck_assert(!rsn_hs_is_established(s.hs));
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
	/* the numbers are part of the interface */
	ck_assert_int_eq(RSN_FAIL_RSNE_MISMATCH, 5);
	ck_assert_int_eq(RSN_FAIL_NO_IGTK, 10);
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
	Suite *s = suite_create("rsn-handshake");
	TCase *rec = tcase_create("recorded"), *full = tcase_create("authenticator"),
	      *bad = tcase_create("krack-malformed"), *fz = tcase_create("fuzz");

	tcase_set_timeout(fz, 120);
	tcase_set_timeout(full, 60);
	tcase_add_test(rec, test_replay_wpa2_psk_ccmp);
	tcase_add_test(rec, test_replay_psk_sha256_pmf);
	tcase_add_test(rec, test_replay_recorded_frames_dropped);
	tcase_add_test(full, test_full_handshake_and_rekeys);
	tcase_add_test(full, test_msg1_retransmit);
	tcase_add_test(full, test_mfp_optional);
	tcase_add_test(full, test_second_rsne_ok);
	tcase_add_test(full, test_params_check);
	tcase_add_test(full, test_fail_and_drop_strings);
	tcase_add_test(bad, test_bad_mic);
	tcase_add_test(bad, test_replayed_counter);
	tcase_add_test(bad, test_anonce_change_in_msg3);
	tcase_add_test(bad, test_msg3_key_data_failures);
	tcase_add_test(bad, test_msg3_unwrap_failure);
	tcase_add_test(bad, test_msg3_retransmit);
	tcase_add_test(bad, test_same_gtk_again);
	tcase_add_test(bad, test_truncated_frames);
	tcase_add_test(bad, test_key_data_length);
	tcase_add_test(bad, test_key_info_drops);
	tcase_add_test(bad, test_timeouts);
	tcase_add_test(bad, test_host_failures);
	tcase_add_test(fz, test_fuzz_recorded);
	suite_add_tcase(s, rec);
	suite_add_tcase(s, full);
	suite_add_tcase(s, bad);
	suite_add_tcase(s, fz);
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
