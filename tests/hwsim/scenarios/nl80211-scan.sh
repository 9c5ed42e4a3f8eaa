# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# nl80211 driver: a scan through the drv_ops seam (tests/hwsim/tools/nl80211-tool)
# finds hostapd's WPA2 BSS with its IEs byte-exact.  The expected RSNE follows
# from hostapd-conf/wpa2-psk.conf: RSN v1, group CCMP, pairwise CCMP, AKM PSK,
# capabilities 0x000c (hostapd asks for 16 PTKSA replay counters when WMM is
# on), and is cross-checked against iw's own parse of the same scan.
# hwsim-timeout: 60

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta

tool=$(hwsim_tool nl80211-tool)
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
expect_rsne=30140100000fac040100000fac040100000fac020c00

# $sta_if is left down: the driver brings it up for the scan.
in_sta "$tool" list >"$T/list.out" 2>"$T/list.err" || { cat "$T/list.out" "$T/list.err"; fail "list failed"; }
cat "$T/list.out"
grep -q "^iface $sta_if .*ciphers=.*000fac04" "$T/list.out" || fail "list: $sta_if without CCMP in its ciphers"
grep -q "^iface $sta_if .*cp_over_nl80211=1 .*connect=1" "$T/list.out" || fail "list: capabilities not learnt"

log_register "$T/scan.err"
in_sta "$tool" scan "$sta_if" --freq 2412 >"$T/scan.out" 2>"$T/scan.err" || { cat "$T/scan.out"; fail "scan failed"; }
cat "$T/scan.out"
grep -q "$sta_if was down, brought it up" "$T/scan.err" || fail "the driver did not bring $sta_if up"
grep -q '^event scan-started' "$T/scan.out" || fail "no SCAN_STARTED event"
grep -q '^event scan-done' "$T/scan.out" || fail "no SCAN_DONE event"
line=$(grep "^bss $bssid " "$T/scan.out") || fail "hostapd's BSS $bssid not in the scan results"
[[ $line == *" freq=2412 "* ]] || fail "BSS not on 2412 MHz: $line"
[[ $line == *" ssid=ihvd-test "* ]] || fail "SSID element wrong: $line"
[[ $line == *" rsne=$expect_rsne "* ]] || fail "RSNE is not $expect_rsne: $line"
cap=$(sed -n 's/.* capability=0x\([0-9a-f]*\) .*/\1/p' <<<"$line")
(((0x$cap & 0x10) != 0)) || fail "Privacy bit not set in capability 0x$cap"
[[ $line == *" beacon_interval=100 "* ]] || fail "beacon interval is not 100 TU: $line"

# The same BSS as iw parses it from the kernel: capabilities agree.
in_sta iw dev "$sta_if" scan dump >"$T/iw.out"
grep -q "BSS $bssid" "$T/iw.out" || fail "iw does not see $bssid"
grep -q 'Capabilities: .*(0x000c)' "$T/iw.out" || fail "iw reports other RSN capabilities"

# The IEs are whole: the RSNE sits inside the IE blob at an element boundary.
ies=$(sed -n 's/.* ies=\([0-9a-f]*\).*/\1/p' <<<"$line")
[[ ${ies:0:2} == 00 ]] || fail "IEs do not start with the SSID element"
[[ $ies == *"$expect_rsne"* ]] || fail "RSNE not inside the IE blob"
note "scan: $bssid on 2412 MHz with RSNE $expect_rsne ($(( ${#ies} / 2 )) bytes of IEs)"
! grep -q '^drv error' "$T/scan.err" || fail "driver errors logged: $(grep '^drv error' "$T/scan.err")"

# Hidden network: not named in beacons, found only by probing for its SSID
# (NL80211_ATTR_SCAN_SSIDS); the answer is a Probe Response (PRESP_DATA).
hostapd_stop
sed -e 's/^ssid=.*/ssid=ihvd-hidden/' "$HWSIM_CONF_DIR/wpa2-psk.conf" >"$T/hidden.conf"
echo 'ignore_broadcast_ssid=1' >>"$T/hidden.conf"
hostapd_start "$T/hidden.conf"
in_sta iw dev "$sta_if" scan flush >/dev/null 2>&1 || true
in_sta "$tool" scan "$sta_if" --freq 2412 >"$T/scan-wild.out" 2>>"$T/scan.err" || fail "wildcard scan failed"
cat "$T/scan-wild.out"
! grep -q "^bss $bssid .* ssid=ihvd-hidden" "$T/scan-wild.out" || fail "hidden SSID seen without probing for it"
found=0
for attempt in 1 2 3; do
	in_sta "$tool" scan "$sta_if" --ssid ihvd-hidden --freq 2412 >"$T/scan-hidden.out" 2>>"$T/scan.err" ||
		fail "directed scan failed"
	if grep -q "^bss $bssid .* ies_from_probe=1 ssid=ihvd-hidden " "$T/scan-hidden.out"; then
		found=1
		break
	fi
done
cat "$T/scan-hidden.out"
((found)) || fail "directed scan did not find ihvd-hidden with a Probe Response"
note "scan: hidden SSID found only by a directed probe"
