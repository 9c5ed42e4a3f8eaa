# shellcheck shell=bash
# Issue 11: a plugin that opens a netlink socket (tp-wrap around ihv-rsn.so,
# socket(AF_NETLINK) in InitService) is stopped by the seccomp filter; ihvd
# refuses it at start-up with a message naming the system call, and exits 1.
# hwsim-timeout: 60
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_conf "$T/net.conf"
in_sta ip link set "$sta_if" up
rc=0
in_sta env IHVD_WRAP_PLUGIN="$(build_dir)/ihv-rsn.so" IHVD_WRAP_FAULT=netlink:InitService:1 \
	timeout 30 "$(ihvd_bin)" -i "$sta_if" -c "$IHVD_CONF" \
	-p "$(build_dir)/tests/plugins/tp-wrap.so" >"$T/out.log" 2>&1 || rc=$?
cat "$T/out.log"
((rc == 1)) || fail "ihvd exited with $rc, not 1"
grep -q "forbidden system call [0-9]* (socket) refused by the seccomp policy" "$T/out.log" ||
	fail "the refusal does not name the system call"
grep -q "crashed in Dot11ExtIhvInitService" "$T/out.log" || fail "the refusal does not name the handler"
note "isolated-seccomp: socket(AF_NETLINK) trapped, ihvd refused the plugin and named the call"
