// SPDX-License-Identifier: BSD-3-Clause
/* Parser for the urn:ihvd:conn:1 / urn:ihvd:rsn:1 profile fragments (schema in profile-xml.h). */
#include "rsn/profile-xml.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "common/hex.h"
#include "rsn/crypto.h"
#include "rsn/sae.h"

bool rsn_profile_auth_is_eap(enum rsn_profile_auth a)
{
	return a == RSN_PROFILE_AUTH_EAP || a == RSN_PROFILE_AUTH_EAP_SHA256;
}

const char *rsn_profile_err_str(enum rsn_profile_err err)
{
	switch (err) {
	case RSN_PROFILE_OK:
		return "ok";
	case RSN_PROFILE_ERR_MISSING:
		return "fragment missing";
	case RSN_PROFILE_ERR_ENCODING:
		return "fragment is not valid NUL-terminated UTF-16";
	case RSN_PROFILE_ERR_SYNTAX:
		return "fragment does not follow the schema";
	case RSN_PROFILE_ERR_VALUE:
		return "invalid element value";
	case RSN_PROFILE_ERR_SECRET:
		return "invalid or missing passphrase/PSK";
	case RSN_PROFILE_ERR_NOMEM:
		return "out of memory";
	}
	return "unknown error";
}

/* ---- UTF-16LE -> UTF-8 ------------------------------------------------------------------- */

static size_t profile_xml_utf8_put(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

enum rsn_profile_err rsn_profile_utf16_to_utf8(const uint16_t *s, size_t max, char **out,
					       size_t *out_len)
{
	size_t n = 0, i, o = 0;
	char *buf;

	*out = NULL;
	*out_len = 0;
	if (!s)
		return RSN_PROFILE_ERR_MISSING;
	while (n < max && s[n])
		n++;
	if (n == max)
		return RSN_PROFILE_ERR_ENCODING;
	buf = malloc(n * 3 + 1);
	if (!buf)
		return RSN_PROFILE_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		uint32_t cp = s[i];

		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (i + 1 >= n || s[i + 1] < 0xdc00 || s[i + 1] > 0xdfff)
				goto bad;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (s[i + 1] - 0xdc00u);
			i++;
		} else if (cp >= 0xdc00 && cp <= 0xdfff) {
			goto bad;
		}
		o += profile_xml_utf8_put(buf + o, cp);
	}
	buf[o] = 0;
	*out = buf;
	*out_len = o;
	return RSN_PROFILE_OK;
bad:
	OPENSSL_cleanse(buf, n * 3 + 1);
	free(buf);
	return RSN_PROFILE_ERR_ENCODING;
}

void rsn_profile_utf8_free(char *s, size_t len)
{
	if (!s)
		return;
	OPENSSL_cleanse(s, len);
	free(s);
}

/* ---- a strict little XML reader ------------------------------------------------------------ */

struct cur {
	const char *p, *end;
};

static void profile_xml_skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
		c->p++;
}

static bool profile_xml_peek(const struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(c->end - c->p) >= n && memcmp(c->p, lit, n) == 0;
}

static bool profile_xml_eat(struct cur *c, const char *lit)
{
	if (!profile_xml_peek(c, lit))
		return false;
	c->p += strlen(lit);
	return true;
}

/* <Root xmlns="ns"> with single or double quotes and XML whitespace around '='. */
static bool profile_xml_root_open(struct cur *c, const char *root, const char *ns)
{
	char q;

	profile_xml_skip_ws(c);
	if (!profile_xml_eat(c, "<") || !profile_xml_eat(c, root))
		return false;
	if (c->p >= c->end || (*c->p != ' ' && *c->p != '\t' && *c->p != '\r' && *c->p != '\n'))
		return false;
	profile_xml_skip_ws(c);
	if (!profile_xml_eat(c, "xmlns"))
		return false;
	profile_xml_skip_ws(c);
	if (!profile_xml_eat(c, "="))
		return false;
	profile_xml_skip_ws(c);
	if (c->p >= c->end || (*c->p != '"' && *c->p != '\''))
		return false;
	q = *c->p++;
	if (!profile_xml_eat(c, ns) || c->p >= c->end || *c->p != q)
		return false;
	c->p++;
	profile_xml_skip_ws(c);
	return profile_xml_eat(c, ">");
}

static bool profile_xml_root_close(struct cur *c, const char *root)
{
	profile_xml_skip_ws(c);
	if (!profile_xml_eat(c, "</") || !profile_xml_eat(c, root))
		return false;
	profile_xml_skip_ws(c);
	if (!profile_xml_eat(c, ">"))
		return false;
	profile_xml_skip_ws(c);
	return c->p == c->end;
}

