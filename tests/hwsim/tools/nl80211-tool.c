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
#include "tests/hwsim/tools/nl80211-tool.h"
#include "tests/hwsim/tools/nl80211-tool-4way.h"

/* --- events ------------------------------------------------------------------ */

static void nl80211_tool_eapol_describe(const struct drv_event *ev)
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
		nl80211_tool_hex_print("replay", f + 9, 8);
		nl80211_tool_hex_print("nonce", f + 17, 32);
		nl80211_tool_hex_print("mic", f + 81, 16);
		printf(" key_data_len=%u", (unsigned)(f[97] << 8 | f[98]));
	}
	printf("\n");
}

static void nl80211_tool_on_event(void *ctx, const struct drv_event *ev)
{
	struct tool *t = ctx;
	char m[HEX_MAC_TXT_LEN];

	t->watch_count++;
	switch (ev->type) {
	case DRV_EVENT_IFACE_ADDED:
	case DRV_EVENT_IFACE_REMOVED:
		printf("event %s ifindex=%u ifname=%s wiphy=%u mac=%s\n",
		       ev->type == DRV_EVENT_IFACE_ADDED ? "iface-added"
							 : "iface-removed",
		       ev->ifindex, ev->iface.ifname, ev->iface.wiphy,
		       nl80211_tool_mac(ev->iface.mac, m));
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
		       nl80211_tool_mac(ev->connect.bssid, m), ev->connect.freq,
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
		       ev->ifindex, nl80211_tool_mac(ev->eapol.src, m), ev->eapol.ethertype,
		       ev->eapol.len, ev->eapol.unencrypted);
		nl80211_tool_hex_print("frame", ev->eapol.frame, ev->eapol.len);
		printf("\n");
		nl80211_tool_eapol_describe(ev);
		if (ev->ifindex == t->ifindex) {
			t->eapol_seen++;
			if (t->passphrase)
				nl80211_tool_hs_rx(t, ev->eapol.src, ev->eapol.frame,
				      ev->eapol.len);
		}
		break;
	case DRV_EVENT_EAPOL_TX_STATUS:
		printf("event eapol-tx-status ifindex=%u cookie=%llu acked=%d\n",
		       ev->ifindex, (unsigned long long)ev->tx_status.cookie,
		       ev->tx_status.acked);
		break;
	case DRV_EVENT_MIC_FAILURE:
		printf("event mic-failure ifindex=%u addr=%s group=%d key_idx=%d\n", ev->ifindex,
		       nl80211_tool_mac(ev->mic_failure.addr, m), ev->mic_failure.group,
		       ev->mic_failure.key_idx);
		break;
	case DRV_EVENT_PMKSA_CANDIDATE:
		printf("event pmksa-candidate ifindex=%u bssid=%s index=%u preauth=%d\n",
		       ev->ifindex, nl80211_tool_mac(ev->pmksa.bssid, m), ev->pmksa.index,
		       ev->pmksa.preauth);
		break;
	case DRV_EVENT_CQM:
		printf("event cqm ifindex=%u beacon_loss=%d rssi_low=%d rssi=%d\n", ev->ifindex,
		       ev->cqm.beacon_loss, ev->cqm.rssi_low,
		       ev->cqm.has_rssi ? (int)ev->cqm.rssi_dbm : 0);
		break;
	}
	fflush(stdout);
}

/* --- sub-commands ------------------------------------------------------------ */

struct list_ctx {
	struct tool *t;
	const char *want;
};

static void nl80211_tool_list_cb(void *ctx, uint32_t ifindex, const char *ifname)
{
	struct list_ctx *lc = ctx;
	struct tool *t = lc->t;
	struct drv_capa c;
	char m[HEX_MAC_TXT_LEN];

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
	       c.wiphy, nl80211_tool_mac(c.mac, m));
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

