// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the 4-way and group-key handshake engine (src/rsn/handshake.c)
 * fed raw frames. The input is a sequence of frames, each preceded by a
 * one-octet length; an odd length byte also fires the engine's timer.
 * Without valid MICs this mostly exercises the pre-MIC checks (message 1,
 * replay counters, key information bits, lengths).
 */
#include <stddef.h>
#include <stdint.h>

#include "tests/fuzz/fuzz-hs-common.h"
#include "tests/fuzz/fuzz-main.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_hs f;
	size_t off = 0;

	if (fuzz_hs_start(&f))
		return 0;
	while (off < size) {
		size_t n = data[off++];

		if (n > size - off)
			n = size - off;
		(void)rsn_hs_rx(f.hs, data + off, n);
		if (n & 1)
			rsn_hs_timeout(f.hs);
		off += n;
	}
	rsn_hs_free(f.hs);
	return 0;
}
