# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# A WPA/WPA2 mixed-mode AP (RSNE: pairwise CCMP, group TKIP): ihvd joins it
# through ihv-rsn.so with a plain network block (group= defaults to CCMP TKIP,
# as wpa_supplicant's), traffic crosses both ways (the AP's broadcast ARP
# requests are TKIP-protected with the GTK, so they test its key layout:
# swapped Michael keys would drop them), then a group rekey
# (hostapd_cli raw REKEY_GTK, three times) and traffic with the new TKIP GTK.
# Then an AP with TKIP as its only pairwise cipher and a WPA1-only AP: ihvd
# refuses both and says why at info level, once per cause, not per retry.
# hwsim-timeout: 150
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 3
hostapd_start wpa-mixed.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
status=$(ihvd_cli status)
echo "$status"
grep -qx "bssid=$bssid" <<<"$status" || fail "ihvd is not associated to $bssid"
grep -qx 'key_mgmt=WPA2-PSK' <<<"$status" || fail "key_mgmt is not WPA2-PSK"
grep -qx 'pairwise_cipher=CCMP' <<<"$status" || fail "pairwise cipher is not CCMP"
grep -qx 'group_cipher=TKIP' <<<"$status" || fail "group cipher is not TKIP"
sta_mac=$(ihvd_sta_mac)
wait_log 5 "$HOSTAPD_LOG" "EAPOL-4WAY-HS-COMPLETED $sta_mac"
hostapd_cli_ sta "$sta_mac" | grep -q '\[AUTHORIZED\]' || fail "hostapd does not list $sta_mac as AUTHORIZED"
# hostapd took the RSN (WPA2) side, not WPA1
hostapd_cli_ sta "$sta_mac" | grep -q 'AKMSuiteSelector=00-0f-ac-2' ||
	fail "hostapd does not show the RSN PSK AKM for $sta_mac"
ip_setup "$ap_if" "$sta_if"
ip neigh flush dev "$ap_if"
ping_check

before=$(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true)
for round in 1 2 3; do
	hostapd_cli_ raw REKEY_GTK | grep -qx OK || fail "hostapd: REKEY_GTK failed"
	want=$((before + round))
	wait_for 10 "group key handshake $round" eval \
		"(( \$(grep -c 'group key handshake completed' '$HOSTAPD_LOG' || true) >= $want ))" ||
		fail "group rekey $round did not complete"
	# the AP's ARP request after the flush goes out with the new TKIP GTK
	ip neigh flush dev "$ap_if"
	ping_check
done
_ihvd_state_is COMPLETED || fail "ihvd left COMPLETED during the rekeys"
! grep -q "AP-STA-DISCONNECTED $sta_mac" "$HOSTAPD_LOG" || fail "the station was disconnected during the rekeys"
! grep -qi "michael mic failure" "$IHVD_LOG" || fail "Michael MIC failures with the TKIP GTK"
grep -q "TKIP" <<<"$(ihvd_cli status)" || fail "STATUS lost the TKIP group cipher"
ihvd_stop
hostapd_stop

# --- refusals: TKIP-only pairwise (RSNE) and WPA1 only (no RSNE) ------------
hostapd_start wpa2-tkip.conf "$ap_if"
hostapd_start wpa1-only.conf "${HWSIM_IF[2]}"
cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-tkip"
	psk="correct horse battery"
	pairwise=CCMP TKIP
}
network={
	ssid="ihvd-wpa1"
	psk="correct horse battery"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
tkip_msg='network id=0 "ihvd-tkip" cannot be joined: the AP offers only TKIP as pairwise cipher: TKIP pairwise is not supported'
wpa1_msg='network id=1 "ihvd-wpa1" cannot be joined: the AP offers only WPA1'
wait_log 30 "$IHVD_LOG" "$tkip_msg"
wait_log 30 "$IHVD_LOG" "$wpa1_msg"
# several more searches (one every 5 s): still said once each
sleep 16
n_tkip=$(grep -cF "$tkip_msg" "$IHVD_LOG" || true)
n_wpa1=$(grep -cF "$wpa1_msg" "$IHVD_LOG" || true)
((n_tkip == 1)) || fail "the TKIP refusal was logged $n_tkip times (want once)"
((n_wpa1 == 1)) || fail "the WPA1 refusal was logged $n_wpa1 times (want once)"
grep -F "$tkip_msg" "$IHVD_LOG" | grep -q " ihvd info: " || fail "the TKIP refusal is not at info level"
grep -F "$wpa1_msg" "$IHVD_LOG" | grep -q " ihvd info: " || fail "the WPA1 refusal is not at info level"
_ihvd_state_is COMPLETED && fail "ihvd joined a TKIP-only or WPA1-only AP"
ihvd_stop
note "mixed-mode: joined CCMP/TKIP-group AP, 3 TKIP GTK rekeys with traffic; TKIP-only and WPA1-only refused once each"
