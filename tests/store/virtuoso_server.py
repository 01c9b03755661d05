"""A throwaway OpenLink Virtuoso for the store tests: own virtuoso.ini in a temp directory, free 127.0.0.1 ports.

Debian's ``virtuoso-opensource`` package provides ``virtuoso-t`` and ``isql-vt``; no root and no system
service are involved. The server creates a fresh database (about 10 s), ``SPARQL_UPDATE`` is granted to
the anonymous ``SPARQL`` user, and the ``dba`` password is changed from the well-known default.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from graph.store.base import Store

INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 600
"""


def virtuoso_binaries() -> tuple[str, str] | None:
    """``virtuoso-t`` and ``isql-vt`` from PATH (or /usr/bin), None when either is missing."""
    found = [shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
             for name in ("virtuoso-t", "isql-vt")]
    return (found[0], found[1]) if found[0] and found[1] else None


@dataclass
class VirtuosoServer:
    """A running ``virtuoso-t`` and its endpoint URLs."""

    process: subprocess.Popen[bytes]
    base: str
    directory: Path

    @property
    def query_url(self) -> str:
        """SPARQL endpoint (queries and, once granted, updates)."""
        return f"{self.base}/sparql"

    @property
    def update_url(self) -> str:
        """Virtuoso takes updates on the query endpoint."""
        return self.query_url

    @property
    def store_url(self) -> str:
        """Graph Store Protocol endpoint (one graph per request)."""
        return f"{self.base}/sparql-graph-crud"

    def clear(self, store: Store) -> None:
        """Drop every graph claimgraph can see, its default-graph stand-in and the staging graphs."""
        from graph.store import virtuoso

        graphs = [str(row[0]) for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]  # type: ignore[index]
        graphs += [virtuoso.DEFAULT_GRAPH, virtuoso.STAGING_DEFAULT]
        graphs += [virtuoso.staging_graph(i) for i in range(virtuoso.STAGING_SLOTS)]
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))

    def log(self) -> str:
        """The server's error log (for failure messages)."""
        path = self.directory / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        """Ask the server to shut down (it checkpoints first), kill it if it does not within 60 s."""
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _isql(isql: str, sql_port: int, password: str, statement: str) -> None:
    """Run one SQL statement as ``dba`` through ``isql-vt``; raise with its output when it reports an error."""
    done = subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", password, f"exec={statement}"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql-vt {statement!r} failed: {done.stdout}{done.stderr}")


def start_virtuoso(directory: Path, sql_port: int, http_port: int) -> VirtuosoServer:
    """Start Virtuoso in ``directory`` on the given ports, wait until SPARQL answers (or fail after 180 s), grant updates."""
    binaries = virtuoso_binaries()
    if binaries is None:
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource gives virtuoso-t and isql-vt)")
    virtuoso_t, isql = binaries
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(dir=directory, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    process = subprocess.Popen(
        [virtuoso_t, "+configfile", str(ini), "+foreground"],
        cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = VirtuosoServer(process, f"http://127.0.0.1:{http_port}", directory)
    deadline = time.monotonic() + 180
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}: {server.log()}")
        try:
            if httpx.post(server.query_url, data={"query": "ASK {}"}, timeout=2.0).is_success:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"virtuoso did not start within 180 s: {server.log()}")
        time.sleep(0.25)
    try:
        _isql(isql, sql_port, "dba", 'GRANT SPARQL_UPDATE TO "SPARQL"')
        _isql(isql, sql_port, "dba", f"USER_SET_PASSWORD('dba', '{secrets.token_hex(12)}')")
    except (RuntimeError, subprocess.TimeoutExpired):
        server.stop()
        raise
    return server
