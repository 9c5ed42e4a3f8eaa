# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# What isolation costs (issue 11), both modes side by side in one VM boot:
# reconnect (request -> authorized, from ihvd's own timeline), the AP's
# msg 3 -> msg 4 turn-around (hostapd -dd -t timestamps), and peak memory
# (VmHWM of ihvd plus, isolated, of ihvd-plugin-host). A measurement, run
# with: HWSIM_SCENARIO_DIR=tests/bench/isolation tests/hwsim/run -v
# It fails only when a mode does not connect.
# hwsim-timeout: 400
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

RUNS=${ISO_COST_RUNS:-6}
hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}

median() { sort -n | awk '{v[NR]=$1} END {if (NR) print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2); else print "n/a"}'; }

# The AP's view: each "sending 3/4" followed by the next "4/4 Pairwise", in ms.
turnarounds() {
	awk -v from="$1" 'NR > from && /sending 3\/4 msg of 4-Way Handshake/ {t3 = $1 + 0}
		NR > from && /received EAPOL-Key frame \(4\/4 Pairwise\)/ && t3 {
			printf "%.3f\n", ($1 - t3) * 1000; t3 = 0 }' "$HOSTAPD_LOG"
}

measure() { # MODE
	local mode=$1 i rec=() pre=() fw=() hp hwm_d hwm_h line from
	cat >"$T/net-$mode.conf" <<EOF2
plugin_isolation=$mode
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
	from=$(wc -l <"$HOSTAPD_LOG")
	ihvd_start "$T/net-$mode.conf" "$sta_if"
	ihvd_wait_state 30 COMPLETED || return 1
	for ((i = 0; i < RUNS; i++)); do
		ihvd_cli disconnect >/dev/null
		ihvd_wait_state 10 DISCONNECTED || return 1
		ihvd_cli reconnect >/dev/null
		ihvd_wait_state 30 COMPLETED || return 1
	done
	# the timeline of each connect: "authorized X ms" since the request
	mapfile -t rec < <(grep -o 'authorized [0-9.]* ms' "$IHVD_LOG" | awk '{print $2}' | tail -n "$RUNS")
	# its phases: pre-association (its start -> the CONNECT) and the 4-way handshake (the
	# association -> authorized), where the plugin's calls are
	mapfile -t pre < <(grep 'timeline to' "$IHVD_LOG" | tail -n "$RUNS" |
		sed -n 's/.*pre-association \([0-9.]*\) ms, connect \([0-9.]*\) ms.*/\1 \2/p' | awk '{print $2 - $1}')
	mapfile -t fw < <(grep 'timeline to' "$IHVD_LOG" | tail -n "$RUNS" |
		sed -n 's/.*4-way handshake \([0-9.]*\) ms, authorized \([0-9.]*\) ms.*/\1 \2/p' | awk '{print $2 - $1}')
	hp=$(ihvd_host_pid)
	hwm_d=$(awk '/^VmHWM:/ {print $2}' "/proc/$IHVD_PID/status")
	hwm_h=0
	[[ $mode == isolated && -n $hp ]] && hwm_h=$(awk '/^VmHWM:/ {print $2}' "/proc/$hp/status")
	line=$(printf '%-9s reconnect %s ms (pre-association %s, 4-way %s)   msg3->msg4 %s ms   peak RSS ihvd %s kB + plugin host %s kB = %s kB' \
		"$mode" "$(printf '%s\n' "${rec[@]}" | median)" "$(printf '%s\n' "${pre[@]}" | median)" \
		"$(printf '%s\n' "${fw[@]}" | median)" "$(turnarounds "$from" | tail -n "$RUNS" | median)" \
		"$hwm_d" "$hwm_h" "$((hwm_d + hwm_h))")
	note "$line"
	ihvd_stop
	IHVD_PID=""
}

measure inline || fail "inline did not connect"
measure isolated || fail "isolated did not connect"
note "medians of $RUNS reconnects each (TCG: compare the two modes, not absolute values)"
