# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Registered EtherTypes other than 0x888E reach the plugin on the real daemon
# (contract rule 42): tp-ethertype.so registers 0x888E and 0x88B5 and turns
# each 0x88B5 frame's payload into SendNotification, which ihvd reports as
# CTRL-EVENT-IHV-NOTIFICATION. Over an open network the AP side sends one raw
# Ethernet frame of the unregistered EtherType 0x88B6, then one of 0x88B5, to
# the station: the 0x88B5 payload is notified, the 0x88B6 one is not.
# hwsim-timeout: 90
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start open.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
plugins=$(build_dir)/tests/plugins
cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	key_mgmt=NONE
}
EOF2

# send_frame ETHERTYPE PAYLOAD: one Ethernet frame from the AP's interface to the station.
send_frame() {
	python3 - "$ap_if" "$sta_mac" "$1" "$2" <<'PY'
import socket
import sys

ifname, dst, ethertype, payload = sys.argv[1:5]
with open(f"/sys/class/net/{ifname}/address") as f:
    src = f.read().strip()
frame = (bytes.fromhex(dst.replace(":", "")) + bytes.fromhex(src.replace(":", "")) +
         int(ethertype, 16).to_bytes(2, "big") + payload.encode())
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
n = s.send(frame)
assert n == len(frame), (n, len(frame))
PY
}

ihvd_start "$T/net.conf" "$sta_if" -p "$plugins/tp-ethertype.so"
ihvd_wait_state 30 COMPLETED
sta_mac=$(ihvd_sta_mac)
[[ $sta_mac =~ ^([0-9a-f]{2}:){5}[0-9a-f]{2}$ ]] || fail "no station address in STATUS: '$sta_mac'"
wait_log 10 "$IHVD_LOG" "receiving EtherType 0x88b5"
! grep -q "receiving EtherType 0x888e" "$IHVD_LOG" || fail "0x888E got a socket of its own"

unregistered="not-registered-88b6"
registered="ihvd-ethertype-88b5"
unreg_hex=$(printf '%s' "$unregistered" | od -An -tx1 | tr -d ' \n')
reg_hex=$(printf '%s' "$registered" | od -An -tx1 | tr -d ' \n')
send_frame 88b6 "$unregistered" || fail "cannot send the 0x88B6 frame from $ap_if"
send_frame 88b5 "$registered" || fail "cannot send the 0x88B5 frame from $ap_if"
wait_log 15 "$IHVD_LOG" "event CTRL-EVENT-IHV-NOTIFICATION $reg_hex code=0x8 len=${#registered}"
! grep -q "$unreg_hex" "$IHVD_LOG" || fail "a frame of the unregistered EtherType 0x88B6 reached the plugin"
ihvd_stop
grep -q "EtherType 0x88b5 no longer received" "$IHVD_LOG" ||
	fail "the 0x88B5 socket was not closed when the lists were cleared"
note "ethertype: 0x88B5 from the AP reached ReceivePacket (notified), 0x88B6 did not"
