/*
 * Key and default-key calls turned into driver commands (contract §4.7-4.9,
 * contract rules 51-55), with a record of what is installed (the no-encrypt decision
 * of SendPacket; contract rule 53 on disconnect).
 */
#include <errno.h>
#include <string.h>

#include "core/ihv-core.h"
#include "common/log.h"
#include "core/rsne.h"

#define MAX_KEY_BLOB 512

static uint32_t keys_get_ulong(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static bool keys_mac_is_zero(const uint8_t *m)
{
	static const uint8_t z[6];

	return !memcmp(m, z, 6);
}

struct key_blob {
	uint32_t suite;
	const uint8_t *key;
	size_t key_len;
	const uint8_t *seq;
	size_t seq_len;
};

static size_t keys_cipher_key_len(uint32_t algo)
{
	switch (algo) {
	case DOT11_CIPHER_ALGO_CCMP:
	case DOT11_CIPHER_ALGO_GCMP:
	case DOT11_CIPHER_ALGO_BIP:
	case DOT11_CIPHER_ALGO_BIP_GMAC_128:
		return 16;
	case DOT11_CIPHER_ALGO_CCMP_256:
	case DOT11_CIPHER_ALGO_GCMP_256:
	case DOT11_CIPHER_ALGO_BIP_GMAC_256:
	case DOT11_CIPHER_ALGO_BIP_CMAC_256:
		return 32;
	}
	return 0;
}

static bool keys_seq_is_zero(const uint8_t *s)
{
	static const uint8_t z[6];

	return !memcmp(s, z, 6);
}

/* Parse a DOT11_KEY_ALGO_* blob (contract §6.7). ERROR_* value. */
static uint32_t keys_blob_parse(uint32_t algo, const uint8_t *blob, size_t len,
			       struct key_blob *kb)
{
	memset(kb, 0, sizeof(*kb));
	kb->suite = ihv_cipher_suite(algo);
	switch (algo) {
	case DOT11_CIPHER_ALGO_WEP40:
	case DOT11_CIPHER_ALGO_WEP104:
	case DOT11_CIPHER_ALGO_WEP:
		/* WEP keys are raw */
		if (len == 5)
			kb->suite = 0x000fac01;
		else if (len == 13)
			kb->suite = 0x000fac05;
		else
			return ERROR_INVALID_PARAMETER;
		kb->key = blob;
		kb->key_len = len;
		return ERROR_SUCCESS;
	case DOT11_CIPHER_ALGO_TKIP: {
		uint32_t tl, ml;

		if (len < 16)
			return ERROR_INVALID_PARAMETER;
		tl = keys_get_ulong(blob + 8);
		ml = keys_get_ulong(blob + 12);
		if (tl != 16 || ml != 16 || len < 16 + 32)
			return ERROR_INVALID_PARAMETER;
		kb->key = blob + 16;
		kb->key_len = 32;
		kb->seq = blob;
		kb->seq_len = 6;
		return ERROR_SUCCESS;
	}
	case DOT11_CIPHER_ALGO_CCMP:
	case DOT11_CIPHER_ALGO_GCMP:
	case DOT11_CIPHER_ALGO_CCMP_256:
	case DOT11_CIPHER_ALGO_GCMP_256:
	case DOT11_CIPHER_ALGO_BIP:
	case DOT11_CIPHER_ALGO_BIP_GMAC_128:
	case DOT11_CIPHER_ALGO_BIP_GMAC_256:
	case DOT11_CIPHER_ALGO_BIP_CMAC_256: {
		/* { UCHAR ucIV48Counter[6] (or ucIPN); ULONG len; UCHAR key[] } */
		uint32_t kl;

		if (len < 12)
			return ERROR_INVALID_PARAMETER;
		kl = keys_get_ulong(blob + 8);
		if (kl != keys_cipher_key_len(algo) || kl > len - 12)
			return ERROR_INVALID_PARAMETER;
		kb->key = blob + 12;
		kb->key_len = kl;
		kb->seq = blob;
		kb->seq_len = 6;
		return ERROR_SUCCESS;
	}
	}
	if (algo >= DOT11_CIPHER_ALGO_IHV_START)
		return ERROR_NOT_SUPPORTED; /* no vendor ciphers over nl80211 */
	return ERROR_INVALID_PARAMETER;
}

static void keys_rec_set(struct ihv_adapter *a, enum drv_key_type type, uint16_t idx,
		    const uint8_t *addr, bool is_static)
{
	struct ihv_keys *k = &a->keys;
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (k->rec[i].type == type && k->rec[i].idx == idx &&
		    (!addr || !memcmp(k->rec[i].addr, addr, 6)))
			break;
	}
	if (i == k->n) {
		if (k->n == IHV_MAX_KEYS)
			return;
		k->n++;
	}
	k->rec[i].type = type;
	k->rec[i].idx = idx;
	memset(k->rec[i].addr, 0, 6);
	if (addr)
		memcpy(k->rec[i].addr, addr, 6);
	k->rec[i].is_static = is_static;
}

