/*
 * Loading a plugin (contract §1, §2, §8.1, §8.2; contract rules 1-7): dlopen, the two
 * exports (+ the optional third), GetVersionInfo, InitService with the
 * service table (+ the Linux table in pvReserved), the 19 handlers checked.
 * Unloading: DeinitAdapter for every adapter, DeinitService, dlclose.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/isolate.h"
#include "common/log.h"

static const char *const plugin_handler_names[19] = {
	"Dot11ExtIhvDeinitService", "Dot11ExtIhvInitAdapter",
	"Dot11ExtIhvDeinitAdapter", "Dot11ExtIhvPerformPreAssociate",
	"Dot11ExtIhvAdapterReset", "Dot11ExtIhvPerformPostAssociate",
	"Dot11ExtIhvStopPostAssociate", "Dot11ExtIhvValidateProfile",
	"Dot11ExtIhvPerformCapabilityMatch", "Dot11ExtIhvCreateDiscoveryProfiles",
	"Dot11ExtIhvProcessSessionChange", "Dot11ExtIhvReceiveIndication",
	"Dot11ExtIhvReceivePacket", "Dot11ExtIhvSendPacketCompletion",
	"Dot11ExtIhvIsUIRequestPending", "Dot11ExtIhvProcessUIResponse",
	"Dot11ExtIhvQueryUIRequest", "Dot11ExtIhvOnexIndicateResult",
	"Dot11ExtIhvControl",
};

static void plugin_err_set(char *err, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void plugin_err_set(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!err || !len)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

static void plugin_host_discard(struct ihv_host *h)
{
	ihv_lock();
	h->service_up = false;
	ihv_host_unregister(h);
	ihv_unlock();
	ihv_host_timers_free(h);
	if (h->dl)
		dlclose(h->dl);
	ihv_isolate_close(h->iso);
	free(h->path);
	free(h);
}

/* Inline: dlopen and the exports by name (contract rule 1). */
static int plugin_open_inline(struct ihv_host *h, const char *path,
			      struct ihv_plugin_exports *ex, char *err, size_t err_len)
{
	h->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h->dl) {
		plugin_err_set(err, err_len, "dlopen %s: %s", path, dlerror());
		return -1;
	}
	/* contract rule 1: exactly these names, resolved by name */
	ex->get_version = (DOT11EXTIHV_GET_VERSION_INFO)dlsym(h->dl, IHV_VERSION_FUNCTION_NAME);
	if (!ex->get_version) {
		plugin_err_set(err, err_len, "%s not exported (contract rule 1)",
			IHV_VERSION_FUNCTION_NAME);
		return -1;
	}
	ex->init_service = (DOT11EXTIHV_INIT_SERVICE)dlsym(h->dl, IHV_INIT_FUNCTION_NAME);
	if (!ex->init_service) {
		plugin_err_set(err, err_len, "%s not exported (contract rule 1)",
			IHV_INIT_FUNCTION_NAME);
		return -1;
	}
	ex->init_vs = (DOT11EXTIHV_INIT_VIRTUAL_STATION)dlsym(h->dl, IHV_INIT_VS_FUNCTION_NAME);
	/* ihvlinux.h: optional, resolved by name like InitVirtualStation */
	h->reason_text = (DOT11EXTIHV_LINUX_REASON_TEXT)dlsym(h->dl,
							      IHV_LINUX_REASON_TEXT_FUNCTION_NAME);
	return 0;
}

/* A failed step in isolated mode: add what happened to the process, if it died. */
static void plugin_err_fault(const struct ihv_host *h, char *err, size_t err_len)
{
	size_t n;

	if (!h->iso || !h->iso->dead || !err || !err_len)
		return;
	n = strlen(err);
	if (n < err_len)
		snprintf(err + n, err_len - n, ": the plugin crashed %s", h->iso->why);
}

