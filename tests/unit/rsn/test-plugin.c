// SPDX-License-Identifier: BSD-3-Clause
/*
 * ihv-rsn's contract glue driven directly (test-plugin-env.h's fake host): InitService's
 * rules, pre-association with good and bad profiles, AdapterReset and StopPostAssociate
 * during an operation, capability match and the handlers with little to do. The
 * handshakes through the plugin: test-plugin-handshake.c.
 */

#include "rsn/crypto-warm.h"
#include "rsn/profile-xml.h"
#include "tests/unit/rsn/test-plugin-env.h"

START_TEST(test_init_service_rules)
{
	DOT11EXT_IHV_HANDLERS t;
	DOT11EXT_LINUX_APIS old;

	/* the fixture's service is up: a second InitService is refused */
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_INVALID_STATE);
	h.Dot11ExtIhvDeinitAdapter(ad);
	h.Dot11ExtIhvDeinitService();
	ck_assert_int_eq(live_timers, 0);
	ck_assert_uint_eq(Dot11ExtIhvInitService(1, &api, &lx, &t), ERROR_NOT_SUPPORTED);
	/* a Windows-like host: pvReserved NULL, or a table too short for version 1 */
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, NULL, &t), ERROR_NOT_SUPPORTED);
	old = lx;
	lx.dwSize = DOT11EXT_LINUX_APIS_V1_SIZE - 8;
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_NOT_SUPPORTED);
	lx = old;
	ck_assert_uint_eq(Dot11ExtIhvGetVersionInfo(NULL), ERROR_INVALID_PARAMETER);
	memset(&t, 0, sizeof(t));
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_SUCCESS);
	for (size_t i = 0; i < sizeof(t) / sizeof(void *); i++) {
		void *fn;

		memcpy(&fn, (char *)&t + i * sizeof(void *), sizeof(fn));
		ck_assert_msg(fn != NULL, "handler %zu is NULL", i);
	}
	h = t;
	ck_assert_uint_eq(h.Dot11ExtIhvInitAdapter(NULL, SVC, &ad), ERROR_SUCCESS);
}
END_TEST

/* A PSK profile without a secret: SendUIRequest, the answer resumes the pre-association. */
START_TEST(test_pre_assoc_asks_for_the_passphrase)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	struct prof p;
	DWORD reason = 1;
	BOOL pending = FALSE;
	int before = rec.pre_calls;

	memset(&ui_rec, 0, sizeof(ui_rec));
	prof_make(&p, "WPA-PSK-ASK", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	run_timers(0);
	ck_assert_int_eq(ui_rec.n, 1);
	ck_assert_str_eq(ui_rec.text, "PSK_PASSPHRASE:Passphrase needed for SSID ihvd-test");
	ck_assert_int_eq(rec.pre_calls, before); /* waiting for the user */
	ck_assert_uint_eq(h.Dot11ExtIhvIsUIRequestPending(ui_rec.guid, &pending), ERROR_SUCCESS);
	ck_assert(pending);
	/* IEEE 802.11-2020 J.4.1: 8..63 characters */
	ck_assert_uint_eq(h.Dot11ExtIhvProcessUIResponse(ui_rec.guid, 7, "1234567"),
			  ERROR_INVALID_DATA);
	ck_assert_uint_eq(h.Dot11ExtIhvProcessUIResponse(ui_rec.guid, (DWORD)strlen(PASS), PASS),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvIsUIRequestPending(ui_rec.guid, &pending), ERROR_SUCCESS);
	ck_assert(!pending);
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, before + 1);
	ck_assert_uint_eq(rec.pre_reason, L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(rec.auth, DOT11_AUTH_ALGO_RSNA_PSK);
	/* the answer is kept: the next pre-association does not ask again */
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	run_timers(0);
	ck_assert_int_eq(ui_rec.n, 1);
	ck_assert_int_eq(rec.pre_calls, before + 2);
	ck_assert_uint_eq(rec.pre_reason, L2_REASON_CODE_SUCCESS);
	prof_free(&p);
}
END_TEST

