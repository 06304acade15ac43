#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Store tests against the host daemon: every test starts a fresh
$BUILD/host/xenstored on a temporary socket and database, then drives it
with our client library and tools, Debian's xenstore-utils and python3-pyxs
(Xen's own clients), and raw malformed messages. Prints one PASS/FAIL line
per test and a summary "N passed, N failed"; exit status 1 on failure."""

import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# SHALE_BUILD points the tests at another build directory (make BUILD=...).
BUILD = os.path.abspath(os.environ.get("SHALE_BUILD", os.path.join(ROOT, "build")))
HOST = os.path.join(BUILD, "host")
XENSTORED = os.path.join(HOST, "xenstored")
# pyxs is installed for Debian's python, which may not be the python running us.
DEBIAN_PYTHON = "/usr/bin/python3"
DEBIAN_TOOLS = "/usr/bin"
TIMEOUT = 20

# Wire values (include/public/io/xs_wire.h).
XS_READ, XS_WRITE, XS_ERROR = 2, 11, 16
PAYLOAD_MAX = 4096

TESTS = []
RESULTS = []


def test(fn):
    TESTS.append(fn)
    return fn


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


class Daemon:
    """A xenstored on a socket and database in its own temporary directory."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.socket = os.path.join(workdir, "socket")
        self.database = os.path.join(workdir, "store.mdb")
        self.proc = None
        self.log = os.path.join(workdir, "xenstored.log")

    def start(self):
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [XENSTORED, "--socket", self.socket, "--database", self.database],
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            check(self.proc.poll() is None,
                  f"xenstored exited with {self.proc.returncode}: {self.log_text()}")
            try:
                with socket.socket(socket.AF_UNIX) as s:
                    s.connect(self.socket)
                return self
            except OSError:
                time.sleep(0.02)
        raise Failure("xenstored did not accept connections within 10 s")

    def stop(self):
        """Stops the daemon; it must still be running (no crash) and exit on SIGTERM."""
        if not self.proc:
            return
        proc, self.proc = self.proc, None
        check(proc.poll() is None, f"xenstored died (status {proc.returncode}): {self.log_text()}")
        proc.terminate()
        try:
            status = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise Failure("xenstored ignored SIGTERM")
        check(status == 0, f"xenstored exited {status} on SIGTERM: {self.log_text()}")

    def log_text(self):
        with open(self.log, errors="replace") as f:
            return f.read()[-2000:]

    def env(self):
        return dict(os.environ, XENSTORED_PATH=self.socket)

    def run(self, tool, *args, ok=True, env=None):
        """Runs one of our tools (a name) or a path, with XENSTORED_PATH set."""
        exe = tool if os.sep in tool else os.path.join(HOST, tool)
        r = subprocess.run([exe, *args], env=env or self.env(), capture_output=True,
                           text=True, timeout=TIMEOUT)
        if ok is not None:
            check((r.returncode == 0) == ok,
                  f"{os.path.basename(exe)} {' '.join(args)}: exit {r.returncode}, "
                  f"stdout {r.stdout!r} stderr {r.stderr!r}")
        return r

    def debian(self, tool, *args, **kw):
        return self.run(os.path.join(DEBIAN_TOOLS, tool), *args, **kw)

    def pyxs(self, code):
        """Runs code under Debian's python with `c`, a connected pyxs.Client."""
        prog = ("import sys, errno, pyxs\n"
                "c = pyxs.Client(unix_socket_path=sys.argv[1])\n"
                "c.connect()\n" + code + "\nc.close()\n")
        r = subprocess.run([DEBIAN_PYTHON, "-c", prog, self.socket], capture_output=True,
                           text=True, timeout=TIMEOUT)
        check(r.returncode == 0, f"pyxs script failed: {r.stderr.strip()[-1500:]}")
        return r.stdout


class Raw:
    """A raw socket speaking the wire protocol by hand."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.settimeout(TIMEOUT)
        self.s.connect(path)

    def send(self, type_, payload, req_id=1, tx_id=0, length=None):
        n = len(payload) if length is None else length
        self.s.sendall(struct.pack("<IIII", type_, req_id, tx_id, n) + payload)

    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.s.recv(n - len(data))
            if not chunk:
                raise Failure(f"connection closed after {len(data)} of {n} bytes")
            data += chunk
        return data

    def reply(self):
        type_, req_id, _, n = struct.unpack("<IIII", self.recv_exact(16))
        return type_, req_id, self.recv_exact(n)

    def closed(self):
        """Whether the daemon closed this connection (EOF within the time-out)."""
        try:
            while True:
                if not self.s.recv(4096):
                    return True
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False

    def close(self):
        self.s.close()


def expect_read(raw, path, value, req_id=7):
    raw.send(XS_READ, path.encode() + b"\0", req_id=req_id)
    got = raw.reply()
    check(got == (XS_READ, req_id, value.encode()),
          f"READ {path}: got {got}, expected value {value!r}")


# --- our library ---------------------------------------------------------

@test
def lib_fake_transport(d):
    """The library's message layer against a scripted transport (no daemon)."""
    r = subprocess.run([os.path.join(HOST, "xs-lib-test")], capture_output=True, text=True,
                       timeout=TIMEOUT)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith(("PASS ", "FAIL "))]
    check(lines, f"xs-lib-test printed no results: {r.stderr[-1500:]}")
    bad = [ln for ln in lines if ln.startswith("FAIL ")]
    check(r.returncode == 0 and not bad,
          f"{len(bad)} of {len(lines)} cases failed: {bad} {r.stderr[-1500:]}")


