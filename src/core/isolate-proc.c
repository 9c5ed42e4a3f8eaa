// SPDX-License-Identifier: BSD-3-Clause
/*
 * The isolated plugin's process (issue 11): start ihvd-plugin-host, read
 * its HELLO, serve channel B on a thread of its own, notice its death, and
 * turn any fault into an event: log the plugin, the signal or the
 * forbidden system call, and the handler it was in; end the connections on
 * its adapters; restart it with backoff and walk the contract again
 * (GetVersionInfo, InitService, InitVirtualStation, InitAdapter with the
 * same hDot11SvcHandles); give up after IHV_ISOLATE_MAX_CRASHES in a row
 * (a successful PostAssociateCompletion in between resets the count).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/exe-path.h"
#include "common/log.h"
#include "common/wipe.h"
#include "core/ihv-core.h"
#include "core/isolate.h"
#include "ipc/ipc-ids.h"

#ifndef IHVD_LIBEXEC_HOST
#define IHVD_LIBEXEC_HOST "/usr/local/libexec/ihvd/ihvd-plugin-host"
#endif

static void iso_proc_crash_run(void *arg);
static void iso_proc_restart(void *arg);

/* The host binary: the parameter, $IHVD_PLUGIN_HOST, next to ihvd, ../libexec/ihvd/. */
static char *iso_proc_host_path(const char *given)
{
	static const char *const rels[] = { "ihvd-plugin-host", "../libexec/ihvd/ihvd-plugin-host" };
	const char *env = getenv("IHVD_PLUGIN_HOST");
	char *found;

	if (given && *given)
		return strdup(given);
	if (env && *env)
		return strdup(env);
	found = exe_path_beside(rels, sizeof(rels) / sizeof(rels[0]), X_OK);
	return found ? found : strdup(IHVD_LIBEXEC_HOST);
}

static void *iso_proc_b_thread(void *arg)
{
	struct ihv_isolate *iso = arg;
	struct ipc_wr reply;
	struct ipc_msg m;
	int rc;

	ipc_wr_init(&reply);
	while ((rc = ipc_recv(iso->fd_b, &iso->rx_b, &m, -1)) == 0) {
		ipc_wr_reset(&reply);
		if (m.type != IPC_SVC ||
		    !ihv_isolate_svc_serve(&iso->t, m.id, m.data, m.len, &reply)) {
			snprintf(iso->b_why, sizeof(iso->b_why),
				 "one of its threads sent a malformed %s %s", ipc_type_str(m.type),
				 m.type == IPC_SVC ? ipc_svc_name(m.id) : "frame");
			ipc_msg_free(&m);
			if (iso->pid > 0) /* not reaped before this thread is joined */
				kill(iso->pid, SIGKILL); /* the loop sees channel A close */
			break;
		}
		rc = ipc_send(iso->fd_b, IPC_SVC_RETURN, m.id, &reply);
		if (rc < 0) {
			if (rc == -EAGAIN || rc == -EWOULDBLOCK) {
				snprintf(iso->b_why, sizeof(iso->b_why), "one of its threads "
					 "stopped reading its answers (contract rule 9)");
				if (iso->pid > 0)
					kill(iso->pid, SIGKILL); /* the loop sees channel A close */
			}
			ipc_msg_free(&m);
			rc = 0;
			break;
		}
		ipc_msg_free(&m);
	}
	if (rc == -EPROTO) {
		snprintf(iso->b_why, sizeof(iso->b_why),
			 "one of its threads sent a malformed frame");
		if (iso->pid > 0)
			kill(iso->pid, SIGKILL);
	}
	ipc_wr_free(&reply);
	return NULL;
}

/* Channel A readable while no call is in progress: the process ended (or misbehaves). */
static void iso_proc_readable(void *arg, int fd)
{
	struct ihv_isolate *iso = arg;
	struct ipc_msg m;
	int rc;

	if (iso->dead || iso->depth)
		return;
	rc = ipc_recv(fd, &iso->rx_a, &m, 0);
	if (rc == -ETIMEDOUT)
		return;
	if (rc == 0) {
		ihv_isolate_fault(iso, "it sent %s %u outside any call", ipc_type_str(m.type), m.id);
		ipc_msg_free(&m);
		return;
	}
	ihv_isolate_fault(iso, "%s", rc == -EPROTO ? "it sent a malformed frame outside any call" :
			  "its process ended");
}

