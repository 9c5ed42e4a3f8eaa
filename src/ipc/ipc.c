// SPDX-License-Identifier: BSD-3-Clause
/*
 * The plugin-host protocol's frames and fields (ipc.h).
 */
#include <endian.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/ipc.h"

void ipc_wr_init(struct ipc_wr *w)
{
	w->buf = NULL;
	w->len = w->cap = 0;
	w->ok = true;
	w->no_memory = false;
}

void ipc_wr_free(struct ipc_wr *w)
{
	if (w->buf)
		explicit_bzero(w->buf, w->cap);
	free(w->buf);
	ipc_wr_init(w);
}

void ipc_wr_reset(struct ipc_wr *w)
{
	if (w->buf)
		explicit_bzero(w->buf, w->len);
	w->len = 0;
	w->ok = true;
	w->no_memory = false;
}

static void ipc_wr_put(struct ipc_wr *w, const void *p, size_t n)
{
	uint8_t *nb;
	size_t cap;

	if (!w->ok)
		return;
	if (w->len + n > IPC_MAX_PAYLOAD) {
		w->ok = false;
		return;
	}
	if (w->len + n > w->cap) {
		cap = w->cap ? w->cap * 2 : 256;
		while (cap < w->len + n)
			cap *= 2;
		/* no realloc: the old block may hold key material to clear */
		nb = malloc(cap);
		if (!nb) {
			w->ok = false;
			w->no_memory = true;
			return;
		}
		if (w->buf) {
			memcpy(nb, w->buf, w->len);
			explicit_bzero(w->buf, w->cap);
			free(w->buf);
		}
		w->buf = nb;
		w->cap = cap;
	}
	if (n)
		memcpy(w->buf + w->len, p, n);
	w->len += n;
}

void ipc_wr_u32(struct ipc_wr *w, uint32_t v)
{
	v = htole32(v);
	ipc_wr_put(w, &v, 4);
}

void ipc_wr_u64(struct ipc_wr *w, uint64_t v)
{
	v = htole64(v);
	ipc_wr_put(w, &v, 8);
}

void ipc_wr_ptr(struct ipc_wr *w, const void *p)
{
	ipc_wr_u64(w, (uint64_t)(uintptr_t)p);
}

void ipc_wr_bytes(struct ipc_wr *w, const void *p, size_t len)
{
	if (len > IPC_MAX_PAYLOAD || (len && !p)) {
		w->ok = false;
		return;
	}
	ipc_wr_u32(w, (uint32_t)len);
	ipc_wr_put(w, p, len);
}

void ipc_wr_wstr(struct ipc_wr *w, const uint16_t *s)
{
	size_t n = 0;

	if (s)
		while (s[n] && n < IPC_MAX_PAYLOAD / 2)
			n++;
	ipc_wr_bytes(w, s, n * 2);
}

void ipc_wr_str(struct ipc_wr *w, const char *s)
{
	ipc_wr_bytes(w, s, s ? strnlen(s, IPC_MAX_PAYLOAD) : 0);
}

void ipc_rd_init(struct ipc_rd *r, const uint8_t *p, size_t len)
{
	r->p = p;
	r->len = p ? len : 0;
	r->off = 0;
	r->ok = true;
}

