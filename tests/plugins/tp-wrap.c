/*
 * tp-wrap: a real plugin (IHVD_WRAP_PLUGIN, e.g. build/ihv-rsn.so) behind a
 * thin wrapper that misbehaves once on a chosen call, for the hwsim
 * scenarios of issue 11 (tests/hwsim/scenarios/ihvd-isolated-*.sh):
 *
 *	IHVD_WRAP_FAULT=abort:ReceivePacket:N   abort() in the Nth ReceivePacket
 *	IHVD_WRAP_FAULT=hang:PerformPostAssociate:N   never return from the Nth one
 *	IHVD_WRAP_FAULT=netlink:InitService:1   socket(AF_NETLINK) in InitService
 *	IHVD_WRAP_ONCE=FILE   fault only while FILE does not exist (it is created
 *	                      first), so the restarted process behaves
 *
 * Everything else goes to the real plugin untouched.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ihvlinux.h"
#include "wlanihv.h"

static void *wrap_dl;
static DOT11EXTIHV_GET_VERSION_INFO wrap_get_version;
static DOT11EXTIHV_INIT_SERVICE wrap_init_service;
static DOT11EXT_IHV_HANDLERS wrap_real;
static char wrap_kind[16], wrap_where[48];
static int wrap_nth, wrap_count;

static int wrap_load(void)
{
	const char *p = getenv("IHVD_WRAP_PLUGIN"), *f = getenv("IHVD_WRAP_FAULT");

	if (wrap_dl)
		return 0;
	if (f && sscanf(f, "%15[a-z]:%47[A-Za-z]:%d", wrap_kind, wrap_where, &wrap_nth) != 3)
		wrap_kind[0] = 0;
	wrap_dl = p ? dlopen(p, RTLD_NOW | RTLD_LOCAL) : NULL;
	if (!wrap_dl)
		return -1;
	wrap_get_version = (DOT11EXTIHV_GET_VERSION_INFO)dlsym(wrap_dl, IHV_VERSION_FUNCTION_NAME);
	wrap_init_service = (DOT11EXTIHV_INIT_SERVICE)dlsym(wrap_dl, IHV_INIT_FUNCTION_NAME);
	return wrap_get_version && wrap_init_service ? 0 : -1;
}

/* The fault, if this is the call: once per IHVD_WRAP_ONCE file. */
static void wrap_maybe(const char *where)
{
	const char *once = getenv("IHVD_WRAP_ONCE");
	int fd;

	if (!wrap_kind[0] || strcmp(where, wrap_where) || ++wrap_count != wrap_nth)
		return;
	if (once) {
		fd = open(once, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0)
			return; /* done before: behave */
		close(fd);
	}
	if (!strcmp(wrap_kind, "abort"))
		abort();
	if (!strcmp(wrap_kind, "hang"))
		for (;;)
			sleep(1);
	if (!strcmp(wrap_kind, "netlink"))
		(void)socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
}

static DWORD WINAPI wrap_receive_packet(HANDLE a, DWORD len, LPVOID buf)
{
	wrap_maybe("ReceivePacket");
	return wrap_real.Dot11ExtIhvReceivePacket(a, len, buf);
}

static DWORD WINAPI wrap_post_associate(HANDLE a, HANDLE ss, PDOT11_PORT_STATE ps, ULONG n,
					PDOT11_ASSOCIATION_COMPLETION_PARAMETERS p)
{
	wrap_maybe("PerformPostAssociate");
	return wrap_real.Dot11ExtIhvPerformPostAssociate(a, ss, ps, n, p);
}

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvGetVersionInfo(PDOT11_IHV_VERSION_INFO vi)
{
	if (wrap_load() < 0)
		return ERROR_NOT_FOUND;
	return wrap_get_version(vi);
}

__attribute__((visibility("default"))) DWORD WINAPI
Dot11ExtIhvInitService(DWORD ver, PDOT11EXT_APIS api, LPVOID reserved, PDOT11EXT_IHV_HANDLERS h)
{
	DWORD rc;

	if (wrap_load() < 0)
		return ERROR_NOT_FOUND;
	wrap_maybe("InitService");
	memset(&wrap_real, 0, sizeof(wrap_real));
	rc = wrap_init_service(ver, api, reserved, &wrap_real);
	*h = wrap_real;
	if (rc == ERROR_SUCCESS) {
		h->Dot11ExtIhvReceivePacket = wrap_receive_packet;
		h->Dot11ExtIhvPerformPostAssociate = wrap_post_associate;
	}
	return rc;
}
