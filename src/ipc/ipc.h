/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The plugin-host protocol (issue 11): how ihvd and ihvd-plugin-host speak
 * over their two socketpairs. Shared by both sides; it knows nothing of
 * either (no core, no plugin state), only frames and fields.
 *
 * A frame is a 12-byte header, then the payload:
 *
 *	u32 magic   IPC_MAGIC ("IHVP"), checked on every frame
 *	u16 type    enum ipc_type
 *	u16 id      the handler / service / export the frame is about
 *	u32 len     payload bytes, at most IPC_MAX_PAYLOAD
 *
 * all little-endian. A payload is a sequence of fields, each read back in
 * the order written: u32, u64, and byte strings (u32 length + bytes). The
 * reader is bounds-checked: reading past the end, a length larger than what
 * is left, or bytes left over at the end make the whole frame invalid
 * (ipc_rd_done), and the receiver treats an invalid frame as a protocol
 * error (the peer is stopped), never as data.
 *
 * Versioning: the host's first frame is IPC_HELLO carrying IPC_VERSION; a
 * peer speaking another version is refused before anything else is read.
 * New messages get new ids; an id a side does not know is a protocol error.
 */
#ifndef IHVD_IPC_IPC_H
#define IHVD_IPC_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPC_MAGIC 0x50564849u /* "IHVP" little-endian */
/*
 * 2: the authentication exchange (ihvlinux.h v2); 3: IPC_NOTE; 4: IPC_CREDS; 5: timer arm
 * and cancel as notes
 */
#define IPC_VERSION 5u
#define IPC_HDR_LEN 12u
#define IPC_MAX_PAYLOAD (256u * 1024u)

enum ipc_type {
	IPC_HELLO = 1,      /* host -> ihvd: version, exports, load error */
	IPC_CALL,           /* ihvd -> host: call a handler / export (id) */
	IPC_RETURN,         /* host -> ihvd: the call's results */
	IPC_SVC,            /* host -> ihvd: the plugin calls a service (id) */
	IPC_SVC_RETURN,     /* ihvd -> host: the service's results */
	IPC_FAULT,          /* host -> ihvd: a forbidden syscall or a signal */
	/*
	 * host -> ihvd, channel A, inside a call: a service whose result the
	 * plugin does not wait for (ipc_svc_is_note: Dot11ExtLinuxLog, which is
	 * VOID; arming or cancelling a timer the host saw created, which ihvd
	 * answers ERROR_SUCCESS there), served in order with the call's other
	 * frames; the plugin does not wait a round trip for it.
	 */
	IPC_NOTE,
	/*
	 * ihvd -> host, channel A, ihvd's first frame, before the HELLO: the plugin
	 * user as ihvd resolved it while the host was starting (ipc_creds_*). The
	 * host drops to it before it loads the plugin, and never reads the user
	 * database itself (issue 16: a cold start does not wait for it twice).
	 */
	IPC_CREDS,
};

/*
 * IPC_CREDS's payload: u32 uid, u32 gid, and a byte string, empty when the user
 * was found, else why not (the host reports it in its HELLO and ends).
 */
struct ipc_creds {
	uint32_t uid, gid;
	char error[160];
};

/* Building a payload. On allocation failure ok turns false and stays so. */
struct ipc_wr {
	uint8_t *buf;
	size_t len, cap;
	bool ok;
	bool no_memory; /* !ok because a buffer could not grow, not because it is too large */
};

void ipc_wr_init(struct ipc_wr *w);
/* Clears (the payload may carry keys) and frees the buffer. */
void ipc_wr_free(struct ipc_wr *w);
void ipc_wr_reset(struct ipc_wr *w);
void ipc_wr_u32(struct ipc_wr *w, uint32_t v);
void ipc_wr_u64(struct ipc_wr *w, uint64_t v);
void ipc_wr_ptr(struct ipc_wr *w, const void *p);
/* A byte string: u32 length + bytes; p may be NULL when len is 0. */
void ipc_wr_bytes(struct ipc_wr *w, const void *p, size_t len);
/* A NUL-terminated UTF-16 string, NULL allowed (sent as length 0). */
void ipc_wr_wstr(struct ipc_wr *w, const uint16_t *s);
/* A NUL-terminated C string, NULL allowed. */
void ipc_wr_str(struct ipc_wr *w, const char *s);

