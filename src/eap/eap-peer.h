/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EAP peer: the IEEE 802.1X-2010 supplicant PAE (8.5, 12.5) driving an RFC 3748 / RFC 4137 EAP
 * peer with EAP-TLS, PEAPv0/EAP-MSCHAPv2 and EAP-TTLS (PAP, MSCHAPv2).
 *
 * It knows no contract, no netlink and no clock. The host feeds it received EAPOL PDUs
 * (eap_peer_rx), arms one timer as asked (eap_peer_timeout_ms, then eap_peer_timeout), sends
 * what eap_peer_tx returns after each call, and acts on the returned status. Not thread-safe:
 * one peer is driven by one thread at a time.
 */
#ifndef EAP_PEER_H
#define EAP_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EAP_PEER_MSK_LEN  64
#define EAP_PEER_EMSK_LEN 64
#define EAP_PEER_TEXT_MAX 192

/* Outer methods the peer can be configured for (EAP type codes, RFC 3748 5 / IANA). */
enum eap_peer_method {
	EAP_PEER_METHOD_TLS = 13,
	EAP_PEER_METHOD_TTLS = 21,
	EAP_PEER_METHOD_PEAP = 25,
};

#define EAP_PEER_MORE_METHODS 2

struct eap_peer_config {
	enum eap_peer_method method;
	const char *identity;            /* NULL: NEED_IDENTITY when it is needed */
	const char *anonymous_identity;  /* outer identity of PEAP/TTLS (and TLS 1.3 privacy) */
	const char *password;            /* NULL: NEED_PASSWORD */
	const char *ca_cert;             /* PEM file; NULL: the server is not verified (unverified) */
	const char *client_cert;         /* PEM file (chain) for EAP-TLS */
	const char *private_key;         /* PEM file */
	const char *private_key_passwd;
	/* "peapver=0", "tls_disable_tlsv1_3=0|1", "tls_disable_tlsv1_2=1" (space separated). TLS 1.3
	 * is on by default for EAP-TLS and off for PEAP/TTLS, as in wpa_supplicant 2.10. */
	const char *phase1;
	const char *phase2;              /* "auth=MSCHAPV2" (default) or "auth=PAP" (TTLS only) */
	const char *domain_suffix_match; /* ';'-separated; SAN dNSName (or CN if none) */
	const char *domain_match;        /* ';'-separated; exact match */
	unsigned int fragment_size;      /* largest EAP packet we send; 0: 1398 */
	unsigned int start_period_ms;    /* IEEE 802.1X-2010 8.5.9 startPeriod; 0: 30000 */
	unsigned int max_start;          /* maxStart; 0: 3 */
	unsigned int auth_period_ms;     /* authPeriod: silence after a response; 0: 30000 */
	bool password_is_hash;           /* password is "hash:<32 hex>", the NtPasswordHash */
	/* Further outer methods the server may choose instead of method, in our order of
	 * preference; 0 ends the list (eap=PEAP TTLS: method PEAP, more_methods {TTLS}). A
	 * method this configuration cannot run (TLS without client_cert, PEAP with phase2
	 * "auth=PAP") is left out of a list (eap_peer_left_out), and a list of nothing else fails
	 * at eap_peer_start; alone, such a method fails when its conversation starts. */
	uint8_t more_methods[EAP_PEER_MORE_METHODS];
};

enum eap_peer_status {
	EAP_PEER_CONTINUE,       /* send eap_peer_tx() if any, wait for the next PDU or the timer */
	EAP_PEER_NEED_IDENTITY,  /* paused: call eap_peer_set_identity() */
	EAP_PEER_NEED_PASSWORD,  /* paused: call eap_peer_set_password() */
	EAP_PEER_SUCCESS,        /* eap_peer_result() holds the MSK */
	EAP_PEER_FAILURE,        /* eap_peer_result() holds the reason */
};

enum eap_peer_reason {
	EAP_PEER_REASON_NONE,
	EAP_PEER_REASON_NO_AUTHENTICATOR,  /* maxStart EAPOL-Starts unanswered */
	EAP_PEER_REASON_TIMEOUT,           /* the server went silent mid-conversation */
	EAP_PEER_REASON_METHOD_REFUSED,    /* no common method (we Nak'ed, the server gave up) */
	EAP_PEER_REASON_SERVER_UNTRUSTED,  /* certificate does not chain to ca_cert */
	EAP_PEER_REASON_SERVER_NAME,       /* domain_(suffix_)match failed */
	EAP_PEER_REASON_TLS,               /* handshake failed otherwise (alert, no common cipher) */
	EAP_PEER_REASON_AUTH_REJECTED,     /* the server rejected our credentials */
	EAP_PEER_REASON_SERVER_AUTH,       /* the server failed to prove itself (bad MS-CHAPv2 S=) */
	EAP_PEER_REASON_EAP_FAILURE,       /* EAP-Failure, no method-level reason known */
	EAP_PEER_REASON_PROTOCOL,          /* malformed or unexpected messages */
	EAP_PEER_REASON_CONFIG,            /* unusable configuration (files, phase2, crypto) */
	EAP_PEER_REASON_LOGOFF,            /* eap_peer_logoff() */
};

