# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The plugin's handlers where Windows calls them, on the real daemon over the
# air: a network block the plugin refuses in ValidateProfile stops ihvd at
# start with the plugin's reason; Dot11ExtIhvControl answers through
# `wpa_cli raw IHV_CONTROL <hex>`; a SendNotification made in
# PerformPostAssociate becomes CTRL-EVENT-IHV-NOTIFICATION.
# hwsim-timeout: 90
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk.conf
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
bin=$(ihvd_bin)
plugins=$(build_dir)/tests/plugins
cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2

# 1. ValidateProfile: a refused block stops the start, with the plugin's reason.
ihvd_conf "$T/net.conf"
rc=0
in_sta ip link set "$sta_if" up
in_sta timeout 10 "$bin" -i "$sta_if" -c "$IHVD_CONF" -p "$plugins/tp-refuse-profile.so" \
	>"$T/refuse.out" 2>&1 || rc=$?
cat "$T/refuse.out"
((rc == 6)) || fail "a block the plugin refuses: exit status $rc, want 6 (plugin refused, ihvd(8))"
grep -q 'network id=0 (ssid "ihvd-test"): the plugin refused the block (Dot11ExtIhvValidateProfile): reason 0x90001' \
	"$T/refuse.out" || fail "no ValidateProfile refusal with the plugin's reason"

# 2. Control: the reference plugin's "help", in hex both ways, through Debian's wpa_cli.
ihvd_start "$T/net.conf" "$sta_if"
ihvd_wait_state 30 COMPLETED
want=$(printf 'commands: stats reasons pmksa_flush help\n' | od -An -tx1 | tr -d ' \n')00
got=$(ihvd_cli raw IHV_CONTROL 68656c7000)
[[ $got == "$want" ]] || fail "IHV_CONTROL help: got '$got', want '$want'"
[[ $(ihvd_cli raw IHV_CONTROL 0g) == FAIL ]] || fail "IHV_CONTROL with bad hex did not FAIL"
ihvd_stop

# 3. SendNotification from PerformPostAssociate: an event on the control socket.
: >"$T/ihvd.log"
ihvd_start "$T/net.conf" "$sta_if" -p "$plugins/tp-notify.so"
wait_log 30 "$IHVD_LOG" "event CTRL-EVENT-IHV-NOTIFICATION 01020304 code=0x7 len=4"
ihvd_stop
