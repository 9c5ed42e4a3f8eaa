// SPDX-License-Identifier: BSD-3-Clause
/*
 * The configuration's values as text, both ways (config-parse.h): integers,
 * "..."/P"..." strings, key_mgmt/pairwise/group lists (names from the one
 * table, common/suite.c), SSIDs, and a file line cut down to name=value.
 */
#include "daemon/config-parse.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "common/wipe.h"
#include "common/hex.h"
#include "common/suite.h"

int config_errf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err && len) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* --- names: the one table of suite names, common/suite.c ------------------------- */

static const enum config_akm config_akm_list[] = {
	CONFIG_AKM_NONE, CONFIG_AKM_PSK, CONFIG_AKM_PSK_SHA256, CONFIG_AKM_SAE, CONFIG_AKM_EAP,
	CONFIG_AKM_EAP_SHA256, CONFIG_AKM_SAE_EXT_KEY,
};
static const enum config_cipher config_cipher_list[] = {
	CONFIG_CIPHER_CCMP, CONFIG_CIPHER_GCMP, CONFIG_CIPHER_GCMP_256,
	CONFIG_CIPHER_CCMP_256, CONFIG_CIPHER_TKIP,
};

#define CONFIG_N(a) (sizeof(a) / sizeof((a)[0]))

uint32_t config_akm_suite(enum config_akm akm)
{
	switch (akm) {
	case CONFIG_AKM_NONE:
		return 0;
	case CONFIG_AKM_PSK:
		return RSN_AKM_PSK;
	case CONFIG_AKM_PSK_SHA256:
		return RSN_AKM_PSK_SHA256;
	case CONFIG_AKM_SAE:
		return RSN_AKM_SAE;
	case CONFIG_AKM_EAP:
		return RSN_AKM_8021X;
	case CONFIG_AKM_EAP_SHA256:
		return RSN_AKM_8021X_SHA256;
	case CONFIG_AKM_SAE_EXT_KEY:
		return RSN_AKM_SAE_EXT_KEY;
	}
	return 0;
}

uint32_t config_cipher_suite(enum config_cipher cipher)
{
	switch (cipher) {
	case CONFIG_CIPHER_CCMP:
		return RSN_CIPHER_CCMP_128;
	case CONFIG_CIPHER_GCMP:
		return RSN_CIPHER_GCMP_128;
	case CONFIG_CIPHER_GCMP_256:
		return RSN_CIPHER_GCMP_256;
	case CONFIG_CIPHER_CCMP_256:
		return RSN_CIPHER_CCMP_256;
	case CONFIG_CIPHER_TKIP:
		return RSN_CIPHER_TKIP;
	}
	return 0;
}

const char *config_akm_name(enum config_akm akm)
{
	const char *name = akm == CONFIG_AKM_NONE ? "NONE"
			   : suite_akm_conf_name(config_akm_suite(akm));

	return name ? name : "?";
}

const char *config_cipher_name(enum config_cipher cipher)
{
	const char *name = suite_cipher_name(config_cipher_suite(cipher));

	return name ? name : "?";
}

unsigned int config_akm_bit(uint32_t suite)
{
	size_t i;

	for (i = 0; suite && i < CONFIG_N(config_akm_list); i++)
		if (config_akm_suite(config_akm_list[i]) == suite)
			return config_akm_list[i];
	return 0;
}

unsigned int config_cipher_bit(uint32_t suite)
{
	size_t i;

	for (i = 0; suite && i < CONFIG_N(config_cipher_list); i++)
		if (config_cipher_suite(config_cipher_list[i]) == suite)
			return config_cipher_list[i];
	return 0;
}

/* --- small parsers ----------------------------------------------------------- */

int config_parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/*
 * A quoted "..." string (raw bytes between the quotes) or a P"..." string
 * with printf escapes. *len gets the decoded length; out must hold max bytes.
 * Returns 0, 1 if the value is not a string form at all, or -1 with err.
 */
