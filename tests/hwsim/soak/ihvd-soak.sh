# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# make soak: ihvd connected for IHVD_SOAK_S seconds (default 600) with traffic,
# a GTK rekey every 5 s and a PTK rekey every 30 s (hostapd-conf/wpa2-psk-soak.conf),
# and a forced reconnect (REASSOCIATE) every 10 s. No disconnect but the forced
# ones; RSS and descriptor slopes of ihvd and of its plugin host (least squares
# over samples every 10 s, after the first minute) reported; more than 1 KB/min
# of RSS growth, or any descriptor growth, in either process fails, and so does
# a restart of the plugin host.
# hwsim-timeout: 1500
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/attack-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/attack-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk-soak.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
secs=${IHVD_SOAK_S:-600}

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
	scan_freq=2412
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
# a crowded VM may lose the first handshake to hostapd's 100 ms EAPOL-Key timeout
sleep 2
ihvd_wait_state 30 COMPLETED
ip_setup "$ap_if" "$sta_if"
ping_check
sta=$(ihvd_sta_mac)
# the plugin's own process (the default isolated mode, issue 11): sampled too
host=$(ihvd_host_pid)
# traffic all along (losses around the forced reconnects are expected)
busybox ping -i 0.2 "$HWSIM_STA_IP" >"$T/ping.txt" 2>&1 &
pid_register $!

start=$(now_ms)
forced=0
samples=$T/samples.txt
: >"$samples"
next_sample=$start
while (($(now_ms) - start < secs * 1000)); do
	t=$(now_ms)
	if ((t >= next_sample)); then
		[[ -z $host || $(ihvd_host_pid) == "$host" ]] ||
			fail "the plugin host was restarted (pid $host -> $(ihvd_host_pid))"
		echo "$(((t - start) / 1000)) $(proc_rss_kb "$IHVD_PID") $(proc_fds "$IHVD_PID")" \
			"$(proc_rss_kb "${host:-$IHVD_PID}") $(proc_fds "${host:-$IHVD_PID}")" >>"$samples"
		next_sample=$((next_sample + 10000))
	fi
	sleep 10
	_pid_alive "$IHVD_PID" || fail "ihvd died after $((($(now_ms) - start) / 1000)) s"
	ihvd_cli reassociate | grep -qx OK || fail "REASSOCIATE refused"
	forced=$((forced + 1))
	ihvd_wait_state 30 COMPLETED || fail "no reconnect after forced reconnect $forced"
done
disc=$(grep -c 'CTRL-EVENT-DISCONNECTED' "$IHVD_LOG" || true)
unplanned=$(grep 'CTRL-EVENT-DISCONNECTED' "$IHVD_LOG" | grep -vc 'locally_generated=1' || true)
gtk=$(ihvd_val gtk_installs)
ptk=$(ihvd_val ptk_installs)
ap_gone=$(grep -c "AP-STA-DISCONNECTED $sta" "$HOSTAPD_LOG" || true)
# least-squares slopes (per minute) of column c after the first minute's warm-up
slope() {
	awk -v c="$1" '$1 >= 60 { n++; x += $1; y += $c; xx += $1 * $1; xy += $1 * $c }
		END { d = n * xx - x * x; if (n < 3 || d == 0) { print 0; exit }
		printf "%.3f\n", 60 * (n * xy - x * y) / d }' "$samples"
}
n=$(awk '$1 >= 60' "$samples" | wc -l)
rss_slope=$(slope 2) fd_slope=$(slope 3) hrss_slope=$(slope 4) hfd_slope=$(slope 5)
cat "$samples"
ihvd_stop
note "soak: ${secs} s, $forced forced reconnects, $disc disconnects ($unplanned not ours)," \
	"$ap_gone seen by hostapd, $ptk PTK and $gtk GTK installs; ihvd: RSS slope ${rss_slope} kB/min," \
	"fd slope ${fd_slope}/min; plugin host${host:+ (pid $host)}: RSS slope ${hrss_slope} kB/min," \
	"fd slope ${hfd_slope}/min ($n samples)"
((unplanned == 0)) || fail "$unplanned disconnects ihvd did not ask for"
for v in "ihvd RSS:$rss_slope" "plugin host RSS:$hrss_slope"; do
	awk -v s="${v##*:}" 'BEGIN { exit !(s <= 1.0) }' || fail "${v%%:*} grows ${v##*:} kB/min (limit 1)"
done
for v in "ihvd:$fd_slope" "plugin host:$hfd_slope"; do
	awk -v s="${v##*:}" 'BEGIN { exit !(s <= 0.0) }' || fail "${v%%:*}'s descriptors grow ${v##*:}/min"
done
