// SPDX-License-Identifier: BSD-3-Clause
/* Supplicant 4-way and group key handshakes (IEEE 802.11-2020 12.7.6, 12.7.7). */
#include "rsn/handshake.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto-direct.h"
#include "rsn/crypto.h"
#include "rsn/eapol-key.h"
#include "common/ie.h"
#include "rsn/kde.h"

#define IE_MAX 257
#define KEY_DATA_MAX (RSN_HS_MAX_FRAME - EAPOL_KEY_MIN_LEN(16))

enum hs_state {
	HS_WAIT_MSG1,
	HS_WAIT_MSG3,
	HS_ESTABLISHED,
	HS_FAILED,
};

struct rsn_hs {
	const struct rsn_hs_ops *ops;
	void *ctx;
	const struct rsn_akm_info *akm;
	enum hs_state state;
	bool rekey;       /* a 4-way on an established association */
	bool ptk_set;     /* ptk holds the installed PTK */
	bool replay_set;  /* replay holds the last MIC-verified counter */
	bool mfp;         /* MFP negotiated */
	bool test_snonce_set;

	uint32_t pairwise, group, group_mgmt;
	size_t tk_len, gtk_len, igtk_len;
	uint32_t timeout_ms;
	uint8_t eapol_version;
	uint8_t aa[6], spa[6];
	uint8_t pmk[RSN_PMK_MAX_LEN];
	size_t pmk_len;

	/* the handshake in progress: nonces and temporal PTK (12.7.6.2) */
	uint8_t anonce[32], snonce[32];
	struct rsn_ptk tptk;
	/* the installed PTK and the ANonce it came from */
	struct rsn_ptk ptk;
	uint8_t ptk_anonce[32];
	uint8_t replay[8];
	uint64_t request_replay; /* the last Key Replay Counter our requests used; 0: none */

	/* last installed group keys: never reinstalled (KRACK) */
	uint8_t gtk[32];
	size_t gtk_set_len;
	uint8_t igtk[32];
	size_t igtk_set_len;

	uint8_t test_snonce[32];
	uint8_t sta_rsne[IE_MAX], ap_rsne[IE_MAX], sta_rsnxe[IE_MAX], ap_rsnxe[IE_MAX];
	size_t sta_rsne_len, ap_rsne_len, sta_rsnxe_len, ap_rsnxe_len;

	struct rsn_hs_stats stats;
	uint8_t buf[RSN_HS_MAX_FRAME];      /* outgoing frames; MIC scratch */
	uint8_t plain[KEY_DATA_MAX];        /* unwrapped key data (secret) */
	size_t plain_len;
};

const char *rsn_fail_str(enum rsn_fail reason)
{
	switch (reason) {
	case RSN_FAIL_TIMEOUT_MSG1:
		return "4-way handshake timed out waiting for message 1";
	case RSN_FAIL_TIMEOUT_MSG3:
		return "4-way handshake timed out waiting for message 3";
	case RSN_FAIL_TIMEOUT_REKEY:
		return "PTK rekey handshake timed out";
	case RSN_FAIL_NO_RSNE:
		return "message 3 carries no RSNE";
	case RSN_FAIL_RSNE_MISMATCH:
		return "RSNE in message 3 differs from the AP's beacon/probe RSNE (possible downgrade)";
	case RSN_FAIL_RSNXE_MISMATCH:
		return "RSNXE in message 3 differs from the AP's beacon/probe RSNXE";
	case RSN_FAIL_KEY_DATA:
		return "key data failed to decrypt or parse";
	case RSN_FAIL_NO_GTK:
		return "no GTK in the key data";
	case RSN_FAIL_GTK_LEN:
		return "GTK length does not match the group cipher";
	case RSN_FAIL_NO_IGTK:
		return "MFP negotiated but message 3 carries no IGTK";
	case RSN_FAIL_IGTK_LEN:
		return "IGTK length does not match the group management cipher";
	case RSN_FAIL_TX:
		return "could not send an EAPOL-Key frame";
	case RSN_FAIL_INSTALL_PTK:
		return "could not install the pairwise key";
	case RSN_FAIL_INSTALL_GTK:
		return "could not install the group key";
	case RSN_FAIL_INSTALL_IGTK:
		return "could not install the integrity group key";
	case RSN_FAIL_CRYPTO:
		return "cryptographic primitive failed";
	}
	return "unknown failure";
}