static void keys_rec_del(struct ihv_adapter *a, enum drv_key_type type, uint16_t idx,
		    const uint8_t *addr)
{
	struct ihv_keys *k = &a->keys;
	size_t i;

	for (i = 0; i < k->n; i++) {
		if (k->rec[i].type == type && k->rec[i].idx == idx &&
		    (!addr || !memcmp(k->rec[i].addr, addr, 6))) {
			k->rec[i] = k->rec[--k->n];
			return;
		}
	}
}

/*
 * The window of a key call: a port (post-association) for every key; the
 * static default keys (SetDefaultKey, SetDefaultKeyId), which the contract
 * table allows from InitAdapter on, also during a pre-association.
 */
bool ihv_keys_call_allowed(const struct ihv_adapter *a, enum ihv_key_op op)
{
	switch (op) {
	case IHV_KEYOP_MAPPING:
		return a->port;
	case IHV_KEYOP_DEFAULT:
	case IHV_KEYOP_DEFAULT_ID:
		return a->port || a->phase == IHV_PHASE_PRE_ASSOCIATE;
	}
	return false;
}

bool ihv_keys_have_ptk(const struct ihv_adapter *a, const uint8_t addr[6])
{
	size_t i;

	for (i = 0; i < a->keys.n; i++)
		if (a->keys.rec[i].type == DRV_KEY_PAIRWISE &&
		    !memcmp(a->keys.rec[i].addr, addr, 6))
			return true;
	return false;
}

void ihv_keys_forget(struct ihv_adapter *a, bool only_dynamic)
{
	struct ihv_keys *k = &a->keys;
	size_t i = 0;

	while (i < k->n) {
		if (!only_dynamic || !k->rec[i].is_static)
			k->rec[i] = k->rec[--k->n];
		else
			i++;
	}
}

uint32_t ihv_keys_check_mapping(const DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *k)
{
	if (!k)
		return ERROR_INVALID_PARAMETER;
	if (k->usKeyLength > MAX_KEY_BLOB)
		return ERROR_INVALID_PARAMETER;
	if ((k->PeerMacAddr[0] & 1) || keys_mac_is_zero(k->PeerMacAddr))
		return ERROR_INVALID_PARAMETER;
	if (k->Direction != DOT11_DIR_BOTH && k->Direction != DOT11_DIR_INBOUND &&
	    k->Direction != DOT11_DIR_OUTBOUND)
		return ERROR_INVALID_PARAMETER;
	/* nl80211 pairwise keys are bidirectional (no Extended Key ID here) */
	if (!k->bDelete && k->Direction != DOT11_DIR_BOTH)
		return ERROR_NOT_SUPPORTED;
	return ERROR_SUCCESS;
}

uint32_t ihv_keys_check_default(const DOT11_CIPHER_DEFAULT_KEY_VALUE *k,
				uint32_t direction)
{
	if (!k)
		return ERROR_INVALID_PARAMETER;
	/* contract rule 51: DOT11_DIR_OUTBOUND is not allowed for default keys */
	if (direction != DOT11_DIR_INBOUND && direction != DOT11_DIR_BOTH)
		return ERROR_INVALID_PARAMETER;
	if (k->usKeyLength > MAX_KEY_BLOB)
		return ERROR_INVALID_PARAMETER;
	if (k->MacAddr[0] & 1)
		return ERROR_INVALID_PARAMETER;
	/* contract rule 52: a unicast MacAddr is a per-station default key (IBSS only) */
	if (!keys_mac_is_zero(k->MacAddr))
		return ERROR_NOT_SUPPORTED;
	if (ihv_cipher_is_bip(k->AlgorithmId)) {
		if (k->uKeyIndex != 4 && k->uKeyIndex != 5)
			return ERROR_INVALID_PARAMETER;
	} else if (k->AlgorithmId < DOT11_CIPHER_ALGO_IHV_START && k->uKeyIndex > 3) {
		return ERROR_INVALID_PARAMETER;
	}
	return ERROR_SUCCESS;
}

static uint32_t keys_drv_result(struct ihv_adapter *a, const char *what, int r)
{
	if (!r)
		return ERROR_SUCCESS;
	log_warn("%s: %s on %s failed: %s", ihv_plugin_label(), what, a->ifname,
		 strerror(-r));
	return ihv_win32_from_errno(r);
}

/*
 * Parse a key blob, check the radio has its cipher (contract rule 54) and
 * fill what a driver key needs from it; the caller adds seq and address.
 */
