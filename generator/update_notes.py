"""What ``update`` tells the user beyond the files: what a kept file still refers to, and what an
answer change does to the data in their database.

Both are plain reading: a kept Python file's imports against the project after the update
(its files and its ``pyproject.toml`` dependencies), and the old and new answers.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import PurePosixPath
from typing import Any

# Distributions whose import name is not their name with "-" as "_" (the templates' dependencies).
_IMPORT_NAMES = {
    "djangorestframework": ("rest_framework",),
    "django-environ": ("environ",),
    "drf-spectacular": ("drf_spectacular",),
    "python-dotenv": ("dotenv",),
    "mysqlclient": ("MySQLdb",),
    "psycopg-binary": ("psycopg",),
    "beautifulsoup4": ("bs4",),
    "pyyaml": ("yaml",),
    "flask-sqlalchemy": ("flask_sqlalchemy",),
}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dependencies(pyproject: bytes | None) -> set[str]:
    """The canonical names of a ``pyproject.toml``'s runtime and dependency-group requirements."""
    if not pyproject:
        return set()
    try:
        data = tomllib.loads(pyproject.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return set()
    requirements = list(data.get("project", {}).get("dependencies", []))
    for group in data.get("dependency-groups", {}).values():
        requirements += [r for r in group if isinstance(r, str)]
    names = set()
    for requirement in requirements:
        match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
        if match:
            names.add(_canonical(match[1]))
    return names


def import_names(distribution: str) -> tuple[str, ...]:
    """The top-level module names a distribution provides (by the table above, else by its name)."""
    name = _canonical(distribution)
    return _IMPORT_NAMES.get(name, (name.replace("-", "_"),))


def _imports(source: str, module: str) -> list[str]:
    """The dotted modules a Python file imports (relative ones made absolute from its module name)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    package = module.split(".")[:-1]  # of a.b.c, and of a.b.__init__, package a.b
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                found.append(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module:
                found.append(node.module)
    return [name for name in dict.fromkeys(found) if name]


def _module_of(rel: str) -> str:
    path = PurePosixPath(rel)
    return ".".join(path.with_suffix("").parts)


def _module_exists(dotted: str, files: set[str]) -> bool:
    path = dotted.replace(".", "/")
    return f"{path}.py" in files or f"{path}/__init__.py" in files or any(f.startswith(f"{path}/") for f in files)


def kept_file_notes(
    rel: str,
    content: bytes | None,
    *,
    files_after: set[str],
    files_before: set[str],
    removed_dependencies: set[str],
) -> list[str]:
    """What a kept file still refers to that the update takes away (empty: nothing found)."""
    notes: list[str] = []
    if rel.startswith("tests/") or "/tests/" in rel:
        notes.append("it tests what the update removes, so the suite will fail on it")
    if not rel.endswith(".py") or content is None:
        return notes
    gone_modules = {name: dist for dist in removed_dependencies for name in import_names(dist)}
    for dotted in _imports(content.decode("utf-8", errors="replace"), _module_of(rel)):
        top = dotted.split(".")[0]
        if top in gone_modules:
            notes.append(f"it imports {dotted}, from {gone_modules[top]}, no longer a dependency")
        elif _module_exists(dotted, files_before) and not _module_exists(dotted, files_after):
            notes.append(f"it imports {dotted}, which the update removes")
    return notes


# --- what an answer change does to data ---------------------------------------------------------------


def data_notes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line for each answer change that leaves tables and rows behind or out of reach, and what to do."""
    django = new.get("framework") == "django"
    app = str(old.get("example_app_name") or "items")
    notes = []
    if old.get("database") and old.get("database") != new.get("database"):
        was, now = old.get("database"), new.get("database") or "none"
        if django:
            move = (
                "to move them, before committing run 'git stash && python manage.py dumpdata --natural-foreign "
                "--natural-primary -e contenttypes -e auth.permission -o data.json && git stash pop' with the old "
                "DATABASE_URL, then 'python manage.py migrate && python manage.py loaddata data.json' with the new one"
            )
        else:
            move = (
                "to move them, run 'flask db upgrade' with the new DATABASE_URL, then copy the rows table by table "
                "(export from the old database, for SQLite 'sqlite3 FILE .dump', and import into the new one)"
            )
        notes.append(f"database {was} -> {now}: your tables and rows stay in the {was} database; {move}")
    if old.get("example_app") and not new.get("example_app"):
        if django:
            notes.append(
                f"example_app off: the {app} tables and their rows stay in the database, out of reach; to drop them, "
                f"before committing run 'git stash && python manage.py migrate {app} zero && git stash pop'"
            )
        else:
            notes.append(
                f"example_app off: the {app} table and its rows stay in the database, out of reach; to drop it, "
                f"write a migration that drops it ('flask db migrate -m \"drop {app}\"' sees a table without a "
                "model), then 'flask db upgrade'"
            )
    if old.get("auth") and not new.get("auth"):
        if django:
            notes.append(
                "auth off: the accounts_user table and its rows stay (the user model is still installed, and in "
                "the admin if it is on), but nobody can sign up or log in through the site any more"
            )
        else:
            notes.append(
                "auth off: the users table and its rows stay in the database, out of reach; to drop it, write a "
                "migration that drops it ('flask db migrate -m \"drop users\"'), then 'flask db upgrade'"
            )
    return notes
