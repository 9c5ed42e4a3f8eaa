/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside the configuration: its values as text, both ways. Shared by
 * config.c (the file, the networks, the globals); the rest of the daemon
 * uses config.h.
 */
#ifndef IHVD_DAEMON_CONFIG_PARSE_H
#define IHVD_DAEMON_CONFIG_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/config.h"

/* snprintf into err (when given); returns -1. */
int config_errf(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A decimal integer in [min, max], the whole string. 0 or -1. */
int config_parse_int(const char *s, long min, long max, long *out);
/*
 * A quoted "..." string (raw bytes between the quotes) or a P"..." string
 * with printf escapes. *len gets the decoded length; out must hold max bytes.
 * Returns 0, 1 if the value is not a string form at all, or -1 with err.
 */
int config_parse_string(const char *v, uint8_t *out, size_t max, size_t *len,
			char *err, size_t err_len);
/* "A B C" of known key_mgmt / cipher names into a bit set. 0 or -1 with err. */
int config_parse_akm_list(const char *v, unsigned int *out, char *err, size_t err_len);
int config_parse_cipher_list(const char *v, unsigned int *out, char *err, size_t err_len);
int config_parse_sae_groups(const char *v, uint16_t *out, size_t *n_out, char *err,
			    size_t err_len);
/* Valid UTF-8 without control characters other than tab, CR and LF (XML 1.0 text). */
bool config_utf8_text_valid(const uint8_t *s, size_t n);

/*
 * ihv_profile fits the plugin's connectivity fragment once XML-escaped and in UTF-16
 * (config-fragment.c). 0, or -1 with err.
 */
int config_profile_fragment_check(const char *v, char *err, size_t len);

/* A string value as the file would hold it: "..." when plain, else P"...". 0 or -1. */
int config_string_value(const uint8_t *s, size_t n, char *buf, size_t len);
/*
 * Cut a line down to "name=value": leading/trailing blanks and a '#' comment
 * outside quotes go. Returns the start (in place).
 */
char *config_line_clean(char *s);

#endif
