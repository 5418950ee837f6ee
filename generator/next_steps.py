"""After rendering: the commands that install, migrate and start a generated project, and running them."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from rich.console import Console

from generator.errors import GeneratorError


def migrate_args(answers: dict[str, Any]) -> list[str] | None:
    """The command (run inside the project's environment) that creates the database schema."""
    if answers["framework"] == "django":
        return ["python", "manage.py", "migrate"]
    if answers.get("orm", "sqlalchemy") == "none":
        return None
    return ["flask", "--app", answers["project_slug"], "db", "upgrade"]


def run_args(answers: dict[str, Any]) -> list[str]:
    """The command that starts the development server."""
    if answers["framework"] == "django":
        return ["python", "manage.py", "runserver"]
    return ["flask", "--app", answers["project_slug"], "run", "--debug"]


def next_steps(answers: dict[str, Any], installed: bool) -> list[str]:
    """What the user types next, with uv (the README also shows plain pip)."""
    steps = [] if installed else ["uv sync"]
    migrate = migrate_args(answers)
    if migrate and not installed:
        steps.append("uv run " + " ".join(migrate))
    steps.append("uv run " + " ".join(run_args(answers)))
    return steps


def _uv() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def install(project: Path, answers: dict[str, Any], console: Console) -> None:
    """Create ``.venv`` with the project's dependencies (dev group too) and run its migrations.

    uv's own progress display is streamed to the terminal as it installs.
    """
    steps: list[tuple[str, list[str]]] = [("Installing dependencies into .venv", [_uv(), "sync"])]
    migrate = migrate_args(answers)
    if migrate:
        steps.append(("Creating the database", [_uv(), "run", "--no-sync", *migrate]))
    for title, args in steps:
        console.rule(f"[bold]{title}", align="left")
        result = subprocess.run(args, cwd=project, check=False)
        if result.returncode != 0:
            raise GeneratorError(
                f"'{' '.join(args[1:] if args[0] == _uv() else args)}' failed in {project} (exit {result.returncode}); "
                "the project is generated, fix the problem above and run it again"
            )
