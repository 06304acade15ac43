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
  gnttab    grant map + unmap (one and 64 per call, cycles per pair) and
            4 KiB grant copies (MB/s and cycles) in dom0 on its own grants
            (hypercall-tests/bench/gnttab)
  domains   shl create of a 16 MiB guest to its first instruction and first
            line (once the hypervisor has zeroed the free memory boot left,
            as on a host at rest); create/list/destroy with 0-1000 idle
            domains running; how
            many 1 MiB domains fit in 1 GiB and 4 GiB; a 30% cap and a
            256:512 weight split (dom0 commands bench-create, bench-domains,
            bench-density, bench-sched)
  lmdb      LMDB inside dom0 on the memory shim: puts, gets and one-put
            commits per second (dom0 command lmdb-bench), median of 5 boots
  console   bytes per second a guest printing for ever (flood) gets through
            its console ring to dom0's console backend (bench-console)
  xenstore  operations per second of the host daemon through the client
            library: write, read, a 100-entry listing, a transaction, a
            write and its watch event (tests/xenstore/xs-client-bench.c);
            READ and WRITE on raw wire messages, 1 and 32 requests in flight
            (xenstore/host/xs-bench.c); the store inside dom0: in-process
            (bench-store) and from a guest over its ring (storetest bench)

Benchmarks can be named on the command line to run only those:
  tests/bench/bench.py console domains