const char *rsn_drop_str(enum rsn_drop reason)
{
	switch (reason) {
	case RSN_DROP_MALFORMED:
		return "malformed EAPOL-Key frame";
	case RSN_DROP_DESC_VERSION:
		return "key descriptor version does not match the AKM";
	case RSN_DROP_KEY_INFO:
		return "invalid key information bits";
	case RSN_DROP_KEY_LENGTH:
		return "key length does not match the pairwise cipher";
	case RSN_DROP_KEY_DATA_LEN:
		return "encrypted key data has an invalid length";
	case RSN_DROP_UNEXPECTED:
		return "message not expected in this state";
	case RSN_DROP_REPLAY:
		return "replay counter did not increase";
	case RSN_DROP_ANONCE:
		return "ANonce differs from message 1";
	case RSN_DROP_MIC:
		return "MIC failure";
	case RSN_DROP_AFTER_FAILURE:
		return "handshake already failed";
	}
	return "unknown";
}

static bool handshake_rsne_has(const uint32_t *list, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return true;
	return false;
}

static bool handshake_mfp_negotiated(const struct rsn_hs_params *p, const struct rsn_ie *sta,
				     const struct rsn_ie *ap)
{
	return p->mfp != RSN_MFP_NONE && (sta->caps & RSN_CAP_MFPC) && (ap->caps & RSN_CAP_MFPC);
}

const char *rsn_hs_params_check(const struct rsn_hs_params *p)
{
	const struct rsn_akm_info *akm;
	struct rsn_ie sta, ap;

	if (!p)
		return "no parameters";
	if (!rsn_akm_info_find(p->akm))
		return "unsupported AKM";
	/* SAE-EXT-KEY: the PMK's length selects the row (IEEE 802.11-2024 Table 12-11) */
	akm = rsn_akm_info_for(p->akm, p->pmk_len);
	if (!akm)
		return "PMK length does not match the AKM";
	if (!rsn_cipher_key_len(p->pairwise_cipher))
		return "unsupported pairwise cipher";
	if (!rsn_group_cipher_key_len(p->group_cipher))
		return "unsupported group cipher";
	if (p->mfp != RSN_MFP_NONE && p->mfp != RSN_MFP_OPTIONAL && p->mfp != RSN_MFP_REQUIRED)
		return "invalid MFP mode";
	if (!p->pmk || p->pmk_len < 32 || p->pmk_len > RSN_PMK_MAX_LEN)
		return "PMK missing or of bad length";
	if (!p->sta_rsne || p->sta_rsne_len > IE_MAX ||
	    rsn_ie_parse(p->sta_rsne, p->sta_rsne_len, &sta) != RSN_IE_OK ||
	    p->sta_rsne[1] + 2u != p->sta_rsne_len)
		return "station RSNE missing or malformed";
	if (!p->ap_rsne || p->ap_rsne_len > IE_MAX ||
	    rsn_ie_parse(p->ap_rsne, p->ap_rsne_len, &ap) != RSN_IE_OK ||
	    p->ap_rsne[1] + 2u != p->ap_rsne_len)
		return "AP RSNE missing or malformed";
	if (sta.n_akm != 1 || sta.akm[0] != p->akm || sta.n_pairwise != 1 ||
	    sta.pairwise[0] != p->pairwise_cipher || sta.group_cipher != p->group_cipher)
		return "station RSNE does not select the given AKM and ciphers";
	if (!handshake_rsne_has(ap.akm, ap.n_akm, p->akm) ||
	    !handshake_rsne_has(ap.pairwise, ap.n_pairwise, p->pairwise_cipher) ||
	    ap.group_cipher != p->group_cipher)
		return "AP RSNE does not offer the given AKM and ciphers";
	if (p->mfp == RSN_MFP_REQUIRED && !(ap.caps & RSN_CAP_MFPC))
		return "MFP required but the AP is not MFP capable";
	if (p->mfp == RSN_MFP_REQUIRED && !(sta.caps & RSN_CAP_MFPC))
		return "MFP required but the station RSNE does not set MFPC";
	if (handshake_mfp_negotiated(p, &sta, &ap) && !rsn_mgmt_cipher_key_len(p->group_mgmt_cipher))
		return "unsupported group management cipher";
	if (p->sta_rsnxe_len > IE_MAX || (p->sta_rsnxe_len && !p->sta_rsnxe))
		return "station RSNXE malformed";
	if (p->ap_rsnxe_len > IE_MAX || (p->ap_rsnxe_len && !p->ap_rsnxe))
		return "AP RSNXE malformed";
	if (p->eapol_version > 3)
		return "invalid EAPOL version";
	if (p->pmk_len != 32 && akm->prf != RSN_PRF_KDF_SHA384 && !akm->pmk_len)
		return "PMK length does not match the AKM";
	return NULL;
}

