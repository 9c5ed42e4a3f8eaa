# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Where a fresh reconnect's time goes (issue 16), phase by phase, isolated
# against inline, or this build against another one. A measurement, not a
# test; run with:
#   HWSIM_SCENARIO_DIR=tests/bench/probes tests/hwsim/run -v ihvd-reconnect-phases
# IHVD_RECONNECT_BASE=DIR adds the build in DIR (readable by the plugin user,
# nobody: chmod -R a+rX) as "base", in the isolated mode; the batches then
# alternate base and this build instead of isolated and inline.
# Each batch starts ihvd, connects, then reconnects IHVD_RECONNECT_N times (0.1 s
# after each DISCONNECT, so the first key install does not wait for
# mac80211's delayed tailroom count: docs/bench-history.md, "The station's port, after
# message 4"). From ihvd's timeline line it notes, over the three batches of
# each kind, the median [IQR] in ms since the request of: pre-association, connect, the
# pre-association's length, connect to the 4-way handshake, the handshake
# to the authorized port, and authorized; and, from two pairs of its log
# lines, "connecting" to "CONNECT" (the pre-association's calls) and the
# plugin's "port authorized" to ihvd's (what follows PostAssociateCompletion).
# It fails only when a connection does not complete.
# hwsim-timeout: 1500
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
HOSTAPD_QUIET=1 hostapd_start wpa2-psk.conf
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
n=${IHVD_RECONNECT_N:-11}
this=$(build_dir)
mkdir -p "$T/rc"

# batch NAME BUILD MODE K: one ihvd, one connect, n reconnects; its log kept as NAME-K.log
batch() {
	local name=$1 bld=$2 mode=$3 k=$4 i
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
	} >"$T/rc/net.conf"
	IHVD_BUILD=$bld ihvd_start "$T/rc/net.conf" "$sta_if" || return 1
	ihvd_wait_state 20 COMPLETED || return 1
	sleep 0.5
	for ((i = 0; i < n; i++)); do
		ihvd_cli disconnect >/dev/null
		sleep 0.1
		ihvd_cli reconnect >/dev/null
		ihvd_wait_state 10 COMPLETED || return 1
		sleep 0.5
	done
	cp "$IHVD_LOG" "$T/rc/$name-$k.log"
	ihvd_stop
}

# stats: "median [q1-q3]" of the numbers on stdin, or "-"
stats() {
	sort -n | awk '{ a[NR] = $1 }
		END { if (!NR) { print "-"; exit }
		      printf "%.1f [%.1f-%.1f]", a[int((NR + 1) / 2)], a[int(NR / 4) + 1],
			     a[(NR >= 4 ? int(3 * NR / 4) : NR)] }'
}

# report NAME: the phases of NAME's reconnects (the first connect of a batch scans: left out)
report() {
	local logs=("$T/rc/$1"-*.log) k
	grep -h 'timeline to' "${logs[@]}" | grep -v 'fresh scan' | awk '
		{ for (i = 1; i <= NF; i++) {
			if ($i == "pre-association") p = $(i + 1)
			if ($i == "connect") c = $(i + 1)
			if ($i == "handshake") h = $(i + 1)
			if ($i == "authorized") a = $(i + 1) }
		  print p, c, c - p, h - c, a - h, a }' >"$T/rc/$1.phases"
	note "$1: $(wc -l <"$T/rc/$1.phases") reconnects, ms since the request, median [IQR]:"
	note "  pre-association $(cut -d' ' -f1 "$T/rc/$1.phases" | stats)," \
	     "connect $(cut -d' ' -f2 "$T/rc/$1.phases" | stats)," \
	     "authorized $(cut -d' ' -f6 "$T/rc/$1.phases" | stats)"
	note "  pre-association's length $(cut -d' ' -f3 "$T/rc/$1.phases" | stats)," \
	     "connect -> 4-way $(cut -d' ' -f4 "$T/rc/$1.phases" | stats)," \
	     "4-way -> authorized $(cut -d' ' -f5 "$T/rc/$1.phases" | stats)"
	k=$(cat "${logs[@]}" | awk '/ connecting to / { t = $1 }
		/ CONNECT to / && t { printf "%.2f\n", ($1 - t) * 1000; t = 0 }' | stats)
	note "  \"connecting\" -> CONNECT $k;" \
	     "plugin's \"port authorized\" -> ihvd's $(cat "${logs[@]}" | awk '
		/ ihv-rsn: port authorized/ { t = $1 }
		/ port authorized by plugin/ && t { printf "%.2f\n", ($1 - t) * 1000; t = 0 }' | stats)"
}

# compare A BUILD_A MODE_A B BUILD_B MODE_B: three batches of each, alternating, then both reports
compare() {
	local k
	for k in 1 2 3; do
		batch "$1" "$2" "$3" "$k" || fail "$1: a connection did not complete"
		batch "$4" "$5" "$6" "$k" || fail "$4: a connection did not complete"
	done
	report "$1"
	report "$4"
}

if [[ -n ${IHVD_RECONNECT_BASE:-} ]]; then
	[[ -x $IHVD_RECONNECT_BASE/ihvd ]] || fail "IHVD_RECONNECT_BASE=$IHVD_RECONNECT_BASE has no ihvd"
	compare base "$IHVD_RECONNECT_BASE" isolated this "$this" isolated
else
	compare isolated "$this" isolated inline "$this" inline
fi
