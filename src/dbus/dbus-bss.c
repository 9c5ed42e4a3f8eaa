// SPDX-License-Identifier: BSD-3-Clause
/*
 * BSS objects, /fi/w1/wpa_supplicant1/Interfaces/N/BSSs/M: one per scan
 * result in the station's cache, named by BSSID and SSID for as long as the
 * result lasts, with wpa_supplicant's fi.w1.wpa_supplicant1.BSS properties.
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/suite.h"

#define DBUS_BSS_RATES_MAX 32
/* IEEE 802.11-2020 9.4.1.4: Capability Information bits. */
#define DBUS_CAP_ESS 0x0001
#define DBUS_CAP_IBSS 0x0002
#define DBUS_CAP_PRIVACY 0x0010
/* IEEE 802.11-2020 9.4.2.3 and 9.4.2.13: Supported Rates, Extended Supported Rates. */
#define DBUS_EID_SUPP_RATES 1
#define DBUS_EID_EXT_SUPP_RATES 50

bool dbus_bss_matches(const struct dbus_bss *b, const struct scan_bss *sb)
{
	return !memcmp(b->bssid, sb->bss.bssid, 6) && b->ssid_len == sb->ssid_len &&
	       !memcmp(b->ssid, sb->ssid, sb->ssid_len);
}

const struct scan_bss *dbus_bss_find(const struct dbus_bss *b)
{
	struct station *st = b->di->t.station;
	size_t k, n = station_bss_count(st);

	for (k = 0; k < n; k++) {
		const struct scan_bss *sb = station_bss_at(st, k);

		if (dbus_bss_matches(b, sb))
			return sb;
	}
	return NULL;
}

static const char *dbus_bss_akm_name(uint32_t suite)
{
	switch (suite) {
	case RSN_AKM_8021X:
	case WPA_SUITE(1):
		return "wpa-eap";
	case RSN_AKM_PSK:
	case WPA_SUITE(2):
		return "wpa-psk";
	case RSN_SUITE(3):
		return "wpa-ft-eap";
	case RSN_SUITE(4):
		return "wpa-ft-psk";
	case RSN_AKM_8021X_SHA256:
		return "wpa-eap-sha256";
	case RSN_AKM_PSK_SHA256:
		return "wpa-psk-sha256";
	case RSN_AKM_SAE:
		return "sae";
	case RSN_SUITE(9):
		return "ft-sae";
	case RSN_AKM_8021X_SUITE_B:
		return "wpa-eap-suite-b";
	case RSN_AKM_8021X_SUITE_B_192:
		return "wpa-eap-suite-b-192";
	case RSN_SUITE(24):
		return "sae-ext-key";
	default:
		return NULL;
	}
}

static const char *dbus_bss_cipher_name(uint32_t suite)
{
	switch (suite) {
	case RSN_CIPHER_CCMP_128:
	case WPA_SUITE(4):
		return "ccmp";
	case RSN_CIPHER_TKIP:
	case WPA_SUITE(2):
		return "tkip";
	case RSN_CIPHER_GCMP_128:
		return "gcmp";
	case RSN_CIPHER_GCMP_256:
		return "gcmp-256";
	case RSN_CIPHER_CCMP_256:
		return "ccmp-256";
	case RSN_CIPHER_WEP40:
	case WPA_SUITE(1):
		return "wep40";
	case RSN_CIPHER_WEP104:
	case WPA_SUITE(5):
		return "wep104";
	default:
		return NULL;
	}
}

static int dbus_bss_names(sd_bus_message *m, const char *key, const uint32_t *suites, size_t n,
			  bool akm)
{
	size_t k;
	int r;

	r = sd_bus_message_open_container(m, 'e', "sv");
	if (r >= 0)
		r = sd_bus_message_append(m, "s", key);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'v', "as");
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "s");
	for (k = 0; k < n && r >= 0; k++) {
		const char *name = akm ? dbus_bss_akm_name(suites[k]) :
				   dbus_bss_cipher_name(suites[k]);

		if (name)
			r = sd_bus_message_append(m, "s", name);
	}
	for (k = 0; k < 3 && r >= 0; k++)
		r = sd_bus_message_close_container(m);
	return r;
}

