// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/plugin-host/host-linux.c, the Linux timers as the plugin host passes them
 * to ihvd. A child process is the plugin host (channels A and B on descriptors
 * 3 and 4); this process plays ihvd and records every frame it is sent. From
 * the main thread inside a call, for a timer the host saw created: a cancel of
 * an idle one is answered without a frame, and an arm or the cancel of an
 * armed one crosses as a note (IPC_NOTE, no reply awaited). Every other arm or
 * cancel is a service call that ihvd judges: a handle ihvd never minted, one
 * outside a call, one from a plugin thread (channel B), and any after
 * DeinitService (ihvd destroyed the timers then).
 */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

struct phost phost = { .cur_call = -1 }; /* main.c's, not linked here */

#define LX_HANDLE 0x4501u   /* the handle "ihvd" mints for the timer */
#define LX_BOGUS  0x999u    /* one it never minted */

/* ---- the plugin host (the child) ------------------------------------------- */

static int lx_fired;

static VOID WINAPI lx_timer_cb(HANDLE t, PVOID ctx)
{
	(void)t;
	(void)ctx;
	lx_fired++;
}

static VOID WINAPI lx_deinit(VOID)
{
}

static void *lx_thread_cancel(void *arg)
{
	*(DWORD *)arg = phost_linux_apis.Dot11ExtLinuxTimerCancel((HANDLE)(uintptr_t)LX_HANDLE);
	return NULL;
}

/* Each step's result, in order, for the parent to check. */
enum {
	LX_R_CREATE, LX_R_IDLE, LX_R_ARM, LX_R_ARMED, LX_R_AGAIN, LX_R_ARM2, LX_R_FIRED,
	LX_R_BOGUS, LX_R_ARM_BOGUS, LX_R_ARM_OUTSIDE, LX_R_OUTSIDE, LX_R_THREAD,
	LX_R_FORGOTTEN, LX_R_N
};

static void lx_child(int a, int b, int res)
{
	const DOT11EXT_LINUX_APIS *lx = &phost_linux_apis;
	DWORD r[LX_R_N + 1];
	HANDLE t = NULL;
	struct ipc_rd rd;
	struct ipc_wr w;
	pthread_t th;

	if (dup2(a, PHOST_FD_A) < 0 || dup2(b, PHOST_FD_B) < 0)
		_exit(90);
	phost.main_thread = pthread_self();
	pthread_mutex_init(&phost.b_lock, NULL);
	phost.depth = 1; /* inside one of ihvd's calls */
	r[LX_R_CREATE] = lx->Dot11ExtLinuxTimerCreate(lx_timer_cb, NULL, &t);
	r[LX_R_IDLE] = lx->Dot11ExtLinuxTimerCancel(t);      /* never armed */
	r[LX_R_ARM] = lx->Dot11ExtLinuxTimerArm(t, 100);
	r[LX_R_ARMED] = lx->Dot11ExtLinuxTimerCancel(t);     /* armed: ihvd's */
	r[LX_R_AGAIN] = lx->Dot11ExtLinuxTimerCancel(t);     /* cancelled already */
	r[LX_R_ARM2] = lx->Dot11ExtLinuxTimerArm(t, 0);
	phost_timer_fire(t);                                 /* ihvd's IPC_H_TIMER */
	r[LX_R_FIRED] = lx->Dot11ExtLinuxTimerCancel(t);     /* one-shot: idle again */
	r[LX_R_BOGUS] = lx->Dot11ExtLinuxTimerCancel((HANDLE)(uintptr_t)LX_BOGUS);
	r[LX_R_ARM_BOGUS] = lx->Dot11ExtLinuxTimerArm((HANDLE)(uintptr_t)LX_BOGUS, 5);
	phost.depth = 0;
	r[LX_R_ARM_OUTSIDE] = lx->Dot11ExtLinuxTimerArm(t, 7);
	r[LX_R_OUTSIDE] = lx->Dot11ExtLinuxTimerCancel(t);
	phost.depth = 1;
	r[LX_R_THREAD] = 0xdead;
	if (pthread_create(&th, NULL, lx_thread_cancel, &r[LX_R_THREAD]) || pthread_join(th, NULL))
		_exit(91);
	phost.hd.Dot11ExtIhvDeinitService = lx_deinit;
	ipc_rd_init(&rd, NULL, 0);
	ipc_wr_init(&w);
	if (!phost_call(IPC_H_DEINIT_SERVICE, &rd, &w))        /* ihvd's DeinitService call */
		_exit(94);
	ipc_wr_free(&w);
	r[LX_R_FORGOTTEN] = lx->Dot11ExtLinuxTimerCancel(t);
	r[LX_R_N] = (DWORD)lx_fired;
	if (write(res, r, sizeof(r)) != (ssize_t)sizeof(r))
		_exit(92);
	_exit(t == (HANDLE)(uintptr_t)LX_HANDLE ? 0 : 93);
}