/*
 * A send to the host waits at most a handler's deadline (contract rule 9). A host that keeps
 * calling services and never reads their answers fills the socket; the send then fails with
 * EAGAIN and the host is stopped, instead of holding ihvd's loop (or channel B's thread).
 */
static void iso_proc_send_bound(struct ihv_isolate *iso)
{
	struct timeval tv = { .tv_sec = iso->timeout_ms / 1000,
			      .tv_usec = (suseconds_t)(iso->timeout_ms % 1000) * 1000 };

	if (setsockopt(iso->fd_a, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0 ||
	    setsockopt(iso->fd_b, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0)
		log_warn("plugin %s: no send deadline on its channels: %s", iso->h->name,
			 strerror(errno));
}

/*
 * Channel B's thread stopped and joined. Done before the host is reaped: the thread may
 * still signal the host's pid (a malformed frame on B), which must not yet be free for
 * another process, nor 0 (kill(0) is our own process group).
 */
static void iso_proc_b_stop(struct ihv_isolate *iso)
{
	if (iso->fd_b >= 0)
		shutdown(iso->fd_b, SHUT_RDWR); /* wakes channel B's thread */
	if (iso->b_running) {
		pthread_join(iso->b_thread, NULL);
		iso->b_running = false;
	}
}

static void iso_proc_close_fds(struct ihv_isolate *iso)
{
	if (iso->fd_a >= 0) {
		loop_fd_del(iso->h->loop, iso->fd_a);
		close(iso->fd_a);
	}
	iso_proc_b_stop(iso);
	if (iso->fd_b >= 0)
		close(iso->fd_b);
	/* frames read but not taken (a key behind a malformed frame) go with the channel */
	ipc_rx_clear(&iso->rx_a);
	ipc_rx_clear(&iso->rx_b);
	if (iso->fd_fault >= 0)
		close(iso->fd_fault);
	iso->fd_a = iso->fd_b = iso->fd_fault = -1;
}

static const char *iso_proc_hello(struct ihv_isolate *iso, char *err, size_t len)
{
	struct ipc_msg m;
	struct ipc_rd r;
	const uint8_t *e;
	uint32_t ver;
	size_t el;
	int rc;

	rc = ipc_recv(iso->fd_a, &iso->rx_a, &m, (int)iso->timeout_ms);
	if (rc < 0) {
		snprintf(err, len, "no HELLO from %s (%s)", iso->host_path,
			 rc == -ETIMEDOUT ? "timed out" : rc == -EPIPE ? "it exited" :
			 strerror(-rc));
		return err;
	}
	ipc_rd_init(&r, m.data, m.len);
	ver = ipc_rd_u32(&r);
	iso->hello_flags = ipc_rd_u32(&r);
	e = ipc_rd_bytes(&r, &el);
	if (m.type != IPC_HELLO || !ipc_rd_done(&r))
		snprintf(err, len, "%s broke the protocol in its HELLO", iso->host_path);
	else if (ver != IPC_VERSION)
		snprintf(err, len, "%s speaks protocol version %u, ihvd %u", iso->host_path, ver,
			 IPC_VERSION);
	else if (el)
		snprintf(err, len, "%.*s", (int)el, (const char *)e);
	else
		err[0] = 0;
	ipc_msg_free(&m);
	return err[0] ? err : NULL;
}

/*
 * The plugin user, resolved for the host (IPC_CREDS): by ihvd, in the parent, while the
 * child execs; the host drops to it before it loads the plugin. Root is refused here and
 * again in the host. An ihvd that is not root sends no ids: the host has nothing to drop.
 */
static void iso_proc_creds(const char *user, struct ipc_creds *c)
{
	struct passwd pw, *found = NULL;
	char buf[4096];
	int rc;

	memset(c, 0, sizeof(*c));
	if (geteuid() != 0)
		return;
	rc = getpwnam_r(user, &pw, buf, sizeof(buf), &found);
	if (!found)
		snprintf(c->error, sizeof(c->error), "plugin_user %s: %s", user,
			 rc ? strerror(rc) : "no such user");
	else if (pw.pw_uid == 0)
		snprintf(c->error, sizeof(c->error), "plugin_user %s is root", user);
	else {
		c->uid = pw.pw_uid;
		c->gid = pw.pw_gid;
	}
	secret_wipe(buf, sizeof(buf)); /* a password hash field, on systems that keep one */
}

static void iso_proc_creds_send(int fd, const char *user)
{
	struct ipc_creds creds;
	int rc;

	iso_proc_creds(user, &creds);
	rc = ipc_creds_send(fd, &creds);
	if (rc < 0) /* the HELLO that does not come says the rest */
		log_warn("plugin host: cannot send it plugin_user %s: %s", user, strerror(-rc));
}

/* One lookup and its send, on a thread of its own: the caller's start-up goes on meanwhile. */
struct iso_proc_creds_job {
	int fd;         /* a duplicate of ihvd's end of channel A: the thread closes it */
	char user[];
};

static void *iso_proc_creds_thread(void *arg)
{
	struct iso_proc_creds_job *job = arg;

	iso_proc_creds_send(job->fd, job->user);
	close(job->fd);
	free(job);
	return NULL;
}

/*
 * IPC_CREDS for a host just forked. The lookup reads the user database (NSS: nsswitch.conf,
 * /etc/passwd; 15-20 ms in the test VM), so it runs on a detached thread, beside both the
 * child's exec and ihvd's own start-up (nl80211), not before either (issue 16); where no
 * thread can be had, here.
 */
static void iso_proc_creds_start(int fd_a, const char *user)
{
	size_t n = strlen(user) + 1;
	struct iso_proc_creds_job *job = malloc(sizeof(*job) + n);
	pthread_attr_t attr;
	pthread_t t;
	bool started = false;

	if (job) {
		memcpy(job->user, user, n);
		job->fd = fcntl(fd_a, F_DUPFD_CLOEXEC, 3);
	}
	if (job && job->fd >= 0 && pthread_attr_init(&attr) == 0) {
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		pthread_attr_setstacksize(&attr, 256 * 1024);
		started = pthread_create(&t, &attr, iso_proc_creds_thread, job) == 0;
		pthread_attr_destroy(&attr);
	}
	if (started)
		return;
	if (job && job->fd >= 0)
		close(job->fd);
	free(job);
	iso_proc_creds_send(fd_a, user);
}

/* A started plugin host: its pid and ihvd's ends of its channels (A, B, the fault pipe). */
struct iso_proc_child {
	pid_t pid;
	int fd_a, fd_b, fd_fault;
};

/* fork + exec of the host, nothing read yet; -1 with err on failure. */
static int iso_proc_fork(const char *host_path, const char *plugin_path, const char *user,
			 bool seccomp, struct iso_proc_child *c, char *err, size_t err_len)
{
	int a[2] = { -1, -1 }, b[2] = { -1, -1 }, f[2] = { -1, -1 };
	const char *argv[7];
	sigset_t all;
	int n = 0, fd;
	pid_t pid;

	argv[n++] = host_path;
	argv[n++] = plugin_path;
	argv[n++] = "-u";
	argv[n++] = user;
	if (!seccomp)
		argv[n++] = "-S";
	argv[n] = NULL;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, a) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, b) < 0 ||
	    pipe2(f, O_CLOEXEC) < 0) {
		snprintf(err, err_len, "socketpair: %s", strerror(errno));
		goto fail;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, err_len, "fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0) {
		/* the child: only async-signal-safe calls until exec */
		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(a[1], 3) < 0 || dup2(b[1], 4) < 0 || dup2(f[1], 5) < 0)
			_exit(127);
		/* one system call, not a thousand (Linux 5.9); the loop where it is missing */
		if (close_range(6, ~0u, 0) < 0)
			for (fd = 6; fd < 1024; fd++)
				close(fd);
		execv(host_path, (char *const *)argv);
		_exit(127);
	}
	close(a[1]);
	close(b[1]);
	close(f[1]);
	/* the user database is read while the child execs, not after (IPC_CREDS) */
	iso_proc_creds_start(a[0], user);
	*c = (struct iso_proc_child){ .pid = pid, .fd_a = a[0], .fd_b = b[0], .fd_fault = f[0] };
	return 0;
