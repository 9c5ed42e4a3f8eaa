# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The reference plugin asks for a passphrase through the contract's UI path: a WPA-PSK
# block with mem_only_psk=1 and no psk makes ihv-rsn call Dot11ExtSendUIRequest
# ("PSK_PASSPHRASE:..."), ihvd shows CTRL-REQ-PSK_PASSPHRASE-0, Debian's wpa_cli
# psk_passphrase answers, the connection completes and traffic flows; the answer never
# appears in the log.  A reconnect reuses the answer (kept in memory, as mem_only_psk).
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
	key_mgmt=WPA-PSK
	mem_only_psk=1
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
wait_log 30 "$IHVD_LOG" 'CTRL-REQ-PSK_PASSPHRASE-0:Passphrase needed for SSID ihvd-test'
ihvd_cli psk_passphrase 0 "correct horse battery" | grep -qx OK || fail "wpa_cli psk_passphrase was not accepted"
ihvd_wait_state 30 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_cli disconnect >/dev/null
ihvd_wait_state 10 DISCONNECTED
ihvd_cli reconnect >/dev/null
ihvd_wait_state 30 COMPLETED
(($(grep -c 'CTRL-REQ-PSK_PASSPHRASE' "$IHVD_LOG") == 1)) || fail "asked again on the reconnect"
! grep -q 'correct horse battery' "$IHVD_LOG" || fail "the passphrase appears in ihvd's log"
ihvd_stop
note "psk-ask: CTRL-REQ-PSK_PASSPHRASE-0 answered with wpa_cli psk_passphrase, connected, ping"
