# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Where ihvd's own CPU goes in a fresh reconnect (issue 16, CPU per reconnect):
# ihvd runs under callgrind, instrumentation off until it has connected, then
# IHVD_CG_N (default 10) DISCONNECT/RECONNECT pairs, isolated and then inline.
# It notes the instructions per reconnect and the functions that cost most
# (self). The plugin host is not traced. A measurement, not a test; run with:
#   HWSIM_SCENARIO_DIR=tests/bench/probes tests/hwsim/run -v ihvd-reconnect-callgrind
# The profiles are kept in build/callgrind/ (callgrind_annotate reads them).
# ihvd runs without -d, as in make bench: no debug line is formatted.
# hwsim-timeout: 900
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
HOSTAPD_QUIET=1 hostapd_start wpa2-psk.conf
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
n=${IHVD_CG_N:-10}
out=$(build_dir)/callgrind
mkdir -p "$out"
command -v callgrind_control >/dev/null || fail "valgrind's callgrind_control is missing"

for mode in isolated inline; do
	{
		[[ $mode == inline ]] && echo plugin_isolation=inline
		cat <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
	key_mgmt=WPA-PSK
	scan_freq=2412
}
EOF2
	} >"$T/net-$mode.conf"
	rm -f "$out/ihvd-$mode".*
	# without -d, as the bench runs it
	IHVD_WRAP=(valgrind --tool=callgrind --instr-atstart=no
		--callgrind-out-file="$out/ihvd-$mode.%p")
	IHVD_NO_DEBUG=1 IHVD_START_TIMEOUT=90 ihvd_start "$T/net-$mode.conf" "$sta_if" ||
		fail "ihvd did not start under callgrind"
	ihvd_wait_state 120 COMPLETED
	sleep 1
	callgrind_control -i on >"$T/cgc.out" 2>&1 || fail "callgrind_control: $(cat "$T/cgc.out")"
	for ((i = 0; i < n; i++)); do
		ihvd_cli disconnect >/dev/null
		sleep 0.3
		ihvd_cli reconnect >/dev/null
		ihvd_wait_state 30 COMPLETED
		sleep 0.5
	done
	callgrind_control -i off >/dev/null 2>&1 || true
	ihvd_stop
	f=$(find "$out" -maxdepth 1 -name "ihvd-$mode.*" | head -1)
	callgrind_annotate "$f" >"$T/$mode.txt" 2>/dev/null
	total=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }' "$T/$mode.txt")
	note "$mode: $((total / n)) instructions per reconnect in ihvd ($n reconnects, ${f#"$HWSIM_REPO"/})"
	awk '/file:function/ { p = 1; getline; next } p && NF && k < 6 {
		sub(/ \[.*/, ""); printf "note:   %s\n", $0; k++ }' "$T/$mode.txt"
done
