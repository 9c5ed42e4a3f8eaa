/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A simulated driver behind struct drv_ops, for unit tests of the host.
 * It records every command (with copies of keys, IEs and frames), can make
 * a command fail with a chosen errno, and lets a test inject events.
 */
#ifndef IHVD_TESTS_SIM_DRV_H
#define IHVD_TESTS_SIM_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nl80211/driver.h"

enum sim_op {
	SIM_OP_IFACE_LIST,
	SIM_OP_CAPA_GET,
	SIM_OP_EAPOL_PATH_SET,
	SIM_OP_SCAN_TRIGGER,
	SIM_OP_SCAN_RESULTS,
	SIM_OP_CONNECT,
	SIM_OP_DISCONNECT,
	SIM_OP_EAPOL_TX,
	SIM_OP_KEY_NEW,
	SIM_OP_KEY_DEL,
	SIM_OP_KEY_DEFAULT_SET,
	SIM_OP_STATION_AUTHORIZE,
	SIM_OP_VENDOR_CMD,
	SIM_OP_AUTHENTICATE,   /* ssid, bssid, freq, auth_algorithm, frame = AUTH_DATA */
	SIM_OP_ASSOCIATE,      /* as connect */
	SIM_OP_ETHERTYPE_LISTEN, /* types, n_types */
	SIM_OP_COUNT,
};

/* One recorded command; byte fields are owned copies. */
struct sim_call {
	enum sim_op op;
	uint32_t ifindex;
	/* connect */
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	uint8_t bssid[DRV_ETH_ALEN];
	bool has_bssid;
	uint32_t freq;
	uint8_t *ies;
	size_t ies_len;
	uint32_t wpa_versions, akm, pairwise, group;
	enum drv_mfp mfp;
	bool control_port;
	uint16_t control_port_ethertype;
	/* disconnect */
	uint16_t reason;
	/* eapol_tx */
	uint8_t dst[DRV_ETH_ALEN];
	uint16_t ethertype;
	uint8_t *frame;
	size_t frame_len;
	bool no_encrypt;
	/* keys */
	enum drv_key_type key_type;
	uint32_t cipher;
	uint16_t idx;
	uint8_t *key;
	size_t key_len;
	uint8_t seq[16];
	size_t seq_len;
	uint8_t addr[DRV_ETH_ALEN];
	bool has_addr;
	bool set_default;
	bool unicast, multicast, mgmt;
	/* station_authorize */
	bool authorized;
	/* authenticate */
	uint16_t auth_algorithm;
	/* ethertype_listen (host order) */
	uint16_t types[32];
	size_t n_types;
};

struct sim_drv;

struct sim_drv *sim_drv_new(void);
struct drv *sim_drv_base(struct sim_drv *s);
void sim_drv_free(struct sim_drv *s);

/* An interface the driver reports (capa: CCMP, GCMP, BIP; AKM list empty). */
void sim_drv_iface_add(struct sim_drv *s, uint32_t ifindex, const char *ifname,
		       const uint8_t mac[DRV_ETH_ALEN]);
/* Replace the capabilities reported for ifindex. */
void sim_drv_capa_set(struct sim_drv *s, uint32_t ifindex, const struct drv_capa *capa);

/* Where injected events go (the host's ihv_host_drv_event, usually). */
void sim_drv_event_cb_set(struct sim_drv *s, drv_event_cb cb, void *ctx);

/* Make op fail with -err (err > 0) for the next n calls (n < 0: until cleared). */
void sim_drv_fail(struct sim_drv *s, enum sim_op op, int err, int n);

/* Called inside eapol_tx, after recording (to inject events re-entrantly). */
typedef void (*sim_tx_hook)(void *ctx, struct sim_drv *s, const struct sim_call *c);
void sim_drv_tx_hook_set(struct sim_drv *s, sim_tx_hook hook, void *ctx);

/* vendor_cmd: by default -EOPNOTSUPP; with a reply set, echo it. */
void sim_drv_vendor_reply_set(struct sim_drv *s, const uint8_t *reply, size_t len);

/* Recorded calls. */
size_t sim_drv_call_count(const struct sim_drv *s, enum sim_op op);
/* The n-th call of op (0 = first), or NULL. */
const struct sim_call *sim_drv_call(const struct sim_drv *s, enum sim_op op, size_t n);
const struct sim_call *sim_drv_last(const struct sim_drv *s, enum sim_op op);
/* All calls in order. */
size_t sim_drv_calls_total(const struct sim_drv *s);
const struct sim_call *sim_drv_call_at(const struct sim_drv *s, size_t i);
void sim_drv_calls_clear(struct sim_drv *s);

/* Events. */
void sim_drv_inject(struct sim_drv *s, const struct drv_event *ev);
void sim_drv_inject_connect(struct sim_drv *s, uint32_t ifindex, uint16_t status,
			    const uint8_t bssid[DRV_ETH_ALEN], uint32_t freq,
			    const uint8_t *req_ies, size_t req_len,
			    const uint8_t *resp_ies, size_t resp_len);
void sim_drv_inject_disconnect(struct sim_drv *s, uint32_t ifindex, uint16_t reason,
			       bool by_ap);
/* An Authentication frame from bssid (body: after the Status Code field). */
void sim_drv_inject_auth(struct sim_drv *s, uint32_t ifindex,
			 const uint8_t bssid[DRV_ETH_ALEN], uint16_t algorithm,
			 uint16_t transaction, uint16_t status, const uint8_t *body,
			 size_t len);
void sim_drv_inject_eapol(struct sim_drv *s, uint32_t ifindex,
			  const uint8_t src[DRV_ETH_ALEN], uint16_t ethertype,
			  const uint8_t *frame, size_t len, bool unencrypted);

#endif
