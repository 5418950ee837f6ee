"""The Django template: render projects and run their own checks and test suites.

Every test here renders a project, installs its dependencies into the shared venv
(tests/project_env.py) and runs the project's own tools in it, so all are slow.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser_helpers import free_port, gunicorn, project_environ
from tests.project_env import (
    assert_delivery_files_lint,
    assert_imports_declared,
    check_in_project,
    leftover_jinja,
    run_in_project,
)
from tests.services import Server, fresh_database, unavailable

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
    "REDIS_URL",
    "JOB_VISIBILITY_TIMEOUT",
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
            found = leftover_jinja(text)
            assert found is None, f"Jinja syntax {found!r} left in {path.relative_to(project)}"


def assert_static_checks(project: Path) -> None:
    """ruff, every import declared, Django's system checks (the deployment ones in production mode), no model
    change without its migration."""
    assert_no_leftover_jinja(project)
    assert_variables_documented(project)
    for name in (".github/workflows/ci.yml", "compose.yaml", ".pre-commit-config.yaml"):
        assert isinstance(yaml.safe_load((project / name).read_text()), dict), f"{name} is not a YAML mapping"
    check_in_project(project, "ruff", "check", ".")
    check_in_project(project, "ruff", "format", "--check", ".")
    assert_imports_declared(project)  # the shared venv holds every variant's packages
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


@pytest.mark.default_project
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
    assert (project / "tests" / "test_api_contract.py").is_file() == combo["rest_api"]
    assert ("schemathesis==" in pyproject) == combo["rest_api"]
    assert ("api_contract.AutoSchema" in settings) == combo["rest_api"]
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


# --- The Django release line -------------------------------------------------------------------

#: Per release line: the oldest Python, the Django pin, and what only that line's settings hold.
RELEASES = {
    "5.2": ("3.11", '"Django>=5.2,<6"', ("CONTENT_SECURITY_POLICY = {", "EMAIL_BACKEND = ")),
    "6.1": ("3.12", '"Django>=6.1,<6.2"', ("SECURE_CSP = {", "MAILERS = {")),
}


@pytest.mark.parametrize("version", sorted(RELEASES))
def test_release_line_is_wired(render: Any, version: str) -> None:
    floor, pin, own_settings = RELEASES[version]
    project = render(framework="django", django_version=version, rest_api=True)
    pyproject = (project / "pyproject.toml").read_text()
    settings = (project / "my_project" / "settings.py").read_text()
    assert f'requires-python = ">={floor}"' in pyproject
    assert f'target-version = "py{floor.replace(".", "")}"' in pyproject
    assert pin in pyproject
    assert ("django-csp" in pyproject) == (version == "5.2")
    for other, (_, other_pin, other_settings) in RELEASES.items():
        if other != version:
            assert other_pin not in pyproject
            assert f"/en/{other}/" not in settings
            assert not any(line in settings for line in other_settings), f"{other}'s settings in {version}"
    assert all(line in settings for line in own_settings)
    assert f"https://docs.djangoproject.com/en/{version}/" in settings


def test_django_6_1_project(render: Any) -> None:
    """The 6.1 project (its own venv, on Python 3.12+): checks clean, its suite passes with no deprecation."""
    project = render(framework="django", django_version="6.1", rest_api=True)
    assert_static_checks(project)
    strict = ("-W", "error::DeprecationWarning", "-W", "error::PendingDeprecationWarning")
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *strict)
    assert passed_count(output) >= 50


# --- Real database servers ----------------------------------------------------------------------


@pytest.fixture
def server_database(request: pytest.FixtureRequest) -> Iterator[tuple[Server, str]]:
    """A new, uniquely named database on the real server (tests/services.py), and its DATABASE_URL."""
    database = request.param
    with fresh_database(database, build_mysqlclient=database == "mysql") as (server, name):
        yield server, server.database_url(name, scheme="postgres" if database == "postgresql" else "mysql")


def _tables(server: Server, url: str) -> set[str]:
    name = url.rsplit("/", 1)[1]
    if server.kind == "postgresql":
        return set(server.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database=name).split())
    return set(server.sql(f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{name}'").split())


@pytest.mark.parametrize("server_database", ["postgresql", "mysql"], indirect=True)
def test_database_server(render: Any, server_database: tuple[Server, str]) -> None:
    server, url = server_database
    database = server.kind
    # Two languages: the language tests (and the French pages) run on each server too.
    project = render(framework="django", database=database, example_app=True, rest_api=True, languages="en,fr")
    pyproject = (project / "pyproject.toml").read_text()
    assert ("psycopg[binary]" in pyproject) == (database == "postgresql")
    assert ("mysqlclient" in pyproject) == (database == "mysql")
    assert url.split("://")[0] in (project / ".env.example").read_text()

    env = {"DATABASE_URL": url}
    check_in_project(project, "python", "manage.py", "migrate", "--noinput", env=env)
    assert {"accounts_user", "items_item"} <= _tables(server, url)
    check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run", env=env)
    assert run_own_tests(project, env=env) >= 50


# --- Background jobs, the cache and many instances -------------------------------------------------


JOB_FILES = ("my_project/celery.py", "my_project/tasks.py")


@pytest.mark.parametrize(
    "answers",
    [
        {"django_version": "5.2", "auth": True, "example_app": True, "database": "postgresql"},
        {"django_version": "6.1", "auth": False, "admin": True, "example_app": True, "templating": "jinja2"},
    ],
    ids=["5.2-auth-postgresql", "6.1-admin-jinja2-sqlite"],
)
def test_background_jobs_project(render: Any, answers: dict[str, Any]) -> None:
    """Celery wired as its Django guide shows, compose's scaled shape, CI's Redis; checks and own suite pass."""
    project = render(framework="django", background_jobs=True, **answers)
    for name in JOB_FILES:
        assert (project / name).is_file(), name
    assert (project / "my_project" / "mail.py").exists() == answers["auth"]
    assert "from .celery import app as celery_app" in (project / "my_project" / "__init__.py").read_text()
    assert '"celery[redis]' in (project / "pyproject.toml").read_text()
    settings = (project / "my_project" / "settings.py").read_text()
    assert "CELERY_TASK_ALWAYS_EAGER = not REDIS_URL" in settings
    assert ("QueuedEmailBackend" in settings) == answers["auth"]

    compose = yaml.safe_load((project / "compose.yaml").read_text())
    services = compose["services"]
    assert services["web"]["deploy"]["replicas"] == 2
    assert {"web", "migrate", "worker", "beat", "redis"} <= set(services)
    assert ("db" in services) == (answers.get("database") == "postgresql")
    for name in ("web", "worker", "beat", "redis") + (("db",) if "db" in services else ()):
        assert services[name]["healthcheck"]["test"], f"{name} has no health check"
    assert services["worker"]["command"].startswith("celery -A my_project worker")
    assert services["beat"]["command"].startswith("celery -A my_project beat")
    assert services["worker"]["environment"] == services["web"]["environment"]
    assert services["web"]["environment"]["REDIS_URL"] == "redis://redis:6379/0"

    workflow = yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())
    test_job = workflow["jobs"]["test"]
    assert "redis" in test_job["services"]
    assert test_job["env"]["REDIS_URL"].startswith("redis://localhost:6379/")
    example = (project / ".env.example").read_text()
    assert "# JOB_VISIBILITY_TIMEOUT=3600" in example and "# REDIS_URL=" in example
    readme = (project / "README.md").read_text()
    assert "## Background jobs" in readme and "## More instances" in readme
    assert "celery -A my_project beat" in readme
    assert "## Background jobs, a cache and many instances" in (project / "DECISIONS.md").read_text()

    assert_static_checks(project)
    assert run_own_tests(project) >= 40


def test_without_background_jobs_there_is_no_celery(render: Any) -> None:
    project = render(framework="django", auth=True, example_app=True)
    for name in JOB_FILES:
        assert not (project / name).exists(), name
    assert (project / "my_project" / "__init__.py").read_text() == ""
    assert "celery" not in (project / "pyproject.toml").read_text().lower()
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    assert set(compose["services"]) == {"web"}
    assert compose["services"]["web"]["ports"] == ["8000:8000"]
    # The cache and readiness are there all the same.
    assert (project / "my_project" / "unavailable.py").is_file()
    assert 'path("ready/", ready, name="ready")' in (project / "my_project" / "urls.py").read_text()


# --- Languages (languages=en,fr and others) -------------------------------------------------------

#: The example app's French names, by kind of project: what its list page's heading becomes.
FRENCH_APP = {"other": "Éléments", "blog": "Billets", "online_store": "Produits", "news_media": "Articles"}


def _msgids(po: Path) -> set[str]:
    """The msgids of a catalogue (the first of a plural pair; a long one continues on the next lines)."""
    ids: set[str] = set()
    current: list[str] | None = None
    for line in [*po.read_text().splitlines(), ""]:
        if line.startswith("msgid "):
            current = [line.removeprefix("msgid ")]
        elif current is not None and line.startswith('"'):
            current.append(line)
        elif current is not None:
            ids.add("".join(json.loads(part) for part in current))  # PO strings escape as JSON ones do
            current = None
    return ids - {""}


def test_single_language_projects_have_no_language_machinery(render: Any) -> None:
    project = render(framework="django", languages="de")
    settings = (project / "my_project" / "settings.py").read_text()
    assert 'LANGUAGE_CODE = "de"' in settings
    assert "LocaleMiddleware" not in settings and "LANGUAGES" not in settings
    assert "i18n_patterns" not in (project / "my_project" / "urls.py").read_text()
    assert not (project / "locale").exists() and not (project / "tests" / "languages").exists()
    assert "pybabel" not in (project / "Dockerfile").read_text()
    assert "babel" not in (project / "pyproject.toml").read_text()
    assert "set_language" not in (project / "templates" / "base.html").read_text()


@pytest.mark.parametrize(
    ("templating", "project_kind", "django_version"),
    [
        ("django", "other", "5.2"),
        ("jinja2", "blog", "5.2"),
        ("django", "online_store", "5.2"),
        ("jinja2", "news_media", "6.1"),
    ],
)
def test_multilingual_project(
    render: Any, tmp_path: Path, templating: str, project_kind: str, django_version: str
) -> None:
    project = render(
        framework="django",
        templating=templating,
        project_kind=project_kind,
        django_version=django_version,
        languages="en,fr",
        rest_api=True,
    )
    settings = (project / "my_project" / "settings.py").read_text()
    assert 'LANGUAGE_CODE = "en"' in settings and '("fr", _("French")),' in settings
    middleware = re.findall(r'"(django\.[\w.]+Middleware)"', settings)
    assert middleware.index("django.middleware.locale.LocaleMiddleware") == (
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
    )
    assert middleware.index("django.middleware.common.CommonMiddleware") > middleware.index(
        "django.middleware.locale.LocaleMiddleware"
    )
    plain, prefixed = (project / "my_project" / "urls.py").read_text().split("urlpatterns += i18n_patterns(")
    for path in ('"health/"', '"api/"', '"admin/"'):
        assert path in plain and path not in prefixed
    for path in ('path("", ', '"accounts/"', '"i18n/"'):
        assert path in prefixed and path not in plain
    assert [p.parts[-3] for p in (project / "locale").glob("*/LC_MESSAGES/django.po")] == ["fr"]
    assert "pybabel compile --domain django --directory locale" in (project / "Dockerfile").read_text()
    assert "## Languages" in (project / "README.md").read_text()
    assert "## Languages" in (project / "DECISIONS.md").read_text()
    assert_static_checks(project)
    assert_delivery_files_lint(project)  # hadolint sees the Dockerfile's compile step
    check_in_project(project, "python", "-m", "bandit", "-q", "-r", ".", "-ll", "-x", "./tests,./.venv")

    # The catalogue holds exactly the texts the README's update command finds in the pages and the code:
    # Django's makemessages for Django templates, Babel's extraction (babel.cfg) for Jinja2 ones.
    catalogue = project / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    shipped = _msgids(catalogue)
    if templating == "django":
        if not shutil.which("xgettext"):
            unavailable("GNU gettext (xgettext) is not installed: makemessages cannot run")
        check_in_project(project, "python", "manage.py", "makemessages", "--locale", "fr", "--no-obsolete")
        assert _msgids(catalogue) == shipped
        assert "#, fuzzy" not in catalogue.read_text()
    else:
        assert (project / "babel.cfg").is_file()
        readme = (project / "README.md").read_text()
        extract = next(line for line in readme.splitlines() if line.startswith("uv run pybabel extract"))
        check_in_project(project, *extract.removeprefix("uv run ").split())
        language_names = {"English", "French"}  # translated by Django's own catalogues
        assert _msgids(project / "locale" / "django.pot") | language_names == shipped
    assert not (project / "locale" / "en").exists()

    # Its own suite (which compiles the catalogues) passes, the language tests among them.
    output = check_in_project(project, "python", "-m", "pytest", "-p", "no:cacheprovider", "-v")
    assert "test_a_browser_asking_for_french_gets_french_pages PASSED" in output
    assert "test_the_switcher_changes_the_language_and_remembers_it PASSED" in output
    passed_count(output.replace(" PASSED", ""))
    assert (project / "locale" / "fr" / "LC_MESSAGES" / "django.mo").is_file()

    # Served in production mode: a browser that asks for French gets French pages.
    env = {
        **PRODUCTION,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "off",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        check_in_project(project, "python", "manage.py", *args, env=env)
    with gunicorn(project, "my_project.wsgi", env, tmp_path / "gunicorn.log") as server:
        request = urllib.request.Request(server.url + "/", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
        with urllib.request.urlopen(request, timeout=10) as response:  # follows the redirect to /fr/
            assert response.url == server.url + "/fr/"
            html = response.read().decode()
        assert '<html lang="fr">' in html and "<title>Accueil ·" in html and FRENCH_APP[project_kind] in html
        english = urllib.request.Request(server.url + "/", headers={"Accept-Language": "en"})
        with urllib.request.urlopen(english, timeout=10) as response:
            assert response.url == server.url + "/en/"
            assert '<html lang="en">' in response.read().decode()
        with urllib.request.urlopen(server.url + "/health/", timeout=10) as response:
            assert response.status == 200


def test_languages_without_a_translation_get_an_empty_catalogue(render: Any) -> None:
    """German is not translated: its catalogue lists every text, untranslated (English until someone does),
    and compiles; the default language comes first."""
    project = render(framework="django", languages="de,en,pt-br")
    assert 'LANGUAGE_CODE = "de"' in (project / "my_project" / "settings.py").read_text()
    catalogues = sorted(p.parts[-3] for p in (project / "locale").glob("*/LC_MESSAGES/django.po"))
    assert catalogues == ["de", "pt_BR"]
    german = (project / "locale" / "de" / "LC_MESSAGES" / "django.po").read_text()
    assert _msgids(project / "locale" / "de" / "LC_MESSAGES" / "django.po") == _msgids(
        project / "locale" / "pt_BR" / "LC_MESSAGES" / "django.po"
    )
    assert re.findall(r'^msgstr(?:\[\d\])? "(.+)"$', german, re.MULTILINE) == []
    assert "Sign up" in german
    check_in_project(project, "pybabel", "compile", "--domain", "django", "--directory", "locale")
    assert (project / "locale" / "de" / "LC_MESSAGES" / "django.mo").is_file()


@pytest.mark.parametrize(("templating", "languages"), [("jinja2", "fr,de"), ("django", "de")])
def test_a_site_whose_default_is_not_english_passes_its_own_tests(render: Any, templating: str, languages: str) -> None:
    """Its own suite reads the pages in English (their texts' language) and, multilingual, each language too."""
    project = render(framework="django", templating=templating, languages=languages)
    code = languages.split(",")[0]
    assert f'LANGUAGE_CODE = "{code}"' in (project / "my_project" / "settings.py").read_text()
    assert 'settings.LANGUAGE_CODE = "en"' in (project / "tests" / "conftest.py").read_text()
    check_in_project(project, "ruff", "check", ".")
    check_in_project(project, "ruff", "format", "--check", ".")
    assert run_own_tests(project) >= 50


# --- The full account kit (django-allauth) ---------------------------------------------------------

#: The full kit's combinations whose projects are checked and run their own suites (auth_kit=full each).
FULL_KIT = {
    "dtl-sqlite": {"templating": "django", "example_app": True, "admin": False},
    "jinja2-postgresql-api-admin-jobs": {
        "templating": "jinja2",
        "database": "postgresql",
        "rest_api": True,
        "example_app": True,
        "admin": True,
        "background_jobs": True,
    },
    "6.1-mysql-en-fr": {"django_version": "6.1", "database": "mysql", "languages": "en,fr", "admin": True},
}

#: The simple kit's own pieces, which the full kit leaves out.
SIMPLE_KIT_FILES = (
    "accounts/views.py",
    "accounts/forms.py",
    "accounts/urls.py",
    "my_project/throttling.py",
    "tests/test_throttling.py",
)


def assert_full_kit_wiring(project: Path, answers: dict[str, Any]) -> None:
    settings = (project / "my_project" / "settings.py").read_text()
    urls = (project / "my_project" / "urls.py").read_text()
    pyproject = (project / "pyproject.toml").read_text()
    for app in ('"allauth",', '"allauth.account",', '"allauth.mfa",'):
        assert app in settings, app
    assert '"allauth.account.middleware.AccountMiddleware",' in settings
    assert '"allauth.account.auth_backends.AuthenticationBackend",' in settings
    assert 'ACCOUNT_EMAIL_VERIFICATION = "mandatory"' in settings
    assert 'ACCOUNT_LOGIN_METHODS = {"email", "username"}' in settings
    assert "ACCOUNT_RATE_LIMITS = {" in settings and 'MFA_TOTP_ISSUER = "My Project"' in settings
    assert 'LOGIN_URL = "account_login"' in settings
    assert "axes" not in settings and "django-axes" not in pyproject and "django-ratelimit" not in pyproject
    assert '"django-allauth[mfa]>=65' in pyproject and '"pyotp>=' in pyproject
    assert 'path("accounts/", include("allauth.urls")),' in urls
    if answers.get("languages"):
        assert 'include("allauth.urls")' in urls.split("i18n_patterns(")[1]  # under the language prefix
    admin_login = 'path("admin/login/", secure_admin_login(admin.site.login)),'
    assert (admin_login in urls) == bool(answers.get("admin"))
    if answers.get("admin"):
        assert urls.index(admin_login) < urls.index('path("admin/", admin.site.urls),')
    for name in SIMPLE_KIT_FILES:
        assert not (project / name).exists(), name
    pages = "jinja2" if answers.get("templating") == "jinja2" else "templates"
    assert not any((project / pages / "registration").glob("*.html")) or answers.get("rest_api")
    assert not (project / pages / "registration" / "login.html").exists()
    assert (project / "templates" / "allauth" / "layouts" / "base.html").is_file()
    assert (project / "accounts" / "migrations" / "0002_existing_email_addresses.py").is_file()
    assert (project / "accounts" / "templatetags" / "jinja2_layout.py").exists() == (pages == "jinja2")
    assert (project / "jinja2" / "allauth" / "page.html").exists() == (pages == "jinja2")
    links = (project / pages / "includes" / "account_links.html").read_text()
    assert "account_logout" in links and "mfa_index" in links and "'signup'" not in links
    readme = (project / "README.md").read_text()
    decisions = (project / "DECISIONS.md").read_text()
    assert "### Accounts (django-allauth)" in readme and "`LOGIN_FAILED_RATE`" in readme
    assert "django-axes" not in readme
    assert "## Accounts: django-allauth (the full kit)" in decisions
    assert ("secure_admin_login" in decisions) == bool(answers.get("admin"))
    assert ("jinja2_page" in decisions) == (pages == "jinja2")


@pytest.mark.parametrize("answers", list(FULL_KIT.values()), ids=list(FULL_KIT))
def test_full_account_kit(render: Any, answers: dict[str, Any]) -> None:
    """auth_kit=full: allauth wired in, the simple kit's pieces left out; checks clean, bandit clean, the
    project's own suite (sign-up with confirmation, logins, two-factor, rate limit, admin) passes on its
    database."""
    project = render(framework="django", auth=True, auth_kit="full", **answers)
    assert_full_kit_wiring(project, answers)
    assert_static_checks(project)
    check_in_project(project, "python", "-m", "bandit", "-q", "-r", ".", "-ll", "-x", "./tests,./.venv,./e2e")
    database = answers.get("database", "sqlite")
    if database == "sqlite":
        assert run_own_tests(project) >= 20
        return
    with fresh_database(database, build_mysqlclient=database == "mysql") as (server, name):
        url = server.database_url(name, scheme="postgres" if database == "postgresql" else "mysql")
        check_in_project(project, "python", "manage.py", "migrate", "--noinput", env={"DATABASE_URL": url})
        assert {"account_emailaddress", "mfa_authenticator", "accounts_user"} <= _tables(server, url)
        assert run_own_tests(project, env={"DATABASE_URL": url}) >= 20


def test_the_readme_run_steps_of_a_multilingual_site_show_its_translations(render: Any, tmp_path: Path) -> None:
    """On a fresh machine (no GNU gettext, no compiled catalogue), the README's run steps, as written, give
    runserver French pages: the first step compiles the catalogues with Babel."""
    project = render(framework="django", languages="en,fr")
    assert not list((project / "locale").glob("*/LC_MESSAGES/*.mo"))
    readme = (project / "README.md").read_text()
    block = readme.split("## Run\n\n```bash\n", 1)[1].split("```", 1)[0]
    steps = [line.split("  #", 1)[0].split() for line in block.splitlines() if line.strip()]
    assert steps[0][:3] == ["uv", "run", "pybabel"] and steps[-1][-1] == "runserver", steps
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    for step in steps[:-1]:
        assert step[:2] == ["uv", "run"], step
        check_in_project(project, *step[2:], env=env)
    port = free_port()
    log = tmp_path / "runserver.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [*steps[-1][2:], f"127.0.0.1:{port}", "--noreload"],
            cwd=project,
            env=project_environ(project, env),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Accept-Language": "fr"})
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    html = response.read().decode()
                break
            except (urllib.error.URLError, ConnectionError) as error:
                assert server.poll() is None and time.monotonic() < deadline, f"{error}\n{log.read_text()[-3000:]}"
                time.sleep(0.3)
        assert response.url.endswith("/fr/")
        assert '<html lang="fr">' in html and "<title>Accueil ·" in html
    finally:
        server.terminate()
        server.wait(timeout=10)
