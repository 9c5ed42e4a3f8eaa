/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ihvd's configuration, in wpa_supplicant.conf style:
 *
 *   ctrl_interface=DIR=/run/ihvd GROUP=netdev   (or just a directory)
 *   ctrl_interface_group=netdev
 *   ihv_plugin=/usr/local/lib/ihvd/ihv-rsn.so
 *   eapol_path=auto|nl80211|packet
 *   plugin_isolation=isolated|inline            (default isolated: ihvd-plugin-host)
 *   plugin_user=nobody                          (the plugin process's user)
 *   plugin_handler_timeout_ms=5000              (a handler past it is killed)
 *   plugin_share_cpu=1                          (0: the host never runs on ihvd's CPU)
 *   update_config=1                             (accepted, ignored)
 *   network={
 *       ssid="name" | 6e616d65 | P"printf\x20escaped"
 *       psk="passphrase 8..63 printable" | 64 hex digits
 *       key_mgmt=WPA-PSK WPA-PSK-SHA256 SAE | NONE  (any non-empty subset)
 *       sae_password="..."   (else the psk passphrase is the SAE password)
 *       sae_pwe=0|1|2   sae_groups=19 20 21   (also global: the networks' default)
 *       ieee80211w=0|1|2   pairwise=CCMP ...   group=CCMP ...
 *       bssid=02:00:00:00:00:00   scan_ssid=0|1   priority=N   disabled=0|1
 *       scan_freq=2412 5180 ...   (channels to try first: the cold start's hint)
 *       id_str="..."   ihv_profile="..." (the plugin's own profile fragment)
 *       key_mgmt=WPA-EAP WPA-EAP-SHA256 eap= identity= password= ca_cert= ...
 *                      (802.1X through the host's module: config-eap.h)
 *   }
 *
 * Loading is all or nothing: any bad line fails the load, with every error
 * reported as "FILE:LINE: field: problem". The same validators serve the
 * control socket's SET_NETWORK. Secrets are cleared when freed or replaced.
 */
#ifndef IHVD_DAEMON_CONFIG_H
#define IHVD_DAEMON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nl80211/driver.h"

#define CONFIG_PASSPHRASE_MIN 8
#define CONFIG_PASSPHRASE_MAX 63
#define CONFIG_PSK_LEN 32
#define CONFIG_PROFILE_MAX 4000 /* ihv_profile bytes */
/* The reference plugin's longest profile fragment (RSN_PROFILE_MAX_UNITS, UTF-16 units)
 * and what the connectivity fragment needs besides ihv_profile (its elements, the SSID). */
#define CONFIG_FRAGMENT_UNITS_MAX 8192
#define CONFIG_FRAGMENT_OVERHEAD 256
#define CONFIG_ID_STR_MAX 255
#define CONFIG_SCAN_FREQ_MAX 16
#define CONFIG_FREQ_LIST_MAX 64 /* freq_list= entries (global and per network) */
#define CONFIG_BSSID_IGNORE_MAX 32

/* Key management, as a bit set. */
enum config_akm {
	CONFIG_AKM_NONE = 1u << 0,
	CONFIG_AKM_PSK = 1u << 1,        /* 00-0F-AC:2 */
	CONFIG_AKM_PSK_SHA256 = 1u << 2, /* 00-0F-AC:6 */
	CONFIG_AKM_SAE = 1u << 3,        /* 00-0F-AC:8 */
	CONFIG_AKM_EAP = 1u << 4,        /* 00-0F-AC:1, WPA-EAP (config-eap.h) */
	CONFIG_AKM_EAP_SHA256 = 1u << 5, /* 00-0F-AC:5, WPA-EAP-SHA256 */
	CONFIG_AKM_SAE_EXT_KEY = 1u << 6, /* 00-0F-AC:24, SAE-EXT-KEY (hash-to-element only) */
};

/* Either SAE AKM: the plugin picks 24 over 8 when the AP offers both (rsn/select.c). */
#define CONFIG_AKM_SAE_ANY (CONFIG_AKM_SAE | CONFIG_AKM_SAE_EXT_KEY)

/* Pairwise / group ciphers, as a bit set. */
enum config_cipher {
	CONFIG_CIPHER_CCMP = 1u << 0,     /* 00-0F-AC:4 */
	CONFIG_CIPHER_GCMP = 1u << 1,     /* 00-0F-AC:8 */
	CONFIG_CIPHER_GCMP_256 = 1u << 2, /* 00-0F-AC:9 */
	CONFIG_CIPHER_CCMP_256 = 1u << 3, /* 00-0F-AC:10 */
	/*
	 * 00-0F-AC:2: a group cipher only (a WPA/WPA2 mixed-mode AP's). In pairwise= it is
	 * accepted next to another cipher, as wpa_supplicant's files carry it, and never used.
	 */
	CONFIG_CIPHER_TKIP = 1u << 4,
};

#define CONFIG_AKM_ALL (CONFIG_AKM_NONE | CONFIG_AKM_PSK | CONFIG_AKM_PSK_SHA256 | \
			CONFIG_AKM_SAE | CONFIG_AKM_EAP | CONFIG_AKM_EAP_SHA256 | \
			CONFIG_AKM_SAE_EXT_KEY)
#define CONFIG_SAE_PASSWORD_MAX 128
#define CONFIG_SAE_GROUPS_MAX 8
#define CONFIG_CIPHER_ALL (CONFIG_CIPHER_CCMP | CONFIG_CIPHER_GCMP | \
			   CONFIG_CIPHER_GCMP_256 | CONFIG_CIPHER_CCMP_256)
/* The ciphers a group may use: those and TKIP (mixed mode). */
#define CONFIG_GROUP_ALL (CONFIG_CIPHER_ALL | CONFIG_CIPHER_TKIP)
/* A network block's defaults, as wpa_supplicant's: pairwise CCMP, group CCMP TKIP. */
#define CONFIG_PAIRWISE_DEFAULT CONFIG_CIPHER_CCMP
#define CONFIG_GROUP_DEFAULT (CONFIG_CIPHER_CCMP | CONFIG_CIPHER_TKIP)

struct config_network {
	int id;
	uint8_t ssid[DRV_SSID_MAX];
	size_t ssid_len;
	bool ssid_set;
	/* Exactly one of passphrase / psk, or neither (key_mgmt NONE). */
	char passphrase[CONFIG_PASSPHRASE_MAX + 1];
	bool passphrase_set;
	uint8_t psk[CONFIG_PSK_LEN];
	bool psk_set;
	char sae_password[CONFIG_SAE_PASSWORD_MAX + 1]; /* secret */
	bool sae_password_set;
	int sae_pwe;            /* -1: the global default */
	uint16_t sae_groups[CONFIG_SAE_GROUPS_MAX]; /* none: the global default */
	size_t n_sae_groups;
	unsigned int key_mgmt;  /* enum config_akm bits */
	unsigned int pairwise;  /* enum config_cipher bits */
	unsigned int group;     /* enum config_cipher bits */
	int ieee80211w;         /* 0 disabled, 1 optional, 2 required */
	uint8_t bssid[DRV_ETH_ALEN];
	bool bssid_set;
	bool scan_ssid;
	uint32_t scan_freq[CONFIG_SCAN_FREQ_MAX]; /* MHz; scanned first */
	size_t n_scan_freq;
	int priority;
	bool disabled;
	char *id_str;           /* NULL if unset */
	char *ihv_profile;      /* NULL if unset; may hold secrets */
	/* wpa_supplicant.conf fields beyond ihvd's own (config-compat.c). */
	bool ieee80211w_set;    /* else the global pmf= applies */
	uint32_t freq_list[CONFIG_FREQ_LIST_MAX]; /* MHz; only these BSSes */
	size_t n_freq_list;
	char *file_text;        /* the block's lines as read (config-save.c); secret */
	bool mem_only_psk;      /* PSK without psk: the plugin asks (CTRL-REQ-PSK_PASSPHRASE) */
	struct config_eap *eap; /* the 802.1X fields (config-eap.h); NULL if none */
	/*
	 * A network the plugin proposed (CreateDiscoveryProfiles, station-discovery.c):
	 * its two fragments go to the plugin as they are, and the block is never saved.
	 */
	char *discovery_conn, *discovery_sec;

	/* Runtime state kept by the connection policy (station.c), not from the file. */
	unsigned int auth_failures;
	bool temp_disabled;
	unsigned int why_logged; /* select-why.h causes already logged */

	struct config_network *next;
};

struct config {
	char *path;
	char *ctrl_dir;         /* NULL: no control socket */
	char *ctrl_group;       /* NULL: root only */
	gid_t ctrl_gid;         /* valid when ctrl_group is set */
	char *ihv_plugin;       /* NULL if unset */
	/* issue 11: the plugin in a process of its own (ihvd-plugin-host) */
	bool plugin_inline;     /* plugin_isolation=inline; default isolated */
	char *plugin_user;      /* plugin_user=; NULL: nobody */
	uint32_t plugin_handler_timeout_ms; /* plugin_handler_timeout_ms=; 0: 5000 */
	bool plugin_cpu_unshared; /* plugin_share_cpu=0 (core/isolate-cpu.c) */
	enum drv_eapol_path eapol_path;
	int sae_pwe;            /* global sae_pwe (wpa_supplicant's default 0) */
	uint16_t sae_groups[CONFIG_SAE_GROUPS_MAX]; /* global sae_groups; none: 19 */
	size_t n_sae_groups;
	bool has_secret;        /* some network holds a psk */
	struct config_network *networks; /* in id order */
	int next_id;
	/* wpa_supplicant.conf globals (config-compat.c). */
	char country[3];        /* ISO 3166-1 alpha-2 or "00"; "" unset */
	int ap_scan;            /* 1 (the only mode ihvd runs) */
	bool update_config;     /* SAVE_CONFIG may rewrite the file */
	int pmf;                /* ieee80211w for networks that do not set it */
	uint32_t freq_list[CONFIG_FREQ_LIST_MAX]; /* MHz; scan and join only these */
	size_t n_freq_list;
	char *file_text;        /* the lines before the first network block (config-save.c) */
	char *file_tail;        /* the lines after the last one */
	/* Run time only: BSSID_IGNORE's list (never saved). */
	uint8_t bssid_ignore[CONFIG_BSSID_IGNORE_MAX][DRV_ETH_ALEN];
	size_t n_bssid_ignore;
};

/*
 * Parse the file at path. NULL on any error; err then holds every error,
 * one "PATH:LINE: problem" per line (truncated to err_len). A readable-by-
 * group/others file holding a psk draws a warning through log.h.
 */
struct config *config_load(const char *path, char *err, size_t err_len);
/*
 * The same parse of a file's text held in memory (len bytes, NULs counted as in a
 * file); name stands for the path in errors. No mode check: there is no file.
 */
struct config *config_load_text(const char *name, const char *text, size_t len, char *err,
				size_t err_len);
/* An empty configuration (for tests and the control socket). */
struct config *config_new(void);
void config_free(struct config *c);

/* Set a global option by name (the file's "name=value" outside a block). */
int config_global_set(struct config *c, const char *name, const char *value,
		      char *err, size_t err_len);

/* A new network with the defaults (key_mgmt WPA-PSK, CCMP, ieee80211w 0), appended. */
struct config_network *config_network_add(struct config *c);
struct config_network *config_network_get(const struct config *c, int id);
/* 0, or -1 if there is no network with that id. */
int config_network_remove(struct config *c, int id);
/*
 * Set one field from its config-file text form ("\"name\"", hex, ...).
 * 0, or -1 with err = "field: problem" (nothing changed then).
 */
int config_network_set(struct config_network *n, const char *name,
		       const char *value, char *err, size_t err_len);
/*
 * A field in its config-file text form. -1 for unknown or unset fields and
 * always for psk (secrets never leave the daemon).
 */
int config_network_value(const struct config_network *n, const char *name,
			 char *buf, size_t len);
/* Can the network authenticate with SAE (SAE allowed, a password for it)? */
bool config_network_sae_ok(const struct config_network *n);
/* Is the block complete and consistent (ssid set, psk when PSK, ...)? */
int config_network_check(const struct config_network *n, char *err,
			 size_t err_len);

const char *config_akm_name(enum config_akm akm);
uint32_t config_akm_suite(enum config_akm akm);      /* 0 for NONE */
const char *config_cipher_name(enum config_cipher cipher);
uint32_t config_cipher_suite(enum config_cipher cipher);
/* The reverse: the enum config_akm / config_cipher bit of a suite, or 0. */
unsigned int config_akm_bit(uint32_t suite);
unsigned int config_cipher_bit(uint32_t suite);

/* A key_mgmt (akm true) or cipher bit set as the file spells it: "A B C". */
void config_list_txt(unsigned int set, bool akm, char *buf, size_t len);

/*
 * The SSID in wpa_supplicant's printf-escaped text form (\", \\, \e, \n,
 * \r, \t, \xHH; printable ASCII as is). out gets at most out_len-1 chars.
 */
void config_ssid_txt(const uint8_t *ssid, size_t len, char *out, size_t out_len);

#endif
