#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Conformance runner: boots each test kernel as dom0 under QEMU
(-kernel build/shale.elf -initrd build/hypercall-tests/<name>.elf) and
turns its output into one line per test:

  PASS conformance/<name>
  FAIL conformance/<name>: <reason>      (then the tail of the output)
  SKIP conformance/<name>: <reason>

and a summary "conformance: N passed, N failed, N skipped".

A test prints exactly one "RESULT: PASS|FAIL|SKIP|ERROR" line and powers
off (status 0). No RESULT line is a crash: FAIL, unless the test's test.mk
declares the crash it expects (XT_EXPECT_STATUS, XT_EXPECT_OUTPUT) and
status and output match. ERROR counts as failed. A hypervisor panic fails
any test. The selftest runs first.

A multi-domain test (test.mk XT_EXTRA_MODULES := ARGS[, ARGS...]) boots
its kernel once more per entry as a further boot module with that command
line ("domain=NAME [mem=MiB] ..."): the hypervisor starts them as
unprivileged domains d1, d2, ... in that order. Each must print exactly one
RESULT line of its own ("(dN) RESULT: ..."); the worst verdict of all the
domains is the test's.

XT_HV_CMDLINE in test.mk is the hypervisor's command line for that test
(empty by default).

Usage: run.py [-j N] [--hv PATH] [--timeout S] [NAME...]"""

import argparse
import concurrent.futures
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "boot"))
import qemu  # noqa: E402

TESTS_DIR = os.path.join(HERE, "tests")
ELF_DIR = os.path.join(qemu.BUILD, "hypercall-tests")
TAIL = 3000


class Test:
    def __init__(self, name, fields):
        self.name = name
        self.category = fields.get("XT_CATEGORY", "")
        status = fields.get("XT_EXPECT_STATUS")
        self.expect_status = int(status) if status else None
        self.expect_output = fields.get("XT_EXPECT_OUTPUT")
        self.hv_cmdline = fields.get("XT_HV_CMDLINE", "")
        extra = fields.get("XT_EXTRA_MODULES", "")
        self.extra_modules = [m.strip() for m in extra.split(",") if m.strip()]


def load_tests():
    tests = []
    for name in sorted(os.listdir(TESTS_DIR)):
        mk = os.path.join(TESTS_DIR, name, "test.mk")
        if not os.path.exists(mk):
            continue
        fields = {}
        with open(mk) as f:
            for line in f:
                m = re.match(r"^\s*(XT_\w+)\s*:=\s*(.*?)\s*$", line)
                if m:
                    fields[m.group(1)] = m.group(2)
        tests.append(Test(name, fields))
    tests.sort(key=lambda t: (t.name != "selftest", t.name))
    return tests


def judge_domains(test, out):
    """The verdicts of a multi-domain test's extra domains d1..dN, each from
    its own "(dN) " lines: (worst of PASS, SKIP, FAIL; reasons)."""
    worst, reasons = "PASS", []
    for d in range(1, len(test.extra_modules) + 1):
        tag = rf"^\(d{d}\) "
        results = re.findall(tag + r"RESULT: (PASS|FAIL|SKIP|ERROR)\s*$", out, re.M)
        lines = [f"d{d}: {line}"
                 for line in re.findall(tag + r"((?:FAIL|ERROR|SKIP): .*)$", out, re.M)]
        if len(results) != 1:
            what = f"{len(results)} RESULT lines" if results else "no RESULT line"
            crash = re.search(rf"^.*\bd{d}: crashed: .*$", out, re.M)
            if crash and not results:
                what += f" ({crash.group(0).strip()})"
            worst = "FAIL"
            reasons += lines + [f"d{d}: {what}"]
        elif results[0] in ("FAIL", "ERROR"):
            worst = "FAIL"
            reasons += lines or [f"d{d}: RESULT: {results[0]}"]
        elif results[0] == "SKIP":
            worst = "SKIP" if worst == "PASS" else worst
            reasons += lines or [f"d{d}: RESULT: SKIP"]
    return worst, reasons


def judge(test, r):
    """Returns (verdict, reason): verdict is PASS, FAIL or SKIP."""
    verdict, reason = judge_dom0(test, r)
    if not test.extra_modules or r.timed_out or re.search(r"PANIC", r.output):
        return verdict, reason
    worst, reasons = judge_domains(test, r.output)
    if verdict == "FAIL" or worst == "PASS" or (verdict == "SKIP" and worst == "SKIP"):
        if worst == "FAIL":
            reason = "; ".join([reason] + reasons)
        return verdict, reason
    return worst, "; ".join(([reason] if reason else []) + reasons)


def judge_dom0(test, r):
    """judge() for dom0's own lines (those without a "(dN) " prefix)."""
    out = r.output
    results = re.findall(r"^RESULT: (PASS|FAIL|SKIP|ERROR)\s*$", out, re.M)
    reasons = re.findall(r"^((?:FAIL|ERROR|SKIP): .*)$", out, re.M)
    crash = re.search(r"^.*d0: crashed: .*$", out, re.M)
    if re.search(r"PANIC", out):
        return "FAIL", f"hypervisor panic (exit status {r.status})"
    if r.timed_out:
        return "FAIL", "timed out" + (f" after: {reasons[-1]}" if reasons else "")
    if len(results) > 1:
        return "FAIL", f"{len(results)} RESULT lines"
    if test.expect_status is not None and not results:
        problems = [r for r in reasons if not r.startswith("SKIP")]
        if r.status != test.expect_status:
            problems.append(f"exit status {r.status}, expected {test.expect_status}")
        if not re.search(test.expect_output, out, re.M):
            problems.append(f"no line matching {test.expect_output!r}")
        if problems:
            return "FAIL", "expected crash: " + "; ".join(problems)
        return "PASS", ""
    if not results:
        what = crash.group(0).strip() if crash else f"exit status {r.status}"
        return "FAIL", f"crashed, no RESULT line ({what})"
    verdict = results[0]
    if test.expect_status is not None and verdict == "PASS":
        return "FAIL", "finished with RESULT: PASS where the domain must be crashed"
    if verdict in ("FAIL", "ERROR"):
        return "FAIL", "; ".join(reasons) or f"RESULT: {verdict}"
    if r.status != 0:
        return "FAIL", f"RESULT: {verdict} but exit status {r.status}, expected 0 (poweroff)"
    if verdict == "SKIP":
        return "SKIP", "; ".join(reasons) or "no reason given"
    return "PASS", ""


