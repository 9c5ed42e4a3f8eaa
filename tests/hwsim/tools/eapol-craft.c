// SPDX-License-Identifier: BSD-3-Clause
/*
 * eapol-craft: build one EAPOL-Key frame (IEEE 802.11-2020 12.7.2) as an adversarial
 * authenticator would, and print it as hex for hostapd's EAPOL_TX testing command
 * (hostapd_cli raw "EAPOL_TX STA HEX"). WPA2-PSK, descriptor version 2 (HMAC-SHA1 MIC,
 * AES key wrap), CCMP-128. Independent of the code under test: OpenSSL only.
 *
 *   eapol-craft [options]
 *     --info HEX        Key Information (e.g. 008a msg 1, 13ca msg 3, 1382 group msg 1)
 *     --replay N        Key Replay Counter (decimal)
 *     --nonce HEX       Key Nonce (32 octets; default zero)
 *     --rsc HEX         Key RSC (8 octets; default zero)
 *     --keylen N        Key Length field (default 16)
 *     --kd HEX          plaintext Key Data; wrapped with the KEK when Encrypted Key Data
 *                       is set in --info (padded with dd 00.. first)
 *     --ptk PASSPHRASE SSID AA SPA ANONCE SNONCE
 *                       derive the PTK (PBKDF2 PMK, PRF-384) for the MIC and the KEK;
 *                       PASSPHRASE may be pmk:HEX (the PMK itself, no PBKDF2)
 *     --kd-len N        write N into the Key Data Length field (whatever the data is)
 *     --bad-mic         flip one bit of the MIC after computing it
 *     --truncate N      print only the first N octets
 *     --print-ptk       print "kck kek tk" in hex instead of a frame
 *
 * Exit 0 with one line of hex; 2 on bad arguments.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "common/hex.h"

#define EC_MAX 2048

struct eapol_craft {
	uint16_t info, keylen;
	uint64_t replay;
	uint8_t nonce[32], rsc[8];
	uint8_t kd[1024];
	size_t kd_len;
	bool have_ptk, bad_mic, print_ptk;
	long kd_len_field, truncate;
	uint8_t kck[16], kek[16], tk[16];
};

static void eapol_craft_usage(void)
{
	fprintf(stderr, "usage: eapol-craft --info HEX --replay N [--nonce HEX] [--rsc HEX] "
			"[--keylen N] [--kd HEX] [--ptk PASS SSID AA SPA ANONCE SNONCE] "
			"[--kd-len N] [--bad-mic] [--truncate N] [--print-ptk]\n");
	exit(2);
}

static size_t eapol_craft_hex(const char *s, uint8_t *out, size_t cap)
{
	int n;

	if (!*s)
		return 0;
	n = hex_decode(s, strlen(s), out, cap);
	if (n < 0) {
		fprintf(stderr, "eapol-craft: bad hex: %.40s\n", s);
		exit(2);
	}
	return (size_t)n;
}

static void eapol_craft_hmac_sha1(const uint8_t *key, size_t key_len, const uint8_t *d,
				  size_t n, uint8_t out[20])
{
	size_t out_len = 0;

	if (!EVP_Q_mac(NULL, "HMAC", NULL, "SHA1", NULL, key, key_len, d, n, out, 20, &out_len) ||
	    out_len != 20) {
		fprintf(stderr, "eapol-craft: HMAC-SHA1 failed\n");
		exit(1);
	}
}

/* IEEE 802.11-2020 12.7.1.2: PRF-384 with "Pairwise key expansion" (12.7.1.3). */
static void eapol_craft_ptk(struct eapol_craft *c, char **a)
{
	static const char label[] = "Pairwise key expansion";
	uint8_t pmk[32], aa[6], spa[6], an[32], sn[32], data[100], in[200], out[60], h[20];
	size_t off = 0, dlen = 0;

	if (!hex_mac_parse(a[2], aa) || !hex_mac_parse(a[3], spa) ||
	    eapol_craft_hex(a[4], an, 32) != 32 || eapol_craft_hex(a[5], sn, 32) != 32)
		eapol_craft_usage();
	if (!strncmp(a[0], "pmk:", 4)) {
		if (eapol_craft_hex(a[0] + 4, pmk, 32) != 32)
			eapol_craft_usage();
	} else if (!PKCS5_PBKDF2_HMAC_SHA1(a[0], (int)strlen(a[0]), (const uint8_t *)a[1],
					   (int)strlen(a[1]), 4096, 32, pmk)) {
		exit(1);
	}
	memcpy(data + dlen, memcmp(aa, spa, 6) < 0 ? aa : spa, 6);
	memcpy(data + dlen + 6, memcmp(aa, spa, 6) < 0 ? spa : aa, 6);
	dlen += 12;
	memcpy(data + dlen, memcmp(an, sn, 32) < 0 ? an : sn, 32);
	memcpy(data + dlen + 32, memcmp(an, sn, 32) < 0 ? sn : an, 32);
	dlen += 64;
	for (uint8_t i = 0; off < 48; i++) {
		size_t n = 0;

		memcpy(in, label, sizeof(label)); /* with its terminating zero octet */
		n += sizeof(label);
		memcpy(in + n, data, dlen);
		n += dlen;
		in[n++] = i;
		eapol_craft_hmac_sha1(pmk, 32, in, n, h);
		memcpy(out + off, h, 20);
		off += 20;
	}
	memcpy(c->kck, out, 16);
	memcpy(c->kek, out + 16, 16);
	memcpy(c->tk, out + 32, 16);
	c->have_ptk = true;
	OPENSSL_cleanse(pmk, sizeof(pmk));
	OPENSSL_cleanse(out, sizeof(out));
}

