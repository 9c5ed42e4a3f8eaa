// SPDX-License-Identifier: BSD-3-Clause
/*
 * The a{sv} of AddNetwork (and of a network's Properties) -> fields of a
 * network block. Each entry becomes the text a configuration file (or
 * SET_NETWORK) would carry and goes through config_network_set, the same
 * validators as the control socket: so the bus takes exactly what a file
 * takes. Types as wpa_supplicant takes them and NetworkManager 1.42 sends
 * them: s (strings: quoted for the string fields, as is for keywords), ay
 * (the SSID, a raw 32-byte PSK, other bytes), i and u (numbers), b.
 * Anything else is refused with the key and the type named. Values may be
 * secrets: the texts are cleared after use and never logged.
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/wipe.h"

#define DBUS_DICT_VALUE_MAX 4100 /* ihv_profile's 4000 bytes, quoted */
#define DBUS_DICT_KEY_MAX 64
#define DBUS_DICT_ENTRIES_MAX 64

/*
 * The 802.1X text fields (config-eap.h): NetworkManager sends them as bytes
 * (identity, password, paths) or as keywords (phase1, phase2); the file
 * takes them quoted, whatever their bytes (UTF-8 and control characters are
 * judged by config_eap_set).
 */
static bool dbus_dict_eap_text(const char *key)
{
	static const char *const eap[] = { "identity", "anonymous_identity", "password",
					   "ca_cert", "client_cert", "private_key",
					   "private_key_passwd", "phase1", "phase2",
					   "domain_suffix_match", "domain_match", NULL };
	size_t k;

	for (k = 0; eap[k]; k++)
		if (!strcmp(key, eap[k]))
			return true;
	return false;
}

/* Fields whose configuration text is a quoted string (wpa_supplicant's string fields). */
static bool dbus_dict_quoted(const char *key)
{
	static const char *const quoted[] = { "ssid", "psk", "sae_password", "id_str",
					      "ihv_profile", "bgscan", NULL };
	size_t k;

	for (k = 0; quoted[k]; k++)
		if (!strcmp(key, quoted[k]))
			return true;
	return dbus_dict_eap_text(key);
}

/* "..." around n bytes; -E2BIG if they do not fit, -EILSEQ for a NUL inside. */
static int dbus_dict_quote(const uint8_t *p, size_t n, char *buf, size_t len)
{
	if (memchr(p, 0, n))
		return -EILSEQ;
	if (n + 3 > len)
		return -E2BIG;
	buf[0] = '"';
	memcpy(buf + 1, p, n);
	buf[n + 1] = '"';
	buf[n + 2] = 0;
	return 0;
}

static bool dbus_dict_printable(const uint8_t *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (p[k] < 0x20 || p[k] > 0x7e || p[k] == '"')
			return false;
	return true;
}

static bool dbus_dict_is_hex64(const char *s)
{
	size_t k;

	for (k = 0; s[k]; k++)
		if (!((s[k] >= '0' && s[k] <= '9') || (s[k] >= 'a' && s[k] <= 'f') ||
		      (s[k] >= 'A' && s[k] <= 'F')))
			return false;
	return k == 64;
}

static int dbus_dict_hex(const uint8_t *p, size_t n, char *buf, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	size_t k;

	if (n * 2 + 1 > len)
		return -E2BIG;
	for (k = 0; k < n; k++) {
		buf[2 * k] = digits[p[k] >> 4];
		buf[2 * k + 1] = digits[p[k] & 15];
	}
	buf[2 * n] = 0;
	return 0;
}

static int dbus_dict_string(const char *key, const char *v, char *buf, size_t len)
{
	size_t n = strlen(v);

	if (!strcmp(key, "ssid") && !dbus_dict_printable((const uint8_t *)v, n))
		return dbus_dict_hex((const uint8_t *)v, n, buf, len);
	if (!strcmp(key, "psk") && dbus_dict_is_hex64(v)) {
		if (n + 1 > len)
			return -E2BIG;
		memcpy(buf, v, n + 1);
		return 0;
	}
	if (!dbus_dict_quoted(key)) {
		if (n + 1 > len)
			return -E2BIG;
		memcpy(buf, v, n + 1);
		return 0;
	}
	return dbus_dict_quote((const uint8_t *)v, n, buf, len);
}

