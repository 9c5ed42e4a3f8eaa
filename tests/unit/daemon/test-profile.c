// SPDX-License-Identifier: BSD-3-Clause
/* src/daemon/profile.c: network blocks -> the documented IHV profile XML, exactly. */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/config.h"
#include "daemon/profile.h"

static struct config *c;

static void setup(void)
{
	c = config_new();
}

static void teardown(void)
{
	config_free(c);
}

static struct config_network *net(const char *const *kv)
{
	struct config_network *n = config_network_add(c);
	char err[128];

	for (; kv[0]; kv += 2)
		ck_assert_msg(config_network_set(n, kv[0], kv[1], err, sizeof(err)) == 0, "%s", err);
	return n;
}

#define CHOICE(a, p, g) (&(struct profile_choice){ .akm = (a), .pairwise = (p), .group = (g) })

START_TEST(test_passphrase)
{
	struct config_network *n = net((const char *const[]){
		"ssid", "\"ihvd-test\"", "psk", "\"correct horse battery\"", NULL });
	struct profile_xml x;

	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_CCMP), &x), 0);
	ck_assert_str_eq(x.connectivity, "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\">"
			 "<Ssid>696876642d74657374</Ssid></IhvConnectivity>");
	ck_assert_str_eq(x.security, "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\">"
			 "<Ssid>696876642d74657374</Ssid><AuthMode>WPA-PSK</AuthMode>"
			 "<Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>0</Pmf>"
			 "<Passphrase>correct horse battery</Passphrase></IhvSecurity>");
	profile_xml_clear(&x);
	ck_assert_ptr_null(x.connectivity);
	ck_assert_ptr_null(x.security);
}
END_TEST

START_TEST(test_hex_psk_sha256_pmf)
{
	struct config_network *n = net((const char *const[]){
		"ssid", "P\"a<b\\x00\"",
		"psk", "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff",
		"key_mgmt", "WPA-PSK-SHA256", "ieee80211w", "2", "pairwise", "CCMP GCMP-256",
		"group", "CCMP GCMP", NULL });
	struct profile_xml x;

	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK_SHA256, CONFIG_CIPHER_GCMP_256,
						 CONFIG_CIPHER_GCMP), &x), 0);
	ck_assert_str_eq(x.connectivity, "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\">"
			 "<Ssid>613c6200</Ssid></IhvConnectivity>");
	ck_assert_str_eq(x.security, "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\">"
			 "<Ssid>613c6200</Ssid><AuthMode>WPA-PSK-SHA256</AuthMode>"
			 "<Pairwise>GCMP-256</Pairwise><Group>GCMP</Group><Pmf>2</Pmf>"
			 "<Psk>00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff</Psk>"
			 "</IhvSecurity>");
	profile_xml_clear(&x);
}
END_TEST

/* A mixed-mode AP: Group TKIP goes into the profile; TKIP is never a pairwise choice. */
START_TEST(test_tkip_group)
{
	struct config_network *n = net((const char *const[]){
		"ssid", "\"m\"", "psk", "\"correct horse\"", "pairwise", "CCMP TKIP", NULL });
	struct profile_xml x;

	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_TKIP), &x), 0);
	ck_assert_ptr_nonnull(strstr(x.security, "<Pairwise>CCMP</Pairwise><Group>TKIP</Group>"));
	profile_xml_clear(&x);
	ck_assert_int_lt(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_TKIP,
						 CONFIG_CIPHER_TKIP), &x), 0);
}
END_TEST

START_TEST(test_escaping_and_ihv_profile)
{
	struct config_network *n = net((const char *const[]){
		"ssid", "\"x\"", "psk", "\"<a&b>'c'\\\"", "ihv_profile",
		"P\"<Vendor id=\\\"7\\\">caf\\xc3\\xa9 & co</Vendor>\"", NULL });
	struct profile_xml x;

	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_CCMP), &x), 0);
	ck_assert_str_eq(x.connectivity, "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>78</Ssid>"
			 "<IhvProfile>&lt;Vendor id=&quot;7&quot;&gt;caf\xc3\xa9 &amp; co&lt;/Vendor&gt;"
			 "</IhvProfile></IhvConnectivity>");
	ck_assert_ptr_nonnull(strstr(x.security,
			 "<Passphrase>&lt;a&amp;b&gt;&apos;c&apos;\\</Passphrase>"));
	profile_xml_clear(&x);
}
END_TEST

