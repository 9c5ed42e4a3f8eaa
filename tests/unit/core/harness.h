/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test harness for the contract host: the real host core over the simulated
 * driver, with a purpose-built plugin from $IHVD_BUILD/tests/plugins.
 * Header-only; each test program includes it once.
 */
#ifndef IHVD_TESTS_HOST_HARNESS_H
#define IHVD_TESTS_HOST_HARNESS_H

#include <check.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "core/bss-list.h"
#include "core/ihv-core.h"
#include "core/ihv-host.h"
#include "core/registry.h"
#include "common/log.h"
#include "common/loop.h"
#include "tests/plugins/tp.h"
#include "tests/sim/sim-drv.h"

#define HX_IFINDEX 3
#define HX_IFINDEX2 4

static const uint8_t hx_sta_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
static const uint8_t hx_sta_mac2[6] = { 0x02, 0x00, 0x00, 0x00, 0x02, 0x00 };
static const uint8_t hx_ap_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t hx_ap2_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

/* The AP's probe response IEs: SSID "ihvd-test", rates, RSNE (PSK, CCMP). */
static const uint8_t hx_ap_ies[] = {
	0x00, 0x09, 'i', 'h', 'v', 'd', '-', 't', 'e', 's', 't',
	0x01, 0x04, 0x82, 0x84, 0x8b, 0x96,
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
	0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};
static const uint8_t hx_resp_ies[] = { 0x01, 0x04, 0x82, 0x84, 0x8b, 0x96,
				       0xdd, 0x07, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x01, 0x00 };

struct hx_ended {
	enum ihv_phase phase;
	uint32_t reason, win32;
	uint16_t ieee;
};

struct hx {
	struct loop *loop;
	struct sim_drv *sim;
	struct ihv_host *h;
	struct ihv_adapter *a;
	void *dl;
	struct tp_state *tp;
	char err[256];
	int n_authorized;
	int completions_at_authorized; /* the plugin's SendPacketCompletions when told */
	int n_ended;
	struct hx_ended ended;
	int n_ui;
	uint8_t ui_guid[4][16];
	char ui_text[4][128];
	int n_notify;
	uint32_t notify_code;
	uint8_t notify_data[16];
	size_t notify_len;
	char milestones[512];
	uint64_t milestone_us[8]; /* by enum ihv_phase: when the phase began */
	const struct ihv_onex_config *onex; /* handed with the connect request */
	int n_onex_ev;
	char onex_ev[512];                  /* "started:PEAP method:PEAP failure:..." */
	char shm[128];          /* isolated mode: the file tp_state is shared through */
	unsigned n_crashed;
	char crashed_what[384];
};

static char hx_logbuf[65536];

static inline void hx_log_hook(void *ctx, enum log_level level, const char *line)
{
	size_t n = strlen(hx_logbuf);

	(void)ctx;
	(void)level;
	snprintf(hx_logbuf + n, sizeof(hx_logbuf) - n, "%s\n", line);
}

static inline int hx_log_has(const char *s)
{
	return strstr(hx_logbuf, s) != NULL;
}

static const char *hx_build_dir(void)
{
	const char *b = getenv("IHVD_BUILD");

	return b && *b ? b : "build";
}

static inline void hx_plugin_path(const char *name, char *out, size_t len)
{
	snprintf(out, len, "%s/tests/plugins/%s.so", hx_build_dir(), name);
}

/*
 * The mode the conformance programs run in: IHVD_PLUGIN_ISOLATION=isolated
 * puts the plugin in ihvd-plugin-host (issue 11; scripts/run-unit runs them
 * once inline and once isolated).
 */
static inline bool hx_isolated(void)
{
	const char *m = getenv("IHVD_PLUGIN_ISOLATION");

	return m && !strcmp(m, "isolated");
}

