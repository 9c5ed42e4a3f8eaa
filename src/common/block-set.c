// SPDX-License-Identifier: BSD-3-Clause
/*
 * Blocks known by address (block-set.h). Each block carries its size in a
 * header ahead of the octets the plugin sees, read only once the set has
 * vouched for the address. The set is glibc's tsearch(3) tree, ordered by
 * address, so a lookup costs O(log n) however many blocks a plugin leaks.
 */
#include <search.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/block-set.h"
#include "common/utf16.h"

/* 16 octets, so the plugin's octets keep malloc's alignment */
struct block_set_hdr {
	uint64_t size;
	uint64_t pad;
};

static int block_set_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return (x > y) - (x < y);
}

void *block_set_alloc(struct block_set *s, size_t count)
{
	struct block_set_hdr *h;
	void *p, *node;

	if (count > SIZE_MAX - sizeof(*h))
		return NULL;
	h = calloc(1, sizeof(*h) + (count ? count : 1));
	if (!h)
		return NULL;
	h->size = count;
	p = h + 1;
	pthread_mutex_lock(&s->lock);
	node = tsearch(p, &s->root, block_set_cmp);
	if (node)
		s->n++;
	pthread_mutex_unlock(&s->lock);
	if (!node) {
		free(h);
		return NULL;
	}
	return p;
}

bool block_set_owns(struct block_set *s, const void *p, size_t *size)
{
	bool found;

	if (!p)
		return false;
	pthread_mutex_lock(&s->lock);
	found = tfind(p, &s->root, block_set_cmp) != NULL;
	if (found && size) /* held: no other thread frees it meanwhile */
		*size = ((const struct block_set_hdr *)p - 1)->size;
	pthread_mutex_unlock(&s->lock);
	return found;
}

bool block_set_holds(struct block_set *s, const void *p, size_t need)
{
	size_t size;

	return block_set_owns(s, p, &size) && size >= need;
}

bool block_set_holds_utf16(struct block_set *s, const uint16_t *p, size_t max_units)
{
	size_t size, units;

	if (!block_set_owns(s, p, &size))
		return false;
	units = size / 2 < max_units ? size / 2 : max_units;
	return utf16_len(p, units) < units;
}

bool block_set_free(struct block_set *s, void *p)
{
	struct block_set_hdr *h;
	bool found;

	if (!p)
		return false;
	pthread_mutex_lock(&s->lock);
	found = tdelete(p, &s->root, block_set_cmp) != NULL;
	if (found)
		s->n--;
	pthread_mutex_unlock(&s->lock);
	if (!found)
		return false;
	/* the set vouched for p: its header is ours to read */
	h = (struct block_set_hdr *)p - 1;
	explicit_bzero(p, h->size);
	free(h);
	return true;
}

size_t block_set_count(struct block_set *s)
{
	size_t n;

	pthread_mutex_lock(&s->lock);
	n = s->n;
	pthread_mutex_unlock(&s->lock);
	return n;
}
