// SPDX-License-Identifier: BSD-3-Clause
/* The control socket, speaking wpa_supplicant's ctrl_iface protocol (see ctrl.h). */
#include "daemon/ctrl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <linux/sockios.h>


#include "common/wipe.h"
#include "common/hex.h"
#include "common/log.h"
#include "common/suite.h"
#include "daemon/config-eap.h"
#include "daemon/ctrl-counters.h"
#include "daemon/ctrl-reply.h"

#define CTRL_CLIENT_FAILS_MAX 10

struct ctrl_client {
	struct sockaddr_un addr;
	socklen_t addr_len;
	int level;
	int fails;
};

struct ctrl {
	struct loop *loop;
	int fd;
	char *dir;
	bool dir_created;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char ifname[DRV_IFNAME_MAX];
	struct station *station;
	struct config *config;
	const struct ctrl_host *host;
	void (*terminate)(void *ctx);
	void *terminate_ctx;
	struct ctrl_client clients[CTRL_CLIENTS_MAX];
	size_t n_clients;
	int sndbuf; /* the socket's send buffer, bytes (ctrl_sock_sndbuf) */
};

static const char *ctrl_key_mgmt_txt(uint32_t suite)
{
	const char *name = suite ? suite_akm_status_name(suite) : "NONE";

	return name ? name : "UNKNOWN";
}

static const char *ctrl_cipher_txt(uint32_t suite)
{
	const char *name = suite ? suite_cipher_name(suite) : "NONE";

	return name ? name : "UNKNOWN";
}

/* "12" -> 12; "all"/"any" (when allowed) -> -1. -2 on anything else. */
static int ctrl_parse_id(const char *s, const char *all_word)
{
	char *end;
	long v;

	if (all_word && !strcmp(s, all_word))
		return -1;
	if (*s < '0' || *s > '9')
		return -2;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v > 0x7fffffff)
		return -2;
	return (int)v;
}

/* --- clients ------------------------------------------------------------------ */

static struct ctrl_client *ctrl_client_find(struct ctrl *c, const struct sockaddr_un *a,
				       socklen_t len)
{
	size_t i;

	for (i = 0; i < c->n_clients; i++)
		if (c->clients[i].addr_len == len && !memcmp(&c->clients[i].addr, a, len))
			return &c->clients[i];
	return NULL;
}

static void ctrl_client_remove(struct ctrl *c, struct ctrl_client *cl)
{
	size_t i = (size_t)(cl - c->clients);

	memmove(&c->clients[i], &c->clients[i + 1],
		sizeof(c->clients[0]) * (c->n_clients - i - 1));
	c->n_clients--;
}

/*
 * Events never take the half of the send buffer that replies need. A monitor that stops
 * reading keeps every event queued for it charged to this socket (a connected Unix
 * datagram receiver has no queue limit of its own), so past half the buffer events are
 * not sent: each monitor counts a failed delivery and silent ones are dropped, while
 * every command still gets its reply.
 */
static bool ctrl_events_throttled(const struct ctrl *c)
{
	int outq = 0;

	return ioctl(c->fd, SIOCOUTQ, &outq) == 0 && outq > c->sndbuf / 2;
}

void ctrl_event(void *ctx, int level, const char *text)
{
	struct ctrl *c = ctx;
	char msg[CTRL_REPLY_MAX];
	size_t i = 0;
	int n;

	n = snprintf(msg, sizeof(msg), "<%d>%s", level, text);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(msg))
		n = sizeof(msg) - 1;
	while (i < c->n_clients) {
		struct ctrl_client *cl = &c->clients[i];

		if (level < cl->level) {
			i++;
			continue;
		}
		if (ctrl_events_throttled(c)) {
			errno = EAGAIN; /* counted as a failed delivery below */
		} else if (sendto(c->fd, msg, (size_t)n, MSG_DONTWAIT, (struct sockaddr *)&cl->addr,
				  cl->addr_len) >= 0) {
			cl->fails = 0;
			i++;
			continue;
		}
		/* Gone (its socket file removed or closed): forget it. */
		if (errno == ECONNREFUSED || errno == ENOENT || errno == ENOTDIR ||
		    ++cl->fails > CTRL_CLIENT_FAILS_MAX) {
			log_debug("ctrl %s: dropping a monitor: %s", c->ifname, strerror(errno));
			ctrl_client_remove(c, cl);
			continue;
		}
		i++;
	}
}

