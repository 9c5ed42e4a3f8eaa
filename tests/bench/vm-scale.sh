#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-scale.sh OUTDIR SIZES CLIENT...: the VM side of `make
# bench-scale` (scripts/bench-scale runs it through scripts/hwsim-vm).  One
# boot with 1 + max(SIZES) mac80211_hwsim radios: hostapd
# (hostapd-conf/wpa2-psk.conf, its default max_num_sta of 2007 is plenty) on
# the first, the others in the station netns.  For each size N in SIZES
# (e.g. "1 4 16") and each client, ONE process of the client manages the
# first N station interfaces (wpa_supplicant and ihvd: -i IF -c CONF -N -i
# ...; iwd: -i IF,IF,...), all joining the same SSID; the client order
# rotates with N.  Before each start every station interface scans the AP's
# channel (2412 MHz), so each client starts with the same fresh kernel
# results (a few seconds old).  Measured per start: the time from the start to the last of the N
# stations' EAPOL-4WAY-HS-COMPLETED in hostapd's log (hostapd -t stamps it
# with the same clock), then, 1 s later, the process's CPU (utime + stime),
# VmHWM and Pss, and the same for its helpers (ihvd's plugin hosts; iwd's
# dbus-daemon is shared with nobody here but is not counted).
#
# OUTDIR receives raw.txt, lines "CLIENT N KEY VALUE" with KEY one of
# all_ms (ms; "timeout" when not all authorized, "exited" when the client
# exited before), cpu_ms, hwm_kb, pss_kb,
# helper_n, helper_cpu_ms, helper_hwm_kb, helper_pss_kb; the daemons' logs
# (logs/) and hostapd's log.  Exit 0 when the harness ran.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
usage="usage: vm-scale.sh OUTDIR SIZES CLIENT..."
out=${1:?$usage}
read -r -a sizes <<<"${2:?$usage}"
shift 2
clients=("$@")
((${#clients[@]})) || clients=(wpa_supplicant iwd ihvd)
mkdir -p "$out/logs" || exit 2
out=$(cd "$out" && pwd -P)
raw=$out/raw.txt
: >"$raw"

# shellcheck source=tests/hwsim/lib.sh
. "$HERE/../hwsim/lib.sh"

say() { echo "bench-scale: $*"; }
why() { say "$*"; WHY=$*; }
broken() {
	say "harness error: $*"
	[[ -n ${DBUS_PID:-} ]] && kill -TERM "$DBUS_PID" 2>/dev/null
	exit 2
}

max=0
for n in "${sizes[@]}"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || broken "sizes must be positive numbers, got '$n'"
	((n > max)) && max=$n
done
HZ=$(getconf CLK_TCK)
read -r up _ </proc/uptime
say "test bed ${HWSIM_VM_ACCEL:-${HWSIM_VM:-?}}, kernel $(uname -r), ${up}s after boot, $(nproc) vCPUs; sizes ${sizes[*]}; clients ${clients[*]}"

hwsim_radios $((max + 1)) || broken "mac80211_hwsim did not load $((max + 1)) radios"
ap_if=${HWSIM_IF[0]}
ip netns add sta || broken "ip netns add sta failed"
echo sta >>"$T/.netns"
STA_NS=sta
stas=()
for ((i = 1; i <= max; i++)); do
	iw phy "${HWSIM_PHY[$i]}" set netns name sta || broken "cannot move ${HWSIM_PHY[$i]} into the netns"
	stas+=("${HWSIM_IF[$i]}")
done
wait_for 10 "${stas[-1]} in the station netns" ip -n sta link show "${stas[-1]}" || broken "no ${stas[-1]} in the netns"
ip -n sta link set lo up
hostapd_start wpa2-psk.conf "$ap_if" || broken "hostapd did not start"

# shellcheck source=tests/bench/vm-install.sh
. "$HERE/vm-install.sh"
bench_ihvd_install || broken "cannot copy ihvd's build into the VM's tmpfs"

# The clients' configs: vm-client.sh's, for the wpa2-psk bed (read only).
sta_if=${stas[0]}
# shellcheck source=tests/bench/vm-client.sh
. "$HERE/vm-client.sh"
bed_load wpa2-psk

DBUS_PID=""
if [[ " ${clients[*]} " == *" iwd "* ]]; then
	mkdir -p /run/dbus
	DBUS_PID=$(dbus-daemon --system --fork --print-pid 2>"$T/dbus.err") || {
		say "dbus-daemon did not start: $(<"$T/dbus.err"); iwd will not run"
		DBUS_PID=""
	}
	[[ -n $DBUS_PID ]] && pid_register "$DBUS_PID" &&
		wait_for 5 "the system bus socket" test -S /run/dbus/system_bus_socket
fi
BENCH_DBUS_PID=$DBUS_PID

rec() { echo "$client $n $*" >>"$raw"; }

# cpu_ms PID -> utime + stime in ms (fields 14 and 15 of /proc/PID/stat).
cpu_ms() {
	local s f
	read -r s <"/proc/$1/stat" 2>/dev/null || { echo 0; return; }
	s=${s##*) } # after "(comm) "
	read -r -a f <<<"$s"
	echo $(((f[11] + f[12]) * 1000 / HZ))
}
# status_kb PID FIELD -> the kB value of FIELD in /proc/PID/status
status_kb() {
	local k v _u
	while read -r k v _u; do
		[[ $k == "$2:" ]] && { echo "$v"; return; }
	done <"/proc/$1/status" 2>/dev/null
	echo 0
}
pss_kb() {
	local k v _u
	while read -r k v _u; do
		[[ $k == Pss: ]] && { echo "$v"; return; }
	done <"/proc/$1/smaps_rollup" 2>/dev/null
	echo 0
}

# The stations' addresses, for hostapd's log.
macs=()
for ifc in "${stas[@]}"; do
	macs+=("$(ip -n sta link show "$ifc" | awk '/link\/ether/ { print $2 }')")
done

# start_client CLIENT N: run CLIENT on the first N station interfaces; DPID.
start_client() {
	local c=$1 k=$2 i args=() list=""
	case $c in
	wpa_supplicant)
		for ((i = 0; i < k; i++)); do
			((i)) && args+=(-N)
			args+=(-i "${stas[$i]}" -D nl80211 -c "$T/wpas.conf")
		done
		ip netns exec sta wpa_supplicant "${args[@]}" >"$out/logs/$c-$k.log" 2>&1 </dev/null &
		;;
	ihvd)
		for ((i = 0; i < k; i++)); do
			((i)) && args+=(-N)
			args+=(-i "${stas[$i]}" -c "$T/ihvd.conf")
		done
		ip netns exec sta "$ihvd_build/ihvd" "${args[@]}" >"$out/logs/$c-$k.log" 2>&1 </dev/null &
		;;
	iwd)
		for ((i = 0; i < k; i++)); do
			list+=${list:+,}${stas[$i]}
		done
		STATE_DIRECTORY=$T/iwd-state CONFIGURATION_DIRECTORY=$T/iwd-conf \
			ip netns exec sta "$iwd_bin" -i "$list" >"$out/logs/$c-$k.log" 2>&1 </dev/null &
		;;
	*) return 1 ;;
	esac
	DPID=$!
	pid_register "$DPID"
}

