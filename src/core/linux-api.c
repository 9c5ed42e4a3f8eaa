// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihvd's Linux additions to the contract (plugin-api/ihvlinux.h): logging,
 * loop-thread timers, RSN parameters, adapter information; the
 * authentication exchange's functions are auth.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

static VOID WINAPI linux_api_log(DWORD level, LPCSTR fmt, ...)
{
	char line[1024];
	enum log_level l;
	va_list ap;

	if (!fmt)
		return;
	/* level is a DWORD from the plugin (ihvlinux.h), any value: default kept */
	switch (level) {
	case DOT11EXT_LINUX_LOG_ERROR:
		l = LOG_LEVEL_ERROR;
		break;
	case DOT11EXT_LINUX_LOG_WARN:
		l = LOG_LEVEL_WARN;
		break;
	case DOT11EXT_LINUX_LOG_INFO:
		l = LOG_LEVEL_INFO;
		break;
	default: /* DOT11EXT_LINUX_LOG_DEBUG and anything unknown */
		l = LOG_LEVEL_DEBUG;
		break;
	}
	if (l > log_level_get())
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_msg(l, "%s: %s", ihv_plugin_label(), line);
}

/* ---- timers ------------------------------------------------------------------ */

static struct ihv_host *linux_api_timer_host(void)
{
	struct ihv_host *h = ihv_current_host();

	if (!h) {
		ihv_lock();
		h = ihv_host_any();
		ihv_unlock();
	}
	if (!h || !ihv_on_loop_thread(h)) {
		log_warn("%s: timer functions must be called on ihvd's loop thread "
			 "(from a handler or a timer callback)", ihv_plugin_label());
		return NULL;
	}
	return h;
}

static void linux_api_timer_fire(void *arg)
{
	struct ihv_plugin_timer *t = arg;
	struct ihv_host *h = t->h;
	struct ihv_call save;

	/* t may be destroyed by its own callback: touch nothing after it */
	ihv_call_enter(h, NULL, IHV_IN_TIMER, &save);
	t->cb(t->handle, t->ctx);
	ihv_call_leave(h, NULL, &save);
}

