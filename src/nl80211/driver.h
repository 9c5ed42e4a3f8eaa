/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The driver seam: the one ops table between ihvd's host and a radio driver.
 *
 * The host calls commands through struct drv_ops; the driver reports events
 * through the callback it was given at creation, and watches its file
 * descriptors through struct drv_io, which the host implements on its event
 * loop. The nl80211 implementation lives beside this header; tests/sim has a
 * simulated one. Nothing here knows of the plugin contract.
 *
 * Conventions: commands return 0 or a negative errno and never block on the
 * air (a command is done when the kernel acked it). Cipher and AKM suites are
 * the 32-bit suite selectors (OUI << 8 | type, e.g. 0x000fac04 for CCMP).
 * Pointers in events are valid only for the duration of the callback.
 */
#ifndef IHVD_NL80211_DRIVER_H
#define IHVD_NL80211_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DRV_ETH_ALEN 6
#define DRV_SSID_MAX 32
#define DRV_IFNAME_MAX 16
#define DRV_ETHERTYPE_LISTEN_MAX 8  /* EtherTypes besides 0x888E (ethertype_listen) */

struct drv;

enum drv_log_level {
	DRV_LOG_ERROR,
	DRV_LOG_WARN,
	DRV_LOG_INFO,
	DRV_LOG_DEBUG,
};

