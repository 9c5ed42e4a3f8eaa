// SPDX-License-Identifier: BSD-3-Clause
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

#include "rsn/sae-pwe.h"
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


/*
 * RFC 9380 Appendix J.1.1 / J.2.1 / J.3.1 (P256_XMD:SHA-256_SSWU_RO_, P384_XMD:SHA-384_SSWU_RO_,
 * P521_XMD:SHA-512_SSWU_RO_, msg = ""): Q0 = map_to_curve(u[0]), Q1 = map_to_curve(u[1]),
 * P = Q0 + Q1 -- the same construction as PT = SSWU(u1) + SSWU(u2) of 12.4.4.2.3.
 */
START_TEST(test_rfc9380_appendix_j_sswu)
{
	static const struct {
		uint16_t group;
		const char *u0, *u1, *q0x, *q0y, *q1x, *q1y, *px, *py;
	} v[] = {
		{ 19, "ad5342c66a6dd0ff080df1da0ea1c04b96e0330dd89406465eeba11582515009",
		  "8c0f1d43204bd6f6ea70ae8013070a1518b43873bcd850aafa0a9e220e2eea5a",
		  "ab640a12220d3ff283510ff3f4b1953d09fad35795140b1c5d64f313967934d5",
		  "dccb558863804a881d4fff3455716c836cef230e5209594ddd33d85c565b19b1",
		  "51cce63c50d972a6e51c61334f0f4875c9ac1cd2d3238412f84e31da7d980ef5",
		  "b45d1a36d00ad90e5ec7840a60a4de411917fbe7c82c3949a6e699e5a1b66aac",
		  "2c15230b26dbc6fc9a37051158c95b79656e17a1a920b11394ca91c44247d3e4",
		  "8a7a74985cc5c776cdfe4b1f19884970453912e9d31528c060be9ab5c43e8415" },
		{ 20,
		  "25c8d7dc1acd4ee617766693f7f8829396065d1b447eedb155871feffd9c6653279ac7e5c46edb7010a0e4ff64c9f3b4",
		  "59428be4ed69131df59a0c6a8e188d2d4ece3f1b2a3a02602962b47efa4d7905945b1e2cc80b36aa35c99451073521ac",
		  "e4717e29eef38d862bee4902a7d21b44efb58c464e3e1f0d03894d94de310f8ffc6de86786dd3e15a1541b18d4eb2846",
		  "6b95a6e639822312298a47526bb77d9cd7bcf76244c991c8cd70075e2ee6e8b9a135c4a37e3c0768c7ca871c0ceb53d4",
		  "509527cfc0750eedc53147e6d5f78596c8a3b7360e0608e2fab0563a1670d58d8ae107c9f04bcf90e89489ace5650efd",
		  "33337b13cb35e173fdea4cb9e8cce915d836ff57803dbbeb7998aa49d17df2ff09b67031773039d09fbd9305a1566bc4",
		  "eb9fe1b4f4e14e7140803c1d99d0a93cd823d2b024040f9c067a8eca1f5a2eeac9ad604973527a356f3fa3aeff0e4d83",
		  "0c21708cff382b7f4643c07b105c2eaec2cead93a917d825601e63c8f21f6abd9abc22c93c2bed6f235954b25048bb1a" },
		{ 21,
		  "01e5f09974e5724f25286763f00ce76238c7a6e03dc396600350ee2c4135fb17dc555be99a4a4bae0fd303d4f66d984ed7b6a3ba386093752a855d26d559d69e7e9e",
		  "00ae593b42ca2ef93ac488e9e09a5fe5a2f6fb330d18913734ff602f2a761fcaaf5f596e790bcc572c9140ec03f6cccc38f767f1c1975a0b4d70b392d95a0c7278aa",
		  "00b70ae99b6339fffac19cb9bfde2098b84f75e50ac1e80d6acb954e4534af5f0e9c4a5b8a9c10317b8e6421574bae2b133b4f2b8c6ce4b3063da1d91d34fa2b3a3c",
		  "007f368d98a4ddbf381fb354de40e44b19e43bb11a1278759f4ea7b485e1b6db33e750507c071250e3e443c1aaed61f2c28541bb54b1b456843eda1eb15ec2a9b36e",
		  "01143d0e9cddcdacd6a9aafe1bcf8d218c0afc45d4451239e821f5d2a56df92be942660b532b2aa59a9c635ae6b30e803c45a6ac871432452e685d661cd41cf67214",
		  "00ff75515df265e996d702a5380defffab1a6d2bc232234c7bcffa433cd8aa791fbc8dcf667f08818bffa739ae25773b32073213cae9a0f2a917a0b1301a242dda0c",
		  "00fd767cebb2452030358d0e9cf907f525f50920c8f607889a6a35680727f64f4d66b161fafeb2654bea0d35086bec0a10b30b14adef3556ed9f7f1bc23cecc9c088",
		  "0169ba78d8d851e930680322596e39c78f4fe31b97e57629ef6460ddd68f8763fd7bd767a4e94a80d3d21a3c2ee98347e024fc73ee1c27166dc3fe5eeef782be411d" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct sae_curve *c = sae_curve_new(v[i].group);
		uint8_t buf[132], xy[132];
		size_t n, plen;
		BIGNUM *u0, *u1;
		EC_POINT *q0, *q1;

		ck_assert_ptr_nonnull(c);
		plen = c->prime_len;
		n = test_unhex(v[i].u0, buf);
		ck_assert_uint_eq(n, plen);
		u0 = BN_bin2bn(buf, (int)n, NULL);
		n = test_unhex(v[i].u1, buf);
		u1 = BN_bin2bn(buf, (int)n, NULL);
		q0 = sae_pt_sswu(c, u0);
		q1 = sae_pt_sswu(c, u1);
		ck_assert_ptr_nonnull(q0);
		ck_assert_ptr_nonnull(q1);
		ck_assert_int_eq(sae_curve_point_to_bin(c, q0, xy), 0);
		ck_assert_str_eq(test_hex(xy, plen), v[i].q0x);
		ck_assert_str_eq(test_hex(xy + plen, plen), v[i].q0y);
		ck_assert_int_eq(sae_curve_point_to_bin(c, q1, xy), 0);
		ck_assert_str_eq(test_hex(xy, plen), v[i].q1x);
		ck_assert_str_eq(test_hex(xy + plen, plen), v[i].q1y);
		ck_assert_int_eq(EC_POINT_add(c->ec, q0, q0, q1, c->bn), 1);
		ck_assert_int_eq(sae_curve_point_to_bin(c, q0, xy), 0);
		ck_assert_str_eq(test_hex(xy, plen), v[i].px);
		ck_assert_str_eq(test_hex(xy + plen, plen), v[i].py);
		EC_POINT_free(q0);
		EC_POINT_free(q1);
		BN_free(u0);
		BN_free(u1);
		sae_curve_free(c);
	}
}
END_TEST

/* ---- two engines talking to each other ---------------------------------------------- */

static const uint8_t sta[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t ap[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };

struct side {
	struct sae_pt *pt;
	struct sae_session *s;
	uint8_t commit[SAE_COMMIT_MAX_LEN], confirm[SAE_CONFIRM_MAX_LEN];
	size_t commit_len, confirm_len;
};

static void side_init(struct side *d, uint16_t group, bool h2e, const char *pw,
		      const uint8_t own[6], const uint8_t peer[6])
{
	memset(d, 0, sizeof(*d));
	if (h2e) {
		d->pt = sae_pt_new(group, STR(pw), STR("sae-test"), NULL, 0);
		ck_assert_ptr_nonnull(d->pt);
		d->s = h2e_session(d->pt, own, peer);
	} else {
		d->s = hnp_session(group, pw, own, peer);
	}
	ck_assert_ptr_nonnull(d->s);
}

static void side_free(struct side *d)
{
	sae_session_free(d->s);
	sae_pt_free(d->pt);
}

static void side_commit(struct side *d)
{
	ck_assert_int_eq(sae_session_commit_build(d->s, d->commit, sizeof(d->commit),
						  &d->commit_len), SAE_OK);
}

static void side_confirm(struct side *d)
{
	ck_assert_int_eq(sae_session_confirm_build(d->s, d->confirm, sizeof(d->confirm),
						   &d->confirm_len), SAE_OK);
}

/* Both Commits built and processed: both sides Confirmed with their Confirm built. */
static void exchange_commits(struct side *a, struct side *b)
{
	side_commit(a);
	side_commit(b);
	ck_assert_int_eq(sae_session_rx_commit(b->s, sae_session_commit_status(a->s), a->commit,
					       a->commit_len), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_rx_commit(a->s, sae_session_commit_status(b->s), b->commit,
					       b->commit_len), SAE_TX_CONFIRM);
	side_confirm(a);
	side_confirm(b);
}

static void check_full_exchange(uint16_t group, bool h2e)
{
	static const size_t hash_len[] = { [19] = 32, [20] = 48, [21] = 64 };
	static const size_t prime_len[] = { [19] = 32, [20] = 48, [21] = 66 };
	struct side a, b;
	uint8_t pmk_a[32], pmk_b[32], id_a[16], id_b[16], zero[32] = { 0 };

	side_init(&a, group, h2e, "correct horse battery", sta, ap);
	side_init(&b, group, h2e, "correct horse battery", ap, sta);
	exchange_commits(&a, &b);
	ck_assert_uint_eq(sae_session_commit_status(a.s), h2e ? 126 : 0);
	ck_assert_uint_eq(a.commit_len, 2 + 3 * prime_len[group]);
	ck_assert_uint_eq(a.commit[0], group);
	/* 12.4.2: H2E uses the group's hash, H&P SHA-256 */
	ck_assert_uint_eq(a.confirm_len, 2 + (h2e ? hash_len[group] : 32));
	ck_assert_uint_eq(a.confirm[0], 1);
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_ACCEPTED);
	ck_assert_int_eq(sae_session_pmk_get(a.s, pmk_a, id_a), SAE_OK);
	ck_assert_int_eq(sae_session_pmk_get(b.s, pmk_b, id_b), SAE_OK);
	ck_assert_mem_eq(pmk_a, pmk_b, 32);
	ck_assert_mem_eq(id_a, id_b, 16);
	ck_assert_mem_ne(pmk_a, zero, 32);
	ck_assert_int_eq(sae_session_timeout(a.s), SAE_OK);
	side_free(&a);
	side_free(&b);
}

/*
 * sae_session_test_clone: a copy taken after our Commit finishes the exchange on its own,
 * with the same keys as the original, and outlives the original (the curve is shared).
 */
START_TEST(test_clone_finishes_like_the_original)
{
	struct side a, b;
	struct sae_session *copy;
	uint8_t confirm[SAE_CONFIRM_MAX_LEN], pmk_a[32], pmk_c[32], id_a[16], id_c[16];
	size_t confirm_len;

	side_init(&a, 19, _i, "correct horse battery", sta, ap);
	side_init(&b, 19, _i, "correct horse battery", ap, sta);
	side_commit(&a);
	copy = sae_session_test_clone(a.s);
	ck_assert_ptr_nonnull(copy);
	ck_assert_int_eq(sae_session_state(copy), sae_session_state(a.s));
	side_commit(&b);
	ck_assert_int_eq(sae_session_rx_commit(b.s, sae_session_commit_status(a.s), a.commit,
					       a.commit_len), SAE_TX_CONFIRM);
	side_confirm(&b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, sae_session_commit_status(b.s), b.commit,
					       b.commit_len), SAE_TX_CONFIRM);
	side_confirm(&a);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_pmk_get(a.s, pmk_a, id_a), SAE_OK);
	sae_session_free(a.s); /* the copy must not lean on the original */
	a.s = NULL;
	ck_assert_int_eq(sae_session_rx_commit(copy, sae_session_commit_status(b.s), b.commit,
					       b.commit_len), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_confirm_build(copy, confirm, sizeof(confirm), &confirm_len),
			 SAE_OK);
	/* same rand, same peer: the copy's Confirm is the original's, byte for byte */
	ck_assert_uint_eq(confirm_len, a.confirm_len);
	ck_assert_mem_eq(confirm, a.confirm, confirm_len);
	ck_assert_int_eq(sae_session_rx_confirm(copy, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_pmk_get(copy, pmk_c, id_c), SAE_OK);
	ck_assert_mem_eq(pmk_a, pmk_c, 32);
	ck_assert_mem_eq(id_a, id_c, 16);
	ck_assert_ptr_null(sae_session_test_clone(NULL));
	sae_session_free(copy);
	side_free(&a);
	side_free(&b);
}
END_TEST

