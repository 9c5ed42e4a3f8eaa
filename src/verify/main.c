// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihv-verify PLUGIN.so: the plugin in ihvd's contract host over a simulated
 * adapter, through the contract's demanding sequences; one line per
 * expectation, by rule, a summary, and an exit status (man/ihv-verify.1).
 *
 * Each scenario runs in a child process of its own: a fresh dlopen, and a
 * plugin that crashes or hangs there costs that scenario only. The child
 * writes its lines to a pipe; the parent prints and counts them.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "verify/verify.h"

/* The child's exit statuses, for the parent. */
#define MAIN_CHILD_DONE 0
#define MAIN_CHILD_REFUSED 10    /* the host refused the plugin, naming a rule */
#define MAIN_CHILD_NOT_LOADED 11 /* not loadable for another reason */

/* What ihvd's daemon hands a plugin (src/daemon/profile.h), for SSID "ihv-verify". */
#define MAIN_SSID_HEX "6968762d766572696679"
static const char main_conn_xml[] =
	"<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>" MAIN_SSID_HEX
	"</Ssid></IhvConnectivity>";
static const char main_sec_xml[] =
	"<IhvSecurity xmlns=\"urn:ihvd:rsn:1\"><Ssid>" MAIN_SSID_HEX "</Ssid>"
	"<AuthMode>WPA-PSK</AuthMode><Pairwise>CCMP</Pairwise><Group>CCMP</Group>"
	"<Pmf>0</Pmf><Passphrase>ihv-verify passphrase</Passphrase></IhvSecurity>";

struct main_totals {
	unsigned met, violated, skipped, notes, unfinished;
	bool rule_violated[VERIFY_RULES + 1];
	bool not_loaded, refused;
};

static void main_usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: ihv-verify [options] PLUGIN.so\n"
		"  -s, --scenario NAME     run only this scenario (repeatable)\n"
		"  -c, --cycles N          connect/disconnect cycles (default 100)\n"
		"  -t, --timeout MS        the plugin's deadline to complete a pre-association\n"
		"                          and to return from a handler (default 3000)\n"
		"      --connectivity FILE the IHV connectivity profile fragment to hand over\n"
		"      --security FILE     the IHV security profile fragment to hand over\n"
		"      --isolated          the plugin in ihvd-plugin-host, as ihvd runs it\n"
		"      --plugin-host PATH  the ihvd-plugin-host binary (with --isolated)\n"
		"  -l, --list              list the scenarios\n"
		"  -v, --verbose           the host's log on stderr\n"
		"  -h, --help\n"
		"scenarios:");
	for (i = 0; i < verify_n_scenarios; i++)
		fprintf(f, " %s", verify_scenarios[i].name);
	fprintf(f, "\n");
}

/* A whole file as a string (the profile fragments). NULL with errno. */
static char *main_read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > 65536 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		errno = EFBIG;
		return NULL;
	}
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
		errno = EIO;
	}
	fclose(f);
	/* one line, as the daemon builds it */
	if (buf)
		buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

/* The child: one scenario in a world of its own. Never returns. */
static void main_child(const struct verify_opts *o, const struct verify_scenario *s, int fd)
{
	struct verify_watch watch;
	struct verify_report r;
	struct verify_world w;
	int rule;

	verify_watch_start(&watch, o->verbose);
	memset(&r, 0, sizeof(r));
	r.scenario = s->name;
	r.fd = fd;
	if (verify_world_open(&w, o)) {
		rule = verify_watch_rule_of(w.err);
		verify_world_close(&w);
		if (rule) {
			verify_report_line(fd, 'V', "rule %d VIOLATED: %s: the host refused the "
					   "plugin: %s", rule, s->name, w.err);
			_exit(MAIN_CHILD_REFUSED);
		}
		verify_report_line(fd, 'L', "not loaded: %s", w.err);
		_exit(MAIN_CHILD_NOT_LOADED);
	}
	s->run(&w, &r);
	verify_world_close(&w);
	if (w.crashes)
		verify_report_line(fd, 'C', "%s: the plugin's process crashed: %s", s->name,
				   w.crash);
	verify_report_flush(&r, &watch);
	_exit(MAIN_CHILD_DONE);
}

