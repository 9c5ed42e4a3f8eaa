// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd -u: AddNetwork's a{sv} as NetworkManager 1.42 sends it, read into a
 * network block (src/dbus/dbus-dict.c), and the errors a client gets for
 * wrong types, unknown fields and bad values (without the secret in them).
 */
#define _GNU_SOURCE
#include <check.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#include "daemon/config.h"
#include "dbus/dbus-int.h"
#include "tests/unit/daemon/check-run.h"

static sd_bus *bus;
static sd_bus_message *msg;
static struct config *cfg;
static struct config_network *net;
static sd_bus_error err;

static void setup(void)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	ck_assert_int_ge(sd_bus_new(&bus), 0);
	ck_assert_int_ge(sd_bus_set_fd(bus, sv[0], sv[0]), 0);
	ck_assert_int_ge(sd_bus_start(bus), 0);
	close(sv[1]);
	ck_assert_int_ge(sd_bus_message_new_method_call(bus, &msg, DBUS_SERVICE,
							DBUS_ROOT "/Interfaces/0", DBUS_IF_IFACE,
							"AddNetwork"), 0);
	cfg = config_new();
	net = config_network_add(cfg);
	ck_assert_ptr_nonnull(net);
	err = (sd_bus_error)SD_BUS_ERROR_NULL;
}

static void teardown(void)
{
	sd_bus_error_free(&err);
	sd_bus_message_unref(msg);
	sd_bus_flush_close_unref(bus);
	config_free(cfg);
}

/* Seal the message and read it as ihvd reads a call. */
static int read_back(void)
{
	ck_assert_int_ge(sd_bus_message_seal(msg, 1, 0), 0);
	ck_assert_int_ge(sd_bus_message_rewind(msg, 1), 0);
	return dbus_dict_network_read(msg, net, &err);
}

static void entry_ay(const char *key, const void *p, size_t n)
{
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'e', "sv"), 0);
	ck_assert_int_ge(sd_bus_message_append(msg, "s", key), 0);
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'v', "ay"), 0);
	ck_assert_int_ge(sd_bus_message_append_array(msg, 'y', p, n), 0);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
}

START_TEST(nm_wpa_psk)
{
	char e[128];

	/* NM: ssid ay, psk s (passphrase), key_mgmt s, scan_ssid i, bgscan s */
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
	entry_ay("ssid", "ihvd-test", 9);
	ck_assert_int_ge(sd_bus_message_append(msg, "{sv}{sv}{sv}{sv}", "psk", "s",
					       "correct horse battery", "key_mgmt", "s", "WPA-PSK",
					       "scan_ssid", "i", 1, "bgscan", "s",
					       "simple:30:-70:86400"), 0);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_int_eq(read_back(), 0);
	ck_assert_uint_eq(net->ssid_len, 9);
	ck_assert_mem_eq(net->ssid, "ihvd-test", 9);
	ck_assert(net->passphrase_set);
	ck_assert_str_eq(net->passphrase, "correct horse battery");
	ck_assert_uint_eq(net->key_mgmt, CONFIG_AKM_PSK);
	ck_assert(net->scan_ssid);
	ck_assert_int_eq(config_network_check(net, e, sizeof(e)), 0);
}
END_TEST

START_TEST(raw_psk_and_odd_ssid)
{
	uint8_t psk[32];
	size_t k;

	for (k = 0; k < sizeof(psk); k++)
		psk[k] = (uint8_t)(k * 7 + 1);
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
	/* an SSID with a quote and a control byte: it must arrive byte for byte */
	entry_ay("ssid", "a\"b\x01", 4);
	entry_ay("psk", psk, sizeof(psk)); /* 32 bytes: the raw PSK */
	ck_assert_int_ge(sd_bus_message_append(msg, "{sv}", "ieee80211w", "i", 2), 0);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_int_eq(read_back(), 0);
	ck_assert_uint_eq(net->ssid_len, 4);
	ck_assert_mem_eq(net->ssid, "a\"b\x01", 4);
	ck_assert(net->psk_set);
	ck_assert(!net->passphrase_set);
	ck_assert_mem_eq(net->psk, psk, sizeof(psk));
	ck_assert_int_eq(net->ieee80211w, 2);
}
END_TEST

START_TEST(wrong_type)
{
	ck_assert_int_ge(sd_bus_message_append(msg, "a{sv}", 1, "ssid", "d", 1.5), 0);
	ck_assert_int_lt(read_back(), 0);
	ck_assert_str_eq(err.name, DBUS_ERR_INVALID_ARGS);
	ck_assert_ptr_nonnull(strstr(err.message, "'ssid': type 'd'"));
}
END_TEST

START_TEST(unknown_field)
{
	ck_assert_int_ge(sd_bus_message_append(msg, "a{sv}", 1, "bogus", "s", "x"), 0);
	ck_assert_int_lt(read_back(), 0);
	ck_assert_str_eq(err.name, DBUS_ERR_INVALID_ARGS);
	ck_assert_ptr_nonnull(strstr(err.message, "'bogus'"));
}
END_TEST

START_TEST(bad_passphrase_not_echoed)
{
	ck_assert_int_ge(sd_bus_message_append(msg, "a{sv}", 1, "psk", "s", "sekrit1"), 0);
	ck_assert_int_lt(read_back(), 0);
	ck_assert_str_eq(err.name, DBUS_ERR_INVALID_ARGS);
	ck_assert_ptr_nonnull(strstr(err.message, "psk"));
	ck_assert_ptr_null(strstr(err.message, "sekrit1"));
	ck_assert(!net->passphrase_set);
}
END_TEST

START_TEST(not_a_dict)
{
	ck_assert_int_ge(sd_bus_message_append(msg, "s", "ssid"), 0);
	ck_assert_int_lt(read_back(), 0);
	ck_assert_str_eq(err.name, DBUS_ERR_INVALID_ARGS);
}
END_TEST

int main(void)
{
	return CHECK_RUN("dbus-dict", setup, teardown, nm_wpa_psk, raw_psk_and_odd_ssid,
			 wrong_type, unknown_field, bad_passphrase_not_echoed, not_a_dict);
}
