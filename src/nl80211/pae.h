/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PF_PACKET EAPOL transport: a SOCK_DGRAM packet socket bound to one
 * interface and ETH_P_PAE, for wiphys without control port over nl80211;
 * the same for each other EtherType the host listens to (ethertype.c).
 */
#ifndef IHVD_NL80211_PAE_H
#define IHVD_NL80211_PAE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nl80211/driver.h"

/* A socket fd (non-blocking) for EtherType proto (host order), or -errno. */
int nl80211_pae_open(uint32_t ifindex, uint16_t proto);

/*
 * Send one 802.1X PDU. Returns 0 once the frame has been handed to the
 * driver's transmit routine (PACKET_QDISC_BYPASS), or -errno.
 */
int nl80211_pae_tx(int fd, uint32_t ifindex, const uint8_t dst[DRV_ETH_ALEN],
		   uint16_t ethertype, const uint8_t *frame, size_t len);

/*
 * Receive one frame into buf. Returns its length, 0 when the frame was not
 * ours (other interface, ethertype or direction; dropped), -EAGAIN when
 * nothing is pending, or -errno.
 */
ssize_t nl80211_pae_rx(int fd, uint32_t ifindex, uint16_t proto, uint8_t *buf, size_t size,
		       uint8_t src[DRV_ETH_ALEN], uint16_t *ethertype);

/* The filter nl80211_pae_rx applies, on a received sockaddr_ll's fields. */
bool nl80211_pae_accept(uint32_t ifindex, uint16_t proto, int sll_ifindex,
			uint16_t sll_protocol_be, uint8_t sll_pkttype,
			uint8_t sll_halen);

#endif
