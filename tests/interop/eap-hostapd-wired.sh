#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Interop: the EAP peer (eap-wired-peer) against hostapd 2.10's integrated EAP server with
# driver=wired over a veth pair, in a private network namespace (needs root; no radio, no VM).
# Checks each method's outcome and that both ends derived the same MSK (hostapd -K prints
# its keys; we compare SHA-256 digests).
#   tests/interop/eap-hostapd-wired.sh [BUILD_DIR]
# EAP_INTEROP_RECORD=DIR (tests/unit/eap/data/record-eap-kat.sh) loads keylog-shim.so into
# hostapd and leaves hostapd's log and its TLS key log in DIR.
set -u
if [ "${EAP_INTEROP_NS:-}" != 1 ]; then
	exec unshare -n env EAP_INTEROP_NS=1 "$0" "$@"
fi
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${IHVD_BUILD:-$top/build}}
peer=$build/tests/interop/eap-wired-peer
[ -x "$peer" ] || { echo "no $peer (make first)"; exit 2; }
command -v hostapd >/dev/null || { echo "SKIP: no hostapd"; exit 77; }
d=$(mktemp -d /tmp/eap-interop-XXXXXX)
hpid=
rec=${EAP_INTEROP_RECORD:-}
cleanup() {
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null
	wait 2>/dev/null
	[ -n "${KEEP:-}" ] && cp "$d/hostapd.log" /tmp/eap-interop-hostapd.log
	[ -n "$rec" ] && cat "$d/hostapd.log" >> "$rec/hostapd.log"
	rm -rf "$d"
}
trap cleanup EXIT

# --- PKI (wave2.md 3.6) -----------------------------------------------------------------
(
cd "$d"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=interop CA" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=server.example.com"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:server.example.com\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile server.ext -out server.pem
openssl req -newkey rsa:2048 -keyout client.key -passout pass:keypass -out client.csr -subj "/CN=client@example.com"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' > client.ext
openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile client.ext -out client.pem
) >/dev/null 2>&1 || { echo "FAIL: certificates"; exit 1; }

cat > "$d/eap_user" <<EOU
"client@example.com" TLS
"anonymous" PEAP,TTLS
"alice" MSCHAPV2,TTLS-PAP,TTLS-MSCHAPV2 "password" [2]
EOU

ip link set lo up
ip link add veth-a type veth peer name veth-b || { echo "SKIP: no veth"; exit 77; }
ip link set veth-a up
ip link set veth-b up

start_hostapd() { # $1: extra config line
	[ -n "$hpid" ] && { kill "$hpid"; wait "$hpid" 2>/dev/null; }
	cat > "$d/hostapd.conf" <<EOC
interface=veth-a
driver=wired
ieee8021x=1
eapol_version=2
eap_server=1
eap_user_file=$d/eap_user
ca_cert=$d/ca.pem
server_cert=$d/server.pem
private_key=$d/server.key
fragment_size=1000
$1
EOC
	[ -n "$rec" ] && [ -f "$d/hostapd.log" ] && cat "$d/hostapd.log" >> "$rec/hostapd.log"
	: > "$d/hostapd.log"
	if [ -n "$rec" ]; then
		LD_PRELOAD=$build/tests/tools/keylog-shim.so KEYLOG_FILE=$rec/keylog \
			hostapd -dd -K "$d/hostapd.conf" >> "$d/hostapd.log" 2>&1 &
	else
		hostapd -dd -K "$d/hostapd.conf" >> "$d/hostapd.log" 2>&1 &
	fi
	hpid=$!
	for _ in $(seq 50); do grep -q "veth-a: AP-ENABLED\|interface state .*->ENABLED" "$d/hostapd.log" && break; sleep 0.1; done
	sleep 0.3
}

