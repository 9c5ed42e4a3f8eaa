# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# CreateDiscoveryProfiles on the real daemon (contract §3 [9]): ihvd has no network block;
# after a scan it asks the plugin about the visible "ihvd-test", ihv-rsn.so proposes a
# WPA2-Personal profile that asks for the passphrase; SCAN_RESULTS flags it
# [IHV-DISCOVERY], `IHV_DISCOVERY` lists it, `IHV_DISCOVERY_SELECT 0` adds and selects a
# block with the plugin's fragments, the plugin's own UI request (CTRL-REQ-PSK_PASSPHRASE)
# is answered with Debian's wpa_cli, and traffic flows. The proposal is not saved.
# hwsim-timeout: 120
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

printf 'update_config=1\n' >"$T/net.conf"
ihvd_start "$T/net.conf" "$sta_if"
[[ $(ihvd_cli scan) == OK ]] || fail "SCAN was not accepted"
wait_log 30 "$IHVD_LOG" 'the plugin proposes a profile for "ihvd-test"'
wait_log 10 "$IHVD_LOG" 'CTRL-EVENT-SCAN-RESULTS'
results=$(ihvd_cli scan_results)
grep -P "^$bssid\t.*\[IHV-DISCOVERY\]\tihvd-test$" <<<"$results" >/dev/null ||
	fail "SCAN_RESULTS does not flag ihvd-test [IHV-DISCOVERY]: $results"
list=$(ihvd_cli raw IHV_DISCOVERY)
grep -P '^0\tihvd-test\t-$' <<<"$list" >/dev/null || fail "IHV_DISCOVERY does not list ihvd-test: $list"
[[ $(ihvd_cli raw IHV_DISCOVERY_SELECT 7) == FAIL ]] || fail "IHV_DISCOVERY_SELECT of no entry did not FAIL"
id=$(ihvd_cli raw IHV_DISCOVERY_SELECT 0)
[[ $id =~ ^[0-9]+$ ]] || fail "IHV_DISCOVERY_SELECT 0 answered '$id'"
wait_log 30 "$IHVD_LOG" "CTRL-REQ-PSK_PASSPHRASE-$id:Passphrase needed for SSID ihvd-test"
ihvd_cli psk_passphrase "$id" "correct horse battery" | grep -qx OK ||
	fail "wpa_cli psk_passphrase was not accepted"
ihvd_wait_state 30 COMPLETED
ihvd_check_connected "$bssid" WPA2-PSK
ip_setup "$ap_if" "$sta_if"
ping_check
ihvd_cli list_networks | grep -P "^$id\tihvd-test\t" >/dev/null || fail "LIST_NETWORKS lacks the block"
[[ $(ihvd_cli save_config) == OK ]] || fail "SAVE_CONFIG failed"
! grep -q 'ihvd-test' "$IHVD_CONF" || fail "the discovered block was saved"
! grep -q 'correct horse battery' "$IHVD_LOG" || fail "the passphrase appears in ihvd's log"
ihvd_stop
note "discovery: [IHV-DISCOVERY] in SCAN_RESULTS, IHV_DISCOVERY_SELECT -> plugin's UI request answered, connected, ping, not saved"
