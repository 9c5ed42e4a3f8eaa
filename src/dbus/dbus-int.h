/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside the D-Bus room: the service (bus.c), an interface object
 * (dbus-iface.c, dbus-iface-props.c, dbus-iface-sync.c), its BSS objects
 * (dbus-bss.c), its network objects (dbus-network.c) and the a{sv} readers
 * (dbus-dict.c). Nothing outside src/dbus includes this header.
 */
#ifndef IHVD_DBUS_INT_H
#define IHVD_DBUS_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon/sd-load.h"
#include "dbus/bus.h"
#include "daemon/scan.h"

#define DBUS_SERVICE "fi.w1.wpa_supplicant1"
#define DBUS_ROOT "/fi/w1/wpa_supplicant1"
#define DBUS_IF_ROOT "fi.w1.wpa_supplicant1"
#define DBUS_IF_IFACE "fi.w1.wpa_supplicant1.Interface"
#define DBUS_IF_BSS "fi.w1.wpa_supplicant1.BSS"
#define DBUS_IF_NETWORK "fi.w1.wpa_supplicant1.Network"
/* wpa_supplicant's error names (NM checks the first three). */
#define DBUS_ERR_IFACE_EXISTS "fi.w1.wpa_supplicant1.InterfaceExists"
#define DBUS_ERR_IFACE_UNKNOWN "fi.w1.wpa_supplicant1.InterfaceUnknown"
#define DBUS_ERR_INVALID_IFACE "fi.w1.wpa_supplicant1.InvalidInterface"
#define DBUS_ERR_INVALID_ARGS "fi.w1.wpa_supplicant1.InvalidArgs"
#define DBUS_ERR_UNKNOWN_ERROR "fi.w1.wpa_supplicant1.UnknownError"
#define DBUS_ERR_NETWORK_UNKNOWN "fi.w1.wpa_supplicant1.NetworkUnknown"
#define DBUS_ERR_BLOB_EXISTS "fi.w1.wpa_supplicant1.BlobExists"
#define DBUS_ERR_BLOB_UNKNOWN "fi.w1.wpa_supplicant1.BlobUnknown"
#define DBUS_ERR_NOT_CONNECTED "fi.w1.wpa_supplicant1.NotConnected"
#define DBUS_ERR_SCAN "fi.w1.wpa_supplicant1.Interface.ScanError"

#define DBUS_PATH_MAX 96
#define DBUS_IFACE_PATH_MAX 48 /* /fi/w1/wpa_supplicant1/Interfaces/N */
#define DBUS_BLOBS_MAX 16
#define DBUS_BLOB_BYTES_MAX (64 * 1024)
#define DBUS_NETWORKS_MAX 64
#define DBUS_REQ_MAX 8
#define DBUS_BLOB_REFS_MAX 16
#define DBUS_BLOB_PATH_MAX 192
#define DBUS_REQ_FIELD_MAX 16

struct dbus_iface;

/* One BSS object: a scan result named by its BSSID and SSID while it lasts. */
struct dbus_bss {
	struct dbus_iface *di;
	unsigned id;
	uint8_t bssid[6];
	uint8_t ssid[32];
	size_t ssid_len;
	char path[DBUS_PATH_MAX];
	sd_bus_slot *slot;
	bool seen;                     /* in the latest sync */
};

/* One network object, for a network block of the configuration. */
struct dbus_net {
	struct dbus_iface *di;
	int id;
	char path[DBUS_PATH_MAX];
	sd_bus_slot *slot;
	bool seen;
};

struct dbus_blob {
	char *name;
	uint8_t *data;
	size_t len;
};

/* A network field naming "blob://name" until SelectNetwork writes it out (dbus-blob-ref.c). */
struct dbus_blob_ref {
	int id;
	char field[16];   /* "" = a free slot */
	char name[129];
};

struct dbus_iface {
	struct dbus_service *svc;
	unsigned idx;
	char path[DBUS_IFACE_PATH_MAX];
	char ifname[32];
	struct dbus_iface_target t;
	sd_bus_slot *slot;

	/* What the bus was last told (dbus-iface-sync.c). */
	bool published;
	enum station_state state;
	bool scanning;
	char cur_bss[DBUS_PATH_MAX];
	char cur_net[DBUS_PATH_MAX];
	int disconnect_reason;
	struct dbus_bss **bss;
	size_t n_bss;
	unsigned next_bss_id;
	struct dbus_net **nets;
	size_t n_nets;

	/* Settable properties ihvd keeps but does not act on. */
	uint32_t ap_scan;
	uint32_t bss_expire_age;
	uint32_t bss_expire_count;
	char pmf[8];
	char sae_pwe[8];
	char pmk_lifetime[16];
	struct dbus_blob blobs[DBUS_BLOBS_MAX];

	/* Credential prompts signalled and not yet answered (dbus-request.c). */
	struct {
		int id;
		char field[DBUS_REQ_FIELD_MAX];
	} req[DBUS_REQ_MAX];
	size_t n_req;

	/* blob:// references of network fields, and where their files go. */
	struct dbus_blob_ref refs[DBUS_BLOB_REFS_MAX];
	char blob_dir[128];

