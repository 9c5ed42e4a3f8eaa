# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# 802.1X (PEAP/MSCHAPv2) over ihvd's D-Bus service (issue 17), against hostapd's
# integrated EAP server (eap-lib.sh's PKI):
#  1. NetworkRequest / NetworkReply on the bus: a PEAP network added without its
#     password and with ca_cert "blob://ca" (AddBlob after AddNetwork, as
#     NetworkManager orders them; SelectNetwork without the blob -> BlobUnknown,
#     with it the CA goes to a private 0600 file, unlinked with the network);
#     ihvd's 802.1X module asks for the password, the interface signals
#     NetworkRequest(network, "PASSWORD", text) (gdbus monitor sees it), wrong
#     replies get D-Bus errors, NetworkReply(network, "password", pw) reaches the
#     waiting request and the station completes.  NetworkManager 1.42 itself never
#     subscribes to NetworkRequest (it dropped its handler in 1.24): it asks its
#     secret agents BEFORE activation, so this part is driven by gdbus.
#  2. Bad 802.1X input in AddNetwork: unknown eap method, a NUL inside a field, a
#     missing ca_cert file, blob:// naming no blob -> D-Bus errors, ihvd stays up.
#  3. NetworkManager: nmcli con add ... wifi-sec.key-mgmt wpa-eap 802-1x.eap ttls,peap
#     (NetworkManager sends eap "TTLS PEAP"; hostapd proposes PEAP, which runs)
#     802-1x.phase2-auth mschapv2 802-1x.ca-cert ... with 802-1x.password-flags 2
#     (not saved: NetworkManager asks a secret agent at activation), nmcli con up
#     passwd-file F (nmcli's agent answers from F); EAP succeeds through ihvd,
#     DHCP, ping across the air; the password never appears in ihvd's log.
# hwsim-timeout: 400
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/eap-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/eap-lib.sh"
# shellcheck source=tests/hwsim/nm-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/nm-lib.sh"

WS=fi.w1.wpa_supplicant1
WS_PATH=/fi/w1/wpa_supplicant1
I=$WS.Interface
PW=alice-secret-7

hwsim_radios 2
eap_pki
eap_hostapd_start WPA-EAP
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
ip addr replace "$HWSIM_AP_IP/24" dev "$ap_if"
nm_dhcpd_start "$ap_if"
nm_bus_start
nm_ihvd_start "$sta_if"

objpath() { sed -E "s/^\(objectpath '([^']*)',\)$/\1/"; }

# What ihvd says it can do.
caps=$(busctl get-property "$WS" "$WS_PATH" "$WS" Capabilities)
eaps=$(busctl get-property "$WS" "$WS_PATH" "$WS" EapMethods)
echo "Capabilities: $caps; EapMethods: $eaps"
[[ $caps == *'"pmf"'* ]] || fail "root Capabilities lack pmf"
for m in TLS PEAP TTLS MSCHAPV2; do
	[[ $eaps == *"\"$m\""* ]] || fail "EapMethods lack $m"
done

# --- 1. NetworkRequest / NetworkReply ---------------------------------------------
ipath=$(gd "$WS_PATH" "$WS.CreateInterface" "{'Ifname': <'$sta_if'>}" | objpath)
ikeys=$(busctl get-property "$WS" "$ipath" "$I" Capabilities)
for k in '"sae"' '"wpa-eap"' '"wpa-eap-sha256"'; do
	[[ $ikeys == *"$k"* ]] || fail "the interface's KeyMgmt lacks $k: $ikeys"
