// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the control socket's command handler (src/daemon/ctrl.c and the station's
 * commands behind it). The input is a sequence of commands separated by NUL bytes; each
 * goes to a live control socket as one datagram, exactly as wpa_cli sends it, and its
 * reply is read back. Between inputs every network is removed again, so one input's
 * state does not leak into the next. The station's backend is a stub: no radio.
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
	char dir[64], cli_path[96];
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
	unlink(fz.cli_path);
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
	fz.cli = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	snprintf(fz.cli_path, sizeof(fz.cli_path), "/tmp/ihvd-fuzz-cli.%d", getpid());
	unlink(fz.cli_path);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", fz.cli_path);
	if (fz.cli < 0 || bind(fz.cli, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s/wlan9", fz.dir);
	if (connect(fz.cli, (struct sockaddr *)&a, sizeof(a)) < 0)
		return -1;
	atexit(fuzz_ctrl_cleanup);
	return 0;
}

/* One datagram in, its reply (and any events) read and discarded. */
static void fuzz_ctrl_send(const uint8_t *cmd, size_t len)
{
	char reply[CTRL_REPLY_MAX + 1];

	if (send(fz.cli, cmd, len, 0) < 0)
		return;
	loop_run_once(fz.loop, 0);
	while (recv(fz.cli, reply, sizeof(reply), MSG_DONTWAIT) > 0)
		;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static const char reset[] = "REMOVE_NETWORK all";
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
			fuzz_ctrl_send(data + start, i - start);
		start = i + 1;
	}
	fuzz_ctrl_send((const uint8_t *)reset, sizeof(reset) - 1);
	fuzz_ctrl_send((const uint8_t *)"DETACH", 6);
	return 0;
}
