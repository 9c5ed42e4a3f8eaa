# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The last links' channels across a restart (issue 16, known-freqs.h): with
# --state-dir, an authorized link writes its channel and SSID to
# DIR/IFACE.freqs (mode 0600, no secret), and the next start, with the
# kernel's scan results gone (a reboot, a module reload), scans that channel
# while the plugin loads instead of all channels (8.1 s in this VM). The
# network names no scan_freq. A damaged line is skipped with a warning, the
# good one still counts, and the file is rewritten after the link. Without a
# state directory the same start scans all channels.
# hwsim-timeout: 120
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

ihvd_air wpa2-psk.conf
state=$T/state
freqs=$state/$sta_if.freqs
mkdir -m 0700 "$state"

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2

# ap_entry: whether the kernel's scan results hold the AP.
ap_entry() {
	in_sta iw dev "$sta_if" scan dump | grep -q "^BSS $bssid"
}
# flush: drop every entry, as a reboot would (a flushing scan of a channel without the AP).
# cfg80211 keeps the entry of a link until it has processed the link's end, which the
# stopped ihvd's disconnect queued: under load a flush can come first, so up to 3 tries.
flush() {
	local i
	in_sta ip link set "$sta_if" up
	for i in 1 2 3; do
		in_sta iw dev "$sta_if" scan flush freq 2462 >/dev/null || fail "iw scan flush failed"
		ap_entry || return 0
		note "flush $i left the AP's entry (the link's end not yet processed?)"
		sleep 0.5
	done
	fail "the flushing scan left the AP's entry, 3 times"
}
# start_from_cold NAME [ARGS]: ihvd started with the results flushed (ARGS: its options).
start_from_cold() {
	local name=$1 t0
	shift
	flush
	t0=$(now_ms)
	ihvd_start "$T/net.conf" "$sta_if" "$@"
	ihvd_wait_state 30 COMPLETED
	note "$name: ihvd start -> wpa_state=COMPLETED: $(($(now_ms) - t0)) ms"
	wait_for 10 "the timeline" grep -q "timeline to" "$IHVD_LOG"
	ihvd_check_connected "$bssid" WPA2-PSK
	note "$name: $(ihvd_timeline)"
}
stop_as() {
	ihvd_stop
	mv "$IHVD_LOG" "$T/$1.log"
}

# 1. The first start: the AP is in the kernel's results (one scan of its channel),
# ihvd joins it and writes the link's channel.
in_sta ip link set "$sta_if" up
in_sta iw dev "$sta_if" scan freq 2412 >/dev/null || fail "iw scan failed"
ihvd_start "$T/net.conf" "$sta_if" --state-dir="$state"
ihvd_wait_state 30 COMPLETED
wait_for 5 "the link's channel written to $freqs" test -s "$freqs"
note "written: $(tr '\n' '|' <"$freqs")"
grep -qx "2412 $(printf %s ihvd-test | od -An -tx1 | tr -d ' \n')" "$freqs" ||
	fail "$freqs does not hold 2412 and the SSID"
[[ $(stat -c %a "$freqs") == 600 ]] || fail "$freqs has mode $(stat -c %a "$freqs"), not 600"
! grep -q -e 'correct horse' -e "$(printf %s 'correct horse' | od -An -tx1 | tr -d ' \n')" \
	"$freqs" || fail "$freqs holds the passphrase"
stop_as first

# 2. From cold: the kept channel is scanned while the plugin loads, not all channels.
start_from_cold cold --state-dir="$state"
grep -q 'scanning known channels while the plugin loads' "$IHVD_LOG" ||
	fail "the start did not scan the kept channel"
# (a start whose dwells all miss the AP's answer falls back to all channels, as designed)
grep -q 'scanning all channels' "$IHVD_LOG" && note "cold: the kept channel missed the AP's answer"
grep -q '1 link channel(s) from' "$IHVD_LOG" || fail "ihvd did not say it read $freqs"
stop_as cold

# 3. A damaged file: the bad lines are skipped with a warning, the good one still counts.
{
	printf 'garbage\n99999 00\n'
	cat "$freqs"
} >"$T/damaged"
cp "$T/damaged" "$freqs"
# (the directory from systemd's $STATE_DIRECTORY this time, its first of a list)
STATE_DIRECTORY="$state:/nonexistent" start_from_cold damaged
grep -q 'line(s) skipped' "$IHVD_LOG" || fail "no warning about the damaged lines"
grep -q 'scanning known channels while the plugin loads' "$IHVD_LOG" ||
	fail "the good line of a damaged file was not used"
wait_for 5 "the damaged file rewritten" eval "! grep -q garbage '$freqs'" ||
	fail "the damaged file was not rewritten after the link: $(tr '\n' '|' <"$freqs")"
grep -qx "2412 $(printf %s ihvd-test | od -An -tx1 | tr -d ' \n')" "$freqs" ||
	fail "the rewritten $freqs does not hold 2412 and the SSID"
stop_as damaged

# 4. The same start without a state directory: nothing is known, all channels.
start_from_cold "no state directory"
grep -q 'scanning all channels while the plugin loads' "$IHVD_LOG" ||
	fail "without a state directory the start did not scan all channels"
stop_as none
