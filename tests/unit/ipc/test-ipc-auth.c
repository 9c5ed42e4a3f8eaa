// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/ipc/ipc-auth.c: the authentication exchange (ihvlinux.h version 2) on
 * the plugin-host protocol. A frame and a target come back field for field;
 * a payload cut short anywhere, one byte too long, a body longer than
 * DOT11EXT_LINUX_AUTH_BODY_MAX or not the length it claims, a USHORT field
 * over 0xffff, a target that is not 56 bytes or claims a 33-byte SSID: all
 * make the frame bad. Also the names of the new ids in log lines.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc-auth.h"
#include "ipc/ipc-ids.h"

static const DOT11_MAC_ADDRESS AP = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

static void fill(uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + 3);
}

static DOT11EXT_LINUX_AUTH_FRAME frame(const uint8_t *body, DWORD len)
{
	DOT11EXT_LINUX_AUTH_FRAME f;

	memset(&f, 0, sizeof(f));
	f.dwSize = sizeof(f);
	memcpy(f.Peer, AP, 6);
	f.usAlgorithm = DOT11EXT_LINUX_AUTH_ALGO_SAE;
	f.usTransaction = 2;
	f.usStatus = 126; /* SAE_HASH_TO_ELEMENT, IEEE 802.11-2020 Table 9-50 */
	f.dwBodyLength = len;
	f.pucBody = body;
	return f;
}

/* Write f, read it back; *ok: the whole payload was exactly one frame. */
static DOT11EXT_LINUX_AUTH_FRAME *roundtrip(const DOT11EXT_LINUX_AUTH_FRAME *f,
					    DOT11EXT_LINUX_AUTH_FRAME *out, bool *ok)
{
	DOT11EXT_LINUX_AUTH_FRAME *got;
	struct ipc_wr w;
	struct ipc_rd r;

	ipc_wr_init(&w);
	ipc_wr_auth_frame(&w, f);
	ck_assert(w.ok);
	ipc_rd_init(&r, w.buf, w.len);
	got = ipc_rd_auth_frame(&r, out);
	*ok = ipc_rd_done(&r);
	ipc_wr_free(&w);
	return got;
}

START_TEST(test_frame_roundtrip_max_body)
{
	static uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX];
	DOT11EXT_LINUX_AUTH_FRAME f, out, *got;
	bool ok;

	fill(body, sizeof(body));
	f = frame(body, sizeof(body));
	got = roundtrip(&f, &out, &ok);
	ck_assert(ok);
	ck_assert_ptr_eq(got, &out);
	ck_assert_uint_eq(out.dwSize, sizeof(out));
	ck_assert_mem_eq(out.Peer, AP, 6);
	ck_assert_uint_eq(out.usAlgorithm, DOT11EXT_LINUX_AUTH_ALGO_SAE);
	ck_assert_uint_eq(out.usTransaction, 2);
	ck_assert_uint_eq(out.usStatus, 126);
	ck_assert_uint_eq(out.dwBodyLength, sizeof(body));
	ck_assert_ptr_nonnull(out.pucBody);
	ck_assert_ptr_ne(out.pucBody, body); /* a copy of the receiver's own */
	ck_assert_mem_eq(out.pucBody, body, sizeof(body));
	ipc_auth_frame_free(&out);
	ck_assert_ptr_null(out.pucBody);
}
END_TEST

/* PMKSA caching: Open System, transaction 1, no body (IEEE 802.11-2020 12.6.10.3). */
START_TEST(test_frame_roundtrip_open_system_no_body)
{
	DOT11EXT_LINUX_AUTH_FRAME f, out, *got;
	bool ok;

	f = frame(NULL, 0);
	f.usAlgorithm = DOT11EXT_LINUX_AUTH_ALGO_OPEN_SYSTEM;
	f.usTransaction = 1;
	f.usStatus = 0;
	got = roundtrip(&f, &out, &ok);
	ck_assert(ok);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(out.usAlgorithm, 0);
	ck_assert_uint_eq(out.usTransaction, 1);
	ck_assert_uint_eq(out.dwBodyLength, 0);
	ck_assert_ptr_null(out.pucBody);
}
END_TEST

START_TEST(test_frame_null_stays_null)
{
	DOT11EXT_LINUX_AUTH_FRAME out;
	bool ok;

	ck_assert_ptr_null(roundtrip(NULL, &out, &ok));
	ck_assert(ok); /* a well-formed "absent", not a bad frame */
}
END_TEST

