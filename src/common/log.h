/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Logging: stderr, a file or syslog, with levels. Safe from any thread.
 * Never pass a secret to these functions (DESIGN.md, rules of the house).
 */
#ifndef IHVD_COMMON_LOG_H
#define IHVD_COMMON_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_MSGDUMP,
};

void log_level_set(enum log_level level);
enum log_level log_level_get(void);
int log_file_open(const char *path); /* 0 or -errno */
void log_syslog_use(const char *ident);
/*
 * When stderr is the journal (JOURNAL_STREAM names its device and inode,
 * systemd.exec(5)), lines go out as "<N>text" with syslog priorities N and
 * no timestamp, which journald understands (sd-daemon(3)).
 */
void log_journal_detect(void);
void log_close(void);

/* Tests may observe every line (after formatting, before output). */
typedef void (*log_hook_cb)(void *ctx, enum log_level level, const char *line);
void log_hook_set(log_hook_cb cb, void *ctx);

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level level, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#define log_err(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
