// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/ipc/ipc.c: IPC_CREDS, the plugin user ihvd resolves for the host while
 * it starts. The ids and the error come back as sent, over a real socket; a
 * frame of another type or id, a payload cut short or one byte too long, an
 * error too long for the host's buffer or with a NUL inside: all refused.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/ipc.h"

static struct ipc_creds roundtrip(const struct ipc_creds *in, int *rc)
{
	struct ipc_creds out;
	struct ipc_msg m;
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_eq(ipc_creds_send(sv[0], in), 0);
	ck_assert_int_eq(ipc_recv(sv[1], &m, 1000), 0);
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

int main(void)
{
	Suite *s = suite_create("ipc");
	TCase *tc = tcase_create("creds");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_creds_roundtrip);
	tcase_add_test(tc, test_creds_malformed_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
