# shellcheck shell=bash
# SPDX-License-Identifier: BSD-3-Clause
# tests/bench/vm-install.sh: sourced by vm-bench.sh and vm-scale.sh (after
# tests/hwsim/lib.sh) in the VM; bench_ihvd_install puts ihvd where it runs from.
#
# ihvd runs from a copy in the VM's tmpfs, as the anchors run from the VM's
# root: that root is the host's over 9p with cache=loose, so their binaries
# and libraries stay in the page cache from one start to the next. The
# repository's share is mounted cache=mmap (scripts/hwsim-vm: it is written
# while the VM runs), and an exec from it read ihvd's pages over 9p again:
# a cold start reached "managed" 130-500 ms after the exec from the share
# against 90-250 ms from a tmpfs copy (12 starts each way, isolated and
# inline, 2026-11-27; tests/bench/probes/ihvd-cold-phases.sh measures it). An
# installed ihvd lives on a local disk like the anchors; the copy measures that.
bench_ihvd_install() {
	local src dst=/tmp/ihvd-bench f
	src=$(build_dir)
	rm -rf "$dst" && mkdir -p "$dst" || return 1
	for f in ihvd ihvd-plugin-host ihv-rsn.so ihvd-eap.so; do
		[[ -e $src/$f ]] || continue
		cp "$src/$f" "$dst/" || return 1
	done
	[[ $(stat -f -c %T "$dst") == tmpfs ]] || echo "bench: warning: $dst is not a tmpfs"
	export IHVD_BUILD=$dst
	echo "bench: ihvd runs from $dst (a copy of $src, on a tmpfs like the page-cached root the anchors run from)"
}
