// SPDX-License-Identifier: BSD-3-Clause
/*
 * RECONFIGURE and SIGHUP on the station's side (station_reconfigure in
 * station.h): the freshly read configuration takes the old one's place in
 * the same struct config (the control socket and the station keep their
 * pointer), and a connection whose network is unchanged is kept.
 */
#include "daemon/station.h"

#include <string.h>

#include "common/log.h"
#include "daemon/config-compat.h"
#include "daemon/station-int.h"

#define STATION_SWAP(a, b)                      \
	do {                                    \
		__typeof__(a) station_tmp_ = (a); \
		(a) = (b);                      \
		(b) = station_tmp_;             \
	} while (0)

/* What decides a connection: identity, credentials, policy. */
static bool station_network_same(const struct config_network *a,
				 const struct config_network *b)
{
	return a->ssid_set == b->ssid_set && a->ssid_len == b->ssid_len &&
	       !memcmp(a->ssid, b->ssid, a->ssid_len) &&
	       a->passphrase_set == b->passphrase_set && a->psk_set == b->psk_set &&
	       !strcmp(a->passphrase, b->passphrase) && !memcmp(a->psk, b->psk, sizeof(a->psk)) &&
	       a->key_mgmt == b->key_mgmt && a->pairwise == b->pairwise && a->group == b->group &&
	       a->ieee80211w == b->ieee80211w && a->bssid_set == b->bssid_set &&
	       (!a->bssid_set || !memcmp(a->bssid, b->bssid, DRV_ETH_ALEN)) &&
	       a->disabled == b->disabled && a->n_freq_list == b->n_freq_list &&
	       !memcmp(a->freq_list, b->freq_list, a->n_freq_list * sizeof(a->freq_list[0])) &&
	       !strcmp(a->ihv_profile ? a->ihv_profile : "", b->ihv_profile ? b->ihv_profile : "");
}

/* The file's contents change places; what only a restart changes stays (and is said). */
static void station_config_swap(struct station *st, struct config *cur, struct config *fresh)
{
	if (strcmp(cur->ctrl_dir ? cur->ctrl_dir : "", fresh->ctrl_dir ? fresh->ctrl_dir : "") ||
	    strcmp(cur->ihv_plugin ? cur->ihv_plugin : "",
		   fresh->ihv_plugin ? fresh->ihv_plugin : "") ||
	    cur->eapol_path != fresh->eapol_path)
		log_info("%s: ctrl_interface, ihv_plugin and eapol_path changes take effect on "
			 "restart", st->ifname);
	STATION_SWAP(cur->networks, fresh->networks);
	STATION_SWAP(cur->next_id, fresh->next_id);
	STATION_SWAP(cur->has_secret, fresh->has_secret);
	STATION_SWAP(cur->ap_scan, fresh->ap_scan);
	STATION_SWAP(cur->update_config, fresh->update_config);
	STATION_SWAP(cur->pmf, fresh->pmf);
	STATION_SWAP(cur->n_freq_list, fresh->n_freq_list);
	STATION_SWAP(cur->file_text, fresh->file_text);
	STATION_SWAP(cur->file_tail, fresh->file_tail);
	memcpy(cur->freq_list, fresh->freq_list, sizeof(cur->freq_list));
	memcpy(cur->country, fresh->country, sizeof(cur->country));
}

int station_reconfigure(struct station *st, struct config *fresh)
{
	const struct config_network *was = st->attempt_active ?
		config_network_get(st->config, st->cur_id) : NULL;
	struct config_network *n, *same = NULL;

	for (n = fresh->networks; was && n && !same; n = n->next)
		if (station_network_same(was, n))
			same = n;
	station_config_swap(st, st->config, fresh);
	st->n_ui = 0; /* answers to old requests name old ids */
	if (same) {
		log_info("%s: configuration re-read; network id=%d unchanged (now id=%d): "
			 "the connection stays", st->ifname, st->cur_id, same->id);
		st->cur_id = same->id;
		return 0;
	}
	log_info("%s: configuration re-read%s", st->ifname,
		 st->attempt_active ? "; the current network changed: reconnecting" : "");
	if (st->attempt_active) {
		/* Connect again, to whatever the new file chooses. */
		st->cur_id = -1;
		station_teardown(st, true);
		return 0;
	}
	if (!st->user_disconnected && !st->stopping) {
		st->backoff_idx = 0;
		loop_timer_arm(st->retry_timer, 0);
	}
	if (!select_any_usable(st->config))
		station_state_set(st, STATION_INACTIVE);
	return 0;
}
