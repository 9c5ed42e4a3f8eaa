/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The nl80211 driver's private state, shared by its files (driver.h is the
 * seam the daemon sees):
 *   nl80211.c   the instance: logging, the pending queue, commands and
 *               dumps, the wiphy cache, the ops table, creation and free
 *   iface.c     managed station interfaces, their sockets, capabilities
 *   ethertype.c PF_PACKET sockets for the other registered EtherTypes
 *   dispatch.c  notifications and received EAPOL, in arrival order
 *   scan.c      TRIGGER_SCAN and the scan dump
 *   connect.c   CONNECT, DISCONNECT, EAPOL transmit
 *   sme.c       the userspace SME: AUTHENTICATE, ASSOCIATE (SAE)
 *   keys.c      NEW_KEY, DEL_KEY, SET_KEY, SET_STATION
 *
 * Sockets: "cmd" for commands and dumps; "ev" joined to the config, scan,
 * mlme (and vendor) multicast groups; per interface a connection socket
 * that sends CONNECT with SOCKET_OWNER and so receives the unicast control
 * port frames; a PF_PACKET socket when EAPOL does not go over nl80211; an
 * eventfd that wakes us for notifications met while waiting for an ack.
 *
 * Every notification, and every PF_PACKET frame, goes through one queue in
 * arrival order, and is dispatched from the loop, never from inside a
 * command: the host's callback may call us back safely (but not ->free).
 * Commands wait for the kernel's ack; errors are logged with the command's
 * name and returned as -errno.
 */
#ifndef IHVD_NL80211_NL80211_H
#define IHVD_NL80211_NL80211_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netlink/netlink.h>

#include "nl80211/driver.h"
#include "nl80211/event.h"
#include "nl80211/netlink.h"
#include "nl80211/wiphy.h"

#define NL80211_CMD_TIMEOUT_MS 5000
#define NL80211_HELD_EAPOL_MAX 8
#define NL80211_DUMP_RETRIES 3
#define NL80211_PAE_FRAME_MAX 4096

enum nl80211_iface_state {
	IFACE_IDLE,
	IFACE_AUTHENTICATING,  /* userspace SME: AUTHENTICATE sent, not associated */
	IFACE_CONNECTING,      /* CONNECT (or ASSOCIATE) acked, no result yet */
	IFACE_CONNECTED,
};

/* An EAPOL frame that arrived before the CONNECT result (two sockets race). */
struct nl80211_held_eapol {
	struct nl80211_held_eapol *next;
	uint8_t src[DRV_ETH_ALEN];
	uint16_t ethertype;
	bool unencrypted;
	size_t len;
	uint8_t frame[];
};

struct nl80211;
struct nl80211_iface;

/* A PF_PACKET socket for one registered EtherType besides 0x888E (ethertype.c). */
struct nl80211_et_sock {
	struct nl80211_iface *i;
	uint16_t type;                /* host order */
	int fd;                       /* -1: the slot is free */
};

struct nl80211_iface {
	struct nl80211_iface *next;
	struct nl80211 *d;
	uint32_t ifindex;
	uint32_t wiphy;
	char ifname[DRV_IFNAME_MAX];
	uint8_t mac[DRV_ETH_ALEN];
	enum drv_eapol_path path;     /* as set by the host */
	bool over_nl80211;            /* of the current connection */
	struct nl_sock *conn;
	int pae_fd;
	enum nl80211_iface_state state;
	uint32_t connect_freq;
	uint8_t auth_bssid[DRV_ETH_ALEN]; /* IFACE_AUTHENTICATING: the target */
	bool auth_live;               /* the kernel holds authentication state */
	struct nl80211_held_eapol *held;
	size_t n_held;
	struct nl80211_et_sock et[DRV_ETHERTYPE_LISTEN_MAX];
};

struct nl80211_wiphy {
	struct nl80211_wiphy *next;
	struct nl80211_wiphy_info info;
};

