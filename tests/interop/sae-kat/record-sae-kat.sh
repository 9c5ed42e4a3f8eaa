# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# The in-VM half of tests/interop/record-sae-kat.sh (not a test: run only by that script,
# through tests/hwsim/run with HWSIM_SCENARIO_DIR=tests/interop/sae-kat). For each case it
# captures hwsim0 (every frame on the air, radiotap) with dumpcap while ihvd with ihv-rsn.so
# (plugin inline, build/tests/tools/rand-log-shim.so preloaded) runs SAE and the 4-way
# handshake against hostapd -dd -K (HWSIM_SAE_KAT_HOSTAPD: Debian's 2.10 by default), then
# copies the capture, the random log, both logs and hostapd's PMKSA list into
# $HWSIM_SAE_KAT_OUT/<case>.*. HWSIM_SAE_KAT_AKM=24 records SAE-EXT-KEY cases instead.
# hwsim-timeout: 240
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

out=${HWSIM_SAE_KAT_OUT:?set by tests/interop/record-sae-kat.sh}
hostapd_bin=${HWSIM_SAE_KAT_HOSTAPD:-hostapd}
akm=${HWSIM_SAE_KAT_AKM:-8}
shim=$(build_dir)/tests/tools/rand-log-shim.so
[[ -f $shim ]] || fail "no $shim (make all first)"
mkdir -p "$out"
hostapd_keys_from "$hostapd_bin" # -K: hostapd logs the keys it derives

hwsim_radios 2
sta_netns 1 sta
sta_if=${HWSIM_IF[1]}
ip link set hwsim0 up

# record NAME "AP LINES" "STA LINES" [KEY_MGMT]: one SAE + 4-way exchange, captured.
record() {
	local name=$1 ap_lines=$2 sta_lines=$3 km=${4:-SAE} cap_pid sta_mac
	local -a sta_line
	read -ra sta_line <<<"$sta_lines"
	printf '%s\n' "$(cat "$HWSIM_CONF_DIR/sae.conf")" "$ap_lines" >"$T/$name-ap.conf"
	dumpcap -q -P -i hwsim0 -w "$T/$name.pcap" >"$T/$name-dumpcap.log" 2>&1 &
	cap_pid=$!
	pid_register "$cap_pid"
	wait_for 10 "dumpcap to start" test -s "$T/$name.pcap"
	hostapd_start "$T/$name-ap.conf"
	{
		echo 'plugin_isolation=inline'
		echo 'network={'
		echo '	ssid="ihvd-test"'
		echo "	key_mgmt=$km"
		echo '	sae_password="correct horse battery"'
		echo '	ieee80211w=2'
		printf '\t%s\n' "${sta_line[@]}"
		echo '}'
	} >"$T/$name-net.conf"
	rm -f "$T/$name.rand"
	IHVD_WRAP=(env "LD_PRELOAD=$shim" "RAND_LOG_FILE=$T/$name.rand")
	ihvd_start "$T/$name-net.conf" "$sta_if" -dd
	ihvd_wait_state 40 COMPLETED
	sta_mac=$(ihvd_sta_mac)
	wait_for 10 "hostapd to complete the 4-way handshake" \
		grep -q "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG"
	hostapd_cli_ pmksa >"$out/$name.pmksa"
	ihvd_stop
	hostapd_stop
	kill -INT "$cap_pid"
	wait "$cap_pid" || true
	cp "$T/$name.pcap" "$out/$name.pcap"
	cp "$T/$name.rand" "$out/$name.rand"
	mv "$HOSTAPD_LOG" "$out/$name.hostapd.log" # hostapd -f appends: one log per case
	cp "$IHVD_LOG" "$out/$name.ihvd.log"
	printf 'ap_conf=%s\nsta_lines=%s\n' "$ap_lines" "$sta_lines" >"$out/$name.case"
	mv "$IHVD_LOG" "$T/ihvd-$name.log"
	note "recorded $name"
}

if [[ $akm == 24 ]]; then
	# AKM 00-0F-AC:24 (SAE-EXT-KEY): hash-to-element only; PMK as long as the group's hash
	for g in 19 20 21; do
		record "sae-ext-h2e-$g" "wpa_key_mgmt=SAE-EXT-KEY
sae_pwe=1
sae_groups=$g" "sae_pwe=1 sae_groups=$g" SAE-EXT-KEY
	done
else
	record sae-hnp-19 "sae_pwe=0" "sae_pwe=0"
	record sae-h2e-19 "sae_pwe=1" "sae_pwe=1"
	record sae-h2e-20 "sae_pwe=1
sae_groups=20" "sae_pwe=1 sae_groups=20"
fi
