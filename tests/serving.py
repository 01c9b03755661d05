"""A real ``claimgraph serve`` process on a free loopback port, for the server tests and the API benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

CLI = [sys.executable, "-c", "from graph.cli import main; main()"]


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Served:
    """A running ``claimgraph serve``: its base URL and process."""

    base: str
    process: subprocess.Popen[bytes]


def _healthy(served: Served, timeout: float) -> bool:
    """Poll ``/health`` until it answers 200 (True), or the server exits or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{served.base}/health", timeout=1).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        if served.process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server, killing it if it does not stop within 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def claimgraph_server(store: Path, env: Mapping[str, str] | None = None, timeout: float = 60.0) -> Iterator[Served]:
    """``claimgraph serve --store STORE`` in a subprocess (extra ``env`` on top of ours), once ``/health`` answers.

    The server is stopped on leaving the block; its log (stderr, kept in a temporary file so a chatty server
    never blocks on a full pipe) is shown if it fails to start.
    """
    port = free_port()
    command = [*CLI, "serve", "--store", str(store), "--port", str(port), "--log-level", "warning"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=log)
        served = Served(f"http://127.0.0.1:{port}", process)
        try:
            if not _healthy(served, timeout):
                log.seek(0)
                raise RuntimeError(f"claimgraph serve did not start: {log.read().decode(errors='replace')}")
            yield served
        finally:
            _stop(process)
