// SPDX-License-Identifier: BSD-3-Clause
/* Logging: levels filter output, the hook sees every line, files append. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/log.h"

static char last[256];
static enum log_level last_level;
static int hooked;

static void hook(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	hooked++;
	last_level = level;
	snprintf(last, sizeof(last), "%s", line);
}

START_TEST(test_hook_sees_formatted_lines)
{
	hooked = 0;
	log_hook_set(hook, NULL);
	log_err("contract rule %d: %s", 27, "synchronous completion");
	ck_assert_int_eq(hooked, 1);
	ck_assert_int_eq(last_level, LOG_LEVEL_ERROR);
	ck_assert_str_eq(last, "contract rule 27: synchronous completion");
	log_hook_set(NULL, NULL);
}
END_TEST

START_TEST(test_level_filters_file_output)
{
	char path[] = "/tmp/ihvd-test-log-XXXXXX";
	int fd = mkstemp(path);
	char buf[512] = "";
	FILE *f;

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(log_file_open(path), 0);
	log_level_set(LOG_LEVEL_INFO);
	log_debug("hidden line");
	log_info("shown line");
	log_close();
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_gt(fread(buf, 1, sizeof(buf) - 1, f), 0);
	fclose(f);
	unlink(path);
	ck_assert_ptr_null(strstr(buf, "hidden line"));
	ck_assert_ptr_nonnull(strstr(buf, "info: shown line"));
}
END_TEST

START_TEST(test_unwritable_file_is_an_error)
{
	ck_assert_int_lt(log_file_open("/nonexistent-dir/ihvd.log"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("log");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_hook_sees_formatted_lines);
	tcase_add_test(tc, test_level_filters_file_output);
	tcase_add_test(tc, test_unwritable_file_is_an_error);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
