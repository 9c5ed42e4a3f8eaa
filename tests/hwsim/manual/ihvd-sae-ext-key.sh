# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# AKM 24 (SAE-EXT-KEY) on the air, run by hand: not part of make test, because Debian's
# hostapd 2.10 has no SAE-EXT-KEY. Give it a hostapd that has it (built outside this
# repository; docs/sae-ext-key-on-air.md says which and how it was configured):
#   HWSIM_SCENARIO_DIR=$PWD/tests/hwsim/manual HWSIM_AKM24_HOSTAPD=/path/to/hostapd \
#   HWSIM_AKM24_OUT=$PWD/build/akm24 tests/hwsim/run ihvd-sae-ext-key
# (HWSIM_AKM24_INLINE=1 runs the plugin inline.) Cases: groups 19, 20, 21 with ping, a
# PMKSA-cached reconnect with no SAE frame at the AP, a transition AP (SAE SAE-EXT-KEY)
# joined with 24 by a "SAE SAE-EXT-KEY" block and with 8 by a "SAE" block. Logs, STATUS
# and hostapd's version go to $HWSIM_AKM24_OUT.
# hwsim-timeout: 400
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
hap=${HWSIM_AKM24_HOSTAPD:?}
out=${HWSIM_AKM24_OUT:?}
mkdir -p "$out"
hostapd_keys_from "$hap"
hwsim_radios 2
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
ip_setup "$ap_if" "$sta_if"

# run NAME "AP LINES" "STA key_mgmt" "STA LINES" WANT_KEY_MGMT [pmksa]
run() {
	local name=$1 ap_lines=$2 km=$3 sta_lines=$4 want=$5 pmksa=${6:-} sta_mac n_sae n_hs
	local -a sl
	read -ra sl <<<"$sta_lines"
	printf '%s\n' "$(cat "$HWSIM_CONF_DIR/sae.conf")" "$ap_lines" >"$T/$name-ap.conf"
	hostapd_start "$T/$name-ap.conf"
	{
		[[ -n ${HWSIM_AKM24_INLINE:-} ]] && echo 'plugin_isolation=inline'
		echo 'network={'
		echo '	ssid="ihvd-test"'
		echo "	key_mgmt=$km"
		echo '	sae_password="correct horse battery"'
		echo '	ieee80211w=2'
		printf '\t%s\n' "${sl[@]}"
		echo '}'
	} >"$T/$name-net.conf"
	ihvd_start "$T/$name-net.conf" "$sta_if" -dd
	ihvd_wait_state 40 COMPLETED
	grep -m1 "isolated in ihvd-plugin-host" "$IHVD_LOG" >"$out/$name.iso" || true
	ihvd_check_connected "$bssid" "$want"
	ping_check
	sta_mac=$(ihvd_sta_mac)
	if [[ -n $pmksa ]]; then
		n_sae=$(grep -c "authentication: STA=$sta_mac auth_alg=3" "$HOSTAPD_LOG" || true)
		n_hs=$(grep -c "EAPOL-4WAY-HS-COMPLETED $sta_mac" "$HOSTAPD_LOG")
		ihvd_cli disconnect | grep -qx OK
		ihvd_wait_state 10 DISCONNECTED
		ihvd_cli reconnect | grep -qx OK
		ihvd_wait_state 30 COMPLETED
		wait_for 5 "a second 4-way handshake" eval \
			"(( \$(grep -c 'EAPOL-4WAY-HS-COMPLETED $sta_mac' '$HOSTAPD_LOG') > $n_hs ))"
		(($(grep -c "authentication: STA=$sta_mac auth_alg=3" "$HOSTAPD_LOG" || true) == n_sae)) ||
			fail "$name: the reconnect ran SAE again"
		grep -q "a cached PMKSA for this AP" "$IHVD_LOG" || fail "no cached PMKSA offered"
		ihvd_check_connected "$bssid" "$want"
		ping_check
		echo "PMKSA-cached reconnect: no SAE frame at the AP, ping ok" >"$out/$name.pmksa-note"
	fi
	ihvd_cli status >"$out/$name.status"
	ihvd_stop
	hostapd_stop
	cp "$IHVD_LOG" "$out/$name.ihvd.log"
	mv "$HOSTAPD_LOG" "$out/$name.hostapd.log"
	mv "$IHVD_LOG" "$T/ihvd-$name.log"
	note "ok $name"
}

"$hap" -v >"$out/hostapd-version.txt" 2>&1 || true
run ext-19 $'wpa_key_mgmt=SAE-EXT-KEY\nsae_pwe=1\nsae_groups=19' SAE-EXT-KEY "sae_pwe=1 sae_groups=19" SAE-EXT-KEY
run ext-20 $'wpa_key_mgmt=SAE-EXT-KEY\nsae_pwe=1\nsae_groups=20' SAE-EXT-KEY "sae_pwe=1 sae_groups=20" SAE-EXT-KEY
run ext-21 $'wpa_key_mgmt=SAE-EXT-KEY\nsae_pwe=2\nsae_groups=19 20 21' SAE-EXT-KEY "sae_pwe=2 sae_groups=21" SAE-EXT-KEY pmksa
run trans-both $'wpa_key_mgmt=SAE SAE-EXT-KEY\nsae_pwe=2\nsae_groups=19 20 21' "SAE SAE-EXT-KEY" "sae_pwe=2 sae_groups=20" SAE-EXT-KEY
run trans-8 $'wpa_key_mgmt=SAE SAE-EXT-KEY\nsae_pwe=2\nsae_groups=19 20 21' SAE "sae_pwe=2 sae_groups=20" SAE
