// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/core/isolate-svc.c, the authentication exchange's services (ihvlinux.h
 * version 2) as ihvd serves them for an isolated plugin: what the plugin host
 * sends reaches the real service field for field (stub services here record
 * it) and its result comes back; a frame cut short, one byte too long, with
 * a body over DOT11EXT_LINUX_AUTH_BODY_MAX or not the length it claims, a
 * status over 0xffff or a handler mask with unknown bits is malformed (the
 * caller stops the plugin), and none of it reaches the service. A plugin
 * that was handed only version 1 cannot use them at all.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/isolate.h"
#include "ipc/ipc-auth.h"
#include "ipc/ipc-ids.h"

static struct {
	int reg, send, complete;
	bool reg_null;
	DOT11EXT_LINUX_AUTH_HANDLERS hd;
	DOT11EXT_LINUX_AUTH_FRAME f;
	bool f_null;
	uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX];
	HANDLE svc;
	DWORD win32, reason;
	USHORT status;
	DWORD rc;
} got;

static DWORD WINAPI stub_register(const DOT11EXT_LINUX_AUTH_HANDLERS *hd)
{
	got.reg++;
	got.reg_null = hd == NULL;
	if (hd)
		got.hd = *hd;
	return got.rc;
}

static DWORD WINAPI stub_send(HANDLE svc, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	got.send++;
	got.svc = svc;
	got.f_null = f == NULL;
	if (f) {
		got.f = *f;
		if (f->pucBody && f->dwBodyLength <= sizeof(got.body))
			memcpy(got.body, f->pucBody, f->dwBodyLength);
	}
	return got.rc;
}

static DWORD WINAPI stub_complete(HANDLE svc, DWORD win32, DWORD reason, USHORT status)
{
	got.complete++;
	got.svc = svc;
	got.win32 = win32;
	got.reason = reason;
	got.status = status;
	return got.rc;
}

static DWORD WINAPI proxy_start(HANDLE e, const DOT11EXT_LINUX_AUTH_TARGET *t)
{
	(void)e;
	(void)t;
	return ERROR_SUCCESS;
}

static VOID WINAPI proxy_rx(HANDLE e, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	(void)e;
	(void)f;
}

static VOID WINAPI proxy_stop(HANDLE e, DWORD r)
{
	(void)e;
	(void)r;
}

static VOID WINAPI proxy_assoc(HANDLE e, const DOT11_MAC_ADDRESS b, USHORT s)
{
	(void)e;
	(void)b;
	(void)s;
}

static const DOT11EXT_LINUX_AUTH_HANDLERS proxies = {
	.dwSize = sizeof(DOT11EXT_LINUX_AUTH_HANDLERS),
	.Dot11ExtIhvLinuxStartAuthentication = proxy_start,
	.Dot11ExtIhvLinuxReceiveAuthFrame = proxy_rx,
	.Dot11ExtIhvLinuxStopAuthentication = proxy_stop,
	.Dot11ExtIhvLinuxAssociationStatus = proxy_assoc,
};

static struct ihv_isolate_tables t;
static struct ipc_wr w, reply;

static void setup(void)
{
	memset(&got, 0, sizeof(got));
	ihv_isolate_tables_init(&t);
	t.have_lx = t.have_lx2 = true;
	t.lx.dwVersion = DOT11EXT_LINUX_APIS_VERSION_2;
	t.lx.dwSize = sizeof(t.lx);
	t.lx.Dot11ExtLinuxRegisterAuthHandlers = stub_register;
	t.lx.Dot11ExtLinuxSendAuthFrame = stub_send;
	t.lx.Dot11ExtLinuxAuthComplete = stub_complete;
	t.auth_proxies = &proxies;
	ipc_wr_init(&w);
	ipc_wr_init(&reply);
}

static void teardown(void)
{
	ipc_wr_free(&w);
	ipc_wr_free(&reply);
	pthread_mutex_destroy(&t.lock);
}

/* Serve w (its first len bytes); the reply's result, or -1 when malformed. */
static long serve_n(uint16_t id, size_t len)
{
	struct ipc_rd r;
	uint32_t rc;

	ipc_wr_reset(&reply);
	if (!ihv_isolate_svc_serve(&t, id, w.buf, len, &reply))
		return -1;
	ipc_rd_init(&r, reply.buf, reply.len);
	rc = ipc_rd_u32(&r);
	ck_assert(ipc_rd_done(&r)); /* the reply is the result alone */
	return rc;
}

static long serve(uint16_t id)
{
	return serve_n(id, w.len);
}

static void wr_register(uint32_t present, uint32_t size, uint32_t mask)
{
	ipc_wr_reset(&w);
	ipc_wr_u32(&w, present);
	ipc_wr_u32(&w, size);
	ipc_wr_u32(&w, mask);
}