/* RFC 3394 with the KEK (12.7.2: Key Data padded with dd 00.. to a multiple of 8, >= 16). */
static size_t eapol_craft_wrap(const struct eapol_craft *c, uint8_t *out)
{
	uint8_t plain[1040];
	size_t n = c->kd_len;
	int l1 = 0, l2 = 0;
	EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new();

	memcpy(plain, c->kd, n);
	if (n < 16 || n % 8) {
		plain[n++] = 0xdd;
		while (n < 16 || n % 8)
			plain[n++] = 0;
	}
	EVP_CIPHER_CTX_set_flags(x, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	if (!x || !EVP_EncryptInit_ex(x, EVP_aes_128_wrap(), NULL, c->kek, NULL) ||
	    !EVP_EncryptUpdate(x, out, &l1, plain, (int)n) || !EVP_EncryptFinal_ex(x, out + l1, &l2)) {
		fprintf(stderr, "eapol-craft: AES key wrap failed\n");
		exit(1);
	}
	EVP_CIPHER_CTX_free(x);
	return (size_t)(l1 + l2);
}

static size_t eapol_craft_build(const struct eapol_craft *c, uint8_t *f)
{
	uint8_t kd[1100];
	size_t kd_len = c->kd_len, n;
	uint16_t field;

	memcpy(kd, c->kd, c->kd_len);
	if ((c->info & 0x1000) && c->kd_len)
		kd_len = eapol_craft_wrap(c, kd);
	field = c->kd_len_field >= 0 ? (uint16_t)c->kd_len_field : (uint16_t)kd_len;
	/*
	 * 802.1X header (version, type 3, body length) at 0; the RSN descriptor: type 2 at 4,
	 * Key Information 5, Key Length 7, Replay Counter 9, Nonce 17, IV 49, RSC 65,
	 * reserved 73, MIC 81 (16 octets with HMAC-SHA1-128), Key Data Length 97, Key Data 99.
	 */
	n = 99 + kd_len;
	memset(f, 0, n);
	f[0] = 2;
	f[1] = 3;
	f[2] = (uint8_t)((n - 4) >> 8);
	f[3] = (uint8_t)(n - 4);
	f[4] = 2;
	f[5] = (uint8_t)(c->info >> 8);
	f[6] = (uint8_t)c->info;
	f[7] = (uint8_t)(c->keylen >> 8);
	f[8] = (uint8_t)c->keylen;
	for (int i = 0; i < 8; i++)
		f[9 + i] = (uint8_t)(c->replay >> (56 - 8 * i));
	memcpy(f + 17, c->nonce, 32);
	memcpy(f + 65, c->rsc, 8);
	f[97] = (uint8_t)(field >> 8);
	f[98] = (uint8_t)field;
	memcpy(f + 99, kd, kd_len);
	if ((c->info & 0x0100) && c->have_ptk) {
		uint8_t h[20];

		eapol_craft_hmac_sha1(c->kck, 16, f, n, h);
		memcpy(f + 81, h, 16);
	}
	if (c->bad_mic)
		f[81 + 5] ^= 0x10;
	return n;
}

int main(int argc, char **argv)
{
	struct eapol_craft c = { .keylen = 16, .kd_len_field = -1, .truncate = -1 };
	uint8_t f[EC_MAX];
	char out[2 * EC_MAX + 1];
	bool info_set = false;
	size_t n;

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		bool more = i + 1 < argc;

		if (!strcmp(o, "--info") && more) {
			c.info = (uint16_t)strtoul(argv[++i], NULL, 16);
			info_set = true;
		} else if (!strcmp(o, "--replay") && more) {
			c.replay = strtoull(argv[++i], NULL, 10);
		} else if (!strcmp(o, "--nonce") && more) {
			if (eapol_craft_hex(argv[++i], c.nonce, 32) != 32)
				eapol_craft_usage();
		} else if (!strcmp(o, "--rsc") && more) {
			if (eapol_craft_hex(argv[++i], c.rsc, 8) != 8)
				eapol_craft_usage();
		} else if (!strcmp(o, "--keylen") && more) {
			c.keylen = (uint16_t)strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(o, "--kd") && more) {
			c.kd_len = eapol_craft_hex(argv[++i], c.kd, sizeof(c.kd));
		} else if (!strcmp(o, "--ptk") && i + 6 < argc) {
			eapol_craft_ptk(&c, argv + i + 1);
			i += 6;
		} else if (!strcmp(o, "--kd-len") && more) {
			c.kd_len_field = strtol(argv[++i], NULL, 10);
		} else if (!strcmp(o, "--bad-mic")) {
			c.bad_mic = true;
		} else if (!strcmp(o, "--truncate") && more) {
			c.truncate = strtol(argv[++i], NULL, 10);
		} else if (!strcmp(o, "--print-ptk")) {
			c.print_ptk = true;
		} else {
			eapol_craft_usage();
		}
	}
	if (c.print_ptk) {
		uint8_t k[48];

		if (!c.have_ptk)
			eapol_craft_usage();
		memcpy(k, c.kck, 16);
		memcpy(k + 16, c.kek, 16);
		memcpy(k + 32, c.tk, 16);
		hex_encode(k, 48, out);
		printf("%.32s %.32s %.32s\n", out, out + 32, out + 64);
		return 0;
	}
	if (!info_set)
		eapol_craft_usage();
	n = eapol_craft_build(&c, f);
	if (c.truncate >= 0 && (size_t)c.truncate < n)
		n = (size_t)c.truncate;
	hex_encode(f, n, out);
	printf("%s\n", out);
	OPENSSL_cleanse(&c, sizeof(c));
	return 0;
}
