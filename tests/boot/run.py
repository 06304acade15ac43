#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot tests: start the whole stack in QEMU (both boot paths), give dom0
its own /etc/rc, enforce a time-out and check the serial output and QEMU's
exit status. Prints one PASS/FAIL line per test and a summary.

QEMU exit statuses (isa-debug-exit gives (code << 1) | 1):
  0 dom0 powered off or rebooted (-no-reboot), 3 hypervisor panic,
  5 dom0 crashed, 7 boot failed (no usable dom0)."""

import calendar
import os
import re
import shutil
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import qemu  # noqa: E402

DOM0 = os.path.join(qemu.BUILD, "dom0.elf")
PRIV = os.path.join(qemu.BUILD, "tests", "priv.elf")
TESTS = []
WORK = qemu.tempdir()


def test(fn):
    TESTS.append(fn)
    return fn


class Check:
    """Collects the problems of one test run."""

    def __init__(self, result):
        self.r = result
        self.problems = []
        if result.timed_out:
            self.problems.append("timed out")

    def status(self, want):
        if self.r.status != want:
            self.problems.append(f"exit status {self.r.status}, expected {want}")

    def has(self, *patterns):
        """Each pattern must appear, in this order."""
        pos = 0
        for p in patterns:
            m = re.compile(p, re.M).search(self.r.output, pos)
            if not m:
                self.problems.append(f"missing (in order): {p!r}")
                return
            pos = m.end()

    def lacks(self, *patterns):
        for p in patterns:
            if re.search(p, self.r.output, re.M):
                self.problems.append(f"unexpected: {p!r}")


GUESTS_DIR = os.path.join(qemu.BUILD, "guests")
CONFIG_DIR = os.path.join(qemu.ROOT, "dom0-tools", "initrd", "etc", "shale")


def guest_files():
    """The demo guests as boot/NAME.elf and the default configs as etc/shale/NAME.cfg."""
    files = {}
    for elf in sorted(os.listdir(GUESTS_DIR)):
        with open(os.path.join(GUESTS_DIR, elf), "rb") as f:
            files["boot/" + elf] = f.read()
    for cfg in sorted(os.listdir(CONFIG_DIR)):
        with open(os.path.join(CONFIG_DIR, cfg)) as f:
            files["etc/shale/" + cfg] = f.read()
    return files


def initrd(rc, extra=None, name="initrd.tar", guests=False):
    """A test initrd with /etc/rc; guests=True adds the demo guests and their configs."""
    files = {"etc/rc": rc, "etc/motd": "motd: testing Shale\n"}
    if guests:
        files.update(guest_files())
    files.update(extra or {})
    path = os.path.join(WORK, name)
    qemu.make_initrd(path, files)
    return path


SHELL_RC = """echo rc-start
version
help
ls /etc
cat /etc/motd
cat /etc/nope
nosuchcmd arg
echo "two words" three
echo rc-end
poweroff
"""


def check_shell_session(c):
    c.status(0)
    c.has(r"Shale dom0", r"rc-start", r"ABI 0\.1", r"help", r"poweroff",
          r"etc/motd", r"motd: testing Shale", r"/etc/nope: no such file",
          r"nosuchcmd: command not found", r"two words three", r"rc-end",
          r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crashed")


@test
def mb1_dom0_runs_rc():
    """QEMU -kernel (Multiboot1): dom0 starts in ring 3, runs /etc/rc, powers off."""
    c = Check(qemu.boot_mb1([DOM0, initrd(SHELL_RC)]))
    c.has(r"booted by qemu \(multiboot1\)")
    check_shell_session(c)
    return c


@test
def mb2_grub_iso_dom0_runs_rc():
    """GRUB ISO (Multiboot2): the same session through the normal boot path."""
    iso = os.path.join(WORK, "test.iso")
    qemu.make_iso(iso, DOM0, initrd(SHELL_RC), "console=com1 loglvl=info")
    c = Check(qemu.boot_iso(iso))
    c.has(r"booted by GRUB.*\(multiboot2\)", r"command line: console=com1 loglvl=info\n")
    check_shell_session(c)
    return c


@test
def prompt_reads_console_input():
    """The prompt reads typed lines; long lines and unknown commands are refused cleanly."""
    rc = "echo rc-done\n"
    script = [("dom0# ", "echo typed-" + "input\r"),
              ("typed-input", "x" * 400 + "\r"),
              ("too long", "bogus\r"),
              ("command not found", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)], script=script))
    c.status(0)
    c.has(r"rc-done", r"dom0# ", r"\ntyped-input\n", r"line too long", r"dom0# ",
          r"bogus: command not found", r"shut down \(poweroff\)")
    return c


@test
def long_rc_line_is_refused():
    """A line in /etc/rc longer than the shell's buffer gets a message; the rest still runs."""
    c = Check(qemu.boot_mb1([DOM0, initrd("echo " + "y" * 600 + "\necho after\npoweroff\n")]))
    c.status(0)
    c.has(r"too long", r"\nafter\n")
    return c


@test
def dom0_reboot_resets():
    """reboot from dom0 resets the machine (QEMU -no-reboot exits cleanly)."""
    c = Check(qemu.boot_mb1([DOM0, initrd("reboot\n")]))
    c.status(0)
    c.has(r"d0: shut down \(reboot\)")
    return c


@test
def dom0_without_initrd():
    """dom0 copes with no initrd: it says so and still reaches its prompt."""
    c = Check(qemu.boot_mb1([DOM0], script=[("dom0# ", "poweroff\r")]))
    c.status(0)
    c.has(r"no initrd", r"dom0# ", r"shut down \(poweroff\)")
    return c


@test
def cmdline_options_and_unknown_ones():
    """dom0_mem= and loglvl= are honoured; an unknown option is reported, not ignored."""
    c = Check(qemu.boot_mb1([DOM0, initrd("poweroff\n")],
                            hv_cmdline="dom0_mem=64M loglvl=debug frobnicate=1 console=com1"))
    c.status(0)
    c.has(r"cmdline: 'frobnicate=1': unknown option", r"dom0: 64 MiB",
          r"shut down \(poweroff\)")
    return c


@test
def no_dom0_module():
    """Booting with no modules fails with a clear message and status 7."""
    c = Check(qemu.boot_mb1([]))
    c.status(7)
    c.has(r"boot failed: no dom0 kernel")
    return c


