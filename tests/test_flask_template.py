"""The Flask template: render projects and run their own checks (tests, lint, migrations, bandit).

Rendered projects are not installed: their dependencies go into the shared venv of
tests/project_env.py, and commands run inside the project folder.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import matrix
from tests.browser_helpers import gunicorn
from tests.project_env import assert_delivery_files_lint, check_in_project, leftover_jinja, run_in_project
from tests.services import fresh_database, require_server

pytestmark = pytest.mark.filterwarnings("ignore:Dirty template changes included automatically")

SLUG = "my_project"  # the default project_slug
#: Files that are Jinja or Mako templates of the generated app itself, so may hold {{ and {%.
APP_TEMPLATE_SUFFIXES = {".html", ".txt", ".mako"}


def assert_no_leftovers(project: Path) -> None:
    """No generation-time Jinja left in the rendered files (the app's own templates may have some)."""
    for path in project.rglob("*"):
        if not path.is_file() or path.suffix in APP_TEMPLATE_SUFFIXES or ".git" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found = leftover_jinja(text)
        assert found is None, f"{path.relative_to(project)} keeps {found!r} from generation"
        assert ".jinja" not in path.name, path


def assert_tidy_text(project: Path) -> None:
    """What pre-commit's whitespace hooks would fix: trailing spaces, a missing or doubled final newline."""
    for path in project.rglob("*"):
        if not path.is_file() or ".git" in path.parts or path.stat().st_size == 0:
            continue
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(project)
        assert text.endswith("\n") and not text.endswith("\n\n"), f"{name} does not end with one newline"
        spaced = [number for number, line in enumerate(text.splitlines(), 1) if line != line.rstrip()]
        assert not spaced, f"{name} has trailing whitespace on lines {spaced}"


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


#: Run in the shared venv: every module the app imports must come from a declared runtime
#: dependency or one of theirs (the shared venv holds more, so a missing one would go unseen).
IMPORTS_DECLARED = r"""
import ast, re, sys, tomllib
from importlib import metadata
from pathlib import Path

package = sys.argv[1]
def dist(requirement):
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")
todo = [dist(r) for r in tomllib.loads(Path("pyproject.toml").read_text())["project"]["dependencies"]]
closure = set()
while todo:
    name = todo.pop()
    if name not in closure:
        closure.add(name)
        try:
            todo += [dist(r) for r in metadata.requires(name) or [] if "extra ==" not in r]
        except metadata.PackageNotFoundError:
            pass
providers = metadata.packages_distributions()
missing = set()
for path in [*Path(package).rglob("*.py"), *Path("migrations").rglob("*.py")]:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top == package:
                continue
            if not {d.lower().replace("_", "-") for d in providers.get(top, [top])} & closure:
                missing.add(f"{path}: {module}")
if "flask_admin.contrib.peewee" in Path(package, "admin.py").read_text() if Path(package, "admin.py").exists() else "":
    if "wtf-peewee" not in closure:
        missing.add("admin.py: flask_admin.contrib.peewee needs wtf-peewee")
print("\n".join(sorted(missing)))
sys.exit(1 if missing else 0)
"""


def assert_imports_declared(project: Path, slug: str = SLUG) -> None:
    check_in_project(project, "python", "-c", IMPORTS_DECLARED, slug)


@pytest.mark.slow
@pytest.mark.default_project
def test_default_flask_project(render, tmp_path: Path) -> None:
    project = render(framework="flask")
    answers = (project / ".copier-answers.yml").read_text()
    assert "framework: flask" in answers
    assert_no_leftovers(project)
    assert_tidy_text(project)
    assert (project / SLUG / "__init__.py").is_file()
    assert (project / "migrations" / "versions" / "0001_initial_schema.py").is_file()

    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", output) and "failed" not in output, output
    check_in_project(project, "ruff", "check", "--no-cache", ".")
    check_in_project(project, "ruff", "format", "--check", "--no-cache", ".")
    assert_imports_declared(project)

    database = tmp_path / "fresh.sqlite3"
    tables = check_migrations(project, database)
    assert {"alembic_version", "users", "items"} <= tables

    # Production without SECRET_KEY refuses to start, and says why.
    result = run_in_project(project, "flask", "--app", SLUG, "routes", env={"APP_ENV": "production", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "APP_ENV=production needs the environment variable(s) SECRET_KEY" in result.stdout + result.stderr
    # ... and starts with it.
    result = run_in_project(
        project,
        "flask",
        "--app",
        SLUG,
        "routes",
        env={
            "APP_ENV": "production",
            "SECRET_KEY": "x" * 40,
            "TRUSTED_HOSTS": "example.com",
            "DATABASE_URL": f"sqlite:///{database}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "items.index" in result.stdout


# --- The matrix of Flask options ------------------------------------------------------------

ORMS = ("sqlalchemy", "peewee", "none")


def accepted_combinations() -> list[dict[str, Any]]:
    """Every orm x auth x admin x example_app x rest_api that copier accepts for Flask.

    The rules (see generator/wiring.py): no accounts, admin or example app without a database;
    the Flask admin needs accounts; with a database, the REST API needs the example app.
    """
    combos = []
    for orm in ORMS:
        for auth, admin, example_app, rest_api in itertools.product((False, True), repeat=4):
            if orm == "none" and (auth or admin or example_app):
                continue
            if admin and not auth:
                continue
            if orm != "none" and rest_api and not example_app:
                continue
            combos.append({"orm": orm, "auth": auth, "admin": admin, "example_app": example_app, "rest_api": rest_api})
    return combos


def combination_id(combo: dict[str, Any]) -> str:
    flags = [name for name in ("auth", "admin", "example_app", "rest_api") if combo[name]]
    return "-".join([combo["orm"], *flags]) if flags else f"{combo['orm']}-bare"


def all_pairs(combos: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A small subset holding every pair of option values that the full matrix holds, and every ORM."""
    chosen = matrix.all_pairs(combos)
    for orm in ORMS:
        if not any(combo["orm"] == orm for combo in chosen):
            chosen.append(next(combo for combo in combos if combo["orm"] == orm))
    return chosen


COMBINATIONS = accepted_combinations()
FULL_SUITE = {combination_id(combo) for combo in all_pairs(COMBINATIONS)}


def render_answers(combo: dict[str, Any]) -> dict[str, Any]:
    """The answers to give copier: questions it does not ask (no database) are left out."""
    answers: dict[str, Any] = {"framework": "flask", "orm": combo["orm"], "rest_api": combo["rest_api"]}
    if combo["orm"] != "none":
        answers |= {"database": "sqlite", "auth": combo["auth"], "admin": combo["admin"]}
        answers["example_app"] = combo["example_app"]
    return answers


def test_the_matrix_is_what_copier_accepts() -> None:
    assert len(COMBINATIONS) == 20  # 9 for each ORM with a database, 2 without one
    assert {combo["orm"] for combo in all_pairs(COMBINATIONS)} == set(ORMS)
    assert len(FULL_SUITE) < len(COMBINATIONS)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"auth": False, "admin": True}, "needs accounts"),
        ({"example_app": False, "rest_api": True}, "serves the example app's model"),
    ],
    ids=["admin-without-auth", "api-without-example-app"],
)
def test_copier_refuses_unsupported_flask_combinations(copie: Any, answers: dict[str, Any], message: str) -> None:
    full = {"framework": "flask", "orm": "sqlalchemy", "auth": True, "admin": False, "example_app": True}
    result = copie.copy(extra_answers={**full, "rest_api": False, **answers})
    assert result.exit_code != 0
    assert message in str(result.exception)


@pytest.mark.slow
@pytest.mark.parametrize("combo", COMBINATIONS, ids=combination_id)
def test_flask_combination(render, tmp_path: Path, combo: dict[str, Any]) -> None:
    project = render(**render_answers(combo))
    assert_no_leftovers(project)
    assert_tidy_text(project)
    package = project / SLUG
    assert (package / "auth").is_dir() == combo["auth"]
    assert (package / "admin.py").is_file() == combo["admin"]
    assert (package / "items").is_dir() == combo["example_app"]
    assert (package / "api").is_dir() == combo["rest_api"]
    assert (package / "pages").is_dir() == (combo["orm"] == "none")
    assert (project / "migrations").is_dir() == (combo["orm"] != "none")
    pyproject = (project / "pyproject.toml").read_text()
    assert ("flask-sqlalchemy" in pyproject) == (combo["orm"] == "sqlalchemy")
    assert ("peewee" in pyproject) == (combo["orm"] == "peewee")
    assert ("flask-smorest" in pyproject) == combo["rest_api"]
    # The API's contract test, and the fuzzer it runs (pinned), come with the API.
    assert (project / "tests" / "test_api_contract.py").is_file() == combo["rest_api"]
    assert ("schemathesis==" in pyproject) == combo["rest_api"]

    check_in_project(project, "ruff", "check", "--no-cache", ".")
    check_in_project(project, "ruff", "format", "--check", "--no-cache", ".")
    check_in_project(project, "bandit", "-q", "-c", "pyproject.toml", "-r", SLUG, "-ll")
    assert_imports_declared(project)
    if combo["orm"] != "none":
        tables = check_migrations(project, tmp_path / "fresh.sqlite3")
        expected = {"users"} if combo["auth"] else set()
        expected |= {"items"} if combo["example_app"] else set()
        assert expected <= tables
        assert not {"users", "items"} - expected & tables
    if combination_id(combo) in FULL_SUITE:
        output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
        assert re.search(r"\d+ passed", output), output
    else:  # the others still import every module and collect every test
        output = check_in_project(project, "python", "-m", "pytest", "-q", "--co", "-p", "no:cacheprovider")
        assert re.search(r"\d+ tests? collected", output), output


@pytest.mark.slow
def test_bandit_finds_nothing_in_the_default_project(render) -> None:
    project = render(framework="flask")
    output = check_in_project(project, "bandit", "-c", "pyproject.toml", "-r", SLUG, "-ll")
    assert "No issues identified." in output


@pytest.mark.slow
def test_names_follow_the_answers(render, tmp_path: Path) -> None:
    """The example app is named for the kind of project; odd names and long descriptions stay valid code."""
    project = render(
        framework="flask",
        project_kind="blog",
        project_name="Q&A: Tom's <Blog>",
        description='A blog of questions and "answers", described at a length no line of code should have.',
        rest_api=True,
        example_app=True,
    )
    slug = "q_a_tom_s_blog"
    assert (project / slug / "posts" / "templates" / "posts" / "list.html").is_file()
    assert "class Post(db.Model)" in (project / slug / "posts" / "models.py").read_text()
    assert {"users", "posts"} <= check_migrations(project, tmp_path / "fresh.sqlite3", slug)
    check_in_project(project, "ruff", "check", "--no-cache", ".")
    check_in_project(project, "ruff", "format", "--check", "--no-cache", ".")
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", output), output


# --- The full account kit (Flask-Security-Too) -----------------------------------------------

FULL_KIT_CASES = {
    "sqlite": {},
    "postgresql-api-admin-jobs": {
        "database": "postgresql",
        "rest_api": True,
        "example_app": True,
        "admin": True,
        "background_jobs": True,
    },
    "mysql-en+fr": {"database": "mysql", "languages": "en,fr"},
}


def test_the_full_kit_is_wired_from_the_table(render) -> None:
    """auth_kit=full: Flask-Security-Too in auth/ on the site's URLs, its secrets required in production;
    the simple kit's views, forms and Flask-Login manager are not rendered."""
    project = render(framework="flask", auth=True, auth_kit="full", admin=True, rest_api=True, example_app=True)
    assert_no_leftovers(project)
    auth = project / SLUG / "auth"
    assert {path.name for path in auth.iterdir() if path.is_file()} == {
        "__init__.py",
        "commands.py",
        "limits.py",
        "models.py",
    }
    assert "Security(app, datastore" in (auth / "__init__.py").read_text()
    assert (project / SLUG / "templates" / "security" / "two_factor_setup.html").is_file()
    assert not (project / SLUG / "templates" / "auth").exists()
    assert "login_manager" not in (project / SLUG / "extensions.py").read_text()
    assert '"flask-security>=5.9,<5.10",' in (project / "pyproject.toml").read_text()
    config = (project / SLUG / "config.py").read_text()
    assert 'REQUIRED = ("SECRET_KEY", "TRUSTED_HOSTS", "SECURITY_PASSWORD_SALT", "SECURITY_TOTP_SECRETS")' in config
    assert "SECURITY_TWO_FACTOR = True" in config and "SECURITY_CONFIRMABLE = True" in config
    env_example = (project / ".env.example").read_text()
    assert "SECURITY_PASSWORD_SALT=\nSECURITY_TOTP_SECRETS=\n" in env_example
    readme = (project / "README.md").read_text()
    assert "two-factor" in readme and "`SECURITY_PASSWORD_SALT`" in readme
    assert "## Accounts: Flask-Security-Too (the full kit)" in (project / "DECISIONS.md").read_text()
    versions = project / "migrations" / "versions"
    assert (versions / "0000_accounts.py").is_file()
    assert 'down_revision = "0000"' in (versions / "0001_initial_schema.py").read_text()
    assert "is_admin" not in (versions / "0000_accounts.py").read_text()


def test_the_simple_kit_has_no_flask_security(render) -> None:
    project = render(framework="flask", auth=True, admin=True)
    assert "flask-security" not in (project / "pyproject.toml").read_text()
    assert (project / SLUG / "auth" / "views.py").is_file()
    assert not (project / SLUG / "templates" / "security").exists()
    assert not (project / "migrations" / "versions" / "0000_accounts.py").exists()
    assert "SECURITY_PASSWORD_SALT" not in (project / ".env.example").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(FULL_KIT_CASES))
def test_flask_full_kit_project(render, tmp_path: Path, case: str) -> None:
    """A full-kit project passes ruff, bandit, its migrations (upgrade, then check) and its own suite."""
    answers = FULL_KIT_CASES[case]
    database = answers.get("database", "sqlite")
    project = render(framework="flask", auth=True, auth_kit="full", **answers)
    assert_no_leftovers(project)
    assert_tidy_text(project)
    check_in_project(project, "ruff", "check", "--no-cache", ".")
    check_in_project(project, "ruff", "format", "--check", "--no-cache", ".")
    check_in_project(project, "bandit", "-q", "-r", ".", "-ll", "-x", "./tests,./.venv,./e2e")
    assert_imports_declared(project)
    if database == "sqlite":
        tables = check_migrations(project, tmp_path / "fresh.sqlite3")
        assert {"users", "roles", "roles_users"} <= tables
        output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    else:
        with fresh_database(database) as (server, name):
            env = {"DATABASE_URL": server.database_url(name, scheme=database), "APP_ENV": "development"}
            check_in_project(project, "flask", "--app", SLUG, "db", "upgrade", env=env)
            check_in_project(project, "flask", "--app", SLUG, "db", "check", env=env)
            output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", env=env)
    assert re.search(r"\d+ passed", output) and "failed" not in output, output
    collected = check_in_project(project, "python", "-m", "pytest", "-q", "--co", "-p", "no:cacheprovider")
    assert "tests/test_accounts.py::test_two_factor_login_asks_for_a_code" in collected


# --- Real database servers -----------------------------------------------------------------

DATABASE_SERVERS = ("postgresql", "mysql")


@pytest.fixture
def server_database(request: pytest.FixtureRequest, render) -> Iterator[tuple[Path, str]]:
    """A project rendered for a database server, and the URL of a fresh database made for this test.

    The server is checked first (tests/services.py): unreachable, it skips, or fails under FOD_REQUIRE_SERVICES=1;
    once it answers, any error of the SQL that makes the database fails the test.
    """
    orm, database = request.param
    require_server(database)
    project = render(framework="flask", orm=orm, database=database, rest_api=True, example_app=True)
    with fresh_database(database) as (server, name):
        yield project, server.database_url(name, scheme=database)


@pytest.mark.slow
@pytest.mark.parametrize(
    "server_database",
    [(orm, database) for orm in ("sqlalchemy", "peewee") for database in DATABASE_SERVERS],
    ids=lambda param: "-".join(param),
    indirect=True,
)
def test_flask_project_on_a_database_server(server_database: tuple[Path, str]) -> None:
    project, url = server_database
    env = {"DATABASE_URL": url, "APP_ENV": "development"}
    check_in_project(project, "flask", "--app", SLUG, "db", "upgrade", env=env)
    check_in_project(project, "flask", "--app", SLUG, "db", "check", env=env)
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", env=env)
    assert re.search(r"\d+ passed", output) and "failed" not in output, output


# --- Scale-out: Flask-Mailman, the cache, /ready, background jobs ----------------------------------


@pytest.mark.parametrize("background_jobs", [True, False], ids=["jobs", "no-jobs"])
def test_background_jobs_are_wired_from_the_table(render, background_jobs: bool) -> None:
    project = render(framework="flask", database="postgresql", background_jobs=background_jobs)
    package = project / SLUG
    assert (package / "jobs.py").is_file() == background_jobs
    assert (package / "celery.py").is_file() == background_jobs
    assert (project / "tests" / "test_jobs.py").is_file() == background_jobs
    assert (package / "ready.py").is_file() and (project / "tests" / "test_ready.py").is_file()
    init = (package / "__init__.py").read_text()
    assert "cache.init_app(app)" in init and "ready.init_app(app)" in init and "mail.init_app(app)" in init
    assert ("jobs.init_app(app)" in init) == background_jobs

    mail = (package / "mail.py").read_text()
    assert "flask_mailman" in mail and "smtplib" not in mail
    assert ("deliver_job.delay(" in mail) == background_jobs
    pyproject = (project / "pyproject.toml").read_text()
    assert "flask-mailman" in pyproject and "flask-caching" in pyproject
    assert ("celery[redis]" in pyproject) == background_jobs

    compose = (project / "compose.yaml").read_text()
    assert "replicas: 2" in compose and "\n  redis:\n" in compose and "REDIS_URL: redis://redis:6379/0" in compose
    assert ("\n  worker:\n" in compose and "\n  beat:\n" in compose) == background_jobs
    assert compose.count("healthcheck:") == (5 if background_jobs else 3)  # web's is in the Dockerfile
    # The migrations run once, in a one-off service the web replicas wait for; every named volume is declared.
    spec = yaml.safe_load(compose)
    assert spec["services"]["web"]["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert spec["services"]["migrate"]["command"] == f"flask --app {SLUG} db upgrade"
    assert "db upgrade" not in spec["services"]["web"]["command"]
    named = {
        volume.split(":")[0]
        for service in spec["services"].values()
        for volume in service.get("volumes", [])
        if not volume.startswith((".", "/"))
    }
    assert named <= set(spec["volumes"]), named
    workflow = (project / ".github" / "workflows" / "ci.yml").read_text()
    assert ("REDIS_URL: redis://localhost:6379/0" in workflow) == background_jobs
    env_example = (project / ".env.example").read_text()
    assert "MAIL_FILE_PATH=" in env_example
    assert ("JOB_VISIBILITY_TIMEOUT=" in env_example) == background_jobs
    readme = (project / "README.md").read_text()
    assert "## More instances" in readme and ("## Background jobs" in readme) == background_jobs
    assert ("celery -A my_project worker" in readme) == background_jobs


@pytest.mark.slow
def test_a_jobs_project_passes_its_suite_on_a_real_redis(render) -> None:
    """As the generated CI runs it: REDIS_URL names a Redis (here database 14 of the local one), so the suite's
    real-worker test runs a job through it."""
    from tests.services import reachable, unavailable

    if problem := reachable("127.0.0.1", 6379):
        unavailable(f"no Redis at 127.0.0.1:6379: {problem}")
    project = render(framework="flask", auth=True, example_app=True, background_jobs=True)
    env = {"REDIS_URL": "redis://127.0.0.1:6379/14"}
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", env=env)
    assert re.search(r"\d+ passed", output) and "failed" not in output and "skipped" not in output, output
    check_in_project(project, "ruff", "check", "--no-cache", ".")
    assert_imports_declared(project)


# --- Languages (Flask-Babel) ---------------------------------------------------------------


def test_a_one_language_project_marks_its_strings_without_flask_babel(render) -> None:
    project = render(framework="flask", languages="de")
    assert_no_leftovers(project)
    assert_tidy_text(project)
    package = project / SLUG
    assert "flask-babel" not in (project / "pyproject.toml").read_text()
    assert "install_null_translations" in (package / "i18n.py").read_text()
    assert not (package / "translations").exists()
    assert not (project / "babel.cfg").exists()
    assert not (package / "templates" / "_language_switcher.html").exists()
    assert '"de": "Deutsch",' in (package / "config.py").read_text()
    base = (package / "templates" / "base.html").read_text()
    assert '<html lang="{{ current_language() }}">' in base
    assert '{{ _("Log in") }}' in base
    assert "pybabel" not in (project / "Dockerfile").read_text()
    assert "compile_catalogues" not in (project / "Dockerfile").read_text()


def http_get(url: str, language: str | None = None) -> tuple[int, str]:
    """GET ``url`` (on 127.0.0.1), with ``Accept-Language`` when given: (status, body)."""
    headers = {"Accept-Language": language} if language else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


#: Run in the project's venv: the entries of a catalogue (argv[1]) left fuzzy or empty.
UNTRANSLATED = """
import sys
from babel.messages.pofile import read_po
with open(sys.argv[1], "rb") as source:
    catalogue = read_po(source)
print("untranslated:", [m.id for m in catalogue if m.id and (m.fuzzy or not m.string)])
"""

LANGUAGE_CASES = [
    ("sqlalchemy", "en,fr"),
    ("peewee", "fr,en"),
    ("none", "en,fr"),
    ("none", "en,de"),  # a language without a catalogue: its pages in English, said to be German
]


@pytest.mark.slow
@pytest.mark.parametrize(("orm", "languages"), LANGUAGE_CASES, ids=lambda value: value.replace(",", "+"))
def test_flask_project_in_several_languages(render, tmp_path: Path, orm: str, languages: str) -> None:
    answers: dict[str, Any] = {"framework": "flask", "orm": orm, "languages": languages, "project_kind": "online_store"}
    if orm != "none":
        answers |= {"database": "sqlite", "auth": True, "admin": True, "example_app": True}
    project = render(**answers)
    assert_no_leftovers(project)
    assert_tidy_text(project)
    package = project / SLUG
    default, other = languages.split(",")
    assert "flask-babel" in (project / "pyproject.toml").read_text()
    assert "from flask_babel import" in (package / "i18n.py").read_text()
    assert (project / "babel.cfg").is_file()
    assert (package / "templates" / "_language_switcher.html").is_file()
    config = (package / "config.py").read_text()
    assert config.index(f'"{default}":') < config.index(f'"{other}":')  # the default first
    assert "compile_catalogues()" in (project / "Dockerfile").read_text()
    catalogue = package / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    assert catalogue.is_file() == ("fr" in languages)
    if catalogue.is_file():  # the example app's strings, from its names and in French
        text = catalogue.read_text()
        assert 'msgid "New product"\nmsgstr "Nouveau produit"' in text
        assert 'msgid "No products yet."\nmsgstr "Aucun produit pour l\u2019instant."' in text
    assert (project / "tests" / "test_languages.py").is_file()
    assert (project / "tests" / "test_french.py").is_file() == ("fr" in languages)

    check_in_project(project, "ruff", "check", "--no-cache", ".")
    check_in_project(project, "ruff", "format", "--check", "--no-cache", ".")
    check_in_project(project, "bandit", "-q", "-c", "pyproject.toml", "-r", SLUG, "-ll")
    assert_imports_declared(project)
    assert_delivery_files_lint(project)  # the Dockerfile's step that compiles the catalogues
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", output) and "failed" not in output, output
    if "fr" in languages:  # pybabel itself finds no marked string the catalogue lacks
        check_in_project(project, "pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-o", "messages.pot", ".")
        check_in_project(
            project, "pybabel", "-q", "update", "-i", "messages.pot", "-d", f"{SLUG}/translations", "-l", "fr"
        )
        output = check_in_project(project, "python", "-c", UNTRANSLATED, str(catalogue.relative_to(project)))
        assert output.strip() == "untranslated: []", output

    # Served by gunicorn in production: the browser's language decides, the default without one.
    env = {"APP_ENV": "production", "SECRET_KEY": "x" * 48, "TRUSTED_HOSTS": "127.0.0.1", "MAIL_BACKEND": "console"}
    if orm != "none":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        check_in_project(project, "flask", "--app", SLUG, "db", "upgrade", env=env)
    with gunicorn(project, f"{SLUG}:create_app()", env, tmp_path / "gunicorn.log") as server:
        status, page = http_get(server.url + "/")
        assert status == 200 and f'<html lang="{default}">' in page
        status, page = http_get(server.url + "/", f"{other}-XX,{other};q=0.9")
        assert status == 200 and f'<html lang="{other}">' in page
        french = "fr-FR,fr;q=0.9,en;q=0.5"
        path = "/products/" if orm != "none" else "/contact"
        status, page = http_get(server.url + path, french)
        assert status == 200
        if "fr" in languages:
            assert '<html lang="fr">' in page and "fait avec Flask" in page
            assert ("Aucun produit pour l\u2019instant." if orm != "none" else "Votre adresse e-mail") in page
            assert "Ce champ" not in page  # no error before the form is sent
        else:
            assert "built with Flask" in page and "fait avec Flask" not in page
        status, page = http_get(server.url + "/no-such-page", french)
        assert status == 404
        assert ("Page introuvable" in page) == ("fr" in languages)
