// SPDX-License-Identifier: BSD-3-Clause
/*
 * The service: the system bus connection on ihvd's loop, the name
 * fi.w1.wpa_supplicant1 and the root object /fi/w1/wpa_supplicant1
 * (CreateInterface, GetInterface, RemoveInterface; Capabilities, EapMethods,
 * Interfaces, DebugLevel; InterfaceAdded/InterfaceRemoved).
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

struct dbus_service {
	struct loop *loop;
	struct dbus_host host;
	sd_bus *bus;
	sd_bus_slot *root_slot;
	int fd;
	bool flush_posted;
	unsigned next_idx;
	struct dbus_iface *ifaces;
	char debug_level[16];
};

sd_bus *dbus_service_bus(struct dbus_service *s)
{
	return s->bus;
}

static void dbus_service_process(struct dbus_service *s)
{
	int r;

	while ((r = sd_bus_process(s->bus, NULL)) > 0)
		;
	if (r >= 0)
		r = sd_bus_flush(s->bus);
	if (r < 0 && s->fd >= 0) {
		log_err("dbus: the system bus failed (%s); NetworkManager can no longer reach ihvd",
			strerror(-r));
		loop_fd_del(s->loop, s->fd);
		s->fd = -1;
	}
}

static void dbus_service_readable(void *arg, int fd)
{
	(void)fd;
	dbus_service_process(arg);
}

static void dbus_service_flush_cb(void *arg)
{
	struct dbus_service *s = arg;

	s->flush_posted = false;
	if (s->fd >= 0)
		dbus_service_process(s);
}

void dbus_service_flush_soon(struct dbus_service *s)
{
	if (s->flush_posted || s->fd < 0)
		return;
	if (loop_call_post(s->loop, dbus_service_flush_cb, s) == 0)
		s->flush_posted = true;
}

/* --- interfaces ---------------------------------------------------------------- */

static struct dbus_iface *dbus_service_find_name(struct dbus_service *s, const char *ifname)
{
	struct dbus_iface *di;

	for (di = s->ifaces; di; di = di->next)
		if (!strcmp(di->ifname, ifname))
			return di;
	return NULL;
}

static struct dbus_iface *dbus_service_find_path(struct dbus_service *s, const char *path)
{
	struct dbus_iface *di;

	for (di = s->ifaces; di; di = di->next)
		if (!strcmp(di->path, path))
			return di;
	return NULL;
}

static const char *const dbus_service_added_props[] = {
	"State", "Scanning", "Ifname", "Driver", "CurrentBSS", "CurrentNetwork", "BSSs",
	"Networks", "DisconnectReason", NULL,
};

static void dbus_service_signal_added(struct dbus_service *s, struct dbus_iface *di)
{
	sd_bus_message *m = NULL;
	int r;

	r = sd_bus_message_new_signal(s->bus, &m, DBUS_ROOT, DBUS_IF_ROOT, "InterfaceAdded");
	if (r >= 0)
		r = sd_bus_message_append(m, "o", di->path);
	if (r >= 0)
		r = dbus_iface_props_append(di, m, dbus_service_added_props);
	if (r >= 0)
		r = sd_bus_send(s->bus, m, NULL);
	if (r < 0)
		log_warn("dbus: InterfaceAdded for %s not sent: %s", di->ifname, strerror(-r));
	sd_bus_message_unref(m);
	sd_bus_emit_properties_changed(s->bus, DBUS_ROOT, DBUS_IF_ROOT, "Interfaces", NULL);
}

static void dbus_service_iface_drop(struct dbus_service *s, struct dbus_iface *di)
{
	struct dbus_iface **pp;
	char path[DBUS_PATH_MAX];

	for (pp = &s->ifaces; *pp; pp = &(*pp)->next) {
		if (*pp == di) {
			*pp = di->next;
			break;
		}
	}
	snprintf(path, sizeof(path), "%s", di->path);
	log_info("dbus: interface %s (%s) leaves the bus", di->ifname, path);
	dbus_iface_free(di);
	sd_bus_emit_signal(s->bus, DBUS_ROOT, DBUS_IF_ROOT, "InterfaceRemoved", "o", path);
	sd_bus_emit_properties_changed(s->bus, DBUS_ROOT, DBUS_IF_ROOT, "Interfaces", NULL);
	dbus_service_flush_soon(s);
}

