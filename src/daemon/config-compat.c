// SPDX-License-Identifier: BSD-3-Clause
/*
 * wpa_supplicant.conf's other fields (config-compat.h): honoured, noticed
 * once, or refused with the feature named.
 */
#include "daemon/config-compat.h"

#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "daemon/config-parse.h"

#define H CONFIG_COMPAT_HONOURED
#define N CONFIG_COMPAT_NOTICED
#define R CONFIG_COMPAT_REFUSED

static const char config_compat_wps[] = "WPS is not supported; ignored";
static const char config_compat_p2p[] = "Wi-Fi Direct (P2P) is not supported; ignored";
static const char config_compat_eap_ca_path[] = "ca_path is not supported; use ca_cert";
static const char config_compat_eap_subject[] = "subject matching is not supported; use "
					       "domain_suffix_match or domain_match";
static const char config_compat_wep[] = "WEP is not supported (it is broken; use WPA2)";
static const char config_compat_ap[] = "ihvd runs stations only; ignored";
static const char config_compat_ht[] = "the kernel's defaults are used; ignored";
static const char config_compat_mac[] = "MAC address randomisation is not supported; "
					"the interface's address is used";

const struct config_compat_field config_compat_table[] = {
	/* globals */
	{ "country", false, H, "sets the regulatory domain (NL80211_CMD_REQ_SET_REG)" },
	{ "ap_scan", false, H, "1 is ihvd's only mode; 2 is treated as 1; 0 is refused" },
	{ "update_config", false, H, "lets SAVE_CONFIG rewrite the file" },
	{ "pmf", false, H, "the default ieee80211w of networks that do not set it" },
	{ "freq_list", false, H, "scan and join only these frequencies" },
	{ "p2p_disabled", false, H, "ihvd has no P2P: 1 is what it does anyway" },
	{ "fast_reauth", false, N, "PMKSA caching is what skips EAP on a reconnect; ignored" },
	{ "eapol_version", false, N, "ihvd answers in the AP's EAPOL version; ignored" },
	{ "autoscan", false, N, "ihvd scans with its own backoff; ignored" },
	{ "bgscan", false, N, "ihvd does not roam between BSSes of a network by itself; ignored" },
	{ "bss_max_count", false, N, "ihvd keeps every scan result; ignored" },
	{ "bss_expiration_age", false, N, "ihvd keeps the driver's results; ignored" },
	{ "bss_expiration_scan_count", false, N, "ihvd keeps the driver's results; ignored" },
	{ "filter_ssids", false, N, "every scan result is kept; ignored" },
	{ "passive_scan", false, N, "scans are the driver's default; ignored" },
	{ "okc", false, N, "opportunistic key caching is not supported; ignored" },
	{ "driver_param", false, N, "no driver parameters exist for nl80211 in ihvd; ignored" },
	{ "disable_scan_offload", false, N, "ignored" },
	{ "dot11RSNAConfigPMKLifetime", false, N, "the plugin keeps PMKs its own way; ignored" },
	{ "dot11RSNAConfigPMKReauthThreshold", false, N, "ignored" },
	{ "dot11RSNAConfigSATimeout", false, N, "ignored" },
	{ "device_name", false, N, config_compat_wps },
	{ "device_type", false, N, config_compat_wps },
	{ "manufacturer", false, N, config_compat_wps },
	{ "model_name", false, N, config_compat_wps },
	{ "model_number", false, N, config_compat_wps },
	{ "serial_number", false, N, config_compat_wps },
	{ "os_version", false, N, config_compat_wps },
	{ "config_methods", false, N, config_compat_wps },
	{ "uuid", false, N, config_compat_wps },
	{ "wps_cred_processing", false, N, config_compat_wps },
	{ "persistent_reconnect", false, N, config_compat_p2p },
	{ "p2p_go_intent", false, N, config_compat_p2p },
	{ "p2p_listen_reg_class", false, N, config_compat_p2p },
	{ "p2p_listen_channel", false, N, config_compat_p2p },
	{ "p2p_oper_reg_class", false, N, config_compat_p2p },
	{ "p2p_oper_channel", false, N, config_compat_p2p },
	{ "mac_addr", false, N, config_compat_mac },
	{ "preassoc_mac_addr", false, N, config_compat_mac },
	{ "rand_addr_lifetime", false, N, config_compat_mac },
	{ "gas_rand_mac_addr", false, N, config_compat_mac },
	{ "interworking", false, N, "Interworking/Hotspot 2.0 is not supported; ignored" },
	{ "hs20", false, N, "Hotspot 2.0 is not supported; ignored" },
	{ "auto_interworking", false, N, "Hotspot 2.0 is not supported; ignored" },
	{ "pcsc_reader", false, N, "SIM authentication (EAP) is not supported; ignored" },
	{ "pcsc_pin", false, N, "SIM authentication (EAP) is not supported; ignored" },
	{ "external_sim", false, N, "SIM authentication (EAP) is not supported; ignored" },
	{ "openssl_ciphers", false, N, "applies to EAP-TLS; ignored" },
	{ "pkcs11_engine_path", false, N, "applies to EAP-TLS; ignored" },
	{ "pkcs11_module_path", false, N, "applies to EAP-TLS; ignored" },
	{ "opensc_engine_path", false, N, "applies to EAP-TLS; ignored" },
	{ "wowlan_triggers", false, N, "Wake-on-WLAN is not configured by ihvd; ignored" },
	{ "tdls_external_control", false, N, "TDLS is not supported; ignored" },
	{ "ignore_old_scan_res", false, N, "ihvd ages scan results itself; ignored" },
	{ "scan_cur_freq", false, N, "ignored" },
	{ "extended_key_id", false, N, "ignored" },
	{ "ctrl_interface_group", false, H, "(config.c) the control socket's group" },
	/* network blocks */
	{ "proto", true, H, "RSN (WPA2) is honoured; WPA (WPA1) is refused" },
	{ "auth_alg", true, H, "OPEN is honoured; SHARED and LEAP are refused" },
	{ "freq_list", true, H, "join BSSes on these frequencies only" },
	{ "mode", true, H, "0 (station) is honoured; 1 (IBSS), 2 (AP) and 5 (mesh) are refused" },
	{ "bgscan", true, N, "ihvd does not roam between BSSes of a network by itself; ignored" },
	{ "frequency", true, N, "applies to AP and IBSS modes only; ignored" },
	{ "group_mgmt", true, N, "the plugin takes the AP's management group cipher; ignored" },
	{ "mac_addr", true, N, config_compat_mac },
	{ "ignore_broadcast_ssid", true, N, config_compat_ap },
	{ "beacon_int", true, N, config_compat_ap },
	{ "dtim_period", true, N, config_compat_ap },
	{ "disable_ht", true, N, config_compat_ht },
	{ "disable_ht40", true, N, config_compat_ht },
	{ "disable_vht", true, N, config_compat_ht },
	{ "disable_he", true, N, config_compat_ht },
	{ "disable_sgi", true, N, config_compat_ht },
	{ "ht40", true, N, config_compat_ht },
	{ "vht", true, N, config_compat_ht },
	{ "wps_disabled", true, N, config_compat_wps },
	{ "ocv", true, N, "operating channel validation is the plugin's choice; ignored" },
	{ "beacon_prot", true, N, "beacon protection is the plugin's choice; ignored" },
	{ "bssid_ignore", true, N, "use the control socket's BSSID_IGNORE; ignored" },
	{ "bssid_blacklist", true, N, "use the control socket's BSSID_IGNORE; ignored" },
	{ "bssid_accept", true, N, "use bssid= for one BSS; ignored" },
	{ "bssid_whitelist", true, N, "use bssid= for one BSS; ignored" },
	{ "wep_key0", true, R, config_compat_wep },
	{ "wep_key1", true, R, config_compat_wep },
	{ "wep_key2", true, R, config_compat_wep },
	{ "wep_key3", true, R, config_compat_wep },
	{ "wep_tx_keyidx", true, R, config_compat_wep },
	{ "eap", true, H, "TLS, PEAP or TTLS, or a list of them (the server chooses), run by "
			  "the 802.1X module (src/core/onex.c)" },
	{ "identity", true, H, "asked for through CTRL-REQ-IDENTITY when missing" },
	{ "anonymous_identity", true, H, "the outer identity of PEAP and TTLS" },
	{ "password", true, H, "or hash:<NtPasswordHash>; asked for through CTRL-REQ-PASSWORD "
			       "when missing" },
	{ "ca_cert", true, H, "the server certificate is verified against it; \"none\" opts out "
			      "loudly" },
	{ "client_cert", true, H, "EAP-TLS" },
	{ "private_key", true, H, "EAP-TLS; refused when others can read it" },
	{ "private_key_passwd", true, H, "EAP-TLS" },
	{ "phase1", true, H, "peapver=0 (PEAPv0 only)" },
	{ "phase2", true, H, "auth=MSCHAPV2 or auth=PAP (TTLS), auth=MSCHAPV2 (PEAP)" },
	{ "domain_suffix_match", true, H, "the server certificate's DNS name ends with it" },
	{ "domain_match", true, H, "the server certificate's DNS name is exactly it" },
	{ "fragment_size", true, N, "the 802.1X module sizes its own EAP-TLS fragments; ignored" },
	{ "proactive_key_caching", true, N, "opportunistic PMKSA caching is not offered; ignored" },
	{ "ca_path", true, R, config_compat_eap_ca_path },
	{ "altsubject_match", true, R, config_compat_eap_subject },
	{ "subject_match", true, R, config_compat_eap_subject },
	{ "eapol_flags", true, R, "dynamic WEP keys (eapol_flags) are not supported" },
	{ "pcsc", true, R, "SIM authentication (EAP-SIM/AKA) is not supported" },
	{ "psk_list", true, R, "per-station PSKs are an AP feature; not supported" },
	{ "mesh_basic_rates", true, R, "mesh (802.11s) is not supported" },
	{ "pbss", true, R, "PBSS (DMG) is not supported" },
	{ NULL, false, H, NULL },
};