/* Isolated mode: map one file over tp_state here and (its constructor) in the host. */
static inline void hx_share_state(struct hx *x)
{
	static unsigned n;
	int fd;

	snprintf(x->shm, sizeof(x->shm), "/tmp/ihvd-tp-%d-%u", (int)getpid(), n++);
	fd = open(x->shm, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	ck_assert_msg(fd >= 0, "%s: %s", x->shm, strerror(errno));
	ck_assert_int_eq(fchmod(fd, 0666), 0); /* the plugin runs as plugin_user */
	ck_assert_int_eq(write(fd, x->tp, TP_STATE_SIZE), (ssize_t)TP_STATE_SIZE);
	ck_assert_ptr_ne(mmap(x->tp, TP_STATE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_FIXED, fd, 0), MAP_FAILED);
	close(fd);
	setenv("IHVD_TP_SHM", x->shm, 1);
}

/* dlopen the plugin first so the test can set its knobs (same globals). */
static inline void hx_open(struct hx *x, const char *plugin)
{
	char path[512];

	memset(x, 0, sizeof(*x));
	/* a nested host lock or a foreign unlock aborts the test */
	ihv_registry_lock_checked();
	hx_logbuf[0] = 0;
	log_hook_set(hx_log_hook, NULL);
	log_level_set(LOG_LEVEL_DEBUG);
	hx_plugin_path(plugin, path, sizeof(path));
	unsetenv("IHVD_TP_SHM");
	x->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	ck_assert_msg(x->dl != NULL, "dlopen %s: %s", path, dlerror());
	x->tp = dlsym(x->dl, "tp_state_page");
	if (x->tp && hx_isolated())
		hx_share_state(x);
	x->loop = loop_new();
	x->sim = sim_drv_new();
	sim_drv_iface_add(x->sim, HX_IFINDEX, "wlan0", hx_sta_mac);
	sim_drv_iface_add(x->sim, HX_IFINDEX2, "wlan1", hx_sta_mac2);
}

static inline void hx_drv_event(void *ctx, const struct drv_event *ev)
{
	struct hx *x = ctx;

	if (x->h)
		ihv_host_drv_event(x->h, ev);
}

static void hx_crashed(void *ctx, const char *plugin, const char *what, unsigned crashes,
		       bool gave_up)
{
	struct hx *x = ctx;

	(void)plugin;
	(void)gave_up;
	x->n_crashed = crashes;
	snprintf(x->crashed_what, sizeof(x->crashed_what), "%s", what);
}

/* The host's parameters for plugin; path and host (512 each) hold its strings. */
static void hx_params(struct hx *x, const char *plugin, uint32_t pre_ms, uint32_t post_ms,
		      struct ihv_host_params *p, char *path, char *host)
{
	hx_plugin_path(plugin, path, 512);
	memset(p, 0, sizeof(*p));
	p->loop = x->loop;
	p->drv = sim_drv_base(x->sim);
	p->plugin_path = path;
	p->preassoc_timeout_ms = pre_ms;
	p->postassoc_timeout_ms = post_ms;
	p->isolated = hx_isolated();
	snprintf(host, 512, "%s/ihvd-plugin-host", hx_build_dir());
	p->plugin_host_path = host;
	p->handler_timeout_ms = 2000;
	p->crashed = hx_crashed;
	p->crash_ctx = x;
}

static struct ihv_host *hx_host(struct hx *x, const char *plugin, uint32_t pre_ms,
				uint32_t post_ms)
{
	struct ihv_host_params p;
	char path[512], host[512];

	hx_params(x, plugin, pre_ms, post_ms, &p, path, host);
	x->h = ihv_host_new(&p, x->err, sizeof(x->err));
	sim_drv_event_cb_set(x->sim, hx_drv_event, x);
	return x->h;
}

static void ev_authorized(void *ctx)
{
	struct hx *x = ctx;

	x->n_authorized++;
	if (x->tp) /* shared with the plugin host when isolated (hx_share_state) */
		x->completions_at_authorized = x->tp->n_completions;
}

static void ev_ended(void *ctx, enum ihv_phase phase, uint32_t reason, uint32_t win32,
		     uint16_t ieee)
{
	struct hx *x = ctx;

	x->n_ended++;
	x->ended.phase = phase;
	x->ended.reason = reason;
	x->ended.win32 = win32;
	x->ended.ieee = ieee;
}

static void ev_ui(void *ctx, const uint8_t guid[16], const char *text)
{
	struct hx *x = ctx;

	if (x->n_ui < 4) {
		memcpy(x->ui_guid[x->n_ui], guid, 16);
		snprintf(x->ui_text[x->n_ui], sizeof(x->ui_text[0]), "%s", text);
	}
	x->n_ui++;
}

static void ev_milestone(void *ctx, enum ihv_phase phase, uint64_t t_us)
{
	struct hx *x = ctx;
	size_t n = strlen(x->milestones);

	if (phase < sizeof(x->milestone_us) / sizeof(x->milestone_us[0]))
		x->milestone_us[phase] = t_us;
	snprintf(x->milestones + n, sizeof(x->milestones) - n, "%s%s", n ? "," : "",
		 ihv_phase_str(phase));
}

static void ev_notify(void *ctx, uint32_t code, const uint8_t *data, size_t len)
{
	struct hx *x = ctx;

	x->n_notify++;
	x->notify_code = code;
	x->notify_len = len;
	memcpy(x->notify_data, data, len < 16 ? len : 16);
}

static void ev_onex(void *ctx, enum ihv_onex_event what, const char *text)
{
	static const char *const names[] = { "started", "method", "success", "failure",
					     "unverified" };
	struct hx *x = ctx;
	size_t n = strlen(x->onex_ev);

	x->n_onex_ev++;
	snprintf(x->onex_ev + n, sizeof(x->onex_ev) - n, "%s%s:%s", n ? " " : "",
		 (unsigned)what < 5 ? names[what] : "?", text);
}

static const struct ihv_adapter_events hx_events = {
	.authorized = ev_authorized,
	.ended = ev_ended,
	.ui_request = ev_ui,
	.milestone = ev_milestone,
	.notification = ev_notify,
	.onex = ev_onex,
};

static struct ihv_adapter *hx_adapter(struct hx *x, uint32_t ifindex)
{
	return ihv_adapter_new(x->h, ifindex, ifindex == HX_IFINDEX ? "wlan0" : "wlan1",
			       &hx_events, x);
}

/* Load plugin and bring up wlan0. */
static inline void hx_start_t(struct hx *x, const char *plugin, uint32_t pre_ms, uint32_t post_ms)
{
	ck_assert_msg(hx_host(x, plugin, pre_ms, post_ms) != NULL, "host: %s", x->err);
	x->a = hx_adapter(x, HX_IFINDEX);
	ck_assert_ptr_nonnull(x->a);
}

static inline void hx_start(struct hx *x, const char *plugin)
{
	hx_start_t(x, plugin, 0, 0);
}

/* Run the loop until nothing happens for idle_ms (max total ms). */
static inline void hx_run(struct hx *x, int idle_ms)
{
	int i;

	for (i = 0; i < 1000; i++)
		if (loop_run_once(x->loop, idle_ms) == 0)
			break;
}

static inline void hx_run_ms(struct hx *x, int ms)
{
	uint64_t end = loop_now_us() + (uint64_t)ms * 1000u;

	while (loop_now_us() < end)
		loop_run_once(x->loop, 10);
}

static struct drv_bss hx_bss_storage[2];

static inline void hx_connect_n(struct hx *x, size_t n)
{
	static const struct drv_bss *list[2];
	struct ihv_connect_request req;

	memset(hx_bss_storage, 0, sizeof(hx_bss_storage));
	memcpy(hx_bss_storage[0].bssid, hx_ap_mac, 6);
	hx_bss_storage[0].freq = 2412;
	hx_bss_storage[0].signal_mbm = -4000;
	hx_bss_storage[0].capability = 0x0411;
	hx_bss_storage[0].beacon_interval = 100;
	hx_bss_storage[0].tsf = 0x1122334455ull;
	hx_bss_storage[0].ies = hx_ap_ies;
	hx_bss_storage[0].ies_len = sizeof(hx_ap_ies);
	hx_bss_storage[1] = hx_bss_storage[0];
	memcpy(hx_bss_storage[1].bssid, hx_ap2_mac, 6);
	hx_bss_storage[1].freq = 2437;
	hx_bss_storage[1].signal_mbm = -7000;
	hx_bss_storage[1].ies_len = 11; /* SSID only */
	list[0] = &hx_bss_storage[0];
	list[1] = &hx_bss_storage[1];
	memset(&req, 0, sizeof(req));
	req.ssid = (const uint8_t *)"ihvd-test";
	req.ssid_len = 9;
	req.bss = list;
	req.n_bss = n;
	req.connectivity_xml = "<IHV><conn/></IHV>";
	req.security_xml = "<IHV><psk>secret</psk></IHV>";
	req.onex = x->onex;
	ck_assert_int_eq(ihv_adapter_connect(x->a, &req), 0);
}

static inline void hx_connect(struct hx *x)
{
	hx_connect_n(x, 2);
}

/* Answer the CONNECT the host issued with a successful association. */
static inline void hx_associate(struct hx *x)
{
	const struct sim_call *c = sim_drv_last(x->sim, SIM_OP_CONNECT);

	ck_assert_ptr_nonnull(c);
	sim_drv_inject_connect(x->sim, HX_IFINDEX, 0, hx_ap_mac, 2412, c->ies, c->ies_len,
			       hx_resp_ies, sizeof(hx_resp_ies));
}

static inline void hx_eapol(struct hx *x, const char *payload, bool unencrypted)
{
	sim_drv_inject_eapol(x->sim, HX_IFINDEX, hx_ap_mac, 0x888e,
			     (const uint8_t *)payload, strlen(payload), unencrypted);
}

/* Through pre-association and association: PerformPostAssociate has run. */
static inline void hx_to_port(struct hx *x)
{
	hx_connect(x);
	hx_run(x, 5);
	hx_associate(x);
	hx_run(x, 5);
}

/* Through pre-association, association, a 2-frame exchange: authorized. */
static inline void hx_authorize(struct hx *x)
{
	hx_to_port(x);
	hx_eapol(x, "msg1", true);
	hx_run(x, 5);
	hx_eapol(x, "msg3", true);
	hx_run(x, 5);
	ck_assert_int_eq(x->n_authorized, 1);
}

static inline void hx_stop(struct hx *x)
{
	if (x->h)
		ihv_host_free(x->h);
	x->h = NULL;
	x->a = NULL;
	hx_run(x, 1);
	sim_drv_free(x->sim);
	loop_free(x->loop);
	if (x->dl)
		dlclose(x->dl);
	if (x->shm[0])
		unlink(x->shm);
	log_hook_set(NULL, NULL);
}

static inline int hx_count(const char *hay, const char *needle)
{
	int n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle))) {
		n++;
		p += strlen(needle);
	}
	return n;
}

#endif
