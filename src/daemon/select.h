/*
 * Candidate selection: which enabled network, on which BSSes, with which
 * AKM and ciphers (the intersection of the network block and the RSNE).
 */
#ifndef IHVD_DAEMON_SELECT_H
#define IHVD_DAEMON_SELECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/config.h"
#include "daemon/profile.h"
#include "daemon/scan.h"

#define SELECT_CANDIDATES_MAX 8

/* Enabled, not given up on, and complete. */
bool select_network_usable(const struct config_network *n);
bool select_any_usable(const struct config *c);

/*
 * Does network n accept this BSS? If so fill choice (the AKM, pairwise and
 * group to use: SHA256 AKM preferred, then the strongest cipher).
 */
bool select_bss_match(const struct config_network *n, const struct scan_bss *b,
		      struct profile_choice *choice);

/*
 * The choice a network makes on its own, without a BSS (the strongest AKM
 * and ciphers it allows): the profile ValidateProfile is asked about.
 */
void select_network_choice(const struct config_network *n, struct profile_choice *choice);

struct select_result {
	struct config_network *net;
	struct profile_choice choice;
	const struct scan_bss *bss[SELECT_CANDIDATES_MAX]; /* best first */
	size_t n_bss;
};

/*
 * The best network (priority, then signal) and its BSSes with the same
 * choice, by signal. max_age_ms: skip results this old or older (0: none
 * skipped). false when no usable network matches any BSS.
 */
bool select_best(const struct config *c, const struct scan_bss *list, size_t n,
		 uint32_t max_age_ms, struct select_result *out);

#endif