static const uint8_t *ipc_rd_take(struct ipc_rd *r, size_t n)
{
	const uint8_t *p;

	if (!r->ok || n > r->len - r->off) {
		r->ok = false;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

uint32_t ipc_rd_u32(struct ipc_rd *r)
{
	const uint8_t *p = ipc_rd_take(r, 4);
	uint32_t v;

	if (!p)
		return 0;
	memcpy(&v, p, 4);
	return le32toh(v);
}

uint64_t ipc_rd_u64(struct ipc_rd *r)
{
	const uint8_t *p = ipc_rd_take(r, 8);
	uint64_t v;

	if (!p)
		return 0;
	memcpy(&v, p, 8);
	return le64toh(v);
}

void *ipc_rd_ptr(struct ipc_rd *r)
{
	return (void *)(uintptr_t)ipc_rd_u64(r);
}

const uint8_t *ipc_rd_bytes(struct ipc_rd *r, size_t *len)
{
	uint32_t n = ipc_rd_u32(r);
	const uint8_t *p;

	*len = 0;
	p = ipc_rd_take(r, n);
	if (!p || !n)
		return NULL;
	*len = n;
	return p;
}

void *ipc_rd_dup(struct ipc_rd *r, size_t min, size_t *len)
{
	const uint8_t *p = ipc_rd_bytes(r, len);
	uint8_t *d;

	if (*len < min) {
		r->ok = false;
		*len = 0;
		return NULL;
	}
	if (!p)
		return NULL;
	d = malloc(*len + 2);
	if (!d) {
		r->ok = false;
		*len = 0;
		return NULL;
	}
	memcpy(d, p, *len);
	d[*len] = d[*len + 1] = 0;
	return d;
}

void ipc_rd_fixed(struct ipc_rd *r, void *dst, size_t n)
{
	const uint8_t *p;
	size_t len;

	p = ipc_rd_bytes(r, &len);
	if (!r->ok || len != n) {
		r->ok = false;
		memset(dst, 0, n);
		return;
	}
	if (n)
		memcpy(dst, p, n);
}

bool ipc_rd_done(const struct ipc_rd *r)
{
	return r->ok && r->off == r->len;
}

void ipc_msg_free(struct ipc_msg *m)
{
	if (m->data)
		explicit_bzero(m->data, m->len);
	free(m->data);
	m->data = NULL;
	m->len = 0;
}

static void ipc_hdr_put(uint8_t *h, uint16_t type, uint16_t id, uint32_t len)
{
	uint32_t magic = htole32(IPC_MAGIC), l = htole32(len);
	uint16_t t = htole16(type), i = htole16(id);

	memcpy(h, &magic, 4);
	memcpy(h + 4, &t, 2);
	memcpy(h + 6, &i, 2);
	memcpy(h + 8, &l, 4);
}

/* Header fields; -EPROTO when it cannot be one of ours. */
static int ipc_hdr_get(const uint8_t *h, struct ipc_msg *m)
{
	uint32_t magic, len;
	uint16_t type, id;

	memcpy(&magic, h, 4);
	memcpy(&type, h + 4, 2);
	memcpy(&id, h + 6, 2);
	memcpy(&len, h + 8, 4);
	m->type = le16toh(type);
	m->id = le16toh(id);
	m->len = le32toh(len);
	m->data = NULL;
	if (le32toh(magic) != IPC_MAGIC || m->type < IPC_HELLO || m->type > IPC_CREDS ||
	    m->len > IPC_MAX_PAYLOAD)
		return -EPROTO;
	return 0;
}

static int ipc_write_all(int fd, const uint8_t *p, size_t n)
{
	ssize_t k;

	while (n) {
		k = send(fd, p, n, MSG_NOSIGNAL); /* a dead peer is an error, not SIGPIPE */
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return errno == EPIPE || k == 0 ? -EPIPE : -errno;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * A frame of up to IPC_SEND_ONE octets leaves in one send, so the peer wakes once per
 * frame and finds all of it waiting: a frame costs the reader one poll and one read
 * (struct ipc_rx), where two sends cost it two poll/read pairs and two wake-ups. (One
 * send of a copy, not sendmsg, which the plugin host's seccomp filter does not allow; a
 * copy of a few hundred octets costs less than a wake-up.)
 */

int ipc_send(int fd, uint16_t type, uint16_t id, const struct ipc_wr *w)
{
	uint8_t frame[IPC_HDR_LEN + IPC_SEND_ONE];
	size_t len = w ? w->len : 0;
	int rc;

	if (w && !w->ok)
		return -EMSGSIZE;
	ipc_hdr_put(frame, type, id, (uint32_t)len);
	if (len <= IPC_SEND_ONE) {
		if (len)
			memcpy(frame + IPC_HDR_LEN, w->buf, len);
		rc = ipc_write_all(fd, frame, IPC_HDR_LEN + len);
		explicit_bzero(frame + IPC_HDR_LEN, len); /* a SetKey's payload is a key */
		return rc;
	}
	rc = ipc_write_all(fd, frame, IPC_HDR_LEN);
	if (!rc)
		rc = ipc_write_all(fd, w->buf, len);
	return rc;
}

uint64_t ipc_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/*
 * Up to n octets, at least one. With a deadline: polls, then reads; with `waiting` (the
 * rest of a frame whose header came: ipc_send sent it whole) it reads first and polls
 * only if the read would block. With no deadline it reads blocking, without a poll: one
 * system call per wait instead of two (both sides' channels are blocking sockets; on one
 * that is not, the read says EAGAIN and we poll). Returns the count or -errno.
 */
static ssize_t ipc_read_some(int fd, uint8_t *p, size_t n, uint64_t deadline, bool waiting)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t k;
	int rc;

	for (;;) {
		if (!waiting && deadline) {
			uint64_t now = ipc_clock_ms();

			if (now >= deadline)
				return -ETIMEDOUT;
			rc = poll(&pfd, 1, (int)(deadline - now));
			if (rc < 0 && errno == EINTR)
				continue;
			if (rc < 0)
				return -errno;
			if (rc == 0)
				return -ETIMEDOUT;
		}
		waiting = false;
		k = recv(fd, p, n, deadline ? MSG_DONTWAIT : 0);
		if (k < 0 && !deadline && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			(void)poll(&pfd, 1, -1); /* a non-blocking socket after all */
			continue;
		}
		if (k < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (k < 0)
			return errno == ECONNRESET ? -EPIPE : -errno;
		if (k == 0)
			return -EPIPE;
		return k;
	}
}

void ipc_rx_init(struct ipc_rx *rx)
{
	rx->off = rx->len = 0;
}

void ipc_rx_clear(struct ipc_rx *rx)
{
	explicit_bzero(rx->buf, sizeof(rx->buf));
	rx->off = rx->len = 0;
}

/* Hand n held octets to dst and clear where they were. */
static void ipc_rx_take(struct ipc_rx *rx, uint8_t *dst, size_t n)
{
	memcpy(dst, rx->buf + rx->off, n);
	explicit_bzero(rx->buf + rx->off, n);
	rx->off += n;
	rx->len -= n;
	if (!rx->len)
		rx->off = 0;
}

int ipc_recv(int fd, struct ipc_rx *rx, struct ipc_msg *m, int timeout_ms)
{
	return ipc_recv_until(fd, rx, m,
			      timeout_ms < 0 ? 0 : ipc_clock_ms() + (uint64_t)timeout_ms + 1);
}

int ipc_recv_until(int fd, struct ipc_rx *rx, struct ipc_msg *m, uint64_t deadline)
{
	uint8_t h[IPC_HDR_LEN];
	size_t got;
	ssize_t k;
	int rc;

	memset(m, 0, sizeof(*m));
	while (rx->len < IPC_HDR_LEN) {
		if (rx->off) { /* a header split across reads: move its start down */
			memmove(rx->buf, rx->buf + rx->off, rx->len);
			explicit_bzero(rx->buf + rx->len, rx->off);
			rx->off = 0;
		}
		k = ipc_read_some(fd, rx->buf + rx->len, sizeof(rx->buf) - rx->len, deadline,
				  rx->len > 0);
		if (k < 0)
			return (int)k;
		rx->len += (size_t)k;
	}
	ipc_rx_take(rx, h, sizeof(h));
	rc = ipc_hdr_get(h, m);
	if (rc)
		return rc;
	m->data = malloc(m->len ? m->len : 1);
	if (!m->data)
		return -ENOMEM;
	got = rx->len < m->len ? rx->len : m->len;
	ipc_rx_take(rx, m->data, got);
	while (got < m->len) { /* the rest of a large frame: straight into its buffer */
		k = ipc_read_some(fd, m->data + got, m->len - got, deadline, true);
		if (k < 0) {
			ipc_msg_free(m);
			return (int)k;
		}
		got += (size_t)k;
	}
	return 0;
}

int ipc_frame_parse(const uint8_t *buf, size_t len, struct ipc_msg *m, size_t *used)
{
	int rc;

	*used = 0;
	if (len < IPC_HDR_LEN)
		return -EAGAIN;
	rc = ipc_hdr_get(buf, m);
	if (rc)
		return rc;
	if (len - IPC_HDR_LEN < m->len)
		return -EAGAIN;
	m->data = (uint8_t *)buf + IPC_HDR_LEN;
	*used = IPC_HDR_LEN + m->len;
	return 0;
}

const char *ipc_type_str(uint16_t type)
{
	switch (type) {
	case IPC_HELLO: return "HELLO";
	case IPC_CALL: return "CALL";
	case IPC_RETURN: return "RETURN";
	case IPC_SVC: return "SVC";
	case IPC_SVC_RETURN: return "SVC_RETURN";
	case IPC_FAULT: return "FAULT";
	case IPC_NOTE: return "NOTE";
	case IPC_CREDS: return "CREDS";
	default: /* a u16 off the wire */
		return "unknown";
	}
}

int ipc_creds_send(int fd, const struct ipc_creds *c)
{
	struct ipc_wr w;
	int rc;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, c->uid);
	ipc_wr_u32(&w, c->gid);
	ipc_wr_str(&w, c->error);
	rc = ipc_send(fd, IPC_CREDS, 0, &w);
	ipc_wr_free(&w);
	return rc;
}

int ipc_creds_parse(const struct ipc_msg *m, struct ipc_creds *c)
{
	struct ipc_rd r;
	const uint8_t *e;
	size_t el;

	memset(c, 0, sizeof(*c));
	if (m->type != IPC_CREDS || m->id != 0)
		return -EPROTO;
	ipc_rd_init(&r, m->data, m->len);
	c->uid = ipc_rd_u32(&r);
	c->gid = ipc_rd_u32(&r);
	e = ipc_rd_bytes(&r, &el);
	if (!ipc_rd_done(&r) || el >= sizeof(c->error) || (el && memchr(e, 0, el))) {
		memset(c, 0, sizeof(*c));
		return -EPROTO;
	}
	if (el)
		memcpy(c->error, e, el);
	return 0;
}