/* ---- ihvd (this process) ----------------------------------------------------- */

struct lx_frame {
	char chan; /* 'A' or 'B' */
	uint16_t type; /* IPC_SVC, or IPC_NOTE (not answered) */
	uint16_t id;
	uint64_t handle;
	uint32_t ms; /* an arm's delay */
};

/* What ihvd answers: a plugin thread may not use timers; a handle it never minted is invalid. */
static void lx_serve(int fd, char chan, const struct ipc_msg *m, struct lx_frame *f)
{
	struct ipc_rd r;
	struct ipc_wr w;

	f->chan = chan;
	f->type = m->type;
	f->id = m->id;
	f->handle = 0;
	f->ms = 0;
	ipc_rd_init(&r, m->data, m->len);
	if (m->type == IPC_NOTE) {
		f->handle = (uint64_t)(uintptr_t)ipc_rd_ptr(&r);
		if (m->id == IPC_S_LX_TIMER_ARM)
			f->ms = ipc_rd_u32(&r);
		ck_assert(ipc_rd_done(&r));
		return; /* a note has no reply */
	}
	ipc_wr_init(&w);
	if (m->id == IPC_S_LX_TIMER_CREATE) {
		ipc_wr_u32(&w, ERROR_SUCCESS);
		ipc_wr_u64(&w, LX_HANDLE);
	} else {
		f->handle = (uint64_t)(uintptr_t)ipc_rd_ptr(&r);
		if (m->id == IPC_S_LX_TIMER_ARM)
			f->ms = ipc_rd_u32(&r);
		ck_assert(ipc_rd_done(&r));
		if (chan == 'B')
			ipc_wr_u32(&w, ERROR_INVALID_STATE);
		else
			ipc_wr_u32(&w, f->handle == LX_HANDLE ? ERROR_SUCCESS : ERROR_INVALID_HANDLE);
	}
	ck_assert_int_eq(ipc_send(fd, IPC_SVC_RETURN, m->id, &w), 0);
	ipc_wr_free(&w);
}

