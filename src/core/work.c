// SPDX-License-Identifier: BSD-3-Clause
/*
 * An adapter's work queue: what must happen on the loop thread, queued by
 * any thread under the lock (service calls, events to the connection
 * policy). The adapter runs it (adapter.c) through a->work_kick, so this
 * file calls nothing above the registry. Events to the policy are always
 * delivered from here, never from inside an ihv_* call or a plugin handler.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

static const char *const work_phase_names[] = {
	[IHV_PHASE_IDLE] = "idle",
	[IHV_PHASE_PRE_ASSOCIATE] = "pre-association",
	[IHV_PHASE_ASSOCIATING] = "associating",
	[IHV_PHASE_POST_ASSOCIATE] = "post-association",
	[IHV_PHASE_AUTHORIZED] = "authorized",
};

const char *ihv_phase_str(enum ihv_phase phase)
{
	if ((unsigned)phase < sizeof(work_phase_names) / sizeof(work_phase_names[0]))
		return work_phase_names[phase];
	return "?";
}

struct ihv_work *ihv_work_new(enum ihv_work_kind kind)
{
	struct ihv_work *w = calloc(1, sizeof(*w));

	if (w)
		w->kind = kind;
	return w;
}

void ihv_work_free(struct ihv_work *w)
{
	if (!w)
		return;
	if (w->data) {
		explicit_bzero(w->data, w->len);
		free(w->data);
	}
	free(w);
}

/* Under the lock. */
void ihv_work_queue(struct ihv_adapter *a, struct ihv_work *w)
{
	w->next = NULL;
	if (a->work_tail)
		a->work_tail->next = w;
	else
		a->work_head = w;
	a->work_tail = w;
	if (!a->kick_posted && !a->kick_running) {
		a->kick_posted = true;
		/* the argument is the adapter's id, never a pointer (it may be freed) */
		loop_call_post(a->h->loop, a->work_kick, (void *)(uintptr_t)a->id);
	}
}

void ihv_work_event(struct ihv_adapter *a, enum ihv_work_kind kind,
			enum ihv_phase phase, uint32_t reason, uint32_t win32,
			uint16_t ieee)
{
	struct ihv_work *w = ihv_work_new(kind);

	if (!w) {
		log_err("%s: out of memory: event lost", a->ifname);
		return;
	}
	w->phase = phase;
	w->reason = reason;
	w->win32 = win32;
	w->t_us = loop_now_us();
	w->ieee = ieee;
	ihv_lock();
	ihv_work_queue(a, w);
	ihv_unlock();
}

void ihv_phase_set(struct ihv_adapter *a, enum ihv_phase phase)
{
	ihv_lock();
	a->phase = phase;
	ihv_unlock();
	ihv_work_event(a, IHV_WORK_EV_MILESTONE, phase, 0, 0, 0);
}

/* A refused service call: drop the lock and the work item, return the error. */
uint32_t ihv_work_refuse(struct ihv_work *w, uint32_t rc)
{
	ihv_unlock();
	ihv_work_free(w);
	return rc;
}

/* Under the lock: queue w, unlock, ERROR_SUCCESS (an accepted service call). */
uint32_t ihv_work_accept(struct ihv_adapter *a, struct ihv_work *w)
{
	ihv_work_queue(a, w);
	ihv_unlock();
	return ERROR_SUCCESS;
}
