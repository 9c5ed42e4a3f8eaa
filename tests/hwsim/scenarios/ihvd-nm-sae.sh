# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# WPA3-SAE through NetworkManager and ihvd's D-Bus service (issue 17): hostapd
# SAE-only with PMF required (hostapd-conf/wpa3-sae.conf); ihvd -u advertises
# "pmf" (root Capabilities) and "sae" (the interface's KeyMgmt), without which
# NetworkManager 1.42 refuses key-mgmt sae ("Supplicant does not support PMF").
# nmcli dev wifi list shows WPA3; nmcli dev wifi connect makes a key-mgmt sae
# profile, NetworkManager's AddNetwork carries key_mgmt SAE and ieee80211w 2,
# ihv-rsn.so runs SAE (hostapd sees auth_alg=3), DHCP, a ping crosses the air;
# CurrentAuthMode says SAE.  Then a wrong password ends in NetworkManager's
# "Secrets were required" failure in bounded time.
# hwsim-timeout: 400
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/nm-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/nm-lib.sh"

WS=fi.w1.wpa_supplicant1
WS_PATH=/fi/w1/wpa_supplicant1
I=$WS.Interface

hwsim_radios 2
hostapd_start wpa3-sae.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
ip addr replace "$HWSIM_AP_IP/24" dev "$ap_if"
nm_dhcpd_start "$ap_if"
nm_bus_start
nm_ihvd_start "$sta_if"
caps=$(busctl get-property "$WS" "$WS_PATH" "$WS" Capabilities)
echo "Capabilities: $caps"
[[ $caps == *'"pmf"'* && $caps == *'"sae"'* ]] || fail "root Capabilities lack pmf/sae: $caps"

nm_start "$sta_if"
ipath=$(gdbus call --system --dest "$WS" --object-path "$WS_PATH" --method "$WS.GetInterface" "$sta_if" |
	sed -E "s/^\(objectpath '([^']*)',\)$/\1/")
busctl get-property "$WS" "$ipath" "$I" Capabilities | grep -q '"sae"' || fail "KeyMgmt lacks sae"
_nm_sees() { nmcli -t -f SSID,SECURITY dev wifi list --rescan yes | grep -q '^ihvd-test:.*WPA3'; }
wait_for 60 "nmcli to list ihvd-test with WPA3" _nm_sees ||
	{ nmcli -f all dev wifi list; fail "nmcli dev wifi list lacks ihvd-test (WPA3)"; }
nmcli -f SSID,SECURITY,SIGNAL dev wifi list

nmcli --wait 90 dev wifi connect ihvd-test password "correct horse battery" ifname "$sta_if" ||
	fail "nmcli dev wifi connect (SAE) failed (see $T/NetworkManager.log, $IHVD_LOG)"
nmcli -g 802-11-wireless-security.key-mgmt con show ihvd-test | grep -qx sae ||
	fail "NetworkManager's profile is not key-mgmt sae"
sta_mac=$(in_sta cat "/sys/class/net/$sta_if/address")
grep -q "authentication: STA=$sta_mac auth_alg=3" "$HOSTAPD_LOG" || fail "hostapd saw no SAE authentication"
grep -q "SAE: Commit with group 19" "$IHVD_LOG" || fail "ihvd's log shows no SAE Commit"
grep -q "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG" || fail "no completed 4-way handshake"
busctl get-property "$WS" "$ipath" "$I" CurrentAuthMode | grep -qx 's "SAE"' ||
	fail "CurrentAuthMode is not SAE"
wait_for 20 "NetworkManager connected with an address" nm_connected "$sta_if" || fail "no DHCP address"
sta_ip=$(in_sta ip -4 -o addr show dev "$sta_if" | awk '{print $4}' | cut -d/ -f1)
_ping_all sta "$HWSIM_AP_IP" || fail "ping from the station to the AP lost packets"
_ping_all ap "$sta_ip" || fail "ping from the AP to the station lost packets"
! grep -q "correct horse battery" "$IHVD_LOG" || fail "the SAE password appears in ihvd's log"
note "nmcli connected with WPA3-SAE through ihvd, $sta_ip pings the AP"

nmcli con down ihvd-test
nmcli con delete ihvd-test
if out=$(timeout 120 nmcli --wait 90 dev wifi connect ihvd-test password "wrong horse battery" ifname "$sta_if" 2>&1); then
	fail "connected with a wrong SAE password: $out"
fi
echo "$out"
[[ $out == *"Secrets were required"* ]] || fail "wanted 'Secrets were required', got: $out"
_pid_alive "$IHVD_PID" || fail "ihvd died"
note "wrong SAE password: $(tr '\n' ' ' <<<"$out")"

nm_stop
ihvd_stop
nm_bus_stop
