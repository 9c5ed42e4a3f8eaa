// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz target: ihvd's side of the plugin-host protocol (issue 11). The
 * input is a byte stream as it would arrive from ihvd-plugin-host: frames
 * are cut with ipc_frame_parse; each IPC_SVC frame is served against the
 * real service and Linux tables (src/core/isolate-svc.c: every decoder, then
 * the real checks, which refuse the made-up handles), and the payload of
 * any other frame goes through the readers of the structures that come
 * back in replies (profiles, UI request, discovery list, OneX result, BSS
 * list) and of the authentication exchange's calls (target, frame, after
 * the adapter handle). An IPC_CREDS frame goes through the host's reader
 * (ipc_creds_parse). Nothing may be read out of bounds, whatever the
 * lengths say. The same stream also goes through a socket into ipc_recv's
 * buffered reader (struct ipc_rx), which must hand out the very frames
 * ipc_frame_parse cuts, octet for octet, and stop where it stops.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/log.h"
#include "core/ihv-core.h"
#include "core/isolate.h"
#include "ipc/ipc-auth.h"
#include "ipc/ipc-dot11.h"
#include "ipc/ipc-ids.h"
#include "tests/fuzz/fuzz-main.h"

static void fuzz_ipc_quiet(void *ctx, enum log_level level, const char *line)
{
	(void)ctx;
	(void)level;
	(void)line;
}

static DWORD fuzz_ipc_alloc(DWORD n, LPVOID *pp)
{
	*pp = malloc(n ? n : 1);
	return *pp ? ERROR_SUCCESS : ERROR_OUTOFMEMORY;
}

static void fuzz_ipc_readers(const uint8_t *p, size_t len)
{
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl;
	DOT11EXT_IHV_UI_REQUEST ui;
	DOT11EXT_LINUX_AUTH_TARGET at;
	DOT11EXT_LINUX_AUTH_FRAME af;
	struct ipc_profiles pr;
	struct ipc_bss_list bl;
	struct ipc_rd r;
	uint32_t i;

	ipc_rd_init(&r, p, len);
	ipc_rd_profiles(&r, &pr);
	ipc_rd_bss_list(&r, &bl);
	ipc_profiles_free(&pr);
	ipc_bss_list_free(&bl);
	ipc_rd_init(&r, p, len);
	ipc_ui_request_free(ipc_rd_ui_request(&r, &ui));
	ipc_rd_init(&r, p, len);
	ipc_onex_params_free(ipc_rd_onex_params(&r));
	ipc_rd_init(&r, p, len);
	ipc_rd_discovery(&r, &dl, fuzz_ipc_alloc);
	for (i = 0; i < dl.dwCount; i++) {
		free(dl.pIhvDiscoveryProfiles[i].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity);
		free(dl.pIhvDiscoveryProfiles[i].IhvSecurityProfile.pszXmlFragmentIhvSecurity);
	}
	free(dl.pIhvDiscoveryProfiles);
	ipc_rd_init(&r, p, len);
	(void)ipc_rd_ptr(&r);
	ipc_rd_auth_target(&r, &at);
	ipc_rd_init(&r, p, len);
	(void)ipc_rd_ptr(&r);
	ipc_auth_frame_free(ipc_rd_auth_frame(&r, &af));
}

/* The stream through a socket and struct ipc_rx: the frames ipc_frame_parse cuts. */
static void fuzz_ipc_rx(const uint8_t *data, size_t size)
{
	struct ipc_msg m, f;
	struct ipc_rx rx;
	size_t used, off = 0;
	int sv[2], rc, pr;

	/* within the socket's buffer, so that one write takes it all */
	if (size > 65536 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return;
	if (write(sv[0], data, size) == (ssize_t)size && shutdown(sv[0], SHUT_WR) == 0) {
		ipc_rx_init(&rx);
		for (;;) {
			rc = ipc_recv(sv[1], &rx, &m, 1000);
			pr = ipc_frame_parse(data + off, size - off, &f, &used);
			if (rc) {
				if (!pr)
					abort(); /* a whole frame the reader did not give */
				break;
			}
			if (pr || f.type != m.type || f.id != m.id || f.len != m.len ||
			    memcmp(f.data, m.data, m.len))
				abort();
			ipc_msg_free(&m);
			off += used;
		}
		ipc_rx_clear(&rx);
	}
	close(sv[0]);
	close(sv[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ihv_isolate_tables t;
	static bool init;
	const uint8_t *data0 = data;
	size_t size0 = size;
	struct ipc_wr reply;
	struct ipc_msg m;
	size_t used;

	if (!init) {
		log_hook_set(fuzz_ipc_quiet, NULL);
		log_level_set(LOG_LEVEL_ERROR);
		ihv_isolate_tables_init(&t);
		t.apis = ihv_service_apis;
		t.lx = ihv_linux_apis;
		t.vs = ihv_vs_apis;
		t.have_lx = t.have_lx2 = t.have_vs = true;
		init = true;
	}
	ipc_wr_init(&reply);
	while (ipc_frame_parse(data, size, &m, &used) == 0) {
		if (m.type == IPC_SVC || (m.type == IPC_NOTE && ipc_svc_is_note(m.id))) {
			ipc_wr_reset(&reply);
			(void)ihv_isolate_svc_serve(&t, m.id, m.data, m.len, &reply);
		} else if (m.type == IPC_CREDS) { /* what the host reads first (host-sandbox.c) */
			struct ipc_creds c;

			if (ipc_creds_parse(&m, &c) == 0 && strnlen(c.error, sizeof(c.error)) ==
			    sizeof(c.error))
				abort(); /* the host prints it as a string */
		} else {
			fuzz_ipc_readers(m.data, m.len);
		}
		data += used;
		size -= used;
	}
	ipc_wr_free(&reply);
	fuzz_ipc_rx(data0, size0);
	return 0;
}
