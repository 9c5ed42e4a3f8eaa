/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A control socket reply being built into a fixed buffer: it stops growing
 * when full (and says so), a piece that did not fit is dropped whole.
 * Shared by ctrl.c and ctrl-verbs-compat.c.
 */
#ifndef IHVD_DAEMON_CTRL_REPLY_H
#define IHVD_DAEMON_CTRL_REPLY_H

#include <stdbool.h>
#include <stddef.h>

struct ctrl_reply {
	char *buf;
	size_t len;
	size_t cap;
	bool full;
};

void ctrl_rp(struct ctrl_reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
