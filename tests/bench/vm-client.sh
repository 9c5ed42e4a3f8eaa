#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-client.sh CLIENT: measure one station daemon (wpa_supplicant,
# iwd or ihvd) against the running hostapd.  Run by tests/bench/vm-bench.sh
# inside the station netns (ip netns exec sta ...), so every daemon start below
# is a plain fork+exec of the daemon itself, with no `ip netns exec` in front.
#
# Env (from vm-bench.sh): T (scratch dir, tmpfs), BENCH_OUT (raw results dir),
# BENCH_HOSTAPD_LOG (hostapd -dd -t log), BENCH_STA_IF, BENCH_RUNS,
# IHVD_BUILD, BENCH_DBUS_PID (iwd only).
#
# Writes lines "CLIENT KEY VALUE" to $BENCH_OUT/raw.txt (see README-bench.md).
# Exit 0 when the client was measured, 3 when it did not connect (a result,
# not a harness failure), anything else when the harness broke.
set -uo pipefail

client=${1:?usage: vm-client.sh wpa_supplicant|iwd|ihvd}
: "${T:?} ${BENCH_OUT:?} ${BENCH_HOSTAPD_LOG:?} ${BENCH_STA_IF:?}"
runs=${BENCH_RUNS:-10}
sta_if=$BENCH_STA_IF
raw=$BENCH_OUT/raw.txt
ssid=ihvd-test
passphrase="correct horse battery"
cold_timeout=30  # s, process start -> authorized
conn_timeout=10  # s, connect request -> authorized
settle=0.3       # s of quiet after each disconnect and each connect

say() { echo "bench[$client]: $*"; }
# why MSG: client_setup's reason for not running (said and remembered).
WHY=""
why() { say "$*"; WHY=$*; }
rec() { echo "$client $*" >>"$raw"; }

# ---- clock and sleeping without exec (an exec costs ~30 ms under TCG) ------

mkfifo "$T/sleep.$client" 2>/dev/null
exec {SLEEPFD}<>"$T/sleep.$client"
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
# Only the two lines we need pass the grep, so bash reads a few lines per
# connection instead of hostapd's whole debug log.

exec {EV}< <(exec tail -n 0 -F "$BENCH_HOSTAPD_LOG" 2>/dev/null |
	exec grep --line-buffered -E 'AP-STA-DISCONNECTED|EAPOL-4WAY-HS-COMPLETED')

ev_drain() {
	local l
	while read -r -t 0 -u "$EV"; do read -r -u "$EV" l || break; done
}

# ev_wait EVENT TIMEOUT_S [NOT_BEFORE_US]: the next hostapd line with EVENT
# (timestamped no earlier than NOT_BEFORE_US); its time in EV_US.
ev_wait() {
	local want=$1 tmo=$2 nb=${3:-0} deadline line left us secs
	ts_us deadline "$tmo"
	deadline=$((${EPOCHREALTIME/./} + deadline))
	while :; do
		left=$((deadline - ${EPOCHREALTIME/./}))
		((left > 0)) || return 1
		us_ms secs $((left / 1000)) # ms -> "s.mmm"
		read -r -t "$secs" -u "$EV" line || return 1
		[[ $line == *"$want"* ]] || continue
		ts_us us "${line%%:*}"
		((us >= nb)) || continue
		EV_US=$us
		return 0
	done
}

