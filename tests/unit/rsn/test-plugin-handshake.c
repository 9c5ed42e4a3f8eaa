// SPDX-License-Identifier: BSD-3-Clause
/*
 * 4-way handshakes through ihv-rsn's handlers: the recorded fixtures of
 * /work/shared/data/handshakes/README.md (byte-exact messages 2 and 4), an in-test
 * authenticator (test-auth.h), a wrong passphrase, a timeout, garbage frames and a send
 * failure.
 */

#include "tests/unit/rsn/test-plugin-env.h"

/* README wpa2-psk-ccmp.pcap, byte-exact. */
START_TEST(test_fixture_wpa2_psk)
{
	uint8_t snonce[32], tk[16], plain[256];
	struct kde_info kde;
	char out[4096];
	DWORD n = 0;

	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	test_unhex("758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a", snonce);
	ck_assert_uint_eq(rsn_plugin_test_set_snonce(ad, snonce), ERROR_SUCCESS);
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	tx_is(0, "0103007502010a00000000000000000001758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a00000000000000000000000000000000000000000000000000000000000000003588715e295ccae68430b99a91d08149001630140100000fac040100000fac040100000fac020000");
	rx_hex("020300970213ca001000000000000000022a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb00000000000000000000000000000000000000000000000000000000000000000e49d54a8483a131f8f789b0b92ccf750038b51180c0c91a387e2cd6b70edded2a446a302f3fe9647736178d1514f620c6e21a37c45b0cd62bdef0717ccd8f46c09f867badc84baac2a3");
	tx_is(1, "0103005f02030a00000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007f258c8c0126fcf164b660e5c3e59b460000");
	/* msg 4 first, then the PTK (SetKeyMappingKey), then the GTK (SetDefaultKey) */
	ck_assert_int_eq(rec.nptk, 1);
	test_unhex("2a965ab9bbdd3819ca657461949d9c82", tk);
	ck_assert_uint_eq(rec.ptk[0].key_len, 16);
	ck_assert_mem_eq(rec.ptk[0].key, tk, 16);
	ck_assert_mem_eq(rec.ptk[0].mac, AA, 6);
	ck_assert_uint_eq(rec.ptk[0].algo, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_uint_eq(rec.ptk[0].dir, DOT11_DIR_BOTH);
	ck_assert_int_gt(rec.ptk[0].seq, rec.tx[1].seq);
	fixture_group_keys("020300970213ca001000000000000000022a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb00000000000000000000000000000000000000000000000000000000000000000e49d54a8483a131f8f789b0b92ccf750038b51180c0c91a387e2cd6b70edded2a446a302f3fe9647736178d1514f620c6e21a37c45b0cd62bdef0717ccd8f46c09f867badc84baac2a3",
			   "ac947c2b14cf63273901de26b65702b8", &kde, plain);
	ck_assert_int_eq(rec.ndk, 1);
	ck_assert_uint_eq(rec.dk[0].idx, kde.gtk_idx);
	ck_assert_uint_eq(rec.dk[0].key_len, 16);
	ck_assert_mem_eq(rec.dk[0].key, kde.gtk, 16);
	ck_assert_mem_eq(rec.dk[0].mac, "\0\0\0\0\0\0", 6);
	ck_assert_uint_eq(rec.dk[0].dir, DOT11_DIR_INBOUND);
	ck_assert_uint_eq(rec.dk[0].algo, DOT11_CIPHER_ALGO_CCMP);
	ck_assert_int_gt(rec.dk[0].seq, rec.ptk[0].seq);
	/* then the port is authorized, from ReceivePacket (not from PerformPostAssociate) */
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	ck_assert_uint_eq(rec.post_reason, L2_REASON_CODE_SUCCESS);
	ck_assert_ptr_eq(rec.post_session, (HANDLE)0x99);
	ck_assert_int_gt(rec.post_seq, rec.dk[0].seq);
	ck_assert(!rec.completed_in_handler);
	complete_all_sends();

	/* the group rekey: group message 2 byte-exact, the new GTK installed */
	rx_hex("0203007f02138200000000000000000003000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004d805a496b854e3a99ebde52551d283c002058391bedfe16987f6363d915ec05016de35c600709d0026a08724251058d1554");
	tx_is(2, "0103005f0203020000000000000000000300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000e4d8a91d9224361c3359f64f2e27bcae0000");
	fixture_group_keys("0203007f02138200000000000000000003000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004d805a496b854e3a99ebde52551d283c002058391bedfe16987f6363d915ec05016de35c600709d0026a08724251058d1554",
			   "ac947c2b14cf63273901de26b65702b8", &kde, plain);
	ck_assert_int_eq(rec.ndk, 2);
	ck_assert_uint_eq(rec.dk[1].idx, kde.gtk_idx);
	ck_assert_mem_eq(rec.dk[1].key, kde.gtk, 16);
	ck_assert_int_eq(rec.post_calls, 1);
	complete_all_sends();

	/* Control "stats" (rule 68): size always returned, copied only when it fits */
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", 4, (PBYTE)out, &n),
			  ERROR_MORE_DATA);
	ck_assert_uint_gt(n, 4);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 6, (PBYTE) "stats", sizeof(out), (PBYTE)out,
					       &n), ERROR_SUCCESS);
	ck_assert_uint_eq(strlen(out) + 1, n);
	ck_assert_ptr_nonnull(strstr(out, "msg2_sent=1 msg4_sent=1 group2_sent=1"));
	ck_assert_ptr_nonnull(strstr(out, "handshake=established"));
	ck_assert_ptr_nonnull(strstr(out, "pmk_derivations=1"));
}
END_TEST

