"""The Flask template: render projects and run their own checks (tests, lint, migrations, bandit).

Rendered projects are not installed: their dependencies go into the shared venv of
tests/project_env.py, and commands run inside the project folder.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from tests.project_env import check_in_project, run_in_project

SLUG = "my_project"  # the default project_slug
#: Files that are Jinja or Mako templates of the generated app itself, so may hold {{ and {%.
APP_TEMPLATE_SUFFIXES = {".html", ".txt", ".mako"}
LEFTOVER = re.compile(r"\{\{|\{%|%\}|\}\}")


def assert_no_leftovers(project: Path) -> None:
    """No generation-time Jinja left in the rendered files (the app's own templates may have some)."""
    for path in project.rglob("*"):
        if not path.is_file() or path.suffix in APP_TEMPLATE_SUFFIXES or ".git" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        match = LEFTOVER.search(text)
        assert match is None, f"{path.relative_to(project)} keeps {match.group(0)!r} from generation"
        assert ".jinja" not in path.name, path


def sqlite_tables(database: Path) -> set[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def check_migrations(project: Path, database: Path, slug: str = SLUG) -> set[str]:
    """``flask db upgrade`` on a fresh SQLite file, then ``flask db check``; return the tables made."""
    env = {"DATABASE_URL": f"sqlite:///{database}", "APP_ENV": "development"}
    check_in_project(project, "flask", "--app", slug, "db", "upgrade", env=env)
    check_in_project(project, "flask", "--app", slug, "db", "check", env=env)
    return sqlite_tables(database)


@pytest.mark.slow
def test_default_flask_project(render, tmp_path: Path) -> None:
    project = render(framework="flask")
    answers = (project / ".copier-answers.yml").read_text()
    assert "framework: flask" in answers
    assert_no_leftovers(project)
    assert (project / SLUG / "__init__.py").is_file()
    assert (project / "migrations" / "versions" / "0001_initial_schema.py").is_file()

    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", output) and "failed" not in output, output
    check_in_project(project, "ruff", "check", "--no-cache", ".")

    database = tmp_path / "fresh.sqlite3"
    tables = check_migrations(project, database)
    assert {"alembic_version", "users", "items"} <= tables

    # Production without SECRET_KEY refuses to start, and says why.
    result = run_in_project(
        project, "flask", "--app", SLUG, "routes", env={"APP_ENV": "production", "SECRET_KEY": ""}
    )
    assert result.returncode != 0
    assert "APP_ENV=production needs the environment variable(s) SECRET_KEY" in result.stdout + result.stderr
    # ... and starts with it.
    result = run_in_project(
        project,
        "flask",
        "--app",
        SLUG,
        "routes",
        env={"APP_ENV": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": f"sqlite:///{database}"},
    )
    assert result.returncode == 0, result.stderr
    assert "items.index" in result.stdout
