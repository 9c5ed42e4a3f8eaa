// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd: the daemon. wpa_supplicant-like command line; wires the event loop,
 * the nl80211 driver, the host core (plugin), and per interface the
 * connection policy (station) and the control socket (ctrl).
 *
 *   ihvd -i IFACE -c CONFIG [-p PLUGIN] [-D nl80211] [-d|-dd|-q|-qq] [-B]
 *        [-f LOGFILE] [-s] [-P PIDFILE] [-N -i IFACE2 -c CONFIG2 ...]
 *   ihvd -t -c CONFIG ...        check the configuration and exit
 *
 * Exit status (enum main_exit, ihvd(8)): 0 fine, 1 failed while running,
 * 2 bad command line, 3 bad configuration, 4 no nl80211, 5 no such
 * interface, 6 the plugin could not be loaded or refused.
 *
 * SIGHUP re-reads every configuration (RECONFIGURE); systemd hears
 * READY=1, RELOADING=1 and STOPPING=1 (service-notify.c).
 *
 * Hotplug: an interface named by -i that goes away is released (its
 * adapter, station and control socket; the configuration stays) and adopted
 * again when an interface of that name appears, which then reconnects by
 * itself.
 *
 * -u: wpa_supplicant's D-Bus service (src/dbus/bus.h); CreateInterface adds
 * an interface here (main_bus_iface_add) with an empty configuration that
 * AddNetwork fills. Without -u nothing of src/dbus runs.
 *
 * Shutdown (SIGTERM, SIGINT, TERMINATE) follows the contract's order: every
 * adapter disconnects (keys removed, station deauthenticated), then
 * StopPostAssociate/DeinitAdapter (ihv_adapter_free), then DeinitService
 * (ihv_host_free); exit status 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
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
#include "daemon/iface-pattern.h"
#include "core/ihv-host.h"
#include "daemon/backend.h"
#include "daemon/logind.h"
#include "common/log.h"
#include "common/loop.h"
#include "daemon/scan.h"
#include "daemon/select.h"
#include "daemon/service-notify.h"
#include "daemon/station.h"
#include "nl80211/driver.h"

#include "daemon/main-int.h"

/* A start-up error: to stderr always (the user is watching), and to the log. */
void main_die_msg(struct ihvd *d, const char *fmt, ...)
{
	char buf[8192], *line, *next;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (line = buf; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		fprintf(stderr, "ihvd: %s\n", line);
		if (d->log_elsewhere)
			log_err("%s", line);
	}
}


/* --- the driver's I/O on the loop --------------------------------------------------- */

static int main_io_watch_fd(void *ctx, int fd, void (*cb)(void *arg, int fd), void *arg)
{
	struct ihvd *d = ctx;

	return loop_fd_add(d->loop, fd, cb, arg);
}

static void main_io_unwatch_fd(void *ctx, int fd)
{
	struct ihvd *d = ctx;

	loop_fd_del(d->loop, fd);
}

static void main_io_log(void *ctx, enum drv_log_level level, const char *fmt, ...)
{
	enum log_level l = LOG_LEVEL_DEBUG;
	va_list ap;

	(void)ctx;
	switch (level) {
	case DRV_LOG_ERROR:
		l = LOG_LEVEL_ERROR;
		break;
	case DRV_LOG_WARN:
		l = LOG_LEVEL_WARN;
		break;
	case DRV_LOG_INFO:
		l = LOG_LEVEL_INFO;
		break;
	case DRV_LOG_DEBUG:
		l = LOG_LEVEL_DEBUG;
		break;
	}
	va_start(ap, fmt);
	log_vmsg(l, fmt, ap);
	va_end(ap);
}

static struct iface *main_iface_by_index(struct ihvd *d, uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < d->n_ifaces; i++)
		if (d->ifaces[i].ifindex == ifindex)
			return &d->ifaces[i];
	return NULL;
}

static void main_iface_release(void *arg);
static void main_iface_adopt(void *arg);

/* Is this name some entry's own -i name, or the one a pattern entry manages now? */
static bool main_iface_name_taken(void *ctx, const char *ifname)
{
	struct ihvd *d = ctx;
	size_t k;

	for (k = 0; k < d->n_ifaces; k++)
		if (!d->ifaces[k].bus_removed && d->ifaces[k].ifname &&
		    (!d->ifaces[k].pattern || d->ifaces[k].ifindex) &&
		    !strcmp(d->ifaces[k].ifname, ifname))
			return true;
	return false;
}

