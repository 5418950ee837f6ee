"""Running the generator's command line from tests, and looking at what it left on disk."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from tests.project_env import REPO
from tests.services import fresh_database


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = "") -> subprocess.CompletedProcess[str]:
    """``python -m generator ARGS`` in a subprocess, as a user runs it."""
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        input=stdin,
        env=env,
        timeout=600,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` (git's own files too) with a hash of its content."""
    if not folder.exists():
        return {}
    if folder.is_file():
        return {".": hashlib.sha256(folder.read_bytes()).hexdigest()}
    digest = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        digest[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return digest


def answers_of(project: Path) -> dict:
    return yaml.safe_load((project / ".copier-answers.yml").read_text())


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=True).stdout


def commit_all(project: Path, message: str) -> None:
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--no-verify", "-m", message)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, uniquely named PostgreSQL database on the test server (tests/services.py); yields its DATABASE_URL."""
    with fresh_database("postgresql") as (server, name):
        yield server.database_url(name, scheme="postgres")
