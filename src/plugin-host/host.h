/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihvd-plugin-host: one plugin in a process of its own (issue 11). ihvd
 * starts it with three descriptors:
 *
 *	3  channel A: ihvd's loop thread <-> this process's main thread. ihvd's
 *	   first frame is IPC_CREDS (the plugin user, host-sandbox.c); then it
 *	   sends handler calls (IPC_CALL); the main thread runs them and
 *	   answers (IPC_RETURN); service calls made by the plugin from inside a
 *	   handler or a timer callback go the same way (IPC_SVC), and ihvd
 *	   serves them while it waits, so nesting works in both directions.
 *	4  channel B: service calls from the plugin's own threads, one at a
 *	   time, served by a thread of ihvd's (as in-process: not the loop).
 *	5  the fault pipe: one IPC_FAULT frame written by a signal handler
 *	   (a fatal signal, or a system call the seccomp filter trapped).
 *
 * It may include common/, plugin-api/ and ipc/ only (scripts/check-arrows).
 */
#ifndef IHVD_PLUGIN_HOST_HOST_H
#define IHVD_PLUGIN_HOST_HOST_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>

#include "ihvlinux.h"
#include "ipc/ipc.h"
#include "wlanihv.h"

#define PHOST_FD_A 3
#define PHOST_FD_B 4
#define PHOST_FD_FAULT 5

struct phost {
	pthread_t main_thread;
	pthread_mutex_t b_lock;       /* one channel-B round trip at a time */
	void *dl;
	DOT11EXTIHV_GET_VERSION_INFO get_version;
	DOT11EXTIHV_INIT_SERVICE init_service;
	DOT11EXTIHV_INIT_VIRTUAL_STATION init_vs;
	DOT11EXTIHV_LINUX_REASON_TEXT reason_text;
	DOT11EXT_IHV_HANDLERS hd;
	DOT11EXT_LINUX_AUTH_HANDLERS auth_hd; /* RegisterAuthHandlers (ihvlinux.h v2) */
	bool auth_set;                /* ... went through in ihvd */
	volatile sig_atomic_t cur_call; /* the call id the main thread runs, or -1 */
	bool service_up;              /* InitService entered .. DeinitService returned */
	int depth;                    /* nested calls on the main thread */
	struct ipc_rx rx_a, rx_b;     /* what was read of channels A and B past a frame */
};

extern struct phost phost;

/* host-chan.c: channel A's dispatch loop; returns when ihvd closes it. */
int phost_chan_run(void);
/*
 * A service call: on the main thread through channel A (serving nested
 * calls meanwhile), elsewhere through channel B. The reply payload is
 * returned in *m (ipc_msg_free it). -1 when ihvd is gone: the caller
 * returns an error to the plugin (the process is about to end anyway).
 */
int phost_svc(uint16_t id, const struct ipc_wr *w, struct ipc_msg *m);
/*
 * A service sent as IPC_NOTE (ipc_svc_is_note) on channel A: no reply is awaited. Only from
 * the main thread inside a call (-1 otherwise: the caller makes the round trip instead).
 */
int phost_note(uint16_t id, const struct ipc_wr *w);
/* The main thread, inside one of ihvd's calls: ihvd's loop thread is the caller and waits. */
bool phost_in_call(void);

/* host-calls.c: run one IPC_CALL and write its reply into w. false: bad frame. */
bool phost_call(uint16_t id, struct ipc_rd *r, struct ipc_wr *w);

/* host-svc.c: the tables handed to the plugin */
extern const DOT11EXT_APIS phost_apis;
extern const DOT11EXT_LINUX_APIS phost_linux_apis;
extern const DOT11EXT_VIRTUAL_STATION_APIS phost_vs_apis;
/* A Linux timer fired in ihvd: run its callback. */
void phost_timer_fire(HANDLE t);
/* DeinitService returned: ihvd destroyed the timers the plugin left (contract §12.9). */
void phost_timers_forget(void);
/* Buffers of Dot11ExtAllocateBuffer live here (contract rule 10). */
DWORD WINAPI phost_buffer_alloc(DWORD count, LPVOID *pp);
VOID WINAPI phost_buffer_free(LPVOID p);
bool phost_buffer_ours(const void *p);
/* its size (0: not a block); room for need octets; a UTF-16 string terminated inside it */
size_t phost_buffer_size(const void *p);
bool phost_buffer_holds(const void *p, size_t need);
#define PHOST_BUFFER_UTF16_MAX 65536 /* units, as ihvd's IHV_MAX_BLOB */
bool phost_buffer_holds_utf16(const uint16_t *p);
void phost_log(DWORD level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* host-sandbox.c */
#define PHOST_CREDS_TIMEOUT_MS 5000
/* Reads IPC_CREDS from channel A and drops to that user (when root); -1 and err on failure. */
int phost_sandbox_user(const char *user, char *err, size_t len);
int phost_sandbox_seccomp(char *err, size_t len);
void phost_sandbox_fault_handlers(void);

#endif