/*
 * A released interface waiting for a netdev of this name: one named so by -i first, else
 * one whose -i pattern matches it.
 */
static struct iface *main_iface_by_name(struct ihvd *d, const char *ifname)
{
	struct iface *i;
	size_t k;

	for (k = 0; k < d->n_ifaces; k++)
		if (!d->ifaces[k].pattern && !d->ifaces[k].ifindex && !d->ifaces[k].station &&
		    !d->ifaces[k].bus_removed &&
		    !strcmp(d->ifaces[k].ifname, ifname))
			return &d->ifaces[k];
	if (main_iface_name_taken(d, ifname) || strlen(ifname) >= IF_NAMESIZE)
		return NULL;
	for (k = 0; k < d->n_ifaces; k++) {
		i = &d->ifaces[k];
		if (i->pattern && !i->ifindex && !i->station && !i->bus_removed &&
		    iface_pattern_match(i->pattern, ifname)) {
			strcpy(i->name_buf, ifname);
			i->ifname = i->name_buf;
			return i;
		}
	}
	return NULL;
}

static void main_on_drv_event(void *ctx, const struct drv_event *ev)
{
	struct ihvd *d = ctx;
	struct iface *i = main_iface_by_index(d, ev->ifindex);

	/* The policy first: it notes who ended a link before the core reports it. */
	if (i && i->station)
		station_drv_event(i->station, ev);
	if (d->host)
		ihv_host_drv_event(d->host, ev);
	/* Hotplug, from the loop: the core's own reports of the loss run first. */
	if (ev->type == DRV_EVENT_IFACE_REMOVED && i && i->station && !i->releasing) {
		i->releasing = true;
		loop_call_post(d->loop, main_iface_release, i);
	} else if (ev->type == DRV_EVENT_IFACE_ADDED && !i &&
		   (i = main_iface_by_name(d, ev->iface.ifname)) != NULL) {
		i->ifindex = ev->ifindex;
		loop_call_post(d->loop, main_iface_adopt, i);
	}
}

/*
 * Every complete network block goes to the plugin's ValidateProfile before
 * ihvd uses it (contract §3 [7]); a refused one stops the start, with the
 * plugin's reason and what it means.
 */
static int main_networks_validate(struct ihvd *d, struct iface *i)
{
	const struct config_network *n;
	char text[256], ssid[DRV_SSID_MAX * 4 + 1];
	uint32_t reason;

	for (n = i->config->networks; n; n = n->next) {
		if (station_network_validate(i->station, n, &reason, text, sizeof(text)) == 0)
			continue;
		config_ssid_txt(n->ssid, n->ssid_len, ssid, sizeof(ssid));
		main_die_msg(d, "%s: %s: network id=%d (ssid \"%s\"): the plugin refused the "
			     "block (Dot11ExtIhvValidateProfile): reason 0x%x: %s", i->ifname,
			     i->config_path, n->id, ssid, reason, text);
		return -1;
	}
	return 0;
}

/* A logind session started or ended: the plugin's ProcessSessionChange (rule 64). */
static void main_session_change(void *ctx, uint32_t wts_event, uint32_t session)
{
	struct ihvd *d = ctx;

	ihv_host_session_change(d->host, wts_event, session);
}

/* --- wpa_supplicant's extras: reload, country, link, abort scan ---------------------- */

/* The regulatory hint: a failure is worth a warning, not a refusal to run. */
static int main_country_apply(struct ihvd *d, const char alpha2[3])
{
	int r = d->drv->ops->reg_set ? d->drv->ops->reg_set(d->drv, alpha2) : -EOPNOTSUPP;

	if (r < 0)
		log_warn("country=%s: the kernel did not take the regulatory hint: %s", alpha2,
			 strerror(-r));
	else
		log_info("country=%s: regulatory hint given (NL80211_CMD_REQ_SET_REG)", alpha2);
	return r;
}

/* Read the interface's file again; a bad file keeps the old configuration. */
static int main_iface_reload(struct iface *i, char *err, size_t err_len)
{
	struct config *fresh = config_load(i->config_path, err, err_len);
	char was[3], *line, *next;

	if (!fresh) {
		log_warn("%s: %s has errors; the old configuration stays:", i->ifname,
			 i->config_path);
		for (line = err; line && *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = 0;
			log_warn("  %s", line);
		}
		return -1;
	}
	memcpy(was, i->config->country, sizeof(was));
	station_reconfigure(i->station, fresh);
	config_free(fresh); /* now the old contents */
	if (i->config->country[0] && strcmp(was, i->config->country) != 0)
		main_country_apply(i->d, i->config->country);
	return 0;
}

