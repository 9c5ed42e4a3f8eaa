// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihv_profile against the plugin's fragment limit. The value travels to the plugin
 * XML-escaped inside the connectivity fragment (daemon/profile.c) and as UTF-16
 * (DOT11EXT_IHV_CONNECTIVITY_PROFILE); "&" becomes five units, a quote six. A value
 * that fits the file's byte limit can therefore still overflow the fragment the plugin
 * accepts, and the plugin would refuse it only at the first connect. It is refused at
 * load, where the error can name the file and the line.
 */
#include "daemon/config-parse.h"

#include <stdint.h>

/* UTF-16 units of s once XML-escaped; s is valid UTF-8 (config_utf8_text_valid). */
static size_t config_fragment_units(const char *s)
{
	size_t u = 0;

	for (const uint8_t *p = (const uint8_t *)s; *p; p++) {
		switch (*p) {
		case '&':
			u += 5; /* &amp; */
			break;
		case '<':
		case '>':
			u += 4; /* &lt; &gt; */
			break;
		case '"':
		case '\'':
			u += 6; /* &quot; &apos; */
			break;
		default:
			if (*p < 0x80 || (*p & 0xc0) == 0xc0)
				u += (*p & 0xf8) == 0xf0 ? 2 : 1; /* a lead byte; 4 octets: a pair */
			break;
		}
	}
	return u;
}

int config_profile_fragment_check(const char *v, char *err, size_t len)
{
	size_t u = config_fragment_units(v);

	if (u > CONFIG_FRAGMENT_UNITS_MAX - CONFIG_FRAGMENT_OVERHEAD)
		return config_errf(err, len, "ihv_profile: %zu UTF-16 units once XML-escaped; the "
				   "plugin's profile fragment holds at most %d for it",
				   u, CONFIG_FRAGMENT_UNITS_MAX - CONFIG_FRAGMENT_OVERHEAD);
	return 0;
}
