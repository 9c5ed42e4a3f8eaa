# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# tests/hwsim/nm-lib.sh: NetworkManager in the hwsim VM (sourced after lib.sh,
# usually after ihvd-lib.sh).  Shared by the ihvd-nm* scenarios and the bench;
# the function names and variables below are kept stable.
#
#   nm_bus_start          a private system bus on /run/dbus/system_bus_socket:
#                         the stock system policy (/usr/share/dbus-1/system.d)
#                         plus ihvd's own data/dbus/ihvd.conf; no activation
#                         directories, so nothing (no real wpa_supplicant) is
#                         started behind the scenario's back.  Sets NM_BUS_PID.
#   nm_ihvd_start IF      ihvd -d -u -p ihv-rsn.so in netns $NM_NETNS with IF up;
#                         waits until it owns fi.w1.wpa_supplicant1.  Sets
#                         IHVD_PID, IHVD_LOG ($T/ihvd.log); ihvd_stop stops it.
#   nm_dhcpd_start IF     busybox udhcpd on the AP's IF (192.168.77.2-20), for
#                         NetworkManager's ipv4.method auto.  Needs $HWSIM_AP_IP
#                         on IF (the caller sets it).
#   nm_start IF           NetworkManager (--no-daemon, keyfile, no polkit,
#                         internal DHCP) in netns $NM_NETNS, with /sys read-only
#                         in its own mount namespace (so it needs no udev); waits
#                         until it manages IF as a wifi device.  The supplicant
#                         (ihvd -u, or wpa_supplicant -u) must already own
#                         fi.w1.wpa_supplicant1 on the bus.  Sets NM_PID.
#   nm_stop               stops NetworkManager; safe to call twice.
#   nm_bus_stop           stops the bus nm_bus_start started (after the
#                         supplicant is gone); safe to call twice.
#   nm_state IF           prints NetworkManager's GENERAL.STATE of IF ("100 (connected)").
#   nm_connected IF       true when IF is connected with a 192.168.77.x address.
#   gd PATH METHOD ARGS.. gdbus call against fi.w1.wpa_supplicant1 (prints the
#                         D-Bus error's name on failure).
#   bus_err WANT CMD...   CMD fails and its error (name and message) contains WANT.
#
# Env (all optional):
#   NM_NETNS     netns for NetworkManager (default: sta, as sta_netns 1 sta makes)
#   NM_DIR       its config/state directory (default: $T/nm); profiles go to
#                $NM_DIR/system-connections
#   NM_LOG_LEVEL / NM_LOG_DOMAINS  its [logging] (default DEBUG /
#                SUPPLICANT,WIFI,DEVICE,CORE,AGENTS)
#   NM_WAIT      seconds nm_start waits for the device (default 60)
# Logs: $T/NetworkManager.log, $T/dbus-daemon.log.

NM_BIN=/usr/sbin/NetworkManager
NM_PID="" NM_BUS_PID=""

nm_bus_start() {
	local d=$T/bus.d
	mkdir -p /run/dbus "$d"
	cp "$HWSIM_REPO/data/dbus/ihvd.conf" "$d/"
	cat >"$T/bus.conf" <<EOF2
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
  </policy>
  <includedir>/usr/share/dbus-1/system.d</includedir>
  <includedir>$d</includedir>
</busconfig>
EOF2
	rm -f /run/dbus/system_bus_socket
	daemon_start dbus-daemon dbus-daemon --config-file="$T/bus.conf" --nofork --nopidfile
	NM_BUS_PID=$DAEMON_PID
	wait_for 10 "the system bus socket" test -S /run/dbus/system_bus_socket ||
		fail "dbus-daemon did not start (see $T/dbus-daemon.log)"
}

nm_dhcpd_start() {
	local ifc=$1
	cat >"$T/udhcpd.conf" <<EOF2
start 192.168.77.2
end 192.168.77.20
interface $ifc
lease_file $T/udhcpd.leases
pidfile $T/udhcpd.pid
option subnet 255.255.255.0
option lease 3600
EOF2
	: >"$T/udhcpd.leases"
	daemon_start udhcpd busybox udhcpd -f "$T/udhcpd.conf"
}

