// SPDX-License-Identifier: BSD-3-Clause
/*
 * The sequences ihv-verify drives a plugin through: legal for the host to
 * make (docs/contract.md), demanding for the plugin. Each states the rules
 * it exercises with verify_expect(); the core's checks decide whether they
 * held (watch.c), and the scenario adds what only it can see (a new
 * pre-association that never completes, a connection that never reaches its
 * port).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "verify/verify.h"
#include "wlanihv.h"

/* The loop for ms, whatever happens (plugin threads complete from outside it). */
static void scenario_run_ms(struct verify_world *w, uint32_t ms)
{
	uint64_t end = loop_now_us() + (uint64_t)ms * 1000u;

	while (loop_now_us() < end)
		loop_run_once(w->loop, 5);
}

/* The time a plugin's worker gets to answer, before the verifier looks. */
#define SCENARIO_SETTLE_MS 100

enum scenario_reach {
	SCENARIO_REACHED,
	SCENARIO_REFUSED,    /* the plugin refused the verifier's profile: legal, but a dead end */
	SCENARIO_NO_ANSWER,  /* no PreAssociateCompletion within the deadline */
};

/*
 * PerformPreAssociate for the verifier's network: REACHED when it is pending,
 * REFUSED when the plugin returned an error (the host is idle again at once).
 */
static enum scenario_reach scenario_start(struct verify_adapter *v)
{
	if (verify_connect(v) || verify_phase(v) == IHV_PHASE_IDLE)
		return SCENARIO_REFUSED;
	return SCENARIO_REACHED;
}

/* After scenario_start: the PreAssociateCompletion (the n-th CONNECT it allows), or why not. */
static enum scenario_reach scenario_wait_pre(struct verify_adapter *v, unsigned n)
{
	if (verify_wait_connect(v, n, v->w->o->timeout_ms + 200))
		return SCENARIO_REACHED;
	return verify_phase(v) == IHV_PHASE_IDLE && v->ended_phase == IHV_PHASE_PRE_ASSOCIATE &&
	       v->ended_win32 != ERROR_TIMEOUT ? SCENARIO_REFUSED : SCENARIO_NO_ANSWER;
}

/* PerformPreAssociate, then wait for the PreAssociateCompletion (the CONNECT it allows). */
static enum scenario_reach scenario_pre(struct verify_adapter *v)
{
	const struct verify_sim_if *f = verify_sim_if_get(&v->w->sim, v->ifindex);
	unsigned n = f->connects + 1;

	if (scenario_start(v) != SCENARIO_REACHED)
		return SCENARIO_REFUSED;
	return scenario_wait_pre(v, n);
}

/* Through pre-association and the association: PerformPostAssociate has run. */
static enum scenario_reach scenario_port(struct verify_adapter *v)
{
	enum scenario_reach r = scenario_pre(v);

	if (r != SCENARIO_REACHED)
		return r;
	verify_associate(v);
	return SCENARIO_REACHED;
}

static bool scenario_has_port(const struct verify_adapter *v)
{
	enum ihv_phase p = verify_phase(v);

	return p == IHV_PHASE_POST_ASSOCIATE || p == IHV_PHASE_AUTHORIZED;
}

/* A dead end explained on every expectation the scenario could not reach. */
static void scenario_dead_end(struct verify_world *w, struct verify_report *r,
			      const int *rules, size_t n, enum scenario_reach why,
			      const char *where)
{
	size_t i;

	if (why == SCENARIO_NO_ANSWER) {
		verify_fail(r, 25, "%s: no PreAssociateCompletion within %u ms", where,
			    w->o->timeout_ms);
		return;
	}
	for (i = 0; i < n; i++)
		verify_skip(r, rules[i], "%s: the plugin refused the verifier's profile "
			    "(give it one it accepts: --connectivity, --security)", where);
}

/* ---- load: the exports, InitService, the queries, an adapter ------------------------ */

