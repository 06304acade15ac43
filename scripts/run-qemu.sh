#!/bin/sh
# SPDX-License-Identifier: MIT
# Boots Shale in QEMU with the serial console on this terminal.
#   run-qemu.sh --iso build/shale.iso [QEMU args...]          (GRUB, Multiboot2)
#   run-qemu.sh --kernel build/shale.elf --cmdline "..." \
#               --modules "dom0.elf args,initrd.tar" [QEMU args...]  (Multiboot1)
# Quit QEMU with Ctrl-A X.
set -e
here=$(dirname "$0")
mem=${SHALE_MEM:-512}
iso= kernel= cmdline= modules=
while [ $# -gt 0 ]; do
	case "$1" in
	--iso)		iso=$2; shift 2 ;;
	--kernel)	kernel=$2; shift 2 ;;
	--cmdline)	cmdline=$2; shift 2 ;;
	--modules)	modules=$2; shift 2 ;;
	*)		break ;;
	esac
done
accel=$("$here/qemu-accel.sh")
set -- $accel -m "$mem" -nographic -serial mon:stdio -nic none \
	-device isa-debug-exit,iobase=0xf4,iosize=4 "$@"
if [ -n "$iso" ]; then
	exec qemu-system-x86_64 "$@" -cdrom "$iso"
fi
exec qemu-system-x86_64 "$@" -kernel "$kernel" -append "$cmdline" -initrd "$modules"
