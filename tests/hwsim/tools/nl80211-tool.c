/*
 * nl80211-tool: drives the nl80211 driver (src/nl80211) through the drv_ops
 * seam only, for the hwsim scenarios tests/hwsim/scenarios/nl80211-*.sh.
 *
 *   nl80211-tool list
 *   nl80211-tool scan IFACE [--ssid SSID] [--freq MHZ]
 *   nl80211-tool connect IFACE SSID [--bssid MAC] [--freq MHZ]
 *                [--rsn | --psk PASSPHRASE] [--eapol auto|nl80211|packet]
 *                [--eapol-count N] [--hold] [--until-removed] [--timeout SECS]
 *   nl80211-tool watch [--timeout SECS] [--count N]
 *   nl80211-tool hwsim-del-radio PHYNAME
 *
 * connect --rsn asks for WPA2-PSK/CCMP and prints the first N EAPOL frames
 * it receives; --psk also runs a minimal 4-way handshake (IEEE 802.11-2020
 * 12.7.6) so installed keys can be seen carrying traffic. With --hold it
 * prints "ready" and stays: SIGUSR1 deletes the pairwise key, SIGTERM
 * disconnects and exits; the removal of the interface ends it too, and so
 * does a disconnection unless --until-removed.
 * Every driver event is printed as "event ..." on stdout.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <linux/nl80211.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "common/loop.h"
#include "nl80211/driver.h"

#define RSN_CCMP 0x000fac04u
#define RSN_AKM_PSK 0x000fac02u

/* Our RSNE: version 1, group CCMP, pairwise CCMP, AKM PSK, capabilities 0. */
static const uint8_t own_rsne[] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00,
	0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02,
	0x00, 0x00,
};

struct tool {
	struct loop *loop;
	struct drv *drv;
	uint32_t ifindex;
	char ifname[DRV_IFNAME_MAX];
	uint8_t own_mac[DRV_ETH_ALEN];
	bool until_removed;           /* --hold: stay past a disconnection */

	bool scan_done, scan_aborted;
	bool connect_done;
	uint16_t connect_status;
	uint8_t bssid[DRV_ETH_ALEN];
	bool disconnected, removed;
	int eapol_seen, eapol_want;
	int watch_count;

	/* --psk: the 4-way handshake */
	const char *ssid;
	const char *passphrase;
	uint8_t pmk[32];
	uint8_t anonce[32], snonce[32];
	uint8_t ptk[48];              /* KCK | KEK | TK */
	bool have_ptk, hs_done, hs_failed;
};

static volatile int quit_signal;

/* --- small helpers ---------------------------------------------------------- */

static void hex_print(const char *label, const uint8_t *p, size_t n)
{
	printf(" %s=", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
}

static const char *mac_txt(const uint8_t *m, char *buf)
{
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3],
		m[4], m[5]);
	return buf;
}

static int mac_parse(const char *s, uint8_t *m)
{
	unsigned int b[6];

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		m[i] = (uint8_t)b[i];
	return 0;
}

/* The first element with this id, or NULL (IEEE 802.11-2020 9.4.2.1). */
static const uint8_t *ie_find(const uint8_t *ies, size_t len, uint8_t id)
{
	size_t off = 0;

	while (ies && off + 2 <= len && off + 2 + ies[off + 1] <= len) {
		if (ies[off] == id)
			return ies + off;
		off += 2 + (size_t)ies[off + 1];
	}
	return NULL;
}

static uint64_t deadline_after(double secs)
{
	return loop_now_us() + (uint64_t)(secs * 1e6);
}

/* Run the loop until *flag or the deadline; 0 when the flag came up. */
static int run_until(struct tool *t, const bool *flag, uint64_t deadline)
{
	while (!*flag && !quit_signal) {
		uint64_t now = loop_now_us();

		if (now >= deadline)
			return -ETIMEDOUT;
		if (loop_run_once(t->loop, (int)((deadline - now) / 1000) + 1) < 0)
			return -EIO;
	}
	return *flag ? 0 : -EINTR;
}

