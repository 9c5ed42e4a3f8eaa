# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# ihvd with the PSK as 64 hex digits (no passphrase) against hostapd's
# wpa_psk=: the 4-way handshake completes and data flows.
# hwsim-timeout: 90
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk-hex.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid=696876642d74657374
	psk=0f957a338998a103fb52ee3fdae46f810334f8c8bee61cbfa8444455f4d55698
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ihvd_cli get_network 0 psk | grep -qx FAIL || fail "GET_NETWORK psk must not reveal the key"
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_stop
note "psk-hex: $(ihvd_timeline)"