/* README psk-sha256-pmf.pcap: KDF-SHA256, AES-CMAC MIC, IGTK. */
START_TEST(test_fixture_psk_sha256_pmf)
{
	uint8_t snonce[32], tk[16], plain[256];
	struct kde_info kde;
	const char *m3 = "020300b70213cb00100000000000000002e0f0ff4600eb776abfdfdf31db0a1d75e7032c8a639fd34fe5e2825ddb0e2e74000000000000000000000000000000000000000000000000000000000000000001bda3356f78da5022a07b5092b1a042005829c8c2b86be5d65544ba25d07c775f331f18165db6f878d757c3a0343e784a0b5e8d39231e3946861aa5efcabaaa85064019e0f5abb0b961b76b0bd9085b6648048ebdc51ebd164b15e46b20325d194fe8373e761178d6c7";

	pre_assoc_ok(PMF_PROBE, "WPA-PSK-SHA256", 2);
	post_assoc_fixture(PMF_ASSOC, PMF_PROBE);
	test_unhex("29952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee", snonce);
	ck_assert_uint_eq(rsn_plugin_test_set_snonce(ad, snonce), ERROR_SUCCESS);
	rx_hex("0203005f02008b00100000000000000001e0f0ff4600eb776abfdfdf31db0a1d75e7032c8a639fd34fe5e2825ddb0e2e740000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	tx_is(0, "0103007b02010b0000000000000000000129952ea45356856e4723261769e9c2a107c6bd99960fe2d8f4898a7ed786f5ee00000000000000000000000000000000000000000000000000000000000000002b76fb6d2f90a6b87f6714e5cad6318b001c301a0100000fac040100000fac040100000fac06c0000000000fac06");
	rx_hex(m3);
	tx_is(1, "0103005f02030b00000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002ff0af854cc5963dcc7e4ea83c3769970000");
	test_unhex("bb81e9e1d6b04e55687732dc8be3bd14", tk);
	ck_assert_int_eq(rec.nptk, 1);
	ck_assert_mem_eq(rec.ptk[0].key, tk, 16);
	fixture_group_keys(m3, "1bb4a6d80c6f77b5d5ea94571b753399", &kde, plain);
	ck_assert_ptr_nonnull(kde.igtk);
	ck_assert_int_eq(rec.ndk, 2);
	ck_assert_uint_eq(rec.dk[0].idx, kde.gtk_idx);
	ck_assert_mem_eq(rec.dk[0].key, kde.gtk, 16);
	/* the IGTK: BIP, key index 4/5, the IPN as the counter */
	ck_assert_uint_eq(rec.dk[1].algo, DOT11_CIPHER_ALGO_BIP);
	ck_assert_uint_eq(rec.dk[1].idx, kde.igtk_idx);
	ck_assert(rec.dk[1].idx == 4 || rec.dk[1].idx == 5);
	ck_assert_mem_eq(rec.dk[1].key, kde.igtk, 16);
	ck_assert_mem_eq(rec.dk[1].ctr, kde.igtk_ipn, 6);
	ck_assert_uint_eq(rec.dk[1].dir, DOT11_DIR_INBOUND);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	rx_hex("0203009f02138300000000000000000003000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001d986a8e4274799f263407926fb245e0004046da5c44ebbdbbdf46346d03a0be7181bba98a233383c131158c68d2895dc48180a9f0a85b10ad9cdb92b7958c28063dfbad2bf78b02e12151059816d55cda69");
	tx_is(2, "0103005f0203030000000000000000000300000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000630dd3996d0098029c5f14700b224a200000");
	complete_all_sends();
}
END_TEST

/* An in-test authenticator (test-auth.h) with a fresh handshake, AKM 6 + PMF. */
START_TEST(test_authenticator_psk_sha256_pmf)
{
	struct test_auth a;
	uint8_t pmk[32], req[512], bcn[512], f[1024];
	size_t rl = fixture_ies(PMF_ASSOC, 4, req), bl, n;

	test_unhex(PMK_HEX, pmk);
	test_auth_init(&a, RSN_AKM_PSK_SHA256, true, pmk, 42);
	/* the station RSNE is what the host put into the association request */
	a.sta_rsne_len = test_unhex("301a0100000fac040100000fac040100000fac06c0000000000fac06",
				    a.sta_rsne);
	bcn[0] = 0;
	bcn[1] = 9;
	memcpy(bcn + 2, "ihvd-test", 9);
	memcpy(bcn + 11, a.ap_rsne, a.ap_rsne_len);
	bl = 11 + a.ap_rsne_len;
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0); /* any pre-association... */
	h.Dot11ExtIhvAdapterReset(ad);          /* ...is undone by a reset */
	{
		struct prof p;
		DWORD reason;

		prof_make(&p, "WPA-PSK-SHA256", 2);
		ck_assert_uint_eq(pre_assoc(&p, bcn, bl, &reason), ERROR_SUCCESS);
		prof_free(&p);
		run_timers(0);
		ck_assert_uint_eq(rec.pre_err, ERROR_SUCCESS);
	}
	ck_assert_uint_eq(post_assoc(req, rl, bcn, bl), ERROR_SUCCESS);
	n = test_auth_msg1(&a, f, sizeof(f));
	ck_assert_uint_eq(rx(f, n), ERROR_SUCCESS);
	ck_assert_int_eq(rec.ntx, 1);
	ck_assert_int_eq(test_auth_rx(&a, rec.tx[0].data + 8, rec.tx[0].len - 8, true), 0);
	n = test_auth_msg3(&a, f, sizeof(f));
	ck_assert_uint_eq(rx(f, n), ERROR_SUCCESS);
	ck_assert_int_eq(rec.ntx, 2);
	ck_assert_int_eq(test_auth_rx(&a, rec.tx[1].data + 8, rec.tx[1].len - 8, false), 0);
	ck_assert_mem_eq(rec.ptk[0].key, a.ptk.tk, 16);
	ck_assert_uint_eq(rec.dk[0].idx, a.gtk_idx);
	ck_assert_mem_eq(rec.dk[0].key, a.gtk, 16);
	ck_assert_uint_eq(rec.dk[1].idx, a.igtk_idx);
	ck_assert_mem_eq(rec.dk[1].key, a.igtk, 16);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	/* the PMK came from the cache: the first pre-association derived it already */
	{
		char out[2048];
		DWORD k;

		ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", sizeof(out),
						       (PBYTE)out, &k), ERROR_SUCCESS);
		ck_assert_ptr_nonnull(strstr(out, "pmk_cache_hits=1 pmk_derivations=1"));
	}
	complete_all_sends();
}
END_TEST

