// SPDX-License-Identifier: BSD-3-Clause
/*
 * Key calls turned into driver keys (src/core/keys.c; contract §4.7-4.9,
 * §6.7): blob layouts per cipher, lengths, bookkeeping.
 */
#include "tests/unit/core/harness.h"

#define API ihv_service_apis

static struct hx X;
static uint8_t buf[256];

static void up(void)
{
	hx_open(&X, "tp-good");
	X.tp->install_keys = 0;
	hx_start(&X, "tp-good");
	hx_authorize(&X);
	sim_drv_calls_clear(X.sim);
}

static PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE ptk(uint32_t algo, const void *blob, size_t n)
{
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k = (void *)buf;

	memset(buf, 0, sizeof(buf));
	memcpy(k->PeerMacAddr, hx_ap_mac, 6);
	k->AlgorithmId = algo;
	k->Direction = DOT11_DIR_BOTH;
	k->usKeyLength = (USHORT)n;
	memcpy(k->ucKey, blob, n);
	return k;
}

/* { IV/IPN[6], pad[2], ULONG len, key } */
static size_t blob(uint8_t *out, uint32_t key_len, uint8_t fill, uint8_t seq0)
{
	memset(out, 0, 12 + key_len);
	out[0] = seq0;
	memcpy(out + 8, &key_len, 4);
	memset(out + 12, fill, key_len);
	return 12 + key_len;
}

START_TEST(test_ccmp_gcmp256_lengths)
{
	const struct sim_call *c;
	uint8_t b[64];
	size_t n;

	up();
	n = blob(b, 32, 0x5a, 0);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_GCMP_256, b, n)),
			  ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_NEW);
	ck_assert_uint_eq(c->cipher, 0x000fac09);
	ck_assert_uint_eq(c->key_len, 32);
	ck_assert_uint_eq(c->key[31], 0x5a);
	ck_assert_uint_eq(c->seq_len, 0); /* an all-zero counter is not passed */
	/* CCMP with a 32-byte key: wrong length for the cipher */
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_CCMP, b, n)),
			  ERROR_INVALID_PARAMETER);
	/* a blob shorter than its declared key */
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_GCMP_256, b, 20)),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_KEY_NEW), 1);
	hx_stop(&X);
}
END_TEST

START_TEST(test_tkip_and_wep_layouts)
{
	const struct sim_call *c;
	uint8_t b[64];
	uint32_t l = 16;

	up();
	memset(b, 0, sizeof(b));
	memcpy(b + 8, &l, 4);
	memcpy(b + 12, &l, 4);
	memset(b + 16, 0x01, 16);
	memset(b + 32, 0x02, 8);
	memset(b + 40, 0x03, 8);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_TKIP, b, 48)),
			  ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_NEW);
	ck_assert_uint_eq(c->cipher, 0x000fac02);
	ck_assert_uint_eq(c->key_len, 32);
	ck_assert_uint_eq(c->key[0], 0x01);
	ck_assert_uint_eq(c->key[16], 0x02);
	ck_assert_uint_eq(c->key[24], 0x03);
	/* WEP is a raw key of 5 or 13 bytes */
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_WEP, "abcde", 5)),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(sim_drv_last(X.sim, SIM_OP_KEY_NEW)->cipher, 0x000fac01);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_WEP104, "abcdefghijklm", 13)),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(sim_drv_last(X.sim, SIM_OP_KEY_NEW)->cipher, 0x000fac05);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_WEP, "abcdef", 6)),
			  ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_mapping_key_checks_and_delete)
{
	PDOT11_CIPHER_KEY_MAPPING_KEY_VALUE k;
	const struct sim_call *c;
	uint8_t b[64];
	size_t n;

	up();
	n = blob(b, 16, 0x11, 0);
	k = ptk(DOT11_CIPHER_ALGO_CCMP, b, n);
	k->Direction = DOT11_DIR_INBOUND; /* nl80211 pairwise keys are both ways */
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_NOT_SUPPORTED);
	k = ptk(DOT11_CIPHER_ALGO_CCMP, b, n);
	k->PeerMacAddr[0] = 0x01; /* group address */
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_INVALID_PARAMETER);
	k = ptk(DOT11_CIPHER_ALGO_IHV_START, b, n);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_NOT_SUPPORTED);
	k = ptk(DOT11_CIPHER_ALGO_CCMP, b, n);
	k->usKeyLength = 600;
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_KEY_NEW), 0);
	k = ptk(DOT11_CIPHER_ALGO_CCMP, b, n);
	k->bDelete = TRUE;
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc, k), ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_DEL);
	ck_assert_int_eq(c->key_type, DRV_KEY_PAIRWISE);
	ck_assert_mem_eq(c->addr, hx_ap_mac, 6);
	/* the driver refuses: the error reaches the plugin */
	sim_drv_fail(X.sim, SIM_OP_KEY_NEW, EINVAL, 1);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_CCMP, b, n)),
			  ERROR_INVALID_PARAMETER);
	hx_stop(&X);
}
END_TEST

