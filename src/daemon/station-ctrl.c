// SPDX-License-Identifier: BSD-3-Clause
/*
 * The station's side of the control socket's commands (wpa_cli's SCAN,
 * DISCONNECT, RECONNECT, REASSOCIATE, SELECT/ENABLE/DISABLE/REMOVE_NETWORK,
 * SET_NETWORK's aftermath and CTRL-RSP-): see station.h.
 */
#include "daemon/station.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/log.h"
#include "daemon/station-int.h"

int station_scan(struct station *st)
{
	if (st->scan_running)
		return -EBUSY;
	return scan_request(st, false);
}

int station_disconnect(struct station *st)
{
	st->user_disconnected = true;
	st->want_connect = false;
	st->reassoc_now = false;
	loop_timer_cancel(st->retry_timer);
	station_teardown(st, false);
	station_state_set(st, STATION_DISCONNECTED);
	return 0;
}

int station_reconnect(struct station *st)
{
	if (!st->user_disconnected)
		return 0;
	st->user_disconnected = false;
	st->backoff_idx = 0;
	st->t_request = loop_now_us();
	st->t_scan = 0;
	station_try(st);
	return 0;
}

int station_reassociate(struct station *st)
{
	st->user_disconnected = false;
	st->backoff_idx = 0;
	if (st->attempt_active) {
		station_teardown(st, true);
		return 0;
	}
	st->t_request = loop_now_us();
	station_try(st);
	return 0;
}

static void station_network_reenable(struct station *st, struct config_network *n)
{
	char ssid_txt[DRV_SSID_MAX * 4 + 1];

	n->disabled = false;
	n->auth_failures = 0;
	if (!n->temp_disabled)
		return;
	n->temp_disabled = false;
	config_ssid_txt(n->ssid, n->ssid_len, ssid_txt, sizeof(ssid_txt));
	station_event(st, "CTRL-EVENT-SSID-REENABLED id=%d ssid=\"%s\"", n->id, ssid_txt);
}

static void station_kick(struct station *st)
{
	if (!st->attempt_active && !st->user_disconnected && !st->stopping) {
		st->backoff_idx = 0;
		loop_timer_arm(st->retry_timer, 0);
	}
}

int station_select_network(struct station *st, int id)
{
	struct config_network *n, *sel = NULL;

	if (id >= 0) {
		sel = config_network_get(st->config, id);
		if (!sel || config_network_check(sel, NULL, 0) < 0)
			return sel ? -EINVAL : -ENOENT;
	}
	for (n = st->config->networks; n; n = n->next) {
		if (!sel || n == sel)
			station_network_reenable(st, n);
		else
			n->disabled = true;
	}
	st->user_disconnected = false;
	if (st->attempt_active && sel && st->cur_id != id) {
		station_teardown(st, true);
		return 0;
	}
	station_kick(st);
	return 0;
}

int station_enable_network(struct station *st, int id)
{
	struct config_network *n;

	if (id >= 0) {
		n = config_network_get(st->config, id);
		if (!n)
			return -ENOENT;
		if (config_network_check(n, NULL, 0) < 0)
			return -EINVAL;
		station_network_reenable(st, n);
	} else {
		for (n = st->config->networks; n; n = n->next)
			if (config_network_check(n, NULL, 0) == 0)
				station_network_reenable(st, n);
	}
	station_kick(st);
	return 0;
}

int station_disable_network(struct station *st, int id)
{
	struct config_network *n;
	bool cur = false;

	if (id >= 0 && !config_network_get(st->config, id))
		return -ENOENT;
	for (n = st->config->networks; n; n = n->next) {
		if (id >= 0 && n->id != id)
			continue;
		n->disabled = true;
		cur |= n->id == st->cur_id;
	}
	if (cur && st->attempt_active)
		station_teardown(st, false);
	if (!select_any_usable(st->config) && !st->attempt_active)
		station_state_set(st, STATION_INACTIVE);
	return 0;
}

static void station_ui_drop(struct station *st, int id)
{
	size_t i = 0;

	while (i < st->n_ui) {
		if (id >= 0 && st->ui[i].id != id) {
			i++;
			continue;
		}
		memmove(&st->ui[i], &st->ui[i + 1], sizeof(st->ui[0]) * (st->n_ui - i - 1));
		st->n_ui--;
	}
}

int station_remove_network(struct station *st, int id)
{
	bool cur;

	if (id >= 0 && !config_network_get(st->config, id))
		return -ENOENT;
	cur = st->attempt_active && (id < 0 || id == st->cur_id);
	if (cur)
		station_teardown(st, false);
	if (id >= 0) {
		config_network_remove(st->config, id);
	} else {
		while (st->config->networks)
			config_network_remove(st->config, st->config->networks->id);
	}
	station_ui_drop(st, id);
	if (!select_any_usable(st->config) && !st->attempt_active)
		station_state_set(st, STATION_INACTIVE);
	return 0;
}

