"""git: the one helper that runs it, and the steps after rendering (a repository and a first commit,
so a later update can merge)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError


def git(
    *args: str, cwd: Path | str | None = None, check: bool = False, binary: bool = False
) -> subprocess.CompletedProcess[Any]:
    """Run ``git ARGS`` (in ``cwd``) and capture its output as text (as bytes with ``binary``);
    with ``check``, raise ``subprocess.CalledProcessError`` when it fails."""
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=not binary, check=check)


def _identity(project: Path, author_name: str, author_email: str) -> list[str]:
    if git("config", "user.email", cwd=project).returncode == 0:
        return []
    return ["-c", f"user.name={author_name}", "-c", f"user.email={author_email}"]


def commit_file(project: Path, path: str, author_name: str, author_email: str, message: str) -> None:
    """Commit one new file (for example uv.lock after an install), if it exists."""
    if not (project / path).is_file():
        return
    git("add", "--", path, cwd=project)
    identity = _identity(project, author_name, author_email)
    result = git(*identity, "commit", "--quiet", "--no-verify", "-m", message, "--", path, cwd=project)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise GeneratorError(f"git commit failed in {project}: {lines[-1] if lines else 'no output'}")


def init_and_commit(project: Path, author_name: str, author_email: str, message: str) -> None:
    """``git init`` the project and commit every file, using the answers' identity if git has none."""
    if shutil.which("git") is None:
        raise GeneratorError("git is not installed: install it, or pass --no-git")
    identity = _identity(project, author_name, author_email)
    steps = {
        "init": ["init", "--quiet", "--initial-branch=main"],
        "add": ["add", "--all"],
        # A repository this new never needs maintenance: skip commit's "git maintenance run --auto".
        "commit": [*identity, "-c", "maintenance.auto=false", "commit", "--quiet", "--no-verify", "-m", message],
    }
    for name, args in steps.items():
        result = git(*args, cwd=project)
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            raise GeneratorError(f"git {name} failed in {project}: {lines[-1] if lines else 'no output'}")