/* The a{sv} of CreateInterface: Ifname (required), Driver, ConfigFile, BridgeIfname. */
static int dbus_service_create_args(sd_bus_message *m, char *ifname, size_t ifname_len,
				    sd_bus_error *e)
{
	char val[256];
	const char *key;
	int r;

	*ifname = 0;
	r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		r = sd_bus_message_read(m, "s", &key);
		if (r < 0)
			return r;
		if (!strcmp(key, "Ifname") || !strcmp(key, "Driver") ||
		    !strcmp(key, "ConfigFile") || !strcmp(key, "BridgeIfname")) {
			const char *s;

			r = sd_bus_message_enter_container(m, 'v', "s");
			if (r <= 0)
				return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
							 "CreateInterface: %s must be a string (s)", key);
			r = sd_bus_message_read(m, "s", &s);
			if (r < 0)
				return r;
			snprintf(val, sizeof(val), "%s", s);
			r = sd_bus_message_exit_container(m);
			if (r < 0)
				return r;
		} else {
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "CreateInterface: unknown argument '%s' (Ifname, "
						 "Driver, ConfigFile, BridgeIfname)", key);
		}
		if (!strcmp(key, "Ifname")) {
			if (strlen(val) >= ifname_len || !val[0])
				return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
							 "CreateInterface: Ifname '%s' is not an "
							 "interface name", val);
			snprintf(ifname, ifname_len, "%s", val);
		} else if (!strcmp(key, "Driver") && val[0] && !strstr(val, "nl80211")) {
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "CreateInterface: Driver '%s': ihvd drives nl80211 "
						 "only", val);
		} else if (!strcmp(key, "ConfigFile") && val[0]) {
			log_info("dbus: CreateInterface: ConfigFile %s ignored (networks come "
				 "over the bus)", val);
		} else if (!strcmp(key, "BridgeIfname") && val[0]) {
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "CreateInterface: BridgeIfname: ihvd does not "
						 "bridge");
		}
		r = sd_bus_message_exit_container(m);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	r = sd_bus_message_exit_container(m);
	if (r < 0)
		return r;
	if (!*ifname)
		return sd_bus_error_set(e, DBUS_ERR_INVALID_ARGS,
					"CreateInterface: Ifname is required");
	return 0;
}

static int dbus_service_create(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_service *s = userdata;
	struct dbus_iface_target t = { 0 };
	struct dbus_iface *di;
	char ifname[32], err[256];
	int r;

	r = dbus_service_create_args(m, ifname, sizeof(ifname), e);
	if (r < 0)
		return r;
	if (dbus_service_find_name(s, ifname))
		return sd_bus_error_setf(e, DBUS_ERR_IFACE_EXISTS,
					 "wpa_supplicant already controls this interface (%s)",
					 ifname);
	err[0] = 0;
	r = s->host.iface_add(s->host.ctx, ifname, &t, err, sizeof(err));
	if (r < 0)
		return sd_bus_error_setf(e, DBUS_ERR_UNKNOWN_ERROR,
					 "wpa_supplicant couldn't grab this interface: %s: %s",
					 ifname, err[0] ? err : strerror(-r));
	di = dbus_iface_new(s, s->next_idx, ifname, &t);
	if (!di) {
		s->host.iface_remove(s->host.ctx, ifname);
		return sd_bus_error_set_errno(e, -ENOMEM);
	}
	s->next_idx++;
	di->next = s->ifaces;
	s->ifaces = di;
	log_info("dbus: CreateInterface %s -> %s", ifname, di->path);
	dbus_service_signal_added(s, di);
	dbus_iface_sync(di);
	return sd_bus_reply_method_return(m, "o", di->path);
}

