// SPDX-License-Identifier: BSD-3-Clause
/*
 * fi.w1.wpa_supplicant1.Interface methods. Each does what the control
 * socket's verb of the same meaning does, through the same station and
 * configuration calls: Scan = SCAN, AddNetwork = ADD_NETWORK + SET_NETWORK
 * per field, SelectNetwork = SELECT_NETWORK, RemoveNetwork =
 * REMOVE_NETWORK, Disconnect = DISCONNECT, Reassociate = REASSOCIATE,
 * Reconnect = RECONNECT.
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/wipe.h"
#include "common/log.h"

/* The a{sv} of Scan: Type (s, "active"/"passive"), SSIDs (aay), Channels, AllowRoam (b). */
static int dbus_iface_scan_args(sd_bus_message *m, sd_bus_error *e)
{
	const char *key, *contents;
	char type;
	int r;

	r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		const char *want = NULL;

		r = sd_bus_message_read(m, "s", &key);
		if (r < 0)
			return r;
		if (!strcmp(key, "Type"))
			want = "s";
		else if (!strcmp(key, "SSIDs") || !strcmp(key, "IEs"))
			want = "aay";
		else if (!strcmp(key, "Channels"))
			want = "a(uu)";
		else if (!strcmp(key, "AllowRoam"))
			want = "b";
		else
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "Scan: unknown argument '%s' (Type, SSIDs, IEs, "
						 "Channels, AllowRoam)", key);
		r = sd_bus_message_peek_type(m, &type, &contents);
		if (r < 0)
			return r;
		if (type != 'v' || strcmp(contents, want) != 0)
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "Scan: %s must be of type %s", key, want);
		if (!strcmp(key, "Type")) {
			const char *t;

			r = sd_bus_message_read(m, "v", "s", &t);
			if (r < 0)
				return r;
			if (strcmp(t, "active") != 0 && strcmp(t, "passive") != 0)
				return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
							 "Scan: Type '%s': active or passive", t);
		} else {
			/* SSIDs: ihvd probes for its hidden networks' SSIDs by itself. */
			r = sd_bus_message_skip(m, "v");
			if (r < 0)
				return r;
		}
		r = sd_bus_message_exit_container(m);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

int dbus_iface_scan(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	int r;

	r = dbus_iface_scan_args(m, e);
	if (r < 0)
		return r;
	r = station_scan(di->t.station);
	/* Another scan is under way: its ScanDone answers this request too. */
	if (r < 0 && r != -EBUSY)
		return sd_bus_error_setf(e, DBUS_ERR_SCAN, "Scan request rejected: %s",
					 strerror(-r));
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "");
}

/* A method that is one station command: run it, publish the state, reply empty. */
static int dbus_iface_station_call(sd_bus_message *m, struct dbus_iface *di,
				   int (*fn)(struct station *))
{
	fn(di->t.station);
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "");
}

int dbus_iface_disconnect(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)e;
	return dbus_iface_station_call(m, userdata, station_disconnect);
}

int dbus_iface_reassociate(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)e;
	return dbus_iface_station_call(m, userdata, station_reassociate);
}

int dbus_iface_reconnect(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	(void)e;
	return dbus_iface_station_call(m, userdata, station_reconnect);
}

/* Reattach: wpa_supplicant's "reconnect if disconnected, reassociate if not". */
int dbus_iface_reattach(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	struct station_info in;

	(void)e;
	station_info_get(di->t.station, &in);
	if (in.state == STATION_DISCONNECTED || in.state == STATION_INACTIVE)
		station_reconnect(di->t.station);
	else
		station_reassociate(di->t.station);
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "");
}

static int dbus_iface_add_ref(void *ctx, int id, const char *key, const char *name,
			      sd_bus_error *e)
{
	return dbus_blob_ref_add(ctx, id, key, name, e);
}