static int dbus_dict_bytes(const char *key, const uint8_t *p, size_t n, char *buf, size_t len)
{
	/* A PSK as bytes is the raw 256-bit key (IEEE 802.11-2020 12.7.1.3: PSK = PMK). */
	if (!strcmp(key, "psk") && n == 32)
		return dbus_dict_hex(p, n, buf, len);
	if (dbus_dict_eap_text(key))
		return dbus_dict_quote(p, n, buf, len);
	if (!strcmp(key, "ssid") || !dbus_dict_printable(p, n) || !dbus_dict_quoted(key))
		return dbus_dict_hex(p, n, buf, len);
	return dbus_dict_quote(p, n, buf, len);
}

int dbus_dict_value_text(sd_bus_message *m, const char *key, char *buf, size_t len,
			 sd_bus_error *e)
{
	const char *contents;
	char type;
	int r;

	r = sd_bus_message_peek_type(m, &type, &contents);
	if (r < 0)
		return r;
	if (type != 'v' || !contents)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "network property '%s': not a variant", key);
	if (!strcmp(contents, "s")) {
		const char *v;

		r = sd_bus_message_read(m, "v", "s", &v);
		if (r >= 0)
			r = dbus_dict_string(key, v, buf, len);
	} else if (!strcmp(contents, "ay")) {
		const void *p;
		size_t n;

		r = sd_bus_message_enter_container(m, 'v', "ay");
		if (r >= 0)
			r = sd_bus_message_read_array(m, 'y', &p, &n);
		if (r >= 0)
			r = sd_bus_message_exit_container(m);
		if (r >= 0)
			r = dbus_dict_bytes(key, p, n, buf, len);
	} else if (!strcmp(contents, "i")) {
		int32_t v;

		r = sd_bus_message_read(m, "v", "i", &v);
		if (r >= 0)
			snprintf(buf, len, "%d", v);
	} else if (!strcmp(contents, "u")) {
		uint32_t v;

		r = sd_bus_message_read(m, "v", "u", &v);
		if (r >= 0)
			snprintf(buf, len, "%u", v);
	} else if (!strcmp(contents, "b")) {
		int v;

		r = sd_bus_message_read(m, "v", "b", &v);
		if (r >= 0)
			snprintf(buf, len, "%d", v ? 1 : 0);
	} else {
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "network property '%s': type '%s' is not taken (s, ay, i, "
					 "u or b)", key, contents);
	}
	if (r == -E2BIG)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "network property '%s': value too long", key);
	if (r == -EILSEQ)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "network property '%s': a NUL byte inside", key);
	return r;
}

/* One entry's text into the block, or a blob:// reference to ref. */
static int dbus_dict_entry_set(struct config_network *n, const char *key, const char *val,
			       dbus_dict_ref_fn ref, void *ctx, sd_bus_error *e)
{
	char name[130], err[256];

	if (dbus_blob_ref_field(key) && dbus_blob_ref_name(val, name, sizeof(name))) {
		if (!ref)
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "network property '%s': blob:// is taken by "
						 "AddNetwork only", key);
		return ref(ctx, n->id, key, name, e);
	}
	if (config_network_set(n, key, val, err, sizeof(err)) < 0)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS, "network property '%s': %s", key,
					 err);
	return 0;
}

int dbus_dict_network_read(sd_bus_message *m, struct config_network *n, sd_bus_error *e)
{
	return dbus_dict_network_read_refs(m, n, NULL, NULL, e);
}

int dbus_dict_network_read_refs(sd_bus_message *m, struct config_network *n,
				dbus_dict_ref_fn ref, void *ctx, sd_bus_error *e)
{
	char val[DBUS_DICT_VALUE_MAX];
	const char *key;
	unsigned entries = 0;
	int r;

	r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r < 0)
		return sd_bus_error_set(e, DBUS_ERR_INVALID_ARGS, "network properties: not an a{sv}");
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		if (++entries > DBUS_DICT_ENTRIES_MAX)
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "network properties: more than %d entries",
						 DBUS_DICT_ENTRIES_MAX);
		r = sd_bus_message_read(m, "s", &key);
		if (r < 0)
			return r;
		if (!*key || strlen(key) > DBUS_DICT_KEY_MAX)
			return sd_bus_error_set(e, DBUS_ERR_INVALID_ARGS,
						"network properties: a key of 1..64 chars");
		val[0] = 0;
		r = dbus_dict_value_text(m, key, val, sizeof(val), e);
		if (r >= 0)
			r = dbus_dict_entry_set(n, key, val, ref, ctx, e);
		secret_wipe(val, sizeof(val));
		if (r < 0)
			return r;
		r = sd_bus_message_exit_container(m);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	r = sd_bus_message_exit_container(m);
	return r < 0 ? r : 0;
}
