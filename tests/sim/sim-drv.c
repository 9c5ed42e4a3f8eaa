// SPDX-License-Identifier: BSD-3-Clause
/* The simulated driver (see sim-drv.h). */
#include "tests/sim/sim-drv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIM_MAX_IFACES 8

struct sim_iface {
	uint32_t ifindex;
	char ifname[DRV_IFNAME_MAX];
	struct drv_capa capa;
};

struct sim_drv {
	struct drv base; /* first: the host reaches the ops through it */
	struct sim_iface ifaces[SIM_MAX_IFACES];
	size_t n_ifaces;
	drv_event_cb cb;
	void *cb_ctx;
	int fail_err[SIM_OP_COUNT];
	int fail_n[SIM_OP_COUNT];
	struct sim_call *calls;
	size_t n_calls, cap_calls;
	sim_tx_hook tx_hook;
	void *tx_hook_ctx;
	uint8_t *vendor_reply;
	size_t vendor_reply_len;
	uint64_t cookie;
};

static struct sim_drv *sim_of(struct drv *d)
{
	return (struct sim_drv *)d;
}

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
	uint8_t *d;

	if (!p || !n)
		return NULL;
	d = malloc(n);
	if (!d)
		abort();
	memcpy(d, p, n);
	return d;
}

static struct sim_call *record(struct sim_drv *s, enum sim_op op, uint32_t ifindex)
{
	struct sim_call *c;

	if (s->n_calls == s->cap_calls) {
		size_t cap = s->cap_calls ? s->cap_calls * 2 : 64;
		struct sim_call *n = realloc(s->calls, cap * sizeof(*n));

		if (!n)
			abort();
		s->calls = n;
		s->cap_calls = cap;
	}
	c = &s->calls[s->n_calls++];
	memset(c, 0, sizeof(*c));
	c->op = op;
	c->ifindex = ifindex;
	return c;
}

/* A failure configured for op, consumed. */
static int failing(struct sim_drv *s, enum sim_op op)
{
	if (!s->fail_err[op] || !s->fail_n[op])
		return 0;
	if (s->fail_n[op] > 0 && --s->fail_n[op] == 0) {
		int e = s->fail_err[op];

		s->fail_err[op] = 0;
		return -e;
	}
	return -s->fail_err[op];
}

static struct sim_iface *iface_find(struct sim_drv *s, uint32_t ifindex)
{
	size_t i;

	for (i = 0; i < s->n_ifaces; i++)
		if (s->ifaces[i].ifindex == ifindex)
			return &s->ifaces[i];
	return NULL;
}

static void op_free(struct drv *d)
{
	sim_drv_free(sim_of(d));
}

static int op_iface_list(struct drv *d, drv_iface_cb cb, void *ctx)
{
	struct sim_drv *s = sim_of(d);
	size_t i;

	record(s, SIM_OP_IFACE_LIST, 0);
	for (i = 0; i < s->n_ifaces; i++)
		cb(ctx, s->ifaces[i].ifindex, s->ifaces[i].ifname);
	return failing(s, SIM_OP_IFACE_LIST);
}

static int op_capa_get(struct drv *d, uint32_t ifindex, struct drv_capa *capa)
{
	struct sim_drv *s = sim_of(d);
	struct sim_iface *i = iface_find(s, ifindex);
	int r;

	record(s, SIM_OP_CAPA_GET, ifindex);
	r = failing(s, SIM_OP_CAPA_GET);
	if (r)
		return r;
	if (!i)
		return -ENODEV;
	*capa = i->capa;
	return 0;
}

static int op_eapol_path_set(struct drv *d, uint32_t ifindex, enum drv_eapol_path p)
{
	struct sim_drv *s = sim_of(d);

	(void)p;
	record(s, SIM_OP_EAPOL_PATH_SET, ifindex);
	return failing(s, SIM_OP_EAPOL_PATH_SET);
}

static int op_scan_trigger(struct drv *d, uint32_t ifindex,
			   const struct drv_scan_params *p)
{
	struct sim_drv *s = sim_of(d);

	(void)p;
	record(s, SIM_OP_SCAN_TRIGGER, ifindex);
	return failing(s, SIM_OP_SCAN_TRIGGER);
}

static int op_scan_results(struct drv *d, uint32_t ifindex, drv_bss_cb cb, void *ctx)
{
	struct sim_drv *s = sim_of(d);

	(void)cb;
	(void)ctx;
	record(s, SIM_OP_SCAN_RESULTS, ifindex);
	return failing(s, SIM_OP_SCAN_RESULTS);
}

