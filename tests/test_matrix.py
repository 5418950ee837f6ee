"""Every valid combination of the wiring answers, rendered and checked; the invalid ones refused.

For each valid combination (enumerated from copier.yml by tests/matrix.py): render; no generation
markers left outside the app's own templates; paths that work on Windows; ``ruff check``; the
framework's own checks; bandit at medium severity and above. The projects of an all-pairs covering
set also run their own test suites, on the real PostgreSQL or MySQL server where they chose one.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.matrix import (
    FRAMEWORKS,
    combination_id,
    covering_set,
    invalid_combinations,
    valid_combinations,
)
from tests.project_env import check_in_project

VALID = [c for fw in FRAMEWORKS for c in valid_combinations(fw)]
INVALID = [(c, problem) for fw in FRAMEWORKS for c, problem in invalid_combinations(fw)]
COVERED = {combination_id(c) for fw in FRAMEWORKS for c in covering_set(fw)}

MARKER = re.compile(r"\{\{|\{%")  # closing braces are common in code; openings are not
WINDOWS_BAD = re.compile(r'[<>:"|?*\\]|[ .]$')
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
APP_TEMPLATE_SUFFIXES = {".html", ".txt", ".mako"}


def is_app_template(rel: Path) -> bool:
    """The generated app's own templates, where {{ }} and {% %} belong."""
    in_template_folder = any(part in {"templates", "jinja2"} for part in rel.parts[:-1])
    return rel.suffix in APP_TEMPLATE_SUFFIXES and (in_template_folder or rel.suffix == ".mako")


def assert_no_generation_leftovers(project: Path) -> None:
    for path in project.rglob("*"):
        rel = path.relative_to(project)
        assert path.suffix != ".jinja", f"unrendered template file {rel}"
        for part in rel.parts:
            assert not WINDOWS_BAD.search(part), f"{rel}: a character or ending Windows forbids"
            assert part.split(".")[0].lower() not in WINDOWS_RESERVED, f"{rel}: a name Windows reserves"
        if path.is_file() and not is_app_template(rel):
            text = path.read_text(encoding="utf-8", errors="replace")
            found = MARKER.search(text)
            assert not found, f"generation marker {found.group()!r} left in {rel}"


def framework_checks(project: Path, combo: dict[str, Any], tmp_path: Path) -> None:
    slug = "my_project"
    if combo["framework"] == "django":
        check_in_project(project, "python", "manage.py", "check", "--fail-level", "WARNING")
        check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run")
        production = {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "example.com",
        }
        check_in_project(project, "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production)
    elif combo["orm"] != "none":
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
        check_in_project(project, "flask", "--app", slug, "db", "upgrade", env=env)
        check_in_project(project, "flask", "--app", slug, "db", "check", env=env)


def _sql(database: str, statement: str) -> None:
    if database == "postgresql":
        command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", statement]
    else:
        command = ["mysql", "-h", "127.0.0.1", "-P", "3306", "-u", "root", "-e", statement]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{statement}: {result.stderr}"


@contextmanager
def database_url(database: str) -> Iterator[dict[str, str]]:
    """The environment for a project's tests: a fresh database of its own on the real server."""
    if database == "sqlite":
        yield {}
        return
    name = f"fod_{uuid.uuid4().hex[:12]}"
    scheme = "postgresql" if database == "postgresql" else "mysql"
    admin = "postgres@127.0.0.1:5432" if database == "postgresql" else "root@127.0.0.1:3306"
    _sql(database, f"CREATE DATABASE {name}" + (" CHARACTER SET utf8mb4" if database == "mysql" else ""))
    try:
        yield {"DATABASE_URL": f"{scheme}://{admin}/{name}"}
    finally:
        for leftover in (name, f"test_{name}"):
            force = " WITH (FORCE)" if database == "postgresql" else ""
            _sql(database, f"DROP DATABASE IF EXISTS {leftover}{force}")


def run_own_suite(project: Path, combo: dict[str, Any]) -> int:
    with database_url(combo.get("database", "sqlite")) as env:
        output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", env=env)
    summary = output.strip().splitlines()[-1]
    found = re.search(r"(\d+) passed", summary)
    assert found and "failed" not in summary and "error" not in summary, output[-4000:]
    return int(found.group(1))


@pytest.mark.slow
@pytest.mark.parametrize("combo", VALID, ids=combination_id)
def test_valid_combination(combo: dict[str, Any], render: Any, tmp_path: Path, record_property: Any) -> None:
    project = render(**combo)
    record_property("matrix_rendered", combination_id(combo))
    assert_no_generation_leftovers(project)
    check_in_project(project, "ruff", "check", ".")
    framework_checks(project, combo, tmp_path)
    check_in_project(project, "bandit", "-q", "-r", ".", "-ll", "-x", "./tests,./.venv,./e2e")
    if combination_id(combo) in COVERED:
        record_property("matrix_suite", combination_id(combo))
        assert run_own_suite(project, combo) > 0


@pytest.mark.parametrize(("combo", "problem"), INVALID, ids=[combination_id(c) for c, _ in INVALID])
def test_invalid_combination_is_refused(combo: dict[str, Any], problem: str, copie: Any) -> None:
    result = copie.copy(extra_answers=combo)
    assert result.exit_code != 0
    assert problem in str(result.exception)


def test_matrix_size_follows_copier_yml():
    """The counts are derived, not kept by hand; this records them so a change to the questions shows."""
    assert len(valid_combinations("django")) == 72
    assert len(valid_combinations("flask")) == 56
    assert len(INVALID) == 24 + 42
    assert {c.get("database") for c in covering_set("django")} == {"sqlite", "postgresql", "mysql"}
    assert {c.get("orm") for c in covering_set("flask")} == {"sqlalchemy", "peewee", "none"}
