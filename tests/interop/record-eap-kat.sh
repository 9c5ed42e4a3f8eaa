#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Record known-answer vectors for tests/unit/eap/test-eap-kat.c (run once, by hand, as root):
# runs tests/interop/eap-hostapd-wired.sh with build/tests/tools/keylog-shim.so loaded into
# hostapd 2.10 (-dd -K), then takes from hostapd's log the TLS randoms (its ClientHello and
# ServerHello dumps), the keys hostapd derived and the inner MSCHAPv2 values, and from the
# key log the TLS 1.2 master secret or the TLS 1.3 exporter secret.
#   tests/interop/record-eap-kat.sh [OUT_DIR]   (default tests/unit/eap/data)
# Needs `make all` first. The PKI is throwaway and made per run; the files hold no private key.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/tests/unit/eap/data}
build=${IHVD_BUILD:-$top/build}
[ -f "$build/tests/tools/keylog-shim.so" ] || { echo "no keylog-shim.so (make first)"; exit 2; }
raw=$(mktemp -d /tmp/eap-kat-rec-XXXXXX)
trap 'rm -rf "$raw"' EXIT
EAP_INTEROP_RECORD=$raw "$top/tests/interop/eap-hostapd-wired.sh" "$build"
mkdir -p "$out"
hv=$(hostapd -v 2>&1 | head -n 1)

# One segment per "start authentication"; a segment with a Derived key becomes one file.
awk -v out="$out" -v keylog="$raw/keylog" -v hv="$hv" -v when="$(date -u +%F)" '
function hex(line) { sub(/.*hexdump\(len=[0-9]+\): /, "", line); gsub(/ /, "", line); return line }
function rnd(line) { return substr(hex(line), 13, 64) } # Handshake header 4, version 2
function emit(   f, k) {
	if (!("msk" in v))
		return
	if (v["method"] == "TLS")
		f = v["version"] == "TLSv1.3" ? "eap-tls13" : "eap-tls12"
	else if (v["method"] == "PEAP")
		f = "peap-mschapv2"
	else
		f = ("auth_challenge" in v) ? "ttls-mschapv2" : "ttls-pap"
	f = f ".kat"
	printf "# %s: recorded %s from %s (integrated EAP server, -dd -K)\n", f, when, hv > (out "/" f)
	printf "# by tests/interop/record-eap-kat.sh; see README.md. Test PKI, throwaway.\n" >> (out "/" f)
	n = split("method version cipher_suite client_random server_random master_secret exporter_secret username password auth_challenge peer_challenge nt_response ident mschapv2_master_key isk tk ipmk cmk binding_tlv compound_mac msk", order, " ")
	for (k = 1; k <= n; k++)
		if (order[k] in v)
			printf "%s=%s\n", order[k], v[order[k]] >> (out "/" f)
	close(out "/" f)
}
BEGIN {
	while ((getline l < keylog) > 0) {
		split(l, a, " ")
		if (a[1] == "CLIENT_RANDOM") ms[a[2]] = a[3]
		if (a[1] == "EXPORTER_SECRET") es[a[2]] = a[3]
	}
}
/IEEE 802\.1X: start authentication/ { emit(); delete v; want = ""; next }
/\(handshake\/client hello\)/ { want = "client_random"; next }
/\(handshake\/server hello\)/ { want = "server_random"; next }
want != "" && /OpenSSL: Message - hexdump/ {
	v[want] = rnd($0)
	if (want == "client_random") {
		if (v[want] in ms) v["master_secret"] = ms[v[want]]
		if (v[want] in es) v["exporter_secret"] = es[v[want]]
	}
	want = ""; next
}
/OpenSSL: Server selected cipher suite/ { v["cipher_suite"] = $NF }
/SSL: Using TLS version/ { v["version"] = $NF }
/EAP-TLS: Derived key - hexdump\(len=64\)/ { v["method"] = "TLS"; v["msk"] = hex($0) }
/EAP-PEAP: Derived key - hexdump\(len=64\)/ { v["method"] = "PEAP"; v["msk"] = hex($0) }
/EAP-TTLS: Derived key - hexdump\(len=64\)/ { v["method"] = "TTLS"; v["msk"] = hex($0) }
/EAP-MSCHAPV2: Challenge - hexdump/ { v["auth_challenge"] = hex($0) }
/EAP-MSCHAPV2: Peer-Challenge - hexdump/ { v["peer_challenge"] = hex($0) }
/EAP-MSCHAPV2: NT-Response - hexdump/ { v["nt_response"] = hex($0) }
/EAP-MSCHAPV2: Derived Master Key - hexdump/ { v["mschapv2_master_key"] = hex($0) }
/EAP-TTLS\/MSCHAPV2: auth_challenge - hexdump/ { v["auth_challenge"] = hex($0) }
/EAP-TTLS\/MSCHAPV2: peer_challenge - hexdump/ { v["peer_challenge"] = hex($0) }
/EAP-TTLS: MS-CHAP2-Response \(MSCHAPV2\) - hexdump\(len=50\)/ {
	h = hex($0); v["ident"] = substr(h, 1, 2); v["nt_response"] = substr(h, 53, 48)
}
/EAP-PEAP: TK - hexdump/ { v["tk"] = hex($0) }
/EAP-PEAP: ISK - hexdump/ { v["isk"] = hex($0) }
/EAP-PEAP: IPMK \(S-IPMKj\) - hexdump/ { v["ipmk"] = hex($0) }
/EAP-PEAP: CMK \(CMKj\) - hexdump/ { v["cmk"] = hex($0) }
/EAP-PEAP: Compound_MAC data 1 - hexdump/ { if (!("binding_tlv" in v)) v["binding_tlv"] = hex($0) }
/EAP-PEAP: Compound_MAC - hexdump/ { if (!("compound_mac" in v)) v["compound_mac"] = hex($0) }
END { emit() }
' "$raw/hostapd.log"
# The inner credentials are the interop script's eap_user entry ("alice", "password").
for f in "$out"/peap-mschapv2.kat "$out"/ttls-*.kat; do
	[ -f "$f" ] && printf 'username=%s\npassword=%s\n' "$(printf alice | xxd -p)" \
		"$(printf password | xxd -p)" >> "$f"
done
ls -l "$out"/*.kat
