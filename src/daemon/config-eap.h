/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 802.1X fields of a network block, with wpa_supplicant's names (config.h):
 *
 *   key_mgmt=WPA-EAP WPA-EAP-SHA256
 *   eap=PEAP | TTLS | TLS | PEAP TTLS ...  (the server chooses among them; ours first)
 *   identity="alice"  anonymous_identity="anonymous"
 *   password="secret" | password=hash:<32 hex digits of the NtPasswordHash>
 *   ca_cert="/etc/ihvd/ca.pem" | ca_cert="none"   (none: the server is NOT verified)
 *   client_cert="/etc/ihvd/client.pem"  private_key="/etc/ihvd/client.key"
 *   private_key_passwd="..."  phase1="tls_disable_tlsv1_3=0"  phase2="auth=MSCHAPV2"
 *   domain_suffix_match="example.com"  domain_match="radius.example.com"
 *
 * Files are opened when the line is read: a missing or unreadable file, or one that is not a
 * regular file, fails the load at that line. Secrets (password, private_key_passwd) never
 * leave the daemon (config_network_value refuses them) and are cleansed when freed.
 */
#ifndef IHVD_DAEMON_CONFIG_EAP_H
#define IHVD_DAEMON_CONFIG_EAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ihv-host.h"

struct config_network;

struct config_eap {
	char *eap;                  /* "TLS", "PEAP", "TTLS" or a list ("PEAP TTLS"); NULL: unset */
	uint8_t methods[IHV_ONEX_METHODS_MAX]; /* the same, parsed: EAP Types, 0 after the last */
	char *identity;
	char *anonymous_identity;
	char *password;             /* secret; the hash form kept as written, "hash:<32 hex>" */
	bool password_hash;         /* password=hash:... (unquoted), as wpa_supplicant reads it */
	char *ca_cert;              /* NULL with ca_none: explicitly unverified */
	bool ca_none;
	char *client_cert;
	char *private_key;
	char *private_key_passwd;   /* secret */
	char *phase1;
	char *phase2;
	char *domain_suffix_match;
	char *domain_match;
};

/* Is name one of the fields above? */
bool config_eap_field(const char *name);
/* Set one (the file's text form). 0, or -1 with err = "field: problem". */
int config_eap_set(struct config_network *n, const char *name, const char *v, char *err,
		   size_t len);
/* Its text form; -1 for unset fields and always for the secrets. */
int config_eap_value(const struct config_network *n, const char *name, char *buf, size_t len);
/* Its file form for SAVE_CONFIG, secrets included (password=hash:... stays unquoted); -1 when
 * unset. */
int config_eap_file_value(const struct config_network *n, const char *name, char *buf,
			  size_t len);
/* The block's 802.1X part is complete and consistent (needs key_mgmt). 0 or -1 with err. */
int config_eap_check(const struct config_network *n, char *err, size_t len);
/* A copy of e with strings of its own (config_eap_free it); NULL when out of memory. */
struct config_eap *config_eap_dup(const struct config_eap *e);
/* Is type (IHV_ONEX_EAP_TLS) e's whole eap= list? */
bool config_eap_is_only(const struct config_eap *e, uint8_t type);
/* Does the block hold an EAP secret (password, private_key_passwd)? */
bool config_eap_has_secret(const struct config_network *n);
void config_eap_free(struct config_eap *e);

#endif