/* A wrong passphrase: the AP resends message 1 (same ANonce) instead of message 3. */
START_TEST(test_wrong_passphrase)
{
	struct test_auth a;
	uint8_t pmk[32], f[1024];
	size_t n;

	memset(pmk, 0x5a, sizeof(pmk)); /* the AP's PSK, not ours */
	test_auth_init(&a, RSN_AKM_PSK, false, pmk, 7);
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	n = test_auth_msg1(&a, f, sizeof(f));
	rx(f, n);
	ck_assert_int_eq(rec.ntx, 1);
	ck_assert_int_eq(test_auth_rx(&a, rec.tx[0].data + 8, rec.tx[0].len - 8, true), -1);
	/* the same frame again (no new replay counter) is not a retransmission */
	rx(f, n);
	for (int i = 0; i < RSN_PLUGIN_PSK_MISMATCH_REPEATS; i++) {
		ck_assert_int_eq(rec.post_calls, 0);
		a.replay++;
		n = test_auth_build(&a, test_auth_info(&a, EAPOL_KEY_INFO_PAIRWISE), 16, a.anonce,
				    NULL, NULL, 0, f, sizeof(f));
		rx(f, n);
	}
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_PSK_MISMATCH);
	ck_assert_uint_ne(rec.post_err, ERROR_SUCCESS);
	ck_assert_str_eq(rsn_reason_str(rec.post_reason),
			 "PSK mismatch: the AP rejected message 2 (wrong passphrase?)");
	ck_assert_int_eq(rec.nptk, 0);
	/* later frames change nothing */
	a.replay++;
	n = test_auth_build(&a, test_auth_info(&a, EAPOL_KEY_INFO_PAIRWISE), 16, a.anonce, NULL,
			    NULL, 0, f, sizeof(f));
	rx(f, n);
	ck_assert_int_eq(rec.post_calls, 1);
	complete_all_sends();
}
END_TEST

