// SPDX-License-Identifier: BSD-3-Clause
/*
 * The wpa_supplicant.conf-style configuration: the file, the networks and
 * the globals (config.h). The values' text forms: config-parse.c.
 */
#include "daemon/config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "common/wipe.h"
#include "common/hex.h"
#include "common/log.h"
#include "daemon/config-compat.h"
#include "daemon/config-eap.h"
#include "daemon/config-parse.h"
#include "daemon/config-save.h"

#define CONFIG_FILE_MAX (1024 * 1024)
#define CONFIG_LINE_MAX 4096

/* --- networks ---------------------------------------------------------------- */

static void config_network_secrets_clear(struct config_network *n)
{
	secret_wipe(n->passphrase, sizeof(n->passphrase));
	secret_wipe(n->psk, sizeof(n->psk));
	n->passphrase_set = false;
	n->psk_set = false;
}

static void config_str_free_clear(char *s)
{
	if (!s)
		return;
	secret_wipe(s, strlen(s));
	free(s);
}

static void config_network_free(struct config_network *n)
{
	if (!n)
		return;
	config_network_secrets_clear(n);
	secret_wipe(n->sae_password, sizeof(n->sae_password));
	config_str_free_clear(n->ihv_profile);
	config_str_free_clear(n->file_text);
	config_str_free_clear(n->discovery_conn);
	config_str_free_clear(n->discovery_sec);
	config_eap_free(n->eap);
	free(n->id_str);
	secret_wipe(n, sizeof(*n));
	free(n);
}

struct config_network *config_network_add(struct config *c)
{
	struct config_network *n = calloc(1, sizeof(*n)), **pp;

	if (!n)
		return NULL;
	n->id = c->next_id++;
	n->key_mgmt = CONFIG_AKM_PSK;
	n->sae_pwe = c->sae_pwe;
	memcpy(n->sae_groups, c->sae_groups, sizeof(n->sae_groups));
	n->n_sae_groups = c->n_sae_groups;
	n->pairwise = CONFIG_PAIRWISE_DEFAULT;
	n->group = CONFIG_GROUP_DEFAULT;
	n->ieee80211w = c->pmf;
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
		config_network_free(n);
		return 0;
	}
	return -1;
}

static int config_set_ssid(struct config_network *n, const char *v, char *err, size_t len)
{
	uint8_t buf[DRV_SSID_MAX];
	size_t l = 0, vl = strlen(v);
	char sub[200];
	int r = config_parse_string(v, buf, sizeof(buf), &l, sub, sizeof(sub));

	if (r < 0)
		return config_errf(err, len, "ssid: %s", sub);
	if (r > 0) {
		if (vl % 2 || vl / 2 > DRV_SSID_MAX ||
		    (vl && hex_decode(v, vl, buf, sizeof(buf)) < 0))
			return config_errf(err, len, "ssid: expected \"text\", P\"escaped\" or 2..64 hex digits");
		l = vl / 2;
	}
	if (l < 1)
		return config_errf(err, len, "ssid: must be 1..32 bytes");
	memcpy(n->ssid, buf, l);
	n->ssid_len = l;
	n->ssid_set = true;
	return 0;
}