START_TEST(test_exchange_hnp)
{
	check_full_exchange((uint16_t)_i, false);
}
END_TEST

START_TEST(test_exchange_h2e)
{
	check_full_exchange((uint16_t)_i, true);
}
END_TEST

static void check_wrong_password(uint16_t group, bool h2e)
{
	struct side a, b;
	uint8_t pmk[32], pmkid[16];

	side_init(&a, group, h2e, "correct horse battery", sta, ap);
	side_init(&b, group, h2e, "correct horse battery staple", ap, sta);
	exchange_commits(&a, &b);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len),
			 SAE_CONFIRM_MISMATCH);
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len),
			 SAE_CONFIRM_MISMATCH);
	ck_assert_uint_eq(sae_result_status(SAE_CONFIRM_MISMATCH), 15);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_CONFIRMED);
	ck_assert_int_eq(sae_session_pmk_get(a.s, pmk, pmkid), SAE_BAD_STATE);
	side_free(&a);
	side_free(&b);
}

/* An H2E side for AKM 00-0F-AC:24 (SAE-EXT-KEY) or 8. */
static void side_init_akm(struct side *d, uint16_t group, bool ext_key, const uint8_t own[6],
			  const uint8_t peer[6])
{
	struct sae_session_config cfg = { .group = group, .ext_key = ext_key };

	memset(d, 0, sizeof(*d));
	d->pt = sae_pt_new(group, STR("correct horse battery"), STR("sae-test"), NULL, 0);
	ck_assert_ptr_nonnull(d->pt);
	cfg.pt = d->pt;
	memcpy(cfg.own_addr, own, 6);
	memcpy(cfg.peer_addr, peer, 6);
	d->s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(d->s);
}

