// SPDX-License-Identifier: BSD-3-Clause
/*
 * libsystemd loaded on first use (src/daemon/sd-load.c): a missing library
 * or one without the functions is a clear error naming it, every time, with
 * nothing half-loaded; the real one fills every entry; logind_new without
 * logind loads nothing.
 */
#define _GNU_SOURCE
#define SD_LOAD_NO_REDIRECT /* the table itself is looked at, not called */
#include <check.h>
#include <dlfcn.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon/logind.h"
#include "daemon/sd-load.h"
#include "tests/unit/daemon/check-run.h"

/* How many entries of the table are set (of SD_LOAD_ENTRIES). */
#define SD_LOAD_COUNT(name) +1
#define SD_LOAD_ENTRIES (0 SD_LOAD_FUNCS(SD_LOAD_COUNT))

static int table_entries_set(void)
{
	const void *const *p = (const void *const *)&sd_load_table;
	size_t i;
	int n = 0;

	ck_assert_uint_eq(sizeof(sd_load_table), SD_LOAD_ENTRIES * sizeof(void *));
	for (i = 0; i < SD_LOAD_ENTRIES; i++)
		n += p[i] != NULL;
	return n;
}

static void setup(void)
{
}

static void teardown(void)
{
	sd_load_library_set(NULL);
}

START_TEST(test_missing_library_named_every_time)
{
	char err[256] = "", again[256] = "";

	sd_load_library_set("libihvd-no-such-systemd.so.0");
	ck_assert_int_eq(sd_load(err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "cannot load libihvd-no-such-systemd.so.0"), "%s", err);
	ck_assert_int_eq(table_entries_set(), 0);
	/* a second call fails the same way: nothing was kept from the first */
	ck_assert_int_eq(sd_load(again, sizeof(again)), -1);
	ck_assert_str_eq(again, err);
	ck_assert_int_eq(table_entries_set(), 0);
}
END_TEST

START_TEST(test_library_without_the_functions)
{
	char err[256] = "";

	/* loads, but is not libsystemd */
	sd_load_library_set("libc.so.6");
	ck_assert_int_eq(sd_load(err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "libc.so.6 has no sd_bus_object_vtable_format"), "%s", err);
	ck_assert_int_eq(table_entries_set(), 0);
	/* a tiny error buffer is cut, never overrun */
	ck_assert_int_eq(sd_load(err, 8), -1);
	ck_assert_uint_eq(strlen(err), 7);
}
END_TEST

START_TEST(test_libsystemd_fills_every_entry)
{
	char err[256] = "";

	void *h;

	ck_assert_int_eq(sd_load(err, sizeof(err)), 0);
	ck_assert_int_eq(table_entries_set(), SD_LOAD_ENTRIES);
	/* the entries are libsystemd.so.0's own functions, and it is loaded now */
	h = dlopen(SD_LOAD_LIBRARY, RTLD_NOW | RTLD_NOLOAD);
	ck_assert_ptr_nonnull(h);
	ck_assert_ptr_eq((void *)sd_load_table.sd_notify, dlsym(h, "sd_notify"));
	ck_assert_ptr_eq((void *)sd_load_table.sd_bus_message_append,
			 dlsym(h, "sd_bus_message_append"));
	dlclose(h);
	/* once loaded, it stays: a later call is 0 whatever the name says */
	sd_load_library_set("libihvd-no-such-systemd.so.0");
	ck_assert_int_eq(sd_load(err, sizeof(err)), 0);
	ck_assert_int_eq(table_entries_set(), SD_LOAD_ENTRIES);
}
END_TEST

START_TEST(test_no_logind_loads_nothing)
{
	struct stat st;
	char err[256] = "";

	if (stat("/run/systemd/seats", &st) == 0)
		return; /* logind runs here: that path is the hwsim scenarios' */
	ck_assert_ptr_null(logind_new(NULL, NULL, NULL, err, sizeof(err)));
	ck_assert_msg(strstr(err, "/run/systemd/seats"), "%s", err);
	ck_assert_int_eq(table_entries_set(), 0);
}
END_TEST

int main(void)
{
	return CHECK_RUN("sd-load", setup, teardown, test_missing_library_named_every_time,
			 test_library_without_the_functions, test_libsystemd_fills_every_entry,
			 test_no_logind_loads_nothing);
}