def corrupt_module(name, data):
    path = os.path.join(WORK, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


@test
def corrupt_elf_not_elf():
    """A dom0 module that is not ELF at all is refused with the reason."""
    bad = corrupt_module("garbage.bin", b"this is not an ELF file\n" * 100)
    c = Check(qemu.boot_mb1([bad]))
    c.status(7)
    c.has(r"dom0: kernel module is not a loadable ELF64 image: bad magic",
          r"boot failed: could not build dom0")
    return c


@test
def corrupt_elf_truncated():
    """A truncated dom0 ELF (program headers cut off) is refused, not loaded."""
    with open(DOM0, "rb") as f:
        head = f.read(80)
    bad = corrupt_module("truncated.elf", head)
    c = Check(qemu.boot_mb1([bad]))
    c.status(7)
    c.has(r"not a loadable ELF64 image: program headers outside the file")
    return c


def priv_test(insn, vector_text):
    # The guest kernel registers its own trap handlers by default; "notraps"
    # keeps these tests on the path they check: the hypervisor containing a
    # guest that has no handler for the exception.
    c = Check(qemu.boot_mb1([f"{PRIV} insn={insn} notraps"]))
    c.status(5)
    c.has(rf"executing {insn}", rf"d0: crashed: {vector_text}.* at rip 0x[0-9a-f]+, error code")
    c.lacks(r"did not fault", r"PANIC")
    return c


for _insn, _vec in [("cli", "#GP"), ("hlt", "#GP"), ("cr3", "#GP"), ("in", "#GP"),
                    ("out", "#GP"), ("lgdt", "#GP"), ("ud2", "#UD"), ("int3", "#BP"),
                    ("pf", "#PF")]:
    def _make(insn=_insn, vec=_vec):
        def fn():
            return priv_test(insn, vec)
        fn.__name__ = f"dom0_{insn}_is_contained"
        fn.__doc__ = f"dom0 executing {insn} is stopped with its reason ({vec}), status 5."
        return fn
    test(_make())


OWN_TABLES = (r"guest: running on its own page tables: L4 mfn (0x[0-9a-f]+), (\d+) table frames, "
              r"(\d+) bootstrap frames freed")


def own_tables_check(c):
    """The kernel switched to tables of its own and reused every bootstrap frame."""
    boot = re.search(r"page tables: pt_base 0x[0-9a-f]+, (\d+) frames", c.r.output)
    own = re.search(OWN_TABLES, c.r.output)
    if not boot or not own:
        c.problems.append("no start-of-day page-table summary or no own-page-tables line")
        return None
    if own.group(3) != boot.group(1):
        c.problems.append(f"{own.group(3)} bootstrap frames freed, {boot.group(1)} expected")
    return own.group(1)


@test
def dom0_runs_on_own_page_tables():
    """dom0 switches to page tables of its own, reuses the bootstrap ones; the shell works."""
    rc = "meminfo\necho after-meminfo\nversion\npoweroff\n"
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)]))
    c.status(0)
    c.has(r"Shale guest kernel: start_info", OWN_TABLES, r"Shale dom0", r"rc> meminfo",
          r"pages: \d+ total .* managed by the allocator, \d+ free",
          r"page tables: L4 mfn 0x[0-9a-f]+, \d+ table frames, \d+ bootstrap frames freed",
          r"malloc: ", r"traps: table installed", r"\nafter-meminfo\n", r"ABI 0\.1",
          r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash", r"^mm: ")
    l4 = own_tables_check(c)
    if l4 and not re.search(rf"page tables: L4 mfn {l4},", c.r.output):
        c.problems.append(f"meminfo does not show the L4 the kernel switched to ({l4})")
    return c


@test
def own_page_tables_across_1gib():
    """A dom0 larger than 1 GiB needs two L2 tables: the switch still works, map-test too."""
    rc = "meminfo\nmap-test\nmalloc-test 500\npoweroff\n"
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)], hv_cmdline="dom0_mem=1200M", mem=1536,
                            timeout=120))
    c.status(0)
    c.has(r"dom0: 1200 MiB", OWN_TABLES, r"map-test: OK", r"malloc-test: 500 blocks OK",
          r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash")
    own_tables_check(c)
    return c


@test
def own_page_tables_tiny_dom0():
    """A 2 MiB dom0 (a handful of table frames) switches too; malloc-test running out is clean."""
    rc = "malloc-test 1000\nmeminfo\nmalloc-test 50\npoweroff\n"
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)], hv_cmdline="dom0_mem=2M"))
    c.status(0)
    c.has(OWN_TABLES, r"malloc-test: out of memory at block \d+",
          r"in use 0 blocks, 0 bytes", r"malloc-test: 50 blocks OK",
          r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash")
    own_tables_check(c)
    return c


def fault_test(kind, patterns, rc_after="echo not-reached\npoweroff\n"):
    """Boots dom0 with /etc/rc running `fault KIND`; the domain must crash with status 5."""
    c = Check(qemu.boot_mb1([DOM0, initrd(f"fault {kind}\n" + rc_after)]))
    c.status(5)
    c.has(OWN_TABLES, rf"rc> fault {kind}", *patterns, r"d0: crashed: shutdown\(crash\) requested")
    c.lacks(r"PANIC", r"not-reached", r"did not fault", r"while handling an exception")
    return c


@test
def fault_pf_read_is_reported():
    """A read of an unmapped address: the guest's #PF handler names address and cause, crashes."""
    return fault_test("pf-read", [
        r"guest: exception #PF page fault \(vector 14\) at rip 0x[0-9a-f]+, error code 0x4\n",
        r"guest: page fault at address 0x10: read, page not present, user mode",
        r"  rax [0-9a-f]{16}", r"guest crash: unhandled page fault"])


@test
def fault_pf_write_is_reported():
    """A write to an unmapped address: error code 0x6 decoded as a write."""
    return fault_test("pf-write", [
        r"guest: exception #PF page fault \(vector 14\) at rip 0x[0-9a-f]+, error code 0x6\n",
        r"guest: page fault at address 0x10: write, page not present, user mode",
        r"guest crash: unhandled page fault"])


@test
def fault_pt_write_is_refused():
    """A write to the kernel's own L4 through its read-only mapping faults (present|write|user)."""
    c = fault_test("pt-write", [
        r"fault: writing to the L4 \(mfn 0x[0-9a-f]+\) at (0x[0-9a-f]+)",
        r"guest: exception #PF page fault \(vector 14\) at rip 0x[0-9a-f]+, error code 0x7\n",
        r"guest: page fault at address 0x[0-9a-f]+: write, protection violation, user mode",
        r"guest crash: unhandled page fault"])
    target = re.search(r"writing to the L4 \(mfn 0x[0-9a-f]+\) at (0x[0-9a-f]+)", c.r.output)
    if target and f"page fault at address {target.group(1)}:" not in c.r.output:
        c.problems.append(f"the fault is not reported at the L4 address {target.group(1)}")
    return c


@test
def fault_ud_is_reported():
    """ud2: the guest's handler reports #UD with rip and error code, then crashes the domain."""
    return fault_test("ud", [
        r"guest: exception #UD invalid opcode \(vector 6\) at rip 0x[0-9a-f]+, error code 0x0\n",
        r"guest crash: unhandled exception"])


@test
def fault_gp_is_reported():
    """A privileged instruction (cli) is bounced to the guest as #GP and reported."""
    return fault_test("gp", [
        r"guest: exception #GP general protection \(vector 13\) at rip 0x[0-9a-f]+, "
        r"error code 0x0\n",
        r"guest crash: unhandled exception"])


@test
def fault_int3_resumes():
    """int3 is reported and resumed with every register intact; the prompt keeps working."""
    script = [("dom0# ", "fault int3\r"),
              ("registers preserved", 'echo "after-"int3\r'),
              ("after-int3", "meminfo\r"),
              ("traps: ", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd("echo rc-done\n")], script=script))
    c.status(0)
    c.has(r"guest: exception #BP breakpoint \(vector 3\) at rip 0x[0-9a-f]+, error code 0x0\n",
          r"guest: breakpoint: resuming", r"fault: int3: resumed after the breakpoint",
          r"fault: int3: registers preserved across the exception", r"\nafter-int3\n",
          r"traps: table installed, vector 3: 2\n", r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash", r"ERROR")
    return c


@test
def malloc_and_map_frame_work():
    """malloc-test (varied sizes, realloc, scattered frees) and map-test pass; the heap empties."""
    rc = "meminfo\nmalloc-test 3000\nmap-test\nmap-test\nmeminfo\npoweroff\n"
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)]))
    c.status(0)
    c.has(r"rc> meminfo", r"malloc-test: 3000 blocks OK",
          r"mfn [0-9a-f]+ is in use as L4, not usable as writable",
          r"map-test: OK \(3 page-table frames created on demand\)",
          r"map-test: OK \(0 page-table frames created on demand\)", HEAP_LINE,
          r"d0: shut down \(poweroff\)")
    heap_back_to_start(c)
    c.lacks(r"PANIC", r"crash", r"FAILED")
    return c


