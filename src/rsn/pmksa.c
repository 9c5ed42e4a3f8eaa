// SPDX-License-Identifier: BSD-3-Clause
/* The PMKSA cache (see pmksa.h). */
#include "rsn/pmksa.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "common/suite.h"

struct rsn_pmksa_entry {
	bool used;
	uint8_t bssid[6];
	uint8_t ssid[32];
	size_t ssid_len;
	uint32_t akm;
	uint8_t pmk[RSN_PMKSA_PMK_MAX_LEN];
	size_t pmk_len;
	uint8_t pmkid[RSN_PMKSA_PMKID_LEN];
	uint64_t expires_s;
	uint64_t added_s;
};

struct rsn_pmksa_cache {
	size_t max;
	struct rsn_pmksa_entry e[];
};

struct rsn_pmksa_cache *rsn_pmksa_cache_new(size_t max_entries)
{
	struct rsn_pmksa_cache *c;

	if (!max_entries)
		return NULL;
	c = calloc(1, sizeof(*c) + max_entries * sizeof(c->e[0]));
	if (c)
		c->max = max_entries;
	return c;
}

int rsn_pmksa_pmkid(uint32_t akm, const uint8_t pmk[RSN_PMKSA_PMK_LEN], const uint8_t aa[6],
		    const uint8_t spa[6], uint8_t pmkid[RSN_PMKSA_PMKID_LEN])
{
	uint8_t data[8 + 6 + 6], mac[EVP_MAX_MD_SIZE];
	const char *md;
	size_t mac_len = 0;

	if (akm == RSN_AKM_8021X)
		md = "SHA1";
	else if (akm == RSN_AKM_8021X_SHA256)
		md = "SHA256";
	else
		return -1;
	memcpy(data, "PMK Name", 8);
	memcpy(data + 8, aa, 6);
	memcpy(data + 14, spa, 6);
	if (!EVP_Q_mac(NULL, "HMAC", NULL, md, NULL, pmk, RSN_PMKSA_PMK_LEN, data, sizeof(data),
		       mac, sizeof(mac), &mac_len) ||
	    mac_len < RSN_PMKSA_PMKID_LEN) {
		OPENSSL_cleanse(mac, sizeof(mac));
		return -1;
	}
	memcpy(pmkid, mac, RSN_PMKSA_PMKID_LEN);
	OPENSSL_cleanse(mac, sizeof(mac));
	return 0;
}

static void rsn_pmksa_entry_clear(struct rsn_pmksa_entry *e)
{
	OPENSSL_cleanse(e, sizeof(*e));
}

void rsn_pmksa_cache_free(struct rsn_pmksa_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->max; i++)
		rsn_pmksa_entry_clear(&c->e[i]);
	free(c);
}

static struct rsn_pmksa_entry *rsn_pmksa_find(struct rsn_pmksa_cache *c, const uint8_t bssid[6],
					      const uint8_t *ssid, size_t ssid_len, uint32_t akm)
{
	for (size_t i = 0; i < c->max; i++) {
		struct rsn_pmksa_entry *e = &c->e[i];

		if (e->used && e->akm == akm && e->ssid_len == ssid_len &&
		    !memcmp(e->bssid, bssid, 6) && !memcmp(e->ssid, ssid, ssid_len))
			return e;
	}
	return NULL;
}

int rsn_pmksa_add(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, const uint8_t pmk[RSN_PMKSA_PMK_LEN],
		  const uint8_t pmkid[RSN_PMKSA_PMKID_LEN], uint64_t now_s, uint32_t lifetime_s)
{
	return rsn_pmksa_add_len(c, bssid, ssid, ssid_len, akm, pmk, RSN_PMKSA_PMK_LEN, pmkid,
				 now_s, lifetime_s);
}

