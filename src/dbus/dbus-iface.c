// SPDX-License-Identifier: BSD-3-Clause
/*
 * An interface object, /fi/w1/wpa_supplicant1/Interfaces/N: its life on
 * the bus and its properties as an a{sv}. The vtable is in
 * dbus-iface-props.c, the methods in dbus-iface-methods.c, the signals in
 * dbus-iface-sync.c.
 */
#include "dbus/dbus-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/wipe.h"
#include "common/log.h"

struct dbus_iface *dbus_iface_new(struct dbus_service *svc, unsigned idx, const char *ifname,
				  const struct dbus_iface_target *t)
{
	struct dbus_iface *di = calloc(1, sizeof(*di));
	int r;

	if (!di)
		return NULL;
	di->svc = svc;
	di->idx = idx;
	di->t = *t;
	snprintf(di->ifname, sizeof(di->ifname), "%s", ifname);
	snprintf(di->path, sizeof(di->path), DBUS_ROOT "/Interfaces/%u", idx);
	snprintf(di->cur_bss, sizeof(di->cur_bss), "/");
	snprintf(di->cur_net, sizeof(di->cur_net), "/");
	di->ap_scan = 1;
	di->bss_expire_age = 180;
	di->bss_expire_count = 2;
	snprintf(di->pmf, sizeof(di->pmf), "0");
	snprintf(di->sae_pwe, sizeof(di->sae_pwe), "0");
	snprintf(di->pmk_lifetime, sizeof(di->pmk_lifetime), "43200");
	r = sd_bus_add_object_vtable(dbus_service_bus(svc), &di->slot, di->path, DBUS_IF_IFACE,
				     dbus_iface_vtable, di);
	if (r < 0) {
		log_err("dbus: cannot export %s: %s", di->path, strerror(-r));
		free(di);
		return NULL;
	}
	station_event_cb_set(t->station, dbus_iface_on_event, di);
	station_watch_set(t->station, dbus_iface_on_watch, di);
	return di;
}

void dbus_iface_free(struct dbus_iface *di)
{
	size_t k;

	if (!di)
		return;
	/* The station goes back to its control socket alone. */
	station_watch_set(di->t.station, NULL, NULL);
	station_event_cb_set(di->t.station, di->t.fwd, di->t.fwd_ctx);
	for (k = 0; k < di->n_bss; k++)
		dbus_bss_free(di->bss[k]);
	free(di->bss);
	for (k = 0; k < di->n_nets; k++)
		dbus_net_free(di->nets[k]);
	free(di->nets);
	dbus_blob_ref_forget(di, -1);
	for (k = 0; k < DBUS_BLOBS_MAX; k++) {
		free(di->blobs[k].name);
		if (di->blobs[k].data)
			secret_wipe(di->blobs[k].data, di->blobs[k].len);
		free(di->blobs[k].data);
	}
	sd_bus_slot_unref(di->slot);
	free(di);
}

/* names: NULL-terminated; each read through the vtable's own getter. */
int dbus_iface_props_append(struct dbus_iface *di, sd_bus_message *m, const char *const *names)
{
	const sd_bus_vtable *v;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	size_t k;
	int r;

	r = sd_bus_message_open_container(m, 'a', "{sv}");
	for (k = 0; names[k] && r >= 0; k++) {
		for (v = dbus_iface_vtable; v->type != _SD_BUS_VTABLE_END; v++) {
			if ((v->type != _SD_BUS_VTABLE_PROPERTY &&
			     v->type != _SD_BUS_VTABLE_WRITABLE_PROPERTY) ||
			    strcmp(v->x.property.member, names[k]) != 0)
				continue;
			r = sd_bus_message_open_container(m, 'e', "sv");
			if (r >= 0)
				r = sd_bus_message_append(m, "s", names[k]);
			if (r >= 0)
				r = sd_bus_message_open_container(m, 'v', v->x.property.signature);
			if (r >= 0)
				r = v->x.property.get(dbus_service_bus(di->svc), di->path,
						      DBUS_IF_IFACE, names[k], m, di, &e);
			if (r >= 0)
				r = sd_bus_message_close_container(m);
			if (r >= 0)
				r = sd_bus_message_close_container(m);
			break;
		}
	}
	sd_bus_error_free(&e);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}