int config_parse_string(const char *v, uint8_t *out, size_t max, size_t *len,
			char *err, size_t err_len)
{
	size_t n = strlen(v), i, o = 0;

	if (n >= 2 && v[0] == '"') {
		/*
		 * As wpa_supplicant reads it: the bytes between the first and the
		 * last quote, quotes in between included (wpa_passphrase writes
		 * ssid="a"b" for the SSID a"b).
		 */
		if (v[n - 1] != '"')
			return config_errf(err, err_len, "unterminated quote");
		if (n - 2 > max)
			return config_errf(err, err_len, "too long (%zu bytes, at most %zu)",
				    n - 2, max);
		memcpy(out, v + 1, n - 2);
		*len = n - 2;
		return 0;
	}
	if (n >= 3 && v[0] == 'P' && v[1] == '"') {
		if (v[n - 1] != '"')
			return config_errf(err, err_len, "unterminated P\"...\" string");
		for (i = 2; i < n - 1; i++) {
			int c = (unsigned char)v[i];

			if (c == '"')
				return config_errf(err, err_len, "unescaped quote in P\"...\" string");
			if (c == '\\') {
				if (++i >= n - 1)
					return config_errf(err, err_len, "dangling backslash");
				switch (v[i]) {
				case '\\': c = '\\'; break;
				case '"': c = '"'; break;
				case 'n': c = '\n'; break;
				case 'r': c = '\r'; break;
				case 't': c = '\t'; break;
				case 'e': c = 033; break;
				case 'x': {
					int hi = i + 1 < n - 1 ? hex_digit_value((unsigned char)v[i + 1]) : -1;
					int lo = i + 2 < n - 1 ? hex_digit_value((unsigned char)v[i + 2]) : -1;

					if (hi < 0 || lo < 0)
						return config_errf(err, err_len, "bad \\x escape");
					c = hi << 4 | lo;
					i += 2;
					break;
				}
				default:
					/* the character is not named: the string may be a
					 * password, and err reaches the log and the client */
					return config_errf(err, err_len, "unknown escape (known: "
							   "\\\\ \\\" \\n \\r \\t \\e \\xHH)");
				}
			}
			if (o >= max)
				return config_errf(err, err_len, "too long (more than %zu bytes)", max);
			out[o++] = (uint8_t)c;
		}
		*len = o;
		return 0;
	}
	return 1;
}

/* The next blank-separated word of v into tok; 0 at the end, -1 if too long. */
static int config_word_next(const char **v, char *tok, size_t cap)
{
	size_t n;

	while (**v == ' ' || **v == '\t')
		(*v)++;
	n = strcspn(*v, " \t");
	if (!n)
		return 0;
	if (n >= cap)
		return -1;
	memcpy(tok, *v, n);
	tok[n] = 0;
	*v += n;
	return 1;
}

/* One key_mgmt word: its bit, or 0 with err saying why not. */
static unsigned int config_akm_word(const char *tok, char *err, size_t err_len)
{
	uint32_t suite;
	unsigned int bit;

	if (!strcmp(tok, "NONE"))
		return CONFIG_AKM_NONE;
	suite = suite_akm_from_conf_name(tok);
	bit = config_akm_bit(suite);
	if (bit)
		return bit;
	if (suite == RSN_SUITE(9))
		config_errf(err, err_len, "%s is not supported yet", tok);
	else if (suite || !strcmp(tok, "IEEE8021X"))
		config_errf(err, err_len, "%s is not supported", tok);
	else
		config_errf(err, err_len, "unknown value '%s'", tok);
	return 0;
}

/* One pairwise/group word: its bit, or 0 with err saying why not. */
static unsigned int config_cipher_word(const char *tok, char *err, size_t err_len)
{
	uint32_t suite = suite_cipher_from_name(tok);
	unsigned int bit = config_cipher_bit(suite);

	if (bit)
		return bit;
	if (suite || !strcmp(tok, "NONE"))
		config_errf(err, err_len, "%s is not supported", tok);
	else
		config_errf(err, err_len, "unknown value '%s'", tok);
	return 0;
}

/* "A B C" of known names into a bit set; unknown names are errors. */
static int config_parse_words(const char *v, unsigned int *out,
			      unsigned int (*word)(const char *tok, char *err, size_t err_len),
			      char *err, size_t err_len)
{
	char tok[64];
	unsigned int set = 0, bit;
	int r;

	while ((r = config_word_next(&v, tok, sizeof(tok))) != 0) {
		if (r < 0)
			return config_errf(err, err_len, "unknown value '%.*s'", 32, v);
		bit = word(tok, err, err_len);
		if (!bit)
			return -1;
		set |= bit;
	}
	if (!set)
		return config_errf(err, err_len, "empty");
	*out = set;
	return 0;
}

int config_parse_akm_list(const char *v, unsigned int *out, char *err, size_t err_len)
{
	unsigned int set = 0;

	if (config_parse_words(v, &set, config_akm_word, err, err_len) < 0)
		return -1;
	if ((set & CONFIG_AKM_NONE) && set != CONFIG_AKM_NONE)
		return config_errf(err, err_len, "NONE cannot be combined with other values");
	*out = set;
	return 0;
}

int config_parse_cipher_list(const char *v, unsigned int *out, char *err, size_t err_len)
{
	return config_parse_words(v, out, config_cipher_word, err, err_len);
}