struct rsn_hs *rsn_hs_new(const struct rsn_hs_params *p, const struct rsn_hs_ops *ops, void *ctx)
{
	struct rsn_ie sta, ap;
	struct rsn_hs *hs;

	if (rsn_hs_params_check(p) || !ops || !ops->tx || !ops->install_ptk || !ops->install_gtk ||
	    !ops->install_igtk || !ops->failed || !ops->timer_arm || !ops->timer_cancel)
		return NULL;
	hs = calloc(1, sizeof(*hs));
	if (!hs)
		return NULL;
	rsn_ie_parse(p->sta_rsne, p->sta_rsne_len, &sta);
	rsn_ie_parse(p->ap_rsne, p->ap_rsne_len, &ap);
	hs->ops = ops;
	hs->ctx = ctx;
	hs->akm = rsn_akm_info_for(p->akm, p->pmk_len);
	hs->state = HS_WAIT_MSG1;
	hs->mfp = handshake_mfp_negotiated(p, &sta, &ap);
	hs->pairwise = p->pairwise_cipher;
	hs->group = p->group_cipher;
	hs->group_mgmt = p->group_mgmt_cipher;
	hs->tk_len = rsn_cipher_key_len(p->pairwise_cipher);
	hs->gtk_len = rsn_group_cipher_key_len(p->group_cipher);
	hs->igtk_len = hs->mfp ? rsn_mgmt_cipher_key_len(p->group_mgmt_cipher) : 0;
	hs->timeout_ms = p->timeout_ms ? p->timeout_ms : RSN_HS_DEFAULT_TIMEOUT_MS;
	hs->eapol_version = p->eapol_version ? p->eapol_version : 1;
	memcpy(hs->aa, p->aa, 6);
	memcpy(hs->spa, p->spa, 6);
	memcpy(hs->pmk, p->pmk, p->pmk_len);
	hs->pmk_len = p->pmk_len;
	memcpy(hs->sta_rsne, p->sta_rsne, p->sta_rsne_len);
	hs->sta_rsne_len = p->sta_rsne_len;
	memcpy(hs->ap_rsne, p->ap_rsne, p->ap_rsne_len);
	hs->ap_rsne_len = p->ap_rsne_len;
	if (p->sta_rsnxe_len)
		memcpy(hs->sta_rsnxe, p->sta_rsnxe, p->sta_rsnxe_len);
	hs->sta_rsnxe_len = p->sta_rsnxe_len;
	if (p->ap_rsnxe_len)
		memcpy(hs->ap_rsnxe, p->ap_rsnxe, p->ap_rsnxe_len);
	hs->ap_rsnxe_len = p->ap_rsnxe_len;
	ops->timer_arm(ctx, hs->timeout_ms);
	return hs;
}

void rsn_hs_free(struct rsn_hs *hs)
{
	if (!hs)
		return;
	OPENSSL_cleanse(hs, sizeof(*hs));
	free(hs);
}

bool rsn_hs_is_established(const struct rsn_hs *hs)
{
	return hs->ptk_set && hs->state != HS_FAILED;
}

const struct rsn_akm_info *rsn_hs_akm(const struct rsn_hs *hs)
{
	return hs->akm;
}

const struct rsn_hs_stats *rsn_hs_stats(const struct rsn_hs *hs)
{
	return &hs->stats;
}

void rsn_hs_test_set_snonce(struct rsn_hs *hs, const uint8_t snonce[32])
{
	memcpy(hs->test_snonce, snonce, 32);
	hs->test_snonce_set = true;
}

static enum rsn_rx handshake_drop(struct rsn_hs *hs, enum rsn_drop why)
{
	hs->stats.drops[why]++;
	return RSN_RX_DROPPED;
}

static void handshake_plain_clear(struct rsn_hs *hs)
{
	OPENSSL_cleanse(hs->plain, hs->plain_len);
	hs->plain_len = 0;
}

static enum rsn_rx handshake_fail(struct rsn_hs *hs, enum rsn_fail why)
{
	OPENSSL_cleanse(&hs->tptk, sizeof(hs->tptk));
	handshake_plain_clear(hs);
	hs->state = HS_FAILED;
	hs->ops->timer_cancel(hs->ctx);
	hs->ops->failed(hs->ctx, why);
	return RSN_RX_FAILED;
}