static int config_set_psk(struct config_network *n, const char *v, char *err, size_t len)
{
	size_t vl = strlen(v), i;
	uint8_t psk[CONFIG_PSK_LEN];

	if (vl >= 2 && v[0] == '"') {
		/* As wpa_supplicant: the text between the first and the last quote. */
		if (v[vl - 1] != '"')
			return config_errf(err, len, "psk: unterminated quote");
		if (vl - 2 < CONFIG_PASSPHRASE_MIN || vl - 2 > CONFIG_PASSPHRASE_MAX)
			return config_errf(err, len, "psk: passphrase must be 8..63 characters");
		/* IEEE 802.11-2020 J.4.1 asks for ASCII 32..126; UTF-8 is taken as its bytes. */
		for (i = 1; i < vl - 1; i++)
			if ((unsigned char)v[i] < 32 || v[i] == 0x7f)
				break;
		if (i < vl - 1 || !config_utf8_text_valid((const uint8_t *)v + 1, vl - 2))
			return config_errf(err, len,
					   "psk: passphrase must be UTF-8 text without control characters");
		config_network_secrets_clear(n);
		memcpy(n->passphrase, v + 1, vl - 2);
		n->passphrase[vl - 2] = 0;
		n->passphrase_set = true;
		return 0;
	}
	if (vl != 2 * CONFIG_PSK_LEN || hex_decode(v, vl, psk, sizeof(psk)) != CONFIG_PSK_LEN) {
		secret_wipe(psk, sizeof(psk));
		return config_errf(err, len, "psk: expected a \"passphrase\" or 64 hex digits");
	}
	config_network_secrets_clear(n);
	memcpy(n->psk, psk, sizeof(psk));
	secret_wipe(psk, sizeof(psk));
	n->psk_set = true;
	return 0;
}

static int config_set_text(char **slot, const char *field, size_t max, const char *v,
			   bool secret, char *err, size_t len)
{
	uint8_t *buf = malloc(max + 1);
	size_t l = 0;
	char sub[200];
	int r;

	if (!buf)
		return config_errf(err, len, "%s: out of memory", field);
	r = config_parse_string(v, buf, max, &l, sub, sizeof(sub));
	if (r != 0 || !config_utf8_text_valid(buf, l)) {
		secret_wipe(buf, max + 1);
		free(buf);
		if (r < 0)
			return config_errf(err, len, "%s: %s", field, sub);
		if (r > 0)
			return config_errf(err, len, "%s: expected \"text\" or P\"escaped\"", field);
		return config_errf(err, len, "%s: must be UTF-8 text without control characters", field);
	}
	buf[l] = 0;
	if (secret)
		config_str_free_clear(*slot);
	else
		free(*slot);
	*slot = (char *)buf;
	return 0;
}

static int config_set_bool(bool *slot, const char *field, const char *v, char *err, size_t len)
{
	long x;

	if (config_parse_int(v, 0, 1, &x) < 0)
		return config_errf(err, len, "%s: expected 0 or 1", field);
	*slot = x;
	return 0;
}

/* "2412 5180 ...": channel centre frequencies in MHz (2.4, 5 and 6 GHz bands). */
static int config_set_freqs(struct config_network *n, const char *v, char *err, size_t len)
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
			return config_errf(err, len, "scan_freq: expected frequencies in MHz");
		memcpy(tok, v, l);
		tok[l] = 0;
		v += l;
		if (config_parse_int(tok, 2400, 7200, &x) < 0)
			return config_errf(err, len, "scan_freq: '%s' is not a frequency in MHz (2400..7200)",
				    tok);
		if (nf == CONFIG_SCAN_FREQ_MAX)
			return config_errf(err, len, "scan_freq: at most %d frequencies", CONFIG_SCAN_FREQ_MAX);
		f[nf++] = (uint32_t)x;
	}
	if (!nf)
		return config_errf(err, len, "scan_freq: empty");
	memcpy(n->scan_freq, f, nf * sizeof(f[0]));
	n->n_scan_freq = nf;
	return 0;
}

static int config_set_sae_password(struct config_network *n, const char *v, char *err,
				   size_t len)
{
	uint8_t pw[CONFIG_SAE_PASSWORD_MAX];
	size_t pl = 0;

	if (config_parse_string(v, pw, sizeof(pw), &pl, err, len) != 0 || !pl) {
		secret_wipe(pw, sizeof(pw));
		return config_errf(err, len,
				   "sae_password: expected a \"string\" of 1..%d characters",
				   CONFIG_SAE_PASSWORD_MAX);
	}
	if (memchr(pw, 0, pl) || !config_utf8_text_valid(pw, pl)) {
		secret_wipe(pw, sizeof(pw));
		return config_errf(err, len, "sae_password: not UTF-8 text");
	}
	secret_wipe(n->sae_password, sizeof(n->sae_password));
	memcpy(n->sae_password, pw, pl);
	n->sae_password_set = true;
	secret_wipe(pw, sizeof(pw));
	return 0;
}

