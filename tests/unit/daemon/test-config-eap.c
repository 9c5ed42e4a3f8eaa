// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/config-eap.c: the 802.1X fields with wpa_supplicant's names, the CA policy,
 * file checks with file:line errors, secrets kept in, and the profile without a secret.
 */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "daemon/config-eap.h"
#include "daemon/config.h"
#include "daemon/profile.h"

static char tmpdir[64], path[128], ca[128], key[128];
static char warnings[4096];

static void hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	if (level == LOG_LEVEL_WARN) {
		strncat(warnings, line, sizeof(warnings) - strlen(warnings) - 2);
		strcat(warnings, "\n");
	}
}

static void put(const char *p, const char *text, mode_t mode)
{
	FILE *f = fopen(p, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(chmod(p, mode), 0);
}

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ihvd-test-eap.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/ihvd.conf", tmpdir);
	snprintf(ca, sizeof(ca), "%s/ca.pem", tmpdir);
	snprintf(key, sizeof(key), "%s/client.key", tmpdir);
	put(ca, "-----BEGIN CERTIFICATE-----\n", 0644);
	put(key, "-----BEGIN PRIVATE KEY-----\n", 0600);
	warnings[0] = 0;
	log_hook_set(hook, NULL);
}

static void teardown(void)
{
	log_hook_set(NULL, NULL);
	unlink(path);
	unlink(ca);
	unlink(key);
	rmdir(tmpdir);
}

/* A config with one network block made of the given lines (@CA@, @KEY@: the files). */
static struct config *load_block(const char *lines, char *err, size_t len)
{
	char text[2048], block[1500];
	const char *p = lines;
	size_t o = 0;

	while (*p && o + 130 < sizeof(block)) {
		if (!strncmp(p, "@CA@", 4)) {
			o += (size_t)snprintf(block + o, sizeof(block) - o, "%s", ca);
			p += 4;
		} else if (!strncmp(p, "@KEY@", 5)) {
			o += (size_t)snprintf(block + o, sizeof(block) - o, "%s", key);
			p += 5;
		} else {
			block[o++] = *p++;
		}
	}
	block[o] = 0;
	snprintf(text, sizeof(text), "network={\n\tssid=\"corp\"\n%s}\n", block);
	put(path, text, 0600);
	return config_load(path, err, len);
}

