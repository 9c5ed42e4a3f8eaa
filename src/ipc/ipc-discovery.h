/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CreateDiscoveryProfiles' answer inside its blocks (contract rule 65), for the side that
 * holds them: ihvd's core when the plugin runs inline, the plugin host when it is isolated.
 * The side says what its blocks are (ipc_blocks); the reading and freeing rules are one.
 */
#ifndef IHVD_IPC_IPC_DISCOVERY_H
#define IHVD_IPC_IPC_DISCOVERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wlanihv.h"

struct ipc_blocks {
	size_t (*size)(const void *p);              /* the block's size, 0 when not a block */
	bool (*holds_utf16)(const uint16_t *p);     /* a block holding p's terminator */
	void (*free_fragment)(void *ctx, void *p);  /* a fragment handed back, freed once */
	void *ctx;
};

/*
 * How many of the list's entries lie inside its block, at most 64 (only those are read);
 * *ok is false when that is not all of them, or a fragment is not a block holding its
 * terminator, or is the list itself.
 */
uint32_t ipc_discovery_check(const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l,
			     const struct ipc_blocks *b, bool *ok);

/* The fragments of the list's first n entries, each once (a shared one too); not the list. */
void ipc_discovery_free_fragments(const DOT11EXT_IHV_DISCOVERY_PROFILE_LIST *l, uint32_t n,
				  const struct ipc_blocks *b);

#endif
