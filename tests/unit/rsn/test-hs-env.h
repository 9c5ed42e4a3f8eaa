/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The handshake tests' shared host side (test-handshake*.c): an env that records every
 * frame sent and key installed, the engine's ops over it, the recorded handshakes' setup,
 * and a supplicant paired with the in-test authenticator (test-auth.h).
 */
#ifndef TEST_HS_ENV_H
#define TEST_HS_ENV_H

#include <check.h>
#include <stdio.h>
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

static inline void logc(struct env *e, char c)
{
	size_t n = strlen(e->log);

	if (n + 1 < sizeof(e->log)) {
		e->log[n] = c;
		e->log[n + 1] = 0;
	}
}

static inline int op_tx(void *ctx, const uint8_t *f, size_t len)
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

static inline void add_inst(struct env *e, char kind, uint32_t cipher, uint16_t idx, const uint8_t *key,
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

static inline int op_ptk(void *ctx, uint32_t cipher, const uint8_t *tk, size_t len)
{
	struct env *e = ctx;

	if (e->fail_ptk)
		return -1;
	add_inst(e, 'P', cipher, 0, tk, len, NULL);
	return 0;
}

static inline int op_gtk(void *ctx, uint32_t cipher, uint8_t idx, const uint8_t *key, size_t len,
		  const uint8_t rsc[6])
{
	add_inst(ctx, 'G', cipher, idx, key, len, rsc);
	return 0;
}

static inline int op_igtk(void *ctx, uint32_t cipher, uint16_t idx, const uint8_t *key, size_t len,
		   const uint8_t ipn[6])
{
	add_inst(ctx, 'I', cipher, idx, key, len, ipn);
	return 0;
}

static inline void op_established(void *ctx)
{
	struct env *e = ctx;

	e->established++;
	logc(e, 'E');
}

static inline void op_failed(void *ctx, enum rsn_fail reason)
{
	struct env *e = ctx;

	e->failed++;
	e->reason = reason;
	logc(e, 'F');
}

static inline void op_arm(void *ctx, uint32_t ms)
{
	struct env *e = ctx;

	e->timer_ms = ms;
	e->timer_armed = true;
	logc(e, 'A');
}

static inline void op_cancel(void *ctx)
{
	struct env *e = ctx;

	e->timer_armed = false;
	logc(e, 'C');
}

static const struct rsn_hs_ops ops __attribute__((unused)) = {
	.tx = op_tx,
	.install_ptk = op_ptk,
	.install_gtk = op_gtk,
	.install_igtk = op_igtk,
	.established = op_established,
	.failed = op_failed,
	.timer_arm = op_arm,
	.timer_cancel = op_cancel,
};

static inline const uint8_t *last_tx(const struct env *e, size_t *len)
{
	ck_assert_int_gt(e->n_tx, 0);
	*len = e->tx_len[(e->n_tx - 1) % 4];
	return e->tx[(e->n_tx - 1) % 4];
}

static inline enum rsn_rx feed_hex(struct rsn_hs *hs, const char *hex)
{
	uint8_t f[512];
	size_t n = test_unhex(hex, f);

	return rsn_hs_rx(hs, f, n);
}

/* Our frame equals the recorded wpa_supplicant frame; the version byte checked on its own. */
static inline void assert_tx_is(const struct env *e, const char *hex)
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

static const char *const pmk_hex __attribute__((unused)) = "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698";

static inline struct rsn_hs *recording_hs(const struct recording *r, struct env *e, uint8_t *bufs)
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

static const struct recording rec_wpa2 __attribute__((unused)) = {
	RSN_AKM_PSK, RSN_MFP_NONE, "30140100000fac040100000fac040100000fac020000",
	"30140100000fac040100000fac040100000fac020000",
	"758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a",
	"2a965ab9bbdd3819ca657461949d9c82"
};

static const struct recording rec_pmf __attribute__((unused)) = {
	RSN_AKM_PSK_SHA256, RSN_MFP_REQUIRED,
	"301a0100000fac040100000fac040100000fac06c0000000000fac06",
	"30140100000fac040100000fac040100000fac06c000",
	"29952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee",
	"bb81e9e1d6b04e55687732dc8be3bd14"
};

/* ---- against the in-test authenticator ---- */

struct pair {
	struct test_auth a;
	struct env e;
	struct rsn_hs *hs;
	struct rsn_hs_params p;
	uint8_t f[1024];
	size_t n;
};

static inline void pair_init_ext(struct pair *s, uint32_t akm, enum rsn_mfp mfp, bool ap_mfpc)
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

static inline void pair_init(struct pair *s, uint32_t akm, bool mfp)
{
	pair_init_ext(s, akm, mfp ? RSN_MFP_REQUIRED : RSN_MFP_NONE, mfp);
}

static inline const uint8_t *pair_last(struct pair *s, size_t *len)
{
	return last_tx(&s->e, len);
}

/* msg 1 -> msg 2 checked by the authenticator */
static inline void pair_msg12(struct pair *s)
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

static inline void pair_msg34(struct pair *s)
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

static inline void pair_group(struct pair *s)
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

static inline void pair_free(struct pair *s)
{
	rsn_hs_free(s->hs);
	s->hs = NULL;
}

static inline const struct inst *find_inst(const struct env *e, int nth)
{
	ck_assert_int_lt(nth, e->n_inst);
	return &e->inst[nth];
}

#endif
