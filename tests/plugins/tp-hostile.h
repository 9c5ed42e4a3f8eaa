/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tp-hostile's misbehaviour (issue 11): what a plugin must not be able to do
 * from its own process, and the faults ihvd turns into events. Chosen with
 * tp_state.hostile (shared with the test in isolated mode); hostile_once
 * clears it when it fires, so the restarted process behaves.
 */
#ifndef IHVD_TESTS_TP_HOSTILE_H
#define IHVD_TESTS_TP_HOSTILE_H

#include <errno.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/socket.h>

static VOID WINAPI tp_hostile_timer_cb(HANDLE t, LPVOID ctx)
{
	(void)t;
	(void)ctx;
}

static void *tp_hostile_thread(void *arg)
{
	(void)arg;
	usleep(50000);
	abort();
	return NULL;
}

static void *tp_hostile_garbage_thread(void *arg)
{
	static const char junk[] = "nor is this a frame of the plugin-host protocol";

	(void)arg;
	usleep(100000);
	if (write(3, junk, sizeof(junk)) < 0) /* channel A (plugin-host/host.h PHOST_FD_A) */
		tp_state.hostile_errno = errno;
	return NULL;
}

/* Is hostile behaviour h due now? Clears it first when it fires once. */
static int tp_hostile_due(int h)
{
	if (tp_state.hostile != h)
		return 0;
	if (tp_state.hostile_once)
		tp_state.hostile = TP_HOSTILE_NONE;
	return 1;
}

/* Call fn n times; count what was accepted and keep the first refusal. */
static void tp_hostile_flood(int n, DWORD (*fn)(int i))
{
	DWORD rc;
	int i;

	for (i = 0; i < n; i++) {
		rc = fn(i);
		if (rc != ERROR_SUCCESS) {
			if (!tp_state.hostile_rc)
				tp_state.hostile_rc = rc;
			continue;
		}
		tp_state.hostile_ok++;
	}
}

static DWORD tp_hostile_send(int i)
{
	static uint8_t frames[300][16];
	uint8_t *f = frames[i];

	memset(f, 0, 16);
	f[0] = 0x02; /* the AP of the harness: 02:00:00:00:00:00 */
	f[6] = 0x88;
	f[7] = 0x8e;
	f[8] = (uint8_t)i;
	return g_api.Dot11ExtSendPacket(tp_state.svc, 16, f, (HANDLE)(uintptr_t)(0x10000 + i));
}

static DWORD tp_hostile_ui(int i)
{
	DOT11EXT_IHV_UI_REQUEST r;
	uint8_t data[4] = { 'f', 'l', 'o', 'o' };

	memset(&r, 0, sizeof(r));
	r.guidUIRequest.Data1 = 0xf100d000u + (uint32_t)i;
	r.dwByteCount = sizeof(data);
	r.pvUIRequest = data;
	return g_api.Dot11ExtSendUIRequest(tp_state.svc, &r);
}

