# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# libsystemd only when it is needed (src/daemon/sd-load.c). A plain ihvd
# (no -u, no logind in the VM, no $NOTIFY_SOCKET) connects without ever
# mapping libsystemd and says logind is not there. Under a service manager
# ($NOTIFY_SOCKET, here a datagram socket of our own) it loads libsystemd
# and sends READY=1 once connected, RELOADING=1 on SIGHUP and STOPPING=1 on
# SIGTERM, as sd_notify(3) would from a Type=notify unit.
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
	psk="correct horse battery"
}
EOF2

# --- without a reason to: nothing of libsystemd ----------------------------------
unset NOTIFY_SOCKET
[[ ! -d /run/systemd/seats ]] || fail "logind runs in this VM: the plain start would load libsystemd"
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
if grep -q 'libsystemd' "/proc/$IHVD_PID/maps"; then
	fail "a plain ihvd mapped libsystemd: $(grep -m1 libsystemd "/proc/$IHVD_PID/maps")"
fi
grep -q 'logind is not reachable (no /run/systemd/seats/' "$IHVD_LOG" ||
	fail "ihvd did not say why there are no session changes"
ihvd_stop

# --- under a service manager: loaded, and told --------------------------------------
python3 - "$T/notify.sock" "$T/notify.log" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as f:
    while True:
        f.write(s.recv(4096).decode().replace("\n", " ") + "\n")
PY
pid_register $!
wait_for 5 "the notify socket" test -S "$T/notify.sock" || fail "no notify socket"
export NOTIFY_SOCKET=$T/notify.sock
ihvd_start "$T/net.conf" "$sta_if"
unset NOTIFY_SOCKET
ihvd_wait_state 20 COMPLETED
wait_log 10 "$T/notify.log" '^READY=1 ' || fail "no READY=1 from ihvd"
grep -q 'libsystemd\.so\.0' "/proc/$IHVD_PID/maps" ||
	fail "READY=1 arrived but libsystemd is not mapped: not through sd_notify?"
kill -HUP "$IHVD_PID"
wait_log 10 "$T/notify.log" '^RELOADING=1' || fail "no RELOADING=1 on SIGHUP"
ihvd_stop
wait_log 5 "$T/notify.log" '^STOPPING=1' || fail "no STOPPING=1 on SIGTERM"
note "sd-notify: $(tr '\n' '|' <"$T/notify.log")"
