// SPDX-License-Identifier: BSD-3-Clause
/*
 * fi.w1.wpa_supplicant1.Interface: the vtable and its properties, with
 * wpa_supplicant's names and types (NetworkManager 1.42 reads State,
 * Scanning, CurrentBSS, BSSs, Capabilities, Ifname, Driver, DisconnectReason
 * and sets ApScan, BSSExpireAge, BSSExpireCount, Dot11RSNAConfigPMKLifetime).
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/suite.h"

#define DBUS_PROP_ARGS sd_bus *bus, const char *path, const char *iface, const char *prop, \
	sd_bus_message *reply, void *userdata, sd_bus_error *e
#define DBUS_PROP_UNUSED (void)bus, (void)path, (void)iface, (void)prop, (void)e

/* wpa_supplicant's wpa_state names in lower case, as its D-Bus State property spells them. */
const char *dbus_iface_state_name(enum station_state s)
{
	switch (s) {
	case STATION_DISCONNECTED:
		return "disconnected";
	case STATION_INACTIVE:
		return "inactive";
	case STATION_SCANNING:
		return "scanning";
	case STATION_ASSOCIATING:
		return "associating";
	case STATION_ASSOCIATED:
		return "associated";
	case STATION_4WAY_HANDSHAKE:
		return "4way_handshake";
	case STATION_COMPLETED:
		return "completed";
	}
	return "unknown";
}

static int dbus_iface_get_state(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;
	struct station_info in;

	DBUS_PROP_UNUSED;
	station_info_get(di->t.station, &in);
	return sd_bus_message_append(reply, "s", dbus_iface_state_name(in.state));
}

static int dbus_iface_get_scanning(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;

	DBUS_PROP_UNUSED;
	return sd_bus_message_append(reply, "b", (int)station_scanning(di->t.station));
}

static int dbus_iface_get_text(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;
	const char *v = "";

	DBUS_PROP_UNUSED;
	if (!strcmp(prop, "Ifname"))
		v = di->ifname;
	else if (!strcmp(prop, "Driver"))
		v = "nl80211";
	else if (!strcmp(prop, "Country"))
		v = di->t.config->country;
	else if (!strcmp(prop, "Pmf"))
		v = di->pmf;
	else if (!strcmp(prop, "SaePwe"))
		v = di->sae_pwe;
	else if (!strcmp(prop, "Dot11RSNAConfigPMKLifetime"))
		v = di->pmk_lifetime;
	return sd_bus_message_append(reply, "s", v);
}

static int dbus_iface_set_text(sd_bus *bus, const char *path, const char *iface,
			       const char *prop, sd_bus_message *value, void *userdata,
			       sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	const char *v;
	char *dst;
	size_t cap;
	int r;

	(void)bus, (void)path, (void)iface;
	r = sd_bus_message_read(value, "s", &v);
	if (r < 0)
		return r;
	if (!strcmp(prop, "Pmf")) {
		dst = di->pmf, cap = sizeof(di->pmf);
		if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "2"))
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "Pmf '%s': 0, 1 or 2", v);
	} else if (!strcmp(prop, "SaePwe")) {
		dst = di->sae_pwe, cap = sizeof(di->sae_pwe);
		if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "2"))
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "SaePwe '%s': 0, 1 or 2", v);
	} else {
		char *end;
		unsigned long n;

		dst = di->pmk_lifetime, cap = sizeof(di->pmk_lifetime);
		errno = 0;
		n = strtoul(v, &end, 10);
		if (!*v || *end || errno || n > 0xffffffffUL)
			return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
						 "%s '%s': a number of seconds", prop, v);
	}
	snprintf(dst, cap, "%s", v);
	return 0;
}

static uint32_t *dbus_iface_u32_field(struct dbus_iface *di, const char *prop)
{
	if (!strcmp(prop, "ApScan"))
		return &di->ap_scan;
	if (!strcmp(prop, "BSSExpireAge"))
		return &di->bss_expire_age;
	return &di->bss_expire_count;
}

static int dbus_iface_get_u32(DBUS_PROP_ARGS)
{
	DBUS_PROP_UNUSED;
	return sd_bus_message_append(reply, "u", *dbus_iface_u32_field(userdata, prop));
}

static int dbus_iface_set_u32(sd_bus *bus, const char *path, const char *iface,
			      const char *prop, sd_bus_message *value, void *userdata,
			      sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	uint32_t v;
	int r;

	(void)bus, (void)path, (void)iface;
	r = sd_bus_message_read(value, "u", &v);
	if (r < 0)
		return r;
	/* ihvd scans and selects by itself: ap_scan=1 is the only mode (config.h). */
	if (!strcmp(prop, "ApScan") && v != 1)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "ApScan %u: ihvd runs ap_scan=1 only", v);
	if (!strcmp(prop, "BSSExpireAge") && v < 10)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "BSSExpireAge %u: at least 10 seconds", v);
	if (!strcmp(prop, "BSSExpireCount") && v < 1)
		return sd_bus_error_set(e, DBUS_ERR_INVALID_ARGS, "BSSExpireCount: at least 1");
	*dbus_iface_u32_field(di, prop) = v;
	return 0;
}

