#!/bin/sh
# SPDX-License-Identifier: MIT
# Prints the QEMU acceleration arguments to use on this host.
#
# TCG (-accel tcg -cpu max) by default. KVM only where the CPU offers
# hardware virtualization (vmx or svm in /proc/cpuinfo) and /dev/kvm opens:
# a /dev/kvm with no VMX/SVM behind it is a software nested virtualizer that
# cannot run a ring-3 PV kernel's syscall path. SHALE_ACCEL=tcg|kvm forces.
set -e

kvm_usable() {
	grep -qwE 'vmx|svm' /proc/cpuinfo 2>/dev/null || return 1
	# Opening is the real test (permissions, module loaded).
	( exec 3<>/dev/kvm ) 2>/dev/null || return 1
}

case "${SHALE_ACCEL:-auto}" in
tcg)	echo "-accel tcg -cpu max" ;;
kvm)	echo "-accel kvm -cpu host" ;;
auto)
	if kvm_usable; then
		echo "-accel kvm -cpu host"
	else
		echo "-accel tcg -cpu max"
	fi
	;;
*)	echo "qemu-accel: SHALE_ACCEL must be tcg, kvm or unset" >&2; exit 1 ;;
esac
