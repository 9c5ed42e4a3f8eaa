#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-client.sh: sourced by tests/bench/vm-rounds.sh.  The three
# station daemons (wpa_supplicant, iwd, ihvd) and the test beds they can join.
#
# A test bed is one hostapd config (hostapd-conf/BED.conf) plus what a client
# needs to join it.  bed_load BED sets BED_CONF, BED_SSID, BED_KIND (psk, sae,
# eap) and BED_SECRET (an EAP bed also BED_IDENTITY, BED_ANON_IDENTITY, BED_CA,
# BED_DOMAIN); a new bed is a new case in bed_load plus a case per
# client in CLIENT_setup for its BED_KIND: its results become a new set of
# rows in the table (scripts/bench prints one block per bed).
#
# Each client provides, with its name as prefix (wpa_supplicant_setup, ...):
#   _setup      write its config for the loaded bed into $T; return 1 (and
#               set WHY) when it cannot run there
#   _exec       exec the daemon in the foreground (the caller backgrounds it)
#   _prepare    after a connection: find its control endpoints
#   _disconnect / _connect   one request through the control helper (ctl)
#   _pids       extra processes that serve it (iwd: dbus-daemon), for the
#               memory and idle rows
# Needs from the caller: T, sta_if, BENCH_DBUS_PID, IHVD_BUILD, ctl, why; for
# an EAP bed BENCH_PKI (vm-bench.sh: where tests/hwsim/eap-lib.sh made the PKI).
# shellcheck disable=SC2154 # sta_if: set by the caller

# bed_load BED -> 0, or 1 when BED is unknown.
# shellcheck disable=SC2034 # BED_CONF: for the caller (vm-bench.sh starts hostapd with BED.conf)
bed_load() {
	BED=$1
	case $BED in
	wpa2-psk)
		BED_CONF=wpa2-psk.conf
		BED_SSID=ihvd-test
		BED_KIND=psk
		BED_SECRET="correct horse battery"
		;;
	wpa3-sae)
		BED_CONF=wpa3-sae.conf
		BED_SSID=ihvd-test
		BED_KIND=sae
		BED_SECRET="correct horse battery"
		;;
	wpa2-eap-peap)
		# PEAPv0/EAP-MSCHAPv2 with the user "alice" of eap-lib.sh's eap_user
		# file; the outer identity "anonymous" is the one it allows PEAP.
		BED_CONF=wpa2-eap-peap.conf
		BED_SSID=ihvd-eap
		BED_KIND=eap
		BED_IDENTITY=alice
		BED_ANON_IDENTITY=anonymous
		BED_SECRET=alice-secret-7
		BED_CA=${BENCH_PKI:-}/ca.pem
		BED_DOMAIN=example.com
		;;
	*)
		return 1
		;;
	esac
}

# ---- wpa_supplicant ---------------------------------------------------------------

wpas_ctrl=$T/wpas-ctrl
wpa_supplicant_setup() {
	command -v wpa_supplicant >/dev/null || { why "wpa_supplicant is not installed"; return 1; }
	case $BED_KIND in
	psk)
		cat >"$T/wpas.conf" <<EOF
ctrl_interface=$wpas_ctrl
network={
	ssid="$BED_SSID"
	key_mgmt=WPA-PSK
	proto=RSN
	pairwise=CCMP
	group=CCMP
	psk="$BED_SECRET"
	scan_freq=2412
	freq_list=2412
}
EOF
		;;
	sae)
		cat >"$T/wpas.conf" <<EOF
ctrl_interface=$wpas_ctrl
network={
	ssid="$BED_SSID"
	key_mgmt=SAE
	ieee80211w=2
	proto=RSN
	pairwise=CCMP
	group=CCMP
	sae_password="$BED_SECRET"
	scan_freq=2412
	freq_list=2412
}
EOF
		;;
	eap)
		[[ -r $BED_CA ]] || { why "no CA certificate at $BED_CA"; return 1; }
		cat >"$T/wpas.conf" <<EOF
