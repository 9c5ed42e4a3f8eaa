// SPDX-License-Identifier: BSD-3-Clause
/*
 * Where the isolated pair runs (issue 16): while a connection talks to the
 * plugin, ihvd's loop thread and the plugin host's main thread share one CPU.
 *
 * Every call into the plugin is a synchronous round trip: one side sleeps
 * while the other runs, so a second CPU buys no parallelism. What it costs is
 * a wake-up per hop on a CPU that went idle: an inter-processor interrupt and
 * the idle state's exit on hardware, a halted vCPU's wake-up under qemu/TCG.
 * Measured in the hwsim VM (8 reconnects each, a quiet orchestrator): a call
 * with no service calls took 760 us (median; p90 2.3 ms) spread over two
 * vCPUs and 270 us (p90 0.8 ms) on one; a reconnect's pre-association 4-23 ms
 * against 3-4 ms.
 *
 * The sharing begins at the outermost call of a connection's conversation
 * (iso_cpu_begins: capability match, pre- and post-association, a received
 * frame, the authentication exchange) on the CPU the loop thread runs on; any
 * call extends it. ISO_CPU_QUIET_MS after the last call, every thread of both
 * processes goes back to the mask ihvd started with: a thread created in
 * between inherited the one CPU. Start-up calls (InitService, InitAdapter,
 * ValidateProfile, where ihv-rsn starts its PMK and algorithm threads) never
 * begin it, so those threads run beside the scan on any CPU.
 *
 * plugin_share_cpu=0 turns it off; a mask of one CPU needs none of it.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "common/log.h"
#include "common/loop.h"
#include "core/isolate.h"
#include "ipc/ipc-ids.h"

struct iso_cpu {
	struct loop_timer *quiet;
	cpu_set_t mask;      /* ihvd's own at start: what both go back to */
	bool shared;
	bool refused;        /* the kernel would not place the host: not tried again */
	pid_t host;          /* the host placed beside us, while shared */
	uint64_t last_us;    /* the last call's start, while shared */
};

/* The calls of a connection's conversation begin the sharing; the rest only extend it. */
static bool iso_cpu_begins(uint16_t id)
{
	switch ((enum ipc_call_id)id) {
	case IPC_H_CAPABILITY_MATCH:
	case IPC_H_PRE_ASSOCIATE:
	case IPC_H_POST_ASSOCIATE:
	case IPC_H_RECEIVE_PACKET:
	case IPC_H_AUTH_START:
	case IPC_H_AUTH_RX:
		return true;
	case IPC_H_DEINIT_SERVICE:
	case IPC_H_INIT_ADAPTER:
	case IPC_H_DEINIT_ADAPTER:
	case IPC_H_ADAPTER_RESET:
	case IPC_H_STOP_POST_ASSOCIATE:
	case IPC_H_VALIDATE_PROFILE:
	case IPC_H_CREATE_DISCOVERY_PROFILES:
	case IPC_H_SESSION_CHANGE:
	case IPC_H_RECEIVE_INDICATION:
	case IPC_H_SEND_COMPLETION:
	case IPC_H_IS_UI_PENDING:
	case IPC_H_UI_RESPONSE:
	case IPC_H_QUERY_UI:
	case IPC_H_ONEX_RESULT:
	case IPC_H_CONTROL:
	case IPC_H_GET_VERSION:
	case IPC_H_INIT_SERVICE:
	case IPC_H_INIT_VS:
	case IPC_H_REASON_TEXT:
	case IPC_H_TIMER:
	case IPC_H_AUTH_STOP:
	case IPC_H_AUTH_ASSOC_STATUS:
	case IPC_H_MAX:
		return false;
	}
	return false;
}

/* Every thread of pid back to mask; a thread that is gone is skipped. */
static void iso_cpu_tasks_set(pid_t pid, const cpu_set_t *mask)
{
	char path[48];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			(void)sched_setaffinity((pid_t)atoi(e->d_name), sizeof(*mask), mask);
	closedir(d);
}

void iso_cpu_spread(struct iso_cpu *c)
{
	if (!c || !c->shared)
		return;
	c->shared = false;
	loop_timer_cancel(c->quiet);
	/* ours too: the 802.1X warm-up may have started a thread from the loop thread meanwhile */
	iso_cpu_tasks_set(getpid(), &c->mask);
	if (c->host > 0)
		iso_cpu_tasks_set(c->host, &c->mask);
	c->host = 0;
}

static void iso_cpu_quiet_cb(void *arg)
{
	struct iso_cpu *c = arg;
	uint64_t idle_ms = (loop_now_us() - c->last_us) / 1000u;

	if (idle_ms < ISO_CPU_QUIET_MS) {
		loop_timer_arm(c->quiet, (uint32_t)(ISO_CPU_QUIET_MS - idle_ms));
		return;
	}
	iso_cpu_spread(c);
}

void iso_cpu_call_begin(struct iso_cpu *c, pid_t host, uint16_t id)
{
	cpu_set_t one;
	int cpu;

	if (!c || c->refused || host <= 0)
		return;
	if (c->shared && c->host == host) {
		c->last_us = loop_now_us();
		return;
	}
	if (!iso_cpu_begins(id))
		return;
	iso_cpu_spread(c); /* a host placed before is gone */
	cpu = sched_getcpu();
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &c->mask))
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0)
		return;
	if (sched_setaffinity(host, sizeof(one), &one) < 0) {
		log_info("the plugin host cannot share ihvd's CPU (%s); each runs where the "
			 "scheduler puts it", strerror(errno));
		(void)sched_setaffinity(0, sizeof(c->mask), &c->mask);
		c->refused = true;
		return;
	}
	c->shared = true;
	c->host = host;
	c->last_us = loop_now_us();
	loop_timer_arm(c->quiet, ISO_CPU_QUIET_MS);
}

struct iso_cpu *iso_cpu_new(struct loop *loop, bool share)
{
	struct iso_cpu *c;

	if (!share)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	if (sched_getaffinity(0, sizeof(c->mask), &c->mask) < 0 || CPU_COUNT(&c->mask) < 2) {
		free(c); /* one CPU: the pair shares it already */
		return NULL;
	}
	c->quiet = loop_timer_new(loop, iso_cpu_quiet_cb, c);
	if (!c->quiet) {
		free(c);
		return NULL;
	}
	return c;
}

void iso_cpu_free(struct iso_cpu *c)
{
	if (!c)
		return;
	iso_cpu_spread(c);
	loop_timer_free(c->quiet);
	free(c);
}