START_TEST(test_open_network)
{
	struct config_network *n = net((const char *const[]){
		"ssid", "\"cafe\"", "key_mgmt", "NONE", NULL });
	struct profile_xml x;

	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_NONE, 0, 0), &x), 0);
	ck_assert_str_eq(x.security, "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>63616665</Ssid>"
			 "<AuthMode>NONE</AuthMode><Pmf>0</Pmf></IhvSecurity>");
	profile_xml_clear(&x);
}
END_TEST

START_TEST(test_rejects_incomplete)
{
	struct config_network *n = config_network_add(c);
	struct profile_xml x;

	/* No SSID; no psk; an AKM the network does not allow; an invalid cipher. */
	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_CCMP), &x), -EINVAL);
	config_network_set(n, "ssid", "\"x\"", NULL, 0);
	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_CCMP), &x), -EINVAL);
	config_network_set(n, "psk", "\"correct horse\"", NULL, 0);
	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK_SHA256, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_CCMP), &x), -EINVAL);
	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, 0, CONFIG_CIPHER_CCMP), &x),
			 -EINVAL);
	ck_assert_ptr_null(x.connectivity);
	ck_assert_ptr_null(x.security);
	ck_assert_int_eq(profile_build(n, CHOICE(CONFIG_AKM_PSK, CONFIG_CIPHER_CCMP,
						 CONFIG_CIPHER_CCMP), &x), 0);
	profile_xml_clear(&x);
	profile_xml_clear(&x); /* twice is harmless */
}
END_TEST

/* The AuthMode the plugin reads for SAE-EXT-KEY alone and for SAE with SAE-EXT-KEY. */
START_TEST(test_sae_ext_key_auth_mode)
{
	struct config_network *ext = net((const char *const[]){
		"ssid", "\"ihvd-test\"", "key_mgmt", "SAE-EXT-KEY", "sae_password", "\"pw\"", NULL });
	struct config_network *both = net((const char *const[]){
		"ssid", "\"ihvd-test\"", "key_mgmt", "SAE SAE-EXT-KEY", "sae_password", "\"pw\"",
		NULL });
	struct profile_xml x;

	ck_assert_int_eq(profile_build(ext, CHOICE(CONFIG_AKM_SAE_EXT_KEY, CONFIG_CIPHER_CCMP,
						   CONFIG_CIPHER_CCMP), &x), 0);
	ck_assert_ptr_nonnull(strstr(x.security, "<AuthMode>SAE-EXT-KEY</AuthMode>"));
	ck_assert_ptr_nonnull(strstr(x.security, "<SaePassword>"));
	profile_xml_clear(&x);
	/* a network allowing both names both: the plugin, seeing the RSNXE, picks */
	ck_assert_int_eq(profile_build(both, CHOICE(CONFIG_AKM_SAE, CONFIG_CIPHER_CCMP,
						    CONFIG_CIPHER_CCMP), &x), 0);
	ck_assert_ptr_nonnull(strstr(x.security, "<AuthMode>SAE SAE-EXT-KEY</AuthMode>"));
	profile_xml_clear(&x);
	ck_assert_int_eq(profile_build(ext, CHOICE(CONFIG_AKM_SAE, CONFIG_CIPHER_CCMP,
						   CONFIG_CIPHER_CCMP), &x), -EINVAL);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_passphrase);
	tcase_add_test(tc, test_hex_psk_sha256_pmf);
	tcase_add_test(tc, test_tkip_group);
	tcase_add_test(tc, test_escaping_and_ihv_profile);
	tcase_add_test(tc, test_open_network);
	tcase_add_test(tc, test_rejects_incomplete);
	tcase_add_test(tc, test_sae_ext_key_auth_mode);
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