void station_network_changed(struct station *st, int id, const char *field)
{
	struct config_network *n = config_network_get(st->config, id);

	if (!n)
		return;
	/* New credentials or identity: forget the failures (wpa_supplicant does too). */
	if (!strcmp(field, "psk") || !strcmp(field, "ssid") || !strcmp(field, "key_mgmt") ||
	    !strcmp(field, "password") || !strcmp(field, "identity") || !strcmp(field, "eap") ||
	    !strcmp(field, "ca_cert") || !strcmp(field, "client_cert") ||
	    !strcmp(field, "private_key")) {
		bool was = n->temp_disabled;

		n->auth_failures = 0;
		n->temp_disabled = false;
		if (was)
			log_info("%s: network id=%d re-enabled after its %s changed",
				 st->ifname, id, field);
	}
	if (!strcmp(field, "disabled") && n->disabled && st->attempt_active && st->cur_id == id)
		station_teardown(st, false);
	station_kick(st);
}

int station_ui_respond(struct station *st, int id, const char *value)
{
	size_t i;
	int err;

	for (i = 0; i < st->n_ui && st->ui[i].id != id; i++)
		;
	if (i == st->n_ui)
		return -ENOENT;
	err = st->be.ui_respond(st->be.ctx, st->ui[i].guid, (const uint8_t *)value,
				strlen(value));
	memmove(&st->ui[i], &st->ui[i + 1], sizeof(st->ui[0]) * (st->n_ui - i - 1));
	st->n_ui--;
	return err < 0 ? err : 0;
}

int station_plugin_stats(struct station *st, char *buf, size_t len)
{
	static const char cmd[] = "stats";
	size_t got = 0;
	int r;

	if (!st->be.control || !len)
		return -ENOTSUP;
	r = st->be.control(st->be.ctx, (const uint8_t *)cmd, sizeof(cmd) - 1, (uint8_t *)buf,
			   len - 1, &got);
	if (r < 0)
		return r;
	buf[got < len ? got : len - 1] = 0;
	return 0;
}

void station_plugin_crashed(struct station *st, unsigned crashes, const char *what,
			    bool gave_up)
{
	st->plugin_crashes = crashes;
	cap_memo_clear(st->cap_memo); /* a new process: its answers are asked for again */
	station_event(st, "CTRL-EVENT-IHV-PLUGIN-CRASHED plugin=%s crashes=%u%s what=\"%s\"",
		      st->plugin_name ? st->plugin_name : "", crashes,
		      gave_up ? " gave_up=1" : "", what);
}

/* STATUS: what was planned, then what the core says was negotiated. */
void station_info_get(struct station *st, struct station_info *info)
{
	struct config_network *n = config_network_get(st->config, st->cur_id);
	struct ihv_adapter_status ast;
	bool linked = st->attempt_active;

	memset(info, 0, sizeof(*info));
	info->state = st->state;
	info->network_id = linked ? st->cur_id : -1;
	memcpy(info->mac, st->mac, DRV_ETH_ALEN);
	info->plugin_name = st->plugin_name;
	info->last_reason = st->last_reason;
	memset(&ast, 0, sizeof(ast));
	if (st->be.status)
		st->be.status(st->be.ctx, &ast);
	info->counters = ast.counters;
	info->plugin_crashes = st->plugin_crashes;
	if (!linked)
		return;
	memcpy(info->ssid, st->cur_ssid, st->cur_ssid_len);
	info->ssid_len = st->cur_ssid_len;
	memcpy(info->bssid, st->cur_bssid, DRV_ETH_ALEN);
	info->freq = st->cur_freq;
	info->id_str = n ? n->id_str : NULL;
	info->akm_suite = config_akm_suite(st->cur_choice.akm);
	if (st->cur_choice.akm != CONFIG_AKM_NONE) {
		info->pairwise_cipher = config_cipher_suite(st->cur_choice.pairwise);
		info->group_cipher = config_cipher_suite(st->cur_choice.group);
	}
	if (ast.phase == IHV_PHASE_IDLE)
		return;
	/* What was negotiated beats what was planned. */
	if (ast.freq) {
		memcpy(info->bssid, ast.bssid, DRV_ETH_ALEN);
		info->freq = ast.freq;
	}
	if (ast.akm_suite)
		info->akm_suite = ast.akm_suite;
	if (ast.pairwise_cipher)
		info->pairwise_cipher = ast.pairwise_cipher;
	if (ast.group_cipher)
		info->group_cipher = ast.group_cipher;
	if (ast.last_reason_code && !info->last_reason)
		info->last_reason = ast.last_reason_code;
}

int station_ihv_control(struct station *st, const uint8_t *in, size_t in_len, uint8_t *out,
			size_t out_len, size_t *returned)
{
	if (!st->be.control)
		return -EOPNOTSUPP;
	return st->be.control(st->be.ctx, in, in_len, out, out_len, returned);
}

int station_network_validate(struct station *st, const struct config_network *n,
			     uint32_t *reason, char *text, size_t text_len)
{
	struct profile_choice choice;
	struct profile_xml x;
	int r;

	*reason = 0;
	if (text_len)
		text[0] = 0;
	if (!st->be.validate)
		return 0;
	select_network_choice(n, &choice);
	if (profile_build(n, &choice, &x) < 0)
		return 0; /* not complete yet: asked again when it is */
	r = st->be.validate(st->be.ctx, n->ssid, n->ssid_len, x.connectivity, x.security,
			    reason);
	profile_xml_clear(&x);
	if (r == 0)
		return 0;
	if (!st->be.reason_text || st->be.reason_text(st->be.ctx, *reason, text, text_len) < 0)
		snprintf(text, text_len, "%s", station_l2_reason_str(*reason));
	return -EACCES;
}