enum handshake_mic {
	HANDSHAKE_MIC_OK,     /* the MIC verifies */
	HANDSHAKE_MIC_BAD,    /* it does not: drop the frame */
	HANDSHAKE_MIC_ERROR,  /* the primitive failed: the handshake cannot go on */
};

/* Constant-time MIC check over the frame with its MIC field zeroed (12.7.2). */
static enum handshake_mic handshake_mic_verify(struct rsn_hs *hs, const struct eapol_key *k,
					       const uint8_t *kck)
{
	uint8_t mic[RSN_MIC_MAX_LEN];
	enum handshake_mic r = HANDSHAKE_MIC_OK;

	memcpy(hs->buf, k->frame, k->frame_len);
	memset(hs->buf + EAPOL_KEY_OFF_MIC, 0, k->mic_len);
	if (rsn_crypto_eapol_mic(hs->akm, kck, hs->buf, k->frame_len, mic))
		r = HANDSHAKE_MIC_ERROR;
	else if (CRYPTO_memcmp(mic, k->mic, k->mic_len) != 0)
		r = HANDSHAKE_MIC_BAD;
	OPENSSL_cleanse(mic, sizeof(mic));
	return r;
}

/*
 * A frame that passed the replay check: verify its MIC with kck and only then take its
 * replay counter as the last one seen (12.7.2, see handshake_replay_ok). A bad MIC drops the
 * frame and leaves the counter as it was, so a forged frame cannot push it forward.
 */
static enum rsn_rx handshake_mic_accept(struct rsn_hs *hs, const struct eapol_key *k,
					const uint8_t *kck)
{
	switch (handshake_mic_verify(hs, k, kck)) {
	case HANDSHAKE_MIC_OK:
		break;
	case HANDSHAKE_MIC_BAD:
		return handshake_drop(hs, RSN_DROP_MIC);
	case HANDSHAKE_MIC_ERROR:
		return handshake_fail(hs, RSN_FAIL_CRYPTO);
	}
	memcpy(hs->replay, k->replay, 8);
	hs->replay_set = true;
	return RSN_RX_OK;
}

/* Build, MIC and send one frame from hs->buf. */
static int handshake_send_key(struct rsn_hs *hs, const struct rsn_ptk *ptk, uint16_t info,
			      const uint8_t *replay, const uint8_t *nonce, const uint8_t *data,
			      size_t data_len)
{
	struct eapol_key_fields f = {
		.proto_version = hs->eapol_version,
		.key_info = (uint16_t)(info | hs->akm->desc_version | EAPOL_KEY_INFO_MIC),
		.replay = replay,
		.nonce = nonce,
		.key_data = data,
		.key_data_len = (uint16_t)data_len,
	};
	size_t len = eapol_key_build(hs->buf, sizeof(hs->buf), hs->akm->mic_len, &f);

	if (!len)
		return -1;
	if (rsn_crypto_eapol_mic(hs->akm, ptk->kck, hs->buf, len, hs->buf + EAPOL_KEY_OFF_MIC))
		return -1;
	return hs->ops->tx(hs->ctx, hs->buf, len) ? -1 : 0;
}

/*
 * IEEE 802.11-2020 12.7.2, the Key Replay Counter field: the supplicant keeps the
 * last counter value it accepted on this PTKSA and takes a frame only if its counter
 * is greater than every value seen before; a frame whose counter does not increase
 * is discarded. The stored value is replaced only once the frame's MIC has verified:
 * "The local Key Replay Counter field should not be updated until after the
 * EAPOL-Key MIC is checked and is found to be valid." So message 1, which carries no
 * MIC, never advances it, and a retransmitted message 1 (same or higher counter) is
 * answered. The counters are 8 octets, big-endian: memcmp orders them.
 */
static bool handshake_replay_ok(const struct rsn_hs *hs, const struct eapol_key *k)
{
	return !hs->replay_set || memcmp(k->replay, hs->replay, 8) > 0;
}

/*
 * 12.7.2: "The Supplicant shall also ... use the Key Replay Counter field" of an EAPOL-Key
 * request with a value greater than any it used before; hostapd also wants it above the last
 * counter it sent. So: one more than the larger of both.
 */