#undef H
#undef N
#undef R

/* The fields already noticed in this load (bit i: config_compat_table[i]). */
static uint64_t config_compat_noticed[(sizeof(config_compat_table) /
				       sizeof(config_compat_table[0]) + 63) / 64];

void config_compat_notices_reset(void)
{
	memset(config_compat_noticed, 0, sizeof(config_compat_noticed));
}

static const struct config_compat_field *config_compat_find(const char *name, bool network)
{
	size_t i;

	for (i = 0; config_compat_table[i].name; i++)
		if (config_compat_table[i].network == network &&
		    !strcmp(config_compat_table[i].name, name))
			return &config_compat_table[i];
	return NULL;
}

/* Say it once per load: the first time this field is met. */
static void config_compat_notice(const struct config_compat_field *f, const char *detail)
{
	size_t i = (size_t)(f - config_compat_table);

	if (config_compat_noticed[i / 64] & (1ull << (i % 64)))
		return;
	config_compat_noticed[i / 64] |= 1ull << (i % 64);
	log_info("config: %s%s: %s%s%s", f->network ? "network " : "", f->name, f->why,
		 detail ? ": " : "", detail ? detail : "");
}

/* A field of the table, noticed or refused as the table says. */
static int config_compat_table_apply(const struct config_compat_field *f, char *err,
				     size_t len)
{
	switch (f->verdict) {
	case CONFIG_COMPAT_NOTICED:
		config_compat_notice(f, NULL);
		return 0;
	case CONFIG_COMPAT_REFUSED:
		return config_errf(err, len, "%s: %s", f->name, f->why);
	case CONFIG_COMPAT_HONOURED:
		break;
	}
	/* Honoured fields are parsed by their own code; reaching here is a bug. */
	return config_errf(err, len, "%s: not handled", f->name);
}

