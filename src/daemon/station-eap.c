// SPDX-License-Identifier: BSD-3-Clause
/*
 * The station's 802.1X part: the network block's EAP fields handed to the host's 802.1X
 * module with the connect request (docs/contract.md §5.5), its events as wpa_supplicant's
 * CTRL-EVENT-EAP-* lines, and its credential prompts ("FIELD:prompt") as CTRL-REQ-FIELD-id.
 */
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "daemon/config-eap.h"
#include "daemon/station-int.h"

/* The network names an EAP method (eap=), which an 802.1X key management needs. */
static bool station_eap_method_set(const struct config_network *n)
{
	return n->eap && n->eap->eap;
}

/* oc from n's EAP fields, network its name for prompts ("SSID name"). */
static void station_eap_fill(const struct config_network *n, struct ihv_onex_config *oc,
			     char *network, size_t len)
{
	const struct config_eap *e = n->eap;
	char ssid_txt[DRV_SSID_MAX * 4 + 1];

	config_ssid_txt(n->ssid, n->ssid_len, ssid_txt, sizeof(ssid_txt));
	snprintf(network, len, "SSID %s", ssid_txt);
	memcpy(oc->methods, e->methods, sizeof(oc->methods));
	oc->identity = e->identity;
	oc->anonymous_identity = e->anonymous_identity;
	oc->password = e->password;
	oc->password_is_hash = e->password_hash;
	oc->ca_cert = e->ca_cert;
	oc->unverified_ok = e->ca_none;
	oc->client_cert = e->client_cert;
	oc->private_key = e->private_key;
	oc->private_key_passwd = e->private_key_passwd;
	oc->phase1 = e->phase1;
	oc->phase2 = e->phase2;
	oc->domain_suffix_match = e->domain_suffix_match;
	oc->domain_match = e->domain_match;
	oc->network = network;
}

bool station_eap_onex(const struct config_network *n, enum config_akm akm,
		      struct ihv_onex_config *oc, char *network, size_t len)
{
	memset(oc, 0, sizeof(*oc));
	if ((akm != CONFIG_AKM_EAP && akm != CONFIG_AKM_EAP_SHA256) || !station_eap_method_set(n))
		return false;
	station_eap_fill(n, oc, network, len);
	if (n->eap->ca_none)
		log_warn("network id=%d: ca_cert=\"none\": connecting WITHOUT verifying the "
			 "802.1X server's certificate", n->id);
	/* a network added at run time (wpa_cli, D-Bus): ready the peer while we associate */
	ihv_onex_warm_start(NULL);
	return true;
}

bool station_eap_warm_start(const struct config *c)
{
	struct ihv_onex_config oc = { 0 };
	const struct config_network *n;
	char network[DRV_SSID_MAX * 4 + 8];

	for (n = c->networks; n; n = n->next) {
		if (station_eap_method_set(n) && (n->key_mgmt & (CONFIG_AKM_EAP | CONFIG_AKM_EAP_SHA256)) &&
		    select_network_usable(n)) {
			station_eap_fill(n, &oc, network, sizeof(network));
			ihv_onex_warm_start(&oc); /* copies what it keeps */
			return true;
		}
	}
	return false;
}

/*
 * No endless retry: every EAP failure counts as an authentication failure of the network;
 * at the station's limit the network is disabled until the user changes its credentials,
 * ENABLE_NETWORK or RECONNECT (as for a wrong passphrase).
 */
static void station_eap_failed(struct station *st, const char *text)
{
	struct config_network *n = config_network_get(st->config, st->cur_id);
	char ssid_txt[DRV_SSID_MAX * 4 + 1];

	if (!n)
		return;
	n->auth_failures++;
	config_ssid_txt(n->ssid, n->ssid_len, ssid_txt, sizeof(ssid_txt));
	log_warn("%s: 802.1X with \"%s\" failed: %s (attempt %u of %u)", st->ifname, ssid_txt,
		 text, n->auth_failures, st->wrong_key_max);
	if (n->auth_failures < st->wrong_key_max)
		return;
	n->temp_disabled = true;
	log_err("%s: giving up on \"%s\" (network id=%d) after %u failed EAP authentications "
		"(%s). Check the credentials, then ENABLE_NETWORK %d or RECONNECT", st->ifname,
		ssid_txt, n->id, n->auth_failures, text, n->id);
	station_event(st, "CTRL-EVENT-SSID-TEMP-DISABLED id=%d ssid=\"%s\" auth_failures=%u "
		      "reason=AUTH_FAILED", n->id, ssid_txt, n->auth_failures);
}

/* wpa_supplicant's CTRL-EVENT-EAP-* lines (wpa_ctrl.h), with our reason appended. */
void station_eap_event(void *ctx, enum ihv_onex_event what, const char *text)
{
	struct station *st = ctx;

	switch (what) {
	case IHV_ONEX_STARTED:
		station_event(st, "CTRL-EVENT-EAP-STARTED EAP authentication started");
		break;
	case IHV_ONEX_METHOD:
		station_event(st, "CTRL-EVENT-EAP-METHOD EAP vendor 0 method %s selected", text);
		break;
	case IHV_ONEX_SUCCESS:
		station_event(st, "CTRL-EVENT-EAP-SUCCESS EAP authentication completed "
			      "successfully (%s)", text);
		break;
	case IHV_ONEX_FAILURE:
		station_event(st, "CTRL-EVENT-EAP-FAILURE EAP authentication failed: %s", text);
		station_eap_failed(st, text);
		break;
	case IHV_ONEX_UNVERIFIED:
		station_event(st, "CTRL-EVENT-EAP-UNVERIFIED %s", text);
		break;
	}
}

/*
 * "FIELD:prompt" with a field wpa_cli knows (wpa_ctrl.h WPA_CTRL_REQ, wpa_cli's identity,
 * password, new_password, pin, otp, passphrase, psk_passphrase commands): the field, and
 * *prompt past the colon. NULL for any other text.
 */
const char *station_eap_ui_field(const char *text, const char **prompt)
{
	static const char *const fields[] = { "IDENTITY", "PASSWORD", "NEW_PASSWORD", "PIN",
					      "OTP", "PASSPHRASE", "PSK_PASSPHRASE" };
	const char *colon = text ? strchr(text, ':') : NULL;
	size_t i;

	if (!colon)
		return NULL;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strlen(fields[i]) == (size_t)(colon - text) &&
		    !strncmp(text, fields[i], (size_t)(colon - text))) {
			*prompt = colon + 1;
			return fields[i];
		}
	}
	return NULL;
}
