/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihvd -u: wpa_supplicant's D-Bus service, fi.w1.wpa_supplicant1, on the
 * system bus (sd-bus), for NetworkManager and other clients written for
 * wpa_supplicant. The daemon (main.c) creates it only with -u; without -u no
 * D-Bus code runs.
 *
 * Object paths and names are wpa_supplicant's:
 *   /fi/w1/wpa_supplicant1                       fi.w1.wpa_supplicant1 (bus.c)
 *   /fi/w1/wpa_supplicant1/Interfaces/N          .Interface (dbus-iface*.c)
 *   /fi/w1/wpa_supplicant1/Interfaces/N/BSSs/M   .BSS (dbus-bss.c)
 *   /fi/w1/wpa_supplicant1/Interfaces/N/Networks/K  .Network (dbus-network.c)
 * Every call acts through the same station and configuration functions as
 * the control socket's verbs (SCAN, ADD_NETWORK, SET_NETWORK, ...).
 */
#ifndef IHVD_DBUS_BUS_H
#define IHVD_DBUS_BUS_H

#include <stddef.h>

#include "common/loop.h"
#include "daemon/config.h"
#include "daemon/station.h"

struct dbus_service;

/* An interface the daemon manages, as the bus service sees it. */
struct dbus_iface_target {
	struct station *station;
	struct config *config;
	/* Station events go on here too (the control socket), may be NULL. */
	station_event_cb fwd;
	void *fwd_ctx;
};

/* What the daemon does for the bus service (main.c). */
struct dbus_host {
	void *ctx;
	/*
	 * CreateInterface: manage ifname (or find it managed already) and fill
	 * *out. 0, or -errno with a message in err (-ENODEV: no such netdev).
	 */
	int (*iface_add)(void *ctx, const char *ifname, struct dbus_iface_target *out,
			 char *err, size_t err_len);
	/* RemoveInterface: stop managing ifname (its station is freed). */
	void (*iface_remove)(void *ctx, const char *ifname);
};

/* Connect to the system bus and own fi.w1.wpa_supplicant1. NULL with err. */
struct dbus_service *dbus_service_new(struct loop *loop, const struct dbus_host *host,
				      char *err, size_t err_len);
/* Detach from every station (before the daemon frees them), release the name. */
void dbus_service_free(struct dbus_service *s);
/* The daemon let ifname go (its netdev vanished): its objects leave the bus. */
void dbus_service_iface_gone(struct dbus_service *s, const char *ifname);

#endif
