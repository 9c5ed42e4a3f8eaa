/*
 * Opaque handles the host mints for the plugin: hDot11SvcHandle,
 * hConnectSession, hSecuritySessionID, timer handles. Values are never raw
 * pointers and never reused (a 64-bit serial, odd, with the kind in the low
 * bits), so a stale handle can always be told from a live one (contract §9).
 *
 * One global lock protects the table and, by convention, all host state a
 * plugin thread can reach (ihv_lock/ihv_unlock). Never hold it while calling
 * into the plugin or the driver.
 */
#ifndef IHVD_CORE_HANDLE_H
#define IHVD_CORE_HANDLE_H

#include <stdbool.h>
#include <stdint.h>

enum ihv_handle_kind {
	IHV_HANDLE_SVC = 1,       /* hDot11SvcHandle: an adapter */
	IHV_HANDLE_CONNECT,       /* hConnectSession */
	IHV_HANDLE_SECURITY,      /* hSecuritySessionID */
	IHV_HANDLE_TIMER,         /* Linux addition: a plugin timer */
};

/* Recursive, so a thread holding it may log (which names the plugin). */
void ihv_lock(void);
void ihv_unlock(void);

/* Under the lock. NULL on no memory. */
void *ihv_handle_new(enum ihv_handle_kind kind, void *obj);
/*
 * Under the lock. The object of a live handle of that kind, else NULL; then
 * *why (may be NULL) says why: the text given to ihv_handle_kill for a
 * handle that died recently, "unknown handle" otherwise.
 */
void *ihv_handle_get(const void *handle, enum ihv_handle_kind kind,
		     const char **why);
/* Under the lock. why: a static string ("the pre-association completed"). */
void ihv_handle_kill(const void *handle, const char *why);
/* A short printable id for logs. */
unsigned long long ihv_handle_id(const void *handle);
/* Live handles (for leak checks in tests). */
unsigned ihv_handle_live_count(void);

#endif
