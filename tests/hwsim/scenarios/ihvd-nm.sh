# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# NetworkManager drives ihvd over D-Bus (issue 17): a private system bus
# (dbus-daemon with ihvd's policy, no activation directories, so no real
# wpa_supplicant can be started), ihvd -u owning fi.w1.wpa_supplicant1 in the
# station netns, NetworkManager (--no-daemon, keyfile, no polkit) in the same
# netns, with /sys read-only for it (so it needs no udev). Then:
#   nmcli dev wifi list shows hostapd's SSID with WPA2;
#   nmcli dev wifi connect SSID password PW connects through ihv-rsn.so, DHCP
#   (busybox udhcpd on the AP) gives an address and a ping crosses the air;
#   nmcli con down / up; hostapd restarting is survived;
#   a wrong password ends in NetworkManager's "Secrets were required" failure;
#   bad input on the bus (wrong types, unknown properties and arguments,
#   stale object paths, a caller the policy refuses) gets D-Bus errors and
#   ihvd stays up.
# hwsim-timeout: 600
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/nm-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/nm-lib.sh"

WS=fi.w1.wpa_supplicant1
WS_PATH=/fi/w1/wpa_supplicant1

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
ip addr replace "$HWSIM_AP_IP/24" dev "$ap_if"

# DHCP on the AP side: NetworkManager's profile asks for an address (ipv4.method auto).
nm_dhcpd_start "$ap_if"

# --- a private system bus ------------------------------------------------------
# ihvd's own policy file, not one a package put there, must be what lets ihvd own the name.
[[ ! -e /usr/share/dbus-1/system.d/ihvd.conf ]] || note "an installed ihvd.conf is on the bus too"
nm_bus_start
BUS_PID=$NM_BUS_PID

# --- ihvd -u -------------------------------------------------------------------
nm_ihvd_start "$sta_if"
busctl get-property "$WS" "$WS_PATH" "$WS" Interfaces

# --- bad input on the bus, before NetworkManager comes ----------------------------
I=$WS.Interface
GET=org.freedesktop.DBus.Properties.Get
SET=org.freedesktop.DBus.Properties.Set
bus_err "$WS.InvalidArgs: CreateInterface: Ifname is required" gd "$WS_PATH" "$WS.CreateInterface" "@a{sv} {}"
bus_err "$WS.InvalidArgs: CreateInterface: Ifname must be a string" gd "$WS_PATH" "$WS.CreateInterface" "{'Ifname': <uint32 7>}"
bus_err "unknown argument 'Bogus'" gd "$WS_PATH" "$WS.CreateInterface" "{'Bogus': <'x'>}"
bus_err "$WS.UnknownError: wpa_supplicant couldn't grab this interface: nosuch0: No such device" \
	gd "$WS_PATH" "$WS.CreateInterface" "{'Ifname': <'nosuch0'>}"
bus_err "$WS.InterfaceUnknown" gd "$WS_PATH" "$WS.GetInterface" "$sta_if"
bus_err "$WS.InterfaceUnknown" gd "$WS_PATH" "$WS.RemoveInterface" "$WS_PATH/Interfaces/42"
bus_err "DebugLevel 'loud'" gd "$WS_PATH" "$SET" "$WS" DebugLevel "<'loud'>"
# wrong signatures and unknown names: refused before any handler runs
# (busctl sends the signature it is told; its message is sd-bus's InvalidArgs text)
bus_err "Invalid arguments 'u' to call fi.w1.wpa_supplicant1.GetInterface(), expecting 's'" \
	busctl call "$WS" "$WS_PATH" "$WS" GetInterface u 1
bus_err "Invalid arguments 's' to call fi.w1.wpa_supplicant1.CreateInterface(), expecting 'a{sv}'" \
	busctl call "$WS" "$WS_PATH" "$WS" CreateInterface s wlan1
bus_err "org.freedesktop.DBus.Error.InvalidArgs" gd "$WS_PATH" "$SET" "$WS" DebugLevel "<uint32 1>"
bus_err "org.freedesktop.DBus.Error.UnknownProperty" gd "$WS_PATH" "$GET" "$WS" NoSuchProperty
bus_err "org.freedesktop.DBus.Error.PropertyReadOnly" gd "$WS_PATH" "$SET" "$WS" Interfaces "<@ao []>"
bus_err "org.freedesktop.DBus.Error.UnknownMethod" gd "$WS_PATH" "$WS.NoSuchMethod"
# The policy: only root may talk to the service.
bus_err "org.freedesktop.DBus.Error.AccessDenied" setpriv --reuid=65534 --regid=65534 --clear-groups \
	gdbus call --system --dest "$WS" --object-path "$WS_PATH" --method "$GET" "$WS" Interfaces