struct ihv_host *ihv_host_new(const struct ihv_host_params *p, char *err,
			      size_t err_len)
{
	DOT11EXTIHV_GET_VERSION_INFO get_version;
	DOT11EXTIHV_INIT_SERVICE init_service;
	DOT11EXTIHV_INIT_VIRTUAL_STATION init_vs;
	DOT11_IHV_VERSION_INFO vi;
	DOT11EXT_APIS apis;
	DOT11EXT_LINUX_APIS lx;
	DOT11EXT_VIRTUAL_STATION_APIS vs;
	struct ihv_plugin_exports ex = { 0 };
	struct ihv_call save;
	struct ihv_host *h;
	void **table;
	DWORD rc;
	int i;

	if (!p || !p->loop || !p->drv || !p->drv->ops || !p->plugin_path) {
		plugin_err_set(err, err_len, "invalid parameters");
		return NULL;
	}
	h = calloc(1, sizeof(*h));
	if (!h || !(h->path = strdup(p->plugin_path))) {
		free(h);
		plugin_err_set(err, err_len, "out of memory");
		return NULL;
	}
	h->loop = p->loop;
	h->drv = p->drv;
	h->pre_timeout_ms = p->preassoc_timeout_ms ? p->preassoc_timeout_ms :
			    IHV_DEFAULT_PRE_TIMEOUT_MS;
	h->post_timeout_ms = p->postassoc_timeout_ms ? p->postassoc_timeout_ms :
			     IHV_DEFAULT_POST_TIMEOUT_MS;
	h->assoc_timeout_ms = IHV_DEFAULT_ASSOC_TIMEOUT_MS;
	h->loop_thread = pthread_self();
	ihv_registry_label_set(h, p->plugin_path); /* fixed from here on */

	if (p->isolated) {
		/* issue 11: ihvd-plugin-host loads it; the proxy stands in for the exports */
		h->iso = ihv_isolate_open(h, p, &ex, err, err_len);
		if (!h->iso)
			goto fail;
	} else if (plugin_open_inline(h, p->plugin_path, &ex, err, err_len) < 0) {
		goto fail;
	}
	get_version = ex.get_version;
	init_service = ex.init_service;
	init_vs = ex.init_vs;

	ihv_lock();
	h->id = ihv_next_id();
	ihv_host_register(h);
	ihv_unlock();

	/* contract rule 2: GetVersionInfo first */
	memset(&vi, 0, sizeof(vi));
	ihv_call_enter(h, NULL, IHV_IN_OTHER, &save);
	rc = get_version(&vi);
	ihv_call_leave(h, NULL, &save);
	if (rc != ERROR_SUCCESS) {
		plugin_err_set(err, err_len, "%s failed: error %u", IHV_VERSION_FUNCTION_NAME, rc);
		plugin_err_fault(h, err, err_len);
		goto fail;
	}
	if (vi.dwVerMin > 0 || vi.dwVerMax < vi.dwVerMin) {
		plugin_err_set(err, err_len,
			"version range [%u, %u] does not include interface version 0 (contract §2)",
			vi.dwVerMin, vi.dwVerMax);
		goto fail;
	}

	/* contract rule 3: a fully populated table; the plugin copies it (contract §3.2) */
	apis = ihv_service_apis;
	lx = ihv_linux_apis;
	table = (void **)&apis;
	for (i = 0; i < 22; i++)
		if (!table[i])
			abort(); /* our own bug: never hand out a hole */
	memset(&h->hd, 0, sizeof(h->hd));
	ihv_lock();
	h->service_up = true; /* AllocateBuffer is legal from InitService on (contract rule 10) */
	ihv_unlock();
	ihv_call_enter(h, NULL, IHV_IN_OTHER, &save);
	rc = init_service(0, &apis, &lx, &h->hd);
	ihv_call_leave(h, NULL, &save);
	if (rc != ERROR_SUCCESS) {
		plugin_err_set(err, err_len, "%s failed: error %u", IHV_INIT_FUNCTION_NAME, rc);
		plugin_err_fault(h, err, err_len);
		goto fail;
	}
	/* contract rule 4: all 19 handlers */
	table = (void **)&h->hd;
	for (i = 0; i < 19; i++) {
		if (table[i])
			continue;
		plugin_err_set(err, err_len, "handler %d (%s) is NULL (contract rule 4)", i,
			plugin_handler_names[i]);
		if (h->hd.Dot11ExtIhvDeinitService) {
			ihv_call_enter(h, NULL, IHV_IN_OTHER, &save);
			h->hd.Dot11ExtIhvDeinitService();
			ihv_call_leave(h, NULL, &save);
		}
		goto fail;
	}
	/* contract rule 5: InitVirtualStation after InitService, before any InitAdapter */
	if (init_vs) {
		vs = ihv_vs_apis;
		ihv_call_enter(h, NULL, IHV_IN_OTHER, &save);
		rc = init_vs(&vs, NULL);
		ihv_call_leave(h, NULL, &save);
		if (rc != ERROR_SUCCESS)
			log_warn("%s: %s failed: error %u (ignored: optional)", h->name,
				 IHV_INIT_VS_FUNCTION_NAME, rc);
	}
	if (h->iso && h->iso->dead) {
		plugin_err_set(err, err_len, "the plugin crashed while loading %s", h->iso->why);
		goto fail;
	}
	if (h->iso)
		h->iso->loaded = true;
	log_info("plugin %s loaded from %s (interface version 0%s)", h->name, h->path,
		 h->iso ? ", isolated in ihvd-plugin-host" : "");
	return h;
fail:
	log_err("plugin %s refused: %s", p->plugin_path, err ? err : "");
	plugin_host_discard(h);
	return NULL;
}

