// SPDX-License-Identifier: BSD-3-Clause
/*
 * Dot11ExtAllocateBuffer / Dot11ExtFreeBuffer (contract §4.2; contract rules 8, 10,
 * 65): blocks with a header the host can recognise, cleansed when freed.
 */
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/service.h"
#include "common/log.h"

#define BUFFER_MAGIC 0x4948564275666665ull /* "IHVBuffe" */

struct buffer_hdr {
	uint64_t magic;
	uint64_t size;
};

/* contract rule 8: nothing after DeinitService; contract rule 10: buffers from InitService on */
static bool buffer_service_live(const char *fn)
{
	bool up;

	ihv_lock();
	up = ihv_host_any() != NULL;
	ihv_unlock();
	if (!up)
		log_warn("plugin: %s called outside InitService..DeinitService (contract rule 8)",
			 fn);
	return up;
}

DWORD WINAPI ihv_buffer_alloc(DWORD count, LPVOID *pp)
{
	struct buffer_hdr *b;
	struct ihv_host *h;

	if (!pp)
		return ERROR_INVALID_PARAMETER;
	*pp = NULL;
	if (!buffer_service_live("Dot11ExtAllocateBuffer"))
		return ERROR_INVALID_STATE;
	if (count > 64u * 1024 * 1024)
		return ERROR_OUTOFMEMORY;
	b = malloc(sizeof(*b) + (count ? count : 1));
	if (!b)
		return ERROR_OUTOFMEMORY;
	b->magic = BUFFER_MAGIC;
	b->size = count;
	ihv_lock();
	h = ihv_current_host() ? ihv_current_host() : ihv_host_any();
	if (h)
		h->outstanding_buffers++;
	ihv_unlock();
	*pp = b + 1;
	return ERROR_SUCCESS;
}

VOID WINAPI ihv_buffer_free(LPVOID p)
{
	struct buffer_hdr *b;
	struct ihv_host *h;

	if (!p)
		return;
	b = (struct buffer_hdr *)p - 1;
	if (b->magic != BUFFER_MAGIC) {
		log_err("%s: Dot11ExtFreeBuffer of memory that Dot11ExtAllocateBuffer did not return (ignored)",
			ihv_plugin_label());
		return;
	}
	b->magic = 0;
	ihv_lock();
	h = ihv_current_host() ? ihv_current_host() : ihv_host_any();
	if (h && h->outstanding_buffers)
		h->outstanding_buffers--;
	ihv_unlock();
	explicit_bzero(b + 1, b->size);
	free(b);
}

/* For the host itself (contract rule 65): is p an AllocateBuffer block? */
bool ihv_buffer_ours(const void *p)
{
	return p && ((const struct buffer_hdr *)p - 1)->magic == BUFFER_MAGIC;
}
