#!/bin/sh
# SPDX-License-Identifier: MIT
# Makes a GRUB (BIOS) ISO that boots Shale through Multiboot2.
#   mkiso.sh OUT.iso shale.elf dom0.elf initrd.tar [hypervisor cmdline] [dom0 cmdline]
set -e
out=$1 hv=$2 dom0=$3 initrd=$4
hv_cmdline=${5:-console=com1 loglvl=info}
dom0_cmdline=${6:-}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$hv" "$stage/boot/shale.elf"
cp "$dom0" "$stage/boot/dom0.elf"
cp "$initrd" "$stage/boot/dom0-initrd.tar"
cat > "$stage/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "Shale" {
	multiboot2 /boot/shale.elf $hv_cmdline
	module2 /boot/dom0.elf $dom0_cmdline
	module2 /boot/dom0-initrd.tar
	boot
}
CFG
grub-mkrescue -o "$out" "$stage" >/dev/null 2>&1 || {
	echo "mkiso: grub-mkrescue failed (are grub-pc-bin, xorriso and mtools installed?)" >&2
	grub-mkrescue -o "$out" "$stage"
	exit 1
}
