#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-rounds.sh BED ROUNDS CLIENT...: measure the station daemons
# against the running hostapd of test bed BED, round by round.  Run by
# tests/bench/vm-bench.sh inside the station netns (ip netns exec sta ...), so
# every daemon start below is a plain fork+exec of the daemon itself.
#
# Round 0 is a warm-up (page cache over 9p, iwd's known-frequency file): one
# cold start and one reconnect per client, not counted.  Rounds 1..ROUNDS
# each run every client once, one daemon at a time (they would fight over
# wlan1), the first client rotating with the round (A B C, B C A, C A B, ...).
# One client's turn in a round ("block"):
#   1. cold start, flushed scan cache: a scan on a channel with no AP
#      (`iw scan flush freq 2462`, which drops every entry not seen in it),
#      wlan1 down and up, start the daemon -> authorized; stop it.
#   2. cold start, fresh scan results: `iw scan freq 2412` (the AP's
#      channel) just before the start -> authorized.  This instance stays.
#   3. BENCH_K reconnects "fresh": disconnect, 0.3 s, connect -> authorized;
#      CPU (utime+stime, schedstat) over these K.  On an SAE bed then one
#      reconnect "full": the same with the client's PMKSA cache flushed just
#      before the connect request (PMKSA_FLUSH; ihvd: IHV_CONTROL pmksa_flush).
#   4. memory after connect: VmHWM, RssAnon (status), Pss (smaps_rollup).
#   5. on idle rounds: connected and quiet for BENCH_IDLE s (>= 20 s after the
#      client's last scan); context switches over its last BENCH_IDLE_WINDOW
#      s; then one reconnect "idle" (same steps as 3).
#   6. stop the daemon.
# A client that fails in a turn (does not connect, exits) gets a status line
# and loses that turn; after two failed turns it sits out the remaining
# rounds.  That is a result, not a harness error.
#
# Env (from vm-bench.sh): T (scratch dir, tmpfs), BENCH_OUT, BENCH_HOSTAPD_LOG
# (hostapd -dd -t), BENCH_STA_IF, BENCH_BSSID, BENCH_DBUS_PID (iwd),
# BENCH_K (default 3), BENCH_IDLE (s, default 65), BENCH_IDLE_WINDOW (s,
# default 60), BENCH_IDLE_ROUNDS ("all", or a round number), IHVD_BUILD.
#
# Appends to $BENCH_OUT/raw.txt lines "BED CLIENT KEY ROUND VALUE", and per
# measured connection "BED CLIENT conn ROUND PATTERN REQUEST_US AUTHORIZED_US
# EAP" (EAP: how many EAP conversations hostapd began for it; 0 off EAP beds)
# (scripts/bench matches captures and ihvd's timeline lines to them).
# Exit 0 when the harness ran; 2 when it broke.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
bed=${1:?usage: vm-rounds.sh BED ROUNDS CLIENT...}
rounds=${2:?usage: vm-rounds.sh BED ROUNDS CLIENT...}
shift 2
clients=("$@")
: "${T:?} ${BENCH_OUT:?} ${BENCH_HOSTAPD_LOG:?} ${BENCH_STA_IF:?}"
sta_if=$BENCH_STA_IF
bssid=${BENCH_BSSID:-}
raw=$BENCH_OUT/raw.txt
K=${BENCH_K:-3}
idle_s=${BENCH_IDLE:-65}
idle_win=${BENCH_IDLE_WINDOW:-60}
idle_rounds=${BENCH_IDLE_ROUNDS:-all}
# Timeouts grow with HWSIM_TIMEOUT_SCALE (passed into the VM), for a busy host.
scale=${HWSIM_TIMEOUT_SCALE:-1}
[[ $scale =~ ^[1-9][0-9]*$ ]] || scale=1
cold_timeout=$((30 * scale)) # s, process start -> authorized
conn_timeout=$((10 * scale)) # s, connect request -> authorized
scan_timeout=$((15 * scale)) # s, one iw scan
settle=0.3      # s of quiet after each disconnect and each connect
logs=$T/logs
mkdir -p "$logs"

client=harness
say() { echo "bench[$bed $client]: $*"; }
WHY=""
why() { say "$*"; WHY=$*; }
rec() { echo "$bed $client $*" >>"$raw"; }

