#!/usr/bin/env python3
"""Starts a real cloutd on a free port with a temporary data folder, for client tests.

As a module (the Python client's tests and the cross-language test import it):

    with Cloutd() as server:          # binary and plugins: see cloutd_path() / plugins_path()
        use(server.address)           # "127.0.0.1:PORT"

As a script, to run any command against a fresh server (exit code: the command's):

    python3 tests/clients/cloutd.py [--cloutd PATH] [--plugins DIR] -- COMMAND [ARGS...]

The command gets CLOUT_SERVER=HOST:PORT in its environment. Without a command the script
prints `cloutd listening on HOST:PORT` and serves until interrupted.

The binary is $CLOUTD, else <repo>/build/cloutd; the plugin folder $CLOUT_PLUGINS, else
<repo>/build/plugins (where the built-in metric plugins are built).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def cloutd_path() -> Path:
    return Path(os.environ.get("CLOUTD") or REPO_ROOT / "build" / "cloutd")


def plugins_path() -> Path:
    return Path(os.environ.get("CLOUT_PLUGINS") or REPO_ROOT / "build" / "plugins")


class Cloutd:
    """A cloutd process listening on 127.0.0.1:<free port>, its data in a temporary folder."""

    def __init__(
        self,
        binary: Path | str | None = None,
        plugins: Path | str | None = None,
        extra_args: list[str] | None = None,
        start_timeout: float = 20.0,
    ) -> None:
        self.binary = Path(binary) if binary else cloutd_path()
        self.plugins = Path(plugins) if plugins else plugins_path()
        self.extra_args = list(extra_args or [])
        self.start_timeout = start_timeout
        self.address = ""
        self.workdir: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Cloutd:
        if not os.access(self.binary, os.X_OK):
            raise RuntimeError(
                f"cloutd not found at {self.binary}: build it (cmake --build build --target cloutd) or set CLOUTD"
            )
        self.workdir = Path(tempfile.mkdtemp(prefix="cloutd-"))
        out = self.workdir / "stdout"
        log = self.workdir / "stderr"
        with open(out, "wb") as o, open(log, "wb") as e:
            self.process = subprocess.Popen(
                [
                    str(self.binary),
                    "--listen=127.0.0.1:0",
                    f"--data={self.workdir / 'data'}",
                    f"--plugins={self.plugins}",
                    "--log_level=warning",
                    "--shutdown_grace_ms=2000",
                    *self.extra_args,
                ],
                stdout=o,
                stderr=e,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            for line in out.read_text(errors="replace").splitlines():
                if line.startswith("cloutd listening on "):
                    self.address = line[len("cloutd listening on ") :].strip()
                    return self
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        tail = log.read_text(errors="replace")[-2000:]
        self.stop()
        raise RuntimeError(f"cloutd did not start (exit {self.process.returncode}); its log:\n{tail}")

    def log(self) -> str:
        """What the server wrote on stderr so far."""
        return (self.workdir / "stderr").read_text(errors="replace") if self.workdir else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> Cloutd:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Run COMMAND against a fresh cloutd (CLOUT_SERVER=HOST:PORT), or just serve."
    )
    parser.add_argument("--cloutd", help="cloutd binary (default $CLOUTD or <repo>/build/cloutd)")
    parser.add_argument("--plugins", help="plugin folder (default $CLOUT_PLUGINS or <repo>/build/plugins)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    ns = parser.parse_args()
    command = ns.command[1:] if ns.command[:1] == ["--"] else ns.command
    with Cloutd(ns.cloutd, ns.plugins) as server:
        if not command:
            print(f"cloutd listening on {server.address}", flush=True)
            try:
                server.process.wait()  # type: ignore[union-attr]
            except KeyboardInterrupt:
                pass
            return 0
        env = dict(os.environ, CLOUT_SERVER=server.address)
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main())