/* --- commands ------------------------------------------------------------------ */

static void ctrl_cmd_status(struct ctrl *c, struct ctrl_reply *r)
{
	struct station_info in;
	char txt[DRV_SSID_MAX * 4 + 1], mac[HEX_MAC_TXT_LEN], counters[256];

	station_info_get(c->station, &in);
	if (in.state >= STATION_ASSOCIATED) {
		hex_mac_txt(in.bssid, mac);
		config_ssid_txt(in.ssid, in.ssid_len, txt, sizeof(txt));
		ctrl_rp(r, "bssid=%s\nfreq=%u\nssid=%s\nid=%d\n", mac, in.freq, txt, in.network_id);
		if (in.id_str)
			ctrl_rp(r, "id_str=%s\n", in.id_str);
		ctrl_rp(r, "mode=station\npairwise_cipher=%s\ngroup_cipher=%s\nkey_mgmt=%s\n",
		   ctrl_cipher_txt(in.pairwise_cipher), ctrl_cipher_txt(in.group_cipher),
		   ctrl_key_mgmt_txt(in.akm_suite));
	}
	hex_mac_txt(in.mac, mac);
	ctrl_rp(r, "wpa_state=%s\naddress=%s\nihv_plugin=%s\nihv_last_reason=0x%05x\n"
	   "ihv_plugin_crashes=%u\n", station_state_name(in.state), mac,
	   in.plugin_name ? in.plugin_name : "", in.last_reason, in.plugin_crashes);
	ctrl_counters_status(&in, counters, sizeof(counters));
	ctrl_rp(r, "%s", counters);
}

/*
 * STATUS-VERBOSE: STATUS, then what wpa_supplicant adds there that ihvd has: the
 * controlled port's state (IEEE 802.1X-2020 suppPortStatus) and the MIB's dot11RSNA
 * variables (the MIB verb's reply).
 */
static void ctrl_cmd_status_verbose(struct ctrl *c, const struct ctrl_compat *cx,
				    struct ctrl_reply *r)
{
	struct station_info in;
	int wrote;

	station_info_get(c->station, &in);
	ctrl_rp(r, "suppPortStatus=%s\n",
		in.state == STATION_COMPLETED ? "Authorized" : "Unauthorized");
	wrote = ctrl_verbs_compat_run(cx, "MIB", NULL, r->buf + r->len, r->cap - r->len);
	if (wrote > 0)
		r->len += (size_t)wrote;
}

static void ctrl_cmd_list_networks(struct ctrl *c, struct ctrl_reply *r)
{
	struct station_info in;
	struct config_network *n;
	char txt[DRV_SSID_MAX * 4 + 1], mac[HEX_MAC_TXT_LEN];

	station_info_get(c->station, &in);
	ctrl_rp(r, "network id / ssid / bssid / flags\n");
	for (n = c->config->networks; n; n = n->next) {
		config_ssid_txt(n->ssid, n->ssid_set ? n->ssid_len : 0, txt, sizeof(txt));
		if (n->bssid_set)
			hex_mac_txt(n->bssid, mac);
		ctrl_rp(r, "%d\t%s\t%s\t%s%s%s\n", n->id, txt, n->bssid_set ? mac : "any",
		   in.network_id == n->id ? "[CURRENT]" : "",
		   n->disabled ? "[DISABLED]" : "", n->temp_disabled ? "[TEMP-DISABLED]" : "");
	}
}

#define CTRL_FLAG_DISCOVERY "[IHV-DISCOVERY]"

/*
 * IHV_DISCOVERY: the networks the plugin proposed a profile for
 * (CreateDiscoveryProfiles, contract §3 [9]), one a line:
 * "<index>\t<ssid>\t<network id or ->"; IHV_DISCOVERY_SELECT <index> joins one.
 */
static void ctrl_cmd_ihv_discovery(struct ctrl *c, struct ctrl_reply *r)
{
	struct station_discovered d;
	char txt[DRV_SSID_MAX * 4 + 1], id[16];
	size_t i;

	ctrl_rp(r, "index / ssid / network id\n");
	for (i = 0; station_discovery_get(c->station, i, &d); i++) {
		config_ssid_txt(d.ssid, d.ssid_len, txt, sizeof(txt));
		snprintf(id, sizeof(id), "%d", d.net_id);
		ctrl_rp(r, "%zu\t%s\t%s\n", i, txt, d.net_id >= 0 ? id : "-");
	}
}

