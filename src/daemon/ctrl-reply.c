// SPDX-License-Identifier: BSD-3-Clause
/* A control socket reply being built (ctrl-reply.h). */
#include "daemon/ctrl-reply.h"

#include <stdarg.h>
#include <stdio.h>

void ctrl_rp(struct ctrl_reply *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(r->buf + r->len, r->cap - r->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= r->cap - r->len) {
		r->buf[r->len] = 0; /* drop the partial piece */
		r->full = true;
		return;
	}
	r->len += (size_t)n;
}
