# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# tests/hwsim/lib.sh: the harness every hwsim scenario runs with.
#
# tests/hwsim/run sources this file in a fresh bash per scenario, with strict
# mode (set -eEuo pipefail), $T set to a fresh scenario directory, and then
# sources tests/hwsim/scenarios/<name>.sh.  A scenario fails when any command
# fails (or `fail MSG` is called); the runner then dumps its output and every
# registered log, and cleans up (daemons, netns, mac80211_hwsim) afterwards.
#
# Conventions: radio 0 is the AP (host netns), radio 1.. are stations, each in
# its own netns (sta_netns).  Synchronise with wait_for/wait_log, never sleep.
# Everything a scenario creates lives in $T (tmpfs in the VM).

HWSIM_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
HWSIM_REPO=$(cd "$HWSIM_LIB_DIR/../.." && pwd -P)
HWSIM_CONF_DIR=$HWSIM_REPO/hostapd-conf
export HWSIM_REPO

# $T: the scenario's own directory; the runner passes it as HWSIM_T.
if [[ -z ${T:-} ]]; then
	T=${HWSIM_T:-$(mktemp -d "${TMPDIR:-/tmp}/hwsim.XXXXXX")}
fi
mkdir -p "$T"
export T

declare -ga HWSIM_PHY=() HWSIM_IF=()
STA_NS=${STA_NS:-}
HOSTAPD_PID="" HOSTAPD_IF="" HOSTAPD_CTRL="" HOSTAPD_CONF="" HOSTAPD_LOG=""
WPAS_PID="" WPAS_IF="" WPAS_CTRL="" WPAS_LOG=""
DAEMON_PID=""

# ---- small things ---------------------------------------------------------

# now_ms: wall clock in milliseconds (for measurements).
now_ms() {
	local t=${EPOCHREALTIME/./}
	echo $((t / 1000))
}

# note MSG...: a line shown in the runner's output even when the scenario
# passes (results, measurements).  Everything else is shown on failure only.
note() {
	if { true >&3; } 2>/dev/null; then
		echo "  $*" >&3
	fi
	echo "note: $*"
}

# fail MSG...: report a failure; returns 1 (so `fail x` ends the scenario).
fail() {
	echo "FAIL: $*" >&2
	return 1
}

# log_register FILE: dump FILE's tail if the scenario fails.
log_register() {
	grep -qxF -- "$1" "$T/.logs" 2>/dev/null || echo "$1" >>"$T/.logs"
}

# pid_register PID: the runner kills PID when the scenario ends.
pid_register() {
	echo "$1" >>"$T/.pids"
}

