/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihv-rsn.so's private state, shared by its files (plugin.h is what the unit tests see):
 *   plugin.c          the exports: InitService (the handler table), DeinitService,
 *                     GetVersionInfo, LinuxReasonText; the handlers with nothing to do
 *   plugin-adapter.c  adapter lifetime: InitAdapter, DeinitAdapter, AdapterReset, timers
 *   plugin-pre.c      profiles and pre-association (ValidateProfile, PerformCapabilityMatch,
 *                     CreateDiscoveryProfiles, PerformPreAssociate)
 *   plugin-post.c     post-association and EAPOL frames (PerformPostAssociate,
 *                     StopPostAssociate, ReceivePacket, SendPacketCompletion)
 *   plugin-keys.c     the engine's operations: frames out and key installs through the
 *                     host's services, post-association results
 *   plugin-control.c  WlanIhvControl diagnostics ("stats", "reasons", "help")
 *   plugin-sae.c      SAE and PMKSA caching over the host's authentication exchange
 *                     (ihvlinux.h version 2): Commit/Confirm, retransmission, groups
 *   plugin-ui.c       a PSK passphrase asked of the user (SendUIRequest, ProcessUIResponse)
 *   plugin-onex.c     WPA-EAP: StartOneX, EAP frames to ProcessSecurityPacket,
 *                     OnexIndicateResult (PMK = MSK[0..31]), PMKSA caching (pmksa.c)
 *   plugin-tkip.c     Michael MIC failures (ReceiveIndication): reports and TKIP
 *                     countermeasures (tkip-cm.h)
 *
 * Threading: ihvd calls every handler and every Linux timer callback on its one loop thread
 * (ihvlinux.h), so the plugin keeps plain global state without locks. Asynchronous work
 * (PreAssociateCompletion, PostAssociateCompletion outside ReceivePacket) runs from 0 ms
 * Linux timers, never inside the handler that started it (contract rules 27, 36).
 */
#ifndef RSN_PLUGIN_STATE_H
#define RSN_PLUGIN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ihvlinux.h"
#include "rsn/crypto.h"
#include "rsn/handshake.h"
#include "rsn/pmk-prefetch.h"
#include "rsn/plugin.h"
#include "rsn/profile-xml.h"
#include "rsn/select.h"

#define ETHERTYPE_EAPOL 0x888e
#define PMK_CACHE_SIZE 8
#define PMKSA_CACHE_SIZE 8
#define SAE_PT_CACHE_SIZE 4
#define SAE_RETRANS_MS 1000      /* dot11RSNASAERetransPeriod for the station */

struct sae_session;
struct sae_pt;
struct rsn_tkip_cm;

/* One SAE exchange (plugin-sae.c); password and session are secrets. */
struct rsn_plugin_sae {
	bool active;                 /* StartAuthentication .. completion or stop */
	bool pmksa;                  /* Open System with a cached PMKSA, no SAE */
	bool h2e;
	uint32_t akm;                /* 00-0F-AC:8, or 24 (SAE-EXT-KEY: H2E, longer PMK) */
	char password[RSN_SAE_PASSWORD_MAX + 1];
	size_t password_len;
	uint16_t groups[RSN_SAE_GROUPS_MAX];
	size_t n_groups, gi;
	uint16_t rejected[RSN_SAE_GROUPS_MAX];
	size_t n_rejected;
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t bssid[6], own[6];
	struct sae_session *s;
	HANDLE timer;
	unsigned int commits_sent, confirms_sent;
};

/* A derived SAE PT (H2E), cached per (group, SSID, password). */
struct rsn_plugin_pt {
	struct sae_pt *pt;
	uint16_t group;
	uint8_t ssid[32];
	size_t ssid_len;
	char password[RSN_SAE_PASSWORD_MAX + 1]; /* secret */
};

