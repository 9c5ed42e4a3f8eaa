# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted conditions are eval'd by wait_for
# An adversarial authenticator: hostapd's testing commands and frames built by
# tools/eapol-craft and sent with EAPOL_TX, against ihvd on a working link.
#  - a forged message 1 after authorization (IEEE 802.11-2020 12.7.6.2: it has
#    no MIC) is answered but commits no replay counter: the AP's own later
#    rekey still works, and the 4-way it started is abandoned, link kept;
#  - inside that 4-way: message 3 with a bad MIC, another ANonce, an old
#    replay counter, a key data length beyond the frame: dropped;
#  - MIC-valid message 3 with a GTK KDE of the wrong length, a downgraded or a
#    missing RSNE: the handshake fails and ihvd reconnects (12.7.6.4);
#  - RESEND_M3, RESEND_GROUP_M1 (replays with fresh counters): answered, no
#    key installed again (KRACK); RESEND_M1, REKEY_GTK, REKEY_PTK, RESET_PN;
#  - a group message 1 with an old replay counter and a valid MIC: dropped;
#  - truncated EAPOL headers, and a flood of 1,000 frames.
# After each: ihvd alive, COMPLETED, ping both ways, install counters grown
# only by keys the real AP handed out.
# hwsim-timeout: 300
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/attack-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/attack-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
aa=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
# a crowded VM may lose the first handshake to hostapd's 100 ms EAPOL-Key timeout:
# the counters below are taken once the link has held for 2 s
sleep 2
ihvd_wait_state 30 COMPLETED
ip_setup "$ap_if" "$sta_if"
ping_check
sta=$(ihvd_sta_mac)
read -r P G _ <<<"$(installs)"
((P >= 1 && G >= 1)) || fail "after the first connection: installs $(installs)"
fd0=$(proc_fds "$IHVD_PID")
rss0=$(proc_rss_kb "$IHVD_PID")

