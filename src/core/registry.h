/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The contract host's registry: the leaf every other core file may call and
 * that calls none of them. It owns
 *
 *   - the host lock (ihv_lock/ihv_unlock): a plain, non-recursive mutex that
 *     protects the handle table and, by convention, all host state a plugin
 *     thread can reach. Never held across a call into the plugin or the
 *     driver, never taken twice by one thread. In a checked build (tests:
 *     ihv_registry_lock_checked) it is PTHREAD_MUTEX_ERRORCHECK and a nested
 *     lock or a foreign unlock aborts;
 *   - the opaque handles the host mints for the plugin: hDot11SvcHandle,
 *     hConnectSession, hSecuritySessionID, timer handles. Values are never
 *     raw pointers and never reused (a 64-bit serial, odd, with the kind in
 *     the low bits), so a stale handle can always be told from a live one
 *     (contract §9);
 *   - the loaded hosts, the id serial, which host's handler the calling
 *     thread runs, and the plugin's label for log lines. A host's label is
 *     fixed when it is loaded and never changes, so it is read without the
 *     lock (a log line under the lock needs no second lock).
 */
#ifndef IHVD_CORE_REGISTRY_H
#define IHVD_CORE_REGISTRY_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "wlanihv.h"

struct ihv_host;
struct ihv_adapter;

/* ---- the lock ---- */
void ihv_lock(void);
void ihv_unlock(void);
/*
 * Make the lock PTHREAD_MUTEX_ERRORCHECK: a second ihv_lock by the holder
 * (EDEADLK) or an unlock by another thread (EPERM) logs and aborts. For test
 * programs; call it before any host exists, with the lock free.
 */
void ihv_registry_lock_checked(void);
bool ihv_registry_lock_is_checked(void);

/* ---- handles (contract §9) ---- */
enum ihv_handle_kind {
	IHV_HANDLE_SVC = 1,       /* hDot11SvcHandle: an adapter */
	IHV_HANDLE_CONNECT,       /* hConnectSession */
	IHV_HANDLE_SECURITY,      /* hSecuritySessionID */
	IHV_HANDLE_TIMER,         /* Linux addition: a plugin timer */
};

/* Under the lock. NULL on no memory. */
void *ihv_handle_new(enum ihv_handle_kind kind, void *obj);
/*
 * Under the lock. The object of a live handle of that kind, else NULL; then
 * *why (may be NULL) says why: the text given to ihv_handle_kill for a
 * handle that died recently, "unknown handle" otherwise.
 */
void *ihv_handle_get(const void *handle, enum ihv_handle_kind kind,
		     const char **why);
/* Under the lock. why: a static string ("the pre-association completed"). */
void ihv_handle_kill(const void *handle, const char *why);
/* A short printable id for logs. */
unsigned long long ihv_handle_id(const void *handle);
/* Live handles (for leak checks in tests). Takes the lock. */
unsigned ihv_handle_live_count(void);

/* ---- hosts and ids (all under the lock) ---- */
void ihv_host_register(struct ihv_host *h);
void ihv_host_unregister(struct ihv_host *h);
struct ihv_host *ihv_host_any(void);                /* one whose service is up */
struct ihv_adapter *ihv_adapter_by_id(uint64_t id);
struct ihv_host *ihv_host_by_id(uint64_t id);
uint64_t ihv_next_id(void);
/* The adapter of a live hDot11SvcHandle, else NULL and a log line naming contract rule 12. */
struct ihv_adapter *ihv_adapter_from_svc(HANDLE svc, const char *fn);
/*
 * Not under the lock: take it and look the adapter up. On success the lock
 * is held (the caller unlocks); on failure it is not, and NULL is returned.
 */
struct ihv_adapter *ihv_adapter_lock_svc(HANDLE svc, const char *fn);

/* ---- the label ---- */
/*
 * Fix h's label (its file name without ".so") at load, before the plugin
 * runs; it becomes the label of plugin threads too. No lock needed.
 */
void ihv_registry_label_set(struct ihv_host *h, const char *plugin_path);
/*
 * For log lines: the label of the host whose handler this thread runs, else
 * of the last loaded plugin, else "plugin". Never takes the lock.
 */
const char *ihv_plugin_label(void);

/* ---- handler calls (loop thread) ---- */
bool ihv_on_loop_thread(const struct ihv_host *h);
/* The host whose handler the calling thread is running, if any. */
struct ihv_host *ihv_current_host(void);

/* Which handler the loop thread is inside (for contract rules 27, 31, 36). */
enum ihv_handler_id {
	IHV_IN_NONE,
	IHV_IN_INIT_ADAPTER,
	IHV_IN_DEINIT_ADAPTER,
	IHV_IN_PRE_ASSOCIATE,
	IHV_IN_ADAPTER_RESET,
	IHV_IN_POST_ASSOCIATE,
	IHV_IN_STOP_POST_ASSOCIATE,
	IHV_IN_RECEIVE_PACKET,
	IHV_IN_SEND_COMPLETION,
	IHV_IN_UI,
	IHV_IN_OTHER,
	IHV_IN_TIMER,
};

/* Entering / leaving a handler call on the loop thread; takes the lock. */
struct ihv_call {
	struct ihv_host *prev_host;
	enum ihv_handler_id prev_in;
	pthread_t prev_thread;
};
void ihv_call_enter(struct ihv_host *h, struct ihv_adapter *a,
		    enum ihv_handler_id id, struct ihv_call *save);
void ihv_call_leave(struct ihv_host *h, struct ihv_adapter *a,
		    struct ihv_call *save);
/* Is the calling thread inside handler id of adapter a? Under the lock. */
bool ihv_in_handler(const struct ihv_adapter *a, enum ihv_handler_id id);

#endif
