"""The git steps after rendering: a repository and a first commit, so a later update can merge."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.errors import GeneratorError


def _git(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=False)


def _identity(project: Path, author_name: str, author_email: str) -> list[str]:
    if _git(project, "config", "user.email").returncode == 0:
        return []
    return ["-c", f"user.name={author_name}", "-c", f"user.email={author_email}"]


def commit_file(project: Path, path: str, author_name: str, author_email: str, message: str) -> None:
    """Commit one new file (for example uv.lock after an install), if it exists."""
    if not (project / path).is_file():
        return
    _git(project, "add", "--", path)
    identity = _identity(project, author_name, author_email)
    result = _git(project, *identity, "commit", "--quiet", "--no-verify", "-m", message, "--", path)
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
        result = _git(project, *args)
        if result.returncode != 0:
            lines = (result.stderr or result.stdout).strip().splitlines()
            raise GeneratorError(f"git {name} failed in {project}: {lines[-1] if lines else 'no output'}")
