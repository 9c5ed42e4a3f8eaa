# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# ihvd against a PSK-SHA256 AP that requires PMF (ieee80211w=2): the AKM
# 00-0F-AC:6 is negotiated, the IGTK installed, data flows.
# hwsim-timeout: 90
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start psk-sha256-pmf.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
	key_mgmt=WPA-PSK-SHA256
	ieee80211w=2
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK-SHA256
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_stop
note "psk-sha256-pmf: $(ihvd_timeline)"
