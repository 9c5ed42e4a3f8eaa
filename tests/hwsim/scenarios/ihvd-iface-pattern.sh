# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# Issue 14, interface name patterns: ihvd runs with -i 'wlan*' and adopts the
# station's only wlan interface (WPA2-PSK, connects). The radio is deleted
# under it; a new radio comes with an interface of another name (wlan7): the
# pattern adopts it, ihvd reconnects by itself and a ping crosses.
# hwsim-timeout: 180
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
tool=$(hwsim_tool nl80211-tool)
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
phy=${HWSIM_PHY[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_conf "$T/net.conf"
IHVD_IF=$sta_if
IHVD_LOG=$T/ihvd.log
in_sta ip link set "$sta_if" up
daemon_start ihvd ip netns exec sta "$(ihvd_bin)" -d -i 'wlan*' -c "$IHVD_CONF"
IHVD_PID=$DAEMON_PID
_wait_alive "$IHVD_PID" ihvd 10 "ihvd control socket" ihvd_cli ping ||
	fail "ihvd did not start with -i 'wlan*' (see $IHVD_LOG)"
grep -q "$sta_if: matches -i 'wlan\*'" "$IHVD_LOG" || fail "ihvd did not say which interface matched"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK

# The radio goes away under ihvd.
in_sta "$tool" hwsim-del-radio "$phy" || fail "HWSIM_CMD_DEL_RADIO $phy"
wait_log 10 "$IHVD_LOG" "$sta_if: released .*the next interface matching 'wlan\\*'"
_pid_alive "$IHVD_PID" || fail "ihvd died when the radio went away"

# A new radio in the station's netns, its interface named wlan7.
before=$(ls /sys/class/ieee80211)
"$tool" hwsim-new-radio || fail "HWSIM_CMD_NEW_RADIO"
wait_for 10 "a new phy" eval "[[ \$(ls /sys/class/ieee80211) != \"$before\" ]]"
newphy=$(comm -13 <(echo "$before" | sort) <(ls /sys/class/ieee80211 | sort) | head -n1)
[[ -n $newphy ]] || fail "no new phy"
iw phy "$newphy" set netns name sta || fail "iw phy $newphy set netns name sta"
for dev in $(in_sta ls "/sys/class/ieee80211/$newphy/device/net" 2>/dev/null); do
	in_sta iw dev "$dev" del
done
in_sta iw phy "$newphy" interface add wlan7 type managed || fail "iw interface add wlan7"
in_sta ip link set wlan7 up
wait_log 10 "$IHVD_LOG" "wlan7: appeared"
IHVD_IF=wlan7
wait_for 10 "the control socket for wlan7" test -S "$IHVD_CTRL/wlan7"
ihvd_wait_state 40 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" wlan7
ping_check
ihvd_stop
note "iface-pattern: -i 'wlan*' adopted $sta_if, then wlan7 after the radio was replaced"