/* --- value forms ----------------------------------------------------------------- */

int config_country_parse(const char *v, char out[3])
{
	size_t n = strlen(v);

	if (n == 4 && v[0] == '"' && v[3] == '"') {
		v++;
		n = 2;
	}
	if (n != 2)
		return -1;
	if (!((v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z') ||
	      (v[0] == '0' && v[1] == '0')))
		return -1;
	out[0] = v[0];
	out[1] = v[1];
	out[2] = 0;
	return 0;
}

/* "2412 2437 5180-5240": MHz, single or a range (wpa_supplicant allows both). */
static int config_compat_freqs(const char *field, const char *v, uint32_t *out, size_t *n_out,
			       char *err, size_t len)
{
	uint32_t f[CONFIG_FREQ_LIST_MAX];
	size_t nf = 0;
	char tok[32];

	while (*v) {
		size_t l = strcspn(v, " \t");
		char *dash;
		long lo, hi, x;

		if (!l) {
			v++;
			continue;
		}
		if (l >= sizeof(tok))
			return config_errf(err, len, "%s: expected frequencies in MHz", field);
		memcpy(tok, v, l);
		tok[l] = 0;
		v += l;
		dash = strchr(tok, '-');
		if (dash)
			*dash = 0;
		if (config_parse_int(tok, 2400, 7200, &lo) < 0 ||
		    (dash && config_parse_int(dash + 1, 2400, 7200, &hi) < 0))
			return config_errf(err, len, "%s: '%s' is not a frequency in MHz (2400..7200)",
					   field, tok);
		if (!dash)
			hi = lo;
		if (hi < lo)
			return config_errf(err, len, "%s: range %ld-%ld runs backwards", field, lo, hi);
		/* A range: every channel centre in it, 5 MHz apart. */
		for (x = lo; x <= hi; x += 5) {
			if (nf == CONFIG_FREQ_LIST_MAX)
				return config_errf(err, len, "%s: at most %d frequencies", field,
						   CONFIG_FREQ_LIST_MAX);
			f[nf++] = (uint32_t)x;
		}
	}
	if (!nf)
		return config_errf(err, len, "%s: empty", field);
	memcpy(out, f, nf * sizeof(f[0]));
	*n_out = nf;
	return 0;
}

static bool config_compat_freq_in(const uint32_t *list, size_t n, uint32_t freq)
{
	size_t i;

	if (!n)
		return true;
	for (i = 0; i < n; i++)
		if (list[i] == freq)
			return true;
	return false;
}

bool config_freq_allowed(const struct config *c, const struct config_network *n,
			 uint32_t freq)
{
	return (!c || config_compat_freq_in(c->freq_list, c->n_freq_list, freq)) &&
	       (!n || config_compat_freq_in(n->freq_list, n->n_freq_list, freq));
}

/* "A B" words of v; calls word() for each; the set of bits it returned. */
static int config_compat_words(const char *v, const char *const names[], size_t n_names,
			       unsigned int *set)
{
	char tok[32];

	*set = 0;
	while (*v) {
		size_t l = strcspn(v, " \t"), i;

		if (!l) {
			v++;
			continue;
		}
		if (l >= sizeof(tok))
			return -1;
		memcpy(tok, v, l);
		tok[l] = 0;
		v += l;
		for (i = 0; i < n_names && strcmp(names[i], tok); i++)
			;
		if (i == n_names)
			return -1;
		*set |= 1u << i;
	}
	return *set ? 0 : -1;
}

/* --- globals ------------------------------------------------------------------------ */

int config_compat_global_set(struct config *c, const char *name, const char *v,
			     char *err, size_t len)
{
	const struct config_compat_field *f = config_compat_find(name, false);
	long x;

	if (!f && config_compat_find(name, true))
		return config_errf(err, len, "'%s' belongs inside a network={ } block", name);
	if (!f)
		return config_errf(err, len, "unknown option '%s'", name);
	if (!strcmp(name, "country")) {
		if (config_country_parse(v, c->country) < 0)
			return config_errf(err, len, "country: expected an ISO 3166-1 alpha-2 "
					   "code such as DE or US, or 00");
		return 0;
	}
	if (!strcmp(name, "ap_scan")) {
		if (config_parse_int(v, 0, 2, &x) < 0)
			return config_errf(err, len, "ap_scan: expected 0, 1 or 2");
		if (x == 0)
			return config_errf(err, len, "ap_scan=0 (the driver or a wired port "
					   "scans and associates) is not supported");
		if (x == 2)
			config_compat_notice(f, "ap_scan=2 is treated as 1");
		c->ap_scan = 1;
		return 0;
	}
	if (!strcmp(name, "update_config")) {
		if (config_parse_int(v, 0, 1, &x) < 0)
			return config_errf(err, len, "update_config: expected 0 or 1");
		c->update_config = x;
		return 0;
	}
	if (!strcmp(name, "pmf")) {
		if (config_parse_int(v, 0, 2, &x) < 0)
			return config_errf(err, len, "pmf: expected 0, 1 or 2");
		c->pmf = (int)x;
		return 0;
	}
	if (!strcmp(name, "freq_list"))
		return config_compat_freqs(name, v, c->freq_list, &c->n_freq_list, err, len);
	if (!strcmp(name, "p2p_disabled")) {
		if (config_parse_int(v, 0, 1, &x) < 0)
			return config_errf(err, len, "p2p_disabled: expected 0 or 1");
		if (!x)
			config_compat_notice(f, "p2p_disabled=0 asks for P2P, which ihvd has not");
		return 0;
	}
	return config_compat_table_apply(f, err, len);
}

/* --- network blocks ----------------------------------------------------------------- */

static int config_compat_proto(const char *v, char *err, size_t len)
{
	static const char *const names[] = { "RSN", "WPA2", "WPA" };
	unsigned int set;

	if (config_compat_words(v, names, 3, &set) < 0)
		return config_errf(err, len, "proto: expected RSN (WPA2) or WPA");
	if (set == 4u)
		return config_errf(err, len, "proto=WPA: WPA1 is not supported "
				   "(ihvd joins RSN networks: WPA2 and WPA3)");
	if (set & 4u)
		config_compat_notice(config_compat_find("proto", true),
				     "WPA (WPA1) is not used; RSN is");
	return 0;
}

static int config_compat_auth_alg(const char *v, char *err, size_t len)
{
	static const char *const names[] = { "OPEN", "SHARED", "LEAP" };
	unsigned int set;

	if (config_compat_words(v, names, 3, &set) < 0)
		return config_errf(err, len, "auth_alg: expected OPEN, SHARED or LEAP");
	if (!(set & 1u))
		return config_errf(err, len, "auth_alg=%s: %s is not supported (only OPEN)",
				   v, (set & 2u) ? "shared key authentication (WEP)" : "LEAP");
	if (set != 1u)
		config_compat_notice(config_compat_find("auth_alg", true),
				     "only OPEN is used");
	return 0;
}

int config_compat_network_set(struct config_network *n, const char *name,
			      const char *v, char *err, size_t len)
{
	const struct config_compat_field *f = config_compat_find(name, true);
	long x;

	if (!f)
		return config_errf(err, len, "unknown network field '%s'", name);
	if (!strcmp(name, "proto"))
		return config_compat_proto(v, err, len);
	if (!strcmp(name, "auth_alg"))
		return config_compat_auth_alg(v, err, len);
	if (!strcmp(name, "freq_list"))
		return config_compat_freqs(name, v, n->freq_list, &n->n_freq_list, err, len);
	if (!strcmp(name, "mode")) {
		if (config_parse_int(v, 0, 5, &x) < 0)
			return config_errf(err, len, "mode: expected 0 (station)");
		if (x == 1)
			return config_errf(err, len, "mode=1: IBSS (ad hoc) is not supported");
		if (x == 2)
			return config_errf(err, len, "mode=2: AP mode is not supported");
		if (x == 5)
			return config_errf(err, len, "mode=5: mesh (802.11s) is not supported");
		if (x != 0)
			return config_errf(err, len, "mode=%ld is not supported", x);
		return 0;
	}
	return config_compat_table_apply(f, err, len);
}

int config_compat_network_value(const struct config_network *n, const char *name,
				char *buf, size_t len)
{
	size_t i, o = 0;

	if (strcmp(name, "freq_list") != 0 || !n->n_freq_list || !len)
		return -1;
	for (i = 0; i < n->n_freq_list; i++) {
		o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%u", i ? " " : "",
				      n->freq_list[i]);
		if (o >= len)
			return -1;
	}
	return 0;
}

void config_compat_finish(struct config *c)
{
	struct config_network *n;

	for (n = c->networks; n; n = n->next)
		if (!n->ieee80211w_set)
			n->ieee80211w = c->pmf;
}

bool config_bssid_ignored(const struct config *c, const uint8_t *bssid)
{
	size_t i;

	for (i = 0; i < c->n_bssid_ignore; i++)
		if (!memcmp(c->bssid_ignore[i], bssid, DRV_ETH_ALEN))
			return true;
	return false;
}