def run_test(test, hv, timeout):
    elf = os.path.join(ELF_DIR, f"{test.name}.elf")
    if not os.path.exists(elf):
        return "FAIL", f"{elf} not built (make)", None
    modules = [elf] + [f"{elf} {args}" for args in test.extra_modules]
    r = qemu.run(["-kernel", hv, "-append", test.hv_cmdline, "-initrd", ",".join(modules)],
                 timeout=timeout)
    verdict, reason = judge(test, r)
    return verdict, reason, r


def main():
    ap = argparse.ArgumentParser(description="Shale conformance suite")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="QEMUs at once (default 2)")
    ap.add_argument("--hv", default=os.path.join(qemu.BUILD, "shale.elf"),
                    help="hypervisor ELF (default build/shale.elf)")
    ap.add_argument("--timeout", type=int, default=60, help="seconds per test (default 60)")
    ap.add_argument("names", nargs="*", help="tests to run (default: all)")
    args = ap.parse_args()

    if not os.path.exists(args.hv):
        print(f"conformance: no hypervisor at {args.hv} (make)")
        return 2
    tests = load_tests()
    if args.names:
        unknown = set(args.names) - {t.name for t in tests}
        if unknown:
            print(f"conformance: unknown test(s): {' '.join(sorted(unknown))}")
            return 2
        tests = [t for t in tests if t.name in args.names]

    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [(t, pool.submit(run_test, t, args.hv, args.timeout)) for t in tests]
        for t, fut in futures:
            try:
                verdict, reason, r = fut.result()
            except Exception as e:  # a broken runner step is a failure, never a pass
                verdict, reason, r = "FAIL", f"runner error: {e!r}", None
            counts[verdict] += 1
            secs = f" ({r.seconds:.1f}s)" if r else ""
            if verdict == "PASS":
                print(f"PASS conformance/{t.name}{secs}")
            else:
                print(f"{verdict} conformance/{t.name}: {reason}{secs}")
            if verdict == "FAIL" and r is not None:
                print(f"  --- output (last {TAIL} chars) ---")
                print("  " + r.output[-TAIL:].rstrip("\n").replace("\n", "\n  "))
            sys.stdout.flush()
    print(f"conformance: {counts['PASS']} passed, {counts['FAIL']} failed, "
          f"{counts['SKIP']} skipped")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
