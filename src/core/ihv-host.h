/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host core's API to the rest of ihvd: load a plugin, bring adapters up
 * and down, run one connection through the contract. The connection policy
 * (station.c) and main.c use this; the contract itself (plugin-api/) is
 * enforced behind it.
 *
 * Everything here runs on the loop thread.
 */
#ifndef IHVD_CORE_IHV_HOST_H
#define IHVD_CORE_IHV_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/loop.h"
#include "nl80211/driver.h"

struct ihv_host;
struct ihv_adapter;

struct ihv_host_params {
	struct loop *loop;
	struct drv *drv;
	const char *plugin_path;
	uint32_t preassoc_timeout_ms;  /* 0: default (a plugin that never completes) */
	uint32_t postassoc_timeout_ms; /* 0: default */
	/*
	 * Issue 11: the plugin in a process of its own (ihvd-plugin-host),
	 * when isolated; a zeroed struct keeps it inline (dlopen into ihvd).
	 * The daemon's default is isolated (plugin_isolation=).
	 */
	bool isolated;
	const char *plugin_host_path;  /* NULL: $IHVD_PLUGIN_HOST, next to ihvd, libexec */
	const char *plugin_user;       /* NULL: "nobody" */
	uint32_t handler_timeout_ms;   /* 0: 5000; a handler past it is killed (rule 9) */
	bool plugin_no_seccomp;        /* debugging only */
	/* plugin_share_cpu=0: never place the host on ihvd's CPU (isolate-cpu.c) */
	bool plugin_cpu_unshared;
	/*
	 * The plugin's process crashed (or was killed at its deadline): what
	 * happened, the crashes so far, and whether ihvd gave up on it. May be
	 * NULL. Called on the loop thread after its connections were ended.
	 */
	void (*crashed)(void *ctx, const char *plugin, const char *what, unsigned crashes,
			bool gave_up);
	void *crash_ctx;
};

/*
 * Issue 16, cold start: starts the plugin host (fork + exec, nothing read) before the rest of
 * ihvd's start-up, so that its exec and its libraries' load (libcrypto) run beside ihvd's
 * nl80211 set-up and first scan instead of after them. The first ihv_host_new whose
 * plugin, host, user and seccomp setting are the same adopts it and reads its HELLO; any
 * other spawns its own. Nothing happens for an inline plugin. -1 when it could not start
 * (ihv_host_new then tries again and reports). drop ends one nobody adopted (at shutdown).
 */
int ihv_host_prespawn(const struct ihv_host_params *p);
void ihv_host_prespawn_drop(void);

/*
 * dlopen, GetVersionInfo, InitService (contract §1, §2). NULL on failure with
 * a message naming the failed step in err (e.g. "Dot11ExtIhvInitService not
 * exported", "handler 12 (Dot11ExtIhvReceivePacket) is NULL").
 */
struct ihv_host *ihv_host_new(const struct ihv_host_params *params, char *err,
			      size_t err_len);
/* DeinitAdapter for every adapter, DeinitService, dlclose (contract rule 7). */
void ihv_host_free(struct ihv_host *h);
const char *ihv_host_plugin_name(const struct ihv_host *h);
/* Isolated mode: the plugin process's crashes so far (0 inline), and its pid (0 if none). */
unsigned ihv_host_plugin_crashes(const struct ihv_host *h);
int ihv_host_plugin_pid(const struct ihv_host *h);
/*
 * What the plugin says one of its reason codes means (the optional export
 * Dot11ExtIhvLinuxReasonText, ihvlinux.h). 0 with buf filled, or -ENOENT.
 */
int ihv_host_reason_text(const struct ihv_host *h, uint32_t reason_code,
			 char *buf, size_t len);

/* Route a driver event to the adapter it concerns (connect, disconnect, EAPOL). */
void ihv_host_drv_event(struct ihv_host *h, const struct drv_event *ev);

enum ihv_phase {
	IHV_PHASE_IDLE,
	IHV_PHASE_PRE_ASSOCIATE,
	IHV_PHASE_ASSOCIATING,
	IHV_PHASE_POST_ASSOCIATE,
	IHV_PHASE_AUTHORIZED,
};

enum ihv_onex_event {
	IHV_ONEX_STARTED,   /* StartOneX: the first EAPOL-Start went out */
	IHV_ONEX_METHOD,    /* the EAP method was chosen (text: its name) */
	IHV_ONEX_SUCCESS,
	IHV_ONEX_FAILURE,
	IHV_ONEX_UNVERIFIED, /* the server's certificate is not checked (ca_cert="none") */
};

/* The outer EAP methods the host's 802.1X module runs, by EAP Type (RFC 3748 5; IANA). */
enum ihv_onex_eap_type {
	IHV_ONEX_EAP_TLS = 13,
	IHV_ONEX_EAP_TTLS = 21,
	IHV_ONEX_EAP_PEAP = 25,
};
#define IHV_ONEX_METHODS_MAX 3 /* each of the three once */