HEAP_LINE = r"malloc: \d+ arena\(s\), \d+ pages; in use (\d+) blocks, (\d+) bytes"


def heap_back_to_start(c):
    """The heap in use at the last meminfo is what it was at the first: dom0's long-lived
    services (the store) keep their blocks, everything a command took is given back."""
    seen = re.findall(HEAP_LINE, c.r.output)
    if len(seen) < 2:
        c.problems.append(f"expected two meminfo heap lines, found {len(seen)}")
    elif seen[0] != seen[-1]:
        c.problems.append(f"heap in use went from {seen[0]} to {seen[-1]} (blocks, bytes)")


LMDB_PASS = (r"lmdb-selftest: PASS \((\d+) checks; 3000 keys in 12 txns, 1 aborted, 300 deleted, "
             r"2700 after reopen; map full after (\d+) keys\)")


@test
def lmdb_runs_in_dom0_on_the_memory_shim():
    """lmdb-selftest passes twice in a row (every file, mapping and heap block given back in
    between), --inject-failure shows a failure, and the heap is back where it started."""
    rc = ("meminfo\nlmdb-selftest\nlmdb-selftest\nlmdb-selftest --inject-failure\n"
          "echo after-failure\nmeminfo\npoweroff\n")
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)]))
    c.status(0)
    c.has(r"rc> lmdb-selftest\n", LMDB_PASS, r"rc> lmdb-selftest\n", LMDB_PASS,
          r"rc> lmdb-selftest --inject-failure",
          r"lmdb-selftest: FAILED: mdb_get\(key-00000007\): .*\(value differs\)",
          r"lmdb-selftest: FAIL \([1-9]\d* of \d+ checks failed\)", r"after-failure",
          HEAP_LINE, r"d0: shut down \(poweroff\)")
    heap_back_to_start(c)
    for checks, full in re.findall(LMDB_PASS, c.r.output):
        if int(checks) < 70 or int(full) < 100:
            c.problems.append(f"PASS line with {checks} checks and map full after {full} keys")
    passes = re.findall(LMDB_PASS, c.r.output)
    if len(passes) != 2:
        c.problems.append(f"{len(passes)} PASS lines, expected 2")
    c.lacks(r"PANIC", r"crash", r"assertion failed")
    return c


@test
def hypervisor_panic_has_registers_and_backtrace():
    """A fault in the hypervisor prints registers and a symbolized backtrace, status 3."""
    c = Check(qemu.boot_mb1([DOM0, initrd("poweroff\n")], hv_cmdline="crash_selftest"))
    c.status(3)
    c.has(r"PANIC: #UD invalid opcode in the hypervisor", r"RIP: [0-9a-f]{16} <start_hypervisor\+",
          r"RAX: ", r"Backtrace:", r"<start64_high\+", r"machine stopped")
    return c


# ---------------------------------------------------------------------------
# The toolstack: shl, the domain builder, shutdown policies (dom0-tools/).

LIST_HEADER = "Name                                        ID   Mem VCPUs\tState\tTime(s)\n"

TEST_CONFIGS = {
    "etc/shale/mini.cfg": 'name = "mini"\nkernel = "/boot/hello.elf"\nmemory = 1\n',
    "etc/shale/keeper.cfg": 'name = "keeper"\nkernel = "/boot/hello.elf"\nmemory = 16\n'
                            'on_poweroff = "preserve"\n',
    "etc/shale/crasher.cfg": 'name = "crasher"\nkernel = "/boot/crasher.elf"\nmemory = 4\n',
    "etc/shale/rebooter.cfg": 'name = "rebooter"\nkernel = "/boot/hello.elf"\nmemory = 2\n'
                              'cmdline = "reboot"\non_reboot = "restart"\n',
    "etc/shale/binder.cfg": 'name = "binder"\nkernel = "/boot/binder.elf"\nmemory = 2\n',
    "etc/shale/bad.cfg": 'name = "bad"\nkernel = "/boot/hello.elf"\nmemory = = 16\n',
    "etc/shale/nokernel.cfg": 'name = "nokernel"\nkernel = "/boot/nope.elf"\n',
    "etc/shale/notelf.cfg": 'name = "notelf"\nkernel = "/etc/motd"\n',
    "etc/shale/huge.cfg": 'name = "huge"\nkernel = "/boot/hello.elf"\nmemory = 4096\n',
    "etc/shale/extras.cfg": 'name = "extras"\nkernel = "/boot/hello.elf"\nmemory = 1\n'
                            'vcpus = 2\nbuilder = "generic"\ndisk = [ "/img,raw,xvda,w" ]\n',
    "etc/shale/flood.cfg": 'name = "flood"\nkernel = "/boot/flood.elf"\nmemory = 2\n'
                           'extra = "quiet"\n',
    "etc/shale/badring.cfg": 'name = "badring"\nkernel = "/boot/badring.elf"\nmemory = 2\n'
                             'extra = "quiet"\n',
    "etc/shale/storetest.cfg": 'name = "storetest"\nkernel = "/boot/storetest.elf"\nmemory = 8\n'
                               'extra = "peer=1"\n',
    "etc/shale/storetest5.cfg": 'name = "storetest"\nkernel = "/boot/storetest.elf"\nmemory = 8\n'
                                'extra = "peer=5"\n',
    **{f"etc/shale/storebad-{mode}.cfg": f'name = "storebad-{mode}"\nkernel = "/boot/storebad.elf"\n'
       f'memory = 2\nextra = "quiet noxenbus {mode}"\n'
       for mode in ("index", "oversize", "garbage", "deaf")},
    "etc/shale/longname.cfg": 'name = "a-name-that-is-longer-than-31-chars"\n'
                              'kernel = "/boot/hello.elf"\nmemory = 1\n',
}


