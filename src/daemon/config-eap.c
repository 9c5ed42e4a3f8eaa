// SPDX-License-Identifier: BSD-3-Clause
/* The 802.1X fields of a network block (config-eap.h). */
#include "daemon/config-eap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#include "common/wipe.h"
#include "common/log.h"
#include "daemon/config-parse.h"
#include "daemon/config.h"

#define CONFIG_EAP_TEXT_MAX 1024

enum config_eap_kind {
	CONFIG_EAP_TEXT,    /* a quoted string */
	CONFIG_EAP_SECRET,  /* a quoted string never shown */
	CONFIG_EAP_FILE,    /* a quoted path to a readable regular file */
};

struct config_eap_desc {
	const char *name;
	size_t off;
	enum config_eap_kind kind;
};

#define CONFIG_EAP_F(field, kind) { #field, offsetof(struct config_eap, field), kind }

static const struct config_eap_desc config_eap_fields[] = {
	CONFIG_EAP_F(identity, CONFIG_EAP_TEXT),
	CONFIG_EAP_F(anonymous_identity, CONFIG_EAP_TEXT),
	CONFIG_EAP_F(password, CONFIG_EAP_SECRET),
	CONFIG_EAP_F(ca_cert, CONFIG_EAP_FILE),
	CONFIG_EAP_F(client_cert, CONFIG_EAP_FILE),
	CONFIG_EAP_F(private_key, CONFIG_EAP_FILE),
	CONFIG_EAP_F(private_key_passwd, CONFIG_EAP_SECRET),
	CONFIG_EAP_F(phase1, CONFIG_EAP_TEXT),
	CONFIG_EAP_F(phase2, CONFIG_EAP_TEXT),
	CONFIG_EAP_F(domain_suffix_match, CONFIG_EAP_TEXT),
	CONFIG_EAP_F(domain_match, CONFIG_EAP_TEXT),
};

#define CONFIG_EAP_N (sizeof(config_eap_fields) / sizeof(config_eap_fields[0]))

static const struct config_eap_desc *config_eap_desc(const char *name)
{
	size_t i;

	for (i = 0; i < CONFIG_EAP_N; i++)
		if (!strcmp(config_eap_fields[i].name, name))
			return &config_eap_fields[i];
	return NULL;
}

bool config_eap_field(const char *name)
{
	return !strcmp(name, "eap") || config_eap_desc(name) != NULL;
}

void config_eap_free(struct config_eap *e)
{
	size_t i;

	if (!e)
		return;
	secret_str_free(&e->eap);
	for (i = 0; i < CONFIG_EAP_N; i++)
		secret_str_free((char **)((char *)e + config_eap_fields[i].off));
	secret_wipe(e, sizeof(*e));
	free(e);
}

/* One string of a copy: *to becomes a copy of from (NULL stays NULL); false when out of memory. */
static bool config_eap_str_copy(char **to, const char *from)
{
	*to = from ? strdup(from) : NULL;
	return !from || *to;
}

struct config_eap *config_eap_dup(const struct config_eap *e)
{
	struct config_eap *d = calloc(1, sizeof(*d));
	bool ok;
	size_t i;

	if (!d)
		return NULL;
	d->password_hash = e->password_hash;
	d->ca_none = e->ca_none;
	memcpy(d->methods, e->methods, sizeof(d->methods));
	ok = config_eap_str_copy(&d->eap, e->eap);
	for (i = 0; i < CONFIG_EAP_N; i++) {
		size_t off = config_eap_fields[i].off;

		ok &= config_eap_str_copy((char **)((char *)d + off),
					  *(char *const *)((const char *)e + off));
	}
	if (!ok) {
		config_eap_free(d);
		return NULL;
	}
	return d;
}

/* A readable regular file; a private key readable by others draws a warning. */
static int config_eap_file_check(const char *name, const char *path, char *err, size_t len)
{
	struct stat sb;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return config_errf(err, len, "%s: cannot read \"%s\": %s", name, path,
				   strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return config_errf(err, len, "%s: \"%s\" is not a regular file", name, path);
	}
	close(fd);
	if (!strcmp(name, "private_key") && (sb.st_mode & (S_IRGRP | S_IROTH)))
		log_warn("private_key \"%s\" is readable by %s (mode %04o): chmod 600 it", path,
			 (sb.st_mode & S_IROTH) ? "others" : "its group",
			 (unsigned int)(sb.st_mode & 07777));
	return 0;
}

bool config_eap_is_only(const struct config_eap *e, uint8_t type)
{
	return e && e->eap && e->methods[0] == type && !e->methods[1];
}

