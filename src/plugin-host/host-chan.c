// SPDX-License-Identifier: BSD-3-Clause
/*
 * The plugin host's two channels (host.h): A, driven by ihvd's calls and
 * owned by the main thread; B, for the plugin's own threads.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

/* Anything but the expected frame on a channel: ihvd broke the protocol. */
static void phost_chan_broken(const char *what) __attribute__((noreturn));

static void phost_chan_broken(const char *what)
{
	(void)what;
	_exit(3);
}

static void phost_chan_dispatch(struct ipc_msg *m)
{
	sig_atomic_t prev = phost.cur_call;
	struct ipc_rd r;
	struct ipc_wr w;
	bool ok;

	ipc_rd_init(&r, m->data, m->len);
	ipc_wr_init(&w);
	phost.cur_call = m->id;
	phost.depth++;
	ok = phost_call(m->id, &r, &w);
	if (ok && !w.ok && w.no_memory) /* a call with no refusal of its own */
		phost_log(DOT11EXT_LINUX_LOG_ERROR, "no memory to encode the answer to %s: the "
			  "plugin host stops", ipc_call_name(m->id));
	else if (ok && !w.ok)
		phost_log(DOT11EXT_LINUX_LOG_ERROR, "the answer to %s is larger than one channel "
			  "frame carries (%u octets): the plugin host stops", ipc_call_name(m->id),
			  (unsigned)IPC_MAX_PAYLOAD);
	phost.depth--;
	phost.cur_call = prev;
	ipc_msg_free(m);
	if (!ok)
		phost_chan_broken("malformed call");
	if (!w.ok)
		_exit(3);
	if (ipc_send(PHOST_FD_A, IPC_RETURN, m->id, &w) < 0)
		_exit(0); /* ihvd is gone */
	ipc_wr_free(&w);
}

int phost_chan_run(void)
{
	struct ipc_msg m;
	int rc;

	for (;;) {
		rc = ipc_recv(PHOST_FD_A, &phost.rx_a, &m, -1);
		if (rc == -EPIPE)
			return 0;
		if (rc < 0)
			return -1;
		if (m.type != IPC_CALL)
			phost_chan_broken("not a call");
		phost_chan_dispatch(&m);
	}
}

int phost_svc(uint16_t id, const struct ipc_wr *w, struct ipc_msg *m)
{
	int rc;

	if (pthread_equal(pthread_self(), phost.main_thread)) {
		if (ipc_send(PHOST_FD_A, IPC_SVC, id, w) < 0)
			_exit(0);
		for (;;) {
			rc = ipc_recv(PHOST_FD_A, &phost.rx_a, m, -1);
			if (rc == -EPIPE)
				_exit(0);
			if (rc < 0)
				phost_chan_broken("bad frame");
			if (m->type == IPC_CALL) { /* ihvd called back: nested */
				phost_chan_dispatch(m);
				continue;
			}
			if (m->type != IPC_SVC_RETURN || m->id != id)
				phost_chan_broken("unexpected reply");
			return 0;
		}
	}
	pthread_mutex_lock(&phost.b_lock);
	rc = ipc_send(PHOST_FD_B, IPC_SVC, id, w);
	if (!rc)
		rc = ipc_recv(PHOST_FD_B, &phost.rx_b, m, -1);
	pthread_mutex_unlock(&phost.b_lock);
	if (rc < 0)
		return -1;
	if (m->type != IPC_SVC_RETURN || m->id != id)
		phost_chan_broken("unexpected reply on B");
	return 0;
}

bool phost_in_call(void)
{
	return pthread_equal(pthread_self(), phost.main_thread) && phost.depth > 0;
}

int phost_note(uint16_t id, const struct ipc_wr *w)
{
	/* the main thread inside a call only: ihvd reads it in that call's loop, before our RETURN */
	if (!phost_in_call())
		return -1;
	if (ipc_send(PHOST_FD_A, IPC_NOTE, id, w) < 0)
		_exit(0);
	return 0;
}
