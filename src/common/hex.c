// SPDX-License-Identifier: BSD-3-Clause
/* Hex digits and MAC addresses as text. */
#include "common/hex.h"

#include <string.h>

int hex_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap)
{
	size_t i;

	if (!s || slen == 0 || slen % 2 || slen / 2 > cap)
		return -1;
	for (i = 0; i < slen / 2; i++) {
		int hi = hex_digit_value((unsigned char)s[2 * i]);
		int lo = hex_digit_value((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(slen / 2);
}

static const char hex_digits[] = "0123456789abcdef";

void hex_encode(const uint8_t *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex_digits[p[i] >> 4];
		out[2 * i + 1] = hex_digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/*
 * By hand, not snprintf: a connection formats a few dozen addresses (events, the log,
 * the control socket), and snprintf's "%02x" six times cost 3,200 instructions each
 * (callgrind, issue 16: CPU per reconnect).
 */
void hex_mac_txt(const uint8_t mac[6], char out[HEX_MAC_TXT_LEN])
{
	size_t i;

	for (i = 0; i < 6; i++) {
		out[3 * i] = hex_digits[mac[i] >> 4];
		out[3 * i + 1] = hex_digits[mac[i] & 15];
		out[3 * i + 2] = i < 5 ? ':' : '\0';
	}
}

bool hex_mac_parse(const char *s, uint8_t mac[6])
{
	size_t i;

	if (!s || strlen(s) != 17)
		return false;
	for (i = 0; i < 6; i++) {
		if (i < 5 && s[3 * i + 2] != ':')
			return false;
		if (hex_decode(s + 3 * i, 2, &mac[i], 1) != 1)
			return false;
	}
	return true;
}
