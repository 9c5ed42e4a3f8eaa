// SPDX-License-Identifier: BSD-3-Clause
/*
 * The engine's operations (struct rsn_hs_ops) over the host's services: EAPOL frames out
 * through Dot11ExtSendPacket, the PTK through Dot11ExtSetKeyMappingKey, group keys through
 * Dot11ExtSetDefaultKey; and the post-association result they lead to.
 */
#include "rsn/plugin-state.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "rsn/crypto.h"
#include "rsn/reason.h"

DOT11_CIPHER_ALGORITHM rsn_plugin_cipher_algo(uint32_t suite)
{
	switch (suite) {
	case RSN_CIPHER_TKIP:
		return DOT11_CIPHER_ALGO_TKIP;
	case RSN_CIPHER_CCMP_128:
		return DOT11_CIPHER_ALGO_CCMP;
	case RSN_CIPHER_GCMP_128:
		return DOT11_CIPHER_ALGO_GCMP;
	case RSN_CIPHER_GCMP_256:
		return DOT11_CIPHER_ALGO_GCMP_256;
	case RSN_CIPHER_CCMP_256:
		return DOT11_CIPHER_ALGO_CCMP_256;
	case RSN_CIPHER_BIP_CMAC_128:
		return DOT11_CIPHER_ALGO_BIP;
	case RSN_CIPHER_BIP_GMAC_128:
		return DOT11_CIPHER_ALGO_BIP_GMAC_128;
	case RSN_CIPHER_BIP_GMAC_256:
		return DOT11_CIPHER_ALGO_BIP_GMAC_256;
	case RSN_CIPHER_BIP_CMAC_256:
		return DOT11_CIPHER_ALGO_BIP_CMAC_256;
	default:
		return DOT11_CIPHER_ALGO_NONE;
	}
}

DWORD rsn_plugin_mfp_linux(enum rsn_mfp mfp)
{
	switch (mfp) {
	case RSN_MFP_NONE:
		return DOT11EXT_LINUX_MFP_NONE;
	case RSN_MFP_OPTIONAL:
		return DOT11EXT_LINUX_MFP_CAPABLE;
	case RSN_MFP_REQUIRED:
		return DOT11EXT_LINUX_MFP_REQUIRED;
	}
	return DOT11EXT_LINUX_MFP_NONE;
}

/*
 * The key blob of DOT11_KEY_ALGO_CCMP / _GCMP / _GCMP_256 / _BIP (all the same layout):
 * 6-octet counter (PN0 first, as in the EAPOL-Key RSC field), ULONG key length at offset 8,
 * the key at offset 12 (contract §6.7). Written with memcpy: ucKey is not aligned.
 */
#define KEY_BLOB_HDR offsetof(DOT11_KEY_ALGO_CCMP, ucCCMPKey)

/* the larger of the two layouts: TKIP's 16-octet header */
#define KEY_BLOB_MAX (16 + 32)

static size_t rsn_plugin_key_blob(uint8_t *out, const uint8_t *ctr6, const uint8_t *key, size_t len)
{
	ULONG l = (ULONG)len;

	memset(out, 0, KEY_BLOB_HDR);
	if (ctr6)
		memcpy(out, ctr6, 6);
	memcpy(out + offsetof(DOT11_KEY_ALGO_CCMP, ulCCMPKeyLength), &l, sizeof(l));
	memcpy(out + KEY_BLOB_HDR, key, len);
	return KEY_BLOB_HDR + len;
}

/*
 * The key blob of DOT11_KEY_ALGO_TKIP_MIC (contract §6.7): 6-octet counter, ULONG TKIP key
 * length (16) at offset 8, ULONG MIC key length (16) at offset 12, then the keys at offset 16
 * in the order wlanihv-types.h gives for a Linux station: TK, Tx MIC key, Rx MIC key
 * (NL80211_TKIP_DATA_OFFSET_TX_MIC_KEY 16, _RX_MIC_KEY 24).
 *
 * The key as the Authenticator hands it over (IEEE 802.11-2020 12.7.1.3 and 12.7.1.4, the
 * TKIP temporal key) has its Michael keys the other way round: octets 16..23 are the key for
 * MSDUs from the Authenticator (what this station receives), octets 24..31 the key for MSDUs
 * from the Supplicant (what it sends). So the two halves swap; len must be 32.
 */
#define TKIP_BLOB_HDR offsetof(DOT11_KEY_ALGO_TKIP_MIC, ucTKIPMICKeys)