static void main_reload_all(struct ihvd *d)
{
	char err[4096];
	size_t k;

	service_notify_reloading();
	for (k = 0; k < d->n_ifaces; k++)
		if (d->ifaces[k].station)
			main_iface_reload(&d->ifaces[k], err, sizeof(err));
	service_notify_ready();
}

static int main_host_reconfigure(void *ctx, char *err, size_t err_len)
{
	struct iface *i = ctx;

	return main_iface_reload(i, err, err_len);
}

static int main_host_country_set(void *ctx, const char alpha2[3])
{
	struct iface *i = ctx;

	return main_country_apply(i->d, alpha2);
}

static int main_host_country_get(void *ctx, char alpha2[3])
{
	struct iface *i = ctx;
	struct drv *drv = i->d->drv;

	return drv->ops->reg_get ? drv->ops->reg_get(drv, alpha2) : -EOPNOTSUPP;
}

static int main_host_link_poll(void *ctx, const uint8_t bssid[DRV_ETH_ALEN],
			       struct drv_link_info *out)
{
	struct iface *i = ctx;
	struct drv *drv = i->d->drv;

	return drv->ops->link_poll ? drv->ops->link_poll(drv, i->ifindex, bssid, out)
				   : -EOPNOTSUPP;
}

static int main_host_scan_abort(void *ctx)
{
	struct iface *i = ctx;
	struct drv *drv = i->d->drv;

	return drv->ops->scan_abort ? drv->ops->scan_abort(drv, i->ifindex) : -EOPNOTSUPP;
}

/* --- signals and termination ----------------------------------------------------- */

static void main_on_terminate(void *ctx)
{
	struct ihvd *d = ctx;

	log_info("TERMINATE from the control socket");
	loop_quit(d->loop, 0);
}

static void main_on_signal(void *arg, int fd)
{
	struct ihvd *d = arg;
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
			log_info("signal %u: shutting down", si.ssi_signo);
			loop_quit(d->loop, 0);
			break;
		case SIGHUP:
			log_info("SIGHUP: re-reading the configuration");
			main_reload_all(d);
			break;
		default:
			break;
		}
	}
}

static int main_signals_setup(struct ihvd *d)
{
	sigset_t set;

	/* Blocked before any thread exists (the plugin's inherit the mask). */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sigfd < 0)
		return -errno;
	return loop_fd_add(d->loop, d->sigfd, main_on_signal, d);
}

/* --- background and pid file ------------------------------------------------------- */

/*
 * -B: fork now; the parent waits until the child reports it is up (exit 0)
 * or dies (exit 1), so start-up errors still reach the terminal.
 */
static int main_daemon_begin(struct ihvd *d)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		ssize_t n;

		close(p[1]);
		do
			n = read(p[0], &c, 1);
		while (n < 0 && errno == EINTR);
		/* The child's exit status travels as one digit (main_daemon_failed). */
		_exit(n == 1 && c >= '0' && c <= '9' ? c - '0' : MAIN_EXIT_FAILURE);
	}
	close(p[0]);
	d->ready_fd = p[1];
	setsid();
	return 0;
}

/* -B: start-up failed after the fork; the waiting parent exits with the same status. */
static void main_daemon_failed(struct ihvd *d, enum main_exit ex)
{
	char c = (char)('0' + ex);

	if (d->ready_fd < 0)
		return;
	if (write(d->ready_fd, &c, 1) != 1)
		log_warn("could not tell the parent process why ihvd did not start");
	close(d->ready_fd);
	d->ready_fd = -1;
}

static void main_daemon_ready(struct ihvd *d)
{
	int null;

	if (d->ready_fd < 0)
		return;
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		close(null);
	}
	if (write(d->ready_fd, "0", 1) != 1)
		log_warn("could not tell the parent process that ihvd is up");
	close(d->ready_fd);
	d->ready_fd = -1;
	if (chdir("/") < 0)
		log_warn("chdir /: %s", strerror(errno));
}