# ---- the control channel ------------------------------------------------------
# One perl process for the whole run, so no control tool is exec'ed per
# request.  It takes the request timestamp (gettimeofday, CLOCK_REALTIME, the
# clock of hostapd -t) immediately before the send()/write() of the command:
#   "wpa SOCKET COMMAND"          a wpa_supplicant-style control socket (datagram)
#   "dbus PATH INTERFACE MEMBER"  a method call to net.connman.iwd on the system bus
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
	if ($a[0] eq "wpa" && @a == 3) {
		my $s = wpa_sock($a[1]);
		if (!$s) { delete $wpa{$a[1]}; print "0 err $a[1]: $!\n"; next }
		drain($s);
		my $t = time;
		my $ok = send($s, $a[2], 0);
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

# ---- the three clients ---------------------------------------------------------
# Each provides: CLIENT_BIN check, client_setup (files), client_exec (runs the
# daemon in the foreground; the caller backgrounds it), client_prepare (after
# the first connection: find control endpoints), client_disconnect,
# client_connect.

case $client in
wpa_supplicant)
	wpas_ctrl=$T/wpas-ctrl
	client_setup() {
		cat >"$T/wpas.conf" <<EOF
ctrl_interface=$wpas_ctrl
network={
	ssid="$ssid"
	key_mgmt=WPA-PSK
	proto=RSN
	pairwise=CCMP
	group=CCMP
	psk="$passphrase"
	scan_freq=2412
	freq_list=2412
}
EOF
		command -v wpa_supplicant >/dev/null || { why "wpa_supplicant is not installed"; return 1; }
	}
	client_exec() { exec wpa_supplicant -i "$sta_if" -D nl80211 -c "$T/wpas.conf"; }
	client_prepare() { :; }
	client_disconnect() { ctl wpa "$wpas_ctrl/$sta_if" DISCONNECT; }
	client_connect() { ctl wpa "$wpas_ctrl/$sta_if" RECONNECT; }
	;;
iwd)
	iwd_bin=""
	for b in /usr/libexec/iwd /usr/lib/iwd/iwd; do
		[[ -x $b ]] && iwd_bin=$b && break
	done
	client_setup() {
		[[ -n $iwd_bin ]] || { why "iwd is not installed (/usr/libexec/iwd)"; return 1; }
		[[ -n ${BENCH_DBUS_PID:-} ]] && pid_alive "$BENCH_DBUS_PID" ||
			{ why "no dbus-daemon running"; return 1; }
		mkdir -p "$T/iwd-conf" "$T/iwd-state"
		# Keep wlan1 as it is (no destroy/recreate); no DHCP.
		cat >"$T/iwd-conf/main.conf" <<EOF
[General]
UseDefaultInterface=true
EnableNetworkConfiguration=false

[DriverQuirks]
DefaultInterface=*
EOF
		printf '[Security]\nPassphrase=%s\n' "$passphrase" >"$T/iwd-state/$ssid.psk"
		chmod 600 "$T/iwd-state/$ssid.psk"
	}
	client_exec() {
		STATE_DIRECTORY=$T/iwd-state CONFIGURATION_DIRECTORY=$T/iwd-conf \
			exec "$iwd_bin" -i "$sta_if"
	}
	# iwd's objects: the Station is /net/connman/iwd/<wiphy>/<ifindex>, the
	# Network below it <hex ssid>_psk.  Ask iwd rather than guess.
	client_prepare() {
		local objs
		objs=$(dbus-send --system --print-reply --dest=net.connman.iwd / \
			org.freedesktop.DBus.ObjectManager.GetManagedObjects 2>&1) ||
			{ why "GetManagedObjects failed: $objs"; return 1; }
		iwd_station=$(sed -n 's|^.*object path "\(/net/connman/iwd/[0-9]*/[0-9]*\)"$|\1|p' <<<"$objs" | head -n1)
		iwd_network=$(sed -n 's|^.*object path "\(/net/connman/iwd/[0-9]*/[0-9]*/[0-9a-f]*_psk\)"$|\1|p' <<<"$objs" | head -n1)
		[[ -n $iwd_station && -n $iwd_network ]] ||
			{ why "cannot find iwd's station/network objects"; return 1; }
		say "station $iwd_station, network $iwd_network"
	}
	client_disconnect() { ctl dbus "$iwd_station" net.connman.iwd.Station Disconnect; }
	client_connect() { ctl dbus "$iwd_network" net.connman.iwd.Network Connect; }
	;;
