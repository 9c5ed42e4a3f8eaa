// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the handshake engine past the MIC. A real message 1 / message 2
 * exchange with the in-test authenticator (fixed PMK, fixed SNonce) derives
 * the PTK; then each record of the input becomes a frame whose MIC is valid
 * and whose key data is wrapped with the real KEK, so the fuzzer reaches key
 * data unwrapping, KDE parsing, the RSNE downgrade check and key installs.
 *
 * A record: op (1), key information (2, big-endian), replay step (1),
 * key-data length (1), key data (that many octets, plaintext KDEs).
 *   op & 3 == 0: message 3 (the authenticator's ANonce)
 *   op & 3 == 1: group message 1
 *   op & 3 == 2: message 1 with a fresh ANonce, then message 2 is checked
 *   op & 3 == 3: the frame exactly as given (key information from the input)
 * op & 4 keeps the replay counter instead of stepping it (a replay).
 */
#include <stddef.h>
#include <stdint.h>

#include "tests/fuzz/fuzz-hs-common.h"
#include "tests/fuzz/fuzz-main.h"

static void fuzz_mic_record(struct fuzz_hs *f, uint8_t op, uint16_t info, uint8_t step,
			    const uint8_t *kd, size_t kd_len)
{
	struct test_auth *a = &f->auth;
	uint8_t frame[1024], kdbuf[256];
	size_t n = 0;

	if (!(op & 4))
		a->replay += (uint64_t)step + 1;
	switch (op & 3) {
	case 0:
		n = test_auth_build(a,
				    test_auth_info(a, EAPOL_KEY_INFO_PAIRWISE |
							      EAPOL_KEY_INFO_INSTALL |
							      EAPOL_KEY_INFO_MIC |
							      EAPOL_KEY_INFO_SECURE |
							      EAPOL_KEY_INFO_ENCR_DATA),
				    16, a->anonce, NULL, kd, kd_len, frame, sizeof(frame));
		break;
	case 1:
		n = test_auth_build(a,
				    test_auth_info(a, EAPOL_KEY_INFO_MIC | EAPOL_KEY_INFO_SECURE |
							      EAPOL_KEY_INFO_ENCR_DATA),
				    0, NULL, NULL, kd, kd_len, frame, sizeof(frame));
		break;
	case 2:
		a->replay--; /* test_auth_msg1 steps it itself */
		n = test_auth_msg1(a, frame, sizeof(frame));
		if (n && rsn_hs_rx(f->hs, frame, n) == RSN_RX_OK && f->last_tx_len)
			(void)test_auth_rx(a, f->last_tx, f->last_tx_len, true);
		return;
	case 3:
		memcpy(kdbuf, kd, kd_len);
		n = test_auth_build(a, info, 16, a->anonce, NULL, kdbuf, kd_len, frame,
				    sizeof(frame));
		break;
	}
	if (n)
		(void)rsn_hs_rx(f->hs, frame, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_hs f;
	uint8_t frame[512];
	size_t n, off = 0;

	if (fuzz_hs_start(&f))
		return 0;
	/* the real start: message 1, then the supplicant's message 2 sets the PTK */
	n = test_auth_msg1(&f.auth, frame, sizeof(frame));
	if (!n || rsn_hs_rx(f.hs, frame, n) != RSN_RX_OK ||
	    test_auth_rx(&f.auth, f.last_tx, f.last_tx_len, true))
		__builtin_trap(); /* the unfuzzed exchange must work */
	while (size - off >= 5) {
		uint8_t op = data[off];
		uint16_t info = (uint16_t)(data[off + 1] << 8 | data[off + 2]);
		uint8_t step = data[off + 3];
		size_t kd_len = data[off + 4];

		off += 5;
		if (kd_len > size - off)
			kd_len = size - off;
		if (kd_len > 200)
			kd_len = 200;
		fuzz_mic_record(&f, op, info, step, data + off, kd_len);
		off += kd_len;
	}
	rsn_hs_free(f.hs);
	OPENSSL_cleanse(&f.auth, sizeof(f.auth));
	return 0;
}
