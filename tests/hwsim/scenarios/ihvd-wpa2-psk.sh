# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# ihvd with ihv-rsn.so joins hostapd (WPA2-PSK, CCMP, passphrase): STATUS,
# hostapd and the driver agree, unicast flows both ways, the connection
# timeline is logged, and SIGTERM shuts down in contract order (the AP sees
# the station leave) with exit status 0.
# hwsim-timeout: 90
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
	key_mgmt=WPA-PSK
}
EOF2

t0=$(now_ms)
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
note "ihvd start -> wpa_state=COMPLETED: $(($(now_ms) - t0)) ms"
ihvd_check_connected "$bssid" WPA2-PSK
grep -q 'timeline to "ihvd-test" (ms since the request): scan .* authorized [0-9.]* ms' "$IHVD_LOG" ||
	fail "no connection timeline in the log"
note "$(ihvd_timeline)"
ihvd_cli list_networks | grep -Eq $'^0\tihvd-test\tany\t\\[CURRENT\\]$' ||
	fail "LIST_NETWORKS does not show network 0 as CURRENT"
! grep -Eq 'correct horse battery' "$IHVD_LOG" || fail "the passphrase appears in ihvd's log"

ip_setup "$ap_if" "$sta_if"
ping_check

sta_mac=$(ihvd_sta_mac)
ihvd_stop
wait_log 5 "$HOSTAPD_LOG" "AP-STA-DISCONNECTED $sta_mac"
! in_sta iw dev "$sta_if" link | grep -q "Connected to" || fail "still connected after ihvd exited"
note "wpa2-psk: connected, ping both ways, clean SIGTERM shutdown"
