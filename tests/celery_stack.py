"""What the scale-out tests of both frameworks share: Redis on a database index of the test's own, a mail
server that stalls and then serves, Celery worker processes that can be killed whole, and bounded waits."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import socketserver
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser_helpers import project_environ
from tests.services import reachable, unavailable

REDIS = ("127.0.0.1", 6379)


def wait_for(what: str, check: Callable[[], object], timeout: float, every: float = 0.2) -> float:
    """Poll ``check()`` until it is true; the seconds it took. Fails the test after ``timeout`` seconds."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            pytest.fail(f"{what}: not within {timeout}s")
        time.sleep(every)
    return time.monotonic() - start


# --- Redis, spoken directly (RESP), on one database index ----------------------------------------------


def redis_command(db: int, *args: str) -> bytes:
    """One command on database ``db`` of the machine's Redis; the raw reply."""
    parts = [("SELECT", str(db)), args]
    payload = b"".join(
        f"*{len(p)}\r\n".encode() + b"".join(f"${len(a.encode())}\r\n{a}\r\n".encode() for a in p) for p in parts
    )
    with socket.create_connection(REDIS, timeout=3) as sock:
        sock.sendall(payload)
        reply = b""
        while reply.count(b"\r\n") < 2:  # +OK to SELECT, then the command's (one-line) reply
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
        return reply


def empty_redis_database(db: int) -> str:
    """Empty Redis database ``db`` (never index 0: the test's own); its URL. Skip (fail in CI) without Redis."""
    assert db != 0
    if problem := reachable(*REDIS):
        unavailable(f"no Redis reachable at {REDIS[0]}:{REDIS[1]}: {problem}")
    reply = redis_command(db, "FLUSHDB")
    assert reply == b"+OK\r\n+OK\r\n", reply
    return f"redis://{REDIS[0]}:{REDIS[1]}/{db}"


# --- A mail server that stalls, then serves ----------------------------------------------------------


@dataclass
class FakeSmtp:
    """An SMTP server on 127.0.0.1: while ``stalling`` it accepts connections and never greets (a client
    waits for ever); afterwards it takes messages, kept in ``messages``."""

    port: int = 0
    stalling: bool = True
    connections: int = 0
    messages: list[str] = field(default_factory=list)

    def handle(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):  # the client went away (a killed worker)
            self._converse(connection)

    def _converse(self, connection: socket.socket) -> None:
        self.connections += 1
        connection.settimeout(30)
        deadline = time.monotonic() + 60
        while self.stalling and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.stalling:
            return
        reader = connection.makefile("rb")

        def say(line: str) -> None:
            connection.sendall(line.encode() + b"\r\n")

        say("220 fake ESMTP")
        while True:
            line = reader.readline().decode(errors="replace").strip()
            verb = line.split(" ", 1)[0].upper()
            if not line or verb == "QUIT":
                say("221 bye")
                return
            if verb == "DATA":
                say("354 go on")
                body = []
                while (data := reader.readline().decode(errors="replace")) not in (".\r\n", ""):
                    body.append(data)
                self.messages.append("".join(body))
                say("250 queued")
            elif verb in ("EHLO", "HELO"):
                say("250 fake")
            else:
                say("250 ok")

    @contextmanager
    def running(self) -> Iterator[FakeSmtp]:
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                owner.handle(self.request)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler) as server:
            server.daemon_threads = True
            self.port = server.server_address[1]
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            try:
                yield self
            finally:
                self.stalling = False
                server.shutdown()


# --- Celery workers ---------------------------------------------------------------------------------


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextmanager
def celery_worker(project: Path, command: Sequence[str], env: dict[str, str], log: Path) -> Iterator[Worker]:
    """One Celery worker process, ``command`` plus a host name of its own, in a process group of its own (so that
    it can be killed whole); warm shutdown on the way out."""
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*command, "--without-gossip", "--without-mingle", "--hostname", f"scale-{log.stem}@%h"],
            cwd=project,
            env=project_environ(project, env),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = Worker(process, log)
    try:
        wait_for(f"worker {log.stem} ready", lambda: " ready." in worker.output() or process.poll() is not None, 60)
        assert process.poll() is None, f"the worker exited:\n{worker.output()[-4000:]}"
        yield worker
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def kill_whole(worker: Worker) -> None:
    """SIGKILL the worker and its pool processes at once: no chance to give its job back."""
    os.killpg(worker.process.pid, signal.SIGKILL)
    worker.process.wait(timeout=10)