enum nl80211_pending_kind {
	PENDING_NL,     /* an nl80211 notification (data = nlmsghdr) */
	PENDING_PAE,    /* a PF_PACKET frame (data = 802.1X PDU) */
};

struct nl80211_pending {
	struct nl80211_pending *next;
	enum nl80211_pending_kind kind;
	uint32_t ifindex;               /* PENDING_PAE */
	uint8_t src[DRV_ETH_ALEN];      /* PENDING_PAE */
	uint16_t ethertype;             /* PENDING_PAE */
	size_t len;
	uint8_t data[];
};

struct nl80211 {
	struct drv base;
	struct drv_io io;
	drv_event_cb cb;
	void *cb_ctx;
	int family;
	struct nl_sock *cmd;
	struct nl_sock *ev;
	int efd;
	bool ev_watched, efd_watched;
	struct nl80211_iface *ifaces;
	struct nl80211_wiphy *wiphys;
	struct nl80211_pending *q_head, *q_tail;
	bool dispatching;
	bool ev_overrun; /* the event socket overran: the interfaces are to be re-read */
};

static inline struct nl80211 *nl80211_of(struct drv *drv)
{
	return (struct nl80211 *)drv;
}

/* nl80211.c */
__attribute__((format(printf, 3, 4)))
void nl80211_log(struct nl80211 *d, enum drv_log_level level, const char *fmt,
		 ...);
void nl80211_attr_bad(void *ctx, const char *where, int type, int len);
void nl80211_drv_wiphy_forget(struct nl80211 *d, uint32_t idx);
void nl80211_emit(struct nl80211 *d, const struct drv_event *ev);
/* Wake the loop (the eventfd) so that it dispatches the queue. */
void nl80211_wake(struct nl80211 *d);
void nl80211_queue_push(struct nl80211 *d, struct nl80211_pending *p,
			bool wake);
struct nl80211_pending *nl80211_queue_pop(struct nl80211 *d);
void nl80211_notify_now(void *ctx, const struct nlmsghdr *nlh);
int nl80211_cmd_run(struct nl80211 *d, struct nl_sock *sk, struct nl_msg *msg,
		    struct nl80211_reply *reply, const char *what,
		    const char *ifname, bool secret);
int nl80211_dump_run(struct nl80211 *d, struct nl_msg *(*build)(void *arg),
		     void *arg, struct nl80211_reply *reply, const char *what,
		     const char *ifname);
struct nl80211_wiphy *nl80211_drv_wiphy_get(struct nl80211 *d, uint32_t idx);

/* iface.c */
struct nl80211_iface *nl80211_iface_find(struct nl80211 *d, uint32_t ifindex);
void nl80211_iface_held_drop(struct nl80211_iface *i);
void nl80211_iface_conn_close(struct nl80211_iface *i);
void nl80211_iface_pae_close(struct nl80211_iface *i);
int nl80211_iface_conn_open(struct nl80211_iface *i);
int nl80211_iface_pae_open(struct nl80211_iface *i);
/* Read what fd (bound to proto) holds into the pending queue, then dispatch. */
void nl80211_iface_packet_drain(struct nl80211_iface *i, int fd, uint16_t proto);
void nl80211_iface_free(struct nl80211_iface *i);
struct nl80211_iface *nl80211_iface_add(struct nl80211 *d,
					const struct nl80211_event *e);
void nl80211_iface_event_fill(const struct nl80211_iface *i,
			      enum drv_event_type type, struct drv_event *ev);
void nl80211_iface_remove(struct nl80211 *d, struct nl80211_iface *i);
bool nl80211_iface_wanted(const struct nl80211_event *e);
int nl80211_iface_scan(struct nl80211 *d, bool announce, bool prune);
struct nl80211_iface *nl80211_iface_get(struct nl80211 *d, uint32_t ifindex,
					const char *what);
int nl80211_iface_list(struct drv *drv, drv_iface_cb cb, void *ctx);
int nl80211_iface_capa_get(struct drv *drv, uint32_t ifindex,
			   struct drv_capa *capa);
