#!/bin/sh
# SPDX-License-Identifier: MIT
# Turns `nm -n` output (stdin) into an assembly file holding the sorted
# text symbols of the hypervisor, for symbolized backtraces.
set -e
awk '
BEGIN { n = 0 }
$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ { addr[n] = $1; name[n] = $3; n++ }
END {
	print "\t.section .symbols, \"a\""
	print "\t.balign 8"
	print "\t.globl symbols_count, symbols_addrs, symbols_name_offsets, symbols_names"
	print "symbols_count:\n\t.quad " n
	print "symbols_addrs:"
	for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
	print "symbols_name_offsets:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
	print "symbols_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
}'