/*
 * IEEE 802.11-2024 12.4.5.4 / 12.4.7.4, AKM 00-0F-AC:24: both Commits end with an AKM
 * Suite Selector element naming 00-0F-AC:24, and the PMK is as long as the group's hash
 * (32, 48, 64 octets); both sides derive the same one.
 */
START_TEST(test_exchange_sae_ext_key_pmk_len_and_akm_selector)
{
	static const size_t hash_len[] = { [19] = 32, [20] = 48, [21] = 64 };
	static const size_t prime_len[] = { [19] = 32, [20] = 48, [21] = 66 };
	static const uint8_t selector[] = { 255, 5, 114, 0x00, 0x0f, 0xac, 24 };
	uint16_t group = (uint16_t)_i;
	struct side a, b;
	uint8_t pmk_a[SAE_PMK_MAX_LEN], pmk_b[SAE_PMK_MAX_LEN], id_a[16], id_b[16];

	side_init_akm(&a, group, true, sta, ap);
	side_init_akm(&b, group, true, ap, sta);
	exchange_commits(&a, &b);
	ck_assert_uint_eq(a.commit_len, 2 + 3 * prime_len[group] + sizeof(selector));
	ck_assert_mem_eq(a.commit + a.commit_len - sizeof(selector), selector, sizeof(selector));
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	ck_assert_uint_eq(sae_session_pmk_len(a.s), hash_len[group]);
	ck_assert_int_eq(sae_session_pmk_get(a.s, pmk_a, id_a), SAE_OK);
	ck_assert_int_eq(sae_session_pmk_get(b.s, pmk_b, id_b), SAE_OK);
	ck_assert_mem_eq(pmk_a, pmk_b, hash_len[group]);
	ck_assert_mem_eq(id_a, id_b, 16);
	side_free(&a);
	side_free(&b);
}
END_TEST

/*
 * A peer running AKM 8 against our 24 (no selector), or naming 24 against our 8, did not
 * run the same exchange: SAE_AKM_MISMATCH, status 1; and 24 without a PT (hunting-and-
 * pecking) is refused at once.
 */
