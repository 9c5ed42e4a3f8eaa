// SPDX-License-Identifier: BSD-3-Clause
/* The registry: lock, handles, hosts, label, handler calls (see registry.h). */
#define _GNU_SOURCE
#include "core/registry.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

/* ---- the lock ------------------------------------------------------------------ */

static pthread_mutex_t registry_mutex = PTHREAD_MUTEX_INITIALIZER;
static bool registry_checked;

static void registry_lock_fail(const char *what, int err)
{
	/* a bug in ihvd, never the plugin's: stop where it happened */
	log_err("core: host lock: %s failed: %s (a nested lock or a foreign unlock)",
		what, strerror(err));
	abort();
}

void ihv_lock(void)
{
	int r = pthread_mutex_lock(&registry_mutex);

	if (r)
		registry_lock_fail("lock", r);
}

void ihv_unlock(void)
{
	int r = pthread_mutex_unlock(&registry_mutex);

	if (r)
		registry_lock_fail("unlock", r);
}

void ihv_registry_lock_checked(void)
{
	pthread_mutexattr_t at;

	if (registry_checked)
		return;
	pthread_mutexattr_init(&at);
	pthread_mutexattr_settype(&at, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_destroy(&registry_mutex);
	pthread_mutex_init(&registry_mutex, &at);
	pthread_mutexattr_destroy(&at);
	registry_checked = true;
}

bool ihv_registry_lock_is_checked(void)
{
	return registry_checked;
}

/* ---- handles (contract §9) ------------------------------------------------------- */

struct registry_live {
	uint64_t value;
	void *obj;
};

struct registry_dead {
	uint64_t value;
	const char *why;
};

#define REGISTRY_DEAD_RING 256

static struct registry_live *live;
static unsigned n_live, cap_live;
static struct registry_dead dead[REGISTRY_DEAD_RING];
static unsigned dead_next;
static uint64_t serial;

void *ihv_handle_new(enum ihv_handle_kind kind, void *obj)
{
	uint64_t v;

	if (n_live == cap_live) {
		unsigned cap = cap_live ? cap_live * 2 : 16;
		struct registry_live *n = realloc(live, cap * sizeof(*n));

		if (!n)
			return NULL;
		live = n;
		cap_live = cap;
	}
	/* Never a valid pointer: odd, with a tag; never reused: a serial. */
	v = (++serial << 8) | ((uint64_t)kind << 4) | 0x5;
	live[n_live].value = v;
	live[n_live].obj = obj;
	n_live++;
	return (void *)(uintptr_t)v;
}

void *ihv_handle_get(const void *handle, enum ihv_handle_kind kind,
		     const char **why)
{
	uint64_t v = (uint64_t)(uintptr_t)handle;
	unsigned i;

	if (why)
		*why = handle ? "unknown handle" : "NULL handle";
	if (!handle)
		return NULL;
	for (i = 0; i < n_live; i++) {
		if (live[i].value != v)
			continue;
		if (((v >> 4) & 0xf) != (uint64_t)kind) {
			if (why)
				*why = "handle of another kind";
			return NULL;
		}
		return live[i].obj;
	}
	for (i = 0; i < REGISTRY_DEAD_RING; i++) {
		if (dead[i].value == v) {
			if (why)
				*why = dead[i].why;
			break;
		}
	}
	return NULL;
}

void ihv_handle_kill(const void *handle, const char *why)
{
	uint64_t v = (uint64_t)(uintptr_t)handle;
	unsigned i;

	if (!handle)
		return;
	for (i = 0; i < n_live; i++) {
		if (live[i].value != v)
			continue;
		live[i] = live[--n_live];
		dead[dead_next].value = v;
		dead[dead_next].why = why;
		dead_next = (dead_next + 1) % REGISTRY_DEAD_RING;
		break;
	}
	if (!n_live) {
		free(live);
		live = NULL;
		cap_live = 0;
	}
}

unsigned long long ihv_handle_id(const void *handle)
{
	return (unsigned long long)((uint64_t)(uintptr_t)handle >> 8);
}

unsigned ihv_handle_live_count(void)
{
	unsigned n;

	ihv_lock();
	n = n_live;
	ihv_unlock();
	return n;
}

/* ---- hosts and ids ------------------------------------------------------------------ */

static struct ihv_host *hosts; /* under the lock */

void ihv_host_register(struct ihv_host *h)
{
	h->next = hosts;
	hosts = h;
}

void ihv_host_unregister(struct ihv_host *h)
{
	struct ihv_host **pp;

	for (pp = &hosts; *pp; pp = &(*pp)->next) {
		if (*pp == h) {
			*pp = h->next;
			return;
		}
	}
}

struct ihv_host *ihv_host_any(void)
{
	struct ihv_host *h;

	for (h = hosts; h; h = h->next)
		if (h->service_up)
			return h;
	return NULL;
}

struct ihv_adapter *ihv_adapter_by_id(uint64_t id)
{
	struct ihv_host *h;
	struct ihv_adapter *a;

	for (h = hosts; h; h = h->next)
		for (a = h->adapters; a; a = a->next)
			if (a->id == id)
				return a;
	return NULL;
}

struct ihv_host *ihv_host_by_id(uint64_t id)
{
	struct ihv_host *h;

	for (h = hosts; h; h = h->next)
		if (h->id == id)
			return h;
	return NULL;
}

uint64_t ihv_next_id(void)
{
	static uint64_t next;

	return ++next;
}

struct ihv_adapter *ihv_adapter_from_svc(HANDLE svc, const char *fn)
{
	const char *why;
	struct ihv_adapter *a = ihv_handle_get(svc, IHV_HANDLE_SVC, &why);

	if (!a)
		log_warn("%s: %s with an invalid hDot11SvcHandle %#llx (%s; contract rule 12)",
			 ihv_plugin_label(), fn, ihv_handle_id(svc), why);
	return a;
}

struct ihv_adapter *ihv_adapter_lock_svc(HANDLE svc, const char *fn)
{
	struct ihv_adapter *a;

	ihv_lock();
	a = ihv_adapter_from_svc(svc, fn);
	if (!a)
		ihv_unlock();
	return a;
}

/* ---- the label ------------------------------------------------------------------------ */

/*
 * Labels are interned in static storage and never change or go away, so a
 * pointer to one stays valid for any thread without the lock. A host keeps
 * its own copy (h->name); plugin threads, which run no handler, use the last
 * one published.
 */
#define REGISTRY_LABELS 32

static char registry_labels[REGISTRY_LABELS][sizeof(((struct ihv_host *)0)->name)];
static unsigned registry_n_labels;                 /* under the lock */
static _Atomic(const char *) registry_label_last;  /* read without it */
static __thread struct ihv_host *registry_tls_host;

static const char *registry_label_intern(const char *name)
{
	unsigned i;

	for (i = 0; i < registry_n_labels; i++)
		if (!strcmp(registry_labels[i], name))
			return registry_labels[i];
	if (registry_n_labels == REGISTRY_LABELS)
		return "plugin";
	snprintf(registry_labels[registry_n_labels], sizeof(registry_labels[0]), "%s", name);
	return registry_labels[registry_n_labels++];
}

void ihv_registry_label_set(struct ihv_host *h, const char *plugin_path)
{
	const char *base = strrchr(plugin_path, '/');
	const char *label;
	size_t n;

	base = base ? base + 1 : plugin_path;
	snprintf(h->name, sizeof(h->name), "%s", base);
	n = strlen(h->name);
	if (n > 3 && !strcmp(h->name + n - 3, ".so"))
		h->name[n - 3] = 0;
	ihv_lock();
	label = registry_label_intern(h->name);
	ihv_unlock();
	atomic_store_explicit(&registry_label_last, label, memory_order_release);
}

const char *ihv_plugin_label(void)
{
	const char *label;

	if (registry_tls_host)
		return registry_tls_host->name; /* fixed at load */
	label = atomic_load_explicit(&registry_label_last, memory_order_acquire);
	return label ? label : "plugin";
}

/* ---- handler calls -------------------------------------------------------------------- */

bool ihv_on_loop_thread(const struct ihv_host *h)
{
	return pthread_equal(pthread_self(), h->loop_thread);
}

struct ihv_host *ihv_current_host(void)
{
	return registry_tls_host;
}

void ihv_call_enter(struct ihv_host *h, struct ihv_adapter *a,
		    enum ihv_handler_id id, struct ihv_call *save)
{
	save->prev_host = registry_tls_host;
	registry_tls_host = h;
	ihv_lock();
	h->handler_depth++;
	if (a) {
		save->prev_in = a->in_handler;
		save->prev_thread = a->handler_thread;
		a->in_handler = id;
		a->handler_thread = pthread_self();
	}
	ihv_unlock();
}

void ihv_call_leave(struct ihv_host *h, struct ihv_adapter *a,
		    struct ihv_call *save)
{
	ihv_lock();
	h->handler_depth--;
	if (a) {
		a->in_handler = save->prev_in;
		a->handler_thread = save->prev_thread;
	}
	ihv_unlock();
	registry_tls_host = save->prev_host;
}

bool ihv_in_handler(const struct ihv_adapter *a, enum ihv_handler_id id)
{
	return a->in_handler == id && pthread_equal(a->handler_thread, pthread_self());
}
