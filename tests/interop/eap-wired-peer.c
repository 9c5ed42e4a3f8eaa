// SPDX-License-Identifier: BSD-3-Clause
/*
 * Interop harness (test code): drive the EAP peer over a wired interface (AF_PACKET,
 * ethertype 0x888E) against a real authenticator such as hostapd driver=wired. Prints
 * "RESULT <status> <reason>: <text>" and the SHA-256 of the MSK (never the MSK itself).
 *
 *   eap-wired-peer IFNAME TLS|PEAP|TTLS [identity=..] [anonymous_identity=..] [password=..]
 *       [ca_cert=..] [client_cert=..] [private_key=..] [private_key_passwd=..] [phase1=..]
 *       [phase2=..] [domain_suffix_match=..] [domain_match=..] [timeout=SECONDS]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "eap/eap-peer.h"

static const uint8_t pae_group[6] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x03 };

static const char *arg_value(int argc, char **argv, const char *key)
{
	size_t kl = strlen(key);

	for (int i = 3; i < argc; i++) {
		if (strncmp(argv[i], key, kl) == 0 && argv[i][kl] == '=')
			return argv[i] + kl + 1;
	}
	return NULL;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void send_pdu(int fd, int ifindex, const uint8_t *dst, struct eap_peer *p)
{
	struct sockaddr_ll to = { 0 };
	const uint8_t *tx;
	size_t len;

	tx = eap_peer_tx(p, &len);
	if (!tx)
		return;
	to.sll_family = AF_PACKET;
	to.sll_protocol = htons(ETH_P_PAE);
	to.sll_ifindex = ifindex;
	to.sll_halen = 6;
	memcpy(to.sll_addr, dst, 6);
	if (sendto(fd, tx, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		perror("sendto");
}

int main(int argc, char **argv)
{
	struct eap_peer_config c = { 0 };
	struct packet_mreq mr = { 0 };
	struct sockaddr_ll sll = { 0 };
	const struct eap_peer_result *r;
	enum eap_peer_status st;
	struct eap_peer *p;
	uint8_t dst[6], buf[4096], md[32];
	const char *t;
	long deadline, timer_at = 0;
	int fd, ifindex;

	if (argc < 3) {
		fprintf(stderr, "usage: %s IFNAME TLS|PEAP|TTLS [key=value...]\n", argv[0]);
		return 2;
	}
	c.method = strcmp(argv[2], "TLS") == 0 ? EAP_PEER_METHOD_TLS :
		   strcmp(argv[2], "PEAP") == 0 ? EAP_PEER_METHOD_PEAP : EAP_PEER_METHOD_TTLS;
	c.identity = arg_value(argc, argv, "identity");
	c.anonymous_identity = arg_value(argc, argv, "anonymous_identity");
	c.password = arg_value(argc, argv, "password");
	c.ca_cert = arg_value(argc, argv, "ca_cert");
	c.client_cert = arg_value(argc, argv, "client_cert");
	c.private_key = arg_value(argc, argv, "private_key");
	c.private_key_passwd = arg_value(argc, argv, "private_key_passwd");
	c.phase1 = arg_value(argc, argv, "phase1");
	c.phase2 = arg_value(argc, argv, "phase2");
	c.domain_suffix_match = arg_value(argc, argv, "domain_suffix_match");
	c.domain_match = arg_value(argc, argv, "domain_match");
	c.start_period_ms = 2000;
	t = arg_value(argc, argv, "timeout");
	deadline = now_ms() + (t ? atol(t) : 20) * 1000L;

	ifindex = (int)if_nametoindex(argv[1]);
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_PAE));
	if (!ifindex || fd < 0) {
		perror(argv[1]);
		return 2;
	}
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_PAE);
	sll.sll_ifindex = ifindex;
	mr.mr_ifindex = ifindex;
	mr.mr_type = PACKET_MR_MULTICAST;
	mr.mr_alen = 6;
	memcpy(mr.mr_address, pae_group, 6);
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0) {
		perror("bind");
		return 2;
	}
	memcpy(dst, pae_group, 6);
	p = eap_peer_new(&c, NULL);
	if (!p) {
		fprintf(stderr, "bad configuration\n");
		return 2;
	}
	st = eap_peer_start(p);
	send_pdu(fd, ifindex, dst, p);
	timer_at = now_ms() + eap_peer_timeout_ms(p);
	while (st == EAP_PEER_CONTINUE && now_ms() < deadline) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		long wait = timer_at - now_ms();
		struct sockaddr_ll from;
		socklen_t fl = sizeof(from);
		ssize_t n;

		if (wait < 0)
			wait = 0;
		if (poll(&pfd, 1, (int)wait) == 0) {
			st = eap_peer_timeout(p);
		} else {
			n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
			if (n <= 0)
				continue;
			memcpy(dst, from.sll_addr, 6); /* answer the authenticator directly */
			st = eap_peer_rx(p, buf, (size_t)n);
		}
		send_pdu(fd, ifindex, dst, p);
		timer_at = eap_peer_timeout_ms(p) ? now_ms() + eap_peer_timeout_ms(p) : deadline;
	}
	r = eap_peer_result(p);
	printf("RESULT %s %s: %s\n", eap_peer_status_str(st), eap_peer_reason_str(r->reason), r->text);
	if (st == EAP_PEER_SUCCESS) {
		EVP_Digest(r->msk, r->msk_len, md, NULL, EVP_sha256(), NULL);
		printf("MSK-SHA256 ");
		for (int i = 0; i < 32; i++)
			printf("%02x", md[i]);
		printf("\nRESUMED %d UNVERIFIED %d\n", r->resumed, r->unverified);
	}
	eap_peer_free(p);
	close(fd);
	return st == EAP_PEER_SUCCESS ? 0 : 1;
}