int config_network_set(struct config_network *n, const char *name,
		       const char *v, char *err, size_t len)
{
	long x;
	unsigned int set = 0;
	char sub[200];

	if (!strcmp(name, "ssid"))
		return config_set_ssid(n, v, err, len);
	if (!strcmp(name, "psk"))
		return config_set_psk(n, v, err, len);
	if (!strcmp(name, "key_mgmt")) {
		if (config_parse_akm_list(v, &set, sub, sizeof(sub)) < 0)
			return config_errf(err, len, "key_mgmt: %s", sub);
		n->key_mgmt = set;
		return 0;
	}
	if (!strcmp(name, "pairwise") || !strcmp(name, "group")) {
		if (config_parse_cipher_list(v, &set, sub, sizeof(sub)) < 0)
			return config_errf(err, len, "%s: %s", name, sub);
		/* "CCMP TKIP" is wpa_supplicant's own default: TKIP stays unused there */
		if (name[0] == 'p' && !(set & ~(unsigned int)CONFIG_CIPHER_TKIP))
			return config_errf(err, len, "pairwise: TKIP is not supported as pairwise "
					   "cipher (TKIP is only accepted as a mixed-mode AP's "
					   "group cipher)");
		*(name[0] == 'p' ? &n->pairwise : &n->group) = set;
		return 0;
	}
	if (!strcmp(name, "ieee80211w")) {
		if (config_parse_int(v, 0, 2, &x) < 0)
			return config_errf(err, len, "ieee80211w: expected 0, 1 or 2");
		n->ieee80211w = (int)x;
		n->ieee80211w_set = true;
		return 0;
	}
	if (!strcmp(name, "sae_password"))
		return config_set_sae_password(n, v, err, len);
	if (!strcmp(name, "sae_pwe")) {
		if (config_parse_int(v, 0, 2, &x) < 0)
			return config_errf(err, len, "sae_pwe: expected 0, 1 or 2");
		n->sae_pwe = (int)x;
		return 0;
	}
	if (!strcmp(name, "sae_groups")) {
		if (config_parse_sae_groups(v, n->sae_groups, &n->n_sae_groups, sub,
					    sizeof(sub)) < 0)
			return config_errf(err, len, "sae_groups: %s", sub);
		return 0;
	}
	if (!strcmp(name, "bssid")) {
		uint8_t mac[DRV_ETH_ALEN];

		if (!strcmp(v, "any")) {
			n->bssid_set = false;
			return 0;
		}
		if (!hex_mac_parse(v, mac))
			return config_errf(err, len, "bssid: expected xx:xx:xx:xx:xx:xx or any");
		memcpy(n->bssid, mac, sizeof(mac));
		n->bssid_set = true;
		return 0;
	}
	if (!strcmp(name, "scan_ssid"))
		return config_set_bool(&n->scan_ssid, name, v, err, len);
	if (!strcmp(name, "scan_freq"))
		return config_set_freqs(n, v, err, len);
	if (!strcmp(name, "disabled"))
		return config_set_bool(&n->disabled, name, v, err, len);
	if (!strcmp(name, "mem_only_psk"))
		return config_set_bool(&n->mem_only_psk, name, v, err, len);
	if (!strcmp(name, "priority")) {
		if (config_parse_int(v, -1000000, 1000000, &x) < 0)
			return config_errf(err, len, "priority: expected an integer");
		n->priority = (int)x;
		return 0;
	}
	if (!strcmp(name, "id_str"))
		return config_set_text(&n->id_str, name, CONFIG_ID_STR_MAX, v, false, err, len);
	if (!strcmp(name, "ihv_profile")) {
		char *p = NULL;

		if (config_set_text(&p, name, CONFIG_PROFILE_MAX, v, true, err, len) < 0)
			return -1;
		if (config_profile_fragment_check(p, err, len) < 0) {
			config_str_free_clear(p);
			return -1;
		}
		config_str_free_clear(n->ihv_profile);
		n->ihv_profile = p;
		return 0;
	}
	if (config_eap_field(name))
		return config_eap_set(n, name, v, err, len);
	return config_compat_network_set(n, name, v, err, len);
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
			return config_string_value(n->ssid, n->ssid_len, buf, len);
		if (len < 2 * n->ssid_len + 1)
			return -1;
		hex_encode(n->ssid, n->ssid_len, buf);
		return 0;
	}
	if (!strcmp(name, "key_mgmt")) {
		config_list_txt(n->key_mgmt, true, buf, len);
		return 0;
	}
	if (!strcmp(name, "pairwise") || !strcmp(name, "group")) {
		config_list_txt(name[0] == 'p' ? n->pairwise : n->group, false, buf, len);
		return 0;
	}
	if (!strcmp(name, "ieee80211w"))
		return snprintf(buf, len, "%d", n->ieee80211w) < (int)len ? 0 : -1;
	if (!strcmp(name, "sae_pwe") && n->sae_pwe >= 0)
		return snprintf(buf, len, "%d", n->sae_pwe) < (int)len ? 0 : -1;
	if (!strcmp(name, "sae_groups") && n->n_sae_groups) {
		size_t i, o = 0;

		for (i = 0; i < n->n_sae_groups; i++) {
			o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%u", i ? " " : "",
					      n->sae_groups[i]);
			if (o >= len)
				return -1;
		}
		return 0;
	}
	if (!strcmp(name, "bssid")) {
		char mac[HEX_MAC_TXT_LEN];

		if (!n->bssid_set)
			return -1;
		hex_mac_txt(n->bssid, mac);
		return snprintf(buf, len, "%s", mac) < (int)len ? 0 : -1;
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
	if (!strcmp(name, "mem_only_psk"))
		return snprintf(buf, len, "%d", n->mem_only_psk) < (int)len ? 0 : -1;
	if (!strcmp(name, "priority"))
		return snprintf(buf, len, "%d", n->priority) < (int)len ? 0 : -1;
	if (!strcmp(name, "id_str") && n->id_str)
		return config_string_value((const uint8_t *)n->id_str, strlen(n->id_str), buf, len);
	if (!strcmp(name, "ihv_profile") && n->ihv_profile)
		return config_string_value((const uint8_t *)n->ihv_profile,
				    strlen(n->ihv_profile), buf, len);
	if (config_eap_field(name))
		return config_eap_value(n, name, buf, len);
	/* psk and anything unknown or unset. */
	return config_compat_network_value(n, name, buf, len);
}

