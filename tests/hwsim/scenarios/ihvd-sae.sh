# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# WPA3-Personal against hostapd 2.10: SAE hunting-and-pecking, group 19, PMF
# required (key_mgmt=SAE with sae_password). The exchange runs in ihvd's SME
# (NL80211_CMD_AUTHENTICATE) through the plugin's authentication exchange,
# then the 4-way handshake with AKM 8. A reconnect within the PMK lifetime uses
# the cached PMKSA: Open System authentication and the PMKID, no SAE frame at
# the AP. Then the group key is renewed every 3 s while traffic flows. Last,
# the AP forgets the PMKSA: the cached reconnect is refused and SAE runs again.
# The plugin runs isolated (the default, ihvd-plugin-host): every frame of the
# exchange crosses the plugin-host protocol. ihvd runs at -dd; at the end its
# log and whatever the plugin host wrote (its stdout and stderr, wherever they
# point) are searched for the SAE password as text, hex and UTF-16: 0 hits.
# (ihvd-sae-transition keeps an SAE connection with plugin_isolation=inline.) Last, a
# network built with wpa_cli add_network/set_network and saved with save_config
# connects again from the saved file after a restart.
# hwsim-timeout: 180
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start sae.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	key_mgmt=SAE
	sae_password="correct horse battery"
	ieee80211w=2
}
EOF2
ihvd_start "$T/net.conf" "$sta_if" -dd
ihvd_wait_state 30 COMPLETED
ihvd_check_connected "$bssid" SAE
grep -q "isolated in ihvd-plugin-host" "$IHVD_LOG" || fail "the plugin is not isolated"
host_pid=$(ihvd_host_pid)
[[ -n $host_pid ]] || fail "no ihvd-plugin-host process"
! grep -q "no SAE with an isolated plugin" "$IHVD_LOG" || fail "ihvd still turns SAE off when isolated"
# where the plugin host writes (it inherits ihvd's descriptors; checked, not assumed)
host_out=()
for fd in 1 2; do
	f=$(readlink "/proc/$host_pid/fd/$fd") || fail "cannot read the plugin host's fd $fd"
	[[ -f $f ]] && host_out+=("$f")
done
sta_mac=$(ihvd_sta_mac)
# hostapd -dd: "authentication: STA=... auth_alg=3 auth_transaction=1 status_code=0"
sae_frames() { grep -c "authentication: STA=$sta_mac auth_alg=3" "$HOSTAPD_LOG" || true; }
open_frames() { grep -c "authentication: STA=$sta_mac auth_alg=0" "$HOSTAPD_LOG" || true; }
n_sae=$(sae_frames)
((n_sae >= 2)) || fail "hostapd saw $n_sae SAE Authentication frames (want Commit and Confirm)"
grep -q "SAE: Commit with group 19 (hunting-and-pecking)" "$IHVD_LOG" || fail "no H&P group 19 Commit"
grep -q "AUTHENTICATE\|authenticating with $bssid (SAE)" "$IHVD_LOG" || fail "the SME path is not in the log"
in_sta iw dev "$sta_if" link | grep -q "Connected to $bssid" || fail "iw: not connected"
ip_setup "$ap_if" "$sta_if"
ping_check

# PMKSA caching (IEEE 802.11-2020 12.6.10.3): reconnect, no SAE.
ihvd_cli disconnect | grep -qx OK
ihvd_wait_state 10 DISCONNECTED
n_hs=$(grep -c "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG")
ihvd_cli reconnect | grep -qx OK
ihvd_wait_state 30 COMPLETED
wait_for 5 "a second 4-way handshake" eval \
	"(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED $sta_mac' '$HOSTAPD_LOG') > $n_hs ))"
n_sae2=$(sae_frames)
((n_sae2 == n_sae)) || fail "the reconnect ran SAE again ($n_sae -> $n_sae2 SAE frames at the AP)"
(($(open_frames) >= 1)) || fail "no Open System authentication for the PMKSA-cached reconnect"
grep -q "a cached PMKSA for this AP" "$IHVD_LOG" || fail "ihvd did not offer the cached PMKSA"
grep -q "PMKID" "$HOSTAPD_LOG" || fail "hostapd's log does not mention the PMKID"
ihvd_check_connected "$bssid" SAE

