// SPDX-License-Identifier: BSD-3-Clause
/* Fuzz target: the EAPOL-Key frame codec (src/rsn/eapol-key.c), every MIC length. */
#include <stddef.h>
#include <stdint.h>

#include "rsn/eapol-key.h"
#include "tests/fuzz/fuzz-main.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t mic_lens[] = { 16, 24, 32 };
	struct eapol_key k;

	for (size_t i = 0; i < sizeof(mic_lens) / sizeof(mic_lens[0]); i++) {
		if (eapol_key_parse(data, size, mic_lens[i], &k) != EAPOL_KEY_OK)
			continue;
		/* a parsed frame's views stay inside the input */
		if (k.key_data_len && (k.key_data < data || k.key_data + k.key_data_len > data + size))
			__builtin_trap();
		(void)eapol_key_replay_u64(k.replay);
	}
	return 0;
}