/*
 * The plugin's claims cross as they are, the body only when they allow reading
 * it: the service then refuses them exactly as inline (ERROR_INVALID_PARAMETER).
 */
START_TEST(test_frame_claims_cross_body_only_when_readable)
{
	static uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX + 1];
	DOT11EXT_LINUX_AUTH_FRAME f, out, *got;
	bool ok;

	f = frame(body, sizeof(body)); /* one byte too long */
	got = roundtrip(&f, &out, &ok);
	ck_assert(ok);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(out.dwBodyLength, DOT11EXT_LINUX_AUTH_BODY_MAX + 1);
	ck_assert_ptr_null(out.pucBody);

	f = frame(NULL, 40); /* a length and no body */
	got = roundtrip(&f, &out, &ok);
	ck_assert(ok);
	ck_assert_uint_eq(out.dwBodyLength, 40);
	ck_assert_ptr_null(out.pucBody);

	f = frame(body, 10);
	f.dwSize = 8; /* too short to hold the fields: none of them is read */
	got = roundtrip(&f, &out, &ok);
	ck_assert(ok);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(out.dwSize, 8);
	ck_assert_uint_eq(out.dwBodyLength, 0);
	ck_assert_uint_eq(out.usAlgorithm, 0);
	ck_assert_ptr_null(out.pucBody);
}
END_TEST

/* A valid payload (svc handle + frame, as SendAuthFrame sends it) cut at every length. */
START_TEST(test_frame_truncated_anywhere_rejected)
{
	uint8_t body[24];
	DOT11EXT_LINUX_AUTH_FRAME f, out, *got;
	struct ipc_wr w;
	struct ipc_rd r;
	size_t cut;

	fill(body, sizeof(body));
	f = frame(body, sizeof(body));
	ipc_wr_init(&w);
	ipc_wr_ptr(&w, (void *)0x1234);
	ipc_wr_auth_frame(&w, &f);
	for (cut = 0; cut < w.len; cut++) {
		ipc_rd_init(&r, w.buf, cut);
		(void)ipc_rd_ptr(&r);
		got = ipc_rd_auth_frame(&r, &out);
		ck_assert_msg(!ipc_rd_done(&r), "accepted %zu of %zu bytes", cut, w.len);
		ck_assert_ptr_null(got);
		ck_assert_ptr_null(out.pucBody);
	}
	ipc_wr_free(&w);
}
END_TEST

START_TEST(test_frame_trailing_byte_rejected)
{
	DOT11EXT_LINUX_AUTH_FRAME f, out;
	struct ipc_wr w;
	struct ipc_rd r;
	uint8_t one = 0;

	f = frame(NULL, 0);
	ipc_wr_init(&w);
	ipc_wr_auth_frame(&w, &f);
	ipc_wr_bytes(&w, &one, 0); /* a field more: 4 bytes the reader never asks for */
	ipc_rd_init(&r, w.buf, w.len);
	ck_assert_ptr_nonnull(ipc_rd_auth_frame(&r, &out));
	ck_assert(!ipc_rd_done(&r));
	ipc_wr_free(&w);
}
END_TEST

/* Frames built by hand, as a hostile peer would: the lengths lie. */
static struct ipc_wr hand_frame(uint32_t algo, uint32_t trans, uint32_t status,
				uint32_t claimed, size_t body_len)
{
	static uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX + 16];
	struct ipc_wr w;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, 1);
	ipc_wr_u32(&w, sizeof(DOT11EXT_LINUX_AUTH_FRAME));
	ipc_wr_bytes(&w, AP, 6);
	ipc_wr_u32(&w, algo);
	ipc_wr_u32(&w, trans);
	ipc_wr_u32(&w, status);
	ipc_wr_u32(&w, claimed);
	ipc_wr_bytes(&w, body, body_len);
	return w;
}

static bool hand_ok(struct ipc_wr w)
{
	DOT11EXT_LINUX_AUTH_FRAME out, *got;
	struct ipc_rd r;
	bool ok;

	ipc_rd_init(&r, w.buf, w.len);
	got = ipc_rd_auth_frame(&r, &out);
	ok = ipc_rd_done(&r) && got;
	if (got)
		ipc_auth_frame_free(got);
	else
		ck_assert_ptr_null(out.pucBody); /* nothing left behind */
	ipc_wr_free(&w);
	return ok;
}

