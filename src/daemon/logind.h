/*
 * User sessions from systemd-logind (org.freedesktop.login1, over sd-bus) for
 * the plugin's Dot11ExtIhvProcessSessionChange (contract §3 [10], rule 64):
 * SessionNew is WTS_SESSION_LOGON, SessionRemoved WTS_SESSION_LOGOFF. The
 * session number is logind's session id read as a number; ids with a letter
 * prefix ("c2", greeter and other class sessions) get bit 31 set (0x80000002).
 */
#ifndef IHVD_DAEMON_LOGIND_H
#define IHVD_DAEMON_LOGIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/loop.h"

struct logind;

typedef void (*logind_session_cb)(void *ctx, uint32_t wts_event, uint32_t session);

/* Watch logind on the system bus. NULL (err says why) when it cannot be reached. */
struct logind *logind_new(struct loop *loop, logind_session_cb cb, void *ctx, char *err,
			  size_t err_len);
void logind_free(struct logind *l);

/*
 * A Manager signal (member, session id) as a WTS event and session number;
 * false for anything that is not a session appearing or going away.
 */
bool logind_session_map(const char *member, const char *session_id, uint32_t *wts_event,
			uint32_t *session);

#endif