/* One reference after '&': decode into o, return its length or 0 if invalid. */
static size_t profile_xml_entity(struct cur *c, char *o)
{
	static const struct {
		const char *name;
		char ch;
	} named[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
		      { "apos;", '\'' } };
	uint32_t cp = 0;
	bool hex, any = false;

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (profile_xml_eat(c, named[i].name)) {
			o[0] = named[i].ch;
			return 1;
		}
	if (!profile_xml_eat(c, "#"))
		return 0;
	hex = profile_xml_eat(c, "x");
	while (c->p < c->end && *c->p != ';') {
		char ch = *c->p++;
		uint32_t d;

		if (ch >= '0' && ch <= '9')
			d = (uint32_t)(ch - '0');
		else if (hex && ch >= 'a' && ch <= 'f')
			d = (uint32_t)(ch - 'a' + 10);
		else if (hex && ch >= 'A' && ch <= 'F')
			d = (uint32_t)(ch - 'A' + 10);
		else
			return 0;
		cp = cp * (hex ? 16 : 10) + d;
		if (cp > 0x10ffff)
			return 0;
		any = true;
	}
	if (!any || !profile_xml_eat(c, ";") || cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return profile_xml_utf8_put(o, cp);
}

/*
 * <Name>text</Name> (whitespace before it allowed). The decoded text goes to a fresh buffer
 * (*txt, cleared and freed by the caller with rsn_profile_utf8_free(*txt, *txt_len)).
 * 1: read; 0: the next element is not Name (nothing consumed); -1: syntax error; -2: no memory.
 */
static int profile_xml_element(struct cur *c, const char *name, char **txt, size_t *txt_len)
{
	struct cur save = *c;
	const char *start;
	size_t raw, o = 0, nl = strlen(name);
	char *buf;

	*txt = NULL;
	*txt_len = 0;
	profile_xml_skip_ws(c);
	if (!profile_xml_eat(c, "<") || !profile_xml_peek(c, name) ||
	    (size_t)(c->end - c->p) < nl + 1 || c->p[nl] != '>') {
		*c = save;
		return 0;
	}
	c->p += nl + 1;
	start = c->p;
	while (c->p < c->end && *c->p != '<')
		c->p++;
	raw = (size_t)(c->p - start);
	buf = malloc(raw + 1);
	if (!buf)
		return -2;
	c->p = start;
	while (c->p < c->end && *c->p != '<') {
		char ch = *c->p++;

		if (ch == 0)
			goto bad;
		if (ch == '&') {
			char enc[4];
			size_t n = profile_xml_entity(c, enc);

			if (!n)
				goto bad;
			memcpy(buf + o, enc, n);
			o += n;
			continue;
		}
		buf[o++] = ch;
	}
	buf[o] = 0;
	if (!profile_xml_eat(c, "</") || !profile_xml_eat(c, name) || !profile_xml_eat(c, ">"))
		goto bad;
	*txt = buf;
	*txt_len = o;
	return 1;
bad:
	OPENSSL_cleanse(buf, raw + 1);
	free(buf);
	return -1;
}

/* Between 1 and max bytes of hex digits into out; *n_out their count. */
static bool profile_xml_hex(const char *s, size_t len, uint8_t *out, size_t max, size_t *n_out)
{
	int n = hex_decode(s, len, out, max);

	if (n < 0)
		return false;
	*n_out = (size_t)n;
	return true;
}

static uint32_t profile_xml_cipher_from_name(const char *s)
{
	if (!strcmp(s, "CCMP"))
		return RSN_CIPHER_CCMP_128;
	if (!strcmp(s, "GCMP"))
		return RSN_CIPHER_GCMP_128;
	if (!strcmp(s, "GCMP-256"))
		return RSN_CIPHER_GCMP_256;
	if (!strcmp(s, "CCMP-256"))
		return RSN_CIPHER_CCMP_256;
	return 0;
}

/* 1 element read, 0 absent; errors returned through *err. */
static int profile_xml_elem_or_err(struct cur *c, const char *name, char **txt, size_t *len,
				   enum rsn_profile_err *err)
{
	int r = profile_xml_element(c, name, txt, len);

	if (r == -1)
		*err = RSN_PROFILE_ERR_SYNTAX;
	else if (r == -2)
		*err = RSN_PROFILE_ERR_NOMEM;
	return r;
}

static enum rsn_profile_err profile_xml_ssid_elem(struct cur *c, uint8_t ssid[32], size_t *ssid_len)
{
	enum rsn_profile_err err = RSN_PROFILE_ERR_SYNTAX;
	char *t;
	size_t n;
	int r = profile_xml_elem_or_err(c, "Ssid", &t, &n, &err);

	if (r <= 0)
		return err;
	err = profile_xml_hex(t, n, ssid, 32, ssid_len) ? RSN_PROFILE_OK : RSN_PROFILE_ERR_VALUE;
	rsn_profile_utf8_free(t, n);
	return err;
}

enum rsn_profile_err rsn_profile_conn_parse(const char *xml, size_t len,
					    struct rsn_conn_profile *out)
{
	struct cur c = { xml, xml + len };
	enum rsn_profile_err err = RSN_PROFILE_ERR_SYNTAX;
	char *t;
	size_t n;
	int r;

	memset(out, 0, sizeof(*out));
	if (!xml)
		return RSN_PROFILE_ERR_MISSING;
	if (!profile_xml_root_open(&c, "IhvConnectivity", "urn:ihvd:conn:1"))
		return RSN_PROFILE_ERR_SYNTAX;
	err = profile_xml_ssid_elem(&c, out->ssid, &out->ssid_len);
	if (err)
		goto out;
	err = RSN_PROFILE_ERR_SYNTAX;
	r = profile_xml_elem_or_err(&c, "IhvProfile", &t, &n, &err);
	if (r < 0)
		goto out;
	if (r > 0) {
		out->has_ihv_profile = true;
		rsn_profile_utf8_free(t, n);
	}
	err = profile_xml_root_close(&c, "IhvConnectivity") ? RSN_PROFILE_OK
							    : RSN_PROFILE_ERR_SYNTAX;
out:
	if (err)
		memset(out, 0, sizeof(*out));
	return err;
}

static bool profile_xml_passphrase_valid(const char *s, size_t n)
{
	if (n < RSN_PASSPHRASE_MIN || n > RSN_PASSPHRASE_MAX)
		return false;
	/*
	 * IEEE 802.11-2020 J.4.1: "a sequence of between 8 and 63 ASCII-encoded
	 * characters ... limited to ASCII 32 to 126"; like wpa_supplicant, ihvd
	 * also takes UTF-8 passphrases as their bytes (the daemon checked the
	 * UTF-8); control characters stay out.
	 */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* "19 20 21": SAE groups, each one this engine implements, no repeats. */
static bool profile_xml_sae_groups(const char *s, struct rsn_sec_profile *out)
{
	out->n_sae_groups = 0;
	while (*s) {
		unsigned long g = 0;
		size_t k = 0;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		while (s[k] >= '0' && s[k] <= '9' && k < 4)
			g = g * 10 + (unsigned long)(s[k++] - '0');
		if (!k || (s[k] && s[k] != ' ') || !sae_group_supported((uint16_t)g) ||
		    out->n_sae_groups == RSN_SAE_GROUPS_MAX)
			return false;
		for (size_t i = 0; i < out->n_sae_groups; i++)
			if (out->sae_groups[i] == g)
				return false;
		out->sae_groups[out->n_sae_groups++] = (uint16_t)g;
		s += k;
	}
	return out->n_sae_groups > 0;
}

/* [<SaePassword>][<SaePwe>][<SaeGroups>]: only with AuthMode SAE. */
static enum rsn_profile_err profile_xml_sae_elems(struct cur *c, struct rsn_sec_profile *out)
{
	enum rsn_profile_err err = RSN_PROFILE_OK;
	char *t = NULL;
	size_t n = 0;
	int r;

	r = profile_xml_elem_or_err(c, "SaePassword", &t, &n, &err);
	if (r < 0)
		return err;
	if (r > 0) {
		bool ok = n >= 1 && n <= RSN_SAE_PASSWORD_MAX && strlen(t) == n;

		for (size_t i = 0; ok && i < n; i++)
			ok = (unsigned char)t[i] >= 0x20;
		if (ok) {
			memcpy(out->sae_password, t, n + 1);
			out->has_sae_password = true;
		}
		rsn_profile_utf8_free(t, n);
		if (!ok)
			return RSN_PROFILE_ERR_SECRET;
	}
	r = profile_xml_elem_or_err(c, "SaePwe", &t, &n, &err);
	if (r < 0)
		return err;
	if (r > 0) {
		if (n == 1 && t[0] >= '0' && t[0] <= '2')
			out->sae_pwe = t[0] - '0';
		else
			err = RSN_PROFILE_ERR_VALUE;
		rsn_profile_utf8_free(t, n);
		if (err)
			return err;
	}
	r = profile_xml_elem_or_err(c, "SaeGroups", &t, &n, &err);
	if (r < 0)
		return err;
	if (r > 0) {
		if (!profile_xml_sae_groups(t, out))
			err = RSN_PROFILE_ERR_VALUE;
		rsn_profile_utf8_free(t, n);
		if (err)
			return err;
	}
	return RSN_PROFILE_OK;
}

enum rsn_profile_err rsn_profile_sec_parse(const char *xml, size_t len,
					   struct rsn_sec_profile *out)
{
	struct cur c = { xml, xml + len };
	enum rsn_profile_err err;
	char *t = NULL;
	size_t n = 0, got;
	int r;

	memset(out, 0, sizeof(*out));
	if (!xml)
		return RSN_PROFILE_ERR_MISSING;
	if (!profile_xml_root_open(&c, "IhvSecurity", "urn:ihvd:rsn:1"))
		return RSN_PROFILE_ERR_SYNTAX;
	err = profile_xml_ssid_elem(&c, out->ssid, &out->ssid_len);
	if (err)
		goto out;

	err = RSN_PROFILE_ERR_SYNTAX;
	if (profile_xml_elem_or_err(&c, "AuthMode", &t, &n, &err) <= 0)
		goto out;
	err = RSN_PROFILE_OK;
	if (!strcmp(t, "WPA-PSK")) {
		out->auth = RSN_PROFILE_AUTH_PSK;
		out->akm = RSN_AKM_PSK;
	} else if (!strcmp(t, "WPA-PSK-SHA256")) {
		out->auth = RSN_PROFILE_AUTH_PSK_SHA256;
		out->akm = RSN_AKM_PSK_SHA256;
	} else if (!strcmp(t, "SAE") || !strcmp(t, "SAE-EXT-KEY") ||
		   !strcmp(t, "SAE SAE-EXT-KEY")) {
		out->auth = RSN_PROFILE_AUTH_SAE;
		out->sae_akm8 = strcmp(t, "SAE-EXT-KEY") != 0;
		out->sae_akm24 = strcmp(t, "SAE") != 0;
		/* like wpa_supplicant: SAE-EXT-KEY first when the AP offers both (rsn_select) */
		out->akm = out->sae_akm24 ? RSN_AKM_SAE_EXT_KEY : RSN_AKM_SAE;
	} else if (!strcmp(t, "WPA-EAP")) {
		out->auth = RSN_PROFILE_AUTH_EAP;
		out->akm = RSN_AKM_8021X;
	} else if (!strcmp(t, "WPA-EAP-SHA256")) {
		out->auth = RSN_PROFILE_AUTH_EAP_SHA256;
		out->akm = RSN_AKM_8021X_SHA256;
	} else if (!strcmp(t, "NONE")) {
		out->auth = RSN_PROFILE_AUTH_NONE;
	} else {
		err = RSN_PROFILE_ERR_VALUE;
	}
	rsn_profile_utf8_free(t, n);
	if (err)
		goto out;

	/* Pairwise and Group: both present for PSK, both absent for NONE */
	err = RSN_PROFILE_ERR_SYNTAX;
	r = profile_xml_elem_or_err(&c, "Pairwise", &t, &n, &err);
	if (r < 0 || (r == 0) != (out->auth == RSN_PROFILE_AUTH_NONE))
		goto free_out;
	if (r > 0) {
		out->pairwise = profile_xml_cipher_from_name(t);
		rsn_profile_utf8_free(t, n);
		t = NULL;
		r = profile_xml_elem_or_err(&c, "Group", &t, &n, &err);
		if (r <= 0)
			goto free_out;
		/* TKIP: only a mixed-mode AP's group cipher, never pairwise */
		out->group = !strcmp(t, "TKIP") ? RSN_CIPHER_TKIP : profile_xml_cipher_from_name(t);
		rsn_profile_utf8_free(t, n);
		t = NULL;
		err = RSN_PROFILE_ERR_VALUE;
		if (!out->pairwise || !out->group)
			goto out;
	}

	err = RSN_PROFILE_ERR_SYNTAX;
	if (profile_xml_elem_or_err(&c, "Pmf", &t, &n, &err) <= 0)
		goto free_out;
	if (n == 1 && t[0] >= '0' && t[0] <= '2')
		out->pmf = t[0] - '0';
	else
		err = RSN_PROFILE_ERR_VALUE;
	rsn_profile_utf8_free(t, n);
	t = NULL;
	if (err == RSN_PROFILE_ERR_VALUE)
		goto out;

	r = profile_xml_elem_or_err(&c, "Passphrase", &t, &n, &err);
	if (r < 0)
		goto free_out;
	if (r > 0) {
		out->has_passphrase = true;
		if (!profile_xml_passphrase_valid(t, n)) {
			err = RSN_PROFILE_ERR_SECRET;
			goto free_out;
		}
		memcpy(out->passphrase, t, n + 1);
		rsn_profile_utf8_free(t, n);
		t = NULL;
	}
	r = profile_xml_elem_or_err(&c, "Psk", &t, &n, &err);
	if (r < 0)
		goto free_out;
	if (r > 0) {
		if (out->has_passphrase) {
			err = RSN_PROFILE_ERR_SYNTAX; /* exactly one of them */
			goto free_out;
		}
		out->has_psk = true;
		if (n != 64 || !profile_xml_hex(t, n, out->psk, 32, &got)) {
			err = RSN_PROFILE_ERR_SECRET;
			goto free_out;
		}
		rsn_profile_utf8_free(t, n);
		t = NULL;
	}
	err = profile_xml_sae_elems(&c, out);
	if (err)
		goto out;
	/* <AskPassphrase>1</AskPassphrase>: no secret here, ask the user (PSK only) */
	r = profile_xml_elem_or_err(&c, "AskPassphrase", &t, &n, &err);
	if (r < 0)
		goto free_out;
	if (r > 0) {
		bool one = n == 1 && t[0] == '1';

		rsn_profile_utf8_free(t, n);
		t = NULL;
		if (!one) {
			err = RSN_PROFILE_ERR_VALUE;
			goto out;
		}
		if (out->has_passphrase || out->has_psk || out->has_sae_password ||
		    (out->auth != RSN_PROFILE_AUTH_PSK && out->auth != RSN_PROFILE_AUTH_PSK_SHA256)) {
			err = RSN_PROFILE_ERR_SYNTAX;
			goto out;
		}
		out->ask_passphrase = true;
	}
	if ((out->auth == RSN_PROFILE_AUTH_NONE || rsn_profile_auth_is_eap(out->auth)) &&
	    (out->has_passphrase || out->has_psk || out->has_sae_password)) {
		err = RSN_PROFILE_ERR_SYNTAX;
		goto out;
	}
	if (out->auth == RSN_PROFILE_AUTH_SAE && !out->has_passphrase && !out->has_sae_password) {
		err = RSN_PROFILE_ERR_SECRET;
		goto out;
	}
	if (out->auth != RSN_PROFILE_AUTH_NONE && !rsn_profile_auth_is_eap(out->auth) &&
	    !out->has_passphrase && !out->has_psk && !out->has_sae_password &&
	    !out->ask_passphrase) {
		err = profile_xml_root_close(&c, "IhvSecurity") ? RSN_PROFILE_ERR_SECRET
						   : RSN_PROFILE_ERR_SYNTAX;
		goto out;
	}
	err = profile_xml_root_close(&c, "IhvSecurity") ? RSN_PROFILE_OK : RSN_PROFILE_ERR_SYNTAX;
	goto out;
free_out:
	rsn_profile_utf8_free(t, n);
out:
	if (err)
		rsn_sec_profile_clear(out);
	return err;
}

enum rsn_profile_err rsn_profile_conn_parse16(const uint16_t *xml, struct rsn_conn_profile *out)
{
	enum rsn_profile_err err;
	char *s;
	size_t n;

	memset(out, 0, sizeof(*out));
	err = rsn_profile_utf16_to_utf8(xml, RSN_PROFILE_MAX_UNITS, &s, &n);
	if (err)
		return err;
	err = rsn_profile_conn_parse(s, n, out);
	rsn_profile_utf8_free(s, n);
	return err;
}

enum rsn_profile_err rsn_profile_sec_parse16(const uint16_t *xml, struct rsn_sec_profile *out)
{
	enum rsn_profile_err err;
	char *s;
	size_t n;

	memset(out, 0, sizeof(*out));
	err = rsn_profile_utf16_to_utf8(xml, RSN_PROFILE_MAX_UNITS, &s, &n);
	if (err)
		return err;
	err = rsn_profile_sec_parse(s, n, out);
	rsn_profile_utf8_free(s, n);
	return err;
}

void rsn_sec_profile_clear(struct rsn_sec_profile *p)
{
	OPENSSL_cleanse(p, sizeof(*p));
}