START_TEST(test_register_gives_the_core_the_proxies)
{
	got.rc = ERROR_SUCCESS;
	wr_register(1, sizeof(DOT11EXT_LINUX_AUTH_HANDLERS), IPC_AUTH_HANDLERS_ALL);
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), ERROR_SUCCESS);
	ck_assert_int_eq(got.reg, 1);
	ck_assert(!got.reg_null);
	ck_assert_uint_eq(got.hd.dwSize, sizeof(DOT11EXT_LINUX_AUTH_HANDLERS));
	ck_assert_ptr_eq(got.hd.Dot11ExtIhvLinuxStartAuthentication, proxy_start);
	ck_assert_ptr_eq(got.hd.Dot11ExtIhvLinuxReceiveAuthFrame, proxy_rx);
	ck_assert_ptr_eq(got.hd.Dot11ExtIhvLinuxStopAuthentication, proxy_stop);
	ck_assert_ptr_eq(got.hd.Dot11ExtIhvLinuxAssociationStatus, proxy_assoc);
	ck_assert(t.auth_set);
}
END_TEST

/* The plugin's table, shape and all: the real service refuses it as it would inline. */
START_TEST(test_register_keeps_the_plugins_nulls_and_size)
{
	got.rc = ERROR_INVALID_PARAMETER;
	wr_register(1, 12, IPC_AUTH_H_START | IPC_AUTH_H_RX | IPC_AUTH_H_STOP);
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(got.hd.dwSize, 12);
	ck_assert_ptr_eq(got.hd.Dot11ExtIhvLinuxStartAuthentication, proxy_start);
	ck_assert_ptr_null(got.hd.Dot11ExtIhvLinuxAssociationStatus);
	ck_assert(!t.auth_set);
	wr_register(0, 0, 0);
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), ERROR_INVALID_PARAMETER);
	ck_assert(got.reg_null);
	ck_assert_int_eq(got.reg, 2);
}
END_TEST

START_TEST(test_register_malformed)
{
	wr_register(1, sizeof(DOT11EXT_LINUX_AUTH_HANDLERS), 0x1f); /* a fifth handler */
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), -1);
	wr_register(0, 40, 0); /* absent, with a size */
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), -1);
	wr_register(1, 40, IPC_AUTH_HANDLERS_ALL);
	ck_assert_int_eq(serve_n(IPC_S_LX_REGISTER_AUTH, w.len - 1), -1);
	ipc_wr_u32(&w, 0);
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), -1);
	ck_assert_int_eq(got.reg, 0);
}
END_TEST

static void wr_send(const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x42);
	ipc_wr_auth_frame(&w, f);
}

START_TEST(test_send_frame_reaches_the_service)
{
	static uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX];
	DOT11EXT_LINUX_AUTH_FRAME f = { 0 };
	size_t i;

	for (i = 0; i < sizeof(body); i++)
		body[i] = (uint8_t)(i ^ 0x5a);
	f.dwSize = sizeof(f);
	memcpy(f.Peer, "\x02\x00\x00\x00\x00\x01", 6);
	f.usAlgorithm = DOT11EXT_LINUX_AUTH_ALGO_SAE;
	f.usTransaction = 1;
	f.usStatus = 76; /* ANTI_CLOGGING_TOKEN_REQUIRED, IEEE 802.11-2020 Table 9-50 */
	f.dwBodyLength = sizeof(body);
	f.pucBody = body;
	got.rc = ERROR_INVALID_STATE;
	wr_send(&f);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), ERROR_INVALID_STATE);
	ck_assert_int_eq(got.send, 1);
	ck_assert_ptr_eq(got.svc, (HANDLE)0x42);
	ck_assert(!got.f_null);
	ck_assert_uint_eq(got.f.dwSize, sizeof(f));
	ck_assert_mem_eq(got.f.Peer, f.Peer, 6);
	ck_assert_uint_eq(got.f.usAlgorithm, 3);
	ck_assert_uint_eq(got.f.usTransaction, 1);
	ck_assert_uint_eq(got.f.usStatus, 76);
	ck_assert_uint_eq(got.f.dwBodyLength, sizeof(body));
	ck_assert_mem_eq(got.body, body, sizeof(body));

	/* NULL stays NULL: the service says ERROR_INVALID_PARAMETER, as inline */
	got.rc = ERROR_INVALID_PARAMETER;
	wr_send(NULL);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), ERROR_INVALID_PARAMETER);
	ck_assert(got.f_null);
}
END_TEST

