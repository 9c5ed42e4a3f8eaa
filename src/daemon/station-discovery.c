// SPDX-License-Identifier: BSD-3-Clause
/*
 * Networks the plugin proposes (CreateDiscoveryProfiles, contract §3 [9]): after each scan,
 * every visible SSID that no network block names is offered to the plugin once, with its
 * BSSes. A network it makes a profile for is flagged [IHV-DISCOVERY] in SCAN_RESULTS, listed
 * by IHV_DISCOVERY, and joined by IHV_DISCOVERY_SELECT, which adds a network block carrying
 * the plugin's two fragments as they are (profile.c hands them to PerformPreAssociate) and
 * selects it. Such a block lives for this run only: SAVE_CONFIG leaves it out.
 */
#include "daemon/station-int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>


#include "common/wipe.h"
#include "common/log.h"

static void station_discovery_entry_clear(struct station_discovery *d)
{
	free(d->conn_xml);
	if (d->sec_xml) {
		secret_wipe(d->sec_xml, strlen(d->sec_xml)); /* a plugin may put a secret there */
		free(d->sec_xml);
	}
	memset(d, 0, sizeof(*d));
}

void station_discovery_clear(struct station *st)
{
	for (size_t i = 0; i < st->n_disc; i++)
		station_discovery_entry_clear(&st->disc[i]);
	st->n_disc = 0;
}

/* A network block names this SSID (a block without ssid names none). */
static bool station_discovery_known(const struct station *st, const uint8_t *ssid, size_t len)
{
	const struct config_network *n;

	for (n = st->config->networks; n; n = n->next)
		if (n->ssid_set && n->ssid_len == len && !memcmp(n->ssid, ssid, len))
			return true;
	return false;
}

static struct station_discovery *station_discovery_find(struct station_discovery *t, size_t n,
							 const uint8_t *ssid, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].ssid_len == len && !memcmp(t[i].ssid, ssid, len))
			return &t[i];
	return NULL;
}

/* The first profile the plugin proposes is kept; the others are left. */
static void station_discovery_cb(void *ctx, const char *conn_xml, const char *sec_xml)
{
	struct station_discovery *d = ctx;

	if (d->sec_xml)
		return;
	d->conn_xml = strdup(conn_xml);
	d->sec_xml = strdup(sec_xml);
	if (!d->conn_xml || !d->sec_xml) {
		free(d->conn_xml);
		free(d->sec_xml);
		d->conn_xml = d->sec_xml = NULL;
	}
}

/* Ask the plugin about one SSID, with the cached BSSes that carry it. */
static void station_discovery_ask(struct station *st, struct station_discovery *d)
{
	const struct drv_bss *list[SELECT_CANDIDATES_MAX];
	struct ihv_connect_request req;
	char txt[DRV_SSID_MAX * 4 + 1];
	uint32_t reason = 0;
	size_t i, n = 0;
	int r;

	for (i = 0; i < st->cache.n_bss && n < SELECT_CANDIDATES_MAX; i++) {
		const struct scan_bss *b = &st->cache.bss[i];

		if (b->ies_ok && b->ssid_len == d->ssid_len && !memcmp(b->ssid, d->ssid, d->ssid_len))
			list[n++] = &b->bss;
	}
	req = (struct ihv_connect_request){
		.ssid = d->ssid, .ssid_len = d->ssid_len, .bss = list, .n_bss = n,
	};
	r = st->be.discovery(st->be.ctx, &req, false, station_discovery_cb, d, &reason);
	config_ssid_txt(d->ssid, d->ssid_len, txt, sizeof(txt));
	if (r > 0 && d->sec_xml)
		log_info("%s: the plugin proposes a profile for \"%s\" (IHV_DISCOVERY)", st->ifname,
			 txt);
	else
		log_debug("%s: no discovery profile for \"%s\": %d, reason 0x%x", st->ifname, txt, r,
			  reason);
}

