#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot tests: start the whole stack in QEMU (both boot paths), give dom0
its own /etc/rc, enforce a time-out and check the serial output and QEMU's
exit status. Prints one PASS/FAIL line per test and a summary.

QEMU exit statuses (isa-debug-exit gives (code << 1) | 1):
  0 dom0 powered off or rebooted (-no-reboot), 3 hypervisor panic,
  5 dom0 crashed, 7 boot failed (no usable dom0)."""

import os
import re
import shutil
import sys

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


def initrd(rc, extra=None, name="initrd.tar"):
    files = {"etc/rc": rc, "etc/motd": "motd: testing Shale\n"}
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
          r"map-test: OK \(0 page-table frames created on demand\)",
          r"malloc: 0 arena\(s\), 0 pages; in use 0 blocks, 0 bytes",
          r"d0: shut down \(poweroff\)")
    c.lacks(r"PANIC", r"crash", r"FAILED")
    return c


@test
def hypervisor_panic_has_registers_and_backtrace():
    """A fault in the hypervisor prints registers and a symbolized backtrace, status 3."""
    c = Check(qemu.boot_mb1([DOM0, initrd("poweroff\n")], hv_cmdline="crash_selftest"))
    c.status(3)
    c.has(r"PANIC: #UD invalid opcode in the hypervisor", r"RIP: [0-9a-f]{16} <start_hypervisor\+",
          r"RAX: ", r"Backtrace:", r"<start64_high\+", r"machine stopped")
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
