// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the state directory's file of the last links' channels, as
 * known_freqs_parse() reads it (src/daemon/known-freqs.c). What it takes is
 * a channel, and written back and read again it is the same list.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/known-freqs.h"
#include "tests/fuzz/fuzz-main.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct known_freq a[KNOWN_FREQS_MAX], b[KNOWN_FREQS_MAX];
	char text[KNOWN_FREQS_FILE_MAX];
	size_t n, m, i, bad;
	int len;

	if (size > KNOWN_FREQS_FILE_MAX)
		return 0; /* known_freqs_load refuses it before parsing */
	n = known_freqs_parse((const char *)data, size, a, KNOWN_FREQS_MAX, &bad);
	if (n > KNOWN_FREQS_MAX)
		abort();
	for (i = 0; i < n; i++)
		if (!known_freqs_is_channel(a[i].freq) || a[i].ssid_len > DRV_SSID_MAX)
			abort();
	len = known_freqs_text_format(a, n, text, sizeof(text));
	if (len < 0)
		abort(); /* KNOWN_FREQS_MAX lines always fit */
	m = known_freqs_parse(text, (size_t)len, b, KNOWN_FREQS_MAX, &bad);
	if (m != n || bad)
		abort();
	for (i = 0; i < n; i++)
		if (a[i].freq != b[i].freq || a[i].ssid_len != b[i].ssid_len ||
		    memcmp(a[i].ssid, b[i].ssid, a[i].ssid_len))
			abort();
	return 0;
}
