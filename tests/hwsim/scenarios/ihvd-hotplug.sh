# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# Issue 14, hotplug: ihvd manages wlan1 (WPA2-PSK); the radio is deleted
# under it (HWSIM_CMD_DEL_RADIO): ihvd releases the interface and keeps
# running. A new radio is created, its phy moved into the station's netns
# and a managed interface named wlan1 added: ihvd adopts it and reconnects
# by itself; a ping crosses; SIGTERM still exits 0.
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
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
n0=$(grep -c "EAPOL-4WAY-HS-COMPLETED" "$HOSTAPD_LOG")

# The radio goes away under ihvd.
in_sta "$tool" hwsim-del-radio "$phy" || fail "HWSIM_CMD_DEL_RADIO $phy"
wait_log 10 "$IHVD_LOG" "$sta_if: released"
_pid_alive "$IHVD_PID" || fail "ihvd died when the radio went away"
[[ ! -e $IHVD_CTRL/$sta_if ]] || fail "the control socket stayed after the release"

# A new radio; its phy into the station's netns; a managed interface named wlan1.
before=$(ls /sys/class/ieee80211)
"$tool" hwsim-new-radio || fail "HWSIM_CMD_NEW_RADIO"
wait_for 10 "a new phy" eval "[[ \$(ls /sys/class/ieee80211) != \"$before\" ]]"
newphy=$(comm -13 <(echo "$before" | sort) <(ls /sys/class/ieee80211 | sort) | head -n1)
[[ -n $newphy ]] || fail "no new phy"
note "new radio: $newphy"
iw phy "$newphy" set netns name sta || fail "iw phy $newphy set netns name sta"
for dev in $(in_sta ls "/sys/class/ieee80211/$newphy/device/net" 2>/dev/null); do
	in_sta iw dev "$dev" del
done
in_sta iw phy "$newphy" interface add "$sta_if" type managed || fail "iw interface add $sta_if"
in_sta ip link set "$sta_if" up
wait_log 10 "$IHVD_LOG" "$sta_if: appeared"
wait_for 10 "the control socket to come back" test -S "$IHVD_CTRL/$sta_if"
ihvd_wait_state 40 COMPLETED
wait_for 10 "hostapd: a new handshake" eval \
	"(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED' '$HOSTAPD_LOG') > $n0 ))"
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_stop
