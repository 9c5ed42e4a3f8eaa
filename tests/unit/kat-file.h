/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Known-answer files recorded on this test bed (tests/unit/eap/data/NAME.kat by
 * tests/interop/record-eap-kat.sh, tests/unit/rsn/data/sae-NAME.kat by
 * tests/interop/record-sae-kat.sh): "name=value" lines, '#' comments, values in hex (an
 * optional "0x" prefix) or short text (kept as written in text[]). Header-only: each test
 * is one program.
 */
#ifndef TEST_KAT_FILE_H
#define TEST_KAT_FILE_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define KAT_MAX 40
#define KAT_VAL_MAX 1024

struct kat {
	char name[KAT_MAX][24];
	uint8_t val[KAT_MAX][KAT_VAL_MAX];
	size_t len[KAT_MAX];
	char text[KAT_MAX][16]; /* the value as written (method, version, group, ...) */
	int n;
};

static inline int kat_hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* data/<file> next to the source file src (the caller's __FILE__: see kat_load). */
static inline void kat_load_at(struct kat *k, const char *src, const char *file)
{
	char path[512], line[2 * KAT_VAL_MAX + 64];
	const char *slash = strrchr(src, '/');
	FILE *f;

	memset(k, 0, sizeof(*k));
	snprintf(path, sizeof(path), "%.*sdata/%s", slash ? (int)(slash - src + 1) : 0, src, file);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	while (fgets(line, sizeof(line), f)) {
		char *eq = strchr(line, '='), *v;
		size_t n = 0;

		if (line[0] == '#' || !eq)
			continue;
		ck_assert_int_lt(k->n, KAT_MAX);
		*eq = 0;
		v = eq + 1;
		v[strcspn(v, "\r\n")] = 0;
		snprintf(k->name[k->n], sizeof(k->name[0]), "%.23s", line);
		snprintf(k->text[k->n], sizeof(k->text[0]), "%.15s", v);
		if (v[0] == '0' && v[1] == 'x')
			v += 2;
		for (; kat_hex_nibble(v[0]) >= 0 && kat_hex_nibble(v[1]) >= 0 && n < KAT_VAL_MAX;
		     v += 2)
			k->val[k->n][n++] = (uint8_t)(kat_hex_nibble(v[0]) << 4 | kat_hex_nibble(v[1]));
		k->len[k->n++] = n;
	}
	fclose(f);
}

#define kat_load(k, file) kat_load_at((k), __FILE__, (file))

/* The index of a recorded value, or -1 when the file does not have it. */
static inline int kat_find_opt(const struct kat *k, const char *name)
{
	for (int i = 0; i < k->n; i++) {
		if (strcmp(k->name[i], name) == 0)
			return i;
	}
	return -1;
}

static inline int kat_find(const struct kat *k, const char *name)
{
	int i = kat_find_opt(k, name);

	ck_assert_msg(i >= 0, "recorded value %s missing", name);
	return i;
}

/* The value, of whatever length was recorded. */
static inline const uint8_t *kat_val(const struct kat *k, const char *name, size_t *len)
{
	int i = kat_find(k, name);

	*len = k->len[i];
	return k->val[i];
}

/* The value, which must have been recorded with exactly len octets. */
static inline const uint8_t *kat_get(const struct kat *k, const char *name, size_t len)
{
	int i = kat_find(k, name);

	ck_assert_msg(k->len[i] == len, "%s: %zu octets recorded, want %zu", name, k->len[i], len);
	return k->val[i];
}

#endif
