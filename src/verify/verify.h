/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihv-verify: a vendor's plugin in the real contract host (src/core) over a
 * simulated adapter, driven through the contract's legal but demanding
 * sequences. Each sequence (a scenario) runs in a process of its own; what
 * the core detects ("contract rule N: ..." in its log) becomes a violation of
 * rule N, the rest of a scenario's expectations are met.
 *
 * The files: main.c (command line, one process per scenario, the summary),
 * sim.c (the simulated adapter behind nl80211/driver.h), watch.c (the core's
 * log -> violations by rule), world.c (one host, its adapters and the AP's
 * frames), report.c (expectations -> the lines), scenarios.c (the sequences).
 */
#ifndef IHVD_VERIFY_VERIFY_H
#define IHVD_VERIFY_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ihv-host.h"
#include "common/loop.h"
#include "nl80211/driver.h"

/* Exit statuses (man/ihv-verify.1). */
enum verify_exit {
	VERIFY_EXIT_CLEAN = 0,       /* every expectation met */
	VERIFY_EXIT_VIOLATED = 1,    /* at least one rule violated */
	VERIFY_EXIT_USAGE = 2,
	VERIFY_EXIT_NOT_LOADED = 3,  /* not loadable, for a reason that is no rule */
	VERIFY_EXIT_UNFINISHED = 4,  /* a scenario crashed or hung (no rule violated) */
};

/* What the command line chose. */
struct verify_opts {
	const char *plugin;
	const char *conn_xml;        /* the IHV connectivity fragment handed to the plugin */
	const char *sec_xml;         /* the security fragment (a dummy passphrase by default) */
	uint32_t timeout_ms;         /* the pre-association deadline, and each wait */
	unsigned cycles;             /* connect/disconnect cycles */
	bool isolated;               /* the plugin in ihvd-plugin-host */
	const char *plugin_host;     /* NULL: the core's search */
	bool verbose;                /* the core's log on stderr */
};

/* ---- sim.c: the simulated adapter ---------------------------------------------- */

#define VERIFY_IF_MAX 2
#define VERIFY_IFINDEX0 7

struct verify_sim_if {
	uint32_t ifindex;
	char ifname[DRV_IFNAME_MAX];
	uint8_t mac[DRV_ETH_ALEN];
	unsigned connects, tx, tx_group, authorizations;
	uint8_t ies[256];            /* the last CONNECT's IEs (the association request's) */
	size_t ies_len;
};

struct verify_sim {
	struct drv base;             /* first: the core reaches the ops through it */
	struct verify_sim_if ifs[VERIFY_IF_MAX];
};

void verify_sim_init(struct verify_sim *s);
struct verify_sim_if *verify_sim_if_get(struct verify_sim *s, uint32_t ifindex);

/* ---- watch.c: the core's log -> violations -------------------------------------- */

#define VERIFY_RULES 68

struct verify_watch {
	unsigned count[VERIFY_RULES + 1];       /* violations seen, by rule */
	char first[VERIFY_RULES + 1][240];      /* the first one's log line */
	unsigned notes;                         /* other warnings and errors */
	char note[4][240];
	bool verbose;
};

/* Install the log hook (one watch per process). */
void verify_watch_start(struct verify_watch *w, bool verbose);
/* The rule a core log line names as broken, or 0. */
int verify_watch_rule_of(const char *line);

/* ---- report.c: expectations and their lines -------------------------------------- */

#define VERIFY_EXPECT_MAX 24

struct verify_expect {
	int rule;
	char what[200];              /* what was exercised (met), or ... */
	char why[240];               /* ... what the verifier itself saw go wrong */
	bool skipped;                /* could not be exercised (why says so) */
};

struct verify_report {
	const char *scenario;
	struct verify_expect e[VERIFY_EXPECT_MAX];
	size_t n;
	int fd;                      /* where the lines go (the parent's pipe) */
};

void verify_expect(struct verify_report *r, int rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The verifier saw rule broken itself (the core did not log it). */
void verify_fail(struct verify_report *r, int rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The expectation could not be exercised with this plugin. */
void verify_skip(struct verify_report *r, int rule, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * One line per expectation and per violated rule nobody expected:
 * "M rule N met: ...", "V rule N VIOLATED: ...", "S rule N not checked: ...",
 * "N note: ..." (the first character is for the parent to count).
 */
void verify_report_flush(struct verify_report *r, const struct verify_watch *w);
void verify_report_line(int fd, char kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- world.c: one host over the simulated adapter ---------------------------------- */

struct verify_world;

struct verify_adapter {
	struct verify_world *w;
	struct ihv_adapter *a;
	uint32_t ifindex;
	const char *ifname;
	unsigned ended, ui_requests;
	enum ihv_phase ended_phase;
	uint32_t ended_win32;
	uint8_t ui_guid[4][16];      /* the last UI requests */
};

struct verify_world {
	const struct verify_opts *o;
	struct loop *loop;
	struct verify_sim sim;
	struct ihv_host *h;
	struct verify_adapter ad[VERIFY_IF_MAX];
	unsigned crashes;
	char crash[240];
	char err[256];
};

/* Load the plugin (GetVersionInfo, InitService). 0, or -1 with w->err set. */
int verify_world_open(struct verify_world *w, const struct verify_opts *o);
/* DeinitAdapter for what is left, DeinitService, then the loop a while. */
void verify_world_close(struct verify_world *w);
/* InitAdapter on simulated interface i (0 or 1). 0, or -1. */
int verify_adapter_up(struct verify_world *w, unsigned i);
void verify_adapter_down(struct verify_world *w, unsigned i);
/* PerformPreAssociate for the verifier's network. 0 started, -errno. */
int verify_connect(struct verify_adapter *v);
/* Run the loop until nothing happens for idle_ms. */
void verify_run_idle(struct verify_world *w, int idle_ms);
/* Run the loop until the adapter's CONNECT count passes n; false at the deadline. */
bool verify_wait_connect(struct verify_adapter *v, unsigned n, uint32_t ms);
/* Answer the CONNECT with a successful association; PerformPostAssociate follows. */
void verify_associate(struct verify_adapter *v);
/* The link drops (the AP deauthenticates). */
void verify_link_lost(struct verify_adapter *v);
/* One frame from the AP: EtherType, body after the Ethernet header. */
void verify_frame(struct verify_adapter *v, uint16_t ethertype, const uint8_t *body,
		  size_t len);
/* An EAPOL-Key message 1 of the 4-way handshake (IEEE 802.11-2020 12.7.6.2). */
void verify_frame_msg1(struct verify_adapter *v, uint64_t replay);
enum ihv_phase verify_phase(const struct verify_adapter *v);

/* ---- scenarios.c ------------------------------------------------------------------- */

struct verify_scenario {
	const char *name;
	const char *title;
	void (*run)(struct verify_world *w, struct verify_report *r);
};

extern const struct verify_scenario verify_scenarios[];
extern const size_t verify_n_scenarios;

#endif
