// SPDX-License-Identifier: BSD-3-Clause
/* The configuration written back, atomically (config-save.h). */
#define _GNU_SOURCE
#include "daemon/config-save.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "common/wipe.h"
#include "common/hex.h"
#include "daemon/config-eap.h"
#include "daemon/config-parse.h"

#define CONFIG_SAVE_LINE_MAX (4096 + 1) /* config.c's longest line, and its NUL */

/* --- growing text ----------------------------------------------------------------- */

static int config_text_put(struct config_text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *b = malloc(cap);

		if (!b)
			return -1;
		if (t->buf) {
			memcpy(b, t->buf, t->len);
			secret_wipe(t->buf, t->cap);
			free(t->buf);
		}
		t->buf = b;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = 0;
	return 0;
}

static int config_text_putline(struct config_text *t, const char *s)
{
	return config_text_put(t, s, strlen(s)) < 0 || config_text_put(t, "\n", 1) < 0 ? -1 : 0;
}

/* Append t's text to *slot (a NUL-terminated string or NULL); t is emptied. */
static int config_text_move(char **slot, struct config_text *t)
{
	struct config_text dst = { 0 };
	int r = 0;

	if (!t->len)
		return 0;
	if (*slot) {
		r = config_text_put(&dst, *slot, strlen(*slot));
		secret_wipe(*slot, strlen(*slot));
		free(*slot);
		*slot = NULL;
	}
	if (r == 0)
		r = config_text_put(&dst, t->buf, t->len);
	*slot = dst.buf;
	secret_wipe(t->buf, t->cap);
	free(t->buf);
	memset(t, 0, sizeof(*t));
	return r;
}

static bool config_text_is_header(const char *clean)
{
	size_t n = strspn(clean, " \t");

	if (strncmp(clean + n, "network", 7) != 0)
		return false;
	clean += n + 7;
	clean += strspn(clean, " \t");
	if (*clean++ != '=')
		return false;
	clean += strspn(clean, " \t");
	return !strcmp(clean, "{");
}

int config_text_line(struct config *c, struct config_network *cur,
		     struct config_text *pending, const char *raw, const char *clean)
{
	if (cur) {
		/* The block's lead (comments before it, its header) comes first. */
		if (pending->header) {
			pending->header = false;
			if (config_text_move(&cur->file_text, pending) < 0)
				return -1;
		}
		if (!strcmp(clean, "}"))
			return 0;
		struct config_text t = { 0 };
		int r = config_text_putline(&t, raw);

		if (r == 0)
			r = config_text_move(&cur->file_text, &t);
		return r;
	}
	if (!*clean)
		return config_text_putline(pending, raw);
	if (config_text_is_header(clean)) {
		pending->header = true;
		return config_text_putline(pending, raw);
	}
	/* A global line: the comments before it stay with it. */
	if (config_text_putline(pending, raw) < 0)
		return -1;
	return config_text_move(&c->file_text, pending);
}

int config_text_end(struct config *c, struct config_text *pending)
{
	int r = 0;

	if (!pending->header)
		r = config_text_move(&c->file_tail, pending);
	secret_wipe(pending->buf, pending->cap);
	free(pending->buf);
	memset(pending, 0, sizeof(*pending));
	return r;
}

void config_text_free(char *text, size_t len)
{
	if (!text)
		return;
	secret_wipe(text, len);
	free(text);
}

/* --- writing a network ------------------------------------------------------------- */

/* The fields ihvd writes itself, in the order a new block gets them. */
static const char *const config_save_fields[] = {
	"ssid", "scan_ssid", "bssid", "psk", "key_mgmt", "pairwise", "group", "ieee80211w",
	"scan_freq", "freq_list", "priority", "disabled", "id_str", "ihv_profile",
	"mem_only_psk", "sae_password", "sae_pwe", "sae_groups",
	/* the 802.1X block (config-eap.c), secrets in their file form */
	"eap", "identity", "anonymous_identity", "password", "ca_cert", "client_cert",
	"private_key", "private_key_passwd", "phase1", "phase2", "domain_suffix_match",
	"domain_match",
};
#define CONFIG_SAVE_N_FIELDS (sizeof(config_save_fields) / sizeof(config_save_fields[0]))