static int main_pidfile_write(struct ihvd *d)
{
	FILE *f;

	if (!d->pidfile)
		return 0;
	f = fopen(d->pidfile, "w");
	if (!f)
		return -errno;
	fprintf(f, "%d\n", (int)getpid());
	if (fclose(f) != 0)
		return -errno;
	d->pidfile_written = true;
	return 0;
}

/* --- start and stop ------------------------------------------------------------------ */

/* The file of i's last links' channels in the state directory (known-freqs.h). */
static bool main_iface_freqs_path_format(const struct ihvd *d, const struct iface *i,
					 char *buf, size_t len)
{
	int n;

	if (!d->state_dir)
		return false;
	n = snprintf(buf, len, "%.*s/%s.freqs", (int)d->state_dir_len, d->state_dir, i->ifname);
	if (n > 0 && (size_t)n < len)
		return true;
	log_warn("%s: the state directory's path is too long; the last links' channels are "
		 "not kept", i->ifname);
	return false;
}

/* Read them once for each adoption of the interface (the station writes them back). */
static void main_iface_freqs_read(struct ihvd *d, struct iface *i)
{
	char path[PATH_MAX];
	int r;

	if (i->freqs_read)
		return;
	i->freqs_read = true;
	i->n_freqs = 0;
	i->freqs_stale = false;
	if (!main_iface_freqs_path_format(d, i, path, sizeof(path)))
		return;
	r = known_freqs_load(path, i->freqs, KNOWN_FREQS_MAX, &i->n_freqs);
	i->freqs_stale = r != 0;
	if (r < 0)
		log_warn("%s: %s: %s; the last links' channels are not known", i->ifname, path,
			 strerror(-r));
	else
		log_debug("%s: %zu link channel(s) from %s", i->ifname, i->n_freqs, path);
}

/*
 * Before the plugin loads: the scan the first connection would begin with
 * (the networks' known channels, else all), unless the kernel already holds
 * a fresh BSS of them, so that it runs beside the plugin's start (its own
 * process, its libraries) instead of after it. The backend has no adapter
 * yet; main_iface_up fills it anew and hands the scan to the station.
 */
static void main_iface_scan_early(struct ihvd *d, struct iface *i)
{
	if (!i->ifindex || !i->config)
		return;
	main_iface_freqs_read(d, i);
	i->bc = (struct backend_core){ .drv = d->drv, .ifindex = i->ifindex };
	backend_core_fill(&i->be, &i->bc);
	i->scan_early = scan_request_early(i->config, &i->be, i->ifname, STATION_SCAN_MAX_AGE_MS,
					   i->freqs, i->n_freqs, &i->scan_early_narrow) == 0;
	/* likewise the EAP peer's first-use work (issue 16: it was on the air) */
	(void)station_eap_warm_start(i->config);
}

static enum main_exit main_iface_up(struct ihvd *d, struct iface *i)
{
	struct station_params sp = { 0 };
	char err[512], freqs_path[PATH_MAX];
	int r;