def shl_boot(rc, timeout=90, **kw):
    """Boots dom0 with the demo guests, the test configs and rc; returns a Check."""
    return Check(qemu.boot_mb1([DOM0, initrd(rc, TEST_CONFIGS, guests=True)],
                               timeout=timeout, **kw))


def list_row(name, domid, mib, state):
    """A regex for one `shl list` row, columns exactly as xl prints them (mib: int or regex)."""
    mib = re.escape("%5d" % mib) if isinstance(mib, int) else mib
    return ("^" + re.escape("%-40s %5d " % (name, domid)) + mib + re.escape(" %5d     " % 1) +
            state + r"  [ \d]{5}\d\.\d$")


def section(c, start, end=None):
    """The output between the echo of rc line start and the next rc line end."""
    out = c.r.output
    a = out.find("rc> " + start)
    if a < 0:
        c.problems.append(f"rc line {start!r} did not run")
        return ""
    b = out.find("rc> " + end, a + 1) if end else -1
    return out[a:b] if b >= 0 else out[a:]


def sec_has(c, text, pattern, what):
    if not re.search(pattern, text, re.M):
        c.problems.append(f"{what}: missing {pattern!r}")


def sec_lacks(c, text, pattern, what):
    if re.search(pattern, text, re.M):
        c.problems.append(f"{what}: unexpected {pattern!r}")


def shl_clean(c):
    c.status(0)
    c.lacks(r"PANIC", r"d0: crashed", r"heap corruption", r"assertion")


@test
def shl_create_hello_powers_off_and_is_destroyed():
    """shl create hello: the guest greets with (d1), powers off, on_poweroff destroys it."""
    rc = ("shl list\nshl create hello\nsleep 2\nshl list\necho after-list\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"rc> shl list\n" + re.escape(LIST_HEADER) + list_row("Domain-0", 0, r" *\d+", "r-----"),
          r"Parsing config from /etc/shale/hello\.cfg",
          r"\(d1\) hello: Hello from a Shale guest!", r"\(d1\) hello: domain id 1\n",
          r"\(d1\) hello: memory 16 MiB\n", r"\(HV\) d1: shut down \(poweroff\)",
          r"shl: hello \(d1\) powered off: destroyed", r"rc> shl list\n" +
          re.escape(LIST_HEADER) + r"Domain-0 .*\nrc> echo after-list")
    c.has(r"shl: hello \(d1\) created: 16 MiB, running")
    before = section(c, "shl list", "shl create")
    sec_lacks(c, before, r"^hello ", "list before create")
    return c


