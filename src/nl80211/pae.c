// SPDX-License-Identifier: BSD-3-Clause
/*
 * PF_PACKET transport for EAPOL (IEEE 802.1X-2020 11.3, EtherType 0x888E),
 * and for the other EtherTypes a plugin registers (ethertype.c): the same
 * socket bound to another protocol.
 *
 * Ordering with key installation (a frame written before NEW_KEY must leave
 * before the key exists): the socket uses PACKET_QDISC_BYPASS, so send()
 * runs the interface's start_xmit in our own context and returns only after
 * mac80211 has taken the frame and chosen its key (or none). The NEW_KEY we
 * send afterwards cannot overtake it. Without the bypass the frame could
 * wait in a qdisc while the key is installed, and leave encrypted with it.
 * If the driver queue is stopped the send fails (-ENOBUFS) rather than
 * queueing behind the key.
 *
 * Limits: no per-frame "do not encrypt" (mac80211 encrypts whenever a key
 * is in place) and no TX status; received frames cannot tell whether they
 * were encrypted, and are reported as encrypted. A socket bound to another
 * EtherType is a tap: the kernel's own stack still gets the frame.
 */
#include "nl80211/pae.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#ifndef PACKET_QDISC_BYPASS
#define PACKET_QDISC_BYPASS 20
#endif

int nl80211_pae_open(uint32_t ifindex, uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(proto),
		.sll_ifindex = (int)ifindex,
	};
	int one = 1, fd, e;

	/*
	 * Protocol 0 at creation: the socket sees nothing until bind() hooks
	 * it to this interface and proto, so no other traffic slips in.
	 */
	fd = socket(PF_PACKET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one,
		       sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

int nl80211_pae_tx(int fd, uint32_t ifindex, const uint8_t dst[DRV_ETH_ALEN],
		   uint16_t ethertype, const uint8_t *frame, size_t len)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ethertype),
		.sll_ifindex = (int)ifindex,
		.sll_halen = DRV_ETH_ALEN,
	};
	ssize_t n;

	memcpy(sll.sll_addr, dst, DRV_ETH_ALEN);
	do
		n = sendto(fd, frame, len, 0, (struct sockaddr *)&sll,
			   sizeof(sll));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if ((size_t)n != len)
		return -EMSGSIZE;
	return 0;
}

bool nl80211_pae_accept(uint32_t ifindex, uint16_t proto, int sll_ifindex,
			uint16_t sll_protocol_be, uint8_t sll_pkttype,
			uint8_t sll_halen)
{
	if (sll_ifindex != (int)ifindex)
		return false;
	if (sll_protocol_be != htons(proto))
		return false;
	if (sll_halen != DRV_ETH_ALEN)
		return false;
	/* To us, or to the PAE group address; never our own or others'. */
	return sll_pkttype == PACKET_HOST || sll_pkttype == PACKET_MULTICAST ||
	       sll_pkttype == PACKET_BROADCAST;
}

ssize_t nl80211_pae_rx(int fd, uint32_t ifindex, uint16_t proto, uint8_t *buf, size_t size,
		       uint8_t src[DRV_ETH_ALEN], uint16_t *ethertype)
{
	struct sockaddr_ll sll;
	socklen_t sl = sizeof(sll);
	ssize_t n;

	memset(&sll, 0, sizeof(sll));
	do
		n = recvfrom(fd, buf, size, MSG_TRUNC, (struct sockaddr *)&sll,
			     &sl);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	if (!nl80211_pae_accept(ifindex, proto, sll.sll_ifindex, sll.sll_protocol,
				sll.sll_pkttype, sll.sll_halen))
		return 0;
	if ((size_t)n > size)
		return -EMSGSIZE; /* truncated: dropped, caller reports */
	memcpy(src, sll.sll_addr, DRV_ETH_ALEN);
	*ethertype = ntohs(sll.sll_protocol);
	return n;
}