static bool ctrl_cmd_ihv_discovery_select(struct ctrl *c, const char *arg,
					  struct ctrl_reply *r)
{
	int i = ctrl_parse_id(arg, NULL), id;

	if (i < 0)
		return false;
	id = station_discovery_select(c->station, (size_t)i);
	if (id < 0) {
		log_info("ctrl %s: IHV_DISCOVERY_SELECT %d: %s", c->ifname, i, strerror(-id));
		return false;
	}
	ctrl_rp(r, "%d\n", id);
	return true;
}

static void ctrl_cmd_scan_results(struct ctrl *c, struct ctrl_reply *r)
{
	size_t i, n = station_bss_count(c->station);
	char txt[DRV_SSID_MAX * 4 + 1], mac[HEX_MAC_TXT_LEN], flags[256];

	ctrl_rp(r, "bssid / frequency / signal level / flags / ssid\n");
	for (i = 0; i < n && !r->full; i++) {
		const struct scan_bss *b = station_bss_at(c->station, i);

		hex_mac_txt(b->bss.bssid, mac);
		scan_bss_flags(b, flags, sizeof(flags));
		/* a network the plugin proposes a profile for (IHV_DISCOVERY) */
		if (station_discovery_has(c->station, b->ssid, b->ssid_len) &&
		    strlen(flags) + sizeof(CTRL_FLAG_DISCOVERY) <= sizeof(flags))
			strcat(flags, CTRL_FLAG_DISCOVERY);
		config_ssid_txt(b->ssid, b->ssid_len, txt, sizeof(txt));
		ctrl_rp(r, "%s\t%u\t%d\t%s\t%s\n", mac, b->bss.freq, b->bss.signal_mbm / 100, flags, txt);
	}
	r->full = false; /* a truncated list is still a list (wpa_supplicant does the same) */
}

static bool ctrl_cmd_get_capability(const char *arg, struct ctrl_reply *r)
{
	char field[32], list[128];

	if (sscanf(arg, "%31s", field) != 1)
		return false;
	if (!strcmp(field, "key_mgmt")) {
		config_list_txt(CONFIG_AKM_ALL, true, list, sizeof(list));
		ctrl_rp(r, "%s", list);
	} else if (!strcmp(field, "pairwise") || !strcmp(field, "group")) {
		config_list_txt(field[0] == 'p' ? CONFIG_CIPHER_ALL : CONFIG_GROUP_ALL, false, list,
				sizeof(list));
		ctrl_rp(r, "%s", list);
	} else if (!strcmp(field, "proto")) {
		ctrl_rp(r, "RSN");
	} else if (!strcmp(field, "auth_alg")) {
		ctrl_rp(r, "OPEN");
	} else {
		return false;
	}
	return true;
}

/* "SET_NETWORK <id> <name> <value>" */
/*
 * A copy of n to try a change on, with the strings and 802.1X fields a change can set of its
 * own, so that trying it leaves n as it was.
 */
static bool ctrl_network_trial(const struct config_network *n, struct config_network *t)
{
	*t = *n;
	t->next = NULL;
	t->id_str = n->id_str ? strdup(n->id_str) : NULL;
	t->ihv_profile = n->ihv_profile ? strdup(n->ihv_profile) : NULL;
	t->eap = n->eap ? config_eap_dup(n->eap) : NULL;
	return (!n->id_str || t->id_str) && (!n->ihv_profile || t->ihv_profile) &&
	       (!n->eap || t->eap);
}

static void ctrl_network_trial_free(struct config_network *t)
{
	free(t->id_str);
	if (t->ihv_profile)
		secret_wipe(t->ihv_profile, strlen(t->ihv_profile));
	free(t->ihv_profile);
	config_eap_free(t->eap); /* its password, cleansed */
	secret_wipe(t, sizeof(*t)); /* a passphrase or PSK */
}

/*
 * Would the plugin take network n with name set to value (ValidateProfile,
 * contract §3 [7])? Tried on a copy, so a refused change leaves n as it was.
 */
static bool ctrl_network_change_valid(struct ctrl *c, const struct config_network *n,
				      const char *name, const char *value)
{
	struct config_network t;
	char err[256], text[256];
	uint32_t reason;
	bool ok = true;

	if (!ctrl_network_trial(n, &t)) {
		ctrl_network_trial_free(&t);
		return false;
	}
	/* a value config_network_set refuses is refused (and logged) by the real call */
	if (config_network_set(&t, name, value, err, sizeof(err)) == 0 &&
	    station_network_validate(c->station, &t, &reason, text, sizeof(text)) < 0) {
		log_info("ctrl %s: SET_NETWORK %d %s: the plugin refused the block "
			 "(Dot11ExtIhvValidateProfile): reason 0x%x: %s", c->ifname, n->id, name,
			 reason, text);
		ok = false;
	}
	ctrl_network_trial_free(&t);
	return ok;
}