fail:
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	close(f[0]);
	close(f[1]);
	return -1;
}

/*
 * The host started ahead (ihv_host_prespawn), waiting to be adopted by the first spawn with
 * the same host, plugin, user and seccomp setting. Touched on the loop thread only.
 */
static struct {
	struct iso_proc_child c;
	char *host_path, *plugin_path, *user;
	bool seccomp;
} iso_pre = { .c = { .fd_a = -1, .fd_b = -1, .fd_fault = -1 } };

/*
 * Reap pid, a host whose channel A we just closed (it returns from main on that EOF): up to
 * tries polls 10 ms apart, then SIGKILL.
 */
#define ISO_PROC_REAP_TRIES 100
static void iso_proc_reap(pid_t pid, int tries)
{
	int status, i;

	for (i = 0; i < tries && waitpid(pid, &status, WNOHANG) == 0; i++)
		usleep(10000);
	if (i == tries) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
}

static void iso_proc_child_end(struct iso_proc_child *c)
{
	close(c->fd_a); /* EOF on channel A: the host returns from main */
	close(c->fd_b);
	close(c->fd_fault);
	iso_proc_reap(c->pid, ISO_PROC_REAP_TRIES);
	*c = (struct iso_proc_child){ .fd_a = -1, .fd_b = -1, .fd_fault = -1 };
}

