/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The wpa_supplicant.conf fields beyond ihvd's own (config.h): each one is
 * honoured, accepted with one clear notice, or refused with the feature
 * named ("WEP is not supported"). The table in README.md lists them all;
 * config_compat_table is that table in code (the README is checked against
 * it by tests/unit/daemon/test-config-compat.c).
 */
#ifndef IHVD_DAEMON_CONFIG_COMPAT_H
#define IHVD_DAEMON_CONFIG_COMPAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/config.h"

enum config_compat_verdict {
	CONFIG_COMPAT_HONOURED,
	CONFIG_COMPAT_NOTICED,   /* accepted, one notice per load, no effect */
	CONFIG_COMPAT_REFUSED,   /* a file:line error naming the feature */
};

struct config_compat_field {
	const char *name;
	bool network;            /* inside network={ } (else global) */
	enum config_compat_verdict verdict;
	const char *why;         /* the notice's or refusal's reason */
};

/* Every field this file decides about, NULL-name terminated. */
extern const struct config_compat_field config_compat_table[];

/*
 * A global / network field config.c does not know itself. 0 (honoured or
 * noticed), or -1 with err ("WEP is not supported (wep_key0)", "unknown
 * option 'x'").
 */
int config_compat_global_set(struct config *c, const char *name, const char *v,
			     char *err, size_t err_len);
int config_compat_network_set(struct config_network *n, const char *name,
			      const char *v, char *err, size_t err_len);
/* freq_list in its file form; -1 when unset or not one of these fields. */
int config_compat_network_value(const struct config_network *n, const char *name,
				char *buf, size_t len);
/* Notices are logged once per field per load: config_load resets them. */
void config_compat_notices_reset(void);

/* ISO 3166-1 alpha-2 (two capitals) or "00" (the world). 0 or -1. */
int config_country_parse(const char *v, char out[3]);
/* May a BSS on freq be joined under the global and the network's freq_list? */
bool config_freq_allowed(const struct config *c, const struct config_network *n,
			 uint32_t freq);
/* Is bssid on BSSID_IGNORE's list? */
bool config_bssid_ignored(const struct config *c, const uint8_t *bssid);
/* After a load: networks without ieee80211w= take the global pmf=. */
void config_compat_finish(struct config *c);

#endif
