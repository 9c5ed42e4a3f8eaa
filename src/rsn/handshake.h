/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Supplicant 4-way and group key handshakes (IEEE 802.11-2020 12.7.6, 12.7.7).
 * I/O-free: frames in through rsn_hs_rx(), everything out through struct rsn_hs_ops.
 */
#ifndef RSN_HANDSHAKE_H
#define RSN_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rsn_akm_info;

#define RSN_HS_DEFAULT_TIMEOUT_MS 5000
#define RSN_HS_MAX_FRAME 2048

enum rsn_mfp {
	RSN_MFP_NONE = 0,
	RSN_MFP_OPTIONAL = 1,
	RSN_MFP_REQUIRED = 2,
};

/* Why a handshake failed. Stable numbers: the plugin maps them into 0x90000..0x9FFFF. */
enum rsn_fail {
	RSN_FAIL_TIMEOUT_MSG1 = 1,   /* no valid message 1 before the deadline */
	RSN_FAIL_TIMEOUT_MSG3 = 2,   /* message 2 sent, no valid message 3 before the deadline */
	RSN_FAIL_TIMEOUT_REKEY = 3,  /* no longer raised: a stalled rekey is abandoned (number kept) */
	RSN_FAIL_NO_RSNE = 4,        /* message 3 carries no RSNE */
	RSN_FAIL_RSNE_MISMATCH = 5,  /* RSNE in message 3 differs from the beacon/probe RSNE */
	RSN_FAIL_RSNXE_MISMATCH = 6, /* RSNXE in message 3 differs from the beacon/probe RSNXE */
	RSN_FAIL_KEY_DATA = 7,       /* MIC-valid Key Data failed to unwrap or parse */
	RSN_FAIL_NO_GTK = 8,         /* no GTK KDE */
	RSN_FAIL_GTK_LEN = 9,        /* GTK length does not match the group cipher */
	RSN_FAIL_NO_IGTK = 10,       /* MFP negotiated but no IGTK KDE in message 3 */
	RSN_FAIL_IGTK_LEN = 11,      /* IGTK length does not match the group mgmt cipher */
	RSN_FAIL_TX = 12,            /* the host could not send an EAPOL frame */
	RSN_FAIL_INSTALL_PTK = 13,   /* the host could not install the pairwise key */
	RSN_FAIL_INSTALL_GTK = 14,
	RSN_FAIL_INSTALL_IGTK = 15,
	RSN_FAIL_CRYPTO = 16,        /* an OpenSSL primitive failed */
};
#define RSN_FAIL_MAX 16

const char *rsn_fail_str(enum rsn_fail reason);

/* Why a received frame was silently dropped (each is counted). */
enum rsn_drop {
	RSN_DROP_MALFORMED = 0,      /* EAPOL-Key framing (see eapol_key_parse) */
	RSN_DROP_DESC_VERSION = 1,   /* Key Descriptor Version wrong for the AKM */
	RSN_DROP_KEY_INFO = 2,       /* Key Information bits invalid for any AP message */
	RSN_DROP_KEY_LENGTH = 3,     /* Key Length does not match the pairwise cipher */
	RSN_DROP_KEY_DATA_LEN = 4,   /* encrypted Key Data not a valid AES-wrap length */
	RSN_DROP_UNEXPECTED = 5,     /* message not valid in the current state */
	RSN_DROP_REPLAY = 6,         /* replay counter did not increase */
	RSN_DROP_ANONCE = 7,         /* message 3 ANonce differs from message 1 */
	RSN_DROP_MIC = 8,            /* MIC did not verify */
	RSN_DROP_AFTER_FAILURE = 9,  /* the handshake already failed */
};
#define RSN_DROP_COUNT 10

const char *rsn_drop_str(enum rsn_drop reason);

struct rsn_hs_stats {
	uint32_t drops[RSN_DROP_COUNT];
	uint32_t msg2_sent, msg4_sent, group2_sent;
	uint32_t msg3_retransmits;     /* answered without reinstalling */
	uint32_t gtk_reinstall_skipped, igtk_reinstall_skipped;
	uint32_t ptk_installs, gtk_installs, igtk_installs;
	uint32_t rekeys_abandoned;     /* 4-ways on a live link that got no valid message 3 */
};

