// SPDX-License-Identifier: BSD-3-Clause
/*
 * Credential prompts on the bus: the interface's NetworkRequest(o network,
 * s field, s text) signal and its NetworkReply(o network, s field, s value)
 * method, as wpa_supplicant has them.
 *
 * The prompts come from the station's events: the control socket's
 * "CTRL-REQ-<FIELD>-<id>:<text>" (the 802.1X module and a plugin asking for
 * IDENTITY, PASSWORD, PSK_PASSPHRASE...) and "CTRL-REQ-IHV-<id>-<text>" (a
 * plugin's free-form UI request). Each becomes one NetworkRequest with the
 * field named as wpa_supplicant names it (IDENTITY, PASSWORD, NEW_PASSWORD,
 * PIN, OTP, PASSPHRASE, PSK_PASSPHRASE; IHV for the free-form request) and
 * is remembered until answered: a NetworkReply must name a network with a
 * waiting request and the field that request asked for (any case, as
 * wpa_supplicant's clients send "password" or "PASSWORD"). The value goes to
 * the station's oldest request of that network, exactly as CTRL-RSP does.
 * The value is a secret: never logged.
 */
#include "dbus/dbus-int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"

/* "CTRL-REQ-FIELD-id:text" or "CTRL-REQ-IHV-id-text" -> field, id, text. */
int dbus_request_parse(const char *ev, char *field, size_t field_len, int *id,
		       const char **text)
{
	static const char prefix[] = "CTRL-REQ-";
	const char *p, *dash;
	char *end;
	long v;
	size_t n;

	if (strncmp(ev, prefix, sizeof(prefix) - 1))
		return -EINVAL;
	p = ev + sizeof(prefix) - 1;
	for (n = 0; (p[n] >= 'A' && p[n] <= 'Z') || p[n] == '_'; n++)
		;
	dash = p + n;
	if (!n || *dash != '-' || n >= field_len)
		return -EINVAL;
	if (dash[1] < '0' || dash[1] > '9')
		return -EINVAL;
	v = strtol(dash + 1, &end, 10);
	if (v < 0 || v > 1000000 || (*end != ':' && *end != '-'))
		return -EINVAL;
	memcpy(field, p, n);
	field[n] = 0;
	*id = (int)v;
	*text = end + 1;
	return 0;
}

void dbus_request_on_event(struct dbus_iface *di, const char *ev)
{
	char field[DBUS_REQ_FIELD_MAX], path[DBUS_PATH_MAX];
	const char *text;
	size_t k;
	int id;

	if (dbus_request_parse(ev, field, sizeof(field), &id, &text) < 0)
		return;
	/* the same prompt again replaces the one remembered */
	for (k = 0; k < di->n_req; k++)
		if (di->req[k].id == id && !strcmp(di->req[k].field, field))
			break;
	if (k == di->n_req) {
		if (di->n_req == DBUS_REQ_MAX) {
			memmove(&di->req[0], &di->req[1], sizeof(di->req[0]) * (DBUS_REQ_MAX - 1));
			di->n_req--;
		}
		k = di->n_req++;
		di->req[k].id = id;
		snprintf(di->req[k].field, sizeof(di->req[k].field), "%s", field);
	}
	snprintf(path, sizeof(path), "%s/Networks/%d", di->path, id);
	log_info("dbus: NetworkRequest %s %s \"%s\"", path, field, text);
	sd_bus_emit_signal(dbus_service_bus(di->svc), di->path, DBUS_IF_IFACE, "NetworkRequest",
			   "oss", path, field, text);
}

void dbus_request_forget(struct dbus_iface *di, int id)
{
	size_t k = 0;

	while (k < di->n_req) {
		if (id < 0 || di->req[k].id == id) {
			memmove(&di->req[k], &di->req[k + 1],
				sizeof(di->req[0]) * (di->n_req - k - 1));
			di->n_req--;
		} else {
			k++;
		}
	}
}

int dbus_iface_network_reply(sd_bus_message *m, void *userdata, sd_bus_error *e)
{
	struct dbus_iface *di = userdata;
	const char *path, *field, *value;
	size_t k, first = SIZE_MAX;
	int id, r;

	r = sd_bus_message_read(m, "oss", &path, &field, &value);
	if (r < 0)
		return r;
	id = dbus_net_id_check(di, path, e);
	if (id < 0)
		return id;
	for (k = 0; k < di->n_req; k++) {
		if (di->req[k].id != id)
			continue;
		if (first == SIZE_MAX)
			first = k;
		if (!strcasecmp(di->req[k].field, field))
			break;
	}
	if (first == SIZE_MAX)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "NetworkReply %s: no request of the network waits", field);
	if (k == di->n_req)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "NetworkReply %s: the network waits for %s", field,
					 di->req[first].field);
	if (!*value)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS, "NetworkReply %s: empty value",
					 field);
	/* CTRL-RSP-<field>-<id>-<value>: the oldest UI request of the network. */
	r = station_ui_respond(di->t.station, id, value);
	memmove(&di->req[k], &di->req[k + 1], sizeof(di->req[0]) * (di->n_req - k - 1));
	di->n_req--;
	if (r < 0)
		return sd_bus_error_setf(e, DBUS_ERR_INVALID_ARGS,
					 "NetworkReply %s: the request is no longer waiting (%s)",
					 field, strerror(-r));
	log_info("dbus: NetworkReply %s %s answered", path, field);
	return sd_bus_reply_method_return(m, "");
}
