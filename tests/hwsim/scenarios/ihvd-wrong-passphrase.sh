# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# A wrong passphrase: ihvd tries three times, then gives up with a clear
# message (the plugin's reason code and its meaning) and marks the network
# CTRL-EVENT-SSID-TEMP-DISABLED; the right passphrase (SET_NETWORK psk) then
# connects.
# hwsim-timeout: 120
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="wrong horse battery"
}
EOF2
ihvd_start "$T/net.conf" "$sta_if"
# An action script sees the events wpa_cli receives (ATTACH).
cat >"$T/action.sh" <<EOF2
#!/bin/sh
echo "\$2 \$3" >>"$T/actions"
EOF2
chmod +x "$T/action.sh"
wpa_cli -p "$IHVD_CTRL" -i "$sta_if" -a "$T/action.sh" >"$T/wpa_cli-a.log" 2>&1 &
pid_register $!
log_register "$T/wpa_cli-a.log"

_wait_alive "$IHVD_PID" ihvd 60 "ihvd to give up" grep -q 'giving up on "ihvd-test"' "$IHVD_LOG"
grep 'the passphrase may be wrong\|giving up' "$IHVD_LOG"
for i in 1 2 3; do
	grep -q "the passphrase may be wrong (attempt $i of 3)" "$IHVD_LOG" ||
		fail "no message for failed attempt $i"
done
grep -Eq 'giving up on "ihvd-test" \(network id=0\) after 3 failed 4-way handshakes; last plugin reason 0x9[0-9a-f]{4} \(PSK mismatch: the AP rejected message 2 \(wrong passphrase\?\)\)' "$IHVD_LOG" ||
	fail "the give-up message lacks the plugin's reason code and meaning"
ihvd_cli list_networks | grep -q '\[TEMP-DISABLED\]' || fail "LIST_NETWORKS does not show TEMP-DISABLED"
ihvd_cli status | grep -Eq '^ihv_last_reason=0x9[0-9a-f]{4}$' || fail "STATUS lacks the plugin's reason"
_ihvd_state_is INACTIVE || fail "ihvd should be INACTIVE after giving up"
# No fourth attempt.
attempts=$(grep -c 'connecting to "ihvd-test"' "$IHVD_LOG")
sleep 3
(($(grep -c 'connecting to "ihvd-test"' "$IHVD_LOG") == attempts)) || fail "ihvd kept trying"
((attempts == 3)) || fail "$attempts attempts, want 3"
! grep -q "EAPOL-4WAY-HS-COMPLETED" "$HOSTAPD_LOG" || fail "a handshake completed with a wrong passphrase"

# The right passphrase lifts it.
ihvd_cli set_network 0 psk '"correct horse battery"' | grep -qx OK
ihvd_wait_state 20 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
wait_for 5 "the action script saw CONNECTED" grep -q CONNECTED "$T/actions"
ihvd_stop
note "wrong-passphrase: 3 attempts, gave up with the plugin's reason, fixed psk connects"