START_TEST(test_handshake_timeout)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	ck_assert_int_gt(run_timers(RSN_HS_DEFAULT_TIMEOUT_MS), 0);
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_HS_TIMEOUT_MSG1);
	ck_assert_uint_eq(rec.post_err, ERROR_TIMEOUT);
}
END_TEST

START_TEST(test_garbage_never_crashes)
{
	uint8_t pkt[600], eapol[512];
	char out[2048];
	DWORD n;
	uint32_t seed = 1;

	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 0, NULL), ERROR_INVALID_PARAMETER);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 7, pkt), ERROR_INVALID_PARAMETER);
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(NULL, 8, pkt), ERROR_INVALID_HANDLE);
	memset(pkt, 0, sizeof(pkt));
	memcpy(pkt, "\x02\x00\x00\x00\x00\x07", 6); /* another peer */
	pkt[6] = 0x88;
	pkt[7] = 0x8e;
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 100, pkt), ERROR_INVALID_PARAMETER);
	memcpy(pkt, AA, 6);
	pkt[7] = 0x8f;
	ck_assert_uint_eq(h.Dot11ExtIhvReceivePacket(ad, 100, pkt), ERROR_INVALID_PARAMETER);
	for (int i = 0; i < 2000; i++) {
		size_t len = (size_t)(seed % sizeof(eapol));

		for (size_t j = 0; j < len; j++) {
			seed = seed * 1103515245u + 12345u;
			eapol[j] = (uint8_t)(seed >> 16);
		}
		if (len > 4) { /* make many of them look like EAPOL-Key */
			eapol[0] = 2;
			eapol[1] = 3;
			eapol[2] = (uint8_t)((len - 4) >> 8);
			eapol[3] = (uint8_t)(len - 4);
		}
		rx(eapol, len);
		seed = seed * 1103515245u + 12345u;
	}
	ck_assert_int_eq(rec.post_calls, 0);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 5, (PBYTE) "stats", sizeof(out), (PBYTE)out, &n),
			  ERROR_SUCCESS);
	ck_assert_ptr_nonnull(strstr(out, "rx_wrong_peer=1 rx_wrong_ethertype=1"));
	ck_assert_ptr_nonnull(strstr(out, "handshake=running"));
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 4, (PBYTE) "nope", sizeof(out), (PBYTE)out, &n),
			  ERROR_NOT_SUPPORTED);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(h.Dot11ExtIhvControl(ad, 7, (PBYTE) "reasons", sizeof(out), NULL, &n),
			  ERROR_MORE_DATA);
	ck_assert_uint_gt(n, 100);
	complete_all_sends();
	ck_assert_uint_eq(h.Dot11ExtIhvSendPacketCompletion((HANDLE)pkt), ERROR_NOT_FOUND);
}
END_TEST

