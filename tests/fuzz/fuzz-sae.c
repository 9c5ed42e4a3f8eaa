// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz entry point for the SAE Commit/Confirm parsers (src/rsn/sae.c).
 *
 * libFuzzer: clang -DIHV_LIBFUZZER -fsanitize=fuzzer,address -I. -Isrc tests/fuzz/fuzz-sae.c
 *            src/rsn/sae*.c -lcrypto
 * Normal build (Makefile FUZZ_SRCS): a program that runs each file named on the command line
 * through the same entry point (no arguments: a few built-in inputs), for crash regressions.
 *
 * Input layout:
 *   [0] flags: bits 0-1 group (0/3: 19, 1: 20, 2: 21); bit 2 H&P instead of H2E;
 *       bit 3 XOR the data into a valid peer Commit/Confirm instead of using it raw;
 *       bit 4 use the frame's status as given (else the status the mode expects);
 *       bit 5 AKM 00-0F-AC:24 (SAE-EXT-KEY: H2E only, AKM Suite Selector element, long PMK)
 *   [1..2] Commit status LE16   [3] length of the Commit part   then the Commit part,
 *   then the Confirm part (first two bytes: its status LE16).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/sae.h"

static const uint8_t fuzz_sta[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t fuzz_ap[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static struct sae_pt *fuzz_pts[3];

static const struct sae_pt *fuzz_pt(unsigned int idx)
{
	static const uint16_t groups[3] = { 19, 20, 21 };

	if (!fuzz_pts[idx])
		fuzz_pts[idx] = sae_pt_new(groups[idx], (const uint8_t *)"fuzz password", 13,
					   (const uint8_t *)"fuzz", 4, NULL, 0);
	return fuzz_pts[idx];
}

static struct sae_session *fuzz_session(unsigned int idx, bool hnp, bool ext_key,
					const uint8_t own[6], const uint8_t peer[6])
{
	static const uint16_t groups[3] = { 19, 20, 21 };
	struct sae_session_config cfg = { .group = groups[idx], .ext_key = ext_key && !hnp };

	if (hnp) {
		cfg.password = (const uint8_t *)"fuzz password";
		cfg.password_len = 13;
	} else {
		cfg.pt = fuzz_pt(idx);
		if (!cfg.pt)
			return NULL;
	}
	memcpy(cfg.own_addr, own, 6);
	memcpy(cfg.peer_addr, peer, 6);
	return sae_session_new(&cfg);
}

/* out = base XOR data, as long as data (base zero-extended). */
static size_t fuzz_mix(uint8_t *out, size_t cap, const uint8_t *base, size_t base_len,
		       const uint8_t *data, size_t len)
{
	size_t n = len > base_len ? len : base_len;

	if (n > cap)
		n = cap;
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)((i < base_len ? base[i] : 0) ^ (i < len ? data[i] : 0));
	return n;
}

/*
 * One prepared exchange per mode (group x H&P / H2E / SAE-EXT-KEY), built on first use: our
 * session after its first Commit (a0), the peer's after its own (b0), and the peer's Confirm
 * for a0's Commit. Each input starts from a clone of a0 (sae_session_test_clone), so it
 * pays for the parse and the key derivation it reaches, not for a password element and a
 * Commit of its own; the peer's side is redone only when the input made us send a new Commit.
 */
struct fuzz_mode {
	bool tried;
	struct sae_session *a0, *b0;
	uint8_t own_commit[SAE_COMMIT_MAX_LEN], peer_commit[SAE_COMMIT_MAX_LEN];
	uint8_t peer_confirm[SAE_CONFIRM_MAX_LEN];
	size_t own_len, peer_len, confirm_len; /* confirm_len 0: b0 refused a0's Commit */
};
static struct fuzz_mode fuzz_modes[3][3]; /* [group][H&P, H2E, SAE-EXT-KEY] */

/* The peer's Confirm for our Commit, from a clone of b0; 0 when it has none. */
static size_t fuzz_peer_confirm(const struct fuzz_mode *m, const uint8_t *commit, size_t len,
				uint8_t *out, size_t cap)
{
	struct sae_session *b = sae_session_test_clone(m->b0);
	size_t n = 0;

	if (b && sae_session_rx_commit(b, sae_session_commit_status(m->a0), commit, len) ==
			 SAE_TX_CONFIRM &&
	    sae_session_confirm_build(b, out, cap, &n) != SAE_OK)
		n = 0;
	sae_session_free(b);
	return n;
}

static const struct fuzz_mode *fuzz_mode_get(unsigned int idx, bool hnp, bool ext_key)
{
	struct fuzz_mode *m = &fuzz_modes[idx][hnp ? 0 : ext_key ? 2 : 1];

	if (m->tried)
		return m->a0 ? m : NULL;
	m->tried = true;
	m->a0 = fuzz_session(idx, hnp, ext_key, fuzz_sta, fuzz_ap);
	m->b0 = fuzz_session(idx, hnp, ext_key, fuzz_ap, fuzz_sta);
	if (!m->a0 || !m->b0 ||
	    sae_session_commit_build(m->a0, m->own_commit, sizeof(m->own_commit), &m->own_len) !=
		    SAE_OK ||
	    sae_session_commit_build(m->b0, m->peer_commit, sizeof(m->peer_commit),
				     &m->peer_len) != SAE_OK) {
		sae_session_free(m->a0);
		sae_session_free(m->b0);
		m->a0 = m->b0 = NULL;
		return NULL;
	}
	m->confirm_len = fuzz_peer_confirm(m, m->own_commit, m->own_len, m->peer_confirm,
					   sizeof(m->peer_confirm));
	return m;
}

static void fuzz_modes_free(void)
{
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 3; j++) {
			sae_session_free(fuzz_modes[i][j].a0);
			sae_session_free(fuzz_modes[i][j].b0);
		}
	memset(fuzz_modes, 0, sizeof(fuzz_modes));
	for (size_t i = 0; i < sizeof(fuzz_pts) / sizeof(fuzz_pts[0]); i++) {
		sae_pt_free(fuzz_pts[i]);
		fuzz_pts[i] = NULL;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool registered;
	uint8_t own_commit[SAE_COMMIT_MAX_LEN], frame[SAE_COMMIT_MAX_LEN + 256];
	uint8_t confirm[SAE_CONFIRM_MAX_LEN];
	size_t own_len, frame_len, commit_part, confirm_len = 0;
	const struct fuzz_mode *m;
	struct sae_session *a;
	unsigned int idx;
	uint16_t status, cstatus = 0;
	bool hnp, mix, raw_status, ext_key;
	enum sae_result r;

	if (!registered) {
		registered = true;
		atexit(fuzz_modes_free); /* LeakSanitizer sees the prepared sessions freed */
	}
	if (size < 4)
		return 0;
	idx = data[0] & 3;
	if (idx == 3)
		idx = 0;
	hnp = data[0] & 4;
	mix = data[0] & 8;
	raw_status = data[0] & 16;
	ext_key = (data[0] & 32) && !hnp;
	status = (uint16_t)(data[1] | data[2] << 8);
	commit_part = data[3];
	data += 4;
	size -= 4;
	if (commit_part > size)
		commit_part = size;

	m = fuzz_mode_get(idx, hnp, ext_key);
	a = m ? sae_session_test_clone(m->a0) : NULL;
	if (!a)
		return 0;
	memcpy(own_commit, m->own_commit, m->own_len);
	own_len = m->own_len;
	if (mix) {
		frame_len = fuzz_mix(frame, sizeof(frame), m->peer_commit, m->peer_len, data,
				     commit_part);
	} else {
		frame_len = commit_part;
		memcpy(frame, data, commit_part);
	}
	if (!raw_status)
		status = sae_session_commit_status(a);
	r = sae_session_rx_commit(a, status, frame, frame_len);
	if (r == SAE_TX_COMMIT)
		(void)sae_session_commit_build(a, own_commit, sizeof(own_commit), &own_len);
	if (sae_session_state(a) == SAE_STATE_CONFIRMED)
		(void)sae_session_confirm_build(a, confirm, sizeof(confirm), &confirm_len);

	data += commit_part;
	size -= commit_part;
	if (size >= 2) {
		cstatus = raw_status ? (uint16_t)(data[0] | data[1] << 8) : 0;
		data += 2;
		size -= 2;
	}
	confirm_len = 0;
	if (mix && own_len == m->own_len && memcmp(own_commit, m->own_commit, own_len) == 0) {
		memcpy(confirm, m->peer_confirm, m->confirm_len);
		confirm_len = m->confirm_len;
	} else if (mix) {
		confirm_len = fuzz_peer_confirm(m, own_commit, own_len, confirm, sizeof(confirm));
	}
	frame_len = fuzz_mix(frame, sizeof(frame), confirm, confirm_len, data, size);
	(void)sae_session_rx_confirm(a, cstatus, frame, frame_len);
	(void)sae_session_rx_confirm(a, cstatus, frame, frame_len);
	(void)sae_session_timeout(a);
	if (sae_session_state(a) == SAE_STATE_ACCEPTED) {
		uint8_t pmk[SAE_PMK_MAX_LEN], pmkid[SAE_PMKID_LEN];

		if (sae_session_pmk_get(a, pmk, pmkid) != SAE_OK)
			abort();
	}
	sae_session_free(a);
	return 0;
}

#ifndef IHV_LIBFUZZER
static int fuzz_run_file(const char *path)
{
	static uint8_t buf[65536];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return LLVMFuzzerTestOneInput(buf, n);
}

int main(int argc, char **argv)
{
	/* no files: a few inputs that reach every branch of the driver */
	static const uint8_t builtin[][8] = {
		{ 0x08, 0, 0, 0, 0, 0, 0, 0 },    /* valid H2E exchange, group 19 */
		{ 0x0c, 0, 0, 0, 0, 0, 0, 0 },    /* valid H&P exchange */
		{ 0x09, 0, 0, 2, 0x01, 0, 0, 0 }, /* group 20, peer Commit with another group */
		{ 0x18, 76, 0, 4, 0x13, 0, 0xff, 0x01 },
		{ 0x00, 0, 0, 3, 1, 2, 3, 4 },
		{ 0x29, 0, 0, 0, 0, 0, 0, 0 },    /* valid SAE-EXT-KEY exchange, group 20 */
		{ 0x22, 0, 0, 0, 0, 0, 0, 0 },    /* SAE-EXT-KEY, a raw empty Commit, group 21 */
	};
	int rc = 0;

	if (argc < 2) {
		for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
			LLVMFuzzerTestOneInput(builtin[i], sizeof(builtin[i]));
	}
	for (int i = 1; i < argc; i++)
		if (fuzz_run_file(argv[i]) != 0)
			rc = 1;
	return rc;
}
#endif
