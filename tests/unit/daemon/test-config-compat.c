// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/config-compat.c and config-save.c: the wpa_supplicant.conf
 * fields people carry (honoured, noticed once, refused with file:line), the
 * forms wpa_passphrase and Raspberry Pi OS write, the README's table, and
 * SAVE_CONFIG's file (kept lines, secrets' forms, mode, atomic under kill).
 */
#define _GNU_SOURCE
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/config-compat.h"
#include "daemon/config-eap.h"
#include "daemon/config-save.h"
#include "daemon/config.h"
#include "daemon/scan.h"
#include "daemon/select.h"
#include "tests/unit/daemon/test-station-fake.h"

static char tmpdir[64];
static char path[128];
static char notices[8192];

static void hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	if (level <= LOG_LEVEL_INFO && strlen(notices) + strlen(line) + 2 < sizeof(notices)) {
		strcat(notices, line);
		strcat(notices, "\n");
	}
}

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ihvd-test-compat.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/wpa_supplicant.conf", tmpdir);
	notices[0] = 0;
	log_hook_set(hook, NULL);
}

static void teardown(void)
{
	char cmd[160];

	log_hook_set(NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static char *read_file(const char *p)
{
	static char buf[1 << 20];
	FILE *f = fopen(p, "r");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	return buf;
}

static struct config *load(const char *text, char *err, size_t len)
{
	write_file(text, 0600);
	return config_load(path, err, len);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* --- honoured fields ---------------------------------------------------------------- */

START_TEST(test_globals_honoured)
{
	char err[1024];
	struct config *c = load("country=DE\nap_scan=1\nupdate_config=1\npmf=1\n"
				"freq_list=2412 2437 5180-5200\np2p_disabled=1\n"
				"network={\n ssid=\"a\"\n psk=\"12345678\"\n}\n"
				"network={\n ssid=\"b\"\n psk=\"12345678\"\n ieee80211w=0\n}\n",
				err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->country, "DE");
	ck_assert_int_eq(c->ap_scan, 1);
	ck_assert(c->update_config);
	ck_assert_int_eq(c->pmf, 1);
	/* 5180-5200 is every 5 MHz centre in the range. */
	ck_assert_uint_eq(c->n_freq_list, 7);
	ck_assert(config_freq_allowed(c, NULL, 2437));
	ck_assert(config_freq_allowed(c, NULL, 5190));
	ck_assert(!config_freq_allowed(c, NULL, 2462));
	/* pmf= is the default; a block's own ieee80211w wins. */
	ck_assert_int_eq(c->networks->ieee80211w, 1);
	ck_assert_int_eq(c->networks->next->ieee80211w, 0);
	ck_assert_ptr_null(strstr(notices, "p2p"));
	config_free(c);
}
END_TEST

START_TEST(test_network_fields_honoured)
{
	char err[1024], v[256];
	struct config *c = load("network={\n"
				"\tssid=\"home\"\n\tpsk=\"12345678\"\n\tproto=RSN\n\tauth_alg=OPEN\n"
				"\tfreq_list=2412 2462\n\tid_str=\"home\"\n\tmode=0\n"
				"\tkey_mgmt=WPA-PSK\n\tpairwise=CCMP\n\tgroup=CCMP\n}\n",
				err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->networks->id_str, "home");
	ck_assert_int_eq(config_network_value(c->networks, "freq_list", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "2412 2462");
	ck_assert(config_freq_allowed(c, c->networks, 2462));
	ck_assert(!config_freq_allowed(c, c->networks, 2437));
	ck_assert_str_eq(notices, "");
	config_free(c);
}
END_TEST

START_TEST(test_country_forms)
{
	char out[3];

	ck_assert_int_eq(config_country_parse("US", out), 0);
	ck_assert_str_eq(out, "US");
	ck_assert_int_eq(config_country_parse("\"GB\"", out), 0);
	ck_assert_str_eq(out, "GB");
	ck_assert_int_eq(config_country_parse("00", out), 0);
	ck_assert_int_eq(config_country_parse("us", out), -1);
	ck_assert_int_eq(config_country_parse("USA", out), -1);
	ck_assert_int_eq(config_country_parse("", out), -1);
}
END_TEST

/* --- noticed once --------------------------------------------------------------------- */

START_TEST(test_noticed_once)
{
	char err[1024];
	struct config *c = load("fast_reauth=1\neapol_version=1\nap_scan=2\n"
				"network={\n ssid=\"a\"\n psk=\"12345678\"\n bgscan=\"simple:30:-45:300\"\n"
				" proto=WPA RSN\n auth_alg=OPEN SHARED\n}\n"
				"network={\n ssid=\"b\"\n psk=\"12345678\"\n bgscan=\"simple:30:-45:300\"\n}\n",
				err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_uint_eq(count(notices, "network bgscan: ihvd does not roam"), 1);
	ck_assert_uint_eq(count(notices, "fast_reauth:"), 1);
	ck_assert_uint_eq(count(notices, "eapol_version:"), 1);
	ck_assert_uint_eq(count(notices, "ap_scan=2 is treated as 1"), 1);
	ck_assert_uint_eq(count(notices, "WPA (WPA1) is not used; RSN is"), 1);
	ck_assert_uint_eq(count(notices, "only OPEN is used"), 1);
	config_free(c);
	/* A second load says it again (once per load, not once per process). */
	notices[0] = 0;
	c = config_load(path, err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(count(notices, "network bgscan:"), 1);
	config_free(c);
}
END_TEST

/* --- refused, with the feature named ----------------------------------------------- */

static const struct {
	const char *line;
	bool global;
	const char *msg;
} refused[] = {
	{ "wep_key0=\"abcde\"", false, "wep_key0: WEP is not supported (it is broken; use WPA2)" },
	{ "wep_tx_keyidx=0", false, "wep_tx_keyidx: WEP is not supported" },
	{ "proto=WPA", false, "proto=WPA: WPA1 is not supported" },
	{ "auth_alg=SHARED", false, "auth_alg=SHARED: shared key authentication (WEP) is not "
				   "supported" },
	{ "auth_alg=LEAP", false, "auth_alg=LEAP: LEAP is not supported" },
	{ "pairwise=TKIP", false, "pairwise: TKIP is not supported as pairwise cipher" },
	{ "ca_path=\"/etc/ssl/certs\"", false, "ca_path: ca_path is not supported; use ca_cert" },
	{ "subject_match=\"/CN=radius\"", false, "subject_match: subject matching is not "
						    "supported; use domain_suffix_match" },
	{ "mode=2", false, "mode=2: AP mode is not supported" },
	{ "mode=1", false, "mode=1: IBSS (ad hoc) is not supported" },
	{ "proto=CCMP", false, "proto: expected RSN (WPA2) or WPA" },
	{ "freq_list=2412 9999", false, "freq_list: '9999' is not a frequency" },
	{ "ap_scan=0", true, "ap_scan=0 (the driver or a wired port scans and associates) "
			     "is not supported" },
	{ "country=Germany", true, "country: expected an ISO 3166-1 alpha-2 code" },
	{ "pmf=3", true, "pmf: expected 0, 1 or 2" },
	{ "no_such_thing=1", true, "unknown option 'no_such_thing'" },
	{ "wep_key0=\"abcde\"", true, "'wep_key0' belongs inside a network={ } block" },
};

START_TEST(test_refused_with_file_line)
{
	char text[512], err[1024], want[512];
	struct config *c;

	if (refused[_i].global)
		snprintf(text, sizeof(text), "%s\nnetwork={\n ssid=\"a\"\n psk=\"12345678\"\n}\n",
			 refused[_i].line);
	else
		snprintf(text, sizeof(text), "network={\n ssid=\"a\"\n psk=\"12345678\"\n %s\n}\n",
			 refused[_i].line);
	c = load(text, err, sizeof(err));
	ck_assert_msg(c == NULL, "accepted: %s", refused[_i].line);
	snprintf(want, sizeof(want), "%s:%d: %s", path, refused[_i].global ? 1 : 4,
		 refused[_i].msg);
	ck_assert_msg(!strncmp(err, want, strlen(want)), "got '%s', want '%s'", err, want);
}
END_TEST

/* --- the forms real files carry ---------------------------------------------------------- */

/* wpa_passphrase 'my"net' 'pässwörd123' writes exactly this (Debian's wpasupplicant). */
START_TEST(test_wpa_passphrase_output)
{
	char err[1024];
	struct config *c = load("network={\n"
				"\tssid=\"my\"net\"\n"
				"\t#psk=\"p\xc3\xa4sswörd123\"\n"
				"\tpsk=a7c7b7ec3e77f32a8918abc6fb5b39673ca6535fc3bb3f5d8abebdc2b3ecee7d\n"
				"}\n", err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_uint_eq(c->networks->ssid_len, 6);
	ck_assert(!memcmp(c->networks->ssid, "my\"net", 6));
	ck_assert(c->networks->psk_set);
	ck_assert_uint_eq(c->networks->psk[0], 0xa7);
	config_free(c);
}
END_TEST

START_TEST(test_quotes_and_utf8)
{
	char err[1024];
	struct config *c = load("network={\n"
				"\tssid=\"caf\xc3\xa9 #1\" # the café\n"
				"\tpsk=\"p\xc3\xa4ss\"w\xc3\xb6rd\"  # with a quote inside\n"
				"}\n", err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_uint_eq(c->networks->ssid_len, 8);
	ck_assert(!memcmp(c->networks->ssid, "caf\xc3\xa9 #1", 8));
	ck_assert(c->networks->passphrase_set);
	ck_assert_str_eq(c->networks->passphrase, "p\xc3\xa4ss\"w\xc3\xb6rd");
	config_free(c);
}
END_TEST

/* The file Raspberry Pi OS Imager writes (as of Bullseye). */
START_TEST(test_raspberry_pi_file)
{
	char err[1024];
	struct config *c = load("ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=root\n"
				"update_config=1\n"
				"country=GB\n"
				"\n"
				"network={\n"
				"\tssid=\"MyHomeWiFi\"\n"
				"\tpsk=\"correct horse battery\"\n"
				"\tkey_mgmt=WPA-PSK\n"
				"\tproto=RSN\n"
				"\tpairwise=CCMP\n"
				"\tauth_alg=OPEN\n"
				"\tid_str=\"home\"\n"
				"\tpriority=1\n"
				"}\n", err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->country, "GB");
	ck_assert_str_eq(c->ctrl_dir, "/var/run/wpa_supplicant");
	ck_assert_int_eq(c->networks->priority, 1);
	ck_assert_str_eq(notices, "");
	config_free(c);
}
END_TEST

/* Debian's wpa-roam: a block without ssid joins any open network. */
START_TEST(test_no_ssid_any_open)
{
	static const uint8_t rsne_psk[] = { RSNE_PSK_CCMP };
	char err[1024];
	struct config *c = load("network={\n\tkey_mgmt=NONE\n}\n", err, sizeof(err));
	struct fake fake;
	struct profile_choice ch;
	struct scan_bss b;

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(select_network_usable(c->networks));
	memset(&fake, 0, sizeof(fake));
	fake_bss_add(&fake, 1, 2412, -40, "cafe", 4, NULL, 0, 0);
	fake_bss_add(&fake, 2, 2412, -40, "home", 4, rsne_psk, sizeof(rsne_psk), 0);
	ck_assert_int_eq(scan_bss_parse(&fake.bss[0], &b), 0);
	ck_assert(select_bss_match(c->networks, &b, &ch));
	ck_assert_int_eq(ch.akm, CONFIG_AKM_NONE);
	ck_assert_int_eq(scan_bss_parse(&fake.bss[1], &b), 0);
	ck_assert(!select_bss_match(c->networks, &b, &ch));
	config_free(c);
	/* A PSK block still needs its ssid. */
	c = load("network={\n\tpsk=\"12345678\"\n}\n", err, sizeof(err));
	ck_assert_ptr_null(c);
	ck_assert_ptr_nonnull(strstr(err, ":1: network block: no ssid"));
}
END_TEST

/* --- the README's table lists every field -------------------------------------------- */

START_TEST(test_readme_table)
{
	char readme[512], row[128];
	const char *src = __FILE__, *cut = strstr(src, "tests/unit/daemon/");
	const char *text;
	size_t i;

	ck_assert_ptr_nonnull(cut);
	snprintf(readme, sizeof(readme), "%.*sREADME.md", (int)(cut - src), src);
	text = read_file(readme);
	for (i = 0; config_compat_table[i].name; i++) {
		snprintf(row, sizeof(row), "| `%s` |", config_compat_table[i].name);
		ck_assert_msg(strstr(text, row), "README.md has no row for %s", row);
	}
}
END_TEST

/* --- SAVE_CONFIG's file ---------------------------------------------------------------- */

static const char save_src[] =
	"# my wifi\n"
	"ctrl_interface=DIR=/run/ihvd-save GROUP=root\n"
	"update_config=1\n"
	"country=DE\n"
	"fast_reauth=1\n"
	"\n"
	"# the home network\n"
	"network={\n"
	"\tssid=P\"h\\x6fme\"\n"
	"\tpsk=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
	"\tbgscan=\"simple:30:-45:300\"   # kept\n"
	"\t# a comment inside\n"
	"\tpriority=5\n"
	"}\n"
	"network={\n"
	"\tssid=\"work\"\n"
	"\tpsk=\"work passphrase\"\n"
	"}\n"
	"# the end\n";

START_TEST(test_save_keeps_lines_and_forms)
{
	char err[1024];
	struct config *c = load(save_src, err, sizeof(err));
	struct config_network *n;
	const char *out;

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_int_eq(chmod(path, 0640), 0);
	/* Nothing changed: the same bytes. */
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	ck_assert_str_eq(read_file(path), save_src);
	/* Change some things; add a network. */
	ck_assert_int_eq(config_network_set(c->networks, "priority", "7", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(c->networks->next, "disabled", "1", err, sizeof(err)), 0);
	n = config_network_add(c);
	ck_assert_int_eq(config_network_set(n, "ssid", "\"caf\xc3\xa9\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "key_mgmt", "NONE", err, sizeof(err)), 0);
	memcpy(c->country, "FR", 3);
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	out = read_file(path);
	ck_assert_str_eq(out,
		"# my wifi\n"
		"ctrl_interface=DIR=/run/ihvd-save GROUP=root\n"
		"update_config=1\n"
		"country=FR\n"
		"fast_reauth=1\n"
		"\n"
		"# the home network\n"
		"network={\n"
		"\tssid=P\"h\\x6fme\"\n"
		"\tpsk=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
		"\tbgscan=\"simple:30:-45:300\"   # kept\n"
		"\t# a comment inside\n"
		"\tpriority=7\n"
		"}\n"
		"network={\n"
		"\tssid=\"work\"\n"
		"\tpsk=\"work passphrase\"\n"
		"\tdisabled=1\n"
		"}\n"
		"network={\n"
		"\tssid=636166c3a9\n"
		"\tkey_mgmt=NONE\n"
		"}\n"
		"# the end\n");
	/* Mode kept; the file loads back to the same networks. */
	{
		struct stat sb;
		struct config *again;

		ck_assert_int_eq(stat(path, &sb), 0);
		ck_assert_uint_eq(sb.st_mode & 07777, 0640);
		again = config_load(path, err, sizeof(err));
		ck_assert_msg(again != NULL, "%s", err);
		ck_assert(again->networks->psk_set && !again->networks->passphrase_set);
		ck_assert(again->networks->next->passphrase_set);
		ck_assert_uint_eq(again->networks->next->next->ssid_len, 5);
		config_free(again);
	}
	config_free(c);
}
END_TEST

/* A hex psk set over a passphrase is written as hex, and the other way round. */
START_TEST(test_save_secret_forms)
{
	char err[1024];
	struct config *c = load("network={\n\tssid=\"a\"\n\tpsk=\"12345678\"\n}\n", err, sizeof(err));
	const char *hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_int_eq(config_network_set(c->networks, "psk", hex, err, sizeof(err)), 0);
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(read_file(path), "\tpsk=00112233445566778899aabbccddeeff"));
	config_free(c);
	c = config_load(path, err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(config_network_set(c->networks, "psk", "\"new passphrase\"", err,
					    sizeof(err)), 0);
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(read_file(path), "\tpsk=\"new passphrase\"\n"));
	config_free(c);
}
END_TEST

/* wpa_cli's habit: add_network, set_network ..., save_config. The SAE, 802.1X and
 * mem_only_psk fields are written (the secrets in their file forms), load back the same, and
 * a changed EAP password replaces the file's line. */
START_TEST(test_save_sae_and_eap_fields)
{
	static const char *const sae[][2] = {
		{ "ssid", "\"sae-net\"" }, { "key_mgmt", "SAE" }, { "ieee80211w", "2" },
		{ "sae_password", "\"sae \"secret\"\"" }, { "sae_pwe", "2" },
		{ "sae_groups", "20" },
	};
	static const char *const hash = "hash:8846f7eaee8fb117ad06bdd830b7586c";
	char err[1024], ca[192], v[256];
	/* the global SAE settings, which every network takes, are not copied into the blocks */
	struct config *c = load("sae_pwe=1\nsae_groups=19 20\n"
				"network={\n\tssid=\"a\"\n\tpsk=\"12345678\"\n}\n",
				err, sizeof(err));
	struct config_network *n;
	const char *out;
	size_t i;

	ck_assert_msg(c != NULL, "%s", err);
	snprintf(ca, sizeof(ca), "%s/ca.pem", tmpdir);
	{ /* the CA file only needs to exist: nothing parses it here */
		FILE *f = fopen(ca, "w");

		ck_assert_ptr_nonnull(f);
		fputs("not parsed here\n", f);
		fclose(f);
	}
	n = config_network_add(c);
	for (i = 0; i < sizeof(sae) / sizeof(sae[0]); i++)
		ck_assert_msg(config_network_set(n, sae[i][0], sae[i][1], err, sizeof(err)) == 0,
			      "%s: %s", sae[i][0], err);
	n = config_network_add(c);
	snprintf(v, sizeof(v), "\"%s\"", ca);
	ck_assert_int_eq(config_network_set(n, "ssid", "\"corp\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "key_mgmt", "WPA-EAP", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "eap", "PEAP TTLS", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "identity", "\"alice\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "password", hash, err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "ca_cert", v, err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "phase2", "\"auth=MSCHAPV2\"", err, sizeof(err)),
			 0);
	/* 400 two-byte characters: quoted as they are, the line stays far below 4096 */
	{
		char id[2 + 800 + 1] = "\"";

		for (i = 0; i < 400; i++)
			memcpy(id + 1 + 2 * i, "\xc3\xa9", 2);
		strcpy(id + 801, "\"");
		ck_assert_int_eq(config_network_set(n, "anonymous_identity", id, err, sizeof(err)),
				 0);
	}
	ck_assert_int_eq(config_network_set(n, "domain_match", "\"a\"#b\"", err, sizeof(err)),
			 0);
	n = config_network_add(c);
	ck_assert_int_eq(config_network_set(n, "ssid", "\"ask\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "mem_only_psk", "1", err, sizeof(err)), 0);
	/* mem_only_psk=1: a passphrase set at run time stays in memory (as wpa_supplicant) */
	ck_assert_int_eq(config_network_set(n, "psk", "\"memory only\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	config_free(c);
	out = read_file(path);
	ck_assert_ptr_nonnull(strstr(out, "\tsae_password=P\"sae \\\"secret\\\"\"\n"));
	ck_assert_ptr_nonnull(strstr(out, "\tpassword=hash:8846f7eaee8fb117ad06bdd830b7586c\n"));
	ck_assert_ptr_nonnull(strstr(out, "\tmem_only_psk=1\n"));
	ck_assert_ptr_nonnull(strstr(out, "\teap=PEAP TTLS\n")); /* unquoted, as wpa_supplicant */
	ck_assert_ptr_null(strstr(out, "memory only"));
	ck_assert_uint_eq(count(out, "sae_pwe="), 2);       /* the global line, the SAE network's */
	ck_assert_ptr_nonnull(strstr(out, "\tsae_groups=20\n"));
	ck_assert_uint_eq(count(out, "sae_groups="), 2);

	c = config_load(path, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	n = c->networks->next;
	ck_assert(n->sae_password_set);
	ck_assert_str_eq(n->sae_password, "sae \"secret\"");
	ck_assert_int_eq(n->sae_pwe, 2);
	ck_assert_uint_eq(n->n_sae_groups, 1);
	ck_assert_int_eq(c->networks->sae_pwe, 1); /* the global one, still */
	ck_assert_uint_eq(c->networks->n_sae_groups, 2);
	ck_assert_int_eq(n->ieee80211w, 2);
	n = n->next;
	ck_assert_ptr_nonnull(n->eap);
	ck_assert_str_eq(n->eap->eap, "PEAP TTLS");
	ck_assert_str_eq(n->eap->identity, "alice");
	ck_assert_str_eq(n->eap->password, hash);
	ck_assert(n->eap->password_hash);
	ck_assert_str_eq(n->eap->ca_cert, ca);
	ck_assert_str_eq(n->eap->phase2, "auth=MSCHAPV2");
	ck_assert_uint_eq(strlen(n->eap->anonymous_identity), 800);
	ck_assert_str_eq(n->eap->domain_match, "a\"#b"); /* a quote and a '#': P"..." */
	ck_assert(n->next->mem_only_psk);
	/* a save that changes nothing of the block reads no certificate file and warns nothing */
	ck_assert_int_eq(config_network_set(n, "ca_cert", "\"none\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	config_free(c);
	c = config_load(path, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	n = c->networks->next->next;
	ck_assert(n->eap->ca_none);
	notices[0] = 0;
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	ck_assert_msg(strstr(notices, "NOT be verified") == NULL, "%s", notices);
	/* a password changed at run time replaces the file's line */
	ck_assert_int_eq(config_network_set(n, "password", "\"new one\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_save(c, err, sizeof(err)), 0);
	config_free(c);
	out = read_file(path);
	ck_assert_ptr_nonnull(strstr(out, "\tpassword=\"new one\"\n"));
	ck_assert_ptr_null(strstr(out, hash));
	ck_assert_uint_eq(count(out, "password="), 2); /* sae_password and password */
}
END_TEST

/*
 * Killed at any moment while saving, the file is the old one or the new
 * one, whole: a child saves in a loop, the parent SIGKILLs it at random
 * points, then the file must load and be one of the two texts.
 */
START_TEST(test_save_killed_midway)
{
	static char old_text[64 * 1024], new_text[64 * 1024];
	char err[1024], line[128];
	struct config *c;
	size_t o = 0, i, len = 0;
	int round, n_old = 0, n_new = 0;

	for (i = 0; i < 300; i++) {
		snprintf(line, sizeof(line), "network={\n\tssid=\"net-%03zu\"\n\tpsk=\"pass-%03zu-xyz\"\n}\n",
			 i, i);
		o += (size_t)snprintf(old_text + o, sizeof(old_text) - o, "%s", line);
	}
	write_file(old_text, 0600);
	c = config_load(path, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	for (struct config_network *n = c->networks; n; n = n->next)
		ck_assert_int_eq(config_network_set(n, "priority", "3", err, sizeof(err)), 0);
	{
		char *t = config_save_text(c, &len);

		ck_assert_ptr_nonnull(t);
		ck_assert_uint_lt(len, sizeof(new_text));
		memcpy(new_text, t, len + 1);
		config_text_free(t, len);
	}
	srand((unsigned int)getpid());
	for (round = 0; round < 40; round++) {
		pid_t pid;
		struct timespec ts = { 0, (rand() % 4000) * 1000L };
		const char *now;

		write_file(old_text, 0600);
		pid = fork();
		/*
		 * The child runs no Check code: an assertion there writes to the message
		 * file it shares with this process, and a SIGKILL in the middle of that
		 * write left a torn record ("Bad message type" about 1 run in 30).
		 */
		if (pid == 0) {
			for (;;)
				config_save(c, err, sizeof(err));
		}
		ck_assert_int_ge(pid, 0);
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		now = read_file(path);
		if (!strcmp(now, old_text))
			n_old++;
		else if (!strcmp(now, new_text))
			n_new++;
		else
			ck_abort_msg("round %d: the file is neither the old nor the new text (%zu bytes)",
				     round, strlen(now));
	}
	/* The kills landed on both sides of the rename at least once. */
	ck_assert_int_gt(n_old + n_new, 0);
	config_free(c);
}
END_TEST

static Suite *compat_suite(void)
{
	Suite *s = suite_create("config-compat");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_globals_honoured);
	tcase_add_test(tc, test_network_fields_honoured);
	tcase_add_test(tc, test_country_forms);
	tcase_add_test(tc, test_noticed_once);
	tcase_add_loop_test(tc, test_refused_with_file_line, 0,
			    sizeof(refused) / sizeof(refused[0]));
	tcase_add_test(tc, test_wpa_passphrase_output);
	tcase_add_test(tc, test_quotes_and_utf8);
	tcase_add_test(tc, test_raspberry_pi_file);
	tcase_add_test(tc, test_no_ssid_any_open);
	tcase_add_test(tc, test_readme_table);
	tcase_add_test(tc, test_save_keeps_lines_and_forms);
	tcase_add_test(tc, test_save_secret_forms);
	tcase_add_test(tc, test_save_sae_and_eap_fields);
	tcase_add_test(tc, test_save_killed_midway);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(compat_suite());
	int failed;

	log_level_set(LOG_LEVEL_INFO);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