/* Valid UTF-8 without control characters other than tab, CR and LF (XML 1.0 text). */
bool config_utf8_text_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		size_t k, need;
		uint32_t cp;

		if (c < 0x80) {
			if (c < 32 && c != '\t' && c != '\n' && c != '\r')
				return false;
			if (c == 0x7f)
				return false;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		for (k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		i += need + 1;
	}
	return true;
}

/* --- text forms -------------------------------------------------------------- */

/* --- text forms -------------------------------------------------------------- */

void config_ssid_txt(const uint8_t *ssid, size_t len, char *out, size_t out_len)
{
	size_t i, o = 0;

	if (!out_len)
		return;
	for (i = 0; i < len; i++) {
		char tmp[5];
		const char *piece = tmp;
		uint8_t c = ssid[i];
		size_t pl;

		switch (c) {
		case '"': piece = "\\\""; break;
		case '\\': piece = "\\\\"; break;
		case 033: piece = "\\e"; break;
		case '\n': piece = "\\n"; break;
		case '\r': piece = "\\r"; break;
		case '\t': piece = "\\t"; break;
		default:
			if (c >= 32 && c <= 126) {
				tmp[0] = (char)c;
				tmp[1] = 0;
			} else {
				snprintf(tmp, sizeof(tmp), "\\x%02x", c);
			}
		}
		pl = strlen(piece);
		if (o + pl >= out_len)
			break;
		memcpy(out + o, piece, pl);
		o += pl;
	}
	out[o] = 0;
}

void config_list_txt(unsigned int set, bool akm, char *buf, size_t len)
{
	size_t i, o = 0, n = akm ? CONFIG_N(config_akm_list) : CONFIG_N(config_cipher_list);

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		unsigned int bit = akm ? (unsigned int)config_akm_list[i]
				       : (unsigned int)config_cipher_list[i];
		const char *name = akm ? config_akm_name(config_akm_list[i])
				       : config_cipher_name(config_cipher_list[i]);

		if (!(set & bit))
			continue;
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s",
				      o ? " " : "", name);
	}
}

/* A string value as the file would hold it: "..." when plain, else P"...". */
int config_string_value(const uint8_t *s, size_t n, char *buf, size_t len)
{
	char tmp[CONFIG_PROFILE_MAX * 4 + 1];
	size_t i;
	bool plain = true;
	int r;

	for (i = 0; i < n; i++)
		if (s[i] < 32 || s[i] > 126 || s[i] == '"')
			plain = false;
	if (plain)
		return snprintf(buf, len, "\"%.*s\"", (int)n, (const char *)s) < (int)len ? 0 : -1;

	config_ssid_txt(s, n, tmp, sizeof(tmp));
	r = snprintf(buf, len, "P\"%s\"", tmp) < (int)len ? 0 : -1;
	/* ihv_profile may hold the plugin's secrets: no copy stays behind. */
	secret_wipe(tmp, sizeof(tmp));
	return r;
}

/*
 * Cut a line down to "name=value": leading/trailing blanks and a '#' comment
 * outside quotes go. Returns the start (in place).
 */
char *config_line_clean(char *s)
{
	char *from, *hash, *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '#') { /* a comment line, quotes and all (wpa_passphrase's #psk="...") */
		*s = 0;
		return s;
	}
	/*
	 * wpa_supplicant's rule: a '#' starts a comment only after the line's
	 * last quote (so ssid="a"b#c" keeps its '#', and psk="x" # note loses
	 * the note).
	 */
	from = strchr(s, '"');
	from = from ? strrchr(from, '"') : s;
	hash = strchr(from, '#');
	if (hash)
		*hash = 0;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = 0;
	return s;
}

/* "19 20 21": SAE groups (IEEE 802.11-2020 12.4.4: ECC 19, 20, 21 here), no repeats. */
int config_parse_sae_groups(const char *v, uint16_t *out, size_t *n_out, char *err,
			    size_t err_len)
{
	char tok[16];
	size_t n = 0;
	long g;
	int r;

	while ((r = config_word_next(&v, tok, sizeof(tok))) != 0) {
		if (r < 0 || config_parse_int(tok, 0, 65535, &g) < 0)
			return config_errf(err, err_len, "expected group numbers (19 20 21)");
		if (g != 19 && g != 20 && g != 21)
			return config_errf(err, err_len, "group %ld is not supported (19, 20, 21)", g);
		for (size_t i = 0; i < n; i++)
			if (out[i] == g)
				return config_errf(err, err_len, "group %ld given twice", g);
		if (n == CONFIG_SAE_GROUPS_MAX)
			return config_errf(err, err_len, "too many groups");
		out[n++] = (uint16_t)g;
	}
	if (!n)
		return config_errf(err, err_len, "empty");
	*n_out = n;
	return 0;
}
