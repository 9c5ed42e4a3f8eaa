# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# Where ihvd's cold start goes (issue 16), phase by phase, and what reading
# the binaries over the repository's 9p share costs against a tmpfs copy
# (tests/bench/README-bench.md, "Where each daemon is read from"). A
# measurement, not a test; run with:
#   HWSIM_SCENARIO_DIR=tests/bench/probes tests/hwsim/run -v ihvd-cold-phases
# Per place (share, tmpfs) and mode (isolated, inline), 6 starts
# (IHVD_COLD_N; only HWSIM_* and IHVD_* variables reach the VM), each after
# the station's link went down and up; the clock starts just before the
# exec, inside the station netns. For each it notes
# the medians, in ms since the exec, of ihvd's own log lines: nl80211
# "managed", the plugin's "ready" (InitService returned), "connecting",
# "pre-association done" (the PMK is in) and "port authorized". It fails
# only when a start does not reach "port authorized".
# IHVD_COLD_BASE=DIR (a build readable by nobody: chmod -R a+rX) compares that
# build ("base") with this one ("this") instead, both from tmpfs, alternating.
# IHVD_COLD_BED=eap starts against hostapd's EAP server (PEAP/MSCHAPv2, the
# ihvd-eap-peap scenario's network) instead of WPA2-Personal, and also notes
# "eap" (802.1X started) and "warm" (the EAP peer readied by its thread).
# hwsim-timeout: 900
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
bed=${IHVD_COLD_BED:-psk}
if [[ $bed == eap ]]; then
	# shellcheck source=tests/hwsim/eap-lib.sh disable=SC1091
	. "$HWSIM_REPO/tests/hwsim/eap-lib.sh"
	eap_pki
	HOSTAPD_QUIET=1 eap_hostapd_start WPA-EAP
else
	HOSTAPD_QUIET=1 hostapd_start wpa2-psk.conf
fi
bins=(ihvd ihvd-plugin-host ihv-rsn.so ihvd-eap.so)
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
n=${IHVD_COLD_N:-6}
src=$(build_dir)
# readable by the plugin host's user (nobody), which $T is not
if ! tmp=$(mktemp -d /tmp/ihvd-cold.XXXXXX) || ! chmod 755 "$tmp"; then
	fail "no directory in /tmp"
fi
mkdir -p "$T/cold"
[[ $(stat -f -c %T "$tmp") == tmpfs ]] || note "warning: $tmp is not a tmpfs"
cp "${bins[@]/#/$src/}" "$tmp/" || fail "cannot copy the build"
places=(share tmpfs)
if [[ -n ${IHVD_COLD_BASE:-} ]]; then
	places=(base this)
	if ! mkdir -p "$tmp/base" "$tmp/this" || ! chmod 755 "$tmp/base" "$tmp/this" ||
		! cp "${bins[@]/#/$IHVD_COLD_BASE/}" "$tmp/base/" ||
		! cp "${bins[@]/#/$tmp/}" "$tmp/this/"; then
		fail "cannot copy IHVD_COLD_BASE=$IHVD_COLD_BASE"
	fi
fi

# the starts run inside the netns from one bash: no ip(8) and no poll loop
# (each fork+exec of a helper costs tens of ms under TCG) beside the daemon
cat >"$T/cold-loop.sh" <<'EOF2'
bin=$1 plugin=$2 conf=$3 log=$4 ifc=$5 nap=$6
ip link set "$ifc" down && ip link set "$ifc" up
exec {NAP}<>"$nap"
read -r -t 1 -u "$NAP"
echo "T0 $EPOCHREALTIME" >"$log"
"$bin" -i "$ifc" -c "$conf" >>"$log" 2>&1 &
pid=$!
read -r -t 2.5 -u "$NAP"
kill -TERM "$pid" 2>/dev/null
wait "$pid" || true
EOF2
mkfifo "$T/nap"

# conf_write MODE DIR: $T/MODE.conf with the plugin from DIR
conf_write() {
	cat >"$T/$1.conf" <<EOF2
ctrl_interface=$T/ctrl-$1
ihv_plugin=$2/ihv-rsn.so
$([[ $1 == inline ]] && echo plugin_isolation=inline)
$(if [[ $bed == eap ]]; then
		printf '%s\n' 'network={' '	ssid="ihvd-eap"' '	key_mgmt=WPA-EAP' '	eap=PEAP' \
			'	identity="alice"' '	anonymous_identity="anonymous"' \
			"	ca_cert=\"$EAP_PKI/ca.pem\"" '	domain_suffix_match="example.com"' \
			'	phase2="auth=MSCHAPV2"' '	password="alice-secret-7"' '	scan_freq=2412' '}'
	else
		printf '%s\n' 'network={' '	ssid="ihvd-test"' '	psk="correct horse battery"' \
			'	key_mgmt=WPA-PSK' '	scan_freq=2412' '}'
	fi)
EOF2
	chmod 600 "$T/$1.conf"
}

# phases LOG: "managed ready connecting pmk eap warm authorized" in ms since T0 (- when
# missing; eap and warm only on the EAP bed)
phases() {
	awk 'NR == 1 { t0 = $2; next }
	     function at(k) { if (!(k in t)) t[k] = sprintf("%.0f", ($1 - t0) * 1000) }
	     function v(k) { return k in t ? t[k] : "-" }
	     / nl80211: interface .* managed$/ { at("m") }
	     / ihv-rsn: WPA2\/WPA3-Personal / { at("r") }
	     / connecting to / { at("c") }
	     / pre-association done/ { at("p") }
	     / 802\.1X: started \(/ { at("e") }
	     / EAP peer readied ahead / { at("w") }
	     / port authorized by / { at("a") }
	     END { printf "%s %s %s %s %s %s %s\n", v("m"), v("r"), v("c"), v("p"), v("e"), v("w"),
	           v("a") }' "$1"
}

for ((i = 1; i <= n; i++)); do
	for place in "${places[@]}"; do
		for mode in isolated inline; do
			case $place in
			share) dir=$src ;;
			tmpfs) dir=$tmp ;;
			*) dir=$tmp/$place ;;
			esac
			conf_write "$mode" "$dir"
			log=$T/cold/$place-$mode-$i.log
			ip netns exec sta bash "$T/cold-loop.sh" "$dir/ihvd" "$dir/ihv-rsn.so" \
				"$T/$mode.conf" "$log" "$sta_if" "$T/nap"
			phases "$log" >"$log.phases"
			[[ $(cut -d' ' -f7 "$log.phases") != - ]] ||
				fail "$place/$mode start $i did not reach port authorized (see $log)"
		done
	done
done

for place in "${places[@]}"; do
	for mode in isolated inline; do
		cat "$T/cold/$place-$mode"-*.log.phases | awk -v w="$place $mode" '
			{ for (k = 1; k <= 7; k++) v[k, NR] = $k }
			END {
				split("managed ready connecting pmk eap warm authorized", name, " ")
				line = sprintf("%-16s", w)
				for (k = 1; k <= 7; k++) {
					if (v[k, 1] == "-") continue
					m = 0; for (r = 1; r <= NR; r++) a[++m] = v[k, r] + 0
					for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++) if (a[y] < a[x]) { t = a[x]; a[x] = a[y]; a[y] = t }
					line = line sprintf(" %s %s", name[k], m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2)
				}
				print line " ms (median of " NR ")"
			}' | while read -r l; do note "$l"; done
	done
done
rm -rf "$tmp"
