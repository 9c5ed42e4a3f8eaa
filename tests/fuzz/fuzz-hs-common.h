/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by the two handshake fuzz targets: a supplicant engine (src/rsn/
 * handshake.c) for WPA2-PSK with PMF optional, a fixed PMK and SNonce, and
 * host callbacks that accept everything and keep the last frame sent.
 */
#ifndef IHVD_TESTS_FUZZ_HS_COMMON_H
#define IHVD_TESTS_FUZZ_HS_COMMON_H

#include <stdint.h>
#include <string.h>

#include "rsn/handshake.h"
#include "tests/unit/rsn/test-auth.h"

struct fuzz_hs {
	struct rsn_hs *hs;
	struct test_auth auth;
	uint8_t last_tx[512];
	size_t last_tx_len;
	unsigned failed;
};

static int fuzz_hs_tx(void *ctx, const uint8_t *eapol, size_t len)
{
	struct fuzz_hs *f = ctx;

	if (len <= sizeof(f->last_tx)) {
		memcpy(f->last_tx, eapol, len);
		f->last_tx_len = len;
	}
	return 0;
}

static int fuzz_hs_install_ptk(void *ctx, uint32_t cipher, const uint8_t *tk, size_t len)
{
	(void)ctx, (void)cipher, (void)tk, (void)len;
	return 0;
}

static int fuzz_hs_install_gtk(void *ctx, uint32_t cipher, uint8_t idx, const uint8_t *key,
			       size_t len, const uint8_t rsc[6])
{
	(void)ctx, (void)cipher, (void)idx, (void)key, (void)len, (void)rsc;
	return 0;
}

static int fuzz_hs_install_igtk(void *ctx, uint32_t cipher, uint16_t idx, const uint8_t *key,
				size_t len, const uint8_t ipn[6])
{
	(void)ctx, (void)cipher, (void)idx, (void)key, (void)len, (void)ipn;
	return 0;
}

static void fuzz_hs_established(void *ctx)
{
	(void)ctx;
}

static void fuzz_hs_failed(void *ctx, enum rsn_fail reason)
{
	struct fuzz_hs *f = ctx;

	(void)reason;
	f->failed++;
}

static void fuzz_hs_timer_arm(void *ctx, uint32_t ms)
{
	(void)ctx, (void)ms;
}

static void fuzz_hs_timer_cancel(void *ctx)
{
	(void)ctx;
}

static const struct rsn_hs_ops fuzz_hs_ops = {
	.tx = fuzz_hs_tx,
	.install_ptk = fuzz_hs_install_ptk,
	.install_gtk = fuzz_hs_install_gtk,
	.install_igtk = fuzz_hs_install_igtk,
	.established = fuzz_hs_established,
	.failed = fuzz_hs_failed,
	.timer_arm = fuzz_hs_timer_arm,
	.timer_cancel = fuzz_hs_timer_cancel,
};

/* A fresh engine and a matching in-test authenticator (same seed every run). */
static int fuzz_hs_start(struct fuzz_hs *f)
{
	static const uint8_t pmk[32] = "fuzz-pmk-fuzz-pmk-fuzz-pmk-32b.";
	static const uint8_t snonce[32] = "fuzz-snonce-fuzz-snonce-fuzz-sn";
	struct rsn_hs_params p;

	memset(f, 0, sizeof(*f));
	test_auth_init(&f->auth, RSN_AKM_PSK, false, pmk, 7);
	memset(&p, 0, sizeof(p));
	p.akm = RSN_AKM_PSK;
	p.pairwise_cipher = RSN_CIPHER_CCMP_128;
	p.group_cipher = RSN_CIPHER_CCMP_128;
	p.group_mgmt_cipher = RSN_CIPHER_BIP_CMAC_128;
	p.mfp = RSN_MFP_NONE;
	p.pmk = pmk;
	p.pmk_len = sizeof(pmk);
	memcpy(p.aa, f->auth.aa, 6);
	memcpy(p.spa, f->auth.spa, 6);
	p.sta_rsne = f->auth.sta_rsne;
	p.sta_rsne_len = f->auth.sta_rsne_len;
	p.ap_rsne = f->auth.ap_rsne;
	p.ap_rsne_len = f->auth.ap_rsne_len;
	f->hs = rsn_hs_new(&p, &fuzz_hs_ops, f);
	if (!f->hs)
		return -1;
	rsn_hs_test_set_snonce(f->hs, snonce);
	return 0;
}

#endif
