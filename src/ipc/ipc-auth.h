/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Serialisers for the authentication exchange (plugin-api/ihvlinux.h
 * version 2), used by both sides of the plugin-host protocol like those of
 * ipc-dot11.h: each reader rebuilds the structure (the frame body in a heap
 * copy it owns), checks every embedded length against the bytes that came
 * and the structure's own bounds, and marks the frame bad otherwise.
 */
#ifndef IHVD_IPC_IPC_AUTH_H
#define IHVD_IPC_IPC_AUTH_H

#include "ihvlinux.h"
#include "ipc/ipc.h"

/*
 * DOT11EXT_LINUX_AUTH_FRAME: u32 present, u32 dwSize, bytes Peer (6),
 * u32 algorithm, u32 transaction, u32 status, u32 dwBodyLength, bytes body.
 * dwSize and dwBodyLength are the sender's claims and cross as they are (the
 * service refuses a short dwSize or a long body, as inline); the body
 * crosses only when the claims allow reading it (dwSize covers the
 * structure, the body is at most DOT11EXT_LINUX_AUTH_BODY_MAX bytes).
 */
void ipc_wr_auth_frame(struct ipc_wr *w, const DOT11EXT_LINUX_AUTH_FRAME *f);
/*
 * NULL when absent; else out, filled, pucBody a heap copy or NULL. Bad: a
 * body that is not dwBodyLength bytes or longer than the maximum, an
 * algorithm, transaction or status that does not fit its USHORT.
 */
DOT11EXT_LINUX_AUTH_FRAME *ipc_rd_auth_frame(struct ipc_rd *r, DOT11EXT_LINUX_AUTH_FRAME *out);
/* Clear and free the body of a frame ipc_rd_auth_frame filled. */
void ipc_auth_frame_free(DOT11EXT_LINUX_AUTH_FRAME *f);

/* DOT11EXT_LINUX_AUTH_TARGET as its 56 bytes. */
void ipc_wr_auth_target(struct ipc_wr *w, const DOT11EXT_LINUX_AUTH_TARGET *t);
/* Bad: not exactly the structure, dwSize not its size, an SSID over 32 bytes. */
void ipc_rd_auth_target(struct ipc_rd *r, DOT11EXT_LINUX_AUTH_TARGET *out);

#endif
