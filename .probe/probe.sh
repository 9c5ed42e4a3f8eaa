# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# hwsim-timeout: 90
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
sta=$(ihvd_sta_mac)
craft=$(hwsim_tool eapol-craft)
f=$($craft --info 008a --replay 1000 --nonce $(printf '5a%.0s' {1..32}))
hostapd_cli_ raw "EAPOL_TX $sta $f"
sleep 1
ihvd_cli status
ihvd_cli raw STATUS-DROPS
grep -n "" "$HOSTAPD_LOG" | tail -40
sleep 6
ihvd_cli status
grep -i "abandon\|rekey\|timed out" "$IHVD_LOG" | tail
false
