// SPDX-License-Identifier: BSD-3-Clause
/*
 * One world: the real contract host with the plugin, over the simulated
 * adapter, and the AP's side of it: the network the verifier connects to,
 * association results, frames and link loss.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "verify/verify.h"

#define WORLD_SSID "ihv-verify"

static const uint8_t world_ap[DRV_ETH_ALEN] = { 0x02, 0x76, 0x65, 0x72, 0x0a, 0x01 };

/*
 * The AP's Probe Response IEs: SSID, Supported Rates, and an RSNE for
 * WPA2-Personal (IEEE 802.11-2020 9.4.2.25: version 1, group CCMP-128, one
 * pairwise CCMP-128, one AKM 00-0F-AC:2 PSK, capabilities 0).
 */
static const uint8_t world_ap_ies[] = {
	0x00, 0x0a, 'i', 'h', 'v', '-', 'v', 'e', 'r', 'i', 'f', 'y',
	0x01, 0x04, 0x82, 0x84, 0x8b, 0x96,
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
	0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};
/* The Association Response's IEs: Supported Rates. */
static const uint8_t world_resp_ies[] = { 0x01, 0x04, 0x82, 0x84, 0x8b, 0x96 };

static void world_crashed(void *ctx, const char *plugin, const char *what, unsigned crashes,
			  bool gave_up)
{
	struct verify_world *w = ctx;

	(void)plugin;
	(void)gave_up;
	w->crashes = crashes;
	snprintf(w->crash, sizeof(w->crash), "%s", what);
}

int verify_world_open(struct verify_world *w, const struct verify_opts *o)
{
	struct ihv_host_params p;

	memset(w, 0, sizeof(*w));
	w->o = o;
	w->loop = loop_new();
	if (!w->loop) {
		snprintf(w->err, sizeof(w->err), "out of memory");
		return -1;
	}
	verify_sim_init(&w->sim);
	memset(&p, 0, sizeof(p));
	p.loop = w->loop;
	p.drv = &w->sim.base;
	p.plugin_path = o->plugin;
	p.preassoc_timeout_ms = o->timeout_ms;
	/* the post-association is never waited for to its end: the AP has no keys */
	p.postassoc_timeout_ms = 600000;
	p.isolated = o->isolated;
	p.plugin_host_path = o->plugin_host;
	p.handler_timeout_ms = o->timeout_ms;
	p.crashed = world_crashed;
	p.crash_ctx = w;
	w->h = ihv_host_new(&p, w->err, sizeof(w->err));
	return w->h ? 0 : -1;
}

void verify_world_close(struct verify_world *w)
{
	unsigned i;

	if (w->h) {
		for (i = 0; i < VERIFY_IF_MAX; i++)
			w->ad[i].a = NULL; /* ihv_host_free deinitialises them (rule 7) */
		ihv_host_free(w->h);
		w->h = NULL;
	}
	if (w->loop) {
		/* nothing of the plugin may run now (contract rule 6): give it the chance */
		verify_run_idle(w, 20);
		loop_free(w->loop);
		w->loop = NULL;
	}
}

static void world_ev_ended(void *ctx, enum ihv_phase phase, uint32_t reason, uint32_t win32,
		     uint16_t ieee)
{
	struct verify_adapter *v = ctx;

	(void)reason;
	(void)ieee;
	v->ended++;
	v->ended_phase = phase;
	v->ended_win32 = win32;
}

static void world_ev_ui_request(void *ctx, const uint8_t guid[16], const char *text)
{
	struct verify_adapter *v = ctx;

	(void)text;
	memcpy(v->ui_guid[v->ui_requests % 4], guid, 16);
	v->ui_requests++;
}

static const struct ihv_adapter_events world_events = {
	.ended = world_ev_ended,
	.ui_request = world_ev_ui_request,
};

int verify_adapter_up(struct verify_world *w, unsigned i)
{
	struct verify_adapter *v = &w->ad[i];
	const struct verify_sim_if *f = &w->sim.ifs[i];

	memset(v, 0, sizeof(*v));
	v->w = w;
	v->ifindex = f->ifindex;
	v->ifname = f->ifname;
	v->a = ihv_adapter_new(w->h, v->ifindex, v->ifname, &world_events, v);
	return v->a ? 0 : -1;
}

void verify_adapter_down(struct verify_world *w, unsigned i)
{
	if (w->ad[i].a)
		ihv_adapter_free(w->ad[i].a);
	w->ad[i].a = NULL;
}