static void sim_connect_record(struct sim_call *c, const struct drv_connect_params *p)
{
	if (p->ssid_len <= DRV_SSID_MAX) {
		memcpy(c->ssid, p->ssid, p->ssid_len);
		c->ssid_len = p->ssid_len;
	}
	if (p->bssid) {
		memcpy(c->bssid, p->bssid, DRV_ETH_ALEN);
		c->has_bssid = true;
	}
	c->freq = p->freq;
	c->ies = dup_bytes(p->ies, p->ies_len);
	c->ies_len = c->ies ? p->ies_len : 0;
	c->wpa_versions = p->wpa_versions;
	c->akm = p->akm_suite;
	c->pairwise = p->pairwise_cipher;
	c->group = p->group_cipher;
	c->mfp = p->mfp;
	c->control_port = p->control_port;
	c->control_port_ethertype = p->control_port_ethertype;
}

static int op_connect(struct drv *d, uint32_t ifindex, const struct drv_connect_params *p)
{
	struct sim_drv *s = sim_of(d);

	sim_connect_record(record(s, SIM_OP_CONNECT, ifindex), p);
	return failing(s, SIM_OP_CONNECT);
}

static int op_associate(struct drv *d, uint32_t ifindex, const struct drv_connect_params *p)
{
	struct sim_drv *s = sim_of(d);

	sim_connect_record(record(s, SIM_OP_ASSOCIATE, ifindex), p);
	return failing(s, SIM_OP_ASSOCIATE);
}

static int op_authenticate(struct drv *d, uint32_t ifindex, const struct drv_auth_params *p)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_AUTHENTICATE, ifindex);

	if (p->ssid_len <= DRV_SSID_MAX) {
		memcpy(c->ssid, p->ssid, p->ssid_len);
		c->ssid_len = p->ssid_len;
	}
	if (p->bssid) {
		memcpy(c->bssid, p->bssid, DRV_ETH_ALEN);
		c->has_bssid = true;
	}
	c->freq = p->freq;
	c->auth_algorithm = p->algorithm;
	c->frame = dup_bytes(p->data, p->data_len);
	c->frame_len = c->frame ? p->data_len : 0;
	return failing(s, SIM_OP_AUTHENTICATE);
}

static int op_disconnect(struct drv *d, uint32_t ifindex, uint16_t reason)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_DISCONNECT, ifindex);

	c->reason = reason;
	return failing(s, SIM_OP_DISCONNECT);
}

static int op_eapol_tx(struct drv *d, uint32_t ifindex, const uint8_t dst[DRV_ETH_ALEN],
		       uint16_t ethertype, const uint8_t *frame, size_t len,
		       bool no_encrypt, uint64_t *cookie)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_EAPOL_TX, ifindex);
	struct sim_call copy;
	int r;

	memcpy(c->dst, dst, DRV_ETH_ALEN);
	c->ethertype = ethertype;
	c->frame = dup_bytes(frame, len);
	c->frame_len = c->frame ? len : 0;
	c->no_encrypt = no_encrypt;
	if (cookie)
		*cookie = ++s->cookie;
	r = failing(s, SIM_OP_EAPOL_TX);
	if (!r && s->tx_hook) {
		copy = *c; /* the array may move during the hook */
		s->tx_hook(s->tx_hook_ctx, s, &copy);
	}
	return r;
}

static int op_key_new(struct drv *d, uint32_t ifindex, const struct drv_key *k)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_KEY_NEW, ifindex);

	c->key_type = k->type;
	c->cipher = k->cipher_suite;
	c->idx = k->idx;
	c->key = dup_bytes(k->key, k->key_len);
	c->key_len = c->key ? k->key_len : 0;
	if (k->seq && k->seq_len <= sizeof(c->seq)) {
		memcpy(c->seq, k->seq, k->seq_len);
		c->seq_len = k->seq_len;
	}
	if (k->addr) {
		memcpy(c->addr, k->addr, DRV_ETH_ALEN);
		c->has_addr = true;
	}
	c->set_default = k->set_default;
	return failing(s, SIM_OP_KEY_NEW);
}

static int op_key_del(struct drv *d, uint32_t ifindex, enum drv_key_type type,
		      uint16_t idx, const uint8_t *addr)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_KEY_DEL, ifindex);

	c->key_type = type;
	c->idx = idx;
	if (addr) {
		memcpy(c->addr, addr, DRV_ETH_ALEN);
		c->has_addr = true;
	}
	return failing(s, SIM_OP_KEY_DEL);
}

static int op_key_default_set(struct drv *d, uint32_t ifindex, uint16_t idx,
			      bool unicast, bool multicast, bool mgmt)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_KEY_DEFAULT_SET, ifindex);

	c->idx = idx;
	c->unicast = unicast;
	c->multicast = multicast;
	c->mgmt = mgmt;
	return failing(s, SIM_OP_KEY_DEFAULT_SET);
}

