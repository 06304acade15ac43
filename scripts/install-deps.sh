#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages Shale needs to build, run and test.
# Idempotent: does nothing when every package is already present.
set -e

PACKAGES="build-essential binutils qemu-system-x86 grub-pc-bin grub-common \
xorriso mtools check pkg-config python3 xenstore-utils python3-pyxs \
liblmdb-dev lmdb-utils golang-github-bmatsuo-lmdb-go-dev"

missing=""
for pkg in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $pkg"
	fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
