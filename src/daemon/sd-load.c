// SPDX-License-Identifier: BSD-3-Clause
/* libsystemd with dlopen on first use (sd-load.h). */
#define SD_LOAD_NO_REDIRECT
#include "daemon/sd-load.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

struct sd_load_table sd_load_table;

/* Any non-NULL address will do (see sd-load.h); 242 is the format's version. */
const unsigned sd_load_vtable_format = 242;

static void *sd_load_handle;
static const char *sd_load_soname = SD_LOAD_LIBRARY;

void sd_load_library_set(const char *soname)
{
	sd_load_soname = soname ? soname : SD_LOAD_LIBRARY;
}

/* One symbol's address; NULL (err says which) when the library lacks it. */
static void *sd_load_symbol(void *h, const char *name, char *err, size_t err_len)
{
	void *p = dlsym(h, name);

	if (!p)
		snprintf(err, err_len, "%s has no %s (libsystemd too old?)", sd_load_soname,
			 name);
	return p;
}

int sd_load(char *err, size_t err_len)
{
	struct sd_load_table t = { 0 };
	const char *why;
	void *h, *p;

	if (sd_load_handle)
		return 0;
	dlerror();
	h = dlopen(sd_load_soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		why = dlerror();
		snprintf(err, err_len, "cannot load %s (%s)", sd_load_soname,
			 why ? why : "unknown error");
		return -1;
	}
	p = sd_load_symbol(h, "sd_bus_object_vtable_format", err, err_len);
#define SD_LOAD_RESOLVE(name)                                   \
	if (p) {                                                \
		p = sd_load_symbol(h, #name, err, err_len);     \
		t.name = (typeof(t.name))p;                     \
	}
	SD_LOAD_FUNCS(SD_LOAD_RESOLVE)
#undef SD_LOAD_RESOLVE
	if (!p) {
		dlclose(h);
		return -1;
	}
	sd_load_table = t;
	sd_load_handle = h;
	return 0;
}
