# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# ihvd under valgrind on real Wi-Fi: it connects through ihv-rsn.so (plugin
# loaded, pre-association, 4-way handshake, keys, port), passes data, sees a
# GTK rekey, and shuts down on SIGTERM (DeinitAdapter, DeinitService,
# dlclose) with no memory error and no leak (valgrind's exit status 99
# would fail ihvd_stop).
# hwsim-timeout: 300
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
	scan_freq=2412
}
EOF2

log_register "$T/valgrind.log"
# shellcheck disable=SC2034,SC2054 # read by ihvd_start / ihvd_stop; commas are valgrind's
IHVD_WRAP=(valgrind --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
	--log-file="$T/valgrind.log")
IHVD_START_TIMEOUT=90
IHVD_STOP_TIMEOUT=90
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 120 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
ping_check

# A group rekey exercises the post-authorization path (ReceivePacket, SetDefaultKey).
before=$(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true)
hostapd_cli_ raw REKEY_GTK | grep -qx OK || fail "hostapd refused REKEY_GTK"
rekeyed() { (($(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true) > before)); }
wait_for 60 "the AP's group key handshake with ihvd under valgrind" rekeyed
ping_check

ihvd_stop
grep -q 'ERROR SUMMARY: 0 errors' "$T/valgrind.log" || fail "valgrind reported errors (see valgrind.log)"
grep -q 'definitely lost: 0 bytes\|All heap blocks were freed' "$T/valgrind.log" ||
	fail "valgrind found leaks (see valgrind.log)"
note "ihvd under valgrind: connect, ping, GTK rekey, SIGTERM: 0 errors, no leaks"