START_TEST(test_send_failure_fails_the_handshake)
{
	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	rec.send_result = ERROR_INVALID_STATE;
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_HS_TX);
	ck_assert_uint_ne(rec.post_err, ERROR_SUCCESS);
}
END_TEST

/*
 * Michael MIC failures through ReceiveIndication (IEEE 802.11-2020 12.5.2.4): each one is
 * reported to the AP (EAPOL-Key Request + Error, MIC'd with the KCK); the second within 60 s
 * fails the post-association again (the port closes) and the BSS is refused at the next
 * pre-association.
 */
START_TEST(test_mic_failure_countermeasures)
{
	DOT11_TKIPMIC_FAILURE_PARAMETERS mf;
	uint8_t snonce[32], ies[512], kck[16], mic[20], z[256];
	const uint8_t *f;
	uint16_t info;
	struct prof p;
	DWORD reason = 1;
	size_t n;

	pre_assoc_ok(WPA2_PROBE, "WPA-PSK", 0);
	post_assoc_fixture(WPA2_ASSOC, WPA2_PROBE);
	test_unhex("758d5067f0d9c50ad9f6e19d8f673a4e870000b32c78dd6cc4964ffce7fa0b9a", snonce);
	ck_assert_uint_eq(rsn_plugin_test_set_snonce(ad, snonce), ERROR_SUCCESS);
	rx_hex("0203005f02008a001000000000000000012a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
	rx_hex("020300970213ca001000000000000000022a20fef48fb847356696750cfa6761c9645d03018e89bffc179a2a81d162fafb00000000000000000000000000000000000000000000000000000000000000000e49d54a8483a131f8f789b0b92ccf750038b51180c0c91a387e2cd6b70edded2a446a302f3fe9647736178d1514f620c6e21a37c45b0cd62bdef0717ccd8f46c09f867badc84baac2a3");
	ck_assert_int_eq(rec.post_calls, 1);
	ck_assert_uint_eq(rec.post_err, ERROR_SUCCESS);
	complete_all_sends();

	memset(&mf, 0, sizeof(mf));
	mf.Header.Type = NDIS_OBJECT_TYPE_DEFAULT;
	mf.Header.Revision = 1;
	mf.Header.Size = sizeof(mf);
	mf.bDefaultKeyFailure = TRUE;
	mf.uKeyIndex = 1;
	memcpy(mf.PeerMac, AA, 6);
	/* a malformed indication: refused, nothing sent */
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, IndicationTypeTkipMicFailure, 4, &mf),
			  ERROR_INVALID_PARAMETER);
	ck_assert_int_eq(rec.ntx, 2);

	/* the first failure: a report, the port stays */
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, IndicationTypeTkipMicFailure,
							 sizeof(mf), &mf), ERROR_SUCCESS);
	ck_assert_int_eq(rec.ntx, 3);
	f = rec.tx[2].data + 8;
	n = rec.tx[2].len - 8;
	ck_assert_uint_le(n, sizeof(z));
	info = (uint16_t)(f[5] << 8 | f[6]);
	/* Request, Error, Secure, MIC; a group key (no Pairwise bit); descriptor version 2 */
	ck_assert_uint_eq(info, 0x0800 | 0x0400 | 0x0200 | 0x0100 | 2);
	/* the Key Replay Counter above the AP's last one (2) */
	ck_assert_str_eq(test_hex(f + 9, 8), "0000000000000003");
	/* its MIC verifies with the README's KCK (HMAC-SHA1-128 over the frame, MIC zeroed) */
	test_unhex("d9f7a2b36409585b3392b4345c6cb2d8", kck);
	memcpy(z, f, n);
	memset(z + 81, 0, 16);
	ck_assert_int_eq(rsn_crypto_hmac_sha1(kck, 16, z, n, mic), 0);
	ck_assert_mem_eq(mic, f + 81, 16);
	run_timers(0);
	ck_assert_int_eq(rec.post_calls, 1);

	/* the second within 60 s: reported, then countermeasures close the port */
	ck_assert_uint_eq(h.Dot11ExtIhvReceiveIndication(ad, IndicationTypeTkipMicFailure,
							 sizeof(mf), &mf), ERROR_SUCCESS);
	ck_assert_int_eq(rec.ntx, 4);
	ck_assert_str_eq(test_hex(rec.tx[3].data + 8 + 9, 8), "0000000000000004");
	ck_assert_int_eq(rec.post_calls, 1); /* not inside the handler */
	run_timers(0);
	ck_assert_int_eq(rec.post_calls, 2);
	ck_assert_uint_eq(rec.post_reason, RSN_REASON_TKIP_COUNTERMEASURES);
	ck_assert_uint_ne(rec.post_err, ERROR_SUCCESS);
	complete_all_sends();

	/* the host disconnects; the same BSS is refused for 60 s */
	ck_assert_uint_eq(h.Dot11ExtIhvStopPostAssociate(ad, (PDOT11_MAC_ADDRESS)AA,
							 DOT11_ASSOC_STATUS_DISASSOCIATED_BY_OS),
			  ERROR_SUCCESS);
	ck_assert_uint_eq(h.Dot11ExtIhvAdapterReset(ad), ERROR_SUCCESS);
	n = fixture_ies(WPA2_PROBE, 12, ies);
	prof_make(&p, "WPA-PSK", 0);
	ck_assert_uint_eq(pre_assoc(&p, ies, n, &reason), ERROR_SUCCESS);
	prof_free(&p);
	run_timers(0);
	ck_assert_int_eq(rec.pre_calls, 2);
	ck_assert_uint_eq(rec.pre_reason, RSN_REASON_TKIP_COUNTERMEASURES);
	ck_assert_uint_ne(rec.pre_err, ERROR_SUCCESS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plugin-handshake");
	TCase *tc = tcase_create("handshake");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_fixture_wpa2_psk);
	tcase_add_test(tc, test_mic_failure_countermeasures);
	tcase_add_test(tc, test_fixture_psk_sha256_pmf);
	tcase_add_test(tc, test_authenticator_psk_sha256_pmf);
	tcase_add_test(tc, test_wrong_passphrase);
	tcase_add_test(tc, test_handshake_timeout);
	tcase_add_test(tc, test_garbage_never_crashes);
	tcase_add_test(tc, test_send_failure_fails_the_handshake);
	suite_add_tcase(s, tc);
	return test_run_suite(s);
}
