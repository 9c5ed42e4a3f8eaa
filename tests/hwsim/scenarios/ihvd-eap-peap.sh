# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# WPA2-Enterprise (WPA-EAP) through the contract's 802.1X path against hostapd's
# integrated EAP server: PEAP/MSCHAPv2 connects (ihv-rsn calls StartOneX, the host's
# module runs EAP, the PMK comes back in OnexIndicateResult), unicast flows while the
# group key is renewed every 3 s; a reconnect to the same AP uses the cached PMKSA (no
# EAP on the air); with the PMKSA flushed, the full EAP run resumes the TLS session kept
# from the first connection; a block without password asks for it (CTRL-REQ-PASSWORD-0) and
# Debian's wpa_cli answers, and a wrong password typed at the next connection's prompt fails in
# full instead of resuming the session the right one saved; a wrong password fails clearly,
# naming the method and the
# outcome, and the network is disabled after 3 attempts instead of retrying forever.
# hwsim-timeout: 240
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/eap-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/eap-lib.sh"

hwsim_radios 2
eap_pki
eap_hostapd_start WPA-EAP wpa_group_rekey=3 tls_session_lifetime=3600
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
ip_setup "$ap_if" "$sta_if"
peap=(key_mgmt=WPA-EAP eap=PEAP 'identity="alice"' 'anonymous_identity="anonymous"'
	"ca_cert=\"$EAP_PKI/ca.pem\"" 'domain_suffix_match="example.com"' 'phase2="auth=MSCHAPV2"')

# --- 1. PEAP/MSCHAPv2, traffic across GTK rekeys -------------------------------------------
eap_run peap "${peap[@]}" 'password="alice-secret-7"'
eap_completed 30
ihvd_check_connected "$bssid" "WPA2/IEEE 802.1X/EAP"
grep -q 'CTRL-EVENT-EAP-SUCCESS EAP authentication completed successfully (PEAP/MSCHAPv2: success)' \
	"$IHVD_LOG" || fail "no CTRL-EVENT-EAP-SUCCESS naming PEAP/MSCHAPv2"
grep -q '802.1X succeeded: PMK from the MSK' "$IHVD_LOG" || fail "the plugin did not take the PMK from OnexIndicateResult"
# issue 16: the EAP peer's first-use work (module, TLS library, MS-CHAPv2 provider, and the
# network's TLS client context with its CA file parsed) ran on a thread at start-up, beside
# the scan, not on the air during the conversation
grep -q '802.1X: EAP peer readied ahead of the first conversation in .*the TLS client context for SSID ihvd-eap)' \
	"$IHVD_LOG" || fail "the EAP peer and its TLS context were not readied at start-up"
sta_mac=$(ihvd_sta_mac)
wait_log 5 "$HOSTAPD_LOG" "CTRL-EVENT-EAP-SUCCESS $sta_mac"
ping_check
before=$(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true)
end=$(($(now_ms) + 10000))
while (($(now_ms) < end)); do
	ip neigh flush dev "$ap_if"
	out=$(busybox ping -c 4 -i 0.25 -w 4 "$HWSIM_STA_IP" 2>&1) || true
	tx=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' <<<"$out")
	rx=$(sed -n 's/.* \([0-9]*\) packets received.*/\1/p' <<<"$out")
	[[ -n $tx && $tx -ge 4 && $rx == "$tx" ]] || { echo "$out"; fail "packets lost during GTK rekeys"; }
done
rekeys=$(($(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true) - before))
((rekeys >= 2)) || fail "only $rekeys group key handshakes in 10 s (want >= 2)"
note "peap: connected, ping, $rekeys GTK rekeys with traffic and no loss"

# --- 2. PMKSA caching: reconnect without EAP -------------------------------------------------
ihvd_cli disconnect >/dev/null
ihvd_wait_state 10 DISCONNECTED
mark=$(eap_log_mark)
ihvd_cli reconnect >/dev/null
eap_completed 30
grep -q 'PMKSA cached: offering the PMKID' "$IHVD_LOG" || fail "the reconnect did not offer the cached PMKID"
wait_for 5 "hostapd's AP-STA-CONNECTED after the reconnect" \
	eap_connected_since "$mark" "$sta_mac" ||
	fail "hostapd logged no AP-STA-CONNECTED for the reconnect"
