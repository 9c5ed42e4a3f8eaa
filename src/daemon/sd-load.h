/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libsystemd, loaded on first use. ihvd does not link libsystemd: most starts
 * need none of it (no -u, no logind, no $NOTIFY_SOCKET), and loading it with
 * its dependencies (libgcrypt, liblzma, libzstd, liblz4, libcap ...) costs
 * start-up time and resident memory. The three places that do need it call
 * sd_load() first: dbus_service_new (-u), logind_new (only when logind runs)
 * and service-notify.c (only when $NOTIFY_SOCKET is set).
 *
 * Include this header instead of <systemd/sd-bus.h> / <systemd/sd-daemon.h>:
 * every sd_* function ihvd calls is redirected to a pointer in sd_load_table,
 * so the call sites read as plain sd-bus code. They may run only after
 * sd_load() returned 0.
 */
#ifndef IHVD_DAEMON_SD_LOAD_H
#define IHVD_DAEMON_SD_LOAD_H

#include <stddef.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>

/* The soname ihvd asks for: the ABI it was compiled against. */
#define SD_LOAD_LIBRARY "libsystemd.so.0"

/* Every libsystemd function ihvd calls, one X(name) each. */
#define SD_LOAD_FUNCS(X)                                                                 \
	X(sd_bus_add_object_vtable)                                                      \
	X(sd_bus_emit_properties_changed)                                                \
	X(sd_bus_emit_properties_changed_strv)                                           \
	X(sd_bus_emit_signal)                                                            \
	X(sd_bus_error_free)                                                             \
	X(sd_bus_error_set)                                                              \
	X(sd_bus_error_set_errno)                                                        \
	X(sd_bus_error_setf)                                                             \
	X(sd_bus_flush)                                                                  \
	X(sd_bus_flush_close_unref)                                                      \
	X(sd_bus_get_fd)                                                                 \
	X(sd_bus_match_signal)                                                           \
	X(sd_bus_message_append)                                                         \
	X(sd_bus_message_append_array)                                                   \
	X(sd_bus_message_append_strv)                                                    \
	X(sd_bus_message_close_container)                                                \
	X(sd_bus_message_enter_container)                                                \
	X(sd_bus_message_exit_container)                                                 \
	X(sd_bus_message_get_member)                                                     \
	X(sd_bus_message_new_method_return)                                              \
	X(sd_bus_message_new_signal)                                                     \
	X(sd_bus_message_open_container)                                                 \
	X(sd_bus_message_peek_type)                                                      \
	X(sd_bus_message_read)                                                           \
	X(sd_bus_message_read_array)                                                     \
	X(sd_bus_message_skip)                                                           \
	X(sd_bus_message_unref)                                                          \
	X(sd_bus_open_system)                                                            \
	X(sd_bus_process)                                                                \
	X(sd_bus_release_name)                                                           \
	X(sd_bus_reply_method_return)                                                    \
	X(sd_bus_request_name)                                                           \
	X(sd_bus_send)                                                                   \
	X(sd_bus_slot_unref)                                                             \
	X(sd_notify)

#define SD_LOAD_FIELD(name) typeof(name) *name;
struct sd_load_table {
	SD_LOAD_FUNCS(SD_LOAD_FIELD)
};
#undef SD_LOAD_FIELD

/* All NULL until sd_load() succeeds; all set after. */
extern struct sd_load_table sd_load_table;

/*
 * SD_BUS_VTABLE_START points at libsystemd's sd_bus_object_vtable_format (a
 * variable: the "vtables carry parameter names, element size 242" marker),
 * which a static table cannot take from dlsym. libsystemd only checks that
 * the pointer is set; sd_load() still requires the library to export the
 * variable, as linking against it did.
 */
extern const unsigned sd_load_vtable_format;

/*
 * Load libsystemd and resolve every function above. 0 when ready (at once
 * after the first success); -1 with err naming the library or the missing
 * symbol otherwise, the table left all NULL (a later call tries again).
 */
int sd_load(char *err, size_t err_len);

/* Tests: load this soname instead of SD_LOAD_LIBRARY (NULL: back to it). */
void sd_load_library_set(const char *soname);

#ifndef SD_LOAD_NO_REDIRECT
#define sd_bus_object_vtable_format sd_load_vtable_format
#define sd_bus_add_object_vtable (*sd_load_table.sd_bus_add_object_vtable)
#define sd_bus_emit_properties_changed (*sd_load_table.sd_bus_emit_properties_changed)
#define sd_bus_emit_properties_changed_strv (*sd_load_table.sd_bus_emit_properties_changed_strv)
#define sd_bus_emit_signal (*sd_load_table.sd_bus_emit_signal)
#define sd_bus_error_free (*sd_load_table.sd_bus_error_free)
#define sd_bus_error_set (*sd_load_table.sd_bus_error_set)
#define sd_bus_error_set_errno (*sd_load_table.sd_bus_error_set_errno)
#define sd_bus_error_setf (*sd_load_table.sd_bus_error_setf)
#define sd_bus_flush (*sd_load_table.sd_bus_flush)
#define sd_bus_flush_close_unref (*sd_load_table.sd_bus_flush_close_unref)
#define sd_bus_get_fd (*sd_load_table.sd_bus_get_fd)
#define sd_bus_match_signal (*sd_load_table.sd_bus_match_signal)
#define sd_bus_message_append (*sd_load_table.sd_bus_message_append)
#define sd_bus_message_append_array (*sd_load_table.sd_bus_message_append_array)
#define sd_bus_message_append_strv (*sd_load_table.sd_bus_message_append_strv)
#define sd_bus_message_close_container (*sd_load_table.sd_bus_message_close_container)
#define sd_bus_message_enter_container (*sd_load_table.sd_bus_message_enter_container)
#define sd_bus_message_exit_container (*sd_load_table.sd_bus_message_exit_container)
#define sd_bus_message_get_member (*sd_load_table.sd_bus_message_get_member)
#define sd_bus_message_new_method_return (*sd_load_table.sd_bus_message_new_method_return)
#define sd_bus_message_new_signal (*sd_load_table.sd_bus_message_new_signal)
#define sd_bus_message_open_container (*sd_load_table.sd_bus_message_open_container)
#define sd_bus_message_peek_type (*sd_load_table.sd_bus_message_peek_type)
#define sd_bus_message_read (*sd_load_table.sd_bus_message_read)
#define sd_bus_message_read_array (*sd_load_table.sd_bus_message_read_array)
#define sd_bus_message_skip (*sd_load_table.sd_bus_message_skip)
#define sd_bus_message_unref (*sd_load_table.sd_bus_message_unref)
#define sd_bus_open_system (*sd_load_table.sd_bus_open_system)
#define sd_bus_process (*sd_load_table.sd_bus_process)
#define sd_bus_release_name (*sd_load_table.sd_bus_release_name)
#define sd_bus_reply_method_return (*sd_load_table.sd_bus_reply_method_return)
#define sd_bus_request_name (*sd_load_table.sd_bus_request_name)
#define sd_bus_send (*sd_load_table.sd_bus_send)
#define sd_bus_slot_unref (*sd_load_table.sd_bus_slot_unref)
#define sd_notify (*sd_load_table.sd_notify)
#endif

#endif
