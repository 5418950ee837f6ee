"""The Django template: render projects and run their own checks and test suites.

Every test here renders a project, installs its dependencies into the shared venv
(tests/project_env.py) and runs the project's own tools in it, so all are slow.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.project_env import check_in_project, run_in_project

pytestmark = pytest.mark.slow

#: Variables of the machine running these tests that would change how a rendered project behaves.
PROJECT_VARIABLES = (
    "DJANGO_ENV",
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "EMAIL_URL",
)

#: Files that must keep no Jinja syntax; the page templates in templates/ and jinja2/ legitimately have some.
GENERATED_TEXT_SUFFIXES = {".py", ".toml", ".md", ".yml", ".yaml", ".cfg", ".txt", ".example", ".css"}

PRODUCTION = {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "example.com"}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run rendered projects as on a fresh machine: none of their settings come from here."""
    for name in PROJECT_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def passed_count(output: str) -> int:
    """How many tests a ``pytest -q`` run passed, failing when any failed or errored."""
    summary = output.strip().splitlines()[-1]
    assert "failed" not in summary and "error" not in summary, output[-6000:]
    found = re.search(r"(\d+) passed", summary)
    assert found, f"no tests ran:\n{output[-6000:]}"
    return int(found.group(1))


def assert_no_leftover_jinja(project: Path) -> None:
    for path in project.rglob("*"):
        if path.relative_to(project).parts[0] in ("templates", "jinja2"):
            continue
        if path.is_file() and (path.suffix in GENERATED_TEXT_SUFFIXES or path.name in ("Dockerfile", ".gitignore")):
            text = path.read_text()
            assert "{{" not in text and "{%" not in text, f"Jinja syntax left in {path.relative_to(project)}"


def assert_static_checks(project: Path) -> None:
    """ruff, Django's system checks, and no model change without its migration."""
    assert_no_leftover_jinja(project)
    check_in_project(project, "ruff", "check", ".")
    check_in_project(project, "ruff", "format", "--check", ".")
    check_in_project(project, "python", "manage.py", "check", "--fail-level", "WARNING")
    check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run")


def run_own_tests(project: Path, env: dict[str, str] | None = None) -> int:
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", env=env)
    return passed_count(output)


# --- The default project -----------------------------------------------------------------------


def test_default_project(render: Any, tmp_path: Path) -> None:
    project = render(framework="django")
    answers = (project / ".copier-answers.yml").read_text()
    assert "templating: django" in answers and "database: sqlite" in answers

    expected = [
        "manage.py",
        "my_project/settings.py",
        "my_project/urls.py",
        "my_project/wsgi.py",
        "my_project/asgi.py",
        "accounts/models.py",
        "accounts/migrations/0001_initial.py",
        "items/models.py",
        "items/migrations/0001_initial.py",
        "templates/base.html",
        "static/css/site.css",
        "pyproject.toml",
        "README.md",
        "DECISIONS.md",
        ".env.example",
        ".gitignore",
        "Dockerfile",
        "compose.yaml",
        ".github/workflows/ci.yml",
        ".pre-commit-config.yaml",
    ]
    missing = [name for name in expected if not (project / name).is_file()]
    assert not missing, f"missing files: {missing}"
    for unchosen in ("my_project/jinja2.py", "jinja2", "items/api.py", "items/serializers.py"):
        assert not (project / unchosen).exists(), f"{unchosen} generated for a feature not chosen"

    assert_static_checks(project)

    # Its own test suite runs and passes, and is not trivially small.
    assert run_own_tests(project) >= 30

    # Migrations create the custom user's table and the example app's table.
    db_file = tmp_path / "migrated.sqlite3"
    check_in_project(project, "python", "manage.py", "migrate", "--noinput", env={"DATABASE_URL": f"sqlite:///{db_file}"})
    with sqlite3.connect(db_file) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        item_columns = {row[1] for row in db.execute("PRAGMA table_info(items_item)")}
    assert {"accounts_user", "items_item", "django_session"} <= tables
    assert {"title", "body", "owner_id", "created_at", "updated_at"} <= item_columns

    # Production mode: the deployment checklist is clean...
    secret = secrets.token_urlsafe(50)
    check_in_project(
        project,
        "python",
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION, "SECRET_KEY": secret},
    )
    # ...and the project refuses to start without its secret key or its host names.
    refused = run_in_project(project, "python", "manage.py", "check", env=PRODUCTION)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert "The SECRET_KEY environment variable is required when DJANGO_ENV=production" in refused.stderr
    refused = run_in_project(
        project, "python", "manage.py", "check", env={"DJANGO_ENV": "production", "SECRET_KEY": secret}
    )
    assert refused.returncode != 0
    assert "The ALLOWED_HOSTS environment variable is required" in refused.stderr


def test_default_project_passes_bandit(render: Any) -> None:
    project = render(framework="django")
    check_in_project(project, "python", "-m", "bandit", "-q", "-r", ".", "-ll", "-x", "./tests,./.venv")
