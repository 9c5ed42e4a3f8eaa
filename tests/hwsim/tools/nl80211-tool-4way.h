/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nl80211-tool's minimal supplicant for connect --psk: the 4-way handshake (IEEE 802.11-2020
 * 12.7.6) with CCMP and AKM PSK only, enough to see the installed keys carry traffic. Not
 * the plugin's engine (src/rsn), which the tool does not link.
 */
#ifndef NL80211_TOOL_4WAY_H
#define NL80211_TOOL_4WAY_H

#include "tests/hwsim/tools/nl80211-tool.h"

#define EK_HDR 99          /* 802.1X header + EAPOL-Key body up to key data */
#define KI_TYPE_PAIRWISE 0x0008
#define KI_INSTALL 0x0040
#define KI_ACK 0x0080
#define KI_MIC 0x0100
#define KI_SECURE 0x0200
#define KI_ENC 0x1000

static int nl80211_tool_hs_hmac_sha1(const uint8_t *key, size_t klen, const uint8_t *d,
		     size_t dlen, uint8_t out[20])
{
	unsigned int olen = 20;

	return HMAC(EVP_sha1(), key, (int)klen, d, dlen, out, &olen) ? 0 : -1;
}

/* PRF-384 (IEEE 802.11-2020 12.7.1.2) for the PTK. */
static int nl80211_tool_hs_ptk_derive(struct tool *t, const uint8_t *aa)
{
	static const char label[] = "Pairwise key expansion";
	uint8_t data[sizeof(label) + 6 + 6 + 32 + 32 + 1], out[60];
	const uint8_t *spa = t->own_mac;
	size_t o = 0;

	memcpy(data, label, sizeof(label)); /* with the 0x00 separator */
	o = sizeof(label);
	memcpy(data + o, memcmp(aa, spa, 6) < 0 ? aa : spa, 6);
	memcpy(data + o + 6, memcmp(aa, spa, 6) < 0 ? spa : aa, 6);
	o += 12;
	memcpy(data + o, memcmp(t->anonce, t->snonce, 32) < 0 ? t->anonce : t->snonce, 32);
	memcpy(data + o + 32, memcmp(t->anonce, t->snonce, 32) < 0 ? t->snonce : t->anonce, 32);
	o += 64;
	for (uint8_t i = 0; i < 3; i++) {
		data[o] = i;
		if (nl80211_tool_hs_hmac_sha1(t->pmk, 32, data, o + 1, out + 20 * i) < 0)
			return -1;
	}
	memcpy(t->ptk, out, 48);
	OPENSSL_cleanse(out, sizeof(out));
	OPENSSL_cleanse(data, sizeof(data));
	t->have_ptk = true;
	return 0;
}

static int nl80211_tool_hs_ek_mic(const uint8_t *kck, uint8_t *frame, size_t len, uint8_t mic[16])
{
	uint8_t saved[16], out[20];
	int r;

	memcpy(saved, frame + 81, 16);
	memset(frame + 81, 0, 16);
	r = nl80211_tool_hs_hmac_sha1(kck, 16, frame, len, out);
	memcpy(frame + 81, saved, 16);
	memcpy(mic, out, 16);
	return r;
}