static void tp_hostile_at(const char *where)
{
	static const char junk[] = "this is not a frame of the plugin-host protocol";
	pthread_t th;
	HANDLE t;
	char buf[64];
	int fd, i;
	DWORD rc;

	if (!strcmp(where, "InitService")) {
		if (tp_state.hostile_inits++ > 0 && tp_state.hostile == TP_HOSTILE_ABORT_RESTART)
			abort();
		if (tp_hostile_due(TP_HOSTILE_NETLINK))
			tp_state.hostile_errno = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC) < 0 ?
						 errno : 0;
		if (tp_hostile_due(TP_HOSTILE_PTRACE))
			tp_state.hostile_errno = ptrace(PTRACE_ATTACH, 1, NULL, NULL) < 0 ?
						 errno : 0;
		if (tp_hostile_due(TP_HOSTILE_READ_FILE)) {
			fd = open(tp_state.hostile_path, O_RDONLY | O_CLOEXEC);
			tp_state.hostile_errno = fd < 0 ? errno : 0;
			if (fd >= 0) {
				tp_state.hostile_read = (int)read(fd, buf, sizeof(buf));
				close(fd);
			}
		}
	} else if (!strcmp(where, "InitAdapter")) {
		if (tp_hostile_due(TP_HOSTILE_TIMER_FLOOD)) {
			for (i = 0; i < 100; i++) {
				rc = g_lx.Dot11ExtLinuxTimerCreate(tp_hostile_timer_cb, NULL, &t);
				if (rc != ERROR_SUCCESS) {
					tp_state.hostile_rc = rc;
					break;
				}
				tp_state.hostile_ok++;
			}
		}
	} else if (!strcmp(where, "PerformPreAssociate")) {
		if (tp_hostile_due(TP_HOSTILE_THREAD_ABORT) &&
		    pthread_create(&th, NULL, tp_hostile_thread, NULL) == 0)
			pthread_detach(th);
		if (tp_hostile_due(TP_HOSTILE_GARBAGE) && write(4, junk, sizeof(junk)) < 0)
			tp_state.hostile_errno = errno;
		if (tp_hostile_due(TP_HOSTILE_GARBAGE_IDLE) &&
		    pthread_create(&th, NULL, tp_hostile_garbage_thread, NULL) == 0)
			pthread_detach(th);
		if (tp_hostile_due(TP_HOSTILE_UI_FLOOD))
			tp_hostile_flood(100, tp_hostile_ui);
		if (tp_hostile_due(TP_HOSTILE_AFTER_RETURN)) {
			/*
			 * "IHVP", type 3 (RETURN), id 3 (PerformPreAssociate), no payload; then
			 * the same header again, which comes after the call's return: one
			 * write, so ihvd reads both at once and holds the second.
			 */
			static const unsigned char two[24] = { 'I', 'H', 'V', 'P', 3, 0, 3, 0, 0, 0, 0, 0,
							       'I', 'H', 'V', 'P', 3, 0, 3, 0 };

			if (write(3, two, sizeof(two)) < 0)
				tp_state.hostile_errno = errno;
		}
		if (tp_hostile_due(TP_HOSTILE_BAD_NOTE)) {
			/*
			 * A log line goes as a note (IPC_NOTE, channel A), and so may a timer's
			 * arm: this one, "IHVP", type 7 (NOTE), id 34 (TimerArm), 12 octets
			 * (handle 0x999, which ihvd never minted; 0 ms), is served and its
			 * failure logged. A service that has a result may not: id 33
			 * (TimerCreate), no payload. Both written on channel A (fd 3).
			 */
			static const unsigned char arm[24] = { 'I', 'H', 'V', 'P', 7, 0, 34, 0,
							       12, 0, 0, 0, 0x99, 0x09 };
			static const unsigned char note[12] = { 'I', 'H', 'V', 'P', 7, 0, 33, 0 };

			g_lx.Dot11ExtLinuxLog(DOT11EXT_LINUX_LOG_INFO, "tp-hostile: a line as a note");
			if (write(3, arm, sizeof(arm)) < 0 || write(3, note, sizeof(note)) < 0)
				tp_state.hostile_errno = errno;
		}
		if (tp_hostile_due(TP_HOSTILE_NO_READ)) {
			/*
			 * Service calls that ihvd serves and answers, written without ever
			 * reading an answer: "IHVP", type 4 (SVC), id 11 (SetAuthAlgorithm), 12
			 * octets (handle 0x999, never minted; algorithm 1). The answers fill
			 * channel A until ihvd's send can go no further.
			 */
			static const unsigned char svc[24] = { 'I', 'H', 'V', 'P', 4, 0, 11, 0,
							       12, 0, 0, 0, 0x99, 0x09, 0, 0,
							       0, 0, 0, 0, 1, 0, 0, 0 };

			for (i = 0; i < 100000; i++)
				if (write(3, svc, sizeof(svc)) < 0) {
					tp_state.hostile_errno = errno;
					break;
				}
		}
	} else if (!strcmp(where, "PerformPostAssociate")) {
		if (tp_hostile_due(TP_HOSTILE_ABORT_POST))
			abort();
		if (tp_state.hostile == TP_HOSTILE_ABORT_RESTART)
			abort();
		if (tp_hostile_due(TP_HOSTILE_HANG_POST))
			for (;;)
				sleep(1);
	} else if (!strcmp(where, "ReceivePacket")) {
		if (tp_hostile_due(TP_HOSTILE_SEND_FLOOD))
			tp_hostile_flood(300, tp_hostile_send);
		if (tp_hostile_due(TP_HOSTILE_SEGV_RECV)) {
			/* a write to the unmapped first page (not NULL itself, which UBSan's
			 * null check would report before the fault) */
			*(volatile int *)(uintptr_t)(tp_state.hostile_read + 64) = 1;
		}
	}
}

#endif