bool config_network_sae_ok(const struct config_network *n)
{
	return (n->key_mgmt & CONFIG_AKM_SAE_ANY) && (n->sae_password_set || n->passphrase_set);
}

int config_network_check(const struct config_network *n, char *err, size_t len)
{
	bool secret = n->passphrase_set || n->psk_set || n->sae_password_set;

	/* No ssid: any open network (Debian's wpa-roam default block). */
	if (!n->ssid_set && n->key_mgmt != CONFIG_AKM_NONE)
		return config_errf(err, len, "network block: no ssid");
	/* IEEE 802.11-2020 12.4: SAE needs a password; a raw 256-bit PSK is none */
	if (!(n->key_mgmt & ~(unsigned int)CONFIG_AKM_SAE_ANY) && !config_network_sae_ok(n))
		return config_errf(err, len,
				   "network block: key_mgmt %s needs sae_password or a psk passphrase",
				   n->key_mgmt & CONFIG_AKM_SAE ? "SAE" : "SAE-EXT-KEY");
	if ((n->key_mgmt & (CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256)) && !secret && !n->mem_only_psk)
		return config_errf(err, len,
				   "network block: key_mgmt %s needs a psk (or key_mgmt=NONE)",
				   config_akm_name(n->key_mgmt & CONFIG_AKM_PSK ? CONFIG_AKM_PSK
										: CONFIG_AKM_PSK_SHA256));
	if (n->key_mgmt == CONFIG_AKM_NONE && secret)
		return config_errf(err, len, "network block: psk given but key_mgmt=NONE");
	if (n->key_mgmt == CONFIG_AKM_NONE && n->ieee80211w == 2)
		return config_errf(err, len, "network block: ieee80211w=2 needs an RSN key_mgmt");
	return config_eap_check(n, err, len);
}