/* Print and count one line from a child. */
static void main_line(struct main_totals *t, char *line)
{
	const char *text = line[0] && line[1] == ' ' ? line + 2 : line;
	int rule;

	switch (line[0]) {
	case 'M':
		t->met++;
		break;
	case 'V':
		t->violated++;
		if (sscanf(text, "rule %d", &rule) == 1 && rule >= 1 && rule <= VERIFY_RULES)
			t->rule_violated[rule] = true;
		break;
	case 'S':
		t->skipped++;
		break;
	case 'N':
		t->notes++;
		break;
	case 'C':
		t->unfinished++;
		break;
	case 'L':
		t->not_loaded = true;
		break;
	default:
		break;
	}
	printf("%s\n", text);
	fflush(stdout);
}

/* Read the child's lines until it closes the pipe, or its deadline. */
static bool main_collect(struct main_totals *t, int fd, uint64_t deadline_ms)
{
	char buf[4096], *nl;
	size_t have = 0;
	uint64_t end = loop_now_us() / 1000 + deadline_ms;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		uint64_t now = loop_now_us() / 1000;
		ssize_t n;
		int pr;

		if (now >= end)
			return false;
		pr = poll(&p, 1, (int)(end - now));
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr <= 0)
			return false;
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		while ((nl = strchr(buf, '\n'))) {
			*nl = '\0';
			main_line(t, buf);
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have + 1);
		}
		if (have == sizeof(buf) - 1) { /* a line too long: print what there is */
			main_line(t, buf);
			have = 0;
		}
	}
	if (have)
		main_line(t, buf);
	return true;
}

static void main_scenario(const struct verify_opts *o, const struct verify_scenario *s,
			  struct main_totals *t)
{
	/* each wait of a scenario is bounded by the timeout; the cycles repeat them */
	uint64_t deadline = 30000 + (uint64_t)o->timeout_ms * 8 + (uint64_t)o->cycles * 100;
	int fds[2], status = 0;
	bool finished;
	pid_t pid;

