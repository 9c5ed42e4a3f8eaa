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
 * with '#' are comments. A line that does not parse is skipped and counted;
 * a file larger than KNOWN_FREQS_FILE_MAX is refused as a whole.
 */
#ifndef IHVD_DAEMON_KNOWN_FREQS_H
#define IHVD_DAEMON_KNOWN_FREQS_H

#include <stddef.h>
#include <stdint.h>

#include "nl80211/driver.h"

#define KNOWN_FREQS_MAX 4
#define KNOWN_FREQS_FILE_MAX 4096
/* 2.4, 5 and 6 GHz channels (IEEE 802.11-2020 Annex E; 6 GHz ends at 7125 MHz) */
#define KNOWN_FREQS_MHZ_MIN 2400
#define KNOWN_FREQS_MHZ_MAX 7125

struct known_freq {
	uint32_t freq;
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
};

/*
 * Parse len bytes of the file's text (need not be NUL-terminated) into at most max
 * entries of out, in the file's order. Returns how many were taken; *bad (may be NULL)
 * counts the lines skipped as malformed, and the entries beyond max.
 */
size_t known_freqs_parse(const char *text, size_t len, struct known_freq *out, size_t max,
			 size_t *bad);

/*
 * Read path into out (at most max): 0 with *n set (0 entries when the file does not
 * exist), or -errno (-EFBIG: larger than KNOWN_FREQS_FILE_MAX). Says what it skipped.
 */
int known_freqs_load(const char *path, struct known_freq *out, size_t max, size_t *n);

/* The file's text for the n entries of l into buf: its length, or -E2BIG. */
int known_freqs_text(const struct known_freq *l, size_t n, char *buf, size_t cap);

/*
 * Write the n entries of l to path, replacing it whole (a temporary file beside it,
 * mode 0600, renamed over it): 0 or -errno; path is left as it was on failure.
 */
int known_freqs_save(const char *path, const struct known_freq *l, size_t n);

#endif
