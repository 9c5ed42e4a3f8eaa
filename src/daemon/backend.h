/*
 * The station's backend over the real host core and driver (struct
 * station_backend, station.h): what ihvd's main wires to each interface and
 * what the daemon's tests wire to the simulated driver and a test plugin.
 */
#ifndef IHVD_DAEMON_BACKEND_H
#define IHVD_DAEMON_BACKEND_H

#include <stdint.h>

#include "core/ihv-host.h"
#include "daemon/station.h"
#include "nl80211/driver.h"

struct backend_core {
	struct ihv_host *host;
	struct drv *drv;
	uint32_t ifindex;
	struct ihv_adapter *adapter;   /* NULL until the plugin took the adapter */
};

/* Fill be so that every call goes to bc's adapter, host and driver. */
void backend_core_fill(struct station_backend *be, struct backend_core *bc);

#endif