START_TEST(test_frame_lying_lengths_rejected)
{
	ck_assert(hand_ok(hand_frame(3, 1, 0, 100, 100)));
	/* a body over the maximum, even when it says so */
	ck_assert(!hand_ok(hand_frame(3, 1, 0, DOT11EXT_LINUX_AUTH_BODY_MAX + 1,
				      DOT11EXT_LINUX_AUTH_BODY_MAX + 1)));
	/* a body that is not the length it claims, either way */
	ck_assert(!hand_ok(hand_frame(3, 1, 0, 100, 99)));
	ck_assert(!hand_ok(hand_frame(3, 1, 0, 99, 100)));
	ck_assert(!hand_ok(hand_frame(3, 1, 0, 2000, 100)));
	/* IEEE 802.11-2020 9.4.1.1/9.4.1.2/9.4.1.9: two-octet fields */
	ck_assert(!hand_ok(hand_frame(0x10003, 1, 0, 0, 0)));
	ck_assert(!hand_ok(hand_frame(3, 0x10001, 0, 0, 0)));
	ck_assert(!hand_ok(hand_frame(3, 1, 0x10000, 0, 0)));
	ck_assert(hand_ok(hand_frame(0xffff, 0xffff, 0xffff, 0, 0)));
}
END_TEST

START_TEST(test_frame_peer_must_be_six_bytes)
{
	DOT11EXT_LINUX_AUTH_FRAME out;
	struct ipc_wr w;
	struct ipc_rd r;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, 1);
	ipc_wr_u32(&w, sizeof(DOT11EXT_LINUX_AUTH_FRAME));
	ipc_wr_bytes(&w, AP, 5);
	ipc_wr_u32(&w, 3);
	ipc_wr_u32(&w, 1);
	ipc_wr_u32(&w, 0);
	ipc_wr_u32(&w, 0);
	ipc_wr_bytes(&w, NULL, 0);
	ipc_rd_init(&r, w.buf, w.len);
	ck_assert_ptr_null(ipc_rd_auth_frame(&r, &out));
	ck_assert(!ipc_rd_done(&r));
	ipc_wr_free(&w);
}
END_TEST

static DOT11EXT_LINUX_AUTH_TARGET target(void)
{
	DOT11EXT_LINUX_AUTH_TARGET t;

	memset(&t, 0, sizeof(t));
	t.dwSize = sizeof(t);
	memcpy(t.Bssid, AP, 6);
	memcpy(t.OwnAddress, "\x02\x00\x00\x00\x01\x00", 6);
	t.dwFrequency = 2412;
	t.dwSsidLength = 32;
	memset(t.ucSsid, 'x', 32);
	return t;
}

static bool target_ok(const void *p, size_t len, DOT11EXT_LINUX_AUTH_TARGET *out)
{
	struct ipc_wr w;
	struct ipc_rd r;
	bool ok;

	ipc_wr_init(&w);
	ipc_wr_bytes(&w, p, len);
	ipc_rd_init(&r, w.buf, w.len);
	ipc_rd_auth_target(&r, out);
	ok = ipc_rd_done(&r);
	ipc_wr_free(&w);
	return ok;
}

START_TEST(test_target_roundtrip_and_bounds)
{
	DOT11EXT_LINUX_AUTH_TARGET t = target(), out;
	struct ipc_wr w;
	struct ipc_rd r;
	uint8_t big[sizeof(t) + 1];

	ipc_wr_init(&w);
	ipc_wr_auth_target(&w, &t);
	ipc_rd_init(&r, w.buf, w.len);
	ipc_rd_auth_target(&r, &out);
	ck_assert(ipc_rd_done(&r));
	ck_assert_mem_eq(&out, &t, sizeof(t));
	ipc_wr_free(&w);

	ck_assert(!target_ok(&t, sizeof(t) - 1, &out)); /* truncated */
	memcpy(big, &t, sizeof(t));
	big[sizeof(t)] = 0;
	ck_assert(!target_ok(big, sizeof(big), &out)); /* oversized */
	t.dwSsidLength = 33; /* IEEE 802.11-2020 9.4.2.2: "0 to 32 octets" */
	ck_assert(!target_ok(&t, sizeof(t), &out));
	ck_assert_uint_eq(out.dwSsidLength, 0); /* nothing of a bad target is kept */
	t = target();
	t.dwSize = 52;
	ck_assert(!target_ok(&t, sizeof(t), &out));
}
END_TEST

