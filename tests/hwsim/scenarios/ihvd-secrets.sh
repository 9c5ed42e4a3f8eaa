# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted conditions are eval'd by wait_for
# Secrets never leave ihvd: at -dd it connects, the AP renews the pairwise and
# the group key, the link is re-established; then everything ihvd wrote (its
# log, the control socket's replies and events, core files) is searched for the
# passphrase, the PSK/PMK, and every PTK's KCK, KEK and TK (derived here from
# the nonces hostapd logged), as text, hex and raw bytes: 0 hits.
# hwsim-timeout: 180
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/attack-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/attack-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
aa=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ulimit -c unlimited || true
ihvd_start "$T/net.conf" "$sta_if" -dd
ihvd_wait_state 20 COMPLETED
sta=$(ihvd_sta_mac)
out=$T/ctrl-replies.txt
# a monitor client records the events
printf '#!/bin/sh\necho "$@" >>%s/events.txt\n' "$T" >"$T/action.sh"
chmod +x "$T/action.sh"
wpa_cli -p "$IHVD_CTRL" -i "$IHVD_IF" -a "$T/action.sh" >"$T/monitor.txt" 2>&1 &
pid_register $!
{
	ihvd_cli status
	ihvd_cli raw STATUS-DROPS
	ihvd_cli list_networks
	ihvd_cli get_network 0 psk || true
	ihvd_cli raw "GET_NETWORK 0 psk" || true
} >>"$out" 2>&1
# Each step waits for one more install than before it, not for an exact count: under TCG
# hostapd may start a handshake of its own (a retransmitted association), which installs too.
n=$(ihvd_val ptk_installs)
hostapd_cli_ raw REKEY_PTK "$sta" | grep -qx OK
wait_for 10 "PTK rekey" eval '(( $(ihvd_val ptk_installs) > n ))'
n=$(ihvd_val gtk_installs)
hostapd_cli_ raw REKEY_GTK | grep -qx OK
wait_for 10 "GTK rekey" eval '(( $(ihvd_val gtk_installs) > n ))'
n=$(ihvd_val ptk_installs)
ihvd_cli reassociate | grep -qx OK
wait_for 30 "reconnected" eval '(( $(ihvd_val ptk_installs) > n )) && _ihvd_state_is COMPLETED'
ihvd_cli status >>"$out"
ihvd_cli raw SAVE_CONFIG >>"$out" 2>&1 || true
ihvd_stop

# the secrets: passphrase, PMK (= PSK), every PTK hostapd derived (KCK KEK TK)
pmk=$(wpa_passphrase "$ATTACK_SSID" "$ATTACK_PASS" | sed -n 's/^[[:space:]]*psk=//p')
secrets=("$pmk")
mapfile -t n1 < <(grep 'WPA: Nonce1 - hexdump' "$HOSTAPD_LOG" | sed 's/.*): //; s/ //g')
mapfile -t n2 < <(grep 'WPA: Nonce2 - hexdump' "$HOSTAPD_LOG" | sed 's/.*): //; s/ //g')
((${#n1[@]} >= 3)) || fail "hostapd logged ${#n1[@]} PTK derivations, want >= 3"
for ((i = 0; i < ${#n1[@]}; i++)); do
	read -r kck kek tk < <(craft --ptk "pmk:$pmk" "$ATTACK_SSID" "$aa" "$sta" "${n1[i]}" "${n2[i]}" --print-ptk)
	secrets+=("$kck" "$kek" "$tk")
done
files=("$IHVD_LOG" "$out" "$T/events.txt" "$T/monitor.txt" "$T"/ihvd.out "$T"/core* /tmp/core* "$IHVD_CONF.tmp"*)
python3 - "$ATTACK_PASS" "${secrets[@]}" -- "${files[@]}" <<'PY'
import binascii, os, sys
args = sys.argv[1:]
sep = args.index("--")
words, files = args[:sep], [f for f in args[sep + 1:] if os.path.isfile(f)]
needles = [words[0].encode()]
for h in words[1:]:
    b = binascii.unhexlify(h)
    # raw bytes, hex in either case, and hex with separators as in hexdumps
    needles += [b, h.lower().encode(), h.upper().encode(),
                " ".join(h[i:i + 2] for i in range(0, len(h), 2)).encode(),
                ":".join(h[i:i + 2] for i in range(0, len(h), 2)).encode()]
hits = 0
for f in files:
    data = open(f, "rb").read()
    for n in needles:
        if n in data:
            hits += 1
            print("secret found in %s (%d bytes)" % (f, len(n)))
print("searched %d files, %d needles: %d hits" % (len(files), len(needles), hits))
sys.exit(1 if hits else 0)
PY
note "secrets: passphrase, PMK and ${#n1[@]} PTKs (KCK/KEK/TK) absent from ihvd's -dd log, replies, events"
