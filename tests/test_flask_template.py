"""The Flask template: render projects and run their own checks (tests, lint, migrations, bandit).

Rendered projects are not installed: their dependencies go into the shared venv of
tests/project_env.py, and commands run inside the project folder.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import matrix
from tests.project_env import check_in_project, run_in_project

pytestmark = pytest.mark.filterwarnings("ignore:Dirty template changes included automatically")

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
        env={"APP_ENV": "production", "SECRET_KEY": "x" * 40, "DATABASE_URL": f"sqlite:///{database}"},
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


# --- Real database servers -----------------------------------------------------------------

SERVERS = {
    "postgresql": "postgresql://postgres@127.0.0.1:5432/{name}",
    "mysql": "mysql://root@127.0.0.1:3306/{name}",
}
ADMIN_SQL = {
    "postgresql": (
        "import psycopg, sys\n"
        "with psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', autocommit=True) as c:\n"
        "    c.execute(sys.argv[1])\n"
    ),
    "mysql": (
        "import pymysql, sys\n"
        "c = pymysql.connect(host='127.0.0.1', port=3306, user='root', password='', autocommit=True)\n"
        "c.cursor().execute(sys.argv[1])\n"
        "c.close()\n"
    ),
}


def server_sql(project: Path, database: str, sql: str) -> None:
    """Run one administrative SQL statement on the server (with the driver of the shared venv)."""
    result = run_in_project(project, "python", "-c", ADMIN_SQL[database], sql, timeout=60)
    if result.returncode != 0 and ("connect" in result.stderr.lower() or "refused" in result.stderr.lower()):
        pytest.skip(f"no {database} server on 127.0.0.1: {result.stderr.strip().splitlines()[-1]}")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def server_database(request: pytest.FixtureRequest, render) -> Iterator[tuple[Path, str]]:
    """A project rendered for a database server, and the URL of a fresh database made for this test."""
    orm, database = request.param
    project = render(framework="flask", orm=orm, database=database, rest_api=True, example_app=True)
    name = f"fod_test_{uuid.uuid4().hex[:12]}"
    create = (
        f'CREATE DATABASE "{name}"' if database == "postgresql" else f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"
    )
    drop = (
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        if database == "postgresql"
        else f"DROP DATABASE IF EXISTS `{name}`"
    )
    server_sql(project, database, create)
    try:
        yield project, SERVERS[database].format(name=name)
    finally:
        server_sql(project, database, drop)


@pytest.mark.slow
@pytest.mark.parametrize(
    "server_database",
    [(orm, database) for orm in ("sqlalchemy", "peewee") for database in SERVERS],
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
