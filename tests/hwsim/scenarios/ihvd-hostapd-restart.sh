# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The AP goes away and comes back: ihvd notices, backs off, rescans and
# reconnects by itself; data flows again.
# hwsim-timeout: 120
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
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK

hostapd_stop
wait_for 10 "ihvd to notice the AP left" eval '! _ihvd_state_is COMPLETED'
grep -q 'CTRL-EVENT-DISCONNECTED\|connection to "ihvd-test" ended' "$IHVD_LOG" ||
	fail "ihvd logged no disconnection"
mv "$HOSTAPD_LOG" "$T/hostapd-first.log"
t0=$(now_ms)
hostapd_start wpa2-psk.conf "$ap_if"
ihvd_wait_state 40 COMPLETED
note "hostapd back -> ihvd COMPLETED: $(($(now_ms) - t0)) ms"
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_stop