	r = d->drv->ops->capa_get(d->drv, i->ifindex, &i->capa);
	if (r < 0) {
		main_die_msg(d, "%s: cannot read the interface's capabilities: %s", i->ifname,
			strerror(-r));
		return r == -ENODEV ? MAIN_EXIT_NO_IFACE : MAIN_EXIT_FAILURE;
	}
	/*
	 * SAE runs in ihvd's SME (nl80211 AUTHENTICATE) through the plugin's
	 * authentication exchange (ihvlinux.h v2), inline or carried by the
	 * plugin host (protocol version 2). On a full-MAC radio transition
	 * networks use WPA-PSK.
	 */
	select_radio_sae_set(i->capa.sae);
	if (!i->capa.sae)
		log_info("%s: no SAE (%s): WPA3-Personal networks are not joined, transition "
			 "networks use WPA-PSK", i->ifname, i->capa.supports_auth_assoc ?
			 "no NL80211_FEATURE_SAE" : "the driver's SME is in firmware");
	r = d->drv->ops->eapol_path_set(d->drv, i->ifindex, i->config->eapol_path);
	if (r < 0) {
		main_die_msg(d, "%s: eapol_path=%s: %s", i->ifname,
			i->config->eapol_path == DRV_EAPOL_NL80211 ? "nl80211" :
			i->config->eapol_path == DRV_EAPOL_PACKET ? "packet" : "auto",
			strerror(-r));
		return MAIN_EXIT_FAILURE;
	}
	i->bc = (struct backend_core){ .host = d->host, .drv = d->drv, .ifindex = i->ifindex };
	backend_core_fill(&i->be, &i->bc);
	sp.loop = d->loop;
	sp.config = i->config;
	sp.ifname = i->ifname;
	sp.ifindex = i->ifindex;
	sp.mac = i->capa.mac;
	sp.plugin_name = ihv_host_plugin_name(d->host);
	sp.backend = &i->be;
	main_iface_freqs_read(d, i);
	if (main_iface_freqs_path_format(d, i, freqs_path, sizeof(freqs_path)))
		sp.freqs_path = freqs_path;
	sp.link_freqs = i->freqs;
	sp.n_link_freqs = i->n_freqs;
	sp.freqs_stale = i->freqs_stale;
	i->station = station_new(&sp);
	if (!i->station) {
		main_die_msg(d, "%s: out of memory", i->ifname);
		return MAIN_EXIT_FAILURE;
	}
	if (i->scan_early) /* main_iface_scan_early's scan: the station waits for it */
		station_scan_adopt(i->station, i->scan_early_narrow);
	i->scan_early = false;
	i->adapter = ihv_adapter_new(d->host, i->ifindex, i->ifname, station_adapter_events(),
				     i->station);
	i->bc.adapter = i->adapter;
	if (!i->adapter) {
		main_die_msg(d, "%s: the plugin did not take the adapter (Dot11ExtIhvInitAdapter); "
			"see the log above", i->ifname);
		return MAIN_EXIT_PLUGIN;
	}
	i->host = (struct ctrl_host){
		.ctx = i,
		.reconfigure = main_host_reconfigure,
		.country_set = main_host_country_set,
		.country_get = main_host_country_get,
		.link_poll = main_host_link_poll,
		.scan_abort = main_host_scan_abort,
	};
	if (main_networks_validate(d, i) < 0)
		return MAIN_EXIT_PLUGIN;
	if (i->config->ctrl_dir) {
		struct ctrl_params cp = {
			.loop = d->loop, .dir = i->config->ctrl_dir,
			.group_set = i->config->ctrl_group != NULL, .gid = i->config->ctrl_gid,
			.ifname = i->ifname, .station = i->station, .config = i->config,
			.host = &i->host, .terminate = main_on_terminate, .terminate_ctx = d,
		};

		i->ctrl = ctrl_new(&cp, err, sizeof(err));
		if (!i->ctrl) {
			main_die_msg(d, "%s: %s", i->ifname, err);
			return MAIN_EXIT_FAILURE;
		}
		station_event_cb_set(i->station, ctrl_event, i->ctrl);
	}
	log_info("%s: managed with plugin %s%s%s", i->ifname, ihv_host_plugin_name(d->host),
		 i->ctrl ? ", control socket " : "", i->ctrl ? ctrl_path(i->ctrl) : "");
	return MAIN_EXIT_OK;
}

/* --- hotplug: interfaces that go and come back --------------------------------------- */

/* -i PATTERN at start: the first matching interface present, or none yet (no error). */
static void main_iface_pattern_start(struct ihvd *d, struct iface *i)
{
	i->pattern = i->ifname;
	i->ifindex = iface_pattern_first(i->pattern, main_iface_name_taken, d, i->name_buf);
	if (i->ifindex) {
		i->ifname = i->name_buf;
		log_info("%s: matches -i '%s'", i->ifname, i->pattern);
	} else {
		log_info("-i '%s': no interface matches yet; the first that appears is adopted",
			 i->pattern);
	}
}

/* The netdev is gone: DeinitAdapter, the control socket and the station go; the config stays. */
static void main_iface_release(void *arg)
{
	struct iface *i = arg;

	dbus_service_iface_gone(i->d->bus, i->ifname);
	ctrl_free(i->ctrl);
	i->ctrl = NULL;
	ihv_adapter_free(i->adapter);
	i->adapter = NULL;
	station_free(i->station);
	i->station = NULL;
	i->ifindex = 0;
	i->freqs_read = false; /* the station wrote them: read again at the next adoption */
	i->releasing = false;
	if (i->pattern) {
		log_info("%s: released (the interface went away); the next interface matching "
			 "'%s' is adopted when it appears", i->ifname, i->pattern);
		i->ifname = i->pattern;
		return;
	}
	log_info("%s: released (the interface went away); it is adopted again when it returns",
		 i->ifname);
}

