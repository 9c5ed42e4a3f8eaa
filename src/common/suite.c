// SPDX-License-Identifier: BSD-3-Clause
/*
 * Suite names (suite.h): one table per kind, keyed by the 00-0F-AC suite
 * selector (IEEE 802.11-2020 Table 9-149, Table 9-151).
 */
#include "common/suite.h"

#include <stddef.h>
#include <string.h>

struct suite_cipher_entry {
	uint32_t suite;
	const char *name;
};

/* Table 9-149; the group management ciphers are named as wpa_supplicant does. */
static const struct suite_cipher_entry suite_ciphers[] = {
	{ RSN_CIPHER_WEP40, "WEP40" },
	{ RSN_CIPHER_TKIP, "TKIP" },
	{ RSN_CIPHER_CCMP_128, "CCMP" },
	{ RSN_CIPHER_WEP104, "WEP104" },
	{ RSN_CIPHER_BIP_CMAC_128, "AES-128-CMAC" },
	{ RSN_CIPHER_GCMP_128, "GCMP" },
	{ RSN_CIPHER_GCMP_256, "GCMP-256" },
	{ RSN_CIPHER_CCMP_256, "CCMP-256" },
	{ RSN_CIPHER_BIP_GMAC_128, "BIP-GMAC-128" },
	{ RSN_CIPHER_BIP_GMAC_256, "BIP-GMAC-256" },
	{ RSN_CIPHER_BIP_CMAC_256, "BIP-CMAC-256" },
};

struct suite_akm_entry {
	uint32_t suite;
	const char *conf;    /* key_mgmt= in the configuration; NULL: none */
	const char *status;  /* STATUS key_mgmt= */
	const char *flag;    /* the scan result flags */
};

/* Table 9-151. */
static const struct suite_akm_entry suite_akms[] = {
	{ RSN_SUITE(1), "WPA-EAP", "WPA2/IEEE 802.1X/EAP", "EAP" },
	{ RSN_SUITE(2), "WPA-PSK", "WPA2-PSK", "PSK" },
	{ RSN_SUITE(3), "FT-EAP", "FT-EAP", "FT/EAP" },
	{ RSN_SUITE(4), "FT-PSK", "FT-PSK", "FT/PSK" },
	{ RSN_SUITE(5), "WPA-EAP-SHA256", "WPA2-EAP-SHA256", "EAP-SHA256" },
	{ RSN_SUITE(6), "WPA-PSK-SHA256", "WPA2-PSK-SHA256", "PSK-SHA256" },
	{ RSN_SUITE(8), "SAE", "SAE", "SAE" },
	{ RSN_SUITE(9), "FT-SAE", "FT-SAE", "FT/SAE" },
	{ RSN_SUITE(18), "OWE", "OWE", "OWE" },
	{ RSN_SUITE(24), "SAE-EXT-KEY", "SAE-EXT-KEY", "SAE-EXT-KEY" },
};

#define SUITE_N(a) (sizeof(a) / sizeof((a)[0]))

/* 00-50-F2:n (the WPA vendor element) reads as 00-0F-AC:n; other OUIs stay. */
static uint32_t suite_rsn(uint32_t suite)
{
	return (suite >> 8) == WPA_OUI ? RSN_SUITE(suite & 0xff) : suite;
}

static const struct suite_akm_entry *suite_akm_find(uint32_t suite)
{
	size_t i;

	suite = suite_rsn(suite);
	for (i = 0; i < SUITE_N(suite_akms); i++)
		if (suite_akms[i].suite == suite)
			return &suite_akms[i];
	return NULL;
}

const char *suite_cipher_name(uint32_t suite)
{
	size_t i;

	suite = suite_rsn(suite);
	for (i = 0; i < SUITE_N(suite_ciphers); i++)
		if (suite_ciphers[i].suite == suite)
			return suite_ciphers[i].name;
	return NULL;
}

const char *suite_akm_conf_name(uint32_t suite)
{
	const struct suite_akm_entry *e = suite_akm_find(suite);

	return e ? e->conf : NULL;
}

const char *suite_akm_status_name(uint32_t suite)
{
	const struct suite_akm_entry *e = suite_akm_find(suite);

	return e ? e->status : NULL;
}

const char *suite_akm_flag_name(uint32_t suite)
{
	const struct suite_akm_entry *e = suite_akm_find(suite);

	return e ? e->flag : NULL;
}

uint32_t suite_cipher_from_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < SUITE_N(suite_ciphers); i++)
		if (!strcmp(suite_ciphers[i].name, name))
			return suite_ciphers[i].suite;
	return 0;
}

uint32_t suite_akm_from_conf_name(const char *name)
{
	size_t i;

	for (i = 0; name && i < SUITE_N(suite_akms); i++)
		if (!strcmp(suite_akms[i].conf, name))
			return suite_akms[i].suite;
	return 0;
}