M1=008a M3=13ca G1=1382
ATTACK_AP_RSNE=$(ap_rsne)
[[ ${#ATTACK_AP_RSNE} == 44 ]] || fail "the AP's RSNE is not in hostapd's log"
tkip_rsne=${ATTACK_AP_RSNE:0:26}02${ATTACK_AP_RSNE:28} # pairwise CCMP -> TKIP
X=$(printf '5a%.0s' {1..32})
Y=$(printf 'a5%.0s' {1..32})
GTK16=$(printf '77%.0s' {1..16})
GTK32=$(printf '77%.0s' {1..32})
kd_good=${ATTACK_AP_RSNE}dd16000fac010100$GTK16

# forged_m1 ANONCE REPLAY: send a forged message 1, print the station's SNonce.
forged_m1() {
	local n
	n=$(_nonce_lines)
	inject "$sta" "$(craft --info $M1 --replay "$2" --nonce "$1")" || return 1
	snonce_after "$n"
}

# ---- 1. a forged message 1 on the authorized link ----
# (frames are built between message 1 and the handshake timeout, 5 s: the PMK once, here)
PMK=pmk:$(wpa_passphrase "$ATTACK_SSID" "$ATTACK_PASS" | sed -n 's/^[[:space:]]*psk=//p')
# the 4-way must still be open when the variants arrive (5 s): on a crowded VM, try again
for try in 1 2 3; do
	msg2_0=$(drops_val plugin_msg2_sent)
	ab0=$(drops_val plugin_rekeys_abandoned)
	d_mic=$(drops_val plugin_drop_mic)
	d_anonce=$(drops_val plugin_drop_anonce)
	d_replay=$(drops_val plugin_drop_replay)
	d_malformed=$(drops_val plugin_drop_malformed)
	X=$(printf '5a%02x' "$try")$(printf '5a%.0s' {1..30})
	r=$((1000 * try))
	# Three variants are dropped before their MIC is looked at (another ANonce, an old
	# replay counter, a Key Data Length beyond the frame: IEEE 802.11-2020 12.7.6.4 order
	# in the engine), so they are built now, under a placeholder SNonce; only the bad-MIC
	# one needs the station's SNonce. A crowded VM then fits between message 1 and the
	# 5 s timeout: a CI run beside two fuzzers took 10 s to build all four afterwards.
	ptk0=(--ptk "$PMK" "$ATTACK_SSID" "$aa" "$sta" "$X" "$(printf '00%.0s' {1..32})")
	f_anonce=$(craft --info $M3 --replay $((r + 2)) --nonce "$Y" --kd "$kd_good" "${ptk0[@]}")
	f_replay=$(craft --info $M3 --replay 0 --nonce "$X" --kd "$kd_good" "${ptk0[@]}")
	f_len=$(craft --info $M3 --replay $((r + 3)) --nonce "$X" --kd "$kd_good" "${ptk0[@]}" --kd-len 900)
	sn=$(forged_m1 "$X" "$r")
	ptk=(--ptk "$PMK" "$ATTACK_SSID" "$aa" "$sta" "$X" "$sn")

	# ---- 2. message 3 variants inside that 4-way: all dropped before any install ----
	# the bad MIC: right in every field and one bit of the MIC under the real PTK
	f_mic=$(craft --info $M3 --replay $((r + 1)) --nonce "$X" --kd "$kd_good" "${ptk[@]}" --bad-mic)
	for f in "$f_mic" "$f_anonce" "$f_replay" "$f_len"; do
		inject "$sta" "$f"
	done
	expect_drop_grows plugin_msg2_sent "$msg2_0" "forged message 1 not answered"
	wait_for 3 "key data length beyond the frame dropped" \
		eval "(( \$(drops_val plugin_drop_malformed) > $d_malformed ))"
	# The four are taken in order. A bad MIC and an old replay counter can only be the
	# reasons while the forged 4-way is open (once abandoned, ANonce X no longer matches
	# and that is the reason): both grew, so the variants met the open 4-way, however long
	# the checks above took on a crowded VM.
	(($(drops_val plugin_drop_mic) > d_mic && $(drops_val plugin_drop_replay) > d_replay)) && break
	((try < 3)) || fail "the forged 4-way was abandoned before its message 3 arrived, 3 times"
	note "try $try: the forged 4-way timed out before our message 3 (slow VM); again"
done
wait_for 3 "bad MIC dropped" eval "(( \$(drops_val plugin_drop_mic) > $d_mic ))"
wait_for 3 "other ANonce dropped" eval "(( \$(drops_val plugin_drop_anonce) > $d_anonce ))"
wait_for 3 "old replay counter dropped" eval "(( \$(drops_val plugin_drop_replay) > $d_replay ))"
expect_installs "$P $G 0" "message 3 variants"

# ---- 3. the forged 4-way is abandoned, the link stays ----
wait_for 10 "the forged 4-way abandoned" eval "(( \$(drops_val plugin_rekeys_abandoned) > $ab0 ))"
still_up "after the abandoned 4-way"
grep -q 'abandoned, the keys in use stay' "$IHVD_LOG" || fail "the abandonment was not logged"
expect_installs "$P $G 0" "abandoned 4-way"
# its replay counter (1000) was not committed: the AP's own rekey (counter ~3) works
hostapd_cli_ raw REKEY_PTK "$sta" | grep -qx OK || fail "hostapd refused REKEY_PTK"
wait_for 10 "the AP's PTK rekey after the forgery" eval '[[ $(installs) == "$((P + 1)) $G 0" ]]'
P=$((P + 1))
still_up "after the AP's PTK rekey"

# ---- 4. KRACK: replays of message 3 and group message 1 with fresh counters ----
m4=$(drops_val plugin_msg4_sent)
hostapd_cli_ raw RESEND_M3 "$sta" | grep -qx OK || fail "hostapd refused RESEND_M3"
wait_for 5 "message 4 for the resent message 3" eval "(( \$(drops_val plugin_msg4_sent) > $m4 ))"
expect_installs "$P $G 0" "RESEND_M3 (the PTK must not be reinstalled)"
sk=$(drops_val plugin_gtk_reinstall_skipped)
hostapd_cli_ raw RESEND_GROUP_M1 "$sta" | grep -qx OK || fail "hostapd refused RESEND_GROUP_M1"
wait_for 5 "the resent group message 1 answered, GTK not reinstalled" \
	eval "(( \$(drops_val plugin_gtk_reinstall_skipped) > $sk ))"
expect_installs "$P $G 0" "RESEND_GROUP_M1 (the GTK must not be reinstalled)"
still_up "after RESEND_M3 and RESEND_GROUP_M1"
hostapd_cli_ raw REKEY_GTK | grep -qx OK || fail "hostapd refused REKEY_GTK"
wait_for 10 "the new GTK installed" eval '[[ $(installs) == "$P $((G + 1)) 0" ]]'
out=$(hostapd_cli_ raw RESEND_M1 "$sta")
[[ $out == OK ]] || fail "hostapd refused RESEND_M1: $out"
sleep 6 # long enough for a 4-way that the AP does not finish to be abandoned
still_up "after RESEND_M1"

# ---- 5. a group message 1 with an old replay counter and a valid MIC ----
read -r an sn2 < <(hostapd_live_nonces)
live=(--ptk "$PMK" "$ATTACK_SSID" "$aa" "$sta" "$an" "$sn2")
before=$(installs)
d=$(drops_val plugin_drop_replay)
inject "$sta" "$(craft --info $G1 --replay 1 --kd "dd16000fac010200$GTK16" "${live[@]}")"
wait_for 3 "old group message 1 dropped" eval "(( \$(drops_val plugin_drop_replay) > $d ))"
expect_installs "$before" "group message 1 with an old replay counter"

# ---- 6. truncated and malformed EAPOL frames ----
for f in 02 0203 02030000 0203005f 0203005f02 "$(craft --info $M1 --replay 5000 --nonce "$X" --truncate 50)" \
	0201000501 0200000401020304 "$(craft --info $G1 --replay 5001 --kd-len 60000)"; do
	inject "$sta" "$f"
done
still_up "after truncated frames"
expect_installs "$before" "truncated frames"

# ---- 7. a flood: 1,000 group messages 1 with bad MICs ----
d=$(drops_val plugin_drop_mic)
bad=$(craft --info $G1 --replay 9000 --kd "dd16000fac010200$GTK16" "${live[@]}" --bad-mic)
t0=$(now_ms)
flood "$HOSTAPD_CTRL/$HOSTAPD_IF" "EAPOL_TX $sta $bad" 1000
wait_for 20 "the flood dropped" eval "(( \$(drops_val plugin_drop_mic) >= $d + 900 ))"
flood_ms=$(($(now_ms) - t0))
still_up "after the flood"
expect_installs "$before" "the flood"

# ---- 8. MIC-valid message 3 that fails: the handshake ends, ihvd reconnects ----
n=0
for case in gtk32 tkip-rsne no-rsne; do
	case $case in
	gtk32) kd=${ATTACK_AP_RSNE}dd26000fac010100$GTK32 want="GTK length" ;;
	tkip-rsne) kd=${tkip_rsne}dd16000fac010100$GTK16 want="RSNE in message 3 differs" ;;
	no-rsne) kd=dd16000fac010100$GTK16 want="no RSNE" ;;
	esac
	n=$((n + 1))
	read -r p0 g0 _ <<<"$(installs)"
	# a crowded VM may need longer than the 5 s handshake timeout between message 1 and
	# our message 3 (the 4-way is then abandoned, as it should be): try again, 3 times
	for try in 1 2 3; do
		Z=$(printf "%02x%02x" $((0x30 + n)) "$try")$(printf '3c%.0s' {1..30})
		sn=$(forged_m1 "$Z" $((20000 + 10 * n + try)))
		inject "$sta" "$(craft --info $M3 --replay $((20000 + 10 * n + try)) --nonce "$Z" \
			--kd "$kd" --ptk "$PMK" "$ATTACK_SSID" "$aa" "$sta" "$Z" "$sn")"
		! wait_log 5 "$IHVD_LOG" "$want" >/dev/null || break
		((try < 3)) || fail "$case: no failure logged"
	done
	# the plugin fails its post-association: the port closes at once, and the host ends
	# the link when no new completion comes within its post-association timeout (15 s)
	wait_for 45 "$case: reconnected" eval "_ihvd_state_is COMPLETED && [[ \$(ihvd_val ptk_installs) == $((p0 + 1)) ]]"
	ip_setup "$ap_if" "$sta_if"
	still_up "$case: after the reconnect"
	expect_installs "$((p0 + 1)) $((g0 + 1)) 0" "$case: only the reconnect installs"
done

# ---- 9. RESET_PN (the AP reuses packet numbers: the driver's replay check) ----
out=$(hostapd_cli_ raw RESET_PN "$sta")
note "RESET_PN: $out"
sleep 1
_pid_alive "$IHVD_PID" || fail "ihvd died after RESET_PN"
_ihvd_state_is COMPLETED || fail "ihvd left COMPLETED after RESET_PN"

fd1=$(proc_fds "$IHVD_PID")
rss1=$(proc_rss_kb "$IHVD_PID")
((fd1 <= fd0)) || fail "ihvd holds $fd1 descriptors, $fd0 before the attacks"
rss_bound_ok "$rss0" "$rss1" 2048 || fail "ihvd grew from $rss0 kB to $rss1 kB"
ihvd_cli raw STATUS-DROPS
ihvd_stop
note "adversary: forged msg 1 abandoned, 4 msg 3 variants dropped, KRACK replays not reinstalled," \
	"old group msg dropped, 9 truncated frames, 1000-frame flood in ${flood_ms} ms," \
	"3 MIC-valid bad msg 3 -> clean reconnect;" \
	"fds $fd0->$fd1 RSS ${rss0}->${rss1} kB"