/* Reading a payload; every getter returns 0/NULL once the frame is bad. */
struct ipc_rd {
	const uint8_t *p;
	size_t len, off;
	bool ok;
};

void ipc_rd_init(struct ipc_rd *r, const uint8_t *p, size_t len);
uint32_t ipc_rd_u32(struct ipc_rd *r);
uint64_t ipc_rd_u64(struct ipc_rd *r);
void *ipc_rd_ptr(struct ipc_rd *r);
/* Borrowed: points into the frame, unaligned. NULL with *len 0 for "". */
const uint8_t *ipc_rd_bytes(struct ipc_rd *r, size_t *len);
/*
 * An aligned heap copy with two zero bytes after the data (so a UTF-16 or C
 * string is always terminated); NULL when the field is empty or bad (then
 * *len is 0). min: the smallest acceptable length (shorter: frame bad).
 */
void *ipc_rd_dup(struct ipc_rd *r, size_t min, size_t *len);
/* Exactly n bytes into dst (field length must be n). */
void ipc_rd_fixed(struct ipc_rd *r, void *dst, size_t n);
/* True when every read was in bounds and the payload was consumed. */
bool ipc_rd_done(const struct ipc_rd *r);

/* A received frame; data is owned (ipc_msg_free clears and frees it). */
struct ipc_msg {
	uint16_t type, id;
	uint32_t len;
	uint8_t *data;
};

void ipc_msg_free(struct ipc_msg *m);

/* Write one frame (blocking, the whole of it). 0 or -errno. */
int ipc_send(int fd, uint16_t type, uint16_t id, const struct ipc_wr *w);

/* The largest frame payload that leaves in one send (ipc.c), and one read's room. */
#define IPC_SEND_ONE 4096u

/*
 * A channel's receive side. A frame of up to IPC_SEND_ONE octets leaves in one send, so
 * one read takes its header and payload together, and sometimes the frames sent after it:
 * those wait here for the next ipc_recv. Every read of a channel goes through its one
 * ipc_rx. The octets a frame was read from are cleared (a SetKey's payload is a key).
 */
struct ipc_rx {
	uint8_t buf[IPC_HDR_LEN + IPC_SEND_ONE];
	size_t off, len; /* buf[off .. off + len) is read and not yet taken */
};

void ipc_rx_init(struct ipc_rx *rx);
/* Clears what is held. */
void ipc_rx_clear(struct ipc_rx *rx);
/* Octets held past the last frame taken: a poll of the socket would not see them. */
static inline bool ipc_rx_pending(const struct ipc_rx *rx)
{
	return rx->len > 0;
}

/*
 * Read one frame. timeout_ms < 0 waits forever. 0, -ETIMEDOUT, -EPIPE
 * (peer gone), -EPROTO (bad magic, type or length), or another -errno.
 */
int ipc_recv(int fd, struct ipc_rx *rx, struct ipc_msg *m, int timeout_ms);
/*
 * The same until deadline_ms, a time of ipc_clock_ms() (0: no deadline). A caller that
 * reads many frames against one deadline reads the clock once per frame, not three times.
 */
int ipc_recv_until(int fd, struct ipc_rx *rx, struct ipc_msg *m, uint64_t deadline_ms);
/* CLOCK_MONOTONIC in milliseconds: the clock of ipc_recv_until's deadline. */
uint64_t ipc_clock_ms(void);
/*
 * Parse a frame from a buffer (the fuzz target's entry): 0 and *used set,
 * -EAGAIN when more bytes are needed, -EPROTO when it cannot be a frame.
 * m->data points into buf (not owned).
 */
int ipc_frame_parse(const uint8_t *buf, size_t len, struct ipc_msg *m, size_t *used);

const char *ipc_type_str(uint16_t type);

/* IPC_CREDS: ihvd writes it (0 or -errno), the host reads it back (0, or -EPROTO). */
int ipc_creds_send(int fd, const struct ipc_creds *c);
int ipc_creds_parse(const struct ipc_msg *m, struct ipc_creds *c);

#endif