static DWORD WINAPI linux_api_timer_create(DOT11EXT_LINUX_TIMER_CALLBACK cb, LPVOID ctx,
				    PHANDLE ph)
{
	struct ihv_plugin_timer *t;
	struct ihv_host *h;

	if (!cb || !ph)
		return ERROR_INVALID_PARAMETER;
	*ph = NULL;
	h = linux_api_timer_host();
	if (!h)
		return ERROR_INVALID_STATE;
	t = calloc(1, sizeof(*t));
	if (!t)
		return ERROR_NOT_ENOUGH_MEMORY;
	t->t = loop_timer_new(h->loop, linux_api_timer_fire, t);
	if (!t->t) {
		free(t);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	t->h = h;
	t->cb = cb;
	t->ctx = ctx;
	ihv_lock();
	t->handle = ihv_handle_new(IHV_HANDLE_TIMER, t);
	if (t->handle) {
		t->next = h->timers;
		h->timers = t;
	}
	ihv_unlock();
	if (!t->handle) {
		loop_timer_free(t->t);
		free(t);
		return ERROR_NOT_ENOUGH_MEMORY;
	}
	*ph = t->handle;
	return ERROR_SUCCESS;
}

static struct ihv_plugin_timer *linux_api_timer_get(HANDLE ht, const char *fn)
{
	struct ihv_plugin_timer *t;
	const char *why;

	if (!linux_api_timer_host())
		return NULL;
	ihv_lock();
	t = ihv_handle_get(ht, IHV_HANDLE_TIMER, &why);
	ihv_unlock();
	if (!t)
		log_warn("%s: %s with an invalid timer handle (%s)", ihv_plugin_label(),
			 fn, why);
	return t;
}

static DWORD WINAPI linux_api_timer_arm(HANDLE ht, DWORD ms)
{
	struct ihv_plugin_timer *t = linux_api_timer_get(ht, "Dot11ExtLinuxTimerArm");

	if (!t)
		return ihv_current_host() ? ERROR_INVALID_HANDLE : ERROR_INVALID_STATE;
	loop_timer_arm(t->t, ms);
	return ERROR_SUCCESS;
}

static DWORD WINAPI linux_api_timer_cancel(HANDLE ht)
{
	struct ihv_plugin_timer *t = linux_api_timer_get(ht, "Dot11ExtLinuxTimerCancel");

	if (!t)
		return ihv_current_host() ? ERROR_INVALID_HANDLE : ERROR_INVALID_STATE;
	loop_timer_cancel(t->t);
	return ERROR_SUCCESS;
}

static void linux_api_timer_release(struct ihv_plugin_timer *t)
{
	struct ihv_plugin_timer **pp;

	ihv_lock();
	ihv_handle_kill(t->handle, "the timer was destroyed");
	for (pp = &t->h->timers; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	ihv_unlock();
	loop_timer_free(t->t);
	free(t);
}

static DWORD WINAPI linux_api_timer_destroy(HANDLE ht)
{
	struct ihv_plugin_timer *t = linux_api_timer_get(ht, "Dot11ExtLinuxTimerDestroy");

	if (!t)
		return ihv_current_host() ? ERROR_INVALID_HANDLE : ERROR_INVALID_STATE;
	linux_api_timer_release(t);
	return ERROR_SUCCESS;
}

void ihv_host_timers_free(struct ihv_host *h)
{
	unsigned n = 0;

	while (h->timers) {
		linux_api_timer_release(h->timers);
		n++;
	}
	if (n)
		log_warn("plugin %s: %u timer(s) left at DeinitService destroyed", h->name, n);
}

/* ---- RSN parameters ------------------------------------------------------------ */

static DWORD WINAPI linux_api_set_rsn_params(HANDLE svc, const DOT11EXT_LINUX_RSN_PARAMS *p)
{
	const char *fn = "Dot11ExtLinuxSetRsnParams";
	struct ihv_adapter *a;
	DWORD rc;

	rc = ihv_rsn_params_check(p);
	if (rc) {
		log_warn("%s: %s: invalid parameters", ihv_plugin_label(), fn);
		return rc;
	}
	a = ihv_adapter_lock_svc(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (a->phase != IHV_PHASE_PRE_ASSOCIATE || a->pre_completed || a->pre_cancel_only) {
		log_warn("%s: %s outside a pre-association (before its completion)",
			 a->h->name, fn);
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	if ((p->dwAkmSuite && !ihv_suite_listed(a->capa.akms, a->capa.n_akms, p->dwAkmSuite)) ||
	    (p->dwGroupMgmtCipherSuite &&
	     !ihv_suite_listed(a->capa.ciphers, a->capa.n_ciphers, p->dwGroupMgmtCipherSuite))) {
		log_warn("%s: %s: %s does not support the AKM or management cipher",
			 a->h->name, fn, a->ifname);
		ihv_unlock();
		return ERROR_NOT_SUPPORTED;
	}
	/* a version 1 caller's structure ends before dwRsnxCapabilities */
	memset(&a->rsn, 0, sizeof(a->rsn));
	memcpy(&a->rsn, p, p->dwSize < sizeof(a->rsn) ? p->dwSize : sizeof(a->rsn));
	a->rsn.dwSize = sizeof(a->rsn);
	a->rsn_set = true;
	ihv_unlock();
	return ERROR_SUCCESS;
}

/* ---- adapter information -------------------------------------------------------- */

static DWORD WINAPI linux_api_get_adapter_info(HANDLE svc, PDOT11EXT_LINUX_ADAPTER_INFO info)
{
	struct ihv_adapter *a;
	size_t i;

	if (!info || info->dwSize < sizeof(*info))
		return ERROR_INVALID_PARAMETER;
	a = ihv_adapter_lock_svc(svc, "Dot11ExtLinuxGetAdapterInfo");
	if (!a)
		return ERROR_INVALID_HANDLE;
	memset(info, 0, sizeof(*info));
	info->dwSize = sizeof(*info);
	memcpy(info->MacAddress, a->capa.mac, 6);
	info->dwIfIndex = a->ifindex;
	snprintf(info->szIfName, sizeof(info->szIfName), "%s", a->ifname);
	for (i = 0; i < a->capa.n_ciphers && i < 32; i++)
		info->dwCipherSuites[i] = a->capa.ciphers[i];
	info->dwNumCipherSuites = (DWORD)i;
	for (i = 0; i < a->capa.n_akms && i < 32; i++)
		info->dwAkmSuites[i] = a->capa.akms[i];
	info->dwNumAkmSuites = (DWORD)i;
	ihv_unlock();
	return ERROR_SUCCESS;
}

const DOT11EXT_LINUX_APIS ihv_linux_apis = {
	.dwVersion = DOT11EXT_LINUX_APIS_VERSION_2,
	.dwSize = sizeof(DOT11EXT_LINUX_APIS),
	.Dot11ExtLinuxLog = linux_api_log,
	.Dot11ExtLinuxTimerCreate = linux_api_timer_create,
	.Dot11ExtLinuxTimerArm = linux_api_timer_arm,
	.Dot11ExtLinuxTimerCancel = linux_api_timer_cancel,
	.Dot11ExtLinuxTimerDestroy = linux_api_timer_destroy,
	.Dot11ExtLinuxSetRsnParams = linux_api_set_rsn_params,
	.Dot11ExtLinuxGetAdapterInfo = linux_api_get_adapter_info,
	.Dot11ExtLinuxRegisterAuthHandlers = ihv_auth_register,
	.Dot11ExtLinuxSendAuthFrame = ihv_auth_send_frame,
	.Dot11ExtLinuxAuthComplete = ihv_auth_complete,
};