# hostapd's MSK for the last success: "EAP-PEAP: Derived key - hexdump(len=64): xx xx ..."
hostapd_msk_sha() { # $1: first log line of this run
	tail -n "+$1" "$d/hostapd.log" | grep -E "EAP-(TLS|PEAP|TTLS): Derived key - hexdump\(len=64\)" |
		tail -n 1 | sed -E 's/.*hexdump\(len=64\): //; s/ //g' | xxd -r -p | sha256sum | cut -d' ' -f1
}

pass=0 fail=0 n=0 last_mark=1
check() { # name want(SUCCESS|FAILURE) grep-text args...
	local name=$1 want=$2 text=$3 out ours theirs mark
	shift 3
	n=$((n + 1))
	ip link set veth-b address "02:00:00:00:01:$(printf %02x $n)"
	mark=$(($(wc -l < "$d/hostapd.log") + 1))
	last_mark=$mark
	out=$("$peer" veth-b "$@" timeout=20 2>&1)
	if ! grep -q "^RESULT ${want,,}" <<<"$out" || ! grep -qF -- "$text" <<<"$out"; then
		echo "FAIL $name: $out"; fail=$((fail + 1)); return
	fi
	if [ "$want" = SUCCESS ]; then
		sleep 0.2
		ours=$(sed -n 's/^MSK-SHA256 //p' <<<"$out")
		theirs=$(hostapd_msk_sha "$mark")
		if [ "$ours" != "$theirs" ]; then
			echo "FAIL $name: MSK differs (peer $ours, hostapd $theirs)"; fail=$((fail + 1)); return
		fi
	fi
	echo "ok   $name: $(head -n 1 <<<"$out")"
	pass=$((pass + 1))
}

C=$d
start_hostapd ""
check "EAP-TLS 1.2" SUCCESS "TLS: success" TLS identity=client@example.com ca_cert=$C/ca.pem \
	client_cert=$C/client.pem private_key=$C/client.key private_key_passwd=keypass \
	domain_suffix_match=example.com
check "PEAP/MSCHAPv2" SUCCESS "PEAP/MSCHAPv2: success" PEAP identity=alice anonymous_identity=anonymous \
	password=password ca_cert=$C/ca.pem domain_suffix_match=example.com
# hostapd (OPTIONAL_BINDING) sent a Crypto-Binding TLV: it must have accepted ours
if tail -n "+$last_mark" "$d/hostapd.log" | grep -q "Valid cryptobinding TLV received"; then
	echo "ok   PEAP cryptobinding accepted by hostapd"; pass=$((pass + 1))
else
	echo "FAIL PEAP cryptobinding not accepted by hostapd"; fail=$((fail + 1))
fi
check "PEAP/MSCHAPv2 wrong password" FAILURE "PEAP/MSCHAPv2: authentication failed (E=691)" PEAP \
	identity=alice anonymous_identity=anonymous password=wrong ca_cert=$C/ca.pem
check "TTLS/PAP" SUCCESS "TTLS/PAP: success" TTLS identity=alice anonymous_identity=anonymous \
	password=password phase2=auth=PAP ca_cert=$C/ca.pem
check "TTLS/MSCHAPv2" SUCCESS "TTLS/MSCHAPv2: success" TTLS identity=alice anonymous_identity=anonymous \
	password=password phase2=auth=MSCHAPV2 ca_cert=$C/ca.pem
check "TTLS/MSCHAPv2 wrong password" FAILURE "TTLS/MSCHAPv2: authentication failed" TTLS identity=alice \
	anonymous_identity=anonymous password=wrong ca_cert=$C/ca.pem
check "wrong domain refused" FAILURE "server name mismatch: wanted suffix example.net, got server.example.com" \
	PEAP identity=alice anonymous_identity=anonymous password=password ca_cert=$C/ca.pem \
	domain_suffix_match=example.net
start_hostapd "tls_flags=[ENABLE-TLSv1.3]"
check "EAP-TLS 1.3" SUCCESS "TLS: success" TLS identity=client@example.com ca_cert=$C/ca.pem \
	client_cert=$C/client.pem private_key=$C/client.key private_key_passwd=keypass
echo "interop: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
