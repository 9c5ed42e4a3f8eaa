// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the a{sv} -> network block conversion of ihvd -u
 * (src/dbus/dbus-dict.c, AddNetwork and a network's Properties), through
 * config_network_set and the block's check. The input describes a D-Bus
 * message body, built with sd-bus and then read back as ihvd reads a call:
 *
 *   byte 0: 0xff -> the body is a plain string instead of an a{sv}
 *   then records: K T L V[L]
 *     K < 0x80: a known key (K mod the table); else a key of the next K&0x3f bytes
 *     T mod 9: s, ay, i, u, b, d, as, a{sv} (nested, empty), y
 *     L: the value's length, V: its bytes (numbers: the first 4 bytes)
 *
 * Values sd-bus itself refuses to append (a string that is not UTF-8) end
 * the body there, as a client's library would.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#include "common/log.h"
#include "daemon/config.h"
#include "dbus/dbus-int.h"
#include "tests/fuzz/fuzz-main.h"

static const char *const fuzz_dict_keys[] = {
	"ssid", "psk", "key_mgmt", "ieee80211w", "scan_ssid", "bgscan", "proto", "pairwise",
	"group", "bssid", "freq_list", "frequency", "mode", "id_str", "sae_password",
	"ihv_profile", "priority", "disabled", "scan_freq", "sae_pwe", "nosuchfield", "",
	/* 802.1X (index 22 on), as NetworkManager sends them */
	"eap", "identity", "anonymous_identity", "password", "ca_cert", "client_cert",
	"private_key", "private_key_passwd", "phase1", "phase2", "domain_suffix_match",
	"domain_match", "fragment_size", "proactive_key_caching",
};
#define FUZZ_DICT_NKEYS (sizeof(fuzz_dict_keys) / sizeof(fuzz_dict_keys[0]))

static sd_bus *fuzz_dict_bus(void)
{
	static sd_bus *bus;
	char err[160];
	int sv[2];

	if (bus)
		return bus;
	/* dbus-dict.c calls libsystemd through sd-load's table, as ihvd does */
	if (sd_load(err, sizeof(err)) < 0)
		return NULL;
	/* An unconnected peer is enough to build messages: sd-bus wants an open bus. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return NULL;
	if (sd_bus_new(&bus) < 0 || sd_bus_set_fd(bus, sv[0], sv[0]) < 0 || sd_bus_start(bus) < 0) {
		sd_bus_unref(bus);
		bus = NULL;
	}
	return bus;
}

static int fuzz_dict_append_bytes(sd_bus_message *m, const uint8_t *v, size_t len)
{
	int r = sd_bus_message_open_container(m, 'v', "ay");

	if (r >= 0)
		r = sd_bus_message_append_array(m, 'y', v, len);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

static int fuzz_dict_append_value(sd_bus_message *m, uint8_t type, const uint8_t *v, size_t len)
{
	char str[512];
	uint32_t num = 0;
	size_t n = len < sizeof(str) - 1 ? len : sizeof(str) - 1;

	memcpy(&num, v, len < 4 ? len : 4);
	memcpy(str, v, n);
	str[n] = 0;
	switch (type % 9) {
	case 0:
		return sd_bus_message_append(m, "v", "s", str);
	case 1:
		return fuzz_dict_append_bytes(m, v, len);
	case 2:
		return sd_bus_message_append(m, "v", "i", (int32_t)num);
	case 3:
		return sd_bus_message_append(m, "v", "u", num);
	case 4:
		return sd_bus_message_append(m, "v", "b", (int)(num & 1));
	case 5:
		return sd_bus_message_append(m, "v", "d", (double)(int32_t)num);
	case 6:
		return sd_bus_message_append(m, "v", "as", 2, str, "x");
	case 7:
		return sd_bus_message_append(m, "v", "a{sv}", 0);
	default:
		return sd_bus_message_append(m, "v", "y", (uint8_t)num);
	}
}

static sd_bus_message *fuzz_dict_build(sd_bus *bus, const uint8_t *data, size_t size)
{
	sd_bus_message *m = NULL;
	size_t pos = 0;
	int r;

	if (sd_bus_message_new_method_call(bus, &m, "fi.w1.wpa_supplicant1",
					   "/fi/w1/wpa_supplicant1/Interfaces/0",
					   "fi.w1.wpa_supplicant1.Interface", "AddNetwork") < 0)
		return NULL;
	if (size && data[0] == 0xff) {
		r = sd_bus_message_append(m, "s", "not a dictionary");
		goto seal;
	}
	r = sd_bus_message_open_container(m, 'a', "{sv}");
	while (r >= 0 && pos + 3 <= size) {
		char key[64];
		uint8_t k = data[pos++], type, len;

		if (k < 0x80) {
			snprintf(key, sizeof(key), "%s", fuzz_dict_keys[k % FUZZ_DICT_NKEYS]);
		} else {
			size_t kl = k & 0x3f;

			if (pos + kl > size)
				break;
			kl = kl < sizeof(key) - 1 ? kl : sizeof(key) - 1;
			memcpy(key, data + pos, kl);
			key[kl] = 0;
			pos += k & 0x3f;
		}
		if (pos + 2 > size)
			break;
		type = data[pos++];
		len = data[pos++];
		if (pos + len > size)
			len = (uint8_t)(size - pos);
		r = sd_bus_message_open_container(m, 'e', "sv");
		if (r >= 0)
			r = sd_bus_message_append(m, "s", key);
		if (r >= 0)
			r = fuzz_dict_append_value(m, type, data + pos, len);
		if (r >= 0)
			r = sd_bus_message_close_container(m);
		pos += len;
	}
	/* A value sd-bus refused leaves the message unusable: start over without it. */
	if (r < 0) {
		sd_bus_message_unref(m);
		return NULL;
	}
	r = sd_bus_message_close_container(m);
seal:
	if (r < 0 || sd_bus_message_seal(m, 1, 0) < 0 || sd_bus_message_rewind(m, 1) < 0) {
		sd_bus_message_unref(m);
		return NULL;
	}
	return m;
}

/* AddNetwork's blob:// hook: a name must arrive, bounded and NUL-terminated. */
static int fuzz_dict_ref(void *ctx, int id, const char *key, const char *name, sd_bus_error *e)
{
	(void)ctx, (void)id, (void)e;
	if (!*key || strlen(name) > 128)
		__builtin_trap();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool quiet;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	struct config *c;
	struct config_network *n;
	sd_bus_message *m;
	sd_bus *bus;
	char buf[1024], err[256];

	if (!quiet) {
		log_level_set(LOG_LEVEL_ERROR);
		quiet = true;
	}
	bus = fuzz_dict_bus();
	if (!bus)
		return 0;
	m = fuzz_dict_build(bus, data, size);
	if (!m)
		return 0;
	c = config_new();
	n = c ? config_network_add(c) : NULL;
	if (n && dbus_dict_network_read_refs(m, n, size & 1 ? fuzz_dict_ref : NULL, NULL, &e) == 0) {
		(void)config_network_check(n, err, sizeof(err));
		for (size_t i = 0; i < FUZZ_DICT_NKEYS; i++)
			if (*fuzz_dict_keys[i])
				(void)config_network_value(n, fuzz_dict_keys[i], buf, sizeof(buf));
	}
	sd_bus_error_free(&e);
	sd_bus_message_unref(m);
	config_free(c);
	return 0;
}
