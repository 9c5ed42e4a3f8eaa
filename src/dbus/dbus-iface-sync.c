// SPDX-License-Identifier: BSD-3-Clause
/*
 * What an interface's client hears: after every station event and state
 * change, the station is compared with what the bus was last told, and the
 * differences go out as wpa_supplicant sends them: BSSAdded/BSSRemoved,
 * NetworkAdded/NetworkRemoved, ScanDone, and the changed properties both
 * as org.freedesktop.DBus.Properties.PropertiesChanged and as the
 * interface's own PropertiesChanged(a{sv}). Each state is published as it
 * is entered (never coalesced): NetworkManager reads a wrong passphrase
 * from the step 4way_handshake -> disconnected.
 */
#include "dbus/dbus-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

#define DBUS_SYNC_PROPS_MAX 12

struct dbus_sync_changes {
	const char *names[DBUS_SYNC_PROPS_MAX + 1];
	size_t n;
};

static void dbus_sync_mark(struct dbus_sync_changes *c, const char *name)
{
	size_t k;

	for (k = 0; k < c->n; k++)
		if (!strcmp(c->names[k], name))
			return;
	if (c->n < DBUS_SYNC_PROPS_MAX)
		c->names[c->n++] = name;
	c->names[c->n] = NULL;
}

static void dbus_sync_signal_obj(struct dbus_iface *di, const char *member, const char *path,
				 struct dbus_bss *b, struct dbus_net *n)
{
	sd_bus *bus = dbus_service_bus(di->svc);
	sd_bus_message *m = NULL;
	int r;

	r = sd_bus_message_new_signal(bus, &m, di->path, DBUS_IF_IFACE, member);
	if (r >= 0)
		r = sd_bus_message_append(m, "o", path);
	if (r >= 0 && b)
		r = dbus_bss_props_append(b, m);
	if (r >= 0 && n)
		r = dbus_net_props_append(n, m);
	if (r >= 0)
		r = sd_bus_send(bus, m, NULL);
	if (r < 0)
		log_warn("dbus: %s %s not sent: %s", member, path, strerror(-r));
	sd_bus_message_unref(m);
}

/* The BSS objects follow the station's scan cache. */
static void dbus_sync_bsses(struct dbus_iface *di, struct dbus_sync_changes *c)
{
	size_t n = station_bss_count(di->t.station), k, j;

	for (j = 0; j < di->n_bss; j++)
		di->bss[j]->seen = false;
	for (k = 0; k < n; k++) {
		const struct scan_bss *sb = station_bss_at(di->t.station, k);
		struct dbus_bss *b = NULL, **grown;

		for (j = 0; j < di->n_bss && !b; j++)
			if (dbus_bss_matches(di->bss[j], sb))
				b = di->bss[j];
		if (b) {
			b->seen = true;
			continue;
		}
		grown = realloc(di->bss, (di->n_bss + 1) * sizeof(*grown));
		if (!grown)
			break;
		di->bss = grown;
		b = dbus_bss_new(di, sb);
		if (!b)
			break;
		b->seen = true;
		di->bss[di->n_bss++] = b;
		dbus_sync_signal_obj(di, "BSSAdded", b->path, b, NULL);
		dbus_sync_mark(c, "BSSs");
	}
	for (j = 0; j < di->n_bss;) {
		struct dbus_bss *b = di->bss[j];
		char path[DBUS_PATH_MAX];

		if (b->seen) {
			j++;
			continue;
		}
		snprintf(path, sizeof(path), "%s", b->path);
		dbus_bss_free(b);
		memmove(&di->bss[j], &di->bss[j + 1], (di->n_bss - j - 1) * sizeof(di->bss[0]));
		di->n_bss--;
		dbus_sync_signal_obj(di, "BSSRemoved", path, NULL, NULL);
		dbus_sync_mark(c, "BSSs");
	}
}

/* The network objects follow the configuration's network blocks. */
static void dbus_sync_networks(struct dbus_iface *di, struct dbus_sync_changes *c)
{
	const struct config_network *cn;
	size_t j;

	for (j = 0; j < di->n_nets; j++)
		di->nets[j]->seen = false;
	for (cn = di->t.config->networks; cn; cn = cn->next) {
		struct dbus_net *n = NULL, **grown;

		for (j = 0; j < di->n_nets && !n; j++)
			if (di->nets[j]->id == cn->id)
				n = di->nets[j];
		if (n) {
			n->seen = true;
			continue;
		}
		grown = realloc(di->nets, (di->n_nets + 1) * sizeof(*grown));
		if (!grown)
			break;
		di->nets = grown;
		n = dbus_net_new(di, cn->id);
		if (!n)
			break;
		n->seen = true;
		di->nets[di->n_nets++] = n;
		dbus_sync_signal_obj(di, "NetworkAdded", n->path, NULL, n);
		dbus_sync_mark(c, "Networks");
	}
	for (j = 0; j < di->n_nets;) {
		struct dbus_net *n = di->nets[j];
		char path[DBUS_PATH_MAX];

		if (n->seen) {
			j++;
			continue;
		}
		snprintf(path, sizeof(path), "%s", n->path);
		dbus_net_free(n);
		memmove(&di->nets[j], &di->nets[j + 1], (di->n_nets - j - 1) * sizeof(di->nets[0]));
		di->n_nets--;
		dbus_sync_signal_obj(di, "NetworkRemoved", path, NULL, NULL);
		dbus_sync_mark(c, "Networks");
	}
}