/* The error for an eap= word that names no method of ours, the n octets at w. */
static int config_eap_method_unknown(const char *w, size_t n, char *err, size_t len)
{
	static const char *const unsupported[] = { "MD5", "MSCHAPV2", "GTC", "OTP", "LEAP", "FAST",
						   "PWD", "SIM", "AKA", "AKA'", "TEAP", "TNC",
						   "PSK", "SAKE", "IKEV2", "GPSK", "EKE" };
	size_t i;

	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		if (strlen(unsupported[i]) == n && !memcmp(w, unsupported[i], n))
			return config_errf(err, len, "eap: %s is not supported as the outer "
					   "method (TLS, PEAP or TTLS)", unsupported[i]);
	return config_errf(err, len, "eap: unknown method '%.*s' (TLS, PEAP or TTLS)",
			   (int)(n < 32 ? n : 32), w);
}

/*
 * eap=: the outer methods the server may choose, space separated in our order of preference,
 * as wpa_supplicant reads it ("PEAP TTLS"); kept parsed (methods, each once) and as the
 * normalised text the control interface and SAVE_CONFIG show.
 */
static int config_eap_method(struct config_eap *e, const char *v, char *err, size_t len)
{
	uint8_t m[IHV_ONEX_METHODS_MAX] = { 0 };
	char list[sizeof("TLS PEAP TTLS")] = "";
	size_t n, k = 0;
	uint8_t t;

	for (;;) {
		v += strspn(v, " \t");
		if (!*v)
			break;
		n = strcspn(v, " \t");
		t = ihv_onex_method_parse(v, n);
		if (!t)
			return config_eap_method_unknown(v, n, err, len);
		/* each once: a repeat adds nothing, as in wpa_supplicant */
		if (!memchr(m, t, k) && k < sizeof(m))
			m[k++] = t;
		v += n;
	}
	if (!k)
		return config_errf(err, len, "eap: empty (TLS, PEAP or TTLS)");
	for (n = 0; n < k; n++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", n ? " " : "",
			 ihv_onex_method_name(m[n]));
	secret_str_free(&e->eap);
	e->eap = strdup(list);
	if (!e->eap) {
		memset(e->methods, 0, sizeof(e->methods));
		return config_errf(err, len, "eap: out of memory");
	}
	memcpy(e->methods, m, sizeof(m));
	return 0;
}

/* "hash:" and 32 hex digits (the MD4 NtPasswordHash, RFC 2759 8.3). */
static bool config_eap_hash_valid(const char *v)
{
	size_t i;

	if (strncmp(v, "hash:", 5) || strlen(v) != 5 + 32)
		return false;
	for (i = 5; v[i]; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f') ||
		      (v[i] >= 'A' && v[i] <= 'F')))
			return false;
	return true;
}

int config_eap_set(struct config_network *n, const char *name, const char *v, char *err,
		   size_t len)
{
	const struct config_eap_desc *d = config_eap_desc(name);
	uint8_t buf[CONFIG_EAP_TEXT_MAX + 1];
	size_t got = 0;
	char sub[200], *s, **slot;
	bool hash = false;
	int r;

	if (!n->eap) {
		n->eap = calloc(1, sizeof(*n->eap));
		if (!n->eap)
			return config_errf(err, len, "%s: out of memory", name);
	}
	if (!strcmp(name, "eap"))
		return config_eap_method(n->eap, v, err, len);
	if (!d)
		return config_errf(err, len, "unknown network field '%s'", name);
	if (!strcmp(name, "password") && !strncmp(v, "hash:", 5)) {
		if (!config_eap_hash_valid(v))
			return config_errf(err, len, "password: hash: needs 32 hex digits");
		memcpy(buf, v, strlen(v) + 1);
		got = strlen(v);
		hash = true;
	} else {
		r = config_parse_string(v, buf, CONFIG_EAP_TEXT_MAX, &got, sub, sizeof(sub));
		if (r) {
			secret_wipe(buf, sizeof(buf));
			return config_errf(err, len, "%s: %s", name,
					   r > 0 ? "expected a quoted string" : sub);
		}
		buf[got] = 0;
		if (memchr(buf, 0, got) || !config_utf8_text_valid(buf, got)) {
			secret_wipe(buf, sizeof(buf));
			return config_errf(err, len, "%s: contains a NUL or control character",
					   name);
		}
	}
	if (!got) {
		secret_wipe(buf, sizeof(buf));
		return config_errf(err, len, "%s: empty", name);
	}
	if (!strcmp(name, "ca_cert") && !strcmp((char *)buf, "none")) {
		secret_str_free(&n->eap->ca_cert);
		n->eap->ca_none = true;
		log_warn("ca_cert=\"none\": the 802.1X server's certificate will NOT be verified; "
			 "anyone can pose as this network");
		return 0;
	}
	if (d->kind == CONFIG_EAP_FILE && config_eap_file_check(name, (char *)buf, err, len) < 0)
		return -1;
	s = strdup((char *)buf);
	secret_wipe(buf, sizeof(buf));
	if (!s)
		return config_errf(err, len, "%s: out of memory", name);
	slot = (char **)((char *)n->eap + d->off);
	secret_str_free(slot);
	*slot = s;
	if (!strcmp(name, "ca_cert"))
		n->eap->ca_none = false;
	if (!strcmp(name, "password"))
		n->eap->password_hash = hash; /* a quoted "hash:..." is a password like any other */
	return 0;
}

