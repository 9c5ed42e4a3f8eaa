/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Files that ship beside ihvd: found relative to the running executable, so
 * that a build tree (build/ihvd next to build/ihvd-plugin-host) and an
 * installed tree (sbin/ihvd, libexec/ihvd/...) both work without a path
 * compiled in.
 */
#ifndef IHVD_COMMON_EXE_PATH_H
#define IHVD_COMMON_EXE_PATH_H

#include <stddef.h>

/*
 * The first of rels (paths relative to the directory of /proc/self/exe)
 * that access(2) grants mode, as a malloc'd path; NULL when none does.
 */
char *exe_path_beside(const char *const *rels, size_t n, int mode);

#endif
