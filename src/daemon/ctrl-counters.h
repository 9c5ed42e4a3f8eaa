/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The counters the control socket shows (ctrl-counters.c): STATUS's key-install and
 * drop counts, and STATUS-DROPS, the reasons behind the drops.
 */
#ifndef IHVD_DAEMON_CTRL_COUNTERS_H
#define IHVD_DAEMON_CTRL_COUNTERS_H

#include <stddef.h>

#include "daemon/station.h"

/* STATUS's lines: ptk_installs=, gtk_installs=, igtk_installs=, eapol_rx_dropped=. */
size_t ctrl_counters_status(const struct station_info *in, char *buf, size_t len);
/* STATUS-DROPS: the core's drop reasons, then the plugin's counters (plugin_NAME=). */
size_t ctrl_counters_drops(struct station *st, char *buf, size_t len);

#endif