	struct dbus_iface *next;
};

/* bus.c */
sd_bus *dbus_service_bus(struct dbus_service *s);
/* Write out what was queued (signals sent from outside a bus callback). */
void dbus_service_flush_soon(struct dbus_service *s);

/* dbus-iface.c */
struct dbus_iface *dbus_iface_new(struct dbus_service *svc, unsigned idx, const char *ifname,
				  const struct dbus_iface_target *t);
/* Leaves the bus (signals for its BSSes and networks not sent), detaches the station. */
void dbus_iface_free(struct dbus_iface *di);
/* Its properties as a{sv} (InterfaceAdded, the own PropertiesChanged). */
int dbus_iface_props_append(struct dbus_iface *di, sd_bus_message *m, const char *const *names);

/* dbus-iface-methods.c: the .Interface methods. */
int dbus_iface_scan(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_disconnect(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_reassociate(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_reattach(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_reconnect(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_add_network(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_remove_network(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_remove_all_networks(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_select_network(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_signal_poll(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_flush_bss(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_add_blob(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_remove_blob(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_get_blob(sd_bus_message *m, void *userdata, sd_bus_error *e);
int dbus_iface_network_reply(sd_bus_message *m, void *userdata, sd_bus_error *e);

/* dbus-iface-props.c: the .Interface vtable. */
extern const sd_bus_vtable dbus_iface_vtable[];
const char *dbus_iface_state_name(enum station_state s);

/* dbus-iface-sync.c: compare the station with what was published, signal the changes. */
void dbus_iface_sync(struct dbus_iface *di);
void dbus_iface_on_event(void *ctx, int level, const char *text);
void dbus_iface_on_watch(void *ctx);

/* dbus-blob-ref.c: "blob://name" in ca_cert, client_cert, private_key. */
bool dbus_blob_ref_field(const char *key);
/* A quoted "blob://NAME" -> NAME copied to name, or NULL. */
const char *dbus_blob_ref_name(const char *text, char *name, size_t len);
int dbus_blob_ref_add(struct dbus_iface *di, int id, const char *field, const char *name,
		      sd_bus_error *e);
/* Write the referenced blobs of network n to private files and set its fields to them. */
int dbus_blob_ref_apply(struct dbus_iface *di, struct config_network *n, sd_bus_error *e);
/* Drop network id's references and unlink their files (all, and the directory, for -1). */
void dbus_blob_ref_forget(struct dbus_iface *di, int id);
struct dbus_blob *dbus_iface_blob_find(struct dbus_iface *di, const char *name);

/* dbus-request.c: NetworkRequest / NetworkReply. */
/* "CTRL-REQ-FIELD-id:text" / "CTRL-REQ-IHV-id-text" -> 0, or -EINVAL for any other text. */
int dbus_request_parse(const char *ev, char *field, size_t field_len, int *id,
		       const char **text);
/* A station event: a prompt becomes NetworkRequest and is remembered. */
void dbus_request_on_event(struct dbus_iface *di, const char *ev);
/* Drop the prompts of network id (all for -1): the network is gone. */
void dbus_request_forget(struct dbus_iface *di, int id);

/* dbus-bss.c */
struct dbus_bss *dbus_bss_new(struct dbus_iface *di, const struct scan_bss *b);
void dbus_bss_free(struct dbus_bss *b);
/* The station's current cache entry for this object, or NULL (gone). */
const struct scan_bss *dbus_bss_find(const struct dbus_bss *b);
int dbus_bss_props_append(struct dbus_bss *b, sd_bus_message *m);
bool dbus_bss_matches(const struct dbus_bss *b, const struct scan_bss *sb);

/* dbus-network.c */
struct dbus_net *dbus_net_new(struct dbus_iface *di, int id);
void dbus_net_free(struct dbus_net *n);
int dbus_net_props_append(struct dbus_net *n, sd_bus_message *m);
/* Path -> network id of this interface; -1 if not one of its network objects. */
int dbus_net_id_from_path(const struct dbus_iface *di, const char *path);
/* The same for a caller's argument: the id, or a NetworkUnknown error set in e (negative). */
int dbus_net_id_check(const struct dbus_iface *di, const char *path, sd_bus_error *e);

/* dbus-dict.c: a{sv} -> network block fields through config_network_set. */
int dbus_dict_network_read(sd_bus_message *m, struct config_network *n, sd_bus_error *e);
/* The same; a "blob://name" file field goes to ref (with ctx and the network's id)
 * instead of config_network_set. Without ref such a field is refused. */
typedef int (*dbus_dict_ref_fn)(void *ctx, int id, const char *key, const char *name,
				sd_bus_error *e);
int dbus_dict_network_read_refs(sd_bus_message *m, struct config_network *n,
				dbus_dict_ref_fn ref, void *ctx, sd_bus_error *e);
/* One a{sv} entry's value as the configuration's text form. 0 or -errno with e set. */
int dbus_dict_value_text(sd_bus_message *m, const char *key, char *buf, size_t len,
			 sd_bus_error *e);

#endif
