// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/plugin-host/host-calls.c, the authentication exchange's calls into the
 * plugin (ihvlinux.h version 2) on the plugin host's side: what ihvd sends
 * reaches the plugin's handlers field for field, and a call cut short, one
 * byte too long, a target that is not 56 bytes or claims a 33-byte SSID, a
 * frame that is not whole (short dwSize, a body length with no body, a body
 * over DOT11EXT_LINUX_AUTH_BODY_MAX), a status over 0xffff, or any of these
 * calls before the plugin registered its handlers is malformed: the host
 * stops (host-chan.c) and none of it reaches the plugin. ihvd's DeinitService
 * reaches the plugin's handler once, ends the service, and a plugin without the
 * handler (which ihvd refuses, contract rule 4, but a hostile ihvd could still
 * ask) is not called through NULL.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ipc/ipc-auth.h"
#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

struct phost phost = { .cur_call = -1 }; /* main.c's, not linked here */

static const DOT11_MAC_ADDRESS AP = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

static struct {
	int start, rx, stop, assoc;
	HANDLE ext;
	DOT11EXT_LINUX_AUTH_TARGET t;
	DOT11EXT_LINUX_AUTH_FRAME f;
	uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX];
	DWORD reason;
	DOT11_MAC_ADDRESS bssid;
	USHORT status;
} got;

static DWORD WINAPI h_start(HANDLE ext, const DOT11EXT_LINUX_AUTH_TARGET *t)
{
	got.start++;
	got.ext = ext;
	got.t = *t;
	return ERROR_NOT_SUPPORTED;
}

static VOID WINAPI h_rx(HANDLE ext, const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	got.rx++;
	got.ext = ext;
	got.f = *f;
	if (f->pucBody)
		memcpy(got.body, f->pucBody, f->dwBodyLength);
}

static VOID WINAPI h_stop(HANDLE ext, DWORD reason)
{
	got.stop++;
	got.ext = ext;
	got.reason = reason;
}

static VOID WINAPI h_assoc(HANDLE ext, const DOT11_MAC_ADDRESS bssid, USHORT status)
{
	got.assoc++;
	got.ext = ext;
	memcpy(got.bssid, bssid, 6);
	got.status = status;
}

static int deinits;

static VOID WINAPI h_deinit(VOID)
{
	deinits++;
}

static struct ipc_wr w, reply;

static void setup(void)
{
	memset(&got, 0, sizeof(got));
	deinits = 0;
	memset(&phost.auth_hd, 0, sizeof(phost.auth_hd));
	phost.auth_hd.dwSize = sizeof(phost.auth_hd);
	phost.auth_hd.Dot11ExtIhvLinuxStartAuthentication = h_start;
	phost.auth_hd.Dot11ExtIhvLinuxReceiveAuthFrame = h_rx;
	phost.auth_hd.Dot11ExtIhvLinuxStopAuthentication = h_stop;
	phost.auth_hd.Dot11ExtIhvLinuxAssociationStatus = h_assoc;
	phost.auth_set = true;
	ipc_wr_init(&w);
	ipc_wr_init(&reply);
}

static void teardown(void)
{
	ipc_wr_free(&w);
	ipc_wr_free(&reply);
}

/* Run call id on w's first len bytes: true when the host accepted the frame. */
static bool call_n(uint16_t id, size_t len)
{
	struct ipc_rd r;

	ipc_wr_reset(&reply);
	ipc_rd_init(&r, w.buf, len);
	return phost_call(id, &r, &reply);
}

static bool call(uint16_t id)
{
	return call_n(id, w.len);
}

static DOT11EXT_LINUX_AUTH_TARGET target(void)
{
	DOT11EXT_LINUX_AUTH_TARGET t;

	memset(&t, 0, sizeof(t));
	t.dwSize = sizeof(t);
	memcpy(t.Bssid, AP, 6);
	memcpy(t.OwnAddress, "\x02\x00\x00\x00\x01\x00", 6);
	t.dwFrequency = 5180;
	t.dwSsidLength = 9;
	memcpy(t.ucSsid, "ihvd-test", 9);
	return t;
}