static void scenario_load(struct verify_world *w, struct verify_report *r)
{
	uint32_t reason = 0;

	verify_expect(r, 1, "GetVersionInfo and InitService are exported");
	verify_expect(r, 2, "the plugin's version range includes interface version 0");
	verify_expect(r, 4, "InitService set all 19 handlers");
	verify_expect(r, 28, "ValidateProfile's reason code is 0, an L2 value or IHV-range");
	if (verify_adapter_up(w, 0)) {
		verify_skip(r, 28, "InitAdapter failed (see -v)");
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter (see -v)");
		return;
	}
	(void)ihv_adapter_profile_validate(w->ad[0].a, (const uint8_t *)"ihv-verify", 10,
					   w->o->conn_xml, w->o->sec_xml, &reason);
	verify_expect(r, 11, "InitAdapter succeeded; one DeinitAdapter followed");
	verify_expect(r, 12, "no service call with the hDot11SvcHandle inside or after "
		      "DeinitAdapter");
	verify_adapter_down(w, 0);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
}

/* ---- reset during pre-association ----------------------------------------------------- */

static void scenario_reset_pre(struct verify_world *w, struct verify_report *r)
{
	static const int rules[] = { 20, 21, 24, 25, 27 };
	struct verify_adapter *v = &w->ad[0];
	enum scenario_reach why;

	verify_expect(r, 20, "AdapterReset with the pre-association pending: cancelled with "
		      "ERROR_CANCELLED, once, or not at all");
	verify_expect(r, 21, "no call with the dead hConnectSession after AdapterReset");
	verify_expect(r, 25, "at most one PreAssociateCompletion per PerformPreAssociate");
	verify_expect(r, 27, "PreAssociateCompletion never from inside PerformPreAssociate");
	verify_expect(r, 24, "after AdapterReset a new pre-association completed");
	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	/* 1: AdapterReset right after PerformPreAssociate returned, before its completion */
	if (scenario_start(v) != SCENARIO_REACHED) {
		scenario_dead_end(w, r, rules, 5, SCENARIO_REFUSED, "PerformPreAssociate");
		return;
	}
	ihv_adapter_disconnect(v->a, 3);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	/* 2: a reset in the same turn as the completion's delivery */
	if (scenario_start(v) == SCENARIO_REACHED) {
		verify_run_idle(w, 0);
		ihv_adapter_disconnect(v->a, 3);
		scenario_run_ms(w, SCENARIO_SETTLE_MS);
	}
	/* 3: a new pre-association must complete (contract rule 24) */
	why = scenario_pre(v);
	if (why != SCENARIO_REACHED) {
		if (why == SCENARIO_REFUSED)
			verify_skip(r, 24, "the plugin refused the verifier's profile after a "
				    "reset (--connectivity, --security)");
		else
			verify_fail(r, 24, "no PreAssociateCompletion within %u ms for the "
				    "pre-association after AdapterReset", w->o->timeout_ms);
		return;
	}
	ihv_adapter_disconnect(v->a, 3);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
}

/* ---- reset during post-association ------------------------------------------------------ */

