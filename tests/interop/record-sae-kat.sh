#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Record the SAE known answers for tests/unit/rsn/test-sae-replay.c (run once, by hand, as
# root; see tests/unit/rsn/data/README.md):
#   [HOSTAPD=/path/to/hostapd] [SAE_KAT_AKM=8|24] tests/interop/record-sae-kat.sh [OUT_DIR]
#   (OUT_DIR default tests/unit/rsn/data; HOSTAPD default Debian's hostapd on PATH; AKM 8
#   records sae-{hnp,h2e}-*.kat, AKM 24 (SAE-EXT-KEY, needs a hostapd that has it, not
#   Debian's 2.10) records sae-ext-h2e-{19,20,21}.kat)
# Boots one hwsim VM (tests/hwsim/run with HWSIM_SCENARIO_DIR=tests/interop/sae-kat): there
# ihvd + ihv-rsn.so (plugin inline, build/tests/tools/rand-log-shim.so preloaded) runs SAE
# and the 4-way handshake against hostapd -dd -K (Debian's 2.10 or $HOSTAPD) while dumpcap captures
# hwsim0. Then, on the host, it takes from each capture the SAE Authentication bodies, the
# Beacon's and the Association Request's RSNE/RSNXE and the four EAPOL-Key frames; from the
# random log the rand and mask whose sum is the recorded commit-scalar (12.4.5.3) and the
# SNonce; from hostapd's log the keys it derived; from hostapd_cli PMKSA the PMKID.
# Needs `make all` first. SAE_KAT_KEEP_RAW=1 keeps the captures and logs in build/sae-kat-raw.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/tests/unit/rsn/data}
build=${IHVD_BUILD:-$top/build}
[ -f "$build/tests/tools/rand-log-shim.so" ] || { echo "no rand-log-shim.so (make first)"; exit 2; }
hostapd_bin=${HOSTAPD:-hostapd}
akm=${SAE_KAT_AKM:-8}
case $akm in 8 | 24) ;; *) echo "SAE_KAT_AKM must be 8 or 24"; exit 2 ;; esac
[[ $hostapd_bin == */* ]] && hostapd_bin=$(cd "$(dirname "$hostapd_bin")" && pwd)/${hostapd_bin##*/}
command -v "$hostapd_bin" >/dev/null || { echo "no hostapd: $hostapd_bin"; exit 2; }
raw=$build/sae-kat-raw # inside the tree: the VM writes only below the working directory
rm -rf "$raw"
HWSIM_SCENARIO_DIR=$top/tests/interop/sae-kat HWSIM_SAE_KAT_OUT=$raw \
	HWSIM_SAE_KAT_HOSTAPD=$hostapd_bin HWSIM_SAE_KAT_AKM=$akm \
	"$top/tests/hwsim/run" record-sae-kat
mkdir -p "$out"
python3 "$top/tests/interop/sae-kat/extract.py" "$raw" "$out" \
	"$("$hostapd_bin" -v 2>&1 | grep -m1 '^hostapd v')"
[ -n "${SAE_KAT_KEEP_RAW:-}" ] || rm -rf "$raw"
ls -l "$out"/sae-*.kat
