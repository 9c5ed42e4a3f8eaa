# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# nl80211 driver: keys take effect.  nl80211-tool runs a minimal 4-way
# handshake (PSK, CCMP) over the driver: message 2 and 4 go out with
# eapol_tx, then NEW_KEY installs the PTK and the GTK (with SET_KEY making it
# the default), and SET_STATION authorizes the port.  Proof that the keys are
# the right ones and in force: hostapd completes the handshake (so message 4
# left in the clear, before the PTK was installed), unicast ping works both
# ways (PTK), the AP's broadcast ARP requests reach the station (GTK), and
# after DEL_KEY of the PTK the station can no longer exchange data.
# Done once per EAPOL transport: control port over nl80211, then PF_PACKET.
# hwsim-timeout: 120

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta

tool=$(hwsim_tool nl80211-tool)
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
in_sta ip link set "$sta_if" up

round() { # TRANSPORT
	local path=$1 log=$T/tool-$1.log pid rc=0 n
	n=$(grep -c 'EAPOL-4WAY-HS-COMPLETED' "$HOSTAPD_LOG" || true)
	daemon_start "tool-$path" ip netns exec sta "$tool" connect "$sta_if" ihvd-test \
		--freq 2412 --psk "correct horse battery" --eapol "$path" --hold --timeout 30
	pid=$DAEMON_PID
	_wait_alive "$pid" nl80211-tool 40 "tool ready ($path)" grep -q '^ready' "$log"
	grep -q '^handshake complete' "$log" || fail "$path: handshake not completed by the tool"
	wait_for 5 "hostapd EAPOL-4WAY-HS-COMPLETED ($path)" \
		eval "(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED' '$HOSTAPD_LOG') > $n ))"
	grep -q '^key_new pairwise err=0' "$log" || fail "$path: PTK not installed"
	grep -q '^key_new group idx=[123] err=0' "$log" || fail "$path: GTK not installed"
	grep -q '^station_authorize err=0' "$log" || fail "$path: port not authorized"
	if [[ $path == nl80211 ]]; then
		# Control port TX gives cookies and TX status for both handshake messages.
		# message 4's status is read in the tool's hold loop, after "ready"
		wait_for 5 "acked TX status for messages 2 and 4 ($path)" \
			eval "(( \$(grep -c '^event eapol-tx-status .* acked=1' '$log') >= 2 ))" ||
			fail "$path: no acked TX status for messages 2 and 4"
	fi

	# Broadcast ARP from the AP (GTK) and unicast both ways (PTK).
	ip neigh flush dev "$ap_if" || true
	in_sta ip neigh flush dev "$sta_if" || true
	ip_setup "$ap_if" "$sta_if"
	ping_check

	# Remove the PTK: no more data (the AP drops unprotected frames from us).
	kill -USR1 "$pid"
	wait_log 5 "$log" '^key_del pairwise err=0'
	if _ping_all sta "$HWSIM_AP_IP" >"$T/ping-after-del.out"; then
		fail "$path: data still flows after DEL_KEY of the PTK"
	fi

	kill -TERM "$pid"
	wait "$pid" || rc=$?
	cat "$log"
	((rc == 0)) || fail "$path: tool exited with $rc"
	! grep -q '^drv error' "$log" || fail "$path: driver errors logged"
	wait_log 5 "$HOSTAPD_LOG" "AP-STA-DISCONNECTED"
	in_sta ip addr flush dev "$sta_if"
	ip addr flush dev "$ap_if"
	note "keys over $path: handshake done, PTK+GTK carry traffic, DEL_KEY stops it"
}

round nl80211
round packet
