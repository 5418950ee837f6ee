"""Every valid combination of the wiring answers, rendered and checked; the invalid ones refused.

For each valid combination (enumerated from copier.yml by tests/matrix.py): render; no generation
markers left outside the app's own templates; paths that work on Windows; ``ruff check``; the
framework's own checks; bandit at medium severity and above; the delivery files linted (zizmor on the
workflow, hadolint on the Dockerfile, check-jsonschema on workflow, compose file and Dependabot config).
The projects of an all-pairs covering set also run their own test suites, on the real PostgreSQL or
MySQL server where they chose one.

Many combinations render byte-identical files: bandit (file by file) and the delivery-file linters skip a
file whose exact input already passed in this run (tests/pass_cache.py); a failing input fails every time.
Django's system and migration checks skip a project whose every file they read already passed them (the
combinations that differ only in the database); the import check, which reads pyproject.toml, runs on each.
Renders reuse the templates earlier renders of the run compiled.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests import pass_cache
from tests.matrix import (
    FRAMEWORKS,
    combination_id,
    covering_set,
    invalid_combinations,
    valid_combinations,
)
from tests.project_env import (
    IMPORTS_DECLARED,
    assert_bandit_passes,
    assert_delivery_files_lint,
    check_in_project,
    leftover_jinja,
    run_in_project,
)
from tests.services import fresh_database, require_build_tools, require_server

#: Every valid combination, and the covering set's multilingual ones (the full matrix keeps one language).
VALID = [c for fw in FRAMEWORKS for c in valid_combinations(fw)] + [
    c for fw in FRAMEWORKS for c in covering_set(fw) if "languages" in c
]
INVALID = [(c, problem) for fw in FRAMEWORKS for c, problem in invalid_combinations(fw)]
COVERED = {combination_id(c) for fw in FRAMEWORKS for c in covering_set(fw)}

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
            found = leftover_jinja(text)
            assert not found, f"generation marker {found!r} left in {rel}"


#: Django's checks in one process (each start of a Django process costs seconds on a busy machine): first that
#: every third-party import comes from a declared dependency (IMPORTS_DECLARED: the shared venv holds every
#: variant's packages); then ``check --deploy``, which runs every check ``check`` does plus the deployment ones,
#: here under the production settings; then ``makemigrations --check --dry-run`` (it exits 1 when a model has
#: no migration).
DJANGO_SYSTEM_CHECKS = (
    "import django; django.setup()\n"
    "from django.core.management import call_command\n"
    "call_command('check', deploy=True, fail_level='WARNING')\n"
    "call_command('makemigrations', check=True, dry_run=True)\n"
)
DJANGO_CHECKS = IMPORTS_DECLARED + DJANGO_SYSTEM_CHECKS

#: Files of a Django project that its system checks and migration check never read: documentation, the answers
#: file and delivery files (the linters check those), ``.env.example`` (settings read the environment, never that
#: file) and ``pyproject.toml`` (read by the import check, which runs on every combination). The combinations
#: that differ only in the database render identical Python, templates and settings and differ only in these.
NOT_READ_BY_DJANGO_CHECKS = frozenset(
    {".copier-answers.yml", ".env.example", "DECISIONS.md", "Dockerfile", "README.md", "compose.yaml", "pyproject.toml"}
)


#: Folders of the same kind: the workflow, and what tools and Python made of the project's own files.
NOT_READ_FOLDERS = frozenset({".github", ".ruff_cache", ".pytest_cache", "__pycache__"})


def django_checks_input(project: Path, environment: dict[str, str]) -> str:
    """A :func:`pass_cache.key` of all that ``DJANGO_SYSTEM_CHECKS`` read: the script, the settings' environment
    (but the random SECRET_KEY) and every file of the project but NOT_READ_BY_DJANGO_CHECKS and NOT_READ_FOLDERS."""
    parts: list[str | bytes] = [DJANGO_SYSTEM_CHECKS]
    parts += sorted(f"{k}={v}" for k, v in environment.items() if k != "SECRET_KEY")
    for path in sorted(p for p in project.rglob("*") if p.is_file()):
        rel = path.relative_to(project)
        if NOT_READ_FOLDERS & set(rel.parts) or str(rel) in NOT_READ_BY_DJANGO_CHECKS:
            continue
        parts += [str(rel), path.read_bytes()]
    return pass_cache.key(*parts)


#: ``flask --app SLUG db upgrade && flask --app SLUG db check`` (Flask-Migrate's commands, or the peewee
#: project's own) in one process: ``flask.cli.cli`` is the ``flask`` command; each call loads the app anew, as
#: a new command would. A failing command exits non-zero (an exception, ``sys.exit``, or its exit code).
FLASK_DB_CHECKS = (
    "import sys\n"
    "from flask.cli import cli\n"
    "for command in ('upgrade', 'check'):\n"
    "    code = cli.main(['--app', sys.argv[1], 'db', command], prog_name='flask', standalone_mode=False)\n"
    "    if isinstance(code, int) and code:\n"
    "        sys.exit(code)\n"
)


def framework_checks(project: Path, combo: dict[str, Any], tmp_path: Path) -> None:
    slug = "my_project"
    if combo["framework"] == "django":
        production = {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "example.com",
            "DJANGO_SETTINGS_MODULE": f"{slug}.settings",
        }
        checked = django_checks_input(project, production)
        if pass_cache.passed("django-checks", checked):  # the same code passed in another combination
            check_in_project(project, "python", "-c", IMPORTS_DECLARED)  # what reads this one's pyproject.toml
        else:
            check_in_project(project, "python", "-c", DJANGO_CHECKS, env=production)
            pass_cache.record("django-checks", checked)
    elif combo["orm"] != "none":
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
        check_in_project(project, "python", "-c", FLASK_DB_CHECKS, slug, env=env)


@contextmanager
def database_url(database: str) -> Iterator[dict[str, str]]:
    """The environment for a project's tests: a fresh database of its own on the real server (tests/services.py)."""
    if database == "sqlite":
        yield {}
        return
    with fresh_database(database) as (server, name):
        yield {"DATABASE_URL": server.database_url(name, scheme=database)}


