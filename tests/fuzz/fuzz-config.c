// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: the configuration file parser (src/daemon/config.c, config-parse.c) and
 * what is built from a parsed network: every field read back in its text form, the
 * consistency check, and the plugin's profile fragments (src/daemon/profile.c, where
 * values are XML-escaped). The input is the file's bytes, parsed from memory by
 * config_load_text (the parse config_load runs after reading the file; a file per input
 * cost a third of each execution in open/write/close).
 */
#include <stddef.h>
#include <stdint.h>

#include "common/log.h"
#include "daemon/config.h"
#include "daemon/profile.h"
#include "tests/fuzz/fuzz-main.h"

static const char *const fuzz_config_fields[] = {
	"ssid", "psk", "key_mgmt", "ieee80211w", "pairwise", "group", "scan_freq", "priority",
	"bssid", "scan_ssid", "disabled", "ihv_profile", "id_str", "sae_password", "proto",
	"frequency", "nosuchfield",
};

static void fuzz_config_walk(const struct config *c)
{
	char buf[4096], err[256];

	for (const struct config_network *n = c->networks; n; n = n->next) {
		struct profile_choice ch = { .akm = CONFIG_AKM_PSK, .pairwise = CONFIG_CIPHER_CCMP,
					     .group = CONFIG_CIPHER_CCMP };
		struct profile_xml x = { 0 };

		for (size_t i = 0; i < sizeof(fuzz_config_fields) / sizeof(fuzz_config_fields[0]);
		     i++)
			(void)config_network_value(n, fuzz_config_fields[i], buf, sizeof(buf));
		if (config_network_check(n, err, sizeof(err)) == 0 && profile_build(n, &ch, &x) == 0)
			profile_xml_clear(&x);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool quiet;
	char err[2048];
	struct config *c;

	if (!quiet) {
		log_level_set(LOG_LEVEL_ERROR);
		quiet = true;
	}
	c = config_load_text("fuzz.conf", (const char *)data, size, err, sizeof(err));
	if (c) {
		fuzz_config_walk(c);
		config_free(c);
	}
	return 0;
}