START_TEST(test_exchange_sae_ext_key_akm_mismatch)
{
	struct side a, b;
	struct sae_session_config cfg = { .group = 19, .ext_key = true };

	side_init_akm(&a, 19, true, sta, ap);
	side_init_akm(&b, 19, false, ap, sta);
	side_commit(&a);
	side_commit(&b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 126, b.commit, b.commit_len), SAE_AKM_MISMATCH);
	ck_assert_int_eq(sae_session_rx_commit(b.s, 126, a.commit, a.commit_len), SAE_AKM_MISMATCH);
	ck_assert_uint_eq(sae_result_status(SAE_AKM_MISMATCH), 1);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_COMMITTED);
	side_free(&a);
	side_free(&b);
	cfg.password = (const uint8_t *)"correct horse battery";
	cfg.password_len = strlen("correct horse battery");
	memcpy(cfg.own_addr, sta, 6);
	memcpy(cfg.peer_addr, ap, 6);
	ck_assert_ptr_null(sae_session_new(&cfg));
}
END_TEST

START_TEST(test_exchange_wrong_password)
{
	check_wrong_password(19, false);
	check_wrong_password(19, true);
	check_wrong_password(21, true);
}
END_TEST

/* 12.4.4.2.3: the identifier is part of the PT; 12.4.7.4: it is sent in element 255/33 */
START_TEST(test_h2e_password_identifier)
{
	struct sae_pt *pa = sae_pt_new(19, STR("pw"), STR("net"), STR("id1"));
	struct sae_pt *pb = sae_pt_new(19, STR("pw"), STR("net"), STR("id1"));
	struct sae_pt *pc = sae_pt_new(19, STR("pw"), STR("net"), STR("id2"));
	struct side a = { 0 }, b = { 0 }, c = { 0 };

	ck_assert_ptr_nonnull(pa);
	ck_assert_ptr_nonnull(pc);
	a.s = h2e_session(pa, sta, ap);
	b.s = h2e_session(pb, ap, sta);
	c.s = h2e_session(pc, ap, sta);
	side_commit(&a);
	ck_assert_uint_eq(a.commit_len, 98 + 6);
	ck_assert_str_eq(test_hex(a.commit + 98, 6), "ff0421696431");
	exchange_commits(&a, &b);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	/* same password, other identifier: another PT, so the Confirm fails */
	side_commit(&c);
	sae_session_free(a.s);
	a.s = h2e_session(pa, sta, ap);
	exchange_commits(&a, &c);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, c.confirm, c.confirm_len),
			 SAE_CONFIRM_MISMATCH);
	sae_session_free(a.s);
	sae_session_free(b.s);
	sae_session_free(c.s);
	sae_pt_free(pa);
	sae_pt_free(pb);
	sae_pt_free(pc);
}
END_TEST

/* 12.4.5.4: an H2E STA lists the groups the AP rejected; both sides salt keyseed with it */
START_TEST(test_h2e_rejected_groups)
{
	static const uint16_t rejected[] = { 20 };
	struct side a, b;
	struct sae_session_config cfg = { .group = 19, .rejected_groups = rejected,
					  .n_rejected_groups = 1 };

	side_init(&a, 19, true, "pw", sta, ap);
	side_init(&b, 19, true, "pw", ap, sta);
	sae_session_free(a.s);
	cfg.pt = a.pt;
	memcpy(cfg.own_addr, sta, 6);
	memcpy(cfg.peer_addr, ap, 6);
	a.s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(a.s);
	exchange_commits(&a, &b);
	ck_assert_str_eq(test_hex(a.commit + 98, a.commit_len - 98), "ff035c1400");
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* ---- malformed and hostile frames (12.4.5.4, 12.4.8.6) ------------------------------ */

/* a (STA) and b (AP) on group 19 H&P, both Committed, b's Commit in b.commit. */
static void committed_pair(struct side *a, struct side *b)
{
	side_init(a, 19, false, "pw", sta, ap);
	side_init(b, 19, false, "pw", ap, sta);
	side_commit(a);
	side_commit(b);
}

static void p256_order(uint8_t out[32])
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);

	ck_assert_int_eq(BN_bn2binpad(EC_GROUP_get0_order(g), out, 32), 32);
	EC_GROUP_free(g);
}

static void p256_prime(uint8_t out[32])
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	BIGNUM *p = BN_new();

	ck_assert_int_eq(EC_GROUP_get_curve(g, p, NULL, NULL, NULL), 1);
	ck_assert_int_eq(BN_bn2binpad(p, out, 32), 32);
	BN_free(p);
	EC_GROUP_free(g);
}

START_TEST(test_commit_length)
{
	struct side a, b;
	uint8_t body[200];

	committed_pair(&a, &b);
	ck_assert_uint_eq(b.commit_len, 98);
	memcpy(body, b.commit, 98);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 0), SAE_MALFORMED);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 1), SAE_MALFORMED);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 2), SAE_MALFORMED);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 97), SAE_MALFORMED);
	body[98] = 0;
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 99), SAE_MALFORMED);
	/* a trailing element that is not one SAE defines */
	memcpy(body + 98, "\xff\x02\x63\x00", 4);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 102), SAE_MALFORMED);
	/* an extension element whose length runs past the body */
	memcpy(body + 98, "\xff\x09\x21\x41", 4);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 102), SAE_MALFORMED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_COMMITTED);
	/* nothing above changed the state: the real Commit still works */
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, 98), SAE_TX_CONFIRM);
	side_free(&a);
	side_free(&b);
}
END_TEST

