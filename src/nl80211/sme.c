// SPDX-License-Identifier: BSD-3-Clause
/*
 * The userspace SME (SAE, IEEE 802.11-2020 12.4): AUTHENTICATE carries each
 * Authentication frame the host hands us, the AP's come back as
 * NL80211_CMD_AUTHENTICATE notifications (mlme group), then ASSOCIATE. The
 * association's result arrives as cfg80211's CONNECT notification, which
 * dispatch.c already turns into DRV_EVENT_CONNECT_RESULT.
 *
 * Which radios: those with NL80211_FEATURE_SAE and the AUTHENTICATE and
 * ASSOCIATE commands (mac80211 drivers, mac80211_hwsim). Full-MAC drivers
 * that run the SME in firmware (CONNECT only; SAE through
 * NL80211_CMD_EXTERNAL_AUTH or EXT_FEATURE_SAE_OFFLOAD) are refused here
 * with -EOPNOTSUPP and a line that says so.
 */
#include "nl80211/nl80211.h"

#include <errno.h>
#include <string.h>
#include <linux/nl80211.h>

#include "common/hex.h"
#include "nl80211/msg.h"

/* IEEE 802.11-2020 Table 9-49: "previous authentication no longer valid" */
#define SME_REASON_PREV_AUTH_INVALID 2

static int nl80211_sme_capable(struct nl80211 *d, struct nl80211_iface *i, uint16_t alg)
{
	struct nl80211_wiphy *w = nl80211_drv_wiphy_get(d, i->wiphy);
	struct drv_capa capa;

	if (!w)
		return -ENODEV;
	memset(&capa, 0, sizeof(capa));
	nl80211_wiphy_capa_fill(&w->info, &capa);
	if (!capa.supports_auth_assoc) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "AUTHENTICATE on %s: the driver has no userspace "
			    "SME (no NL80211_CMD_AUTHENTICATE/ASSOCIATE); %s",
			    i->ifname, capa.sae_offload ?
			    "it offloads SAE to firmware "
			    "(EXT_FEATURE_SAE_OFFLOAD), which ihvd does not "
			    "drive" :
			    "SAE through NL80211_CMD_EXTERNAL_AUTH is not "
			    "implemented");
		return -EOPNOTSUPP;
	}
	if (alg == 3 && !capa.sae) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "AUTHENTICATE on %s: the driver does not support "
			    "SAE (no NL80211_FEATURE_SAE)", i->ifname);
		return -EOPNOTSUPP;
	}
	return 0;
}

static int nl80211_sme_auth_send(struct nl80211 *d, struct nl80211_iface *i,
				 const struct drv_auth_params *p)
{
	struct nl_msg *msg = nl80211_msg_authenticate(d->family, i->ifindex, p);

	if (!msg) {
		nl80211_log(d, DRV_LOG_ERROR, "AUTHENTICATE on %s: invalid parameters (-22)",
			    i->ifname);
		return -EINVAL;
	}
	return nl80211_cmd_run(d, i->conn, msg, NULL, "AUTHENTICATE", i->ifname, false);
}

void nl80211_sme_auth_abort(struct nl80211 *d, struct nl80211_iface *i)
{
	int err;

	if (!i->auth_live)
		return; /* mac80211 already dropped it (time-out, refusal) */
	i->auth_live = false;
	err = nl80211_cmd_run(d, i->conn ? i->conn : d->cmd,
				  nl80211_msg_deauthenticate(d->family, i->ifindex, i->auth_bssid,
							     SME_REASON_PREV_AUTH_INVALID),
				  NULL, "DEAUTHENTICATE", i->ifname, false);

	if (err < 0 && err != -ENOTCONN && err != -ENOLINK)
		nl80211_log(d, DRV_LOG_DEBUG, "nl80211: %s: leaving the authentication: %d",
			    i->ifname, err);
}