def live_case(name):
    def run(d):
        r = subprocess.run([os.path.join(HOST, "xs-lib-live-test"), d.socket, name],
                           capture_output=True, text=True, timeout=TIMEOUT * 3)
        check(r.returncode == 0 and r.stdout.startswith("PASS "),
              (r.stdout + r.stderr).strip()[-1500:])
    run.__name__ = "lib_live_" + name.replace("-", "_")
    run.__doc__ = f"Library case {name} against the daemon."
    return run


def add_live_cases():
    r = subprocess.run([os.path.join(HOST, "xs-lib-live-test"), "list"], capture_output=True,
                       text=True)
    for name in r.stdout.split():
        TESTS.append(live_case(name))


# --- our tools -------------------------------------------------------------

@test
def tools_round_trip(d):
    d.run("xenstore-write", "/a/b", "hello world", "/a/c/d", "1", "/a/c/e", "two\tparts")
    check(d.run("xenstore-read", "/a/b").stdout == "hello world\n", "read /a/b")
    check(d.run("xenstore-read", "-p", "/a/c/d").stdout == "/a/c/d: 1\n", "read -p")
    check(d.run("xenstore-read", "/a/c/e").stdout == "two\\tparts\n", "escaped tab")
    check(d.run("xenstore-read", "-R", "/a/c/e").stdout == "two\tparts", "raw read")
    ls = d.run("xenstore-ls", "/a").stdout
    check(ls == 'b = "hello world"\nc = ""\n d = "1"\n e = "two\\tparts"\n', f"ls /a: {ls!r}")
    full = d.run("xenstore-ls", "-f", "/a/c").stdout
    check(full == '/a/c/d = "1"\n/a/c/e = "two\\tparts"\n', f"ls -f: {full!r}")
    d.run("xenstore-rm", "/a/c")
    r = d.run("xenstore-read", "/a/c/d", ok=False)
    check(r.returncode == 1 and "/a/c/d" in r.stderr and "No such file" in r.stderr,
          f"read after rm: {r.stderr!r}")
    check(d.run("xenstore-ls", "/a").stdout == 'b = "hello world"\n', "ls after rm")


@test
def tools_errors(d):
    for tool, args in [("xenstore-read", []), ("xenstore-write", ["/odd"]),
                       ("xenstore-rm", []), ("xenstore-chmod", ["/x"]),
                       ("xenstore-watch", ["-n", "0", "/x"]), ("xenstore-ls", ["-z"])]:
        r = d.run(tool, *args, ok=False)
        check(r.returncode == 2 and "usage:" in r.stderr,
              f"{tool} {args}: {r.returncode} {r.stderr!r}")
    r = d.run("xenstore-chmod", "/x", "q5", ok=False)
    check(r.returncode == 2 and "bad permission 'q5'" in r.stderr, f"chmod q5: {r.stderr!r}")
    r = d.run("xenstore-read", "/x", ok=False, env=dict(os.environ,
              XENSTORED_PATH=os.path.join(d.workdir, "nothing-here")))
    check(r.returncode == 1 and "cannot connect to the store at" in r.stderr,
          f"no daemon: {r.stderr!r}")
    r = d.run("xenstore-write", "relative/../path", "v", ok=False)
    check(r.returncode == 1 and "cannot write" in r.stderr, f"bad path: {r.stderr!r}")