static int nl80211_tool_hs_aes_unwrap(const uint8_t *kek, const uint8_t *in, size_t len,
		      uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, f = 0, ok;

	if (!c)
		return -1;
	EVP_CIPHER_CTX_set_flags(c, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	ok = EVP_DecryptInit_ex(c, EVP_aes_128_wrap(), NULL, kek, NULL) &&
	     EVP_DecryptUpdate(c, out, &n, in, (int)len) &&
	     EVP_DecryptFinal_ex(c, out + n, &f);
	EVP_CIPHER_CTX_free(c);
	return ok && (size_t)(n + f) == len - 8 ? 0 : -1;
}

static int nl80211_tool_hs_ek_send(struct tool *t, const uint8_t *aa, uint8_t version,
		   uint16_t info, const uint8_t *replay, const uint8_t *nonce,
		   const uint8_t *kd, size_t kd_len)
{
	uint8_t f[EK_HDR + 64];
	uint64_t cookie = 0;
	int err;

	memset(f, 0, sizeof(f));
	f[0] = version;
	f[1] = 3; /* EAPOL-Key */
	f[2] = (uint8_t)((95 + kd_len) >> 8);
	f[3] = (uint8_t)(95 + kd_len);
	f[4] = 2; /* RSN key descriptor */
	f[5] = (uint8_t)(info >> 8);
	f[6] = (uint8_t)info;
	memcpy(f + 9, replay, 8);
	if (nonce)
		memcpy(f + 17, nonce, 32);
	f[97] = (uint8_t)(kd_len >> 8);
	f[98] = (uint8_t)kd_len;
	if (kd_len)
		memcpy(f + EK_HDR, kd, kd_len);
	if (nl80211_tool_hs_ek_mic(t->ptk, f, EK_HDR + kd_len, f + 81) < 0)
		return -1;
	/* Before the PTK is installed: in the clear (no_encrypt). */
	err = t->drv->ops->eapol_tx(t->drv, t->ifindex, aa, 0x888e, f,
				    EK_HDR + kd_len, true, &cookie);
	printf("eapol-tx info=0x%04x len=%zu err=%d cookie=%llu\n", info,
	       EK_HDR + kd_len, err, (unsigned long long)cookie);
	return err;
}

static void nl80211_tool_hs_fail(struct tool *t, const char *why)
{
	printf("handshake failed: %s\n", why);
	t->hs_failed = true;
}

static void nl80211_tool_hs_msg1(struct tool *t, const uint8_t *aa, const uint8_t *f)
{
	memcpy(t->anonce, f + 17, 32);
	if (RAND_bytes(t->snonce, 32) != 1 || nl80211_tool_hs_ptk_derive(t, aa) < 0)
		return nl80211_tool_hs_fail(t, "key derivation");
	if (nl80211_tool_hs_ek_send(t, aa, f[0], KI_TYPE_PAIRWISE | KI_MIC | 0x0002, f + 9,
		    t->snonce, own_rsne, sizeof(own_rsne)) < 0)
		nl80211_tool_hs_fail(t, "message 2 not sent");
}

static void nl80211_tool_hs_msg3(struct tool *t, const uint8_t *aa, uint8_t *f, size_t len)
{
	const struct drv_ops *ops = t->drv->ops;
	uint8_t mic[16], kd[256];
	size_t kd_len = (size_t)(f[97] << 8 | f[98]), off = 0;
	const uint8_t *gtk = NULL;
	size_t gtk_len = 0;
	uint16_t gtk_idx = 0;
	int err;

	if (nl80211_tool_hs_ek_mic(t->ptk, f, len, mic) < 0 || CRYPTO_memcmp(mic, f + 81, 16))
		return nl80211_tool_hs_fail(t, "message 3 MIC mismatch");
	if (kd_len < 16 || kd_len > sizeof(kd) || EK_HDR + kd_len > len ||
	    nl80211_tool_hs_aes_unwrap(t->ptk + 16, f + EK_HDR, kd_len, kd) < 0)
		return nl80211_tool_hs_fail(t, "message 3 key data does not unwrap");
	kd_len -= 8;
	/* GTK KDE: dd len 00-0f-ac:1 keyid reserved GTK (IEEE 802.11-2020 12.7.2) */
	while (off + 2 <= kd_len && off + 2 + kd[off + 1] <= kd_len) {
		if (kd[off] == 0xdd && kd[off + 1] >= 6 + 16 &&
		    !memcmp(kd + off + 2, "\x00\x0f\xac\x01", 4)) {
			gtk_idx = kd[off + 6] & 3;
			gtk = kd + off + 8;
			gtk_len = kd[off + 1] - 6u;
		}
		off += 2 + (size_t)kd[off + 1];
	}
	if (!gtk)
		return nl80211_tool_hs_fail(t, "no GTK in message 3");

	/* Message 4 first, then the keys (DESIGN.md: send msg 4, then install). */
	if (nl80211_tool_hs_ek_send(t, aa, f[0], KI_TYPE_PAIRWISE | KI_MIC | KI_SECURE | 0x0002,
		    f + 9, NULL, NULL, 0) < 0)
		return nl80211_tool_hs_fail(t, "message 4 not sent");

	struct drv_key ptk = {
		.type = DRV_KEY_PAIRWISE, .cipher_suite = RSN_CCMP, .idx = 0,
		.key = t->ptk + 32, .key_len = 16, .addr = aa,
	};
	err = ops->key_new(t->drv, t->ifindex, &ptk);
	printf("key_new pairwise err=%d\n", err);
	struct drv_key g = {
		.type = DRV_KEY_GROUP, .cipher_suite = RSN_CCMP, .idx = gtk_idx,
		.key = gtk, .key_len = gtk_len, .seq = f + 65, .seq_len = 6,
		.set_default = true,
	};
	int gerr = ops->key_new(t->drv, t->ifindex, &g);
	printf("key_new group idx=%u err=%d\n", gtk_idx, gerr);
	OPENSSL_cleanse(kd, sizeof(kd));
	int aerr = ops->station_authorize(t->drv, t->ifindex, aa, true);
	printf("station_authorize err=%d\n", aerr);
	if (err || gerr || aerr)
		return nl80211_tool_hs_fail(t, "key installation");
	t->hs_done = true;
	printf("handshake complete\n");
}

static void nl80211_tool_hs_rx(struct tool *t, const uint8_t *src, const uint8_t *frame,
		  size_t len)
{
	uint8_t f[2048];
	uint16_t info;

	if (len < EK_HDR || len > sizeof(f) || frame[1] != 3 || frame[4] != 2)
		return;
	memcpy(f, frame, len);
	info = (uint16_t)(f[5] << 8 | f[6]);
	if ((info & (KI_TYPE_PAIRWISE | KI_ACK)) != (KI_TYPE_PAIRWISE | KI_ACK))
		return;
	if (!(info & KI_MIC))
		nl80211_tool_hs_msg1(t, src, f);
	else if ((info & (KI_INSTALL | KI_ENC)) == (KI_INSTALL | KI_ENC) &&
		 t->have_ptk && !t->hs_done)
		nl80211_tool_hs_msg3(t, src, f, len);
}

#endif
