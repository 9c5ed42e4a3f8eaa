// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/ipc/ipc.c: IPC_CREDS, the plugin user ihvd resolves for the host while
 * it starts. The ids and the error come back as sent, over a real socket; a
 * frame of another type or id, a payload cut short or one byte too long, an
 * error too long for the host's buffer or with a NUL inside: all refused.
 * The receive side (struct ipc_rx): frames read together are handed out one
 * by one, a header split across writes and a frame larger than one read come
 * whole, the octets taken are cleared, and a bad header is refused. The writer refuses
 * a payload past one frame for its size.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/ipc.h"

static struct ipc_creds roundtrip(const struct ipc_creds *in, int *rc)
{
	struct ipc_creds out;
	struct ipc_rx rx;
	struct ipc_msg m;
	int sv[2];

	ipc_rx_init(&rx);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(ipc_creds_send(sv[0], in), 0);
	ck_assert_int_eq(ipc_recv(sv[1], &rx, &m, 1000), 0);
	ck_assert_str_eq(ipc_type_str(m.type), "CREDS");
	*rc = ipc_creds_parse(&m, &out);
	ipc_msg_free(&m);
	close(sv[0]);
	close(sv[1]);
	return out;
}

START_TEST(test_creds_roundtrip)
{
	struct ipc_creds in = { .uid = 65534, .gid = 65533 }, out;
	int rc;

	out = roundtrip(&in, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(out.uid, 65534);
	ck_assert_uint_eq(out.gid, 65533);
	ck_assert_str_eq(out.error, "");
	snprintf(in.error, sizeof(in.error), "plugin_user wifi: no such user");
	out = roundtrip(&in, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out.error, "plugin_user wifi: no such user");
	memset(in.error, 'x', sizeof(in.error) - 1); /* the longest the buffer holds */
	in.error[sizeof(in.error) - 1] = 0;
	out = roundtrip(&in, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out.error, in.error);
}
END_TEST

/* A payload written by hand: the parser must not trust it. */
static int parse_payload(uint16_t type, uint16_t id, const struct ipc_wr *w)
{
	struct ipc_msg m = { .type = type, .id = id, .len = (uint32_t)w->len, .data = w->buf };
	struct ipc_creds c;
	int rc = ipc_creds_parse(&m, &c);

	if (rc) /* nothing half-read is left behind */
		ck_assert(c.uid == 0 && c.gid == 0 && c.error[0] == 0);
	return rc;
}

START_TEST(test_creds_malformed_refused)
{
	char longest[161];
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, 1000);
	ipc_wr_u32(&w, 1000);
	ipc_wr_str(&w, "");
	ck_assert_int_eq(parse_payload(IPC_CREDS, 0, &w), 0);
	ck_assert_int_eq(parse_payload(IPC_HELLO, 0, &w), -EPROTO);
	ck_assert_int_eq(parse_payload(IPC_CREDS, 1, &w), -EPROTO);
	w.len--; /* cut short */
	ck_assert_int_eq(parse_payload(IPC_CREDS, 0, &w), -EPROTO);
	w.len++;
	ipc_wr_u32(&w, 0); /* one field too many */
	ck_assert_int_eq(parse_payload(IPC_CREDS, 0, &w), -EPROTO);
	ipc_wr_free(&w);

	memset(longest, 'x', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = 0;
	ipc_wr_init(&w);
	ipc_wr_u32(&w, 1000);
	ipc_wr_u32(&w, 1000);
	ipc_wr_str(&w, longest); /* 160 bytes: no room for the NUL */
	ck_assert_int_eq(parse_payload(IPC_CREDS, 0, &w), -EPROTO);
	ipc_wr_free(&w);

	ipc_wr_init(&w);
	ipc_wr_u32(&w, 1000);
	ipc_wr_u32(&w, 1000);
	ipc_wr_bytes(&w, "no\0such", 7);
	ck_assert_int_eq(parse_payload(IPC_CREDS, 0, &w), -EPROTO);
	ipc_wr_free(&w);
}
END_TEST

/* A frame with a payload of len octets, each of value v, sent in one write. */
static void send_frame(int fd, uint16_t id, size_t len, uint8_t v)
{
	struct ipc_wr w;
	uint8_t *p = malloc(len ? len : 1);

	memset(p, v, len);
	ipc_wr_init(&w);
	ipc_wr_bytes(&w, p, len);
	ck_assert_int_eq(ipc_send(fd, IPC_SVC, id, &w), 0);
	ipc_wr_free(&w);
	free(p);
}

/* The next frame must be SVC id with a payload of len octets of value v. */
static void recv_frame(int fd, struct ipc_rx *rx, uint16_t id, size_t len, uint8_t v)
{
	struct ipc_msg m;
	struct ipc_rd r;
	const uint8_t *b;
	size_t n;

	ck_assert_int_eq(ipc_recv(fd, rx, &m, 1000), 0);
	ck_assert_uint_eq(m.type, IPC_SVC);
	ck_assert_uint_eq(m.id, id);
	ipc_rd_init(&r, m.data, m.len);
	b = ipc_rd_bytes(&r, &n);
	ck_assert(ipc_rd_done(&r));
	ck_assert_uint_eq(n, len);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(b[i], v);
	ipc_msg_free(&m);
}

START_TEST(test_rx_frames_read_together)
{
	static const uint8_t zero[sizeof(((struct ipc_rx *)0)->buf)];
	struct ipc_rx rx;
	struct ipc_msg m;
	int sv[2];

	memset(&rx, 0, sizeof(rx)); /* so that only what the reads wrote can be in it */
	ipc_rx_init(&rx);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	send_frame(sv[0], 7, 16, 0x4b); /* a "key" */
	send_frame(sv[0], 8, 3, 0x11);
	send_frame(sv[0], 9, 0, 0);
	recv_frame(sv[1], &rx, 7, 16, 0x4b); /* one read takes all three */
	ck_assert(ipc_rx_pending(&rx));
	for (size_t i = 0; i < sizeof(rx.buf); i++) /* the key's octets are cleared */
		ck_assert_uint_ne(rx.buf[i], 0x4b);
	close(sv[0]); /* the rest is held: no more reads needed */
	recv_frame(sv[1], &rx, 8, 3, 0x11);
	recv_frame(sv[1], &rx, 9, 0, 0);
	ck_assert(!ipc_rx_pending(&rx));
	ck_assert_int_eq(ipc_recv(sv[1], &rx, &m, 1000), -EPIPE);
	ck_assert_mem_eq(rx.buf, zero, sizeof(zero)); /* all taken, all cleared */
	close(sv[1]);
}
END_TEST

START_TEST(test_rx_split_and_large_frames)
{
	uint8_t hdr[IPC_HDR_LEN];
	struct ipc_rx rx;
	struct ipc_msg m;
	int sv[2], p[2];

	ipc_rx_init(&rx);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	/* larger than one read (two sends), then a small one behind it */
	send_frame(sv[0], 1, 3 * IPC_SEND_ONE + 5, 0x22);
	send_frame(sv[0], 2, 1, 0x33);
	recv_frame(sv[1], &rx, 1, 3 * IPC_SEND_ONE + 5, 0x22);
	recv_frame(sv[1], &rx, 2, 1, 0x33);

	/* a header cut in two writes: the first part is kept until the rest comes */
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, p), 0);
	send_frame(p[0], 5, 2, 0x44);
	ck_assert_int_eq(read(p[1], hdr, sizeof(hdr)), (ssize_t)sizeof(hdr));
	ck_assert_int_eq(write(sv[0], hdr, 5), 5);
	ck_assert_int_eq(ipc_recv(sv[1], &rx, &m, 50), -ETIMEDOUT);
	ck_assert(ipc_rx_pending(&rx));
	ck_assert_int_eq(write(sv[0], hdr + 5, sizeof(hdr) - 5), (ssize_t)sizeof(hdr) - 5);
	{
		uint8_t rest[6];

		ck_assert_int_eq(read(p[1], rest, sizeof(rest)), (ssize_t)sizeof(rest));
		ck_assert_int_eq(write(sv[0], rest, sizeof(rest)), (ssize_t)sizeof(rest));
	}
	recv_frame(sv[1], &rx, 5, 2, 0x44);
	close(p[0]);
	close(p[1]);

	/* a bad magic is refused; a peer gone mid-header is -EPIPE */
	memset(hdr, 0, sizeof(hdr));
	ck_assert_int_eq(write(sv[0], hdr, sizeof(hdr)), (ssize_t)sizeof(hdr));
	ck_assert_int_eq(ipc_recv(sv[1], &rx, &m, 1000), -EPROTO);
	ck_assert_int_eq(write(sv[0], "IHV", 3), 3);
	close(sv[0]);
	ck_assert_int_eq(ipc_recv(sv[1], &rx, &m, 1000), -EPIPE);
	ipc_rx_clear(&rx);
	ck_assert(!ipc_rx_pending(&rx));
	close(sv[1]);
}
END_TEST

/* A writer past one frame's payload is refused for its size, not for want of memory (the
 * plugin host's refusal line names the reason from that), and a reset makes it usable again. */
START_TEST(test_wr_too_large_is_not_no_memory)
{
	static uint8_t chunk[64 * 1024];
	struct ipc_wr w;
	int i;

	ipc_wr_init(&w);
	for (i = 0; i < 5; i++)
		ipc_wr_bytes(&w, chunk, sizeof(chunk));
	ck_assert(!w.ok);
	ck_assert(!w.no_memory);
	ck_assert_uint_le(w.len, IPC_MAX_PAYLOAD);
	ipc_wr_reset(&w);
	ck_assert(w.ok);
	ck_assert_uint_eq(w.len, 0);
	ipc_wr_u32(&w, 7);
	ck_assert(w.ok);
	ck_assert_uint_eq(w.len, 4);
	ipc_wr_free(&w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ipc");
	TCase *tc = tcase_create("creds");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_creds_roundtrip);
	tcase_add_test(tc, test_creds_malformed_refused);
	tcase_add_test(tc, test_rx_frames_read_together);
	tcase_add_test(tc, test_rx_split_and_large_frames);
	tcase_add_test(tc, test_wr_too_large_is_not_no_memory);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
