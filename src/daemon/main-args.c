// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd's command line (wpa_supplicant's options, -t, --help, --version) and
 * loading the configurations it names, before the loop runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>
#include "daemon/config.h"
#include "daemon/ctrl.h"
#include "core/ihv-host.h"
#include "daemon/backend.h"
#include "daemon/logind.h"
#include "common/log.h"
#include "common/loop.h"
#include "daemon/select.h"
#include "daemon/service-notify.h"
#include "daemon/station.h"
#include "nl80211/driver.h"
#include "daemon/main-int.h"

void main_usage(FILE *f)
{
	fprintf(f,
		"ihvd " IHVD_VERSION ": the Windows IHV extensibility contract on Linux\n"
		"usage: ihvd -i IFACE -c CONFIG [-p PLUGIN] [-D nl80211] [-d|-dd|-q|-qq]\n"
		"            [-B] [-f LOGFILE] [-s] [-P PIDFILE] [-N -i IFACE -c CONFIG ...]\n"
		"  -i IFACE    interface to manage (repeat -i/-c, or use -N, for more)\n"
		"  -c CONFIG   wpa_supplicant.conf-style configuration for that interface\n"
		"  -p PLUGIN   the IHV plugin (.so); overrides ihv_plugin= in the configuration\n"
		"  -D DRIVER   driver; only nl80211 exists (nl80211,wext and \"\" are accepted)\n"
		"  -N          start the next interface's options\n"
		"  -d, -dd     more logging (debug, message dumps); -q, -qq less\n"
		"  -B          run in the background once started\n"
		"  -f LOGFILE  log to a file instead of stderr\n"
		"  -s          log to syslog\n"
		"  -P PIDFILE  write the process id there\n"
		"  -u          offer wpa_supplicant's D-Bus service (fi.w1.wpa_supplicant1):\n"
		"              NetworkManager adds interfaces; needs -p PLUGIN without -c\n"
		"  -t          check the configuration files and exit (no interface needed)\n"
		"  --state-dir=DIR  keep the last links' channels in DIR/IFACE.freqs, so a start\n"
		"              scans those first (default: systemd's $STATE_DIRECTORY, else none)\n"
		"  -h, --help  this text;  -v, --version  the version\n"
		"exit status: 0 fine, 1 failed while running, 2 bad command line, 3 bad\n"
		"configuration, 4 no nl80211, 5 no such interface, 6 plugin not loaded or refused\n");
}

struct iface *main_iface_next(struct ihvd *d)
{
	if (d->n_ifaces == IHVD_IFACES_MAX)
		return NULL;
	return &d->ifaces[d->n_ifaces++];
}

/* -D: "nl80211", a list naming it ("nl80211,wext"), or "" (the default). */
bool main_driver_ok(const char *list)
{
	const char *p = list;

	if (!*list)
		return true;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 7 && !strncmp(p, "nl80211", 7))
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

