// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/nl80211/netlink.c: acks, errors with the kernel's text, dumps. The
 * request tests talk to the real generic netlink controller (nlctrl), which
 * every Linux kernel has, radio or not.
 */
#include "nl80211/netlink.h"
#include "tests/unit/nl80211/test-nl.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>

/* An NLMSG_ERROR message: error, flags, and optionally an ext-ack text. */
static struct nlmsghdr *err_msg(int error, uint16_t flags, const char *text,
				bool capped)
{
	size_t tl = text ? strlen(text) + 1 : 0;
	size_t orig = capped ? 0 : 24; /* an echoed 24-byte request */
	size_t len = NLMSG_HDRLEN + sizeof(struct nlmsgerr) + orig +
		     (text ? NLA_ALIGN(NLA_HDRLEN + tl) : 0);
	struct nlmsghdr *h = calloc(1, len);
	struct nlmsgerr *e = NLMSG_DATA(h);
	struct nlattr *a;

	h->nlmsg_len = (uint32_t)len;
	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_flags = flags | (capped ? NLM_F_CAPPED : 0);
	e->error = error;
	e->msg.nlmsg_len = (uint32_t)(NLMSG_HDRLEN + orig);
	if (text) {
		a = (struct nlattr *)((char *)e + sizeof(*e) + orig);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = (uint16_t)(NLA_HDRLEN + tl);
		memcpy((char *)a + NLA_HDRLEN, text, tl);
	}
	return h;
}

START_TEST(test_error_parse)
{
	const char *k;
	struct nlmsghdr *h;

	h = err_msg(0, 0, NULL, true);
	ck_assert_int_eq(nl80211_sock_error_parse(h, &k), 0);
	ck_assert_ptr_null(k);
	free(h);

	h = err_msg(-22, NLM_F_ACK_TLVS, "key setting validation failed", true);
	ck_assert_int_eq(nl80211_sock_error_parse(h, &k), -22);
	ck_assert_str_eq(k, "key setting validation failed");
	free(h);

	h = err_msg(-95, NLM_F_ACK_TLVS, "no capped echo", false);
	ck_assert_int_eq(nl80211_sock_error_parse(h, &k), -95);
	ck_assert_str_eq(k, "no capped echo");
	free(h);

	/* Text without its NUL: not used. */
	h = err_msg(-22, NLM_F_ACK_TLVS, "abc", true);
	((char *)h)[h->nlmsg_len - 1] = 'x';
	((char *)h)[h->nlmsg_len - 2] = 'x';
	((char *)h)[h->nlmsg_len - 3] = 'x';
	((char *)h)[h->nlmsg_len - 4] = 'x';
	ck_assert_int_eq(nl80211_sock_error_parse(h, &k), -22);
	ck_assert_ptr_null(k);
	free(h);

	/* Truncated error message; a positive "error" is nonsense. */
	h = err_msg(-22, 0, NULL, true);
	h->nlmsg_len = NLMSG_HDRLEN + 2;
	ck_assert_int_eq(nl80211_sock_error_parse(h, &k), -EPROTO);
	h->nlmsg_len = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
	((struct nlmsgerr *)NLMSG_DATA(h))->error = 5;
	ck_assert_int_eq(nl80211_sock_error_parse(h, &k), -EPROTO);
	free(h);
}
END_TEST

static struct nl_msg *getfamily(const char *name, int flags)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL, 0, flags,
		    CTRL_CMD_GETFAMILY, 1);
	if (name)
		nla_put_string(m, CTRL_ATTR_FAMILY_NAME, name);
	return m;
}

START_TEST(test_request_reply_and_error)
{
	struct nl80211_reply r = { 0 };
	char kmsg[128];
	struct nl_msg *m;
	struct nl_sock *sk;
	int err;

	sk = nl80211_sock_open(&err);
	ck_assert_ptr_nonnull(sk);

	m = getfamily("nlctrl", 0);
	ck_assert_int_eq(nl80211_sock_request(sk, m, &r, NULL, NULL, kmsg,
					      sizeof(kmsg), 2000), 0);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.msgs[0]->nlmsg_type, GENL_ID_CTRL);
	nl80211_reply_clear(&r);
	ck_assert_uint_eq(r.n, 0);
	nlmsg_free(m);

	m = getfamily("nosuchfamily", 0);
	err = nl80211_sock_request(sk, m, &r, NULL, NULL, kmsg, sizeof(kmsg), 2000);
	ck_assert_int_eq(err, -ENOENT);
	ck_assert_uint_eq(r.n, 0);
	nlmsg_free(m);

	/* A dump: several families, ended by NLMSG_DONE. */
	m = getfamily(NULL, NLM_F_DUMP);
	ck_assert_int_eq(nl80211_sock_request(sk, m, &r, NULL, NULL, NULL, 0, 2000), 0);
	ck_assert_uint_ge(r.n, 1);
	nl80211_reply_clear(&r);
	nlmsg_free(m);

	/* Nothing left behind: the socket drains empty. */
	ck_assert_int_eq(nl80211_sock_drain(sk, NULL, NULL), 0);
	nl80211_sock_close(sk);
}
END_TEST

/*
 * One read per datagram: each comes whole; one longer than the buffer is reported as
 * lost (-ENOBUFS, as an overrun) and the next is read; none pending is -EAGAIN.
 */
START_TEST(test_recv_one_datagram_each)
{
	static uint8_t big[70000];
	uint8_t small[100];
	void *buf;
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv), 0);
	memset(small, 0xa5, sizeof(small));
	ck_assert_int_eq(send(sv[1], small, sizeof(small), 0), (ssize_t)sizeof(small));
	ck_assert_int_eq(send(sv[1], small, 40, 0), 40);
	ck_assert_int_eq(nl80211_sock_recv(sv[0], &buf), (ssize_t)sizeof(small));
	ck_assert_mem_eq(buf, small, sizeof(small));
	free(buf);
	ck_assert_int_eq(nl80211_sock_recv(sv[0], &buf), 40);
	free(buf);

	ck_assert_int_eq(send(sv[1], big, sizeof(big), 0), (ssize_t)sizeof(big));
	ck_assert_int_eq(send(sv[1], small, 16, 0), 16);
	ck_assert_int_eq(nl80211_sock_recv(sv[0], &buf), -ENOBUFS);
	ck_assert_ptr_null(buf);
	ck_assert_int_eq(nl80211_sock_recv(sv[0], &buf), 16);
	free(buf);
	ck_assert_int_eq(nl80211_sock_recv(sv[0], &buf), -EAGAIN);
	ck_assert_ptr_null(buf);
	close(sv[0]);
	close(sv[1]);
}
END_TEST

TEST_MAIN("nl80211-netlink", test_error_parse, test_request_reply_and_error,
	  test_recv_one_datagram_each)
