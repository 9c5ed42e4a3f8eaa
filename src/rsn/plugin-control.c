// SPDX-License-Identifier: BSD-3-Clause
/* WlanIhvControl: "stats", "reasons", "help" as NUL-terminated text. */
#include "rsn/plugin-state.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rsn/pmk-cache.h"
#include "rsn/pmksa.h"
#include "rsn/reason.h"

static const char *rsn_plugin_drop_name(enum rsn_drop d)
{
	switch (d) {
	case RSN_DROP_MALFORMED:
		return "malformed";
	case RSN_DROP_DESC_VERSION:
		return "desc_version";
	case RSN_DROP_KEY_INFO:
		return "key_info";
	case RSN_DROP_KEY_LENGTH:
		return "key_length";
	case RSN_DROP_KEY_DATA_LEN:
		return "key_data_len";
	case RSN_DROP_UNEXPECTED:
		return "unexpected";
	case RSN_DROP_REPLAY:
		return "replay";
	case RSN_DROP_ANONCE:
		return "anonce";
	case RSN_DROP_MIC:
		return "mic";
	case RSN_DROP_AFTER_FAILURE:
		return "after_failure";
	}
	return "unknown";
}

struct rsn_plugin_text {
	char *s;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3))) rsn_plugin_text_add(struct rsn_plugin_text *t,
								      const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= t->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len = t->len + (size_t)n < t->cap ? t->len + (size_t)n : t->cap;
}

static void rsn_plugin_stats_text(struct rsn_plugin_text *t, const struct adapter *a)
{
	const struct rsn_pmk_cache_stats *pc = rsn_pmk_cache_stats(rsn_plugin_g.pmk_cache);
	const struct rsn_pmk_prefetch_stats *pf = rsn_pmk_prefetch_stats(rsn_plugin_g.pmk_prefetch);

	if (a) {
		const struct rsn_hs_stats *s = a->hs ? rsn_hs_stats(a->hs) : &a->last;
		static const char *const st[] = { "idle", "pre-associating", "pre-associated",
						  "post-associated" };

		rsn_plugin_text_add(t, "state=%s handshake=%s\n", st[a->state],
			 a->hs ? (rsn_hs_is_established(a->hs) ? "established" : "running")
			       : "none");
		rsn_plugin_text_add(t,
				    "msg2_sent=%u msg4_sent=%u group2_sent=%u msg3_retransmits=%u "
				    "rekeys_abandoned=%u\n",
			 s->msg2_sent, s->msg4_sent, s->group2_sent, s->msg3_retransmits,
			 s->rekeys_abandoned);
		rsn_plugin_text_add(t, "ptk_installs=%u gtk_installs=%u igtk_installs=%u "
				    "gtk_reinstall_skipped=%u igtk_reinstall_skipped=%u\n",
				    s->ptk_installs, s->gtk_installs, s->igtk_installs,
				    s->gtk_reinstall_skipped, s->igtk_reinstall_skipped);
		for (int d = 0; d < RSN_DROP_COUNT; d++)
			rsn_plugin_text_add(t, "drop_%s=%u%c",
					    rsn_plugin_drop_name((enum rsn_drop)d), s->drops[d],
					    d + 1 == RSN_DROP_COUNT ? '\n' : ' ');
		rsn_plugin_text_add(t, "rx_short=%u rx_wrong_peer=%u rx_wrong_ethertype=%u "
				    "rx_no_handshake=%u psk_mismatch=%u\n",
				    a->rx_short, a->rx_peer, a->rx_ethertype, a->rx_no_hs,
				    a->psk_mismatches);
	}
	rsn_plugin_text_add(t, "pmk_cache_entries=%zu pmk_cache_hits=%llu pmk_derivations=%llu "
			    "pmk_prefetched=%llu pmk_prefetch_waited=%llu\n",
			    rsn_pmk_cache_count(rsn_plugin_g.pmk_cache),
			    (unsigned long long)pc->hits, (unsigned long long)pc->derivations,
			    (unsigned long long)pf->collected, (unsigned long long)pf->waited);
}

static bool rsn_plugin_command_is(const BYTE *in, DWORD n, const char *cmd)
{
	size_t l = strlen(cmd);

	while (n && (in[n - 1] == 0 || in[n - 1] == '\n' || in[n - 1] == '\r' || in[n - 1] == ' '))
		n--;
	return n == l && !memcmp(in, cmd, l);
}

/*
 * Diagnostics through WlanIhvControl: "stats" (handshake counters and drops of this adapter,
 * PMK cache), "reasons" (the reason-code table), "pmksa_flush" (forget every cached PMKSA, as
 * wpa_supplicant's PMKSA_FLUSH: the next SAE or 802.1X connection authenticates in full),
 * "help". The answer is NUL-terminated text;
 * *pdwBytesReturned is its size with the NUL, always set; copied only when it fits (rule 68),
 * else ERROR_MORE_DATA.
 */
DWORD WINAPI rsn_plugin_control(HANDLE hIhvExtAdapter, DWORD dwInBufferSize, PBYTE pInBuffer,
				DWORD dwOutBufferSize, PBYTE pOutBuffer, PDWORD pdwBytesReturned)
{
	struct adapter *a = NULL;
	char buf[8192];
	struct rsn_plugin_text t = { buf, 0, sizeof(buf) };

	if (!pdwBytesReturned)
		return ERROR_INVALID_PARAMETER;
	*pdwBytesReturned = 0;
	if (hIhvExtAdapter && !(a = rsn_plugin_adapter_find(hIhvExtAdapter)))
		return ERROR_INVALID_HANDLE;
	if (!pInBuffer || !dwInBufferSize)
		return ERROR_INVALID_PARAMETER;
	buf[0] = 0;
	if (rsn_plugin_command_is(pInBuffer, dwInBufferSize, "stats")) {
		rsn_plugin_stats_text(&t, a);
	} else if (rsn_plugin_command_is(pInBuffer, dwInBufferSize, "reasons")) {
		for (size_t i = 0; i < rsn_reason_count(); i++) {
			uint32_t c = rsn_reason_at(i);

			rsn_plugin_text_add(&t, "0x%05x %s %s\n", c, rsn_reason_name(c),
					    rsn_reason_str(c));
		}
	} else if (rsn_plugin_command_is(pInBuffer, dwInBufferSize, "pmksa_flush")) {
		rsn_pmksa_flush(rsn_plugin_g.pmksa);
		rsn_plugin_text_add(&t, "OK\n");
	} else if (rsn_plugin_command_is(pInBuffer, dwInBufferSize, "help")) {
		rsn_plugin_text_add(&t, "commands: stats reasons pmksa_flush help\n");
	} else {
		return ERROR_NOT_SUPPORTED;
	}
	*pdwBytesReturned = (DWORD)strlen(buf) + 1;
	if (!pOutBuffer || *pdwBytesReturned > dwOutBufferSize)
		return ERROR_MORE_DATA;
	memcpy(pOutBuffer, buf, *pdwBytesReturned);
	return ERROR_SUCCESS;
}
