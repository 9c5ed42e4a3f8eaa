# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Why iwd's cold start skips the PBKDF2 (issue 16): after its first connection
# iwd writes the PSK it derived (PreSharedKey=) and its SAE password elements
# back into the network's .psk file, so every later start reads the PSK from
# disk. ihvd never writes a secret to disk, so each of its cold starts derives
# the PMK again. A measurement (the PSK itself is never printed), run with:
#   HWSIM_SCENARIO_DIR=tests/bench/anchors tests/hwsim/run -v iwd-psk-writeback
# It fails when iwd does not connect or does not write PreSharedKey back.
# hwsim-timeout: 200
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

iwd_bin=/usr/libexec/iwd
[[ -x $iwd_bin ]] || fail "iwd is not installed ($iwd_bin)"
hwsim_radios 2
HOSTAPD_QUIET=1 hostapd_start wpa2-psk.conf
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
mkdir -p /run/dbus "$T/iwd-conf" "$T/iwd-state"
cat >"$T/bus.conf" <<EOF2
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <include>/usr/share/dbus-1/system.conf</include>
</busconfig>
EOF2
dbus_pid=$(dbus-daemon --config-file="$T/bus.conf" --fork --print-pid) || fail "dbus-daemon did not start"
pid_register "$dbus_pid"
wait_for 5 "the system bus socket" test -S /run/dbus/system_bus_socket
printf '[General]\nUseDefaultInterface=true\nEnableNetworkConfiguration=false\n[DriverQuirks]\nDefaultInterface=*\n' \
	>"$T/iwd-conf/main.conf"
psk=$T/iwd-state/ihvd-test.psk
printf '[Security]\nPassphrase=correct horse battery\n' >"$psk"
chmod 600 "$psk"
note "before the first connection: $(sed -n 's/=.*//p' "$psk" | tr '\n' ' ')"
ip netns exec sta env STATE_DIRECTORY="$T/iwd-state" CONFIGURATION_DIRECTORY="$T/iwd-conf" \
	"$iwd_bin" -i "$sta_if" >"$T/iwd.log" 2>&1 &
iwd_pid=$!
pid_register "$iwd_pid"
wait_for 30 "iwd's 4-way handshake" grep -q EAPOL-4WAY-HS-COMPLETED "$HOSTAPD_LOG" ||
	fail "iwd did not connect (see $T/iwd.log)"
wait_for 5 "PreSharedKey in $psk" grep -q '^PreSharedKey=' "$psk" ||
	fail "iwd did not write PreSharedKey back"
note "after it: $(sed -n 's/=.*//p' "$psk" | tr '\n' ' ')"
kill "$iwd_pid" 2>/dev/null || true
