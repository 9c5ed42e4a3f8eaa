# shellcheck shell=bash
# Issue 11, the default mode: ihv-rsn.so runs in ihvd-plugin-host, a child of
# ihvd as nobody with no capabilities, no new privileges and a seccomp
# filter; ihvd connects through it, data flows, a PTK rekey (a second 4-way
# handshake, all of it through the process boundary) keeps the link, and
# STATUS counts no crash.
# hwsim-timeout: 120
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
t0=$(now_ms)
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 30 COMPLETED
note "isolated: ihvd start -> wpa_state=COMPLETED: $(($(now_ms) - t0)) ms"
ihvd_check_connected "$bssid" WPA2-PSK
grep -q "plugin ihv-rsn loaded from .*isolated in ihvd-plugin-host" "$IHVD_LOG" ||
	fail "ihvd did not load the plugin isolated (the default)"
hp=$(ihvd_host_pid)
[[ -n $hp ]] || fail "no ihvd-plugin-host child of ihvd"
st=$(<"/proc/$hp/status")
grep -Eq "^Uid:[[:space:]]+$(id -u nobody)[[:space:]]+$(id -u nobody)[[:space:]]" <<<"$st" ||
	fail "the plugin host does not run as nobody"
grep -Eq '^CapEff:[[:space:]]+0+$' <<<"$st" || fail "the plugin host has capabilities"
grep -Eq '^CapPrm:[[:space:]]+0+$' <<<"$st" || fail "the plugin host may regain capabilities"
grep -Eq '^NoNewPrivs:[[:space:]]+1$' <<<"$st" || fail "the plugin host may gain privileges"
grep -Eq '^Seccomp:[[:space:]]+2$' <<<"$st" || fail "the plugin host has no seccomp filter"
! ls -l "/proc/$hp/fd" 2>/dev/null | grep -q netlink || fail "the plugin host holds a netlink socket"
ihvd_cli status | grep -qx 'ihv_plugin_crashes=0' || fail "STATUS: no ihv_plugin_crashes=0"
note "plugin host pid $hp: nobody, CapEff 0, NoNewPrivs, seccomp filter"

ip_setup "$ap_if" "$sta_if"
ping_check
sta_mac=$(ihvd_sta_mac)
n0=$(grep -c "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG")
hostapd_cli_ raw REKEY_PTK "$sta_mac" | grep -qx OK || fail "hostapd refused REKEY_PTK"
wait_for 15 "a second 4-way handshake" eval \
	"(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED $sta_mac' '$HOSTAPD_LOG') > $n0 ))"
ping_check
_ihvd_state_is COMPLETED || fail "ihvd left COMPLETED across the PTK rekey"
[[ $(ihvd_host_pid) == "$hp" ]] || fail "the plugin host changed across the rekey"
ihvd_stop
! _pid_alive "$hp" || fail "the plugin host outlived ihvd"
note "isolated-connect: connected, ping, PTK rekey, clean shutdown of both processes"