# build_dir: absolute build directory ($IHVD_BUILD, default build/).
build_dir() {
	local d=${IHVD_BUILD:-build}
	[[ $d == /* ]] || d=$HWSIM_REPO/$d
	echo "$d"
}

# ihvd_bin: path of the built ihvd (fails clearly if it is not built).
ihvd_bin() {
	local b
	b="$(build_dir)/ihvd"
	[[ -x $b ]] || fail "ihvd is not built: $b is missing (run make)" || return 1
	echo "$b"
}

# hwsim_tool NAME: path of a built tests/hwsim/tools/NAME program.
hwsim_tool() {
	local b
	b="$(build_dir)/tests/hwsim/tools/$1"
	[[ -x $b ]] || fail "hwsim tool $1 is not built: $b is missing (run make)" || return 1
	echo "$b"
}

_now_us() { echo "${EPOCHREALTIME/./}"; }

# HWSIM_TIMEOUT_SCALE (integer, default 1) stretches every wait_for/wait_log
# timeout, for slow or crowded hosts.  A timeout is a bound, not a delay.
HWSIM_TIMEOUT_SCALE=${HWSIM_TIMEOUT_SCALE:-1}
[[ $HWSIM_TIMEOUT_SCALE =~ ^[1-9][0-9]*$ ]] || HWSIM_TIMEOUT_SCALE=1

# seconds (may be fractional, "2.5") -> microseconds, scaled
_s_to_us() {
	local s=$1 int frac
	int=${s%%.*}
	frac=000000
	[[ $s == *.* ]] && frac=${s#*.}000000
	echo $(((10#${int:-0} * 1000000 + 10#${frac:0:6}) * HWSIM_TIMEOUT_SCALE))
}

# _pid_alive PID: running (not a zombie).
_pid_alive() {
	local st
	[[ -r /proc/$1/stat ]] || return 1
	read -r st </proc/"$1"/stat 2>/dev/null || return 1
	st=${st##*) }
	[[ ${st:0:1} != Z ]]
}

# ---- waiting --------------------------------------------------------------

# wait_for TIMEOUT_S "description" CMD...: run CMD every 50 ms until it
# succeeds (0) or TIMEOUT_S pass ("timeout waiting for: description", 1).
wait_for() {
	local timeout=$1 desc=$2 deadline
	shift 2
	deadline=$(($(_now_us) + $(_s_to_us "$timeout")))
	while :; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		if (($(_now_us) >= deadline)); then
			echo "timeout waiting for: $desc (${timeout}s x$HWSIM_TIMEOUT_SCALE)" >&2
			return 1
		fi
		sleep 0.05
	done
}

# _wait_alive PID NAME TIMEOUT "description" CMD...: wait_for, but give up at
# once (with NAME's death reported) when process PID exits.
_wait_alive() {
	local pid=$1 name=$2 timeout=$3 desc=$4 deadline
	shift 4
	deadline=$(($(_now_us) + $(_s_to_us "$timeout")))
	while :; do
		if "$@" >/dev/null 2>&1; then
			return 0
		fi
		if ! _pid_alive "$pid"; then
			local rc=0
			wait "$pid" 2>/dev/null || rc=$?
			echo "$name (pid $pid) exited with status $rc while waiting for: $desc" >&2
			return 1
		fi
		if (($(_now_us) >= deadline)); then
			echo "timeout waiting for: $desc (${timeout}s x$HWSIM_TIMEOUT_SCALE)" >&2
			return 1
		fi
		sleep 0.05
	done
}

# wait_log TIMEOUT_S FILE REGEX: wait until a line of FILE matches REGEX (ERE).
wait_log() {
	wait_for "$1" "/$3/ in $2" grep -Eq -- "$3" "$2"
}

# ---- radios and namespaces ------------------------------------------------

# _hwsim_scan N: fill HWSIM_PHY/HWSIM_IF from sysfs (hwsim radios only, in
# creation order); succeeds when N radios each have a netdev.  Builtins only
# (an exec costs 30-100 ms under TCG).
_hwsim_scan() {
	local want=$1 p phy nets
	local -a byidx=()
	HWSIM_PHY=() HWSIM_IF=()
	for p in /sys/devices/virtual/mac80211_hwsim/hwsim*/ieee80211/phy*; do
		[[ -e $p ]] || continue
		phy=${p##*/}
		byidx[${phy#phy}]=$phy # sparse array: iterates in index order
	done
	((${#byidx[@]} == want)) || return 1
	for phy in "${byidx[@]}"; do
		nets=("/sys/class/ieee80211/$phy/device/net/"*)
		[[ -e ${nets[0]} ]] || return 1
		HWSIM_PHY+=("$phy")
		HWSIM_IF+=("${nets[0]##*/}")
	done
}

_hwsim_unload() {
	[[ -d /sys/module/mac80211_hwsim ]] || return 0
	rmmod mac80211_hwsim || fail "rmmod mac80211_hwsim failed" || return 1
	wait_for 10 "mac80211_hwsim unloaded" test ! -d /sys/module/mac80211_hwsim
}

# hwsim_radios N: (re)load mac80211_hwsim with N radios and wait for their
# wlan netdevs; sets HWSIM_PHY[i] and HWSIM_IF[i] (0 = AP, 1.. = stations).
hwsim_radios() {
	local n=$1
	_hwsim_unload || return 1
	modprobe mac80211_hwsim radios="$n" || fail "modprobe mac80211_hwsim radios=$n failed" || return 1
	wait_for 10 "$n mac80211_hwsim radios with netdevs" _hwsim_scan "$n" || return 1
	_hwsim_scan "$n"
	echo "hwsim: radios ${HWSIM_PHY[*]} -> ${HWSIM_IF[*]}"
}

# sta_netns IDX [NS]: move radio IDX's phy into a new netns NS (default sta);
# the first one becomes in_sta's namespace.
sta_netns() {
	local idx=$1 ns=${2:-sta} phy ifc
	phy=${HWSIM_PHY[$idx]:?no hwsim radio $idx}
	ifc=${HWSIM_IF[$idx]}
	ip netns add "$ns" || fail "ip netns add $ns failed" || return 1
	echo "$ns" >>"$T/.netns"
	iw phy "$phy" set netns name "$ns" || fail "iw phy $phy set netns name $ns failed" || return 1
	wait_for 5 "$ifc in netns $ns" ip -n "$ns" link show "$ifc" || return 1
	ip -n "$ns" link set lo up
	[[ -n $STA_NS ]] || STA_NS=$ns
}

# in_ns NS CMD...: run CMD in network namespace NS.
in_ns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

# in_sta CMD...: run CMD in the station netns ($STA_NS, default sta).
in_sta() {
	ip netns exec "${STA_NS:-sta}" "$@"
}

# ---- daemons --------------------------------------------------------------

# daemon_start NAME CMD...: start CMD in the background, stdout+stderr to
# $T/NAME.log (registered), pid registered; sets DAEMON_PID.
daemon_start() {
	local name=$1
	shift
	log_register "$T/$name.log"
	"$@" >"$T/$name.log" 2>&1 </dev/null &
	DAEMON_PID=$!
	pid_register "$DAEMON_PID"
}

# daemon_stop PID [TIMEOUT_S]: SIGTERM, wait (SIGKILL after the timeout).
daemon_stop() {
	local pid=$1 timeout=${2:-5}
	[[ -n $pid ]] || return 0
	kill -TERM "$pid" 2>/dev/null || true
	if ! wait_for "$timeout" "pid $pid to exit" eval "! _pid_alive $pid"; then
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}

_hostapd_enabled() {
	[[ $'\n'$(hostapd_cli_ status 2>/dev/null) == *$'\nstate=ENABLED\n'* ]]
}

# hostapd_keys_from BIN: from now on hostapd_start runs BIN (another hostapd build) with -K,
# so that it logs the keys it derives. hostapd_start runs `hostapd -dd -t ... &`: in that
# background subshell the wrapper execs, so that HOSTAPD_PID is hostapd's own.
hostapd_keys_from() {
	_hostapd_keys_bin=$1
	hostapd() {
		if [[ $BASHPID != "$$" ]]; then
			exec "$_hostapd_keys_bin" -K "$@"
		fi
		command "$_hostapd_keys_bin" -K "$@"
	}
}

# hostapd_start CONF [IFACE]: run hostapd with hostapd-conf/CONF (or a path)
# on IFACE (default HWSIM_IF[0]); waits for state=ENABLED.  Sets HOSTAPD_PID,
# HOSTAPD_IF, HOSTAPD_CONF, HOSTAPD_LOG (hostapd -dd -t), HOSTAPD_CTRL.
hostapd_start() {
	local conf=$1 ifc=${2:-${HWSIM_IF[0]:-}} src
	[[ -n $ifc ]] || fail "hostapd_start: no interface (call hwsim_radios first)" || return 1
	src=$conf
	[[ $src == */* ]] || src=$HWSIM_CONF_DIR/$conf
	[[ -r $src ]] || fail "hostapd config $src not found" || return 1
	HOSTAPD_IF=$ifc
	HOSTAPD_CTRL=$T/hostapd
	HOSTAPD_CONF=$T/hostapd-$ifc.conf
	HOSTAPD_LOG=$T/hostapd-$ifc.log
	local -a lines
	local l n=0
	mapfile -t lines <"$src"
	for l in "${lines[@]}"; do
		n=$((n + 1))
		l=${l//@IFACE@/$ifc}
		l=${l//@CTRL_DIR@/$HOSTAPD_CTRL}
		if [[ $l =~ @[A-Z_]+@ ]]; then
			fail "$src:$n: unknown placeholder ${BASH_REMATCH[0]}" || return 1
		fi
		printf '%s\n' "$l"
	done >"$HOSTAPD_CONF"
	log_register "$HOSTAPD_LOG"
	log_register "$T/hostapd-$ifc.out"
	# HOSTAPD_QUIET=1: its events only (MSG_INFO), for a measurement (tests/bench)
	local dbg=(-dd)
	[[ ${HOSTAPD_QUIET:-0} != 1 ]] || dbg=()
	hostapd "${dbg[@]}" -t -f "$HOSTAPD_LOG" "$HOSTAPD_CONF" >"$T/hostapd-$ifc.out" 2>&1 </dev/null &
	HOSTAPD_PID=$!
	pid_register "$HOSTAPD_PID"
	_wait_alive "$HOSTAPD_PID" hostapd 15 "hostapd on $ifc state=ENABLED" _hostapd_enabled ||
		fail "hostapd did not come up on $ifc with $conf (see $HOSTAPD_LOG)" || return 1
	echo "hostapd: $conf on $ifc enabled (pid $HOSTAPD_PID)"
}

# hostapd_cli_ CMD...: hostapd_cli against the running hostapd.
hostapd_cli_() {
	hostapd_cli -p "$HOSTAPD_CTRL" -i "$HOSTAPD_IF" "$@"
}

# hostapd_stop: stop hostapd and wait for it.
hostapd_stop() {
	daemon_stop "$HOSTAPD_PID"
	HOSTAPD_PID=""
}

_wpas_state_is() {
	[[ $'\n'$(wpas_cli_ status 2>/dev/null)$'\n' == *$'\nwpa_state='"$1"$'\n'* ]]
}

# wpas_start CONF [IFACE] [NS]: run Debian's wpa_supplicant (-dd -t, log
# $WPAS_LOG) on IFACE (default HWSIM_IF[1]) in NS (default $STA_NS) with the
# network blocks in file CONF; the harness adds ctrl_interface.
wpas_start() {
	local conf=$1 ifc=${2:-${HWSIM_IF[1]:-}} ns=${3:-${STA_NS:-sta}}
	[[ -r $conf ]] || fail "wpa_supplicant config $conf not found" || return 1
	WPAS_IF=$ifc
	WPAS_CTRL=$T/wpas
	WPAS_LOG=$T/wpas-$ifc.log
	{
		echo "ctrl_interface=$WPAS_CTRL"
		echo "$(<"$conf")"
	} >"$T/wpas-$ifc.conf"
	log_register "$WPAS_LOG"
	log_register "$T/wpas-$ifc.out"
	ip netns exec "$ns" wpa_supplicant -dd -t -i "$ifc" -D nl80211 -c "$T/wpas-$ifc.conf" \
		-f "$WPAS_LOG" >"$T/wpas-$ifc.out" 2>&1 </dev/null &
	WPAS_PID=$!
	pid_register "$WPAS_PID"
	_wait_alive "$WPAS_PID" wpa_supplicant 10 "wpa_supplicant control socket" wpas_cli_ ping ||
		fail "wpa_supplicant did not start on $ifc (see $WPAS_LOG)" || return 1
}

# wpas_cli_ CMD...: wpa_cli against the running wpa_supplicant.
wpas_cli_() {
	wpa_cli -p "$WPAS_CTRL" -i "$WPAS_IF" "$@"
}

# wpas_wait_state TIMEOUT_S STATE: wait until wpa_state=STATE.
wpas_wait_state() {
	_wait_alive "$WPAS_PID" wpa_supplicant "$1" "wpa_supplicant wpa_state=$2" _wpas_state_is "$2"
}

# wpas_stop: stop wpa_supplicant and wait for it.
wpas_stop() {
	daemon_stop "$WPAS_PID"
	WPAS_PID=""
}

# ---- traffic --------------------------------------------------------------

HWSIM_AP_IP=192.168.77.1
HWSIM_STA_IP=192.168.77.2

# ip_setup [AP_IF] [STA_IF]: 192.168.77.1/24 on the AP interface (host netns),
# 192.168.77.2/24 on the station interface in $STA_NS.
ip_setup() {
	local ap=${1:-${HWSIM_IF[0]}} sta=${2:-${HWSIM_IF[1]}}
	ip addr replace "$HWSIM_AP_IP/24" dev "$ap"
	ip link set "$ap" up
	in_sta ip addr replace "$HWSIM_STA_IP/24" dev "$sta"
	in_sta ip link set "$sta" up
}

# _ping_run WHERE DEST COUNT DEADLINE: busybox ping from the station's netns
# (sta) or the AP's; prints its output and sets _ping_tx/_ping_rx.
_ping_run() {
	local where=$1 dst=$2 count=$3 deadline=$4 out
	if [[ $where == sta ]]; then
		out=$(in_sta busybox ping -c "$count" -A -w "$deadline" "$dst" 2>&1) || true
	else
		out=$(busybox ping -c "$count" -A -w "$deadline" "$dst" 2>&1) || true
	fi
	echo "$out"
	_ping_tx=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' <<<"$out")
	_ping_rx=$(sed -n 's/.* \([0-9]*\) packets received.*/\1/p' <<<"$out")
}

# _ping_all WHERE DEST: one echo must come back (it resolves the neighbour),
# then 3 more, all answered.  The first is counted apart because with -w
# busybox sends another echo each second while the first waits on ARP, and
# ends with that one in flight once enough replies are in: under ASan on a
# loaded TCG host ARP took a second and such a run read "4 transmitted,
# 3 received" with nothing lost on the air.
_ping_all() {
	_ping_run "$1" "$2" 1 3
	[[ -n $_ping_rx && $_ping_rx -ge 1 ]] || return 1
	_ping_run "$1" "$2" 3 6
	[[ -n $_ping_tx && $_ping_tx -ge 3 && $_ping_rx == "$_ping_tx" ]]
}

# ping_check: ping AP -> station and station -> AP over the air (after
# ip_setup); fails unless the first echo comes back and then 3 more all do.
ping_check() {
	_ping_all ap "$HWSIM_STA_IP" || fail "ping from the AP to the station lost packets" || return 1
	_ping_all sta "$HWSIM_AP_IP" || fail "ping from the station to the AP lost packets" || return 1
}

# ---- used by tests/hwsim/run ----------------------------------------------

# hwsim_scenario_setup FILE: strict mode and an ERR trap naming the failing
# line of FILE; the runner then sources FILE at the top level.
hwsim_scenario_setup() {
	HWSIM_SCENARIO_FILE=$1
	_hwsim_err_shown=0
	set -eEuo pipefail
	trap '_hwsim_on_err $? "${BASH_SOURCE[0]}" "$LINENO" "$BASH_COMMAND"' ERR
	cd "$HWSIM_REPO"
	# HWSIM_TRACE=1: trace every command with a timestamp (relative, seconds).
	if [[ -n ${HWSIM_TRACE:-} ]]; then
		# shellcheck disable=SC2034 # used in PS4
		HWSIM_T0=$(_now_us)
		PS4='+ $(( ($(_now_us) - HWSIM_T0) / 1000 ))ms ${BASH_SOURCE[0]:-}:$LINENO: '
		set -x
	fi
}

# Report the first failure once: the scenario's line when it is one, else the
# command.  Later ERR traps are the same failure unwinding.
_hwsim_on_err() {
	local rc=$1 src=$2 line=$3 cmd=$4 text
	((_hwsim_err_shown)) && return 0
	_hwsim_err_shown=1
	if [[ $src == "$HWSIM_SCENARIO_FILE" ]]; then
		text=$(sed -n "${line}{s/^[[:space:]]*//;p}" "$src")
		echo "error: ${src##*/}:$line failed (status $rc): $text" >&2
	else
		echo "error: '$cmd' failed (status $rc) at ${src##*/}:$line" >&2
	fi
}
