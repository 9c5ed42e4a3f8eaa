# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# SAE variants against hostapd 2.10, one AP after the other: hash-to-element
# (sae_pwe=1: status 126, RSNXE in the association request), groups 20 and 21
# (the AP rejects 19 with status 77, ihvd goes on with the next of
# sae_groups), anti-clogging (sae_anti_clogging_threshold=0: status 76, the
# Commit again with the token). The plugin runs isolated (the default).
# hwsim-timeout: 240
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"

hwsim_radios 2
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")

# ap NAME LINE...: hostapd with sae.conf plus LINEs.
ap() {
	local name=$1
	shift
	{
		cat "$HWSIM_CONF_DIR/sae.conf"
		printf '%s\n' "$@"
	} >"$T/$name.conf"
	hostapd_start "$T/$name.conf"
}

# sta NAME LINE...: ihvd with a SAE block plus LINEs, up to COMPLETED.
sta() {
	local name=$1
	shift
	{
		echo 'network={'
		echo '	ssid="ihvd-test"'
		echo '	key_mgmt=SAE'
		echo '	sae_password="correct horse battery"'
		printf '\t%s\n' "$@"
		echo '}'
	} >"$T/$name-net.conf"
	ihvd_start "$T/$name-net.conf" "$sta_if"
	ihvd_wait_state 40 COMPLETED || return 1
	ihvd_check_connected "$bssid" SAE
}

next() {
	ihvd_stop
	hostapd_stop
	mv "$IHVD_LOG" "$T/ihvd-$1.log"
	log_register "$T/ihvd-$1.log"
}

# 1. H2E only at the AP; ihvd with sae_pwe=2 picks H2E from the RSNXE.
ap h2e sae_pwe=1
sta h2e sae_pwe=2
sta_mac=$(ihvd_sta_mac)
grep -q "SAE: Commit with group 19 (hash-to-element)" "$IHVD_LOG" || fail "no H2E Commit"
grep -q "authentication: STA=$sta_mac auth_alg=3 auth_transaction=1 status_code=126" "$HOSTAPD_LOG" ||
	fail "hostapd saw no Commit with status 126 (H2E)"
next h2e

# 2. Groups 20 and 21 only: 19 is rejected (status 77), 20 follows.
ap groups "sae_groups=20 21"
sta groups "sae_groups=19 20"
grep -q "SAE: the AP rejected group 19" "$IHVD_LOG" || fail "no rejected-group fallback"
grep -q "SAE: Commit with group 20" "$IHVD_LOG" || fail "no group 20 Commit"
grep -q "SAE accepted (group 20" "$IHVD_LOG" || fail "SAE not accepted with group 20"
next groups20
ap groups21 sae_groups=21
sta groups21 sae_groups=21
grep -q "SAE accepted (group 21" "$IHVD_LOG" || fail "SAE not accepted with group 21"
next groups21

# 3. Anti-clogging: the AP wants a token with every Commit.
ap acm sae_anti_clogging_threshold=0
sta acm
grep -q "SAE: the AP asked for an anti-clogging token (status 76)" "$IHVD_LOG" ||
	fail "ihvd never saw status 76"
ip_setup "$ap_if" "$sta_if"
ping_check
next acm
note "sae-variants: H2E (status 126), groups 20 and 21 after a status 77, anti-clogging token: all connected"
