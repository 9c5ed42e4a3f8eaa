/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nl80211-tool's state and helpers shared by its parts (nl80211-tool.c, the 4-way handshake
 * in nl80211-tool-4way.h). Included once, by nl80211-tool.c: every .c under tools/ is a program.
 */
#ifndef NL80211_TOOL_H
#define NL80211_TOOL_H

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "common/hex.h"
#include "common/loop.h"
#include "nl80211/driver.h"

#define RSN_CCMP 0x000fac04u
#define RSN_AKM_PSK 0x000fac02u

/* Our RSNE: version 1, group CCMP, pairwise CCMP, AKM PSK, capabilities 0. */
static const uint8_t own_rsne[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02,
	0x00, 0x00,
};

struct tool {
	struct loop *loop;
	struct drv *drv;
	uint32_t ifindex;
	char ifname[DRV_IFNAME_MAX];
	uint8_t own_mac[DRV_ETH_ALEN];
	bool until_removed;           /* --hold: stay past a disconnection */

	bool scan_done, scan_aborted;
	bool connect_done;
	uint16_t connect_status;
	uint8_t bssid[DRV_ETH_ALEN];
	bool disconnected, removed;
	int eapol_seen, eapol_want;
	int watch_count;

	/* --psk: the 4-way handshake */
	const char *ssid;
	const char *passphrase;
	uint8_t pmk[32];
	uint8_t anonce[32], snonce[32];
	uint8_t ptk[48];              /* KCK | KEK | TK */
	bool have_ptk, hs_done, hs_failed;
};

static volatile int quit_signal;

/* --- small helpers ---------------------------------------------------------- */

static void nl80211_tool_hex_print(const char *label, const uint8_t *p, size_t n)
{
	printf(" %s=", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
}

/* "aa:bb:cc:dd:ee:ff" for printf (common/hex.h). */
static const char *nl80211_tool_mac(const uint8_t *m, char buf[HEX_MAC_TXT_LEN])
{
	hex_mac_txt(m, buf);
	return buf;
}

/* The first element with this id, or NULL (IEEE 802.11-2020 9.4.2.1). */
static const uint8_t *nl80211_tool_ie_find(const uint8_t *ies, size_t len, uint8_t id)
{
	size_t off = 0;

	while (ies && off + 2 <= len && off + 2 + ies[off + 1] <= len) {
		if (ies[off] == id)
			return ies + off;
		off += 2 + (size_t)ies[off + 1];
	}
	return NULL;
}

static uint64_t nl80211_tool_deadline_after(double secs)
{
	return loop_now_us() + (uint64_t)(secs * 1e6);
}

/* Run the loop until *flag or the deadline; 0 when the flag came up. */
static int nl80211_tool_run_until(struct tool *t, const bool *flag, uint64_t deadline)
{
	while (!*flag && !quit_signal) {
		uint64_t now = loop_now_us();

		if (now >= deadline)
			return -ETIMEDOUT;
		if (loop_run_once(t->loop, (int)((deadline - now) / 1000) + 1) < 0)
			return -EIO;
	}
	return *flag ? 0 : -EINTR;
}

/* --- drv_io on the host loop ----------------------------------------------- */

static int nl80211_tool_io_watch(void *ctx, int fd, void (*cb)(void *arg, int fd), void *arg)
{
	return loop_fd_add(ctx, fd, cb, arg);
}

static void nl80211_tool_io_unwatch(void *ctx, int fd)
{
	loop_fd_del(ctx, fd);
}

__attribute__((format(printf, 3, 4)))
static void nl80211_tool_io_log(void *ctx, enum drv_log_level level, const char *fmt, ...)
{
	static const char *names[] = { "error", "warn", "info", "debug" };
	va_list ap;

	(void)ctx;
	fprintf(stderr, "drv %s: ", names[level <= DRV_LOG_DEBUG ? level : 3]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

#endif