int rsn_pmksa_add_len(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		      size_t ssid_len, uint32_t akm, const uint8_t *pmk, size_t pmk_len,
		      const uint8_t pmkid[RSN_PMKSA_PMKID_LEN], uint64_t now_s,
		      uint32_t lifetime_s)
{
	struct rsn_pmksa_entry *e;

	if (!c || !bssid || !ssid || !ssid_len || ssid_len > 32 || !pmk || !pmkid ||
	    (pmk_len != 32 && pmk_len != 48 && pmk_len != 64))
		return -1;
	e = rsn_pmksa_find(c, bssid, ssid, ssid_len, akm);
	for (size_t i = 0; !e && i < c->max; i++)
		if (!c->e[i].used)
			e = &c->e[i];
	for (size_t i = 0; !e && i < c->max; i++) /* full: the oldest goes */
		if (!e || c->e[i].added_s < e->added_s)
			e = &c->e[i];
	if (!e)
		e = &c->e[0];
	rsn_pmksa_entry_clear(e);
	e->used = true;
	memcpy(e->bssid, bssid, 6);
	memcpy(e->ssid, ssid, ssid_len);
	e->ssid_len = ssid_len;
	e->akm = akm;
	memcpy(e->pmk, pmk, pmk_len);
	e->pmk_len = pmk_len;
	memcpy(e->pmkid, pmkid, RSN_PMKSA_PMKID_LEN);
	e->added_s = now_s;
	e->expires_s = now_s + lifetime_s;
	return 0;
}

int rsn_pmksa_get(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, uint64_t now_s, uint8_t pmk[RSN_PMKSA_PMK_LEN],
		  uint8_t pmkid[RSN_PMKSA_PMKID_LEN])
{
	uint8_t buf[RSN_PMKSA_PMK_MAX_LEN];
	size_t len = 0;
	int r = rsn_pmksa_get_len(c, bssid, ssid, ssid_len, akm, now_s, buf, &len, pmkid);

	if (r == 0 && len != RSN_PMKSA_PMK_LEN)
		r = -1; /* a longer SAE-EXT-KEY PMK does not fit: rsn_pmksa_get_len */
	if (r == 0)
		memcpy(pmk, buf, RSN_PMKSA_PMK_LEN);
	OPENSSL_cleanse(buf, sizeof(buf));
	return r;
}

int rsn_pmksa_get_len(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		      size_t ssid_len, uint32_t akm, uint64_t now_s,
		      uint8_t pmk[RSN_PMKSA_PMK_MAX_LEN], size_t *pmk_len,
		      uint8_t pmkid[RSN_PMKSA_PMKID_LEN])
{
	struct rsn_pmksa_entry *e;

	if (!c || !bssid || !ssid || !pmk_len)
		return -1;
	e = rsn_pmksa_find(c, bssid, ssid, ssid_len, akm);
	if (!e)
		return -1;
	if (now_s >= e->expires_s) {
		rsn_pmksa_entry_clear(e);
		return -1;
	}
	memcpy(pmk, e->pmk, e->pmk_len);
	*pmk_len = e->pmk_len;
	memcpy(pmkid, e->pmkid, RSN_PMKSA_PMKID_LEN);
	return 0;
}

int rsn_pmksa_remove(struct rsn_pmksa_cache *c, const uint8_t bssid[6], const uint8_t *ssid,
		     size_t ssid_len, uint32_t akm)
{
	struct rsn_pmksa_entry *e = c ? rsn_pmksa_find(c, bssid, ssid, ssid_len, akm) : NULL;

	if (!e)
		return 0;
	rsn_pmksa_entry_clear(e);
	return 1;
}

void rsn_pmksa_flush_ssid(struct rsn_pmksa_cache *c, const uint8_t *ssid, size_t ssid_len)
{
	for (size_t i = 0; c && i < c->max; i++)
		if (c->e[i].used && c->e[i].ssid_len == ssid_len &&
		    !memcmp(c->e[i].ssid, ssid, ssid_len))
			rsn_pmksa_entry_clear(&c->e[i]);
}

void rsn_pmksa_flush(struct rsn_pmksa_cache *c)
{
	for (size_t i = 0; c && i < c->max; i++)
		if (c->e[i].used)
			rsn_pmksa_entry_clear(&c->e[i]);
}

size_t rsn_pmksa_count(const struct rsn_pmksa_cache *c)
{
	size_t n = 0;

	for (size_t i = 0; c && i < c->max; i++)
		n += c->e[i].used;
	return n;
}

uint64_t rsn_pmksa_now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}
