// SPDX-License-Identifier: BSD-3-Clause
/*
 * The core's log, read for violations. The contract host already checks
 * every rule it can and logs a refusal as "contract rule N: ..." at warning
 * or error level (docs/contract.md §10: "refusals are logged as 'contract
 * rule N: ...'"); a few of its messages name no number and are mapped here.
 * Debug and info lines are never violations (e.g. "UI request ... cancelled:
 * AdapterReset (contract rule 23)" describes the host keeping the rule).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "verify/verify.h"

/* Messages of the core that name no rule number, and the rule they are about. */
static const struct {
	const char *text;
	int rule;
} watch_unnumbered[] = {
	/* contract rule 2: the version range must include interface version 0 */
	{ "does not include interface version 0", 2 },
	/* contract rule 25: "followed by exactly one PreAssociateCompletion" */
	{ "did not complete the pre-association", 25 },
	/* contract rule 38: "a completion naming another peer is refused" */
	{ "for a peer that is not the port's", 38 },
	/* contract rule 9 (ihvd): "Linux timers left over are destroyed and logged" */
	{ "left at DeinitService destroyed", 9 },
};

int verify_watch_rule_of(const char *line)
{
	static const char tag[] = "contract rule ";
	const char *p = strstr(line, tag);
	size_t i;

	if (p) {
		long n = strtol(p + sizeof(tag) - 1, NULL, 10);

		if (n >= 1 && n <= VERIFY_RULES)
			return (int)n;
	}
	for (i = 0; i < sizeof(watch_unnumbered) / sizeof(watch_unnumbered[0]); i++)
		if (strstr(line, watch_unnumbered[i].text))
			return watch_unnumbered[i].rule;
	return 0;
}

static void watch_hook(void *ctx, enum log_level level, const char *line)
{
	struct verify_watch *w = ctx;
	int rule;

	if (w->verbose)
		fprintf(stderr, "  | %s\n", line);
	if (level > LOG_LEVEL_WARN)
		return;
	rule = verify_watch_rule_of(line);
	if (rule) {
		if (!w->count[rule]++)
			snprintf(w->first[rule], sizeof(w->first[rule]), "%s", line);
		return;
	}
	if (w->notes < sizeof(w->note) / sizeof(w->note[0]))
		snprintf(w->note[w->notes], sizeof(w->note[0]), "%s", line);
	w->notes++;
}

void verify_watch_start(struct verify_watch *w, bool verbose)
{
	memset(w, 0, sizeof(*w));
	w->verbose = verbose;
	/* the hook sees every level; the core's own output goes nowhere (-v: the hook's copy) */
	log_level_set(LOG_LEVEL_ERROR);
	if (log_file_open("/dev/null") < 0)
		fprintf(stderr, "ihv-verify: /dev/null: cannot open; the core's errors stay "
			"on stderr\n");
	log_hook_set(watch_hook, w);
}
