// SPDX-License-Identifier: BSD-3-Clause
/* src/nl80211/pae.c: the PF_PACKET EAPOL path and its receive filter. */
#include "nl80211/pae.h"
#include "tests/unit/nl80211/test-nl.h"

#include <poll.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>

START_TEST(test_filter)
{
	uint16_t pae = htons(ETH_P_PAE);

	ck_assert(nl80211_pae_accept(3, ETH_P_PAE, 3, pae, PACKET_HOST, 6));
	ck_assert(nl80211_pae_accept(3, ETH_P_PAE, 3, pae, PACKET_MULTICAST, 6));
	ck_assert(!nl80211_pae_accept(3, ETH_P_PAE, 4, pae, PACKET_HOST, 6));  /* other iface */
	ck_assert(!nl80211_pae_accept(3, ETH_P_PAE, 3, htons(ETH_P_IP), PACKET_HOST, 6));
	ck_assert(!nl80211_pae_accept(3, ETH_P_PAE, 3, htons(0x88c7), PACKET_HOST, 6));
	ck_assert(!nl80211_pae_accept(3, ETH_P_PAE, 3, pae, PACKET_OUTGOING, 6)); /* our own */
	ck_assert(!nl80211_pae_accept(3, ETH_P_PAE, 3, pae, PACKET_OTHERHOST, 6));
	ck_assert(!nl80211_pae_accept(3, ETH_P_PAE, 3, pae, PACKET_HOST, 0));
	/* a socket bound to another registered EtherType filters on it */
	ck_assert(nl80211_pae_accept(3, 0x88b5, 3, htons(0x88b5), PACKET_HOST, 6));
	ck_assert(!nl80211_pae_accept(3, 0x88b5, 3, pae, PACKET_HOST, 6));
	ck_assert(!nl80211_pae_accept(3, 0x88b5, 3, htons(0x88b6), PACKET_HOST, 6));
}
END_TEST

/* Over loopback: what we send to ourselves comes back once, intact. */
START_TEST(test_loopback_roundtrip)
{
	static const uint8_t frame[] = { 0x02, 0x03, 0x00, 0x05, 0x02, 0x00, 0x8a, 0x00, 0x10 };
	static const uint8_t dst[6] = { 0 };
	uint32_t lo = if_nametoindex("lo");
	uint8_t buf[256], src[6];
	uint16_t proto = 0;
	struct pollfd pfd;
	ssize_t n;
	int fd;

	ck_assert_uint_ne(lo, 0);
	fd = nl80211_pae_open(lo, ETH_P_PAE);
	if (fd == -EPERM || fd == -EACCES) {
		fprintf(stderr, "test_loopback_roundtrip: needs CAP_NET_RAW, skipped\n");
		return;
	}
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(nl80211_pae_rx(fd, lo, ETH_P_PAE, buf, sizeof(buf), src, &proto), -EAGAIN);
	ck_assert_int_eq(nl80211_pae_tx(fd, lo, dst, ETH_P_PAE, frame, sizeof(frame)), 0);
	pfd.fd = fd;
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
	/* The outgoing copy is filtered; the looped-back one is ours. */
	do
		n = nl80211_pae_rx(fd, lo, ETH_P_PAE, buf, sizeof(buf), src, &proto);
	while (n == 0);
	ck_assert_int_eq(n, sizeof(frame));
	ck_assert_mem_eq(buf, frame, sizeof(frame));
	ck_assert_uint_eq(proto, ETH_P_PAE);
	ck_assert_int_eq(nl80211_pae_rx(fd, lo, ETH_P_PAE, buf, sizeof(buf), src, &proto), -EAGAIN);

	/* Another ethertype sent on the same interface is not delivered. */
	ck_assert_int_eq(nl80211_pae_tx(fd, lo, dst, ETH_P_IP, frame, sizeof(frame)), 0);
	ck_assert_int_eq(poll(&pfd, 1, 200), 0);
	close(fd);
}
END_TEST

TEST_MAIN("nl80211-pae", test_filter, test_loopback_roundtrip)
