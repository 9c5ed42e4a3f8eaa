# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# WPA3 transition mode (wpa_key_mgmt=WPA-PSK SAE, ieee80211w=1): a PSK-only
# block joins with WPA-PSK, a "WPA-PSK SAE" block with SAE (plugin inline; with
# the plugin isolated, WPA-PSK and a line saying why). Then a wrong SAE
# password: each attempt ends in SAE (the AP rejects our Confirm with status 1),
# ihvd gives up after three naming SAE and the likely cause, and tries no more.
# hwsim-timeout: 180
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start sae-transition.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

restart() {
	ihvd_stop
	mv "$IHVD_LOG" "$T/ihvd-$1.log"
	log_register "$T/ihvd-$1.log"
}

# 1. PSK-only block.
cat >"$T/psk.conf" <<'EOF2'
plugin_isolation=inline
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_start "$T/psk.conf" "$sta_if"
ihvd_wait_state 30 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
! grep -q "authenticating with" "$IHVD_LOG" || fail "the PSK block used the SME path"
restart psk

# 2. PSK + SAE block: SAE is chosen.
cat >"$T/both.conf" <<'EOF2'
plugin_isolation=inline
network={
	ssid="ihvd-test"
	key_mgmt=WPA-PSK SAE
	psk="correct horse battery"
	ieee80211w=1
}
EOF2
ihvd_start "$T/both.conf" "$sta_if"
ihvd_wait_state 30 COMPLETED
ihvd_check_connected "$bssid" SAE
ip_setup "$ap_if" "$sta_if"
ping_check
restart both

# 2b. The same block with the plugin isolated (the default), which does not
# carry SAE's exchange yet: WPA-PSK, and the log says why.
grep -v '^plugin_isolation=' "$T/both.conf" >"$T/both-iso.conf"
ihvd_start "$T/both-iso.conf" "$sta_if"
ihvd_wait_state 40 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
grep -q "no SAE with an isolated plugin yet" "$IHVD_LOG" || fail "no word on SAE and isolation"
restart both-iso

# 3. A wrong SAE password (SAE only, so no PSK fallback hides it).
cat >"$T/wrong.conf" <<'EOF2'
plugin_isolation=inline
network={
	ssid="ihvd-test"
	key_mgmt=SAE
	sae_password="wrong horse battery"
}
EOF2
ihvd_start "$T/wrong.conf" "$sta_if"
_wait_alive "$IHVD_PID" ihvd 90 "ihvd to give up" grep -q 'giving up on "ihvd-test"' "$IHVD_LOG"
grep 'SAE password may be wrong\|giving up' "$IHVD_LOG"
for i in 1 2 3; do
	grep -q "SAE authentication with \"ihvd-test\" failed .*the SAE password may be wrong (attempt $i of 3)" "$IHVD_LOG" ||
		fail "no message for failed SAE attempt $i"
done
grep -Eq 'giving up on "ihvd-test" \(network id=0\) after 3 failed SAE authentications; last plugin reason 0x9[0-9a-f]{4} \(SAE: .*password.*\)\. Check the sae_password' "$IHVD_LOG" ||
	fail "the give-up message does not name SAE and the password"
attempts=$(grep -c 'connecting to "ihvd-test"' "$IHVD_LOG")
sleep 3
(($(grep -c 'connecting to "ihvd-test"' "$IHVD_LOG") == attempts)) || fail "ihvd kept trying"
((attempts == 3)) || fail "$attempts attempts, want 3"
_ihvd_state_is INACTIVE || fail "ihvd should be INACTIVE after giving up"
ihvd_stop
note "sae-transition: PSK block -> WPA2-PSK, PSK+SAE block -> SAE, wrong SAE password -> gave up after 3 naming SAE"