size_t rsn_plugin_tkip_blob(uint8_t *out, const uint8_t *ctr6, const uint8_t key[32])
{
	ULONG tl = 16, ml = 16;

	memset(out, 0, TKIP_BLOB_HDR);
	if (ctr6)
		memcpy(out, ctr6, 6);
	memcpy(out + offsetof(DOT11_KEY_ALGO_TKIP_MIC, ulTKIPKeyLength), &tl, sizeof(tl));
	memcpy(out + offsetof(DOT11_KEY_ALGO_TKIP_MIC, ulMICKeyLength), &ml, sizeof(ml));
	memcpy(out + TKIP_BLOB_HDR, key, 16);
	memcpy(out + TKIP_BLOB_HDR + 16, key + 24, 8); /* Supplicant -> Authenticator: Tx */
	memcpy(out + TKIP_BLOB_HDR + 24, key + 16, 8); /* Authenticator -> Supplicant: Rx */
	return TKIP_BLOB_HDR + 32;
}

void rsn_plugin_post_result(struct adapter *a, DWORD reason, DWORD error)
{
	a->post_ready = true;
	a->post_reason = reason;
	a->post_error = error;
}

/*
 * Deliver a waiting result. Last thing a caller does: the host may re-enter us. With
 * ERROR_SUCCESS the host authorizes the port, with anything else it stays closed (contract
 * rule 37); a later result on the same live session changes that again (rule 38).
 */
void rsn_plugin_post_deliver(struct adapter *a)
{
	if (!a->post_ready || a->state != ST_POST)
		return;
	a->post_ready = false;
	a->post_completed = true;
	if (a->post_error == ERROR_SUCCESS)
		LOG(INFO, "port authorized");
	else
		LOG(WARN, "post-association failed: 0x%x %s", a->post_reason,
		    rsn_reason_str(a->post_reason));
	rsn_plugin_g.api.Dot11ExtPostAssociateCompletion(a->svc, a->security_session, &a->aa,
							 a->post_reason, a->post_error);
}

void rsn_plugin_hs_stop(struct adapter *a)
{
	if (!a->hs)
		return;
	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->hs_timer);
	a->last = *rsn_hs_stats(a->hs);
	rsn_hs_free(a->hs);
	a->hs = NULL;
}

/*
 * One EAPOL frame out. Called from inside ReceivePacket as the engine answers a message,
 * which contract rule 48 allows; each accepted buffer stays ours until its
 * SendPacketCompletion, which comes exactly once (rule 46).
 */
static int rsn_plugin_op_tx(void *ctx, const uint8_t *eapol, size_t len)
{
	struct adapter *a = ctx;
	struct pkt *p = malloc(sizeof(*p) + offsetof(DOT11_SECURITY_PACKET_HEADER, Data) + len);
	DWORD err;

	if (!p)
		return -1;
	/* DOT11_SECURITY_PACKET_HEADER: destination, big-endian EtherType, EAPOL (§6.6) */
	memcpy(p->buf, a->aa, 6);
	p->buf[6] = ETHERTYPE_EAPOL >> 8;
	p->buf[7] = ETHERTYPE_EAPOL & 0xff;
	memcpy(p->buf + 8, eapol, len);
	p->len = 8 + len;
	p->a = a;
	p->next = rsn_plugin_g.pkts;
	rsn_plugin_g.pkts = p;
	err = rsn_plugin_g.api.Dot11ExtSendPacket(a->svc, (ULONG)p->len, p->buf, p);
	if (err != ERROR_SUCCESS) {
		LOG(WARN, "Dot11ExtSendPacket failed: %u", err);
		if (rsn_plugin_pkt_unlink(p)) /* not accepted: no completion will come (rule 46) */
			free(p);
		return -1;
	}
	return 0;
}

static int rsn_plugin_op_install_ptk(void *ctx, uint32_t suite, const uint8_t *tk, size_t len)
{
	struct adapter *a = ctx;
	union {
		DOT11_CIPHER_KEY_MAPPING_KEY_VALUE k;
		uint8_t b[offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) + KEY_BLOB_MAX];
	} u;
	DWORD err;

	/* TKIP is a group cipher only here */
	if (len > 32 || suite == RSN_CIPHER_TKIP ||
	    rsn_plugin_cipher_algo(suite) == DOT11_CIPHER_ALGO_NONE)
		return -1;
	memset(&u, 0, sizeof(u));
	memcpy(u.k.PeerMacAddr, a->aa, 6);
	u.k.AlgorithmId = rsn_plugin_cipher_algo(suite);
	u.k.Direction = DOT11_DIR_BOTH;
	u.k.bDelete = FALSE;
	u.k.bStatic = FALSE;
	u.k.usKeyLength = (USHORT)rsn_plugin_key_blob(
		u.b + offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey), NULL, tk, len);
	err = rsn_plugin_g.api.Dot11ExtSetKeyMappingKey(a->svc, &u.k);
	OPENSSL_cleanse(&u, sizeof(u));
	if (err != ERROR_SUCCESS)
		LOG(WARN, "Dot11ExtSetKeyMappingKey failed: %u", err);
	return err == ERROR_SUCCESS ? 0 : -1;
}