int config_eap_value(const struct config_network *n, const char *name, char *buf, size_t len)
{
	const struct config_eap_desc *d = config_eap_desc(name);
	const char *s;

	if (!n->eap)
		return -1;
	if (!strcmp(name, "eap"))
		return n->eap->eap && snprintf(buf, len, "%s", n->eap->eap) < (int)len ? 0 : -1;
	if (!d || d->kind == CONFIG_EAP_SECRET)
		return -1;
	if (!strcmp(name, "ca_cert") && n->eap->ca_none)
		return snprintf(buf, len, "\"none\"") < (int)len ? 0 : -1;
	s = *(char *const *)((const char *)n->eap + d->off);
	if (!s)
		return -1;
	return config_string_value((const uint8_t *)s, strlen(s), buf, len);
}

/*
 * A value's file form: quoted as it is when it holds no quote (config_eap_set took no control
 * character, and UTF-8 stays one byte per byte, so the longest value fits a line), else
 * P"..." with escapes (a quote and a '#' in one value would otherwise read as a comment).
 */
static int config_eap_file_text(const char *s, char *buf, size_t len)
{
	if (!strchr(s, '"'))
		return snprintf(buf, len, "\"%s\"", s) < (int)len ? 0 : -1;
	return config_string_value((const uint8_t *)s, strlen(s), buf, len);
}

int config_eap_file_value(const struct config_network *n, const char *name, char *buf,
			  size_t len)
{
	const struct config_eap_desc *d = config_eap_desc(name);
	const char *s;

	if (!n->eap || !d)
		return config_eap_value(n, name, buf, len);
	if (!strcmp(name, "ca_cert") && n->eap->ca_none)
		return config_eap_value(n, name, buf, len);
	s = *(char *const *)((const char *)n->eap + d->off);
	if (!s)
		return -1;
	if (!strcmp(name, "password") && n->eap->password_hash)
		return snprintf(buf, len, "%s", s) < (int)len ? 0 : -1;
	return config_eap_file_text(s, buf, len);
}

bool config_eap_has_secret(const struct config_network *n)
{
	return n->eap && (n->eap->password || n->eap->private_key_passwd);
}

int config_eap_check(const struct config_network *n, char *err, size_t len)
{
	const struct config_eap *e = n->eap;
	bool wants = n->key_mgmt & (CONFIG_AKM_EAP | CONFIG_AKM_EAP_SHA256);

	if (!wants) {
		if (e && e->eap)
			return config_errf(err, len, "network block: eap=%s but key_mgmt has no "
					   "WPA-EAP or WPA-EAP-SHA256", e->eap);
		return 0;
	}
	if (!e || !e->eap)
		return config_errf(err, len, "network block: key_mgmt WPA-EAP needs eap= "
				   "(TLS, PEAP or TTLS)");
	if (!e->ca_cert && !e->ca_none)
		return config_errf(err, len, "network block: eap=%s without ca_cert: the "
				   "authentication server would not be verified; give "
				   "ca_cert=\"/path/ca.pem\" (or ca_cert=\"none\" to accept any "
				   "server, not recommended)", e->eap);
	/* TLS alone needs a certificate; a list without one runs without TLS (eap-peer.c) */
	if (config_eap_is_only(e, IHV_ONEX_EAP_TLS) && (!e->client_cert || !e->private_key))
		return config_errf(err, len, "network block: eap=TLS needs client_cert and "
				   "private_key");
	if (config_eap_is_only(e, IHV_ONEX_EAP_TLS) && !e->identity)
		return config_errf(err, len, "network block: eap=TLS needs an identity");
	if ((e->client_cert != NULL) != (e->private_key != NULL))
		return config_errf(err, len, "network block: client_cert and private_key go "
				   "together");
	return 0;
}