START_TEST(test_passphrase_request_times_out)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	struct prof p;
	DWORD reason = 1;
	int before = rec.pre_calls;

	memset(&ui_rec, 0, sizeof(ui_rec));
	prof_make(&p, "WPA-PSK-ASK", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	run_timers(0);
	ck_assert_int_eq(ui_rec.n, 1);
	run_timers(RSN_PLUGIN_UI_TIMEOUT_MS);
	ck_assert_int_eq(rec.pre_calls, before + 1);
	ck_assert_uint_eq(rec.pre_reason, RSN_REASON_PASSPHRASE_NOT_GIVEN);
	ck_assert_uint_ne(rec.pre_err, ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvProcessUIResponse(ui_rec.guid, (DWORD)strlen(PASS), PASS),
			  ERROR_NOT_FOUND);
}
END_TEST

START_TEST(test_pre_assoc_psk_no_pmf)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 1);
	ck_assert_uint_eq(rec.auth, DOT11_AUTH_ALGO_RSNA_PSK);
	ck_assert_uint_eq(rec.ucast, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_uint_eq(rec.mcast, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_int_eq(rec.rsn_calls, 1);
	ck_assert_uint_eq(rec.rsn.dwAkmSuite, DOT11EXT_LINUX_AKM_PSK);
	/* Pmf optional but the AP is not MFP capable: no MFP */
	ck_assert_uint_eq(rec.rsn.dwMfp, DOT11EXT_LINUX_MFP_NONE);
	ck_assert_uint_eq(rec.rsn.dwGroupMgmtCipherSuite, 0);
	/* EAPOL registered big-endian; no exemption, so clear retransmits of msg 3 still arrive */
	ck_assert_uint_eq(rec.nreg, 1);
	ck_assert_mem_eq(&rec.reg, "\x88\x8e", 2);
	ck_assert_uint_eq(rec.nex, 0);
	ck_assert_uint_eq(rec.backlog, RSN_PLUGIN_RX_BACKLOG);
	ck_assert_ptr_eq(rec.pre_session, (HANDLE)0x77);
}
END_TEST

START_TEST(test_pre_assoc_psk_sha256_pmf)
{
	pre_assoc_ok(PMF_PROBE, "WPA-PSK-SHA256", 2);
	ck_assert_uint_eq(rec.rsn.dwAkmSuite, DOT11EXT_LINUX_AKM_PSK_SHA256);
	ck_assert_uint_eq(rec.rsn.dwMfp, DOT11EXT_LINUX_MFP_REQUIRED);
	ck_assert_uint_eq(rec.rsn.dwGroupMgmtCipherSuite, DOT11EXT_LINUX_CIPHER_SUITE_BIP_CMAC_128);
	/* optional PMF against an MFPC AP: capable */
	h.Dot11ExtIhvAdapterReset(ad);
	pre_assoc_ok(PMF_PROBE, "WPA-PSK-SHA256", 1);
	ck_assert_uint_eq(rec.rsn.dwMfp, DOT11EXT_LINUX_MFP_CAPABLE);
}
END_TEST

static void pre_assoc_fails(const char *probe_hex, const char *auth, int pmf, DWORD want)
{
	uint8_t ies[512];
	size_t n = fixture_ies(probe_hex, 12, ies);
	struct prof p;
	DWORD reason = 1;

	prof_make(&p, auth, pmf);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	ck_assert_int_eq(rec.pre_calls, 0);
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, 1);
	ck_assert_uint_eq(rec.pre_reason, want);
	ck_assert_uint_ne(rec.pre_err, ERROR_SUCCESS);
	ck_assert_int_eq(rec.rsn_calls, 0);
}