void ihv_host_prespawn_drop(void)
{
	if (iso_pre.c.pid > 0)
		iso_proc_child_end(&iso_pre.c);
	free(iso_pre.host_path);
	free(iso_pre.plugin_path);
	free(iso_pre.user);
	iso_pre.host_path = iso_pre.plugin_path = iso_pre.user = NULL;
}

int ihv_host_prespawn(const struct ihv_host_params *p)
{
	char err[160];

	if (!p->isolated || !p->plugin_path || iso_pre.c.pid > 0)
		return 0;
	iso_pre.host_path = iso_proc_host_path(p->plugin_host_path);
	iso_pre.plugin_path = strdup(p->plugin_path);
	iso_pre.user = strdup(p->plugin_user && *p->plugin_user ? p->plugin_user : "nobody");
	iso_pre.seccomp = !p->plugin_no_seccomp;
	if (!iso_pre.host_path || !iso_pre.plugin_path || !iso_pre.user ||
	    iso_proc_fork(iso_pre.host_path, iso_pre.plugin_path, iso_pre.user, iso_pre.seccomp,
			  &iso_pre.c, err, sizeof(err)) < 0) {
		ihv_host_prespawn_drop();
		return -1; /* ihv_host_new spawns it then, and reports what fails */
	}
	return 0;
}

/* The pre-spawned host, when it was started for exactly this one; else false. */
static bool iso_proc_adopt(struct ihv_isolate *iso, struct iso_proc_child *c)
{
	bool same = iso_pre.c.pid > 0 && !strcmp(iso_pre.host_path, iso->host_path) &&
		    !strcmp(iso_pre.plugin_path, iso->plugin_path) &&
		    !strcmp(iso_pre.user, iso->user) && iso_pre.seccomp == iso->seccomp;

	if (!same)
		return false;
	*c = iso_pre.c;
	iso_pre.c = (struct iso_proc_child){ .fd_a = -1, .fd_b = -1, .fd_fault = -1 };
	ihv_host_prespawn_drop();
	return true;
}