static bool ctrl_cmd_set_network(struct ctrl *c, char *arg)
{
	char *name, *value, err[256];
	struct config_network *n;
	int id;

	name = strchr(arg, ' ');
	if (!name)
		return false;
	*name++ = 0;
	value = strchr(name, ' ');
	if (!value)
		return false;
	*value++ = 0;
	id = ctrl_parse_id(arg, NULL);
	n = id >= 0 ? config_network_get(c->config, id) : NULL;
	if (!n)
		return false;
	if (!ctrl_network_change_valid(c, n, name, value))
		return false; /* the plugin refused it: n unchanged */
	if (config_network_set(n, name, value, err, sizeof(err)) < 0) {
		log_info("ctrl %s: SET_NETWORK %d: %s", c->ifname, id, err);
		return false;
	}
	station_network_changed(c->station, id, name);
	return true;
}

static bool ctrl_cmd_get_network(struct ctrl *c, char *arg, struct ctrl_reply *r)
{
	char *name = strchr(arg, ' ');
	struct config_network *n;
	char val[CTRL_REPLY_MAX];
	int id;

	if (!name)
		return false;
	*name++ = 0;
	id = ctrl_parse_id(arg, NULL);
	n = id >= 0 ? config_network_get(c->config, id) : NULL;
	if (!n || config_network_value(n, name, val, sizeof(val)) < 0) {
		secret_wipe(val, sizeof(val));
		return false;
	}
	ctrl_rp(r, "%s", val); /* no newline, as wpa_supplicant */
	/* ihv_profile may hold the plugin's secrets. */
	secret_wipe(val, sizeof(val));
	return !r->full;
}

/*
 * "CTRL-RSP-<field>-<id>:<value>" (wpa_cli's form) or "CTRL-RSP-<field>-<id>-<value>" -> the
 * plugin's ProcessUIResponse or the 802.1X module. The value is never logged.
 */
static bool ctrl_cmd_ctrl_rsp(struct ctrl *c, char *arg)
{
	char *p = arg, *end;
	long id;

	while ((*p >= 'A' && *p <= 'Z') || *p == '_')
		p++;
	if (p == arg || *p != '-')
		return false;
	p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	id = strtol(p, &end, 10);
	if (errno || (*end != '-' && *end != ':') || id > 0x7fffffff)
		return false;
	return station_ui_respond(c->station, (int)id, end + 1) == 0;
}

static bool ctrl_id_cmd(struct ctrl *c, const char *arg, const char *all_word,
		   int (*fn)(struct station *, int))
{
	int id = ctrl_parse_id(arg, all_word);

	return id >= -1 && fn(c->station, id) == 0;
}

/*
 * IHV_CONTROL <hex>: the bytes to the plugin's Dot11ExtIhvControl (contract
 * §3, rule 68), its reply back in hex. The request may be anything the
 * plugin defines, secrets included: neither is logged.
 */
static bool ctrl_cmd_ihv_control(struct ctrl *c, const char *arg, struct ctrl_reply *r)
{
	uint8_t in[CTRL_IHV_CONTROL_MAX], out[CTRL_IHV_CONTROL_MAX];
	char hex[2 * CTRL_IHV_CONTROL_MAX + 1];
	size_t n = strlen(arg), returned = 0;
	int len, e;
	bool ok = false;

	len = n && n / 2 <= sizeof(in) ? hex_decode(arg, n, in, sizeof(in)) : -1;
	if (len < 0)
		goto out;
	e = station_ihv_control(c->station, in, (size_t)len, out, sizeof(out), &returned);
	if (e < 0) {
		log_info("ctrl %s: IHV_CONTROL: the plugin's Control failed: %s", c->ifname,
			 strerror(-e));
		goto out;
	}
	hex_encode(out, returned, hex);
	ctrl_rp(r, "%s\n", returned ? hex : "");
	ok = true;
out:
	secret_wipe(in, sizeof(in));
	secret_wipe(out, sizeof(out));
	secret_wipe(hex, sizeof(hex));
	return ok;
}