/* What the host lends the driver: fd watching and logging. */
struct drv_io {
	void *ctx;
	int (*watch_fd)(void *ctx, int fd, void (*cb)(void *arg, int fd),
			void *arg);
	void (*unwatch_fd)(void *ctx, int fd);
	void (*log)(void *ctx, enum drv_log_level level, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
};

enum drv_eapol_path {
	DRV_EAPOL_AUTO,      /* control port over nl80211 when the wiphy can */
	DRV_EAPOL_NL80211,   /* NL80211_CMD_CONTROL_PORT_FRAME */
	DRV_EAPOL_PACKET,    /* PF_PACKET socket, ETH_P_PAE */
};

struct drv_capa {
	uint32_t wiphy;
	uint8_t mac[DRV_ETH_ALEN];
	char ifname[DRV_IFNAME_MAX];
	uint32_t ciphers[32];
	size_t n_ciphers;
	uint32_t akms[32];            /* empty when the wiphy does not list them */
	size_t n_akms;
	bool control_port_over_nl80211;
	bool control_port_no_preauth;
	bool can_replace_ptk0;
	bool ext_key_id;
	bool supports_connect;        /* NL80211_CMD_CONNECT */
	bool supports_auth_assoc;     /* NL80211_CMD_AUTHENTICATE/ASSOCIATE */
	bool sae;                     /* NL80211_FEATURE_SAE: SAE in userspace SME */
	bool sae_offload;             /* the firmware runs SAE (EXT_FEATURE_SAE_OFFLOAD) */
	uint32_t max_scan_ssids;
};

/* One BSS from the scan results; IEs exactly as received. */
struct drv_bss {
	uint8_t bssid[DRV_ETH_ALEN];
	uint32_t freq;                /* MHz */
	int32_t signal_mbm;           /* 100 * dBm */
	uint16_t capability;
	uint16_t beacon_interval;
	uint64_t tsf;
	uint32_t seen_ms_ago;
	const uint8_t *ies;           /* probe response IEs, else the latest frame's */
	size_t ies_len;
	bool ies_from_probe;
	const uint8_t *beacon_ies;    /* beacon IEs, NULL when none was received */
	size_t beacon_ies_len;
};

struct drv_scan_params {
	const uint8_t (*ssids)[DRV_SSID_MAX]; /* probe for these (hidden networks) */
	const size_t *ssid_lens;
	size_t n_ssids;               /* 0: passive/wildcard probe */
	const uint32_t *freqs;        /* NULL/0: all channels */
	size_t n_freqs;
};

enum drv_mfp {
	DRV_MFP_NO,
	DRV_MFP_OPTIONAL,
	DRV_MFP_REQUIRED,
};

struct drv_connect_params {
	const uint8_t *ssid;
	size_t ssid_len;
	const uint8_t *bssid;         /* NULL: driver chooses */
	uint32_t freq;                /* 0: any */
	const uint8_t *ies;           /* extra IEs for the (Re)Association Request: RSNE, RSNXE */
	size_t ies_len;
	uint32_t wpa_versions;        /* NL80211_WPA_VERSION_* bits; 0 = open */
	uint32_t akm_suite;           /* 0: none */
	uint32_t pairwise_cipher;     /* 0: none */
	uint32_t group_cipher;        /* 0: none */
	enum drv_mfp mfp;
	bool control_port;            /* port starts unauthorized; EAPOL via control port */
	uint16_t control_port_ethertype; /* host byte order; 0x888e */
};

/*
 * One Authentication frame to send through the driver's SME (userspace SME:
 * nl80211 AUTHENTICATE). data: the frame body after the Authentication
 * Algorithm Number field (transaction, status, the rest); NULL/0 for Open
 * System.
 */
struct drv_auth_params {
	const uint8_t *ssid;
	size_t ssid_len;
	const uint8_t *bssid;
	uint32_t freq;                /* MHz, required */
	uint16_t algorithm;           /* IEEE 802.11-2020 9.4.1.1: 0 open, 3 SAE */
	const uint8_t *data;
	size_t data_len;
};

enum drv_key_type {
	DRV_KEY_PAIRWISE,
	DRV_KEY_GROUP,
	DRV_KEY_IGTK,
};

struct drv_key {
	enum drv_key_type type;
	uint32_t cipher_suite;
	uint16_t idx;                 /* 0 for PTK, 1..3 GTK, 4..5 IGTK */
	const uint8_t *key;
	size_t key_len;
	const uint8_t *seq;           /* RSC / IPN as in the frame (little endian); may be NULL */
	size_t seq_len;
	const uint8_t *addr;          /* peer for pairwise; NULL for group keys */
	bool set_default;             /* group: default multicast; IGTK: default mgmt */
};

enum drv_event_type {
	DRV_EVENT_IFACE_ADDED,
	DRV_EVENT_IFACE_REMOVED,
	DRV_EVENT_SCAN_STARTED,
	DRV_EVENT_SCAN_DONE,
	DRV_EVENT_SCAN_ABORTED,
	DRV_EVENT_CONNECT_RESULT,
	DRV_EVENT_DISCONNECTED,
	DRV_EVENT_EAPOL_RX,
	DRV_EVENT_EAPOL_TX_STATUS,
	DRV_EVENT_AUTH_RX,            /* an Authentication frame from the AP */
	DRV_EVENT_MIC_FAILURE,      /* a Michael MIC failure (TKIP) */
	DRV_EVENT_PMKSA_CANDIDATE,  /* a BSS to pre-authenticate with / cache a PMKSA for */
	DRV_EVENT_CQM,              /* connection quality: an RSSI threshold or beacon loss */
};

struct drv_event {
	enum drv_event_type type;
	uint32_t ifindex;
	union {
		struct {
			uint32_t wiphy;
			char ifname[DRV_IFNAME_MAX];
			uint8_t mac[DRV_ETH_ALEN];
		} iface;
		struct {
			uint16_t status;        /* IEEE 802.11 status code; 0 = success */
			bool timed_out;
			uint8_t bssid[DRV_ETH_ALEN];
			uint32_t freq;
			const uint8_t *req_ies;
			size_t req_ies_len;
			const uint8_t *resp_ies;
			size_t resp_ies_len;
		} connect;
		struct {
			uint16_t reason;        /* IEEE 802.11 reason code */
			bool by_ap;             /* false: locally generated */
		} disconnect;
		struct {
			uint8_t src[DRV_ETH_ALEN];
			uint16_t ethertype;     /* host byte order */
			const uint8_t *frame;   /* from the 802.1X header on */
			size_t len;
			bool unencrypted;
		} eapol;
		struct {
			uint64_t cookie;
			bool acked;
		} tx_status;
		struct {
			uint8_t bssid[DRV_ETH_ALEN];
			bool timed_out;         /* no frame: the driver gave up */
			uint16_t algorithm;
			uint16_t transaction;
			uint16_t status;
			const uint8_t *body;    /* after the Status Code field */
			size_t body_len;
		} auth;
		struct {
			uint8_t addr[DRV_ETH_ALEN]; /* the transmitter */
			bool group;             /* the group key (else the pairwise key) */
			int key_idx;            /* -1: not reported */
		} mic_failure;
		struct {
			uint8_t bssid[DRV_ETH_ALEN];
			uint32_t index;         /* the candidate's priority, 0 first */
			bool preauth;
		} pmksa;
		struct {
			bool beacon_loss;
			bool rssi_low;          /* below the threshold (else back above) */
			bool has_rssi;
			int32_t rssi_dbm;
		} cqm;
	};
};

/* The link to the AP now (NL80211_CMD_GET_STATION, NL80211_CMD_GET_SURVEY). */
struct drv_link_info {
	bool signal_valid;
	int32_t signal_dbm;
	uint32_t tx_bitrate_100kbps;  /* 0: unknown */
	bool noise_valid;
	int32_t noise_dbm;
	uint32_t freq;                /* MHz of the survey entry in use; 0 unknown */
};

typedef void (*drv_event_cb)(void *ctx, const struct drv_event *ev);
typedef void (*drv_bss_cb)(void *ctx, const struct drv_bss *bss);
typedef void (*drv_iface_cb)(void *ctx, uint32_t ifindex, const char *ifname);

struct drv_ops {
	const char *name;
	void (*free)(struct drv *d);