# GTK rekeys (every 3 s) with traffic over the SAE link.
before=$(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true)
end=$(($(now_ms) + 10000))
bursts=0
while (($(now_ms) < end)); do
	ip neigh flush dev "$ap_if"
	out=$(busybox ping -c 5 -i 0.2 -w 4 "$HWSIM_STA_IP" 2>&1) || true
	tx=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' <<<"$out")
	rx=$(sed -n 's/.* \([0-9]*\) packets received.*/\1/p' <<<"$out")
	[[ -n $tx && $tx -ge 5 && $rx == "$tx" ]] || { echo "$out"; fail "packets lost during GTK rekeys (burst $bursts)"; }
	bursts=$((bursts + 1))
done
rekeys=$(($(grep -c "group key handshake completed" "$HOSTAPD_LOG" || true) - before))
((rekeys >= 2)) || fail "only $rekeys group key handshakes in 10 s"
_ihvd_state_is COMPLETED || fail "ihvd left COMPLETED during the rekeys"

# The AP forgets the PMKSA: the cached reconnect is refused (status 53,
# INVALID_PMKID); ihvd drops the entry and the next attempt runs SAE.
hostapd_cli_ pmksa_flush | grep -qx OK || fail "hostapd PMKSA_FLUSH failed"
ihvd_cli disconnect | grep -qx OK
ihvd_wait_state 10 DISCONNECTED
ihvd_cli reconnect | grep -qx OK
ihvd_wait_state 40 COMPLETED
grep -q "association with the cached PMKSA refused (status 53)" "$IHVD_LOG" ||
	fail "ihvd did not see the AP refuse the PMKID"
n_sae3=$(sae_frames)
((n_sae3 >= n_sae2 + 2)) || fail "no full SAE after the refused PMKSA ($n_sae2 -> $n_sae3)"
ihvd_check_connected "$bssid" SAE
ping_check
[[ $(ihvd_host_pid) == "$host_pid" ]] || fail "the plugin host was restarted during the scenario"
ihvd_stop

# The SAE password never left the plugin's process in the clear: not in ihvd's -dd
# log, not in anything the plugin host wrote.
python3 - "correct horse battery" -- "$IHVD_LOG" "${host_out[@]}" <<'PY'
import binascii, os, sys
args = sys.argv[1:]
sep = args.index("--")
pw = args[0].encode()
files = sorted({f for f in args[sep + 1:] if os.path.isfile(f)})
needles = [pw, binascii.hexlify(pw), binascii.hexlify(pw).upper(), pw.decode().encode("utf-16-le")]
hits = 0
for f in files:
    data = open(f, "rb").read()
    for n in needles:
        if n in data:
            hits += 1
            print("the SAE password found in %s" % f)
print("searched %s: %d hits" % (" ".join(files), hits))
sys.exit(1 if hits or not files else 0)
PY
note "sae (isolated): H&P g19 with $n_sae SAE frames; PMKSA reconnect with 0 more; $rekeys GTK rekeys, $bursts bursts, no loss; PMKSA refused -> SAE again ($((n_sae3 - n_sae2)) frames); no password in the -dd log or the plugin host's output"

# wpa_cli's habit: a network built with add_network/set_network and saved with save_config
# loads back whole, sae_password included, and the next start connects with SAE from it.
printf 'update_config=1\n' >"$T/empty.conf"
ihvd_start "$T/empty.conf" "$sta_if"
id=$(ihvd_cli add_network | tail -n 1)
[[ $id =~ ^[0-9]+$ ]] || fail "add_network answered '$id'"
for kv in 'ssid "ihvd-test"' 'key_mgmt SAE' 'sae_password "correct horse battery"' \
	'ieee80211w 2'; do
	ihvd_cli set_network "$id" "${kv%% *}" "${kv#* }" | grep -qx OK ||
		fail "set_network $id ${kv%% *} was refused"
done
ihvd_cli enable_network "$id" | grep -qx OK || fail "enable_network"
ihvd_wait_state 40 COMPLETED
ihvd_cli save_config | grep -qx OK || fail "SAVE_CONFIG"
grep -qx $'\tsae_password="correct horse battery"' "$IHVD_CONF" ||
	fail "SAVE_CONFIG left out sae_password"
! grep -q 'correct horse' "$IHVD_LOG" || fail "the SAE password set with wpa_cli is in ihvd's log"
ihvd_stop
tail -n +3 "$IHVD_CONF" >"$T/saved.conf" # its ctrl_interface and ihv_plugin come again
ihvd_start "$T/saved.conf" "$sta_if"
ihvd_wait_state 40 COMPLETED
ihvd_check_connected "$bssid" SAE
ihvd_stop
note "wpa_cli add_network/set_network/save_config: the saved SAE network connects after a restart"
