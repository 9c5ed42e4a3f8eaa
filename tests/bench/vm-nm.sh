#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-nm.sh ROUNDS: make bench's NetworkManager row (issue 17):
# NetworkManager 1.42 connecting to the wpa2-psk AP through ihvd -u (with
# ihv-rsn.so, isolated: the default) and through wpa_supplicant -u, one
# supplicant at a time, in the same boot, the first one alternating by round.
# Run by tests/bench/vm-bench.sh after its test beds, with the station radio in
# netns sta and no bus running (it starts its own, tests/hwsim/nm-lib.sh).
#
# One turn: the supplicant starts and owns fi.w1.wpa_supplicant1, then
# NetworkManager starts (fresh state), manages the radio and lists the AP; then
#   nm_connect_ms    `nmcli dev wifi connect SSID password PW` until it returns
#                    (NetworkManager's activation: scan results, AddNetwork,
#                    SelectNetwork, the supplicant's connection, DHCP);
#   nm_reconnect_ms  `nmcli con down` then `nmcli con up` until it returns;
#   nm_vmhwm_kb      the supplicant's VmHWM after the connect (ihvd: ihvd plus
#                    its plugin host);
#   nm_cold_ms       supplicant start -> NetworkManager manages the radio.
# Round 0 is a warm-up, not counted.  Appends "nm CLIENT KEY ROUND VALUE" (and
# "nm CLIENT status ROUND ok|...") to $BENCH_OUT/raw.txt.
#
# Env: T, BENCH_OUT, BENCH_AP_IF, BENCH_STA_IF, IHVD_BUILD; HWSIM_* from the runner.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
rounds=${1:?usage: vm-nm.sh ROUNDS}
: "${T:?} ${BENCH_OUT:?} ${BENCH_AP_IF:?} ${BENCH_STA_IF:?}"
raw=$BENCH_OUT/raw.txt
ap_if=$BENCH_AP_IF sta_if=$BENCH_STA_IF
ssid=ihvd-test psk="correct horse battery"

# shellcheck source=tests/hwsim/lib.sh
. "$HERE/../hwsim/lib.sh"
# shellcheck source=tests/hwsim/ihvd-lib.sh
. "$HERE/../hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/nm-lib.sh
. "$HERE/../hwsim/nm-lib.sh"

say() { echo "bench[nm]: $*"; }
rec() { echo "nm $*" >>"$raw"; }
ms_since() { echo $((($(_now_us) - $1) / 1000)); }
nm_sees_ap() { nmcli -t -f SSID dev wifi list --rescan yes ifname "$sta_if" 2>/dev/null | grep -qx "$ssid"; }
vmhwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

if [[ ! -x $NM_BIN ]]; then
	for c in wpa_supplicant ihvd; do rec "$c status 0 not installed: NetworkManager"; done
	say "NetworkManager is not installed: no NetworkManager row"
	exit 0
fi
export NM_LOG_LEVEL=INFO NM_NETNS=sta
hostapd_start wpa2-psk.conf "$ap_if" || { say "hostapd did not start"; exit 2; }
ip addr replace "$HWSIM_AP_IP/24" dev "$ap_if"
nm_dhcpd_start "$ap_if"
nm_bus_start

WPAS_PID=""
supplicant_start() { # CLIENT
	case $1 in
	ihvd) nm_ihvd_start "$sta_if" ;;
	wpa_supplicant)
		ip netns exec sta ip link set "$sta_if" up
		daemon_start wpa_supplicant ip netns exec sta wpa_supplicant -u -s
		WPAS_PID=$DAEMON_PID
		_wait_alive "$WPAS_PID" wpa_supplicant 10 "wpa_supplicant owning fi.w1.wpa_supplicant1" \
			busctl status fi.w1.wpa_supplicant1 >/dev/null
		;;
	esac
}
supplicant_pid() { # CLIENT
	case $1 in
	ihvd) echo "$IHVD_PID" ;;
	wpa_supplicant) echo "$WPAS_PID" ;;
	esac
}
supplicant_stop() { # CLIENT
	case $1 in
	ihvd) ihvd_stop ;;
	wpa_supplicant)
		daemon_stop "$WPAS_PID" 5
		WPAS_PID=""
		;;
	esac
	# the name must be free for the next supplicant
	wait_for 10 "fi.w1.wpa_supplicant1 released" eval '! busctl status fi.w1.wpa_supplicant1 >/dev/null 2>&1'
}

# turn ROUND CLIENT: one supplicant's measures; a status line either way
turn() {
	local r=$1 c=$2 t0 pid hwm host
	rm -rf "$T/nm" # NetworkManager's profiles and state: none from the last turn
	t0=$(_now_us)
	if ! supplicant_start "$c" || ! nm_start "$sta_if"; then
		rec "$c status $r did not start (see $T/NetworkManager.log, $T/$c.log)"
		nm_stop
		supplicant_stop "$c"
		return 1
	fi
	rec "$c nm_cold_ms $r $(ms_since "$t0")"
	# NetworkManager connects only to what its scan list holds: wait for the AP there first
	if ! wait_for 30 "NetworkManager to list $ssid" nm_sees_ap; then
		rec "$c status $r did not connect: NetworkManager never listed $ssid"
		nm_stop
		supplicant_stop "$c"
		return 1
	fi
	t0=$(_now_us)
	if ! nmcli -w 60 dev wifi connect "$ssid" password "$psk" ifname "$sta_if" >"$T/nmcli.out" 2>&1 ||
		! nm_connected "$sta_if"; then
		rec "$c status $r did not connect: $(tr '\n' ' ' <"$T/nmcli.out")"
		nm_stop
		supplicant_stop "$c"
		return 1
	fi
	rec "$c nm_connect_ms $r $(ms_since "$t0")"
	pid=$(supplicant_pid "$c")
	hwm=$(vmhwm_kb "$pid")
	if [[ $c == ihvd ]]; then
		host=$(ihvd_host_pid)
		[[ -n $host ]] && hwm=$((hwm + $(vmhwm_kb "$host")))
	fi
	rec "$c nm_vmhwm_kb $r ${hwm:-0}"
	sleep 1
	nmcli -w 30 con down id "$ssid" >/dev/null 2>&1
	sleep 0.5
	t0=$(_now_us)
	if nmcli -w 60 con up id "$ssid" >"$T/nmcli.out" 2>&1 && nm_connected "$sta_if"; then
		rec "$c nm_reconnect_ms $r $(ms_since "$t0")"
		rec "$c status $r ok"
	else
		rec "$c status $r did not reconnect: $(tr '\n' ' ' <"$T/nmcli.out")"
	fi
	nm_stop
	supplicant_stop "$c"
}

clients=(wpa_supplicant ihvd)
for ((r = 0; r <= rounds; r++)); do
	if ((r % 2)); then order=(ihvd wpa_supplicant); else order=("${clients[@]}"); fi
	for c in "${order[@]}"; do
		say "round $r: $c"
		turn "$r" "$c" || say "round $r: $c lost its turn ($(tail -n 1 "$raw"))"
	done
done
nm_bus_stop
hostapd_stop
exit 0