/*
 * The verbs, and whether their arguments may be logged: only where they are
 * known to carry no secret. SET_NETWORK may carry a psk, CTRL-RSP- (its value
 * is part of the verb) a password, and an unknown verb may be a mistyped
 * SET_NETWORK: of those the log gets the verb name at most.
 */
struct ctrl_verb {
	const char *name;
	bool args_loggable;
};

static const struct ctrl_verb ctrl_verbs[] = {
	{ "PING", true }, { "STATUS", true }, { "STATUS-VERBOSE", true },
	{ "STATUS-DROPS", true },
	{ "LIST_NETWORKS", true }, { "SCAN", true }, { "SCAN_RESULTS", true },
	{ "ADD_NETWORK", true }, { "SET_NETWORK", false }, { "GET_NETWORK", true },
	{ "REMOVE_NETWORK", true }, { "ENABLE_NETWORK", true }, { "DISABLE_NETWORK", true },
	{ "SELECT_NETWORK", true }, { "DISCONNECT", true }, { "RECONNECT", true },
	{ "REASSOCIATE", true }, { "ATTACH", true }, { "DETACH", true }, { "LEVEL", true },
	{ "TERMINATE", true }, { "GET_CAPABILITY", true }, { "INTERFACES", true },
	{ "IHV_CONTROL", false }, { "IHV_DISCOVERY", true }, { "IHV_DISCOVERY_SELECT", true },
	/* ctrl-verbs-compat.c's: none carries a secret. */
	{ "SAVE_CONFIG", true }, { "RECONFIGURE", true }, { "BSS", true }, { "SIGNAL_POLL", true },
	{ "SET", true }, { "GET", true }, { "LOG_LEVEL", true }, { "BSSID_IGNORE", true },
	{ "BLACKLIST", true }, { "ABORT_SCAN", true }, { "MIB", true },
};

/* The verb of cmd (up to its first blank), or NULL when it is none of ours. */
static const struct ctrl_verb *ctrl_verb_find(const char *cmd)
{
	size_t i, n = strcspn(cmd, " ");

	for (i = 0; i < sizeof(ctrl_verbs) / sizeof(ctrl_verbs[0]); i++)
		if (strlen(ctrl_verbs[i].name) == n && !strncmp(cmd, ctrl_verbs[i].name, n))
			return &ctrl_verbs[i];
	return NULL;
}

/* A command, at debug level, without anything that may be a secret. */
static void ctrl_log_command(const struct ctrl *c, const char *cmd)
{
	const struct ctrl_verb *v = ctrl_verb_find(cmd);
	size_t n = strcspn(cmd, " ");

	if (v && v->args_loggable)
		log_debug("ctrl %s: %.64s", c->ifname, cmd);
	else if (v)
		log_debug("ctrl %s: %s%s", c->ifname, v->name, cmd[n] ? " [...]" : "");
	else if (!strncmp(cmd, "CTRL-RSP-", 9))
		log_debug("ctrl %s: CTRL-RSP-[...]", c->ifname);
	else
		log_debug("ctrl %s: an unknown command (%zu bytes, not shown)", c->ifname,
			  strlen(cmd));
}

