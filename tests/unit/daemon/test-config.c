// SPDX-License-Identifier: BSD-3-Clause
/* src/daemon/config.c: every accepted and rejected form, file:line errors, the permission warning. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/config.h"
#include "common/log.h"

static char tmpdir[64];
static char path[128];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ihvd-test-config.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/ihvd.conf", tmpdir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(tmpdir);
}

static void write_file(const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static struct config *load(const char *text, char *err, size_t len)
{
	write_file(text, 0600);
	return config_load(path, err, len);
}

/* Warnings seen through the log hook. */
static char warnings[4096];

static void hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	if (level == LOG_LEVEL_WARN || level == LOG_LEVEL_INFO) {
		strncat(warnings, line, sizeof(warnings) - strlen(warnings) - 2);
		strcat(warnings, "\n");
	}
}

/* wpa_supplicant's cipher forms: pairwise=CCMP TKIP, group=CCMP TKIP, group=TKIP. */
START_TEST(test_tkip_forms)
{
	char err[1024], val[64];
	struct config *c;
	struct config_network *n;

	c = load("network={\n"
		 "\tssid=\"a\"\n\tpsk=\"12345678\"\n"
		 "}\n"
		 "network={\n"
		 "\tssid=\"b\"\n\tpsk=\"12345678\"\n"
		 "\tpairwise=CCMP TKIP\n\tgroup=CCMP TKIP\n"
		 "}\n"
		 "network={\n"
		 "\tssid=\"c\"\n\tpsk=\"12345678\"\n"
		 "\tpairwise=TKIP CCMP\n\tgroup=TKIP\n"
		 "}\n"
		 "network={\n"
		 "\tssid=\"d\"\n\tpsk=\"12345678\"\n"
		 "\tgroup=CCMP\n"
		 "}\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	/* the defaults are wpa_supplicant's: pairwise CCMP, group CCMP TKIP */
	n = c->networks;
	ck_assert_uint_eq(n->pairwise, CONFIG_CIPHER_CCMP);
	ck_assert_uint_eq(n->group, CONFIG_CIPHER_CCMP | CONFIG_CIPHER_TKIP);
	ck_assert_int_eq(config_network_value(n, "group", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "CCMP TKIP");
	n = n->next;
	ck_assert_uint_eq(n->pairwise, CONFIG_CIPHER_CCMP | CONFIG_CIPHER_TKIP);
	ck_assert_uint_eq(n->group, CONFIG_CIPHER_CCMP | CONFIG_CIPHER_TKIP);
	ck_assert_int_eq(config_network_value(n, "pairwise", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "CCMP TKIP");
	n = n->next;
	ck_assert_uint_eq(n->pairwise, CONFIG_CIPHER_CCMP | CONFIG_CIPHER_TKIP);
	ck_assert_uint_eq(n->group, CONFIG_CIPHER_TKIP);
	ck_assert_int_eq(config_network_value(n, "group", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "TKIP");
	n = n->next;
	ck_assert_uint_eq(n->group, CONFIG_CIPHER_CCMP);
	/* SET_NETWORK takes the same forms and refuses TKIP alone as pairwise */
	ck_assert_int_eq(config_network_set(n, "group", "CCMP TKIP", err, sizeof(err)), 0);
	ck_assert_uint_eq(n->group, CONFIG_CIPHER_CCMP | CONFIG_CIPHER_TKIP);
	ck_assert_int_lt(config_network_set(n, "pairwise", "TKIP", err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(err, "TKIP is not supported as pairwise cipher"));
	ck_assert_uint_eq(n->pairwise, CONFIG_CIPHER_CCMP);
	config_free(c);
}
END_TEST

START_TEST(test_accepts_every_form)
{
	char err[1024];
	struct config *c;
	struct config_network *n;

	c = load("# ihvd test\n"
		 "   \n"
		 "ctrl_interface=DIR=/run/ihvd-x GROUP=root\n"
		 "ihv_plugin=/usr/lib/ihvd/ihv-rsn.so  # the reference plugin\n"
		 "eapol_path=packet\n"
		 "update_config=1\n"
		 "network={\n"
		 "\tssid=\"ihvd-test\"\n"
		 "\tpsk=\"correct horse battery\"\n"
		 "\tkey_mgmt=WPA-PSK WPA-PSK-SHA256\n"
		 "\tieee80211w=1\n"
		 "\tpairwise=CCMP GCMP-256\n"
		 "\tgroup=CCMP\n"
		 "\tbssid=02:00:00:00:00:AB\n"
		 "\tscan_ssid=1\n"
		 "\tscan_freq=2412  5180\n"
		 "\tpriority=-5\n"
		 "\tdisabled=1\n"
		 "\tid_str=\"home\"\n"
		 "\tihv_profile=\"<Vendor a='1'># not a comment</Vendor>\" # a comment\n"
		 "}\n"
		 "network={\r\n"
		 "  ssid=696876642d74657374\r\n"
		 "  psk=0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef\r\n"
		 "  ieee80211w=2\r\n"
		 "}\r\n"
		 "network={\n"
		 "ssid=P\"caf\\xc3\\xa9\\t\\\"q\\\"\\\\\\n\\e\"\n"
		 "key_mgmt=NONE\n"
		 "}\n",
		 err, sizeof(err));
	ck_assert_msg(c != NULL, "load failed: %s", err);
	ck_assert_str_eq(c->ctrl_dir, "/run/ihvd-x");
	ck_assert_str_eq(c->ctrl_group, "root");
	ck_assert_uint_eq(c->ctrl_gid, 0);
	ck_assert_str_eq(c->ihv_plugin, "/usr/lib/ihvd/ihv-rsn.so");
	ck_assert_int_eq(c->eapol_path, DRV_EAPOL_PACKET);
	ck_assert(c->has_secret);

	n = config_network_get(c, 0);
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_eq(n->ssid_len, 9);
	ck_assert_mem_eq(n->ssid, "ihvd-test", 9);
	ck_assert(n->passphrase_set && !n->psk_set);
	ck_assert_str_eq(n->passphrase, "correct horse battery");
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256);
	ck_assert_int_eq(n->ieee80211w, 1);
	ck_assert_uint_eq(n->pairwise, CONFIG_CIPHER_CCMP | CONFIG_CIPHER_GCMP_256);
	ck_assert_uint_eq(n->group, CONFIG_CIPHER_CCMP);
	ck_assert(n->bssid_set);
	ck_assert_uint_eq(n->bssid[5], 0xab);
	ck_assert(n->scan_ssid);
	ck_assert_uint_eq(n->n_scan_freq, 2);
	ck_assert_uint_eq(n->scan_freq[0], 2412);
	ck_assert_uint_eq(n->scan_freq[1], 5180);
	ck_assert_int_eq(n->priority, -5);
	ck_assert(n->disabled);
	ck_assert_str_eq(n->id_str, "home");
	ck_assert_str_eq(n->ihv_profile, "<Vendor a='1'># not a comment</Vendor>");

	n = config_network_get(c, 1);
	ck_assert_ptr_nonnull(n);
	ck_assert_mem_eq(n->ssid, "ihvd-test", 9);
	ck_assert(n->psk_set && !n->passphrase_set);
	ck_assert_uint_eq(n->psk[0], 0x01);
	ck_assert_uint_eq(n->psk[31], 0xef);
	ck_assert_uint_eq(n->psk[15], 0xef); /* upper-case hex accepted */
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_PSK); /* the default */
	ck_assert_uint_eq(n->pairwise, CONFIG_CIPHER_CCMP);
	ck_assert_int_eq(n->ieee80211w, 2);
	ck_assert(!n->disabled && !n->bssid_set && !n->id_str && !n->ihv_profile);

	n = config_network_get(c, 2);
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_eq(n->ssid_len, 12);
	ck_assert_mem_eq(n->ssid, "caf\xc3\xa9\t\"q\"\\\n\033", 12);
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_NONE);
	ck_assert_ptr_null(config_network_get(c, 3));
	config_free(c);
}
END_TEST

START_TEST(test_ctrl_interface_forms)
{
	char err[512];
	struct config *c;

	c = load("ctrl_interface=/run/ihvd\nctrl_interface_group=0\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->ctrl_dir, "/run/ihvd");
	ck_assert_str_eq(c->ctrl_group, "0");
	ck_assert_uint_eq(c->ctrl_gid, 0);
	ck_assert_int_eq(c->eapol_path, DRV_EAPOL_AUTO);
	ck_assert_ptr_null(c->networks);
	ck_assert(!c->has_secret);
	config_free(c);

	c = load("ctrl_interface=DIR=/run/y\neapol_path=nl80211\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->ctrl_dir, "/run/y");
	ck_assert_ptr_null(c->ctrl_group);
	ck_assert_int_eq(c->eapol_path, DRV_EAPOL_NL80211);
	config_free(c);
}
END_TEST

/* issue 11: isolated by default; the options read back (plugin_share_cpu: issue 16) */
START_TEST(test_plugin_isolation_options)
{
	char err[256];
	struct config *c;

	c = load("ctrl_interface=/run/y\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(!c->plugin_inline);
	ck_assert_ptr_null(c->plugin_user);
	ck_assert_uint_eq(c->plugin_handler_timeout_ms, 0);
	ck_assert(!c->plugin_cpu_unshared);
	config_free(c);
	c = load("plugin_isolation=inline\nplugin_user=ihvplug\nplugin_handler_timeout_ms=1500\n"
		 "plugin_share_cpu=0\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(c->plugin_inline);
	ck_assert_str_eq(c->plugin_user, "ihvplug");
	ck_assert_uint_eq(c->plugin_handler_timeout_ms, 1500);
	ck_assert(c->plugin_cpu_unshared);
	config_free(c);
	c = load("plugin_share_cpu=1\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(!c->plugin_cpu_unshared);
	config_free(c);
}
END_TEST

START_TEST(test_update_config_noted)
{
	char err[256];
	struct config *c;

	warnings[0] = 0;
	log_hook_set(hook, NULL);
	c = load("update_config=1\n", err, sizeof(err));
	log_hook_set(NULL, NULL);
	ck_assert_ptr_nonnull(c);
	/* Honoured now: SAVE_CONFIG may rewrite the file (config-save.c); no notice. */
	ck_assert(c->update_config);
	ck_assert_ptr_null(strstr(warnings, "update_config"));
	config_free(c);
}
END_TEST

/* One bad line inside an otherwise good block (line 5) or at the top (line 1). */
struct bad {
	bool global;
	const char *line;
	const char *msg;
};

static const struct bad bad_lines[] = {
	{ false, "psk=\"short\"", "psk: passphrase must be 8..63 characters" },
	{ false, "psk=\"0123456789012345678901234567890123456789012345678901234567890123\"",
	  "psk: passphrase must be 8..63 characters" },
	{ false, "psk=\"bad\tpassphrase\"",
	  "psk: passphrase must be UTF-8 text without control characters" },
	{ false, "psk=\"bad\xff\xfepassphrase\"",
	  "psk: passphrase must be UTF-8 text without control characters" },
	{ false, "psk=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
	  "psk: expected a \"passphrase\" or 64 hex digits" },
	{ false, "psk=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
	  "psk: expected a \"passphrase\" or 64 hex digits" },
	{ false, "psk=\"unterminated", "psk: unterminated quote" },
	{ false, "ssid=\"0123456789abcdef0123456789abcdefX\"",
	  "ssid: too long (33 bytes, at most 32)" },
	{ false, "ssid=\"\"", "ssid: must be 1..32 bytes" },
	{ false, "ssid=abc", "ssid: expected \"text\", P\"escaped\" or 2..64 hex digits" },
	{ false, "ssid=zz", "ssid: expected \"text\", P\"escaped\" or 2..64 hex digits" },
	{ false, "ssid=P\"a\\qb\"",
	  "ssid: unknown escape (known: \\\\ \\\" \\n \\r \\t \\e \\xHH)" },
	{ false, "ssid=P\"a\\x4\"", "ssid: bad \\x escape" },
	{ false, "ssid=\"a\"b", "ssid: unterminated quote" },
	{ false, "key_mgmt=FT-SAE", "key_mgmt: FT-SAE is not supported yet" },
	{ false, "key_mgmt=SAE-EXT-KEY FT-SAE", "key_mgmt: FT-SAE is not supported yet" },
	{ false, "sae_pwe=3", "sae_pwe: expected 0, 1 or 2" },
	{ false, "sae_groups=19 15", "sae_groups: group 15 is not supported (19, 20, 21)" },
	{ false, "sae_groups=19 19", "sae_groups: group 19 given twice" },
	{ false, "sae_password=\"\"", "sae_password: expected a \"string\" of 1..128 characters" },
	{ false, "key_mgmt=FT-EAP", "key_mgmt: FT-EAP is not supported" },
	{ false, "key_mgmt=WPA-PSQ", "key_mgmt: unknown value 'WPA-PSQ'" },
	{ false, "key_mgmt=NONE WPA-PSK", "key_mgmt: NONE cannot be combined with other values" },
	{ false, "key_mgmt=", "key_mgmt: empty" },
	{ false, "ieee80211w=3", "ieee80211w: expected 0, 1 or 2" },
	{ false, "ieee80211w=1x", "ieee80211w: expected 0, 1 or 2" },
	{ false, "pairwise=TKIP", "pairwise: TKIP is not supported as pairwise cipher (TKIP is "
				 "only accepted as a mixed-mode AP's group cipher)" },
	{ false, "group=WEP40 TKIP", "group: WEP40 is not supported" },
	{ false, "pairwise=CCMP FOO", "pairwise: unknown value 'FOO'" },
	{ false, "group=", "group: empty" },
	{ false, "bssid=02:00:00:00:00", "bssid: expected xx:xx:xx:xx:xx:xx or any" },
	{ false, "bssid=02-00-00-00-00-00", "bssid: expected xx:xx:xx:xx:xx:xx or any" },
	{ false, "scan_ssid=2", "scan_ssid: expected 0 or 1" },
	{ false, "scan_freq=2412 abc", "scan_freq: 'abc' is not a frequency in MHz (2400..7200)" },
	{ false, "scan_freq=900", "scan_freq: '900' is not a frequency in MHz (2400..7200)" },
	{ false, "scan_freq=", "scan_freq: empty" },
	{ false, "scan_freq=2412 2417 2422 2427 2432 2437 2442 2447 2452 2457 2462 2467 2472 2484 "
		 "5180 5200 5220", "scan_freq: at most 16 frequencies" },
	{ false, "disabled=yes", "disabled: expected 0 or 1" },
	{ false, "priority=high", "priority: expected an integer" },
	{ false, "priority=99999999999999999999", "priority: expected an integer" },
	{ false, "ihv_profile=unquoted", "ihv_profile: expected \"text\" or P\"escaped\"" },
	{ false, "ihv_profile=P\"\\xff\\xfe\"",
	  "ihv_profile: must be UTF-8 text without control characters" },
	{ false, "ihv_profile=P\"a\\x01b\"",
	  "ihv_profile: must be UTF-8 text without control characters" },
	{ false, "frequency_x=2412", "unknown network field 'frequency_x'" },
	{ false, "ihv_plugin=/x.so", "unknown network field 'ihv_plugin'" },
	{ false, "just words", "expected name=value" },
	{ false, "network={", "network block inside a network block" },
	{ true, "ap_scan_x=1", "unknown option 'ap_scan_x'" },
	{ true, "ssid=\"x\"", "unknown option 'ssid'" },
	{ true, "eapol_path=raw", "eapol_path: expected auto, nl80211 or packet" },
	{ true, "update_config=2", "update_config: expected 0 or 1" },
	{ true, "plugin_isolation=sandbox", "plugin_isolation: expected isolated or inline" },
	{ true, "plugin_user=root", "plugin_user: expected a user name other than root" },
	{ true, "plugin_handler_timeout_ms=5", "plugin_handler_timeout_ms: expected 100..600000" },
	{ true, "plugin_share_cpu=yes", "plugin_share_cpu: expected 0 or 1" },
	{ true, "ctrl_interface=DIR=/run/x GROUP=no-such-group-ihvd",
	  "ctrl_interface: unknown group 'no-such-group-ihvd'" },
	{ true, "ctrl_interface_group=no-such-group-ihvd",
	  "ctrl_interface_group: unknown group 'no-such-group-ihvd'" },
	{ true, "ctrl_interface=", "ctrl_interface: empty or too long path" },
	{ true, "ihv_plugin=", "ihv_plugin: empty or too long path" },
	{ true, "}", "'}' outside a network block" },
	{ true, "network=[", "expected network={" },
};

START_TEST(test_rejects_bad_line)
{
	const struct bad *b = &bad_lines[_i];
	char text[1024], err[1024], want[512];
	struct config *c;

	if (b->global)
		snprintf(text, sizeof(text), "%s\nnetwork={\n\tssid=\"ok\"\n\tpsk=\"correct horse\"\n}\n",
			 b->line);
	else
		snprintf(text, sizeof(text),
			 "# comment\nnetwork={\n\tssid=\"ok\"\n\tpsk=\"correct horse\"\n\t%s\n}\n",
			 b->line);
	c = load(text, err, sizeof(err));
	ck_assert_msg(c == NULL, "accepted: %s", b->line);
	snprintf(want, sizeof(want), "%s:%d: %s", path, b->global ? 1 : 5, b->msg);
	ck_assert_str_eq(err, want);
}
END_TEST

/* Whole-block problems are reported at the block's first line. */
struct bad_block {
	const char *text;
	const char *msg;
	int line;
};

static const struct bad_block bad_blocks[] = {
	{ "\nnetwork={\n\tpsk=\"correct horse\"\n}\n", "network block: no ssid", 2 },
	{ "network={\n\tssid=\"x\"\n}\n",
	  "network block: key_mgmt WPA-PSK needs a psk (or key_mgmt=NONE)", 1 },
	{ "network={\n\tssid=\"x\"\n\tkey_mgmt=WPA-PSK-SHA256\n}\n",
	  "network block: key_mgmt WPA-PSK-SHA256 needs a psk (or key_mgmt=NONE)", 1 },
	{ "network={\n\tssid=\"x\"\n\tkey_mgmt=NONE\n\tpsk=\"correct horse\"\n}\n",
	  "network block: psk given but key_mgmt=NONE", 1 },
	{ "network={\n\tssid=\"x\"\n\tkey_mgmt=NONE\n\tieee80211w=2\n}\n",
	  "network block: ieee80211w=2 needs an RSN key_mgmt", 1 },
	{ "#\n#\nnetwork={\n\tssid=\"x\"\n\tpsk=\"correct horse\"\n", "network block not closed", 3 },
	{ "network={\n\tssid=\"x\"\n\tkey_mgmt=SAE\n"
	  "\tpsk=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n}\n",
	  "network block: key_mgmt SAE needs sae_password or a psk passphrase", 1 },
	{ "network={\n\tssid=\"x\"\n\tkey_mgmt=SAE-EXT-KEY\n"
	  "\tpsk=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n}\n",
	  "network block: key_mgmt SAE-EXT-KEY needs sae_password or a psk passphrase", 1 },
};

START_TEST(test_rejects_bad_block)
{
	const struct bad_block *b = &bad_blocks[_i];
	char err[1024], want[512];
	struct config *c = load(b->text, err, sizeof(err));

	ck_assert_ptr_null(c);
	snprintf(want, sizeof(want), "%s:%d: %s", path, b->line, b->msg);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_every_error_reported)
{
	char err[2048], want[1024];
	struct config *c;

	c = load("bogus=1\n"
		 "network={\n"
		 "\tssid=\"ok\"\n"
		 "\tpsk=\"short\"\n"
		 "\tkey_mgmt=FT-SAE\n"
		 "}\n",
		 err, sizeof(err));
	ck_assert_ptr_null(c);
	/* The short psk also leaves the block without a psk: reported at its first line. */
	snprintf(want, sizeof(want),
		 "%s:1: unknown option 'bogus'\n"
		 "%s:4: psk: passphrase must be 8..63 characters\n"
		 "%s:5: key_mgmt: FT-SAE is not supported yet\n"
		 "%s:2: network block: key_mgmt WPA-PSK needs a psk (or key_mgmt=NONE)",
		 path, path, path, path);
	ck_assert_str_eq(err, want);
}
END_TEST

/* The text in memory goes through the same parse as the file: same networks, same errors. */
START_TEST(test_load_text_same_as_file)
{
	static const char good[] = "ap_scan=1\nnetwork={\n\tssid=\"home\"\n\tpsk=\"correct horse\"\n"
				   "\tpriority=3\n}\nnetwork={\n\tssid=\"open\"\n\tkey_mgmt=NONE\n}\n";
	static const char bad[] = "bogus=1\nnetwork={\n\tssid=\"a\0b\"\n\tkey_mgmt=NONE\n}\n";
	char err[1024], buf_file[128], buf_text[128];
	struct config *f, *t;
	const struct config_network *nf, *nt;
	int n = 0;

	f = load(good, err, sizeof(err));
	t = config_load_text("mem", good, sizeof(good) - 1, err, sizeof(err));
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(t);
	for (nf = f->networks, nt = t->networks; nf && nt; nf = nf->next, nt = nt->next, n++) {
		static const char *const fields[] = { "ssid", "psk", "key_mgmt", "priority" };

		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			int rf = config_network_value(nf, fields[i], buf_file, sizeof(buf_file));
			int rt = config_network_value(nt, fields[i], buf_text, sizeof(buf_text));

			ck_assert_int_eq(rf, rt);
			if (rf >= 0)
				ck_assert_str_eq(buf_file, buf_text);
		}
	}
	ck_assert_ptr_null(nf);
	ck_assert_ptr_null(nt);
	ck_assert_int_eq(n, 2);
	config_free(f);
	config_free(t);

	/* errors name the text, and a NUL in it is refused as in a file */
	ck_assert_ptr_null(config_load_text("mem", bad, sizeof(bad) - 1, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "mem:1: file contains a NUL byte"));
	ck_assert_ptr_nonnull(strstr(err, "mem:1: unknown option 'bogus'"));
	/* over the 1 MiB a file may have (the text is not read then) */
	ck_assert_ptr_null(config_load_text("mem", NULL, 2 * 1024 * 1024, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "mem: too large"));
}
END_TEST

/* WPA3-Personal: SAE alone, transition forms, the SAE options (global and per block). */
START_TEST(test_sae_forms)
{
	char err[1024], v[64];
	struct config *c;
	struct config_network *n;

	c = load("sae_groups=20 19\n"
		 "network={\n\tssid=\"a\"\n\tkey_mgmt=SAE\n\tsae_password=\"pw with spaces\"\n"
		 "\tieee80211w=2\n\tsae_pwe=2\n}\n"
		 "network={\n\tssid=\"b\"\n\tkey_mgmt=WPA-PSK SAE\n\tpsk=\"correct horse\"\n"
		 "\tsae_groups=21\n}\n"
		 "network={\n\tssid=\"c\"\n\tkey_mgmt=WPA-PSK WPA-PSK-SHA256 SAE\n"
		 "\tpsk=\"correct horse\"\n\tieee80211w=1\n}\n"
		 "sae_pwe=1\n",
		 err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	n = config_network_get(c, 0);
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_SAE);
	ck_assert(n->sae_password_set);
	ck_assert_str_eq(n->sae_password, "pw with spaces");
	ck_assert(config_network_sae_ok(n));
	ck_assert_int_eq(n->sae_pwe, 2);
	ck_assert_int_eq(config_network_value(n, "sae_groups", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "20 19"); /* the global default */
	ck_assert_int_eq(config_network_value(n, "sae_password", v, sizeof(v)), -1);
	n = config_network_get(c, 1);
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_PSK | CONFIG_AKM_SAE);
	ck_assert(config_network_sae_ok(n)); /* the passphrase is the SAE password */
	ck_assert_int_eq(n->sae_pwe, 1);     /* global sae_pwe after the blocks */
	ck_assert_int_eq(config_network_value(n, "sae_groups", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "21");
	n = config_network_get(c, 2);
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256 | CONFIG_AKM_SAE);
	ck_assert_int_eq(config_network_value(n, "key_mgmt", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "WPA-PSK WPA-PSK-SHA256 SAE");
	config_free(c);
}
END_TEST

/*
 * AKM 00-0F-AC:24 (IEEE 802.11-2024 Table 9-190): key_mgmt=SAE-EXT-KEY alone and with SAE,
 * as wpa_supplicant writes them; each is an SAE network and saves back under its name.
 */
START_TEST(test_sae_ext_key_forms)
{
	static const struct {
		unsigned int bits;
		const char *text;
	} want[] = {
		{ CONFIG_AKM_SAE_EXT_KEY, "SAE-EXT-KEY" },
		{ CONFIG_AKM_SAE | CONFIG_AKM_SAE_EXT_KEY, "SAE SAE-EXT-KEY" },
		{ CONFIG_AKM_PSK | CONFIG_AKM_SAE_EXT_KEY, "WPA-PSK SAE-EXT-KEY" },
	};
	char err[1024], v[64];
	struct config_network *n;
	struct config *c = load("network={\n\tssid=\"a\"\n\tkey_mgmt=SAE-EXT-KEY\n\tsae_password=\"pw\"\n"
				"\tsae_pwe=1\n}\n"
				"network={\n\tssid=\"b\"\n\tkey_mgmt=SAE SAE-EXT-KEY\n"
				"\tsae_password=\"pw\"\n}\n"
				"network={\n\tssid=\"c\"\n\tkey_mgmt=WPA-PSK SAE-EXT-KEY\n"
				"\tpsk=\"correct horse\"\n}\n",
				err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		n = config_network_get(c, i);
		ck_assert_uint_eq(n->key_mgmt, want[i].bits);
		ck_assert(config_network_sae_ok(n)); /* c: the passphrase is the SAE password */
		ck_assert_int_eq(config_network_value(n, "key_mgmt", v, sizeof(v)), 0);
		ck_assert_str_eq(v, want[i].text);
	}
	config_free(c);
}
END_TEST

START_TEST(test_missing_file)
{
	char err[512], want[600];

	snprintf(path, sizeof(path), "%s/nope.conf", tmpdir);
	ck_assert_ptr_null(config_load(path, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: No such file or directory", path);
	ck_assert_str_eq(err, want);
	snprintf(path, sizeof(path), "%s/ihvd.conf", tmpdir);
}
END_TEST

START_TEST(test_not_a_regular_file)
{
	char err[512], want[600];

	ck_assert_ptr_null(config_load(tmpdir, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s: not a regular file", tmpdir);
	ck_assert_str_eq(err, want);
}
END_TEST

START_TEST(test_nul_byte_rejected)
{
	static const char text[] = "network={\n\tssid=\"a\0b\"\n\tkey_mgmt=NONE\n}\n";
	char err[512], want[600];
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fwrite(text, 1, sizeof(text) - 1, f);
	fclose(f);
	ck_assert_ptr_null(config_load(path, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s:1: file contains a NUL byte", path);
	ck_assert_ptr_nonnull(strstr(err, want));
}
END_TEST

START_TEST(test_long_line_rejected)
{
	size_t n = 5000;
	char *text = malloc(n + 64), err[512], want[600];

	strcpy(text, "network={\n\tid_str=\"");
	memset(text + strlen(text), 'a', n);
	strcpy(text + 19 + n, "\"\n}\n");
	ck_assert_ptr_null(load(text, err, sizeof(err)));
	snprintf(want, sizeof(want), "%s:2: line too long", path);
	ck_assert_ptr_nonnull(strstr(err, want));
	free(text);
}
END_TEST

static const char psk_conf[] = "network={\n\tssid=\"x\"\n\tpsk=\"correct horse\"\n}\n";

START_TEST(test_permission_warning)
{
	char err[256];
	struct config *c;

	warnings[0] = 0;
	log_hook_set(hook, NULL);
	write_file(psk_conf, 0644);
	c = config_load(path, err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	config_free(c);
	ck_assert_msg(strstr(warnings, "holds a psk and is readable by others (mode 0644)") != NULL,
		      "warnings: %s", warnings);

	warnings[0] = 0;
	write_file(psk_conf, 0640);
	c = config_load(path, err, sizeof(err));
	config_free(c);
	ck_assert_msg(strstr(warnings, "readable by its group (mode 0640)") != NULL,
		      "warnings: %s", warnings);

	warnings[0] = 0;
	write_file(psk_conf, 0600);
	c = config_load(path, err, sizeof(err));
	config_free(c);
	ck_assert_msg(strstr(warnings, "readable") == NULL, "warnings: %s", warnings);

	warnings[0] = 0;
	write_file("network={\n\tssid=\"x\"\n\tkey_mgmt=NONE\n}\n", 0644);
	c = config_load(path, err, sizeof(err));
	config_free(c);
	log_hook_set(NULL, NULL);
	ck_assert_msg(strstr(warnings, "readable") == NULL, "no psk, no warning: %s", warnings);
}
END_TEST

START_TEST(test_runtime_set_get_remove)
{
	struct config *c = config_new();
	struct config_network *n, *m;
	char err[256], val[256];

	n = config_network_add(c);
	m = config_network_add(c);
	ck_assert_int_eq(n->id, 0);
	ck_assert_int_eq(m->id, 1);
	ck_assert_int_lt(config_network_check(n, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "network block: no ssid");

	ck_assert_int_eq(config_network_set(n, "ssid", "\"ihvd-test\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_set(n, "psk", "\"correct horse battery\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_check(n, err, sizeof(err)), 0);

	/* A rejected value changes nothing. */
	ck_assert_int_lt(config_network_set(n, "psk", "\"short\"", err, sizeof(err)), 0);
	ck_assert_str_eq(err, "psk: passphrase must be 8..63 characters");
	ck_assert_str_eq(n->passphrase, "correct horse battery");
	ck_assert_int_lt(config_network_set(n, "ssid", "\"\"", err, sizeof(err)), 0);
	ck_assert_mem_eq(n->ssid, "ihvd-test", 9);
	ck_assert_int_lt(config_network_set(n, "nonsense", "1", err, sizeof(err)), 0);
	ck_assert_str_eq(err, "unknown network field 'nonsense'");

	/* Secrets never come back out. */
	ck_assert_int_lt(config_network_value(n, "psk", val, sizeof(val)), 0);
	ck_assert_int_eq(config_network_value(n, "ssid", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "\"ihvd-test\"");
	ck_assert_int_eq(config_network_value(n, "key_mgmt", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "WPA-PSK");
	ck_assert_int_eq(config_network_value(n, "pairwise", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "CCMP");
	ck_assert_int_eq(config_network_value(n, "ieee80211w", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "0");
	ck_assert_int_lt(config_network_value(n, "bssid", val, sizeof(val)), 0);
	ck_assert_int_lt(config_network_value(n, "id_str", val, sizeof(val)), 0);
	ck_assert_int_lt(config_network_value(n, "scan_freq", val, sizeof(val)), 0);
	ck_assert_int_eq(config_network_set(n, "scan_freq", "2462 2412", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_value(n, "scan_freq", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "2462 2412");

	/* A hex psk replaces the passphrase (and the other way round). */
	ck_assert_int_eq(config_network_set(n, "psk",
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", err, sizeof(err)), 0);
	ck_assert(n->psk_set && !n->passphrase_set);
	ck_assert_str_eq(n->passphrase, "");
	ck_assert_int_eq(config_network_set(n, "psk", "\"correct horse\"", err, sizeof(err)), 0);
	ck_assert(!n->psk_set && n->passphrase_set);
	ck_assert_uint_eq(n->psk[0] | n->psk[31], 0);

	/* Non-printable SSIDs come back as hex; P"" profiles round-trip. */
	ck_assert_int_eq(config_network_set(n, "ssid", "P\"a\\x00\\xffb\"", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_value(n, "ssid", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "6100ff62");
	ck_assert_int_eq(config_network_set(n, "ihv_profile", "P\"caf\\xc3\\xa9 \\\"x\\\"\"", err,
					    sizeof(err)), 0);
	ck_assert_int_eq(config_network_value(n, "ihv_profile", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "P\"caf\\xc3\\xa9 \\\"x\\\"\"");
	ck_assert_int_eq(config_network_set(m, "ihv_profile", val, err, sizeof(err)), 0);
	ck_assert_str_eq(m->ihv_profile, n->ihv_profile);
	ck_assert_int_eq(config_network_set(n, "bssid", "02:00:00:00:00:01", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_value(n, "bssid", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "02:00:00:00:00:01");
	ck_assert_int_eq(config_network_set(n, "bssid", "any", err, sizeof(err)), 0);
	ck_assert(!n->bssid_set);
	ck_assert_int_eq(config_network_set(n, "key_mgmt", "WPA-PSK-SHA256 WPA-PSK", err, sizeof(err)), 0);
	ck_assert_int_eq(config_network_value(n, "key_mgmt", val, sizeof(val)), 0);
	ck_assert_str_eq(val, "WPA-PSK WPA-PSK-SHA256");

	ck_assert_int_eq(config_network_remove(c, 0), 0);
	ck_assert_int_lt(config_network_remove(c, 0), 0);
	ck_assert_ptr_null(config_network_get(c, 0));
	ck_assert_ptr_eq(config_network_get(c, 1), m);
	ck_assert_int_eq(config_network_add(c)->id, 2); /* ids are never reused */
	config_free(c);
}
END_TEST

START_TEST(test_ssid_txt)
{
	char out[200];

	config_ssid_txt((const uint8_t *)"plain", 5, out, sizeof(out));
	ck_assert_str_eq(out, "plain");
	config_ssid_txt((const uint8_t *)"a\"b\\c\n\x01\xff\033", 9, out, sizeof(out));
	ck_assert_str_eq(out, "a\\\"b\\\\c\\n\\x01\\xff\\e");
	/* truncation never splits an escape */
	config_ssid_txt((const uint8_t *)"ab\xff", 3, out, 5);
	ck_assert_str_eq(out, "ab");
}
END_TEST

/*
 * ihv_profile against the plugin's fragment limit after XML escaping: 1400 quotes are
 * 1400 bytes (under the file's 4000) but 8400 UTF-16 units once escaped: refused at load
 * with the file and line; 1000 quotes (6000 units) and 3000 plain bytes pass.
 */
START_TEST(test_ihv_profile_fragment_limit)
{
	static char text[8192];
	char err[1024], want[512];
	struct config *c;
	int n;

	n = snprintf(text, sizeof(text), "network={\n\tssid=\"x\"\n\tpsk=\"12345678\"\n"
		     "\tihv_profile=\"");
	memset(text + n, '\'', 1400);
	snprintf(text + n + 1400, sizeof(text) - (size_t)n - 1400, "\"\n}\n");
	c = load(text, err, sizeof(err));
	ck_assert_ptr_null(c);
	snprintf(want, sizeof(want), "%s:4: ihv_profile: 8400 UTF-16 units once XML-escaped", path);
	ck_assert_msg(strstr(err, want), "got: %s", err);

	memset(text + n, '\'', 1000);
	snprintf(text + n + 1000, sizeof(text) - (size_t)n - 1000, "\"\n}\n");
	c = load(text, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_uint_eq(strlen(c->networks->ihv_profile), 1000);
	config_free(c);

	memset(text + n, 'a', 3000);
	snprintf(text + n + 3000, sizeof(text) - (size_t)n - 3000, "\"\n}\n");
	c = load(text, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	config_free(c);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_accepts_every_form);
	tcase_add_test(tc, test_ctrl_interface_forms);
	tcase_add_test(tc, test_update_config_noted);
	tcase_add_test(tc, test_plugin_isolation_options);
	tcase_add_loop_test(tc, test_rejects_bad_line, 0, sizeof(bad_lines) / sizeof(bad_lines[0]));
	tcase_add_loop_test(tc, test_rejects_bad_block, 0, sizeof(bad_blocks) / sizeof(bad_blocks[0]));
	tcase_add_test(tc, test_every_error_reported);
	tcase_add_test(tc, test_sae_forms);
	tcase_add_test(tc, test_sae_ext_key_forms);
	tcase_add_test(tc, test_load_text_same_as_file);
	tcase_add_test(tc, test_tkip_forms);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_not_a_regular_file);
	tcase_add_test(tc, test_nul_byte_rejected);
	tcase_add_test(tc, test_long_line_rejected);
	tcase_add_test(tc, test_permission_warning);
	tcase_add_test(tc, test_runtime_set_get_remove);
	tcase_add_test(tc, test_ssid_txt);
	tcase_add_test(tc, test_ihv_profile_fragment_limit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