enum adapter_state {
	ST_IDLE,        /* as after InitAdapter */
	ST_PRE_PENDING, /* PerformPreAssociate returned, completion not yet called */
	ST_PRE_DONE,    /* pre-association succeeded; PerformPostAssociate may come */
	ST_POST,        /* a port exists (PerformPostAssociate .. StopPostAssociate) */
};

struct adapter;

/* One Dot11ExtSendPacket buffer; hSendCompletion is its address (contract §3.17). */
struct pkt {
	struct pkt *next;
	struct adapter *a; /* NULL once the adapter is gone */
	size_t len;
	uint8_t buf[];
};

struct adapter {
	struct adapter *next;
	HANDLE svc;
	uint8_t mac[6];
	enum adapter_state state;
	HANDLE pre_timer, post_timer, hs_timer;

	/* pre-association */
	HANDLE connect_session;
	struct rsn_sec_profile prof; /* secrets cleared once the PMK is known */
	uint8_t *bss_ies;            /* the chosen BSS's IEs, copied */
	size_t bss_ies_len;
	uint8_t bss_bssid[6];
	uint32_t bss_reason;         /* non-zero: the BSS list was unusable */
	struct rsn_selection sel;
	uint8_t pmk[RSN_PMK_MAX_LEN]; /* kept for reassociations until AdapterReset */
	size_t pmk_len;              /* SAE's; 0: RSN_PMK_LEN (PSK, EAP) */
	bool pmk_set;
	struct rsn_plugin_sae sae;
	uint8_t pmkid[16];           /* offered from the PMKSA cache (sae.pmksa) */
	uint8_t ssid[32];            /* the profile's SSID (PMKSA cache key) */
	size_t ssid_len;
	bool eap;                    /* WPA-EAP(-SHA256): the host's 802.1X module */
	bool pmksa_offered;          /* a cached EAP PMKID went into the association request */

	/* post-association */
	HANDLE security_session;
	DOT11_MAC_ADDRESS aa;
	struct rsn_hs *hs;
	bool post_completed;         /* PostAssociateCompletion called for this port */
	bool post_ready;             /* a result waits to be delivered */
	DWORD post_reason, post_error;

	/* the passphrase asked of the user (plugin-ui.c) */
	HANDLE ui_timer;
	bool ui_pending;
	GUID ui_guid;
	uint8_t asked_pmk[RSN_PMK_LEN];  /* from the user's answer; kept until DeinitAdapter */
	uint8_t asked_ssid[32];
	size_t asked_ssid_len;
	bool asked_set;

	/* 802.1X (plugin-onex.c) */
	bool onex_running;           /* StartOneX accepted, StopOneX not yet called */
	uint8_t *assoc_copy;         /* PerformPostAssociate's parameters, for the 4-way later */
	size_t assoc_copy_len;
	uint8_t *key_frame;          /* an EAPOL-Key frame that came before the EAP result */
	size_t key_frame_len;

	/* wrong-passphrase detection: message 1 repeated after our message 2 */
	uint8_t m1_anonce[32];
	bool m1_seen;
	uint64_t m1_replay;
	unsigned int m1_repeats;

	/* TKIP countermeasures (plugin-tkip.c); NULL until the first Michael MIC failure */
	struct rsn_tkip_cm *tkip_cm;

	/* diagnostics (Control "stats") */
	struct rsn_hs_stats last;
	uint32_t rx_short, rx_peer, rx_ethertype, rx_no_hs, psk_mismatches;
};

/*
 * Which password each SSID's cached SAE PMKSA came from, as its SHA-256: a
 * connect with another password for the SSID flushes the SSID's PMKSAs
 * first (a PMKSA must not stand in for a password it was not made with).
 */
#define RSN_SAE_CREDS 8
struct rsn_plugin_sae_cred {
	bool used;
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t tag[32];
};

