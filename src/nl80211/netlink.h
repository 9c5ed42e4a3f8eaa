/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Generic netlink sockets for the nl80211 driver: open, send a request and
 * wait for the kernel's answer (ack, error with the kernel's message, or a
 * whole dump), and read notifications. Commands are synchronous with the
 * kernel: a request is done when its ack arrived.
 */
#ifndef IHVD_NL80211_NETLINK_H
#define IHVD_NL80211_NETLINK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

/* Copies of the reply messages of one request, in order. */
struct nl80211_reply {
	struct nlmsghdr **msgs;
	size_t n, cap;
};

void nl80211_reply_clear(struct nl80211_reply *r);

/* A notification met while waiting for an answer (the caller defers it). */
typedef void (*nl80211_notify_cb)(void *ctx, const struct nlmsghdr *nlh);

/* Non-blocking, extended-ack and capped-ack, large receive buffer. */
struct nl_sock *nl80211_sock_open(int *err);
void nl80211_sock_close(struct nl_sock *sk);

/*
 * Send msg and wait for its answer: returns 0 or the kernel's -errno
 * (kmsg gets the kernel's extended-ack text, or ""). With reply, reply
 * messages are copied into it; with NLM_F_DUMP the wait ends at NLMSG_DONE,
 * and -EAGAIN means the dump was interrupted (NLM_F_DUMP_INTR): retry.
 * Other messages (seq 0) go to notify. Gives up after timeout_ms of silence
 * (-ETIMEDOUT).
 */
int nl80211_sock_request(struct nl_sock *sk, struct nl_msg *msg,
			 struct nl80211_reply *reply, nl80211_notify_cb notify,
			 void *ctx, char *kmsg, size_t kmsg_len, int timeout_ms);

/*
 * Read what is pending (non-blocking) and pass each message to notify.
 * Returns 0 when drained, -ENOBUFS after a receive overrun (messages lost),
 * or another -errno.
 */
int nl80211_sock_drain(struct nl_sock *sk, nl80211_notify_cb notify,
		       void *ctx);

/*
 * One datagram from fd (non-blocking) into *buf (the caller frees it): its length,
 * -EAGAIN when none is pending, -ENOBUFS when one was longer than the buffer (it is
 * lost, like the messages of an overrun), or another -errno.
 */
ssize_t nl80211_sock_recv(int fd, void **buf);

/*
 * Parse an NLMSG_ERROR message: returns its error (0 = ack, else -errno)
 * and points *kmsg at the extended-ack text (NULL if none). Returns -EPROTO
 * for a truncated error message.
 */
int nl80211_sock_error_parse(const struct nlmsghdr *nlh, const char **kmsg);

#endif