eap_cached_since "$mark" "$sta_mac" ||
	fail "EAP ran again on the reconnect (PMKSA caching not used)"
ping_check
note "pmksa: reconnected with the cached PMKID, no EAP on the air"

# --- 2b. the PMKSA forgotten: the full EAP run resumes the TLS session -----------------------
# (the station's EAP session cache outlives the connection; hostapd keeps sessions for an hour)
n_eap=$(eap_eap_starts)
n_res=$(eap_resumptions)
eap_flush_reconnect
eap_completed 30
(($(eap_eap_starts) > n_eap)) || fail "no EAP on the reconnect after the PMKSA flush"
(($(eap_resumptions) > n_res)) ||
	fail "the full EAP run of the reconnect did not resume the TLS session"
ping_check
note "resumption: PMKSA flushed, EAP ran again and resumed the TLS session"
! grep -q 'alice-secret-7' "$IHVD_LOG" || fail "the password appears in ihvd's log"
eap_stop peap

# --- 3. no password in the block: asked and answered through wpa_cli -------------------------
eap_run ask "${peap[@]}"
wait_log 30 "$IHVD_LOG" 'CTRL-REQ-PASSWORD-0:Password needed for SSID ihvd-eap'
ihvd_cli password 0 "alice-secret-7" | grep -qx OK || fail "wpa_cli password was not accepted"
eap_completed 30
ihvd_check_connected "$bssid" "WPA2/IEEE 802.1X/EAP"
! grep -q 'alice-secret-7' "$IHVD_LOG" || fail "the answer appears in ihvd's log"
note "ask: CTRL-REQ-PASSWORD-0 answered with wpa_cli password, connected"

# --- 3b. the TLS session saved under the typed password does not serve a wrong one ----------
# (PEAP skips MSCHAPv2 on resumption: a resumed session would let the wrong password in)
password_requests() { grep -c 'CTRL-REQ-PASSWORD-0:' "$IHVD_LOG" || true; }
more_password_requests() { (($(password_requests) > $1)); }
n_req=$(password_requests)
n_res=$(eap_resumptions)
eap_flush_reconnect
wait_for 30 "a new CTRL-REQ-PASSWORD-0" more_password_requests "$n_req" ||
	fail "the reconnect did not ask for the password again"
ihvd_cli password 0 "not the password" | grep -qx OK || fail "wpa_cli password was not accepted"
wait_log 40 "$IHVD_LOG" 'CTRL-EVENT-EAP-FAILURE EAP authentication failed: PEAP/MSCHAPv2: authentication failed \(E=691\)'
(($(eap_resumptions) == n_res)) ||
	fail "the session saved under the right typed password resumed for a wrong one"
! _ihvd_state_is COMPLETED || fail "connected with a wrong typed password"
eap_stop ask
note "ask: a wrong password typed on the next connection fails in full (E=691), no resumption"

# --- 4. a wrong password: a clear failure, then the network is given up -----------------------
eap_run wrong "${peap[@]}" 'password="not the password"'
wait_log 40 "$IHVD_LOG" 'CTRL-EVENT-EAP-FAILURE EAP authentication failed: PEAP/MSCHAPv2: authentication failed \(E=691\)'
wait_log 90 "$IHVD_LOG" 'CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid="ihvd-eap" auth_failures=3 reason=AUTH_FAILED'
n_eap=$(eap_eap_starts)
sleep 6
(($(eap_eap_starts) == n_eap)) || fail "ihvd kept retrying after giving up"
! _ihvd_state_is COMPLETED || fail "connected with a wrong password"
eap_stop wrong
note "wrong password: 'PEAP/MSCHAPv2: authentication failed (E=691)', disabled after 3 attempts"
