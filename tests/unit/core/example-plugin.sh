#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# The out-of-tree plugin story, end to end: install ihvd into a staging root
# (make install DESTDIR=... PREFIX=/usr), build examples/plugin against it
# with pkg-config only, then load the result into the contract host over a
# stub driver (ihv-plugin-check) and connect once; then the installed
# ihv-verify runs it through the contract's sequences.
# Usage: tests/unit/core/example-plugin.sh   (env IHVD_BUILD: the build dir)
set -eu
src=$(cd "$(dirname "$0")/../../.." && pwd)
build=${IHVD_BUILD:-$src/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp" # the isolated run reads the plugin as plugin_user (nobody)

make -s -C "$src" BUILD="$build" install DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log"; echo "example-plugin: FAIL (make install)"; exit 1; }
test -f "$tmp/root/usr/include/ihvd/wlanihv.h"
test -f "$tmp/root/usr/include/ihvd/ihvlinux.h"
grep -q '^prefix=/usr$' "$tmp/root/usr/lib/pkgconfig/ihvd-plugin.pc" ||
	{ echo "example-plugin: FAIL (installed ihvd-plugin.pc has the wrong prefix)"; exit 1; }

cp -r "$src/examples/plugin" "$tmp/example"
export PKG_CONFIG_PATH="$tmp/root/usr/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$tmp/root"
export PKG_CONFIG_LIBDIR="$tmp/root/usr/lib/pkgconfig"
make -s -C "$tmp/example" >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log"; echo "example-plugin: FAIL (build against the installed headers)"; exit 1; }
# the build used the staged headers, not the source tree
grep -q -- "-I$tmp/root/usr/include/ihvd" <(make -s -C "$tmp/example" -n -B) ||
	{ echo "example-plugin: FAIL (pkg-config flags not used)"; exit 1; }

"$build/tests/hwsim/tools/ihv-plugin-check" "$tmp/example/example-plugin.so" ||
	{ echo "example-plugin: FAIL (the host refused or did not authorize)"; exit 1; }
# and in a process of its own, through the installed ihvd-plugin-host (issue 11)
test -x "$tmp/root/usr/libexec/ihvd/ihvd-plugin-host" ||
	{ echo "example-plugin: FAIL (ihvd-plugin-host not installed)"; exit 1; }
IHVD_PLUGIN_ISOLATION=isolated IHVD_PLUGIN_HOST="$tmp/root/usr/libexec/ihvd/ihvd-plugin-host" \
	"$build/tests/hwsim/tools/ihv-plugin-check" "$tmp/example/example-plugin.so" ||
	{ echo "example-plugin: FAIL (isolated: the host refused or did not authorize)"; exit 1; }
# and as a vendor checks it: the installed ihv-verify (ihv-verify(1)) finds it clean
"$tmp/root/usr/bin/ihv-verify" -c 20 "$tmp/example/example-plugin.so" >"$tmp/verify.log" 2>&1 ||
	{ grep -v ' met: ' "$tmp/verify.log"; echo "example-plugin: FAIL (ihv-verify)"; exit 1; }
echo "example-plugin: PASS"