static int nl80211_tool_iface_pick(struct tool *t, const char *name)
{
	struct list_ctx lc = { t, name };
	struct drv_capa c;
	int err = t->drv->ops->iface_list(t->drv, nl80211_tool_list_cb, &lc);

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

static void nl80211_tool_bss_cb(void *ctx, const struct drv_bss *b)
{
	const uint8_t *ssid, *rsne;
	char m[HEX_MAC_TXT_LEN];

	(void)ctx;
	printf("bss %s freq=%u signal_mbm=%d capability=0x%04x beacon_interval=%u tsf=%llu seen_ms_ago=%u ies_from_probe=%d",
	       nl80211_tool_mac(b->bssid, m), b->freq, b->signal_mbm, b->capability,
	       b->beacon_interval, (unsigned long long)b->tsf, b->seen_ms_ago,
	       b->ies_from_probe);
	ssid = nl80211_tool_ie_find(b->ies, b->ies_len, 0);
	if (ssid) {
		printf(" ssid=");
		for (int i = 0; i < ssid[1]; i++)
			putchar(ssid[2 + i] > 0x20 && ssid[2 + i] < 0x7f ? ssid[2 + i] : '?');
	}
	rsne = nl80211_tool_ie_find(b->ies, b->ies_len, 48);
	if (rsne)
		nl80211_tool_hex_print("rsne", rsne, 2 + (size_t)rsne[1]);
	nl80211_tool_hex_print("ies", b->ies, b->ies_len);
	if (b->beacon_ies)
		nl80211_tool_hex_print("beacon_ies", b->beacon_ies, b->beacon_ies_len);
	printf("\n");
}

static int nl80211_tool_cmd_scan(struct tool *t, const char *ssid, uint32_t freq)
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
		err = nl80211_tool_run_until(t, &t->scan_done, nl80211_tool_deadline_after(15));
		if (err < 0) {
			fprintf(stderr, "nl80211-tool: no scan result event\n");
			return err;
		}
		if (!t->scan_aborted)
			break;
	}
	if (!t->scan_done || t->scan_aborted)
		return -EAGAIN;
	return t->drv->ops->scan_results(t->drv, t->ifindex, nl80211_tool_bss_cb, t);
}

struct find_ctx {
	const char *ssid;
	bool found;
	uint8_t bssid[DRV_ETH_ALEN];
	uint32_t freq;
};

static void nl80211_tool_find_cb(void *ctx, const struct drv_bss *b)
{
	struct find_ctx *fc = ctx;
	const uint8_t *ssid = nl80211_tool_ie_find(b->ies, b->ies_len, 0);

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
static int nl80211_tool_bss_find(struct tool *t, const char *ssid, uint32_t freq,
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
		if (nl80211_tool_run_until(t, &t->scan_done, nl80211_tool_deadline_after(15)) < 0)
			return -ETIMEDOUT;
		err = t->drv->ops->scan_results(t->drv, t->ifindex, nl80211_tool_find_cb, fc);
		if (err < 0)
			return err;
	}
	return fc->found ? 0 : -ENOENT;
}

static int nl80211_tool_hold(struct tool *t)
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
		nl80211_tool_run_until(t, &never, nl80211_tool_deadline_after(0.5));
	}
	if (t->removed)
		printf("interface removed\n");
	else if (t->disconnected)
		printf("disconnected by the network\n");
	return 0;
}

