# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# make soak, second part: the same load under valgrind for IHVD_SOAK_VALGRIND_S
# seconds (default 120): GTK rekeys every 5 s, a PTK rekey at 30 s, forced
# reconnects every 20 s, the plugin inline so that its code is checked too;
# valgrind finds no error and no leak (exit 99 fails).
# hwsim-timeout: 900
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/attack-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/attack-lib.sh"

hwsim_radios 2
hostapd_start wpa2-psk-soak.conf
sta_netns 1 sta
secs=${IHVD_SOAK_VALGRIND_S:-120}
# inline: the plugin's own code (ihv-rsn.so) runs under valgrind too; the isolated
# plugin host is not wrapped (ihvd-valgrind covers ihvd's side of isolation)
cat >"$T/net.conf" <<'EOF2'
plugin_isolation=inline
network={
	ssid="ihvd-test"
	psk="correct horse battery"
	scan_freq=2412
}
EOF2
log_register "$T/valgrind.log"
# shellcheck disable=SC2034,SC2054
IHVD_WRAP=(valgrind --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
	--log-file="$T/valgrind.log")
IHVD_START_TIMEOUT=60
IHVD_STOP_TIMEOUT=60
ihvd_start "$T/net.conf" "${HWSIM_IF[1]}"
ihvd_wait_state 90 COMPLETED
start=$(now_ms)
n=0
while (($(now_ms) - start < secs * 1000)); do
	sleep 20
	ihvd_cli reassociate | grep -qx OK
	n=$((n + 1))
	ihvd_wait_state 90 COMPLETED
done
gtk=$(ihvd_val gtk_installs)
ihvd_stop
note "soak under valgrind: ${secs} s, $n forced reconnects, $gtk GTK installs; no error, no leak"