/* --- drv_io on the host loop ----------------------------------------------- */

static int io_watch(void *ctx, int fd, void (*cb)(void *arg, int fd), void *arg)
{
	return loop_fd_add(ctx, fd, cb, arg);
}

static void io_unwatch(void *ctx, int fd)
{
	loop_fd_del(ctx, fd);
}

__attribute__((format(printf, 3, 4)))
static void io_log(void *ctx, enum drv_log_level level, const char *fmt, ...)
{
	static const char *names[] = { "error", "warn", "info", "debug" };
	va_list ap;

	(void)ctx;
	fprintf(stderr, "drv %s: ", names[level <= DRV_LOG_DEBUG ? level : 3]);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* --- the 4-way handshake (supplicant side, CCMP, AKM PSK, version 2) ------ */

#define EK_HDR 99          /* 802.1X header + EAPOL-Key body up to key data */
#define KI_TYPE_PAIRWISE 0x0008
#define KI_INSTALL 0x0040
#define KI_ACK 0x0080
#define KI_MIC 0x0100
#define KI_SECURE 0x0200
#define KI_ENC 0x1000

static int hmac_sha1(const uint8_t *key, size_t klen, const uint8_t *d,
		     size_t dlen, uint8_t out[20])
{
	unsigned int olen = 20;

	return HMAC(EVP_sha1(), key, (int)klen, d, dlen, out, &olen) ? 0 : -1;
}

/* PRF-384 (IEEE 802.11-2020 12.7.1.2) for the PTK. */
static int ptk_derive(struct tool *t, const uint8_t *aa)
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
		if (hmac_sha1(t->pmk, 32, data, o + 1, out + 20 * i) < 0)
			return -1;
	}
	memcpy(t->ptk, out, 48);
	OPENSSL_cleanse(out, sizeof(out));
	OPENSSL_cleanse(data, sizeof(data));
	t->have_ptk = true;
	return 0;
}

static int ek_mic(const uint8_t *kck, uint8_t *frame, size_t len, uint8_t mic[16])
{
	uint8_t saved[16], out[20];
	int r;

	memcpy(saved, frame + 81, 16);
	memset(frame + 81, 0, 16);
	r = hmac_sha1(kck, 16, frame, len, out);
	memcpy(frame + 81, saved, 16);
	memcpy(mic, out, 16);
	return r;
}

