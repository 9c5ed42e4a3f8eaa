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

	/* Vendor pass-through (Dot11ExtNicSpecificExtension); -EOPNOTSUPP if none. */
	int (*vendor_cmd)(struct drv *d, uint32_t ifindex, const uint8_t *in,
			  size_t in_len, uint8_t *out, size_t *out_len);
};

/* Every driver instance starts with this, so the host can reach the ops. */
struct drv {
	const struct drv_ops *ops;
};

/* The nl80211 driver (src/nl80211). NULL on failure, with the reason logged. */
struct drv *nl80211_drv_new(const struct drv_io *io, drv_event_cb cb,
			    void *cb_ctx);

#endif