static void scenario_reset_post(struct verify_world *w, struct verify_report *r)
{
	static const int rules[] = { 20, 39, 40, 46, 24 };
	struct verify_adapter *v = &w->ad[0];
	enum scenario_reach why;

	verify_expect(r, 20, "AdapterReset with the post-association pending: cancelled with "
		      "ERROR_CANCELLED, once, or not at all");
	verify_expect(r, 39, "StopPostAssociate, then AdapterReset, with a frame in flight");
	verify_expect(r, 40, "no PostAssociateCompletion after StopPostAssociate");
	verify_expect(r, 46, "each hSendCompletion unique while outstanding");
	verify_expect(r, 24, "after the reset a new connection reached post-association");
	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	/* 1: the link drops in the turn PerformPostAssociate ran, message 1 just answered */
	why = scenario_port(v);
	if (why != SCENARIO_REACHED) {
		scenario_dead_end(w, r, rules, 5, why, "the first connection");
		return;
	}
	verify_frame_msg1(v, 1);
	verify_link_lost(v);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	/* 2: a user disconnect once the plugin had its time */
	why = scenario_port(v);
	if (why != SCENARIO_REACHED) {
		verify_fail(r, 24, "after AdapterReset the next pre-association did not complete "
			    "within %u ms", w->o->timeout_ms);
		return;
	}
	verify_run_idle(w, 5);
	verify_frame_msg1(v, 1);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	if (!scenario_has_port(v))
		verify_fail(r, 24, "after AdapterReset the new connection ended before its port "
			    "(phase %s)", ihv_phase_str(verify_phase(v)));
	ihv_adapter_disconnect(v->a, 3);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
}

/* ---- DeinitAdapter with operations pending ------------------------------------------------ */

static void scenario_deinit_pending(struct verify_world *w, struct verify_report *r)
{
	struct verify_adapter *v = &w->ad[0];
	enum scenario_reach why;

	verify_expect(r, 15, "DeinitAdapter with a pre-association pending: no "
		      "PreAssociateCompletion after it");
	verify_expect(r, 16, "DeinitAdapter with a post-association and a frame pending: no "
		      "PostAssociateCompletion after it");
	verify_expect(r, 12, "no service call with the hDot11SvcHandle inside or after "
		      "DeinitAdapter");
	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	if (scenario_start(v) != SCENARIO_REACHED) {
		verify_skip(r, 15, "the plugin refused the verifier's profile");
		verify_skip(r, 16, "the plugin refused the verifier's profile");
		return;
	}
	verify_adapter_down(w, 0);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	/* the same interface again: a fresh adapter (contract rules 11, 13) */
	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed for an interface whose adapter was "
			    "deinitialised");
		return;
	}
	why = scenario_port(v);
	if (why != SCENARIO_REACHED) {
		if (why == SCENARIO_REFUSED)
			verify_skip(r, 16, "the plugin refused the verifier's profile");
		else
			verify_fail(r, 25, "no PreAssociateCompletion within %u ms on a "
				    "re-initialised adapter", w->o->timeout_ms);
		return;
	}
	verify_frame_msg1(v, 1);
	verify_adapter_down(w, 0);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
}

/* ---- frames before and after EtherType registration --------------------------------------- */

static void scenario_frames(struct verify_world *w, struct verify_report *r)
{
	/* IEEE 802 local experimental EtherType 1 (IEEE Std 802-2014 9.2.4) */
	static const uint8_t other[] = { 'i', 'h', 'v', '-', 'v', 'e', 'r', 'i', 'f', 'y' };
	static const int rules[] = { 33, 46, 47 };
	struct verify_adapter *v = &w->ad[0];
	const struct verify_sim_if *f = verify_sim_if_get(&w->sim, VERIFY_IFINDEX0);
	struct ihv_adapter_status st;
	enum scenario_reach why;

	verify_expect(r, 33, "EtherType handling set only before a successful "
		      "PreAssociateCompletion");
	verify_expect(r, 46, "each hSendCompletion unique while outstanding (frames in a burst)");
	verify_expect(r, 47, "no SendPacket to a group address");
	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	/* before any connection: no port, nothing may reach the plugin */
	verify_frame_msg1(v, 1);
	verify_frame(v, 0x88b5, other, sizeof(other));
	if (scenario_start(v) != SCENARIO_REACHED) {
		scenario_dead_end(w, r, rules, 3, SCENARIO_REFUSED, "PerformPreAssociate");
		return;
	}
	/* during the pre-association, while the plugin may still register */
	verify_frame_msg1(v, 1);
	verify_frame(v, 0x88b5, other, sizeof(other));
	why = scenario_wait_pre(v, 1);
	if (why != SCENARIO_REACHED) {
		scenario_dead_end(w, r, rules, 3, why, "the pre-association");
		return;
	}
	/* message 1 ahead of the association result (the host holds it for the port) */
	verify_frame_msg1(v, 1);
	verify_associate(v);
	/* the port: a burst, an unregistered EtherType among them */
	verify_frame(v, 0x88b5, other, sizeof(other));
	verify_frame_msg1(v, 2);
	verify_frame_msg1(v, 3);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	verify_frame_msg1(v, 4);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	ihv_adapter_status_get(v->a, &st);
	if (f->tx_group)
		verify_fail(r, 47, "%u frames reached the radio for a group address", f->tx_group);
	verify_expect(r, 46, "each hSendCompletion unique while outstanding (%u frames sent, "
		      "%llu received frames not delivered: unregistered, no port)", f->tx,
		      (unsigned long long)st.counters.rx_dropped_filter);
	ihv_adapter_disconnect(v->a, 3);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
}