int main_args_parse(struct ihvd *d, int argc, char **argv, int *verbosity)
{
	static const struct option longs[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ "state-dir", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	struct iface *cur = NULL;
	int opt;

	while ((opt = getopt_long(argc, argv, "i:c:p:D:NdqBf:sP:uthv", longs, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if (!cur || cur->ifname)
				cur = main_iface_next(d);
			if (!cur)
				goto too_many;
			if (strlen(optarg) >= IFNAMSIZ) {
				main_die_msg(d, "-i %s: interface name too long", optarg);
				return -1;
			}
			cur->ifname = optarg;
			break;
		case 'c':
			if (!cur || cur->config_path)
				cur = main_iface_next(d);
			if (!cur)
				goto too_many;
			cur->config_path = optarg;
			break;
		case 'N':
			if (cur && (cur->ifname || cur->config_path))
				cur = NULL;
			break;
		case 'p':
			d->plugin = optarg;
			break;
		case 'D':
			if (!main_driver_ok(optarg)) {
				main_die_msg(d, "-D %s: only the nl80211 driver exists", optarg);
				return -1;
			}
			break;
		case 't':
			d->check_only = true;
			break;
		case 'd':
			(*verbosity)++;
			break;
		case 'q':
			(*verbosity)--;
			break;
		case 'B':
			d->daemonize = true;
			break;
		case 'f':
			if (log_file_open(optarg) < 0) {
				main_die_msg(d, "-f %s: %s", optarg, strerror(errno));
				return -1;
			}
			d->log_elsewhere = true;
			break;
		case 's':
			log_syslog_use("ihvd");
			d->log_elsewhere = true;
			break;
		case 'P':
			d->pidfile = optarg;
			break;
		case 'u':
			d->dbus = true;
			break;
		case 'S':
			/* absolute: -B changes to / before the first link writes there */
			if (optarg[0] != '/') {
				main_die_msg(d, "--state-dir=%s: not an absolute path", optarg);
				return -1;
			}
			d->state_dir = optarg;
			d->state_dir_len = strlen(optarg);
			break;
		case 'h':
			main_usage(stdout);
			exit(0);
		case 'v':
			printf("ihvd " IHVD_VERSION "\n");
			exit(0);
		default:
			main_usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		main_die_msg(d, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (!d->state_dir && (d->state_dir = getenv("STATE_DIRECTORY")))
		d->state_dir_len = strcspn(d->state_dir, ":"); /* systemd: StateDirectory=ihvd */
	if (d->state_dir && (!d->state_dir_len || d->state_dir[0] != '/'))
		d->state_dir = NULL;
	return 0;
too_many:
	main_die_msg(d, "too many interfaces (at most %d)", IHVD_IFACES_MAX);
	return -1;
}

/* -t: every -c file checked, the verdict printed; no interface is touched. */
enum main_exit main_configs_check(struct ihvd *d)
{
	char err[8192];
	size_t k, n = 0;
	int bad = 0;

	for (k = 0; k < d->n_ifaces; k++) {
		struct config *c;

		if (!d->ifaces[k].config_path)
			continue;
		n++;
		c = config_load(d->ifaces[k].config_path, err, sizeof(err));
		if (!c) {
			main_die_msg(d, "%s", err);
			bad++;
			continue;
		}
		printf("ihvd: %s: configuration OK (%s)\n", d->ifaces[k].config_path,
		       c->networks ? "with networks" : "no networks");
		config_free(c);
	}
	if (!n) {
		main_die_msg(d, "-t needs at least one -c CONFIG");
		return MAIN_EXIT_USAGE;
	}
	return bad ? MAIN_EXIT_CONFIG : MAIN_EXIT_OK;
}

enum main_exit main_configs_load(struct ihvd *d)
{
	char err[8192];
	size_t k, first = 0;
	int bad = 0;

	if (!d->n_ifaces && d->dbus && d->plugin)
		return MAIN_EXIT_OK; /* -u: interfaces come from CreateInterface */
	if (!d->n_ifaces) {
		if (d->dbus)
			main_die_msg(d, "-u without -i/-c needs -p PLUGIN");
		else
			main_usage(stderr);
		return MAIN_EXIT_USAGE;
	}
	for (k = 0; k < d->n_ifaces; k++) {
		struct iface *i = &d->ifaces[k];

		if (!i->ifname || !i->config_path) {
			main_die_msg(d, "every interface needs both -i IFACE and -c CONFIG (%s%s)",
				i->ifname ? "-i " : "-c ",
				i->ifname ? i->ifname : i->config_path);
			return MAIN_EXIT_USAGE;
		}
		i->config = config_load(i->config_path, err, sizeof(err));
		if (!i->config) {
			/* One line per error, then the verdict: no half-configured daemon. */
			main_die_msg(d, "%s", err);
			bad++;
		}
	}
	if (bad) {
		main_die_msg(d, "configuration errors: not starting");
		return MAIN_EXIT_CONFIG;
	}
	/* -p wins; else the configurations must agree (one process runs one plugin). */
	if (d->plugin)
		return MAIN_EXIT_OK;
	for (k = 0; k < d->n_ifaces; k++) {
		const char *p = d->ifaces[k].config->ihv_plugin;

		if (!p)
			continue;
		if (!d->plugin) {
			d->plugin = p;
			first = k;
		} else if (strcmp(p, d->plugin) != 0) {
			main_die_msg(d, "%s and %s name different plugins (%s, %s); one process runs "
				"one plugin: use -p", d->ifaces[first].config_path,
				d->ifaces[k].config_path, d->plugin, p);
			return MAIN_EXIT_CONFIG;
		}
	}
	if (!d->plugin) {
		main_die_msg(d, "no plugin: give -p PLUGIN or ihv_plugin= in %s",
			d->ifaces[0].config_path);
		return MAIN_EXIT_CONFIG;
	}
	return MAIN_EXIT_OK;
}

int main_plugin_check(struct ihvd *d)
{
	struct stat sb;

	if (stat(d->plugin, &sb) < 0) {
		main_die_msg(d, "plugin %s: %s", d->plugin, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		main_die_msg(d, "plugin %s: not a regular file", d->plugin);
		return -1;
	}
	if (access(d->plugin, R_OK) < 0) {
		main_die_msg(d, "plugin %s: %s", d->plugin, strerror(errno));
		return -1;
	}
	return 0;
}