/* Run one command; the reply goes into r ("FAIL\n" when false is returned). */
static bool ctrl_dispatch(struct ctrl *c, char *cmd, const struct sockaddr_un *from,
			  socklen_t from_len, struct ctrl_reply *r, bool *terminate)
{
	const struct ctrl_compat cx = {
		.station = c->station, .config = c->config, .ifname = c->ifname, .host = c->host,
	};
	struct ctrl_client *cl;
	char *arg = strchr(cmd, ' ');
	int wrote;

	if (arg)
		*arg++ = 0;
#define IS(name) (!strcmp(cmd, name))
#define NOARG (!arg)
	if (IS("PING") && NOARG) {
		ctrl_rp(r, "PONG\n");
	} else if ((IS("STATUS") || IS("STATUS-VERBOSE")) && NOARG) {
		ctrl_cmd_status(c, r);
		if (IS("STATUS-VERBOSE"))
			ctrl_cmd_status_verbose(c, &cx, r);
	} else if (IS("STATUS-DROPS") && NOARG) {
		char drops[CTRL_REPLY_MAX];

		ctrl_counters_drops(c->station, drops, sizeof(drops));
		ctrl_rp(r, "%s", drops);
	} else if (IS("LIST_NETWORKS") && (NOARG || !strncmp(arg, "LAST_ID=", 8))) {
		ctrl_cmd_list_networks(c, r);
	} else if (IS("SCAN_RESULTS") && NOARG) {
		ctrl_cmd_scan_results(c, r);
	} else if (IS("SCAN")) {
		int err = station_scan(c->station);

		if (err == -EBUSY) {
			ctrl_rp(r, "FAIL-BUSY\n");
			return true;
		}
		if (err < 0)
			return false;
		ctrl_rp(r, "OK\n");
	} else if (IS("ADD_NETWORK") && NOARG) {
		struct config_network *n = config_network_add(c->config);

		if (!n)
			return false;
		n->disabled = true; /* as wpa_supplicant: enable it when complete */
		ctrl_rp(r, "%d\n", n->id);
	} else if (IS("SET_NETWORK") && arg) {
		if (!ctrl_cmd_set_network(c, arg))
			return false;
		ctrl_rp(r, "OK\n");
	} else if (IS("GET_NETWORK") && arg) {
		return ctrl_cmd_get_network(c, arg, r);
	} else if (IS("REMOVE_NETWORK") && arg) {
		if (!ctrl_id_cmd(c, arg, "all", station_remove_network))
			return false;
		ctrl_rp(r, "OK\n");
	} else if (IS("ENABLE_NETWORK") && arg) {
		if (!ctrl_id_cmd(c, arg, "all", station_enable_network))
			return false;
		ctrl_rp(r, "OK\n");
	} else if (IS("DISABLE_NETWORK") && arg) {
		if (!ctrl_id_cmd(c, arg, "all", station_disable_network))
			return false;
		ctrl_rp(r, "OK\n");
	} else if (IS("SELECT_NETWORK") && arg) {
		char *extra = strchr(arg, ' ');

		if (extra && strncmp(extra, " freq=", 6) != 0)
			return false;
		if (extra)
			*extra = 0; /* freq= hints are accepted and ignored */
		if (!ctrl_id_cmd(c, arg, "any", station_select_network))
			return false;
		ctrl_rp(r, "OK\n");
	} else if (IS("DISCONNECT") && NOARG) {
		station_disconnect(c->station);
		ctrl_rp(r, "OK\n");
	} else if (IS("RECONNECT") && NOARG) {
		station_reconnect(c->station);
		ctrl_rp(r, "OK\n");
	} else if (IS("REASSOCIATE") && NOARG) {
		station_reassociate(c->station);
		ctrl_rp(r, "OK\n");
	} else if (IS("ATTACH") && NOARG) {
		cl = ctrl_client_find(c, from, from_len);
		if (!cl) {
			if (c->n_clients == CTRL_CLIENTS_MAX ||
			    from_len <= (socklen_t)sizeof(sa_family_t))
				return false;
			cl = &c->clients[c->n_clients++];
			memset(cl, 0, sizeof(*cl));
			memcpy(&cl->addr, from, from_len);
			cl->addr_len = from_len;
		}
		cl->level = STATION_MSG_INFO;
		ctrl_rp(r, "OK\n");
	} else if (IS("DETACH") && NOARG) {
		cl = ctrl_client_find(c, from, from_len);
		if (!cl)
			return false;
		ctrl_client_remove(c, cl);
		ctrl_rp(r, "OK\n");
	} else if (IS("LEVEL") && arg) {
		int level = ctrl_parse_id(arg, NULL);

		cl = ctrl_client_find(c, from, from_len);
		if (!cl || level < 0 || level > 5)
			return false;
		cl->level = level;
		ctrl_rp(r, "OK\n");
	} else if (IS("TERMINATE") && NOARG) {
		*terminate = true;
		ctrl_rp(r, "OK\n");
	} else if (IS("GET_CAPABILITY") && arg) {
		return ctrl_cmd_get_capability(arg, r);
	} else if (IS("INTERFACES") && NOARG) {
		ctrl_rp(r, "%s\n", c->ifname);
	} else if (IS("IHV_CONTROL") && arg) {
		return ctrl_cmd_ihv_control(c, arg, r);
	} else if (IS("IHV_DISCOVERY") && NOARG) {
		ctrl_cmd_ihv_discovery(c, r);
	} else if (IS("IHV_DISCOVERY_SELECT") && arg) {
		return ctrl_cmd_ihv_discovery_select(c, arg, r);
	} else if (!strncmp(cmd, "CTRL-RSP-", 9)) {
		if (arg)
			arg[-1] = ' '; /* the value may hold blanks */
		if (!ctrl_cmd_ctrl_rsp(c, cmd + 9))
			return false;
		ctrl_rp(r, "OK\n");
	} else if ((wrote = ctrl_verbs_compat_run(&cx, cmd, arg, r->buf + r->len,
						  r->cap - r->len)) != CTRL_VERB_NOT_MINE) {
		if (wrote < 0)
			return false;
		r->len += (size_t)wrote;
	} else if (ctrl_verb_find(cmd)) {
		return false; /* a known command with the wrong arguments */
	} else {
		ctrl_rp(r, "UNKNOWN COMMAND\n");
	}
#undef IS
#undef NOARG
	return true;
}