/* The type of wpa_supplicant's name for a method, the len octets at word ("PEAP"); 0 for
 * any other word. Case matters, as in wpa_supplicant's eap=. */
uint8_t ihv_onex_method_parse(const char *word, size_t len);
/* The name of type ("TTLS"), "?" for a type not above. */
const char *ihv_onex_method_name(uint8_t type);

/*
 * The host's 802.1X module's credentials for one connection (docs/contract.md §5.5): the
 * network block's EAP fields, handed over with the connect request as Windows' WLAN profile
 * hands its OneX section to its 802.1X module. The plugin never sees them; it only calls
 * Dot11ExtStartOneX. The core copies every string and clears its copies after use.
 */
struct ihv_onex_config {
	/* wpa_supplicant's eap=, parsed: the outer methods by EAP Type (RFC 3748 5), in the
	 * user's order of preference, each once; 0 after the last */
	uint8_t methods[IHV_ONEX_METHODS_MAX];
	const char *identity;           /* NULL: asked through ui_request ("IDENTITY:...") */
	const char *anonymous_identity;
	const char *password;           /* NULL: asked ("PASSWORD:...") */
	bool password_is_hash;          /* password is "hash:<32 hex>", the NtPasswordHash */
	const char *ca_cert;            /* NULL: not verified; only with unverified_ok */
	bool unverified_ok;             /* the block said ca_cert="none" */
	const char *client_cert;
	const char *private_key;
	const char *private_key_passwd;
	const char *phase1;
	const char *phase2;
	const char *domain_suffix_match;
	const char *domain_match;
	const char *network;            /* for prompts: "SSID name" */
	uint32_t start_period_ms;       /* EAPOL-Start interval; 0: 4000 (3 starts < post timeout) */
	uint32_t ui_timeout_ms;         /* an unanswered credential request fails; 0: 60000 */
};

/*
 * The 802.1X module readies its EAP peer (the module's load, the TLS library's first context,
 * MS-CHAPv2's provider: eap_peer_warm) on a thread of its own, so that this happens beside the
 * first scan instead of on the air during the first EAP conversation. For a daemon whose
 * networks use 802.1X; once per process (a second call does nothing). first (may be NULL):
 * the network expected first; the thread also builds the TLS client context its conversation
 * would (eap_peer_warm_network), from copies of its method, CA, client certificate and phase1
 * (no secret is copied). join waits for it and frees a context nobody took (at shutdown).
 * src/core/onex-warm.c.
 */
void ihv_onex_warm_start(const struct ihv_onex_config *first);
void ihv_onex_warm_join(void);

struct ihv_adapter_events {
	/* The port was authorized: PostAssociateCompletion(ERROR_SUCCESS). */
	void (*authorized)(void *ctx);
	/*
	 * The attempt (or the link) ended. reason_code is the plugin's L2 reason
	 * (0x90000.. for IHV codes) or the host's own; win32_error the Win32
	 * error; ieee80211_reason the 802.11 reason/status when the air said so.
	 */
	void (*ended)(void *ctx, enum ihv_phase phase, uint32_t reason_code,
		      uint32_t win32_error, uint16_t ieee80211_reason);
	/* Dot11ExtSendUIRequest: the plugin asks the user (CTRL-REQ-...). */
	void (*ui_request)(void *ctx, const uint8_t guid[16], const char *text);
	/*
	 * Milestones for the connection timeline (info log): the phase and the
	 * moment it began (CLOCK_MONOTONIC, µs), taken when the host changed the
	 * phase, not when the event reached the policy: a synchronous plugin call
	 * (PerformPreAssociate over the plugin-host pipe) runs between the two.
	 */
	void (*milestone)(void *ctx, enum ihv_phase phase, uint64_t t_us);
	/*
	 * Added by the contract host: Dot11ExtSendNotification (contract §4.13),
	 * the L2 NotificationCode and its data (copied). May be NULL.
	 */
	void (*notification)(void *ctx, uint32_t code, const uint8_t *data,
			     size_t len);
	/*
	 * Added by the host's 802.1X module (src/core/onex.c): the exchange the plugin
	 * started with Dot11ExtStartOneX began, succeeded or failed; text names the EAP
	 * method and the outcome ("PEAP/MSCHAPv2: authentication failed (E=691)"). May be NULL.
	 */
	void (*onex)(void *ctx, enum ihv_onex_event what, const char *text);
};

/* InitAdapter for this interface (contract §3.5). NULL on failure, reason logged. */
struct ihv_adapter *ihv_adapter_new(struct ihv_host *h, uint32_t ifindex,
				    const char *ifname,
				    const struct ihv_adapter_events *ev,
				    void *ctx);
/* StopPostAssociate if a port exists, then DeinitAdapter (contract rule 14). */
void ihv_adapter_free(struct ihv_adapter *a);

