// SPDX-License-Identifier: BSD-3-Clause
/*
 * A scenario's expectations, and the lines they become. An expectation is
 * met unless the core logged a violation of its rule during the scenario or
 * the verifier saw it broken itself; a rule the core flagged that the
 * scenario did not expect is reported as violated too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "verify/verify.h"

static struct verify_expect *report_slot(struct verify_report *r, int rule)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->e[i].rule == rule)
			return &r->e[i];
	if (r->n == VERIFY_EXPECT_MAX)
		return NULL;
	memset(&r->e[r->n], 0, sizeof(r->e[0]));
	r->e[r->n].rule = rule;
	return &r->e[r->n++];
}

void verify_expect(struct verify_report *r, int rule, const char *fmt, ...)
{
	struct verify_expect *e = report_slot(r, rule);
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	va_end(ap);
}

void verify_fail(struct verify_report *r, int rule, const char *fmt, ...)
{
	struct verify_expect *e = report_slot(r, rule);
	va_list ap;

	if (!e || e->why[0])
		return; /* the first reason is the one to read */
	va_start(ap, fmt);
	vsnprintf(e->why, sizeof(e->why), fmt, ap);
	va_end(ap);
	e->skipped = false;
}

void verify_skip(struct verify_report *r, int rule, const char *fmt, ...)
{
	struct verify_expect *e = report_slot(r, rule);
	va_list ap;

	if (!e || e->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(e->why, sizeof(e->why), fmt, ap);
	va_end(ap);
	e->skipped = true;
}

void verify_report_line(int fd, char kind, const char *fmt, ...)
{
	char line[640];
	va_list ap;
	int n;

	line[0] = kind;
	line[1] = ' ';
	va_start(ap, fmt);
	n = vsnprintf(line + 2, sizeof(line) - 3, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n = (int)strlen(line);
	line[n++] = '\n';
	if (write(fd, line, (size_t)n) != n)
		fprintf(stderr, "ihv-verify: lost a report line\n");
}

static void report_one(const struct verify_report *r, const struct verify_watch *w,
		       const struct verify_expect *e)
{
	if (w->count[e->rule])
		verify_report_line(r->fd, 'V', "rule %d VIOLATED: %s: %s%s", e->rule, r->scenario,
				   w->first[e->rule],
				   w->count[e->rule] > 1 ? " (and more)" : "");
	else if (e->why[0] && !e->skipped)
		verify_report_line(r->fd, 'V', "rule %d VIOLATED: %s: %s", e->rule, r->scenario,
				   e->why);
	else if (e->skipped)
		verify_report_line(r->fd, 'S', "rule %d not checked: %s: %s", e->rule,
				   r->scenario, e->why);
	else
		verify_report_line(r->fd, 'M', "rule %d met: %s: %s", e->rule, r->scenario,
				   e->what);
}

void verify_report_flush(struct verify_report *r, const struct verify_watch *w)
{
	struct verify_expect extra;
	size_t i;
	int rule;

	for (i = 0; i < r->n; i++)
		report_one(r, w, &r->e[i]);
	for (rule = 1; rule <= VERIFY_RULES; rule++) {
		bool expected = false;

		if (!w->count[rule])
			continue;
		for (i = 0; i < r->n; i++)
			expected |= r->e[i].rule == rule;
		if (expected)
			continue;
		memset(&extra, 0, sizeof(extra));
		extra.rule = rule;
		report_one(r, w, &extra);
	}
	for (i = 0; i < w->notes && i < sizeof(w->note) / sizeof(w->note[0]); i++)
		verify_report_line(r->fd, 'N', "note: %s: %s", r->scenario, w->note[i]);
	if (w->notes > i)
		verify_report_line(r->fd, 'N', "note: %s: %u more warnings (-v shows them)",
				   r->scenario, w->notes - (unsigned)i);
}
