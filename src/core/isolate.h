/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The plugin in a process of its own (issue 11), ihvd's side: a proxy that
 * looks to the rest of the core exactly like a dlopen'ed plugin (the same
 * exports, the same 19-entry handler table), and that forwards each call
 * to ihvd-plugin-host over the protocol of src/ipc/. The plugin's service
 * calls come back and run the real services (isolate-svc.c).
 *
 *   isolate-proc.c  the process: spawn, HELLO, channel B's thread, death,
 *                   the crash path (teardown, backoff, restart), give-up
 *   isolate-call.c  the calls: channel A's wait loop (with the handler
 *                   deadline, contract rule 9), the handler proxies, the
 *                   exports
 *   isolate-svc.c   serving one IPC_SVC frame against the real tables
 */
#ifndef IHVD_CORE_ISOLATE_H
#define IHVD_CORE_ISOLATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ihvlinux.h"
#include "ipc/ipc.h"
#include "wlanihv.h"

struct ihv_host;
struct ihv_host_params;

#define IHV_ISOLATE_DEFAULT_TIMEOUT_MS 5000u
#define IHV_ISOLATE_MAX_CRASHES        5u    /* in a row: then given up */
#define IHV_ISOLATE_MAX_SENDS          256u  /* SendPacket without completion */
/* live timers: 64, or 16 per adapter where there are more than 4 adapters (ihv-rsn.so uses
 * about 5 per adapter; one ihvd -N with 16 radios needs more than 64) */
#define IHV_ISOLATE_MAX_TIMERS         64u
#define IHV_ISOLATE_TIMERS_PER_ADAPTER 16u
#define IHV_ISOLATE_BURST              64u   /* UI requests / notifications per second */

/* One adapter as the proxy knows it: what InitAdapter needs again after a restart. */
struct ihv_isolate_adapter {
	struct ihv_isolate_adapter *next;
	HANDLE svc;
	HANDLE remote;           /* the plugin's hIhvExtAdapter in the current process */
	GUID guid;
	uint16_t *desc;
	DOT11_CURRENT_OPERATION_MODE mode;
};

/* What serving a service call needs (isolate-svc.c); also the fuzz target's input. */
struct ihv_isolate_tables {
	DOT11EXT_APIS apis;
	DOT11EXT_LINUX_APIS lx;
	DOT11EXT_VIRTUAL_STATION_APIS vs;
	bool have_lx, have_vs;
	bool have_lx2;            /* the core's table has the authentication exchange */
	DOT11EXT_LINUX_TIMER_CALLBACK timer_cb;   /* the proxy's timer callback */
	/* the proxies the core gets for the plugin's authentication handlers */
	const DOT11EXT_LINUX_AUTH_HANDLERS *auth_proxies;
	bool auth_set;            /* the core holds them (RegisterAuthHandlers went through) */
	bool rewalking;           /* InitService again in a restarted process (loop thread) */
	bool auth_again;          /* ... and it registered its handlers again */
	/* flood bounds (any thread: under lock) */
	pthread_mutex_t lock;
	unsigned sends, timers;
	unsigned adapters;        /* initialised adapters: the timer bound grows with them */
	uint64_t burst_window_ms;
	unsigned burst;
	bool post_success;        /* a PostAssociateCompletion(success) went through */
};

struct ihv_isolate {
	struct ihv_host *h;
	char *plugin_path, *host_path, *user;
	bool seccomp;
	uint32_t timeout_ms;
	void (*crashed)(void *ctx, const char *plugin, const char *what, unsigned crashes,
			bool gave_up);
	void *crash_ctx;

	pid_t pid;
	int fd_a, fd_b, fd_fault;
	struct ipc_rx rx_a, rx_b; /* what was read of channels A and B past a frame */
	pthread_t b_thread;
	bool b_running;
	uint32_t hello_flags;
	uint32_t handler_mask;
	bool dead, gave_up, crash_posted, loaded;
	char b_why[160];          /* why channel B's thread stopped the process */
	int cur_call;             /* the call ihvd waits on, -1 */
	int depth;
	char why[384];            /* the last crash, for the log and the event */
	unsigned crashes_total, crashes_row;
	struct loop_timer *restart_timer;
	struct iso_cpu *cpu;      /* the pair on one CPU while a connection talks (NULL: off) */