START_TEST(test_timer_calls_in_a_call_wait_for_no_reply)
{
	static const struct lx_frame want[] = {
		{ 'A', IPC_SVC, IPC_S_LX_TIMER_CREATE, 0, 0 },
		{ 'A', IPC_NOTE, IPC_S_LX_TIMER_ARM, LX_HANDLE, 100 },
		{ 'A', IPC_NOTE, IPC_S_LX_TIMER_CANCEL, LX_HANDLE, 0 },  /* the armed one */
		{ 'A', IPC_NOTE, IPC_S_LX_TIMER_ARM, LX_HANDLE, 0 },
		{ 'A', IPC_SVC, IPC_S_LX_TIMER_CANCEL, LX_BOGUS, 0 },
		{ 'A', IPC_SVC, IPC_S_LX_TIMER_ARM, LX_BOGUS, 5 },
		{ 'A', IPC_SVC, IPC_S_LX_TIMER_ARM, LX_HANDLE, 7 },     /* outside a call */
		{ 'A', IPC_SVC, IPC_S_LX_TIMER_CANCEL, LX_HANDLE, 0 },  /* outside a call */
		{ 'B', IPC_SVC, IPC_S_LX_TIMER_CANCEL, LX_HANDLE, 0 },  /* a plugin thread */
		{ 'A', IPC_SVC, IPC_S_LX_TIMER_CANCEL, LX_HANDLE, 0 },  /* after DeinitService */
	};
	struct lx_frame got[16];
	int a[2], b[2], res[2], st, n = 0, i;
	struct ipc_rx rx[2];
	DWORD r[LX_R_N + 1];
	pid_t pid;

	ipc_rx_init(&rx[0]);
	ipc_rx_init(&rx[1]);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, b), 0);
	ck_assert_int_eq(pipe(res), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(a[0]);
		close(b[0]);
		close(res[0]);
		lx_child(a[1], b[1], res[1]);
	}
	close(a[1]);
	close(b[1]);
	close(res[1]);
	for (;;) {
		struct pollfd p[2] = { { .fd = a[0], .events = POLLIN }, { .fd = b[0], .events = POLLIN } };
		struct ipc_msg m;
		int k, fd;

		/* a frame already read past the last one is served before any poll */
		if (ipc_rx_pending(&rx[0]) || ipc_rx_pending(&rx[1])) {
			k = ipc_rx_pending(&rx[0]) ? 0 : 1;
		} else {
			ck_assert_int_gt(poll(p, 2, 5000), 0);
			k = (p[0].revents & POLLIN) ? 0 : (p[1].revents & POLLIN) ? 1 : -1;
		}
		if (k < 0)
			break; /* both hung up: the child is done */
		fd = k ? b[0] : a[0];
		if (ipc_recv(fd, &rx[k], &m, 1000) == -EPIPE)
			break;
		ck_assert(m.type == IPC_SVC || (m.type == IPC_NOTE && !k));
		ck_assert_int_lt(n, 16);
		lx_serve(fd, k ? 'B' : 'A', &m, &got[n++]);
		ipc_msg_free(&m);
	}
	ck_assert_int_eq(read(res[0], r, sizeof(r)), (ssize_t)sizeof(r));
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status 0x%x", st);

	for (i = 0; i < n && i < (int)(sizeof(want) / sizeof(want[0])); i++) {
		ck_assert_msg(got[i].chan == want[i].chan && got[i].type == want[i].type &&
			      got[i].id == want[i].id && got[i].handle == want[i].handle &&
			      got[i].ms == want[i].ms,
			      "frame %d: %c %s %s %#llx %u ms, expected %c %s %s %#llx %u ms", i,
			      got[i].chan, ipc_type_str(got[i].type), ipc_svc_name(got[i].id),
			      (unsigned long long)got[i].handle, got[i].ms, want[i].chan,
			      ipc_type_str(want[i].type), ipc_svc_name(want[i].id),
			      (unsigned long long)want[i].handle, want[i].ms);
	}
	ck_assert_int_eq(n, (int)(sizeof(want) / sizeof(want[0])));

	ck_assert_uint_eq(r[LX_R_CREATE], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_IDLE], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_ARM], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_ARMED], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_AGAIN], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_ARM2], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_FIRED], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_BOGUS], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(r[LX_R_ARM_BOGUS], ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(r[LX_R_ARM_OUTSIDE], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_OUTSIDE], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_THREAD], ERROR_INVALID_STATE);
	ck_assert_uint_eq(r[LX_R_FORGOTTEN], ERROR_SUCCESS);
	ck_assert_uint_eq(r[LX_R_N], 1); /* the callback ran once */
	close(a[0]);
	close(b[0]);
	close(res[0]);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("host-linux");
	TCase *tc = tcase_create("timers");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_timer_calls_in_a_call_wait_for_no_reply);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