static int dbus_iface_get_path(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;

	DBUS_PROP_UNUSED;
	return sd_bus_message_append(reply, "o", !strcmp(prop, "CurrentBSS") ? di->cur_bss :
				     di->cur_net);
}

static int dbus_iface_get_objects(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;
	bool bss = !strcmp(prop, "BSSs");
	size_t k, n = bss ? di->n_bss : di->n_nets;
	int r;

	DBUS_PROP_UNUSED;
	r = sd_bus_message_open_container(reply, 'a', "o");
	for (k = 0; k < n && r >= 0; k++)
		r = sd_bus_message_append(reply, "o", bss ? di->bss[k]->path : di->nets[k]->path);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int dbus_iface_get_auth_mode(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;
	struct station_info in;
	const char *mode = "INACTIVE";

	DBUS_PROP_UNUSED;
	station_info_get(di->t.station, &in);
	if (in.state == STATION_COMPLETED || in.state == STATION_4WAY_HANDSHAKE ||
	    in.state == STATION_ASSOCIATED) {
		switch (in.akm_suite) {
		case 0:
			mode = "NONE";
			break;
		case RSN_AKM_PSK:
			mode = "WPA2-PSK";
			break;
		case RSN_AKM_PSK_SHA256:
			mode = "WPA2-PSK-SHA256";
			break;
		case RSN_AKM_SAE:
			mode = "SAE";
			break;
		case RSN_AKM_SAE_EXT_KEY: /* wpa_supplicant's name for AKM 00-0F-AC:24 */
			mode = "SAE-EXT-KEY";
			break;
		default:
			mode = "UNKNOWN";
			break;
		}
	}
	return sd_bus_message_append(reply, "s", mode);
}

static int dbus_iface_get_int(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;

	DBUS_PROP_UNUSED;
	if (!strcmp(prop, "DisconnectReason"))
		return sd_bus_message_append(reply, "i", di->disconnect_reason);
	return sd_bus_message_append(reply, "i", 0); /* AuthStatusCode */
}

static int dbus_iface_caps_list(sd_bus_message *m, const char *key, const char *const *vals)
{
	int r;

	r = sd_bus_message_open_container(m, 'e', "sv");
	if (r >= 0)
		r = sd_bus_message_append(m, "s", key);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'v', "as");
	if (r >= 0)
		r = sd_bus_message_append_strv(m, (char **)vals);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	return r;
}

