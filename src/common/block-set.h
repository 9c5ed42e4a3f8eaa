/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The blocks Dot11ExtAllocateBuffer hands a plugin (contract rules 10, 65),
 * known by address. Whether a pointer is one of them is answered from the set
 * alone: a pointer the plugin made up, or one it already freed, is never read
 * through, so a plugin that passes one is refused without ihvd (or the plugin
 * host) touching memory it does not own. Thread-safe: a plugin may allocate
 * and free from any of its threads.
 */
#ifndef IHVD_COMMON_BLOCK_SET_H
#define IHVD_COMMON_BLOCK_SET_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct block_set {
	pthread_mutex_t lock;
	void *root; /* tsearch(3) tree of the blocks' user addresses */
	size_t n;
};

#define BLOCK_SET_INIT { PTHREAD_MUTEX_INITIALIZER, NULL, 0 }

/* A zero-filled block of count octets (at least one is allocated), or NULL. */
void *block_set_alloc(struct block_set *s, size_t count);

/* Is p a live block of s? p is compared, never dereferenced. */
bool block_set_owns(struct block_set *s, const void *p);

/*
 * Wipes and frees p when it is a live block of s and returns true; returns
 * false, touching nothing, when it is not (NULL included).
 */
bool block_set_free(struct block_set *s, void *p);

/* How many blocks are live. */
size_t block_set_count(struct block_set *s);

#endif