int verify_connect(struct verify_adapter *v)
{
	static struct drv_bss bss;
	static const struct drv_bss *list[1] = { &bss };
	struct ihv_connect_request req;

	memset(&bss, 0, sizeof(bss));
	memcpy(bss.bssid, world_ap, DRV_ETH_ALEN);
	bss.freq = 2412;
	bss.signal_mbm = -4500;
	bss.capability = 0x0411; /* ESS, Privacy, Short Slot Time */
	bss.beacon_interval = 100;
	bss.ies = world_ap_ies;
	bss.ies_len = sizeof(world_ap_ies);
	bss.ies_from_probe = true;
	memset(&req, 0, sizeof(req));
	req.ssid = (const uint8_t *)WORLD_SSID;
	req.ssid_len = strlen(WORLD_SSID);
	req.bss = list;
	req.n_bss = 1;
	req.connectivity_xml = v->w->o->conn_xml;
	req.security_xml = v->w->o->sec_xml;
	return ihv_adapter_connect(v->a, &req);
}

void verify_run_idle(struct verify_world *w, int idle_ms)
{
	int i;

	for (i = 0; i < 2000; i++)
		if (loop_run_once(w->loop, idle_ms) == 0)
			break;
}

bool verify_wait_connect(struct verify_adapter *v, unsigned n, uint32_t ms)
{
	const struct verify_sim_if *f = verify_sim_if_get(&v->w->sim, v->ifindex);
	uint64_t end = loop_now_us() + (uint64_t)ms * 1000u;
	unsigned ended = v->ended;

	while (f->connects < n && v->ended == ended && loop_now_us() < end)
		loop_run_once(v->w->loop, 5);
	return f->connects >= n;
}

enum ihv_phase verify_phase(const struct verify_adapter *v)
{
	struct ihv_adapter_status st;

	if (!v->a)
		return IHV_PHASE_IDLE;
	ihv_adapter_status_get(v->a, &st);
	return st.phase;
}

void verify_associate(struct verify_adapter *v)
{
	const struct verify_sim_if *f = verify_sim_if_get(&v->w->sim, v->ifindex);
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_CONNECT_RESULT;
	ev.ifindex = v->ifindex;
	memcpy(ev.connect.bssid, world_ap, DRV_ETH_ALEN);
	ev.connect.freq = 2412;
	ev.connect.req_ies = f->ies_len ? f->ies : NULL;
	ev.connect.req_ies_len = f->ies_len;
	ev.connect.resp_ies = world_resp_ies;
	ev.connect.resp_ies_len = sizeof(world_resp_ies);
	ihv_host_drv_event(v->w->h, &ev);
}

void verify_link_lost(struct verify_adapter *v)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_DISCONNECTED;
	ev.ifindex = v->ifindex;
	ev.disconnect.reason = 3; /* IEEE 802.11-2020 Table 9-49: the AP is leaving */
	ev.disconnect.by_ap = true;
	ihv_host_drv_event(v->w->h, &ev);
}

void verify_frame(struct verify_adapter *v, uint16_t ethertype, const uint8_t *body,
		  size_t len)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_EAPOL_RX;
	ev.ifindex = v->ifindex;
	memcpy(ev.eapol.src, world_ap, DRV_ETH_ALEN);
	ev.eapol.ethertype = ethertype;
	ev.eapol.frame = body;
	ev.eapol.len = len;
	ev.eapol.unencrypted = true;
	ihv_host_drv_event(v->w->h, &ev);
}

void verify_frame_msg1(struct verify_adapter *v, uint64_t replay)
{
	/*
	 * IEEE 802.1X-2020 11.3: version 2, type 3 (EAPOL-Key), body length 95;
	 * IEEE 802.11-2020 12.7.2: descriptor 2 (RSN), Key Information 0x008a
	 * (version 2: HMAC-SHA1/AES, Pairwise, Key Ack), Key Length 16, the
	 * replay counter, an ANonce, then IV, RSC, reserved, MIC zero and no Key
	 * Data: message 1 of the 4-way handshake (12.7.6.2).
	 */
	uint8_t f[4 + 95];
	int i;

	memset(f, 0, sizeof(f));
	f[0] = 2;
	f[1] = 3;
	f[3] = 95;
	f[4] = 2;
	f[5] = 0x00;
	f[6] = 0x8a;
	f[8] = 16;
	for (i = 0; i < 8; i++)
		f[9 + i] = (uint8_t)(replay >> (56 - 8 * i));
	for (i = 0; i < 32; i++)
		f[17 + i] = (uint8_t)(0xa0 + i + replay);
	verify_frame(v, 0x888e, f, sizeof(f));
}
