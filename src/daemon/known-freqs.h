// SPDX-License-Identifier: BSD-3-Clause
/*
 * The channels of the last authorized links, kept across restarts (issue 16).
 *
 * A reconnect scans the channel of the network's last link before any other
 * (scan.c); this file keeps that list in the state directory, so that a cold
 * start after the kernel has dropped its scan results (a reboot, a module
 * reload, an interface brought down) scans the known channel instead of all
 * of them. The file holds channels and SSIDs only, never a secret.
 *
 * Its text, one link per line, newest first:
 *
 *   # ihvd known frequencies v1
 *   2437 696876642d74657374
 *
 * the frequency in MHz and the SSID in hex (possibly empty). Lines starting
 * with '#' are comments, and a line may end in CR LF. A line that does not
 * parse, or names no channel, is skipped and counted;
 * a file larger than KNOWN_FREQS_FILE_MAX is refused as a whole.
 */
#ifndef IHVD_DAEMON_KNOWN_FREQS_H
#define IHVD_DAEMON_KNOWN_FREQS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl80211/driver.h"

#define KNOWN_FREQS_MAX 4
#define KNOWN_FREQS_FILE_MAX 4096

struct known_freq {
	uint32_t freq;
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
};

/*
 * A 20 MHz channel's centre frequency in MHz (IEEE 802.11-2020 Annex E: 2.4 GHz
 * channels 1-13 and 14, 4910-4990 and 5030-5925 MHz on the 5 MHz grid, 6 GHz
 * channels 1-233 from 5955 MHz, and channel 2 at 5935 MHz). A frequency the kernel
 * does not know makes it refuse the whole scan (-EINVAL), so nothing else is kept.
 */
bool known_freqs_is_channel(uint32_t mhz);

/*
 * Parse len bytes of the file's text (need not be NUL-terminated) into at most max
 * entries of out, in the file's order. Returns how many were taken; *bad (may be NULL)
 * counts the lines skipped as malformed, and the entries beyond max.
 */
size_t known_freqs_parse(const char *text, size_t len, struct known_freq *out, size_t max,
			 size_t *bad);

/*
 * Read path into out (at most max), *n set: 0 (0 entries when the file does not exist),
 * 1 when lines were skipped (said), or -errno (-EFBIG: larger than KNOWN_FREQS_FILE_MAX;
 * -EINVAL: not a regular file).
 */
int known_freqs_load(const char *path, struct known_freq *out, size_t max, size_t *n);

/* The file's text for the n entries of l into buf: its length, or -E2BIG. */
int known_freqs_text_format(const struct known_freq *l, size_t n, char *buf, size_t cap);

/*
 * Write the n entries of l to path, replacing it whole (a temporary file beside it,
 * mode 0600, renamed over it): 0 or -errno; path is left as it was on failure.
 */
int known_freqs_save(const char *path, const struct known_freq *l, size_t n);

#endif
