/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IHV profile fragments ihvd hands the plugin (schema: src/daemon/profile.h):
 *   <IhvConnectivity xmlns="urn:ihvd:conn:1"><Ssid>HEX</Ssid>[<IhvProfile>T</IhvProfile>]
 *   </IhvConnectivity>
 *   <IhvSecurity xmlns="urn:ihvd:rsn:1"><Ssid>HEX</Ssid><AuthMode>M</AuthMode>
 *   [<Pairwise>C</Pairwise><Group>C</Group>]<Pmf>N</Pmf>[<Passphrase>T</Passphrase>|<Psk>HEX</Psk>]
 *   [<SaePassword>T</SaePassword>][<SaePwe>N</SaePwe>][<SaeGroups>19 20 21</SaeGroups>]
 *   [<AskPassphrase>1</AskPassphrase>]
 *   </IhvSecurity>
 * AuthMode is NONE, WPA-PSK, WPA-PSK-SHA256, SAE, WPA-EAP or WPA-EAP-SHA256.
 * AuthMode SAE needs a password: SaePassword, else Passphrase (a Psk alone cannot do SAE).
 * AskPassphrase may stand instead of a secret for WPA-PSK(-SHA256): the plugin asks the user.
 * WPA-EAP(-SHA256) carries no secret: the EAP credentials stay with the host's 802.1X module.
 * Elements in exactly that order; whitespace between elements is tolerated, nothing else.
 * Text may use &amp; &lt; &gt; &quot; &apos; and numeric references. Hex is read in either
 * case. The fragments are untrusted input (contract §6.1): every byte is checked.
 */
#ifndef RSN_PROFILE_XML_H
#define RSN_PROFILE_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RSN_PROFILE_MAX_UNITS 8192 /* longest fragment accepted, in UTF-16 units */

enum rsn_profile_err {
	RSN_PROFILE_OK = 0,
	RSN_PROFILE_ERR_MISSING = 1,   /* NULL fragment */
	RSN_PROFILE_ERR_ENCODING = 2,  /* bad UTF-16, no terminator, too long */
	RSN_PROFILE_ERR_SYNTAX = 3,    /* not the schema: tags, order, attributes, escapes */
	RSN_PROFILE_ERR_VALUE = 4,     /* SSID, AuthMode, cipher or Pmf value invalid */
	RSN_PROFILE_ERR_SECRET = 5,    /* passphrase / PSK invalid or missing */
	RSN_PROFILE_ERR_NOMEM = 6,
};

const char *rsn_profile_err_str(enum rsn_profile_err err);

enum rsn_profile_auth {
	RSN_PROFILE_AUTH_NONE,
	RSN_PROFILE_AUTH_PSK,        /* WPA-PSK, 00-0F-AC:2 */
	RSN_PROFILE_AUTH_PSK_SHA256, /* WPA-PSK-SHA256, 00-0F-AC:6 */
	RSN_PROFILE_AUTH_SAE,        /* SAE, 00-0F-AC:8 and/or 24 (IEEE 802.11-2020 12.4) */
	RSN_PROFILE_AUTH_EAP,        /* WPA-EAP, 00-0F-AC:1: the host's 802.1X module, no secret */
	RSN_PROFILE_AUTH_EAP_SHA256, /* WPA-EAP-SHA256, 00-0F-AC:5 */
};

#define RSN_SAE_PASSWORD_MAX 128
#define RSN_SAE_GROUPS_MAX 8

/* WPA-EAP or WPA-EAP-SHA256: the host's 802.1X module makes the PMK. */
bool rsn_profile_auth_is_eap(enum rsn_profile_auth a);

struct rsn_conn_profile {
	uint8_t ssid[32];
	size_t ssid_len;
	bool has_ihv_profile; /* the text itself is not kept: it may hold secrets */
};

struct rsn_sec_profile {
	uint8_t ssid[32];
	size_t ssid_len;
	enum rsn_profile_auth auth;
	uint32_t akm;                /* suite selector; 0 for NONE; SAE: the preferred one */
	/* AuthMode "SAE", "SAE-EXT-KEY" or "SAE SAE-EXT-KEY": which SAE AKMs may be used */
	bool sae_akm8, sae_akm24;
	uint32_t pairwise, group;    /* suite selectors; 0 for NONE */
	int pmf;                     /* 0 disabled, 1 optional, 2 required */
	bool has_passphrase;
	char passphrase[64];         /* secret; NUL-terminated */
	bool has_psk;
	uint8_t psk[32];             /* secret */
	bool has_sae_password;
	char sae_password[RSN_SAE_PASSWORD_MAX + 1]; /* secret; NUL-terminated */
	int sae_pwe;                 /* 0 H&P, 1 H2E only, 2 both (wpa_supplicant's sae_pwe) */
	uint16_t sae_groups[RSN_SAE_GROUPS_MAX]; /* in order of preference; none: 19 */
	size_t n_sae_groups;
	bool ask_passphrase;         /* PSK with no secret: the plugin asks the user */
};

/* A NUL-terminated UTF-8 copy of a NUL-terminated UTF-16LE string (at most max units). */
enum rsn_profile_err rsn_profile_utf16_to_utf8(const uint16_t *s, size_t max, char **out,
					       size_t *out_len);
/* Clear and free a string from rsn_profile_utf16_to_utf8. */
void rsn_profile_utf8_free(char *s, size_t len);

enum rsn_profile_err rsn_profile_conn_parse(const char *xml, size_t len,
					    struct rsn_conn_profile *out);
/* On any error *out is cleared. */
enum rsn_profile_err rsn_profile_sec_parse(const char *xml, size_t len,
					   struct rsn_sec_profile *out);
/* The same from the contract's UTF-16 strings; the UTF-8 copy is cleared after parsing. */
enum rsn_profile_err rsn_profile_conn_parse16(const uint16_t *xml, struct rsn_conn_profile *out);
enum rsn_profile_err rsn_profile_sec_parse16(const uint16_t *xml, struct rsn_sec_profile *out);

/* OPENSSL_cleanse the secrets. */
void rsn_sec_profile_clear(struct rsn_sec_profile *p);

#endif