int ihv_isolate_spawn(struct ihv_isolate *iso, char *err, size_t err_len)
{
	struct iso_proc_child c;
	int status;

	iso_cpu_spread(iso->cpu); /* the new process inherits ihvd's whole mask */
	if (!iso_proc_adopt(iso, &c) &&
	    iso_proc_fork(iso->host_path, iso->plugin_path, iso->user, iso->seccomp, &c, err,
			  err_len) < 0)
		return -1;
	iso->pid = c.pid;
	iso->fd_a = c.fd_a;
	iso->fd_b = c.fd_b;
	iso->fd_fault = c.fd_fault;
	iso_proc_send_bound(iso);
	ipc_rx_clear(&iso->rx_a); /* channel B's thread is not running: both are ours */
	ipc_rx_clear(&iso->rx_b);
	fcntl(iso->fd_fault, F_SETFL, O_NONBLOCK);
	iso->b_why[0] = 0;
	if (iso_proc_hello(iso, err, err_len)) {
		kill(iso->pid, SIGKILL);
		waitpid(iso->pid, &status, 0);
		iso->pid = 0;
		close(iso->fd_a);
		close(iso->fd_b);
		close(iso->fd_fault);
		iso->fd_a = iso->fd_b = iso->fd_fault = -1;
		return -1;
	}
	if (pthread_create(&iso->b_thread, NULL, iso_proc_b_thread, iso) == 0)
		iso->b_running = true;
	loop_fd_add(iso->h->loop, iso->fd_a, iso_proc_readable, iso);
	iso->dead = false;
	return 0;
}

struct ihv_isolate *ihv_isolate_open(struct ihv_host *h, const struct ihv_host_params *p,
				     struct ihv_plugin_exports *ex, char *err, size_t err_len)
{
	struct ihv_isolate *iso = calloc(1, sizeof(*iso));

	if (!iso) {
		snprintf(err, err_len, "out of memory");
		return NULL;
	}
	iso->h = h;
	iso->fd_a = iso->fd_b = iso->fd_fault = -1;
	iso->cur_call = -1;
	iso->seccomp = !p->plugin_no_seccomp;
	iso->timeout_ms = p->handler_timeout_ms ? p->handler_timeout_ms :
			  IHV_ISOLATE_DEFAULT_TIMEOUT_MS;
	iso->crashed = p->crashed;
	iso->crash_ctx = p->crash_ctx;
	ihv_isolate_tables_init(&iso->t);
	iso->t.timer_cb = ihv_isolate_timer_cb;
	iso->t.auth_proxies = &ihv_isolate_auth_handlers;
	iso->plugin_path = strdup(p->plugin_path);
	iso->host_path = iso_proc_host_path(p->plugin_host_path);
	iso->user = strdup(p->plugin_user && *p->plugin_user ? p->plugin_user : "nobody");
	iso->restart_timer = loop_timer_new(h->loop, iso_proc_restart, iso);
	iso->cpu = iso_cpu_new(h->loop, !p->plugin_cpu_unshared);
	if (!iso->plugin_path || !iso->host_path || !iso->user || !iso->restart_timer) {
		snprintf(err, err_len, "out of memory");
		ihv_isolate_close(iso);
		return NULL;
	}
	if (ihv_isolate_spawn(iso, err, err_len) < 0) {
		ihv_isolate_close(iso);
		return NULL;
	}
	ex->get_version = ihv_isolate_get_version;
	ex->init_service = ihv_isolate_init_service;
	ex->init_vs = iso->hello_flags & IPC_HELLO_HAS_INIT_VS ? ihv_isolate_init_vs : NULL;
	ex->has_reason_text = iso->hello_flags & IPC_HELLO_HAS_REASON_TEXT;
	return iso;
}

