// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/nl80211/link-info.c: ABORT_SCAN ends nothing when the interface's scan
 * has already ended, its end still unread, since the scan running by then
 * may be another process's. The event socket here is a netlink socket fed
 * from a second one, so what the kernel would have multicast is waiting
 * as it would be.
 */
#include "nl80211/nl80211.h"
#include "tests/unit/nl80211/test-nl.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <netlink/socket.h>

#define LI_IFINDEX 7
#define LI_FAMILY 0xfff0 /* no generic netlink family has it: a sent ABORT_SCAN is refused */

struct li {
	struct nl80211 d;
	struct nl80211_iface iface;
	struct nl_sock *feeder;
};

/*
 * The command socket is a generic netlink one, as in ihvd; the event socket and its
 * feeder are NETLINK_USERSOCK, where a process without CAP_NET_ADMIN may send to
 * another's port (generic netlink would refuse it) and the drain reads the same.
 */
static struct nl_sock *li_sock(int protocol)
{
	struct nl_sock *sk = nl_socket_alloc();

	ck_assert_ptr_nonnull(sk);
	ck_assert_int_eq(nl_connect(sk, protocol), 0);
	nl_socket_set_nonblocking(sk);
	nl_socket_disable_seq_check(sk);
	return sk;
}

static void li_open(struct li *t)
{
	memset(t, 0, sizeof(*t));
	t->d.family = LI_FAMILY;
	t->d.cmd = li_sock(NETLINK_GENERIC);
	t->d.ev = li_sock(NETLINK_USERSOCK);
	t->d.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ck_assert_int_ge(t->d.efd, 0);
	t->iface.ifindex = LI_IFINDEX;
	t->iface.d = &t->d;
	strcpy(t->iface.ifname, "wlan0");
	t->d.ifaces = &t->iface;
	t->feeder = li_sock(NETLINK_USERSOCK);
}

/* What the kernel would multicast: cmd for ifindex, waiting on the event socket. */
static void li_event(struct li *t, uint8_t cmd, uint32_t ifindex)
{
	struct nl_msg *m = nlmsg_alloc();
	struct sockaddr_nl to = { .nl_family = AF_NETLINK,
				  .nl_pid = nl_socket_get_local_port(t->d.ev) };

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(genlmsg_put(m, 0, 0, LI_FAMILY, 0, 0, cmd, 0));
	ck_assert_int_eq(nla_put_u32(m, NL80211_ATTR_IFINDEX, ifindex), 0);
	ck_assert_int_eq(sendto(nl_socket_get_fd(t->feeder), nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len,
				0, (struct sockaddr *)&to, sizeof(to)),
			 (ssize_t)nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
}

static bool li_efd_woken(struct li *t)
{
	struct pollfd p = { .fd = t->d.efd, .events = POLLIN };

	return poll(&p, 1, 0) == 1;
}

static void li_close(struct li *t)
{
	struct nl80211_pending *p;

	while ((p = nl80211_queue_pop(&t->d)))
		free(p);
	nl_socket_free(t->d.cmd);
	nl_socket_free(t->d.ev);
	nl_socket_free(t->feeder);
	close(t->d.efd);
}

/* The interface's scan ended, its end unread: nothing is aborted, the end is dispatched. */
START_TEST(test_abort_after_unread_scan_end)
{
	struct li t;

	li_open(&t);
	li_event(&t, NL80211_CMD_NEW_SCAN_RESULTS, LI_IFINDEX);
	li_event(&t, NL80211_CMD_TRIGGER_SCAN, LI_IFINDEX); /* someone else's, started since */
	ck_assert_int_eq(nl80211_link_scan_abort(&t.d.base, LI_IFINDEX), -EALREADY);
	/* both taken in and queued for the loop, which is woken to dispatch them */
	ck_assert_ptr_nonnull(t.d.q_head);
	ck_assert_ptr_nonnull(t.d.q_head->next);
	ck_assert(li_efd_woken(&t));
	li_close(&t);

	/* an aborted scan's end counts the same */
	li_open(&t);
	li_event(&t, NL80211_CMD_SCAN_ABORTED, LI_IFINDEX);
	ck_assert_int_eq(nl80211_link_scan_abort(&t.d.base, LI_IFINDEX), -EALREADY);
	li_close(&t);

	/* after an event socket overrun the end may be among the lost: nothing aborted */
	li_open(&t);
	t.d.ev_overrun = true;
	ck_assert_int_eq(nl80211_link_scan_abort(&t.d.base, LI_IFINDEX), -EALREADY);
	li_close(&t);
}
END_TEST

/*
 * Nothing ended on this interface (another's end, a scan start): the abort is
 * sent. Here no nl80211 family answers it, so the kernel's refusal comes back
 * instead of -EALREADY.
 */
START_TEST(test_abort_sent_while_scan_runs)
{
	struct li t;
	int err;

	li_open(&t);
	li_event(&t, NL80211_CMD_NEW_SCAN_RESULTS, LI_IFINDEX + 1);
	li_event(&t, NL80211_CMD_TRIGGER_SCAN, LI_IFINDEX);
	err = nl80211_link_scan_abort(&t.d.base, LI_IFINDEX);
	ck_assert_int_lt(err, 0);
	ck_assert_int_ne(err, -EALREADY);
	ck_assert_ptr_nonnull(t.d.q_head);
	ck_assert(li_efd_woken(&t));
	li_close(&t);

	li_open(&t);
	err = nl80211_link_scan_abort(&t.d.base, LI_IFINDEX);
	ck_assert_int_lt(err, 0);
	ck_assert_int_ne(err, -EALREADY);
	ck_assert_ptr_null(t.d.q_head);
	ck_assert_int_eq(nl80211_link_scan_abort(&t.d.base, LI_IFINDEX + 1), -ENODEV);
	li_close(&t);
}
END_TEST

TEST_MAIN("nl80211-link-info", test_abort_after_unread_scan_end, test_abort_sent_while_scan_runs)