static int op_station_authorize(struct drv *d, uint32_t ifindex,
				const uint8_t addr[DRV_ETH_ALEN], bool authorized)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_STATION_AUTHORIZE, ifindex);

	memcpy(c->addr, addr, DRV_ETH_ALEN);
	c->has_addr = true;
	c->authorized = authorized;
	return failing(s, SIM_OP_STATION_AUTHORIZE);
}

static int op_vendor_cmd(struct drv *d, uint32_t ifindex, const uint8_t *in,
			 size_t in_len, uint8_t *out, size_t *out_len)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_VENDOR_CMD, ifindex);
	int r = failing(s, SIM_OP_VENDOR_CMD);

	c->frame = dup_bytes(in, in_len);
	c->frame_len = c->frame ? in_len : 0;
	if (r)
		return r;
	if (!s->vendor_reply)
		return -EOPNOTSUPP;
	if (*out_len < s->vendor_reply_len)
		return -ENOBUFS;
	if (out)
		memcpy(out, s->vendor_reply, s->vendor_reply_len);
	*out_len = s->vendor_reply_len;
	return 0;
}

static int op_ethertype_listen(struct drv *d, uint32_t ifindex, const uint16_t *types,
			       size_t n)
{
	struct sim_drv *s = sim_of(d);
	struct sim_call *c = record(s, SIM_OP_ETHERTYPE_LISTEN, ifindex);

	c->n_types = n < 32 ? n : 32;
	if (c->n_types)
		memcpy(c->types, types, c->n_types * sizeof(*types));
	return failing(s, SIM_OP_ETHERTYPE_LISTEN);
}

static const struct drv_ops sim_ops = {
	.name = "sim",
	.free = op_free,
	.iface_list = op_iface_list,
	.capa_get = op_capa_get,
	.eapol_path_set = op_eapol_path_set,
	.scan_trigger = op_scan_trigger,
	.scan_results = op_scan_results,
	.connect = op_connect,
	.disconnect = op_disconnect,
	.authenticate = op_authenticate,
	.associate = op_associate,
	.eapol_tx = op_eapol_tx,
	.key_new = op_key_new,
	.key_del = op_key_del,
	.key_default_set = op_key_default_set,
	.station_authorize = op_station_authorize,
	.vendor_cmd = op_vendor_cmd,
	.ethertype_listen = op_ethertype_listen,
};

struct sim_drv *sim_drv_new(void)
{
	struct sim_drv *s = calloc(1, sizeof(*s));

	if (!s)
		abort();
	s->base.ops = &sim_ops;
	return s;
}

struct drv *sim_drv_base(struct sim_drv *s)
{
	return &s->base;
}

static void call_free(struct sim_call *c)
{
	free(c->ies);
	free(c->frame);
	if (c->key) {
		memset(c->key, 0, c->key_len);
		free(c->key);
	}
}

void sim_drv_calls_clear(struct sim_drv *s)
{
	size_t i;

	for (i = 0; i < s->n_calls; i++)
		call_free(&s->calls[i]);
	s->n_calls = 0;
}

void sim_drv_free(struct sim_drv *s)
{
	if (!s)
		return;
	sim_drv_calls_clear(s);
	free(s->calls);
	free(s->vendor_reply);
	free(s);
}

void sim_drv_iface_add(struct sim_drv *s, uint32_t ifindex, const char *ifname,
		       const uint8_t mac[DRV_ETH_ALEN])
{
	static const uint32_t ciphers[] = {
		0x000fac01, 0x000fac05, 0x000fac02, 0x000fac04, 0x000fac06,
		0x000fac08, 0x000fac09, 0x000fac0a, 0x000fac0b, 0x000fac0c, 0x000fac0d,
	};
	struct sim_iface *i;

	if (s->n_ifaces == SIM_MAX_IFACES)
		abort();
	i = &s->ifaces[s->n_ifaces++];
	memset(i, 0, sizeof(*i));
	i->ifindex = ifindex;
	snprintf(i->ifname, sizeof(i->ifname), "%s", ifname);
	i->capa.wiphy = (uint32_t)s->n_ifaces - 1;
	memcpy(i->capa.mac, mac, DRV_ETH_ALEN);
	snprintf(i->capa.ifname, sizeof(i->capa.ifname), "%s", ifname);
	memcpy(i->capa.ciphers, ciphers, sizeof(ciphers));
	i->capa.n_ciphers = sizeof(ciphers) / sizeof(ciphers[0]);
	i->capa.control_port_over_nl80211 = true;
	i->capa.supports_connect = true;
	i->capa.supports_auth_assoc = true;
	i->capa.sae = true;
	i->capa.max_scan_ssids = 4;
}