START_TEST(test_commit_scalar_range)
{
	struct side a, b;
	uint8_t body[98], r[32];

	committed_pair(&a, &b);
	p256_order(r);
	memcpy(body, b.commit, 98);
	memset(body + 2, 0, 32);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_SCALAR);
	body[33] = 1;
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_SCALAR);
	memcpy(body + 2, r, 32);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_SCALAR);
	memset(body + 2, 0xff, 32);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_SCALAR);
	ck_assert_uint_eq(sae_result_status(SAE_INVALID_SCALAR), 1);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, 98), SAE_TX_CONFIRM);
	side_free(&a);
	side_free(&b);
}
END_TEST

START_TEST(test_commit_element_invalid)
{
	struct side a, b;
	uint8_t body[98], p[32];

	committed_pair(&a, &b);
	p256_prime(p);
	/* off the curve */
	memcpy(body, b.commit, 98);
	body[97] ^= 0x01;
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_ELEMENT);
	/* the all-zero encoding of the point at infinity */
	memset(body + 34, 0, 64);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_ELEMENT);
	/* x = p is no field element (x mod p = 0 would be another point) */
	memcpy(body, b.commit, 98);
	memcpy(body + 34, p, 32);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_ELEMENT);
	/*
	 * A point with a small x written as (x + p, y): the same point mod p, but x + p is no
	 * field element. The point itself, sent properly, is accepted.
	 */
	{
		EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
		EC_POINT *pt = EC_POINT_new(g);
		BIGNUM *x = BN_new(), *y = BN_new(), *pb = BN_bin2bn(p, 32, NULL);
		unsigned long w = 1;

		while (!EC_POINT_set_compressed_coordinates(g, pt, (BN_set_word(x, w), x), 0, NULL))
			w++;
		ck_assert_int_eq(EC_POINT_get_affine_coordinates(g, pt, x, y, NULL), 1);
		memcpy(body, b.commit, 34);
		ck_assert_int_eq(BN_bn2binpad(y, body + 66, 32), 32);
		ck_assert_int_eq(BN_add(x, x, pb), 1);
		ck_assert_int_eq(BN_bn2binpad(x, body + 34, 32), 32);
		ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_INVALID_ELEMENT);
		ck_assert_int_eq(BN_sub(x, x, pb), 1);
		ck_assert_int_eq(BN_bn2binpad(x, body + 34, 32), 32);
		ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_TX_CONFIRM);
		EC_POINT_free(pt);
		BN_free(x);
		BN_free(y);
		BN_free(pb);
		EC_GROUP_free(g);
	}
	side_free(&a);
	side_free(&b);
}
END_TEST

START_TEST(test_commit_wrong_group)
{
	struct side a, b;
	uint8_t body[98];

	committed_pair(&a, &b);
	memcpy(body, b.commit, 98);
	body[0] = 20;
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_GROUP_UNSUPPORTED);
	ck_assert_uint_eq(sae_result_status(SAE_GROUP_UNSUPPORTED), 77);
	/* status 77 must name our group */
	ck_assert_int_eq(sae_session_rx_commit(a.s, 77, (const uint8_t *)"\x14\x00", 2),
			 SAE_MALFORMED);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 77, (const uint8_t *)"\x13", 1),
			 SAE_MALFORMED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_COMMITTED);
	/* wave2.md 1.3: the AP rejects group 19 with status 77, body 13 00 */
	ck_assert_int_eq(sae_session_rx_commit(a.s, 77, (const uint8_t *)"\x13\x00", 2),
			 SAE_GROUP_UNSUPPORTED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_FAILED);
	ck_assert_int_eq(sae_session_commit_build(a.s, body, sizeof(body), &(size_t){ 0 }),
			 SAE_BAD_STATE);
	side_free(&a);
	side_free(&b);
}
END_TEST

START_TEST(test_commit_reflected)
{
	struct side a, b;
	uint8_t body[98];

	committed_pair(&a, &b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, a.commit, a.commit_len), SAE_REFLECTED);
	/* our element with another scalar is no better */
	memcpy(body, a.commit, 98);
	memcpy(body + 2, b.commit + 2, 32);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, body, 98), SAE_REFLECTED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_COMMITTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* wave2.md 1.3: H&P commits carry status 0, H2E 126; anything else from the AP is a failure */
START_TEST(test_commit_status_codes)
{
	struct side a, b, h, g;

	committed_pair(&a, &b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 126, b.commit, 98), SAE_STATUS_MISMATCH);
	side_init(&h, 19, true, "pw", sta, ap);
	side_init(&g, 19, true, "pw", ap, sta);
	side_commit(&h);
	side_commit(&g);
	ck_assert_int_eq(sae_session_rx_commit(h.s, 0, g.commit, g.commit_len),
			 SAE_STATUS_MISMATCH);
	ck_assert_int_eq(sae_session_rx_commit(h.s, 126, g.commit, g.commit_len), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 123, NULL, 0), SAE_PEER_REJECTED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_FAILED);
	side_free(&a);
	side_free(&b);
	side_free(&h);
	side_free(&g);
}
END_TEST

