/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The blocks Dot11ExtAllocateBuffer hands a plugin (contract rules 10, 65),
 * known by address. Whether a pointer is one of them is answered from the set
 * alone: a pointer the plugin made up, or one it already freed, is never read
 * through, so a plugin that passes one is refused without ihvd (or the plugin
 * host) touching memory it does not own. One limit: malloc may give a freed
 * block's address to a new block, and a stale pointer equal to it is then that
 * new block. Thread-safe: a plugin may allocate and free from any of its
 * threads.
 */
#ifndef IHVD_COMMON_BLOCK_SET_H
#define IHVD_COMMON_BLOCK_SET_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct block_set {
	pthread_mutex_t lock;
	void *root; /* tsearch(3) tree of the blocks' user addresses */
	size_t n;
};

#define BLOCK_SET_INIT { PTHREAD_MUTEX_INITIALIZER, NULL, 0 }

/* A zero-filled block of count octets (at least one is allocated), or NULL. */
void *block_set_alloc(struct block_set *s, size_t count);

/*
 * Is p a live block of s? p is compared, never dereferenced; the block's size
 * goes to *size (may be NULL), read only once the set has vouched for p.
 */
bool block_set_owns(struct block_set *s, const void *p, size_t *size);

/* Is p a live block of s with room for need octets from its start? */
bool block_set_holds(struct block_set *s, const void *p, size_t need);

/*
 * Is p a live block of s holding a UTF-16 string whose terminator lies inside
 * the block, within max_units? Only the block's own octets are read.
 */
bool block_set_holds_utf16(struct block_set *s, const uint16_t *p, size_t max_units);

/*
 * Wipes and frees p when it is a live block of s and returns true; returns
 * false, touching nothing, when it is not (NULL included).
 */
bool block_set_free(struct block_set *s, void *p);

/* How many blocks are live. */
size_t block_set_count(struct block_set *s);

#endif
