#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-client.sh: sourced by tests/bench/vm-rounds.sh.  The station
# daemons (wpa_supplicant, iwd, and ihvd in three variants: ihvd, ihvd-inline,
# ihvd-dbus) and the test beds they can join.
#
# A test bed is one hostapd config (hostapd-conf/BED.conf) plus what a client
# needs to join it.  bed_load BED sets BED_CONF, BED_SSID, BED_KIND (psk, sae,
# eap) and BED_SECRET (an EAP bed also BED_IDENTITY, BED_ANON_IDENTITY, BED_CA,
# BED_DOMAIN); a new bed is a new case in bed_load plus a case per
# client in CLIENT_setup for its BED_KIND: its results become a new set of
# rows in the table (scripts/bench prints one block per bed).
#
# Each client provides, with its name as prefix ("-" as "_": wpa_supplicant_setup,
# ihvd_inline_setup, ...):
#   _setup      write its config for the loaded bed into $T; return 1 (and
#               set WHY) when it cannot run there
#   _exec       exec the daemon in the foreground (the caller backgrounds it)
#   _prepare    after a connection: find its control endpoints
#   _disconnect / _connect   one request through the control helper (ctl)
#   _pmksa_flush  forget its cached PMKSAs (the SAE bed's "full" reconnect)
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
wpa_supplicant_pmksa_flush() { ctl wpa "$wpas_ctrl/$sta_if" PMKSA_FLUSH; }
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
# iwd 2.3 keeps no PMKSA: each of its reconnects on an SAE bed runs SAE already
iwd_pmksa_flush() { :; }
iwd_pids() { echo "dbus $BENCH_DBUS_PID"; }

# ---- ihvd ----------------------------------------------------------------------------
# Three clients run the same build/ihvd with the same network block:
#   ihvd         the default: the plugin isolated in ihvd-plugin-host (issue 11)
#   ihvd-inline  plugin_isolation=inline: the plugin in ihvd's own process
#                (what isolation costs: scripts/bench's "isolated - inline")
#   ihvd-dbus    ihvd -u: wpa_supplicant's D-Bus service on the system bus, with
#                ihvd's policy (data/dbus/ihvd.conf; vm-bench.sh's dbus_start)
#                (what -u costs, issue 17)
# A client's functions carry its name with "-" as "_" (vm-rounds.sh).

ihvd_build=${IHVD_BUILD:-build}
# "pmksa_flush" for the reference plugin's WlanIhvControl (IHV_CONTROL takes hex)
ihvd_flush_hex=$(printf 'pmksa_flush' | od -An -tx1 | tr -d ' \n')00

# ihvd_conf_write NAME [GLOBAL_LINE]: $T/NAME.conf for the loaded bed, its
# control socket under $T/NAME-ctrl; GLOBAL_LINE (e.g. plugin_isolation=inline)
# goes before the network block.
ihvd_conf_write() {
	local name=$1 extra=${2:-} net
	[[ -x $ihvd_build/ihvd ]] || { why "ihvd is not built ($ihvd_build/ihvd missing)"; return 1; }
	[[ -r $ihvd_build/ihv-rsn.so ]] || { why "ihv-rsn.so is not built ($ihvd_build/ihv-rsn.so missing)"; return 1; }
	case $BED_KIND in
	psk)
		net="key_mgmt=WPA-PSK
	pairwise=CCMP
	group=CCMP
	psk=\"$BED_SECRET\""
		;;
	sae)
		net="key_mgmt=SAE
	ieee80211w=2
	pairwise=CCMP
	group=CCMP
	sae_password=\"$BED_SECRET\""
		;;
	eap)
		[[ -r $BED_CA ]] || { why "no CA certificate at $BED_CA"; return 1; }
		net="key_mgmt=WPA-EAP
	pairwise=CCMP
	group=CCMP
	eap=PEAP
	identity=\"$BED_IDENTITY\"
	anonymous_identity=\"$BED_ANON_IDENTITY\"
	password=\"$BED_SECRET\"
	ca_cert=\"$BED_CA\"
	domain_suffix_match=\"$BED_DOMAIN\"
	phase2=\"auth=MSCHAPV2\""
		;;
	*) why "no ihvd config for a $BED_KIND bed"; return 1 ;;
	esac
	# the same channel hint wpa_supplicant gets (scan_freq)
	cat >"$T/$name.conf" <<EOF
ctrl_interface=$T/$name-ctrl
ihv_plugin=$ihvd_build/ihv-rsn.so
$extra
network={
	ssid="$BED_SSID"
	$net
	scan_freq=2412
}
EOF
	chmod 600 "$T/$name.conf"
}
# ihvd_variant_exec NAME ARGS...: exec ihvd with $T/NAME.conf and ARGS
ihvd_variant_exec() {
	local name=$1
	shift
	exec "$ihvd_build/ihvd" "$@" -i "$sta_if" -c "$T/$name.conf"
}
# ihvd_variant_ctl NAME COMMAND...: one request on NAME's control socket
ihvd_variant_ctl() {
	local name=$1
	shift
	ctl wpa "$T/$name-ctrl/$sta_if" "$@"
}
# the plugin's process in isolated mode (a child of ihvd); none inline
ihvd_pids() {
	local p
	p=$(pgrep -P "${DPID:-0}" 2>/dev/null | head -n 1)
	[[ -n $p ]] && echo "phost $p"
	return 0
}

ihvd_setup() { ihvd_conf_write ihvd; }
ihvd_exec() { ihvd_variant_exec ihvd; }
ihvd_prepare() { :; }
ihvd_disconnect() { ihvd_variant_ctl ihvd DISCONNECT; }
ihvd_connect() { ihvd_variant_ctl ihvd RECONNECT; }
ihvd_pmksa_flush() { ihvd_variant_ctl ihvd IHV_CONTROL "$ihvd_flush_hex"; }

ihvd_inline_setup() { ihvd_conf_write ihvd-inline plugin_isolation=inline; }
ihvd_inline_exec() { ihvd_variant_exec ihvd-inline; }
ihvd_inline_prepare() { :; }
ihvd_inline_disconnect() { ihvd_variant_ctl ihvd-inline DISCONNECT; }
ihvd_inline_connect() { ihvd_variant_ctl ihvd-inline RECONNECT; }
ihvd_inline_pmksa_flush() { ihvd_variant_ctl ihvd-inline IHV_CONTROL "$ihvd_flush_hex"; }
ihvd_inline_pids() { ihvd_pids; }

ihvd_dbus_setup() {
	[[ -n ${BENCH_DBUS_PID:-} && -d /proc/$BENCH_DBUS_PID ]] ||
		{ why "no dbus-daemon running"; return 1; }
	ihvd_conf_write ihvd-dbus
}
ihvd_dbus_exec() { ihvd_variant_exec ihvd-dbus -u; }
ihvd_dbus_prepare() { :; }
ihvd_dbus_disconnect() { ihvd_variant_ctl ihvd-dbus DISCONNECT; }
ihvd_dbus_connect() { ihvd_variant_ctl ihvd-dbus RECONNECT; }
ihvd_dbus_pmksa_flush() { ihvd_variant_ctl ihvd-dbus IHV_CONTROL "$ihvd_flush_hex"; }
ihvd_dbus_pids() { ihvd_pids; }
