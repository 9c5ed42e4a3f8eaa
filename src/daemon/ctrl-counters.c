// SPDX-License-Identifier: BSD-3-Clause
/*
 * Counters anyone with the control socket can read. STATUS gains the keys that reached
 * the driver (counted by the host core when the driver accepted them, src/core/keys.c)
 * and the received frames the core dropped; STATUS-DROPS says why, and adds the plugin's
 * own counters (its WlanIhvControl "stats" answer, one "plugin_NAME=value" per line).
 */
#include "daemon/ctrl-counters.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct ctrl_counters_out {
	char *buf;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3)))
ctrl_counters_add(struct ctrl_counters_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len + 1 >= o->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = o->len + (size_t)n < o->cap ? o->len + (size_t)n : o->cap - 1;
}

static uint64_t ctrl_counters_dropped(const struct ihv_adapter_counters *c)
{
	return c->rx_dropped_filter + c->rx_dropped_backlog + c->rx_dropped_oversized;
}

size_t ctrl_counters_status(const struct station_info *in, char *buf, size_t len)
{
	struct ctrl_counters_out o = { buf, 0, len };
	const struct ihv_adapter_counters *c = &in->counters;

	if (len)
		buf[0] = 0;
	ctrl_counters_add(&o, "ptk_installs=%llu\ngtk_installs=%llu\nigtk_installs=%llu\n"
			  "eapol_rx_dropped=%llu\n", (unsigned long long)c->ptk_installs,
			  (unsigned long long)c->gtk_installs, (unsigned long long)c->igtk_installs,
			  (unsigned long long)ctrl_counters_dropped(c));
	return o.len;
}

/* "a=1 b=2\nc=3\n" -> "plugin_a=1\nplugin_b=2\nplugin_c=3\n"; words without '=' are skipped. */
static void ctrl_counters_plugin_lines(struct ctrl_counters_out *o, char *text)
{
	char *save = NULL;

	for (char *w = strtok_r(text, " \n\t", &save); w; w = strtok_r(NULL, " \n\t", &save)) {
		if (!strchr(w, '=') || w[0] == '=')
			continue;
		ctrl_counters_add(o, "plugin_%s\n", w);
	}
}

size_t ctrl_counters_drops(struct station *st, char *buf, size_t len)
{
	struct ctrl_counters_out o = { buf, 0, len };
	struct station_info in;
	char text[2048];

	if (len)
		buf[0] = 0;
	station_info_get(st, &in);
	ctrl_counters_add(&o, "eapol_rx_dropped=%llu\nrx_dropped_filter=%llu\n"
			  "rx_dropped_backlog=%llu\nrx_dropped_oversized=%llu\n",
			  (unsigned long long)ctrl_counters_dropped(&in.counters),
			  (unsigned long long)in.counters.rx_dropped_filter,
			  (unsigned long long)in.counters.rx_dropped_backlog,
			  (unsigned long long)in.counters.rx_dropped_oversized);
	if (station_plugin_stats(st, text, sizeof(text)) == 0) {
		text[sizeof(text) - 1] = 0;
		ctrl_counters_plugin_lines(&o, text);
	}
	return o.len;
}
