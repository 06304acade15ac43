#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Benchmarks: print figures, never pass or fail on speed.

  boot      wall time from QEMU start to dom0's prompt (median of 5), for
            the direct Multiboot1 boot and the GRUB ISO
  hypercall cycles of a null hypercall (version) measured in dom0 with
            rdtsc, 1000 batches of 1000 calls: min, median, mean per call
  mm        mmu_update per entry (batches of 1 and 512), update_va_mapping,
            a page fault bounced to the guest and back, multicall of N null
            calls (hypercall-tests/bench/mm)
  evtchn    a send on a masked port, send to upcall in one domain, and a
            ping-pong round trip between two domains (hypercall-tests/bench/evtchn)
"""

import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "boot"))
import qemu  # noqa: E402

DOM0 = os.path.join(qemu.BUILD, "dom0.elf")
WORK = qemu.tempdir()
RUNS = 5


def initrd(rc):
    path = os.path.join(WORK, "initrd.tar")
    qemu.make_initrd(path, {"etc/rc": rc})
    return path


def time_to_prompt(boot):
    """Seconds from QEMU start until "dom0# " appears on the serial line."""
    r = boot(script=[("dom0# ", "poweroff\r")])
    if r.timed_out or "dom0# " not in r.output:
        raise RuntimeError("dom0 prompt never appeared")
    return r.prompt_seconds


def bench_boot():
    rd = initrd("")
    iso = os.path.join(WORK, "bench.iso")
    qemu.make_iso(iso, DOM0, rd, "console=com1 loglvl=warning")
    for name, boot in [
            ("direct (QEMU -kernel, Multiboot1)",
             lambda **kw: qemu.boot_mb1([DOM0, rd], hv_cmdline="loglvl=warning", **kw)),
            ("GRUB ISO (Multiboot2)", lambda **kw: qemu.boot_iso(iso, **kw))]:
        times = [time_to_prompt(boot) for _ in range(RUNS)]
        print(f"boot to dom0 prompt, {name}: median {statistics.median(times) * 1000:.0f} ms"
              f" (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {RUNS} runs)")


def bench_hypercall():
    r = qemu.boot_mb1([DOM0, initrd("bench-hypercall 1000000\npoweroff\n")],
                      hv_cmdline="loglvl=warning", timeout=300)
    m = re.search(r"null hypercall: .*", r.output)
    if not m:
        raise RuntimeError("no result from bench-hypercall:\n" + r.output[-2000:])
    print(m.group(0))


def bench_mm():
    """Runs the benchmark kernel of hypercall-tests/bench/mm as dom0."""
    elf = os.path.join(qemu.BUILD, "hypercall-tests", "bench-mm.elf")
    r = qemu.boot_mb1([elf], hv_cmdline="loglvl=warning", timeout=300)
    lines = [l[len("BENCH "):] for l in r.output.splitlines() if l.startswith("BENCH ")]
    if not lines or "RESULT: PASS" not in r.output:
        raise RuntimeError("bench-mm failed:\n" + r.output[-2000:])
    for line in lines:
        print(line)


def bench_evtchn():
    """Event channels: a masked send, send to upcall, and a ping-pong with a
    second domain (the same kernel booted as module "domain=pong")."""
    elf = os.path.join(qemu.BUILD, "hypercall-tests", "bench-evtchn.elf")
    r = qemu.boot_mb1([elf + " pong", elf + " domain=pong mem=8"],
                      hv_cmdline="loglvl=warning", timeout=300)
    lines = [l[len("BENCH "):] for l in r.output.splitlines() if l.startswith("BENCH ")]
    if len(lines) < 3:
        raise RuntimeError("bench-evtchn failed:\n" + r.output[-2000:])
    for line in lines:
        print(line)


def main():
    accel = " ".join(qemu.accel_args())
    print(f"host: {os.uname().machine}, {os.cpu_count()} CPUs; QEMU {accel}")
    bench_boot()
    bench_hypercall()
    bench_mm()
    bench_evtchn()


if __name__ == "__main__":
    main()
