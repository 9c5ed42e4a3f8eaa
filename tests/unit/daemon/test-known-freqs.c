// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/daemon/known-freqs.c: the last links' channels in the state directory,
 * their text, what a damaged file gives, and the file written whole.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/known-freqs.h"
#include "tests/unit/daemon/check-run.h"

static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/ihvd-known-freqs.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/wlan0.freqs", dir);
}

static void teardown(void)
{
	char p[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static void file_put(const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

static size_t dir_entries(void)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t n = 0;

	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

START_TEST(test_saved_links_read_back_in_order)
{
	const struct known_freq l[] = {
		{ .freq = 2437, .ssid = "ihvd-test", .ssid_len = 9 },
		{ .freq = 5180, .ssid = { 'a', 0, ' ', '\n' }, .ssid_len = 4 }, /* any octets */
		{ .freq = 2412, .ssid_len = 0 },                               /* hidden, unnamed */
	};
	struct known_freq got[KNOWN_FREQS_MAX];
	struct stat sb;
	size_t n = 99, i;

	ck_assert_int_eq(known_freqs_save(path, l, 3), 0);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	ck_assert_uint_eq(dir_entries(), 1); /* no temporary file left beside it */
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_uint_eq(got[i].freq, l[i].freq);
		ck_assert_uint_eq(got[i].ssid_len, l[i].ssid_len);
		ck_assert_mem_eq(got[i].ssid, l[i].ssid, l[i].ssid_len);
	}
	/* rewritten whole: one entry now */
	ck_assert_int_eq(known_freqs_save(path, l + 1, 1), 0);
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(got[0].freq, 5180);
}
END_TEST

START_TEST(test_missing_file_is_no_links)
{
	struct known_freq got[KNOWN_FREQS_MAX];
	size_t n = 99;

	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* Each damaged line is skipped alone; the good ones around it are kept. */
START_TEST(test_bad_lines_skipped)
{
	static const char text[] =
		"# ihvd known frequencies v1\n"
		"2437 696876642d74657374\n"
		"\n"
		"99999 6869\n"          /* not a Wi-Fi channel */
		"2399 6869\n"           /* below 2.4 GHz */
		"7130 6869\n"           /* above 6 GHz */
		"2400 6869\n"           /* in the band, no channel's centre */
		"5000 6869\n"
		"5965 6869\n"           /* 6 GHz: 5955 + 20 k only */
		"2417 6869\r\n"         /* CR LF: taken */
		"2412 6g69\n"           /* not hex */
		"2412 686\n"            /* odd digits */
		"2412\n"                /* no SSID field */
		" 2412 6869\n"          /* leading space */
		"2412  6869\n"          /* two spaces */
		"024120 6869\n"         /* too many digits */
		"2412 "
		"00000000000000000000000000000000000000000000000000000000000000000000\n" /* 34 */
		"5180 \n"               /* an empty SSID */
		"2462 6869";            /* no newline at the end */
	struct known_freq got[KNOWN_FREQS_MAX];
	size_t n, bad = 0;

	n = known_freqs_parse(text, strlen(text), got, KNOWN_FREQS_MAX, &bad);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(bad, 13);
	ck_assert_uint_eq(got[0].freq, 2437);
	ck_assert_mem_eq(got[0].ssid, "ihvd-test", 9);
	ck_assert_uint_eq(got[1].freq, 2417);
	ck_assert_mem_eq(got[1].ssid, "hi", 2);
	ck_assert_uint_eq(got[2].freq, 5180);
	ck_assert_uint_eq(got[2].ssid_len, 0);
	ck_assert_uint_eq(got[3].freq, 2462);
	ck_assert_mem_eq(got[3].ssid, "hi", 2);
	/* read from a file: 1, the lines were skipped (and said) */
	file_put(text, strlen(text));
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 1);
	ck_assert_uint_eq(n, 4);
}
END_TEST

/* More lines than kept links: the newest (first) are taken; a file too large is refused. */
START_TEST(test_limits)
{
	static const char text[] = "2412 61\n2417 62\n2422 63\n2427 64\n2432 65\n2437 66\n";
	struct known_freq got[KNOWN_FREQS_MAX];
	char *big;
	size_t n = 99, bad = 0;

	n = known_freqs_parse(text, strlen(text), got, KNOWN_FREQS_MAX, &bad);
	ck_assert_uint_eq(n, KNOWN_FREQS_MAX);
	ck_assert_uint_eq(bad, 6 - KNOWN_FREQS_MAX);
	ck_assert_uint_eq(got[0].freq, 2412);
	ck_assert_uint_eq(got[KNOWN_FREQS_MAX - 1].freq, 2427);

	big = malloc(KNOWN_FREQS_FILE_MAX + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, '#', KNOWN_FREQS_FILE_MAX + 1);
	file_put(big, KNOWN_FREQS_FILE_MAX + 1);
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), -EFBIG);
	ck_assert_uint_eq(n, 0);
	file_put(big, KNOWN_FREQS_FILE_MAX); /* at the limit: read (all comment) */
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(big);
}
END_TEST

/* The channels kept are those the kernel can know (IEEE 802.11-2020 Annex E). */
START_TEST(test_channels)
{
	static const uint32_t yes[] = { 2412, 2437, 2472, 2484, 4920, 5035, 5180, 5825, 5925,
					5935, 5955, 6115, 7115 };
	static const uint32_t no[] = { 0, 2407, 2413, 2477, 2483, 2485, 4905, 4995, 5000, 5930,
				       5945, 5960, 5965, 7135, 60480 };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(known_freqs_is_channel(yes[i]), "%u", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!known_freqs_is_channel(no[i]), "%u", no[i]);
}
END_TEST

/* Only a regular file is read: a FIFO put there does not block the start. */
START_TEST(test_fifo_refused)
{
	struct known_freq got[KNOWN_FREQS_MAX];
	size_t n = 99;

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), -EINVAL);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* A directory that cannot be written: the error, and the old file as it was. */
START_TEST(test_failed_save_keeps_old_file)
{
	const struct known_freq a = { .freq = 2412, .ssid = "a", .ssid_len = 1 };
	const struct known_freq b = { .freq = 2462, .ssid = "b", .ssid_len = 1 };
	struct known_freq got[KNOWN_FREQS_MAX];
	char sub[512];
	size_t n;

	ck_assert_int_eq(known_freqs_save(path, &a, 1), 0);
	/* the temporary file's name taken by a directory: the write fails */
	snprintf(sub, sizeof(sub), "%s.tmp", path);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_lt(known_freqs_save(path, &b, 1), 0);
	rmdir(sub);
	ck_assert_int_eq(known_freqs_load(path, got, KNOWN_FREQS_MAX, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(got[0].freq, 2412);
	/* a path in no directory */
	ck_assert_int_eq(known_freqs_save("/nonexistent-ihvd-dir/wlan0.freqs", &b, 1), -ENOENT);
}
END_TEST

int main(void)
{
	return CHECK_RUN("known-freqs", setup, teardown, test_saved_links_read_back_in_order,
			 test_missing_file_is_no_links, test_bad_lines_skipped, test_limits,
			 test_failed_save_keeps_old_file, test_channels, test_fifo_refused);
}