void ctrl_command_run(struct ctrl *c, char *buf, size_t len, const struct sockaddr_un *from,
		      socklen_t from_len)
{
	char out[CTRL_REPLY_MAX];
	struct ctrl_reply r = { .buf = out, .cap = sizeof(out) };
	char *cmd = buf;
	bool ok = false, terminate = false;
	size_t i;

	out[0] = 0;
	/* One trailing newline is tolerated (socat, nc); other control bytes are not. */
	if (len && buf[len - 1] == '\n')
		buf[--len] = 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			break;
	if (i == len && len) {
		if (!strncmp(cmd, "IFNAME=", 7)) {
			char *sp = strchr(cmd, ' ');

			if (sp && (size_t)(sp - cmd - 7) == strlen(c->ifname) &&
			    !strncmp(cmd + 7, c->ifname, (size_t)(sp - cmd - 7)))
				cmd = sp + 1;
			else
				cmd = NULL;
		}
		if (cmd) {
			ctrl_log_command(c, cmd);
			ok = ctrl_dispatch(c, cmd, from, from_len, &r, &terminate);
		}
	}
	if (!ok) {
		r.len = 0;
		r.full = false;
		ctrl_rp(&r, "FAIL\n");
	}
	if (from_len > (socklen_t)sizeof(sa_family_t) &&
	    sendto(c->fd, out, r.len, MSG_DONTWAIT, (const struct sockaddr *)from, from_len) < 0)
		log_debug("ctrl %s: reply not delivered: %s", c->ifname, strerror(errno));
	secret_wipe(buf, len);
	secret_wipe(out, sizeof(out));
	if (terminate && c->terminate)
		c->terminate(c->terminate_ctx);
}

static void ctrl_rx(void *arg, int fd)
{
	struct ctrl *c = arg;
	char buf[CTRL_CMD_MAX + 1];
	int rounds;

	for (rounds = 0; rounds < 16; rounds++) {
		struct sockaddr_un from;
		socklen_t from_len = sizeof(from);
		ssize_t n;

		memset(&from, 0, sizeof(from));
		n = recvfrom(fd, buf, sizeof(buf) - 1, MSG_TRUNC | MSG_DONTWAIT,
			     (struct sockaddr *)&from, &from_len);
		if (n < 0)
			return;
		if ((size_t)n > CTRL_CMD_MAX - 1) {
			log_info("ctrl %s: refused a %zd-byte command", c->ifname, n);
			secret_wipe(buf, sizeof(buf));
			if (from_len > (socklen_t)sizeof(sa_family_t))
				sendto(fd, "FAIL\n", 5, MSG_DONTWAIT, (struct sockaddr *)&from,
				       from_len);
			continue;
		}
		buf[n] = 0;
		ctrl_command_run(c, buf, (size_t)n, &from, from_len);
		/* TERMINATE may have stopped the loop; the socket stays until ctrl_free. */
	}
}

/* --- life cycle ------------------------------------------------------------------- */

/*
 * A datagram sent on a Unix socket is charged to the sender until the receiver reads it.
 * Monitors that stop reading (a hung wpa_cli) keep their queued events charged to this
 * socket, and with the default buffer (wmem_max, ~208 KB) 32 of them use it all up: then
 * no reply goes out to anyone. The buffer is sized for every monitor's queue being full
 * plus room for replies (SO_SNDBUFFORCE as root; otherwise as much as SO_SNDBUF allows).
 */
#define CTRL_SNDBUF (CTRL_CLIENTS_MAX * 16 * 4096)

static int ctrl_sock_sndbuf(int fd)
{
	int v = CTRL_SNDBUF;
	socklen_t l = sizeof(v);

	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) < 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)) < 0)
		log_debug("control socket: send buffer left at its default: %s", strerror(errno));
	if (getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, &l) < 0)
		v = 212992;
	return v;
}

