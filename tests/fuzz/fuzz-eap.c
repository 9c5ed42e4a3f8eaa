// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzz entry for the EAP peer's parsers: EAPOL/EAP, EAP-TLS fragments, TTLS AVPs, PEAP TLVs,
 * MS-CHAPv2 messages, and the whole peer fed a sequence of PDUs. The first octet picks the
 * target. Built as a libFuzzer target with -DIHV_LIBFUZZER, else as a program that replays
 * the files named on its command line.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eap/eap-avp.h"
#include "eap/eap-mschapv2.h"
#include "eap/eap-packet.h"
#include "eap/eap-peer.h"
#include "eap/eap-tls-frag.h"
#include "eap/eap-tlv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_eap_packet(const uint8_t *d, size_t n)
{
	struct eapol_frame f;
	struct eap_msg m;
	const char *err = NULL;

	if (eapol_frame_parse(d, n, &f, &err) == 0)
		eap_msg_parse(f.body, f.body_len, &m, &err);
	eap_msg_parse(d, n, &m, &err);
}

/* Chunks: len(1) then that many octets, each an EAP-TLS type-data. */
static void fuzz_eap_tls_frag(const uint8_t *d, size_t n)
{
	struct eap_tls_reasm r;
	struct eap_tls_hdr h;
	const char *err = NULL;

	eap_tls_reasm_init(&r);
	while (n) {
		size_t l = d[0] < n - 1 ? d[0] : n - 1;

		if (eap_tls_hdr_parse(d + 1, l, &h, &err) == 0)
			eap_tls_reasm_add(&r, &h, &err);
		d += 1 + l;
		n -= 1 + l;
	}
	eap_tls_reasm_free(&r);
}

static void fuzz_eap_avp(const uint8_t *d, size_t n)
{
	struct eap_avp a;
	const char *err = NULL;

	volatile uint8_t sink = 0;

	while (eap_avp_next(&d, &n, &a, &err) == 1) {
		if (a.len)
			sink ^= a.data[a.len - 1]; /* touch the last octet: ASan checks the bound */
	}
	(void)sink;
}

static void fuzz_eap_tlv_and_mschapv2(const uint8_t *d, size_t n)
{
	struct eap_tlv_summary s;
	const char *err = NULL;
	static const char want[] = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

	eap_tlv_parse(d, n, &s, &err);
	eap_mschapv2_error_code(d, n);
	eap_mschapv2_auth_resp_ok(d, n, want);
}

/*
 * One session cache per method, as ihvd keeps one per station: each builds its TLS client
 * context once (EAP-TLS allows TLS 1.3, PEAP and TTLS stop at 1.2 by default, so one shared
 * cache would rebuild whenever the method changes). Freed at exit, so LeakSanitizer stays quiet.
 */
static struct eap_session_cache *fuzz_eap_caches[3];

static void fuzz_eap_caches_free(void)
{
	for (size_t i = 0; i < sizeof(fuzz_eap_caches) / sizeof(fuzz_eap_caches[0]); i++) {
		eap_session_cache_free(fuzz_eap_caches[i]);
		fuzz_eap_caches[i] = NULL;
	}
}

static struct eap_session_cache *fuzz_eap_cache(unsigned int i)
{
	static bool registered;

	if (!registered) {
		registered = true;
		atexit(fuzz_eap_caches_free);
	}
	if (!fuzz_eap_caches[i])
		fuzz_eap_caches[i] = eap_session_cache_new();
	return fuzz_eap_caches[i]; /* NULL (out of memory): the peer runs without a cache */
}

/* The whole peer: PDUs as len(2, BE) + octets; no CA (no file access). */
static void fuzz_eap_peer(uint8_t sel, const uint8_t *d, size_t n)
{
	static const enum eap_peer_method methods[] = { EAP_PEER_METHOD_TLS, EAP_PEER_METHOD_PEAP,
							 EAP_PEER_METHOD_TTLS };
	struct eap_session_cache *cache = fuzz_eap_cache(sel % 3);
	struct eap_peer_config c = { 0 };
	struct eap_peer *p;
	size_t len;

	c.method = methods[sel % 3];
	c.identity = (sel & 4) ? NULL : "alice";
	c.password = (sel & 8) ? NULL : "password";
	c.phase2 = (sel & 16) ? "auth=PAP" : NULL;
	if (sel & 32) /* eap= a list: the server's choice among them, or a Nak naming both */
		c.more_methods[0] = (uint8_t)methods[(sel + 1) % 3];
	p = eap_peer_new(&c, cache);
	if (!p)
		return;
	eap_peer_start(p);
	eap_peer_tx(p, &len);
	while (n >= 2) {
		size_t l = (size_t)eap_get_be16(d);
		enum eap_peer_status st;

		if (l > n - 2)
			l = n - 2;
		st = eap_peer_rx(p, d + 2, l);
		if (st == EAP_PEER_NEED_IDENTITY)
			eap_peer_set_identity(p, "bob");
		else if (st == EAP_PEER_NEED_PASSWORD)
			eap_peer_set_password(p, "secret");
		eap_peer_tx(p, &len);
		if ((d[0] & 0x80) && eap_peer_timeout_ms(p))
			eap_peer_timeout(p);
		d += 2 + l;
		n -= 2 + l;
	}
	eap_peer_free(p);
	/* No input can succeed without a server, so no session is ever saved; clear anyway so that
	 * nothing but the (configuration-only) TLS context carries over to the next input. */
	eap_session_cache_clear(cache);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	switch (data[0] % 6) {
	case 0:
		fuzz_eap_packet(data + 1, size - 1);
		break;
	case 1:
		fuzz_eap_tls_frag(data + 1, size - 1);
		break;
	case 2:
		fuzz_eap_avp(data + 1, size - 1);
		break;
	case 3:
		fuzz_eap_tlv_and_mschapv2(data + 1, size - 1);
		break;
	default:
		fuzz_eap_peer(data[0] / 6, data + 1, size - 1);
		break;
	}
	return 0;
}

#ifndef IHV_LIBFUZZER
int main(int argc, char **argv)
{
	static uint8_t buf[1 << 20];

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	return 0;
}
#endif