ctrl_interface=$wpas_ctrl
network={
	ssid="$BED_SSID"
	key_mgmt=WPA-EAP
	proto=RSN
	pairwise=CCMP
	group=CCMP
	eap=PEAP
	identity="$BED_IDENTITY"
	anonymous_identity="$BED_ANON_IDENTITY"
	password="$BED_SECRET"
	ca_cert="$BED_CA"
	domain_suffix_match="$BED_DOMAIN"
	phase2="auth=MSCHAPV2"
	scan_freq=2412
	freq_list=2412
}
EOF
		;;
	*) why "no wpa_supplicant config for a $BED_KIND bed"; return 1 ;;
	esac
}
wpa_supplicant_exec() { exec wpa_supplicant -i "$sta_if" -D nl80211 -c "$T/wpas.conf"; }
wpa_supplicant_prepare() { :; }
wpa_supplicant_disconnect() { ctl wpa "$wpas_ctrl/$sta_if" DISCONNECT; }
wpa_supplicant_connect() { ctl wpa "$wpas_ctrl/$sta_if" RECONNECT; }
wpa_supplicant_pids() { :; }

# ---- iwd ---------------------------------------------------------------------------

iwd_bin=""
for b in /usr/libexec/iwd /usr/lib/iwd/iwd; do
	[[ -x $b ]] && iwd_bin=$b && break
done
iwd_setup() {
	[[ -n $iwd_bin ]] || { why "iwd is not installed (/usr/libexec/iwd)"; return 1; }
	[[ -n ${BENCH_DBUS_PID:-} && -d /proc/$BENCH_DBUS_PID ]] ||
		{ why "no dbus-daemon running"; return 1; }
	mkdir -p "$T/iwd-conf" "$T/iwd-state"
	# Keep wlan1 as it is (no destroy/recreate); no DHCP.
	cat >"$T/iwd-conf/main.conf" <<EOF
[General]
UseDefaultInterface=true
EnableNetworkConfiguration=false

[DriverQuirks]
DefaultInterface=*
EOF
	case $BED_KIND in
	psk | sae)
		# iwd joins an SAE-only network from the same .psk file (its type is "psk")
		iwd_suffix=psk
		printf '[Security]\nPassphrase=%s\n' "$BED_SECRET" >"$T/iwd-state/$BED_SSID.psk"
		chmod 600 "$T/iwd-state/$BED_SSID.psk"
		;;
	eap)
		# iwd.network(5), "PEAP + MSCHAPv2"; the domain as a mask on the
		# server certificate's name (its domain_suffix_match).
		[[ -r $BED_CA ]] || { why "no CA certificate at $BED_CA"; return 1; }
		iwd_suffix=8021x
		cat >"$T/iwd-state/$BED_SSID.8021x" <<EOF
[Security]
EAP-Method=PEAP
EAP-Identity=$BED_ANON_IDENTITY
EAP-PEAP-CACert=$BED_CA
EAP-PEAP-ServerDomainMask=*.$BED_DOMAIN
EAP-PEAP-Phase2-Method=MSCHAPV2
EAP-PEAP-Phase2-Identity=$BED_IDENTITY
EAP-PEAP-Phase2-Password=$BED_SECRET
EOF
		chmod 600 "$T/iwd-state/$BED_SSID.8021x"
		;;
	*) why "no iwd config for a $BED_KIND bed"; return 1 ;;
	esac
}
iwd_exec() {
	STATE_DIRECTORY=$T/iwd-state CONFIGURATION_DIRECTORY=$T/iwd-conf \
		exec "$iwd_bin" -i "$sta_if"
}
# iwd's objects: the Station is /net/connman/iwd/<wiphy>/<ifindex>, the
# Network below it <hex ssid>_<suffix>.  Ask iwd rather than guess.
iwd_prepare() {
	local objs
	objs=$(dbus-send --system --print-reply --dest=net.connman.iwd / \
		org.freedesktop.DBus.ObjectManager.GetManagedObjects 2>&1) ||
		{ why "GetManagedObjects failed: $objs"; return 1; }
	iwd_station=$(sed -n 's|^.*object path "\(/net/connman/iwd/[0-9]*/[0-9]*\)"$|\1|p' <<<"$objs" | head -n1)
	iwd_network=$(sed -n 's|^.*object path "\(/net/connman/iwd/[0-9]*/[0-9]*/[0-9a-f]*_'"$iwd_suffix"'\)"$|\1|p' <<<"$objs" | head -n1)
	[[ -n $iwd_station && -n $iwd_network ]] ||
		{ why "cannot find iwd's station/network objects"; return 1; }
}
iwd_disconnect() { ctl dbus "$iwd_station" net.connman.iwd.Station Disconnect; }
iwd_connect() { ctl dbus "$iwd_network" net.connman.iwd.Network Connect; }
iwd_pids() { echo "dbus $BENCH_DBUS_PID"; }