# An interface made and removed by hand: stale paths are refused afterwards.
ipath=$(gd "$WS_PATH" "$WS.CreateInterface" "{'Ifname': <'$sta_if'>, 'Driver': <'nl80211'>}" | sed -E "s/^\(objectpath '([^']*)',\)$/\1/")
[[ $ipath == "$WS_PATH/Interfaces/"* ]] || fail "CreateInterface returned '$ipath'"
bus_err "$WS.InterfaceExists" gd "$WS_PATH" "$WS.CreateInterface" "{'Ifname': <'$sta_if'>}"
[[ $(gd "$WS_PATH" "$WS.GetInterface" "$sta_if") == "(objectpath '$ipath',)" ]] ||
	fail "GetInterface does not name $ipath"
busctl get-property "$WS" "$ipath" "$I" Ifname | grep -qx "s \"$sta_if\"" || fail "Ifname property"
bus_err "$WS.InvalidArgs: network property 'ssid': type 'd' is not taken" gd "$ipath" "$I.AddNetwork" "{'ssid': <1.5>}"
bus_err "$WS.InvalidArgs: network property 'bogus_field': unknown network field" gd "$ipath" "$I.AddNetwork" "{'bogus_field': <'x'>}"
bus_err "$WS.InvalidArgs: network property 'psk'" gd "$ipath" "$I.AddNetwork" "{'ssid': <'x'>, 'psk': <'short'>}"
bus_err "$WS.InvalidArgs: Scan: Type 'sideways'" gd "$ipath" "$I.Scan" "{'Type': <'sideways'>}"
bus_err "$WS.InvalidArgs: Scan: SSIDs must be of type aay" gd "$ipath" "$I.Scan" "{'SSIDs': <'x'>}"
bus_err "$WS.InvalidArgs: ApScan 2" gd "$ipath" "$SET" "$I" ApScan "<uint32 2>"
bus_err "$WS.NetworkUnknown" gd "$ipath" "$I.SelectNetwork" "$ipath/Networks/99"
bus_err "$WS.NetworkUnknown" gd "$ipath" "$I.SelectNetwork" "/fi/w1/wpa_supplicant1/Interfaces/77/Networks/0"
# the SSID as NetworkManager sends it: ay, no NUL
ssid_ay="[byte $(printf 'ihvd-test' | od -An -tx1 -v | sed -E 's/^ +//; s/ +/, /g; s/([0-9a-f]{2})/0x\1/g')]"
npath=$(gd "$ipath" "$I.AddNetwork" "{'ssid': <$ssid_ay>, 'psk': <'not the password'>, 'key_mgmt': <'WPA-PSK'>}" | sed -E "s/^\(objectpath '([^']*)',\)$/\1/")
[[ $npath == "$ipath/Networks/"* ]] || fail "AddNetwork returned '$npath'"
props=$(busctl get-property "$WS" "$npath" "$WS.Network" Properties)
echo "$props"
[[ $props == *'"ssid" s "\"ihvd-test\""'* ]] || fail "the network's Properties lack its ssid"
[[ $props != *"not the password"* ]] || fail "the network's Properties show the passphrase"
gd "$ipath" "$I.RemoveNetwork" "$npath"
bus_err "$WS.NetworkUnknown" gd "$ipath" "$I.RemoveNetwork" "$npath"
bus_err "org.freedesktop.DBus.Error.UnknownObject" gd "$npath" "$GET" "$WS.Network" Enabled
gd "$WS_PATH" "$WS.RemoveInterface" "$ipath"
bus_err "org.freedesktop.DBus.Error.UnknownObject" gd "$ipath" "$GET" "$I" State
bus_err "$WS.InterfaceUnknown" gd "$WS_PATH" "$WS.RemoveInterface" "$ipath"
# A flood of calls: every one answered, ihvd still there.
for i in $(seq 1 200); do
	busctl call "$WS" "$WS_PATH" "$WS" GetInterface s "nope$i" >/dev/null 2>&1 || true
done
_pid_alive "$IHVD_PID" || fail "ihvd died under bad input"
busctl get-property "$WS" "$WS_PATH" "$WS" Interfaces | grep -qx 'ao 0' || fail "interfaces left over"
_pid_alive "$BUS_PID" || fail "the bus died"
note "bus errors: types, unknown keys, stale paths, policy, flood all refused cleanly"

# --- NetworkManager ----------------------------------------------------------------
nm_start "$sta_if"
nmcli dev
grep -q "CreateInterface $sta_if" "$IHVD_LOG" || fail "NetworkManager did not create the interface in ihvd"
ipath=$(gd "$WS_PATH" "$WS.GetInterface" "$sta_if" | sed -E "s/^\(objectpath '([^']*)',\)$/\1/")

