/* PMKSA cache for 802.1X PMKs (see pmksa.h). */
#include "rsn/pmksa.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

struct rsn_pmksa {
	bool used;
	uint8_t aa[6];
	uint8_t ssid[32];
	size_t ssid_len;
	uint32_t akm;
	uint8_t pmk[RSN_PMK_LEN];
	uint8_t pmkid[RSN_PMKID_LEN];
	uint64_t added_s, expires_s;
};

struct rsn_pmksa_cache {
	size_t n;
	struct rsn_pmksa e[];
};

struct rsn_pmksa_cache *rsn_pmksa_cache_new(size_t max_entries)
{
	struct rsn_pmksa_cache *c;

	if (!max_entries)
		return NULL;
	c = calloc(1, sizeof(*c) + max_entries * sizeof(c->e[0]));
	if (c)
		c->n = max_entries;
	return c;
}

void rsn_pmksa_cache_free(struct rsn_pmksa_cache *c)
{
	if (!c)
		return;
	OPENSSL_cleanse(c->e, c->n * sizeof(c->e[0]));
	free(c);
}

int rsn_pmksa_pmkid(uint32_t akm, const uint8_t pmk[RSN_PMK_LEN], const uint8_t aa[6],
		    const uint8_t spa[6], uint8_t pmkid[RSN_PMKID_LEN])
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
	if (!EVP_Q_mac(NULL, "HMAC", NULL, md, NULL, pmk, RSN_PMK_LEN, data, sizeof(data), mac,
		       sizeof(mac), &mac_len) || mac_len < RSN_PMKID_LEN)
		return -1;
	memcpy(pmkid, mac, RSN_PMKID_LEN);
	OPENSSL_cleanse(mac, sizeof(mac));
	return 0;
}

static struct rsn_pmksa *rsn_pmksa_find(struct rsn_pmksa_cache *c, const uint8_t aa[6],
					const uint8_t *ssid, size_t ssid_len, uint32_t akm)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct rsn_pmksa *e = &c->e[i];

		if (e->used && e->akm == akm && e->ssid_len == ssid_len &&
		    !memcmp(e->aa, aa, 6) && !memcmp(e->ssid, ssid, ssid_len))
			return e;
	}
	return NULL;
}

int rsn_pmksa_add(struct rsn_pmksa_cache *c, const uint8_t aa[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, const uint8_t pmk[RSN_PMK_LEN],
		  const uint8_t pmkid[RSN_PMKID_LEN], uint64_t now_s)
{
	struct rsn_pmksa *e;
	size_t i;

	if (!c || ssid_len > sizeof(e->ssid))
		return -1;
	e = rsn_pmksa_find(c, aa, ssid, ssid_len, akm);
	for (i = 0; !e && i < c->n; i++)
		if (!c->e[i].used)
			e = &c->e[i];
	if (!e) { /* full: the oldest goes */
		e = &c->e[0];
		for (i = 1; i < c->n; i++)
			if (c->e[i].added_s < e->added_s)
				e = &c->e[i];
	}
	OPENSSL_cleanse(e, sizeof(*e));
	e->used = true;
	memcpy(e->aa, aa, 6);
	memcpy(e->ssid, ssid, ssid_len);
	e->ssid_len = ssid_len;
	e->akm = akm;
	memcpy(e->pmk, pmk, RSN_PMK_LEN);
	memcpy(e->pmkid, pmkid, RSN_PMKID_LEN);
	e->added_s = now_s;
	e->expires_s = now_s + RSN_PMKSA_LIFETIME_S;
	return 0;
}

int rsn_pmksa_get(struct rsn_pmksa_cache *c, const uint8_t aa[6], const uint8_t *ssid,
		  size_t ssid_len, uint32_t akm, uint64_t now_s, uint8_t pmk[RSN_PMK_LEN],
		  uint8_t pmkid[RSN_PMKID_LEN])
{
	struct rsn_pmksa *e = c ? rsn_pmksa_find(c, aa, ssid, ssid_len, akm) : NULL;

	if (!e)
		return -1;
	if (now_s >= e->expires_s) {
		OPENSSL_cleanse(e, sizeof(*e));
		return -1;
	}
	memcpy(pmk, e->pmk, RSN_PMK_LEN);
	memcpy(pmkid, e->pmkid, RSN_PMKID_LEN);
	return 0;
}

int rsn_pmksa_remove(struct rsn_pmksa_cache *c, const uint8_t aa[6], const uint8_t *ssid,
		     size_t ssid_len, uint32_t akm)
{
	struct rsn_pmksa *e = c ? rsn_pmksa_find(c, aa, ssid, ssid_len, akm) : NULL;

	if (!e)
		return 0;
	OPENSSL_cleanse(e, sizeof(*e));
	return 1;
}
