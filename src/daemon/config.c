/* The wpa_supplicant.conf-style configuration: parse, validate, mutate. */
#include "daemon/config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "common/log.h"

#define CONFIG_FILE_MAX (1024 * 1024)
#define CONFIG_LINE_MAX 4096

static int errf(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int errf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err && len) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* --- names ----------------------------------------------------------------- */

const char *config_akm_name(enum config_akm akm)
{
	switch (akm) {
	case CONFIG_AKM_NONE:
		return "NONE";
	case CONFIG_AKM_PSK:
		return "WPA-PSK";
	case CONFIG_AKM_PSK_SHA256:
		return "WPA-PSK-SHA256";
	}
	return "?";
}

uint32_t config_akm_suite(enum config_akm akm)
{
	switch (akm) {
	case CONFIG_AKM_NONE:
		return 0;
	case CONFIG_AKM_PSK:
		return 0x000fac02;
	case CONFIG_AKM_PSK_SHA256:
		return 0x000fac06;
	}
	return 0;
}

const char *config_cipher_name(enum config_cipher cipher)
{
	switch (cipher) {
	case CONFIG_CIPHER_CCMP:
		return "CCMP";
	case CONFIG_CIPHER_GCMP:
		return "GCMP";
	case CONFIG_CIPHER_GCMP_256:
		return "GCMP-256";
	case CONFIG_CIPHER_CCMP_256:
		return "CCMP-256";
	}
	return "?";
}

uint32_t config_cipher_suite(enum config_cipher cipher)
{
	switch (cipher) {
	case CONFIG_CIPHER_CCMP:
		return 0x000fac04;
	case CONFIG_CIPHER_GCMP:
		return 0x000fac08;
	case CONFIG_CIPHER_GCMP_256:
		return 0x000fac09;
	case CONFIG_CIPHER_CCMP_256:
		return 0x000fac0a;
	}
	return 0;
}

static const enum config_akm akm_list[] = {
	CONFIG_AKM_NONE, CONFIG_AKM_PSK, CONFIG_AKM_PSK_SHA256,
};
static const enum config_cipher cipher_list[] = {
	CONFIG_CIPHER_CCMP, CONFIG_CIPHER_GCMP, CONFIG_CIPHER_GCMP_256,
	CONFIG_CIPHER_CCMP_256,
};

/* --- small parsers ----------------------------------------------------------- */