static int dbus_service_get(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_service *s = userdata;
	struct dbus_iface *di;
	const char *ifname;
	int r;

	r = sd_bus_message_read(m, "s", &ifname);
	if (r < 0)
		return r;
	di = dbus_service_find_name(s, ifname);
	if (!di)
		return sd_bus_error_setf(e, DBUS_ERR_IFACE_UNKNOWN,
					 "wpa_supplicant knows nothing about this interface (%s)",
					 ifname);
	return sd_bus_reply_method_return(m, "o", di->path);
}

static int dbus_service_remove(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_service *s = userdata;
	struct dbus_iface *di;
	const char *path;
	char ifname[32];
	int r;

	r = sd_bus_message_read(m, "o", &path);
	if (r < 0)
		return r;
	di = dbus_service_find_path(s, path);
	if (!di)
		return sd_bus_error_setf(e, DBUS_ERR_IFACE_UNKNOWN,
					 "wpa_supplicant knows nothing about this interface (%s)",
					 path);
	snprintf(ifname, sizeof(ifname), "%s", di->ifname);
	dbus_service_iface_drop(s, di);
	s->host.iface_remove(s->host.ctx, ifname);
	return sd_bus_reply_method_return(m, "");
}

void dbus_service_iface_gone(struct dbus_service *s, const char *ifname)
{
	struct dbus_iface *di;

	if (!s)
		return;
	di = dbus_service_find_name(s, ifname);
	if (di)
		dbus_service_iface_drop(s, di);
}

/* --- root properties ---------------------------------------------------------- */

static int dbus_service_get_caps(sd_bus *bus, const char *path, const char *iface,
				 const char *prop, sd_bus_message *reply, void *userdata,
				 sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)userdata, (void)e;
	/*
	 * NetworkManager reads "if the property exists, anything absent is
	 * FALSE": no ap, p2p, mesh, fils, ft, sha384, suiteb192 (ihvd joins as a
	 * station only, without fast transition). "pmf": ihv-rsn.so negotiates
	 * management frame protection (IEEE 802.11-2020 12.6.3, MFPC/MFPR) and
	 * the SHA-256 AKMs; NetworkManager then offers WPA-PSK-SHA256 and
	 * WPA-EAP-SHA256 beside WPA-PSK / WPA-EAP and takes key-mgmt sae (which
	 * it refuses without pmf). "sae": the plugin's SAE (12.4).
	 */
	return sd_bus_message_append(reply, "as", 2, "pmf", "sae");
}

static int dbus_service_get_eap(sd_bus *bus, const char *path, const char *iface,
				const char *prop, sd_bus_message *reply, void *userdata,
				sd_bus_error *e)
{
	(void)bus, (void)path, (void)iface, (void)prop, (void)userdata, (void)e;
	/* The 802.1X module's outer methods and the one inner EAP method (src/core/onex.c). */
	return sd_bus_message_append(reply, "as", 4, "TLS", "PEAP", "TTLS", "MSCHAPV2");
}

static int dbus_service_get_ifaces(sd_bus *bus, const char *path, const char *iface,
				   const char *prop, sd_bus_message *reply, void *userdata,
				   sd_bus_error *e)
{
	struct dbus_service *s = userdata;
	struct dbus_iface *di;
	int r;

	(void)bus, (void)path, (void)iface, (void)prop, (void)e;
	r = sd_bus_message_open_container(reply, 'a', "o");
	for (di = s->ifaces; di && r >= 0; di = di->next)
		r = sd_bus_message_append(reply, "o", di->path);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int dbus_service_get_debug(sd_bus *bus, const char *path, const char *iface,
				  const char *prop, sd_bus_message *reply, void *userdata,
				  sd_bus_error *e)
{
	struct dbus_service *s = userdata;

	(void)bus, (void)path, (void)iface, (void)e;
	if (!strcmp(prop, "DebugLevel"))
		return sd_bus_message_append(reply, "s", s->debug_level);
	return sd_bus_message_append(reply, "b", 0);
}

static int dbus_service_set_debug(sd_bus *bus, const char *path, const char *iface,
				  const char *prop, sd_bus_message *value, void *userdata,
				  sd_bus_error *e)
{
	static const char *const levels[] = { "excessive", "msgdump", "debug", "info",
					      "warning", "error", NULL };
	struct dbus_service *s = userdata;
	const char *v;
	size_t k;
	int r;

	(void)bus, (void)path, (void)iface, (void)prop;
	r = sd_bus_message_read(value, "s", &v);
	if (r < 0)
		return r;
	for (k = 0; levels[k]; k++)
		if (!strcmp(levels[k], v))
			break;
	if (!levels[k])
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "DebugLevel '%s': one of excessive, msgdump, debug, info, "
					 "warning, error", v);
	snprintf(s->debug_level, sizeof(s->debug_level), "%s", v);
	return 0;
}

