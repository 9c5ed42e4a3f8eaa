# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# nl80211 driver: on a WPA2 BSS, message 1 of the 4-way handshake arrives
# through a PF_PACKET socket (SOCK_DGRAM, ETH_P_PAE, bound to the
# station interface): an EAPOL-Key frame from the AP with Key Ack and
# Pairwise set, no MIC, a non-zero ANonce.  PF_PACKET cannot tell whether a
# frame was encrypted, so the driver reports it as encrypted (unencrypted=0).
# hwsim-timeout: 60

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta

tool=$(hwsim_tool nl80211-tool)
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/${HWSIM_IF[0]}/address")

in_sta ip link set "$sta_if" up
log_register "$T/tool.out"
in_sta "$tool" connect "$sta_if" ihvd-test --freq 2412 --rsn --eapol packet --eapol-count 1 \
	>"$T/tool.out" 2>&1 || { cat "$T/tool.out"; fail "tool failed"; }
cat "$T/tool.out"
grep -q 'CONNECT to "ihvd-test".*, EAPOL over PF_PACKET' "$T/tool.out" || fail "not the PF_PACKET path"
grep -q "^event connect-result .* status=0 .*bssid=$bssid" "$T/tool.out" || fail "no CONNECT_RESULT"
rx=$(grep -m1 '^event eapol-rx' "$T/tool.out") || fail "no EAPOL frame received"
[[ $rx == *" src=$bssid ethertype=0x888e "* ]] || fail "EAPOL frame not from the AP: $rx"
[[ $rx == *" unencrypted=0 "* ]] || fail "PF_PACKET frame claims to know its encryption: $rx"
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
note "eapol over PF_PACKET: message 1 from $bssid, ANonce ${anonce:0:16}..."