@test
def shl_ticker_pause_unpause_destroy():
    """ticker ticks; list shows it blocked, pause shows p and stops ticks, destroy removes it."""
    rc = ("shl create ticker\nsleep 2.5\nshl list\nshl pause ticker\nshl list ticker\n"
          "sleep 2\nshl unpause ticker\nsleep 2.2\nshl list\nshl destroy ticker\nsleep 1.5\n"
          "shl list\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"shl: ticker \(d1\) created: 16 MiB, running")
    c.has(r"\(d1\) ticker: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(tick 1\)",
          r"\(d1\) ticker: .* \(tick 2\)")
    sec_has(c, section(c, "shl list", "shl pause"), list_row("ticker", 1, 16, "[-r][-b]----"),
            "list while running")
    sec_has(c, section(c, "shl list ticker", "sleep 2"), list_row("ticker", 1, 16, "-[-b]p---"),
            "list while paused")
    sec_lacks(c, section(c, "sleep 2\n", "shl unpause"), r"\(d1\) ticker:", "while paused")
    sec_has(c, section(c, "shl unpause", "shl list"), r"\(d1\) ticker: .*tick", "after unpause")
    sec_lacks(c, section(c, "shl destroy ticker"), r"\(d1\) ticker:|^ticker ", "after destroy")
    return c


@test
def shl_on_poweroff_preserve_keeps_domain():
    """on_poweroff = preserve leaves the domain shut down: list shows ---s--; destroy frees it."""
    rc = ("shl create keeper\nsleep 2\nshl list\nshl destroy keeper\nshl list\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"\(d1\) hello: powering off", r"shl: keeper \(d1\) powered off: preserved")
    sec_has(c, section(c, "shl list", "shl destroy"), list_row("keeper", 1, 16, "---s--"),
            "list of the preserved domain")
    sec_lacks(c, section(c, "shl destroy keeper"), r"^keeper ", "list after destroy")
    return c


@test
def shl_reboot_restarts_with_new_domid():
    """shl reboot: on_reboot = restart builds ticker again as a new domain (d2) that ticks."""
    rc = ("shl create ticker\nsleep 1.5\nshl reboot -w ticker\nsleep 2\nshl list\n"
          "shl destroy ticker\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    # The new guest may print before dom0 reports the restart: check each order separately.
    c.has(r"\(d1\) ticker: .*\(tick 1\)", r"rc> shl reboot -w ticker",
          r"\(HV\) d1: shut down \(reboot\)", r"\(d2\) ticker: .*\(tick 1\)",
          r"rc> shl list\n" + re.escape(LIST_HEADER) + r"Domain-0 .*\n" +
          list_row("ticker", 2, 16, "[-r][-b]----")[1:])
    c.has(r"\(HV\) d1: shut down \(reboot\)", r"shl: ticker \(d1\) rebooted: restarted as d2",
          r"rc> shl list")
    return c


@test
def shl_guest_reboot_restarts_and_a_loop_is_stopped():
    """A guest that reboots itself is restarted (new id, greets again) until it loops too fast."""
    c = shl_boot("shl create rebooter\nsleep 8\nshl list\npoweroff\n", timeout=120)
    shl_clean(c)
    c.has(r"\(d1\) hello: Hello", r"\(d1\) hello: rebooting", r"\(d2\) hello: Hello",
          r"\(d2\) hello: domain id 2", r"rebooted: restarting too fast: destroyed")
    c.has(r"shl: rebooter \(d1\) rebooted: restarted as d2",
          r"shl: rebooter \(d2\) rebooted: restarted as d3")
    sec_lacks(c, section(c, "shl list"), r"^rebooter ", "list after the loop stopped")
    return c


@test
def shl_on_crash_destroys_crashed_guest():
    """A guest that faults is crashed by its kernel; on_crash = destroy removes it."""
    c = shl_boot("shl create crasher\nsleep 2\nshl list\npoweroff\n")
    shl_clean(c)
    c.has(r"\(d1\) crasher: domain 1 reading address 0x10",
          r"\(d1\) guest: exception #PF page fault", r"\(d1\) guest crash: unhandled page fault",
          r"\(HV\) d1: shut down \(crash\)", r"shl: crasher \(d1\) crashed: destroyed")
    c.lacks(r"the fault did not happen")
    sec_lacks(c, section(c, "shl list"), r"^crasher ", "list after the crash")
    return c


@test
def shl_create_errors_create_nothing():
    """Bad configs and failing builds: one clear line each, no domain left, no memory lost."""
    rc = ("shl info\nshl create bad\nshl create /etc/shale/missing.cfg\nshl create nokernel\n"
          "shl create notelf\nshl create huge\nshl create longname\nshl create -x hello\n"
          "shl create -p hello\nshl create hello\nshl destroy hello\nshl create -p extras\n"
          "shl destroy extras\nshl list\nshl info\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"shl: create: /etc/shale/bad\.cfg:3:10: error: expected a value",
          r"shl: create: /etc/shale/missing\.cfg: no such file",
          r"shl: create: kernel /boot/nope\.elf: no such file",
          r"shl: create: notelf: building failed at kernel: ENOEXEC "
          r"\(not a loadable ELF64 image: [a-z ]+\)",
          r"shl: create: huge: building failed at memory: ENOMEM "
          r"\(4096 MiB asked, \d+ MiB free\)",
          r"shl: create: a-name-that-is-longer-than-31-chars: building failed at name: EINVAL "
          r"\('a-name-that-is-longer-than-31-chars': 1 to 31 characters\)",
          r"shl: create: unknown option '-x'", r"shl: hello \(d\d+\) created: 16 MiB, paused",
          r"shl: create: a domain named 'hello' already exists",
          r"shl: create: /etc/shale/extras\.cfg:5:1: warning: unknown key 'builder' \(ignored\)",
          r"shl: create: warning: vcpus = 2, maxvcpus = 2: domains have one vCPU for now",
          r"shl: create: warning: 1 disk\(s\) and 0 vif\(s\) ignored",
          r"shl: extras \(d\d+\) created: 1 MiB, paused")
    lst = section(c, "shl list", "shl info")
    sec_lacks(c, lst, r"^(bad|nokernel|notelf|huge|hello|extras) ", "list after the failures")
    free = re.findall(r"^free_memory +: (\d+)$", c.r.output, re.M)
    if len(free) != 2 or free[0] != free[1]:
        c.problems.append(f"free_memory before/after: {free}")
    return c


@test
def shl_destroy_unknown_domain_fails_cleanly():
    """destroy/pause of a missing domain, or of dom0, fails with one line; dom0 goes on."""
    rc = ("shl destroy nosuch\nshl destroy 42\nshl destroy 0\nshl pause Domain-0\n"
          "shl unpause 99999\nshl frobnicate\nshl destroy\necho still-alive\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"shl: no domain named 'nosuch'\n", r"shl: no domain with id 42\n",
          r"shl: destroy: not for Domain-0", r"shl: no domain named 'Domain-0'|"
          r"shl: pause: not for Domain-0", r"shl: no domain with id 99999\n",
          r"shl: unknown command 'frobnicate'", r"Usage: shl destroy DOM", r"\nstill-alive\n")
    return c


@test
def shl_stress_1000_create_destroy_returns_all_memory():
    """1000 create/destroy cycles of a 1 MiB guest (and 100 that run) keep free_memory equal."""
    rc = ("shl info\nstress-create 1000 mini -p\nstress-create 100 mini\nshl list\nshl info\n"
          "poweroff\n")
    c = shl_boot(rc, timeout=300)
    shl_clean(c)
    c.has(r"stress-create: 1000 cycles: create mean \d+ us",
          r"stress-create: free pages (\d+) before, \1 after: all returned",
          r"stress-create: 100 cycles: create mean \d+ us",
          r"stress-create: free pages (\d+) before, \1 after: all returned")
    free = re.findall(r"^free_memory +: (\d+)$", c.r.output, re.M)
    if len(free) != 2 or free[0] != free[1]:
        c.problems.append(f"shl info free_memory before/after: {free}")
    sec_lacks(c, section(c, "shl list", "shl info"), r"^mini ", "list after the stress")
    return c


@test
def shl_destroy_peer_of_interdomain_channel():
    """Destroying a guest bound to a dom0 port leaves that port unbound and dom0 running."""
    rc = ("shl create -p binder\nevtchn-offer binder\nshl unpause binder\nsleep 2\nlsevtchn\n"
          "shl destroy binder\nlsevtchn\nshl list\nshl create hello\nsleep 2\necho still-alive\n"
          "poweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"evtchn-offer: dom0 port (\d+) offered to d1",
          r"\(d1\) binder: bound local port \d+ to dom0 port \d+",
          r"rc> lsevtchn\n(?:.*\n)*? +\d+: interdomain, connected to d1 port \d+",
          r"rc> shl destroy binder", r"rc> lsevtchn\n(?:.*\n)*? +\d+: unbound, peer gone",
          r"shl: hello \(d2\) powered off: destroyed", r"\nstill-alive\n")
    port = re.search(r"dom0 port (\d+) offered", c.r.output)
    after = section(c, "lsevtchn", "shl list")
    after = after[after.find("rc> shl destroy"):]
    if port:
        sec_has(c, after, rf"^ +{port.group(1)}: unbound, peer gone$", "dom0's port after destroy")
    return c


@test
def shl_info_sched_credit_and_mem_max():
    """shl info keys in xl's order and padding; sched-credit shows and sets; mem-max checks."""
    rc = ("shl info\nshl create -p ticker\nshl sched-credit\n"
          "shl sched-credit -d ticker -w 512 -c 50\nshl sched-credit -d ticker\n"
          "shl sched-credit -d ticker -w 0\nshl mem-max ticker 32\nshl mem-max ticker 8\n"
          "shl mem-max ticker 12x\nshl dmesg\nshl help\nshl help create\nshl destroy ticker\n"
          "poweroff\n")
    c = shl_boot(rc, hv_cmdline="loglvl=info scrub=idle")
    shl_clean(c)
    keys = ["host", "release", "version", "machine", "nr_cpus", "max_cpu_id", "nr_nodes",
            "cores_per_socket", "threads_per_core", "cpu_mhz", "total_memory", "free_memory",
            "xen_major", "xen_minor", "xen_extra", "xen_version", "xen_caps", "xen_scheduler",
            "xen_pagesize", "xen_commandline"]
    info = section(c, "shl info", "shl create")
    got = re.findall(r"^(\w+) *: ", info, re.M)
    if got != keys:
        c.problems.append(f"info keys {got}")
    for line in info.splitlines()[1:]:
        if line and not re.match(r"^\w{1,23} {0,22}: ", line) or line[23:25] != ": ":
            c.problems.append(f"info line not padded to 23 columns: {line!r}")
            break
    c.has(r"^xen_commandline        : loglvl=info scrub=idle$")
    c.has(r"^cpu_mhz                : \d+\.\d{3}$",
          r"^xen_caps               : shale-0\.1-x86_64$", r"^xen_pagesize           : 4096$")
    c.has(r"Cpupool Pool-0: tslice=10ms", r"^Name                                ID Weight  Cap$",
          r"^Domain-0                             0    256    0$",
          r"^ticker                               1    256    0$",
          r"rc> shl sched-credit -d ticker\n.*\n.*\n^ticker                               1    512"
          r"   50$", r"shl: sched-credit: the weight must be a number from 1 to 65535, not '0'",
          r"shl: mem-max: 8 \(8192 KiB\) is below the 16384 KiB d1 has now",
          r"shl: mem-max: invalid memory size: 12x", r"\(HV\) starting dom0",
          r"Usage: shl COMMAND", r" sched-credit +show or set",
          r"Usage: shl create \[-p\] \[-c\] CONFIG")
    c.lacks(r"mem-max: d1: E")
    return c


@test
def default_initrd_carries_guests_and_configs():
    """The default initrd has /boot/{hello,ticker,echo}.elf and configs; its /etc/rc starts the
    echo demo guest, which answers on its console; hello runs at the prompt."""
    script = [("dom0# ", "ls /boot\r"), ("ticker.elf", "ls /etc/shale\r"),
              ("ticker.cfg", "shl console echo\r"), ("Ctrl-] detaches", "hi there\r"),
              ("HI THERE", "\x1d"), ("dom0# ", "shl create hello\r"),
              ("powered off: destroyed", "shl list\r"), ("Time(s)", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, os.path.join(qemu.BUILD, "dom0-initrd.tar")], script=script,
                            timeout=90))
    shl_clean(c)
    c.has(r"rc> shl create echo", r"shl: echo \(d1\) created",
          r"/boot/echo\.elf", r"/boot/hello\.elf", r"/boot/ticker\.elf", r"/etc/shale/hello\.cfg",
          r"/etc/shale/ticker\.cfg", r"HI THERE", r"\(d2\) hello: memory 16 MiB",
          r"shl: hello \(d2\) powered off: destroyed", r"Domain-0 ", r"\necho +1 ")
    return c


# ---------------------------------------------------------------------------
# The guest kernel's events, time and threads (guest-kernel/events.c, time.c, sched.c).

SLEPT = (r"sleep: slept (\d+\.\d{3}) s; vCPU blocked (\d+) time\(s\), (\d+) timer event\(s\); "
         r"CPU time used (\d+\.\d{3}) s")


@test
def sleep_blocks_the_vcpu():
    """`sleep 2` takes 2 s of wall time, with the vCPU blocked on a timer rather than spinning."""
    script = [("dom0# ", "sleep 2\r"), ("sleep: slept", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd("echo rc-done\n")], script=script))
    c.status(0)
    c.has(r"rc-done", r"dom0# sleep 2\n", SLEPT, r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash")
    m = re.search(SLEPT, c.r.output)
    if m:
        slept, blocked, timers, cpu = (float(m.group(1)), int(m.group(2)), int(m.group(3)),
                                       float(m.group(4)))
        if not 2.0 <= slept < 2.5:
            c.problems.append(f"the guest measured {slept} s of sleep")
        if not 1 <= blocked <= 10 or timers < 1:
            c.problems.append(f"vCPU blocked {blocked} times, {timers} timer events")
        if cpu > 0.5:
            c.problems.append(f"dom0 used {cpu} s of CPU while sleeping: it spins")
    if c.r.prompt_seconds is not None:
        wall = c.r.seconds - c.r.prompt_seconds
        if not 1.8 <= wall <= 4.0:
            c.problems.append(f"sleep 2 (and poweroff) took {wall:.2f} s of wall time")
    return c


UPTIME = (r"uptime: up \d+\.\d{3} s, system time (\d+) ns, "
          r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) UTC")


@test
def uptime_shows_wallclock_and_advances():
    """uptime prints a sane UTC date (from the RTC) and a system time that advances with sleep."""
    c = Check(qemu.boot_mb1([DOM0, initrd("uptime\nsleep 1\nuptime\npoweroff\n")]))
    c.status(0)
    c.has(r"rc> uptime\n" + UPTIME, r"rc> sleep 1", r"rc> uptime\n" + UPTIME)
    ups = re.findall(UPTIME, c.r.output)
    if len(ups) != 2:
        return c
    stamps = []
    for u in ups:
        year, month, day, hour, minute, sec = map(int, u[1:])
        if year < 2024 or not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and
                               minute < 60 and sec < 60):
            c.problems.append(f"not a sane date: {u[1:]}")
            return c
        stamps.append(calendar.timegm((year, month, day, hour, minute, sec)))
    sys_delta = (int(ups[1][0]) - int(ups[0][0])) / 1e9
    if not 1.0 <= sys_delta < 2.0:
        c.problems.append(f"system time advanced {sys_delta:.3f} s across sleep 1")
    if not 0 <= stamps[1] - stamps[0] <= 3:
        c.problems.append(f"the wallclock advanced {stamps[1] - stamps[0]} s across sleep 1")
    if abs(stamps[0] - time.time()) > 86400:
        c.problems.append("the wallclock is more than a day away from the host's")
    return c


@test
def event_channel_and_thread_selftests():
    """evtchn-test (loopback interdomain, ipi, masking) and thread-test pass; threads lists all."""
    rc = ("meminfo\nevtchn-test\nthread-test\nthread-test 16\nevtchn-test\nthreads\nmeminfo\n"
          "poweroff\n")
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)]))
    c.status(0)
    c.has(r"evtchn-test: OK \(interdomain loopback ports \d+ <-> \d+, ipi port \d+; ",
          r"thread-test: OK \(4 threads woke in deadline order",
          r"thread-test: OK \(16 threads woke in deadline order", r"evtchn-test: OK",
          r"threads: 3 alive, 22 created since boot, \d+ switches; the idle loop blocked",
          r"\n +0  idle +runnable", r"\n +1  main +running +\d+  16 KiB",
          r"\n +2  xenstored +blocked",
          r"events: \d+ upcalls, \d+ events \(0 with no handler\); VIRQ_TIMER port \d+: [1-9]",
          HEAP_LINE, r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash", r"FAILED")
    heap_back_to_start(c)
    return c


@test
def grant_table_helpers():
    """gnttab-test (the guest kernel's grant helpers on dom0's own grants) passes, twice."""
    rc = "gnttab-test\ngnttab-test\nmeminfo\npoweroff\n"
    c = Check(qemu.boot_mb1([DOM0, initrd(rc)]))
    c.status(0)
    c.has(r"gnttab-test: OK \(ref 8 of 512: mapped rw and ro, copied both ways, ended\)"
          r"[\s\S]*gnttab-test: OK \(ref 8 of 512", r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash", r"FAILED", r"grant mapping at .* has no record")
    return c


@test
def prompt_input_arrives_through_virq_console():
    """Typed lines reach the shell through VIRQ_CONSOLE events, not by polling."""
    script = [("dom0# ", "echo first-" + "line\r"), ("first-line", "echo second-" + "line\r"),
              ("second-line", "threads\r"), ("VIRQ_CONSOLE", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd("echo rc-done\n")], script=script))
    c.status(0)
    c.has(r"rc-done", r"\nfirst-line\n", r"\nsecond-line\n",
          r"VIRQ_CONSOLE port \d+: (\d+)\n", r"shut down \(poweroff\)")
    m = re.search(r"VIRQ_CONSOLE port \d+: (\d+)\n", c.r.output)
    if m and int(m.group(1)) < 2:
        c.problems.append(f"only {m.group(1)} VIRQ_CONSOLE event(s) for three typed lines")
    return c


@test
def extra_domain_runs_alongside_dom0():
    """A boot module with domain= runs as d1 (dom0.elf, unprivileged) while dom0 keeps working."""
    guest = f"{DOM0} domain=guest1 mem=16"
    rc = "echo rc-start\nsleep 1\necho rc-end\n"
    script = [("dom0# ", "echo typed-" + "input\r"), ("typed-input", "foreign-test 1\r"),
              ("foreign-test:", "threads\r"), ("(d1) domain 1: done", "uptime\r"),
              ("d1: shut down (poweroff)", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd(rc), guest], script=script))
    c.status(0)
    c.has(r"\(HV\) d1 \(guest1\): 16 MiB")
    c.has(r"\(d1\)   domain:      1, flags 0x0\n",
          r"\(d1\) console: no input in an unprivileged domain",
          r"\(d1\) domain 1: unprivileged, so no shell \(console input: error -1\)",
          r"\(d1\) domain 1: tick 5 of 5", r"\(d1\) domain 1: done", r"\(HV\) d1: shut down")
    # dom0 ran its rc, and slept, while d1 was ticking.
    c.has(r"rc> sleep 1", r"\(d1\) domain 1: tick \d of 5", r"sleep: slept", r"rc-end",
          r"\(d1\) domain 1: done")
    c.has(r"\ntyped-input\n",
          r"foreign-test: d1: pfns 0-7 .* mapped at 0x[0-9a-f]+; 8 of 8 identical to ours",
          r"threads: 3 alive", r"dom0# ", UPTIME, r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash", r"FAILED")
    return c


# ---------------------------------------------------------------------------
# The PV console: rings set up at creation, the guest frontend, dom0's backend
# and shl console (guest-kernel/console_ring.c, dom0-tools/backends/).

RINGS = (r"\(d1\)   rings:       console mfn 0x[0-9a-f]+ port (\d+), "
         r"store mfn 0x[0-9a-f]+ port (\d+)\n")
LSCONS = (r"^d{dom} +port +\d+  out (\d+) B \((\d+) dropped, (\d+) buffered, (\d+) not echoed\)  "
          r"in (\d+) B \((\d+) dropped\)  \d+ turns(.*)$")


@test
def shl_console_attaches_echo_guest_and_detaches():
    """shl create -c attaches; typed lines reach the guest and its answers come back;
    Ctrl-] returns to the shell; shl console replays the history; the guest's end ends it."""
    script = [("dom0# ", "shl create -c echo\r"),
              ("type a line, quit to stop", "hello world\r"),
              ("HELLO WORLD", "\x1d"),
              ("detached from d1", "echo shell-" + "back\r"),
              ("\nshell-back", "lscons\r"),
              ("guest console(s)", "shl console echo\r"),
              ("attached to echo (d1); Ctrl-] detaches\r\necho: ready", "quit\r"),
              ("has no console", "echo after-" + "quit\r"),
              ("\nafter-quit", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd("echo rc-done\n", TEST_CONFIGS, guests=True)],
                            script=script, timeout=90))
    shl_clean(c)
    c.has(RINGS)
    c.has(r"shl: echo \(d1\) created: 4 MiB, running\n"
          r"shl: console: attached to echo \(d1\); Ctrl-\] detaches\n",
          r"^echo: ready in d1: type a line, quit to stop\n", r"^hello world\necho: HELLO WORLD\n",
          r"^shl: console: detached from d1\n", r"dom0# echo shell-back\nshell-back\n",
          r"^d1 +port +\d+  out \d+ B \(0 dropped, \d+ buffered, 0 not echoed\)  "
          r"in 12 B \(0 dropped\)",
          # The second attach replays the history first.
          r"shl: console: attached to echo \(d1\); Ctrl-\] detaches\n"
          r"echo: ready in d1: type a line, quit to stop\nhello world\necho: HELLO WORLD\n",
          r"quit\necho: bye\n", r"\(HV\) d1: shut down \(poweroff\)",
          r"shl: console: d1 has no console \(any more\)", r"\nafter-quit\n")
    # While attached, the guest's output is the terminal's, not echoed with a prefix.
    c.lacks(r"\(d1\) echo: ", r"\(d1\) hello world")
    ports = re.search(RINGS, c.r.output)
    if ports and ports.group(1) == ports.group(2):
        c.problems.append("the console and store rings share a port")
    return c


