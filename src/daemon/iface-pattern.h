/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * -i with a shell pattern (fnmatch(3)): `-i 'wlan*'`, `-i 'wlx*'` for a USB radio whose
 * name carries its MAC address. Such an entry manages one interface at a time: the first
 * existing one that matches at start, else the first that appears; when it goes, the next
 * one that matches and appears is adopted.
 */
#ifndef IHVD_DAEMON_IFACE_PATTERN_H
#define IHVD_DAEMON_IFACE_PATTERN_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

/* Does the -i value carry pattern characters (*, ?, [)? */
bool iface_pattern_is(const char *s);
/* Does the interface name match the pattern? */
bool iface_pattern_match(const char *pattern, const char *name);
/*
 * The first interface now present whose name matches and that taken() does not claim:
 * its ifindex and name (out), or 0 if none.
 */
uint32_t iface_pattern_first(const char *pattern, bool (*taken)(void *ctx, const char *name),
			     void *ctx, char out[IF_NAMESIZE]);

#endif