void station_discovery_refresh(struct station *st)
{
	struct station_discovery fresh[STATION_DISCOVERY_MAX], *old;
	size_t i, n = 0;

	if (!st->be.discovery)
		return;
	memset(fresh, 0, sizeof(fresh));
	for (i = 0; i < st->cache.n_bss && n < STATION_DISCOVERY_MAX; i++) {
		const struct scan_bss *b = &st->cache.bss[i];

		/* hidden networks and networks the user already has are not offered */
		if (!b->ies_ok || !b->ssid_len || b->ssid_len > DRV_SSID_MAX ||
		    station_discovery_known(st, b->ssid, b->ssid_len) ||
		    station_discovery_find(fresh, n, b->ssid, b->ssid_len))
			continue;
		old = station_discovery_find(st->disc, st->n_disc, b->ssid, b->ssid_len);
		if (old) { /* asked before: the answer carries over */
			fresh[n++] = *old;
			memset(old, 0, sizeof(*old));
			continue;
		}
		memcpy(fresh[n].ssid, b->ssid, b->ssid_len);
		fresh[n].ssid_len = b->ssid_len;
		fresh[n].net_id = -1;
		station_discovery_ask(st, &fresh[n]);
		n++;
	}
	station_discovery_clear(st);
	memcpy(st->disc, fresh, sizeof(fresh));
	st->n_disc = n;
}

/* The i-th network with a profile (entries the plugin had none for are skipped). */
static struct station_discovery *station_discovery_nth(const struct station *st, size_t i)
{
	for (size_t k = 0; k < st->n_disc; k++)
		if (st->disc[k].sec_xml && i-- == 0)
			return (struct station_discovery *)&st->disc[k];
	return NULL;
}

bool station_discovery_get(const struct station *st, size_t i, struct station_discovered *out)
{
	const struct station_discovery *d = station_discovery_nth(st, i);

	if (!d)
		return false;
	out->ssid = d->ssid;
	out->ssid_len = d->ssid_len;
	out->net_id = d->net_id;
	return true;
}

bool station_discovery_has(const struct station *st, const uint8_t *ssid, size_t len)
{
	const struct station_discovery *d =
		station_discovery_find((struct station_discovery *)st->disc, st->n_disc, ssid, len);

	return d && d->sec_xml;
}

int station_discovery_select(struct station *st, size_t i)
{
	struct station_discovery *d = station_discovery_nth(st, i);
	unsigned int akm = 0;
	struct config_network *n;
	size_t k;

	if (!d)
		return -ENOENT;
	if (d->net_id >= 0 && config_network_get(st->config, d->net_id))
		return station_select_network(st, d->net_id) < 0 ? -EINVAL : d->net_id;
	/* the block joins the BSSes the plugin saw: their PSK AKMs (select.c then chooses) */
	for (k = 0; k < st->cache.n_bss; k++) {
		const struct scan_bss *b = &st->cache.bss[k];

		if (b->rsn && b->ssid_len == d->ssid_len && !memcmp(b->ssid, d->ssid, d->ssid_len))
			akm |= b->akm & (CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256);
	}
	if (!akm)
		return -EOPNOTSUPP;
	n = config_network_add(st->config);
	if (!n)
		return -ENOMEM;
	memcpy(n->ssid, d->ssid, d->ssid_len);
	n->ssid_len = d->ssid_len;
	n->ssid_set = true;
	n->key_mgmt = akm;
	n->mem_only_psk = true; /* no secret here: the plugin asks the user for it */
	n->discovery_conn = strdup(d->conn_xml);
	n->discovery_sec = strdup(d->sec_xml);
	if (!n->discovery_conn || !n->discovery_sec) {
		station_remove_network(st, n->id);
		return -ENOMEM;
	}
	d->net_id = n->id;
	log_info("%s: network id=%d added from the plugin's discovery profile", st->ifname, n->id);
	return station_select_network(st, n->id) < 0 ? -EINVAL : n->id;
}