struct rsn_plugin_global {
	bool up;
	DOT11EXT_APIS api;
	DOT11EXT_LINUX_APIS lx;
	struct rsn_pmk_cache *pmk_cache;
	struct rsn_pmk_prefetch *pmk_prefetch; /* PBKDF2 begun at ValidateProfile */
	struct rsn_pmksa_cache *pmksa;   /* PMKs from SAE and EAP by (AP, SSID, AKM) */
	struct rsn_plugin_pt pts[SAE_PT_CACHE_SIZE];
	struct rsn_plugin_sae_cred sae_creds[RSN_SAE_CREDS];
	bool sae_ok;               /* the auth handlers are registered */
	struct adapter *adapters;
	struct pkt *pkts;
};

/* The plugin's one state (plugin.c); touched only on the host's loop thread. */
extern struct rsn_plugin_global rsn_plugin_g;

#define LOG(lvl, ...)                                                                    \
	do {                                                                             \
		if (rsn_plugin_g.lx.Dot11ExtLinuxLog)                                    \
			rsn_plugin_g.lx.Dot11ExtLinuxLog(DOT11EXT_LINUX_LOG_##lvl,       \
							 __VA_ARGS__);                   \
	} while (0)

/* plugin-keys.c */
DOT11_CIPHER_ALGORITHM rsn_plugin_cipher_algo(uint32_t suite);
DWORD rsn_plugin_mfp_linux(enum rsn_mfp mfp);
/* DOT11_KEY_ALGO_TKIP_MIC for a 32-octet TKIP key as 802.11 gives it; returns its length. */
size_t rsn_plugin_tkip_blob(uint8_t *out, const uint8_t *ctr6, const uint8_t key[32]);
void rsn_plugin_post_result(struct adapter *a, DWORD reason, DWORD error);
void rsn_plugin_post_deliver(struct adapter *a);
void rsn_plugin_hs_stop(struct adapter *a);
extern const struct rsn_hs_ops rsn_plugin_hs_ops;

/* plugin-tkip.c */
uint64_t rsn_plugin_tkip_now_ms(void);
bool rsn_plugin_tkip_blocked(const struct adapter *a, const uint8_t bssid[6]);
DWORD rsn_plugin_tkip_mic_failure(struct adapter *a, const void *buf, size_t len);

/* plugin-adapter.c */
struct adapter *rsn_plugin_adapter_find(HANDLE h);
bool rsn_plugin_pkt_unlink(struct pkt *p);
void rsn_plugin_adapter_clear(struct adapter *a);
DWORD WINAPI rsn_plugin_init_adapter(PDOT11_ADAPTER pDot11Adapter, HANDLE hDot11SvcHandle,
				     PHANDLE phIhvExtAdapter);
void rsn_plugin_adapter_free(struct adapter *a);
VOID WINAPI rsn_plugin_deinit_adapter(HANDLE hIhvExtAdapter);
DWORD WINAPI rsn_plugin_adapter_reset(HANDLE hIhvExtAdapter);

/* plugin-pre.c */
DWORD WINAPI rsn_plugin_validate_profile(HANDLE hIhvExtAdapter,
					 PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
					 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
					 PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
					 PDWORD pdwReasonCode);
DWORD WINAPI rsn_plugin_perform_capability_match(HANDLE hIhvExtAdapter,
						 PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
						 PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
						 PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
						 PDOT11_BSS_LIST pConnectableBssid,
						 PDWORD pdwReasonCode);
DWORD WINAPI rsn_plugin_create_discovery_profiles(
	HANDLE hIhvExtAdapter, BOOL bInsecure, PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
						  PDOT11_BSS_LIST pConnectableBssid,
	PDOT11EXT_IHV_DISCOVERY_PROFILE_LIST pIhvDiscoveryProfileList, PDWORD pdwReasonCode);
void rsn_plugin_bss_ies_free(struct adapter *a);
void WINAPI rsn_plugin_pre_timer_cb(HANDLE t, LPVOID ctx);
DWORD WINAPI rsn_plugin_perform_pre_associate(HANDLE hIhvExtAdapter, HANDLE hConnectSession,
					      PDOT11EXT_IHV_PROFILE_PARAMS pIhvProfileParams,
					      PDOT11EXT_IHV_CONNECTIVITY_PROFILE pIhvConnProfile,
					      PDOT11EXT_IHV_SECURITY_PROFILE pIhvSecProfile,
					      PDOT11_BSS_LIST pConnectableBssid,
					      PDWORD pdwReasonCode);