void ihv_host_free(struct ihv_host *h)
{
	struct ihv_call save;
	struct ihv_deferred_event *d;

	if (!h)
		return;
	/* contract rule 7: DeinitAdapter for every adapter first */
	while (h->adapters)
		ihv_adapter_free(h->adapters);
	ihv_call_enter(h, NULL, IHV_IN_OTHER, &save);
	h->hd.Dot11ExtIhvDeinitService();
	ihv_call_leave(h, NULL, &save);
	ihv_lock();
	h->service_up = false; /* contract rule 8: nothing after DeinitService */
	ihv_host_unregister(h);
	ihv_unlock();
	ihv_host_timers_free(h);
	while (h->udata) {
		struct ihv_udata *u = h->udata;

		h->udata = u->next;
		if (u->data)
			explicit_bzero(u->data, u->len);
		free(u->data);
		free(u);
	}
	while ((d = h->deferred_head)) {
		h->deferred_head = d->next;
		free(d->a);
		free(d->b);
		free(d);
	}
	if (h->outstanding_buffers)
		log_warn("plugin %s: %lu Dot11ExtAllocateBuffer buffers not freed by DeinitService",
			 h->name, h->outstanding_buffers);
	log_info("plugin %s unloaded", h->name);
	if (h->dl)
		dlclose(h->dl);
	ihv_isolate_close(h->iso);
	free(h->path);
	free(h);
}

const char *ihv_host_plugin_name(const struct ihv_host *h)
{
	return h ? h->name : "";
}

unsigned ihv_host_plugin_crashes(const struct ihv_host *h)
{
	return h && h->iso ? h->iso->crashes_total : 0;
}

int ihv_host_plugin_pid(const struct ihv_host *h)
{
	return h && h->iso && !h->iso->dead ? (int)h->iso->pid : 0;
}

int ihv_host_reason_text(const struct ihv_host *h, uint32_t reason_code,
			 char *buf, size_t len)
{
	DWORD rc;

	if (!h || !buf || len < 2 || len > UINT32_MAX)
		return -ENOENT;
	buf[0] = '\0';
	if (h->iso)
		return ihv_isolate_reason_text(h->iso, reason_code, buf, len);
	if (!h->reason_text)
		return -ENOENT;
	rc = h->reason_text(reason_code, buf, (DWORD)len);
	buf[len - 1] = '\0'; /* never trust the plugin to terminate */
	if (rc != ERROR_SUCCESS || !buf[0])
		return -ENOENT;
	return 0;
}