static void wr_start(const DOT11EXT_LINUX_AUTH_TARGET *t)
{
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_auth_target(&w, t);
}

START_TEST(test_start_reaches_the_plugin_and_its_result_returns)
{
	DOT11EXT_LINUX_AUTH_TARGET t = target();
	struct ipc_rd r;

	wr_start(&t);
	ck_assert(call(IPC_H_AUTH_START));
	ck_assert_int_eq(got.start, 1);
	ck_assert_ptr_eq(got.ext, (HANDLE)0x77);
	ck_assert_mem_eq(&got.t, &t, sizeof(t));
	ipc_rd_init(&r, reply.buf, reply.len);
	ck_assert_uint_eq(ipc_rd_u32(&r), ERROR_NOT_SUPPORTED);
	ck_assert(ipc_rd_done(&r));
}
END_TEST

START_TEST(test_start_malformed)
{
	DOT11EXT_LINUX_AUTH_TARGET t = target();
	size_t cut;

	wr_start(&t);
	for (cut = 0; cut < w.len; cut++)
		ck_assert_msg(!call_n(IPC_H_AUTH_START, cut), "cut %zu", cut);
	ipc_wr_u32(&w, 0);
	ck_assert(!call(IPC_H_AUTH_START));
	t.dwSsidLength = 33;
	wr_start(&t);
	ck_assert(!call(IPC_H_AUTH_START));
	t = target();
	t.dwSize = 0;
	wr_start(&t);
	ck_assert(!call(IPC_H_AUTH_START));
	ck_assert_int_eq(got.start, 0);
}
END_TEST

static void wr_rx(const DOT11EXT_LINUX_AUTH_FRAME *f)
{
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_auth_frame(&w, f);
}

START_TEST(test_rx_reaches_the_plugin)
{
	static uint8_t body[DOT11EXT_LINUX_AUTH_BODY_MAX];
	DOT11EXT_LINUX_AUTH_FRAME f = { 0 };
	size_t i;

	for (i = 0; i < sizeof(body); i++)
		body[i] = (uint8_t)(i * 13);
	f.dwSize = sizeof(f);
	memcpy(f.Peer, AP, 6);
	f.usAlgorithm = DOT11EXT_LINUX_AUTH_ALGO_SAE;
	f.usTransaction = 2;
	f.usStatus = 0;
	f.dwBodyLength = sizeof(body);
	f.pucBody = body;
	wr_rx(&f);
	ck_assert(call(IPC_H_AUTH_RX));
	ck_assert_int_eq(got.rx, 1);
	ck_assert_uint_eq(got.f.dwSize, sizeof(f));
	ck_assert_mem_eq(got.f.Peer, AP, 6);
	ck_assert_uint_eq(got.f.usTransaction, 2);
	ck_assert_uint_eq(got.f.dwBodyLength, sizeof(body));
	ck_assert_mem_eq(got.body, body, sizeof(body));
	ck_assert_uint_eq(reply.len, 0); /* a VOID handler: nothing comes back */
}
END_TEST

START_TEST(test_rx_not_whole_malformed)
{
	uint8_t body[16] = { 0 };
	DOT11EXT_LINUX_AUTH_FRAME f = { 0 };
	size_t cut;

	f.dwSize = sizeof(f);
	f.usAlgorithm = 3;
	f.dwBodyLength = sizeof(body);
	f.pucBody = body;
	wr_rx(&f);
	for (cut = 0; cut < w.len; cut++)
		ck_assert_msg(!call_n(IPC_H_AUTH_RX, cut), "cut %zu", cut);
	ipc_wr_u32(&w, 0);
	ck_assert(!call(IPC_H_AUTH_RX));
	wr_rx(NULL); /* ihvd always sends a frame */
	ck_assert(!call(IPC_H_AUTH_RX));
	f.pucBody = NULL; /* a length and no body */
	wr_rx(&f);
	ck_assert(!call(IPC_H_AUTH_RX));
	f.pucBody = body;
	f.dwSize = sizeof(f) + 4; /* not exactly the structure */
	wr_rx(&f);
	ck_assert(!call(IPC_H_AUTH_RX));
	ck_assert_int_eq(got.rx, 0);
}
END_TEST

