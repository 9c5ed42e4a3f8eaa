# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# nl80211 driver: on a WPA2 BSS, message 1 of the 4-way handshake arrives
# through the control port over nl80211 (NL80211_CMD_CONTROL_PORT_FRAME on
# the connection socket): an EAPOL-Key frame from the AP with Key Ack and
# Pairwise set, no MIC, a non-zero ANonce, flagged as received unencrypted.
# hwsim-timeout: 60

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta

tool=$(hwsim_tool nl80211-tool)
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/${HWSIM_IF[0]}/address")

in_sta ip link set "$sta_if" up
log_register "$T/tool.out"
in_sta "$tool" connect "$sta_if" ihvd-test --freq 2412 --rsn --eapol nl80211 --eapol-count 1 \
	>"$T/tool.out" 2>&1 || { cat "$T/tool.out"; fail "tool failed"; }
cat "$T/tool.out"
grep -q 'CONNECT to "ihvd-test".*, EAPOL over nl80211' "$T/tool.out" || fail "not the nl80211 path"
grep -q "^event connect-result .* status=0 .*bssid=$bssid" "$T/tool.out" || fail "no CONNECT_RESULT"
rx=$(grep -m1 '^event eapol-rx' "$T/tool.out") || fail "no EAPOL frame received"
[[ $rx == *" src=$bssid ethertype=0x888e "* ]] || fail "EAPOL frame not from the AP: $rx"
[[ $rx == *" unencrypted=1 "* ]] || fail "message 1 not flagged unencrypted: $rx"
key=$(grep -m1 '^eapol version=' "$T/tool.out")
[[ $key == *" type=3 "* ]] || fail "not an EAPOL-Key frame: $key"
[[ $key == *" descriptor=2 "* ]] || fail "not an RSN key descriptor: $key"
[[ $key == *" key_info=0x008a "* ]] || fail "not message 1 (HMAC-SHA1/AES, pairwise, ack): $key"
[[ $key == *" key_len=16 "* ]] || fail "key length is not 16 (CCMP): $key"
anonce=$(sed -n 's/.* nonce=\([0-9a-f]*\) .*/\1/p' <<<"$key")
[[ ${#anonce} == 64 && $anonce != +(0) ]] || fail "ANonce missing or zero: $anonce"
[[ $key == *" mic=00000000000000000000000000000000 "* ]] || fail "message 1 carries a MIC: $key"
grep -q 'sending 1/4 msg of 4-Way Handshake' "$HOSTAPD_LOG" || fail "hostapd did not send message 1"
grep -q '^disconnect err=0' "$T/tool.out" || fail "DISCONNECT failed"
note "eapol over nl80211: message 1 from $bssid, ANonce ${anonce:0:16}..."
