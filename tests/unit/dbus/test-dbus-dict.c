// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd -u: AddNetwork's a{sv} as NetworkManager 1.42 sends it, read into a
 * network block (src/dbus/dbus-dict.c), and the errors a client gets for
 * wrong types, unknown fields and bad values (without the secret in them).
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

#include "daemon/config-eap.h"
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
	char why[160];
	int sv[2];

	/* dbus-dict.c calls libsystemd through sd-load's table, as ihvd does */
	ck_assert_msg(sd_load(why, sizeof(why)) == 0, "%s", why);
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

/* A CA file for ca_cert (config_eap_set opens it). */
static char ca_path[64];

static void ca_file(void)
{
	FILE *f;

	snprintf(ca_path, sizeof(ca_path), "/tmp/test-dbus-dict-ca.%d.pem", (int)getpid());
	f = fopen(ca_path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", f);
	fclose(f);
}

START_TEST(nm_peap)
{
	char e[256], v[128];

	/* NM 1.42: eap, phase2 and key_mgmt as s; identity, password, paths as ay; ints */
	ca_file();
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
	entry_ay("ssid", "ihvd-eap", 8);
	ck_assert_int_ge(sd_bus_message_append(msg, "{sv}{sv}{sv}", "key_mgmt", "s",
					       "WPA-EAP WPA-EAP-SHA256", "eap", "s", "PEAP",
					       "phase2", "s", "auth=MSCHAPV2"), 0);
	entry_ay("identity", "alice", 5);
	entry_ay("anonymous_identity", "anonymous", 9);
	entry_ay("password", "pa\"ss w\xc3\xb6rd", 11);
	entry_ay("ca_cert", ca_path, strlen(ca_path));
	entry_ay("domain_suffix_match", "example.com", 11);
	ck_assert_int_ge(sd_bus_message_append(msg, "{sv}{sv}", "fragment_size", "i", 1300,
					       "proactive_key_caching", "i", 1), 0);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_msg(read_back() == 0, "%s", err.message);
	unlink(ca_path);
	ck_assert_uint_eq(net->key_mgmt, CONFIG_AKM_EAP | CONFIG_AKM_EAP_SHA256);
	ck_assert_str_eq(net->eap->eap, "PEAP");
	ck_assert_str_eq(net->eap->identity, "alice");
	ck_assert_str_eq(net->eap->anonymous_identity, "anonymous");
	/* a quote and UTF-8 inside the password arrive byte for byte */
	ck_assert_str_eq(net->eap->password, "pa\"ss w\xc3\xb6rd");
	ck_assert_str_eq(net->eap->ca_cert, ca_path);
	ck_assert_str_eq(net->eap->phase2, "auth=MSCHAPV2");
	ck_assert_str_eq(net->eap->domain_suffix_match, "example.com");
	ck_assert_int_eq(config_network_check(net, e, sizeof(e)), 0);
	/* the password is not shown back (a network's Properties) */
	ck_assert_int_lt(config_network_value(net, "password", v, sizeof(v)), 0);
}
END_TEST

START_TEST(nm_sae)
{
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
	entry_ay("ssid", "ihvd-test", 9);
	ck_assert_int_ge(sd_bus_message_append(msg, "{sv}{sv}{sv}{sv}", "key_mgmt", "s", "SAE",
					       "psk", "s", "correct horse battery", "ieee80211w",
					       "i", 2, "sae_pwe", "i", 2), 0);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_int_eq(read_back(), 0);
	ck_assert_uint_eq(net->key_mgmt, CONFIG_AKM_SAE);
	ck_assert_int_eq(net->ieee80211w, 2);
	ck_assert_int_eq(net->sae_pwe, 2);
}
END_TEST

START_TEST(eap_nul_inside)
{
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
	entry_ay("identity", "al\0ice", 6); /* gdbus's b'...' sends a trailing NUL like this */
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_int_lt(read_back(), 0);
	ck_assert_str_eq(err.name, DBUS_ERR_INVALID_ARGS);
	ck_assert_str_eq(err.message, "network property 'identity': a NUL byte inside");
}
END_TEST

START_TEST(eap_bad_values)
{
	static const struct {
		const char *key, *sig, *val, *want;
	} bad[] = {
		{ "eap", "s", "MD5", "'eap': eap: MD5 is not supported as the outer method" },
		{ "eap", "s", "WHATEVER", "unknown method 'WHATEVER'" },
		{ "ca_cert", "s", "/nonexistent/ca.pem", "cannot read \"/nonexistent/ca.pem\"" },
		{ "phase2", "d", NULL, "'phase2': type 'd' is not taken" },
		{ "ieee80211w", "s", "7", "ieee80211w: expected 0, 1 or 2" },
		{ "sae_pwe", "s", "x", "sae_pwe: expected 0, 1 or 2" },
		{ "key_mgmt", "s", "WPA-EAP-SUITE-B-192", "key_mgmt" },
	};
	size_t k;

	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		teardown();
		setup();
		if (bad[k].val)
			ck_assert_int_ge(sd_bus_message_append(msg, "a{sv}", 1, bad[k].key,
							       bad[k].sig, bad[k].val), 0);
		else
			ck_assert_int_ge(sd_bus_message_append(msg, "a{sv}", 1, bad[k].key, "d",
							       2.5), 0);
		ck_assert_int_lt(read_back(), 0);
		ck_assert_str_eq(err.name, DBUS_ERR_INVALID_ARGS);
		ck_assert_msg(strstr(err.message, bad[k].want), "%s: got '%s'", bad[k].key,
			      err.message);
	}
}
END_TEST