START_TEST(test_stop_and_assoc_status)
{
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_u32(&w, 0x3e); /* an L2_REASON_CODE */
	ck_assert(call(IPC_H_AUTH_STOP));
	ck_assert_int_eq(got.stop, 1);
	ck_assert_uint_eq(got.reason, 0x3e);
	ck_assert(!call_n(IPC_H_AUTH_STOP, w.len - 1));
	ipc_wr_u32(&w, 0);
	ck_assert(!call(IPC_H_AUTH_STOP));

	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_bytes(&w, AP, 6);
	ipc_wr_u32(&w, 53); /* INVALID_PMKID: the plugin drops its PMKSA */
	ck_assert(call(IPC_H_AUTH_ASSOC_STATUS));
	ck_assert_int_eq(got.assoc, 1);
	ck_assert_mem_eq(got.bssid, AP, 6);
	ck_assert_uint_eq(got.status, 53);

	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_bytes(&w, AP, 6);
	ipc_wr_u32(&w, 0x10000);
	ck_assert(!call(IPC_H_AUTH_ASSOC_STATUS));
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_bytes(&w, AP, 5);
	ipc_wr_u32(&w, 0);
	ck_assert(!call(IPC_H_AUTH_ASSOC_STATUS));
	ck_assert_int_eq(got.assoc, 1);
}
END_TEST

START_TEST(test_calls_before_registration_malformed)
{
	DOT11EXT_LINUX_AUTH_TARGET t = target();

	phost.auth_set = false;
	wr_start(&t);
	ck_assert(!call(IPC_H_AUTH_START));
	ipc_wr_reset(&w);
	ipc_wr_ptr(&w, (HANDLE)0x77);
	ipc_wr_u32(&w, 1);
	ck_assert(!call(IPC_H_AUTH_STOP));
	ck_assert(!call(IPC_H_MAX));
	ck_assert_int_eq(got.start + got.stop, 0);
}
END_TEST

START_TEST(test_deinit_service_calls_the_handler_or_none)
{
	phost.hd.Dot11ExtIhvDeinitService = h_deinit;
	phost.service_up = true;
	ipc_wr_reset(&w);
	ipc_wr_u32(&w, 1);
	ck_assert(!call(IPC_H_DEINIT_SERVICE)); /* a payload: malformed, nothing done */
	ck_assert(phost.service_up);
	ck_assert(call_n(IPC_H_DEINIT_SERVICE, 0));
	ck_assert_int_eq(deinits, 1);
	ck_assert(!phost.service_up);
	/* no handler (contract rule 4 refuses such a plugin in ihvd): nothing is called */
	phost.hd.Dot11ExtIhvDeinitService = NULL;
	phost.service_up = true;
	ck_assert(call_n(IPC_H_DEINIT_SERVICE, 0));
	ck_assert(!phost.service_up);
	ck_assert_int_eq(deinits, 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("host-calls");
	TCase *tc = tcase_create("auth");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_start_reaches_the_plugin_and_its_result_returns);
	tcase_add_test(tc, test_start_malformed);
	tcase_add_test(tc, test_rx_reaches_the_plugin);
	tcase_add_test(tc, test_rx_not_whole_malformed);
	tcase_add_test(tc, test_stop_and_assoc_status);
	tcase_add_test(tc, test_calls_before_registration_malformed);
	tcase_add_test(tc, test_deinit_service_calls_the_handler_or_none);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