# nmcli dev wifi list: hostapd's network with WPA2.
_nm_sees_ap() { nmcli -t -f SSID,BSSID,SECURITY dev wifi list --rescan yes | grep -q '^ihvd-test:.*:WPA2'; }
wait_for 60 "nmcli to list ihvd-test with WPA2" _nm_sees_ap ||
	{ nmcli -f all dev wifi list; fail "nmcli dev wifi list lacks ihvd-test (WPA2)"; }
nmcli -f SSID,BSSID,SECURITY,SIGNAL dev wifi list

# Connect with the right password: through ihv-rsn.so, DHCP, ping.
nmcli --wait 90 dev wifi connect ihvd-test password "correct horse battery" ifname "$sta_if" ||
	fail "nmcli dev wifi connect failed (see $T/NetworkManager.log, $IHVD_LOG)"
grep -q "connected to \"ihvd-test\"\|CTRL-EVENT-CONNECTED" "$IHVD_LOG" || fail "ihvd did not connect"
grep -qi "ihv-rsn" "$IHVD_LOG" || fail "not through ihv-rsn.so"
grep -q "EAPOL-4WAY-HS-COMPLETED" "$HOSTAPD_LOG" || fail "hostapd saw no completed 4-way handshake"
nmcli -t -f GENERAL.STATE dev show "$sta_if" | grep -q '100 (connected)' || fail "NM does not say connected"
_sta_addr() { in_sta ip -4 addr show dev "$sta_if" | grep -q 'inet 192\.168\.77\.'; }
wait_for 20 "a DHCP address on $sta_if" _sta_addr || fail "no address from DHCP"
sta_ip=$(in_sta ip -4 -o addr show dev "$sta_if" | awk '{print $4}' | cut -d/ -f1)
_ping_all sta "$HWSIM_AP_IP" || fail "ping from the station to the AP lost packets"
_ping_all ap "$sta_ip" || fail "ping from the AP to the station lost packets"
busctl get-property "$WS" "$ipath" "$WS.Interface" State | grep -qx 's "completed"' ||
	fail "the interface's State is not completed"
busctl get-property "$WS" "$ipath" "$WS.Interface" CurrentBSS | grep -q "/BSSs/" ||
	fail "CurrentBSS names no BSS object"
note "nmcli connected through ihvd (ihv-rsn.so), $sta_ip pings the AP"

# nmcli con down / up.
nmcli con down ihvd-test
wait_for 20 "NetworkManager to say disconnected" eval "nmcli -t -f GENERAL.STATE dev show $sta_if | grep -q '30 (disconnected)'" ||
	fail "con down did not disconnect"
wait_for 10 "ihvd to leave the network" eval "busctl get-property $WS $ipath $WS.Interface State | grep -qv completed" ||
	fail "ihvd still connected after con down"
nmcli --wait 90 con up ihvd-test || fail "nmcli con up failed"
wait_for 20 "a DHCP address again" _sta_addr || fail "no address after con up"
_ping_all sta "$HWSIM_AP_IP" || fail "no ping after con up"
note "nmcli con down / up work"

# hostapd restarting: ihvd loses the link, reconnects when the AP is back, NetworkManager
# ends up connected again (the same activation or a new one) and traffic flows.
hostapd_stop
wait_for 30 "ihvd to see the link gone" eval "! busctl get-property $WS $ipath $WS.Interface State | grep -q completed" ||
	fail "ihvd still says completed with hostapd gone"
hostapd_start wpa2-psk.conf "$ap_if"
ip addr replace "$HWSIM_AP_IP/24" dev "$ap_if"
_nm_connected() { nmcli -t -f GENERAL.STATE dev show "$sta_if" | grep -q '100 (connected)' && _sta_addr; }
_wait_alive "$IHVD_PID" ihvd 120 "NetworkManager connected again after hostapd's restart" _nm_connected ||
	{ nmcli dev; fail "not connected again after hostapd restarted"; }
wait_for 30 "a ping after hostapd's restart" _ping_all sta "$HWSIM_AP_IP" || fail "no ping after hostapd restarted"
note "hostapd restart survived"

# A wrong password: NetworkManager's own "secrets were required" outcome, in bounded time.
nmcli con down ihvd-test
nmcli con delete ihvd-test
t0=$(now_ms)
if out=$(timeout 120 nmcli --wait 90 dev wifi connect ihvd-test password "wrong horse battery" ifname "$sta_if" 2>&1); then
	fail "connected with a wrong password: $out"
fi
echo "$out"
[[ $out == *"Secrets were required"* ]] || fail "wanted NetworkManager's 'Secrets were required' failure, got: $out"
note "wrong password: '$(tr '\n' ' ' <<<"$out")' after $(( ($(now_ms) - t0) / 1000 )) s"
_pid_alive "$IHVD_PID" || fail "ihvd died"

nm_stop
ihvd_stop
nm_bus_stop