void ihv_isolate_close(struct ihv_isolate *iso)
{
	struct ihv_isolate_adapter *ia;

	if (!iso)
		return;
	loop_call_cancel(iso->h->loop, iso);
	if (iso->fd_a >= 0) {
		loop_fd_del(iso->h->loop, iso->fd_a);
		close(iso->fd_a); /* EOF on channel A: the host returns from main */
		iso->fd_a = -1;
	}
	iso_proc_b_stop(iso); /* before the reap: its thread may signal the pid */
	if (iso->pid > 0)
		iso_proc_reap(iso->pid, ISO_PROC_REAP_TRIES);
	iso->pid = 0;
	iso_proc_close_fds(iso);
	while ((ia = iso->adapters)) {
		iso->adapters = ia->next;
		free(ia->desc);
		free(ia);
	}
	if (iso->restart_timer)
		loop_timer_free(iso->restart_timer);
	iso_cpu_free(iso->cpu);
	pthread_mutex_destroy(&iso->t.lock);
	free(iso->plugin_path);
	free(iso->host_path);
	free(iso->user);
	free(iso);
}

/* The fault pipe's report, if the host wrote one: kind, number, call. */
static bool iso_proc_fault_report(struct ihv_isolate *iso, uint32_t out[3])
{
	uint8_t buf[64];
	struct ipc_msg m;
	struct ipc_rd r;
	size_t used;
	ssize_t n;

	if (iso->fd_fault < 0)
		return false;
	n = read(iso->fd_fault, buf, sizeof(buf));
	if (n <= 0 || ipc_frame_parse(buf, (size_t)n, &m, &used) < 0 || m.type != IPC_FAULT)
		return false;
	ipc_rd_init(&r, m.data, m.len);
	out[0] = ipc_rd_u32(&r);
	out[1] = ipc_rd_u32(&r);
	out[2] = ipc_rd_u32(&r);
	return ipc_rd_done(&r);
}

static const char *iso_proc_syscall_name(uint32_t nr)
{
	switch (nr) {
	case SYS_socket: return "socket";
	case SYS_ptrace: return "ptrace";
	case SYS_execve: return "execve";
	case SYS_ioctl: return "ioctl";
	case SYS_connect: return "connect";
	case SYS_bind: return "bind";
	case SYS_kill: return "kill";
	case SYS_mount: return "mount";
	case SYS_setuid: return "setuid";
	case SYS_unlinkat: return "unlinkat";
	default: /* a number from the trap */
		return "see <asm/unistd.h>";
	}
}

