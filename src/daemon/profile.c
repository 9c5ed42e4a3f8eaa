// SPDX-License-Identifier: BSD-3-Clause
/* Network block -> IHV connectivity and security profile XML (schema in profile.h). */
#include "daemon/profile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#include "common/wipe.h"
#include "common/hex.h"

/* A growable string whose old buffers are cleared, since it may hold secrets. */
struct profile_sbuf {
	char *s;
	size_t len;
	size_t cap;
	bool failed;
};

static void profile_sbuf_put(struct profile_sbuf *b, const char *p, size_t n)
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
			secret_wipe(b->s, b->cap);
			free(b->s);
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void profile_sbuf_str(struct profile_sbuf *b, const char *s)
{
	profile_sbuf_put(b, s, strlen(s));
}

/* Lower-case hex (common/hex.h), a chunk at a time; the chunk may be a key's. */
static void profile_sbuf_hex(struct profile_sbuf *b, const uint8_t *p, size_t n)
{
	char chunk[2 * 32 + 1];
	size_t k;

	while (n) {
		k = n < 32 ? n : 32;
		hex_encode(p, k, chunk);
		profile_sbuf_put(b, chunk, 2 * k);
		p += k;
		n -= k;
	}
	secret_wipe(chunk, sizeof(chunk));
}

static void profile_sbuf_escaped(struct profile_sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': profile_sbuf_str(b, "&amp;"); break;
		case '<': profile_sbuf_str(b, "&lt;"); break;
		case '>': profile_sbuf_str(b, "&gt;"); break;
		case '"': profile_sbuf_str(b, "&quot;"); break;
		case '\'': profile_sbuf_str(b, "&apos;"); break;
		default: profile_sbuf_put(b, s, 1);
		}
	}
}

static void profile_sbuf_clear(struct profile_sbuf *b)
{
	if (b->s) {
		secret_wipe(b->s, b->cap);
		free(b->s);
	}
	b->s = NULL;
	b->len = b->cap = 0;
}

/* One cipher for the profile; TKIP only as the group cipher (a mixed-mode AP's). */
static bool profile_cipher_valid(enum config_cipher c, bool group)
{
	switch (c) {
	case CONFIG_CIPHER_CCMP:
	case CONFIG_CIPHER_GCMP:
	case CONFIG_CIPHER_GCMP_256:
	case CONFIG_CIPHER_CCMP_256:
		return true;
	case CONFIG_CIPHER_TKIP:
		return group;
	}
	return false;
}

/* [<SaePassword>][<SaePwe>][<SaeGroups>] for AuthMode SAE. */
static void profile_sae(struct profile_sbuf *sec, const struct config_network *n)
{
	char num[16];

	if (n->sae_password_set) {
		profile_sbuf_str(sec, "<SaePassword>");
		profile_sbuf_escaped(sec, n->sae_password);
		profile_sbuf_str(sec, "</SaePassword>");
	}
	if (n->sae_pwe >= 0) {
		snprintf(num, sizeof(num), "%d", n->sae_pwe);
		profile_sbuf_str(sec, "<SaePwe>");
		profile_sbuf_str(sec, num);
		profile_sbuf_str(sec, "</SaePwe>");
	}
	if (n->n_sae_groups) {
		profile_sbuf_str(sec, "<SaeGroups>");
		for (size_t i = 0; i < n->n_sae_groups; i++) {
			snprintf(num, sizeof(num), "%s%u", i ? " " : "", n->sae_groups[i]);
			profile_sbuf_str(sec, num);
		}
		profile_sbuf_str(sec, "</SaeGroups>");
	}
}

int profile_build(const struct config_network *n, const struct profile_choice *ch,
		  struct profile_xml *out)
{
	struct profile_sbuf conn = { 0 }, sec = { 0 };
	char num[16];
	bool none = ch->akm == CONFIG_AKM_NONE;
	/* WPA-EAP: no secret here, the EAP credentials go to the host's 802.1X module */
	bool eap = ch->akm == CONFIG_AKM_EAP || ch->akm == CONFIG_AKM_EAP_SHA256;
	/* PSK without psk (mem_only_psk=1): the plugin asks the user */
	bool ask = !none && !eap && !n->passphrase_set && !n->psk_set && n->mem_only_psk;

