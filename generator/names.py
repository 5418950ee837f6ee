"""Project names and slugs: derive a slug from a name and say what is wrong with one.

Standard library only, so copier can load it from the template folder.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata

__all__ = ["RESERVED_NAMES", "name_problem", "slug_problem", "slugify"]

MAX_NAME_LENGTH = 80
MAX_SLUG_LENGTH = 40

#: Top-level names a generated project imports or defines itself.
RESERVED_NAMES = frozenset(
    {
        # frameworks and libraries the generated projects import
        "django",
        "flask",
        "sqlalchemy",
        "flask_sqlalchemy",
        "flask_migrate",
        "flask_login",
        "flask_wtf",
        "flask_admin",
        "flask_smorest",
        "wtforms",
        "werkzeug",
        "jinja2",
        "markupsafe",
        "itsdangerous",
        "click",
        "alembic",
        "peewee",
        "peewee_migrate",
        "rest_framework",
        "drf_spectacular",
        "whitenoise",
        "gunicorn",
        "psycopg",
        "psycopg2",
        "MySQLdb",
        "mysqldb",
        "dj_database_url",
        "environ",
        "dotenv",
        "marshmallow",
        "pytest",
        "pytest_django",
        "ruff",
        "coverage",
        "playwright",
        "email_validator",
        "copier",
        "generator",
        # packages the generated projects define at their top level
        "accounts",
        "pages",
        "products",
        "posts",
        "articles",
        "items",
        "tests",
        "config",
        "migrations",
        "static",
        "templates",
        "manage",
    }
)

#: The standard library, plus its ``test`` package that sys.stdlib_module_names leaves out.
STDLIB_NAMES = frozenset(sys.stdlib_module_names) | {"test"}

_SLUG_RE = re.compile(r"[a-z_][a-z0-9_]*")


def slugify(name: str) -> str:
    """Turn a human project name into a candidate Python package name."""
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if slug and slug[0].isdigit():
        slug = f"app_{slug}"
    return slug[:MAX_SLUG_LENGTH].rstrip("_")


def _suggestion(slug: str) -> str:
    base = slugify(slug)[: MAX_SLUG_LENGTH - 4].rstrip("_")
    if not base:
        return "my_project"
    if base != slug and not slug_problem(base, suggest=False):
        return base
    candidate = base if base.endswith("_app") else f"{base}_app"
    if slug_problem(candidate, suggest=False):
        candidate = "my_project"
    return candidate


def slug_problem(slug: str, *, suggest: bool = True) -> str:
    """Return why ``slug`` cannot be a project's package name, or ``""`` when it can."""
    slug = str(slug)
    hint = f"; try '{_suggestion(slug)}'" if suggest else ""
    if not slug:
        problem = "the project slug is empty"
    elif len(slug) > MAX_SLUG_LENGTH:
        problem = f"the project slug is {len(slug)} characters long, the limit is {MAX_SLUG_LENGTH}"
    elif not slug.isascii() or not _SLUG_RE.fullmatch(slug):
        problem = (
            f"'{slug}' is not a valid package name: use lowercase ASCII letters, digits and "
            "underscores, starting with a letter"
        )
    elif keyword.iskeyword(slug) or keyword.issoftkeyword(slug):
        problem = f"'{slug}' is a Python keyword"
    elif slug in STDLIB_NAMES:
        problem = f"'{slug}' would shadow the standard-library module '{slug}'"
    elif slug in RESERVED_NAMES or slug.lower() in {n.lower() for n in RESERVED_NAMES}:
        problem = f"'{slug}' would shadow a package the generated project imports or defines"
    else:
        return ""
    return problem + hint


def name_problem(name: str) -> str:
    """Return why ``name`` cannot be a project name, or ``""`` when it can."""
    name = str(name)
    if not name.strip():
        return "the project name is empty; give a short name such as 'My Blog'"
    if len(name) > MAX_NAME_LENGTH:
        return f"the project name is {len(name)} characters long, the limit is {MAX_NAME_LENGTH}"
    if any(ch in name for ch in '"\\/\n\r\t') or ".." in name:
        return "the project name may not contain quotes, slashes, backslashes, '..' or line breaks"
    if not slugify(name):
        return "the project name needs at least one ASCII letter or digit to derive a package name from"
    return ""
