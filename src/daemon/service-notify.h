/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Telling the service manager how ihvd is doing (sd_notify(3)): READY=1 once
 * every interface is managed, RELOADING=1 while SIGHUP re-reads the files,
 * STOPPING=1 on the way out. Nothing happens outside systemd
 * (NOTIFY_SOCKET unset) or in a build without libsystemd.
 */
#ifndef IHVD_DAEMON_SERVICE_NOTIFY_H
#define IHVD_DAEMON_SERVICE_NOTIFY_H

void service_notify_ready(void);
void service_notify_reloading(void);
void service_notify_stopping(void);

#endif