START_TEST(test_pre_assoc_mismatches)
{
	/* the AP offers AKM 2 only */
	pre_assoc_fails(WPA2_PROBE, "WPA-PSK-SHA256", 0, RSN_REASON_NO_MATCHING_AKM);
	rec.pre_calls = 0;
	pre_assoc_fails(WPA2_PROBE, "WPA-PSK", 2, RSN_REASON_PMF_REQUIRED_BY_PROFILE);
	rec.pre_calls = 0;
	/* the AP sets MFPR */
	pre_assoc_fails(PMF_PROBE, "WPA-PSK-SHA256", 0, RSN_REASON_PMF_REQUIRED_BY_AP);
	rec.pre_calls = 0;
	pre_assoc_fails(PMF_PROBE, "NONE", 0, RSN_REASON_BSS_NOT_OPEN);
}
END_TEST

START_TEST(test_pre_assoc_invalid_profile_is_synchronous)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	struct prof p;
	DWORD reason = 0;

	prof_make(&p, "WPA-EAP-SUITE-B-192", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_BAD_PROFILE);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_VALUE);
	prof_free(&p);
	/* rule 26: no completion after a refused PerformPreAssociate */
	run_timers(100000);
	ck_assert_int_eq(rec.pre_calls, 0);
	/* SSIDs that disagree */
	prof_make(&p, "WPA-PSK", 0);
	free(p.conn);
	p.conn = u16("<IhvConnectivity xmlns=\"urn:ihvd:conn:1\"><Ssid>00</Ssid></IhvConnectivity>");
	p.c.pszXmlFragmentIhvConnectivity = p.conn;
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_BAD_PROFILE);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_SSID_MISMATCH);
	/* ValidateProfile agrees */
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_BAD_PROFILE);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_SSID_MISMATCH);
	p.s.bUseMSOnex = TRUE;
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_ONEX);
	prof_free(&p);
	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(reason, L2_REASON_CODE_SUCCESS);
	prof_free(&p);
	run_timers(100000);
	ck_assert_int_eq(rec.pre_calls, 0);
}
END_TEST

/* ValidateProfile begins the PBKDF2 of a passphrase; the pre-association collects it. */
START_TEST(test_validate_derives_the_pmk_ahead)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	char out[2048];
	struct prof p;
	DWORD reason = 1, k;

	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	run_timers(0);
	ck_assert_uint_eq(rec.pre_err, ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", sizeof(out), (PBYTE)out,
					       &k), ERROR_SUCCESS);
	/* no PBKDF2 in the pre-association: the validation's thread made the PMK */
	ck_assert_ptr_nonnull(strstr(out, "pmk_cache_hits=1 pmk_derivations=0 pmk_prefetched=1"));
	/* no passphrase yet (the user is asked later), or SAE's password: nothing to derive */
	prof_make(&p, "WPA-PSK-ASK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	prof_free(&p);
	prof_make(&p, "SAE", 2);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	prof_free(&p);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", sizeof(out), (PBYTE)out,
					       &k), ERROR_SUCCESS);
	ck_assert_ptr_nonnull(strstr(out, "pmk_prefetched=1 "));
}
END_TEST

/* An 802.1X network's validation fetches the plugin's algorithms on a thread, so that its
 * first handshake, right after EAP-Success, does not (crypto-warm.h). */
