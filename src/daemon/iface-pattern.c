// SPDX-License-Identifier: BSD-3-Clause
/* Interface name patterns for -i (iface-pattern.h). */
#include "daemon/iface-pattern.h"

#include <fnmatch.h>
#include <string.h>

bool iface_pattern_is(const char *s)
{
	return s && strpbrk(s, "*?[") != NULL;
}

bool iface_pattern_match(const char *pattern, const char *name)
{
	return fnmatch(pattern, name, 0) == 0;
}

uint32_t iface_pattern_first(const char *pattern, bool (*taken)(void *ctx, const char *name),
			     void *ctx, char out[IF_NAMESIZE])
{
	struct if_nameindex *all = if_nameindex(), *p;
	uint32_t idx = 0;

	if (!all)
		return 0;
	for (p = all; p->if_index && p->if_name; p++) {
		if (!iface_pattern_match(pattern, p->if_name) || (taken && taken(ctx, p->if_name)))
			continue;
		if (strlen(p->if_name) >= IF_NAMESIZE)
			continue;
		strcpy(out, p->if_name);
		idx = p->if_index;
		break;
	}
	if_freenameindex(all);
	return idx;
}