START_TEST(test_keys_need_a_port)
{
	uint8_t b[64];
	size_t n = blob(b, 16, 0x11, 0);

	hx_open(&X, "tp-good");
	hx_start(&X, "tp-good");
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_CCMP, b, n)),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(sim_drv_call_count(X.sim, SIM_OP_KEY_NEW), 0);
	hx_stop(&X);
}
END_TEST

START_TEST(test_group_key_both_directions_sets_default)
{
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k = (void *)buf;
	const struct sim_call *c;
	uint8_t b[64];
	size_t n;

	up();
	n = blob(b, 16, 0x22, 0x05);
	memset(buf, 0, sizeof(buf));
	k->uKeyIndex = 2;
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	k->usKeyLength = (USHORT)n;
	memcpy(k->ucKey, b, n);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_BOTH), ERROR_SUCCESS);
	c = sim_drv_last(X.sim, SIM_OP_KEY_NEW);
	ck_assert_int_eq(c->key_type, DRV_KEY_GROUP);
	ck_assert_uint_eq(c->idx, 2);
	ck_assert(c->set_default);
	ck_assert_uint_eq(c->seq_len, 6);
	ck_assert_uint_eq(c->seq[0], 0x05);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_INBOUND),
			  ERROR_SUCCESS);
	ck_assert(!sim_drv_last(X.sim, SIM_OP_KEY_NEW)->set_default);
	hx_stop(&X);
}
END_TEST

/* The install counters: only keys the driver accepted count; deletions and refusals not. */
START_TEST(test_install_counters)
{
	PDOT11_CIPHER_DEFAULT_KEY_VALUE k = (void *)buf;
	struct ihv_adapter_status st;
	uint8_t b[64];
	size_t n;

	up();
	n = blob(b, 16, 0x11, 0);
	ck_assert_uint_eq(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_CCMP, b, n)),
			  ERROR_SUCCESS);
	sim_drv_fail(X.sim, SIM_OP_KEY_NEW, EINVAL, 1);
	ck_assert_uint_ne(API.Dot11ExtSetKeyMappingKey(X.tp->svc,
						       ptk(DOT11_CIPHER_ALGO_CCMP, b, n)),
			  ERROR_SUCCESS);
	memset(buf, 0, sizeof(buf));
	k->uKeyIndex = 1;
	k->AlgorithmId = DOT11_CIPHER_ALGO_CCMP;
	k->usKeyLength = (USHORT)n;
	memcpy(k->ucKey, b, n);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_BOTH), ERROR_SUCCESS);
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_BOTH), ERROR_SUCCESS);
	k->uKeyIndex = 4;
	k->AlgorithmId = DOT11_CIPHER_ALGO_BIP;
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_BOTH), ERROR_SUCCESS);
	k->bDelete = TRUE;
	ck_assert_uint_eq(API.Dot11ExtSetDefaultKey(X.tp->svc, k, DOT11_DIR_BOTH), ERROR_SUCCESS);
	ihv_adapter_status_get(X.a, &st);
	ck_assert_uint_eq(st.counters.ptk_installs, 1);
	ck_assert_uint_eq(st.counters.gtk_installs, 2);
	ck_assert_uint_eq(st.counters.igtk_installs, 1);
	hx_stop(&X);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("keys");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_set_timeout(t, 10);
	tcase_add_test(t, test_ccmp_gcmp256_lengths);
	tcase_add_test(t, test_tkip_and_wep_layouts);
	tcase_add_test(t, test_mapping_key_checks_and_delete);
	tcase_add_test(t, test_install_counters);
	tcase_add_test(t, test_keys_need_a_port);
	tcase_add_test(t, test_group_key_both_directions_sets_default);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
