// SPDX-License-Identifier: BSD-3-Clause
/* UTF-8 <-> UTF-16LE conversion for the contract's LPWSTR fields. */
#include "common/utf16.h"

#include <stdlib.h>
#include <string.h>

/* Decode one UTF-8 sequence; returns its length or 0 when invalid. */
static size_t utf16_utf8_decode(const uint8_t *p, size_t left, uint32_t *cp)
{
	uint32_t c = p[0], min;
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

uint16_t *utf16_from_utf8(const char *s, size_t len, size_t *units)
{
	const uint8_t *p = (const uint8_t *)s;
	uint16_t *out;
	size_t i = 0, o = 0;

	/* At most one unit per byte, plus the terminator. */
	out = malloc((len + 1) * sizeof(*out));
	if (!out)
		return NULL;
	while (i < len) {
		uint32_t cp;
		size_t n = utf16_utf8_decode(p + i, len - i, &cp);

		if (!n) {
			/* the part converted so far may be a secret (a profile's passphrase) */
			explicit_bzero(out, o * sizeof(*out));
			free(out);
			return NULL;
		}
		i += n;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			out[o++] = (uint16_t)(0xd800 | (cp >> 10));
			out[o++] = (uint16_t)(0xdc00 | (cp & 0x3ff));
		} else {
			out[o++] = (uint16_t)cp;
		}
	}
	out[o] = 0;
	if (units)
		*units = o;
	return out;
}

size_t utf16_len(const uint16_t *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

char *utf16_to_utf8(const uint16_t *s, size_t max)
{
	size_t n = utf16_len(s, max), i, o = 0;
	char *out = malloc(n * 3 + 1);

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		uint32_t c = s[i];

		if (c >= 0xd800 && c <= 0xdbff) {
			if (i + 1 >= n || s[i + 1] < 0xdc00 || s[i + 1] > 0xdfff)
				goto bad;
			c = 0x10000 + ((c - 0xd800) << 10) + (s[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xdc00 && c <= 0xdfff) {
			goto bad;
		}
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xc0 | (c >> 6));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			out[o++] = (char)(0xe0 | (c >> 12));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xf0 | (c >> 18));
			out[o++] = (char)(0x80 | ((c >> 12) & 0x3f));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[o] = 0;
	return out;
bad:
	/* the part converted so far may be a secret */
	explicit_bzero(out, o);
	free(out);
	return NULL;
}

void utf16_free_secure(uint16_t *s)
{
	if (!s)
		return;
	explicit_bzero(s, (utf16_len(s, SIZE_MAX / 2) + 1) * sizeof(*s));
	free(s);
}