static int hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode exactly len bytes from 2*len hex digits. */
static int hex_decode(const char *s, size_t slen, uint8_t *out, size_t len)
{
	size_t i;

	if (slen != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		int hi = hex_val((unsigned char)s[2 * i]);
		int lo = hex_val((unsigned char)s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

static int parse_int(const char *s, long min, long max, long *out)
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

static int parse_mac(const char *s, uint8_t mac[DRV_ETH_ALEN])
{
	size_t i;

	if (strlen(s) != 17)
		return -1;
	for (i = 0; i < DRV_ETH_ALEN; i++) {
		int hi = hex_val((unsigned char)s[3 * i]);
		int lo = hex_val((unsigned char)s[3 * i + 1]);

		if (hi < 0 || lo < 0 || (i < 5 && s[3 * i + 2] != ':'))
			return -1;
		mac[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/*
 * A quoted "..." string (raw bytes between the quotes) or a P"..." string
 * with printf escapes. *len gets the decoded length; out must hold max bytes.
 * Returns 0, 1 if the value is not a string form at all, or -1 with err.
 */
static int parse_string(const char *v, uint8_t *out, size_t max, size_t *len,
			char *err, size_t err_len)
{
	size_t n = strlen(v), i, o = 0;

	if (n >= 2 && v[0] == '"') {
		if (v[n - 1] != '"' || n < 2 || memchr(v + 1, '"', n - 2))
			return errf(err, err_len, "unterminated or misplaced quote");
		if (n - 2 > max)
			return errf(err, err_len, "too long (%zu bytes, at most %zu)",
				    n - 2, max);
		memcpy(out, v + 1, n - 2);
		*len = n - 2;
		return 0;
	}
	if (n >= 3 && v[0] == 'P' && v[1] == '"') {
		if (v[n - 1] != '"')
			return errf(err, err_len, "unterminated P\"...\" string");
		for (i = 2; i < n - 1; i++) {
			int c = (unsigned char)v[i];

			if (c == '"')
				return errf(err, err_len, "unescaped quote in P\"...\" string");
			if (c == '\\') {
				if (++i >= n - 1)
					return errf(err, err_len, "dangling backslash");
				switch (v[i]) {
				case '\\': c = '\\'; break;
				case '"': c = '"'; break;
				case 'n': c = '\n'; break;
				case 'r': c = '\r'; break;
				case 't': c = '\t'; break;
				case 'e': c = 033; break;
				case 'x': {
					int hi = i + 1 < n - 1 ? hex_val((unsigned char)v[i + 1]) : -1;
					int lo = i + 2 < n - 1 ? hex_val((unsigned char)v[i + 2]) : -1;

					if (hi < 0 || lo < 0)
						return errf(err, err_len, "bad \\x escape");
					c = hi << 4 | lo;
					i += 2;
					break;
				}
				default:
					return errf(err, err_len, "unknown escape \\%c", v[i]);
				}
			}
			if (o >= max)
				return errf(err, err_len, "too long (more than %zu bytes)", max);
			out[o++] = (uint8_t)c;
		}
		*len = o;
		return 0;
	}
	return 1;
}

/* "A B C" of known names into a bit set; unknown names are errors. */
static int parse_akm_list(const char *v, unsigned int *out, char *err, size_t err_len)
{
	char tok[64];
	unsigned int set = 0;
	size_t i;

	while (*v) {
		size_t n = strcspn(v, " \t");

		if (n == 0) {
			v++;
			continue;
		}
		if (n >= sizeof(tok))
			return errf(err, err_len, "unknown value '%.*s'", 32, v);
		memcpy(tok, v, n);
		tok[n] = 0;
		v += n;
		for (i = 0; i < sizeof(akm_list) / sizeof(akm_list[0]); i++)
			if (!strcmp(tok, config_akm_name(akm_list[i])))
				break;
		if (i < sizeof(akm_list) / sizeof(akm_list[0])) {
			set |= akm_list[i];
			continue;
		}
		if (!strcmp(tok, "SAE") || !strcmp(tok, "FT-SAE") ||
		    !strcmp(tok, "SAE-EXT-KEY"))
			return errf(err, err_len, "%s is not supported yet", tok);
		if (!strcmp(tok, "WPA-EAP") || !strcmp(tok, "WPA-EAP-SHA256") ||
		    !strcmp(tok, "FT-PSK") || !strcmp(tok, "FT-EAP") ||
		    !strcmp(tok, "IEEE8021X") || !strcmp(tok, "OWE"))
			return errf(err, err_len, "%s is not supported", tok);
		return errf(err, err_len, "unknown value '%s'", tok);
	}
	if (!set)
		return errf(err, err_len, "empty");
	if ((set & CONFIG_AKM_NONE) && set != CONFIG_AKM_NONE)
		return errf(err, err_len, "NONE cannot be combined with other values");
	*out = set;
	return 0;
}

static int parse_cipher_list(const char *v, unsigned int *out, char *err, size_t err_len)
{
	char tok[64];
	unsigned int set = 0;
	size_t i;

	while (*v) {
		size_t n = strcspn(v, " \t");

		if (n == 0) {
			v++;
			continue;
		}
		if (n >= sizeof(tok))
			return errf(err, err_len, "unknown value '%.*s'", 32, v);
		memcpy(tok, v, n);
		tok[n] = 0;
		v += n;
		for (i = 0; i < sizeof(cipher_list) / sizeof(cipher_list[0]); i++)
			if (!strcmp(tok, config_cipher_name(cipher_list[i])))
				break;
		if (i < sizeof(cipher_list) / sizeof(cipher_list[0])) {
			set |= cipher_list[i];
			continue;
		}
		if (!strcmp(tok, "TKIP") || !strcmp(tok, "WEP40") ||
		    !strcmp(tok, "WEP104") || !strcmp(tok, "NONE"))
			return errf(err, err_len, "%s is not supported", tok);
		return errf(err, err_len, "unknown value '%s'", tok);
	}
	if (!set)
		return errf(err, err_len, "empty");
	*out = set;
	return 0;
}

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

static void list_txt(unsigned int set, bool akm, char *buf, size_t len)
{
	size_t i, o = 0, n = akm ? sizeof(akm_list) / sizeof(akm_list[0])
				 : sizeof(cipher_list) / sizeof(cipher_list[0]);

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		unsigned int bit = akm ? (unsigned int)akm_list[i] : (unsigned int)cipher_list[i];
		const char *name = akm ? config_akm_name(akm_list[i])
				       : config_cipher_name(cipher_list[i]);

		if (!(set & bit))
			continue;
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s",
				      o ? " " : "", name);
	}
}

/* A string value as the file would hold it: "..." when plain, else P"...". */
static int string_value(const uint8_t *s, size_t n, char *buf, size_t len)
{
	char tmp[CONFIG_PROFILE_MAX * 4 + 1];
	size_t i;
	bool plain = true;

	for (i = 0; i < n; i++)
		if (s[i] < 32 || s[i] > 126 || s[i] == '"')
			plain = false;
	if (plain)
		return snprintf(buf, len, "\"%.*s\"", (int)n, (const char *)s) < (int)len ? 0 : -1;
	config_ssid_txt(s, n, tmp, sizeof(tmp));
	return snprintf(buf, len, "P\"%s\"", tmp) < (int)len ? 0 : -1;
}

/* --- networks ---------------------------------------------------------------- */

static void network_secrets_clear(struct config_network *n)
{
	OPENSSL_cleanse(n->passphrase, sizeof(n->passphrase));
	OPENSSL_cleanse(n->psk, sizeof(n->psk));
	n->passphrase_set = false;
	n->psk_set = false;
}

static void str_free_clear(char *s)
{
	if (!s)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

static void network_free(struct config_network *n)
{
	if (!n)
		return;
	network_secrets_clear(n);
	str_free_clear(n->ihv_profile);
	free(n->id_str);
	OPENSSL_cleanse(n, sizeof(*n));
	free(n);
}

struct config_network *config_network_add(struct config *c)
{
	struct config_network *n = calloc(1, sizeof(*n)), **pp;

	if (!n)
		return NULL;
	n->id = c->next_id++;
	n->key_mgmt = CONFIG_AKM_PSK;
	n->pairwise = CONFIG_CIPHER_CCMP;
	n->group = CONFIG_CIPHER_CCMP;
	for (pp = &c->networks; *pp; pp = &(*pp)->next)
		;
	*pp = n;
	return n;
}

struct config_network *config_network_get(const struct config *c, int id)
{
	struct config_network *n;

	for (n = c->networks; n; n = n->next)
		if (n->id == id)
			return n;
	return NULL;
}

int config_network_remove(struct config *c, int id)
{
	struct config_network **pp, *n;

	for (pp = &c->networks; (n = *pp); pp = &n->next) {
		if (n->id != id)
			continue;
		*pp = n->next;
		network_free(n);
		return 0;
	}
	return -1;
}

static int set_ssid(struct config_network *n, const char *v, char *err, size_t len)
{
	uint8_t buf[DRV_SSID_MAX];
	size_t l = 0, vl = strlen(v);
	char sub[200];
	int r = parse_string(v, buf, sizeof(buf), &l, sub, sizeof(sub));

	if (r < 0)
		return errf(err, len, "ssid: %s", sub);
	if (r > 0) {
		if (vl % 2 || vl / 2 > DRV_SSID_MAX ||
		    hex_decode(v, vl, buf, vl / 2) < 0)
			return errf(err, len, "ssid: expected \"text\", P\"escaped\" or 2..64 hex digits");
		l = vl / 2;
	}
	if (l < 1)
		return errf(err, len, "ssid: must be 1..32 bytes");
	memcpy(n->ssid, buf, l);
	n->ssid_len = l;
	n->ssid_set = true;
	return 0;
}

static int set_psk(struct config_network *n, const char *v, char *err, size_t len)
{
	size_t vl = strlen(v), i;
	uint8_t psk[CONFIG_PSK_LEN];

	if (vl >= 2 && v[0] == '"') {
		if (v[vl - 1] != '"' || memchr(v + 1, '"', vl - 2))
			return errf(err, len, "psk: unterminated or misplaced quote");
		if (vl - 2 < CONFIG_PASSPHRASE_MIN || vl - 2 > CONFIG_PASSPHRASE_MAX)
			return errf(err, len, "psk: passphrase must be 8..63 characters");
		for (i = 1; i < vl - 1; i++)
			if ((unsigned char)v[i] < 32 || (unsigned char)v[i] > 126)
				return errf(err, len, "psk: passphrase must be printable ASCII");
		network_secrets_clear(n);
		memcpy(n->passphrase, v + 1, vl - 2);
		n->passphrase[vl - 2] = 0;
		n->passphrase_set = true;
		return 0;
	}
	if (vl != 2 * CONFIG_PSK_LEN || hex_decode(v, vl, psk, sizeof(psk)) < 0) {
		OPENSSL_cleanse(psk, sizeof(psk));
		return errf(err, len, "psk: expected a \"passphrase\" or 64 hex digits");
	}
	network_secrets_clear(n);
	memcpy(n->psk, psk, sizeof(psk));
	OPENSSL_cleanse(psk, sizeof(psk));
	n->psk_set = true;
	return 0;
}

/* Valid UTF-8 without control characters other than tab, CR and LF (XML 1.0 text). */
static bool utf8_text_valid(const uint8_t *s, size_t n)
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

static int set_text(char **slot, const char *field, size_t max, const char *v,
		    bool secret, char *err, size_t len)
{
	uint8_t *buf = malloc(max + 1);
	size_t l = 0;
	char sub[200];
	int r;

	if (!buf)
		return errf(err, len, "%s: out of memory", field);
	r = parse_string(v, buf, max, &l, sub, sizeof(sub));
	if (r != 0 || !utf8_text_valid(buf, l)) {
		OPENSSL_cleanse(buf, max + 1);
		free(buf);
		if (r < 0)
			return errf(err, len, "%s: %s", field, sub);
		if (r > 0)
			return errf(err, len, "%s: expected \"text\" or P\"escaped\"", field);
		return errf(err, len, "%s: must be UTF-8 text without control characters", field);
	}
	buf[l] = 0;
	if (secret)
		str_free_clear(*slot);
	else
		free(*slot);
	*slot = (char *)buf;
	return 0;
}

static int set_bool(bool *slot, const char *field, const char *v, char *err, size_t len)
{
	long x;

	if (parse_int(v, 0, 1, &x) < 0)
		return errf(err, len, "%s: expected 0 or 1", field);
	*slot = x;
	return 0;
}

/* "2412 5180 ...": channel centre frequencies in MHz (2.4, 5 and 6 GHz bands). */
static int set_freqs(struct config_network *n, const char *v, char *err, size_t len)
{
	uint32_t f[CONFIG_SCAN_FREQ_MAX];
	size_t nf = 0;
	char tok[16];

	while (*v) {
		size_t l = strcspn(v, " \t");
		long x;

		if (!l) {
			v++;
			continue;
		}
		if (l >= sizeof(tok))
			return errf(err, len, "scan_freq: expected frequencies in MHz");
		memcpy(tok, v, l);
		tok[l] = 0;
		v += l;
		if (parse_int(tok, 2400, 7200, &x) < 0)
			return errf(err, len, "scan_freq: '%s' is not a frequency in MHz (2400..7200)",
				    tok);
		if (nf == CONFIG_SCAN_FREQ_MAX)
			return errf(err, len, "scan_freq: at most %d frequencies", CONFIG_SCAN_FREQ_MAX);
		f[nf++] = (uint32_t)x;
	}
	if (!nf)
		return errf(err, len, "scan_freq: empty");
	memcpy(n->scan_freq, f, nf * sizeof(f[0]));
	n->n_scan_freq = nf;
	return 0;
}

int config_network_set(struct config_network *n, const char *name,
		       const char *v, char *err, size_t len)
{
	long x;
	unsigned int set = 0;
	char sub[200];

	if (!strcmp(name, "ssid"))
		return set_ssid(n, v, err, len);
	if (!strcmp(name, "psk"))
		return set_psk(n, v, err, len);
	if (!strcmp(name, "key_mgmt")) {
		if (parse_akm_list(v, &set, sub, sizeof(sub)) < 0)
			return errf(err, len, "key_mgmt: %s", sub);
		n->key_mgmt = set;
		return 0;
	}
	if (!strcmp(name, "pairwise") || !strcmp(name, "group")) {
		if (parse_cipher_list(v, &set, sub, sizeof(sub)) < 0)
			return errf(err, len, "%s: %s", name, sub);
		*(name[0] == 'p' ? &n->pairwise : &n->group) = set;
		return 0;
	}
	if (!strcmp(name, "ieee80211w")) {
		if (parse_int(v, 0, 2, &x) < 0)
			return errf(err, len, "ieee80211w: expected 0, 1 or 2");
		n->ieee80211w = (int)x;
		return 0;
	}
	if (!strcmp(name, "bssid")) {
		uint8_t mac[DRV_ETH_ALEN];

		if (!strcmp(v, "any")) {
			n->bssid_set = false;
			return 0;
		}
		if (parse_mac(v, mac) < 0)
			return errf(err, len, "bssid: expected xx:xx:xx:xx:xx:xx or any");
		memcpy(n->bssid, mac, sizeof(mac));
		n->bssid_set = true;
		return 0;
	}
	if (!strcmp(name, "scan_ssid"))
		return set_bool(&n->scan_ssid, name, v, err, len);
	if (!strcmp(name, "scan_freq"))
		return set_freqs(n, v, err, len);
	if (!strcmp(name, "disabled"))
		return set_bool(&n->disabled, name, v, err, len);
	if (!strcmp(name, "priority")) {
		if (parse_int(v, -1000000, 1000000, &x) < 0)
			return errf(err, len, "priority: expected an integer");
		n->priority = (int)x;
		return 0;
	}
	if (!strcmp(name, "id_str"))
		return set_text(&n->id_str, name, CONFIG_ID_STR_MAX, v, false, err, len);
	if (!strcmp(name, "ihv_profile"))
		return set_text(&n->ihv_profile, name, CONFIG_PROFILE_MAX, v, true, err, len);
	return errf(err, len, "unknown network field '%s'", name);
}

int config_network_value(const struct config_network *n, const char *name,
			 char *buf, size_t len)
{
	if (!len)
		return -1;
	if (!strcmp(name, "ssid")) {
		size_t i;
		bool plain = true;

		if (!n->ssid_set)
			return -1;
		for (i = 0; i < n->ssid_len; i++)
			if (n->ssid[i] < 32 || n->ssid[i] > 126 || n->ssid[i] == '"')
				plain = false;
		if (plain)
			return string_value(n->ssid, n->ssid_len, buf, len);
		if (len < 2 * n->ssid_len + 1)
			return -1;
		for (i = 0; i < n->ssid_len; i++)
			sprintf(buf + 2 * i, "%02x", n->ssid[i]);
		return 0;
	}
	if (!strcmp(name, "key_mgmt")) {
		list_txt(n->key_mgmt, true, buf, len);
		return 0;
	}
	if (!strcmp(name, "pairwise") || !strcmp(name, "group")) {
		list_txt(name[0] == 'p' ? n->pairwise : n->group, false, buf, len);
		return 0;
	}
	if (!strcmp(name, "ieee80211w"))
		return snprintf(buf, len, "%d", n->ieee80211w) < (int)len ? 0 : -1;
	if (!strcmp(name, "bssid")) {
		if (!n->bssid_set)
			return -1;
		snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", n->bssid[0],
			 n->bssid[1], n->bssid[2], n->bssid[3], n->bssid[4], n->bssid[5]);
		return 0;
	}
	if (!strcmp(name, "scan_ssid"))
		return snprintf(buf, len, "%d", n->scan_ssid) < (int)len ? 0 : -1;
	if (!strcmp(name, "scan_freq") && n->n_scan_freq) {
		size_t i, o = 0;

		for (i = 0; i < n->n_scan_freq; i++) {
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%u", i ? " " : "",
					      n->scan_freq[i]);
			if (o >= len)
				return -1;
		}
		return 0;
	}
	if (!strcmp(name, "disabled"))
		return snprintf(buf, len, "%d", n->disabled) < (int)len ? 0 : -1;
	if (!strcmp(name, "priority"))
		return snprintf(buf, len, "%d", n->priority) < (int)len ? 0 : -1;
	if (!strcmp(name, "id_str") && n->id_str)
		return string_value((const uint8_t *)n->id_str, strlen(n->id_str), buf, len);
	if (!strcmp(name, "ihv_profile") && n->ihv_profile)
		return string_value((const uint8_t *)n->ihv_profile,
				    strlen(n->ihv_profile), buf, len);
	/* psk and anything unknown or unset. */
	return -1;
}

int config_network_check(const struct config_network *n, char *err, size_t len)
{
	bool secret = n->passphrase_set || n->psk_set;

	if (!n->ssid_set)
		return errf(err, len, "network block: no ssid");
	if ((n->key_mgmt & (CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256)) && !secret)
		return errf(err, len, "network block: key_mgmt %s needs a psk (or key_mgmt=NONE)",
			    n->key_mgmt & CONFIG_AKM_PSK ? "WPA-PSK" : "WPA-PSK-SHA256");
	if (n->key_mgmt == CONFIG_AKM_NONE && secret)
		return errf(err, len, "network block: psk given but key_mgmt=NONE");
	if (n->key_mgmt == CONFIG_AKM_NONE && n->ieee80211w == 2)
		return errf(err, len, "network block: ieee80211w=2 needs an RSN key_mgmt");
	return 0;
}

/* --- globals ----------------------------------------------------------------- */

static int group_resolve(const char *name, gid_t *gid)
{
	struct group *g = getgrnam(name);
	long x;

	if (g) {
		*gid = g->gr_gid;
		return 0;
	}
	if (parse_int(name, 0, INT_MAX, &x) == 0) {
		*gid = (gid_t)x;
		return 0;
	}
	return -1;
}

static int set_group(struct config *c, const char *field, const char *name,
		     char *err, size_t len)
{
	gid_t gid;
	char *copy;

	if (!*name)
		return errf(err, len, "%s: empty group", field);
	if (group_resolve(name, &gid) < 0)
		return errf(err, len, "%s: unknown group '%s'", field, name);
	copy = strdup(name);
	if (!copy)
		return errf(err, len, "%s: out of memory", field);
	free(c->ctrl_group);
	c->ctrl_group = copy;
	c->ctrl_gid = gid;
	return 0;
}

static int set_path(char **slot, const char *field, const char *v, char *err, size_t len)
{
	size_t n = strlen(v);
	char *copy;

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	if (!n || n >= PATH_MAX)
		return errf(err, len, "%s: empty or too long path", field);
	if (memchr(v, '"', n))
		return errf(err, len, "%s: misplaced quote", field);
	copy = strndup(v, n);
	if (!copy)
		return errf(err, len, "%s: out of memory", field);
	free(*slot);
	*slot = copy;
	return 0;
}

int config_global_set(struct config *c, const char *name, const char *v,
		      char *err, size_t len)
{
	if (!strcmp(name, "ctrl_interface")) {
		const char *g;
		char dir[PATH_MAX];

		if (strncmp(v, "DIR=", 4) != 0)
			return set_path(&c->ctrl_dir, name, v, err, len);
		/* DIR=/run/x GROUP=name */
		v += 4;
		g = strstr(v, " GROUP=");
		if ((size_t)(g ? g - v : (ptrdiff_t)strlen(v)) >= sizeof(dir))
			return errf(err, len, "%s: path too long", name);
		snprintf(dir, sizeof(dir), "%.*s", (int)(g ? g - v : (ptrdiff_t)strlen(v)), v);
		if (!dir[0] || strchr(dir, ' '))
			return errf(err, len, "%s: expected DIR=path [GROUP=name]", name);
		if (g && set_group(c, name, g + 7, err, len) < 0)
			return -1;
		return set_path(&c->ctrl_dir, name, dir, err, len);
	}
	if (!strcmp(name, "ctrl_interface_group"))
		return set_group(c, name, v, err, len);
	if (!strcmp(name, "ihv_plugin"))
		return set_path(&c->ihv_plugin, name, v, err, len);
	if (!strcmp(name, "eapol_path")) {
		if (!strcmp(v, "auto"))
			c->eapol_path = DRV_EAPOL_AUTO;
		else if (!strcmp(v, "nl80211"))
			c->eapol_path = DRV_EAPOL_NL80211;
		else if (!strcmp(v, "packet"))
			c->eapol_path = DRV_EAPOL_PACKET;
		else
			return errf(err, len, "eapol_path: expected auto, nl80211 or packet");
		return 0;
	}
	if (!strcmp(name, "update_config")) {
		long x;

		if (parse_int(v, 0, 1, &x) < 0)
			return errf(err, len, "update_config: expected 0 or 1");
		if (x)
			log_info("update_config=1 ignored: ihvd never rewrites its configuration file");
		return 0;
	}
	return errf(err, len, "unknown option '%s'", name);
}

/* --- the file ---------------------------------------------------------------- */

struct config *config_new(void)
{
	struct config *c = calloc(1, sizeof(*c));

	if (c)
		c->eapol_path = DRV_EAPOL_AUTO;
	return c;
}

void config_free(struct config *c)
{
	if (!c)
		return;
	while (c->networks) {
		struct config_network *n = c->networks;

		c->networks = n->next;
		network_free(n);
	}
	free(c->path);
	free(c->ctrl_dir);
	free(c->ctrl_group);
	free(c->ihv_plugin);
	free(c);
}

struct load_ctx {
	const char *path;
	char *err;
	size_t err_len;
	size_t err_used;
	int n_errors;
};

static void load_error(struct load_ctx *lc, int line, const char *msg)
{
	int w;

	lc->n_errors++;
	if (lc->err_used >= lc->err_len)
		return;
	w = snprintf(lc->err + lc->err_used, lc->err_len - lc->err_used,
		     "%s%s:%d: %s", lc->err_used ? "\n" : "", lc->path, line, msg);
	if (w > 0)
		lc->err_used += (size_t)w;
	if (lc->err_used >= lc->err_len)
		lc->err_used = lc->err_len;
}

/*
 * Cut a line down to "name=value": leading/trailing blanks and a '#' comment
 * outside quotes go. Returns the start (in place).
 */
static char *line_clean(char *s)
{
	char *p, *end;
	bool quoted = false, escapes = false;

	while (*s == ' ' || *s == '\t')
		s++;
	for (p = s; *p; p++) {
		if (quoted && escapes && *p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p == '"') {
			if (!quoted)
				escapes = p > s && p[-1] == 'P';
			quoted = !quoted;
		} else if (*p == '#' && !quoted) {
			*p = 0;
			break;
		}
	}
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = 0;
	return s;
}

static int file_read(const char *path, char **buf, size_t *len, mode_t *mode,
		     char *err, size_t err_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t got = 0;
	char *b;

	if (fd < 0)
		return errf(err, err_len, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return errf(err, err_len, "%s: not a regular file", path);
	}
	if (st.st_size > CONFIG_FILE_MAX) {
		close(fd);
		return errf(err, err_len, "%s: too large (over %d bytes)", path, CONFIG_FILE_MAX);
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		close(fd);
		return errf(err, err_len, "%s: out of memory", path);
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, b + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	b[got] = 0;
	*buf = b;
	*len = got;
	*mode = st.st_mode;
	return 0;
}

struct config *config_load(const char *path, char *err, size_t err_len)
{
	struct load_ctx lc = { .path = path, .err = err, .err_len = err_len };
	struct config *c;
	struct config_network *cur = NULL;
	char *buf = NULL, *line, *next, msg[512];
	size_t len = 0;
	mode_t mode = 0;
	int lineno = 0, block_line = 0;

	if (err && err_len)
		err[0] = 0;
	if (file_read(path, &buf, &len, &mode, err, err_len) < 0)
		return NULL;
	c = config_new();
	if (!c || !(c->path = strdup(path))) {
		config_free(c);
		OPENSSL_cleanse(buf, len);
		free(buf);
		errf(err, err_len, "%s: out of memory", path);
		return NULL;
	}
	if (memchr(buf, 0, len))
		load_error(&lc, 1, "file contains a NUL byte");

	for (line = buf; line && line < buf + len; line = next) {
		char *s, *eq, *name, *value;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (strlen(line) > CONFIG_LINE_MAX) {
			load_error(&lc, lineno, "line too long");
			continue;
		}
		s = line_clean(line);
		if (!*s)
			continue;
		if (!strcmp(s, "}")) {
			if (!cur) {
				load_error(&lc, lineno, "'}' outside a network block");
				continue;
			}
			if (config_network_check(cur, msg, sizeof(msg)) < 0)
				load_error(&lc, block_line, msg);
			cur = NULL;
			continue;
		}
		eq = strchr(s, '=');
		if (!eq) {
			load_error(&lc, lineno, "expected name=value");
			continue;
		}
		name = s;
		value = eq + 1;
		*eq = 0;
		while (eq > name && (eq[-1] == ' ' || eq[-1] == '\t'))
			*--eq = 0;
		if (!strcmp(name, "network")) {
			while (*value == ' ' || *value == '\t')
				value++;
			if (strcmp(value, "{") != 0) {
				load_error(&lc, lineno, "expected network={");
				continue;
			}
			if (cur) {
				load_error(&lc, lineno, "network block inside a network block");
				continue;
			}
			cur = config_network_add(c);
			if (!cur) {
				load_error(&lc, lineno, "out of memory");
				break;
			}
			block_line = lineno;
			continue;
		}
		if (cur) {
			if (config_network_set(cur, name, value, msg, sizeof(msg)) < 0)
				load_error(&lc, lineno, msg);
		} else if (config_global_set(c, name, value, msg, sizeof(msg)) < 0) {
			load_error(&lc, lineno, msg);
		}
	}
	if (cur)
		load_error(&lc, block_line, "network block not closed");
	OPENSSL_cleanse(buf, len);
	OPENSSL_cleanse(msg, sizeof(msg));
	free(buf);

	if (lc.n_errors) {
		config_free(c);
		return NULL;
	}
	for (cur = c->networks; cur; cur = cur->next)
		if (cur->passphrase_set || cur->psk_set)
			c->has_secret = true;
	if (c->has_secret && (mode & (S_IRGRP | S_IROTH)))
		log_warn("%s holds a psk and is readable by %s (mode %04o): chmod 600 it",
			 path, (mode & S_IROTH) ? "others" : "its group",
			 (unsigned int)(mode & 07777));
	return c;
}