"""

import os
import re
import socket
import statistics
import subprocess
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


def bench_kernel(name):
    """Runs the benchmark kernel hypercall-tests/bench/NAME as dom0; prints its BENCH lines."""
    elf = os.path.join(qemu.BUILD, "hypercall-tests", "bench-%s.elf" % name)
    r = qemu.boot_mb1([elf], hv_cmdline="loglvl=warning", timeout=300)
    lines = [l[len("BENCH "):] for l in r.output.splitlines() if l.startswith("BENCH ")]
    if not lines or "RESULT: PASS" not in r.output:
        raise RuntimeError("bench-%s failed:\n" % name + r.output[-2000:])
    for line in lines:
        print(line)


def bench_mm():
    """Runs the benchmark kernel of hypercall-tests/bench/mm as dom0."""
    bench_kernel("mm")


def bench_gnttab():
    """Grant map/unmap and copy (hypercall-tests/bench/gnttab) as dom0."""
    bench_kernel("gnttab")


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


def guest_initrd(rc, configs):
    """An initrd with /etc/rc, the demo guests under /boot and configs."""
    files = {"etc/rc": rc}
    for name in ("hello", "idle", "spin", "flood", "storetest"):
        with open(os.path.join(qemu.BUILD, "guests", name + ".elf"), "rb") as f:
            files["boot/%s.elf" % name] = f.read()
    for name, text in configs.items():
        files["etc/shale/%s.cfg" % name] = text
    path = os.path.join(WORK, "domains.tar")
    qemu.make_initrd(path, files)
    return path


BENCH_CONFIGS = {
    "hello": 'name="hello"\nmemory=16\nkernel="/boot/hello.elf"\nextra="timing quiet"\n',
    "idle": 'name="idle"\nmemory=1\nkernel="/boot/idle.elf"\nextra="quiet"\n',
    "spin": 'name="spin"\nmemory=4\nkernel="/boot/spin.elf"\n',
    "flood": 'name="flood"\nmemory=2\nkernel="/boot/flood.elf"\nextra="quiet"\n',
    "storebench": 'name="storebench"\nmemory=8\nkernel="/boot/storetest.elf"\n'
                  'extra="quiet bench"\n',
}


def dom0_bench(rc, mem, timeout=900):
    r = qemu.boot_mb1([DOM0, guest_initrd(rc, BENCH_CONFIGS)], hv_cmdline="loglvl=warning",
                      mem=mem, timeout=timeout)
    if r.timed_out or r.status != 0:
        raise RuntimeError("dom0 benchmark failed:\n" + r.output[-2000:])
    return r.output


def bench_create():
    """shl create of a 16 MiB guest: command, first instruction, first line, destroyed."""
    out = dom0_bench("bench-create hello 20\npoweroff\n", 1024)
    starts = [int(m) for m in re.findall(r"BENCH create: start (\d+) ns", out)]
    cmd = [float(m) for m in re.findall(r"command ([\d.]+) ms", out)]
    done = [float(m) for m in re.findall(r"to destroyed ([\d.]+) ms", out)]
    stamps = [(int(a), int(b)) for a, b in
              re.findall(r"timing: entry (\d+) ns, first line (\d+) ns", out)]
    entry = [(e - s) / 1e6 for s, (e, _) in zip(starts, stamps)]
    line = [(f - s) / 1e6 for s, (_, f) in zip(starts, stamps)]
    for what, v in [("command returns, guest unpaused", cmd),
                    ("to the guest's first instruction", entry),
                    ("to the guest's first console line", line),
                    ("create, run, shut down, destroyed", done)]:
        print(f"create 16 MiB guest, {what}: median {statistics.median(v):.1f} ms "
              f"(min {min(v):.1f}, {len(v)} runs)")


def bench_domains():
    """create/list/destroy with 0, 10, 100, 500 and 1000 idle 1 MiB domains running."""
    out = dom0_bench("bench-domains idle 0 10 100 500 1000\npoweroff\n", 2048)
    for m in re.findall(r"BENCH (domains .*)", out):
        print(m)


def bench_density():
    """How many 1 MiB domains fit when the machine has 1 GiB and 4 GiB."""
    for mem in (1024, 4096):
        out = dom0_bench("bench-density idle\npoweroff\n", mem)
        m = re.search(r"BENCH density: (.*)", out)
        print(f"density with {mem} MiB of RAM: {m.group(1) if m else 'no result'}")


def bench_sched():
    """A 30% cap and a 256:512 weight split over 10 s each."""
    out = dom0_bench("bench-sched spin 10\npoweroff\n", 512)
    for m in re.findall(r"BENCH ((cap|weights) .*)", out):
        print(m[0])


def bench_lmdb():
    """lmdb-bench 20000 in five fresh dom0s: the median of each figure."""
    figures = {"puts/s": [], "gets/s": [], "commits/s": []}
    for _ in range(RUNS):
        r = qemu.boot_mb1([DOM0, initrd("lmdb-bench 20000\npoweroff\n")],
                          hv_cmdline="loglvl=warning", timeout=300)
        m = re.search(r"lmdb-bench: .*: (\d+) puts/s; .*: (\d+) gets/s; .*: (\d+) commits/s",
                      r.output)
        if not m:
            raise RuntimeError("no result from lmdb-bench:\n" + r.output[-2000:])
        for key, value in zip(figures, m.groups()):
            figures[key].append(int(value))
    print("lmdb in dom0 (20000 keys, txns of 1000; gets in one read txn; one-put txns): " +
          ", ".join(f"median {statistics.median(v):.0f} {k} (min {min(v)}, max {max(v)})"
                    for k, v in figures.items()))


def bench_console():
    """A flooding guest's console throughput into dom0's backend, over 1 s windows."""
    out = dom0_bench("bench-console flood 7\npoweroff\n", 512)
    runs = [(int(b), int(ms), int(rate)) for b, ms, rate in re.findall(
        r"BENCH console: run \d+: (\d+) bytes in (\d+) ms: (\d+) bytes/s", out)]
    if not runs:
        raise RuntimeError("bench-console printed nothing:\n" + out[-2000:])
    rates = [r for _, _, r in runs]
    print(f"console throughput, guest to dom0's backend: median "
          f"{statistics.median(rates) / 1024:.0f} KiB/s (min {min(rates) / 1024:.0f}, "
          f"max {max(rates) / 1024:.0f}, {len(rates)} runs of 1 s)")


class HostXenstored:
    """A fresh host xenstored on a temporary socket and database; yields the socket."""

    def __enter__(self):
        host = os.path.join(qemu.BUILD, "host")
        sock = os.path.join(WORK, "xenstored.socket")
        db = os.path.join(WORK, "xenstored.mdb")
        for stale in (db, db + "-lock"):
            if os.path.exists(stale):
                os.unlink(stale)
        self.daemon = subprocess.Popen([os.path.join(host, "xenstored"), "--socket", sock,
                                        "--database", db])
        for _ in range(500):
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.connect(sock)
                break
            except OSError:
                time.sleep(0.02)
        return sock

    def __exit__(self, *exc):
        self.daemon.terminate()
        self.daemon.wait()


def host_tool(name, *args):
    return subprocess.run([os.path.join(qemu.BUILD, "host", name), *args],
                          check=True, capture_output=True, text=True).stdout


def bench_xenstore_client():
    """The host xenstored driven by xs-client-bench through the client library."""
    with HostXenstored() as sock:
        print(host_tool("xs-client-bench", "--socket", sock), end="")


def bench_xenstore_wire():
    """The host xenstored driven by xs-bench on raw wire messages: READ and
    WRITE per second, one request in flight and 32 in flight."""
    with HostXenstored() as sock:
        print(host_tool("xs-bench", "--socket", sock), end="")


def bench_store_dom0():
    """The store inside dom0: bench-store (in-process) and a guest over its ring, 3 boots."""
    rates = {}
    guest_w, guest_r = [], []
    for _ in range(3):
        out = dom0_bench("bench-store 5000\nshl create storebench\nsleep 8\npoweroff\n", 512)
        for what, rate in re.findall(r"BENCH store: (.+?): \d+ ops in \d+ ms: (\d+) ops/s", out):
            rates.setdefault(what, []).append(int(rate))
        m = re.search(r"BENCH store-guest: (\d+) writes in (\d+) us, (\d+) reads in (\d+) us", out)
        if not m:
            raise RuntimeError("the store guest benchmark printed nothing:\n" + out[-2000:])
        guest_w.append(int(m[1]) * 1e6 / int(m[2]))
        guest_r.append(int(m[3]) * 1e6 / int(m[4]))
    for what, v in rates.items():
        print(f"store in dom0, in-process {what}: median {statistics.median(v):.0f} ops/s "
              f"(min {min(v)}, max {max(v)})")
    print(f"store in dom0, from a guest over its ring: median {statistics.median(guest_w):.0f} "
          f"writes/s, {statistics.median(guest_r):.0f} reads/s (3 boots, 2000 each)")


def bench_xenstore():
    bench_xenstore_client()
    bench_xenstore_wire()
    bench_store_dom0()


BENCHMARKS = {
    "boot": bench_boot, "hypercall": bench_hypercall, "mm": bench_mm, "evtchn": bench_evtchn,
    "create": bench_create, "domains": bench_domains, "density": bench_density,
    "sched": bench_sched, "console": bench_console, "gnttab": bench_gnttab,
    "lmdb": bench_lmdb, "xenstore": bench_xenstore,
}


def main():
    names = sys.argv[1:] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s): {' '.join(unknown)} (known: {' '.join(BENCHMARKS)})")
    accel = " ".join(qemu.accel_args())
    print(f"host: {os.uname().machine}, {os.cpu_count()} CPUs; QEMU {accel}")
    for name in names:
        BENCHMARKS[name]()


if __name__ == "__main__":
    main()