/*
 * Group keys: default keys (contract §4.7) with MacAddr zero, which makes them group keys
 * (contract rule 52), receive only, since DOT11_DIR_OUTBOUND is refused (rule 51), and
 * bStatic FALSE so that the host drops them at disconnect or roam (rule 53).
 */
static int rsn_plugin_default_key_set(struct adapter *a, uint32_t suite, ULONG index,
				      const uint8_t *key, size_t len, const uint8_t ctr[6])
{
	union {
		DOT11_CIPHER_DEFAULT_KEY_VALUE k;
		uint8_t b[offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) + KEY_BLOB_MAX];
	} u;
	DWORD err;

	if (len > 32 || (suite == RSN_CIPHER_TKIP && len != 32) ||
	    rsn_plugin_cipher_algo(suite) == DOT11_CIPHER_ALGO_NONE)
		return -1;
	memset(&u, 0, sizeof(u));
	u.k.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	u.k.Header.Revision = DOT11_CIPHER_DEFAULT_KEY_VALUE_REVISION_1;
	u.k.Header.Size = sizeof(DOT11_CIPHER_DEFAULT_KEY_VALUE);
	u.k.uKeyIndex = index;
	u.k.AlgorithmId = rsn_plugin_cipher_algo(suite);
	u.k.bDelete = FALSE;
	u.k.bStatic = FALSE;
	if (suite == RSN_CIPHER_TKIP)
		u.k.usKeyLength = (USHORT)rsn_plugin_tkip_blob(
			u.b + offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey), ctr, key);
	else
		u.k.usKeyLength = (USHORT)rsn_plugin_key_blob(
			u.b + offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey), ctr, key, len);
	err = rsn_plugin_g.api.Dot11ExtSetDefaultKey(a->svc, &u.k, DOT11_DIR_INBOUND);
	OPENSSL_cleanse(&u, sizeof(u));
	if (err != ERROR_SUCCESS)
		LOG(WARN, "Dot11ExtSetDefaultKey(index %u) failed: %u", index, err);
	return err == ERROR_SUCCESS ? 0 : -1;
}

/* uKeyIndex is the 802.11 Key ID (0..3; 4/5 for BIP), as the GTK/IGTK KDE carries it. */
static int rsn_plugin_op_install_gtk(void *ctx, uint32_t suite, uint8_t key_idx, const uint8_t *key,
				     size_t len, const uint8_t rsc[6])
{
	return rsn_plugin_default_key_set(ctx, suite, key_idx, key, len, rsc);
}

static int rsn_plugin_op_install_igtk(void *ctx, uint32_t suite, uint16_t key_idx,
				      const uint8_t *key, size_t len, const uint8_t ipn[6])
{
	return rsn_plugin_default_key_set(ctx, suite, key_idx, key, len, ipn);
}

static void rsn_plugin_op_established(void *ctx)
{
	rsn_plugin_post_result(ctx, L2_REASON_CODE_SUCCESS, ERROR_SUCCESS);
}

static void rsn_plugin_op_failed(void *ctx, enum rsn_fail why)
{
	uint32_t reason = rsn_reason_from_fail(why);

	LOG(WARN, "handshake failed: %s", rsn_fail_str(why));
	rsn_plugin_post_result(ctx, reason, rsn_reason_win32(reason));
}

static void rsn_plugin_op_timer_arm(void *ctx, uint32_t ms)
{
	struct adapter *a = ctx;

	rsn_plugin_g.lx.Dot11ExtLinuxTimerArm(a->hs_timer, ms);
}

static void rsn_plugin_op_timer_cancel(void *ctx)
{
	struct adapter *a = ctx;

	rsn_plugin_g.lx.Dot11ExtLinuxTimerCancel(a->hs_timer);
}

const struct rsn_hs_ops rsn_plugin_hs_ops = {
	.tx = rsn_plugin_op_tx,
	.install_ptk = rsn_plugin_op_install_ptk,
	.install_gtk = rsn_plugin_op_install_gtk,
	.install_igtk = rsn_plugin_op_install_igtk,
	.established = rsn_plugin_op_established,
	.failed = rsn_plugin_op_failed,
	.timer_arm = rsn_plugin_op_timer_arm,
	.timer_cancel = rsn_plugin_op_timer_cancel,
};