/* An interface of a configured name appeared (i->ifindex set): manage it and connect. */
static void main_iface_adopt(void *arg)
{
	struct iface *i = arg;

	if (i->station || !i->ifindex || !i->d->host || !i->d->drv)
		return; /* adopted already, or shutting down */
	log_info("%s: appeared (ifindex %u): adopting it", i->ifname, i->ifindex);
	if (main_iface_up(i->d, i) != MAIN_EXIT_OK) {
		log_warn("%s: could not adopt the interface; waiting for it to come back again",
			 i->ifname);
		i->releasing = true;
		main_iface_release(i);
		return;
	}
	station_start(i->station);
}

/* --- -u: interfaces the bus adds and removes --------------------------------------- */

static struct iface *main_bus_iface_find(struct ihvd *d, const char *ifname)
{
	size_t k;

	for (k = 0; k < d->n_ifaces; k++) {
		struct iface *i = &d->ifaces[k];

		if (!i->bus_removed && !i->releasing && i->ifname && !strcmp(i->ifname, ifname))
			return i;
	}
	return NULL;
}

static void main_bus_target(struct iface *i, struct dbus_iface_target *out)
{
	out->station = i->station;
	out->config = i->config;
	out->fwd = i->ctrl ? ctrl_event : NULL;
	out->fwd_ctx = i->ctrl;
}

/* A bus-made interface goes: like a hotplug release, and its slot is free again. */
static void main_bus_iface_release(void *arg)
{
	struct iface *i = arg;

	ctrl_free(i->ctrl);
	ihv_adapter_free(i->adapter);
	station_free(i->station);
	config_free(i->config);
	*i = (struct iface){ .bus_removed = true };
}

static int main_bus_iface_add(void *ctx, const char *ifname, struct dbus_iface_target *out,
			      char *err, size_t err_len)
{
	struct ihvd *d = ctx;
	struct iface *i = main_bus_iface_find(d, ifname);
	uint32_t ifindex;
	size_t k;

	if (i && i->station) {
		main_bus_target(i, out);
		return 0; /* managed already (-i): the bus shows it too */
	}
	if (i) {
		snprintf(err, err_len, "the interface is gone; ihvd adopts it when it returns");
		return -ENODEV;
	}
	ifindex = if_nametoindex(ifname);
	if (!ifindex) {
		snprintf(err, err_len, "%s", strerror(errno));
		return -ENODEV;
	}
	for (k = 0; k < d->n_ifaces && !i; k++)
		if (d->ifaces[k].bus_removed)
			i = &d->ifaces[k];
	if (!i)
		i = main_iface_next(d);
	if (!i) {
		snprintf(err, err_len, "ihvd manages %d interfaces at most", IHVD_IFACES_MAX);
		return -ENOSPC;
	}
	*i = (struct iface){ .d = d, .from_bus = true, .ifindex = ifindex };
	snprintf(i->bus_ifname, sizeof(i->bus_ifname), "%s", ifname);
	i->ifname = i->bus_ifname;
	i->config_path = "(D-Bus)";
	i->config = config_new();
	if (!i->config || main_iface_up(d, i) != MAIN_EXIT_OK) {
		snprintf(err, err_len, "the adapter did not start (see ihvd's log)");
		main_bus_iface_release(i);
		return -EIO;
	}
	station_start(i->station);
	main_bus_target(i, out);
	return 0;
}

static void main_bus_iface_remove(void *ctx, const char *ifname)
{
	struct ihvd *d = ctx;
	struct iface *i = main_bus_iface_find(d, ifname);

	/* An interface of -i stays managed; one the bus added goes. */
	if (!i || !i->from_bus || !i->station)
		return;
	station_stop(i->station);
	i->releasing = true;
	loop_call_post(d->loop, main_bus_iface_release, i);
}

static bool main_all_links_down(struct ihvd *d)
{
	struct station_info in;
	size_t k;

	for (k = 0; k < d->n_ifaces; k++) {
		if (!d->ifaces[k].station)
			continue;
		station_info_get(d->ifaces[k].station, &in);
		if (in.network_id >= 0)
			return false;
	}
	return true;
}

