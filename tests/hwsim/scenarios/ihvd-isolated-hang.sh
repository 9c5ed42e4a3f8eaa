# shellcheck shell=bash
# Issue 11, contract rule 9 enforced: the plugin never returns from
# PerformPostAssociate (tp-wrap around ihv-rsn.so). After
# plugin_handler_timeout_ms (1500 here) ihvd kills its process, says so,
# restarts it and reconnects by itself.
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
plugin_handler_timeout_ms=1500
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_wrap_env hang:PerformPostAssociate:1
ihvd_start "$T/net.conf" "$sta_if" -p "$(build_dir)/tests/plugins/tp-wrap.so"
wait_log 40 "$IHVD_LOG" \
	"Dot11ExtIhvPerformPostAssociate did not return within 1500 ms \(contract rule 9\): killed" ||
	fail "the hanging handler was not killed at its deadline"
ihvd_wait_state 60 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ihvd_cli status | grep -qx 'ihv_plugin_crashes=1' || fail "STATUS: no ihv_plugin_crashes=1"
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_stop
note "isolated-hang: PerformPostAssociate killed after 1500 ms, restarted, reconnected, ping"