static void dbus_sync_current(struct dbus_iface *di, const struct station_info *in,
			      struct dbus_sync_changes *c)
{
	char bss[DBUS_PATH_MAX] = "/", net[DBUS_PATH_MAX] = "/";
	size_t j;

	if (in->network_id >= 0 && in->state >= STATION_ASSOCIATING) {
		snprintf(net, sizeof(net), "%s/Networks/%d", di->path, in->network_id);
		for (j = 0; j < di->n_bss; j++) {
			if (!memcmp(di->bss[j]->bssid, in->bssid, 6) &&
			    di->bss[j]->ssid_len == in->ssid_len &&
			    !memcmp(di->bss[j]->ssid, in->ssid, in->ssid_len)) {
				snprintf(bss, sizeof(bss), "%s", di->bss[j]->path);
				break;
			}
		}
	}
	if (strcmp(bss, di->cur_bss) != 0) {
		snprintf(di->cur_bss, sizeof(di->cur_bss), "%s", bss);
		dbus_sync_mark(c, "CurrentBSS");
	}
	if (strcmp(net, di->cur_net) != 0) {
		snprintf(di->cur_net, sizeof(di->cur_net), "%s", net);
		dbus_sync_mark(c, "CurrentNetwork");
	}
}

static void dbus_sync_emit(struct dbus_iface *di, struct dbus_sync_changes *c)
{
	sd_bus *bus = dbus_service_bus(di->svc);
	sd_bus_message *m = NULL;
	int r;

	if (!c->n)
		return;
	r = sd_bus_emit_properties_changed_strv(bus, di->path, DBUS_IF_IFACE,
						(char **)c->names);
	if (r < 0)
		log_warn("dbus: PropertiesChanged for %s not sent: %s", di->path, strerror(-r));
	/* wpa_supplicant's own signal, which older clients listen to. */
	r = sd_bus_message_new_signal(bus, &m, di->path, DBUS_IF_IFACE, "PropertiesChanged");
	if (r >= 0)
		r = dbus_iface_props_append(di, m, c->names);
	if (r >= 0)
		r = sd_bus_send(bus, m, NULL);
	sd_bus_message_unref(m);
	dbus_service_flush_soon(di->svc);
}

void dbus_iface_sync(struct dbus_iface *di)
{
	struct dbus_sync_changes c = { .n = 0 };
	struct station_info in;
	bool scanning;

	station_info_get(di->t.station, &in);
	dbus_sync_networks(di, &c);
	dbus_sync_bsses(di, &c);
	dbus_sync_current(di, &in, &c);
	scanning = station_scanning(di->t.station);
	if (!di->published || scanning != di->scanning) {
		di->scanning = scanning;
		dbus_sync_mark(&c, "Scanning");
	}
	if (!di->published || in.state != di->state) {
		di->state = in.state;
		dbus_sync_mark(&c, "State");
		dbus_sync_mark(&c, "CurrentAuthMode");
	}
	di->published = true;
	dbus_sync_emit(di, &c);
}

/* "reason=N" and " locally_generated=1" of CTRL-EVENT-DISCONNECTED. */
static void dbus_sync_disconnect_reason(struct dbus_iface *di, const char *text)
{
	const char *p = strstr(text, " reason=");
	int reason;

	if (!p || sscanf(p, " reason=%d", &reason) != 1)
		return;
	/* wpa_supplicant's sign: negative when this side ended the link. */
	di->disconnect_reason = strstr(text, " locally_generated=1") ? -reason : reason;
	sd_bus_emit_properties_changed(dbus_service_bus(di->svc), di->path, DBUS_IF_IFACE,
				       "DisconnectReason", NULL);
}

void dbus_iface_on_event(void *ctx, int level, const char *text)
{
	struct dbus_iface *di = ctx;
	sd_bus *bus = dbus_service_bus(di->svc);

	if (di->t.fwd)
		di->t.fwd(di->t.fwd_ctx, level, text);
	if (!strncmp(text, "CTRL-EVENT-DISCONNECTED ", 24))
		dbus_sync_disconnect_reason(di, text);
	dbus_iface_sync(di);
	if (!strncmp(text, "CTRL-EVENT-SCAN-RESULTS", 23))
		sd_bus_emit_signal(bus, di->path, DBUS_IF_IFACE, "ScanDone", "b", 1);
	dbus_request_on_event(di, text);
	dbus_service_flush_soon(di->svc);
}

void dbus_iface_on_watch(void *ctx)
{
	struct dbus_iface *di = ctx;
	bool was = di->scanning;

	dbus_iface_sync(di);
	/* A scan that ended without results (aborted, timed out) still ends for the client. */
	if (was && !di->scanning)
		sd_bus_emit_signal(dbus_service_bus(di->svc), di->path, DBUS_IF_IFACE, "ScanDone",
				   "b", 0);
}
