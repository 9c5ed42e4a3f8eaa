# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# WPA3 transition mode (wpa_key_mgmt=WPA-PSK SAE, ieee80211w=1): a PSK-only
# block joins with WPA-PSK, a "WPA-PSK SAE" block with SAE, once with the
# plugin inline (plugin_isolation=inline: the one SAE connection that keeps
# the in-process path covered) and once isolated (the default). Then a wrong
# SAE password (isolated): each attempt ends in SAE (the AP rejects our Confirm
# with status 1), ihvd gives up after three naming SAE and the likely cause,
# and tries no more.
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

# 2. PSK + SAE block, the plugin inline: SAE is chosen.
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
! grep -q "isolated in ihvd-plugin-host" "$IHVD_LOG" || fail "the plugin is not inline"
[[ -z $(ihvd_host_pid) ]] || fail "a plugin host runs with plugin_isolation=inline"
ip_setup "$ap_if" "$sta_if"
ping_check
restart both

# 2b. The same block with the plugin isolated (the default): SAE too, the
# exchange carried by the plugin-host protocol.
grep -v '^plugin_isolation=' "$T/both.conf" >"$T/both-iso.conf"
ihvd_start "$T/both-iso.conf" "$sta_if"
ihvd_wait_state 40 COMPLETED
ihvd_check_connected "$bssid" SAE
grep -q "isolated in ihvd-plugin-host" "$IHVD_LOG" || fail "the plugin is not isolated"
[[ -n $(ihvd_host_pid) ]] || fail "no plugin host"
grep -q "authentication through plugin ihv-rsn (SAE)" "$IHVD_LOG" || fail "no SAE exchange in the log"
ping_check
restart both-iso

# 3. A wrong SAE password (SAE only, so no PSK fallback hides it), isolated.
cat >"$T/wrong.conf" <<'EOF2'
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
note "sae-transition: PSK block -> WPA2-PSK, PSK+SAE block -> SAE inline and isolated, wrong SAE password (isolated) -> gave up after 3 naming SAE"