int dbus_iface_add_network(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	struct config_network *n;
	char err[256], text[256], path[DBUS_PATH_MAX];
	uint32_t reason;
	int id, r;

	if (di->n_nets >= DBUS_NETWORKS_MAX)
		return sd_bus_error_setf(e, DBUS_ERR_UNKNOWN_ERROR,
					 "wpa_supplicant could not add a network: at most %d",
					 DBUS_NETWORKS_MAX);
	n = config_network_add(di->t.config);
	if (!n)
		return sd_bus_error_set_errno(e, ENOMEM);
	id = n->id;
	n->disabled = true; /* as ADD_NETWORK: SelectNetwork (or Enabled) enables it */
	r = dbus_dict_network_read_refs(m, n, dbus_iface_add_ref, di, e);
	if (r < 0) {
		station_remove_network(di->t.station, id);
		dbus_blob_ref_forget(di, id);
		return r;
	}
	/* The block as a whole goes to the plugin first (Dot11ExtIhvValidateProfile). */
	if (config_network_check(n, err, sizeof(err)) == 0 &&
	    station_network_validate(di->t.station, n, &reason, text, sizeof(text)) < 0) {
		station_remove_network(di->t.station, id);
		dbus_blob_ref_forget(di, id);
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "the plugin refused the network "
					 "(Dot11ExtIhvValidateProfile): reason 0x%x: %s", reason, text);
	}
	station_network_changed(di->t.station, id, "ssid");
	dbus_iface_sync(di);
	snprintf(path, sizeof(path), "%s/Networks/%d", di->path, id);
	return sd_bus_reply_method_return(m, "o", path);
}

static int dbus_iface_net_arg(struct dbus_iface *di, sd_bus_message *m, sd_bus_error *e)
{
	const char *path;
	int r;

	r = sd_bus_message_read(m, "o", &path);
	if (r < 0)
		return r;
	return dbus_net_id_check(di, path, e);
}

int dbus_iface_remove_network(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	int id = dbus_iface_net_arg(di, m, e);

	if (id < 0)
		return id;
	station_remove_network(di->t.station, id);
	dbus_request_forget(di, id);
	dbus_blob_ref_forget(di, id);
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "");
}

int dbus_iface_remove_all_networks(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;

	(void)e;
	station_remove_network(di->t.station, -1);
	dbus_request_forget(di, -1);
	dbus_blob_ref_forget(di, -1);
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "");
}

int dbus_iface_select_network(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	char path[DBUS_PATH_MAX];
	int id = dbus_iface_net_arg(di, m, e), r;

	if (id < 0)
		return id;
	r = dbus_blob_ref_apply(di, config_network_get(di->t.config, id), e);
	if (r < 0)
		return r;
	r = station_select_network(di->t.station, id);
	if (r < 0)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "SelectNetwork: the network is not complete (%s)",
					 strerror(-r));
	snprintf(path, sizeof(path), "%s/Networks/%d", di->path, id);
	sd_bus_emit_signal(dbus_service_bus(di->svc), di->path, DBUS_IF_IFACE, "NetworkSelected",
			   "o", path);
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "");
}

int dbus_iface_signal_poll(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	struct station_info in;
	sd_bus_message *reply = NULL;
	const struct scan_bss *b = NULL;
	size_t k;
	int r;

	station_info_get(di->t.station, &in);
	if (in.state != STATION_COMPLETED)
		return sd_bus_error_set(e, DBUS_ERR_NOT_CONNECTED, "not connected");
	for (k = 0; k < station_bss_count(di->t.station); k++) {
		const struct scan_bss *c = station_bss_at(di->t.station, k);

		if (!memcmp(c->bss.bssid, in.bssid, 6))
			b = c;
	}
	r = sd_bus_message_new_method_return(m, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "{sv}");
	if (r >= 0)
		r = sd_bus_message_append(reply, "{sv}", "frequency", "u", in.freq);
	if (r >= 0 && b)
		r = sd_bus_message_append(reply, "{sv}", "rssi", "i",
					  (int32_t)(b->bss.signal_mbm / 100));
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	return r;
}