int rsn_hs_mic_failure_report(struct rsn_hs *hs, bool pairwise)
{
	uint64_t ctr = hs->replay_set ? eapol_key_replay_u64(hs->replay) : 0;
	uint8_t replay[8];
	uint16_t info = EAPOL_KEY_INFO_REQUEST | EAPOL_KEY_INFO_ERROR | EAPOL_KEY_INFO_SECURE;

	if (!hs->ptk_set || hs->state == HS_FAILED)
		return -1;
	if (hs->request_replay > ctr)
		ctr = hs->request_replay;
	hs->request_replay = ctr + 1;
	eapol_key_replay_put(replay, hs->request_replay);
	if (pairwise)
		info |= EAPOL_KEY_INFO_PAIRWISE;
	return handshake_send_key(hs, &hs->ptk, info, replay, NULL, NULL, 0);
}

/* 12.7.6.2: message 1 -> fresh SNonce (new ANonce only), TPTK, message 2. */
static enum rsn_rx handshake_rx_msg1(struct rsn_hs *hs, const struct eapol_key *k)
{
	uint8_t data[2 * IE_MAX];
	bool fresh;

	if (k->key_info & (EAPOL_KEY_INFO_INSTALL | EAPOL_KEY_INFO_ENCR_DATA))
		return handshake_drop(hs, RSN_DROP_KEY_INFO);
	if (k->key_len != hs->tk_len)
		return handshake_drop(hs, RSN_DROP_KEY_LENGTH);
	if (!handshake_replay_ok(hs, k))
		return handshake_drop(hs, RSN_DROP_REPLAY);
	fresh = hs->state != HS_WAIT_MSG3 || memcmp(hs->anonce, k->nonce, 32) != 0;
	if (fresh) {
		/*
		 * The SNonce (IEEE 802.11-2020 12.7.5, nonce generation) comes from the kernel's
		 * generator, which needs no OpenSSL set-up on a first connection (crypto-direct.h).
		 */
		if (hs->test_snonce_set) {
			memcpy(hs->snonce, hs->test_snonce, 32);
			hs->test_snonce_set = false;
		} else if (rsn_direct_random(hs->snonce, 32)) {
			return handshake_fail(hs, RSN_FAIL_CRYPTO);
		}
		memcpy(hs->anonce, k->nonce, 32);
		if (rsn_crypto_ptk_derive(hs->akm, hs->pairwise, hs->pmk, hs->pmk_len, hs->aa,
					  hs->spa, hs->anonce, hs->snonce, &hs->tptk))
			return handshake_fail(hs, RSN_FAIL_CRYPTO);
		if (hs->state == HS_ESTABLISHED) {
			/* PTK rekey on an established association (12.7.6.1) */
			hs->rekey = true;
			hs->ops->timer_arm(hs->ctx, hs->timeout_ms);
		}
		hs->state = HS_WAIT_MSG3;
	}
	memcpy(data, hs->sta_rsne, hs->sta_rsne_len);
	memcpy(data + hs->sta_rsne_len, hs->sta_rsnxe, hs->sta_rsnxe_len);
	if (handshake_send_key(hs, &hs->tptk, EAPOL_KEY_INFO_PAIRWISE, k->replay, hs->snonce, data,
			       hs->sta_rsne_len + hs->sta_rsnxe_len))
		return handshake_fail(hs, RSN_FAIL_TX);
	hs->stats.msg2_sent++;
	return RSN_RX_OK;
}

/* Unwrap Key Data with kek into hs->plain and parse the KDEs. */
static enum rsn_rx handshake_key_data_open(struct rsn_hs *hs, const struct eapol_key *k,
					   const struct rsn_ptk *ptk, struct kde_info *kde)
{
	size_t n = k->key_data_len - 8u;

	hs->plain_len = n;
	if (rsn_crypto_aes_unwrap(ptk->kek, ptk->kek_len, k->key_data, k->key_data_len, hs->plain))
		return handshake_fail(hs, RSN_FAIL_KEY_DATA);
	if (kde_parse(hs->plain, n, kde) != KDE_OK)
		return handshake_fail(hs, RSN_FAIL_KEY_DATA);
	return RSN_RX_OK;
}

/* GTK/IGTK from the KDEs: required and of the right length. */
static enum rsn_rx handshake_group_keys_check(struct rsn_hs *hs, const struct kde_info *kde,
					      bool need_igtk)
{
	if (!kde->gtk)
		return handshake_fail(hs, RSN_FAIL_NO_GTK);
	if (kde->gtk_len != hs->gtk_len)
		return handshake_fail(hs, RSN_FAIL_GTK_LEN);
	if (!hs->mfp)
		return RSN_RX_OK;
	if (!kde->igtk)
		return need_igtk ? handshake_fail(hs, RSN_FAIL_NO_IGTK) : RSN_RX_OK;
	if (kde->igtk_len != hs->igtk_len)
		return handshake_fail(hs, RSN_FAIL_IGTK_LEN);
	return RSN_RX_OK;
}