static int config_save_field_index(const char *name)
{
	size_t i;

	for (i = 0; i < CONFIG_SAVE_N_FIELDS; i++)
		if (!strcmp(config_save_fields[i], name))
			return (int)i;
	return -1;
}

/* A field's file form, secrets included (this is the file). 0, or -1 when unset. */
static int config_save_value(const struct config_network *n, const char *name, char *buf,
			     size_t len)
{
	if (!strcmp(name, "psk")) {
		/* mem_only_psk=1: the passphrase or PSK stays in memory, never in the file
		 * (as wpa_supplicant) */
		if (n->mem_only_psk)
			return -1;
		if (n->passphrase_set)
			return snprintf(buf, len, "\"%s\"", n->passphrase) < (int)len ? 0 : -1;
		if (!n->psk_set || len < 2 * CONFIG_PSK_LEN + 1)
			return -1;
		hex_encode(n->psk, CONFIG_PSK_LEN, buf);
		return 0;
	}
	if (!strcmp(name, "ieee80211w") && !n->ieee80211w_set)
		return -1;
	if (!strcmp(name, "sae_password")) {
		if (!n->sae_password_set)
			return -1;
		return config_string_value((const uint8_t *)n->sae_password,
					   strlen(n->sae_password), buf, len);
	}
	if (config_eap_field(name))
		return config_eap_file_value(n, name, buf, len);
	return config_network_value(n, name, buf, len);
}

/* Is the field at its default (a new block leaves it out)? The SAE settings default to the
 * file's global ones, which every network takes at load. */
static bool config_save_default(const struct config *c, const struct config_network *n,
				const char *name)
{
	if (!strcmp(name, "sae_pwe"))
		return n->sae_pwe == c->sae_pwe;
	if (!strcmp(name, "sae_groups"))
		return n->n_sae_groups == c->n_sae_groups &&
		       !memcmp(n->sae_groups, c->sae_groups,
			       n->n_sae_groups * sizeof(n->sae_groups[0]));
	if (!strcmp(name, "key_mgmt"))
		return n->key_mgmt == CONFIG_AKM_PSK;
	if (!strcmp(name, "pairwise"))
		return n->pairwise == CONFIG_PAIRWISE_DEFAULT;
	if (!strcmp(name, "group"))
		return n->group == CONFIG_GROUP_DEFAULT;
	if (!strcmp(name, "scan_ssid"))
		return !n->scan_ssid;
	if (!strcmp(name, "priority"))
		return !n->priority;
	if (!strcmp(name, "disabled"))
		return !n->disabled;
	if (!strcmp(name, "mem_only_psk"))
		return !n->mem_only_psk;
	return false;
}

/* Does the line's own value (parsed afresh) equal the network's value now? */
static bool config_save_unchanged(const struct config_network *n, const char *name,
				  const char *value)
{
	struct config_network was = { 0 };
	char a[CONFIG_PROFILE_MAX * 4 + 8], b[CONFIG_PROFILE_MAX * 4 + 8];
	bool same;
	int ra, rb;

	/*
	 * The 802.1X fields are compared in their file form, not parsed again: parsing checks
	 * the certificate and key files and logs its warnings (ca_cert="none", a key others can
	 * read) at every save. A value written in another form is rewritten in this one.
	 */
	if (config_eap_field(name)) {
		value += strspn(value, " \t");
		rb = config_save_value(n, name, b, sizeof(b));
		same = rb == 0 && !strcmp(value, b);
		secret_wipe(b, sizeof(b));
		return same;
	}
	was.key_mgmt = CONFIG_AKM_PSK;
	if (config_network_set(&was, name, value, NULL, 0) < 0) {
		same = false;
	} else {
		ra = config_save_value(&was, name, a, sizeof(a));
		rb = config_save_value(n, name, b, sizeof(b));
		same = ra == rb && (ra < 0 || !strcmp(a, b));
	}
	secret_wipe(a, sizeof(a));
	secret_wipe(b, sizeof(b));
	if (was.ihv_profile)
		secret_wipe(was.ihv_profile, strlen(was.ihv_profile));
	free(was.ihv_profile);
	free(was.id_str);
	config_eap_free(was.eap); /* wipes its secrets */
	secret_wipe(&was, sizeof(was));
	return same;
}

