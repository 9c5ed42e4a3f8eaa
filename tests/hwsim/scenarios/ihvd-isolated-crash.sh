# shellcheck shell=bash
# Issue 11: the plugin aborts in the middle of the 4-way handshake (tp-wrap
# around ihv-rsn.so, abort() in the first ReceivePacket, i.e. at message 1).
# ihvd survives, names the plugin, the signal and the handler, sends
# CTRL-EVENT-IHV-PLUGIN-CRASHED, restarts the plugin host and reconnects by
# itself; STATUS counts the crash.
# hwsim-timeout: 150
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
ihvd_wrap_env abort:ReceivePacket:1
ihvd_start "$T/net.conf" "$sta_if" -p "$(build_dir)/tests/plugins/tp-wrap.so"
wait_log 40 "$IHVD_LOG" "plugin tp-wrap crashed in Dot11ExtIhvReceivePacket" ||
	fail "no crash report naming the plugin and the handler"
grep -q "plugin tp-wrap crashed in Dot11ExtIhvReceivePacket.*signal 6" "$IHVD_LOG" ||
	fail "the crash report does not name the signal"
wait_log 10 "$IHVD_LOG" "CTRL-EVENT-IHV-PLUGIN-CRASHED plugin=tp-wrap crashes=1" ||
	fail "no CTRL-EVENT-IHV-PLUGIN-CRASHED"
ihvd_wait_state 60 COMPLETED
grep -q "plugin tp-wrap restarted" "$IHVD_LOG" || fail "no restart in the log"
ihvd_check_connected "$bssid" WPA2-PSK
ihvd_cli status | grep -qx 'ihv_plugin_crashes=1' || fail "STATUS: no ihv_plugin_crashes=1"
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_stop
note "isolated-crash: abort at 4-way message 1 reported, plugin restarted, reconnected, ping"