void ihv_isolate_fault(struct ihv_isolate *iso, const char *fmt, ...)
{
	char cause[192], how[160] = "", in[96];
	uint32_t rep[3];
	bool have_rep;
	int status = 0, call = iso->cur_call;
	va_list ap;

	if (iso->dead)
		return;
	iso->dead = true;
	iso_cpu_spread(iso->cpu); /* before its pid can be reaped and reused */
	va_start(ap, fmt);
	vsnprintf(cause, sizeof(cause), fmt, ap);
	va_end(ap);
	iso_proc_b_stop(iso); /* before the reap below; and b_why is then ours to read */
	if (iso->pid > 0) {
		/* a process we kill ourselves (deadline, bad frame) or one already gone */
		if (waitpid(iso->pid, &status, WNOHANG) == 0) {
			usleep(20000); /* let a crashing process finish dying: its own signal */
			if (waitpid(iso->pid, &status, WNOHANG) == 0) {
				kill(iso->pid, SIGKILL);
				waitpid(iso->pid, &status, 0);
			}
		}
		iso->pid = 0;
	}
	have_rep = iso_proc_fault_report(iso, rep);
	if (have_rep && rep[0] == IPC_FAULT_SYSCALL)
		snprintf(how, sizeof(how), ": forbidden system call %u (%s) refused by the seccomp "
			 "policy", rep[1], iso_proc_syscall_name(rep[1]));
	else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		snprintf(how, sizeof(how), ": signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else if (WIFEXITED(status) && WEXITSTATUS(status))
		snprintf(how, sizeof(how), ": exit status %d", WEXITSTATUS(status));
	if (call < 0 && have_rep && rep[2] != UINT32_MAX)
		call = (int)rep[2];
	if (call >= 0)
		snprintf(in, sizeof(in), "in %s", ipc_call_name((uint32_t)call));
	else
		snprintf(in, sizeof(in), "outside any handler (a thread of its own)");
	snprintf(iso->why, sizeof(iso->why), "%.60s: %.150s%.150s%.2s%.15s", in,
		 iso->b_why[0] ? iso->b_why : cause, how, iso->b_why[0] ? "; " : "",
		 iso->b_why[0] ? cause : "");
	log_err("plugin %s crashed %s", iso->h->name, iso->why);
	iso_proc_close_fds(iso);
	if (iso->loaded && !iso->crash_posted) {
		iso->crash_posted = true;
		loop_call_post(iso->h->loop, iso_proc_crash_run, iso);
	}
}

static void iso_proc_restart(void *arg)
{
	struct ihv_isolate *iso = arg;
	struct ihv_isolate_adapter *ia;
	struct ihv_adapter *a;
	struct ihv_call save;
	char err[256];
	int rc;

	if (ihv_isolate_spawn(iso, err, sizeof(err)) < 0) {
		iso->dead = false; /* so the fault is recorded */
		ihv_isolate_fault(iso, "could not be restarted: %s", err);
		return;
	}
	ihv_call_enter(iso->h, NULL, IHV_IN_OTHER, &save);
	rc = ihv_isolate_rewalk(iso, err, sizeof(err));
	ihv_call_leave(iso->h, NULL, &save);
	for (ia = iso->adapters; !rc && ia; ia = ia->next) {
		for (a = iso->h->adapters; a && a->svc != ia->svc; a = a->next)
			;
		ihv_call_enter(iso->h, a, IHV_IN_INIT_ADAPTER, &save);
		if (ihv_isolate_init_adapter_again(iso, ia) != ERROR_SUCCESS) {
			snprintf(err, sizeof(err), "InitAdapter failed again");
			rc = -1;
		}
		ihv_call_leave(iso->h, a, &save);
	}
	if (rc) {
		ihv_isolate_fault(iso, "failed its restart: %s", err);
		return;
	}
	log_info("plugin %s restarted (pid %d) after crash %u; connections resume",
		 iso->h->name, (int)iso->pid, iso->crashes_total);
}

static void iso_proc_crash_run(void *arg)
{
	struct ihv_isolate *iso = arg;
	struct ihv_adapter *a;
	uint32_t backoff;

	iso->crash_posted = false;
	/* the connections end cleanly: disconnect, no plugin left to ask */
	for (a = iso->h->adapters; a; a = a->next) {
		if (a->phase != IHV_PHASE_IDLE)
			ihv_teardown(a, a->phase, WLAN_REASON_CODE_IHV_NOT_RESPONDING,
				     ERROR_INVALID_STATE, 0, true, DOT11_ASSOC_STATUS_CANCELLED);
		ihv_ui_cancel_all(a, "the plugin crashed");
	}
	ihv_host_timers_free(iso->h);
	pthread_mutex_lock(&iso->t.lock);
	iso->t.sends = iso->t.timers = 0;
	if (iso->t.post_success)
		iso->crashes_row = 0;
	iso->t.post_success = false;
	pthread_mutex_unlock(&iso->t.lock);
	iso->crashes_total++;
	iso->crashes_row++;
	iso->gave_up = iso->crashes_row >= IHV_ISOLATE_MAX_CRASHES;
	if (iso->crashed)
		iso->crashed(iso->crash_ctx, iso->h->name, iso->why, iso->crashes_total,
			     iso->gave_up);
	if (iso->gave_up) {
		log_err("plugin %s: given up after %u crashes in a row (the last %s); its "
			"adapters stay without a plugin until ihvd is restarted", iso->h->name,
			iso->crashes_row, iso->why);
		return;
	}
	backoff = 200u << (iso->crashes_row - 1 < 6 ? iso->crashes_row - 1 : 6);
	log_warn("plugin %s: restarting in %u ms (crash %u in a row, %u in all)", iso->h->name,
		 backoff, iso->crashes_row, iso->crashes_total);
	loop_timer_arm(iso->restart_timer, backoff);
}
