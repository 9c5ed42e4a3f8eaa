# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Group key every 2 s (wpa_group_rekey=2) for 20 s of traffic: ihvd's plugin
# answers every group-key handshake and not one packet is lost.  The AP's ARP
# cache is flushed before each burst so its broadcast ARP requests (sent with
# the current GTK) must be decrypted by the station.
# hwsim-timeout: 120
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk-rekey.conf
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
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
sta_mac=$(ihvd_sta_mac)
before=$(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true)

end=$(($(now_ms) + 20000))
bursts=0
while (($(now_ms) < end)); do
	ip neigh flush dev "$ap_if"
	out=$(busybox ping -c 5 -i 0.2 -w 4 "$HWSIM_STA_IP" 2>&1) || true
	tx=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' <<<"$out")
	rx=$(sed -n 's/.* \([0-9]*\) packets received.*/\1/p' <<<"$out")
	[[ -n $tx && $tx -ge 5 && $rx == "$tx" ]] || { echo "$out"; fail "packets lost during GTK rekeys (burst $bursts)"; }
	bursts=$((bursts + 1))
done
_ping_all sta "$HWSIM_AP_IP" || fail "station -> AP lost packets after the rekeys"
after=$(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true)
rekeys=$((after - before))
((rekeys >= 5)) || fail "only $rekeys group key handshakes completed in 20 s (want >= 5)"
_ihvd_state_is COMPLETED || fail "ihvd left COMPLETED during the rekeys"
! grep -q "AP-STA-DISCONNECTED $sta_mac" "$HOSTAPD_LOG" || fail "the station was disconnected during the rekeys"
ihvd_stop
note "gtk-rekey: $rekeys group key handshakes in 20 s, $bursts ping bursts, no loss"