/* --- globals ----------------------------------------------------------------- */

static int config_group_resolve(const char *name, gid_t *gid)
{
	struct group *g = getgrnam(name);
	long x;

	if (g) {
		*gid = g->gr_gid;
		return 0;
	}
	if (config_parse_int(name, 0, INT_MAX, &x) == 0) {
		*gid = (gid_t)x;
		return 0;
	}
	return -1;
}

static int config_set_group(struct config *c, const char *field, const char *name,
		     char *err, size_t len)
{
	gid_t gid;
	char *copy;

	if (!*name)
		return config_errf(err, len, "%s: empty group", field);
	if (config_group_resolve(name, &gid) < 0)
		return config_errf(err, len, "%s: unknown group '%s'", field, name);
	copy = strdup(name);
	if (!copy)
		return config_errf(err, len, "%s: out of memory", field);
	free(c->ctrl_group);
	c->ctrl_group = copy;
	c->ctrl_gid = gid;
	return 0;
}

static int config_set_path(char **slot, const char *field, const char *v, char *err, size_t len)
{
	size_t n = strlen(v);
	char *copy;

	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	}
	if (!n || n >= PATH_MAX)
		return config_errf(err, len, "%s: empty or too long path", field);
	if (memchr(v, '"', n))
		return config_errf(err, len, "%s: misplaced quote", field);
	copy = strndup(v, n);
	if (!copy)
		return config_errf(err, len, "%s: out of memory", field);
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
			return config_set_path(&c->ctrl_dir, name, v, err, len);
		/* DIR=/run/x GROUP=name */
		v += 4;
		g = strstr(v, " GROUP=");
		if ((size_t)(g ? g - v : (ptrdiff_t)strlen(v)) >= sizeof(dir))
			return config_errf(err, len, "%s: path too long", name);
		snprintf(dir, sizeof(dir), "%.*s", (int)(g ? g - v : (ptrdiff_t)strlen(v)), v);
		if (!dir[0] || strchr(dir, ' '))
			return config_errf(err, len, "%s: expected DIR=path [GROUP=name]", name);
		if (g && config_set_group(c, name, g + 7, err, len) < 0)
			return -1;
		return config_set_path(&c->ctrl_dir, name, dir, err, len);
	}
	if (!strcmp(name, "ctrl_interface_group"))
		return config_set_group(c, name, v, err, len);
	if (!strcmp(name, "ihv_plugin"))
		return config_set_path(&c->ihv_plugin, name, v, err, len);
	if (!strcmp(name, "sae_pwe")) {
		long x;

		if (config_parse_int(v, 0, 2, &x) < 0)
			return config_errf(err, len, "sae_pwe: expected 0, 1 or 2");
		c->sae_pwe = (int)x;
		return 0;
	}
	if (!strcmp(name, "sae_groups")) {
		char sub[160];

		if (config_parse_sae_groups(v, c->sae_groups, &c->n_sae_groups, sub,
					    sizeof(sub)) < 0)
			return config_errf(err, len, "sae_groups: %s", sub);
		return 0;
	}
	if (!strcmp(name, "plugin_isolation")) {
		if (strcmp(v, "isolated") && strcmp(v, "inline"))
			return config_errf(err, len, "plugin_isolation: expected isolated or inline");
		c->plugin_inline = !strcmp(v, "inline");
		return 0;
	}
	if (!strcmp(name, "plugin_user")) {
		if (!*v || strchr(v, ' ') || !strcmp(v, "root"))
			return config_errf(err, len, "plugin_user: expected a user name other than root");
		free(c->plugin_user);
		c->plugin_user = strdup(v);
		return c->plugin_user ? 0 : config_errf(err, len, "out of memory");
	}
	if (!strcmp(name, "plugin_share_cpu")) {
		if (strcmp(v, "0") && strcmp(v, "1"))
			return config_errf(err, len, "plugin_share_cpu: expected 0 or 1");
		c->plugin_cpu_unshared = !strcmp(v, "0");
		return 0;
	}
	if (!strcmp(name, "plugin_handler_timeout_ms")) {
		long x;

		if (config_parse_int(v, 100, 600000, &x) < 0)
			return config_errf(err, len, "plugin_handler_timeout_ms: expected 100..600000");
		c->plugin_handler_timeout_ms = (uint32_t)x;
		return 0;
	}
	if (!strcmp(name, "eapol_path")) {
		if (!strcmp(v, "auto"))
			c->eapol_path = DRV_EAPOL_AUTO;
		else if (!strcmp(v, "nl80211"))
			c->eapol_path = DRV_EAPOL_NL80211;
		else if (!strcmp(v, "packet"))
			c->eapol_path = DRV_EAPOL_PACKET;
		else
			return config_errf(err, len, "eapol_path: expected auto, nl80211 or packet");
		return 0;
	}
	return config_compat_global_set(c, name, v, err, len);
}

