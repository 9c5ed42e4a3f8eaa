/*
 * ihvd: the daemon. wpa_supplicant-like command line; wires the event loop,
 * the nl80211 driver, the host core (plugin), and per interface the
 * connection policy (station) and the control socket (ctrl).
 *
 *   ihvd -i IFACE -c CONFIG [-p PLUGIN] [-D nl80211] [-d|-dd|-q|-qq] [-B]
 *        [-f LOGFILE] [-s] [-P PIDFILE] [-N -i IFACE2 -c CONFIG2 ...]
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
#include "daemon/station.h"
#include "nl80211/driver.h"

#define IHVD_IFACES_MAX 16
#define IHVD_VERSION "0.1"

struct iface {
	struct ihvd *d;
	const char *ifname;
	const char *config_path;
	struct config *config;
	uint32_t ifindex;
	struct drv_capa capa;
	struct station_backend be;
	struct backend_core bc;
	struct station *station;
	struct ihv_adapter *adapter;
	struct ctrl *ctrl;
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
	bool pidfile_written;
	bool daemonize;
	bool log_elsewhere;       /* -f or -s: startup errors go there too */
	int ready_fd;             /* -B: the parent waits for a byte here */
};

/* A start-up error: to stderr always (the user is watching), and to the log. */
static void main_die_msg(struct ihvd *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void main_die_msg(struct ihvd *d, const char *fmt, ...)
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

static void main_usage(FILE *f)
{
	fprintf(f,
		"ihvd " IHVD_VERSION ": the Windows IHV extensibility contract on Linux\n"
		"usage: ihvd -i IFACE -c CONFIG [-p PLUGIN] [-D nl80211] [-d|-dd|-q|-qq]\n"
		"            [-B] [-f LOGFILE] [-s] [-P PIDFILE] [-N -i IFACE -c CONFIG ...]\n"
		"  -i IFACE    interface to manage (repeat -i/-c, or use -N, for more)\n"
		"  -c CONFIG   wpa_supplicant.conf-style configuration for that interface\n"
		"  -p PLUGIN   the IHV plugin (.so); overrides ihv_plugin= in the configuration\n"
		"  -D DRIVER   driver; only nl80211 exists (accepted for compatibility)\n"
		"  -N          start the next interface's options\n"
		"  -d, -dd     more logging (debug, message dumps); -q, -qq less\n"
		"  -B          run in the background once started\n"
		"  -f LOGFILE  log to a file instead of stderr\n"
		"  -s          log to syslog\n"
		"  -P PIDFILE  write the process id there\n"
		"  -h, -v      help, version\n");
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

static void main_on_drv_event(void *ctx, const struct drv_event *ev)
{
	struct ihvd *d = ctx;
	struct iface *i = main_iface_by_index(d, ev->ifindex);

	/* The policy first: it notes who ended a link before the core reports it. */
	if (i && i->station)
		station_drv_event(i->station, ev);
	if (d->host)
		ihv_host_drv_event(d->host, ev);
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
			log_info("SIGHUP: reloading the configuration is not supported; restart ihvd");
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
		_exit(n == 1 && c == '0' ? 0 : 1);
	}
	close(p[0]);
	d->ready_fd = p[1];
	setsid();
	return 0;
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

static int main_iface_up(struct ihvd *d, struct iface *i)
{
	struct station_params sp = { 0 };
	char err[512];
	int r;

	r = d->drv->ops->capa_get(d->drv, i->ifindex, &i->capa);
	if (r < 0) {
		main_die_msg(d, "%s: cannot read the interface's capabilities: %s", i->ifname,
			strerror(-r));
		return -1;
	}
	r = d->drv->ops->eapol_path_set(d->drv, i->ifindex, i->config->eapol_path);
	if (r < 0) {
		main_die_msg(d, "%s: eapol_path=%s: %s", i->ifname,
			i->config->eapol_path == DRV_EAPOL_NL80211 ? "nl80211" :
			i->config->eapol_path == DRV_EAPOL_PACKET ? "packet" : "auto",
			strerror(-r));
		return -1;
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
	i->station = station_new(&sp);
	if (!i->station) {
		main_die_msg(d, "%s: out of memory", i->ifname);
		return -1;
	}
	i->adapter = ihv_adapter_new(d->host, i->ifindex, i->ifname, station_adapter_events(),
				     i->station);
	i->bc.adapter = i->adapter;
	if (!i->adapter) {
		main_die_msg(d, "%s: the plugin did not take the adapter (Dot11ExtIhvInitAdapter); "
			"see the log above", i->ifname);
		return -1;
	}
	if (main_networks_validate(d, i) < 0)
		return -1;
	if (i->config->ctrl_dir) {
		struct ctrl_params cp = {
			.loop = d->loop, .dir = i->config->ctrl_dir,
			.group_set = i->config->ctrl_group != NULL, .gid = i->config->ctrl_gid,
			.ifname = i->ifname, .station = i->station, .config = i->config,
			.terminate = main_on_terminate, .terminate_ctx = d,
		};

		i->ctrl = ctrl_new(&cp, err, sizeof(err));
		if (!i->ctrl) {
			main_die_msg(d, "%s: %s", i->ifname, err);
			return -1;
		}
		station_event_cb_set(i->station, ctrl_event, i->ctrl);
	}
	log_info("%s: managed with plugin %s%s%s", i->ifname, ihv_host_plugin_name(d->host),
		 i->ctrl ? ", control socket " : "", i->ctrl ? ctrl_path(i->ctrl) : "");
	return 0;
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
	if (d->sigfd >= 0)
		close(d->sigfd);
	for (k = 0; k < d->n_ifaces; k++)
		config_free(d->ifaces[k].config);
	if (d->pidfile_written)
		unlink(d->pidfile);
}

/* --- the command line --------------------------------------------------------------- */

static struct iface *main_iface_next(struct ihvd *d)
{
	if (d->n_ifaces == IHVD_IFACES_MAX)
		return NULL;
	return &d->ifaces[d->n_ifaces++];
}

static int main_args_parse(struct ihvd *d, int argc, char **argv, int *verbosity)
{
	struct iface *cur = NULL;
	int opt;

	while ((opt = getopt(argc, argv, "i:c:p:D:NdqBf:sP:hv")) != -1) {
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
			if (strcmp(optarg, "nl80211") != 0) {
				main_die_msg(d, "-D %s: only the nl80211 driver exists", optarg);
				return -1;
			}
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
	return 0;
too_many:
	main_die_msg(d, "too many interfaces (at most %d)", IHVD_IFACES_MAX);
	return -1;
}

static int main_configs_load(struct ihvd *d)
{
	char err[8192];
	size_t k, first = 0;
	int bad = 0;

	if (!d->n_ifaces) {
		main_usage(stderr);
		return -1;
	}
	for (k = 0; k < d->n_ifaces; k++) {
		struct iface *i = &d->ifaces[k];

		if (!i->ifname || !i->config_path) {
			main_die_msg(d, "every interface needs both -i IFACE and -c CONFIG (%s%s)",
				i->ifname ? "-i " : "-c ",
				i->ifname ? i->ifname : i->config_path);
			return -1;
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
		return -1;
	}
	/* -p wins; else the configurations must agree (one process runs one plugin). */
	if (d->plugin)
		return 0;
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
			return -1;
		}
	}
	if (!d->plugin) {
		main_die_msg(d, "no plugin: give -p PLUGIN or ihv_plugin= in %s",
			d->ifaces[0].config_path);
		return -1;
	}
	return 0;
}

static int main_plugin_check(struct ihvd *d)
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
	char err[512];
	int verbosity = 0, rc;
	size_t k;

	if (main_args_parse(&d, argc, argv, &verbosity) < 0)
		return 1;
	log_level_set(verbosity >= 2 ? LOG_LEVEL_MSGDUMP : verbosity == 1 ? LOG_LEVEL_DEBUG :
		      verbosity == 0 ? LOG_LEVEL_INFO : verbosity == -1 ? LOG_LEVEL_WARN :
		      LOG_LEVEL_ERROR);
	if (main_configs_load(&d) < 0 || main_plugin_check(&d) < 0)
		goto fail;
	for (k = 0; k < d.n_ifaces; k++) {
		d.ifaces[k].d = &d;
		d.ifaces[k].ifindex = if_nametoindex(d.ifaces[k].ifname);
		if (!d.ifaces[k].ifindex) {
			main_die_msg(&d, "interface %s: %s", d.ifaces[k].ifname, strerror(errno));
			goto fail;
		}
	}
	if (d.daemonize && main_daemon_begin(&d) < 0) {
		main_die_msg(&d, "cannot go to the background: %s", strerror(errno));
		goto fail;
	}

	d.loop = loop_new();
	if (!d.loop || main_signals_setup(&d) < 0) {
		main_die_msg(&d, "cannot set up the event loop or signals: %s", strerror(errno));
		goto fail;
	}
	io.ctx = &d;
	io.watch_fd = main_io_watch_fd;
	io.unwatch_fd = main_io_unwatch_fd;
	io.log = main_io_log;
	d.drv = nl80211_drv_new(&io, main_on_drv_event, &d);
	if (!d.drv) {
		main_die_msg(&d, "cannot open nl80211 (see the log above)");
		goto fail;
	}
	hp.loop = d.loop;
	hp.drv = d.drv;
	hp.plugin_path = d.plugin;
	/* issue 11: isolated unless the (first) configuration says plugin_isolation=inline */
	hp.isolated = !d.ifaces[0].config->plugin_inline;
	hp.plugin_user = d.ifaces[0].config->plugin_user;
	hp.handler_timeout_ms = d.ifaces[0].config->plugin_handler_timeout_ms;
	hp.crashed = main_plugin_crashed;
	hp.crash_ctx = &d;
	d.host = ihv_host_new(&hp, err, sizeof(err));
	if (!d.host) {
		main_die_msg(&d, "plugin %s: %s", d.plugin, err);
		goto fail;
	}
	for (k = 0; k < d.n_ifaces; k++)
		if (main_iface_up(&d, &d.ifaces[k]) < 0)
			goto fail;
	d.logind = logind_new(d.loop, main_session_change, &d, err, sizeof(err));
	if (!d.logind)
		log_info("logind is not reachable (%s): the plugin gets no session changes "
			 "(Dot11ExtIhvProcessSessionChange)", err);
	rc = main_pidfile_write(&d);
	if (rc < 0) {
		main_die_msg(&d, "-P %s: %s", d.pidfile, strerror(-rc));
		goto fail;
	}
	main_daemon_ready(&d);
	for (k = 0; k < d.n_ifaces; k++)
		station_start(d.ifaces[k].station);

	rc = loop_run(d.loop);
	if (rc < 0)
		log_err("event loop failed: %s", strerror(-rc));
	main_ihvd_shutdown(&d);
	log_info("stopped");
	log_close();
	return rc < 0 ? 1 : 0;
fail:
	main_ihvd_shutdown(&d);
	log_close();
	return 1;
}
