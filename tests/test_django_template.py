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
import yaml

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
        if path.is_file() and (
            path.suffix in GENERATED_TEXT_SUFFIXES or path.name in ("Dockerfile", ".gitignore", ".dockerignore")
        ):
            text = path.read_text()
            assert "{{" not in text and "{%" not in text, f"Jinja syntax left in {path.relative_to(project)}"


def assert_static_checks(project: Path) -> None:
    """ruff, Django's system checks (the deployment ones in production mode), no model change without its migration."""
    assert_no_leftover_jinja(project)
    assert_variables_documented(project)
    for name in (".github/workflows/ci.yml", "compose.yaml", ".pre-commit-config.yaml"):
        assert isinstance(yaml.safe_load((project / name).read_text()), dict), f"{name} is not a YAML mapping"
    check_in_project(project, "ruff", "check", ".")
    check_in_project(project, "ruff", "format", "--check", ".")
    check_in_project(project, "python", "manage.py", "check", "--fail-level", "WARNING")
    check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run")
    production = {**PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(50)}
    check_in_project(project, "python", "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production)


def assert_variables_documented(project: Path) -> None:
    """Every environment variable the settings read is in .env.example and in the README's table."""
    settings = (project / "my_project" / "settings.py").read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]*)"', settings))
    assert {"DJANGO_ENV", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL"} <= names
    example = (project / ".env.example").read_text()
    readme = (project / "README.md").read_text()
    for name in names:
        assert re.search(rf"^(# )?{name}=", example, re.MULTILINE), f"{name} is not in .env.example"
        assert f"| `{name}` |" in readme, f"{name} is not in the README's table"


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
        ".dockerignore",
    ]
    missing = [name for name in expected if not (project / name).is_file()]
    assert not missing, f"missing files: {missing}"
    for unchosen in ("my_project/jinja2.py", "jinja2", "items/api.py", "items/serializers.py"):
        assert not (project / unchosen).exists(), f"{unchosen} generated for a feature not chosen"

    assert_static_checks(project)

    # .env.example, copied as it is to .env, leaves the project in working development mode.
    (project / ".env").write_text((project / ".env.example").read_text())
    assert "DEBUG = True" in check_in_project(project, "python", "manage.py", "diffsettings", "--all")
    (project / ".env").unlink()

    # Its own test suite runs and passes, and is not trivially small.
    assert run_own_tests(project) >= 30

    # Migrations create the custom user's table and the example app's table.
    db_file = tmp_path / "migrated.sqlite3"
    check_in_project(
        project, "python", "manage.py", "migrate", "--noinput", env={"DATABASE_URL": f"sqlite:///{db_file}"}
    )
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


@pytest.mark.parametrize(
    "answers",
    [{}, {"templating": "jinja2", "example_app": True, "rest_api": True, "database": "postgresql"}],
    ids=["default", "jinja2-rest_api-postgresql"],
)
def test_bandit(render: Any, answers: dict[str, Any]) -> None:
    """No finding of medium severity or above in the generated code (the tests may assert)."""
    project = render(framework="django", **answers)
    check_in_project(project, "python", "-m", "bandit", "-q", "-r", ".", "-ll", "-x", "./tests,./.venv")


# --- Every combination of the Django options ----------------------------------------------------


def _combinations() -> list[dict[str, Any]]:
    """templating x auth x admin x (example_app, rest_api): all 24 that copier accepts."""
    kinds = ["other", "blog", "online_store", "news_media"]  # varies the example app's names
    combos = []
    for templating in ("django", "jinja2"):
        for auth in (True, False):
            for admin in (True, False):
                for example_app, rest_api in ((False, False), (True, False), (True, True)):
                    combos.append(
                        {
                            "templating": templating,
                            "auth": auth,
                            "admin": admin,
                            "example_app": example_app,
                            "rest_api": rest_api,
                            "project_kind": kinds[len(combos) % len(kinds)],
                        }
                    )
    return combos


def _combo_id(combo: dict[str, Any]) -> str:
    flags = [name for name in ("auth", "admin", "example_app", "rest_api") if combo[name]]
    return "-".join([combo["templating"], *flags]) if flags else f"{combo['templating']}-bare"


COMBINATIONS = _combinations()

#: An all-pairs cover of the options, whose projects also run their own test suites.
PAIRWISE = {
    "django-auth-admin-example_app-rest_api",
    "jinja2-example_app-rest_api",
    "django-admin-example_app",
    "jinja2-auth-example_app",
    "django-auth",
    "jinja2-admin",
}


def test_pairwise_cover_is_complete() -> None:
    """Every pair of values of any two options occurs in some project of PAIRWISE."""
    chosen = [c for c in COMBINATIONS if _combo_id(c) in PAIRWISE]
    assert len(chosen) == len(PAIRWISE)
    factors = {
        "templating": lambda c: c["templating"],
        "auth": lambda c: c["auth"],
        "admin": lambda c: c["admin"],
        "app": lambda c: (c["example_app"], c["rest_api"]),
    }
    names = list(factors)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            wanted = {(factors[first](c), factors[second](c)) for c in COMBINATIONS}
            covered = {(factors[first](c), factors[second](c)) for c in chosen}
            assert wanted == covered, f"{first} x {second}: missing {wanted - covered}"