done
gdbus monitor --system --dest "$WS" --object-path "$ipath" >"$T/monitor.log" 2>&1 &
MON_PID=$!
pid_register "$MON_PID"
log_register "$T/monitor.log"
sleep 1
peap="'ssid': <$(nm_ay ihvd-eap)>, 'key_mgmt': <'WPA-EAP'>, 'eap': <'PEAP'>,
 'identity': <$(nm_ay alice)>, 'anonymous_identity': <$(nm_ay anonymous)>,
 'ca_cert': <$(nm_ay blob://ca)>, 'domain_suffix_match': <$(nm_ay example.com)>,
 'phase2': <'auth=MSCHAPV2'>, 'fragment_size': <1300>, 'proactive_key_caching': <1>"
npath=$(gd "$ipath" "$I.AddNetwork" "{$peap}" | objpath)
[[ $npath == "$ipath/Networks/"* ]] || fail "AddNetwork returned '$npath'"
props=$(busctl get-property "$WS" "$npath" "$WS.Network" Properties)
[[ $props == *'"phase2" s "\"auth=MSCHAPV2\""'* && $props == *'"identity" s "\"alice\""'* ]] ||
	fail "the network's Properties lack the 802.1X fields: $props"
# the blob named but not added yet
bus_err "$WS.BlobUnknown: SelectNetwork: ca_cert names blob://ca, which no AddBlob gave" \
	gd "$ipath" "$I.SelectNetwork" "$npath"
gd "$ipath" "$I.AddBlob" ca "$(nm_ay "$(cat "$EAP_PKI/ca.pem")
")"
gd "$ipath" "$I.SelectNetwork" "$npath"
blob_file=$(ls -d /run/ihvd-blobs-*/0-ca_cert)
[[ $(stat -c %a "$blob_file") == 600 && $(stat -c %a "${blob_file%/*}") == 700 ]] ||
	fail "the blob's file is not private: $(ls -ld "$blob_file" "${blob_file%/*}")"
cmp "$blob_file" "$EAP_PKI/ca.pem" || fail "the blob's file differs from the CA"
_asked() { grep -q "NetworkRequest (objectpath '$npath', 'PASSWORD', 'Password needed for SSID ihvd-eap')" "$T/monitor.log"; }
wait_for 60 "the NetworkRequest signal for the password" _asked ||
	{ cat "$T/monitor.log"; fail "no NetworkRequest(PASSWORD) on the bus"; }
grep "NetworkRequest" "$T/monitor.log"
grep -q "dbus: NetworkRequest $npath PASSWORD" "$IHVD_LOG" || fail "ihvd's log lacks the NetworkRequest"
bus_err "$WS.InvalidArgs: NetworkReply identity: the network waits for PASSWORD" \
	gd "$ipath" "$I.NetworkReply" "$npath" identity alice
bus_err "$WS.NetworkUnknown" gd "$ipath" "$I.NetworkReply" "$ipath/Networks/77" password x
bus_err "$WS.InvalidArgs: NetworkReply password: empty value" gd "$ipath" "$I.NetworkReply" "$npath" password ''
gd "$ipath" "$I.NetworkReply" "$npath" password "$PW"
_completed() { busctl get-property "$WS" "$ipath" "$I" State | grep -qx 's "completed"'; }
wait_for 60 "State completed after NetworkReply" _completed || fail "not completed after NetworkReply"
wait_log 10 "$HOSTAPD_LOG" "CTRL-EVENT-EAP-SUCCESS"
grep -q "dbus: NetworkReply $npath password answered" "$IHVD_LOG" || fail "the reply is not in ihvd's log"
bus_err "$WS.InvalidArgs: NetworkReply password: no request of the network waits" \
	gd "$ipath" "$I.NetworkReply" "$npath" password "$PW"
note "NetworkRequest(PASSWORD) signalled, NetworkReply answered it, PEAP completed"

# --- 2. bad 802.1X input ------------------------------------------------------------
gd "$ipath" "$I.RemoveAllNetworks"
[[ ! -e $blob_file ]] || fail "the blob's file outlived its network"
bus_err "network property 'eap': eap: MD5 is not supported as the outer method" \
	gd "$ipath" "$I.AddNetwork" "{'eap': <'MD5'>}"
bus_err "network property 'identity': a NUL byte inside" \
	gd "$ipath" "$I.AddNetwork" "{'identity': <b'alice'>}"
bus_err "network property 'ca_cert': ca_cert: cannot read \"/nonexistent/ca.pem\"" \
	gd "$ipath" "$I.AddNetwork" "{'ca_cert': <$(nm_ay /nonexistent/ca.pem)>}"
bus_err "network property 'phase2': type 'd' is not taken" \
	gd "$ipath" "$I.AddNetwork" "{'phase2': <2.5>}"
bus_err "network property 'ieee80211w': ieee80211w: expected 0, 1 or 2" \
	gd "$ipath" "$I.AddNetwork" "{'ieee80211w': <7>}"
_pid_alive "$IHVD_PID" || fail "ihvd died under bad 802.1X input"
kill "$MON_PID" 2>/dev/null || true
gd "$WS_PATH" "$WS.RemoveInterface" "$ipath"
! grep -q "$PW" "$IHVD_LOG" || fail "the password appears in ihvd's log"
n_req=$(grep -c "dbus: NetworkRequest" "$IHVD_LOG")

# --- 3. NetworkManager: PEAP with the password from a secret agent -------------------
nm_start "$sta_if"
nmcli con add type wifi ifname "$sta_if" con-name peap ssid ihvd-eap \
	wifi-sec.key-mgmt wpa-eap 802-1x.eap ttls,peap 802-1x.phase2-auth mschapv2 \
	802-1x.identity alice 802-1x.anonymous-identity anonymous \
	802-1x.ca-cert "$EAP_PKI/ca.pem" 802-1x.domain-suffix-match example.com \
	802-1x.password-flags 2 connection.autoconnect no
grep -rq "$PW" "$T/nm/system-connections" && fail "NetworkManager stored the password"
# nmcli's agent is asked for the identity with the password (802.1X secrets come together)
printf '802-1x.identity:alice\n802-1x.password:%s\n' "$PW" >"$T/passwd"
chmod 600 "$T/passwd"
_nm_sees() { nmcli -t -f SSID,SECURITY dev wifi list --rescan yes | grep -q '^ihvd-eap:.*802\.1X'; }
wait_for 60 "nmcli to list ihvd-eap with 802.1X" _nm_sees ||
	{ nmcli -f all dev wifi list; fail "nmcli does not list ihvd-eap as 802.1X"; }
nmcli --wait 90 con up id peap passwd-file "$T/passwd" ||
	fail "nmcli con up peap failed (see $T/NetworkManager.log, $IHVD_LOG)"
wait_for 20 "NetworkManager connected with an address" nm_connected "$sta_if" || fail "no address"
grep -q "CTRL-EVENT-EAP-SUCCESS" "$IHVD_LOG" || fail "ihvd's 802.1X module did not succeed"
grep -q "802.1X succeeded: PMK from the MSK" "$IHVD_LOG" || fail "not through ihv-rsn.so's 802.1X path"
# NetworkManager's two methods reached ihvd as one list, and the server's choice ran
nm_ip=$(gd "$WS_PATH" "$WS.GetInterface" "$sta_if" | objpath)
nm_net=$(busctl get-property "$WS" "$nm_ip" "$I" CurrentNetwork | awk '{print $2}' | tr -d '"')
nm_props=$(busctl get-property "$WS" "$nm_net" "$WS.Network" Properties)
[[ $nm_props == *'"eap" s "TTLS PEAP"'* ]] ||
	fail "NetworkManager's network does not carry eap \"TTLS PEAP\": $nm_props"
grep -q "CTRL-EVENT-EAP-METHOD EAP vendor 0 method PEAP selected" "$IHVD_LOG" ||
	fail "PEAP, hostapd's proposal, did not run"
sta_ip=$(in_sta ip -4 -o addr show dev "$sta_if" | awk '{print $4}' | cut -d/ -f1)
_ping_all sta "$HWSIM_AP_IP" || fail "ping from the station to the AP lost packets"
_ping_all ap "$sta_ip" || fail "ping from the AP to the station lost packets"
! grep -q "$PW" "$IHVD_LOG" || fail "the password appears in ihvd's log"
# NetworkManager had the password before AddNetwork: no prompt went out on the bus.
(($(grep -c "dbus: NetworkRequest" "$IHVD_LOG") == n_req)) ||
	fail "a NetworkRequest went out although NetworkManager sent the password"
note "nmcli ttls,peap through ihvd (PEAP ran): password from the agent, $sta_ip pings the AP"

nmcli con down peap
nm_stop
ihvd_stop
nm_bus_stop