START_TEST(test_send_frame_truncated_or_oversized)
{
	uint8_t body[32] = { 1, 2, 3 };
	DOT11EXT_LINUX_AUTH_FRAME f = { 0 };
	size_t cut;

	f.dwSize = sizeof(f);
	f.usAlgorithm = 3;
	f.dwBodyLength = sizeof(body);
	f.pucBody = body;
	wr_send(&f);
	for (cut = 0; cut < w.len; cut++)
		ck_assert_msg(serve_n(IPC_S_LX_SEND_AUTH_FRAME, cut) == -1, "cut %zu", cut);
	ipc_wr_u32(&w, 0); /* one field too many */
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), -1);
	ck_assert_int_eq(got.send, 0);
}
END_TEST

/* Built by hand: a hostile plugin host's frame. */
static void wr_send_raw(uint32_t status, uint32_t claimed, size_t body_len)
{
	static uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX + 1];

	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x42);
	ipc_wr_u32(&w, 1);
	ipc_wr_u32(&w, sizeof(DOT11EXT_LINUX_AUTH_FRAME));
	ipc_wr_bytes(&w, "\x02\x00\x00\x00\x00\x01", 6);
	ipc_wr_u32(&w, 3);
	ipc_wr_u32(&w, 1);
	ipc_wr_u32(&w, status);
	ipc_wr_u32(&w, claimed);
	ipc_wr_bytes(&w, body, body_len);
}

START_TEST(test_send_frame_lying_lengths)
{
	wr_send_raw(0, DOT11EXT_LINUX_AUTH_BODY_MAX + 1, DOT11EXT_LINUX_AUTH_BODY_MAX + 1);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), -1);
	wr_send_raw(0, 10, 11);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), -1);
	wr_send_raw(0x10000, 0, 0);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), -1);
	ck_assert_int_eq(got.send, 0);
	/* a claim alone (no body: the plugin's was too long to read) is the service's to refuse */
	got.rc = ERROR_INVALID_PARAMETER;
	wr_send_raw(0, DOT11EXT_LINUX_AUTH_BODY_MAX + 1, 0);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), ERROR_INVALID_PARAMETER);
	ck_assert_int_eq(got.send, 1);
	ck_assert_uint_eq(got.f.dwBodyLength, DOT11EXT_LINUX_AUTH_BODY_MAX + 1);
	ck_assert_ptr_null(got.f.pucBody);
}
END_TEST

static void wr_complete(uint32_t win32, uint32_t reason, uint32_t status)
{
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x43);
	ipc_wr_u32(&w, win32);
	ipc_wr_u32(&w, reason);
	ipc_wr_u32(&w, status);
}

START_TEST(test_auth_complete)
{
	got.rc = ERROR_SUCCESS;
	wr_complete(ERROR_ACCESS_DENIED, 0x90071, 15);
	ck_assert_int_eq(serve(IPC_S_LX_AUTH_COMPLETE), ERROR_SUCCESS);
	ck_assert_int_eq(got.complete, 1);
	ck_assert_ptr_eq(got.svc, (HANDLE)0x43);
	ck_assert_uint_eq(got.win32, ERROR_ACCESS_DENIED);
	ck_assert_uint_eq(got.reason, 0x90071);
	ck_assert_uint_eq(got.status, 15);
	wr_complete(0, 0, 0x10000); /* not a USHORT */
	ck_assert_int_eq(serve(IPC_S_LX_AUTH_COMPLETE), -1);
	wr_complete(0, 0, 0);
	ck_assert_int_eq(serve_n(IPC_S_LX_AUTH_COMPLETE, w.len - 1), -1);
	ipc_wr_u32(&w, 0);
	ck_assert_int_eq(serve(IPC_S_LX_AUTH_COMPLETE), -1);
	ck_assert_int_eq(got.complete, 1);
}
END_TEST

START_TEST(test_version_1_plugin_cannot_use_them)
{
	t.have_lx2 = false;
	wr_register(1, sizeof(DOT11EXT_LINUX_AUTH_HANDLERS), IPC_AUTH_HANDLERS_ALL);
	ck_assert_int_eq(serve(IPC_S_LX_REGISTER_AUTH), -1);
	wr_send(NULL);
	ck_assert_int_eq(serve(IPC_S_LX_SEND_AUTH_FRAME), -1);
	wr_complete(0, 0, 0);
	ck_assert_int_eq(serve(IPC_S_LX_AUTH_COMPLETE), -1);
	ck_assert_int_eq(got.reg + got.send + got.complete, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("isolate-svc");
	TCase *tc = tcase_create("auth");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_register_gives_the_core_the_proxies);
	tcase_add_test(tc, test_register_keeps_the_plugins_nulls_and_size);
	tcase_add_test(tc, test_register_malformed);
	tcase_add_test(tc, test_send_frame_reaches_the_service);
	tcase_add_test(tc, test_send_frame_truncated_or_oversized);
	tcase_add_test(tc, test_send_frame_lying_lengths);
	tcase_add_test(tc, test_auth_complete);
	tcase_add_test(tc, test_version_1_plugin_cannot_use_them);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
