// SPDX-License-Identifier: BSD-3-Clause
/*
 * Network objects, /fi/w1/wpa_supplicant1/Interfaces/N/Networks/K (K is the
 * network block's id, as LIST_NETWORKS shows it): Properties (a{sv}, every
 * field as its configuration text, secrets never), writable like
 * SET_NETWORK; Enabled (b), writable like ENABLE_NETWORK/DISABLE_NETWORK.
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

/* The fields Properties shows; config_network_value refuses psk and other secrets. */
static const char *const dbus_net_fields[] = {
	"ssid", "key_mgmt", "pairwise", "group", "ieee80211w", "bssid", "scan_ssid",
	"priority", "id_str", "scan_freq", "freq_list", "sae_pwe",
	/* 802.1X: the secrets (password, private_key_passwd) never come back (config-eap.c) */
	"eap", "identity", "anonymous_identity", "ca_cert", "client_cert", "private_key",
	"phase1", "phase2", "domain_suffix_match", "domain_match", NULL,
};

int dbus_net_id_from_path(const struct dbus_iface *di, const char *path)
{
	size_t len = strlen(di->path);
	const char *p;
	char *end;
	long id;

	if (strncmp(path, di->path, len) != 0 || strncmp(path + len, "/Networks/", 10) != 0)
		return -1;
	p = path + len + 10;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	id = strtol(p, &end, 10);
	if (errno || *end || id > 0x7fffffff)
		return -1;
	return (int)id;
}

int dbus_net_id_check(const struct dbus_iface *di, const char *path, sd_bus_error *e)
{
	int id = dbus_net_id_from_path(di, path);

	if (id < 0 || !config_network_get(di->t.config, id))
		return sd_bus_error_setf(e, DBUS_ERR_NETWORK_UNKNOWN,
					 "There is no such a network in this interface (%s)", path);
	return id;
}

static struct config_network *dbus_net_block(struct dbus_net *n, sd_bus_error *e)
{
	struct config_network *cn = config_network_get(n->di->t.config, n->id);

	if (!cn)
		sd_bus_error_setf(e, DBUS_ERR_NETWORK_UNKNOWN, "%s: the network was removed",
				  n->path);
	return cn;
}

static int dbus_net_fields_append(struct config_network *cn, sd_bus_message *m)
{
	char val[512];
	size_t k;
	int r;

	r = sd_bus_message_open_container(m, 'a', "{sv}");
	for (k = 0; dbus_net_fields[k] && r >= 0; k++) {
		if (config_network_value(cn, dbus_net_fields[k], val, sizeof(val)) < 0)
			continue;
		r = sd_bus_message_append(m, "{sv}", dbus_net_fields[k], "s", val);
	}
	if (r >= 0)
		r = sd_bus_message_append(m, "{sv}", "disabled", "s", cn->disabled ? "1" : "0");
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

static int dbus_net_get(sd_bus *bus, const char *path, const char *iface, const char *prop,
			sd_bus_message *reply, void *userdata, sd_bus_error *e)
{
	struct dbus_net *n = userdata;
	struct config_network *cn = dbus_net_block(n, e);

	(void)bus, (void)path, (void)iface;
	if (!cn)
		return -ENOENT;
	if (!strcmp(prop, "Enabled"))
		return sd_bus_message_append(reply, "b", (int)!cn->disabled);
	return dbus_net_fields_append(cn, reply);
}

static int dbus_net_set(sd_bus *bus, const char *path, const char *iface, const char *prop,
			sd_bus_message *value, void *userdata, sd_bus_error *e)
{
	struct dbus_net *n = userdata;
	struct config_network *cn = dbus_net_block(n, e);
	int enabled, r;

	(void)bus, (void)path, (void)iface;
	if (!cn)
		return -ENOENT;
	if (!strcmp(prop, "Properties")) {
		r = dbus_dict_network_read(value, cn, e);
		if (r < 0)
			return r;
		station_network_changed(n->di->t.station, n->id, "psk");
		return 0;
	}
	r = sd_bus_message_read(value, "b", &enabled);
	if (r < 0)
		return r;
	r = enabled ? station_enable_network(n->di->t.station, n->id) :
		      station_disable_network(n->di->t.station, n->id);
	if (r < 0)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "Enabled: the network is not complete (%s)", strerror(-r));
	return 0;
}

static const sd_bus_vtable dbus_net_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_WRITABLE_PROPERTY("Properties", "a{sv}", dbus_net_get, dbus_net_set, 0,
				 SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_WRITABLE_PROPERTY("Enabled", "b", dbus_net_get, dbus_net_set, 0,
				 SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END,
};

int dbus_net_props_append(struct dbus_net *n, sd_bus_message *m)
{
	struct config_network *cn = config_network_get(n->di->t.config, n->id);
	int r;

	r = sd_bus_message_open_container(m, 'a', "{sv}");
	if (r >= 0 && cn)
		r = sd_bus_message_append(m, "{sv}", "Enabled", "b", (int)!cn->disabled);
	if (r >= 0 && cn) {
		r = sd_bus_message_open_container(m, 'e', "sv");
		if (r >= 0)
			r = sd_bus_message_append(m, "s", "Properties");
		if (r >= 0)
			r = sd_bus_message_open_container(m, 'v', "a{sv}");
		if (r >= 0)
			r = dbus_net_fields_append(cn, m);
		if (r >= 0)
			r = sd_bus_message_close_container(m);
		if (r >= 0)
			r = sd_bus_message_close_container(m);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

struct dbus_net *dbus_net_new(struct dbus_iface *di, int id)
{
	struct dbus_net *n = calloc(1, sizeof(*n));
	int r;

	if (!n)
		return NULL;
	n->di = di;
	n->id = id;
	snprintf(n->path, sizeof(n->path), "%s/Networks/%d", di->path, id);
	r = sd_bus_add_object_vtable(dbus_service_bus(di->svc), &n->slot, n->path,
				     DBUS_IF_NETWORK, dbus_net_vtable, n);
	if (r < 0) {
		log_warn("dbus: cannot export %s: %s", n->path, strerror(-r));
		free(n);
		return NULL;
	}
	return n;
}

void dbus_net_free(struct dbus_net *n)
{
	if (!n)
		return;
	sd_bus_slot_unref(n->slot);
	free(n);
}