/* plugin-post.c */
DWORD WINAPI rsn_plugin_perform_post_associate(HANDLE hIhvExtAdapter, HANDLE hSecuritySessionID,
					       PDOT11_PORT_STATE pPortState,
					       ULONG uDot11AssocParamsBytes,
					       PDOT11_ASSOCIATION_COMPLETION_PARAMETERS pDot11AssocParams);
DWORD WINAPI rsn_plugin_stop_post_associate(HANDLE hIhvExtAdapter, PDOT11_MAC_ADDRESS pPeer,
					    DOT11_ASSOC_STATUS dot11AssocStatus);
void rsn_plugin_psk_mismatch(struct adapter *a);
DWORD WINAPI rsn_plugin_receive_packet(HANDLE hIhvExtAdapter, DWORD dwInBufferSize,
				       LPVOID pvInBuffer);
DWORD WINAPI rsn_plugin_send_packet_completion(HANDLE hSendCompletion);

/* plugin-sae.c */
extern const DOT11EXT_LINUX_AUTH_HANDLERS rsn_plugin_auth_handlers;
/* Pre-association for SAE: keep the password, look up the PMKSA; an RSN_REASON_*. */
uint32_t rsn_plugin_sae_prepare(struct adapter *a, const uint8_t bssid[6]);
/* End an exchange (no completion), cleanse its secrets. */
void rsn_plugin_sae_clear(struct adapter *a);
void WINAPI rsn_plugin_sae_timer_cb(HANDLE t, LPVOID ctx);
void rsn_plugin_sae_pts_free(void);
/* plugin-onex.c */
uint32_t rsn_plugin_onex_post_start(struct adapter *a,
				    const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *ap, size_t total);
/* A non-Key EAPOL frame while the host's 802.1X module runs (or should, after a refused
 * PMKID): true if it was taken. EAPOL-Key before the PMK exists is kept for later. */
bool rsn_plugin_onex_rx(struct adapter *a, const uint8_t *frame, size_t len);
void rsn_plugin_onex_stop(struct adapter *a);
DWORD WINAPI rsn_plugin_onex_indicate_result(HANDLE hIhvExtAdapter, DOT11_MSONEX_RESULT r,
					     PDOT11_MSONEX_RESULT_PARAMS p);
/* Pre-association: a cached PMKSA for this BSS? Sets a->pmk and the PMKID. */
bool rsn_plugin_onex_pmksa_lookup(struct adapter *a, uint8_t pmkid[16]);

/* plugin-post.c (also used by plugin-onex.c) */
uint32_t rsn_plugin_hs_start(struct adapter *a, const DOT11_ASSOCIATION_COMPLETION_PARAMETERS *ap,
			     size_t total);

/* plugin-ui.c: asking the user for a PSK passphrase */
bool rsn_plugin_ui_pmk(struct adapter *a);
uint32_t rsn_plugin_ui_ask(struct adapter *a);
void rsn_plugin_ui_cancel(struct adapter *a);
void rsn_plugin_ui_forget(struct adapter *a);
void WINAPI rsn_plugin_ui_timer_cb(HANDLE t, LPVOID ctx);
DWORD WINAPI rsn_plugin_is_ui_request_pending(GUID guidUIRequest, PBOOL pbIsRequestPending);
DWORD WINAPI rsn_plugin_process_ui_response(GUID guidUIRequest, DWORD dwByteCount,
					    LPVOID pvResponseBuffer);

/* plugin-control.c */
DWORD WINAPI rsn_plugin_control(HANDLE hIhvExtAdapter, DWORD dwInBufferSize, PBYTE pInBuffer,
				DWORD dwOutBufferSize, PBYTE pOutBuffer, PDWORD pdwBytesReturned);

#endif