START_TEST(test_confirm_bad)
{
	struct side a, b;
	uint8_t body[SAE_CONFIRM_MAX_LEN];

	committed_pair(&a, &b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, 98), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_rx_commit(b.s, 0, a.commit, 98), SAE_TX_CONFIRM);
	side_confirm(&b);
	memcpy(body, b.confirm, b.confirm_len);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, body, 33), SAE_MALFORMED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, body, 0), SAE_MALFORMED);
	body[34] = 0;
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, body, 35), SAE_MALFORMED);
	body[10] ^= 0x80;
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, body, 34), SAE_CONFIRM_MISMATCH);
	/* the right Confirm under another send-confirm value does not verify either */
	memcpy(body, b.confirm, 34);
	body[0] = 2;
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, body, 34), SAE_CONFIRM_MISMATCH);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_CONFIRMED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, 34), SAE_ACCEPTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* wave2.md 1.3: hostapd 2.10 answers a wrong-password Confirm with seq 2, status 1 */
START_TEST(test_confirm_status_failure)
{
	struct side a, b;

	committed_pair(&a, &b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, 98), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 1, NULL, 0), SAE_PEER_REJECTED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_FAILED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* 12.4.6 / wave2.md 1.6, H&P: the token goes right after the Group field */
START_TEST(test_anti_clogging_hnp)
{
	static const uint8_t token[] = { 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03 };
	struct side a, b;
	uint8_t resp[2 + sizeof(token)] = { 0x13, 0x00 }, again[SAE_COMMIT_MAX_LEN];
	size_t again_len;
	struct sae_session_counters cnt;

	committed_pair(&a, &b);
	memcpy(resp + 2, token, sizeof(token));
	ck_assert_int_eq(sae_session_rx_commit(a.s, 76, resp, 2), SAE_MALFORMED);
	resp[0] = 0x14;
	ck_assert_int_eq(sae_session_rx_commit(a.s, 76, resp, sizeof(resp)), SAE_MALFORMED);
	resp[0] = 0x13;
	ck_assert_int_eq(sae_session_rx_commit(a.s, 76, resp, sizeof(resp)), SAE_TX_COMMIT);
	sae_session_counters_get(a.s, &cnt);
	ck_assert(cnt.have_token);
	ck_assert_int_eq(sae_session_commit_build(a.s, again, sizeof(again), &again_len), SAE_OK);
	ck_assert_uint_eq(again_len, a.commit_len + sizeof(token));
	ck_assert_mem_eq(again, a.commit, 2);
	ck_assert_mem_eq(again + 2, token, sizeof(token));
	/* "re-send the same commit": scalar and element unchanged */
	ck_assert_mem_eq(again + 2 + sizeof(token), a.commit + 2, a.commit_len - 2);
	/* the AP takes the token off and goes on with the exchange */
	ck_assert_int_eq(sae_session_rx_commit(b.s, 0, a.commit, a.commit_len), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, b.commit_len), SAE_TX_CONFIRM);
	side_confirm(&a);
	side_confirm(&b);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	/* a late 76 is ignored */
	ck_assert_int_eq(sae_session_rx_commit(a.s, 76, resp, sizeof(resp)), SAE_DISCARD);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* H2E: the token travels in an Anti-Clogging Token Container element (255, 93) at the end */
START_TEST(test_anti_clogging_h2e)
{
	struct side a, b;
	uint8_t resp[] = { 0x13, 0x00, 0xff, 0x05, 0x5d, 0x0a, 0x0b, 0x0c, 0x0d };
	uint8_t again[SAE_COMMIT_MAX_LEN];
	size_t again_len;

	side_init(&a, 19, true, "pw", sta, ap);
	side_init(&b, 19, true, "pw", ap, sta);
	side_commit(&a);
	side_commit(&b);
	/* a raw token is not how H2E carries it */
	ck_assert_int_eq(sae_session_rx_commit(a.s, 76, (const uint8_t *)"\x13\x00\x0a\x0b", 4),
			 SAE_MALFORMED);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 76, resp, sizeof(resp)), SAE_TX_COMMIT);
	ck_assert_int_eq(sae_session_commit_build(a.s, again, sizeof(again), &again_len), SAE_OK);
	ck_assert_uint_eq(again_len, a.commit_len + 7);
	ck_assert_mem_eq(again, a.commit, a.commit_len);
	ck_assert_str_eq(test_hex(again + a.commit_len, 7), "ff055d0a0b0c0d");
	/* the peer's parser accepts the container and the exchange completes */
	ck_assert_int_eq(sae_session_rx_commit(b.s, 126, again, again_len), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 126, b.commit, b.commit_len), SAE_TX_CONFIRM);
	side_confirm(&a);
	side_confirm(&b);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* 12.4.8.6.4: "If Sync is greater than dot11RSNASAESync" the instance is deleted */
START_TEST(test_sync_committed_timeouts)
{
	struct sae_session_config cfg = { .group = 19, .sync_max = 2 };
	struct sae_session *s;
	uint8_t buf[SAE_COMMIT_MAX_LEN], first[SAE_COMMIT_MAX_LEN];
	size_t len, first_len;

	cfg.password = (const uint8_t *)"pw";
	cfg.password_len = 2;
	memcpy(cfg.own_addr, sta, 6);
	memcpy(cfg.peer_addr, ap, 6);
	s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(sae_session_timeout(s), SAE_BAD_STATE);
	ck_assert_int_eq(sae_session_commit_build(s, first, sizeof(first), &first_len), SAE_OK);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(sae_session_timeout(s), SAE_TX_COMMIT);
		ck_assert_int_eq(sae_session_commit_build(s, buf, sizeof(buf), &len), SAE_OK);
		ck_assert_mem_eq(buf, first, first_len);
	}
	ck_assert_int_eq(sae_session_timeout(s), SAE_SYNC_EXCEEDED);
	ck_assert_int_eq(sae_session_state(s), SAE_STATE_FAILED);
	ck_assert_int_eq(sae_session_timeout(s), SAE_BAD_STATE);
	sae_session_free(s);
}
END_TEST