ihvd)
	ihvd_ctrl=$T/ihvd-ctrl
	build=${IHVD_BUILD:-build}
	client_setup() {
		[[ -x $build/ihvd ]] || { why "ihvd is not built ($build/ihvd missing)"; return 1; }
		[[ -r $build/ihv-rsn.so ]] || { why "ihv-rsn.so is not built ($build/ihv-rsn.so missing)"; return 1; }
		# the same channel hint wpa_supplicant gets (scan_freq)
		cat >"$T/ihvd.conf" <<EOF
ctrl_interface=$ihvd_ctrl
ihv_plugin=$build/ihv-rsn.so
network={
	ssid="$ssid"
	key_mgmt=WPA-PSK
	pairwise=CCMP
	group=CCMP
	psk="$passphrase"
	scan_freq=2412
}
EOF
		chmod 600 "$T/ihvd.conf"
	}
	client_exec() { exec "$build/ihvd" -i "$sta_if" -c "$T/ihvd.conf"; }
	client_prepare() { :; }
	client_disconnect() { ctl wpa "$ihvd_ctrl/$sta_if" DISCONNECT; }
	client_connect() { ctl wpa "$ihvd_ctrl/$sta_if" RECONNECT; }
	;;
*)
	say "unknown client"
	exit 2
	;;
esac

# ---- running the daemon ----------------------------------------------------------

DPID=""
run_no=0
daemon_start() {
	run_no=$((run_no + 1))
	local log=$T/$client.$run_no.log
	client_exec >"$log" 2>&1 </dev/null &
	DPID=$!
	DLOG=$log
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
}

did_not_connect() { # WHY
	say "did not connect: $1"
	rec status "did not connect: $1"
	if [[ -n ${DLOG:-} && -s $DLOG ]]; then
		say "---- last lines of its output ----"
		tail -n 15 "$DLOG"
	fi
	daemon_stop
	exit 3
}