# authorized_count T0_US K: how many of the first K stations hostapd saw
# complete the 4-way handshake after T0 (one grep, one awk: execs are slow
# under TCG); LAST_US: when the last of them did.
authorized_count() {
	local r
	r=$(grep -F EAPOL-4WAY-HS-COMPLETED "$HOSTAPD_LOG" |
		awk -v t0="$1" -v want="${macs[*]:0:$2}" '
			BEGIN { n = split(want, m, " "); for (i = 1; i <= n; i++) w[m[i]] = 1 }
			{ ts = $1; sub(/:$/, "", ts); us = ts * 1e6; mac = $NF
			  if ((mac in w) && us >= t0) { seen[mac] = 1; if (us > last) last = us } }
			END { c = 0; for (k in seen) c++; printf "%d %.0f\n", c, last }')
	read -r AUTH_N LAST_US <<<"$r"
}

# fresh_all: every station interface up and a scan of 2412 MHz triggered on
# each (not waited for one by one: 16 blocking scans took minutes under a
# loaded TCG), then a pause for them to end.
fresh_all() {
	local ifc
	for ifc in "${stas[@]}"; do
		in_sta ip link set "$ifc" up
		in_sta timeout 20 iw dev "$ifc" scan trigger freq 2412 >/dev/null 2>&1 || true
	done
	sleep $((2 * ${HWSIM_TIMEOUT_SCALE:-1}))
}

run_one() { # CLIENT N
	local client=$1 n=$2 t0 got=0 deadline p hp hn=0 hc=0 hh=0 hs=0
	WHY=""
	"${client}_setup" || { rec skipped 1; say "$client: $WHY"; return 0; }
	fresh_all
	t0=$(_now_us)
	start_client "$client" "$n"
	deadline=$((t0 + 60000000 * ${HWSIM_TIMEOUT_SCALE:-1}))
	while (($(_now_us) < deadline)); do
		_pid_alive "$DPID" || break
		authorized_count "$t0" "$n"
		got=$AUTH_N
		((got == n)) && break
		sleep 0.5
	done
	if ((got == n)); then
		rec all_ms $(((LAST_US - t0) / 1000))
	elif ! _pid_alive "$DPID"; then
		rec all_ms exited
		say "$client exited with $got of $n authorized (see logs/$client-$n.log)"
	else
		rec all_ms timeout
		say "$client: only $got of $n authorized"
	fi
	sleep 1
	if _pid_alive "$DPID"; then
		rec cpu_ms "$(cpu_ms "$DPID")"
		rec hwm_kb "$(status_kb "$DPID" VmHWM)"
		rec pss_kb "$(pss_kb "$DPID")"
		# "ip netns exec" execs the daemon: DPID is the daemon itself.
		for p in $(pgrep -P "$DPID" 2>/dev/null); do
			hn=$((hn + 1))
			hc=$((hc + $(cpu_ms "$p")))
			hp=$(status_kb "$p" VmHWM)
			hh=$((hh + hp))
			hs=$((hs + $(pss_kb "$p")))
		done
		rec helper_n "$hn"
		rec helper_cpu_ms "$hc"
		rec helper_hwm_kb "$hh"
		rec helper_pss_kb "$hs"
	fi
	say "$client on $n interface(s): $(grep "^$client $n " "$raw" | cut -d' ' -f3- | tr '\n' ' ')"
	daemon_stop "$DPID" 10
	# every station gone from hostapd before the next client starts
	wait_for 20 "hostapd to drop the stations" eval '[[ -z $(hostapd_cli_ list_sta 2>/dev/null) ]]' ||
		say "warning: hostapd still lists stations"
	for ((p = 0; p < n; p++)); do
		in_sta ip link set "${stas[$p]}" down
	done
}

rot=0
for n in "${sizes[@]}"; do
	for ((j = 0; j < ${#clients[@]}; j++)); do
		run_one "${clients[$(((j + rot) % ${#clients[@]}))]}" "$n"
	done
	rot=$((rot + 1))
done
cp "$HOSTAPD_LOG" "$out/hostapd.log" 2>/dev/null
hostapd_stop
[[ -n $DBUS_PID ]] && kill -TERM "$DBUS_PID" 2>/dev/null
exit 0
