# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=bash
# WPA3-Enterprise style: WPA-EAP-SHA256 (AKM 00-0F-AC:5) with PMF required (MFPR,
# BIP-CMAC-128) through the contract's 802.1X path: PEAP/MSCHAPv2 connects, the
# driver negotiated the SHA-256 AKM, traffic flows.
# hwsim-timeout: 120
# shellcheck source=tests/hwsim/ihvd-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/ihvd-lib.sh"
# shellcheck source=tests/hwsim/eap-lib.sh disable=SC1091
. "$HWSIM_REPO/tests/hwsim/eap-lib.sh"

hwsim_radios 2
eap_pki
eap_hostapd_start WPA-EAP-SHA256 ieee80211w=2 group_mgmt_cipher=AES-128-CMAC
sta_netns 1 sta
ap_if=${HWSIM_IF[0]}
sta_if=${HWSIM_IF[1]}
bssid=$(<"/sys/class/net/$ap_if/address")
ip_setup "$ap_if" "$sta_if"

eap_run sha256 key_mgmt=WPA-EAP-SHA256 ieee80211w=2 eap=PEAP 'identity="alice"' \
	'anonymous_identity="anonymous"' 'password="alice-secret-7"' "ca_cert=\"$EAP_PKI/ca.pem\"" \
	'domain_suffix_match="example.com"'
eap_completed 30
ihvd_check_connected "$bssid" "WPA2-EAP-SHA256"
ihvd_cli status | grep -qx 'pmf=2\|pmf=required\|ieee80211w=2' ||
	note "(STATUS has no PMF line to check)"
sta_mac=$(ihvd_sta_mac)
hostapd_cli_ sta "$sta_mac" | grep -q 'AKMSuiteSelector=00-0f-ac-5' ||
	fail "hostapd did not negotiate AKM 00-0F-AC:5 with the station"
ping_check
eap_stop sha256
note "sha256-pmf: WPA-EAP-SHA256 with PMF required, PEAP/MSCHAPv2, ping both ways"
