// SPDX-License-Identifier: BSD-3-Clause
/* The urn:ihvd:conn:1 / urn:ihvd:rsn:1 fragment parser (schema in src/daemon/profile.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rsn/crypto.h"
#include "rsn/profile-xml.h"

#define SSID_HEX "696876642d74657374" /* ihvd-test */
#define SEC_OPEN "<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" SSID_HEX "</Ssid>"
#define SEC_CLOSE "</IhvSecurity>"
#define PSK_HEX "0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698"

static enum rsn_profile_err sec(const char *xml, struct rsn_sec_profile *p)
{
	return rsn_profile_sec_parse(xml, strlen(xml), p);
}

/* A UTF-16LE copy of an ASCII/UTF-8-free string, NUL-terminated (test input only). */
static uint16_t *u16(const char *s)
{
	size_t n = strlen(s);
	uint16_t *w = calloc(n + 1, sizeof(*w));

	for (size_t i = 0; i < n; i++)
		w[i] = (uint8_t)s[i];
	return w;
}

START_TEST(test_host_example_psk)
{
	struct rsn_sec_profile p;
	struct rsn_conn_profile c;
	const char *conn = "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>" SSID_HEX
			   "</Ssid></IhvConnectivity>";

	ck_assert_int_eq(rsn_profile_conn_parse(conn, strlen(conn), &c), RSN_PROFILE_OK);
	ck_assert_uint_eq(c.ssid_len, 9);
	ck_assert_mem_eq(c.ssid, "ihvd-test", 9);
	ck_assert(!c.has_ihv_profile);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>0</Pmf>"
				      "<Passphrase>correct horse battery</Passphrase>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_OK);
	ck_assert_uint_eq(p.ssid_len, 9);
	ck_assert_int_eq(p.auth, RSN_PROFILE_AUTH_PSK);
	ck_assert_uint_eq(p.akm, RSN_AKM_PSK);
	ck_assert_uint_eq(p.pairwise, RSN_CIPHER_CCMP_128);
	ck_assert_uint_eq(p.group, RSN_CIPHER_CCMP_128);
	ck_assert_int_eq(p.pmf, 0);
	ck_assert(p.has_passphrase && !p.has_psk);
	ck_assert_str_eq(p.passphrase, "correct horse battery");
	rsn_sec_profile_clear(&p);
	ck_assert_uint_eq(p.passphrase[0], 0);
}
END_TEST

START_TEST(test_psk_sha256_hex_psk_pmf)
{
	struct rsn_sec_profile p;
	uint8_t want[32];

	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK-SHA256</AuthMode><Pairwise>GCMP-256"
				      "</Pairwise><Group>CCMP-256</Group><Pmf>2</Pmf><Psk>" PSK_HEX
				      "</Psk>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_OK);
	ck_assert_uint_eq(p.akm, RSN_AKM_PSK_SHA256);
	ck_assert_uint_eq(p.pairwise, RSN_CIPHER_GCMP_256);
	ck_assert_uint_eq(p.group, RSN_CIPHER_CCMP_256);
	ck_assert_int_eq(p.pmf, 2);
	ck_assert(p.has_psk && !p.has_passphrase);
	ck_assert_int_eq(rsn_crypto_psk_from_hex(PSK_HEX, want), 0);
	ck_assert_mem_eq(p.psk, want, 32);
	rsn_sec_profile_clear(&p);
}
END_TEST

START_TEST(test_open_network)
{
	struct rsn_sec_profile p;

	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>0</Pmf>" SEC_CLOSE, &p),
			 RSN_PROFILE_OK);
	ck_assert_int_eq(p.auth, RSN_PROFILE_AUTH_NONE);
	ck_assert_uint_eq(p.akm, 0);
	/* ciphers or secrets make no sense for NONE */
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>0</Pmf>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>0</Pmf>"
				      "<Passphrase>12345678</Passphrase>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SYNTAX);
}
END_TEST

