"""The database servers the tests use, and the one way tests make databases on them.

The servers are read from ``FOD_POSTGRES_URL`` and ``FOD_MYSQL_URL`` (defaults below), so a run can
point them elsewhere. Before any SQL, :func:`require_server` tries a real TCP connection (a short
timeout) and checks the command-line client the SQL goes through: a test skips only when the
server is unreachable or a tool is missing, with a reason naming which, and fails instead under
``FOD_REQUIRE_SERVICES=1`` (as in CI, where a skip would hide a broken test). Once the server
answers, any SQL error fails the test: a typo in ``CREATE DATABASE`` is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest

DEFAULT_URLS = {
    "postgresql": "postgresql://postgres@127.0.0.1:5432/postgres",
    "mysql": "mysql://root@127.0.0.1:3306/",
}
URL_VARIABLES = {"postgresql": "FOD_POSTGRES_URL", "mysql": "FOD_MYSQL_URL"}
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306}
CLIENTS = {
    "postgresql": ("psql", "apt-get install postgresql-client"),
    "mysql": ("mysql", "apt-get install mariadb-client"),
}
CONNECT_TIMEOUT_S = 3


def services_required() -> bool:
    """``FOD_REQUIRE_SERVICES=1``: a missing server or tool fails the test instead of skipping it."""
    return os.environ.get("FOD_REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip with the reason, or fail with it under FOD_REQUIRE_SERVICES=1."""
    if services_required():
        pytest.fail(f"FOD_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class Server:
    """One database server, as its administrator's URL gives it."""

    kind: str  # "postgresql" or "mysql"
    url: str

    @property
    def _parts(self):
        return urlsplit(self.url)

    @property
    def host(self) -> str:
        return self._parts.hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return self._parts.port or DEFAULT_PORTS[self.kind]

    @property
    def user(self) -> str:
        return unquote(self._parts.username or ("postgres" if self.kind == "postgresql" else "root"))

    @property
    def password(self) -> str:
        return unquote(self._parts.password or "")

    @property
    def variable(self) -> str:
        return URL_VARIABLES[self.kind]

    def database_url(self, name: str, scheme: str | None = None) -> str:
        """The URL of database ``name`` on this server (as a project's DATABASE_URL), optionally another scheme."""
        parts = self._parts
        return urlunsplit((scheme or parts.scheme, parts.netloc, f"/{name}", "", ""))

    def sql(self, statement: str, database: str | None = None) -> str:
        """Run one statement as the administrator with the command-line client; fail the test on any error."""
        env = {**os.environ}
        if self.kind == "postgresql":
            target = self.database_url(database) if database else self.url
            env["PGCONNECT_TIMEOUT"] = str(CONNECT_TIMEOUT_S)
            command = ["psql", "-d", target, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-tA", "-c", statement]
        else:
            env["MYSQL_PWD"] = self.password
            command = ["mysql", "--protocol=TCP", "-h", self.host, "-P", str(self.port), "-u", self.user]
            command += [f"--connect-timeout={CONNECT_TIMEOUT_S}", "-N", "-B", "-e", statement]
            command += [database] if database else []
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode == 0, f"{self.kind} ({self.variable}={self.url}): {statement}\n{result.stderr}"
        return result.stdout


def server(kind: str) -> Server:
    """The server of ``kind`` that this run uses (from FOD_POSTGRES_URL / FOD_MYSQL_URL)."""
    return Server(kind, os.environ.get(URL_VARIABLES[kind]) or DEFAULT_URLS[kind])


def reachable(host: str, port: int, timeout: float = CONNECT_TIMEOUT_S) -> str:
    """``""`` when a TCP connection to host:port opens, else why not."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return ""
    except OSError as error:
        return str(error) or type(error).__name__


def mariadb_headers_problem() -> str:
    """Why mysqlclient (Django's MySQL driver) cannot be built here, or ``""`` when it can."""
    if shutil.which("pkg-config") is None:
        return "pkg-config is not installed, needed to build mysqlclient (apt-get install pkg-config libmariadb-dev)"
    for package in ("libmariadb", "mysqlclient"):
        if subprocess.run(["pkg-config", "--exists", package], capture_output=True).returncode == 0:
            return ""
    return "the MariaDB headers are missing, needed to build mysqlclient (apt-get install libmariadb-dev)"


def require_server(kind: str, *, build_mysqlclient: bool = False) -> Server:
    """The server of ``kind`` once it answers and its client is installed; else skip (or fail) saying why.

    ``build_mysqlclient``: the test installs a Django MySQL project, whose driver builds from source.
    """
    found = server(kind)
    client, install = CLIENTS[kind]
    if shutil.which(client) is None:
        unavailable(f"the {client} client is not installed ({install})")
    if build_mysqlclient and (problem := mariadb_headers_problem()):
        unavailable(problem)
    if problem := reachable(found.host, found.port):
        where = f"{found.host}:{found.port} ({found.variable}={found.url})"
        unavailable(f"no {kind} server reachable at {where}: {problem}")
    return found


def require_build_tools(combo: dict) -> None:
    """Skip (or fail) a test of a rendered project whose dependencies cannot be installed here."""
    if combo.get("framework") != "django" or combo.get("database") != "mysql":
        return
    if problem := mariadb_headers_problem():
        unavailable(problem)


@contextmanager
def fresh_database(kind: str, *, build_mysqlclient: bool = False) -> Iterator[tuple[Server, str]]:
    """A new, uniquely named database on the server of ``kind``; dropped afterwards with the ``test_`` one
    Django's test runner makes beside it. Yields the server and the database's name."""
    found = require_server(kind, build_mysqlclient=build_mysqlclient)
    # FOD_DATABASE_PREFIX: a prefix of one's own on a server others use too.
    name = f"{os.environ.get('FOD_DATABASE_PREFIX', 'fod')}_{uuid.uuid4().hex[:12]}"
    if kind == "postgresql":
        found.sql(f'CREATE DATABASE "{name}"')
    else:
        found.sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    try:
        yield found, name
    finally:
        for leftover in (name, f"test_{name}"):
            if kind == "postgresql":
                found.sql(f'DROP DATABASE IF EXISTS "{leftover}" WITH (FORCE)')
            else:
                found.sql(f"DROP DATABASE IF EXISTS `{leftover}`")
