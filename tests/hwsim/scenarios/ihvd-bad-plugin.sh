# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Start-up errors are clear and fatal, with the documented exit status (ihvd(8)):
# a missing plugin file, a file that is not a shared object, a shared object
# that is not an IHV plugin (6: plugin refused), and a bad configuration line
# (FILE:LINE) or no plugin named (3: configuration); with -B the error still
# reaches the terminal and the exit status.  A good start with -B -P returns 0 once
# ihvd is up, and SIGTERM removes the pid file.
# hwsim-timeout: 60
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 1
ifc=${HWSIM_IF[0]}
bin=$(ihvd_bin)
cat >"$T/net.conf" <<'EOF2'
network={
	ssid="ihvd-test"
	psk="correct horse battery"
}
EOF2
ihvd_conf "$T/net.conf"

# expect_fail NAME STATUS PATTERN ARGS...: ihvd exits with STATUS at once; stderr matches PATTERN.
expect_fail() {
	local name=$1 want=$2 pat=$3 rc=0
	shift 3
	timeout 10 "$bin" -i "$ifc" "$@" >"$T/$name.out" 2>&1 || rc=$?
	cat "$T/$name.out"
	((rc == want)) || fail "$name: exit status $rc, want $want"
	grep -Eq -- "$pat" "$T/$name.out" || fail "$name: no message matching /$pat/"
}

expect_fail missing 6 "^ihvd: plugin $T/nope\\.so: No such file or directory$" \
	-c "$IHVD_CONF" -p "$T/nope.so"
echo "this is not a plugin" >"$T/text.so"
expect_fail not-elf 6 "^ihvd: plugin $T/text\\.so: .*(dlopen|ELF|invalid|too short)" \
	-c "$IHVD_CONF" -p "$T/text.so"
libm=""
for f in /lib/x86_64-linux-gnu/libm.so.6 /usr/lib/x86_64-linux-gnu/libm.so.6; do
	[[ -e $f ]] && libm=$f && break
done
[[ -n $libm ]] || fail "no libm.so.6 to use as a shared object that is not a plugin"
expect_fail not-a-plugin 6 "^ihvd: plugin $libm: .*Dot11ExtIhv" -c "$IHVD_CONF" -p "$libm"
printf 'network={\n\tssid="x"\n\tpsk="short"\n}\n' >"$T/bad.conf"
chmod 600 "$T/bad.conf"
expect_fail bad-config 3 "^ihvd: $T/bad\\.conf:3: psk: passphrase must be 8\\.\\.63 characters$" \
	-c "$T/bad.conf" -p "$(build_dir)/ihv-rsn.so"
printf 'network={\n\tssid="x"\n\tkey_mgmt=NONE\n}\n' >"$T/bad2.conf"
expect_fail no-plugin 3 "^ihvd: no plugin: give -p PLUGIN or ihv_plugin= in $T/bad2\\.conf$" -c "$T/bad2.conf"
expect_fail background 6 "^ihvd: plugin $T/text\\.so: " -B -c "$IHVD_CONF" -p "$T/text.so"

rc=0
timeout 20 "$bin" -B -P "$T/ihvd.pid" -f "$T/bg.log" -i "$ifc" -c "$IHVD_CONF" || rc=$?
log_register "$T/bg.log"
((rc == 0)) || fail "ihvd -B exited with $rc"
[[ -s $T/ihvd.pid ]] || fail "no pid file"
pid=$(<"$T/ihvd.pid")
pid_register "$pid"
_pid_alive "$pid" || fail "the daemon (pid $pid) is not running"
wpa_cli -p "$IHVD_CTRL" -i "$ifc" ping | grep -qx PONG || fail "the daemon does not answer PING"
kill -TERM "$pid"
wait_for 5 "ihvd -B to exit" eval "! _pid_alive $pid"
[[ ! -e $T/ihvd.pid ]] || fail "the pid file was left behind"
grep -q 'stopped' "$T/bg.log" || fail "no clean stop in the log"
note "bad-plugin: missing file, non-ELF, non-plugin .so, bad config line, -B: exit 1 with a clear message; -B -P start/stop clean"