static int config_save_field(struct config_text *t, const char *indent, size_t indent_len,
			     const struct config_network *n, const char *name)
{
	char val[CONFIG_PROFILE_MAX * 4 + 8];
	int r = 0;

	if (config_save_value(n, name, val, sizeof(val)) < 0)
		return 0;
	if (config_text_put(t, indent, indent_len) < 0 || config_text_put(t, name, strlen(name)) < 0 ||
	    config_text_put(t, "=", 1) < 0 || config_text_putline(t, val) < 0)
		r = -1;
	secret_wipe(val, sizeof(val));
	return r;
}

/* One line of a block read from the file. */
static int config_save_block_line(struct config_text *t, const struct config_network *n,
				  const char *raw, bool *written)
{
	char copy[CONFIG_SAVE_LINE_MAX], *clean, *eq;
	int idx, r;

	snprintf(copy, sizeof(copy), "%s", raw);
	clean = config_line_clean(copy);
	eq = strchr(clean, '=');
	if (!*clean || !eq) {
		secret_wipe(copy, sizeof(copy));
		return config_text_putline(t, raw);
	}
	*eq = 0;
	for (char *e = eq; e > clean && (e[-1] == ' ' || e[-1] == '\t');)
		*--e = 0;
	idx = config_save_field_index(clean);
	if (idx < 0) {
		/* Noticed or unknown to this version: kept as it was. */
		secret_wipe(copy, sizeof(copy));
		return config_text_putline(t, raw);
	}
	if (written[idx] || (n->mem_only_psk && !strcmp(clean, "psk"))) {
		r = 0; /* a repeated field: the value now was written once; a memory-only psk */
	} else if (config_save_unchanged(n, clean, eq + 1)) {
		r = config_text_putline(t, raw);
	} else {
		r = config_save_field(t, raw, strspn(raw, " \t"), n, clean);
	}
	written[idx] = true;
	secret_wipe(copy, sizeof(copy));
	return r;
}

/* The next line of the kept text *p into line (cut at its size); false at the end. */
static bool config_save_line_next(const char **p, char line[CONFIG_SAVE_LINE_MAX])
{
	const char *nl;
	size_t l;

	if (!*p || !**p)
		return false;
	nl = strchr(*p, '\n');
	l = nl ? (size_t)(nl - *p) : strlen(*p);
	snprintf(line, CONFIG_SAVE_LINE_MAX, "%.*s",
		 (int)(l < CONFIG_SAVE_LINE_MAX ? l : CONFIG_SAVE_LINE_MAX - 1), *p);
	*p = nl ? nl + 1 : *p + l;
	return true;
}

static int config_save_network(struct config_text *t, const struct config *c,
			       const struct config_network *n)
{
	bool written[CONFIG_SAVE_N_FIELDS] = { false };
	const char *p = n->file_text;
	char line[CONFIG_SAVE_LINE_MAX];
	bool body = false;
	size_t i;
	int r = 0;

	if (!p && config_text_putline(t, "network={") < 0)
		return -1;
	while (r == 0 && config_save_line_next(&p, line)) {
		if (!body) {
			char copy[sizeof(line)];

			memcpy(copy, line, sizeof(copy));
			body = config_text_is_header(config_line_clean(copy));
			r = config_text_putline(t, line);
			continue;
		}
		r = config_save_block_line(t, n, line, written);
	}
	secret_wipe(line, sizeof(line));
	for (i = 0; i < CONFIG_SAVE_N_FIELDS && r == 0; i++)
		if (!written[i] && !config_save_default(c, n, config_save_fields[i]))
			r = config_save_field(t, "\t", 1, n, config_save_fields[i]);
	return r < 0 || config_text_putline(t, "}") < 0 ? -1 : 0;
}

