/* Network block -> IHV connectivity and security profile XML (schema in profile.h). */
#include "daemon/profile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

/* A growable string whose old buffers are cleared, since it may hold secrets. */
struct sbuf {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
};

static void sbuf_put(struct sbuf *b, const char *p, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *s = malloc(cap);

		if (!s) {
			b->failed = true;
			return;
		}
		if (b->s) {
			memcpy(s, b->s, b->len);
			OPENSSL_cleanse(b->s, b->cap);
			free(b->s);
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void sbuf_str(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}

static void sbuf_hex(struct sbuf *b, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		char h[2] = { digits[p[i] >> 4], digits[p[i] & 15] };

		sbuf_put(b, h, 2);
	}
}

static void sbuf_escaped(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sbuf_str(b, "&amp;"); break;
		case '<': sbuf_str(b, "&lt;"); break;
		case '>': sbuf_str(b, "&gt;"); break;
		case '"': sbuf_str(b, "&quot;"); break;
		case '\'': sbuf_str(b, "&apos;"); break;
		default: sbuf_put(b, s, 1);
		}
	}
}

static void sbuf_clear(struct sbuf *b)
{
	if (b->s) {
		OPENSSL_cleanse(b->s, b->cap);
		free(b->s);
	}
	b->s = NULL;
	b->len = b->cap = 0;
}

static bool cipher_valid(enum config_cipher c)
{
	switch (c) {
	case CONFIG_CIPHER_CCMP:
	case CONFIG_CIPHER_GCMP:
	case CONFIG_CIPHER_GCMP_256:
	case CONFIG_CIPHER_CCMP_256:
		return true;
	}
	return false;
}

int profile_build(const struct config_network *n, const struct profile_choice *ch,
		  struct profile_xml *out)
{
	struct sbuf conn = { 0 }, sec = { 0 };
	char num[16];
	bool none = ch->akm == CONFIG_AKM_NONE;

	out->connectivity = out->security = NULL;
	if (!n->ssid_set || !(n->key_mgmt & ch->akm))
		return -EINVAL;
	if (!none && (!(n->passphrase_set || n->psk_set) ||
		      !cipher_valid(ch->pairwise) || !cipher_valid(ch->group)))
		return -EINVAL;

	sbuf_str(&conn, "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>");
	sbuf_hex(&conn, n->ssid, n->ssid_len);
	sbuf_str(&conn, "</Ssid>");
	if (n->ihv_profile) {
		sbuf_str(&conn, "<IhvProfile>");
		sbuf_escaped(&conn, n->ihv_profile);
		sbuf_str(&conn, "</IhvProfile>");
	}
	sbuf_str(&conn, "</IhvConnectivity>");

	sbuf_str(&sec, "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>");
	sbuf_hex(&sec, n->ssid, n->ssid_len);
	sbuf_str(&sec, "</Ssid><AuthMode>");
	sbuf_str(&sec, config_akm_name(ch->akm));
	sbuf_str(&sec, "</AuthMode>");
	if (!none) {
		sbuf_str(&sec, "<Pairwise>");
		sbuf_str(&sec, config_cipher_name(ch->pairwise));
		sbuf_str(&sec, "</Pairwise><Group>");
		sbuf_str(&sec, config_cipher_name(ch->group));
		sbuf_str(&sec, "</Group>");
	}
	snprintf(num, sizeof(num), "%d", n->ieee80211w);
	sbuf_str(&sec, "<Pmf>");
	sbuf_str(&sec, num);
	sbuf_str(&sec, "</Pmf>");
	if (!none && n->passphrase_set) {
		sbuf_str(&sec, "<Passphrase>");
		sbuf_escaped(&sec, n->passphrase);
		sbuf_str(&sec, "</Passphrase>");
	} else if (!none) {
		sbuf_str(&sec, "<Psk>");
		sbuf_hex(&sec, n->psk, sizeof(n->psk));
		sbuf_str(&sec, "</Psk>");
	}
	sbuf_str(&sec, "</IhvSecurity>");

	if (conn.failed || sec.failed) {
		sbuf_clear(&conn);
		sbuf_clear(&sec);
		return -ENOMEM;
	}
	out->connectivity = conn.s;
	out->security = sec.s;
	return 0;
}

static void str_clear(char **s)
{
	if (!*s)
		return;
	OPENSSL_cleanse(*s, strlen(*s));
	free(*s);
	*s = NULL;
}

void profile_xml_clear(struct profile_xml *x)
{
	str_clear(&x->connectivity);
	str_clear(&x->security);
}
