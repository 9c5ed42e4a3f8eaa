/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The control socket: wpa_supplicant's control interface protocol, so
 * Debian's wpa_cli drives ihvd unchanged (wpa_cli -p DIR -i IFACE status).
 *
 * One UNIX datagram socket per interface at DIR/IFACE (mode 0770; group as
 * configured, else root only). A command is one datagram of plain text
 * ("STATUS", "SET_NETWORK 0 ssid \"x\""); the reply goes back to the
 * sender's bound address ("OK\n", "FAIL\n", "PONG\n", or the text asked
 * for). ATTACHed clients also get events, "<3>CTRL-EVENT-...", at or above
 * their LEVEL. Commands: PING STATUS SCAN SCAN_RESULTS LIST_NETWORKS
 * ADD_NETWORK SET_NETWORK GET_NETWORK REMOVE_NETWORK ENABLE_NETWORK
 * DISABLE_NETWORK SELECT_NETWORK DISCONNECT RECONNECT REASSOCIATE ATTACH
 * DETACH LEVEL TERMINATE GET_CAPABILITY INTERFACES, CTRL-RSP-<field>-<id>-<value>,
 * and wpa_supplicant's SAVE_CONFIG RECONFIGURE BSS SIGNAL_POLL SET/GET country
 * LOG_LEVEL BSSID_IGNORE BLACKLIST ABORT_SCAN MIB (ctrl-verbs-compat.h),
 * each optionally prefixed by "IFNAME=<iface> ".
 */
#ifndef IHVD_DAEMON_CTRL_H
#define IHVD_DAEMON_CTRL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#include "daemon/config.h"
#include "common/loop.h"
#include "daemon/ctrl-verbs-compat.h"
#include "daemon/station.h"

#define CTRL_CMD_MAX 4096    /* a longer datagram is refused with FAIL */
#define CTRL_REPLY_MAX 4096  /* wpa_cli's reply buffer */
#define CTRL_CLIENTS_MAX 32  /* ATTACHed clients */
#define CTRL_IHV_CONTROL_MAX 1024 /* IHV_CONTROL request and reply bytes (hex fits a reply) */

struct ctrl;

struct ctrl_params {
	struct loop *loop;
	const char *dir;              /* created (0770) when missing */
	bool group_set;
	gid_t gid;                    /* socket and directory group when group_set */
	const char *ifname;
	struct station *station;
	struct config *config;
	/* SAVE_CONFIG, RECONFIGURE, SIGNAL_POLL, country ...: ctrl-verbs-compat.h (may be NULL). */
	const struct ctrl_host *host;
	/* TERMINATE: called after the reply went out. */
	void (*terminate)(void *ctx);
	void *terminate_ctx;
};

/* NULL on failure with the reason in err (path, what failed). */
struct ctrl *ctrl_new(const struct ctrl_params *p, char *err, size_t err_len);
/* Tells ATTACHed clients CTRL-EVENT-TERMINATING, removes the socket. */
void ctrl_free(struct ctrl *c);
const char *ctrl_path(const struct ctrl *c);

/*
 * Run one command as the socket's reader does for a datagram of len bytes (buf[len] == 0,
 * len < CTRL_CMD_MAX) from the sender at from: the reply is sent there (none when the
 * sender is unbound, from_len <= sizeof(sa_family_t)); buf is wiped. The fuzz target
 * calls it directly, without the datagram's round trip through the kernel.
 */
void ctrl_command_run(struct ctrl *c, char *buf, size_t len, const struct sockaddr_un *from,
		      socklen_t from_len);

/* Send an event to ATTACHed clients: a station_event_cb (ctx = the ctrl). */
void ctrl_event(void *ctx, int level, const char *text);

#endif