static int aes_unwrap(const uint8_t *kek, const uint8_t *in, size_t len,
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

static int ek_send(struct tool *t, const uint8_t *aa, uint8_t version,
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
	if (ek_mic(t->ptk, f, EK_HDR + kd_len, f + 81) < 0)
		return -1;
	/* Before the PTK is installed: in the clear (no_encrypt). */
	err = t->drv->ops->eapol_tx(t->drv, t->ifindex, aa, 0x888e, f,
				    EK_HDR + kd_len, true, &cookie);
	printf("eapol-tx info=0x%04x len=%zu err=%d cookie=%llu\n", info,
	       EK_HDR + kd_len, err, (unsigned long long)cookie);
	return err;
}

static void hs_fail(struct tool *t, const char *why)
{
	printf("handshake failed: %s\n", why);
	t->hs_failed = true;
}

static void hs_msg1(struct tool *t, const uint8_t *aa, const uint8_t *f)
{
	memcpy(t->anonce, f + 17, 32);
	if (RAND_bytes(t->snonce, 32) != 1 || ptk_derive(t, aa) < 0)
		return hs_fail(t, "key derivation");
	if (ek_send(t, aa, f[0], KI_TYPE_PAIRWISE | KI_MIC | 0x0002, f + 9,
		    t->snonce, own_rsne, sizeof(own_rsne)) < 0)
		hs_fail(t, "message 2 not sent");
}

static void hs_msg3(struct tool *t, const uint8_t *aa, uint8_t *f, size_t len)
{
	const struct drv_ops *ops = t->drv->ops;
	uint8_t mic[16], kd[256];
	size_t kd_len = (size_t)(f[97] << 8 | f[98]), off = 0;
	const uint8_t *gtk = NULL;
	size_t gtk_len = 0;
	uint16_t gtk_idx = 0;
	int err;

	if (ek_mic(t->ptk, f, len, mic) < 0 || CRYPTO_memcmp(mic, f + 81, 16))
		return hs_fail(t, "message 3 MIC mismatch");
	if (kd_len < 16 || kd_len > sizeof(kd) || EK_HDR + kd_len > len ||
	    aes_unwrap(t->ptk + 16, f + EK_HDR, kd_len, kd) < 0)
		return hs_fail(t, "message 3 key data does not unwrap");
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
		return hs_fail(t, "no GTK in message 3");

	/* Message 4 first, then the keys (DESIGN.md: send msg 4, then install). */
	if (ek_send(t, aa, f[0], KI_TYPE_PAIRWISE | KI_MIC | KI_SECURE | 0x0002,
		    f + 9, NULL, NULL, 0) < 0)
		return hs_fail(t, "message 4 not sent");

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
		return hs_fail(t, "key installation");
	t->hs_done = true;
	printf("handshake complete\n");
}

static void hs_rx(struct tool *t, const uint8_t *src, const uint8_t *frame,
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
		hs_msg1(t, src, f);
	else if ((info & (KI_INSTALL | KI_ENC)) == (KI_INSTALL | KI_ENC) &&
		 t->have_ptk && !t->hs_done)
		hs_msg3(t, src, f, len);
}

/* --- events ------------------------------------------------------------------ */

static void eapol_describe(const struct drv_event *ev)
{
	const uint8_t *f = ev->eapol.frame;
	size_t n = ev->eapol.len;

	if (n < 4)
		return;
	printf("eapol version=%u type=%u body_len=%u", f[0], f[1],
	       (unsigned)(f[2] << 8 | f[3]));
	if (f[1] == 3 && n >= EK_HDR) {
		printf(" descriptor=%u key_info=0x%04x key_len=%u", f[4],
		       (unsigned)(f[5] << 8 | f[6]), (unsigned)(f[7] << 8 | f[8]));
		hex_print("replay", f + 9, 8);
		hex_print("nonce", f + 17, 32);
		hex_print("mic", f + 81, 16);
		printf(" key_data_len=%u", (unsigned)(f[97] << 8 | f[98]));
	}
	printf("\n");
}

static void on_event(void *ctx, const struct drv_event *ev)
{
	struct tool *t = ctx;
	char m[18];

	t->watch_count++;
	switch (ev->type) {
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_IFACE_REMOVED:
		printf("event %s ifindex=%u ifname=%s wiphy=%u mac=%s\n",
		       ev->type == DRV_EVENT_IFACE_ADDED ? "iface-added"
							 : "iface-removed",
		       ev->ifindex, ev->iface.ifname, ev->iface.wiphy,
		       mac_txt(ev->iface.mac, m));
		if (ev->type == DRV_EVENT_IFACE_REMOVED && ev->ifindex == t->ifindex)
			t->removed = true;
		break;
	case DRV_EVENT_SCAN_STARTED:
		printf("event scan-started ifindex=%u\n", ev->ifindex);
		break;
	case DRV_EVENT_SCAN_DONE:
		printf("event scan-done ifindex=%u\n", ev->ifindex);
		if (ev->ifindex == t->ifindex)
			t->scan_done = true;
		break;
	case DRV_EVENT_SCAN_ABORTED:
		printf("event scan-aborted ifindex=%u\n", ev->ifindex);
		if (ev->ifindex == t->ifindex)
			t->scan_aborted = t->scan_done = true;
		break;
	case DRV_EVENT_CONNECT_RESULT:
		printf("event connect-result ifindex=%u status=%u timed_out=%d bssid=%s freq=%u req_ies=%zu resp_ies=%zu\n",
		       ev->ifindex, ev->connect.status, ev->connect.timed_out,
		       mac_txt(ev->connect.bssid, m), ev->connect.freq,
		       ev->connect.req_ies_len, ev->connect.resp_ies_len);
		if (ev->ifindex == t->ifindex) {
			t->connect_done = true;
			t->connect_status = ev->connect.timed_out ? 0xffff
								  : ev->connect.status;
			memcpy(t->bssid, ev->connect.bssid, DRV_ETH_ALEN);
		}
		break;
	case DRV_EVENT_DISCONNECTED:
		printf("event disconnected ifindex=%u reason=%u by_ap=%d\n",
		       ev->ifindex, ev->disconnect.reason, ev->disconnect.by_ap);
		if (ev->ifindex == t->ifindex)
			t->disconnected = true;
		break;
	case DRV_EVENT_EAPOL_RX:
		printf("event eapol-rx ifindex=%u src=%s ethertype=0x%04x len=%zu unencrypted=%d",
		       ev->ifindex, mac_txt(ev->eapol.src, m), ev->eapol.ethertype,
		       ev->eapol.len, ev->eapol.unencrypted);
		hex_print("frame", ev->eapol.frame, ev->eapol.len);
		printf("\n");
		eapol_describe(ev);
		if (ev->ifindex == t->ifindex) {
			t->eapol_seen++;
			if (t->passphrase)
				hs_rx(t, ev->eapol.src, ev->eapol.frame,
				      ev->eapol.len);
		}
		break;
	case DRV_EVENT_EAPOL_TX_STATUS:
		printf("event eapol-tx-status ifindex=%u cookie=%llu acked=%d\n",
		       ev->ifindex, (unsigned long long)ev->tx_status.cookie,
		       ev->tx_status.acked);
		break;
	}
	fflush(stdout);
}

/* --- sub-commands ------------------------------------------------------------ */

struct list_ctx {
	struct tool *t;
	const char *want;
};

static void list_cb(void *ctx, uint32_t ifindex, const char *ifname)
{
	struct list_ctx *lc = ctx;
	struct tool *t = lc->t;
	struct drv_capa c;
	char m[18];

	if (lc->want) {
		if (!strcmp(lc->want, ifname)) {
			t->ifindex = ifindex;
			snprintf(t->ifname, sizeof(t->ifname), "%s", ifname);
		}
		return;
	}
	if (t->drv->ops->capa_get(t->drv, ifindex, &c) < 0) {
		printf("iface %s ifindex=%u capa=unavailable\n", ifname, ifindex);
		return;
	}
	printf("iface %s ifindex=%u wiphy=%u mac=%s ciphers=", ifname, ifindex,
	       c.wiphy, mac_txt(c.mac, m));
	for (size_t i = 0; i < c.n_ciphers; i++)
		printf("%s%08x", i ? "," : "", c.ciphers[i]);
	printf(" akms=");
	for (size_t i = 0; i < c.n_akms; i++)
		printf("%s%08x", i ? "," : "", c.akms[i]);
	printf(" cp_over_nl80211=%d cp_no_preauth=%d can_replace_ptk0=%d ext_key_id=%d connect=%d auth_assoc=%d max_scan_ssids=%u\n",
	       c.control_port_over_nl80211, c.control_port_no_preauth,
	       c.can_replace_ptk0, c.ext_key_id, c.supports_connect,
	       c.supports_auth_assoc, c.max_scan_ssids);
}

static int iface_pick(struct tool *t, const char *name)
{
	struct list_ctx lc = { t, name };
	struct drv_capa c;
	int err = t->drv->ops->iface_list(t->drv, list_cb, &lc);

	if (err < 0)
		return err;
	if (!t->ifindex) {
		fprintf(stderr, "nl80211-tool: %s is not a station interface here\n",
			name);
		return -ENODEV;
	}
	err = t->drv->ops->capa_get(t->drv, t->ifindex, &c);
	if (err < 0)
		return err;
	memcpy(t->own_mac, c.mac, DRV_ETH_ALEN);
	return 0;
}

static void bss_cb(void *ctx, const struct drv_bss *b)
{
	const uint8_t *ssid, *rsne;
	char m[18];

	(void)ctx;
	printf("bss %s freq=%u signal_mbm=%d capability=0x%04x beacon_interval=%u tsf=%llu seen_ms_ago=%u ies_from_probe=%d",
	       mac_txt(b->bssid, m), b->freq, b->signal_mbm, b->capability,
	       b->beacon_interval, (unsigned long long)b->tsf, b->seen_ms_ago,
	       b->ies_from_probe);
	ssid = ie_find(b->ies, b->ies_len, 0);
	if (ssid) {
		printf(" ssid=");
		for (int i = 0; i < ssid[1]; i++)
			putchar(ssid[2 + i] > 0x20 && ssid[2 + i] < 0x7f ? ssid[2 + i] : '?');
	}
	rsne = ie_find(b->ies, b->ies_len, 48);
	if (rsne)
		hex_print("rsne", rsne, 2 + (size_t)rsne[1]);
	hex_print("ies", b->ies, b->ies_len);
	if (b->beacon_ies)
		hex_print("beacon_ies", b->beacon_ies, b->beacon_ies_len);
	printf("\n");
}

static int cmd_scan(struct tool *t, const char *ssid, uint32_t freq)
{
	uint8_t ssids[1][DRV_SSID_MAX];
	size_t ssid_len = ssid ? strlen(ssid) : 0;
	struct drv_scan_params p = { 0 };
	int err;

	if (ssid) {
		if (ssid_len > DRV_SSID_MAX)
			return -EINVAL;
		memcpy(ssids[0], ssid, ssid_len);
		p.ssids = (const uint8_t (*)[DRV_SSID_MAX])ssids;
		p.ssid_lens = &ssid_len;
		p.n_ssids = 1;
	}
	if (freq) {
		p.freqs = &freq;
		p.n_freqs = 1;
	}
	for (int attempt = 0; attempt < 5; attempt++) {
		t->scan_done = t->scan_aborted = false;
		err = t->drv->ops->scan_trigger(t->drv, t->ifindex, &p);
		if (err == -EBUSY) {
			usleep(200000);
			continue;
		}
		if (err < 0)
			return err;
		err = run_until(t, &t->scan_done, deadline_after(15));
		if (err < 0) {
			fprintf(stderr, "nl80211-tool: no scan result event\n");
			return err;
		}
		if (!t->scan_aborted)
			break;
	}
	if (!t->scan_done || t->scan_aborted)
		return -EAGAIN;
	return t->drv->ops->scan_results(t->drv, t->ifindex, bss_cb, t);
}

struct find_ctx {
	const char *ssid;
	bool found;
	uint8_t bssid[DRV_ETH_ALEN];
	uint32_t freq;
};

static void find_cb(void *ctx, const struct drv_bss *b)
{
	struct find_ctx *fc = ctx;
	const uint8_t *ssid = ie_find(b->ies, b->ies_len, 0);

	if (!fc->found && ssid && ssid[1] == strlen(fc->ssid) &&
	    !memcmp(ssid + 2, fc->ssid, ssid[1])) {
		fc->found = true;
		memcpy(fc->bssid, b->bssid, DRV_ETH_ALEN);
		fc->freq = b->freq;
	}
}

/*
 * Scan for the SSID first, as a host does, so CONNECT names a BSS the
 * kernel already knows (no scan of its own inside CONNECT, which a slow
 * station under valgrind and TCG can miss).
 */
static int bss_find(struct tool *t, const char *ssid, uint32_t freq,
		    struct find_ctx *fc)
{
	uint8_t ssids[1][DRV_SSID_MAX];
	size_t ssid_len = strlen(ssid);
	struct drv_scan_params p = { 0 };
	int err = -ENOENT;

	if (ssid_len > DRV_SSID_MAX)
		return -EINVAL;
	memcpy(ssids[0], ssid, ssid_len);
	p.ssids = (const uint8_t (*)[DRV_SSID_MAX])ssids;
	p.ssid_lens = &ssid_len;
	p.n_ssids = 1;
	if (freq) {
		p.freqs = &freq;
		p.n_freqs = 1;
	}
	fc->ssid = ssid;
	for (int attempt = 0; attempt < 8 && !fc->found; attempt++) {
		t->scan_done = t->scan_aborted = false;
		err = t->drv->ops->scan_trigger(t->drv, t->ifindex, &p);
		if (err == -EBUSY) {
			usleep(200000);
			continue;
		}
		if (err < 0)
			return err;
		if (run_until(t, &t->scan_done, deadline_after(15)) < 0)
			return -ETIMEDOUT;
		err = t->drv->ops->scan_results(t->drv, t->ifindex, find_cb, fc);
		if (err < 0)
			return err;
	}
	return fc->found ? 0 : -ENOENT;
}

static int hold(struct tool *t)
{
	bool never = false;

	printf("ready\n");
	fflush(stdout);
	while (!t->removed && (!t->disconnected || t->until_removed)) {
		if (quit_signal == SIGUSR1) {
			int err = t->drv->ops->key_del(t->drv, t->ifindex,
						       DRV_KEY_PAIRWISE, 0,
						       t->bssid);

			printf("key_del pairwise err=%d\n", err);
			fflush(stdout);
			quit_signal = 0;
		}
		if (quit_signal)
			break;
		run_until(t, &never, deadline_after(0.5));
	}
	if (t->removed)
		printf("interface removed\n");
	else if (t->disconnected)
		printf("disconnected by the network\n");
	return 0;
}

static int cmd_connect(struct tool *t, const char *ssid, const uint8_t *bssid,
		       uint32_t freq, bool rsn, enum drv_eapol_path path,
		       bool do_hold, double timeout)
{
	struct drv_connect_params p = {
		.ssid = (const uint8_t *)ssid,
		.ssid_len = strlen(ssid),
		.bssid = bssid,
		.freq = freq,
	};
	int err;

	if (rsn) {
		p.ies = own_rsne;
		p.ies_len = sizeof(own_rsne);
		p.wpa_versions = NL80211_WPA_VERSION_2;
		p.akm_suite = RSN_AKM_PSK;
		p.pairwise_cipher = RSN_CCMP;
		p.group_cipher = RSN_CCMP;
		p.mfp = DRV_MFP_NO;
		p.control_port = true;
		p.control_port_ethertype = 0x888e;
	}
	if (t->passphrase &&
	    PKCS5_PBKDF2_HMAC_SHA1(t->passphrase, (int)strlen(t->passphrase),
				   (const uint8_t *)ssid, (int)strlen(ssid), 4096,
				   32, t->pmk) != 1)
		return -EIO;
	err = t->drv->ops->eapol_path_set(t->drv, t->ifindex, path);
	if (err < 0)
		return err;
	if (!bssid) {
		struct find_ctx fc = { 0 };
		char m[18];

		err = bss_find(t, ssid, freq, &fc);
		if (err < 0) {
			fprintf(stderr, "nl80211-tool: no BSS with SSID %s (%d)\n",
				ssid, err);
			return err;
		}
		memcpy(t->bssid, fc.bssid, DRV_ETH_ALEN);
		p.bssid = t->bssid;
		p.freq = fc.freq;
		printf("found %s freq=%u\n", mac_txt(fc.bssid, m), fc.freq);
	}
	/*
	 * A connection attempt that times out is retried, as a host would:
	 * under TCG the kernel's authentication exchange sometimes loses a
	 * race with hostapd (not something this layer controls).
	 */
	for (int attempt = 1;; attempt++) {
		t->connect_done = false;
		err = t->drv->ops->connect(t->drv, t->ifindex, &p);
		printf("connect err=%d\n", err);
		if (err < 0)
			return err;
		err = run_until(t, &t->connect_done, deadline_after(timeout));
		if (err < 0) {
			fprintf(stderr, "nl80211-tool: no connect result\n");
			return err;
		}
		if (!t->connect_status)
			break;
		fprintf(stderr, "nl80211-tool: connect failed, status %u (attempt %d)\n",
			t->connect_status, attempt);
		if (t->connect_status != 0xffff || attempt == 3)
			return -ECONNREFUSED;
	}
	printf("connected\n");
	fflush(stdout);

	if (t->passphrase) {
		uint64_t dl = deadline_after(timeout);

		while (!t->hs_done && !t->hs_failed && !t->disconnected &&
		       !quit_signal && loop_now_us() < dl)
			loop_run_once(t->loop, 200);
		if (!t->hs_done) {
			fprintf(stderr, "nl80211-tool: 4-way handshake did not complete\n");
			err = -EPROTO;
			goto out;
		}
	} else if (t->eapol_want) {
		uint64_t dl = deadline_after(timeout);

		while (t->eapol_seen < t->eapol_want && !t->disconnected &&
		       !quit_signal && loop_now_us() < dl)
			loop_run_once(t->loop, 200);
		if (t->eapol_seen < t->eapol_want) {
			fprintf(stderr, "nl80211-tool: %d of %d EAPOL frames\n",
				t->eapol_seen, t->eapol_want);
			err = -ETIMEDOUT;
			goto out;
		}
	}
	if (do_hold)
		hold(t);
out:
	if (!t->removed && !t->disconnected) {
		int e = t->drv->ops->disconnect(t->drv, t->ifindex, 3);

		printf("disconnect err=%d\n", e);
	}
	return err;
}

static int cmd_watch(struct tool *t, double timeout, int count)
{
	uint64_t dl = deadline_after(timeout);

	printf("watching\n");
	fflush(stdout);
	while (!quit_signal && loop_now_us() < dl &&
	       (count <= 0 || t->watch_count < count))
		loop_run_once(t->loop, 200);
	return 0;
}

/* HWSIM_CMD_DEL_RADIO (5) with HWSIM_ATTR_RADIO_NAME (17): test set-up only. */
static int cmd_hwsim_del_radio(const char *name)
{
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg = NULL;
	int fam, err = -EIO;

	if (!sk || genl_connect(sk) < 0)
		goto out;
	fam = genl_ctrl_resolve(sk, "MAC80211_HWSIM");
	if (fam < 0) {
		fprintf(stderr, "nl80211-tool: no MAC80211_HWSIM family\n");
		goto out;
	}
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, fam, 0, 0, 5, 1) ||
	    nla_put_string(msg, 17, name) < 0)
		goto out;
	err = nl_send_auto(sk, msg);
	if (err >= 0)
		err = nl_wait_for_ack(sk);
	if (err < 0)
		fprintf(stderr, "nl80211-tool: HWSIM_CMD_DEL_RADIO %s: %s\n", name,
			nl_geterror(err));
