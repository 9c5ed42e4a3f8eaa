// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd's own state, shared by main.c (the loop, interfaces, signals,
 * shutdown) and main-args.c (the command line and the configurations).
 */
#ifndef IHVD_DAEMON_MAIN_INT_H
#define IHVD_DAEMON_MAIN_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>

#include "core/ihv-host.h"
#include "daemon/backend.h"
#include "daemon/config.h"
#include "daemon/ctrl.h"
#include "daemon/known-freqs.h"
#include "daemon/logind.h"
#include "daemon/station.h"
#include "dbus/bus.h"
#include "nl80211/driver.h"

#define IHVD_IFACES_MAX 16
#ifndef IHVD_VERSION
#define IHVD_VERSION "0.1"
#endif

/* The exit status, one per cause a script or an init system may act on. */
enum main_exit {
	MAIN_EXIT_OK = 0,
	MAIN_EXIT_FAILURE = 1,      /* while running, or anything else */
	MAIN_EXIT_USAGE = 2,        /* the command line */
	MAIN_EXIT_CONFIG = 3,       /* a configuration file */
	MAIN_EXIT_NO_NL80211 = 4,   /* no nl80211 in this kernel / namespace */
	MAIN_EXIT_NO_IFACE = 5,     /* an interface named by -i does not exist */
	MAIN_EXIT_PLUGIN = 6,       /* the plugin did not load, or refused */
};

struct iface {
	struct ihvd *d;
	const char *ifname;         /* -i's name; a pattern's adopted name (name_buf) */
	const char *pattern;        /* -i 'wlan*' (iface-pattern.h); NULL for a plain name */
	char name_buf[IF_NAMESIZE];
	const char *config_path;
	struct config *config;
	uint32_t ifindex;
	struct drv_capa capa;
	struct station_backend be;
	struct backend_core bc;
	struct station *station;
	struct ihv_adapter *adapter;
	struct ctrl *ctrl;
	struct ctrl_host host;      /* the control socket's RECONFIGURE, country, ... */
	struct known_freq freqs[KNOWN_FREQS_MAX]; /* the last links' channels, from the file */
	size_t n_freqs;
	bool freqs_read;            /* ... read for this adoption of the interface */
	bool freqs_stale;           /* ... with lines skipped, or not read: rewrite it */
	bool scan_early;            /* a scan began before the plugin loaded (scan.h) */
	bool scan_early_narrow;     /* ...on the networks' known channels only */
	bool releasing;             /* hotplug: its netdev is gone, the release is queued */
	bool from_bus;              /* -u: made by CreateInterface (its config is in memory) */
	bool bus_removed;           /* -u: RemoveInterface; the slot may be used again */
	char bus_ifname[32];        /* -u: the name CreateInterface gave */
};

struct ihvd {
	struct loop *loop;
	struct logind *logind;
	struct drv *drv;
	struct ihv_host *host;
	struct iface ifaces[IHVD_IFACES_MAX];
	size_t n_ifaces;
	int sigfd;
	const char *plugin;
	const char *pidfile;
	/*
	 * Where the last links' channels are kept (known-freqs.h): --state-dir, else the
	 * first of systemd's $STATE_DIRECTORY; NULL: nowhere. state_dir_len ends it there.
	 */
	const char *state_dir;
	size_t state_dir_len;
	bool pidfile_written;
	bool daemonize;
	bool check_only;          /* -t */
	bool log_elsewhere;       /* -f or -s: startup errors go there too */
	int ready_fd;             /* -B: the parent waits for a byte here */
	bool dbus;                /* -u: fi.w1.wpa_supplicant1 on the system bus */
	struct dbus_service *bus; /* -u only; NULL otherwise */
};

/* A start-up error: to stderr always (the user is watching), and to the log. */
void main_die_msg(struct ihvd *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* main-args.c */
void main_usage(FILE *f);
struct iface *main_iface_next(struct ihvd *d);
bool main_driver_ok(const char *list);
int main_args_parse(struct ihvd *d, int argc, char **argv, int *verbosity);
enum main_exit main_configs_check(struct ihvd *d);
enum main_exit main_configs_load(struct ihvd *d);
int main_plugin_check(struct ihvd *d);

#endif
