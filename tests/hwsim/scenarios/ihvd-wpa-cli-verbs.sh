# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# Issue 14: Debian's wpa_cli drives ihvd's wpa_supplicant extras on a real
# link: STATUS-VERBOSE, MIB, BSS (by BSSID, RANGE, MASK), SIGNAL_POLL
# (GET_STATION), SET/GET country (REQ_SET_REG/GET_REG), LOG_LEVEL,
# BSSID_IGNORE (the AP ignored until cleared), ABORT_SCAN, SAVE_CONFIG
# (update_config=1: comments, the passphrase form and the mode survive),
# RECONFIGURE (an unchanged network keeps its link), SIGHUP with a broken
# file (the old configuration stays and the log says why), TERMINATE.
# hwsim-timeout: 300
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
update_config=1
fast_reauth=1
# the lab network
network={
	ssid="ihvd-test"
	psk="correct horse battery"
	id_str="lab"
	proto=RSN
	bgscan="simple:30:-45:300"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
sta_mac=$(ihvd_sta_mac)
hs() { grep -c "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG"; }
grep -q 'network bgscan: ihvd does not roam' "$IHVD_LOG" || fail "no bgscan notice"

# STATUS-VERBOSE and MIB
ihvd_cli status verbose | grep -qx 'wpa_state=COMPLETED' || fail "STATUS-VERBOSE"
mib=$(ihvd_cli mib)
echo "$mib"
grep -qx 'dot11RSNAEnabled=TRUE' <<<"$mib" || fail "MIB: RSNA not enabled"
grep -qx 'dot11RSNAPairwiseCipherSelected=00-0f-ac-4' <<<"$mib" || fail "MIB: pairwise"

# BSS: by BSSID, a RANGE with a MASK
bss=$(ihvd_cli bss "$bssid")
echo "$bss"
grep -qx "bssid=$bssid" <<<"$bss" || fail "BSS: bssid"
grep -qx 'freq=2412' <<<"$bss" || fail "BSS: freq"
grep -qx 'ssid=ihvd-test' <<<"$bss" || fail "BSS: ssid"
grep -Eqx 'flags=\[WPA2-PSK-CCMP\]\[ESS\]' <<<"$bss" || fail "BSS: flags"
grep -Eqx 'ie=00096968766[0-9a-f]+' <<<"$bss" || fail "BSS: ie"
range=$(ihvd_cli bss RANGE=ALL MASK=0x21002)
echo "$range"
grep -qx "bssid=$bssid" <<<"$range" && grep -qx '====' <<<"$range" || fail "BSS RANGE/MASK"

# SIGNAL_POLL from the kernel's station entry
sig=$(ihvd_cli signal_poll)
echo "$sig"
grep -Eqx 'RSSI=-[0-9]+' <<<"$sig" || fail "SIGNAL_POLL: RSSI"
grep -qx 'FREQUENCY=2412' <<<"$sig" || fail "SIGNAL_POLL: FREQUENCY"
grep -Eqx 'LINKSPEED=[0-9]+' <<<"$sig" || fail "SIGNAL_POLL: LINKSPEED"

# country: the regulatory hint reaches the kernel
ihvd_cli set country DE | grep -qx OK || fail "SET country"
wait_for 10 "the kernel to take country DE" eval "in_sta iw reg get | grep -q 'country DE'"
ihvd_cli get country | tee /dev/stderr | grep -qx DE || fail "GET country"
ihvd_cli set country Germany | grep -qx FAIL || fail "SET country Germany accepted"

# LOG_LEVEL
ihvd_cli log_level | grep -qx 'Current level: DEBUG' || fail "LOG_LEVEL (ihvd runs with -d)"
ihvd_cli log_level INFO | grep -qx OK || fail "LOG_LEVEL INFO"
ihvd_cli log_level | grep -qx 'Current level: INFO' || fail "LOG_LEVEL after INFO"
ihvd_cli log_level DEBUG | grep -qx OK || fail "LOG_LEVEL DEBUG"

# ABORT_SCAN: a scan started, then aborted
ihvd_cli scan | grep -Eqx 'OK|FAIL-BUSY' || fail "SCAN"
sleep 0.3
ihvd_cli abort_scan | tee /dev/stderr | grep -Eqx 'OK' || fail "ABORT_SCAN"
_ihvd_state_is COMPLETED || fail "ABORT_SCAN cost the link"

# RECONFIGURE: the file gains a comment; the network is unchanged: the link stays
n0=$(hs)
echo "# touched by the test" >>"$IHVD_CONF"
ihvd_cli reconfigure | grep -qx OK || fail "RECONFIGURE"
wait_log 5 "$IHVD_LOG" "the connection stays"
sleep 2
_ihvd_state_is COMPLETED || fail "RECONFIGURE dropped an unchanged network's link"
(($(hs) == n0)) || fail "RECONFIGURE caused a new handshake"

# SIGHUP with a broken file: the old configuration stays, and the log says why
cp "$IHVD_CONF" "$T/good.conf"
printf 'network={\n\tssid="old"\n\tkey_mgmt=NONE\n\twep_key0="abcde"\n}\n' >>"$IHVD_CONF"
kill -HUP "$IHVD_PID"
wait_log 5 "$IHVD_LOG" "has errors; the old configuration stays"
wait_log 5 "$IHVD_LOG" "wep_key0: WEP is not supported"
_ihvd_state_is COMPLETED || fail "a bad file on SIGHUP cost the link"
cp "$T/good.conf" "$IHVD_CONF"
chmod 600 "$IHVD_CONF"

# SAVE_CONFIG: comments, noticed lines and the passphrase form survive; mode kept
# (RECONFIGURE re-read a file without country=: SET it again for the file to carry it.)
ihvd_cli set country DE | grep -qx OK || fail "SET country again"
ihvd_cli set_network 0 priority 5 | grep -qx OK || fail "SET_NETWORK priority"
ihvd_cli save_config | grep -qx OK || fail "SAVE_CONFIG"
cat "$IHVD_CONF"
grep -qx '# the lab network' "$IHVD_CONF" || fail "SAVE_CONFIG lost a comment"
grep -qx $'\tbgscan="simple:30:-45:300"' "$IHVD_CONF" || fail "SAVE_CONFIG lost bgscan"
grep -qx $'\tpsk="correct horse battery"' "$IHVD_CONF" || fail "SAVE_CONFIG changed the psk form"
grep -qx $'\tpriority=5' "$IHVD_CONF" || fail "SAVE_CONFIG did not write priority"
grep -qx 'country=DE' "$IHVD_CONF" || fail "SAVE_CONFIG did not write country"
[[ $(stat -c %a "$IHVD_CONF") == 600 ]] || fail "SAVE_CONFIG changed the mode"
"$(ihvd_bin)" -t -c "$IHVD_CONF" || fail "the saved file does not pass ihvd -t"

# BSSID_IGNORE: the AP is not joined until the list is cleared
ihvd_cli bssid_ignore "$bssid" | grep -qx OK || fail "BSSID_IGNORE add"
ihvd_cli bssid_ignore | grep -qx "$bssid" || fail "BSSID_IGNORE list"
ihvd_cli disconnect | grep -qx OK || fail "DISCONNECT"
ihvd_wait_state 5 DISCONNECTED
ihvd_cli reconnect | grep -qx OK || fail "RECONNECT"
sleep 4
_ihvd_state_is COMPLETED && fail "joined an ignored BSSID"
ihvd_cli blacklist clear | grep -qx OK || fail "BLACKLIST clear"
ihvd_wait_state 30 COMPLETED
ip_setup "$ap_if" "$sta_if"
ping_check

ihvd_cli terminate | grep -qx OK || fail "TERMINATE"
wait_for 5 "ihvd to exit on TERMINATE" eval "! _pid_alive $IHVD_PID"
rc=0
wait "$IHVD_PID" || rc=$?
IHVD_PID=""
((rc == 0)) || fail "ihvd exited with $rc after TERMINATE"