def run_own_suite(project: Path, combo: dict[str, Any]) -> int:
    with database_url(combo.get("database", "sqlite")) as env:
        output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", env=env)
    summary = output.strip().splitlines()[-1]
    found = re.search(r"(\d+) passed", summary)
    assert found and "failed" not in summary and "error" not in summary, output[-4000:]
    return int(found.group(1))


@pytest.mark.slow
@pytest.mark.usefixtures("rendered_as_new")  # compiled templates reused, git out of copier's sight (tests/conftest.py)
@pytest.mark.parametrize("combo", VALID, ids=combination_id)
def test_valid_combination(combo: dict[str, Any], render: Any, tmp_path: Path, record_property: Any) -> None:
    require_build_tools(combo)
    if combination_id(combo) in COVERED and combo.get("database", "sqlite") != "sqlite":
        require_server(combo["database"])  # before the render, so an unreachable server skips (or fails) at once
    project = render(**combo)
    record_property("matrix_rendered", combination_id(combo))
    assert_no_generation_leftovers(project)
    check_in_project(project, "ruff", "check", ".")
    framework_checks(project, combo, tmp_path)
    assert_bandit_passes(project)  # bandit -q -r . -ll -x ./tests,./.venv,./e2e, file by file
    assert_delivery_files_lint(project)
    if combination_id(combo) in COVERED:
        record_property("matrix_suite", combination_id(combo))
        assert run_own_suite(project, combo) > 0


def test_merged_flask_db_checks_still_fail_on_a_model_without_its_migration(render: Any, tmp_path: Path) -> None:
    """``db upgrade`` then ``db check`` in one process (FLASK_DB_CHECKS): the second command still runs and fails."""
    project = render(framework="flask", orm="sqlalchemy", database="sqlite")
    with (project / "my_project" / "database.py").open("a") as module:
        module.write("\n\nclass Unmigrated(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}"}
    result = run_in_project(project, "python", "-c", FLASK_DB_CHECKS, "my_project", env=env)
    assert result.returncode != 0
    assert "unmigrated" in result.stdout + result.stderr  # the check's finding: the table no migration makes


def test_merged_django_checks_still_fail_on_an_undeclared_import(render: Any) -> None:
    """The imports check ahead of Django's checks in one process (DJANGO_CHECKS) still fails the run."""
    project = render(framework="django", database="sqlite")
    (project / "my_project" / "extra.py").write_text("import undeclared_package_xyz  # noqa: F401\n")
    env = {"DJANGO_SETTINGS_MODULE": "my_project.settings"}
    result = run_in_project(project, "python", "-c", DJANGO_CHECKS, env=env)
    assert result.returncode == 1
    assert "my_project/extra.py: undeclared_package_xyz (not from a declared runtime dependency)" in result.stdout


def test_a_django_checks_pass_is_reused_only_for_the_files_those_checks_never_read(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "my_project").mkdir(parents=True)
    (project / "my_project" / "settings.py").write_text("DEBUG = False\n")
    (project / "README.md").write_text("# P\n")
    environment = {"DJANGO_ENV": "production", "SECRET_KEY": "a"}
    before = django_checks_input(project, environment)
    assert django_checks_input(project, {**environment, "SECRET_KEY": "b"}) == before
    for rel in ("README.md", "pyproject.toml", ".github/workflows/ci.yml", ".ruff_cache/x", "my_project/__pycache__/s"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("changed\n")
        assert django_checks_input(project, environment) == before, rel
    for rel in ("my_project/settings.py", "my_project/extra.py", "templates/base.html", ".env"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("changed\n")
        assert django_checks_input(project, environment) != before, rel
        before = django_checks_input(project, environment)
    assert django_checks_input(project, {**environment, "ALLOWED_HOSTS": "x"}) != before


@pytest.mark.parametrize(("combo", "problem"), INVALID, ids=[combination_id(c) for c, _ in INVALID])
def test_invalid_combination_is_refused(combo: dict[str, Any], problem: str, copie: Any) -> None:
    result = copie.copy(extra_answers=combo)
    assert result.exit_code != 0
    assert problem in str(result.exception)


def test_matrix_size_follows_copier_yml():
    """The counts are derived, not kept by hand; this records them so a change to the questions shows."""
    # Django: 216 for each release line, half with background jobs; with accounts, each kit.
    assert len(valid_combinations("django")) == 432
    # Flask: background jobs where there is a database; the full kit with SQLAlchemy only.
    assert len(valid_combinations("flask")) == 146
    assert len(INVALID) == 144 + 144
    for framework in FRAMEWORKS:  # the all-pairs cover: background jobs and two languages on each database
        cover = covering_set(framework)
        databases = {c["database"] for c in cover if "database" in c}
        assert databases == {"sqlite", "postgresql", "mysql"}
        assert {c.get("database") for c in cover if c.get("background_jobs")} == databases
        assert {c.get("database") for c in cover if c.get("languages") == "en,fr"} - {None} == databases
        assert {c.get("database") for c in cover if c.get("auth_kit") == "full"} == databases
    assert {c.get("database") for c in covering_set("django")} == {"sqlite", "postgresql", "mysql"}
    assert {c.get("django_version") for c in covering_set("django")} == {"5.2", "6.1"}
    assert {c.get("orm") for c in covering_set("flask")} == {"sqlalchemy", "peewee", "none"}