int dbus_iface_flush_bss(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	uint32_t age;
	int r;

	(void)userdata, (void)e;
	r = sd_bus_message_read(m, "u", &age);
	if (r < 0)
		return r;
	/* The kernel owns the scan results and ages them; ihvd keeps no BSS table to flush. */
	log_debug("dbus: FlushBSS %u: the kernel's results stay (it ages them)", age);
	return sd_bus_reply_method_return(m, "");
}

struct dbus_blob *dbus_iface_blob_find(struct dbus_iface *di, const char *name)
{
	size_t k;

	for (k = 0; k < DBUS_BLOBS_MAX; k++)
		if (di->blobs[k].name && !strcmp(di->blobs[k].name, name))
			return &di->blobs[k];
	return NULL;
}

int dbus_iface_add_blob(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	const char *name;
	const void *data;
	size_t len, k;
	int r;

	r = sd_bus_message_read(m, "s", &name);
	if (r >= 0)
		r = sd_bus_message_read_array(m, 'y', &data, &len);
	if (r < 0)
		return r;
	if (!*name || strlen(name) > 128)
		return sd_bus_error_set(e, DBUS_ERR_INVALID_ARGS, "AddBlob: a name of 1..128 chars");
	if (len > DBUS_BLOB_BYTES_MAX)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS, "AddBlob: at most %d bytes",
					 DBUS_BLOB_BYTES_MAX);
	if (dbus_iface_blob_find(di, name))
		return sd_bus_error_setf(e, DBUS_ERR_BLOB_EXISTS, "Blob '%s' already exists", name);
	for (k = 0; k < DBUS_BLOBS_MAX && di->blobs[k].name; k++)
		;
	if (k == DBUS_BLOBS_MAX)
		return sd_bus_error_setf(e, DBUS_ERR_UNKNOWN_ERROR, "AddBlob: at most %d blobs",
					 DBUS_BLOBS_MAX);
	di->blobs[k].name = strdup(name);
	di->blobs[k].data = malloc(len ? len : 1);
	if (!di->blobs[k].name || !di->blobs[k].data) {
		free(di->blobs[k].name);
		free(di->blobs[k].data);
		di->blobs[k] = (struct dbus_blob){ 0 };
		return sd_bus_error_set_errno(e, ENOMEM);
	}
	memcpy(di->blobs[k].data, data, len);
	di->blobs[k].len = len;
	sd_bus_emit_properties_changed(dbus_service_bus(di->svc), di->path, DBUS_IF_IFACE,
				       "Blobs", NULL);
	return sd_bus_reply_method_return(m, "");
}

int dbus_iface_get_blob(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	const char *name;
	int r;

	r = sd_bus_message_read(m, "s", &name);
	if (r < 0)
		return r;
	if (!dbus_iface_blob_find(di, name))
		return sd_bus_error_setf(e, DBUS_ERR_BLOB_UNKNOWN, "Blob id '%s' not set", name);
	/* A blob may hold a private key; it never leaves the daemon again. */
	return sd_bus_error_set(e, DBUS_ERR_INVALID_ARGS,
				"GetBlob: ihvd does not hand blobs back (they may hold keys)");
}

int dbus_iface_remove_blob(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	struct dbus_blob *b;
	const char *name;
	int r;

	r = sd_bus_message_read(m, "s", &name);
	if (r < 0)
		return r;
	b = dbus_iface_blob_find(di, name);
	if (!b)
		return sd_bus_error_setf(e, DBUS_ERR_BLOB_UNKNOWN, "Blob id '%s' not set", name);
	free(b->name);
	secret_wipe(b->data, b->len);
	free(b->data);
	*b = (struct dbus_blob){ 0 };
	sd_bus_emit_properties_changed(dbus_service_bus(di->svc), di->path, DBUS_IF_IFACE,
				       "Blobs", NULL);
	return sd_bus_reply_method_return(m, "");
}
