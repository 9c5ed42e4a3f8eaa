// SPDX-License-Identifier: BSD-3-Clause
/*
 * EtherType registrations, privacy exemptions and the receive backlog
 * (contract §4.5, §6.7; contract rules 13, 19, 42-45, 49, 50).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"

/* A frame list (head, tail, length): append at the tail, pop at the head. */
static void ethertype_frames_append(struct ihv_frame **head, struct ihv_frame **tail,
				    size_t *n, struct ihv_frame *f)
{
	f->next = NULL;
	if (*tail)
		(*tail)->next = f;
	else
		*head = f;
	*tail = f;
	(*n)++;
}

static struct ihv_frame *ethertype_frames_pop(struct ihv_frame **head,
					      struct ihv_frame **tail, size_t *n)
{
	struct ihv_frame *f = *head;

	if (!f)
		return NULL;
	*head = f->next;
	if (!*head)
		*tail = NULL;
	(*n)--;
	f->next = NULL;
	return f;
}

/* A dropped frame may hold key material in flight: cleansed. */
static void ethertype_frame_drop(struct ihv_et *et, struct ihv_frame *f)
{
	et->dropped_backlog++;
	explicit_bzero(f->buf, f->len);
	free(f);
}

static void ethertype_frames_free(struct ihv_frame **head, struct ihv_frame **tail,
			size_t *n)
{
	struct ihv_frame *f;

	while ((f = *head)) {
		*head = f->next;
		explicit_bzero(f->buf, f->len);
		free(f);
	}
	*tail = NULL;
	*n = 0;
}

void ihv_et_init(struct ihv_et *et)
{
	memset(et, 0, sizeof(*et));
}

void ihv_et_clear(struct ihv_et *et)
{
	et->max_backlog = 0;
	et->n_ex = 0;
	et->n_reg = 0;
	ethertype_frames_free(&et->q_head, &et->q_tail, &et->q_len);
	ethertype_frames_free(&et->hold_head, &et->hold_tail, &et->hold_len);
}

static bool ethertype_swapped_well_known(uint16_t host_order)
{
	static const uint16_t known[] = { 0x888e, 0x88c7, 0x86dd, 0x0800, 0x0806 };
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (host_order == (uint16_t)((known[i] >> 8) | (known[i] << 8)))
			return true;
	return false;
}

uint32_t ihv_et_set(struct ihv_et *et, uint32_t max_backlog, uint32_t n_ex,
		    const DOT11_PRIVACY_EXEMPTION *ex, uint32_t n_reg,
		    const uint16_t *reg)
{
	uint32_t i;

	if ((n_ex && !ex) || (n_reg && !reg))
		return ERROR_INVALID_PARAMETER;
	if (n_ex > IHV_ET_MAX_ENTRIES || n_reg > IHV_ET_MAX_ENTRIES)
		return ERROR_INVALID_PARAMETER;
	for (i = 0; i < n_ex; i++) {
		if (ex[i].usExemptionActionType != DOT11_EXEMPT_ALWAYS &&
		    ex[i].usExemptionActionType !=
			    DOT11_EXEMPT_ON_KEY_MAPPING_KEY_UNAVAILABLE)
			return ERROR_INVALID_PARAMETER;
		if (ex[i].usExemptionPacketType < DOT11_EXEMPT_UNICAST ||
		    ex[i].usExemptionPacketType > DOT11_EXEMPT_BOTH)
			return ERROR_INVALID_PARAMETER;
	}
	for (i = 0; i < n_reg; i++)
		/* contract §11.4: registrations are big-endian */
		if (ethertype_swapped_well_known(ntohs(reg[i])))
			log_warn("%s: SetEtherTypeHandling registers EtherType 0x%04x; "
				 "registrations are big-endian, was htons(0x%04x) meant? "
				 "(contract §11.4)", ihv_plugin_label(), ntohs(reg[i]),
				 (unsigned)(uint16_t)((ntohs(reg[i]) >> 8) |
						      (ntohs(reg[i]) << 8)));
	if (max_backlog > IHV_ET_MAX_BACKLOG) {
		log_warn("%s: uMaxBackLog %u clamped to %u", ihv_plugin_label(),
			 max_backlog, IHV_ET_MAX_BACKLOG);
		max_backlog = IHV_ET_MAX_BACKLOG;
	}
	/* Each call replaces both lists (contract §4.5). */
	et->max_backlog = max_backlog;
	if (n_ex)
		memcpy(et->ex, ex, n_ex * sizeof(*ex));
	et->n_ex = n_ex;
	if (n_reg)
		memcpy(et->reg, reg, n_reg * sizeof(*reg));
	et->n_reg = n_reg;
	if (!n_reg) {
		ethertype_frames_free(&et->q_head, &et->q_tail, &et->q_len);
		ethertype_frames_free(&et->hold_head, &et->hold_tail, &et->hold_len);
	}
	while (et->q_len > et->max_backlog && et->q_head) {
		struct ihv_frame *f = ihv_et_backlog_pop(et);

		et->dropped_backlog++;
		free(f);
	}
	return ERROR_SUCCESS;
}

