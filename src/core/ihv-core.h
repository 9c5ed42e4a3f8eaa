/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The contract host's internals, shared by its files. Not for the rest of
 * ihvd: that uses ihv-host.h.
 *
 * Who calls whom (no cycle; each file calls only files below it):
 *
 *   plugin.c      -> adapter.c, service.c (table), linux-api.c
 *   adapter.c     -> session.c, port.c, teardown.c, ui.c, keys.c, ethertype.c
 *   queries.c     -> ui.c, bss-list.c, reason.c
 *   discovery.c   -> bss-list.c, buffer.c, reason.c
 *   service.c     -> svc-*.c, buffer.c (the table only)
 *   svc-packet.c  -> port.c (a send on the loop thread), ethertype.c, onex.c
 *   onex.c        -> port.c (EAPOL out), ../eap (the EAP peer), work.c
 *   svc-keys.c    -> keys.c, rsne.c
 *   svc-session.c -> ui.c, reason.c;  svc-profile.c -> buffer.c
 *   session.c     -> auth.c, teardown.c, ui.c, buffer.c, rsne.c, bss-list.c, reason.c
 *   auth.c        -> teardown.c, work.c (the Linux authentication exchange)
 *   port.c        -> teardown.c, ethertype.c, keys.c, assoc-params.c, rsne.c
 *   teardown.c    -> auth.c (stop only), ui.c, keys.c, ethertype.c, onex.c
 *   ui.c          -> onex.c (answers to the 802.1X module's own requests)
 *   indication.c  -> (registry.c only)
 *   ui.c, svc-*.c, session.c, port.c, teardown.c -> work.c
 *   keys.c, linux-api.c -> rsne.c, reason.c
 *   every file    -> registry.c, the leaf (lock, handles, hosts, label)
 *
 * The adapter's work queue (work.c) runs through a->work_kick, set by
 * adapter.c, so queueing never calls up into the runner.
 *
 * Threading (contract §12, our decision): handlers, timers and drv calls run
 * on the loop thread only. Service functions may come from any thread; they
 * validate under ihv_lock() and hand work to the loop through the adapter's
 * work queue. The lock is never held across a call into the plugin or the
 * driver, so a plugin calling back re-entrantly cannot deadlock; it is not
 * recursive either, and no path takes it twice (registry.h).
 */
#ifndef IHVD_CORE_IHV_CORE_H
#define IHVD_CORE_IHV_CORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ihv-host.h"
#include "core/registry.h"
#include "common/loop.h"
#include "core/rsne.h"
#include "ihvlinux.h"
#include "nl80211/driver.h"
#include "wlanihv.h"

#define IHV_DEFAULT_PRE_TIMEOUT_MS   10000u
#define IHV_DEFAULT_POST_TIMEOUT_MS  15000u
#define IHV_DEFAULT_ASSOC_TIMEOUT_MS 10000u
/* A pending UI request adds this much to the pre/post-association deadline (the user's time). */
#define IHV_UI_WAIT_MS               60000u

#define IHV_ET_MAX_ENTRIES   32    /* exemptions / registrations per call */
#define IHV_ET_MAX_BACKLOG   1024  /* larger uMaxBackLog values are clamped */
#define IHV_ET_HOLD_MAX      8     /* EAPOL held before PerformPostAssociate */
#define IHV_MAX_PACKET       4096  /* SendPacket / receive frame bound */
#define IHV_MAX_BLOB         65536 /* UI data, user data, vendor buffers */
#define IHV_MAX_KEYS         16
#define IHV_ASSOC_IES_MAX    128   /* RSNE (<= 80) + RSNXE */

/* A received frame in the DOT11_SECURITY_PACKET_HEADER format (contract rule 45). */
struct ihv_frame {
	struct ihv_frame *next;
	size_t len;
	uint8_t buf[];
};

/* EtherType handling state of one adapter (ethertype.c; contract §4.5). */
struct ihv_et {
	uint32_t max_backlog;
	DOT11_PRIVACY_EXEMPTION ex[IHV_ET_MAX_ENTRIES];
	size_t n_ex;
	uint16_t reg[IHV_ET_MAX_ENTRIES]; /* as given: big-endian values */
	size_t n_reg;
	struct ihv_frame *q_head, *q_tail; /* backlog behind ReceivePacket */
	size_t q_len;
	struct ihv_frame *hold_head, *hold_tail; /* before PerformPostAssociate */
	size_t hold_len;
	bool delivering;
	uint64_t dropped_backlog;
	uint64_t dropped_filter;
	uint64_t dropped_oversized;
	uint64_t delivered;
};

struct ihv_key_rec {
	enum drv_key_type type;
	uint16_t idx;
	uint8_t addr[6];
	bool is_static;
};

struct ihv_keys {
	struct ihv_key_rec rec[IHV_MAX_KEYS];
	size_t n;
	/* keys that reached the driver over the adapter's life (never reset) */
	uint64_t ptk_installs, gtk_installs, igtk_installs;
};

struct ihv_ui_req {
	struct ihv_ui_req *next;
	GUID guid;
};

struct ihv_bss_copy {
	uint8_t bssid[6];
	uint32_t freq;
	uint8_t *ies;
	size_t ies_len;
};

enum ihv_work_kind {
	IHV_WORK_PRE_DONE,
	IHV_WORK_POST_DONE,
	IHV_WORK_SEND,        /* a SendPacket from a plugin thread */
	IHV_WORK_SEND_DONE,   /* deliver SendPacketCompletion */
	IHV_WORK_KEY,         /* a key call from a plugin thread */
	IHV_WORK_UI_REQUEST,
	IHV_WORK_NOTIFICATION,
	IHV_WORK_RX_DRAIN,
	IHV_WORK_EV_AUTHORIZED,
	IHV_WORK_EV_ENDED,
	IHV_WORK_EV_MILESTONE,
	IHV_WORK_AUTH_DONE,   /* Dot11ExtLinuxAuthComplete (arg: the exchange's serial) */
	IHV_WORK_ONEX_START,  /* Dot11ExtStartOneX accepted */
	IHV_WORK_ONEX_PACKET, /* Dot11ExtProcessSecurityPacket: an EAPOL PDU */
	IHV_WORK_ONEX_STOP,   /* Dot11ExtStopOneX accepted */
	IHV_WORK_ET_LISTEN,   /* the registered EtherTypes changed off the loop thread */
};

enum ihv_key_op {
	IHV_KEYOP_MAPPING,
	IHV_KEYOP_DEFAULT,
	IHV_KEYOP_DEFAULT_ID,
};

struct ihv_work {
	struct ihv_work *next;
	enum ihv_work_kind kind;
	void *handle;           /* session handle / hSendCompletion */
	uint32_t reason;
	uint32_t win32;
	uint16_t ieee;
	enum ihv_phase phase;
	enum ihv_key_op keyop;
	uint32_t arg;           /* key direction / default key id */
	GUID guid;
	uint8_t *data;          /* owned copy; cleansed on free */
	size_t len;
	uint64_t t_us;          /* when it was queued (CLOCK_MONOTONIC): milestones */
};

struct ihv_host;

struct ihv_adapter {
	struct ihv_adapter *next;
	struct ihv_host *h;
	uint64_t id;
	uint32_t ifindex;
	char ifname[DRV_IFNAME_MAX];
	struct drv_capa capa;
	struct ihv_adapter_events ev;
	void *ctx;

	void *svc;                 /* hDot11SvcHandle (host-minted) */
	HANDLE ext;                /* the plugin's hIhvExtAdapter */
	GUID guid;
	uint16_t *desc;

	enum ihv_handler_id in_handler;
	pthread_t handler_thread;

	enum ihv_phase phase;
	struct loop_timer *phase_timer;

	/* the pre-association session */
	void *connect;             /* hConnectSession, live while set */
	bool pre_completed;        /* a completion was accepted (contract rule 25) */
	bool pre_cancel_only;      /* after AdapterReset: ERROR_CANCELLED only */
	bool et_locked;            /* contract rule 33 */
	uint16_t et_listen[IHV_ET_MAX_ENTRIES]; /* host order, as last given to the driver */
	size_t n_et_listen;
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	struct ihv_bss_copy *cands;
	size_t n_cands;
	uint8_t *bss_list;
	size_t bss_list_len;
	DOT11EXT_IHV_SSID_LIST ssid_list;
	DOT11EXT_IHV_PROFILE_PARAMS prof;
	DOT11EXT_IHV_CONNECTIVITY_PROFILE conn_prof;
	DOT11EXT_IHV_SECURITY_PROFILE sec_prof;

	/* what the plugin chose */
	uint32_t auth_algo, ucast_algo, mcast_algo;
	bool rsn_set;
	DOT11EXT_LINUX_RSN_PARAMS rsn;
	struct ihv_rsn_choice choice;
	uint8_t assoc_ies[IHV_ASSOC_IES_MAX]; /* RSNE (+ RSNXE) of the association request */
	size_t assoc_ies_len;

	/* the Linux authentication exchange (auth.c) */
	bool authing;              /* StartAuthentication .. completion handled / stop */
	bool auth_completed;       /* AuthComplete accepted */
	bool auth_associating;     /* ASSOCIATE sent after an exchange */
	uint32_t auth_serial;

	/* association and port */
	uint8_t bssid[6];
	uint32_t freq;
	void *security;            /* hSecuritySessionID, live while set */
	bool port;                 /* PerformPostAssociate was called */
	bool post_completed;       /* first PostAssociateCompletion handled */
	void *post_cancel;         /* a dead hSecuritySessionID whose one ERROR_CANCELLED
				    * completion is still taken (contract rule 20) */
	bool authorized;
	uint32_t last_reason;

	bool exclude_unencrypted;
	struct ihv_et et;
	struct ihv_keys keys;
	struct ihv_ui_req *ui;

	/* the 802.1X module (onex.c) */
	struct ihv_onex *onex;     /* the connection's EAP config and exchange; NULL if none */
	/* the last 802.1X network's EAP session cache and its name, kept across its connections */
	struct eap_session_cache *onex_cache;
	char *onex_cache_net;
	bool onex_running;         /* StartOneX .. StopOneX / the port's end (contract rule 59) */

	struct ihv_work *work_head, *work_tail;
	void (*work_kick)(void *adapter_id); /* the runner (adapter.c) */
	bool kick_posted;
	bool kick_running;
};

struct ihv_plugin_timer {
	struct ihv_plugin_timer *next;
	struct ihv_host *h;
	void *handle;
	struct loop_timer *t;
	DOT11EXT_LINUX_TIMER_CALLBACK cb;
	void *ctx;
};

struct ihv_udata {
	struct ihv_udata *next;
	uint32_t session;
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	uint8_t *data;
	size_t len;
};

struct ihv_deferred_event {
	struct ihv_deferred_event *next;
	struct drv_event ev;
	uint8_t *a, *b;
};

struct ihv_host {
	struct ihv_host *next;
	uint64_t id;
	struct loop *loop;
	struct drv *drv;
	char *path;
	char name[64];
	void *dl;                  /* inline: the dlopen handle */
	struct ihv_isolate *iso;   /* isolated: the proxy (isolate.h) */
	DOT11EXT_IHV_HANDLERS hd;
	DOT11EXTIHV_LINUX_REASON_TEXT reason_text; /* optional export, may be NULL */
	DOT11EXT_LINUX_AUTH_HANDLERS auth_hd;      /* RegisterAuthHandlers (ihvlinux.h v2) */
	bool auth_hd_set;
	bool service_up;           /* InitService entered .. DeinitService returned */
	uint32_t pre_timeout_ms;
	uint32_t post_timeout_ms;
	uint32_t assoc_timeout_ms;
	pthread_t loop_thread;
	struct ihv_adapter *adapters;
	int handler_depth;
	struct ihv_plugin_timer *timers;
	struct ihv_udata *udata;
	struct ihv_deferred_event *deferred_head, *deferred_tail;
	bool deferred_posted;
	unsigned long outstanding_buffers;
};

/* service.c, linux-api.c: the tables handed to the plugin */
extern const DOT11EXT_APIS ihv_service_apis;
extern const DOT11EXT_LINUX_APIS ihv_linux_apis;
extern const DOT11EXT_VIRTUAL_STATION_APIS ihv_vs_apis;

/* reason.c: reason-code contract rules 28/29 */
bool ihv_reason_valid(uint32_t reason);
bool ihv_reason_is_ihv(uint32_t reason);
/* NULL when (reason, win32) is a consistent completion; else the complaint. */
const char *ihv_completion_check(uint32_t reason, uint32_t win32);
uint32_t ihv_win32_from_errno(int err);

/* buffer.c: Dot11ExtAllocateBuffer / Dot11ExtFreeBuffer (contract rules 10, 65) */
DWORD WINAPI ihv_buffer_alloc(DWORD count, LPVOID *pp);
VOID WINAPI ihv_buffer_free(LPVOID p);
bool ihv_buffer_ours(const void *p);
size_t ihv_buffer_size(const void *p);
bool ihv_buffer_holds(const void *p, size_t need);
bool ihv_buffer_holds_utf16(const uint16_t *p);

/* work.c: the adapter's work queue (under the lock unless said) */
struct ihv_work *ihv_work_new(enum ihv_work_kind kind);
void ihv_work_free(struct ihv_work *w);
/* Queue work for the loop thread; takes ownership. */
void ihv_work_queue(struct ihv_adapter *a, struct ihv_work *w);
/* Not under the lock: queue an event for the connection policy. */
void ihv_work_event(struct ihv_adapter *a, enum ihv_work_kind kind,
		    enum ihv_phase phase, uint32_t reason, uint32_t win32, uint16_t ieee);
/* Not under the lock: set the phase and queue its milestone event. */
void ihv_phase_set(struct ihv_adapter *a, enum ihv_phase phase);
/* Under the lock: unlock, free w, return rc (a refused service call). */
uint32_t ihv_work_refuse(struct ihv_work *w, uint32_t rc);
/* Under the lock: queue w, unlock, return ERROR_SUCCESS (an accepted call). */
uint32_t ihv_work_accept(struct ihv_adapter *a, struct ihv_work *w);

/* teardown.c: the end of a connection (loop thread) */
void ihv_port_stop(struct ihv_adapter *a, DOT11_ASSOC_STATUS status);
void ihv_session_free(struct ihv_adapter *a);
void ihv_teardown(struct ihv_adapter *a, enum ihv_phase phase, uint32_t reason,
		  uint32_t win32, uint16_t ieee, bool disconnect, DOT11_ASSOC_STATUS status);
void ihv_teardown_timeout(void *adapter);
void ihv_teardown_disconnected(struct ihv_adapter *a, const struct drv_event *ev);

/* session.c: the pre-association (loop thread) */
void ihv_session_pre_done(struct ihv_adapter *a, struct ihv_work *w);
/* The association's parameters from the session and the plugin's choice. */
void ihv_session_assoc_params(struct ihv_adapter *a, struct drv_connect_params *cp);

/* auth.c: the authentication exchange (loop thread; ihvlinux.h version 2) */
bool ihv_auth_wanted(const struct ihv_adapter *a);
/* StartAuthentication; 0, or -errno (the caller tears down). */
int ihv_auth_start(struct ihv_adapter *a);
/* StopAuthentication if an exchange runs. */
void ihv_auth_stop(struct ihv_adapter *a, uint32_t reason);
void ihv_auth_rx(struct ihv_adapter *a, const struct drv_event *ev);
void ihv_auth_done(struct ihv_adapter *a, struct ihv_work *w);
/* AssociationStatus after an exchange's ASSOCIATE. */
void ihv_auth_assoc_status(struct ihv_adapter *a, const struct drv_event *ev);
DWORD WINAPI ihv_auth_register(const DOT11EXT_LINUX_AUTH_HANDLERS *hd);
DWORD WINAPI ihv_auth_send_frame(HANDLE svc, const DOT11EXT_LINUX_AUTH_FRAME *f);
DWORD WINAPI ihv_auth_complete(HANDLE svc, DWORD win32, DWORD reason, USHORT status);

/* port.c: post-association and the port (loop thread) */
void ihv_port_connect_result(struct ihv_adapter *a, const struct drv_event *ev);
void ihv_port_post_done(struct ihv_adapter *a, struct ihv_work *w);
void ihv_port_eapol_rx(struct ihv_adapter *a, const struct drv_event *ev);
void ihv_adapter_rx_deliver(struct ihv_adapter *a);
/* Transmit a DOT11_SECURITY_PACKET_HEADER frame; an ERROR_* value. */
uint32_t ihv_port_send_now(struct ihv_adapter *a, const uint8_t *pkt, size_t len);

/* indication.c: a driver indication to ReceiveIndication (loop thread) */
void ihv_indication_deliver(struct ihv_adapter *a, const struct drv_event *ev);

/* linux-api.c */
void ihv_host_timers_free(struct ihv_host *h);

/* ethertype.c */
void ihv_et_init(struct ihv_et *et);
/* Validate and replace the lists (contract §4.5); an ERROR_* value. */
uint32_t ihv_et_set(struct ihv_et *et, uint32_t max_backlog, uint32_t n_ex,
		    const DOT11_PRIVACY_EXEMPTION *ex, uint32_t n_reg,
		    const uint16_t *reg);
/* Empty both lists and drop queued frames (contract rule 19). */
void ihv_et_clear(struct ihv_et *et);
bool ihv_et_registered(const struct ihv_et *et, uint16_t ethertype);
/*
 * Privacy exemption / exclude-unencrypted verdict for a received frame
 * (contract rules 49, 50): true to accept.
 */
bool ihv_et_accept(const struct ihv_et *et, uint16_t ethertype,
		   bool unencrypted, bool exclude_unencrypted, bool have_ptk);
struct ihv_frame *ihv_frame_new(const uint8_t src[6], uint16_t ethertype,
				const uint8_t *payload, size_t len);
/* Append to the backlog; drops the oldest beyond max_backlog (contract rule 44). */
void ihv_et_backlog_push(struct ihv_et *et, struct ihv_frame *f);
struct ihv_frame *ihv_et_backlog_pop(struct ihv_et *et);
void ihv_et_hold_push(struct ihv_et *et, struct ihv_frame *f);
/* Move held frames to the backlog. */
void ihv_et_hold_release(struct ihv_et *et);
/*
 * On the loop thread, without the lock: give the driver the registered
 * EtherTypes (drv_ops.ethertype_listen) when they differ from what it has;
 * after ihv_et_clear that is the empty list.
 */
void ihv_et_listen_sync(struct ihv_adapter *a);

/* keys.c: run on the loop thread; an ERROR_* value */
uint32_t ihv_keys_set_mapping(struct ihv_adapter *a,
			      const DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *k,
			      size_t total_len);
uint32_t ihv_keys_set_default(struct ihv_adapter *a,
			      const DOT11_CIPHER_DEFAULT_KEY_VALUE *k,
			      size_t total_len, uint32_t direction);
uint32_t ihv_keys_set_default_id(struct ihv_adapter *a, uint32_t id);
bool ihv_keys_have_ptk(const struct ihv_adapter *a, const uint8_t addr[6]);
/* May a key call of this kind be made now (a port, or a pre-association)? */
bool ihv_keys_call_allowed(const struct ihv_adapter *a, enum ihv_key_op op);
/* Forget keys: all, or only the non-static ones (contract rule 53). */
void ihv_keys_forget(struct ihv_adapter *a, bool only_dynamic);
/* Cheap structural checks done where the call is made (any thread). */
uint32_t ihv_keys_check_mapping(const DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *k);
uint32_t ihv_keys_check_default(const DOT11_CIPHER_DEFAULT_KEY_VALUE *k,
				uint32_t direction);

/* onex.c: the host's 802.1X module (contract §4.17, rules 57-60) */
struct ihv_onex;
struct eap_session_cache;
/* ihv_onex_config.methods into pc's method (the first) and more_methods: 0, or -1 when
 * the list is empty, names a type we do not run, names one twice or has a gap. */
struct eap_peer_config;
int ihv_onex_methods_take(const uint8_t methods[IHV_ONEX_METHODS_MAX],
			  struct eap_peer_config *pc);
/* Keep a copy of the connection's EAP config (NULL: none). 0 or -ENOMEM. Loop thread. */
int ihv_onex_config_set(struct ihv_adapter *a, const struct ihv_onex_config *cfg);
/* Service checks under the lock: an ERROR_* value. */
uint32_t ihv_onex_start_check(struct ihv_adapter *a);
/* Loop thread: the queued work. */
void ihv_onex_start_run(struct ihv_adapter *a);
void ihv_onex_packet_run(struct ihv_adapter *a, const uint8_t *pdu, size_t len);
/* StopOneX's work: end the exchange, no result follows. */
void ihv_onex_stop_run(struct ihv_adapter *a);
/* The port ended (StopPostAssociate, teardown): the exchange dies silently. */
void ihv_onex_port_end(struct ihv_adapter *a);
/* Free the connection's configuration and exchange (session end, adapter free). */
void ihv_onex_free(struct ihv_adapter *a);
/* Free the kept EAP session cache too (adapter free). */
void ihv_onex_cache_drop(struct ihv_adapter *a);
/* A user's answer to one of the module's own UI requests: 0, or -ENOENT if not ours. */
int ihv_onex_ui_respond(struct ihv_adapter *a, const GUID *g, const uint8_t *data, size_t len);

/* ui.c */
uint32_t ihv_ui_request_add(struct ihv_adapter *a, const DOT11EXT_IHV_UI_REQUEST *r);
void ihv_ui_request_deliver(struct ihv_adapter *a, struct ihv_work *w);
void ihv_ui_cancel_all(struct ihv_adapter *a, const char *why);
bool ihv_ui_take(struct ihv_adapter *a, const GUID *g); /* under the lock */
void ihv_guid_str(const GUID *g, char out[37]);

#endif
