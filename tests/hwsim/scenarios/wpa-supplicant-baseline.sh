# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Baseline: Debian's wpa_supplicant 2.10 joins hostapd (WPA2-PSK, CCMP) over
# mac80211_hwsim, the 4-way handshake completes on both sides, and unicast
# traffic flows both ways.  The reference point ihvd's scenarios and the
# benchmarks compare against.
# hwsim-timeout: 90

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta

ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/sta.conf" <<'EOF'
network={
	ssid="ihvd-test"
	key_mgmt=WPA-PSK
	proto=RSN
	pairwise=CCMP
	group=CCMP
	psk="correct horse battery"
	scan_freq=2412
}
EOF

t0=$(now_ms)
wpas_start "$T/sta.conf" "$sta_if" sta
wpas_wait_state 20 COMPLETED
t_sta=$(now_ms)
wait_log 5 "$HOSTAPD_LOG" 'EAPOL-4WAY-HS-COMPLETED'
note "wpa_supplicant start -> wpa_state=COMPLETED: $((t_sta - t0)) ms"

# Station side: the negotiated suite is what the AP offers.
status=$(wpas_cli_ status)
echo "$status"
grep -qx "bssid=$bssid" <<<"$status" || fail "station is not associated to the AP $bssid"
grep -qx 'key_mgmt=WPA2-PSK' <<<"$status" || fail "key_mgmt is not WPA2-PSK"
grep -qx 'pairwise_cipher=CCMP' <<<"$status" || fail "pairwise cipher is not CCMP"
grep -qx 'group_cipher=CCMP' <<<"$status" || fail "group cipher is not CCMP"
sta_mac=$(sed -n 's/^address=//p' <<<"$status")
grep -q 'WPA: Key negotiation completed' "$WPAS_LOG" || fail "wpa_supplicant did not log key negotiation"

# AP side: the station is authorized (port open after 4/4).
sta_info=$(hostapd_cli_ sta "$sta_mac")
echo "$sta_info"
grep -q '\[AUTHORIZED\]' <<<"$sta_info" || fail "hostapd does not list $sta_mac as AUTHORIZED"
grep -Eq "AP-STA-CONNECTED $sta_mac" "$HOSTAPD_LOG" || fail "no AP-STA-CONNECTED for $sta_mac"

# The driver agrees.
in_sta iw dev "$sta_if" link | grep -q "Connected to $bssid" || fail "iw: $sta_if not connected to $bssid"

# Data over the air, both ways, with the pairwise key in use.
ip_setup "$ap_if" "$sta_if"
ping_check
