/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hex digits and MAC addresses as text: the one helper the daemon, the core
 * and the plugin share (config psk=, profile <keyMaterial>, STATUS bssid=).
 */
#ifndef IHVD_COMMON_HEX_H
#define IHVD_COMMON_HEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEX_MAC_TXT_LEN 18 /* "aa:bb:cc:dd:ee:ff" and its NUL */

/* The value of one hex digit, or -1. */
int hex_digit_value(int c);

/*
 * Decode slen hex digits into out (at most cap bytes). slen must be even and
 * non-zero. Returns the number of bytes written, or -1 (nothing promised
 * about out then: a caller decoding a secret cleanses it).
 */
int hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap);

/* Lower-case hex of n bytes into out (2n + 1 bytes, NUL-terminated). */
void hex_encode(const uint8_t *p, size_t n, char *out);

/* "aa:bb:cc:dd:ee:ff" */
void hex_mac_txt(const uint8_t mac[6], char out[HEX_MAC_TXT_LEN]);

/* Parse "aa:bb:cc:dd:ee:ff" (exactly; either case). */
bool hex_mac_parse(const char *s, uint8_t mac[6]);

#endif