@test
def console_flood_leaves_dom0_and_guests_responsive():
    """A guest printing for ever: its output is drained and dropped in dom0's history, its
    echo is rate-limited, while another guest ticks on time and dom0's shell answers."""
    rc = "shl create flood\nshl create ticker\necho rc-done\n"
    # Typed lines may be cut by the flood's echo: wait for whole lines dom0 prints.
    script = [("dom0# ", "sleep 3\r"), ("sleep: slept", "lscons\recho still-" + "here\r"),
              ("\nstill-here", "shl destroy flood\rlscons\recho flood-" + "gone\r"),
              ("\nflood-gone", "poweroff\r")]
    c = Check(qemu.boot_mb1([DOM0, initrd(rc, TEST_CONFIGS, guests=True)], script=script,
                            timeout=90))
    shl_clean(c)
    c.has(r"shl: flood \(d1\) created", r"shl: ticker \(d2\) created",
          r"\(d1\) flood: line 1: the quick brown fox",
          r"\(d1\) \[console: echo paused: more than 2048 bytes/s",
          r"sleep: slept (\d+\.\d+) s", r"\nstill-here\n", r"\nflood-gone\n")
    m = re.search(r"sleep: slept (\d+\.\d+) s", c.r.output)
    if m and not 3.0 <= float(m.group(1)) < 3.3:
        c.problems.append(f"dom0 slept {m.group(1)} s for sleep 3 while the flood ran")
    during = between(c, "\nrc-done", "sleep: slept")
    ticks = re.findall(r"^\(d2\) ticker: .*:(\d\d):(\d\d) UTC \(tick (\d+)\)$", during, re.M)
    if len(ticks) < 2:
        c.problems.append(f"only {len(ticks)} ticker lines during sleep 3 with the flood")
    # The ticker prints on the second: late lines would show as gaps in its clock.
    secs = [int(m) * 60 + int(s) for m, s, _ in ticks]
    if any(not 0 < (b - a) % 3600 <= 2 for a, b in zip(secs, secs[1:])):
        c.problems.append(f"ticker lines late during the flood: {ticks}")
    listing = between(c, "sleep: slept", "\nstill-here")
    flood = re.search(LSCONS.format(dom=1), listing, re.M)
    ticker = re.search(LSCONS.format(dom=2), listing, re.M)
    if not flood or not ticker:
        c.problems.append("lscons does not list both consoles")
    else:
        out, dropped, buffered, skipped = map(int, flood.groups()[:4])
        if out < 1000000 or dropped != out - 16384 or buffered != 16384 or skipped < out // 2:
            c.problems.append(f"flood console: {flood.group(0)!r}")
        if "echo paused" not in flood.group(7):
            c.problems.append("flood console: echo not paused")
        if int(ticker.group(2)) or int(ticker.group(4)) or ticker.group(7):
            c.problems.append(f"ticker console: {ticker.group(0)!r}")
    lines = len(re.findall(r"^\(d1\) flood: line", c.r.output, re.M))
    if lines > 600:
        c.problems.append(f"{lines} flood lines reached the serial line: the echo is not limited")
    # Only what the guests printed reaches the serial line: no stray bytes, no cut lines.
    stray = re.findall(r"[^\t\n\x20-\x7e]", c.r.output)
    if stray:
        c.problems.append(f"{len(stray)} stray bytes on the serial line, e.g. {stray[0]!r}")
    cut = re.findall(r"^\(d\d\) .*\(d\d\) .*$", c.r.output, re.M)
    if cut:
        c.problems.append(f"one guest's line cut by another's: {cut[:2]}")
    after = between(c, "\nstill-here", "\nflood-gone")
    sec_has(c, after, r"^d2 +port", "lscons after destroying flood")
    sec_lacks(c, after, r"^d1 +port", "lscons after destroying flood")
    return c


