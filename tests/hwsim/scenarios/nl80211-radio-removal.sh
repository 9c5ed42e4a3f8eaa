# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# nl80211 driver: hotplug.  While connected (open BSS), a station interface
# added to the radio is reported (IFACE_ADDED) and its deletion too
# (IFACE_REMOVED); a monitor interface is not reported.  Then the station's
# radio is deleted (HWSIM_CMD_DEL_RADIO) mid-connection: the driver reports
# IFACE_REMOVED for wlan1 and the tool ends cleanly, valgrind-clean.
# hwsim-timeout: 90

hwsim_radios 2
hostapd_start open.conf
sta_netns 1 sta

tool=$(hwsim_tool nl80211-tool)
sta_if=${HWSIM_IF[1]}
phy=${HWSIM_PHY[1]}
bssid=$(<"/sys/class/net/${HWSIM_IF[0]}/address")

in_sta ip link set "$sta_if" up
daemon_start tool ip netns exec sta valgrind -q --error-exitcode=99 --leak-check=full \
	"$tool" connect "$sta_if" ihvd-test --freq 2412 --until-removed --timeout 30
pid=$DAEMON_PID
log=$T/tool.log
_wait_alive "$pid" nl80211-tool 60 "tool ready" grep -q '^ready' "$log"
grep -q "^event connect-result .* status=0 .*bssid=$bssid" "$log" || fail "not connected"
ifindex=$(in_sta cat "/sys/class/net/$sta_if/ifindex")

in_sta iw phy "$phy" interface add mon9 type monitor
in_sta iw phy "$phy" interface add wlan9 type managed
_wait_alive "$pid" nl80211-tool 20 "IFACE_ADDED wlan9" grep -q '^event iface-added .* ifname=wlan9 ' "$log"
in_sta iw dev wlan9 del
_wait_alive "$pid" nl80211-tool 20 "IFACE_REMOVED wlan9" grep -q '^event iface-removed .* ifname=wlan9 ' "$log"
! grep -q 'ifname=mon9' "$log" || fail "a monitor interface was reported"

in_sta "$tool" hwsim-del-radio "$phy"
rc=0
_wait_alive "$pid" nl80211-tool 30 "IFACE_REMOVED $sta_if" \
	grep -q "^event iface-removed ifindex=$ifindex ifname=$sta_if " "$log" || rc=$?
wait "$pid" || rc=$?
cat "$log"
((rc == 0)) || fail "tool exited with $rc (99: valgrind found errors)"
grep -q '^interface removed' "$log" || fail "the tool did not see its interface go"
# The kernel tears the connection down first, then the interface goes.
grep -q "^event disconnected ifindex=$ifindex " "$log" || fail "no DISCONNECTED before the removal"
! grep -q '^drv error' "$log" || fail "driver errors logged"
note "radio removal: IFACE_ADDED/REMOVED for wlan9, IFACE_REMOVED for $sta_if after DEL_RADIO; valgrind clean"