START_TEST(test_validate_eap_fetches_algorithms_ahead)
{
	struct prof p;
	DWORD reason = 1;

	rsn_crypto_warm_join();
	rsn_crypto_cleanup();
	ck_assert(!rsn_crypto_fetched());
	prof_make(&p, "WPA-EAP", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	prof_free(&p);
	rsn_crypto_warm_join();
	ck_assert(rsn_crypto_fetched());
}
END_TEST

/*
 * InitService sets up nothing of OpenSSL's (ihvd waits for it at start-up). ValidateProfile
 * starts the warm-up thread for a network that needs OpenSSL's provider, SAE here, and not
 * for a WPA2-Personal one, whose first connection it would only slow (crypto-warm.h).
 */
START_TEST(test_init_service_leaves_openssl_to_validation)
{
	DOT11EXT_IHV_HANDLERS t;
	DOT11_ADAPTER adapter = { 0 };
	struct prof p;
	DWORD reason = 1;

	h.Dot11ExtIhvDeinitAdapter(ad);
	h.Dot11ExtIhvDeinitService(); /* joins any thread and frees the algorithms */
	ck_assert(!rsn_crypto_fetched());
	ck_assert_uint_eq(Dot11ExtIhvInitService(0, &api, &lx, &t), ERROR_SUCCESS);
	h = t;
	ck_assert_uint_eq(h.Dot11ExtIhvInitAdapter(&adapter, SVC, &ad), ERROR_SUCCESS);
	rsn_crypto_warm_join();
	ck_assert(!rsn_crypto_fetched());
	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	prof_free(&p);
	rsn_crypto_warm_join();
	ck_assert(!rsn_crypto_fetched());
	prof_make(&p, "SAE", 2);
	ck_assert_uint_eq(h.Dot11ExtIhvValidateProfile(ad, NULL, &p.c, &p.s, &reason),
			  ERROR_SUCCESS);
	prof_free(&p);
	rsn_crypto_warm_join();
	ck_assert(rsn_crypto_fetched());
	ck_assert(rsn_crypto_warm_rand_ready());
}
END_TEST

START_TEST(test_reset_cancels_pre_assoc)
{
	uint8_t ies[512];
	size_t n = fixture_ies(WPA2_PROBE, 12, ies);
	struct prof p;
	DWORD reason;

	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	/* a second one while the first is pending */
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_INVALID_STATE);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	ck_assert_int_eq(rec.pre_calls, 1);
	ck_assert_uint_eq(rec.pre_err, ERROR_CANCELLED);
	ck_assert_uint_eq(rec.pre_reason, RSN_REASON_CANCELLED);
	ck_assert_ptr_eq(rec.pre_session, (HANDLE)0x77);
	run_timers(100000);
	ck_assert_int_eq(rec.pre_calls, 1);
	/* back to the post-InitAdapter state: a new pre-association works */
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, 2);
	ck_assert_uint_eq(rec.pre_err, ERROR_SUCCESS);
	/* DeinitAdapter with a pending pre-association: no completion (rule 15) */
	h.Dot11ExtIhvAdapterReset(ad);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	h.Dot11ExtIhvDeinitAdapter(ad);
	ck_assert_int_eq(rec.pre_calls, 2);
	ck_assert_uint_eq(h.Dot11ExtIhvInitAdapter(NULL, SVC, &ad), ERROR_SUCCESS);
}
END_TEST

START_TEST(test_stop_and_reset_during_post_assoc)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	ck_assert_int_eq(rec.ntx, 1);
	/* StopPostAssociate before completion: no completion, ever (rule 40) */
	ck_assert_uint_eq(h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)AA, 0x10003),
			  ERROR_SUCCESS);
	run_timers(100000);
	ck_assert_int_eq(rec.post_calls, 0);
	ck_assert_uint_eq(rx_hex("0203"), ERROR_INVALID_STATE);
	/* a reassociation with the same pre-association, then AdapterReset cancels it */
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_CANCELLED);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_CANCELLED);
	ck_assert_ptr_eq(rec.post_session, (HANDLE)0x99);
	/* StopPostAssociate after AdapterReset is harmless (contract §12) */
	ck_assert_uint_eq(h.Dot11ExtIhvStopPostAssociate(ad, NULL, 0), ERROR_SUCCESS);
	run_timers(100000);
	ck_assert_int_eq(rec.post_calls, 1);
	complete_all_sends();
}
END_TEST

/*
 * CreateDiscoveryProfiles (contract §3 [9]): a WPA2-Personal BSS gets one profile that
 * carries no secret and asks for the passphrase; the fragment parses as the plugin's own
 * profile would. A network with no RSNE gets none.
 */
