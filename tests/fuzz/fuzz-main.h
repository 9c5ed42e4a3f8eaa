/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The fuzz targets' main() when they are not linked with libFuzzer: every
 * file named on the command line (or every file in a named directory) is
 * run once through LLVMFuzzerTestOneInput. This is how the ordinary and the
 * sanitizer builds replay the checked-in corpora and the regression inputs.
 * With -DIHV_LIBFUZZER (make fuzz) libFuzzer supplies main().
 */
#ifndef IHVD_TESTS_FUZZ_MAIN_H
#define IHVD_TESTS_FUZZ_MAIN_H

#ifndef IHV_LIBFUZZER
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_main_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f) {
		perror(path);
		return -1;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

static int fuzz_main_path(const char *path, unsigned *runs)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if (stat(path, &st)) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*runs)++;
		return fuzz_main_file(path);
	}
	d = opendir(path);
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char sub[4096];

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (fuzz_main_path(sub, runs))
			rc = -1;
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned runs = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++)
		if (fuzz_main_path(argv[i], &runs))
			rc = 1;
	printf("%s: %u inputs replayed%s\n", argv[0], runs, rc ? " (some unreadable)" : "");
	return rc;
}
#endif

#endif
