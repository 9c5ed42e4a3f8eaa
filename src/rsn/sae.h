/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * WPA3 SAE (IEEE 802.11-2020 12.4) for a station over a userspace SME: password element by
 * hunting-and-pecking (12.4.4.2.2) or hash-to-element (12.4.4.2.3), Commit/Confirm
 * (12.4.5), anti-clogging (12.4.6) and the protocol instance state machine (12.4.8.6).
 * ECC groups 19, 20 and 21 only.
 *
 * I/O-free and timer-free: the caller feeds the body of every SAE Authentication frame
 * (after Algorithm, Transaction Sequence and Status) together with its status code, sends
 * what the result asks for, and runs the retransmission timer, calling
 * sae_session_timeout() when it fires.
 *
 * Hash choices (IEEE 802.11-2020 12.4.2, Table 12-1): hash-to-element uses the group's hash
 * (SHA-256/384/512 for 19/20/21) everywhere; hunting-and-pecking uses SHA-256 for every
 * group, as IEEE 802.11-2016 did and hostapd/wpa_supplicant do, so KCK and Confirm are
 * 32 octets there. The PMK is 32 octets for AKM 00-0F-AC:8; for AKM 00-0F-AC:24
 * (SAE-EXT-KEY, IEEE 802.11-2024 12.4.5.4) it is as long as the hash: 32, 48 or 64 octets,
 * and SAE-EXT-KEY runs only with hash-to-element.
 */
#ifndef RSN_SAE_H
#define RSN_SAE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* IEEE 802.11-2020 Table 9-50 status codes SAE uses. */
#define SAE_STATUS_SUCCESS 0
#define SAE_STATUS_UNSPECIFIED_FAILURE 1
#define SAE_STATUS_CHALLENGE_FAIL 15
#define SAE_STATUS_ANTI_CLOGGING_TOKEN_REQUIRED 76
#define SAE_STATUS_GROUP_NOT_SUPPORTED 77
#define SAE_STATUS_UNKNOWN_PASSWORD_IDENTIFIER 123
#define SAE_STATUS_HASH_TO_ELEMENT 126

#define SAE_PMK_LEN 32
#define SAE_PMK_MAX_LEN 64        /* SAE-EXT-KEY with group 21 (SHA-512) */
#define SAE_PMKID_LEN 16
#define SAE_TOKEN_MAX 254         /* fits one Anti-Clogging Token Container element */
#define SAE_IDENTIFIER_MAX 254    /* fits one Password Identifier element */
#define SAE_REJECTED_GROUPS_MAX 8
#define SAE_COMMIT_MAX_LEN 800    /* >= every commit body this engine builds */
#define SAE_CONFIRM_MAX_LEN (2 + 64)
#define SAE_DEFAULT_SYNC 5        /* dot11RSNASAESync */
#define SAE_DEFAULT_HNP_K 40      /* 12.4.4.2.2: "k ... at least 40" */

/* Whether a group number is one this engine implements (19, 20, 21). */
bool sae_group_supported(uint16_t group);

/*
 * SAE password element seed for hash-to-element (12.4.4.2.3): derived once per
 * (password, SSID, password identifier) and group; the caller may cache it. It is a
 * password equivalent: keep it as secret as the password. Frees cleanse it.
 */
struct sae_pt;

/* NULL for an unsupported group, an empty password/SSID, an identifier > 254 octets. */
struct sae_pt *sae_pt_new(uint16_t group, const uint8_t *password, size_t password_len,
			  const uint8_t *ssid, size_t ssid_len, const uint8_t *identifier,
			  size_t identifier_len);
void sae_pt_free(struct sae_pt *pt);
uint16_t sae_pt_group(const struct sae_pt *pt);

/* IEEE 802.11-2020 12.4.8.6: protocol instance states (FAILED = the instance got Del). */
enum sae_state {
	SAE_STATE_NOTHING,
	SAE_STATE_COMMITTED,
	SAE_STATE_CONFIRMED,
	SAE_STATE_ACCEPTED,
	SAE_STATE_FAILED,
};

const char *sae_state_str(enum sae_state state);

