# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# nl80211 driver: CONNECT to an open BSS through the drv_ops seam, then data
# both ways over the air (ip + ping), then a clean DISCONNECT.  The tool runs
# under valgrind (errors and definite leaks fail the scenario).
# hwsim-timeout: 90

hwsim_radios 2
hostapd_start open.conf
sta_netns 1 sta

tool=$(hwsim_tool nl80211-tool)
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

in_sta ip link set "$sta_if" up
daemon_start tool ip netns exec sta valgrind -q --error-exitcode=99 --leak-check=full \
	"$tool" connect "$sta_if" ihvd-test --freq 2412 --hold --timeout 30
pid=$DAEMON_PID
_wait_alive "$pid" nl80211-tool 60 "tool ready" grep -q '^ready' "$T/tool.log"
grep -q "^event connect-result ifindex=[0-9]* status=0 timed_out=0 bssid=$bssid freq=2412" "$T/tool.log" ||
	fail "no successful CONNECT_RESULT from $bssid on 2412 MHz"
grep -Eq "AP-STA-CONNECTED" "$HOSTAPD_LOG" || fail "hostapd saw no station"
in_sta iw dev "$sta_if" link | grep -q "Connected to $bssid" || fail "iw: not connected to $bssid"

ip_setup "$ap_if" "$sta_if"
ping_check

kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
cat "$T/tool.log"
((rc == 0)) || fail "tool exited with $rc (99: valgrind found errors)"
grep -q '^disconnect err=0' "$T/tool.log" || fail "DISCONNECT did not succeed"
! grep -q '^drv error' "$T/tool.log" || fail "driver errors logged"
wait_log 5 "$HOSTAPD_LOG" "AP-STA-DISCONNECTED"
note "open: connected, ping both ways, disconnected; valgrind clean"
