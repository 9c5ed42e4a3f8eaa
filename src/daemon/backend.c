// SPDX-License-Identifier: BSD-3-Clause
/* The station's backend over the host core and the driver (backend.h). */
#include "daemon/backend.h"

#include <errno.h>

static int backend_connect(void *ctx, const struct ihv_connect_request *req)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_connect(bc->adapter, req) : -ENODEV;
}

static int backend_disconnect(void *ctx, uint16_t reason)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_disconnect(bc->adapter, reason) : -ENODEV;
}

static void backend_status(void *ctx, struct ihv_adapter_status *st)
{
	struct backend_core *bc = ctx;

	if (bc->adapter)
		ihv_adapter_status_get(bc->adapter, st);
}

static int backend_reason_text(void *ctx, uint32_t reason_code, char *buf, size_t len)
{
	struct backend_core *bc = ctx;

	return ihv_host_reason_text(bc->host, reason_code, buf, len);
}

static int backend_ui_respond(void *ctx, const uint8_t guid[16], const uint8_t *data,
			      size_t len)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_ui_respond(bc->adapter, guid, data, len) : -ENODEV;
}

static int backend_scan_trigger(void *ctx, const struct drv_scan_params *p)
{
	struct backend_core *bc = ctx;

	return bc->drv->ops->scan_trigger(bc->drv, bc->ifindex, p);
}

static int backend_scan_results(void *ctx, drv_bss_cb cb, void *cb_ctx)
{
	struct backend_core *bc = ctx;

	return bc->drv->ops->scan_results(bc->drv, bc->ifindex, cb, cb_ctx);
}

static int backend_scan_abort(void *ctx)
{
	struct backend_core *bc = ctx;

	return bc->drv->ops->scan_abort(bc->drv, bc->ifindex);
}

/* Dot11ExtIhvControl (contract rule 68) for a management tool. */
static int backend_control(void *ctx, const uint8_t *in, size_t in_len, uint8_t *out,
			   size_t out_len, size_t *returned)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_control(bc->adapter, in, in_len, out, out_len, returned) :
			     -ENODEV;
}

static int backend_validate(void *ctx, const uint8_t *ssid, size_t ssid_len,
			    const char *conn_xml, const char *sec_xml, uint32_t *reason)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_profile_validate(bc->adapter, ssid, ssid_len, conn_xml,
							  sec_xml, reason) :
			     -ENODEV;
}

static int backend_capability_match(void *ctx, const struct ihv_connect_request *req,
				    uint32_t *reason)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_capability_match(bc->adapter, req, reason) : -ENODEV;
}

static int backend_discovery(void *ctx, const struct ihv_connect_request *req, bool insecure,
			     ihv_discovery_cb cb, void *cb_ctx, uint32_t *reason)
{
	struct backend_core *bc = ctx;

	return bc->adapter ? ihv_adapter_discovery_profiles(bc->adapter, req, insecure, cb, cb_ctx,
							    reason) :
			     -ENODEV;
}

void backend_core_fill(struct station_backend *be, struct backend_core *bc)
{
	*be = (struct station_backend){
		.ctx = bc,
		.connect = backend_connect,
		.disconnect = backend_disconnect,
		.status = backend_status,
		.ui_respond = backend_ui_respond,
		.scan_trigger = backend_scan_trigger,
		.scan_results = backend_scan_results,
		/* a driver that cannot abort a scan: none (station-probe.c does not watch) */
		.scan_abort = bc->drv && bc->drv->ops->scan_abort ? backend_scan_abort : NULL,
		.reason_text = backend_reason_text,
		.control = backend_control,
		.validate = backend_validate,
		.capability_match = backend_capability_match,
		.discovery = backend_discovery,
	};
}
