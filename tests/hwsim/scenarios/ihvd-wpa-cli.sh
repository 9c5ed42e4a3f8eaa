# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Debian's wpa_cli drives ihvd unchanged: STATUS, LIST_NETWORKS, SCAN and
# SCAN_RESULTS, DISCONNECT (the link goes down and stays down), RECONNECT
# (back up, timed), and an ATTACHed wpa_cli -a sees the events.
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
	id_str="lab"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
cat >"$T/action.sh" <<EOF2
#!/bin/sh
echo "\$2 \$WPA_ID \$WPA_ID_STR" >>"$T/actions"
EOF2
chmod +x "$T/action.sh"
wpa_cli -p "$IHVD_CTRL" -i "$sta_if" -a "$T/action.sh" >"$T/wpa_cli-a.log" 2>&1 &
pid_register $!
log_register "$T/wpa_cli-a.log"

ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ihvd_cli ping | grep -qx PONG || fail "PING"
ihvd_cli list_networks | tee /dev/stderr | grep -Eq $'^0\tihvd-test\tany\t\\[CURRENT\\]$' ||
	fail "LIST_NETWORKS"
scans=$(grep -c 'event CTRL-EVENT-SCAN-RESULTS' "$IHVD_LOG" || true)
ihvd_cli scan | grep -Eqx 'OK|FAIL-BUSY' || fail "SCAN"
# A scan while associated is slow under TCG (off-channel dwell on every channel).
wait_for 40 "the scan to finish" eval \
	"(( \$(grep -c 'event CTRL-EVENT-SCAN-RESULTS' '$IHVD_LOG') > $scans ))"
results=$(ihvd_cli scan_results)
echo "$results"
[[ $(head -n1 <<<"$results") == 'bssid / frequency / signal level / flags / ssid' ]] ||
	fail "SCAN_RESULTS header"
re="^$bssid"$'\t''2412'$'\t''-?[0-9]+'$'\t''\[WPA2-PSK-CCMP\]\[ESS\]'$'\t''ihvd-test$'
[[ $(grep "^$bssid" <<<"$results") =~ $re ]] || fail "SCAN_RESULTS does not list the AP as wpa_supplicant would"
sta_mac=$(ihvd_sta_mac)
_ihvd_state_is COMPLETED || fail "the scan cost the link"

ihvd_cli disconnect | grep -qx OK || fail "DISCONNECT"
wait_log 5 "$HOSTAPD_LOG" "AP-STA-DISCONNECTED $sta_mac"
ihvd_wait_state 5 DISCONNECTED
sleep 2
_ihvd_state_is DISCONNECTED || fail "ihvd reconnected by itself after DISCONNECT"

n0=$(grep -c "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG")
t0=$(now_ms)
ihvd_cli reconnect | grep -qx OK || fail "RECONNECT"
ihvd_wait_state 20 COMPLETED
t1=$(now_ms)
wait_for 5 "hostapd: second handshake" eval \
	"(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED $sta_mac' '$HOSTAPD_LOG') > $n0 ))"
note "RECONNECT -> COMPLETED (wpa_cli polling): $((t1 - t0)) ms; $(ihvd_timeline)"
ip_setup "$ap_if" "$sta_if"
ping_check

wait_for 5 "wpa_cli -a saw the events" eval \
	"grep -q '^CONNECTED 0 lab' '$T/actions' && grep -q '^DISCONNECTED' '$T/actions'"
cat "$T/actions"
ihvd_cli terminate | grep -qx OK || fail "TERMINATE"
wait_for 5 "ihvd to exit on TERMINATE" eval "! _pid_alive $IHVD_PID"
rc=0
wait "$IHVD_PID" || rc=$?
IHVD_PID=""
((rc == 0)) || fail "ihvd exited with $rc after TERMINATE"
[[ ! -e $IHVD_CTRL/$sta_if ]] || fail "the control socket was left behind"