static void discovery_checks(DOT11_BSS_LIST *bl)
{
	DOT11EXT_IHV_SSID_LIST ssids = { 1, { { 9, "ihvd-test" } } };
	DOT11EXT_IHV_PROFILE_PARAMS params = { .pSsidList = &ssids };
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl = { 0, NULL };
	uint8_t open_ies[64], buf[256];
	const uint8_t *one[1] = { open_ies };
	size_t lo = 0, lens[1];
	DOT11_BSS_LIST none;
	struct rsn_sec_profile sec;
	struct rsn_conn_profile conn;
	DWORD reason = 0;

	ck_assert_uint_eq(h.Dot11ExtIhvCreateDiscoveryProfiles(ad, FALSE, &params, bl, &dl, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(reason, L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(dl.dwCount, 1);
	ck_assert_ptr_nonnull(dl.pIhvDiscoveryProfiles);
	ck_assert_int_eq(rsn_profile_conn_parse16(
		dl.pIhvDiscoveryProfiles[0].IhvConnectivityProfile.pszXmlFragmentIhvConnectivity,
		&conn), RSN_PROFILE_OK);
	ck_assert_uint_eq(conn.ssid_len, 9);
	ck_assert_int_eq(rsn_profile_sec_parse16(
		dl.pIhvDiscoveryProfiles[0].IhvSecurityProfile.pszXmlFragmentIhvSecurity, &sec),
		RSN_PROFILE_OK);
	/* the first BSS decides: the WPA2 probe offers AKM 2 only, CCMP/CCMP */
	ck_assert_int_eq(sec.auth, RSN_PROFILE_AUTH_PSK);
	ck_assert_uint_eq(sec.pairwise, RSN_CIPHER_CCMP_128);
	ck_assert_uint_eq(sec.group, RSN_CIPHER_CCMP_128);
	ck_assert(sec.ask_passphrase);
	ck_assert(!sec.has_passphrase && !sec.has_psk);
	ck_assert(!dl.pIhvDiscoveryProfiles[0].IhvSecurityProfile.bUseMSOnex);
	rsn_sec_profile_clear(&sec);
	api.Dot11ExtFreeBuffer(dl.pIhvDiscoveryProfiles[0].IhvConnectivityProfile
				       .pszXmlFragmentIhvConnectivity);
	api.Dot11ExtFreeBuffer(dl.pIhvDiscoveryProfiles[0].IhvSecurityProfile
				       .pszXmlFragmentIhvSecurity);
	api.Dot11ExtFreeBuffer(dl.pIhvDiscoveryProfiles);

	/* an open BSS (SSID and rates only): nothing to offer */
	open_ies[lo++] = 0;
	open_ies[lo++] = 9;
	memcpy(open_ies + lo, "ihvd-test", 9);
	lo += 9;
	lens[0] = lo;
	none = (DOT11_BSS_LIST){ (ULONG)bss_list(buf, one, lens, 1), buf };
	dl = (DOT11EXT_IHV_DISCOVERY_PROFILE_LIST){ 0, NULL };
	ck_assert_uint_eq(h.Dot11ExtIhvCreateDiscoveryProfiles(ad, FALSE, &params, &none, &dl,
							       &reason),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(dl.dwCount, 0);
	ck_assert_ptr_null(dl.pIhvDiscoveryProfiles);
	ck_assert_uint_eq(reason, RSN_REASON_PROFILE_MISSING);
}

START_TEST(test_capability_match_and_the_rest)
{
	uint8_t wpa2[512], pmf[512], buf[2048];
	size_t lw = fixture_ies(WPA2_PROBE, 12, wpa2), lp = fixture_ies(PMF_PROBE, 12, pmf);
	const uint8_t *both[2] = { wpa2, pmf };
	size_t lens[2] = { lw, lp };
	DOT11_BSS_LIST bl = { (ULONG)bss_list(buf, both, lens, 2), buf };
	DOT11_BSS_LIST one = { (ULONG)bss_list(buf + 1024, both, lens, 1), buf + 1024 };
	DOT11_BSS_LIST cut = { bl.uNumOfBytes - 1, buf };
	DOT11EXT_IHV_DISCOVERY_PROFILE_LIST dl = { 5, (void *)1 };
	PDOT11EXT_IHV_UI_REQUEST ui = (void *)1;
	WTSSESSION_NOTIFICATION wts = { sizeof(wts), 1 };
	GUID guid = { 0 };
	BOOL pending = TRUE;
	struct prof p;
	DWORD reason;

	/* at least one BSS matches (contract §11.7) */
	prof_make(&p, "WPA-PSK-SHA256", 2);
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &bl, &reason),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(reason, L2_REASON_CODE_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &one, &reason),
			  ERROR_NO_MATCH);
	ck_assert_uint_eq(reason, RSN_REASON_NO_MATCHING_AKM);
	/* a truncated list: the complete first entry still counts, the second is not read */
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &cut, &reason),
			  ERROR_NO_MATCH);
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, NULL, &reason),
			  ERROR_SUCCESS);
	bl.uNumOfBytes = 0;
	ck_assert_uint_eq(h.Dot11ExtIhvPerformCapabilityMatch(ad, NULL, &p.c, &p.s, &bl, &reason),
			  ERROR_NO_MATCH);
	ck_assert_uint_eq(reason, RSN_REASON_NO_BSS);
	prof_free(&p);

	/* CreateDiscoveryProfiles: no SSID to make a profile for */
	ck_assert_uint_eq(h.Dot11ExtIhvCreateDiscoveryProfiles(ad, FALSE, NULL, NULL, &dl, &reason),
			  ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(dl.dwCount, 0);
	ck_assert_ptr_null(dl.pIhvDiscoveryProfiles);
	ck_assert_uint_ge(reason, L2_REASON_CODE_IHV_BASE);
	discovery_checks(&one);
	ck_assert_uint_eq(h.Dot11ExtIhvIsUIRequestPending(guid, &pending), ERROR_SUCCESS);
	ck_assert(!pending);
	ck_assert_uint_eq(h.Dot11ExtIhvProcessUIResponse(guid, 0, NULL), ERROR_NOT_FOUND);
	ck_assert_uint_eq(h.Dot11ExtIhvQueryUIRequest(ad, connection_phase_any, &ui),
			  ERROR_NOT_FOUND);
	ck_assert_ptr_null(ui);
	/* no 802.1X exchange was started on this adapter */
	ck_assert_uint_eq(h.Dot11ExtIhvOnexIndicateResult(ad, DOT11_MSONEX_SUCCESS, NULL),
			  ERROR_INVALID_STATE);
	ck_assert_uint_eq(h.Dot11ExtIhvProcessSessionChange(WTS_SESSION_LOGOFF, &wts),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, IndicationTypeLinkQuality, 0, NULL),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, (DOT11EXT_IHV_INDICATION_TYPE)9, 0,
							 NULL), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication((HANDLE)buf, IndicationTypeLinkQuality, 0,
							 NULL), ERROR_INVALID_HANDLE);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset((HANDLE)buf), ERROR_INVALID_HANDLE);
	/* PerformPostAssociate without a pre-association */
	ck_assert_uint_eq(post_assoc(wpa2, lw, wpa2, lw), ERROR_INVALID_STATE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plugin");
	TCase *tc = tcase_create("contract");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_init_service_rules);
	tcase_add_test(tc, test_pre_assoc_psk_no_pmf);
	tcase_add_test(tc, test_validate_derives_the_pmk_ahead);
	tcase_add_test(tc, test_validate_eap_fetches_algorithms_ahead);
	tcase_add_test(tc, test_init_service_leaves_openssl_to_validation);
	tcase_add_test(tc, test_pre_assoc_asks_for_the_passphrase);
	tcase_add_test(tc, test_passphrase_request_times_out);
	tcase_add_test(tc, test_pre_assoc_psk_sha256_pmf);
	tcase_add_test(tc, test_pre_assoc_mismatches);
	tcase_add_test(tc, test_pre_assoc_invalid_profile_is_synchronous);
	tcase_add_test(tc, test_reset_cancels_pre_assoc);
	tcase_add_test(tc, test_stop_and_reset_during_post_assoc);
	tcase_add_test(tc, test_capability_match_and_the_rest);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