	out->connectivity = out->security = NULL;
	if (!n->ssid_set || !(n->key_mgmt & ch->akm))
		return -EINVAL;
	if (n->discovery_conn && n->discovery_sec) {
		/* the plugin's own discovery profile (contract §3 [9]), as it made it */
		out->connectivity = strdup(n->discovery_conn);
		out->security = strdup(n->discovery_sec);
		if (!out->connectivity || !out->security) {
			profile_xml_clear(out);
			return -ENOMEM;
		}
		return 0;
	}
	if ((ch->akm & CONFIG_AKM_SAE_ANY) && !config_network_sae_ok(n))
		return -EINVAL;
	if (!none && ((!eap && !ask && !(n->passphrase_set || n->psk_set || n->sae_password_set)) ||
		      !profile_cipher_valid(ch->pairwise, false) ||
		      !profile_cipher_valid(ch->group, true)))
		return -EINVAL;

	profile_sbuf_str(&conn, "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>");
	profile_sbuf_hex(&conn, n->ssid, n->ssid_len);
	profile_sbuf_str(&conn, "</Ssid>");
	if (n->ihv_profile) {
		profile_sbuf_str(&conn, "<IhvProfile>");
		profile_sbuf_escaped(&conn, n->ihv_profile);
		profile_sbuf_str(&conn, "</IhvProfile>");
	}
	profile_sbuf_str(&conn, "</IhvConnectivity>");

	profile_sbuf_str(&sec, "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>");
	profile_sbuf_hex(&sec, n->ssid, n->ssid_len);
	profile_sbuf_str(&sec, "</Ssid><AuthMode>");
	if ((n->key_mgmt & CONFIG_AKM_SAE_ANY) == CONFIG_AKM_SAE_ANY &&
	    (ch->akm & CONFIG_AKM_SAE_ANY))
		profile_sbuf_str(&sec, "SAE SAE-EXT-KEY"); /* the plugin picks (rsn/select.c) */
	else
		profile_sbuf_str(&sec, config_akm_name(ch->akm));
	profile_sbuf_str(&sec, "</AuthMode>");
	if (!none) {
		profile_sbuf_str(&sec, "<Pairwise>");
		profile_sbuf_str(&sec, config_cipher_name(ch->pairwise));
		profile_sbuf_str(&sec, "</Pairwise><Group>");
		profile_sbuf_str(&sec, config_cipher_name(ch->group));
		profile_sbuf_str(&sec, "</Group>");
	}
	snprintf(num, sizeof(num), "%d", n->ieee80211w);
	profile_sbuf_str(&sec, "<Pmf>");
	profile_sbuf_str(&sec, num);
	profile_sbuf_str(&sec, "</Pmf>");
	if (ask) {
		/* no secret: the plugin asks the user (CTRL-REQ-PSK_PASSPHRASE) */
		profile_sbuf_str(&sec, "<AskPassphrase>1</AskPassphrase>");
	} else if (none || eap) {
		/* nothing: no secret in the security fragment */
	} else if (n->passphrase_set) {
		profile_sbuf_str(&sec, "<Passphrase>");
		profile_sbuf_escaped(&sec, n->passphrase);
		profile_sbuf_str(&sec, "</Passphrase>");
	} else if (n->psk_set) {
		profile_sbuf_str(&sec, "<Psk>");
		profile_sbuf_hex(&sec, n->psk, sizeof(n->psk));
		profile_sbuf_str(&sec, "</Psk>");
	}
	if (ch->akm & CONFIG_AKM_SAE_ANY)
		profile_sae(&sec, n);
	profile_sbuf_str(&sec, "</IhvSecurity>");

	if (conn.failed || sec.failed) {
		profile_sbuf_clear(&conn);
		profile_sbuf_clear(&sec);
		return -ENOMEM;
	}
	out->connectivity = conn.s;
	out->security = sec.s;
	return 0;
}

static void profile_str_clear(char **s)
{
	if (!*s)
		return;
	secret_wipe(*s, strlen(*s));
	free(*s);
	*s = NULL;
}

void profile_xml_clear(struct profile_xml *x)
{
	profile_str_clear(&x->connectivity);
	profile_str_clear(&x->security);
}
