// SPDX-License-Identifier: BSD-3-Clause
/*
 * src/nl80211/ethertype.c over loopback: ethertype_listen opens one PF_PACKET
 * socket per registered type besides 0x888E, a frame of a listed type comes
 * out as DRV_EVENT_EAPOL_RX with its EtherType, one of another type does not,
 * sockets no longer listed are closed, and at most DRV_ETHERTYPE_LISTEN_MAX.
 */
#include "nl80211/nl80211.h"
#include "nl80211/pae.h"
#include "tests/unit/nl80211/test-nl.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <net/if.h>

struct et_watch {
	int fd;
	void (*cb)(void *arg, int fd);
	void *arg;
};

static struct et_watch watches[16];
static int n_watches;
static int n_events;
static uint16_t ev_ethertype;
static uint8_t ev_frame[64];
static size_t ev_len;

static int et_watch_fd(void *ctx, int fd, void (*cb)(void *, int), void *arg)
{
	(void)ctx;
	ck_assert_int_lt(n_watches, 16);
	watches[n_watches++] = (struct et_watch){ fd, cb, arg };
	return 0;
}

static void et_unwatch_fd(void *ctx, int fd)
{
	(void)ctx;
	for (int k = 0; k < n_watches; k++)
		if (watches[k].fd == fd) {
			watches[k] = watches[--n_watches];
			return;
		}
	ck_abort_msg("unwatch of fd %d that was not watched", fd);
}

static void et_event(void *ctx, const struct drv_event *ev)
{
	(void)ctx;
	if (ev->type != DRV_EVENT_EAPOL_RX)
		return;
	n_events++;
	ev_ethertype = ev->eapol.ethertype;
	ev_len = ev->eapol.len < sizeof(ev_frame) ? ev->eapol.len : sizeof(ev_frame);
	memcpy(ev_frame, ev->eapol.frame, ev_len);
}

static struct et_watch *et_watch_of(struct nl80211_iface *i, uint16_t type)
{
	for (int k = 0; k < n_watches; k++) {
		struct nl80211_et_sock *s = watches[k].arg;

		if (s->i == i && s->type == type)
			return &watches[k];
	}
	return NULL;
}

START_TEST(test_listen_receive_close)
{
	static const uint8_t dst[6] = { 0 };
	const uint16_t three[] = { 0x888e, 0x88b5, 0x88b6 };
	uint16_t nine[9];
	uint32_t lo = if_nametoindex("lo");
	struct nl80211 *d = calloc(1, sizeof(*d));
	struct nl80211_iface *i = calloc(1, sizeof(*i));
	struct et_watch *w;
	struct pollfd pfd;
	int r, tx;

	ck_assert_uint_ne(lo, 0);
	d->io.watch_fd = et_watch_fd;
	d->io.unwatch_fd = et_unwatch_fd;
	d->cb = et_event;
	d->efd = -1;
	i->d = d;
	i->ifindex = lo;
	snprintf(i->ifname, sizeof(i->ifname), "lo");
	i->pae_fd = -1;
	for (size_t k = 0; k < DRV_ETHERTYPE_LISTEN_MAX; k++)
		i->et[k].fd = -1;
	i->state = IFACE_CONNECTED;
	d->ifaces = i;

	r = nl80211_ethertype_listen(&d->base, lo, three, 3);
	if (r == -EPERM || r == -EACCES) {
		fprintf(stderr, "test_listen_receive_close: needs CAP_NET_RAW, skipped\n");
		goto out;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(n_watches, 2); /* 0x888E is the EAPOL path's */
	ck_assert(!nl80211_ethertype_listening(i, 0x888e));
	ck_assert(nl80211_ethertype_listening(i, 0x88b5));
	ck_assert(nl80211_ethertype_listening(i, 0x88b6));
	ck_assert_int_eq(nl80211_ethertype_listen(&d->base, lo + 1000, three, 3), -ENODEV);

	/* a frame of an unlisted type, then one of 0x88B5, from a third socket */
	tx = nl80211_pae_open(lo, 0x9999);
	ck_assert_int_ge(tx, 0);
	ck_assert_int_eq(nl80211_pae_tx(tx, lo, dst, 0x88b7, (const uint8_t *)"no", 2), 0);
	ck_assert_int_eq(nl80211_pae_tx(tx, lo, dst, 0x88b5, (const uint8_t *)"hi", 2), 0);
	close(tx);
	w = et_watch_of(i, 0x88b5);
	ck_assert_ptr_nonnull(w);
	pfd = (struct pollfd){ .fd = w->fd, .events = POLLIN };
	ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
	w->cb(w->arg, w->fd);
	ck_assert_int_eq(n_events, 1);
	ck_assert_uint_eq(ev_ethertype, 0x88b5);
	ck_assert_uint_eq(ev_len, 2);
	ck_assert_mem_eq(ev_frame, "hi", 2);
	w = et_watch_of(i, 0x88b6);
	ck_assert_ptr_nonnull(w);
	w->cb(w->arg, w->fd); /* nothing of 0x88B6 was sent */
	ck_assert_int_eq(n_events, 1);

	/* the list shrinks: 0x88B6's socket is closed, 0x88B5's kept */
	ck_assert_int_eq(nl80211_ethertype_listen(&d->base, lo, three + 1, 1), 0);
	ck_assert_int_eq(n_watches, 1);
	ck_assert(nl80211_ethertype_listening(i, 0x88b5));
	ck_assert(!nl80211_ethertype_listening(i, 0x88b6));

	/* more than the bound: the first ones, and -ENOSPC */
	for (int k = 0; k < 9; k++)
		nine[k] = (uint16_t)(0x9000 + k);
	ck_assert_int_eq(nl80211_ethertype_listen(&d->base, lo, nine, 9), -ENOSPC);
	ck_assert_int_eq(n_watches, DRV_ETHERTYPE_LISTEN_MAX);
	ck_assert(nl80211_ethertype_listening(i, 0x9000));
	ck_assert(nl80211_ethertype_listening(i, 0x9007));
	ck_assert(!nl80211_ethertype_listening(i, 0x9008));
	ck_assert(!nl80211_ethertype_listening(i, 0x88b5));

	/* the empty list (AdapterReset, DeinitAdapter): all closed */
	ck_assert_int_eq(nl80211_ethertype_listen(&d->base, lo, NULL, 0), 0);
	ck_assert_int_eq(n_watches, 0);
out:
	nl80211_ethertype_close_all(i);
	while ((d->q_head)) {
		struct nl80211_pending *p = nl80211_queue_pop(d);

		free(p);
	}
	free(i);
	free(d);
}
END_TEST

TEST_MAIN("nl80211-ethertype", test_listen_receive_close)