START_TEST(test_peap_block)
{
	char err[1024], v[256];
	struct config *c = load_block("\tkey_mgmt=WPA-EAP WPA-EAP-SHA256\n\teap=PEAP\n"
				      "\tidentity=\"alice\"\n\tanonymous_identity=\"anonymous\"\n"
				      "\tpassword=\"correct horse\"\n\tca_cert=\"@CA@\"\n"
				      "\tphase2=\"auth=MSCHAPV2\"\n"
				      "\tdomain_suffix_match=\"example.com\"\n", err, sizeof(err));
	struct config_network *n;

	ck_assert_msg(c != NULL, "%s", err);
	n = c->networks;
	ck_assert_uint_eq(n->key_mgmt, CONFIG_AKM_EAP | CONFIG_AKM_EAP_SHA256);
	ck_assert_int_eq(config_network_value(n, "eap", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "PEAP");
	ck_assert_int_eq(config_network_value(n, "identity", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "\"alice\"");
	ck_assert_int_eq(config_network_value(n, "phase2", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "\"auth=MSCHAPV2\"");
	/* secrets never leave the daemon */
	ck_assert_int_eq(config_network_value(n, "password", v, sizeof(v)), -1);
	ck_assert_str_eq(n->eap->password, "correct horse");
	ck_assert(c->has_secret);
	config_free(c);
}
END_TEST

/* eap= is a list in wpa_supplicant's form: kept in order, each method once. */
START_TEST(test_method_list)
{
	char err[1024], v[256];
	struct config *c = load_block("\tkey_mgmt=WPA-EAP\n\teap=TTLS  PEAP\tTTLS\n"
				      "\tidentity=\"alice\"\n\tpassword=\"correct horse\"\n"
				      "\tca_cert=\"@CA@\"\n", err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_int_eq(config_network_value(c->networks, "eap", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "TTLS PEAP");
	/* what the station hands the 802.1X module: the same list, parsed */
	ck_assert_uint_eq(c->networks->eap->methods[0], IHV_ONEX_EAP_TTLS);
	ck_assert_uint_eq(c->networks->eap->methods[1], IHV_ONEX_EAP_PEAP);
	ck_assert_uint_eq(c->networks->eap->methods[2], 0);
	ck_assert(!config_eap_is_only(c->networks->eap, IHV_ONEX_EAP_TTLS));
	config_free(c);
	/* TLS in a list needs no certificate of its own: the server may choose another */
	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=TLS PEAP\n\tidentity=\"alice\"\n"
		       "\tpassword=\"correct horse\"\n\tca_cert=\"@CA@\"\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_int_eq(config_network_value(c->networks, "eap", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "TLS PEAP");
	ck_assert(!config_eap_is_only(c->networks->eap, IHV_ONEX_EAP_TLS));
	ck_assert_uint_eq(c->networks->eap->methods[0], IHV_ONEX_EAP_TLS);
	config_free(c);
}
END_TEST

START_TEST(test_ca_policy)
{
	char err[1024];
	struct config *c;

	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=TTLS\n\tidentity=\"bob\"\n", err, sizeof(err));
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(err, "ihvd.conf:1: network block: eap=TTLS without ca_cert") != NULL,
		      "%s", err);
	ck_assert(strstr(err, "ca_cert=\"none\"") != NULL);
	/* the explicit opt-out loads, and says so */
	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=TTLS\n\tidentity=\"bob\"\n\tca_cert=\"none\"\n",
		       err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(c->networks->eap->ca_none);
	ck_assert_ptr_null(c->networks->eap->ca_cert);
	ck_assert(strstr(warnings, "will NOT be verified") != NULL);
	config_free(c);
}
END_TEST

START_TEST(test_file_errors_name_the_line)
{
	char err[1024];
	struct config *c;

	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tca_cert=\"/nonexistent/ca.pem\"\n", err,
		       sizeof(err));
	ck_assert_ptr_null(c);
	ck_assert_msg(strstr(err, "ihvd.conf:5: ca_cert: cannot read \"/nonexistent/ca.pem\"") !=
		      NULL, "%s", err);
	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tca_cert=\"/tmp\"\n", err, sizeof(err));
	ck_assert_ptr_null(c);
	ck_assert(strstr(err, "ca_cert: \"/tmp\" is not a regular file") != NULL);
	/* a private key readable by others: loaded, with a warning */
	ck_assert_int_eq(chmod(key, 0644), 0);
	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=TLS\n\tidentity=\"client@example.com\"\n"
		       "\tca_cert=\"@CA@\"\n\tclient_cert=\"@CA@\"\n\tprivate_key=\"@KEY@\"\n",
		       err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert(strstr(warnings, "is readable by others (mode 0644): chmod 600 it") != NULL);
	config_free(c);
}
END_TEST

START_TEST(test_bad_values)
{
	static const struct {
		const char *lines, *want;
	} cases[] = {
		{ "\tkey_mgmt=WPA-EAP\n\teap=MD5\n", "eap: MD5 is not supported as the outer method" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=PEAP MD5\n", "MD5 is not supported as the outer" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=TTLS FOO PEAP\n", "eap: unknown method 'FOO'" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=FOO\n", "eap: unknown method 'FOO'" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=peap\n", "eap: unknown method 'peap'" },
		{ "\tkey_mgmt=WPA-EAP\n\teap= \t\n", "eap: empty" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tpassword=hash:1234\n",
		  "password: hash: needs 32 hex digits" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tidentity=alice\n",
		  "identity: expected a quoted string" },
		{ "\tkey_mgmt=WPA-EAP\n\tca_cert=\"@CA@\"\n", "key_mgmt WPA-EAP needs eap=" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=TLS\n\tidentity=\"c\"\n\tca_cert=\"@CA@\"\n",
		  "eap=TLS needs client_cert and private_key" },
		{ "\tpsk=\"12345678\"\n\teap=PEAP\n", "eap=PEAP but key_mgmt has no WPA-EAP" },
		/* a bad escape in a secret: said, with no character of the secret */
		{ "\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tpassword=P\"ab\\Zcd\"\n",
		  "password: unknown escape (known:" },
		{ "\tkey_mgmt=WPA-EAP\n\teap=TLS\n\tprivate_key_passwd=P\"k\\Z\"\n",
		  "private_key_passwd: unknown escape (known:" },
	};
	char err[1024];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config *c = load_block(cases[i].lines, err, sizeof(err));

		ck_assert_msg(c == NULL, "case %zu loaded", i);
		ck_assert_msg(strstr(err, cases[i].want) != NULL, "case %zu: %s", i, err);
		/* the bad escape is \Z: not in the message (a lone Z may be in the file's name) */
		ck_assert_msg(strstr(err, "\\Z") == NULL, "case %zu shows a secret's character", i);
	}
}
END_TEST

START_TEST(test_hash_password_and_profile_without_secret)
{
	char err[1024];
	struct config *c = load_block("\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tidentity=\"alice\"\n"
				      "\tpassword=hash:8846f7eaee8fb117ad06bdd830b7586c\n"
				      "\tca_cert=\"@CA@\"\n", err, sizeof(err));
	struct profile_choice ch = { CONFIG_AKM_EAP, CONFIG_CIPHER_CCMP, CONFIG_CIPHER_CCMP };
	struct profile_xml x;

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->networks->eap->password, "hash:8846f7eaee8fb117ad06bdd830b7586c");
	ck_assert(c->networks->eap->password_hash);
	ck_assert_int_eq(profile_build(c->networks, &ch, &x), 0);
	ck_assert(strstr(x.security, "<AuthMode>WPA-EAP</AuthMode>") != NULL);
	ck_assert(strstr(x.security, "Passphrase") == NULL && strstr(x.security, "Psk") == NULL);
	ck_assert(strstr(x.security, "8846f7") == NULL);
	profile_xml_clear(&x);
	config_free(c);
	/* quoted, it is a password that starts with "hash:" (as wpa_supplicant reads it) */
	c = load_block("\tkey_mgmt=WPA-EAP\n\teap=PEAP\n\tidentity=\"alice\"\n"
		       "\tpassword=\"hash:8846f7eaee8fb117ad06bdd830b7586c\"\n"
		       "\tca_cert=\"@CA@\"\n", err, sizeof(err));
	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_str_eq(c->networks->eap->password, "hash:8846f7eaee8fb117ad06bdd830b7586c");
	ck_assert(!c->networks->eap->password_hash);
	config_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config-eap");
	TCase *tc = tcase_create("config-eap");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_peap_block);
	tcase_add_test(tc, test_method_list);
	tcase_add_test(tc, test_ca_policy);
	tcase_add_test(tc, test_file_errors_name_the_line);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_hash_password_and_profile_without_secret);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