static int ctrl_sock_bind(struct ctrl *c, char *err, size_t err_len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	memcpy(a.sun_path, c->path, strlen(c->path) + 1);
	if (bind(c->fd, (struct sockaddr *)&a, sizeof(a)) == 0)
		return 0;
	if (errno != EADDRINUSE)
		goto fail;
	/* A live daemon answers a connect; a stale file does not. */
	{
		int probe = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		bool live = probe >= 0 && connect(probe, (struct sockaddr *)&a, sizeof(a)) == 0;

		if (probe >= 0)
			close(probe);
		if (live) {
			snprintf(err, err_len, "control socket %s is in use by another process",
				 c->path);
			return -1;
		}
	}
	if (unlink(c->path) < 0 || bind(c->fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		goto fail;
	log_info("ctrl %s: replaced a stale socket file", c->ifname);
	return 0;
fail:
	snprintf(err, err_len, "control socket %s: bind: %s", c->path, strerror(errno));
	return -1;
}

struct ctrl *ctrl_new(const struct ctrl_params *p, char *err, size_t err_len)
{
	struct ctrl *c = calloc(1, sizeof(*c));
	int n;

	if (!c || !(c->dir = strdup(p->dir))) {
		snprintf(err, err_len, "control socket: out of memory");
		free(c);
		return NULL;
	}
	c->fd = -1;
	c->loop = p->loop;
	c->station = p->station;
	c->config = p->config;
	c->host = p->host;
	c->terminate = p->terminate;
	c->terminate_ctx = p->terminate_ctx;
	snprintf(c->ifname, sizeof(c->ifname), "%s", p->ifname);
	n = snprintf(c->path, sizeof(c->path), "%s/%s", p->dir, p->ifname);
	if (n < 0 || (size_t)n >= sizeof(c->path)) {
		snprintf(err, err_len, "control socket path %s/%s is too long", p->dir, p->ifname);
		goto fail;
	}
	if (mkdir(p->dir, 0770) == 0) {
		c->dir_created = true;
	} else if (errno != EEXIST) {
		snprintf(err, err_len, "ctrl_interface %s: mkdir: %s", p->dir, strerror(errno));
		goto fail;
	}
	if (p->group_set && chown(p->dir, (uid_t)-1, p->gid) < 0) {
		snprintf(err, err_len, "ctrl_interface %s: chown to group %u: %s", p->dir,
			 (unsigned int)p->gid, strerror(errno));
		goto fail;
	}
	if (c->dir_created && chmod(p->dir, 0770) < 0) {
		snprintf(err, err_len, "ctrl_interface %s: chmod: %s", p->dir, strerror(errno));
		goto fail;
	}
	c->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (c->fd < 0) {
		snprintf(err, err_len, "control socket: %s", strerror(errno));
		goto fail;
	}
	c->sndbuf = ctrl_sock_sndbuf(c->fd);
	if (ctrl_sock_bind(c, err, err_len) < 0) {
		close(c->fd);
		c->fd = -1;
		goto fail;
	}
	/* Root, and the configured group, only (wpa_supplicant's modes). */
	if ((p->group_set && chown(c->path, (uid_t)-1, p->gid) < 0) || chmod(c->path, 0770) < 0) {
		snprintf(err, err_len, "control socket %s: %s", c->path, strerror(errno));
		goto fail;
	}
	if (loop_fd_add(p->loop, c->fd, ctrl_rx, c) < 0) {
		snprintf(err, err_len, "control socket %s: cannot watch it", c->path);
		goto fail;
	}
	log_debug("ctrl %s: listening on %s", c->ifname, c->path);
	return c;
fail:
	if (c->fd >= 0) {
		close(c->fd);
		unlink(c->path);
	}
	if (c->dir_created)
		rmdir(c->dir);
	free(c->dir);
	free(c);
	return NULL;
}

void ctrl_free(struct ctrl *c)
{
	if (!c)
		return;
	ctrl_event(c, STATION_MSG_INFO, "CTRL-EVENT-TERMINATING");
	loop_fd_del(c->loop, c->fd);
	close(c->fd);
	unlink(c->path);
	rmdir(c->dir); /* only succeeds when empty: other interfaces keep it */
	free(c->dir);
	free(c);
}

const char *ctrl_path(const struct ctrl *c)
{
	return c->path;
}
