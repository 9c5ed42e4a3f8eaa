/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A network block -> the two IHV profile fragments handed to the plugin in
 * ihv_connect_request (connectivity_xml, security_xml; UTF-8 here, UTF-16
 * for the plugin, as DOT11EXT_IHV_CONNECTIVITY_PROFILE / _SECURITY_PROFILE).
 *
 * The schema (version 1). Each fragment is one line, no XML declaration, no
 * whitespace between elements, elements in exactly this order; [..] marks an
 * optional element. Text is XML-escaped (&amp; &lt; &gt; &quot; &apos;), the
 * rest of the text is UTF-8 as is.
 *
 *   <IhvConnectivity xmlns="urn:ihvd:conn:1">
 *     <Ssid>HEX</Ssid>                  the SSID, lowercase hex, 2..64 digits
 *     [<IhvProfile>TEXT</IhvProfile>]   the network's ihv_profile value, raw
 *   </IhvConnectivity>
 *
 *   <IhvSecurity xmlns="urn:ihvd:rsn:1">
 *     <Ssid>HEX</Ssid>                  as above (the passphrase's salt)
 *     <AuthMode>M</AuthMode>            WPA-PSK | WPA-PSK-SHA256 | SAE | NONE
 *     [<Pairwise>C</Pairwise>]          CCMP | GCMP | GCMP-256 | CCMP-256  (not for NONE)
 *     [<Group>C</Group>]                the same set                       (not for NONE)
 *     <Pmf>N</Pmf>                      0 disabled | 1 optional | 2 required (ieee80211w)
 *     [<Passphrase>TEXT</Passphrase>]   8..63 printable ASCII      } exactly one of these
 *     [<Psk>HEX</Psk>]                  the PSK, 64 lowercase hex  } unless AuthMode is NONE
 *     [<SaePassword>TEXT</SaePassword>] SAE only: sae_password (else Passphrase is used)
 *     [<SaePwe>N</SaePwe>]              SAE only: sae_pwe 0 | 1 | 2
 *     [<SaeGroups>19 20</SaeGroups>]    SAE only: sae_groups, in order
 *   </IhvSecurity>
 *
 * AuthMode/Pairwise/Group are the single choices the connection policy made
 * for the chosen BSS (from the intersection of the network block and the
 * BSS's RSNE); Pmf is the network's policy, to be matched against the RSNE.
 *
 * Example:
 *   <IhvConnectivity xmlns="urn:ihvd:conn:1"><Ssid>696876642d74657374</Ssid></IhvConnectivity>
 *   <IhvSecurity xmlns="urn:ihvd:rsn:1"><Ssid>696876642d74657374</Ssid><AuthMode>WPA-PSK</AuthMode>
 *   <Pairwise>CCMP</Pairwise><Group>CCMP</Group><Pmf>0</Pmf>
 *   <Passphrase>correct horse battery</Passphrase></IhvSecurity>   (one line in reality)
 */
#ifndef IHVD_DAEMON_PROFILE_H
#define IHVD_DAEMON_PROFILE_H

#include "daemon/config.h"

struct profile_choice {
	enum config_akm akm;
	enum config_cipher pairwise;   /* ignored for CONFIG_AKM_NONE */
	enum config_cipher group;      /* ignored for CONFIG_AKM_NONE */
};

struct profile_xml {
	char *connectivity;
	char *security;                /* holds the secret */
};

/* Build both fragments. 0, or -EINVAL (incomplete network) / -ENOMEM. */
int profile_build(const struct config_network *n, const struct profile_choice *choice,
		  struct profile_xml *out);
/* Clear (secret_wipe) and free both strings. */
void profile_xml_clear(struct profile_xml *x);

#endif