	struct ihv_isolate_tables t;
	struct ihv_isolate_adapter *adapters;
	uint32_t version;         /* what InitService was called with */
};

/* The exports the core calls, as plugin.c finds them with dlsym when inline. */
struct ihv_plugin_exports {
	DOT11EXTIHV_GET_VERSION_INFO get_version;
	DOT11EXTIHV_INIT_SERVICE init_service;
	DOT11EXTIHV_INIT_VIRTUAL_STATION init_vs;       /* NULL when not exported */
	bool has_reason_text;
};

/* isolate-proc.c */
struct ihv_isolate *ihv_isolate_open(struct ihv_host *h, const struct ihv_host_params *p,
				     struct ihv_plugin_exports *ex, char *err, size_t err_len);
void ihv_isolate_close(struct ihv_isolate *iso);
/* The host process is gone or must go: log why, start the crash path (loop thread). */
void ihv_isolate_fault(struct ihv_isolate *iso, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Spawn the process and read its HELLO; 0 or -1 with err. */
int ihv_isolate_spawn(struct ihv_isolate *iso, char *err, size_t err_len);

/*
 * isolate-cpu.c (issue 16): while a connection's calls run, ihvd's loop
 * thread and the host's main thread share one CPU; ISO_CPU_QUIET_MS after the
 * last call both go back to ihvd's mask. NULL (share false, or one CPU) is off.
 */
#define ISO_CPU_QUIET_MS 1000u
struct iso_cpu;
struct loop;
struct iso_cpu *iso_cpu_new(struct loop *loop, bool share);
void iso_cpu_free(struct iso_cpu *c);
/* Loop thread, before the outermost call id to the host: begin or extend the sharing. */
void iso_cpu_call_begin(struct iso_cpu *c, pid_t host, uint16_t id);
/* Both processes back to ihvd's mask now (before a new host is forked, or it died). */
void iso_cpu_spread(struct iso_cpu *c);

/* isolate-call.c */
extern const DOT11EXT_IHV_HANDLERS ihv_isolate_handlers;
extern DOT11EXT_LINUX_TIMER_CALLBACK ihv_isolate_timer_cb;
extern const DOT11EXT_LINUX_AUTH_HANDLERS ihv_isolate_auth_handlers;
DWORD WINAPI ihv_isolate_get_version(PDOT11_IHV_VERSION_INFO vi);
DWORD WINAPI ihv_isolate_init_service(DWORD ver, PDOT11EXT_APIS apis, LPVOID reserved,
				      PDOT11EXT_IHV_HANDLERS hd);
DWORD WINAPI ihv_isolate_init_vs(PDOT11EXT_VIRTUAL_STATION_APIS vs, LPVOID reserved);
int ihv_isolate_reason_text(struct ihv_isolate *iso, uint32_t code, char *buf, size_t len);
/* A call and its reply (loop thread); -1 when the process is gone. */
int ihv_isolate_call(struct ihv_isolate *iso, uint16_t id, struct ipc_wr *w,
		     struct ipc_msg *ret);
/* Walk the contract again in a new process: GetVersionInfo, InitService, InitVS. */
int ihv_isolate_rewalk(struct ihv_isolate *iso, char *err, size_t len);
/* ... then InitAdapter for each adapter, with the same hDot11SvcHandle. */
DWORD ihv_isolate_init_adapter_again(struct ihv_isolate *iso, struct ihv_isolate_adapter *ia);

/* isolate-svc.c: serve one service frame; false when it is malformed. */
bool ihv_isolate_svc_serve(struct ihv_isolate_tables *t, uint16_t id, const uint8_t *p,
			   size_t len, struct ipc_wr *reply);
void ihv_isolate_tables_init(struct ihv_isolate_tables *t);
/* SendPacketCompletion went to the plugin: one send less in flight. */
void ihv_isolate_send_done(struct ihv_isolate_tables *t);

#endif