/* What a call did and what the caller has to do next. */
enum sae_result {
	SAE_OK,                  /* done, nothing to send */
	SAE_TX_COMMIT,           /* (re)send sae_session_commit_build() */
	SAE_TX_CONFIRM,          /* send sae_session_confirm_build() */
	SAE_TX_COMMIT_CONFIRM,   /* resend the Commit, then send a new Confirm */
	SAE_ACCEPTED,            /* the peer's Confirm verified: PMK/PMKID are ready */
	SAE_DISCARD,             /* frame silently discarded (12.4.8.6), nothing changes */
	SAE_GROUP_UNSUPPORTED,   /* peer rejected our group (status 77) or used another one */
	SAE_PEER_REJECTED,       /* peer answered with a failure status (e.g. 1, 15, 123) */
	SAE_STATUS_MISMATCH,     /* status 0 vs 126 does not match H&P vs H2E */
	SAE_MALFORMED,           /* body too short/long, bad element, wrong group in a 76 */
	SAE_INVALID_SCALAR,      /* peer scalar not in 1 < s < r */
	SAE_INVALID_ELEMENT,     /* peer element off the curve, >= p, or infinity */
	SAE_REFLECTED,           /* peer scalar or element equal to ours */
	SAE_AKM_MISMATCH,        /* peer's AKM Suite Selector element is not our AKM's */
	SAE_CONFIRM_MISMATCH,    /* peer's Confirm does not verify (wrong password) */
	SAE_SYNC_EXCEEDED,       /* dot11RSNASAESync exceeded: instance deleted */
	SAE_BAD_STATE,           /* call not valid in this state */
	SAE_BUFFER_TOO_SMALL,
	SAE_INVALID_ARGUMENT,
	SAE_CRYPTO_ERROR,        /* OpenSSL failed or (k = 0 / K at infinity) */
};

const char *sae_result_str(enum sae_result res);
/* The status code a responder would send for a failed frame (77, 1, ...); 0 for success. */
uint16_t sae_result_status(enum sae_result res);

struct sae_session_config {
	uint16_t group;                    /* 19, 20 or 21 */
	/* exactly one of: a PT (hash-to-element) or a password (hunting-and-pecking) */
	const struct sae_pt *pt;           /* copied what is needed; caller keeps ownership */
	const uint8_t *password;
	size_t password_len;
	/* H&P only (H2E takes the PT's): sent in a Password Identifier element */
	const uint8_t *identifier;
	size_t identifier_len;
	uint8_t own_addr[6];
	uint8_t peer_addr[6];
	/* H2E only: groups the peer rejected earlier (sent as Rejected Groups, 12.4.5.3) */
	const uint16_t *rejected_groups;
	size_t n_rejected_groups;
	unsigned int sync_max;             /* dot11RSNASAESync; 0 = SAE_DEFAULT_SYNC */
	unsigned int hnp_k;                /* H&P iterations; < 40 means 40 */
	/*
	 * AKM 00-0F-AC:24 (SAE-EXT-KEY) instead of 00-0F-AC:8: needs a PT (hash-to-element);
	 * the Commit carries an AKM Suite Selector element and the PMK is as long as the hash.
	 */
	bool ext_key;
};

struct sae_session;

/* Derives the password element (PWE) now; NULL on a bad config or crypto failure. */
struct sae_session *sae_session_new(const struct sae_session_config *cfg);
/* Cleanses PWE, rand, mask, KCK, PMK and the password-derived state. NULL is fine. */
void sae_session_free(struct sae_session *s);

enum sae_state sae_session_state(const struct sae_session *s);
bool sae_session_h2e(const struct sae_session *s);
uint16_t sae_session_group(const struct sae_session *s);
/* The status code for our Commit frames: 0 (H&P) or 126 (H2E). */
uint16_t sae_session_commit_status(const struct sae_session *s);

/*
 * The Commit body (12.4.7.4): Group, [H&P: token], Scalar, Element, [Password Identifier],
 * [H2E: Rejected Groups], [H2E: Anti-Clogging Token Container],
 * [SAE-EXT-KEY: AKM Suite Selector]. The first call (state
 * Nothing) chooses rand and mask and moves to Committed; later calls rebuild the same
 * Commit (retransmission, or with the token after a status 76).
 */
