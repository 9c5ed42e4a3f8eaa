// SPDX-License-Identifier: BSD-3-Clause
/* sd_notify for Type=notify units (service-notify.h). */
#include "daemon/service-notify.h"

#ifdef IHVD_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "common/log.h"

static void service_notify_send(const char *state)
{
#ifdef IHVD_HAVE_SYSTEMD
	int r = sd_notify(0, state);

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