# cpu_ticks PID -> utime+stime (clock ticks, all threads)
cpu_ticks() {
	local l f
	read -r l </proc/"$1"/stat || return 1
	l=${l##*) }
	read -r -a f <<<"$l"
	echo $((f[11] + f[12]))
}
# sched_ns PID -> time on CPU of all threads, nanoseconds (schedstat)
sched_ns() {
	local t ns sum=0
	for t in /proc/"$1"/task/*/schedstat; do
		read -r ns _ <"$t" 2>/dev/null || continue
		sum=$((sum + ns))
	done
	echo "$sum"
}
vm_hwm_kb() {
	local k v _u
	while read -r k v _u; do
		[[ $k == VmHWM: ]] && { echo "$v"; return 0; }
	done </proc/"$1"/status
	return 1
}

# Keep the daemons' own output (no debug level; small) for diagnosis.
# shellcheck disable=SC2317 # run by the EXIT trap
keep_logs() {
	mkdir -p "$BENCH_OUT/logs" && cp "$T/$client".*.log "$BENCH_OUT/logs/" 2>/dev/null
	return 0
}
trap keep_logs EXIT

client_setup || { rec status "not available: ${WHY:-setup failed}"; exit 3; }
# Nothing reads our tty; what the helper prints goes here.
clk_tck=$(getconf CLK_TCK)

# ---- 4. cold start with the channel known -> authorized ------------------------
# Run 0 is a warm-up (page cache over 9p, iwd's known-frequency file); runs
# 1..N count.  The last instance stays up for the reconnects.
# Every daemon starts with the interface administratively up (untimed, the
# same for all three); every daemon would also do it itself.
for ((i = 0; i <= runs; i++)); do
	ip link set "$sta_if" up 2>/dev/null || say "warning: cannot set $sta_if up"
	ev_drain
	t0=${EPOCHREALTIME/./}
	daemon_start
	if ! ev_wait EAPOL-4WAY-HS-COMPLETED "$cold_timeout" "$t0"; then
		pid_alive "$DPID" || did_not_connect "the daemon exited (cold start $i)"
		did_not_connect "no 4-way handshake within ${cold_timeout}s of start (cold start $i)"
	fi
	d=$((EV_US - t0))
	us_ms ms "$d"
	say "cold start $i: $ms ms"
	((i > 0)) && rec cold_ms "$ms"
	if ((i < runs)); then
		nap "$settle"
		daemon_stop
		ev_wait AP-STA-DISCONNECTED 3 || say "no AP-STA-DISCONNECTED after stopping (run $i)"
		nap "$settle"
	fi
done

nap 0.5
client_prepare || did_not_connect "control interface not usable"

# ---- 1. reconnect, request -> authorized; 6. CPU per reconnect --------------
# One reconnect = disconnect request, wait for hostapd's AP-STA-DISCONNECTED,
# settle, connect request (timestamped by the helper right before the send),
# wait for EAPOL-4WAY-HS-COMPLETED, settle.  Reconnect 0 is a warm-up.
fails=0
reconnect_once() { # INDEX
	local i=$1 d ms
	ev_drain
	client_disconnect || return 1
	ev_wait AP-STA-DISCONNECTED "$conn_timeout" "$REQ_US" || { say "reconnect $i: no disconnect seen"; return 1; }
	nap "$settle"
	ev_drain
	client_connect || return 1
	if ! ev_wait EAPOL-4WAY-HS-COMPLETED "$conn_timeout" "$REQ_US"; then
		say "reconnect $i: not authorized within ${conn_timeout}s"
		return 1
	fi
	d=$((EV_US - REQ_US))
	us_ms ms "$d"
	say "reconnect $i: $ms ms"
	((i > 0)) && rec reconnect_ms "$ms"
	nap "$settle"
	return 0
}

if ! reconnect_once 0; then
	pid_alive "$DPID" || did_not_connect "the daemon exited during the first reconnect"
	did_not_connect "the first reconnect failed"
fi
c0=$(cpu_ticks "$DPID")
s0=$(sched_ns "$DPID")
if [[ $client == iwd ]]; then
	dc0=$(cpu_ticks "$BENCH_DBUS_PID")
	ds0=$(sched_ns "$BENCH_DBUS_PID")
fi
for ((i = 1; i <= runs; i++)); do
	if ! reconnect_once "$i"; then
		fails=$((fails + 1))
		pid_alive "$DPID" || did_not_connect "the daemon exited during reconnect $i"
		# Get back to a connected state for the next round.
		ev_drain
		client_connect && ev_wait EAPOL-4WAY-HS-COMPLETED "$conn_timeout" "$REQ_US"
		nap "$settle"
	fi
done
c1=$(cpu_ticks "$DPID")
s1=$(sched_ns "$DPID")
rec reconnect_failures "$fails"
# ---- 5. peak RSS; 6. CPU per reconnect ---------------------------------------
# CPU covers the whole cycle (disconnect, connect, and the settle periods).
us_ms ms $(((c1 - c0) * 1000000 / clk_tck / runs))
rec cpu_ms_per_reconnect "$ms"
us_ms ms $(((s1 - s0) / 1000 / runs))
rec sched_ms_per_reconnect "$ms"
rec vmhwm_kb "$(vm_hwm_kb "$DPID")"
if [[ $client == iwd ]]; then
	dc1=$(cpu_ticks "$BENCH_DBUS_PID")
	ds1=$(sched_ns "$BENCH_DBUS_PID")
	us_ms ms $(((dc1 - dc0) * 1000000 / clk_tck / runs))
	rec dbus_cpu_ms_per_reconnect "$ms"
	us_ms ms $(((ds1 - ds0) / 1000 / runs))
	rec dbus_sched_ms_per_reconnect "$ms"
	rec dbus_vmhwm_kb "$(vm_hwm_kb "$BENCH_DBUS_PID")"
fi
rec status ok
daemon_stop
ev_wait AP-STA-DISCONNECTED 3 >/dev/null || true
say "done ($fails of $runs reconnects failed)"
exit 0