out:
	nlmsg_free(msg);
	nl_socket_free(sk);
	return err < 0 ? -EIO : 0;
}

static void on_signal(void *arg, int fd)
{
	struct signalfd_siginfo si;

	(void)arg;
	if (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		quit_signal = (int)si.ssi_signo;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: nl80211-tool list\n"
		"       nl80211-tool scan IFACE [--ssid SSID] [--freq MHZ]\n"
		"       nl80211-tool connect IFACE SSID [--bssid MAC] [--freq MHZ] [--rsn | --psk PASS]\n"
		"                    [--eapol auto|nl80211|packet] [--eapol-count N] [--hold] [--until-removed] [--timeout S]\n"
		"       nl80211-tool watch [--timeout S] [--count N]\n"
		"       nl80211-tool hwsim-del-radio PHYNAME\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "ssid", required_argument, NULL, 's' },
		{ "freq", required_argument, NULL, 'f' },
		{ "bssid", required_argument, NULL, 'b' },
		{ "rsn", no_argument, NULL, 'r' },
		{ "psk", required_argument, NULL, 'p' },
		{ "eapol", required_argument, NULL, 'e' },
		{ "eapol-count", required_argument, NULL, 'n' },
		{ "hold", no_argument, NULL, 'H' },
		{ "timeout", required_argument, NULL, 't' },
		{ "count", required_argument, NULL, 'c' },
		{ "until-removed", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 },
	};
	struct tool t = { 0 };
	struct drv_io io = { 0 };
	const char *ssid = NULL, *cmd;
	uint8_t bssid[DRV_ETH_ALEN];
	bool have_bssid = false, rsn = false, do_hold = false;
	enum drv_eapol_path path = DRV_EAPOL_AUTO;
	uint32_t freq = 0;
	double timeout = 20;
	int count = 0, opt, err = 0, sfd = -1;
	sigset_t mask;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 's': ssid = optarg; break;
		case 'f': freq = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'b':
			if (mac_parse(optarg, bssid) < 0) {
				usage();
				return 2;
			}
			have_bssid = true;
			break;
		case 'r': rsn = true; break;
		case 'p': t.passphrase = optarg; rsn = true; break;
		case 'e':
			if (!strcmp(optarg, "nl80211"))
				path = DRV_EAPOL_NL80211;
			else if (!strcmp(optarg, "packet"))
				path = DRV_EAPOL_PACKET;
			else if (!strcmp(optarg, "auto"))
				path = DRV_EAPOL_AUTO;
			else {
				usage();
				return 2;
			}
			break;
		case 'n': t.eapol_want = atoi(optarg); break;
		case 'H': do_hold = true; break;
		case 't': timeout = atof(optarg); break;
		case 'c': count = atoi(optarg); break;
		case 'R': t.until_removed = true; do_hold = true; break;
		default: usage(); return 2;
		}
	}
	if (optind >= argc) {
		usage();
		return 2;
	}
	cmd = argv[optind];
	if (!strcmp(cmd, "hwsim-del-radio"))
		return optind + 1 < argc && !cmd_hwsim_del_radio(argv[optind + 1]) ? 0 : 1;

	t.loop = loop_new();
	if (!t.loop)
		return 1;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGUSR1);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd >= 0)
		loop_fd_add(t.loop, sfd, on_signal, &t);

	io.ctx = t.loop;
	io.watch_fd = io_watch;
	io.unwatch_fd = io_unwatch;
	io.log = io_log;
	t.drv = nl80211_drv_new(&io, on_event, &t);
	if (!t.drv) {
		fprintf(stderr, "nl80211-tool: the nl80211 driver did not start\n");
		err = -EIO;
		goto out;
	}

	if (!strcmp(cmd, "list")) {
		struct list_ctx lc = { &t, NULL };

		err = t.drv->ops->iface_list(t.drv, list_cb, &lc);
	} else if (!strcmp(cmd, "scan") && optind + 1 < argc) {
		err = iface_pick(&t, argv[optind + 1]);
		if (!err)
			err = cmd_scan(&t, ssid, freq);
	} else if (!strcmp(cmd, "connect") && optind + 2 < argc) {
		t.ssid = argv[optind + 2];
		err = iface_pick(&t, argv[optind + 1]);
		if (!err)
			err = cmd_connect(&t, t.ssid, have_bssid ? bssid : NULL,
					  freq, rsn, path, do_hold, timeout);
	} else if (!strcmp(cmd, "watch")) {
		err = cmd_watch(&t, timeout, count);
	} else {
		usage();
		err = -EINVAL;
	}
out:
	if (t.drv)
		t.drv->ops->free(t.drv);
	if (sfd >= 0) {
		loop_fd_del(t.loop, sfd);
		close(sfd);
	}
	/* loop_fd_del frees its watches through a posted call: run it. */
	loop_run_once(t.loop, 0);
	loop_free(t.loop);
	OPENSSL_cleanse(t.pmk, sizeof(t.pmk));
	OPENSSL_cleanse(t.ptk, sizeof(t.ptk));
	printf("exit %d\n", err);
	return err < 0 ? 1 : 0;
}
