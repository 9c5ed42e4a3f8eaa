#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-bench.sh OUTDIR ROUNDS QUICK BEDS CLIENT...: the VM side of
# `make bench` (scripts/bench runs it through scripts/hwsim-vm).  One boot;
# per test bed in BEDS (space-separated, e.g. "wpa2-psk"; see
# tests/bench/vm-client.sh bed_load) one hostapd (hostapd-conf/BED.conf; an
# EAP bed's @PKI@ filled in, see bed_conf), and
# the clients measured round by round against it by tests/bench/vm-rounds.sh
# inside the station netns, while dumpcap records the air on hwsim0 into
# OUTDIR/BED.pcapng.  QUICK=1: 3 rounds whatever ROUNDS says, the idle
# pattern once (round 1) with 20 s idle and a 10 s context-switch window.
#
# OUTDIR (must be visible read-write to the host) receives raw.txt (lines
# "BED CLIENT KEY ROUND VALUE"), the captures, the daemons' logs (logs/),
# hostapd's logs and info.txt.  Exit 0 when the harness ran (a client that
# does not connect is a result); non-zero when it broke.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
usage="usage: vm-bench.sh OUTDIR ROUNDS QUICK BEDS CLIENT..."
out=${1:?$usage}
runs=${2:?$usage}
quick=${3:?$usage}
read -r -a beds <<<"${4:?$usage}"
shift 4
clients=("$@")
((${#clients[@]})) || clients=(wpa_supplicant iwd ihvd ihvd-inline ihvd-dbus)
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: ROUNDS must be a positive number, got '$runs'"; exit 2; }
if [[ $quick == 1 ]]; then
	runs=3
	export BENCH_IDLE=20 BENCH_IDLE_WINDOW=10 BENCH_IDLE_ROUNDS=1
else
	export BENCH_IDLE=${BENCH_IDLE:-65} BENCH_IDLE_WINDOW=${BENCH_IDLE_WINDOW:-60} BENCH_IDLE_ROUNDS=all
fi
export BENCH_K=${BENCH_K:-3}
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd -P)

# shellcheck source=tests/hwsim/lib.sh
. "$HERE/../hwsim/lib.sh"
# shellcheck source=tests/hwsim/eap-lib.sh
. "$HERE/../hwsim/eap-lib.sh"

say() { echo "bench: $*"; }
broken() {
	say "harness error: $*"
	cleanup
	exit 2
}

DUMPCAP_PID="" DBUS_PID=""
cleanup() {
	[[ -n $DUMPCAP_PID ]] && kill -INT "$DUMPCAP_PID" 2>/dev/null && wait "$DUMPCAP_PID" 2>/dev/null
	[[ -n $DBUS_PID ]] && kill -TERM "$DBUS_PID" 2>/dev/null
	[[ -n ${HOSTAPD_PID:-} ]] && kill -TERM "$HOSTAPD_PID" 2>/dev/null
	return 0
}

: >"$out/raw.txt"
read -r up _ </proc/uptime
say "test bed ${HWSIM_VM_ACCEL:-${HWSIM_VM:-?}}, kernel $(uname -r), ${up}s after boot, $(nproc) vCPUs; beds ${beds[*]}; $runs rounds (quick=$quick) of: ${clients[*]}"

# shellcheck source=tests/bench/vm-install.sh
. "$HERE/vm-install.sh"
bench_ihvd_install || broken "cannot copy ihvd's build into the VM's tmpfs"

hwsim_radios 2 || broken "mac80211_hwsim did not load"
sta_netns 1 sta || broken "cannot move the station radio into a netns"
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
{
	echo "sta_if $sta_if"
	echo "kernel $(uname -r)"
	echo "accel ${HWSIM_VM_ACCEL:-${HWSIM_VM:-?}}"
	echo "hostapd $(hostapd -v 2>&1 | sed -n 's/^hostapd v//p' | head -n1)"
	echo "wpa_supplicant $(wpa_supplicant -v 2>&1 | sed -n 's/^wpa_supplicant v//p' | head -n1)"
	echo "iwd $(/usr/libexec/iwd --version 2>/dev/null || echo none)"
	echo "rounds $runs"
	echo "quick $quick"
	echo "beds ${beds[*]}"
	echo "idle $BENCH_IDLE $BENCH_IDLE_WINDOW"
} >"$out/info.txt"

# The air: hwsim0 sees every frame any radio sends.
ip link set hwsim0 up 2>/dev/null || say "warning: no hwsim0 monitor; no capture"
have_dumpcap=0
command -v dumpcap >/dev/null && [[ -e /sys/class/net/hwsim0 ]] && have_dumpcap=1
((have_dumpcap)) || say "warning: dumpcap not available: the air-time measures will be missing"

capture_start() { # NAME
	DUMPCAP_PID=""
	((have_dumpcap)) || return 0
	local f=$out/$1.pcapng
	rm -f "$f"
	# Beacons are 10 a second and of no use here.
	dumpcap -q -i hwsim0 -f 'not (type mgt subtype beacon)' -w "$f" >"$T/dumpcap-$1.log" 2>&1 </dev/null &
	DUMPCAP_PID=$!
	if ! wait_for 20 "dumpcap on hwsim0" grep -q "^File:\|Capturing on" "$T/dumpcap-$1.log"; then
		say "warning: dumpcap did not start: $(tail -n 3 "$T/dumpcap-$1.log")"
		kill "$DUMPCAP_PID" 2>/dev/null
		DUMPCAP_PID=""
		return 0
	fi
	sleep 0.3
}

capture_stop() {
	[[ -n $DUMPCAP_PID ]] || return 0
	sleep 0.3
	kill -INT "$DUMPCAP_PID" 2>/dev/null
	wait "$DUMPCAP_PID" 2>/dev/null
	DUMPCAP_PID=""
}

# bed_conf BED: the hostapd config to start for BED, in BED_CONF_PATH.  A
# config that names @PKI@ (an EAP bed) gets the certificates and the eap_user
# file of tests/hwsim/eap-lib.sh, made once per boot in $T/pki; the clients'
# configs (vm-client.sh) find them there too (BENCH_PKI).
bed_conf() {
	local src=$HWSIM_CONF_DIR/$1.conf
	BED_CONF_PATH=$1.conf
	grep -q '@PKI@' "$src" || return 0
	if [[ -z $EAP_PKI ]]; then
		eap_pki || return 1
		[[ -r $EAP_PKI/ca.pem && -r $EAP_PKI/server.key ]] || { say "eap_pki made no certificates"; return 1; }
	fi
	BED_CONF_PATH=$T/bench-$1.conf
	sed "s|@PKI@|$EAP_PKI|g" "$src" >"$BED_CONF_PATH"
}

# The system bus for iwd and for ihvd -u: the distribution's system bus
# configuration plus ihvd's own policy (data/dbus/ihvd.conf, which lets root
# own fi.w1.wpa_supplicant1), its socket in /run (tmpfs here).
dbus_start() {
	[[ -n $DBUS_PID ]] && return 0
	mkdir -p /run/dbus "$T/bus.d"
	cp "$HERE/../../data/dbus/ihvd.conf" "$T/bus.d/" || return 1
	cat >"$T/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <include>/usr/share/dbus-1/system.conf</include>
  <includedir>$T/bus.d</includedir>
</busconfig>
EOF
	DBUS_PID=$(dbus-daemon --config-file="$T/bus.conf" --fork --print-pid 2>"$T/dbus.err") || {
		say "dbus-daemon did not start: $(<"$T/dbus.err")"
		DBUS_PID=""
		return 1
	}
	pid_register "$DBUS_PID"
	wait_for 5 "the system bus socket" test -S /run/dbus/system_bus_socket
}

[[ " ${clients[*]} " == *" iwd "* || " ${clients[*]} " == *" ihvd-dbus "* ]] &&
	{ dbus_start || say "iwd and ihvd -u will not run without a bus"; }
mkdir -p "$out/logs"
rc=0
for bed in "${beds[@]}"; do
	say "---- test bed $bed: hostapd-conf/$bed.conf ----"
	bed_conf "$bed" || broken "cannot make the certificates for $bed"
	HOSTAPD_QUIET=1 hostapd_start "$BED_CONF_PATH" "$ap_if" || broken "hostapd did not start with $bed.conf"
	echo "bssid $(<"/sys/class/net/$ap_if/address")" >>"$out/info.txt"
	capture_start "$bed"
	crc=0
	T=$T BENCH_OUT=$out BENCH_HOSTAPD_LOG=$HOSTAPD_LOG BENCH_STA_IF=$sta_if \
		BENCH_DBUS_PID=$DBUS_PID BENCH_PKI=$EAP_PKI BENCH_BSSID=$(<"/sys/class/net/$ap_if/address") \
		ip netns exec sta bash "$HERE/vm-rounds.sh" "$bed" "$runs" "${clients[@]}" </dev/null || crc=$?
	capture_stop
	((crc == 0)) || { say "$bed: harness error (exit $crc)"; rc=2; }
	# The hostapd log is the record of every timestamp used; keep it.
	cp "$HOSTAPD_LOG" "$out/hostapd.$bed.log" 2>/dev/null
	hostapd_stop
done
# NetworkManager through ihvd -u and through wpa_supplicant -u (issue 17), on the
# wpa2-psk AP, with a bus of its own (tests/hwsim/nm-lib.sh): the bench bus goes first.
if [[ ${BENCH_NM:-1} != 0 ]]; then
	if [[ -n $DBUS_PID ]]; then
		kill -TERM "$DBUS_PID" 2>/dev/null
		wait_for 5 "the bench bus to stop" eval "! kill -0 $DBUS_PID 2>/dev/null"
		DBUS_PID=""
	fi
	say "---- NetworkManager: through wpa_supplicant -u and through ihvd -u ----"
	T=$T BENCH_OUT=$out BENCH_AP_IF=$ap_if BENCH_STA_IF=$sta_if \
		bash "$HERE/vm-nm.sh" "$runs" </dev/null || { say "NetworkManager row: harness error"; rc=2; }
fi
cleanup
exit "$rc"