def between(c, start, end):
    """The output from the first start to the next end after it."""
    out = c.r.output
    a = out.find(start)
    b = out.find(end, a + 1) if a >= 0 else -1
    if a < 0 or b < 0:
        c.problems.append(f"no output between {start!r} and {end!r}")
        return ""
    return out[a:b]


@test
def console_broken_ring_is_dropped_once():
    """A guest that corrupts its ring indices: dom0 says so once, stops reading that ring,
    the guest still reaches the hypervisor console, and other guests' consoles work."""
    rc = ("shl create badring\nsleep 2\nshl create hello\nsleep 1\nlscons\nlsevtchn\n"
          "echo rc-end\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    # dom0's report and the guest's own line race: each is checked on its own.
    c.has(r"console: d1: ring broken \(out: producer 100000, consumer 0, size 2048\); "
          r"its console is no longer read", r"shl: badring \(d1\) powered off: destroyed")
    c.has(r"\(d1\) badring: output producer index set 100000 ahead", r"\(d1\) badring: still running",
          r"shl: badring \(d1\) powered off: destroyed", r"\(d2\) hello: Hello from a Shale guest!",
          r"\(d2\) hello: powering off", r"shl: hello \(d2\) powered off: destroyed",
          r"rc> lscons\nlscons: 0 guest console\(s\)", r"\nrc-end\n")
    if len(re.findall(r"ring broken", c.r.output)) != 1:
        c.problems.append("the broken ring was not reported exactly once")
    sec_lacks(c, section(c, "lsevtchn", "echo rc-end"), r"interdomain", "ports after destroy")
    return c


STORETEST_PASSED = r"\(d2\) storetest: 28 passed, 0 failed"


@test
def store_guest_sees_its_own_area_only():
    """A guest reads and writes its own store area over xenbus (transactions, watches) but
    cannot read another domain's; dom0's shl xenstore-* commands see and change the tree;
    destroying a domain removes its directory."""
    rc = ("shl create echo\nshl create storetest\nsleep 3\n"
          "shl xenstore-ls /local/domain/1\n"
          "shl xenstore-write /tool/test/a hello /tool/test/b world\n"
          "shl xenstore-read /tool/test/a /tool/test/b\n"
          "shl xenstore-watch -t 1 /tool/test\n"
          "shl xenstore-watch -n 1 /tool\n"
          "shl xenstore-rm /tool/test\nshl xenstore-read /tool/test/a\n"
          "shl destroy echo\nshl xenstore-ls /local/domain\necho rc-end\npoweroff\n")
    c = shl_boot(rc)
    shl_clean(c)
    c.has(r"\(d2\) storetest: ok reads its own domid", r"\(d2\) storetest: ok cannot read another "
          r"domain's name \(rc -13\)", r"\(d2\) storetest: ok gets an event for a change below",
          STORETEST_PASSED, r"shl: storetest \(d2\) powered off: destroyed")
    c.has(r"rc> shl xenstore-ls /local/domain/1\nname = \"echo\"\ndomid = \"1\"\nmemory = \"\"\n"
          r" target = \"4096\"\n static-max = \"4096\"\nstore = \"\"\n ring-ref = \"\d+\"\n"
          r" port = \"2\"\nconsole = \"\"\n ring-ref = \"\d+\"\n port = \"1\"\n",
          r"rc> shl xenstore-read /tool/test/a /tool/test/b\nhello\nworld\n",
          r"rc> shl xenstore-watch -t 1 /tool/test\n/tool/test /tool/test\n(?=rc> )",
          r"rc> shl xenstore-watch -n 1 /tool\n/tool /tool\n(?=rc> )",
          r"rc> shl xenstore-read /tool/test/a\nshl: xenstore-read: /tool/test/a: ENOENT\n",
          r"rc> shl xenstore-ls /local/domain\n0 = \"\"\n name = \"Domain-0\"\n domid = \"0\"\nrc> ")
    c.lacks(r"storetest: FAILED")
    return c


@test
def store_survives_broken_rings():
    """Guests that corrupt their store ring (index out of range, an oversized message), send
    malformed requests, or never read replies: dom0 drops or answers each, and a well-behaved
    guest created afterwards still gets full service."""
    rc = ("shl create storebad-index\nshl create storebad-oversize\nshl create storebad-garbage\n"
          "shl create storebad-deaf\nsleep 4\nshl create echo\nshl create storetest5\nsleep 3\n"
          "shl list\necho rc-end\npoweroff\n")
    c = shl_boot(rc, timeout=120)
    shl_clean(c)
    c.has(r"xenstored: dropping the store ring of domain 1: request index out of range")
    c.has(r"xenstored: dropping the store ring of domain 2: malformed or oversized message")
    c.has(r"storebad: read without NUL: reply type 16 \"EINVAL\"",
          r"storebad: unknown type 99: reply type 16 \"ENOSYS\"",
          r"storebad: valid read: reply type 2 \"3\"")
    c.has(r"storebad: sent \d+ requests, read no reply")
    c.has(r"\(d6\) storetest: 28 passed, 0 failed", r"\nrc-end\n")
    c.lacks(r"dropping the store ring of domain [3-6]", r"storetest: FAILED")
    if len(re.findall(r"dropping the store ring of domain 1:", c.r.output)) != 1:
        c.problems.append("the broken ring of d1 was not reported exactly once")
    return c


def main():
    only = sys.argv[1:]
    passed = failed = 0
    for fn in TESTS:
        if only and fn.__name__ not in only:
            continue
        try:
            c = fn()
            problems = c.problems
        except Exception as e:  # a broken test is a failure, never a pass
            problems = [f"test error: {e!r}"]
            c = None
        if problems:
            failed += 1
            print(f"FAIL boot/{fn.__name__}: {'; '.join(problems)}")
            if c is not None:
                tail = c.r.output[-3000:]
                print("  --- output (last 3000 chars) ---")
                print("  " + tail.replace("\n", "\n  "))
        else:
            passed += 1
            print(f"PASS boot/{fn.__name__} ({c.r.seconds:.1f}s)")
        sys.stdout.flush()
    shutil.rmtree(WORK, ignore_errors=True)
    print(f"boot tests: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