/* ---- UI requests cancelled ---------------------------------------------------------------- */

static void scenario_ui(struct verify_world *w, struct verify_report *r)
{
	static const uint8_t unknown[16] = { 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a,
					     0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };
	static const char none[] = " (the plugin opened no UI request: nothing to cancel)";
	struct verify_adapter *v = &w->ad[0];
	unsigned open[3] = { 0, 0, 0 }, taken = 0, i;

	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	/* 1: a logoff while the plugin asks the user (contract rule 64) */
	ihv_host_session_change(w->h, WTS_SESSION_LOGON, 1);
	if (!verify_connect(v)) {
		scenario_run_ms(w, SCENARIO_SETTLE_MS / 2);
		open[0] = v->ui_requests;
		ihv_host_session_change(w->h, WTS_SESSION_LOGOFF, 1);
		for (i = 0; i < open[0] && i < 4; i++)
			taken += !ihv_adapter_ui_respond(v->a, v->ui_guid[i],
							 (const uint8_t *)"1", 1);
		taken += !ihv_adapter_ui_respond(v->a, unknown, (const uint8_t *)"1", 1);
		ihv_adapter_disconnect(v->a, 3);
		scenario_run_ms(w, SCENARIO_SETTLE_MS);
	}
	/* 2: AdapterReset with the requests open, then the user's late answers */
	v->ui_requests = 0;
	if (!verify_connect(v)) {
		scenario_run_ms(w, SCENARIO_SETTLE_MS / 2);
		open[1] = v->ui_requests;
		ihv_adapter_disconnect(v->a, 3);
		for (i = 0; i < open[1] && i < 4; i++)
			taken += !ihv_adapter_ui_respond(v->a, v->ui_guid[i],
							 (const uint8_t *)"1", 1);
		scenario_run_ms(w, SCENARIO_SETTLE_MS);
	}
	/* 3: DeinitAdapter with the requests open */
	v->ui_requests = 0;
	if (!verify_connect(v)) {
		scenario_run_ms(w, SCENARIO_SETTLE_MS / 2);
		open[2] = v->ui_requests;
	}
	verify_adapter_down(w, 0);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	if (taken)
		verify_fail(r, 62, "%u answer(s) to cancelled or unknown requests were taken",
			    taken);
	verify_expect(r, 64, "ProcessSessionChange(LOGON, LOGOFF) during a pre-association with "
		      "%u UI request(s) open%s", open[0], open[0] ? "" : none);
	verify_expect(r, 23, "AdapterReset with %u UI request(s) open%s", open[1],
		      open[1] ? "" : none);
	verify_expect(r, 17, "DeinitAdapter with %u UI request(s) open%s", open[2],
		      open[2] ? "" : none);
	verify_expect(r, 62, "no answer to a cancelled or unknown request reached the plugin");
}

/* ---- 100 connect/disconnect cycles --------------------------------------------------------- */