static void main_ihvd_shutdown(struct ihvd *d)
{
	uint64_t deadline;
	size_t k;

	/* The bus first: its clients hear no more, the stations go back to their sockets. */
	dbus_service_free(d->bus);
	d->bus = NULL;
	/* 1. Every adapter disconnects; the core removes keys and deauthenticates. */
	for (k = 0; k < d->n_ifaces; k++)
		if (d->ifaces[k].station)
			station_stop(d->ifaces[k].station);
	/* Let the core's queued reports and the kernel's replies arrive (bounded). */
	deadline = loop_now_us() + 300 * 1000;
	while (d->loop && !main_all_links_down(d) && loop_now_us() < deadline)
		loop_run_once(d->loop, 20);
	/* 2. StopPostAssociate + DeinitAdapter per adapter, then the rest of the interface. */
	for (k = 0; k < d->n_ifaces; k++) {
		struct iface *i = &d->ifaces[k];

		ctrl_free(i->ctrl);
		i->ctrl = NULL;
		ihv_adapter_free(i->adapter);
		i->adapter = NULL;
		i->bc.adapter = NULL;
	}
	/* 3. DeinitService, dlclose. */
	logind_free(d->logind);
	d->logind = NULL;
	ihv_host_free(d->host);
	d->host = NULL;
	for (k = 0; k < d->n_ifaces; k++) {
		station_free(d->ifaces[k].station);
		d->ifaces[k].station = NULL;
	}
	if (d->drv)
		d->drv->ops->free(d->drv);
	d->drv = NULL;
	if (d->loop) {
		loop_run_once(d->loop, 0); /* deferred frees */
		loop_free(d->loop);
	}
	d->loop = NULL;
	ihv_onex_warm_join(); /* before exit's library teardown; it may still be in OpenSSL */
	ihv_host_prespawn_drop(); /* a host started ahead that nobody adopted (start-up failed) */
	if (d->sigfd >= 0)
		close(d->sigfd);
	for (k = 0; k < d->n_ifaces; k++) {
		config_free(d->ifaces[k].config);
		d->ifaces[k].config = NULL;
	}
	if (d->pidfile_written)
		unlink(d->pidfile);
}

/* --- the command line --------------------------------------------------------------- */

/* The core's report of a crashed plugin process (isolated mode): every interface hears it. */
static void main_plugin_crashed(void *ctx, const char *plugin, const char *what,
				unsigned crashes, bool gave_up)
{
	struct ihvd *d = ctx;
	size_t k;

	(void)plugin;
	for (k = 0; k < d->n_ifaces; k++)
		if (d->ifaces[k].station)
			station_plugin_crashed(d->ifaces[k].station, crashes, what, gave_up);
}

