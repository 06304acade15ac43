# SPDX-License-Identifier: MIT
"""Booting Shale in QEMU for tests: build initrds and ISOs, run with a
time-out, capture the serial output, optionally type into the console."""

import os
import subprocess
import tarfile
import tempfile
import time
import io
import select

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# SHALE_BUILD points the tests at another build directory (make BUILD=...).
BUILD = os.path.abspath(os.environ.get("SHALE_BUILD", os.path.join(ROOT, "build")))


def accel_args():
    out = subprocess.run([os.path.join(ROOT, "scripts", "qemu-accel.sh")],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def make_initrd(path, files):
    """Writes a ustar archive holding files ({"etc/rc": "text", ...})."""
    with tarfile.open(path, "w", format=tarfile.USTAR_FORMAT) as tar:
        dirs = set()
        for name in sorted(files):
            parts = name.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    tar.addfile(info)
            data = files[name]
            if isinstance(data, str):
                data = data.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))


def make_iso(path, dom0, initrd, hv_cmdline, dom0_cmdline=""):
    subprocess.run([os.path.join(ROOT, "scripts", "mkiso.sh"), path,
                    os.path.join(BUILD, "shale.elf"), dom0, initrd, hv_cmdline,
                    dom0_cmdline], check=True)


class Result:
    def __init__(self, status, output, timed_out, seconds, prompt_seconds):
        self.status = status
        self.output = output
        self.timed_out = timed_out
        self.seconds = seconds
        self.prompt_seconds = prompt_seconds  # when the first script step fired


def run(args, timeout=60, script=None, mem=256):
    """Runs QEMU with args. script is a list of (wait_for_text, text_to_type):
    each text is typed once wait_for_text has appeared in the output."""
    cmd = ["qemu-system-x86_64"] + accel_args() + [
        "-m", str(mem), "-display", "none", "-serial", "stdio", "-monitor", "none",
        "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=4",
        # No NIC: its option ROM costs a quarter of a second of firmware time.
        "-nic", "none"] + args
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    output = b""
    pending = list(script or [])
    timed_out = False
    prompt_seconds = None
    while True:
        left = timeout - (time.monotonic() - start)
        if left <= 0:
            timed_out = True
            proc.kill()
            break
        ready, _, _ = select.select([proc.stdout], [], [], min(left, 0.2))
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            output += chunk
        while pending and pending[0][0].encode() in output:
            _, text = pending.pop(0)
            if prompt_seconds is None:
                prompt_seconds = time.monotonic() - start
            proc.stdin.write(text.encode())
            proc.stdin.flush()
            # A real terminal delivers keys one by one; so does the UART FIFO.
            time.sleep(0.05)
    proc.wait()
    text = output.decode("utf-8", "replace").replace("\r\n", "\n")
    return Result(proc.returncode, text, timed_out, time.monotonic() - start, prompt_seconds)


def boot_mb1(modules, hv_cmdline="", **kw):
    """QEMU -kernel (Multiboot1). modules: list of "path args" strings."""
    args = ["-kernel", os.path.join(BUILD, "shale.elf"), "-append", hv_cmdline]
    if modules:
        args += ["-initrd", ",".join(modules)]
    return run(args, **kw)


def boot_iso(iso, **kw):
    return run(["-cdrom", iso], **kw)


def tempdir():
    return tempfile.mkdtemp(prefix="shale-test-")