/* Install GTK then IGTK unless identical to the installed ones (KRACK, 12.7.7). */
static enum rsn_rx handshake_group_keys_install(struct rsn_hs *hs, const struct kde_info *kde,
						const uint8_t *rsc)
{
	if (hs->gtk_set_len == kde->gtk_len && !CRYPTO_memcmp(hs->gtk, kde->gtk, kde->gtk_len)) {
		hs->stats.gtk_reinstall_skipped++;
	} else {
		if (hs->ops->install_gtk(hs->ctx, hs->group, kde->gtk_idx, kde->gtk, kde->gtk_len,
					 rsc))
			return handshake_fail(hs, RSN_FAIL_INSTALL_GTK);
		memcpy(hs->gtk, kde->gtk, kde->gtk_len);
		hs->gtk_set_len = kde->gtk_len;
		hs->stats.gtk_installs++;
	}
	if (!hs->mfp || !kde->igtk)
		return RSN_RX_OK;
	if (hs->igtk_set_len == kde->igtk_len &&
	    !CRYPTO_memcmp(hs->igtk, kde->igtk, kde->igtk_len)) {
		hs->stats.igtk_reinstall_skipped++;
		return RSN_RX_OK;
	}
	if (hs->ops->install_igtk(hs->ctx, hs->group_mgmt, kde->igtk_idx, kde->igtk, kde->igtk_len,
				  kde->igtk_ipn))
		return handshake_fail(hs, RSN_FAIL_INSTALL_IGTK);
	memcpy(hs->igtk, kde->igtk, kde->igtk_len);
	hs->igtk_set_len = kde->igtk_len;
	hs->stats.igtk_installs++;
	return RSN_RX_OK;
}

/*
 * 12.7.6.4 checks on message 3's Key Data: RSNE/RSNXE downgrade, GTK, IGTK.
 *
 * The downgrade check: IEEE 802.11-2020 12.7.6.4 has the supplicant verify the RSNE
 * of message 3 against the one the AP advertised; "if it is not identical to that the
 * STA received in the Beacon or Probe Response frame, the STA shall disassociate." The
 * comparison is bitwise over the whole element (length first, then every octet), not
 * a semantic one: a forged Beacon that offered weaker suites is caught here, because
 * message 3 is protected by the MIC. Failing the handshake makes the plugin report the
 * failure and the host disassociates.
 */
static enum rsn_rx handshake_msg3_key_data_check(struct rsn_hs *hs, const struct kde_info *kde)
{
	struct rsn_ie second;

	if (!kde->n_rsne)
		return handshake_fail(hs, RSN_FAIL_NO_RSNE);
	if (kde->rsne_len[0] != hs->ap_rsne_len ||
	    memcmp(kde->rsne[0], hs->ap_rsne, hs->ap_rsne_len) != 0)
		return handshake_fail(hs, RSN_FAIL_RSNE_MISMATCH);
	/* an optional second RSNE names the pairwise cipher: it must be ours */
	if (kde->n_rsne == 2 &&
	    (rsn_ie_parse(kde->rsne[1], kde->rsne_len[1], &second) != RSN_IE_OK ||
	     second.n_pairwise != 1 || second.pairwise[0] != hs->pairwise))
		return handshake_fail(hs, RSN_FAIL_RSNE_MISMATCH);
	if (kde->rsnxe_len != hs->ap_rsnxe_len ||
	    (kde->rsnxe && memcmp(kde->rsnxe, hs->ap_rsnxe, hs->ap_rsnxe_len) != 0))
		return handshake_fail(hs, RSN_FAIL_RSNXE_MISMATCH);
	return handshake_group_keys_check(hs, kde, true);
}

/* 12.7.6.4/12.7.6.5: message 3 -> message 4 first, then PTK, GTK, IGTK. */
static enum rsn_rx handshake_rx_msg3(struct rsn_hs *hs, const struct eapol_key *k)
{
	const uint16_t need = EAPOL_KEY_INFO_INSTALL | EAPOL_KEY_INFO_SECURE |
			      EAPOL_KEY_INFO_ENCR_DATA;
	struct kde_info kde;
	bool retransmit;
	enum rsn_rx r;