START_TEST(test_escaping)
{
	struct rsn_sec_profile p;

	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>1</Pmf><Passphrase>a&amp;b&lt;c&gt;"
				      "&quot;d&apos;e&#33;&#x7e;</Passphrase>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_OK);
	ck_assert_str_eq(p.passphrase, "a&b<c>\"d'e!~");
	/* a bare '&', an unknown entity, a NUL reference, a surrogate reference */
	static const char *const bad[] = { "a&b12345", "&nbsp;12345678", "&#0;12345678",
					   "&#xd800;12345678", "&#;12345678", "&#x110000;1234" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char xml[512];

		snprintf(xml, sizeof(xml),
			 SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise><Group>"
				  "CCMP</Group><Pmf>0</Pmf><Passphrase>%s</Passphrase>" SEC_CLOSE,
			 bad[i]);
		ck_assert_int_eq(sec(xml, &p), RSN_PROFILE_ERR_SYNTAX);
		ck_assert_uint_eq(p.has_passphrase, 0);
	}
}
END_TEST

START_TEST(test_wrong_order_and_missing)
{
	struct rsn_sec_profile p;

	/* Group before Pairwise */
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Group>CCMP</Group>"
				      "<Pairwise>CCMP</Pairwise><Pmf>0</Pmf><Psk>" PSK_HEX
				      "</Psk>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SYNTAX);
	/* no Pmf */
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Psk>" PSK_HEX "</Psk>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SYNTAX);
	/* no secret */
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>0</Pmf>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SECRET);
	/* both secrets */
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>0</Pmf><Passphrase>12345678"
				      "</Passphrase><Psk>" PSK_HEX "</Psk>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SYNTAX);
	/* no ciphers for PSK */
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pmf>0</Pmf><Psk>" PSK_HEX
				      "</Psk>" SEC_CLOSE,
			     &p),
			 RSN_PROFILE_ERR_SYNTAX);
	/* no Ssid, wrong namespace, wrong root, unclosed, trailing garbage, extra element */
	ck_assert_int_eq(sec("<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><AuthMode>NONE</AuthMode>"
			     "<Pmf>0</Pmf></IhvSecurity>", &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec("<IhvSecurity xmlns=\"urn:ihvd:rsn:2\"><Ssid>00</Ssid><AuthMode>"
			     "NONE</AuthMode><Pmf>0</Pmf></IhvSecurity>", &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec("<IhvConnectivity xmlns=\"urn:ihvd:rsn:1\"><Ssid>00</Ssid>"
			     "</IhvConnectivity>", &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>0</Pmf>", &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>0</Pmf>" SEC_CLOSE "x", &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>0</Pmf><Extra>1</Extra>"
				      SEC_CLOSE, &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>0</Pmf>" SEC_CLOSE "x", &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(rsn_profile_sec_parse(NULL, 0, &p), RSN_PROFILE_ERR_MISSING);
	/* whitespace between elements and single quotes are tolerated */
	ck_assert_int_eq(sec("<IhvSecurity  xmlns = 'urn:ihvd:rsn:1' >\n <Ssid>00</Ssid>\n"
			     " <AuthMode>NONE</AuthMode> <Pmf>0</Pmf>\n</IhvSecurity>\n", &p),
			 RSN_PROFILE_OK);
}
END_TEST

/* WPA-EAP: no secret in the profile (the host's 802.1X module holds the credentials) */
START_TEST(test_eap_auth_modes)
{
	struct rsn_sec_profile p;

	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-EAP</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>0</Pmf>" SEC_CLOSE, &p),
			 RSN_PROFILE_OK);
	ck_assert_int_eq(p.auth, RSN_PROFILE_AUTH_EAP);
	ck_assert_uint_eq(p.akm, RSN_AKM_8021X);
	ck_assert(!p.has_passphrase && !p.has_psk);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-EAP-SHA256</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>2</Pmf>" SEC_CLOSE, &p),
			 RSN_PROFILE_OK);
	ck_assert_int_eq(p.auth, RSN_PROFILE_AUTH_EAP_SHA256);
	ck_assert_uint_eq(p.akm, RSN_AKM_8021X_SHA256);
	ck_assert_int_eq(p.pmf, 2);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-EAP</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>CCMP</Group><Pmf>0</Pmf><Psk>" PSK_HEX "</Psk>"
				      SEC_CLOSE, &p),
			 RSN_PROFILE_ERR_SYNTAX);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-EAP</AuthMode><Pmf>0</Pmf>" SEC_CLOSE, &p),
			 RSN_PROFILE_ERR_SYNTAX);
}
END_TEST