void sim_drv_capa_set(struct sim_drv *s, uint32_t ifindex, const struct drv_capa *capa)
{
	struct sim_iface *i = iface_find(s, ifindex);

	if (i)
		i->capa = *capa;
}

void sim_drv_event_cb_set(struct sim_drv *s, drv_event_cb cb, void *ctx)
{
	s->cb = cb;
	s->cb_ctx = ctx;
}

void sim_drv_fail(struct sim_drv *s, enum sim_op op, int err, int n)
{
	s->fail_err[op] = err;
	s->fail_n[op] = n;
}

void sim_drv_tx_hook_set(struct sim_drv *s, sim_tx_hook hook, void *ctx)
{
	s->tx_hook = hook;
	s->tx_hook_ctx = ctx;
}

void sim_drv_vendor_reply_set(struct sim_drv *s, const uint8_t *reply, size_t len)
{
	free(s->vendor_reply);
	s->vendor_reply = dup_bytes(reply, len);
	s->vendor_reply_len = s->vendor_reply ? len : 0;
}

size_t sim_drv_call_count(const struct sim_drv *s, enum sim_op op)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_calls; i++)
		if (s->calls[i].op == op)
			n++;
	return n;
}

const struct sim_call *sim_drv_call(const struct sim_drv *s, enum sim_op op, size_t n)
{
	size_t i;

	for (i = 0; i < s->n_calls; i++)
		if (s->calls[i].op == op && n-- == 0)
			return &s->calls[i];
	return NULL;
}

const struct sim_call *sim_drv_last(const struct sim_drv *s, enum sim_op op)
{
	size_t i = s->n_calls;

	while (i--)
		if (s->calls[i].op == op)
			return &s->calls[i];
	return NULL;
}

size_t sim_drv_calls_total(const struct sim_drv *s)
{
	return s->n_calls;
}

const struct sim_call *sim_drv_call_at(const struct sim_drv *s, size_t i)
{
	return i < s->n_calls ? &s->calls[i] : NULL;
}

void sim_drv_inject(struct sim_drv *s, const struct drv_event *ev)
{
	if (s->cb)
		s->cb(s->cb_ctx, ev);
}

void sim_drv_inject_connect(struct sim_drv *s, uint32_t ifindex, uint16_t status,
			    const uint8_t bssid[DRV_ETH_ALEN], uint32_t freq,
			    const uint8_t *req_ies, size_t req_len,
			    const uint8_t *resp_ies, size_t resp_len)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_CONNECT_RESULT;
	ev.ifindex = ifindex;
	ev.connect.status = status;
	memcpy(ev.connect.bssid, bssid, DRV_ETH_ALEN);
	ev.connect.freq = freq;
	ev.connect.req_ies = req_ies;
	ev.connect.req_ies_len = req_len;
	ev.connect.resp_ies = resp_ies;
	ev.connect.resp_ies_len = resp_len;
	sim_drv_inject(s, &ev);
}

void sim_drv_inject_disconnect(struct sim_drv *s, uint32_t ifindex, uint16_t reason,
			       bool by_ap)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_DISCONNECTED;
	ev.ifindex = ifindex;
	ev.disconnect.reason = reason;
	ev.disconnect.by_ap = by_ap;
	sim_drv_inject(s, &ev);
}

void sim_drv_inject_auth(struct sim_drv *s, uint32_t ifindex,
			 const uint8_t bssid[DRV_ETH_ALEN], uint16_t algorithm,
			 uint16_t transaction, uint16_t status, const uint8_t *body,
			 size_t len)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_AUTH_RX;
	ev.ifindex = ifindex;
	memcpy(ev.auth.bssid, bssid, DRV_ETH_ALEN);
	ev.auth.algorithm = algorithm;
	ev.auth.transaction = transaction;
	ev.auth.status = status;
	ev.auth.body = body;
	ev.auth.body_len = len;
	sim_drv_inject(s, &ev);
}

void sim_drv_inject_eapol(struct sim_drv *s, uint32_t ifindex,
			  const uint8_t src[DRV_ETH_ALEN], uint16_t ethertype,
			  const uint8_t *frame, size_t len, bool unencrypted)
{
	struct drv_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_EAPOL_RX;
	ev.ifindex = ifindex;
	memcpy(ev.eapol.src, src, DRV_ETH_ALEN);
	ev.eapol.ethertype = ethertype;
	ev.eapol.frame = frame;
	ev.eapol.len = len;
	ev.eapol.unencrypted = unencrypted;
	sim_drv_inject(s, &ev);
}