static char ref_key[32], ref_name[140];
static int ref_calls;

static int record_ref(void *ctx, int id, const char *key, const char *name, sd_bus_error *e)
{
	(void)ctx, (void)e;
	ck_assert_int_eq(id, net->id);
	snprintf(ref_key, sizeof(ref_key), "%s", key);
	snprintf(ref_name, sizeof(ref_name), "%s", name);
	ref_calls++;
	return 0;
}

START_TEST(blob_reference)
{
	ck_assert_int_ge(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
	entry_ay("ca_cert", "blob://uuid-1-ca_cert", 21);
	ck_assert_int_ge(sd_bus_message_close_container(msg), 0);
	ck_assert_int_ge(sd_bus_message_seal(msg, 1, 0), 0);
	ck_assert_int_ge(sd_bus_message_rewind(msg, 1), 0);
	ref_calls = 0;
	ck_assert_int_eq(dbus_dict_network_read_refs(msg, net, record_ref, NULL, &err), 0);
	ck_assert_int_eq(ref_calls, 1);
	ck_assert_str_eq(ref_key, "ca_cert");
	ck_assert_str_eq(ref_name, "uuid-1-ca_cert");
	/* not opened as a path: the blob is written out at SelectNetwork */
	ck_assert(!net->eap || !net->eap->ca_cert);
}
END_TEST

START_TEST(blob_reference_elsewhere)
{
	/* a network's Properties (no AddNetwork hook): refused, and so is blob:// in identity */
	ck_assert_int_ge(sd_bus_message_append(msg, "a{sv}", 1, "private_key", "s", "blob://k"), 0);
	ck_assert_int_lt(read_back(), 0);
	ck_assert_str_eq(err.message, "network property 'private_key': blob:// is taken by "
				      "AddNetwork only");
}
END_TEST

START_TEST(blob_names)
{
	char name[130];

	ck_assert_ptr_nonnull(dbus_blob_ref_name("\"blob://x\"", name, sizeof(name)));
	ck_assert_str_eq(name, "x");
	ck_assert_ptr_null(dbus_blob_ref_name("\"blob://\"", name, sizeof(name)));
	ck_assert_ptr_null(dbus_blob_ref_name("\"/etc/ca.pem\"", name, sizeof(name)));
	ck_assert_ptr_null(dbus_blob_ref_name("blob://x", name, sizeof(name)));
	ck_assert_ptr_null(dbus_blob_ref_name("\"blob://toolong\"", name, 4));
	ck_assert(dbus_blob_ref_field("ca_cert") && dbus_blob_ref_field("private_key"));
	ck_assert(!dbus_blob_ref_field("identity"));
}
END_TEST

int main(void)
{
	return CHECK_RUN("dbus-dict", setup, teardown, nm_wpa_psk, raw_psk_and_odd_ssid,
			 wrong_type, unknown_field, bad_passphrase_not_echoed, not_a_dict, nm_peap,
			 nm_sae, eap_nul_inside, eap_bad_values, blob_reference,
			 blob_reference_elsewhere, blob_names);
}