/* A mixed-mode AP's profile: Group TKIP (00-0F-AC:2) is taken; TKIP stays refused as pairwise. */
START_TEST(test_tkip_group)
{
	struct rsn_sec_profile p;

	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise>"
				      "<Group>TKIP</Group><Pmf>0</Pmf><Psk>" PSK_HEX "</Psk>"
				      SEC_CLOSE, &p),
			 RSN_PROFILE_OK);
	ck_assert_uint_eq(p.pairwise, RSN_CIPHER_CCMP_128);
	ck_assert_uint_eq(p.group, RSN_CIPHER_TKIP);
	rsn_sec_profile_clear(&p);
	ck_assert_int_eq(sec(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>TKIP</Pairwise>"
				      "<Group>TKIP</Group><Pmf>0</Pmf><Psk>" PSK_HEX "</Psk>"
				      SEC_CLOSE, &p),
			 RSN_PROFILE_ERR_VALUE);
}
END_TEST

START_TEST(test_bad_values)
{
	struct rsn_sec_profile p;
	static const char *const bad[] = {
		SEC_OPEN "<AuthMode>WPA-EAP-SUITE-B-192</AuthMode><Pmf>0</Pmf>" SEC_CLOSE,
		SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>3</Pmf>" SEC_CLOSE,
		SEC_OPEN "<AuthMode>NONE</AuthMode><Pmf>01</Pmf>" SEC_CLOSE,
		SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>TKIP</Pairwise><Group>CCMP</Group>"
			 "<Pmf>0</Pmf><Psk>" PSK_HEX "</Psk>" SEC_CLOSE,
		"<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>abc</Ssid><AuthMode>NONE</AuthMode>"
		"<Pmf>0</Pmf></IhvSecurity>",
		"<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>zz</Ssid><AuthMode>NONE</AuthMode>"
		"<Pmf>0</Pmf></IhvSecurity>",
		"<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid></Ssid><AuthMode>NONE</AuthMode>"
		"<Pmf>0</Pmf></IhvSecurity>",
		/* 33 octets */
		"<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>000102030405060708090a0b0c0d0e0f10111213"
		"1415161718191a1b1c1d1e1f20</Ssid><AuthMode>NONE</AuthMode><Pmf>0</Pmf>"
		"</IhvSecurity>",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(sec(bad[i], &p) == RSN_PROFILE_ERR_VALUE, "case %zu", i);
}
END_TEST

START_TEST(test_bad_secrets)
{
	struct rsn_sec_profile p;
	static const char *const bad[] = {
		"<Passphrase>1234567</Passphrase>",                                   /* 7 */
		"<Passphrase>0123456789012345678901234567890123456789012345678901234567890123"
		"</Passphrase>",                                                      /* 64 */
		"<Passphrase>abc\tdefgh</Passphrase>",                                /* control */
		"<Passphrase>abcd&#x7f;fgh</Passphrase>",                             /* DEL */
		"<Psk>" PSK_HEX "00</Psk>",
		"<Psk>0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d5569g</Psk>",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char xml[512];

		snprintf(xml, sizeof(xml),
			 SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise><Group>"
				  "CCMP</Group><Pmf>0</Pmf>%s" SEC_CLOSE,
			 bad[i]);
		ck_assert_msg(sec(xml, &p) == RSN_PROFILE_ERR_SECRET, "case %zu", i);
		ck_assert_uint_eq(p.passphrase[0], 0);
	}
}
END_TEST

START_TEST(test_connectivity_ihv_profile)
{
	struct rsn_conn_profile c;
	const char *ok = "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>00ff</Ssid>"
			 "<IhvProfile>x=&lt;1&gt;</IhvProfile></IhvConnectivity>";
	const char *wrong_order = "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><IhvProfile>x"
				  "</IhvProfile><Ssid>00</Ssid></IhvConnectivity>";

	ck_assert_int_eq(rsn_profile_conn_parse(ok, strlen(ok), &c), RSN_PROFILE_OK);
	ck_assert_uint_eq(c.ssid_len, 2);
	ck_assert_uint_eq(c.ssid[1], 0xff);
	ck_assert(c.has_ihv_profile);
	ck_assert_int_eq(rsn_profile_conn_parse(wrong_order, strlen(wrong_order), &c),
			 RSN_PROFILE_ERR_SYNTAX);
}
END_TEST

START_TEST(test_utf16)
{
	struct rsn_conn_profile c;
	struct rsn_sec_profile p;
	uint16_t *w;
	char *s;
	size_t n;
	/* "é€😀" = U+00E9, U+20AC, U+1F600 (a surrogate pair) */
	const uint16_t text[] = { 0x00e9, 0x20ac, 0xd83d, 0xde00, 0 };
	const uint16_t lone_high[] = { 'a', 0xd83d, 'b', 0 };
	const uint16_t lone_low[] = { 'a', 0xde00, 0 };
	const uint16_t high_at_end[] = { 'a', 0xd83d, 0 };
	const uint16_t no_nul[] = { 'a', 'b', 'c' };

	ck_assert_int_eq(rsn_profile_utf16_to_utf8(text, 16, &s, &n), RSN_PROFILE_OK);
	ck_assert_uint_eq(n, 2 + 3 + 4);
	ck_assert_str_eq(s, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	rsn_profile_utf8_free(s, n);
	ck_assert_int_eq(rsn_profile_utf16_to_utf8(lone_high, 16, &s, &n), RSN_PROFILE_ERR_ENCODING);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(rsn_profile_utf16_to_utf8(lone_low, 16, &s, &n), RSN_PROFILE_ERR_ENCODING);
	ck_assert_int_eq(rsn_profile_utf16_to_utf8(high_at_end, 16, &s, &n),
			 RSN_PROFILE_ERR_ENCODING);
	ck_assert_int_eq(rsn_profile_utf16_to_utf8(no_nul, 3, &s, &n), RSN_PROFILE_ERR_ENCODING);
	ck_assert_int_eq(rsn_profile_utf16_to_utf8(NULL, 3, &s, &n), RSN_PROFILE_ERR_MISSING);

	w = u16("<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>" SSID_HEX
		"</Ssid></IhvConnectivity>");
	ck_assert_int_eq(rsn_profile_conn_parse16(w, &c), RSN_PROFILE_OK);
	ck_assert_mem_eq(c.ssid, "ihvd-test", 9);
	free(w);
	w = u16(SEC_OPEN "<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP"
			 "</Group><Pmf>0</Pmf><Passphrase>correct horse battery</Passphrase>"
			 SEC_CLOSE);
	ck_assert_int_eq(rsn_profile_sec_parse16(w, &p), RSN_PROFILE_OK);
	ck_assert_str_eq(p.passphrase, "correct horse battery");
	rsn_sec_profile_clear(&p);
	/* an unpaired surrogate inside the passphrase */
	w[strlen(SEC_OPEN) + 100] = 0xdc00;
	ck_assert_int_eq(rsn_profile_sec_parse16(w, &p), RSN_PROFILE_ERR_ENCODING);
	free(w);
	/* non-ASCII IhvProfile text from UTF-16 is fine */
	{
		uint16_t buf[256];
		const char *pre = "<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>00</Ssid>"
				  "<IhvProfile>";
		const char *post = "</IhvProfile></IhvConnectivity>";
		size_t k = 0;

		for (const char *q = pre; *q; q++)
			buf[k++] = (uint8_t)*q;
		buf[k++] = 0xd83d;
		buf[k++] = 0xde00;
		for (const char *q = post; *q; q++)
			buf[k++] = (uint8_t)*q;
		buf[k] = 0;
		ck_assert_int_eq(rsn_profile_conn_parse16(buf, &c), RSN_PROFILE_OK);
		ck_assert(c.has_ihv_profile);
	}
	/* longer than RSN_PROFILE_MAX_UNITS without a terminator */
	w = calloc(RSN_PROFILE_MAX_UNITS + 1, sizeof(*w));
	for (size_t i = 0; i < RSN_PROFILE_MAX_UNITS; i++)
		w[i] = ' ';
	ck_assert_int_eq(rsn_profile_sec_parse16(w, &p), RSN_PROFILE_ERR_ENCODING);
	free(w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("profile-xml");
	TCase *tc = tcase_create("parse");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_host_example_psk);
	tcase_add_test(tc, test_psk_sha256_hex_psk_pmf);
	tcase_add_test(tc, test_open_network);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_wrong_order_and_missing);
	tcase_add_test(tc, test_tkip_group);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_eap_auth_modes);
	tcase_add_test(tc, test_bad_secrets);
	tcase_add_test(tc, test_connectivity_ihv_profile);
	tcase_add_test(tc, test_utf16);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