nm_ihvd_start() {
	local ifc=$1 ns=${NM_NETNS:-sta}
	IHVD_LOG=$T/ihvd.log
	ip netns exec "$ns" ip link set "$ifc" up
	daemon_start ihvd ip netns exec "$ns" "$(ihvd_bin)" -d -u -p "$(build_dir)/ihv-rsn.so"
	IHVD_PID=$DAEMON_PID
	_wait_alive "$IHVD_PID" ihvd 10 "ihvd owning fi.w1.wpa_supplicant1" \
		busctl status fi.w1.wpa_supplicant1 >/dev/null ||
		fail "ihvd -u did not take fi.w1.wpa_supplicant1 (see $IHVD_LOG)"
}

# nm_ay STRING: STRING as a gdbus byte array without a trailing NUL (as NetworkManager sends ay).
nm_ay() {
	printf '[byte %s]' "$(printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' ' ' |
		sed -E 's/^ +| +$//g; s/ +/, /g; s/([0-9a-f]{2})/0x\1/g')"
}

_nm_wifi_ready() { nmcli -t -f DEVICE,TYPE,STATE dev | grep -Eq "^$1:wifi:(disconnected|connected)"; }

nm_start() {
	local ifc=$1 ns=${NM_NETNS:-sta} dir=${NM_DIR:-$T/nm}
	[[ -x $NM_BIN ]] || fail "NetworkManager is not installed (scripts/install-deps installs network-manager)"
	# NetworkManager keeps state (timestamps, seen BSSIDs, its secret key) here: a fresh,
	# empty tmpfs for every start, so one scenario's state never reaches the next.
	mkdir -p /var/lib/NetworkManager /run/NetworkManager
	mount -t tmpfs -o mode=0700 tmpfs /var/lib/NetworkManager
	mkdir -p "$dir/system-connections" "$dir/conf.d"
	chmod 700 "$dir/system-connections"
	cat >"$dir/NetworkManager.conf" <<EOF2
[main]
plugins=keyfile
auth-polkit=false
dhcp=internal
[keyfile]
path=$dir/system-connections
[device]
wifi.backend=wpa_supplicant
wifi.scan-rand-mac-address=no
[logging]
level=${NM_LOG_LEVEL:-DEBUG}
domains=${NM_LOG_DOMAINS:-SUPPLICANT,WIFI,DEVICE,CORE,AGENTS}
EOF2
	# NetworkManager waits for udev to initialize a link whenever /sys is writable (its
	# platform's use of libudev); with /sys read-only in its own mount namespace it takes
	# the links as they are, and no udevd is needed.
	# shellcheck disable=SC2016 # $0 and $@ are the inner sh's
	daemon_start NetworkManager ip netns exec "$ns" unshare --mount --propagation private \
		sh -c 'mount -o remount,bind,ro /sys && exec "$0" "$@"' "$NM_BIN" --debug \
		--config="$dir/NetworkManager.conf" --config-dir="$dir/conf.d" \
		--state-file="$dir/NetworkManager.state" --pid-file="$dir/nm.pid"
	NM_PID=$DAEMON_PID
	_wait_alive "$NM_PID" NetworkManager 30 "NetworkManager on the bus" \
		busctl status org.freedesktop.NetworkManager >/dev/null ||
		fail "NetworkManager did not start (see $T/NetworkManager.log)"
	_wait_alive "$NM_PID" NetworkManager "${NM_WAIT:-60}" "NetworkManager to manage $ifc" _nm_wifi_ready "$ifc" ||
		{ nmcli dev; fail "NetworkManager does not manage $ifc"; }
}

nm_stop() {
	if [[ -n $NM_PID ]]; then
		daemon_stop "$NM_PID" 10
		NM_PID=""
	fi
}

nm_bus_stop() {
	if [[ -n $NM_BUS_PID ]]; then
		daemon_stop "$NM_BUS_PID" 5
		NM_BUS_PID=""
	fi
}

nm_state() { nmcli -t -f GENERAL.STATE dev show "$1" | sed 's/^GENERAL.STATE://'; }

nm_connected() {
	[[ $(nm_state "$1") == "100 (connected)" ]] &&
		ip netns exec "${NM_NETNS:-sta}" ip -4 addr show dev "$1" | grep -q 'inet 192\.168\.77\.'
}

gd() {
	local path=$1 method=$2
	shift 2
	gdbus call --system --dest fi.w1.wpa_supplicant1 --object-path "$path" --method "$method" "$@"
}

bus_err() {
	local want=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "succeeded, should fail with $want: $*" || return 1
	fi
	echo "-> $out"
	[[ $out == *"$want"* ]] || fail "wanted $want from: $* (got: $out)" || return 1
}
