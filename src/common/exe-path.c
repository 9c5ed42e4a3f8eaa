// SPDX-License-Identifier: BSD-3-Clause
/* Files beside the running executable (exe-path.h). */
#include "common/exe-path.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *exe_path_beside(const char *const *rels, size_t n, int mode)
{
	char exe[PATH_MAX], cand[PATH_MAX + 64], *slash;
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (len <= 0)
		return NULL;
	exe[len] = 0;
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(cand, sizeof(cand), "%s/%s", exe, rels[i]);
		if (access(cand, mode) == 0)
			return strdup(cand);
	}
	return NULL;
}