int nl80211_iface_eapol_path_set(struct drv *drv, uint32_t ifindex,
				 enum drv_eapol_path path);
int nl80211_iface_up(struct nl80211 *d, struct nl80211_iface *i,
		     const char *what);

/* ethertype.c */
int nl80211_ethertype_listen(struct drv *drv, uint32_t ifindex,
			     const uint16_t *types, size_t n);
void nl80211_ethertype_close_all(struct nl80211_iface *i);
bool nl80211_ethertype_listening(const struct nl80211_iface *i, uint16_t type);

/* dispatch.c */
void nl80211_dispatch_run(struct nl80211 *d);
/* Queue what waits on sk for the loop's dispatch (an event socket overrun: see ev_overrun). */
void nl80211_dispatch_sock_drain(struct nl80211 *d, struct nl_sock *sk,
				 const char *name);
/* Is an end of ifindex's scan (NEW_SCAN_RESULTS or SCAN_ABORTED) queued, not yet dispatched? */
bool nl80211_dispatch_scan_end_queued(struct nl80211 *d, uint32_t ifindex);
void nl80211_dispatch_ev_readable(void *arg, int fd);
void nl80211_dispatch_efd_readable(void *arg, int fd);

/* scan.c */
int nl80211_scan_trigger(struct drv *drv, uint32_t ifindex,
			 const struct drv_scan_params *params);
int nl80211_scan_results(struct drv *drv, uint32_t ifindex, drv_bss_cb cb,
			 void *ctx);

/* connect.c */
int nl80211_connect_start(struct drv *drv, uint32_t ifindex,
			  const struct drv_connect_params *p);
int nl80211_connect_stop(struct drv *drv, uint32_t ifindex, uint16_t reason);
int nl80211_connect_eapol_tx(struct drv *drv, uint32_t ifindex,
			     const uint8_t dst[DRV_ETH_ALEN], uint16_t ethertype,
			     const uint8_t *frame, size_t len, bool no_encrypt,
			     uint64_t *cookie);

/* The EAPOL path of a new connection: sockets opened; *over: via nl80211. */
int nl80211_connect_path_open(struct nl80211 *d, struct nl80211_iface *i,
			      const char *what, bool *over);

/* sme.c */
int nl80211_sme_authenticate(struct drv *drv, uint32_t ifindex,
			     const struct drv_auth_params *p);
int nl80211_sme_associate(struct drv *drv, uint32_t ifindex,
			  const struct drv_connect_params *p);
/* Leave an authentication in progress (DEAUTHENTICATE to the target). */
void nl80211_sme_auth_abort(struct nl80211 *d, struct nl80211_iface *i);
/* An NL80211_CMD_AUTHENTICATE notification. */
void nl80211_sme_auth_event(struct nl80211 *d, struct nl80211_iface *i,
			    const struct nl80211_event *e);

/* keys.c */
int nl80211_keys_new(struct drv *drv, uint32_t ifindex,
		     const struct drv_key *key);
int nl80211_keys_del(struct drv *drv, uint32_t ifindex, enum drv_key_type type,
		     uint16_t idx, const uint8_t *addr);
int nl80211_keys_default_set(struct drv *drv, uint32_t ifindex, uint16_t idx,
			     bool unicast, bool multicast, bool mgmt);
int nl80211_keys_station_authorize(struct drv *drv, uint32_t ifindex,
				   const uint8_t addr[DRV_ETH_ALEN],
				   bool authorized);

/* link-info.c */
int nl80211_link_reg_set(struct drv *drv, const char alpha2[3]);
int nl80211_link_reg_get(struct drv *drv, char alpha2[3]);
int nl80211_link_poll(struct drv *drv, uint32_t ifindex,
		      const uint8_t bssid[DRV_ETH_ALEN], struct drv_link_info *out);
int nl80211_link_scan_abort(struct drv *drv, uint32_t ifindex);

#endif