# ---- ihvd ----------------------------------------------------------------------------

ihvd_ctrl=$T/ihvd-ctrl
ihvd_build=${IHVD_BUILD:-build}
ihvd_setup() {
	[[ -x $ihvd_build/ihvd ]] || { why "ihvd is not built ($ihvd_build/ihvd missing)"; return 1; }
	[[ -r $ihvd_build/ihv-rsn.so ]] || { why "ihv-rsn.so is not built ($ihvd_build/ihv-rsn.so missing)"; return 1; }
	case $BED_KIND in
	psk)
		# the same channel hint wpa_supplicant gets (scan_freq)
		cat >"$T/ihvd.conf" <<EOF
ctrl_interface=$ihvd_ctrl
ihv_plugin=$ihvd_build/ihv-rsn.so
network={
	ssid="$BED_SSID"
	key_mgmt=WPA-PSK
	pairwise=CCMP
	group=CCMP
	psk="$BED_SECRET"
	scan_freq=2412
}
EOF
		;;
	sae)
		# inline, as the README's wpa3-sae figures were measured (SAE also runs isolated)
		cat >"$T/ihvd.conf" <<EOF
ctrl_interface=$ihvd_ctrl
ihv_plugin=$ihvd_build/ihv-rsn.so
plugin_isolation=inline
network={
	ssid="$BED_SSID"
	key_mgmt=SAE
	ieee80211w=2
	pairwise=CCMP
	group=CCMP
	sae_password="$BED_SECRET"
	scan_freq=2412
}
EOF
		;;
	eap)
		[[ -r $BED_CA ]] || { why "no CA certificate at $BED_CA"; return 1; }
		cat >"$T/ihvd.conf" <<EOF
ctrl_interface=$ihvd_ctrl
ihv_plugin=$ihvd_build/ihv-rsn.so
network={
	ssid="$BED_SSID"
	key_mgmt=WPA-EAP
	pairwise=CCMP
	group=CCMP
	eap=PEAP
	identity="$BED_IDENTITY"
	anonymous_identity="$BED_ANON_IDENTITY"
	password="$BED_SECRET"
	ca_cert="$BED_CA"
	domain_suffix_match="$BED_DOMAIN"
	phase2="auth=MSCHAPV2"
	scan_freq=2412
}
EOF
		;;
	*) why "no ihvd config for a $BED_KIND bed"; return 1 ;;
	esac
	chmod 600 "$T/ihvd.conf"
}
ihvd_exec() { exec "$ihvd_build/ihvd" -i "$sta_if" -c "$T/ihvd.conf"; }
ihvd_prepare() { :; }
ihvd_disconnect() { ctl wpa "$ihvd_ctrl/$sta_if" DISCONNECT; }
ihvd_connect() { ctl wpa "$ihvd_ctrl/$sta_if" RECONNECT; }
# isolated mode (the default, issue 11): the plugin's process, a child of ihvd
ihvd_pids() {
	local p
	p=$(pgrep -P "${DPID:-0}" 2>/dev/null | head -n 1)
	[[ -n $p ]] && echo "phost $p"
	return 0
}
