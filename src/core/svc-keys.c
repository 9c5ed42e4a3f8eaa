/*
 * Services 11-16: algorithms and keys (contract §4.6-4.9; contract rules 51-55).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/ihv-core.h"
#include "core/service.h"
#include "common/log.h"

DWORD WINAPI ihv_svc_set_auth_algorithm(HANDLE svc, DWORD algo)
{
	struct ihv_rsn_choice c;
	struct ihv_adapter *a;
	DWORD rc = ERROR_SUCCESS;

	a = ihv_adapter_lock_svc(svc, "Dot11ExtSetAuthAlgorithm");
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (ihv_rsn_choose(algo, 0, 0, NULL, &c) < 0) {
		rc = ERROR_NOT_SUPPORTED;
	} else if (!c.open && !ihv_suite_listed(a->capa.akms, a->capa.n_akms, c.akm)) {
		rc = ERROR_NOT_SUPPORTED;
	}
	if (rc)
		log_warn("%s: contract rule 54: auth algorithm %#x not supported on %s",
			 a->h->name, algo, a->ifname);
	else
		a->auth_algo = algo;
	ihv_unlock();
	return rc;
}

static DWORD svc_keys_set_cipher(HANDLE svc, DWORD algo, bool unicast)
{
	const char *fn = unicast ? "Dot11ExtSetUnicastCipherAlgorithm" :
				   "Dot11ExtSetMulticastCipherAlgorithm";
	struct ihv_adapter *a;
	uint32_t suite = ihv_cipher_suite(algo);
	DWORD rc = ERROR_SUCCESS;

	a = ihv_adapter_lock_svc(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (algo == DOT11_CIPHER_ALGO_NONE)
		rc = ERROR_SUCCESS;
	else if (!suite || ihv_cipher_is_bip(algo) ||
		 !ihv_suite_listed(a->capa.ciphers, a->capa.n_ciphers, suite))
		rc = ERROR_NOT_SUPPORTED;
	if (rc) {
		log_warn("%s: contract rule 54: %s(%#x) not supported on %s", a->h->name,
			 fn, algo, a->ifname);
	} else if (unicast) {
		a->ucast_algo = algo;
	} else {
		a->mcast_algo = algo;
	}
	ihv_unlock();
	return rc;
}

DWORD WINAPI ihv_svc_set_unicast_cipher_algorithm(HANDLE svc, DWORD algo)
{
	return svc_keys_set_cipher(svc, algo, true);
}

DWORD WINAPI ihv_svc_set_multicast_cipher_algorithm(HANDLE svc, DWORD algo)
{
	return svc_keys_set_cipher(svc, algo, false);
}

/*
 * Common path: check the handle and that a port exists; on the loop thread
 * run op now, elsewhere queue a copy (the result is then logged, and the
 * call returns ERROR_SUCCESS: contract §12, our choice).
 */
static DWORD svc_keys_call(HANDLE svc, const char *fn, enum ihv_key_op op,
		      const void *key, size_t key_len, uint32_t arg)
{
	struct ihv_adapter *a;
	struct ihv_work *w;
	DWORD rc;

	a = ihv_adapter_lock_svc(svc, fn);
	if (!a)
		return ERROR_INVALID_HANDLE;
	if (!ihv_keys_call_allowed(a, op)) {
		log_warn("%s: %s with no port (keys are set during post-association; "
			 "default keys also during a pre-association)", a->h->name, fn);
		ihv_unlock();
		return ERROR_INVALID_STATE;
	}
	if (!ihv_on_loop_thread(a->h)) {
		w = ihv_work_new(IHV_WORK_KEY);
		if (!w || (key_len && !(w->data = malloc(key_len)))) {
			return ihv_work_refuse(w, ERROR_NOT_ENOUGH_MEMORY);
		}
		if (key_len)
			memcpy(w->data, key, key_len);
		w->len = key_len;
		w->keyop = op;
		w->arg = arg;
		return ihv_work_accept(a, w);
	}
	ihv_unlock();
	switch (op) {
	case IHV_KEYOP_MAPPING:
		rc = ihv_keys_set_mapping(a, key, key_len);
		break;
	case IHV_KEYOP_DEFAULT:
		rc = ihv_keys_set_default(a, key, key_len, arg);
		break;
	case IHV_KEYOP_DEFAULT_ID:
		rc = ihv_keys_set_default_id(a, arg);
		break;
	}
	return rc;
}

DWORD WINAPI ihv_svc_set_default_key(HANDLE svc, PDOT11_CIPHER_DEFAULT_KEY_VALUE k,
					DOT11_DIRECTION dir)
{
	DWORD rc = ihv_keys_check_default(k, dir);

	if (rc) {
		if (k && dir == DOT11_DIR_OUTBOUND)
			log_warn("%s: contract rule 51: SetDefaultKey with DOT11_DIR_OUTBOUND rejected",
				 ihv_plugin_label());
		else
			log_warn("%s: SetDefaultKey rejected (error %u)", ihv_plugin_label(), rc);
		return rc;
	}
	return svc_keys_call(svc, "Dot11ExtSetDefaultKey", IHV_KEYOP_DEFAULT, k,
			offsetof(DOT11_CIPHER_DEFAULT_KEY_VALUE, ucKey) + k->usKeyLength,
			dir);
}

DWORD WINAPI ihv_svc_set_key_mapping_key(HANDLE svc,
					    PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k)
{
	DWORD rc = ihv_keys_check_mapping(k);

	if (rc) {
		log_warn("%s: SetKeyMappingKey rejected (error %u)", ihv_plugin_label(), rc);
		return rc;
	}
	return svc_keys_call(svc, "Dot11ExtSetKeyMappingKey", IHV_KEYOP_MAPPING, k,
			offsetof(DOT11_CIPHER_KEY_MAPPING_KEY_VALUE, ucKey) + k->usKeyLength,
			0);
}

DWORD WINAPI ihv_svc_set_default_key_id(HANDLE svc, ULONG id)
{
	if (id > 3) {
		log_warn("%s: contract rule 55: SetDefaultKeyId(%u) outside 0..3",
			 ihv_plugin_label(), id);
		return ERROR_INVALID_PARAMETER;
	}
	return svc_keys_call(svc, "Dot11ExtSetDefaultKeyId", IHV_KEYOP_DEFAULT_ID, NULL, 0, id);
}