static uint32_t keys_drv_key_fill(struct ihv_adapter *a, const char *fn, uint32_t algo,
				  const uint8_t *blob, size_t len, enum drv_key_type type,
				  uint16_t idx, struct key_blob *kb, struct drv_key *dk)
{
	uint32_t e = keys_blob_parse(algo, blob, len, kb);

	if (e)
		return e;
	if (!kb->suite || !ihv_suite_listed(a->capa.ciphers, a->capa.n_ciphers, kb->suite)) {
		log_warn("%s: %s: cipher %u not supported by %s (contract rule 54)",
			 ihv_plugin_label(), fn, algo, a->ifname);
		return ERROR_NOT_SUPPORTED;
	}
	memset(dk, 0, sizeof(*dk));
	dk->type = type;
	dk->cipher_suite = kb->suite;
	dk->idx = idx;
	dk->key = kb->key;
	dk->key_len = kb->key_len;
	return ERROR_SUCCESS;
}

uint32_t ihv_keys_set_mapping(struct ihv_adapter *a,
			      const DOT11_CIPHER_KEY_MAPPING_KEY_VALUE *k,
			      size_t total_len)
{
	const struct drv_ops *ops = a->h->drv->ops;
	struct key_blob kb;
	struct drv_key dk;
	uint32_t e;
	int r;

	(void)total_len;
	e = ihv_keys_check_mapping(k);
	if (e)
		return e;
	if (k->bDelete) {
		r = ops->key_del(a->h->drv, a->ifindex, DRV_KEY_PAIRWISE, 0,
				 k->PeerMacAddr);
		keys_rec_del(a, DRV_KEY_PAIRWISE, 0, k->PeerMacAddr);
		return keys_drv_result(a, "deleting the pairwise key", r);
	}
	e = keys_drv_key_fill(a, "SetKeyMappingKey", k->AlgorithmId, k->ucKey,
			      k->usKeyLength, DRV_KEY_PAIRWISE, 0, &kb, &dk);
	if (e)
		return e;
	if (kb.seq && !keys_seq_is_zero(kb.seq)) {
		dk.seq = kb.seq;
		dk.seq_len = kb.seq_len;
	}
	dk.addr = k->PeerMacAddr;
	r = ops->key_new(a->h->drv, a->ifindex, &dk);
	if (!r)
		keys_rec_set(a, DRV_KEY_PAIRWISE, 0, k->PeerMacAddr, k->bStatic);
	return keys_drv_result(a, "installing the pairwise key", r);
}

uint32_t ihv_keys_set_default(struct ihv_adapter *a,
			      const DOT11_CIPHER_DEFAULT_KEY_VALUE *k,
			      size_t total_len, uint32_t direction)
{
	const struct drv_ops *ops = a->h->drv->ops;
	enum drv_key_type type;
	struct key_blob kb;
	struct drv_key dk;
	uint32_t e;
	int r;

	(void)total_len;
	e = ihv_keys_check_default(k, direction);
	if (e)
		return e;
	type = ihv_cipher_is_bip(k->AlgorithmId) ? DRV_KEY_IGTK : DRV_KEY_GROUP;
	if (k->bDelete) {
		r = ops->key_del(a->h->drv, a->ifindex, type, (uint16_t)k->uKeyIndex,
				 NULL);
		keys_rec_del(a, type, (uint16_t)k->uKeyIndex, NULL);
		return keys_drv_result(a, "deleting a group key", r);
	}
	e = keys_drv_key_fill(a, "SetDefaultKey", k->AlgorithmId, k->ucKey,
			      k->usKeyLength, type, (uint16_t)k->uKeyIndex, &kb, &dk);
	if (e)
		return e;
	dk.seq = kb.seq;
	dk.seq_len = kb.seq ? kb.seq_len : 0;
	dk.addr = NULL;
	/* DOT11_DIR_BOTH: also used to transmit, i.e. the default key */
	dk.set_default = direction == DOT11_DIR_BOTH;
	r = ops->key_new(a->h->drv, a->ifindex, &dk);
	if (!r)
		keys_rec_set(a, type, dk.idx, NULL, k->bStatic);
	return keys_drv_result(a, type == DRV_KEY_IGTK ? "installing the IGTK" :
			  "installing the group key", r);
}

uint32_t ihv_keys_set_default_id(struct ihv_adapter *a, uint32_t id)
{
	int r;

	/* contract rule 55: standard ciphers use key ids 0..3 */
	if (id > 3)
		return ERROR_INVALID_PARAMETER;
	r = a->h->drv->ops->key_default_set(a->h->drv, a->ifindex, (uint16_t)id,
					    true, true, false);
	return keys_drv_result(a, "setting the default key id", r);
}
