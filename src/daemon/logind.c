// SPDX-License-Identifier: BSD-3-Clause
/* User sessions from systemd-logind over sd-bus (logind.h). */
#include "daemon/logind.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/log.h"
#include "daemon/sd-load.h"
#include "wlanihv.h"

#define LOGIND_SEATS_DIR "/run/systemd/seats/"

struct logind {
	struct loop *loop;
	sd_bus *bus;
	sd_bus_slot *slot;
	int fd;
	logind_session_cb cb;
	void *ctx;
};

bool logind_session_map(const char *member, const char *session_id, uint32_t *wts_event,
			uint32_t *session)
{
	const char *p = session_id;
	unsigned long v;
	char *end;
	bool prefixed;

	if (!member || !session_id)
		return false;
	if (!strcmp(member, "SessionNew"))
		*wts_event = WTS_SESSION_LOGON;
	else if (!strcmp(member, "SessionRemoved"))
		*wts_event = WTS_SESSION_LOGOFF;
	else
		return false;
	while (*p >= 'a' && *p <= 'z')
		p++;
	prefixed = p != session_id;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	v = strtoul(p, &end, 10);
	if (errno || *end || v > 0x7fffffffUL)
		return false;
	*session = (uint32_t)v | (prefixed ? 0x80000000u : 0);
	return true;
}

static int logind_signal(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct logind *l = arg;
	const char *id = NULL, *path = NULL;
	uint32_t ev, session;

	(void)ret_error;
	if (sd_bus_message_read(m, "so", &id, &path) < 0)
		return 0;
	if (!logind_session_map(sd_bus_message_get_member(m), id, &ev, &session))
		return 0;
	log_info("logind: session %s %s", id, ev == WTS_SESSION_LOGON ? "started" : "ended");
	l->cb(l->ctx, ev, session);
	return 0;
}

static void logind_readable(void *arg, int fd)
{
	struct logind *l = arg;
	int r;

	(void)fd;
	while ((r = sd_bus_process(l->bus, NULL)) > 0)
		;
	if (r < 0) {
		log_warn("logind: the system bus failed (%s); session changes no longer seen",
			 strerror(-r));
		loop_fd_del(l->loop, l->fd);
		l->fd = -1;
	}
}

struct logind *logind_new(struct loop *loop, logind_session_cb cb, void *ctx, char *err,
			  size_t err_len)
{
	struct logind *l;
	struct stat st;
	int r;

	/*
	 * logind keeps one file per seat in /run/systemd/seats/ while it runs
	 * (where sd_get_seats(3) looks). Without it there is nothing to watch,
	 * and no reason to load libsystemd.
	 */
	if (stat(LOGIND_SEATS_DIR, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, err_len, "no %s: logind is not running", LOGIND_SEATS_DIR);
		return NULL;
	}
	if (sd_load(err, err_len) < 0)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l) {
		snprintf(err, err_len, "out of memory");
		return NULL;
	}
	l->loop = loop;
	l->cb = cb;
	l->ctx = ctx;
	l->fd = -1;
	r = sd_bus_open_system(&l->bus);
	if (r >= 0)
		r = sd_bus_match_signal(l->bus, &l->slot, "org.freedesktop.login1",
					"/org/freedesktop/login1",
					"org.freedesktop.login1.Manager", NULL, logind_signal, l);
	if (r >= 0)
		r = l->fd = sd_bus_get_fd(l->bus);
	if (r >= 0)
		r = loop_fd_add(loop, l->fd, logind_readable, l);
	if (r < 0) {
		snprintf(err, err_len, "%s", strerror(-r));
		l->fd = -1;
		logind_free(l);
		return NULL;
	}
	logind_readable(l, l->fd); /* what arrived while the match was set up */
	return l;
}

void logind_free(struct logind *l)
{
	if (!l)
		return;
	if (l->fd >= 0)
		loop_fd_del(l->loop, l->fd);
	sd_bus_slot_unref(l->slot);
	sd_bus_flush_close_unref(l->bus);
	free(l);
}