struct eap_peer_result {
	enum eap_peer_status status;   /* SUCCESS or FAILURE once final, else CONTINUE */
	enum eap_peer_reason reason;
	char text[EAP_PEER_TEXT_MAX];  /* "PEAP/MSCHAPv2: authentication failed (E=691)" */
	uint8_t method;                /* the outer EAP type that ran (server's pick), 0: none */
	bool unverified;               /* no ca_cert: the server's certificate was not checked */
	bool resumed;                  /* TLS session resumption (fast reauthentication) */
	uint8_t msk[EAP_PEER_MSK_LEN];
	size_t msk_len;
	uint8_t emsk[EAP_PEER_EMSK_LEN];
	size_t emsk_len;               /* 64; PEAPv0: 64 without cryptobinding (as hostapd), 0 with */
};

/* TLS sessions kept per network by the host for fast reauthentication; may be shared by the
 * successive peers of one network (never between networks). */
struct eap_session_cache;
struct eap_session_cache *eap_session_cache_new(void);
void eap_session_cache_clear(struct eap_session_cache *c);
void eap_session_cache_free(struct eap_session_cache *c);

struct eap_peer;

/*
 * The interface ihvd and its EAP module (eap-load.c, ihvd-eap.so) must share: a module of
 * another build lays these structures out differently, so eap-load.c refuses it before any
 * call. Bump it with any change to the structures or functions of this file.
 * 2: eap_peer_config.password_is_hash.
 * 3: eap_peer_config.more_methods.
 * 4: eap_peer_left_out.
 */
#define EAP_PEER_ABI 4
unsigned int eap_peer_abi(void);

/* Copies the configuration (secrets cleansed on free). cache may be NULL. NULL on bad config
 * (no method, an unknown or repeated one in more_methods) or no memory. */
struct eap_peer *eap_peer_new(const struct eap_peer_config *cfg, struct eap_session_cache *cache);
/* Cleanses every secret. */
void eap_peer_free(struct eap_peer *p);

/* IEEE 802.1X-2010 8.5.9 CONNECTING: queue an EAPOL-Start and arm startWhen. */
enum eap_peer_status eap_peer_start(struct eap_peer *p);
/* One received EAPOL PDU (header included). EAPOL-Key and others are ignored (CONTINUE). */
enum eap_peer_status eap_peer_rx(struct eap_peer *p, const uint8_t *pdu, size_t len);
/* Milliseconds until eap_peer_timeout() is due, or 0 for no timer. */
unsigned int eap_peer_timeout_ms(const struct eap_peer *p);
/* The armed timer expired: EAPOL-Start again (up to max_start), then FAILURE. */
enum eap_peer_status eap_peer_timeout(struct eap_peer *p);
/* Answers to NEED_IDENTITY / NEED_PASSWORD; the paused request is processed again. */
enum eap_peer_status eap_peer_set_identity(struct eap_peer *p, const char *identity);
enum eap_peer_status eap_peer_set_password(struct eap_peer *p, const char *password);
/* Queue an EAPOL-Logoff; the result becomes FAILURE/LOGOFF. */
enum eap_peer_status eap_peer_logoff(struct eap_peer *p);
/* The PDU to send now (valid until the next call), NULL if none. Taking it clears it. */
const uint8_t *eap_peer_tx(struct eap_peer *p, size_t *len);
const struct eap_peer_result *eap_peer_result(const struct eap_peer *p);
/* The methods of the configuration's list that it cannot run, left out of the list and of
 * our Nak, with why ("TLS: no client_cert configured; ..."); "" when none was. */
const char *eap_peer_left_out(const struct eap_peer *p);
const char *eap_peer_status_str(enum eap_peer_status s);
/*
 * Does once what a process's first conversation would otherwise do on the air: initialise
 * the TLS library and fetch its algorithms (one throwaway context and connection), and load
 * the legacy provider that MS-CHAPv2's MD4 and DES come from. Touches no configuration and
 * no secret. Thread-safe; later calls return at once.
 */
void eap_peer_warm(void);
/*
 * eap_peer_warm, then the TLS client context the first conversation under cfg would build
 * and keep (the CA file loaded; never one with a client certificate): that conversation takes
 * it when its configuration still gives the same context. True when one was built. cfg is
 * read during the call only. Thread-safe.
 */
bool eap_peer_warm_network(const struct eap_peer_config *cfg);
/* Free a context eap_peer_warm_network built that no conversation took (at shutdown). */
void eap_peer_warm_release(void);
const char *eap_peer_reason_str(enum eap_peer_reason r);

#endif