/* --- the file ---------------------------------------------------------------- */

struct config *config_new(void)
{
	struct config *c = calloc(1, sizeof(*c));

	if (c) {
		c->eapol_path = DRV_EAPOL_AUTO;
		c->sae_pwe = -1; /* unset: networks use 0, as wpa_supplicant */
		c->ap_scan = 1;
	}
	return c;
}

void config_free(struct config *c)
{
	if (!c)
		return;
	while (c->networks) {
		struct config_network *n = c->networks;

		c->networks = n->next;
		config_network_free(n);
	}
	free(c->path);
	free(c->ctrl_dir);
	free(c->ctrl_group);
	free(c->ihv_plugin);
	free(c->file_text);
	free(c->file_tail);
	free(c->plugin_user);
	free(c);
}

struct config_load_ctx {
	const char *path;
	char *err;
	size_t err_len;
	size_t err_used;
	int n_errors;
};

static void config_load_error(struct config_load_ctx *lc, int line, const char *msg)
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


static int config_file_read(const char *path, char **buf, size_t *len, mode_t *mode,
		     char *err, size_t err_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t got = 0;
	char *b;

	if (fd < 0)
		return config_errf(err, err_len, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return config_errf(err, err_len, "%s: not a regular file", path);
	}
	if (st.st_size > CONFIG_FILE_MAX) {
		close(fd);
		return config_errf(err, err_len, "%s: too large (over %d bytes)", path, CONFIG_FILE_MAX);
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		close(fd);
		return config_errf(err, err_len, "%s: out of memory", path);
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

/* Parse buf (len bytes, NUL-terminated; wiped and freed here), read from path with mode. */
static struct config *config_parse(const char *path, char *buf, size_t len, mode_t mode,
				   char *err, size_t err_len)
{
	struct config_load_ctx lc = { .path = path, .err = err, .err_len = err_len };
	struct config *c;
	struct config_network *cur = NULL;
	char *line, *next, msg[512], raw[CONFIG_LINE_MAX + 1];
	struct config_text pending = { 0 };
	int lineno = 0, block_line = 0;

	c = config_new();
	if (!c || !(c->path = strdup(path))) {
		config_free(c);
		secret_wipe(buf, len);
		free(buf);
		config_errf(err, err_len, "%s: out of memory", path);
		return NULL;
	}
	if (memchr(buf, 0, len))
		config_load_error(&lc, 1, "file contains a NUL byte");

	for (line = buf; line && line < buf + len; line = next) {
		char *s, *eq, *name, *value;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (strlen(line) > CONFIG_LINE_MAX) {
			config_load_error(&lc, lineno, "line too long");
			continue;
		}
		snprintf(raw, sizeof(raw), "%s", line);
		s = config_line_clean(line);
		/* The text as read, for SAVE_CONFIG (config-save.h). */
		if (config_text_line(c, cur, &pending, raw, s) < 0)
			config_load_error(&lc, lineno, "out of memory");
		if (!*s)
			continue;
		if (!strcmp(s, "}")) {
			if (!cur) {
				config_load_error(&lc, lineno, "'}' outside a network block");
				continue;
			}
			if (config_network_check(cur, msg, sizeof(msg)) < 0)
				config_load_error(&lc, block_line, msg);
			cur = NULL;
			continue;
		}
		eq = strchr(s, '=');
		if (!eq) {
			config_load_error(&lc, lineno, "expected name=value");
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
				config_load_error(&lc, lineno, "expected network={");
				continue;
			}
			if (cur) {
				config_load_error(&lc, lineno, "network block inside a network block");
				continue;
			}
			cur = config_network_add(c);
			if (!cur) {
				config_load_error(&lc, lineno, "out of memory");
				break;
			}
			block_line = lineno;
			continue;
		}
		if (cur) {
			if (config_network_set(cur, name, value, msg, sizeof(msg)) < 0)
				config_load_error(&lc, lineno, msg);
		} else if (config_global_set(c, name, value, msg, sizeof(msg)) < 0) {
			config_load_error(&lc, lineno, msg);
		}
	}
	if (cur)
		config_load_error(&lc, block_line, "network block not closed");
	if (config_text_end(c, &pending) < 0)
		config_load_error(&lc, lineno, "out of memory");
	secret_wipe(buf, len);
	secret_wipe(msg, sizeof(msg));
	secret_wipe(raw, sizeof(raw));
	free(buf);

	if (lc.n_errors) {
		config_free(c);
		return NULL;
	}
	config_compat_finish(c);
	for (cur = c->networks; cur; cur = cur->next) {
		if (cur->passphrase_set || cur->psk_set || cur->sae_password_set ||
		    config_eap_has_secret(cur))
			c->has_secret = true;
		/* global sae_pwe/sae_groups given after the block: still the default */
		if (cur->sae_pwe < 0)
			cur->sae_pwe = c->sae_pwe;
		if (!cur->n_sae_groups) {
			memcpy(cur->sae_groups, c->sae_groups, sizeof(cur->sae_groups));
			cur->n_sae_groups = c->n_sae_groups;
		}
	}
	if (c->has_secret && (mode & (S_IRGRP | S_IROTH)))
		log_warn("%s holds a psk and is readable by %s (mode %04o): chmod 600 it",
			 path, (mode & S_IROTH) ? "others" : "its group",
			 (unsigned int)(mode & 07777));
	return c;
}

struct config *config_load(const char *path, char *err, size_t err_len)
{
	char *buf = NULL;
	size_t len = 0;
	mode_t mode = 0;

	if (err && err_len)
		err[0] = 0;
	config_compat_notices_reset();
	if (config_file_read(path, &buf, &len, &mode, err, err_len) < 0)
		return NULL;
	return config_parse(path, buf, len, mode, err, err_len);
}

struct config *config_load_text(const char *name, const char *text, size_t len, char *err,
				size_t err_len)
{
	char *buf;

	if (err && err_len)
		err[0] = 0;
	config_compat_notices_reset();
	if (len > CONFIG_FILE_MAX) {
		config_errf(err, err_len, "%s: too large (over %d bytes)", name, CONFIG_FILE_MAX);
		return NULL;
	}
	buf = malloc(len + 1);
	if (!buf) {
		config_errf(err, err_len, "%s: out of memory", name);
		return NULL;
	}
	if (len)
		memcpy(buf, text, len);
	buf[len] = 0;
	return config_parse(name, buf, len, 0, err, err_len);
}
