// SPDX-License-Identifier: BSD-3-Clause
/*
 * The capability-match memo (cap-memo.h): one profile, and up to
 * CAP_MEMO_MAX BSS entries the plugin accepted for it, oldest replaced first.
 */
#include "daemon/cap-memo.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/wipe.h"
#include "nl80211/driver.h"

#define CAP_MEMO_MAX 8u

struct cap_memo_bss {
	uint8_t bssid[DRV_ETH_ALEN];
	uint32_t freq;
	uint16_t capability;
	uint16_t beacon_interval;
	uint8_t *ies;
	size_t ies_len;
	bool used;                     /* false: an entry whose copy failed, matching nothing */
};

struct cap_memo {
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	char *conn_xml, *sec_xml;      /* NULL for an absent fragment */
	struct cap_memo_bss bss[CAP_MEMO_MAX];
	size_t n_bss, next;
};

struct cap_memo *cap_memo_new(void)
{
	return calloc(1, sizeof(struct cap_memo));
}

void cap_memo_clear(struct cap_memo *m)
{
	size_t i;

	if (!m)
		return;
	secret_str_free(&m->conn_xml);
	secret_str_free(&m->sec_xml);
	for (i = 0; i < m->n_bss; i++)
		free(m->bss[i].ies);
	memset(m, 0, sizeof(*m));
}

void cap_memo_free(struct cap_memo *m)
{
	cap_memo_clear(m);
	free(m);
}

static bool cap_memo_str_eq(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

static bool cap_memo_profile_eq(const struct cap_memo *m, const struct ihv_connect_request *r)
{
	return m->ssid_len == r->ssid_len && r->ssid_len <= DRV_SSID_MAX &&
	       memcmp(m->ssid, r->ssid, r->ssid_len) == 0 &&
	       cap_memo_str_eq(m->conn_xml, r->connectivity_xml) &&
	       cap_memo_str_eq(m->sec_xml, r->security_xml);
}

static bool cap_memo_bss_eq(const struct cap_memo_bss *e, const struct drv_bss *b)
{
	return e->used && memcmp(e->bssid, b->bssid, DRV_ETH_ALEN) == 0 && e->freq == b->freq &&
	       e->capability == b->capability && e->beacon_interval == b->beacon_interval &&
	       e->ies_len == b->ies_len && (!b->ies_len || memcmp(e->ies, b->ies, b->ies_len) == 0);
}

bool cap_memo_find(const struct cap_memo *m, const struct ihv_connect_request *one)
{
	size_t i;

	if (!m || !one || one->n_bss != 1 || !one->bss || !one->bss[0] ||
	    !cap_memo_profile_eq(m, one))
		return false;
	for (i = 0; i < m->n_bss; i++)
		if (cap_memo_bss_eq(&m->bss[i], one->bss[0]))
			return true;
	return false;
}

void cap_memo_remember(struct cap_memo *m, const struct ihv_connect_request *one)
{
	const struct drv_bss *b;
	struct cap_memo_bss *e;

	if (!m || !one || one->n_bss != 1 || !one->bss || !one->bss[0] ||
	    one->ssid_len > DRV_SSID_MAX || cap_memo_find(m, one))
		return;
	b = one->bss[0];
	if (!cap_memo_profile_eq(m, one)) {
		cap_memo_clear(m);
		memcpy(m->ssid, one->ssid, one->ssid_len);
		m->ssid_len = one->ssid_len;
		m->conn_xml = one->connectivity_xml ? strdup(one->connectivity_xml) : NULL;
		m->sec_xml = one->security_xml ? strdup(one->security_xml) : NULL;
		if ((one->connectivity_xml && !m->conn_xml) || (one->security_xml && !m->sec_xml)) {
			/* out of memory: keep nothing, ask next time */
			cap_memo_clear(m);
			return;
		}
	}
	e = &m->bss[m->next];
	if (m->n_bss < CAP_MEMO_MAX)
		m->n_bss++;
	else
		free(e->ies);
	memset(e, 0, sizeof(*e));
	m->next = (m->next + 1) % CAP_MEMO_MAX;
	if (b->ies_len) {
		e->ies = malloc(b->ies_len);
		if (!e->ies)
			return; /* out of memory: an unused entry, asked about next time */
		memcpy(e->ies, b->ies, b->ies_len);
	}
	memcpy(e->bssid, b->bssid, DRV_ETH_ALEN);
	e->freq = b->freq;
	e->capability = b->capability;
	e->beacon_interval = b->beacon_interval;
	e->ies_len = b->ies_len;
	e->used = true;
}