/* 12.4.8.6.5: a timeout in Confirmed resends the Confirm with Sc incremented */
START_TEST(test_sync_confirmed_retransmit)
{
	struct side a, b;
	struct sae_session_counters cnt;

	side_init(&a, 19, false, "pw", sta, ap);
	side_init(&b, 19, false, "pw", ap, sta);
	exchange_commits(&a, &b);
	ck_assert_uint_eq(a.confirm[0], 1);
	ck_assert_int_eq(sae_session_timeout(a.s), SAE_TX_CONFIRM);
	side_confirm(&a);
	ck_assert_uint_eq(a.confirm[0], 2);
	sae_session_counters_get(a.s, &cnt);
	ck_assert_uint_eq(cnt.sync, 1);
	ck_assert_uint_eq(cnt.send_confirm, 2);
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	sae_session_counters_get(b.s, &cnt);
	ck_assert_uint_eq(cnt.recv_confirm, 2);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_ACCEPTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* 12.4.8.6.6: in Accepted, only a newer, valid Confirm (Sc != 2^16-1) gets an answer */
START_TEST(test_sync_accepted_confirm_rules)
{
	struct side a, b;
	uint8_t b_first[SAE_CONFIRM_MAX_LEN];
	size_t b_first_len;

	side_init(&a, 19, false, "pw", sta, ap);
	side_init(&b, 19, false, "pw", ap, sta);
	exchange_commits(&a, &b);
	memcpy(b_first, b.confirm, b.confirm_len);
	b_first_len = b.confirm_len;
	ck_assert_int_eq(sae_session_timeout(b.s), SAE_TX_CONFIRM);
	side_confirm(&b); /* send-confirm 2 */
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b_first, b_first_len), SAE_ACCEPTED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b_first, b_first_len), SAE_DISCARD);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_TX_CONFIRM);
	side_confirm(&a);
	ck_assert_str_eq(test_hex(a.confirm, 2), "ffff");
	/* the peer accepts our 2^16-1 Confirm; we would discard one like it */
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	side_confirm(&b);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_DISCARD);
	/* a Commit after acceptance changes nothing */
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, b.commit_len), SAE_DISCARD);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* 12.4.8.6.5: a Commit in Confirmed: resend our Commit and a new Confirm */
START_TEST(test_sync_commit_in_confirmed)
{
	struct side a, b;
	struct sae_session_counters cnt;

	side_init(&a, 19, false, "pw", sta, ap);
	side_init(&b, 19, false, "pw", ap, sta);
	exchange_commits(&a, &b);
	ck_assert_int_eq(sae_session_rx_commit(a.s, 0, b.commit, b.commit_len),
			 SAE_TX_COMMIT_CONFIRM);
	side_confirm(&a);
	ck_assert_uint_eq(a.confirm[0], 2);
	sae_session_counters_get(a.s, &cnt);
	ck_assert_uint_eq(cnt.sync, 1);
	ck_assert_int_eq(sae_session_rx_confirm(b.s, 0, a.confirm, a.confirm_len), SAE_ACCEPTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* 12.4.8.6.4: a Confirm while Committed counts as a sync event and resends the Commit */
START_TEST(test_sync_confirm_in_committed)
{
	struct side a, b;
	uint8_t junk[34] = { 1, 0 };

	committed_pair(&a, &b);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, junk, sizeof(junk)), SAE_TX_COMMIT);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_COMMITTED);
	side_free(&a);
	side_free(&b);
}
END_TEST

/* 12.4.8.6.5: timeouts in Confirmed also count against dot11RSNASAESync */
START_TEST(test_sync_confirmed_exceeded)
{
	struct sae_session_config cfg = { .group = 19, .sync_max = 1 };
	struct side a, b;

	side_init(&a, 19, false, "pw", sta, ap);
	side_init(&b, 19, false, "pw", ap, sta);
	sae_session_free(a.s);
	cfg.password = (const uint8_t *)"pw";
	cfg.password_len = 2;
	memcpy(cfg.own_addr, sta, 6);
	memcpy(cfg.peer_addr, ap, 6);
	a.s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(a.s);
	exchange_commits(&a, &b);
	ck_assert_int_eq(sae_session_timeout(a.s), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_timeout(a.s), SAE_TX_CONFIRM);
	ck_assert_int_eq(sae_session_timeout(a.s), SAE_SYNC_EXCEEDED);
	ck_assert_int_eq(sae_session_state(a.s), SAE_STATE_FAILED);
	ck_assert_int_eq(sae_session_rx_confirm(a.s, 0, b.confirm, b.confirm_len), SAE_BAD_STATE);
	side_free(&a);
	side_free(&b);
}
END_TEST

/*
 * 12.4.4.2.2: the loop runs at least k times whatever the counter of the hit; more
 * iterations must not change the result (the first hit is kept, later ones ignored).
 */
START_TEST(test_hnp_k_keeps_first_hit)
{
	struct sae_session_config cfg = { .group = 19 };
	struct sae_session *s40, *s120;
	uint8_t p40[64], p120[64];
	size_t n;

	cfg.password = (const uint8_t *)"mekmitasdigoat";
	cfg.password_len = 14;
	memcpy(cfg.own_addr, mac1, 6);
	memcpy(cfg.peer_addr, mac2, 6);
	cfg.hnp_k = 1; /* raised to 40 */
	s40 = sae_session_new(&cfg);
	cfg.hnp_k = 120;
	s120 = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(s40);
	ck_assert_ptr_nonnull(s120);
	ck_assert_int_eq(sae_session_test_pwe(s40, p40, sizeof(p40), &n), SAE_OK);
	ck_assert_int_eq(sae_session_test_pwe(s120, p120, sizeof(p120), &n), SAE_OK);
	ck_assert_mem_eq(p40, p120, 64);
	sae_session_free(s40);
	sae_session_free(s120);
}
END_TEST