/* The globals as read, with country= as it is now. */
static int config_save_globals(struct config_text *t, const struct config *c)
{
	const char *p = c->file_text;
	bool country_done = false;
	char line[CONFIG_SAVE_LINE_MAX], copy[sizeof(line)], *clean;
	int r = 0;

	while (r == 0 && config_save_line_next(&p, line)) {
		memcpy(copy, line, sizeof(copy));
		clean = config_line_clean(copy);
		if (!strncmp(clean, "country", 7) && clean[7 + strspn(clean + 7, " \t")] == '=') {
			if (c->country[0] && !country_done)
				r = config_text_put(t, "country=", 8) < 0 ||
				    config_text_putline(t, c->country) < 0 ? -1 : 0;
			country_done = true;
			continue;
		}
		r = config_text_putline(t, line);
	}
	if (r == 0 && c->country[0] && !country_done)
		r = config_text_put(t, "country=", 8) < 0 ||
		    config_text_putline(t, c->country) < 0 ? -1 : 0;
	return r;
}

char *config_save_text(const struct config *c, size_t *len)
{
	struct config_text t = { 0 };
	const struct config_network *n;
	int r = config_save_globals(&t, c);

	for (n = c->networks; n && r == 0; n = n->next)
		if (!n->discovery_sec) /* a plugin's proposal lives for this run only */
			r = config_save_network(&t, c, n);
	if (r == 0 && c->file_tail)
		r = config_text_put(&t, c->file_tail, strlen(c->file_tail));
	if (r == 0 && !t.buf)
		r = config_text_put(&t, "", 0);
	if (r < 0) {
		config_text_free(t.buf, t.cap);
		return NULL;
	}
	*len = t.len;
	return t.buf;
}

/* --- the atomic write ------------------------------------------------------------------ */

static int config_save_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int config_save(const struct config *c, char *err, size_t err_len)
{
	char tmp[PATH_MAX], dir[PATH_MAX], *text;
	struct stat st;
	size_t len = 0;
	int fd, dfd, e;

	if (!c->path)
		return config_errf(err, err_len, "no configuration file to save to");
	if (stat(c->path, &st) < 0)
		return config_errf(err, err_len, "%s: %s", c->path, strerror(errno));
	if (snprintf(tmp, sizeof(tmp), "%s.ihvd-XXXXXX", c->path) >= (int)sizeof(tmp))
		return config_errf(err, err_len, "%s: path too long", c->path);
	text = config_save_text(c, &len);
	if (!text)
		return config_errf(err, err_len, "%s: out of memory", c->path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		config_text_free(text, len);
		return config_errf(err, err_len, "%s: cannot create a temporary file: %s", c->path,
				   strerror(e));
	}
	/* The old file's mode and owner (root may hand it to someone else). */
	if (fchmod(fd, st.st_mode & 07777) < 0 ||
	    (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM) ||
	    config_save_write_all(fd, text, len) < 0 || fsync(fd) < 0) {
		e = errno;
		close(fd);
		unlink(tmp);
		config_text_free(text, len);
		return config_errf(err, err_len, "%s: %s", tmp, strerror(e));
	}
	config_text_free(text, len);
	if (close(fd) < 0 || rename(tmp, c->path) < 0) {
		e = errno;
		unlink(tmp);
		return config_errf(err, err_len, "%s: %s", c->path, strerror(e));
	}
	/* The rename itself survives a crash once the directory is on disk. */
	snprintf(dir, sizeof(dir), "%s", c->path);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}