int main(int argc, char **argv)
{
	static struct ihvd d = { .sigfd = -1, .ready_fd = -1 };
	struct ihv_host_params hp = { 0 };
	struct drv_io io = { 0 };
	enum main_exit ex = MAIN_EXIT_FAILURE;
	char err[512];
	int verbosity = 0, rc;
	size_t k;

	/* Under systemd, stderr may be the journal: then "<N>" priorities, no timestamps. */
	log_journal_detect();
	if (main_args_parse(&d, argc, argv, &verbosity) < 0)
		return MAIN_EXIT_USAGE;
	log_level_set(verbosity >= 2 ? LOG_LEVEL_MSGDUMP : verbosity == 1 ? LOG_LEVEL_DEBUG :
		      verbosity == 0 ? LOG_LEVEL_INFO : verbosity == -1 ? LOG_LEVEL_WARN :
		      LOG_LEVEL_ERROR);
	if (d.check_only) {
		ex = main_configs_check(&d);
		log_close();
		return ex;
	}
	ex = main_configs_load(&d);
	if (ex != MAIN_EXIT_OK)
		goto fail;
	ex = MAIN_EXIT_PLUGIN;
	if (main_plugin_check(&d) < 0)
		goto fail;
	ex = MAIN_EXIT_NO_IFACE;
	for (k = 0; k < d.n_ifaces; k++) {
		d.ifaces[k].d = &d;
		if (iface_pattern_is(d.ifaces[k].ifname))
			continue; /* below, once every plain name is known */
		d.ifaces[k].ifindex = if_nametoindex(d.ifaces[k].ifname);
		if (!d.ifaces[k].ifindex) {
			main_die_msg(&d, "interface %s: %s", d.ifaces[k].ifname, strerror(errno));
			goto fail;
		}
	}
	for (k = 0; k < d.n_ifaces; k++)
		if (iface_pattern_is(d.ifaces[k].ifname))
			main_iface_pattern_start(&d, &d.ifaces[k]);
	ex = MAIN_EXIT_FAILURE;
	if (d.daemonize && main_daemon_begin(&d) < 0) {
		main_die_msg(&d, "cannot go to the background: %s", strerror(errno));
		goto fail;
	}

	d.loop = loop_new();
	if (!d.loop || main_signals_setup(&d) < 0) {
		main_die_msg(&d, "cannot set up the event loop or signals: %s", strerror(errno));
		goto fail;
	}
	hp.plugin_path = d.plugin;
	/* issue 11: isolated unless the (first) configuration says plugin_isolation=inline */
	hp.isolated = d.n_ifaces ? !d.ifaces[0].config->plugin_inline : true;
	hp.plugin_user = d.n_ifaces ? d.ifaces[0].config->plugin_user : NULL;
	hp.handler_timeout_ms = d.n_ifaces ? d.ifaces[0].config->plugin_handler_timeout_ms : 0;
	hp.plugin_cpu_unshared = d.n_ifaces && d.ifaces[0].config->plugin_cpu_unshared;
	/* the plugin host's exec and library loads run beside our nl80211 set-up (issue 16) */
	(void)ihv_host_prespawn(&hp);
	io.ctx = &d;
	io.watch_fd = main_io_watch_fd;
	io.unwatch_fd = main_io_unwatch_fd;
	io.log = main_io_log;
	d.drv = nl80211_drv_new(&io, main_on_drv_event, &d);
	if (!d.drv) {
		main_die_msg(&d, "cannot open nl80211 (see the log above)");
		ex = MAIN_EXIT_NO_NL80211;
		goto fail;
	}
	/* country=: the first file that names one (one kernel, one domain). */
	for (k = 0; k < d.n_ifaces; k++) {
		if (d.ifaces[k].config->country[0]) {
			main_country_apply(&d, d.ifaces[k].config->country);
			break;
		}
	}
	for (k = 0; k < d.n_ifaces; k++)
		main_iface_scan_early(&d, &d.ifaces[k]);
	hp.loop = d.loop;
	hp.drv = d.drv;
	hp.crashed = main_plugin_crashed;
	hp.crash_ctx = &d;
	d.host = ihv_host_new(&hp, err, sizeof(err));
	if (!d.host) {
		main_die_msg(&d, "plugin %s: %s", d.plugin, err);
		ex = MAIN_EXIT_PLUGIN;
		goto fail;
	}
	for (k = 0; k < d.n_ifaces; k++) {
		if (!d.ifaces[k].ifindex)
			continue; /* a pattern nothing matches yet: adopted when one appears */
		ex = main_iface_up(&d, &d.ifaces[k]);
		if (ex != MAIN_EXIT_OK)
			goto fail;
	}
	ex = MAIN_EXIT_FAILURE;
	if (d.dbus) {
		struct dbus_host bh = {
			.ctx = &d, .iface_add = main_bus_iface_add,
			.iface_remove = main_bus_iface_remove,
		};

		d.bus = dbus_service_new(d.loop, &bh, err, sizeof(err));
		if (!d.bus) {
			main_die_msg(&d, "-u: %s", err);
			goto fail;
		}
	}
	rc = main_pidfile_write(&d);
	if (rc < 0) {
		main_die_msg(&d, "-P %s: %s", d.pidfile, strerror(-rc));
		goto fail;
	}
	main_daemon_ready(&d);
	for (k = 0; k < d.n_ifaces; k++)
		if (d.ifaces[k].station)
			station_start(d.ifaces[k].station);
	/* after the first scans are asked for: logind is not on their path */
	d.logind = logind_new(d.loop, main_session_change, &d, err, sizeof(err));
	if (!d.logind)
		log_info("logind is not reachable (%s): the plugin gets no session changes "
			 "(Dot11ExtIhvProcessSessionChange)", err);
	service_notify_ready();

	rc = loop_run(d.loop);
	if (rc < 0)
		log_err("event loop failed: %s", strerror(-rc));
	service_notify_stopping();
	main_ihvd_shutdown(&d);
	log_info("stopped");
	log_close();
	return rc < 0 ? MAIN_EXIT_FAILURE : MAIN_EXIT_OK;
fail:
	main_daemon_failed(&d, ex);
	main_ihvd_shutdown(&d);
	log_close();
	return ex;
}
