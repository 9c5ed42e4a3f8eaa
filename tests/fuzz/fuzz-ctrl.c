// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the control socket's command handler (src/daemon/ctrl.c and the station's
 * commands behind it). The input is a sequence of commands separated by NUL bytes. Each
 * is run by ctrl_command_run, what the socket's reader calls for a datagram, as if sent
 * from a bound client socket: replies and the events of ATTACH go to that socket and are
 * read back at the end of the input. A command too long for one datagram, and the reset
 * after each input (every network removed, so one input's state does not leak into the
 * next), still go through the live socket and the event loop as wpa_cli's datagrams do:
 * a round trip per command made the target ten times slower and fed no parser.
 * The station's backend is a stub: no radio.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/log.h"
#include "common/loop.h"
#include "daemon/config.h"
#include "daemon/ctrl.h"
#include "daemon/station.h"
#include "tests/fuzz/fuzz-main.h"

static struct {
	struct loop *loop;
	struct config *config;
	struct station *st;
	struct ctrl *ctrl;
	struct station_backend be;
	int cli;
	char dir[64];
	struct sockaddr_un cli_addr; /* as the control socket sees the client */
	socklen_t cli_addr_len;
} fz;

static int fuzz_ctrl_connect(void *ctx, const struct ihv_connect_request *req)
{
	(void)ctx;
	(void)req;
	return -EIO;
}

static int fuzz_ctrl_disconnect(void *ctx, uint16_t reason)
{
	(void)ctx;
	(void)reason;
	return 0;
}

static void fuzz_ctrl_status(void *ctx, struct ihv_adapter_status *st)
{
	(void)ctx;
	memset(st, 0, sizeof(*st));
}

static int fuzz_ctrl_ui_respond(void *ctx, const uint8_t guid[16], const uint8_t *d, size_t n)
{
	(void)ctx;
	(void)guid;
	(void)d;
	(void)n;
	return 0;
}

static int fuzz_ctrl_scan_trigger(void *ctx, const struct drv_scan_params *p)
{
	(void)ctx;
	(void)p;
	return -EBUSY;
}

static int fuzz_ctrl_scan_results(void *ctx, drv_bss_cb cb, void *cb_ctx)
{
	(void)ctx;
	(void)cb;
	(void)cb_ctx;
	return 0;
}

static int fuzz_ctrl_control(void *ctx, const uint8_t *in, size_t in_len, uint8_t *out,
			     size_t out_len, size_t *returned)
{
	static const char stats[] = "drop_mic=1 drop_replay=2\nrx_short=0 =x y\n";

	(void)ctx;
	(void)in;
	(void)in_len;
	*returned = sizeof(stats);
	if (out_len < sizeof(stats))
		return -ENOBUFS;
	memcpy(out, stats, sizeof(stats));
	return 0;
}

static void fuzz_ctrl_terminate(void *ctx)
{
	(void)ctx;
}

static void fuzz_ctrl_cleanup(void)
{
	close(fz.cli);
	ctrl_free(fz.ctrl);
	station_free(fz.st);
	config_free(fz.config);
	loop_run_once(fz.loop, 0);
	loop_free(fz.loop);
	rmdir(fz.dir);
}

static int fuzz_ctrl_init(void)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 1, 0 };
	struct station_params sp = { 0 };
	struct ctrl_params cp = { 0 };
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char err[256];
	int n;

	log_level_set(LOG_LEVEL_ERROR);
	snprintf(fz.dir, sizeof(fz.dir), "/tmp/ihvd-fuzz-ctrl.%d", getpid());
	fz.loop = loop_new();
	fz.config = config_new();
	fz.be = (struct station_backend){
		.connect = fuzz_ctrl_connect, .disconnect = fuzz_ctrl_disconnect,
		.status = fuzz_ctrl_status, .ui_respond = fuzz_ctrl_ui_respond,
		.scan_trigger = fuzz_ctrl_scan_trigger, .scan_results = fuzz_ctrl_scan_results,
		.control = fuzz_ctrl_control,
	};
	sp.loop = fz.loop;
	sp.config = fz.config;
	sp.ifname = "wlan9";
	sp.mac = mac;
	sp.plugin_name = "fuzz";
	sp.backend = &fz.be;
	fz.st = station_new(&sp);
	cp.loop = fz.loop;
	cp.dir = fz.dir;
	cp.ifname = "wlan9";
	cp.station = fz.st;
	cp.config = fz.config;
	cp.terminate = fuzz_ctrl_terminate;
	fz.ctrl = fz.st ? ctrl_new(&cp, err, sizeof(err)) : NULL;
	if (!fz.ctrl) {
		fprintf(stderr, "fuzz-ctrl: cannot set up: %s\n", fz.st ? err : "station_new");
		return -1;
	}
	station_event_cb_set(fz.st, ctrl_event, fz.ctrl);
	/*
	 * The client's own address is in the abstract namespace: a reply to it is found by
	 * name, not by a walk of the file system per reply (what the control socket does
	 * with either kind is the same).
	 */
	fz.cli = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "ihvd-fuzz-cli.%d", getpid());
	if (fz.cli < 0 || bind(fz.cli, (struct sockaddr *)&a,
			       (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n)) < 0)
		return -1;
	memset(a.sun_path, 0, sizeof(a.sun_path));
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/wlan9", fz.dir);
	if (connect(fz.cli, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	fz.cli_addr_len = sizeof(fz.cli_addr);
	if (getsockname(fz.cli, (struct sockaddr *)&fz.cli_addr, &fz.cli_addr_len) < 0)
		return -1;
	atexit(fuzz_ctrl_cleanup);
	return 0;
}

/* Read and discard what the control socket sent the client: replies, events. */
static void fuzz_ctrl_drain(void)
{
	char reply[CTRL_REPLY_MAX + 1];

	while (recv(fz.cli, reply, sizeof(reply), MSG_DONTWAIT) > 0)
		;
}

/* One datagram through the socket and the event loop, its reply read. */
static void fuzz_ctrl_send(const uint8_t *cmd, size_t len)
{
	if (send(fz.cli, cmd, len, 0) < 0)
		return;
	loop_run_once(fz.loop, 0);
	fuzz_ctrl_drain();
}

/* One command as the socket's reader hands it over, without the kernel in between. */
static void fuzz_ctrl_run(const uint8_t *cmd, size_t len)
{
	char buf[CTRL_CMD_MAX + 1];

	if (len > CTRL_CMD_MAX - 1) {
		/* refused by the reader itself (ctrl_rx): only the socket reaches that */
		fuzz_ctrl_send(cmd, len);
		return;
	}
	memcpy(buf, cmd, len);
	buf[len] = 0;
	ctrl_command_run(fz.ctrl, buf, len, &fz.cli_addr, fz.cli_addr_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static const char reset[] = "REMOVE_NETWORK all";
	char detach[] = "DETACH";
	size_t start = 0;

	if (!ready)
		ready = fuzz_ctrl_init() == 0 ? 1 : -1;
	if (ready < 0)
		return 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && data[i] != 0)
			continue;
		/* a datagram longer than the socket takes is the kernel's to refuse */
		if (i - start <= CTRL_CMD_MAX * 2)
			fuzz_ctrl_run(data + start, i - start);
		start = i + 1;
	}
	fuzz_ctrl_send((const uint8_t *)reset, sizeof(reset) - 1);
	ctrl_command_run(fz.ctrl, detach, sizeof(detach) - 1, &fz.cli_addr, fz.cli_addr_len);
	fuzz_ctrl_drain();
	return 0;
}
