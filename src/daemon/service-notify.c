// SPDX-License-Identifier: BSD-3-Clause
/* sd_notify for Type=notify units (service-notify.h). */
#include "daemon/service-notify.h"

#include <stdlib.h>

#include "common/log.h"
#ifdef IHVD_HAVE_SYSTEMD
#include "daemon/sd-load.h"
#endif

static void service_notify_send(const char *state)
{
#ifdef IHVD_HAVE_SYSTEMD
	char err[160];
	int r;

	/* sd_notify(3) does nothing without $NOTIFY_SOCKET: nor do we, unloaded. */
	if (!getenv("NOTIFY_SOCKET"))
		return;
	if (sd_load(err, sizeof(err)) < 0) {
		log_warn("NOTIFY_SOCKET is set but %s: the service manager is not told %s", err,
			 state);
		return;
	}
	r = sd_notify(0, state);
	if (r < 0)
		log_warn("sd_notify(%s) failed: %d", state, r);
#else
	(void)state;
#endif
}

void service_notify_ready(void)
{
	service_notify_send("READY=1\nSTATUS=managing the configured interfaces");
}

void service_notify_reloading(void)
{
	service_notify_send("RELOADING=1");
}

void service_notify_stopping(void)
{
	service_notify_send("STOPPING=1");
}
