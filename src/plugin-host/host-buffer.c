// SPDX-License-Identifier: BSD-3-Clause
/*
 * Dot11ExtAllocateBuffer / Dot11ExtFreeBuffer in the plugin host: buffers
 * live on the side that uses them (issue 11). Same rules as ihvd's own
 * (contract rules 8, 10): only between InitService and DeinitService, and a
 * pointer we did not hand out is refused and logged. What crosses to ihvd
 * (a QueryUIRequest result, discovery profiles) is copied into ihvd's own
 * buffers there; what ihvd hands over (custom user data) is copied into
 * one of ours here.
 */
#include "common/block-set.h"
#include "plugin-host/host.h"

/* known by address, so a made-up or freed pointer is refused unread */
static struct block_set phost_buffer_blocks = BLOCK_SET_INIT;

bool phost_buffer_ours(const void *p)
{
	return block_set_owns(&phost_buffer_blocks, p, NULL);
}

size_t phost_buffer_size(const void *p)
{
	size_t size;

	return block_set_owns(&phost_buffer_blocks, p, &size) ? size : 0;
}

bool phost_buffer_holds(const void *p, size_t need)
{
	return block_set_holds(&phost_buffer_blocks, p, need);
}

bool phost_buffer_holds_utf16(const uint16_t *p)
{
	return block_set_holds_utf16(&phost_buffer_blocks, p, PHOST_BUFFER_UTF16_MAX);
}

DWORD WINAPI phost_buffer_alloc(DWORD count, LPVOID *pp)
{
	if (!pp)
		return ERROR_INVALID_PARAMETER;
	*pp = NULL;
	if (!phost.service_up) {
		phost_log(DOT11EXT_LINUX_LOG_WARN, "Dot11ExtAllocateBuffer called outside "
			  "InitService..DeinitService (contract rule 8)");
		return ERROR_INVALID_STATE;
	}
	if (count > 64u * 1024 * 1024)
		return ERROR_OUTOFMEMORY;
	*pp = block_set_alloc(&phost_buffer_blocks, count);
	return *pp ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

VOID WINAPI phost_buffer_free(LPVOID p)
{
	if (p && !block_set_free(&phost_buffer_blocks, p))
		phost_log(DOT11EXT_LINUX_LOG_ERROR, "Dot11ExtFreeBuffer of memory that "
			  "Dot11ExtAllocateBuffer did not return (ignored)");
}