static void scenario_cycles(struct verify_world *w, struct verify_report *r)
{
	struct verify_adapter *v = &w->ad[0];
	unsigned i, ports = 0;
	enum scenario_reach why = SCENARIO_REACHED;

	if (verify_adapter_up(w, 0)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	for (i = 0; i < w->o->cycles; i++) {
		if (i % 4 == 0) { /* reset in the pre-association */
			why = scenario_start(v);
			if (why == SCENARIO_REACHED)
				ihv_adapter_disconnect(v->a, 3);
		} else {
			why = scenario_port(v);
		}
		if (why != SCENARIO_REACHED) {
			if (why == SCENARIO_REFUSED)
				verify_skip(r, 24, "cycle %u: the plugin refused the verifier's "
					    "profile (--connectivity, --security)", i + 1);
			else
				verify_fail(r, 24, "cycle %u: no PreAssociateCompletion within "
					    "%u ms after %u resets", i + 1, w->o->timeout_ms, i);
			break;
		}
		if (i % 4 == 0) {
			verify_run_idle(w, 1);
			continue;
		}
		verify_frame_msg1(v, 1);
		if (i % 4 == 3) {
			verify_run_idle(w, 2);
			verify_frame_msg1(v, 2);
		}
		verify_run_idle(w, 2);
		ports += scenario_has_port(v);
		if (i % 4 == 2)
			verify_link_lost(v);
		else
			ihv_adapter_disconnect(v->a, 3);
		verify_run_idle(w, 1);
	}
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	verify_expect(r, 24, "%u of %u connect/disconnect cycles done, a new pre-association "
		      "after every AdapterReset (%u reached their port, %u port authorizations)", i,
		      w->o->cycles, ports, verify_sim_if_get(&w->sim, v->ifindex)->authorizations);
	verify_expect(r, 20, "pending operations cancelled at most once each");
	verify_expect(r, 25, "one PreAssociateCompletion per PerformPreAssociate");
	verify_expect(r, 40, "no PostAssociateCompletion after StopPostAssociate");
	verify_expect(r, 46, "each hSendCompletion unique while outstanding");
	if (why == SCENARIO_REFUSED) {
		verify_skip(r, 20, "the plugin refused the verifier's profile in cycle %u", i + 1);
		verify_skip(r, 25, "the plugin refused the verifier's profile in cycle %u", i + 1);
		verify_skip(r, 40, "the plugin refused the verifier's profile in cycle %u", i + 1);
		verify_skip(r, 46, "the plugin refused the verifier's profile in cycle %u", i + 1);
	}
}

/* ---- two adapters at once ------------------------------------------------------------------- */

static void scenario_two(struct verify_world *w, struct verify_report *r)
{
	static const int rules[] = { 25, 40 };
	struct verify_adapter *v0 = &w->ad[0], *v1 = &w->ad[1];
	enum scenario_reach why;

	verify_expect(r, 12, "each adapter's services called with its own hDot11SvcHandle");
	verify_expect(r, 25, "each PreAssociateCompletion with its own adapter's "
		      "hConnectSession");
	verify_expect(r, 40, "each PostAssociateCompletion with its own adapter's live "
		      "hSecuritySessionID");
	if (verify_adapter_up(w, 0) || verify_adapter_up(w, 1)) {
		verify_fail(r, 11, "InitAdapter failed on a second simulated adapter");
		return;
	}
	/* both pre-associations pending at once */
	if (scenario_start(v0) != SCENARIO_REACHED || scenario_start(v1) != SCENARIO_REACHED) {
		scenario_dead_end(w, r, rules, 2, SCENARIO_REFUSED, "PerformPreAssociate");
		return;
	}
	why = scenario_wait_pre(v0, 1);
	if (why == SCENARIO_REACHED)
		why = scenario_wait_pre(v1, 1);
	if (why != SCENARIO_REACHED) {
		scenario_dead_end(w, r, rules, 2, why, "both pre-associations pending");
		return;
	}
	verify_associate(v0);
	verify_frame_msg1(v0, 1);
	verify_associate(v1);
	verify_frame_msg1(v1, 1);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	if (!scenario_has_port(v0) || !scenario_has_port(v1))
		verify_fail(r, 40, "with two adapters connected, one lost its port (%s, %s)",
			    ihv_phase_str(verify_phase(v0)), ihv_phase_str(verify_phase(v1)));
	/* one goes down: the other carries on */
	ihv_adapter_disconnect(v0->a, 3);
	verify_frame_msg1(v1, 2);
	scenario_run_ms(w, SCENARIO_SETTLE_MS);
	if (!scenario_has_port(v1))
		verify_fail(r, 40, "a reset of %s ended the connection on %s", v0->ifname,
			    v1->ifname);
	/* a new pre-association on one while the other is deinitialised mid-connection */
	if (scenario_start(v0) == SCENARIO_REACHED) {
		verify_adapter_down(w, 1);
		why = scenario_wait_pre(v0, 2);
		if (why == SCENARIO_NO_ANSWER)
			verify_fail(r, 25, "no PreAssociateCompletion within %u ms on %s while %s "
				    "was deinitialised", w->o->timeout_ms, v0->ifname, v1->ifname);
		else if (why == SCENARIO_REACHED)
			verify_associate(v0);
		scenario_run_ms(w, SCENARIO_SETTLE_MS);
		ihv_adapter_disconnect(v0->a, 3);
		scenario_run_ms(w, SCENARIO_SETTLE_MS);
	}
}

/* ---- DeinitService with timers armed ------------------------------------------------ */

static void scenario_deinit_service(struct verify_world *w, struct verify_report *r)
{
	struct verify_adapter *v0 = &w->ad[0], *v1 = &w->ad[1];

	verify_expect(r, 9, "DeinitService returned with none of the plugin's timers left");
	verify_expect(r, 8, "no service call after DeinitService");
	verify_expect(r, 15, "no PreAssociateCompletion after DeinitAdapter");
	verify_expect(r, 16, "no PostAssociateCompletion after DeinitAdapter");
	if (verify_adapter_up(w, 0) || verify_adapter_up(w, 1)) {
		verify_fail(r, 11, "InitAdapter failed on a simulated adapter");
		return;
	}
	/* wlan1 in its post-association with a frame answered, then wlan0 in its pre-association */
	if (scenario_port(v1) == SCENARIO_REACHED)
		verify_frame_msg1(v1, 1);
	else
		verify_skip(r, 16, "no post-association on %s (see the other scenarios)",
			    v1->ifname);
	if (scenario_start(v0) != SCENARIO_REACHED)
		verify_skip(r, 15, "the plugin refused the verifier's profile");
	/* DeinitAdapter twice and DeinitService in this very turn: timers still armed */
	verify_world_close(w);
}

const struct verify_scenario verify_scenarios[] = {
	{ "load", "load, InitService, ValidateProfile, one adapter", scenario_load },
	{ "reset-pre", "AdapterReset during pre-association", scenario_reset_pre },
	{ "reset-post", "AdapterReset during post-association", scenario_reset_post },
	{ "deinit-pending", "DeinitAdapter with operations pending", scenario_deinit_pending },
	{ "frames", "frames before and after EtherType registration", scenario_frames },
	{ "ui-cancel", "UI requests cancelled (logoff, AdapterReset, DeinitAdapter)",
	  scenario_ui },
	{ "cycles", "connect/disconnect cycles", scenario_cycles },
	{ "two-adapters", "two adapters at once", scenario_two },
	{ "deinit-service", "DeinitService with timers armed", scenario_deinit_service },
};

const size_t verify_n_scenarios = sizeof(verify_scenarios) / sizeof(verify_scenarios[0]);
