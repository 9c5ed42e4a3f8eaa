/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The configuration written back (SAVE_CONFIG with update_config=1), and
 * the text it keeps for that: every line as it was read.
 *
 * Lines outside network blocks are kept verbatim (comments, globals, the
 * noticed ones), except country=, which SET country changes. A network read
 * from the file keeps its block's lines: comment lines and fields ihvd only
 * notices verbatim, its own fields verbatim while their value is unchanged
 * (a hex psk stays hex, a "passphrase" stays a passphrase, P"..." stays
 * P"..."), rewritten when changed, dropped when unset; fields set since are
 * added before the closing brace. Networks added at run time are written
 * with their non-default fields.
 *
 * The write is atomic: a temporary file in the same directory with the old
 * file's mode and owner, fsync, rename over the old one, fsync of the
 * directory. A crash at any point leaves either the old or the new file.
 */
#ifndef IHVD_DAEMON_CONFIG_SAVE_H
#define IHVD_DAEMON_CONFIG_SAVE_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/config.h"

/* Lines gathered while loading (config_load's own use). */
struct config_text {
	char *buf;
	size_t len;
	size_t cap;
	bool header;             /* holds a "network={" line: the next block's lead */
};

/*
 * One line as read (raw) and cut down (clean, see config_line_clean), with
 * the block it is in (cur, NULL outside). 0 or -1 (out of memory).
 */
int config_text_line(struct config *c, struct config_network *cur,
		     struct config_text *pending, const char *raw, const char *clean);
/* The end of the file: comments after the last block stay at the end. */
int config_text_end(struct config *c, struct config_text *pending);

/* The whole file as it would be written; NUL-terminated, free with config_text_free. */
char *config_save_text(const struct config *c, size_t *len);
/* Clear and free a text that may hold secrets. */
void config_text_free(char *text, size_t len);

/* Write c to c->path atomically. 0, or -1 with err (errno's words, the path). */
int config_save(const struct config *c, char *err, size_t err_len);

#endif
