# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# tests/hwsim/ihvd-lib.sh: helpers for the ihvd-* scenarios (sourced by them,
# on top of lib.sh).  ihvd runs in the station netns with ihv-rsn.so; its
# control socket is $IHVD_CTRL/$IHVD_IF and Debian's wpa_cli drives it.

IHVD_PID="" IHVD_IF="" IHVD_CTRL="" IHVD_LOG="" IHVD_CONF=""

# ihvd_conf BODY_FILE: $T/ihvd.conf = ctrl_interface + ihv_plugin + BODY (mode 600).
ihvd_conf() {
	IHVD_CTRL=$T/ihvd
	IHVD_CONF=$T/ihvd.conf
	{
		echo "ctrl_interface=$IHVD_CTRL"
		echo "ihv_plugin=$(build_dir)/ihv-rsn.so"
		cat "$1"
	} >"$IHVD_CONF"
	chmod 600 "$IHVD_CONF"
}

# ihvd_air CONF: two radios, hostapd with CONF on the first, the second in the
# station's netns; sets ap_if, sta_if and bssid (the scenarios' common start).
# shellcheck disable=SC2034 # the scenarios read them
ihvd_air() {
	hwsim_radios 2
	hostapd_start "$1"
	sta_netns 1 sta
	ap_if=${HWSIM_IF[0]}
	sta_if=${HWSIM_IF[1]}
	bssid=$(<"/sys/class/net/$ap_if/address")
}

# ihvd_start BODY_FILE [IFACE] [ARGS...]: write the config and run ihvd -d on
# IFACE (default HWSIM_IF[1]) in $STA_NS; waits for its control socket.
ihvd_start() {
	local body=$1 ifc=${2:-${HWSIM_IF[1]}} bin
	shift 2 || shift $#
	bin=$(ihvd_bin)
	ihvd_conf "$body"
	IHVD_IF=$ifc
	IHVD_LOG=$T/ihvd.log
	in_sta ip link set "$ifc" up
	# A sanitizer build (make SAN=1, IHVD_BUILD=build-san) writes its reports into $T,
	# where ihvd_stop looks for them (ihvd_san_check).
	export ASAN_OPTIONS="log_path=$T/asan:detect_leaks=1"
	export UBSAN_OPTIONS="log_path=$T/asan-ub:print_stacktrace=1"
	# IHVD_WRAP=(valgrind ...) runs ihvd under a wrapper; IHVD_START_TIMEOUT for slow ones;
	# IHVD_NO_DEBUG=1 leaves out -d (a measurement of ihvd as the bench runs it).
	local dbg=(-d)
	[[ ${IHVD_NO_DEBUG:-0} == 1 ]] && dbg=()
	daemon_start ihvd ip netns exec "${STA_NS:-sta}" ${IHVD_WRAP[@]+"${IHVD_WRAP[@]}"} \
		"$bin" ${dbg[@]+"${dbg[@]}"} -i "$ifc" -c "$IHVD_CONF" "$@"
	IHVD_PID=$DAEMON_PID
	_wait_alive "$IHVD_PID" ihvd "${IHVD_START_TIMEOUT:-10}" "ihvd control socket" ihvd_cli ping ||
		fail "ihvd did not start on $ifc (see $IHVD_LOG)" || return 1
}

# ihvd_cli CMD...: Debian's wpa_cli against ihvd.
ihvd_cli() {
	wpa_cli -p "$IHVD_CTRL" -i "$IHVD_IF" "$@"
}

_ihvd_state_is() {
	[[ $'\n'$(ihvd_cli status 2>/dev/null)$'\n' == *$'\nwpa_state='"$1"$'\n'* ]]
}

# ihvd_wait_state TIMEOUT_S STATE: wait until wpa_state=STATE (fails at once if ihvd dies).
ihvd_wait_state() {
	_wait_alive "$IHVD_PID" ihvd "$1" "ihvd wpa_state=$2" _ihvd_state_is "$2"
}

# ihvd_stop: SIGTERM; ihvd must exit 0 within 5 s (contract-order shutdown).
ihvd_stop() {
	local rc=0
	[[ -n $IHVD_PID ]] || return 0
	kill -TERM "$IHVD_PID"
	wait_for "${IHVD_STOP_TIMEOUT:-5}" "ihvd to exit after SIGTERM" eval "! _pid_alive $IHVD_PID" ||
		fail "ihvd did not exit within ${IHVD_STOP_TIMEOUT:-5} s of SIGTERM" || return 1
	wait "$IHVD_PID" || rc=$?
	IHVD_PID=""
	ihvd_san_check || return 1
	((rc == 0)) || fail "ihvd exited with status $rc after SIGTERM" || return 1
}

# ihvd_san_check: any sanitizer report in $T fails the scenario (shown first).
ihvd_san_check() {
	local f
	for f in "$T"/asan.* "$T"/asan-ub.*; do
		[[ -e $f ]] || continue
		cat "$f"
		fail "sanitizer report: $f" || return 1
	done
}

# ihvd_sta_mac: the station's MAC (from STATUS).
ihvd_sta_mac() {
	ihvd_cli status | sed -n 's/^address=//p'
}

# ihvd_check_connected BSSID KEY_MGMT: STATUS, hostapd and the driver agree.
ihvd_check_connected() {
	local bssid=$1 akm=$2 status sta_mac
	status=$(ihvd_cli status)
	echo "$status"
	grep -qx "bssid=$bssid" <<<"$status" || fail "ihvd is not associated to $bssid" || return 1
	grep -qx "key_mgmt=$akm" <<<"$status" || fail "key_mgmt is not $akm" || return 1
	grep -qx 'pairwise_cipher=CCMP' <<<"$status" || fail "pairwise cipher is not CCMP" || return 1
	grep -qx 'group_cipher=CCMP' <<<"$status" || fail "group cipher is not CCMP" || return 1
	grep -qx 'ihv_plugin=.*' <<<"$status" || fail "no ihv_plugin in STATUS" || return 1
	sta_mac=$(sed -n 's/^address=//p' <<<"$status")
	wait_log 5 "$HOSTAPD_LOG" "EAPOL-4WAY-HS-COMPLETED $sta_mac" || return 1
	hostapd_cli_ sta "$sta_mac" | grep -q '\[AUTHORIZED\]' ||
		fail "hostapd does not list $sta_mac as AUTHORIZED" || return 1
	in_sta iw dev "$IHVD_IF" link | grep -q "Connected to $bssid" ||
		fail "iw: $IHVD_IF not connected to $bssid" || return 1
}

# ihvd_timeline: the last connection timeline ihvd logged (for notes).
ihvd_timeline() {
	grep -o 'timeline to .*' "$IHVD_LOG" | tail -n 1
}

# ihvd_host_pid: ihvd's plugin host (isolated mode, issue 11), empty if none.
ihvd_host_pid() {
	pgrep -P "$IHVD_PID" 2>/dev/null | head -n 1
}

# ihvd_wrap_env FAULT: run ihvd with tests/plugins/tp-wrap.so's knobs around
# ihv-rsn.so (IHVD_WRAP); the fault fires once (a marker nobody can create).
ihvd_wrap_env() {
	local mark
	mark=$(mktemp -d "$T/wrap.XXXXXX")
	chmod 1777 "$mark" "$T"
	IHVD_WRAP=(env IHVD_WRAP_PLUGIN="$(build_dir)/ihv-rsn.so" IHVD_WRAP_FAULT="$1"
		IHVD_WRAP_ONCE="$mark/fired")
}