static int dbus_iface_get_caps(DBUS_PROP_ARGS)
{
	static const char *const key_mgmt[] = { "none", "wpa-psk", "wpa-psk-sha256", "wpa-eap",
						"wpa-eap-sha256", "sae", NULL };
	/* BIP-CMAC-128 (IEEE 802.11-2020 12.5.4): NetworkManager's "bip" for SAE transition */
	static const char *const group_mgmt[] = { "aes-128-cmac", NULL };
	static const char *const pairwise[] = { "ccmp", "gcmp", "ccmp-256", "gcmp-256", NULL };
	static const char *const group[] = { "ccmp", "gcmp", "ccmp-256", "gcmp-256", NULL };
	static const char *const protocol[] = { "rsn", NULL };
	static const char *const auth_alg[] = { "open", NULL };
	static const char *const scan[] = { "active", "passive", "ssid", NULL };
	static const char *const modes[] = { "infrastructure", NULL };
	int r;

	DBUS_PROP_UNUSED;
	(void)userdata;
	r = sd_bus_message_open_container(reply, 'a', "{sv}");
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "KeyMgmt", key_mgmt);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "Pairwise", pairwise);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "Group", group);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "GroupMgmt", group_mgmt);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "Protocol", protocol);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "AuthAlg", auth_alg);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "Scan", scan);
	if (r >= 0)
		r = dbus_iface_caps_list(reply, "Modes", modes);
	if (r >= 0)
		r = sd_bus_message_append(reply, "{sv}", "MaxScanSSID", "i", 4);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int dbus_iface_get_blobs(DBUS_PROP_ARGS)
{
	struct dbus_iface *di = userdata;
	size_t k;
	int r;

	DBUS_PROP_UNUSED;
	r = sd_bus_message_open_container(reply, 'a', "{say}");
	for (k = 0; k < DBUS_BLOBS_MAX && r >= 0; k++) {
		if (!di->blobs[k].name)
			continue;
		r = sd_bus_message_open_container(reply, 'e', "say");
		if (r >= 0)
			r = sd_bus_message_append(reply, "s", di->blobs[k].name);
		/* a blob may be a private key: names only, never the bytes */
		if (r >= 0)
			r = sd_bus_message_append_array(reply, 'y', "", 0);
		if (r >= 0)
			r = sd_bus_message_close_container(reply);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

#define CHANGE SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE
#define CONST SD_BUS_VTABLE_PROPERTY_CONST
#define U SD_BUS_VTABLE_UNPRIVILEGED

const sd_bus_vtable dbus_iface_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("Scan", "a{sv}", "", dbus_iface_scan, U),
	SD_BUS_METHOD("SignalPoll", "", "a{sv}", dbus_iface_signal_poll, U),
	SD_BUS_METHOD("Disconnect", "", "", dbus_iface_disconnect, U),
	SD_BUS_METHOD("AddNetwork", "a{sv}", "o", dbus_iface_add_network, U),
	SD_BUS_METHOD("Reassociate", "", "", dbus_iface_reassociate, U),
	SD_BUS_METHOD("Reattach", "", "", dbus_iface_reattach, U),
	SD_BUS_METHOD("Reconnect", "", "", dbus_iface_reconnect, U),
	SD_BUS_METHOD("RemoveNetwork", "o", "", dbus_iface_remove_network, U),
	SD_BUS_METHOD("RemoveAllNetworks", "", "", dbus_iface_remove_all_networks, U),
	SD_BUS_METHOD("SelectNetwork", "o", "", dbus_iface_select_network, U),
	SD_BUS_METHOD("NetworkReply", "oss", "", dbus_iface_network_reply, U),
	SD_BUS_METHOD("AddBlob", "say", "", dbus_iface_add_blob, U),
	SD_BUS_METHOD("GetBlob", "s", "ay", dbus_iface_get_blob, U),
	SD_BUS_METHOD("RemoveBlob", "s", "", dbus_iface_remove_blob, U),
	SD_BUS_METHOD("FlushBSS", "u", "", dbus_iface_flush_bss, U),
	SD_BUS_PROPERTY("Capabilities", "a{sv}", dbus_iface_get_caps, 0, CONST),
	SD_BUS_PROPERTY("State", "s", dbus_iface_get_state, 0, CHANGE),
	SD_BUS_PROPERTY("Scanning", "b", dbus_iface_get_scanning, 0, CHANGE),
	SD_BUS_WRITABLE_PROPERTY("ApScan", "u", dbus_iface_get_u32, dbus_iface_set_u32, 0, CHANGE),
	SD_BUS_WRITABLE_PROPERTY("BSSExpireAge", "u", dbus_iface_get_u32, dbus_iface_set_u32, 0,
				 CHANGE),
	SD_BUS_WRITABLE_PROPERTY("BSSExpireCount", "u", dbus_iface_get_u32, dbus_iface_set_u32, 0,
				 CHANGE),
	SD_BUS_PROPERTY("Country", "s", dbus_iface_get_text, 0, CHANGE),
	SD_BUS_PROPERTY("Ifname", "s", dbus_iface_get_text, 0, CONST),
	SD_BUS_PROPERTY("Driver", "s", dbus_iface_get_text, 0, CONST),
	SD_BUS_PROPERTY("BridgeIfname", "s", dbus_iface_get_text, 0, CONST),
	SD_BUS_PROPERTY("CurrentBSS", "o", dbus_iface_get_path, 0, CHANGE),
	SD_BUS_PROPERTY("CurrentNetwork", "o", dbus_iface_get_path, 0, CHANGE),
	SD_BUS_PROPERTY("CurrentAuthMode", "s", dbus_iface_get_auth_mode, 0, CHANGE),
	SD_BUS_PROPERTY("Blobs", "a{say}", dbus_iface_get_blobs, 0, CHANGE),
	SD_BUS_PROPERTY("BSSs", "ao", dbus_iface_get_objects, 0, CHANGE),
	SD_BUS_PROPERTY("Networks", "ao", dbus_iface_get_objects, 0, CHANGE),
	SD_BUS_PROPERTY("DisconnectReason", "i", dbus_iface_get_int, 0, CHANGE),
	SD_BUS_PROPERTY("AuthStatusCode", "i", dbus_iface_get_int, 0, CHANGE),
	SD_BUS_WRITABLE_PROPERTY("Pmf", "s", dbus_iface_get_text, dbus_iface_set_text, 0, CHANGE),
	SD_BUS_WRITABLE_PROPERTY("SaePwe", "s", dbus_iface_get_text, dbus_iface_set_text, 0,
				 CHANGE),
	SD_BUS_WRITABLE_PROPERTY("Dot11RSNAConfigPMKLifetime", "s", dbus_iface_get_text,
				 dbus_iface_set_text, 0, CHANGE),
	SD_BUS_SIGNAL("ScanDone", "b", 0),
	SD_BUS_SIGNAL("BSSAdded", "oa{sv}", 0),
	SD_BUS_SIGNAL("BSSRemoved", "o", 0),
	SD_BUS_SIGNAL("NetworkAdded", "oa{sv}", 0),
	SD_BUS_SIGNAL("NetworkRemoved", "o", 0),
	SD_BUS_SIGNAL("NetworkSelected", "o", 0),
	SD_BUS_SIGNAL("PropertiesChanged", "a{sv}", 0),
	SD_BUS_SIGNAL("NetworkRequest", "oss", 0),
	SD_BUS_VTABLE_END,
};