	printf("== %s: %s\n", s->name, s->title);
	fflush(stdout);
	if (pipe(fds)) {
		perror("ihv-verify: pipe");
		exit(VERIFY_EXIT_UNFINISHED);
	}
	pid = fork();
	if (pid < 0) {
		perror("ihv-verify: fork");
		exit(VERIFY_EXIT_UNFINISHED);
	}
	if (pid == 0) {
		close(fds[0]);
		main_child(o, s, fds[1]);
	}
	close(fds[1]);
	finished = main_collect(t, fds[0], deadline);
	close(fds[0]);
	if (!finished) {
		kill(pid, SIGKILL);
		printf("%s: did not finish within %llu ms: killed (a handler or the plugin's "
		       "threads hang; try --isolated)\n", s->name, (unsigned long long)deadline);
		t->unfinished++;
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!finished)
		return;
	if (WIFSIGNALED(status)) {
		printf("%s: did not finish: the process died of signal %d (%s) inside the "
		       "plugin or the host\n", s->name, WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
		t->unfinished++;
	} else if (WEXITSTATUS(status) == MAIN_CHILD_REFUSED) {
		t->refused = true;
	} else if (WEXITSTATUS(status) == MAIN_CHILD_NOT_LOADED) {
		t->not_loaded = true;
	} else if (WEXITSTATUS(status) != MAIN_CHILD_DONE) {
		printf("%s: did not finish: exit status %d\n", s->name, WEXITSTATUS(status));
		t->unfinished++;
	}
}

static int main_summary(const struct verify_opts *o, const struct main_totals *t)
{
	char rules[VERIFY_RULES * 4 + 1] = "";
	size_t n = 0;
	int rule;

	for (rule = 1; rule <= VERIFY_RULES; rule++)
		if (t->rule_violated[rule])
			n += (size_t)snprintf(rules + n, sizeof(rules) - n, " %d", rule);
	printf("summary: %s: %u met, %u violated, %u not checked, %u unfinished%s%s%s\n",
	       o->plugin, t->met, t->violated, t->skipped, t->unfinished,
	       n ? " (rules violated:" : "", rules, n ? ")" : "");
	if (t->violated)
		return VERIFY_EXIT_VIOLATED;
	if (t->not_loaded)
		return VERIFY_EXIT_NOT_LOADED;
	if (t->unfinished)
		return VERIFY_EXIT_UNFINISHED;
	return VERIFY_EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	enum { OPT_CONN = 256, OPT_SEC, OPT_ISOLATED, OPT_PLUGIN_HOST };
	static const struct option longs[] = {
		{ "scenario", required_argument, NULL, 's' },
		{ "cycles", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "connectivity", required_argument, NULL, OPT_CONN },
		{ "security", required_argument, NULL, OPT_SEC },
		{ "isolated", no_argument, NULL, OPT_ISOLATED },
		{ "plugin-host", required_argument, NULL, OPT_PLUGIN_HOST },
		{ "list", no_argument, NULL, 'l' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct verify_opts o = {
		.conn_xml = main_conn_xml,
		.sec_xml = main_sec_xml,
		.timeout_ms = 3000,
		.cycles = 100,
	};
	const char *only[16];
	size_t n_only = 0, i, j;
	struct main_totals t;
	char *end;
	long v;
	int c;

	while ((c = getopt_long(argc, argv, "s:c:t:lvh", longs, NULL)) != -1) {
		switch (c) {
		case 's':
			if (n_only == sizeof(only) / sizeof(only[0]))
				return VERIFY_EXIT_USAGE;
			only[n_only++] = optarg;
			break;
		case 'c':
		case 't':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > (c == 'c' ? 100000 : 600000)) {
				fprintf(stderr, "ihv-verify: -%c %s: not a number in range\n", c,
					optarg);
				return VERIFY_EXIT_USAGE;
			}
			if (c == 'c')
				o.cycles = (unsigned)v;
			else
				o.timeout_ms = (uint32_t)v;
			break;
		case OPT_CONN:
		case OPT_SEC:
			end = main_read_file(optarg);
			if (!end) {
				fprintf(stderr, "ihv-verify: %s: %s\n", optarg, strerror(errno));
				return VERIFY_EXIT_USAGE;
			}
			if (c == OPT_CONN)
				o.conn_xml = end;
			else
				o.sec_xml = end;
			break;
		case OPT_ISOLATED:
			o.isolated = true;
			break;
		case OPT_PLUGIN_HOST:
			o.plugin_host = optarg;
			break;
		case 'l':
			for (i = 0; i < verify_n_scenarios; i++)
				printf("%-15s %s\n", verify_scenarios[i].name,
				       verify_scenarios[i].title);
			return VERIFY_EXIT_CLEAN;
		case 'v':
			o.verbose = true;
			break;
		case 'h':
			main_usage(stdout);
			return VERIFY_EXIT_CLEAN;
		default:
			main_usage(stderr);
			return VERIFY_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		main_usage(stderr);
		return VERIFY_EXIT_USAGE;
	}
	o.plugin = argv[optind];
	for (j = 0; j < n_only; j++) {
		for (i = 0; i < verify_n_scenarios; i++)
			if (!strcmp(only[j], verify_scenarios[i].name))
				break;
		if (i == verify_n_scenarios) {
			fprintf(stderr, "ihv-verify: no scenario %s (-l lists them)\n", only[j]);
			return VERIFY_EXIT_USAGE;
		}
	}
	if (access(o.plugin, R_OK)) {
		fprintf(stderr, "ihv-verify: %s: %s\n", o.plugin, strerror(errno));
		return VERIFY_EXIT_NOT_LOADED;
	}
	/* a path of its own: dlopen would search the library path, the plugin host its root */
	end = realpath(o.plugin, NULL);
	if (end)
		o.plugin = end;
	printf("ihv-verify: %s (%s), the contract's rules as numbered in docs/contract.md\n",
	       o.plugin, o.isolated ? "isolated in ihvd-plugin-host" : "inline");
	fflush(stdout);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < verify_n_scenarios; i++) {
		bool run = !n_only;

		for (j = 0; j < n_only; j++)
			run |= !strcmp(only[j], verify_scenarios[i].name);
		if (!run)
			continue;
		main_scenario(&o, &verify_scenarios[i], &t);
		if (t.refused || t.not_loaded)
			break; /* every other scenario would stop at the same place */
	}
	c = main_summary(&o, &t);
	/* a vendor's security fragment may hold a test passphrase: cleared, never printed */
	if (o.sec_xml != main_sec_xml)
		explicit_bzero((char *)o.sec_xml, strlen(o.sec_xml));
	return c;
}
