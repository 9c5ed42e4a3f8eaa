/*
 * Dot11ExtAllocateBuffer / Dot11ExtFreeBuffer in the plugin host: buffers
 * live on the side that uses them (issue 11). Same rules as ihvd's own
 * (contract rules 8, 10): only between InitService and DeinitService, and a
 * pointer we did not hand out is refused and logged. What crosses to ihvd
 * (a QueryUIRequest result, discovery profiles) is copied into ihvd's own
 * buffers there; what ihvd hands over (custom user data) is copied into
 * one of ours here.
 */
#include <stdlib.h>
#include <string.h>

#include "plugin-host/host.h"

#define PHOST_BUFFER_MAGIC 0x4948564275666668ull

struct phost_buffer_hdr {
	uint64_t magic;
	uint64_t size;
};

bool phost_buffer_ours(const void *p)
{
	return p && ((const struct phost_buffer_hdr *)p - 1)->magic == PHOST_BUFFER_MAGIC;
}

DWORD WINAPI phost_buffer_alloc(DWORD count, LPVOID *pp)
{
	struct phost_buffer_hdr *b;

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
	b = malloc(sizeof(*b) + (count ? count : 1));
	if (!b)
		return ERROR_OUTOFMEMORY;
	b->magic = PHOST_BUFFER_MAGIC;
	b->size = count;
	*pp = b + 1;
	return ERROR_SUCCESS;
}

VOID WINAPI phost_buffer_free(LPVOID p)
{
	struct phost_buffer_hdr *b;

	if (!p)
		return;
	if (!phost_buffer_ours(p)) {
		phost_log(DOT11EXT_LINUX_LOG_ERROR, "Dot11ExtFreeBuffer of memory that "
			  "Dot11ExtAllocateBuffer did not return (ignored)");
		return;
	}
	b = (struct phost_buffer_hdr *)p - 1;
	b->magic = 0;
	explicit_bzero(b + 1, b->size);
	free(b);
}