START_TEST(test_new_ids_named_in_log_lines)
{
	ck_assert_str_eq(ipc_call_name(IPC_H_AUTH_START), "Dot11ExtIhvLinuxStartAuthentication");
	ck_assert_str_eq(ipc_call_name(IPC_H_AUTH_RX), "Dot11ExtIhvLinuxReceiveAuthFrame");
	ck_assert_str_eq(ipc_call_name(IPC_H_AUTH_STOP), "Dot11ExtIhvLinuxStopAuthentication");
	ck_assert_str_eq(ipc_call_name(IPC_H_AUTH_ASSOC_STATUS),
			 "Dot11ExtIhvLinuxAssociationStatus");
	ck_assert_str_eq(ipc_call_name(IPC_H_MAX), "an unknown call");
	ck_assert_str_eq(ipc_svc_name(IPC_S_LX_REGISTER_AUTH), "Dot11ExtLinuxRegisterAuthHandlers");
	ck_assert_str_eq(ipc_svc_name(IPC_S_LX_SEND_AUTH_FRAME), "Dot11ExtLinuxSendAuthFrame");
	ck_assert_str_eq(ipc_svc_name(IPC_S_LX_AUTH_COMPLETE), "Dot11ExtLinuxAuthComplete");
	ck_assert_str_eq(ipc_svc_name(IPC_S_MAX), "an unknown service");
	ck_assert_uint_ge(IPC_VERSION, 2); /* the exchange came with protocol version 2 */
	ck_assert_uint_eq(IPC_VERSION, 5); /* 3: IPC_NOTE; 4: IPC_CREDS; 5: timer notes */
	ck_assert(ipc_svc_is_note(IPC_S_LX_LOG));
	/* a timer's arm and cancel: the host knows the answer for a timer it saw created */
	ck_assert(ipc_svc_is_note(IPC_S_LX_TIMER_ARM));
	ck_assert(ipc_svc_is_note(IPC_S_LX_TIMER_CANCEL));
	ck_assert(!ipc_svc_is_note(IPC_S_LX_TIMER_CREATE)); /* a handle the plugin keeps */
	ck_assert(!ipc_svc_is_note(IPC_S_LX_TIMER_DESTROY));
	ck_assert(!ipc_svc_is_note(IPC_S_SET_AUTH)); /* a result the plugin may act on */
}
END_TEST

/* A whole SendAuthFrame frame through the framing; a header claiming too much is refused. */
START_TEST(test_frame_header_oversized_refused)
{
	uint8_t buf[IPC_HDR_LEN] = { 'I', 'H', 'V', 'P', IPC_SVC, 0, IPC_S_LX_SEND_AUTH_FRAME, 0 };
	uint32_t len = IPC_MAX_PAYLOAD + 1;
	struct ipc_msg m;
	size_t used;

	memcpy(buf + 8, &len, 4); /* little-endian hosts only, as the protocol */
	ck_assert_int_eq(ipc_frame_parse(buf, sizeof(buf), &m, &used), -EPROTO);
	len = 8;
	memcpy(buf + 8, &len, 4);
	ck_assert_int_eq(ipc_frame_parse(buf, sizeof(buf), &m, &used), -EAGAIN);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ipc-auth");
	TCase *tc = tcase_create("auth");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_frame_roundtrip_max_body);
	tcase_add_test(tc, test_frame_roundtrip_open_system_no_body);
	tcase_add_test(tc, test_frame_null_stays_null);
	tcase_add_test(tc, test_frame_claims_cross_body_only_when_readable);
	tcase_add_test(tc, test_frame_truncated_anywhere_rejected);
	tcase_add_test(tc, test_frame_trailing_byte_rejected);
	tcase_add_test(tc, test_frame_lying_lengths_rejected);
	tcase_add_test(tc, test_frame_peer_must_be_six_bytes);
	tcase_add_test(tc, test_target_roundtrip_and_bounds);
	tcase_add_test(tc, test_new_ids_named_in_log_lines);
	tcase_add_test(tc, test_frame_header_oversized_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