	/* Interfaces in station mode that exist now (added ones come as events). */
	int (*iface_list)(struct drv *d, drv_iface_cb cb, void *ctx);
	int (*capa_get)(struct drv *d, uint32_t ifindex, struct drv_capa *capa);
	int (*eapol_path_set)(struct drv *d, uint32_t ifindex,
			      enum drv_eapol_path path);

	int (*scan_trigger)(struct drv *d, uint32_t ifindex,
			    const struct drv_scan_params *params);
	int (*scan_results)(struct drv *d, uint32_t ifindex, drv_bss_cb cb,
			    void *ctx);

	int (*connect)(struct drv *d, uint32_t ifindex,
		       const struct drv_connect_params *params);
	int (*disconnect)(struct drv *d, uint32_t ifindex, uint16_t reason);
	/*
	 * Userspace SME (SAE): send one Authentication frame; the AP's answers
	 * come as DRV_EVENT_AUTH_RX. Then associate: the result comes as
	 * DRV_EVENT_CONNECT_RESULT, as for connect; params->bssid and ->freq are
	 * required. -EOPNOTSUPP when the driver has no userspace SME.
	 */
	int (*authenticate)(struct drv *d, uint32_t ifindex,
			    const struct drv_auth_params *params);
	int (*associate)(struct drv *d, uint32_t ifindex,
			 const struct drv_connect_params *params);

	/* frame: from the 802.1X header on. *cookie (may be NULL) matches TX_STATUS. */
	int (*eapol_tx)(struct drv *d, uint32_t ifindex,
			const uint8_t dst[DRV_ETH_ALEN], uint16_t ethertype,
			const uint8_t *frame, size_t len, bool no_encrypt,
			uint64_t *cookie);

	int (*key_new)(struct drv *d, uint32_t ifindex, const struct drv_key *key);
	int (*key_del)(struct drv *d, uint32_t ifindex, enum drv_key_type type,
		       uint16_t idx, const uint8_t *addr);
	int (*key_default_set)(struct drv *d, uint32_t ifindex, uint16_t idx,
			       bool unicast, bool multicast, bool mgmt);
	int (*station_authorize)(struct drv *d, uint32_t ifindex,
				 const uint8_t addr[DRV_ETH_ALEN], bool authorized);

	/*
	 * Receive these EtherTypes (host byte order) as DRV_EVENT_EAPOL_RX too,
	 * besides 0x888E, which the EAPOL path always carries (listed or not).
	 * Each call replaces the set; n = 0 stops them all. The host calls it
	 * whenever the plugin's registered list changes, and with n = 0 when
	 * the lists are cleared (AdapterReset, DeinitAdapter). nl80211: one
	 * PF_PACKET socket per type, at most DRV_ETHERTYPE_LISTEN_MAX; beyond
	 * that -ENOSPC with the first ones kept. Such frames come with
	 * unencrypted = false (a packet socket cannot tell). NULL in drivers
	 * that deliver only 0x888E.
	 */
	int (*ethertype_listen)(struct drv *d, uint32_t ifindex,
				const uint16_t *types, size_t n);

	/* Vendor pass-through (Dot11ExtNicSpecificExtension); -EOPNOTSUPP if none. */
	int (*vendor_cmd)(struct drv *d, uint32_t ifindex, const uint8_t *in,
			  size_t in_len, uint8_t *out, size_t *out_len);

	/*
	 * wpa_supplicant's extras (src/nl80211/link-info.c); NULL in drivers
	 * without them. The regulatory hint (ISO 3166-1 alpha-2 or "00") and
	 * the domain in force; the link to bssid; abort a running scan.
	 */
	int (*reg_set)(struct drv *d, const char alpha2[3]);
	int (*reg_get)(struct drv *d, char alpha2[3]);
	int (*link_poll)(struct drv *d, uint32_t ifindex,
			 const uint8_t bssid[DRV_ETH_ALEN], struct drv_link_info *out);
	/*
	 * -EALREADY, aborting nothing, when the interface's scan has ended and
	 * its end waits to be delivered (another process's scan may run now).
	 */
	int (*scan_abort)(struct drv *d, uint32_t ifindex);
};

/* Every driver instance starts with this, so the host can reach the ops. */
struct drv {
	const struct drv_ops *ops;
};

/* The nl80211 driver (src/nl80211). NULL on failure, with the reason logged. */
struct drv *nl80211_drv_new(const struct drv_io *io, drv_event_cb cb,
			    void *cb_ctx);

#endif