def _package_dirs(project: Path) -> set[str]:
    return {p.parent.name for p in project.glob("*/apps.py")}


def assert_only_chosen_features(project: Path, combo: dict[str, Any]) -> None:
    pyproject = (project / "pyproject.toml").read_text()
    settings = (project / "my_project" / "settings.py").read_text()
    example = {"other": "items", "blog": "posts", "online_store": "products", "news_media": "articles"}[
        combo["project_kind"]
    ]
    assert _package_dirs(project) == {"accounts"} | ({example} if combo["example_app"] else set())

    pages = project / ("jinja2" if combo["templating"] == "jinja2" else "templates")
    other_pages = project / ("templates" if combo["templating"] == "jinja2" else "jinja2")
    assert (pages / "base.html").is_file() and not other_pages.exists()
    assert (project / "my_project" / "jinja2.py").exists() == (combo["templating"] == "jinja2")

    assert (project / "accounts" / "urls.py").exists() == combo["auth"]
    assert (pages / "registration").exists() == combo["auth"]
    assert ("EMAIL_URL" in settings) == combo["auth"]

    assert (project / "accounts" / "admin.py").exists() == combo["admin"]
    assert ('"django.contrib.admin"' in settings) == combo["admin"]

    assert ("djangorestframework" in pyproject) == combo["rest_api"]
    assert ("REST_FRAMEWORK" in settings) == combo["rest_api"]
    if combo["example_app"]:
        writes = combo["auth"] or combo["admin"]
        assert (project / example / "api.py").exists() == combo["rest_api"]
        assert (project / example / "admin.py").exists() == combo["admin"]
        assert (project / example / "forms.py").exists() == writes
        assert ('name="create"' in (project / example / "urls.py").read_text()) == writes


@pytest.mark.parametrize("combo", COMBINATIONS, ids=_combo_id)
def test_combination(render: Any, combo: dict[str, Any]) -> None:
    project = render(framework="django", database="sqlite", **combo)
    assert_only_chosen_features(project, combo)
    assert_static_checks(project)
    if _combo_id(combo) in PAIRWISE:
        assert run_own_tests(project) > 0


def test_rest_api_without_the_example_app_is_refused(copie: Any) -> None:
    result = copie.copy(extra_answers={"framework": "django", "example_app": False, "rest_api": True})
    assert result.exit_code != 0
    assert "the REST API serves the example app's model" in str(result.exception)


# --- Real database servers ----------------------------------------------------------------------


def _sql(database: str, statement: str, dbname: str = "postgres") -> str:
    """Run one SQL statement as the server's administrator, with the machine's command-line client."""
    if database == "postgresql":
        command = ["psql", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-d", dbname, "-tA", "-c", statement]
    else:
        command = ["mysql", "-h", "127.0.0.1", "-P", "3306", "-u", "root", "-N", "-B", "-e", statement]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{statement}: {result.stderr}"
    return result.stdout


@pytest.fixture
def server_database(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A new, uniquely named database on the real server; dropped afterwards with the test database Django made."""
    database = request.param
    name = f"fod_{uuid.uuid4().hex[:12]}"
    if database == "postgresql":
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        url = f"mysql://root@127.0.0.1:3306/{name}"
    _sql(database, f"CREATE DATABASE {name}")
    try:
        yield database, url
    finally:
        for leftover in (name, f"test_{name}"):
            if database == "postgresql":
                _sql(database, f"DROP DATABASE IF EXISTS {leftover} WITH (FORCE)")
            else:
                _sql(database, f"DROP DATABASE IF EXISTS {leftover}")


def _tables(database: str, url: str) -> set[str]:
    name = url.rsplit("/", 1)[1]
    if database == "postgresql":
        return set(_sql(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'", dbname=name).split())
    return set(
        _sql(database, f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{name}'").split()
    )


@pytest.mark.parametrize("server_database", ["postgresql", "mysql"], indirect=True)
def test_database_server(render: Any, server_database: tuple[str, str]) -> None:
    database, url = server_database
    project = render(framework="django", database=database, example_app=True, rest_api=True)
    pyproject = (project / "pyproject.toml").read_text()
    assert ("psycopg[binary]" in pyproject) == (database == "postgresql")
    assert ("mysqlclient" in pyproject) == (database == "mysql")
    assert url.split("://")[0] in (project / ".env.example").read_text()

    env = {"DATABASE_URL": url}
    check_in_project(project, "python", "manage.py", "migrate", "--noinput", env=env)
    assert {"accounts_user", "items_item"} <= _tables(database, url)
    check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run", env=env)
    assert run_own_tests(project, env=env) >= 40
