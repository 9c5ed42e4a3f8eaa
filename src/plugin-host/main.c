/*
 * ihvd-plugin-host PLUGIN.so [-u USER] [-S]: load one plugin in a process of
 * its own and let ihvd drive it over descriptors 3, 4 and 5 (host.h).
 * Started by ihvd only (plugin_isolation=isolated, the default).
 *
 * Order: fault handlers, drop to USER (when started as root), no new
 * privileges + the seccomp filter (unless -S, for debugging), then dlopen;
 * so the plugin's constructors already run confined. Then HELLO (the
 * protocol version, the optional exports, or why the plugin cannot be
 * loaded), and channel A's loop until ihvd closes it.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipc/ipc-ids.h"
#include "plugin-host/host.h"

struct phost phost = { .cur_call = -1 };

static int phost_hello(uint32_t flags, const char *error)
{
	struct ipc_wr w;
	int rc;

	ipc_wr_init(&w);
	ipc_wr_u32(&w, IPC_VERSION);
	ipc_wr_u32(&w, flags);
	ipc_wr_str(&w, error);
	rc = ipc_send(PHOST_FD_A, IPC_HELLO, 0, &w);
	ipc_wr_free(&w);
	return rc;
}

static int phost_load(const char *path, char *err, size_t len)
{
	phost.dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!phost.dl) {
		snprintf(err, len, "dlopen %s: %s", path, dlerror());
		return -1;
	}
	/* contract rule 1: exactly these names, resolved by name */
	phost.get_version = (DOT11EXTIHV_GET_VERSION_INFO)dlsym(phost.dl, IHV_VERSION_FUNCTION_NAME);
	if (!phost.get_version) {
		snprintf(err, len, "%s not exported (contract rule 1)", IHV_VERSION_FUNCTION_NAME);
		return -1;
	}
	phost.init_service = (DOT11EXTIHV_INIT_SERVICE)dlsym(phost.dl, IHV_INIT_FUNCTION_NAME);
	if (!phost.init_service) {
		snprintf(err, len, "%s not exported (contract rule 1)", IHV_INIT_FUNCTION_NAME);
		return -1;
	}
	phost.init_vs = (DOT11EXTIHV_INIT_VIRTUAL_STATION)dlsym(phost.dl, IHV_INIT_VS_FUNCTION_NAME);
	phost.reason_text = (DOT11EXTIHV_LINUX_REASON_TEXT)dlsym(phost.dl,
				IHV_LINUX_REASON_TEXT_FUNCTION_NAME);
	return 0;
}

int main(int argc, char **argv)
{
	const char *user = "nobody", *path;
	char err[512] = "";
	bool seccomp = true;
	uint32_t flags = 0;
	int opt;

	while ((opt = getopt(argc, argv, "u:S")) != -1) {
		switch (opt) {
		case 'u':
			user = optarg;
			break;
		case 'S':
			seccomp = false;
			break;
		default:
			fprintf(stderr, "usage: ihvd-plugin-host PLUGIN.so [-u USER] [-S]\n");
			return 2;
		}
	}
	if (optind != argc - 1 || fcntl(PHOST_FD_A, F_GETFD) < 0) {
		fprintf(stderr, "ihvd-plugin-host: started by ihvd only (PLUGIN.so, fds 3-5)\n");
		return 2;
	}
	path = argv[optind];
	phost.main_thread = pthread_self();
	pthread_mutex_init(&phost.b_lock, NULL);
	phost_sandbox_fault_handlers();
	/* ihvd decides when we end (EOF on channel A): a service manager's SIGTERM to the
	 * whole group must not kill the plugin before ihvd's orderly DeinitService */
	signal(SIGTERM, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	if (chdir("/") < 0 || phost_sandbox_user(user, err, sizeof(err)) < 0 ||
	    (seccomp && phost_sandbox_seccomp(err, sizeof(err)) < 0) ||
	    phost_load(path, err, sizeof(err)) < 0) {
		phost_hello(0, err);
		return 1;
	}
	if (phost.init_vs)
		flags |= IPC_HELLO_HAS_INIT_VS;
	if (phost.reason_text)
		flags |= IPC_HELLO_HAS_REASON_TEXT;
	if (phost_hello(flags, "") < 0)
		return 1;
	return phost_chan_run() < 0 ? 3 : 0;
}