START_TEST(test_api_misuse)
{
	struct sae_session_config cfg = { .group = 19 };
	struct sae_pt *pt20 = sae_pt_new(20, STR("pw"), STR("net"), NULL, 0);
	struct sae_session *s;
	uint8_t buf[SAE_COMMIT_MAX_LEN], pmk[32], pmkid[16];
	size_t len;
	static const uint16_t rej[] = { 20 };

	ck_assert_ptr_nonnull(pt20);
	ck_assert_ptr_null(sae_pt_new(18, STR("pw"), STR("net"), NULL, 0));
	ck_assert_ptr_null(sae_pt_new(19, NULL, 0, STR("net"), NULL, 0));
	ck_assert_ptr_null(sae_pt_new(19, STR("pw"), NULL, 0, NULL, 0));
	ck_assert(!sae_group_supported(15));
	memcpy(cfg.own_addr, sta, 6);
	memcpy(cfg.peer_addr, ap, 6);
	ck_assert_ptr_null(sae_session_new(&cfg)); /* neither password nor PT */
	cfg.pt = pt20;
	ck_assert_ptr_null(sae_session_new(&cfg)); /* PT of another group */
	cfg.password = (const uint8_t *)"pw";
	cfg.password_len = 2;
	cfg.group = 20;
	ck_assert_ptr_null(sae_session_new(&cfg)); /* both */
	cfg.pt = NULL;
	cfg.rejected_groups = rej;
	cfg.n_rejected_groups = 1;
	ck_assert_ptr_null(sae_session_new(&cfg)); /* Rejected Groups is H2E only */
	cfg.n_rejected_groups = 0;
	cfg.group = 18;
	ck_assert_ptr_null(sae_session_new(&cfg));
	cfg.group = 19;
	s = sae_session_new(&cfg);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(sae_session_rx_commit(s, 0, buf, 98), SAE_BAD_STATE);
	ck_assert_int_eq(sae_session_rx_confirm(s, 0, buf, 34), SAE_BAD_STATE);
	ck_assert_int_eq(sae_session_confirm_build(s, buf, sizeof(buf), &len), SAE_BAD_STATE);
	ck_assert_int_eq(sae_session_commit_build(s, buf, 97, &len), SAE_BUFFER_TOO_SMALL);
	ck_assert_int_eq(sae_session_state(s), SAE_STATE_NOTHING);
	ck_assert_int_eq(sae_session_commit_build(s, buf, 98, &len), SAE_OK);
	ck_assert_int_eq(sae_session_pmk_get(s, pmk, pmkid), SAE_BAD_STATE);
	ck_assert_int_eq(sae_session_test_set_rand_mask(s, buf, 32, buf, 32), SAE_BAD_STATE);
	ck_assert_str_eq(sae_state_str(sae_session_state(s)), "Committed");
	ck_assert_str_eq(sae_result_str(SAE_REFLECTED), "reflected Commit");
	sae_session_free(s);
	sae_session_free(NULL);
	sae_pt_free(pt20);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("rsn-sae");
	TCase *tc = tcase_create("vectors");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_annex_j10_hnp_group19);
	tcase_add_test(tc, test_annex_j10_h2e_group19);
	tcase_add_test(tc, test_rfc9380_appendix_j_sswu);
	tcase_add_test(tc, test_hnp_k_keeps_first_hit);
	suite_add_tcase(s, tc);

	tc = tcase_create("exchange");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_exchange_hnp, 19, 22);
	tcase_add_loop_test(tc, test_exchange_h2e, 19, 22);
	tcase_add_loop_test(tc, test_exchange_sae_ext_key_pmk_len_and_akm_selector, 19, 22);
	tcase_add_test(tc, test_exchange_sae_ext_key_akm_mismatch);
	tcase_add_test(tc, test_exchange_wrong_password);
	tcase_add_test(tc, test_h2e_password_identifier);
	tcase_add_test(tc, test_h2e_rejected_groups);
	suite_add_tcase(s, tc);

	tc = tcase_create("validation");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_commit_length);
	tcase_add_test(tc, test_commit_scalar_range);
	tcase_add_test(tc, test_commit_element_invalid);
	tcase_add_test(tc, test_commit_wrong_group);
	tcase_add_test(tc, test_commit_reflected);
	tcase_add_test(tc, test_commit_status_codes);
	tcase_add_test(tc, test_confirm_bad);
	tcase_add_test(tc, test_confirm_status_failure);
	tcase_add_test(tc, test_anti_clogging_hnp);
	tcase_add_test(tc, test_anti_clogging_h2e);
	tcase_add_test(tc, test_api_misuse);
	tcase_add_loop_test(tc, test_clone_finishes_like_the_original, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("sync");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sync_committed_timeouts);
	tcase_add_test(tc, test_sync_confirmed_retransmit);
	tcase_add_test(tc, test_sync_accepted_confirm_rules);
	tcase_add_test(tc, test_sync_commit_in_confirmed);
	tcase_add_test(tc, test_sync_confirm_in_committed);
	tcase_add_test(tc, test_sync_confirmed_exceeded);
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
