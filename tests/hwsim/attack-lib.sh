# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# tests/hwsim/attack-lib.sh: helpers for the adversarial and fault scenarios
# (sourced after ihvd-lib.sh).  hostapd 2.10 as Debian builds it has the
# testing commands (EAPOL_TX, RESEND_M1/M3/GROUP_M1, RESET_PN, REKEY_*);
# EAPOL_TX sends any EAPOL frame to the station with the AP's address, over
# the AP's control port.  Frames are built by tools/eapol-craft.

# shellcheck disable=SC2034 # used by the scenarios that source this file
ATTACK_PASS="correct horse battery"
# shellcheck disable=SC2034
ATTACK_SSID="ihvd-test"

# ap_rsne: the RSNE in hostapd's beacon (its -dd log), as hex.
ap_rsne() {
	grep -m1 'Beacon tail - hexdump' "$HOSTAPD_LOG" | sed 's/.*): //' |
		grep -oE '30 14 01 00( [0-9a-f]{2}){18}' | head -n 1 | tr -d ' '
}

# ihvd_val NAME: NAME= from STATUS.
ihvd_val() {
	ihvd_cli status | sed -n "s/^$1=//p"
}

# drops_val NAME: NAME= from STATUS-DROPS (plugin_* are the plugin's counters).
drops_val() {
	local v
	v=$(ihvd_cli raw STATUS-DROPS | sed -n "s/^$1=//p")
	echo "${v:-0}"
}

# craft ARGS...: one EAPOL-Key frame in hex. IHVD_CRAFT may name a faster build of the
# tool (the sanitizer run uses the plain one: it is the attacker, not under test).
craft() {
	"${IHVD_CRAFT:-$(hwsim_tool eapol-craft)}" "$@"
}

# inject STA HEX: hostapd sends HEX to STA (EAPOL_TX, testing build).
inject() {
	local out
	out=$(hostapd_cli_ raw "EAPOL_TX $1 $2")
	[[ $out == OK ]] || fail "hostapd EAPOL_TX refused: $out" || return 1
}

# _nonce_lines: how many EAPOL-Key nonces hostapd has logged receiving.
_nonce_lines() {
	grep -c 'WPA: Received Key Nonce' "$HOSTAPD_LOG" || true
}

# snonce_after N: wait for the (N+1)th received nonce in hostapd's log (our
# message 2 reaches the AP, which drops it) and print it as hex.
snonce_after() {
	local n=$1
	wait_for 5 "message 2 at the AP" eval "(( \$(_nonce_lines) > $n ))" || return 1
	grep 'WPA: Received Key Nonce' "$HOSTAPD_LOG" | sed -n "$((n + 1))p" |
		sed 's/.*): //; s/ //g'
}

# hostapd_live_nonces: "ANONCE SNONCE" of the last PTK hostapd derived.
hostapd_live_nonces() {
	local a s
	a=$(grep 'WPA: Nonce1 - hexdump' "$HOSTAPD_LOG" | tail -n 1 | sed 's/.*): //; s/ //g')
	s=$(grep 'WPA: Nonce2 - hexdump' "$HOSTAPD_LOG" | tail -n 1 | sed 's/.*): //; s/ //g')
	[[ ${#a} == 64 && ${#s} == 64 ]] || fail "no PTK derivation in hostapd's log" || return 1
	echo "$a $s"
}

# installs: "PTK GTK IGTK" install counters from STATUS.
installs() {
	local s
	s=$(ihvd_cli status)
	echo "$(sed -n 's/^ptk_installs=//p' <<<"$s") $(sed -n 's/^gtk_installs=//p' <<<"$s")" \
		"$(sed -n 's/^igtk_installs=//p' <<<"$s")"
}

# expect_installs "P G I" WHY: the counters are exactly these.
expect_installs() {
	local now
	now=$(installs)
	[[ $now == "$1" ]] || fail "$2: key installs are '$now', want '$1'" || return 1
}

# expect_drop_grows NAME BEFORE WHY: the plugin counter NAME grew.
expect_drop_grows() {
	local now
	now=$(drops_val "$1")
	((now > $2)) || fail "$3: $1 stayed at $now" || return 1
}

# still_up WHY: ihvd alive, COMPLETED, traffic both ways.
still_up() {
	_pid_alive "$IHVD_PID" || fail "$1: ihvd died" || return 1
	_ihvd_state_is COMPLETED || fail "$1: ihvd left COMPLETED ($(ihvd_val wpa_state))" || return 1
	ping_check || fail "$1: no traffic afterwards" || return 1
}

# flood SOCKET COMMAND N: send COMMAND N times to a hostapd control socket,
# each answered before the next (what hostapd_cli would do, without N forks).
flood() {
	python3 - "$@" <<'PY'
import os, socket, sys
path, cmd, n = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
me = "/tmp/flood-%d" % os.getpid()
s.bind(me)
s.connect(path)
s.settimeout(5)
bad = 0
for _ in range(n):
    s.send(cmd)
    if s.recv(4096).strip() != b"OK":
        bad += 1
os.unlink(me)
sys.exit(1 if bad else 0)
PY
}

# rss_bound_ok BEFORE AFTER LIMIT_KB: growth within the limit; always true for a
# sanitizer build, whose allocator keeps freed memory in quarantine (LeakSanitizer
# checks for leaks there, at exit).
rss_bound_ok() {
	grep -qa __asan_init "$(ihvd_bin)" && return 0
	(($2 - $1 <= $3))
}

# proc_fds PID / proc_rss_kb PID: open descriptors and resident memory.
proc_fds() {
	local n=0 f
	for f in /proc/"$1"/fd/*; do
		[[ -e $f || -L $f ]] && n=$((n + 1))
	done
	echo "$n"
}
proc_rss_kb() {
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' /proc/"$1"/status
}