int nl80211_sme_authenticate(struct drv *drv, uint32_t ifindex,
			     const struct drv_auth_params *p)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "AUTHENTICATE");
	int err;

	if (!i)
		return -ENODEV;
	if (!p || !p->bssid)
		return -EINVAL;
	if (i->state == IFACE_AUTHENTICATING && memcmp(i->auth_bssid, p->bssid, DRV_ETH_ALEN)) {
		nl80211_sme_auth_abort(d, i);
		i->state = IFACE_IDLE;
	}
	if (i->state != IFACE_IDLE && i->state != IFACE_AUTHENTICATING) {
		nl80211_log(d, DRV_LOG_ERROR, "AUTHENTICATE on %s: already %s (-114)", i->ifname,
			    i->state == IFACE_CONNECTED ? "connected" : "connecting");
		return -EALREADY;
	}
	err = nl80211_sme_capable(d, i, p->algorithm);
	if (err < 0)
		return err;
	if (i->state == IFACE_IDLE) {
		if (nl80211_iface_up(d, i, "AUTHENTICATE") < 0)
			return -ENETDOWN;
		err = nl80211_iface_conn_open(i);
		if (err < 0)
			return err;
	}
	err = nl80211_sme_auth_send(d, i, p);
	if (err == -EALREADY) {
		/* An older authentication state in the kernel: leave it, then again. */
		memcpy(i->auth_bssid, p->bssid, DRV_ETH_ALEN);
		i->auth_live = true;
		nl80211_sme_auth_abort(d, i);
		err = nl80211_sme_auth_send(d, i, p);
	}
	if (err == -ENOENT)
		nl80211_log(d, DRV_LOG_ERROR,
			    "AUTHENTICATE on %s: the BSS is not in the kernel's "
			    "scan results (-2)", i->ifname);
	if (err < 0)
		return err;
	memcpy(i->auth_bssid, p->bssid, DRV_ETH_ALEN);
	i->auth_live = true;
	i->connect_freq = p->freq;
	if (i->state == IFACE_IDLE) {
		char bssid[HEX_MAC_TXT_LEN];

		hex_mac_txt(p->bssid, bssid);
		nl80211_log(d, DRV_LOG_INFO, "nl80211: %s: authenticating with %s (%s)", i->ifname,
			    bssid, p->algorithm == 3 ? "SAE" : "Open System");
	}
	i->state = IFACE_AUTHENTICATING;
	return 0;
}

int nl80211_sme_associate(struct drv *drv, uint32_t ifindex,
			  const struct drv_connect_params *p)
{
	struct nl80211 *d = nl80211_of(drv);
	struct nl80211_iface *i = nl80211_iface_get(d, ifindex, "ASSOCIATE");
	struct nl80211_wiphy *w;
	bool mfp_opt, over = false;
	struct nl_msg *msg;
	int err;

	if (!i)
		return -ENODEV;
	if (i->state != IFACE_AUTHENTICATING || !p || !p->bssid ||
	    memcmp(p->bssid, i->auth_bssid, DRV_ETH_ALEN)) {
		nl80211_log(d, DRV_LOG_ERROR,
			    "ASSOCIATE on %s: not authenticated with that BSS "
			    "(-107)", i->ifname);
		return -ENOTCONN;
	}
	w = nl80211_drv_wiphy_get(d, i->wiphy);
	mfp_opt = w && nl80211_wiphy_ext_feature(&w->info, NL80211_EXT_FEATURE_MFP_OPTIONAL);
	err = nl80211_connect_path_open(d, i, "ASSOCIATE", &over);
	if (err < 0)
		return err;
	msg = nl80211_msg_associate(d->family, ifindex, p, over, mfp_opt);
	if (!msg) {
		nl80211_log(d, DRV_LOG_ERROR, "ASSOCIATE on %s: invalid parameters (-22)",
			    i->ifname);
		return -EINVAL;
	}
	nl80211_log(d, DRV_LOG_INFO, "nl80211: %s: ASSOCIATE, EAPOL over %s", i->ifname,
		    over ? "nl80211" : "PF_PACKET");
	err = nl80211_cmd_run(d, i->conn, msg, NULL, "ASSOCIATE", i->ifname, false);
	if (err < 0)
		return err;
	i->over_nl80211 = over;
	i->connect_freq = p->freq;
	/* cfg80211 reports the association's result as a CONNECT notification */
	i->state = IFACE_CONNECTING;
	return 0;
}

void nl80211_sme_auth_event(struct nl80211 *d, struct nl80211_iface *i,
			    const struct nl80211_event *e)
{
	struct drv_event ev;

	if (i->state != IFACE_AUTHENTICATING) {
		nl80211_log(d, DRV_LOG_DEBUG, "nl80211: %s: AUTHENTICATE event not ours, ignored",
			    i->ifname);
		return;
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = DRV_EVENT_AUTH_RX;
	ev.ifindex = i->ifindex;
	if (e->timed_out) {
		ev.auth.timed_out = true;
		memcpy(ev.auth.bssid, e->has_mac ? e->mac : i->auth_bssid, DRV_ETH_ALEN);
	} else if (nl80211_msg_auth_frame_parse(e->frame, e->frame_len, &ev) < 0) {
		nl80211_log(d, DRV_LOG_WARN,
			    "nl80211: %s: AUTHENTICATE event without a usable "
			    "frame (%zu bytes), dropped", i->ifname,
			    e->frame_len);
		return;
	}
	if (memcmp(ev.auth.bssid, i->auth_bssid, DRV_ETH_ALEN)) {
		nl80211_log(d, DRV_LOG_DEBUG,
			    "nl80211: %s: Authentication frame from another BSS, dropped",
			    i->ifname);
		return;
	}
	/*
	 * mac80211 forgets the attempt on a time-out and on a refusal, except
	 * SAE's "token required" (76) and an H2E Commit (126)
	 * (ieee80211_rx_mgmt_auth).
	 */
	if (ev.auth.timed_out ||
	    (ev.auth.status && ev.auth.status != 76 &&
	     !(ev.auth.transaction == 1 && ev.auth.status == 126)))
		i->auth_live = false;
	nl80211_emit(d, &ev);
}
