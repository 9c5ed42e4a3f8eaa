// SPDX-License-Identifier: BSD-3-Clause
/*
 * Generic netlink plumbing over libnl sockets. Receiving is done here, one
 * recv per datagram into a buffer larger than any the kernel builds for us
 * (MSG_TRUNC still tells a longer one, which is counted as lost), and a
 * receive overrun (ENOBUFS) is seen as such.
 */
#include "nl80211/netlink.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/genl.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

void nl80211_reply_clear(struct nl80211_reply *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->msgs[i]);
	free(r->msgs);
	memset(r, 0, sizeof(*r));
}

static int nl80211_reply_add(struct nl80211_reply *r, const struct nlmsghdr *nlh)
{
	struct nlmsghdr *copy;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct nlmsghdr **m = realloc(r->msgs, cap * sizeof(*m));

		if (!m)
			return -ENOMEM;
		r->msgs = m;
		r->cap = cap;
	}
	copy = malloc(nlh->nlmsg_len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, nlh, nlh->nlmsg_len);
	r->msgs[r->n++] = copy;
	return 0;
}

struct nl_sock *nl80211_sock_open(int *err)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, fd, r;

	if (!sk) {
		*err = -ENOMEM;
		return NULL;
	}
	r = genl_connect(sk);
	if (r < 0) {
		*err = -ECONNREFUSED;
		nl_socket_free(sk);
		return NULL;
	}
	fd = nl_socket_get_fd(sk);
	/* Kernel error text, and errors that do not echo our request (keys). */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(sk, 1 << 20, 1 << 18);
	if (nl_socket_set_nonblocking(sk) < 0) {
		*err = -errno;
		nl_socket_free(sk);
		return NULL;
	}
	*err = 0;
	return sk;
}

void nl80211_sock_close(struct nl_sock *sk)
{
	if (sk)
		nl_socket_free(sk);
}

/*
 * The kernel sizes a dump's datagram to the largest read the socket has made, capped
 * at 32 KiB less the skb's overhead (net/netlink/af_netlink.c: netlink_recvmsg's
 * max_recvmsg_len, which netlink_dump allocates), and a notification or an answer is
 * one message built well under that. Reading into 64 KiB at once lets the kernel fill
 * those 32 KiB, and costs one system call per datagram where sizing each with
 * MSG_PEEK first cost two (issue 16: CPU per reconnect).
 */
#define NL80211_RECV_MAX (64u * 1024u)

ssize_t nl80211_sock_recv(int fd, void **buf)
{
	ssize_t n;
	void *b;

	*buf = NULL;
	b = malloc(NL80211_RECV_MAX);
	if (!b)
		return -ENOMEM;
	do
		n = recv(fd, b, NL80211_RECV_MAX, MSG_TRUNC | MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0 || n > (ssize_t)NL80211_RECV_MAX) {
		int e = n < 0 ? errno : ENOBUFS; /* cut short: lost, as in an overrun */

		free(b);
		return e == EWOULDBLOCK ? -EAGAIN : -e;
	}
	*buf = b;
	return n;
}

int nl80211_sock_error_parse(const struct nlmsghdr *nlh, const char **kmsg)
{
	const struct nlmsgerr *e;
	size_t off, len = nlh->nlmsg_len;
	const struct nlattr *a;
	int rem;

	*kmsg = NULL;
	if (len < NLMSG_HDRLEN + sizeof(int))
		return -EPROTO;
	e = nlmsg_data(nlh);
	if (e->error > 0)
		return -EPROTO;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    len < NLMSG_HDRLEN + sizeof(*e))
		return e->error;
	if (nlh->nlmsg_flags & NLM_F_CAPPED)
		off = sizeof(*e);
	else
		off = sizeof(int) + NLMSG_ALIGN(e->msg.nlmsg_len);
	if (off > len - NLMSG_HDRLEN)
		return e->error;
	a = (const struct nlattr *)((const char *)e + off);
	rem = (int)(len - NLMSG_HDRLEN - off);
	for (; nla_ok(a, rem); a = nla_next(a, &rem)) {
		const char *s = nla_data(a);
		int l = nla_len(a);

		if (nla_type(a) == NLMSGERR_ATTR_MSG && l > 0 && s[l - 1] == '\0')
			*kmsg = s;
	}
	return e->error;
}

int nl80211_sock_request(struct nl_sock *sk, struct nl_msg *msg,
			 struct nl80211_reply *reply, nl80211_notify_cb notify,
			 void *ctx, char *kmsg, size_t kmsg_len, int timeout_ms)
{
	int fd = nl_socket_get_fd(sk);
	bool dump = nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP;
	bool done = false, intr = false;
	uint32_t seq, port;
	int err = 0, r;

	if (kmsg && kmsg_len)
		kmsg[0] = '\0';
	errno = 0;
	r = nl_send_auto(sk, msg);
	if (r < 0)
		return errno ? -errno : -EIO;
	seq = nlmsg_hdr(msg)->nlmsg_seq;
	port = nl_socket_get_local_port(sk);

	while (!done) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *nlh;
		void *buf;
		ssize_t n;

		r = poll(&pfd, 1, timeout_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -ETIMEDOUT;
		n = nl80211_sock_recv(fd, &buf);
		if (n == -EAGAIN)
			continue;
		if (n < 0)
			return (int)n;
		int left = (int)n;

		for (nlh = buf; nlmsg_ok(nlh, left); nlh = nlmsg_next(nlh, &left)) {
			const char *km;

			if (nlh->nlmsg_seq != seq || nlh->nlmsg_pid != port) {
				/* A notification; a stale answer is dropped. */
				if (nlh->nlmsg_seq == 0 && notify &&
				    nlh->nlmsg_type >= NLMSG_MIN_TYPE)
					notify(ctx, nlh);
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				err = nl80211_sock_error_parse(nlh, &km);
				if (km && kmsg && kmsg_len)
					snprintf(kmsg, kmsg_len, "%s", km);
				done = true;
				break;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
					int e;

					memcpy(&e, nlmsg_data(nlh), sizeof(e));
					if (e < 0)
						err = e;
				}
				if (dump) {
					done = true;
					break;
				}
				continue;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
				continue;
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				intr = true;
			if (reply && !err)
				err = nl80211_reply_add(reply, nlh);
		}
		free(buf);
	}
	if (!err && intr)
		err = -EAGAIN;
	return err;
}

int nl80211_sock_drain(struct nl_sock *sk, nl80211_notify_cb notify,
		       void *ctx)
{
	int fd = nl_socket_get_fd(sk);
	int ret = 0;

	for (;;) {
		struct nlmsghdr *nlh;
		void *buf;
		ssize_t n = nl80211_sock_recv(fd, &buf);
		int left;

		if (n == -EAGAIN)
			return ret;
		if (n == -ENOBUFS) {
			ret = -ENOBUFS; /* overrun: keep reading what is left */
			continue;
		}
		if (n < 0)
			return (int)n;
		left = (int)n;
		/* Notifications only: stale answers (seq != 0) are dropped. */
		for (nlh = buf; nlmsg_ok(nlh, left); nlh = nlmsg_next(nlh, &left))
			if (nlh->nlmsg_type >= NLMSG_MIN_TYPE &&
			    nlh->nlmsg_seq == 0)
				notify(ctx, nlh);
		free(buf);
	}
}