	if ((k->key_info & need) != need)
		return handshake_drop(hs, RSN_DROP_KEY_INFO);
	if (k->key_len != hs->tk_len)
		return handshake_drop(hs, RSN_DROP_KEY_LENGTH);
	if (k->key_data_len < 24 || k->key_data_len % 8 || k->key_data_len > KEY_DATA_MAX)
		return handshake_drop(hs, RSN_DROP_KEY_DATA_LEN);
	/*
	 * A retransmitted message 3 of the completed handshake (the AP did not get our
	 * message 4). IEEE 802.11-2020 12.7.6.4: it carries the ANonce of message 1 and is
	 * checked with the PTK derived from that ANonce and our SNonce, so the SNonce is
	 * the same one (message 1 was not repeated, no new SNonce was drawn). The answer is
	 * message 4 again; the PTK, GTK and IGTK are not installed a second time, which
	 * would reset their packet numbers (the key reinstallation attack).
	 */
	retransmit = hs->state == HS_ESTABLISHED;
	if (hs->state == HS_WAIT_MSG1)
		return handshake_drop(hs, RSN_DROP_UNEXPECTED);
	if (memcmp(k->nonce, retransmit ? hs->ptk_anonce : hs->anonce, 32) != 0)
		return handshake_drop(hs, RSN_DROP_ANONCE);
	if (!handshake_replay_ok(hs, k))
		return handshake_drop(hs, RSN_DROP_REPLAY);
	r = handshake_mic_accept(hs, k, retransmit ? hs->ptk.kck : hs->tptk.kck);
	if (r != RSN_RX_OK)
		return r;
	if (retransmit) {
		hs->stats.msg3_retransmits++;
		if (handshake_send_key(hs, &hs->ptk, EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_SECURE,
				       k->replay, NULL, NULL, 0))
			return handshake_fail(hs, RSN_FAIL_TX);
		hs->stats.msg4_sent++;
		return RSN_RX_OK;
	}
	r = handshake_key_data_open(hs, k, &hs->tptk, &kde);
	if (r == RSN_RX_OK)
		r = handshake_msg3_key_data_check(hs, &kde);
	if (r != RSN_RX_OK)
		return r;
	/*
	 * The key-install order. IEEE 802.11-2020 12.7.6.4 lists the supplicant's steps on
	 * a valid message 3: construct and send message 4, and then have the MAC use the
	 * PTK (MLME-SETKEYS.request) for individually addressed frames; 12.7.6.5 has the
	 * authenticator install its PTK on receiving message 4. Message 4 therefore goes out
	 * before the new PTK exists (ops->tx returns once the host has queued the frame to
	 * the driver), and only then is the PTK installed, then GTK and IGTK
	 * (12.6.*: the GTKSA and IGTKSA come from message 3's Key Data).
	 */
	if (handshake_send_key(hs, &hs->tptk, EAPOL_KEY_INFO_PAIRWISE | EAPOL_KEY_INFO_SECURE,
			       k->replay, NULL, NULL, 0))
		return handshake_fail(hs, RSN_FAIL_TX);
	hs->stats.msg4_sent++;
	if (hs->ops->install_ptk(hs->ctx, hs->pairwise, hs->tptk.tk, hs->tptk.tk_len))
		return handshake_fail(hs, RSN_FAIL_INSTALL_PTK);
	hs->stats.ptk_installs++;
	hs->ptk = hs->tptk;
	hs->ptk_set = true;
	memcpy(hs->ptk_anonce, hs->anonce, 32);
	OPENSSL_cleanse(&hs->tptk, sizeof(hs->tptk));
	/* the GTK's RSC is the Key RSC field (12.7.2); 6 octets are used by CCMP/GCMP */
	r = handshake_group_keys_install(hs, &kde, k->rsc);
	handshake_plain_clear(hs);
	if (r != RSN_RX_OK)
		return r;
	hs->state = HS_ESTABLISHED;
	hs->ops->timer_cancel(hs->ctx);
	if (!hs->rekey && hs->ops->established)
		hs->ops->established(hs->ctx);
	hs->rekey = false;
	return RSN_RX_OK;
}

/* 12.7.7.2/12.7.7.3: group message 1 -> install new GTK/IGTK, then group message 2. */
static enum rsn_rx handshake_rx_group1(struct rsn_hs *hs, const struct eapol_key *k)
{
	const uint16_t need = EAPOL_KEY_INFO_SECURE | EAPOL_KEY_INFO_ENCR_DATA;
	struct kde_info kde;
	enum rsn_rx r;

