# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# tests/hwsim/eap-lib.sh: certificates and hostapd's integrated EAP server for the
# ihvd-eap-* scenarios (sourced after ihvd-lib.sh).  Everything lives in $T/pki,
# made once per scenario with the openssl CLI (RSA-2048, as in wave2.md §3.6).

EAP_PKI=""

# _eap_cert NAME CN EXT_LINES CA: key + certificate signed by CA (ca or rogue).
_eap_cert() {
	local name=$1 cn=$2 ext=$3 ca=$4
	printf '%b\n' "$ext" >"$EAP_PKI/$name.ext"
	openssl req -newkey rsa:2048 -nodes -keyout "$EAP_PKI/$name.key" -out "$EAP_PKI/$name.csr" \
		-subj "/CN=$cn" 2>/dev/null
	openssl x509 -req -in "$EAP_PKI/$name.csr" -CA "$EAP_PKI/$ca.pem" -CAkey "$EAP_PKI/$ca.key" \
		-CAcreateserial -days 30 -extfile "$EAP_PKI/$name.ext" -out "$EAP_PKI/$name.pem" 2>/dev/null
	chmod 600 "$EAP_PKI/$name.key"
}

# eap_pki: $T/pki/{ca,rogue}.pem, server.{pem,key} (DNS:server.example.com, by ca),
# client.{pem,key} (client@example.com, by ca), eap_user.
eap_pki() {
	local ca
	EAP_PKI=$T/pki
	mkdir -p "$EAP_PKI"
	for ca in ca rogue; do
		openssl req -x509 -newkey rsa:2048 -nodes -keyout "$EAP_PKI/$ca.key" \
			-out "$EAP_PKI/$ca.pem" -days 30 -subj "/CN=hwsim $ca CA" \
			-addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
	done
	_eap_cert server server.example.com \
		"basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.example.com" ca
	_eap_cert client client@example.com \
		"basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\nsubjectAltName=email:client@example.com" ca
	cat >"$EAP_PKI/eap_user" <<'EOF2'
"client@example.com"	TLS
"anonymous"	PEAP,TTLS
"alice"	MSCHAPV2	"alice-secret-7"	[2]
"bob"	TTLS-PAP,TTLS-MSCHAPV2	"bob-secret-9"	[2]
EOF2
	note "pki: CA, rogue CA, server and client certificates made in $EAP_PKI"
}

# eap_hostapd_start AKM [EXTRA_LINE...]: hostapd with its EAP server, SSID ihvd-eap.
eap_hostapd_start() {
	local akm=$1 conf=$T/hostapd-eap.conf
	shift
	{
		cat <<EOF2
interface=@IFACE@
driver=nl80211
ctrl_interface=@CTRL_DIR@
ctrl_interface_group=0
ssid=ihvd-eap
hw_mode=g
channel=1
auth_algs=1
wmm_enabled=1
ieee8021x=1
eapol_version=2
eap_server=1
eap_user_file=$EAP_PKI/eap_user
ca_cert=$EAP_PKI/ca.pem
server_cert=$EAP_PKI/server.pem
private_key=$EAP_PKI/server.key
wpa=2
wpa_key_mgmt=$akm
rsn_pairwise=CCMP
EOF2
		printf '%s\n' "$@"
	} >"$conf"
	hostapd_start "$conf"
}

# eap_completed TIMEOUT_S: COMPLETED, and still (or again) COMPLETED 2 s later.  Under TCG
# mac80211 may retransmit the Association Request; hostapd then forces an 802.1X
# reauthentication of the "reassociated" station, which may drop it once (its own
# behaviour, the same for wpa_supplicant); the station reconnects on its own.
eap_completed() {
	ihvd_wait_state "$1" COMPLETED
	sleep 2
	ihvd_wait_state "$1" COMPLETED
}

# eap_flush_reconnect: ihvd forgets its PMKSA (ihv-rsn's IHV_CONTROL pmksa_flush), disconnects
# and reconnects, so the next connection runs EAP again.
eap_flush_reconnect() {
	ihvd_cli raw IHV_CONTROL "$(printf 'pmksa_flush' | od -An -tx1 | tr -d ' \n')00" >/dev/null
	ihvd_cli disconnect >/dev/null
	ihvd_wait_state 10 DISCONNECTED
	ihvd_cli reconnect >/dev/null
}

# eap_resumptions: how many TLS session resumptions ihvd has logged so far.
eap_resumptions() {
	grep -c '802.1X: .*(TLS session resumed)' "$IHVD_LOG" || true
}

# eap_eap_starts: how many EAP conversations hostapd has begun so far.
eap_eap_starts() {
	grep -c 'CTRL-EVENT-EAP-STARTED' "$HOSTAPD_LOG" || true
}

# eap_log_mark: hostapd's log length in lines, for eap_connected_since and eap_cached_since.
eap_log_mark() {
	wc -l <"$HOSTAPD_LOG"
}

# eap_connected_since MARK STA: hostapd has logged AP-STA-CONNECTED for STA after line MARK.
eap_connected_since() {
	tail -n +"$(($1 + 1))" "$HOSTAPD_LOG" | grep -q "AP-STA-CONNECTED $2"
}

# eap_cached_since MARK STA: the first AP-STA-CONNECTED of STA after line MARK came with no
# EAP conversation of STA before it: the PMKSA cache opened the port. A re-authentication
# hostapd starts on its own afterwards (a retransmitted Association Request under TCG)
# does not count against it.
eap_cached_since() {
	tail -n +"$(($1 + 1))" "$HOSTAPD_LOG" | awk -v sta="$2" '
		index($0, "CTRL-EVENT-EAP-STARTED " sta) { eap = 1 }
		index($0, "AP-STA-CONNECTED " sta) { seen = 1; exit }
		END { exit !(seen && !eap) }'
}

# eap_run NAME BODY...: ihvd with one network block (ssid ihvd-eap + BODY lines) as
# $T/NAME.conf; returns once ihvd's control socket answers.
eap_run() {
	local name=$1 l
	shift
	{
		echo "network={"
		echo '	ssid="ihvd-eap"'
		for l in "$@"; do printf '\t%s\n' "$l"; done
		echo "}"
	} >"$T/$name.conf"
	ihvd_start "$T/$name.conf" "${HWSIM_IF[1]}"
}

# eap_stop NAME: stop ihvd (exit 0 after SIGTERM) and keep its log as $T/ihvd-NAME.log.
eap_stop() {
	ihvd_stop
	cp "$IHVD_LOG" "$T/ihvd-$1.log"
	log_register "$T/ihvd-$1.log"
}
