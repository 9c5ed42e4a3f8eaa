// SPDX-License-Identifier: BSD-3-Clause
/* Logging to stderr, a file or syslog. */
#include "common/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static enum log_level log_threshold = LOG_LEVEL_INFO;
static FILE *log_file;
static int log_to_syslog;
static int log_to_journal;
static log_hook_cb log_hook;
static void *log_hook_ctx;

static const char *const log_level_names[] = {
	[LOG_LEVEL_ERROR] = "error",
	[LOG_LEVEL_WARN] = "warn",
	[LOG_LEVEL_INFO] = "info",
	[LOG_LEVEL_DEBUG] = "debug",
	[LOG_LEVEL_MSGDUMP] = "dump",
};

void log_level_set(enum log_level level)
{
	log_threshold = level;
}

enum log_level log_level_get(void)
{
	return log_threshold;
}

int log_file_open(const char *path)
{
	FILE *f = fopen(path, "a");

	if (!f)
		return -errno;
	setvbuf(f, NULL, _IOLBF, 0);
	pthread_mutex_lock(&log_lock);
	if (log_file)
		fclose(log_file);
	log_file = f;
	pthread_mutex_unlock(&log_lock);
	return 0;
}

void log_syslog_use(const char *ident)
{
	openlog(ident, LOG_PID, LOG_DAEMON);
	log_to_syslog = 1;
}

void log_journal_detect(void)
{
	const char *v = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!v || sscanf(v, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
		return;
	log_to_journal = (unsigned long long)st.st_dev == dev &&
			 (unsigned long long)st.st_ino == ino;
}

void log_close(void)
{
	pthread_mutex_lock(&log_lock);
	if (log_file)
		fclose(log_file);
	log_file = NULL;
	if (log_to_syslog)
		closelog();
	log_to_syslog = 0;
	pthread_mutex_unlock(&log_lock);
}

void log_hook_set(log_hook_cb cb, void *ctx)
{
	pthread_mutex_lock(&log_lock);
	log_hook = cb;
	log_hook_ctx = ctx;
	pthread_mutex_unlock(&log_lock);
}

static int log_syslog_priority(enum log_level level)
{
	switch (level) {
	case LOG_LEVEL_ERROR:
		return LOG_ERR;
	case LOG_LEVEL_WARN:
		return LOG_WARNING;
	case LOG_LEVEL_INFO:
		return LOG_INFO;
	case LOG_LEVEL_DEBUG:
	case LOG_LEVEL_MSGDUMP:
		return LOG_DEBUG;
	}
	return LOG_DEBUG;
}

void log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	char line[1024];
	struct timespec ts;

	if (level > log_threshold && !log_hook)
		return;
	vsnprintf(line, sizeof(line), fmt, ap);

	pthread_mutex_lock(&log_lock);
	if (log_hook)
		log_hook(log_hook_ctx, level, line);
	if (level <= log_threshold) {
		if (log_to_syslog) {
			syslog(log_syslog_priority(level), "%s", line);
		} else if (log_to_journal && !log_file) {
			fprintf(stderr, "<%d>%s\n", log_syslog_priority(level), line);
		} else {
			clock_gettime(CLOCK_REALTIME, &ts);
			fprintf(log_file ? log_file : stderr,
				"%lld.%06ld ihvd %s: %s\n", (long long)ts.tv_sec,
				ts.tv_nsec / 1000, log_level_names[level], line);
		}
	}
	pthread_mutex_unlock(&log_lock);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
