# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The other methods and the server checks against hostapd's integrated EAP server
# (WPA-EAP): EAP-TLS with a client certificate, TTLS/PAP and TTLS/MSCHAPv2 connect and
# pass traffic; a server certificate from another CA, and a server whose name does not
# match domain_suffix_match, are refused with a message that says why. PEAP with
# phase1="crypto_binding=2" connects and resumes (hostapd binds both). PEAP with the password
# given as its NtPasswordHash (password=hash:..., unquoted) connects; the same text quoted is a
# password of its own, and fails. eap= as a list: hostapd proposes PEAP, then TTLS, to the outer
# identity "anonymous"; eap="TTLS PEAP" takes its PEAP, and eap="TLS TTLS" (with a client
# certificate, else TLS is left out) Naks naming both and connects with TTLS (RFC 3748 5.3.1);
# eap="PEAP TTLS" with phase2="auth=PAP" leaves PEAP out (its phase 2 is MS-CHAPv2), says so,
# Naks naming TTLS and connects with TTLS/PAP.
# hwsim-timeout: 240
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/eap-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/eap-lib.sh"

hwsim_radios 2
eap_pki
eap_hostapd_start WPA-EAP tls_session_lifetime=3600
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
ip_setup "$ap_if" "$sta_if"
ca="ca_cert=\"$EAP_PKI/ca.pem\""

# connects NAME TEXT BODY...: ihvd connects with BODY, EAP success says TEXT, ping works.
connects() {
	local name=$1 text=$2
	shift 2
	eap_run "$name" key_mgmt=WPA-EAP "$@"
	eap_completed 30
	ihvd_check_connected "$bssid" "WPA2/IEEE 802.1X/EAP"
	grep -q "CTRL-EVENT-EAP-SUCCESS EAP authentication completed successfully ($text)" "$IHVD_LOG" ||
		fail "$name: no EAP success naming '$text'"
	ping_check
	eap_stop "$name"
	note "$name: connected ($text), ping both ways"
}

# refused NAME WHY BODY...: EAP fails with WHY in the failure line; never connects.
refused() {
	local name=$1 why=$2
	shift 2
	eap_run "$name" key_mgmt=WPA-EAP "$@"
	wait_log 40 "$IHVD_LOG" "CTRL-EVENT-EAP-FAILURE EAP authentication failed: $why"
	! _ihvd_state_is COMPLETED || fail "$name: connected although the server is wrong"
	eap_stop "$name"
	note "$name: refused: $(grep -o 'CTRL-EVENT-EAP-FAILURE .*' "$T/ihvd-$name.log" | head -n 1)"
}

connects tls "TLS: success" eap=TLS 'identity="client@example.com"' "$ca" \
	"client_cert=\"$EAP_PKI/client.pem\"" "private_key=\"$EAP_PKI/client.key\"" \
	'domain_match="server.example.com"'
connects ttls-pap "TTLS/PAP: success" eap=TTLS 'identity="bob"' 'anonymous_identity="anonymous"' \
	'password="bob-secret-9"' "$ca" 'phase2="auth=PAP"'
connects ttls-mschapv2 "TTLS/MSCHAPv2: success" eap=TTLS 'identity="bob"' \
	'anonymous_identity="anonymous"' 'password="bob-secret-9"' "$ca" 'phase2="auth=MSCHAPV2"'
connects list-takes-peap "PEAP/MSCHAPv2: success" 'eap=TTLS PEAP' 'identity="alice"' \
	'anonymous_identity="anonymous"' 'password="alice-secret-7"' "$ca"
connects list-nak-ttls "TTLS/PAP: success" 'eap=TLS TTLS' 'identity="bob"' \
	'anonymous_identity="anonymous"' 'password="bob-secret-9"' "$ca" 'phase2="auth=PAP"' \
	"client_cert=\"$EAP_PKI/client.pem\"" "private_key=\"$EAP_PKI/client.key\""
grep -q "CTRL-EVENT-EAP-METHOD EAP vendor 0 method TTLS selected" "$T/ihvd-list-nak-ttls.log" ||
	fail "list-nak-ttls: TTLS was not the method selected"
connects list-skips-peap "TTLS/PAP: success" 'eap=PEAP TTLS' 'identity="bob"' \
	'anonymous_identity="anonymous"' 'password="bob-secret-9"' "$ca" 'phase2="auth=PAP"'
grep -q "left out of eap=PEAP TTLS, as this network's settings cannot run it: PEAP: phase2 auth" \
	"$T/ihvd-list-skips-peap.log" || fail "list-skips-peap: no line saying PEAP was left out"
refused wrong-ca "PEAP: server certificate not trusted" eap=PEAP 'identity="alice"' \
	'anonymous_identity="anonymous"' 'password="alice-secret-7"' "ca_cert=\"$EAP_PKI/rogue.pem\""
refused wrong-domain "PEAP: server name mismatch: wanted .*other.example.org" eap=PEAP \
	'identity="alice"' 'anonymous_identity="anonymous"' 'password="alice-secret-7"' "$ca" \
	'domain_suffix_match="other.example.org"'
# hostapd binds PEAPv0 ([MS-PEAP] cryptobinding, its OPTIONAL_BINDING default): required, it is
# there, also on a resumed session (hostapd binds it too, with no inner key)
eap_run peap-binding-required key_mgmt=WPA-EAP eap=PEAP 'identity="alice"' \
	'anonymous_identity="anonymous"' 'password="alice-secret-7"' "$ca" 'phase1="crypto_binding=2"'
eap_completed 30
ihvd_check_connected "$bssid" "WPA2/IEEE 802.1X/EAP"
grep -q "CTRL-EVENT-EAP-SUCCESS EAP authentication completed successfully (PEAP/MSCHAPv2: success)" \
	"$IHVD_LOG" || fail "crypto_binding=2: no EAP success"
eap_flush_reconnect
eap_completed 30
(($(eap_resumptions) > 0)) ||
	fail "crypto_binding=2: the reconnect did not resume the TLS session"
ping_check
eap_stop peap-binding-required
note "peap-binding-required: connected with crypto_binding=2, then resumed, ping both ways"
# NtPasswordHash (MD4 over UTF-16LE, RFC 2759 8.3) of alice-secret-7
nthash=590e96a642262fb64de73d943132de91
connects peap-hash "PEAP/MSCHAPv2: success" eap=PEAP 'identity="alice"' \
	'anonymous_identity="anonymous"' "password=hash:$nthash" "$ca"
refused peap-quoted-hash "PEAP/MSCHAPv2: authentication failed \\(E=691\\)" eap=PEAP \
	'identity="alice"' 'anonymous_identity="anonymous"' "password=\"hash:$nthash\"" "$ca"