enum sae_result sae_session_commit_build(struct sae_session *s, uint8_t *buf, size_t cap,
					 size_t *len);
/*
 * A Commit frame from the peer (transaction 1): its status code and body. Results:
 * TX_CONFIRM (keys derived, now Confirmed), TX_COMMIT (status 76: token stored, resend),
 * TX_COMMIT_CONFIRM (peer resent its Commit while we are Confirmed), GROUP_UNSUPPORTED,
 * PEER_REJECTED, SYNC_EXCEEDED, DISCARD, or a validation error with the state unchanged.
 */
enum sae_result sae_session_rx_commit(struct sae_session *s, uint16_t status,
				      const uint8_t *body, size_t len);
/* The Confirm body (12.4.7.5): Send-Confirm LE16, Confirm. Valid from Confirmed on. */
enum sae_result sae_session_confirm_build(struct sae_session *s, uint8_t *buf, size_t cap,
					  size_t *len);
/*
 * A Confirm frame from the peer (transaction 2). ACCEPTED when it verifies in Confirmed;
 * in Accepted a newer valid Confirm gives TX_CONFIRM (send-confirm 2^16-1), an old one
 * DISCARD; in Committed it counts as a sync event and gives TX_COMMIT.
 */
enum sae_result sae_session_rx_confirm(struct sae_session *s, uint16_t status,
				       const uint8_t *body, size_t len);
/*
 * The caller's retransmission timer fired (12.4.8.6.4/5): TX_COMMIT in Committed,
 * TX_CONFIRM (new Send-Confirm) in Confirmed, SYNC_EXCEEDED once dot11RSNASAESync is
 * exceeded, OK in Accepted (stop the timer).
 */
enum sae_result sae_session_timeout(struct sae_session *s);

/* The PMK's length: 32, or with ext_key the hash's (32, 48, 64). */
size_t sae_session_pmk_len(const struct sae_session *s);
/* PMK (sae_session_pmk_len octets) and PMKID (16 octets); BAD_STATE before Accepted. */
enum sae_result sae_session_pmk_get(const struct sae_session *s, uint8_t *pmk,
				    uint8_t pmkid[SAE_PMKID_LEN]);

/* Counters for the caller's logs (no secrets). */
struct sae_session_counters {
	unsigned int sync;          /* 12.4.8.6 Sync */
	uint16_t send_confirm;      /* Sc */
	uint16_t recv_confirm;      /* Rc */
	bool have_token;
};
void sae_session_counters_get(const struct sae_session *s, struct sae_session_counters *out);

/*
 * Known-answer tests only (IEEE 802.11-2020 Annex J style vectors): fix rand and mask
 * before the first sae_session_commit_build(), read the PWE (x || y), the PT (x || y) and
 * the keys. Never use them in the plugin: they defeat the point of secret randomness.
 */
enum sae_result sae_session_test_set_rand_mask(struct sae_session *s, const uint8_t *rand,
					       size_t rand_len, const uint8_t *mask,
					       size_t mask_len);
enum sae_result sae_session_test_pwe(const struct sae_session *s, uint8_t *out, size_t cap,
				     size_t *len);
/* KCK, PMK and PMKID as soon as they exist (Confirmed), before the peer's Confirm. */
enum sae_result sae_session_test_keys(const struct sae_session *s, uint8_t *kck, size_t cap,
				      size_t *kck_len, uint8_t *pmk,
				      uint8_t pmkid[SAE_PMKID_LEN]);
/*
 * A copy of s in its current state, rand included, for a test or fuzz driver that runs one
 * Commit against many peer frames. Never in the plugin: 12.4.5.3 wants rand and mask fresh
 * for each protocol instance, and two copies that meet real peers reuse them. NULL on
 * allocation failure; free it with sae_session_free().
 */
struct sae_session *sae_session_test_clone(const struct sae_session *s);
int sae_pt_test_point(const struct sae_pt *pt, uint8_t *out, size_t cap, size_t *len);

#endif