@test
def tools_chmod(d):
    d.run("xenstore-write", "/p/q", "v", "/p/q/r", "w")
    d.run("xenstore-chmod", "/p/q", "n1", "r5", "b9")
    out = d.run("xenstore-ls", "-p", "/p").stdout
    check(out.splitlines()[0] == 'q = "v"  (n1,r5,b9)', f"ls -p after chmod: {out!r}")
    d.run("xenstore-chmod", "-r", "/p", "w2")
    out = d.run("xenstore-ls", "-p", "/p").stdout
    check(out == 'q = "v"  (w2)\n r = "w"  (w2)\n', f"ls -p after chmod -r: {out!r}")
    out = d.debian("xenstore-ls", "-p", "/p").stdout.splitlines()
    check(len(out) == 2 and all(ln.endswith("(w2)") for ln in out),
          f"Debian's ls -p after chmod -r: {out!r}")


@test
def tools_watch(d):
    d.run("xenstore-write", "/w", "")
    proc = subprocess.Popen([os.path.join(HOST, "xenstore-watch"), "-n", "3", "/w"],
                            env=d.env(), stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        check(first == "/w /w\n", f"first event {first!r}")
        d.run("xenstore-write", "/w/x", "1")
        d.run("xenstore-write", "/elsewhere", "1")
        d.run("xenstore-rm", "/w/x")
        out, _ = proc.communicate(timeout=TIMEOUT)
        check(proc.returncode == 0, f"xenstore-watch exit {proc.returncode}")
        check(out == "/w/x /w\n/w/x /w\n", f"events {out!r}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@test
def persistence(d):
    d.run("xenstore-write", "/keep/a", "1", "/keep/b/c", "deep")
    d.run("xenstore-chmod", "/keep/a", "n3", "r4")
    d.run("xenstore-rm", "/keep/b")
    d.stop()
    d.start()
    check(d.run("xenstore-ls", "-p", "/keep").stdout == 'a = "1"  (n3,r4)\n',
          "tree after restart")
    d.run("xenstore-read", "/keep/b/c", ok=False)


# --- Debian's xenstore-utils -------------------------------------------------

@test
def debian_tools(d):
    d.debian("xenstore-write", "/deb/x", "from debian", "/deb/y/z", "2")
    check(d.run("xenstore-read", "/deb/x").stdout == "from debian\n", "ours reads theirs")
    d.run("xenstore-write", "/deb/ours", "from ours")
    check(d.debian("xenstore-read", "/deb/ours").stdout == "from ours\n", "theirs reads ours")
    check(d.debian("xenstore-exists", "/deb/y/z").returncode == 0, "exists")
    check(sorted(d.debian("xenstore-list", "/deb").stdout.split()) == ["ours", "x", "y"], "list")
    odd = "q\"\\\t\n\x01\x07\x08\x1b\x7f\xc3\xa9 end"
    d.run("xenstore-write", "/deb/odd", odd)
    theirs = d.debian("xenstore-read", "/deb/odd").stdout
    ours = d.run("xenstore-read", "/deb/odd").stdout
    check(theirs == ours, f"read escapes differ: Debian {theirs!r}, ours {ours!r}")
    raw = d.debian("xenstore-read", "-R", "/deb/odd").stdout
    check(raw == odd, f"Debian's raw value {raw!r}")
    raw = d.run("xenstore-read", "-R", "/deb/odd").stdout
    check(raw == odd, f"our raw value {raw!r}")
    theirs = d.debian("xenstore-ls", "/deb").stdout
    ours = d.run("xenstore-ls", "/deb").stdout
    check(theirs == ours, f"ls differs: Debian {theirs!r}, ours {ours!r}")
    d.run("xenstore-rm", "/deb/odd")
    d.debian("xenstore-chmod", "/deb/x", "r0", "w7")
    check(d.debian("xenstore-ls", "-p", "/deb").stdout.splitlines()[0].endswith("(r0,w7)"),
          "chmod via Debian")
    d.debian("xenstore-rm", "/deb/y")
    d.debian("xenstore-exists", "/deb/y", ok=False)
    r = d.debian("xenstore-read", "/deb/none", ok=False)
    check(r.returncode != 0, "Debian read of a missing node fails")


@test
def debian_watch(d):
    d.run("xenstore-write", "/dw", "")
    proc = subprocess.Popen([os.path.join(DEBIAN_TOOLS, "xenstore-watch"), "-n", "2", "/dw"],
                            env=d.env(), stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        check(first.strip() == "/dw", f"first event {first!r}")
        d.run("xenstore-write", "/dw/k", "v")
        out, _ = proc.communicate(timeout=TIMEOUT)
        check(proc.returncode == 0 and out.strip() == "/dw/k",
              f"Debian xenstore-watch: exit {proc.returncode}, {out!r}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@test
def debian_long_listing(d):
    """Both ls tools page a directory longer than one message (DIRECTORY_PART)."""
    names = [f"node-with-a-fairly-long-name-{i:04d}" for i in range(250)]
    d.pyxs("t = c.transaction()\n"
           f"for n in {names!r}:\n"
           "    c.write(('/long/' + n).encode(), b'v')\n"
           "assert c.commit()\n")
    expected = "".join(f'{n} = "v"\n' for n in names)
    ours = d.run("xenstore-ls", "/long").stdout
    check(sorted(ours.splitlines()) == sorted(expected.splitlines()),
          f"ours listed {len(ours.splitlines())} of {len(names)}")
    theirs = d.debian("xenstore-ls", "/long").stdout
    check(sorted(theirs.splitlines()) == sorted(expected.splitlines()),
          f"Debian listed {len(theirs.splitlines())} of {len(names)}")


# --- python3-pyxs --------------------------------------------------------------

@test
def pyxs_basic(d):
    out = d.pyxs(
        "c.write(b'/py/a', b'1')\n"
        "c.mkdir(b'/py/dir')\n"
        "print(c.read(b'/py/a').decode())\n"
        "print(sorted(x.decode() for x in c.list(b'/py')))\n"
        "print(c.exists(b'/py/dir'), c.exists(b'/py/none'))\n"
        "c.set_perms(b'/py/a', [b'n2', b'r3'])\n"
        "print([p.decode() for p in c.get_perms(b'/py/a')])\n"
        "c.delete(b'/py/dir')\n"
        "print(c.exists(b'/py/dir'))\n"
        "try:\n"
        "    c.read(b'/py/none')\n"
        "except pyxs.PyXSError as e:\n"
        "    print(errno.errorcode[e.args[0]])\n")
    check(out.splitlines() == ["1", "['a', 'dir']", "True False", "['n2', 'r3']", "False",
                               "ENOENT"], f"pyxs: {out!r}")
    check(d.run("xenstore-ls", "-p", "/py").stdout == 'a = "1"  (n2,r3)\n', "ours sees pyxs")


@test
def pyxs_transaction_conflict(d):
    out = d.pyxs(
        "c.write(b'/tx/x', b'before')\n"
        "other = pyxs.Client(unix_socket_path=sys.argv[1]); other.connect()\n"
        "c.transaction()\n"
        "print(c.read(b'/tx/x').decode())\n"
        "other.write(b'/tx/x', b'other')\n"
        "c.write(b'/tx/x', b'mine')\n"
        "print(c.commit())\n"
        "print(c.read(b'/tx/x').decode())\n"
        "c.transaction()\n"
        "c.write(b'/tx/x', b'mine')\n"
        "c.write(b'/tx/y', b'new')\n"
        "print(c.commit())\n"
        "print(other.read(b'/tx/x').decode(), other.read(b'/tx/y').decode())\n"
        "other.close()\n")
    check(out.splitlines() == ["before", "False", "other", "True", "mine new"],
          f"pyxs transactions: {out!r}")


@test
def pyxs_watch(d):
    out = d.pyxs(
        "other = pyxs.Client(unix_socket_path=sys.argv[1]); other.connect()\n"
        "c.write(b'/pw', b'')\n"
        "m = c.monitor()\n"
        "m.watch(b'/pw', b'tok')\n"
        "events = m.wait()\n"
        "print(next(events))\n"
        "other.write(b'/pw/child', b'1')\n"
        "print(next(events))\n"
        "other.delete(b'/pw/child')\n"
        "print(next(events))\n"
        "other.close()\n")
    check(out.splitlines() == ["Event(path=b'/pw', token=b'tok')",
                               "Event(path=b'/pw/child', token=b'tok')",
                               "Event(path=b'/pw/child', token=b'tok')"],
          f"pyxs watch: {out!r}")


@test
def pyxs_domains(d):
    out = d.pyxs(
        "print(c.is_domain_introduced(4))\n"
        "c.introduce_domain(4, 1234, 5)\n"
        "print(c.is_domain_introduced(4))\n"
        "print(c.get_domain_path(4).decode())\n"
        # pyxs refuses RELEASE unless /proc/xen says it runs in dom0: send it as is.
        "c.ack(pyxs._internal.Op.RELEASE, b'4\\x00')\n"
        "print(c.is_domain_introduced(4))\n")
    check(out.splitlines() == ["False", "True", "/local/domain/4", "False"],
          f"pyxs domains: {out!r}")


# --- malformed messages ---------------------------------------------------------

@test
def raw_oversized_length(d):
    good = Raw(d.socket)
    bad = Raw(d.socket)
    good.send(XS_WRITE, b"/r\0ok")
    check(good.reply()[0] == XS_WRITE, "write on the good connection")
    bad.send(XS_WRITE, b"/r\0x", length=PAYLOAD_MAX + 1)
    check(bad.closed(), "a length over 4096 did not close the connection")
    expect_read(good, "/r", "ok")
    check(d.run("xenstore-read", "/r").stdout == "ok\n", "new connections still served")
    good.close()
    bad.close()


@test
def raw_unknown_type(d):
    other = Raw(d.socket)
    raw = Raw(d.socket)
    raw.send(XS_WRITE, b"/u\0v", req_id=1)
    check(raw.reply()[0] == XS_WRITE, "write")
    for type_ in (20, 23, 99, 0xffffffff):
        raw.send(type_, b"/u\0", req_id=type_ & 0xff)
        got = raw.reply()
        check(got == (XS_ERROR, type_ & 0xff, b"ENOSYS\0"), f"type {type_}: {got}")
    expect_read(raw, "/u", "v")
    expect_read(other, "/u", "v")
    raw.close()
    other.close()


@test
def raw_missing_nul(d):
    other = Raw(d.socket)
    raw = Raw(d.socket)
    raw.send(XS_WRITE, b"/m\0v")
    check(raw.reply()[0] == XS_WRITE, "write")
    raw.send(XS_READ, b"/m", req_id=3)
    got = raw.reply()
    check(got == (XS_ERROR, 3, b"EINVAL\0"), f"READ without NUL: {got}")
    # A header split across two sends is not malformed.
    msg = struct.pack("<IIII", XS_READ, 4, 0, 3) + b"/m\0"
    raw.s.sendall(msg[:5])
    time.sleep(0.05)
    raw.s.sendall(msg[5:])
    check(raw.reply() == (XS_READ, 4, b"v"), "split request")
    expect_read(other, "/m", "v")
    raw.close()
    other.close()


@test
def raw_set_perms_bad(d):
    raw = Raw(d.socket)
    raw.send(XS_WRITE, b"/sp\0v")
    raw.reply()
    raw.send(14, b"/sp\0r3\0b4\0", req_id=8)
    check(raw.reply() == (14, 8, b"OK\0"), "good SET_PERMS")
    for payload in (b"/sp\0", b"/sp\0x5\0", b"/sp\0r\0", b"/sp\0r99999999999\0",
                    b"/sp\0r3\0b4"):
        raw.send(14, payload, req_id=9)
        got = raw.reply()
        check(got == (XS_ERROR, 9, b"EINVAL\0"), f"SET_PERMS {payload!r}: {got}")
    raw.send(3, b"/sp\0", req_id=10)
    check(raw.reply() == (3, 10, b"r3\0b4\0"), "permissions unchanged by bad requests")
    raw.close()


def run_test(fn):
    workdir = tempfile.mkdtemp(prefix="shale-xs-")
    d = Daemon(workdir)
    name = fn.__name__.replace("_", "-")
    try:
        d.start()
        fn(d)
        d.stop()
        print(f"PASS {name}", flush=True)
        RESULTS.append(True)
    except Failure as e:
        print(f"FAIL {name}: {e}", flush=True)
        RESULTS.append(False)
    except Exception:  # noqa: BLE001 - a broken test is a failure, with its trace
        print(f"FAIL {name}: {traceback.format_exc().strip().splitlines()[-1]}", flush=True)
        traceback.print_exc(file=sys.stderr)
        RESULTS.append(False)
    finally:
        if d.proc:
            d.proc.kill()
            d.proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    missing = [p for p in (XENSTORED, os.path.join(HOST, "xs-lib-live-test"), DEBIAN_PYTHON,
                           os.path.join(DEBIAN_TOOLS, "xenstore-read")) if not os.path.exists(p)]
    if missing:
        print(f"FAIL setup: missing {', '.join(missing)} (make all; make deps)")
        print("0 passed, 1 failed")
        return 1
    add_live_cases()
    only = sys.argv[1:]
    for fn in TESTS:
        if not only or fn.__name__.replace("_", "-") in only:
            run_test(fn)
    passed = sum(RESULTS)
    failed = len(RESULTS) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