	if ((k->key_info & need) != need || (k->key_info & EAPOL_KEY_INFO_INSTALL))
		return handshake_drop(hs, RSN_DROP_KEY_INFO);
	if (k->key_data_len < 24 || k->key_data_len % 8 || k->key_data_len > KEY_DATA_MAX)
		return handshake_drop(hs, RSN_DROP_KEY_DATA_LEN);
	if (!hs->ptk_set)
		return handshake_drop(hs, RSN_DROP_UNEXPECTED);
	if (!handshake_replay_ok(hs, k))
		return handshake_drop(hs, RSN_DROP_REPLAY);
	r = handshake_mic_accept(hs, k, hs->ptk.kck);
	if (r != RSN_RX_OK)
		return r;
	r = handshake_key_data_open(hs, k, &hs->ptk, &kde);
	if (r == RSN_RX_OK)
		r = handshake_group_keys_check(hs, &kde, false);
	if (r == RSN_RX_OK)
		r = handshake_group_keys_install(hs, &kde, k->rsc);
	handshake_plain_clear(hs);
	if (r != RSN_RX_OK)
		return r;
	if (handshake_send_key(hs, &hs->ptk, EAPOL_KEY_INFO_SECURE, k->replay, NULL, NULL, 0))
		return handshake_fail(hs, RSN_FAIL_TX);
	hs->stats.group2_sent++;
	return RSN_RX_OK;
}

enum rsn_rx rsn_hs_rx(struct rsn_hs *hs, const uint8_t *frame, size_t len)
{
	const uint16_t bad = EAPOL_KEY_INFO_ERROR | EAPOL_KEY_INFO_REQUEST | EAPOL_KEY_INFO_SMK;
	struct eapol_key k;

	if (hs->state == HS_FAILED)
		return handshake_drop(hs, RSN_DROP_AFTER_FAILURE);
	if (len > RSN_HS_MAX_FRAME ||
	    eapol_key_parse(frame, len, hs->akm->mic_len, &k) != EAPOL_KEY_OK)
		return handshake_drop(hs, RSN_DROP_MALFORMED);
	if (eapol_key_info_version(k.key_info) != hs->akm->desc_version)
		return handshake_drop(hs, RSN_DROP_DESC_VERSION);
	/* every AP message has Ack; Error/Request/SMK are supplicant-to-AP only */
	if (!(k.key_info & EAPOL_KEY_INFO_ACK) || (k.key_info & bad))
		return handshake_drop(hs, RSN_DROP_KEY_INFO);
	if (k.key_info & EAPOL_KEY_INFO_PAIRWISE) {
		/* 12.7.2: Key Index bits are reserved (0) in pairwise messages */
		if (k.key_info & EAPOL_KEY_INFO_RESERVED)
			return handshake_drop(hs, RSN_DROP_KEY_INFO);
		return (k.key_info & EAPOL_KEY_INFO_MIC) ? handshake_rx_msg3(hs, &k)
							 : handshake_rx_msg1(hs, &k);
	}
	if (!(k.key_info & EAPOL_KEY_INFO_MIC))
		return handshake_drop(hs, RSN_DROP_KEY_INFO);
	return handshake_rx_group1(hs, &k);
}

/*
 * A 4-way handshake on an established association that never got a valid message 3.
 * Message 1 carries no MIC (IEEE 802.11-2020 12.7.6.2: "the Key MIC field is 0"), so
 * anyone on the air can send one: it must not be able to tear down a working link by
 * letting the handshake it started run into the timeout. The attempt is abandoned: its
 * nonces and temporal PTK are cleared and the installed PTK, GTK and IGTK stay in use,
 * exactly as if message 1 had never arrived. A genuine rekey the AP never completes is
 * the AP's to end (it deauthenticates when its own retries run out, 12.7.6.1).
 */
static void handshake_rekey_abandon(struct rsn_hs *hs)
{
	OPENSSL_cleanse(&hs->tptk, sizeof(hs->tptk));
	OPENSSL_cleanse(hs->anonce, sizeof(hs->anonce));
	OPENSSL_cleanse(hs->snonce, sizeof(hs->snonce));
	hs->rekey = false;
	hs->state = HS_ESTABLISHED;
	hs->stats.rekeys_abandoned++;
}

void rsn_hs_timeout(struct rsn_hs *hs)
{
	switch (hs->state) {
	case HS_WAIT_MSG1:
		handshake_fail(hs, RSN_FAIL_TIMEOUT_MSG1);
		return;
	case HS_WAIT_MSG3:
		if (hs->rekey) {
			handshake_rekey_abandon(hs);
			return;
		}
		handshake_fail(hs, RSN_FAIL_TIMEOUT_MSG3);
		return;
	case HS_ESTABLISHED:
	case HS_FAILED:
		return; /* a stale timer */
	}
}