static int nl80211_tool_cmd_connect(struct tool *t, const char *ssid, const uint8_t *bssid,
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
		char m[HEX_MAC_TXT_LEN];

		err = nl80211_tool_bss_find(t, ssid, freq, &fc);
		if (err < 0) {
			fprintf(stderr, "nl80211-tool: no BSS with SSID %s (%d)\n",
				ssid, err);
			return err;
		}
		memcpy(t->bssid, fc.bssid, DRV_ETH_ALEN);
		p.bssid = t->bssid;
		p.freq = fc.freq;
		printf("found %s freq=%u\n", nl80211_tool_mac(fc.bssid, m), fc.freq);
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
		err = nl80211_tool_run_until(t, &t->connect_done, nl80211_tool_deadline_after(timeout));
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
		uint64_t dl = nl80211_tool_deadline_after(timeout);

		while (!t->hs_done && !t->hs_failed && !t->disconnected &&
		       !quit_signal && loop_now_us() < dl)
			loop_run_once(t->loop, 200);
		if (!t->hs_done) {
			fprintf(stderr, "nl80211-tool: 4-way handshake did not complete\n");
			err = -EPROTO;
			goto out;
		}
	} else if (t->eapol_want) {
		uint64_t dl = nl80211_tool_deadline_after(timeout);

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
		nl80211_tool_hold(t);
out:
	if (!t->removed && !t->disconnected) {
		int e = t->drv->ops->disconnect(t->drv, t->ifindex, 3);

		printf("disconnect err=%d\n", e);
	}
	return err;
}

static int nl80211_tool_cmd_watch(struct tool *t, double timeout, int count)
{
	uint64_t dl = nl80211_tool_deadline_after(timeout);

	printf("watching\n");
	fflush(stdout);
	while (!quit_signal && loop_now_us() < dl &&
	       (count <= 0 || t->watch_count < count))
		loop_run_once(t->loop, 200);
	return 0;
}

/* HWSIM_CMD_DEL_RADIO (5) with HWSIM_ATTR_RADIO_NAME (17): test set-up only. */
static int nl80211_tool_cmd_hwsim_del_radio(const char *name)
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

static void nl80211_tool_on_signal(void *arg, int fd)
{
	struct signalfd_siginfo si;

	(void)arg;
	if (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		quit_signal = (int)si.ssi_signo;
}

static void nl80211_tool_usage(void)
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
			if (!hex_mac_parse(optarg, bssid)) {
				nl80211_tool_usage();
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
				nl80211_tool_usage();
				return 2;
			}
			break;
		case 'n': t.eapol_want = atoi(optarg); break;
		case 'H': do_hold = true; break;
		case 't': timeout = atof(optarg); break;
		case 'c': count = atoi(optarg); break;
		case 'R': t.until_removed = true; do_hold = true; break;
		default: nl80211_tool_usage(); return 2;
		}
	}
	if (optind >= argc) {
		nl80211_tool_usage();
		return 2;
	}
	cmd = argv[optind];
	if (!strcmp(cmd, "hwsim-del-radio"))
		return optind + 1 < argc && !nl80211_tool_cmd_hwsim_del_radio(argv[optind + 1]) ? 0 : 1;

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
		loop_fd_add(t.loop, sfd, nl80211_tool_on_signal, &t);

	io.ctx = t.loop;
	io.watch_fd = nl80211_tool_io_watch;
	io.unwatch_fd = nl80211_tool_io_unwatch;
	io.log = nl80211_tool_io_log;
	t.drv = nl80211_drv_new(&io, nl80211_tool_on_event, &t);
	if (!t.drv) {
		fprintf(stderr, "nl80211-tool: the nl80211 driver did not start\n");
		err = -EIO;
		goto out;
	}

	if (!strcmp(cmd, "list")) {
		struct list_ctx lc = { &t, NULL };

		err = t.drv->ops->iface_list(t.drv, nl80211_tool_list_cb, &lc);
	} else if (!strcmp(cmd, "scan") && optind + 1 < argc) {
		err = nl80211_tool_iface_pick(&t, argv[optind + 1]);
		if (!err)
			err = nl80211_tool_cmd_scan(&t, ssid, freq);
	} else if (!strcmp(cmd, "connect") && optind + 2 < argc) {
		t.ssid = argv[optind + 2];
		err = nl80211_tool_iface_pick(&t, argv[optind + 1]);
		if (!err)
			err = nl80211_tool_cmd_connect(&t, t.ssid, have_bssid ? bssid : NULL,
					  freq, rsn, path, do_hold, timeout);
	} else if (!strcmp(cmd, "watch")) {
		err = nl80211_tool_cmd_watch(&t, timeout, count);
	} else {
		nl80211_tool_usage();
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