/* The RSN, WPA and WPS dictionaries: KeyMgmt (as), Pairwise (as), Group (s). */
static int dbus_bss_sec_dict(sd_bus_message *m, const struct scan_bss *sb, const char *which)
{
	const char *group = NULL;
	int r;

	r = sd_bus_message_open_container(m, 'a', "{sv}");
	if (r < 0)
		return r;
	if (!strcmp(which, "RSN") && sb->rsn) {
		r = dbus_bss_names(m, "KeyMgmt", sb->akm_suites, sb->n_akm_suites, true);
		if (r >= 0)
			r = dbus_bss_names(m, "Pairwise", sb->pairwise_suites,
					   sb->n_pairwise_suites, false);
		group = dbus_bss_cipher_name(sb->group_suite);
	} else if (!strcmp(which, "WPA") && sb->wpa) {
		r = dbus_bss_names(m, "KeyMgmt", sb->wpa_akm_suites, sb->n_wpa_akm_suites, true);
		if (r >= 0)
			r = dbus_bss_names(m, "Pairwise", sb->wpa_pairwise_suites,
					   sb->n_wpa_pairwise_suites, false);
	}
	if (r >= 0 && group)
		r = sd_bus_message_append(m, "{sv}", "Group", "s", group);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

/* The rates of Supported Rates and Extended Supported Rates, in bit/s. */
static size_t dbus_bss_rates(const struct scan_bss *sb, uint32_t *rates, size_t max)
{
	const uint8_t *ie = sb->bss.ies;
	size_t len = sb->bss.ies_len, pos = 0, n = 0, k;

	while (ie && pos + 2 <= len && pos + 2 + ie[pos + 1] <= len) {
		uint8_t id = ie[pos], l = ie[pos + 1];

		if (id == DBUS_EID_SUPP_RATES || id == DBUS_EID_EXT_SUPP_RATES)
			/* 9.4.2.3: bits 6..0 are the rate in units of 500 kb/s, bit 7 "basic". */
			for (k = 0; k < l && n < max; k++)
				if ((ie[pos + 2 + k] & 0x7f) != 0x7f) /* 0x7f: a membership selector */
					rates[n++] = (uint32_t)(ie[pos + 2 + k] & 0x7f) * 500000u;
		pos += 2u + l;
	}
	/* wpa_supplicant lists them fastest first. */
	for (k = 1; k < n; k++) {
		uint32_t v = rates[k];
		size_t j = k;

		while (j > 0 && rates[j - 1] < v) {
			rates[j] = rates[j - 1];
			j--;
		}
		rates[j] = v;
	}
	return n;
}

static int dbus_bss_get(sd_bus *bus, const char *path, const char *iface, const char *prop,
			sd_bus_message *reply, void *userdata, sd_bus_error *e)
{
	struct dbus_bss *b = userdata;
	const struct scan_bss *sb = dbus_bss_find(b);

	(void)bus, (void)iface;
	if (!sb)
		return sd_bus_error_setf(e, SD_BUS_ERROR_UNKNOWN_OBJECT,
					 "%s: the BSS left the scan results", path);
	if (!strcmp(prop, "BSSID"))
		return sd_bus_message_append_array(reply, 'y', sb->bss.bssid, 6);
	if (!strcmp(prop, "SSID"))
		return sd_bus_message_append_array(reply, 'y', sb->ssid, sb->ssid_len);
	if (!strcmp(prop, "RSN") || !strcmp(prop, "WPA") || !strcmp(prop, "WPS"))
		return dbus_bss_sec_dict(reply, sb, prop);
	if (!strcmp(prop, "IEs"))
		return sd_bus_message_append_array(reply, 'y', sb->bss.ies ? sb->bss.ies : sb->ssid,
						   sb->bss.ies ? sb->bss.ies_len : 0);
	if (!strcmp(prop, "Privacy"))
		return sd_bus_message_append(reply, "b",
					     (int)!!(sb->bss.capability & DBUS_CAP_PRIVACY));
	if (!strcmp(prop, "Mode"))
		return sd_bus_message_append(reply, "s",
					     sb->bss.capability & DBUS_CAP_IBSS ? "ad-hoc" :
					     "infrastructure");
	if (!strcmp(prop, "Frequency"))
		return sd_bus_message_append(reply, "q", (uint16_t)sb->bss.freq);
	if (!strcmp(prop, "Signal"))
		return sd_bus_message_append(reply, "n", (int16_t)(sb->bss.signal_mbm / 100));
	if (!strcmp(prop, "Age"))
		return sd_bus_message_append(reply, "u", scan_bss_age_ms(sb) / 1000u);
	if (!strcmp(prop, "Rates")) {
		uint32_t rates[DBUS_BSS_RATES_MAX];
		size_t n = dbus_bss_rates(sb, rates, DBUS_BSS_RATES_MAX);

		return sd_bus_message_append_array(reply, 'u', rates, n * sizeof(rates[0]));
	}
	return -ENOENT;
}

#define BSS_PROP(name, sig) \
	SD_BUS_PROPERTY(name, sig, dbus_bss_get, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE)

static const sd_bus_vtable dbus_bss_vtable[] = {
	SD_BUS_VTABLE_START(0),
	BSS_PROP("BSSID", "ay"),
	BSS_PROP("SSID", "ay"),
	BSS_PROP("WPA", "a{sv}"),
	BSS_PROP("RSN", "a{sv}"),
	BSS_PROP("WPS", "a{sv}"),
	BSS_PROP("IEs", "ay"),
	BSS_PROP("Privacy", "b"),
	BSS_PROP("Mode", "s"),
	BSS_PROP("Frequency", "q"),
	BSS_PROP("Rates", "au"),
	BSS_PROP("Signal", "n"),
	BSS_PROP("Age", "u"),
	SD_BUS_VTABLE_END,
};

int dbus_bss_props_append(struct dbus_bss *b, sd_bus_message *m)
{
	const sd_bus_vtable *v;
	sd_bus_error e = SD_BUS_ERROR_NULL;
	int r;

	r = sd_bus_message_open_container(m, 'a', "{sv}");
	for (v = dbus_bss_vtable; v->type != _SD_BUS_VTABLE_END && r >= 0; v++) {
		if (v->type != _SD_BUS_VTABLE_PROPERTY)
			continue;
		r = sd_bus_message_open_container(m, 'e', "sv");
		if (r >= 0)
			r = sd_bus_message_append(m, "s", v->x.property.member);
		if (r >= 0)
			r = sd_bus_message_open_container(m, 'v', v->x.property.signature);
		if (r >= 0)
			r = dbus_bss_get(NULL, b->path, DBUS_IF_BSS, v->x.property.member, m, b, &e);
		if (r >= 0)
			r = sd_bus_message_close_container(m);
		if (r >= 0)
			r = sd_bus_message_close_container(m);
	}
	sd_bus_error_free(&e);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

struct dbus_bss *dbus_bss_new(struct dbus_iface *di, const struct scan_bss *sb)
{
	struct dbus_bss *b = calloc(1, sizeof(*b));
	int r;

	if (!b)
		return NULL;
	b->di = di;
	b->id = di->next_bss_id++;
	memcpy(b->bssid, sb->bss.bssid, 6);
	b->ssid_len = sb->ssid_len <= sizeof(b->ssid) ? sb->ssid_len : sizeof(b->ssid);
	memcpy(b->ssid, sb->ssid, b->ssid_len);
	snprintf(b->path, sizeof(b->path), "%s/BSSs/%u", di->path, b->id);
	r = sd_bus_add_object_vtable(dbus_service_bus(di->svc), &b->slot, b->path, DBUS_IF_BSS,
				     dbus_bss_vtable, b);
	if (r < 0) {
		log_warn("dbus: cannot export %s: %s", b->path, strerror(-r));
		free(b);
		return NULL;
	}
	return b;
}

void dbus_bss_free(struct dbus_bss *b)
{
	if (!b)
		return;
	sd_bus_slot_unref(b->slot);
	free(b);
}