struct ihv_connect_request {
	const uint8_t *ssid;
	size_t ssid_len;
	/* Candidate BSSes of that SSID, best first; their IEs exactly as received. */
	const struct drv_bss *const *bss;
	size_t n_bss;
	/*
	 * The IHV profile fragments (UTF-8 here; handed to the plugin as the
	 * UTF-16 DOT11EXT_IHV_CONNECTIVITY_PROFILE / _SECURITY_PROFILE). They may
	 * hold secrets: the host clears its copies after use.
	 */
	const char *connectivity_xml;
	const char *security_xml;
	/* The 802.1X credentials for Dot11ExtStartOneX; NULL when the network has none. */
	const struct ihv_onex_config *onex;
};

/*
 * PerformPreAssociate -> PreAssociateCompletion -> CONNECT -> PerformPostAssociate
 * -> PostAssociateCompletion -> port authorized. Returns 0 when started;
 * the outcome arrives as authorized() or ended().
 */
int ihv_adapter_connect(struct ihv_adapter *a, const struct ihv_connect_request *req);
/* Tear down: DISCONNECT, StopPostAssociate, AdapterReset (contract rule 39). */
int ihv_adapter_disconnect(struct ihv_adapter *a, uint16_t ieee80211_reason);

/*
 * What the adapter has done since InitAdapter, for anyone to read (STATUS): keys that
 * reached the driver, and received frames the core dropped before the plugin saw them.
 */
struct ihv_adapter_counters {
	uint64_t ptk_installs, gtk_installs, igtk_installs;
	uint64_t rx_dropped_filter;    /* EtherType not registered, exemption rules, no port */
	uint64_t rx_dropped_backlog;   /* the plugin's receive backlog was full (rule 44) */
	uint64_t rx_dropped_oversized; /* larger than a contract packet */
};

struct ihv_adapter_status {
	enum ihv_phase phase;
	uint8_t bssid[DRV_ETH_ALEN];
	uint32_t freq;
	uint32_t akm_suite;          /* as negotiated (suite selector), 0 if none */
	uint32_t pairwise_cipher;
	uint32_t group_cipher;
	uint32_t group_mgmt_cipher;
	uint32_t last_reason_code;   /* last L2 reason from the plugin or host */
	struct ihv_adapter_counters counters; /* in every phase */
};
void ihv_adapter_status_get(const struct ihv_adapter *a, struct ihv_adapter_status *st);

/* A user's answer to a ui_request (CTRL-RSP-...): Dot11ExtIhvProcessUIResponse. */
int ihv_adapter_ui_respond(struct ihv_adapter *a, const uint8_t guid[16],
			   const uint8_t *data, size_t len);

const char *ihv_phase_str(enum ihv_phase phase);

/*
 * Added by the contract host (src/core/queries.c): the synchronous handlers.
 * ValidateProfile (contract §3.11): 0 valid, -EINVAL invalid; *reason the
 * plugin's L2 reason. CapabilityMatch (§3.12): 0 when at least one BSS
 * matches, -ENOENT otherwise. Control (§3.20, contract rule 68): the plugin's reply
 * is copied to out only if it fits; *returned is always set; -ENOBUFS when
 * it did not fit, -EIO when the plugin failed. Session change (§3.14): a
 * WTS_* event (WTS_SESSION_LOGOFF cancels all UI requests, contract rule 64).
 */
int ihv_adapter_profile_validate(struct ihv_adapter *a, const uint8_t *ssid,
				 size_t ssid_len, const char *conn_xml,
				 const char *sec_xml, uint32_t *reason);
int ihv_adapter_capability_match(struct ihv_adapter *a,
				 const struct ihv_connect_request *req, uint32_t *reason);
int ihv_adapter_control(struct ihv_adapter *a, const uint8_t *in, size_t in_len,
			uint8_t *out, size_t out_len, size_t *returned);
void ihv_host_session_change(struct ihv_host *h, uint32_t wts_event,
			     uint32_t session_id);

/*
 * CreateDiscoveryProfiles (src/core/discovery.c, contract §3 [9]) for the
 * network req names (its SSID and BSSes; no profile): cb gets each proposed
 * profile's two fragments as UTF-8, valid for the call. The number of
 * profiles, -ENOENT when the plugin has none (its reason in *reason),
 * -EINVAL when it handed back memory not from Dot11ExtAllocateBuffer or
 * larger than its block (contract rule 65; isolated, the plugin host refuses
 * that answer and this gives -ENOENT).
 */
typedef void (*ihv_discovery_cb)(void *ctx, const char *conn_xml, const char *sec_xml);
int ihv_adapter_discovery_profiles(struct ihv_adapter *a,
				   const struct ihv_connect_request *req, bool insecure,
				   ihv_discovery_cb cb, void *ctx, uint32_t *reason);

#endif
