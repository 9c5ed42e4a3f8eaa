# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The AP renews the pairwise key (hostapd_cli REKEY_PTK): a second 4-way
# handshake on the live link completes and data keeps flowing.
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
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
ping_check
sta_mac=$(ihvd_sta_mac)
n0=$(grep -c "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG")
hostapd_cli_ raw REKEY_PTK "$sta_mac" | grep -qx OK || fail "hostapd refused REKEY_PTK"
wait_for 10 "a second 4-way handshake" eval \
	"(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED $sta_mac' '$HOSTAPD_LOG') > $n0 ))"
ping_check
_ihvd_state_is COMPLETED || fail "ihvd left COMPLETED across the PTK rekey"
! grep -q "AP-STA-DISCONNECTED $sta_mac" "$HOSTAPD_LOG" || fail "the PTK rekey cost the link"
ihvd_stop
note "ptk-rekey: second 4-way handshake completed, ping both ways after it"