/*
 * Host services. Each int-returning call returns 0 on success. The engine never calls back
 * into itself; failed() and established() are the last thing it does in a call, but the host
 * must not rsn_hs_free() from inside any callback.
 */
struct rsn_hs_ops {
	/* An EAPOL frame from the 802.1X header on (encrypted by the host once a PTK is set). */
	int (*tx)(void *ctx, const uint8_t *eapol, size_t len);
	int (*install_ptk)(void *ctx, uint32_t cipher_suite, const uint8_t *tk, size_t len);
	int (*install_gtk)(void *ctx, uint32_t cipher_suite, uint8_t key_idx, const uint8_t *key,
			   size_t len, const uint8_t rsc[6]);
	int (*install_igtk)(void *ctx, uint32_t cipher_suite, uint16_t key_idx, const uint8_t *key,
			    size_t len, const uint8_t ipn[6]);
	void (*established)(void *ctx); /* first completed 4-way only */
	void (*failed)(void *ctx, enum rsn_fail reason);
	void (*timer_arm)(void *ctx, uint32_t ms); /* one shot; re-arming replaces */
	void (*timer_cancel)(void *ctx);
};

struct rsn_hs_params {
	uint32_t akm;               /* suite selector, e.g. RSN_AKM_PSK */
	uint32_t pairwise_cipher;
	uint32_t group_cipher;
	uint32_t group_mgmt_cipher; /* used when MFP is negotiated */
	enum rsn_mfp mfp;
	const uint8_t *pmk;         /* copied */
	size_t pmk_len;
	uint8_t aa[6];
	uint8_t spa[6];
	const uint8_t *sta_rsne;    /* as sent in the Association Request; copied */
	size_t sta_rsne_len;
	const uint8_t *ap_rsne;     /* from the Beacon/Probe Response; copied */
	size_t ap_rsne_len;
	const uint8_t *sta_rsnxe;   /* optional */
	size_t sta_rsnxe_len;
	const uint8_t *ap_rsnxe;    /* optional */
	size_t ap_rsnxe_len;
	uint32_t timeout_ms;        /* whole 4-way; 0 = RSN_HS_DEFAULT_TIMEOUT_MS */
	uint8_t eapol_version;      /* version we send; 0 = 1, as wpa_supplicant does */
};

struct rsn_hs;

/* NULL if the parameters are consistent, else what is wrong with them. */
const char *rsn_hs_params_check(const struct rsn_hs_params *p);

/* Arms the handshake timer. NULL on bad parameters or allocation failure. */
struct rsn_hs *rsn_hs_new(const struct rsn_hs_params *p, const struct rsn_hs_ops *ops, void *ctx);
/* Clears every key and frees. NULL is allowed. */
void rsn_hs_free(struct rsn_hs *hs);

enum rsn_rx {
	RSN_RX_OK = 0,      /* consumed, answered where needed */
	RSN_RX_DROPPED = 1, /* silently dropped and counted */
	RSN_RX_FAILED = 2,  /* the handshake failed (failed() was called) */
};

/* One EAPOL frame from the AP, 802.1X header onward. */
enum rsn_rx rsn_hs_rx(struct rsn_hs *hs, const uint8_t *frame, size_t len);
/* The host's timer fired. */
void rsn_hs_timeout(struct rsn_hs *hs);

/*
 * IEEE 802.11-2020 12.7.2, 12.5.2.4: an EAPOL-Key MIC failure report (Request, Error, MIC and
 * Secure set; Key Type pairwise when the pairwise key failed), MIC'd with the installed PTK's
 * KCK, its Key Replay Counter above every value used on this PTKSA. 0 when sent; -1 without
 * an installed PTK or if the frame could not go out.
 */
int rsn_hs_mic_failure_report(struct rsn_hs *hs, bool pairwise);

bool rsn_hs_is_established(const struct rsn_hs *hs);
const struct rsn_hs_stats *rsn_hs_stats(const struct rsn_hs *hs);
/* The AKM row the handshake runs with (for SAE-EXT-KEY: the one its PMK length selects). */
const struct rsn_akm_info *rsn_hs_akm(const struct rsn_hs *hs);

/* Test hook: the next fresh SNonce is this one instead of a CSPRNG output. */
void rsn_hs_test_set_snonce(struct rsn_hs *hs, const uint8_t snonce[32]);

#endif