bool ihv_et_registered(const struct ihv_et *et, uint16_t ethertype)
{
	uint16_t be = htons(ethertype);
	size_t i;

	for (i = 0; i < et->n_reg; i++)
		if (et->reg[i] == be)
			return true;
	return false;
}

bool ihv_et_accept(const struct ihv_et *et, uint16_t ethertype,
		   bool unencrypted, bool exclude_unencrypted, bool have_ptk)
{
	uint16_t be = htons(ethertype);
	size_t i;

	for (i = 0; i < et->n_ex; i++) {
		if (et->ex[i].usEtherType != be ||
		    !(et->ex[i].usExemptionPacketType & DOT11_EXEMPT_UNICAST))
			continue;
		/* DOT11_PRIVACY_EXEMPTION semantics (contract §6.7, contract rule 49) */
		if (et->ex[i].usExemptionActionType == DOT11_EXEMPT_ALWAYS)
			return unencrypted;
		/* ON_KEY_MAPPING_KEY_UNAVAILABLE */
		if (unencrypted && have_ptk)
			return false;
		return true;
	}
	/* contract rule 50: exclude-unencrypted drops the rest unless exempted */
	if (exclude_unencrypted && unencrypted)
		return false;
	return true;
}

struct ihv_frame *ihv_frame_new(const uint8_t src[6], uint16_t ethertype,
				const uint8_t *payload, size_t len)
{
	struct ihv_frame *f = malloc(sizeof(*f) + 8 + len);
	uint16_t be = htons(ethertype);

	if (!f)
		return NULL;
	f->next = NULL;
	f->len = 8 + len;
	/* DOT11_SECURITY_PACKET_HEADER: peer MAC, big-endian EtherType, data */
	memcpy(f->buf, src, 6);
	memcpy(f->buf + 6, &be, 2);
	if (len)
		memcpy(f->buf + 8, payload, len);
	return f;
}

struct ihv_frame *ihv_et_backlog_pop(struct ihv_et *et)
{
	return ethertype_frames_pop(&et->q_head, &et->q_tail, &et->q_len);
}

void ihv_et_backlog_push(struct ihv_et *et, struct ihv_frame *f)
{
	ethertype_frames_append(&et->q_head, &et->q_tail, &et->q_len, f);
	/*
	 * contract rule 44: while ReceivePacket is outstanding keep at most uMaxBackLog
	 * frames queued, dropping the oldest. Not delivering: the frame waits
	 * only for the drain that follows, so one may always be queued.
	 */
	while (et->q_len > (et->delivering ? et->max_backlog :
			    (et->max_backlog ? et->max_backlog : 1))) {
		log_debug("%s: receive backlog full (uMaxBackLog %u): oldest frame dropped",
			  ihv_plugin_label(), et->max_backlog);
		ethertype_frame_drop(et, ihv_et_backlog_pop(et));
	}
}

void ihv_et_hold_push(struct ihv_et *et, struct ihv_frame *f)
{
	ethertype_frames_append(&et->hold_head, &et->hold_tail, &et->hold_len, f);
	if (et->hold_len > IHV_ET_HOLD_MAX)
		ethertype_frame_drop(et, ethertype_frames_pop(&et->hold_head, &et->hold_tail,
							      &et->hold_len));
}

void ihv_et_hold_release(struct ihv_et *et)
{
	struct ihv_frame *f;

	/* held frames were bounded already: append without trimming */
	while ((f = ethertype_frames_pop(&et->hold_head, &et->hold_tail, &et->hold_len)))
		ethertype_frames_append(&et->q_head, &et->q_tail, &et->q_len, f);
}

void ihv_et_listen_sync(struct ihv_adapter *a)
{
	const struct drv_ops *ops = a->h->drv->ops;
	uint16_t want[IHV_ET_MAX_ENTRIES];
	size_t n = 0, i, k;
	bool same;
	int r;

	ihv_lock();
	for (i = 0; i < a->et.n_reg; i++) {
		uint16_t host = ntohs(a->et.reg[i]);

		for (k = 0; k < n && want[k] != host; k++)
			;
		if (k == n)
			want[n++] = host;
	}
	same = n == a->n_et_listen &&
	       (n == 0 || memcmp(want, a->et_listen, n * sizeof(*want)) == 0);
	if (!same) {
		if (n)
			memcpy(a->et_listen, want, n * sizeof(*want));
		a->n_et_listen = n;
	}
	ihv_unlock();
	if (same || !ops->ethertype_listen)
		return;
	/* contract rule 42: the registered EtherTypes are the ones received */
	r = ops->ethertype_listen(a->h->drv, a->ifindex, want, n);
	if (r == -ENOSPC)
		log_warn("%s: %s: only %d EtherTypes besides 0x888E are received",
			 ihv_plugin_label(), a->ifname, DRV_ETHERTYPE_LISTEN_MAX);
	else if (r && r != -ENODEV)
		log_warn("%s: %s: cannot receive the registered EtherTypes: %s",
			 ihv_plugin_label(), a->ifname, strerror(-r));
}
