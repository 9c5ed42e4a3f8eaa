/* Host-minted opaque handles (contract §9). */
#define _GNU_SOURCE /* PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP */
#include "core/handle.h"

#include <pthread.h>
#include <stdlib.h>

struct handle_entry {
	uint64_t value;
	void *obj;
};

struct dead_entry {
	uint64_t value;
	const char *why;
};

#define DEAD_RING 256

/* recursive: logging under the lock may ask for the plugin's name */
static pthread_mutex_t handle_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static struct handle_entry *live;
static unsigned n_live, cap_live;
static struct dead_entry dead[DEAD_RING];
static unsigned dead_next;
static uint64_t serial;

void ihv_lock(void)
{
	pthread_mutex_lock(&handle_mutex);
}

void ihv_unlock(void)
{
	pthread_mutex_unlock(&handle_mutex);
}

void *ihv_handle_new(enum ihv_handle_kind kind, void *obj)
{
	uint64_t v;

	if (n_live == cap_live) {
		unsigned cap = cap_live ? cap_live * 2 : 16;
		struct handle_entry *n = realloc(live, cap * sizeof(*n));

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
	for (i = 0; i < DEAD_RING; i++) {
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
		dead_next = (dead_next + 1) % DEAD_RING;
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
