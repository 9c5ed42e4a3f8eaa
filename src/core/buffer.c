// SPDX-License-Identifier: BSD-3-Clause
/*
 * Dot11ExtAllocateBuffer / Dot11ExtFreeBuffer (contract §4.2; contract rules 8, 10,
 * 65): blocks the host knows by address (common/block-set.c), cleansed when
 * freed. A pointer the plugin did not get from here, or already freed, is
 * refused without being read through.
 */
#include "core/ihv-core.h"
#include "core/service.h"
#include "common/block-set.h"
#include "common/log.h"

static struct block_set buffer_blocks = BLOCK_SET_INIT;

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
	struct ihv_host *h;
	void *p;

	if (!pp)
		return ERROR_INVALID_PARAMETER;
	*pp = NULL;
	if (!buffer_service_live("Dot11ExtAllocateBuffer"))
		return ERROR_INVALID_STATE;
	if (count > 64u * 1024 * 1024)
		return ERROR_OUTOFMEMORY;
	p = block_set_alloc(&buffer_blocks, count);
	if (!p)
		return ERROR_OUTOFMEMORY;
	ihv_lock();
	h = ihv_current_host() ? ihv_current_host() : ihv_host_any();
	if (h)
		h->outstanding_buffers++;
	ihv_unlock();
	*pp = p; /* counted first: a free from another thread finds it counted */
	return ERROR_SUCCESS;
}

VOID WINAPI ihv_buffer_free(LPVOID p)
{
	struct ihv_host *h;

	if (!p)
		return;
	if (!block_set_free(&buffer_blocks, p)) {
		log_err("%s: Dot11ExtFreeBuffer of memory that Dot11ExtAllocateBuffer did not return (ignored)",
			ihv_plugin_label());
		return;
	}
	ihv_lock();
	h = ihv_current_host() ? ihv_current_host() : ihv_host_any();
	if (h && h->outstanding_buffers)
		h->outstanding_buffers--;
	ihv_unlock();
}

/* For the host itself (contract rule 65): is p an AllocateBuffer block? */
bool ihv_buffer_ours(const void *p)
{
	return block_set_owns(&buffer_blocks, p, NULL);
}

/* ... and how large (0 when it is not one)? */
size_t ihv_buffer_size(const void *p)
{
	size_t size;

	return block_set_owns(&buffer_blocks, p, &size) ? size : 0;
}

/* ... of at least need octets, so that reading need octets stays inside it? */
bool ihv_buffer_holds(const void *p, size_t need)
{
	return block_set_holds(&buffer_blocks, p, need);
}

/* ... holding a NUL-terminated UTF-16 string (at most IHV_MAX_BLOB units)? */
bool ihv_buffer_holds_utf16(const uint16_t *p)
{
	return block_set_holds_utf16(&buffer_blocks, p, IHV_MAX_BLOB);
}
