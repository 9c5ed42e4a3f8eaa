// SPDX-License-Identifier: BSD-3-Clause
/* DOT11_ASSOCIATION_COMPLETION_PARAMETERS (src/core/assoc-params.c; contract §6.5). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/assoc-params.h"

static const uint8_t bssid[6] = { 2, 0, 0, 0, 0, 9 };
static const uint8_t req[] = { 0x00, 0x01, 'x', 0x30, 0x02, 0x01, 0x00 };
static const uint8_t resp_wmm[] = { 0x01, 0x01, 0x82, 0xdd, 0x07, 0x00, 0x50, 0xf2,
				    0x02, 0x01, 0x01, 0x00 };
static const uint8_t beacon[] = { 0x00, 0x02, 'a', 'p', 0x30, 0x02, 0x01, 0x00, 0x07, 0x00 };

START_TEST(test_offsets_locate_each_ie_block)
{
	struct ihv_assoc_info ai = {
		.bssid = bssid, .req_ies = req, .req_ies_len = sizeof(req),
		.resp_ies = resp_wmm, .resp_ies_len = sizeof(resp_wmm),
		.beacon_ies = beacon, .beacon_ies_len = sizeof(beacon),
		.auth_algo = DOT11_AUTH_ALGO_RSNA_PSK,
		.unicast_cipher = DOT11_CIPHER_ALGO_CCMP,
		.multicast_cipher = DOT11_CIPHER_ALGO_CCMP,
		.multicast_mgmt_cipher = DOT11_CIPHER_ALGO_BIP,
	};
	DOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	size_t len;
	uint8_t *buf = ihv_assoc_params_build(&ai, &len);

	ck_assert_ptr_nonnull(buf);
	memcpy(&p, buf, sizeof(p));
	ck_assert_uint_eq(len, 96 + sizeof(req) + sizeof(resp_wmm) + sizeof(beacon));
	ck_assert_uint_eq(p.Header.Type, NDIS_OBJECT_TYPE_DEFAULT);
	ck_assert_uint_eq(p.Header.Revision, 2);
	ck_assert_uint_eq(p.Header.Size, 96);
	ck_assert_mem_eq(p.MacAddr, bssid, 6);
	ck_assert_uint_eq(p.uStatus, DOT11_ASSOC_STATUS_SUCCESS);
	ck_assert_uint_eq(p.uAssocReqSize, sizeof(req));
	ck_assert_mem_eq(buf + p.uAssocReqOffset, req, sizeof(req));
	ck_assert_uint_eq(p.uAssocRespSize, sizeof(resp_wmm));
	ck_assert_mem_eq(buf + p.uAssocRespOffset, resp_wmm, sizeof(resp_wmm));
	ck_assert_uint_eq(p.uBeaconSize, sizeof(beacon));
	ck_assert_mem_eq(buf + p.uBeaconOffset, beacon, sizeof(beacon));
	ck_assert_uint_eq(p.uBeaconOffset + p.uBeaconSize, len);
	ck_assert_uint_eq(p.uIHVDataSize, 0);
	ck_assert_uint_eq(p.AuthAlgo, DOT11_AUTH_ALGO_RSNA_PSK);
	ck_assert_uint_eq(p.UnicastCipher, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_uint_eq(p.MulticastMgmtCipher, DOT11_CIPHER_ALGO_BIP);
	ck_assert_uint_eq(p.bPortAuthorized, FALSE);
	ck_assert_uint_eq(p.ucActiveQoSProtocol, DOT11_QOS_PROTOCOL_FLAG_WMM);
	free(buf);
}
END_TEST

START_TEST(test_no_ies_and_wmm_detection)
{
	struct ihv_assoc_info ai = { .bssid = bssid };
	DOT11_ASSOCIATION_COMPLETION_PARAMETERS p;
	size_t len;
	uint8_t *buf = ihv_assoc_params_build(&ai, &len);

	ck_assert_uint_eq(len, 96);
	memcpy(&p, buf, sizeof(p));
	ck_assert_uint_eq(p.uAssocReqSize + p.uAssocRespSize + p.uBeaconSize, 0);
	ck_assert_uint_eq(p.ucActiveQoSProtocol, 0);
	free(buf);
	ck_assert(!ihv_ies_have_wmm(req, sizeof(req)));
	ck_assert(ihv_ies_have_wmm(resp_wmm, sizeof(resp_wmm)));
	/* a truncated element is no WMM element */
	ck_assert(!ihv_ies_have_wmm(resp_wmm, sizeof(resp_wmm) - 6));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("assoc-params");
	TCase *t = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(t, test_offsets_locate_each_ie_block);
	tcase_add_test(t, test_no_ies_and_wmm_detection);
	suite_add_tcase(s, t);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