static const sd_bus_vtable dbus_service_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("CreateInterface", "a{sv}", "o", dbus_service_create,
		      SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD("GetInterface", "s", "o", dbus_service_get, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD("RemoveInterface", "o", "", dbus_service_remove,
		      SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_PROPERTY("Capabilities", "as", dbus_service_get_caps, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("EapMethods", "as", dbus_service_get_eap, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("Interfaces", "ao", dbus_service_get_ifaces, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_WRITABLE_PROPERTY("DebugLevel", "s", dbus_service_get_debug,
				 dbus_service_set_debug, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("DebugTimestamp", "b", dbus_service_get_debug, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("DebugShowKeys", "b", dbus_service_get_debug, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_SIGNAL("InterfaceAdded", "oa{sv}", 0),
	SD_BUS_SIGNAL("InterfaceRemoved", "o", 0),
	SD_BUS_SIGNAL("PropertiesChanged", "a{sv}", 0),
	SD_BUS_VTABLE_END,
};

struct dbus_service *dbus_service_new(struct loop *loop, const struct dbus_host *host,
				      char *err, size_t err_len)
{
	struct dbus_service *s;
	const char *step = "connect to the system bus";
	char why[160];
	int r;

	if (sd_load(why, sizeof(why)) < 0) {
		snprintf(err, err_len, "D-Bus: %s", why);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, err_len, "out of memory");
		return NULL;
	}
	s->loop = loop;
	s->host = *host;
	s->fd = -1;
	snprintf(s->debug_level, sizeof(s->debug_level), "info");
	r = sd_bus_open_system(&s->bus);
	if (r >= 0) {
		step = "export " DBUS_ROOT;
		r = sd_bus_add_object_vtable(s->bus, &s->root_slot, DBUS_ROOT, DBUS_IF_ROOT,
					     dbus_service_vtable, s);
	}
	if (r >= 0) {
		step = "own " DBUS_SERVICE " (another wpa_supplicant running? the bus policy "
		       "file installed?)";
		r = sd_bus_request_name(s->bus, DBUS_SERVICE, 0);
	}
	if (r >= 0) {
		step = "watch the bus";
		r = s->fd = sd_bus_get_fd(s->bus);
	}
	if (r >= 0)
		r = loop_fd_add(loop, s->fd, dbus_service_readable, s);
	if (r < 0) {
		snprintf(err, err_len, "D-Bus: cannot %s: %s", step, strerror(-r));
		s->fd = -1;
		dbus_service_free(s);
		return NULL;
	}
	log_info("dbus: %s on the system bus, root object %s", DBUS_SERVICE, DBUS_ROOT);
	dbus_service_process(s);
	return s;
}

void dbus_service_free(struct dbus_service *s)
{
	if (!s)
		return;
	while (s->ifaces) {
		struct dbus_iface *di = s->ifaces;

		s->ifaces = di->next;
		dbus_iface_free(di);
	}
	if (s->flush_posted)
		loop_call_cancel(s->loop, s);
	if (s->fd >= 0)
		loop_fd_del(s->loop, s->fd);
	sd_bus_slot_unref(s->root_slot);
	if (s->bus) {
		sd_bus_release_name(s->bus, DBUS_SERVICE);
		sd_bus_flush_close_unref(s->bus);
	}
	free(s);
}