# shellcheck source=tests/bench/vm-client.sh
. "$HERE/vm-client.sh"
bed_load "$bed" || { say "unknown test bed $bed"; exit 2; }

# ---- clock and sleeping without exec (an exec costs ~30 ms under TCG) ------

mkfifo "$T/sleep.rounds" 2>/dev/null
exec {SLEEPFD}<>"$T/sleep.rounds"
nap() { read -r -t "$1" -u "$SLEEPFD" _ || true; }

# The helpers below set variables instead of printing: a $(...) is a fork,
# which costs milliseconds under TCG and would run next to the measurement.
# ts_us VAR "1700000000.123456": microseconds into VAR.
ts_us() {
	local s=$2 i f
	i=${s%%.*}
	f=000000
	[[ $s == *.* ]] && f=${s#*.}000000
	printf -v "$1" '%d' $((10#$i * 1000000 + 10#${f:0:6}))
}
# us_ms VAR MICROSECONDS: "X.YYY" (milliseconds) into VAR.
us_ms() {
	local d=$2 sign=""
	((d < 0)) && sign=- d=$((-d))
	printf -v "$1" '%s%d.%03d' "$sign" $((d / 1000)) $((d % 1000))
}

pid_alive() {
	local st
	read -r st 2>/dev/null </proc/"$1"/stat || return 1
	st=${st##*) }
	[[ ${st:0:1} != Z ]]
}

# ---- hostapd's events, read as they are written ------------------------------
# Only the lines we need pass the grep, so bash reads a few lines per
# connection instead of hostapd's whole debug log.  CTRL-EVENT-EAP-STARTED
# (hostapd's EAP server began a conversation with the station) appears only on
# an EAP bed: it tells a full authentication from a PMKSA-cached one.

exec {EV}< <(exec tail -n 0 -F "$BENCH_HOSTAPD_LOG" 2>/dev/null |
	exec grep --line-buffered -E 'AP-STA-DISCONNECTED|EAPOL-4WAY-HS-COMPLETED|CTRL-EVENT-EAP-STARTED')

ev_drain() {
	local l
	while read -r -t 0 -u "$EV"; do read -r -u "$EV" l || break; done
}

# ev_wait EVENT TIMEOUT_S [NOT_BEFORE_US]: the next hostapd line with EVENT
# (timestamped no earlier than NOT_BEFORE_US); its time in EV_US.  EV_EAP:
# how many EAP conversations hostapd began on the way (since NOT_BEFORE_US).
ev_wait() {
	local want=$1 tmo=$2 nb=${3:-0} deadline line left us secs
	EV_EAP=0
	ts_us deadline "$tmo"
	deadline=$((${EPOCHREALTIME/./} + deadline))
	while :; do
		left=$((deadline - ${EPOCHREALTIME/./}))
		((left > 0)) || return 1
		us_ms secs $((left / 1000)) # ms -> "s.mmm"
		read -r -t "$secs" -u "$EV" line || return 1
		ts_us us "${line%%:*}"
		if [[ $line == *CTRL-EVENT-EAP-STARTED* ]]; then
			((us >= nb)) && EV_EAP=$((EV_EAP + 1))
			continue
		fi
		[[ $line == *"$want"* ]] || continue
		((us >= nb)) || continue
		EV_US=$us
		return 0
	done
}

# ---- the control channel ------------------------------------------------------
# One perl process for the whole run, so no control tool is exec'ed per
# request.  It takes the request timestamp (gettimeofday, CLOCK_REALTIME, the
# clock of hostapd -t) immediately before the send()/write() of the command:
#   "wpa SOCKET COMMAND [ARG]"    a wpa_supplicant-style control socket (datagram)
#   "dbus PATH INTERFACE MEMBER"  a method call to net.connman.iwd on the system bus
#   "reset"                       close the control sockets (a daemon stopped:
#                                 a socket connected to its old one is dead)
# and answers "SECONDS.MICROS ok" or "0 err WHY".
# shellcheck disable=SC2016 # perl code
CTL_PERL='
use strict; use warnings;
use Socket; use Time::HiRes qw(time);
$| = 1;
my $tmp = shift @ARGV;
my (%wpa, $bus, $n);
my $serial = 0;
sub drain { my $s = shift; my $b;
	while (defined(recv($s, $b, 65536, MSG_DONTWAIT)) && length $b) {} }
sub wpa_sock { my $path = shift;
	return $wpa{$path} if $wpa{$path};
	socket(my $s, AF_UNIX, SOCK_DGRAM, 0) or return;
	my $local = "$tmp/ctl-$$-" . $n++;
	unlink $local;
	bind($s, pack_sockaddr_un($local)) or return;
	connect($s, pack_sockaddr_un($path)) or return;
	return $wpa{$path} = $s; }
sub pad8 { "\0" x ((8 - $_[0] % 8) % 8) }
sub field { my ($code, $sig, $v) = @_;
	pack("CCa1x", $code, 1, $sig) . pack("V", length $v) . $v . "\0" }
sub dbus_msg { my ($path, $if, $member, $dest) = @_;
	my $f = "";
	for my $e ([1, "o", $path], [2, "s", $if], [3, "s", $member], [6, "s", $dest]) {
		$f .= pad8(length $f); $f .= field(@$e); }
	my $h = pack("a1CCCVVV", "l", 1, 0, 1, 0, ++$serial, length $f) . $f;
	return $h . pad8(length $h); }
sub bus_open {
	my $p = "/run/dbus/system_bus_socket";
	socket(my $s, AF_UNIX, SOCK_STREAM, 0) or return;
	connect($s, pack_sockaddr_un($p)) or return;
	my $uid = join "", map { sprintf "%02x", ord } split //, $<;
	syswrite($s, "\0AUTH EXTERNAL $uid\r\n") or return;
	my ($l, $c) = ("", "");
	while ($l !~ /\r\n/) { sysread($s, $c, 1) or return; $l .= $c; }
	return unless $l =~ /^OK/;
	syswrite($s, "BEGIN\r\n") or return;
	syswrite($s, dbus_msg("/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello",
			      "org.freedesktop.DBus")) or return;
	return $bus = $s; }
while (my $line = <STDIN>) {
	chomp $line;
	my @a = split " ", $line;
	if (!@a) { next }
	if ($a[0] eq "ping") { print "pong\n"; next }
	if ($a[0] eq "reset") { %wpa = (); print "0 ok\n"; next }
	if ($a[0] eq "wpa" && @a >= 3) {
		my $s = wpa_sock($a[1]);
		if (!$s) { delete $wpa{$a[1]}; print "0 err $a[1]: $!\n"; next }
		drain($s);
		my $t = time;
		my $ok = send($s, join(" ", @a[2 .. $#a]), 0);
		if (!defined $ok) { delete $wpa{$a[1]}; print "0 err send: $!\n"; next }
		printf "%.6f ok\n", $t; next }
	if ($a[0] eq "dbus" && @a == 4) {
		if (!$bus && !bus_open()) { print "0 err system bus: $!\n"; next }
		drain($bus);
		my $m = dbus_msg($a[1], $a[2], $a[3], "net.connman.iwd");
		my $t = time;
		my $ok = syswrite($bus, $m);
		if (!$ok) { undef $bus; print "0 err write: $!\n"; next }
		printf "%.6f ok\n", $t; next }
	print "0 err bad command\n";
}'

coproc CTL { exec perl -e "$CTL_PERL" "$T"; }
CTL_OUT=${CTL[0]}
CTL_IN=${CTL[1]}
echo ping >&"$CTL_IN"
read -r -t 20 -u "$CTL_OUT" pong || pong=""
if [[ $pong != pong ]]; then
	say "harness error: the perl control helper did not start"
	exit 2
fi

# ctl LINE: send a request through the helper; its send time in REQ_US.
ctl() {
	local ts st rest
	echo "$*" >&"$CTL_IN"
	read -r -t 10 -u "$CTL_OUT" ts st rest || {
		say "control helper gave no answer to '$*'"
		return 1
	}
	if [[ $st != ok ]]; then
		say "control request '$*' failed: $rest"
		return 1
	fi
	ts_us REQ_US "$ts"
}

# ---- /proc readers (no fork) ---------------------------------------------------

# cpu_split UVAR SVAR PID: utime and stime (clock ticks, all threads)
cpu_split() {
	local l f
	read -r l </proc/"$3"/stat || return 1
	l=${l##*) }
	read -r -a f <<<"$l"
	printf -v "$1" '%d' "${f[11]}"
	printf -v "$2" '%d' "${f[12]}"
}
# cpu_ticks VAR PID: utime+stime (clock ticks, all threads)
cpu_ticks() {
	local u k
	cpu_split u k "$2" || return 1
	printf -v "$1" '%d' $((u + k))
}
# sched_ns VAR PID: time on CPU of all threads, nanoseconds (schedstat)
sched_ns() {
	local t ns sum=0
	for t in /proc/"$2"/task/*/schedstat; do
		read -r ns _ <"$t" 2>/dev/null || continue
		sum=$((sum + ns))
	done
	printf -v "$1" '%d' "$sum"
}
# ctx_switches VAR PID: voluntary + nonvoluntary context switches, all threads
ctx_switches() {
	local t k v sum=0
	for t in /proc/"$2"/task/*/status; do
		while read -r k v; do
			case $k in
			voluntary_ctxt_switches: | nonvoluntary_ctxt_switches:) sum=$((sum + v)) ;;
			esac
		done <"$t"
	done
	printf -v "$1" '%d' "$sum"
}
# mem_rec PREFIX PID ROUND: PREFIXvmhwm_kb, PREFIXrssanon_kb, PREFIXpss_kb
mem_rec() {
	local k v _u hwm="" anon="" pss=""
	while read -r k v _u; do
		case $k in
		VmHWM:) hwm=$v ;;
		RssAnon:) anon=$v ;;
		esac
	done </proc/"$2"/status
	while read -r k v _u; do
		[[ $k == Pss: ]] && pss=$v
	done </proc/"$2"/smaps_rollup 2>/dev/null
	[[ -n $hwm ]] && rec "${1}vmhwm_kb" "$3" "$hwm"
	[[ -n $anon ]] && rec "${1}rssanon_kb" "$3" "$anon"
	[[ -n $pss ]] && rec "${1}pss_kb" "$3" "$pss"
}

# ---- one daemon ---------------------------------------------------------------------

# cfn WHAT ARGS...: the current client's function WHAT (vm-client.sh; a
# client's name with "-" as "_": ihvd-inline -> ihvd_inline_exec)
cfn() {
	local fname=${client//-/_}_$1
	shift
	"$fname" "$@"
}

DPID=""
daemon_start() { # LOGNAME
	DLOG=$logs/$bed.$client.$1.log
	cfn exec >"$DLOG" 2>&1 </dev/null &
	DPID=$!
}

daemon_stop() {
	local i
	[[ -n $DPID ]] || return 0
	kill -TERM "$DPID" 2>/dev/null
	for ((i = 0; i < 100; i++)); do
		pid_alive "$DPID" || break
		nap 0.05
	done
	pid_alive "$DPID" && kill -KILL "$DPID" 2>/dev/null
	wait "$DPID" 2>/dev/null
	DPID=""
	echo reset >&"$CTL_IN" && read -r -t 10 -u "$CTL_OUT" _
	ev_wait AP-STA-DISCONNECTED 3 >/dev/null || true
	nap "$settle"
}

# fail_block WHY: this client failed in this turn; after two, it sits out
# the rest.
fail_block() {
	say "did not connect: $1"
	rec status "$round" "did not connect: $1 (round $round)"
	FAILS[$client]=$((${FAILS[$client]:-0} + 1))
	((FAILS[$client] < 2)) || say "two failed turns: out for the remaining rounds"
	if [[ -n ${DLOG:-} && -s $DLOG ]]; then
		say "---- last lines of its output ----"
		tail -n 15 "$DLOG"
	fi
	daemon_stop
	((FAILS[$client] < 2)) || OUT_OF[$client]=1
}

# bss_entries VAR: how many entries of the AP the kernel's scan cache holds
# (the locals are _-prefixed: VAR is the caller's)
bss_entries() {
	local _n=0 _l
	[[ -n $bssid ]] || { printf -v "$1" '%s' "?"; return 0; }
	while read -r _l; do
		[[ $_l == "BSS $bssid"* ]] && _n=$((_n + 1))
	done < <(timeout 10 iw dev "$sta_if" scan dump 2>/dev/null)
	printf -v "$1" '%d' "$_n"
}

# On an EAP bed, per measured connection: did hostapd run EAP with the
# station (a full authentication), or did the station's PMKID hit hostapd's
# PMKSA cache (no EAP)?  "eap_KIND ROUND N" in raw.txt, N = conversations
# begun (scripts/bench counts the reconnects that ran EAP again).
# eap_rec KIND: that line, and in EAP_NOTE a word for the log (no fork).
eap_rec() {
	EAP_NOTE=""
	[[ $BED_KIND == eap ]] || return 0
	rec "eap_$1" "$round" "$EV_EAP"
	if ((EV_EAP)); then EAP_NOTE=" (full EAP)"; else EAP_NOTE=" (PMKSA cached, no EAP)"; fi
}

# cold PATTERN LOGNAME: start the daemon, wait for authorized; records
# cold_PATTERN_ms and the connection.
cold() {
	local pat=$1 t0 ms
	ev_drain
	t0=${EPOCHREALTIME/./}
	daemon_start "$2"
	if ! ev_wait EAPOL-4WAY-HS-COMPLETED "$cold_timeout" "$t0"; then
		pid_alive "$DPID" || { fail_block "the daemon exited (cold start, $pat)"; return 1; }
		fail_block "no 4-way handshake within ${cold_timeout}s of start (cold start, $pat)"
		return 1
	fi
	us_ms ms $((EV_US - t0))
	eap_rec "cold_${pat}"
	say "round $round: cold start ($pat) $ms ms$EAP_NOTE"
	rec "cold_${pat}_ms" "$round" "$ms"
	rec conn "$round" "cold_$pat" "$t0" "$EV_US" "$EV_EAP"
	nap "$settle"
}

# reconnect PATTERN: disconnect request, hostapd's AP-STA-DISCONNECTED,
# settle, connect request (timestamped right before the send), hostapd's
# EAPOL-4WAY-HS-COMPLETED, settle.  Records reconnect_PATTERN_ms.
reconnect() {
	local pat=$1 ms
	ev_drain
	cfn disconnect || return 1
	ev_wait AP-STA-DISCONNECTED "$conn_timeout" "$REQ_US" || { say "round $round: no disconnect seen"; return 1; }
	nap "$settle"
	ev_drain
	if [[ $pat == full ]]; then
		# forget the PMKSA: the connect below authenticates in full (on the
		# SAE bed: SAE instead of Open System with the PMKID)
		cfn pmksa_flush || return 1
		nap 0.1
	fi
	cfn connect || return 1
	if ! ev_wait EAPOL-4WAY-HS-COMPLETED "$conn_timeout" "$REQ_US"; then
		say "round $round: reconnect ($pat) not authorized within ${conn_timeout}s"
		return 1
	fi
	us_ms ms $((EV_US - REQ_US))
	eap_rec "reconnect_${pat}"
	say "round $round: reconnect ($pat) $ms ms$EAP_NOTE"
	rec "reconnect_${pat}_ms" "$round" "$ms"
	rec conn "$round" "reconnect_$pat" "$REQ_US" "$EV_US" "$EV_EAP"
	nap "$settle"
}

# reconnect_or_recover PATTERN: a failed reconnect is counted and the
# client brought back to connected; 1 when it cannot be.
reconnect_or_recover() {
	reconnect "$1" && return 0
	rec reconnect_failures "$round" 1
	pid_alive "$DPID" || { fail_block "the daemon exited during a reconnect ($1)"; return 1; }
	ev_drain
	cfn connect && ev_wait EAPOL-4WAY-HS-COMPLETED "$conn_timeout" "$REQ_US" && { nap "$settle"; return 0; }
	fail_block "lost after a failed reconnect ($1)"
	return 1
}

# profile_run N: N reconnects ("profile": recorded, never in a table) after
# the tracer's start; PROFILED = how many were authorized
profile_run() {
	nap 0.5
	for ((PROFILED = 0; PROFILED < $1; PROFILED++)); do
		reconnect_or_recover profile || break
	done
}

# profile_reconnects: BENCH_PROFILE=1, in the warm-up round only (nothing
# measured is traced): where a fresh reconnect's CPU goes.  BENCH_PROFILE_K
# reconnects (default 4) under `strace -c -f`, one for the daemon and one for
# each process serving it: the system calls per reconnect, which is where
# the stime row's time goes.  (perf's cpu-clock sampling gathers no samples
# of ihvd's two processes in this TCG VM, and system-wide only the idle
# task's: no perf here.)  Reports in
# $BENCH_OUT/profile/BED.CLIENT.strace-NAME.txt (NAME: daemon, phost, dbus);
# the first line of each is "reconnects N".
profile_reconnects() {
	local dir=$BENCH_OUT/profile pk=${BENCH_PROFILE_K:-4} name pid tag
	local -a sp=() tags=()
	mkdir -p "$dir"
	command -v strace >/dev/null || { say "BENCH_PROFILE: strace missing; no profile"; return 0; }
	say "profile: $pk reconnects under strace -c, one per process"
	while read -r name pid; do
		[[ -n $pid ]] || continue
		strace -qq -c -f -p "$pid" -o "$T/strace.$name" 2>/dev/null &
		sp+=($!)
		tags+=("$name")
	done < <(echo "daemon $DPID"; extras)
	profile_run "$pk"
	kill -INT "${sp[@]}" 2>/dev/null
	wait "${sp[@]}" 2>/dev/null
	for tag in "${tags[@]}"; do
		{ echo "reconnects $PROFILED"; cat "$T/strace.$tag" 2>/dev/null; } >"$dir/$bed.$client.strace-$tag.txt"
		rm -f "$T/strace.$tag"
	done
}

# extras: "NAME PID" lines of the processes that serve this client
extras() { cfn pids; }

# block: one client's turn in round $round (see the top of this file)
block() {
	local n s0 s1 u0 u1 k0 k1 name pid x0 x1 t0 t1 i err pat
	local -A xc0=() xs0=() xx0=()
	# 1. flushed scan cache
	if ((round > 0)); then
		# An entry the kernel still holds (just after a disconnect) survives
		# a flush; try again a few times.  bss_entries_flushed > 0 in
		# raw.txt marks a turn whose cache was not empty after all.
		for ((i = 0; i < 5; i++)); do
			ip link set "$sta_if" up 2>/dev/null
			if ! timeout "$scan_timeout" iw dev "$sta_if" scan flush freq 2462 >/dev/null 2>&1; then
				say "warning: 'iw dev $sta_if scan flush freq 2462' failed or took > ${scan_timeout} s; only down/up"
			fi
			ip link set "$sta_if" down 2>/dev/null
			ip link set "$sta_if" up 2>/dev/null || say "warning: cannot set $sta_if up"
			bss_entries n
			[[ $n == 0 ]] && break
			nap 0.5
		done
		((n == 0)) || say "warning: the AP is still in the scan cache after 5 flushes"
		rec bss_entries_flushed "$round" "$n"
		cold flushed "r$round.flushed" || return 0
		daemon_stop
	fi
	# 2. fresh scan results
	ip link set "$sta_if" up 2>/dev/null
	# iw waits for the scan's results event; a scan that never ends must not
	# stall the run.  Right after a daemon stops, the kernel may still be
	# busy with that daemon's last scan (EBUSY): try again.
	for ((i = 0; i < 4; i++)); do
		err=$(timeout "$scan_timeout" iw dev "$sta_if" scan freq 2412 2>&1 >/dev/null) && break
		say "warning: 'iw dev $sta_if scan freq 2412' failed or took > ${scan_timeout} s: ${err:-timeout}"
		nap 1
	done
	bss_entries n
	rec bss_entries_fresh "$round" "$n"
	# Without the AP in the cache the start is not the "fresh" pattern: its
	# time goes to cold_unscanned_ms (results.txt), not into the row.
	pat=fresh
	[[ $n == 0 ]] && pat=unscanned
	cold "$pat" "r$round.fresh" || return 0
	nap 0.5
	cfn prepare || { fail_block "control interface not usable: $WHY"; return 0; }
	# 3. K fresh reconnects (1 in the warm-up), CPU around them
	n=$K
	((round == 0)) && n=1
	cpu_split u0 k0 "$DPID"
	sched_ns s0 "$DPID"
	while read -r name pid; do
		[[ -n $name ]] || continue
		cpu_ticks "xc0[$name]" "$pid"
		sched_ns "xs0[$name]" "$pid"
	done < <(extras)
	for ((i = 0; i < n; i++)); do
		reconnect_or_recover fresh || return 0
	done
	cpu_split u1 k1 "$DPID"
	sched_ns s1 "$DPID"
	us_ms ms $(((u1 + k1 - u0 - k0) * 1000000 / clk_tck / n))
	rec cpu_ms_per_reconnect "$round" "$ms"
	us_ms ms $(((k1 - k0) * 1000000 / clk_tck / n))
	rec cpu_sys_ms_per_reconnect "$round" "$ms"
	us_ms ms $(((u1 - u0) * 1000000 / clk_tck / n))
	rec cpu_user_ms_per_reconnect "$round" "$ms"
	us_ms ms $(((s1 - s0) / 1000 / n))
	rec sched_ms_per_reconnect "$round" "$ms"
	# 3b. on an SAE bed, one reconnect with the PMKSA forgotten first: a
	# full SAE (iwd 2.3 has no PMKSA cache: every reconnect of its is one)
	if [[ $BED_KIND == sae ]] && ((round > 0)); then
		reconnect_or_recover full || return 0
	fi
	# 3c. BENCH_PROFILE=1: the warm-up round profiles (see profile_reconnects)
	if ((round == 0)) && [[ ${BENCH_PROFILE:-0} == 1 ]]; then
		profile_reconnects
	fi
	# 4. memory after connect
	mem_rec "" "$DPID" "$round"
	while read -r name pid; do
		[[ -n $name ]] || continue
		cpu_ticks x1 "$pid"
		us_ms ms $(((x1 - xc0[$name]) * 1000000 / clk_tck / n))
		rec "${name}_cpu_ms_per_reconnect" "$round" "$ms"
		sched_ns x1 "$pid"
		us_ms ms $(((x1 - xs0[$name]) / 1000 / n))
		rec "${name}_sched_ms_per_reconnect" "$round" "$ms"
		mem_rec "${name}_" "$pid" "$round"
	done < <(extras)
	# 5. idle, context switches, one reconnect after the idle time
	if ((round > 0)) && [[ $idle_rounds == all || $idle_rounds == "$round" ]]; then
		say "round $round: idle ${idle_s}s (context switches over the last ${idle_win}s)"
		nap $((idle_s - idle_win))
		t0=${EPOCHREALTIME/./}
		ctx_switches x0 "$DPID"
		while read -r name pid; do
			[[ -n $name ]] && ctx_switches "xx0[$name]" "$pid"
		done < <(extras)
		nap "$idle_win"
		t1=${EPOCHREALTIME/./}
		pid_alive "$DPID" || { fail_block "the daemon exited while idle"; return 0; }
		ctx_switches x1 "$DPID"
		# per minute, scaled from the window's real length
		rec ctxsw_per_min "$round" "$(((x1 - x0) * 60000000 / (t1 - t0)))"
		while read -r name pid; do
			[[ -n $name ]] || continue
			ctx_switches x1 "$pid"
			rec "${name}_ctxsw_per_min" "$round" "$(((x1 - xx0[$name]) * 60000000 / (t1 - t0)))"
		done < <(extras)
		reconnect_or_recover idle || return 0
	fi
	# 6.
	daemon_stop
	rec status "$round" ok
}

clk_tck=$(getconf CLK_TCK)
declare -A OUT_OF=() FAILS=()
for client in "${clients[@]}"; do
	WHY=""
	if ! cfn setup; then
		rec status 0 "not available: ${WHY:-setup failed}"
		OUT_OF[$client]=1
	fi
done

n=${#clients[@]}
for ((round = 0; round <= rounds; round++)); do
	client=harness
	say "---- round $round$( ((round)) || echo ' (warm-up, not counted)') ----"
	for ((j = 0; j < n; j++)); do
		client=${clients[(j + round) % n]}
		[[ -n ${OUT_OF[$client]:-} ]] && continue
		DLOG=""
		block
		daemon_stop
	done
done
client=harness
cp "$logs"/* "$BENCH_OUT/logs/" 2>/dev/null
exit 0
